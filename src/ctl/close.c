/*
 * close.c — `complaintctl close`: close a case, with the reason
 * (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
close_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl close REFERENCE --reason TEXT [--as OFFICER]\n\n"
	    "Close the case (e.g. the complainant cannot be reached), with the\n"
	    "reason for the history.  Nothing is sent to the complainant.\n");
}

int
cmd_close(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_CLOSE, close_usage, NULL, 0, NULL, 1, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
