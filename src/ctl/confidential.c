/*
 * confidential.c — `complaintctl confidential`: mark a case confidential,
 * or not (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
confidential_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl confidential REFERENCE on|off [--as OFFICER]\n\n"
	    "Mark the case confidential (on) or not (off); the history records\n"
	    "who did.\n");
}

int
cmd_confidential(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_CONFIDENTIAL, confidential_usage, "on|off", 0, NULL, 0, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
