/*
 * approve.c — `complaintctl approve DRAFT [--text T] [--as ID]` and
 * `complaintctl return DRAFT --comment C [--as ID]`: an approver's
 * decision on an answer waiting for approval, through casework_decide()
 * — the same step as an approver's "#setuju" / "#kembalikan" by email or
 * SMS, so the rule of who approves (approval.h) is the same from the
 * shell.
 *
 * Exit statuses: 0 done; 65 (EX_DATAERR) the draft no longer waits, or
 * the case's status no longer allows the answer; 77 (EX_NOPERM) not an
 * approver of it (or its author); 66 no such draft; 75/70 store failures.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "casework.h"
#include "ctl.h"

static void
approve_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl approve DRAFT [--text TEXT] "
	    "[--as OFFICER]\n\n"
	    "Approve the answer waiting as DRAFT (see complaintctl drafts) and\n"
	    "send it to the complainant: as written, or with --text, your\n"
	    "corrected text (kept as a new version).  Only the category's\n"
	    "approvers approve, and not their own answer unless\n"
	    "approval.self_approve is set.\n");
}

static void
return_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl return DRAFT --comment COMMENT "
	    "[--as OFFICER]\n\n"
	    "Return the answer waiting as DRAFT to its author with COMMENT;\n"
	    "nothing is sent to the complainant.  The author writes the answer\n"
	    "again, which waits for approval again.\n");
}

static int
decide_run(struct ctl *c, struct casework_decision *x, const char *as)
{
	const struct conf_officer *o;
	char actor[96];
	int rc;

	if ((rc = ctl_who(c, as, actor, sizeof actor, &o)) != 0) {
		return rc;
	}
	x->actor = actor;
	x->officer = o;
	x->lang = o && o->language ? o->language : c->cf->language;
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	rc = casework_decide(pipeline_casework(c->pl), x);
	if (rc == 1) {
		store_rollback(c->st);
		ctl_err("draft #%lld: %s", (long long)x->draft, x->refusal);
		return x->forbidden ? EX_NOPERM : x->kase.id == 0 ?
		    EX_NOINPUT : EX_DATAERR;
	}
	if (rc == -1 || store_commit(c->st) == -1) {
		store_rollback(c->st);
		return ctl_store_exit(c->st);
	}
	if (x->approve) {
		printf("draft #%lld on %s approved (version %d) by %s; sent to "
		    "the complainant\n", (long long)x->draft,
		    x->kase.reference, x->version, actor);
	} else {
		printf("draft #%lld on %s returned to its author by %s\n",
		    (long long)x->draft, x->kase.reference, actor);
	}
	return 0;
}

static int
decide_cmd(struct ctl *c, int argc, char **argv, int approve)
{
	static const struct option longopts[] = {
		{ "text", required_argument, NULL, 't' },
		{ "comment", required_argument, NULL, 'c' },
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	void (*usage)(FILE *) = approve ? approve_usage : return_usage;
	struct casework_decision x;
	const char *as = NULL, *text = NULL, *comment = NULL, *arg;
	char *t = NULL, *end;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 't':
			text = optarg;
			break;
		case 'c':
			comment = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind + 1 != argc || (approve ? comment != NULL :
	    (text != NULL || comment == NULL))) {
		usage(stderr);
		return EX_USAGE;
	}
	memset(&x, 0, sizeof x);
	arg = argv[optind] + (argv[optind][0] == '#');
	x.draft = strtoll(arg, &end, 10);
	if (end == arg || *end != '\0' || x.draft <= 0) {
		ctl_err("%s: not a draft number (see complaintctl drafts)",
		    argv[optind]);
		return EX_USAGE;
	}
	if ((text || comment) && (t = ctl_text(approve ? "text" : "comment",
	    approve ? text : comment)) == NULL) {
		return EX_DATAERR;
	}
	if ((rc = ctl_open(c, CTL_NEED_PIPELINE, 0)) == 0) {
		x.approve = approve;
		x.text = t;
		rc = decide_run(c, &x, as);
	}
	free(t);
	return rc;
}

int
cmd_approve(struct ctl *c, int argc, char **argv)
{
	return decide_cmd(c, argc, argv, 1);
}

int
cmd_return(struct ctl *c, int argc, char **argv)
{
	return decide_cmd(c, argc, argv, 0);
}
