/*
 * casework_approval.c — answers that wait for an approver (approval.h has
 * the rule): the draft an answer becomes, its approval (as written, or
 * with the approver's edited text), its return to the author with a
 * comment, and the reminders to approvers on the timer engine.
 *
 * casework_answer() asks approval_needed() first: when the answer waits,
 * it is stored as a draft (every version of its text kept) and sent to
 * the case's approvers with the case's summary; the case stays in its
 * status and nothing reaches the complainant.  Only the approval sends it,
 * through the same path an unapproved answer takes, at the time of the
 * approval: so the clock counts the first response when the complainant
 * gets the text, and an answer the case's status no longer allows (closed
 * meanwhile) is refused at approval as it would be at writing.
 *
 * One draft waits per case: a second answer while one waits replaces it
 * (the author corrects their text before it is approved; the replaced one
 * is kept, marked replaced).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "approval.h"
#include "calendar.h"
#include "casework.h"
#include "casework_priv.h"
#include "log.h"
#include "xmalloc.h"

static time_t
draft_now(const struct casework *cw)
{
	return cw->now != 0 ? cw->now : time(NULL);
}

/* The officer an actor "officer:<id>" names; NULL for anyone else. */
const struct conf_officer *
casework_actor_officer(const struct conf *cf, const char *actor)
{
	if (actor == NULL || strncmp(actor, "officer:", 8) != 0) {
		return NULL;
	}
	return conf_officer_by_id(cf, actor + 8);
}

/* What the answer is, for the approver: "jawaban", "answer", ... */
static const char *
draft_kind_label(const char *action, const char *lang)
{
	int id = lang != NULL && strcmp(lang, "id") == 0;

	if (strcmp(action, "reject") == 0) {
		return id ? "penolakan (alasan untuk pelapor)" :
		    "rejection (the reason, to the complainant)";
	}
	if (strcmp(action, "correct") == 0) {
		return id ? "koreksi jawaban" : "corrected answer";
	}
	return id ? "jawaban akhir" : "final answer";
}

/* Template name to one approver about draft d (waited: seconds it has
 * waited, 0: just written), in the approver's language. */
static int
draft_to_approver(const struct casework *cw, const struct case_brief *c,
    const struct store_draft *d, const struct conf_officer *o,
    const char *name, int64_t waited)
{
	const char *lang = o->language ? o->language : cw->cf->language;
	char num[24], waiting[96] = "";
	struct tmpl_var extra[] = {
		{ "draft", num },
		{ "text", d->text },
		{ "author", d->author },
		{ "answer_kind", draft_kind_label(d->action, lang) },
		{ "waiting", waiting },
	};

	snprintf(num, sizeof num, "%lld", (long long)d->id);
	if (waited > 0) {
		sla_format_span(waited, lang, waiting, sizeof waiting);
	}
	return casework_to_officer(cw, c, o, name, 0, extra,
	    sizeof extra / sizeof extra[0]);
}

/* ... to each approver of the case but the author (who does not approve
 * their own, unless self_approve). */
static int
draft_to_approvers(const struct casework *cw, const struct case_brief *c,
    const struct store_draft *d, const char *name, int64_t waited)
{
	const struct conf_officer *o, *skip;
	char *const *ids;
	size_t i, n;

	skip = cw->cf->approval.self_approve ? NULL :
	    casework_actor_officer(cw->cf, d->author);
	ids = approval_approvers(cw->cf, c->category, &n);
	for (i = 0; i < n; i++) {
		if ((o = conf_officer_by_id(cw->cf, ids[i])) != NULL &&
		    o != skip && draft_to_approver(cw, c, d, o, name, waited)
		    == -1) {
			return -1;
		}
	}
	return 0;
}

int
casework_draft(const struct casework *cw, const struct case_brief *c,
    enum case_action a, const char *text, const char *actor,
    int64_t message_id, int64_t *draft)
{
	struct store_draft old, d;
	char detail[200];
	time_t now = draft_now(cw);
	int r, rc;

	if ((r = store_draft_pending(cw->st, c->id, &old)) == -1) {
		return -1;
	}
	if (r == 1) {
		free(old.text);
		snprintf(detail, sizeof detail, "draft #%lld replaced by a new "
		    "answer", (long long)old.id);
		if (store_draft_decide(cw->st, old.id, "replaced", actor, NULL,
		    now) == -1 || store_event_add(cw->st, c->id, actor,
		    "draft_replaced", detail) == -1) {
			return -1;
		}
	}
	memset(&d, 0, sizeof d);
	if (store_draft_add(cw->st, c->id, case_action_name(a), actor,
	    message_id, text, now, &d.id) == -1) {
		return -1;
	}
	snprintf(d.action, sizeof d.action, "%s", case_action_name(a));
	snprintf(d.author, sizeof d.author, "%s", actor);
	d.text = (char *)text;
	snprintf(detail, sizeof detail, "draft #%lld (%s) waits for "
	    "approval", (long long)d.id, d.action);
	rc = store_event_add(cw->st, c->id, actor, "draft", detail);
	if (rc == 0) {
		rc = draft_to_approvers(cw, c, &d, "approval", 0);
	}
	if (draft != NULL) {
		*draft = d.id;
	}
	return rc;
}

/* The draft and its case, checked: 0, 1 refused (why in refusal), -1. */
static int
draft_load(const struct casework *cw, struct casework_decision *x,
    struct store_draft *d, struct case_brief *c)
{
	int id = x->lang != NULL && strcmp(x->lang, "id") == 0, r;

	if ((r = store_draft_get(cw->st, x->draft, d)) != 1) {
		if (r == 0) {
			snprintf(x->refusal, sizeof x->refusal, id ? "tidak "
			    "ada draf jawaban #%lld" : "there is no draft "
			    "#%lld", (long long)x->draft);
		}
		return r == 0 ? 1 : -1;
	}
	if ((r = store_case_by_id(cw->st, d->case_id, c)) != 1) {
		return r == 0 ? 1 : -1;
	}
	if (strcmp(d->status, "pending") != 0) {
		snprintf(x->refusal, sizeof x->refusal, id ? "draf #%lld "
		    "tidak menunggu persetujuan lagi (%s)" : "draft #%lld "
		    "no longer waits for approval (%s)", (long long)d->id,
		    d->status);
		return 1;
	}
	if (!approval_may_decide(cw->cf, c->category, x->officer, d->author,
	    x->lang, x->refusal, sizeof x->refusal)) {
		x->forbidden = 1;
		return 1;
	}
	return 0;
}

/* Approve: the final text (the approver's edit a new version), the
 * decision, the answer sent as its author's. */
static int
draft_approve(const struct casework *cw, struct casework_decision *x,
    struct store_draft *d, const struct case_brief *c)
{
	int n = case_action_by_name(d->action);
	enum case_action a = n >= 0 ? (enum case_action)n : CASE_ACT_RESOLVE;
	const char *next, *text = d->text;
	char detail[200];
	time_t now = draft_now(cw);
	int version = d->version;

	if (n < 0 || !case_action_next(c->status, a, &next)) {
		case_action_refusal(c->status, a, x->lang, x->refusal,
		    sizeof x->refusal);
		return 1;
	}
	if (x->text != NULL && *x->text != '\0') {
		if (store_draft_version_add(cw->st, d->id, x->text, x->actor,
		    now, &version) == -1) {
			return -1;
		}
		text = x->text;
	}
	snprintf(detail, sizeof detail, "draft #%lld approved (version %d%s)",
	    (long long)d->id, version, text == d->text ? "" : ", edited");
	x->version = version;
	if (store_draft_decide(cw->st, d->id, "approved", x->actor, NULL,
	    now) == -1 || store_event_add(cw->st, c->id, x->actor,
	    "approved", detail) == -1) {
		return -1;
	}
	return casework_answer_send(cw, c, a, text, d->author,
	    d->message_id);
}

/* Return: the decision with the comment, the author told. */
static int
draft_return(const struct casework *cw, struct casework_decision *x,
    struct store_draft *d, const struct case_brief *c)
{
	const struct conf_officer *author;
	char detail[700], num[24];
	struct tmpl_var extra[] = {
		{ "draft", num },
		{ "text", d->text },
		{ "comment", x->text },
		{ "author", x->actor },
	};

	if (x->text == NULL || *x->text == '\0') {
		snprintf(x->refusal, sizeof x->refusal, "%s", x->lang != NULL &&
		    strcmp(x->lang, "id") == 0 ? "tuliskan komentar untuk "
		    "penulis jawaban" : "write a comment for the answer's "
		    "author");
		return 1;
	}
	snprintf(detail, sizeof detail, "draft #%lld returned to %s: %.500s",
	    (long long)d->id, d->author, x->text);
	if (store_draft_decide(cw->st, d->id, "returned", x->actor, x->text,
	    draft_now(cw)) == -1 || store_event_add(cw->st, c->id, x->actor,
	    "returned", detail) == -1) {
		return -1;
	}
	if ((author = casework_actor_officer(cw->cf, d->author)) == NULL) {
		return 0;	/* an admin reads it in complaintctl show */
	}
	snprintf(num, sizeof num, "%lld", (long long)d->id);
	return casework_to_officer(cw, c, author, "returned", 0, extra,
	    sizeof extra / sizeof extra[0]);
}

int
casework_decide(const struct casework *cw, struct casework_decision *x)
{
	struct store_draft d;
	int r;

	x->refusal[0] = '\0';
	x->forbidden = 0;
	x->version = 0;
	memset(&d, 0, sizeof d);
	memset(&x->kase, 0, sizeof x->kase);
	if ((r = draft_load(cw, x, &d, &x->kase)) == 0) {
		r = x->approve ? draft_approve(cw, x, &d, &x->kase) :
		    draft_return(cw, x, &d, &x->kase);
	}
	free(d.text);
	return r;
}

/* ---- reminders (the timer engine) ---- */

struct remind_ctx {
	const struct casework	*cw;
	const struct calendar	*cal;
	time_t			 now;
	int64_t			*ids;
	size_t			 n;
};

static int
remind_collect(void *arg, const struct store_draft *d)
{
	struct remind_ctx *x = arg;

	x->ids = xreallocarray(x->ids, x->n + 1, sizeof *x->ids);
	x->ids[x->n++] = d->id;
	return 0;
}

/* The reminder due for draft d as of now: its number (0: none yet). */
static int64_t
remind_due(const struct remind_ctx *x, const struct store_draft *d,
    time_t *at)
{
	int64_t step = (int64_t)x->cw->cf->approval.remind_hours * 3600, k;
	time_t t;

	for (k = 0; k < 1000; k++) {
		t = calendar_add(x->cal, (time_t)d->created_at, (k + 1) * step);
		if (t > x->now) {
			break;
		}
		*at = t;
	}
	return k;
}

static int
remind_allowed(const struct case_brief *c, const struct store_draft *d)
{
	const char *next;
	int a = case_action_by_name(d->action);

	return a >= 0 && case_action_next(c->status, (enum case_action)a,
	    &next);
}

/* One draft's reminder, once whatever the ticks. */
static int
remind_one(struct remind_ctx *x, int64_t id, int *sent)
{
	const struct casework *cw = x->cw;
	struct store_draft d;
	struct case_brief c;
	char detail[160];
	time_t at = 0;
	int64_t k;
	int r;

	if ((r = store_draft_get(cw->st, id, &d)) != 1) {
		return r;
	}
	r = 0;
	k = strcmp(d.status, "pending") == 0 ? remind_due(x, &d, &at) : 0;
	/* a draft its case no longer allows (closed meanwhile) waits to be
	 * returned, without reminders */
	if (k > 0 && store_case_by_id(cw->st, d.case_id, &c) == 1 &&
	    remind_allowed(&c, &d) && (r = store_timer_fire(cw->st, "draft", d.id, "approval_reminder",
	    k, at, x->now)) == 1) {
		snprintf(detail, sizeof detail, "draft #%lld waits for "
		    "approval: reminder %lld to the approvers",
		    (long long)d.id, (long long)k);
		r = store_event_add(cw->st, c.id, "system",
		    "approval_reminder", detail);
		if (r == 0) {
			r = draft_to_approvers(cw, &c, &d, "approval-reminder",
			    (int64_t)(x->now - d.created_at));
		}
		*sent += r == 0;
	}
	free(d.text);
	return r == -1 ? -1 : 0;
}

int
casework_approval_tick(const struct casework *cw, const struct calendar *cal,
    time_t now, int *reminded)
{
	struct remind_ctx x;
	size_t i;

	*reminded = 0;
	if (cw->cf->approval.remind_hours <= 0 || cal == NULL) {
		return 0;
	}
	memset(&x, 0, sizeof x);
	x.cw = cw;
	x.cal = cal;
	x.now = now;
	if (store_draft_list(cw->st, 0, 1, remind_collect, &x) == -1) {
		free(x.ids);
		return -1;
	}
	for (i = 0; i < x.n; i++) {
		if (store_begin(cw->st) == -1) {
			return -1;
		}
		if (remind_one(&x, x.ids[i], reminded) == -1 ||
		    store_commit(cw->st) == -1) {
			store_rollback(cw->st);
			log_warnx("approval: draft #%lld: the reminder is tried "
			    "again at the next tick", (long long)x.ids[i]);
		}
	}
	free(x.ids);
	return 0;
}
