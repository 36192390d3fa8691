/*
 * test_report.c — the recap's figures (report.c) from a table of cases
 * whose truth is worked out by hand below: working times across a night,
 * a weekend and a holiday, outcomes at the end of the period (answered,
 * closed after it, rejected, reopened, waiting), merged cases not
 * counted, scores on two scales, indicators met and not met, the trend;
 * the periods by name; the working-time table against the calendar; CSV
 * quoting and formula-like values; what each renderer shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "calendar.h"
#include "conf.h"
#include "csv.h"
#include "report.h"
#include "t.h"
#include "testconf.h"

#define H	3600

static struct calendar *cal;

static time_t
at(const char *s)
{
	char err[128];
	time_t t = 0;

	if (calendar_parse_local(s, &t, err, sizeof err) == -1) {
		printf("# %s\n", err);
		abort();
	}
	return t;
}

/* ---- the table of cases (November 2026; 17 November a holiday) ---- */

struct tcase {
	const char	*status, *channel, *category, *sat;
	const char	*recv, *resp, *res, *closed, *paused, *started;
	int		 level, reopened, score, scale;
};

static const struct tcase cases[] = {
	/* A: answered in 3 h / 18 h, closed satisfied, score 4 of 4 */
	{ "closed", "email", "akademik", "satisfied", "2026-11-02 08:00",
	  "2026-11-02 11:00", "2026-11-04 10:00", "2026-11-06 09:00", NULL,
	  NULL, 0, 0, 4, 4 },
	/* B: across the holiday: 2 h / 11 h, awaiting feedback */
	{ "resolved", "sms", "sarana", NULL, "2026-11-16 14:00",
	  "2026-11-18 08:00", "2026-11-19 09:00", NULL, NULL, NULL, 0, 0, 0,
	  0 },
	/* C: after hours on a Friday, never answered: late twice */
	{ "acknowledged", "email", "akademik", NULL, "2026-11-20 16:00", NULL,
	  NULL, NULL, NULL, NULL, 1, 0, 0, 0 },
	/* D: the first response late (32 h), then rejected */
	{ "rejected", "email", "sarana", NULL, "2026-11-03 09:00",
	  "2026-11-09 09:00", NULL, "2026-11-09 09:00", NULL, NULL, 0, 0, 0,
	  0 },
	/* E: walk-in, answered, not satisfied: reopened, late again */
	{ "reopened", "walk-in", "akademik", "dissatisfied",
	  "2026-11-04 10:00", "2026-11-04 12:00", "2026-11-05 10:00", NULL,
	  NULL, "2026-11-06 08:00", 1, 1, 1, 4 },
	/* F: merged into another case: not counted */
	{ "merged", "email", "akademik", NULL, "2026-11-10 08:00", NULL, NULL,
	  NULL, NULL, NULL, 0, 0, 0, 0 },
	/* G: answered, closed for lack of feedback after the period; a
	 * score of 5 of 5 */
	{ "closed", "email", "umum", "no_answer", "2026-11-25 08:00",
	  "2026-11-25 09:00", "2026-11-26 08:00", "2026-12-03 08:00", NULL,
	  NULL, 0, 0, 5, 5 },
	/* I: asked the complainant, waiting */
	{ "waiting", "sms", "sarana", NULL, "2026-11-26 08:00",
	  "2026-11-26 10:00", NULL, NULL, "2026-11-26 10:00", NULL, 0, 0, 0,
	  0 },
};

static time_t
opt_at(const char *s)
{
	return s != NULL ? at(s) : 0;
}

static void
row_of(const struct tcase *c, struct report_row *r)
{
	memset(r, 0, sizeof *r);
	r->status = c->status;
	r->channel = c->channel;
	r->category = c->category;
	r->satisfaction = c->sat;
	r->received_at = at(c->recv);
	r->first_response_at = opt_at(c->resp);
	r->resolved_at = opt_at(c->res);
	r->closed_at = opt_at(c->closed);
	r->paused_at = opt_at(c->paused);
	r->started_at = c->started ? at(c->started) : r->received_at;
	/* the clock's due times, as sla.c sets them (24 h, 5 days) */
	r->response_due_at = calendar_add(cal, r->received_at, 24 * H);
	r->resolve_due_at = calendar_add_days(cal, r->started_at, 5);
	r->escalation_level = c->level;
	r->reopened = c->reopened;
	r->score = c->score;
	r->scale = c->scale;
}

static struct conf *
conf_for_report(void)
{
	struct conf *cf = testconf_new(0);
	struct conf_indicators *in = &cf->indicators;

	in->first_response_hours = 4;
	in->resolve_days = 2;
	in->on_time_percent = 60;
	in->max_per_month = 10;
	in->min_satisfied_percent = 50;
	in->ncategories = 1;
	in->categories = xcalloc(1, sizeof *in->categories);
	in->categories[0].category = xstrdup("sarana");
	in->categories[0].max_per_month = 2;
	return cf;
}

static struct report *
report_november(const struct conf *cf, const char *lang)
{
	struct report_params p;
	struct report_row r;
	struct report_item it;
	struct report *rep;
	char err[128];
	size_t i;

	memset(&p, 0, sizeof p);
	if (report_period_parse("2026-11", at("2026-12-05 10:00"), &p.period,
	    err, sizeof err) == -1) {
		abort();
	}
	p.now = at("2026-12-05 10:00");
	p.lang = lang;
	p.list_max = 2;
	rep = report_new(cf, cal, &p);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		row_of(&cases[i], &r);
		report_add(rep, &r);
	}
	memset(&it, 0, sizeof it);
	it.reference = "KEL-2026-000001";
	it.received_at = at("2026-11-02 08:00");
	it.complainant = "Ibu Sari <sari@example.org>";
	it.category = "akademik";
	it.channel = "email";
	it.summary = "Nilai belum keluar";
	it.done = "Nilai sudah diinput";
	it.status = "closed";
	it.first_response_at = at("2026-11-02 11:00");
	it.resolved_at = at("2026-11-04 10:00");
	report_list_add(rep, &it);
	it.reference = "KEL-2026-000002";
	it.complainant = "Rahasia <r@example.org>";
	it.confidential = 1;
	it.first_response_at = 0;
	report_list_add(rep, &it);
	it.reference = "KEL-2026-000003";
	report_list_add(rep, &it);
	report_finish(rep);
	return rep;
}

static int
count_of(const struct report_count *c, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(c[i].name, name) == 0) {
			return c[i].n;
		}
	}
	return -1;
}

static void
test_counts(const struct report *r)
{
	T_INT(r->as_of, at("2026-12-01 00:00"), "as of the end of November");
	T_INT(r->received, 7, "received: the cases of November, the merged "
	    "one left out");
	T_INT(r->merged, 1, "merged: one, not counted");
	T_INT(r->answered, 4, "answered by the end: A, B, E (before it was "
	    "reopened) and G");
	T_INT(r->awaiting_feedback, 2, "awaiting feedback at the end: B, and G "
	    "(closed only in December)");
	T_INT(r->closed, 1, "closed by the end: A");
	T_INT(r->rejected, 1, "rejected: D");
	T_INT(r->open, 3, "still open: C, E (reopened), I (waiting)");
	T_INT(r->overdue, 3, "overdue: C (both), D (late response), E (late "
	    "again after reopening)");
	T_INT(r->escalated, 2, "escalated: C and E");
	T_INT(r->reopened, 1, "reopened after dissatisfaction: E");
	T_INT(count_of(r->channels, r->nchannels, "email"), 4, "by channel: "
	    "4 by email");
	T_INT(count_of(r->channels, r->nchannels, "sms"), 2, "... 2 by SMS");
	T_INT(count_of(r->channels, r->nchannels, "walk-in"), 1,
	    "... 1 walk-in");
	T_STR(r->categories[0].name, "akademik", "by category: the most first "
	    "(akademik 3, then sarana 3 by name)");
	T_INT(count_of(r->categories, r->ncategories, "sarana"), 3,
	    "... sarana 3");
	T_INT(count_of(r->categories, r->ncategories, "umum"), 1, "... umum 1");
}

static void
test_times(const struct report *r)
{
	T_INT(r->response.n, 6, "first responses by the end: all but C");
	T_INT(r->response.median, 2 * H, "median first response: 2 h "
	    "(3 h, 2 h across the holiday, 32 h, 2 h, 1 h, 2 h)");
	T_INT(r->response.p90, 32 * H, "90th percentile: 32 h (nearest rank "
	    "6 of 6)");
	T_INT(r->response.decided, 7, "first response decided for 7 (C late "
	    "without one)");
	T_INT(r->response.within, 5, "... 5 within their due time");
	T_INT(r->resolution.n, 4, "answers by the end: A, B, E, G");
	T_INT(r->resolution.median, (8 * H + 11 * H) / 2, "median answer: "
	    "between 8 h and 11 h (18, 11 across the holiday, 8, 8)");
	T_INT(r->resolution.p90, 18 * H, "... 90th percentile 18 h");
	T_INT(r->resolution.decided, 5, "answer decided for 5 (C late, E late "
	    "after reopening)");
	T_INT(r->resolution.within, 3, "... 3 within: A, B, G");
}

static void
test_satisfaction(const struct report *r)
{
	T_INT(r->satisfied, 1, "satisfied: A");
	T_INT(r->dissatisfied, 1, "not satisfied: E");
	T_INT(r->no_answer, 1, "no answer: G");
	T_OK(report_satisfied_rate(r) > 49.99 && report_satisfied_rate(r) <
	    50.01, "rate 50 % (1 of 2 who answered)");
	T_INT(r->scored, 3, "three scores");
	T_OK(r->score_mean > 2.999 && r->score_mean < 3.001, "mean 3.0 on the "
	    "scale of 4 (4, 1, and 5 of 5 as 4)");
	T_INT(r->scores[4], 1, "one 4");
	T_INT(r->scores[1], 1, "one 1");
}

static void
test_indicators(const struct report *r)
{
	const struct report_indicator *i = r->indicators;

	if (!T_OK(r->nindicators == 5, "five indicators")) {
		return;
	}
	T_INT(i[0].kind, REPORT_IND_RESPONSE, "first: the first response");
	T_OK(i[0].value > 71.4 && i[0].value < 71.5 && i[0].met, "within 4 "
	    "working hours: 5 of 7 (71.4 %), met against 60 %");
	T_OK(i[1].value > 66.6 && i[1].value < 66.7 && i[1].met, "answered "
	    "within 2 working days: 4 of 6 (C and I late), met");
	T_OK(i[2].category == NULL && (int)i[2].value == 7 && i[2].met,
	    "at most 10 a month: 7 in November, met");
	T_INT(i[2].month, calendar_civil_day(2026, 11, 1),
	    "... the month named");
	T_OK(i[3].category != NULL && strcmp(i[3].category, "sarana") == 0 &&
	    (int)i[3].value == 3 && !i[3].met, "sarana at most 2 a month: 3, "
	    "not met");
	T_OK(i[4].kind == REPORT_IND_SATISFIED && i[4].met && i[4].measured,
	    "at least 50 % satisfied: 50 %, met");
}

static void
test_trend(const struct report *r)
{
	static const int want[] = { 0, 3, 0, 2, 2, 0 };
	size_t i;
	int ok = r->nbuckets == 6;

	for (i = 0; ok && i < 6; i++) {
		ok = r->buckets[i].received == want[i];
	}
	T_OK(ok, "trend by ISO week: 1 Nov alone, then 3, 0 (the merged "
	    "case), 2, 2, and 30 Nov alone");
	T_INT(r->buckets[1].response_median, 3 * H, "... the week of A, D, "
	    "E: median first response of 3, 32 and 2 h");
	T_INT(r->buckets[1].overdue, 2, "... two of them overdue (D, E)");
}

static void
test_list(const struct report *r)
{
	T_INT(r->nlist, 2, "the list stops at list_max");
	T_INT(r->list_total, 7, "... and knows how many there are");
	T_INT(r->list[0].response_secs, 3 * H, "a listed case's first "
	    "response in working hours");
	T_INT(r->list[0].resolve_secs, 18 * H, "... and its answer (over a "
	    "night)");
	T_OK(r->list[1].complainant == NULL, "a confidential complainant is "
	    "not in the list");
	T_INT(r->list[1].response_secs, -1, "... nor a time that is not there");
}

static void
test_render(const struct conf *cf)
{
	struct report *r = report_november(cf, "id");
	struct buf b;

	buf_init(&b);
	report_render_json(r, &b);
	T_CONTAINS(b.data, "\"counts\":{\"received\":7,\"answered\":4,"
	    "\"awaiting_feedback\":2,\"closed\":1,\"rejected\":1,\"open\":3,"
	    "\"overdue\":3,\"escalated\":2,\"reopened\":1,\"merged\":1}",
	    "JSON: the counts by their plain names");
	T_CONTAINS(b.data, "\"by_channel\":{\"email\":4,\"sms\":2,"
	    "\"walk-in\":1}", "JSON: by channel");
	T_CONTAINS(b.data, "\"median_seconds\":7200,\"median_hours\":2.0",
	    "JSON: the median in seconds and hours");
	T_CONTAINS(b.data, "\"corrective_actions\":{\"recorded\":false,"
	    "\"opened\":0", "JSON: no corrective action recorded");
	T_CONTAINS(b.data, "\"complainant\":null,\"confidential\":true",
	    "JSON: the confidential complainant hidden");
	buf_reset(&b);
	report_render_text(r, &b);
	T_CONTAINS(b.data, "Rekapitulasi Hasil Tindak Lanjut Keluhan "
	    "Pelanggan\nSMK Negeri 1 Contoh\nPeriode: 1-30 November 2026",
	    "text: the title, the organisation, the period in Indonesian");
	T_CONTAINS(b.data, "Tanggapan pertama                       6    "
	    "2,0 jam   32,0 jam   5/7 (71,4 %)", "text: times in working hours "
	    "with a decimal comma");
	T_CONTAINS(b.data, "Belum ada tindakan korektif yang tercatat.",
	    "text: no corrective actions recorded");
	T_CONTAINS(b.data, "(dirahasiakan)", "text: a confidential "
	    "complainant's identity hidden");
	T_CONTAINS(b.data, "2 dari 7 keluhan ditampilkan", "text: how many "
	    "are listed");
	buf_reset(&b);
	report_render_html(r, &b);
	T_CONTAINS(b.data, "id=\"count-received\">7<", "HTML: the count "
	    "in a cell with its id");
	T_CONTAINS(b.data, "<svg", "HTML: charts in SVG");
	T_CONTAINS(b.data, "@page{size:A4", "HTML: laid out for A4");
	T_OK(strstr(b.data, "<script") == NULL && strstr(b.data, "http://") ==
	    strstr(b.data, "http://www.w3.org/2000/svg") && strstr(b.data,
	    "https:") == NULL, "HTML: no script, nothing to fetch");
	T_OK(strstr(b.data, "Rahasia") == NULL, "HTML: the confidential "
	    "name nowhere");
	buf_reset(&b);
	report_render_csv(r, &b);
	T_CONTAINS(b.data, "\"section\",\"name\",\"label\",\"value\"\r\n"
	    "\"counts\",\"received\",\"Diterima\",7\r\n", "CSV: one figure a "
	    "record, CRLF");
	buf_free(&b);
	report_free(r);
	r = report_november(cf, "en");
	buf_init(&b);
	report_render_text(r, &b);
	T_CONTAINS(b.data, "Period: 1-30 November 2026", "text in English");
	T_CONTAINS(b.data, "At most 2 complaints a month, category Sarana",
	    "... an indicator in words, with the category's name");
	T_CONTAINS(b.data, "Not met", "... not met");
	buf_free(&b);
	report_free(r);
}

/* ---- medians and percentiles of many cases, against a sort ---- */

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void
test_many(const struct conf *cf)
{
	static const size_t sizes[] = { 1, 2, 3, 5, 10, 11, 99, 100, 1000,
	    1001, 4096 };
	struct report_params p;
	struct report_row row;
	struct report *r;
	int64_t *v, med, p90;
	unsigned long seed = 99;
	size_t i, k, n, bad = 0;
	char err[128];

	for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		n = sizes[k];
		memset(&p, 0, sizeof p);
		report_period_parse("2026-11", 0, &p.period, err, sizeof err);
		p.now = at("2026-12-20 10:00");
		p.lang = "en";
		r = report_new(cf, cal, &p);
		v = xcalloc(n, sizeof *v);
		for (i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL + 1;
			v[i] = (int64_t)((seed >> 33) % (60 * 8)) * 60 +
			    (i % 7 == 0 ? 3600 : 0);
			memset(&row, 0, sizeof row);
			row.status = "closed";
			row.channel = "email";
			row.category = "umum";
			row.received_at = at("2026-11-02 07:00") + (time_t)(i %
			    20) * 86400;
			row.first_response_at = calendar_add(cal,
			    row.received_at, v[i]);
			report_add(r, &row);
		}
		report_finish(r);
		qsort(v, n, sizeof *v, cmp64);
		med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
		p90 = v[(n * 9 + 9) / 10 - 1];
		bad += r->response.median != med || r->response.p90 != p90 ||
		    r->response.n != (int)n;
		free(v);
		report_free(r);
	}
	T_INT(bad, 0, "median and 90th percentile as a full sort gives them, "
	    "for 1 to 4096 cases with ties, times across nights, weekends "
	    "and the holiday");
}

/* ---- periods ---- */

static void
period_is(const char *name, const char *now, const char *first,
    const char *last)
{
	struct report_period p;
	char err[512], a[16] = "", b[16] = "", what[128];

	if (report_period_parse(name, at(now), &p, err, sizeof err) == 0) {
		calendar_format_date(p.first, a, sizeof a);
		calendar_format_date(p.last, b, sizeof b);
	}
	snprintf(what, sizeof what, "%s on %.10s: %s to %s", name, now, first,
	    last);
	T_OK(strcmp(a, first) == 0 && strcmp(b, last) == 0 && p.from ==
	    at(first) && p.to == calendar_day_start(p.last + 1), what);
	if (strcmp(a, first) != 0 || strcmp(b, last) != 0) {
		printf("#   got %s to %s\n", a, b);
	}
}

static void
test_periods(void)
{
	struct report_period p;
	char err[512], w[128];

	period_is("this-week", "2026-12-02 10:00", "2026-11-30", "2026-12-06");
	period_is("last-week", "2026-12-02 10:00", "2026-11-23", "2026-11-29");
	period_is("last-2-weeks", "2026-12-02 10:00", "2026-11-16",
	    "2026-11-29");
	period_is("last-2-weeks", "2026-11-30 00:00", "2026-11-16",
	    "2026-11-29");
	period_is("this-month", "2026-12-02 10:00", "2026-12-01", "2026-12-31");
	period_is("last-month", "2026-12-02 10:00", "2026-11-01", "2026-11-30");
	period_is("last-month", "2026-01-15 10:00", "2025-12-01", "2025-12-31");
	period_is("last-month", "2024-03-31 10:00", "2024-02-01", "2024-02-29");
	period_is("this-quarter", "2026-12-02 10:00", "2026-10-01",
	    "2026-12-31");
	period_is("last-quarter", "2026-02-02 10:00", "2025-10-01",
	    "2025-12-31");
	period_is("this-year", "2026-12-02 10:00", "2026-01-01", "2026-12-31");
	period_is("last-year", "2026-12-02 10:00", "2025-01-01", "2025-12-31");
	period_is("yesterday", "2026-03-01 00:30", "2026-02-28", "2026-02-28");
	period_is("2026", "2020-01-01 00:00", "2026-01-01", "2026-12-31");
	period_is("2026-Q3", "2020-01-01 00:00", "2026-07-01", "2026-09-30");
	period_is("2026-11", "2020-01-01 00:00", "2026-11-01", "2026-11-30");
	period_is("2026-W49", "2020-01-01 00:00", "2026-11-30", "2026-12-06");
	period_is("2026-W01", "2020-01-01 00:00", "2025-12-29", "2026-01-04");
	period_is("2020-W53", "2020-01-01 00:00", "2020-12-28", "2021-01-03");
	period_is("2026-W53", "2020-01-01 00:00", "2026-12-28", "2027-01-03");
	T_INT(report_period_parse("2025-W53", 0, &p, err, sizeof err), -1,
	    "2025 has no ISO week 53");
	T_INT(report_period_parse("2026-13", 0, &p, err, sizeof err), -1,
	    "no month 13");
	T_INT(report_period_parse("next-month", 0, &p, err, sizeof err), -1,
	    "an unknown name...");
	T_CONTAINS(err, "last-2-weeks", "... the error lists the names");
	T_INT(report_period_dates("2026-11-05", "2026-11-01", &p, err,
	    sizeof err), -1, "--to before --from is refused");
	T_INT(report_period_dates("2026-11-05", "2026-11-05", &p, err,
	    sizeof err), 0, "one day is a period");
	T_INT(p.to - p.from, 86400, "... of 24 hours");
	report_period_parse("2026-Q3", 0, &p, err, sizeof err);
	report_period_words(&p, "id", w, sizeof w);
	T_STR(w, "1 Juli - 30 September 2026", "a quarter in words (id)");
	report_period_parse("last-month", at("2026-01-15 10:00"), &p, err,
	    sizeof err);
	report_period_words(&p, "en", w, sizeof w);
	T_STR(w, "1-31 December 2025", "a month in words (en)");
}

/* ---- the working-time table ---- */

static void
test_table(void)
{
	time_t from = at("2026-11-01 00:00"), to = at("2026-12-01 00:00");
	struct calendar_table *t = calendar_table_new(cal, from, to);
	unsigned long seed = 7;
	time_t a, b;
	int i, n, bad_between = 0, bad_days = 0;

	for (i = 0; i < 20000; i++) {
		seed = seed * 6364136223846793005UL + 1;
		a = from - 86400 * 3 + (time_t)((seed >> 33) % (40 * 86400));
		seed = seed * 6364136223846793005UL + 1;
		b = a + (time_t)((seed >> 33) % (20 * 86400));
		/* whole hours and the openings and closings themselves */
		if (i % 3 == 0) {
			a -= a % 3600;
			b -= b % 3600;
		}
		n = (int)((seed >> 40) % 8);
		bad_between += calendar_table_between(t, a, b) !=
		    calendar_between(cal, a, b);
		bad_between += calendar_table_between(t, b, a) !=
		    calendar_between(cal, b, a);
		bad_days += calendar_table_add_days(t, a, n) !=
		    calendar_add_days(cal, a, n);
	}
	T_INT(bad_between, 0, "the table's working time is the calendar's "
	    "(20000 pairs, either way, inside and outside its range)");
	T_INT(bad_days, 0, "... and so are N working days later");
	T_INT(calendar_table_between(t, at("2026-11-16 14:00"),
	    at("2026-11-18 08:00")), 2 * H, "Monday 14:00 to Wednesday 08:00 "
	    "over the holiday: 2 h");
	T_INT(calendar_table_add_days(t, at("2026-11-16 14:00"), 2),
	    at("2026-11-19 15:00"), "2 working days after Monday 14:00, the "
	    "holiday skipped: Thursday's close");
	T_INT(calendar_table_day(t, at("2026-11-16 23:59")),
	    calendar_civil_day(2026, 11, 16), "the day of an instant");
	calendar_table_free(t);
}

/* ---- CSV ---- */

static void
test_csv(void)
{
	struct buf b;
	struct csv c;

	buf_init(&b);
	csv_init(&c, &b);
	csv_text(&c, "a,b");
	csv_text(&c, "say \"hi\"\nbye");
	csv_text(&c, "=HYPERLINK(\"http://x\",\"klik\")");
	csv_text(&c, "  +62 812");
	csv_text(&c, "-1");
	csv_text(&c, "@SUM(A1)");
	csv_text(&c, "\tx");
	csv_text(&c, "Rp 5.000 = mahal");
	csv_int(&c, -3);
	csv_number(&c, 2.5, 1);
	csv_text(&c, NULL);
	csv_end(&c);
	T_STR(b.data, "\"a,b\",\"say \"\"hi\"\"\nbye\",\"'=HYPERLINK(\"\"http:"
	    "//x\"\",\"\"klik\"\")\",\"'  +62 812\",\"'-1\",\"'@SUM(A1)\","
	    "\"'\tx\",\"Rp 5.000 = mahal\",-3,2.5,\"\"\r\n", "CSV: quoted, "
	    "quotes doubled, formulas kept as text, our numbers as they are");
	T_OK(!csv_formula_like("Rp 5.000") && csv_formula_like("\r=1") &&
	    csv_formula_like(" =1"), "formula-like: leading =+-@, tab, CR, "
	    "after spaces");
	buf_free(&b);
}

int
main(void)
{
	static const char *const hol[] = { "2026-11-17" };
	struct calendar_spec sp = { 0x3e, 7 * 60, 15 * 60, hol, 1,
	    "Asia/Jakarta" };
	struct conf *cf;
	struct report *r;
	char err[256];

	setenv("TZ", "Asia/Jakarta", 1);
	tzset();
	if ((cal = calendar_new(&sp, err, sizeof err)) == NULL) {
		printf("# %s\n", err);
		return 2;
	}
	cf = conf_for_report();
	r = report_november(cf, "id");
	test_counts(r);
	test_times(r);
	test_satisfaction(r);
	test_indicators(r);
	test_trend(r);
	test_list(r);
	report_free(r);
	test_render(cf);
	test_many(cf);
	test_periods();
	test_table();
	test_csv();
	conf_free(cf);
	calendar_free(cal);
	return t_done();
}
