/*
 * store_lang.c — the language a complainant is written to: the case's
 * (complaint.language) and the one remembered on their party
 * (party.language, lang.h decides it).  Statements on complaint and
 * party only; inside the caller's transaction.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"

static const char SQL_PARTY_LANG[] =
    "SELECT language FROM party WHERE id = ?1 AND language IS NOT NULL";

static const char SQL_PARTY_SET_LANG[] =
    "UPDATE party SET language = ?2 WHERE id = ?1";

static const char SQL_CASE_SET_LANG[] =
    "UPDATE complaint SET language = ?2, updated_at = ?3 WHERE id = ?1";

int
store_party_language(struct store *st, int64_t party_id, char *out,
    size_t outlen)
{
	sqlite3_stmt *s = store_prepare(st, SQL_PARTY_LANG);
	int r;

	sqlite3_bind_int64(s, 1, party_id);
	out[0] = '\0';
	r = store_step_one(st, s, "reading a party's language");
	if (r == 1) {
		store_col_copy(s, 0, out, outlen);
	}
	sqlite3_reset(s);
	return r;
}

int
store_party_set_language(struct store *st, int64_t party_id,
    const char *lang)
{
	sqlite3_stmt *s = store_prepare(st, SQL_PARTY_SET_LANG);

	sqlite3_bind_int64(s, 1, party_id);
	store_bind_text(s, 2, lang);
	return store_exec_stmt(st, s, "remembering a party's language");
}

int
store_case_set_language(struct store *st, int64_t case_id, const char *lang)
{
	sqlite3_stmt *s = store_prepare(st, SQL_CASE_SET_LANG);

	sqlite3_bind_int64(s, 1, case_id);
	store_bind_text(s, 2, lang);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	return store_exec_stmt(st, s, "changing a case's language");
}
