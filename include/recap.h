/*
 * recap.h — a report (report.h) made from the store: the cases of the
 * period and its list read through store_report.c, the corrective
 * actions counted, the figures finished; and the export of a period.
 * Shared by `complaintctl report`/`export` and the scheduled recap
 * (schedule.h), so the mail a manager gets and the command's output are
 * the same report.
 *
 * Functions return 0, or -1 on a store failure (logged by the store).
 */
#ifndef RECAP_H
#define RECAP_H

#include <stdio.h>

#include "buf.h"
#include "report.h"
#include "store.h"

struct conf;

/* The report of p (cal borrowed by the report); *out: report_free. */
int	recap_build(const struct conf *, struct store *,
	    const struct calendar *, const struct report_params *,
	    struct report **out);

/* "text", "json", "csv", "html" into b; -1 for an unknown format. */
int	recap_render(const struct report *, const char *format, struct buf *);

/*
 * The cases of the period as CSV (export.h) into b; when out is not NULL
 * the CSV is written there as it grows (b holds only the rest), so a
 * year of cases never sits in memory.  bom: a UTF-8 byte-order mark
 * first.  -1 also when writing to out fails (errno set).
 */
struct recap_export {
	struct report_period	 period;
	const char		*category;	/* filters; NULL: all */
	const char		*channel;
	const char		*officer;
	const char		*lang;
	int			 bom;
	time_t			 now;
};
int	recap_export(const struct conf *, struct store *,
	    const struct calendar *, const struct recap_export *,
	    struct buf *b, FILE *out);

#endif
