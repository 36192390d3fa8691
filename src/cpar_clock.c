/*
 * cpar_clock.c — corrective actions on the timer engine (subject kind
 * 'cpar'; cpardef.h decides what is due, this file carries it out).  Each
 * record is its own transaction: the fired key, the event in its history
 * and its cases', the messages queued; a record that fails rolls back
 * alone and is tried again at the next tick.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cpar.h"
#include "log.h"
#include "timers.h"
#include "xmalloc.h"

struct cpar_ids {
	int64_t	*ids;
	size_t	 n;
};

static int
cpar_collect(void *arg, const struct store_cpar *c)
{
	struct cpar_ids *x = arg;

	if (strcmp(c->status, CPAR_EFFECTIVE) != 0) {
		x->ids = xreallocarray(x->ids, x->n + 1, sizeof *x->ids);
		x->ids[x->n++] = c->id;
	}
	return 0;
}

void
cpar_clock_of(const struct conf *cf, const struct calendar *cal,
    const struct store_cpar *c, struct cpar_clock *k)
{
	const struct conf_officer *o = conf_officer_by_id(cf, c->owner);
	int64_t esc = (int64_t)cf->sla.escalate_hours * 3600;
	int32_t day;
	char err[128];

	memset(k, 0, sizeof *k);
	k->status = c->status;
	k->round = c->not_effective;
	if (c->due_at != 0 && calendar_parse_date(c->due_date, &day, err,
	    sizeof err) == 0) {
		k->due_day = day;
		k->due_at = c->due_at;
		if (cf->sla.remind_hours > 0) {
			k->remind_at = calendar_sub(cal, c->due_at,
			    (int64_t)cf->sla.remind_hours * 3600);
		}
	}
	/* the owner's chain: one level per officer above them */
	while (o != NULL && o->escalate_to != NULL && k->nlevels <
	    CPAR_MAX_LEVEL && (k->nlevels == 0 || esc > 0)) {
		k->escalate_at[k->nlevels] = k->nlevels == 0 ? c->due_at :
		    calendar_add(cal, c->due_at, k->nlevels * esc);
		k->nlevels++;
		o = conf_officer_by_id(cf, o->escalate_to);
	}
	if (c->done_at != 0 && cf->cpar_check_days > 0) {
		k->check_at = calendar_add_days(cal, c->done_at,
		    cf->cpar_check_days);
	}
}

/* The officer at level (1: the owner's escalate_to). */
static const struct conf_officer *
cpar_level(const struct conf *cf, const char *owner, int level)
{
	const struct conf_officer *o = conf_officer_by_id(cf, owner);

	while (o != NULL && level-- > 0) {
		o = o->escalate_to ? conf_officer_by_id(cf, o->escalate_to) :
		    NULL;
	}
	return o;
}

/* Carry out one fired action; what it did into what. */
static int
cpar_clock_act(const struct casework *cw, const struct store_cpar *c,
    const struct cpar_clock_act *a, char *what, size_t len)
{
	const struct conf *cf = cw->cf;
	const struct conf_officer *owner = conf_officer_by_id(cf, c->owner),
	    *qm = cf->quality_manager ? conf_officer_by_id(cf,
	    cf->quality_manager) : NULL, *up;

	if (strcmp(a->kind, "cpar_remind") == 0) {
		snprintf(what, len, "reminder to %s", c->owner);
		return cpar_history(cw, "system", c, "reminder", what) == -1 ||
		    cpar_tell(cw, "cpar-reminder", c->reference, owner, "Batas waktu tindakan "
		    "korektif ini sudah dekat.", "The due date of this "
		    "corrective action is near.", NULL, NULL) == -1 ? -1 : 0;
	}
	if (strcmp(a->kind, "cpar_overdue") == 0) {
		snprintf(what, len, "overdue to %s%s%s", c->owner,
		    qm && qm != owner ? " and " : "", qm && qm != owner ?
		    qm->id : "");
		if (cpar_history(cw, "system", c, "overdue", what) == -1 ||
		    cpar_tell(cw, "cpar-overdue", c->reference, owner, "Tindakan korektif ini "
		    "telah melewati batas waktu dan belum selesai.", "This "
		    "corrective action is past its due date and not done.",
		    NULL, NULL) == -1) {
			return -1;
		}
		return qm == NULL || qm == owner ? 0 : cpar_tell(cw,
		    "cpar-overdue", c->reference, qm, "Tindakan korektif ini telah melewati "
		    "batas waktu dan belum selesai.", "This corrective action "
		    "is past its due date and not done.", NULL, NULL);
	}
	if (strcmp(a->kind, "cpar_escalate") == 0) {
		up = cpar_level(cf, c->owner, a->level);
		snprintf(what, len, "escalated to %s (level %d)", up ? up->id :
		    "-", a->level);
		return cpar_history(cw, "system", c, "escalation", what) ==
		    -1 || cpar_tell(cw, "cpar-escalation", c->reference, up, "Tindakan korektif "
		    "ini telah melewati batas waktu; diteruskan kepada Anda "
		    "sebagai atasan PIC.", "This corrective action is past its "
		    "due date; it is passed on to you, above its owner.", NULL,
		    NULL) == -1 ? -1 : 0;
	}
	snprintf(what, len, "effectiveness check to %s", qm ? qm->id : "-");
	return cpar_history(cw, "system", c, "check", what) == -1 ||
	    cpar_tell(cw, "cpar-check", c->reference, qm, "Saatnya memeriksa efektivitas "
	    "tindakan korektif ini.", "It is time to check whether this "
	    "corrective action was effective.", NULL, NULL) == -1 ? -1 : 0;
}

/* One record's due actions, in its own transaction. */
static int
cpar_tick_one(const struct casework *cw, const struct calendar *cal,
    int64_t id, time_t now, int (*cb)(void *, const struct timers_done *),
    void *arg, int *n)
{
	struct cpar_clock_act a[CPAR_MAX_LEVEL + 2];
	char what[CPAR_MAX_LEVEL + 2][160];
	struct store_cpar c;
	struct cpar_clock k;
	struct timers_done d;
	int fired[CPAR_MAX_LEVEL + 2], r;
	size_t m, i;

	if (store_begin(cw->st) == -1) {
		return -1;
	}
	if ((r = store_cpar_by_id(cw->st, id, &c)) != 1) {
		store_rollback(cw->st);
		return r;
	}
	cpar_clock_of(cw->cf, cal, &c, &k);
	m = cpar_clock_due(&k, now, a);
	for (i = 0, r = 0; i < m && r != -1; i++) {
		fired[i] = r = store_timer_fire(cw->st, "cpar", c.id, a[i].kind,
		    a[i].seq, a[i].at, now);
		if (r == 1) {
			r = cpar_clock_act(cw, &c, &a[i], what[i],
			    sizeof what[i]);
		}
	}
	if (r == -1 || store_commit(cw->st) == -1) {
		store_rollback(cw->st);
		store_cpar_clear(&c);
		return -1;
	}
	for (i = 0; i < m; i++) {
		if (fired[i] != 1) {
			continue;
		}
		(*n)++;
		d.reference = c.reference;
		d.kind = a[i].kind;
		d.seq = a[i].seq;
		d.at = a[i].at;
		d.what = what[i];
		if (cb != NULL) {
			cb(arg, &d);
		}
	}
	store_cpar_clear(&c);
	return 0;
}

int
cpar_tick(const struct casework *cw, const struct calendar *cal, time_t now,
    int (*cb)(void *, const struct timers_done *), void *arg, int *n)
{
	struct cpar_ids x = { NULL, 0 };
	size_t i;

	*n = 0;
	if (store_cpar_list(cw->st, NULL, cpar_collect, &x) == -1) {
		return -1;
	}
	for (i = 0; i < x.n; i++) {
		if (cpar_tick_one(cw, cal, x.ids[i], now, cb, arg, n) == -1) {
			log_warnx("clock: corrective action #%lld: tried "
			    "again at the next tick", (long long)x.ids[i]);
		}
	}
	free(x.ids);
	return 0;
}
