/*
 * outbox.c — `complaintctl outbox list | show ID|REF | retry ID...`: the
 * messages queued for sending (email and SMS), what became of them, and
 * sending one again after the cause of its failure was fixed.
 *
 * Statuses: queued (waiting, maybe for a retry), sending (claimed by a
 * sender right now), sent, failed (refused for good: the server's answer,
 * or a bounce, is in the note), dead (gave up after limits.send_attempts
 * temporary failures), suppressed (over the automatic-reply limit, never
 * sent).  `retry` puts a failed, dead or suppressed message back in the
 * queue with its attempts reset (a queued one becomes due at once); the
 * case's history records who did it.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "casedef.h"
#include "ctl.h"
#include "json.h"
#include "ref.h"
#include "xmalloc.h"

#define LIST_DEFAULT	100

static const char *const outbox_statuses[] = { "queued", "sending", "sent",
    "failed", "dead", "suppressed" };

static void
outbox_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl outbox list [--status STATUS] "
	    "[--limit N] [--json]\n"
	    "       complaintctl outbox show ID|REFERENCE [--json]\n"
	    "       complaintctl outbox retry ID...\n\n"
	    "  list    outgoing messages, newest first (default %d; --limit 0:"
	    " all)\n"
	    "          STATUS: queued, sending, sent, failed, dead, suppressed\n"
	    "  show    one message: recipient, threading, attempts, the "
	    "server's last\n"
	    "          answer and the text; a case reference shows all of the "
	    "case's\n"
	    "  retry   queue failed, dead or suppressed messages again, or "
	    "make queued\n"
	    "          ones due now (attempts reset)\n", LIST_DEFAULT);
}

struct ob_ctx {
	struct json	*j;
	int		 n;
	struct ctl	*c;
	/* retry: a copy of the row */
	int64_t		 case_id;
	char		 status[16];
	char		 kind[32];
	char		 who[96];
};

void
ctl_outbox_json(struct json *j, const struct store_outbox_row *o, int full)
{
	json_object_begin(j);
	json_kv_int(j, "id", o->id);
	json_kv_string(j, "reference", o->reference);
	json_kv_string(j, "kind", o->kind);
	json_kv_string(j, "channel", o->channel);
	json_kv_string(j, "recipient", o->recipient);
	json_kv_string(j, "recipient_name", o->recipient_name);
	json_kv_string(j, "officer", o->officer);
	json_kv_string(j, "subject", o->subject);
	json_kv_string(j, "status", o->status);
	json_kv_int(j, "attempts", o->attempts);
	json_kv_time(j, "next_attempt_at", o->status &&
	    strcmp(o->status, "queued") == 0 ? o->next_attempt_at : 0);
	json_kv_string(j, "last_error", o->last_error);
	json_kv_string(j, "message_id", o->rfc_message_id);
	json_kv_string(j, "in_reply_to", o->in_reply_to);
	json_kv_string(j, "reply_to", o->reply_to);
	json_kv_time(j, "created_at", o->created_at);
	json_kv_time(j, "sent_at", o->sent_at);
	json_kv_string(j, "delivery", o->delivery);
	json_kv_time(j, "delivered_at", o->delivered_at);
	json_kv_string(j, "claimed_by", o->claimed_by);
	json_kv_time(j, "claimed_at", o->claimed_at);
	json_key(j, "automatic");
	json_bool(j, o->automatic);
	if (full) {
		json_kv_string(j, "references", o->references);
		json_kv_string(j, "text", o->body);
		json_kv_string(j, "html", o->body_html);
	}
	json_object_end(j);
}

static int	ob_list_row_as(struct ob_ctx *, const struct store_outbox_row *);
static int	ob_show_row_as(struct ob_ctx *, const struct store_outbox_row *);

/* Each row through fn, a confidential complainant hidden (identity.c). */
static int
ob_hidden(struct ob_ctx *oc, const struct store_outbox_row *o,
    int (*fn)(struct ob_ctx *, const struct store_outbox_row *))
{
	struct store_outbox_row x;
	char *t[CTL_HIDE_OUTBOX];
	size_t i;
	int r;

	if ((r = ctl_hide_outbox(oc->c, o, &x, t)) == -1) {
		return -1;
	}
	r = fn(oc, &x);
	for (i = 0; i < CTL_HIDE_OUTBOX; i++) {
		free(t[i]);
	}
	return r;
}

static int
ob_list_row(void *arg, const struct store_outbox_row *o)
{
	return ob_hidden(arg, o, ob_list_row_as);
}

static int
ob_show_row(void *arg, const struct store_outbox_row *o)
{
	return ob_hidden(arg, o, ob_show_row_as);
}

static int
ob_list_row_as(struct ob_ctx *oc, const struct store_outbox_row *o)
{
	char when[32];

	oc->n++;
	if (oc->j != NULL) {
		ctl_outbox_json(oc->j, o, 0);
		return 0;
	}
	ctl_time(o->created_at, when, sizeof when);
	printf("%-6lld %-17s %-10s %-5s %-13s ", (long long)o->id, when,
	    o->status, o->channel, o->kind);
	ctl_cell(o->reference ? o->reference : "-", 17);
	ctl_cell(o->recipient, 32);
	printf("%5d  ", o->attempts);
	ctl_cell(o->last_error ? o->last_error : "", 60);
	putchar('\n');
	return 0;
}

static int
ob_list(struct ctl *c, const char *status, int limit, int json)
{
	struct ob_ctx oc;
	struct json j;
	int rc;

	memset(&oc, 0, sizeof oc);
	oc.c = c;
	if (json) {
		json_init(&j);
		json_array_begin(&j);
		oc.j = &j;
	} else {
		printf("%-6s %-17s %-10s %-5s %-13s %-17s%-32s%5s  %s\n", "ID",
		    "CREATED", "STATUS", "CH", "KIND", "CASE", "TO", "TRIES",
		    "NOTE");
	}
	rc = store_outbox_list(c->st, 0, status, limit, ob_list_row, &oc);
	if (json) {
		json_array_end(&j);
		if (rc == 0) {
			ctl_json_print(&j);
		}
		json_free(&j);
	}
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}

/* Print text indented. */
static void
ob_indented(const char *text)
{
	const char *p = text ? text : "", *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		printf("  | %.*s\n", (int)(nl ? nl - p : (long)strlen(p)), p);
		if (nl == NULL) {
			break;
		}
		p = nl + 1;
	}
}

/* Who is sending it now, and what the network reported of an SMS. */
static void
ob_show_state(const struct store_outbox_row *o)
{
	char t[32];

	if (o->claimed_by != NULL) {
		ctl_time(o->claimed_at, t, sizeof t);
		printf("Sending:      by %s since %s\n", o->claimed_by, t);
	}
	if (o->delivery != NULL) {
		ctl_time(o->delivered_at, t, sizeof t);
		printf("Delivery:     %s%s%s\n", o->delivery,
		    o->delivered_at != 0 ? " " : "",
		    o->delivered_at != 0 ? t : "");
	}
}

static int
ob_show_row_as(struct ob_ctx *oc, const struct store_outbox_row *o)
{
	char t[3][32];

	if (oc->j != NULL) {
		ctl_outbox_json(oc->j, o, 1);
		oc->n++;
		return 0;
	}
	if (oc->n++ > 0) {
		putchar('\n');
	}
	ctl_time(o->created_at, t[0], sizeof t[0]);
	ctl_time(o->sent_at, t[1], sizeof t[1]);
	ctl_time(strcmp(o->status, "queued") == 0 ? o->next_attempt_at : 0,
	    t[2], sizeof t[2]);
	printf("Outbox #%lld  [%s]\n", (long long)o->id, o->status);
	printf("Case:         %s\n", o->reference ? o->reference : "-");
	printf("Kind:         %s, to %s%s%s\n", o->kind, o->officer ?
	    "officer " : "the complainant", o->officer ? o->officer : "",
	    o->automatic ? " (automatic)" : "");
	printf("Channel:      %s\n", o->channel);
	printf("To:           %s%s%s%s\n", o->recipient_name ?
	    o->recipient_name : "", o->recipient_name ? " <" : "",
	    o->recipient, o->recipient_name ? ">" : "");
	if (o->subject != NULL && *o->subject != '\0') {
		printf("Subject:      %s\n", o->subject);
	}
	if (o->rfc_message_id != NULL) {
		printf("Message-ID:   <%s>\n", o->rfc_message_id);
	}
	if (o->in_reply_to != NULL) {
		printf("In-Reply-To:  <%s>\n", o->in_reply_to);
	}
	if (o->reply_to != NULL) {
		printf("Reply-To:     %s\n", o->reply_to);
	}
	printf("Created:      %s\nAttempts:     %d\nNext attempt: %s\n"
	    "Sent:         %s\n", t[0], o->attempts, t[2], t[1]);
	ob_show_state(o);
	printf("Last answer:  %s\nText:\n", o->last_error ? o->last_error :
	    "-");
	ob_indented(o->body);
	return 0;
}

static int
ob_parse_id(const char *s, int64_t *id)
{
	char *end;

	if (!isdigit((unsigned char)*s)) {
		return -1;
	}
	*id = strtoll(s, &end, 10);
	return *end == '\0' && *id > 0 ? 0 : -1;
}

static int
ob_show(struct ctl *c, const char *arg, int json)
{
	struct ob_ctx oc;
	struct case_brief kase;
	char ref[REF_MAX];
	struct json j;
	int64_t id;
	int r;

	memset(&oc, 0, sizeof oc);
	oc.c = c;
	if (json) {
		json_init(&j);
		oc.j = &j;
	}
	if (ob_parse_id(arg, &id) == 0) {
		r = store_outbox_get(c->st, id, ob_show_row, &oc);
	} else if (ctl_reference(c, arg, ref, sizeof ref) == -1) {
		r = -2;
	} else if ((r = store_case_by_reference(c->st, ref, &kase)) == 1) {
		if (json) {
			json_array_begin(&j);
		}
		r = store_outbox_list(c->st, kase.id, NULL, 0, ob_show_row,
		    &oc) == -1 ? -1 : 1;
		if (json) {
			json_array_end(&j);
		}
	}
	if (json && r == 1) {
		ctl_json_print(&j);
	}
	if (json) {
		json_free(&j);
	}
	if (r == 0) {
		ctl_err("no outgoing message or case '%s'", arg);
		return EX_NOINPUT;
	}
	return r == -2 ? EX_USAGE : r == -1 ? ctl_store_exit(c->st) : 0;
}

static int
ob_copy(void *arg, const struct store_outbox_row *o)
{
	struct ob_ctx *oc = arg;

	oc->case_id = o->case_id;
	snprintf(oc->status, sizeof oc->status, "%s", o->status);
	snprintf(oc->kind, sizeof oc->kind, "%s", o->kind);
	snprintf(oc->who, sizeof oc->who, "%s%s", o->officer ? "officer " :
	    "the complainant", o->officer ? o->officer : "");
	return 0;
}

/* One id: 0, or an exit code (after saying why). */
static int
ob_retry_one(struct ctl *c, int64_t id, const char *actor)
{
	struct ob_ctx oc;
	char detail[256];
	int r;

	memset(&oc, 0, sizeof oc);
	oc.c = c;
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	if ((r = store_outbox_get(c->st, id, ob_copy, &oc)) != 1) {
		store_rollback(c->st);
		if (r == 0) {
			ctl_err("no outgoing message #%lld", (long long)id);
			return EX_NOINPUT;
		}
		return ctl_store_exit(c->st);
	}
	if ((r = store_outbox_requeue(c->st, id)) == 1) {
		store_rollback(c->st);
		ctl_err("#%lld is %s: only failed, dead, suppressed or queued "
		    "messages can be sent again", (long long)id, oc.status);
		return EX_DATAERR;
	}
	snprintf(detail, sizeof detail, "%s to %s (outbox #%lld, was %s) "
	    "queued again", oc.kind, oc.who, (long long)id, oc.status);
	if (r == -1 || (oc.case_id != 0 && store_event_add(c->st, oc.case_id,
	    actor, "retry", detail) == -1) || store_commit(c->st) == -1) {
		store_rollback(c->st);
		return ctl_store_exit(c->st);
	}
	printf("#%lld queued again (was %s)\n", (long long)id, oc.status);
	return 0;
}

static int
ob_retry(struct ctl *c, int argc, char **argv)
{
	char actor[96];
	int64_t id;
	int i, r, rc = 0;

	ctl_actor(actor, sizeof actor);
	for (i = 0; i < argc; i++) {
		if (ob_parse_id(argv[i], &id) == -1) {
			ctl_err("'%s' is not an outbox id", argv[i]);
			r = EX_USAGE;
		} else {
			r = ob_retry_one(c, id, actor);
		}
		rc = rc != 0 ? rc : r;
	}
	return rc;
}

static int
ob_status_valid(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof outbox_statuses / sizeof outbox_statuses[0];
	    i++) {
		if (strcmp(s, outbox_statuses[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

/* The subcommand and its arguments are valid: 1, else 0. */
static int
ob_args_ok(const char *sub, int nargs, const char *status)
{
	if (status != NULL && !ob_status_valid(status)) {
		ctl_err("unknown status '%s'", status);
		return 0;
	}
	if (strcmp(sub, "list") == 0) {
		return nargs == 1;
	}
	if (strcmp(sub, "show") == 0) {
		return nargs == 2;
	}
	return strcmp(sub, "retry") == 0 && nargs >= 2;
}

int
cmd_outbox(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *status = NULL, *sub;
	int ch, rc, json = 0, limit = LIST_DEFAULT, nargs;
	char *end;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			status = optarg;
			break;
		case 'l':
			limit = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < 0) {
				ctl_err("--limit needs a number");
				return EX_USAGE;
			}
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			outbox_usage(stdout);
			return 0;
		default:
			outbox_usage(stderr);
			return EX_USAGE;
		}
	}
	nargs = argc - optind;
	sub = nargs > 0 ? argv[optind] : "";
	if (!ob_args_ok(sub, nargs, status)) {
		outbox_usage(stderr);
		return EX_USAGE;
	}
	rc = ctl_open(c, strcmp(sub, "retry") == 0 ? CTL_NEED_STORE :
	    CTL_NEED_STORE | CTL_READ_ONLY, 0);
	if (rc != 0) {
		return rc;
	}
	if (strcmp(sub, "list") == 0) {
		return ob_list(c, status, limit, json);
	}
	if (strcmp(sub, "show") == 0) {
		return ob_show(c, argv[optind + 1], json);
	}
	return ob_retry(c, nargs - 1, argv + optind + 1);
}
