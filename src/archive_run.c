/*
 * archive_run.c — retention at work (see archive_run.h).  Orders the
 * steps; the file format and I/O are archive.c's, the SQL
 * store_archive.c's.  The entries of a case are written and fsynced
 * before the transaction that empties the database's copy, so a crash
 * in between leaves the bytes in both places (and the next run writes
 * them again: a duplicate entry nobody points at).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "archive_run.h"
#include "buf.h"
#include "log.h"
#include "timers.h"
#include "xmalloc.h"

#define ARCHIVE_CASES	50	/* due cases read at once */
#define ARCHIVE_TICK	50	/* cases archived a tick of the clock */

struct pending {
	char			 kind;
	int64_t			 id;
	char			 key[65];
	struct archive_ptr	 p;
};

struct job {
	struct buf	 entries;
	struct pending	*v;
	size_t		 n, cap;
	struct archive_done d;
	char		 file[ARCHIVE_FILE_MAX];	/* d.file; outlives the case */
};

int64_t
archive_cutoff(time_t now, int years)
{
	struct tm tm;

	gmtime_r(&now, &tm);
	tm.tm_year -= years;
	return (int64_t)timegm(&tm);
}

/* One item of the case encoded into the job's entries. */
static int
archive_item(void *arg, char kind, int64_t id, const char *sha256,
    const void *data, size_t len)
{
	struct job *j = arg;
	struct pending *q;
	size_t at = j->entries.len;

	if (j->n == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 8;
		j->v = xreallocarray(j->v, j->cap, sizeof *j->v);
	}
	q = &j->v[j->n];
	memset(q, 0, sizeof *q);
	if (archive_encode(kind, id, data, len, &j->entries, &q->p) == -1) {
		log_warnx("archive: item %c %lld too large, left in the "
		    "database", kind, (long long)id);
		return 0;
	}
	if (kind == 'A' && strcmp(sha256, q->p.sha256) != 0) {
		log_warnx("archive: attachment %s: its data does not match "
		    "its hash, left in the database", sha256);
		j->entries.len = at;
		j->entries.data[at] = '\0';
		return 0;
	}
	q->kind = kind;
	q->id = id;
	snprintf(q->key, sizeof q->key, "%s", q->p.sha256);
	q->p.offset = (int64_t)at;
	j->n++;
	j->d.before += (int64_t)len;
	j->d.after += q->p.length;
	*(kind == 'M' ? &j->d.messages : &j->d.attachments) += 1;
	return 0;
}

/* The pointers recorded, the bytes emptied, the case marked: one
 * transaction. */
static int
archive_commit(struct store *st, const struct store_archive_case *c,
    struct job *j, int64_t base, time_t now)
{
	size_t i;

	if (store_begin(st) == -1) {
		return -1;
	}
	for (i = 0; i < j->n; i++) {
		if (store_archive_record(st, j->v[i].kind, j->v[i].id,
		    j->d.file, base + j->v[i].p.offset, j->v[i].p.length,
		    j->v[i].p.size, j->v[i].key) == -1) {
			goto fail;
		}
	}
	if (store_archive_case_done(st, c->id, (int64_t)now) == -1 ||
	    store_commit(st) == -1) {
		goto fail;
	}
	return 0;
fail:
	store_rollback(st);
	return -1;
}

static int
archive_case(const struct conf_retention *r, struct store *st,
    const struct store_archive_case *c, int64_t cutoff, time_t now,
    int dry, struct job *j, char *err, size_t errlen)
{
	char *file = j->file;
	int64_t base = 0;

	buf_reset(&j->entries);
	j->n = 0;
	memset(&j->d, 0, sizeof j->d);
	archive_file_name(c->closed_at, file);
	j->d.reference = c->reference;
	j->d.file = file;
	j->d.closed_at = c->closed_at;
	if (store_archive_items(st, c->id, cutoff, archive_item, j) == -1) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	if (dry) {
		return 0;
	}
	if (j->n > 0 && archive_append(r->archive_dir, file,
	    j->entries.data, j->entries.len, &base, err, errlen) == -1) {
		return -1;
	}
	if (archive_commit(st, c, j, base, now) == -1) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	return 0;
}

static void
archive_add(struct archive_totals *t, const struct archive_done *d)
{
	t->cases++;
	t->messages += d->messages;
	t->attachments += d->attachments;
	t->before += d->before;
	t->after += d->after;
}

int
archive_run(const struct conf_retention *r, struct store *st, time_t now,
    int max, int dry, archive_cb cb, void *arg, struct archive_totals *t,
    char *err, size_t errlen)
{
	struct store_archive_case c[ARCHIVE_CASES];
	struct job j;
	int64_t cutoff, after_at = 0, after_id = 0;
	int i, n, want, done = 0, rc = 0, stop = 0;

	if (r->archive_after_years <= 0 || r->archive_dir == NULL) {
		return 0;
	}
	cutoff = archive_cutoff(now, r->archive_after_years);
	memset(&j, 0, sizeof j);
	buf_init(&j.entries);
	do {
		want = max - done < ARCHIVE_CASES ? max - done : ARCHIVE_CASES;
		if ((n = store_archive_cases(st, cutoff, after_at, after_id,
		    want, c)) == -1) {
			snprintf(err, errlen, "%s", store_errmsg(st));
			rc = -1;
		}
		for (i = 0; i < n && !stop && rc == 0; i++, done++) {
			after_at = c[i].closed_at;
			after_id = c[i].id;
			rc = archive_case(r, st, &c[i], cutoff, now, dry, &j,
			    err, errlen);
			if (rc == 0) {
				archive_add(t, &j.d);
				stop = cb != NULL && cb(arg, &j.d);
			}
		}
	} while (n == want && done < max && !stop && rc == 0);
	buf_free(&j.entries);
	free(j.v);
	return rc;
}

struct tick {
	timers_cb	 cb;
	void		*arg;
	int		 n;
};

/* A case archived told as the clock's other actions are. */
static int
archive_told(void *arg, const struct archive_done *d)
{
	struct tick *k = arg;
	struct timers_done t;
	char what[256];

	snprintf(what, sizeof what, "%d message(s), %d attachment(s): "
	    "%lld bytes to %lld in %s", d->messages, d->attachments,
	    (long long)d->before, (long long)d->after, d->file);
	t.reference = d->reference;
	t.kind = "archived";
	t.seq = 0;
	t.at = (time_t)d->closed_at;
	t.what = what;
	k->n++;
	return k->cb != NULL ? k->cb(k->arg, &t) : 0;
}

int
archive_tick(const struct conf_retention *r, struct store *st, time_t now,
    timers_cb cb, void *arg, int *actions)
{
	struct tick k = { cb, arg, 0 };
	struct archive_totals t;
	char err[512];
	int rc;

	memset(&t, 0, sizeof t);
	rc = archive_run(r, st, now, ARCHIVE_TICK, 0, archive_told, &k, &t,
	    err, sizeof err);
	if (rc == -1) {
		log_warnx("archive: %s; tried again at the next tick", err);
	}
	*actions = k.n;
	return rc;
}
