/*
 * store_timer.c — what the procedure clock fired (timer_fired) and the
 * configuration it last worked its times out with (clock_config); see
 * sla.h for the engine and store.h for the contract.
 *
 * timer_fired is append-only, like event: a row is the record that an
 * action (a reminder, an overdue notice, escalation level N, a close)
 * happened, written in the transaction that carries it out.  Its primary
 * key (subject kind, subject id, kind, seq) is what makes each action
 * happen once: a second insert of the same key changes nothing, and the
 * caller, told so, does not act.  A case's clock columns live with the
 * case (store_case.c).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"

static const char SQL_TIMER_FIRE[] =
    "INSERT INTO timer_fired (subject_kind, subject_id, kind, seq, due_at,"
    " fired_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (subject_kind, subject_id, kind, seq) DO NOTHING";

static const char SQL_TIMER_FIRED[] =
    "SELECT kind, seq FROM timer_fired"
    " WHERE subject_kind = ?1 AND subject_id = ?2"
    " AND (seq >= ?3 OR kind = ?4)";

static const char SQL_CLOCK_CONFIG[] =
    "SELECT digest FROM clock_config WHERE id = 1";

static const char SQL_CLOCK_CONFIG_SET[] =
    "INSERT INTO clock_config (id, digest, updated_at) VALUES (1, ?1, ?2)"
    " ON CONFLICT (id) DO UPDATE SET digest = ?1, updated_at = ?2";

int
store_timer_fire(struct store *st, const char *subject_kind,
    int64_t subject_id, const char *kind, int64_t seq, time_t due_at,
    time_t fired_at)
{
	sqlite3_stmt *s = store_prepare(st, SQL_TIMER_FIRE);

	store_bind_text(s, 1, subject_kind);
	sqlite3_bind_int64(s, 2, subject_id);
	store_bind_text(s, 3, kind);
	sqlite3_bind_int64(s, 4, seq);
	sqlite3_bind_int64(s, 5, (int64_t)due_at);
	sqlite3_bind_int64(s, 6, (int64_t)fired_at);
	if (store_exec_stmt(st, s, "recording a timer") == -1) {
		return -1;
	}
	return sqlite3_changes(st->db) > 0;
}

int
store_timer_fired(struct store *st, const char *subject_kind,
    int64_t subject_id, int64_t min_seq, const char *always_kind,
    store_timer_key_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_TIMER_FIRED);
	int rc;

	store_bind_text(s, 1, subject_kind);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int64(s, 3, min_seq);
	store_bind_text(s, 4, always_kind);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cb(arg, store_col_text(s, 0), sqlite3_column_int64(s, 1))
		    != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, rc, "reading what the clock fired");
	}
	return 0;
}

int
store_clock_config(struct store *st, char *digest, size_t len)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CLOCK_CONFIG);
	int r;

	if ((r = store_step_one(st, s, "reading the clock's settings")) ==
	    1) {
		store_col_copy(s, 0, digest, len);
		sqlite3_reset(s);
	}
	return r;
}

int
store_clock_config_set(struct store *st, const char *digest)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CLOCK_CONFIG_SET);

	store_bind_text(s, 1, digest);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "recording the clock's settings");
}
