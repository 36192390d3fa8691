/*
 * store_outbox.c — the store's side of delivering the outbox: claims,
 * outcomes (the rules are in outbox.c; see outbox.h), and what the
 * dispatch worker polls and fills in.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"
#include "xmalloc.h"

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

static const char SQL_UNTRIED[] =
    "UPDATE outbox SET status = 'queued', attempts = max(attempts - 1, 0),"
    " last_error = coalesce(?2, last_error), claimed_by = NULL,"
    " claimed_at = NULL WHERE id = ?1 AND status = 'sending'";

static const char SQL_REQUEUE[] =
    "UPDATE outbox SET status = 'queued', attempts = 0,"
    " next_attempt_at = ?2, claimed_by = NULL, claimed_at = NULL"
    " WHERE id = ?1 AND status IN ('failed', 'dead', 'suppressed',"
    " 'queued')";

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
	n = store_each(st, s, "reading an outgoing message", store_row_outbox,
	    (void *)cb, arg);
	return n < 0 ? -1 : n > 0;
}

int
store_outbox_finish(struct store *st, int64_t id, const char *status,
    const char *detail, time_t next)
{
	sqlite3_stmt *s = store_prepare(st, SQL_FINISH);

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, status);
	store_bind_text(s, 3, detail);
	sqlite3_bind_int64(s, 4, (int64_t)next);
	sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "recording a delivery");
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

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	if (store_exec_stmt(st, s, "queueing a message again") == -1) {
		return -1;
	}
	return sqlite3_changes(st->db) > 0 ? 0 : 1;
}

/* ---- what the dispatch worker polls and fills in ---- */

/* outbox_due (channel, status, next_attempt_at) answers this alone */
static const char SQL_NEXT_DUE[] =
    "SELECT min(next_attempt_at) FROM outbox"
    " WHERE channel = ?1 AND status = 'queued'";

static const char SQL_SET_MSGID[] =
    "UPDATE outbox SET rfc_message_id = ?2 WHERE id = ?1"
    " AND rfc_message_id IS NULL";

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

int
store_outbox_set_msgid(struct store *st, int64_t id, const char *msgid)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SET_MSGID);

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, msgid);
	return store_exec_stmt(st, s, "recording a Message-ID");
}
