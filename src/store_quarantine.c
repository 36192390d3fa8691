/*
 * store_quarantine.c — messages that could not be taken in, kept with
 * their raw bytes and the reason until someone reprocesses or discards
 * them; a source's worker asks whether one of its items is held.
 */
#include <time.h>

#include "store_priv.h"

static const char SQL_QUAR_ADD[] =
    "INSERT INTO quarantine (source, item, reason, raw,"
    " size, created_at, updated_at, original_size) VALUES (?1, ?2, ?3, ?4,"
    " ?5, ?6, ?6, nullif(?7, 0))";

static const char SQL_QUAR_STATUS[] =
    "UPDATE quarantine SET status = ?2,"
    " message_id = nullif(?3, 0), updated_at = ?4 WHERE id = ?1";

static const char SQL_QUAR_LIST[] =
    "SELECT id, source, item, reason, status, created_at,"
    " NULL, size, message_id, coalesce(original_size, size) FROM quarantine"
    " WHERE ?1 IS NULL OR status = ?1 ORDER BY id";

static const char SQL_QUAR_FIND[] =
    "SELECT id FROM quarantine WHERE source = ?1 AND item = ?2 LIMIT 1";

static const char SQL_QUAR_HELD[] =
    "SELECT coalesce(sum(n), 0) FROM tally WHERE what = 'quarantine'"
    " AND status = 'held'";	/* kept by triggers (store_schema.c, 14) */

static const char SQL_QUAR_GET[] =
    "SELECT id, source, item, reason, status, created_at,"
    " raw, size, message_id, coalesce(original_size, size) FROM quarantine"
    " WHERE id = ?1";

int
store_quarantine_add(struct store *st, const char *source, const char *item,
    const char *reason, const void *raw, size_t len, int64_t *quarantine_id)
{
	return store_quarantine_add_part(st, source, item, reason, raw, len, 0,
	    quarantine_id);
}

int
store_quarantine_add_part(struct store *st, const char *source,
    const char *item, const char *reason, const void *raw, size_t len,
    size_t original_size, int64_t *quarantine_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_QUAR_ADD);

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, item);
	store_bind_text(s, 3, reason);
	sqlite3_bind_blob64(s, 4, raw != NULL ? raw : "", len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, (int64_t)len);
	sqlite3_bind_int64(s, 6, (int64_t)time(NULL));
	sqlite3_bind_int64(s, 7, original_size > len ? (int64_t)original_size :
	    0);
	if (store_exec_stmt(st, s, "quarantining a message") == -1) {
		return -1;
	}
	if (quarantine_id != NULL) {
		*quarantine_id = sqlite3_last_insert_rowid(st->db);
	}
	return 0;
}

int
store_quarantine_set_status(struct store *st, int64_t id, const char *status,
    int64_t message_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_QUAR_STATUS);

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, status);
	sqlite3_bind_int64(s, 3, message_id);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "updating a quarantined message");
}

static int
row_quarantine(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_quarantine_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.source = store_col_text(s, 1);
	r.item = store_col_text(s, 2);
	r.reason = store_col_text(s, 3);
	r.status = store_col_text(s, 4);
	r.created_at = (time_t)sqlite3_column_int64(s, 5);
	r.raw = sqlite3_column_blob(s, 6);
	r.size = (size_t)sqlite3_column_int64(s, 7);
	r.message_id = sqlite3_column_int64(s, 8);
	r.original_size = (size_t)sqlite3_column_int64(s, 9);
	return ((store_quarantine_cb)cb)(arg, &r);
}

int
store_quarantine_list(struct store *st, const char *status,
    store_quarantine_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_QUAR_LIST);

	store_bind_text(s, 1, status);
	return store_each(st, s, "listing the quarantine", row_quarantine,
	    (void *)cb, arg) < 0 ? -1 : 0;
}

int
store_quarantine_get(struct store *st, int64_t id, store_quarantine_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_QUAR_GET);
	int n;

	sqlite3_bind_int64(s, 1, id);
	n = store_each(st, s, "reading a quarantined message",
	    row_quarantine, (void *)cb, arg);
	return n < 0 ? -1 : n > 0;
}

int
store_quarantine_find(struct store *st, const char *source, const char *item)
{
	sqlite3_stmt *s = store_prepare(st, SQL_QUAR_FIND);
	int r;

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, item);
	r = store_step_one(st, s, "looking for a quarantined item");
	if (r == 1) {
		sqlite3_reset(s);
	}
	return r;
}

int
store_quarantine_held(struct store *st, int *held)
{
	sqlite3_stmt *s = store_prepare(st, SQL_QUAR_HELD);
	int64_t v;

	if (store_step_int64(st, s, "counting the quarantine", &v) != 1) {
		return -1;
	}
	*held = (int)v;
	return 0;
}
