/*
 * store_cpar.c — corrective actions (store_cpar.h): the cpar record, its
 * links to cases and its history.  References come from the counter table
 * like the cases' ("cpar:YYYY" per year, or "cpar"), so a number is never
 * reused.  Nothing here deletes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "ref.h"
#include "store_cpar.h"
#include "store_priv.h"
#include "xmalloc.h"

#define CPAR_COLS \
    "k.id, k.reference, k.status, k.nonconformity, k.root_cause," \
    " k.correction, k.corrective, k.preventive, k.owner, k.due_date," \
    " k.due_at, k.created_by, k.created_at, k.done_at, k.verified_at," \
    " k.verified_by, k.not_effective, k.updated_at"

static const char SQL_CPAR_COUNTER[] =
    "INSERT INTO counter (name, value) VALUES (?1, 1)"
    " ON CONFLICT (name) DO UPDATE SET value = value + 1"
    " RETURNING value";

static const char SQL_CPAR_ADD[] =
    "INSERT INTO cpar (reference, status, nonconformity, owner, created_by,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";

static const char SQL_CPAR_SAVE[] =
    "UPDATE cpar SET status = ?2, nonconformity = ?3, root_cause = ?4,"
    " correction = ?5, corrective = ?6, preventive = ?7, owner = ?8,"
    " due_date = ?9, due_at = ?10, done_at = ?11, verified_at = ?12,"
    " verified_by = ?13, not_effective = ?14, updated_at = ?15"
    " WHERE id = ?1";

static const char SQL_CPAR_BY_REF[] =
    "SELECT " CPAR_COLS " FROM cpar k WHERE k.reference = ?1"
    " COLLATE NOCASE";

static const char SQL_CPAR_BY_ID[] =
    "SELECT " CPAR_COLS " FROM cpar k WHERE k.id = ?1";

static const char SQL_CPAR_LIST[] =
    "SELECT " CPAR_COLS " FROM cpar k WHERE (?1 IS NULL OR k.status = ?1)"
    " ORDER BY k.id";

static const char SQL_CPAR_OF_CASE[] =
    "SELECT " CPAR_COLS " FROM cpar k JOIN cpar_case l ON l.cpar_id = k.id"
    " WHERE l.complaint_id = ?1 ORDER BY k.id";

static const char SQL_CPAR_LINK[] =
    "INSERT OR IGNORE INTO cpar_case (cpar_id, complaint_id, linked_at)"
    " VALUES (?1, ?2, ?3)";

static const char SQL_CPAR_CASES[] =
    "SELECT c.reference FROM cpar_case l JOIN complaint c"
    " ON c.id = l.complaint_id WHERE l.cpar_id = ?1 ORDER BY c.id";

static const char SQL_CPAR_HELD[] =
    "SELECT c.reference FROM cpar_case l JOIN complaint c"
    " ON c.id = l.complaint_id WHERE l.cpar_id = ?1 AND c.status = 'resolved'"
    " AND c.satisfaction IN ('satisfied', 'no_answer') ORDER BY c.id";

static const char SQL_CPAR_EVENT[] =
    "INSERT INTO cpar_event (cpar_id, at, actor, kind, detail)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_CPAR_EVENTS[] =
    "SELECT id, cpar_id, at, actor, kind, detail FROM cpar_event"
    " WHERE cpar_id = ?1 ORDER BY id";

void
store_cpar_clear(struct store_cpar *c)
{
	free(c->nonconformity);
	free(c->root_cause);
	free(c->correction);
	free(c->corrective);
	free(c->preventive);
	memset(c, 0, sizeof *c);
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL :
	    xstrdup(store_col_text(s, i));
}

static void
cpar_read(sqlite3_stmt *s, struct store_cpar *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, c->reference, sizeof c->reference);
	store_col_copy(s, 2, c->status, sizeof c->status);
	c->nonconformity = col_dup(s, 3);
	c->root_cause = col_dup(s, 4);
	c->correction = col_dup(s, 5);
	c->corrective = col_dup(s, 6);
	c->preventive = col_dup(s, 7);
	store_col_copy(s, 8, c->owner, sizeof c->owner);
	store_col_copy(s, 9, c->due_date, sizeof c->due_date);
	c->due_at = (time_t)sqlite3_column_int64(s, 10);
	store_col_copy(s, 11, c->created_by, sizeof c->created_by);
	c->created_at = (time_t)sqlite3_column_int64(s, 12);
	c->done_at = (time_t)sqlite3_column_int64(s, 13);
	c->verified_at = (time_t)sqlite3_column_int64(s, 14);
	store_col_copy(s, 15, c->verified_by, sizeof c->verified_by);
	c->not_effective = sqlite3_column_int(s, 16);
	c->updated_at = (time_t)sqlite3_column_int64(s, 17);
}

int
store_cpar_add(struct store *st, struct store_cpar *c, const char *fmt)
{
	sqlite3_stmt *s;
	struct tm tm;
	char counter[32];
	int64_t seq;

	localtime_r(&c->created_at, &tm);
	if (ref_format_has_year(fmt)) {
		snprintf(counter, sizeof counter, "cpar:%04d",
		    tm.tm_year + 1900);
	} else {
		snprintf(counter, sizeof counter, "cpar");
	}
	s = store_prepare(st, SQL_CPAR_COUNTER);
	store_bind_text(s, 1, counter);
	if (store_step_int64(st, s, "numbering a corrective action", &seq)
	    != 1) {
		return -1;
	}
	if (ref_format(fmt, tm.tm_year + 1900, seq, c->reference,
	    sizeof c->reference) == -1) {
		st->errkind = STORE_E_OTHER;
		log_errx("database: reference format %s cannot number "
		    "corrective action %lld", fmt, (long long)seq);
		return -1;
	}
	s = store_prepare(st, SQL_CPAR_ADD);
	store_bind_text(s, 1, c->reference);
	store_bind_text(s, 2, c->status);
	store_bind_text(s, 3, c->nonconformity ? c->nonconformity : "");
	store_bind_text(s, 4, c->owner);
	store_bind_text(s, 5, c->created_by);
	sqlite3_bind_int64(s, 6, (int64_t)c->created_at);
	if (store_exec_stmt(st, s, "adding a corrective action") == -1) {
		return -1;
	}
	c->id = sqlite3_last_insert_rowid(st->db);
	return store_cpar_save(st, c);
}

int
store_cpar_save(struct store *st, const struct store_cpar *c)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CPAR_SAVE);

	sqlite3_bind_int64(s, 1, c->id);
	store_bind_text(s, 2, c->status);
	store_bind_text(s, 3, c->nonconformity ? c->nonconformity : "");
	store_bind_text(s, 4, c->root_cause);
	store_bind_text(s, 5, c->correction);
	store_bind_text(s, 6, c->corrective);
	store_bind_text(s, 7, c->preventive);
	store_bind_text(s, 8, c->owner);
	store_bind_text(s, 9, c->due_date[0] ? c->due_date : NULL);
	store_bind_id(s, 10, (int64_t)c->due_at);
	store_bind_id(s, 11, (int64_t)c->done_at);
	store_bind_id(s, 12, (int64_t)c->verified_at);
	store_bind_text(s, 13, c->verified_by[0] ? c->verified_by : NULL);
	sqlite3_bind_int(s, 14, c->not_effective);
	sqlite3_bind_int64(s, 15, (int64_t)c->updated_at);
	return store_exec_stmt(st, s, "saving a corrective action");
}

static int
cpar_one(struct store *st, sqlite3_stmt *s, struct store_cpar *c)
{
	int r = store_step_one(st, s, "reading a corrective action");

	memset(c, 0, sizeof *c);
	if (r == 1) {
		cpar_read(s, c);
		sqlite3_reset(s);
	}
	return r;
}

int
store_cpar_get(struct store *st, const char *ref, struct store_cpar *c)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CPAR_BY_REF);

	store_bind_text(s, 1, ref);
	return cpar_one(st, s, c);
}

int
store_cpar_by_id(struct store *st, int64_t id, struct store_cpar *c)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CPAR_BY_ID);

	sqlite3_bind_int64(s, 1, id);
	return cpar_one(st, s, c);
}

int
store_cpar_link(struct store *st, int64_t cpar_id, int64_t case_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CPAR_LINK);

	sqlite3_bind_int64(s, 1, cpar_id);
	sqlite3_bind_int64(s, 2, case_id);
	sqlite3_bind_int64(s, 3, (int64_t)store_now(st));
	return store_exec_stmt(st, s, "linking a case to a corrective action");
}

int
store_cpar_event(struct store *st, int64_t cpar_id, const char *actor,
    const char *kind, const char *detail)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CPAR_EVENT);

	sqlite3_bind_int64(s, 1, cpar_id);
	sqlite3_bind_int64(s, 2, (int64_t)store_now(st));
	store_bind_text(s, 3, actor);
	store_bind_text(s, 4, kind);
	store_bind_text(s, 5, detail ? detail : "");
	return store_exec_stmt(st, s, "recording a corrective action's event");
}

static int
cpar_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_cpar c;
	int r;

	cpar_read(s, &c);
	r = ((store_cpar_cb)cb)(arg, &c);
	store_cpar_clear(&c);
	return r;
}

int
store_cpar_list(struct store *st, const char *status, store_cpar_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CPAR_LIST);

	store_bind_text(s, 1, status);
	return store_each(st, s, "listing corrective actions", cpar_row,
	    (void *)cb, arg) < 0 ? -1 : 0;
}

int
store_cpar_of_case(struct store *st, int64_t case_id, store_cpar_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CPAR_OF_CASE);

	sqlite3_bind_int64(s, 1, case_id);
	return store_each(st, s, "listing a case's corrective actions",
	    cpar_row, (void *)cb, arg) < 0 ? -1 : 0;
}

/* Each linked case's reference, read in full after the list (the brief
 * query reuses statements of its own). */
static int
cpar_cases_q(struct store *st, const char *sql, int64_t cpar_id,
    store_cpar_case_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	char (*refs)[REF_MAX] = NULL;
	size_t n = 0, i;
	struct case_brief b;
	int rc = 0, r;

	sqlite3_bind_int64(s, 1, cpar_id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		refs = xreallocarray(refs, n + 1, sizeof *refs);
		store_col_copy(s, 0, refs[n++], REF_MAX);
	}
	sqlite3_reset(s);
	if (r != SQLITE_DONE) {
		free(refs);
		return store_fail(st, r, "listing a corrective action's cases");
	}
	for (i = 0; i < n && rc == 0; i++) {
		if ((r = store_case_by_reference(st, refs[i], &b)) == -1) {
			rc = -1;
		} else if (r == 1) {
			rc = cb(arg, &b) != 0 ? 1 : 0;
		}
	}
	free(refs);
	return rc < 0 ? -1 : 0;
}

int
store_cpar_cases(struct store *st, int64_t cpar_id, store_cpar_case_cb cb,
    void *arg)
{
	return cpar_cases_q(st, SQL_CPAR_CASES, cpar_id, cb, arg);
}

int
store_cpar_held(struct store *st, int64_t cpar_id, store_cpar_case_cb cb,
    void *arg)
{
	return cpar_cases_q(st, SQL_CPAR_HELD, cpar_id, cb, arg);
}

static int
cpar_event_row(sqlite3_stmt *s, void *cb, void *arg)
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
store_cpar_events(struct store *st, int64_t cpar_id, store_event_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CPAR_EVENTS);

	sqlite3_bind_int64(s, 1, cpar_id);
	return store_each(st, s, "listing a corrective action's history",
	    cpar_event_row, (void *)cb, arg) < 0 ? -1 : 0;
}
