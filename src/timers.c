/*
 * timers.c — the timer engine (see timers.h; the design is in sla.h).
 *
 * It owns nothing but the order of things: what is due comes from the
 * store's index of next actions, the decisions from sla.c, the actions
 * from casework (casework_clock_act), and each case is one transaction
 * holding its timer_fired rows, its events, its outbox rows and its new
 * clock.  Lines saying what was done are handed to the caller only after
 * the commit, so what `complaintctl timers run` prints happened.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "archive_run.h"
#include "buf.h"
#include "calendar.h"
#include "casework.h"
#include "cpar.h"
#include "log.h"
#include "schedule.h"
#include "sha256.h"
#include "sla.h"
#include "timers.h"
#include "tmpl.h"
#include "xmalloc.h"

#define TIMERS_BATCH	100	/* due cases read at once */
#define TIMERS_REFRESH	500	/* cases per transaction when refreshing */
#define TIMERS_LINE	512

struct timers {
	const struct conf	*cf;
	struct store		*st;
	struct tmplset		*ts;
	struct calendar		*cal;
	struct casework		 cw;
};

/* What one case's actions did, told after its commit. */
struct timers_case_out {
	struct sla_action	a[SLA_MAX_ACTIONS];
	char			what[SLA_MAX_ACTIONS][TIMERS_LINE];
	size_t			n;
	char			reference[64];
};

struct timers *
timers_new(const struct conf *cf, struct store *st, char *err,
    size_t errlen)
{
	struct timers *tm = xcalloc(1, sizeof *tm);
	const char *langs[8];
	size_t n;

	n = conf_languages(cf, langs, 8);
	if (tmplset_load(cf->templates_dir, langs, n, &tm->ts, err, errlen)
	    == -1 || (tm->cal = sla_calendar_new(cf, err, errlen)) == NULL) {
		timers_free(tm);
		return NULL;
	}
	tm->cf = cf;
	tm->st = st;
	tm->cw.cf = cf;
	tm->cw.st = st;
	tm->cw.ts = tm->ts;
	tm->cw.cal = tm->cal;
	return tm;
}

void
timers_free(struct timers *tm)
{
	if (tm == NULL) {
		return;
	}
	tmplset_free(tm->ts);
	calendar_free(tm->cal);
	free(tm);
}

/* ---- bringing the clocks up to date with the configuration ---- */

/* The digest of what the clock's times depend on. */
static void
timers_digest(const struct conf *cf, char out[65])
{
	const struct conf_sla *s = &cf->sla;
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_printf(&b, "zone %s days %#x %d-%d response %d resolve %d "
	    "feedback %d/%d remind %d escalate %d wait %d\n", cf->timezone,
	    s->workdays, s->day_start, s->day_end, s->response_hours,
	    s->resolve_days, s->feedback_days, s->feedback_reminder,
	    s->remind_hours, s->escalate_hours, s->wait_days);
	for (i = 0; i < s->nholidays; i++) {
		buf_printf(&b, "holiday %s\n", s->holidays[i]);
	}
	for (i = 0; i < cf->ncategories; i++) {
		buf_printf(&b, "category %s %d %d\n", cf->categories[i].id,
		    cf->categories[i].response_hours,
		    cf->categories[i].resolve_days);
	}
	for (i = 0; i < cf->nofficers; i++) {
		buf_printf(&b, "officer %s -> %s\n", cf->officers[i].id,
		    cf->officers[i].escalate_to ? cf->officers[i].escalate_to :
		    "");
	}
	sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

/* One batch of cases after *after: their clocks worked out again. */
static int
timers_refresh_batch(struct timers *tm, int64_t *after, time_t now,
    int *n)
{
	struct casework_clock k;
	int64_t ids[TIMERS_REFRESH];
	int i, r = 0;

	if (store_begin(tm->st) == -1) {
		return -1;
	}
	if (store_case_clock_live(tm->st, *after, ids, TIMERS_REFRESH, n)
	    == -1) {
		goto fail;
	}
	for (i = 0; i < *n; i++) {
		if ((r = casework_clock_load(&tm->cw, ids[i], &k)) == -1 ||
		    (r == 1 && casework_clock_save(&tm->cw, &k, now) == -1)) {
			goto fail;
		}
		*after = ids[i];
	}
	return store_commit(tm->st);
fail:
	store_rollback(tm->st);
	return -1;
}

int
timers_refresh(struct timers *tm, int *cases)
{
	char want[65], have[65];
	int64_t after = 0;
	time_t now = time(NULL);
	int n, r;

	*cases = 0;
	timers_digest(tm->cf, want);
	if ((r = store_clock_config(tm->st, have, sizeof have)) == -1) {
		return -1;
	}
	if (r == 1 && strcmp(have, want) == 0) {
		return 0;
	}
	do {
		if (timers_refresh_batch(tm, &after, now, &n) == -1) {
			return -1;
		}
		*cases += n;
	} while (n == TIMERS_REFRESH);
	if (store_begin(tm->st) == -1) {
		return -1;
	}
	if (store_clock_config_set(tm->st, want) == -1 ||
	    store_commit(tm->st) == -1) {
		store_rollback(tm->st);
		return -1;
	}
	return 0;
}

/* ---- the tick ---- */

/* One action.  Due more than sla.catch_up_days ago (a daemon stopped for
 * long, an upgrade starting the clock of old cases): carried out without
 * its messages, and the history says so. */
static int
timers_act(struct timers *tm, const struct case_brief *c,
    const struct casework_clock *k, const struct sla_action *a, time_t now,
    char what[TIMERS_LINE])
{
	int days = tm->cf->sla.catch_up_days;
	char detail[TIMERS_LINE + 160], when[32], done[TIMERS_LINE];
	int r;

	if (days <= 0 || now - a->at <= (time_t)days * 86400) {
		return casework_clock_act(&tm->cw, c, k, a, what,
		    TIMERS_LINE);
	}
	tm->cw.hold_messages = 1;
	r = casework_clock_act(&tm->cw, c, k, a, done, sizeof done);
	tm->cw.hold_messages = 0;
	calendar_format_local(a->at, when, sizeof when);
	snprintf(what, TIMERS_LINE, "stale: %lld days late, no message sent"
	    "%s%.400s", (long long)((now - a->at) / 86400), done[0] ? "; " :
	    "", done);
	snprintf(detail, sizeof detail, "%s due %s came %lld days late (more "
	    "than sla.catch_up_days, %d): carried out without sending its "
	    "messages%s%s", sla_kind_name(a->kind), when,
	    (long long)((now - a->at) / 86400), days, done[0] ? "; " : "",
	    done);
	return r == -1 || store_event_add(tm->st, c->id, "system",
	    "clock_stale", detail) == -1 ? -1 : 0;
}

/* Carry out the due actions of one case (inside its transaction). */
static int
timers_case_act(struct timers *tm, struct casework_clock *k, time_t now,
    struct timers_case_out *out)
{
	struct sla_action acts[SLA_MAX_ACTIONS];
	struct case_brief c;
	size_t n, i;
	int r;

	n = sla_case_due(tm->cal, &k->pol, &k->c, k->fired, k->nfired, now,
	    acts, SLA_MAX_ACTIONS);
	for (i = 0; i < n; i++) {
		if (store_case_by_id(tm->st, k->row.case_id, &c) != 1) {
			return -1;
		}
		snprintf(out->reference, sizeof out->reference, "%s",
		    c.reference);
		r = store_timer_fire(tm->st, "case", k->row.case_id,
		    sla_kind_name(acts[i].kind), acts[i].seq, acts[i].at, now);
		if (r == -1) {
			return -1;
		}
		if (k->nfired < CASEWORK_MAX_FIRED) {
			k->fired[k->nfired].kind = acts[i].kind;
			k->fired[k->nfired++].seq = acts[i].seq;
		}
		/* fired before (by another tick): its effect, not again */
		if (r == 1 && timers_act(tm, &c, k, &acts[i], now,
		    out->what[out->n]) == -1) {
			return -1;
		}
		if (r == 1) {
			out->a[out->n++] = acts[i];
		}
		sla_case_apply(&k->c, &acts[i]);
	}
	return 0;
}

/* One case, one transaction.  -1: it failed (rolled back). */
static int
timers_case(struct timers *tm, int64_t id, time_t now,
    struct timers_case_out *out)
{
	struct casework_clock k;
	int r;

	out->n = 0;
	if (store_begin(tm->st) == -1) {
		return -1;
	}
	r = casework_clock_load(&tm->cw, id, &k);
	/* gone, or another tick (complaintctl, the daemon) got there first */
	if (r != 1 || k.row.next_action_at == 0 ||
	    k.row.next_action_at > now) {
		store_rollback(tm->st);
		return r == -1 ? -1 : 0;
	}
	if (timers_case_act(tm, &k, now, out) == -1 ||
	    casework_clock_save(&tm->cw, &k, now) == -1 ||
	    store_commit(tm->st) == -1) {
		store_rollback(tm->st);
		out->n = 0;
		return -1;
	}
	return 0;
}

/* Tell the caller; non-zero when it asks to stop. */
static int
timers_tell(const struct timers_case_out *out, timers_cb cb, void *arg,
    int *actions)
{
	struct timers_done d;
	size_t i;
	int stop = 0;

	for (i = 0; i < out->n; i++) {
		(*actions)++;
		if (cb == NULL) {
			continue;
		}
		d.reference = out->reference;
		d.kind = sla_kind_name(out->a[i].kind);
		d.seq = out->a[i].seq;
		d.at = out->a[i].at;
		d.what = out->what[i];
		stop |= cb(arg, &d);
	}
	return stop;
}

int
timers_tick(struct timers *tm, time_t now, timers_cb cb, void *arg,
    int *actions)
{
	struct timers_case_out *out = xcalloc(1, sizeof *out);
	int64_t ids[TIMERS_BATCH], after_id = 0;
	time_t ats[TIMERS_BATCH], after_at = 0;
	int i, n, failed = 0, stop = 0, rc = 0;

	*actions = 0;
	tm->cw.now = now;
	store_set_now(tm->st, now);
	do {
		if (store_case_clock_due(tm->st, now, after_at, after_id, ids,
		    ats, TIMERS_BATCH, &n) == -1) {
			rc = -1;
			break;
		}
		for (i = 0; i < n && !stop; i++) {
			/* each case once per tick, whatever happens to it */
			after_at = ats[i];
			after_id = ids[i];
			if (timers_case(tm, ids[i], now, out) == -1) {
				failed++;
				continue;
			}
			stop = timers_tell(out, cb, arg, actions);
		}
	} while (n == TIMERS_BATCH && !stop);
	tm->cw.now = 0;
	/* then the schedules (schedule.h): failures are logged there */
	if (rc == 0 && !stop) {
		n = 0;
		schedule_tick(tm->cf, tm->st, tm->ts, tm->cal, now, cb, arg,
		    &n);
		*actions += n;
		/* and the channels (alerts.h) */
		n = 0;
		rc = alerts_tick(tm->cf, tm->st, tm->ts, now, cb, arg, &n);
		*actions += n;
		/* and the corrective actions (cpar.h) */
		n = 0;
		tm->cw.now = now;
		if (cpar_tick(&tm->cw, tm->cal, now, cb, arg, &n) == 0) {
			*actions += n;
		}
		tm->cw.now = 0;
		/* and the reminders of answers waiting for approval */
		n = 0;
		tm->cw.now = now;
		if (casework_approval_tick(&tm->cw, tm->cal, now, &n) == 0) {
			*actions += n;
		}
		tm->cw.now = 0;
		/* and retention (archive_run.h): a batch a tick */
		n = 0;
		if (archive_tick(&tm->cf->retention, tm->st, now, cb, arg,
		    &n) == 0) {
			*actions += n;
		}
	}
	store_set_now(tm->st, 0);
	free(out);
	if (failed > 0) {
		log_warnx("clock: %d case(s) could not be brought up to date; "
		    "tried again at the next tick", failed);
	}
	return rc;
}
