/*
 * complaintd.c — the daemon's entry point: options, configuration, then the
 * supervisor (not written yet).
 *
 * Exit statuses follow sysexits(3): 64 (EX_USAGE) for a bad command line,
 * 78 (EX_CONFIG) for a configuration with any problem, 70 (EX_SOFTWARE)
 * while the daemon itself is missing.  With -t the configuration is only
 * checked: every problem is printed on stderr as "FILE:LINE: message" (the
 * form editors jump to), and "configuration OK" on stdout when there is none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"

struct options {
	const char	*conf_path;
	int		 check_only;	/* -t */
	int		 debug;		/* -d */
	int		 help;		/* -h */
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: complaintd [-dht] [-c file]\n"
	    "  -c file  configuration (default %s)\n"
	    "  -d       log debug messages\n"
	    "  -h       show this help\n"
	    "  -t       check the configuration and exit\n",
	    CONF_DEFAULT_PATH);
}

/* 0, or -1 after printing the usage. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	int ch;

	o->conf_path = CONF_DEFAULT_PATH;
	while ((ch = getopt(argc, argv, "c:dht")) != -1) {
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
		case 't':
			o->check_only = 1;
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

/* The supervisor goes here: it forks the workers and runs until told to
 * stop.  Returns the exit status. */
static int
run_daemon(const struct conf *c)
{
	(void)c;
	log_errx("the daemon is not implemented yet");
	return EX_SOFTWARE;
}

int
main(int argc, char **argv)
{
	struct options o = { NULL, 0, 0, 0 };
	struct conf *c = NULL;
	int rc;

	if (parse_options(argc, argv, &o) == -1) {
		return EX_USAGE;
	}
	if (o.help) {
		usage(stdout);
		return EX_OK;
	}
	log_init(o.debug, "complaintd");
	if (load_config(&o, &c) == -1) {
		return EX_CONFIG;
	}
	if (o.check_only) {
		printf("configuration OK\n");
		rc = EX_OK;
	} else {
		rc = run_daemon(c);
	}
	conf_free(c);
	return rc;
}
