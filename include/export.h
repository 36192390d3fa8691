/*
 * export.h — the cases of a period as CSV for spreadsheet software
 * (`complaintctl export`, and the file attached to a scheduled recap).
 * Pure: store rows in (store.h's struct store_export_row), CSV out
 * through csv.h (RFC 4180, formula-like values neutralised).
 *
 * One record per case, oldest first, with a header record: reference,
 * received, channel, source, category, status, priority, confidential,
 * the complainant's name, email and phone (empty for a confidential
 * case: the identity stays hidden in every export), subject, summary,
 * the answer, the officers, the first response, answered and closed
 * times (local "YYYY-MM-DD HH:MM"), the working hours to the first
 * response and to the answer, both due times, overdue (1: a due time
 * was missed, as the recap counts it), escalation level, times reopened
 * after dissatisfaction, satisfaction and score.  Headings, statuses,
 * channels and satisfaction are words in the language asked for;
 * categories are the configuration's names.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <time.h>

#include "calendar.h"
#include "csv.h"
#include "store.h"

struct conf;

struct export {
	const struct conf		*cf;
	const struct calendar_table	*tbl;	/* borrowed */
	const char			*lang;
	time_t				 now;
	struct csv			 csv;
};

void	export_header(struct export *);
void	export_row(struct export *, const struct store_export_row *);

#endif
