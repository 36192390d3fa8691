/*
 * worker_modem.c — one GSM modem (see workers.h): SMS in, SMS out, health.
 *
 * A loop woken every second:
 *  - every poll_interval seconds (at once while the modem holds more than
 *    one batch) the received parts are read, recorded in one transaction
 *    (single messages through the pipeline, parts of long messages kept in
 *    the database until their siblings arrive or multipart_timeout passes,
 *    delivery reports matched to the outbox), and only after the commit
 *    deleted from the modem.  A crash anywhere in between loses nothing:
 *    what is still on the modem is read again and recognised (message
 *    external ids, part keys);
 *  - every second the due SMS rows of the outbox are claimed and sent
 *    (outbox.h: the same retries and failures as email), while the modem
 *    is registered on a network; an outcome the database will not take
 *    waits in memory, its row claimed, and is recorded again before
 *    anything else is sent (a sent SMS is never sent twice);
 *  - every minute (every poll while unhealthy) signal and registration are
 *    checked and written to modem_state.
 * On gammu's dummy driver (connection "none": a directory, which gammu
 * scans by probing tens of thousands of file names) the modem is read
 * only when a file arrived in its inbox (wake.h), while parts wait for
 * their siblings, and once every DUMMY_READ_S: idle, it costs nothing.
 * A real modem is read every poll_interval as before (an AT command,
 * cheap for us).
 * Trouble: a round in which the modem fails (or is not registered) counts;
 * after RECONNECT_AFTER such rounds in a row the connection is closed and
 * opened again, every RESET_AFTER rounds the modem is reset first, with a
 * capped exponential backoff in between.  A modem that is gone or did not
 * answer within its timeout (sms_dead) is closed at once.  A message
 * gammu cannot decode is quarantined with its PDU and deleted like the
 * others; one gammu will not delete either is remembered, not retried.  A SIM that rejects its PIN is
 * left alone until the configuration is reloaded (three wrong PINs lock
 * it).  The modem is this worker's alone: a hung modem never delays email.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "outbox.h"
#include "wake.h"
#include "phone.h"
#include "pipeline.h"
#include "sha256.h"
#include "sms.h"
#include "smstext.h"
#include "store.h"
#include "workers.h"
#include "xmalloc.h"

#define READ_MAX	200	/* parts per transaction */
#define SEND_BATCH	10
#define HEALTH_EVERY	60	/* seconds */
#define RECONNECT_AFTER	2	/* bad rounds in a row */
#define RESET_AFTER	4
#define BACKOFF_FIRST	1	/* seconds */
#define BACKOFF_MAX	300
#define PARTS_KEPT	(7 * 86400)	/* taken-in parts remembered */
#define STUCK_MAX	32	/* undeletable parts remembered */
#define RECORD_STOP_S	5	/* s of trying to record outcomes at a stop */
#define DUMMY_READ_S	60	/* dummy driver: read at least this often */

struct modem {
	struct worker_ctx	*w;
	const struct conf	*cf;
	const struct conf_modem	*cm;
	const char		*source;	/* "modem:<name>" */
	struct store		*st;
	struct pipeline		*pl;
	struct sms_modem	*m;
	struct sms_health	 health;
	int			 registered;
	time_t			 next_health;	/* monotonic seconds */
	time_t			 next_read;
	int			 fails;		/* bad rounds in a row */
	int			 ops;		/* modem operations this round */
	int			 backoff;
	int			 waiting;	/* parts waiting for siblings */
	int			 taken;		/* messages recorded (this tx) */
	char			 stuck[STUCK_MAX][33];	/* PDU hashes gammu
						   will not delete */
	int			 nstuck;
	struct outbox_pending	 pending;	/* outcomes not recorded yet */
	char			 err[256];
	char			 status[200];
	int			 dummy;		/* gammu's dummy driver */
	int			 inbox;		/* dummy driver: wake.h; -1 */
	time_t			 last_full;	/* dummy: last read, monotonic */
};

/* An outbox row copied out of the claiming transaction. */
struct out_row {
	int64_t		 id;
	char		*recipient;
	char		*body;
	char		 kind[32];
};

struct out_rows {
	struct out_row	 v[SEND_BATCH];
	int		 n;
};

static int
modem_tick(void *arg)
{
	struct worker_ctx *w = arg;

	worker_beat(w);
	return worker_stopping();
}

/* Say what state we are in: to the supervisor, and (when it changed) to
 * source_state for complaintctl status. */
static void
modem_status(struct modem *md, const char *error, int ok, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
modem_status(struct modem *md, const char *error, int ok, const char *fmt,
    ...)
{
	char line[sizeof md->status];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (strcmp(line, md->status) == 0 && error == NULL && !ok) {
		return;
	}
	snprintf(md->status, sizeof md->status, "%s", line);
	worker_status(md->w, "%s", line);
	store_source_status(md->st, md->source, line, error, ok);
	if (error != NULL) {
		store_modem_count(md->st, md->source, 0, 0, -1, 1);
	}
}

/* ---- the record of a received SMS ---- */

static void
modem_raw(struct buf *b, const struct sms_part *p, int total, int seq)
{
	struct smstext_rawpart rp = { p->sender, p->smsc, p->sent, p->ref,
	    total, seq, p->kind == SMS_BINARY ? "8bit" : p->ucs2 ? "UCS-2" :
	    "GSM-7", p->data, p->len };

	smstext_raw_add(b, &rp);
}

static void
modem_logged(struct modem *md, const char *sender,
    const struct pipeline_result *res)
{
	char who[32], num[SMS_ADDR_MAX];

	if (phone_normalize(sender, md->cf->phone_country, num, sizeof num)
	    == PHONE_INVALID) {
		snprintf(num, sizeof num, "%s", sender);
	}
	log_redact_phone(num, who, sizeof who);
	if (res->status == PIPE_DUPLICATE) {
		log_debug("SMS from %s: %s", who, res->why);
		return;
	}
	md->taken++;
	log_info("SMS from %s: %s%s%s", who, intake_kind_name(res->kind),
	    res->reference[0] ? " " : "", res->reference);
}

static int
modem_single(struct modem *md, const struct sms_part *p)
{
	struct pipeline_sms ps;
	struct pipeline_result res;
	struct buf raw;
	char key[1][65], id[80], *text;
	int r;

	smstext_part_key(p->sender, p->sent, p->ref, 1, 1, p->data, p->len,
	    key[0]);
	smstext_message_id((const char (*)[65])key, 1, 1, id);
	text = p->kind == SMS_TEXT ? smstext_from_utf16(p->data, p->len,
	    NULL) : xstrdup("");
	buf_init(&raw);
	modem_raw(&raw, p, 1, 1);
	memset(&ps, 0, sizeof ps);
	ps.source = md->source;
	ps.sender = p->sender;
	ps.text = text;
	ps.sent = p->sent;
	ps.external_id = id;
	ps.raw = raw.data;
	ps.rawlen = raw.len;
	ps.parts = 1;
	ps.binary = p->kind == SMS_BINARY;
	r = pipeline_sms(md->pl, &ps, &res);
	if (r == 0) {
		modem_logged(md, p->sender, &res);
	}
	free(text);
	buf_free(&raw);
	return r;
}

static int
modem_keep_part(struct modem *md, const struct sms_part *p)
{
	struct store_sms_part sp;
	char key[65];

	smstext_part_key(p->sender, p->sent, p->ref, p->total, p->seq,
	    p->data, p->len, key);
	memset(&sp, 0, sizeof sp);
	sp.source = md->source;
	sp.part_key = key;
	sp.sender = p->sender;
	sp.ref = p->ref;
	sp.total = p->total;
	sp.seq = p->seq;
	sp.ucs2 = p->ucs2;
	sp.smsc = p->smsc;
	sp.sent = p->sent;
	sp.text = p->data;
	sp.len = p->len;
	sp.received = time(NULL);
	return store_sms_part_add(md->st, &sp) == -1 ? -1 : 0;
}

static int
modem_report(struct modem *md, const struct sms_part *p)
{
	const char *state;
	int64_t oid, cid;
	char num[SMS_ADDR_MAX], who[32], detail[200];
	int r;

	if (phone_normalize(p->sender, md->cf->phone_country, num, sizeof num)
	    != PHONE_E164) {
		snprintf(num, sizeof num, "%s", p->sender);
	}
	r = store_sms_report(md->st, md->source, num, p->mr, p->status, &oid,
	    &cid, &state);
	log_redact_phone(num, who, sizeof who);
	if (r == 0) {
		log_debug("delivery report from %s for reference %d matches "
		    "nothing sent", who, p->mr);
		return 0;
	}
	if (r == -1 || *state == '\0') {
		return r == -1 ? -1 : 0;
	}
	log_info("outbox #%lld: %s (delivery report, status 0x%02x)",
	    (long long)oid, state, p->status);
	snprintf(detail, sizeof detail, "SMS (outbox #%lld) to %s %s: "
	    "delivery report status 0x%02x", (long long)oid, who, state,
	    p->status);
	if (cid == 0) {
		return 0;
	}
	return store_event_add(md->st, cid, "system", strcmp(state,
	    "delivered") == 0 ? "delivered" : "delivery_failed", detail);
}

/* ---- long messages: parts in the database ---- */

struct grp {
	char	*sender;
	int	 ref;
	int	 total;
	int	 nparts;
};

struct grps {
	struct grp	*v;
	size_t		 n;
};

static int
grp_collect(void *arg, const struct store_sms_group *g)
{
	struct grps *gs = arg;

	gs->v = xreallocarray(gs->v, gs->n + 1, sizeof *gs->v);
	gs->v[gs->n].sender = xstrdup(g->sender);
	gs->v[gs->n].ref = g->ref;
	gs->v[gs->n].total = g->total;
	gs->v[gs->n].nparts = g->nparts;
	gs->n++;
	return 0;
}

/* The parts of one group, copied out of the statement. */
struct gparts {
	struct smstext_part	 p[SMSTEXT_RAW_MAXPARTS];
	unsigned char		*data[SMSTEXT_RAW_MAXPARTS];
	char			 keys[SMSTEXT_RAW_MAXPARTS][65];
	size_t			 n;
	struct buf		 raw;
	time_t			 sent;
};

static int
gparts_add(void *arg, const struct store_sms_part *sp)
{
	struct gparts *gp = arg;

	struct smstext_rawpart rp = { sp->sender, sp->smsc, sp->sent, sp->ref,
	    sp->total, sp->seq, sp->ucs2 ? "UCS-2" : "GSM-7", sp->text,
	    sp->len };

	if (gp->n == SMSTEXT_RAW_MAXPARTS) {
		return 1;
	}
	gp->data[gp->n] = xmalloc(sp->len + 1);
	memcpy(gp->data[gp->n], sp->text, sp->len);
	gp->p[gp->n].seq = sp->seq;
	gp->p[gp->n].utf16 = gp->data[gp->n];
	gp->p[gp->n].len = sp->len;
	snprintf(gp->keys[gp->n], sizeof gp->keys[gp->n], "%s", sp->part_key);
	if (gp->n == 0) {
		gp->sent = sp->sent;
	}
	gp->n++;
	smstext_raw_add(&gp->raw, &rp);
	return 0;
}

static void
gparts_free(struct gparts *gp)
{
	size_t i;

	for (i = 0; i < gp->n; i++) {
		free(gp->data[i]);
	}
	buf_free(&gp->raw);
}

/* Take one set of parts in as a message (or, quarantine: keep its bytes
 * in the quarantine), inside the caller's transaction. */
static int
modem_group(struct modem *md, const struct grp *g, int quarantine)
{
	struct store_sms_group sg = { g->sender, g->ref, g->total, g->nparts,
	    0 };
	struct pipeline_sms ps;
	struct pipeline_result res;
	struct gparts gp;
	char id[80], *text = NULL;
	int missing, rc = -1;

	memset(&gp, 0, sizeof gp);
	buf_init(&gp.raw);
	if (store_sms_group_parts(md->st, md->source, &sg, gparts_add, &gp)
	    == -1) {
		goto out;
	}
	smstext_message_id((const char (*)[65])gp.keys, gp.n, g->total, id);
	text = smstext_join(gp.p, gp.n, g->total, &missing, NULL);
	memset(&ps, 0, sizeof ps);
	ps.source = md->source;
	ps.sender = g->sender;
	ps.text = text;
	ps.sent = gp.sent;
	ps.external_id = id;
	ps.raw = gp.raw.data;
	ps.rawlen = gp.raw.len;
	ps.parts = g->total;
	ps.missing = missing;
	if ((quarantine ? pipeline_quarantine(md->pl, md->source, id, "the "
	    "SMS could not be recorded", gp.raw.data, gp.raw.len, &res) :
	    pipeline_sms(md->pl, &ps, &res)) == -1 ||
	    store_sms_group_done(md->st, md->source, &sg, res.message_id)
	    == -1) {
		goto out;
	}
	if (quarantine) {
		log_warnx("an SMS could not be recorded: quarantined as #%lld",
		    (long long)res.quarantine_id);
	} else {
		modem_logged(md, g->sender, &res);
	}
	rc = 0;
out:
	free(text);
	gparts_free(&gp);
	return rc;
}

static int
modem_temporary(struct modem *md)
{
	return store_temporary(md->st);
}

/* One set in its own transaction; quarantined when it cannot be taken in
 * for a reason that will not pass. */
static void
modem_group_alone(struct modem *md, const struct grp *g)
{
	int q;

	for (q = 0; q < 2; q++) {
		if (store_begin(md->st) == -1) {
			return;
		}
		if (modem_group(md, g, q) == 0 && store_commit(md->st) == 0) {
			return;
		}
		store_rollback(md->st);
		if (modem_temporary(md)) {
			return;
		}
	}
}

/* The sets of parts that are complete or have waited long enough: inside
 * the caller's transaction, or (alone) each in its own. */
static int
modem_groups(struct modem *md, int alone)
{
	struct grps gs = { NULL, 0 };
	time_t older = time(NULL) - md->cm->multipart_timeout;
	size_t i;
	int rc = 0;

	if (store_sms_groups(md->st, md->source, older, grp_collect, &gs)
	    == -1) {
		return -1;
	}
	for (i = 0; i < gs.n; i++) {
		if (alone) {
			modem_group_alone(md, &gs.v[i]);
		} else if (rc == 0 && modem_group(md, &gs.v[i], 0) == -1) {
			rc = -1;
		}
		free(gs.v[i].sender);
	}
	free(gs.v);
	if (rc == 0) {
		rc = store_sms_waiting(md->st, md->source, &md->waiting);
	}
	return rc;
}

/* ---- intake ---- */

/* A message gammu cannot decode: its PDU into the quarantine (once: the
 * same PDU read again after a crash is recognised), then it may leave
 * the SIM like any other, and the rest flows. */
static int
modem_unreadable(struct modem *md, const struct sms_part *p)
{
	struct pipeline_result res;
	char item[40], hash[65], reason[320];
	int r;

	sha256_hex(p->data, p->len, hash);
	snprintf(item, sizeof item, "pdu:%.32s", hash);
	if (p->len > 0 && (r = store_quarantine_find(md->st, md->source,
	    item)) != 0) {
		return r == 1 ? 0 : -1;
	}
	snprintf(reason, sizeof reason, "the modem held an SMS that cannot be "
	    "decoded (%s) at location %d; %s", p->error, p->location,
	    p->len > 0 ? "its PDU is kept here" : "its PDU could not be read");
	if (pipeline_quarantine(md->pl, md->source, p->len > 0 ? item : "",
	    reason, (const char *)p->data, p->len, &res) == -1) {
		return -1;
	}
	log_warnx("an SMS that cannot be decoded (location %d) is quarantined "
	    "as #%lld%s", p->location, (long long)res.quarantine_id,
	    p->len > 0 ? " with its PDU" : "");
	return 0;
}

static int
modem_take(struct modem *md, const struct sms_part *p)
{
	if (p->kind == SMS_REPORT) {
		return modem_report(md, p);
	}
	if (p->kind == SMS_UNREADABLE) {
		return modem_unreadable(md, p);
	}
	if (p->total > 1) {
		return modem_keep_part(md, p);
	}
	return modem_single(md, p);
}

/* Record the parts and (groups) the long messages they complete in one
 * transaction.  -1: rolled back (nothing may be deleted from the modem). */
static int
modem_record(struct modem *md, const struct sms_inbox *in, int groups)
{
	size_t i;

	md->taken = 0;
	if (store_begin(md->st) == -1) {
		return -1;
	}
	for (i = 0; i < in->n; i++) {
		if (modem_take(md, &in->v[i]) == -1) {
			goto fail;
		}
	}
	if ((groups && modem_groups(md, 0) == -1) ||
	    store_modem_count(md->st, md->source, md->taken, 0, groups ?
	    md->waiting : -1, 0) == -1) {
		goto fail;
	}
	return store_commit(md->st);
fail:
	store_rollback(md->st);
	return -1;
}

/* One part that cannot be recorded (not for a passing reason): keep its
 * bytes in the quarantine, so it can leave the modem. */
static int
modem_quarantine(struct modem *md, const struct sms_part *p)
{
	struct pipeline_result res;
	struct buf raw;
	int r;

	buf_init(&raw);
	modem_raw(&raw, p, p->total, p->seq);
	if (store_begin(md->st) == -1) {
		buf_free(&raw);
		return -1;
	}
	r = pipeline_quarantine(md->pl, md->source, "", "the SMS could not "
	    "be recorded", raw.data, raw.len, &res);
	buf_free(&raw);
	if (r == -1) {
		store_rollback(md->st);
		return -1;
	}
	log_warnx("an SMS could not be recorded: quarantined as #%lld",
	    (long long)res.quarantine_id);
	return store_commit(md->st);
}

/* After a failed batch: one part per transaction, then one long message
 * per transaction, quarantining what still fails.  Fills done[] with the
 * parts that may be deleted from the modem. */
static void
modem_record_each(struct modem *md, const struct sms_inbox *in, char *done)
{
	struct sms_inbox one;
	size_t i;

	for (i = 0; i < in->n; i++) {
		one.v = &in->v[i];
		one.n = 1;
		if (modem_record(md, &one, 0) == 0 || (!modem_temporary(md) &&
		    modem_quarantine(md, &in->v[i]) == 0)) {
			done[i] = 1;
		}
	}
	modem_groups(md, 1);
}

/* A part gammu would not delete before (it reads a message again before
 * deleting it, and some it cannot read it will not delete): said once. */
static int
modem_undeletable(struct modem *md, const struct sms_part *p)
{
	char hash[65];
	int i;

	sha256_hex(p->data, p->len, hash);
	for (i = 0; i < md->nstuck; i++) {
		if (strncmp(md->stuck[i], hash, sizeof md->stuck[i] - 1) == 0) {
			return 1;
		}
	}
	if (sms_delete(md->m, p) == 0 || sms_dead(md->m)) {
		return 0;
	}
	log_warnx("the SMS at location %d that cannot be decoded cannot be "
	    "deleted through gammu either (%s): it is quarantined, but stays "
	    "on the SIM until it is deleted in a phone", p->location,
	    sms_error(md->m));
	if (md->nstuck < STUCK_MAX) {
		snprintf(md->stuck[md->nstuck++], sizeof md->stuck[0], "%.32s",
		    hash);
	}
	return 1;
}

/* Every part recorded leaves the modem; one that will not go does not
 * keep the others. */
static int
modem_delete(struct modem *md, const struct sms_inbox *in, const char *done)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < in->n && !(rc == -1 && sms_dead(md->m)); i++) {
		if (!done[i]) {
			continue;
		}
		if (in->v[i].kind == SMS_UNREADABLE) {
			modem_undeletable(md, &in->v[i]);
		} else if (sms_delete(md->m, &in->v[i]) == -1) {
			rc = -1;
		}
	}
	return rc;
}

/* 1: the modem may hold more, 0: done, -1: the modem failed. */
static int
modem_intake(struct modem *md)
{
	struct sms_inbox in;
	char *done;
	int n, rc = 0;

	if ((n = sms_read(md->m, READ_MAX, &in)) == -1) {
		return -1;
	}
	md->ops++;
	if (n == 0 && md->waiting == 0) {
		return 0;
	}
	done = xcalloc(in.n + 1, 1);
	if (modem_record(md, &in, 1) == 0) {
		memset(done, 1, in.n);
	} else if (!modem_temporary(md)) {
		modem_record_each(md, &in, done);
	}
	if (modem_delete(md, &in, done) == -1) {
		rc = -1;
	} else if (n == READ_MAX) {
		rc = 1;
	}
	free(done);
	sms_inbox_free(&in);
	return rc;
}

/* ---- sending ---- */

static int
out_copy(void *arg, const struct store_outbox_row *r)
{
	struct out_rows *rows = arg;
	struct out_row *o;

	if (rows->n == SEND_BATCH) {
		return 1;
	}
	o = &rows->v[rows->n++];
	o->id = r->id;
	o->recipient = xstrdup(r->recipient);
	o->body = xstrdup(r->body);
	snprintf(o->kind, sizeof o->kind, "%s", r->kind);
	return 0;
}

/* What is recorded with a sent SMS: its parts' message references. */
struct sent_refs {
	char	num[SMS_ADDR_MAX];
	int	parts;
	int	done;
	int	mr[SMS_MAX_PARTS];
};

static int
modem_also(struct store *st, const struct outbox_outcome *o, void *arg)
{
	struct modem *md = arg;
	const struct sent_refs *r = o->extra;
	int k;

	if (o->result != OUTBOX_SENT || r == NULL) {
		return 0;
	}
	for (k = 0; k < r->done; k++) {
		if (store_sms_sent_add(st, o->id, md->source, r->num, k + 1,
		    r->parts, r->mr[k]) == -1) {
			return -1;
		}
	}
	return store_modem_count(st, md->source, 0, 1, -1, 0);
}

/* The outcome of one row (kept in md->pending while the database will
 * not take it). */
static void
modem_outcome(struct modem *md, int64_t id, enum outbox_result result,
    const char *detail, struct sent_refs *refs)
{
	struct outbox_outcome o;

	memset(&o, 0, sizeof o);
	o.id = id;
	o.result = result;
	o.extra = refs;
	snprintf(o.detail, sizeof o.detail, "%s", detail);
	outbox_report(md->st, md->cf, &md->pending, &o, modem_also, md);
}

static void
modem_sent(struct modem *md, const struct out_row *o, const char *num,
    const struct sms_sent *s, int cut)
{
	struct sent_refs *r = xcalloc(1, sizeof *r);
	char detail[200], who[32];

	snprintf(detail, sizeof detail, "%s%s", s->detail, cut ?
	    "; text cut to fit" : "");
	snprintf(r->num, sizeof r->num, "%s", num);
	r->parts = s->parts;
	r->done = s->done;
	memcpy(r->mr, s->mr, sizeof r->mr);
	log_redact_phone(num, who, sizeof who);
	log_info("outbox #%lld: %s sent to %s (%s)", (long long)o->id,
	    o->kind, who, detail);
	modem_outcome(md, o->id, OUTBOX_SENT, detail, r);
}

/* -1 when the modem itself failed. */
static int
modem_send_one(struct modem *md, const struct out_row *o)
{
	struct sms_sent s;
	char num[32], why[160], *text;
	int cut, r;

	if (phone_normalize(o->recipient, md->cf->phone_country, num,
	    sizeof num) != PHONE_E164) {
		snprintf(why, sizeof why, "not a phone number SMS can be sent "
		    "to: %.60s", o->recipient);
		modem_outcome(md, o->id, OUTBOX_PERMFAIL, why, NULL);
		return 0;
	}
	text = smstext_prepare(o->body, SMS_MAX_PARTS, &cut);
	md->ops++;
	r = sms_send(md->m, num, text, 1, &s);
	free(text);
	if (r == 0) {
		modem_sent(md, o, num, &s, cut);
		return 0;
	}
	modem_outcome(md, o->id, s.temporary ? OUTBOX_TEMPFAIL :
	    OUTBOX_PERMFAIL, s.detail, NULL);
	if (s.modem_fault) {
		snprintf(md->err, sizeof md->err, "%s", sms_error(md->m));
	}
	return s.modem_fault ? -1 : 0;
}

/* Outcomes that wait are recorded before anything is sent: 0 when none
 * waits (any more); then what the failure left claimed is due again. */
static int
modem_pending(struct modem *md)
{
	if (md->pending.n == 0) {
		return 0;
	}
	if (outbox_pending_flush(md->st, md->cf, &md->pending, modem_also, md,
	    0) > 0) {
		worker_status(md->w, "error: %zu outcome(s) not recorded yet: "
		    "the database cannot be written", md->pending.n);
		return -1;
	}
	outbox_release(md->st, "sms", md->source, NULL);
	return 0;
}

/* 1: a full batch went out (there may be more), 0, -1: the modem failed */
static int
modem_send(struct modem *md)
{
	struct out_rows rows;
	int i, rc = 0;

	memset(&rows, 0, sizeof rows);
	if (modem_pending(md) == -1 || outbox_claim(md->st, "sms", md->source,
	    SEND_BATCH, out_copy, &rows) == -1) {
		return 0;		/* the database: next round */
	}
	for (i = 0; i < rows.n; i++) {
		/* a modem fault, a stop, a database that cannot record:
		 * the rest goes back to the queue */
		if (rc == 0 && !worker_stopping() && md->pending.n == 0) {
			rc = modem_send_one(md, &rows.v[i]);
		}
		free(rows.v[i].recipient);
		free(rows.v[i].body);
	}
	if (rc == -1 || worker_stopping() || md->pending.n > 0) {
		outbox_release(md->st, "sms", md->source, &md->pending);
	}
	return rc == 0 && rows.n == SEND_BATCH ? 1 : rc;
}

/* ---- health and connection ---- */

static void
modem_state(struct modem *md, time_t checked)
{
	const struct sms_info *info = sms_info(md->m);
	struct store_modem_state s;

	memset(&s, 0, sizeof s);
	s.source = md->source;
	s.device = md->cm->device;
	s.manufacturer = info->manufacturer;
	s.model = info->model;
	s.imei = info->imei;
	s.signal = md->health.signal;
	s.registration = sms_net_name(md->health.net);
	s.network = md->health.network;
	s.checked_at = checked;
	store_modem_state_set(md->st, &s);
}

static int
modem_check(struct modem *md)
{
	struct sms_health *h = &md->health;
	char sig[16] = "?";

	md->ops++;
	if (sms_health(md->m, h) == -1) {
		snprintf(md->err, sizeof md->err, "%s", sms_error(md->m));
		return -1;
	}
	modem_state(md, time(NULL));
	store_sms_purge(md->st, time(NULL) - PARTS_KEPT);
	md->registered = h->net == SMS_NET_HOME || h->net == SMS_NET_ROAMING ||
	    h->net == SMS_NET_UNKNOWN;
	if (h->signal >= 0) {
		snprintf(sig, sizeof sig, "%d%%", h->signal);
	}
	if (!md->registered) {
		snprintf(md->err, sizeof md->err, "not registered on a network "
		    "(%s, signal %s)", sms_net_name(h->net), sig);
		return -1;
	}
	/* in trouble, a good check is not yet a good round (modem_round) */
	modem_status(md, NULL, md->fails == 0, "connected (signal %s, %s%s%s)",
	    sig, sms_net_name(h->net), h->network[0] ? " " : "", h->network);
	return 0;
}

static void
modem_drop(struct modem *md, int reset)
{
	if (reset && md->m != NULL) {
		sms_reset(md->m);
	}
	sms_close(md->m);
	md->m = NULL;
}

/* A bad round: retry, reconnect or reset, then wait. */
static void
modem_trouble(struct modem *md)
{
	int reset;

	md->fails++;
	/* the next round checks its health first: working again is
	 * recorded as soon as it is (alerts.h) */
	md->next_health = 0;
	if (md->fails < RECONNECT_AFTER && !sms_dead(md->m)) {
		modem_status(md, md->err, 0, "error: %s", md->err);
		return;
	}
	/* a device that is gone cannot be reset */
	reset = md->fails % RESET_AFTER == 0 && !sms_dead(md->m);
	modem_drop(md, reset);
	md->backoff = worker_backoff(md->backoff, BACKOFF_FIRST, BACKOFF_MAX);
	log_warnx("%s; %s, connecting again in %d s", md->err, reset ?
	    "modem reset" : "connection closed", md->backoff);
	modem_status(md, md->err, 0, "error: %s; %s, retry in %d s", md->err,
	    reset ? "modem reset" : "reconnecting", md->backoff);
	worker_sleep(md->w, md->backoff * 1000);
}

static int
modem_connect(struct modem *md)
{
	const struct sms_info *info;
	enum sms_err why;

	worker_beat(md->w);
	if (sms_open(md->cm, &md->m, &why, md->err, sizeof md->err) == 0) {
		sms_set_tick(md->m, modem_tick, md->w);
		info = sms_info(md->m);
		log_info("connected to %s %s on %s", info->manufacturer,
		    info->model, md->cm->device);
		md->next_health = md->next_read = 0;
		return 0;
	}
	if (why == SMS_E_PIN) {
		modem_status(md, md->err, 0, "SIM locked: %s", md->err);
		while (!worker_sleep(md->w, 1000)) {
			;		/* until a reload restarts us */
		}
		return -1;
	}
	md->fails++;
	md->backoff = worker_backoff(md->backoff, BACKOFF_FIRST, BACKOFF_MAX);
	log_warnx("cannot use the modem: %s; trying again in %d s", md->err,
	    md->backoff);
	modem_status(md, md->err, 0, "error: %s; retry in %d s", md->err,
	    md->backoff);
	worker_sleep(md->w, md->backoff * 1000);
	return -1;
}

/* Whether to read the modem now: always, but on the dummy driver only
 * when its inbox changed, parts wait, or DUMMY_READ_S passed. */
static int
modem_worth_reading(struct modem *md, time_t now)
{
	char dir[4096];
	int changed;

	if (!md->dummy) {
		return 1;
	}
	/* the inbox directory appears with the first message; a watch
	 * that cannot be set: read every poll, as on a real modem */
	snprintf(dir, sizeof dir, "%s/sms/1", md->cm->device);
	if (md->inbox == -1 && access(dir, F_OK) == 0) {
		if ((md->inbox = wake_open_dir(dir)) == -1) {
			md->dummy = 0;
			return 1;
		}
		md->last_full = 0;
	}
	changed = md->inbox != -1 && wake_drain_any(md->inbox);
	if (changed || md->waiting > 0 || md->last_full == 0 ||
	    now - md->last_full >= DUMMY_READ_S) {
		md->last_full = now;
		return 1;
	}
	return 0;
}

/* 1 when there is more to do at once (more on the modem, more to send) */
static int
modem_round(struct modem *md)
{
	time_t now = worker_now_ms() / 1000;
	int bad = 0, more = 0, r;

	md->ops = 0;
	if (now >= md->next_health) {
		bad |= modem_check(md) == -1;
		md->next_health = now + (bad ? md->cm->poll_interval :
		    HEALTH_EVERY);
	}
	if (!bad && now >= md->next_read && modem_worth_reading(md, now)) {
		r = modem_intake(md);
		if (r == -1) {
			snprintf(md->err, sizeof md->err, "%s",
			    sms_error(md->m));
		}
		bad |= r == -1;
		more |= r == 1;
		md->next_read = r == 1 ? now : now + md->cm->poll_interval;
		md->last_full = r == 1 ? 0 : md->last_full;	/* read on */
	}
	if (!bad && md->registered && !worker_stopping()) {
		r = modem_send(md);
		bad |= r == -1;
		more |= r == 1;
	}
	if (bad) {
		modem_trouble(md);
		return 0;
	}
	if (md->ops > 0) {
		if (md->fails > 0) {
			/* a whole round worked: the trouble is over */
			modem_status(md, NULL, 1, "%s", md->status);
		}
		md->fails = 0;
		md->backoff = 0;
	}
	return more;
}

static int
modem_setup(struct modem *md, struct worker_ctx *w)
{
	char err[4096];

	memset(md, 0, sizeof *md);
	md->w = w;
	md->cf = w->cf;
	md->cm = w->arg;
	md->source = w->name;
	md->inbox = -1;
	md->dummy = strcmp(md->cm->connection, "none") == 0;
	if (store_open(md->cf->database, 5000, &md->st) == -1) {
		return EX_UNAVAILABLE;
	}
	store_cache_limit(md->st, WORKER_CACHE_KIB);
	if (pipeline_new(md->cf, md->st, &md->pl, err, sizeof err) == -1) {
		log_errx("templates: %s", err);
		return EX_CONFIG;
	}
	outbox_recover(md->st, "sms", md->source);
	store_sms_waiting(md->st, md->source, &md->waiting);
	return 0;
}

/* At a stop: outcomes that wait get a few more seconds; the rows whose
 * outcome still waits stay claimed (the log says which). */
static void
modem_stop_outcomes(struct modem *md)
{
	time_t until = worker_now_ms() / 1000 + RECORD_STOP_S;
	size_t i;

	while (outbox_pending_flush(md->st, md->cf, &md->pending, modem_also,
	    md, 1) > 0 && worker_now_ms() / 1000 < until) {
		sleep(1);
	}
	for (i = 0; i < md->pending.n; i++) {
		if (md->pending.v[i].result == OUTBOX_SENT) {
			log_warnx("outbox #%lld: sent, but not recorded: "
			    "it goes out again when the daemon restarts",
			    (long long)md->pending.v[i].id);
		}
	}
	outbox_release(md->st, "sms", md->source, &md->pending);
	outbox_pending_free(&md->pending);
}

int
worker_modem_main(struct worker_ctx *w)
{
	struct modem md;
	int rc;

	if ((rc = modem_setup(&md, w)) != 0) {
		pipeline_free(md.pl);
		store_close(md.st);
		return rc;
	}
	modem_status(&md, NULL, 0, "connecting to %s", md.cm->device);
	while (!worker_stopping()) {
		worker_beat(w);
		if (md.m == NULL && modem_connect(&md) == -1) {
			continue;
		}
		if (modem_round(&md) == 0) {
			worker_sleep(w, 1000);
		}
	}
	modem_stop_outcomes(&md);
	modem_status(&md, NULL, 0, "stopped");
	sms_close(md.m);
	pipeline_free(md.pl);
	store_close(md.st);
	wake_close(md.inbox);
	return 0;
}
