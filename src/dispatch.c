/*
 * dispatch.c — the dispatch worker: sends the email outbox over SMTP.
 *
 * The loop: every POLL_MS a single indexed query asks whether an email row
 * is due; if one is, up to BATCH due rows are claimed (outbox_claim: in
 * one statement, so no other sender can take them), copied out, and sent
 * one after the other through one SMTP connection.  Each outcome is
 * recorded at once (outbox_report), so a crash between the server's 250
 * and the database repeats that one message at most; an outcome the
 * database will not take (locked, disk full) waits in memory and is
 * recorded again before anything new is claimed, its row staying claimed
 * so that it is never sent twice.  Rows claimed but not tried are
 * released (outbox_release, never those whose outcome waits) after a
 * database failure, on a clean stop, and when the worker starts again
 * (outbox_recover).  A connection
 * failure (connect, TLS, login) ends the batch: the rows not tried yet get
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
 * most), no other is started.  Without an smtp section the worker only
 * keeps the supervisor company.
 *
 * What each mail looks like is mailout.c's business; here the row is
 * turned into a struct mailout: Reply-To with the case's token for an
 * officer (local+TOKEN@domain, so the reply is recognised and
 * authenticated by intake), the plain address for a complainant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "casework.h"
#include "log.h"
#include "mailout.h"
#include "outbox.h"
#include "smtp.h"
#include "store.h"
#include "workers.h"
#include "xmalloc.h"

#define BATCH		20
#define POLL_MS		200
#define IDLE_CLOSE_S	5
#define STOP_GRACE_S	3
#define RECORD_STOP_S	5	/* s of trying to record outcomes at a stop */
#define SERVER_BACKOFF_FIRST	5
#define SERVER_BACKOFF_MAX	300
#define RECENT_OK		600
#define CLAIMER		"dispatch"

/* A claimed row, copied out of the claiming transaction. */
struct job {
	int64_t	 id;
	int64_t	 case_id;
	char	*reference;
	char	*kind;
	char	*recipient;
	char	*recipient_name;
	char	*officer;
	char	*subject;
	char	*body;
	char	*body_html;
	char	*msgid;
	char	*in_reply_to;
	char	*references;
};

struct dispatch {
	struct worker_ctx	*w;
	const struct conf	*cf;
	struct store		*st;
	struct smtp		*smtp;
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
};

static time_t
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

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
		d->stop_seen = mono_now();
	}
	return mono_now() - d->stop_seen >= STOP_GRACE_S;
}

/* ---- claimed rows ---- */

static int
dispatch_copy(void *arg, const struct store_outbox_row *r)
{
	struct dispatch *d = arg;
	struct job *j;

	if (d->njobs >= BATCH) {
		return 0;
	}
	j = &d->jobs[d->njobs++];
	j->id = r->id;
	j->case_id = r->case_id;
	j->reference = xstrdup(r->reference);
	j->kind = xstrdup(r->kind);
	j->recipient = xstrdup(r->recipient);
	j->recipient_name = xstrdup(r->recipient_name);
	j->officer = xstrdup(r->officer);
	j->subject = xstrdup(r->subject);
	j->body = xstrdup(r->body);
	j->body_html = xstrdup(r->body_html);
	j->msgid = xstrdup(r->rfc_message_id);
	j->in_reply_to = xstrdup(r->in_reply_to);
	j->references = xstrdup(r->references);
	return 0;
}

static void
job_free(struct job *j)
{
	free(j->reference);
	free(j->kind);
	free(j->recipient);
	free(j->recipient_name);
	free(j->officer);
	free(j->subject);
	free(j->body);
	free(j->body_html);
	free(j->msgid);
	free(j->in_reply_to);
	free(j->references);
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

/* The row's Message-ID; a row queued without one gets one now, stored
 * before sending so that replies find the case. */
static int
dispatch_msgid(struct dispatch *d, struct job *j)
{
	if (j->msgid != NULL && *j->msgid != '\0') {
		return 0;
	}
	free(j->msgid);
	j->msgid = casework_message_id(d->cf, j->reference, j->kind);
	if (store_begin(d->st) == -1 || store_outbox_set_msgid(d->st, j->id,
	    j->msgid) == -1 || store_commit(d->st) == -1) {
		store_rollback(d->st);
		return -1;
	}
	return 0;
}

/* Officers answer to local+TOKEN@domain: intake recognises the case and
 * trusts the reply.  Complainants answer to the plain address. */
static void
dispatch_reply_to(struct dispatch *d, const struct job *j, char *out,
    size_t outlen)
{
	const char *base = d->cf->smtp->reply_to;
	struct case_brief c;

	snprintf(out, outlen, "%s", base);
	if (j->officer == NULL || j->case_id == 0 ||
	    store_case_by_id(d->st, j->case_id, &c) != 1 ||
	    c.token[0] == '\0') {
		return;
	}
	if (mailout_plus_address(base, c.token, out, outlen) == -1) {
		snprintf(out, outlen, "%s", base);
	}
}

static int
dispatch_build(struct dispatch *d, const struct job *j, char **msg,
    size_t *len, char *err, size_t errlen)
{
	const struct conf_smtp *sm = d->cf->smtp;
	struct mailout m;
	char reply_to[320];
	struct tm tm;

	dispatch_reply_to(d, j, reply_to, sizeof reply_to);
	memset(&m, 0, sizeof m);
	m.from = sm->from;
	m.from_name = sm->from_name;
	m.to = j->recipient;
	m.to_name = j->recipient_name;
	m.reply_to = reply_to;
	m.subject = j->subject;
	m.reference = j->reference;
	m.message_id = j->msgid;
	m.in_reply_to = j->in_reply_to;
	m.references = j->references;
	m.auto_submitted = mailout_auto_submitted(j->kind);
	m.loop = d->cf->org_domain;
	m.text = j->body;
	m.html = j->body_html;
	m.date = time(NULL);
	localtime_r(&m.date, &tm);
	m.gmtoff = tm.tm_gmtoff;
	return mailout_build(&m, msg, len, err, errlen);
}

/* Send one row and record the outcome.  -1: a store failure (the row
 * stays claimed until the worker starts again); else 0, with *res. */
static int
dispatch_one(struct dispatch *d, struct job *j, struct smtp_result *res)
{
	char *msg = NULL, err[256];
	size_t len;

	memset(res, 0, sizeof *res);
	if (dispatch_msgid(d, j) == -1) {
		return -1;
	}
	if (dispatch_build(d, j, &msg, &len, err, sizeof err) == -1) {
		/* nothing to retry: the row itself cannot be sent */
		res->outcome = SMTP_PERMFAIL;
		snprintf(res->detail, sizeof res->detail, "%s", err);
		log_warnx("outbox #%lld: %s", (long long)j->id, err);
		dispatch_record(d, j, res->outcome, err);
		return 0;
	}
	smtp_send(d->smtp, j->recipient, msg, len, res);
	free(msg);
	d->open = 1;
	d->last_used = mono_now();
	if (res->outcome == SMTP_ABORTED ||
	    (res->outcome == SMTP_TEMPFAIL && res->session)) {
		/* not tried: released by outbox_recover / the batch */
		return 0;
	}
	if (res->outcome == SMTP_SENT) {
		d->backoff = 0;
		d->last_sent = mono_now();
		log_info("outbox #%lld: %s %s sent", (long long)j->id, j->kind,
		    j->reference ? j->reference : "");
	}
	dispatch_record(d, j, res->outcome, res->detail);
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
	    d->last_sent != 0 && mono_now() - d->last_sent < RECENT_OK ?
	    SERVER_BACKOFF_FIRST : SERVER_BACKOFF_MAX);
	d->pause_until = mono_now() + d->backoff;
	snprintf(state, sizeof state, "error: %.180s; trying again in %d s",
	    detail, d->backoff);
	dispatch_state(d, state);
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

/* ---- the worker ---- */

static int
dispatch_idle(struct worker_ctx *w)
{
	worker_status(w, "idle: no smtp section, email is not sent");
	while (!worker_sleep(w, 1000)) {
		;
	}
	return 0;
}

static int
dispatch_open(struct dispatch *d)
{
	const struct conf_smtp *sm = d->cf->smtp;
	char *pw = NULL, err[256];
	int rc = EX_UNAVAILABLE;

	if (sm->password_file != NULL &&
	    conf_read_secret(sm->password_file, &pw, err, sizeof err) == -1) {
		log_warnx("smtp: %s", err);
		return EX_CONFIG;
	}
	if (smtp_init() == -1 || store_open(d->cf->database, 5000, &d->st)
	    == -1) {
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

/* At a stop: outcomes that wait get a few more seconds; the rows whose
 * outcome still waits stay claimed (the log says which). */
static void
dispatch_close(struct dispatch *d)
{
	time_t until = mono_now() + RECORD_STOP_S;
	size_t i;

	if (d->st != NULL) {
		while (dispatch_pending(d, 1) == -1 && mono_now() < until) {
			sleep(1);
		}
		for (i = 0; i < d->pending.n; i++) {
			if (d->pending.v[i].result == OUTBOX_SENT) {
				log_warnx("outbox #%lld: sent, but not "
				    "recorded: it goes out again when the "
				    "daemon restarts", (long long)d->pending.v[i].id);
			}
		}
		outbox_release(d->st, "email", CLAIMER, &d->pending);
	}
	outbox_pending_free(&d->pending);
	smtp_free(d->smtp);
	store_close(d->st);
}

int
worker_dispatch_main(struct worker_ctx *w)
{
	struct dispatch d;
	int n, rc;

	if (w->cf->smtp == NULL) {
		return dispatch_idle(w);
	}
	memset(&d, 0, sizeof d);
	d.w = w;
	d.cf = w->cf;
	if ((rc = dispatch_open(&d)) != 0) {
		dispatch_close(&d);
		return rc;
	}
	dispatch_state(&d, "idle");
	while (!worker_stopping()) {
		worker_beat(w);
		if (mono_now() < d.pause_until) {
			worker_sleep(w, POLL_MS);
			continue;
		}
		if ((n = dispatch_batch(&d)) == -1) {
			dispatch_state(&d, "error: the database failed, "
			    "trying again in 5 s");
			worker_sleep(w, 5000);
			/* rows left claimed by the failure are due again,
			 * not those whose outcome waits */
			outbox_release(d.st, "email", CLAIMER, &d.pending);
		} else if (n == 0) {
			if (d.open && mono_now() - d.last_used >= IDLE_CLOSE_S) {
				smtp_close(d.smtp);
				d.open = 0;
			}
			worker_sleep(w, POLL_MS);
		}
	}
	dispatch_close(&d);
	return 0;
}
