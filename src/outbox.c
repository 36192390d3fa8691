/*
 * outbox.c — what a delivery outcome means (see outbox.h).  Shared by
 * every sender so email and SMS retry, fail and record the same way.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "outbox.h"

#define BACKOFF_MAX	(4 * 3600)

int
outbox_backoff(const struct conf *cf, int attempts)
{
	long d = cf->limits.retry_delay;
	int i;

	for (i = 1; i < attempts && d < BACKOFF_MAX; i++) {
		d *= 2;
	}
	return d > BACKOFF_MAX ? BACKOFF_MAX : (int)d;
}

int
outbox_recover(struct store *st, const char *channel, const char *claimer)
{
	int n = 0;

	if (store_begin(st) == -1 ||
	    store_outbox_release(st, channel, claimer, &n) == -1 ||
	    store_commit(st) == -1) {
		store_rollback(st);
		return -1;
	}
	if (n > 0) {
		log_notice("%d message(s) claimed before a restart are due "
		    "again", n);
	}
	return n;
}

int
outbox_claim(struct store *st, const char *channel, const char *claimer,
    int max, store_outbox_cb cb, void *arg)
{
	int n = 0;

	if (store_begin(st) == -1 || store_outbox_claim(st, channel, claimer,
	    time(NULL), max, cb, arg, &n) == -1 || store_commit(st) == -1) {
		store_rollback(st);
		return -1;
	}
	return n;
}

struct row_copy {
	int64_t	case_id;
	int	attempts;
	char	kind[32];
	char	recipient[128];
	char	officer[64];
};

static int
outbox_copy(void *arg, const struct store_outbox_row *r)
{
	struct row_copy *c = arg;

	c->case_id = r->case_id;
	c->attempts = r->attempts;
	snprintf(c->kind, sizeof c->kind, "%s", r->kind);
	snprintf(c->recipient, sizeof c->recipient, "%s", r->recipient);
	snprintf(c->officer, sizeof c->officer, "%s", r->officer ?
	    r->officer : "");
	return 0;
}

/* The case moves from new to acknowledged when its acknowledgement has
 * been delivered (not merely queued). */
static int
outbox_acknowledged(struct store *st, const struct row_copy *c)
{
	struct case_brief kase;
	int r;

	if (c->case_id == 0 || strcmp(c->kind, "ack") != 0) {
		return 0;
	}
	r = store_case_by_id(st, c->case_id, &kase);
	if (r != 1) {
		return r;
	}
	if (strcmp(kase.status, CASE_NEW) != 0) {
		return 0;
	}
	return store_case_set_status(st, c->case_id, CASE_ACKNOWLEDGED,
	    time(NULL));
}

static int
outbox_finish(struct store *st, int64_t id, const char *status,
    const char *detail, time_t next, const char *event)
{
	struct row_copy c;
	char text[512];
	int r;

	memset(&c, 0, sizeof c);
	if (store_begin(st) == -1) {
		return -1;
	}
	r = store_outbox_get(st, id, outbox_copy, &c);
	if (r != 1 || store_outbox_finish(st, id, status, detail, next) == -1) {
		goto fail;
	}
	if (event != NULL && c.case_id != 0) {
		snprintf(text, sizeof text, "%s to %s%s%s (outbox #%lld): %s",
		    c.kind, c.officer[0] ? "officer " : "the complainant",
		    c.officer, "", (long long)id, detail ? detail : "");
		if (store_event_add(st, c.case_id, "system", event, text)
		    == -1) {
			goto fail;
		}
	}
	if (strcmp(status, "sent") == 0 && outbox_acknowledged(st, &c) == -1) {
		goto fail;
	}
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
}

int
outbox_untried(struct store *st, const int64_t *ids, size_t n,
    const char *detail)
{
	size_t i;

	if (store_begin(st) == -1) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (store_outbox_untried(st, ids[i], detail) == -1) {
			store_rollback(st);
			return -1;
		}
	}
	return store_commit(st);
}

int
outbox_sent(struct store *st, int64_t id, const char *detail)
{
	return outbox_finish(st, id, "sent", detail, 0, "sent");
}

int
outbox_failed(struct store *st, const struct conf *cf, int64_t id,
    int temporary, const char *detail)
{
	struct row_copy c;
	int delay;

	memset(&c, 0, sizeof c);
	if (store_outbox_get(st, id, outbox_copy, &c) != 1) {
		return -1;
	}
	if (!temporary) {
		return outbox_finish(st, id, "failed", detail, 0,
		    "delivery_failed");
	}
	if (c.attempts >= cf->limits.send_attempts) {
		return outbox_finish(st, id, "dead", detail, 0,
		    "delivery_gave_up");
	}
	delay = outbox_backoff(cf, c.attempts);
	log_info("outbox #%lld: temporary failure (attempt %d of %d), next "
	    "try in %d s: %s", (long long)id, c.attempts,
	    cf->limits.send_attempts, delay, detail ? detail : "");
	return outbox_finish(st, id, "queued", detail, time(NULL) + delay,
	    NULL);
}
