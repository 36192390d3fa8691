/*
 * test_store.c — the SQLite store against a real database file: schema,
 * references, dedupe, one-transaction recording, lookups, locking, and
 * the migrations from a database an older version left.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "log.h"
#include "buf.h"
#include "store.h"
#include "t.h"

static char dir[] = "/tmp/test_store.XXXXXX";
static char path[256];

/* 2026-03-10 12:00 and 2027-01-05 12:00 in UTC (TZ=UTC below) */
#define T2026	((time_t)1773144000)
#define T2027	((time_t)1799150400)

static int64_t
add_case(struct store *st, time_t when, const char *email, const char *tok,
    char *ref)
{
	struct store_case_new cn;
	int64_t party, id = 0;

	memset(&cn, 0, sizeof cn);
	cn.ref_format = "KEL-{year}-{seq:6}";
	cn.received = when;
	cn.channel = "email";
	cn.source = "ingest";
	cn.category = "akademik";
	cn.language = "id";
	cn.subject = "Nilai rapor";
	cn.summary = "Nilai rapor anak saya salah";
	cn.token = tok;
	if (store_party_get(st, email, NULL, "Budi", &party) == -1) {
		return -1;
	}
	cn.party_id = party;
	if (store_case_add(st, &cn, &id, ref, 64) == -1) {
		return -1;
	}
	return id;
}

static int64_t
add_message(struct store *st, int64_t case_id, const char *msgid,
    const char *hash)
{
	struct store_message_new m;
	struct store_attachment_new a = { "foto.jpg", "image/jpeg", 3, "abc",
	    "\377\330\377" };
	int64_t id = 0;

	memset(&m, 0, sizeof m);
	m.case_id = case_id;
	m.channel = "email";
	m.source = "ingest";
	m.kind = "complaint";
	m.external_id = msgid;
	m.content_hash = hash;
	m.sender = "budi@example.org";
	m.subject = "Nilai rapor";
	m.received = time(NULL);
	m.body = "teks";
	m.full_body = "teks\n> kutipan";
	m.raw = "raw bytes";
	m.rawlen = 9;
	m.att = &a;
	m.natt = 1;
	return store_message_add(st, &m, &id) == -1 ? -1 : id;
}

static int
count_events(void *arg, const struct store_event_row *e)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

static int
check_case_row(void *arg, const struct store_case_row *r)
{
	int *ok = arg;

	/* the first response is the clock's to record, not the status's */
	*ok = strcmp(r->status, "resolved") == 0 && r->resolved_at != 0 &&
	    r->first_response_at == 0 && r->acknowledged_at == 0 &&
	    r->officers != NULL && strcmp(r->officers, "a,b") == 0 &&
	    r->party_email != NULL &&
	    strcmp(r->party_email, "budi@example.org") == 0;
	return 0;
}

static int
grab_quarantine(void *arg, const struct store_quarantine_row *r)
{
	int *ok = arg;

	*ok = r->size == 5 && r->raw != NULL && memcmp(r->raw, "\0bad\n", 5)
	    == 0 && strcmp(r->status, "held") == 0;
	return 0;
}

static void
test_schema_and_refs(struct store *st)
{
	char ref[64];
	int64_t id1, id2, id3, id4;

	T_INT(store_schema_version(st), STORE_SCHEMA_VERSION,
	    "new database migrated to the current schema");
	T_INT(store_begin(st), 0, "begin");
	id1 = add_case(st, T2026, "budi@example.org", "tok1", ref);
	T_STR(ref, "KEL-2026-000001", "first reference of 2026");
	id2 = add_case(st, T2026, "BUDI@example.org", "tok2", ref);
	T_STR(ref, "KEL-2026-000002", "second reference of 2026");
	id3 = add_case(st, T2027, "siti@example.org", "tok3", ref);
	T_STR(ref, "KEL-2027-000001", "the sequence restarts each year");
	T_INT(store_commit(st), 0, "commit");
	T_OK(id1 > 0 && id2 > id1 && id3 > id2, "case ids");

	/* a rolled-back case must not make its number reusable either way,
	 * but a committed number is never handed out again */
	store_begin(st);
	id4 = add_case(st, T2026, "x@example.org", "tok4", ref);
	T_STR(ref, "KEL-2026-000003", "numbering continues");
	store_rollback(st);
	store_begin(st);
	add_case(st, T2026, "y@example.org", "tok5", ref);
	store_commit(st);
	T_STR(ref, "KEL-2026-000003", "a rolled-back number was never used");
	(void)id4;
}

static void
test_party(struct store *st)
{
	int64_t p1, p2, p3;

	store_begin(st);
	T_INT(store_party_get(st, "Budi@Example.org", NULL, NULL, &p1), 0,
	    "party lookup by email");
	T_INT(store_party_get(st, "budi@example.org", "+628123456789", NULL,
	    &p2), 0, "party gains a phone");
	T_OK(p1 == p2, "email compares case-insensitively");
	T_INT(store_party_get(st, NULL, "+628123456789", NULL, &p3), 0,
	    "party lookup by phone");
	T_OK(p3 == p1, "the same party known by number and address");
	store_commit(st);
}

static void
test_messages(struct store *st)
{
	struct case_brief c;
	int64_t m1, m2, seen = 0, oid, cid;
	struct store_outbox_new o;
	char officer[64];
	int n = 0, ok = 0;

	store_begin(st);
	m1 = add_message(st, 1, "m1@example.org", "h1");
	T_OK(m1 > 0, "message with attachment recorded");
	T_INT(store_message_seen(st, "m1@example.org", "zz", &seen), 1,
	    "the same Message-ID is seen");
	T_INT(seen, m1, "... as that message");
	T_INT(add_message(st, 1, "m1@example.org", "other"), -1,
	    "a second message with the same Message-ID is refused");
	T_INT(store_errkind(st), STORE_E_CONSTRAINT, "... as a constraint");
	m2 = add_message(st, 0, NULL, "h2");
	T_OK(m2 > 0, "message without Message-ID recorded unfiled");
	T_INT(store_message_seen(st, NULL, "h2", &seen), 1,
	    "content hash finds a message without Message-ID");
	T_INT(store_message_seen(st, NULL, "h1", &seen), 0,
	    "hash of a message that has a Message-ID is not used");
	{
		char h[65], from[64];
		int64_t mid = 0;

		T_INT(store_message_by_extid(st, "m1@example.org", &mid, h,
		    sizeof h, from, sizeof from), 1,
		    "a message by its Message-ID");
		T_OK(mid == m1 && strcmp(h, "h1") == 0 &&
		    strcmp(from, "budi@example.org") == 0,
		    "... with its content hash and sender");
		T_INT(add_message(st, 1, "legacy@example.org", NULL) > 0, 1,
		    "a message kept without a content hash");
		T_INT(store_message_by_extid(st, "legacy@example.org", &mid, h,
		    sizeof h, from, sizeof from), 1, "... is found");
		T_STR(h, "", "... its hash is \"\"");
		T_INT(store_message_by_extid(st, "none@example.org", &mid, h,
		    sizeof h, from, sizeof from), 0, "an unknown Message-ID");
	}
	T_INT(store_case_by_msgid(st, "m1@example.org", &c), 1,
	    "case found by a received Message-ID");
	T_STR(c.reference, "KEL-2026-000001", "... the right one");
	T_STR(c.first_msgid, "m1@example.org", "first message remembered");
	T_STR(c.email, "budi@example.org", "complainant address in brief");

	memset(&o, 0, sizeof o);
	o.case_id = 2;
	o.channel = "email";
	o.kind = "notify";
	o.recipient = "wakasek@example.org";
	o.officer = "wks";
	o.body = "x";
	o.rfc_message_id = "KEL-2026-000002.notify.abc@example.org";
	T_INT(store_outbox_add(st, &o, &oid), 0, "outbox row queued");
	T_INT(store_outbox_by_msgid(st, o.rfc_message_id, &oid, &cid, officer,
	    sizeof officer), 1, "outbox row found by our Message-ID");
	T_INT(cid, 2, "... with its case");
	T_STR(officer, "wks", "... and its officer");
	T_INT(store_case_by_msgid(st, o.rfc_message_id, &c), 1,
	    "case found by a sent Message-ID");
	T_STR(c.reference, "KEL-2026-000002", "... the right one");

	o.automatic = 1;
	o.recipient = "budi@example.org";
	o.rfc_message_id = NULL;
	store_outbox_add(st, &o, NULL);
	store_outbox_add(st, &o, NULL);
	o.status = "suppressed";
	store_outbox_add(st, &o, NULL);
	T_INT(store_outbox_count_auto(st, "budi@example.org", time(NULL) -
	    60, 10, &n), 0, "count automatic replies");
	T_INT(n, 2, "suppressed rows do not count");
	o.status = NULL;
	o.recipient = "Budi+x@example.org";
	store_outbox_add(st, &o, NULL);
	store_outbox_count_auto(st, "budi+x@example.org", time(NULL) - 60, 10,
	    &n);
	T_INT(n, 1, "without a key the recipient lower-cased is the key");
	store_outbox_count_auto(st, NULL, time(NULL) - 60, 10, &n);
	T_INT(n, 3, "everyone's automatic replies");
	store_outbox_count_auto(st, NULL, time(NULL) - 60, 2, &n);
	T_INT(n, 2, "... counted no further than asked");
	o.recipient = "budi@example.org";

	store_event_add(st, 1, "complainant", "created", "x");
	store_event_add(st, 1, "system", "note", "y");
	n = 0;
	store_event_list(st, 1, count_events, &n);
	T_INT(n, 2, "events listed per case");

	store_case_assign(st, 1, "a");
	store_case_assign(st, 1, "b");
	store_case_assign(st, 1, "a");
	store_case_set_status(st, 1, CASE_RESOLVED, time(NULL));
	store_commit(st);
	T_INT(store_case_get(st, "KEL-2026-000001", check_case_row, &ok), 1,
	    "case read back");
	T_OK(ok, "status, timestamps, officers and party as written");
	T_INT(store_case_awaiting_feedback(st, "budi@example.org", &c), 1,
	    "resolved case awaits the complainant's feedback");
	T_INT(store_case_awaiting_feedback(st, "+628123456789", &c), 1,
	    "... also found by their number");
}

static void
test_quarantine(struct store *st)
{
	int64_t q;
	int ok = 0;

	store_begin(st);
	T_INT(store_quarantine_add(st, "imap:x", "17", "broken", "\0bad\n", 5,
	    &q), 0, "quarantine keeps raw bytes");
	store_commit(st);
	T_INT(store_quarantine_get(st, q, grab_quarantine, &ok), 1,
	    "quarantined message read back");
	T_OK(ok, "raw bytes (with NUL) kept exactly");
	T_INT(store_quarantine_set_status(st, q, "reprocessed", 1), 0,
	    "quarantine status updated");
}

static void
test_locking(struct store *st)
{
	struct store *other = NULL;

	T_INT(store_open(path, 100, &other), 0, "second handle opens");
	T_INT(store_begin(st), 0, "first writer takes the lock");
	T_INT(store_begin(other), -1, "second writer cannot");
	T_INT(store_errkind(other), STORE_E_BUSY, "... and is told it is busy");
	store_rollback(st);
	T_INT(store_begin(other), 0, "after release the second one can");
	store_rollback(other);
	store_close(other);
}

struct paged {
	int	n;
	int	ordered;
	time_t	at;
	int64_t	id;
	int	pauses;
};

static int
page_case(void *arg, const struct store_case_row *r)
{
	struct paged *p = arg;

	if (p->n > 0 && (r->received_at > p->at || (r->received_at == p->at &&
	    r->id >= p->id))) {
		p->ordered = 0;
	}
	p->at = r->received_at;
	p->id = r->id;
	p->n++;
	return 0;
}

/* By deadline: soonest first, ties by id. */
static int
page_due(void *arg, const struct store_case_row *r)
{
	struct paged *p = arg;

	if (p->n > 0 && (r->due_at < p->at || (r->due_at == p->at &&
	    r->id <= p->id))) {
		p->ordered = 0;
	}
	p->at = r->due_at;
	p->id = r->id;
	p->n++;
	return 0;
}

static int
page_message(void *arg, const struct store_message_row *m)
{
	struct paged *p = arg;

	if (p->n > 0 && m->id <= p->id) {
		p->ordered = 0;
	}
	p->id = m->id;
	p->n++;
	return 0;
}

static void
page_pause(void *arg)
{
	((struct paged *)arg)->pauses++;
}

/* Long listings come in pages, each its own read transaction. */
static void
test_pages(struct store *st)
{
	struct store_case_filter f;
	struct store_case_new cn;
	struct store_clock k;
	struct paged p;
	char ref[64], id[64];
	int64_t party, cid;
	int i;

	store_begin(st);
	store_party_get(st, "pages@example.org", NULL, NULL, &party);
	memset(&cn, 0, sizeof cn);
	cn.ref_format = "KEL-{year}-{seq:6}";
	cn.channel = cn.source = "ingest";
	cn.category = "paged";
	cn.language = "id";
	cn.party_id = party;
	memset(&k, 0, sizeof k);
	for (i = 0; i < 600; i++) {
		snprintf(id, sizeof id, "page-%d", i);
		cn.token = id;
		cn.received = T2026 + i / 3;	/* three per second */
		store_case_add(st, &cn, &cid, ref, sizeof ref);
		/* deadlines the other way round, also three at a time */
		k.case_id = cid;
		k.due_at = T2026 + 1000 - i / 3;
		store_case_clock_set(st, &k);
		snprintf(id, sizeof id, "page-%d@example.org", i);
		if (i < 300) {
			add_message(st, 0, id, NULL);
		}
	}
	T_INT(store_commit(st), 0, "600 cases and 300 unfiled messages added");
	memset(&f, 0, sizeof f);
	f.category = "paged";
	memset(&p, 0, sizeof p);
	p.ordered = 1;
	store_set_pause(st, page_pause, &p);
	T_INT(store_case_list(st, &f, page_case, &p), 0, "cases listed");
	T_INT(p.n, 600, "... all 600, across pages of 256");
	T_OK(p.ordered, "... newest first, each once (ties on the time by id)");
	T_INT(p.pauses, 2, "... with a pause after each full page");
	memset(&p, 0, sizeof p);
	p.ordered = 1;
	f.limit = 300;
	store_case_list(st, &f, page_case, &p);
	T_OK(p.n == 300 && p.ordered && p.pauses == 1, "a limit of 300: "
	    "300 cases, one pause");
	memset(&p, 0, sizeof p);
	p.ordered = 1;
	f.limit = 0;
	f.status = "open";
	store_case_list(st, &f, page_case, &p);
	T_OK(p.n == 600 && p.ordered && p.pauses == 2, "the open ones: all "
	    "600, newest first, across pages");
	memset(&p, 0, sizeof p);
	p.ordered = 1;
	f.status = NULL;
	f.due_before = T2026 + 2000;
	store_case_list(st, &f, page_due, &p);
	T_OK(p.n == 600 && p.ordered && p.pauses == 2, "by deadline: all "
	    "600, soonest first, each once, across pages");
	memset(&p, 0, sizeof p);
	p.ordered = 1;
	T_INT(store_message_list(st, 0, 0, page_message, &p), 0,
	    "unfiled messages listed");
	T_OK(p.n >= 300 && p.ordered && p.pauses >= 1, "... every one, in "
	    "order, across pages");
	store_set_pause(st, NULL, NULL);
}

/* ---- migrations ---- */

/* What version 2 held: a case in every status it knew, the rows that
 * point at cases and parties, a counter in use. */
static const char V2_ROWS[] =
    "INSERT INTO party (id, name, email, phone, created_at) VALUES"
    " (1, 'Budi', 'budi@example.org', NULL, 1),"
    " (2, NULL, NULL, '+628123456789', 1);"
    "INSERT INTO counter (name, value) VALUES ('ref:2026', 7);"
    "INSERT INTO complaint (id, reference, token, channel, source, status,"
    " category, party_id, language, received_at, updated_at) VALUES"
    " (1, 'KEL-2026-000001', 't1', 'email', 'ingest', 'new', 'umum', 1,"
    "  'id', 1773144001, 1),"
    " (2, 'KEL-2026-000002', 't2', 'email', 'ingest', 'acknowledged',"
    "  'umum', 1, 'id', 1773144002, 1),"
    " (3, 'KEL-2026-000003', 't3', 'sms', 'modem:a', 'in_progress',"
    "  'umum', 2, 'id', 1773144003, 1),"
    " (4, 'KEL-2026-000004', 't4', 'email', 'ingest', 'resolved',"
    "  'umum', 1, 'id', 1773144004, 1),"
    " (5, 'KEL-2026-000005', 't5', 'email', 'ingest', 'closed',"
    "  'umum', 1, 'id', 1773144005, 1),"
    " (6, 'KEL-2026-000006', 't6', 'sms', 'modem:a', 'reopened',"
    "  'umum', 2, 'id', 1773144006, 1),"
    " (7, 'KEL-2026-000007', 't7', 'email', 'ingest', 'rejected',"
    "  'umum', 1, 'id', 1773144007, 1);"
    "INSERT INTO assignment VALUES (3, 'wks', 1), (3, 'kepsek', 2);"
    "INSERT INTO message (id, complaint_id, channel, source, kind,"
    " external_id, received_at) VALUES (1, 4, 'email', 'ingest',"
    " 'complaint', 'm4@example.org', 1);"
    "INSERT INTO outbox (id, complaint_id, message_id, channel, kind,"
    " recipient, body, rfc_message_id, next_attempt_at, created_at)"
    " VALUES (1, 6, NULL, 'email', 'ack', 'budi@example.org', 'x',"
    " 'KEL-2026-000006.ack.x@example.org', 1, 1);"
    "INSERT INTO event (complaint_id, at, actor, kind) VALUES"
    " (4, 1, 'system', 'resolved');";

static int
count_cases(void *arg, const struct store_case_row *r)
{
	int *n = arg;

	(void)r;
	(*n)++;
	return 0;
}

static int
grab_case(void *arg, const struct store_case_row *r)
{
	char *out = arg;

	snprintf(out, 200, "%s %s %s %s", r->status, r->officers ?
	    r->officers : "-", r->party_email ? r->party_email : "-",
	    r->party_phone ? r->party_phone : "-");
	return 0;
}

/* SQL statements run on the file itself, beside the store: SQLITE_OK. */
static int
raw_exec(const char *file, const char *sql)
{
	sqlite3 *db = NULL;
	int rc;

	rc = sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	sqlite3_close(db);
	return rc;
}

/* One query on the file itself: the number of rows it gives, or -1. */
static int
raw_rows(const char *file, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int n = -1, rc;

	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &s, NULL) ==
	    SQLITE_OK) {
		n = 0;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			n++;
		}
		if (rc != SQLITE_DONE) {
			n = -1;
		}
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

static int
grab_outbox(void *arg, const struct store_outbox_row *r)
{
	snprintf(arg, 200, "%s %s", r->rfc_message_id ? r->rfc_message_id :
	    "-", r->reply_to ? r->reply_to : "-");
	return 0;
}

static int
open_cases(struct store *st)
{
	struct store_stats ss;

	memset(&ss, 0, sizeof ss);
	return store_stats(st, 0, &ss) == -1 ? -1 : ss.open_cases;
}

static int
listed(struct store *st, const char *status)
{
	struct store_case_filter f;
	int n = 0;

	memset(&f, 0, sizeof f);
	f.status = status;
	return store_case_list(st, &f, count_cases, &n) == -1 ? -1 : n;
}

/* ---- the tally (counts kept by triggers, store_schema.c 14) ---- */

/* Rows where the tally and count(*) differ, both ways (0: they agree). */
static const char SQL_TALLY_DIFF[] =
    "WITH c(what, channel, status, n) AS ("
    " SELECT 'outbox', channel, status, count(*) FROM outbox"
    "  GROUP BY channel, status"
    " UNION ALL SELECT 'quarantine', '', status, count(*) FROM quarantine"
    "  GROUP BY status"
    " UNION ALL SELECT 'complaint', '', 'open', count(*) FROM complaint"
    "  WHERE is_open = 1),"
    " t AS (SELECT what, channel, status, n FROM tally"
    "  WHERE n > 0 OR what = 'complaint')"
    " SELECT * FROM (SELECT * FROM c EXCEPT SELECT * FROM t)"
    " UNION ALL SELECT * FROM (SELECT * FROM t EXCEPT SELECT * FROM c)";

static int
tally_row(void *arg, const char *channel, const char *status, int n)
{
	char *out = arg;

	snprintf(out + strlen(out), 200 - strlen(out), "%s%s/%s=%d",
	    *out ? " " : "", channel, status, n);
	return 0;
}

/* Whatever statement adds, moves or finishes rows, the counts that
 * status and the supervisor read agree with count(*). */
static void
test_tally(struct store *st)
{
	struct store_outbox_new o;
	struct store_stats ss;
	int64_t oid, q, id;
	char ref[64], out[200] = "";

	T_INT(raw_rows(path, SQL_TALLY_DIFF), 0, "tally agrees with the "
	    "tables after the other tests");
	memset(&o, 0, sizeof o);
	o.channel = "sms";
	o.kind = "ack";
	o.recipient = "+6281234567001";
	o.body = "x";
	store_begin(st);
	T_INT(store_outbox_add(st, &o, &oid), 0, "an SMS queued");
	store_outbox_finish(st, oid, "failed", "no network", 0);
	store_outbox_add(st, &o, &oid);
	store_outbox_finish(st, oid, "sent", NULL, 0);
	store_quarantine_add(st, "modem:x", "1", "corrupt", "ab", 2, &q);
	store_quarantine_set_status(st, q, "discarded", 1);
	id = add_case(st, T2026, "tally@example.org", "tally-tok", ref);
	store_case_set_status(st, id, CASE_CLOSED, T2026 + 60);
	store_commit(st);
	T_INT(raw_rows(path, SQL_TALLY_DIFF), 0, "... and after rows were "
	    "added and their status changed");
	T_INT(raw_exec(path, "DELETE FROM outbox WHERE id = (SELECT max(id) "
	    "FROM outbox); DELETE FROM quarantine WHERE status = 'held'"),
	    SQLITE_OK, "rows deleted beside the store");
	T_INT(raw_rows(path, SQL_TALLY_DIFF), 0, "... and after that");
	T_INT(store_outbox_counts(st, tally_row, out), 0, "outbox counts");
	T_CONTAINS(out, "sms/failed=1", "... from the tally");
	memset(&ss, 0, sizeof ss);
	T_INT(store_stats(st, 0, &ss), 0, "status counts");
	T_INT(ss.open_cases, listed(st, "open"), "... open cases as listed");
	T_INT(ss.quarantine_held, raw_rows(path, "SELECT 1 FROM quarantine "
	    "WHERE status = 'held'"), "... quarantine held as counted");
}

static int
grab_body(void *arg, const struct store_outbox_row *r)
{
	struct buf *b = arg;

	buf_adds(b, r->body != NULL ? r->body : "(null)");
	buf_adds(b, "|");
	buf_adds(b, r->body_html != NULL ? r->body_html : "(null)");
	return 0;
}

/* A sent mail's text is packed, and read back as it was, by every
 * statement that reads rows; a short one and an unsent one stay. */
static void
test_packed(struct store *st)
{
	struct store_outbox_new o;
	struct buf body, want, got;
	int64_t oid, sid;
	int i;

	buf_init(&body);
	buf_init(&want);
	buf_init(&got);
	for (i = 0; i < 200; i++) {
		buf_printf(&body, "Baris %d: kursi patah di kelas X, \"ga\" "
		    "bisa dipakai \xe2\x80\x94 mohon diganti.\n", i);
	}
	memset(&o, 0, sizeof o);
	o.channel = "email";
	o.kind = "notify";
	o.recipient = "wks@example.org";
	o.body = body.data;
	o.body_html = "<p>kursi</p>";
	o.rfc_message_id = "packed.1@example.org";
	store_begin(st);
	store_outbox_add(st, &o, &oid);
	o.body = "pendek";
	o.body_html = NULL;
	o.rfc_message_id = "packed.2@example.org";
	store_outbox_add(st, &o, &sid);
	store_outbox_finish(st, oid, "sent", NULL, 0);
	store_outbox_finish(st, sid, "sent", NULL, 0);
	store_commit(st);
	T_INT(store_outbox_pack_sent(st, time(NULL) - 3600, 100, &i), 0,
	    "nothing sent an hour ago");
	T_INT(i, 0, "... so nothing packed");
	T_INT(raw_rows(path, "SELECT 1 FROM outbox WHERE length(body) > 5000 "
	    "AND body_z IS NULL AND status = 'sent'"), 1, "... the text as "
	    "it is");
	T_INT(store_outbox_pack_sent(st, time(NULL) + 1, 100, &i), 0,
	    "packing what was sent before now");
	T_INT(i, 1, "... the long one");
	store_outbox_pack_sent(st, time(NULL) + 1, 100, &i);
	T_INT(i, 0, "... once");
	buf_printf(&want, "%s|<p>kursi</p>", body.data);
	T_INT(store_outbox_get(st, oid, grab_body, &got), 1, "a sent mail");
	T_STR(got.data, want.data, "... its text and html read back as sent");
	T_INT(raw_rows(path, "SELECT 1 FROM outbox WHERE body = '' AND "
	    "body_html IS NULL AND length(body_z) < 2000 AND id = (SELECT "
	    "max(id) - 1 FROM outbox)"), 1, "... kept packed, a fraction of "
	    "its size");
	buf_reset(&got);
	store_outbox_get(st, sid, grab_body, &got);
	T_STR(got.data, "pendek|(null)", "a short one read back");
	T_INT(raw_rows(path, "SELECT 1 FROM outbox WHERE body = 'pendek' "
	    "AND body_z IS NULL"), 1, "... kept as it is");
	buf_free(&body);
	buf_free(&want);
	buf_free(&got);
}

/* ---- the procedure clock ---- */

static int
count_fired(void *arg, const char *kind, int64_t seq)
{
	char *out = arg;

	snprintf(out + strlen(out), 200 - strlen(out), "%s%s:%lld",
	    *out ? " " : "", kind, (long long)seq);
	return 0;
}

static int
grab_due(void *arg, const struct store_case_row *r)
{
	char *out = arg;

	snprintf(out + strlen(out), 200 - strlen(out), "%s%s", *out ? " " :
	    "", r->reference);
	return 0;
}

/* Clock columns round trip; the due query walks the index in order and
 * from a keyset; counts; a timer key fires once. */
static void
test_clock(struct store *st)
{
	struct store_clock k, back;
	struct store_case_filter f;
	int64_t id[3], ids[8];
	time_t ats[8];
	char ref[64], out[200] = "";
	int i, n, open, overdue;

	store_begin(st);
	for (i = 0; i < 3; i++) {
		snprintf(out, sizeof out, "clock-tok-%d", i);
		id[i] = add_case(st, T2026, "clock@example.org", out, ref);
	}
	memset(&k, 0, sizeof k);
	k.round = 2;
	k.started_at = T2026;
	k.response_due_at = T2026 + 100;
	k.resolve_due_at = T2026 + 500;
	k.paused_secs = 7;
	k.level = 1;
	k.level_at = T2026 + 150;
	k.due_at = T2026 + 100;
	k.next_action_at = T2026 + 200;
	snprintf(k.next_action, sizeof k.next_action, "escalate");
	for (i = 0; i < 3; i++) {
		k.case_id = id[i];
		k.next_action_at = T2026 + (i == 1 ? 100 : 200);
		k.due_at = i == 2 ? 0 : T2026 + 100;
		store_case_clock_set(st, &k);
	}
	store_commit(st);
	T_INT(store_case_clock_get(st, id[0], &back), 1, "a clock reads back");
	T_OK(back.round == 2 && back.started_at == T2026 &&
	    back.response_due_at == T2026 + 100 && back.resolve_due_at ==
	    T2026 + 500 && back.paused_secs == 7 && back.level == 1 &&
	    back.level_at == T2026 + 150 && back.first_response_at == 0 &&
	    strcmp(back.next_action, "escalate") == 0 &&
	    strcmp(back.category, "akademik") == 0 &&
	    back.received_at == T2026, "... every column as written");
	T_INT(store_case_clock_due(st, T2026 + 199, 0, 0, ids, ats, 8, &n),
	    0, "due actions listed");
	T_OK(n == 1 && ids[0] == id[1], "... only what is due by now");
	store_case_clock_due(st, T2026 + 200, 0, 0, ids, ats, 2, &n);
	T_OK(n == 2 && ids[0] == id[1] && ids[1] == id[0],
	    "... soonest first, at most max");
	store_case_clock_due(st, T2026 + 200, ats[1], ids[1], ids, ats, 8, &n);
	T_OK(n == 1 && ids[0] == id[2], "... and on from a keyset");
	T_INT(store_case_counts(st, T2026 + 100, &open, &overdue), 0,
	    "open and overdue counted");
	T_INT(overdue, 2, "... overdue: a running deadline passed");
	memset(&f, 0, sizeof f);
	f.due_before = T2026 + 101;
	store_case_list(st, &f, grab_due, out);
	T_INT((int)strlen(out) > 0, 1, "cases listed by deadline");
	out[0] = '\0';
	store_case_scheduled(st, 2, grab_due, out);
	T_OK(strchr(out, ' ') != NULL, "scheduled cases listed, limited");
	store_begin(st);
	T_INT(store_timer_fire(st, "case", id[0], "escalate", 1, T2026,
	    T2026 + 1), 1, "a timer fires");
	T_INT(store_timer_fire(st, "case", id[0], "escalate", 1, T2026,
	    T2026 + 2), 0, "... and never twice");
	store_timer_fire(st, "case", id[0], "remind_resolve", 0, T2026,
	    T2026);
	store_timer_fire(st, "case", id[0], "overdue_resolve", 2, T2026,
	    T2026);
	store_commit(st);
	out[0] = '\0';
	store_timer_fired(st, "case", id[0], 2, "escalate", count_fired, out);
	T_STR(out, "escalate:1 overdue_resolve:2",
	    "keys of this round, and every escalation");
	T_INT(store_clock_config(st, out, sizeof out), 0,
	    "no clock configuration at first");
	store_begin(st);
	store_clock_config_set(st, "abc");
	store_clock_config_set(st, "def");
	store_commit(st);
	T_INT(store_clock_config(st, out, sizeof out), 1,
	    "the clock configuration recorded");
	T_STR(out, "def", "... the last one");
	store_begin(st);
	T_INT(store_case_set_satisfaction(st, id[0], "no_answer"), 0,
	    "satisfaction: no answer");
	T_INT(store_case_set_satisfaction(st, id[0], "meh"), -1,
	    "... another word is refused");
	store_rollback(st);
}

/* What version 3 allows, on a new and on a migrated database: every
 * status of casedef.h, whether open follows it, a party with no address
 * (a note from the suggestion box). */
static void
test_vocabulary(struct store *st, const char *db)
{
	struct store_case_new cn;
	int64_t anon, anon2, case_id;
	int open = open_cases(st);
	char ref[64], what[160];

	store_begin(st);
	snprintf(what, sizeof what, "%s: a party with neither address nor "
	    "number", db);
	T_INT(store_party_get(st, NULL, NULL, "Kotak saran", &anon), 0, what);
	store_party_get(st, "", "", NULL, &anon2);
	snprintf(what, sizeof what, "%s: ... is never found again", db);
	T_OK(anon2 != anon, what);
	memset(&cn, 0, sizeof cn);
	cn.ref_format = "KEL-{year}-{seq:6}";
	cn.received = T2026;
	cn.channel = "staff";
	cn.source = "complaintctl";
	cn.category = "umum";
	cn.language = "id";
	cn.token = "anon-token";
	cn.party_id = anon;
	snprintf(what, sizeof what, "%s: a case for it", db);
	T_INT(store_case_add(st, &cn, &case_id, ref, sizeof ref), 0, what);
	T_INT(store_commit(st), 0, "commit");
	snprintf(what, sizeof what, "%s: a new case is open", db);
	T_INT(open_cases(st), open + 1, what);
	snprintf(what, sizeof what, "%s: waiting is a status", db);
	T_INT(store_case_set_status(st, case_id, CASE_WAITING, T2026), 0,
	    what);
	snprintf(what, sizeof what, "%s: ... and an open one", db);
	T_INT(open_cases(st), open + 1, what);
	T_INT(listed(st, CASE_WAITING), 1, "... listed by its status");
	snprintf(what, sizeof what, "%s: merged is a status", db);
	T_INT(store_case_set_status(st, case_id, CASE_MERGED, T2026), 0,
	    what);
	snprintf(what, sizeof what, "%s: ... and a final one", db);
	T_INT(open_cases(st), open, what);
	T_INT(listed(st, "open"), open, "... not listed as open");
	snprintf(what, sizeof what, "%s: a status casedef does not know is "
	    "refused", db);
	T_INT(store_case_set_status(st, case_id, "frobbed", T2026), -1, what);
	T_INT(store_errkind(st), STORE_E_CONSTRAINT, "... as a constraint");
}

static void
test_migration(void)
{
	struct store *st = NULL;
	struct case_brief c;
	char p[300], aside[310], row[200], ref[64];
	int64_t id;

	snprintf(p, sizeof p, "%s/v2.sqlite", dir);
	T_INT(store_open_version(p, 1000, 2, &st), 0,
	    "a database made by the statements of version 2");
	T_INT(store_schema_version(st), 2, "... is at version 2");
	store_close(st);
	T_INT(raw_exec(p, V2_ROWS), SQLITE_OK,
	    "... and holds cases in every status version 2 knew");
	st = NULL;
	T_INT(store_open(p, 1000, &st), 0, "version 2 opens");
	if (st == NULL) {
		return;
	}
	T_INT(store_schema_version(st), STORE_SCHEMA_VERSION,
	    "... migrated to the current version");
	T_INT(raw_rows(p, "PRAGMA foreign_key_check"), 0,
	    "... every reference between rows intact");
	T_INT(raw_rows(p, "SELECT 1 FROM sqlite_master WHERE type = 'index'"
	    " AND name IN ('complaint_status', 'complaint_received',"
	    " 'complaint_party', 'complaint_open', 'complaint_next_action',"
	    " 'complaint_due')"), 6,
	    "... the indexes of the rebuilt table made again");
	T_INT(raw_rows(p, "SELECT 1 FROM pragma_table_info('message')"
	    " WHERE name = 'sender_raw' UNION ALL SELECT 1 FROM"
	    " pragma_table_info('source_attempt') WHERE name = 'alone'"
	    " UNION ALL SELECT 1 FROM pragma_table_info('source_state')"
	    " WHERE name IN ('last_intake_at', 'last_delay_ms', 'warning')"),
	    5, "... the columns of version 8 added");
	T_INT(raw_rows(p, "SELECT 1 FROM complaint WHERE clock_started_at IS"
	    " NULL AND due_at IS NULL AND next_action_at IS NULL"), 7,
	    "... older cases have no clock yet");
	T_INT(open_cases(st), 4, "new, acknowledged, in progress and "
	    "reopened cases are open");
	T_INT(listed(st, "open"), 4, "... and listed as open");
	T_INT(listed(st, NULL), 7, "no case lost");
	T_INT(store_case_get(st, "KEL-2026-000003", grab_case, row), 1,
	    "a case read back");
	T_STR(row, "in_progress kepsek,wks - +628123456789",
	    "... with its status, officers and party");
	T_INT(store_case_by_msgid(st, "m4@example.org", &c), 1,
	    "messages still belong to their case");
	T_STR(c.reference, "KEL-2026-000004", "... the right one");
	T_INT(store_case_by_msgid(st, "KEL-2026-000006.ack.x@example.org", &c),
	    1, "outbox rows too");
	T_STR(c.reference, "KEL-2026-000006", "... the right one");
	T_INT(store_outbox_get(st, 1, grab_outbox, row), 1,
	    "an outbox row queued before version 4 reads back");
	T_STR(row, "KEL-2026-000006.ack.x@example.org -",
	    "... its Message-ID kept, no Reply-To (the sender adds it)");
	store_begin(st);
	T_INT(add_message(st, 99, "m99@example.org", "h99"), -1,
	    "a message for a case that does not exist is still refused");
	store_rollback(st);
	store_begin(st);
	id = add_case(st, T2026, "budi@example.org", "tok-after", ref);
	store_commit(st);
	T_OK(id > 7, "a case added after the migration");
	T_STR(ref, "KEL-2026-000008", "... numbered after the last one");
	test_vocabulary(st, "migrated database");
	store_close(st);
	unlink(p);
	snprintf(aside, sizeof aside, "%s-wal", p);
	unlink(aside);
	snprintf(aside, sizeof aside, "%s-shm", p);
	unlink(aside);
}

static int
draft_count(void *arg, const struct store_draft *d)
{
	(void)d;
	(*(int *)arg)++;
	return 0;
}

static int
draft_version_by(void *arg, const struct store_draft_version *v)
{
	char *out = arg;

	snprintf(out + strlen(out), 128 - strlen(out), "%d:%s;", v->version,
	    v->written_by);
	return 0;
}

/* Drafts: every version kept; one pending found; decided once. */
static void
test_drafts(struct store *st)
{
	struct store_draft d;
	char ref[64], by[128] = "";
	int64_t cid, id = 0, id2 = 0;
	int v = 0, n = 0;

	cid = add_case(st, T2026, "draft@example.id", "tokdraft", ref);
	T_OK(cid > 0, "a case for drafts");
	T_INT(store_draft_pending(st, cid, &d), 0, "no draft waits yet");
	T_INT(store_draft_add(st, cid, "resolve", "officer:a", 0,
	    "Jawaban pertama", T2026, &id), 0, "a draft");
	T_INT(store_draft_version_add(st, id, "Jawaban diperbaiki",
	    "officer:b", T2026 + 60, &v), 0, "an approver's edit");
	T_INT(v, 2, "... is version 2");
	T_INT(store_draft_pending(st, cid, &d), 1, "the pending draft found");
	T_STR(d.text, "Jawaban diperbaiki", "... with its latest text");
	T_INT(d.version, 2, "... its version");
	T_STR(d.version_by, "officer:b", "... and who wrote it");
	T_STR(d.reference, ref, "... and its case's reference");
	free(d.text);
	T_INT(store_draft_decide(st, id, "approved", "officer:b", NULL,
	    T2026 + 120), 0, "approved");
	T_INT(store_draft_decide(st, id, "returned", "officer:c", "x",
	    T2026 + 180), 0, "a second decision...");
	T_INT(store_draft_get(st, id, &d), 1, "...");
	T_STR(d.status, "approved", "... changes nothing: decided once");
	T_STR(d.decided_by, "officer:b", "... by whom");
	free(d.text);
	T_INT(store_draft_pending(st, cid, &d), 0, "nothing waits now");
	T_INT(store_draft_versions(st, id, draft_version_by, by), 0,
	    "the versions");
	T_STR(by, "1:officer:a;2:officer:b;", "... every one kept, in order");
	store_draft_add(st, cid, "reject", "officer:a", 0, "Bukan urusan "
	    "kami", T2026 + 200, &id2);
	store_draft_list(st, 0, 1, draft_count, &n);
	T_INT(n, 1, "the pending drafts of every case");
	n = 0;
	store_draft_list(st, cid, 0, draft_count, &n);
	T_INT(n, 2, "a case's drafts, decided ones too");
	T_INT(store_draft_get(st, 999999, &d), 0, "no such draft");
}

int
main(void)
{
	struct store *st = NULL;

	setenv("TZ", "UTC", 1);
	tzset();
	log_init(0, "test_store");
	if (mkdtemp(dir) == NULL) {
		return 1;
	}
	snprintf(path, sizeof path, "%s/db.sqlite", dir);
	T_INT(store_open(path, 1000, &st), 0, "database created");
	test_schema_and_refs(st);
	test_party(st);
	test_messages(st);
	test_quarantine(st);
	test_locking(st);
	test_vocabulary(st, "new database");
	test_clock(st);
	test_pages(st);
	test_drafts(st);
	test_tally(st);
	test_packed(st);
	store_close(st);
	st = NULL;
	T_INT(store_open(path, 1000, &st), 0, "existing database reopens");
	T_INT(store_schema_version(st), STORE_SCHEMA_VERSION,
	    "no migration runs twice");
	store_close(st);
	unlink(path);
	{
		char p2[300];

		snprintf(p2, sizeof p2, "%s-wal", path);
		unlink(p2);
		snprintf(p2, sizeof p2, "%s-shm", path);
		unlink(p2);
	}
	test_migration();
	rmdir(dir);
	return t_done();
}
