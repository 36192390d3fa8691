/*
 * calendar.c — working-time arithmetic (see calendar.h).  Pure apart from
 * the process's time zone, read through localtime_r/mktime.
 *
 * Every computation walks calendar days: for each working day it asks
 * mktime for that day's opening and closing instants, so daylight-saving
 * changes and historical offsets come out right without any assumption
 * about the zone.  Day numbers are proleptic Gregorian days from
 * 1970-01-01, converted without the C library (days_from_civil and its
 * inverse, after H. Hinnant), so holidays and weekdays never depend on the
 * zone.  Loops are bounded by the last day of the domain (9999-12-31); a
 * valid calendar always has a working day within 7 * (holidays + 1) days.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "xmalloc.h"

#define CAL_FIRST_YEAR	1970
#define CAL_LAST_YEAR	9999
#define CAL_LAST_DAY	2932896		/* 9999-12-31 */

struct calendar {
	unsigned	 workdays;
	int		 day_start;
	int		 day_end;
	int32_t		*holidays;	/* sorted, unique */
	size_t		 nholidays;
	char		*zone;
};

static const char *const cal_months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static int32_t
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
cal_month_days(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : mdays[m - 1];
}

/* The instant of local day `day` at `minute` (1440: the next midnight). */
static time_t
cal_instant(int32_t day, int minute)
{
	struct tm tm;
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int32_t
calendar_day_of(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL) {
		return t < 0 ? 0 : CAL_LAST_DAY;
	}
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int
cal_day_cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

int
calendar_is_workday(const struct calendar *cal, int32_t day)
{
	int wd = (int)((day % 7 + 11) % 7);	/* day 0 was a Thursday */

	if ((cal->workdays & (1u << wd)) == 0) {
		return 0;
	}
	return bsearch(&day, cal->holidays, cal->nholidays,
	    sizeof *cal->holidays, cal_day_cmp) == NULL;
}

/* 1 and day's working interval [*o, *c) when it has one. */
static int
cal_hours(const struct calendar *cal, int32_t day, time_t *o, time_t *c)
{
	if (!calendar_is_workday(cal, day)) {
		return 0;
	}
	*o = cal_instant(day, cal->day_start);
	*c = cal_instant(day, cal->day_end);
	return *c > *o;
}

time_t
calendar_next_open(const struct calendar *cal, time_t t)
{
	int32_t d;
	time_t o, c;

	for (d = calendar_day_of(t); d <= CAL_LAST_DAY; d++) {
		if (!cal_hours(cal, d, &o, &c)) {
			continue;
		}
		if (t < o) {
			return o;
		}
		if (t < c) {
			return t;
		}
	}
	return t;
}

int
calendar_is_open(const struct calendar *cal, time_t t)
{
	time_t o, c;

	return cal_hours(cal, calendar_day_of(t), &o, &c) && t >= o && t < c;
}

time_t
calendar_add(const struct calendar *cal, time_t t, int64_t secs)
{
	int32_t d;
	time_t o, c, from;

	if (secs <= 0) {
		return t;
	}
	for (d = calendar_day_of(t); d <= CAL_LAST_DAY; d++) {
		if (!cal_hours(cal, d, &o, &c)) {
			continue;
		}
		from = t > o ? t : o;
		if (from >= c) {
			continue;
		}
		if (secs <= c - from) {
			return from + secs;
		}
		secs -= c - from;
	}
	return cal_instant(CAL_LAST_DAY, cal->day_end);
}

time_t
calendar_sub(const struct calendar *cal, time_t t, int64_t secs)
{
	int32_t d;
	time_t o, c, to;

	if (secs <= 0) {
		return t;
	}
	for (d = calendar_day_of(t); d >= 0; d--) {
		if (!cal_hours(cal, d, &o, &c)) {
			continue;
		}
		to = t < c ? t : c;
		if (to <= o) {
			continue;
		}
		if (secs <= to - o) {
			return to - secs;
		}
		secs -= to - o;
	}
	return 0;
}

time_t
calendar_add_days(const struct calendar *cal, time_t t, int n)
{
	int32_t d = calendar_day_of(calendar_next_open(cal, t));
	time_t o, c;

	/* d is the working day the clock starts in: day 0 */
	for (; d <= CAL_LAST_DAY; d++) {
		if (!cal_hours(cal, d, &o, &c)) {
			continue;
		}
		if (n-- <= 0) {
			return c;
		}
	}
	return cal_instant(CAL_LAST_DAY, cal->day_end);
}

int64_t
calendar_between(const struct calendar *cal, time_t a, time_t b)
{
	int32_t d, last;
	time_t o, c, lo, hi;
	int64_t sum = 0;

	if (b < a) {
		return -calendar_between(cal, b, a);
	}
	last = calendar_day_of(b);
	for (d = calendar_day_of(a); d <= last; d++) {
		if (!cal_hours(cal, d, &o, &c)) {
			continue;
		}
		lo = a > o ? a : o;
		hi = b < c ? b : c;
		if (hi > lo) {
			sum += hi - lo;
		}
	}
	return sum;
}

/* ---- building ---- */

static int
cal_check_spec(const struct calendar_spec *sp, char *err, size_t errlen)
{
	const char *tz = getenv("TZ");

	if ((sp->workdays & 0x7fu) == 0 || (sp->workdays & ~0x7fu) != 0) {
		snprintf(err, errlen, "no working days: at least one day of "
		    "the week (Sunday to Saturday) must be a working day");
		return -1;
	}
	if (sp->day_start < 0 || sp->day_end > CALENDAR_MINUTES_PER_DAY ||
	    sp->day_start >= sp->day_end) {
		snprintf(err, errlen, "the working day must start before it "
		    "ends, within 00:00-24:00 (%d:%02d-%d:%02d)",
		    sp->day_start / 60, abs(sp->day_start % 60),
		    sp->day_end / 60, abs(sp->day_end % 60));
		return -1;
	}
	if (sp->zone == NULL || tz == NULL || strcmp(tz, sp->zone) != 0) {
		snprintf(err, errlen, "the calendar is for time zone \"%s\" "
		    "but this process uses TZ=\"%s\": set TZ to the configured "
		    "zone at start-up, before building calendars",
		    sp->zone ? sp->zone : "", tz ? tz : "");
		return -1;
	}
	return 0;
}

struct calendar *
calendar_new(const struct calendar_spec *sp, char *err, size_t errlen)
{
	struct calendar *cal;
	size_t i, n = 0;

	if (cal_check_spec(sp, err, errlen) == -1) {
		return NULL;
	}
	cal = xcalloc(1, sizeof *cal);
	cal->workdays = sp->workdays;
	cal->day_start = sp->day_start;
	cal->day_end = sp->day_end;
	cal->zone = xstrdup(sp->zone);
	cal->holidays = xreallocarray(NULL, sp->nholidays + 1,
	    sizeof *cal->holidays);
	for (i = 0; i < sp->nholidays; i++) {
		if (calendar_parse_date(sp->holidays[i], &cal->holidays[i],
		    err, errlen) == -1) {
			calendar_free(cal);
			return NULL;
		}
	}
	qsort(cal->holidays, sp->nholidays, sizeof *cal->holidays,
	    cal_day_cmp);
	for (i = 0; i < sp->nholidays; i++) {
		if (n == 0 || cal->holidays[n - 1] != cal->holidays[i]) {
			cal->holidays[n++] = cal->holidays[i];
		}
	}
	cal->nholidays = n;
	return cal;
}

void
calendar_free(struct calendar *cal)
{
	if (cal != NULL) {
		free(cal->holidays);
		free(cal->zone);
		free(cal);
	}
}

const char *
calendar_zone(const struct calendar *cal)
{
	return cal->zone;
}

/* ---- parsing and formatting ---- */

/* n decimal digits at s, or -1. */
static int
cal_digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9') {
			return -1;
		}
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* The "YYYY-MM-DD" at the start of s (exactly 10 bytes checked). */
static int
cal_parse_ymd(const char *s, int *y, int *m, int *d, char *err,
    size_t errlen, const char *whole)
{
	if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-' ||
	    (*y = cal_digits(s, 4)) == -1 || (*m = cal_digits(s + 5, 2)) == -1
	    || (*d = cal_digits(s + 8, 2)) == -1) {
		snprintf(err, errlen, "\"%s\" is not a date: write YYYY-MM-DD, "
		    "e.g. 2026-03-20", whole);
		return -1;
	}
	if (*y < CAL_FIRST_YEAR) {
		snprintf(err, errlen, "\"%s\": years before %d are not "
		    "supported", whole, CAL_FIRST_YEAR);
		return -1;
	}
	if (*m < 1 || *m > 12) {
		snprintf(err, errlen, "\"%s\" is not a date: there is no "
		    "month %d", whole, *m);
		return -1;
	}
	if (*d < 1 || *d > cal_month_days(*y, *m)) {
		snprintf(err, errlen, "\"%s\" is not a date: %s %d has %d "
		    "days", whole, cal_months[*m - 1], *y,
		    cal_month_days(*y, *m));
		return -1;
	}
	return 0;
}

int
calendar_parse_date(const char *s, int32_t *day, char *err, size_t errlen)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10) {
		snprintf(err, errlen, "\"%s\" is not a date: write YYYY-MM-DD, "
		    "e.g. 2026-03-20", s ? s : "");
		return -1;
	}
	if (cal_parse_ymd(s, &y, &m, &d, err, errlen, s) == -1) {
		return -1;
	}
	*day = days_from_civil(y, m, d);
	return 0;
}

void
calendar_format_date(int32_t day, char *buf, size_t len)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
}

/* "HH:MM" -> minutes; 24:00 only when allow24.  -1 when not a time. */
static int
cal_parse_hhmm(const char *s, int allow24)
{
	int h, m;

	if (s[2] != ':' || (h = cal_digits(s, 2)) == -1 ||
	    (m = cal_digits(s + 3, 2)) == -1 || m > 59) {
		return -1;
	}
	if (h > 23 && !(allow24 && h == 24 && m == 0)) {
		return -1;
	}
	return h * 60 + m;
}

int
calendar_parse_hours(const char *s, int *start, int *end, char *err,
    size_t errlen)
{
	int a, b;

	if (s == NULL || strlen(s) != 11 || s[5] != '-') {
		snprintf(err, errlen, "\"%s\" is not working hours: write "
		    "HH:MM-HH:MM, e.g. 07:00-15:00", s ? s : "");
		return -1;
	}
	if ((a = cal_parse_hhmm(s, 0)) == -1 ||
	    (b = cal_parse_hhmm(s + 6, 1)) == -1) {
		snprintf(err, errlen, "\"%s\" is not working hours: %.5s is "
		    "not a time of day (00:00 to 23:59; 24:00 as the end)", s,
		    a == -1 ? s : s + 6);
		return -1;
	}
	if (a >= b) {
		snprintf(err, errlen, "\"%s\": the working day must start "
		    "before it ends", s);
		return -1;
	}
	*start = a;
	*end = b;
	return 0;
}

int
calendar_parse_local(const char *s, time_t *t, char *err, size_t errlen)
{
	struct tm tm, back;
	int y, m, d, min = 0;
	size_t n = s ? strlen(s) : 0;

	if ((n != 10 && n != 16) || (n == 16 && s[10] != ' ')) {
		snprintf(err, errlen, "\"%s\" is not a date and time: write "
		    "\"YYYY-MM-DD HH:MM\", e.g. \"2026-03-20 14:30\"",
		    s ? s : "");
		return -1;
	}
	if (cal_parse_ymd(s, &y, &m, &d, err, errlen, s) == -1) {
		return -1;
	}
	if (n == 16 && (min = cal_parse_hhmm(s + 11, 0)) == -1) {
		snprintf(err, errlen, "\"%s\": %s is not a time of day "
		    "(00:00 to 23:59)", s, s + 11);
		return -1;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = min / 60;
	tm.tm_min = min % 60;
	tm.tm_isdst = -1;
	*t = mktime(&tm);
	if (localtime_r(t, &back) == NULL || back.tm_mday != d ||
	    back.tm_hour != min / 60 || back.tm_min != min % 60) {
		snprintf(err, errlen, "\"%s\" does not exist in this time "
		    "zone (the clocks skip it)", s);
		return -1;
	}
	return 0;
}

void
calendar_zone_abbrev(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (len == 0) {
		return;
	}
	buf[0] = '\0';
	if (localtime_r(&t, &tm) != NULL && strftime(buf, len, "%Z", &tm)
	    == 0) {
		buf[0] = '\0';
	}
}

void
calendar_format_local(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (len == 0) {
		return;
	}
	buf[0] = '\0';
	if (localtime_r(&t, &tm) != NULL && strftime(buf, len,
	    "%Y-%m-%d %H:%M %Z", &tm) == 0) {
		buf[0] = '\0';
	}
}

/* ---- days as dates, and local midnights ---- */

void
calendar_civil(int32_t day, int *y, int *m, int *d)
{
	civil_from_days(day, y, m, d);
}

int32_t
calendar_civil_day(int y, int m, int d)
{
	return days_from_civil(y, m, d);
}

int
calendar_weekday(int32_t day)
{
	return (int)((day % 7 + 11) % 7);
}

time_t
calendar_day_start(int32_t day)
{
	return cal_instant(day, 0);
}

/* ---- the working-time table ---- */

struct calendar_table {
	const struct calendar	*cal;
	int32_t			 first;		/* day number of entry 0 */
	size_t			 n;		/* days */
	time_t			*midnight;	/* n + 1: the last is the end */
	time_t			*open;		/* open == close: no work */
	time_t			*close;
	int64_t			*secs;		/* n + 1: working time before */
	int32_t			*wdays;		/* n + 1: working days before */
};

struct calendar_table *
calendar_table_new(const struct calendar *cal, time_t from, time_t to)
{
	struct calendar_table *t = xcalloc(1, sizeof *t);
	int32_t last = calendar_day_of(to) + 1;
	size_t i;

	t->cal = cal;
	t->first = calendar_day_of(from) - 1;
	if (t->first < 0) {
		t->first = 0;
	}
	t->n = last >= t->first ? (size_t)(last - t->first + 1) : 1;
	t->midnight = xreallocarray(NULL, t->n + 1, sizeof *t->midnight);
	t->open = xreallocarray(NULL, t->n, sizeof *t->open);
	t->close = xreallocarray(NULL, t->n, sizeof *t->close);
	t->secs = xreallocarray(NULL, t->n + 1, sizeof *t->secs);
	t->wdays = xreallocarray(NULL, t->n + 1, sizeof *t->wdays);
	t->secs[0] = 0;
	t->wdays[0] = 0;
	for (i = 0; i < t->n; i++) {
		t->midnight[i] = cal_instant(t->first + (int32_t)i, 0);
		if (!cal_hours(cal, t->first + (int32_t)i, &t->open[i],
		    &t->close[i])) {
			t->open[i] = t->close[i] = t->midnight[i];
		}
		t->secs[i + 1] = t->secs[i] + (t->close[i] - t->open[i]);
		t->wdays[i + 1] = t->wdays[i] + (t->close[i] > t->open[i]);
	}
	t->midnight[t->n] = cal_instant(t->first + (int32_t)t->n, 0);
	return t;
}

void
calendar_table_free(struct calendar_table *t)
{
	if (t == NULL) {
		return;
	}
	free(t->midnight);
	free(t->open);
	free(t->close);
	free(t->secs);
	free(t->wdays);
	free(t);
}

/* The entry of the day t falls in; -1 outside the table.  Days are
 * about 86400 s long (a clock change makes one an hour shorter or
 * longer): a guess from the first midnight, then a step or two. */
static long
cal_table_day(const struct calendar_table *t, time_t x)
{
	long i;

	if (x < t->midnight[0] || x >= t->midnight[t->n]) {
		return -1;
	}
	i = (long)((x - t->midnight[0]) / 86400);
	if (i >= (long)t->n) {
		i = (long)t->n - 1;
	}
	while (i > 0 && t->midnight[i] > x) {
		i--;
	}
	while (i + 1 < (long)t->n && t->midnight[i + 1] <= x) {
		i++;
	}
	return i;
}

/* Working time from the table's start to x (x within the table). */
static int64_t
cal_table_upto(const struct calendar_table *t, long i, time_t x)
{
	time_t v = x < t->open[i] ? t->open[i] : x > t->close[i] ?
	    t->close[i] : x;

	return t->secs[i] + (v - t->open[i]);
}

int64_t
calendar_table_between(const struct calendar_table *t, time_t a, time_t b)
{
	long ia = cal_table_day(t, a), ib = cal_table_day(t, b);

	if (ia < 0 || ib < 0) {
		return calendar_between(t->cal, a, b);
	}
	return cal_table_upto(t, ib, b) - cal_table_upto(t, ia, a);
}

int32_t
calendar_table_day(const struct calendar_table *t, time_t x)
{
	long i = cal_table_day(t, x);

	return i < 0 ? calendar_day_of(x) : t->first + (int32_t)i;
}

time_t
calendar_table_add_days(const struct calendar_table *t, time_t x, int n)
{
	long i = cal_table_day(t, x);
	size_t lo, hi, mid;
	int32_t want;

	if (i < 0 || n < 0) {
		return calendar_add_days(t->cal, x, n);
	}
	/* day 0: this day if its work has not ended, else the next */
	if (x >= t->close[i] || t->close[i] == t->open[i]) {
		i++;
	}
	want = t->wdays[i] + n;	/* working days before the day wanted */
	if (want + 1 > t->wdays[t->n]) {
		return calendar_add_days(t->cal, x, n);
	}
	/* the first entry k with wdays[k] > want: the day is k - 1 */
	lo = (size_t)i;
	hi = t->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->wdays[mid] > want) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return t->close[lo - 1];
}
