/*
 * casework_priv.h — inside casework: what casework.c (the steps and the
 * messages) takes from casework_clock.c (the procedure clock).  Nothing
 * outside src/casework*.c includes this file.
 */
#ifndef CASEWORK_PRIV_H
#define CASEWORK_PRIV_H

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

#endif
