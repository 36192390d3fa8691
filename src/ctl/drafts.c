/*
 * drafts.c — `complaintctl drafts [--json] [--all]`: the answers waiting
 * for an approver (approval.h), oldest first: the draft's number, its
 * case, what it is, who wrote it, since when, and its text (the latest
 * version).  --all: decided ones too (approved, returned, replaced).
 * Read-only.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ctl.h"
#include "json.h"

static void
drafts_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl drafts [--all] [--json]\n\n"
	    "The answers waiting for approval, oldest first: the draft's\n"
	    "number (for complaintctl approve / return), its case, what it\n"
	    "is (resolve, correct, reject), its author, since when, and the\n"
	    "text the complainant would get.  --all lists decided drafts\n"
	    "too (approved, returned, replaced).\n");
}

void
ctl_draft_json(struct json *j, const struct store_draft *d)
{
	json_object_begin(j);
	json_kv_int(j, "draft", d->id);
	json_kv_string(j, "reference", d->reference);
	json_kv_string(j, "action", d->action);
	json_kv_string(j, "author", d->author);
	json_kv_string(j, "status", d->status);
	json_kv_time(j, "created_at", d->created_at);
	json_kv_time(j, "decided_at", d->decided_at);
	json_kv_string(j, "decided_by", d->decided_by[0] ? d->decided_by :
	    NULL);
	json_kv_string(j, "comment", d->comment[0] ? d->comment : NULL);
	json_kv_int(j, "version", d->version);
	json_kv_string(j, "version_by", d->version_by);
	json_kv_string(j, "text", d->text);
	json_object_end(j);
}

/* A draft listed, a confidential complainant taken out of its text
 * (identity.c). */
struct drafts_ctx {
	struct ctl	*c;
	struct json	*j;
};

static int
drafts_json_row(void *arg, const struct store_draft *d)
{
	struct drafts_ctx *x = arg;
	struct store_draft h = *d;

	h.text = ctl_hide_for_case(x->c, d->case_id, d->text);
	ctl_draft_json(x->j, &h);
	free(h.text);
	return 0;
}

static int	drafts_text_line(const struct store_draft *);

static int
drafts_text_row(void *arg, const struct store_draft *d)
{
	struct drafts_ctx *x = arg;
	struct store_draft h = *d;

	h.text = ctl_hide_for_case(x->c, d->case_id, d->text);
	drafts_text_line(&h);
	free(h.text);
	return 0;
}

static int
drafts_text_line(const struct store_draft *d)
{
	char when[32];

	ctl_time((time_t)d->created_at, when, sizeof when);
	printf("#%-5lld %-18s %-8s %-9s %-16s %s\n", (long long)d->id,
	    d->reference, d->action, d->status, when, d->author);
	printf("       %.200s%s\n", d->text ? d->text : "",
	    d->text && strlen(d->text) > 200 ? " ..." : "");
	return 0;
}

int
cmd_drafts(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'A' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct json j;
	struct drafts_ctx x = { c, &j };
	int ch, rc, all = 0, json = 0;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'A':
			all = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			drafts_usage(stdout);
			return 0;
		default:
			drafts_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		drafts_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	if (json) {
		ctl_json_list_begin(&j);
		rc = store_draft_list(c->st, 0, !all, drafts_json_row, &x);
		ctl_json_list_end(&j, rc);
	} else {
		printf("%-6s %-18s %-8s %-9s %-16s %s\n", "DRAFT", "CASE",
		    "ACTION", "STATUS", "SINCE", "AUTHOR");
		rc = store_draft_list(c->st, 0, !all, drafts_text_row, &x);
	}
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}

/* ---- a case's drafts in complaintctl show ---- */

struct show_drafts {
	struct store		*st;
	struct json		*j;
	int			 rc;
	const struct ctl_hidden	*h;	/* the case's identity to take out */
};

static int
show_version(void *arg, const struct store_draft_version *v)
{
	struct show_drafts *x = arg;
	char when[32], *text = ctl_hide_text(x->h, v->text);
	const char *p, *nl;

	if (x->j != NULL) {
		json_object_begin(x->j);
		json_kv_int(x->j, "version", v->version);
		json_kv_string(x->j, "written_by", v->written_by);
		json_kv_time(x->j, "written_at", v->written_at);
		json_kv_string(x->j, "text", text);
		json_object_end(x->j);
		free(text);
		return 0;
	}
	ctl_time((time_t)v->written_at, when, sizeof when);
	printf("    version %d by %s at %s:\n", v->version, v->written_by,
	    when);
	for (p = text ? text : ""; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		printf("      | %.*s\n", (int)(nl ? nl - p : (long)strlen(p)),
		    p);
		if (nl == NULL) {
			break;
		}
	}
	free(text);
	return 0;
}

static int
show_draft(void *arg, const struct store_draft *d)
{
	struct show_drafts *x = arg;
	char when[32], dec[32];

	if (x->j != NULL) {
		json_object_begin(x->j);
		json_kv_int(x->j, "draft", d->id);
		json_kv_string(x->j, "action", d->action);
		json_kv_string(x->j, "author", d->author);
		json_kv_string(x->j, "status", d->status);
		json_kv_time(x->j, "created_at", d->created_at);
		json_kv_time(x->j, "decided_at", d->decided_at);
		json_kv_string(x->j, "decided_by", d->decided_by[0] ?
		    d->decided_by : NULL);
		json_kv_string(x->j, "comment", d->comment[0] ? d->comment :
		    NULL);
		json_key(x->j, "versions");
		json_array_begin(x->j);
	} else {
		ctl_time((time_t)d->created_at, when, sizeof when);
		ctl_time((time_t)d->decided_at, dec, sizeof dec);
		printf("  #%lld %s by %s at %s: %s", (long long)d->id,
		    d->action, d->author, when, d->status);
		if (d->decided_by[0]) {
			printf(" by %s at %s", d->decided_by, dec);
		}
		printf("%s%s\n", d->comment[0] ? ": " : "", d->comment);
	}
	if (store_draft_versions(x->st, d->id, show_version, x) == -1) {
		x->rc = -1;
	}
	if (x->j != NULL) {
		json_array_end(x->j);
		json_object_end(x->j);
	}
	return 0;
}

int
ctl_show_drafts(struct store *st, int64_t case_id, struct json *j,
    const struct ctl_hidden *h)
{
	struct show_drafts x = { st, j, 0, h };

	if (j != NULL) {
		json_key(j, "drafts");
		json_array_begin(j);
	} else {
		printf("\nAnswers for approval:\n");
	}
	if (store_draft_list(st, case_id, 0, show_draft, &x) == -1) {
		x.rc = -1;
	}
	if (j != NULL) {
		json_array_end(j);
	}
	return x.rc;
}
