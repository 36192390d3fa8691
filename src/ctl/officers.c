/*
 * officers.c — `complaintctl officers`: who is who — the ids to assign
 * cases to and to act as (--as), their categories, who is a coordinator
 * and which login complaintctl attributes to whom.  Reads the
 * configuration only.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "ctl.h"
#include "json.h"

static void
officers_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl officers [--json]\n\n"
	    "The configured officers: id, name and role, their categories,\n"
	    "whether they are a coordinator (may act on every case, merge and\n"
	    "re-categorise) and the login mapped to them (unix_user).\n");
}

/* The categories that name officer id, ","-joined. */
static void
officers_categories(const struct conf *cf, const char *id, struct buf *b)
{
	size_t i, j;

	for (i = 0; i < cf->ncategories; i++) {
		for (j = 0; j < cf->categories[i].nofficers; j++) {
			if (strcmp(cf->categories[i].officers[j], id) == 0) {
				buf_adds(b, b->len ? "," : "");
				buf_adds(b, cf->categories[i].id);
			}
		}
	}
}

static void
officers_json(const struct conf *cf)
{
	const struct conf_officer *o;
	struct json j;
	struct buf b;
	size_t i;

	ctl_json_list_begin(&j);
	for (i = 0; i < cf->nofficers; i++) {
		o = &cf->officers[i];
		buf_init(&b);
		officers_categories(cf, o->id, &b);
		json_object_begin(&j);
		json_kv_string(&j, "id", o->id);
		json_kv_string(&j, "name", o->name);
		json_kv_string(&j, "role", o->role);
		json_kv_string(&j, "categories", b.data);
		json_key(&j, "coordinator");
		json_bool(&j, o->coordinator);
		json_kv_string(&j, "unix_user", o->unix_user);
		json_kv_string(&j, "escalate_to", o->escalate_to);
		json_object_end(&j);
		buf_free(&b);
	}
	ctl_json_list_end(&j, 0);
}

int
cmd_officers(struct ctl *c, int argc, char **argv)
{
	const struct conf_officer *o;
	struct buf b;
	size_t i;
	int json, rc;

	if ((rc = ctl_json_opts(argc, argv, officers_usage, &json)) != -1) {
		return rc;
	}
	if ((rc = ctl_open(c, 0, 0)) != 0) {
		return rc;
	}
	if (json) {
		officers_json(c->cf);
		return 0;
	}
	printf("%-16s %-24s %-20s %s\n", "ID", "NAME", "CATEGORIES", "ROLE");
	for (i = 0; i < c->cf->nofficers; i++) {
		o = &c->cf->officers[i];
		buf_init(&b);
		officers_categories(c->cf, o->id, &b);
		if (o->coordinator) {
			buf_adds(&b, b.len ? ",(coordinator)" :
			    "(coordinator)");
		}
		ctl_cell(o->id, 17);
		ctl_cell(o->name, 25);
		ctl_cell(b.len ? b.data : "-", 21);
		printf("%s", o->role ? o->role : "");
		if (o->unix_user != NULL) {
			printf("  (login %s)", o->unix_user);
		}
		putchar('\n');
		buf_free(&b);
	}
	return 0;
}
