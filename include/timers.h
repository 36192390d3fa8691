/*
 * timers.h — the timer engine: one tick carries out what the procedure
 * clock has made due (sla.h has the design and the rules; casework the
 * actions).  The same code runs in the dispatch worker, at least once a
 * minute, and in `complaintctl timers run [--at TIME]`.
 *
 * A tick reads only what is due: the cases whose next_action_at <= now,
 * from its index, soonest first, each case once per tick.  Each case is
 * its own transaction: its clock and what it already fired are read,
 * sla_case_due() says what is due, each action is recorded as fired
 * (timer_fired, unique per key: an action fired before is skipped) and
 * carried out through casework (events, status, outbox rows — the tick
 * never sends anything itself), and the clock is stored with its next
 * action; then COMMIT.  A case that fails is rolled back alone and tried
 * again at the next tick.  So each action happens exactly once whatever
 * crashes, restarts, clock jumps or concurrent ticks (the daemon and
 * complaintctl) there are.
 *
 * Before its first tick an engine brings the clocks up to date with the
 * configuration when the part of it the clock depends on (working days
 * and hours, holidays, the zone, the sla settings, the categories'
 * times, escalate_to) changed since the clocks were last worked out —
 * and starts the clock of cases older than it.  Due times already
 * promised stay; what derives from them (reminders, auto-close, the
 * escalation ladder) follows the new settings.
 *
 * An action found more than sla.catch_up_days after it fell due (the
 * daemon stopped for long, an upgrade starting old cases' clocks) is
 * carried out with casework's messages held (struct casework's
 * hold_messages): the case is escalated or closed, nobody is sent stale
 * news, an event clock_stale says so.  What a tick writes in the history
 * carries the tick's time (store_set_now).
 *
 * Functions return 0, or -1 on a store failure (logged by the store).
 */
#ifndef TIMERS_H
#define TIMERS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "conf.h"
#include "store.h"

struct timers;

/* What one action did, for `timers run` and the log.  Borrowed. */
struct timers_done {
	const char	*reference;
	const char	*kind;		/* sla_kind_name() */
	int64_t		 seq;		/* round, or the level reached */
	time_t		 at;		/* when it was due */
	const char	*what;		/* "overdue to wks-kurikulum", ... */
};
/* Told each action once its case is committed; non-zero: stop the tick
 * after this case (the rest waits for the next one).  A long tick (a
 * burst after an outage) is where a worker beats its heartbeat. */
typedef int (*timers_cb)(void *, const struct timers_done *);

/* Load the templates and build the calendar; NULL with err (every
 * problem) when either is unusable.  The store is borrowed. */
struct timers	*timers_new(const struct conf *, struct store *, char *err,
		    size_t errlen);
void		 timers_free(struct timers *);

/* Bring the clocks up to date with the configuration if it changed
 * (above); *cases: how many were looked at (0: nothing to do). */
int	timers_refresh(struct timers *, int *cases);
/* One tick as of now; cb (may be NULL) hears each action carried out;
 * *actions counts them.  Cases are taken soonest first, so a tick cut
 * short leaves the latest for the next. */
int	timers_tick(struct timers *, time_t now, timers_cb, void *,
	    int *actions);

#endif
