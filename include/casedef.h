/*
 * casedef.h — the vocabulary of a case, shared by the pure decision modules,
 * casework, complaintctl and the store: statuses, the actions that can be
 * taken on a case, the one table saying which action is allowed in which
 * status and what the status becomes, and a small fixed-size view of a case
 * (no ownership to think about).
 *
 * Workflow (DESIGN §5):
 *
 *   new ──ack delivered──▶ acknowledged ──officer acts──▶ in_progress ◀─┐
 *    │                        │                             │  ask  │ answered
 *    │                        │                             ▼       │
 *    │                        │                          waiting ───┘
 *    └────────────┬───────────┴──────────────┬──────────────┘
 *                 ▼                          ▼ answer
 *     rejected / merged / closed     resolved (awaiting feedback)
 *                                    │ satisfied, no answer │ not satisfied
 *                                    ▼                      ▼
 *                                  closed                reopened ─▶ …
 *
 * "Open" statuses are those where the procedure is still running for the
 * organisation (new, acknowledged, in_progress, waiting, reopened);
 * "resolved" waits on the complainant; closed, rejected and merged are
 * final.  The clock (sla.c) runs while a case is open and not waiting.
 *
 * Every state change, by any channel (email, SMS, complaintctl, the timer
 * engine), asks case_action_next() first, so the rules live here once.
 */
#ifndef CASEDEF_H
#define CASEDEF_H

#include <stddef.h>
#include <stdint.h>

#define CASE_NEW		"new"
#define CASE_ACKNOWLEDGED	"acknowledged"
#define CASE_IN_PROGRESS	"in_progress"
#define CASE_WAITING		"waiting"	/* on the complainant */
#define CASE_RESOLVED		"resolved"
#define CASE_CLOSED		"closed"
#define CASE_REOPENED		"reopened"
#define CASE_REJECTED		"rejected"
#define CASE_MERGED		"merged"	/* into another case */

/* Every status, in workflow order, NULL-terminated. */
extern const char *const case_statuses[];
/* The open statuses (see above), NULL-terminated. */
extern const char *const case_open_statuses[];

/* 1 for a known status name. */
int	case_status_valid(const char *);
/* 1 when the procedure still runs for the organisation. */
int	case_status_open(const char *);
/* 1 for closed, rejected, merged. */
int	case_status_final(const char *);
/* A status for people, in "id" or "en" (anything else: English);
 * the name itself when unknown. */
const char	*case_status_label(const char *status, const char *lang);

enum case_action {
	CASE_ACT_ACK_DELIVERED,	/* our acknowledgement was delivered */
	CASE_ACT_NOTE,		/* internal note */
	CASE_ACT_ASSIGN,	/* hand over, or add an officer */
	CASE_ACT_PROGRESS,	/* an officer is working on it */
	CASE_ACT_REPLY,		/* interim update to the complainant */
	CASE_ACT_ASK,		/* request information: wait on them */
	CASE_ACT_ANSWERED,	/* the complainant answered that request */
	CASE_ACT_RESOLVE,	/* the answer to the complainant */
	CASE_ACT_CORRECT,	/* a corrected answer on a resolved case */
	CASE_ACT_REJECT,	/* not ours to handle, with a reason */
	CASE_ACT_RECATEGORISE,
	CASE_ACT_PRIORITY,
	CASE_ACT_CONFIDENTIAL,
	CASE_ACT_REOPEN,	/* by staff */
	CASE_ACT_SATISFIED,	/* the complainant's feedback */
	CASE_ACT_DISSATISFIED,
	CASE_ACT_MERGE,		/* a duplicate, merged into another case */
	CASE_ACT_CLOSE,		/* by staff, e.g. complainant unreachable */
	CASE_ACT_AUTOCLOSE,	/* no feedback within feedback_days */
	CASE_ACT_WAIT_EXPIRED,	/* no answer to a request for information */
	CASE_ACT_ESCALATE,	/* overdue: one level up the chain */
	CASE_ACT_FOLLOWUP,	/* the complainant wrote again */
	CASE_ACT_LANGUAGE,	/* the complainant is written to in another
				   language */
	CASE_ACT_COUNT
};

/* "resolve", "ask", ... (the event kind and complaintctl's word). */
const char	*case_action_name(enum case_action);
/* The action of a name; -1 when unknown. */
int		 case_action_by_name(const char *);

/*
 * May action a be taken on a case in status?  1 with *next set to the
 * status the case has afterwards (a static string: the same status when
 * the action does not move it), or 0 when the action is not allowed there
 * (*next NULL); then case_action_refusal() says why, in words for people.
 */
int	case_action_next(const char *status, enum case_action a,
	    const char **next);
/* "a closed case cannot be answered; ..." in lang ("id" or "en"), into
 * buf (always terminated). */
void	case_action_refusal(const char *status, enum case_action a,
	    const char *lang, char *buf, size_t buflen);

struct case_brief {
	int64_t	id;			/* 0: no case */
	char	reference[64];
	char	status[16];
	char	token[40];		/* per-case secret for officer replies */
	char	channel[8];		/* "email" | "sms" | ... */
	char	category[64];
	char	language[8];
	int64_t	party_id;
	char	email[256];		/* the complainant's, "" if none */
	char	phone[24];		/* E.164, "" if none */
	char	name[128];		/* display name, "" if none */
	char	subject[256];		/* the case's subject (cut) */
	char	summary[512];		/* the opening text, shortened */
	int64_t	received;		/* Unix time */
	char	first_msgid[256];	/* Message-ID of the opening mail */
	char	csecret[40];		/* the complainant's per-case secret
					   (their Reply-To); never the token */
	int	confidential;		/* the complainant's identity is
					   hidden from officers */
};

#endif
