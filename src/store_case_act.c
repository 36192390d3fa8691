/*
 * store_case_act.c — what staff do to a case beyond its status: hand it
 * over, move it to another category, set its priority or confidential
 * flag, merge a duplicate into it (its messages and complainant follow),
 * the contacts it gained that way, and each officer's personal token for
 * entering complaints by email.  Statements on complaint, assignment,
 * message (moving to another case), case_contact and officer_token.
 *
 * Whether an action is allowed is casework's question (casedef.h,
 * authz.h); these only write what was decided, inside the caller's
 * transaction.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rnd.h"
#include "store_priv.h"

static const char SQL_UNASSIGN_ALL[] =
    "DELETE FROM assignment WHERE complaint_id = ?1";

static const char SQL_SET_CATEGORY[] =
    "UPDATE complaint SET category = ?2, updated_at = ?3 WHERE id = ?1";

static const char SQL_SET_PRIORITY[] =
    "UPDATE complaint SET priority = ?2, updated_at = ?3 WHERE id = ?1";

static const char SQL_SET_CONFIDENTIAL[] =
    "UPDATE complaint SET confidential = ?2, updated_at = ?3 WHERE id = ?1";

static const char SQL_FIRST_RESPONSE[] =
    "UPDATE complaint SET first_response_at ="
    " coalesce(first_response_at, ?2), updated_at = ?2 WHERE id = ?1";

static const char SQL_MERGE_MESSAGES[] =
    "UPDATE message SET complaint_id = ?2 WHERE complaint_id = ?1";

/* the duplicate's complainant and contacts, unless already the case's */
static const char SQL_MERGE_CONTACTS[] =
    "INSERT OR IGNORE INTO case_contact (complaint_id, party_id, added_at)"
    " SELECT ?2, party_id, ?3 FROM (SELECT party_id FROM complaint"
    "  WHERE id = ?1 UNION SELECT party_id FROM case_contact"
    "  WHERE complaint_id = ?1)"
    " WHERE party_id <> (SELECT party_id FROM complaint WHERE id = ?2)";

static const char SQL_MERGE_POINT[] =
    "UPDATE complaint SET merged_into = ?2, updated_at = ?3 WHERE id = ?1";

static const char SQL_CONTACTS[] =
    "SELECT p.id, p.email, p.phone, p.name, p.language FROM case_contact cc"
    " JOIN party p ON p.id = cc.party_id WHERE cc.complaint_id = ?1"
    " ORDER BY cc.added_at, p.id";

static const char SQL_TOKEN_GET[] =
    "SELECT token FROM officer_token WHERE officer = ?1";

static const char SQL_TOKEN_ADD[] =
    "INSERT INTO officer_token (officer, token, created_at)"
    " VALUES (?1, ?2, ?3)";

static const char SQL_TOKEN_OFFICER[] =
    "SELECT officer FROM officer_token WHERE token = ?1";

/* One statement on a case with an integer or text value (?2) and the
 * time (?3). */
static int
store_case_set(struct store *st, const char *sql, int64_t case_id,
    const char *text, int64_t v, const char *what)
{
	sqlite3_stmt *s = store_prepare(st, sql);

	sqlite3_bind_int64(s, 1, case_id);
	if (text != NULL) {
		store_bind_text(s, 2, text);
	} else {
		sqlite3_bind_int64(s, 2, v);
	}
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	return store_exec_stmt(st, s, what);
}

int
store_case_unassign_all(struct store *st, int64_t case_id)
{
	sqlite3_stmt *s = store_prepare(st, SQL_UNASSIGN_ALL);

	sqlite3_bind_int64(s, 1, case_id);
	return store_exec_stmt(st, s, "handing a case over");
}

int
store_case_set_category(struct store *st, int64_t case_id,
    const char *category)
{
	return store_case_set(st, SQL_SET_CATEGORY, case_id, category, 0,
	    "changing a case's category");
}

int
store_case_set_priority(struct store *st, int64_t case_id, int priority)
{
	return store_case_set(st, SQL_SET_PRIORITY, case_id, NULL, priority,
	    "changing a case's priority");
}

int
store_case_set_confidential(struct store *st, int64_t case_id, int on)
{
	return store_case_set(st, SQL_SET_CONFIDENTIAL, case_id, NULL,
	    on != 0, "marking a case confidential");
}

int
store_case_first_response(struct store *st, int64_t case_id, time_t at)
{
	sqlite3_stmt *s = store_prepare(st, SQL_FIRST_RESPONSE);

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, (int64_t)at);
	return store_exec_stmt(st, s, "recording the first response");
}

int
store_case_merge(struct store *st, int64_t from, int64_t into)
{
	static const char *const sql[] = {
		SQL_MERGE_MESSAGES, SQL_MERGE_CONTACTS, SQL_MERGE_POINT,
	};
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		s = store_prepare(st, sql[i]);
		sqlite3_bind_int64(s, 1, from);
		sqlite3_bind_int64(s, 2, into);
		if (i > 0) {
			sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
		}
		if (store_exec_stmt(st, s, "merging a case") == -1) {
			return -1;
		}
	}
	return 0;
}

struct contact_walk {
	const struct case_brief	*c;
	store_contact_cb	 cb;
	void			*arg;
};

static int
row_contact(sqlite3_stmt *s, void *fn, void *arg)
{
	struct contact_walk *w = arg;
	struct case_brief b = *w->c;

	(void)fn;
	b.party_id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, b.email, sizeof b.email);
	store_col_copy(s, 2, b.phone, sizeof b.phone);
	store_col_copy(s, 3, b.name, sizeof b.name);
	/* written to in their own language, else the case's */
	if (store_col_text(s, 4) != NULL && *store_col_text(s, 4) != '\0') {
		store_col_copy(s, 4, b.language, sizeof b.language);
	}
	b.first_msgid[0] = '\0';	/* the case's first mail is not theirs */
	return w->cb(w->arg, &b);
}

int
store_case_contacts(struct store *st, const struct case_brief *c,
    store_contact_cb cb, void *arg)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CONTACTS);
	struct contact_walk w = { c, cb, arg };

	sqlite3_bind_int64(s, 1, c->id);
	return store_each(st, s, "listing a case's contacts", row_contact,
	    NULL, &w) < 0 ? -1 : 0;
}

int
store_officer_token(struct store *st, const char *officer, char *token,
    size_t tokenlen)
{
	sqlite3_stmt *s = store_prepare(st, SQL_TOKEN_GET);
	char fresh[RND_TOKEN_LEN];
	int r;

	store_bind_text(s, 1, officer);
	r = store_step_one(st, s, "looking up an officer's token");
	if (r == 1) {
		store_col_copy(s, 0, token, tokenlen);
		sqlite3_reset(s);
		return 0;
	}
	if (r == -1) {
		return -1;
	}
	rnd_token(fresh);
	s = store_prepare(st, SQL_TOKEN_ADD);
	store_bind_text(s, 1, officer);
	store_bind_text(s, 2, fresh);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	if (store_exec_stmt(st, s, "giving an officer a token") == -1) {
		return -1;
	}
	snprintf(token, tokenlen, "%s", fresh);
	return 0;
}

int
store_officer_by_token(struct store *st, const char *token, char *officer,
    size_t officerlen)
{
	sqlite3_stmt *s = store_prepare(st, SQL_TOKEN_OFFICER);
	int r;

	store_bind_text(s, 1, token);
	r = store_step_one(st, s, "looking up an officer's token");
	if (r == 1) {
		store_col_copy(s, 0, officer, officerlen);
		sqlite3_reset(s);
	}
	return r;
}
