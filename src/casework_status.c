/*
 * casework_status.c — the automatic answer to a complainant who asks how
 * their case stands (intake.h, rule 6; issue 13): its status in words for
 * people (casedef.h), the role of the officer handling it — never their
 * name or number — and the date an answer is due when the case's clock
 * has one (the clock's {{due}}, casework_priv.h).
 *
 * It goes to the case's own address or number, never to whoever asked
 * (intake only asks for it when the sender is the case's complainant, and
 * casework_to_complainant() only knows the case's addresses), and it is
 * automatic: counted against the limits like an acknowledgement.
 */
#include <string.h>

#include "casework.h"

int
casework_status(const struct casework *cw, const struct case_brief *c,
    const struct casework_thread *th)
{
	const struct conf_officer *o;
	const char *lang = c->language[0] ? c->language : cw->cf->language;
	char ids[1024], *p;

	if (store_case_officers(cw->st, c->id, ids, sizeof ids) == -1) {
		return -1;
	}
	/* the latest to join handles it now (an escalation joins last) */
	p = strrchr(ids, ',');
	o = conf_officer_by_id(cw->cf, p != NULL ? p + 1 : ids);
	{
		struct tmpl_var extra[] = {
			{ "status", case_status_label(c->status, lang) },
			{ "officer_role", o != NULL && o->role ? o->role : "" },
		};

		return casework_to_complainant(cw, c, "status", 1, th, extra,
		    sizeof extra / sizeof extra[0]);
	}
}
