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
	{ "tanya", INTAKE_CMD_ASK },
	{ "ask", INTAKE_CMD_ASK },
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

	d->cmd = sms ? intake_sms_command(m->text, "", &d->cmd_text) :
	    intake_email_command(m->text, &d->cmd_text);
	if (d->cmd == INTAKE_CMD_NEW && !sms &&
	    (r = intake_personal(cf, m, lk, d->officer)) == -1) {
		return -1;
	}
	if (d->cmd == INTAKE_CMD_NEW && (sms || r == 1)) {
		d->kind = INTAKE_OFFICER_NEW;
		d->authenticated = 1;
		intake_why(d, "complaint entered by officer %s",
		    d->officer->id);
		return 0;
	}
	d->kind = INTAKE_UNFILED;
	if (d->cmd == INTAKE_CMD_NEW) {
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

static int
intake_followup(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, struct intake_decision *d, int *other)
{
	char officer[64];
	int r, sms = strcmp(m->channel, "sms") == 0;

	r = sms ? 0 : intake_thread(m, lk, &d->kase, officer);
	if (r == 0) {
		r = intake_ref_of_sender(cf, m, lk, sms ? m->text : m->subject,
		    &d->kase, other);
	}
	if (r == 0 && sms && m->sender != NULL) {
		r = lk->awaiting_feedback(lk->ctx, m->sender, &d->kase);
		/* a case closed without feedback takes only late feedback */
		if (r == 1 && case_status_final(d->kase.status) &&
		    intake_parse_feedback(m->text, cf->feedback_scale, NULL)
		    == INTAKE_FB_UNCLEAR) {
			r = 0;
		}
	}
	return r;
}

static void
intake_set_followup(const struct conf *cf, const struct intake_msg *m,
    struct intake_decision *d)
{
	struct feedback fb;
	char score[40] = "";

	d->kind = INTAKE_FOLLOWUP;
	intake_why(d, "follow-up of %s", d->kase.reference);
	if (case_status_final(d->kase.status)) {
		/* late: recorded with the follow-up; the case stays as it is */
		d->feedback = intake_parse_feedback(m->text, cf->feedback_scale,
		    NULL);
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
		    "satisfaction question%s", d->kase.reference, score);
		return;
	}
	d->kind = INTAKE_FEEDBACK;
	intake_why(d, "complainant %s with %s%s", d->feedback ==
	    INTAKE_FB_SATISFIED ? "satisfied" : "not satisfied",
	    d->kase.reference, score);
}

int
intake_decide(const struct conf *cf, const struct intake_msg *m,
    const struct intake_lookup *lk, struct intake_decision *d)
{
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
	if ((r = intake_followup(cf, m, lk, d, &other)) == -1) {
		return -1;
	}
	if (r == 1) {
		if (automatic) {
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
	d->autoreply = !listish && !(m->flags & MIME_F_NOREPLY);
	d->noack = listish ? "list or bulk mail" : !d->autoreply ?
	    "the sender is a no-reply address" : NULL;
	intake_why(d, "%s", other ? "new complaint (quotes a reference of "
	    "another complainant's case)" : "new complaint");
	return 0;
}

void
intake_decision_free(struct intake_decision *d)
{
	free(d->cmd_text);
	d->cmd_text = NULL;
}
