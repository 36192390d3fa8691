/*
 * unfiled.c — `complaintctl unfiled`: messages recorded on no case —
 * automatic mail, bounces we could not match, officers' mail that named no
 * case.  They are kept so nothing is lost; this is where to look for them.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "ctl.h"
#include "json.h"

static void
unfiled_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl unfiled [--json]\n\n"
	    "List the messages recorded on no case, oldest first.\n");
}

static int
unfiled_row(void *arg, const struct store_message_row *m)
{
	struct json *j = arg;
	char when[32], from[160];

	if (j != NULL) {
		json_object_begin(j);
		json_kv_int(j, "id", m->id);
		json_kv_string(j, "kind", m->kind);
		json_kv_string(j, "source", m->source);
		json_kv_string(j, "from", m->sender);
		json_kv_string(j, "from_as_received", m->sender_raw);
		json_kv_string(j, "subject", m->subject);
		json_kv_string(j, "message_id", m->external_id);
		json_kv_time(j, "received_at", m->received_at);
		json_kv_string(j, "text", m->body);
		json_object_end(j);
		return 0;
	}
	ctl_time(m->received_at, when, sizeof when);
	printf("%-6lld %-17s %-10s ", (long long)m->id, when, m->kind);
	/* a number as the network gave it stays visible */
	snprintf(from, sizeof from, "%s%s%s%s", m->sender ? m->sender : "",
	    m->sender_raw ? " (" : "", m->sender_raw ? m->sender_raw : "",
	    m->sender_raw ? ")" : "");
	ctl_cell(from, 30);
	ctl_cell(m->subject, 50);
	putchar('\n');
	return 0;
}

int
cmd_unfiled(struct ctl *c, int argc, char **argv)
{
	struct json j;
	int rc, json;

	if ((rc = ctl_json_opts(argc, argv, unfiled_usage, &json)) != -1) {
		return rc;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	ctl_json_list_begin(json ? &j : NULL);
	if (!json) {
		printf("%-6s %-17s %-10s %-30s %s\n", "ID", "RECEIVED", "KIND",
		    "FROM", "SUBJECT");
	}
	rc = store_message_list(c->st, 0, 0, unfiled_row, json ? &j : NULL);
	ctl_json_list_end(json ? &j : NULL, rc);
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}
