/*
 * reopen.c — `complaintctl reopen`: reopen a resolved, closed or rejected
 * case (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
reopen_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl reopen REFERENCE [--as OFFICER]\n\n"
	    "Reopen a resolved, closed or rejected case: it is open again for\n"
	    "the officers.  Nothing is sent to the complainant.\n");
}

int
cmd_reopen(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_REOPEN, reopen_usage, NULL, 0, NULL, 0, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
