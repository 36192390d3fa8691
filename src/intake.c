/*
 * intake.c — the intake decision (see intake.h for the rules, in order).
 *
 * Pure: no I/O, no logging.  Everything it needs to know about existing
 * cases comes through struct intake_lookup; everything it concludes goes
 * into struct intake_decision, including a one-line reason for the ISO
 * record ("why").
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feedback.h"
#include "intake.h"
#include "mime.h"
#include "ref.h"
#include "xmalloc.h"

#define MAX_REFS	8

static const struct {
	const char	*word;
	enum intake_cmd	 cmd;
} commands[] = {
	{ "selesai", INTAKE_CMD_RESOLVE },
	{ "resolve", INTAKE_CMD_RESOLVE },
	{ "resolved", INTAKE_CMD_RESOLVE },
	{ "done", INTAKE_CMD_RESOLVE },
	{ "tolak", INTAKE_CMD_REJECT },
	{ "reject", INTAKE_CMD_REJECT },
	{ "alihkan", INTAKE_CMD_ASSIGN },
	{ "assign", INTAKE_CMD_ASSIGN },
	{ "catatan", INTAKE_CMD_NOTE },
	{ "note", INTAKE_CMD_NOTE },
	{ "proses", INTAKE_CMD_PROGRESS },
	{ "progress", INTAKE_CMD_PROGRESS },
	{ "jawab", INTAKE_CMD_RESOLVE },
	{ "answer", INTAKE_CMD_RESOLVE },
	{ "koreksi", INTAKE_CMD_CORRECT },
	{ "correct", INTAKE_CMD_CORRECT },
	{ "correction", INTAKE_CMD_CORRECT },
	{ "sementara", INTAKE_CMD_REPLY },
	{ "kabar", INTAKE_CMD_REPLY },
	{ "interim", INTAKE_CMD_REPLY },
	{ "update", INTAKE_CMD_REPLY },
	{ "tambah", INTAKE_CMD_ADD },
	{ "add", INTAKE_CMD_ADD },
	{ "kategori", INTAKE_CMD_RECATEGORISE },
	{ "category", INTAKE_CMD_RECATEGORISE },
	{ "recategorise", INTAKE_CMD_RECATEGORISE },
	{ "recategorize", INTAKE_CMD_RECATEGORISE },
	{ "buka", INTAKE_CMD_REOPEN },
	{ "reopen", INTAKE_CMD_REOPEN },
	{ "prioritas", INTAKE_CMD_PRIORITY },
	{ "priority", INTAKE_CMD_PRIORITY },
	{ "rahasia", INTAKE_CMD_CONFIDENTIAL },
	{ "confidential", INTAKE_CMD_CONFIDENTIAL },
	{ "gabung", INTAKE_CMD_MERGE },
	{ "merge", INTAKE_CMD_MERGE },
	{ "tutup", INTAKE_CMD_CLOSE },
	{ "close", INTAKE_CMD_CLOSE },
	{ "baru", INTAKE_CMD_NEW },
	{ "new", INTAKE_CMD_NEW },
	{ "lk", INTAKE_CMD_CPAR },
	{ "cpar", INTAKE_CMD_CPAR },
	{ "capa", INTAKE_CMD_CPAR },
	{ "tanya", INTAKE_CMD_ASK },
	{ "ask", INTAKE_CMD_ASK },
	{ "setuju", INTAKE_CMD_APPROVE },
	{ "setujui", INTAKE_CMD_APPROVE },
	{ "approve", INTAKE_CMD_APPROVE },
	{ "approved", INTAKE_CMD_APPROVE },
	{ "kembalikan", INTAKE_CMD_RETURN },
	{ "return", INTAKE_CMD_RETURN },
	{ "bahasa", INTAKE_CMD_LANGUAGE },
	{ "language", INTAKE_CMD_LANGUAGE },
};

static const char *const kind_names[] = {
	[INTAKE_NEW_CASE] = "complaint",
	[INTAKE_FOLLOWUP] = "followup",
	[INTAKE_FEEDBACK] = "feedback",
	[INTAKE_OFFICER_REPLY] = "officer_reply",
	[INTAKE_OFFICER_COMMAND] = "officer_command",
	[INTAKE_OFFICER_NOTE] = "officer_note",
	[INTAKE_AUTOMATIC] = "automatic",
	[INTAKE_BOUNCE] = "bounce",
	[INTAKE_UNFILED] = "unfiled",
	[INTAKE_OFFICER_NEW] = "staff_entry",
};

const char *
intake_kind_name(enum intake_kind k)
{
	return kind_names[k];
}

enum intake_cmd
intake_parse_command(const char *word)
{
	size_t i;

	if (word == NULL) {
		return INTAKE_CMD_NONE;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcasecmp(word, commands[i].word) == 0) {
			return commands[i].cmd;
		}
	}
	return INTAKE_CMD_UNKNOWN;
}

enum intake_feedback
intake_parse_feedback(const char *text, int scale, struct feedback *out)
{
	struct feedback fb;

	feedback_read(text, scale, &fb);
	if (out != NULL) {
		*out = fb;
	}
	switch (fb.verdict) {
	case FEEDBACK_SATISFIED:
		return INTAKE_FB_SATISFIED;
	case FEEDBACK_DISSATISFIED:
		return INTAKE_FB_DISSATISFIED;
	default:
		return INTAKE_FB_UNCLEAR;
	}
}

/* Lower-case ASCII copy of the first line-ish part of text, for phrase
 * matching; at most n bytes. */
static void
intake_lower(const char *text, char *out, size_t n)
{
	size_t i;

	for (i = 0; text != NULL && text[i] != '\0' && i + 1 < n; i++) {
		out[i] = (char)tolower((unsigned char)text[i]);
	}
	out[i] = '\0';
}

static int
intake_has_phrase(const char *hay, const char *phrase)
{
	const char *p = hay;
	size_t n = strlen(phrase);

	while ((p = strstr(p, phrase)) != NULL) {
		if ((p == hay || !isalpha((unsigned char)p[-1])) &&
		    !isalpha((unsigned char)p[n])) {
			return 1;
		}
		p++;
	}
	return 0;
}

/*
 * Status questions, in the words complainants use (lower case, whole
 * words or phrases, in the first lines of the new text).  A maintainer
 * extends the table; "cek" and "status" count alone only as the first
 * word of a short text or subject (an SMS "CEK KEL-2026-000002", a mail
 * "Status KEL-..."): elsewhere "status" needs a neighbour that makes it a
 * question, and a subject's phrases are not read at all (the subject of a
 * reply to our status answer says "Status pengaduan").
 */
#define STATUS_SHORT	40	/* "STATUS <ref>" is a command, not a story */

static const char *const status_phrases[] = {
	"bagaimana status", "gimana status", "status pengaduan",
	"status laporan", "status keluhan", "cek status", "status nya",
	"statusnya", "sampai mana", "sampai dimana", "sampai di mana",
	"sejauh mana", "sudah sampai", "perkembangan pengaduan",
	"perkembangan laporan", "perkembangannya", "bagaimana perkembangan",
	"gimana perkembangan", "ada kabar", "bagaimana kabar",
	"kabarnya bagaimana", "bagaimana kelanjutan", "kelanjutannya",
	"tindak lanjutnya", "sudah ditindaklanjuti", "sudah diproses",
	"belum ada jawaban", "belum ada tanggapan", "kapan dijawab",
	"kapan ditanggapi", "any update", "any updates", "any news",
	"what is the status", "what's the status", "status of my",
	"status update", "progress of my", "update on my",
};

int
intake_is_status_query(const char *subject, const char *text)
{
	const char *srcs[2] = { text, subject };
	char low[400], first[16];
	size_t i, k;

	for (k = 0; k < 2; k++) {
		intake_lower(srcs[k], low, sizeof low);
		if (strlen(low) <= STATUS_SHORT && sscanf(low, " %15[a-z#]",
		    first) == 1 && (strcmp(first, "cek") == 0 ||
		    strcmp(first, "status") == 0 ||
		    strcmp(first, "#status") == 0)) {
			return 1;
		}
		/* a subject's phrases are ours when it answers our mail */
		for (i = 0; k == 0 && i < sizeof status_phrases /
		    sizeof status_phrases[0]; i++) {
			if (intake_has_phrase(low, status_phrases[i])) {
				return 1;
			}
		}
	}
	return 0;
}

static void intake_why(struct intake_decision *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
intake_why(struct intake_decision *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->why, sizeof d->why, fmt, ap);
	va_end(ap);
}

/* The token of local+TOKEN@domain when local@domain is ours. */
static const char *
intake_token_in(const struct conf *cf, const char *addr, char *tok,
    size_t toklen)
{
	const char *plus, *at;
	char base[320];

	plus = strchr(addr, '+');
	at = strrchr(addr, '@');
	if (plus == NULL || at == NULL || plus > at || at - plus - 1 < 8 ||
	    (size_t)(at - plus) > toklen) {
		return NULL;
	}
	snprintf(base, sizeof base, "%.*s%s", (int)(plus - addr), addr, at);
	if (!conf_is_own_address(cf, base)) {
		return NULL;
	}
	snprintf(tok, toklen, "%.*s", (int)(at - plus - 1), plus + 1);
	return tok;
}

/* Each Message-ID the message answers, newest reference first. */
static int
intake_thread(const struct intake_msg *m, const struct intake_lookup *lk,
    struct case_brief *c, char *officer)
{
	size_t i;
	int r;

	if (m->in_reply_to != NULL) {
		r = lk->by_msgid(lk->ctx, m->in_reply_to, c, officer);
		if (r != 0) {
			return r;
		}
	}
	for (i = m->nreferences; i > 0; i--) {
		r = lk->by_msgid(lk->ctx, m->references[i - 1], c, officer);
		if (r != 0) {
			return r;
		}
	}
	return 0;
}

/* A reference in the subject (SMS: in the text) of a case of this
 * sender's; *other is set when a reference names someone else's case. */
static int
intake_ref_of_sender(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, const char *text, struct case_brief *c,
    int *other)
{
	char refs[MAX_REFS][REF_MAX];
	size_t n, i;
	int r;

	n = ref_find(cf->reference_format, text, refs, MAX_REFS);
	for (i = 0; i < n; i++) {
		r = lk->by_reference(lk->ctx, refs[i], c);
		if (r == -1) {
			return -1;
		}
		if (r == 0 || m->sender == NULL) {
			continue;
		}
		if (strcasecmp(c->email, m->sender) == 0 ||
		    strcmp(c->phone, m->sender) == 0) {
			return 1;
		}
		*other = 1;
	}
	return 0;
}

/*
 * The command of an officer's email: the first non-blank line of the new
 * text when it starts with '#'.  *rest gets everything after the word.
 */
static enum intake_cmd
intake_email_command(const char *text, char **rest)
{
	const char *p = text, *w, *e;
	char word[32];

	*rest = NULL;
	while (p != NULL && isspace((unsigned char)*p)) {
		p++;
	}
	if (p == NULL || *p != '#') {
		return INTAKE_CMD_NONE;
	}
	w = ++p;
	while (isalpha((unsigned char)*p)) {
		p++;
	}
	if (p == w || (size_t)(p - w) >= sizeof word) {
		return INTAKE_CMD_NONE;
	}
	snprintf(word, sizeof word, "%.*s", (int)(p - w), w);
	while (*p == ' ' || *p == '\t' || *p == ':') {
		p++;
	}
	e = p + strlen(p);
	while (e > p && isspace((unsigned char)e[-1])) {
		e--;
	}
	*rest = xstrndup(p, (size_t)(e - p));
	return intake_parse_command(word);
}

/*
 * An officer's SMS: "KEL-2026-000042 SELESAI text" or "SELESAI
 * KEL-2026-000042 text".  The reference is found by the caller; here the
 * first word that is not the reference is the command.
 */
static enum intake_cmd
intake_sms_command(const char *text, const char *ref, char **rest)
{
	const char *p = text, *w;
	char word[32];
	int i;

	*rest = NULL;
	for (i = 0; i < 2; i++) {
		while (isspace((unsigned char)*p)) {
			p++;
		}
		w = p;
		while (*p != '\0' && !isspace((unsigned char)*p)) {
			p++;
		}
		if (p == w) {
			return INTAKE_CMD_NONE;
		}
		if ((size_t)(p - w) == strlen(ref) &&
		    strncasecmp(w, ref, (size_t)(p - w)) == 0) {
			continue;
		}
		if (*w == '#') {
			w++;
		}
		if ((size_t)(p - w) >= sizeof word) {
			return INTAKE_CMD_UNKNOWN;
		}
		snprintf(word, sizeof word, "%.*s", (int)(p - w), w);
		break;
	}
	if (i == 2) {
		return INTAKE_CMD_NONE;
	}
	/* the rest, without a reference that follows the command word */
	while (isspace((unsigned char)*p)) {
		p++;
	}
	if (strncasecmp(p, ref, strlen(ref)) == 0) {
		p += strlen(ref);
		while (isspace((unsigned char)*p)) {
			p++;
		}
	}
	*rest = xstrdup(p);
	return intake_parse_command(word);
}

/* 1 when the mail reached the officer's own personal address. */
static int
intake_personal(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, const struct conf_officer *o)
{
	char tok[48], officer[64];
	const char *t;
	size_t i;
	int r;

	for (i = 0; lk->officer_by_token != NULL && i < m->nrecipients; i++) {
		t = intake_token_in(cf, m->recipients[i], tok, sizeof tok);
		if (t == NULL) {
			continue;
		}
		officer[0] = '\0';
		if ((r = lk->officer_by_token(lk->ctx, t, officer)) == -1) {
			return -1;
		}
		if (r == 1 && strcmp(officer, o->id) == 0) {
			return 1;
		}
	}
	return 0;
}

/*
 * An officer's message naming no case: staff entry ("#baru", "BARU
 * <number> <text>"), accepted by SMS from their number and by email only
 * at their personal address; anything else is unfiled.
 */
static int
intake_entry(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, struct intake_decision *d)
{
	int sms = strcmp(m->channel, "sms") == 0, r = 0;
	char found[1][REF_MAX];
	const char *t = m->text + strspn(m->text, " \t\r\n");

	d->cmd = sms ? intake_sms_command(m->text, "", &d->cmd_text) :
	    intake_email_command(m->text, &d->cmd_text);
	/* the owner's SMS on a corrective action: "LK-2026-001 SELESAI" */
	if (sms && cf->cpar_reference_format != NULL && ref_find(
	    cf->cpar_reference_format, t, found, 1) == 1 &&
	    strncasecmp(t, found[0], strlen(found[0])) == 0) {
		free(d->cmd_text);
		d->cmd_text = xstrdup(t);
		d->cmd = INTAKE_CMD_CPAR;
	}
	if ((d->cmd == INTAKE_CMD_NEW || d->cmd == INTAKE_CMD_CPAR) && !sms &&
	    (r = intake_personal(cf, m, lk, d->officer)) == -1) {
		return -1;
	}
	/* a forged address opens nothing, token or not (rule 5) */
	/* an approver's SMS names a draft: the pipeline finds its case */
	if (sms && (d->cmd == INTAKE_CMD_APPROVE ||
	    d->cmd == INTAKE_CMD_RETURN)) {
		d->kind = INTAKE_OFFICER_COMMAND;
		d->authenticated = 1;
		intake_why(d, "approver's command from officer %s",
		    d->officer->id);
		return 0;
	}
	if ((d->cmd == INTAKE_CMD_NEW || d->cmd == INTAKE_CMD_CPAR) &&
	    (sms || r == 1) && m->auth != INTAKE_AUTH_FAIL) {
		d->kind = INTAKE_OFFICER_NEW;
		d->authenticated = 1;
		intake_why(d, d->cmd == INTAKE_CMD_CPAR ? "corrective action "
		    "from officer %s" : "complaint entered by officer %s",
		    d->officer->id);
		return 0;
	}
	d->kind = INTAKE_UNFILED;
	if (d->cmd == INTAKE_CMD_NEW && m->auth == INTAKE_AUTH_FAIL) {
		intake_why(d, "new complaint as officer %s, but the receiving "
		    "server says the address is forged: not recorded as a "
		    "case", d->officer->id);
	} else if (d->cmd == INTAKE_CMD_NEW) {
		intake_why(d, "new complaint from officer %s not sent to "
		    "their personal address: not recorded as a case",
		    d->officer->id);
	} else {
		intake_why(d, "message from officer %s names no case",
		    d->officer->id);
	}
	free(d->cmd_text);
	d->cmd_text = NULL;
	d->cmd = INTAKE_CMD_NONE;
	return 0;
}

static int
intake_officer(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, struct intake_decision *d)
{
	char tok[48], officer[64] = "", refs[MAX_REFS][REF_MAX];
	const char *t;
	size_t i, n;
	int r = 0, sms = strcmp(m->channel, "sms") == 0;

	/* the per-case token in the address the reply was sent to */
	for (i = 0; i < m->nrecipients && r == 0; i++) {
		t = intake_token_in(cf, m->recipients[i], tok, sizeof tok);
		if (t != NULL && (r = lk->by_token(lk->ctx, t, &d->kase)) == 1) {
			d->authenticated = 1;
		}
	}
	if (r == 0) {
		r = intake_thread(m, lk, &d->kase, officer);
		if (r == 1 && strcmp(officer, d->officer->id) == 0) {
			d->authenticated = 1;
		}
	}
	if (r == 0) {
		n = ref_find(cf->reference_format, sms ? m->text : m->subject,
		    refs, MAX_REFS);
		r = n > 0 ? lk->by_reference(lk->ctx, refs[0], &d->kase) : 0;
		/* an SMS from the officer's own number is its authentication */
		d->authenticated = r == 1 && sms;
	}
	if (r == -1) {
		return -1;
	}
	if (r == 0) {
		return intake_entry(cf, m, lk, d);
	}
	d->cmd = sms ? intake_sms_command(m->text, d->kase.reference,
	    &d->cmd_text) : intake_email_command(m->text, &d->cmd_text);
	if (!d->authenticated) {
		d->kind = INTAKE_OFFICER_NOTE;
		d->cmd = INTAKE_CMD_NONE;
		intake_why(d, "message from officer %s without the case's "
		    "token: recorded as a note only", d->officer->id);
	} else if (d->cmd != INTAKE_CMD_NONE) {
		d->kind = INTAKE_OFFICER_COMMAND;
		intake_why(d, "command from officer %s", d->officer->id);
	} else if (sms) {
		d->kind = INTAKE_OFFICER_NOTE;
		intake_why(d, "SMS from officer %s without a command: "
		    "recorded as a note", d->officer->id);
	} else {
		d->kind = INTAKE_OFFICER_REPLY;
		intake_why(d, "reply from officer %s to the notification",
		    d->officer->id);
	}
	return 0;
}

static int
intake_is_automatic(const struct conf *cf, const struct intake_msg *m,
    int *listish)
{
	unsigned auto_flags = MIME_F_AUTO_SUBMITTED | MIME_F_NULL_SENDER |
	    MIME_F_LOOP | MIME_F_REPORT;

	*listish = (m->flags & (MIME_F_BULK | MIME_F_LIST)) != 0;
	if ((m->flags & auto_flags) != 0) {
		return 1;
	}
	if (m->sender != NULL && conf_is_own_address(cf, m->sender)) {
		return 1;
	}
	return *listish && !cf->accept_list_mail;
}

/* How a complainant's message found its case (intake.h, rule 4). */
enum intake_via {
	VIA_NONE,
	VIA_SECRET,	/* a: our secret in the address: proof */
	VIA_REPLY,	/* b: a reply to our mail to this address: proof */
	VIA_OWN_ID,	/* c: a Message-ID this address sent us: a claim */
	VIA_SUBJECT,	/* d: the reference in the subject: a claim */
	VIA_SMS,	/* the case's number: the network's word */
};

/* a: the complainant secret in an address the mail was sent to. */
static int
intake_by_secret(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, struct case_brief *c)
{
	char tok[48];
	const char *t;
	size_t i;
	int r;

	for (i = 0; i < m->nrecipients; i++) {
		t = intake_token_in(cf, m->recipients[i], tok, sizeof tok);
		if (t != NULL && (r = lk->by_secret(lk->ctx, t, c)) != 0) {
			return r;
		}
	}
	return 0;
}

/* The Message-IDs the message answers, In-Reply-To first, then the
 * References newest first; *n of them in ids (room for MAX_REFS + 1). */
static void
intake_answered(const struct intake_msg *m, const char **ids, size_t *n)
{
	size_t i;

	*n = 0;
	if (m->in_reply_to != NULL) {
		ids[(*n)++] = m->in_reply_to;
	}
	for (i = m->nreferences; i > 0 && *n < MAX_REFS + 1; i--) {
		ids[(*n)++] = m->references[i - 1];
	}
}

/* b: our mail to this very address; c: this address's own mail on its
 * own case.  Never a Message-ID of anyone else's. */
static int
intake_by_reply(const struct intake_msg *m, const struct intake_lookup *lk,
    struct case_brief *c, enum intake_via *via)
{
	const char *ids[MAX_REFS + 1];
	struct intake_sent sent;
	char from[256];
	size_t n, i;
	int r;

	intake_answered(m, ids, &n);
	for (i = 0; i < n; i++) {
		memset(&sent, 0, sizeof sent);
		if ((r = lk->sent(lk->ctx, ids[i], c, &sent)) == -1) {
			return -1;
		}
		if (r == 1 && c->id != 0 && sent.officer[0] == '\0' &&
		    strcasecmp(sent.recipient, m->sender) == 0) {
			*via = VIA_REPLY;
			return 1;
		}
	}
	for (i = 0; i < n; i++) {
		from[0] = '\0';
		if ((r = lk->received(lk->ctx, ids[i], c, from)) == -1) {
			return -1;
		}
		if (r == 1 && strcasecmp(from, m->sender) == 0 &&
		    strcasecmp(c->email, m->sender) == 0) {
			*via = VIA_OWN_ID;
			return 1;
		}
	}
	return 0;
}

static int
intake_followup(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, struct intake_decision *d, int *other,
    enum intake_via *via)
{
	int r, sms = strcmp(m->channel, "sms") == 0;

	*via = VIA_NONE;
	if (sms) {
		r = intake_ref_of_sender(cf, m, lk, m->text, &d->kase, other);
		if (r == 0 && m->sender != NULL) {
			r = lk->awaiting_feedback(lk->ctx, m->sender, &d->kase);
			/* a case closed without feedback takes only late
			 * feedback */
			if (r == 1 && case_status_final(d->kase.status) &&
			    intake_parse_feedback(m->text, cf->feedback_scale,
			    NULL) == INTAKE_FB_UNCLEAR) {
				r = 0;
			}
		}
		*via = r == 1 ? VIA_SMS : VIA_NONE;
		return r;
	}
	if ((r = intake_by_secret(cf, m, lk, &d->kase)) != 0) {
		*via = r == 1 ? VIA_SECRET : VIA_NONE;
		return r;
	}
	if ((r = intake_by_reply(m, lk, &d->kase, via)) != 0) {
		return r;
	}
	r = intake_ref_of_sender(cf, m, lk, m->subject, &d->kase, other);
	*via = r == 1 ? VIA_SUBJECT : VIA_NONE;
	return r;
}

/* Rule 5: is the sender the complainant, with proof they got our mail? */
static void
intake_proof(const struct intake_msg *m, enum intake_via via,
    struct intake_decision *d)
{
	int theirs;

	theirs = strcmp(m->channel, "sms") == 0 ?
	    strcmp(d->kase.phone, m->sender) == 0 :
	    strcasecmp(d->kase.email, m->sender) == 0;
	d->proven = theirs && m->auth != INTAKE_AUTH_FAIL &&
	    (via == VIA_SECRET || via == VIA_REPLY || via == VIA_SMS);
	d->status_query = theirs && m->auth != INTAKE_AUTH_FAIL &&
	    intake_is_status_query(m->subject, m->text);
}

static void
intake_set_followup(const struct conf *cf, const struct intake_msg *m,
    struct intake_decision *d)
{
	struct feedback fb;
	char score[40] = "";

	d->kind = INTAKE_FOLLOWUP;
	intake_why(d, d->status_query ? "follow-up of %s asking its status: "
	    "answered" : "follow-up of %s", d->kase.reference);
	if (case_status_final(d->kase.status)) {
		/* late: recorded with the follow-up; the case stays as it is
		 * (and even that needs the proof a verdict needs, rule 5) */
		d->feedback = d->proven ? intake_parse_feedback(m->text,
		    cf->feedback_scale, NULL) : INTAKE_FB_NONE;
		if (d->feedback == INTAKE_FB_UNCLEAR) {
			d->feedback = INTAKE_FB_NONE;
		}
		return;
	}
	if (strcmp(d->kase.status, CASE_RESOLVED) != 0) {
		return;
	}
	d->feedback = intake_parse_feedback(m->text, cf->feedback_scale, &fb);
	d->score = fb.score;
	d->score_scale = fb.score ? fb.scale : 0;
	if (d->score > 0) {
		snprintf(score, sizeof score, " (score %d of %d)", fb.score,
		    fb.scale);
	}
	if (d->feedback == INTAKE_FB_UNCLEAR) {
		intake_why(d, "follow-up of %s: no clear answer to the "
		    "satisfaction question%s%s", d->kase.reference, score,
		    d->status_query ? "; asking its status: answered" : "");
		return;
	}
	if (!d->proven) {
		/* rule 5: words anyone can write change nothing */
		intake_why(d, "follow-up of %s: it says %s%s, but nothing "
		    "shows the sender received our answer (%s): recorded for "
		    "the officers, the case is unchanged", d->kase.reference,
		    d->feedback == INTAKE_FB_SATISFIED ? "satisfied" :
		    "not satisfied", score, m->auth == INTAKE_AUTH_FAIL ? "the "
		    "receiving server says the sender's address is forged" :
		    "not a reply to our mail to the complainant's address");
		d->feedback = INTAKE_FB_NONE;
		d->score = d->score_scale = 0;
		d->status_query = 0;
		return;
	}
	d->kind = INTAKE_FEEDBACK;
	d->status_query = 0;
	intake_why(d, "complainant %s with %s%s", d->feedback ==
	    INTAKE_FB_SATISFIED ? "satisfied" : "not satisfied",
	    d->kase.reference, score);
}

/* Rule 5 for officers: a token that travelled (a forwarded notification)
 * does not make a forged address an officer's. */
static void
intake_officer_forged(const struct intake_msg *m, struct intake_decision *d)
{
	if (m->auth != INTAKE_AUTH_FAIL || !d->authenticated) {
		return;
	}
	free(d->cmd_text);
	d->cmd_text = NULL;
	d->cmd = INTAKE_CMD_NONE;
	d->authenticated = 0;
	d->kind = INTAKE_OFFICER_NOTE;
	intake_why(d, "message as officer %s, but the receiving server says "
	    "the address is forged: recorded as a note only", d->officer->id);
}

int
intake_decide(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, struct intake_decision *d)
{
	enum intake_via via = VIA_NONE;
	int r, listish, automatic, other = 0;

	memset(d, 0, sizeof *d);
	if ((m->flags & MIME_F_BOUNCE) != 0) {
		d->kind = INTAKE_BOUNCE;
		intake_why(d, "delivery status notification");
		return 0;
	}
	if (m->sender == NULL || *m->sender == '\0') {
		d->kind = INTAKE_UNFILED;
		intake_why(d, "no usable sender address");
		return 0;
	}
	automatic = intake_is_automatic(cf, m, &listish);
	d->officer = strcmp(m->channel, "sms") == 0 ?
	    conf_officer_by_phone(cf, m->sender) :
	    conf_officer_by_email(cf, m->sender);
	if (d->officer != NULL) {
		if (intake_officer(cf, m, lk, d) == -1) {
			return -1;
		}
		intake_officer_forged(m, d);
		/* an officer's out-of-office answer is not a resolution */
		if (automatic) {
			free(d->cmd_text);
			d->cmd_text = NULL;
			d->cmd = INTAKE_CMD_NONE;
			d->authenticated = 0;
			d->kind = d->kase.id ? INTAKE_AUTOMATIC : INTAKE_UNFILED;
			intake_why(d, "automatic message from officer %s",
			    d->officer->id);
		}
		return 0;
	}
	if ((r = intake_followup(cf, m, lk, d, &other, &via)) == -1) {
		return -1;
	}
	if (r == 1) {
		intake_proof(m, via, d);
		if (automatic) {
			d->proven = d->status_query = 0;
			d->kind = INTAKE_AUTOMATIC;
			intake_why(d, "automatic message on %s",
			    d->kase.reference);
			return 0;
		}
		intake_set_followup(cf, m, d);
		return 0;
	}
	memset(&d->kase, 0, sizeof d->kase);
	if (automatic) {
		d->kind = INTAKE_AUTOMATIC;
		intake_why(d, "automatic message (no reply is sent)");
		return 0;
	}
	if (strcmp(m->channel, "sms") == 0 && !m->sender_is_person) {
		/* operators' promotions: nobody to answer, not a complaint */
		d->kind = INTAKE_AUTOMATIC;
		intake_why(d, "SMS from %s, not a person's number: recorded, "
		    "no case, no reply", m->sender);
		return 0;
	}
	d->kind = INTAKE_NEW_CASE;
	d->autoreply = !listish && !(m->flags & MIME_F_NOREPLY) &&
	    m->auth != INTAKE_AUTH_FAIL;
	d->noack = listish ? "list or bulk mail" :
	    (m->flags & MIME_F_NOREPLY) ? "the sender is a no-reply address" :
	    m->auth == INTAKE_AUTH_FAIL ? "the receiving server says the "
	    "sender's address is forged" : NULL;
	intake_why(d, "%s%s", other ? "new complaint (quotes a reference of "
	    "another complainant's case)" : "new complaint",
	    m->auth == INTAKE_AUTH_FAIL ? "; the receiving server says the "
	    "sender's address is forged: not acknowledged" : "");
	return 0;
}

void
intake_decision_free(struct intake_decision *d)
{
	free(d->cmd_text);
	d->cmd_text = NULL;
}
