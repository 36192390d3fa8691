/*
 * test_sla.c — the procedure clock's decisions: due times (next-opening
 * rule, Saturday night), reminders, overdue notices, escalation up a
 * three-level chain and no further, the climb after an interval, a late
 * first response, pause and resume, waiting too long, re-categorisation,
 * reopening, auto-close with its halfway reminder, a clock jumped forward
 * and back, and a tick every 15 minutes agreeing with one big jump.
 *
 * Calendar: Asia/Jakarta, Monday to Friday 07:00-15:00, Nyepi (2026-03-19)
 * a holiday.  2026-03-02 is a Monday.  A "tick" here does what the timer
 * engine will do: sla_case_due, record each key, sla_case_apply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "conf.h"
#include "sla.h"
#include "t.h"

#define H	3600

struct sim {
	struct sla_case	c;
	struct sla_key	fired[128];
	size_t		nfired;
	int		twice;		/* a key fired a second time */
};

static struct calendar *cal;

/* The policy most tests use: first response within 8 working hours,
 * resolution within 5 working days, reminders 2 h ahead, one more level
 * after 8 working hours unmet, feedback 6 days with a halfway reminder,
 * waiting on the complainant 10 days. */
static const struct sla_policy pol = { 8 * H, 5, 2 * H, 8 * H, 6, 1, 10 };

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

static const char *
hm(time_t t)
{
	static char b[4][32];
	static int i;
	struct tm tm;

	i = (i + 1) % 4;
	localtime_r(&t, &tm);
	strftime(b[i], sizeof b[i], "%m-%d %H:%M", &tm);
	return b[i];
}

static void
describe(char *buf, size_t len, const struct sla_action *a, size_t n)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < len; i++) {
		o += snprintf(buf + o, len - o, "%s%s:%lld %s", i ? "; " : "",
		    sla_kind_name(a[i].kind), (long long)a[i].seq,
		    hm(a[i].at));
	}
	if (n == 0) {
		snprintf(buf, len, "-");
	}
}

/* One tick at now: what fired, as text. */
static const char *
tick(struct sim *s, const struct sla_policy *p, const char *now)
{
	static char buf[1024];
	struct sla_action a[SLA_MAX_ACTIONS];
	size_t n, i, j;

	n = sla_case_due(cal, p, &s->c, s->fired, s->nfired, at(now), a,
	    SLA_MAX_ACTIONS);
	for (i = 0; i < n; i++) {
		for (j = 0; j < s->nfired; j++) {
			s->twice += s->fired[j].kind == a[i].kind &&
			    s->fired[j].seq == a[i].seq;
		}
		s->fired[s->nfired].kind = a[i].kind;
		s->fired[s->nfired++].seq = a[i].seq;
		sla_case_apply(&s->c, &a[i]);
	}
	describe(buf, sizeof buf, a, n);
	return buf;
}

/* The next action, as text ("-" when none). */
static const char *
next(struct sim *s, const struct sla_policy *p, const char *now)
{
	static char buf[128];
	struct sla_action a;

	if (!sla_case_next(cal, p, &s->c, s->fired, s->nfired, at(now), &a)) {
		return "-";
	}
	describe(buf, sizeof buf, &a, 1);
	return buf;
}

static void
sim_open(struct sim *s, const struct sla_policy *p, const char *received,
    int top)
{
	memset(s, 0, sizeof *s);
	sla_case_open(cal, p, at(received), top, &s->c);
}

static void
test_due_times(void)
{
	struct sim s;
	struct sla_policy none = { 0, 0, 0, 0, 0, 0, 0 };
	struct sla_policy tight = pol;

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	T_STR(hm(s.c.response_due_at), "03-03 10:00",
	    "first response due 8 working hours after Monday 10:00");
	T_STR(hm(s.c.resolve_due_at), "03-09 15:00",
	    "resolution due at the close of the 5th working day");
	sim_open(&s, &pol, "2026-03-07 21:00", 2);
	T_STR(hm(s.c.response_due_at), "03-09 15:00",
	    "Saturday night: the response clock starts Monday 07:00");
	T_STR(hm(s.c.resolve_due_at), "03-16 15:00",
	    "Saturday night: Monday is day 0 of the resolution");
	sim_open(&s, &pol, "2026-03-13 10:00", 2);
	T_STR(hm(s.c.resolve_due_at), "03-23 15:00",
	    "Nyepi does not count as a working day");
	sim_open(&s, &none, "2026-03-02 10:00", 2);
	T_STR(next(&s, &none, "2026-03-02 10:00"), "-",
	    "a category without times has no clock");
	tight.response_secs = 2 * H;
	sim_open(&s, &tight, "2026-03-02 10:00", 2);
	T_STR(next(&s, &tight, "2026-03-02 10:00"), "overdue_response:0 03-02 12:00",
	    "no reminder when the lead is the whole response time");
}

static void
test_ladder(void)
{
	struct sim s;

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	T_STR(tick(&s, &pol, "2026-03-02 12:00"), "-", "nothing due at first");
	T_STR(next(&s, &pol, "2026-03-02 12:00"), "remind_response:0 03-03 08:00",
	    "next: the response reminder, 2 working hours ahead");
	T_STR(tick(&s, &pol, "2026-03-03 08:00"), "remind_response:0 03-03 08:00",
	    "the reminder fires at its time");
	T_STR(next(&s, &pol, "2026-03-03 08:00"), "overdue_response:0 03-03 10:00",
	    "next: overdue at the due time");
	T_STR(tick(&s, &pol, "2026-03-03 10:00"),
	    "overdue_response:0 03-03 10:00; escalate:1 03-03 10:00",
	    "unmet at the due time: overdue, then one level up");
	T_INT(s.c.level, 1, "the case is at level 1 (the head)");
	T_STR(next(&s, &pol, "2026-03-03 10:00"), "escalate:2 03-04 10:00",
	    "next: one more level after 8 working hours");
	T_STR(tick(&s, &pol, "2026-03-04 09:59"), "-", "not a minute early");
	T_STR(tick(&s, &pol, "2026-03-04 10:00"), "escalate:2 03-04 10:00",
	    "still unmet: level 2 (the director)");
	T_STR(next(&s, &pol, "2026-03-04 10:00"), "remind_resolve:0 03-09 13:00",
	    "at the top of officer -> head -> director: no level 3");
	T_STR(tick(&s, &pol, "2026-03-09 13:00"), "remind_resolve:0 03-09 13:00",
	    "the resolution reminder");
	T_STR(tick(&s, &pol, "2026-03-09 15:00"), "overdue_resolve:0 03-09 15:00",
	    "resolution overdue; no escalation beyond the top");
	T_STR(tick(&s, &pol, "2026-04-30 15:00"), "-",
	    "weeks later: nothing more");
	T_STR(next(&s, &pol, "2026-04-30 15:00"), "-", "nothing scheduled");
	T_INT(s.c.level, 2, "the level stays at the top");
	T_INT(s.twice, 0, "no key fired twice");
}

static void
test_late_response(void)
{
	struct sim s;
	struct sla_policy once = pol;

	sim_open(&s, &pol, "2026-03-02 10:00", 3);
	tick(&s, &pol, "2026-03-03 10:00");
	sla_case_responded(&s.c, at("2026-03-03 12:00"));
	T_STR(next(&s, &pol, "2026-03-03 12:00"), "remind_resolve:0 03-09 13:00",
	    "a late first response stops the climb");
	T_STR(tick(&s, &pol, "2026-03-09 15:00"),
	    "overdue_resolve:0 03-09 15:00; escalate:2 03-09 15:00",
	    "the missed resolution escalates once more (a reminder at the "
	    "due time itself is moot)");
	T_STR(next(&s, &pol, "2026-03-09 15:00"), "escalate:3 03-10 15:00",
	    "and climbs after 8 working hours");
	sla_case_responded(&s.c, at("2026-03-10 09:00"));
	T_STR(hm(s.c.first_response_at), "03-03 12:00",
	    "later responses do not move the first");

	once.escalate_secs = 0;
	sim_open(&s, &once, "2026-03-02 10:00", 3);
	T_STR(tick(&s, &once, "2026-03-09 15:00"),
	    "overdue_response:0 03-03 10:00; escalate:1 03-03 10:00; "
	    "overdue_resolve:0 03-09 15:00; escalate:2 03-09 15:00",
	    "without a climb interval: one level per missed due time");
	T_STR(next(&s, &once, "2026-03-09 15:00"), "-", "and nothing more");
}

static void
test_jumps(void)
{
	struct sim s;

	sim_open(&s, &pol, "2026-03-02 10:00", 3);
	T_STR(tick(&s, &pol, "2026-03-20 10:00"),
	    "overdue_response:0 03-03 10:00; escalate:1 03-03 10:00; "
	    "escalate:2 03-04 10:00; escalate:3 03-05 10:00; "
	    "overdue_resolve:0 03-09 15:00",
	    "a clock jumped forward fires what became due, each once, at "
	    "its scheduled instant; moot reminders are left out");
	T_STR(tick(&s, &pol, "2026-03-20 10:01"), "-", "the next tick: nothing");
	T_STR(tick(&s, &pol, "2026-03-02 10:00"), "-",
	    "the clock jumped back to the start: nothing fires twice");
	T_STR(tick(&s, &pol, "2026-03-04 10:00"), "-", "nor on the way forward");
	T_STR(tick(&s, &pol, "2026-03-21 08:00"), "-", "nor past where it was");
	T_INT(s.twice, 0, "no key fired twice");
}

/* A tick every 15 minutes, with the clock sometimes set back an hour,
 * fires the same overdue notices and escalations as one jump. */
static void
test_ticks_agree(void)
{
	struct sim a, b;
	time_t t, end = at("2026-03-27 15:00");
	size_t i, j, k = 0;
	int same = 1;

	sim_open(&a, &pol, "2026-03-02 10:00", 3);
	sim_open(&b, &pol, "2026-03-02 10:00", 3);
	for (t = at("2026-03-02 10:00"); t <= end; t += 15 * 60) {
		struct sla_action acts[SLA_MAX_ACTIONS];
		size_t n = sla_case_due(cal, &pol, &a.c, a.fired, a.nfired,
		    (k++ % 7 == 6) ? t - H : t, acts, SLA_MAX_ACTIONS);

		for (i = 0; i < n; i++) {
			for (j = 0; j < a.nfired; j++) {
				a.twice += a.fired[j].kind == acts[i].kind &&
				    a.fired[j].seq == acts[i].seq;
			}
			a.fired[a.nfired].kind = acts[i].kind;
			a.fired[a.nfired++].seq = acts[i].seq;
			sla_case_apply(&a.c, &acts[i]);
		}
	}
	tick(&b, &pol, "2026-03-27 15:00");
	/* the ticking clock also sent the two reminders the jump skipped */
	for (i = 0, j = 0; i < a.nfired; i++) {
		if (a.fired[i].kind == SLA_REMIND_RESPONSE ||
		    a.fired[i].kind == SLA_REMIND_RESOLVE) {
			continue;
		}
		same &= j < b.nfired && a.fired[i].kind == b.fired[j].kind &&
		    a.fired[i].seq == b.fired[j].seq;
		j++;
	}
	T_OK(same && j == b.nfired, "ticking and jumping fire the same actions");
	T_INT(a.nfired, b.nfired + 2, "plus the two reminders");
	T_INT(a.c.level, 3, "both reach the top");
	T_OK(a.c.level_at == b.c.level_at, "at the same scheduled instant");
	T_INT(a.twice, 0, "a clock set back now and then fires nothing twice");
}

static void
test_pause(void)
{
	struct sim s;
	int64_t w;

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	sla_case_responded(&s.c, at("2026-03-02 11:00"));
	sla_case_pause(&s.c, at("2026-03-04 09:00"));
	T_INT(s.c.phase, SLA_PHASE_WAITING, "asking the complainant pauses");
	T_STR(next(&s, &pol, "2026-03-04 09:00"), "close_no_reply:0 03-18 15:00",
	    "while waiting only the no-reply close is scheduled (10 days)");
	T_STR(tick(&s, &pol, "2026-03-09 15:30"), "-",
	    "no reminder or overdue while waiting, though the old due time passed");
	w = sla_case_resume(cal, &s.c, at("2026-03-09 15:30"));
	T_INT(w, 30 * H,
	    "Wednesday 09:00 to Monday after closing: 30 working hours waited");
	T_STR(hm(s.c.resolve_due_at), "03-13 13:00",
	    "the resolution due time moved by the time waited");
	T_INT(s.c.paused_secs, 30 * H, "the time waited is kept");
	T_STR(next(&s, &pol, "2026-03-09 15:30"), "remind_resolve:0 03-13 11:00",
	    "the clock runs again");
	T_INT(sla_case_resume(cal, &s.c, at("2026-03-10 09:00")), 0,
	    "resuming twice changes nothing");

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	sla_case_pause(&s.c, at("2026-03-02 11:00"));
	T_STR(hm(s.c.first_response_at), "03-02 11:00",
	    "a request for information is a first response");
	T_STR(tick(&s, &pol, "2026-03-16 14:59"), "-", "still waiting");
	T_STR(tick(&s, &pol, "2026-03-16 15:00"), "close_no_reply:0 03-16 15:00",
	    "waiting 10 working days without an answer closes the case");
	T_INT(s.c.phase, SLA_PHASE_DONE, "closed");
	T_STR(next(&s, &pol, "2026-03-16 15:00"), "-", "nothing after");
}

/* Overdue and escalated, then paused and resumed: nothing is sent again
 * and the climb resumes where the overdue time left off. */
static void
test_pause_overdue(void)
{
	struct sim s;

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	sla_case_responded(&s.c, at("2026-03-02 11:00"));
	T_STR(tick(&s, &pol, "2026-03-09 13:00"),
	    "remind_resolve:0 03-09 13:00", "resolution reminder");
	T_STR(tick(&s, &pol, "2026-03-09 15:00"),
	    "overdue_resolve:0 03-09 15:00; escalate:1 03-09 15:00",
	    "resolution overdue: level 1");
	sla_case_pause(&s.c, at("2026-03-10 10:00"));
	T_STR(tick(&s, &pol, "2026-03-11 10:00"), "-",
	    "no climb while waiting");
	sla_case_resume(cal, &s.c, at("2026-03-12 10:00"));
	T_STR(hm(s.c.resolve_due_at), "03-11 15:00",
	    "the due time moved by 16 working hours");
	T_STR(tick(&s, &pol, "2026-03-12 10:00"), "-",
	    "resuming sends no second overdue notice");
	T_STR(next(&s, &pol, "2026-03-12 10:00"), "escalate:2 03-12 15:00",
	    "3 h overdue before the pause + 5 h after = the 8 h climb");
}

static void
test_recategorise(void)
{
	struct sim s;
	const struct sla_policy slow = { 16 * H, 10, 2 * H, 8 * H, 6, 1, 10 };

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	T_STR(tick(&s, &pol, "2026-03-03 08:00"), "remind_response:0 03-03 08:00",
	    "the first category's reminder");
	sla_case_recategorise(cal, &slow, &s.c);
	T_INT(s.c.round, 1, "re-categorising starts a round");
	T_STR(hm(s.c.response_due_at), "03-04 10:00",
	    "response due recomputed from the arrival: 16 working hours");
	T_STR(hm(s.c.resolve_due_at), "03-16 15:00",
	    "resolution due recomputed: 10 working days");
	T_STR(tick(&s, &slow, "2026-03-03 10:00"), "-",
	    "the old due time no longer makes the case overdue");
	T_STR(tick(&s, &slow, "2026-03-04 08:00"), "remind_response:1 03-04 08:00",
	    "the new team is reminded of the new due time");

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	sla_case_responded(&s.c, at("2026-03-02 12:00"));
	sla_case_pause(&s.c, at("2026-03-03 07:00"));
	sla_case_resume(cal, &s.c, at("2026-03-04 07:00"));
	sla_case_recategorise(cal, &slow, &s.c);
	T_STR(hm(s.c.response_due_at), "03-03 10:00",
	    "a met response keeps the due time it was judged against");
	T_STR(hm(s.c.resolve_due_at), "03-17 15:00",
	    "the new resolution time still counts the day spent waiting");
}

static void
test_feedback(void)
{
	struct sim s;
	const struct sla_policy quiet = { 8 * H, 5, 2 * H, 8 * H, 6, 0, 10 };

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	sla_case_resolved(&s.c, at("2026-03-04 12:00"));
	T_STR(hm(s.c.first_response_at), "03-04 12:00",
	    "the resolution is a response");
	T_STR(next(&s, &pol, "2026-03-04 12:00"), "remind_feedback:0 03-09 13:30",
	    "the complainant is reminded halfway (25 h 30 of 51 working hours)");
	T_STR(tick(&s, &pol, "2026-03-09 13:30"), "remind_feedback:0 03-09 13:30",
	    "the reminder fires");
	T_STR(tick(&s, &pol, "2026-03-12 14:59"), "-", "no close before its time");
	T_STR(tick(&s, &pol, "2026-03-12 15:00"), "close_no_feedback:0 03-12 15:00",
	    "no feedback in 6 working days: closed");
	T_STR(next(&s, &pol, "2026-03-12 15:00"), "-", "nothing after");

	sim_open(&s, &quiet, "2026-03-02 10:00", 2);
	sla_case_resolved(&s.c, at("2026-03-04 12:00"));
	T_STR(next(&s, &quiet, "2026-03-04 12:00"), "close_no_feedback:0 03-12 15:00",
	    "without the halfway reminder: only the close");

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	sla_case_resolved(&s.c, at("2026-03-04 12:00"));
	T_STR(tick(&s, &pol, "2026-03-30 09:00"), "close_no_feedback:0 03-12 15:00",
	    "jumped past both: the close alone, the reminder is moot");
}

static void
test_reopen(void)
{
	struct sim s;

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	sla_case_responded(&s.c, at("2026-03-02 11:00"));
	sla_case_resolved(&s.c, at("2026-03-04 12:00"));
	tick(&s, &pol, "2026-03-09 13:30");
	sla_case_reopen(cal, &pol, &s.c, at("2026-03-10 09:00"));
	/* casework's reopen raises the level itself, from that instant */
	s.c.level = 1;
	s.c.level_at = at("2026-03-10 09:00");
	T_INT(s.c.round, 1, "reopening starts a round");
	T_INT(s.c.phase, SLA_PHASE_OPEN, "the clock runs again");
	T_STR(hm(s.c.resolve_due_at), "03-17 15:00",
	    "a new resolution time: 5 working days from the reopening");
	T_STR(tick(&s, &pol, "2026-03-17 13:00"), "remind_resolve:1 03-17 13:00",
	    "the new round reminds on its own key");
	T_STR(tick(&s, &pol, "2026-03-17 15:00"),
	    "overdue_resolve:1 03-17 15:00; escalate:2 03-17 15:00",
	    "and is overdue and escalates from the level the reopening set");
	sla_case_resolved(&s.c, at("2026-03-18 08:00"));
	T_STR(next(&s, &pol, "2026-03-18 08:00"), "remind_feedback:1 03-24 11:30",
	    "a second resolution asks for feedback again (round 1)");
	T_INT(s.twice, 0, "no key fired twice");
}

static const char *
up(void *ctx, const char *id)
{
	const char *const *pairs = ctx;
	size_t i;

	for (i = 0; pairs[i] != NULL; i += 2) {
		if (strcmp(pairs[i], id) == 0) {
			return pairs[i + 1];
		}
	}
	return NULL;
}

static void
test_chain(void)
{
	static const char *const chain[] = {
		"wks-kurikulum", "kepsek", "kepsek", "direktur",
		"wks-sarpras", "kepsek", "a", "b", "b", "a", "self", "self",
		NULL,
	};
	const char *one[] = { "wks-kurikulum" };
	const char *two[] = { "direktur", "kepsek" };
	const char *loop[] = { "a" };
	const char *self[] = { "self" };

	T_INT(sla_chain_height(one, 1, up, (void *)chain), 2,
	    "officer -> head -> director: two levels above");
	T_INT(sla_chain_height(two, 2, up, (void *)chain), 1,
	    "the longest chain above any of the category's officers");
	T_INT(sla_chain_height(loop, 1, up, (void *)chain), 1,
	    "a loop in escalate_to ends where it comes back");
	T_INT(sla_chain_height(self, 1, up, (void *)chain), 0,
	    "escalating to oneself is no level");
}

static void
test_names(void)
{
	int k, ok = 1;

	for (k = 0; k < SLA_NKINDS; k++) {
		ok &= sla_kind_name((enum sla_kind)k) != NULL &&
		    sla_kind_parse(sla_kind_name((enum sla_kind)k)) == k;
	}
	T_OK(ok, "every kind's name parses back to it");
	T_INT(sla_kind_parse("escalate"), SLA_ESCALATE, "escalate by name");
	T_INT(sla_kind_parse("nope"), -1, "unknown name");
	T_INT(sla_phase_of("acknowledged", 0), SLA_PHASE_OPEN, "acknowledged: open");
	T_INT(sla_phase_of("in_progress", 1), SLA_PHASE_WAITING,
	    "in progress and paused: waiting");
	T_INT(sla_phase_of("reopened", 0), SLA_PHASE_OPEN, "reopened: open");
	T_INT(sla_phase_of("resolved", 0), SLA_PHASE_RESOLVED, "resolved");
	T_INT(sla_phase_of("closed", 0), SLA_PHASE_DONE, "closed: no clock");
	T_INT(sla_phase_of("rejected", 0), SLA_PHASE_DONE, "rejected: no clock");
	T_INT(sla_phase_of("bogus", 0), SLA_PHASE_DONE, "unknown: no clock");
	T_INT(sla_phase_of("merged", 0), SLA_PHASE_DONE, "merged: no clock");
	T_INT(sla_phase_of("waiting", 5), SLA_PHASE_WAITING, "waiting, paused");
}

/* The deadline running now: what complaint.due_at (overdue, list) is. */
static void
test_deadline(void)
{
	struct sim s;

	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	T_STR(hm(sla_case_deadline(&s.c)), "03-03 10:00",
	    "no first response yet: its due time");
	sla_case_responded(&s.c, at("2026-03-02 11:00"));
	T_STR(hm(sla_case_deadline(&s.c)), "03-09 15:00",
	    "responded: the resolution's");
	sla_case_pause(&s.c, at("2026-03-03 11:00"));
	T_INT(sla_case_deadline(&s.c), 0, "waiting on the complainant: none");
	sla_case_resume(cal, &s.c, at("2026-03-04 11:00"));
	T_STR(hm(sla_case_deadline(&s.c)), "03-10 15:00",
	    "resumed: the resolution's, a working day later");
	sla_case_resolved(&s.c, at("2026-03-05 11:00"));
	T_INT(sla_case_deadline(&s.c), 0, "answered: none");
	sim_open(&s, &pol, "2026-03-02 10:00", 2);
	s.c.response_due_at = s.c.resolve_due_at + 60;
	T_STR(hm(sla_case_deadline(&s.c)), "03-09 15:00",
	    "the earlier of the two");
}

/* A category's policy and the calendar, from the configuration model. */
static void
test_conf(void)
{
	static char *hol[] = { (char *)"2026-03-19" };
	struct conf_category cats[1];
	struct sla_policy p;
	struct calendar *c2;
	struct conf cf;
	char err[256];

	memset(&cf, 0, sizeof cf);
	memset(cats, 0, sizeof cats);
	cats[0].id = (char *)"sarana";
	cats[0].resolve_days = 10;
	cf.categories = cats;
	cf.ncategories = 1;
	cf.timezone = (char *)"Asia/Jakarta";
	cf.sla.workdays = 0x3e;
	cf.sla.day_start = 7 * 60;
	cf.sla.day_end = 15 * 60;
	cf.sla.holidays = hol;
	cf.sla.nholidays = 1;
	cf.sla.response_hours = 24;
	cf.sla.resolve_days = 5;
	cf.sla.remind_hours = 4;
	cf.sla.escalate_hours = 8;
	cf.sla.feedback_days = 7;
	cf.sla.feedback_reminder = 1;
	cf.sla.wait_days = 10;
	sla_policy_of(&cf, "sarana", &p);
	T_OK(p.response_secs == 24 * H && p.resolve_days == 10 &&
	    p.remind_secs == 4 * H && p.escalate_secs == 8 * H &&
	    p.feedback_days == 7 && p.feedback_remind == 1 &&
	    p.wait_days == 10, "a category's own times, the section's rest");
	sla_policy_of(&cf, "gone", &p);
	T_INT(p.resolve_days, 5, "a category no longer configured: defaults");
	c2 = sla_calendar_new(&cf, err, sizeof err);
	T_OK(c2 != NULL && calendar_is_workday(c2, calendar_day_of(
	    at("2026-03-18 12:00"))) && !calendar_is_workday(c2,
	    calendar_day_of(at("2026-03-19 12:00"))),
	    "the calendar: working days and holidays of the configuration");
	calendar_free(c2);
	cf.timezone = (char *)"Asia/Jayapura";
	T_OK(sla_calendar_new(&cf, err, sizeof err) == NULL,
	    "a zone other than the process's is refused");
	T_CONTAINS(err, "TZ", "... saying TZ must be set first");
}

static void
test_words(void)
{
	char b[96];

	sla_format_when(at("2026-03-02 10:05"), "id", b, sizeof b);
	T_STR(b, "2 Maret 2026 pukul 10.05 WIB", "a time in Indonesian");
	sla_format_when(at("2026-12-31 15:00"), "en", b, sizeof b);
	T_STR(b, "31 December 2026, 15:00 WIB", "... in English");
	sla_format_span(3 * H + 20 * 60 + 59, "id", b, sizeof b);
	T_STR(b, "3 jam 20 menit", "working time in words, to the minute");
	sla_format_span(-2 * H, "en", b, sizeof b);
	T_STR(b, "2 h", "... its size");
	sla_format_span(59, "en", b, sizeof b);
	T_STR(b, "0 min", "... under a minute");
	sla_format_left(cal, at("2026-03-03 08:00"), at("2026-03-02 14:00"),
	    "id", b, sizeof b);
	T_STR(b, "sisa 2 jam waktu kerja", "left: only working time counts");
	sla_format_left(cal, at("2026-03-02 14:00"), at("2026-03-02 16:00"),
	    "en", b, sizeof b);
	T_STR(b, "overdue by 1 h of working time",
	    "overdue: by the working time since");
	sla_format_left(cal, at("2026-03-02 15:00"), at("2026-03-02 18:00"),
	    "id", b, sizeof b);
	T_STR(b, "terlambat 0 menit waktu kerja",
	    "passed after closing: overdue all the same");
}

int
main(void)
{
	static const char *const hol[] = { "2026-03-19" };
	struct calendar_spec sp = { 0x3e, 7 * 60, 15 * 60, hol, 1,
	    "Asia/Jakarta" };
	char err[256];

	setenv("TZ", "Asia/Jakarta", 1);
	tzset();
	if ((cal = calendar_new(&sp, err, sizeof err)) == NULL) {
		printf("# %s\n", err);
		return 2;
	}
	test_due_times();
	test_ladder();
	test_late_response();
	test_jumps();
	test_ticks_agree();
	test_pause();
	test_pause_overdue();
	test_recategorise();
	test_feedback();
	test_reopen();
	test_chain();
	test_names();
	test_deadline();
	test_conf();
	test_words();
	calendar_free(cal);
	return t_done();
}
