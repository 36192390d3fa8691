/*
 * alerts.c — alerts to the administrators through the other channel (see
 * alerts.h for the rules).  It owns nothing but the decision and the
 * messages: the sources' states are the workers' (source_state), the
 * rows the outbox's, the sending the workers' as usual.  Each alert is
 * one transaction: recorded as told, its rows queued, COMMIT; another
 * tick that got there first leaves nothing to do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "buf.h"
#include "calendar.h"
#include "log.h"
#include "rnd.h"
#include "tmpl.h"
#include "xmalloc.h"

#define ALERTS_MAX	64	/* sources looked at per tick */
#define ALERTS_VARS	8

struct alerts_src {
	char		source[96];
	char		error[256];
	time_t		down_since;
	time_t		alerted_down;
};

struct alerts_run {
	const struct conf	*cf;
	struct store		*st;
	const struct tmplset	*ts;
	time_t			 now;
	struct alerts_src	 s[ALERTS_MAX];
	size_t			 n;
	size_t			 modems_down;
	int			 smtp_down;
	struct buf		 what;
};

enum alerts_act
alerts_decide(time_t down_since, time_t alerted_down, time_t now,
    int after_minutes)
{
	if (alerted_down != 0 && down_since != alerted_down) {
		return ALERTS_UP;
	}
	if (alerted_down == 0 && down_since != 0 &&
	    now - down_since >= (time_t)after_minutes * 60) {
		return ALERTS_DOWN;
	}
	return ALERTS_NONE;
}

const char *
alerts_channel(const char *source, int email_works, int sms_works)
{
	int mail_side = strncmp(source, "modem:", 6) != 0;

	if (mail_side) {
		return sms_works ? "sms" : email_works ? "email" : NULL;
	}
	return email_works ? "email" : sms_works ? "sms" : NULL;
}

/* ---- the sources ---- */

static int
alerts_configured(const struct conf *cf, const char *source)
{
	size_t i;

	if (strcmp(source, "smtp") == 0) {
		return cf->smtp != NULL;
	}
	for (i = 0; strncmp(source, "imap:", 5) == 0 && i < cf->nimap; i++) {
		if (strcmp(source + 5, cf->imap[i].name) == 0) {
			return 1;
		}
	}
	for (i = 0; strncmp(source, "modem:", 6) == 0 && i < cf->nmodems;
	    i++) {
		if (strcmp(source + 6, cf->modems[i].name) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
alerts_row(void *arg, const struct store_source_row *r)
{
	struct alerts_run *x = arg;
	struct alerts_src *s;

	if (x->n == ALERTS_MAX || !alerts_configured(x->cf, r->source)) {
		return 0;
	}
	s = &x->s[x->n++];
	snprintf(s->source, sizeof s->source, "%s", r->source);
	snprintf(s->error, sizeof s->error, "%s", r->last_error ?
	    r->last_error : "");
	s->down_since = r->down_since;
	s->alerted_down = r->alerted_down;
	if (s->down_since != 0 && strcmp(s->source, "smtp") == 0) {
		x->smtp_down = 1;
	}
	if (s->down_since != 0 && strncmp(s->source, "modem:", 6) == 0) {
		x->modems_down++;
	}
	return 0;
}

/* ---- the messages ---- */

/* The source in words for the administrator: "email keluar (smtp)". */
static void
alerts_label(const char *source, const char *lang, char *out, size_t len)
{
	int en = strcmp(lang, "en") == 0;
	const char *what;

	if (strcmp(source, "smtp") == 0) {
		what = en ? "outgoing email" : "email keluar";
	} else if (strncmp(source, "imap:", 5) == 0) {
		what = en ? "incoming email" : "email masuk";
	} else {
		what = en ? "SMS modem" : "modem SMS";
	}
	snprintf(out, len, "%s (%s)", what, source);
}

/* Render tmpl for o on ch and queue it: 0 (also when there is no
 * template: said so), -1 on a store failure. */
static int
alerts_queue(struct alerts_run *x, const struct alerts_src *s,
    const char *tmpl, const struct conf_officer *o, const char *ch)
{
	const char *lang = o->language ? o->language : x->cf->language;
	const char *t = tmplset_get(x->ts, lang, tmpl, ch);
	struct tmpl_var v[ALERTS_VARS];
	struct store_outbox_new ob;
	char since[48], err[256], rnd[25], label[128];
	char *subject = NULL, *body = NULL, *msgid = NULL;
	int rc = 0;

	if (t == NULL) {
		log_warnx("alerts: no template %s/%s.%s", lang, tmpl, ch);
		return 0;
	}
	calendar_format_local(s->down_since != 0 ? s->down_since :
	    s->alerted_down, since, sizeof since);
	v[0] = (struct tmpl_var){ "officer_name", o->name };
	v[1] = (struct tmpl_var){ "org_name", x->cf->org_name };
	alerts_label(s->source, lang, label, sizeof label);
	v[2] = (struct tmpl_var){ "channel", label };
	v[3] = (struct tmpl_var){ "since", since };
	v[4] = (struct tmpl_var){ "reason", s->error };
	if (strcmp(ch, "email") == 0) {
		rc = tmpl_render_email(t, v, 5, &subject, &body, err,
		    sizeof err);
	} else if ((body = tmpl_render(t, v, 5, err, sizeof err)) == NULL) {
		rc = -1;
	}
	if (rc == -1) {
		log_warnx("alerts: %s/%s.%s: %s", lang, tmpl, ch, err);
		return 0;
	}
	memset(&ob, 0, sizeof ob);
	ob.channel = ch;
	ob.kind = tmpl;
	ob.recipient = strcmp(ch, "email") == 0 ? o->email : o->phone;
	ob.recipient_name = o->name;
	ob.officer = o->id;
	ob.subject = subject != NULL ? subject : "";
	ob.body = body;
	if (strcmp(ch, "email") == 0) {
		rnd_hex(rnd, 12);
		ob.rfc_message_id = msgid = xasprintf("alert.%lld.%s@%s",
		    (long long)x->now, rnd, x->cf->org_domain);
		ob.reply_to = x->cf->smtp->reply_to;
	}
	rc = store_outbox_add(x->st, &ob, NULL);
	free(subject);
	free(body);
	free(msgid);
	return rc == -1 ? -1 : 0;
}

/* The alert to each administrator, through a channel that works. */
static int
alerts_send(struct alerts_run *x, const struct alerts_src *s,
    const char *tmpl)
{
	int email = x->cf->smtp != NULL && !x->smtp_down;
	int sms = x->modems_down < x->cf->nmodems;
	const struct conf_officer *o;
	const char *ch;
	size_t i;

	for (i = 0; i < x->cf->alerts.nto; i++) {
		if ((o = conf_officer_by_id(x->cf, x->cf->alerts.to[i])) ==
		    NULL) {
			continue;
		}
		ch = alerts_channel(s->source, email && o->email != NULL,
		    sms && o->phone != NULL);
		if (ch == NULL) {
			log_warnx("alerts: %s cannot be told that %s %s: no "
			    "channel of theirs works", o->id, s->source,
			    strcmp(tmpl, "channel-up") == 0 ? "works again" :
			    "is down");
			continue;
		}
		if (alerts_queue(x, s, tmpl, o, ch) == -1) {
			return -1;
		}
		buf_printf(&x->what, "%s%s (%s)", x->what.len ? ", " :
		    "told ", o->id, ch);
	}
	return 0;
}

/* One alert, one transaction: 1 told, 0 someone else did, -1. */
static int
alerts_one(struct alerts_run *x, const struct alerts_src *s,
    enum alerts_act act)
{
	time_t outage = act == ALERTS_UP ? s->alerted_down : s->down_since;
	int r;

	if (store_begin(x->st) == -1) {
		return -1;
	}
	r = store_source_alerted(x->st, s->source, outage, act ==
	    ALERTS_DOWN);
	if (r == -1 || (r == 1 && alerts_send(x, s, act == ALERTS_DOWN ?
	    "channel-down" : "channel-up") == -1) || store_commit(x->st)
	    == -1) {
		store_rollback(x->st);
		return -1;
	}
	return r;
}

static int
alerts_tell(struct alerts_run *x, struct alerts_src *s, enum alerts_act act,
    timers_cb cb, void *arg, int *actions)
{
	struct timers_done d;
	char ref[128];
	int r;

	buf_reset(&x->what);
	if ((r = alerts_one(x, s, act)) != 1) {
		return r;
	}
	(*actions)++;
	log_info("alerts: %s %s since %lld: %s", s->source, act ==
	    ALERTS_DOWN ? "down" : "works again", (long long)(act ==
	    ALERTS_DOWN ? s->down_since : s->alerted_down), x->what.len ?
	    x->what.data : "nobody told");
	if (cb == NULL) {
		return 0;
	}
	snprintf(ref, sizeof ref, "alert:%s", s->source);
	d.reference = ref;
	d.kind = act == ALERTS_DOWN ? "channel-down" : "channel-up";
	d.seq = (int64_t)(act == ALERTS_DOWN ? s->down_since :
	    s->alerted_down);
	d.at = act == ALERTS_DOWN ? s->down_since : x->now;
	d.what = x->what.len ? x->what.data : "nobody told";
	return cb(arg, &d) != 0 ? 2 : 0;
}

int
alerts_tick(const struct conf *cf, struct store *st,
    const struct tmplset *ts, time_t now, timers_cb cb, void *arg,
    int *actions)
{
	struct alerts_run *x;
	enum alerts_act act;
	size_t i;
	int r = 0;

	*actions = 0;
	if (cf->alerts.nto == 0) {
		return 0;
	}
	x = xcalloc(1, sizeof *x);
	x->cf = cf;
	x->st = st;
	x->ts = ts;
	x->now = now;
	buf_init(&x->what);
	if (store_source_list(st, alerts_row, x) == -1) {
		r = -1;
	}
	for (i = 0; r == 0 && i < x->n; i++) {
		act = alerts_decide(x->s[i].down_since, x->s[i].alerted_down,
		    now, cf->alerts.after_minutes);
		if (act == ALERTS_UP && (r = alerts_tell(x, &x->s[i], act, cb,
		    arg, actions)) >= 0) {
			x->s[i].alerted_down = 0;
			r = 0;
			act = alerts_decide(x->s[i].down_since, 0, now,
			    cf->alerts.after_minutes);
		}
		if (r == 0 && act == ALERTS_DOWN) {
			r = alerts_tell(x, &x->s[i], act, cb, arg, actions);
			r = r > 0 ? 0 : r;
		}
	}
	buf_free(&x->what);
	free(x);
	return r == -1 ? -1 : 0;
}
