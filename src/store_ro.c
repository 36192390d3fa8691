/*
 * store_ro.c — the database opened for reading only (see store.h), for
 * the complaintctl commands that only look (list, show, status...).
 *
 * Rules kept here:
 *  - A path where no database is never becomes one: no SQLITE_OPEN_CREATE,
 *    and the error says "no database at PATH".
 *  - Nothing is written: SQLITE_OPEN_READONLY, query_only, no migration.
 *  - A user who may only read the files (group complaintd, mode 0640) can
 *    read: while the daemon runs SQLite reads its -wal and -shm files
 *    (they take the database's mode).  When nobody has the database open
 *    there are none, and a reader cannot create them; then — and only
 *    when no -wal file exists, so the database file holds everything —
 *    it is opened as immutable.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "log.h"
#include "store.h"
#include "store_priv.h"
#include "xmalloc.h"

/* "file:" and the path, percent-encoded where a URI needs it. */
static void
store_ro_uri(const char *path, int immutable, char *out, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	const unsigned char *p;

	o = (size_t)snprintf(out, n, "file:");
	for (p = (const unsigned char *)path; *p != '\0' && o + 4 < n; p++) {
		if (*p == '?' || *p == '#' || *p == '%' || *p <= ' ' ||
		    *p >= 0x7f) {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 0xf];
		} else {
			out[o++] = (char)*p;
		}
	}
	out[o] = '\0';
	snprintf(out + o, n - o, "%s", immutable ? "?immutable=1" :
	    "?mode=ro");
}

/* Open and read the schema version: the version, or -1. */
static int
store_ro_try(struct store *st, const char *path, int immutable, int busy_ms)
{
	char uri[PATH_MAX * 3 + 32];

	store_ro_uri(path, immutable, uri, sizeof uri);
	if (sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_ms);
	sqlite3_exec(st->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
	/* 16 MB of pages, not 2: a long listing looks up each case's
	 * complainant at random in the party table (8 MB at a million
	 * cases), and with 2 MB nearly every lookup was a read(2) */
	sqlite3_exec(st->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
	store_outbox_functions(st->db);
	sqlite3_exec(st->db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
	return store_schema_version(st);
}

static int
store_ro_version_ok(const char *path, int v)
{
	int latest = store_schema_latest();

	if (v == 0) {
		log_errx("%s is not a complaintd database (it has no tables)",
		    path);
		return 0;
	}
	if (v < latest) {
		log_errx("database %s has schema version %d, older than this "
		    "program's %d: it is brought up to date when complaintd "
		    "starts", path, v, latest);
		return 0;
	}
	if (v > latest) {
		log_errx("database %s has schema version %d, newer than this "
		    "program (%d)", path, v, latest);
		return 0;
	}
	return 1;
}

/* 1 readable, 0 not, -1 no such file. */
static int
store_ro_exists(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) == -1) {
		if (errno == ENOENT) {
			log_errx("no database at %s", path);
			return -1;
		}
		log_warn("database %s", path);
		return 0;
	}
	if (access(path, R_OK) == -1) {
		log_warn("database %s: cannot read it", path);
		return 0;
	}
	return 1;
}

int
store_open_readonly(const char *path, int busy_ms, struct store **out)
{
	char wal[PATH_MAX];
	struct store *st;
	int v;

	*out = NULL;
	if ((v = store_ro_exists(path)) != 1) {
		errno = v == -1 ? ENOENT : EACCES;
		return -1;
	}
	st = xcalloc(1, sizeof *st);
	if ((v = store_ro_try(st, path, 0, busy_ms)) == -1) {
		snprintf(wal, sizeof wal, "%s-wal", path);
		if (access(wal, F_OK) == -1 && errno == ENOENT) {
			sqlite3_close(st->db);
			st->db = NULL;
			v = store_ro_try(st, path, 1, busy_ms);
		}
	}
	if (v == -1) {
		log_errx("database %s: cannot read it: %s", path, st->db ?
		    sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	if (!store_ro_version_ok(path, v)) {
		goto fail;
	}
	*out = st;
	return 0;
fail:
	store_close(st);
	errno = EIO;
	return -1;
}
