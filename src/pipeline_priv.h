/*
 * pipeline_priv.h — inside the intake pipeline: what pipeline.c (email)
 * shares with pipeline_sms.c (SMS) so both decide, record and act the same
 * way.  Nothing outside src/pipeline*.c includes this file.
 */
#ifndef PIPELINE_PRIV_H
#define PIPELINE_PRIV_H

#include "pipeline.h"

/* The intake lookups over the pipeline's store. */
void	pipeline_lookup(struct pipeline *, struct intake_lookup *);

/*
 * What a message already recorded on the case d->kase asks for: tell the
 * officers of a follow-up, take feedback, run an officer's command or
 * reply (each reply goes out on the complainant's channel, see
 * casework.h).  Fills res->reference and res->case_id.  -1 on a store
 * failure (res->temporary set as for pipeline_email).
 */
int	pipeline_case_act(struct pipeline *, const char *source,
	    const struct intake_decision *d, const char *text,
	    int64_t message_id, struct pipeline_result *res);

/* -1, with res->temporary from the store's last failure. */
int	pipeline_store_fail(struct pipeline *, struct pipeline_result *);

#endif
