/*
 * recap.c — a report and an export made from the store (see recap.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "export.h"
#include "recap.h"

#define EXPORT_FLUSH	(256 * 1024)

static int
recap_row(void *arg, const struct report_row *r)
{
	report_add(arg, r);
	return 0;
}

static int
recap_item(void *arg, const struct report_item *it)
{
	report_list_add(arg, it);
	return 0;
}

int
recap_build(const struct conf *cf, struct store *st,
    const struct calendar *cal, const struct report_params *p,
    struct report **out)
{
	struct store_report_filter f;
	struct store_report_cpar k;
	struct report *r = report_new(cf, cal, p);

	memset(&f, 0, sizeof f);
	f.from = p->period.from;
	f.to = p->period.to;
	f.category = p->category;
	f.channel = p->channel;
	f.officer = p->officer;
	*out = NULL;
	if (store_report_cases(st, &f, recap_row, r) == -1 ||
	    store_report_list(st, &f, p->list_max, recap_item, r) == -1 ||
	    store_report_cpar(st, &f, r->as_of, &k) == -1) {
		report_free(r);
		return -1;
	}
	r->cpar.opened = k.opened;
	r->cpar.done = k.done;
	r->cpar.verified = k.verified;
	r->cpar.not_effective = k.not_effective;
	r->cpar.overdue = k.overdue;
	r->cpar.open = k.open;
	report_finish(r);
	*out = r;
	return 0;
}

int
recap_render(const struct report *r, const char *format, struct buf *b)
{
	if (strcmp(format, "text") == 0) {
		report_render_text(r, b);
	} else if (strcmp(format, "json") == 0) {
		report_render_json(r, b);
	} else if (strcmp(format, "csv") == 0) {
		report_render_csv(r, b);
	} else if (strcmp(format, "html") == 0) {
		report_render_html(r, b);
	} else {
		return -1;
	}
	return 0;
}

struct recap_out {
	struct export	 x;
	struct buf	*b;
	FILE		*f;
	int		 failed;
};

static int
recap_flush(struct recap_out *o)
{
	if (o->f == NULL || o->b->len == 0) {
		return 0;
	}
	if (fwrite(o->b->data, 1, o->b->len, o->f) != o->b->len) {
		o->failed = errno ? errno : EIO;
		return -1;
	}
	buf_reset(o->b);
	return 0;
}

static int
recap_export_row(void *arg, const struct store_export_row *r)
{
	struct recap_out *o = arg;

	export_row(&o->x, r);
	return o->b->len >= EXPORT_FLUSH ? recap_flush(o) : 0;
}

int
recap_export(const struct conf *cf, struct store *st,
    const struct calendar *cal, const struct recap_export *e,
    struct buf *b, FILE *out)
{
	struct store_report_filter f;
	struct calendar_table *tbl;
	struct recap_out o;
	int rc;

	memset(&f, 0, sizeof f);
	f.from = e->period.from;
	f.to = e->period.to;
	f.category = e->category;
	f.channel = e->channel;
	f.officer = e->officer;
	/* answers come up to a few months after the last case */
	tbl = calendar_table_new(cal, e->period.from, (e->now > e->period.to ?
	    e->now : e->period.to) + 120 * 86400);
	memset(&o, 0, sizeof o);
	o.x.cf = cf;
	o.x.tbl = tbl;
	o.x.lang = e->lang;
	o.x.now = e->now;
	o.b = b;
	o.f = out;
	csv_init(&o.x.csv, b);
	if (e->bom) {
		buf_adds(b, CSV_BOM);
	}
	export_header(&o.x);
	rc = store_export_cases(st, &f, recap_export_row, &o);
	if (rc == 0 && !o.failed) {
		rc = recap_flush(&o);
	}
	calendar_table_free(tbl);
	if (o.failed) {
		errno = o.failed;
		return -1;
	}
	return rc;
}
