/*
 * test_conf.c — conf_load() on good and bad files (exact "FILE:LINE: text"
 * diagnostics, parsed values and defaults), the lookups, own addresses and
 * conf_read_secret().  Every file is written at run time into a fresh
 * temporary directory, which is removed at the end.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_load.h"
#include "t.h"

static char	dir[256];

/* The smallest valid file: 4 lines, so additions start at line 5. */
#define MIN_CONF \
	"organisation = { name = \"SMK Negeri 1 Contoh\"; domain = \"smkn1.sch.id\"; };\n" \
	"officers = ( { id = \"wmm\"; name = \"WMM\"; email = \"wmm@smkn1.sch.id\"; } );\n" \
	"categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"wmm\" ]; } );\n" \
	"default_category = \"umum\";\n"

static void
put(const char *name, const char *text, mode_t mode)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static int
load(const char *text, struct conf **c, struct conf_diag *d)
{
	char path[512];

	put("t.conf", text, 0644);
	snprintf(path, sizeof path, "%s/t.conf", dir);
	return conf_load(path, c, d);
}

/* "DIR/t.conf:LINE: text" */
static const char *
at(int line, const char *fmt, ...)
{
	static char out[4][2048];
	static int i;
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	i = (i + 1) % 4;
	snprintf(out[i], sizeof out[i], "%s/t.conf:%d: %s", dir, line, text);
	return out[i];
}

/* Load a file expected to fail with exactly one message. */
static void
one_error(const char *text, const char *want, const char *what)
{
	struct conf *c = (struct conf *)1;
	struct conf_diag d;
	int rc;

	rc = load(text, &c, &d);
	T_OK(rc == -1 && c == NULL, what);
	T_INT(d.n, 1, what);
	T_STR(d.n > 0 ? d.msgs[0] : NULL, want, what);
	if (d.n > 1) {
		printf("#   extra: [%s]\n", d.msgs[1]);
	}
	conf_diag_free(&d);
}

static const char good_conf[] =
    "organisation = { name = \"SMK Negeri 1 Contoh\"; domain = \"SMKN1.sch.id\"; };\n"
    "database = \"db/complaintd.db\";\n"
    "phone_country = \"62\";\n"
    "intake = { own_addresses = [ \"NoReply@smkn1.sch.id\" ]; feedback_scale = 5; };\n"
    "limits = { max_message_size = \"512K\"; send_attempts = 4; };\n"
    "imap = (\n"
    "  { name = \"pengaduan\"; host = \"mail.smkn1.sch.id\";\n"
    "    user = \"Pengaduan@smkn1.sch.id\"; password_file = \"imap.secret\"; },\n"
    "  { name = \"lain\"; host = \"127.0.0.1\"; tls = \"starttls\";\n"
    "    user = \"lain\"; password_file = \"sub/lain.secret\";\n"
    "    address = \"Info@smkn1.sch.id\"; idle = false; }\n"
    ");\n"
    "smtp = { url = \"smtp://mail.smkn1.sch.id:587\"; user = \"u\";\n"
    "  password_file = \"smtp.secret\"; from = \"Pengaduan@smkn1.sch.id\"; };\n"
    "modems = ( { name = \"gsm0\"; device = \"/dev/serial/by-id/usb-x\";\n"
    "  pin_file = \"sim.pin\"; smsc = \"0816124\"; } );\n"
    "officers = (\n"
    "  { id = \"kepsek\"; name = \"Kepala Sekolah\"; email = \"KepSek@smkn1.sch.id\"; },\n"
    "  { id = \"wks-kurikulum\"; name = \"Budi\"; email = \"wakasek.kurikulum@smkn1.sch.id\";\n"
    "    phone = \"0812-3456-7002\"; escalate_to = \"kepsek\"; language = \"en\"; },\n"
    "  { id = \"wmm\"; name = \"Rina\"; phone = \"+62 812 3456 7004\"; escalate_to = \"kepsek\"; }\n"
    ");\n"
    "categories = (\n"
    "  { id = \"akademik\"; name = \"Akademik\"; officers = [ \"wks-kurikulum\" ]; resolve_days = 3; },\n"
    "  { id = \"umum\"; name = \"Umum\"; officers = [ \"wmm\", \"kepsek\" ]; }\n"
    ");\n"
    "routing = (\n"
    "  { category = \"akademik\"; keywords = [ \"Nilai\", \"RAPOR\" ]; source = \"imap:pengaduan\"; },\n"
    "  { category = \"umum\"; domains = [ \"Dinas.go.id\" ]; source = \"modem:gsm0\"; }\n"
    ");\n"
    "default_category = \"umum\";\n"
    "sla = { workdays = [ \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" ];\n"
    "  hours = \"07:30-14:00\"; holidays = [ \"2026-08-17\", \"2026-01-01\", \"2026-08-17\" ]; };\n";

static void
secrets(void)
{
	char path[512];

	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0700);
	put("imap.secret", "rahasia\nsecond line\n", 0600);
	put("sub/lain.secret", "lain\r\n", 0600);
	put("smtp.secret", "smtp-pass", 0600);
	put("sim.pin", "1234\n", 0600);
}

static void
good_top(const struct conf *c)
{
	char want[512];

	T_STR(c->org_domain, "smkn1.sch.id", "domain lower-cased");
	T_STR(c->reference_format, "KEL-{year}-{seq:6}", "reference default");
	snprintf(want, sizeof want, "%s/db/complaintd.db", dir);
	T_STR(c->database, want, "relative database resolved");
	T_STR(c->templates_dir, DATADIR "/templates", "templates default");
	T_STR(c->language, "id", "language default");
	T_STR(c->timezone, "Asia/Jakarta", "timezone default");
	T_INT(c->accept_list_mail, 0, "accept_list_mail default");
	T_INT(c->feedback_scale, 5, "feedback_scale 5 (scores 1-5)");
	T_INT(c->limits.max_message_size, 512 * 1024, "size \"512K\"");
	T_INT(c->limits.send_attempts, 4, "send_attempts set");
	T_INT(c->limits.autoreply_per_hour, 10, "autoreply_per_hour default");
	T_INT(c->limits.max_attempts, 3, "max_attempts default");
	T_INT(c->sla.workdays, 0x7e, "workdays mon-sat");
	T_INT(c->sla.day_start, 7 * 60 + 30, "day start");
	T_INT(c->sla.day_end, 14 * 60, "day end");
	T_INT(c->sla.nholidays, 2, "holidays deduplicated");
	T_STR(c->sla.holidays[0], "2026-01-01", "holidays sorted");
	T_INT(c->sla.response_hours, 24, "sla response default");
	T_INT(c->sla.resolve_days, 5, "sla resolve default");
	T_INT(c->sla.feedback_days, 7, "sla feedback default");
	T_INT(c->sla.feedback_reminder, 1, "feedback reminder default on");
	T_INT(c->sla.remind_hours, 4, "remind_hours default");
	T_INT(c->sla.escalate_hours, 8, "escalate_hours default");
	T_INT(c->sla.wait_days, 10, "wait_days default");
}

static void
good_mail(const struct conf *c)
{
	char want[512];

	T_INT(c->nimap, 2, "two IMAP accounts");
	T_INT(c->imap[0].port, 993, "implicit TLS: port 993");
	T_INT(c->imap[0].tls, CONF_TLS_IMPLICIT, "tls default implicit");
	T_STR(c->imap[0].mailbox, "INBOX", "mailbox default");
	T_STR(c->imap[0].processed_folder, "Processed", "processed default");
	T_STR(c->imap[0].quarantine_folder, "Quarantine",
	    "quarantine default");
	T_INT(c->imap[0].idle, 1, "idle default");
	T_INT(c->imap[0].poll_interval, 60, "poll_interval default");
	T_INT(c->imap[0].timeout, 30, "timeout default");
	T_STR(c->imap[0].address, "pengaduan@smkn1.sch.id",
	    "address defaults to the user, lower-cased");
	snprintf(want, sizeof want, "%s/imap.secret", dir);
	T_STR(c->imap[0].password_file, want,
	    "relative password_file resolved against the config dir");
	T_INT(c->imap[1].port, 143, "starttls: port 143");
	T_INT(c->imap[1].idle, 0, "idle = false");
	T_STR(c->imap[1].address, "info@smkn1.sch.id", "address lower-cased");
	snprintf(want, sizeof want, "%s/sub/lain.secret", dir);
	T_STR(c->imap[1].password_file, want, "password_file in a subdir");

	T_OK(c->smtp != NULL, "smtp section");
	T_INT(c->smtp->tls, CONF_TLS_STARTTLS, "smtp:// means STARTTLS");
	T_STR(c->smtp->from, "pengaduan@smkn1.sch.id", "from lower-cased");
	T_STR(c->smtp->from_name, "SMK Negeri 1 Contoh",
	    "from_name defaults to the organisation");
	T_STR(c->smtp->reply_to, "pengaduan@smkn1.sch.id",
	    "reply_to defaults to from");
	T_STR(c->smtp->helo, "smkn1.sch.id", "helo defaults to the domain");
	T_INT(c->smtp->timeout, 60, "smtp timeout default");
}

static void
good_people(const struct conf *c)
{
	T_STR(c->modems[0].connection, "at", "modem connection default");
	T_STR(c->modems[0].model, "", "modem model default");
	T_STR(c->modems[0].smsc, "+62816124", "smsc normalised");
	T_INT(c->modems[0].poll_interval, 10, "modem poll default");
	T_INT(c->modems[0].multipart_timeout, 600, "multipart default");
	T_INT(c->modems[0].timeout, 30, "modem timeout default");

	T_INT(c->nofficers, 3, "three officers");
	T_STR(c->officers[0].email, "kepsek@smkn1.sch.id", "email lower-cased");
	T_INT(c->officers[0].notify, CONF_NOTIFY_EMAIL,
	    "notify default: email only");
	T_STR(c->officers[1].phone, "+6281234567002", "phone normalised");
	T_INT(c->officers[1].notify, CONF_NOTIFY_EMAIL | CONF_NOTIFY_SMS,
	    "notify default: both channels");
	T_STR(c->officers[1].language, "en", "officer language");
	T_STR(c->officers[2].phone, "+6281234567004", "+62 phone normalised");
	T_INT(c->officers[2].notify, CONF_NOTIFY_SMS, "notify default: sms");
	T_INT(c->officers[2].line, 21, "officer line");
	T_OK(c->officers[0].language == NULL, "officer language default");

	T_INT(c->categories[0].resolve_days, 3, "category resolve_days");
	T_INT(c->categories[1].response_hours, 0, "category SLA unset = 0");
	T_INT(c->categories[1].nofficers, 2, "category officers");
	T_STR(c->rules[0].keywords[1], "rapor", "keywords lower-cased");
	T_STR(c->rules[1].domains[0], "dinas.go.id", "domains lower-cased");
	T_OK(c->rules[0].ndomains == 0 && c->rules[1].nkeywords == 0,
	    "absent criteria empty");
	T_STR(c->default_category, "umum", "default_category");
}

static void
good_lookups(const struct conf *c)
{
	T_INT(c->nown_addresses, 3, "own addresses: intake + IMAP + SMTP");
	T_OK(conf_is_own_address(c, "noreply@smkn1.sch.id"),
	    "own address from intake");
	T_OK(conf_is_own_address(c, "INFO@SMKN1.SCH.ID"),
	    "IMAP address is own, case-insensitively");
	T_OK(conf_is_own_address(c, "pengaduan+K7Q2@smkn1.sch.id"),
	    "+token variant is own");
	T_OK(!conf_is_own_address(c, "pengaduan2@smkn1.sch.id"),
	    "a longer local part is not own");
	T_OK(!conf_is_own_address(c, "pengaduan@smkn2.sch.id"),
	    "another domain is not own");
	T_OK(!conf_is_own_address(c, "wmm@smkn1.sch.id"),
	    "an officer is not own");

	T_STR(conf_officer_by_email(c, "WAKASEK.Kurikulum@smkn1.sch.id")->id,
	    "wks-kurikulum", "officer by email, case-insensitive");
	T_OK(conf_officer_by_email(c, "x@smkn1.sch.id") == NULL,
	    "unknown email");
	T_STR(conf_officer_by_phone(c, "081234567004")->id, "wmm",
	    "officer by national phone");
	T_STR(conf_officer_by_phone(c, "+6281234567002")->id,
	    "wks-kurikulum", "officer by E.164 phone");
	T_OK(conf_officer_by_phone(c, "3636") == NULL, "short code: nobody");
	T_STR(conf_officer_by_id(c, "kepsek")->name, "Kepala Sekolah",
	    "officer by id");
	T_OK(conf_officer_by_id(c, "nobody") == NULL, "unknown id");
	T_STR(conf_category_by_id(c, "akademik")->name, "Akademik",
	    "category by id");
	T_OK(conf_category_by_id(c, "x") == NULL, "unknown category");
}

static void
test_good(void)
{
	struct conf *c = NULL;
	struct conf_diag d;

	secrets();
	T_INT(load(good_conf, &c, &d), 0, "good config loads");
	T_INT(d.n, 0, "good config: no diagnostics");
	if (d.n > 0) {
		printf("#   first: [%s]\n", d.msgs[0]);
	}
	conf_diag_free(&d);
	if (c != NULL) {
		good_top(c);
		good_mail(c);
		good_people(c);
		good_lookups(c);
	}
	conf_free(c);
}

static void
test_minimal(void)
{
	struct conf *c = NULL;
	struct conf_diag d;

	T_INT(load(MIN_CONF, &c, &d), 0, "minimal config loads");
	T_OK(c != NULL && c->smtp == NULL && c->nimap == 0 &&
	    c->nmodems == 0 && c->nrules == 0,
	    "imap, smtp, modems, routing are optional");
	T_INT(c != NULL ? c->sla.workdays : 0, 0x3e, "workdays default");
	T_INT(c != NULL ? (long long)c->limits.max_message_size : 0,
	    25 * 1024 * 1024, "max_message_size default");
	T_INT(c != NULL ? c->nown_addresses : 9, 0, "no own addresses");
	T_INT(c != NULL ? c->feedback_scale : 0, 4,
	    "feedback_scale default: 1-4, as the IKM survey");
	conf_diag_free(&d);
	conf_free(c);
}

static void
test_schema_errors(void)
{
	one_error(MIN_CONF "limits = { max_atempts = 3; };\n",
	    at(5, "unknown setting 'max_atempts' in 'limits' "
	    "(did you mean 'max_attempts'?)"), "unknown key, with a hint");
	one_error(MIN_CONF "colour = \"blue\";\n",
	    at(5, "unknown setting 'colour'"), "unknown top-level key");
	one_error(MIN_CONF "limits = {\n  max_attempts = \"3\";\n};\n",
	    at(6, "'max_attempts' must be an integer"), "wrong type: int");
	one_error(MIN_CONF "intake = { accept_list_mail = \"yes\"; };\n",
	    at(5, "'accept_list_mail' must be true or false (without "
	    "quotes)"), "wrong type: bool");
	one_error(MIN_CONF "language = 1;\n",
	    at(5, "'language' must be a string (in double quotes)"),
	    "wrong type: string");
	one_error(MIN_CONF "smtp = ( 1 );\n",
	    at(5, "'smtp' must be a group: smtp = { ... };"),
	    "wrong type: group");
	one_error(MIN_CONF "sla = { holidays = [ 1, 2 ]; };\n",
	    at(5, "'holidays' must be a list of strings, e.g. [ \"a\", "
	    "\"b\" ]"), "wrong type: list of strings");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; phone = \"0812345678\"; } );\n"
	    "default_category = \"umum\";\n",
	    at(1, "missing required setting 'categories'"),
	    "missing required top-level setting: line 1");
	one_error(MIN_CONF "smtp = {\n  from = \"a@smkn1.sch.id\";\n};\n",
	    at(5, "missing required setting 'url' in 'smtp'"),
	    "missing required key: line of its group");
	one_error(MIN_CONF "limits = { max_attempts = 0; };\n",
	    at(5, "'max_attempts' must be at least 1"), "zero limit");
	one_error(MIN_CONF "intake = {\n  feedback_scale = 10;\n};\n",
	    at(6, "'feedback_scale' must be 4 or 5 (scores 1-4 or 1-5)"),
	    "a feedback scale other than 4 or 5");
	one_error(MIN_CONF "limits = { max_message_size = \"25 MB\"; };\n",
	    at(5, "'max_message_size' must be a number of bytes or a string "
	    "such as \"25M\" or \"512K\""), "bad size");
	one_error(MIN_CONF "a = 1;\nb = \"x;\n",
	    at(7, "syntax error"), "syntax error: libconfig's line");
	one_error(MIN_CONF "language = \"id\";\nlanguage = \"en\";\n",
	    at(6, "duplicate setting name"), "duplicate key");
}

static void
test_value_errors(void)
{
	one_error(MIN_CONF "language = \"fr\";\n",
	    at(5, "'language': \"fr\" is not a supported language (use "
	    "\"id\" or \"en\")"), "bad language");
	one_error(MIN_CONF "timezone = \"Asia/Jakata\";\n",
	    at(5, "'timezone': \"Asia/Jakata\" is not a time zone: there is "
	    "no file /usr/share/zoneinfo/Asia/Jakata (e.g. "
	    "\"Asia/Jakarta\")"), "bad time zone");
	one_error(MIN_CONF "sla = { hours = \"15:00-07:00\"; };\n",
	    at(5, "'hours': the working day must start before it ends "
	    "(\"15:00-07:00\")"), "hours backwards");
	one_error(MIN_CONF "sla = { hours = \"7-15\"; };\n",
	    at(5, "'hours' must be a string \"HH:MM-HH:MM\", e.g. "
	    "\"07:00-15:00\""), "hours malformed");
	one_error(MIN_CONF "sla = { workdays = [ \"mon\", \"sen\" ]; };\n",
	    at(5, "'workdays': \"sen\" is not a day (use \"mon\", \"tue\", "
	    "\"wed\", \"thu\", \"fri\", \"sat\" or \"sun\")"), "bad day");
	one_error(MIN_CONF "sla = { holidays = [ \"2026-02-29\" ]; };\n",
	    at(5, "'holidays': \"2026-02-29\" is not a date: February 2026 "
	    "has 28 days"), "no 29 February in 2026");
	one_error(MIN_CONF "sla = { remind_hours = -1; };\n",
	    at(5, "'remind_hours' must be at least 0"),
	    "negative reminder lead");
	one_error(MIN_CONF "sla = { feedback_reminder = 1; };\n",
	    at(5, "'feedback_reminder' must be true or false (without "
	    "quotes)"), "feedback_reminder is a boolean");
	one_error(MIN_CONF "sla = { holidays = [ \"2028-02-29\", \"2026-13-01\" ]; };\n",
	    at(5, "'holidays': \"2026-13-01\" is not a date: there is no "
	    "month 13"), "leap day fine, month 13 not");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\";\n"
	    "  reference_format = \"KEL-{year}\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; phone = \"0812345678\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(2, "'reference_format': \"KEL-{year}\" is not usable: "
	    "reference format needs {seq}"), "reference format checked");
	one_error(MIN_CONF "intake = { own_addresses = [ \"noreply\" ]; };\n",
	    at(5, "'own_addresses': \"noreply\" is not an email address"),
	    "own address checked");
	one_error(MIN_CONF "phone_country = \"+62\";\n",
	    at(5, "'phone_country': \"+62\" is not a country calling code "
	    "(digits without '+', e.g. \"62\")"), "bad calling code");
}

/* The recap's indicators and the schedules: read, checked, defaults. */
static void
test_recap_settings(void)
{
	struct conf *c = NULL;
	struct conf_diag d;
	const struct conf_schedule *s;

	T_INT(load(MIN_CONF
	    "indicators = { first_response_hours = 24; resolve_days = 5;\n"
	    "  max_per_month = 10; min_satisfied_percent = 80;\n"
	    "  categories = ( { category = \"umum\"; max_per_month = 3; } ); };\n"
	    "schedules = (\n"
	    "  { name = \"iso\"; kind = \"recap\"; every = \"2 weeks\"; weekday = \"mon\";\n"
	    "    at = \"08:00\"; to = [ \"wmm\" ]; start = \"2026-11-30\"; },\n"
	    "  { name = \"bulanan\"; kind = \"recap\"; every = \"month\"; monthday = 2;\n"
	    "    to = [ \"wmm\" ]; language = \"en\"; },\n"
	    "  { name = \"harian\"; kind = \"digest\"; every = \"workday\"; at = \"07:00\"; },\n"
	    "  { name = \"kotak\"; kind = \"reminder\"; every = \"week\"; to = [ \"wmm\" ];\n"
	    "    text = \"Buka kotak saran\"; }\n"
	    ");\n", &c, &d), 0, "indicators and schedules are read");
	if (c == NULL) {
		conf_diag_free(&d);
		return;
	}
	T_OK(c->indicators.first_response_hours == 24 &&
	    c->indicators.resolve_days == 5 && c->indicators.on_time_percent ==
	    90 && c->indicators.max_per_month == 10 &&
	    c->indicators.min_satisfied_percent == 80 &&
	    c->indicators.ncategories == 1 && c->indicators.categories[0].
	    max_per_month == 3, "... the indicators, on time 90 % by default");
	T_INT(c->nschedules, 4, "... four schedules");
	s = &c->schedules[0];
	T_OK(s->kind == CONF_SCHED_RECAP && s->unit == CONF_EVERY_WEEK &&
	    s->every == 2 && s->weekday == 1 && s->at == 480 &&
	    strcmp(s->period, "last-2-weeks") == 0, "a fortnightly recap of the "
	    "last two weeks");
	s = &c->schedules[1];
	T_OK(s->unit == CONF_EVERY_MONTH && s->monthday == 2 &&
	    strcmp(s->period, "last-month") == 0 && strcmp(s->language, "en")
	    == 0, "a monthly recap of last month, in English");
	s = &c->schedules[2];
	T_OK(s->kind == CONF_SCHED_DIGEST && s->unit == CONF_EVERY_WORKDAY &&
	    s->nto == 0 && s->at == 420, "a digest every working day to "
	    "everyone");
	s = &c->schedules[3];
	T_OK(s->kind == CONF_SCHED_REMINDER && s->weekday == 1 && s->at == 480
	    && strcmp(s->text, "Buka kotak saran") == 0, "a reminder on Mondays "
	    "at 08:00 by default");
	conf_free(c);
	one_error(MIN_CONF "schedules = ( { name = \"x\"; kind = \"recap\"; "
	    "every = \"fortnight\"; to = [ \"wmm\" ]; period = \"last-month\"; "
	    "} );\n", at(5, "'every' must be \"day\", \"workday\", \"week\", "
	    "\"N weeks\", \"month\" or \"N months\", not \"fortnight\""),
	    "a schedule's 'every' checked");
	one_error(MIN_CONF "schedules = ( { name = \"x\"; kind = \"reminder\"; "
	    "every = \"week\"; to = [ \"wmm\" ]; } );\n", at(5, "schedule 'x': "
	    "'text' is what a reminder says: give one"), "a reminder needs "
	    "its text");
	one_error(MIN_CONF "schedules = ( { name = \"x\"; kind = \"recap\"; "
	    "every = \"week\"; to = [ \"wmn\" ]; } );\n", at(5, "'to' names "
	    "officer 'wmn', which is not defined (did you mean 'wmm'?)"),
	    "a schedule's officers must exist");
	one_error(MIN_CONF "schedules = ( { name = \"x\"; kind = \"recap\"; "
	    "every = \"4 weeks\"; to = [ \"wmm\" ]; } );\n", at(5, "schedule "
	    "'x': give the 'period' the recap covers (e.g. \"last-month\")"),
	    "a recap of 4 weeks needs its period");
	one_error(MIN_CONF "schedules = ( { name = \"x\"; kind = \"recap\"; "
	    "every = \"month\"; to = [ \"wmm\" ]; period = \"bulan-lalu\"; } "
	    ");\n", at(5, "'period': \"bulan-lalu\" is not a period: use "
	    "this-week, last-week, last-2-weeks, this-month, last-month, "
	    "this-quarter, last-quarter, this-year, last-year, today, "
	    "yesterday, or a year (2026), quarter (2026-Q3), month (2026-11) "
	    "or ISO week (2026-W49)"), "an unknown period is refused");
	one_error(MIN_CONF "indicators = { min_satisfied_percent = 120; };\n",
	    at(5, "'min_satisfied_percent' is a percentage: at most 100"),
	    "a percentage over 100 is refused");
	one_error(MIN_CONF "indicators = { categories = ( { category = "
	    "\"umm\"; max_per_month = 2; } ); };\n", at(5, "'category' "
	    "names category 'umm', which is not defined (did you mean "
	    "'umum'?)"),
	    "an indicator's category must exist");
}

static void
test_officers(void)
{
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\";\n"
	    "  phone = \"12345\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(3, "'phone': \"12345\" is not a phone number: write it with "
	    "the country code (\"+62 812 3456 789\") or as a national number "
	    "(\"0812 3456 789\")"), "bad phone");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; email = \"a@smk.sch.id\";\n"
	    "  notify = [ \"email\", \"sms\" ]; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(3, "'notify' asks for \"sms\" but the officer has no 'phone'"),
	    "notify channel without address");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(2, "officer 'a' has neither 'email' nor 'phone': give at "
	    "least one so they can be notified"), "unreachable officer");
}

static void
test_escalation(void)
{
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; phone = \"0812345678\"; },\n"
	    "  { id = \"b\"; name = \"B\"; phone = \"0812345679\";\n"
	    "    escalate_to = \"kepsek\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(4, "'escalate_to' names officer 'kepsek', which is not "
	    "defined"), "undefined escalation target");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; phone = \"0812345678\";\n"
	    "  escalate_to = \"a\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(3, "'escalate_to' names the officer itself: name the next "
	    "person up, or leave it out"), "escalation to oneself");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = (\n"
	    "  { id = \"top\"; name = \"T\"; phone = \"0812345670\"; escalate_to = \"x\"; },\n"
	    "  { id = \"x\"; name = \"X\"; phone = \"0812345678\"; escalate_to = \"y\"; },\n"
	    "  { id = \"y\"; name = \"Y\"; phone = \"0812345679\"; escalate_to = \"z\"; },\n"
	    "  { id = \"z\"; name = \"Z\"; phone = \"0812345677\"; escalate_to = \"x\"; }\n"
	    ");\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"top\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(4, "escalation goes round in a circle (x -> y -> z -> x): let "
	    "one of them escalate to someone outside it, or to nobody"),
	    "escalation cycle reported once");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; phone = \"0812345678\"; },\n"
	    "  { id = \"a\"; name = \"B\"; phone = \"0812345679\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(3, "officer 'a' is already defined at line 2"),
	    "duplicate officer id");
	one_error(MIN_CONF "modems = ( { name = \"GSM 0\"; device = \"/dev/null\"; } );\n",
	    at(5, "'name': \"GSM 0\" is not a valid name: use only a-z, "
	    "0-9, '_' and '-' (at most 64)"), "bad name");
}

static void
test_categories_and_rules(void)
{
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"wks-kurikulum\"; name = \"A\"; phone = \"0812345678\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\";\n"
	    "  officers = [ \"wks-kurikulm\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(4, "'officers' names officer 'wks-kurikulm', which is not "
	    "defined (did you mean 'wks-kurikulum'?)"),
	    "undefined officer in a category, with a hint");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; phone = \"0812345678\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(3, "'officers' must name at least one officer"),
	    "category without officers");
	one_error(MIN_CONF "routing = ( { category = \"akademik\"; keywords = [ \"nilai\" ]; } );\n",
	    at(5, "'category' names category 'akademik', which is not "
	    "defined"), "undefined category in a rule");
	one_error(MIN_CONF "routing = ( { category = \"umum\"; } );\n",
	    at(5, "this routing rule has no 'keywords', 'domains' or "
	    "'source', so it would match every message: give one, or use "
	    "'default_category'"), "rule without criteria");
	one_error(MIN_CONF "routing = ( { category = \"umum\"; source = \"imap:pengaduan\"; } );\n",
	    at(5, "'source' names IMAP account 'pengaduan', which is not "
	    "defined"), "undefined IMAP source");
	one_error(MIN_CONF "routing = ( { category = \"umum\"; source = \"web\"; } );\n",
	    at(5, "'source' must be \"email\", \"sms\", \"imap:NAME\" or "
	    "\"modem:NAME\", not \"web\""), "bad source");
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"a\"; name = \"A\"; phone = \"0812345678\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umun\";\n",
	    at(4, "'default_category' names category 'umun', which is not "
	    "defined (did you mean 'umum'?)"), "undefined default category");
}

/* approval { approvers; self_approve; remind_hours }, categories'
 * approvers: read, defaulted, and every approver an officer. */
static void
test_approval(void)
{
	struct conf *c = NULL;
	struct conf_diag d;

	T_INT(load(MIN_CONF, &c, &d), 0, "no approval section");
	T_INT(c != NULL ? (long)c->approval.napprovers : 9, 0,
	    "... no approvers");
	T_INT(c != NULL ? c->approval.remind_hours : 0, 4,
	    "... remind_hours default 4");
	conf_diag_free(&d);
	conf_free(c);
	c = NULL;
	T_INT(load("organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = ( { id = \"wmm\"; name = \"W\"; email = \"w@smk.sch.id\"; },\n"
	    "  { id = \"kepsek\"; name = \"K\"; email = \"k@smk.sch.id\"; } );\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"wmm\" ];\n"
	    "  approvers = [ \"wmm\" ]; } );\n"
	    "default_category = \"umum\";\n"
	    "approval = { approvers = [ \"kepsek\" ]; self_approve = true;\n"
	    "  remind_hours = 0; };\n", &c, &d), 0, "an approval section loads");
	T_OK(c != NULL && c->approval.napprovers == 1 &&
	    strcmp(c->approval.approvers[0], "kepsek") == 0 &&
	    c->approval.self_approve == 1 && c->approval.remind_hours == 0,
	    "... approvers, self_approve, remind_hours = 0 (no reminders)");
	T_OK(c != NULL && c->categories[0].napprovers == 1 &&
	    strcmp(c->categories[0].approvers[0], "wmm") == 0,
	    "... a category's approvers");
	conf_diag_free(&d);
	conf_free(c);
	one_error(MIN_CONF "approval = { approvers = [ \"kepsk\" ]; };\n",
	    at(5, "'approvers' names officer 'kepsk', which is not defined"),
	    "an approver who is not an officer");
}

static void
test_secrets_in_config(void)
{
	char want[1024];

	put("p.secret", "pw\n", 0644);
	snprintf(want, sizeof want, "'password_file': %s/p.secret is "
	    "accessible by group or others (mode 0644): run chmod 600 "
	    "%s/p.secret", dir, dir);
	one_error(MIN_CONF "smtp = { url = \"smtps://mail.smkn1.sch.id\"; from = \"a@smkn1.sch.id\";\n"
	    "  user = \"a\"; password_file = \"p.secret\"; };\n",
	    at(6, "%s", want), "secret file 0644 refused");
	snprintf(want, sizeof want, "'pin_file': cannot open %s/none.pin: "
	    "No such file or directory", dir);
	one_error(MIN_CONF "modems = ( { name = \"gsm0\"; device = \"/dev/null\"; pin_file = \"none.pin\"; } );\n",
	    at(5, "%s", want), "missing secret file");
	snprintf(want, sizeof want, "'ca_file': cannot open %s/ca.pem: No "
	    "such file or directory", dir);
	one_error(MIN_CONF "imap = ( { name = \"a\"; host = \"h\"; user = \"u\";\n"
	    "  password_file = \"imap.secret\"; ca_file = \"ca.pem\"; } );\n",
	    at(6, "%s", want), "missing CA file");
	one_error(MIN_CONF "smtp = { url = \"smtp://localhost:25\"; tls = \"none\";\n"
	    "  from = \"a@smkn1.sch.id\"; user = \"a\"; password_file = \"imap.secret\"; };\n",
	    at(6, "'user' and 'password_file' cannot be used with tls = "
	    "\"none\": the password would cross the network in plain text"),
	    "credentials without TLS");
	one_error(MIN_CONF "smtp = { url = \"smtps://mail.smkn1.sch.id\";\n"
	    "  from = \"a@smkn1.sch.id\"; user = \"a\"; };\n",
	    at(6, "'user' is set but 'password_file' is missing"),
	    "user without password_file");
	one_error(MIN_CONF "smtp = { url = \"https://mail.smkn1.sch.id\"; from = \"a@smkn1.sch.id\"; };\n",
	    at(5, "'url': \"https://mail.smkn1.sch.id\" must look like "
	    "\"smtps://host:465\" or \"smtp://host:587\""), "bad SMTP url");
	one_error(MIN_CONF "smtp = { url = \"smtps://mail.smkn1.sch.id\"; tls = \"none\"; from = \"a@smkn1.sch.id\"; };\n",
	    at(5, "'tls' = \"none\" does not go with "
	    "\"smtps://mail.smkn1.sch.id\": smtps:// is implicit TLS, smtp:// "
	    "is STARTTLS (or \"none\" for plain text)"), "tls vs scheme");
	one_error(MIN_CONF "imap = ( { name = \"a\"; host = \"h\"; user = \"u\"; port = 70000;\n"
	    "  password_file = \"imap.secret\"; } );\n",
	    at(5, "'port' must be between 1 and 65535"), "port range");
}

static void
test_secret_plain_text_smtp(void)
{
	struct conf *c = NULL;
	struct conf_diag d;

	T_INT(load(MIN_CONF "smtp = { url = \"smtp://127.0.0.1:25\"; tls = \"none\"; from = \"a@smkn1.sch.id\"; };\n",
	    &c, &d), 0, "plain SMTP without credentials is allowed");
	T_INT(c != NULL ? (int)c->smtp->tls : -1, CONF_TLS_NONE, "tls none");
	conf_diag_free(&d);
	conf_free(c);
}

static void
test_many_problems(void)
{
	struct conf *c = NULL;
	struct conf_diag d;
	int rc;

	rc = load(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = (\n"
	    "  { id = \"a\"; name = \"A\"; phone = \"0812\"; escalate_to = \"b\"; },\n"
	    "  { id = \"b\"; name = \"B\"; email = \"b@smk.sch.id\"; escalate_to = \"a\";\n"
	    "    pasword = \"x\"; }\n"
	    ");\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"c\" ]; } );\n"
	    "imap = ( { name = \"x\"; host = \"h\"; port = \"993\"; user = \"u\";\n"
	    "  password_file = \"gone.secret\"; } );\n"
	    "sla = { hours = \"08:00-07:00\"; };\n",
	    &c, &d);
	T_OK(rc == -1 && c == NULL, "many problems: load fails");
	T_INT(d.n, 8, "many problems: all reported");
	if (d.n == 8) {
		T_STR(d.msgs[0], at(1, "missing required setting "
		    "'default_category'"), "1/8 missing, sorted first");
		T_STR(d.msgs[1], at(3, "'phone': \"0812\" is not a phone "
		    "number: write it with the country code (\"+62 812 3456 "
		    "789\") or as a national number (\"0812 3456 789\")"),
		    "2/8 bad phone");
		T_STR(d.msgs[2], at(3, "escalation goes round in a circle "
		    "(a -> b -> a): let one of them escalate to someone "
		    "outside it, or to nobody"), "3/8 cycle");
		T_STR(d.msgs[3], at(5, "unknown setting 'pasword' in "
		    "'officers'"), "4/8 unknown key");
		T_STR(d.msgs[4], at(7, "'officers' names officer 'c', which "
		    "is not defined"), "5/8 undefined officer");
		T_STR(d.msgs[5], at(8, "'port' must be an integer"),
		    "6/8 wrong type");
		T_CONTAINS(d.msgs[6], "/t.conf:9: 'password_file': cannot "
		    "open ", "7/8 missing secret");
		T_STR(d.msgs[7], at(10, "'hours': the working day must start "
		    "before it ends (\"08:00-07:00\")"), "8/8 hours");
	}
	conf_diag_free(&d);
}

static void
test_shapes(void)
{
	struct conf *c = NULL;
	struct conf_diag d;
	char want[1024];

	T_INT(load(MIN_CONF "imap = { name = \"solo\"; host = \"h\"; user = \"u\";\n"
	    "  password_file = \"imap.secret\"; };\n"
	    "limits = { max_message_size = 3000000000L; };\n", &c, &d), 0,
	    "one IMAP group without ( ) is a list of one");
	T_INT(c != NULL ? c->nimap : 0, 1, "one IMAP account");
	T_INT(c != NULL ? (long long)c->limits.max_message_size : 0,
	    3000000000LL, "64-bit size with L");
	conf_diag_free(&d);
	conf_free(c);
	one_error(
	    "organisation = { name = \"SMK\"; domain = \"smk.sch.id\"; };\n"
	    "officers = [];\n"
	    "categories = ( { id = \"umum\"; name = \"Umum\"; officers = [ \"a\" ]; } );\n"
	    "default_category = \"umum\";\n",
	    at(2, "'officers' must define at least one officer"),
	    "empty officers: one message, no cascade");
	one_error(MIN_CONF "modems = ( \"gsm0\" );\n",
	    at(5, "each entry of 'modems' must be a group { ... }"),
	    "list entry that is not a group");
	put("inc.conf", "sla = {\n  feedback_dayz = 7; };\n", 0644);
	snprintf(want, sizeof want, "%s/inc.conf:2: unknown setting "
	    "'feedback_dayz' in 'sla' (did you mean 'feedback_days'?)", dir);
	one_error(MIN_CONF "@include \"inc.conf\"\n", want,
	    "@include: relative to the config, named with its directory");
	/* libconfig puts the last element of a list on the line of "]" */
	put("hol.conf", "# libur\nholidays = [\n  \"2026-01-01\",\n"
	    "  \"2026-02-30\"\n];\n", 0644);
	snprintf(want, sizeof want, "%s/hol.conf:4: 'holidays': "
	    "\"2026-02-30\" is not a date: February 2026 has 28 days", dir);
	one_error(MIN_CONF "sla = {\n  @include \"hol.conf\"\n};\n", want,
	    "holidays in an included file: a bad date at its own line");
	one_error(MIN_CONF "sla = { holidays = [\n  \"2026-01-01\",\n"
	    "  \"2026-04-31\"\n  ]; };\n", at(7, "'holidays': \"2026-04-31\" "
	    "is not a date: April 2026 has 30 days"),
	    "... and in the main file");
}

static void
test_missing_file(void)
{
	struct conf *c = NULL;
	struct conf_diag d;
	char path[512], want[1024];

	snprintf(path, sizeof path, "%s/absent.conf", dir);
	T_INT(conf_load(path, &c, &d), -1, "missing file fails");
	snprintf(want, sizeof want, "%s: cannot read the configuration "
	    "file: No such file or directory", path);
	T_INT(d.n, 1, "missing file: one message");
	T_STR(d.n > 0 ? d.msgs[0] : NULL, want, "missing file message");
	conf_diag_free(&d);
}

static void
test_read_secret(void)
{
	char path[512], err[1024], want[2048];
	char *s = NULL;

	snprintf(path, sizeof path, "%s/s1", dir);
	put("s1", "kata sandi\r\nsecond\n", 0600);
	T_INT(conf_read_secret(path, &s, err, sizeof err), 0,
	    "0600 secret read");
	T_STR(s, "kata sandi", "first line, without CR LF");
	free(s);
	put("s1", "4321", 0400);
	T_INT(conf_read_secret(path, &s, err, sizeof err), 0,
	    "0400 secret without newline");
	T_STR(s, "4321", "whole file when there is no newline");
	free(s);
	chmod(path, 0640);
	T_INT(conf_read_secret(path, &s, err, sizeof err), -1,
	    "0640 secret refused");
	snprintf(want, sizeof want, "%s is accessible by group or others "
	    "(mode 0640): run chmod 600 %s", path, path);
	T_STR(err, want, "mode error says how to fix it");
	T_OK(s == NULL, "no secret on error");
	chmod(path, 0602);
	T_INT(conf_read_secret(path, &s, err, sizeof err), -1,
	    "world-writable secret refused");
	put("s1", "\nx\n", 0600);
	T_INT(conf_read_secret(path, &s, err, sizeof err), -1,
	    "empty first line refused");
	snprintf(want, sizeof want, "%s is empty: the secret goes on its "
	    "first line", path);
	T_STR(err, want, "empty secret message");
	T_INT(conf_read_secret(dir, &s, err, sizeof err), -1,
	    "directory refused");
}

static void
cleanup(void)
{
	static const char *const files[] = {
		"t.conf", "imap.secret", "sub/lain.secret", "smtp.secret",
		"sim.pin", "p.secret", "s1", "inc.conf", "sub", NULL
	};
	char path[512];
	size_t i;

	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		remove(path);
	}
	if (rmdir(dir) == -1) {
		perror(dir);
	}
}

/* What the fuzz target (tests/fuzz/fuzz_conf.c) found. */
static void
test_fuzz_findings(void)
{
	struct conf *c = (struct conf *)1;
	struct conf_diag d;
	char want[600];
	int rc;

	/* a syntax error right after a string: libconfig leaks the string
	 * (tests/lsan.supp), we report the line */
	rc = load("n={e\"\"", &c, &d);
	snprintf(want, sizeof want, "%s/t.conf:1: ", dir);
	T_OK(rc == -1 && c == NULL && d.n == 1 &&
	    strncmp(d.msgs[0], want, strlen(want)) == 0,
	    "a syntax error after a string: refused, with its line");
	conf_diag_free(&d);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	unsetenv("TZDIR");	/* messages name /usr/share/zoneinfo */
	snprintf(dir, sizeof dir, "%s/test_conf.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_good();
	test_minimal();
	test_schema_errors();
	test_value_errors();
	test_recap_settings();
	test_officers();
	test_escalation();
	test_categories_and_rules();
	test_approval();
	test_secrets_in_config();
	test_secret_plain_text_smtp();
	test_many_problems();
	test_shapes();
	test_missing_file();
	test_read_secret();
	test_fuzz_findings();
	cleanup();
	return t_done();
}
