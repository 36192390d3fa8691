/*
 * store.c — SQLite storage (see store.h).  The only sqlite user.
 *
 * Rules kept here:
 *  - Every statement is prepared once per handle (the Q_* table below) with
 *    bound parameters; none is ever built from data.
 *  - The schema only moves forward through the migrations[] array; each
 *    migration runs in its own transaction together with the user_version
 *    bump, so a crash leaves the previous version intact.
 *  - WAL, synchronous=FULL (a commit is durable when it returns: intake
 *    only marks mail \Seen / deletes SMS after that), foreign keys on;
 *    the log is cut back to WAL_KEEP bytes whenever it starts over, so a
 *    reader that once held it long does not leave a huge file behind.
 *  - Errors are logged here, with what was being done; callers only act.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "log.h"
#include "ref.h"
#include "store.h"
#include "store_priv.h"
#include "utf8.h"
#include "xmalloc.h"

#define WAL_KEEP	"33554432"	/* bytes of write-ahead log kept */

/* ---- schema ---- */

static const char *const migrations[] = {
	/* 1: the whole model of DESIGN §3 */
	"CREATE TABLE party ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT,"
	"  email TEXT COLLATE NOCASE UNIQUE,"
	"  phone TEXT UNIQUE,"
	"  created_at INTEGER NOT NULL,"
	"  CHECK (email IS NOT NULL OR phone IS NOT NULL));"
	"CREATE TABLE counter ("
	"  name TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL);"
	"CREATE TABLE complaint ("
	"  id INTEGER PRIMARY KEY,"
	"  reference TEXT NOT NULL UNIQUE,"
	"  token TEXT NOT NULL UNIQUE,"
	"  channel TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('new','acknowledged',"
	"    'in_progress','resolved','closed','reopened','rejected')),"
	"  category TEXT NOT NULL,"
	"  priority INTEGER NOT NULL DEFAULT 0,"
	"  confidential INTEGER NOT NULL DEFAULT 0,"
	"  party_id INTEGER NOT NULL REFERENCES party(id),"
	"  language TEXT NOT NULL,"
	"  subject TEXT NOT NULL DEFAULT '',"
	"  summary TEXT NOT NULL DEFAULT '',"
	"  resolution TEXT,"
	"  satisfaction TEXT CHECK (satisfaction IN ('satisfied',"
	"    'dissatisfied')),"
	"  escalation_level INTEGER NOT NULL DEFAULT 0,"
	"  received_at INTEGER NOT NULL,"
	"  acknowledged_at INTEGER,"
	"  first_response_at INTEGER,"
	"  due_at INTEGER,"
	"  resolved_at INTEGER,"
	"  closed_at INTEGER,"
	"  updated_at INTEGER NOT NULL);"
	"CREATE INDEX complaint_status ON complaint(status, received_at);"
	"CREATE INDEX complaint_received ON complaint(received_at);"
	"CREATE INDEX complaint_party ON complaint(party_id, status);"
	"CREATE TABLE assignment ("
	"  complaint_id INTEGER NOT NULL REFERENCES complaint(id),"
	"  officer TEXT NOT NULL,"
	"  assigned_at INTEGER NOT NULL,"
	"  PRIMARY KEY (complaint_id, officer)) WITHOUT ROWID;"
	"CREATE INDEX assignment_officer ON assignment(officer);"
	"CREATE TABLE message ("
	"  id INTEGER PRIMARY KEY,"
	"  complaint_id INTEGER REFERENCES complaint(id),"
	"  channel TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  external_id TEXT,"
	"  content_hash TEXT,"
	"  sender TEXT,"
	"  sender_name TEXT,"
	"  recipients TEXT,"
	"  subject TEXT,"
	"  in_reply_to TEXT,"
	"  refs TEXT,"
	"  date INTEGER,"
	"  received_at INTEGER NOT NULL,"
	"  flags INTEGER NOT NULL DEFAULT 0,"
	"  body TEXT NOT NULL DEFAULT '',"
	"  full_body TEXT,"
	"  raw BLOB);"
	"CREATE UNIQUE INDEX message_extid ON message(external_id)"
	"  WHERE external_id IS NOT NULL;"
	"CREATE UNIQUE INDEX message_hash ON message(content_hash)"
	"  WHERE external_id IS NULL;"
	"CREATE INDEX message_complaint ON message(complaint_id);"
	"CREATE TABLE attachment ("
	"  id INTEGER PRIMARY KEY,"
	"  message_id INTEGER NOT NULL REFERENCES message(id),"
	"  filename TEXT NOT NULL,"
	"  content_type TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  sha256 TEXT NOT NULL);"
	"CREATE INDEX attachment_message ON attachment(message_id);"
	"CREATE TABLE attachment_data ("
	"  sha256 TEXT PRIMARY KEY,"
	"  data BLOB NOT NULL);"
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY,"
	"  complaint_id INTEGER REFERENCES complaint(id),"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX event_complaint ON event(complaint_id, id);"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  complaint_id INTEGER REFERENCES complaint(id),"
	"  message_id INTEGER REFERENCES message(id),"
	"  channel TEXT NOT NULL CHECK (channel IN ('email','sms')),"
	"  kind TEXT NOT NULL,"
	"  recipient TEXT NOT NULL,"
	"  recipient_name TEXT,"
	"  officer TEXT,"
	"  subject TEXT NOT NULL DEFAULT '',"
	"  body TEXT NOT NULL,"
	"  body_html TEXT,"
	"  rfc_message_id TEXT UNIQUE,"
	"  in_reply_to TEXT,"
	"  refs TEXT,"
	"  automatic INTEGER NOT NULL DEFAULT 1,"
	"  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued',"
	"    'sending','sent','failed','dead','suppressed')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt_at INTEGER NOT NULL,"
	"  claimed_by TEXT,"
	"  claimed_at INTEGER,"
	"  last_error TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  sent_at INTEGER);"
	"CREATE INDEX outbox_due ON outbox(channel, status, next_attempt_at);"
	"CREATE INDEX outbox_complaint ON outbox(complaint_id);"
	"CREATE INDEX outbox_auto ON outbox(recipient, created_at)"
	"  WHERE automatic = 1;"
	"CREATE TABLE source_state ("
	"  source TEXT PRIMARY KEY,"
	"  uidvalidity INTEGER,"
	"  last_uid INTEGER,"
	"  status TEXT,"
	"  last_error TEXT,"
	"  last_ok_at INTEGER,"
	"  updated_at INTEGER);"
	"CREATE TABLE source_attempt ("
	"  source TEXT NOT NULL,"
	"  item TEXT NOT NULL,"
	"  attempts INTEGER NOT NULL,"
	"  last_error TEXT,"
	"  updated_at INTEGER NOT NULL,"
	"  PRIMARY KEY (source, item)) WITHOUT ROWID;"
	"CREATE TABLE quarantine ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  item TEXT,"
	"  reason TEXT NOT NULL,"
	"  raw BLOB NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held',"
	"    'reprocessed','discarded')),"
	"  message_id INTEGER REFERENCES message(id),"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL);"
	"CREATE TABLE corrective_action ("
	"  id INTEGER PRIMARY KEY,"
	"  complaint_id INTEGER NOT NULL REFERENCES complaint(id),"
	"  root_cause TEXT,"
	"  correction TEXT,"
	"  corrective_action TEXT,"
	"  preventive_action TEXT,"
	"  owner TEXT,"
	"  due_at INTEGER,"
	"  verified_at INTEGER,"
	"  verified_by TEXT,"
	"  created_at INTEGER NOT NULL);",
	/* 2: SMS (store_sms.c): parts of long messages waiting for their
	 * siblings (kept after they are taken in, so a part read again after
	 * a crash is known), the message references of sent SMS for delivery
	 * reports, and each modem's state */
	"CREATE TABLE sms_part ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  part_key TEXT NOT NULL,"
	"  sender TEXT NOT NULL,"
	"  concat_ref INTEGER NOT NULL,"
	"  total INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  ucs2 INTEGER NOT NULL DEFAULT 0,"
	"  smsc TEXT,"
	"  sent_at INTEGER,"
	"  text BLOB NOT NULL,"
	"  received_at INTEGER NOT NULL,"
	"  done_at INTEGER,"
	"  message_id INTEGER REFERENCES message(id),"
	"  UNIQUE (source, part_key));"
	"CREATE INDEX sms_part_waiting ON sms_part(source, sender, concat_ref,"
	"  total) WHERE done_at IS NULL;"
	"CREATE INDEX sms_part_done ON sms_part(done_at)"
	"  WHERE done_at IS NOT NULL;"
	"CREATE TABLE sms_sent ("
	"  id INTEGER PRIMARY KEY,"
	"  outbox_id INTEGER NOT NULL REFERENCES outbox(id),"
	"  source TEXT NOT NULL,"
	"  recipient TEXT NOT NULL,"
	"  mr INTEGER NOT NULL,"
	"  part INTEGER NOT NULL,"
	"  parts INTEGER NOT NULL,"
	"  sent_at INTEGER NOT NULL,"
	"  report_status INTEGER,"
	"  reported_at INTEGER);"
	"CREATE INDEX sms_sent_mr ON sms_sent(source, mr, recipient);"
	"CREATE INDEX sms_sent_outbox ON sms_sent(outbox_id);"
	"CREATE TABLE modem_state ("
	"  source TEXT PRIMARY KEY,"
	"  device TEXT,"
	"  manufacturer TEXT,"
	"  model TEXT,"
	"  imei TEXT,"
	"  signal INTEGER,"
	"  registration TEXT,"
	"  network TEXT,"
	"  received INTEGER NOT NULL DEFAULT 0,"
	"  sent INTEGER NOT NULL DEFAULT 0,"
	"  waiting_parts INTEGER NOT NULL DEFAULT 0,"
	"  last_error_at INTEGER,"
	"  checked_at INTEGER,"
	"  updated_at INTEGER NOT NULL);"
	"ALTER TABLE outbox ADD COLUMN delivered_at INTEGER;"
	"ALTER TABLE outbox ADD COLUMN delivery TEXT;",
	/* 3: what real servers and modems showed: an SMS sender
	 * as the network gave it, when it is not the stored (normalised)
	 * one; per source when the last message was taken in and how long
	 * after its delivery, and a warning while intake works but something
	 * else does not (taken-in mail that cannot be moved); of an item's
	 * attempts, those made alone (a batch that dies is retried in
	 * halves: only attempts alone lead to the quarantine) */
	"ALTER TABLE message ADD COLUMN sender_raw TEXT;"
	"ALTER TABLE source_attempt ADD COLUMN alone INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE source_state ADD COLUMN last_intake_at INTEGER;"
	"ALTER TABLE source_state ADD COLUMN last_delay_ms INTEGER;"
	"ALTER TABLE source_state ADD COLUMN warning TEXT;",
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

/* ---- statements ---- */

#define CASE_BRIEF_COLS							\
	"c.id, c.reference, c.status, c.token, c.channel, c.category,"	\
	" c.language, c.party_id, p.email, p.phone, p.name, c.subject,"	\
	" (SELECT m.external_id FROM message m WHERE m.complaint_id = c.id" \
	"  ORDER BY m.id LIMIT 1), c.summary, c.received_at"		\
	" FROM complaint c JOIN party p ON p.id = c.party_id"

#define CASE_ROW_COLS							\
	"c.id, c.reference, c.status, c.channel, c.source, c.category,"	\
	" c.language, c.subject, c.summary,"				\
	" (SELECT group_concat(a.officer, ',') FROM assignment a"	\
	"  WHERE a.complaint_id = c.id),"				\
	" p.name, p.email, p.phone, c.resolution, c.satisfaction,"	\
	" c.escalation_level, c.received_at, c.acknowledged_at,"	\
	" c.first_response_at, c.due_at, c.resolved_at, c.closed_at,"	\
	" c.updated_at"							\
	" FROM complaint c JOIN party p ON p.id = c.party_id"

#define MESSAGE_ROW_COLS						\
	"m.id, m.complaint_id, m.channel, m.source, m.kind,"		\
	" m.external_id, m.sender, m.sender_name, m.recipients,"	\
	" m.subject, m.in_reply_to, m.refs, m.date, m.received_at,"	\
	" m.flags, m.body, coalesce(m.full_body, m.body),"		\
	" (SELECT count(*) FROM attachment a WHERE a.message_id = m.id)," \
	" m.sender_raw FROM message m"

enum q {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
	Q_MSG_SEEN_ID, Q_MSG_SEEN_HASH,
	Q_CASE_BY_ID, Q_CASE_BY_REF, Q_CASE_BY_TOKEN, Q_CASE_BY_MSGID,
	Q_CASE_AWAITING, Q_OUTBOX_BY_MSGID,
	Q_PARTY_BY_EMAIL, Q_PARTY_BY_PHONE, Q_PARTY_ADD, Q_PARTY_FILL,
	Q_COUNTER_NEXT, Q_CASE_ADD, Q_CASE_ASSIGN, Q_CASE_STATUS,
	Q_CASE_RESOLUTION, Q_CASE_SATISFACTION,
	Q_CASE_ESCALATE, Q_CASE_TOUCH, Q_CASE_OFFICERS,
	Q_MSG_ADD, Q_ATT_ADD, Q_ATT_DATA_ADD, Q_ATT_DATA_GET, Q_EVENT_ADD, Q_OUTBOX_ADD, Q_OUTBOX_COUNT_AUTO,
	Q_QUAR_ADD, Q_QUAR_STATUS,
	Q_CASE_LIST, Q_CASE_GET, Q_MSG_LIST, Q_ATT_LIST,
	Q_EVENT_LIST, Q_OUTBOX_LIST, Q_QUAR_LIST, Q_QUAR_GET,
	Q_COUNT
};

static const char *const sql[Q_COUNT] = {
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_MSG_SEEN_ID] = "SELECT id FROM message WHERE external_id = ?1",
	[Q_MSG_SEEN_HASH] = "SELECT id FROM message WHERE content_hash = ?1"
	    " AND external_id IS NULL",
	[Q_CASE_BY_ID] = "SELECT " CASE_BRIEF_COLS " WHERE c.id = ?1",
	[Q_CASE_BY_REF] = "SELECT " CASE_BRIEF_COLS " WHERE c.reference = ?1",
	[Q_CASE_BY_TOKEN] = "SELECT " CASE_BRIEF_COLS " WHERE c.token = ?1",
	[Q_CASE_BY_MSGID] = "SELECT complaint_id FROM message"
	    " WHERE external_id = ?1 AND complaint_id IS NOT NULL"
	    " UNION ALL SELECT complaint_id FROM outbox"
	    " WHERE rfc_message_id = ?1 AND complaint_id IS NOT NULL LIMIT 1",
	[Q_CASE_AWAITING] = "SELECT c.id FROM complaint c"
	    " JOIN party p ON p.id = c.party_id"
	    " WHERE (p.email = ?1 OR p.phone = ?1) AND c.status = 'resolved'"
	    " ORDER BY c.id DESC LIMIT 1",
	[Q_OUTBOX_BY_MSGID] = "SELECT id, complaint_id, officer FROM outbox"
	    " WHERE rfc_message_id = ?1",
	[Q_PARTY_BY_EMAIL] = "SELECT id FROM party WHERE email = ?1",
	[Q_PARTY_BY_PHONE] = "SELECT id FROM party WHERE phone = ?1",
	[Q_PARTY_ADD] = "INSERT INTO party (name, email, phone, created_at)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[Q_PARTY_FILL] = "UPDATE party SET"
	    " name = coalesce(nullif(name, ''), ?2),"
	    " email = coalesce(email, ?3),"
	    " phone = coalesce(phone, ?4) WHERE id = ?1",
	[Q_COUNTER_NEXT] = "INSERT INTO counter (name, value) VALUES (?1, 1)"
	    " ON CONFLICT (name) DO UPDATE SET value = value + 1"
	    " RETURNING value",
	[Q_CASE_ADD] = "INSERT INTO complaint (reference, token, channel,"
	    " source, status, category, party_id, language, subject, summary,"
	    " received_at, due_at, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, 'new', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)",
	[Q_CASE_ASSIGN] = "INSERT OR IGNORE INTO assignment (complaint_id,"
	    " officer, assigned_at) VALUES (?1, ?2, ?3)",
	[Q_CASE_STATUS] = "UPDATE complaint SET status = ?2, updated_at = ?3,"
	    " acknowledged_at = CASE WHEN ?2 = 'acknowledged'"
	    "  THEN coalesce(acknowledged_at, ?3) ELSE acknowledged_at END,"
	    " first_response_at = CASE WHEN ?2 IN ('in_progress', 'resolved',"
	    "  'rejected') THEN coalesce(first_response_at, ?3)"
	    "  ELSE first_response_at END,"
	    " resolved_at = CASE WHEN ?2 = 'resolved' THEN ?3"
	    "  ELSE resolved_at END,"
	    " closed_at = CASE WHEN ?2 IN ('closed', 'rejected') THEN ?3"
	    "  WHEN ?2 = 'reopened' THEN NULL ELSE closed_at END"
	    " WHERE id = ?1",
	[Q_CASE_RESOLUTION] = "UPDATE complaint SET resolution = ?2,"
	    " updated_at = ?3 WHERE id = ?1",
	[Q_CASE_SATISFACTION] = "UPDATE complaint SET satisfaction = ?2,"
	    " updated_at = ?3 WHERE id = ?1",
	[Q_CASE_ESCALATE] = "UPDATE complaint SET escalation_level ="
	    " escalation_level + 1, updated_at = ?2 WHERE id = ?1"
	    " RETURNING escalation_level",
	[Q_CASE_TOUCH] = "UPDATE complaint SET updated_at = ?2 WHERE id = ?1",
	[Q_CASE_OFFICERS] = "SELECT officer FROM assignment"
	    " WHERE complaint_id = ?1 ORDER BY assigned_at, officer",
	[Q_MSG_ADD] = "INSERT INTO message (complaint_id, channel, source,"
	    " kind, external_id, content_hash, sender, sender_name,"
	    " recipients, subject, in_reply_to, refs, date, received_at,"
	    " flags, body, full_body, raw, sender_raw) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
	    " ?19)",
	[Q_ATT_ADD] = "INSERT INTO attachment (message_id, filename,"
	    " content_type, size, sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_ATT_DATA_ADD] = "INSERT OR IGNORE INTO attachment_data (sha256,"
	    " data) VALUES (?1, ?2)",
	[Q_ATT_DATA_GET] = "SELECT a.filename, a.content_type, d.data"
	    " FROM attachment a JOIN attachment_data d ON d.sha256 = a.sha256"
	    " WHERE a.id = ?1",
	[Q_EVENT_ADD] = "INSERT INTO event (complaint_id, at, actor, kind,"
	    " detail) VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_OUTBOX_ADD] = "INSERT INTO outbox (complaint_id, message_id,"
	    " channel, kind, recipient, recipient_name, officer, subject, body,"
	    " body_html, rfc_message_id, in_reply_to, refs, automatic, status,"
	    " last_error, next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
	[Q_OUTBOX_COUNT_AUTO] = "SELECT count(*) FROM outbox"
	    " WHERE recipient = ?1 AND automatic = 1 AND created_at >= ?2"
	    " AND status <> 'suppressed'",
	[Q_QUAR_ADD] = "INSERT INTO quarantine (source, item, reason, raw,"
	    " size, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
	[Q_QUAR_STATUS] = "UPDATE quarantine SET status = ?2,"
	    " message_id = nullif(?3, 0), updated_at = ?4 WHERE id = ?1",
	[Q_CASE_LIST] = "SELECT " CASE_ROW_COLS
	    " WHERE (?1 IS NULL OR c.status = ?1 OR (?1 = 'open' AND"
	    "  c.status IN ('new', 'acknowledged', 'in_progress', 'reopened')))"
	    " AND (?2 IS NULL OR c.category = ?2)"
	    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM assignment a"
	    "  WHERE a.complaint_id = c.id AND a.officer = ?3))"
	    " AND c.received_at >= ?4"
	    " AND (?6 IS NULL OR c.received_at < ?6"
	    "  OR (c.received_at = ?6 AND c.id < ?7))"
	    " ORDER BY c.received_at DESC, c.id DESC LIMIT ?5",
	[Q_CASE_GET] = "SELECT " CASE_ROW_COLS " WHERE c.reference = ?1",
	[Q_MSG_LIST] = "SELECT " MESSAGE_ROW_COLS
	    " WHERE ((?1 = 0 AND m.complaint_id IS NULL) OR m.complaint_id = ?1)"
	    " AND m.id > ?3 ORDER BY m.id LIMIT ?2",
	[Q_ATT_LIST] = "SELECT id, message_id, filename, content_type, size,"
	    " sha256 FROM attachment WHERE message_id = ?1 ORDER BY id",
	[Q_EVENT_LIST] = "SELECT id, complaint_id, at, actor, kind, detail"
	    " FROM event WHERE (?1 = 0 AND complaint_id IS NULL)"
	    " OR complaint_id = ?1 ORDER BY id",
	[Q_OUTBOX_LIST] = "SELECT " OUTBOX_ROW_COLS
	    " WHERE (?1 = 0 OR o.complaint_id = ?1)"
	    " AND (?2 IS NULL OR o.status = ?2)"
	    " ORDER BY CASE WHEN ?1 = 0 THEN -o.id ELSE o.id END LIMIT ?3",
	[Q_QUAR_LIST] = "SELECT id, source, item, reason, status, created_at,"
	    " NULL, size, message_id FROM quarantine"
	    " WHERE ?1 IS NULL OR status = ?1 ORDER BY id",
	[Q_QUAR_GET] = "SELECT id, source, item, reason, status, created_at,"
	    " raw, size, message_id FROM quarantine WHERE id = ?1",
};


enum store_errkind
store_classify(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_E_BUSY;
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PROTOCOL:
		return STORE_E_FULL;
	case SQLITE_CONSTRAINT:
		return STORE_E_CONSTRAINT;
	default:
		return STORE_E_OTHER;
	}
}

/* Record and log a failure; always returns -1. */
int
store_fail(struct store *st, int rc, const char *what)
{
	st->errkind = store_classify(rc);
	snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", what,
	    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	log_warnx("database: %s", st->errmsg);
	return -1;
}

sqlite3_stmt *
store_prepare(struct store *st, const char *text)
{
	struct store_cached *c;
	size_t i;
	int rc;

	for (i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == text) {
			c = &st->cache[i];
			sqlite3_reset(c->s);
			sqlite3_clear_bindings(c->s);
			return c->s;
		}
	}
	st->cache = xreallocarray(st->cache, st->ncache + 1,
	    sizeof *st->cache);
	c = &st->cache[st->ncache];
	rc = sqlite3_prepare_v3(st->db, text, -1, SQLITE_PREPARE_PERSISTENT,
	    &c->s, NULL);
	if (rc != SQLITE_OK) {
		/* a statement that does not prepare is a bug */
		fatalx("database: preparing \"%.60s\": %s", text,
		    sqlite3_errmsg(st->db));
	}
	c->sql = text;
	st->ncache++;
	return c->s;
}

static sqlite3_stmt *
store_stmt(struct store *st, enum q q)
{
	return store_prepare(st, sql[q]);
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL) {
		sqlite3_bind_null(s, i);
	} else {
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	}
}

void
store_bind_id(sqlite3_stmt *s, int i, int64_t v)
{
	if (v == 0) {
		sqlite3_bind_null(s, i);
	} else {
		sqlite3_bind_int64(s, i, v);
	}
}

const char *
store_col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Copy a column into a fixed buffer, cut on a character boundary. */
void
store_col_copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const char *v = store_col_text(s, i);
	size_t len = v ? strlen(v) : 0;

	len = utf8_prefix(v ? v : "", len, n - 1);
	memcpy(dst, v ? v : "", len);
	dst[len] = '\0';
}

/* Step a statement that returns no row. */
int
store_exec_stmt(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, rc, what);
	}
	return 0;
}

/* Step a statement for at most one row: 1 row, 0 none, -1 error.  The
 * statement is left on its row for the caller to read. */
int
store_step_one(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		return 0;
	}
	return store_fail(st, rc, what);
}

int
store_step_int64(struct store *st, sqlite3_stmt *s, const char *what,
    int64_t *v)
{
	int r = store_step_one(st, s, what);

	if (r == 1) {
		*v = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return r;
}

static int
store_exec_sql(struct store *st, const char *text, const char *what)
{
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(st->db, text, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		st->errkind = store_classify(rc);
		snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", what,
		    msg ? msg : sqlite3_errstr(rc));
		log_warnx("database: %s", st->errmsg);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* ---- open, migrate, transactions ---- */

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		v = sqlite3_column_int(s, 0);
	}
	sqlite3_finalize(s);
	return v;
}

static int
store_migrate(struct store *st)
{
	int v = store_schema_version(st);
	size_t i;
	char bump[64];

	if (v < 0) {
		return store_fail(st, sqlite3_errcode(st->db),
		    "reading the schema version");
	}
	if ((size_t)v > NMIGRATIONS) {
		st->errkind = STORE_E_OTHER;
		snprintf(st->errmsg, sizeof st->errmsg, "the database has "
		    "schema version %d, newer than this program (%zu)", v,
		    NMIGRATIONS);
		log_errx("database: %s", st->errmsg);
		return -1;
	}
	for (i = (size_t)v; i < NMIGRATIONS; i++) {
		snprintf(bump, sizeof bump, "PRAGMA user_version = %zu", i + 1);
		if (store_exec_sql(st, "BEGIN IMMEDIATE", "migration") == -1) {
			return -1;
		}
		/* another process may have migrated while we waited */
		if (store_schema_version(st) > (int)i) {
			store_exec_sql(st, "ROLLBACK", "migration");
			continue;
		}
		if (store_exec_sql(st, migrations[i], "migrating the schema")
		    == -1 || store_exec_sql(st, bump, "migration") == -1 ||
		    store_exec_sql(st, "COMMIT", "migration") == -1) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		log_info("database: schema migrated to version %zu", i + 1);
	}
	return 0;
}

int
store_open(const char *path, int busy_ms, struct store **out)
{
	struct store *st;
	int rc;

	*out = NULL;
	st = xcalloc(1, sizeof *st);
	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		log_errx("database %s: cannot open: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_ms);
	if (store_exec_sql(st, "PRAGMA journal_mode = WAL", path) == -1 ||
	    store_exec_sql(st, "PRAGMA synchronous = FULL", path) == -1 ||
	    store_exec_sql(st, "PRAGMA journal_size_limit = " WAL_KEEP,
	    path) == -1 ||
	    store_exec_sql(st, "PRAGMA foreign_keys = ON", path) == -1 ||
	    store_exec_sql(st, "PRAGMA trusted_schema = OFF", path) == -1 ||
	    store_migrate(st) == -1) {
		goto fail;
	}
	*out = st;
	return 0;
fail:
	if (st->errkind == STORE_E_NONE) {
		st->errkind = STORE_E_OTHER;
	}
	/* keep the kind visible to a caller that only has the error code */
	errno = st->errkind == STORE_E_BUSY ? EAGAIN : EIO;
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL) {
		return;
	}
	for (i = 0; i < st->ncache; i++) {
		sqlite3_finalize(st->cache[i].s);
	}
	free(st->cache);
	sqlite3_close(st->db);
	free(st);
}

enum store_errkind
store_errkind(const struct store *st)
{
	return st->errkind;
}

const char *
store_errmsg(const struct store *st)
{
	return st->errmsg;
}

int
store_begin(struct store *st)
{
	st->errkind = STORE_E_NONE;
	if (store_exec_stmt(st, store_stmt(st, Q_BEGIN), "begin") == -1) {
		return -1;
	}
	st->in_tx = 1;
	return 0;
}

/* Back to synchronous=FULL after a light transaction. */
static void
store_end_light(struct store *st)
{
	if (st->light) {
		st->light = 0;
		sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL,
		    NULL);
	}
}

int
store_begin_light(struct store *st)
{
	if (store_exec_sql(st, "PRAGMA synchronous = NORMAL", "begin") == -1) {
		return -1;
	}
	st->light = 1;
	if (store_begin(st) == -1) {
		store_end_light(st);
		return -1;
	}
	return 0;
}


int
store_commit(struct store *st)
{
	int rc = 0;

	if (store_exec_stmt(st, store_stmt(st, Q_COMMIT), "commit") == -1) {
		store_rollback(st);
		rc = -1;
	}
	st->in_tx = 0;
	store_end_light(st);
	return rc;
}

void
store_rollback(struct store *st)
{
	if (!st->in_tx) {
		return;
	}
	/* a failed COMMIT may already have rolled back: ignore that error */
	if (sqlite3_get_autocommit(st->db) == 0) {
		sqlite3_stmt *s = store_stmt(st, Q_ROLLBACK);

		sqlite3_step(s);
		sqlite3_reset(s);
	}
	st->in_tx = 0;
	store_end_light(st);
}

/* ---- intake lookups ---- */

int
store_message_seen(struct store *st, const char *external_id,
    const char *content_hash, int64_t *message_id)
{
	sqlite3_stmt *s;

	if (external_id != NULL) {
		s = store_stmt(st, Q_MSG_SEEN_ID);
		store_bind_text(s, 1, external_id);
	} else {
		s = store_stmt(st, Q_MSG_SEEN_HASH);
		store_bind_text(s, 1, content_hash);
	}
	return store_step_int64(st, s, "looking for a recorded message",
	    message_id);
}

static int
store_case_brief_q(struct store *st, enum q q, const char *key, int64_t id,
    struct case_brief *c)
{
	sqlite3_stmt *s = store_stmt(st, q);
	int r;

	if (key != NULL) {
		store_bind_text(s, 1, key);
	} else {
		sqlite3_bind_int64(s, 1, id);
	}
	r = store_step_one(st, s, "looking up a case");
	if (r != 1) {
		return r;
	}
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, c->reference, sizeof c->reference);
	store_col_copy(s, 2, c->status, sizeof c->status);
	store_col_copy(s, 3, c->token, sizeof c->token);
	store_col_copy(s, 4, c->channel, sizeof c->channel);
	store_col_copy(s, 5, c->category, sizeof c->category);
	store_col_copy(s, 6, c->language, sizeof c->language);
	c->party_id = sqlite3_column_int64(s, 7);
	store_col_copy(s, 8, c->email, sizeof c->email);
	store_col_copy(s, 9, c->phone, sizeof c->phone);
	store_col_copy(s, 10, c->name, sizeof c->name);
	store_col_copy(s, 11, c->subject, sizeof c->subject);
	store_col_copy(s, 12, c->first_msgid, sizeof c->first_msgid);
	store_col_copy(s, 13, c->summary, sizeof c->summary);
	c->received = sqlite3_column_int64(s, 14);
	sqlite3_reset(s);
	return 1;
}

int
store_case_by_id(struct store *st, int64_t id, struct case_brief *out)
{
	return store_case_brief_q(st, Q_CASE_BY_ID, NULL, id, out);
}

int
store_case_by_reference(struct store *st, const char *ref,
    struct case_brief *out)
{
	return store_case_brief_q(st, Q_CASE_BY_REF, ref, 0, out);
}

int
store_case_by_token(struct store *st, const char *token,
    struct case_brief *out)
{
	return store_case_brief_q(st, Q_CASE_BY_TOKEN, token, 0, out);
}

/* A query for one case id by a text key, then the case itself. */
static int
store_case_via(struct store *st, enum q q, const char *key,
    struct case_brief *out)
{
	sqlite3_stmt *s = store_stmt(st, q);
	int64_t id;
	int r;

	store_bind_text(s, 1, key);
	r = store_step_int64(st, s, "looking up a case", &id);
	if (r != 1) {
		return r;
	}
	return store_case_by_id(st, id, out);
}

int
store_case_by_msgid(struct store *st, const char *msgid,
    struct case_brief *out)
{
	return store_case_via(st, Q_CASE_BY_MSGID, msgid, out);
}

int
store_case_awaiting_feedback(struct store *st, const char *sender,
    struct case_brief *out)
{
	return store_case_via(st, Q_CASE_AWAITING, sender, out);
}

int
store_outbox_by_msgid(struct store *st, const char *msgid,
    int64_t *outbox_id, int64_t *case_id, char *officer, size_t officer_len)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_BY_MSGID);
	int r;

	store_bind_text(s, 1, msgid);
	r = store_step_one(st, s, "looking up an outbox row");
	if (r == 1) {
		*outbox_id = sqlite3_column_int64(s, 0);
		*case_id = sqlite3_column_int64(s, 1);
		store_col_copy(s, 2, officer, officer_len);
		sqlite3_reset(s);
	}
	return r;
}

/* ---- writes ---- */

static int
store_party_lookup(struct store *st, enum q q, const char *key, int64_t *id)
{
	sqlite3_stmt *s;

	if (key == NULL || *key == '\0') {
		return 0;
	}
	s = store_stmt(st, q);
	store_bind_text(s, 1, key);
	return store_step_int64(st, s, "looking up a party", id);
}

int
store_party_get(struct store *st, const char *email, const char *phone,
    const char *name, int64_t *party_id)
{
	sqlite3_stmt *s;
	int r;

	if (email != NULL && *email == '\0') {
		email = NULL;
	}
	if (phone != NULL && *phone == '\0') {
		phone = NULL;
	}
	r = store_party_lookup(st, Q_PARTY_BY_EMAIL, email, party_id);
	if (r == 0) {
		r = store_party_lookup(st, Q_PARTY_BY_PHONE, phone, party_id);
	}
	if (r == -1) {
		return -1;
	}
	if (r == 1) {
		s = store_stmt(st, Q_PARTY_FILL);
		sqlite3_bind_int64(s, 1, *party_id);
		store_bind_text(s, 2, name);
		store_bind_text(s, 3, email);
		store_bind_text(s, 4, phone);
		/* an address already owned by another party stays there */
		if (sqlite3_step(s) != SQLITE_DONE &&
		    sqlite3_errcode(st->db) != SQLITE_CONSTRAINT) {
			sqlite3_reset(s);
			return store_fail(st, sqlite3_errcode(st->db),
			    "updating a party");
		}
		sqlite3_reset(s);
		return 0;
	}
	s = store_stmt(st, Q_PARTY_ADD);
	store_bind_text(s, 1, name);
	store_bind_text(s, 2, email);
	store_bind_text(s, 3, phone);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	if (store_exec_stmt(st, s, "adding a party") == -1) {
		return -1;
	}
	*party_id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int
store_next_seq(struct store *st, const char *counter, int64_t *seq)
{
	sqlite3_stmt *s = store_stmt(st, Q_COUNTER_NEXT);

	store_bind_text(s, 1, counter);
	return store_step_int64(st, s, "numbering the case", seq) == 1 ?
	    0 : -1;
}

int
store_case_add(struct store *st, const struct store_case_new *n,
    int64_t *case_id, char *ref, size_t reflen)
{
	sqlite3_stmt *s;
	struct tm tm;
	char counter[32];
	int64_t seq;

	localtime_r(&n->received, &tm);
	if (ref_format_has_year(n->ref_format)) {
		snprintf(counter, sizeof counter, "ref:%04d", tm.tm_year + 1900);
	} else {
		snprintf(counter, sizeof counter, "ref");
	}
	if (store_next_seq(st, counter, &seq) == -1) {
		return -1;
	}
	if (ref_format(n->ref_format, tm.tm_year + 1900, seq, ref, reflen)
	    == -1) {
		st->errkind = STORE_E_OTHER;
		log_errx("database: reference format %s cannot number case %lld",
		    n->ref_format, (long long)seq);
		return -1;
	}
	s = store_stmt(st, Q_CASE_ADD);
	store_bind_text(s, 1, ref);
	store_bind_text(s, 2, n->token);
	store_bind_text(s, 3, n->channel);
	store_bind_text(s, 4, n->source);
	store_bind_text(s, 5, n->category);
	sqlite3_bind_int64(s, 6, n->party_id);
	store_bind_text(s, 7, n->language);
	store_bind_text(s, 8, n->subject ? n->subject : "");
	store_bind_text(s, 9, n->summary ? n->summary : "");
	sqlite3_bind_int64(s, 10, (int64_t)n->received);
	store_bind_id(s, 11, (int64_t)n->due);
	if (store_exec_stmt(st, s, "adding a case") == -1) {
		return -1;
	}
	*case_id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_case_assign(struct store *st, int64_t case_id, const char *officer)
{
	sqlite3_stmt *s = store_stmt(st, Q_CASE_ASSIGN);

	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, officer);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "assigning a case");
}

int
store_case_set_status(struct store *st, int64_t case_id, const char *status,
    time_t at)
{
	sqlite3_stmt *s = store_stmt(st, Q_CASE_STATUS);

	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, status);
	sqlite3_bind_int64(s, 3, (int64_t)at);
	return store_exec_stmt(st, s, "changing a case's status");
}

static int
store_case_set_text(struct store *st, enum q q, int64_t case_id,
    const char *v, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, q);

	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, v);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	return store_exec_stmt(st, s, what);
}

int
store_case_set_resolution(struct store *st, int64_t case_id,
    const char *text)
{
	return store_case_set_text(st, Q_CASE_RESOLUTION, case_id, text,
	    "recording a resolution");
}

int
store_case_set_satisfaction(struct store *st, int64_t case_id,
    const char *satisfaction)
{
	return store_case_set_text(st, Q_CASE_SATISFACTION, case_id,
	    satisfaction, "recording satisfaction");
}


int
store_case_escalate(struct store *st, int64_t case_id, int *level)
{
	sqlite3_stmt *s = store_stmt(st, Q_CASE_ESCALATE);
	int64_t v;

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	if (store_step_int64(st, s, "escalating a case", &v) != 1) {
		return -1;
	}
	*level = (int)v;
	return 0;
}

int
store_case_officers(struct store *st, int64_t case_id, char *out,
    size_t outlen)
{
	sqlite3_stmt *s = store_stmt(st, Q_CASE_OFFICERS);
	size_t off = 0;
	int rc, w;

	out[0] = '\0';
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		w = snprintf(out + off, outlen - off, "%s%s", off ? "," : "",
		    store_col_text(s, 0));
		if (w < 0 || (size_t)w >= outlen - off) {
			break;
		}
		off += (size_t)w;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, rc, "listing a case's officers");
	}
	return 0;
}

static int
store_attachments_add(struct store *st, int64_t message_id,
    const struct store_attachment_new *a, size_t n)
{
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < n; i++) {
		s = store_stmt(st, Q_ATT_ADD);
		sqlite3_bind_int64(s, 1, message_id);
		store_bind_text(s, 2, a[i].filename);
		store_bind_text(s, 3, a[i].content_type);
		sqlite3_bind_int64(s, 4, (int64_t)a[i].size);
		store_bind_text(s, 5, a[i].sha256);
		if (store_exec_stmt(st, s, "recording an attachment") == -1) {
			return -1;
		}
		/* the same bytes are kept once, whoever sends them again */
		s = store_stmt(st, Q_ATT_DATA_ADD);
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
	sqlite3_stmt *s = store_stmt(st, Q_ATT_DATA_GET);
	int r;

	sqlite3_bind_int64(s, 1, id);
	r = store_step_one(st, s, "reading an attachment");
	if (r != 1) {
		return r;
	}
	cb(arg, store_col_text(s, 0), store_col_text(s, 1),
	    sqlite3_column_blob(s, 2), (size_t)sqlite3_column_bytes(s, 2));
	sqlite3_reset(s);
	return 1;
}

int
store_message_add(struct store *st, const struct store_message_new *m,
    int64_t *message_id)
{
	sqlite3_stmt *s = store_stmt(st, Q_MSG_ADD);

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
	if (m->case_id != 0) {
		s = store_stmt(st, Q_CASE_TOUCH);
		sqlite3_bind_int64(s, 1, m->case_id);
		sqlite3_bind_int64(s, 2, (int64_t)m->received);
		if (store_exec_stmt(st, s, "updating a case") == -1) {
			return -1;
		}
	}
	return store_attachments_add(st, *message_id, m->att, m->natt);
}

int
store_event_add(struct store *st, int64_t case_id, const char *actor,
    const char *kind, const char *detail)
{
	sqlite3_stmt *s = store_stmt(st, Q_EVENT_ADD);

	store_bind_id(s, 1, case_id);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	store_bind_text(s, 3, actor);
	store_bind_text(s, 4, kind);
	store_bind_text(s, 5, detail ? detail : "");
	return store_exec_stmt(st, s, "recording an event");
}

int
store_outbox_add(struct store *st, const struct store_outbox_new *o,
    int64_t *outbox_id)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_ADD);

	store_bind_id(s, 1, o->case_id);
	store_bind_id(s, 2, o->message_id);
	store_bind_text(s, 3, o->channel);
	store_bind_text(s, 4, o->kind);
	store_bind_text(s, 5, o->recipient);
	store_bind_text(s, 6, o->recipient_name);
	store_bind_text(s, 7, o->officer);
	store_bind_text(s, 8, o->subject ? o->subject : "");
	store_bind_text(s, 9, o->body);
	store_bind_text(s, 10, o->body_html);
	store_bind_text(s, 11, o->rfc_message_id);
	store_bind_text(s, 12, o->in_reply_to);
	store_bind_text(s, 13, o->references);
	sqlite3_bind_int(s, 14, o->automatic);
	store_bind_text(s, 15, o->status ? o->status : "queued");
	store_bind_text(s, 16, o->note);
	sqlite3_bind_int64(s, 17, (int64_t)time(NULL));
	if (store_exec_stmt(st, s, "queueing an outgoing message") == -1) {
		return -1;
	}
	if (outbox_id != NULL) {
		*outbox_id = sqlite3_last_insert_rowid(st->db);
	}
	return 0;
}

int
store_outbox_count_auto(struct store *st, const char *recipient,
    time_t since, int *count)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_COUNT_AUTO);
	int64_t v;

	store_bind_text(s, 1, recipient);
	sqlite3_bind_int64(s, 2, (int64_t)since);
	if (store_step_int64(st, s, "counting automatic replies", &v) != 1) {
		return -1;
	}
	*count = (int)v;
	return 0;
}

int
store_quarantine_add(struct store *st, const char *source, const char *item,
    const char *reason, const void *raw, size_t len, int64_t *quarantine_id)
{
	sqlite3_stmt *s = store_stmt(st, Q_QUAR_ADD);

	store_bind_text(s, 1, source);
	store_bind_text(s, 2, item);
	store_bind_text(s, 3, reason);
	sqlite3_bind_blob64(s, 4, raw != NULL ? raw : "", len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, (int64_t)len);
	sqlite3_bind_int64(s, 6, (int64_t)time(NULL));
	if (store_exec_stmt(st, s, "quarantining a message") == -1) {
		return -1;
	}
	if (quarantine_id != NULL) {
		*quarantine_id = sqlite3_last_insert_rowid(st->db);
	}
	return 0;
}

int
store_quarantine_set_status(struct store *st, int64_t id, const char *status,
    int64_t message_id)
{
	sqlite3_stmt *s = store_stmt(st, Q_QUAR_STATUS);

	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, status);
	sqlite3_bind_int64(s, 3, message_id);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "updating a quarantined message");
}

/* ---- reading ---- */

static const char SQL_STATS[] =
    "SELECT (SELECT count(*) FROM complaint WHERE received_at >= ?1),"
    " (SELECT count(*) FROM complaint WHERE status IN ('new',"
    "  'acknowledged', 'in_progress', 'reopened')),"
    " (SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')),"
    " (SELECT count(*) FROM outbox WHERE status IN ('failed', 'dead')),"
    " (SELECT count(*) FROM quarantine WHERE status = 'held')";

int
store_stats(struct store *st, time_t since, struct store_stats *out)
{
	sqlite3_stmt *s = store_prepare(st, SQL_STATS);
	int r;

	sqlite3_bind_int64(s, 1, (int64_t)since);
	r = store_step_one(st, s, "counting cases");
	if (r != 1) {
		return -1;
	}
	out->cases_since = sqlite3_column_int(s, 0);
	out->open_cases = sqlite3_column_int(s, 1);
	out->outbox_queued = sqlite3_column_int(s, 2);
	out->outbox_failed = sqlite3_column_int(s, 3);
	out->quarantine_held = sqlite3_column_int(s, 4);
	sqlite3_reset(s);
	return 0;
}

/* Run s, calling fill+cb for each row.  Returns the number of rows (>= 0)
 * or -1. */
int
store_each(struct store *st, sqlite3_stmt *s, const char *what,
    int (*row)(sqlite3_stmt *, void *, void *), void *cb, void *arg)
{
	int rc, n = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n++;
		if (row(s, cb, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, rc, what);
	}
	return n;
}

static int
row_case(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_case_row r;

	memset(&r, 0, sizeof r);
	r.id = sqlite3_column_int64(s, 0);
	r.reference = store_col_text(s, 1);
	r.status = store_col_text(s, 2);
	r.channel = store_col_text(s, 3);
	r.source = store_col_text(s, 4);
	r.category = store_col_text(s, 5);
	r.language = store_col_text(s, 6);
	r.subject = store_col_text(s, 7);
	r.summary = store_col_text(s, 8);
	r.officers = store_col_text(s, 9);
	r.party_name = store_col_text(s, 10);
	r.party_email = store_col_text(s, 11);
	r.party_phone = store_col_text(s, 12);
	r.resolution = store_col_text(s, 13);
	r.satisfaction = store_col_text(s, 14);
	r.escalation_level = sqlite3_column_int(s, 15);
	r.received_at = (time_t)sqlite3_column_int64(s, 16);
	r.acknowledged_at = (time_t)sqlite3_column_int64(s, 17);
	r.first_response_at = (time_t)sqlite3_column_int64(s, 18);
	r.due_at = (time_t)sqlite3_column_int64(s, 19);
	r.resolved_at = (time_t)sqlite3_column_int64(s, 20);
	r.closed_at = (time_t)sqlite3_column_int64(s, 21);
	r.updated_at = (time_t)sqlite3_column_int64(s, 22);
	return ((store_case_cb)cb)(arg, &r);
}

/* ---- long listings: pages ---- */

void
store_set_pause(struct store *st, void (*fn)(void *), void *arg)
{
	st->pause = fn;
	st->pause_arg = arg;
}

void
store_checkpoint(struct store *st)
{
	sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
}

/* A page's rows to the caller, remembering the last row's key columns
 * (key_a, key_b: column numbers; -1 none) and whether the caller stopped. */
struct page {
	int	(*row)(sqlite3_stmt *, void *, void *);
	int	 key_a, key_b;
	int64_t	 a, b;
	int	 stopped;
};

static int
row_paged(sqlite3_stmt *s, void *cb, void *arg)
{
	struct page *pg = ((void **)arg)[0];
	int r;

	pg->a = pg->key_a >= 0 ? sqlite3_column_int64(s, pg->key_a) : 0;
	pg->b = pg->key_b >= 0 ? sqlite3_column_int64(s, pg->key_b) : 0;
	r = pg->row(s, cb, ((void **)arg)[1]);
	pg->stopped |= r != 0;
	return r;
}

/* Run a page query again and again (bind sets its limit and where the
 * last page ended) until a page comes back short, the caller stops, or
 * limit rows (0: all) were given; the pause between pages. */
static int
store_pages(struct store *st, sqlite3_stmt *s, const char *what,
    struct page *pg, void (*bind)(sqlite3_stmt *, const struct page *,
    int, int, const void *), const void *ctx, void *cb, void *arg,
    int limit)
{
	void *pair[2] = { pg, arg };
	int n, got = 0, want, first = 1, more;

	do {
		want = limit > 0 && limit - got < STORE_PAGE ? limit - got :
		    STORE_PAGE;
		bind(s, pg, want, first, ctx);
		if ((n = store_each(st, s, what, row_paged, cb, pair)) < 0) {
			return -1;
		}
		got += n;
		first = 0;
		more = n == want && !pg->stopped && (limit <= 0 || got < limit);
		if (more && st->pause != NULL) {
			st->pause(st->pause_arg);
		}
	} while (more);
	return 0;
}

static void
bind_case(sqlite3_stmt *s, const struct page *pg, int want, int first,
    const void *ctx)
{
	const struct store_case_filter *f = ctx;

	store_bind_text(s, 1, f->status);
	store_bind_text(s, 2, f->category);
	store_bind_text(s, 3, f->officer);
	sqlite3_bind_int64(s, 4, (int64_t)f->since);
	sqlite3_bind_int(s, 5, want);
	if (!first) {
		sqlite3_bind_int64(s, 6, pg->a);
		sqlite3_bind_int64(s, 7, pg->b);
	}
}

int
store_case_list(struct store *st, const struct store_case_filter *f,
    store_case_cb cb, void *arg)
{
	struct page pg = { row_case, 16, 0, 0, 0, 0 };

	return store_pages(st, store_stmt(st, Q_CASE_LIST), "listing cases",
	    &pg, bind_case, f, (void *)cb, arg, f->limit);
}

int
store_case_get(struct store *st, const char *ref, store_case_cb cb, void *arg)
{
	sqlite3_stmt *s = store_stmt(st, Q_CASE_GET);
	int n;

	store_bind_text(s, 1, ref);
	n = store_each(st, s, "reading a case", row_case, (void *)cb, arg);
	return n < 0 ? -1 : n > 0;
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

static void
bind_message(sqlite3_stmt *s, const struct page *pg, int want, int first,
    const void *ctx)
{
	sqlite3_bind_int64(s, 1, *(const int64_t *)ctx);
	sqlite3_bind_int(s, 2, want);
	sqlite3_bind_int64(s, 3, first ? 0 : pg->a);
}

int
store_message_list(struct store *st, int64_t case_id, int limit,
    store_message_cb cb, void *arg)
{
	struct page pg = { row_message, 0, -1, 0, 0, 0 };

	return store_pages(st, store_stmt(st, Q_MSG_LIST), "listing messages",
	    &pg, bind_message, &case_id, (void *)cb, arg, limit);
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
	sqlite3_stmt *s = store_stmt(st, Q_ATT_LIST);

	sqlite3_bind_int64(s, 1, message_id);
	return store_each(st, s, "listing attachments", row_attachment,
	    (void *)cb, arg) < 0 ? -1 : 0;
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
	sqlite3_stmt *s = store_stmt(st, Q_EVENT_LIST);

	sqlite3_bind_int64(s, 1, case_id);
	return store_each(st, s, "listing events", row_event, (void *)cb,
	    arg) < 0 ? -1 : 0;
}

int
store_row_outbox(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_outbox_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.case_id = sqlite3_column_int64(s, 1);
	r.reference = store_col_text(s, 2);
	r.message_id = sqlite3_column_int64(s, 3);
	r.channel = store_col_text(s, 4);
	r.kind = store_col_text(s, 5);
	r.recipient = store_col_text(s, 6);
	r.recipient_name = store_col_text(s, 7);
	r.officer = store_col_text(s, 8);
	r.subject = store_col_text(s, 9);
	r.body = store_col_text(s, 10);
	r.body_html = store_col_text(s, 11);
	r.rfc_message_id = store_col_text(s, 12);
	r.in_reply_to = store_col_text(s, 13);
	r.references = store_col_text(s, 14);
	r.automatic = sqlite3_column_int(s, 15);
	r.status = store_col_text(s, 16);
	r.attempts = sqlite3_column_int(s, 17);
	r.next_attempt_at = (time_t)sqlite3_column_int64(s, 18);
	r.last_error = store_col_text(s, 19);
	r.created_at = (time_t)sqlite3_column_int64(s, 20);
	r.sent_at = (time_t)sqlite3_column_int64(s, 21);
	return ((store_outbox_cb)cb)(arg, &r);
}

int
store_outbox_list(struct store *st, int64_t case_id, const char *status,
    int limit, store_outbox_cb cb, void *arg)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_LIST);

	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, status);
	sqlite3_bind_int(s, 3, limit > 0 ? limit : -1);
	return store_each(st, s, "listing the outbox", store_row_outbox, (void *)cb,
	    arg) < 0 ? -1 : 0;
}

static int
row_quarantine(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_quarantine_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.source = store_col_text(s, 1);
	r.item = store_col_text(s, 2);
	r.reason = store_col_text(s, 3);
	r.status = store_col_text(s, 4);
	r.created_at = (time_t)sqlite3_column_int64(s, 5);
	r.raw = sqlite3_column_blob(s, 6);
	r.size = (size_t)sqlite3_column_int64(s, 7);
	r.message_id = sqlite3_column_int64(s, 8);
	return ((store_quarantine_cb)cb)(arg, &r);
}

int
store_quarantine_list(struct store *st, const char *status,
    store_quarantine_cb cb, void *arg)
{
	sqlite3_stmt *s = store_stmt(st, Q_QUAR_LIST);

	store_bind_text(s, 1, status);
	return store_each(st, s, "listing the quarantine", row_quarantine,
	    (void *)cb, arg) < 0 ? -1 : 0;
}

int
store_quarantine_get(struct store *st, int64_t id, store_quarantine_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_stmt(st, Q_QUAR_GET);
	int n;

	sqlite3_bind_int64(s, 1, id);
	n = store_each(st, s, "reading a quarantined message",
	    row_quarantine, (void *)cb, arg);
	return n < 0 ? -1 : n > 0;
}

/* ==== savepoints (IMAP intake: one per message of a batch) ==== */

static const char SQL_SAVEPOINT[] = "SAVEPOINT msg";
static const char SQL_RELEASE[] = "RELEASE msg";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO msg";

int
store_savepoint(struct store *st)
{
	return store_exec_stmt(st, store_prepare(st, SQL_SAVEPOINT),
	    "savepoint");
}

int
store_savepoint_release(struct store *st)
{
	return store_exec_stmt(st, store_prepare(st, SQL_RELEASE),
	    "releasing a savepoint");
}

int
store_savepoint_rollback(struct store *st)
{
	if (store_exec_stmt(st, store_prepare(st, SQL_ROLLBACK_TO),
	    "rolling back a savepoint") == -1) {
		return -1;
	}
	return store_savepoint_release(st);
}

/* ==== end savepoints ==== */
