/*
 * pipeline.c — inbound email, end to end inside the caller's transaction
 * (see pipeline.h).
 *
 * The order matters for exactly-once: deduplication is checked inside the
 * same transaction that records the message, so two processes offered the
 * same mail (IMAP and the MTA pipe, or a retry after a crash) cannot both
 * record it — BEGIN IMMEDIATE serialises them and the second one sees the
 * first one's row.  Attachments are stored in the same transaction, by
 * content.  A Message-ID is a claim: a repeated one is the same message
 * only when what the message says is the same (pipeline_seen()).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "attlist.h"
#include "authres.h"
#include "buf.h"
#include "casework.h"
#include "log.h"
#include "mime.h"
#include "pipeline.h"
#include "pipeline_priv.h"
#include "rnd.h"
#include "route.h"
#include "text.h"
#include "tmpl.h"
#include "xmalloc.h"

#define SUMMARY_CHARS	300

struct pipeline {
	const struct conf	*cf;
	struct store		*st;
	struct tmplset		*ts;
	struct calendar		*cal;
	struct casework		 cw;
};

/* One message on its way through. */
struct inbound {
	struct pipeline		*p;
	const char		*source;
	const char		*raw;
	size_t			 len;
	char			 hash[65];	/* mime_content_hash() */
	char			*extid;		/* the id it is recorded
						   under, when its
						   Message-ID was taken */
	int64_t			 reused;	/* ... by this message */
	struct mime_msg		*m;
	const char		*text;		/* the new text (any channel) */
	struct intake_decision	 d;
	char			 auth_why[128];	/* authres's verdict */
	int64_t			 message_id;
	time_t			 now;
	struct pipeline_result	*res;
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
	if ((p->cal = sla_calendar_new(cf, err, errlen)) == NULL) {
		tmplset_free(p->ts);
		free(p);
		return -1;
	}
	p->cf = cf;
	p->st = st;
	p->cw.cf = cf;
	p->cw.st = st;
	p->cw.ts = p->ts;
	p->cw.cal = p->cal;
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
	calendar_free(p->cal);
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

/* Only our own Message-IDs are keys: a Message-ID a sender chose (an
 * officer's note under a forged address, say) never names a case. */
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
	officer[0] = '\0';
	return r == -1 ? -1 : 0;
}

static int
lk_awaiting(void *ctx, const char *sender, struct case_brief *c)
{
	return store_case_awaiting_feedback(ctx, sender, c);
}

static int
lk_sent(void *ctx, const char *msgid, struct case_brief *c,
    struct intake_sent *s)
{
	struct store_sent ss;
	int r;

	memset(c, 0, sizeof *c);
	r = store_outbox_sent(ctx, msgid, &ss);
	if (r != 1 || ss.case_id == 0) {
		return r == -1 ? -1 : 0;
	}
	snprintf(s->recipient, sizeof s->recipient, "%s", ss.recipient);
	snprintf(s->officer, sizeof s->officer, "%s", ss.officer);
	snprintf(s->kind, sizeof s->kind, "%s", ss.kind);
	return store_case_by_id(ctx, ss.case_id, c);
}

static int
lk_received(void *ctx, const char *msgid, struct case_brief *c, char *sender)
{
	int64_t cid;
	int r;

	r = store_message_sender(ctx, msgid, &cid, sender, 256);
	if (r != 1) {
		return r;
	}
	return store_case_by_id(ctx, cid, c);
}

static int
lk_secret(void *ctx, const char *secret, struct case_brief *c)
{
	return store_case_by_secret(ctx, secret, c);
}

void
pipeline_lookup(struct pipeline *p, struct intake_lookup *lk)
{
	lk->ctx = p->st;
	lk->by_reference = lk_reference;
	lk->by_token = lk_token;
	lk->by_msgid = lk_msgid;
	lk->awaiting_feedback = lk_awaiting;
	lk->sent = lk_sent;
	lk->received = lk_received;
	lk->by_secret = lk_secret;
}

/* ---- recording ---- */

static int
pipeline_fail(struct inbound *in)
{
	return pipeline_store_fail(in->p, in->res);
}

/* The row and its event; total > len: only a prefix of the message. */
static int
pipeline_quarantine_row(struct pipeline *p, const char *source,
    const char *item, const char *reason, const char *raw, size_t len,
    size_t total, struct pipeline_result *res)
{
	char detail[512];

	memset(res, 0, sizeof *res);
	res->status = PIPE_QUARANTINED;
	snprintf(res->why, sizeof res->why, "%s", reason);
	if (store_quarantine_add_part(p->st, source, item, reason, raw, len,
	    total, &res->quarantine_id) == -1) {
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

int
pipeline_quarantine(struct pipeline *p, const char *source, const char *item,
    const char *reason, const char *raw, size_t len,
    struct pipeline_result *res)
{
	return pipeline_quarantine_row(p, source, item, reason, raw, len, 0,
	    res);
}

int
pipeline_quarantine_oversize(struct pipeline *p, const char *source,
    const char *item, const char *raw, size_t len, size_t total,
    struct pipeline_result *res)
{
	char reason[320];
	size_t keep = len < PIPELINE_PREFIX ? len : PIPELINE_PREFIX;

	snprintf(reason, sizeof reason, "message of %zu bytes exceeds "
	    "max_message_size (%zu); only its first %zu bytes are kept", total,
	    p->cf->limits.max_message_size, keep);
	return pipeline_quarantine_row(p, source, item, reason, raw, keep,
	    total, res);
}

static char *
pipeline_join(const char *const *v, size_t n, const char *sep)
{
	struct buf b;
	size_t i;

	if (n == 0) {
		return NULL;
	}
	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (i > 0) {
			buf_adds(&b, sep);
		}
		buf_adds(&b, v[i]);
	}
	return buf_steal(&b);
}

/* The recipients as one list: To/Cc addresses then Delivered-To & co. */
static const char **
pipeline_recipients(const struct mime_msg *m, size_t *n)
{
	const char **v;
	size_t i;

	v = xcalloc(m->nto + m->ndelivered_to + 1, sizeof *v);
	*n = 0;
	for (i = 0; i < m->nto; i++) {
		if (m->to[i].addr != NULL) {
			v[(*n)++] = m->to[i].addr;
		}
	}
	for (i = 0; i < m->ndelivered_to; i++) {
		v[(*n)++] = m->delivered_to[i];
	}
	return v;
}

/* The attachments for the store, each named by the SHA-256 of its bytes
 * (hashes[i] holds room for the hex). */
static void
pipeline_attachments(const struct mime_msg *m, struct store_attachment_new *att,
    char (*hashes)[65])
{
	size_t i;

	for (i = 0; i < m->natt; i++) {
		memcpy(hashes[i], m->att[i].sha256, sizeof hashes[i]);
		att[i].filename = m->att[i].filename;
		att[i].content_type = m->att[i].content_type;
		att[i].size = m->att[i].size;
		att[i].sha256 = hashes[i];
		att[i].data = m->att[i].data;
	}
}

static int
pipeline_record_message(struct inbound *in, int64_t case_id)
{
	const struct mime_msg *m = in->m;
	struct store_message_new sm;
	struct store_attachment_new *att;
	const char **rcpt;
	char *recipients, *refs, (*hashes)[65];
	size_t nrcpt;
	int rc = -1;

	att = xcalloc(m->natt + 1, sizeof *att);
	hashes = xcalloc(m->natt + 1, sizeof *hashes);
	rcpt = pipeline_recipients(m, &nrcpt);
	recipients = pipeline_join(rcpt, nrcpt, ", ");
	refs = pipeline_join((const char *const *)m->references,
	    m->nreferences, " ");
	pipeline_attachments(m, att, hashes);
	memset(&sm, 0, sizeof sm);
	sm.case_id = case_id;
	sm.channel = "email";
	sm.source = in->source;
	sm.kind = intake_kind_name(in->d.kind);
	sm.external_id = in->extid != NULL ? in->extid : m->message_id;
	sm.content_hash = in->hash;
	sm.sender = m->from.addr;
	sm.sender_name = m->from.name;
	sm.recipients = recipients;
	sm.subject = m->subject;
	sm.in_reply_to = m->in_reply_to;
	sm.references = refs;
	sm.date = m->date;
	sm.received = in->now;
	sm.flags = m->flags;
	sm.body = m->new_text;
	sm.full_body = m->text;
	sm.raw = in->raw;
	sm.rawlen = in->len;
	sm.att = att;
	sm.natt = m->natt;
	if (store_message_add(in->p->st, &sm, &in->message_id) == -1) {
		pipeline_fail(in);
		goto out;
	}
	in->res->message_id = in->message_id;
	rc = 0;
out:
	free(att);
	free(hashes);
	free(rcpt);
	free(recipients);
	free(refs);
	return rc;
}

/* The thread of a reply to this message: it, after its own references. */
static char *
pipeline_references(const struct mime_msg *m)
{
	char *refs, *all;

	if (m->message_id == NULL) {
		return NULL;
	}
	refs = pipeline_join((const char *const *)m->references,
	    m->nreferences, " ");
	if (refs == NULL) {
		return xstrdup(m->message_id);
	}
	all = xasprintf("%s %s", refs, m->message_id);
	free(refs);
	return all;
}

static int
pipeline_att_line(void *arg, const struct store_attachment_row *r)
{
	attlist_add(arg, r->id, r->filename, r->content_type, r->size);
	return 0;
}

/* What the notification says about attachments: a line each (with the
 * ids complaintctl fetches them by), and how many. */
static int
pipeline_att_list(struct inbound *in, struct buf *b, char *count,
    size_t countlen)
{
	if (in->m->natt == 0) {
		return 0;
	}
	snprintf(count, countlen, "%zu", in->m->natt);
	return store_attachment_list(in->p->st, in->message_id,
	    pipeline_att_line, b);
}

static int
pipeline_new_case(struct inbound *in)
{
	struct pipeline *p = in->p;
	const struct mime_msg *m = in->m;
	const struct conf_category *cat;
	struct route_input ri = { "email", in->source, m->from.addr,
	    m->subject, m->new_text };
	struct store_case_new cn;
	struct casework_thread th;
	struct case_brief c;
	struct tmpl_var extra[] = { { "text", m->new_text },
	    { "attachments", NULL }, { "attachment_count", NULL } };
	struct buf atts;
	char token[RND_TOKEN_LEN], ref[REF_MAX], detail[512], *summary = NULL;
	char *refs = NULL, natt[24] = "";
	int64_t party, case_id;
	int rule, rc = -1;
	size_t i;

	buf_init(&atts);
	cat = route_category(p->cf, &ri, &rule);
	rnd_token(token);
	summary = text_summary(m->new_text, SUMMARY_CHARS);
	memset(&cn, 0, sizeof cn);
	cn.ref_format = p->cf->reference_format;
	cn.received = in->now;
	cn.channel = "email";
	cn.source = in->source;
	cn.category = cat->id;
	cn.language = p->cf->language;
	cn.subject = m->subject;
	cn.summary = summary;
	cn.token = token;
	if (store_party_get(p->st, m->from.addr, NULL, m->from.name, &party)
	    == -1) {
		goto fail;
	}
	cn.party_id = party;
	if (store_case_add(p->st, &cn, &case_id, ref, sizeof ref) == -1) {
		goto fail;
	}
	for (i = 0; i < cat->nofficers; i++) {
		if (store_case_assign(p->st, case_id, cat->officers[i]) == -1) {
			goto fail;
		}
	}
	if (pipeline_record_message(in, case_id) == -1) {
		goto out;
	}
	if (pipeline_att_list(in, &atts, natt, sizeof natt) == -1) {
		goto fail;
	}
	extra[1].value = atts.data;
	extra[2].value = natt;
	if (rule >= 0) {
		snprintf(detail, sizeof detail, "received by email (%s); "
		    "category %s by routing rule %d (line %d)", in->source,
		    cat->id, rule + 1, p->cf->rules[rule].line);
	} else {
		snprintf(detail, sizeof detail, "received by email (%s); "
		    "category %s (default)", in->source, cat->id);
	}
	if (store_event_add(p->st, case_id, "complainant", "created", detail)
	    == -1 || store_case_by_id(p->st, case_id, &c) != 1 ||
	    casework_clock_start(&p->cw, &c) == -1) {
		goto fail;
	}
	snprintf(in->res->reference, sizeof in->res->reference, "%s", ref);
	in->res->case_id = case_id;
	if (in->d.autoreply) {
		refs = pipeline_references(m);
		th.in_reply_to = m->message_id;
		th.references = refs;
		th.message_id = in->message_id;
		if (casework_to_complainant(&p->cw, &c, "ack", 1, &th, NULL, 0)
		    == -1) {
			goto fail;
		}
	} else {
		snprintf(detail, sizeof detail, "no automatic acknowledgement: "
		    "%s", in->d.noack ? in->d.noack : "not to be answered");
		if (store_event_add(p->st, case_id, "system",
		    "not_acknowledged", detail) == -1) {
			goto fail;
		}
	}
	for (i = 0; i < cat->nofficers; i++) {
		const struct conf_officer *o;

		o = conf_officer_by_id(p->cf, cat->officers[i]);
		if (casework_to_officer(&p->cw, &c, o, "notify", 0, extra, 3)
		    == -1) {
			goto fail;
		}
	}
	rc = 0;
	goto out;
fail:
	pipeline_fail(in);
out:
	free(summary);
	free(refs);
	buf_free(&atts);
	return rc;
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

/* #tanya: the question goes to the complainant; the case waits. */
static int
pipeline_ask(struct inbound *in, const char *text, const char *actor)
{
	const struct conf_officer *o = in->d.officer;
	char why[256];
	int r;

	if (*text == '\0') {
		return pipeline_officer_error(in, "the command needs the "
		    "question for the complainant after it");
	}
	r = casework_ask(&in->p->cw, &in->d.kase, text, actor,
	    in->message_id);
	if (r == 1) {
		case_action_refusal(in->d.kase.status, CASE_ACT_ASK,
		    o->language ? o->language : in->p->cf->language, why,
		    sizeof why);
		return pipeline_officer_error(in, why);
	}
	return r;
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
	case INTAKE_CMD_ASK:
		return pipeline_ask(in, text, actor);
	default:
		return pipeline_officer_error(in, "unknown command");
	}
}

/* A report that the message will never arrive (not "delayed"). */
static int
pipeline_bounce_final(const struct mime_msg *m)
{
	if (m->dsn_action != NULL) {
		return strcmp(m->dsn_action, "failed") == 0;
	}
	return m->dsn_status != NULL && m->dsn_status[0] == '5';
}

static int
pipeline_row_status(void *arg, const struct store_outbox_row *r)
{
	snprintf(arg, 16, "%s", r->status);
	return 0;
}

/* The outbox row learns that its message bounced: failed, with what the
 * report says (a row never sent — suppressed — is left alone). */
static int
pipeline_bounce_row(struct inbound *in, int64_t oid)
{
	const struct mime_msg *m = in->m;
	char status[16] = "", detail[512];

	if (store_outbox_get(in->p->st, oid, pipeline_row_status, status)
	    != 1) {
		return -1;
	}
	if (strcmp(status, "suppressed") == 0) {
		return 0;
	}
	snprintf(detail, sizeof detail, "bounced: %s%s%s",
	    m->dsn_status ? m->dsn_status : "failed",
	    m->dsn_diagnostic ? " " : "",
	    m->dsn_diagnostic ? m->dsn_diagnostic : "");
	return store_outbox_finish(in->p->st, oid, "failed", detail, 0);
}

static int
pipeline_bounce(struct inbound *in)
{
	const struct mime_msg *m = in->m;
	const char *id = m->dsn_original_id ? m->dsn_original_id :
	    m->in_reply_to;
	char officer[64], detail[512];
	int64_t oid = 0, cid = 0;
	int r = 0;

	if (id != NULL) {
		r = store_outbox_by_msgid(in->p->st, id, &oid, &cid, officer,
		    sizeof officer);
	}
	if (r == -1 || pipeline_record_message(in, cid) == -1) {
		return pipeline_fail(in);
	}
	if (r == 0) {
		snprintf(in->res->why, sizeof in->res->why, "delivery status "
		    "notification for no message of ours");
		return store_event_add(in->p->st, 0, "system", "bounce",
		    in->res->why) == -1 ? pipeline_fail(in) : 0;
	}
	snprintf(detail, sizeof detail, "delivery report for outbox #%lld: "
	    "%s %s %s", (long long)oid, m->dsn_action ? m->dsn_action : "?",
	    m->dsn_status ? m->dsn_status : "",
	    m->dsn_diagnostic ? m->dsn_diagnostic : "");
	in->res->case_id = cid;
	if (pipeline_bounce_final(m) && pipeline_bounce_row(in, oid) == -1) {
		return pipeline_fail(in);
	}
	return store_event_add(in->p->st, cid, "system", "bounce", detail)
	    == -1 ? pipeline_fail(in) : 0;
}

/* The complainant asked how the case stands: answered, under the
 * question when it came by mail. */
static int
pipeline_status(struct inbound *in)
{
	struct casework_thread th = { NULL, NULL, in->message_id };
	char *refs = NULL;
	int rc;

	if (in->m != NULL && in->m->message_id != NULL) {
		refs = pipeline_references(in->m);
		th.in_reply_to = in->m->message_id;
		th.references = refs;
	}
	if (store_event_add(in->p->st, in->d.kase.id, "system", "status",
	    "the complainant asked how the case stands: answered") == -1) {
		free(refs);
		return -1;
	}
	rc = casework_status(&in->p->cw, &in->d.kase, &th);
	free(refs);
	return rc;
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
		/* the answer the case waits for: only with proof it is the
		 * complainant's (intake.h, rule 5) */
		if (strcmp(d->kase.status, CASE_WAITING) == 0 && d->proven) {
			return casework_answered(cw, &d->kase, in->text,
			    in->message_id);
		}
		if (case_status_final(d->kase.status) &&
		    d->feedback != INTAKE_FB_NONE &&
		    casework_late_feedback(cw, &d->kase, d->feedback) == -1) {
			return -1;
		}
		if (store_event_add(in->p->st, d->kase.id, "complainant",
		    "followup", d->why) == -1 ||
		    casework_to_assigned(cw, &d->kase, "followup", extra, 1)
		    == -1) {
			return -1;
		}
		return d->status_query ? pipeline_status(in) : 0;
	case INTAKE_FEEDBACK:
		return casework_feedback(cw, &d->kase, d->feedback, d->score,
		    d->score_scale, in->text, in->message_id);
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
	if (pipeline_record_message(in, in->d.kase.id) == -1) {
		return -1;
	}
	return pipeline_case_step(in);
}

int
pipeline_case_act(struct pipeline *p, const char *source,
    const struct intake_decision *d, const char *text, int64_t message_id,
    struct pipeline_result *res)
{
	struct inbound in;

	memset(&in, 0, sizeof in);
	in.p = p;
	in.source = source;
	in.d = *d;		/* borrowed: cmd_text stays the caller's */
	in.text = text;
	in.message_id = message_id;
	in.now = time(NULL);
	in.res = res;
	return pipeline_case_step(&in) == -1 ? pipeline_fail(&in) : 0;
}

int
pipeline_store_fail(struct pipeline *p, struct pipeline_result *res)
{
	res->temporary = store_temporary(p->st);
	return -1;
}

/* What the trusted server's Authentication-Results say of From:. */
static enum intake_auth
pipeline_auth(const struct conf *cf, const struct mime_msg *m, char *why,
    size_t whylen)
{
	switch (authres_verdict((const char *const *)m->auth_results,
	    m->nauth_results, cf->trusted_authserv_id, why, whylen)) {
	case AUTHRES_PASS:
		return INTAKE_AUTH_PASS;
	case AUTHRES_FAIL:
		return INTAKE_AUTH_FAIL;
	default:
		return INTAKE_AUTH_NONE;
	}
}

/*
 * Whether the message was recorded already (1, *dup its id).  Without a
 * Message-ID what it says is its identity.  With one, the id is a claim
 * (form mailers stamp <1@localhost> on everything): a repeated id is the
 * same message only when it says the same — a delivery again differs in
 * Received headers, not in content — or, for rows recorded before content
 * hashes were kept, comes from the same sender.  Another message under a
 * used id is recorded under "<id>#<hash>", where its own delivery again
 * finds it; in->reused names the message that had the id first.
 */
static int
pipeline_seen(struct inbound *in, int64_t *dup)
{
	const struct mime_msg *m = in->m;
	char hash[65], sender[320];
	int64_t first;
	int r;

	if (m->message_id == NULL) {
		return store_message_seen(in->p->st, NULL, in->hash, dup);
	}
	r = store_message_by_extid(in->p->st, m->message_id, &first, hash,
	    sizeof hash, sender, sizeof sender);
	if (r != 1 || strcmp(hash, in->hash) == 0 || (hash[0] == '\0' &&
	    strcasecmp(sender, m->from.addr ? m->from.addr : "") == 0)) {
		*dup = first;
		return r;
	}
	in->extid = xasprintf("%s#%.16s", m->message_id, in->hash);
	in->reused = first;
	return store_message_seen(in->p->st, in->extid, NULL, dup);
}

/* The history of the message's case says its Message-ID was taken. */
static int
pipeline_note_reused(struct inbound *in)
{
	char detail[800];

	snprintf(detail, sizeof detail, "Message-ID <%s> was already used by "
	    "message #%lld, which says something else: recorded as <%s>",
	    in->m->message_id, (long long)in->reused, in->extid);
	if (store_event_add(in->p->st, in->res->case_id, "system",
	    "message_id_reused", detail) == -1) {
		return pipeline_fail(in);
	}
	return 0;
}

static int
pipeline_decide(struct inbound *in)
{
	const struct mime_msg *m = in->m;
	struct intake_lookup lk;
	struct intake_msg im;
	const char **rcpt;
	size_t nrcpt;
	int r;

	pipeline_lookup(in->p, &lk);
	rcpt = pipeline_recipients(m, &nrcpt);
	memset(&im, 0, sizeof im);
	im.channel = "email";
	im.source = in->source;
	im.sender = m->from.addr;
	im.subject = m->subject;
	im.text = m->new_text;
	im.in_reply_to = m->in_reply_to;
	im.references = (const char *const *)m->references;
	im.nreferences = m->nreferences;
	im.recipients = rcpt;
	im.nrecipients = nrcpt;
	im.flags = m->flags;
	im.auth = pipeline_auth(in->p->cf, m, in->auth_why,
	    sizeof in->auth_why);
	r = intake_decide(in->p->cf, &im, &lk, &in->d);
	if (r == 0 && im.auth != INTAKE_AUTH_NONE) {
		snprintf(in->d.why + strlen(in->d.why), sizeof in->d.why -
		    strlen(in->d.why), " [%s]", in->auth_why);
	}
	free(rcpt);
	return r;
}

static int
pipeline_act(struct inbound *in)
{
	struct pipeline_result *res = in->res;
	int r;

	res->kind = in->d.kind;
	snprintf(res->why, sizeof res->why, "%s", in->d.why);
	switch (in->d.kind) {
	case INTAKE_NEW_CASE:
		return pipeline_new_case(in);
	case INTAKE_BOUNCE:
		return pipeline_bounce(in);
	case INTAKE_UNFILED:
	case INTAKE_AUTOMATIC:
		if (in->d.kase.id != 0) {
			break;
		}
		if (pipeline_record_message(in, 0) == -1) {
			return -1;
		}
		r = store_event_add(in->p->st, 0, "system",
		    intake_kind_name(in->d.kind), in->d.why);
		return r == -1 ? pipeline_fail(in) : 0;
	default:
		break;
	}
	return pipeline_on_case(in) == -1 ? pipeline_fail(in) : 0;
}

int
pipeline_email(struct pipeline *p, const char *source, const char *item,
    const char *raw, size_t len, struct pipeline_result *res)
{
	struct inbound in;
	char err[256], reason[320];
	int r, rc = -1;

	memset(res, 0, sizeof *res);
	memset(&in, 0, sizeof in);
	in.p = p;
	in.source = source;
	in.raw = raw;
	in.len = len;
	in.res = res;
	in.now = time(NULL);
	if (len > p->cf->limits.max_message_size) {
		return pipeline_quarantine_oversize(p, source, item, raw, len,
		    len, res);
	}
	if (mime_parse(raw, len, &in.m, err, sizeof err) == -1) {
		snprintf(reason, sizeof reason, "not a parseable message: %s",
		    err);
		return pipeline_quarantine(p, source, item, reason, raw, len,
		    res);
	}
	in.text = in.m->new_text;
	mime_content_hash(in.m, in.hash);
	r = pipeline_seen(&in, &res->message_id);
	if (r == 1) {
		res->status = PIPE_DUPLICATE;
		snprintf(res->why, sizeof res->why, "already recorded as "
		    "message #%lld", (long long)res->message_id);
		rc = 0;
		goto out;
	}
	if (r == -1 || pipeline_decide(&in) == -1) {
		pipeline_fail(&in);
		goto out;
	}
	res->status = PIPE_RECORDED;
	rc = pipeline_act(&in);
	if (rc == 0 && in.extid != NULL) {
		rc = pipeline_note_reused(&in);
	}
out:
	intake_decision_free(&in.d);
	mime_free(in.m);
	free(in.extid);
	return rc;
}
