/*
 * assign.c — `complaintctl assign`: hand a case over to another officer,
 * or add one (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
assign_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl assign REFERENCE OFFICER [--add] [--as OFFICER]\n\n"
	    "Hand the case over to OFFICER (an id from complaintctl officers):\n"
	    "the officers on it now leave it, OFFICER is notified.  With --add,\n"
	    "OFFICER joins the officers already on it.\n");
}

int
cmd_assign(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_ASSIGN, assign_usage, "OFFICER", 0, NULL, 0, 1,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
