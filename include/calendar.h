/*
 * calendar.h — working-time arithmetic: the organisation's working days and
 * hours, its holidays and its time zone.  Pure: no I/O, no logging; errors
 * fill err/errlen.
 *
 * Working time.  Each working day (its weekday is in workdays and it is not
 * a holiday) has one working interval [opening, closing), from day_start to
 * day_end local time.  Working time is the real time spent inside those
 * intervals, in seconds.  Every other instant — nights, weekends, holidays —
 * counts for nothing.  An instant exactly at closing is outside the working
 * day; one exactly at opening is inside.
 *
 * Local time.  Calendar days and opening hours are local; instants are
 * time_t.  This module converts with the C library (localtime_r, mktime),
 * so it uses the process's time zone: the one piece of global state it
 * depends on.  Every complaintd program sets TZ to the configured zone
 * once, right after reading the configuration and before building a
 * calendar (setenv("TZ", zone) + tzset()); calendar_new() refuses a zone
 * that is not the process's, so a forgotten setenv is an error, not a
 * calendar silently running in UTC.  Why the C library rather than our own
 * zone-file reader: the dates we show everywhere else (casework, the store,
 * complaintctl) already come from localtime_r/strftime with the same TZ, so
 * a due time and the date printed next to it can never disagree; glibc
 * already implements the whole zone format, including the rule string that
 * slim zone files rely on after their last transition (daylight saving in
 * Europe/Berlin in 2040); and an organisation has one zone, so one per
 * process is all we need.  Nothing here assumes a fixed offset: opening and
 * closing instants are computed for each calendar day, so a working day on
 * which the clocks change is an hour shorter or longer in real time.
 * A local time that does not exist (skipped by a clock change) is taken as
 * the first instant after the gap.
 *
 * Definitions (what the procedure clock promises complainants):
 *  - The clock starts at the next opening: calendar_next_open(t) is t when
 *    t is within working hours, else the next opening after t.  A complaint
 *    received at night, on a weekend or a holiday starts its clock then.
 *  - "N working hours after t" (calendar_add): the instant at which N hours
 *    of working time have passed since t.  With 07:00-15:00 Monday-Friday,
 *    8 working hours after Friday 14:30 is Monday 14:30 (30 minutes on
 *    Friday, 7 h 30 min on Monday); 8 working hours after Monday 07:00 is
 *    Monday 15:00 (a due time may be exactly at closing).
 *  - "N working days after t" (calendar_add_days): as Indonesian public-
 *    service standards count "paling lambat N hari kerja": the day the
 *    clock starts is day 0, the next working day is day 1, and the answer
 *    is due by the close of business of the Nth.  So let s = the next
 *    opening at or after t, X the working day s falls in; the result is
 *    the closing instant of the Nth working day after X (N = 0: X's
 *    closing).  5 working days after a complaint of Monday 10:00 are due
 *    the next Monday at closing; one received on Saturday is counted from
 *    Monday (day 0) and due the Monday after at closing; one received on
 *    Friday after closing likewise.
 *  - calendar_between(a, b): the working time in [a, b), negative when
 *    b < a.  calendar_between(t, calendar_add(t, n)) == n for all t, n >= 0.
 *
 * Domain: 1970-01-01 to 9999-12-31 local time.
 */
#ifndef CALENDAR_H
#define CALENDAR_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CALENDAR_MINUTES_PER_DAY	1440

struct calendar;	/* opaque, read-only once built */

struct calendar_spec {
	unsigned		 workdays;	/* bit 0 = Sunday ... bit 6 =
						   Saturday (as struct
						   conf_sla) */
	int			 day_start;	/* minutes after midnight,
						   0 <= day_start < day_end */
	int			 day_end;	/* <= 1440 (24:00) */
	const char *const	*holidays;	/* "YYYY-MM-DD", any order,
						   duplicates allowed */
	size_t			 nholidays;
	const char		*zone;		/* e.g. "Asia/Jakarta": must be
						   the process's TZ */
};

/*
 * Build a calendar (caller frees with calendar_free; nothing is borrowed
 * from spec).  NULL with err filled when there is no working day, the day
 * ends before it starts, a holiday is not a date, or zone is not the
 * process's time zone.
 */
struct calendar	*calendar_new(const struct calendar_spec *, char *err,
		    size_t errlen);
void		 calendar_free(struct calendar *);
/* The zone the calendar was built for (borrowed). */
const char	*calendar_zone(const struct calendar *);

/* Days are numbered from 1970-01-01 (day 0) in local time. */
int32_t	calendar_day_of(time_t);
/* 1 when day is a working day (weekday in workdays, not a holiday). */
int	calendar_is_workday(const struct calendar *, int32_t day);
/* 1 when t is within working hours. */
int	calendar_is_open(const struct calendar *, time_t t);

/* The working-time arithmetic defined above. */
time_t	calendar_next_open(const struct calendar *, time_t t);
time_t	calendar_add(const struct calendar *, time_t t, int64_t secs);
/* The latest instant r <= t with calendar_between(r, t) == secs (t when
 * secs <= 0): "secs of working time before t", e.g. a reminder's lead. */
time_t	calendar_sub(const struct calendar *, time_t t, int64_t secs);
time_t	calendar_add_days(const struct calendar *, time_t t, int n);
int64_t	calendar_between(const struct calendar *, time_t a, time_t b);

/* ---- parsing and formatting (pure as well) ---- */

/* "YYYY-MM-DD" -> day number.  -1 with err, e.g. "\"2026-02-30\" is not a
 * date: February 2026 has 28 days". */
int	calendar_parse_date(const char *s, int32_t *day, char *err,
	    size_t errlen);
/* day -> "YYYY-MM-DD" (buf of at least 11 bytes). */
void	calendar_format_date(int32_t day, char *buf, size_t len);
/* "HH:MM-HH:MM" -> minutes after midnight; the end may be "24:00".  -1
 * with err when malformed or when the day does not start before it ends. */
int	calendar_parse_hours(const char *s, int *start, int *end, char *err,
	    size_t errlen);
/* "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD": midnight) in the process's zone ->
 * instant.  -1 with err when malformed or when that local time does not
 * exist (skipped when the clocks went forward). */
int	calendar_parse_local(const char *s, time_t *t, char *err,
	    size_t errlen);
/* The zone's abbreviation at t: "WIB", "WITA", "WIT"; for other zones
 * whatever the zone database gives ("CET", "CEST", "+04"). */
void	calendar_zone_abbrev(time_t t, char *buf, size_t len);
/* "2026-03-31 15:00 WIB" (buf of 32 bytes is enough). */
void	calendar_format_local(time_t t, char *buf, size_t len);

/* ---- days as dates, and local midnights ---- */

/* The date of a day number, and the day number of a date (any y, m, d
 * in range, month 1-12). */
void	calendar_civil(int32_t day, int *y, int *m, int *d);
int32_t	calendar_civil_day(int y, int m, int d);
/* 0 (Sunday) ... 6 (Saturday). */
int	calendar_weekday(int32_t day);
/* The instant of a day's local midnight (the first instant after the
 * gap, should midnight not exist). */
time_t	calendar_day_start(int32_t day);

/*
 * ---- many lookups over a range: the working-time table ----
 *
 * calendar_between and calendar_add_days ask mktime for every day they
 * walk; a report over a year of cases asks them hundreds of thousands of
 * times.  A table holds each day's midnight, opening and closing and the
 * working time and working days before it, for the days of [from, to]
 * (and one on either side), built once; its lookups are binary searches
 * with the same results as the calendar's functions, to which they fall
 * back outside the range.  The calendar is borrowed and must outlive the
 * table.
 */
struct calendar_table;

struct calendar_table	*calendar_table_new(const struct calendar *,
			    time_t from, time_t to);
void		 calendar_table_free(struct calendar_table *);
/* calendar_between(cal, a, b) */
int64_t		 calendar_table_between(const struct calendar_table *,
		    time_t a, time_t b);
/* calendar_day_of(t) */
int32_t		 calendar_table_day(const struct calendar_table *, time_t t);
/* calendar_add_days(cal, t, n) */
time_t		 calendar_table_add_days(const struct calendar_table *,
		    time_t t, int n);

#endif
