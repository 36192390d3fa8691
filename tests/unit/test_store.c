/*
 * test_store.c — the SQLite store against a real database file: schema,
 * references, dedupe, one-transaction recording, lookups, locking.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
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

	*ok = strcmp(r->status, "resolved") == 0 && r->resolved_at != 0 &&
	    r->first_response_at != 0 && r->acknowledged_at == 0 &&
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
	    60, &n), 0, "count automatic replies");
	T_INT(n, 2, "suppressed rows do not count");

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
	for (i = 0; i < 600; i++) {
		snprintf(id, sizeof id, "page-%d", i);
		cn.token = id;
		cn.received = T2026 + i / 3;	/* three per second */
		store_case_add(st, &cn, &cid, ref, sizeof ref);
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
	T_INT(store_message_list(st, 0, 0, page_message, &p), 0,
	    "unfiled messages listed");
	T_OK(p.n >= 300 && p.ordered && p.pauses >= 1, "... every one, in "
	    "order, across pages");
	store_set_pause(st, NULL, NULL);
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
	test_pages(st);
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
	rmdir(dir);
	return t_done();
}
