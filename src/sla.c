/*
 * sla.c — the procedure clock's decisions (see sla.h).  Pure.
 *
 * A subject's possible actions are listed in two parts: the one-shot
 * actions of the current round (reminders, overdue notices, closes), each
 * with the instant it is due and, for reminders, the instant after which
 * it is moot; and the escalation ladder, walked step by step on a copy of
 * the state because each step's instant depends on the one before.  Both
 * sla_case_due and sla_case_next read the same lists, so what the tick
 * fires and what next_action_at promises cannot disagree.
 */
#include <stdio.h>
#include <string.h>

#include "casedef.h"
#include "conf.h"
#include "sla.h"

/* A possible action and the instant it stops making sense (0: never). */
struct sla_cand {
	struct sla_action	a;
	time_t			until;
};

#define SLA_MAX_CANDS	8

static const char *const sla_kind_names[SLA_NKINDS] = {
	[SLA_REMIND_RESPONSE] = "remind_response",
	[SLA_OVERDUE_RESPONSE] = "overdue_response",
	[SLA_REMIND_RESOLVE] = "remind_resolve",
	[SLA_OVERDUE_RESOLVE] = "overdue_resolve",
	[SLA_ESCALATE] = "escalate",
	[SLA_REMIND_FEEDBACK] = "remind_feedback",
	[SLA_CLOSE_NO_FEEDBACK] = "close_no_feedback",
	[SLA_CLOSE_NO_REPLY] = "close_no_reply",
};

const char *
sla_kind_name(enum sla_kind k)
{
	return (unsigned)k < SLA_NKINDS ? sla_kind_names[k] : NULL;
}

int
sla_kind_parse(const char *s)
{
	int k;

	for (k = 0; s != NULL && k < SLA_NKINDS; k++) {
		if (strcmp(s, sla_kind_names[k]) == 0) {
			return k;
		}
	}
	return -1;
}

enum sla_phase
sla_phase_of(const char *status, time_t paused_at)
{
	if (status == NULL || !case_status_valid(status) ||
	    case_status_final(status)) {
		return SLA_PHASE_DONE;
	}
	if (strcmp(status, CASE_RESOLVED) == 0) {
		return SLA_PHASE_RESOLVED;
	}
	return paused_at != 0 ? SLA_PHASE_WAITING : SLA_PHASE_OPEN;
}

/* ---- transitions ---- */

void
sla_case_open(const struct calendar *cal, const struct sla_policy *pol,
    time_t received, int top_level, struct sla_case *c)
{
	memset(c, 0, sizeof *c);
	c->phase = SLA_PHASE_OPEN;
	c->started_at = received;
	c->top_level = top_level;
	if (pol->response_secs > 0) {
		c->response_due_at = calendar_add(cal, received,
		    pol->response_secs);
	}
	if (pol->resolve_days > 0) {
		c->resolve_due_at = calendar_add_days(cal, received,
		    pol->resolve_days);
	}
}

void
sla_case_responded(struct sla_case *c, time_t now)
{
	if (c->first_response_at == 0) {
		c->first_response_at = now;
	}
}

void
sla_case_recategorise(const struct calendar *cal,
    const struct sla_policy *pol, struct sla_case *c)
{
	c->round++;
	/* a met response keeps the due time it was judged against */
	if (c->first_response_at == 0) {
		c->response_due_at = pol->response_secs > 0 ?
		    calendar_add(cal, c->started_at, pol->response_secs) : 0;
	}
	c->resolve_due_at = pol->resolve_days > 0 ? calendar_add(cal,
	    calendar_add_days(cal, c->started_at, pol->resolve_days),
	    c->paused_secs) : 0;
}

void
sla_case_pause(struct sla_case *c, time_t now)
{
	if (c->phase != SLA_PHASE_OPEN) {
		return;
	}
	c->phase = SLA_PHASE_WAITING;
	c->paused_at = now;
	sla_case_responded(c, now);
}

int64_t
sla_case_resume(const struct calendar *cal, struct sla_case *c, time_t now)
{
	int64_t w;

	if (c->phase != SLA_PHASE_WAITING) {
		return 0;
	}
	w = calendar_between(cal, c->paused_at, now);
	if (w < 0) {
		w = 0;		/* a clock set back while waiting */
	}
	/* the clock stood still: the deadline and the escalation ladder
	 * move together, so nothing already sent for them repeats */
	if (c->resolve_due_at != 0) {
		c->resolve_due_at = calendar_add(cal, c->resolve_due_at, w);
	}
	if (c->level_at != 0) {
		c->level_at = calendar_add(cal, c->level_at, w);
	}
	c->paused_secs += w;
	c->paused_at = 0;
	c->phase = SLA_PHASE_OPEN;
	return w;
}

void
sla_case_resolved(struct sla_case *c, time_t now)
{
	c->phase = SLA_PHASE_RESOLVED;
	c->resolved_at = now;
	c->paused_at = 0;
	sla_case_responded(c, now);
}

void
sla_case_reopen(const struct calendar *cal, const struct sla_policy *pol,
    struct sla_case *c, time_t now)
{
	c->round++;
	c->phase = SLA_PHASE_OPEN;
	c->started_at = now;
	c->resolved_at = 0;
	c->paused_at = 0;
	c->paused_secs = 0;
	c->resolve_due_at = pol->resolve_days > 0 ?
	    calendar_add_days(cal, now, pol->resolve_days) : 0;
}

void
sla_case_closed(struct sla_case *c)
{
	c->phase = SLA_PHASE_DONE;
}

void
sla_case_apply(struct sla_case *c, const struct sla_action *a)
{
	switch (a->kind) {
	case SLA_ESCALATE:
		c->level = (int)a->seq;
		c->level_at = a->at;
		break;
	case SLA_CLOSE_NO_FEEDBACK:
	case SLA_CLOSE_NO_REPLY:
		c->phase = SLA_PHASE_DONE;
		break;
	default:
		break;
	}
}

/* ---- what the clock could do ---- */

static void
sla_cand_add(struct sla_cand *cs, size_t *n, enum sla_kind kind,
    int64_t seq, time_t at, time_t due, time_t until)
{
	struct sla_cand *x = &cs[(*n)++];

	x->a.kind = kind;
	x->a.seq = seq;
	x->a.at = at;
	x->a.due = due;
	x->a.cause = kind;
	x->until = until;
}

/* A due time's reminder (remind, if the lead fits) and overdue notice
 * (remind + 1). */
static void
sla_cand_deadline(const struct calendar *cal, const struct sla_policy *pol,
    const struct sla_case *c, enum sla_kind remind, time_t due,
    struct sla_cand *cs, size_t *n)
{
	if (pol->remind_secs > 0 &&
	    calendar_between(cal, c->started_at, due) > pol->remind_secs) {
		sla_cand_add(cs, n, remind, c->round,
		    calendar_sub(cal, due, pol->remind_secs), due, due);
	}
	sla_cand_add(cs, n, remind + 1, c->round, due, due, 0);
}

/* The current round's one-shot actions. */
static size_t
sla_case_cands(const struct calendar *cal, const struct sla_policy *pol,
    const struct sla_case *c, struct sla_cand *cs)
{
	time_t close, half;
	size_t n = 0;

	if (c->phase == SLA_PHASE_OPEN) {
		if (c->response_due_at != 0 && c->first_response_at == 0) {
			sla_cand_deadline(cal, pol, c, SLA_REMIND_RESPONSE,
			    c->response_due_at, cs, &n);
		}
		if (c->resolve_due_at != 0) {
			sla_cand_deadline(cal, pol, c, SLA_REMIND_RESOLVE,
			    c->resolve_due_at, cs, &n);
		}
	} else if (c->phase == SLA_PHASE_WAITING && pol->wait_days > 0) {
		close = calendar_add_days(cal, c->paused_at, pol->wait_days);
		sla_cand_add(cs, &n, SLA_CLOSE_NO_REPLY, c->round, close,
		    close, 0);
	} else if (c->phase == SLA_PHASE_RESOLVED && pol->feedback_days > 0) {
		close = calendar_add_days(cal, c->resolved_at,
		    pol->feedback_days);
		if (pol->feedback_remind) {
			half = calendar_add(cal, c->resolved_at,
			    calendar_between(cal, c->resolved_at, close) / 2);
			sla_cand_add(cs, &n, SLA_REMIND_FEEDBACK, c->round,
			    half, close, close);
		}
		sla_cand_add(cs, &n, SLA_CLOSE_NO_FEEDBACK, c->round, close,
		    close, 0);
	}
	return n;
}

/* The escalation step an unmet due time asks for; keeps the earlier of
 * it and *s when have. */
static int
sla_step_for(const struct calendar *cal, const struct sla_policy *pol,
    const struct sla_case *c, time_t due, enum sla_kind cause,
    struct sla_action *s, int have)
{
	time_t e;

	if (c->level_at < due) {
		e = due;
	} else if (pol->escalate_secs > 0) {
		e = calendar_add(cal, c->level_at, pol->escalate_secs);
	} else {
		return have;
	}
	if (have && s->at <= e) {
		return 1;
	}
	s->kind = SLA_ESCALATE;
	s->seq = c->level + 1;
	s->at = e;
	s->due = due;
	s->cause = cause;
	return 1;
}

/* The next escalation step of state c: 1 and *s, or 0 at the top. */
static int
sla_case_step(const struct calendar *cal, const struct sla_policy *pol,
    const struct sla_case *c, struct sla_action *s)
{
	int have = 0;

	if (c->phase != SLA_PHASE_OPEN || c->level >= c->top_level ||
	    c->level >= SLA_MAX_LEVEL) {
		return 0;
	}
	if (c->response_due_at != 0 && c->first_response_at == 0) {
		have = sla_step_for(cal, pol, c, c->response_due_at,
		    SLA_OVERDUE_RESPONSE, s, have);
	}
	if (c->resolve_due_at != 0) {
		have = sla_step_for(cal, pol, c, c->resolve_due_at,
		    SLA_OVERDUE_RESOLVE, s, have);
	}
	return have;
}

static int
sla_fired(const struct sla_key *fired, size_t nfired, enum sla_kind kind,
    int64_t seq)
{
	size_t i;

	for (i = 0; i < nfired; i++) {
		if (fired[i].kind == kind && fired[i].seq == seq) {
			return 1;
		}
	}
	return 0;
}

/* Earlier first; at one instant in the order of enum sla_kind. */
static int
sla_before(const struct sla_action *a, const struct sla_action *b)
{
	return a->at < b->at || (a->at == b->at && a->kind < b->kind);
}

static void
sla_sort(struct sla_action *as, size_t n)
{
	struct sla_action x;
	size_t i, j;

	for (i = 1; i < n; i++) {
		x = as[i];
		for (j = i; j > 0 && sla_before(&x, &as[j - 1]); j--) {
			as[j] = as[j - 1];
		}
		as[j] = x;
	}
}

size_t
sla_case_due(const struct calendar *cal, const struct sla_policy *pol,
    const struct sla_case *c, const struct sla_key *fired, size_t nfired,
    time_t now, struct sla_action *out, size_t max)
{
	struct sla_cand cs[SLA_MAX_CANDS];
	struct sla_action acts[SLA_MAX_ACTIONS], s;
	struct sla_case sim = *c;
	size_t i, n, k = 0;

	n = sla_case_cands(cal, pol, c, cs);
	for (i = 0; i < n; i++) {
		if (cs[i].a.at <= now && (cs[i].until == 0 ||
		    now < cs[i].until) && !sla_fired(fired, nfired,
		    cs[i].a.kind, cs[i].a.seq)) {
			acts[k++] = cs[i].a;
		}
	}
	/* the ladder from the scheduled instants: a jump over two
	 * intervals climbs two levels */
	while (sla_case_step(cal, pol, &sim, &s) && s.at <= now) {
		if (!sla_fired(fired, nfired, s.kind, s.seq)) {
			acts[k++] = s;
		}
		sla_case_apply(&sim, &s);
	}
	sla_sort(acts, k);
	if (k > max) {
		k = max;
	}
	memcpy(out, acts, k * sizeof *out);
	return k;
}

int
sla_case_next(const struct calendar *cal, const struct sla_policy *pol,
    const struct sla_case *c, const struct sla_key *fired, size_t nfired,
    time_t now, struct sla_action *next)
{
	struct sla_cand cs[SLA_MAX_CANDS];
	struct sla_case sim = *c;
	struct sla_action s;
	size_t i, n;
	int have = 0;

	n = sla_case_cands(cal, pol, c, cs);
	for (i = 0; i < n; i++) {
		if ((cs[i].until != 0 && now >= cs[i].until) ||
		    sla_fired(fired, nfired, cs[i].a.kind, cs[i].a.seq)) {
			continue;
		}
		if (!have || sla_before(&cs[i].a, next)) {
			*next = cs[i].a;
			have = 1;
		}
	}
	/* steps already fired (their level not yet stored) are passed */
	while (sla_case_step(cal, pol, &sim, &s)) {
		if (!sla_fired(fired, nfired, s.kind, s.seq)) {
			if (!have || sla_before(&s, next)) {
				*next = s;
				have = 1;
			}
			break;
		}
		sla_case_apply(&sim, &s);
	}
	return have;
}

int
sla_chain_height(const char *const *officers, size_t n,
    const char *(*up)(void *ctx, const char *id), void *ctx)
{
	const char *path[SLA_MAX_LEVEL + 1], *next;
	int best = 0, h, j, again;
	size_t i;

	for (i = 0; i < n; i++) {
		path[0] = officers[i];
		for (h = 0; h < SLA_MAX_LEVEL &&
		    (next = up(ctx, path[h])) != NULL; h++) {
			for (again = 0, j = 0; j <= h && !again; j++) {
				again = strcmp(path[j], next) == 0;
			}
			if (again) {
				break;
			}
			path[h + 1] = next;
		}
		if (h > best) {
			best = h;
		}
	}
	return best;
}

time_t
sla_case_deadline(const struct sla_case *c)
{
	time_t d = c->resolve_due_at;

	if (c->phase != SLA_PHASE_OPEN) {
		return 0;
	}
	if (c->first_response_at == 0 && c->response_due_at != 0 &&
	    (d == 0 || c->response_due_at < d)) {
		d = c->response_due_at;
	}
	return d;
}

/* ---- the clock's configuration ---- */

void
sla_policy_of(const struct conf *cf, const char *category,
    struct sla_policy *p)
{
	const struct conf_category *cat = category ?
	    conf_category_by_id(cf, category) : NULL;
	const struct conf_sla *s = &cf->sla;

	memset(p, 0, sizeof *p);
	p->response_secs = (int64_t)(cat && cat->response_hours > 0 ?
	    cat->response_hours : s->response_hours) * 3600;
	p->resolve_days = cat && cat->resolve_days > 0 ? cat->resolve_days :
	    s->resolve_days;
	p->remind_secs = (int64_t)s->remind_hours * 3600;
	p->escalate_secs = (int64_t)s->escalate_hours * 3600;
	p->feedback_days = s->feedback_days;
	p->feedback_remind = s->feedback_reminder;
	p->wait_days = s->wait_days;
}

struct calendar *
sla_calendar_new(const struct conf *cf, char *err, size_t errlen)
{
	struct calendar_spec sp;

	memset(&sp, 0, sizeof sp);
	sp.workdays = cf->sla.workdays;
	sp.day_start = cf->sla.day_start;
	sp.day_end = cf->sla.day_end;
	sp.holidays = (const char *const *)cf->sla.holidays;
	sp.nholidays = cf->sla.nholidays;
	sp.zone = cf->timezone;
	return calendar_new(&sp, err, errlen);
}

/* ---- words for people ---- */

static const char *const sla_months_id[] = {
	"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember",
};

static const char *const sla_months_en[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static int
sla_lang_id(const char *lang)
{
	return lang != NULL && strcmp(lang, "id") == 0;
}

void
sla_format_when(time_t t, const char *lang, char *buf, size_t len)
{
	char zone[16];
	struct tm tm;

	localtime_r(&t, &tm);
	calendar_zone_abbrev(t, zone, sizeof zone);
	if (sla_lang_id(lang)) {
		snprintf(buf, len, "%d %s %d pukul %02d.%02d %s", tm.tm_mday,
		    sla_months_id[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		    tm.tm_min, zone);
	} else {
		snprintf(buf, len, "%d %s %d, %02d:%02d %s", tm.tm_mday,
		    sla_months_en[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		    tm.tm_min, zone);
	}
}

void
sla_format_span(int64_t secs, const char *lang, char *buf, size_t len)
{
	int64_t m = (secs < 0 ? -secs : secs) / 60;
	int id = sla_lang_id(lang);

	if (m / 60 > 0 && m % 60 > 0) {
		snprintf(buf, len, id ? "%lld jam %lld menit" :
		    "%lld h %lld min", (long long)(m / 60),
		    (long long)(m % 60));
	} else if (m / 60 > 0) {
		snprintf(buf, len, id ? "%lld jam" : "%lld h",
		    (long long)(m / 60));
	} else {
		snprintf(buf, len, id ? "%lld menit" : "%lld min",
		    (long long)m);
	}
}

void
sla_format_left(const struct calendar *cal, time_t due, time_t now,
    const char *lang, char *buf, size_t len)
{
	int64_t w = calendar_between(cal, now, due);
	char span[48];

	/* passed is passed, even when no working time has gone by since */
	sla_format_span(w, lang, span, sizeof span);
	if (sla_lang_id(lang)) {
		snprintf(buf, len, now < due ? "sisa %s waktu kerja" :
		    "terlambat %s waktu kerja", span);
	} else {
		snprintf(buf, len, now < due ? "%s of working time left" :
		    "overdue by %s of working time", span);
	}
}
