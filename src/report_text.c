/*
 * report_text.c — the recap as plain text for a terminal or a mail body:
 * headings, aligned figures, the list of cases.  The words are
 * report_words.c's; labels are padded by characters, not bytes.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "casedef.h"
#include "conf.h"
#include "report.h"
#include "utf8.h"

#define LABEL_COLS	34

/* label padded to LABEL_COLS characters, then the value. */
static void
line(struct buf *b, const char *label, const char *value)
{
	size_t n = utf8_length(label, strlen(label));

	buf_printf(b, "  %s", label);
	for (; n < LABEL_COLS; n++) {
		buf_addc(b, ' ');
	}
	buf_printf(b, " %s\n", value);
}

static void
line_int(struct buf *b, const char *label, int v)
{
	char n[24];

	snprintf(n, sizeof n, "%6d", v);
	line(b, label, n);
}

static void
heading(struct buf *b, const char *text)
{
	size_t i, n = utf8_length(text, strlen(text));

	buf_printf(b, "\n%s\n", text);
	for (i = 0; i < n; i++) {
		buf_addc(b, '-');
	}
	buf_addc(b, '\n');
}

static void
text_head(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	char words[128], asof[32];

	buf_printf(b, "%s\n%s\n", report_word("title", lang),
	    r->cf->org_name);
	report_period_words(&r->p.period, lang, words, sizeof words);
	calendar_format_local(r->as_of, asof, sizeof asof);
	buf_printf(b, "%s: %s%s%s%s\n%s: %s\n", report_word("period", lang),
	    words, r->p.period.name[0] ? " (" : "", r->p.period.name,
	    r->p.period.name[0] ? ")" : "", report_word("as_of", lang), asof);
	if (r->p.category || r->p.channel || r->p.officer) {
		buf_printf(b, "%s:", report_word("filter", lang));
		if (r->p.category) {
			buf_printf(b, " %s", report_category_word(r,
			    r->p.category));
		}
		if (r->p.channel) {
			buf_printf(b, " %s", report_channel_word(r->p.channel,
			    lang));
		}
		buf_printf(b, "%s%s\n", r->p.officer ? " " : "",
		    r->p.officer ? r->p.officer : "");
	}
}

static void
text_counts(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	size_t i;

	heading(b, report_word("counts", lang));
	line_int(b, report_word("received", lang), r->received);
	line_int(b, report_word("answered", lang), r->answered);
	line_int(b, report_word("awaiting_feedback", lang),
	    r->awaiting_feedback);
	line_int(b, report_word("closed", lang), r->closed);
	line_int(b, report_word("rejected", lang), r->rejected);
	line_int(b, report_word("open", lang), r->open);
	line_int(b, report_word("overdue", lang), r->overdue);
	line_int(b, report_word("escalated", lang), r->escalated);
	line_int(b, report_word("reopened", lang), r->reopened);
	if (r->merged > 0) {
		line_int(b, report_word("merged", lang), r->merged);
	}
	heading(b, report_word("by_channel", lang));
	for (i = 0; i < r->nchannels; i++) {
		line_int(b, report_channel_word(r->channels[i].name, lang),
		    r->channels[i].n);
	}
	heading(b, report_word("by_category", lang));
	for (i = 0; i < r->ncategories; i++) {
		line_int(b, report_category_word(r, r->categories[i].name),
		    r->categories[i].n);
	}
}

static void
text_time(const struct report *r, struct buf *b, const char *key,
    const struct report_times *t)
{
	char med[32], p90[32], pct[32], v[160];

	report_hours(t->median, r->p.lang, med, sizeof med);
	report_hours(t->p90, r->p.lang, p90, sizeof p90);
	if (t->decided > 0) {
		report_percent(100.0 * t->within / t->decided, r->p.lang, pct,
		    sizeof pct);
	} else {
		snprintf(pct, sizeof pct, "-");
	}
	snprintf(v, sizeof v, "%6d %10s %10s   %d/%d (%s)", t->n,
	    t->n ? med : "-", t->n ? p90 : "-", t->within, t->decided, pct);
	line(b, report_word(key, r->p.lang), v);
}

static void
text_times(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	char v[160];

	heading(b, report_word("times", lang));
	snprintf(v, sizeof v, "%6s %10s %10s   %s", report_word("cases_n",
	    lang), report_word("median", lang), "P90", report_word("within",
	    lang));
	line(b, "", v);
	text_time(r, b, "first_response", &r->response);
	text_time(r, b, "resolution", &r->resolution);
}

static void
text_satisfaction(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	double rate = report_satisfied_rate(r);
	char v[64], mean[48], num[24];
	int s;

	heading(b, report_word("satisfaction", lang));
	line_int(b, report_word("satisfied", lang), r->satisfied);
	line_int(b, report_word("dissatisfied", lang), r->dissatisfied);
	line_int(b, report_word("no_answer", lang), r->no_answer);
	if (rate >= 0) {
		report_percent(rate, lang, v, sizeof v);
	} else {
		snprintf(v, sizeof v, "-");
	}
	line(b, report_word("rate", lang), v);
	if (r->scored == 0) {
		return;
	}
	report_number(r->score_mean, 2, lang, num, sizeof num);
	snprintf(mean, sizeof mean, "%s / %d (%d)", num, r->scale, r->scored);
	line(b, report_word("mean_score", lang), mean);
	for (s = 1; s <= r->scale && s <= 5; s++) {
		snprintf(v, sizeof v, "%s %d", report_word("scores", lang), s);
		line_int(b, v, r->scores[s]);
	}
}

static void
text_indicators(const struct report *r, struct buf *b)
{
	const struct report_indicator *i;
	const char *lang = r->p.lang;
	char words[256], v[64];
	size_t k;

	heading(b, report_word("indicators", lang));
	if (r->nindicators == 0) {
		buf_printf(b, "  %s\n", report_word("no_indicators", lang));
	}
	for (k = 0; k < r->nindicators; k++) {
		i = &r->indicators[k];
		report_indicator_words(r, i, words, sizeof words);
		report_indicator_value(r, i, v, sizeof v);
		buf_printf(b, "  %s\n      %-16s %s\n", words, v,
		    report_word(!i->measured ? "not_measured" : i->met ? "met" :
		    "not_met", lang));
	}
}

static void
text_cpar(const struct report *r, struct buf *b)
{
	const struct report_cpar *c = &r->cpar;
	const char *lang = r->p.lang;

	heading(b, report_word("cpar", lang));
	if (c->opened + c->open == 0) {
		buf_printf(b, "  %s\n", report_word("cpar_none", lang));
		return;
	}
	line_int(b, report_word("cpar_opened", lang), c->opened);
	line_int(b, report_word("cpar_done", lang), c->done);
	line_int(b, report_word("cpar_verified", lang), c->verified);
	line_int(b, report_word("cpar_not_effective", lang), c->not_effective);
	line_int(b, report_word("cpar_overdue", lang), c->overdue);
	line_int(b, report_word("cpar_open", lang), c->open);
}

static void
text_trend(const struct report *r, struct buf *b)
{
	const struct report_bucket *k;
	const char *lang = r->p.lang;
	char label[64], med[32];
	size_t i;

	heading(b, report_word("trend", lang));
	buf_printf(b, "  %-22s %9s %9s %9s %12s\n", "",
	    report_word("received", lang), report_word("answered", lang),
	    report_word("overdue_short", lang), report_word("median", lang));
	for (i = 0; i < r->nbuckets; i++) {
		k = &r->buckets[i];
		report_bucket_words(r, k, label, sizeof label);
		report_hours(k->response_median, lang, med, sizeof med);
		buf_printf(b, "  %-22s %9d %9d %9d %12s\n", label, k->received,
		    k->answered, k->overdue, k->responses ? med : "-");
	}
}

static void
text_case(const struct report *r, struct buf *b, const struct report_listed *l)
{
	const char *lang = r->p.lang;
	char date[16], fr[32], res[32];

	report_date(l->received_at, date, sizeof date);
	report_hours(l->response_secs, lang, fr, sizeof fr);
	report_hours(l->resolve_secs, lang, res, sizeof res);
	buf_printf(b, "\n  %s  %s  %s\n", l->reference, date,
	    l->complainant ? l->complainant : report_word("confidential",
	    lang));
	buf_printf(b, "    %s: %s; %s: %s; %s: %s\n", report_word("category",
	    lang), report_category_word(r, l->category), report_word("channel",
	    lang), report_channel_word(l->channel, lang), report_word("status",
	    lang), case_status_label(l->status, lang));
	buf_printf(b, "    %s: %s\n", report_word("summary", lang), l->summary);
	if (l->done[0] != '\0') {
		buf_printf(b, "    %s: %s\n", report_word("done", lang),
		    l->done);
	}
	buf_printf(b, "    %s: %s; %s: %s\n", report_word("first_response",
	    lang), l->response_secs >= 0 ? fr : "-", report_word("resolution",
	    lang), l->resolve_secs >= 0 ? res : "-");
}

void
report_render_text(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	size_t i;

	text_head(r, b);
	text_counts(r, b);
	text_times(r, b);
	text_satisfaction(r, b);
	text_indicators(r, b);
	text_cpar(r, b);
	text_trend(r, b);
	heading(b, report_word("cases", lang));
	if (r->list_total == 0) {
		buf_printf(b, "  %s\n", report_word("none", lang));
	}
	for (i = 0; i < r->nlist; i++) {
		text_case(r, b, &r->list[i]);
	}
	if ((int)r->nlist < r->list_total) {
		buf_printf(b, "\n  %zu %s %d %s\n", r->nlist,
		    report_word("of", lang), r->list_total,
		    report_word("listed", lang));
	}
}
