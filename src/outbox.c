/*
 * outbox.c — what a delivery outcome means (see outbox.h).  Shared by
 * every sender so email and SMS retry, fail and record the same way, and
 * keep an outcome the database cannot take yet the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "outbox.h"
#include "xmalloc.h"

#define BACKOFF_MAX	(4 * 3600)
#define PENDING_FIRST	1	/* s: pause before recording again */
#define PENDING_MAX	30

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

/* ",id,id," of what waits: the claims not to give back */
static char *
outbox_keep_list(const struct outbox_pending *p)
{
	char *s, *t;
	size_t i;

	if (p == NULL || p->n == 0) {
		return NULL;
	}
	s = xstrdup(",");
	for (i = 0; i < p->n; i++) {
		t = xasprintf("%s%lld,", s, (long long)p->v[i].id);
		free(s);
		s = t;
	}
	return s;
}

static int
outbox_give_back(struct store *st, const char *channel, const char *claimer,
    const struct outbox_pending *p, int untried)
{
	char *keep = outbox_keep_list(p);
	int n = 0;

	if (store_begin(st) == -1 || store_outbox_release(st, channel,
	    claimer, keep, untried, &n) == -1 ||
	    store_commit(st) == -1) {
		store_rollback(st);
		n = -1;
	}
	free(keep);
	return n;
}

int
outbox_release(struct store *st, const char *channel, const char *claimer,
    const struct outbox_pending *p)
{
	return outbox_give_back(st, channel, claimer, p, 1);
}

int
outbox_recover(struct store *st, const char *channel, const char *claimer)
{
	/* a crash may have hit in the middle of a send: it counts */
	int n = outbox_give_back(st, channel, claimer, NULL, 0);

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

/* Inside the caller's transaction: the row's new status, its event. */
static int
outbox_finish(struct store *st, const struct row_copy *c, int64_t id,
    const char *status, const char *detail, time_t next, const char *event)
{
	char text[512];

	if (store_outbox_finish(st, id, status, detail, next) == -1) {
		return -1;
	}
	if (event != NULL && c->case_id != 0) {
		snprintf(text, sizeof text, "%s to %s%s%s (outbox #%lld): %s",
		    c->kind, c->officer[0] ? "officer " : "the complainant",
		    c->officer, "", (long long)id, detail ? detail : "");
		if (store_event_add(st, c->case_id, "system", event, text)
		    == -1) {
			return -1;
		}
	}
	if (strcmp(status, "sent") == 0 && outbox_acknowledged(st, c) == -1) {
		return -1;
	}
	return 0;
}

/* What an outcome means for the row, inside the caller's transaction. */
static int
outbox_outcome_in(struct store *st, const struct conf *cf,
    const struct outbox_outcome *o)
{
	struct row_copy c;
	int delay;

	memset(&c, 0, sizeof c);
	if (store_outbox_get(st, o->id, outbox_copy, &c) != 1) {
		return -1;
	}
	if (o->result == OUTBOX_SENT) {
		return outbox_finish(st, &c, o->id, "sent", o->detail, 0,
		    "sent");
	}
	if (o->result == OUTBOX_PERMFAIL) {
		return outbox_finish(st, &c, o->id, "failed", o->detail, 0,
		    "delivery_failed");
	}
	if (c.attempts >= cf->limits.send_attempts) {
		return outbox_finish(st, &c, o->id, "dead", o->detail, 0,
		    "delivery_gave_up");
	}
	delay = outbox_backoff(cf, c.attempts);
	log_info("outbox #%lld: temporary failure (attempt %d of %d), next "
	    "try in %d s: %s", (long long)o->id, c.attempts,
	    cf->limits.send_attempts, delay, o->detail);
	return outbox_finish(st, &c, o->id, "queued", o->detail,
	    time(NULL) + delay, NULL);
}

int
outbox_record(struct store *st, const struct conf *cf,
    const struct outbox_outcome *o, outbox_also_fn also, void *arg)
{
	if (store_begin(st) == -1) {
		return -1;
	}
	if (outbox_outcome_in(st, cf, o) == -1 ||
	    (also != NULL && also(st, o, arg) == -1)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
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

static void
outbox_outcome_set(struct outbox_outcome *o, int64_t id,
    enum outbox_result result, const char *detail)
{
	memset(o, 0, sizeof *o);
	o->id = id;
	o->result = result;
	snprintf(o->detail, sizeof o->detail, "%s", detail ? detail : "");
}

int
outbox_sent(struct store *st, int64_t id, const char *detail)
{
	struct outbox_outcome o;

	outbox_outcome_set(&o, id, OUTBOX_SENT, detail);
	return outbox_record(st, NULL, &o, NULL, NULL);
}

int
outbox_failed(struct store *st, const struct conf *cf, int64_t id,
    int temporary, const char *detail)
{
	struct outbox_outcome o;

	outbox_outcome_set(&o, id, temporary ? OUTBOX_TEMPFAIL :
	    OUTBOX_PERMFAIL, detail);
	return outbox_record(st, cf, &o, NULL, NULL);
}

/* ---- outcomes the database could not take yet ---- */

static time_t
outbox_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

int
outbox_report(struct store *st, const struct conf *cf,
    struct outbox_pending *p, struct outbox_outcome *o, outbox_also_fn also,
    void *arg)
{
	if (p->n == 0 && outbox_record(st, cf, o, also, arg) == 0) {
		free(o->extra);
		o->extra = NULL;
		return 0;
	}
	/* kept whatever the reason: a message that went out must not be
	 * queued again; after the others that wait, in order */
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->v[p->n++] = *o;
	o->extra = NULL;
	if (p->n == 1) {
		p->backoff = PENDING_FIRST;
		p->next = outbox_mono() + p->backoff;
	}
	log_warnx("outbox #%lld: %s, but the database cannot record it now "
	    "(%s); it stays claimed and is recorded later", (long long)o->id,
	    o->result == OUTBOX_SENT ? "sent" : "tried", store_errkind(st) ==
	    STORE_E_NONE ? "other outcomes wait before it" : store_errmsg(st));
	return 1;
}

size_t
outbox_pending_flush(struct store *st, const struct conf *cf,
    struct outbox_pending *p, outbox_also_fn also, void *arg, int now)
{
	size_t done = 0, i;

	if (p->n == 0 || (!now && outbox_mono() < p->next)) {
		return p->n;
	}
	while (done < p->n && outbox_record(st, cf, &p->v[done], also,
	    arg) == 0) {
		log_notice("outbox #%lld: recorded at last (%s)",
		    (long long)p->v[done].id, p->v[done].result ==
		    OUTBOX_SENT ? "sent" : "tried");
		free(p->v[done].extra);
		done++;
	}
	for (i = done; i < p->n; i++) {
		p->v[i - done] = p->v[i];
	}
	p->n -= done;
	if (p->n > 0) {
		p->backoff = p->backoff * 2 > PENDING_MAX ? PENDING_MAX :
		    p->backoff * 2;
		p->next = outbox_mono() + p->backoff;
	}
	return p->n;
}

int
outbox_pending_has(const struct outbox_pending *p, int64_t id)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (p->v[i].id == id) {
			return 1;
		}
	}
	return 0;
}

void
outbox_pending_free(struct outbox_pending *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].extra);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}
