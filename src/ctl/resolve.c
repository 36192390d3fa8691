/*
 * resolve.c — `complaintctl resolve REF --message TEXT`: record the written
 * resolution of a case and queue it to the complainant, threaded under
 * their original message — the same step an officer's emailed reply to the
 * notification takes (casework_resolve).
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
	fprintf(f, "usage: complaintctl resolve REFERENCE --message TEXT\n"
	    "       complaintctl resolve REFERENCE --file - < FILE\n\n"
	    "Record TEXT (or standard input) as the resolution of the case and\n"
	    "send it to the complainant on the channel they used.  The case\n"
	    "then awaits the complainant's feedback (satisfied / not "
	    "satisfied).\n--file reads standard input only: a file is opened "
	    "by your shell,\nwith your rights.\n");
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

/* Valid UTF-8, CR LF to LF, trimmed; NULL (after saying why) if empty. */
static char *
resolve_clean(const char *text)
{
	char *t, *s, *e;

	if (!utf8_valid(text, strlen(text))) {
		ctl_err("the resolution text is not valid UTF-8");
		return NULL;
	}
	t = utf8_sanitize(text, strlen(text), NULL);
	for (s = t; *s == ' ' || *s == '\n' || *s == '\t'; s++) {
		;
	}
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t')) {
		e--;
	}
	if (e == s) {
		ctl_err("the resolution text is empty");
		free(t);
		return NULL;
	}
	s = xstrndup(s, (size_t)(e - s));
	free(t);
	return s;
}

static int
resolve_case(struct ctl *c, const char *ref, const char *text)
{
	struct case_brief kase;
	char actor[96];
	int r;

	ctl_actor(actor, sizeof actor);
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	r = store_case_by_reference(c->st, ref, &kase);
	if (r != 1) {
		store_rollback(c->st);
		if (r == 0) {
			ctl_err("no case %s", ref);
			return EX_NOINPUT;
		}
		return ctl_store_exit(c->st);
	}
	if (strcmp(kase.status, CASE_CLOSED) == 0 ||
	    strcmp(kase.status, CASE_REJECTED) == 0) {
		store_rollback(c->st);
		ctl_err("%s is %s; it cannot be resolved again", ref,
		    kase.status);
		return EX_DATAERR;
	}
	if (casework_resolve(pipeline_casework(c->pl), &kase, text, actor, 0)
	    == -1 || store_commit(c->st) == -1) {
		store_rollback(c->st);
		return ctl_store_exit(c->st);
	}
	printf("%s resolved; the answer to %s is queued\n", ref,
	    kase.email[0] ? kase.email : kase.phone[0] ? kase.phone :
	    "the complainant");
	return 0;
}

int
cmd_resolve(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *message = NULL, *file = NULL;
	char ref[REF_MAX], *raw = NULL, *text = NULL;
	int ch, rc, usage;

	while ((ch = getopt_long(argc, argv, "m:f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			message = optarg;
			break;
		case 'f':
			file = optarg;
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
	text = resolve_clean(raw ? raw : message);
	rc = text == NULL ? EX_DATAERR : resolve_case(c, ref, text);
	free(raw);
	free(text);
	return rc;
}
