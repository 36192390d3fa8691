/*
 * schedule.h — scheduled messages to officers (conf.h's struct
 * conf_schedule): recaps of a period, each officer's digest of their open
 * and overdue cases, plain reminders.  They run on the timer engine
 * (timers.h) as its subject kind 'schedule' (sla.h): one row per
 * schedule (store_schedule_*), keyed by its name, whose next_action_at is
 * its next occurrence.
 *
 * ---- Occurrences (schedule.c, pure) ---------------------------------------
 * A schedule occurs at `at` local time on the days its `every` names:
 *   day         every day
 *   workday     every working day of the calendar (not weekends or
 *               holidays)
 *   N weeks     on weekday, in the weeks (Monday to Sunday) counted from
 *               start's week (default the week of 1970-01-05) that are a
 *               multiple of N after it
 *   N months    on monthday (1-28), in the months counted from start's
 *               month (default January 1970) likewise: every 3 months
 *               from January is January, April, July, October
 *
 * ---- Exactly once (schedule_run.c) ----------------------------------------
 * Each occurrence is one key of timer_fired: (subject kind 'schedule',
 * the schedule's id, its kind "recap" | "digest" | "reminder", seq = the
 * occurrence's instant), recorded in the transaction that queues its
 * messages.  A tick at now looks at a schedule whose next_action_at <=
 * now and fires the latest occurrence <= now only: after a jump over
 * several periods (a daemon down for a month), one recap of the latest
 * period, not a burst of stale ones.  Ticks at the same or an earlier
 * time, a restart, a crash before COMMIT, or the daemon and
 * `complaintctl timers run` together fire each occurrence once.  A new
 * schedule (or one whose settings changed) starts at its first
 * occurrence at or after the tick that first sees it.
 *
 * What each sends (to each officer in `to`, on each channel they are
 * notified on: email, and SMS for the counts):
 *   recap     the report of `period` relative to the occurrence's day:
 *             the text report with the HTML report as its alternative
 *             (multipart/alternative) and the CSV export attached; by SMS
 *             the main counts
 *   digest    each officer's open cases, the overdue ones first; nothing
 *             to an officer with no open case
 *   reminder  `text`
 */
#ifndef SCHEDULE_H
#define SCHEDULE_H

#include <stddef.h>
#include <time.h>

#include "calendar.h"
#include "conf.h"
#include "timers.h"

/* The latest occurrence <= t; 0 when there is none within two years. */
time_t	schedule_prev(const struct conf_schedule *, const struct calendar *,
	    time_t t);
/* The earliest occurrence > t; 0 when there is none within two years. */
time_t	schedule_next(const struct conf_schedule *, const struct calendar *,
	    time_t t);
/* The digest of what the occurrences depend on (65 bytes). */
void	schedule_spec(const struct conf_schedule *, char out[65]);
/* "recap", "digest", "reminder": the timer_fired kind. */
const char	*schedule_kind_name(enum conf_sched_kind);

struct tmplset;
/*
 * One tick of every configured schedule (the timer engine calls it after
 * the cases): each due occurrence fired once, its messages queued; cb
 * hears each (reference "schedule:NAME"), *actions counts them.  0, or
 * -1 when a schedule failed (rolled back alone, tried again next tick).
 */
int	schedule_tick(const struct conf *, struct store *,
	    const struct tmplset *, const struct calendar *, time_t now,
	    timers_cb, void *, int *actions);

#endif
