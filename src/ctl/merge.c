/*
 * merge.c — `complaintctl merge`: merge a duplicate into another case
 * (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
merge_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl merge REFERENCE INTO_REFERENCE [--as OFFICER]\n\n"
	    "REFERENCE is a duplicate of INTO_REFERENCE: its messages move there,\n"
	    "its complainant becomes a contact of that case (and gets its\n"
	    "answers), and is told the reference that goes on.  Only\n"
	    "coordinators and administrators may.\n");
}

int
cmd_merge(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_MERGE, merge_usage, "INTO_REFERENCE", 1, NULL, 0, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
