/*
 * cpardef.c — the corrective action's state machine and who may move it
 * (cpardef.h).  One table; pure.
 */
#include <stdio.h>
#include <string.h>

#include "cpardef.h"

const char *const cpar_statuses[] = {
	CPAR_OPEN, CPAR_PLANNED, CPAR_DONE, CPAR_EFFECTIVE, NULL
};

static const char *const action_names[CPAR_ACT_COUNT] = {
	"open", "update", "done", "effective", "not_effective",
};

/* next status per (status, action); NULL refused; "=" stays, "?" open or
 * planned by the plan */
static const struct {
	const char	*status;
	const char	*next[CPAR_ACT_COUNT];
} table[] = {
	/*                open  update  done        effective       not_eff */
	{ CPAR_OPEN,    { NULL, "?", NULL, NULL, NULL } },
	{ CPAR_PLANNED, { NULL, "?", CPAR_DONE, NULL, NULL } },
	{ CPAR_DONE,    { NULL, NULL, NULL, CPAR_EFFECTIVE, CPAR_PLANNED } },
	{ CPAR_EFFECTIVE, { NULL, NULL, NULL, NULL, NULL } },
};
#define NTABLE (sizeof table / sizeof table[0])

static const struct {
	const char	*status, *id, *en;
} labels[] = {
	{ CPAR_OPEN, "terbuka (belum direncanakan)", "open (not planned)" },
	{ CPAR_PLANNED, "direncanakan", "planned" },
	{ CPAR_DONE, "selesai, menunggu verifikasi", "done, awaiting "
	    "verification" },
	{ CPAR_EFFECTIVE, "terverifikasi efektif", "verified effective" },
};

const char *
cpar_action_name(enum cpar_action a)
{
	return (unsigned)a < CPAR_ACT_COUNT ? action_names[a] : "?";
}

static int
cpar_index(const char *status)
{
	size_t i;

	for (i = 0; status != NULL && i < NTABLE; i++) {
		if (strcmp(table[i].status, status) == 0) {
			return (int)i;
		}
	}
	return -1;
}

int
cpar_status_valid(const char *status)
{
	return cpar_index(status) != -1;
}

int
cpar_status_open(const char *status)
{
	return cpar_status_valid(status) && strcmp(status, CPAR_EFFECTIVE)
	    != 0;
}

int
cpar_status_at_least(const char *status, const char *want)
{
	int s = cpar_index(status), w = cpar_index(want);

	return s != -1 && w != -1 && s >= w;
}

const char *
cpar_status_label(const char *status, const char *lang)
{
	size_t i;

	for (i = 0; status != NULL && i < sizeof labels / sizeof labels[0];
	    i++) {
		if (strcmp(labels[i].status, status) == 0) {
			return lang != NULL && strcmp(lang, "id") == 0 ?
			    labels[i].id : labels[i].en;
		}
	}
	return status != NULL ? status : "";
}

static void
cpar_refuse(const char *status, enum cpar_action a, const char *lang,
    char *err, size_t errlen)
{
	int id = lang != NULL && strcmp(lang, "id") == 0;

	if (a == CPAR_ACT_DONE && strcmp(status, CPAR_OPEN) == 0) {
		snprintf(err, errlen, id ? "tindakan korektif belum "
		    "direncanakan: isi dulu akar masalah, tindakan korektif, "
		    "PIC dan batas waktu" : "the corrective action is not "
		    "planned yet: give its root cause, corrective action, "
		    "owner and due date first");
	} else if ((a == CPAR_ACT_EFFECTIVE || a == CPAR_ACT_NOT_EFFECTIVE)) {
		snprintf(err, errlen, id ? "hanya tindakan yang sudah selesai "
		    "yang dapat diverifikasi (status: %s)" : "only a "
		    "corrective action that is done can be verified (status: "
		    "%s)", cpar_status_label(status, lang));
	} else {
		snprintf(err, errlen, id ? "tidak dapat '%s' pada tindakan "
		    "berstatus %s" : "cannot '%s' a corrective action that is "
		    "%s", cpar_action_name(a), cpar_status_label(status, lang));
	}
}

int
cpar_next(const char *status, enum cpar_action a, int planned,
    const char **next, const char *lang, char *err, size_t errlen)
{
	int i;
	const char *n;

	*next = NULL;
	if (a == CPAR_ACT_OPEN) {
		*next = planned ? CPAR_PLANNED : CPAR_OPEN;
		return 1;
	}
	if ((unsigned)a >= CPAR_ACT_COUNT || (i = cpar_index(status)) == -1) {
		snprintf(err, errlen, "unknown status or action");
		return 0;
	}
	if ((n = table[i].next[a]) == NULL) {
		cpar_refuse(status, a, lang, err, errlen);
		return 0;
	}
	if (strcmp(n, "?") == 0) {
		n = planned ? CPAR_PLANNED : CPAR_OPEN;
	}
	*next = n;
	return 1;
}

int
cpar_may(const struct cpar_who *w, enum cpar_action a, const char *lang,
    char *err, size_t errlen)
{
	int id = lang != NULL && strcmp(lang, "id") == 0;
	int qm = w->officer != NULL && w->quality_manager != NULL &&
	    strcmp(w->officer, w->quality_manager) == 0;

	if (a == CPAR_ACT_EFFECTIVE || a == CPAR_ACT_NOT_EFFECTIVE) {
		if (qm) {
			return 1;
		}
		snprintf(err, errlen, id ? "hanya manajer mutu (%s) yang "
		    "memverifikasi tindakan korektif" : "only the quality "
		    "manager (%s) verifies corrective actions",
		    w->quality_manager != NULL ? w->quality_manager :
		    id ? "belum ditetapkan" : "none configured");
		return 0;
	}
	if (a == CPAR_ACT_OPEN || w->officer == NULL || w->coordinator ||
	    qm || (w->owner != NULL && strcmp(w->owner, w->officer) == 0)) {
		return 1;
	}
	snprintf(err, errlen, id ? "hanya PIC (%s), koordinator atau manajer "
	    "mutu yang dapat mengubah tindakan korektif ini" : "only the "
	    "owner (%s), a coordinator or the quality manager may change this "
	    "corrective action", w->owner != NULL ? w->owner : "-");
	return 0;
}

/* ---- the clock ---- */

static int64_t
cpar_seq(const struct cpar_clock *k)
{
	return (int64_t)k->round * 100000 + k->due_day;
}

static size_t
cpar_clock_all(const struct cpar_clock *k, struct cpar_clock_act *out)
{
	size_t n = 0;
	int i;

	if (strcmp(k->status, CPAR_DONE) == 0 && k->check_at != 0) {
		out[n++] = (struct cpar_clock_act){ "cpar_check", k->round,
		    k->check_at, 0 };
	}
	if ((strcmp(k->status, CPAR_OPEN) != 0 &&
	    strcmp(k->status, CPAR_PLANNED) != 0) || k->due_at == 0) {
		return n;
	}
	if (k->remind_at != 0 && k->remind_at < k->due_at) {
		out[n++] = (struct cpar_clock_act){ "cpar_remind", cpar_seq(k),
		    k->remind_at, 0 };
	}
	out[n++] = (struct cpar_clock_act){ "cpar_overdue", cpar_seq(k),
	    k->due_at, 0 };
	for (i = 0; i < k->nlevels && i < CPAR_MAX_LEVEL; i++) {
		out[n++] = (struct cpar_clock_act){ "cpar_escalate",
		    cpar_seq(k) * 10 + i + 1, k->escalate_at[i], i + 1 };
	}
	return n;
}

size_t
cpar_clock_due(const struct cpar_clock *k, time_t now,
    struct cpar_clock_act *out)
{
	struct cpar_clock_act all[CPAR_MAX_LEVEL + 3];
	size_t n = cpar_clock_all(k, all), i, m = 0;
	int overdue = k->due_at != 0 && now >= k->due_at;

	for (i = 0; i < n; i++) {
		if (all[i].at > now || (overdue &&
		    strcmp(all[i].kind, "cpar_remind") == 0)) {
			continue;
		}
		out[m++] = all[i];
	}
	return m;
}

int
cpar_clock_next(const struct cpar_clock *k, time_t now,
    struct cpar_clock_act *next)
{
	struct cpar_clock_act all[CPAR_MAX_LEVEL + 3];
	size_t n = cpar_clock_all(k, all), i;
	int found = 0;

	for (i = 0; i < n; i++) {
		if (all[i].at > now && (!found || all[i].at < next->at)) {
			*next = all[i];
			found = 1;
		}
	}
	return found;
}
