/*
 * recategorise.c — `complaintctl recategorise`: move a case to another
 * category (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
recategorise_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl recategorise REFERENCE CATEGORY [--as OFFICER]\n\n"
	    "Move the case to CATEGORY: its officers take it over (and are\n"
	    "notified), the officers of the old category leave it.  Only\n"
	    "coordinators and administrators may.\n");
}

int
cmd_recategorise(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_RECATEGORISE, recategorise_usage, "CATEGORY", 0, NULL, 0, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
