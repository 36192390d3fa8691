/*
 * schedule_run.c — the schedules on the timer engine (see schedule.h for
 * the rules, sla.h for the engine): each due occurrence fired once, its
 * messages queued in the outbox in the same transaction.
 *
 * What a message says is worked out before the transaction (a recap is a
 * report over a period, up to a second on a big database): the write
 * lock is taken only to record the occurrence as fired and queue the
 * rows, and a schedule someone else fired meanwhile (the daemon and
 * complaintctl ticking together) is seen then and left alone.
 *
 * Texts come from templates (recap, digest, notice; .email and .sms); a
 * recap's mail carries the text report as its text, the HTML report as
 * its HTML alternative and the export of the period as a CSV file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "privacy.h"
#include "recap.h"
#include "rnd.h"
#include "schedule.h"
#include "tmpl.h"
#include "xmalloc.h"

#define SCHED_LANGS	4
#define SCHED_VARS	16
#define DIGEST_SMS_REFS	3

/* A recap made once per language. */
struct sched_recap {
	const char	*lang;
	struct report	*r;
	struct buf	 text, html, csv;
	char		 period[128];
	char		 file[96];
};

struct sched_run {
	const struct conf		*cf;
	struct store			*st;
	const struct tmplset		*ts;
	const struct calendar		*cal;
	const struct conf_schedule	*sc;
	time_t				 now, occ;
	int64_t				 id;
	struct sched_recap		 recap[SCHED_LANGS];
	size_t				 nrecap;
	struct digest_of		*digest;	/* per officer */
	size_t				 ndigest;
	struct buf			 what;		/* for the caller */
	int				 sent;
};

static const char *
sched_lang(const struct sched_run *x, const struct conf_officer *o)
{
	return x->sc->language ? x->sc->language : o->language ?
	    o->language : x->cf->language;
}

/* ---- rendering and queueing ---- */

struct sched_msg {
	const struct conf_officer	*o;
	const char			*lang;
	const char			*tmpl;
	struct tmpl_var			 v[SCHED_VARS];
	size_t				 nv;
	const char			*html;		/* NULL: none */
	const struct buf		*csv;		/* NULL: none */
	const char			*file;
};

static void
msg_var(struct sched_msg *m, const char *name, const char *value)
{
	if (m->nv < SCHED_VARS) {
		m->v[m->nv].name = name;
		m->v[m->nv++].value = value;
	}
}

/* Render m's template for ch: subject and body (caller frees). */
static int
sched_render(const struct sched_run *x, const struct sched_msg *m,
    const char *ch, char **subject, char **body)
{
	const char *t = tmplset_get(x->ts, m->lang, m->tmpl, ch);
	char err[256];
	size_t n;

	*subject = *body = NULL;
	if (t == NULL) {
		log_warnx("schedule %s: no template %s/%s.%s", x->sc->name,
		    m->lang, m->tmpl, ch);
		return -1;
	}
	if (strcmp(ch, "email") == 0) {
		return tmpl_render_email(t, m->v, m->nv, subject, body, err,
		    sizeof err);
	}
	if ((*body = tmpl_render(t, m->v, m->nv, err, sizeof err)) == NULL) {
		return -1;
	}
	for (n = strlen(*body); n > 0 && ((*body)[n - 1] == '\n' ||
	    (*body)[n - 1] == ' '); n--) {
		(*body)[n - 1] = '\0';
	}
	*subject = xstrdup("");
	return 0;
}

/* One outbox row (and the CSV for a recap's mail). */
static int
sched_queue(struct sched_run *x, const struct sched_msg *m, const char *ch)
{
	const struct conf_smtp *sm = x->cf->smtp;
	struct store_outbox_new o;
	char *subject, *body, *msgid = NULL, rnd[25];
	int64_t id;
	int rc = -1;

	if (sched_render(x, m, ch, &subject, &body) == -1) {
		return 0;	/* said so; the others still go */
	}
	memset(&o, 0, sizeof o);
	o.channel = ch;
	o.kind = m->tmpl;
	o.recipient = strcmp(ch, "email") == 0 ? m->o->email : m->o->phone;
	o.recipient_name = m->o->name;
	o.officer = m->o->id;
	o.subject = subject;
	o.body = body;
	if (strcmp(ch, "email") == 0) {
		rnd_hex(rnd, 12);
		o.body_html = m->html;
		o.rfc_message_id = msgid = xasprintf("schedule.%s.%lld.%s@%s",
		    x->sc->name, (long long)x->occ, rnd, x->cf->org_domain);
		o.reply_to = sm->reply_to;
	}
	if (store_outbox_add(x->st, &o, &id) == 0 && (m->csv == NULL ||
	    strcmp(ch, "email") != 0 || store_outbox_attach(x->st, id, m->file,
	    "text/csv; charset=utf-8", m->csv->data, m->csv->len) == 0)) {
		rc = 0;
		x->sent++;
	}
	free(subject);
	free(body);
	free(msgid);
	return rc;
}

/* m to its officer on each channel they are notified on. */
static int
sched_send(struct sched_run *x, const struct sched_msg *m)
{
	const struct conf_officer *o = m->o;
	int n = 0;

	if ((o->notify & CONF_NOTIFY_EMAIL) && o->email && x->cf->smtp) {
		if (sched_queue(x, m, "email") == -1) {
			return -1;
		}
		n++;
	}
	if ((o->notify & CONF_NOTIFY_SMS) && o->phone && x->cf->nmodems > 0) {
		if (sched_queue(x, m, "sms") == -1) {
			return -1;
		}
		n++;
	}
	if (n == 0) {
		log_warnx("schedule %s: nothing sent to %s: none of their "
		    "channels is configured", x->sc->name, o->id);
	}
	buf_printf(&x->what, "%s%s", x->what.len ? ", " : "", o->id);
	return 0;
}

/* ---- recaps ---- */

static struct sched_recap *
sched_recap_get(struct sched_run *x, const char *lang)
{
	struct report_params p;
	struct recap_export e;
	struct sched_recap *k;
	char a[16], b[16];
	size_t i;

	for (i = 0; i < x->nrecap; i++) {
		if (strcmp(x->recap[i].lang, lang) == 0) {
			return &x->recap[i];
		}
	}
	if (x->nrecap == SCHED_LANGS) {
		return &x->recap[0];
	}
	k = &x->recap[x->nrecap];
	memset(&p, 0, sizeof p);
	memset(&e, 0, sizeof e);
	/* the period relative to the occurrence, not to the tick */
	if (report_period_parse(x->sc->period, x->occ, &p.period, a,
	    sizeof a) == -1) {
		return NULL;
	}
	p.now = x->now;
	p.lang = lang;
	p.list_max = 500;
	if (recap_build(x->cf, x->st, x->cal, &p, &k->r) == -1) {
		return NULL;
	}
	k->lang = lang;
	buf_init(&k->text);
	buf_init(&k->html);
	buf_init(&k->csv);
	x->nrecap++;
	report_render_text(k->r, &k->text);
	report_render_html(k->r, &k->html);
	report_period_words(&p.period, lang, k->period, sizeof k->period);
	calendar_format_date(p.period.first, a, sizeof a);
	calendar_format_date(p.period.last, b, sizeof b);
	snprintf(k->file, sizeof k->file, "%s-%s_%s.csv", strcmp(lang, "id")
	    == 0 ? "keluhan" : "complaints", a, b);
	e.period = p.period;
	e.lang = lang;
	e.bom = 1;
	e.now = x->now;
	return recap_export(x->cf, x->st, x->cal, &e, &k->csv, NULL) == -1 ?
	    NULL : k;
}

static int
sched_recap(struct sched_run *x, const struct conf_officer *o)
{
	struct sched_recap *k = sched_recap_get(x, sched_lang(x, o));
	struct sched_msg m;
	char n[4][16];

	if (k == NULL) {
		return -1;
	}
	memset(&m, 0, sizeof m);
	m.o = o;
	m.lang = k->lang;
	m.tmpl = "recap";
	m.html = k->html.data;
	m.csv = &k->csv;
	m.file = k->file;
	snprintf(n[0], sizeof n[0], "%d", k->r->received);
	snprintf(n[1], sizeof n[1], "%d", k->r->answered);
	snprintf(n[2], sizeof n[2], "%d", k->r->open);
	snprintf(n[3], sizeof n[3], "%d", k->r->overdue);
	msg_var(&m, "org_name", x->cf->org_name);
	msg_var(&m, "officer_name", o->name);
	msg_var(&m, "period", k->period);
	msg_var(&m, "report", k->text.data);
	msg_var(&m, "received_count", n[0]);
	msg_var(&m, "answered_count", n[1]);
	msg_var(&m, "open_count", n[2]);
	msg_var(&m, "overdue_count", n[3]);
	return sched_send(x, &m);
}

/* ---- digests ---- */

/* One officer's open cases, collected before the transaction. */
struct digest_of {
	const struct conf_officer	*o;
	struct buf			 cases;
	char				 refs[160];
	int				 open, overdue;
};

static int
digest_row(void *arg, const struct store_digest_row *r)
{
	struct sched_run *x = arg;
	struct digest_of *g = NULL;
	char due[32] = "-", *subject;
	int late = r->due_at != 0 && r->due_at <= x->now;
	size_t i;

	for (i = 0; i < x->ndigest && g == NULL; i++) {
		if (strcmp(x->digest[i].o->id, r->officer) == 0) {
			g = &x->digest[i];
		}
	}
	if (g == NULL) {
		return 0;
	}
	if (r->due_at != 0) {
		calendar_format_local(r->due_at, due, sizeof due);
	}
	g->open++;
	g->overdue += late;
	/* a confidential complainant's identity out, as in every officer's
	 * notification */
	subject = r->confidential ? privacy_scrub(r->subject ? r->subject :
	    "", r->party_name, r->party_email, r->party_phone,
	    privacy_placeholder(sched_lang(x, g->o))) :
	    xstrdup(r->subject ? r->subject : "");
	buf_printf(&g->cases, "%s %-17s %-22s %s\n", late ? "!" : " ",
	    r->reference, due, subject);
	free(subject);
	if (g->open <= DIGEST_SMS_REFS) {
		snprintf(g->refs + strlen(g->refs), sizeof g->refs -
		    strlen(g->refs), "%s%s", g->open > 1 ? ", " : "",
		    r->reference);
	}
	return 0;
}

static int
sched_digest(struct sched_run *x, const struct conf_officer *o)
{
	struct digest_of *g = NULL;
	struct sched_msg m;
	char n[2][16];
	size_t i;

	for (i = 0; i < x->ndigest && g == NULL; i++) {
		g = x->digest[i].o == o ? &x->digest[i] : NULL;
	}
	if (g == NULL || g->open == 0) {
		return 0;	/* nothing to say */
	}
	memset(&m, 0, sizeof m);
	m.o = o;
	m.lang = sched_lang(x, o);
	m.tmpl = "digest";
	snprintf(n[0], sizeof n[0], "%d", g->open);
	snprintf(n[1], sizeof n[1], "%d", g->overdue);
	msg_var(&m, "org_name", x->cf->org_name);
	msg_var(&m, "officer_name", o->name);
	msg_var(&m, "open_count", n[0]);
	msg_var(&m, "overdue_count", n[1]);
	msg_var(&m, "cases", g->cases.data);
	msg_var(&m, "references", g->refs);
	return sched_send(x, &m);
}

static int
sched_notice(struct sched_run *x, const struct conf_officer *o)
{
	struct sched_msg m;

	memset(&m, 0, sizeof m);
	m.o = o;
	m.lang = sched_lang(x, o);
	m.tmpl = "notice";
	msg_var(&m, "org_name", x->cf->org_name);
	msg_var(&m, "officer_name", o->name);
	msg_var(&m, "text", x->sc->text);
	return sched_send(x, &m);
}

/* ---- one occurrence ---- */

/* The i-th officer it goes to: `to`, or (a digest without) everyone;
 * NULL past the last (or for one no longer configured). */
static const struct conf_officer *
sched_officer(const struct sched_run *x, size_t i, size_t *n)
{
	const struct conf_schedule *sc = x->sc;

	*n = sc->nto ? sc->nto : x->cf->nofficers;
	if (i >= *n) {
		return NULL;
	}
	return sc->nto ? conf_officer_by_id(x->cf, sc->to[i]) :
	    &x->cf->officers[i];
}

/* What the messages say, worked out before the transaction: the recap
 * in each language wanted, each officer's open cases. */
static int
sched_prepare(struct sched_run *x)
{
	const struct conf_officer *o;
	size_t i, n = 1;

	for (i = 0; i < n; i++) {
		if ((o = sched_officer(x, i, &n)) == NULL) {
			continue;
		}
		if (x->sc->kind == CONF_SCHED_RECAP &&
		    sched_recap_get(x, sched_lang(x, o)) == NULL) {
			return -1;
		}
		if (x->sc->kind == CONF_SCHED_DIGEST) {
			x->digest = xreallocarray(x->digest, x->ndigest + 1,
			    sizeof *x->digest);
			memset(&x->digest[x->ndigest], 0, sizeof *x->digest);
			x->digest[x->ndigest].o = o;
			buf_init(&x->digest[x->ndigest++].cases);
		}
	}
	if (x->sc->kind == CONF_SCHED_DIGEST) {
		return store_digest_cases(x->st, digest_row, x);
	}
	return 0;
}

static int
sched_officers(struct sched_run *x)
{
	const struct conf_schedule *sc = x->sc;
	const struct conf_officer *o;
	size_t i, n = 1;
	int r = 0;

	for (i = 0; i < n && r == 0; i++) {
		if ((o = sched_officer(x, i, &n)) == NULL) {
			continue;
		}
		r = sc->kind == CONF_SCHED_RECAP ? sched_recap(x, o) :
		    sc->kind == CONF_SCHED_DIGEST ? sched_digest(x, o) :
		    sched_notice(x, o);
	}
	return r;
}

/* The row of the schedule, made or brought up to date with its settings
 * (the next occurrence from now on) in a transaction of its own. */
static int
sched_row(struct sched_run *x, struct store_schedule *row)
{
	char spec[65];
	int r;

	schedule_spec(x->sc, spec);
	if ((r = store_schedule_get(x->st, x->sc->name, row)) == -1) {
		return -1;
	}
	if (r == 1 && strcmp(row->spec, spec) == 0) {
		return 0;
	}
	if (r == 0) {
		memset(row, 0, sizeof *row);
		snprintf(row->name, sizeof row->name, "%s", x->sc->name);
	}
	snprintf(row->spec, sizeof row->spec, "%s", spec);
	row->next_action_at = schedule_next(x->sc, x->cal, x->now - 1);
	if (store_begin(x->st) == -1) {
		return -1;
	}
	if (store_schedule_put(x->st, row) == -1 || store_commit(x->st) ==
	    -1) {
		store_rollback(x->st);
		return -1;
	}
	return 0;
}

/* Record the occurrence and queue its messages: one transaction.  *fired
 * 0 when it had been fired already (by another tick). */
static int
sched_fire(struct sched_run *x, int *fired)
{
	struct store_schedule row;
	int r;

	*fired = 0;
	if (store_begin(x->st) == -1) {
		return -1;
	}
	if ((r = store_schedule_get(x->st, x->sc->name, &row)) != 1 ||
	    row.next_action_at == 0 || row.next_action_at > x->now) {
		store_rollback(x->st);
		return r == -1 ? -1 : 0;
	}
	r = store_timer_fire(x->st, "schedule", row.id,
	    schedule_kind_name(x->sc->kind), (int64_t)x->occ, x->occ, x->now);
	if (r == -1 || (r == 1 && sched_officers(x) == -1)) {
		store_rollback(x->st);
		return -1;
	}
	*fired = r;
	row.next_action_at = schedule_next(x->sc, x->cal, x->now);
	if (store_schedule_put(x->st, &row) == -1 || store_commit(x->st) ==
	    -1) {
		store_rollback(x->st);
		*fired = 0;
		return -1;
	}
	return 0;
}

static void
sched_run_free(struct sched_run *x)
{
	size_t i;

	for (i = 0; i < x->nrecap; i++) {
		report_free(x->recap[i].r);
		buf_free(&x->recap[i].text);
		buf_free(&x->recap[i].html);
		buf_free(&x->recap[i].csv);
	}
	for (i = 0; i < x->ndigest; i++) {
		buf_free(&x->digest[i].cases);
	}
	free(x->digest);
	buf_free(&x->what);
}

/* One schedule at now: 0 (fired or nothing due), -1. */
static int
sched_one(struct sched_run *x, timers_cb cb, void *arg, int *actions)
{
	struct store_schedule row;
	struct timers_done d;
	char ref[80];
	int fired, rc;

	if (sched_row(x, &row) == -1) {
		return -1;
	}
	if (row.next_action_at == 0 || row.next_action_at > x->now ||
	    (x->occ = schedule_prev(x->sc, x->cal, x->now)) == 0) {
		return 0;
	}
	x->id = row.id;
	if (sched_prepare(x) == -1) {
		return -1;
	}
	if ((rc = sched_fire(x, &fired)) == -1 || !fired) {
		return rc;
	}
	(*actions)++;
	if (cb != NULL) {
		snprintf(ref, sizeof ref, "schedule:%s", x->sc->name);
		buf_printf(&x->what, "%s(%d message(s))", x->what.len ? " " :
		    "nobody ", x->sent);
		d.reference = ref;
		d.kind = schedule_kind_name(x->sc->kind);
		d.seq = (int64_t)x->occ;
		d.at = x->occ;
		d.what = x->what.data;
		return cb(arg, &d) != 0 ? 1 : 0;
	}
	return 0;
}

int
schedule_tick(const struct conf *cf, struct store *st,
    const struct tmplset *ts, const struct calendar *cal, time_t now,
    timers_cb cb, void *arg, int *actions)
{
	struct sched_run x;
	size_t i;
	int r, rc = 0;

	for (i = 0; i < cf->nschedules; i++) {
		memset(&x, 0, sizeof x);
		x.cf = cf;
		x.st = st;
		x.ts = ts;
		x.cal = cal;
		x.sc = &cf->schedules[i];
		x.now = now;
		buf_init(&x.what);
		r = sched_one(&x, cb, arg, actions);
		sched_run_free(&x);
		if (r == -1) {
			log_warnx("schedule %s: not carried out; tried again "
			    "at the next tick", cf->schedules[i].name);
			rc = -1;
		} else if (r == 1) {
			break;	/* the caller asked to stop */
		}
	}
	return rc;
}
