/*
 * worker_imap.c — one IMAP mailbox read into cases, exactly once.
 *
 * The loop: connect (imap.c: TLS, certificate, LOGIN), SELECT, then
 * repeatedly list the messages above the last committed UID — in windows
 * of LIST_SPAN UIDs, so that a backlog of any size costs the memory of one
 * window; stretches without mail are crossed in windows doubled up to
 * LIST_SPAN_MAX, so a window never holds more than that many messages
 * (24 bytes each, and libetpan's text of the answer, about 90) — take them
 * in units and wait (IDLE when offered, else list again every
 * poll_interval).  A failure anywhere drops the session and
 * reconnects after a capped exponential backoff: 2 s doubling to 5 min,
 * but at most BACKOFF_RECENT seconds while the account worked within the
 * last RECENT_OK seconds (a restarted server is found again at once);
 * reset once intake works.
 *
 * A unit of messages goes through these steps, each one durable before
 * the next starts:
 *  1. UID FETCH BODY.PEEK[] (nothing changes on the server);
 *  2. one attempt per message counted in source_attempt and committed, so
 *     a worker that dies on a message leaves a trace;
 *  3. one transaction records every message (a savepoint each: a message
 *     that fails is undone alone and quarantined) and moves the mailbox's
 *     last UID past the unit;
 *  4. only after that commit: \Seen and MOVE to the processed folder
 *     (quarantined ones go to the quarantine folder, unflagged).
 * Steps 2 and 3 of a normal unit run on a second thread (bgjob.h) while
 * this one moves the unit before and fetches the next: the IMAP session
 * stays with this thread (libetpan's session is not shared), the store
 * with the other while it records (a refused move's warning is recorded
 * once it is done); step 4 for a unit waits for its commit.  At most a
 * unit and a half are in memory: the next unit is fetched once half of
 * the one being recorded is (each message's bytes are freed once it is
 * recorded).  Units retried alone, quarantined ones and the rest of a
 * failed fetch wait for the thread and run here, one after the other.
 * A crash before 3 commits leaves the messages where they were and a
 * counted attempt; a crash between 3 and 4 leaves recorded messages in the
 * mailbox at or below the last UID, which the next session moves (and the
 * pipeline's Message-ID deduplication would catch them anyway).
 *
 * Messages normally travel in batches (up to BATCH_MAX messages or
 * BATCH_BYTES bytes per fetch and transaction).  A unit that did not
 * finish (the worker died in it) is retried in halves, a half that dies
 * again in halves of that, and so on (BATCH_MAX >> attempts): a crash
 * loop keeps intake in batches, and a message that kills the worker is
 * cornered in log2(BATCH_MAX) rounds; tried alone limits.max_attempts
 * times it is quarantined unparsed.  A message larger than
 * limits.max_message_size (RFC822.SIZE) is never fetched whole: its first
 * PIPELINE_PREFIX bytes (BODY.PEEK[]<0.N>: the header and the start of
 * the text) are quarantined, the message moved whole to the quarantine
 * folder.  One the server will not hand out (a NO, or a dropped
 * connection while fetching it alone) is counted the same way, so it
 * cannot block the mailbox.  Items are named "<uidvalidity>/<uid>".
 *
 * A UIDVALIDITY change resets the last UID to 0: the whole mailbox is read
 * again and the pipeline recognises what it has recorded before.  It is
 * looked for at SELECT, after every listing and IDLE (a server may
 * announce a new one in the middle of a session), and — with a SELECT
 * again — when the server keeps announcing mail no listing shows.
 *
 * A refused move leaves the recorded mail in the mailbox and is shown as
 * the account's warning (complaintctl status) until a move works again;
 * each commit records when the newest message of its unit was delivered
 * (INTERNALDATE) and how long that was before the commit.  Going idle
 * after commits, the worker checkpoints the write-ahead log (PASSIVE).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "bgjob.h"
#include "imap.h"
#include "log.h"
#include "pipeline.h"
#include "store.h"
#include "worker.h"
#include "workers.h"
#include "xmalloc.h"

#define BATCH_MAX	200		/* messages per fetch + transaction */
#define BATCH_BYTES	(3 << 18)	/* bytes per fetch and transaction */
#define LIST_SPAN	2000		/* UIDs per listing */
#define LIST_SPAN_MAX	(1 << 14)	/* ... grown over empty stretches */
#define IDLE_MAX_MS	(20 * 60 * 1000)	/* RFC 2177: below 29 min */
#define BACKOFF_FIRST	2
#define BACKOFF_MAX	300
#define BACKOFF_RECENT	5	/* s, at most, while the account just worked */
#define RECENT_OK	600	/* s: "just" */
#define OK_EVERY	60		/* s between last_ok_at refreshes */
#define BUSY_MS		10000
#define RELISTS_MAX	3	/* listings for an EXISTS that shows nothing */

enum unit_kind {
	UNIT_BATCH,		/* normal messages, together */
	UNIT_RETRY,		/* tried before without finishing: alone */
	UNIT_POISON,		/* tried max_attempts times: quarantine */
	UNIT_OVERSIZE,		/* over max_message_size: quarantine header */
};

struct wi_try {
	uint32_t	uid;
	int		attempts;
	int		alone;		/* of them, made alone */
	char		note[200];	/* the last failure noted, or "" */
};

/* UIDs sorted into where they go after the commit. */
struct wi_dest {
	uint32_t	*processed;
	size_t		 nprocessed;
	uint32_t	*quarantined;
	size_t		 nquarantined;
};

/* A fetched unit being recorded on the second thread. */
struct wi_job {
	struct wi	*wi;
	struct imap_batch b;
	struct wi_dest	 d;
	uint32_t	 last;
	time_t		 delivered;
};

struct wi {
	struct worker_ctx	*w;
	const struct conf	*cf;
	const struct conf_imap	*ci;
	const char		*source;	/* "imap:<name>" */
	struct store		*st;
	struct pipeline		*p;
	struct imap		*im;
	uint32_t		 uidvalidity;
	uint32_t		 last_uid;
	struct wi_try		*tries;
	size_t			 ntries;
	uint32_t		*alone;		/* in a batch whose fetch
						   failed: try each alone */
	size_t			 nalone;
	int			 relists;	/* listings in a row that
						   found only an EXISTS */
	int			 backoff;
	time_t			 last_ok;
	int			 committed;	/* since the last checkpoint */
	int			 warned;	/* the warning may be set */
	int			 warn_said;	/* ... and was logged */
	enum { WARN_KEEP, WARN_SET, WARN_CLEAR } warn_next;
	char			 warn_text[512];	/* for WARN_SET */
	char			 err[320];
	int			 err_logged;	/* said where it happened */
	struct bgjob		*bg;		/* records units meanwhile */
	struct wi_job		*job;		/* the unit it has, or NULL */
};

/* ---- state, for the supervisor and for complaintctl ---- */

static int
wi_fail(struct wi *wi, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
wi_fail(struct wi *wi, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(wi->err, sizeof wi->err, fmt, ap);
	va_end(ap);
	wi->err_logged = 0;
	return -1;
}

/* The store has logged its failure (store.h): keep the reason for the
 * account's state, and let wi_retry() say only what happens next. */
static int
wi_fail_store(struct wi *wi)
{
	wi_fail(wi, "database: %s", store_errmsg(wi->st));
	wi->err_logged = 1;
	return -1;
}

static void
wi_state(struct wi *wi, const char *status, const char *error)
{
	store_source_status(wi->st, wi->source, status, error,
	    strcmp(status, "connected") == 0);
	if (strcmp(status, "connected") == 0) {
		wi->last_ok = time(NULL);
	}
}

static const char *
wi_mode(const struct wi *wi)
{
	switch (wi->ci->tls) {
	case CONF_TLS_IMPLICIT:
		return "TLS";
	case CONF_TLS_STARTTLS:
		return "STARTTLS";
	default:
		return "plain";
	}
}

static void
wi_item(const struct wi *wi, uint32_t uid, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu32 "/%" PRIu32, wi->uidvalidity, uid);
}

/* ---- attempts ---- */

static int
wi_try_add(void *arg, const char *item, int attempts, int alone,
    const char *note)
{
	struct wi *wi = arg;
	unsigned long uv, uid;
	char *end;

	uv = strtoul(item, &end, 10);
	if (*end != '/' || uv != wi->uidvalidity) {
		return 0;
	}
	uid = strtoul(end + 1, &end, 10);
	if (*end != '\0') {
		return 0;
	}
	wi->tries = xreallocarray(wi->tries, wi->ntries + 1,
	    sizeof *wi->tries);
	wi->tries[wi->ntries].uid = (uint32_t)uid;
	wi->tries[wi->ntries].attempts = attempts;
	wi->tries[wi->ntries].alone = alone;
	snprintf(wi->tries[wi->ntries].note, sizeof wi->tries[0].note, "%s",
	    note ? note : "");
	wi->ntries++;
	return 0;
}

static int
wi_tries_load(struct wi *wi)
{
	free(wi->tries);
	wi->tries = NULL;
	wi->ntries = 0;
	if (store_attempt_list(wi->st, wi->source, wi_try_add, wi) == -1) {
		return wi_fail_store(wi);
	}
	return 0;
}

static const struct wi_try *
wi_find_try(const struct wi *wi, uint32_t uid)
{
	size_t i;

	for (i = 0; i < wi->ntries; i++) {
		if (wi->tries[i].uid == uid) {
			return &wi->tries[i];
		}
	}
	return NULL;
}

/* Count one attempt for each fetched message before any of them is
 * processed (alone when it is the unit's only one).  The count has to
 * outlive a crash of this worker (that is what it detects), not a power
 * cut: a light commit, no fsync. */
static int
wi_count(struct wi *wi, const struct imap_batch *b)
{
	char item[32];
	size_t i;

	if (store_begin_light(wi->st) == -1) {
		return wi_fail_store(wi);
	}
	for (i = 0; i < b->n; i++) {
		wi_item(wi, b->v[i].uid, item, sizeof item);
		if (store_attempt_add(wi->st, wi->source, item, NULL,
		    b->n == 1) == -1) {
			store_rollback(wi->st);
			return wi_fail_store(wi);
		}
	}
	if (store_commit(wi->st) == -1) {
		return wi_fail_store(wi);
	}
	return 0;
}

/* The unit failed for reasons that are not the messages' (database busy
 * or full): take the attempts back, as far as the database lets us. */
static void
wi_uncount(struct wi *wi, const struct imap_batch *b)
{
	char item[32];
	size_t i;

	if (store_begin_light(wi->st) == -1) {
		return;
	}
	for (i = 0; i < b->n; i++) {
		wi_item(wi, b->v[i].uid, item, sizeof item);
		if (store_attempt_undo(wi->st, wi->source, item, b->n == 1)
		    == -1) {
			store_rollback(wi->st);
			return;
		}
	}
	store_commit(wi->st);
}

/* ---- after the commit: flags and folders ---- */

static void
wi_dest_init(struct wi_dest *d, size_t n)
{
	d->processed = xcalloc(n + 1, sizeof *d->processed);
	d->quarantined = xcalloc(n + 1, sizeof *d->quarantined);
	d->nprocessed = d->nquarantined = 0;
}

static void
wi_dest_free(struct wi_dest *d)
{
	free(d->processed);
	free(d->quarantined);
}

/* The account's warning recorded, once the store is this thread's: not
 * while the second thread records a unit (wi->job). */
static void
wi_warn_flush(struct wi *wi)
{
	if (wi->job != NULL || wi->warn_next == WARN_KEEP) {
		return;
	}
	if (wi->warn_next == WARN_SET) {
		store_source_warning(wi->st, wi->source, wi->warn_text);
		wi->warned = 1;
	} else if (!wi->warned || store_source_warning(wi->st, wi->source,
	    NULL) == 0) {
		if (wi->warn_said) {
			log_notice("moving taken-in mail works again");
		}
		wi->warned = wi->warn_said = 0;
	}
	wi->warn_next = WARN_KEEP;
}

/* A move refused, or working again: the account's warning, for
 * complaintctl status (said once, not at every pass). */
static void
wi_warn(struct wi *wi, const char *folder)
{
	if (folder == NULL) {
		if (wi->warned || wi->warn_next == WARN_SET) {
			wi->warn_next = WARN_CLEAR;
		}
		wi_warn_flush(wi);
		return;
	}
	snprintf(wi->warn_text, sizeof wi->warn_text, "taken-in mail cannot "
	    "be moved to %s, it stays in %s (recorded; moved at the next "
	    "session): %s", folder, wi->ci->mailbox, imap_error(wi->im));
	if (!wi->warn_said) {
		log_warnx("%s", wi->warn_text);
		wi->warn_said = 1;
	}
	wi->warn_next = WARN_SET;
	wi_warn_flush(wi);
}

/* A refused move (IMAP_E_NO) leaves the messages in the mailbox for the
 * next session, and says so; only a broken connection ends this one. */
static int
wi_moved(struct wi *wi, int r, size_t n, const char *folder)
{
	if (r == -1 && imap_errkind(wi->im) != IMAP_E_NO) {
		return wi_fail(wi, "%s", imap_error(wi->im));
	}
	if (r == -1) {
		wi_warn(wi, imap_folder(wi->im, folder));
	} else if (n > 0) {
		log_debug("moved %zu message(s) to %s", n,
		    imap_folder(wi->im, folder));
		wi_warn(wi, NULL);
	}
	return 0;
}

static int
wi_move(struct wi *wi, const struct wi_dest *d)
{
	int r;

	worker_beat(wi->w);
	r = imap_move(wi->im, d->processed, d->nprocessed,
	    wi->ci->processed_folder, 1);
	if (wi_moved(wi, r, d->nprocessed, wi->ci->processed_folder) == -1) {
		return -1;
	}
	r = imap_move(wi->im, d->quarantined, d->nquarantined,
	    wi->ci->quarantine_folder, 0);
	return wi_moved(wi, r, d->nquarantined, wi->ci->quarantine_folder);
}

/* ---- recording ---- */

static void
wi_log_result(const struct wi *wi, uint32_t uid,
    const struct pipeline_result *res)
{
	switch (res->status) {
	case PIPE_RECORDED:
		log_info("UID %" PRIu32 ": %s%s%s", uid,
		    intake_kind_name(res->kind), res->reference[0] ? " " : "",
		    res->reference);
		break;
	case PIPE_DUPLICATE:
		log_info("UID %" PRIu32 ": duplicate, %s", uid, res->why);
		break;
	case PIPE_QUARANTINED:
		log_warnx("UID %" PRIu32 ": quarantined as #%" PRId64 ": %s; "
		    "moving it to %s", uid, res->quarantine_id, res->why,
		    wi->ci->quarantine_folder);
		break;
	}
}

/*
 * One message inside the unit's transaction, under its own savepoint.
 * 1 quarantined, 0 recorded or duplicate, -1 temporary failure (the
 * caller rolls the whole unit back).
 */
static int
wi_record(struct wi *wi, const struct imap_body *m)
{
	struct pipeline_result res;
	char item[32], reason[320];
	int r;

	wi_item(wi, m->uid, item, sizeof item);
	if (store_savepoint(wi->st) == -1) {
		return wi_fail_store(wi);
	}
	r = pipeline_email(wi->p, wi->source, item, m->data, m->len, &res);
	if (r == -1 && res.temporary) {
		return wi_fail(wi, "recording UID %" PRIu32 " failed for now "
		    "(database busy or disk full, see above)", m->uid);
	}
	if (r == -1) {
		snprintf(reason, sizeof reason, "could not be recorded: %s",
		    store_errkind(wi->st) != STORE_E_NONE ?
		    store_errmsg(wi->st) : "see the daemon's log");
		if (store_savepoint_rollback(wi->st) == -1 ||
		    pipeline_quarantine(wi->p, wi->source, item, reason,
		    m->data, m->len, &res) == -1) {
			return wi_fail_store(wi);
		}
	} else if (store_savepoint_release(wi->st) == -1) {
		return wi_fail_store(wi);
	}
	if (store_attempt_clear(wi->st, wi->source, item) == -1) {
		return wi_fail_store(wi);
	}
	wi_log_result(wi, m->uid, &res);
	return res.status == PIPE_QUARANTINED;
}

/* Commit the unit with the mailbox's new last UID, and (delivered: the
 * newest INTERNALDATE of the unit, 0 none) how long after its delivery. */
static int
wi_commit(struct wi *wi, uint32_t last, time_t delivered)
{
	struct timespec now;
	int64_t ms = -1;

	clock_gettime(CLOCK_REALTIME, &now);
	if (delivered > 0) {
		ms = ((int64_t)now.tv_sec - delivered) * 1000 +
		    now.tv_nsec / 1000000;
		ms = ms < 0 ? 0 : ms;
	}
	if (store_source_set_position(wi->st, wi->source, wi->uidvalidity,
	    last) == -1 || (delivered > 0 && store_source_intake(wi->st,
	    wi->source, now.tv_sec, ms) == -1) ||
	    store_commit(wi->st) == -1) {
		store_rollback(wi->st);
		return wi_fail_store(wi);
	}
	log_debug("committed up to UID %" PRIu32, last);
	wi->committed = 1;
	wi->backoff = 0;		/* progress: the account works */
	wi->last_uid = last;
	wi->last_ok = time(NULL);
	return 0;
}

static int	wi_batch(struct wi *, const uint32_t *, size_t, time_t);

static int
wi_is_alone(const struct wi *wi, uint32_t uid)
{
	size_t i;

	for (i = 0; i < wi->nalone; i++) {
		if (wi->alone[i] == uid) {
			return 1;
		}
	}
	return 0;
}

/*
 * A fetch failed: the server said NO, or dropped the connection — which
 * may be the network, or a message the server chokes on.  A batch is not
 * blamed: its messages are tried alone from now on (at once after a NO).
 * A message that fails alone has an attempt counted, so after
 * max_attempts it is quarantined instead of blocking the mailbox for
 * ever.  The pass ends there: the last UID never moves past a message
 * that was not taken in.
 */
static int
wi_fetch_failed(struct wi *wi, const uint32_t *uids, size_t n)
{
	char item[32];
	size_t i;

	if (n > 1) {
		wi->alone = xreallocarray(wi->alone, wi->nalone + n,
		    sizeof *wi->alone);
		memcpy(wi->alone + wi->nalone, uids, n * sizeof *uids);
		wi->nalone += n;
		if (imap_errkind(wi->im) != IMAP_E_NO) {
			return wi_fail(wi, "%s", imap_error(wi->im));
		}
		for (i = 0; i < n; i++) {
			if (wi_batch(wi, &uids[i], 1, 0) == -1) {
				return -1;
			}
		}
		return 0;
	}
	wi_item(wi, uids[0], item, sizeof item);
	if (store_begin(wi->st) == 0 && store_attempt_add(wi->st,
	    wi->source, item, imap_error(wi->im), 1) == 0) {
		store_commit(wi->st);
	}
	store_rollback(wi->st);
	return wi_fail(wi, "UID %" PRIu32 ": %s", uids[0],
	    imap_error(wi->im));
}

/* Count, record and commit a fetched unit, sorting its UIDs into d.
 * Store and pipeline only (no IMAP): it may run on the second thread;
 * there (bg not NULL) each message's bytes are freed once it is recorded,
 * and the thread's progress counts them (see wi_overlap). */
static int
wi_take(struct wi *wi, struct imap_batch *b, struct wi_dest *d,
    uint32_t last, time_t delivered, struct bgjob *bg)
{
	size_t i;
	int r;

	if (wi_count(wi, b) == -1) {
		return -1;
	}
	if (store_begin(wi->st) == -1) {
		return wi_fail_store(wi);
	}
	for (i = 0; i < b->n; i++) {
		if ((r = wi_record(wi, &b->v[i])) == -1) {
			store_rollback(wi->st);
			wi_uncount(wi, b);
			return -1;
		}
		if (r == 1) {
			d->quarantined[d->nquarantined++] = b->v[i].uid;
		} else {
			d->processed[d->nprocessed++] = b->v[i].uid;
		}
		if (bg != NULL) {
			imap_batch_drop(b, i);
			bgjob_progress(bg, i + 1);
		}
	}
	if (wi_commit(wi, last, delivered) == -1) {
		wi_uncount(wi, b);
		return -1;
	}
	return 0;
}

/* Normal messages (fewer when retried): fetch, count, record, move.
 * delivered: the newest INTERNALDATE among them (0: unknown). */
static int
wi_batch(struct wi *wi, const uint32_t *uids, size_t n, time_t delivered)
{
	struct imap_batch b;
	struct wi_dest d;
	int rc = -1;

	worker_beat(wi->w);
	if (imap_fetch(wi->im, uids, n, 0, &b) == -1) {
		return wi_fetch_failed(wi, uids, n);
	}
	worker_beat(wi->w);
	wi_dest_init(&d, b.n);
	if (wi_take(wi, &b, &d, uids[n - 1], delivered, NULL) == 0) {
		imap_batch_free(&b);
		rc = wi_move(wi, &d);
	}
	imap_batch_free(&b);
	wi_dest_free(&d);
	return rc;
}

/* ---- overlap: the next unit fetched while this one is recorded ---- */

static int
wi_job_run(void *arg)
{
	struct wi_job *j = arg;

	return wi_take(j->wi, &j->b, &j->d, j->last, j->delivered, j->wi->bg);
}

static void
wi_job_tick(void *arg)
{
	struct wi *wi = arg;

	worker_beat(wi->w);
}

static void
wi_job_free(struct wi_job *j)
{
	imap_batch_free(&j->b);
	wi_dest_free(&j->d);
	free(j);
}

/* Wait for the unit on the second thread (the store is this thread's
 * again): its outcome, 0 committed, -1 failed (left in the mailbox); it
 * is in *done, its fetched bytes already freed.  0 and NULL when none was
 * there. */
static int
wi_wait(struct wi *wi, struct wi_job **done)
{
	int rc;

	*done = wi->job;
	if (wi->job == NULL) {
		return 0;
	}
	rc = bgjob_wait(wi->bg, wi_job_tick, wi);
	wi->job = NULL;
	imap_batch_free(&(*done)->b);
	wi_warn_flush(wi);
	return rc;
}

/* Wait for the unit on the second thread; once it is committed, move
 * its messages.  0 also when none was there. */
static int
wi_drain(struct wi *wi)
{
	struct wi_job *j;
	int rc = wi_wait(wi, &j);

	if (j == NULL) {
		return 0;
	}
	if (rc == 0) {
		rc = wi_move(wi, &j->d);
	}
	wi_job_free(j);
	return rc;
}

/*
 * A normal unit with the second thread: fetch it (the unit before is
 * being recorded meanwhile), wait for that one's commit, hand this one
 * over, and move that one while this one is recorded.  Only the thread
 * touches the store while it records (a move's warning waits for it:
 * wi_warn_flush); only this one the IMAP session.  A unit is still moved
 * only after its own commit.  A failure waits for the unit before
 * (committed: moved; failed: left in the mailbox) and then goes the way
 * the unit would have gone without the thread; a move that loses the
 * connection leaves this unit to finish on the thread (the pass's last
 * wi_drain waits for it; the next session moves what it committed).
 */
static int
wi_overlap(struct wi *wi, const uint32_t *uids, size_t n, time_t delivered)
{
	struct wi_job *j = xcalloc(1, sizeof *j), *prev;
	int rc;

	/* Half of the unit before recorded (and freed) first: at most a
	 * unit and a half in memory, not two; the fetch overlaps the
	 * second half of the recording. */
	if (wi->job != NULL) {
		bgjob_wait_progress(wi->bg, (wi->job->b.n + 1) / 2,
		    wi_job_tick, wi);
	}
	worker_beat(wi->w);
	if (imap_fetch(wi->im, uids, n, 0, &j->b) == -1) {
		free(j);
		if (wi_drain(wi) == -1) {
			return -1;
		}
		return wi_fetch_failed(wi, uids, n);
	}
	worker_beat(wi->w);
	if (wi_wait(wi, &prev) == -1) {
		wi_job_free(prev);
		imap_batch_free(&j->b);
		free(j);
		return -1;
	}
	j->wi = wi;
	j->last = uids[n - 1];
	j->delivered = delivered;
	wi_dest_init(&j->d, j->b.n);
	wi->job = j;
	bgjob_run(wi->bg, wi_job_run, j);
	if (prev == NULL) {
		return 0;
	}
	rc = wi_move(wi, &prev->d);
	wi_job_free(prev);
	return rc;
}

/*
 * A message that is never processed: quarantined with reason, header or
 * whole bytes, in a transaction of its own.  When the server will not hand
 * the bytes out, the quarantine row says so and holds none: the message
 * itself is in the quarantine folder.
 */
static int
wi_quarantine(struct wi *wi, const struct imap_info *info, int oversize,
    const char *reason)
{
	struct pipeline_result res;
	struct imap_batch b;
	struct imap_body none = { info->uid, "", 0 };
	struct wi_dest d;
	char item[32], why[640];
	int rc = -1;

	worker_beat(wi->w);
	snprintf(why, sizeof why, "%s", reason);
	if (imap_fetch(wi->im, &info->uid, 1, oversize ? PIPELINE_PREFIX : 0,
	    &b) == -1) {
		snprintf(why, sizeof why, "%s; the server did not hand it "
		    "out (%s): see the quarantine folder", reason,
		    imap_error(wi->im));
		b.v = &none;
		b.n = 1;
	}
	wi_item(wi, info->uid, item, sizeof item);
	wi_dest_init(&d, 1);
	if (store_begin(wi->st) == -1) {
		wi_fail_store(wi);
		goto out;
	}
	if (b.n == 1) {
		if ((b.v != &none && oversize ? pipeline_quarantine_oversize(
		    wi->p, wi->source, item, b.v[0].data, b.v[0].len,
		    info->size, &res) : pipeline_quarantine(wi->p, wi->source,
		    item, why, b.v[0].data, b.v[0].len, &res)) == -1 ||
		    store_attempt_clear(wi->st, wi->source, item) == -1) {
			store_rollback(wi->st);
			wi_fail_store(wi);
			goto out;
		}
		d.quarantined[d.nquarantined++] = info->uid;
		wi_log_result(wi, info->uid, &res);
	}
	if (wi_commit(wi, info->uid, 0) == -1) {
		goto out;
	}
	if (imap_errkind(wi->im) != IMAP_E_NONE &&
	    imap_errkind(wi->im) != IMAP_E_NO) {
		/* the connection is gone: the next session moves it */
		wi_fail(wi, "%s", imap_error(wi->im));
		goto out;
	}
	rc = wi_move(wi, &d);
out:
	if (b.v != &none) {
		imap_batch_free(&b);
	}
	wi_dest_free(&d);
	return rc;
}

/* ---- a pass over the mailbox ---- */

/* What a message is, and how many may go with it: a unit that died is
 * retried in halves (BATCH_MAX >> the attempts made together). */
static enum unit_kind
wi_kind(const struct wi *wi, const struct imap_info *m, size_t *size)
{
	const struct wi_try *t = wi_find_try(wi, m->uid);
	int shrink;

	*size = BATCH_MAX;
	if (m->size > wi->cf->limits.max_message_size) {
		return UNIT_OVERSIZE;
	}
	if (t != NULL && t->alone >= wi->cf->limits.max_attempts) {
		return UNIT_POISON;
	}
	if (wi_is_alone(wi, m->uid)) {
		*size = 1;
		return UNIT_RETRY;
	}
	if (t == NULL || t->attempts == 0) {
		return UNIT_BATCH;
	}
	shrink = t->attempts - t->alone;
	*size = shrink >= 16 ? 1 : (size_t)BATCH_MAX >> shrink;
	*size = *size < 1 ? 1 : *size;
	return UNIT_RETRY;
}

/* How many messages from v[0] go together, and as what: the same kind
 * and unit size, within BATCH_BYTES. */
static size_t
wi_unit(const struct wi *wi, const struct imap_info *v, size_t n,
    enum unit_kind *kind)
{
	size_t i, size, s, bytes = v[0].size;

	*kind = wi_kind(wi, &v[0], &size);
	if (*kind == UNIT_OVERSIZE || *kind == UNIT_POISON) {
		return 1;
	}
	for (i = 1; i < n && i < size; i++) {
		if (wi_kind(wi, &v[i], &s) != *kind || s != size ||
		    bytes + v[i].size > BATCH_BYTES) {
			break;
		}
		bytes += v[i].size;
	}
	return i;
}

static int
wi_run_unit(struct wi *wi, const struct imap_info *v, size_t n,
    enum unit_kind kind)
{
	const struct wi_try *t;
	uint32_t *uids;
	char reason[320];
	time_t delivered = 0;
	size_t i;
	int rc;

	if (kind != UNIT_BATCH && wi_drain(wi) == -1) {
		return -1;		/* they go alone, on this thread */
	}
	switch (kind) {
	case UNIT_OVERSIZE:
		snprintf(reason, sizeof reason, "message of %" PRIu32 " bytes "
		    "exceeds max_message_size (%zu)", v[0].size,
		    wi->cf->limits.max_message_size);
		return wi_quarantine(wi, &v[0], 1, reason);
	case UNIT_POISON:
		t = wi_find_try(wi, v[0].uid);
		snprintf(reason, sizeof reason, "processing did not finish in "
		    "%d attempts, %d of them alone (%s)", t->attempts, t->alone,
		    t->note[0] ? t->note : "the worker stopped while handling "
		    "it");
		return wi_quarantine(wi, &v[0], 0, reason);
	default:
		break;
	}
	uids = xcalloc(n, sizeof *uids);
	for (i = 0; i < n; i++) {
		uids[i] = v[i].uid;
		delivered = v[i].internal > delivered ? v[i].internal :
		    delivered;
	}
	rc = kind == UNIT_BATCH && wi->bg != NULL ?
	    wi_overlap(wi, uids, n, delivered) :
	    wi_batch(wi, uids, n, delivered);
	free(uids);
	return rc;
}

/*
 * Messages at or below the last UID that are still in the mailbox were
 * recorded, but the session ended before they were moved: move them now,
 * where they belong.
 */
static int
wi_leftovers(struct wi *wi, const struct imap_info *v, size_t n)
{
	struct wi_dest d;
	uint32_t *gone;
	size_t ngone = 0, i;
	char item[32];
	int r, rc = -1;

	wi_dest_init(&d, n);
	gone = xcalloc(n + 1, sizeof *gone);
	for (i = 0; i < n; i++) {
		wi_item(wi, v[i].uid, item, sizeof item);
		if ((v[i].flags & IMAP_F_DELETED) && !imap_has_move(wi->im)) {
			gone[ngone++] = v[i].uid;	/* copied already */
		} else if ((r = store_quarantine_find(wi->st, wi->source,
		    item)) == -1) {
			wi_fail_store(wi);
			goto out;
		} else if (r == 1) {
			d.quarantined[d.nquarantined++] = v[i].uid;
		} else {
			d.processed[d.nprocessed++] = v[i].uid;
		}
	}
	log_info("%zu message(s) recorded earlier are still in %s: moving "
	    "them now", n, wi->ci->mailbox);
	if (wi_moved(wi, imap_expunge(wi->im, gone, ngone), ngone,
	    "(expunged)") == -1) {
		goto out;
	}
	rc = wi_move(wi, &d);
out:
	free(gone);
	wi_dest_free(&d);
	return rc;
}

static int	wi_position(struct wi *, uint32_t);

/*
 * The server announced a UIDVALIDITY other than ours (in an untagged OK
 * during a session): SELECT again and start over with the new one.  1
 * when it changed (nothing listed under the old one may be used), 0 when
 * not, -1 on failure.
 */
static int
wi_uidvalidity(struct wi *wi, int select)
{
	uint32_t uv = imap_uidvalidity(wi->im);

	if (!select && (uv == 0 || uv == wi->uidvalidity)) {
		return 0;
	}
	if (!select) {
		log_notice("%s announced UIDVALIDITY %" PRIu32 " during the "
		    "session (was %" PRIu32 "): selecting it again",
		    wi->ci->mailbox, uv, wi->uidvalidity);
	}
	if (imap_select(wi->im, wi->ci->mailbox, &uv) == -1) {
		return wi_fail(wi, "%s", imap_error(wi->im));
	}
	if (uv == wi->uidvalidity) {
		return 0;
	}
	return wi_position(wi, uv) == -1 ? -1 : 1;
}

/* Messages at or below the last UID still in the mailbox (the session
 * before ended between a commit and the move): normally a unit at most. */
static int
wi_old(struct wi *wi)
{
	struct imap_info *v = NULL;
	size_t old;
	int n, more, rc = 0;

	if (wi->last_uid == 0) {
		return 0;
	}
	n = imap_list(wi->im, 1, wi->last_uid, &v, &more);
	if (n == -1) {
		return wi_fail(wi, "%s", imap_error(wi->im));
	}
	for (old = 0; old < (size_t)n && v[old].uid <= wi->last_uid; old++) {
		;
	}
	if (old > 0) {
		rc = wi_leftovers(wi, v, old);
	}
	free(v);
	return rc;
}

/* One window of UIDs: list, take in.  The count listed, or -1; *more:
 * the mailbox goes on above it; *changed: UIDVALIDITY changed. */
static int
wi_window(struct wi *wi, uint32_t from, uint32_t to, int *more,
    int *changed)
{
	struct imap_info *v = NULL;
	enum unit_kind kind;
	size_t i, k;
	int n, r;

	worker_beat(wi->w);
	n = imap_list(wi->im, from, to, &v, more);
	if (n == -1) {
		return wi_fail(wi, "%s", imap_error(wi->im));
	}
	if ((r = wi_uidvalidity(wi, 0)) != 0) {
		free(v);
		*changed = r == 1;
		return r == 1 ? 0 : -1;
	}
	if (n > 0 && wi_tries_load(wi) == -1) {
		n = -1;
	}
	for (i = 0; n > 0 && i < (size_t)n && !worker_stopping(); i += k) {
		k = wi_unit(wi, &v[i], (size_t)n - i, &kind);
		if (wi_run_unit(wi, &v[i], k, kind) == -1) {
			n = -1;
		}
	}
	if (wi_drain(wi) == -1) {	/* the last unit, moved */
		n = -1;
	}
	if (worker_stopping()) {
		*more = 0;
	}
	free(v);
	return n;
}

/* After a pass: list again at once?  When mail was taken in, or the
 * server announced mail no listing showed (a few times; then SELECT
 * again: a server that renumbered its mailbox may say nothing else). */
static int
wi_again(struct wi *wi, uint32_t before)
{
	int r;

	if (wi->last_uid != before) {
		wi->relists = 0;
		return 1;
	}
	if (!imap_unlisted(wi->im)) {
		wi->relists = 0;
		return 0;
	}
	if (wi->relists < RELISTS_MAX) {
		wi->relists++;
		return 1;
	}
	wi->relists = 0;
	if ((r = wi_uidvalidity(wi, 1)) != 0) {
		return r;
	}
	/* a server whose "n:*" leaves out the last message */
	log_debug("%s: more messages announced than listed, %d times; "
	    "waiting for the next change", wi->ci->mailbox, RELISTS_MAX + 1);
	return 0;
}

/*
 * List what is new (on the first pass also what was recorded but not
 * moved) and take it in, window by window.  Returns 1 when the mailbox
 * must be listed again before waiting (mail was taken in, and the server
 * may have announced more meanwhile), 0 when there is nothing more, -1
 * on failure.
 */
static int
wi_intake(struct wi *wi, int first)
{
	uint32_t before = wi->last_uid, from, span = LIST_SPAN, to;
	int n, more = 1, changed = 0;

	if (first && wi_old(wi) == -1) {
		return -1;
	}
	from = wi->last_uid + 1;
	while (more && !changed) {
		to = from > UINT32_MAX - span ? UINT32_MAX : from + span - 1;
		if ((n = wi_window(wi, from, to, &more, &changed)) == -1) {
			return -1;
		}
		if (to == UINT32_MAX) {
			more = 0;
		}
		from = to + 1;
		/* stretches without mail are crossed in growing strides */
		span = n > 0 ? LIST_SPAN : span * 2 > LIST_SPAN_MAX ?
		    LIST_SPAN_MAX : span * 2;
	}
	if (changed) {
		return 1;
	}
	if (!worker_stopping()) {
		wi->nalone = 0;		/* every one of them is done */
	}
	return wi_again(wi, before);
}

/* ---- waiting for mail ---- */

/* Keep last_ok_at fresh while nothing happens (complaintctl shows it). */
static void
wi_still_ok(struct wi *wi)
{
	if (time(NULL) - wi->last_ok >= OK_EVERY) {
		wi_state(wi, "connected", NULL);
	}
}

static int
wi_idle(struct wi *wi)
{
	int64_t until = worker_now_ms() + IDLE_MAX_MS;
	int r = 0;

	worker_beat(wi->w);
	if (imap_idle_start(wi->im) == -1) {
		return wi_fail(wi, "%s", imap_error(wi->im));
	}
	while (!worker_stopping() && worker_now_ms() < until) {
		worker_beat(wi->w);
		wi_still_ok(wi);
		if ((r = imap_idle_wait(wi->im, 1000)) != 0) {
			break;
		}
	}
	if (r == 1) {
		log_debug("IDLE: the server has news");
	}
	if (r == -1 || imap_idle_done(wi->im) == -1) {
		return wi_fail(wi, "%s", imap_error(wi->im));
	}
	return wi_uidvalidity(wi, 0) == -1 ? -1 : 0;
}

static int
wi_poll(struct wi *wi)
{
	if (worker_sleep(wi->w, wi->ci->poll_interval * 1000)) {
		return 0;
	}
	/* the next listing asks the server: no NOOP needed */
	wi_still_ok(wi);
	return 0;
}

/* ---- sessions ---- */

/* The stored position for this UIDVALIDITY; a new one starts from 0. */
static int
wi_position(struct wi *wi, uint32_t uidvalidity)
{
	int64_t uv = 0, last = 0;
	char keep[16];
	int r;

	r = store_source_position(wi->st, wi->source, &uv, &last);
	if (r == -1) {
		return wi_fail_store(wi);
	}
	wi->uidvalidity = uidvalidity;
	if (r == 1 && uv == (int64_t)uidvalidity) {
		wi->last_uid = (uint32_t)last;
		return 0;
	}
	if (r == 1) {
		log_notice("UIDVALIDITY of %s changed (%" PRId64 " -> %" PRIu32
		    "): reading the whole mailbox again; messages recorded "
		    "before are recognised by their Message-ID",
		    wi->ci->mailbox, uv, uidvalidity);
	}
	wi->last_uid = 0;
	wi->nalone = 0;
	snprintf(keep, sizeof keep, "%" PRIu32 "/", uidvalidity);
	if (store_begin(wi->st) == -1 ||
	    store_attempt_forget(wi->st, wi->source, keep) == -1 ||
	    wi_commit(wi, 0, 0) == -1) {
		store_rollback(wi->st);
		return wi_fail_store(wi);
	}
	return 0;
}

/* A long fetch on a slow link is not a hung worker. */
static void
wi_progress(void *arg)
{
	struct wi *wi = arg;

	worker_beat(wi->w);
}

static int
wi_open(struct wi *wi)
{
	uint32_t uv;
	int idle;

	wi_state(wi, "connecting", NULL);
	worker_status(wi->w, "connecting to %s:%d", wi->ci->host,
	    wi->ci->port);
	worker_beat(wi->w);
	wi->im = imap_new(wi->ci);
	imap_set_progress(wi->im, wi_progress, wi);
	if (imap_connect(wi->im) == -1 ||
	    imap_select(wi->im, wi->ci->mailbox, &uv) == -1) {
		return wi_fail(wi, "%s", imap_error(wi->im));
	}
	if (wi_position(wi, uv) == -1) {
		return -1;
	}
	idle = wi->ci->idle && imap_has_idle(wi->im);
	wi_state(wi, "connected", NULL);
	if (idle) {
		worker_status(wi->w, "connected to %s:%d (%s), IDLE",
		    wi->ci->host, wi->ci->port, wi_mode(wi));
	} else {
		worker_status(wi->w, "connected to %s:%d (%s), polling every "
		    "%d s", wi->ci->host, wi->ci->port, wi_mode(wi),
		    wi->ci->poll_interval);
	}
	log_info("connected to %s:%d (%s) as %s; %s UIDVALIDITY %" PRIu32
	    ", last UID %" PRIu32 "; %s", wi->ci->host, wi->ci->port,
	    wi_mode(wi), wi->ci->user, wi->ci->mailbox, uv, wi->last_uid,
	    idle ? "waiting with IDLE" : "polling");
	return 0;
}

/* One session: 0 when asked to stop, -1 (wi->err) when it failed. */
static int
wi_session(struct wi *wi)
{
	int first = 1, r;

	if (wi_open(wi) == -1) {
		return -1;
	}
	for (;;) {
		/*
		 * An EXISTS the server sent while we were busy is not repeated
		 * when IDLE begins: list until a listing finds nothing new.
		 */
		if ((r = wi_intake(wi, first)) == -1) {
			return -1;
		}
		first = 0;
		wi->backoff = 0;
		if (worker_stopping()) {
			return 0;
		}
		if (r == 1) {
			continue;
		}
		if (wi->committed) {
			/* going idle: the log into the database, as far as
			 * readers let it (they let go by now, usually) */
			store_checkpoint(wi->st);
			wi->committed = 0;
		}
		if ((wi->ci->idle && imap_has_idle(wi->im) ? wi_idle(wi) :
		    wi_poll(wi)) == -1) {
			return -1;
		}
		if (worker_stopping()) {
			return 0;
		}
	}
}

static void
wi_retry(struct wi *wi)
{
	char at[16];
	time_t t;
	struct tm tm;

	/* an account that just worked is looked at again soon */
	wi->backoff = worker_backoff(wi->backoff, BACKOFF_FIRST,
	    wi->last_ok != 0 && time(NULL) - wi->last_ok < RECENT_OK ?
	    BACKOFF_RECENT : BACKOFF_MAX);
	t = time(NULL) + wi->backoff;
	localtime_r(&t, &tm);
	strftime(at, sizeof at, "%H:%M:%S", &tm);
	if (wi->err_logged) {
		log_info("retrying in %d s (at %s)", wi->backoff, at);
	} else {
		log_warnx("%s; retrying in %d s (at %s)", wi->err,
		    wi->backoff, at);
	}
	wi_state(wi, "error", wi->err);
	worker_status(wi->w, "error: %s; retry in %d s", wi->err,
	    wi->backoff);
	worker_sleep(wi->w, wi->backoff * 1000);
}

static int
wi_init(struct wi *wi, struct worker_ctx *w)
{
	char err[4096];

	memset(wi, 0, sizeof *wi);
	wi->w = w;
	wi->cf = w->cf;
	wi->ci = w->arg;
	wi->source = w->name;
	wi->warned = 1;		/* a warning from before may be stored */
	/* moving a message into the mailbox it came from never ends */
	if (strcmp(wi->ci->processed_folder, wi->ci->mailbox) == 0 ||
	    strcmp(wi->ci->quarantine_folder, wi->ci->mailbox) == 0) {
		log_errx("processed_folder and quarantine_folder must differ "
		    "from mailbox \"%s\" (configuration line %d)",
		    wi->ci->mailbox, wi->ci->line);
		return EX_CONFIG;
	}
	if (store_open(wi->cf->database, BUSY_MS, &wi->st) == -1) {
		return EX_UNAVAILABLE;
	}
	store_cache_limit(wi->st, WORKER_CACHE_KIB);
	if (pipeline_new(wi->cf, wi->st, &wi->p, err, sizeof err) == -1) {
		log_errx("templates: %s", err);
		return EX_CONFIG;
	}
	if ((wi->bg = bgjob_new()) == NULL) {
		log_notice("no second thread: fetching and recording one "
		    "after the other");
	}
	return 0;
}

int
worker_imap_main(struct worker_ctx *w)
{
	struct wi wi;
	int rc;

	if ((rc = wi_init(&wi, w)) != 0) {
		store_close(wi.st);
		return rc;
	}
	while (!worker_stopping()) {
		rc = wi_session(&wi);
		imap_free(wi.im);
		wi.im = NULL;
		if (rc == 0 || worker_stopping()) {
			break;
		}
		wi_retry(&wi);
	}
	log_info("stopped");
	bgjob_free(wi.bg);
	free(wi.tries);
	free(wi.alone);
	pipeline_free(wi.p);
	store_close(wi.st);
	return 0;
}
