/*
 * complaintd.c — the daemon's entry point: options, configuration and
 * templates checked, then the supervisor.
 *
 * Exit statuses follow sysexits(3): 64 (EX_USAGE) for a bad command line,
 * 78 (EX_CONFIG) for a configuration or template with any problem, 69
 * (EX_UNAVAILABLE) when the database cannot be opened or another daemon
 * runs on it.  With -t the configuration is only checked: every problem
 * is printed on stderr as "FILE:LINE: message" (the form editors jump
 * to), then whether the daemon's user can write the database's files,
 * and "configuration OK" on stdout when there is no problem.
 */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "conf_load.h"
#include "dbfile.h"
#include "log.h"
#include "pipeline.h"
#include "supervisor.h"
#include "tmpl.h"

struct options {
	const char	*conf_path;
	int		 check_only;	/* -t */
	int		 debug;		/* -d */
	int		 help;		/* -h, --help */
	int		 version;	/* -V, --version */
	const char	*user;		/* -u: the daemon's user, for -t */
};

/* The user the unit runs the daemon as (systemd/complaintd.service.in). */
#define DAEMON_USER	"complaintd"

static void
usage(FILE *f)
{
	fprintf(f, "usage: complaintd [-dhstV] [-c file] [-u user]\n"
	    "  -c file  configuration (default %s)\n"
	    "  -d       log debug messages\n"
	    "  -h       show this help (also --help)\n"
	    "  -s       syslog priority prefixes (\"<6>\") on every log line;\n"
	    "           without -s only when standard error is the journal\n"
	    "  -t       check the configuration and the database's files and exit\n"
	    "  -u user  with -t: the user the daemon runs as (default, as root:\n"
	    "           %s if that user exists; otherwise the user running -t)\n"
	    "  -V       print the version and exit (also --version)\n",
	    CONF_DEFAULT_PATH, DAEMON_USER);
}

/* 0, or -1 after printing the usage. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	o->conf_path = CONF_DEFAULT_PATH;
	while ((ch = getopt_long(argc, argv, "c:dhstu:V", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'c':
			o->conf_path = optarg;
			break;
		case 'd':
			o->debug = 1;
			break;
		case 'h':
			o->help = 1;
			break;
		case 's':
			/* the workers inherit it */
			setenv(LOG_PREFIX_ENV, "1", 1);
			break;
		case 't':
			o->check_only = 1;
			break;
		case 'u':
			o->user = optarg;
			break;
		case 'V':
			o->version = 1;
			break;
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "complaintd: unexpected argument: %s\n",
		    argv[optind]);
		usage(stderr);
		return -1;
	}
	if (o->user != NULL && !o->check_only) {
		fprintf(stderr, "complaintd: -u goes with -t\n");
		usage(stderr);
		return -1;
	}
	return 0;
}

/*
 * Load the configuration; on any problem print each one (plain for -t,
 * through the log otherwise) and return -1.
 */
static int
load_config(const struct options *o, struct conf **out)
{
	struct conf_diag diag;
	size_t i;
	int rc;

	rc = conf_load(o->conf_path, out, &diag);
	for (i = 0; i < diag.n; i++) {
		if (o->check_only) {
			fprintf(stderr, "%s\n", diag.msgs[i]);
		} else {
			log_errx("%s", diag.msgs[i]);
		}
	}
	conf_diag_free(&diag);
	return rc;
}

/*
 * The templates are configuration too: a missing or misspelt one must be
 * found by -t and at start, not when a complainant is waiting for it.
 */
static int
check_templates(const struct options *o, const struct conf *c)
{
	struct tmplset *ts = NULL;
	const char *langs[8], *p, *nl;
	char err[8192];
	size_t n;

	n = conf_languages(c, langs, 8);
	if (tmplset_load(c->templates_dir, langs, n, &ts, err, sizeof err)
	    == 0) {
		tmplset_free(ts);
		return 0;
	}
	for (p = err; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		nl = nl ? nl : p + strlen(p);
		if (o->check_only) {
			fprintf(stderr, "%.*s\n", (int)(nl - p), p);
		} else {
			log_errx("template %.*s", (int)(nl - p), p);
		}
	}
	return -1;
}

/*
 * -t: can the daemon's user write the database and its directory?  Run
 * as that user (ExecStartPre), access(2) says; run as root, the files'
 * owners and modes are compared with DAEMON_USER (or -u) — a database
 * that root created by hand is found here, not at the first complaint.
 */
static int
check_database(const struct options *o, const struct conf *c)
{
	const char *user = o->user;
	char err[4096];
	int rc;

	if (user == NULL && geteuid() == 0 && getpwnam(DAEMON_USER) != NULL) {
		user = DAEMON_USER;
	}
	rc = dbfile_check_writable(c->database, user, err, sizeof err);
	if (rc == 1) {
		return 0;
	}
	fprintf(stderr, "%s\n", err);
	return -1;
}

int
main(int argc, char **argv)
{
	struct options o = { NULL, 0, 0, 0, 0, NULL };
	struct conf *c = NULL;

	if (parse_options(argc, argv, &o) == -1) {
		return EX_USAGE;
	}
	if (o.help) {
		usage(stdout);
		return EX_OK;
	}
	if (o.version) {
		printf("complaintd %s\n", VERSION);
		return EX_OK;
	}
	log_init(o.debug, "complaintd");
	if (load_config(&o, &c) == -1) {
		return EX_CONFIG;
	}
	if (check_templates(&o, c) == -1) {
		conf_free(c);
		return EX_CONFIG;
	}
	if (o.check_only && check_database(&o, c) == -1) {
		conf_free(c);
		return EX_CONFIG;
	}
	if (o.check_only) {
		printf("configuration OK\n");
		conf_free(c);
		return EX_OK;
	}
	setenv("TZ", c->timezone, 1);
	tzset();
	/* the supervisor owns the configuration from here on */
	return supervisor_run(c, o.conf_path, o.debug);
}
