/*
 * resolve.c — `complaintctl resolve REF --message TEXT`: record the written
 * resolution of a case and queue it to the complainant, threaded under
 * their original message — the same step an officer's emailed reply to the
 * notification takes (casework_act, CASE_ACT_RESOLVE; with --correction
 * CASE_ACT_CORRECT).
 */
#include <errno.h>
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
resolve_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl resolve REFERENCE --message TEXT "
	    "[--correction] [--as OFFICER]\n"
	    "       complaintctl resolve REFERENCE --file - < FILE\n\n"
	    "Record TEXT (or standard input) as the resolution of the case and\n"
	    "send it to the complainant on the channel they used.  The case\n"
	    "then awaits the complainant's feedback (satisfied / not "
	    "satisfied).\n--file reads standard input only: a file is opened "
	    "by your shell,\nwith your rights.  A resolved case is not "
	    "answered again unless\n--correction says the new text corrects "
	    "the answer sent; a closed\ncase is never answered (complaintctl "
	    "reopen it first).\n");
}

/*
 * The answer from standard input ("--file -").  A named file is refused:
 * run through sudo as the database's owner, complaintctl would read any
 * file that owner may read (a password file) and mail it to a
 * complainant.  With a redirection (< answer.txt) the invoking user's own
 * shell opens the file, with their rights.
 */
#define RESOLVE_MAX	((size_t)1 << 20)

static char *
resolve_read(const char *path, int *usage)
{
	struct buf b;
	char chunk[4096];
	size_t n;

	*usage = 0;
	if (strcmp(path, "-") != 0) {
		ctl_err("--file reads standard input only (--file -): "
		    "complaintctl resolve REFERENCE --file - < %s", path);
		*usage = 1;
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		if (b.len + n > RESOLVE_MAX) {
			ctl_err("the answer is longer than %zu bytes",
			    RESOLVE_MAX);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(stdin)) {
		ctl_err("reading standard input: %s", strerror(errno));
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static int
resolve_case(struct ctl *c, const char *ref, const char *text,
    int correction, const char *as)
{
	struct casework_act act;

	memset(&act, 0, sizeof act);
	act.action = correction ? CASE_ACT_CORRECT : CASE_ACT_RESOLVE;
	act.text = text;
	return ctl_act_run(c, ref, &act, as);
}

int
cmd_resolve(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "file", required_argument, NULL, 'f' },
		{ "correction", no_argument, NULL, 'C' },
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *message = NULL, *file = NULL, *as = NULL;
	char ref[REF_MAX], *raw = NULL, *text = NULL;
	int ch, rc, usage, correction = 0;

	while ((ch = getopt_long(argc, argv, "m:f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			message = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'C':
			correction = 1;
			break;
		case 'a':
			as = optarg;
			break;
		case 'h':
			resolve_usage(stdout);
			return 0;
		default:
			resolve_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind + 1 != argc || (message == NULL) == (file == NULL)) {
		resolve_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_PIPELINE, 0)) != 0) {
		return rc;
	}
	if (ctl_reference(c, argv[optind], ref, sizeof ref) == -1) {
		return EX_USAGE;
	}
	if (file != NULL && (raw = resolve_read(file, &usage)) == NULL) {
		return usage ? EX_USAGE : EX_NOINPUT;
	}
	text = ctl_text("resolution text", raw ? raw : message);
	rc = text == NULL ? EX_DATAERR : resolve_case(c, ref, text,
	    correction, as);
	free(raw);
	free(text);
	return rc;
}
