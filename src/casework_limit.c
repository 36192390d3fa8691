/*
 * casework_limit.c — the limits on what the daemon sends by itself (see
 * casework_priv.h), so that a flood of forged mail or SMS cannot turn the
 * organisation's mail server and modem into a reflector: per recipient
 * (counted by limit.h's key: victim+1@, Victim@ are one address), for the
 * whole organisation, automatic SMS only to the configured countries, and
 * per officer (past the hourly number, one summary).  Every limit is a
 * setting (conf.h, struct conf_limits); what bit is on the outbox row
 * (limited_by, the note) and counted by complaintctl status.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "casework_priv.h"
#include "limit.h"

#define HOUR	3600
#define DAY	86400

/* One count against one limit: 1 when it bites. */
static int
casework_over(const struct casework *cw, const char *key, time_t since,
    int max, const char *by, const char *what, struct casework_limit *l)
{
	int n;

	if (store_outbox_count_auto(cw->st, key, since, max, &n) == -1) {
		return -1;
	}
	if (n < max) {
		return 0;
	}
	l->limited = 1;
	snprintf(l->by, sizeof l->by, "%s", by);
	snprintf(l->note, sizeof l->note, "not sent: %d automatic replies %s "
	    "(limit %d)", n, what, max);
	return 1;
}

static int
casework_automatic(const struct casework *cw, const char *channel,
    const char *officer, struct casework_limit *l)
{
	const struct conf_limits *lim = &cw->cf->limits;
	time_t now = time(NULL);
	int r;

	if (officer == NULL && strcmp(channel, "sms") == 0 &&
	    !limit_sms_allowed(cw->cf, l->key)) {
		l->limited = 1;
		snprintf(l->by, sizeof l->by, "sms_prefix");
		snprintf(l->note, sizeof l->note, "not sent: automatic SMS go "
		    "only to numbers of limits.sms_reply_prefixes");
		return 0;
	}
	if ((r = casework_over(cw, l->key, now - HOUR, lim->autoreply_per_hour,
	    "recipient_hour", "to this recipient in the last hour", l)) != 0 ||
	    (r = casework_over(cw, l->key, now - DAY, lim->autoreply_per_day,
	    "recipient_day", "to this recipient in the last day", l)) != 0 ||
	    (r = casework_over(cw, NULL, now - HOUR,
	    lim->autoreply_total_per_hour, "total_hour", "to anyone in the "
	    "last hour", l)) != 0) {
		return r == -1 ? -1 : 0;
	}
	r = casework_over(cw, NULL, now - DAY, lim->autoreply_total_per_day,
	    "total_day", "to anyone in the last day", l);
	return r == -1 ? -1 : 0;
}

/* An officer's notifications of new cases and follow-ups, per hour. */
static int
casework_notify(const struct casework *cw, const char *channel,
    const char *officer, struct casework_limit *l)
{
	time_t now = time(NULL), start = now - now % HOUR;
	int n, max = cw->cf->limits.notify_per_hour;

	if (store_outbox_count_notify(cw->st, officer, channel, start, max,
	    &n) == -1) {
		return -1;
	}
	if (n < max) {
		return 0;
	}
	l->limited = 1;
	l->summary_due = start + HOUR;
	snprintf(l->by, sizeof l->by, "officer_hour");
	snprintf(l->note, sizeof l->note, "not sent alone: %d notifications "
	    "to this officer this hour (limits.notify_per_hour %d); in the "
	    "summary sent at the hour's end", n, max);
	return 0;
}

int
casework_limits(const struct casework *cw, const char *channel,
    const char *rcpt, const char *officer, const char *kind, int automatic,
    struct casework_limit *l)
{
	memset(l, 0, sizeof *l);
	limit_key(rcpt, l->key, sizeof l->key);
	if (automatic) {
		return casework_automatic(cw, channel, officer, l);
	}
	if (officer != NULL && (strcmp(kind, "notify") == 0 ||
	    strcmp(kind, "followup") == 0)) {
		return casework_notify(cw, channel, officer, l);
	}
	return 0;
}
