/*
 * common.c — helpers shared by the complaintctl commands (see ctl.h).
 */
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "conf_load.h"
#include "ctl.h"
#include "dbfile.h"
#include "json.h"
#include "ref.h"
#include "utf8.h"

#define CTL_BUSY_MS	10000

void
ctl_err(const char *fmt, ...)
{
	va_list ap;

	fputs("complaintctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The commands that only look: a missing database is an error. */
static int
ctl_open_readonly(struct ctl *c)
{
	if (store_open_readonly(c->cf->database, CTL_BUSY_MS, &c->st) == 0) {
		return 0;
	}
	if (errno == ENOENT) {
		ctl_err("is 'database' in %s right? complaintd creates the "
		    "database when it first starts", c->conf_path);
		return EX_NOINPUT;
	}
	ctl_err("cannot read the database %s", c->cf->database);
	return EX_UNAVAILABLE;
}

/* Open for writing; a database root creates goes to its directory's
 * owner (the daemon's user), not to root. */
static int
ctl_open_store(struct ctl *c)
{
	int created = access(c->cf->database, F_OK) == -1 && errno == ENOENT;

	if (store_open(c->cf->database, CTL_BUSY_MS, &c->st) == -1) {
		return -1;
	}
	if (created) {
		dbfile_adopt(c->cf->database);
	}
	return 0;
}

int
ctl_open(struct ctl *c, int flags, int tempfail)
{
	struct conf_diag diag = { NULL, 0 };
	char err[4096];
	size_t i;
	int rc;

	if (conf_load_flags(c->conf_path, CONF_LOAD_NO_SECRETS, &c->cf,
	    &diag) == -1) {
		for (i = 0; i < diag.n; i++) {
			fprintf(stderr, "%s\n", diag.msgs[i]);
		}
		conf_diag_free(&diag);
		ctl_err("the configuration has errors (check it with "
		    "complaintd -t -c %s)", c->conf_path);
		return tempfail ? EX_TEMPFAIL : EX_CONFIG;
	}
	conf_diag_free(&diag);
	setenv("TZ", c->cf->timezone, 1);
	tzset();
	if ((flags & (CTL_NEED_STORE | CTL_NEED_PIPELINE)) == 0) {
		return 0;
	}
	if ((flags & CTL_READ_ONLY) && !(flags & CTL_NEED_PIPELINE)) {
		if ((rc = ctl_open_readonly(c)) == 0) {
			store_set_pause(c->st, ctl_flush, NULL);
			store_set_archive_dir(c->st,
			    c->cf->retention.archive_dir);
		}
		return rc;
	}
	if (ctl_open_store(c) == -1) {
		ctl_err("cannot use the database %s", c->cf->database);
		return tempfail ? EX_TEMPFAIL : EX_UNAVAILABLE;
	}
	/* a long listing writes its output between pages, with no read
	 * transaction open: a slow reader of it holds nothing */
	store_set_pause(c->st, ctl_flush, NULL);
	store_set_archive_dir(c->st, c->cf->retention.archive_dir);
	if ((flags & CTL_NEED_PIPELINE) &&
	    pipeline_new(c->cf, c->st, &c->pl, err, sizeof err) == -1) {
		fprintf(stderr, "%s\n", err);
		ctl_err("the templates in %s are not usable",
		    c->cf->templates_dir);
		return tempfail ? EX_TEMPFAIL : EX_CONFIG;
	}
	return 0;
}

void
ctl_flush(void *arg)
{
	(void)arg;
	fflush(stdout);
}

void
ctl_close(struct ctl *c)
{
	pipeline_free(c->pl);
	store_close(c->st);
	conf_free(c->cf);
	c->pl = NULL;
	c->st = NULL;
	c->cf = NULL;
}

void
ctl_time(time_t t, char *out, size_t n)
{
	struct tm tm;

	if (t == 0) {
		snprintf(out, n, "-");
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

time_t
ctl_parse_since(const char *s)
{
	struct tm tm;
	char *end;
	long v;

	if (isdigit((unsigned char)s[0]) && (v = strtol(s, &end, 10)) > 0 &&
	    (strcmp(end, "d") == 0 || strcmp(end, "h") == 0)) {
		return time(NULL) - v * (*end == 'd' ? 86400 : 3600);
	}
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end != NULL && *end == ' ') {
		end = strptime(end + 1, "%H:%M", &tm);
	}
	if (end == NULL || *end != '\0') {
		return -1;
	}
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int
ctl_store_exit(struct store *st)
{
	if (store_errkind(st) == STORE_E_ARCHIVE) {
		ctl_err("%s", store_errmsg(st));
		return EX_IOERR;
	}
	return store_temporary(st) ? EX_TEMPFAIL : EX_SOFTWARE;
}

void
ctl_actor(char *out, size_t n)
{
	const char *who = getenv("SUDO_USER");
	struct passwd *pw;

	if (who == NULL || *who == '\0') {
		pw = getpwuid(getuid());
		who = pw ? pw->pw_name : "unknown";
	}
	snprintf(out, n, "admin:%s", who);
}

void
ctl_cell(const char *s, size_t width)
{
	size_t len, i, chars = 0, cut;
	uint32_t cp;

	s = s ? s : "";
	len = strlen(s);
	/* the last column of a cell is always a space */
	for (i = 0; i < len && chars + 1 < width; chars++) {
		cut = utf8_decode(s + i, len - i, &cp);
		if (cut == 0) {
			break;
		}
		if (cp == '\n' || cp == '\t') {
			putchar(' ');
		} else {
			fwrite(s + i, 1, cut, stdout);
		}
		i += cut;
	}
	for (; chars < width; chars++) {
		putchar(' ');
	}
}

void
ctl_json_print(struct json *j)
{
	fwrite(j->b.data, 1, j->b.len, stdout);
	putchar('\n');
}

void
ctl_json_pause(void *arg)
{
	struct json *j = arg;

	fwrite(j->b.data, 1, j->b.len, stdout);
	buf_reset(&j->b);
	fflush(stdout);
}

void
ctl_json_list_begin(struct json *j)
{
	if (j != NULL) {
		json_init(j);
		json_array_begin(j);
	}
}

void
ctl_json_list_end(struct json *j, int rc)
{
	if (j == NULL) {
		return;
	}
	json_array_end(j);
	if (rc != -1) {
		ctl_json_print(j);
	}
	json_free(j);
}

int
ctl_json_opts(int argc, char **argv, void (*usage)(FILE *), int *json)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	*json = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			*json = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EX_USAGE;
	}
	return -1;
}


int
ctl_reference(const struct ctl *c, const char *arg, char *out, size_t n)
{
	char found[1][REF_MAX];

	if (ref_find(c->cf->reference_format, arg, found, 1) != 1 ||
	    strlen(found[0]) != strlen(arg)) {
		ctl_err("'%s' is not a case reference (like %s)", arg,
		    c->cf->reference_format);
		return -1;
	}
	snprintf(out, n, "%s", found[0]);
	return 0;
}
