/*
 * casework.h — what happens to a case: the workflow steps of DESIGN §5 and
 * the messages they queue.  Shared by the intake pipeline (an officer's
 * emailed reply resolves a case) and complaintctl (resolve from the shell),
 * so both paths record the same events and send the same replies.
 *
 * Every function works inside the caller's store transaction, records an
 * event for the ISO history, and only queues outgoing messages (the outbox
 * is sent elsewhere).  A reply goes out on the complainant's channel: email
 * for a case opened by email, SMS for one opened by SMS, the other channel
 * when the first is not available.  When no channel is available an event
 * says so — a case is never left with a silently missing reply.
 *
 * 0 on success, -1 on a store failure (the caller rolls back).
 */
#ifndef CASEWORK_H
#define CASEWORK_H

#include <stdint.h>
#include <time.h>

#include "casedef.h"
#include "conf.h"
#include "intake.h"
#include "sla.h"
#include "store.h"
#include "tmpl.h"

struct casework {
	const struct conf	*cf;
	struct store		*st;
	const struct tmplset	*ts;
	const struct calendar	*cal;	/* the clock's (sla_calendar_new);
					   NULL: no clock */
	time_t			 now;	/* the time steps happen at; 0: the
					   system's (the timer engine sets the
					   tick's) */
	int			 hold_messages;	/* queue nothing (the timer
						   engine's stale actions,
						   timers.h); the rest as
						   usual */
};

/* The Message-ID we answer, for threading (may be NULL/""). */
struct casework_thread {
	const char	*in_reply_to;	/* NULL: the case's first message */
	const char	*references;	/* " "-joined; NULL: in_reply_to */
	int64_t		 message_id;	/* the inbound message answered; 0 */
};

/* Template `name` to the complainant.  automatic: an automatic reply,
 * subject to the per-recipient limits (over them it is recorded as
 * suppressed, not sent). */
int	casework_to_complainant(const struct casework *,
	    const struct case_brief *, const char *name, int automatic,
	    const struct casework_thread *, const struct tmpl_var *extra,
	    size_t nextra);

/* Template `name` to one officer, on each channel they are notified on. */
int	casework_to_officer(const struct casework *, const struct case_brief *,
	    const struct conf_officer *, const char *name, int automatic,
	    const struct tmpl_var *extra, size_t nextra);

/* ... only on channel ("email" | "sms"; NULL: every one): an answer to
 * what the officer sent on that channel. */
int	casework_to_officer_on(const struct casework *,
	    const struct case_brief *, const struct conf_officer *,
	    const char *name, int automatic, const char *channel,
	    const struct tmpl_var *extra, size_t nextra);

/* ... to every officer assigned to the case. */
int	casework_to_assigned(const struct casework *, const struct case_brief *,
	    const char *name, const struct tmpl_var *extra, size_t nextra);

/*
 * One action on a case by a person, whatever channel carried it (an email
 * or SMS command, an officer's reply, complaintctl): checked against the
 * transition table (casedef.h) and, for an officer, against who may act
 * (authz.h); then done, recorded as an event with its actor, and the
 * messages it implies queued.
 */
struct casework_act {
	enum case_action		 action;
	const char			*actor;	/* "officer:<id>",
						   "admin:<login>" */
	const struct conf_officer	*officer;	/* the officer acting;
							   NULL: an admin */
	const char			*lang;	/* of the refusal: "id" |
						   "en" */
	const char			*text;	/* the answer, reason, note */
	const char			*arg;	/* assign: an officer id;
						   recategorise: a category;
						   priority: high|normal|low;
						   confidential: on|off;
						   language: id|en;
						   merge: the surviving
						   case's reference */
	int				 add;	/* assign: add, not hand over */
	int64_t				 message_id;	/* the inbound message
							   that carried it */
	char				 refusal[320];	/* out, on 1 */
	int				 forbidden;	/* out, on 1: by who
							   may act (authz.h) */
	int64_t				 draft;		/* out, on 0: the
							   answer waits for
							   approval as this
							   draft */
};
/* 0 done; 1 refused (act->refusal says why, in act->lang; nothing
 * changed); -1 store failure. */
int	casework_act(const struct casework *, const struct case_brief *,
	    struct casework_act *);

/*
 * Every answer a person writes to the complainant passes through here:
 * the resolution (CASE_ACT_RESOLVE), a corrected answer (CASE_ACT_CORRECT),
 * an interim update (CASE_ACT_REPLY), a rejection (CASE_ACT_REJECT).  It
 * records the state change and the event, and queues the text to the
 * complainant and to the case's contacts, each on their channel.  The
 * caller has checked the action (casework_act does).  Where the case's
 * category has approvers (approval.h), a resolution, correction or
 * rejection becomes a draft instead (casework_draft): the complainant
 * gets it when it is approved.
 */
int	casework_answer(const struct casework *, const struct case_brief *,
	    enum case_action, const char *text, const char *actor,
	    int64_t message_id);

/* casework_answer(), telling the caller the draft it became (*draft 0:
 * the answer went out). */
int	casework_answer_draft(const struct casework *,
	    const struct case_brief *, enum case_action, const char *text,
	    const char *actor, int64_t message_id, int64_t *draft);

/* ---- approval (casework_approval.c; approval.h has the rule) ---- */

/*
 * casework_answer() without asking whether it waits for approval: the
 * state change, the event, the text to the complainant and the case's
 * contacts.  For casework_approval.c (an approved draft) and
 * casework_answer() itself.
 */
int	casework_answer_send(const struct casework *,
	    const struct case_brief *, enum case_action, const char *text,
	    const char *actor, int64_t message_id);
/* The answer as a draft waiting for the case's approvers (a waiting
 * draft of the case is replaced), sent to them with the case's summary;
 * the case is left as it is.  *draft: its number. */
int	casework_draft(const struct casework *, const struct case_brief *,
	    enum case_action, const char *text, const char *actor,
	    int64_t message_id, int64_t *draft);
/* The officer "officer:<id>" names; NULL for anyone else. */
const struct conf_officer *casework_actor_officer(const struct conf *,
	    const char *actor);

/* An approver's decision on a draft, whatever channel carried it. */
struct casework_decision {
	int64_t				 draft;
	int				 approve;	/* 1 approve, 0 return */
	const char			*text;	/* approve: the edited text
						   (NULL/"": as written);
						   return: the comment */
	const char			*actor;
	const struct conf_officer	*officer;	/* NULL: an admin */
	const char			*lang;	/* of the refusal */
	struct case_brief		 kase;		/* out: the draft's case */
	int				 version;	/* out: the version
							   approved */
	char				 refusal[320];	/* out, on 1 */
	int				 forbidden;	/* out, on 1: not an
							   approver of it */
};
/* 0 done; 1 refused (refusal says why, nothing changed); -1. */
int	casework_decide(const struct casework *, struct casework_decision *);
/* Remind the approvers of drafts waiting longer than
 * approval.remind_hours working hours (again every as many), each
 * reminder once (timer_fired, subject "draft"); each draft its own
 * transaction.  *reminded: how many drafts were.  0, or -1. */
struct calendar;
int	casework_approval_tick(const struct casework *,
	    const struct calendar *, time_t now, int *reminded);

/* casework_answer() with CASE_ACT_RESOLVE / CASE_ACT_REJECT, unchecked:
 * people's actions go through casework_act().  actor: "officer:<id>",
 * "admin:<user>", "complainant", "system". */
int	casework_resolve(const struct casework *, const struct case_brief *,
	    const char *text, const char *actor, int64_t message_id);
int	casework_reject(const struct casework *, const struct case_brief *,
	    const char *text, const char *actor, int64_t message_id);
/* score: the complainant's score on 1..scale (recorded in the history),
 * 0 when none was given. */
int	casework_feedback(const struct casework *, const struct case_brief *,
	    enum intake_feedback, int score, int scale, const char *text,
	    int64_t message_id);

/* ---- the procedure clock (casework_clock.c; sla.h has the rules) ---- */

/*
 * Start the clock of a new case, from its received_at: its due times (its
 * category's, or the sla defaults) and its first scheduled action.  Every
 * way of opening a case calls it once, after the case and its officers are
 * recorded and before the acknowledgement is queued (which tells the
 * complainant {{due}}).
 */
int	casework_clock_start(const struct casework *,
	    const struct case_brief *);
/*
 * The clock's reaction to action a, taken on the case at `at`; called by
 * every step after it changed the case (status, category, officers):
 *  - a response to the complainant written by a person stops the first-
 *    response clock: REPLY (interim update), ASK, RESOLVE, REJECT (not a
 *    NOTE, not PROGRESS, not the acknowledgement);
 *  - ASK pauses the resolution clock; ANSWERED (and PROGRESS while
 *    waiting: the officer stopped waiting) resumes it, the deadline moved
 *    by the working time waited;
 *  - RECATEGORISE (after the new category is stored) recomputes both due
 *    times from the category's policy (a new round: the new officers get
 *    the reminders); REOPEN and DISSATISFIED start a new resolution time
 *    from `at` (DISSATISFIED also after the level was raised: the ladder
 *    climbs on from there);
 *  - RESOLVE starts the feedback wait; SATISFIED, CLOSE, MERGE and the
 *    clock's own closes stop the clock;
 *  - ASSIGN: the chain above the case's officers may have grown.
 * Actions that do not touch the clock (NOTE, PRIORITY, ...) return at
 * once.  0, or -1 on a store failure.
 */
int	casework_clock_on(const struct casework *, const struct case_brief *,
	    enum case_action a, time_t at);

/* What the timer engine works on: a case's clock, loaded. */
#define CASEWORK_MAX_FIRED	64
struct casework_clock {
	struct store_clock	row;
	struct sla_policy	pol;
	struct sla_case		c;
	struct sla_key		fired[CASEWORK_MAX_FIRED];
	size_t			nfired;
};
/* Load (1), no such case (0), -1.  A case older than the clock gets its
 * clock started here, from its received_at. */
int	casework_clock_load(const struct casework *, int64_t case_id,
	    struct casework_clock *);
/* Store the state with what it derives: the running deadline and the
 * next action not yet fired as of now. */
int	casework_clock_save(const struct casework *, struct casework_clock *,
	    time_t now);
/*
 * Carry out one of the clock's actions on the case (timers.c, inside the
 * transaction that records it as fired): reminders and overdue notices to
 * the case's officers; escalation: each officer's escalate_to joins the
 * case and is sent the case with how to act on it; the feedback reminder
 * to the complainant; the closes (no feedback: satisfaction "no answer";
 * no answer to a question), the complainant told.  Each is an event.
 * done gets a line saying what was done.  0, or -1.
 */
int	casework_clock_act(const struct casework *, const struct case_brief *,
	    const struct casework_clock *, const struct sla_action *,
	    char *done, size_t donelen);

/*
 * Ask the complainant for information (CASE_ACT_ASK): the case waits on
 * them (the resolution clock stops), the question goes to them on their
 * channel (template "ask").  1 when the case's status does not allow it
 * (nothing done: case_action_refusal() says why), 0 done, -1.
 */
int	casework_ask(const struct casework *, const struct case_brief *,
	    const char *text, const char *actor, int64_t message_id);
/* The complainant wrote on a case waiting on them (CASE_ACT_ANSWERED):
 * back in progress, the clock resumes, the officers told as of a
 * follow-up.  1 when the case is not waiting, 0, -1. */
int	casework_answered(const struct casework *, const struct case_brief *,
	    const char *text, int64_t message_id);
/* Feedback on a case already closed (e.g. closed for lack of it):
 * recorded as an event, the case stays as it is. */
int	casework_late_feedback(const struct casework *,
	    const struct case_brief *, enum intake_feedback);

/*
 * Open a case: the one place a case comes into being, whatever brought the
 * complaint (email, SMS, or staff entering a call, a letter or a note from
 * the suggestion box).  Finds or creates the complainant (a party with
 * neither address nor number is an anonymous note: no one to answer),
 * takes the category given or the one routing picks, assigns the
 * category's officers, records the message (when one is given) on the
 * case, writes the history's "created" event with its actor, acknowledges
 * to whatever contact exists (on the case's channel, casework.h) and
 * notifies the officers.  out gets the new case.
 */
struct casework_opening {
	const char	*channel;	/* "email", "sms", "phone", "walk-in",
					   "letter", "box", "meeting",
					   "social" */
	const char	*source;	/* "imap:x", "modem:x", "ingest",
					   "staff" */
	const char	*actor;		/* who recorded it: "complainant",
					   "officer:<id>", "admin:<login>" */
	const char	*how;		/* the history's words, e.g.
					   "received by email (imap:x)" */
	const char	*email;		/* the complainant's; NULL: none */
	const char	*phone;		/* E.164; NULL: none */
	const char	*name;		/* NULL: none */
	const char	*subject;
	const char	*text;		/* the complaint */
	const char	*category;	/* NULL: routing decides */
	const char	*sender;	/* for routing (domains); NULL */
	time_t		 received;
	int		 acknowledge;	/* 0: none, an event says why */
	const char	*no_ack_why;
	const char	*reply_id;	/* the acknowledgement threads under
					   it (email); NULL */
	const char	*reply_refs;
	struct store_message_new *msg;	/* recorded on the case (case_id set
					   here); NULL: none */
	const char	*incomplete;	/* an "incomplete" event with the
					   message; NULL */
	const char	*language;	/* "id" | "en" as staff said; NULL:
					   from the complainant's words, else
					   remembered on the party, else the
					   organisation's (lang.h) */
	int		 confidential;	/* staff said so; else the
					   complainant's words may ask
					   (privacy.h) */
};
struct casework_opened {
	struct case_brief	c;
	int64_t			message_id;	/* of msg; 0 */
};
int	casework_open(const struct casework *, const struct casework_opening *,
	    struct casework_opened *out);
/* The complainant's words ask for their identity to be kept from the
 * officers (privacy.h, confidential.phrases): the case is marked
 * confidential, an event says so.  1 marked, 0 not asked, -1. */
int	casework_confidential_asked(const struct casework *, int64_t case_id,
	    const char *subject, const char *text);
/* A later message of the complainant's written clearly in the other
 * language (lang_switches()): the case (c->language too) and the
 * complainant are written to in it from now on, an event says why.
 * 1 switched, 0 not, -1. */
int	casework_language_followed(const struct casework *,
	    struct case_brief *c, const char *text);
/* The answer to the complainant's status question (casework_status.c):
 * template "status", automatic, to the case's own address or number. */
int	casework_status(const struct casework *, const struct case_brief *,
	    const struct casework_thread *);
/* A reply to the satisfaction question that says neither (feedback.h):
 * the complainant is asked once per round of the case what they meant
 * (template "feedback-unclear", event feedback_asked; the round's key
 * "feedback_asked" in timer_fired); asked before: nothing. */
int	casework_feedback_unclear(const struct casework *,
	    const struct case_brief *, const struct casework_thread *);

/* Our Message-ID for a new outgoing mail (without <>), caller frees. */
char	*casework_message_id(const struct conf *, const char *ref,
	    const char *kind);

#endif
