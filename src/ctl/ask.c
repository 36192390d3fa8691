/*
 * ask.c — `complaintctl ask REF TEXT`: ask the complainant for
 * information.  The question goes to them on their channel, the case
 * waits on them and its resolution clock stops until they answer (their
 * next message on the case) — the same step as an officer's #tanya / ASK
 * command (casework_ask).  TEXT "-" reads the question from stdin.
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
	fprintf(f, "usage: complaintctl ask REFERENCE TEXT   (TEXT - for stdin)"
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

static int
ask_case(struct ctl *c, const char *ref, const char *text)
{
	struct case_brief kase;
	char actor[96], why[256];
	int r;

	ctl_actor(actor, sizeof actor);
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	if ((r = store_case_by_reference(c->st, ref, &kase)) != 1) {
		store_rollback(c->st);
		if (r == 0) {
			ctl_err("no case %s", ref);
			return EX_NOINPUT;
		}
		return ctl_store_exit(c->st);
	}
	r = casework_ask(pipeline_casework(c->pl), &kase, text, actor, 0);
	if (r == 1) {
		store_rollback(c->st);
		case_action_refusal(kase.status, CASE_ACT_ASK, "en", why,
		    sizeof why);
		ctl_err("%s: %s", ref, why);
		return EX_DATAERR;
	}
	if (r == -1 || store_commit(c->st) == -1) {
		store_rollback(c->st);
		return ctl_store_exit(c->st);
	}
	printf("%s waits on the complainant; the question to %s is queued\n",
	    ref, kase.email[0] ? kase.email : kase.phone[0] ? kase.phone :
	    "the complainant");
	return 0;
}

int
cmd_ask(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char ref[REF_MAX], *text;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
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
	rc = ask_case(c, ref, text);
	free(text);
	return rc;
}
