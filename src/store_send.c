/*
 * store_send.c — the store's side of sending email: what the dispatch
 * worker polls and fills in (see store.h, "sending email").  The claim and
 * the outcomes themselves are in store_outbox.c.
 */
#include <time.h>

#include "store_priv.h"

/* outbox_due (channel, status, next_attempt_at) answers this alone */
static const char SQL_NEXT_DUE[] =
    "SELECT min(next_attempt_at) FROM outbox"
    " WHERE channel = ?1 AND status = 'queued'";

static const char SQL_SET_MSGID[] =
    "UPDATE outbox SET rfc_message_id = ?2 WHERE id = ?1"
    " AND rfc_message_id IS NULL";

int
store_outbox_next_due(struct store *st, const char *channel, time_t *when)
{
	sqlite3_stmt *s = store_prepare(st, SQL_NEXT_DUE);
	int r;

	store_bind_text(s, 1, channel);
	r = store_step_one(st, s, "looking for messages to send");
	if (r != 1) {
		return r;
	}
	r = sqlite3_column_type(s, 0) != SQLITE_NULL;
	if (r) {
		*when = (time_t)sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return r;
}

int
store_outbox_set_msgid(struct store *st, int64_t id, const char *msgid)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SET_MSGID);

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, msgid);
	return store_exec_stmt(st, s, "recording a Message-ID");
}
