/*
 * test_cpardef.c — the corrective action's state machine (one table) and
 * who may move it.
 */
#include <stdio.h>
#include <string.h>

#include "cpardef.h"
#include "t.h"

static const struct {
	const char		*status;
	enum cpar_action	 act;
	int			 planned;
	const char		*next;
} rows[] = {
	{ NULL, CPAR_ACT_OPEN, 0, CPAR_OPEN },
	{ NULL, CPAR_ACT_OPEN, 1, CPAR_PLANNED },
	{ CPAR_OPEN, CPAR_ACT_UPDATE, 0, CPAR_OPEN },
	{ CPAR_OPEN, CPAR_ACT_UPDATE, 1, CPAR_PLANNED },
	{ CPAR_PLANNED, CPAR_ACT_UPDATE, 1, CPAR_PLANNED },
	{ CPAR_PLANNED, CPAR_ACT_UPDATE, 0, CPAR_OPEN },
	{ CPAR_OPEN, CPAR_ACT_DONE, 0, NULL },
	{ CPAR_PLANNED, CPAR_ACT_DONE, 1, CPAR_DONE },
	{ CPAR_DONE, CPAR_ACT_DONE, 1, NULL },
	{ CPAR_DONE, CPAR_ACT_UPDATE, 1, NULL },
	{ CPAR_DONE, CPAR_ACT_EFFECTIVE, 1, CPAR_EFFECTIVE },
	{ CPAR_DONE, CPAR_ACT_NOT_EFFECTIVE, 1, CPAR_PLANNED },
	{ CPAR_PLANNED, CPAR_ACT_EFFECTIVE, 1, NULL },
	{ CPAR_OPEN, CPAR_ACT_NOT_EFFECTIVE, 0, NULL },
	{ CPAR_EFFECTIVE, CPAR_ACT_UPDATE, 1, NULL },
	{ CPAR_EFFECTIVE, CPAR_ACT_DONE, 1, NULL },
	{ CPAR_EFFECTIVE, CPAR_ACT_NOT_EFFECTIVE, 1, NULL },
	{ "bogus", CPAR_ACT_UPDATE, 1, NULL },
};

static void
test_table(void)
{
	char err[256], what[128];
	const char *next;
	size_t i;
	int r;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		err[0] = '\0';
		r = cpar_next(rows[i].status, rows[i].act, rows[i].planned,
		    &next, "en", err, sizeof err);
		snprintf(what, sizeof what, "%s + %s (plan %d)",
		    rows[i].status ? rows[i].status : "-",
		    cpar_action_name(rows[i].act), rows[i].planned);
		T_INT(r, rows[i].next != NULL, what);
		T_STR(next, rows[i].next, what);
		if (rows[i].next == NULL) {
			T_OK(err[0] != '\0', "a refusal says why");
		}
	}
}

static void
test_refusals(void)
{
	char err[256];
	const char *next;

	cpar_next(CPAR_OPEN, CPAR_ACT_DONE, 0, &next, "id", err, sizeof err);
	T_CONTAINS(err, "akar masalah", "done before the plan: what is "
	    "missing, in Indonesian");
	cpar_next(CPAR_PLANNED, CPAR_ACT_EFFECTIVE, 1, &next, "en", err,
	    sizeof err);
	T_CONTAINS(err, "only a corrective action that is done",
	    "verify before done");
}

static void
test_who(void)
{
	struct cpar_who w = { "budi", 0, "budi", "wmm" };
	char err[256];

	T_INT(cpar_may(&w, CPAR_ACT_DONE, "en", err, sizeof err), 1,
	    "the owner marks done");
	T_INT(cpar_may(&w, CPAR_ACT_EFFECTIVE, "id", err, sizeof err), 0,
	    "the owner does not verify");
	T_CONTAINS(err, "manajer mutu (wmm)", "... and is told who does");
	w.officer = "wmm";
	T_INT(cpar_may(&w, CPAR_ACT_NOT_EFFECTIVE, "en", err, sizeof err), 1,
	    "the quality manager verifies");
	T_INT(cpar_may(&w, CPAR_ACT_UPDATE, "en", err, sizeof err), 1,
	    "the quality manager updates");
	w.officer = "sari";
	T_INT(cpar_may(&w, CPAR_ACT_UPDATE, "en", err, sizeof err), 0,
	    "another officer does not update");
	T_CONTAINS(err, "owner (budi)", "... told who may");
	T_INT(cpar_may(&w, CPAR_ACT_OPEN, "en", err, sizeof err), 1,
	    "any officer opens one");
	w.coordinator = 1;
	T_INT(cpar_may(&w, CPAR_ACT_UPDATE, "en", err, sizeof err), 1,
	    "a coordinator updates");
	T_INT(cpar_may(&w, CPAR_ACT_EFFECTIVE, "en", err, sizeof err), 0,
	    "a coordinator does not verify");
	w.officer = NULL;
	T_INT(cpar_may(&w, CPAR_ACT_DONE, "en", err, sizeof err), 1,
	    "an administrator at the console updates");
	T_INT(cpar_may(&w, CPAR_ACT_EFFECTIVE, "en", err, sizeof err), 0,
	    "an administrator does not verify (--as the quality manager)");
	w.officer = "wmm";
	w.quality_manager = NULL;
	T_INT(cpar_may(&w, CPAR_ACT_EFFECTIVE, "en", err, sizeof err), 0,
	    "nobody verifies without a quality manager configured");
}

static void
test_order(void)
{
	T_OK(cpar_status_at_least(CPAR_DONE, CPAR_PLANNED), "done >= planned");
	T_OK(!cpar_status_at_least(CPAR_OPEN, CPAR_PLANNED), "open < planned");
	T_OK(cpar_status_at_least(CPAR_EFFECTIVE, CPAR_EFFECTIVE),
	    "effective >= effective");
	T_OK(!cpar_status_at_least(CPAR_DONE, CPAR_EFFECTIVE),
	    "done < effective");
	T_OK(!cpar_status_open(CPAR_EFFECTIVE), "effective is final");
	T_OK(cpar_status_open(CPAR_DONE), "done is still open");
	T_STR(cpar_status_label(CPAR_PLANNED, "id"), "direncanakan",
	    "Indonesian label");
}

static void
test_clock(void)
{
	struct cpar_clock k;
	struct cpar_clock_act a[CPAR_MAX_LEVEL + 2], next;
	size_t n;

	memset(&k, 0, sizeof k);
	k.status = CPAR_PLANNED;
	k.due_day = 20800;
	k.due_at = 1000;
	k.remind_at = 900;
	k.escalate_at[0] = 1000;
	k.escalate_at[1] = 1500;
	k.nlevels = 2;
	T_INT(cpar_clock_due(&k, 899, a), 0, "nothing before the reminder");
	T_INT(cpar_clock_next(&k, 899, &next), 1, "the next action ...");
	T_STR(next.kind, "cpar_remind", "... is the reminder");
	n = cpar_clock_due(&k, 950, a);
	T_INT(n, 1, "the reminder before the due date");
	T_STR(a[0].kind, "cpar_remind", "... to the owner");
	T_INT(a[0].seq, 20800, "keyed by the due date's day, round 0");
	n = cpar_clock_due(&k, 1200, a);
	T_INT(n, 2, "past the due date: overdue and the first level");
	T_STR(a[0].kind, "cpar_overdue", "overdue (no reminder any more)");
	T_STR(a[1].kind, "cpar_escalate", "escalation ...");
	T_INT(a[1].level, 1, "... level 1");
	T_INT(cpar_clock_due(&k, 1500, a), 3, "later: the second level too");
	T_INT(a[2].seq, 208002, "... its own key");
	k.round = 1;
	cpar_clock_due(&k, 1200, a);
	T_INT(a[0].seq, 120800, "found not effective once: a new round, new "
	    "keys");
	k.status = CPAR_OPEN;
	T_INT(cpar_clock_due(&k, 1200, a), 2, "a draft runs the clock too");
	k.status = CPAR_DONE;
	T_INT(cpar_clock_due(&k, 5000, a), 0, "done stops the ladder");
	k.check_at = 4000;
	T_INT(cpar_clock_due(&k, 5000, a), 1, "done: the effectiveness check "
	    "when it is due");
	T_STR(a[0].kind, "cpar_check", "... cpar_check");
	T_INT(a[0].seq, 1, "... keyed by the round");
	k.status = CPAR_EFFECTIVE;
	T_INT(cpar_clock_due(&k, 5000, a), 0, "effective: nothing more");
	T_INT(cpar_clock_next(&k, 0, &next), 0, "... and nothing next");
}

int
main(void)
{
	test_table();
	test_refusals();
	test_who();
	test_order();
	test_clock();
	return t_done();
}
