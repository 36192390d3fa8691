/*
 * store_sms.c — the store's side of SMS (see the SMS section of store.h):
 * parts of long messages waiting for their siblings, message references
 * for delivery reports (the outbox row is told through store_outbox.c),
 * and the modem state that `complaintctl status` shows.
 *
 * Waiting parts live in the database, not only on the SIM: a SIM holds a
 * few dozen messages and stops receiving when full, so parts are taken off
 * it as soon as they are recorded here, and a restart loses none.  A part
 * stays in sms_part after its message is taken in (done_at set), so the
 * same part read again — a crash between the commit and the deletion from
 * the modem — is recognised instead of waiting for siblings that already
 * came.  Those rows are purged after a week.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"

#define SMS_PART_COLS							\
	"source, part_key, sender, concat_ref, total, seq, ucs2, smsc,"	\
	" sent_at, text, received_at"

static const char SQL_PART_ADD[] =
    "INSERT INTO sms_part (" SMS_PART_COLS ") VALUES (?1, ?2, ?3, ?4, ?5,"
    " ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (source, part_key) DO NOTHING";

static const char SQL_GROUPS[] =
    "SELECT sender, concat_ref, total, count(DISTINCT seq),"
    " min(received_at) FROM sms_part WHERE source = ?1 AND done_at IS NULL"
    " GROUP BY sender, concat_ref, total"
    " HAVING count(DISTINCT seq) >= total OR min(received_at) <= ?2"
    " ORDER BY min(received_at), sender";

static const char SQL_GROUP_PARTS[] =
    "SELECT " SMS_PART_COLS " FROM sms_part WHERE source = ?1"
    " AND sender = ?2 AND concat_ref = ?3 AND total = ?4"
    " AND done_at IS NULL ORDER BY seq, id";

static const char SQL_GROUP_DONE[] =
    "UPDATE sms_part SET done_at = ?5, message_id = nullif(?6, 0)"
    " WHERE source = ?1 AND sender = ?2 AND concat_ref = ?3 AND total = ?4"
    " AND done_at IS NULL";

static const char SQL_WAITING[] =
    "SELECT count(*) FROM sms_part WHERE source = ?1 AND done_at IS NULL";

static const char SQL_PURGE[] =
    "DELETE FROM sms_part WHERE done_at IS NOT NULL AND done_at < ?1";

static const char SQL_SENT_ADD[] =
    "INSERT INTO sms_sent (outbox_id, source, recipient, mr, part, parts,"
    " sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char SQL_SENT_FIND[] =
    "SELECT id, outbox_id FROM sms_sent WHERE source = ?1 AND mr = ?2"
    " AND recipient = ?3 ORDER BY id DESC LIMIT 1";

static const char SQL_SENT_REPORT[] =
    "UPDATE sms_sent SET report_status = ?2, reported_at = ?3 WHERE id = ?1";

static const char SQL_SENT_DELIVERED[] =
    "SELECT count(DISTINCT part) >= max(parts) FROM sms_sent"
    " WHERE outbox_id = ?1 AND report_status < 32";

static const char SQL_MODEM_SET[] =
    "INSERT INTO modem_state (source, device, manufacturer, model, imei,"
    " signal, registration, network, checked_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (source) DO UPDATE SET device = ?2, manufacturer = ?3,"
    " model = ?4, imei = ?5, signal = ?6, registration = ?7, network = ?8,"
    " checked_at = ?9, updated_at = ?10";

static const char SQL_MODEM_COUNT[] =
    "INSERT INTO modem_state (source, received, sent, waiting_parts,"
    " last_error_at, updated_at) VALUES (?1, ?2, ?3, max(?4, 0),"
    " CASE WHEN ?5 THEN ?6 END, ?6)"
    " ON CONFLICT (source) DO UPDATE SET received = received + ?2,"
    " sent = sent + ?3,"
    " waiting_parts = CASE WHEN ?4 < 0 THEN waiting_parts ELSE ?4 END,"
    " last_error_at = CASE WHEN ?5 THEN ?6 ELSE last_error_at END,"
    " updated_at = ?6";

static const char SQL_MODEM_GET[] =
    "SELECT source, device, manufacturer, model, imei, coalesce(signal, -1),"
    " registration, network, received, sent, waiting_parts, last_error_at,"
    " checked_at, updated_at FROM modem_state WHERE source = ?1";

/* ---- waiting parts ---- */

int
store_sms_part_add(struct store *st, const struct store_sms_part *p)
{
	sqlite3_stmt *s = store_prepare(st, SQL_PART_ADD);

	store_bind_text(s, 1, p->source);
	store_bind_text(s, 2, p->part_key);
	store_bind_text(s, 3, p->sender);
	sqlite3_bind_int(s, 4, p->ref);
	sqlite3_bind_int(s, 5, p->total);
	sqlite3_bind_int(s, 6, p->seq);
	sqlite3_bind_int(s, 7, p->ucs2);
	store_bind_text(s, 8, p->smsc);
	store_bind_id(s, 9, (int64_t)p->sent);
	sqlite3_bind_blob64(s, 10, p->text ? (const void *)p->text : "",
	    p->len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 11, (int64_t)p->received);
	if (store_exec_stmt(st, s, "keeping a part of a long SMS") == -1) {
		return -1;
	}
	return sqlite3_changes(st->db) > 0;
}

static int
row_group(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_sms_group g;

	g.sender = store_col_text(s, 0);
	g.ref = sqlite3_column_int(s, 1);
	g.total = sqlite3_column_int(s, 2);
	g.nparts = sqlite3_column_int(s, 3);
	g.first = (time_t)sqlite3_column_int64(s, 4);
	return ((store_sms_group_cb)cb)(arg, &g);
}

int
store_sms_groups(struct store *st, const char *source, time_t older,
    store_sms_group_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_GROUPS);

	store_bind_text(s, 1, source);
	sqlite3_bind_int64(s, 2, (int64_t)older);
	return store_each(st, s, "looking for complete long SMS", row_group,
	    (void *)cb, arg) < 0 ? -1 : 0;
}

static int
row_part(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_sms_part p;

	p.source = store_col_text(s, 0);
	p.part_key = store_col_text(s, 1);
	p.sender = store_col_text(s, 2);
	p.ref = sqlite3_column_int(s, 3);
	p.total = sqlite3_column_int(s, 4);
	p.seq = sqlite3_column_int(s, 5);
	p.ucs2 = sqlite3_column_int(s, 6);
	p.smsc = store_col_text(s, 7);
	p.sent = (time_t)sqlite3_column_int64(s, 8);
	p.text = sqlite3_column_blob(s, 9);
	p.len = (size_t)sqlite3_column_bytes(s, 9);
	p.received = (time_t)sqlite3_column_int64(s, 10);
	return ((store_sms_part_cb)cb)(arg, &p);
}

static void
bind_group(sqlite3_stmt *s, const char *source,
    const struct store_sms_group *g)
{
	store_bind_text(s, 1, source);
	store_bind_text(s, 2, g->sender);
	sqlite3_bind_int(s, 3, g->ref);
	sqlite3_bind_int(s, 4, g->total);
}

int
store_sms_group_parts(struct store *st, const char *source,
    const struct store_sms_group *g, store_sms_part_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_GROUP_PARTS);

	bind_group(s, source, g);
	return store_each(st, s, "reading the parts of a long SMS", row_part,
	    (void *)cb, arg) < 0 ? -1 : 0;
}

int
store_sms_group_done(struct store *st, const char *source,
    const struct store_sms_group *g, int64_t message_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_GROUP_DONE);

	bind_group(s, source, g);
	sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
	sqlite3_bind_int64(s, 6, message_id);
	return store_exec_stmt(st, s, "marking the parts of a long SMS");
}

int
store_sms_waiting(struct store *st, const char *source, int *parts)
{
	sqlite3_stmt *s = store_prepare(st, SQL_WAITING);
	int64_t v;

	store_bind_text(s, 1, source);
	if (store_step_int64(st, s, "counting waiting SMS parts", &v) != 1) {
		return -1;
	}
	*parts = (int)v;
	return 0;
}

int
store_sms_purge(struct store *st, time_t before)
{
	sqlite3_stmt *s = store_prepare(st, SQL_PURGE);

	sqlite3_bind_int64(s, 1, (int64_t)before);
	return store_exec_stmt(st, s, "forgetting old SMS parts");
}

/* ---- sent messages and their delivery reports ---- */

int
store_sms_sent_add(struct store *st, int64_t outbox_id, const char *source,
    const char *recipient, int part, int parts, int mr)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SENT_ADD);

	sqlite3_bind_int64(s, 1, outbox_id);
	store_bind_text(s, 2, source);
	store_bind_text(s, 3, recipient);
	sqlite3_bind_int(s, 4, mr);
	sqlite3_bind_int(s, 5, part);
	sqlite3_bind_int(s, 6, parts);
	sqlite3_bind_int64(s, 7, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "recording an SMS reference");
}

/* Every part of the row delivered? 1 yes, 0 no, -1 error. */
static int
store_sms_all_delivered(struct store *st, int64_t outbox_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SENT_DELIVERED);
	int64_t v;
	int r;

	sqlite3_bind_int64(s, 1, outbox_id);
	r = store_step_int64(st, s, "reading delivery reports", &v);
	return r == 1 ? v != 0 : r;
}

static int
store_sms_outcome(struct store *st, int64_t outbox_id, int status,
    const char **state)
{
	char text[96];
	int r;

	if (status >= 0x40) {
		snprintf(text, sizeof text, "delivery report: not delivered "
		    "(status 0x%02x)", status);
		*state = "failed";
		return store_outbox_delivery(st, outbox_id, text);
	}
	if (status >= 0x20 || (r = store_sms_all_delivered(st, outbox_id))
	    == 0) {
		return 0;		/* still trying, or parts to come */
	}
	if (r == -1) {
		return -1;
	}
	*state = "delivered";
	return store_outbox_delivery(st, outbox_id, NULL);
}

int
store_sms_report(struct store *st, const char *source, const char *recipient,
    int mr, int status, int64_t *outbox_id, int64_t *case_id,
    const char **state)
{
	sqlite3_stmt *s = store_prepare(st, SQL_SENT_FIND);
	int64_t sent_id;
	int r;

	*outbox_id = *case_id = 0;
	*state = "";
	store_bind_text(s, 1, source);
	sqlite3_bind_int(s, 2, mr);
	store_bind_text(s, 3, recipient);
	r = store_step_one(st, s, "matching a delivery report");
	if (r != 1) {
		return r;
	}
	sent_id = sqlite3_column_int64(s, 0);
	*outbox_id = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	if (store_outbox_case(st, *outbox_id, case_id) == -1) {
		return -1;
	}
	s = store_prepare(st, SQL_SENT_REPORT);
	sqlite3_bind_int64(s, 1, sent_id);
	sqlite3_bind_int(s, 2, status);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	if (store_exec_stmt(st, s, "recording a delivery report") == -1 ||
	    store_sms_outcome(st, *outbox_id, status, state) == -1) {
		return -1;
	}
	return 1;
}

/* ---- modem state ---- */

int
store_modem_state_set(struct store *st, const struct store_modem_state *m)
{
	sqlite3_stmt *s = store_prepare(st, SQL_MODEM_SET);

	store_bind_text(s, 1, m->source);
	store_bind_text(s, 2, m->device);
	store_bind_text(s, 3, m->manufacturer);
	store_bind_text(s, 4, m->model);
	store_bind_text(s, 5, m->imei);
	if (m->signal >= 0) {
		sqlite3_bind_int(s, 6, m->signal);
	}
	store_bind_text(s, 7, m->registration);
	store_bind_text(s, 8, m->network);
	store_bind_id(s, 9, (int64_t)m->checked_at);
	sqlite3_bind_int64(s, 10, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "recording the modem's state");
}

int
store_modem_count(struct store *st, const char *source, int received,
    int sent, int waiting_parts, int error)
{
	sqlite3_stmt *s = store_prepare(st, SQL_MODEM_COUNT);

	store_bind_text(s, 1, source);
	sqlite3_bind_int(s, 2, received);
	sqlite3_bind_int(s, 3, sent);
	sqlite3_bind_int(s, 4, waiting_parts);
	sqlite3_bind_int(s, 5, error);
	sqlite3_bind_int64(s, 6, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "counting the modem's messages");
}

static int
row_modem(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_modem_state m;

	m.source = store_col_text(s, 0);
	m.device = store_col_text(s, 1);
	m.manufacturer = store_col_text(s, 2);
	m.model = store_col_text(s, 3);
	m.imei = store_col_text(s, 4);
	m.signal = sqlite3_column_int(s, 5);
	m.registration = store_col_text(s, 6);
	m.network = store_col_text(s, 7);
	m.received = sqlite3_column_int(s, 8);
	m.sent = sqlite3_column_int(s, 9);
	m.waiting_parts = sqlite3_column_int(s, 10);
	m.last_error_at = (time_t)sqlite3_column_int64(s, 11);
	m.checked_at = (time_t)sqlite3_column_int64(s, 12);
	m.updated_at = (time_t)sqlite3_column_int64(s, 13);
	return ((store_modem_cb)cb)(arg, &m);
}

int
store_modem_state_get(struct store *st, const char *source,
    store_modem_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_MODEM_GET);
	int n;

	store_bind_text(s, 1, source);
	n = store_each(st, s, "reading the modem's state", row_modem,
	    (void *)cb, arg);
	return n < 0 ? -1 : n > 0;
}
