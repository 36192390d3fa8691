/*
 * act.c — what the case-action commands share (assign, reject, note,
 * reply, resolve, recategorise, reopen, priority, confidential, merge,
 * close): who is acting (ctl_who), and one run of an action through
 * casework_act() — the same function an officer's email or SMS command
 * goes through, so the transition table and the rule of who may act are
 * the same from the shell.
 *
 * Exit statuses: 0 done; 65 (EX_DATAERR) the case's status does not allow
 * it or an argument is wrong; 77 (EX_NOPERM) the officer may not act on
 * this case; 66 no such case; 75/70 store failures.
 */
#include <sys/types.h>

#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "buf.h"
#include "casework.h"
#include "ctl.h"
#include "utf8.h"
#include "xmalloc.h"

/* The login running the command (the one sudo was run by). */
static const char *
ctl_login(void)
{
	const char *who = getenv("SUDO_USER");
	struct passwd *pw;

	if (who == NULL || *who == '\0') {
		pw = getpwuid(getuid());
		who = pw ? pw->pw_name : "unknown";
	}
	return who;
}

int
ctl_who(const struct ctl *c, const char *as, char *actor, size_t n,
    const struct conf_officer **officer)
{
	const char *login = ctl_login();
	const struct conf_officer *me, *o;

	me = conf_officer_by_unix_user(c->cf, login);
	*officer = me;
	if (as == NULL) {
		snprintf(actor, n, me ? "officer:%s" : "admin:%s",
		    me ? me->id : login);
		return 0;
	}
	if ((o = conf_officer_by_id(c->cf, as)) == NULL) {
		ctl_err("--as %s: there is no officer with that id (see "
		    "complaintctl officers)", as);
		return EX_USAGE;
	}
	if (me != NULL && me != o) {
		ctl_err("--as %s: you are officer %s (unix_user %s); you "
		    "act as yourself", as, me->id, login);
		return EX_NOPERM;
	}
	*officer = o;
	snprintf(actor, n, "officer:%s", o->id);
	return 0;
}

char *
ctl_text(const char *what, const char *text)
{
	char *t, *s, *e;

	if (!utf8_valid(text, strlen(text))) {
		ctl_err("the %s is not valid UTF-8", what);
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
		ctl_err("the %s is empty", what);
		free(t);
		return NULL;
	}
	s = xstrndup(s, (size_t)(e - s));
	free(t);
	return s;
}

/* What was done, for the line the command prints. */
static const char *
ctl_act_done(enum case_action a)
{
	static const char *const done[CASE_ACT_COUNT] = {
		[CASE_ACT_RESOLVE] = "resolved",
		[CASE_ACT_CORRECT] = "given a corrected answer",
		[CASE_ACT_REPLY] = "given an interim update",
		[CASE_ACT_NOTE] = "noted",
		[CASE_ACT_ASK] = "asked the complainant for information",
		[CASE_ACT_ASSIGN] = "assigned",
		[CASE_ACT_REJECT] = "rejected",
		[CASE_ACT_RECATEGORISE] = "re-categorised",
		[CASE_ACT_REOPEN] = "reopened",
		[CASE_ACT_PRIORITY] = "prioritised",
		[CASE_ACT_CONFIDENTIAL] = "marked",
		[CASE_ACT_MERGE] = "merged",
		[CASE_ACT_CLOSE] = "closed",
	};

	return (unsigned)a < CASE_ACT_COUNT && done[a] ? done[a] :
	    case_action_name(a);
}

/* The case, inside the open transaction: 0, or an exit status. */
static int
ctl_act_case(struct ctl *c, const char *ref, struct case_brief *kase)
{
	int r = store_case_by_reference(c->st, ref, kase);

	if (r == 1) {
		return 0;
	}
	store_rollback(c->st);
	if (r == 0) {
		ctl_err("no case %s", ref);
		return EX_NOINPUT;
	}
	return ctl_store_exit(c->st);
}

int
ctl_act_run(struct ctl *c, const char *ref, struct casework_act *act,
    const char *as)
{
	const struct conf_officer *o;
	struct case_brief kase;
	char actor[96];
	int rc;

	if ((rc = ctl_who(c, as, actor, sizeof actor, &o)) != 0) {
		return rc;
	}
	act->actor = actor;
	act->officer = o;
	act->lang = o && o->language ? o->language : c->cf->language;
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	if ((rc = ctl_act_case(c, ref, &kase)) != 0) {
		return rc;
	}
	rc = casework_act(pipeline_casework(c->pl), &kase, act);
	if (rc == 1) {
		store_rollback(c->st);
		ctl_err("%s: %s", ref, act->refusal);
		return act->forbidden ? EX_NOPERM : EX_DATAERR;
	}
	if (rc == -1 || store_commit(c->st) == -1) {
		store_rollback(c->st);
		return ctl_store_exit(c->st);
	}
	if (act->draft != 0) {
		printf("%s: the answer by %s waits for approval as draft #%lld "
		    "(complaintctl drafts); the complainant gets it once it "
		    "is approved\n", ref, actor, (long long)act->draft);
	} else if (store_case_by_reference(c->st, ref, &kase) == 1) {
		printf("%s %s by %s; the case is %s\n", ref,
		    ctl_act_done(act->action), actor, kase.status);
	}
	return 0;
}

/* ---- the simple commands: REF [ARG] [TEXT...] with --as ---- */

int
ctl_act_cmd(struct ctl *c, int argc, char **argv,
    const struct ctl_act_spec *spec)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'r' },
		{ "add", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct casework_act act;
	const char *as = NULL, *reason = NULL;
	char ref[REF_MAX], *text = NULL;
	struct buf b;
	int ch, rc, add = 0, i, need = 1 + (spec->arg != NULL);
	char into[REF_MAX];

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'A':
			add = 1;
			break;
		case 'h':
			spec->usage(stdout);
			return 0;
		default:
			spec->usage(stderr);
			return EX_USAGE;
		}
	}
	/* options the command does not have are usage errors */
	if ((reason != NULL) != (spec->reason != 0) || (add && !spec->add) ||
	    (spec->text ? argc - optind < need + 1 : argc - optind != need)) {
		spec->usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_PIPELINE, 0)) != 0) {
		return rc;
	}
	if (ctl_reference(c, argv[optind], ref, sizeof ref) == -1) {
		return EX_USAGE;
	}
	memset(&act, 0, sizeof act);
	act.action = spec->action;
	act.add = add;
	act.arg = spec->arg != NULL ? argv[optind + 1] : NULL;
	if (spec->arg_ref) {
		if (ctl_reference(c, act.arg, into, sizeof into) == -1) {
			return EX_USAGE;
		}
		act.arg = into;
	}
	if (spec->text) {
		buf_init(&b);
		for (i = optind + need; i < argc; i++) {
			buf_adds(&b, i > optind + need ? " " : "");
			buf_adds(&b, argv[i]);
		}
		text = ctl_text(spec->text, b.data);
		buf_free(&b);
	} else if (reason != NULL) {
		text = ctl_text("reason", reason);
	}
	if ((spec->text || reason) && text == NULL) {
		return EX_DATAERR;
	}
	act.text = text;
	rc = ctl_act_run(c, ref, &act, as);
	free(text);
	return rc;
}
