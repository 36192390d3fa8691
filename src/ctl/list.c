/*
 * list.c — `complaintctl list`: cases, newest first, as a table or JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ctl.h"
#include "json.h"

static void
list_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl list [--status STATUS] [--category ID]"
	    " [--officer ID]\n"
	    "                        [--since WHEN] [--limit N] [--json]\n\n"
	    "  --status    new, acknowledged, in_progress, resolved, closed,\n"
	    "              reopened, rejected, or open (every unfinished one)\n"
	    "  --since     YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", Nd or Nh (7d: the\n"
	    "              last seven days)\n"
	    "  --limit     at most N cases (default 100; 0: all)\n"
	    "  --json      one JSON array\n");
}

struct list_ctx {
	struct json	*j;
	int		 n;
};

void
ctl_case_json(struct json *j, const struct store_case_row *r)
{
	json_object_begin(j);
	json_kv_string(j, "reference", r->reference);
	json_kv_string(j, "status", r->status);
	json_kv_string(j, "category", r->category);
	json_kv_string(j, "channel", r->channel);
	json_kv_string(j, "source", r->source);
	json_kv_string(j, "subject", r->subject);
	json_kv_string(j, "summary", r->summary);
	json_key(j, "officers");
	json_array_begin(j);
	if (r->officers != NULL) {
		char *ids = strdup(r->officers), *p, *id, *save = NULL;

		for (p = ids; ids && (id = strtok_r(p, ",", &save)) != NULL;
		    p = NULL) {
			json_string(j, id);
		}
		free(ids);
	}
	json_array_end(j);
	json_key(j, "complainant");
	json_object_begin(j);
	json_kv_string(j, "name", r->party_name);
	json_kv_string(j, "email", r->party_email);
	json_kv_string(j, "phone", r->party_phone);
	json_object_end(j);
	json_kv_string(j, "resolution", r->resolution);
	json_kv_string(j, "satisfaction", r->satisfaction);
	json_kv_int(j, "escalation_level", r->escalation_level);
	json_kv_time(j, "received_at", r->received_at);
	json_kv_time(j, "acknowledged_at", r->acknowledged_at);
	json_kv_time(j, "first_response_at", r->first_response_at);
	json_kv_time(j, "due_at", r->due_at);
	json_kv_time(j, "resolved_at", r->resolved_at);
	json_kv_time(j, "closed_at", r->closed_at);
	json_kv_time(j, "updated_at", r->updated_at);
	json_object_end(j);
}

static int
list_row(void *arg, const struct store_case_row *r)
{
	struct list_ctx *lc = arg;
	char when[32];

	lc->n++;
	if (lc->j != NULL) {
		ctl_case_json(lc->j, r);
		return 0;
	}
	ctl_time(r->received_at, when, sizeof when);
	ctl_cell(r->reference, 17);
	ctl_cell(r->status, 13);
	ctl_cell(r->category, 12);
	ctl_cell(when, 17);
	ctl_cell(r->officers, 18);
	ctl_cell(r->party_email ? r->party_email : r->party_phone, 26);
	ctl_cell(r->subject, 40);
	putchar('\n');
	return 0;
}

int
cmd_list(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "category", required_argument, NULL, 'C' },
		{ "officer", required_argument, NULL, 'o' },
		{ "since", required_argument, NULL, 'S' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_case_filter f = { NULL, NULL, NULL, 0, 100, 0 };
	struct list_ctx lc = { NULL, 0 };
	struct json j;
	int ch, rc, json = 0;
	char *end;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (strcmp(optarg, "open") != 0 &&
			    !case_status_valid(optarg)) {
				ctl_err("unknown status '%s'", optarg);
				return EX_USAGE;
			}
			f.status = optarg;
			break;
		case 'C':
			f.category = optarg;
			break;
		case 'o':
			f.officer = optarg;
			break;
		case 'S':
			if ((f.since = ctl_parse_since(optarg)) == (time_t)-1) {
				ctl_err("--since: '%s' is not a date "
				    "(YYYY-MM-DD) nor a period (7d, 12h)",
				    optarg);
				return EX_USAGE;
			}
			break;
		case 'l':
			f.limit = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || f.limit < 0) {
				ctl_err("--limit needs a number");
				return EX_USAGE;
			}
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			list_usage(stdout);
			return 0;
		default:
			list_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		list_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	lc.j = json ? &j : NULL;
	ctl_json_list_begin(lc.j);
	if (!json) {
		printf("%-17s%-13s%-12s%-17s%-18s%-26s%s\n", "REFERENCE",
		    "STATUS", "CATEGORY", "RECEIVED", "OFFICERS",
		    "COMPLAINANT", "SUBJECT");
	}
	rc = store_case_list(c->st, &f, list_row, &lc);
	ctl_json_list_end(lc.j, rc);
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}
