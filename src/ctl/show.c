/*
 * show.c — `complaintctl show REF`: everything recorded about a case — its
 * fields, its history (the ISO record), the messages received and the
 * messages queued or sent — as text or JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "calendar.h"
#include "ctl.h"
#include "json.h"
#include "sla.h"

struct show_ctx {
	struct ctl	*c;
	struct json	*j;
	int		 full;
	int		 rc;
	struct calendar	*cal;		/* NULL: no working time shown */
	int		 reveal;	/* --reveal: recorded, allowed */
	struct ctl_hidden h;		/* the case as shown (identity.c) */
};

static void
show_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl show REFERENCE [--full] [--json] "
	    "[--reveal [--as OFFICER]]\n"
	    "       complaintctl show REFERENCE --raw ID "
	    "[--reveal [--as OFFICER]]\n\n"
	    "  --full   message texts with the quoted history they carried\n"
	    "  --json   one JSON object: case, events, messages, drafts, outbox\n"
	    "  --reveal a confidential complainant's name, address and "
	    "number\n           (officers in confidential.viewers only; "
	    "recorded in the\n           case's history first)\n"
	    "  --raw    message ID of the case as it arrived (the bytes of "
	    "the mail or\n           SMS text), on standard output; of a "
	    "confidential case only\n           with --reveal\n");
}

/* Print text indented, each line prefixed. */
static void
show_indented(const char *text, const char *prefix)
{
	const char *p = text ? text : "", *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		printf("%s%.*s\n", prefix, (int)(nl ? nl - p : (long)strlen(p)),
		    p);
		if (nl == NULL) {
			break;
		}
		p = nl + 1;
	}
}

static int
show_event(void *arg, const struct store_event_row *e)
{
	struct show_ctx *sc = arg;
	char when[32], *detail = ctl_hide_text(&sc->h, e->detail);

	if (sc->j != NULL) {
		json_object_begin(sc->j);
		json_kv_time(sc->j, "at", e->at);
		json_kv_string(sc->j, "actor", e->actor);
		json_kv_string(sc->j, "kind", e->kind);
		json_kv_string(sc->j, "detail", detail);
		json_object_end(sc->j);
	} else {
		ctl_time(e->at, when, sizeof when);
		printf("  %s  %-22s %-16s %s\n", when, e->actor, e->kind,
		    detail ? detail : "");
	}
	free(detail);
	return 0;
}

static int
show_attachment(void *arg, const struct store_attachment_row *a)
{
	struct show_ctx *sc = arg;
	/* a file's name may be the complainant's ("KTP_Budi.jpg") */
	char *name = ctl_hide_text(&sc->h, a->filename);

	if (sc->j != NULL) {
		json_object_begin(sc->j);
		json_kv_int(sc->j, "id", a->id);
		json_kv_string(sc->j, "filename", name);
		json_kv_string(sc->j, "content_type", a->content_type);
		json_kv_int(sc->j, "size", (int64_t)a->size);
		json_kv_string(sc->j, "sha256", a->sha256);
		json_object_end(sc->j);
	} else {
		printf("       attachment #%lld: %s (%s, %zu bytes)\n",
		    (long long)a->id, name, a->content_type, a->size);
	}
	free(name);
	return 0;
}

static int	show_message_as(struct show_ctx *,
		    const struct store_message_row *);

/* A message of a confidential case: the identity out of what it says. */
static int
show_message(void *arg, const struct store_message_row *m)
{
	struct show_ctx *sc = arg;
	struct store_message_row x = *m;
	char *t[7];
	size_t i;
	int r;

	if (!sc->h.on) {
		return show_message_as(sc, m);
	}
	x.sender = t[0] = ctl_hide_text(&sc->h, m->sender);
	x.sender_raw = t[1] = ctl_hide_text(&sc->h, m->sender_raw);
	x.sender_name = t[2] = ctl_hide_text(&sc->h, m->sender_name);
	x.recipients = t[3] = ctl_hide_text(&sc->h, m->recipients);
	x.subject = t[4] = ctl_hide_text(&sc->h, m->subject);
	x.body = t[5] = ctl_hide_text(&sc->h, m->body);
	x.full_body = t[6] = ctl_hide_text(&sc->h, m->full_body);
	r = show_message_as(sc, &x);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		free(t[i]);
	}
	return r;
}

static int
show_message_as(struct show_ctx *sc, const struct store_message_row *m)
{
	char when[32];

	if (sc->j != NULL) {
		json_object_begin(sc->j);
		json_kv_int(sc->j, "id", m->id);
		json_kv_string(sc->j, "kind", m->kind);
		json_kv_string(sc->j, "channel", m->channel);
		json_kv_string(sc->j, "source", m->source);
		json_kv_string(sc->j, "message_id", m->external_id);
		json_kv_string(sc->j, "from", m->sender);
		json_kv_string(sc->j, "from_as_received", m->sender_raw);
		json_kv_string(sc->j, "from_name", m->sender_name);
		json_kv_string(sc->j, "to", m->recipients);
		json_kv_string(sc->j, "subject", m->subject);
		json_kv_string(sc->j, "in_reply_to", m->in_reply_to);
		json_kv_time(sc->j, "date", m->date);
		json_kv_time(sc->j, "received_at", m->received_at);
		json_kv_int(sc->j, "flags", m->flags);
		json_kv_string(sc->j, "text", m->body);
		json_kv_string(sc->j, "full_text", m->full_body);
		json_key(sc->j, "attachments");
		json_array_begin(sc->j);
	} else {
		ctl_time(m->received_at, when, sizeof when);
		printf("  #%-4lld %s  %-15s from %s%s%s%s\n", (long long)m->id,
		    when, m->kind, m->sender_name ? m->sender_name : "",
		    m->sender_name ? " <" : "", m->sender ? m->sender : "?",
		    m->sender_name ? ">" : "");
		if (m->sender_raw != NULL) {
			printf("         as received: %s\n", m->sender_raw);
		}
		if (m->subject != NULL && *m->subject != '\0') {
			printf("         subject: %s\n", m->subject);
		}
		show_indented(sc->full ? m->full_body : m->body, "       | ");
	}
	if (m->nattachments > 0 && store_attachment_list(sc->c->st, m->id,
	    show_attachment, sc) == -1) {
		sc->rc = -1;
	}
	if (sc->j != NULL) {
		json_array_end(sc->j);
		json_object_end(sc->j);
	}
	return 0;
}

static int	show_outbox_as(struct show_ctx *,
		    const struct store_outbox_row *);

/* A mail of a confidential case: the identity out of its address and
 * text (officers' rows too: they quote the complaint). */
static int
show_outbox(void *arg, const struct store_outbox_row *o)
{
	struct show_ctx *sc = arg;
	struct store_outbox_row x = *o;
	char *t[5];
	size_t i;
	int r;

	if (!sc->h.on) {
		return show_outbox_as(sc, o);
	}
	x.recipient = t[0] = ctl_hide_text(&sc->h, o->recipient);
	x.recipient_name = t[1] = ctl_hide_text(&sc->h, o->recipient_name);
	x.subject = t[2] = ctl_hide_text(&sc->h, o->subject);
	x.body = t[3] = ctl_hide_text(&sc->h, o->body);
	x.body_html = t[4] = ctl_hide_text(&sc->h, o->body_html);
	r = show_outbox_as(sc, &x);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		free(t[i]);
	}
	return r;
}

static int
show_outbox_as(struct show_ctx *sc, const struct store_outbox_row *o)
{
	char when[32], sent[32];

	if (sc->j != NULL) {
		ctl_outbox_json(sc->j, o, 1);
		return 0;
	}
	ctl_time(o->created_at, when, sizeof when);
	ctl_time(o->sent_at, sent, sizeof sent);
	printf("  #%-4lld %s  %-10s %-5s %-13s to %s%s%s%s\n",
	    (long long)o->id, when, o->status, o->channel, o->kind,
	    o->recipient, o->officer ? " (" : "", o->officer ? o->officer : "",
	    o->officer ? ")" : "");
	if (o->subject && *o->subject) {
		printf("         subject: %s\n", o->subject);
	}
	if (o->sent_at != 0) {
		printf("         sent: %s\n", sent);
	}
	if (o->last_error != NULL) {
		printf("         note: %s\n", o->last_error);
	}
	return 0;
}

/* "2026-12-07 15:00 WIB (3 h 20 min of working time left)", "... (met
 * 2026-12-01 09:12)", "-". */
static void
show_due(const struct show_ctx *sc, time_t due, time_t met,
    const char *how, int running, char *out, size_t len)
{
	char when[32], state[128] = "", at[96];

	if (due == 0) {
		snprintf(out, len, "-");
		return;
	}
	calendar_format_local(due, when, sizeof when);
	if (met != 0) {
		ctl_time(met, at, sizeof at);
		snprintf(state, sizeof state, " (%s %s)", how, at);
	} else if (running && sc->cal != NULL) {
		sla_format_left(sc->cal, due, time(NULL), "en", at,
		    sizeof at);
		snprintf(state, sizeof state, " (%s)", at);
	}
	snprintf(out, len, "%s%s", when, state);
}

/* The procedure clock's lines. */
static void
show_clock(const struct show_ctx *sc, const struct store_case_row *r)
{
	int open = case_status_open(r->status) && r->paused_at == 0;
	char line[192], when[32];

	show_due(sc, r->response_due_at, r->first_response_at, "met", open,
	    line, sizeof line);
	printf("Response due:   %s\n", line);
	show_due(sc, r->resolve_due_at, r->resolved_at, "answered", open,
	    line, sizeof line);
	printf("Resolution due: %s\n", line);
	if (r->paused_at != 0 && case_status_open(r->status)) {
		calendar_format_local(r->paused_at, when, sizeof when);
		printf("Clock:          stopped, waiting on the complainant "
		    "since %s\n", when);
	}
	if (r->next_action_at != 0) {
		calendar_format_local(r->next_action_at, when, sizeof when);
		printf("Next action:    %s at %s\n", r->next_action ?
		    r->next_action : "?", when);
	}
}

static void
show_fields(const struct show_ctx *sc, const struct store_case_row *r)
{
	char t[7][32];

	ctl_time(r->received_at, t[0], sizeof t[0]);
	ctl_time(r->acknowledged_at, t[1], sizeof t[1]);
	ctl_time(r->first_response_at, t[2], sizeof t[2]);
	ctl_time(r->resolved_at, t[4], sizeof t[4]);
	ctl_time(r->closed_at, t[5], sizeof t[5]);
	printf("%s  [%s]  %s\n", r->reference, r->status, r->category);
	printf("Subject:        %s\n", r->subject);
	printf("Complainant:    %s%s%s%s%s\n", r->party_name ? r->party_name :
	    "", r->party_name ? " " : "", r->party_email ? r->party_email : "",
	    r->party_email && r->party_phone ? ", " : "",
	    r->party_phone ? r->party_phone : "");
	printf("Channel:        %s (%s)\n", r->channel, r->source);
	printf("Officers:       %s\n", r->officers ? r->officers : "-");
	printf("Received:       %s\n", t[0]);
	printf("Acknowledged:   %s\n", t[1]);
	printf("First response: %s\n", t[2]);
	show_clock(sc, r);
	printf("Resolved:       %s\n", t[4]);
	printf("Closed:         %s\n", t[5]);
	printf("Escalation:     %d\n", r->escalation_level);
	printf("Satisfaction:   %s\n", r->satisfaction ? r->satisfaction : "-");
	printf("Priority:       %s%s\n", r->priority > 0 ? "high" :
	    r->priority < 0 ? "low" : "normal", r->confidential ?
	    ", confidential" : "");
	if (r->merged_into != NULL) {
		printf("Merged into:    %s\n", r->merged_into);
	}
	if (r->resolution != NULL) {
		printf("Resolution:\n");
		show_indented(r->resolution, "  | ");
	}
}

static int	show_case_as(struct show_ctx *,
		    const struct store_case_row *);

static int
show_case(void *arg, const struct store_case_row *r)
{
	struct show_ctx *sc = arg;
	int rc;

	ctl_hide_case(sc->c, r, sc->reveal, &sc->h);
	rc = show_case_as(sc, &sc->h.row);
	ctl_hidden_free(&sc->h);
	return rc;
}

static int
show_case_as(struct show_ctx *sc, const struct store_case_row *r)
{
	struct store *st = sc->c->st;

	if (sc->j != NULL) {
		json_object_begin(sc->j);
		json_key(sc->j, "case");
		ctl_case_json(sc->j, r);
		json_key(sc->j, "events");
		json_array_begin(sc->j);
	} else {
		show_fields(sc, r);
		printf("\nHistory:\n");
	}
	if (store_event_list(st, r->id, show_event, sc) == -1) {
		sc->rc = -1;
	}
	if (sc->j != NULL) {
		json_array_end(sc->j);
	}
	if (ctl_cpar_of_case(sc->c, sc->j, r->id) == -1) {
		sc->rc = -1;
	}
	if (sc->j != NULL) {
		json_key(sc->j, "messages");
		json_array_begin(sc->j);
	} else {
		printf("\nMessages received:\n");
	}
	if (store_message_list(st, r->id, 0, show_message, sc) == -1) {
		sc->rc = -1;
	}
	if (sc->j != NULL) {
		json_array_end(sc->j);
	}
	if (ctl_show_drafts(st, r->id, sc->j, &sc->h) == -1) {
		sc->rc = -1;
	}
	if (sc->j != NULL) {
		json_key(sc->j, "outbox");
		json_array_begin(sc->j);
	} else {
		printf("\nMessages to send / sent:\n");
	}
	if (store_outbox_list(st, r->id, NULL, 0, show_outbox, sc) == -1) {
		sc->rc = -1;
	}
	if (sc->j != NULL) {
		json_array_end(sc->j);
		json_object_end(sc->j);
	}
	return 0;
}

static void
show_raw_write(void *arg, const char *filename, const char *type,
    const void *data, size_t len)
{
	int *failed = arg;

	(void)filename;
	(void)type;
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		*failed = 1;
	}
}

/* --raw ID: a message of the case as it arrived.  Its bytes name the
 * complainant: of a confidential case only after --reveal (recorded). */
static int
show_raw(struct ctl *c, const char *ref, int64_t id, int revealed)
{
	struct case_brief b;
	int failed = 0, r;

	if ((r = store_case_by_reference(c->st, ref, &b)) != 1) {
		if (r == 0) {
			ctl_err("no case %s", ref);
		}
		return r == 0 ? EX_NOINPUT : ctl_store_exit(c->st);
	}
	if (b.confidential && !revealed) {
		ctl_err("%s is confidential and a message's bytes name the "
		    "complainant: --raw needs --reveal", ref);
		return EX_NOPERM;
	}
	r = store_message_raw(c->st, b.id, id, show_raw_write, &failed);
	if (r == 0) {
		ctl_err("%s has no message #%lld as received", ref,
		    (long long)id);
		return EX_NOINPUT;
	}
	if (r == -1) {
		return ctl_store_exit(c->st);
	}
	if (failed) {
		ctl_err("writing the message failed");
		return EX_IOERR;
	}
	return 0;
}

int
cmd_show(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "full", no_argument, NULL, 'f' },
		{ "reveal", no_argument, NULL, 'r' },
		{ "as", required_argument, NULL, 'a' },
		{ "raw", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct show_ctx sc;
	struct json j;
	char ref[REF_MAX], err[256];
	const char *as = NULL;
	char *end;
	long long raw = 0;
	int ch, rc, json = 0;

	memset(&sc, 0, sizeof sc);
	sc.c = c;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'f':
			sc.full = 1;
			break;
		case 'r':
			sc.reveal = 1;
			break;
		case 'a':
			as = optarg;
			break;
		case 'R':
			if ((raw = strtoll(optarg, &end, 10)) <= 0 ||
			    *end != '\0') {
				show_usage(stderr);
				return EX_USAGE;
			}
			break;
		case 'h':
			show_usage(stdout);
			return 0;
		default:
			show_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind + 1 != argc || (as != NULL && !sc.reveal) ||
	    (raw > 0 && (json || sc.full))) {
		show_usage(stderr);
		return EX_USAGE;
	}
	/* the look is recorded: --reveal writes */
	if ((rc = ctl_open(c, CTL_NEED_STORE | (sc.reveal ? 0 :
	    CTL_READ_ONLY), 0)) != 0) {
		return rc;
	}
	if (ctl_reference(c, argv[optind], ref, sizeof ref) == -1) {
		return EX_USAGE;
	}
	if (sc.reveal && (rc = ctl_reveal(c, as, ref)) != 0) {
		return rc;
	}
	if (raw > 0) {
		return show_raw(c, ref, raw, sc.reveal);
	}
	if (json) {
		json_init(&j);
		sc.j = &j;
	}
	sc.cal = sla_calendar_new(c->cf, err, sizeof err);
	rc = store_case_get(c->st, ref, show_case, &sc);
	calendar_free(sc.cal);
	if (rc == 1 && sc.rc == 0 && json) {
		ctl_json_print(&j);
	}
	if (json) {
		json_free(&j);
	}
	if (rc == 0) {
		ctl_err("no case %s", ref);
		return EX_NOINPUT;
	}
	return rc == -1 || sc.rc == -1 ? ctl_store_exit(c->st) : 0;
}
