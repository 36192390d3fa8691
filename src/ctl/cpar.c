/*
 * cpar.c — `complaintctl cpar`: corrective actions (CPAR, Laporan
 * Ketidaksesuaian).  new, update, done and verify go through cpar.h (the
 * same checks and records as the "#lk" mail and the owner's SMS); list
 * and show read the store.  show REF of a case lists its corrective
 * actions through ctl_cpar_of_case().
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "cpar.h"
#include "ctl.h"
#include "json.h"
#include "store_cpar.h"

static void
cpar_usage(FILE *f)
{
	static const char fields[] = "[--nonconformity T] [--root-cause T] "
	    "[--correction T] [--corrective T] [--preventive T] "
	    "[--owner OFFICER] [--due YYYY-MM-DD]";

	fprintf(f, "usage: complaintctl cpar new REF... %s [--as OFFICER] "
	    "[--json]\n"
	    "       complaintctl cpar list [--status S] [--json]\n"
	    "       complaintctl cpar show ID [--json] [--format html]\n"
	    "       complaintctl cpar update ID [REF...] %s [--as OFFICER] "
	    "[--json]\n"
	    "       complaintctl cpar done ID [--note T] [--as OFFICER] "
	    "[--json]\n"
	    "       complaintctl cpar verify ID --effective yes|no [--note T] "
	    "[--as OFFICER] [--json]\n\n", fields, fields);
	fprintf(f, "Corrective and preventive actions (Laporan "
	    "Ketidaksesuaian).  new needs\n"
	    "--nonconformity, --owner and --due.  A record links to one or "
	    "more cases\n"
	    "and moves open -> planned (root cause, corrective action, owner "
	    "and due\n"
	    "date given) -> done -> verified effective; not effective sends "
	    "it back\n"
	    "to planned.  Only the quality manager "
	    "(organisation.quality_manager)\n"
	    "verifies.  ID is the record's number, e.g. LK-2026-001.  S: "
	    "open,\nplanned, done, effective.\n");
}

enum {
	O_NC = 1, O_ROOT, O_CORR, O_CA, O_PA, O_OWNER, O_DUE, O_NOTE, O_AS,
	O_EFF, O_STATUS, O_JSON, O_FORMAT,
};

static const struct option cpar_longopts[] = {
	{ "nonconformity", required_argument, NULL, O_NC },
	{ "root-cause", required_argument, NULL, O_ROOT },
	{ "correction", required_argument, NULL, O_CORR },
	{ "corrective", required_argument, NULL, O_CA },
	{ "preventive", required_argument, NULL, O_PA },
	{ "owner", required_argument, NULL, O_OWNER },
	{ "due", required_argument, NULL, O_DUE },
	{ "note", required_argument, NULL, O_NOTE },
	{ "as", required_argument, NULL, O_AS },
	{ "effective", required_argument, NULL, O_EFF },
	{ "status", required_argument, NULL, O_STATUS },
	{ "json", no_argument, NULL, O_JSON },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct cpar_opts {
	struct cpar_fields	 f;
	const char		*as, *effective, *status, *format;
	int			 json;
	char			*texts[8];	/* owned, checked copies */
};

/* A text option, checked (UTF-8, trimmed, not empty): 0 or -1. */
static int
cpar_text(struct cpar_opts *o, int slot, const char *what, const char **dst)
{
	free(o->texts[slot]);
	if ((o->texts[slot] = ctl_text(what, optarg)) == NULL) {
		return -1;
	}
	*dst = o->texts[slot];
	return 0;
}

static int
cpar_opt(struct cpar_opts *o, int ch)
{
	switch (ch) {
	case O_NC:
		return cpar_text(o, 0, "nonconformity", &o->f.nonconformity);
	case O_ROOT:
		return cpar_text(o, 1, "root cause", &o->f.root_cause);
	case O_CORR:
		return cpar_text(o, 2, "correction", &o->f.correction);
	case O_CA:
		return cpar_text(o, 3, "corrective action", &o->f.corrective);
	case O_PA:
		return cpar_text(o, 4, "preventive action", &o->f.preventive);
	case O_NOTE:
		return cpar_text(o, 5, "note", &o->f.note);
	case O_OWNER:
		o->f.owner = optarg;
		return 0;
	case O_DUE:
		o->f.due = optarg;
		return 0;
	case O_AS:
		o->as = optarg;
		return 0;
	case O_EFF:
		o->effective = optarg;
		return 0;
	case O_STATUS:
		o->status = optarg;
		return 0;
	case O_JSON:
		o->json = 1;
		return 0;
	case O_FORMAT:
		o->format = optarg;
		return 0;
	}
	return -1;
}

static void
cpar_opts_free(struct cpar_opts *o)
{
	size_t i;

	for (i = 0; i < sizeof o->texts / sizeof o->texts[0]; i++) {
		free(o->texts[i]);
	}
	free((void *)o->f.cases);
}

/* Options after the subcommand: 0, or an exit status (said why / help). */
static int
cpar_parse(int argc, char **argv, struct cpar_opts *o)
{
	int ch;

	memset(o, 0, sizeof *o);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", cpar_longopts, NULL))
	    != -1) {
		if (ch == 'h') {
			cpar_usage(stdout);
			return -2;
		}
		if (cpar_opt(o, ch) == -1) {
			if (ch != O_NC && ch != O_ROOT && ch != O_CORR &&
			    ch != O_CA && ch != O_PA && ch != O_NOTE) {
				cpar_usage(stderr);
			}
			return EX_USAGE;
		}
	}
	return 0;
}

/* The case references among argv[from..] into o->f.cases: 0 or -1. */
static int
cpar_cases(struct ctl *c, int argc, char **argv, int from,
    struct cpar_opts *o)
{
	char (*refs)[REF_MAX];
	int i;

	if (argc - from <= 0) {
		return 0;
	}
	refs = calloc((size_t)(argc - from), sizeof *refs);
	if (refs == NULL) {
		return -1;
	}
	o->f.cases = (const char (*)[REF_MAX])refs;
	for (i = from; i < argc; i++) {
		if (ctl_reference(c, argv[i], refs[o->f.ncases],
		    REF_MAX) == -1) {
			return -1;
		}
		o->f.ncases++;
	}
	return 0;
}

static void
cpar_json_one(struct json *j, const struct store_cpar *k)
{
	json_object_begin(j);
	json_kv_string(j, "id", k->reference);
	json_kv_string(j, "status", k->status);
	json_kv_string(j, "nonconformity", k->nonconformity);
	json_kv_string(j, "root_cause", k->root_cause);
	json_kv_string(j, "correction", k->correction);
	json_kv_string(j, "corrective_action", k->corrective);
	json_kv_string(j, "preventive_action", k->preventive);
	json_kv_string(j, "owner", k->owner);
	json_kv_string(j, "due", k->due_date[0] ? k->due_date : NULL);
	json_kv_string(j, "created_by", k->created_by);
	json_kv_time(j, "created_at", k->created_at);
	json_kv_time(j, "done_at", k->done_at);
	json_kv_time(j, "verified_at", k->verified_at);
	json_kv_string(j, "verified_by", k->verified_by[0] ? k->verified_by :
	    NULL);
	json_kv_int(j, "not_effective", k->not_effective);
}

/* new / update / done / verify: one transaction through cpar.h. */
static int
cpar_change(struct ctl *c, const char *ref, enum cpar_action a,
    struct cpar_opts *o)
{
	const struct conf_officer *who;
	struct cpar_req q;
	char actor[96], err[512];
	int rc;

	memset(&q, 0, sizeof q);
	if ((rc = ctl_who(c, o->as, actor, sizeof actor, &who)) != 0) {
		return rc;
	}
	q.actor = actor;
	q.officer = who;
	q.lang = "en";
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	rc = a == CPAR_ACT_OPEN ? cpar_open(pipeline_casework(c->pl), &q,
	    &o->f, err, sizeof err) : cpar_act(pipeline_casework(c->pl), &q,
	    ref, a, &o->f, err, sizeof err);
	if (rc == 1) {
		store_rollback(c->st);
		ctl_err("%s%s%s", ref ? ref : "", ref ? ": " : "", err);
		return strstr(err, "only ") != NULL ? EX_NOPERM : EX_DATAERR;
	}
	if (rc == -1 || store_commit(c->st) == -1) {
		store_rollback(c->st);
		return ctl_store_exit(c->st);
	}
	if (o->json) {
		struct json j;

		json_init(&j);
		json_object_begin(&j);
		json_kv_string(&j, "id", q.ref);
		json_kv_string(&j, "status", q.status);
		json_object_end(&j);
		ctl_json_print(&j);
		json_free(&j);
	} else if (a == CPAR_ACT_OPEN) {
		printf("%s\n", q.ref);
	} else {
		printf("%s %s by %s; it is %s\n", q.ref, cpar_action_name(a),
		    actor, q.status);
	}
	return 0;
}

static int
cpar_cmd_change(struct ctl *c, int argc, char **argv, const char *sub,
    struct cpar_opts *o)
{
	enum cpar_action a;
	const char *ref = NULL;
	int rc, first = optind + 1;

	if (strcmp(sub, "new") == 0) {
		a = CPAR_ACT_OPEN;
		first = optind;
	} else if (optind >= argc) {
		cpar_usage(stderr);
		return EX_USAGE;
	} else if (strcmp(sub, "update") == 0) {
		a = CPAR_ACT_UPDATE;
	} else if (strcmp(sub, "done") == 0) {
		a = CPAR_ACT_DONE;
	} else {
		if (o->effective == NULL || (strcmp(o->effective, "yes") != 0 &&
		    strcmp(o->effective, "no") != 0)) {
			ctl_err("verify needs --effective yes or --effective "
			    "no");
			return EX_USAGE;
		}
		a = strcmp(o->effective, "yes") == 0 ? CPAR_ACT_EFFECTIVE :
		    CPAR_ACT_NOT_EFFECTIVE;
	}
	if (a != CPAR_ACT_OPEN) {
		ref = argv[optind];
	}
	if ((a == CPAR_ACT_DONE || a == CPAR_ACT_EFFECTIVE ||
	    a == CPAR_ACT_NOT_EFFECTIVE) && first < argc) {
		cpar_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_PIPELINE, 0)) != 0) {
		return rc;
	}
	if (cpar_cases(c, argc, argv, first, o) == -1) {
		return EX_USAGE;
	}
	return cpar_change(c, ref, a, o);
}

/* ---- list ---- */

struct list_ctx {
	struct ctl	*c;
	struct json	*j;
	struct buf	 refs;
	int		 failed;
};

static int
cpar_list_case(void *arg, const struct case_brief *b)
{
	struct list_ctx *x = arg;

	if (x->j != NULL) {
		json_string(x->j, b->reference);
	} else {
		buf_printf(&x->refs, "%s%s", x->refs.len ? "," : "",
		    b->reference);
	}
	return 0;
}

static int
cpar_list_row(void *arg, const struct store_cpar *k)
{
	struct list_ctx *x = arg;

	if (x->j != NULL) {
		cpar_json_one(x->j, k);
		json_key(x->j, "cases");
		json_array_begin(x->j);
		x->failed |= store_cpar_cases(x->c->st, k->id, cpar_list_case,
		    x) == -1;
		json_array_end(x->j);
		json_object_end(x->j);
		return 0;
	}
	buf_reset(&x->refs);
	x->failed |= store_cpar_cases(x->c->st, k->id, cpar_list_case, x) ==
	    -1;
	printf("%-14s %-9s %-10s %-12s %s  ", k->reference, k->status,
	    k->due_date[0] ? k->due_date : "-", k->owner, x->refs.len ?
	    x->refs.data : "-");
	ctl_cell(k->nonconformity, 40);
	printf("\n");
	return 0;
}

static int
cpar_cmd_list(struct ctl *c, struct cpar_opts *o)
{
	struct list_ctx x;
	struct json j;
	int rc;

	if (o->status != NULL && !cpar_status_valid(o->status)) {
		ctl_err("--status: '%s' is not open, planned, done or "
		    "effective", o->status);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	if (o->json) {
		ctl_json_list_begin(&j);
	}
	memset(&x, 0, sizeof x);
	x.c = c;
	x.j = o->json ? &j : NULL;
	buf_init(&x.refs);
	rc = store_cpar_list(c->st, o->status, cpar_list_row, &x);
	if (x.failed) {
		rc = -1;
	}
	buf_free(&x.refs);
	if (o->json) {
		ctl_json_list_end(&j, rc);
	}
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}

/* ---- show ---- */

struct cpar_show {
	struct json	*j;
	int		 n;
};

static int
cpar_show_case(void *arg, const struct case_brief *b)
{
	struct cpar_show *s = arg;

	if (s->j != NULL) {
		json_object_begin(s->j);
		json_kv_string(s->j, "reference", b->reference);
		json_kv_string(s->j, "status", b->status);
		json_kv_string(s->j, "category", b->category);
		json_kv_string(s->j, "subject", b->subject);
		json_object_end(s->j);
	} else {
		printf("  %-20s %-13s %-12s %s\n", b->reference, b->status,
		    b->category, b->subject);
	}
	s->n++;
	return 0;
}

static int
cpar_show_event(void *arg, const struct store_event_row *e)
{
	struct cpar_show *s = arg;
	char when[32];

	if (s->j != NULL) {
		json_object_begin(s->j);
		json_kv_time(s->j, "at", e->at);
		json_kv_string(s->j, "actor", e->actor);
		json_kv_string(s->j, "kind", e->kind);
		json_kv_string(s->j, "detail", e->detail);
		json_object_end(s->j);
	} else {
		ctl_time(e->at, when, sizeof when);
		printf("  %s  %-14s %-16s %s\n", when, e->kind, e->actor,
		    e->detail);
	}
	return 0;
}

static void
cpar_show_field(const char *label, const char *v)
{
	printf("%-19s%s\n", label, v != NULL ? v : "-");
}

static void
cpar_show_text(const struct store_cpar *k)
{
	char when[32];

	printf("%s  [%s]\n", k->reference, k->status);
	cpar_show_field("Nonconformity:", k->nonconformity);
	cpar_show_field("Root cause:", k->root_cause);
	cpar_show_field("Correction:", k->correction);
	cpar_show_field("Corrective action:", k->corrective);
	cpar_show_field("Preventive action:", k->preventive);
	cpar_show_field("Owner:", k->owner);
	cpar_show_field("Due:", k->due_date[0] ? k->due_date : NULL);
	ctl_time(k->created_at, when, sizeof when);
	printf("%-19s%s by %s\n", "Opened:", when, k->created_by);
	if (k->verified_at != 0) {
		ctl_time(k->verified_at, when, sizeof when);
		printf("%-19s%s by %s\n", "Verified:", when, k->verified_by);
	}
	if (k->not_effective > 0) {
		printf("%-19s%d time%s\n", "Not effective:", k->not_effective,
		    k->not_effective > 1 ? "s" : "");
	}
	printf("Next:              %s\n", strcmp(k->status, CPAR_OPEN) == 0 ?
	    "the owner gives the root cause, corrective action and due date "
	    "(cpar update)" : strcmp(k->status, CPAR_PLANNED) == 0 ?
	    "the owner carries it out and reports it done (cpar done)" :
	    strcmp(k->status, CPAR_DONE) == 0 ? "the quality manager verifies "
	    "it (cpar verify --effective yes|no)" : "nothing: closed");
}

static int
cpar_show_one(struct ctl *c, const struct store_cpar *k, struct json *j)
{
	struct cpar_show s = { j, 0 };

	if (j != NULL) {
		cpar_json_one(j, k);
		json_key(j, "cases");
		json_array_begin(j);
	} else {
		cpar_show_text(k);
		printf("\nCases:\n");
	}
	if (store_cpar_cases(c->st, k->id, cpar_show_case, &s) == -1) {
		return -1;
	}
	if (j != NULL) {
		json_array_end(j);
		json_key(j, "events");
		json_array_begin(j);
	} else {
		printf("\nHistory:\n");
	}
	if (store_cpar_events(c->st, k->id, cpar_show_event, &s) == -1) {
		return -1;
	}
	if (j != NULL) {
		json_array_end(j);
		json_object_end(j);
	}
	return 0;
}

static int
cpar_cmd_show(struct ctl *c, int argc, char **argv, struct cpar_opts *o)
{
	struct store_cpar k;
	struct json j;
	int rc, html;

	if (optind + 1 != argc || (o->format != NULL &&
	    strcmp(o->format, "html") != 0 && strcmp(o->format, "text") != 0)) {
		cpar_usage(stderr);
		return EX_USAGE;
	}
	html = o->format != NULL && strcmp(o->format, "html") == 0;
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	if ((rc = store_cpar_get(c->st, argv[optind], &k)) != 1) {
		if (rc == 0) {
			ctl_err("no corrective action %s", argv[optind]);
			return EX_NOINPUT;
		}
		return ctl_store_exit(c->st);
	}
	if (html) {
		rc = ctl_cpar_html(c, &k);
	} else {
		if (o->json) {
			json_init(&j);
		}
		rc = cpar_show_one(c, &k, o->json ? &j : NULL);
		if (o->json) {
			if (rc == 0) {
				ctl_json_print(&j);
			}
			json_free(&j);
		}
	}
	store_cpar_clear(&k);
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}

/* ---- a case's corrective actions (show REF) ---- */

static int
cpar_case_row(void *arg, const struct store_cpar *k)
{
	struct json *j = arg;

	if (j != NULL) {
		cpar_json_one(j, k);
		json_object_end(j);
		return 0;
	}
	printf("  %-14s %-9s due %-10s owner %-10s ", k->reference, k->status,
	    k->due_date[0] ? k->due_date : "-", k->owner);
	ctl_cell(k->nonconformity, 30);
	printf("\n");
	return 0;
}

/* A category that requires a corrective action: whether the case may
 * close, and what is missing. */
static int
cpar_case_policy(struct ctl *c, struct json *j, int64_t case_id)
{
	struct casework cw;
	struct case_brief b;
	char why[400];
	int r;

	memset(&cw, 0, sizeof cw);
	cw.cf = c->cf;
	cw.st = c->st;
	if (store_case_by_id(c->st, case_id, &b) != 1 ||
	    (r = cpar_close_held(&cw, &b, "en", why, sizeof why)) == -1) {
		return -1;
	}
	if (j != NULL) {
		json_kv_string(j, "close_held", r == 1 ? why : NULL);
	} else if (r == 1) {
		printf("  Close held: %s\n", why);
	}
	return 0;
}

int
ctl_cpar_of_case(struct ctl *c, struct json *j, int64_t case_id)
{
	int rc;

	if (j != NULL) {
		json_key(j, "corrective_actions");
		json_array_begin(j);
	} else {
		printf("\nCorrective actions:\n");
	}
	rc = store_cpar_of_case(c->st, case_id, cpar_case_row, j);
	if (j != NULL) {
		json_array_end(j);
	}
	return rc == -1 ? -1 : cpar_case_policy(c, j, case_id);
}

int
cmd_cpar(struct ctl *c, int argc, char **argv)
{
	struct cpar_opts o;
	const char *sub;
	int rc;

	if ((rc = cpar_parse(argc, argv, &o)) != 0) {
		cpar_opts_free(&o);
		return rc == -2 ? 0 : rc;
	}
	if (optind >= argc) {
		cpar_usage(stderr);
		cpar_opts_free(&o);
		return EX_USAGE;
	}
	sub = argv[optind++];
	if (strcmp(sub, "list") == 0 && optind == argc) {
		rc = cpar_cmd_list(c, &o);
	} else if (strcmp(sub, "show") == 0) {
		rc = cpar_cmd_show(c, argc, argv, &o);
	} else if (strcmp(sub, "new") == 0 || strcmp(sub, "update") == 0 ||
	    strcmp(sub, "done") == 0 || strcmp(sub, "verify") == 0) {
		rc = cpar_cmd_change(c, argc, argv, sub, &o);
	} else {
		cpar_usage(stderr);
		rc = EX_USAGE;
	}
	cpar_opts_free(&o);
	return rc;
}
