/*
 * workers.h — the kinds of worker the supervisor runs, one file each.
 */
#ifndef WORKERS_H
#define WORKERS_H

#include "worker.h"

/* One per IMAP account (worker_imap.c); arg: const struct conf_imap *. */
int	worker_imap_main(struct worker_ctx *);
/* One per modem (worker_modem.c); arg: const struct conf_modem *. */
int	worker_modem_main(struct worker_ctx *);
/* Exactly one (worker_dispatch.c): sends the email outbox, runs the timers. */
int	worker_dispatch_main(struct worker_ctx *);

#endif
