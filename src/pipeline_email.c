/*
 * pipeline_email.c — the email front end of intake (pipeline_email() of
 * pipeline.h): raw bytes to one channel-neutral struct pipeline_msg,
 * handed to the core (pipeline.c); and delivery status notifications,
 * which only a mail parser understands.  The only pipeline file that
 * knows MIME: a program that takes in only SMS never links it.
 *
 * Bytes that do not parse, or are larger than max_message_size, are
 * quarantined with the raw bytes kept.  Attachments are stored in the
 * same transaction as the message, by content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "authres.h"
#include "buf.h"
#include "mime.h"
#include "pipeline.h"
#include "pipeline_priv.h"
#include "xmalloc.h"

/* One mail on its way to the core: what the pipeline_msg borrows. */
struct email_in {
	struct pipeline_msg	 msg;
	const struct conf	*cf;
	struct mime_msg		*m;
	const char		**rcpt;
	char			*recipients;
	char			*refs;		/* References, " "-joined */
	char			*reply_refs;	/* of an answer to it */
	struct store_attachment_new *att;
	char			(*hashes)[65];
	char			 hash[65];	/* mime_content_hash() */
	char			*extid;		/* the id it is recorded
						   under, when its
						   Message-ID was taken */
	int64_t			 reused;	/* ... by this message */
	char			 auth_why[128];	/* authres's verdict */
};

static char *
pemail_join(const char *const *v, size_t n, const char *sep)
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
pemail_recipients(const struct mime_msg *m, size_t *n)
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
pemail_attachments(const struct mime_msg *m, struct store_attachment_new *att,
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

/* The thread of a reply to this message: it, after its own references. */
static char *
pemail_reply_refs(const struct mime_msg *m, const char *refs)
{
	if (m->message_id == NULL) {
		return NULL;
	}
	if (refs == NULL) {
		return xstrdup(m->message_id);
	}
	return xasprintf("%s %s", refs, m->message_id);
}

/* What the trusted server's Authentication-Results say of From:. */
static enum intake_auth
pemail_auth(const struct conf *cf, const struct mime_msg *m, char *why,
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

static void
pemail_fill(struct email_in *e, const char *source, const char *raw,
    size_t len)
{
	const struct mime_msg *m = e->m;
	struct pipeline_msg *msg = &e->msg;
	struct store_message_new *sm = &msg->rec;
	struct intake_msg *im = &msg->in;
	size_t nrcpt;

	e->rcpt = pemail_recipients(m, &nrcpt);
	e->recipients = pemail_join(e->rcpt, nrcpt, ", ");
	e->refs = pemail_join((const char *const *)m->references,
	    m->nreferences, " ");
	e->reply_refs = pemail_reply_refs(m, e->refs);
	e->att = xcalloc(m->natt + 1, sizeof *e->att);
	e->hashes = xcalloc(m->natt + 1, sizeof *e->hashes);
	pemail_attachments(m, e->att, e->hashes);
	mime_content_hash(m, e->hash);
	im->channel = "email";
	im->source = source;
	im->sender = m->from.addr;
	im->subject = m->subject;
	im->text = m->new_text;
	im->in_reply_to = m->in_reply_to;
	im->references = (const char *const *)m->references;
	im->nreferences = m->nreferences;
	im->recipients = e->rcpt;
	im->nrecipients = nrcpt;
	im->flags = m->flags;
	im->auth = pemail_auth(e->cf, m, e->auth_why, sizeof e->auth_why);
	if (im->auth != INTAKE_AUTH_NONE) {
		msg->auth_why = e->auth_why;
	}
	sm->channel = "email";
	sm->source = source;
	sm->external_id = m->message_id;
	sm->content_hash = e->hash;
	sm->sender = m->from.addr;
	sm->sender_name = m->from.name;
	sm->recipients = e->recipients;
	sm->subject = m->subject;
	sm->in_reply_to = m->in_reply_to;
	sm->references = e->refs;
	sm->date = m->date;
	sm->received = time(NULL);
	sm->flags = m->flags;
	sm->body = m->new_text;
	sm->full_body = m->text;
	sm->raw = raw;
	sm->rawlen = len;
	sm->att = e->att;
	sm->natt = m->natt;
	msg->name = m->from.name;
	msg->case_subject = m->subject;
	msg->reply_id = m->message_id;
	msg->reply_refs = e->reply_refs;
	msg->channel_label = "email";
	msg->ctx = e;
}

static void
pemail_free(struct email_in *e)
{
	free(e->rcpt);
	free(e->recipients);
	free(e->refs);
	free(e->reply_refs);
	free(e->att);
	free(e->hashes);
	free(e->extid);
	mime_free(e->m);
}

/*
 * Whether the message was recorded already (1, *dup its id).  Without a
 * Message-ID what it says is its identity.  With one, the id is a claim
 * (form mailers stamp <1@localhost> on everything): a repeated id is the
 * same message only when it says the same — a delivery again differs in
 * Received headers, not in content — or, for rows recorded before content
 * hashes were kept, comes from the same sender.  Another message under a
 * used id is recorded under "<id>#<hash>", where its own delivery again
 * finds it; e->reused names the message that had the id first.
 */
static int
pemail_seen(struct pipeline *p, void *ctx, int64_t *dup)
{
	struct email_in *e = ctx;
	const struct mime_msg *m = e->m;
	char hash[65], sender[320];
	int64_t first;
	int r;

	if (m->message_id == NULL) {
		return store_message_seen(p->st, NULL, e->hash, dup);
	}
	r = store_message_by_extid(p->st, m->message_id, &first, hash,
	    sizeof hash, sender, sizeof sender);
	if (r != 1 || strcmp(hash, e->hash) == 0 || (hash[0] == '\0' &&
	    strcasecmp(sender, m->from.addr ? m->from.addr : "") == 0)) {
		*dup = first;
		return r;
	}
	e->extid = xasprintf("%s#%.16s", m->message_id, e->hash);
	e->reused = first;
	e->msg.rec.external_id = e->extid;
	return store_message_seen(p->st, e->extid, NULL, dup);
}

/* The history of the message's case says its Message-ID was taken. */
static int
pemail_note_reused(struct pipeline *p, const struct email_in *e,
    struct pipeline_result *res)
{
	char detail[800];

	snprintf(detail, sizeof detail, "Message-ID <%s> was already used by "
	    "message #%lld, which says something else: recorded as <%s>",
	    e->m->message_id, (long long)e->reused, e->extid);
	if (store_event_add(p->st, res->case_id, "system",
	    "message_id_reused", detail) == -1) {
		return pipeline_store_fail(p, res);
	}
	return 0;
}

/* ---- delivery status notifications ---- */

/* A report that the message will never arrive (not "delayed"). */
static int
pemail_bounce_final(const struct mime_msg *m)
{
	if (m->dsn_action != NULL) {
		return strcmp(m->dsn_action, "failed") == 0;
	}
	return m->dsn_status != NULL && m->dsn_status[0] == '5';
}

static int
pemail_row_status(void *arg, const struct store_outbox_row *r)
{
	snprintf(arg, 16, "%s", r->status);
	return 0;
}

/* The outbox row learns that its message bounced: failed, with what the
 * report says (a row never sent — suppressed — is left alone). */
static int
pemail_bounce_row(struct pipeline *p, const struct mime_msg *m, int64_t oid)
{
	char status[16] = "", detail[512];

	if (store_outbox_get(p->st, oid, pemail_row_status, status) != 1) {
		return -1;
	}
	if (strcmp(status, "suppressed") == 0) {
		return 0;
	}
	snprintf(detail, sizeof detail, "bounced: %s%s%s",
	    m->dsn_status ? m->dsn_status : "failed",
	    m->dsn_diagnostic ? " " : "",
	    m->dsn_diagnostic ? m->dsn_diagnostic : "");
	return store_outbox_finish(p->st, oid, "failed", detail, 0);
}

static int
pemail_bounce(struct pipeline *p, const struct pipeline_msg *msg,
    struct pipeline_result *res)
{
	const struct email_in *e = msg->ctx;
	const struct mime_msg *m = e->m;
	const char *id = m->dsn_original_id ? m->dsn_original_id :
	    m->in_reply_to;
	char officer[64], detail[512];
	int64_t oid = 0, cid = 0, mid;
	int r = 0;

	if (id != NULL) {
		r = store_outbox_by_msgid(p->st, id, &oid, &cid, officer,
		    sizeof officer);
	}
	if (r == -1 || pipeline_record(p, msg, cid, INTAKE_BOUNCE, &mid, res)
	    == -1) {
		return pipeline_store_fail(p, res);
	}
	if (r == 0) {
		snprintf(res->why, sizeof res->why, "delivery status "
		    "notification for no message of ours");
		return store_event_add(p->st, 0, "system", "bounce",
		    res->why) == -1 ? pipeline_store_fail(p, res) : 0;
	}
	snprintf(detail, sizeof detail, "delivery report for outbox #%lld: "
	    "%s %s %s", (long long)oid, m->dsn_action ? m->dsn_action : "?",
	    m->dsn_status ? m->dsn_status : "",
	    m->dsn_diagnostic ? m->dsn_diagnostic : "");
	res->case_id = cid;
	if (pemail_bounce_final(m) && pemail_bounce_row(p, m, oid) == -1) {
		return pipeline_store_fail(p, res);
	}
	return store_event_add(p->st, cid, "system", "bounce", detail)
	    == -1 ? pipeline_store_fail(p, res) : 0;
}

int
pipeline_email(struct pipeline *p, const char *source, const char *item,
    const char *raw, size_t len, struct pipeline_result *res)
{
	struct email_in e;
	char err[256], reason[320];
	int rc;

	memset(res, 0, sizeof *res);
	memset(&e, 0, sizeof e);
	if (len > p->cf->limits.max_message_size) {
		return pipeline_quarantine_oversize(p, source, item, raw, len,
		    len, res);
	}
	if (mime_parse(raw, len, &e.m, err, sizeof err) == -1) {
		snprintf(reason, sizeof reason, "not a parseable message: %s",
		    err);
		return pipeline_quarantine(p, source, item, reason, raw, len,
		    res);
	}
	e.cf = p->cf;
	pemail_fill(&e, source, raw, len);
	e.msg.bounce = pemail_bounce;
	e.msg.seen = pemail_seen;
	rc = pipeline_take(p, &e.msg, res);
	if (rc == 0 && res->status == PIPE_RECORDED && e.extid != NULL) {
		rc = pemail_note_reused(p, &e, res);
	}
	pemail_free(&e);
	return rc;
}
