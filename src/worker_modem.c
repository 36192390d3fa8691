/*
 * worker_modem.c — placeholder until the modem worker lands.
 */
#include "workers.h"

int
worker_modem_main(struct worker_ctx *w)
{
	worker_status(w, "idle (SMS intake not built yet)");
	while (!worker_sleep(w, 1000)) {
		;
	}
	return 0;
}
