/*
 * casework_clock.c — the procedure clock in the workflow (see casework.h
 * and, for the rules, sla.h): starting a case's clock, each step's effect
 * on it, the clock's own actions (notices, escalation, closes), asking
 * the complainant and their answer, and the clock's words in templates.
 *
 * The decisions are sla.c's.  Here a case's clock is loaded from the
 * store (its columns, its category's policy, the height of the
 * escalation chain above its officers, the keys it fired this round),
 * changed by one sla_case_* transition, and stored with what it derives
 * — the deadline running now and the next action not yet fired — in the
 * caller's transaction.  Because every step that changes a clock input
 * calls casework_clock_on(), next_action_at is always what the timer
 * engine must look at next, and nothing else needs to scan cases.
 *
 * Officers can have their own language, so notices are rendered per
 * officer: the dates and working times a notice carries (which due time,
 * how long left or overdue) are put in words in that officer's language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework.h"
#include "cpar.h"
#include "casework_priv.h"

#define CW_MAX_OFFICERS	64

static time_t
cw_now(const struct casework *cw)
{
	return cw->now != 0 ? cw->now : time(NULL);
}

static const char *
cw_lang_of(const struct casework *cw, const struct conf_officer *o,
    const struct case_brief *c)
{
	if (o != NULL) {
		return o->language ? o->language : cw->cf->language;
	}
	return c->language[0] ? c->language : cw->cf->language;
}

static const char *
cw_escalate_to(void *ctx, const char *id)
{
	const struct conf_officer *o = conf_officer_by_id(ctx, id);

	return o != NULL ? o->escalate_to : NULL;
}

/* Split the ","-joined ids in buf (changed) into ids[]. */
static size_t
cw_split(char *buf, const char **ids, size_t max)
{
	char *p, *id, *save = NULL;
	size_t n = 0;

	for (p = buf; n < max && (id = strtok_r(p, ",", &save)) != NULL;
	    p = NULL) {
		ids[n++] = id;
	}
	return n;
}

static int
cw_fired_key(void *arg, const char *kind, int64_t seq)
{
	struct casework_clock *k = arg;
	int kd = sla_kind_parse(kind);

	if (kd >= 0 && k->nfired < CASEWORK_MAX_FIRED) {
		k->fired[k->nfired].kind = (enum sla_kind)kd;
		k->fired[k->nfired++].seq = seq;
	}
	return 0;
}

/* ---- loading and storing a clock ---- */

static void
cw_state_of_row(struct casework_clock *k, int top)
{
	const struct store_clock *r = &k->row;
	struct sla_case *c = &k->c;

	memset(c, 0, sizeof *c);
	c->round = r->round;
	c->started_at = r->started_at;
	c->first_response_at = r->first_response_at;
	c->response_due_at = r->response_due_at;
	c->resolve_due_at = r->resolve_due_at;
	c->paused_at = r->paused_at;
	c->paused_secs = r->paused_secs;
	c->level = r->level;
	c->level_at = r->level_at;
	c->top_level = top;
}

int
casework_clock_load(const struct casework *cw, int64_t case_id,
    struct casework_clock *k)
{
	const char *ids[CW_MAX_OFFICERS];
	char buf[1024];
	int r, top;

	memset(k, 0, sizeof *k);
	if ((r = store_case_clock_get(cw->st, case_id, &k->row)) != 1) {
		return r;
	}
	sla_policy_of(cw->cf, k->row.category, &k->pol);
	if (store_case_officers(cw->st, case_id, buf, sizeof buf) == -1) {
		return -1;
	}
	top = sla_chain_height(ids, cw_split(buf, ids, CW_MAX_OFFICERS),
	    cw_escalate_to, (void *)cw->cf);
	if (k->row.started_at == 0) {
		/* a case from before the clock: its times as if it had one */
		sla_case_open(cw->cal, &k->pol, k->row.received_at, top, &k->c);
		k->c.first_response_at = k->row.first_response_at;
		k->c.level = k->row.level;
	} else {
		cw_state_of_row(k, top);
	}
	k->c.phase = sla_phase_of(k->row.status, k->c.paused_at);
	k->c.resolved_at = k->row.resolved_at;
	return store_timer_fired(cw->st, "case", case_id, k->c.round,
	    sla_kind_name(SLA_ESCALATE), cw_fired_key, k) == -1 ? -1 : 1;
}

int
casework_clock_save(const struct casework *cw, struct casework_clock *k,
    time_t now)
{
	struct store_clock *r = &k->row;
	const struct sla_case *c = &k->c;
	struct sla_action next;

	r->round = c->round;
	r->started_at = c->started_at;
	r->first_response_at = c->first_response_at;
	r->response_due_at = c->response_due_at;
	r->resolve_due_at = c->resolve_due_at;
	r->paused_at = c->paused_at;
	r->paused_secs = c->paused_secs;
	r->level = c->level;
	r->level_at = c->level_at;
	r->due_at = sla_case_deadline(c);
	r->next_action_at = 0;
	r->next_action[0] = '\0';
	if (sla_case_next(cw->cal, &k->pol, c, k->fired, k->nfired, now,
	    &next)) {
		r->next_action_at = next.at;
		snprintf(r->next_action, sizeof r->next_action, "%s",
		    sla_kind_name(next.kind));
	}
	return store_case_clock_set(cw->st, r);
}

int
casework_clock_start(const struct casework *cw, const struct case_brief *c)
{
	struct casework_clock k;
	int r;

	if (cw->cal == NULL || c->id == 0) {
		return 0;
	}
	if ((r = casework_clock_load(cw, c->id, &k)) != 1) {
		return r;
	}
	return casework_clock_save(cw, &k, cw_now(cw));
}

/* ---- what the steps do to the clock ---- */

static int
cw_clock_untouched(enum case_action a)
{
	switch (a) {
	case CASE_ACT_ACK_DELIVERED:
	case CASE_ACT_NOTE:
	case CASE_ACT_CORRECT:
	case CASE_ACT_PRIORITY:
	case CASE_ACT_CONFIDENTIAL:
	case CASE_ACT_FOLLOWUP:
	case CASE_ACT_ESCALATE:
		return 1;
	default:
		return 0;
	}
}

static void
cw_clock_apply(const struct casework *cw, struct casework_clock *k,
    enum case_action a, time_t at)
{
	struct sla_case *c = &k->c;

	switch (a) {
	case CASE_ACT_REPLY:
		sla_case_responded(c, at);
		break;
	case CASE_ACT_ASK:
		sla_case_pause(c, at);
		break;
	case CASE_ACT_ANSWERED:
	case CASE_ACT_PROGRESS:
		sla_case_resume(cw->cal, c, at);
		break;
	case CASE_ACT_RESOLVE:
		sla_case_resolved(c, at);
		break;
	case CASE_ACT_REJECT:
		sla_case_responded(c, at);
		sla_case_closed(c);
		break;
	case CASE_ACT_RECATEGORISE:
		/* an answered or closed case keeps the times it was held to */
		if (c->phase == SLA_PHASE_OPEN ||
		    c->phase == SLA_PHASE_WAITING) {
			sla_case_recategorise(cw->cal, &k->pol, c);
		}
		break;
	case CASE_ACT_REOPEN:
	case CASE_ACT_DISSATISFIED:
		sla_case_reopen(cw->cal, &k->pol, c, at);
		if (a == CASE_ACT_DISSATISFIED) {
			c->level_at = at;	/* the level rose now */
		}
		break;
	default:
		/* ASSIGN: the chain was measured again when loading; the
		 * closes: the status says the clock is done */
		if (sla_phase_of(k->row.status, 0) == SLA_PHASE_DONE) {
			sla_case_closed(c);
		}
		break;
	}
}

int
casework_clock_on(const struct casework *cw, const struct case_brief *c,
    enum case_action a, time_t at)
{
	struct casework_clock k;
	int r;

	if (cw->cal == NULL || c->id == 0 || cw_clock_untouched(a)) {
		return 0;
	}
	if ((r = casework_clock_load(cw, c->id, &k)) != 1) {
		return r;
	}
	cw_clock_apply(cw, &k, a, at);
	return casework_clock_save(cw, &k, at);
}

/* ---- words ---- */

void
casework_clock_text(const struct casework *cw, const struct case_brief *c,
    const char *lang, struct casework_clock_text *t)
{
	struct store_clock r;

	memset(t, 0, sizeof *t);
	if (cw->cal == NULL || c->id == 0 ||
	    store_case_clock_get(cw->st, c->id, &r) != 1) {
		return;
	}
	if (r.resolve_due_at != 0) {
		sla_format_when(r.resolve_due_at, lang, t->due, sizeof t->due);
	}
	if (r.response_due_at != 0) {
		sla_format_when(r.response_due_at, lang, t->response_due,
		    sizeof t->response_due);
	}
	if (r.due_at != 0) {
		sla_format_left(cw->cal, r.due_at, cw_now(cw), lang,
		    t->due_left, sizeof t->due_left);
	}
}

/* A notice of the clock, its variables in one recipient's language. */
struct cw_notice {
	const struct sla_action	*a;
	const char		*officers;	/* names of the case's */
	char			 due[64];
	char			 left[96];
	char			 level[16];
	char			 close_on[64];
	struct tmpl_var		 v[8];
	size_t			 nv;
};

/* Which due time an action concerns, in words. */
static const char *
cw_due_what(const struct sla_action *a, const char *lang)
{
	int id = strcmp(lang, "id") == 0;

	if (a->kind == SLA_REMIND_RESPONSE || a->cause ==
	    SLA_OVERDUE_RESPONSE) {
		return id ? "tanggapan pertama" : "first response";
	}
	return id ? "penyelesaian" : "resolution";
}

static void
cw_notice_add(struct cw_notice *n, const char *name, const char *value)
{
	n->v[n->nv].name = name;
	n->v[n->nv++].value = value;
}

static void
cw_notice_lang(const struct casework *cw, struct cw_notice *n,
    const char *lang)
{
	const struct sla_action *a = n->a;

	n->nv = 0;
	sla_format_when(a->due, lang, n->due, sizeof n->due);
	sla_format_left(cw->cal, a->due, cw_now(cw), lang, n->left,
	    sizeof n->left);
	snprintf(n->close_on, sizeof n->close_on, "%s", n->due);
	snprintf(n->level, sizeof n->level, "%lld", (long long)a->seq);
	cw_notice_add(n, "due", n->due);
	cw_notice_add(n, "due_left", n->left);
	cw_notice_add(n, "due_what", cw_due_what(a, lang));
	cw_notice_add(n, "close_on", n->close_on);
	cw_notice_add(n, "officers", n->officers);
	if (a->kind == SLA_ESCALATE) {
		cw_notice_add(n, "level", n->level);
	}
}

/* "Name (Role), Name (Role)" of the officers ids[0..n), into buf. */
static void
cw_officer_names(const struct casework *cw, const char *const *ids,
    size_t n, char *buf, size_t len)
{
	const struct conf_officer *o;
	size_t i, off = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i < n && off < len; i++) {
		if ((o = conf_officer_by_id(cw->cf, ids[i])) == NULL) {
			continue;
		}
		w = snprintf(buf + off, len - off, "%s%s%s%s%s", off ? ", " :
		    "", o->name, o->role ? " (" : "", o->role ? o->role : "",
		    o->role ? ")" : "");
		off += w > 0 ? (size_t)w : 0;
	}
}

/* "kepsek, wmm" appended to done. */
static void
cw_done_add(char *done, size_t len, const char *what)
{
	size_t off = strlen(done);

	snprintf(done + off, len - off, "%s%s", off ? ", " : "", what);
}

/* Template tmpl to officer o, with the notice's words in their
 * language. */
static int
cw_notice_officer(const struct casework *cw, const struct case_brief *c,
    const struct conf_officer *o, const char *tmpl, struct cw_notice *n)
{
	cw_notice_lang(cw, n, cw_lang_of(cw, o, c));
	return casework_to_officer(cw, c, o, tmpl, 0, n->v, n->nv);
}

/* A reminder or an overdue notice to the case's officers. */
static int
cw_act_notice(const struct casework *cw, const struct case_brief *c,
    const struct sla_action *a, const char *tmpl, char *done, size_t len)
{
	const char *ids[CW_MAX_OFFICERS];
	const struct conf_officer *o;
	struct cw_notice n;
	char buf[1024], names[1024], when[32], told[512] = "", detail[768];
	size_t i, nids;

	if (store_case_officers(cw->st, c->id, buf, sizeof buf) == -1) {
		return -1;
	}
	nids = cw_split(buf, ids, CW_MAX_OFFICERS);
	memset(&n, 0, sizeof n);
	n.a = a;
	cw_officer_names(cw, ids, nids, names, sizeof names);
	n.officers = names;
	for (i = 0; i < nids; i++) {
		if ((o = conf_officer_by_id(cw->cf, ids[i])) == NULL) {
			continue;
		}
		if (cw_notice_officer(cw, c, o, tmpl, &n) == -1) {
			return -1;
		}
		cw_done_add(told, sizeof told, o->id);
	}
	calendar_format_local(a->due, when, sizeof when);
	snprintf(done, len, "%s to %s", tmpl, told[0] ? told : "nobody");
	snprintf(detail, sizeof detail, "%s due %s; told: %s",
	    cw_due_what(a, "en"), when, told[0] ? told : "no officer");
	return store_event_add(cw->st, c->id, "system", tmpl, detail);
}

/* Is id among ids[0..n)? */
static int
cw_among(const char *const *ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(ids[i], id) == 0) {
			return 1;
		}
	}
	return 0;
}

/* One level up: each officer's escalate_to that is not on the case yet
 * joins it (so their replies and commands are taken as an assigned
 * officer's) and is sent the case. */
static int
cw_act_escalate(const struct casework *cw, const struct case_brief *c,
    const struct sla_action *a, char *done, size_t len)
{
	const char *ids[CW_MAX_OFFICERS], *up[CW_MAX_OFFICERS];
	const struct conf_officer *o, *u;
	struct cw_notice n;
	char buf[1024], names[1024], joined[512] = "", detail[768], when[32];
	size_t i, nids, nup = 0;

	if (store_case_officers(cw->st, c->id, buf, sizeof buf) == -1) {
		return -1;
	}
	nids = cw_split(buf, ids, CW_MAX_OFFICERS);
	cw_officer_names(cw, ids, nids, names, sizeof names);
	for (i = 0; i < nids && nup < CW_MAX_OFFICERS; i++) {
		o = conf_officer_by_id(cw->cf, ids[i]);
		if (o != NULL && o->escalate_to != NULL &&
		    !cw_among(ids, nids, o->escalate_to) &&
		    !cw_among(up, nup, o->escalate_to)) {
			up[nup++] = o->escalate_to;
		}
	}
	memset(&n, 0, sizeof n);
	n.a = a;
	n.officers = names;
	for (i = 0; i < nup; i++) {
		if ((u = conf_officer_by_id(cw->cf, up[i])) == NULL) {
			continue;
		}
		snprintf(detail, sizeof detail, "escalated to %s (level %lld)",
		    u->id, (long long)a->seq);
		if (store_case_assign(cw->st, c->id, u->id) == -1 ||
		    store_event_add(cw->st, c->id, "system", "assigned",
		    detail) == -1 ||
		    cw_notice_officer(cw, c, u, "escalation", &n) == -1) {
			return -1;
		}
		cw_done_add(joined, sizeof joined, u->id);
	}
	if (joined[0] != '\0') {
		snprintf(done, len, "level %lld: escalated to %s",
		    (long long)a->seq, joined);
	} else {
		snprintf(done, len, "level %lld: nobody higher up is "
		    "configured", (long long)a->seq);
	}
	calendar_format_local(a->due, when, sizeof when);
	snprintf(detail, sizeof detail, "%s due %s unmet; %s",
	    cw_due_what(a, "en"), when, done);
	return store_event_add(cw->st, c->id, "system", "escalated", detail);
}

/* The complainant is reminded to give feedback before the case closes. */
static int
cw_act_feedback_reminder(const struct casework *cw,
    const struct case_brief *c, const struct sla_action *a, char *done,
    size_t len)
{
	struct cw_notice n;
	char when[32], detail[160];

	memset(&n, 0, sizeof n);
	n.a = a;
	n.officers = "";
	cw_notice_lang(cw, &n, cw_lang_of(cw, NULL, c));
	calendar_format_local(a->due, when, sizeof when);
	snprintf(detail, sizeof detail, "the complainant is reminded to give "
	    "feedback; the case closes by itself at %s", when);
	snprintf(done, len, "feedback reminder to the complainant");
	if (store_event_add(cw->st, c->id, "system", "feedback_reminder",
	    detail) == -1) {
		return -1;
	}
	return casework_to_complainant(cw, c, "feedback-reminder", 1, NULL,
	    n.v, n.nv);
}

/* No feedback, or no answer to a question, in time: closed, with the
 * reason, and the complainant told. */
static int
cw_act_close(const struct casework *cw, const struct case_brief *c,
    const struct casework_clock *k, const struct sla_action *a, char *done,
    size_t len)
{
	enum case_action act = a->kind == SLA_CLOSE_NO_FEEDBACK ?
	    CASE_ACT_AUTOCLOSE : CASE_ACT_WAIT_EXPIRED;
	const char *next;
	char detail[256], refusal[160];
	time_t now = cw_now(cw);

	if (!case_action_next(c->status, act, &next)) {
		case_action_refusal(c->status, act, "en", refusal,
		    sizeof refusal);
		snprintf(done, len, "not closed: %s", refusal);
		return 0;
	}
	if (act == CASE_ACT_AUTOCLOSE) {
		snprintf(detail, sizeof detail, "closed: no feedback from the "
		    "complainant within %d working days (satisfaction: no "
		    "answer)", k->pol.feedback_days);
	} else {
		snprintf(detail, sizeof detail, "closed: the complainant did "
		    "not answer the request for information within %d "
		    "working days", k->pol.wait_days);
	}
	snprintf(done, len, "%s", detail);
	/* held for a corrective action (cpar.h): stays resolved */
	if (act == CASE_ACT_AUTOCLOSE) {
		char why[400];
		int held = cpar_close_held(cw, c, "en", why, sizeof why);

		if (held == 1) {
			snprintf(done, len, "close held: %s", why);
			return store_case_set_satisfaction(cw->st, c->id,
			    "no_answer") == -1 || cpar_hold_close(cw, c, why)
			    == -1 ? -1 : 0;
		}
		if (held == -1) {
			return -1;
		}
	}
	if (store_case_set_status(cw->st, c->id, next, now) == -1 ||
	    (act == CASE_ACT_AUTOCLOSE && store_case_set_satisfaction(cw->st,
	    c->id, "no_answer") == -1) ||
	    store_event_add(cw->st, c->id, "system", case_action_name(act),
	    detail) == -1) {
		return -1;
	}
	return casework_to_complainant(cw, c, act == CASE_ACT_AUTOCLOSE ?
	    "autoclose" : "wait-expired", 1, NULL, NULL, 0);
}

int
casework_clock_act(const struct casework *cw, const struct case_brief *c,
    const struct casework_clock *k, const struct sla_action *a, char *done,
    size_t donelen)
{
	done[0] = '\0';
	switch (a->kind) {
	case SLA_REMIND_RESPONSE:
	case SLA_REMIND_RESOLVE:
		return cw_act_notice(cw, c, a, "reminder", done, donelen);
	case SLA_OVERDUE_RESPONSE:
	case SLA_OVERDUE_RESOLVE:
		return cw_act_notice(cw, c, a, "overdue", done, donelen);
	case SLA_ESCALATE:
		return cw_act_escalate(cw, c, a, done, donelen);
	case SLA_REMIND_FEEDBACK:
		return cw_act_feedback_reminder(cw, c, a, done, donelen);
	case SLA_CLOSE_NO_FEEDBACK:
	case SLA_CLOSE_NO_REPLY:
		return cw_act_close(cw, c, k, a, done, donelen);
	default:
		return 0;
	}
}

/* ---- asking the complainant ---- */

int
casework_ask(const struct casework *cw, const struct case_brief *c,
    const char *text, const char *actor, int64_t message_id)
{
	struct casework_thread th = { NULL, NULL, message_id };
	struct tmpl_var extra[] = { { "text", text } };
	const char *next;
	time_t now = cw_now(cw);

	if (!case_action_next(c->status, CASE_ACT_ASK, &next)) {
		return 1;
	}
	if (store_case_set_status(cw->st, c->id, next, now) == -1 ||
	    store_event_add(cw->st, c->id, actor, "asked", text) == -1 ||
	    casework_clock_on(cw, c, CASE_ACT_ASK, now) == -1) {
		return -1;
	}
	/* a person wrote it: not an automatic reply */
	return casework_to_complainant(cw, c, "ask", 0, &th, extra, 1) == -1 ?
	    -1 : 0;
}

int
casework_answered(const struct casework *cw, const struct case_brief *c,
    const char *text, int64_t message_id)
{
	struct tmpl_var extra[] = { { "text", text } };
	const char *next;
	time_t now = cw_now(cw);

	(void)message_id;
	if (!case_action_next(c->status, CASE_ACT_ANSWERED, &next)) {
		return 1;
	}
	if (store_case_set_status(cw->st, c->id, next, now) == -1 ||
	    casework_clock_on(cw, c, CASE_ACT_ANSWERED, now) == -1 ||
	    store_event_add(cw->st, c->id, "complainant", "answered", "the "
	    "complainant answered the request for information; the clock "
	    "runs again") == -1) {
		return -1;
	}
	return casework_to_assigned(cw, c, "followup", extra, 1) == -1 ?
	    -1 : 0;
}

int
casework_late_feedback(const struct casework *cw, const struct case_brief *c,
    enum intake_feedback fb)
{
	char detail[160];

	snprintf(detail, sizeof detail, "%s, after the case was %s (the case "
	    "stays as it is)", fb == INTAKE_FB_SATISFIED ? "satisfied" :
	    "not satisfied", case_status_label(c->status, "en"));
	return store_event_add(cw->st, c->id, "complainant", "late_feedback",
	    detail);
}
