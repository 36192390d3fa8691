/*
 * store_message.c — messages and their attachments: every inbound and
 * outbound message of a case (or filed on none), the raw bytes, and the
 * attachments' content kept once per distinct sha256 (attachment_data).
 *
 * A message is identified by its Message-ID, or by the hash of its raw
 * bytes when it has none: the unique indexes on both are what makes a
 * message read twice (a crash before the \Seen flag) a duplicate instead
 * of a second case.
 */
#include <string.h>

#include "store_priv.h"

#define MESSAGE_ROW_COLS						\
	"m.id, m.complaint_id, m.channel, m.source, m.kind,"		\
	" m.external_id, m.sender, m.sender_name, m.recipients,"	\
	" m.subject, m.in_reply_to, m.refs, m.date, m.received_at,"	\
	" m.flags, m.body, coalesce(m.full_body, m.body),"		\
	" (SELECT count(*) FROM attachment a WHERE a.message_id = m.id)," \
	" m.sender_raw FROM message m"

static const char SQL_MSG_SEEN_ID[] =
    "SELECT id FROM message WHERE external_id = ?1";

static const char SQL_MSG_SEEN_HASH[] =
    "SELECT id FROM message WHERE content_hash = ?1"
    " AND external_id IS NULL";
static const char SQL_MSG_BY_EXTID[] =
    "SELECT id, content_hash, sender FROM message WHERE external_id = ?1";

static const char SQL_MSG_CASE[] =
    "SELECT complaint_id FROM message"
    " WHERE external_id = ?1 AND complaint_id IS NOT NULL";

static const char SQL_MSG_SENDER[] =
    "SELECT complaint_id, coalesce(sender, '') FROM message"
    " WHERE external_id = ?1 AND complaint_id IS NOT NULL";

static const char SQL_MSG_ADD[] =
    "INSERT INTO message (complaint_id, channel, source,"
    " kind, external_id, content_hash, sender, sender_name,"
    " recipients, subject, in_reply_to, refs, date, received_at,"
    " flags, body, full_body, raw, sender_raw) VALUES (?1, ?2, ?3, ?4,"
    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19)";

static const char SQL_ATT_ADD[] =
    "INSERT INTO attachment (message_id, filename,"
    " content_type, size, sha256) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_ATT_DATA_ADD[] =
    "INSERT OR IGNORE INTO attachment_data (sha256,"
    " data) VALUES (?1, ?2)";

/* archived data is read back from its file (store_archive.c) */
static const char SQL_ATT_DATA_GET[] =
    "SELECT a.filename, a.content_type, d.data, e.file, e.offset,"
    " e.length, e.size, e.sha256"
    " FROM attachment a JOIN attachment_data d ON d.sha256 = a.sha256"
    " LEFT JOIN archive_entry e ON e.message_id IS NULL"
    " AND e.sha256 = a.sha256 WHERE a.id = ?1";

static const char SQL_MSG_LIST[] =
    "SELECT " MESSAGE_ROW_COLS
    " WHERE ((?1 = 0 AND m.complaint_id IS NULL) OR m.complaint_id = ?1)"
    " AND m.id > ?3 ORDER BY m.id LIMIT ?2";

static const char SQL_ATT_LIST[] =
    "SELECT id, message_id, filename, content_type, size,"
    " sha256 FROM attachment WHERE message_id = ?1 ORDER BY id";

int
store_message_seen(struct store *st, const char *external_id,
    const char *content_hash, int64_t *message_id)
{
	sqlite3_stmt *s;

	if (external_id != NULL) {
		s = store_prepare(st, SQL_MSG_SEEN_ID);
		store_bind_text(s, 1, external_id);
	} else {
		s = store_prepare(st, SQL_MSG_SEEN_HASH);
		store_bind_text(s, 1, content_hash);
	}
	return store_step_int64(st, s, "looking for a recorded message",
	    message_id);
}

int
store_message_by_extid(struct store *st, const char *external_id,
    int64_t *message_id, char *hash, size_t hashlen, char *sender,
    size_t senderlen)
{
	sqlite3_stmt *s = store_prepare(st, SQL_MSG_BY_EXTID);
	int r;

	store_bind_text(s, 1, external_id);
	r = store_step_one(st, s, "looking for a recorded message");
	if (r == 1) {
		*message_id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, hash, hashlen);
		store_col_copy(s, 2, sender, senderlen);
		sqlite3_reset(s);
	}
	return r;
}

int
store_message_case(struct store *st, const char *external_id,
    int64_t *case_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_MSG_CASE);

	store_bind_text(s, 1, external_id);
	return store_step_int64(st, s, "looking up a case", case_id);
}

int
store_message_sender(struct store *st, const char *msgid, int64_t *case_id,
    char *sender, size_t senderlen)
{
	sqlite3_stmt *s = store_prepare(st, SQL_MSG_SENDER);
	int r;

	store_bind_text(s, 1, msgid);
	r = store_step_one(st, s, "looking up a message we received");
	if (r == 1) {
		*case_id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, sender, senderlen);
		sqlite3_reset(s);
	}
	return r;
}

static int
store_attachments_add(struct store *st, int64_t message_id,
    const struct store_attachment_new *a, size_t n)
{
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < n; i++) {
		s = store_prepare(st, SQL_ATT_ADD);
		sqlite3_bind_int64(s, 1, message_id);
		store_bind_text(s, 2, a[i].filename);
		store_bind_text(s, 3, a[i].content_type);
		sqlite3_bind_int64(s, 4, (int64_t)a[i].size);
		store_bind_text(s, 5, a[i].sha256);
		if (store_exec_stmt(st, s, "recording an attachment") == -1) {
			return -1;
		}
		/* the same bytes are kept once, whoever sends them again */
		s = store_prepare(st, SQL_ATT_DATA_ADD);
		store_bind_text(s, 1, a[i].sha256);
		sqlite3_bind_blob64(s, 2, a[i].data != NULL ? a[i].data : "",
		    a[i].size, SQLITE_STATIC);
		if (store_exec_stmt(st, s, "storing an attachment") == -1) {
			return -1;
		}
	}
	return 0;
}

int
store_attachment_data(struct store *st, int64_t id, store_data_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATT_DATA_GET);
	int r;

	sqlite3_bind_int64(s, 1, id);
	r = store_step_one(st, s, "reading an attachment");
	if (r != 1) {
		return r;
	}
	if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
		r = store_archive_fetch(st, s, 3, 'A', 0, store_col_text(s, 0),
		    store_col_text(s, 1), cb, arg);
	} else {
		cb(arg, store_col_text(s, 0), store_col_text(s, 1),
		    sqlite3_column_blob(s, 2),
		    (size_t)sqlite3_column_bytes(s, 2));
	}
	sqlite3_reset(s);
	return r;
}

/* The bytes a message arrived with (a message entered by staff has
 * none), from the database or, archived, from its file. */
static const char SQL_MSG_RAW[] =
    "SELECT m.raw, e.file, e.offset, e.length, e.size, e.sha256"
    " FROM message m LEFT JOIN archive_entry e ON e.message_id = m.id"
    " WHERE m.id = ?1 AND m.complaint_id = ?2"
    " AND (m.raw IS NOT NULL OR e.id IS NOT NULL)";

int
store_message_raw(struct store *st, int64_t case_id, int64_t id,
    store_data_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_MSG_RAW);
	int r;

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, case_id);
	if ((r = store_step_one(st, s, "reading a message")) != 1) {
		return r;
	}
	if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
		r = store_archive_fetch(st, s, 1, 'M', id, NULL, NULL, cb,
		    arg);
	} else {
		cb(arg, NULL, NULL, sqlite3_column_blob(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0));
	}
	sqlite3_reset(s);
	return r;
}

int
store_message_add(struct store *st, const struct store_message_new *m,
    int64_t *message_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_MSG_ADD);

	store_bind_id(s, 1, m->case_id);
	store_bind_text(s, 2, m->channel);
	store_bind_text(s, 3, m->source);
	store_bind_text(s, 4, m->kind);
	store_bind_text(s, 5, m->external_id);
	store_bind_text(s, 6, m->content_hash);
	store_bind_text(s, 7, m->sender);
	store_bind_text(s, 8, m->sender_name);
	store_bind_text(s, 9, m->recipients);
	store_bind_text(s, 10, m->subject);
	store_bind_text(s, 11, m->in_reply_to);
	store_bind_text(s, 12, m->references);
	store_bind_id(s, 13, (int64_t)m->date);
	sqlite3_bind_int64(s, 14, (int64_t)m->received);
	sqlite3_bind_int64(s, 15, (int64_t)m->flags);
	store_bind_text(s, 16, m->body ? m->body : "");
	/* the whole text only when the trimmed one is not all of it */
	store_bind_text(s, 17, m->full_body != NULL && m->body != NULL &&
	    strcmp(m->full_body, m->body) == 0 ? NULL : m->full_body);
	if (m->raw != NULL) {
		sqlite3_bind_blob64(s, 18, m->raw, m->rawlen, SQLITE_STATIC);
	}
	store_bind_text(s, 19, m->sender_raw);
	if (store_exec_stmt(st, s, "recording a message") == -1) {
		return -1;
	}
	*message_id = sqlite3_last_insert_rowid(st->db);
	if (m->case_id != 0 && store_case_touch(st, m->case_id, m->received)
	    == -1) {
		return -1;
	}
	return store_attachments_add(st, *message_id, m->att, m->natt);
}

static int
row_message(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_message_row r;

	memset(&r, 0, sizeof r);
	r.id = sqlite3_column_int64(s, 0);
	r.case_id = sqlite3_column_int64(s, 1);
	r.channel = store_col_text(s, 2);
	r.source = store_col_text(s, 3);
	r.kind = store_col_text(s, 4);
	r.external_id = store_col_text(s, 5);
	r.sender = store_col_text(s, 6);
	r.sender_name = store_col_text(s, 7);
	r.recipients = store_col_text(s, 8);
	r.subject = store_col_text(s, 9);
	r.in_reply_to = store_col_text(s, 10);
	r.references = store_col_text(s, 11);
	r.date = (time_t)sqlite3_column_int64(s, 12);
	r.received_at = (time_t)sqlite3_column_int64(s, 13);
	r.flags = (unsigned)sqlite3_column_int64(s, 14);
	r.body = store_col_text(s, 15);
	r.full_body = store_col_text(s, 16);
	r.nattachments = sqlite3_column_int(s, 17);
	r.sender_raw = store_col_text(s, 18);
	return ((store_message_cb)cb)(arg, &r);
}

/* A page of a case's messages: after the last one of the page before. */
static void
bind_message(sqlite3_stmt *s, const struct store_page *pg, int want,
    int first, const void *ctx)
{
	sqlite3_bind_int64(s, 1, *(const int64_t *)ctx);
	sqlite3_bind_int(s, 2, want);
	sqlite3_bind_int64(s, 3, first ? 0 : pg->a);
}

int
store_message_list(struct store *st, int64_t case_id, int limit,
    store_message_cb cb, void *arg)
{
	struct store_page pg = { row_message, 0, -1, 0, 0, 0 };

	return store_pages(st, store_prepare(st, SQL_MSG_LIST),
	    "listing messages", &pg, bind_message, &case_id, (void *)cb, arg,
	    limit);
}

static int
row_attachment(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_attachment_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.message_id = sqlite3_column_int64(s, 1);
	r.filename = store_col_text(s, 2);
	r.content_type = store_col_text(s, 3);
	r.size = (size_t)sqlite3_column_int64(s, 4);
	r.sha256 = store_col_text(s, 5);
	return ((store_attachment_cb)cb)(arg, &r);
}

int
store_attachment_list(struct store *st, int64_t message_id,
    store_attachment_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_ATT_LIST);

	sqlite3_bind_int64(s, 1, message_id);
	return store_each(st, s, "listing attachments", row_attachment,
	    (void *)cb, arg) < 0 ? -1 : 0;
}
