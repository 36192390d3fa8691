/*
 * list.c — `complaintctl list`: cases, newest first, as a table or JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "calendar.h"
#include "ctl.h"
#include "json.h"
#include "xmalloc.h"

static void
list_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl list [--status STATUS] [--category ID]"
	    " [--officer ID]\n"
	    "                        [--since WHEN] [--overdue | --due-before "
	    "DATE]\n"
	    "                        [--limit N] [--json]\n\n"
	    "  --status      new, acknowledged, in_progress, waiting, resolved,"
	    "\n                closed, reopened, rejected, merged, or open"
	    " (every\n                unfinished one)\n"
	    "  --since       YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", Nd or Nh (7d: "
	    "the\n                last seven days)\n"
	    "  --overdue     only cases past their running deadline, most "
	    "overdue\n                first\n"
	    "  --due-before  only cases whose running deadline is before DATE\n"
	    "                (YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"), soonest "
	    "first\n"
	    "  --limit       at most N cases (default 100; 0: all)\n"
	    "  --json        one JSON array\n\n"
	    "DUE is the deadline the case runs against now (the first response"
	    "\nwhile there is none, then the resolution); \"!\" marks it "
	    "overdue.\n");
}

struct list_ctx {
	struct json	*j;
	int		 n;
	struct ctl	*c;
	struct list_pipe *pipe;		/* JSON written on a second thread */
};

/* The officers' ids, comma-separated, as an array of strings (empty ids
 * skipped); short ones without an allocation, a listing has one each. */
static void
list_officers_json(struct json *j, const char *ids)
{
	char one[64], *s;
	const char *p, *e;
	size_t n;

	json_array_begin(j);
	for (p = ids; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL) {
			e = p + strlen(p);
		}
		if ((n = (size_t)(e - p)) == 0) {
			continue;
		}
		s = n < sizeof one ? one : xmalloc(n + 1);
		memcpy(s, p, n);
		s[n] = '\0';
		json_string(j, s);
		if (s != one) {
			free(s);
		}
	}
	json_array_end(j);
}

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
	list_officers_json(j, r->officers);
	json_key(j, "complainant");
	json_object_begin(j);
	json_kv_string(j, "name", r->party_name);
	json_kv_string(j, "email", r->party_email);
	json_kv_string(j, "phone", r->party_phone);
	json_object_end(j);
	json_kv_string(j, "resolution", r->resolution);
	json_kv_string(j, "satisfaction", r->satisfaction);
	json_kv_int(j, "escalation_level", r->escalation_level);
	json_kv_string(j, "priority", r->priority > 0 ? "high" :
	    r->priority < 0 ? "low" : "normal");
	json_key(j, "confidential");
	json_bool(j, r->confidential);
	json_kv_string(j, "merged_into", r->merged_into);
	json_kv_time(j, "received_at", r->received_at);
	json_kv_time(j, "acknowledged_at", r->acknowledged_at);
	json_kv_time(j, "first_response_at", r->first_response_at);
	json_kv_time(j, "resolved_at", r->resolved_at);
	json_kv_time(j, "closed_at", r->closed_at);
	json_kv_time(j, "updated_at", r->updated_at);
	/* the procedure clock: the deadline running now and its due times */
	json_kv_time(j, "response_due_at", r->response_due_at);
	json_kv_time(j, "resolve_due_at", r->resolve_due_at);
	json_kv_time(j, "due_at", r->due_at);
	json_key(j, "overdue");
	json_bool(j, r->due_at != 0 && r->due_at <= time(NULL));
	json_kv_time(j, "waiting_since", r->paused_at);
	json_key(j, "next_action");
	if (r->next_action_at != 0 && r->next_action != NULL) {
		json_object_begin(j);
		json_kv_string(j, "kind", r->next_action);
		json_kv_time(j, "at", r->next_action_at);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_object_end(j);
}

static void	list_line(const struct store_case_row *);

/* A case, a confidential complainant hidden (identity.c). */
static int
list_row(void *arg, const struct store_case_row *r)
{
	struct list_ctx *lc = arg;
	struct ctl_hidden h;

	lc->n++;
	if (lc->pipe != NULL) {
		list_pipe_add(lc->pipe, r);
		return 0;
	}
	ctl_hide_case(lc->c, r, 0, &h);
	if (lc->j != NULL) {
		ctl_case_json(lc->j, &h.row);
	} else {
		list_line(&h.row);
	}
	ctl_hidden_free(&h);
	return 0;
}

static void
list_line(const struct store_case_row *r)
{
	char when[32], due[33];

	ctl_time(r->received_at, when, sizeof when);
	ctl_cell(r->reference, 17);
	ctl_cell(r->status, 13);
	if (r->due_at != 0) {
		due[0] = r->due_at <= time(NULL) ? '!' : ' ';
		ctl_time(r->due_at, due + 1, sizeof due - 1);
	} else {
		snprintf(due, sizeof due, " -");
	}
	ctl_cell(due, 19);
	ctl_cell(r->category, 12);
	ctl_cell(when, 17);
	ctl_cell(r->officers, 18);
	ctl_cell(r->party_email ? r->party_email : r->party_phone ?
	    r->party_phone : r->confidential ? r->party_name : NULL, 26);
	ctl_cell(r->subject, 40);
	putchar('\n');
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
		{ "overdue", no_argument, NULL, 'O' },
		{ "due-before", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_case_filter f = { NULL, NULL, NULL, 0, 100, 0 };
	struct list_ctx lc = { NULL, 0, c, NULL };
	struct json j;
	int ch, rc, json = 0, overdue = 0;
	char *end, err[256];
	const char *before = NULL;

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
		case 'O':
			overdue = 1;
			break;
		case 'D':
			before = optarg;
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
	if (optind != argc || (overdue && before != NULL)) {
		list_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	f.due_before = overdue ? time(NULL) + 1 : 0;
	/* a date in the configured zone (ctl_open set it) */
	if (before != NULL && calendar_parse_local(before, &f.due_before, err,
	    sizeof err) == -1) {
		ctl_err("--due-before: %s", err);
		return EX_USAGE;
	}
	lc.j = json ? &j : NULL;
	ctl_json_list_begin(lc.j);
	if (json && (lc.pipe = list_pipe_start(c, &j)) != NULL) {
		store_set_pause(c->st, list_pipe_pause, lc.pipe);
	} else if (json) {
		store_set_pause(c->st, ctl_json_pause, &j);
	}
	if (!json) {
		printf("%-17s%-13s%-19s%-12s%-17s%-18s%-26s%s\n", "REFERENCE",
		    "STATUS", " DUE", "CATEGORY", "RECEIVED", "OFFICERS",
		    "COMPLAINANT", "SUBJECT");
	}
	rc = store_case_list(c->st, &f, list_row, &lc);
	if (lc.pipe != NULL) {
		list_pipe_finish(lc.pipe, rc != -1);
	}
	ctl_json_list_end(lc.j, rc);
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}
