/*
 * schedule.c — when schedules occur (see schedule.h).  Pure apart from
 * the process's zone (local times through mktime, as calendar.c).
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "schedule.h"
#include "sha256.h"

#define SCHEDULE_HORIZON	800	/* days searched either way */

static int
mod(int a, int n)
{
	return (a % n + n) % n;
}

/* Days are weeks since the Monday before 1970-01-01 (day 0 a Thursday). */
static int
week_of(int32_t day)
{
	return (day + 3) / 7;
}

static int
start_day(const struct conf_schedule *s, int32_t *day)
{
	char err[128];

	return s->start != NULL && calendar_parse_date(s->start, day, err,
	    sizeof err) == 0;
}

/* 1 when the schedule occurs on day. */
static int
schedule_on(const struct conf_schedule *s, const struct calendar *cal,
    int32_t day)
{
	int32_t first = 4;	/* 1970-01-05, a Monday */
	int y, m, d, y0, m0, d0;

	switch (s->unit) {
	case CONF_EVERY_DAY:
		return 1;
	case CONF_EVERY_WORKDAY:
		return calendar_is_workday(cal, day);
	case CONF_EVERY_WEEK:
		start_day(s, &first);
		return calendar_weekday(day) == s->weekday &&
		    mod(week_of(day) - week_of(first), s->every) == 0;
	case CONF_EVERY_MONTH:
		calendar_civil(day, &y, &m, &d);
		y0 = 1970;
		m0 = 1;
		if (start_day(s, &first)) {
			calendar_civil(first, &y0, &m0, &d0);
		}
		return d == s->monthday && mod((y * 12 + m) - (y0 * 12 + m0),
		    s->every) == 0;
	}
	return 0;
}

/* The instant of `at` on day (local time). */
static time_t
schedule_at(const struct conf_schedule *s, int32_t day)
{
	struct tm tm;
	int y, m, d;

	calendar_civil(day, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = s->at / 60;
	tm.tm_min = s->at % 60;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t
schedule_prev(const struct conf_schedule *s, const struct calendar *cal,
    time_t t)
{
	int32_t d = calendar_day_of(t), i;
	time_t x;

	for (i = 0; i <= SCHEDULE_HORIZON; i++, d--) {
		if (schedule_on(s, cal, d) && (x = schedule_at(s, d)) <= t) {
			return x;
		}
	}
	return 0;
}

time_t
schedule_next(const struct conf_schedule *s, const struct calendar *cal,
    time_t t)
{
	int32_t d = calendar_day_of(t), i;
	time_t x;

	for (i = 0; i <= SCHEDULE_HORIZON; i++, d++) {
		if (schedule_on(s, cal, d) && (x = schedule_at(s, d)) > t) {
			return x;
		}
	}
	return 0;
}

void
schedule_spec(const struct conf_schedule *s, char out[65])
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%d %d %d %d %d %d %s", (int)s->kind, (int)s->unit,
	    s->every, s->weekday, s->monthday, s->at, s->start ? s->start :
	    "");
	sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

const char *
schedule_kind_name(enum conf_sched_kind k)
{
	switch (k) {
	case CONF_SCHED_RECAP:
		return "recap";
	case CONF_SCHED_DIGEST:
		return "digest";
	case CONF_SCHED_REMINDER:
		return "reminder";
	}
	return "?";
}
