/*
 * pipeline.c — the channel-neutral core of intake: one inbound message of
 * any channel (struct pipeline_msg, pipeline_priv.h), end to end inside
 * the caller's transaction (see pipeline.h).  The email and SMS front ends
 * (pipeline_email.c, pipeline_sms.c) hand their messages here.
 *
 * The order matters for exactly-once: deduplication is checked inside the
 * same transaction that records the message, so two processes offered the
 * same mail (IMAP and the MTA pipe, or a retry after a crash) cannot both
 * record it — BEGIN IMMEDIATE serialises them and the second one sees the
 * first one's row.  Attachments are stored in the same transaction, by
 * content.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework.h"
#include "log.h"
#include "pipeline.h"
#include "pipeline_priv.h"
#include "tmpl.h"
#include "xmalloc.h"

/* One message on its way through. */
struct inbound {
	struct pipeline			*p;
	const char			*source;
	const struct pipeline_msg	*msg;
	const char			*text;		/* the new text */
	struct intake_decision		 d;
	int64_t				 message_id;
	time_t				 now;
	struct pipeline_result		*res;
};

int
pipeline_new(const struct conf *cf, struct store *st, struct pipeline **out,
    char *err, size_t errlen)
{
	struct pipeline *p;
	const char *langs[8];
	size_t n;

	*out = NULL;
	p = xcalloc(1, sizeof *p);
	n = conf_languages(cf, langs, 8);
	if (tmplset_load(cf->templates_dir, langs, n, &p->ts, err, errlen)
	    == -1) {
		free(p);
		return -1;
	}
	p->cf = cf;
	p->st = st;
	p->cw.cf = cf;
	p->cw.st = st;
	p->cw.ts = p->ts;
	*out = p;
	return 0;
}

void
pipeline_free(struct pipeline *p)
{
	if (p == NULL) {
		return;
	}
	tmplset_free(p->ts);
	free(p);
}

const struct casework *
pipeline_casework(const struct pipeline *p)
{
	return &p->cw;
}

/* ---- intake lookups over the store ---- */

static int
lk_reference(void *ctx, const char *ref, struct case_brief *c)
{
	return store_case_by_reference(ctx, ref, c);
}

static int
lk_token(void *ctx, const char *token, struct case_brief *c)
{
	return store_case_by_token(ctx, token, c);
}

static int
lk_msgid(void *ctx, const char *msgid, struct case_brief *c, char *officer)
{
	int64_t oid, cid;
	int r;

	officer[0] = '\0';
	r = store_outbox_by_msgid(ctx, msgid, &oid, &cid, officer, 64);
	if (r == 1 && cid != 0) {
		return store_case_by_id(ctx, cid, c);
	}
	if (r == -1) {
		return -1;
	}
	officer[0] = '\0';
	return store_case_by_msgid(ctx, msgid, c);
}

static int
lk_awaiting(void *ctx, const char *sender, struct case_brief *c)
{
	return store_case_awaiting_feedback(ctx, sender, c);
}

static void
pipeline_lookup(struct pipeline *p, struct intake_lookup *lk)
{
	lk->ctx = p->st;
	lk->by_reference = lk_reference;
	lk->by_token = lk_token;
	lk->by_msgid = lk_msgid;
	lk->awaiting_feedback = lk_awaiting;
}

/* ---- recording ---- */

static int
pipeline_fail(struct inbound *in)
{
	return pipeline_store_fail(in->p, in->res);
}

int
pipeline_quarantine(struct pipeline *p, const char *source, const char *item,
    const char *reason, const char *raw, size_t len,
    struct pipeline_result *res)
{
	char detail[512];

	memset(res, 0, sizeof *res);
	res->status = PIPE_QUARANTINED;
	snprintf(res->why, sizeof res->why, "%s", reason);
	if (store_quarantine_add(p->st, source, item, reason, raw, len,
	    &res->quarantine_id) == -1) {
		res->temporary = 1;
		return -1;
	}
	snprintf(detail, sizeof detail, "quarantine #%lld from %s%s%s: %s",
	    (long long)res->quarantine_id, source, item && *item ? " " : "",
	    item ? item : "", reason);
	if (store_event_add(p->st, 0, "system", "quarantined", detail) == -1) {
		res->temporary = 1;
		return -1;
	}
	return 0;
}

/* Tell an officer why their command did nothing. */
static int
pipeline_officer_error(struct inbound *in, const char *reason)
{
	struct tmpl_var extra[] = { { "reason", reason } };

	if (store_event_add(in->p->st, in->d.kase.id, "system",
	    "command_failed", reason) == -1) {
		return -1;
	}
	return casework_to_officer(&in->p->cw, &in->d.kase, in->d.officer,
	    "officer-error", 1, extra, 1);
}

static int
pipeline_command(struct inbound *in)
{
	const struct casework *cw = &in->p->cw;
	const struct case_brief *c = &in->d.kase;
	const struct conf_officer *o;
	const char *text = in->d.cmd_text ? in->d.cmd_text : "";
	char actor[96], word[64];

	snprintf(actor, sizeof actor, "officer:%s", in->d.officer->id);
	switch (in->d.cmd) {
	case INTAKE_CMD_RESOLVE:
	case INTAKE_CMD_REJECT:
		if (*text == '\0') {
			return pipeline_officer_error(in, "the command needs "
			    "the text for the complainant after it");
		}
		return in->d.cmd == INTAKE_CMD_RESOLVE ?
		    casework_resolve(cw, c, text, actor, in->message_id) :
		    casework_reject(cw, c, text, actor, in->message_id);
	case INTAKE_CMD_ASSIGN:
		if (sscanf(text, "%63s", word) != 1 ||
		    (o = conf_officer_by_id(in->p->cf, word)) == NULL) {
			return pipeline_officer_error(in, "assign needs the id "
			    "of a configured officer");
		}
		return casework_assign(cw, c, o, actor);
	case INTAKE_CMD_NOTE:
		return casework_note(cw, c, text, actor);
	case INTAKE_CMD_PROGRESS:
		return casework_progress(cw, c, text, actor);
	default:
		return pipeline_officer_error(in, "unknown command");
	}
}

/* What a message recorded on an existing case asks for. */
static int
pipeline_case_step(struct inbound *in)
{
	const struct casework *cw = &in->p->cw;
	struct intake_decision *d = &in->d;
	struct tmpl_var extra[] = { { "text", in->text } };
	char actor[96];

	snprintf(in->res->reference, sizeof in->res->reference, "%s",
	    d->kase.reference);
	in->res->case_id = d->kase.id;
	snprintf(actor, sizeof actor, "officer:%s",
	    d->officer ? d->officer->id : "");
	switch (d->kind) {
	case INTAKE_FOLLOWUP:
		if (store_event_add(in->p->st, d->kase.id, "complainant",
		    "followup", "the complainant wrote again") == -1) {
			return -1;
		}
		return casework_to_assigned(cw, &d->kase, "followup", extra, 1);
	case INTAKE_FEEDBACK:
		return casework_feedback(cw, &d->kase, d->feedback,
		    in->text, in->message_id);
	case INTAKE_OFFICER_REPLY:
		if (in->text[0] == '\0') {
			return pipeline_officer_error(in, "the reply was "
			    "empty: nothing was sent to the complainant");
		}
		return casework_resolve(cw, &d->kase, in->text, actor,
		    in->message_id);
	case INTAKE_OFFICER_COMMAND:
		return pipeline_command(in);
	case INTAKE_OFFICER_NOTE:
		return store_event_add(in->p->st, d->kase.id, actor, "note",
		    d->why);
	default:
		return store_event_add(in->p->st, d->kase.id, "system",
		    intake_kind_name(d->kind), d->why);
	}
}

static int
pipeline_on_case(struct inbound *in)
{
	if (pipeline_record(in->p, in->msg, in->d.kase.id, in->d.kind,
	    &in->message_id, in->res) == -1) {
		return -1;
	}
	return pipeline_case_step(in);
}

int
pipeline_store_fail(struct pipeline *p, struct pipeline_result *res)
{
	res->temporary = store_temporary(p->st);
	return -1;
}

int
pipeline_record(struct pipeline *p, const struct pipeline_msg *msg,
    int64_t case_id, enum intake_kind kind, int64_t *message_id,
    struct pipeline_result *res)
{
	struct store_message_new sm = msg->rec;

	sm.case_id = case_id;
	sm.kind = intake_kind_name(kind);
	if (store_message_add(p->st, &sm, message_id) == -1) {
		return -1;
	}
	res->message_id = *message_id;
	if (msg->incomplete == NULL) {
		return 0;
	}
	return store_event_add(p->st, case_id, "system", "incomplete",
	    res->why);
}

/* Everything a new case needs from the message, for casework_open(). */
static int
pipeline_new_case(struct inbound *in)
{
	const struct pipeline_msg *msg = in->msg;
	struct store_message_new sm = msg->rec;
	struct casework_opening o;
	struct casework_opened out;
	char how[160];

	snprintf(how, sizeof how, "received by %s (%s)", msg->channel_label,
	    in->source);
	sm.kind = intake_kind_name(in->d.kind);
	memset(&o, 0, sizeof o);
	o.channel = msg->in.channel;
	o.source = in->source;
	o.actor = "complainant";
	o.how = how;
	o.email = strcmp(msg->in.channel, "email") == 0 ? msg->in.sender :
	    NULL;
	o.phone = strcmp(msg->in.channel, "sms") == 0 ? msg->in.sender : NULL;
	o.name = msg->name;
	o.subject = msg->case_subject;
	o.text = msg->in.text;
	o.sender = msg->in.sender;
	o.received = in->now;
	o.acknowledge = in->d.autoreply;
	o.no_ack_why = "no automatic acknowledgement: list or bulk mail";
	o.reply_id = msg->reply_id;
	o.reply_refs = msg->reply_refs;
	o.msg = &sm;
	o.incomplete = msg->incomplete ? in->res->why : NULL;
	if (casework_open(&in->p->cw, &o, &out) == -1) {
		return pipeline_fail(in);
	}
	in->message_id = in->res->message_id = out.message_id;
	snprintf(in->res->reference, sizeof in->res->reference, "%s",
	    out.c.reference);
	in->res->case_id = out.c.id;
	return 0;
}

static int
pipeline_decide(struct inbound *in)
{
	struct intake_lookup lk;

	pipeline_lookup(in->p, &lk);
	return intake_decide(in->p->cf, &in->msg->in, &lk, &in->d);
}

static int
pipeline_act(struct inbound *in)
{
	struct pipeline_result *res = in->res;
	int r;

	res->kind = in->d.kind;
	snprintf(res->why, sizeof res->why, "%s", in->d.why);
	if (in->msg->incomplete != NULL) {
		snprintf(res->why + strlen(res->why), sizeof res->why -
		    strlen(res->why), "; %s", in->msg->incomplete);
	}
	switch (in->d.kind) {
	case INTAKE_NEW_CASE:
		return pipeline_new_case(in);
	case INTAKE_BOUNCE:
		if (in->msg->bounce != NULL) {
			return in->msg->bounce(in->p, in->msg, res);
		}
		/* FALLTHROUGH */
	case INTAKE_UNFILED:
	case INTAKE_AUTOMATIC:
		if (in->d.kase.id != 0) {
			break;
		}
		if (pipeline_record(in->p, in->msg, 0, in->d.kind,
		    &in->message_id, res) == -1) {
			return pipeline_fail(in);
		}
		r = store_event_add(in->p->st, 0, "system",
		    intake_kind_name(in->d.kind), in->d.why);
		return r == -1 ? pipeline_fail(in) : 0;
	default:
		break;
	}
	return pipeline_on_case(in) == -1 ? pipeline_fail(in) : 0;
}

/* Not content at all (binary, empty): kept, never acted on. */
static void
pipeline_not_content(struct inbound *in)
{
	in->d.kind = INTAKE_AUTOMATIC;
	snprintf(in->d.why, sizeof in->d.why, "%s", in->msg->not_content);
}

int
pipeline_take(struct pipeline *p, const struct pipeline_msg *msg,
    struct pipeline_result *res)
{
	const struct store_message_new *rec = &msg->rec;
	struct inbound in;
	int r, rc = -1;

	memset(res, 0, sizeof *res);
	memset(&in, 0, sizeof in);
	in.p = p;
	in.source = rec->source;
	in.msg = msg;
	in.text = msg->in.text ? msg->in.text : "";
	in.res = res;
	in.now = rec->received ? rec->received : time(NULL);
	/* without an id of its own the bytes themselves are the identity */
	r = store_message_seen(p->st, rec->external_id, rec->external_id ?
	    NULL : rec->content_hash, &res->message_id);
	if (r == 1) {
		res->status = PIPE_DUPLICATE;
		snprintf(res->why, sizeof res->why, "already recorded as "
		    "message #%lld", (long long)res->message_id);
		return 0;
	}
	if (r == 0 && msg->not_content != NULL) {
		pipeline_not_content(&in);
	} else if (r == -1 || pipeline_decide(&in) == -1) {
		rc = pipeline_fail(&in);
		goto out;
	}
	res->status = PIPE_RECORDED;
	rc = pipeline_act(&in);
out:
	intake_decision_free(&in.d);
	return rc;
}
