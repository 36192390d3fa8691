/*
 * note.c — `complaintctl note`: an internal note on a case (casework_act;
 * see act.c).
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
note_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl note REFERENCE TEXT [--as OFFICER]\n\n"
	    "Record TEXT in the case's history as an internal note.  Nothing\n"
	    "is sent to the complainant.\n");
}

int
cmd_note(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_NOTE, note_usage, NULL, 0, "note", 0, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
