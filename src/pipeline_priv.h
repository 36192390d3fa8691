/*
 * pipeline_priv.h — inside the intake pipeline: the channel-neutral core
 * (pipeline.c) and what each channel's front end (pipeline_email.c,
 * pipeline_sms.c) hands it.  Nothing outside src/pipeline*.c includes this
 * file.
 *
 * A front end turns what arrived (a parsed mail, a joined SMS) into one
 * struct pipeline_msg; pipeline_take() does the rest the same way for
 * every channel: deduplicate, decide (intake), record, open the case
 * (casework_open) or act on the case it concerns (casework).  The core
 * never sees a MIME structure or an SMS part, so a program that takes in
 * only SMS links no mail parser.
 */
#ifndef PIPELINE_PRIV_H
#define PIPELINE_PRIV_H

#include "pipeline.h"

struct pipeline {
	const struct conf	*cf;
	struct store		*st;
	struct tmplset		*ts;
	struct calendar		*cal;
	struct casework		 cw;
};

struct pipeline_msg;

/* A delivery status notification: the front end that understands it
 * records it (the core has no idea what it reports).  0, or -1 after
 * pipeline_store_fail(). */
typedef int (*pipeline_bounce_fn)(struct pipeline *,
	    const struct pipeline_msg *, struct pipeline_result *);

/* One inbound message of any channel; everything borrowed. */
struct pipeline_msg {
	struct intake_msg	 in;	/* what intake decides on */
	struct store_message_new rec;	/* what is recorded; the core sets
					   case_id and kind */
	const char		*name;	/* the sender's display name; NULL */
	const char		*case_subject;	/* a new case's subject */
	/* what an answer to the sender threads under (email): NULL */
	const char		*reply_id;
	const char		*reply_refs;
	/* recorded with the message as an "incomplete" event, and added to
	 * the result's why; NULL */
	const char		*incomplete;
	/* not content (binary, empty): recorded on no case, undecided, with
	 * this reason; NULL */
	const char		*not_content;
	const char		*channel_label;	/* "email", "SMS" (history) */
	const char		*auth_why;	/* what Authentication-Results
						   said (the history); NULL */
	pipeline_bounce_fn	 bounce;	/* NULL: bounces are unfiled */
	/* Whether it was recorded already: 1 (*dup its id), 0, -1.  NULL:
	 * by rec's external_id, or its content_hash when it has none. */
	int			(*seen)(struct pipeline *, void *ctx,
				    int64_t *dup);
	void			*ctx;		/* the front end's, for bounce
						   and seen */
};

/* Deduplicate, decide, record and act (see above).  res is cleared
 * first.  -1 on a store failure (res->temporary set). */
int	pipeline_take(struct pipeline *, const struct pipeline_msg *,
	    struct pipeline_result *res);

/* Record the message on case_id (0: on no case) as kind; sets
 * *message_id and res->message_id. */
int	pipeline_record(struct pipeline *, const struct pipeline_msg *,
	    int64_t case_id, enum intake_kind kind, int64_t *message_id,
	    struct pipeline_result *res);

/* -1, with res->temporary from the store's last failure. */
int	pipeline_store_fail(struct pipeline *, struct pipeline_result *);

#endif
