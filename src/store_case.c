/*
 * store_case.c — cases and their parties: the complainant (party), the
 * case (complaint) with its reference numbering (counter) and officers
 * (assignment); the lookups intake makes, the listings complaintctl
 * shows, and the counts of `complaintctl status`.
 *
 * References come from a counter per year (or one for all time), taken
 * in the transaction that adds the case, so a number is handed out once
 * and a rolled-back case gives its number back unused.
 *
 * Statuses are casedef.h's: a status it does not know is refused here
 * (the schema no longer lists them), and complaint.is_open is written
 * with every status, from case_status_open(), so the open cases are one
 * indexed condition and the list of open statuses is casedef.c's alone
 * (see store_schema.c).
 *
 * The procedure clock's columns of a case (sla.h) are read and written
 * together (store_case_clock_get/set), by casework, which alone decides
 * them; the first response among them.  Two of them are derived for the
 * queries: due_at, the deadline running now (NULL unless the clock
 * runs), and next_action_at; each has a partial index holding only the
 * cases where it is set, so "what is due", "overdue" and "due before"
 * read ranges of small indexes however many closed cases there are.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "ref.h"
#include "rnd.h"
#include "store_priv.h"

#define CASE_BRIEF_COLS							\
	"c.id, c.reference, c.status, c.token, c.channel, c.category,"	\
	" c.language, c.party_id, p.email, p.phone, p.name, c.subject,"	\
	" (SELECT m.external_id FROM message m WHERE m.complaint_id = c.id" \
	"  ORDER BY m.id LIMIT 1), c.summary, c.received_at,"		\
	" coalesce(c.csecret, ''), c.confidential"			\
	" FROM complaint c JOIN party p ON p.id = c.party_id"

#define CASE_ROW_COLS							\
	"c.id, c.reference, c.status, c.channel, c.source, c.category,"	\
	" c.language, c.subject, c.summary,"				\
	" (SELECT group_concat(a.officer, ',') FROM assignment a"	\
	"  WHERE a.complaint_id = c.id),"				\
	" p.name, p.email, p.phone, c.resolution, c.satisfaction,"	\
	" c.escalation_level, c.received_at, c.acknowledged_at,"	\
	" c.first_response_at, c.due_at, c.resolved_at, c.closed_at,"	\
	" c.updated_at, c.response_due_at, c.resolve_due_at, c.paused_at," \
	" c.next_action_at, c.next_action, c.priority, c.confidential,"	\
	" r.reference"							\
	" FROM complaint c JOIN party p ON p.id = c.party_id"		\
	" LEFT JOIN complaint r ON r.id = c.merged_into"

static const char SQL_CASE_BY_ID[] =
    "SELECT " CASE_BRIEF_COLS " WHERE c.id = ?1";

static const char SQL_CASE_BY_REF[] =
    "SELECT " CASE_BRIEF_COLS " WHERE c.reference = ?1";

static const char SQL_CASE_BY_TOKEN[] =
    "SELECT " CASE_BRIEF_COLS " WHERE c.token = ?1";

static const char SQL_CASE_BY_SECRET[] =
    "SELECT " CASE_BRIEF_COLS " WHERE c.csecret = ?1";

static const char SQL_CASE_SECRET_SET[] =
    "UPDATE complaint SET csecret = ?2 WHERE id = ?1";

/* Awaiting their feedback or their answer, newest first; else closed
 * for lack of feedback (late feedback). */
static const char SQL_CASE_AWAITING[] =
    "SELECT c.id FROM complaint c"
    " JOIN party p ON p.id = c.party_id"
    " WHERE (p.email = ?1 OR p.phone = ?1) AND (c.status IN ('resolved',"
    "  'waiting') OR (c.status = 'closed' AND c.satisfaction = 'no_answer'))"
    " ORDER BY c.status = 'closed', c.id DESC LIMIT 1";

static const char SQL_PARTY_BY_EMAIL[] =
    "SELECT id FROM party WHERE email = ?1";

static const char SQL_PARTY_BY_PHONE[] =
    "SELECT id FROM party WHERE phone = ?1";

static const char SQL_PARTY_ADD[] =
    "INSERT INTO party (name, email, phone, created_at)"
    " VALUES (?1, ?2, ?3, ?4)";

static const char SQL_PARTY_FILL[] =
    "UPDATE party SET"
    " name = coalesce(nullif(name, ''), ?2),"
    " email = coalesce(email, ?3),"
    " phone = coalesce(phone, ?4) WHERE id = ?1";

static const char SQL_COUNTER_NEXT[] =
    "INSERT INTO counter (name, value) VALUES (?1, 1)"
    " ON CONFLICT (name) DO UPDATE SET value = value + 1"
    " RETURNING value";

static const char SQL_CASE_ADD[] =
    "INSERT INTO complaint (reference, token, channel,"
    " source, status, category, party_id, language, subject, summary,"
    " received_at, due_at, updated_at, is_open)"
    " VALUES (?1, ?2, ?3, ?4, ?12, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10,"
    " ?13)";

static const char SQL_CASE_ASSIGN[] =
    "INSERT OR IGNORE INTO assignment (complaint_id,"
    " officer, assigned_at) VALUES (?1, ?2, ?3)";

static const char SQL_CASE_STATUS[] =
    "UPDATE complaint SET status = ?2, is_open = ?4, updated_at = ?3,"
    " acknowledged_at = CASE WHEN ?2 = 'acknowledged'"
    "  THEN coalesce(acknowledged_at, ?3) ELSE acknowledged_at END,"
    " resolved_at = CASE WHEN ?2 = 'resolved' THEN ?3"
    "  ELSE resolved_at END,"
    " closed_at = CASE WHEN ?2 IN ('closed', 'rejected') THEN ?3"
    "  WHEN ?2 = 'reopened' THEN NULL ELSE closed_at END"
    " WHERE id = ?1";

static const char SQL_CASE_RESOLUTION[] =
    "UPDATE complaint SET resolution = ?2,"
    " updated_at = ?3 WHERE id = ?1";

static const char SQL_CASE_SATISFACTION[] =
    "UPDATE complaint SET satisfaction = ?2,"
    " reopened = reopened + (?2 = 'dissatisfied'),"
    " updated_at = ?3 WHERE id = ?1";

static const char SQL_CASE_SCORE[] =
    "UPDATE complaint SET feedback_score = ?2, feedback_scale = ?3"
    " WHERE id = ?1";

static const char SQL_CASE_ESCALATE[] =
    "UPDATE complaint SET escalation_level ="
    " escalation_level + 1, updated_at = ?2 WHERE id = ?1"
    " RETURNING escalation_level";

static const char SQL_CASE_TOUCH[] =
    "UPDATE complaint SET updated_at = ?2 WHERE id = ?1";

static const char SQL_CASE_OFFICERS[] =
    "SELECT officer FROM assignment"
    " WHERE complaint_id = ?1 ORDER BY assigned_at, officer";

/* The filters of a listing other than the status (?2 ... ?5); ?7, ?8:
 * received_at and id of the last case of the page before (store_pages),
 * the largest integer on the first page.  The page's bound is a range
 * of the index (received_at <= ?7), not an OR the planner cannot use:
 * with an OR each page re-read the listing from its top, and a listing
 * of 100,000 cases took seconds. */
#define CASE_LIST_REST							\
	" AND (?2 IS NULL OR c.category = ?2)"				\
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM assignment a"	\
	"  WHERE a.complaint_id = c.id AND a.officer = ?3))"		\
	" AND c.received_at >= ?4"					\
	" AND c.received_at <= ?7"					\
	" AND (c.received_at < ?7 OR c.id < ?8)"			\
	" ORDER BY c.received_at DESC, c.id DESC LIMIT ?5"

static const char SQL_CASE_LIST[] =
    "SELECT " CASE_ROW_COLS " WHERE (?1 IS NULL OR c.status = ?1)"
    CASE_LIST_REST;

/* The open cases: complaint_open answers this (newest first) alone. */
static const char SQL_CASE_LIST_OPEN[] =
    "SELECT " CASE_ROW_COLS " WHERE c.is_open = 1" CASE_LIST_REST;

static const char SQL_CASE_GET[] =
    "SELECT " CASE_ROW_COLS " WHERE c.reference = ?1";

/* Cases whose running deadline is before ?6, soonest first: a range of
 * complaint_due; ?7, ?8: due_at and id of the last case of the page
 * before, the smallest integer on the first page. */
static const char SQL_CASE_LIST_DUE[] =
    "SELECT " CASE_ROW_COLS " WHERE c.due_at < ?6"
    " AND (?1 IS NULL OR c.status = ?1 OR (?1 = 'open' AND c.is_open = 1))"
    " AND (?2 IS NULL OR c.category = ?2)"
    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM assignment a"
    "  WHERE a.complaint_id = c.id AND a.officer = ?3))"
    " AND c.received_at >= ?4"
    " AND c.due_at >= ?7 AND (c.due_at > ?7 OR c.id > ?8)"
    " ORDER BY c.due_at, c.id LIMIT ?5";

/* The open cases, from the tally the triggers keep (store_schema.c, 14):
 * counting them read the partial index complaint_open, a tenth of a big
 * database, every five seconds for the supervisor's STATUS line. */
#define SQL_OPEN_TALLY							\
	"(SELECT coalesce(sum(n), 0) FROM tally WHERE what = 'complaint'"	\
	" AND status = 'open')"

static const char SQL_STATS[] =
    "SELECT (SELECT count(*) FROM complaint WHERE received_at >= ?1),"
    " " SQL_OPEN_TALLY;

/* ---- lookups ---- */

static int
store_case_brief_q(struct store *st, const char *sql, const char *key,
    int64_t id, struct case_brief *c)
{
	sqlite3_stmt *s = store_prepare(st, sql);
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
	store_col_copy(s, 15, c->csecret, sizeof c->csecret);
	c->confidential = sqlite3_column_int(s, 16);
	sqlite3_reset(s);
	return 1;
}

int
store_case_by_id(struct store *st, int64_t id, struct case_brief *out)
{
	return store_case_brief_q(st, SQL_CASE_BY_ID, NULL, id, out);
}

int
store_case_by_reference(struct store *st, const char *ref,
    struct case_brief *out)
{
	return store_case_brief_q(st, SQL_CASE_BY_REF, ref, 0, out);
}

int
store_case_by_token(struct store *st, const char *token,
    struct case_brief *out)
{
	return store_case_brief_q(st, SQL_CASE_BY_TOKEN, token, 0, out);
}

int
store_case_by_secret(struct store *st, const char *secret,
    struct case_brief *out)
{
	return store_case_brief_q(st, SQL_CASE_BY_SECRET, secret, 0, out);
}

/* A query for one case id by a text key, then the case itself. */
static int
store_case_via(struct store *st, const char *sql, const char *key,
    struct case_brief *out)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int64_t id;
	int r;

	store_bind_text(s, 1, key);
	r = store_step_int64(st, s, "looking up a case", &id);
	if (r != 1) {
		return r;
	}
	return store_case_by_id(st, id, out);
}

/* A message we received with this Message-ID, else one we sent. */
int
store_case_by_msgid(struct store *st, const char *msgid,
    struct case_brief *out)
{
	char officer[64];
	int64_t outbox_id, id = 0;
	int r;

	r = store_message_case(st, msgid, &id);
	if (r == 0) {
		r = store_outbox_by_msgid(st, msgid, &outbox_id, &id, officer,
		    sizeof officer);
	}
	if (r != 1 || id == 0) {
		return r == -1 ? -1 : 0;
	}
	return store_case_by_id(st, id, out);
}

int
store_case_awaiting_feedback(struct store *st, const char *sender,
    struct case_brief *out)
{
	return store_case_via(st, SQL_CASE_AWAITING, sender, out);
}

/* ---- writes ---- */

static int
store_party_lookup(struct store *st, const char *sql, const char *key,
    int64_t *id)
{
	sqlite3_stmt *s;

	if (key == NULL || *key == '\0') {
		return 0;
	}
	s = store_prepare(st, sql);
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
	r = store_party_lookup(st, SQL_PARTY_BY_EMAIL, email, party_id);
	if (r == 0) {
		r = store_party_lookup(st, SQL_PARTY_BY_PHONE, phone, party_id);
	}
	if (r == -1) {
		return -1;
	}
	if (r == 1) {
		s = store_prepare(st, SQL_PARTY_FILL);
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
	s = store_prepare(st, SQL_PARTY_ADD);
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
	sqlite3_stmt *s = store_prepare(st, SQL_COUNTER_NEXT);

	store_bind_text(s, 1, counter);
	return store_step_int64(st, s, "numbering the case", seq) == 1 ?
	    0 : -1;
}

/* The complainant's secret, unpredictable like the officers' token and
 * never the same as it. */
static int
store_case_secret_new(struct store *st, int64_t case_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_SECRET_SET);
	char secret[RND_TOKEN_LEN];

	rnd_token(secret);
	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, secret);
	return store_exec_stmt(st, s, "giving a case its secret");
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
		snprintf(counter, sizeof counter, "ref:%04d",
		    tm.tm_year + 1900);
	} else {
		snprintf(counter, sizeof counter, "ref");
	}
	if (store_next_seq(st, counter, &seq) == -1) {
		return -1;
	}
	if (ref_format(n->ref_format, tm.tm_year + 1900, seq, ref, reflen)
	    == -1) {
		st->errkind = STORE_E_OTHER;
		log_errx("database: reference format %s cannot number case "
		    "%lld", n->ref_format, (long long)seq);
		return -1;
	}
	s = store_prepare(st, SQL_CASE_ADD);
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
	store_bind_text(s, 12, CASE_NEW);
	sqlite3_bind_int(s, 13, case_status_open(CASE_NEW));
	if (store_exec_stmt(st, s, "adding a case") == -1) {
		return -1;
	}
	*case_id = sqlite3_last_insert_rowid(st->db);
	return store_case_secret_new(st, *case_id);
}

int
store_case_assign(struct store *st, int64_t case_id, const char *officer)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_ASSIGN);

	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, officer);
	sqlite3_bind_int64(s, 3, (int64_t)store_now(st));
	return store_exec_stmt(st, s, "assigning a case");
}

int
store_case_set_status(struct store *st, int64_t case_id, const char *status,
    time_t at)
{
	sqlite3_stmt *s;

	if (!case_status_valid(status)) {
		st->errkind = STORE_E_CONSTRAINT;
		snprintf(st->errmsg, sizeof st->errmsg, "changing a case's "
		    "status: no status \"%.40s\"", status ? status : "");
		log_warnx("database: %s", st->errmsg);
		return -1;
	}
	s = store_prepare(st, SQL_CASE_STATUS);
	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, status);
	sqlite3_bind_int64(s, 3, (int64_t)at);
	sqlite3_bind_int(s, 4, case_status_open(status));
	return store_exec_stmt(st, s, "changing a case's status");
}

static int
store_case_set_text(struct store *st, const char *sql, int64_t case_id,
    const char *v, const char *what)
{
	sqlite3_stmt *s = store_prepare(st, sql);

	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, v);
	sqlite3_bind_int64(s, 3, (int64_t)store_now(st));
	return store_exec_stmt(st, s, what);
}

int
store_case_set_resolution(struct store *st, int64_t case_id,
    const char *text)
{
	return store_case_set_text(st, SQL_CASE_RESOLUTION, case_id, text,
	    "recording a resolution");
}

int
store_case_set_satisfaction(struct store *st, int64_t case_id,
    const char *satisfaction)
{
	return store_case_set_text(st, SQL_CASE_SATISFACTION, case_id,
	    satisfaction, "recording satisfaction");
}

int
store_case_set_score(struct store *st, int64_t case_id, int score,
    int scale)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_SCORE);

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, score);
	sqlite3_bind_int(s, 3, scale);
	return store_exec_stmt(st, s, "recording a score");
}

int
store_case_escalate(struct store *st, int64_t case_id, int *level)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_ESCALATE);
	int64_t v;

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, (int64_t)store_now(st));
	if (store_step_int64(st, s, "escalating a case", &v) != 1) {
		return -1;
	}
	*level = (int)v;
	return 0;
}

int
store_case_touch(struct store *st, int64_t case_id, time_t at)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_TOUCH);

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, (int64_t)at);
	return store_exec_stmt(st, s, "updating a case");
}

int
store_case_officers(struct store *st, int64_t case_id, char *out,
    size_t outlen)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_OFFICERS);
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

/* ---- reading ---- */

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
	sqlite3_reset(s);
	if (store_outbox_pending(st, &out->outbox_queued,
	    &out->outbox_failed) == -1 ||
	    store_quarantine_held(st, &out->quarantine_held) == -1) {
		return -1;
	}
	return 0;
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
	r.response_due_at = (time_t)sqlite3_column_int64(s, 23);
	r.resolve_due_at = (time_t)sqlite3_column_int64(s, 24);
	r.paused_at = (time_t)sqlite3_column_int64(s, 25);
	r.next_action_at = (time_t)sqlite3_column_int64(s, 26);
	r.next_action = store_col_text(s, 27);
	r.priority = sqlite3_column_int(s, 28);
	r.confidential = sqlite3_column_int(s, 29);
	r.merged_into = store_col_text(s, 30);
	return ((store_case_cb)cb)(arg, &r);
}

static int
case_list_open(const struct store_case_filter *f)
{
	return f->status != NULL && strcmp(f->status, "open") == 0;
}

/* A page of a listing: the filter, want rows, after the last case of the
 * page before unless first. */
static void
bind_case(sqlite3_stmt *s, const struct store_page *pg, int want, int first,
    const void *ctx)
{
	const struct store_case_filter *f = ctx;

	if (!case_list_open(f) || f->due_before != 0) {
		store_bind_text(s, 1, f->status);
	}
	if (f->due_before != 0) {
		sqlite3_bind_int64(s, 6, (int64_t)f->due_before);
	}
	store_bind_text(s, 2, f->category);
	store_bind_text(s, 3, f->officer);
	sqlite3_bind_int64(s, 4, (int64_t)f->since);
	sqlite3_bind_int(s, 5, want);
	if (first) {	/* before every case: newest first, or soonest due */
		int64_t edge = f->due_before != 0 ? INT64_MIN : INT64_MAX;

		sqlite3_bind_int64(s, 7, edge);
		sqlite3_bind_int64(s, 8, edge);
	} else {
		sqlite3_bind_int64(s, 7, pg->a);
		sqlite3_bind_int64(s, 8, pg->b);
	}
}

int
store_case_list(struct store *st, const struct store_case_filter *f,
    store_case_cb cb, void *arg)
{
	/* the page's key: received_at (or due_at) and id */
	struct store_page pg = { row_case, f->due_before != 0 ? 19 : 16, 0,
	    0, 0, 0 };
	sqlite3_stmt *s = store_prepare(st, f->due_before != 0 ?
	    SQL_CASE_LIST_DUE : case_list_open(f) ? SQL_CASE_LIST_OPEN :
	    SQL_CASE_LIST);

	return store_pages(st, s, "listing cases", &pg, bind_case, f,
	    (void *)cb, arg, f->limit);
}

int
store_case_get(struct store *st, const char *ref, store_case_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_GET);
	int n;

	store_bind_text(s, 1, ref);
	n = store_each(st, s, "reading a case", row_case, (void *)cb, arg);
	return n < 0 ? -1 : n > 0;
}

/* ---- the procedure clock (sla.h): a case's clock columns ---- */

static const char SQL_CLOCK_GET[] =
    "SELECT id, status, category, received_at, resolved_at, clock_round,"
    " clock_started_at, first_response_at, response_due_at,"
    " resolve_due_at, paused_at, paused_secs, escalation_level,"
    " escalated_at, due_at, next_action_at, next_action"
    " FROM complaint WHERE id = ?1";

static const char SQL_CLOCK_SET[] =
    "UPDATE complaint SET clock_round = ?2, clock_started_at = ?3,"
    " first_response_at = ?4, response_due_at = ?5, resolve_due_at = ?6,"
    " paused_at = ?7, paused_secs = ?8, escalation_level = ?9,"
    " escalated_at = ?10, due_at = ?11, next_action_at = ?12,"
    " next_action = ?13 WHERE id = ?1";

/* (next_action_at, id) > (?2, ?3), up to now: complaint_next_action */
static const char SQL_CLOCK_DUE[] =
    "SELECT id, next_action_at FROM complaint"
    " WHERE next_action_at BETWEEN ?2 AND ?1"
    " AND (next_action_at > ?2 OR id > ?3)"
    " ORDER BY next_action_at, id LIMIT ?4";

static const char SQL_CLOCK_LIVE[] =
    "SELECT id FROM complaint WHERE id > ?1"
    " AND (is_open = 1 OR status = 'resolved') ORDER BY id LIMIT ?2";

static const char SQL_CASE_COUNTS[] =
    "SELECT " SQL_OPEN_TALLY ","
    " (SELECT count(*) FROM complaint WHERE due_at <= ?1)";

static const char SQL_CASE_SCHEDULED[] =
    "SELECT " CASE_ROW_COLS " WHERE c.next_action_at IS NOT NULL"
    " ORDER BY c.next_action_at, c.id LIMIT ?1";

static time_t
store_col_time(sqlite3_stmt *s, int i)
{
	return (time_t)sqlite3_column_int64(s, i);
}

int
store_case_clock_get(struct store *st, int64_t case_id,
    struct store_clock *k)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CLOCK_GET);
	int r;

	sqlite3_bind_int64(s, 1, case_id);
	if ((r = store_step_one(st, s, "reading a case's clock")) != 1) {
		return r;
	}
	memset(k, 0, sizeof *k);
	k->case_id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, k->status, sizeof k->status);
	store_col_copy(s, 2, k->category, sizeof k->category);
	k->received_at = store_col_time(s, 3);
	k->resolved_at = store_col_time(s, 4);
	k->round = sqlite3_column_int(s, 5);
	k->started_at = store_col_time(s, 6);
	k->first_response_at = store_col_time(s, 7);
	k->response_due_at = store_col_time(s, 8);
	k->resolve_due_at = store_col_time(s, 9);
	k->paused_at = store_col_time(s, 10);
	k->paused_secs = sqlite3_column_int64(s, 11);
	k->level = sqlite3_column_int(s, 12);
	k->level_at = store_col_time(s, 13);
	k->due_at = store_col_time(s, 14);
	k->next_action_at = store_col_time(s, 15);
	store_col_copy(s, 16, k->next_action, sizeof k->next_action);
	sqlite3_reset(s);
	return 1;
}

int
store_case_clock_set(struct store *st, const struct store_clock *k)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CLOCK_SET);

	sqlite3_bind_int64(s, 1, k->case_id);
	sqlite3_bind_int(s, 2, k->round);
	store_bind_id(s, 3, (int64_t)k->started_at);
	store_bind_id(s, 4, (int64_t)k->first_response_at);
	store_bind_id(s, 5, (int64_t)k->response_due_at);
	store_bind_id(s, 6, (int64_t)k->resolve_due_at);
	store_bind_id(s, 7, (int64_t)k->paused_at);
	sqlite3_bind_int64(s, 8, k->paused_secs);
	sqlite3_bind_int(s, 9, k->level);
	store_bind_id(s, 10, (int64_t)k->level_at);
	store_bind_id(s, 11, (int64_t)k->due_at);
	store_bind_id(s, 12, (int64_t)k->next_action_at);
	store_bind_text(s, 13, k->next_action_at != 0 && k->next_action[0] ?
	    k->next_action : NULL);
	return store_exec_stmt(st, s, "recording a case's clock");
}

int
store_case_clock_due(struct store *st, time_t now, time_t after_at,
    int64_t after_id, int64_t *ids, time_t *ats, int max, int *n)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CLOCK_DUE);
	int rc;

	*n = 0;
	sqlite3_bind_int64(s, 1, (int64_t)now);
	sqlite3_bind_int64(s, 2, (int64_t)after_at);
	sqlite3_bind_int64(s, 3, after_id);
	sqlite3_bind_int(s, 4, max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		ids[*n] = sqlite3_column_int64(s, 0);
		ats[(*n)++] = store_col_time(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, rc, "looking for due actions");
	}
	return 0;
}

int
store_case_clock_live(struct store *st, int64_t after, int64_t *ids,
    int max, int *n)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CLOCK_LIVE);
	int rc;

	*n = 0;
	sqlite3_bind_int64(s, 1, after);
	sqlite3_bind_int(s, 2, max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		ids[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, rc, "listing the cases of the clock");
	}
	return 0;
}

int
store_case_counts(struct store *st, time_t now, int *open, int *overdue)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_COUNTS);

	sqlite3_bind_int64(s, 1, (int64_t)now);
	if (store_step_one(st, s, "counting open cases") != 1) {
		return -1;
	}
	*open = sqlite3_column_int(s, 0);
	*overdue = sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	return 0;
}

int
store_case_scheduled(struct store *st, int limit, store_case_cb cb,
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_SCHEDULED);

	sqlite3_bind_int(s, 1, limit > 0 ? limit : -1);
	return store_each(st, s, "listing scheduled actions", row_case,
	    (void *)cb, arg) < 0 ? -1 : 0;
}
