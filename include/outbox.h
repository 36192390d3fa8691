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

#endif
