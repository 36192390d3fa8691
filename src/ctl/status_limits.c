/*
 * status_limits.c — the "Limits" part of `complaintctl status`: each
 * limit on what the daemon sends by itself (casework_priv.h), its setting,
 * and how many messages it held back in the last hour and the last day
 * (outbox.limited_by), so an administrator sees a flood being absorbed —
 * or a limit set too low for the organisation.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "ctl.h"
#include "json.h"

static const char *const limit_names[] = {
	"recipient_hour", "recipient_day", "total_hour", "total_day",
	"sms_prefix", "officer_hour",
};
#define NLIMITS	(sizeof limit_names / sizeof limit_names[0])

struct held {
	int	n[NLIMITS];
};

static int
held_row(void *arg, const char *limit, int count)
{
	struct held *h = arg;
	size_t i;

	for (i = 0; i < NLIMITS; i++) {
		if (strcmp(limit, limit_names[i]) == 0) {
			h->n[i] += count;
		}
	}
	return 0;
}

/* The setting of limit i, in words. */
static void
limit_setting(const struct conf *cf, size_t i, char *out, size_t outlen)
{
	const struct conf_limits *l = &cf->limits;
	struct buf b;
	size_t k;

	switch (i) {
	case 0:
		snprintf(out, outlen, "%d per recipient", l->autoreply_per_hour);
		break;
	case 1:
		snprintf(out, outlen, "%d per recipient", l->autoreply_per_day);
		break;
	case 2:
		snprintf(out, outlen, "%d", l->autoreply_total_per_hour);
		break;
	case 3:
		snprintf(out, outlen, "%d", l->autoreply_total_per_day);
		break;
	case 4:
		buf_init(&b);
		for (k = 0; k < l->nsms_reply_prefixes; k++) {
			buf_printf(&b, "%s%s", k ? " " : "",
			    l->sms_reply_prefixes[k]);
		}
		snprintf(out, outlen, "%s", b.data);
		buf_free(&b);
		break;
	default:
		snprintf(out, outlen, "%d per officer", l->notify_per_hour);
		break;
	}
}

int
status_limits(struct ctl *c, struct json *j)
{
	struct held hour, day;
	time_t now = time(NULL);
	char setting[128];
	size_t i;

	memset(&hour, 0, sizeof hour);
	memset(&day, 0, sizeof day);
	if (store_outbox_limited(c->st, now - 3600, held_row, &hour) == -1 ||
	    store_outbox_limited(c->st, now - 86400, held_row, &day) == -1) {
		return -1;
	}
	if (j != NULL) {
		json_key(j, "limits");
		json_object_begin(j);
	} else {
		printf("\nLimits (messages held back, not sent):\n"
		    "  %-16s %-20s %10s %10s\n", "LIMIT", "SETTING",
		    "LAST HOUR", "LAST DAY");
	}
	for (i = 0; i < NLIMITS; i++) {
		limit_setting(c->cf, i, setting, sizeof setting);
		if (j == NULL) {
			printf("  %-16s %-20s %10d %10d\n", limit_names[i],
			    setting, hour.n[i], day.n[i]);
			continue;
		}
		json_key(j, limit_names[i]);
		json_object_begin(j);
		json_kv_string(j, "setting", setting);
		json_kv_int(j, "last_hour", hour.n[i]);
		json_kv_int(j, "last_day", day.n[i]);
		json_object_end(j);
	}
	if (j != NULL) {
		json_object_end(j);
	}
	return 0;
}
