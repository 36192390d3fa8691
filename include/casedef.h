/*
 * casedef.h — the vocabulary of a case, shared by the pure decision modules
 * and the store: statuses, message kinds, and a small fixed-size view of a
 * case (no ownership to think about).
 *
 * Workflow (DESIGN §5):
 *   new ──ack delivered──▶ acknowledged ──officer acts──▶ in_progress
 *     └──────────────┬──────────────────────────────┘          │
 *                    ▼                                          ▼
 *                 rejected                resolved (awaiting feedback)
 *                                          │ satisfied / no answer │ not satisfied
 *                                          ▼                       ▼
 *                                        closed                reopened ─▶ …
 */
#ifndef CASEDEF_H
#define CASEDEF_H

#include <stdint.h>

#define CASE_NEW		"new"
#define CASE_ACKNOWLEDGED	"acknowledged"
#define CASE_IN_PROGRESS	"in_progress"
#define CASE_RESOLVED		"resolved"
#define CASE_CLOSED		"closed"
#define CASE_REOPENED		"reopened"
#define CASE_REJECTED		"rejected"

/* 1 for a known status name. */
int	case_status_valid(const char *);

struct case_brief {
	int64_t	id;			/* 0: no case */
	char	reference[64];
	char	status[16];
	char	token[40];		/* per-case secret for officer replies */
	char	channel[8];		/* "email" | "sms" | ... */
	char	category[64];
	char	language[8];
	int64_t	party_id;
	char	email[256];		/* the complainant's, "" if none */
	char	phone[24];		/* E.164, "" if none */
	char	name[128];		/* display name, "" if none */
	char	subject[256];		/* the case's subject (cut) */
	char	summary[512];		/* the opening text, shortened */
	int64_t	received;		/* Unix time */
	char	first_msgid[256];	/* Message-ID of the opening mail */
};

#endif
