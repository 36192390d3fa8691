/*
 * worker_dispatch.c — the dispatch worker: sends the email outbox over SMTP
 * and runs the procedure clock.
 *
 * The loop: whenever something commits to the database (wake.h: the
 * write-ahead log is written; intake and complaintctl need do nothing
 * more) and at the worker's own deadlines (the clock's tick, the next
 * retry, closing an idle connection, the end of a server's rest), a
 * single indexed query asks whether an email row is due; between them
 * the worker sleeps.  If one is due, up to BATCH due rows are claimed (outbox_claim: in
 * one statement, so no other sender can take them), copied out, and sent
 * one after the other through one SMTP connection.  Each outcome is
 * recorded at once (outbox_report), so a crash between the server's 250
 * and the database repeats that one message at most; an outcome the
 * database will not take (locked, disk full) waits in memory and is
 * recorded again before anything new is claimed, its row staying claimed
 * so that it is never sent twice.  Rows claimed but not tried are
 * released (outbox_release, never those whose outcome waits) after a
 * database failure, on a clean stop, and when the worker starts again
 * (outbox_recover).  A connection failure (connect, TLS, login) ends the batch: the rows not tried yet go
 * back to the queue as they were (outbox_untried, see below) instead of
 * each waiting for the same timeout.
 * The connection is closed when nothing was sent for IDLE_CLOSE_S.
 *
 * When the server cannot be reached at all (connect, TLS, login: the
 * session failed, not the message), the claimed rows go back to the
 * queue without spending an attempt (an outage must not use up the
 * messages' retries, nor write a failure per row per poll) and the worker
 * leaves the server alone for a while: SERVER_BACKOFF_FIRST seconds,
 * doubling to SERVER_BACKOFF_MAX (not beyond SERVER_BACKOFF_FIRST while
 * the server took mail within the last RECENT_OK seconds: a restarted
 * server gets the waiting mail at once), reset by the next message sent.
 *
 * On SIGTERM the message in hand is finished (given STOP_GRACE_S at
 * most), no other is started.
 *
 * The clock (timers.h): at start the clocks are brought up to date with
 * the configuration if it changed, then one tick runs at once and one
 * every TICK_S seconds of the monotonic clock, as of the wall clock's
 * time — also without an smtp section (an SMS-only organisation needs
 * its reminders and escalations too; their SMS go through the outbox
 * like everything else).  A tick only queues outbox rows; sending them
 * is the loop's business as usual.
 *
 * What each mail looks like is mailout.c's business.  A row carries
 * everything its mail needs from the moment it is queued (casework.c:
 * Message-ID, threading, the Reply-To with the case's token for an
 * officer); a claimed row is copied once, into the struct mailout it
 * becomes, with the configured sender added.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "conf_load.h"
#include "log.h"
#include "mailout.h"
#include "outbox.h"
#include "smtp.h"
#include "store.h"
#include "timers.h"
#include "wake.h"
#include "workers.h"
#include "xmalloc.h"

#define BATCH		20
#define WAIT_MIN_MS	5	/* the shortest sleep: never a busy loop */
/* A wake-up comes with the commit's first write to the log, before the
 * commit is visible (the log is synced, then the shared index updated:
 * no event): after one, look again at 5, 10, 20 ... 160 ms. */
#define SETTLE_MS	5
#define SETTLE_STEPS	6
#define IDLE_CLOSE_S	5
#define STOP_GRACE_S	3
#define RECORD_STOP_S	5	/* s of trying to record outcomes at a stop */
#define SERVER_BACKOFF_FIRST	5
#define SERVER_BACKOFF_MAX	300
#define RECENT_OK		600
#define CLAIMER		"dispatch"
#define TICK_S		30	/* the clock's tick: at least once a minute */
#define PACK_AFTER_S	(30 * 86400)	/* sent mail compressed after */
#define PACK_BATCH	500		/* ... so many a tick at most */

/* A claimed row, copied out of the claiming transaction into the mail it
 * becomes: the strings of m (and kind) point into text. */
struct job {
	int64_t		 id;
	const char	*kind;
	struct mailout	 m;
	char		*text;		/* one allocation */
	struct mailout_file *files;	/* attached (a recap's CSV), copied */
	size_t		 nfiles;
};

struct dispatch {
	struct worker_ctx	*w;
	const struct conf	*cf;
	struct store		*st;
	struct smtp		*smtp;		/* NULL: no smtp section */
	struct timers		*tm;
	int64_t			 next_tick;	/* monotonic ms */
	struct job		 jobs[BATCH];
	int			 njobs;
	time_t			 stop_seen;	/* monotonic; 0: not yet */
	time_t			 last_used;	/* monotonic */
	int			 open;		/* a connection may be open */
	int			 backoff;	/* s; the server failed */
	time_t			 pause_until;	/* monotonic */
	struct outbox_pending	 pending;	/* outcomes not recorded yet */
	time_t			 last_sent;	/* monotonic; 0: not yet */
	char			 state[200];	/* as told to the supervisor */
	int			 wake;		/* wake.h; -1: deadlines only */
	int			 settle;	/* looks left after a wake-up */
	int			 server_ok;	/* as recorded for "smtp": 1 works,
						   0 down, -1 not yet */
};

static void
dispatch_state(struct dispatch *d, const char *state)
{
	if (strncmp(d->state, state, sizeof d->state - 1) != 0) {
		snprintf(d->state, sizeof d->state, "%.199s", state);
		worker_status(d->w, "%s", d->state);
	}
}

/* Heartbeats during a transfer; after SIGTERM, a little grace. */
static int
dispatch_tick(void *arg)
{
	struct dispatch *d = arg;

	worker_beat(d->w);
	if (!worker_stopping()) {
		return 0;
	}
	if (d->stop_seen == 0) {
		d->stop_seen = worker_now_ms() / 1000;
	}
	return worker_now_ms() / 1000 - d->stop_seen >= STOP_GRACE_S;
}

/* ---- claimed rows ---- */

/* The row's strings, copied into one allocation the job points into. */
static void
job_strings(struct job *j, const struct store_outbox_row *r)
{
	const char *src[] = { r->kind, r->reference, r->recipient,
	    r->recipient_name, r->reply_to, r->subject, r->rfc_message_id,
	    r->in_reply_to, r->references, r->body, r->body_html };
	const char **dst[] = { &j->kind, &j->m.reference, &j->m.to,
	    &j->m.to_name, &j->m.reply_to, &j->m.subject, &j->m.message_id,
	    &j->m.in_reply_to, &j->m.references, &j->m.text, &j->m.html };
	size_t i, n, len = 1;
	char *p;

	for (i = 0; i < sizeof src / sizeof src[0]; i++) {
		len += src[i] != NULL ? strlen(src[i]) + 1 : 0;
	}
	p = j->text = xmalloc(len);
	for (i = 0; i < sizeof src / sizeof src[0]; i++) {
		*dst[i] = NULL;
		if (src[i] != NULL) {
			n = strlen(src[i]) + 1;
			*dst[i] = memcpy(p, src[i], n);
			p += n;
		}
	}
}

static int
dispatch_copy(void *arg, const struct store_outbox_row *r)
{
	struct dispatch *d = arg;
	const struct conf_smtp *sm = d->cf->smtp;
	struct job *j;

	if (d->njobs >= BATCH) {
		return 0;
	}
	j = &d->jobs[d->njobs++];
	memset(j, 0, sizeof *j);
	j->id = r->id;
	job_strings(j, r);
	j->m.from = sm->from;
	j->m.from_name = sm->from_name;
	/* a row queued before rows carried it: the plain address */
	if (j->m.reply_to == NULL) {
		j->m.reply_to = sm->reply_to;
	}
	j->m.auto_submitted = mailout_auto_submitted(j->kind);
	j->m.loop = d->cf->org_domain;
	return 0;
}

/* A file of the row, copied (the store's bytes are borrowed). */
static void
job_file(void *arg, const char *name, const char *type, const void *data,
    size_t len)
{
	struct job *j = arg;
	struct mailout_file *f;
	char *copy = xmalloc(len + 1);

	memcpy(copy, data, len);
	j->files = xreallocarray(j->files, j->nfiles + 1, sizeof *j->files);
	f = &j->files[j->nfiles++];
	f->name = xstrdup(name);
	f->type = xstrdup(type);
	f->data = copy;
	f->len = len;
}

static void
job_free(struct job *j)
{
	size_t i;

	for (i = 0; i < j->nfiles; i++) {
		free((char *)j->files[i].name);
		free((char *)j->files[i].type);
		free((void *)j->files[i].data);
	}
	free(j->files);
	free(j->text);
	memset(j, 0, sizeof *j);
}

/* ---- outcomes ---- */

/* Record an outcome; one the database will not take now waits in
 * d->pending (see outbox.h): a sent message must not be sent again. */
static void
dispatch_record(struct dispatch *d, const struct job *j,
    enum smtp_outcome o, const char *detail)
{
	struct outbox_outcome oc;

	memset(&oc, 0, sizeof oc);
	oc.id = j->id;
	oc.result = o == SMTP_SENT ? OUTBOX_SENT : o == SMTP_TEMPFAIL ?
	    OUTBOX_TEMPFAIL : OUTBOX_PERMFAIL;
	snprintf(oc.detail, sizeof oc.detail, "%s", detail ? detail : "");
	outbox_report(d->st, d->cf, &d->pending, &oc, NULL, NULL);
}

/* Outcomes that wait are recorded before anything new is claimed: 0 when
 * none waits (any more). */
static int
dispatch_pending(struct dispatch *d, int now)
{
	char state[200];
	size_t n;

	if ((n = outbox_pending_flush(d->st, d->cf, &d->pending, NULL, NULL,
	    now)) == 0) {
		return 0;
	}
	snprintf(state, sizeof state, "error: %zu outcome(s) not recorded "
	    "yet: the database cannot be written (%.100s)", n,
	    store_errmsg(d->st));
	dispatch_state(d, state);
	return -1;
}

/* ---- one message ---- */

/* Send one row and record the outcome (or keep it, see
 * dispatch_record), with *res: 0.  -1: its attached files could not be
 * read (a store failure; not tried, the row is given back). */
static int
dispatch_one(struct dispatch *d, struct job *j, struct smtp_result *res)
{
	char *msg = NULL, err[256];
	struct tm tm;
	size_t len;

	memset(res, 0, sizeof *res);
	if (store_outbox_attachments(d->st, j->id, job_file, j) == -1) {
		return -1;
	}
	j->m.files = j->files;
	j->m.nfiles = j->nfiles;
	j->m.date = time(NULL);
	localtime_r(&j->m.date, &tm);
	j->m.gmtoff = tm.tm_gmtoff;
	if (mailout_build(&j->m, &msg, &len, err, sizeof err) == -1) {
		/* nothing to retry: the row itself cannot be sent */
		res->outcome = SMTP_PERMFAIL;
		snprintf(res->detail, sizeof res->detail, "%s", err);
		log_warnx("outbox #%lld: %s", (long long)j->id, err);
		dispatch_record(d, j, res->outcome, err);
		return 0;
	}
	smtp_send(d->smtp, j->m.to, msg, len, res);
	free(msg);
	d->open = 1;
	d->last_used = worker_now_ms() / 1000;
	if (res->outcome == SMTP_ABORTED ||
	    (res->outcome == SMTP_TEMPFAIL && res->session)) {
		/* not tried: released by outbox_recover / the batch */
		return 0;
	}
	if (res->outcome == SMTP_SENT) {
		d->backoff = 0;
		d->last_sent = worker_now_ms() / 1000;
		log_info("outbox #%lld: %s %s sent", (long long)j->id, j->kind,
		    j->m.reference ? j->m.reference : "");
	}
	dispatch_record(d, j, res->outcome, res->detail);
	/* the source "smtp" for alerts.h, once the database takes writes
	 * (an outcome waiting to be recorded comes first) */
	if (res->outcome == SMTP_SENT && d->server_ok != 1 &&
	    d->pending.n == 0 && store_source_status(d->st, "smtp",
	    "connected", NULL, 1) == 0) {
		d->server_ok = 1;
	}
	return 0;
}

/* ---- batches ---- */

/* The server could not be reached: rows from `from` on were not tried.
 * Queue them again as they were and leave the server alone a while. */
static int
dispatch_unreachable(struct dispatch *d, int from, const char *detail)
{
	int64_t ids[BATCH];
	char state[256];
	int i, n = 0;

	for (i = from; i < d->njobs; i++) {
		ids[n++] = d->jobs[i].id;
	}
	d->backoff = worker_backoff(d->backoff, SERVER_BACKOFF_FIRST,
	    d->last_sent != 0 && worker_now_ms() / 1000 - d->last_sent <
	    RECENT_OK ? SERVER_BACKOFF_FIRST : SERVER_BACKOFF_MAX);
	d->pause_until = worker_now_ms() / 1000 + d->backoff;
	snprintf(state, sizeof state, "error: %.180s; trying again in %d s",
	    detail, d->backoff);
	dispatch_state(d, state);
	store_source_status(d->st, "smtp", "error", detail, 0);
	d->server_ok = 0;
	/* smtp.c said what failed; here only what happens next */
	log_info("%d message(s) wait; trying the server again in %d s", n,
	    d->backoff);
	return outbox_untried(d->st, ids, (size_t)n, detail);
}

/* Claim and send what is due: the number of rows claimed, or -1. */
static int
dispatch_batch(struct dispatch *d)
{
	struct smtp_result res;
	time_t when;
	int i, n, r, rc = 0;

	if (d->pending.n > 0) {
		if (dispatch_pending(d, 0) == -1) {
			return 0;
		}
		/* recorded at last: the rows the failure left claimed (not
		 * tried) are due again, without a restart */
		outbox_release(d->st, "email", CLAIMER, NULL);
	}
	r = store_outbox_next_due(d->st, "email", &when);
	if (r != 1 || when > time(NULL)) {
		return r == -1 ? -1 : 0;
	}
	d->njobs = 0;
	if ((n = outbox_claim(d->st, "email", CLAIMER, BATCH, dispatch_copy,
	    d)) <= 0) {
		return n;
	}
	dispatch_state(d, "sending");
	for (i = 0; i < d->njobs && !worker_stopping(); i++) {
		if (dispatch_one(d, &d->jobs[i], &res) == -1) {
			rc = -1;
			break;
		}
		if (d->pending.n > 0) {
			break;		/* the database fails: send no more */
		}
		if (res.session && res.outcome == SMTP_TEMPFAIL) {
			rc = dispatch_unreachable(d, i, res.detail);
			break;
		}
		if (i + 1 == d->njobs) {
			dispatch_state(d, "idle");
		}
	}
	for (i = 0; i < d->njobs; i++) {
		job_free(&d->jobs[i]);
	}
	d->njobs = 0;
	return rc == -1 ? -1 : n;
}

/* ---- the clock ---- */

/* An action carried out; a long tick goes on beating, and stops when
 * the worker is asked to. */
static int
dispatch_clock_done(void *arg, const struct timers_done *t)
{
	struct dispatch *d = arg;

	log_info("clock: %s: %s %lld: %s", t->reference, t->kind,
	    (long long)t->seq, t->what);
	worker_beat(d->w);
	return worker_stopping();
}

/* A tick when one is due. */
static void
dispatch_clock(struct dispatch *d)
{
	int n;

	if (worker_now_ms() < d->next_tick) {
		return;
	}
	d->next_tick = worker_now_ms() + TICK_S * 1000;
	if (timers_tick(d->tm, time(NULL), dispatch_clock_done, d, &n) == 0) {
		log_debug("clock: tick, %d action(s)", n);
	}
	/* mail sent PACK_AFTER_S ago and more kept compressed, a batch a
	 * tick (by the real clock: not a procedure's time) */
	if (store_outbox_pack_sent(d->st, time(NULL) - PACK_AFTER_S,
	    PACK_BATCH, &n) == 0 && n > 0) {
		log_debug("outbox: %d sent mail(s) compressed", n);
	}
}

static int
dispatch_clock_open(struct dispatch *d)
{
	char err[4096];
	int n;

	if ((d->tm = timers_new(d->cf, d->st, err, sizeof err)) == NULL) {
		log_warnx("clock: %s", err);
		return EX_CONFIG;
	}
	if (timers_refresh(d->tm, &n) == -1) {
		return EX_UNAVAILABLE;
	}
	if (n > 0) {
		log_info("clock: the configuration changed: %d case(s) "
		    "brought up to date", n);
	}
	return 0;
}

/* ---- the worker ---- */

static int
dispatch_smtp_open(struct dispatch *d)
{
	const struct conf_smtp *sm = d->cf->smtp;
	char *pw = NULL, err[256];
	int rc = EX_UNAVAILABLE;

	if (sm->password_file != NULL &&
	    conf_read_secret(sm->password_file, &pw, err, sizeof err) == -1) {
		log_warnx("smtp: %s", err);
		return EX_CONFIG;
	}
	if (smtp_init() == -1) {
		goto out;
	}
	d->smtp = smtp_new(sm, pw, dispatch_tick, d);
	if (d->smtp == NULL || outbox_recover(d->st, "email", CLAIMER) == -1) {
		goto out;
	}
	rc = 0;
out:
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	return rc;
}

static int
dispatch_open(struct dispatch *d)
{
	int rc;

	/* watching first: a commit made while the store opens still wakes */
	d->wake = wake_open(d->cf->database);
	if (store_open(d->cf->database, 5000, &d->st) == -1) {
		return EX_UNAVAILABLE;
	}
	store_cache_limit(d->st, WORKER_CACHE_KIB);
	if (d->cf->smtp != NULL && (rc = dispatch_smtp_open(d)) != 0) {
		return rc;
	}
	return dispatch_clock_open(d);
}

/* At a stop: outcomes that wait get a few more seconds; the rows whose
 * outcome still waits stay claimed (the log says which). */
static void
dispatch_close(struct dispatch *d)
{
	int64_t until = worker_now_ms() + RECORD_STOP_S * 1000;
	size_t i;

	if (d->st != NULL && d->smtp != NULL) {
		while (dispatch_pending(d, 1) == -1 && worker_now_ms() < until) {
			sleep(1);
		}
		for (i = 0; i < d->pending.n; i++) {
			if (d->pending.v[i].result == OUTBOX_SENT) {
				log_warnx("outbox #%lld: sent, but not "
				    "recorded: it goes out again when the "
				    "daemon restarts",
				    (long long)d->pending.v[i].id);
			}
		}
		outbox_release(d->st, "email", CLAIMER, &d->pending);
	}
	outbox_pending_free(&d->pending);
	smtp_free(d->smtp);
	timers_free(d->tm);
	store_close(d->st);
	wake_close(d->wake);
}

/* Sleep until a commit or the first of the worker's deadlines: the
 * clock's tick, the next queued row's time, closing the idle connection,
 * the end of the server's rest.  Resting, or with no server, commits do
 * not wake it: nothing could be sent (during a busy intake they came
 * every few milliseconds, each a look at the outbox for nothing). */
static void
dispatch_idle(struct dispatch *d)
{
	int64_t now = worker_now_ms(), ms = d->next_tick - now;
	time_t when;
	int wake = d->smtp != NULL && now / 1000 >= d->pause_until ? d->wake :
	    -1;

	if (d->smtp != NULL && now / 1000 < d->pause_until) {
		if ((int64_t)d->pause_until * 1000 - now < ms) {
			ms = (int64_t)d->pause_until * 1000 - now;
		}
	} else if (d->smtp != NULL && store_outbox_next_due(d->st, "email",
	    &when) == 1 && (int64_t)(when - time(NULL)) * 1000 < ms) {
		ms = (int64_t)(when - time(NULL)) * 1000;
	}
	if (d->open && (int64_t)(d->last_used + IDLE_CLOSE_S) * 1000 - now <
	    ms) {
		ms = (int64_t)(d->last_used + IDLE_CLOSE_S) * 1000 - now;
	}
	if (d->settle > 0) {
		if ((SETTLE_MS << (SETTLE_STEPS - d->settle)) < ms) {
			ms = SETTLE_MS << (SETTLE_STEPS - d->settle);
		}
		d->settle--;
	}
	ms = ms < WAIT_MIN_MS ? WAIT_MIN_MS : ms;
	if (worker_wait(d->w, wake, (int)ms) == 2 &&
	    wake_drain(d->wake, d->cf->database)) {
		d->settle = SETTLE_STEPS;
	}
}

/* Send what is due, when there is a server and it is not resting. */
static void
dispatch_mail(struct dispatch *d)
{
	int n;

	if (d->smtp == NULL || worker_now_ms() / 1000 < d->pause_until) {
		dispatch_idle(d);
		return;
	}
	if ((n = dispatch_batch(d)) == -1) {
		dispatch_state(d, "error: the database failed, trying again in "
		    "5 s");
		worker_sleep(d->w, 5000);
		/* rows left claimed by the failure are due again, not those
		 * whose outcome waits */
		outbox_release(d->st, "email", CLAIMER, &d->pending);
	} else if (n == 0) {
		if (d->open && worker_now_ms() / 1000 - d->last_used >=
		    IDLE_CLOSE_S) {
			smtp_close(d->smtp);
			d->open = 0;
		}
		dispatch_idle(d);
	}
}

int
worker_dispatch_main(struct worker_ctx *w)
{
	struct dispatch d;
	int rc;

	memset(&d, 0, sizeof d);
	d.wake = -1;
	d.w = w;
	d.server_ok = -1;
	d.cf = w->cf;
	if ((rc = dispatch_open(&d)) != 0) {
		dispatch_close(&d);
		return rc;
	}
	dispatch_state(&d, d.smtp != NULL ? "idle" : "idle: no smtp section, "
	    "email is not sent");
	while (!worker_stopping()) {
		worker_beat(w);
		dispatch_clock(&d);
		dispatch_mail(&d);
	}
	dispatch_close(&d);
	return 0;
}
