/*
 * report.h — the recap for management review (rekapitulasi hasil tindak
 * lanjut keluhan): periods, and the figures of a period worked out from
 * its cases.  Pure: rows in (store_report.c reads them), figures out; the
 * renderers (report_text.c, report_json.c, report_csv.c, report_html.c)
 * only print what is here.  Working time comes from calendar.h.
 *
 * ---- Periods (report_period_parse) ----------------------------------------
 *
 * A period is a range of whole local days [first, last]; as instants,
 * [from, to) with from the first day's midnight and to the midnight after
 * the last.  Names, relative to the day of `now`:
 *   this-week, last-week        Monday to Sunday (ISO weeks)
 *   last-2-weeks                the two whole weeks before this one (the
 *                               ISO secretariat's fortnightly check)
 *   this-month, last-month
 *   this-quarter, last-quarter  January-March, April-June, ...
 *   this-year, last-year
 *   YYYY-MM (2026-11), YYYY-Qn (2026-Q3), YYYY (2026), YYYY-Www (ISO week,
 *   2026-W49)
 * and --from/--to dates (report_period_dates).
 *
 * ---- What is counted -------------------------------------------------------
 *
 * The cases of a report are those received in the period (and matching
 * the filters), less the merged ones: a merged case is a duplicate whose
 * complaint is counted in the case it was merged into (merged says how
 * many were left out).  Each case is looked at as it stood at the end
 * of the period, as_of = min(to, now), from the times on its record:
 *   received      received in the period
 *   answered      answered (resolved) by as_of
 *   awaiting_feedback  answered, the complainant's feedback not in at as_of
 *   closed        closed by as_of; rejected: rejected by as_of
 *   open          still open at as_of: neither answered, rejected nor
 *                 closed by then, or reopened by then
 *   overdue       missed a due time of the procedure clock (sla.h): the
 *                 first response or the answer came after it was due, or
 *                 had not come by as_of when it was due before (a case
 *                 waiting on the complainant is not late for the answer
 *                 unless it already was when it began to wait)
 *   escalated     escalated at least once (escalation level > 0)
 *   reopened      reopened at least once after the complainant said they
 *                 were not satisfied
 * Times are working time (calendar.h), from receipt to the first
 * response and to the (latest) answer, over the cases that had them by
 * as_of: the median (the middle value; the mean of the two middle ones
 * for an even count) and the 90th percentile (nearest rank: the least
 * time within which at least 90 % of them were).  "Within the standard"
 * compares with each case's own due times (its category's, sla.h),
 * over the cases decided by as_of: answered, or not answered and already
 * late.  Satisfaction is the complainants' last word as recorded:
 * satisfied, not satisfied, no answer (closed without feedback); the
 * rate is satisfied / (satisfied + not satisfied).  Scores (1..scale)
 * where complainants gave one; a score given on another scale is
 * rescaled linearly to the configured one for the mean.
 *
 * ---- Indicators (the organisation's standards, conf.h) ---------------------
 *   first_response_hours N  share of first responses within N working
 *                           hours (decided cases, as above) >= on_time
 *   resolve_days N          share of answers within N working days
 *                           (calendar_add_days) >= on_time
 *   max_per_month N         the most complaints received in one calendar
 *                           month of the period (its days in the period)
 *                           <= N; also per category
 *   min_satisfied_percent N the satisfaction rate >= N
 * An indicator with nothing to measure (no decided case, no feedback) is
 * shown as not measured: neither met nor not met.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "calendar.h"

struct conf;

/* ---- periods ---- */

struct report_period {
	int32_t	 first;		/* local day numbers (calendar.h) */
	int32_t	 last;
	time_t	 from;		/* first's midnight */
	time_t	 to;		/* the midnight after last */
	char	 name[24];	/* "2026-11", "2026-Q3", "last-2-weeks", or
				   "" for dates */
};

/* A named period as of now's day.  -1 with err for an unknown name. */
int	report_period_parse(const char *name, time_t now,
	    struct report_period *, char *err, size_t errlen);
/* YYYY-MM-DD to YYYY-MM-DD, both days included.  -1 with err. */
int	report_period_dates(const char *first, const char *last,
	    struct report_period *, char *err, size_t errlen);
/* "1-30 November 2026", "1 Juli-30 September 2026", in "id" or "en". */
void	report_period_words(const struct report_period *, const char *lang,
	    char *buf, size_t len);

/* ---- rows in ---- */

/* One case's record, as store_report.c reads it; strings borrowed for
 * the call.  Times are 0 when unset. */
struct report_row {
	int64_t		 id;
	const char	*status;
	const char	*channel;
	const char	*category;
	const char	*satisfaction;	/* NULL, satisfied, dissatisfied,
					   no_answer */
	time_t		 received_at;
	time_t		 first_response_at;
	time_t		 resolved_at;	/* the latest answer */
	time_t		 closed_at;
	time_t		 response_due_at;
	time_t		 resolve_due_at;
	time_t		 paused_at;
	time_t		 started_at;	/* the clock's round: reopened then */
	int		 escalation_level;
	int		 reopened;	/* times, after dissatisfaction */
	int		 score;		/* 0: none */
	int		 scale;
};

/* One case of the list the paper recap has (strings borrowed). */
struct report_item {
	const char	*reference;
	time_t		 received_at;
	const char	*complainant;	/* NULL or "" when confidential */
	int		 confidential;
	const char	*category;
	const char	*channel;
	const char	*summary;
	const char	*done;		/* what was done: the answer */
	const char	*status;
	time_t		 first_response_at;
	time_t		 resolved_at;
	/* who complained, taken out of summary and done when confidential
	 * (privacy_scrub); NULL or "" when not known */
	const char	*party_name;
	const char	*party_email;
	const char	*party_phone;
};

/* ---- figures out ---- */

struct report_count {
	char	*name;		/* channel or category id */
	int	 n;
};

struct report_times {
	int	 n;		/* cases with this time by as_of */
	int64_t	 median;	/* working seconds; 0 when n == 0 */
	int64_t	 p90;
	int	 within;	/* decided cases that met their due time */
	int	 decided;
};

struct report_bucket {
	int32_t	 first, last;	/* days (within the period) */
	int	 received;
	int	 answered;
	int	 overdue;
	int64_t	 response_median;	/* working seconds */
	int	 responses;
};

enum report_ind_kind {
	REPORT_IND_RESPONSE,	/* first_response_hours */
	REPORT_IND_RESOLVE,	/* resolve_days */
	REPORT_IND_PER_MONTH,	/* max_per_month (category: one) */
	REPORT_IND_SATISFIED,	/* min_satisfied_percent */
};

struct report_indicator {
	enum report_ind_kind	 kind;
	const char		*category;	/* per-month of one; else NULL
						   (borrowed from conf) */
	int			 standard;	/* N hours, days, cases, % */
	int			 target;	/* % for the time ones */
	double			 value;		/* %, or cases */
	int32_t			 month;		/* per-month: the first day
						   of the worst month */
	int			 measured;	/* 0: nothing to measure */
	int			 met;
};

/* Corrective actions of the period (store_report_cpar, store.h). */
struct report_cpar {
	int	 opened;
	int	 done;
	int	 verified;
	int	 not_effective;
	int	 overdue;
	int	 open;
};

struct report_listed {
	char	*reference;
	time_t	 received_at;
	char	*complainant;	/* NULL: confidential */
	char	*category;
	char	*channel;
	char	*summary;
	char	*done;
	char	*status;
	int64_t	 response_secs;	/* -1: none by as_of */
	int64_t	 resolve_secs;
};

/* What the report is about, filled by the caller; strings borrowed. */
struct report_params {
	struct report_period	 period;
	time_t			 now;
	const char		*category;	/* filters; NULL: all */
	const char		*channel;
	const char		*officer;
	char			 trend;		/* 'w' weeks, 'm' months, 0:
						   weeks up to 92 days */
	const char		*lang;		/* "id" | "en" */
	int			 list_max;	/* cases listed at most */
};

struct report {
	struct report_params	 p;
	const struct conf	*cf;
	time_t			 as_of;
	time_t			 generated;
	int			 received, answered, awaiting_feedback, closed,
				 rejected, open, overdue, escalated, reopened,
				 merged;
	struct report_count	*channels;	/* by count, then name */
	size_t			 nchannels;
	struct report_count	*categories;
	size_t			 ncategories;
	struct report_times	 response, resolution;
	int			 satisfied, dissatisfied, no_answer;
	int			 scored;
	double			 score_mean;	/* on scale */
	int			 scale;
	int			 scores[6];	/* [1..scale] */
	struct report_bucket	*buckets;
	size_t			 nbuckets;
	struct report_indicator	*indicators;
	size_t			 nindicators;
	struct report_cpar	 cpar;
	struct report_listed	*list;
	size_t			 nlist;
	int			 list_total;	/* cases the list would have */
	int64_t			 response_standard;	/* secs, for charts:
							   the indicator's,
							   else the sla's */
	/* working state */
	struct calendar_table	*tbl;
	struct report_work	*w;
};

/* Begin a report (caller frees with report_free); cal and cf borrowed. */
struct report	*report_new(const struct conf *, const struct calendar *,
		    const struct report_params *);
/* Each case of the period, in any order. */
void		 report_add(struct report *, const struct report_row *);
/* A case for the list (up to list_max, in the order given). */
void		 report_list_add(struct report *, const struct report_item *);
/* After the last row: medians, percentiles, indicators, order. */
void		 report_finish(struct report *);
void		 report_free(struct report *);

/* The satisfaction rate in percent; -1 when there was no feedback. */
double		 report_satisfied_rate(const struct report *);

/* ---- words shared by the renderers (report_words.c) ---- */

/* The label of a figure or heading ("received", "open", "trend", ...) in
 * lang; the key itself when unknown. */
const char	*report_word(const char *key, const char *lang);
/* A channel's name for people ("email" -> "Email", "walk-in" -> "Datang
 * langsung"); the id when unknown. */
const char	*report_channel_word(const char *channel, const char *lang);
/* Working seconds as hours: "3,5 jam" / "3.5 h" (one decimal). */
void		 report_hours(int64_t secs, const char *lang, char *buf,
		    size_t len);
/* A number with decimals and the language's decimal mark: "3,25". */
void		 report_number(double v, int decimals, const char *lang,
		    char *buf, size_t len);
/* A percentage "87,5 %" / "87.5 %". */
void		 report_percent(double v, const char *lang, char *buf,
		    size_t len);
/* An indicator as a sentence: "Tanggapan pertama dalam 24 jam kerja
 * (target 90 %)". */
void		 report_indicator_words(const struct report *,
		    const struct report_indicator *, char *buf, size_t len);
/* An indicator's value: "93,5 %", "12 (Nov 2026)". */
void		 report_indicator_value(const struct report *,
		    const struct report_indicator *, char *buf, size_t len);
/* A category's name for people (the configuration's), else its id. */
const char	*report_category_word(const struct report *,
		    const char *category);
/* A bucket's label: "W49", "Nov 2026" / "M49", "Nov 2026". */
void		 report_bucket_words(const struct report *,
		    const struct report_bucket *, char *buf, size_t len);
/* Short, for a chart's axis: "30-11" (a week's Monday), "Nov 26". */
void		 report_bucket_short(const struct report *,
		    const struct report_bucket *, char *buf, size_t len);
/* A day as "30-11-2026". */
void		 report_date(time_t t, char *buf, size_t len);

/* ---- rendering (one file each); all append to b ---- */

struct buf;
void	report_render_text(const struct report *, struct buf *);
void	report_render_json(const struct report *, struct buf *);
void	report_render_csv(const struct report *, struct buf *);
void	report_render_html(const struct report *, struct buf *);

#endif
