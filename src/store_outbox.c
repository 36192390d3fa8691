/*
 * store_outbox.c — the outbox: every statement on it is here.  Rows are
 * queued inside the transaction that decides to send them (casework),
 * claimed and finished by the senders (the rules are in outbox.c; see
 * outbox.h), looked up by the Message-ID we gave them (replies, bounces),
 * and listed for complaintctl.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"
#include "zpack.h"
#include "xmalloc.h"

/* The columns row_outbox() reads, in its order. */
#define OUTBOX_ROW_COLS							\
	"o.id, o.complaint_id, c.reference, o.message_id, o.channel,"	\
	" o.kind, o.recipient, o.recipient_name, o.officer, o.subject,"	\
	" CASE WHEN o.body_z IS NULL THEN o.body"			\
	"  ELSE outbox_body(o.body_z) END,"				\
	" CASE WHEN o.body_z IS NULL THEN o.body_html"			\
	"  ELSE outbox_html(o.body_z) END,"				\
	" o.rfc_message_id, o.in_reply_to, o.refs,"			\
	" o.automatic, o.status, o.attempts, o.next_attempt_at,"	\
	" o.last_error, o.created_at, o.sent_at, o.reply_to,"	\
	" o.delivery, o.delivered_at, o.claimed_by, o.claimed_at"	\
	" FROM outbox o LEFT JOIN complaint c ON c.id = o.complaint_id"

static const char SQL_BY_MSGID[] =
    "SELECT id, complaint_id, officer FROM outbox"
    " WHERE rfc_message_id = ?1";

static const char SQL_SENT[] =
    "SELECT coalesce(complaint_id, 0), recipient, coalesce(officer, ''),"
    " kind FROM outbox WHERE rfc_message_id = ?1";

static const char SQL_ADD[] =
    "INSERT INTO outbox (complaint_id, message_id,"
    " channel, kind, recipient, recipient_name, officer, subject, body,"
    " body_html, rfc_message_id, in_reply_to, refs, automatic, status,"
    " last_error, next_attempt_at, created_at, reply_to, limit_key,"
    " limited_by, digest, digest_n) VALUES (?1, ?2,"
    " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
    " max(?17, ?23), ?17, ?18, coalesce(?19, lower(?5)), ?20, ?21, ?22)";

/*
 * The limits' counts (limit.h, casework_limit.c): per recipient (the key
 * of limit.h), for everyone, and an officer's notifications sent one by
 * one since the window began.  Each stops at ?upto, the limit it is
 * compared with: the rows that count come first in the window (the ones
 * held back come after the limit bit), so a flood of held-back rows is
 * never scanned, and a count costs at most the limit, not the flood.
 */
static const char SQL_COUNT_AUTO[] =
    "SELECT count(*) FROM (SELECT 1 FROM outbox"
    " WHERE limit_key = ?1 AND automatic = 1 AND created_at >= ?2"
    " AND status <> 'suppressed' LIMIT ?3)";

static const char SQL_COUNT_AUTO_ALL[] =
    "SELECT count(*) FROM (SELECT 1 FROM outbox"
    " WHERE automatic = 1 AND created_at >= ?1 AND status <> 'suppressed'"
    " LIMIT ?2)";

static const char SQL_COUNT_NOTIFY[] =
    "SELECT count(*) FROM (SELECT 1 FROM outbox"
    " WHERE officer = ?1 AND channel = ?2 AND created_at >= ?3"
    " AND kind IN ('notify', 'followup') AND limited_by IS NULL LIMIT ?4)";

static const char SQL_SUMMARY_FIND[] =
    "SELECT id, coalesce(digest, ''), digest_n FROM outbox"
    " WHERE officer = ?1 AND channel = ?2 AND kind = 'notify-summary'"
    " AND status = 'queued' AND next_attempt_at = ?3"
    " ORDER BY id DESC LIMIT 1";

static const char SQL_SUMMARY_SET[] =
    "UPDATE outbox SET subject = ?2, body = ?3, digest = ?4, digest_n = ?5"
    " WHERE id = ?1 AND status = 'queued'";

static const char SQL_LIMITED[] =
    "SELECT limited_by, count(*) FROM outbox"
    " WHERE limited_by IS NOT NULL AND created_at >= ?1"
    " GROUP BY limited_by ORDER BY limited_by";

/*
 * The lists: one statement per shape, each with its index, where one
 * statement for all ("?1 = 0 OR complaint_id = ?1") read the whole
 * outbox for one case.  A case's rows by outbox_complaint, oldest first;
 * everything newest first by the rowid; the sent ones (nearly all)
 * newest first by the rowid; any other status by outbox_unsent, the
 * partial index of the rows not sent (its WHERE repeated, as SQLite
 * needs to use it).
 */
static const char SQL_LIST_CASE[] =
    "SELECT " OUTBOX_ROW_COLS
    " WHERE o.complaint_id = ?1 AND (?2 IS NULL OR o.status = ?2)"
    " ORDER BY o.id LIMIT ?3";

static const char SQL_LIST_ALL[] =
    "SELECT " OUTBOX_ROW_COLS " ORDER BY o.id DESC LIMIT ?3";

static const char SQL_LIST_SENT[] =
    "SELECT " OUTBOX_ROW_COLS
    " WHERE o.status = 'sent' ORDER BY o.id DESC LIMIT ?3";

static const char SQL_LIST_STATUS[] =
    "SELECT " OUTBOX_ROW_COLS
    " WHERE o.status = ?2 AND o.status <> 'sent' ORDER BY o.id DESC"
    " LIMIT ?3";

/* The counts, from the tally the triggers keep (store_schema.c, 14). */
static const char SQL_PENDING[] =
    "SELECT coalesce(sum(CASE WHEN status IN ('queued', 'sending')"
    "  THEN n END), 0),"
    " coalesce(sum(CASE WHEN status IN ('failed', 'dead') THEN n END), 0)"
    " FROM tally WHERE what = 'outbox'";

static const char SQL_COUNTS[] =
    "SELECT channel, status, n FROM tally WHERE what = 'outbox' AND n > 0"
    " ORDER BY channel, status";

static const char SQL_CASE_OF[] =
    "SELECT coalesce(complaint_id, 0) FROM outbox WHERE id = ?1";

static const char SQL_DELIVERED[] =
    "UPDATE outbox SET delivered_at = ?2, delivery = 'delivered'"
    " WHERE id = ?1";

static const char SQL_UNDELIVERED[] =
    "UPDATE outbox SET status = 'failed', delivery = ?2, last_error = ?2"
    " WHERE id = ?1";

/* ?3: ",id,id," of rows to keep claimed, or NULL; ?4: not tried, give
 * the claim's attempt back */
static const char SQL_RELEASE[] =
    "UPDATE outbox SET status = 'queued', claimed_by = NULL,"
    " claimed_at = NULL,"
    " attempts = CASE WHEN ?4 THEN max(attempts - 1, 0) ELSE attempts END"
    " WHERE channel = ?1 AND status = 'sending' AND claimed_by = ?2"
    " AND (?3 IS NULL OR instr(?3, ',' || id || ',') = 0)";

static const char SQL_CLAIM[] =
    "UPDATE outbox SET status = 'sending', claimed_by = ?2,"
    " claimed_at = ?3, attempts = attempts + 1"
    " WHERE id IN (SELECT id FROM outbox WHERE channel = ?1"
    "  AND status = 'queued' AND next_attempt_at <= ?3"
    "  ORDER BY next_attempt_at, id LIMIT ?4)"
    " RETURNING id";

static const char SQL_GET[] =
    "SELECT " OUTBOX_ROW_COLS " WHERE o.id = ?1";

static const char SQL_FINISH[] =
    "UPDATE outbox SET status = ?2, last_error = ?3,"
    " next_attempt_at = CASE WHEN ?2 = 'queued' THEN ?4"
    "  ELSE next_attempt_at END,"
    " sent_at = CASE WHEN ?2 = 'sent' THEN ?5 ELSE sent_at END,"
    " claimed_by = NULL, claimed_at = NULL WHERE id = ?1";

/*
 * A mail sent a while ago keeps its text for the record (outbox show),
 * compressed (zpack.h): the officers' notifications, which quote the
 * complaint, were a third of the database.  Rows of less than 512 bytes
 * (an SMS, a short answer) stay as they are.  outbox_unpacked (a partial
 * index with the same WHERE) finds the rows still to pack; every read
 * goes through OUTBOX_ROW_COLS, which unpacks (store_outbox_functions).
 */
static const char SQL_PACK[] =
    "UPDATE outbox SET body_z = outbox_pack(body, body_html), body = '',"
    " body_html = NULL WHERE id IN (SELECT id FROM outbox"
    "  WHERE status = 'sent' AND body_z IS NULL"
    "  AND length(body) + coalesce(length(body_html), 0) >= 512"
    "  AND sent_at < ?1 ORDER BY sent_at LIMIT ?2)";

static const char SQL_UNTRIED[] =
    "UPDATE outbox SET status = 'queued', attempts = max(attempts - 1, 0),"
    " last_error = coalesce(?2, last_error), claimed_by = NULL,"
    " claimed_at = NULL WHERE id = ?1 AND status = 'sending'";

static const char SQL_REQUEUE[] =
    "UPDATE outbox SET status = 'queued', attempts = 0,"
    " next_attempt_at = ?2, claimed_by = NULL, claimed_at = NULL"
    " WHERE id = ?1 AND status IN ('failed', 'dead', 'suppressed',"
    " 'queued')";

/* ---- queueing ---- */

int
store_outbox_add(struct store *st, const struct store_outbox_new *o,
    int64_t *outbox_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ADD);

	store_bind_id(s, 1, o->case_id);
	store_bind_id(s, 2, o->message_id);
	store_bind_text(s, 3, o->channel);
	store_bind_text(s, 4, o->kind);
	store_bind_text(s, 5, o->recipient);
	store_bind_text(s, 6, o->recipient_name);
	store_bind_text(s, 7, o->officer);
	store_bind_text(s, 8, o->subject ? o->subject : "");
	store_bind_text(s, 9, o->body);
	store_bind_text(s, 10, o->body_html);
	store_bind_text(s, 11, o->rfc_message_id);
	store_bind_text(s, 12, o->in_reply_to);
	store_bind_text(s, 13, o->references);
	sqlite3_bind_int(s, 14, o->automatic);
	store_bind_text(s, 15, o->status ? o->status : "queued");
	store_bind_text(s, 16, o->note);
	sqlite3_bind_int64(s, 17, (int64_t)time(NULL));
	store_bind_text(s, 18, o->reply_to);
	store_bind_text(s, 19, o->limit_key);
	store_bind_text(s, 20, o->limited_by);
	store_bind_text(s, 21, o->digest);
	sqlite3_bind_int(s, 22, o->digest_n);
	sqlite3_bind_int64(s, 23, (int64_t)o->not_before);
	if (store_exec_stmt(st, s, "queueing an outgoing message") == -1) {
		return -1;
	}
	if (outbox_id != NULL) {
		*outbox_id = sqlite3_last_insert_rowid(st->db);
	}
	return 0;
}

/* One count(*) row into *count. */
static int
store_outbox_count(struct store *st, sqlite3_stmt *s, const char *what,
    int *count)
{
	int64_t v;

	if (store_step_int64(st, s, what, &v) != 1) {
		return -1;
	}
	*count = (int)v;
	return 0;
}

int
store_outbox_count_auto(struct store *st, const char *key, time_t since,
    int upto, int *count)
{
	sqlite3_stmt *s;
	int r;

	if (key == NULL) {
		if ((r = store_memo_count(st, 1, "", since, upto, count)) != 0) {
			return r == 1 ? 0 : -1;
		}
		s = store_prepare(st, SQL_COUNT_AUTO_ALL);
		sqlite3_bind_int64(s, 1, (int64_t)since);
		sqlite3_bind_int(s, 2, upto);
		if (store_outbox_count(st, s, "counting automatic replies",
		    count) == -1) {
			return -1;
		}
		store_memo_put(st, 1, "", since, upto, *count);
		return 0;
	}
	s = store_prepare(st, SQL_COUNT_AUTO);
	store_bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, (int64_t)since);
	sqlite3_bind_int(s, 3, upto);
	return store_outbox_count(st, s, "counting automatic replies",
	    count);
}

int
store_outbox_count_notify(struct store *st, const char *officer,
    const char *channel, time_t since, int upto, int *count)
{
	sqlite3_stmt *s;
	char key[160];
	int r;

	snprintf(key, sizeof key, "%s\t%s", officer, channel);
	if ((r = store_memo_count(st, 2, key, since, upto, count)) != 0) {
		return r == 1 ? 0 : -1;
	}
	s = store_prepare(st, SQL_COUNT_NOTIFY);
	store_bind_text(s, 1, officer);
	store_bind_text(s, 2, channel);
	sqlite3_bind_int64(s, 3, (int64_t)since);
	sqlite3_bind_int(s, 4, upto);
	if (store_outbox_count(st, s, "counting notifications", count) == -1) {
		return -1;
	}
	store_memo_put(st, 2, key, since, upto, *count);
	return 0;
}

int
store_outbox_summary_find(struct store *st, const char *officer,
    const char *channel, time_t due, int64_t *id, char **digest, int *n)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SUMMARY_FIND);
	int r;

	*digest = NULL;
	store_bind_text(s, 1, officer);
	store_bind_text(s, 2, channel);
	sqlite3_bind_int64(s, 3, (int64_t)due);
	r = store_step_one(st, s, "looking for an officer's summary");
	if (r == 1) {
		*id = sqlite3_column_int64(s, 0);
		*digest = xstrdup(store_col_text(s, 1));
		*n = sqlite3_column_int(s, 2);
		sqlite3_reset(s);
	}
	return r;
}

int
store_outbox_summary_set(struct store *st, int64_t id, const char *subject,
    const char *body, const char *digest, int n)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SUMMARY_SET);

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, subject ? subject : "");
	store_bind_text(s, 3, body);
	store_bind_text(s, 4, digest);
	sqlite3_bind_int(s, 5, n);
	return store_exec_stmt(st, s, "adding to an officer's summary");
}

int
store_outbox_limited(struct store *st, time_t since, store_limited_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_LIMITED);
	int rc;

	sqlite3_bind_int64(s, 1, (int64_t)since);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cb(arg, store_col_text(s, 0), sqlite3_column_int(s, 1))
		    != 0) {
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, rc, "counting what the limits held back");
	}
	return 0;
}

/* ---- lookups and listings ---- */

int
store_outbox_by_msgid(struct store *st, const char *msgid,
    int64_t *outbox_id, int64_t *case_id, char *officer, size_t officer_len)
{
	sqlite3_stmt *s = store_prepare(st, SQL_BY_MSGID);
	int r;

	store_bind_text(s, 1, msgid);
	r = store_step_one(st, s, "looking up an outbox row");
	if (r == 1) {
		*outbox_id = sqlite3_column_int64(s, 0);
		*case_id = sqlite3_column_int64(s, 1);
		store_col_copy(s, 2, officer, officer_len);
		sqlite3_reset(s);
	}
	return r;
}

int
store_outbox_sent(struct store *st, const char *msgid,
    struct store_sent *out)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SENT);
	int r;

	store_bind_text(s, 1, msgid);
	r = store_step_one(st, s, "looking up a message we sent");
	if (r == 1) {
		out->case_id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, out->recipient, sizeof out->recipient);
		store_col_copy(s, 2, out->officer, sizeof out->officer);
		store_col_copy(s, 3, out->kind, sizeof out->kind);
		sqlite3_reset(s);
	}
	return r;
}

static int
row_outbox(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_outbox_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.case_id = sqlite3_column_int64(s, 1);
	r.reference = store_col_text(s, 2);
	r.message_id = sqlite3_column_int64(s, 3);
	r.channel = store_col_text(s, 4);
	r.kind = store_col_text(s, 5);
	r.recipient = store_col_text(s, 6);
	r.recipient_name = store_col_text(s, 7);
	r.officer = store_col_text(s, 8);
	r.subject = store_col_text(s, 9);
	r.body = store_col_text(s, 10);
	r.body_html = store_col_text(s, 11);
	r.rfc_message_id = store_col_text(s, 12);
	r.in_reply_to = store_col_text(s, 13);
	r.references = store_col_text(s, 14);
	r.automatic = sqlite3_column_int(s, 15);
	r.status = store_col_text(s, 16);
	r.attempts = sqlite3_column_int(s, 17);
	r.next_attempt_at = (time_t)sqlite3_column_int64(s, 18);
	r.last_error = store_col_text(s, 19);
	r.created_at = (time_t)sqlite3_column_int64(s, 20);
	r.sent_at = (time_t)sqlite3_column_int64(s, 21);
	r.reply_to = store_col_text(s, 22);
	r.delivery = store_col_text(s, 23);
	r.delivered_at = (time_t)sqlite3_column_int64(s, 24);
	r.claimed_by = store_col_text(s, 25);
	r.claimed_at = (time_t)sqlite3_column_int64(s, 26);
	return ((store_outbox_cb)cb)(arg, &r);
}

int
store_outbox_list(struct store *st, int64_t case_id, const char *status,
    int limit, store_outbox_cb cb, void *arg)
{
	const char *sql = case_id != 0 ? SQL_LIST_CASE : status == NULL ?
	    SQL_LIST_ALL : strcmp(status, "sent") == 0 ? SQL_LIST_SENT :
	    SQL_LIST_STATUS;
	sqlite3_stmt *s = store_prepare(st, sql);

	if (case_id != 0) {
		sqlite3_bind_int64(s, 1, case_id);
	}
	if (status != NULL && sql != SQL_LIST_SENT) {
		store_bind_text(s, 2, status);
	}
	sqlite3_bind_int(s, 3, limit > 0 ? limit : -1);
	return store_each(st, s, "listing the outbox", row_outbox, (void *)cb,
	    arg) < 0 ? -1 : 0;
}

int
store_outbox_pending(struct store *st, int *queued, int *failed)
{
	sqlite3_stmt *s = store_prepare(st, SQL_PENDING);

	if (store_step_one(st, s, "counting the outbox") != 1) {
		return -1;
	}
	*queued = sqlite3_column_int(s, 0);
	*failed = sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	return 0;
}

int
store_outbox_counts(struct store *st, store_count_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_COUNTS);
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cb(arg, store_col_text(s, 0), store_col_text(s, 1),
		    sqlite3_column_int(s, 2)) != 0) {
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, rc, "counting the outbox");
	}
	return 0;
}

int
store_outbox_case(struct store *st, int64_t outbox_id, int64_t *case_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_OF);
	int r;

	*case_id = 0;
	sqlite3_bind_int64(s, 1, outbox_id);
	r = store_step_int64(st, s, "reading an outgoing message", case_id);
	return r == -1 ? -1 : 0;
}

/* ---- delivery ---- */

int
store_outbox_release(struct store *st, const char *channel,
    const char *claimer, const char *keep, int untried, int *released)
{
	sqlite3_stmt *s = store_prepare(st, SQL_RELEASE);

	store_bind_text(s, 1, channel);
	store_bind_text(s, 2, claimer);
	store_bind_text(s, 3, keep);
	sqlite3_bind_int(s, 4, untried);
	if (store_exec_stmt(st, s, "releasing claimed messages") == -1) {
		return -1;
	}
	*released = sqlite3_changes(st->db);
	return 0;
}

int
store_outbox_claim(struct store *st, const char *channel,
    const char *claimer, time_t now, int max, store_outbox_cb cb, void *arg,
    int *claimed)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CLAIM);
	int64_t *ids = NULL;
	int n = 0, rc, i;

	store_bind_text(s, 1, channel);
	store_bind_text(s, 2, claimer);
	sqlite3_bind_int64(s, 3, (int64_t)now);
	sqlite3_bind_int(s, 4, max);
	ids = xcalloc((size_t)max + 1, sizeof *ids);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		free(ids);
		return store_fail(st, rc, "claiming messages to send");
	}
	for (i = 0; i < n; i++) {
		if (store_outbox_get(st, ids[i], cb, arg) == -1) {
			free(ids);
			return -1;
		}
	}
	free(ids);
	*claimed = n;
	return 0;
}

int
store_outbox_get(struct store *st, int64_t id, store_outbox_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_GET);
	int n;

	sqlite3_bind_int64(s, 1, id);
	n = store_each(st, s, "reading an outgoing message", row_outbox,
	    (void *)cb, arg);
	return n < 0 ? -1 : n > 0;
}

int
store_outbox_finish(struct store *st, int64_t id, const char *status,
    const char *detail, time_t next)
{
	sqlite3_stmt *s = store_prepare(st, SQL_FINISH);

	store_memo_forget(st);
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, status);
	store_bind_text(s, 3, detail);
	sqlite3_bind_int64(s, 4, (int64_t)next);
	sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "recording a delivery");
}

int
store_outbox_pack_sent(struct store *st, time_t before, int max, int *packed)
{
	sqlite3_stmt *s = store_prepare(st, SQL_PACK);

	sqlite3_bind_int64(s, 1, (int64_t)before);
	sqlite3_bind_int(s, 2, max);
	if (store_exec_stmt(st, s, "compressing sent mail") == -1) {
		return -1;
	}
	*packed = sqlite3_changes(st->db);
	return 0;
}

int
store_outbox_untried(struct store *st, int64_t id, const char *note)
{
	sqlite3_stmt *s = store_prepare(st, SQL_UNTRIED);

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, note);
	return store_exec_stmt(st, s, "releasing a message not tried");
}

int
store_outbox_requeue(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_REQUEUE);

	store_memo_forget(st);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	if (store_exec_stmt(st, s, "queueing a message again") == -1) {
		return -1;
	}
	return sqlite3_changes(st->db) > 0 ? 0 : 1;
}

/* ---- what the dispatch worker polls ---- */

/* outbox_due (channel, status, next_attempt_at) answers this alone */
static const char SQL_NEXT_DUE[] =
    "SELECT min(next_attempt_at) FROM outbox"
    " WHERE channel = ?1 AND status = 'queued'";

int
store_outbox_next_due(struct store *st, const char *channel, time_t *when)
{
	sqlite3_stmt *s = store_prepare(st, SQL_NEXT_DUE);
	int r;

	store_bind_text(s, 1, channel);
	r = store_step_one(st, s, "looking for messages to send");
	if (r != 1) {
		return r;
	}
	r = sqlite3_column_type(s, 0) != SQLITE_NULL;
	if (r) {
		*when = (time_t)sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return r;
}

/* ---- delivery reports (SMS; the matching is store_sms.c's) ---- */

int
store_outbox_delivery(struct store *st, int64_t outbox_id,
    const char *failure)
{
	sqlite3_stmt *s;

	if (failure != NULL) {
		s = store_prepare(st, SQL_UNDELIVERED);
		store_bind_text(s, 2, failure);
	} else {
		s = store_prepare(st, SQL_DELIVERED);
		sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	}
	sqlite3_bind_int64(s, 1, outbox_id);
	return store_exec_stmt(st, s, "recording a delivery report");
}

/* ---- the packed text of a sent mail (SQL functions) ---- */

/* outbox_pack(body, html): a flag ('1': with html), the body, then a NUL
 * and the html, packed. */
static void
fn_outbox_pack(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *body = sqlite3_value_text(argv[0]);
	const unsigned char *html = sqlite3_value_text(argv[1]);
	struct buf in, out;

	(void)argc;
	buf_init(&in);
	buf_init(&out);
	buf_addc(&in, html != NULL ? '1' : '0');
	buf_adds(&in, body != NULL ? (const char *)body : "");
	if (html != NULL) {
		buf_add(&in, "", 1);
		buf_adds(&in, (const char *)html);
	}
	if (zpack(in.data, in.len, &out) == 0) {
		sqlite3_result_blob(ctx, out.data, (int)out.len,
		    SQLITE_TRANSIENT);
	} else {
		sqlite3_result_error(ctx, "cannot pack a mail's text", -1);
	}
	buf_free(&in);
	buf_free(&out);
}

/* outbox_body(z) and outbox_html(z) (user data: 1 for the html). */
static void
fn_outbox_part(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int html = sqlite3_user_data(ctx) != NULL;
	struct buf out;
	size_t blen;

	(void)argc;
	buf_init(&out);
	if (zunpack(sqlite3_value_blob(argv[0]), (size_t)sqlite3_value_bytes(
	    argv[0]), &out) == -1 || out.len < 1) {
		sqlite3_result_null(ctx);
	} else if (!html) {
		sqlite3_result_text(ctx, out.data + 1, -1, SQLITE_TRANSIENT);
	} else if (out.data[0] == '1') {
		blen = strlen(out.data + 1);
		sqlite3_result_text(ctx, out.data + 2 + blen, (int)(out.len - 2 -
		    blen), SQLITE_TRANSIENT);
	} else {
		sqlite3_result_null(ctx);
	}
	buf_free(&out);
}

int
store_outbox_functions(sqlite3 *db)
{
	static int html = 1;
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	return sqlite3_create_function(db, "outbox_pack", 2, flags, NULL,
	    fn_outbox_pack, NULL, NULL) == SQLITE_OK &&
	    sqlite3_create_function(db, "outbox_body", 1, flags, NULL,
	    fn_outbox_part, NULL, NULL) == SQLITE_OK &&
	    sqlite3_create_function(db, "outbox_html", 1, flags, &html,
	    fn_outbox_part, NULL, NULL) == SQLITE_OK ? 0 : -1;
}
