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
#include "store.h"
#include "tmpl.h"

struct casework {
	const struct conf	*cf;
	struct store		*st;
	const struct tmplset	*ts;
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

/* ... to every officer assigned to the case. */
int	casework_to_assigned(const struct casework *, const struct case_brief *,
	    const char *name, const struct tmpl_var *extra, size_t nextra);

/* actor: "officer:<id>", "admin:<user>", "complainant", "system". */
int	casework_resolve(const struct casework *, const struct case_brief *,
	    const char *text, const char *actor, int64_t message_id);
int	casework_reject(const struct casework *, const struct case_brief *,
	    const char *text, const char *actor, int64_t message_id);
int	casework_assign(const struct casework *, const struct case_brief *,
	    const struct conf_officer *, const char *actor);
int	casework_progress(const struct casework *, const struct case_brief *,
	    const char *text, const char *actor);
int	casework_note(const struct casework *, const struct case_brief *,
	    const char *text, const char *actor);
/* score: the complainant's score on 1..scale (recorded in the history),
 * 0 when none was given. */
int	casework_feedback(const struct casework *, const struct case_brief *,
	    enum intake_feedback, int score, int scale, const char *text,
	    int64_t message_id);

/* The answer to the complainant's status question (casework_status.c):
 * template "status", automatic, to the case's own address or number. */
int	casework_status(const struct casework *, const struct case_brief *,
	    const struct casework_thread *);

/* Our Message-ID for a new outgoing mail (without <>), caller frees. */
char	*casework_message_id(const struct conf *, const char *ref,
	    const char *kind);

#endif
