/*
 * store_archive.c — retention's side of the database (see store.h,
 * archive.h): which closed cases' bytes are due, where each archived
 * entry is (archive_entry), and reading an archived entry back for the
 * statements of store_message.c.  The archive files themselves are
 * archive.c's; what is archived when is archive_run.c's.
 *
 * An item's bytes are emptied in the same statement sequence that
 * records where they went, after the file holding them was synced, so a
 * crash leaves them in both places, never in neither.
 */
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "store_priv.h"
#include "xmalloc.h"

static const char SQL_CASES[] =
    "SELECT id, closed_at, reference FROM complaint"
    " INDEXED BY complaint_unarchived"
    " WHERE status IN ('closed', 'rejected') AND archived_at IS NULL"
    " AND closed_at < ?1 AND (closed_at, id) > (?3, ?4)"
    " ORDER BY closed_at, id LIMIT ?2";

static const char SQL_RAWS[] =
    "SELECT id, raw FROM message WHERE complaint_id = ?1"
    " AND raw IS NOT NULL ORDER BY id";

/* data no case still kept in the database shares */
static const char SQL_DATA[] =
    "SELECT DISTINCT d.sha256, d.data FROM message m"
    " JOIN attachment a ON a.message_id = m.id"
    " JOIN attachment_data d ON d.sha256 = a.sha256"
    " WHERE m.complaint_id = ?1"
    " AND NOT EXISTS (SELECT 1 FROM archive_entry e"
    "  WHERE e.message_id IS NULL AND e.sha256 = d.sha256)"
    " AND NOT EXISTS (SELECT 1 FROM attachment a2"
    "  JOIN message m2 ON m2.id = a2.message_id"
    "  LEFT JOIN complaint c2 ON c2.id = m2.complaint_id"
    "  WHERE a2.sha256 = d.sha256 AND (c2.id IS NULL"
    "  OR c2.status NOT IN ('closed', 'rejected')"
    "  OR c2.closed_at >= ?2))";

static const char SQL_ENTRY_ADD[] =
    "INSERT OR IGNORE INTO archive_entry (message_id, sha256, file,"
    " offset, length, size, archived_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
    " ?7)";

static const char SQL_RAW_EMPTY[] =
    "UPDATE message SET raw = NULL WHERE id = ?1";

static const char SQL_DATA_EMPTY[] =
    "UPDATE attachment_data SET data = X'' WHERE sha256 = ?1";

static const char SQL_CASE_DONE[] =
    "UPDATE complaint SET archived_at = ?2 WHERE id = ?1";

static const char SQL_TOTALS[] =
    "SELECT count(*), coalesce(sum(size), 0), coalesce(sum(length), 0)"
    " FROM archive_entry";

void
store_set_archive_dir(struct store *st, const char *dir)
{
	free(st->archive_dir);
	st->archive_dir = dir != NULL ? xstrdup(dir) : NULL;
}

int
store_archive_cases(struct store *st, int64_t cutoff, int64_t after_at,
    int64_t after_id, int max, struct store_archive_case *c)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASES);
	int n = 0, rc;

	sqlite3_bind_int64(s, 1, cutoff);
	sqlite3_bind_int(s, 2, max);
	sqlite3_bind_int64(s, 3, after_at);
	sqlite3_bind_int64(s, 4, after_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
		c[n].id = sqlite3_column_int64(s, 0);
		c[n].closed_at = sqlite3_column_int64(s, 1);
		store_col_copy(s, 2, c[n].reference, sizeof c[n].reference);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, rc, "finding cases to archive");
	}
	return n;
}

struct items {
	store_archive_cb	 cb;
	void			*arg;
	char			 kind;
};

static int
store_archive_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct items *it = arg;
	const void *data;

	(void)cb;
	data = sqlite3_column_blob(s, 1);
	if (it->kind == 'M') {
		return it->cb(it->arg, 'M', sqlite3_column_int64(s, 0), NULL,
		    data, (size_t)sqlite3_column_bytes(s, 1));
	}
	return it->cb(it->arg, 'A', 0, store_col_text(s, 0),
	    data != NULL ? data : "", (size_t)sqlite3_column_bytes(s, 1));
}

int
store_archive_items(struct store *st, int64_t case_id, int64_t cutoff,
    store_archive_cb cb, void *arg)
{
	struct items it = { cb, arg, 'M' };
	sqlite3_stmt *s = store_prepare(st, SQL_RAWS);
	int n, m;

	sqlite3_bind_int64(s, 1, case_id);
	if ((n = store_each(st, s, "reading messages to archive",
	    store_archive_row, NULL, &it)) == -1) {
		return -1;
	}
	it.kind = 'A';
	s = store_prepare(st, SQL_DATA);
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, cutoff);
	if ((m = store_each(st, s, "reading attachments to archive",
	    store_archive_row, NULL, &it)) == -1) {
		return -1;
	}
	return n + m;
}

int
store_archive_record(struct store *st, char kind, int64_t id,
    const char *file, int64_t offset, int64_t length, int64_t size,
    const char *sha256)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ENTRY_ADD);

	store_bind_id(s, 1, kind == 'M' ? id : 0);
	store_bind_text(s, 2, sha256);
	store_bind_text(s, 3, file);
	sqlite3_bind_int64(s, 4, offset);
	sqlite3_bind_int64(s, 5, length);
	sqlite3_bind_int64(s, 6, size);
	sqlite3_bind_int64(s, 7, (int64_t)store_now(st));
	if (store_exec_stmt(st, s, "recording an archived entry") == -1) {
		return -1;
	}
	if (sqlite3_changes(st->db) == 0) {
		return 1;
	}
	s = store_prepare(st, kind == 'M' ? SQL_RAW_EMPTY : SQL_DATA_EMPTY);
	if (kind == 'M') {
		sqlite3_bind_int64(s, 1, id);
	} else {
		store_bind_text(s, 1, sha256);
	}
	return store_exec_stmt(st, s, "emptying archived bytes");
}

int
store_archive_case_done(struct store *st, int64_t case_id, int64_t now)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_DONE);

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, now);
	return store_exec_stmt(st, s, "marking a case archived");
}

int
store_archive_totals(struct store *st, int64_t *entries, int64_t *size,
    int64_t *length)
{
	sqlite3_stmt *s = store_prepare(st, SQL_TOTALS);
	int r;

	if ((r = store_step_one(st, s, "counting archived bytes")) != 1) {
		return r == 0 ? 0 : -1;
	}
	*entries = sqlite3_column_int64(s, 0);
	*size = sqlite3_column_int64(s, 1);
	*length = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return 0;
}

int
store_archive_fetch(struct store *st, sqlite3_stmt *s, int col, char kind,
    int64_t id, const char *filename, const char *content_type,
    store_data_cb cb, void *arg)
{
	struct archive_ptr p;
	struct buf out;
	int rc = -1;

	memset(&p, 0, sizeof p);
	store_col_copy(s, col, p.file, sizeof p.file);
	p.offset = sqlite3_column_int64(s, col + 1);
	p.length = sqlite3_column_int64(s, col + 2);
	p.size = sqlite3_column_int64(s, col + 3);
	store_col_copy(s, col + 4, p.sha256, sizeof p.sha256);
	buf_init(&out);
	if (archive_read(st->archive_dir, &p, kind, kind == 'M' ? id : 0,
	    &out, st->errmsg, sizeof st->errmsg) == -1) {
		st->errkind = STORE_E_ARCHIVE;
		goto out;
	}
	cb(arg, filename, content_type, out.data, out.len);
	rc = 1;
out:
	buf_free(&out);
	return rc;
}
