/*
 * test_schedule.c — when schedules occur (schedule.c): every day, every
 * working day (holidays and weekends skipped), every week or N weeks on a
 * weekday (counted from start), every N months on a day; the latest
 * occurrence at or before an instant (what a tick fires after a jump)
 * and the next one after it (next_action_at); the digest of the
 * settings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "conf.h"
#include "schedule.h"
#include "t.h"

static struct calendar *cal;

static time_t
at(const char *s)
{
	char err[128];
	time_t t = 0;

	if (calendar_parse_local(s, &t, err, sizeof err) == -1) {
		printf("# %s\n", err);
		abort();
	}
	return t;
}

static void
sched(struct conf_schedule *s, enum conf_sched_unit unit, int every,
    int weekday, int monthday, int minute, const char *start)
{
	memset(s, 0, sizeof *s);
	s->name = (char *)"t";
	s->unit = unit;
	s->every = every;
	s->weekday = weekday;
	s->monthday = monthday;
	s->at = minute;
	s->start = (char *)start;
}

static void
is_at(time_t got, const char *want, const char *what)
{
	char g[32];

	calendar_format_local(got, g, sizeof g);
	if (!T_OK(got == at(want), what)) {
		printf("#   got:  %s\n#   want: %s\n", g, want);
	}
}

static void
test_weekly(void)
{
	struct conf_schedule s;

	/* the suggestion box: every Monday 08:00 */
	sched(&s, CONF_EVERY_WEEK, 1, 1, 1, 8 * 60, NULL);
	is_at(schedule_next(&s, cal, at("2026-12-02 10:00")),
	    "2026-12-07 08:00", "weekly on Monday: the next after a Wednesday");
	is_at(schedule_next(&s, cal, at("2026-12-07 08:00")),
	    "2026-12-14 08:00", "... after the occurrence itself, the next "
	    "week's");
	is_at(schedule_next(&s, cal, at("2026-12-07 07:59")),
	    "2026-12-07 08:00", "... a minute before: that one");
	is_at(schedule_prev(&s, cal, at("2026-12-07 08:00")),
	    "2026-12-07 08:00", "the latest at or before: the instant itself");
	is_at(schedule_prev(&s, cal, at("2027-01-20 12:00")),
	    "2027-01-18 08:00", "after six weeks away, only the latest");
	/* the ISO secretariat: every 2 weeks from the week of 30 Nov */
	sched(&s, CONF_EVERY_WEEK, 2, 1, 1, 8 * 60, "2026-12-02");
	is_at(schedule_next(&s, cal, at("2026-12-01 00:00")),
	    "2026-12-14 08:00", "every 2 weeks from start's week: not the "
	    "week after it");
	is_at(schedule_next(&s, cal, at("2026-12-14 08:00")),
	    "2026-12-28 08:00", "... then two weeks later");
	is_at(schedule_prev(&s, cal, at("2026-12-27 23:00")),
	    "2026-12-14 08:00", "... and the latest before is two weeks back");
	is_at(schedule_next(&s, cal, at("2026-11-20 00:00")),
	    "2026-11-30 08:00", "... counting back from start too");
}

static void
test_monthly(void)
{
	struct conf_schedule s;

	sched(&s, CONF_EVERY_MONTH, 1, 1, 1, 7 * 60, NULL);
	is_at(schedule_next(&s, cal, at("2026-11-15 00:00")),
	    "2026-12-01 07:00", "monthly on the 1st at 07:00");
	is_at(schedule_prev(&s, cal, at("2026-11-15 00:00")),
	    "2026-11-01 07:00", "... the latest before");
	sched(&s, CONF_EVERY_MONTH, 3, 1, 5, 9 * 60, NULL);
	is_at(schedule_next(&s, cal, at("2026-02-01 00:00")),
	    "2026-04-05 09:00", "every 3 months from January: April");
	is_at(schedule_next(&s, cal, at("2026-04-05 09:00")),
	    "2026-07-05 09:00", "... then July");
	sched(&s, CONF_EVERY_MONTH, 6, 1, 28, 9 * 60, "2026-03-10");
	is_at(schedule_next(&s, cal, at("2026-04-01 00:00")),
	    "2026-09-28 09:00", "every 6 months from March: September");
}

static void
test_daily(void)
{
	struct conf_schedule s;

	sched(&s, CONF_EVERY_WORKDAY, 1, 1, 1, 7 * 60, NULL);
	is_at(schedule_next(&s, cal, at("2026-11-13 08:00")),
	    "2026-11-16 07:00", "every working day: Friday after 07:00 -> "
	    "Monday");
	is_at(schedule_next(&s, cal, at("2026-11-16 07:00")),
	    "2026-11-18 07:00", "... the holiday on Tuesday skipped");
	is_at(schedule_prev(&s, cal, at("2026-11-17 23:00")),
	    "2026-11-16 07:00", "... and not the latest either");
	sched(&s, CONF_EVERY_DAY, 1, 1, 1, 0, NULL);
	is_at(schedule_next(&s, cal, at("2026-11-14 00:00")),
	    "2026-11-15 00:00", "every day at midnight: the weekend too");
}

static void
test_spec(void)
{
	struct conf_schedule a, b;
	char x[65], y[65];

	sched(&a, CONF_EVERY_WEEK, 1, 1, 1, 8 * 60, NULL);
	sched(&b, CONF_EVERY_WEEK, 1, 1, 1, 8 * 60, NULL);
	schedule_spec(&a, x);
	schedule_spec(&b, y);
	T_STR(x, y, "the same settings, the same digest");
	b.at = 9 * 60;
	schedule_spec(&b, y);
	T_OK(strcmp(x, y) != 0, "another time: another digest (the next "
	    "occurrence is worked out again)");
	T_STR(schedule_kind_name(CONF_SCHED_DIGEST), "digest", "kind names");
}

int
main(void)
{
	static const char *const hol[] = { "2026-11-17" };
	struct calendar_spec sp = { 0x3e, 7 * 60, 15 * 60, hol, 1,
	    "Asia/Jakarta" };
	char err[256];

	setenv("TZ", "Asia/Jakarta", 1);
	tzset();
	if ((cal = calendar_new(&sp, err, sizeof err)) == NULL) {
		printf("# %s\n", err);
		return 2;
	}
	test_weekly();
	test_monthly();
	test_daily();
	test_spec();
	calendar_free(cal);
	return t_done();
}
