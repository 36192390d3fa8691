/*
 * store_outbox_att.c — files attached to an outgoing mail (see store.h),
 * kept beside the outbox row in the transaction that queues it, so the
 * mail and what it carries are queued, sent and kept together.  Today
 * the recap's CSV export; the row's text and HTML stay on the row.
 */
#include <stdio.h>
#include <string.h>

#include "store_priv.h"

static const char SQL_ATT_ADD[] =
    "INSERT INTO outbox_attachment (outbox_id, filename, content_type,"
    " data) VALUES (?1, ?2, ?3, ?4)";

static const char SQL_ATT_LIST[] =
    "SELECT filename, content_type, data FROM outbox_attachment"
    " WHERE outbox_id = ?1 ORDER BY id";

int
store_outbox_attach(struct store *st, int64_t outbox_id, const char *filename,
    const char *content_type, const void *data, size_t len)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATT_ADD);

	sqlite3_bind_int64(s, 1, outbox_id);
	store_bind_text(s, 2, filename);
	store_bind_text(s, 3, content_type);
	sqlite3_bind_blob64(s, 4, len > 0 ? data : "", len, SQLITE_STATIC);
	return store_exec_stmt(st, s, "attaching a file to a mail");
}

static int
att_row(sqlite3_stmt *s, void *cb, void *arg)
{
	((store_data_cb)cb)(arg, store_col_text(s, 0), store_col_text(s, 1),
	    sqlite3_column_blob(s, 2), (size_t)sqlite3_column_bytes(s, 2));
	return 0;
}

int
store_outbox_attachments(struct store *st, int64_t outbox_id,
    store_data_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATT_LIST);

	sqlite3_bind_int64(s, 1, outbox_id);
	return store_each(st, s, "reading a mail's attachments", att_row,
	    (void *)cb, arg) == -1 ? -1 : 0;
}
