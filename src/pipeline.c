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
 * content.  A Message-ID is a claim: a repeated one is the same message
 * only when what the message says is the same (pipeline_email.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "authres.h"
#include "approval.h"
#include "authz.h"
#include "calendar.h"
#include "casework.h"
#include "cpar.h"
#include "entry.h"
#include "log.h"
#include "pipeline.h"
#include "pipeline_priv.h"
#include "ref.h"
#include "sla.h"
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
	int64_t				 draft;		/* an approver's
							   SMS names it */
	int64_t				 draft_hint;	/* an approver's plain
							   reply while it
							   waits */
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

static int
lk_officer_token(void *ctx, const char *token, char *officer)
{
	return store_officer_by_token(ctx, token, officer, 64);
}

static void
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
	lk->officer_by_token = lk_officer_token;
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

/* The language an officer reads. */
static const char *
pipeline_officer_lang(const struct inbound *in)
{
	const struct conf_officer *o = in->d.officer;

	return o != NULL && o->language ? o->language : in->p->cf->language;
}

/* The officer's words: Indonesian or English. */
static const char *
pipeline_l(const struct inbound *in, const char *id, const char *en)
{
	return strcmp(pipeline_officer_lang(in), "id") == 0 ? id : en;
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
	return casework_to_officer_on(&in->p->cw, &in->d.kase, in->d.officer,
	    "officer-error", 1, in->msg->in.channel, extra, 1);
}

/* The action each command word asks for; arg: its first word is the
 * argument (an officer, a category, a priority, on/off, a reference). */
static const struct {
	enum intake_cmd		cmd;
	enum case_action	action;
	int			arg;
	int			add;
} pipeline_cmds[] = {
	{ INTAKE_CMD_RESOLVE, CASE_ACT_RESOLVE, 0, 0 },
	{ INTAKE_CMD_CORRECT, CASE_ACT_CORRECT, 0, 0 },
	{ INTAKE_CMD_REPLY, CASE_ACT_REPLY, 0, 0 },
	{ INTAKE_CMD_REJECT, CASE_ACT_REJECT, 0, 0 },
	{ INTAKE_CMD_NOTE, CASE_ACT_NOTE, 0, 0 },
	{ INTAKE_CMD_PROGRESS, CASE_ACT_PROGRESS, 0, 0 },
	{ INTAKE_CMD_ASSIGN, CASE_ACT_ASSIGN, 1, 0 },
	{ INTAKE_CMD_ADD, CASE_ACT_ASSIGN, 1, 1 },
	{ INTAKE_CMD_RECATEGORISE, CASE_ACT_RECATEGORISE, 1, 0 },
	{ INTAKE_CMD_REOPEN, CASE_ACT_REOPEN, 0, 0 },
	{ INTAKE_CMD_PRIORITY, CASE_ACT_PRIORITY, 1, 0 },
	{ INTAKE_CMD_CONFIDENTIAL, CASE_ACT_CONFIDENTIAL, 1, 0 },
	{ INTAKE_CMD_MERGE, CASE_ACT_MERGE, 1, 0 },
	{ INTAKE_CMD_CLOSE, CASE_ACT_CLOSE, 0, 0 },
	{ INTAKE_CMD_ASK, CASE_ACT_ASK, 0, 0 },
	{ INTAKE_CMD_LANGUAGE, CASE_ACT_LANGUAGE, 1, 0 },
};

/* The officer's answer waits for approval as draft: they are told, on
 * the channel they wrote on, that it has not gone out yet. */
static int
pipeline_drafted(struct inbound *in, int64_t draft)
{
	char num[24], who[256] = "";
	char *const *ids;
	size_t i, n;
	struct tmpl_var extra[] = { { "draft", num }, { "approvers", who } };

	snprintf(num, sizeof num, "%lld", (long long)draft);
	ids = approval_approvers(in->p->cf, in->d.kase.category, &n);
	for (i = 0; i < n; i++) {
		snprintf(who + strlen(who), sizeof who - strlen(who), "%s%s",
		    i ? ", " : "", ids[i]);
	}
	return casework_to_officer_on(&in->p->cw, &in->d.kase, in->d.officer,
	    "drafted", 1, in->msg->in.channel, extra, 2);
}

/* Run act for the sending officer; a refusal is answered. */
static int
pipeline_officer_act(struct inbound *in, struct casework_act *act)
{
	char actor[96];
	int r;

	snprintf(actor, sizeof actor, "officer:%s", in->d.officer->id);
	act->actor = actor;
	act->officer = in->d.officer;
	act->lang = pipeline_officer_lang(in);
	act->message_id = in->message_id;
	r = casework_act(&in->p->cw, &in->d.kase, act);
	if (r == 0 && act->draft != 0) {
		return pipeline_drafted(in, act->draft);
	}
	return r == 1 ? pipeline_officer_error(in, act->refusal) : r;
}

/* ---- corrective actions (cpar.h): "#lk" on a case's thread or to the
 * intake address from an officer's personal address; the owner's SMS ---- */

static int
pipeline_cpar(struct inbound *in)
{
	const struct conf_officer *o = in->d.officer;
	int oncase = in->d.kase.id != 0, r;
	struct tmpl_var extra[1];
	struct cpar_req q;
	char actor[96], err[400];

	memset(&q, 0, sizeof q);
	snprintf(actor, sizeof actor, "officer:%s", o->id);
	q.actor = actor;
	q.officer = o;
	q.lang = pipeline_officer_lang(in);
	r = cpar_from_form(&in->p->cw, &q, in->d.cmd_text ? in->d.cmd_text :
	    "", &in->d.kase, err, sizeof err);
	if (r == 1 && oncase) {
		return pipeline_officer_error(in, err);
	}
	if (r == 1) {
		extra[0].name = "reason";
		extra[0].value = err;
		in->d.kind = INTAKE_UNFILED;
		in->res->kind = in->d.kind;
		snprintf(in->res->why, sizeof in->res->why, "corrective action "
		    "from officer %s not recorded: %.180s", o->id, err);
		snprintf(in->d.kase.subject, sizeof in->d.kase.subject, "%s",
		    in->msg->in.subject ? in->msg->in.subject : "");
		return pipeline_record(in->p, in->msg, 0, INTAKE_OFFICER_NEW,
		    &in->message_id, in->res) == -1 || store_event_add(
		    in->p->st, 0, "system", "command_failed", in->res->why) ==
		    -1 ? -1 : casework_to_officer_on(&in->p->cw, &in->d.kase,
		    o, "officer-error", 1, in->msg->in.channel, extra, 1);
	}
	if (r == -1 || (!oncase && pipeline_record(in->p, in->msg, 0,
	    INTAKE_OFFICER_NEW, &in->message_id, in->res) == -1)) {
		return -1;
	}
	snprintf(in->res->why, sizeof in->res->why, "corrective action %s "
	    "(%s) from officer %s", q.ref, q.status, o->id);
	return cpar_tell(&in->p->cw, "cpar", q.ref, o, "Tercatat.", "Recorded.", NULL,
	    in->msg->in.channel);
}

/* ---- an approver's decision on a draft (casework_approval.c) ---- */

/* An edited text ends where a signature starts ("--" on its own line). */
static void
pipeline_cut_signature(char *t)
{
	char *p = t;

	while (p != NULL && *p != '\0') {
		if (p[0] == '-' && p[1] == '-' && (p[2] == '\n' || p[2] == '\0' ||
		    (p[2] == ' ' && (p[3] == '\n' || p[3] == '\0')))) {
			while (p > t && (p[-1] == '\n' || p[-1] == ' ')) {
				p--;
			}
			*p = '\0';
			return;
		}
		if ((p = strchr(p, '\n')) != NULL) {
			p++;
		}
	}
}

/*
 * "SETUJU 12 text" by SMS names draft 12: its case, before the message is
 * recorded on it.  0 found (d.kase set, the number taken off the text);
 * 1 not (recorded on no case, the officer told); -1.
 */
static int
pipeline_draft_case(struct inbound *in)
{
	struct store_draft dr;
	const char *t = in->d.cmd_text ? in->d.cmd_text : "";
	char *end, *rest;
	long long n;
	int r;

	t += *t == '#';
	n = strtoll(t, &end, 10);
	if (end == t || n <= 0) {
		r = 0;
	} else if ((r = store_draft_get(in->p->st, n, &dr)) == 1) {
		free(dr.text);
		r = store_case_by_id(in->p->st, dr.case_id, &in->d.kase);
	}
	if (r == 1) {
		in->draft = n;
		rest = xstrdup(end + strspn(end, " \t\n"));
		free(in->d.cmd_text);
		in->d.cmd_text = rest;
		return 0;
	}
	if (r == -1 || pipeline_record(in->p, in->msg, 0, in->d.kind,
	    &in->message_id, in->res) == -1) {
		return -1;
	}
	return pipeline_officer_error(in, pipeline_l(in, "tulis nomor draf "
	    "yang ada: SETUJU <draf> atau KEMBALIKAN <draf> <komentar>",
	    "name a draft that exists: APPROVE <draft> or RETURN <draft> "
	    "<comment>")) == -1 ? -1 : 1;
}

static int
pipeline_decision(struct inbound *in, char *text)
{
	struct casework_decision x;
	struct store_draft dr;
	char actor[96];
	int r;

	memset(&x, 0, sizeof x);
	if ((x.draft = in->draft) == 0) {
		if ((r = store_draft_pending(in->p->st, in->d.kase.id, &dr))
		    != 1) {
			return r == -1 ? -1 : pipeline_officer_error(in,
			    pipeline_l(in, "tidak ada jawaban yang menunggu "
			    "persetujuan pada pengaduan ini", "no answer waits "
			    "for approval on this case"));
		}
		free(dr.text);
		x.draft = dr.id;
	}
	snprintf(actor, sizeof actor, "officer:%s", in->d.officer->id);
	if (in->d.cmd == INTAKE_CMD_APPROVE) {
		pipeline_cut_signature(text);
	}
	x.approve = in->d.cmd == INTAKE_CMD_APPROVE;
	x.text = text;
	x.actor = actor;
	x.officer = in->d.officer;
	x.lang = pipeline_officer_lang(in);
	r = casework_decide(&in->p->cw, &x);
	return r == 1 ? pipeline_officer_error(in, x.refusal) : r;
}

static int
pipeline_command(struct inbound *in)
{
	const char *text = in->d.cmd_text ? in->d.cmd_text : "";
	struct casework_act act;
	char word[64], refs[1][REF_MAX];
	size_t i, n;

	if (in->d.cmd == INTAKE_CMD_CPAR) {
		return pipeline_cpar(in);
	}
	if (in->d.cmd == INTAKE_CMD_APPROVE || in->d.cmd == INTAKE_CMD_RETURN) {
		return pipeline_decision(in, in->d.cmd_text ? in->d.cmd_text :
		    (char *)"");
	}

	for (i = 0; i < sizeof pipeline_cmds / sizeof pipeline_cmds[0] &&
	    pipeline_cmds[i].cmd != in->d.cmd; i++) {
		;
	}
	if (i == sizeof pipeline_cmds / sizeof pipeline_cmds[0]) {
		return pipeline_officer_error(in, in->d.cmd == INTAKE_CMD_NEW ?
		    pipeline_l(in, "pengaduan baru dicatat lewat alamat "
		    "pribadi Anda, bukan sebagai balasan", "a new complaint is "
		    "entered through your personal address, not as a reply") :
		    pipeline_l(in, "perintah tidak dikenal", "unknown "
		    "command"));
	}
	memset(&act, 0, sizeof act);
	act.action = pipeline_cmds[i].action;
	act.add = pipeline_cmds[i].add;
	act.text = text;
	if (pipeline_cmds[i].arg) {
		n = strcspn(text, " \t\n");
		snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ?
		    n : sizeof word - 1), text);
		act.arg = word;
		act.text = text + n + strspn(text + n, " \t\n");
		/* a reference as typed, in its canonical form */
		if (act.action == CASE_ACT_MERGE && ref_find(
		    in->p->cf->reference_format, word, refs, 1) == 1) {
			act.arg = refs[0];
		}
	}
	return pipeline_officer_act(in, &act);
}

/* Was the officer's mail also addressed to another officer? */
static int
pipeline_to_others(const struct inbound *in)
{
	const struct intake_msg *m = &in->msg->in;
	const struct conf_officer *o;
	size_t i;

	for (i = 0; i < m->nrecipients; i++) {
		o = conf_officer_by_email(in->p->cf, m->recipients[i]);
		if (o != NULL && o != in->d.officer) {
			return 1;
		}
	}
	return 0;
}

/*
 * An approver's reply without a command while a draft of the case waits
 * ("Setuju, silakan dikirim") is neither an answer nor an approval: a
 * note, and they are told how to approve (pipeline_officer_reply).  1
 * when it is one, 0 not, -1.
 */
static int
pipeline_approver_reply(struct inbound *in)
{
	struct store_draft dr;
	int r;

	if (!approval_is_approver(in->p->cf, in->d.kase.category,
	    in->d.officer)) {
		return 0;
	}
	if ((r = store_draft_pending(in->p->st, in->d.kase.id, &dr)) != 1) {
		return r;
	}
	free(dr.text);
	in->draft_hint = dr.id;
	in->d.kind = INTAKE_OFFICER_NOTE;
	in->d.cmd = INTAKE_CMD_NOTE;
	snprintf(in->d.why, sizeof in->d.why, "reply from approver %s while "
	    "draft #%lld waits, without #setuju: kept as an internal note",
	    in->d.officer->id, (long long)dr.id);
	in->res->kind = in->d.kind;
	snprintf(in->res->why, sizeof in->res->why, "%s", in->d.why);
	return 1;
}

/* What an officer's reply without a command is (authz_plain_reply):
 * before it is recorded, so its kind says so. */
static int
pipeline_plain_reply(struct inbound *in)
{
	struct authz_case ac;
	char officers[1024];
	int r;

	if (store_case_officers(in->p->st, in->d.kase.id, officers,
	    sizeof officers) == -1) {
		return -1;
	}
	ac.category = in->d.kase.category;
	ac.officers = officers;
	if ((r = pipeline_approver_reply(in)) != 0) {
		return r == -1 ? -1 : 0;
	}
	if (authz_plain_reply(in->p->cf, in->d.officer, &ac,
	    pipeline_to_others(in)) == CASE_ACT_RESOLVE) {
		return 0;
	}
	in->d.kind = INTAKE_OFFICER_NOTE;
	in->d.cmd = INTAKE_CMD_NOTE;
	snprintf(in->d.why, sizeof in->d.why, "reply from officer %s kept "
	    "as an internal note (plain_reply \"%s\")", in->d.officer->id,
	    conf_plain_reply(in->p->cf, in->d.kase.category));
	in->res->kind = in->d.kind;
	snprintf(in->res->why, sizeof in->res->why, "%s", in->d.why);
	return 0;
}

/* The officer's reply, as the answer or as a note (pipeline_plain_reply
 * decided which). */
static int
pipeline_officer_reply(struct inbound *in)
{
	struct casework_act act;
	char hint[400];
	int r;

	if (in->text[0] == '\0') {
		return pipeline_officer_error(in, pipeline_l(in, "balasan "
		    "kosong: tidak ada yang dikirim ke pelapor", "the reply "
		    "was empty: nothing was sent to the complainant"));
	}
	memset(&act, 0, sizeof act);
	act.action = in->d.kind == INTAKE_OFFICER_REPLY ? CASE_ACT_RESOLVE :
	    CASE_ACT_NOTE;
	act.text = in->text;
	if (act.action == CASE_ACT_RESOLVE) {
		return pipeline_officer_act(in, &act);
	}
	/* a note: refused (not theirs), or kept; either way they hear */
	if ((r = pipeline_officer_act(in, &act)) != 0 || act.refusal[0]) {
		return r;
	}
	if (in->draft_hint != 0) {
		if (strcmp(pipeline_officer_lang(in), "id") == 0) {
			snprintf(hint, sizeof hint, "balasan Anda dicatat "
			    "sebagai catatan internal; draf #%lld BELUM "
			    "disetujui. Untuk menyetujuinya, tulis #setuju di "
			    "baris pertama balasan (dengan teks baru sesudahnya "
			    "bila Anda memperbaikinya); untuk mengembalikannya, "
			    "#kembalikan <komentar>", (long long)in->draft_hint);
		} else {
			snprintf(hint, sizeof hint, "your reply was recorded "
			    "as an internal note; draft #%lld is NOT approved. "
			    "To approve it, write #approve on the first line of "
			    "your reply (with the new text after it if you "
			    "corrected it); to return it, #return <comment>",
			    (long long)in->draft_hint);
		}
		return pipeline_officer_error(in, hint);
	}
	return pipeline_officer_error(in, pipeline_l(in, "balasan Anda "
	    "dicatat sebagai catatan internal dan TIDAK dikirim ke pelapor. "
	    "Untuk mengirimnya sebagai jawaban, awali dengan #jawab; untuk "
	    "kabar sementara, dengan #sementara", "your reply was recorded "
	    "as an internal note and NOT sent to the complainant. To send it "
	    "as the answer, start it with #answer; as an interim update, "
	    "with #interim"));
}

/* ---- staff entry ---- */

/* An entry that cannot be recorded: kept on no case, the officer told. */
static int
pipeline_entry_refused(struct inbound *in, const char *why)
{
	struct tmpl_var extra[] = { { "reason", why } };

	in->d.kind = INTAKE_UNFILED;
	in->res->kind = in->d.kind;
	snprintf(in->res->why, sizeof in->res->why, "complaint entered by "
	    "officer %s not recorded: %.180s", in->d.officer->id, why);
	memset(&in->d.kase, 0, sizeof in->d.kase);
	snprintf(in->d.kase.subject, sizeof in->d.kase.subject, "%s",
	    in->msg->in.subject ? in->msg->in.subject : "");
	if (pipeline_record(in->p, in->msg, 0, INTAKE_OFFICER_NEW,
	    &in->message_id, in->res) == -1 ||
	    store_event_add(in->p->st, 0, "system", "command_failed",
	    in->res->why) == -1) {
		return -1;
	}
	return casework_to_officer_on(&in->p->cw, &in->d.kase, in->d.officer,
	    "officer-error", 1, in->msg->in.channel, extra, 1);
}

/* A complaint an officer took in and sent by mail or SMS: a case of the
 * complainant it names, entered by the officer. */
static int
pipeline_staff_entry(struct inbound *in)
{
	const struct pipeline_msg *msg = in->msg;
	struct store_message_new sm = msg->rec;
	struct casework_opening o;
	struct casework_opened out;
	struct entry e;
	char err[320], actor[96], how[200];
	int sms = strcmp(msg->in.channel, "sms") == 0, rc;

	rc = sms ? entry_from_sms(in->p->cf, in->d.cmd_text ?
	    in->d.cmd_text : "", pipeline_officer_lang(in), &e, err,
	    sizeof err) : entry_from_mail(in->p->cf, in->d.cmd_text ?
	    in->d.cmd_text : "", msg->in.subject, pipeline_officer_lang(in),
	    &e, err, sizeof err);
	if (rc == -1) {
		return pipeline_entry_refused(in, err);
	}
	snprintf(actor, sizeof actor, "officer:%s", in->d.officer->id);
	snprintf(how, sizeof how, "received by %s, entered by officer %s by "
	    "%s (%s)", e.channel, in->d.officer->id, msg->channel_label,
	    in->source);
	sm.kind = intake_kind_name(INTAKE_OFFICER_NEW);
	memset(&o, 0, sizeof o);
	o.channel = e.channel;
	o.source = in->source;
	o.actor = actor;
	o.how = how;
	o.email = e.email;
	o.phone = e.phone;
	o.name = e.name;
	o.subject = e.subject;
	o.text = e.text;
	o.category = e.category;
	o.sender = e.email;
	o.received = e.received ? e.received : in->now;
	o.acknowledge = 1;
	o.msg = &sm;
	rc = casework_open(&in->p->cw, &o, &out);
	entry_free(&e);
	if (rc == -1) {
		return -1;
	}
	in->message_id = in->res->message_id = out.message_id;
	snprintf(in->res->reference, sizeof in->res->reference, "%s",
	    out.c.reference);
	in->res->case_id = out.c.id;
	/* the officer learns the reference */
	return casework_to_officer_on(&in->p->cw, &out.c, in->d.officer,
	    "entered", 1, msg->in.channel, NULL, 0);
}

/* The complainant asked how the case stands: answered, under the
 * question when it came by mail. */
static int
pipeline_status(struct inbound *in)
{
	struct casework_thread th = { in->msg->reply_id, in->msg->reply_refs,
	    in->message_id };

	if (store_event_add(in->p->st, in->d.kase.id, "system", "status",
	    "the complainant asked how the case stands: answered") == -1) {
		return -1;
	}
	return casework_status(&in->p->cw, &in->d.kase, &th);
}

/* The complainant's unclear answer to the satisfaction question: asked
 * once what they meant (casework_fbask.c), under their reply. */
static int
pipeline_unclear(struct inbound *in)
{
	struct casework_thread th = { in->msg->reply_id, in->msg->reply_refs,
	    in->message_id };

	if (in->d.feedback != INTAKE_FB_UNCLEAR || !in->d.proven ||
	    strcmp(in->d.kase.status, CASE_RESOLVED) != 0) {
		return 0;
	}
	return casework_feedback_unclear(&in->p->cw, &in->d.kase, &th);
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
		/* asking now to be kept confidential: before anyone is told */
		if (!d->kase.confidential && (d->kase.confidential =
		    casework_confidential_asked(cw, d->kase.id, NULL,
		    in->text)) == -1) {
			return -1;
		}
		/* written clearly in the other language: answered in it from
		 * now on (only with proof it is the complainant's) */
		if (d->proven && casework_language_followed(cw, &d->kase,
		    in->text) == -1) {
			return -1;
		}
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
		    == -1 || pipeline_unclear(in) == -1) {
			return -1;
		}
		return d->status_query ? pipeline_status(in) : 0;
	case INTAKE_FEEDBACK:
		return casework_feedback(cw, &d->kase, d->feedback, d->score,
		    d->score_scale, in->text, in->message_id);
	case INTAKE_OFFICER_REPLY:
		return pipeline_officer_reply(in);
	case INTAKE_OFFICER_COMMAND:
		return pipeline_command(in);
	case INTAKE_OFFICER_NOTE:
		if (d->cmd == INTAKE_CMD_NOTE) {
			return pipeline_officer_reply(in);
		}
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
	int r;

	if (in->d.kase.id == 0 && (in->d.cmd == INTAKE_CMD_APPROVE ||
	    in->d.cmd == INTAKE_CMD_RETURN) &&
	    (r = pipeline_draft_case(in)) != 0) {
		return r == -1 ? -1 : 0;
	}
	if (in->d.kind == INTAKE_OFFICER_REPLY &&
	    pipeline_plain_reply(in) == -1) {
		return -1;
	}
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
	char how[160], noack[200];

	snprintf(how, sizeof how, "received by %s (%s)", msg->channel_label,
	    in->source);
	snprintf(noack, sizeof noack, "no automatic acknowledgement: %s",
	    in->d.noack ? in->d.noack : "not to be answered");
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
	o.no_ack_why = noack;
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

	int r;

	pipeline_lookup(in->p, &lk);
	r = intake_decide(in->p->cf, &in->msg->in, &lk, &in->d);
	if (r == 0 && in->msg->auth_why != NULL) {
		snprintf(in->d.why + strlen(in->d.why), sizeof in->d.why -
		    strlen(in->d.why), " [%s]", in->msg->auth_why);
	}
	return r;
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
	case INTAKE_OFFICER_NEW:
		if (in->d.cmd == INTAKE_CMD_CPAR) {
			return pipeline_cpar(in) == -1 ? pipeline_fail(in) : 0;
		}
		return pipeline_staff_entry(in) == -1 ? pipeline_fail(in) : 0;
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
	/* without an id of its own what it says is its identity */
	r = msg->seen != NULL ? msg->seen(p, msg->ctx, &res->message_id) :
	    store_message_seen(p->st, rec->external_id, rec->external_id ?
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
