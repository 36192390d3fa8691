/*
 * worker_imap.c — placeholder until the IMAP worker lands.
 */
#include "workers.h"

int
worker_imap_main(struct worker_ctx *w)
{
	worker_status(w, "idle (IMAP intake not built yet)");
	while (!worker_sleep(w, 1000)) {
		;
	}
	return 0;
}
