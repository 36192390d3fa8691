/*
 * report_json.c — the recap as one JSON document: counts under their
 * plain names (received, answered, closed, rejected, open, overdue, ...),
 * times in working seconds (exact) and hours (rounded), percentages
 * rounded to one decimal, null where there is nothing to measure.  The
 * same figures as every other format (report.h); the HTML test compares
 * the page's numbers with these.
 *
 * corrective_actions is the object the corrective-action records fill
 * (store_report_cpar): recorded is false while there are none.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "json.h"
#include "report.h"

static void
day_string(int32_t day, char *buf, size_t len)
{
	calendar_format_date(day, buf, len);
}

static void
kv_percent(struct json *j, const char *k, int part, int whole)
{
	json_key(j, k);
	if (whole > 0) {
		json_number(j, 100.0 * part / whole, 1);
	} else {
		json_null(j);
	}
}

static void
json_head(struct json *j, const struct report *r)
{
	char d[16];

	json_kv_string(j, "organisation", r->cf->org_name);
	json_kv_string(j, "language", r->p.lang);
	json_key(j, "period");
	json_object_begin(j);
	json_kv_string(j, "name", r->p.period.name[0] ? r->p.period.name :
	    NULL);
	day_string(r->p.period.first, d, sizeof d);
	json_kv_string(j, "first_day", d);
	day_string(r->p.period.last, d, sizeof d);
	json_kv_string(j, "last_day", d);
	json_kv_time(j, "from", r->p.period.from);
	json_kv_time(j, "to", r->p.period.to);
	json_kv_time(j, "as_of", r->as_of);
	json_kv_time(j, "generated", r->generated);
	json_object_end(j);
	json_key(j, "filters");
	json_object_begin(j);
	json_kv_string(j, "category", r->p.category);
	json_kv_string(j, "channel", r->p.channel);
	json_kv_string(j, "officer", r->p.officer);
	json_object_end(j);
}

static void
json_counts(struct json *j, const struct report *r)
{
	size_t i;

	json_key(j, "counts");
	json_object_begin(j);
	json_kv_int(j, "received", r->received);
	json_kv_int(j, "answered", r->answered);
	json_kv_int(j, "awaiting_feedback", r->awaiting_feedback);
	json_kv_int(j, "closed", r->closed);
	json_kv_int(j, "rejected", r->rejected);
	json_kv_int(j, "open", r->open);
	json_kv_int(j, "overdue", r->overdue);
	json_kv_int(j, "escalated", r->escalated);
	json_kv_int(j, "reopened", r->reopened);
	json_kv_int(j, "merged", r->merged);
	json_object_end(j);
	json_key(j, "by_channel");
	json_object_begin(j);
	for (i = 0; i < r->nchannels; i++) {
		json_kv_int(j, r->channels[i].name, r->channels[i].n);
	}
	json_object_end(j);
	json_key(j, "by_category");
	json_object_begin(j);
	for (i = 0; i < r->ncategories; i++) {
		json_kv_int(j, r->categories[i].name, r->categories[i].n);
	}
	json_object_end(j);
}

static void
json_time(struct json *j, const char *name, const struct report_times *t)
{
	json_key(j, name);
	json_object_begin(j);
	json_kv_int(j, "cases", t->n);
	json_key(j, "median_seconds");
	t->n ? json_int(j, t->median) : json_null(j);
	json_key(j, "median_hours");
	t->n ? json_number(j, t->median / 3600.0, 1) : json_null(j);
	json_key(j, "p90_seconds");
	t->n ? json_int(j, t->p90) : json_null(j);
	json_key(j, "p90_hours");
	t->n ? json_number(j, t->p90 / 3600.0, 1) : json_null(j);
	json_kv_int(j, "within_standard", t->within);
	json_kv_int(j, "decided", t->decided);
	kv_percent(j, "within_percent", t->within, t->decided);
	json_object_end(j);
}

static void
json_satisfaction(struct json *j, const struct report *r)
{
	double rate = report_satisfied_rate(r);
	char k[16];
	int s;

	json_key(j, "satisfaction");
	json_object_begin(j);
	json_kv_int(j, "satisfied", r->satisfied);
	json_kv_int(j, "dissatisfied", r->dissatisfied);
	json_kv_int(j, "no_answer", r->no_answer);
	json_key(j, "rate_percent");
	rate >= 0 ? json_number(j, rate, 1) : json_null(j);
	json_key(j, "scores");
	json_object_begin(j);
	json_kv_int(j, "scale", r->scale);
	json_kv_int(j, "count", r->scored);
	json_key(j, "mean");
	r->scored ? json_number(j, r->score_mean, 2) : json_null(j);
	json_key(j, "by_score");
	json_object_begin(j);
	for (s = 1; s <= r->scale && s <= 5; s++) {
		snprintf(k, sizeof k, "%d", s);
		json_kv_int(j, k, r->scores[s]);
	}
	json_object_end(j);
	json_object_end(j);
	json_object_end(j);
}

static const char *const ind_names[] = {
	[REPORT_IND_RESPONSE] = "first_response_hours",
	[REPORT_IND_RESOLVE] = "resolve_days",
	[REPORT_IND_PER_MONTH] = "max_per_month",
	[REPORT_IND_SATISFIED] = "min_satisfied_percent",
};

static void
json_indicators(struct json *j, const struct report *r)
{
	const struct report_indicator *i;
	char d[16], words[256];
	size_t k;

	json_key(j, "indicators");
	json_array_begin(j);
	for (k = 0; k < r->nindicators; k++) {
		i = &r->indicators[k];
		json_object_begin(j);
		json_kv_string(j, "name", ind_names[i->kind]);
		report_indicator_words(r, i, words, sizeof words);
		json_kv_string(j, "text", words);
		json_kv_string(j, "category", i->category);
		json_kv_int(j, "standard", i->standard);
		json_key(j, "target_percent");
		i->target ? json_int(j, i->target) : json_null(j);
		json_key(j, "value");
		if (!i->measured) {
			json_null(j);
		} else if (i->kind == REPORT_IND_PER_MONTH) {
			json_int(j, (int64_t)i->value);
		} else {
			json_number(j, i->value, 1);
		}
		if (i->kind == REPORT_IND_PER_MONTH) {
			day_string(i->month, d, sizeof d);
			d[7] = '\0';
			json_kv_string(j, "month", d);
		}
		json_key(j, "measured");
		json_bool(j, i->measured);
		json_key(j, "met");
		i->measured ? json_bool(j, i->met) : json_null(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void
json_cpar(struct json *j, const struct report *r)
{
	const struct report_cpar *c = &r->cpar;

	json_key(j, "corrective_actions");
	json_object_begin(j);
	json_key(j, "recorded");
	json_bool(j, c->opened + c->open > 0);
	json_kv_int(j, "opened", c->opened);
	json_kv_int(j, "done", c->done);
	json_kv_int(j, "verified_effective", c->verified);
	json_kv_int(j, "not_effective", c->not_effective);
	json_kv_int(j, "overdue", c->overdue);
	json_kv_int(j, "open", c->open);
	json_object_end(j);
}

static void
json_trend(struct json *j, const struct report *r)
{
	const struct report_bucket *b;
	char d[16], label[64];
	size_t k;

	json_key(j, "trend");
	json_object_begin(j);
	json_kv_string(j, "unit", r->p.trend == 'm' ? "month" : "week");
	json_key(j, "buckets");
	json_array_begin(j);
	for (k = 0; k < r->nbuckets; k++) {
		b = &r->buckets[k];
		json_object_begin(j);
		report_bucket_words(r, b, label, sizeof label);
		json_kv_string(j, "label", label);
		day_string(b->first, d, sizeof d);
		json_kv_string(j, "first_day", d);
		day_string(b->last, d, sizeof d);
		json_kv_string(j, "last_day", d);
		json_kv_int(j, "received", b->received);
		json_kv_int(j, "answered", b->answered);
		json_kv_int(j, "overdue", b->overdue);
		json_key(j, "first_response_median_seconds");
		b->responses ? json_int(j, b->response_median) : json_null(j);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

static void
json_case(struct json *j, const struct report_listed *l)
{
	json_object_begin(j);
	json_kv_string(j, "reference", l->reference);
	json_kv_time(j, "received_at", l->received_at);
	json_kv_string(j, "complainant", l->complainant);
	json_key(j, "confidential");
	json_bool(j, l->complainant == NULL);
	json_kv_string(j, "category", l->category);
	json_kv_string(j, "channel", l->channel);
	json_kv_string(j, "summary", l->summary);
	json_kv_string(j, "done", l->done);
	json_kv_string(j, "status", l->status);
	json_key(j, "first_response_seconds");
	l->response_secs >= 0 ? json_int(j, l->response_secs) : json_null(j);
	json_key(j, "resolution_seconds");
	l->resolve_secs >= 0 ? json_int(j, l->resolve_secs) : json_null(j);
	json_object_end(j);
}

void
report_render_json(const struct report *r, struct buf *b)
{
	struct json j;
	size_t k;

	json_init(&j);
	json_object_begin(&j);
	json_head(&j, r);
	json_counts(&j, r);
	json_key(&j, "times");
	json_object_begin(&j);
	json_time(&j, "first_response", &r->response);
	json_time(&j, "resolution", &r->resolution);
	json_kv_int(&j, "first_response_standard_seconds",
	    r->response_standard);
	json_object_end(&j);
	json_satisfaction(&j, r);
	json_indicators(&j, r);
	json_cpar(&j, r);
	json_trend(&j, r);
	json_key(&j, "cases");
	json_object_begin(&j);
	json_kv_int(&j, "total", r->list_total);
	json_kv_int(&j, "listed", (int64_t)r->nlist);
	json_key(&j, "items");
	json_array_begin(&j);
	for (k = 0; k < r->nlist; k++) {
		json_case(&j, &r->list[k]);
	}
	json_array_end(&j);
	json_object_end(&j);
	json_object_end(&j);
	buf_add(b, j.b.data, j.b.len);
	buf_addc(b, '\n');
	json_free(&j);
}
