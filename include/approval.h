/*
 * approval.h — which answers wait for an approver, and who may approve
 * them.  Pure: the configuration and the facts in, a yes or no (with the
 * reason in the officer's language) out.  casework_approval.c asks here
 * for every channel: an email or SMS command, complaintctl.
 *
 * The rule:
 *  - A case's approvers are its category's "approvers", else the
 *    organisation's (approval.approvers); none: nothing waits.
 *  - What waits is what the organisation answers for in writing: the
 *    answer (resolve), a corrected answer (correct) and a rejection
 *    (reject, which also ends the case for the complainant).  An interim
 *    update (reply) and a question (ask) go out at once: they promise or
 *    ask, decide nothing, and their point is speed (a health centre
 *    answers an SMS politely at once; a draft would stop the clock's
 *    first response from counting).
 *  - An approver's own answer goes out at once only with
 *    approval.self_approve; otherwise another approver approves it.
 *  - Only an approver of the case approves or returns its draft, and not
 *    one they wrote themselves (without self_approve).  An admin (a login
 *    mapped to no officer) is nobody's approver.
 */
#ifndef APPROVAL_H
#define APPROVAL_H

#include <stddef.h>

#include "casedef.h"
#include "conf.h"

/* The case's approvers (borrowed): its category's, else the
 * organisation's; *n 0 when nothing waits. */
char *const	*approval_approvers(const struct conf *, const char *category,
		    size_t *n);
/* 1 when officer (NULL: not an officer) approves in category. */
int	approval_is_approver(const struct conf *, const char *category,
	    const struct conf_officer *);
/* 1 for the actions that wait for approval where there are approvers. */
int	approval_action_waits(enum case_action);
/* 1 when action a by author (NULL: an admin) in category becomes a draft
 * waiting for an approver. */
int	approval_needed(const struct conf *, const char *category,
	    enum case_action a, const struct conf_officer *author);
/*
 * May officer o (NULL: an admin) approve or return a draft written by
 * author ("officer:<id>", "admin:<login>") in category?  1 yes; 0 no,
 * with the reason in lang ("id" or "en") in err.
 */
int	approval_may_decide(const struct conf *, const char *category,
	    const struct conf_officer *o, const char *author,
	    const char *lang, char *err, size_t errlen);

#endif
