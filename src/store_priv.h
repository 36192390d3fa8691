/*
 * store_priv.h — inside the store module.  store.c (the handle) and the
 * store_<area>.c files (one per area of the schema, each owning the SQL
 * of its tables) are the only sqlite users; they share the handle and
 * these helpers.  Nothing outside src/store*.c includes this file, and
 * nothing here leaks into store.h.
 *
 * Statements are cached per handle by the address of their SQL text, so
 * each file keeps its SQL in static const strings next to the code that
 * uses it and calls store_prepare(st, SQL) every time: the first call
 * prepares, later ones reset and reuse.  There is no table of statements
 * to keep in step: a file's statements are its own.
 */
#ifndef STORE_PRIV_H
#define STORE_PRIV_H

#include <sqlite3.h>

#include "store.h"

struct store_cached {
	const char	*sql;		/* identity: the pointer, not the text */
	sqlite3_stmt	*s;
};

struct store_count_memo;

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
	time_t			 now;		/* store_set_now(); 0: the
						   system's */
	unsigned		 tx_gen;	/* changes at every begin,
						   end and rollback */
	struct store_count_memo	*memo;		/* store_outbox_memo.c */
	char			*archive_dir;	/* store_set_archive_dir() */
};

/* The time history is written at: store_set_now()'s, else the system's. */
#define store_now(st)	((st)->now != 0 ? (st)->now : time(NULL))

/* The limits' window counts remembered within one transaction
 * (store_outbox_memo.c): 1 and the count in *count when known, 0 when
 * the caller must count; store_memo_put() after it counted.  Only rows
 * added since are counted then, and the rows that left the window. */
int		 store_memo_count(struct store *, int which, const char *key,
		    time_t since, int upto, int *count);
void		 store_memo_put(struct store *, int which, const char *key,
		    time_t since, int upto, int count);
/* Forget them: an outbox row's status changed. */
#define store_memo_forget(st)	((st)->tx_gen++)

/* A reset statement with no bindings for this SQL text. */
sqlite3_stmt	*store_prepare(struct store *, const char *sql);

/* Record and log a failure with what was being done; returns -1. */
int		 store_fail(struct store *, int rc, const char *what);
/* Run SQL text without parameters (pragmas, migrations): 0 or -1. */
int		 store_exec_sql(struct store *, const char *text,
		    const char *what);

/* Bring the schema to version upto, 0: the newest (store_schema.c).
 * Foreign keys are on afterwards. */
int		 store_migrate(struct store *, int upto);
/* What one area asks another (each area's SQL stays in its file). */
/* A message came for the case: its updated_at (store_case.c). */
int		 store_case_touch(struct store *, int64_t case_id, time_t at);
/* The case of a message received with this Message-ID: 1, 0, -1
 * (store_message.c). */
int		 store_message_case(struct store *, const char *external_id,
		    int64_t *case_id);
/* Rows queued or being sent; failed or dead (store_outbox.c). */
int		 store_outbox_pending(struct store *, int *queued, int *failed);
/* The case of an outbox row, 0 if none: 0 or -1. */
int		 store_outbox_case(struct store *, int64_t outbox_id,
		    int64_t *case_id);
/* A delivery report's verdict on a sent row: failure NULL = delivered,
 * else the row has failed with that text. */
int		 store_outbox_delivery(struct store *, int64_t outbox_id,
		    const char *failure);
/* Messages held in quarantine (store_quarantine.c). */
int		 store_quarantine_held(struct store *, int *held);

/* The bytes of an archived entry whose pointer is in columns col..col+4
 * of s (file, offset, length, size, sha256) to cb (store_archive.c): 1,
 * or -1 (STORE_E_ARCHIVE, the file named in the message). */
int		 store_archive_fetch(struct store *, sqlite3_stmt *, int col,
		    char kind, int64_t id, const char *filename,
		    const char *content_type, store_data_cb, void *);

/* NULL binds NULL; an id of 0 binds NULL. */
void		 store_bind_text(sqlite3_stmt *, int, const char *);
void		 store_bind_id(sqlite3_stmt *, int, int64_t);
const char	*store_col_text(sqlite3_stmt *, int);
/* The SQL functions the outbox's statements use (store_outbox.c): on
 * every connection, read-only ones too. */
int		 store_outbox_functions(sqlite3 *);
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

/* A long listing's page: its rows to row(s, cb, arg), remembering the
 * last row's key columns (key_a, key_b: column numbers, -1 none) and
 * whether the caller stopped. */
struct store_page {
	int		(*row)(sqlite3_stmt *, void *, void *);
	int		 key_a, key_b;
	int64_t		 a, b;
	int		 stopped;
};
/* Run a page query again and again (bind sets its limit, want, and where
 * the last page ended unless first) until a page comes back short, the
 * caller stops, or limit rows (0: all) were given; the pause function
 * (store_set_pause) between pages, outside any transaction. */
int		 store_pages(struct store *, sqlite3_stmt *, const char *what,
		    struct store_page *, void (*bind)(sqlite3_stmt *,
		    const struct store_page *, int want, int first,
		    const void *ctx), const void *ctx, void *cb, void *arg,
		    int limit);

#endif
