/*
 * dispatch.c — placeholder until the dispatch worker lands.
 */
#include "workers.h"

int
worker_dispatch_main(struct worker_ctx *w)
{
	worker_status(w, "idle (sending not built yet)");
	while (!worker_sleep(w, 1000)) {
		;
	}
	return 0;
}
