/*
 * cpardef.h — the vocabulary of a corrective action (CPAR, the Laporan
 * Ketidaksesuaian): its statuses, the actions taken on it, the one table
 * saying which action is allowed in which status and what the status
 * becomes, and who may take each.  Pure: no I/O.
 *
 *   open ──plan complete──▶ planned ──done──▶ done ──verify yes──▶ effective
 *    (draft)                  ▲                 │
 *                             └──verify no──────┘ (not effective, reason)
 *
 * A record is "planned" once it names its root cause, its corrective
 * action, an owner and a due date: an update that completes them moves
 * open to planned.  "effective" is final: nothing changes it, nothing is
 * deleted.  Only the quality manager (conf.h quality_manager) verifies;
 * the owner, a coordinator or the quality manager update and mark done;
 * any officer opens one.
 */
#ifndef CPARDEF_H
#define CPARDEF_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CPAR_OPEN	"open"
#define CPAR_PLANNED	"planned"
#define CPAR_DONE	"done"
#define CPAR_EFFECTIVE	"effective"

/* Every status in workflow order, NULL-terminated. */
extern const char *const cpar_statuses[];

enum cpar_action {
	CPAR_ACT_OPEN,		/* a new record */
	CPAR_ACT_UPDATE,	/* fields changed (may complete the plan) */
	CPAR_ACT_DONE,		/* the owner: the action is carried out */
	CPAR_ACT_EFFECTIVE,	/* the quality manager: verified effective */
	CPAR_ACT_NOT_EFFECTIVE,	/* the quality manager: not effective */
	CPAR_ACT_COUNT
};

/* "open", "update", "done", "effective", "not_effective" (the event). */
const char	*cpar_action_name(enum cpar_action);
int		 cpar_status_valid(const char *);
/* 1 until verified effective. */
int		 cpar_status_open(const char *);
/* A status for people in "id" or "en". */
const char	*cpar_status_label(const char *status, const char *lang);
/* 1 when status is at least want in the workflow (planned < done <
 * effective); used by the close policy. */
int		 cpar_status_at_least(const char *status, const char *want);

/*
 * May action a be taken in status?  planned: the record (after the
 * action's changes) names its root cause, corrective action, owner and
 * due date.  1 with *next (static), or 0 with the reason in lang in err.
 */
int	cpar_next(const char *status, enum cpar_action a, int planned,
	    const char **next, const char *lang, char *err, size_t errlen);

/* Who acts: their officer id (NULL: an administrator at the console),
 * whether they are a coordinator, the record's owner and the configured
 * quality manager (NULL: none).  1 yes, 0 no with the reason in err. */
struct cpar_who {
	const char	*officer;
	int		 coordinator;
	const char	*owner;
	const char	*quality_manager;
};
int	cpar_may(const struct cpar_who *, enum cpar_action a,
	    const char *lang, char *err, size_t errlen);

/*
 * The procedure clock of a corrective action (sla.h's subject kind
 * 'cpar'), decided here from times the caller worked out on the calendar:
 * while open or planned, a reminder to the owner before the due date,
 * then overdue (the owner and the quality manager) and one escalation
 * level after another up the owner's escalate_to chain; once done, the
 * effectiveness check (the quality manager asked to verify) at check_at.
 * Only the latest of reminder / overdue is due (a reminder after the due
 * date is pointless).  Each action has a key (kind, seq) fired once
 * (timer_fired): seq carries the round (times found not effective) and
 * the due date's day, so a new due date or a new round runs the ladder
 * again.
 */
#define CPAR_MAX_LEVEL	8

struct cpar_clock {
	const char	*status;
	int		 round;
	long		 due_day;	/* the due date's day number */
	time_t		 due_at;	/* 0: no due date */
	time_t		 remind_at;	/* 0: no reminder */
	time_t		 escalate_at[CPAR_MAX_LEVEL];	/* level k + 1 */
	int		 nlevels;
	time_t		 check_at;	/* 0: no effectiveness check */
};

struct cpar_clock_act {
	const char	*kind;	/* "cpar_remind", "cpar_overdue",
				   "cpar_escalate", "cpar_check" */
	int64_t		 seq;
	time_t		 at;	/* when it fell due */
	int		 level;	/* cpar_escalate: 1.. */
};

/* What is due at now (out has room for CPAR_MAX_LEVEL + 2): the count. */
size_t	cpar_clock_due(const struct cpar_clock *, time_t now,
	    struct cpar_clock_act *out);
/* The next action after now (kind, at); 0 when none. */
int	cpar_clock_next(const struct cpar_clock *, time_t now,
	    struct cpar_clock_act *next);

#endif
