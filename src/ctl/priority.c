/*
 * priority.c — `complaintctl priority`: set a case's priority
 * (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
priority_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl priority REFERENCE high|normal|low [--as OFFICER]\n\n"
	    "Set the case's priority (shown by list and show).\n");
}

int
cmd_priority(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_PRIORITY, priority_usage, "LEVEL", 0, NULL, 0, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
