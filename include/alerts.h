/*
 * alerts.h — telling the administrators (conf.h's alerts.to) that a
 * channel stopped working, through one that still works: SMS when the
 * mail is down (an IMAP account, the SMTP server), mail when a modem is.
 *
 * The workers record each source's state (store_source_status): an error
 * starts an outage (source_state.down_since) that lasts until the source
 * works again; "smtp" is the dispatch worker's server.  On each tick of
 * the timer engine (after the cases and the schedules) alerts_tick()
 * looks at every configured source: an outage older than
 * alerts.after_minutes that nobody was told of queues one `channel-down`
 * message to each administrator, and once that outage is over one
 * `channel-up`.  Each is an outbox row on the other channel, queued in
 * the transaction that records it told (source_state.alerted_down: the
 * outage's start), so it happens once per outage whatever ticks run
 * together; a row on a working channel is never held up by the dead one.
 * The time of the tick decides (`complaintctl timers run --at TIME`).
 */
#ifndef ALERTS_H
#define ALERTS_H

#include <time.h>

#include "conf.h"
#include "store.h"
#include "timers.h"

enum alerts_act {
	ALERTS_NONE,
	ALERTS_DOWN,		/* tell the outage */
	ALERTS_UP		/* tell that the outage told is over */
};

/* Pure: what a source's state asks for at now.  ALERTS_UP first (the
 * outage told is over, or another one began since); the caller asks
 * again with alerted_down 0 after it. */
enum alerts_act	alerts_decide(time_t down_since, time_t alerted_down,
		    time_t now, int after_minutes);
/* Pure: the channel an alert about source goes through, "email" or
 * "sms" (the other one first), NULL when neither works. */
const char	*alerts_channel(const char *source, int email_works,
		    int sms_works);

struct tmplset;
/* One tick: 0, or -1 when the store failed (rolled back, tried again at
 * the next tick).  cb hears each alert (reference "alert:SOURCE"). */
int	alerts_tick(const struct conf *, struct store *,
	    const struct tmplset *, time_t now, timers_cb, void *,
	    int *actions);

#endif
