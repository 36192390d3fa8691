/*
 * reject.c — `complaintctl reject`: reject a case, with the reason for the
 * complainant (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
reject_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl reject REFERENCE --reason TEXT [--as OFFICER]\n\n"
	    "Reject the complaint (not ours to handle, out of scope); the reason\n"
	    "is sent to the complainant.  A resolved or closed case cannot be\n"
	    "rejected.\n");
}

int
cmd_reject(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_REJECT, reject_usage, NULL, 0, NULL, 1, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
