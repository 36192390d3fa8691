/*
 * casework_priv.h — inside casework: what casework.c (the steps and the
 * queueing of their messages) takes from casework_clock.c (the procedure
 * clock) and shares with casework_limit.c (the limits on what is sent by
 * itself).  Nothing outside src/casework*.c includes this file.
 */
#ifndef CASEWORK_PRIV_H
#define CASEWORK_PRIV_H

#include <time.h>

#include "casework.h"

/* The clock's template variables of a case, in a language: "due" (the
 * resolution's due time), "response_due", "due_left" (working time left
 * until the deadline running now, or overdue by).  "" when unset. */
struct casework_clock_text {
	char	due[64];
	char	response_due[64];
	char	due_left[96];
};
void	casework_clock_text(const struct casework *, const struct case_brief *,
	    const char *lang, struct casework_clock_text *);

/*
 * A text of case c (the complainant's words, a subject, an answer) as it
 * may reach an officer, in lang: a confidential complainant's name,
 * address and number taken out (privacy_scrub, the placeholder of lang),
 * else as it is.  Every officer-facing text goes through it.  NULL for
 * NULL; caller frees.
 */
char	*casework_officer_text(const struct case_brief *c, const char *lang,
	    const char *text);

/*
 * What the limits say of a message about to be queued (casework_limit.c):
 *  - every row gets its recipient key (limit.h);
 *  - an automatic one (acknowledgements, status answers, answers to
 *    officers' commands) is held back (limited, why in note) past the
 *    per-recipient limits, past the organisation-wide ones, and, by SMS to
 *    a complainant, to a number outside limits.sms_reply_prefixes;
 *  - an officer's notification of a new case or a follow-up past
 *    limits.notify_per_hour in the current clock hour is held back too,
 *    and goes into the officer's one summary for that hour
 *    (summary_due: when it is sent, the hour's end).
 */
struct casework_limit {
	int	limited;
	char	by[24];		/* outbox.limited_by: "recipient_hour", ... */
	char	note[200];
	char	key[320];
	time_t	summary_due;	/* officer_hour: the summary's time */
};
int	casework_limits(const struct casework *, const char *channel,
	    const char *rcpt, const char *officer, const char *kind,
	    int automatic, struct casework_limit *);

#endif
