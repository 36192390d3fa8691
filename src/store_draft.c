/*
 * store_draft.c — answers waiting for an approver (approval.h): the draft
 * and every version of its text.  Statements on draft and draft_version.
 *
 * Whether an answer needs approval, and who may approve, is approval.c's
 * question; casework_approval.c decides; these only write what was
 * decided, inside the caller's transaction.  A version is never changed
 * or deleted: an approver's edit is a new version.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"
#include "xmalloc.h"

#define SQL_DRAFT_COLS \
    "SELECT d.id, d.complaint_id, c.reference, d.action, d.author," \
    " d.status, d.message_id, d.created_at, d.decided_at, d.decided_by," \
    " d.comment, v.version, v.written_by, v.text FROM draft d" \
    " JOIN complaint c ON c.id = d.complaint_id" \
    " JOIN draft_version v ON v.draft_id = d.id AND v.version =" \
    "  (SELECT max(version) FROM draft_version WHERE draft_id = d.id)"

static const char SQL_ADD[] =
    "INSERT INTO draft (complaint_id, action, author, message_id,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_VERSION_ADD[] =
    "INSERT INTO draft_version (draft_id, version, text, written_by,"
    " written_at) SELECT ?1, coalesce(max(version), 0) + 1, ?2, ?3, ?4"
    " FROM draft_version WHERE draft_id = ?1";

static const char SQL_VERSION_LAST[] =
    "SELECT max(version) FROM draft_version WHERE draft_id = ?1";

static const char SQL_GET[] = SQL_DRAFT_COLS " WHERE d.id = ?1";

static const char SQL_PENDING[] = SQL_DRAFT_COLS
    " WHERE d.complaint_id = ?1 AND d.status = 'pending'"
    " ORDER BY d.id DESC LIMIT 1";

static const char SQL_DECIDE[] =
    "UPDATE draft SET status = ?2, decided_by = ?3, comment = ?4,"
    " decided_at = ?5 WHERE id = ?1 AND status = 'pending'";

static const char SQL_LIST[] = SQL_DRAFT_COLS
    " WHERE (?1 = 0 OR d.complaint_id = ?1)"
    " AND (?2 = 0 OR d.status = 'pending') ORDER BY d.id";

static const char SQL_VERSIONS[] =
    "SELECT version, text, written_by, written_at FROM draft_version"
    " WHERE draft_id = ?1 ORDER BY version";

static void
draft_fill(sqlite3_stmt *s, struct store_draft *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(s, 0);
	d->case_id = sqlite3_column_int64(s, 1);
	store_col_copy(s, 2, d->reference, sizeof d->reference);
	store_col_copy(s, 3, d->action, sizeof d->action);
	store_col_copy(s, 4, d->author, sizeof d->author);
	store_col_copy(s, 5, d->status, sizeof d->status);
	d->message_id = sqlite3_column_int64(s, 6);
	d->created_at = sqlite3_column_int64(s, 7);
	d->decided_at = sqlite3_column_int64(s, 8);
	store_col_copy(s, 9, d->decided_by, sizeof d->decided_by);
	store_col_copy(s, 10, d->comment, sizeof d->comment);
	d->version = sqlite3_column_int(s, 11);
	store_col_copy(s, 12, d->version_by, sizeof d->version_by);
	d->text = (char *)store_col_text(s, 13);
}

int
store_draft_version_add(struct store *st, int64_t id, const char *text,
    const char *by, time_t now, int *version)
{
	sqlite3_stmt *s = store_prepare(st, SQL_VERSION_ADD);
	int64_t v = 0;

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, text);
	store_bind_text(s, 3, by);
	sqlite3_bind_int64(s, 4, (int64_t)now);
	if (store_exec_stmt(st, s, "recording a draft's text") == -1) {
		return -1;
	}
	s = store_prepare(st, SQL_VERSION_LAST);
	sqlite3_bind_int64(s, 1, id);
	if (store_step_int64(st, s, "reading a draft's version", &v) == -1) {
		return -1;
	}
	if (version != NULL) {
		*version = (int)v;
	}
	return 0;
}

int
store_draft_add(struct store *st, int64_t case_id, const char *action,
    const char *author, int64_t message_id, const char *text, time_t now,
    int64_t *id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ADD);

	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, action);
	store_bind_text(s, 3, author);
	store_bind_id(s, 4, message_id);
	sqlite3_bind_int64(s, 5, (int64_t)now);
	if (store_exec_stmt(st, s, "recording a draft") == -1) {
		return -1;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	return store_draft_version_add(st, *id, text, author, now, NULL);
}

/* One draft by a statement with ?1: 1 (text the caller's), 0, -1. */
static int
draft_one(struct store *st, const char *sql, int64_t key,
    struct store_draft *d)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int r;

	sqlite3_bind_int64(s, 1, key);
	if ((r = store_step_one(st, s, "reading a draft")) != 1) {
		return r;
	}
	draft_fill(s, d);
	d->text = xstrdup(d->text ? d->text : "");
	sqlite3_reset(s);
	return 1;
}

int
store_draft_get(struct store *st, int64_t id, struct store_draft *d)
{
	return draft_one(st, SQL_GET, id, d);
}

int
store_draft_pending(struct store *st, int64_t case_id, struct store_draft *d)
{
	return draft_one(st, SQL_PENDING, case_id, d);
}

int
store_draft_decide(struct store *st, int64_t id, const char *status,
    const char *by, const char *comment, time_t now)
{
	sqlite3_stmt *s = store_prepare(st, SQL_DECIDE);

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, status);
	store_bind_text(s, 3, by);
	store_bind_text(s, 4, comment);
	sqlite3_bind_int64(s, 5, (int64_t)now);
	return store_exec_stmt(st, s, "deciding a draft");
}

static int
draft_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_draft d;

	draft_fill(s, &d);
	return ((store_draft_cb)cb)(arg, &d);
}

int
store_draft_list(struct store *st, int64_t case_id, int pending,
    store_draft_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_LIST);

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, pending != 0);
	return store_each(st, s, "listing drafts", draft_row, (void *)cb,
	    arg) == -1 ? -1 : 0;
}

static int
version_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_draft_version v;

	v.version = sqlite3_column_int(s, 0);
	v.text = store_col_text(s, 1);
	v.written_by = store_col_text(s, 2);
	v.written_at = sqlite3_column_int64(s, 3);
	return ((store_draft_version_cb)cb)(arg, &v);
}

int
store_draft_versions(struct store *st, int64_t id, store_draft_version_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_VERSIONS);

	sqlite3_bind_int64(s, 1, id);
	return store_each(st, s, "listing a draft's versions", version_row,
	    (void *)cb, arg) == -1 ? -1 : 0;
}
