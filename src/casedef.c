/*
 * casedef.c — statuses, actions and the one transition table (see
 * casedef.h).
 *
 * The table has a row per action and a column per status.  A cell is the
 * status the case has after the action, SAME when the action leaves the
 * status as it is, or NO when the action is refused in that status.  Read
 * a row to see where an action may happen; read a column to see what may
 * happen to a case in one status.  Pure: no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "casedef.h"

enum st {
	S_NEW, S_ACK, S_PROG, S_WAIT, S_RES, S_CLOSED, S_REOP, S_REJ, S_MERGED,
	S_COUNT
};

const char *const case_statuses[] = {
	[S_NEW] = CASE_NEW, [S_ACK] = CASE_ACKNOWLEDGED,
	[S_PROG] = CASE_IN_PROGRESS, [S_WAIT] = CASE_WAITING,
	[S_RES] = CASE_RESOLVED, [S_CLOSED] = CASE_CLOSED,
	[S_REOP] = CASE_REOPENED, [S_REJ] = CASE_REJECTED,
	[S_MERGED] = CASE_MERGED, [S_COUNT] = NULL,
};

const char *const case_open_statuses[] = {
	CASE_NEW, CASE_ACKNOWLEDGED, CASE_IN_PROGRESS, CASE_WAITING,
	CASE_REOPENED, NULL,
};

#define NO	(-1)
#define SAME	(-2)

/* Columns: new ack prog wait res closed reop rej merged */
static const signed char transitions[CASE_ACT_COUNT][S_COUNT] = {
	[CASE_ACT_ACK_DELIVERED] =
	    { S_ACK, SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME },
	[CASE_ACT_NOTE] =
	    { SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME },
	[CASE_ACT_ASSIGN] =
	    { SAME, SAME, SAME, SAME, SAME, NO, SAME, NO, NO },
	[CASE_ACT_PROGRESS] =
	    { S_PROG, S_PROG, SAME, S_PROG, NO, NO, S_PROG, NO, NO },
	[CASE_ACT_REPLY] =
	    { S_PROG, S_PROG, SAME, SAME, NO, NO, S_PROG, NO, NO },
	[CASE_ACT_ASK] =
	    { S_WAIT, S_WAIT, S_WAIT, SAME, NO, NO, S_WAIT, NO, NO },
	[CASE_ACT_ANSWERED] =
	    { NO, NO, NO, S_PROG, NO, NO, NO, NO, NO },
	[CASE_ACT_RESOLVE] =
	    { S_RES, S_RES, S_RES, S_RES, NO, NO, S_RES, NO, NO },
	[CASE_ACT_CORRECT] =
	    { NO, NO, NO, NO, SAME, NO, NO, NO, NO },
	[CASE_ACT_REJECT] =
	    { S_REJ, S_REJ, S_REJ, S_REJ, NO, NO, S_REJ, NO, NO },
	[CASE_ACT_RECATEGORISE] =
	    { SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME, NO },
	[CASE_ACT_PRIORITY] =
	    { SAME, SAME, SAME, SAME, SAME, NO, SAME, NO, NO },
	[CASE_ACT_CONFIDENTIAL] =
	    { SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME },
	[CASE_ACT_REOPEN] =
	    { NO, NO, NO, NO, S_REOP, S_REOP, NO, S_REOP, NO },
	[CASE_ACT_SATISFIED] =
	    { NO, NO, NO, NO, S_CLOSED, NO, NO, NO, NO },
	[CASE_ACT_DISSATISFIED] =
	    { NO, NO, NO, NO, S_REOP, NO, NO, NO, NO },
	[CASE_ACT_MERGE] =
	    { S_MERGED, S_MERGED, S_MERGED, S_MERGED, NO, NO, S_MERGED, NO,
	      NO },
	[CASE_ACT_CLOSE] =
	    { S_CLOSED, S_CLOSED, S_CLOSED, S_CLOSED, S_CLOSED, NO, S_CLOSED,
	      NO, NO },
	[CASE_ACT_AUTOCLOSE] =
	    { NO, NO, NO, NO, S_CLOSED, NO, NO, NO, NO },
	[CASE_ACT_WAIT_EXPIRED] =
	    { NO, NO, NO, S_CLOSED, NO, NO, NO, NO, NO },
	[CASE_ACT_ESCALATE] =
	    { SAME, SAME, SAME, NO, NO, NO, SAME, NO, NO },
	[CASE_ACT_FOLLOWUP] =
	    { SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME },
	[CASE_ACT_LANGUAGE] =
	    { SAME, SAME, SAME, SAME, SAME, SAME, SAME, SAME, NO },
};

static const char *const action_names[CASE_ACT_COUNT] = {
	[CASE_ACT_ACK_DELIVERED] = "acknowledged",
	[CASE_ACT_NOTE] = "note",
	[CASE_ACT_ASSIGN] = "assign",
	[CASE_ACT_PROGRESS] = "progress",
	[CASE_ACT_REPLY] = "reply",
	[CASE_ACT_ASK] = "ask",
	[CASE_ACT_ANSWERED] = "answered",
	[CASE_ACT_RESOLVE] = "resolve",
	[CASE_ACT_CORRECT] = "correct",
	[CASE_ACT_REJECT] = "reject",
	[CASE_ACT_RECATEGORISE] = "recategorise",
	[CASE_ACT_PRIORITY] = "priority",
	[CASE_ACT_CONFIDENTIAL] = "confidential",
	[CASE_ACT_REOPEN] = "reopen",
	[CASE_ACT_SATISFIED] = "satisfied",
	[CASE_ACT_DISSATISFIED] = "dissatisfied",
	[CASE_ACT_MERGE] = "merge",
	[CASE_ACT_CLOSE] = "close",
	[CASE_ACT_AUTOCLOSE] = "autoclose",
	[CASE_ACT_WAIT_EXPIRED] = "wait_expired",
	[CASE_ACT_ESCALATE] = "escalate",
	[CASE_ACT_FOLLOWUP] = "followup",
	[CASE_ACT_LANGUAGE] = "language",
};

/* What an action does, for a refusal: "… cannot be <verb>". */
static const char *const action_verbs[CASE_ACT_COUNT][2] = {
	[CASE_ACT_ACK_DELIVERED] = { "acknowledged", "dikonfirmasi" },
	[CASE_ACT_NOTE] = { "given a note", "diberi catatan" },
	[CASE_ACT_ASSIGN] = { "assigned", "dialihkan" },
	[CASE_ACT_PROGRESS] = { "marked in progress", "ditandai diproses" },
	[CASE_ACT_REPLY] = { "given an interim reply",
	    "diberi tanggapan sementara" },
	[CASE_ACT_ASK] = { "used to ask the complainant for information",
	    "dipakai untuk meminta informasi kepada pelapor" },
	[CASE_ACT_ANSWERED] = { "answered by the complainant",
	    "dijawab oleh pelapor" },
	[CASE_ACT_RESOLVE] = { "answered", "dijawab" },
	[CASE_ACT_CORRECT] = { "given a corrected answer",
	    "diberi jawaban koreksi" },
	[CASE_ACT_REJECT] = { "rejected", "ditolak" },
	[CASE_ACT_RECATEGORISE] = { "moved to another category",
	    "dipindah ke kategori lain" },
	[CASE_ACT_PRIORITY] = { "given a priority", "diberi prioritas" },
	[CASE_ACT_CONFIDENTIAL] = { "marked confidential",
	    "ditandai rahasia" },
	[CASE_ACT_REOPEN] = { "reopened", "dibuka kembali" },
	[CASE_ACT_SATISFIED] = { "rated satisfied", "dinilai puas" },
	[CASE_ACT_DISSATISFIED] = { "rated not satisfied",
	    "dinilai tidak puas" },
	[CASE_ACT_MERGE] = { "merged into another case",
	    "digabung ke pengaduan lain" },
	[CASE_ACT_CLOSE] = { "closed", "ditutup" },
	[CASE_ACT_AUTOCLOSE] = { "closed for lack of feedback",
	    "ditutup karena tidak ada tanggapan" },
	[CASE_ACT_WAIT_EXPIRED] = { "closed for lack of information",
	    "ditutup karena informasi tidak diberikan" },
	[CASE_ACT_ESCALATE] = { "escalated", "dieskalasi" },
	[CASE_ACT_FOLLOWUP] = { "followed up", "ditindaklanjuti" },
	[CASE_ACT_LANGUAGE] = { "given another language",
	    "diberi bahasa lain" },
};

static const char *const status_labels[S_COUNT][2] = {
	[S_NEW] = { "new", "baru" },
	[S_ACK] = { "acknowledged", "diterima" },
	[S_PROG] = { "in progress", "sedang diproses" },
	[S_WAIT] = { "waiting for the complainant",
	    "menunggu informasi dari pelapor" },
	[S_RES] = { "answered, awaiting feedback",
	    "sudah dijawab, menunggu tanggapan" },
	[S_CLOSED] = { "closed", "selesai" },
	[S_REOP] = { "reopened", "dibuka kembali" },
	[S_REJ] = { "rejected", "ditolak" },
	[S_MERGED] = { "merged", "digabung" },
};

/* Index of a status, -1 when unknown. */
static int
status_index(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < S_COUNT; i++) {
		if (strcmp(s, case_statuses[i]) == 0) {
			return i;
		}
	}
	return -1;
}

static int
lang_index(const char *lang)
{
	return lang != NULL && strcmp(lang, "id") == 0;
}

int
case_status_valid(const char *s)
{
	return status_index(s) >= 0;
}

int
case_status_open(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && case_open_statuses[i] != NULL; i++) {
		if (strcmp(s, case_open_statuses[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

int
case_status_final(const char *s)
{
	int i = status_index(s);

	return i == S_CLOSED || i == S_REJ || i == S_MERGED;
}

const char *
case_status_label(const char *status, const char *lang)
{
	int i = status_index(status);

	return i < 0 ? status : status_labels[i][lang_index(lang)];
}

const char *
case_action_name(enum case_action a)
{
	return (unsigned)a < CASE_ACT_COUNT ? action_names[a] : "?";
}

int
case_action_by_name(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < CASE_ACT_COUNT; i++) {
		if (strcmp(name, action_names[i]) == 0) {
			return i;
		}
	}
	return -1;
}

int
case_action_next(const char *status, enum case_action a, const char **next)
{
	int s = status_index(status), t;

	*next = NULL;
	if (s < 0 || (unsigned)a >= CASE_ACT_COUNT) {
		return 0;
	}
	t = transitions[a][s];
	if (t == NO) {
		return 0;
	}
	*next = case_statuses[t == SAME ? s : t];
	return 1;
}

void
case_action_refusal(const char *status, enum case_action a,
    const char *lang, char *buf, size_t buflen)
{
	const char *verb = (unsigned)a < CASE_ACT_COUNT ?
	    action_verbs[a][lang_index(lang)] : "?";
	const char *label = case_status_label(status, lang);

	if (lang_index(lang)) {
		snprintf(buf, buflen, "pengaduan berstatus \"%s\" tidak dapat "
		    "%s", label, verb);
	} else {
		snprintf(buf, buflen, "a case that is %s cannot be %s", label,
		    verb);
	}
}
