/*
 * report_html.c — the recap as one self-contained HTML page for people:
 * the organisation and the period in the heading, the main figures as
 * cards, charts drawn as inline SVG (complaints by category, the trend,
 * first responses against the standard), the indicators met or not, and
 * the list of cases.  Inline CSS, no script, nothing fetched: the file
 * can be mailed, archived and opened anywhere.  It prints on A4 (@page,
 * sections and table rows never cut, table headings repeated, the list of
 * cases from a new page).
 *
 * Every value shown comes from struct report, as in the JSON; the cells
 * carrying the main figures have ids (count-received, time-first_response-
 * median, ...) so a test can read the page and compare.  Everything that
 * comes from people (names, summaries, answers, category names) is
 * escaped.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "casedef.h"
#include "conf.h"
#include "report.h"

#define SVG_W		640
#define BAR_H		18

static const char css[] =
    "@page{size:A4;margin:14mm 12mm}"
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;"
    "font-size:10.5pt;color:#1d2733;margin:0 auto;max-width:186mm;"
    "line-height:1.35}"
    "header{border-bottom:3px solid #1f5f8b;margin-bottom:6mm;"
    "padding-bottom:2mm}"
    "h1{font-size:17pt;margin:0 0 1mm;color:#1f5f8b}"
    "h2{font-size:12.5pt;margin:0 0 2mm;color:#1f5f8b;"
    "border-bottom:1px solid #c9d6e2;padding-bottom:1mm}"
    ".org{font-size:13pt;font-weight:bold;margin:0}"
    ".meta{margin:1mm 0 0;color:#4a5866}"
    "section{margin:0 0 6mm;break-inside:avoid;page-break-inside:avoid}"
    "section.cases{break-before:page;page-break-before:always;"
    "break-inside:auto;page-break-inside:auto}"
    "table{border-collapse:collapse;width:100%;margin:1mm 0 2mm}"
    "th,td{border-bottom:1px solid #d5dde6;padding:2px 5px;"
    "text-align:left;vertical-align:top}"
    "th{background:#eef3f8;font-weight:bold}"
    "td.n,th.n{text-align:right;white-space:nowrap}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    ".cards{display:flex;flex-wrap:wrap;gap:3mm;margin:0 0 5mm}"
    ".card{flex:1 1 0;min-width:0;border:1px solid #c9d6e2;"
    "border-radius:2mm;"
    "padding:2mm 3mm;background:#f7fafc}"
    ".card .v{font-size:18pt;font-weight:bold;color:#1f5f8b}"
    ".card .l{font-size:9pt;color:#4a5866}"
    ".two{display:flex;gap:6mm}.two>div{flex:1}"
    ".met{color:#17692b;font-weight:bold}"
    ".notmet{color:#a01c1c;font-weight:bold}"
    ".na{color:#6b7785}"
    ".small{font-size:8.5pt;color:#4a5866}"
    "table.list{table-layout:fixed}"
    "table.list td,table.list th{font-size:8.5pt}"
    "table.list td{overflow-wrap:break-word}"
    "table.list td.ref{white-space:nowrap;font-size:8pt}"
    "table.list th.n,table.list td.n{white-space:normal}"
    "svg{display:block;margin:1mm 0 2mm}"
    "svg text{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10px;"
    "fill:#1d2733}"
    "footer{margin-top:6mm;font-size:8pt;color:#6b7785}"
    "@media print{body{max-width:none}}";

static void
esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, *s);
		}
	}
}

/* An id made of [a-z0-9-] from s. */
static void
id_part(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		buf_addc(b, (*s >= 'a' && *s <= 'z') || (*s >= '0' &&
		    *s <= '9') ? *s : (*s >= 'A' && *s <= 'Z') ? *s + 32 : '-');
	}
}

/* <tr><td>label</td><td class="n" id="...">value</td></tr> */
static void
row(struct buf *b, const char *label, const char *id, const char *value)
{
	buf_adds(b, "<tr><td>");
	esc(b, label);
	buf_adds(b, "</td><td class=\"n\"");
	if (id != NULL) {
		buf_adds(b, " id=\"");
		id_part(b, id);
		buf_addc(b, '"');
	}
	buf_addc(b, '>');
	esc(b, value);
	buf_adds(b, "</td></tr>\n");
}

static void
row_int(struct buf *b, const char *label, const char *id, int v)
{
	char n[24];

	snprintf(n, sizeof n, "%d", v);
	row(b, label, id, n);
}

/* ---- charts ---- */

#define SVG_OPEN	"<svg xmlns=\"http://www.w3.org/2000/svg\" " \
			"width=\"100%%\" "
#define RECT		"<rect x=\"%d\" y=\"%d\" width=\"%d\" " \
			"height=\"%d\" fill=\"%s\"/>"

/* Horizontal bars: one per label. */
static void
chart_bars(struct buf *b, const char *const *labels, const int *v,
    size_t n, const char *color)
{
	int max = 1, w;
	size_t i;

	for (i = 0; i < n; i++) {
		max = v[i] > max ? v[i] : max;
	}
	buf_printf(b, SVG_OPEN "viewBox=\"0 0 %d %zu\" role=\"img\">\n", SVG_W,
	    n * (BAR_H + 6) + 4);
	for (i = 0; i < n; i++) {
		w = (int)((long)v[i] * (SVG_W - 260) / max);
		buf_printf(b, "<text x=\"196\" y=\"%zu\" text-anchor=\"end\">",
		    i * (BAR_H + 6) + 15);
		esc(b, labels[i]);
		buf_printf(b, "</text><rect x=\"204\" y=\"%zu\" width=\"%d\" "
		    "height=\"%d\" fill=\"%s\"/><text x=\"%d\" y=\"%zu\">%d"
		    "</text>\n", i * (BAR_H + 6) + 2, w > 0 ? w : 1, BAR_H,
		    color, 204 + w + 6, i * (BAR_H + 6) + 15, v[i]);
	}
	buf_adds(b, "</svg>\n");
}

/* The trend: received and answered per bucket, side by side. */
static void
chart_trend(const struct report *r, struct buf *b)
{
	const int H = 150, top = 10, base = top + H;
	size_t i, n = r->nbuckets;
	int max = 1, slot = (int)((SVG_W - 40) / (n ? n : 1)), bw, x, h;
	char label[64];

	for (i = 0; i < n; i++) {
		max = r->buckets[i].received > max ? r->buckets[i].received :
		    max;
	}
	bw = slot / 3 > 2 ? slot / 3 : 2;
	buf_printf(b, SVG_OPEN "viewBox=\"0 0 %d %d\" role=\"img\">\n"
	    "<line x1=\"36\" y1=\"%d\" "
	    "x2=\"%d\" y2=\"%d\" stroke=\"#7b8794\"/>\n<text x=\"30\" "
	    "y=\"%d\" text-anchor=\"end\">%d</text>\n", SVG_W, base + 34, base,
	    SVG_W, base, top + 8, max);
	for (i = 0; i < n; i++) {
		x = 40 + (int)i * slot;
		h = r->buckets[i].received * H / max;
		buf_printf(b, RECT, x, base - h, bw, h, "#2f7fb5");
		h = r->buckets[i].answered * H / max;
		buf_printf(b, RECT "\n", x + bw, base - h, bw, h, "#7fc07f");
		if (n <= 16 || i % ((n + 15) / 16) == 0) {
			report_bucket_short(r, &r->buckets[i], label,
			    sizeof label);
			buf_printf(b, "<text x=\"%d\" y=\"%d\" "
			    "font-size=\"8\">", x, base + 14);
			esc(b, label);
			buf_adds(b, "</text>\n");
		}
	}
	buf_printf(b, "<rect x=\"40\" y=\"%d\" width=\"10\" height=\"10\" "
	    "fill=\"#2f7fb5\"/><text x=\"54\" y=\"%d\">%s</text><rect "
	    "x=\"200\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#7fc07f\"/>"
	    "<text x=\"214\" y=\"%d\">%s</text>\n</svg>\n", base + 22,
	    base + 31, report_word("received", r->p.lang), base + 22,
	    base + 31, report_word("answered", r->p.lang));
}

/* First responses (median per bucket) against the standard line. */
static void
chart_times(const struct report *r, struct buf *b)
{
	const int H = 140, top = 12, base = top + H;
	int64_t max = r->response_standard, m;
	size_t i, n = r->nbuckets;
	int slot = (int)((SVG_W - 60) / (n ? n : 1)), x, h, sy;
	char hours[32];

	for (i = 0; i < n; i++) {
		max = r->buckets[i].response_median > max ?
		    r->buckets[i].response_median : max;
	}
	max = max > 0 ? max : 1;
	sy = base - (int)(r->response_standard * H / max);
	buf_printf(b, SVG_OPEN "viewBox=\"0 0 %d %d\" role=\"img\">\n"
	    "<line x1=\"56\" y1=\"%d\" "
	    "x2=\"%d\" y2=\"%d\" stroke=\"#7b8794\"/>\n", SVG_W, base + 24,
	    base, SVG_W, base);
	for (i = 0; i < n; i++) {
		m = r->buckets[i].response_median;
		x = 60 + (int)i * slot;
		h = (int)(m * H / max);
		buf_printf(b, RECT "\n", x, base - h, slot > 6 ? slot - 4 : 2,
		    h, m > r->response_standard ? "#d0584f" : "#2f7fb5");
	}
	report_hours(r->response_standard, r->p.lang, hours, sizeof hours);
	buf_printf(b, "<line x1=\"56\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#a01c1c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
	    "<text x=\"52\" y=\"%d\" text-anchor=\"end\">", sy, SVG_W, sy,
	    sy + 4);
	esc(b, hours);
	buf_printf(b, "</text>\n<text x=\"60\" y=\"%d\">%s: ", base + 18,
	    report_word("standard", r->p.lang));
	esc(b, hours);
	buf_adds(b, "</text>\n</svg>\n");
}

/* ---- sections ---- */

static void
html_head(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	char words[128], asof[32];

	report_period_words(&r->p.period, lang, words, sizeof words);
	calendar_format_local(r->as_of, asof, sizeof asof);
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta "
	    "charset=\"utf-8\">\n<title>", lang);
	esc(b, report_word("title", lang));
	buf_adds(b, " - ");
	esc(b, r->cf->org_name);
	buf_adds(b, " - ");
	esc(b, words);
	buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>"
	    "\n<h1>", css);
	esc(b, report_word("title", lang));
	buf_adds(b, "</h1>\n<p class=\"org\" id=\"organisation\">");
	esc(b, r->cf->org_name);
	buf_printf(b, "</p>\n<p class=\"meta\">%s: <b id=\"period\">",
	    report_word("period", lang));
	esc(b, words);
	buf_printf(b, "</b>%s%s%s &middot; %s %s", r->p.period.name[0] ? " (" :
	    "", r->p.period.name, r->p.period.name[0] ? ")" : "",
	    report_word("as_of", lang), asof);
	if (r->p.category || r->p.channel || r->p.officer) {
		buf_printf(b, " &middot; %s: ", report_word("filter", lang));
		esc(b, r->p.category ? report_category_word(r, r->p.category) :
		    "");
		buf_adds(b, r->p.category ? " " : "");
		esc(b, r->p.channel ? report_channel_word(r->p.channel, lang) :
		    "");
		buf_adds(b, r->p.channel ? " " : "");
		esc(b, r->p.officer ? r->p.officer : "");
	}
	buf_adds(b, "</p>\n</header>\n");
}

static void
html_cards(const struct report *r, struct buf *b)
{
	const char *keys[] = { "received", "answered", "open", "overdue",
	    "escalated", "reopened" };
	const int v[] = { r->received, r->answered, r->open, r->overdue,
	    r->escalated, r->reopened };
	size_t i;

	buf_adds(b, "<div class=\"cards\">\n");
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		buf_printf(b, "<div class=\"card\"><div class=\"v\" "
		    "id=\"card-%s\">%d</div><div class=\"l\">%s</div></div>\n",
		    keys[i], v[i], report_word(keys[i], r->p.lang));
	}
	buf_adds(b, "</div>\n");
}

static void
html_counts(const struct report *r, struct buf *b)
{
	static const char *const keys[] = { "received", "answered",
	    "awaiting_feedback", "closed", "rejected", "open", "overdue",
	    "escalated", "reopened", "merged" };
	const int v[] = { r->received, r->answered, r->awaiting_feedback,
	    r->closed, r->rejected, r->open, r->overdue, r->escalated,
	    r->reopened, r->merged };
	const char *lang = r->p.lang;
	char id[80];
	size_t i;

	buf_printf(b, "<section id=\"counts\">\n<h2>%s</h2>\n"
	    "<div class=\"two\"><div><table>\n", report_word("counts", lang));
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		snprintf(id, sizeof id, "count-%s", keys[i]);
		row_int(b, report_word(keys[i], lang), id, v[i]);
	}
	buf_printf(b, "</table></div><div><table>\n<thead><tr><th>%s</th><th "
	    "class=\"n\"></th></tr></thead>\n", report_word("by_channel",
	    lang));
	for (i = 0; i < r->nchannels; i++) {
		snprintf(id, sizeof id, "channel-%s", r->channels[i].name);
		row_int(b, report_channel_word(r->channels[i].name, lang), id,
		    r->channels[i].n);
	}
	buf_adds(b, "</table></div></div>\n</section>\n");
}

static void
html_categories(const struct report *r, struct buf *b)
{
	const char *labels[64];
	int v[64];
	char id[96];
	size_t i, n = r->ncategories < 64 ? r->ncategories : 64;

	buf_printf(b, "<section id=\"categories\">\n<h2>%s</h2>\n",
	    report_word("by_category", r->p.lang));
	for (i = 0; i < n; i++) {
		labels[i] = report_category_word(r, r->categories[i].name);
		v[i] = r->categories[i].n;
	}
	chart_bars(b, labels, v, n, "#2f7fb5");
	buf_adds(b, "<table>\n");
	for (i = 0; i < r->ncategories; i++) {
		snprintf(id, sizeof id, "category-%s", r->categories[i].name);
		row_int(b, report_category_word(r, r->categories[i].name), id,
		    r->categories[i].n);
	}
	buf_adds(b, "</table>\n</section>\n");
}

static void
html_time_row(const struct report *r, struct buf *b, const char *key,
    const struct report_times *t)
{
	char v[3][32];

	report_hours(t->median, r->p.lang, v[0], sizeof v[0]);
	report_hours(t->p90, r->p.lang, v[1], sizeof v[1]);
	if (t->decided > 0) {
		report_percent(100.0 * t->within / t->decided, r->p.lang, v[2],
		    sizeof v[2]);
	}
	buf_printf(b, "<tr><td>%s</td><td class=\"n\" id=\"time-%s-cases\">%d"
	    "</td><td class=\"n\" id=\"time-%s-median\">%s</td><td class=\"n\""
	    " id=\"time-%s-p90\">%s</td><td class=\"n\" id=\"time-%s-within\">"
	    "%s</td><td class=\"n\">%d/%d</td></tr>\n", report_word(key,
	    r->p.lang), key, t->n, key, t->n ? v[0] : "-", key,
	    t->n ? v[1] : "-", key, t->decided ? v[2] : "-", t->within,
	    t->decided);
}

static void
html_times(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;

	buf_printf(b, "<section id=\"times\">\n<h2>%s</h2>\n<table>\n"
	    "<thead><tr><th></th><th class=\"n\">%s</th><th class=\"n\">"
	    "%s</th><th "
	    "class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\"></th>"
	    "</tr></thead>\n", report_word("times", lang),
	    report_word("cases_n", lang), report_word("median", lang),
	    report_word("p90", lang), report_word("within", lang));
	html_time_row(r, b, "first_response", &r->response);
	html_time_row(r, b, "resolution", &r->resolution);
	buf_printf(b, "</table>\n<p class=\"small\">%s</p>\n",
	    report_word("response_vs_standard", lang));
	chart_times(r, b);
	buf_adds(b, "</section>\n");
}

static void
html_satisfaction(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	double rate = report_satisfied_rate(r);
	char v[64], id[32], num[24];
	int s;

	buf_printf(b, "<section id=\"satisfaction\">\n<h2>%s</h2>\n<table>\n",
	    report_word("satisfaction", lang));
	row_int(b, report_word("satisfied", lang), "sat-satisfied",
	    r->satisfied);
	row_int(b, report_word("dissatisfied", lang), "sat-dissatisfied",
	    r->dissatisfied);
	row_int(b, report_word("no_answer", lang), "sat-no_answer",
	    r->no_answer);
	if (rate >= 0) {
		report_percent(rate, lang, v, sizeof v);
	}
	row(b, report_word("rate", lang), "sat-rate", rate >= 0 ? v : "-");
	if (r->scored > 0) {
		report_number(r->score_mean, 2, lang, num, sizeof num);
		snprintf(v, sizeof v, "%s / %d (%d)", num, r->scale,
		    r->scored);
		row(b, report_word("mean_score", lang), "sat-mean", v);
		for (s = 1; s <= r->scale && s <= 5; s++) {
			snprintf(v, sizeof v, "%s %d", report_word("scores",
			    lang), s);
			snprintf(id, sizeof id, "sat-score-%d", s);
			row_int(b, v, id, r->scores[s]);
		}
	}
	buf_adds(b, "</table>\n</section>\n");
}

static void
html_indicators(const struct report *r, struct buf *b)
{
	const struct report_indicator *i;
	const char *lang = r->p.lang;
	char words[256], v[64];
	size_t k;

	buf_printf(b, "<section id=\"indicators\">\n<h2>%s</h2>\n",
	    report_word("indicators", lang));
	if (r->nindicators == 0) {
		buf_printf(b, "<p>%s</p>\n</section>\n", report_word(
		    "no_indicators", lang));
		return;
	}
	buf_printf(b, "<table>\n<thead><tr><th>%s</th><th class=\"n\">%s</th>"
	    "<th>%s</th></tr></thead>\n", report_word("indicator", lang),
	    report_word("value", lang), report_word("result", lang));
	for (k = 0; k < r->nindicators; k++) {
		i = &r->indicators[k];
		report_indicator_words(r, i, words, sizeof words);
		report_indicator_value(r, i, v, sizeof v);
		buf_adds(b, "<tr><td>");
		esc(b, words);
		buf_printf(b, "</td><td class=\"n\" id=\"indicator-%zu\">", k);
		esc(b, v);
		buf_printf(b, "</td><td class=\"%s\">%s</td></tr>\n",
		    !i->measured ? "na" : i->met ? "met" : "notmet",
		    report_word(!i->measured ? "not_measured" : i->met ? "met" :
		    "not_met", lang));
	}
	buf_adds(b, "</table>\n</section>\n");
}

static void
html_cpar(const struct report *r, struct buf *b)
{
	const struct report_cpar *c = &r->cpar;
	const char *lang = r->p.lang;

	buf_printf(b, "<section id=\"cpar\">\n<h2>%s</h2>\n",
	    report_word("cpar", lang));
	if (c->opened + c->open == 0) {
		buf_printf(b, "<p>%s</p>\n</section>\n", report_word(
		    "cpar_none", lang));
		return;
	}
	buf_adds(b, "<table>\n");
	row_int(b, report_word("cpar_opened", lang), "cpar-opened", c->opened);
	row_int(b, report_word("cpar_done", lang), "cpar-done", c->done);
	row_int(b, report_word("cpar_verified", lang), "cpar-verified",
	    c->verified);
	row_int(b, report_word("cpar_not_effective", lang),
	    "cpar-not-effective", c->not_effective);
	row_int(b, report_word("cpar_overdue", lang), "cpar-overdue",
	    c->overdue);
	row_int(b, report_word("cpar_open", lang), "cpar-open", c->open);
	buf_adds(b, "</table>\n</section>\n");
}

static void
html_trend(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	char label[64], med[32];
	size_t i;

	buf_printf(b, "<section id=\"trend\">\n<h2>%s</h2>\n",
	    report_word("trend", lang));
	chart_trend(r, b);
	buf_printf(b, "<table>\n<thead><tr><th></th><th class=\"n\">%s</th><th "
	    "class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
	    "</tr></thead>\n", report_word("received", lang),
	    report_word("answered", lang), report_word("overdue_short", lang),
	    report_word("median", lang));
	for (i = 0; i < r->nbuckets; i++) {
		report_bucket_words(r, &r->buckets[i], label, sizeof label);
		report_hours(r->buckets[i].response_median, lang, med,
		    sizeof med);
		buf_adds(b, "<tr><td>");
		esc(b, label);
		buf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">"
		    "%d</td><td class=\"n\">%d</td><td class=\"n\">%s</td>"
		    "</tr>\n",
		    r->buckets[i].received, r->buckets[i].answered,
		    r->buckets[i].overdue, r->buckets[i].responses ? med : "-");
	}
	buf_adds(b, "</table>\n</section>\n");
}

static void
html_case(const struct report *r, struct buf *b, const struct report_listed *l)
{
	const char *lang = r->p.lang;
	char date[16], fr[32], res[32];

	report_date(l->received_at, date, sizeof date);
	report_hours(l->response_secs, lang, fr, sizeof fr);
	report_hours(l->resolve_secs, lang, res, sizeof res);
	buf_adds(b, "<tr><td class=\"ref\">");
	esc(b, l->reference);
	buf_printf(b, "</td><td class=\"ref\">%s</td><td>", date);
	esc(b, l->complainant ? l->complainant : report_word("confidential",
	    lang));
	buf_adds(b, "</td><td>");
	esc(b, report_category_word(r, l->category));
	buf_adds(b, "<br><span class=\"small\">");
	esc(b, report_channel_word(l->channel, lang));
	buf_adds(b, "</span></td><td>");
	esc(b, l->summary);
	buf_adds(b, "</td><td>");
	esc(b, l->done);
	buf_adds(b, "</td><td>");
	esc(b, case_status_label(l->status, lang));
	buf_printf(b, "</td><td class=\"n\">%s<br>%s</td></tr>\n",
	    l->response_secs >= 0 ? fr : "-", l->resolve_secs >= 0 ? res : "-");
}

static void
html_cases(const struct report *r, struct buf *b)
{
	const char *lang = r->p.lang;
	size_t i;

	buf_printf(b, "<section class=\"cases\" id=\"cases\">\n<h2>%s</h2>\n",
	    report_word("cases", lang));
	if (r->list_total == 0) {
		buf_printf(b, "<p>%s</p>\n</section>\n", report_word("none",
		    lang));
		return;
	}
	buf_printf(b, "<table class=\"list\">\n<colgroup><col style=\"width:"
	    "14%%\"><col style=\"width:9%%\"><col style=\"width:14%%\"><col "
	    "style=\"width:11%%\"><col style=\"width:21%%\"><col style=\""
	    "width:13%%\"><col style=\"width:8%%\"><col style=\"width:10%%\">"
	    "</colgroup>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s"
	    "</th><th>%s</th><th>%s</th><th>%s</th><th class=\"n\">%s</th>"
	    "</tr></thead>\n<tbody>\n",
	    report_word("reference", lang), report_word("date", lang),
	    report_word("complainant", lang), report_word("category", lang),
	    report_word("summary", lang), report_word("done", lang),
	    report_word("status", lang), report_word("hours_col", lang));
	for (i = 0; i < r->nlist; i++) {
		html_case(r, b, &r->list[i]);
	}
	buf_adds(b, "</tbody>\n</table>\n");
	if ((int)r->nlist < r->list_total) {
		buf_printf(b, "<p class=\"small\">%zu %s %d %s</p>\n", r->nlist,
		    report_word("of", lang), r->list_total,
		    report_word("listed", lang));
	}
	buf_adds(b, "</section>\n");
}

void
report_render_html(const struct report *r, struct buf *b)
{
	char gen[32];

	html_head(r, b);
	html_cards(r, b);
	html_counts(r, b);
	html_categories(r, b);
	html_times(r, b);
	html_satisfaction(r, b);
	html_indicators(r, b);
	html_cpar(r, b);
	html_trend(r, b);
	html_cases(r, b);
	calendar_format_local(r->generated, gen, sizeof gen);
	buf_printf(b, "<footer>%s %s &middot; complaintd</footer>\n</body>\n"
	    "</html>\n", report_word("generated", r->p.lang), gen);
}
