/*
 * language.c — `complaintctl language`: the language the complainant of a
 * case is written to, id or en (casework_act; see act.c).  Remembered for
 * the complainant's later cases too.
 */
#include <stdio.h>

#include "casework.h"
#include "ctl.h"

static void
language_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl language REFERENCE id|en [--as OFFICER]\n\n"
	    "Write to the case's complainant in Indonesian (id) or English (en)\n"
	    "from now on, whatever their messages were taken to be; their next\n"
	    "cases start in it too.  Officers keep their own language.\n");
}

int
cmd_language(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_act_spec spec = {
		CASE_ACT_LANGUAGE, language_usage, "id|en", 0, NULL, 0, 0,
	};

	return ctl_act_cmd(c, argc, argv, &spec);
}
