/*
 * timers_bench.c — how long one tick of the timer engine takes on a big
 * database (scale_gen's): a tick with nothing due, then one tick a minute
 * from the first action due after NOW until TICKS of them had something
 * to do, each timed with the actions it carried out (each case a
 * transaction of its own, committed with fsync).  Prints the figures;
 * asserts nothing.
 *   timers_bench CONF NOW
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "conf_load.h"
#include "log.h"
#include "store.h"
#include "timers.h"

#define TICKS	60	/* ticks with something to do */

static double
bench_ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One tick at t: milliseconds, *n actions. */
static double
bench_tick(struct timers *tm, time_t t, int *n)
{
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (timers_tick(tm, t, NULL, NULL, n) == -1) {
		fprintf(stderr, "timers_bench: the tick failed\n");
		exit(1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return bench_ms(&t0, &t1);
}

static int
bench_first(void *arg, const struct store_case_row *r)
{
	*(time_t *)arg = r->next_action_at;
	return 1;
}

int
main(int argc, char **argv)
{
	struct conf_diag diag = { NULL, 0 };
	struct conf *cf = NULL;
	struct store *st = NULL;
	struct timers *tm;
	double ms[TICKS], idle[5], t, sum = 0, empty = 0;
	char err[4096] = "", from[32], to[32];
	time_t now, first = 0, at;
	int i, n, k = 0, total = 0, busiest = 0, nempty = 0, open, overdue;

	if (argc != 3) {
		fprintf(stderr, "usage: timers_bench CONF NOW\n");
		return 64;
	}
	log_init(0, "timers_bench");
	if (conf_load(argv[1], &cf, &diag) == -1) {
		return 78;
	}
	setenv("TZ", cf->timezone, 1);
	tzset();
	if (calendar_parse_local(argv[2], &now, err, sizeof err) == -1 ||
	    store_open(cf->database, 60000, &st) == -1 ||
	    (tm = timers_new(cf, st, err, sizeof err)) == NULL ||
	    timers_refresh(tm, &n) == -1 ||
	    store_case_counts(st, now, &open, &overdue) == -1 ||
	    store_case_scheduled(st, 1, bench_first, &first) == -1) {
		fprintf(stderr, "timers_bench: %s\n", err);
		return 1;
	}
	for (i = 0; i < 5; i++) {
		idle[i] = bench_tick(tm, now, &n);
	}
	qsort(idle, 5, sizeof idle[0], bench_cmp);
	printf("  %d open cases (the rest closed); a tick with nothing due: "
	    "%.3f ms (median of 5)\n", open, idle[2]);
	/* a tick a minute from the first action on, until TICKS ticks had
	 * something to do */
	for (at = first; k < TICKS && at < first + 30 * 86400; at += 60) {
		t = bench_tick(tm, at, &n);
		if (n == 0) {
			empty += t;
			nempty++;
			continue;
		}
		ms[k++] = t;
		sum += t;
		total += n;
		busiest = n > busiest ? n : busiest;
	}
	if (k == 0) {
		printf("  nothing became due\n");
		return 0;
	}
	qsort(ms, (size_t)k, sizeof ms[0], bench_cmp);
	calendar_format_local(first, from, sizeof from);
	calendar_format_local(at, to, sizeof to);
	printf("  a tick a minute from %s to %s: %d with something to do: "
	    "median %.1f ms, 90th percentile %.1f ms, max %.1f ms\n", from, to,
	    k, ms[k / 2], ms[k * 9 / 10], ms[k - 1]);
	printf("  %d actions (1 to %d per tick), %.2f ms per action with its "
	    "commit; the %d ticks with nothing due: %.3f ms each\n", total,
	    busiest, sum / total, nempty, nempty ? empty / nempty : 0.0);
	timers_free(tm);
	store_close(st);
	conf_free(cf);
	return 0;
}
