/*
 * csv.h — writing CSV that spreadsheet software opens as it was meant:
 * RFC 4180 (fields separated by commas, records by CRLF, every text field
 * in double quotes with its quotes doubled, so commas, quotes and line
 * breaks inside a value stay inside it), UTF-8.  Pure.
 *
 * A text value that a spreadsheet would take for a formula — one whose
 * first character is =, +, -, @, a tab or a carriage return, also after
 * leading spaces — gets a single quote in front ('=HYPERLINK(...) shows
 * as text, CWE-1236), so what a complainant wrote can never run as a
 * formula on a quality manager's computer.  Numbers written with
 * csv_int/csv_number are ours and left alone.
 */
#ifndef CSV_H
#define CSV_H

#include <stdint.h>

#include "buf.h"

struct csv {
	struct buf	*b;
	int		 col;	/* fields written on this record */
};

/* "\xEF\xBB\xBF": a byte-order mark, for spreadsheets that guess the
 * encoding otherwise. */
#define CSV_BOM	"\xEF\xBB\xBF"

void	csv_init(struct csv *, struct buf *);
/* A text field; NULL is an empty field. */
void	csv_text(struct csv *, const char *);
void	csv_int(struct csv *, int64_t);
/* decimals after the point (never a comma: it is the separator) */
void	csv_number(struct csv *, double, int decimals);
void	csv_empty(struct csv *);
/* End the record (CRLF). */
void	csv_end(struct csv *);
/* 1 if a spreadsheet would read s as a formula (see above). */
int	csv_formula_like(const char *s);

#endif
