/*
 * store_source.c — the store's side of reading a source (an IMAP mailbox):
 * where intake stands (source_state) and how often an item was tried
 * (source_attempt).
 *
 * source_state holds one row per source: UIDVALIDITY and the last UID
 * whose processing is committed (written in the same transaction as the
 * messages, so the two never disagree), and the connection state that
 * `complaintctl` shows (status, last_error, last_ok_at, updated_at; when
 * the last message was taken in and how long after its delivery; a
 * warning while intake works but something else does not).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"

static const char SQL_POS_GET[] =
    "SELECT uidvalidity, last_uid FROM source_state WHERE source = ?1"
    " AND uidvalidity IS NOT NULL";

static const char SQL_POS_SET[] =
    "INSERT INTO source_state (source, uidvalidity, last_uid, last_ok_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)"
    " ON CONFLICT (source) DO UPDATE SET uidvalidity = ?2, last_uid = ?3,"
    " last_ok_at = ?4, updated_at = ?4";

static const char SQL_SOURCE_STATUS[] =
    "INSERT INTO source_state (source, status, last_error, last_ok_at,"
    " down_since, updated_at) VALUES (?1, ?2, ?3, CASE WHEN ?4 THEN ?5 END,"
    " CASE WHEN ?6 AND NOT ?4 THEN ?5 END, ?5)"
    " ON CONFLICT (source) DO UPDATE SET status = ?2,"
    " last_error = coalesce(?3, last_error),"
    " last_ok_at = CASE WHEN ?4 THEN ?5 ELSE last_ok_at END,"
    " down_since = CASE WHEN ?4 THEN NULL WHEN ?6 THEN"
    "  coalesce(down_since, ?5) ELSE down_since END,"
    " updated_at = ?5";

static const char SQL_SOURCE_LIST[] =
    "SELECT source, status, last_error, last_ok_at, updated_at,"
    " last_intake_at, last_delay_ms, warning, down_since, alerted_down"
    " FROM source_state ORDER BY source";

static const char SQL_ALERT_MARK[] =
    "UPDATE source_state SET alerted_down = ?2 WHERE source = ?1"
    " AND alerted_down IS NULL AND down_since = ?2";

static const char SQL_ALERT_CLEAR[] =
    "UPDATE source_state SET alerted_down = NULL WHERE source = ?1"
    " AND alerted_down = ?2 AND (down_since IS NULL OR down_since <> ?2)";

static const char SQL_SOURCE_INTAKE[] =
    "UPDATE source_state SET last_intake_at = ?2, last_delay_ms = ?3"
    " WHERE source = ?1";

static const char SQL_SOURCE_WARNING[] =
    "INSERT INTO source_state (source, warning, updated_at)"
    " VALUES (?1, ?2, ?3) ON CONFLICT (source) DO UPDATE SET warning = ?2,"
    " updated_at = ?3";

static const char SQL_ATTEMPT_ADD[] =
    "INSERT INTO source_attempt (source, item, attempts, last_error,"
    " updated_at, alone) VALUES (?1, ?2, 1, ?3, ?4, ?5)"
    " ON CONFLICT (source, item) DO UPDATE SET attempts = attempts + 1,"
    " alone = alone + ?5, last_error = coalesce(?3, last_error),"
    " updated_at = ?4";

static const char SQL_ATTEMPT_UNDO[] =
    "UPDATE source_attempt SET attempts = attempts - 1,"
    " alone = max(alone - ?4, 0), updated_at = ?3"
    " WHERE source = ?1 AND item = ?2";

static const char SQL_ATTEMPT_CLEAR[] =
    "DELETE FROM source_attempt WHERE source = ?1 AND item = ?2";

static const char SQL_ATTEMPT_PURGE[] =
    "DELETE FROM source_attempt WHERE source = ?1 AND attempts <= 0";

static const char SQL_ATTEMPT_FORGET[] =
    "DELETE FROM source_attempt WHERE source = ?1"
    " AND substr(item, 1, length(?2)) <> ?2";

static const char SQL_ATTEMPT_LIST[] =
    "SELECT item, attempts, last_error, alone FROM source_attempt"
    " WHERE source = ?1 AND attempts > 0";

int
store_source_position(struct store *st, const char *source,
    int64_t *uidvalidity, int64_t *last_uid)
{
	sqlite3_stmt *s = store_prepare(st, SQL_POS_GET);
	int r;

	store_bind_text(s, 1, source);
	r = store_step_one(st, s, "reading a source's position");
	if (r == 1) {
		*uidvalidity = sqlite3_column_int64(s, 0);
		*last_uid = sqlite3_column_int64(s, 1);
		sqlite3_reset(s);
	}
	return r;
}

int
store_source_set_position(struct store *st, const char *source,
    int64_t uidvalidity, int64_t last_uid)
{
	sqlite3_stmt *s = store_prepare(st, SQL_POS_SET);

	store_bind_text(s, 1, source);
	sqlite3_bind_int64(s, 2, uidvalidity);
	sqlite3_bind_int64(s, 3, last_uid);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "recording a source's position");
}

int
store_source_status(struct store *st, const char *source, const char *status,
    const char *error, int ok)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SOURCE_STATUS);

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, status);
	store_bind_text(s, 3, error);
	sqlite3_bind_int(s, 4, ok);
	sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
	sqlite3_bind_int(s, 6, error != NULL);
	return store_exec_stmt(st, s, "recording a source's status");
}

static int
row_source(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_source_row r;

	r.source = store_col_text(s, 0);
	r.status = store_col_text(s, 1);
	r.last_error = store_col_text(s, 2);
	r.last_ok_at = (time_t)sqlite3_column_int64(s, 3);
	r.updated_at = (time_t)sqlite3_column_int64(s, 4);
	r.last_intake_at = (time_t)sqlite3_column_int64(s, 5);
	r.last_delay_ms = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(s, 6);
	r.warning = store_col_text(s, 7);
	r.down_since = (time_t)sqlite3_column_int64(s, 8);
	r.alerted_down = (time_t)sqlite3_column_int64(s, 9);
	return ((store_source_cb)cb)(arg, &r);
}

int
store_source_list(struct store *st, store_source_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SOURCE_LIST);

	return store_each(st, s, "listing sources", row_source, (void *)cb,
	    arg) < 0 ? -1 : 0;
}

int
store_source_alerted(struct store *st, const char *source, time_t down_since,
    int told)
{
	sqlite3_stmt *s = store_prepare(st, told ? SQL_ALERT_MARK :
	    SQL_ALERT_CLEAR);

	store_bind_text(s, 1, source);
	sqlite3_bind_int64(s, 2, (int64_t)down_since);
	if (store_exec_stmt(st, s, "recording an alert") == -1) {
		return -1;
	}
	return sqlite3_changes(st->db) > 0;
}

int
store_source_intake(struct store *st, const char *source, time_t at,
    int64_t delay_ms)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SOURCE_INTAKE);

	store_bind_text(s, 1, source);
	sqlite3_bind_int64(s, 2, (int64_t)at);
	if (delay_ms >= 0) {
		sqlite3_bind_int64(s, 3, delay_ms);
	}
	return store_exec_stmt(st, s, "recording a source's intake");
}

int
store_source_warning(struct store *st, const char *source,
    const char *warning)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SOURCE_WARNING);

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, warning);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "recording a source's warning");
}

int
store_attempt_add(struct store *st, const char *source, const char *item,
    const char *note, int alone)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATTEMPT_ADD);

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, item);
	store_bind_text(s, 3, note);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	sqlite3_bind_int(s, 5, alone != 0);
	return store_exec_stmt(st, s, "counting an attempt");
}

int
store_attempt_undo(struct store *st, const char *source, const char *item,
    int alone)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATTEMPT_UNDO);

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, item);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	sqlite3_bind_int(s, 4, alone != 0);
	if (store_exec_stmt(st, s, "taking back an attempt") == -1) {
		return -1;
	}
	s = store_prepare(st, SQL_ATTEMPT_PURGE);
	store_bind_text(s, 1, source);
	return store_exec_stmt(st, s, "taking back an attempt");
}

int
store_attempt_clear(struct store *st, const char *source, const char *item)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATTEMPT_CLEAR);

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, item);
	return store_exec_stmt(st, s, "forgetting an attempt");
}

int
store_attempt_forget(struct store *st, const char *source, const char *keep)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATTEMPT_FORGET);

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, keep);
	return store_exec_stmt(st, s, "forgetting old attempts");
}

int
store_attempt_list(struct store *st, const char *source,
    store_attempt_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATTEMPT_LIST);
	int rc;

	store_bind_text(s, 1, source);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cb(arg, store_col_text(s, 0), sqlite3_column_int(s, 1),
		    sqlite3_column_int(s, 3), store_col_text(s, 2)) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, rc, "listing attempts");
	}
	return 0;
}
