/*
 * testconf.h — the configuration the unit tests of the decision modules
 * (intake, route, outbox) run against, built in C on conf.h alone: those
 * modules and their tests depend on the model, not on the reader or
 * libconfig.
 *
 * TESTCONF_TEXT is the same configuration as a file (with "%s" for
 * accept_list_mail).  test_testconf.c checks that conf_load() makes
 * exactly testconf_new() of it, defaults and derived values included, so
 * change both together.
 */
#ifndef TESTCONF_H
#define TESTCONF_H

#include <stdarg.h>
#include <stddef.h>

#include "conf.h"
#include "ref.h"
#include "xmalloc.h"

#define TESTCONF_TEXT \
    "organisation = { name = \"SMK Negeri 1 Contoh\"; domain = \"smkn1.sch.id\"; };\n" \
    "language = \"id\";\n" \
    "timezone = \"UTC\";\n" \
    "intake = { accept_list_mail = %s; own_addresses = [ \"noreply@smkn1.sch.id\" ]; };\n" \
    "smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\";\n" \
    "  from = \"pengaduan@smkn1.sch.id\"; };\n" \
    "officers = (\n" \
    "  { id = \"kepsek\"; name = \"Kepala Sekolah\"; email = \"kepsek@smkn1.sch.id\"; },\n" \
    "  { id = \"wks-kurikulum\"; name = \"Budi\"; email = \"wakasek.kurikulum@smkn1.sch.id\";\n" \
    "    phone = \"0812-3456-7002\"; escalate_to = \"kepsek\"; },\n" \
    "  { id = \"wks-sarpras\"; name = \"Agus\"; email = \"wakasek.sarpras@smkn1.sch.id\";\n" \
    "    escalate_to = \"kepsek\"; }\n" \
    ");\n" \
    "categories = (\n" \
    "  { id = \"akademik\"; name = \"Akademik\"; officers = [ \"wks-kurikulum\" ]; },\n" \
    "  { id = \"sarana\"; name = \"Sarana\"; officers = [ \"wks-sarpras\" ]; },\n" \
    "  { id = \"kerjasama\"; name = \"Kerja sama\"; officers = [ \"kepsek\" ]; },\n" \
    "  { id = \"umum\"; name = \"Umum\"; officers = [ \"kepsek\" ]; }\n" \
    ");\n" \
    "default_category = \"umum\";\n" \
    "routing = (\n" \
    "  { category = \"kerjasama\"; domains = [ \"industri.co.id\" ]; },\n" \
    "  { category = \"akademik\"; keywords = [ \"nilai*\", \"rapor\", \"mata pelajaran\" ]; },\n" \
    "  { category = \"sarana\"; keywords = [ \"toilet\", \"ac\", \"kamar mandi\" ]; },\n" \
    "  { category = \"akademik\"; source = \"sms\"; keywords = [ \"guru\" ]; }\n" \
    ");\n"

/* The strings up to NULL, copied; their number in *n. */
static char **
testconf_strv(size_t *n, ...)
{
	const char *s;
	char **v = NULL;
	va_list ap;

	*n = 0;
	va_start(ap, n);
	while ((s = va_arg(ap, const char *)) != NULL) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(s);
	}
	va_end(ap);
	return v;
}

/* The sender's addresses (from, and reply_to that defaults to it) are
 * ours too. */
static void
testconf_mail(struct conf *c)
{
	struct conf_smtp *sm = xcalloc(1, sizeof *sm);

	sm->url = xstrdup("smtp://127.0.0.1:2525");
	sm->tls = CONF_TLS_NONE;
	sm->from = xstrdup("pengaduan@smkn1.sch.id");
	sm->from_name = xstrdup(c->org_name);
	sm->reply_to = xstrdup(sm->from);
	sm->helo = xstrdup(c->org_domain);
	sm->timeout = 60;
	c->smtp = sm;
	c->own_addresses = testconf_strv(&c->nown_addresses,
	    "noreply@smkn1.sch.id", sm->from, NULL);
}

static void
testconf_officer(struct conf_officer *o, const char *id, const char *name,
    const char *email, const char *phone, const char *escalate_to)
{
	o->id = xstrdup(id);
	o->name = xstrdup(name);
	o->email = xstrdup(email);
	o->phone = xstrdup(phone);
	o->notify = (email ? CONF_NOTIFY_EMAIL : 0) |
	    (phone ? CONF_NOTIFY_SMS : 0);
	o->escalate_to = xstrdup(escalate_to);
}

static void
testconf_category(struct conf_category *cat, const char *id,
    const char *name, const char *officer)
{
	cat->id = xstrdup(id);
	cat->name = xstrdup(name);
	cat->officers = testconf_strv(&cat->nofficers, officer, NULL);
}

static void
testconf_people(struct conf *c)
{
	c->nofficers = 3;
	c->officers = xcalloc(c->nofficers, sizeof *c->officers);
	testconf_officer(&c->officers[0], "kepsek", "Kepala Sekolah",
	    "kepsek@smkn1.sch.id", NULL, NULL);
	testconf_officer(&c->officers[1], "wks-kurikulum", "Budi",
	    "wakasek.kurikulum@smkn1.sch.id", "+6281234567002", "kepsek");
	testconf_officer(&c->officers[2], "wks-sarpras", "Agus",
	    "wakasek.sarpras@smkn1.sch.id", NULL, "kepsek");
	c->ncategories = 4;
	c->categories = xcalloc(c->ncategories, sizeof *c->categories);
	testconf_category(&c->categories[0], "akademik", "Akademik",
	    "wks-kurikulum");
	testconf_category(&c->categories[1], "sarana", "Sarana",
	    "wks-sarpras");
	testconf_category(&c->categories[2], "kerjasama", "Kerja sama",
	    "kepsek");
	testconf_category(&c->categories[3], "umum", "Umum", "kepsek");
	c->default_category = xstrdup("umum");
}

static void
testconf_rules(struct conf *c)
{
	struct conf_rule *r;

	c->nrules = 4;
	c->rules = r = xcalloc(c->nrules, sizeof *c->rules);
	r[0].category = xstrdup("kerjasama");
	r[0].domains = testconf_strv(&r[0].ndomains, "industri.co.id", NULL);
	r[1].category = xstrdup("akademik");
	r[1].keywords = testconf_strv(&r[1].nkeywords, "nilai*", "rapor",
	    "mata pelajaran", NULL);
	r[2].category = xstrdup("sarana");
	r[2].keywords = testconf_strv(&r[2].nkeywords, "toilet", "ac",
	    "kamar mandi", NULL);
	r[3].category = xstrdup("akademik");
	r[3].source = xstrdup("sms");
	r[3].keywords = testconf_strv(&r[3].nkeywords, "guru", NULL);
}

/* What the file leaves to the defaults (README, "Configure"). */
static void
testconf_defaults(struct conf *c)
{
	c->reference_format = xstrdup(REF_DEFAULT_FORMAT);
	c->database = xstrdup("/var/lib/complaintd/complaintd.db");
	c->templates_dir = xstrdup(DATADIR "/templates");
	c->phone_country = xstrdup("62");
	c->feedback_scale = 4;
	c->plain_reply = xstrdup("assigned");
	c->sla.workdays = 0x3e;		/* Monday to Friday */
	c->sla.day_start = 7 * 60;
	c->sla.day_end = 15 * 60;
	c->sla.response_hours = 24;
	c->sla.resolve_days = 5;
	c->sla.feedback_days = 7;
	c->sla.feedback_reminder = 1;
	c->sla.remind_hours = 4;
	c->sla.escalate_hours = 8;
	c->sla.wait_days = 10;
	c->limits.autoreply_per_hour = 10;
	c->limits.autoreply_per_day = 30;
	c->limits.max_message_size = 25 * 1024 * 1024;
	c->limits.max_attempts = 3;
	c->limits.send_attempts = 10;
	c->limits.retry_delay = 60;
	c->limits.worker_silence = 120;
	c->limits.autoreply_total_per_hour = 100;
	c->limits.autoreply_total_per_day = 500;
	c->limits.notify_per_hour = 20;
	c->limits.echo_chars = 60;
	c->limits.notify_excerpt = 2000;
	c->limits.sms_reply_prefixes = testconf_strv(
	    &c->limits.nsms_reply_prefixes, "+62", NULL);
}

/* The configuration of TESTCONF_TEXT; free it with conf_free(). */
static struct conf *
testconf_new(int accept_list_mail)
{
	struct conf *c = xcalloc(1, sizeof *c);

	c->org_name = xstrdup("SMK Negeri 1 Contoh");
	c->org_domain = xstrdup("smkn1.sch.id");
	c->language = xstrdup("id");
	c->timezone = xstrdup("UTC");
	c->accept_list_mail = accept_list_mail;
	testconf_defaults(c);
	testconf_mail(c);
	testconf_people(c);
	testconf_rules(c);
	return c;
}

#endif
