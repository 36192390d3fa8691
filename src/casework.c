/*
 * casework.c — workflow steps and the messages they queue (see
 * casework.h).
 *
 * Template variables for a case are assembled in one place
 * (casework_vars) so every template sees the same names; tmpl.c lists
 * them and `complaintd -t` rejects templates using any other.
 *
 * An outgoing mail is complete when it is queued (casework_queue): its
 * Message-ID, threading headers and Reply-To are on the outbox row, so
 * sending it needs nothing but the row (and the configured sender).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "casework.h"
#include "cpar.h"
#include "casework_priv.h"
#include "limit.h"
#include "mailout.h"
#include "privacy.h"
#include "rnd.h"
#include "safetext.h"
#include "text.h"
#include "utf8.h"
#include "xmalloc.h"

#define MAX_VARS	40

struct vars {
	struct tmpl_var	v[MAX_VARS];
	size_t		n;
	char		received[32];
	char		level[16];
	char		echo_name[512];		/* casework_echo() */
	char		echo_subject[1024];
	struct casework_clock_text clock;
	char		officers[2048];		/* for officers: who is who */
	char		entry_address[320];	/* the officer's own */
	char		*hidden[8];		/* casework_hide(): freed by
						   vars_free() */
};

static void
vars_add(struct vars *vs, const char *name, const char *value)
{
	if (vs->n < MAX_VARS) {
		vs->v[vs->n].name = name;
		vs->v[vs->n].value = value;
		vs->n++;
	}
}

/* What an officer's mail tells them besides the case: the officers' ids
 * (for assigning), their personal address for entering complaints. */
static void
casework_officer_vars(const struct casework *cw, const struct conf_officer *o,
    struct vars *vs)
{
	const struct conf_officer *x;
	char token[RND_TOKEN_LEN];
	size_t i, off = 0;
	int w;

	for (i = 0; i < cw->cf->nofficers; i++) {
		x = &cw->cf->officers[i];
		w = snprintf(vs->officers + off, sizeof vs->officers - off,
		    "%s    %-16s %s%s%s", off ? "\n" : "", x->id, x->name,
		    x->role ? ", " : "", x->role ? x->role : "");
		if (w < 0 || (size_t)w >= sizeof vs->officers - off) {
			break;
		}
		off += (size_t)w;
	}
	vars_add(vs, "officer_ids", vs->officers);
	if (cw->cf->smtp == NULL || store_officer_token(cw->st, o->id, token,
	    sizeof token) == -1 || mailout_plus_address(cw->cf->smtp->reply_to,
	    token, vs->entry_address, sizeof vs->entry_address) == -1) {
		vs->entry_address[0] = '\0';
	}
	vars_add(vs, "entry_address", vs->entry_address);
}

static void
vars_free(struct vars *vs)
{
	size_t i;

	for (i = 0; i < sizeof vs->hidden / sizeof vs->hidden[0]; i++) {
		free(vs->hidden[i]);
		vs->hidden[i] = NULL;
	}
}

/*
 * A confidential case's complainant, for an officer (privacy.h): their
 * name and address or number become the placeholder, and are taken out
 * of the texts that repeat the complainant's words — for every officer,
 * the viewers too: they see the identity through complaintctl show
 * --reveal, where each look is recorded.  A text with no room left to
 * hold its scrubbed copy is replaced by the placeholder whole.
 */
static void
casework_hide(const struct case_brief *c, const char *lang, struct vars *vs)
{
	static const char *const texts[] = { "text", "summary", "subject",
	    "attachments", NULL };
	const char *ph = privacy_placeholder(lang);
	size_t i, j, k = 0;

	for (i = 0; i < vs->n; i++) {
		if (strcmp(vs->v[i].name, "name") == 0 ||
		    strcmp(vs->v[i].name, "complainant") == 0) {
			vs->v[i].value = ph;
			continue;
		}
		for (j = 0; texts[j] != NULL &&
		    strcmp(vs->v[i].name, texts[j]) != 0; j++)
			;
		if (texts[j] == NULL || vs->v[i].value == NULL) {
			continue;
		}
		if (k == sizeof vs->hidden / sizeof vs->hidden[0]) {
			vs->v[i].value = ph;
			continue;
		}
		vs->hidden[k] = casework_officer_text(c, lang, vs->v[i].value);
		vs->v[i].value = vs->hidden[k++];
	}
}

char *
casework_officer_text(const struct case_brief *c, const char *lang,
    const char *text)
{
	if (text == NULL) {
		return NULL;
	}
	if (!c->confidential) {
		return xstrdup(text);
	}
	return privacy_scrub(text, c->name, c->email, c->phone,
	    privacy_placeholder(lang));
}

static void
casework_vars(const struct casework *cw, const struct case_brief *c,
    const struct conf_officer *o, const char *lang,
    const struct tmpl_var *extra, size_t nextra, struct vars *vs)
{
	const struct conf_category *cat;
	struct tm tm;
	time_t t = (time_t)c->received;
	size_t i;

	memset(vs, 0, sizeof *vs);
	localtime_r(&t, &tm);
	strftime(vs->received, sizeof vs->received, "%d-%m-%Y %H:%M", &tm);
	cat = conf_category_by_id(cw->cf, c->category);
	/* extra first: a caller's value wins over the case's */
	for (i = 0; i < nextra; i++) {
		vars_add(vs, extra[i].name, extra[i].value);
	}
	vars_add(vs, "reference", c->reference);
	vars_add(vs, "org_name", cw->cf->org_name);
	vars_add(vs, "name", c->name);
	vars_add(vs, "complainant", c->email[0] ? c->email : c->phone);
	vars_add(vs, "channel", c->channel);
	vars_add(vs, "category", c->category);
	vars_add(vs, "category_name", cat ? cat->name : c->category);
	vars_add(vs, "subject", c->subject);
	vars_add(vs, "summary", c->summary);
	vars_add(vs, "received", vs->received);
	casework_clock_text(cw, c, lang, &vs->clock);
	vars_add(vs, "due", vs->clock.due);
	vars_add(vs, "response_due", vs->clock.response_due);
	vars_add(vs, "due_left", vs->clock.due_left);
	if (o != NULL) {
		vars_add(vs, "officer_name", o->name);
		vars_add(vs, "officer_role", o->role);
		casework_officer_vars(cw, o, vs);
		if (c->confidential) {
			casework_hide(c, lang, vs);
		}
	}
}

/*
 * What mail to a complainant repeats of the sender's own words (their
 * name, their subject) is made safe to repeat (safetext.h): an
 * acknowledgement goes to whatever address From: claims, so it must not
 * carry a forger's message to the victim.  Officers see the words as
 * written.
 */
static void
casework_echo(const struct casework *cw, struct vars *vs)
{
	size_t i, max = (size_t)cw->cf->limits.echo_chars;
	char *e;

	for (i = 0; i < vs->n; i++) {
		if (strcmp(vs->v[i].name, "name") == 0) {
			e = safetext_echo(vs->v[i].value, max);
			snprintf(vs->echo_name, sizeof vs->echo_name, "%s", e);
			vs->v[i].value = vs->echo_name;
		} else if (strcmp(vs->v[i].name, "subject") == 0) {
			e = safetext_echo(vs->v[i].value, max);
			snprintf(vs->echo_subject, sizeof vs->echo_subject, "%s",
			    e);
			vs->v[i].value = vs->echo_subject;
		} else {
			continue;
		}
		free(e);
	}
}

/*
 * The complaint's text in an officer's notification: at most
 * limits.notify_excerpt characters, lines kept, and when it is cut a line
 * saying how long it was and how to read it all.  A 20 MB complaint must
 * not become a 20 MB mail (nor a sending worker that large).  Caller
 * frees; NULL when the text is short enough to go as it is.
 */
static char *
casework_excerpt(const struct casework *cw, const struct case_brief *c,
    const char *lang, const char *text)
{
	size_t max = (size_t)cw->cf->limits.notify_excerpt, len, cut, n;
	uint32_t cp;
	size_t k;

	len = strlen(text);
	for (cut = 0, n = 0; cut < len && n < max; cut += k, n++) {
		k = utf8_decode(text + cut, len - cut, &cp);
		k = k == 0 ? 1 : k;
	}
	if (cut >= len) {
		return NULL;
	}
	return xasprintf(strcmp(lang, "en") == 0 ? "%.*s\n\n[... cut here: "
	    "the complaint has %zu characters. All of it: complaintctl show "
	    "%s]" : "%.*s\n\n[... dipotong: pengaduan ini %zu karakter. "
	    "Selengkapnya: complaintctl show %s]", (int)cut, text,
	    utf8_length(text, len), c->reference);
}

char *
casework_message_id(const struct conf *cf, const char *ref, const char *kind)
{
	char r[25];

	rnd_hex(r, 12);
	return xasprintf("%s.%s.%s@%s", ref ? ref : "complaintd", kind, r,
	    cf->org_domain);
}

/* Render template `name` for channel ch; NULL + event when it fails. */
static int
casework_render(const struct casework *cw, const char *lang,
    const char *name, const char *ch, const struct vars *vs, char **subject,
    char **body, char **html)
{
	const char *t;
	char err[256], *r;
	size_t n;

	*subject = *body = *html = NULL;
	t = tmplset_get(cw->ts, lang, name, ch);
	if (t == NULL) {
		return -1;
	}
	if (strcmp(ch, "email") == 0) {
		if (tmpl_render_email(t, vs->v, vs->n, subject, body, err,
		    sizeof err) == -1) {
			return -1;
		}
		t = tmplset_get(cw->ts, lang, name, "email.html");
		if (t != NULL) {
			*html = tmpl_render_html(t, vs->v, vs->n, err,
			    sizeof err);
		}
		return 0;
	}
	if ((r = tmpl_render(t, vs->v, vs->n, err, sizeof err)) == NULL) {
		return -1;
	}
	/* SMS: the file's last newline is not part of the text */
	for (n = strlen(r); n > 0 && (r[n - 1] == '\n' || r[n - 1] == ' ');
	    n--) {
		r[n - 1] = '\0';
	}
	*body = r;
	*subject = xstrdup("");
	return 0;
}

struct queue_req {
	const struct case_brief		*c;
	const char			*channel;
	const char			*lang;
	const char			*name;
	const char			*rcpt;
	const char			*rcpt_name;
	const char			*officer;
	int				 automatic;
	const struct casework_thread	*thread;
	const struct vars		*vs;
};

/* Where an answer to the mail goes: our reply_to address with a secret
 * of the case in it, so intake recognises and trusts the answer: an
 * officer's carries the case's token (local+TOKEN@domain), the
 * complainant's their own secret (local+CSECRET@domain, intake.h) —
 * never the officers' token. */
static void
casework_reply_to(const struct casework *cw, const struct queue_req *q,
    char *out, size_t outlen)
{
	const char *base = cw->cf->smtp->reply_to;
	const char *secret = q->officer != NULL ? q->c->token : q->c->csecret;

	snprintf(out, outlen, "%s", base);
	if (q->c->id == 0 || secret[0] == '\0') {
		return;
	}
	if (mailout_plus_address(base, secret, out, outlen) == -1) {
		snprintf(out, outlen, "%s", base);
	}
}

/* What a mail carries besides its text, decided when it is queued: the
 * strings the outbox row is given. */
struct mail_headers {
	char	*msgid;
	char	*refs;
	char	 reply_to[320];
};

/* Message-ID, Reply-To, and for the complainant the threading under
 * their mail. */
static void
casework_headers(const struct casework *cw, const struct queue_req *q,
    struct store_outbox_new *o, struct mail_headers *h)
{
	const struct casework_thread *th = q->thread;

	casework_reply_to(cw, q, h->reply_to, sizeof h->reply_to);
	o->reply_to = h->reply_to;
	o->rfc_message_id = h->msgid = casework_message_id(cw->cf,
	    q->c->reference, q->name);
	if (q->officer != NULL) {
		return;
	}
	/* complainant mail threads under theirs */
	o->message_id = th ? th->message_id : 0;
	o->in_reply_to = th && th->in_reply_to && *th->in_reply_to ?
	    th->in_reply_to : (q->c->first_msgid[0] ? q->c->first_msgid :
	    NULL);
	if (o->in_reply_to == NULL) {
		return;
	}
	o->references = th && th->references ? th->references :
	    o->in_reply_to;
	if (strstr(o->references, o->in_reply_to) == NULL) {
		o->references = h->refs = xasprintf("%s %s", o->references,
		    o->in_reply_to);
	}
}

/*
 * A notification past the officer's hourly limit goes into their summary
 * for the hour (casework_priv.h): one queued row per officer, channel and
 * hour, due at the hour's end, its text made again from the template
 * "notify-summary" with each line added — in this transaction, so the
 * summary and the held-back row are one.
 */
/* The summary's lines with this notification's added: by SMS the
 * references, by mail "- REF  category  subject" ("+" for a follow-up). */
static char *
casework_summary_line(const struct casework *cw, const struct queue_req *q,
    const char *digest, int n)
{
	const struct conf_category *cat = conf_category_by_id(cw->cf,
	    q->c->category);
	char *subj, *lines, *hidden;

	if (strcmp(q->channel, "sms") == 0) {
		return xasprintf("%s%s%s", digest ? digest : "", n > 0 ? ", " :
		    "", q->c->reference);
	}
	/* the subject as every officer's text is: without a confidential
	 * complainant's identity */
	hidden = casework_officer_text(q->c, q->lang, q->c->subject);
	subj = text_summary(hidden, 60);
	free(hidden);
	lines = xasprintf("%s%s%s %s  %s  %s", digest ? digest : "",
	    n > 0 ? "\n" : "", strcmp(q->name, "followup") == 0 ? "+" : "-",
	    q->c->reference, cat ? cat->name : q->c->category, subj);
	free(subj);
	return lines;
}

static int
casework_summary(const struct casework *cw, const struct queue_req *q,
    const struct casework_limit *lim, int64_t *sid)
{
	const struct conf_officer *o = conf_officer_by_id(cw->cf, q->officer);
	struct store_outbox_new row;
	struct mail_headers h = { NULL, NULL, "" };
	struct vars vs;
	char *digest = NULL, *lines = NULL, *subject = NULL, *body = NULL;
	char *html = NULL, count[16];
	int n = 0, r, rc = -1, sms = strcmp(q->channel, "sms") == 0;

	r = store_outbox_summary_find(cw->st, q->officer, q->channel,
	    lim->summary_due, sid, &digest, &n);
	if (r == -1) {
		goto out;
	}
	lines = casework_summary_line(cw, q, digest, n);
	snprintf(count, sizeof count, "%d", ++n);
	memset(&vs, 0, sizeof vs);
	vars_add(&vs, "count", count);
	vars_add(&vs, "lines", lines);
	vars_add(&vs, "org_name", cw->cf->org_name);
	vars_add(&vs, "officer_name", o ? o->name : q->officer);
	vars_add(&vs, "officer_role", o ? o->role : "");
	if (casework_render(cw, q->lang, "notify-summary", q->channel, &vs,
	    &subject, &body, &html) == -1) {
		rc = store_event_add(cw->st, q->c->id, "system", "error",
		    "template notify-summary missing or broken: the officer's "
		    "summary is not sent");
		goto out;
	}
	if (r == 1) {
		rc = store_outbox_summary_set(cw->st, *sid, subject, body,
		    lines, n);
		goto out;
	}
	memset(&row, 0, sizeof row);
	row.channel = q->channel;
	row.kind = "notify-summary";
	row.recipient = q->rcpt;
	row.recipient_name = q->rcpt_name;
	row.officer = q->officer;
	row.subject = subject;
	row.body = body;
	row.limit_key = lim->key;
	row.digest = lines;
	row.digest_n = n;
	row.not_before = lim->summary_due;
	if (!sms) {
		row.rfc_message_id = h.msgid = casework_message_id(cw->cf,
		    NULL, "notify-summary");
		row.reply_to = cw->cf->smtp->reply_to;
	}
	rc = store_outbox_add(cw->st, &row, sid);
out:
	free(digest);
	free(lines);
	free(subject);
	free(body);
	free(html);
	free(h.msgid);
	return rc;
}

/* The event of a row the limits held back. */
static int
casework_held(const struct casework *cw, const struct queue_req *q,
    const struct casework_limit *lim)
{
	char detail[320];
	int64_t sid = 0;

	if (strcmp(lim->by, "officer_hour") == 0 &&
	    casework_summary(cw, q, lim, &sid) == -1) {
		return -1;
	}
	if (sid != 0) {
		snprintf(detail, sizeof detail, "%s to %s held back by the "
		    "limit %s: in the summary, outbox #%lld", q->name,
		    q->officer, lim->by, (long long)sid);
	} else {
		snprintf(detail, sizeof detail, "%s to %s %s [%s]", q->name,
		    q->officer ? q->officer : "the complainant", lim->note,
		    lim->by);
	}
	return store_event_add(cw->st, q->c->id, "system", "suppressed",
	    detail);
}

static int
casework_queue(const struct casework *cw, const struct queue_req *q)
{
	struct store_outbox_new o;
	struct mail_headers h = { NULL, NULL, "" };
	struct casework_limit lim;
	char *subject = NULL, *body = NULL, *html = NULL;
	char detail[256];
	int rc = -1;

	if (cw->hold_messages) {
		return 0;
	}
	if (casework_render(cw, q->lang, q->name, q->channel, q->vs, &subject,
	    &body, &html) == -1) {
		snprintf(detail, sizeof detail, "template %s/%s.%s missing or "
		    "broken: nothing sent to %s", q->lang, q->name, q->channel,
		    q->officer ? q->officer : "the complainant");
		rc = store_event_add(cw->st, q->c->id, "system", "error",
		    detail);
		goto out;
	}
	if (casework_limits(cw, q->channel, q->rcpt, q->officer, q->name,
	    q->automatic, &lim) == -1) {
		goto out;
	}
	memset(&o, 0, sizeof o);
	o.case_id = q->c->id;
	o.channel = q->channel;
	o.kind = q->name;
	o.recipient = q->rcpt;
	o.recipient_name = q->rcpt_name;
	o.officer = q->officer;
	o.subject = subject;
	o.body = body;
	o.body_html = html;
	o.automatic = q->automatic;
	o.status = lim.limited ? "suppressed" : NULL;
	o.note = lim.limited ? lim.note : NULL;
	o.limit_key = lim.key;
	o.limited_by = lim.limited ? lim.by : NULL;
	if (strcmp(q->channel, "email") == 0) {
		casework_headers(cw, q, &o, &h);
	}
	if (store_outbox_add(cw->st, &o, NULL) == -1) {
		goto out;
	}
	rc = lim.limited ? casework_held(cw, q, &lim) : 0;
out:
	free(subject);
	free(body);
	free(html);
	free(h.msgid);
	free(h.refs);
	return rc;
}

int
casework_to_complainant(const struct casework *cw, const struct case_brief *c,
    const char *name, int automatic, const struct casework_thread *thread,
    const struct tmpl_var *extra, size_t nextra)
{
	struct queue_req q;
	struct vars vs;
	int email_ok = c->email[0] != '\0' && cw->cf->smtp != NULL;
	int sms_ok = c->phone[0] != '\0' && cw->cf->nmodems > 0;
	char detail[400];

	memset(&q, 0, sizeof q);
	/* nobody reads a no-reply address: its number if it has one, else
	 * nothing, and the history says why */
	if (email_ok && limit_noreply(c->email)) {
		email_ok = 0;
		if (!sms_ok) {
			snprintf(detail, sizeof detail, "%s not sent: %s is a "
			    "no-reply address, nobody reads it", name,
			    c->email);
			return store_event_add(cw->st, c->id, "system",
			    "undeliverable", detail);
		}
	}
	/* a complaint that came by SMS or phone is answered by SMS */
	if (email_ok && ((strcmp(c->channel, "sms") != 0 &&
	    strcmp(c->channel, "phone") != 0) || !sms_ok)) {
		q.channel = "email";
		q.rcpt = c->email;
	} else if (sms_ok) {
		q.channel = "sms";
		q.rcpt = c->phone;
	} else {
		snprintf(detail, sizeof detail, "%s not sent: no channel to "
		    "reach the complainant (%s)", name, c->email[0] ?
		    "no SMTP server configured" : c->phone[0] ?
		    "no modem configured" : "no address");
		return store_event_add(cw->st, c->id, "system", "undeliverable",
		    detail);
	}
	q.lang = c->language[0] ? c->language : cw->cf->language;
	casework_vars(cw, c, NULL, q.lang, extra, nextra, &vs);
	casework_echo(cw, &vs);
	q.c = c;
	q.name = name;
	/* the To: name is repeated text too */
	q.rcpt_name = vs.echo_name[0] ? vs.echo_name : NULL;
	q.automatic = automatic;
	q.thread = thread;
	q.vs = &vs;
	return casework_queue(cw, &q);
}

int
casework_to_officer(const struct casework *cw, const struct case_brief *c,
    const struct conf_officer *o, const char *name, int automatic,
    const struct tmpl_var *extra, size_t nextra)
{
	return casework_to_officer_on(cw, c, o, name, automatic, NULL, extra,
	    nextra);
}

int
casework_to_officer_on(const struct casework *cw, const struct case_brief *c,
    const struct conf_officer *o, const char *name, int automatic,
    const char *channel, const struct tmpl_var *extra, size_t nextra)
{
	struct queue_req q;
	struct vars vs;
	struct tmpl_var ex[MAX_VARS];
	char *excerpt = NULL;
	size_t i;
	int sent = 0, rc = -1;

	memset(&q, 0, sizeof q);
	q.lang = o->language ? o->language : cw->cf->language;
	for (i = 0; i < nextra && i < MAX_VARS; i++) {
		ex[i] = extra[i];
		if (strcmp(ex[i].name, "text") == 0 && ex[i].value != NULL &&
		    excerpt == NULL && (excerpt = casework_excerpt(cw, c,
		    q.lang, ex[i].value)) != NULL) {
			ex[i].value = excerpt;
		}
	}
	casework_vars(cw, c, o, q.lang, ex, i, &vs);
	q.c = c;
	q.name = name;
	q.rcpt_name = o->name;
	q.officer = o->id;
	q.automatic = automatic;
	q.vs = &vs;
	if ((o->notify & CONF_NOTIFY_EMAIL) && o->email && cw->cf->smtp &&
	    (channel == NULL || strcmp(channel, "email") == 0)) {
		q.channel = "email";
		q.rcpt = o->email;
		if (casework_queue(cw, &q) == -1) {
			vars_free(&vs);
			goto out;
		}
		sent++;
	}
	if ((o->notify & CONF_NOTIFY_SMS) && o->phone && cw->cf->nmodems > 0 &&
	    (channel == NULL || strcmp(channel, "sms") == 0)) {
		q.channel = "sms";
		q.rcpt = o->phone;
		if (casework_queue(cw, &q) == -1) {
			vars_free(&vs);
			goto out;
		}
		sent++;
	}
	vars_free(&vs);
	if (sent == 0) {
		char detail[160];

		snprintf(detail, sizeof detail, "%s not sent to officer %s: "
		    "none of their channels is configured", name, o->id);
		rc = store_event_add(cw->st, c->id, "system", "undeliverable",
		    detail);
		goto out;
	}
	rc = 0;
out:
	free(excerpt);
	return rc;
}

int
casework_to_assigned(const struct casework *cw, const struct case_brief *c,
    const char *name, const struct tmpl_var *extra, size_t nextra)
{
	char ids[1024], *p, *id, *save = NULL;
	const struct conf_officer *o;

	if (store_case_officers(cw->st, c->id, ids, sizeof ids) == -1) {
		return -1;
	}
	for (p = ids; (id = strtok_r(p, ",", &save)) != NULL; p = NULL) {
		/* an officer removed from the configuration is skipped */
		if ((o = conf_officer_by_id(cw->cf, id)) == NULL) {
			continue;
		}
		if (casework_to_officer(cw, c, o, name, 0, extra, nextra)
		    == -1) {
			return -1;
		}
	}
	return 0;
}

int
casework_resolve(const struct casework *cw, const struct case_brief *c,
    const char *text, const char *actor, int64_t message_id)
{
	return casework_answer(cw, c, CASE_ACT_RESOLVE, text, actor,
	    message_id);
}

int
casework_reject(const struct casework *cw, const struct case_brief *c,
    const char *text, const char *actor, int64_t message_id)
{
	return casework_answer(cw, c, CASE_ACT_REJECT, text, actor,
	    message_id);
}

/* Not satisfied: reopen, raise the escalation level, and tell the next
 * level up (each assigned officer's escalate_to), who joins the case. */
static int
casework_reopen(const struct casework *cw, const struct case_brief *c,
    const char *text)
{
	char ids[1024], all[1100], lvl[16], detail[128], *p, *id;
	char *save = NULL;
	const struct conf_officer *o, *up;
	struct tmpl_var extra[] = { { "level", lvl }, { "text", text } };
	int level, told = 0;

	if (store_case_set_status(cw->st, c->id, CASE_REOPENED,
	    time(NULL)) == -1 || store_case_escalate(cw->st, c->id, &level)
	    == -1 || casework_clock_on(cw, c, CASE_ACT_DISSATISFIED,
	    time(NULL)) == -1 || store_case_officers(cw->st, c->id, ids,
	    sizeof ids) == -1) {
		return -1;
	}
	snprintf(lvl, sizeof lvl, "%d", level);
	/* the officers already on the case hear it first */
	if (casework_to_assigned(cw, c, "feedback", extra, 2) == -1) {
		return -1;
	}
	snprintf(all, sizeof all, ",%s,", ids);
	for (p = ids; (id = strtok_r(p, ",", &save)) != NULL; p = NULL) {
		o = conf_officer_by_id(cw->cf, id);
		up = o && o->escalate_to ? conf_officer_by_id(cw->cf,
		    o->escalate_to) : NULL;
		snprintf(detail, sizeof detail, ",%s,", up ? up->id : "");
		if (up == NULL || strstr(all, detail) != NULL) {
			continue;
		}
		/* joins the case: later messages reach them too */
		snprintf(detail, sizeof detail, "escalated to %s", up->id);
		if (store_case_assign(cw->st, c->id, up->id) == -1 ||
		    store_event_add(cw->st, c->id, "system", "assigned",
		    detail) == -1 ||
		    casework_to_officer(cw, c, up, "reopened", 0, extra, 2)
		    == -1) {
			return -1;
		}
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s,",
		    up->id);
		told++;
	}
	return store_event_add(cw->st, c->id, "system", "escalated", told ?
	    "reopened and escalated after the complainant's feedback" :
	    "reopened; no escalation officer configured");
}

int
casework_feedback(const struct casework *cw, const struct case_brief *c,
    enum intake_feedback fb, int score, int scale, const char *text,
    int64_t message_id)
{
	struct tmpl_var extra[] = { { "text", text } };
	int happy = fb == INTAKE_FB_SATISFIED, held;
	char detail[64], why[400];

	(void)message_id;
	snprintf(detail, sizeof detail, "%s", happy ? "satisfied" :
	    "not satisfied");
	if (score > 0) {
		snprintf(detail, sizeof detail, "%s (score %d of %d)", happy ?
		    "satisfied" : "not satisfied", score, scale);
	}
	if (store_case_set_satisfaction(cw->st, c->id, happy ? "satisfied" :
	    "dissatisfied") == -1 || store_event_add(cw->st, c->id,
	    "complainant", "feedback", detail) == -1 ||
	    (score > 0 && store_case_set_score(cw->st, c->id, score, scale) ==
	    -1)) {
		return -1;
	}
	if (!happy) {
		return casework_reopen(cw, c, text);
	}
	/* held for a corrective action (cpar.h): stays resolved */
	if ((held = cpar_close_held(cw, c, "en", why, sizeof why)) == -1 ||
	    (held == 1 && cpar_hold_close(cw, c, why) == -1)) {
		return -1;
	}
	if (held == 1) {
		return casework_to_assigned(cw, c, "feedback", extra, 1);
	}
	if (store_case_set_status(cw->st, c->id, CASE_CLOSED, time(NULL))
	    == -1 || casework_clock_on(cw, c, CASE_ACT_SATISFIED, time(NULL))
	    == -1) {
		return -1;
	}
	return casework_to_assigned(cw, c, "feedback", extra, 1);
}
