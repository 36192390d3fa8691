/*
 * pipeline.h — one inbound email from raw bytes to a recorded case: parse
 * (mime), deduplicate, decide (intake), route, record (store) and queue the
 * replies (casework).  Used by `complaintctl ingest` (one message per
 * transaction) and the IMAP worker (many per transaction).
 *
 * The caller owns the transaction: store_begin() before, store_commit()
 * after, store_rollback() when a call returns -1.  Nothing is lost on the
 * way: bytes that do not parse or are too large are quarantined (raw bytes
 * kept, PIPE_QUARANTINED), a message already recorded is PIPE_DUPLICATE.
 * -1 means the store (or the attachment directory) failed: res->temporary
 * says whether trying again later can help (locked, disk full); otherwise
 * the caller should roll back and quarantine the message with
 * pipeline_quarantine() in a new transaction.
 */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "conf.h"
#include "intake.h"
#include "ref.h"
#include "store.h"
#include "casework.h"

struct pipeline;

enum pipeline_status {
	PIPE_RECORDED,
	PIPE_DUPLICATE,
	PIPE_QUARANTINED,
};

struct pipeline_result {
	enum pipeline_status	status;
	enum intake_kind	kind;		/* PIPE_RECORDED */
	int64_t			message_id;	/* recorded or the earlier copy */
	int64_t			case_id;	/* 0: none */
	int64_t			quarantine_id;
	char			reference[REF_MAX];	/* "" if none */
	int			temporary;	/* on -1 */
	char			why[256];
};

/* Loads the templates; -1 with err (every template problem) if unusable. */
int	pipeline_new(const struct conf *, struct store *, struct pipeline **,
	    char *err, size_t errlen);
void	pipeline_free(struct pipeline *);
/* For workflow steps outside intake (complaintctl resolve). */
const struct casework	*pipeline_casework(const struct pipeline *);

/* source: "imap:<name>", "ingest"; item: the UID or "" (for the record). */
int	pipeline_email(struct pipeline *, const char *source, const char *item,
	    const char *raw, size_t len, struct pipeline_result *);
int	pipeline_quarantine(struct pipeline *, const char *source,
	    const char *item, const char *reason, const char *raw, size_t len,
	    struct pipeline_result *);

/*
 * A message over limits.max_message_size is never kept whole: its first
 * PIPELINE_PREFIX bytes are quarantined (the header and the start of the
 * text: who sent it and about what, for a person to answer the sender;
 * 1,000 such messages keep 64 MB, not 200 GB), with the size it had.
 * raw[0..len) is what the caller has of it (at least the prefix, when the
 * message is that long); total its whole size.  The IMAP worker fetches
 * just the prefix (the message stays whole in the quarantine folder);
 * `complaintctl ingest` reads just that much and refuses the rest, so the
 * sender hears of it.  Such a row cannot be reprocessed.
 */
#define PIPELINE_PREFIX	65536
int	pipeline_quarantine_oversize(struct pipeline *, const char *source,
	    const char *item, const char *raw, size_t len, size_t total,
	    struct pipeline_result *);

/* ==== SMS (pipeline_sms.c) ==== */

/*
 * One received SMS, its parts already joined (see smstext.h), on the same
 * path as email: deduplicate, decide (intake), route, record, queue the
 * replies.  The sender is normalised to E.164 with the configured country;
 * an SMS from an alphanumeric sender or a short code is recorded as
 * automatic, on no case and never answered (operators' promotions must not
 * become complaints); binary (8-bit) messages likewise.  A message whose
 * parts did not all arrive is recorded with what came (marked in the text,
 * PIPE_F_SMS_INCOMPLETE, and an event).
 */
#define PIPE_F_SMS_INCOMPLETE	0x10000	/* message flag: parts missing */

struct pipeline_sms {
	const char	*source;	/* "modem:<name>" */
	const char	*sender;	/* as the network gave it */
	const char	*text;		/* UTF-8 */
	time_t		 sent;		/* SMSC time stamp; 0 unknown */
	const char	*external_id;	/* "sms:<hash of the parts>" */
	const char	*raw;		/* the parts as received (record) */
	size_t		 rawlen;
	int		 parts;		/* parts of the message */
	int		 missing;	/* of them never arrived */
	int		 binary;	/* 8-bit data, not text */
};
int	pipeline_sms(struct pipeline *, const struct pipeline_sms *,
	    struct pipeline_result *);
/* An SMS kept as its record of parts (smstext.h: the quarantine's raw
 * bytes) through pipeline_sms() again; PIPE_QUARANTINED (nothing written)
 * when the bytes are not such a record. */
int	pipeline_sms_raw(struct pipeline *, const char *source, const char *raw,
	    size_t len, struct pipeline_result *);

#endif
