/*
 * authz.h — who may act on a case, and what an officer's plain reply is.
 * Pure: the configuration and a view of the case in, a yes or no (with
 * the reason in the officer's language) out.  Every channel asks here —
 * an email command, an SMS command, complaintctl --as — so the rule is
 * written once.
 *
 * The rule:
 *  - A coordinator (officers' "coordinator = true", e.g. the quality
 *    manager) may take every action on every case.
 *  - Any other officer acts only on a case they are on: assigned to them,
 *    escalated to them (escalation adds the officer to the case), or in
 *    one of their categories (the category names them).  There they may
 *    take every action but the staff-wide ones.
 *  - Staff-wide actions belong to coordinators alone: re-categorising a
 *    case and merging cases (they change whose case it is, for everyone).
 *    Handing over or adding an officer to one's own case is not
 *    staff-wide: an officer who is sent a case that is not theirs passes
 *    it on.
 *  - Nobody's number or address alone makes them an officer of a case:
 *    the sender is authenticated first (intake.h), then asked here.
 * Whether the action fits the case's status is casedef.h's question,
 * asked separately (case_action_next()).
 */
#ifndef AUTHZ_H
#define AUTHZ_H

#include <stddef.h>

#include "casedef.h"
#include "conf.h"
#include "cpardef.h"

/* What the rule needs to know about a case. */
struct authz_case {
	const char	*category;
	const char	*officers;	/* ","-joined ids: assigned, escalated */
};

/* 1 when the officer is named in the ","-joined list. */
int	authz_listed(const char *officers, const char *id);
/* 1 when the officer is one of the category's. */
int	authz_in_category(const struct conf *, const struct conf_officer *,
	    const char *category);
/* 1 for the actions only coordinators take. */
int	authz_staff_wide(enum case_action);

/*
 * May officer o take action a on case c?  1 yes; 0 no, with the reason in
 * lang ("id" or "en") in err.
 */
int	authz_may_act(const struct conf *, const struct conf_officer *o,
	    const struct authz_case *c, enum case_action a, const char *lang,
	    char *err, size_t errlen);

/*
 * What officer o's reply without a command on case c is, by the case's
 * category's plain_reply (conf.h): CASE_ACT_RESOLVE (the answer to the
 * complainant) or CASE_ACT_NOTE (an internal note).  to_others: the reply
 * was also addressed to another officer (a colleague in To or Cc): with
 * "assigned" that makes it a note, since an instruction to a colleague is
 * not an answer to the complainant.  An officer who may not act on the
 * case only ever leaves a note.
 */
enum case_action	authz_plain_reply(const struct conf *,
			    const struct conf_officer *o,
			    const struct authz_case *c, int to_others);

/*
 * May officer o (NULL: an administrator at the console) take action a on
 * a corrective action owned by owner?  cpardef.h's rule: any officer
 * opens one; its owner, a coordinator or the quality manager update it
 * and report it done; only the quality manager verifies.  1 yes; 0 no,
 * with the reason in lang in err.
 */
int	authz_may_cpar(const struct conf *, const struct conf_officer *o,
	    const char *owner, enum cpar_action a, const char *lang,
	    char *err, size_t errlen);

#endif
