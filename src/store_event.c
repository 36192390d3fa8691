/*
 * store_event.c — the history of a case (event): who did what when, the
 * record ISO 9001 asks for.  Append-only: nothing here updates or deletes
 * an event.  Events with no case record what happened outside one (a
 * quarantined message, a bounce for no message of ours).
 */
#include <time.h>

#include "store_priv.h"

static const char SQL_EVENT_ADD[] =
    "INSERT INTO event (complaint_id, at, actor, kind,"
    " detail) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_EVENT_LIST[] =
    "SELECT id, complaint_id, at, actor, kind, detail"
    " FROM event WHERE (?1 = 0 AND complaint_id IS NULL)"
    " OR complaint_id = ?1 ORDER BY id";

int
store_event_add(struct store *st, int64_t case_id, const char *actor,
    const char *kind, const char *detail)
{
	sqlite3_stmt *s = store_prepare(st, SQL_EVENT_ADD);

	store_bind_id(s, 1, case_id);
	sqlite3_bind_int64(s, 2, (int64_t)store_now(st));
	store_bind_text(s, 3, actor);
	store_bind_text(s, 4, kind);
	store_bind_text(s, 5, detail ? detail : "");
	return store_exec_stmt(st, s, "recording an event");
}

static int
row_event(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_event_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.case_id = sqlite3_column_int64(s, 1);
	r.at = (time_t)sqlite3_column_int64(s, 2);
	r.actor = store_col_text(s, 3);
	r.kind = store_col_text(s, 4);
	r.detail = store_col_text(s, 5);
	return ((store_event_cb)cb)(arg, &r);
}

int
store_event_list(struct store *st, int64_t case_id, store_event_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_EVENT_LIST);

	sqlite3_bind_int64(s, 1, case_id);
	return store_each(st, s, "listing events", row_event, (void *)cb,
	    arg) < 0 ? -1 : 0;
}
