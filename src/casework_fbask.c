/*
 * casework_fbask.c — a complainant whose answer to the satisfaction
 * question says neither satisfied nor not (feedback.h: thanks without a
 * verdict, a question, both at once) is asked, once, politely, what they
 * meant (issue 13).  Once per round of the case: the round's key
 * ("case", id, "feedback_asked", round) in timer_fired is recorded in the
 * same transaction, so a second unclear reply, a repeated delivery or a
 * retry after a crash asks nothing more; a reopened case's new round may
 * ask again.  The question goes to the case's own address or number
 * (casework_to_complainant), as an automatic reply.
 */
#include <time.h>

#include "casework.h"

int
casework_feedback_unclear(const struct casework *cw,
    const struct case_brief *c, const struct casework_thread *th)
{
	struct store_clock k;
	time_t now = cw->now ? cw->now : time(NULL);
	int r;

	if ((r = store_case_clock_get(cw->st, c->id, &k)) != 1) {
		return r == -1 ? -1 : 0;
	}
	r = store_timer_fire(cw->st, "case", c->id, "feedback_asked",
	    k.round, now, now);
	if (r != 1) {
		return r == -1 ? -1 : 0;	/* asked this round already */
	}
	if (store_event_add(cw->st, c->id, "system", "feedback_asked",
	    "the answer to the satisfaction question was unclear: the "
	    "complainant is asked once what they meant") == -1) {
		return -1;
	}
	return casework_to_complainant(cw, c, "feedback-unclear", 1, th,
	    NULL, 0);
}
