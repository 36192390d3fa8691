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

int
main(void)
{
	test_table();
	test_refusals();
	test_who();
	test_order();
	return t_done();
}
