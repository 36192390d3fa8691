/*
 * test_casedef.c — the case state machine: statuses, actions, and the one
 * transition table every channel obeys.
 */
#include <stdio.h>
#include <string.h>

#include "casedef.h"
#include "t.h"

/* status, action, expected next status (NULL: refused) */
static const struct {
	const char		*status;
	enum case_action	 act;
	const char		*next;
} rows[] = {
	{ CASE_NEW, CASE_ACT_ACK_DELIVERED, CASE_ACKNOWLEDGED },
	{ CASE_IN_PROGRESS, CASE_ACT_ACK_DELIVERED, CASE_IN_PROGRESS },
	{ CASE_RESOLVED, CASE_ACT_ACK_DELIVERED, CASE_RESOLVED },
	{ CASE_NEW, CASE_ACT_RESOLVE, CASE_RESOLVED },
	{ CASE_ACKNOWLEDGED, CASE_ACT_RESOLVE, CASE_RESOLVED },
	{ CASE_WAITING, CASE_ACT_RESOLVE, CASE_RESOLVED },
	{ CASE_REOPENED, CASE_ACT_RESOLVE, CASE_RESOLVED },
	/* no second answer, nothing re-resolves a closed case */
	{ CASE_RESOLVED, CASE_ACT_RESOLVE, NULL },
	{ CASE_CLOSED, CASE_ACT_RESOLVE, NULL },
	{ CASE_REJECTED, CASE_ACT_RESOLVE, NULL },
	{ CASE_MERGED, CASE_ACT_RESOLVE, NULL },
	{ CASE_RESOLVED, CASE_ACT_CORRECT, CASE_RESOLVED },
	{ CASE_CLOSED, CASE_ACT_CORRECT, NULL },
	{ CASE_IN_PROGRESS, CASE_ACT_CORRECT, NULL },
	/* a closed case cannot be rejected, assigned or prioritised */
	{ CASE_CLOSED, CASE_ACT_REJECT, NULL },
	{ CASE_RESOLVED, CASE_ACT_REJECT, NULL },
	{ CASE_ACKNOWLEDGED, CASE_ACT_REJECT, CASE_REJECTED },
	{ CASE_CLOSED, CASE_ACT_ASSIGN, NULL },
	{ CASE_REJECTED, CASE_ACT_ASSIGN, NULL },
	{ CASE_IN_PROGRESS, CASE_ACT_ASSIGN, CASE_IN_PROGRESS },
	{ CASE_CLOSED, CASE_ACT_PRIORITY, NULL },
	/* waiting on the complainant */
	{ CASE_ACKNOWLEDGED, CASE_ACT_ASK, CASE_WAITING },
	{ CASE_IN_PROGRESS, CASE_ACT_ASK, CASE_WAITING },
	{ CASE_WAITING, CASE_ACT_ASK, CASE_WAITING },
	{ CASE_RESOLVED, CASE_ACT_ASK, NULL },
	{ CASE_WAITING, CASE_ACT_ANSWERED, CASE_IN_PROGRESS },
	{ CASE_IN_PROGRESS, CASE_ACT_ANSWERED, NULL },
	{ CASE_WAITING, CASE_ACT_WAIT_EXPIRED, CASE_CLOSED },
	{ CASE_IN_PROGRESS, CASE_ACT_WAIT_EXPIRED, NULL },
	{ CASE_WAITING, CASE_ACT_ESCALATE, NULL },
	{ CASE_WAITING, CASE_ACT_PROGRESS, CASE_IN_PROGRESS },
	/* interim replies keep the case open */
	{ CASE_ACKNOWLEDGED, CASE_ACT_REPLY, CASE_IN_PROGRESS },
	{ CASE_WAITING, CASE_ACT_REPLY, CASE_WAITING },
	{ CASE_RESOLVED, CASE_ACT_REPLY, NULL },
	/* feedback */
	{ CASE_RESOLVED, CASE_ACT_SATISFIED, CASE_CLOSED },
	{ CASE_RESOLVED, CASE_ACT_DISSATISFIED, CASE_REOPENED },
	{ CASE_CLOSED, CASE_ACT_SATISFIED, NULL },
	{ CASE_CLOSED, CASE_ACT_DISSATISFIED, NULL },
	{ CASE_IN_PROGRESS, CASE_ACT_DISSATISFIED, NULL },
	{ CASE_RESOLVED, CASE_ACT_AUTOCLOSE, CASE_CLOSED },
	{ CASE_IN_PROGRESS, CASE_ACT_AUTOCLOSE, NULL },
	/* staff */
	{ CASE_CLOSED, CASE_ACT_REOPEN, CASE_REOPENED },
	{ CASE_REJECTED, CASE_ACT_REOPEN, CASE_REOPENED },
	{ CASE_RESOLVED, CASE_ACT_REOPEN, CASE_REOPENED },
	{ CASE_IN_PROGRESS, CASE_ACT_REOPEN, NULL },
	{ CASE_MERGED, CASE_ACT_REOPEN, NULL },
	{ CASE_IN_PROGRESS, CASE_ACT_MERGE, CASE_MERGED },
	{ CASE_CLOSED, CASE_ACT_MERGE, NULL },
	{ CASE_RESOLVED, CASE_ACT_CLOSE, CASE_CLOSED },
	{ CASE_WAITING, CASE_ACT_CLOSE, CASE_CLOSED },
	{ CASE_CLOSED, CASE_ACT_CLOSE, NULL },
	{ CASE_CLOSED, CASE_ACT_RECATEGORISE, CASE_CLOSED },
	{ CASE_MERGED, CASE_ACT_RECATEGORISE, NULL },
	/* anything may be noted, followed up, marked confidential */
	{ CASE_MERGED, CASE_ACT_NOTE, CASE_MERGED },
	{ CASE_CLOSED, CASE_ACT_FOLLOWUP, CASE_CLOSED },
	{ CASE_REJECTED, CASE_ACT_CONFIDENTIAL, CASE_REJECTED },
	{ CASE_IN_PROGRESS, CASE_ACT_ESCALATE, CASE_IN_PROGRESS },
	{ CASE_REOPENED, CASE_ACT_ESCALATE, CASE_REOPENED },
	{ CASE_RESOLVED, CASE_ACT_ESCALATE, NULL },
};

static void
test_table(void)
{
	char what[160];
	const char *next;
	size_t i;
	int ok;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		ok = case_action_next(rows[i].status, rows[i].act, &next);
		snprintf(what, sizeof what, "%s on %s: %s",
		    case_action_name(rows[i].act), rows[i].status,
		    rows[i].next ? rows[i].next : "refused");
		if (rows[i].next == NULL) {
			T_OK(ok == 0 && next == NULL, what);
		} else {
			T_OK(ok == 1, what);
			T_STR(next, rows[i].next, what);
		}
	}
}

/* Every cell of the table is either refused or a known status, and the
 * final statuses only ever leave by a reopen. */
static void
test_closure(void)
{
	const char *next;
	int a, s, bad = 0, leaves = 0;

	for (a = 0; a < CASE_ACT_COUNT; a++) {
		for (s = 0; case_statuses[s] != NULL; s++) {
			if (!case_action_next(case_statuses[s], a, &next)) {
				continue;
			}
			if (!case_status_valid(next)) {
				bad++;
			}
			if (case_status_final(case_statuses[s]) &&
			    strcmp(next, case_statuses[s]) != 0 &&
			    a != CASE_ACT_REOPEN) {
				leaves++;
			}
		}
	}
	T_INT(bad, 0, "every transition ends in a known status");
	T_INT(leaves, 0, "final statuses are left only by a reopen");
	T_OK(!case_action_next("bogus", CASE_ACT_NOTE, &next) && next == NULL,
	    "an unknown status allows nothing");
	T_OK(!case_action_next(CASE_NEW, CASE_ACT_COUNT, &next),
	    "an unknown action is refused");
}

static void
test_names(void)
{
	char buf[160];
	int a;

	for (a = 0; a < CASE_ACT_COUNT; a++) {
		T_INT(case_action_by_name(case_action_name(a)), a,
		    case_action_name(a));
	}
	T_INT(case_action_by_name("nonsense"), -1, "unknown action name");
	T_OK(case_status_open(CASE_WAITING), "waiting is open");
	T_OK(!case_status_open(CASE_RESOLVED), "resolved is not open");
	T_OK(case_status_final(CASE_MERGED), "merged is final");
	T_OK(!case_status_final(CASE_RESOLVED), "resolved is not final");
	T_STR(case_status_label(CASE_IN_PROGRESS, "id"), "sedang diproses",
	    "Indonesian label");
	T_STR(case_status_label(CASE_IN_PROGRESS, "en"), "in progress",
	    "English label");
	case_action_refusal(CASE_CLOSED, CASE_ACT_RESOLVE, "en", buf,
	    sizeof buf);
	T_STR(buf, "a case that is closed cannot be answered",
	    "English refusal");
	case_action_refusal(CASE_CLOSED, CASE_ACT_REJECT, "id", buf,
	    sizeof buf);
	T_STR(buf, "pengaduan berstatus \"selesai\" tidak dapat ditolak",
	    "Indonesian refusal, no English in it");
}

int
main(void)
{
	test_table();
	test_closure();
	test_names();
	return t_done();
}
