/*
 * csv.c — RFC 4180 records with formula-like values neutralised (see
 * csv.h).
 */
#include <stdio.h>
#include <string.h>

#include "csv.h"

void
csv_init(struct csv *c, struct buf *b)
{
	c->b = b;
	c->col = 0;
}

static void
csv_sep(struct csv *c)
{
	if (c->col++ > 0) {
		buf_addc(c->b, ',');
	}
}

int
csv_formula_like(const char *s)
{
	if (s == NULL) {
		return 0;
	}
	if (*s == '\t' || *s == '\r') {
		return 1;
	}
	s += strspn(s, " ");
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
}

void
csv_text(struct csv *c, const char *s)
{
	csv_sep(c);
	buf_addc(c->b, '"');
	if (csv_formula_like(s)) {
		buf_addc(c->b, '\'');
	}
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"') {
			buf_addc(c->b, '"');
		}
		buf_addc(c->b, *s);
	}
	buf_addc(c->b, '"');
}

void
csv_int(struct csv *c, int64_t v)
{
	csv_sep(c);
	buf_printf(c->b, "%lld", (long long)v);
}

void
csv_number(struct csv *c, double v, int decimals)
{
	csv_sep(c);
	buf_printf(c->b, "%.*f", decimals, v);
}

void
csv_empty(struct csv *c)
{
	csv_sep(c);
}

void
csv_end(struct csv *c)
{
	buf_adds(c->b, "\r\n");
	c->col = 0;
}
