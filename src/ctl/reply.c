/*
 * reply.c — `complaintctl reply`: an interim update to the complainant
 * (casework_act; see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
reply_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl reply REFERENCE TEXT [--as OFFICER]\n\n"
	    "Send TEXT to the complainant as an interim update (\"we will check\n"
	    "tomorrow morning\"): the case stays open and is in progress; it\n"
	    "counts as the first response.  The answer is complaintctl resolve.\n");
}

int
cmd_reply(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_REPLY, reply_usage, NULL, 0, "reply", 0, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
