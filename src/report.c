/*
 * report.c — the figures of a recap from its cases (see report.h for what
 * each figure means).  Pure: rows in, figures out.
 *
 * One pass over the rows, each looked at once: counts go straight into
 * the struct, working times into arrays sorted at the end for medians and
 * percentiles.  Working time comes from a calendar table over the period
 * (calendar.h), built once, so a year of cases costs binary searches,
 * not a walk of days per case.  Days of the period map to their trend
 * bucket and calendar month through two small arrays made up front.
 */
#include <stdlib.h>
#include <string.h>

#include "casedef.h"
#include "conf.h"
#include "privacy.h"
#include "report.h"
#include "xmalloc.h"

struct report_vals {
	int64_t	*v;
	size_t	 n, cap;
};

struct report_work {
	int32_t		 ndays;		/* days of the period */
	size_t		*day_bucket;	/* per day */
	size_t		*day_month;
	size_t		 nmonths;
	int32_t		*month_first;	/* first day of each month */
	int		*per_month;	/* received per month */
	int		*cat_month;	/* [indicator category][month] */
	struct report_vals resp, res;
	struct report_vals *bucket_resp;
	int		 ind_resp_within, ind_resp_decided;
	int		 ind_res_within, ind_res_decided;
	double		 score_sum;
};

static void
vals_add(struct report_vals *a, int64_t v)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	a->v[a->n++] = v;
}

/* Move the k-th smallest of v[0..n) to v[k], the smaller ones before it
 * and the larger after (Hoare's selection): linear on average, where
 * sorting a year of times would cost a log factor more. */
static void
vals_select(int64_t *v, size_t n, size_t k)
{
	long lo = 0, hi = (long)n - 1, i, j, want = (long)k;
	int64_t pivot, t;

	while (lo < hi) {
		pivot = v[lo + (hi - lo) / 2];
		i = lo;
		j = hi;
		while (i <= j) {
			while (v[i] < pivot) {
				i++;
			}
			while (v[j] > pivot) {
				j--;
			}
			if (i <= j) {
				t = v[i];
				v[i++] = v[j];
				v[j--] = t;
			}
		}
		if (want <= j) {
			hi = j;
		} else if (want >= i) {
			lo = i;
		} else {
			return;
		}
	}
}

/* The median and the nearest-rank 90th percentile (the order of the
 * values changes). */
static void
vals_stats(struct report_vals *a, int64_t *median, int64_t *p90)
{
	size_t k, i, m = a->n / 2;
	int64_t below;

	*median = *p90 = 0;
	if (a->n == 0) {
		return;
	}
	k = (a->n * 9 + 9) / 10;	/* ceil(0.9 n) */
	vals_select(a->v, a->n, k - 1);
	*p90 = a->v[k - 1];
	/* the median is at or below the 90th percentile: select within */
	vals_select(a->v, k, m < k ? m : k - 1);
	*median = a->v[m];
	if (a->n % 2 == 0) {
		for (below = a->v[0], i = 1; i < m; i++) {
			below = a->v[i] > below ? a->v[i] : below;
		}
		*median = (below + a->v[m]) / 2;
	}
}

/* ---- setting up ---- */

/* Trend buckets over the period's days: ISO weeks or calendar months. */
static void
report_buckets(struct report *r)
{
	struct report_work *w = r->w;
	int32_t d, key, prev = -1;
	int y, m, dd;
	char unit = r->p.trend ? r->p.trend : w->ndays <= 92 ? 'w' : 'm';

	r->p.trend = unit;
	for (d = r->p.period.first; d <= r->p.period.last; d++) {
		calendar_civil(d, &y, &m, &dd);
		key = unit == 'w' ? (d + 3) / 7 : y * 12 + m;	/* Monday */
		if (key != prev) {
			r->buckets = xreallocarray(r->buckets, r->nbuckets + 1,
			    sizeof *r->buckets);
			memset(&r->buckets[r->nbuckets], 0, sizeof *r->buckets);
			r->buckets[r->nbuckets++].first = d;
			prev = key;
		}
		r->buckets[r->nbuckets - 1].last = d;
		w->day_bucket[d - r->p.period.first] = r->nbuckets - 1;
	}
	w->bucket_resp = xcalloc(r->nbuckets, sizeof *w->bucket_resp);
}

static void
report_months(struct report *r)
{
	struct report_work *w = r->w;
	int32_t d;
	int y, m, dd, prev = -1;

	for (d = r->p.period.first; d <= r->p.period.last; d++) {
		calendar_civil(d, &y, &m, &dd);
		if (y * 12 + m != prev) {
			w->month_first = xreallocarray(w->month_first,
			    w->nmonths + 1, sizeof *w->month_first);
			w->month_first[w->nmonths++] = d;
			prev = y * 12 + m;
		}
		w->day_month[d - r->p.period.first] = w->nmonths - 1;
	}
	w->per_month = xcalloc(w->nmonths, sizeof *w->per_month);
	w->cat_month = xcalloc(w->nmonths * (r->cf->indicators.ncategories +
	    1), sizeof *w->cat_month);
}

struct report *
report_new(const struct conf *cf, const struct calendar *cal,
    const struct report_params *p)
{
	struct report *r = xcalloc(1, sizeof *r);
	struct report_work *w = r->w = xcalloc(1, sizeof *w);
	int margin = cf->indicators.resolve_days > cf->sla.resolve_days ?
	    cf->indicators.resolve_days : cf->sla.resolve_days;

	r->p = *p;
	r->cf = cf;
	r->generated = p->now;
	r->as_of = p->now < p->period.to ? p->now : p->period.to;
	if (r->as_of < p->period.from) {
		r->as_of = p->period.from;
	}
	r->scale = cf->feedback_scale;
	w->ndays = p->period.last - p->period.first + 1;
	w->day_bucket = xcalloc((size_t)w->ndays, sizeof *w->day_bucket);
	w->day_month = xcalloc((size_t)w->ndays, sizeof *w->day_month);
	report_buckets(r);
	report_months(r);
	/* answers due up to N working days after the end */
	r->tbl = calendar_table_new(cal, p->period.from, r->as_of +
	    (time_t)(2 * margin + 21) * 86400);
	return r;
}

/* ---- one case ---- */

static void
count_add(struct report_count **arr, size_t *n, const char *name)
{
	size_t i;

	name = name ? name : "";
	for (i = 0; i < *n; i++) {
		if (strcmp((*arr)[i].name, name) == 0) {
			(*arr)[i].n++;
			return;
		}
	}
	*arr = xreallocarray(*arr, *n + 1, sizeof **arr);
	(*arr)[*n].name = xstrdup(name);
	(*arr)[(*n)++].n = 1;
}

/* What a case's record says about it at as_of. */
struct report_case_state {
	int	responded;	/* first response by as_of */
	int	answered;	/* answered by as_of */
	int	finished;	/* rejected or closed by as_of */
	int	reopened;	/* reopened again by as_of, still open */
	int	late_response, late_answer;
	int	waiting;	/* waiting on the complainant at as_of */
};

static void
report_state(const struct report *r, const struct report_row *c,
    struct report_case_state *s)
{
	time_t t = r->as_of;

	memset(s, 0, sizeof *s);
	s->responded = c->first_response_at != 0 && c->first_response_at <= t;
	s->answered = c->resolved_at != 0 && c->resolved_at <= t;
	s->finished = c->closed_at != 0 && c->closed_at <= t;
	s->reopened = s->answered && case_status_open(c->status) &&
	    c->started_at >= c->resolved_at && c->started_at <= t;
	s->waiting = c->paused_at != 0 && c->paused_at <= t &&
	    strcmp(c->status, CASE_WAITING) == 0;
	if (c->response_due_at != 0) {
		s->late_response = s->responded ? c->first_response_at >
		    c->response_due_at : c->response_due_at <= t;
	}
	if (c->resolve_due_at == 0) {
		return;
	}
	/* a case reopened by then is waiting for its new answer */
	if (s->answered && !s->reopened) {
		s->late_answer = c->resolved_at > c->resolve_due_at;
	} else if (!s->finished) {
		s->late_answer = c->resolve_due_at <= t && !(s->waiting &&
		    c->resolve_due_at >= c->paused_at);
	}
}

/* The times, and whether each met its due time. */
static void
report_times_add(struct report *r, const struct report_row *c,
    const struct report_case_state *s, size_t b)
{
	struct report_work *w = r->w;
	int64_t secs;

	if (s->responded) {
		secs = calendar_table_between(r->tbl, c->received_at,
		    c->first_response_at);
		vals_add(&w->resp, secs);
		if (b != (size_t)-1) {
			vals_add(&w->bucket_resp[b], secs);
		}
	}
	if (c->response_due_at != 0 && (s->responded || s->late_response)) {
		r->response.decided++;
		r->response.within += !s->late_response;
	}
	if (s->answered) {
		vals_add(&w->res, calendar_table_between(r->tbl,
		    c->received_at, c->resolved_at));
	}
	if (c->resolve_due_at != 0 && (s->answered || s->late_answer)) {
		r->resolution.decided++;
		r->resolution.within += !s->late_answer;
	}
}

/* The organisation's standards, where set. */
static void
report_ind_add(struct report *r, const struct report_row *c,
    const struct report_case_state *s)
{
	const struct conf_indicators *in = &r->cf->indicators;
	struct report_work *w = r->w;
	int64_t lim = (int64_t)in->first_response_hours * 3600;
	time_t deadline;

	if (in->first_response_hours > 0 && s->responded) {
		w->ind_resp_decided++;
		w->ind_resp_within += calendar_table_between(r->tbl,
		    c->received_at, c->first_response_at) <= lim;
	} else if (in->first_response_hours > 0 && calendar_table_between(
	    r->tbl, c->received_at, r->as_of) > lim) {
		w->ind_resp_decided++;
	}
	if (in->resolve_days <= 0 || (s->finished && !s->answered)) {
		return;
	}
	deadline = calendar_table_add_days(r->tbl, c->received_at,
	    in->resolve_days);
	if (s->answered) {
		w->ind_res_decided++;
		w->ind_res_within += c->resolved_at <= deadline;
	} else if (deadline <= r->as_of) {
		w->ind_res_decided++;
	}
}

static void
report_satisfaction_add(struct report *r, const struct report_row *c)
{
	const char *sat = c->satisfaction ? c->satisfaction : "";
	int k = c->scale, K = r->scale;

	r->satisfied += strcmp(sat, "satisfied") == 0;
	r->dissatisfied += strcmp(sat, "dissatisfied") == 0;
	r->no_answer += strcmp(sat, "no_answer") == 0;
	if (c->score < 1 || k < 2 || c->score > k) {
		return;
	}
	r->scored++;
	r->w->score_sum += 1.0 + (double)(c->score - 1) * (K - 1) / (k - 1);
	if (k == K && c->score <= 5) {
		r->scores[c->score]++;
	}
}

/* Per month, overall and for the categories with a standard. */
static void
report_month_add(struct report *r, const struct report_row *c, size_t m)
{
	const struct conf_indicators *in = &r->cf->indicators;
	struct report_work *w = r->w;
	size_t i;

	w->per_month[m]++;
	for (i = 0; i < in->ncategories; i++) {
		if (c->category != NULL && in->categories[i].category != NULL &&
		    strcmp(c->category, in->categories[i].category) == 0) {
			w->cat_month[i * w->nmonths + m]++;
		}
	}
}

void
report_add(struct report *r, const struct report_row *c)
{
	struct report_case_state s;
	int32_t d = calendar_table_day(r->tbl, c->received_at) -
	    r->p.period.first;
	size_t b = d >= 0 && d < r->w->ndays ? r->w->day_bucket[d] :
	    (size_t)-1;

	if (strcmp(c->status, CASE_MERGED) == 0) {
		r->merged++;
		return;
	}
	report_state(r, c, &s);
	r->received++;
	count_add(&r->channels, &r->nchannels, c->channel);
	count_add(&r->categories, &r->ncategories, c->category);
	r->answered += s.answered;
	r->awaiting_feedback += s.answered && !s.finished && !s.reopened;
	r->closed += s.finished && strcmp(c->status, CASE_CLOSED) == 0;
	r->rejected += s.finished && strcmp(c->status, CASE_REJECTED) == 0;
	r->open += !s.finished && (!s.answered || s.reopened);
	r->overdue += s.late_response || s.late_answer;
	r->escalated += c->escalation_level > 0;
	r->reopened += c->reopened > 0;
	report_times_add(r, c, &s, b);
	report_ind_add(r, c, &s);
	report_satisfaction_add(r, c);
	if (b != (size_t)-1) {
		r->buckets[b].received++;
		r->buckets[b].answered += s.answered;
		r->buckets[b].overdue += s.late_response || s.late_answer;
		report_month_add(r, c, r->w->day_month[d]);
	}
}

/* ---- the list ---- */

/* A text of the list; a confidential complainant's name, address and
 * number taken out (the complainant's own words often end with them). */
static char *
report_text(const struct report *r, const struct report_item *it,
    const char *text)
{
	if (!it->confidential) {
		return xstrdup(text ? text : "");
	}
	return privacy_scrub(text ? text : "", it->party_name,
	    it->party_email, it->party_phone, privacy_placeholder(r->p.lang));
}

void
report_list_add(struct report *r, const struct report_item *it)
{
	struct report_listed *l;

	if (r->nlist >= (size_t)(r->p.list_max > 0 ? r->p.list_max : 0)) {
		return;
	}
	r->list = xreallocarray(r->list, r->nlist + 1, sizeof *r->list);
	l = &r->list[r->nlist++];
	memset(l, 0, sizeof *l);
	l->reference = xstrdup(it->reference);
	l->received_at = it->received_at;
	l->complainant = it->confidential ? NULL :
	    xstrdup(it->complainant ? it->complainant : "");
	l->category = xstrdup(it->category);
	l->channel = xstrdup(it->channel);
	l->summary = report_text(r, it, it->summary);
	l->done = report_text(r, it, it->done);
	l->status = xstrdup(it->status);
	l->response_secs = it->first_response_at != 0 &&
	    it->first_response_at <= r->as_of ? calendar_table_between(r->tbl,
	    it->received_at, it->first_response_at) : -1;
	l->resolve_secs = it->resolved_at != 0 && it->resolved_at <= r->as_of ?
	    calendar_table_between(r->tbl, it->received_at, it->resolved_at) :
	    -1;
}

/* ---- finishing ---- */

static int
count_cmp(const void *a, const void *b)
{
	const struct report_count *x = a, *y = b;

	return x->n != y->n ? (y->n > x->n) - (y->n < x->n) :
	    strcmp(x->name, y->name);
}

static struct report_indicator *
ind_new(struct report *r, enum report_ind_kind kind, int standard)
{
	struct report_indicator *i;

	r->indicators = xreallocarray(r->indicators, r->nindicators + 1,
	    sizeof *r->indicators);
	i = &r->indicators[r->nindicators++];
	memset(i, 0, sizeof *i);
	i->kind = kind;
	i->standard = standard;
	return i;
}

/* A share of decided cases against the on-time target. */
static void
ind_share(struct report *r, enum report_ind_kind kind, int standard,
    int within, int decided)
{
	struct report_indicator *i = ind_new(r, kind, standard);

	i->target = r->cf->indicators.on_time_percent;
	i->measured = decided > 0;
	i->value = decided > 0 ? 100.0 * within / decided : 0;
	i->met = i->measured && i->value + 1e-9 >= i->target;
}

/* The busiest month of one category (cat < ncategories) or of all. */
static void
ind_per_month(struct report *r, size_t cat, int standard)
{
	struct report_work *w = r->w;
	struct report_indicator *i = ind_new(r, REPORT_IND_PER_MONTH,
	    standard);
	const int *counts = cat < r->cf->indicators.ncategories ?
	    &w->cat_month[cat * w->nmonths] : w->per_month;
	size_t m, best = 0;

	for (m = 1; m < w->nmonths; m++) {
		if (counts[m] > counts[best]) {
			best = m;
		}
	}
	i->category = cat < r->cf->indicators.ncategories ?
	    r->cf->indicators.categories[cat].category : NULL;
	i->measured = 1;
	i->value = counts[best];
	i->month = w->month_first[best];
	i->met = counts[best] <= standard;
}

static void
report_indicators(struct report *r)
{
	const struct conf_indicators *in = &r->cf->indicators;
	struct report_indicator *i;
	double rate = report_satisfied_rate(r);
	size_t c;

	if (in->first_response_hours > 0) {
		ind_share(r, REPORT_IND_RESPONSE, in->first_response_hours,
		    r->w->ind_resp_within, r->w->ind_resp_decided);
	}
	if (in->resolve_days > 0) {
		ind_share(r, REPORT_IND_RESOLVE, in->resolve_days,
		    r->w->ind_res_within, r->w->ind_res_decided);
	}
	if (in->max_per_month > 0) {
		ind_per_month(r, (size_t)-1, in->max_per_month);
	}
	for (c = 0; c < in->ncategories; c++) {
		ind_per_month(r, c, in->categories[c].max_per_month);
	}
	if (in->min_satisfied_percent > 0) {
		i = ind_new(r, REPORT_IND_SATISFIED, in->min_satisfied_percent);
		i->measured = rate >= 0;
		i->value = rate >= 0 ? rate : 0;
		i->met = i->measured && rate + 1e-9 >=
		    in->min_satisfied_percent;
	}
}

void
report_finish(struct report *r)
{
	struct report_work *w = r->w;
	const struct conf_category *cat;
	size_t b;

	vals_stats(&w->resp, &r->response.median, &r->response.p90);
	r->response.n = (int)w->resp.n;
	vals_stats(&w->res, &r->resolution.median, &r->resolution.p90);
	r->resolution.n = (int)w->res.n;
	for (b = 0; b < r->nbuckets; b++) {
		int64_t p90;

		vals_stats(&w->bucket_resp[b], &r->buckets[b].response_median,
		    &p90);
		r->buckets[b].responses = (int)w->bucket_resp[b].n;
	}
	if (r->nchannels > 0) {		/* qsort(NULL, 0) is undefined */
		qsort(r->channels, r->nchannels, sizeof *r->channels,
		    count_cmp);
	}
	if (r->ncategories > 0) {
		qsort(r->categories, r->ncategories, sizeof *r->categories,
		    count_cmp);
	}
	r->score_mean = r->scored > 0 ? w->score_sum / r->scored : 0;
	r->list_total = r->received;
	report_indicators(r);
	cat = r->p.category ? conf_category_by_id(r->cf, r->p.category) :
	    NULL;
	r->response_standard = (int64_t)(r->cf->indicators.first_response_hours
	    > 0 ? r->cf->indicators.first_response_hours : cat &&
	    cat->response_hours > 0 ? cat->response_hours :
	    r->cf->sla.response_hours) * 3600;
}

double
report_satisfied_rate(const struct report *r)
{
	int n = r->satisfied + r->dissatisfied;

	return n > 0 ? 100.0 * r->satisfied / n : -1;
}

static void
report_work_free(struct report *r)
{
	struct report_work *w = r->w;
	size_t b;

	if (w == NULL) {
		return;
	}
	for (b = 0; b < r->nbuckets; b++) {
		free(w->bucket_resp ? w->bucket_resp[b].v : NULL);
	}
	free(w->bucket_resp);
	free(w->day_bucket);
	free(w->day_month);
	free(w->month_first);
	free(w->per_month);
	free(w->cat_month);
	free(w->resp.v);
	free(w->res.v);
	free(w);
	r->w = NULL;
}

void
report_free(struct report *r)
{
	size_t i;

	if (r == NULL) {
		return;
	}
	report_work_free(r);
	calendar_table_free(r->tbl);
	for (i = 0; i < r->nchannels; i++) {
		free(r->channels[i].name);
	}
	for (i = 0; i < r->ncategories; i++) {
		free(r->categories[i].name);
	}
	for (i = 0; i < r->nlist; i++) {
		free(r->list[i].reference);
		free(r->list[i].complainant);
		free(r->list[i].category);
		free(r->list[i].channel);
		free(r->list[i].summary);
		free(r->list[i].done);
		free(r->list[i].status);
	}
	free(r->channels);
	free(r->categories);
	free(r->buckets);
	free(r->indicators);
	free(r->list);
	free(r);
}
