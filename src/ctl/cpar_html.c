/*
 * cpar_html.c — `complaintctl cpar show ID --format html`: the printable
 * form of one corrective action, laid out like the paper form an auditor
 * expects: the header block (organisation, form title, number, date), a
 * box for each field, the linked complaints, and the approval lines
 * (dibuat oleh: the owner; diperiksa oleh: who reported it done;
 * diverifikasi oleh: the quality manager) with their dates from the
 * history.  One self-contained page: no script, nothing fetched; A4.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "ctl.h"
#include "store_cpar.h"

static const char css[] =
    "@page{size:A4;margin:14mm 14mm}"
    "body{font:10.5pt/1.35 'DejaVu Sans',Arial,sans-serif;color:#000;"
    "margin:0 auto;max-width:182mm}"
    "table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #000;padding:4px 6px;vertical-align:top;"
    "text-align:left;overflow-wrap:anywhere}"
    ".head td{border-width:1.5px}"
    ".org{font-size:13pt;font-weight:bold}"
    ".title{font-size:12pt;font-weight:bold;text-align:center}"
    ".lbl{width:32%;background:#eee;font-weight:bold}"
    ".box{min-height:14mm;white-space:pre-wrap}"
    "h2{font-size:10.5pt;margin:10px 0 4px}"
    ".sign td{width:33%;height:26mm;text-align:center}"
    ".sign th{text-align:center;background:#eee}"
    ".small{font-size:9pt;color:#333}";

static void
esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		default:
			buf_addc(b, *s);
		}
	}
}

static void
date_of(time_t t, char *out, size_t n)
{
	struct tm tm;

	if (t == 0) {
		snprintf(out, n, "%s", "");
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, n, "%d-%m-%Y", &tm);
}

static void
row(struct buf *b, const char *id, const char *label, const char *v)
{
	buf_printf(b, "<tr><td class=\"lbl\">%s</td><td class=\"box\" "
	    "id=\"f-%s\">", label, id);
	esc(b, v != NULL ? v : "");
	buf_adds(b, "</td></tr>\n");
}

/* Who reported it done (the last time) and when, from the history. */
struct form_ctx {
	struct buf	*b;
	char		 done_by[96];
	time_t		 done_at;
	time_t		 planned_at;
};

static int
form_event(void *arg, const struct store_event_row *e)
{
	struct form_ctx *x = arg;

	if (strcmp(e->kind, "done") == 0) {
		snprintf(x->done_by, sizeof x->done_by, "%s", e->actor);
		x->done_at = e->at;
	}
	if (x->planned_at == 0 && strstr(e->detail, "-> planned") != NULL) {
		x->planned_at = e->at;
	}
	return 0;
}

static int
form_case(void *arg, const struct case_brief *c)
{
	struct form_ctx *x = arg;
	char d[16];

	date_of((time_t)c->received, d, sizeof d);
	buf_adds(x->b, "<tr><td>");
	esc(x->b, c->reference);
	buf_printf(x->b, "</td><td>%s</td><td>", d);
	esc(x->b, c->category);
	buf_adds(x->b, "</td><td>");
	esc(x->b, c->subject);
	buf_adds(x->b, "</td><td>");
	esc(x->b, c->status);
	buf_adds(x->b, "</td></tr>\n");
	return 0;
}

static const char *
who(const struct conf *cf, const char *actor)
{
	const struct conf_officer *o;

	if (actor != NULL && strncmp(actor, "officer:", 8) == 0 &&
	    (o = conf_officer_by_id(cf, actor + 8)) != NULL) {
		return o->name;
	}
	return actor != NULL ? actor : "";
}

static void
form_head(struct ctl *c, const struct store_cpar *k, struct buf *b)
{
	char d[16];

	date_of(k->created_at, d, sizeof d);
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	esc(b, k->reference);
	buf_adds(b, " - Laporan Ketidaksesuaian</title>\n<style>");
	buf_adds(b, css);
	buf_adds(b, "</style>\n</head>\n<body>\n<table class=\"head\">"
	    "<tr><td rowspan=\"2\" class=\"org\" id=\"organisation\">");
	esc(b, c->cf->org_name);
	buf_adds(b, "</td><td class=\"title\" colspan=\"2\" id=\"form-title\">"
	    "Laporan Ketidaksesuaian / Corrective and Preventive Action "
	    "Request</td></tr>\n<tr><td>Nomor / No.: <b id=\"number\">");
	esc(b, k->reference);
	buf_printf(b, "</b></td><td>Tanggal / Date: <b id=\"date\">%s</b>"
	    "</td></tr>\n<tr><td colspan=\"3\">Status: <b id=\"status\">", d);
	esc(b, k->status);
	buf_adds(b, "</b></td></tr>\n</table>\n");
}

static void
form_fields(const struct store_cpar *k, struct buf *b)
{
	buf_adds(b, "<h2>Uraian / Description</h2>\n<table>\n");
	row(b, "nonconformity", "Ketidaksesuaian / Nonconformity",
	    k->nonconformity);
	row(b, "root-cause", "Akar masalah / Root cause", k->root_cause);
	row(b, "correction", "Koreksi / Correction", k->correction);
	row(b, "corrective", "Tindakan korektif / Corrective action",
	    k->corrective);
	row(b, "preventive", "Tindakan pencegahan / Preventive action",
	    k->preventive);
	row(b, "owner", "PIC / Owner", k->owner);
	row(b, "due", "Batas waktu / Due date", k->due_date);
	buf_adds(b, "</table>\n");
}

static void
form_sign(struct ctl *c, const struct store_cpar *k,
    const struct form_ctx *x, struct buf *b)
{
	char d1[16], d2[16], d3[16], owner[96];

	date_of(x->planned_at ? x->planned_at : k->created_at, d1, sizeof d1);
	date_of(x->done_at, d2, sizeof d2);
	date_of(k->verified_at, d3, sizeof d3);
	buf_adds(b, "<h2>Persetujuan / Approval</h2>\n<table class=\"sign\">"
	    "<tr><th>Dibuat oleh / Prepared by</th><th>Diperiksa oleh / "
	    "Checked by</th><th>Diverifikasi oleh / Verified by</th></tr>\n"
	    "<tr><td><br><br><br><div id=\"sign-owner\">");
	snprintf(owner, sizeof owner, "officer:%s", k->owner);
	esc(b, who(c->cf, owner));
	buf_printf(b, "</div><div class=\"small\" id=\"sign-owner-date\">%s"
	    "</div></td><td><br><br><br><div id=\"sign-checked\">", d1);
	esc(b, x->done_by[0] ? who(c->cf, x->done_by) : "");
	buf_printf(b, "</div><div class=\"small\" id=\"sign-checked-date\">"
	    "%s</div></td><td><br><br><br><div id=\"sign-verified\">", d2);
	snprintf(owner, sizeof owner, "officer:%s", c->cf->quality_manager ?
	    c->cf->quality_manager : "");
	esc(b, k->verified_by[0] ? who(c->cf, k->verified_by) :
	    c->cf->quality_manager != NULL ? who(c->cf, owner) : "");
	buf_printf(b, "</div><div class=\"small\" id=\"sign-verified-date\">"
	    "%s</div></td></tr>\n</table>\n", d3);
}

int
ctl_cpar_html(struct ctl *c, const struct store_cpar *k)
{
	struct buf b;
	struct form_ctx x;
	int rc = -1;

	buf_init(&b);
	memset(&x, 0, sizeof x);
	x.b = &b;
	if (store_cpar_events(c->st, k->id, form_event, &x) == -1) {
		goto out;
	}
	form_head(c, k, &b);
	form_fields(k, &b);
	buf_adds(&b, "<h2>Pengaduan terkait / Linked complaints</h2>\n"
	    "<table id=\"cases\"><tr><th>Nomor</th><th>Diterima</th>"
	    "<th>Bidang</th><th>Perihal</th><th>Status</th></tr>\n");
	if (store_cpar_cases(c->st, k->id, form_case, &x) == -1) {
		goto out;
	}
	buf_adds(&b, "</table>\n");
	form_sign(c, k, &x, &b);
	buf_adds(&b, "</body>\n</html>\n");
	rc = ctl_write_out(NULL, &b);
out:
	buf_free(&b);
	return rc == 0 ? 0 : -1;
}
