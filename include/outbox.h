/*
 * outbox.h — delivering the outbox, for whoever sends a channel: the
 * dispatch worker (email) and the modem workers (SMS).
 *
 * A sender claims due rows (status queued -> sending, attempts + 1, in one
 * statement, so no two senders take the same row), tries each, then
 * reports the outcome here.  This module decides what an outcome means:
 *  - sent: status sent; an acknowledgement moves its case from new to
 *    acknowledged; an event records it on the case;
 *  - temporary failure (connect error, 4xx, modem busy): queued again
 *    with exponential backoff (limits.retry_delay doubling, at most 4 h),
 *    until limits.send_attempts is reached: then dead;
 *  - permanent failure (5xx, invalid number): failed, with the server's
 *    answer, and an event on the case.
 * Claims are named after the worker ("dispatch", "modem:gsm0"); a worker
 * that starts releases its own stale claims first (outbox_recover), so a
 * crash between the server's "250" and the database update repeats at most
 * that message, and never loses it.
 *
 * An outcome the database will not take (locked past its busy timeout,
 * disk full) is kept by the sender (outbox_report, struct outbox_pending)
 * and recorded again with a growing pause (outbox_pending_flush) until it
 * is; meanwhile the sender claims nothing new, and when it gives rows back
 * (outbox_release) the ones whose outcome waits stay claimed: a message
 * that went out is never queued, so never sent, again.
 */
#ifndef OUTBOX_H
#define OUTBOX_H

#include <stddef.h>
#include <time.h>

#include "conf.h"
#include "store.h"

/* Rows claimed by `claimer` that are still "sending": back to queued.
 * Returns the number released, or -1. */
int	outbox_recover(struct store *, const char *channel, const char *claimer);

/* Claim up to max due rows of channel; cb is called for each claimed row
 * (inside the claiming transaction: do not send from the callback, copy
 * what you need).  Returns the number claimed, or -1. */
int	outbox_claim(struct store *, const char *channel, const char *claimer,
	    int max, store_outbox_cb cb, void *arg);

/* Outcomes.  `detail` is the server's answer or the error (logged, stored
 * on the row, shown by complaintctl).  Each runs its own transaction. */
int	outbox_sent(struct store *, int64_t id, const char *detail);
int	outbox_failed(struct store *, const struct conf *, int64_t id,
	    int temporary, const char *detail);

/* Claimed rows that could not even be tried because the server was
 * unreachable (connect, TLS, login): back to queued without spending an
 * attempt — an outage must not use up messages' retries — with the
 * reason noted.  One transaction.  0 or -1. */
int	outbox_untried(struct store *, const int64_t *ids, size_t n,
	    const char *detail);

/* The delay before attempt n+1 after n failed attempts (seconds). */
int	outbox_backoff(const struct conf *, int attempts);

/* ---- outcomes, and those the database could not take yet ---- */

enum outbox_result {
	OUTBOX_SENT,
	OUTBOX_TEMPFAIL,	/* queued again with backoff, or dead */
	OUTBOX_PERMFAIL,
};

struct outbox_outcome {
	int64_t			 id;
	enum outbox_result	 result;
	char			 detail[256];
	void			*extra;	/* the sender's, for `also`;
					   free()d with the outcome */
};

/* What a sender records with an outcome, in the same transaction (the
 * modem worker: the message references of the parts it sent). */
typedef int (*outbox_also_fn)(struct store *, const struct outbox_outcome *,
	    void *arg);

/* Record one outcome (and `also`, may be NULL) in one transaction. */
int	outbox_record(struct store *, const struct conf *,
	    const struct outbox_outcome *, outbox_also_fn, void *arg);

struct outbox_pending {
	struct outbox_outcome	*v;		/* oldest first */
	size_t			 n;
	int			 backoff;	/* seconds */
	time_t			 next;		/* monotonic: next try */
};

/* Record o now, or — when the database refuses it (busy past its timeout,
 * full; anything: a message that went out must not be queued again) or
 * others wait already — keep it in p.  0 recorded, 1 kept.  o->extra
 * becomes p's or is freed. */
int	outbox_report(struct store *, const struct conf *,
	    struct outbox_pending *, struct outbox_outcome *o, outbox_also_fn,
	    void *arg);
/* Record what waits, oldest first, until one is refused; not before the
 * pause since the last refusal (1 s doubling to 30 s) unless now is set.
 * Returns how many still wait. */
size_t	outbox_pending_flush(struct store *, const struct conf *,
	    struct outbox_pending *, outbox_also_fn, void *arg, int now);
int	outbox_pending_has(const struct outbox_pending *, int64_t id);
void	outbox_pending_free(struct outbox_pending *);

/* Rows claimed by `claimer` and still sending, not tried, back to the
 * queue with their attempt given back, except those whose outcome waits
 * in p (may be NULL): while the worker runs.  Returns the number
 * released, or -1. */
int	outbox_release(struct store *, const char *channel, const char *claimer,
	    const struct outbox_pending *);

#endif
