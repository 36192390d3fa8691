/*
 * ask.c — `complaintctl ask REF TEXT`: ask the complainant for
 * information.  The question goes to them on their channel, the case
 * waits on them and its resolution clock stops until they answer (their
 * next message on the case) — the same step as an officer's #tanya / ASK
 * command, through casework_act() (act.c).  TEXT "-" reads the question
 * from stdin.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "casework.h"
#include "ctl.h"
#include "utf8.h"
#include "xmalloc.h"

static void
ask_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl ask REFERENCE TEXT [--as OFFICER]   (TEXT - "
	    "for stdin)"
	    "\n\nSend TEXT to the complainant as a request for information on"
	    "\nthe channel they used.  The case waits on them (status\n"
	    "waiting): its resolution clock stops until they answer, and it\n"
	    "is closed when no answer comes within the sla's wait_days.\n");
}

/* The question: valid UTF-8, trimmed, not empty; NULL after saying why. */
static char *
ask_text(const char *arg)
{
	struct buf b;
	char chunk[4096], *t, *s, *e;
	size_t n;

	buf_init(&b);
	if (strcmp(arg, "-") == 0) {
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
			buf_add(&b, chunk, n);
		}
	} else {
		buf_adds(&b, arg);
	}
	t = buf_steal(&b);
	if (!utf8_valid(t, strlen(t))) {
		ctl_err("the question is not valid UTF-8");
		free(t);
		return NULL;
	}
	for (s = t; *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'; s++) {
		;
	}
	e = s + strlen(s);
	while (e > s && strchr(" \n\t\r", e[-1]) != NULL) {
		e--;
	}
	s = e > s ? xstrndup(s, (size_t)(e - s)) : NULL;
	free(t);
	if (s == NULL) {
		ctl_err("the question is empty");
	}
	return s;
}

/* Through casework_act() like every other case action: the transition
 * table, who may act (--as / the login's officer), the clock. */
static int
ask_case(struct ctl *c, const char *ref, const char *text, const char *as)
{
	struct casework_act act;

	memset(&act, 0, sizeof act);
	act.action = CASE_ACT_ASK;
	act.text = text;
	return ctl_act_run(c, ref, &act, as);
}

int
cmd_ask(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *as = NULL;
	char ref[REF_MAX], *text;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
		case 'h':
			ask_usage(stdout);
			return 0;
		default:
			ask_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind + 2 != argc) {
		ask_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_PIPELINE, 0)) != 0) {
		return rc;
	}
	if (ctl_reference(c, argv[optind], ref, sizeof ref) == -1) {
		return EX_USAGE;
	}
	if ((text = ask_text(argv[optind + 1])) == NULL) {
		return EX_DATAERR;
	}
	rc = ask_case(c, ref, text, as);
	free(text);
	return rc;
}
