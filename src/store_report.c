/*
 * store_report.c — what the recap reads (see store.h and report.h): the
 * cases of a period with their times and outcome, the list of cases of
 * the paper recap, the export, the corrective actions of a period, and
 * each officer's open cases for their digest.
 *
 * The figures need every case of the period, so the query reads only the
 * columns report.c uses, all of them in one index ordered by receipt
 * (complaint_report, migration 7): a year of a million-case database is a
 * range of that index, never the cases' rows with their texts.  Working
 * time cannot be summed in SQL (it depends on the calendar), and the
 * counts come out of the same pass, so nothing is aggregated here twice.
 * The list and the export read the rows themselves, in order of receipt
 * (the same index's range, then each case's row).
 */
#include <stdio.h>
#include <string.h>

#include "store_priv.h"

/* The filters: ?1 from, ?2 to, ?3 category, ?4 channel, ?5 officer. */
#define REPORT_WHERE							\
	" WHERE c.received_at >= ?1 AND c.received_at < ?2"		\
	" AND (?3 IS NULL OR c.category = ?3)"				\
	" AND (?4 IS NULL OR c.channel = ?4)"				\
	" AND (?5 IS NULL OR EXISTS (SELECT 1 FROM assignment a"	\
	"  WHERE a.complaint_id = c.id AND a.officer = ?5))"

static const char SQL_REPORT_CASES[] =
    "SELECT c.id, c.status, c.channel, c.category, c.satisfaction,"
    " c.received_at, c.first_response_at, c.resolved_at, c.closed_at,"
    " c.response_due_at, c.resolve_due_at, c.paused_at, c.clock_started_at,"
    " c.escalation_level, c.reopened, c.feedback_score, c.feedback_scale"
    " FROM complaint c INDEXED BY complaint_report" REPORT_WHERE;

static const char SQL_REPORT_LIST[] =
    "SELECT c.reference, c.received_at, p.name, p.email, p.phone,"
    " c.confidential, c.category, c.channel, c.summary, c.resolution,"
    " c.status, c.first_response_at, c.resolved_at"
    " FROM complaint c JOIN party p ON p.id = c.party_id" REPORT_WHERE
    " AND c.status <> 'merged' ORDER BY c.received_at, c.id LIMIT ?6";

static const char SQL_EXPORT[] =
    "SELECT c.reference, c.status, c.channel, c.source, c.category,"
    " c.priority, c.confidential, p.name, p.email, p.phone, c.subject,"
    " c.summary, c.resolution,"
    " (SELECT group_concat(a.officer, ',') FROM assignment a"
    "  WHERE a.complaint_id = c.id),"
    " c.satisfaction, c.feedback_score, c.feedback_scale,"
    " c.escalation_level, c.reopened, c.received_at, c.first_response_at,"
    " c.resolved_at, c.closed_at, c.response_due_at, c.resolve_due_at"
    " FROM complaint c JOIN party p ON p.id = c.party_id" REPORT_WHERE
    " ORDER BY c.received_at, c.id";

/* ?6: as_of */
static const char SQL_REPORT_CPAR[] =
    "SELECT"
    " count(*) FILTER (WHERE k.created_at >= ?1 AND k.created_at < ?2),"
    " count(*) FILTER (WHERE k.created_at >= ?1 AND k.created_at < ?2"
    "  AND EXISTS (SELECT 1 FROM cpar_event e WHERE e.cpar_id = k.id"
    "  AND e.kind = 'done' AND e.at <= ?6)),"
    " count(*) FILTER (WHERE k.created_at >= ?1 AND k.created_at < ?2"
    "  AND k.verified_at <= ?6),"
    " count(*) FILTER (WHERE k.created_at >= ?1 AND k.created_at < ?2"
    "  AND EXISTS (SELECT 1 FROM cpar_event e WHERE e.cpar_id = k.id"
    "  AND e.kind = 'not_effective' AND e.at <= ?6)),"
    " count(*) FILTER (WHERE k.created_at <= ?6 AND (k.verified_at IS NULL"
    "  OR k.verified_at > ?6) AND (k.done_at IS NULL OR k.done_at > ?6)"
    "  AND k.due_at < ?6),"
    " count(*) FILTER (WHERE k.created_at <= ?6 AND (k.verified_at IS NULL"
    "  OR k.verified_at > ?6))"
    " FROM cpar k WHERE EXISTS (SELECT 1 FROM cpar_case l"
    "  JOIN complaint c ON c.id = l.complaint_id WHERE l.cpar_id = k.id"
    "  AND (?3 IS NULL OR c.category = ?3)"
    "  AND (?4 IS NULL OR c.channel = ?4)"
    "  AND (?5 IS NULL OR EXISTS (SELECT 1 FROM assignment a"
    "  WHERE a.complaint_id = c.id AND a.officer = ?5)))";

static const char SQL_DIGEST[] =
    "SELECT a.officer, c.reference, c.status, c.subject, c.received_at,"
    " c.due_at, c.confidential, p.name, p.email, p.phone"
    " FROM complaint c JOIN assignment a ON a.complaint_id = c.id"
    " JOIN party p ON p.id = c.party_id"
    " WHERE c.is_open = 1"
    " ORDER BY a.officer, c.due_at IS NULL, c.due_at, c.received_at";

/* A text column, "" for NULL. */
static const char *
col_str(sqlite3_stmt *s, int i)
{
	const char *v = store_col_text(s, i);

	return v != NULL ? v : "";
}

static time_t
col_time(sqlite3_stmt *s, int i)
{
	return (time_t)sqlite3_column_int64(s, i);
}

static void
bind_filter(sqlite3_stmt *s, const struct store_report_filter *f)
{
	sqlite3_bind_int64(s, 1, (int64_t)f->from);
	sqlite3_bind_int64(s, 2, (int64_t)f->to);
	store_bind_text(s, 3, f->category);
	store_bind_text(s, 4, f->channel);
	store_bind_text(s, 5, f->officer);
}

static int
report_case_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct report_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.status = store_col_text(s, 1);
	r.channel = store_col_text(s, 2);
	r.category = store_col_text(s, 3);
	r.satisfaction = (const char *)sqlite3_column_text(s, 4);
	r.received_at = col_time(s, 5);
	r.first_response_at = col_time(s, 6);
	r.resolved_at = col_time(s, 7);
	r.closed_at = col_time(s, 8);
	r.response_due_at = col_time(s, 9);
	r.resolve_due_at = col_time(s, 10);
	r.paused_at = col_time(s, 11);
	r.started_at = col_time(s, 12);
	r.escalation_level = sqlite3_column_int(s, 13);
	r.reopened = sqlite3_column_int(s, 14);
	r.score = sqlite3_column_int(s, 15);
	r.scale = sqlite3_column_int(s, 16);
	return ((store_report_row_cb)cb)(arg, &r);
}

int
store_report_cases(struct store *st, const struct store_report_filter *f,
    store_report_row_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_REPORT_CASES);

	bind_filter(s, f);
	return store_each(st, s, "reading the cases of a report",
	    report_case_row, (void *)cb, arg) == -1 ? -1 : 0;
}

/* "Name <address>", the name, or the address or number. */
static void
report_who(sqlite3_stmt *s, char *buf, size_t len)
{
	const char *name = col_str(s, 2);
	const char *addr = *col_str(s, 3) ? col_str(s, 3) : col_str(s, 4);

	if (*name && *addr) {
		snprintf(buf, len, "%s <%s>", name, addr);
	} else {
		snprintf(buf, len, "%s", *name ? name : addr);
	}
}

static int
report_item_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct report_item it;
	char who[512];

	report_who(s, who, sizeof who);
	it.reference = store_col_text(s, 0);
	it.received_at = col_time(s, 1);
	it.complainant = who;
	it.confidential = sqlite3_column_int(s, 5) != 0;
	it.category = store_col_text(s, 6);
	it.channel = store_col_text(s, 7);
	it.summary = store_col_text(s, 8);
	it.done = store_col_text(s, 9);
	it.status = store_col_text(s, 10);
	it.first_response_at = col_time(s, 11);
	it.resolved_at = col_time(s, 12);
	it.party_name = col_str(s, 2);
	it.party_email = col_str(s, 3);
	it.party_phone = col_str(s, 4);
	return ((store_report_item_cb)cb)(arg, &it);
}

int
store_report_list(struct store *st, const struct store_report_filter *f,
    int limit, store_report_item_cb cb, void *arg)
{
	sqlite3_stmt *s;

	if (limit <= 0) {
		return 0;
	}
	s = store_prepare(st, SQL_REPORT_LIST);
	bind_filter(s, f);
	sqlite3_bind_int(s, 6, limit);
	return store_each(st, s, "reading the cases of a report",
	    report_item_row, (void *)cb, arg) == -1 ? -1 : 0;
}

static int
export_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_export_row r;

	r.reference = store_col_text(s, 0);
	r.status = store_col_text(s, 1);
	r.channel = store_col_text(s, 2);
	r.source = store_col_text(s, 3);
	r.category = store_col_text(s, 4);
	r.priority = sqlite3_column_int(s, 5);
	r.confidential = sqlite3_column_int(s, 6);
	r.party_name = store_col_text(s, 7);
	r.party_email = store_col_text(s, 8);
	r.party_phone = store_col_text(s, 9);
	r.subject = store_col_text(s, 10);
	r.summary = store_col_text(s, 11);
	r.resolution = store_col_text(s, 12);
	r.officers = store_col_text(s, 13);
	r.satisfaction = store_col_text(s, 14);
	r.score = sqlite3_column_int(s, 15);
	r.scale = sqlite3_column_int(s, 16);
	r.escalation_level = sqlite3_column_int(s, 17);
	r.reopened = sqlite3_column_int(s, 18);
	r.received_at = col_time(s, 19);
	r.first_response_at = col_time(s, 20);
	r.resolved_at = col_time(s, 21);
	r.closed_at = col_time(s, 22);
	r.response_due_at = col_time(s, 23);
	r.resolve_due_at = col_time(s, 24);
	return ((store_export_cb)cb)(arg, &r);
}

int
store_export_cases(struct store *st, const struct store_report_filter *f,
    store_export_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_EXPORT);

	bind_filter(s, f);
	return store_each(st, s, "reading the cases to export", export_row,
	    (void *)cb, arg) == -1 ? -1 : 0;
}

int
store_report_cpar(struct store *st, const struct store_report_filter *f,
    time_t as_of, struct store_report_cpar *out)
{
	sqlite3_stmt *s = store_prepare(st, SQL_REPORT_CPAR);
	int r;

	memset(out, 0, sizeof *out);
	bind_filter(s, f);
	sqlite3_bind_int64(s, 6, (int64_t)as_of);
	if ((r = store_step_one(st, s, "counting corrective actions")) != 1) {
		return r;
	}
	out->opened = sqlite3_column_int(s, 0);
	out->done = sqlite3_column_int(s, 1);
	out->verified = sqlite3_column_int(s, 2);
	out->not_effective = sqlite3_column_int(s, 3);
	out->overdue = sqlite3_column_int(s, 4);
	out->open = sqlite3_column_int(s, 5);
	sqlite3_reset(s);
	return 0;
}

static int
digest_row(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_digest_row r;

	r.officer = store_col_text(s, 0);
	r.reference = store_col_text(s, 1);
	r.status = store_col_text(s, 2);
	r.subject = store_col_text(s, 3);
	r.received_at = col_time(s, 4);
	r.due_at = col_time(s, 5);
	r.confidential = sqlite3_column_int(s, 6) != 0;
	r.party_name = store_col_text(s, 7);
	r.party_email = store_col_text(s, 8);
	r.party_phone = store_col_text(s, 9);
	return ((store_digest_cb)cb)(arg, &r);
}

int
store_digest_cases(struct store *st, store_digest_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_DIGEST);

	return store_each(st, s, "reading the officers' open cases",
	    digest_row, (void *)cb, arg) == -1 ? -1 : 0;
}
