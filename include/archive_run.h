/*
 * archive_run.h — retention at work (conf.h struct conf_retention): the
 * raw bytes of the messages and the attachments' data of cases closed
 * (or rejected) more than archive_after_years ago moved into the archive
 * files (archive.h), a case at a time: its entries written and synced,
 * then in one transaction the pointers recorded, the bytes emptied and
 * the case marked archived.  Run by the timer engine (a bounded batch
 * per tick) and by `complaintctl archive`.  Nothing is ever deleted.
 */
#ifndef ARCHIVE_RUN_H
#define ARCHIVE_RUN_H

#include <stdint.h>
#include <time.h>

#include "conf.h"
#include "store.h"
#include "timers.h"

/* One case archived (or that would be, dry run). */
struct archive_done {
	const char	*reference;
	const char	*file;		/* archive file name */
	int64_t		 closed_at;
	int		 messages;
	int		 attachments;
	int64_t		 before;	/* bytes taken out of the database */
	int64_t		 after;		/* bytes in the archive file */
};

struct archive_totals {
	int		 cases;
	int		 messages;
	int		 attachments;
	int64_t		 before;
	int64_t		 after;
};

/* Told after each case's commit (or, dry run, after reading it); a
 * non-zero return stops. */
typedef int (*archive_cb)(void *, const struct archive_done *);

/* The closing time before which a case is due at now: now less years
 * calendar years (UTC). */
int64_t	archive_cutoff(time_t now, int years);
/* Up to max cases due at now archived (dry: only read and measured);
 * totals added to *t.  Without retention configured: 0, nothing done.
 * 0, or -1 with err (cases archived before the failure stay so). */
int	archive_run(const struct conf_retention *, struct store *, time_t now,
	    int max, int dry, archive_cb, void *, struct archive_totals *t,
	    char *err, size_t errlen);
/* The clock's batch (timers.c): up to a few dozen cases, each told to cb
 * as a timers_done of kind "archived"; *actions: how many.  A failure is
 * logged and tried again at the next tick.  0 or -1. */
int	archive_tick(const struct conf_retention *, struct store *, time_t now,
	    timers_cb, void *, int *actions);

#endif
