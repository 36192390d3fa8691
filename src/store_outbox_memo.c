/*
 * store_outbox_memo.c — the limits' window counts (store_outbox.c)
 * without counting the window again for every message.  Intake records a
 * batch of messages in one transaction, and each message's replies are
 * checked against the limits: counting every row of the hour (or the
 * day) each time costs the window, so a batch of N in a busy hour costs
 * N times the window.  Within one write transaction nobody else writes,
 * so a count taken earlier in it is exact, and the next one is that
 * count, minus the rows that left the window since, plus the rows added
 * since (ids above the highest one seen: ids only grow).  Rules:
 *   - remembered only inside a transaction, for the transaction: begin,
 *     commit, rollback and a rollback to a savepoint forget (tx_gen), so
 *     does a change of an outbox row's status (store_memo_forget);
 *   - only exact counts are kept (below the limit they were counted up
 *     to); an answer is never above the limit asked about;
 *   - which: 1, automatic replies to anyone (key ""); 2, an officer's
 *     notifications (key "officer\tchannel").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_priv.h"
#include "xmalloc.h"

#define MEMO_N		8
#define MEMO_SLIDE	3600	/* a window moved further: count again */

struct store_count_memo {
	unsigned	 gen;		/* st->tx_gen when kept; 0: empty */
	int		 which;
	char		 key[160];
	time_t		 since;		/* the window's start */
	int64_t		 upto_id;	/* rows up to this id are in n */
	int		 n;
};

static const char SQL_MAX_ID[] = "SELECT coalesce(max(id), 0) FROM outbox";

/* ?1 ?2: created in [from, to), ?3: id at most; ?4 ?5 officer, channel. */
static const char SQL_LEFT_AUTO[] =
    "SELECT count(*) FROM outbox WHERE automatic = 1"
    " AND created_at >= ?1 AND created_at < ?2 AND status <> 'suppressed'"
    " AND id <= ?3";
static const char SQL_LEFT_NOTIFY[] =
    "SELECT count(*) FROM outbox WHERE officer = ?4 AND channel = ?5"
    " AND created_at >= ?1 AND created_at < ?2"
    " AND kind IN ('notify', 'followup') AND limited_by IS NULL"
    " AND id <= ?3";

/* ?1 ?2: id in (from, to], ?3: created since; by id, the new rows only. */
static const char SQL_NEW_AUTO[] =
    "SELECT count(*) FROM outbox NOT INDEXED WHERE id > ?1 AND id <= ?2"
    " AND automatic = 1 AND created_at >= ?3 AND status <> 'suppressed'";
static const char SQL_NEW_NOTIFY[] =
    "SELECT count(*) FROM outbox NOT INDEXED WHERE id > ?1 AND id <= ?2"
    " AND officer = ?4 AND channel = ?5 AND created_at >= ?3"
    " AND kind IN ('notify', 'followup') AND limited_by IS NULL";

/* The slot for this count, or NULL. */
static struct store_count_memo *
memo_find(struct store *st, int which, const char *key, time_t since)
{
	struct store_count_memo *m;
	int i;

	if (!st->in_tx || st->memo == NULL) {
		return NULL;
	}
	for (i = 0; i < MEMO_N; i++) {
		m = &st->memo[i];
		if (m->gen == st->tx_gen && m->which == which &&
		    since >= m->since && since - m->since <= MEMO_SLIDE &&
		    strcmp(m->key, key) == 0) {
			return m;
		}
	}
	return NULL;
}

/* One count(*) with three integers and the officer's key bound. */
static int
memo_step(struct store *st, const char *sql, int which, const char *key,
    int64_t a, int64_t b, int64_t c, int64_t *v)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	const char *tab = strchr(key, '\t');

	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	sqlite3_bind_int64(s, 3, c);
	if (which == 2 && tab != NULL) {
		sqlite3_bind_text(s, 4, key, (int)(tab - key),
		    SQLITE_TRANSIENT);
		store_bind_text(s, 5, tab + 1);
	}
	return store_step_int64(st, s, "counting against a limit", v) == 1 ?
	    0 : -1;
}

int
store_memo_count(struct store *st, int which, const char *key,
    time_t since, int upto, int *count)
{
	struct store_count_memo *m = memo_find(st, which, key, since);
	int64_t top, left = 0, added;

	if (m == NULL) {
		return 0;
	}
	if (store_step_int64(st, store_prepare(st, SQL_MAX_ID),
	    "counting against a limit", &top) != 1 ||
	    (since > m->since && memo_step(st, which == 1 ? SQL_LEFT_AUTO :
	    SQL_LEFT_NOTIFY, which, key, m->since, since, m->upto_id,
	    &left) == -1) ||
	    memo_step(st, which == 1 ? SQL_NEW_AUTO : SQL_NEW_NOTIFY, which,
	    key, m->upto_id, top, since, &added) == -1) {
		m->gen = 0;
		return -1;
	}
	m->n = m->n - (int)left + (int)added;
	m->since = since;
	m->upto_id = top;
	if (m->n >= upto) {
		m->gen = 0;	/* no longer exact once capped */
	}
	*count = m->n < upto ? m->n : upto;
	return 1;
}

void
store_memo_put(struct store *st, int which, const char *key, time_t since,
    int upto, int count)
{
	struct store_count_memo *m;
	int64_t top;
	int i;

	if (!st->in_tx || count >= upto || strlen(key) >= sizeof m->key ||
	    store_step_int64(st, store_prepare(st, SQL_MAX_ID),
	    "counting against a limit", &top) != 1) {
		return;
	}
	if (st->memo == NULL) {
		st->memo = xcalloc(MEMO_N, sizeof *st->memo);
	}
	m = &st->memo[0];
	for (i = 0; i < MEMO_N; i++) {
		if (st->memo[i].gen != st->tx_gen) {
			m = &st->memo[i];	/* a free slot */
			break;
		}
		if (st->memo[i].since < m->since) {
			m = &st->memo[i];	/* else the oldest window */
		}
	}
	m->gen = st->tx_gen;
	m->which = which;
	snprintf(m->key, sizeof m->key, "%s", key);
	m->since = since;
	m->upto_id = top;
	m->n = count;
}
