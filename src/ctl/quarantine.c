/*
 * quarantine.c — `complaintctl quarantine list | show ID | reprocess ID |
 * discard ID`: messages that could not be processed, kept with their raw
 * bytes.  Reprocessing runs the message through intake again (after a fix
 * or a configuration change); it is recorded exactly as a new arrival
 * would be, and a message already recorded meanwhile is not doubled.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ctl.h"
#include "json.h"
#include "xmalloc.h"

static void
quarantine_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl quarantine list [--all] [--json]\n"
	    "       complaintctl quarantine show ID [--raw]\n"
	    "       complaintctl quarantine reprocess ID\n"
	    "       complaintctl quarantine discard ID\n\n"
	    "  list       messages held (--all: also reprocessed/discarded)\n"
	    "  show       why it was held; --raw writes the original bytes\n"
	    "  reprocess  run it through intake again\n"
	    "  discard    mark it as dealt with (the bytes are kept)\n");
}

struct q_ctx {
	struct json	*j;
	int		 raw;
	int		 found;
	/* reprocess: a copy of the row */
	char		*source;
	char		*status;
	char		*bytes;
	size_t		 size;
	size_t		 original_size;
};

static int
q_list_row(void *arg, const struct store_quarantine_row *r)
{
	struct q_ctx *qc = arg;
	char when[32];

	if (qc->j != NULL) {
		json_object_begin(qc->j);
		json_kv_int(qc->j, "id", r->id);
		json_kv_string(qc->j, "source", r->source);
		json_kv_string(qc->j, "item", r->item);
		json_kv_string(qc->j, "reason", r->reason);
		json_kv_string(qc->j, "status", r->status);
		json_kv_int(qc->j, "size", (int64_t)r->size);
		json_kv_int(qc->j, "original_size", (int64_t)r->original_size);
		json_kv_time(qc->j, "created_at", r->created_at);
		json_object_end(qc->j);
		return 0;
	}
	ctl_time(r->created_at, when, sizeof when);
	printf("%-6lld %-17s %-12s %-16s %9zu  ", (long long)r->id, when,
	    r->status, r->source, r->size);
	ctl_cell(r->reason, 60);
	putchar('\n');
	return 0;
}

static int
q_list(struct ctl *c, int all, int json)
{
	struct q_ctx qc;
	struct json j;
	int rc;

	memset(&qc, 0, sizeof qc);
	qc.j = json ? &j : NULL;
	ctl_json_list_begin(qc.j);
	if (!json) {
		printf("%-6s %-17s %-12s %-16s %9s  %s\n", "ID", "RECEIVED",
		    "STATUS", "SOURCE", "BYTES", "REASON");
	}
	rc = store_quarantine_list(c->st, all ? NULL : "held", q_list_row,
	    &qc);
	ctl_json_list_end(qc.j, rc);
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}

static int
q_get_row(void *arg, const struct store_quarantine_row *r)
{
	struct q_ctx *qc = arg;
	char when[32];

	qc->found = 1;
	qc->source = xstrdup(r->source);
	qc->status = xstrdup(r->status);
	qc->size = r->size;
	qc->original_size = r->original_size;
	qc->bytes = xmalloc(r->size + 1);
	memcpy(qc->bytes, r->raw ? r->raw : "", r->size);
	qc->bytes[r->size] = '\0';
	if (qc->raw < 0) {		/* reprocess: no output */
		return 0;
	}
	if (qc->raw) {
		fwrite(r->raw, 1, r->size, stdout);
		return 0;
	}
	ctl_time(r->created_at, when, sizeof when);
	printf("Quarantine #%lld\nReceived: %s\nSource:   %s %s\n"
	    "Status:   %s\nSize:     %zu bytes\nReason:   %s\n",
	    (long long)r->id, when, r->source, r->item ? r->item : "",
	    r->status, r->size, r->reason);
	if (r->original_size > r->size) {
		printf("Kept:     the first %zu of %zu bytes (it cannot be "
		    "reprocessed)\n", r->size, r->original_size);
	}
	if (r->message_id != 0) {
		printf("Recorded as message #%lld\n", (long long)r->message_id);
	}
	printf("\n(complaintctl quarantine show %lld --raw prints the "
	    "original bytes)\n", (long long)r->id);
	return 0;
}

static void
q_ctx_free(struct q_ctx *qc)
{
	free(qc->source);
	free(qc->status);
	free(qc->bytes);
}

static int
q_parse_id(const char *s, int64_t *id)
{
	char *end;

	*id = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || *id <= 0) {
		ctl_err("'%s' is not a quarantine id", s);
		return -1;
	}
	return 0;
}

static int
q_show(struct ctl *c, int64_t id, int raw)
{
	struct q_ctx qc;
	int r;

	memset(&qc, 0, sizeof qc);
	qc.raw = raw;
	r = store_quarantine_get(c->st, id, q_get_row, &qc);
	q_ctx_free(&qc);
	if (r == 0) {
		ctl_err("no quarantined message #%lld", (long long)id);
		return EX_NOINPUT;
	}
	return r == -1 ? ctl_store_exit(c->st) : 0;
}

static int
q_reprocess(struct ctl *c, int64_t id)
{
	struct pipeline_result res;
	struct q_ctx qc;
	char item[32];
	int r, rc = EX_SOFTWARE;

	memset(&qc, 0, sizeof qc);
	qc.raw = -1;
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	r = store_quarantine_get(c->st, id, q_get_row, &qc);
	if (r != 1) {
		rc = r == 0 ? EX_NOINPUT : ctl_store_exit(c->st);
		if (r == 0) {
			ctl_err("no quarantined message #%lld", (long long)id);
		}
		goto fail;
	}
	if (strcmp(qc.status, "held") != 0) {
		ctl_err("#%lld was already %s", (long long)id, qc.status);
		rc = EX_DATAERR;
		goto fail;
	}
	if (qc.original_size > qc.size) {
		ctl_err("#%lld holds only the first %zu of its %zu bytes: it "
		    "cannot be taken in (a message from IMAP is whole in the "
		    "quarantine folder: move it back to the mailbox after "
		    "raising limits.max_message_size)", (long long)id, qc.size,
		    qc.original_size);
		rc = EX_DATAERR;
		goto fail;
	}
	snprintf(item, sizeof item, "quarantine #%lld", (long long)id);
	/* SMS are kept as the record of their parts (pipeline.h) */
	r = strncmp(qc.source, "modem:", 6) == 0 ? pipeline_sms_raw(c->pl,
	    qc.source, qc.bytes, qc.size, &res) : pipeline_email(c->pl,
	    qc.source, item, qc.bytes, qc.size, &res);
	if (r == -1) {
		rc = ctl_store_exit(c->st);
		goto fail;
	}
	if (res.status == PIPE_QUARANTINED) {
		ctl_err("#%lld still cannot be processed: %s", (long long)id,
		    res.why);
		rc = EX_DATAERR;
		goto fail;
	}
	if (store_quarantine_set_status(c->st, id, "reprocessed",
	    res.message_id) == -1 || store_commit(c->st) == -1) {
		rc = ctl_store_exit(c->st);
		goto fail;
	}
	if (res.status == PIPE_DUPLICATE) {
		printf("#%lld was already recorded (%s)\n", (long long)id,
		    res.why);
	} else {
		printf("#%lld recorded as %s%s%s\n", (long long)id,
		    intake_kind_name(res.kind), res.reference[0] ? " " : "",
		    res.reference);
	}
	q_ctx_free(&qc);
	return 0;
fail:
	store_rollback(c->st);
	q_ctx_free(&qc);
	return rc;
}

static int
q_discard(struct ctl *c, int64_t id)
{
	struct q_ctx qc;
	char actor[96], detail[128];
	int r;

	memset(&qc, 0, sizeof qc);
	qc.raw = -1;
	ctl_actor(actor, sizeof actor);
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	r = store_quarantine_get(c->st, id, q_get_row, &qc);
	if (r == 1 && strcmp(qc.status, "held") == 0) {
		snprintf(detail, sizeof detail, "quarantine #%lld discarded",
		    (long long)id);
		r = store_quarantine_set_status(c->st, id, "discarded", 0) ==
		    -1 || store_event_add(c->st, 0, actor, "discarded",
		    detail) == -1 || store_commit(c->st) == -1 ? -1 : 1;
	} else if (r == 1) {
		ctl_err("#%lld was already %s", (long long)id, qc.status);
		r = -2;
	}
	store_rollback(c->st);
	q_ctx_free(&qc);
	if (r == 0) {
		ctl_err("no quarantined message #%lld", (long long)id);
		return EX_NOINPUT;
	}
	return r == -2 ? EX_DATAERR : r == -1 ? ctl_store_exit(c->st) : 0;
}

int
cmd_quarantine(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "raw", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, rc, all = 0, json = 0, raw = 0, nargs;
	const char *sub;
	int64_t id = 0;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'r':
			raw = 1;
			break;
		case 'h':
			quarantine_usage(stdout);
			return 0;
		default:
			quarantine_usage(stderr);
			return EX_USAGE;
		}
	}
	nargs = argc - optind;
	sub = nargs > 0 ? argv[optind] : "";
	if (strcmp(sub, "list") == 0 ? nargs != 1 : nargs != 2 ||
	    (strcmp(sub, "show") != 0 && strcmp(sub, "reprocess") != 0 &&
	    strcmp(sub, "discard") != 0)) {
		quarantine_usage(stderr);
		return EX_USAGE;
	}
	if (nargs == 2 && q_parse_id(argv[optind + 1], &id) == -1) {
		return EX_USAGE;
	}
	rc = ctl_open(c, strcmp(sub, "reprocess") == 0 ? CTL_NEED_PIPELINE :
	    strcmp(sub, "discard") == 0 ? CTL_NEED_STORE :
	    CTL_NEED_STORE | CTL_READ_ONLY, 0);
	if (rc != 0) {
		return rc;
	}
	if (strcmp(sub, "list") == 0) {
		return q_list(c, all, json);
	} else if (strcmp(sub, "show") == 0) {
		return q_show(c, id, raw);
	} else if (strcmp(sub, "reprocess") == 0) {
		return q_reprocess(c, id);
	}
	return q_discard(c, id);
}
