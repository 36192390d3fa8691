/*
 * store_priv.h — inside the store module.  store.c and the store_<area>.c
 * files that extend it (one per area of the schema) are the only sqlite
 * users; they share the handle and these helpers.  Nothing outside src/
 * store*.c includes this file.
 *
 * Statements are cached per handle by the address of their SQL text, so
 * each file keeps its SQL in static const strings next to the code that
 * uses it and calls store_prepare(st, SQL) every time: the first call
 * prepares, later ones reset and reuse.
 */
#ifndef STORE_PRIV_H
#define STORE_PRIV_H

#include <sqlite3.h>

#include "store.h"

struct store_cached {
	const char	*sql;		/* identity: the pointer, not the text */
	sqlite3_stmt	*s;
};

struct store {
	sqlite3			*db;
	struct store_cached	*cache;
	size_t			 ncache;
	int			 in_tx;
	int			 light;		/* synchronous=NORMAL for now */
	void			(*pause)(void *);	/* between pages */
	void			*pause_arg;
	enum store_errkind	 errkind;
	char			 errmsg[256];
};

/* The columns store_row_outbox() reads, in its order. */
#define OUTBOX_ROW_COLS							\
	"o.id, o.complaint_id, c.reference, o.message_id, o.channel,"	\
	" o.kind, o.recipient, o.recipient_name, o.officer, o.subject,"	\
	" o.body, o.body_html, o.rfc_message_id, o.in_reply_to, o.refs,"	\
	" o.automatic, o.status, o.attempts, o.next_attempt_at,"	\
	" o.last_error, o.created_at, o.sent_at"			\
	" FROM outbox o LEFT JOIN complaint c ON c.id = o.complaint_id"

/* store_each() row function for OUTBOX_ROW_COLS; cb is a store_outbox_cb. */
int		 store_row_outbox(sqlite3_stmt *, void *cb, void *arg);

/* A reset statement with no bindings for this SQL text. */
sqlite3_stmt	*store_prepare(struct store *, const char *sql);

enum store_errkind store_classify(int rc);
/* Record and log a failure with what was being done; returns -1. */
int		 store_fail(struct store *, int rc, const char *what);

/* NULL binds NULL; an id of 0 binds NULL. */
void		 store_bind_text(sqlite3_stmt *, int, const char *);
void		 store_bind_id(sqlite3_stmt *, int, int64_t);
const char	*store_col_text(sqlite3_stmt *, int);
/* Copy into a fixed buffer, cut on a UTF-8 character boundary. */
void		 store_col_copy(sqlite3_stmt *, int, char *, size_t);

/* Run a statement that returns no row: 0 or -1. */
int		 store_exec_stmt(struct store *, sqlite3_stmt *, const char *);
/* At most one row: 1 (left on the row), 0 none, -1 error. */
int		 store_step_one(struct store *, sqlite3_stmt *, const char *);
/* At most one row, whose first column goes to *v: 1, 0 none, -1 error;
 * the statement is reset. */
int		 store_step_int64(struct store *, sqlite3_stmt *, const char *,
		    int64_t *v);
/* Each row through row(s, cb, arg) until it returns non-zero: the number
 * of rows, or -1. */
int		 store_each(struct store *, sqlite3_stmt *, const char *,
		    int (*row)(sqlite3_stmt *, void *, void *), void *cb,
		    void *arg);

#endif
