/*
 * store_schedule.c — the schedules' rows (see store.h and schedule.h): one
 * per configured schedule, keyed by its name, holding the id the timer
 * engine knows it by (timer_fired's subject id, kind 'schedule'), its
 * next occurrence and the digest of the settings that occurrence was
 * worked out with.  A schedule removed from the configuration keeps its
 * row: should it come back under the same name, what it already sent is
 * not sent again.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"

static const char SQL_SCHEDULE_GET[] =
    "SELECT id, name, spec, next_action_at FROM schedule WHERE name = ?1";

static const char SQL_SCHEDULE_ADD[] =
    "INSERT INTO schedule (name, spec, next_action_at, created_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";

static const char SQL_SCHEDULE_SET[] =
    "UPDATE schedule SET spec = ?2, next_action_at = ?3, updated_at = ?4"
    " WHERE id = ?1";

static const char SQL_SCHEDULE_LIST[] =
    "SELECT id, name, spec, next_action_at FROM schedule ORDER BY"
    " next_action_at IS NULL, next_action_at, name";

static void
schedule_of(sqlite3_stmt *s, struct store_schedule *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, out->name, sizeof out->name);
	store_col_copy(s, 2, out->spec, sizeof out->spec);
	out->next_action_at = (time_t)sqlite3_column_int64(s, 3);
}

int
store_schedule_get(struct store *st, const char *name,
    struct store_schedule *out)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SCHEDULE_GET);
	int r;

	store_bind_text(s, 1, name);
	if ((r = store_step_one(st, s, "reading a schedule")) == 1) {
		schedule_of(s, out);
		sqlite3_reset(s);
	}
	return r;
}

int
store_schedule_put(struct store *st, struct store_schedule *sc)
{
	sqlite3_stmt *s;

	if (sc->id == 0) {
		s = store_prepare(st, SQL_SCHEDULE_ADD);
		store_bind_text(s, 1, sc->name);
	} else {
		s = store_prepare(st, SQL_SCHEDULE_SET);
		sqlite3_bind_int64(s, 1, sc->id);
	}
	store_bind_text(s, 2, sc->spec);
	store_bind_id(s, 3, (int64_t)sc->next_action_at);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	if (store_exec_stmt(st, s, "recording a schedule") == -1) {
		return -1;
	}
	if (sc->id == 0) {
		sc->id = sqlite3_last_insert_rowid(st->db);
	}
	return 0;
}

static int
schedule_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_schedule sc;

	schedule_of(s, &sc);
	return ((store_schedule_cb)cb)(arg, &sc);
}

int
store_schedule_list(struct store *st, store_schedule_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SCHEDULE_LIST);

	return store_each(st, s, "listing schedules", schedule_row,
	    (void *)cb, arg) == -1 ? -1 : 0;
}
