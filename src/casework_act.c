/*
 * casework_act.c — the actions people take on a case (casework_act() in
 * casework.h), one path for every channel: an officer's email or SMS
 * command, their reply, complaintctl.
 *
 * Each action is checked in this order, and refused with a reason in the
 * actor's language before anything changes: its argument (a text, a
 * known officer or category), the transition table (case_action_next),
 * who may act (authz_may_act, for officers).  Then it is done in the
 * caller's transaction: the case's columns, one event with the actor,
 * the messages it implies (to the complainant through casework_answer(),
 * to officers through casework_to_officer()).
 *
 * The procedure clock hears of every action through casework_act_clock()
 * (casework_clock_on(), after the change); asking the complainant for
 * information is the clock's own step (casework_ask()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "approval.h"
#include "authz.h"
#include "casework.h"
#include "cpar.h"
#include "lang.h"

/* The words of a refusal in the actor's language. */
static const char *act_l(const struct casework_act *, const char *,
    const char *) __attribute__((format_arg(2), format_arg(3)));

static const char *
act_l(const struct casework_act *a, const char *id, const char *en)
{
	return a->lang != NULL && strcmp(a->lang, "id") == 0 ? id : en;
}

static int
act_refuse(struct casework_act *a, const char *id, const char *en)
{
	snprintf(a->refusal, sizeof a->refusal, "%s", act_l(a, id, en));
	return 1;
}

/* The time steps happen at: the timer engine's tick, else now. */
static time_t
act_now(const struct casework *cw)
{
	return cw->now != 0 ? cw->now : time(NULL);
}

/* The procedure clock hears of every action that changed a case, as the
 * case is now (a new category, new officers, a new status). */
static int
casework_act_clock(const struct casework *cw, const struct case_brief *c,
    enum case_action action, time_t at)
{
	struct case_brief now;
	int r;

	if ((r = store_case_by_id(cw->st, c->id, &now)) != 1) {
		return r == 0 ? 0 : -1;
	}
	return casework_clock_on(cw, &now, action, at);
}

/* ---- answers to the complainant ---- */

struct answer_ctx {
	const struct casework	*cw;
	const char		*tmpl;
	const struct tmpl_var	*extra;
	size_t			 nextra;
};

static int
answer_contact(void *arg, const struct case_brief *b)
{
	const struct answer_ctx *x = arg;
	struct casework_thread th = { NULL, NULL, 0 };

	return casework_to_complainant(x->cw, b, x->tmpl, 0, &th, x->extra,
	    x->nextra) == -1 ? -1 : 0;
}

static const char *
answer_template(enum case_action a)
{
	switch (a) {
	case CASE_ACT_CORRECT:
		return "correction";
	case CASE_ACT_REPLY:
		return "interim";
	case CASE_ACT_REJECT:
		return "rejection";
	default:
		return "resolution";
	}
}

/* The state change and the event of an answer. */
static int
answer_record(const struct casework *cw, const struct case_brief *c,
    enum case_action a, const char *text, const char *actor, time_t now)
{
	const char *next, *kind;

	if (!case_action_next(c->status, a, &next)) {
		next = c->status;
	}
	kind = a == CASE_ACT_CORRECT ? "corrected" : a == CASE_ACT_REPLY ?
	    "interim" : next;
	if (a != CASE_ACT_REPLY &&
	    store_case_set_resolution(cw->st, c->id, text) == -1) {
		return -1;
	}
	if (strcmp(next, c->status) != 0 &&
	    store_case_set_status(cw->st, c->id, next, now) == -1) {
		return -1;
	}
	if (store_case_first_response(cw->st, c->id, now) == -1) {
		return -1;
	}
	return store_event_add(cw->st, c->id, actor, kind, text);
}

int
casework_answer(const struct casework *cw, const struct case_brief *c,
    enum case_action a, const char *text, const char *actor,
    int64_t message_id)
{
	return casework_answer_draft(cw, c, a, text, actor, message_id, NULL);
}

/* The approval hook: an answer the case's approvers must see first waits
 * as a draft (casework_approval.c). */
int
casework_answer_draft(const struct casework *cw, const struct case_brief *c,
    enum case_action a, const char *text, const char *actor,
    int64_t message_id, int64_t *draft)
{
	int64_t d = 0;
	int r;

	if (approval_needed(cw->cf, c->category, a,
	    casework_actor_officer(cw->cf, actor))) {
		r = casework_draft(cw, c, a, text, actor, message_id, &d);
	} else {
		r = casework_answer_send(cw, c, a, text, actor, message_id);
	}
	if (draft != NULL) {
		*draft = d;
	}
	return r;
}

int
casework_answer_send(const struct casework *cw, const struct case_brief *c,
    enum case_action a, const char *text, const char *actor,
    int64_t message_id)
{
	struct casework_thread th = { NULL, NULL, message_id };
	struct tmpl_var extra[] = {
		{ "resolution", text },
		{ "reason", text },
		{ "text", text },
	};
	struct answer_ctx x = { cw, answer_template(a), extra,
	    sizeof extra / sizeof extra[0] };
	time_t now = act_now(cw);

	if (answer_record(cw, c, a, text, actor, now) == -1 ||
	    casework_act_clock(cw, c, a, now) == -1 ||
	    casework_to_complainant(cw, c, x.tmpl, 0, &th, extra, x.nextra)
	    == -1) {
		return -1;
	}
	return store_case_contacts(cw->st, c, answer_contact, &x);
}

/* ---- the other actions ---- */

static int
act_event(const struct casework *cw, const struct case_brief *c,
    const struct casework_act *a, const char *kind, const char *detail)
{
	return store_event_add(cw->st, c->id, a->actor, kind, detail);
}

/* Tell an officer who joins the case, with what it is about. */
static int
act_tell_officer(const struct casework *cw, const struct case_brief *c,
    const struct conf_officer *o)
{
	struct tmpl_var extra[] = { { "text", c->summary } };

	return casework_to_officer(cw, c, o, "notify", 0, extra, 1);
}

static int
act_assign(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a)
{
	const struct conf_officer *o = conf_officer_by_id(cw->cf, a->arg);
	char detail[160];

	if (o == NULL) {
		snprintf(a->refusal, sizeof a->refusal, act_l(a, "tidak ada "
		    "petugas dengan id \"%s\"", "there is no officer with "
		    "the id \"%s\""), a->arg ? a->arg : "");
		return 1;
	}
	snprintf(detail, sizeof detail, a->add ? "%s added to the case" :
	    "handed over to %s", o->id);
	if ((!a->add && store_case_unassign_all(cw->st, c->id) == -1) ||
	    store_case_assign(cw->st, c->id, o->id) == -1 ||
	    act_event(cw, c, a, "assigned", detail) == -1) {
		return -1;
	}
	return act_tell_officer(cw, c, o);
}

static int
act_recategorise(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a)
{
	const struct conf_category *cat;
	char detail[200];
	size_t i;

	cat = conf_category_by_id(cw->cf, a->arg);
	if (cat == NULL) {
		snprintf(a->refusal, sizeof a->refusal, act_l(a, "tidak ada "
		    "kategori \"%s\"", "there is no category \"%s\""),
		    a->arg ? a->arg : "");
		return 1;
	}
	if (strcmp(cat->id, c->category) == 0) {
		return act_refuse(a, "pengaduan sudah berada di kategori itu",
		    "the case is in that category already");
	}
	snprintf(detail, sizeof detail, "from %s to %s", c->category, cat->id);
	if (store_case_set_category(cw->st, c->id, cat->id) == -1 ||
	    store_case_unassign_all(cw->st, c->id) == -1 ||
	    act_event(cw, c, a, "recategorised", detail) == -1) {
		return -1;
	}
	for (i = 0; i < cat->nofficers; i++) {
		if (store_case_assign(cw->st, c->id, cat->officers[i]) == -1 ||
		    act_tell_officer(cw, c, conf_officer_by_id(cw->cf,
		    cat->officers[i])) == -1) {
			return -1;
		}
	}
	return 0;	/* the clock recomputes both due times (casework_act) */
}

/* "high" | "normal" | "low" (and the Indonesian words). */
static int
act_priority_value(const char *v, int *out)
{
	static const struct { const char *w; int v; } words[] = {
		{ "high", 1 }, { "tinggi", 1 }, { "normal", 0 },
		{ "biasa", 0 }, { "low", -1 }, { "rendah", -1 },
	};
	size_t i;

	for (i = 0; v != NULL && i < sizeof words / sizeof words[0]; i++) {
		if (strcasecmp(v, words[i].w) == 0) {
			*out = words[i].v;
			return 0;
		}
	}
	return -1;
}

static int
act_priority(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a)
{
	static const char *const names[] = { "low", "normal", "high" };
	int v;

	if (act_priority_value(a->arg, &v) == -1) {
		return act_refuse(a, "prioritas harus high, normal atau low "
		    "(tinggi, biasa, rendah)", "the priority must be high, "
		    "normal or low");
	}
	if (store_case_set_priority(cw->st, c->id, v) == -1) {
		return -1;
	}
	return act_event(cw, c, a, "priority", names[v + 1]);
}

static int
act_confidential(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a)
{
	int on;

	if (a->arg != NULL && (strcasecmp(a->arg, "on") == 0 ||
	    strcasecmp(a->arg, "ya") == 0)) {
		on = 1;
	} else if (a->arg != NULL && (strcasecmp(a->arg, "off") == 0 ||
	    strcasecmp(a->arg, "tidak") == 0)) {
		on = 0;
	} else {
		return act_refuse(a, "tulis on atau off (ya atau tidak)",
		    "say on or off");
	}
	if (store_case_set_confidential(cw->st, c->id, on) == -1) {
		return -1;
	}
	return act_event(cw, c, a, "confidential", on ? "on" : "off");
}

/* The language the complainant is written to: this case's and, from
 * now on, the one remembered for them. */
static int
act_language(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a)
{
	const char *l = lang_name(a->arg);

	if (l == NULL) {
		return act_refuse(a, "tulis id (Indonesia) atau en (Inggris)",
		    "say id (Indonesian) or en (English)");
	}
	if (store_case_set_language(cw->st, c->id, l) == -1 ||
	    store_party_set_language(cw->st, c->party_id, l) == -1) {
		return -1;
	}
	return act_event(cw, c, a, "language", l);
}

/* Merge c (a duplicate) into the case a->arg names. */
static int
act_merge(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a)
{
	struct case_brief into;
	struct tmpl_var extra[] = { { "merged_into", into.reference } };
	char detail[160];
	int r;

	r = store_case_by_reference(cw->st, a->arg ? a->arg : "", &into);
	if (r == -1) {
		return -1;
	}
	if (r == 0) {
		snprintf(a->refusal, sizeof a->refusal, act_l(a, "tidak ada "
		    "pengaduan %s", "there is no case %s"), a->arg ? a->arg :
		    "");
		return 1;
	}
	if (into.id == c->id) {
		return act_refuse(a, "pengaduan tidak dapat digabung ke "
		    "dirinya sendiri", "a case cannot be merged into itself");
	}
	if (case_status_final(into.status)) {
		snprintf(a->refusal, sizeof a->refusal, act_l(a, "pengaduan "
		    "%s sudah ditutup: gabungkan ke pengaduan yang masih "
		    "berjalan", "%s is closed: merge into a case that is "
		    "still running"), into.reference);
		return 1;
	}
	snprintf(detail, sizeof detail, "merged into %s", into.reference);
	if (store_case_merge(cw->st, c->id, into.id) == -1 ||
	    store_case_set_status(cw->st, c->id, CASE_MERGED, act_now(cw))
	    == -1 || act_event(cw, c, a, "merged", detail) == -1) {
		return -1;
	}
	snprintf(detail, sizeof detail, "%s merged into this case",
	    c->reference);
	if (store_event_add(cw->st, into.id, a->actor, "merged_in", detail)
	    == -1) {
		return -1;
	}
	return casework_to_complainant(cw, c, "merged", 0, NULL, extra, 1);
}

/* An action that only moves the status (progress, reopen, close). */
static int
act_status(const struct casework *cw, const struct case_brief *c,
    const struct casework_act *a, const char *next)
{
	static const char *const kinds[CASE_ACT_COUNT] = {
		[CASE_ACT_PROGRESS] = "in_progress",
		[CASE_ACT_REOPEN] = "reopened",
		[CASE_ACT_CLOSE] = "closed",
	};
	const char *kind = kinds[a->action] ? kinds[a->action] : next;

	if (strcmp(next, c->status) != 0 &&
	    store_case_set_status(cw->st, c->id, next, act_now(cw)) == -1) {
		return -1;
	}
	return act_event(cw, c, a, kind, a->text ? a->text : "");
}

/* The argument an action cannot do without; 1 (refused) when missing. */
static int
act_needs(struct casework_act *a)
{
	switch (a->action) {
	case CASE_ACT_RESOLVE:
	case CASE_ACT_CORRECT:
	case CASE_ACT_REPLY:
	case CASE_ACT_REJECT:
	case CASE_ACT_ASK:
	case CASE_ACT_NOTE:
	case CASE_ACT_CLOSE:
		if (a->text == NULL || *a->text == '\0') {
			return act_refuse(a, "perintah ini perlu teks "
			    "sesudahnya (jawaban, alasan atau catatan)",
			    "the command needs its text after it (the "
			    "answer, reason or note)");
		}
		return 0;
	case CASE_ACT_ASSIGN:
	case CASE_ACT_RECATEGORISE:
	case CASE_ACT_PRIORITY:
	case CASE_ACT_CONFIDENTIAL:
	case CASE_ACT_MERGE:
	case CASE_ACT_LANGUAGE:
		if (a->arg == NULL || *a->arg == '\0') {
			return act_refuse(a, "perintah ini perlu argumen "
			    "sesudahnya", "the command needs its argument "
			    "after it");
		}
		return 0;
	default:
		return 0;
	}
}

/* Authorised and allowed in this status?  0 yes, 1 refused, -1. */
static int
act_check(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a, const char **next)
{
	struct authz_case ac;
	char officers[1024];

	if (act_needs(a) != 0) {
		return 1;
	}
	if (!case_action_next(c->status, a->action, next)) {
		case_action_refusal(c->status, a->action, a->lang, a->refusal,
		    sizeof a->refusal);
		return 1;
	}
	/* a category that requires a corrective action (cpar.h) */
	if (strcmp(*next, CASE_CLOSED) == 0 && strcmp(c->status,
	    CASE_CLOSED) != 0) {
		int r = cpar_close_held(cw, c, a->lang, a->refusal,
		    sizeof a->refusal);

		if (r != 0) {
			return r;
		}
	}
	if (a->officer == NULL) {
		return 0;
	}
	if (store_case_officers(cw->st, c->id, officers, sizeof officers)
	    == -1) {
		return -1;
	}
	ac.category = c->category;
	ac.officers = officers;
	if (authz_may_act(cw->cf, a->officer, &ac, a->action, a->lang,
	    a->refusal, sizeof a->refusal)) {
		return 0;
	}
	a->forbidden = 1;
	return 1;
}

static int
act_do(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a, const char *next)
{
	switch (a->action) {
	case CASE_ACT_RESOLVE:
	case CASE_ACT_CORRECT:
	case CASE_ACT_REPLY:
	case CASE_ACT_REJECT:
		return casework_answer_draft(cw, c, a->action, a->text,
		    a->actor, a->message_id, &a->draft);
	case CASE_ACT_NOTE:
		return act_event(cw, c, a, "note", a->text);
	case CASE_ACT_ASK:
		/* the question, the wait and the clock: casework_clock.c */
		return casework_ask(cw, c, a->text, a->actor, a->message_id) ==
		    -1 ? -1 : 0;
	case CASE_ACT_ASSIGN:
		return act_assign(cw, c, a);
	case CASE_ACT_RECATEGORISE:
		return act_recategorise(cw, c, a);
	case CASE_ACT_PRIORITY:
		return act_priority(cw, c, a);
	case CASE_ACT_CONFIDENTIAL:
		return act_confidential(cw, c, a);
	case CASE_ACT_MERGE:
		return act_merge(cw, c, a);
	case CASE_ACT_LANGUAGE:
		return act_language(cw, c, a);
	case CASE_ACT_PROGRESS:
	case CASE_ACT_REOPEN:
	case CASE_ACT_CLOSE:
		return act_status(cw, c, a, next);
	default:
		snprintf(a->refusal, sizeof a->refusal, act_l(a, "tindakan "
		    "\"%s\" tidak dapat dilakukan di sini", "the action "
		    "\"%s\" cannot be taken here"),
		    case_action_name(a->action));
		return 1;
	}
}

int
casework_act(const struct casework *cw, const struct case_brief *c,
    struct casework_act *a)
{
	const char *next = NULL;
	int r;

	a->refusal[0] = '\0';
	a->forbidden = 0;
	a->draft = 0;
	if ((r = act_check(cw, c, a, &next)) != 0) {
		return r;
	}
	if ((r = act_do(cw, c, a, next)) != 0) {
		return r;
	}
	switch (a->action) {
	case CASE_ACT_RESOLVE:
	case CASE_ACT_CORRECT:
	case CASE_ACT_REPLY:
	case CASE_ACT_REJECT:
	case CASE_ACT_ASK:
		return 0;	/* they told the clock themselves */
	default:
		return casework_act_clock(cw, c, a->action, act_now(cw));
	}
}
