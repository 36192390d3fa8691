/*
 * export.c — a case as a CSV record (see export.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedef.h"
#include "conf.h"
#include "export.h"
#include "privacy.h"
#include "report.h"

struct col {
	const char	*id, *en;
};

static const struct col cols[] = {
	{ "Nomor", "Reference" }, { "Diterima", "Received" },
	{ "Saluran", "Channel" }, { "Sumber", "Source" },
	{ "Kategori", "Category" }, { "Status", "Status" },
	{ "Prioritas", "Priority" }, { "Rahasia", "Confidential" },
	{ "Nama pelapor", "Complainant name" },
	{ "Email pelapor", "Complainant email" },
	{ "Telepon pelapor", "Complainant phone" },
	{ "Perihal", "Subject" }, { "Ringkasan", "Summary" },
	{ "Jawaban", "Answer" }, { "Petugas", "Officers" },
	{ "Tanggapan pertama", "First response" },
	{ "Dijawab", "Answered" }, { "Ditutup", "Closed" },
	{ "Jam kerja sampai tanggapan pertama",
	    "Working hours to first response" },
	{ "Jam kerja sampai jawaban", "Working hours to answer" },
	{ "Batas tanggapan pertama", "First response due" },
	{ "Batas jawaban", "Answer due" },
	{ "Terlambat", "Overdue" }, { "Tingkat eskalasi", "Escalation level" },
	{ "Dibuka kembali", "Reopened" }, { "Kepuasan", "Satisfaction" },
	{ "Nilai", "Score" },
};

static int
is_id(const char *lang)
{
	return lang != NULL && strcmp(lang, "id") == 0;
}

void
export_header(struct export *x)
{
	size_t i;

	for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		csv_text(&x->csv, is_id(x->lang) ? cols[i].id : cols[i].en);
	}
	csv_end(&x->csv);
}

static void
when(struct export *x, time_t t)
{
	char buf[32];
	struct tm tm;

	if (t == 0) {
		csv_empty(&x->csv);
		return;
	}
	localtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	csv_text(&x->csv, buf);
}

static void
hours(struct export *x, time_t from, time_t to)
{
	if (to == 0) {
		csv_empty(&x->csv);
		return;
	}
	csv_number(&x->csv, calendar_table_between(x->tbl, from, to) /
	    3600.0, 2);
}

/* A due time missed: the first response or the answer late, or not
 * there by now when it was due. */
static int
late(const struct store_export_row *r, time_t now)
{
	int done = r->closed_at != 0 || r->resolved_at != 0;

	if (r->response_due_at != 0 && (r->first_response_at ?
	    r->first_response_at > r->response_due_at :
	    r->response_due_at <= now)) {
		return 1;
	}
	return r->resolve_due_at != 0 && (r->resolved_at ? r->resolved_at >
	    r->resolve_due_at : !done && r->resolve_due_at <= now &&
	    strcmp(r->status, CASE_WAITING) != 0);
}

static const char *
satisfaction_word(const char *s, const char *lang)
{
	if (s == NULL || *s == '\0') {
		return "";
	}
	return report_word(strcmp(s, "satisfied") == 0 ? "satisfied" :
	    strcmp(s, "dissatisfied") == 0 ? "dissatisfied" : "no_answer",
	    lang);
}

/* A text of the case; a confidential complainant's name, address and
 * number taken out. */
static void
export_text(struct export *x, const struct store_export_row *r,
    const char *text)
{
	char *t;

	if (!r->confidential || text == NULL) {
		csv_text(&x->csv, text);
		return;
	}
	t = privacy_scrub(text, r->party_name, r->party_email, r->party_phone,
	    privacy_placeholder(x->lang));
	csv_text(&x->csv, t);
	free(t);
}

void
export_row(struct export *x, const struct store_export_row *r)
{
	const struct conf_category *cat = conf_category_by_id(x->cf,
	    r->category);
	struct csv *c = &x->csv;
	char score[32] = "";

	csv_text(c, r->reference);
	when(x, r->received_at);
	csv_text(c, report_channel_word(r->channel, x->lang));
	csv_text(c, r->source);
	csv_text(c, cat != NULL ? cat->name : r->category);
	csv_text(c, case_status_label(r->status, x->lang));
	csv_int(c, r->priority);
	csv_int(c, r->confidential != 0);
	csv_text(c, r->confidential ? "" : r->party_name);
	csv_text(c, r->confidential ? "" : r->party_email);
	csv_text(c, r->confidential ? "" : r->party_phone);
	export_text(x, r, r->subject);
	export_text(x, r, r->summary);
	export_text(x, r, r->resolution);
	csv_text(c, r->officers);
	when(x, r->first_response_at);
	when(x, r->resolved_at);
	when(x, r->closed_at);
	hours(x, r->received_at, r->first_response_at);
	hours(x, r->received_at, r->resolved_at);
	when(x, r->response_due_at);
	when(x, r->resolve_due_at);
	csv_int(c, late(r, x->now));
	csv_int(c, r->escalation_level);
	csv_int(c, r->reopened);
	csv_text(c, satisfaction_word(r->satisfaction, x->lang));
	if (r->score > 0 && r->scale > 0) {
		snprintf(score, sizeof score, "%d/%d", r->score, r->scale);
	}
	csv_text(c, score);
	csv_end(c);
}
