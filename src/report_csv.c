/*
 * report_csv.c — the recap's figures as CSV, one figure per record:
 * section, name (the JSON's), label (words for people), value — long
 * form, so a spreadsheet can chart or pivot it and a new figure never
 * shifts a column.  The cases themselves are `complaintctl export`.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "csv.h"
#include "report.h"

static void
rec_int(struct csv *c, const char *section, const char *name,
    const char *label, int64_t v)
{
	csv_text(c, section);
	csv_text(c, name);
	csv_text(c, label);
	csv_int(c, v);
	csv_end(c);
}

static void
rec_num(struct csv *c, const char *section, const char *name,
    const char *label, double v, int measured)
{
	csv_text(c, section);
	csv_text(c, name);
	csv_text(c, label);
	if (measured) {
		csv_number(c, v, 1);
	} else {
		csv_empty(c);
	}
	csv_end(c);
}

static void
csv_counts(const struct report *r, struct csv *c)
{
	static const char *const keys[] = { "received", "answered",
	    "awaiting_feedback", "closed", "rejected", "open", "overdue",
	    "escalated", "reopened", "merged" };
	const int v[] = { r->received, r->answered, r->awaiting_feedback,
	    r->closed, r->rejected, r->open, r->overdue, r->escalated,
	    r->reopened, r->merged };
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		rec_int(c, "counts", keys[i], report_word(keys[i], r->p.lang),
		    v[i]);
	}
	for (i = 0; i < r->nchannels; i++) {
		rec_int(c, "by_channel", r->channels[i].name,
		    report_channel_word(r->channels[i].name, r->p.lang),
		    r->channels[i].n);
	}
	for (i = 0; i < r->ncategories; i++) {
		rec_int(c, "by_category", r->categories[i].name,
		    report_category_word(r, r->categories[i].name),
		    r->categories[i].n);
	}
}

static void
csv_time(const struct report *r, struct csv *c, const char *key,
    const struct report_times *t)
{
	char name[64], label[160];
	const char *w = report_word(key, r->p.lang);

	snprintf(name, sizeof name, "%s_cases", key);
	snprintf(label, sizeof label, "%s: %s", w, report_word("cases_n",
	    r->p.lang));
	rec_int(c, "times", name, label, t->n);
	snprintf(name, sizeof name, "%s_median_hours", key);
	snprintf(label, sizeof label, "%s: %s", w, report_word("median",
	    r->p.lang));
	rec_num(c, "times", name, label, t->median / 3600.0, t->n > 0);
	snprintf(name, sizeof name, "%s_p90_hours", key);
	snprintf(label, sizeof label, "%s: %s", w, report_word("p90",
	    r->p.lang));
	rec_num(c, "times", name, label, t->p90 / 3600.0, t->n > 0);
	snprintf(name, sizeof name, "%s_within_percent", key);
	snprintf(label, sizeof label, "%s: %s", w, report_word("within",
	    r->p.lang));
	rec_num(c, "times", name, label, t->decided ? 100.0 * t->within /
	    t->decided : 0, t->decided > 0);
}

static void
csv_rest(const struct report *r, struct csv *c)
{
	const char *lang = r->p.lang;
	double rate = report_satisfied_rate(r);
	char words[256], d[16];
	size_t i;

	rec_int(c, "satisfaction", "satisfied", report_word("satisfied", lang),
	    r->satisfied);
	rec_int(c, "satisfaction", "dissatisfied", report_word("dissatisfied",
	    lang), r->dissatisfied);
	rec_int(c, "satisfaction", "no_answer", report_word("no_answer", lang),
	    r->no_answer);
	rec_num(c, "satisfaction", "rate_percent", report_word("rate", lang),
	    rate, rate >= 0);
	rec_num(c, "satisfaction", "mean_score", report_word("mean_score",
	    lang), r->score_mean, r->scored > 0);
	for (i = 0; i < r->nindicators; i++) {
		report_indicator_words(r, &r->indicators[i], words,
		    sizeof words);
		rec_num(c, "indicators", !r->indicators[i].measured ?
		    "not_measured" : r->indicators[i].met ? "met" : "not_met",
		    words, r->indicators[i].value, r->indicators[i].measured);
	}
	rec_int(c, "corrective_actions", "opened", report_word("cpar_opened",
	    lang), r->cpar.opened);
	rec_int(c, "corrective_actions", "done", report_word("cpar_done",
	    lang), r->cpar.done);
	rec_int(c, "corrective_actions", "verified_effective",
	    report_word("cpar_verified", lang), r->cpar.verified);
	rec_int(c, "corrective_actions", "overdue", report_word("cpar_overdue",
	    lang), r->cpar.overdue);
	for (i = 0; i < r->nbuckets; i++) {
		calendar_format_date(r->buckets[i].first, d, sizeof d);
		report_bucket_words(r, &r->buckets[i], words, sizeof words);
		rec_int(c, "trend_received", d, words, r->buckets[i].received);
	}
}

void
report_render_csv(const struct report *r, struct buf *b)
{
	struct csv c;

	csv_init(&c, b);
	csv_text(&c, "section");
	csv_text(&c, "name");
	csv_text(&c, "label");
	csv_text(&c, "value");
	csv_end(&c);
	csv_counts(r, &c);
	csv_time(r, &c, "first_response", &r->response);
	csv_time(r, &c, "resolution", &r->resolution);
	csv_rest(r, &c);
}
