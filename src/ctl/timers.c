/*
 * timers.c — `complaintctl timers run [--at TIME]` and `timers list`: the
 * procedure clock by hand.  `run` is one tick of the timer engine, the
 * same code the dispatch worker runs every half minute (timers.h), as of
 * now or of TIME: how an operator catches up after an outage, and how the
 * tests make time pass.  Each action carried out is printed on one line.
 * `list` shows what each case's clock will do next, soonest first, from
 * the index the tick reads.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "calendar.h"
#include "cpar.h"
#include "ctl.h"
#include "json.h"
#include "schedule.h"
#include "sla.h"
#include "timers.h"

static void
timers_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl timers run [--at TIME]\n"
	    "       complaintctl timers list [--limit N] [--json]\n\n"
	    "  run      carry out what the procedure clock has made due:\n"
	    "           reminders, overdue notices, escalations, closes; one\n"
	    "           line per action (the daemon does the same every half\n"
	    "           minute)\n"
	    "  --at     as of TIME, \"YYYY-MM-DD HH:MM\" in the configured\n"
	    "           zone (default: now); nothing fires twice, whatever\n"
	    "           TIME is\n"
	    "  list     what each case's clock does next, soonest first,\n"
	    "           then each schedule's next occurrence\n"
	    "  --limit  at most N cases (default 100; 0: all)\n"
	    "  --json   one JSON array\n");
}

static int
timers_print(void *arg, const struct timers_done *t)
{
	char when[32];

	(void)arg;
	calendar_format_local(t->at, when, sizeof when);
	printf("%s  %-17s %-18s %s\n", when, t->reference, t->kind, t->what);
	return 0;
}

static int
timers_run(struct ctl *c, const char *at_text)
{
	struct timers *tm;
	char err[4096], when[32];
	int rc, n = 0, cases;
	time_t at = time(NULL);

	if ((rc = ctl_open(c, CTL_NEED_STORE, 0)) != 0) {
		return rc;
	}
	/* read in the configured zone (ctl_open set it), not the caller's */
	if (at_text != NULL && calendar_parse_local(at_text, &at, err,
	    sizeof err) == -1) {
		ctl_err("--at: %s", err);
		return EX_USAGE;
	}
	if ((tm = timers_new(c->cf, c->st, err, sizeof err)) == NULL) {
		fprintf(stderr, "%s\n", err);
		ctl_err("the clock cannot run with this configuration");
		return EX_CONFIG;
	}
	rc = timers_refresh(tm, &cases) == -1 ||
	    timers_tick(tm, at, timers_print, NULL, &n) == -1 ? -1 : 0;
	timers_free(tm);
	if (rc == -1) {
		return ctl_store_exit(c->st);
	}
	calendar_format_local(at, when, sizeof when);
	printf("%d action(s) as of %s\n", n, when);
	return 0;
}

struct list_out {
	struct json	*j;
};

static int
timers_row(void *arg, const struct store_case_row *r)
{
	struct list_out *lo = arg;
	char when[32], due[32];

	if (lo->j != NULL) {
		json_object_begin(lo->j);
		json_kv_string(lo->j, "reference", r->reference);
		json_kv_string(lo->j, "status", r->status);
		json_kv_string(lo->j, "next_action", r->next_action);
		json_kv_time(lo->j, "next_action_at", r->next_action_at);
		json_kv_time(lo->j, "due_at", r->due_at);
		json_kv_int(lo->j, "escalation_level", r->escalation_level);
		json_object_end(lo->j);
		return 0;
	}
	if (r->next_action_at != 0) {
		calendar_format_local(r->next_action_at, when, sizeof when);
	} else {
		snprintf(when, sizeof when, "-");	/* not within 2 years */
	}
	if (r->due_at != 0) {
		calendar_format_local(r->due_at, due, sizeof due);
	} else {
		snprintf(due, sizeof due, "-");
	}
	printf("%-21s %-17s %-18s %-13s %d  %s\n", when, r->reference,
	    r->next_action ? r->next_action : "", r->status,
	    r->escalation_level, due);
	return 0;
}

/* Each configured schedule's next occurrence: the one the clock holds,
 * or, for a schedule it has not seen yet or whose timing changed, the
 * one it will hold (schedule.h). */
static int
timers_schedules(struct ctl *c, struct json *j)
{
	const struct conf_schedule *sc;
	struct store_schedule row;
	struct store_case_row r;
	struct list_out lo = { j };
	struct calendar *cal;
	char err[1024], spec[65], ref[80];
	size_t i;
	int got;

	if (c->cf->nschedules == 0) {
		return 0;
	}
	if ((cal = sla_calendar_new(c->cf, err, sizeof err)) == NULL) {
		ctl_err("%s", err);
		return -1;
	}
	for (i = 0; i < c->cf->nschedules; i++) {
		sc = &c->cf->schedules[i];
		schedule_spec(sc, spec);
		if ((got = store_schedule_get(c->st, sc->name, &row)) == -1) {
			calendar_free(cal);
			return -1;
		}
		memset(&r, 0, sizeof r);
		snprintf(ref, sizeof ref, "schedule:%s", sc->name);
		r.reference = ref;
		r.status = "scheduled";
		r.next_action = schedule_kind_name(sc->kind);
		r.next_action_at = got == 1 && strcmp(row.spec, spec) == 0 ?
		    row.next_action_at : schedule_next(sc, cal, time(NULL));
		timers_row(&lo, &r);
	}
	calendar_free(cal);
	return 0;
}

/* Each corrective action's next action on the clock (cpar.h). */
struct cpar_list {
	struct list_out		*lo;
	const struct conf	*cf;
	struct calendar		*cal;
	time_t			 now;
};

static int
timers_cpar_row(void *arg, const struct store_cpar *k)
{
	struct cpar_list *x = arg;
	struct cpar_clock clock;
	struct cpar_clock_act next;
	struct store_case_row r;

	cpar_clock_of(x->cf, x->cal, k, &clock);
	if (!cpar_clock_next(&clock, x->now, &next)) {
		return 0;
	}
	memset(&r, 0, sizeof r);
	r.reference = k->reference;
	r.status = k->status;
	r.next_action = next.kind;
	r.next_action_at = next.at;
	r.due_at = k->due_at;
	return timers_row(x->lo, &r);
}

static int
timers_cpars(struct ctl *c, struct list_out *lo)
{
	struct cpar_list x = { lo, c->cf, NULL, time(NULL) };
	char err[1024];
	int rc;

	if ((x.cal = sla_calendar_new(c->cf, err, sizeof err)) == NULL) {
		ctl_err("%s", err);
		return -1;
	}
	rc = store_cpar_list(c->st, NULL, timers_cpar_row, &x);
	calendar_free(x.cal);
	return rc;
}

static int
timers_list(struct ctl *c, int limit, int json)
{
	struct list_out lo = { NULL };
	struct json j;
	int rc;

	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	lo.j = json ? &j : NULL;
	ctl_json_list_begin(lo.j);
	if (!json) {
		printf("%-21s %-17s %-18s %-13s %s  %s\n", "WHEN", "REFERENCE",
		    "ACTION", "STATUS", "L", "DUE");
	}
	rc = store_case_scheduled(c->st, limit, timers_row, &lo);
	if (rc != -1 && timers_schedules(c, lo.j) == -1) {
		rc = -1;
	}
	if (rc != -1 && timers_cpars(c, &lo) == -1) {
		rc = -1;
	}
	ctl_json_list_end(lo.j, rc);
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}

int
cmd_timers(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *at = NULL, *sub;
	char *end;
	int ch, json = 0, limit = 100;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			at = optarg;
			break;
		case 'l':
			limit = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || limit < 0) {
				ctl_err("--limit needs a number");
				return EX_USAGE;
			}
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			timers_usage(stdout);
			return 0;
		default:
			timers_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind + 1 != argc) {
		timers_usage(stderr);
		return EX_USAGE;
	}
	sub = argv[optind];
	if (strcmp(sub, "list") == 0 && at == NULL) {
		return timers_list(c, limit, json);
	}
	if (strcmp(sub, "run") != 0 || json) {
		timers_usage(stderr);
		return EX_USAGE;
	}
	return timers_run(c, at);
}
