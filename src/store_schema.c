/*
 * store_schema.c — the schema: every table, index and change to them, as
 * numbered migrations (PRAGMA user_version).
 *
 * The schema only moves forward through the migrations[] array; each
 * migration runs in its own transaction together with the user_version
 * bump, so a crash leaves the previous version intact.  A migration is
 * never edited once released: a change is a new one at the end.
 */
#include <stdio.h>

#include "log.h"
#include "store_priv.h"

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
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

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

int
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
