/*
 * test_calendar.c — working-time arithmetic: weekends, holidays, opening
 * and closing edges, year end, a week of collective leave around Lebaran,
 * the three Indonesian zones and a zone with daylight saving, other work
 * weeks, rejected calendars and dates, and random round-trip properties.
 *
 * Each calendar is built after setting TZ, as the programs do once at
 * start-up; times are written as local "YYYY-MM-DD HH:MM" and compared as
 * formatted local times with the zone's abbreviation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "t.h"

#define H	3600

static const char *const wib_2026[] = {
	"2026-01-01", "2026-03-19", "2026-03-21", "2026-03-22", "2026-12-25",
	"2027-01-01",
};
/* collective leave (cuti bersama) around Idulfitri 1447 H, with the
 * national holidays inside it listed again, as a school's list would */
static const char *const lebaran_2026[] = {
	"2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21", "2026-03-22",
	"2026-03-23", "2026-03-24", "2026-03-19",
};

#define MON_FRI	0x3eu
#define SUN_THU	0x1fu
#define MON_SAT	0x7eu
#define ALL_DAYS	0x7fu

static struct calendar *
mk(const char *zone, unsigned days, const char *hours,
    const char *const *hol, size_t nhol)
{
	struct calendar_spec sp;
	struct calendar *cal;
	char err[256];

	setenv("TZ", zone, 1);
	tzset();
	memset(&sp, 0, sizeof sp);
	sp.workdays = days;
	sp.holidays = hol;
	sp.nholidays = nhol;
	sp.zone = zone;
	if (calendar_parse_hours(hours, &sp.day_start, &sp.day_end, err,
	    sizeof err) == -1 || (cal = calendar_new(&sp, err, sizeof err))
	    == NULL) {
		printf("# %s\n", err);
		exit(2);
	}
	return cal;
}

/* Local "YYYY-MM-DD HH:MM" in the current TZ. */
static time_t
at(const char *s)
{
	char err[256];
	time_t t;

	if (calendar_parse_local(s, &t, err, sizeof err) == -1) {
		printf("# %s\n", err);
		exit(2);
	}
	return t;
}

/* "YYYY-MM-DD HH:MM" in UTC. */
static time_t
utc(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

/* Formatted local time; four rotating buffers. */
static const char *
fmt(time_t t)
{
	static char b[4][40];
	static int i;

	i = (i + 1) % 4;
	calendar_format_local(t, b[i], sizeof b[i]);
	return b[i];
}

static void
test_edges(void)
{
	struct calendar *cal = mk("Asia/Jakarta", MON_FRI, "07:00-15:00",
	    wib_2026, 6);

	/* 2026-03-13 is a Friday, 2026-03-16 a Monday */
	T_STR(fmt(calendar_next_open(cal, at("2026-03-14 10:00"))),
	    "2026-03-16 07:00 WIB", "Saturday: the clock starts Monday 07:00");
	T_STR(fmt(calendar_next_open(cal, at("2026-03-16 06:59"))),
	    "2026-03-16 07:00 WIB", "before opening: at the opening");
	T_STR(fmt(calendar_next_open(cal, at("2026-03-16 07:00"))),
	    "2026-03-16 07:00 WIB", "exactly at opening: at once");
	T_OK(calendar_is_open(cal, at("2026-03-16 07:00")),
	    "the opening instant is working time");
	T_STR(fmt(calendar_next_open(cal, at("2026-03-16 10:20"))),
	    "2026-03-16 10:20 WIB", "within hours: at once");
	T_STR(fmt(calendar_next_open(cal, at("2026-03-16 15:00"))),
	    "2026-03-17 07:00 WIB", "exactly at closing: the next opening");
	T_OK(!calendar_is_open(cal, at("2026-03-16 15:00")),
	    "the closing instant is not working time");
	T_STR(fmt(calendar_next_open(cal, at("2026-03-16 23:30"))),
	    "2026-03-17 07:00 WIB", "at night: the next morning");
	T_STR(fmt(calendar_next_open(cal, at("2026-03-18 16:00"))),
	    "2026-03-20 07:00 WIB", "evening before a holiday: the day after");
	T_OK(!calendar_is_workday(cal, calendar_day_of(at("2026-03-19 09:00"))),
	    "Nyepi is not a working day");
	T_STR(fmt(calendar_add(cal, at("2026-03-13 14:30"), 8 * H)),
	    "2026-03-16 14:30 WIB",
	    "8 working hours after Friday 14:30 is Monday 14:30");
	T_STR(fmt(calendar_add(cal, at("2026-03-16 07:00"), 8 * H)),
	    "2026-03-16 15:00 WIB", "a full day from the opening ends at closing");
	T_STR(fmt(calendar_add(cal, at("2026-03-16 15:00"), 60)),
	    "2026-03-17 07:01 WIB", "one minute after closing is the next morning");
	T_STR(fmt(calendar_add(cal, at("2026-03-16 12:00"), 0)),
	    "2026-03-16 12:00 WIB", "adding nothing changes nothing");
	T_STR(fmt(calendar_sub(cal, at("2026-03-16 08:00"), 2 * H)),
	    "2026-03-13 14:00 WIB", "2 working hours before Monday 08:00");
	T_STR(fmt(calendar_sub(cal, at("2026-03-16 15:00"), 8 * H)),
	    "2026-03-16 07:00 WIB", "a whole day before closing is the opening");
	T_INT(calendar_between(cal, at("2026-03-13 14:30"),
	    at("2026-03-16 09:10")), 2 * H + 40 * 60,
	    "working time over a weekend");
	T_INT(calendar_between(cal, at("2026-03-16 09:10"),
	    at("2026-03-13 14:30")), -(2 * H + 40 * 60),
	    "backwards it is negative (overdue by)");
	T_INT(calendar_between(cal, at("2026-03-14 00:00"),
	    at("2026-03-15 23:59")), 0, "a weekend holds no working time");
	calendar_free(cal);
}

static void
test_days(void)
{
	struct calendar *cal = mk("Asia/Jakarta", MON_FRI, "07:00-15:00",
	    wib_2026, 6);

	T_STR(fmt(calendar_add_days(cal, at("2026-03-09 10:00"), 5)),
	    "2026-03-16 15:00 WIB",
	    "5 working days after Monday: the next Monday at closing");
	T_STR(fmt(calendar_add_days(cal, at("2026-03-09 10:00"), 0)),
	    "2026-03-09 15:00 WIB", "0 working days: today's closing");
	T_STR(fmt(calendar_add_days(cal, at("2026-03-09 06:00"), 1)),
	    "2026-03-10 15:00 WIB", "before opening the day still counts as day 0");
	T_STR(fmt(calendar_add_days(cal, at("2026-03-13 16:00"), 1)),
	    "2026-03-17 15:00 WIB", "Friday after closing counts from Monday");
	/* a complaint on Saturday night */
	T_STR(fmt(calendar_next_open(cal, at("2026-03-14 21:00"))),
	    "2026-03-16 07:00 WIB", "Saturday night: the clock starts Monday");
	T_STR(fmt(calendar_add(cal, at("2026-03-14 21:00"), 24 * H)),
	    "2026-03-18 15:00 WIB",
	    "Saturday night + 24 working hours: Wednesday at closing");
	T_STR(fmt(calendar_add_days(cal, at("2026-03-14 21:00"), 5)),
	    "2026-03-24 15:00 WIB",
	    "Saturday night + 5 working days, Nyepi skipped");
	/* across the year end: 1 January is a holiday */
	T_STR(fmt(calendar_add(cal, at("2026-12-31 14:00"), 8 * H)),
	    "2027-01-04 14:00 WIB", "8 working hours across the new year");
	T_STR(fmt(calendar_add_days(cal, at("2026-12-30 10:00"), 2)),
	    "2027-01-04 15:00 WIB", "2 working days across the new year");
	T_INT(calendar_between(cal, at("2026-12-31 14:00"),
	    at("2027-01-04 14:00")), 8 * H, "measured back across the year end");
	calendar_free(cal);
}

static void
test_lebaran(void)
{
	struct calendar *cal = mk("Asia/Jakarta", MON_FRI, "07:00-15:00",
	    lebaran_2026, 8);

	T_STR(fmt(calendar_add_days(cal, at("2026-03-17 10:00"), 5)),
	    "2026-03-31 15:00 WIB",
	    "5 working days after the day before a week of Lebaran leave");
	T_STR(fmt(calendar_add(cal, at("2026-03-17 14:30"), 8 * H)),
	    "2026-03-25 14:30 WIB", "8 working hours jump the whole leave");
	T_STR(fmt(calendar_next_open(cal, at("2026-03-20 09:00"))),
	    "2026-03-25 07:00 WIB", "a complaint during the leave waits for it to end");
	T_INT(calendar_between(cal, at("2026-03-17 15:00"),
	    at("2026-03-25 07:00")), 0, "the leave holds no working time");
	calendar_free(cal);
}

static void
test_weeks(void)
{
	struct calendar *cal;

	cal = mk("Asia/Jakarta", SUN_THU, "07:00-15:00", NULL, 0);
	T_STR(fmt(calendar_next_open(cal, at("2026-03-13 09:00"))),
	    "2026-03-15 07:00 WIB", "Sunday-Thursday week: Friday waits for Sunday");
	T_STR(fmt(calendar_add(cal, at("2026-03-12 14:00"), 2 * H)),
	    "2026-03-15 08:00 WIB", "Thursday 14:00 + 2 h is Sunday 08:00");
	T_STR(fmt(calendar_add_days(cal, at("2026-03-12 10:00"), 1)),
	    "2026-03-15 15:00 WIB", "the working day after Thursday is Sunday");
	calendar_free(cal);

	cal = mk("Asia/Jakarta", MON_SAT, "07:00-14:00", NULL, 0);
	T_OK(calendar_is_open(cal, at("2026-03-14 10:00")),
	    "six-day school week: Saturday morning is working time");
	T_STR(fmt(calendar_add(cal, at("2026-03-13 13:30"), 8 * H)),
	    "2026-03-16 07:30 WIB", "Friday 13:30 + 8 h over a school Saturday");
	T_STR(fmt(calendar_add_days(cal, at("2026-03-13 10:00"), 2)),
	    "2026-03-16 14:00 WIB", "2 school days after Friday: Monday");
	calendar_free(cal);
}

/* The same local scenario in each Indonesian zone: same local answers,
 * instants an hour apart from zone to zone. */
static void
test_zones(void)
{
	static const struct {
		const char	*zone;
		const char	*abbrev;
		const char	*utc_open;	/* Monday 2026-03-16 07:00 */
	} z[] = {
		{ "Asia/Jakarta", "WIB", "2026-03-16 00:00" },
		{ "Asia/Makassar", "WITA", "2026-03-15 23:00" },
		{ "Asia/Jayapura", "WIT", "2026-03-15 22:00" },
	};
	struct calendar *cal;
	char want[64], what[128], ab[16];
	size_t i;

	for (i = 0; i < sizeof z / sizeof z[0]; i++) {
		cal = mk(z[i].zone, MON_FRI, "07:00-15:00", NULL, 0);
		snprintf(what, sizeof what, "%s: zone abbreviation %s",
		    z[i].zone, z[i].abbrev);
		calendar_zone_abbrev(at("2026-03-16 12:00"), ab, sizeof ab);
		T_STR(ab, z[i].abbrev, what);
		snprintf(what, sizeof what, "%s: Saturday's clock starts at "
		    "Monday 07:00 local = %s UTC", z[i].zone, z[i].utc_open);
		T_INT(calendar_next_open(cal, at("2026-03-14 20:00")),
		    utc(z[i].utc_open), what);
		snprintf(want, sizeof want, "2026-03-16 14:30 %s", z[i].abbrev);
		snprintf(what, sizeof what, "%s: Friday 14:30 + 8 working "
		    "hours", z[i].zone);
		T_STR(fmt(calendar_add(cal, at("2026-03-13 14:30"), 8 * H)),
		    want, what);
		snprintf(want, sizeof want, "2026-03-20 15:00 %s", z[i].abbrev);
		snprintf(what, sizeof what, "%s: 5 working days", z[i].zone);
		T_STR(fmt(calendar_add_days(cal, at("2026-03-13 09:00"), 5)),
		    want, what);
		T_STR(calendar_zone(cal), z[i].zone, "the calendar names its zone");
		calendar_free(cal);
	}
}

static void
test_dst(void)
{
	struct calendar *cal;
	char ab[16];

	/* clocks go forward on Sunday 2026-03-29, back on 2026-10-25 */
	cal = mk("Europe/Berlin", MON_FRI, "07:00-15:00", NULL, 0);
	T_STR(fmt(calendar_add(cal, at("2026-03-27 14:30"), 8 * H)),
	    "2026-03-30 14:30 CEST",
	    "Berlin: Friday 14:30 CET + 8 h is Monday 14:30 CEST");
	T_INT(at("2026-03-30 14:30") - at("2026-03-27 14:30"), 71 * H,
	    "that weekend is an hour short in real time");
	T_INT(calendar_between(cal, at("2026-03-27 14:30"),
	    at("2026-03-30 14:30")), 8 * H, "and still 8 working hours");
	T_STR(fmt(calendar_add_days(cal, at("2026-10-23 10:00"), 1)),
	    "2026-10-26 15:00 CET", "Berlin: a working day across the autumn change");
	calendar_free(cal);

	cal = mk("Europe/Berlin", ALL_DAYS, "00:00-24:00", NULL, 0);
	T_INT(calendar_between(cal, at("2026-03-29 00:00"),
	    at("2026-03-30 00:00")), 23 * H,
	    "a round-the-clock day is 23 h when the clocks go forward");
	T_INT(calendar_between(cal, at("2026-10-25 00:00"),
	    at("2026-10-26 00:00")), 25 * H,
	    "and 25 h when they go back");
	T_STR(fmt(calendar_add(cal, at("2026-03-29 01:30"), H)),
	    "2026-03-29 03:30 CEST", "an hour after 01:30 on that night is 03:30");
	calendar_zone_abbrev(at("2040-07-01 12:00"), ab, sizeof ab);
	T_STR(ab, "CEST", "summer time in 2040 (the zone's rule, past its table)");
	T_INT(calendar_between(cal, at("2040-03-25 00:00"),
	    at("2040-03-26 00:00")), 23 * H,
	    "the 2040 spring change is found too (last Sunday of March)");
	calendar_free(cal);
}

static void
test_rejects(void)
{
	static const char *const bad_hol[] = { "2026-01-01", "2026-02-30" };
	struct calendar_spec sp;
	char err[256];
	int32_t day, next;
	int a, b;
	time_t t;

	setenv("TZ", "Asia/Jakarta", 1);
	tzset();
	memset(&sp, 0, sizeof sp);
	sp.zone = "Asia/Jakarta";
	sp.workdays = MON_FRI;
	sp.day_start = 15 * 60;
	sp.day_end = 7 * 60;
	T_OK(calendar_new(&sp, err, sizeof err) == NULL,
	    "a day that ends before it starts is rejected");
	T_CONTAINS(err, "start before it ends", "and says why");
	sp.day_start = 7 * 60;
	sp.day_end = 15 * 60;
	sp.workdays = 0;
	T_OK(calendar_new(&sp, err, sizeof err) == NULL,
	    "no working day is rejected");
	T_CONTAINS(err, "no working days", "and says why");
	sp.workdays = MON_FRI;
	sp.holidays = bad_hol;
	sp.nholidays = 2;
	T_OK(calendar_new(&sp, err, sizeof err) == NULL,
	    "an impossible holiday is rejected");
	T_STR(err, "\"2026-02-30\" is not a date: February 2026 has 28 days",
	    "and named with the reason");
	sp.nholidays = 0;
	sp.zone = "Asia/Makassar";
	T_OK(calendar_new(&sp, err, sizeof err) == NULL,
	    "a zone other than the process's is refused");
	T_CONTAINS(err, "TZ=\"Asia/Jakarta\"", "and the message names both");

	T_OK(calendar_parse_date("2024-02-29", &day, err, sizeof err) == 0,
	    "29 February of a leap year");
	T_OK(calendar_parse_date("2100-02-29", &day, err, sizeof err) == -1,
	    "2100 is not a leap year");
	T_OK(calendar_parse_date("2026-13-01", &day, err, sizeof err) == -1,
	    "month 13");
	T_CONTAINS(err, "no month 13", "month named");
	T_OK(calendar_parse_date("2026-04-31", &day, err, sizeof err) == -1,
	    "31 April");
	T_CONTAINS(err, "April 2026 has 30 days", "the month's length given");
	T_OK(calendar_parse_date("2026-3-20", &day, err, sizeof err) == -1,
	    "a short month is not the format");
	T_CONTAINS(err, "write YYYY-MM-DD", "the format is shown");
	T_OK(calendar_parse_date("2026-03-20x", &day, err, sizeof err) == -1,
	    "trailing text");
	T_OK(calendar_parse_date("1969-12-31", &day, err, sizeof err) == -1,
	    "before 1970");
	T_OK(calendar_parse_date("2026-03-20", &day, err, sizeof err) == 0 &&
	    calendar_parse_date("2026-03-21", &next, err, sizeof err) == 0 &&
	    next == day + 1, "consecutive dates are consecutive days");
	calendar_format_date(day, err, sizeof err);
	T_STR(err, "2026-03-20", "a day formats back");

	T_OK(calendar_parse_hours("07:00-15:00", &a, &b, err, sizeof err) == 0
	    && a == 420 && b == 900, "07:00-15:00");
	T_OK(calendar_parse_hours("00:00-24:00", &a, &b, err, sizeof err) == 0
	    && b == 1440, "24:00 as the end");
	T_OK(calendar_parse_hours("15:00-07:00", &a, &b, err, sizeof err) == -1,
	    "an end before the start");
	T_CONTAINS(err, "must start before it ends", "says so");
	T_OK(calendar_parse_hours("07:00-07:00", &a, &b, err, sizeof err) == -1,
	    "an empty day");
	T_OK(calendar_parse_hours("7:00-15:00", &a, &b, err, sizeof err) == -1,
	    "one-digit hour");
	T_OK(calendar_parse_hours("07:60-15:00", &a, &b, err, sizeof err) == -1,
	    "minute 60");
	T_CONTAINS(err, "07:60 is not a time of day", "the bad time named");
	T_OK(calendar_parse_hours("24:00-24:00", &a, &b, err, sizeof err) == -1,
	    "24:00 cannot start a day");

	T_OK(calendar_parse_local("2026-03-20", &t, err, sizeof err) == 0 &&
	    t == at("2026-03-20 00:00"), "a date alone is its midnight");
	T_OK(calendar_parse_local("2026-03-20T14:30", &t, err, sizeof err) ==
	    -1, "'T' is not the separator");
	T_OK(calendar_parse_local("2026-02-30 10:00", &t, err, sizeof err) ==
	    -1, "an impossible date with a time");
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	T_OK(calendar_parse_local("2026-03-29 02:30", &t, err, sizeof err) ==
	    -1, "a local time the clocks skip");
	T_CONTAINS(err, "does not exist", "says so");
}

/* ---- random round trips ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

/* Working days after the day s falls in, up to and including day e's. */
static int
workdays_after(const struct calendar *cal, time_t s, time_t e)
{
	int32_t d;
	int n = 0;

	for (d = calendar_day_of(s) + 1; d <= calendar_day_of(e); d++) {
		n += calendar_is_workday(cal, d);
	}
	return n;
}

struct prop {
	const char		*zone;
	unsigned		 days;
	const char		*hours;
	const char *const	*hol;
	size_t			 nhol;
};

static void
test_props(const struct prop *p, int iterations)
{
	struct calendar *cal = mk(p->zone, p->days, p->hours, p->hol, p->nhol);
	time_t from = at("2025-01-01 00:00"), t, u, r, v;
	int i, bad[6] = { 0 };
	int64_t n, m;
	char what[160];

	for (i = 0; i < iterations; i++) {
		t = from + (time_t)rnd(3 * 366 * 86400ULL);
		u = t + (time_t)rnd(40 * 86400ULL);
		n = (int64_t)rnd(160 * H + 1);
		m = (int64_t)rnd(12);
		r = calendar_add(cal, t, n);
		/* add N, then measure back N */
		bad[0] += calendar_between(cal, t, r) != n;
		/* a result with N > 0 lies in working time or at a closing */
		bad[1] += n > 0 && !calendar_is_open(cal, r) &&
		    !calendar_is_open(cal, r - 1);
		/* subtract N from u, then measure N */
		v = calendar_sub(cal, u, n);
		bad[2] += calendar_between(cal, v, u) != n;
		/* additivity and antisymmetry */
		bad[3] += calendar_between(cal, t, u) + calendar_between(cal, u,
		    u + 7200) != calendar_between(cal, t, u + 7200) ||
		    calendar_between(cal, u, t) != -calendar_between(cal, t, u);
		/* the clock start is open and costs no working time */
		v = calendar_next_open(cal, t);
		bad[4] += v < t || !calendar_is_open(cal, v) ||
		    calendar_between(cal, t, v) != 0;
		/* N working days end at a closing (with 24:00, also the next
		 * day's opening), counted from the clock's start */
		v = calendar_add_days(cal, t, (int)m);
		bad[5] += !calendar_is_open(cal, v - 1) ||
		    (calendar_is_open(cal, v) && calendar_day_of(v) ==
		    calendar_day_of(v - 1)) || v < calendar_next_open(cal, t) ||
		    workdays_after(cal, calendar_next_open(cal, t), v - 1) != m;
	}
	snprintf(what, sizeof what, "%s %s: between(t, add(t, N)) == N, %d "
	    "random cases", p->zone, p->hours, iterations);
	T_INT(bad[0], 0, what);
	T_INT(bad[1], 0, "add's result is in working time or at a closing");
	T_INT(bad[2], 0, "between(sub(u, N), u) == N");
	T_INT(bad[3], 0, "between is additive and antisymmetric");
	T_INT(bad[4], 0, "next_open is open and costs nothing");
	T_INT(bad[5], 0, "add_days ends at a closing, counted from the start");
	calendar_free(cal);
}

int
main(void)
{
	static const struct prop props[] = {
		{ "Asia/Jakarta", MON_FRI, "07:00-15:00", lebaran_2026, 8 },
		{ "Asia/Makassar", MON_SAT, "07:00-14:00", wib_2026, 6 },
		{ "Asia/Jayapura", SUN_THU, "08:00-16:30", NULL, 0 },
		{ "Europe/Berlin", MON_FRI, "01:30-23:45", NULL, 0 },
		{ "Europe/Berlin", ALL_DAYS, "00:00-24:00", wib_2026, 6 },
	};
	size_t i;

	test_edges();
	test_days();
	test_lebaran();
	test_weeks();
	test_zones();
	test_dst();
	test_rejects();
	for (i = 0; i < sizeof props / sizeof props[0]; i++) {
		test_props(&props[i], 2000);
	}
	return t_done();
}
