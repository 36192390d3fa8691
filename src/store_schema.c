/*
 * store_schema.c — the schema: every table, index and change to them, as
 * numbered migrations (PRAGMA user_version).
 *
 * The schema only moves forward through the migrations[] array; each
 * migration runs in its own transaction together with the user_version
 * bump, so a crash leaves the previous version intact.  A migration is
 * never edited once released: a change is a new one at the end.  A
 * migration is SQL, then optionally a C step in the same transaction for
 * what SQL alone cannot know (the vocabulary of casedef.h).
 *
 * SQLite cannot change a table's constraints in place.  A migration that
 * must rebuilds the table the way SQLite documents it ("Making Other
 * Kinds Of Table Schema Changes", the 12 steps): foreign keys off outside
 * the transaction, create the new table, copy, drop the old one, rename
 * the new one to its name, create its indexes again, then
 * PRAGMA foreign_key_check before the commit, and foreign keys on again.
 * Foreign key enforcement is off while migrations run (they hold the
 * write lock: nobody else writes meanwhile) and every migration is checked
 * that way before it commits.
 *
 * Statuses are not checked by the schema since version 3: casedef.h is
 * the one list (store_case.c refuses a status it does not know), so a new
 * status does not mean rebuilding the largest table.  Whether a case is
 * open is the complaint.is_open column, written by the same statement
 * that writes the status, from case_status_open(): the open list lives in
 * casedef.c only, and "the open cases" is an indexed condition
 * (complaint_open, a partial index: only open cases, few next to the
 * closed ones as the years go by).  Should the set of open statuses ever
 * change, a migration derives the column again (migrate_open_flag).
 *
 * Every column is written and read by a statement of store_*.c, except
 * these, kept for the record (when a row was made or last changed, what
 * it led to), for whoever investigates with sqlite3; no program decides
 * anything by them: party.created_at, officer_token.created_at,
 * schedule.created_at and updated_at, quarantine.updated_at,
 * source_attempt.updated_at, clock_config.updated_at,
 * timer_fired.due_at and fired_at, sms_sent.sent_at and reported_at,
 * sms_part.message_id, cpar_case.linked_at and archive_entry.archived_at.
 */
#include <stdio.h>

#include "log.h"
#include "store_priv.h"

struct migration {
	const char	*sql;
	int		(*step)(struct store *);	/* then; NULL: none */
};

static int	migrate_open_flag(struct store *);

static const struct migration migrations[] = {
	/* 1: the whole model of DESIGN §3 */
	{
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
	NULL },
	/* 2: SMS (store_sms.c): parts of long messages waiting for their
	 * siblings (kept after they are taken in, so a part read again after
	 * a crash is known), the message references of sent SMS for delivery
	 * reports, and each modem's state */
	{
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
	NULL },
	/* 3: every status of casedef.h (waiting, merged) and parties with no
	 * address (a note from the suggestion box): the status and party
	 * CHECKs go, by rebuilding both tables; complaint.is_open and the
	 * index of open cases */
	{
	"CREATE TABLE complaint_new ("
	"  id INTEGER PRIMARY KEY,"
	"  reference TEXT NOT NULL UNIQUE,"
	"  token TEXT NOT NULL UNIQUE,"
	"  channel TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  is_open INTEGER NOT NULL DEFAULT 0 CHECK (is_open IN (0, 1)),"
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
	"INSERT INTO complaint_new (id, reference, token, channel, source,"
	"  status, category, priority, confidential, party_id, language,"
	"  subject, summary, resolution, satisfaction, escalation_level,"
	"  received_at, acknowledged_at, first_response_at, due_at,"
	"  resolved_at, closed_at, updated_at)"
	" SELECT id, reference, token, channel, source,"
	"  status, category, priority, confidential, party_id, language,"
	"  subject, summary, resolution, satisfaction, escalation_level,"
	"  received_at, acknowledged_at, first_response_at, due_at,"
	"  resolved_at, closed_at, updated_at FROM complaint;"
	"DROP TABLE complaint;"
	"ALTER TABLE complaint_new RENAME TO complaint;"
	"CREATE INDEX complaint_status ON complaint(status, received_at);"
	"CREATE INDEX complaint_received ON complaint(received_at);"
	"CREATE INDEX complaint_party ON complaint(party_id, status);"
	"CREATE INDEX complaint_open ON complaint(received_at)"
	"  WHERE is_open = 1;"
	"CREATE TABLE party_new ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT,"
	"  email TEXT COLLATE NOCASE UNIQUE,"
	"  phone TEXT UNIQUE,"
	"  created_at INTEGER NOT NULL);"
	"INSERT INTO party_new (id, name, email, phone, created_at)"
	" SELECT id, name, email, phone, created_at FROM party;"
	"DROP TABLE party;"
	"ALTER TABLE party_new RENAME TO party;",
	migrate_open_flag },
	/* 4: an outgoing mail carries what sending it needs from the moment
	 * it is queued: with its Message-ID and threading headers, its
	 * Reply-To (an officer's with the case's token).  Rows queued before
	 * have none and are sent with the plain reply_to address; an
	 * officer's answer to one is still recognised by the Message-ID it
	 * answers. */
	{
	"ALTER TABLE outbox ADD COLUMN reply_to TEXT;",
	NULL },
	/* 5: the procedure clock (sla.h, store_timer.c): each case's due
	 * times and clock state, the deadline it runs against now (due_at,
	 * never written before) and its next action, each indexed where set
	 * so only running clocks are looked at; satisfaction "no_answer"
	 * (closed without feedback), which means rebuilding the table; what
	 * the clock fired, keyed so each action happens once; the
	 * configuration the clock last worked out its times with.  Cases
	 * from before have no clock (clock_started_at NULL) until the
	 * dispatch worker starts theirs. */
	{
	"CREATE TABLE complaint_new ("
	"  id INTEGER PRIMARY KEY,"
	"  reference TEXT NOT NULL UNIQUE,"
	"  token TEXT NOT NULL UNIQUE,"
	"  channel TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  is_open INTEGER NOT NULL DEFAULT 0 CHECK (is_open IN (0, 1)),"
	"  category TEXT NOT NULL,"
	"  priority INTEGER NOT NULL DEFAULT 0,"
	"  confidential INTEGER NOT NULL DEFAULT 0,"
	"  party_id INTEGER NOT NULL REFERENCES party(id),"
	"  language TEXT NOT NULL,"
	"  subject TEXT NOT NULL DEFAULT '',"
	"  summary TEXT NOT NULL DEFAULT '',"
	"  resolution TEXT,"
	"  satisfaction TEXT CHECK (satisfaction IN ('satisfied',"
	"    'dissatisfied', 'no_answer')),"
	"  escalation_level INTEGER NOT NULL DEFAULT 0,"
	"  received_at INTEGER NOT NULL,"
	"  acknowledged_at INTEGER,"
	"  first_response_at INTEGER,"
	"  due_at INTEGER,"
	"  resolved_at INTEGER,"
	"  closed_at INTEGER,"
	"  updated_at INTEGER NOT NULL,"
	"  clock_round INTEGER NOT NULL DEFAULT 0,"
	"  clock_started_at INTEGER,"
	"  response_due_at INTEGER,"
	"  resolve_due_at INTEGER,"
	"  paused_at INTEGER,"
	"  paused_secs INTEGER NOT NULL DEFAULT 0,"
	"  escalated_at INTEGER,"
	"  next_action_at INTEGER,"
	"  next_action TEXT);"
	"INSERT INTO complaint_new (id, reference, token, channel, source,"
	"  status, is_open, category, priority, confidential, party_id,"
	"  language, subject, summary, resolution, satisfaction,"
	"  escalation_level, received_at, acknowledged_at, first_response_at,"
	"  resolved_at, closed_at, updated_at)"
	" SELECT id, reference, token, channel, source,"
	"  status, is_open, category, priority, confidential, party_id,"
	"  language, subject, summary, resolution, satisfaction,"
	"  escalation_level, received_at, acknowledged_at, first_response_at,"
	"  resolved_at, closed_at, updated_at FROM complaint;"
	"DROP TABLE complaint;"
	"ALTER TABLE complaint_new RENAME TO complaint;"
	"CREATE INDEX complaint_status ON complaint(status, received_at);"
	"CREATE INDEX complaint_received ON complaint(received_at);"
	"CREATE INDEX complaint_party ON complaint(party_id, status);"
	"CREATE INDEX complaint_open ON complaint(received_at)"
	"  WHERE is_open = 1;"
	"CREATE INDEX complaint_next_action ON complaint(next_action_at)"
	"  WHERE next_action_at IS NOT NULL;"
	"CREATE INDEX complaint_due ON complaint(due_at)"
	"  WHERE due_at IS NOT NULL;"
	"CREATE TABLE timer_fired ("
	"  subject_kind TEXT NOT NULL,"
	"  subject_id INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  due_at INTEGER NOT NULL,"
	"  fired_at INTEGER NOT NULL,"
	"  PRIMARY KEY (subject_kind, subject_id, kind, seq)) WITHOUT ROWID;"
	"CREATE TABLE clock_config ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  digest TEXT NOT NULL,"
	"  updated_at INTEGER NOT NULL);",
	NULL },
	/* 6: trust (issue 8).  complaint.csecret: the complainant's own
	 * per-case secret (their Reply-To local+CSECRET@), never the
	 * officers' token; cases from before get one here.  outbox.limit_key:
	 * the recipient as the per-recipient limits count it (limit.h:
	 * local+tag@ and case variants are one address); limited_by: which
	 * limit suppressed a row (NULL: none), for complaintctl status;
	 * digest, digest_n: the lines of an officer's summary of
	 * notifications past their hourly limit.  quarantine.original_size:
	 * the size of a message of which only a prefix is kept (NULL: the
	 * whole message is there) */
	{
	"ALTER TABLE complaint ADD COLUMN csecret TEXT;"
	"UPDATE complaint SET csecret = lower(hex(randomblob(16)));"
	"CREATE UNIQUE INDEX complaint_csecret ON complaint(csecret);"
	"ALTER TABLE outbox ADD COLUMN limit_key TEXT;"
	"ALTER TABLE outbox ADD COLUMN limited_by TEXT;"
	"ALTER TABLE outbox ADD COLUMN digest TEXT;"
	"ALTER TABLE outbox ADD COLUMN digest_n INTEGER NOT NULL DEFAULT 0;"
	"UPDATE outbox SET limit_key = lower(recipient);"
	"UPDATE outbox SET limited_by = 'recipient_hour'"
	"  WHERE status = 'suppressed';"
	"DROP INDEX outbox_auto;"
	"CREATE INDEX outbox_auto ON outbox(limit_key, created_at)"
	"  WHERE automatic = 1;"
	"CREATE INDEX outbox_auto_time ON outbox(created_at)"
	"  WHERE automatic = 1 AND status <> 'suppressed';"
	"CREATE INDEX outbox_officer ON outbox(officer, channel, created_at)"
	"  WHERE officer IS NOT NULL;"
	"CREATE INDEX outbox_limited ON outbox(created_at)"
	"  WHERE limited_by IS NOT NULL;"
	"ALTER TABLE quarantine ADD COLUMN original_size INTEGER;",
	NULL },
	/* 7: the recap (store_report.c, report.h): how often a case was
	 * reopened after dissatisfaction and the complainant's score (both
	 * taken from the history for older cases), and one index covering
	 * every column a report reads, in the order of receipt, so a year's
	 * report reads a range of it and never the cases' rows; schedules
	 * (store_schedule.c, schedule.h), each with its next occurrence; the
	 * files attached to an outgoing mail (a recap's CSV export) */
	{
	"ALTER TABLE complaint ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE complaint ADD COLUMN feedback_score INTEGER;"
	"ALTER TABLE complaint ADD COLUMN feedback_scale INTEGER;"
	"UPDATE complaint SET reopened = x.n FROM (SELECT complaint_id,"
	"  count(*) AS n FROM event WHERE kind = 'feedback'"
	"  AND detail LIKE 'not satisfied%' GROUP BY complaint_id) AS x"
	"  WHERE x.complaint_id = complaint.id;"
	"UPDATE complaint SET feedback_score = x.s, feedback_scale = x.k"
	"  FROM (SELECT complaint_id, max(id),"
	"  CAST(substr(detail, instr(detail, '(score ') + 7) AS INTEGER) AS s,"
	"  CAST(substr(detail, instr(detail, ' of ') + 4) AS INTEGER) AS k"
	"  FROM event WHERE kind = 'feedback' AND detail LIKE '%(score % of %'"
	"  GROUP BY complaint_id) AS x"
	"  WHERE x.complaint_id = complaint.id AND x.s > 0 AND x.k > 1;"
	"CREATE INDEX complaint_report ON complaint(received_at, category,"
	"  channel, status, first_response_at, resolved_at, closed_at,"
	"  response_due_at, resolve_due_at, paused_at, clock_started_at,"
	"  escalation_level, reopened, satisfaction, feedback_score,"
	"  feedback_scale);"
	"CREATE TABLE schedule ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  spec TEXT NOT NULL,"
	"  next_action_at INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL);"
	"CREATE TABLE outbox_attachment ("
	"  id INTEGER PRIMARY KEY,"
	"  outbox_id INTEGER NOT NULL REFERENCES outbox(id),"
	"  filename TEXT NOT NULL,"
	"  content_type TEXT NOT NULL,"
	"  data BLOB NOT NULL);"
	"CREATE INDEX outbox_attachment_outbox"
	"  ON outbox_attachment(outbox_id);",
	NULL },
	/* 8: what real servers and modems showed (issue 14): an SMS sender
	 * as the network gave it, when it is not the stored (normalised)
	 * one; per source when the last message was taken in and how long
	 * after its delivery, and a warning while intake works but something
	 * else does not (taken-in mail that cannot be moved); of an item's
	 * attempts, those made alone (a batch that dies is retried in
	 * halves: only attempts alone lead to the quarantine) */
	{
	"ALTER TABLE message ADD COLUMN sender_raw TEXT;"
	"ALTER TABLE source_attempt ADD COLUMN alone INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE source_state ADD COLUMN last_intake_at INTEGER;"
	"ALTER TABLE source_state ADD COLUMN last_delay_ms INTEGER;"
	"ALTER TABLE source_state ADD COLUMN warning TEXT;",
	NULL },
	/* 9: staff at work.  A duplicate merged into another case points at
	 * it (merged_into) and its complainant becomes a contact of that
	 * case (case_contact: told what the case's complainant is told);
	 * each officer's personal address for entering complaints by email
	 * (officer_token: local+TOKEN@domain, see intake.h) */
	{
	"ALTER TABLE complaint ADD COLUMN merged_into INTEGER"
	"  REFERENCES complaint(id);"
	"CREATE TABLE case_contact ("
	"  complaint_id INTEGER NOT NULL REFERENCES complaint(id),"
	"  party_id INTEGER NOT NULL REFERENCES party(id),"
	"  added_at INTEGER NOT NULL,"
	"  PRIMARY KEY (complaint_id, party_id)) WITHOUT ROWID;"
	"CREATE TABLE officer_token ("
	"  officer TEXT PRIMARY KEY,"
	"  token TEXT NOT NULL UNIQUE,"
	"  created_at INTEGER NOT NULL) WITHOUT ROWID;",
	NULL },
	/* 10: alerts through the other channel (alerts.h): since when a
	 * source (an IMAP account, a modem, the SMTP server) has not worked,
	 * and when the administrators were told of that outage */
	{
	"ALTER TABLE source_state ADD COLUMN down_since INTEGER;"
	"ALTER TABLE source_state ADD COLUMN alerted_down INTEGER;",
	NULL },
	/* 11: approval.  An answer that needs an approver's approval waits
	 * as a draft (one pending per case: a new answer replaces it); every
	 * version of its text is kept (the author's, each approver's edit),
	 * with who wrote it and when; the decision (approved, returned with a
	 * comment, replaced) says who and when */
	{
	"CREATE TABLE draft ("
	"  id INTEGER PRIMARY KEY,"
	"  complaint_id INTEGER NOT NULL REFERENCES complaint(id),"
	"  action TEXT NOT NULL,"
	"  author TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN"
	"   ('pending', 'approved', 'returned', 'replaced')),"
	"  message_id INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  decided_at INTEGER,"
	"  decided_by TEXT,"
	"  comment TEXT);"
	"CREATE INDEX draft_case ON draft(complaint_id, status);"
	"CREATE TABLE draft_version ("
	"  draft_id INTEGER NOT NULL REFERENCES draft(id),"
	"  version INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  written_by TEXT NOT NULL,"
	"  written_at INTEGER NOT NULL,"
	"  PRIMARY KEY (draft_id, version)) WITHOUT ROWID;",
	NULL },
	/* 12: the language a complainant writes in, remembered on the party
	 * (lang.h: set when their words decided it; a later short message
	 * is answered in it).  NULL: not known yet */
	{
	"ALTER TABLE party ADD COLUMN language TEXT;",
	NULL },
	/* 13: corrective actions (store_cpar.c, cpardef.h).  The first
	 * schema's corrective_action table was never written: it goes.  A
	 * record (cpar) has its own reference from the counter table, links
	 * to one or more cases (cpar_case) and keeps its history (cpar_event);
	 * nothing is deleted */
	{
	"DROP TABLE corrective_action;"
	"CREATE TABLE cpar ("
	"  id INTEGER PRIMARY KEY,"
	"  reference TEXT NOT NULL UNIQUE,"
	"  status TEXT NOT NULL CHECK (status IN ('open','planned','done',"
	"    'effective')),"
	"  nonconformity TEXT NOT NULL,"
	"  root_cause TEXT,"
	"  correction TEXT,"
	"  corrective TEXT,"
	"  preventive TEXT,"
	"  owner TEXT NOT NULL,"
	"  due_date TEXT,"
	"  due_at INTEGER,"
	"  created_by TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  done_at INTEGER,"
	"  verified_at INTEGER,"
	"  verified_by TEXT,"
	"  not_effective INTEGER NOT NULL DEFAULT 0,"
	"  updated_at INTEGER NOT NULL);"
	"CREATE INDEX cpar_status ON cpar(status, due_at);"
	"CREATE TABLE cpar_case ("
	"  cpar_id INTEGER NOT NULL REFERENCES cpar(id),"
	"  complaint_id INTEGER NOT NULL REFERENCES complaint(id),"
	"  linked_at INTEGER NOT NULL,"
	"  PRIMARY KEY (cpar_id, complaint_id)) WITHOUT ROWID;"
	"CREATE INDEX cpar_case_complaint ON cpar_case(complaint_id);"
	"CREATE TABLE cpar_event ("
	"  id INTEGER PRIMARY KEY,"
	"  cpar_id INTEGER NOT NULL REFERENCES cpar(id),"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX cpar_event_cpar ON cpar_event(cpar_id, id);",
	NULL },
	/* 14: at a million cases (issue 16).  tally: the counts that
	 * complaintctl status and the supervisor's STATUS line show (the
	 * outbox by channel and status, the quarantine by status, the open
	 * cases), kept by triggers in the transaction that writes the rows
	 * they count, whichever statement does it: reading them is a look
	 * at a few rows, where counting scanned the outbox (millions of
	 * rows) every five seconds.  A migration that rebuilds outbox,
	 * quarantine or complaint drops their triggers: it must create them
	 * again (test_store checks the tally against count(*)).
	 * outbox_unsent: the rows that are not sent (queued, sending,
	 * failed, dead, suppressed: few next to the sent ones), so `outbox
	 * list --status failed` reads them and not every row.  body_z: the
	 * text of a mail sent a while ago, compressed (store_outbox.c: the
	 * body and body_html columns are emptied then), outbox_unpacked the
	 * sent rows still to compress.  outbox_officer covers the
	 * count of an officer's notifications (limit.h), made for every
	 * message taken in: kind and limited_by read from the rows meant
	 * walking each row's text (limited_by comes after it) for every
	 * notification of the window, intake slowing as the hour filled.  The
	 * statements that read them are in store_outbox.c, store_quarantine.c
	 * and store_case.c. */
	{
	"CREATE TABLE tally ("
	"  what TEXT NOT NULL,"
	"  channel TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (what, channel, status)) WITHOUT ROWID;"
	"INSERT INTO tally SELECT 'outbox', channel, status, count(*)"
	"  FROM outbox GROUP BY channel, status;"
	"INSERT INTO tally SELECT 'quarantine', '', status, count(*)"
	"  FROM quarantine GROUP BY status;"
	"INSERT INTO tally SELECT 'complaint', '', 'open', count(*)"
	"  FROM complaint WHERE is_open = 1;"
	"CREATE TRIGGER outbox_tally_add AFTER INSERT ON outbox BEGIN"
	" INSERT INTO tally (what, channel, status, n)"
	" VALUES ('outbox', coalesce(new.channel,"
	" ''), coalesce(new.status, ''), 1) ON CONFLICT (what,"
	" channel, status) DO UPDATE SET n = n + 1; END; "
	"CREATE TRIGGER outbox_tally_move AFTER UPDATE OF status,"
	" channel ON outbox WHEN old.status IS NOT new.status OR"
	" old.channel IS NOT new.channel BEGIN UPDATE tally SET n = n"
	" - 1 WHERE what = 'outbox' AND channel ="
	" coalesce(old.channel, '') AND status = coalesce(old.status,"
	" ''); INSERT INTO tally (what, channel, status, n)"
	" VALUES ('outbox',"
	" coalesce(new.channel, ''), coalesce(new.status, ''), 1) ON"
	" CONFLICT (what, channel, status) DO UPDATE SET n = n + 1;"
	" END; "
	"CREATE TRIGGER outbox_tally_del AFTER DELETE ON outbox BEGIN"
	" UPDATE tally SET n = n - 1 WHERE what = 'outbox' AND"
	" channel = coalesce(old.channel, '') AND status ="
	" coalesce(old.status, ''); END; "
	"CREATE TRIGGER quarantine_tally_add AFTER INSERT ON"
	" quarantine BEGIN INSERT INTO tally (what, channel, status, n)"
	" VALUES ('quarantine',"
	" '', coalesce(new.status, ''), 1) ON CONFLICT (what,"
	" channel, status) DO UPDATE SET n = n + 1; END; "
	"CREATE TRIGGER quarantine_tally_move AFTER UPDATE OF status"
	" ON quarantine WHEN old.status IS NOT new.status BEGIN"
	" UPDATE tally SET n = n - 1 WHERE what = 'quarantine' AND"
	" channel = '' AND status = coalesce(old.status, ''); INSERT"
	" INTO tally (what, channel, status, n)"
	" VALUES ('quarantine', '', coalesce(new.status,"
	" ''), 1) ON CONFLICT (what, channel, status) DO UPDATE SET n"
	" = n + 1; END; "
	"CREATE TRIGGER quarantine_tally_del AFTER DELETE ON"
	" quarantine BEGIN UPDATE tally SET n = n - 1 WHERE what ="
	" 'quarantine' AND channel = '' AND status ="
	" coalesce(old.status, ''); END; "
	"CREATE TRIGGER complaint_tally_add AFTER INSERT ON complaint"
	" WHEN new.is_open = 1 BEGIN INSERT INTO tally"
	" (what, channel, status, n) VALUES"
	" ('complaint', '', 'open', 1) ON CONFLICT (what, channel,"
	" status) DO UPDATE SET n = n + 1; END; "
	"CREATE TRIGGER complaint_tally_open AFTER UPDATE OF is_open"
	" ON complaint WHEN old.is_open <> new.is_open BEGIN UPDATE"
	" tally SET n = n + new.is_open - old.is_open WHERE what ="
	" 'complaint' AND channel = '' AND status = 'open'; END; "
	"CREATE TRIGGER complaint_tally_del AFTER DELETE ON complaint"
	" WHEN old.is_open = 1 BEGIN UPDATE tally SET n = n - 1 WHERE"
	" what = 'complaint' AND channel = '' AND status = 'open';"
	" END; "
	"CREATE INDEX outbox_unsent ON outbox(status, id)"
	"  WHERE status <> 'sent';"
	"ALTER TABLE outbox ADD COLUMN body_z BLOB;"
	"CREATE INDEX outbox_unpacked ON outbox(sent_at)"
	"  WHERE status = 'sent' AND body_z IS NULL"
	"  AND length(body) + coalesce(length(body_html), 0) >= 512;"
	"DROP INDEX outbox_officer;"
	"CREATE INDEX outbox_officer ON outbox(officer, channel, created_at,"
	"  kind, limited_by) WHERE officer IS NOT NULL;",
	NULL },
	/* 15: retention (archive.h, store_archive.c).  archive_entry: where
	 * the bytes moved out of the database are: a message's raw bytes
	 * (message_id; message.raw is then NULL) or an attachment's data
	 * (message_id NULL, sha256 its key; attachment_data.data is then
	 * empty).  complaint.archived_at: when a closed case's bytes were
	 * archived, so the tick's look for work reads complaint_unarchived
	 * (closed cases not yet archived), not every old case; a message
	 * added to the case afterwards clears it (message_unarchived).
	 * attachment_sha: which cases share an attachment's data. */
	{
	"CREATE TABLE archive_entry ("
	"  id INTEGER PRIMARY KEY,"
	"  message_id INTEGER UNIQUE REFERENCES message(id),"
	"  sha256 TEXT NOT NULL,"
	"  file TEXT NOT NULL,"
	"  offset INTEGER NOT NULL,"
	"  length INTEGER NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  archived_at INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX archive_entry_data ON archive_entry(sha256)"
	"  WHERE message_id IS NULL;"
	"ALTER TABLE complaint ADD COLUMN archived_at INTEGER;"
	"CREATE INDEX complaint_unarchived ON complaint(closed_at)"
	"  WHERE status IN ('closed', 'rejected') AND archived_at IS NULL;"
	"CREATE INDEX attachment_sha ON attachment(sha256);"
	"CREATE TRIGGER message_unarchived AFTER INSERT ON message"
	" WHEN new.complaint_id IS NOT NULL BEGIN UPDATE complaint SET"
	" archived_at = NULL WHERE id = new.complaint_id AND archived_at"
	" IS NOT NULL; END;",
	NULL },
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

int
store_schema_latest(void)
{
	return (int)NMIGRATIONS;
}

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

static const char SQL_OPEN_FLAG[] =
    "UPDATE complaint SET is_open = ?2 WHERE status = ?1"
    " AND is_open <> ?2";

/* complaint.is_open from the status, for every status casedef.h knows. */
static int
migrate_open_flag(struct store *st)
{
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; case_statuses[i] != NULL; i++) {
		s = store_prepare(st, SQL_OPEN_FLAG);
		store_bind_text(s, 1, case_statuses[i]);
		sqlite3_bind_int(s, 2, case_status_open(case_statuses[i]));
		if (store_exec_stmt(st, s, "marking the open cases") == -1) {
			return -1;
		}
	}
	return 0;
}

/* The 12 steps' check: no row points to one that is not there. */
static int
migrate_check_keys(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s,
	    NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
	}
	if (rc == SQLITE_ROW) {
		st->errkind = STORE_E_CONSTRAINT;
		snprintf(st->errmsg, sizeof st->errmsg, "migrating the schema: "
		    "a row of %s refers to a missing row of %s",
		    sqlite3_column_text(s, 0), sqlite3_column_text(s, 2));
		log_warnx("database: %s", st->errmsg);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc,
	    "checking foreign keys");
}

/* Migration i (to version i + 1) in its own transaction. */
static int
migrate_one(struct store *st, size_t i)
{
	const struct migration *m = &migrations[i];
	char bump[64];

	snprintf(bump, sizeof bump, "PRAGMA user_version = %zu", i + 1);
	if (store_exec_sql(st, "BEGIN IMMEDIATE", "migration") == -1) {
		return -1;
	}
	/* another process may have migrated while we waited */
	if (store_schema_version(st) > (int)i) {
		store_exec_sql(st, "ROLLBACK", "migration");
		return 0;
	}
	if (store_exec_sql(st, m->sql, "migrating the schema") == -1 ||
	    (m->step != NULL && m->step(st) == -1) ||
	    migrate_check_keys(st) == -1 ||
	    store_exec_sql(st, bump, "migration") == -1 ||
	    store_exec_sql(st, "COMMIT", "migration") == -1) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	log_info("database: schema migrated to version %zu", i + 1);
	return 0;
}

int
store_migrate(struct store *st, int upto)
{
	int v = store_schema_version(st), rc = 0;
	size_t i, n = upto > 0 && (size_t)upto < NMIGRATIONS ? (size_t)upto :
	    NMIGRATIONS;

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
	if ((size_t)v >= n) {
		return 0;
	}
	/* not inside a transaction: there the pragma does nothing */
	if (store_exec_sql(st, "PRAGMA foreign_keys = OFF", "migration")
	    == -1) {
		return -1;
	}
	for (i = (size_t)v; i < n && rc == 0; i++) {
		rc = migrate_one(st, i);
	}
	if (store_exec_sql(st, "PRAGMA foreign_keys = ON", "migration")
	    == -1) {
		rc = -1;
	}
	return rc;
}
