/*
 * sla.h — the procedure clock's decisions: due times, reminders, overdue,
 * escalation, auto-close.  Pure: a subject's clock state and "now" in,
 * actions out; working time comes from calendar.h.  It decides, it does
 * not act: the timer engine (below) acts through casework and the store.
 *
 * ---- Definitions ----------------------------------------------------------
 *
 * Due times of a case (sla_case_open), from its category's policy:
 *   response_due_at = calendar_add(received, response_secs)
 *   resolve_due_at  = calendar_add_days(received, resolve_days)
 * so a case received at night or on a holiday starts its clock at the next
 * opening, and the resolution is due at the close of business of the Nth
 * working day after the day it started (calendar.h).  Due times are stored
 * on the case when they are computed (they are promised to the
 * complainant); a later change of holidays or hours applies to cases opened
 * or re-categorised afterwards.
 *
 * What counts as a response (caller's rule, sla_case_responded): the first
 * message written by a person that is sent to the complainant — an interim
 * update, a request for information, the answer, a rejection.  Not an
 * internal note, not our automatic acknowledgement.  Resolving and asking
 * for information (sla_case_resolved, sla_case_pause) count as responses.
 *
 * The clock's phases (sla_phase_of): OPEN (new, acknowledged, in_progress,
 * reopened), WAITING (open, waiting on the complainant since paused_at),
 * RESOLVED (awaiting feedback since resolved_at), DONE (closed, rejected:
 * no clock).  Only OPEN runs the response and resolution clocks.
 *
 * Actions (kind: when; key seq):
 *   remind_response   remind_secs of working time before response_due_at,
 *                     no first response yet, phase OPEN.  Not sent once the
 *                     due time has passed (the overdue notice says more),
 *                     nor when the lead is as long as the whole time
 *                     (it would come with the acknowledgement); seq round
 *   overdue_response  at response_due_at, no first response yet; seq round
 *   remind_resolve    as remind_response, before resolve_due_at; seq round
 *   overdue_resolve   at resolve_due_at, phase OPEN; seq round
 *   escalate          one level up the escalate_to chain: when a due time
 *                     passes unmet, and again after every escalate_secs of
 *                     working time it stays unmet, until level == top_level.
 *                     Precisely: the next step's instant is the earliest,
 *                     over the unmet due times D (response while there is
 *                     no first response; resolution), of D if the level
 *                     last rose before D, else level_at + escalate_secs
 *                     (working time; never when escalate_secs is 0);
 *                     phase OPEN; seq = the level reached (1, 2, ...)
 *   remind_feedback   halfway (in working time) between resolved_at and the
 *                     auto-close, if feedback_remind; not after the close;
 *                     to the complainant; seq round
 *   close_no_feedback calendar_add_days(resolved_at, feedback_days): closed
 *                     with satisfaction "no answer"; seq round
 *   close_no_reply    calendar_add_days(paused_at, wait_days) while WAITING:
 *                     closed with a reason, the complainant told; seq round
 * At one instant they come in the order above (the overdue notice to the
 * officers before the escalation to their head).
 *
 * Rounds.  round counts the times a case's due times were set anew: +1 on
 * re-categorisation (the new team hears reminders and overdue notices
 * for the new times) and on reopening after dissatisfaction.  Waiting on
 * the complainant does not start a round: sla_case_resume moves
 * resolve_due_at (and level_at) later by the working time spent waiting,
 * the same deadline moved, so nothing already sent for it is sent again.
 *
 * Escalation levels: 0 = the case's officers, 1 = their escalate_to, 2 =
 * those officers' escalate_to, ...; top_level is the longest chain above
 * the officers the case's category names (sla_chain_height): officer ->
 * head -> director gives top_level 2, and the clock never goes beyond it.
 * The level is the case's (complaint.escalation_level): casework's reopen
 * after dissatisfaction raises it too and then sets level_at to that
 * instant, so the clock climbs from there.
 *
 * ---- Exactly once ---------------------------------------------------------
 *
 * Each action is keyed (subject kind, subject id, action kind, seq).  The
 * store records a fired action under that key (UNIQUE) in the same
 * transaction as the action's events and outbox rows.  sla_case_due() is
 * given the keys already fired and returns only unfired actions whose
 * instant is <= now, in order, with a scheduled instant `at` that does not
 * depend on now.  So:
 *  - a clock jumped forward (or a daemon down for a week) fires in one
 *    tick everything that became due, each once: the escalation ladder is
 *    walked from the scheduled instants (level_at = the step's `at`, not
 *    the tick's now), so two missed intervals give two levels, not one;
 *    reminders whose due time already passed are left out;
 *  - a clock jumped back fires nothing twice: fired keys are excluded
 *    whatever now is, and escalation never repeats a level (seq = level,
 *    which only rises);
 *  - a crash before COMMIT loses the fired row together with the outbox
 *    rows, so the next tick fires the action again, once.
 *
 * ---- The timer engine (timers.c, casework_clock.c, store_timer.c) ----------
 *
 * Store (migration 5):
 *   complaint: clock_round INTEGER NOT NULL DEFAULT 0, clock_started_at,
 *     response_due_at, resolve_due_at, paused_at, paused_secs INTEGER NOT
 *     NULL DEFAULT 0, escalated_at (level_at; escalation_level exists),
 *     next_action_at and next_action (its kind, for `timers list`), and
 *     due_at, the deadline running now (sla_case_deadline: what "overdue"
 *     and "due before" read);
 *     CREATE INDEX complaint_next_action ON complaint(next_action_at)
 *       WHERE next_action_at IS NOT NULL;
 *     CREATE INDEX complaint_due ON complaint(due_at)
 *       WHERE due_at IS NOT NULL;
 *     satisfaction also allows 'no_answer'.
 *   CREATE TABLE timer_fired (
 *     subject_kind TEXT NOT NULL,	-- 'case' | 'cpar' | 'schedule'
 *     subject_id INTEGER NOT NULL,
 *     kind TEXT NOT NULL,		-- sla_kind_name()
 *     seq INTEGER NOT NULL,		-- round, level or period
 *     due_at INTEGER NOT NULL,		-- sla_action.at
 *     fired_at INTEGER NOT NULL,	-- the tick's now
 *     PRIMARY KEY (subject_kind, subject_id, kind, seq)) WITHOUT ROWID;
 *   Append-only, like event: it is also the record of what the clock did.
 *   clock_config: the digest of the settings the clocks were last worked
 *   out with.
 *
 * Whoever changes a clock input (casework: new case, first response,
 * pause/resume, resolve, reopen, re-categorise, reassign, close) applies
 * the sla_case_* transition, stores the state columns and sets
 * next_action_at = sla_case_next(...).at (NULL when there is none) in the
 * same transaction: casework_clock_start() at opening, and
 * casework_clock_on(case action) after every other step (casework.h).
 * Closed and rejected cases have NULL, so the index
 * holds only open work: a million old cases cost the tick nothing.
 *
 * The tick, timers_tick(now) — the same function in the dispatch worker
 * (every 30 s, with or without an smtp section) and in
 * `complaintctl timers run [--at TIME]`, which prints what it did:
 *   ids := SELECT id FROM complaint WHERE next_action_at <= now
 *          ORDER BY next_action_at LIMIT batch	(index range scan)
 *   (keyset from the last id seen: each case once per tick)
 *   for each id, one transaction (BEGIN IMMEDIATE):
 *     load the sla_case columns and the subject's timer_fired keys;
 *     if next_action_at > now: another process did it, skip;
 *     policy := the case's category (or the sla defaults); top_level :=
 *       sla_chain_height(category officers, escalate_to);
 *     n := sla_case_due(cal, policy, state, fired, now, acts);
 *     for each act: INSERT INTO timer_fired ... ON CONFLICT DO NOTHING
 *       (no row inserted: skip the act); act through casework (events,
 *       status, outbox rows: remind/overdue to the assigned officers;
 *       escalate: each assigned officer's escalate_to joins the case and
 *       gets the escalation mail/SMS with the summary; closes: status,
 *       satisfaction, the complainant told); sla_case_apply(state, act);
 *     UPDATE the state columns and next_action_at = sla_case_next(...);
 *   COMMIT; a failing subject rolls back alone and is retried next tick.
 * `timers list` reads the same index in order and shows each subject's
 * next action (kind and time).  At start-up, when the configuration
 * changed (holidays, hours, policies, escalate_to: a digest of them in
 * clock_config), next_action_at of the live cases (open or resolved) is
 * recomputed once, so derived times (auto-close, reminders) follow it;
 * the same pass starts the clock of cases older than it
 * (timers_refresh).
 *
 * Other subject kinds run on the same engine, the same table and the same
 * tick, each with its own next_action_at column and index and its own
 * pure decision function in this module:
 *  - corrective actions (subject_kind 'cpar'; built in cpardef.h, the
 *    decisions, and cpar_clock.c, the tick): one deadline (due_at, at the
 *    close of that date) with a reminder to the owner remind_hours
 *    before it, overdue to the owner and the quality manager, and one
 *    escalation level after another (every escalate_hours) up the owner's
 *    escalate_to chain, while open or planned; done stops it (the quality
 *    manager is asked to verify then) and an effectiveness check falls
 *    due calendar_add_days(done_at, cpar_check_days).  Keys carry the
 *    round (times found not effective) and the due date's day, so a new
 *    round or due date runs the ladder again.  The records not yet
 *    effective are few: each tick reads them all, without an index of
 *    next actions.
 *  - schedules (subject_kind 'schedule'; one row per configured schedule,
 *    keyed by its name): digests, recaps and plain reminders.  seq is the
 *    occurrence's scheduled instant, so each period fires once whatever
 *    restarts happen; after a jump over several periods only the latest
 *    occurrence fires (one recap of the current period, not a burst of
 *    stale ones); next_action_at = the next occurrence.  Built in
 *    schedule.h: the occurrences are schedule.c's (pure), what each
 *    sends schedule_run.c's, the rows store_schedule.c's; the tick runs
 *    them after the cases.
 */
#ifndef SLA_H
#define SLA_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "calendar.h"

#define SLA_MAX_LEVEL	8	/* escalation levels the clock will climb */
#define SLA_MAX_ACTIONS	(8 + SLA_MAX_LEVEL)	/* per subject and tick */

/* What a case's clock runs on: a category's times, with the sla section's
 * defaults applied by the caller.  Durations are working time. */
struct sla_policy {
	int64_t	 response_secs;	/* to the first response; 0: no such clock
				   (category response_hours * 3600) */
	int	 resolve_days;	/* to the resolution; 0: no such clock */
	int64_t	 remind_secs;	/* reminder lead before each due time;
				   0: no reminders */
	int64_t	 escalate_secs;	/* one more level after this much time
				   still unmet; 0: one level per missed due
				   time only */
	int	 feedback_days;	/* resolved without feedback -> closed; 0:
				   never */
	int	 feedback_remind;	/* 1: remind the complainant halfway */
	int	 wait_days;	/* waiting on the complainant -> closed; 0:
				   never */
};

enum sla_phase {
	SLA_PHASE_OPEN,
	SLA_PHASE_WAITING,
	SLA_PHASE_RESOLVED,
	SLA_PHASE_DONE,
};

/* One case's clock: the store's columns.  Times are 0 when unset. */
struct sla_case {
	enum sla_phase	 phase;
	int		 round;
	time_t		 started_at;	/* this round's start: received, or
					   reopened */
	time_t		 first_response_at;
	time_t		 response_due_at;
	time_t		 resolve_due_at;	/* includes paused_secs */
	time_t		 paused_at;	/* WAITING since */
	int64_t		 paused_secs;	/* working time waited this round */
	time_t		 resolved_at;	/* RESOLVED since */
	int		 level;		/* escalation level now */
	time_t		 level_at;	/* when it last rose (a clock step:
					   the step's scheduled instant) */
	int		 top_level;	/* the chain's height (caller) */
};

enum sla_kind {
	SLA_REMIND_RESPONSE,
	SLA_OVERDUE_RESPONSE,
	SLA_REMIND_RESOLVE,
	SLA_OVERDUE_RESOLVE,
	SLA_ESCALATE,
	SLA_REMIND_FEEDBACK,
	SLA_CLOSE_NO_FEEDBACK,
	SLA_CLOSE_NO_REPLY,
	SLA_NKINDS
};

/* A fired action's key within its subject. */
struct sla_key {
	enum sla_kind	 kind;
	int64_t		 seq;
};

struct sla_action {
	enum sla_kind	 kind;
	int64_t		 seq;	/* the key: round, or the level reached */
	time_t		 at;	/* when it was due (not the tick's now) */
	time_t		 due;	/* the due time it concerns (reminders,
				   overdue, escalate: the missed one;
				   closes: at) */
	enum sla_kind	 cause;	/* escalate: SLA_OVERDUE_RESPONSE or
				   SLA_OVERDUE_RESOLVE; others: kind */
};

/* "remind_response", ...; NULL for an unknown kind.  sla_kind_parse: the
 * kind, or -1. */
const char	*sla_kind_name(enum sla_kind);
int		 sla_kind_parse(const char *);

/* The phase of a case with this status (casedef.h) and paused_at. */
enum sla_phase	sla_phase_of(const char *status, time_t paused_at);

/*
 * Transitions of the clock state.  Each is what casework applies, in the
 * transaction that changes the case, before storing the state and its
 * next_action_at.
 */
/* A new case received at `received` (raw arrival; the clock starts at the
 * next opening).  *c is overwritten; top_level is the caller's. */
void	sla_case_open(const struct calendar *, const struct sla_policy *,
	    time_t received, int top_level, struct sla_case *c);
/* The first response (see above); later responses change nothing. */
void	sla_case_responded(struct sla_case *, time_t now);
/* New category: round + 1, both due times recomputed from started_at with
 * the new policy, plus the working time already waited this round. */
void	sla_case_recategorise(const struct calendar *,
	    const struct sla_policy *, struct sla_case *);
/* Waiting on the complainant from now: the resolution clock stops (and
 * asking counts as a response).  No-op unless OPEN. */
void	sla_case_pause(struct sla_case *, time_t now);
/* The complainant answered (or the officer stopped waiting): back to
 * OPEN, resolve_due_at and level_at moved later by the working time
 * waited, which is returned (and added to paused_secs).  0 unless
 * WAITING. */
int64_t	sla_case_resume(const struct calendar *, struct sla_case *,
	    time_t now);
void	sla_case_resolved(struct sla_case *, time_t now);
/* Not satisfied: round + 1, a new resolution time from now (the response
 * clock stays met), back to OPEN. */
void	sla_case_reopen(const struct calendar *, const struct sla_policy *,
	    struct sla_case *, time_t now);
void	sla_case_closed(struct sla_case *);

/*
 * The actions due at now: unfired (not among fired[0..nfired)), instant <=
 * now, in order; at most max written to out (SLA_MAX_ACTIONS is always
 * enough).  Returns the number written.  *c is not changed: the caller
 * applies each action it carries out with sla_case_apply.
 */
size_t	sla_case_due(const struct calendar *, const struct sla_policy *,
	    const struct sla_case *c, const struct sla_key *fired,
	    size_t nfired, time_t now, struct sla_action *out, size_t max);
/* The state after an action was carried out: escalate -> level = seq,
 * level_at = at; closes -> DONE. */
void	sla_case_apply(struct sla_case *, const struct sla_action *);
/*
 * The next action not yet fired (it may be due already, at <= now, if the
 * caller did not carry it out), for next_action_at and `timers list`.
 * 1 with *next filled, 0 when the clock has nothing left to do.
 */
int	sla_case_next(const struct calendar *, const struct sla_policy *,
	    const struct sla_case *c, const struct sla_key *fired,
	    size_t nfired, time_t now, struct sla_action *next);

/*
 * The height of the escalation chain above officers[0..n): the longest
 * run of up(ctx, id) (the officer's escalate_to, NULL for none) before it
 * ends or comes back to an officer already on that run; at most
 * SLA_MAX_LEVEL.
 */
int	sla_chain_height(const char *const *officers, size_t n,
	    const char *(*up)(void *ctx, const char *id), void *ctx);

/*
 * The deadline the clock runs against now (complaint.due_at): while OPEN,
 * the earliest unmet due time (the first response's while there is none,
 * and the resolution's); 0 in every other phase (waiting: the clock
 * stands still; resolved, done: nothing is due from the organisation).
 * A case is overdue when its deadline has passed.
 */
time_t	sla_case_deadline(const struct sla_case *);

/* ---- the clock's configuration (the model of conf.h; still pure) ---- */

struct conf;

/* The policy of a case in category (its response_hours / resolve_days,
 * else the sla section's; a category no longer configured gets the
 * section's), with the section's reminder, escalation, feedback and
 * waiting settings. */
void	sla_policy_of(const struct conf *, const char *category,
	    struct sla_policy *);
/* The configured working time as a calendar (calendar_free).  NULL with
 * err, as calendar_new: among others when TZ is not the configured
 * zone. */
struct calendar	*sla_calendar_new(const struct conf *, char *err,
		    size_t errlen);

/* ---- words for people ---- */

/* An instant in local time, in "id" or "en" (anything else: English):
 * "7 Desember 2026 pukul 15.00 WIB", "7 December 2026, 15:00 WIB". */
void	sla_format_when(time_t, const char *lang, char *buf, size_t len);
/* An amount of working time, rounded down to the minute: "3 jam 20
 * menit", "3 h 20 min" (negative amounts as their size). */
void	sla_format_span(int64_t secs, const char *lang, char *buf,
	    size_t len);
/* What is left until a due time, in working time, at now: "sisa 3 jam 20
 * menit waktu kerja" / "3 h 20 min of working time left", or "terlambat
 * 1 jam waktu kerja" / "overdue by 1 h of working time". */
void	sla_format_left(const struct calendar *, time_t due, time_t now,
	    const char *lang, char *buf, size_t len);

#endif
