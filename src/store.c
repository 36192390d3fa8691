/*
 * store.c — the store's handle (see store.h): opening a database,
 * transactions and savepoints, errors, and the statement cache and
 * helpers the store_<area>.c files share (store_priv.h).
 *
 * The store is split by what it stores, each file owning the SQL of its
 * tables: store_schema.c (the migrations), store_case.c (cases, parties),
 * store_message.c (messages, attachments), store_event.c (the history),
 * store_outbox.c (every statement on the outbox), store_quarantine.c,
 * store_source.c (IMAP positions, attempts, source status), store_sms.c
 * (SMS parts, delivery references, modems).
 *
 * Rules kept here:
 *  - Every statement is a static string next to the code that runs it,
 *    prepared once per handle (store_prepare) with bound parameters; none
 *    is ever built from data.
 *  - WAL, synchronous=FULL (a commit is durable when it returns: intake
 *    only marks mail \Seen / deletes SMS after that), foreign keys on;
 *    the log is cut back to WAL_KEEP bytes whenever it starts over, so a
 *    reader that once held it long does not leave a huge file behind.
 *  - Errors are logged here, with what was being done; callers only act.
 *  - A new database is created 0640 whatever the umask (STORE_DB_MODE):
 *    the daemon's user writes it, its group (officers who may read cases
 *    with complaintctl) reads it, nobody else sees the complainants'
 *    names and words.  SQLite gives the -wal and -shm files the
 *    database's mode.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "log.h"
#include "store.h"
#include "store_priv.h"
#include "utf8.h"
#include "xmalloc.h"

#define WAL_KEEP	"33554432"	/* bytes of write-ahead log kept */

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

/* ---- errors, statements, rows ---- */

static enum store_errkind
store_classify(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_E_BUSY;
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PROTOCOL:
		return STORE_E_FULL;
	case SQLITE_CONSTRAINT:
		return STORE_E_CONSTRAINT;
	default:
		return STORE_E_OTHER;
	}
}

/* Record and log a failure; always returns -1. */
int
store_fail(struct store *st, int rc, const char *what)
{
	st->errkind = store_classify(rc);
	snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", what,
	    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	log_warnx("database: %s", st->errmsg);
	return -1;
}

sqlite3_stmt *
store_prepare(struct store *st, const char *text)
{
	struct store_cached *c;
	size_t i;
	int rc;

	for (i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == text) {
			c = &st->cache[i];
			sqlite3_reset(c->s);
			sqlite3_clear_bindings(c->s);
			return c->s;
		}
	}
	st->cache = xreallocarray(st->cache, st->ncache + 1,
	    sizeof *st->cache);
	c = &st->cache[st->ncache];
	rc = sqlite3_prepare_v3(st->db, text, -1, SQLITE_PREPARE_PERSISTENT,
	    &c->s, NULL);
	if (rc != SQLITE_OK) {
		/* a statement that does not prepare is a bug */
		fatalx("database: preparing \"%.60s\": %s", text,
		    sqlite3_errmsg(st->db));
	}
	c->sql = text;
	st->ncache++;
	return c->s;
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL) {
		sqlite3_bind_null(s, i);
	} else {
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	}
}

void
store_bind_id(sqlite3_stmt *s, int i, int64_t v)
{
	if (v == 0) {
		sqlite3_bind_null(s, i);
	} else {
		sqlite3_bind_int64(s, i, v);
	}
}

const char *
store_col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Copy a column into a fixed buffer, cut on a character boundary. */
void
store_col_copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const char *v = store_col_text(s, i);
	size_t len = v ? strlen(v) : 0;

	len = utf8_prefix(v ? v : "", len, n - 1);
	memcpy(dst, v ? v : "", len);
	dst[len] = '\0';
}

/* Step a statement that returns no row. */
int
store_exec_stmt(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, rc, what);
	}
	return 0;
}

/* Step a statement for at most one row: 1 row, 0 none, -1 error.  The
 * statement is left on its row for the caller to read. */
int
store_step_one(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		return 0;
	}
	return store_fail(st, rc, what);
}

int
store_step_int64(struct store *st, sqlite3_stmt *s, const char *what,
    int64_t *v)
{
	int r = store_step_one(st, s, what);

	if (r == 1) {
		*v = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return r;
}

/* Run s, calling fill+cb for each row.  Returns the number of rows (>= 0)
 * or -1. */
int
store_each(struct store *st, sqlite3_stmt *s, const char *what,
    int (*row)(sqlite3_stmt *, void *, void *), void *cb, void *arg)
{
	int rc, n = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n++;
		if (row(s, cb, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, rc, what);
	}
	return n;
}

/* ---- long listings: pages ---- */

void
store_set_pause(struct store *st, void (*fn)(void *), void *arg)
{
	st->pause = fn;
	st->pause_arg = arg;
}

void
store_cache_limit(struct store *st, int kib)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

void
store_checkpoint(struct store *st)
{
	sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
}

static int
row_paged(sqlite3_stmt *s, void *cb, void *arg)
{
	struct store_page *pg = ((void **)arg)[0];
	int r;

	pg->a = pg->key_a >= 0 ? sqlite3_column_int64(s, pg->key_a) : 0;
	pg->b = pg->key_b >= 0 ? sqlite3_column_int64(s, pg->key_b) : 0;
	r = pg->row(s, cb, ((void **)arg)[1]);
	pg->stopped |= r != 0;
	return r;
}

int
store_pages(struct store *st, sqlite3_stmt *s, const char *what,
    struct store_page *pg, void (*bind)(sqlite3_stmt *,
    const struct store_page *, int, int, const void *), const void *ctx,
    void *cb, void *arg, int limit)
{
	void *pair[2] = { pg, arg };
	int n, got = 0, want, first = 1, more;

	do {
		want = limit > 0 && limit - got < STORE_PAGE ? limit - got :
		    STORE_PAGE;
		bind(s, pg, want, first, ctx);
		if ((n = store_each(st, s, what, row_paged, cb, pair)) < 0) {
			return -1;
		}
		got += n;
		first = 0;
		more = n == want && !pg->stopped && (limit <= 0 || got < limit);
		if (more && st->pause != NULL) {
			st->pause(st->pause_arg);
		}
	} while (more);
	return 0;
}

int
store_exec_sql(struct store *st, const char *text, const char *what)
{
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(st->db, text, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		st->errkind = store_classify(rc);
		snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", what,
		    msg ? msg : sqlite3_errstr(rc));
		log_warnx("database: %s", st->errmsg);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* ---- open, close, transactions ---- */

#define STORE_DB_MODE	0640

/* Create the database file with its mode before SQLite does (with the
 * umask's); an existing file is left as it is. */
static int
store_create_file(const char *path)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    STORE_DB_MODE);
	if (fd == -1) {
		if (errno == EEXIST) {
			return 0;
		}
		log_warn("database %s: cannot create it", path);
		return -1;
	}
	if (fchmod(fd, STORE_DB_MODE) == -1) {
		log_warn("database %s: chmod %o", path, STORE_DB_MODE);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * WAL mode.  Changing the journal mode of a database another process is
 * creating (the daemon's first start while the MTA pipes in a mail) fails
 * with SQLITE_BUSY at once, without the busy handler: try again for up to
 * busy_ms, as the busy handler would.
 */
static int
store_wal(struct store *st, const char *path, int busy_ms)
{
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	int waited = 0, rc;

	while ((rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL,
	    NULL, NULL)) != SQLITE_OK && (rc & 0xff) == SQLITE_BUSY &&
	    waited < busy_ms) {
		nanosleep(&pause, NULL);
		waited += 50;
	}
	return rc == SQLITE_OK ? 0 : store_exec_sql(st,
	    "PRAGMA journal_mode = WAL", path);
}

int
store_open_version(const char *path, int busy_ms, int upto,
    struct store **out)
{
	struct store *st;
	int rc;

	*out = NULL;
	st = xcalloc(1, sizeof *st);
	if (strcmp(path, ":memory:") != 0 && store_create_file(path) == -1) {
		st->errkind = STORE_E_OTHER;
		goto fail;
	}
	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		log_errx("database %s: cannot open: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_ms);
	if (store_outbox_functions(st->db) == -1 ||
	    store_wal(st, path, busy_ms) == -1 ||
	    store_exec_sql(st, "PRAGMA synchronous = FULL", path) == -1 ||
	    store_exec_sql(st, "PRAGMA journal_size_limit = " WAL_KEEP,
	    path) == -1 ||
	    store_exec_sql(st, "PRAGMA foreign_keys = ON", path) == -1 ||
	    store_exec_sql(st, "PRAGMA trusted_schema = OFF", path) == -1 ||
	    store_migrate(st, upto) == -1) {
		goto fail;
	}
	/*
	 * Reading the schema (and, on a new database, creating it) takes
	 * SQLite up to 1.1 MB of heap that it frees at once; glibc keeps the
	 * freed pages in every process that opened the store for as long as
	 * it lives.  Handed back: the supervisor 0.47 MB, the dispatch worker
	 * 0.42 MB at the IMAP bench's peak.
	 */
	malloc_trim(0);
	*out = st;
	return 0;
fail:
	if (st->errkind == STORE_E_NONE) {
		st->errkind = STORE_E_OTHER;
	}
	/* keep the kind visible to a caller that only has the error code */
	errno = st->errkind == STORE_E_BUSY ? EAGAIN : EIO;
	store_close(st);
	return -1;
}

int
store_open(const char *path, int busy_ms, struct store **out)
{
	return store_open_version(path, busy_ms, 0, out);
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL) {
		return;
	}
	for (i = 0; i < st->ncache; i++) {
		sqlite3_finalize(st->cache[i].s);
	}
	free(st->cache);
	free(st->memo);
	free(st->archive_dir);
	sqlite3_close(st->db);
	free(st);
}

enum store_errkind
store_errkind(const struct store *st)
{
	return st->errkind;
}

int
store_temporary(const struct store *st)
{
	return st->errkind == STORE_E_BUSY || st->errkind == STORE_E_FULL;
}

const char *
store_errmsg(const struct store *st)
{
	return st->errmsg;
}

void
store_set_now(struct store *st, time_t t)
{
	st->now = t;
}

int
store_begin(struct store *st)
{
	st->errkind = STORE_E_NONE;
	if (store_exec_stmt(st, store_prepare(st, SQL_BEGIN), "begin") == -1) {
		return -1;
	}
	st->in_tx = 1;
	st->tx_gen++;
	return 0;
}

/* Back to synchronous=FULL after a light transaction. */
static void
store_end_light(struct store *st)
{
	if (st->light) {
		st->light = 0;
		sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL,
		    NULL);
	}
}

int
store_begin_light(struct store *st)
{
	if (store_exec_sql(st, "PRAGMA synchronous = NORMAL", "begin") == -1) {
		return -1;
	}
	st->light = 1;
	if (store_begin(st) == -1) {
		store_end_light(st);
		return -1;
	}
	return 0;
}

int
store_commit(struct store *st)
{
	int rc = 0;

	if (store_exec_stmt(st, store_prepare(st, SQL_COMMIT), "commit")
	    == -1) {
		store_rollback(st);
		rc = -1;
	}
	st->in_tx = 0;
	st->tx_gen++;
	store_end_light(st);
	return rc;
}

void
store_rollback(struct store *st)
{
	if (!st->in_tx) {
		return;
	}
	/* a failed COMMIT may already have rolled back: ignore that error */
	if (sqlite3_get_autocommit(st->db) == 0) {
		sqlite3_stmt *s = store_prepare(st, SQL_ROLLBACK);

		sqlite3_step(s);
		sqlite3_reset(s);
	}
	st->in_tx = 0;
	st->tx_gen++;
	store_end_light(st);
}

/* ---- savepoints (IMAP intake: one per message of a batch) ---- */

static const char SQL_SAVEPOINT[] = "SAVEPOINT msg";
static const char SQL_RELEASE[] = "RELEASE msg";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO msg";

int
store_savepoint(struct store *st)
{
	return store_exec_stmt(st, store_prepare(st, SQL_SAVEPOINT),
	    "savepoint");
}

int
store_savepoint_release(struct store *st)
{
	return store_exec_stmt(st, store_prepare(st, SQL_RELEASE),
	    "releasing a savepoint");
}

int
store_savepoint_rollback(struct store *st)
{
	st->tx_gen++;
	if (store_exec_stmt(st, store_prepare(st, SQL_ROLLBACK_TO),
	    "rolling back a savepoint") == -1) {
		return -1;
	}
	return store_savepoint_release(st);
}
