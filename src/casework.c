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
#include "casework_priv.h"
#include "mailout.h"
#include "rnd.h"
#include "text.h"
#include "xmalloc.h"

#define MAX_VARS	32

struct vars {
	struct tmpl_var	v[MAX_VARS];
	size_t		n;
	char		received[32];
	char		level[16];
	struct casework_clock_text clock;
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
	}
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

/* Over the per-recipient limits?  Sets note. */
static int
casework_limited(const struct casework *cw, const char *rcpt, char *note,
    size_t notelen, int *limited)
{
	time_t now = time(NULL);
	int n;

	*limited = 0;
	if (store_outbox_count_auto(cw->st, rcpt, now - 3600, &n) == -1) {
		return -1;
	}
	if (n >= cw->cf->limits.autoreply_per_hour) {
		snprintf(note, notelen, "not sent: %d automatic replies to "
		    "this recipient in the last hour (limit %d)", n,
		    cw->cf->limits.autoreply_per_hour);
		*limited = 1;
		return 0;
	}
	if (store_outbox_count_auto(cw->st, rcpt, now - 86400, &n) == -1) {
		return -1;
	}
	if (n >= cw->cf->limits.autoreply_per_day) {
		snprintf(note, notelen, "not sent: %d automatic replies to "
		    "this recipient in the last day (limit %d)", n,
		    cw->cf->limits.autoreply_per_day);
		*limited = 1;
	}
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

/* Where an answer to the mail goes: our reply_to address; an officer's
 * carries the case's token (local+TOKEN@domain), so intake recognises
 * and trusts their answer. */
static void
casework_reply_to(const struct casework *cw, const struct queue_req *q,
    char *out, size_t outlen)
{
	const char *base = cw->cf->smtp->reply_to;

	snprintf(out, outlen, "%s", base);
	if (q->officer == NULL || q->c->id == 0 || q->c->token[0] == '\0') {
		return;
	}
	if (mailout_plus_address(base, q->c->token, out, outlen) == -1) {
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

static int
casework_queue(const struct casework *cw, const struct queue_req *q)
{
	struct store_outbox_new o;
	struct mail_headers h = { NULL, NULL, "" };
	char *subject = NULL, *body = NULL, *html = NULL;
	char note[160], detail[256];
	int limited = 0, rc = -1;

	if (casework_render(cw, q->lang, q->name, q->channel, q->vs, &subject,
	    &body, &html) == -1) {
		snprintf(detail, sizeof detail, "template %s/%s.%s missing or "
		    "broken: nothing sent to %s", q->lang, q->name, q->channel,
		    q->officer ? q->officer : "the complainant");
		rc = store_event_add(cw->st, q->c->id, "system", "error",
		    detail);
		goto out;
	}
	if (q->automatic && casework_limited(cw, q->rcpt, note, sizeof note,
	    &limited) == -1) {
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
	o.status = limited ? "suppressed" : NULL;
	o.note = limited ? note : NULL;
	if (strcmp(q->channel, "email") == 0) {
		casework_headers(cw, q, &o, &h);
	}
	if (store_outbox_add(cw->st, &o, NULL) == -1) {
		goto out;
	}
	rc = 0;
	if (limited) {
		snprintf(detail, sizeof detail, "%s to %s %s", q->name,
		    q->officer ? q->officer : "the complainant", note);
		rc = store_event_add(cw->st, q->c->id, "system", "suppressed",
		    detail);
	}
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
	char detail[160];

	memset(&q, 0, sizeof q);
	if (email_ok && (strcmp(c->channel, "sms") != 0 || !sms_ok)) {
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
	q.c = c;
	q.name = name;
	q.rcpt_name = c->name[0] ? c->name : NULL;
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
	struct queue_req q;
	struct vars vs;
	int sent = 0;

	memset(&q, 0, sizeof q);
	q.lang = o->language ? o->language : cw->cf->language;
	casework_vars(cw, c, o, q.lang, extra, nextra, &vs);
	q.c = c;
	q.name = name;
	q.rcpt_name = o->name;
	q.officer = o->id;
	q.automatic = automatic;
	q.vs = &vs;
	if ((o->notify & CONF_NOTIFY_EMAIL) && o->email && cw->cf->smtp) {
		q.channel = "email";
		q.rcpt = o->email;
		if (casework_queue(cw, &q) == -1) {
			return -1;
		}
		sent++;
	}
	if ((o->notify & CONF_NOTIFY_SMS) && o->phone && cw->cf->nmodems > 0) {
		q.channel = "sms";
		q.rcpt = o->phone;
		if (casework_queue(cw, &q) == -1) {
			return -1;
		}
		sent++;
	}
	if (sent == 0) {
		char detail[160];

		snprintf(detail, sizeof detail, "%s not sent to officer %s: "
		    "none of their channels is configured", name, o->id);
		return store_event_add(cw->st, c->id, "system", "undeliverable",
		    detail);
	}
	return 0;
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

/* Resolution and rejection share everything but the words. */
static int
casework_close_out(const struct casework *cw, const struct case_brief *c,
    const char *text, const char *actor, int64_t message_id,
    const char *status, const char *tmpl)
{
	struct casework_thread th = { NULL, NULL, message_id };
	struct tmpl_var extra[] = {
		{ "resolution", text },
		{ "reason", text },
		{ "text", text },
	};
	time_t now = time(NULL);

	if (store_case_set_resolution(cw->st, c->id, text) == -1 ||
	    store_case_set_status(cw->st, c->id, status, now) == -1 ||
	    store_event_add(cw->st, c->id, actor, status, text) == -1 ||
	    casework_clock_on(cw, c, strcmp(status, CASE_RESOLVED) == 0 ?
	    CASE_ACT_RESOLVE : CASE_ACT_REJECT, now) == -1) {
		return -1;
	}
	return casework_to_complainant(cw, c, tmpl, 0, &th, extra,
	    sizeof extra / sizeof extra[0]);
}

int
casework_resolve(const struct casework *cw, const struct case_brief *c,
    const char *text, const char *actor, int64_t message_id)
{
	return casework_close_out(cw, c, text, actor, message_id,
	    CASE_RESOLVED, "resolution");
}

int
casework_reject(const struct casework *cw, const struct case_brief *c,
    const char *text, const char *actor, int64_t message_id)
{
	return casework_close_out(cw, c, text, actor, message_id,
	    CASE_REJECTED, "rejection");
}

int
casework_assign(const struct casework *cw, const struct case_brief *c,
    const struct conf_officer *o, const char *actor)
{
	char detail[128];

	snprintf(detail, sizeof detail, "assigned to %s", o->id);
	if (store_case_assign(cw->st, c->id, o->id) == -1 ||
	    store_event_add(cw->st, c->id, actor, "assigned", detail) == -1 ||
	    casework_clock_on(cw, c, CASE_ACT_ASSIGN, time(NULL)) == -1) {
		return -1;
	}
	return casework_to_officer(cw, c, o, "notify", 0, NULL, 0);
}

int
casework_progress(const struct casework *cw, const struct case_brief *c,
    const char *text, const char *actor)
{
	if (store_case_set_status(cw->st, c->id, CASE_IN_PROGRESS,
	    time(NULL)) == -1 ||
	    casework_clock_on(cw, c, CASE_ACT_PROGRESS, time(NULL)) == -1) {
		return -1;
	}
	return store_event_add(cw->st, c->id, actor, "in_progress",
	    text ? text : "");
}

int
casework_note(const struct casework *cw, const struct case_brief *c,
    const char *text, const char *actor)
{
	return store_event_add(cw->st, c->id, actor, "note", text ? text : "");
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
	int happy = fb == INTAKE_FB_SATISFIED;
	char detail[64];

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
	if (store_case_set_status(cw->st, c->id, CASE_CLOSED, time(NULL))
	    == -1 || casework_clock_on(cw, c, CASE_ACT_SATISFIED, time(NULL))
	    == -1) {
		return -1;
	}
	return casework_to_assigned(cw, c, "feedback", extra, 1);
}
