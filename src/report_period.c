/*
 * report_period.c — the periods of a recap (see report.h): names relative
 * to a day, fixed names (2026, 2026-Q3, 2026-11, 2026-W49) and dates, as
 * ranges of local days.  Pure: day arithmetic is calendar.h's, instants
 * of midnights come from the process's zone like every other date.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "report.h"

/* [0] Indonesian, [1] English */
static const char *const months[2][12] = {
	{ "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	  "Agustus", "September", "Oktober", "November", "Desember" },
	{ "January", "February", "March", "April", "May", "June", "July",
	  "August", "September", "October", "November", "December" },
};

static void
period_set(struct report_period *p, int32_t first, int32_t last,
    const char *name)
{
	p->first = first;
	p->last = last;
	p->from = calendar_day_start(first);
	p->to = calendar_day_start(last + 1);
	snprintf(p->name, sizeof p->name, "%s", name);
}

/* Months m0 .. m0 + n - 1 of year y (m0 may run past 12). */
static void
period_months(struct report_period *p, int y, int m0, int n,
    const char *name)
{
	int y1 = y + (m0 - 1 + n) / 12, m1 = (m0 - 1 + n) % 12 + 1;

	y += (m0 - 1) / 12;
	m0 = (m0 - 1) % 12 + 1;
	period_set(p, calendar_civil_day(y, m0, 1),
	    calendar_civil_day(y1, m1, 1) - 1, name);
}

/* The Monday of ISO week 1 of year y: the week of 4 January. */
static int32_t
period_iso_week1(int y)
{
	int32_t jan4 = calendar_civil_day(y, 1, 4);

	return jan4 - (calendar_weekday(jan4) + 6) % 7;
}

/* "YYYY", "YYYY-MM", "YYYY-Qn", "YYYY-Www"; 0, or -1 if not one. */
static int
period_fixed(const char *s, struct report_period *p)
{
	int y, n;

	if (strlen(s) < 4 || !isdigit((unsigned char)s[0]) ||
	    sscanf(s, "%4d", &y) != 1 || y < 1971 || y > 9998) {
		return -1;
	}
	if (s[4] == '\0') {
		period_months(p, y, 1, 12, s);
		return 0;
	}
	if (s[4] != '-') {
		return -1;
	}
	if (isdigit((unsigned char)s[5]) && strlen(s) == 7 &&
	    sscanf(s + 5, "%2d", &n) == 1 && n >= 1 && n <= 12) {
		period_months(p, y, n, 1, s);
		return 0;
	}
	if (s[5] == 'Q' && strlen(s) == 7 && s[6] >= '1' && s[6] <= '4') {
		period_months(p, y, (s[6] - '1') * 3 + 1, 3, s);
		return 0;
	}
	if (s[5] == 'W' && strlen(s) == 8 && isdigit((unsigned char)s[6]) &&
	    isdigit((unsigned char)s[7])) {
		n = (s[6] - '0') * 10 + (s[7] - '0');
		if (n >= 1 && period_iso_week1(y) + (n - 1) * 7 <
		    period_iso_week1(y + 1)) {
			period_set(p, period_iso_week1(y) + (n - 1) * 7,
			    period_iso_week1(y) + n * 7 - 1, s);
			return 0;
		}
	}
	return -1;
}

/* The names relative to day d; -1 if not one. */
static int
period_relative(const char *s, int32_t d, struct report_period *p)
{
	int32_t monday = d - (calendar_weekday(d) + 6) % 7;
	int y, m, dd, q;

	calendar_civil(d, &y, &m, &dd);
	q = (m - 1) / 3 * 3 + 1;
	if (strcmp(s, "today") == 0) {
		period_set(p, d, d, s);
	} else if (strcmp(s, "yesterday") == 0) {
		period_set(p, d - 1, d - 1, s);
	} else if (strcmp(s, "this-week") == 0) {
		period_set(p, monday, monday + 6, s);
	} else if (strcmp(s, "last-week") == 0) {
		period_set(p, monday - 7, monday - 1, s);
	} else if (strcmp(s, "last-2-weeks") == 0) {
		period_set(p, monday - 14, monday - 1, s);
	} else if (strcmp(s, "this-month") == 0) {
		period_months(p, y, m, 1, s);
	} else if (strcmp(s, "last-month") == 0) {
		period_months(p, m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1, 1, s);
	} else if (strcmp(s, "this-quarter") == 0) {
		period_months(p, y, q, 3, s);
	} else if (strcmp(s, "last-quarter") == 0) {
		period_months(p, q == 1 ? y - 1 : y, q == 1 ? 10 : q - 3, 3, s);
	} else if (strcmp(s, "this-year") == 0) {
		period_months(p, y, 1, 12, s);
	} else if (strcmp(s, "last-year") == 0) {
		period_months(p, y - 1, 1, 12, s);
	} else {
		return -1;
	}
	return 0;
}

int
report_period_parse(const char *name, time_t now, struct report_period *p,
    char *err, size_t errlen)
{
	memset(p, 0, sizeof *p);
	if (name != NULL && (period_relative(name, calendar_day_of(now), p)
	    == 0 || period_fixed(name, p) == 0)) {
		return 0;
	}
	snprintf(err, errlen, "\"%s\" is not a period: use this-week, "
	    "last-week, last-2-weeks, this-month, last-month, this-quarter, "
	    "last-quarter, this-year, last-year, today, yesterday, or a year "
	    "(2026), quarter (2026-Q3), month (2026-11) or ISO week "
	    "(2026-W49)", name ? name : "");
	return -1;
}

int
report_period_dates(const char *first, const char *last,
    struct report_period *p, char *err, size_t errlen)
{
	int32_t a, b;
	char why[256];

	memset(p, 0, sizeof *p);
	if (calendar_parse_date(first, &a, why, sizeof why) == -1 ||
	    calendar_parse_date(last, &b, why, sizeof why) == -1) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (b < a) {
		snprintf(err, errlen, "the period ends (%s) before it begins "
		    "(%s)", last, first);
		return -1;
	}
	period_set(p, a, b, "");
	return 0;
}

void
report_period_words(const struct report_period *p, const char *lang,
    char *buf, size_t len)
{
	const char *const *mn = months[!(lang != NULL && strcmp(lang, "id")
	    == 0)];
	int y0, m0, d0, y1, m1, d1;

	calendar_civil(p->first, &y0, &m0, &d0);
	calendar_civil(p->last, &y1, &m1, &d1);
	if (p->first == p->last) {
		snprintf(buf, len, "%d %s %d", d0, mn[m0 - 1], y0);
	} else if (y0 == y1 && m0 == m1) {
		snprintf(buf, len, "%d-%d %s %d", d0, d1, mn[m0 - 1], y0);
	} else if (y0 == y1) {
		snprintf(buf, len, "%d %s - %d %s %d", d0, mn[m0 - 1], d1,
		    mn[m1 - 1], y1);
	} else {
		snprintf(buf, len, "%d %s %d - %d %s %d", d0, mn[m0 - 1], y0,
		    d1, mn[m1 - 1], y1);
	}
}
