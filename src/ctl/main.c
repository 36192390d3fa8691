/*
 * main.c — complaintctl: the officers' and administrators' tool.  Parses
 * the global options, then hands over to one command (one file each).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "ctl.h"
#include "conf_load.h"
#include "log.h"

static const struct {
	const char	*name;
	int		(*fn)(struct ctl *, int, char **);
	const char	*summary;
} commands[] = {
	{ "ingest", cmd_ingest, "record one message read from stdin (MTA pipe)" },
	{ "list", cmd_list, "list cases, with filters" },
	{ "show", cmd_show, "show a case: history, messages, outgoing mail" },
	{ "new", cmd_new, "record a complaint taken by phone, in person, by "
	    "letter, ..." },
	{ "resolve", cmd_resolve, "resolve a case and answer the complainant" },
	{ "reply", cmd_reply, "an interim update to the complainant" },
	{ "note", cmd_note, "an internal note on a case" },
	{ "assign", cmd_assign, "hand a case over to another officer (or "
	    "--add one)" },
	{ "reject", cmd_reject, "reject a case, with the reason" },
	{ "recategorise", cmd_recategorise, "move a case to another "
	    "category" },
	{ "reopen", cmd_reopen, "reopen a resolved, closed or rejected case" },
	{ "priority", cmd_priority, "set a case's priority" },
	{ "language", cmd_language, "the language a complainant is written to" },
	{ "confidential", cmd_confidential, "mark a case confidential, or "
	    "not" },
	{ "merge", cmd_merge, "merge a duplicate into another case" },
	{ "close", cmd_close, "close a case, with the reason" },
	{ "drafts", cmd_drafts, "answers waiting for approval" },
	{ "approve", cmd_approve, "approve an answer waiting for approval "
	    "(as written or edited)" },
	{ "return", cmd_return, "return an answer waiting for approval to "
	    "its author, with a comment" },
	{ "officers", cmd_officers, "the officers: ids, categories, "
	    "coordinators" },
	{ "quarantine", cmd_quarantine, "messages that could not be processed" },
	{ "outbox", cmd_outbox, "outgoing mail and SMS: list, show, retry" },
	{ "unfiled", cmd_unfiled, "messages recorded on no case (automatic, "
	    "bounces, officers' mail naming no case)" },
	{ "status", cmd_status, "the daemon, open and overdue cases, modems, "
	    "IMAP accounts, the outbox" },
	{ "attachment", cmd_attachment, "write an attachment's bytes" },
	{ "archive", cmd_archive, "move old closed cases' raw bytes to the "
	    "archive files (retention)" },
	{ "ask", cmd_ask, "ask the complainant for information (the case "
	    "waits on them)" },
	{ "timers", cmd_timers, "the procedure clock: run a tick, list what "
	    "is next" },
	{ "report", cmd_report, "the recap of a period for management review "
	    "(text, JSON, CSV, HTML)" },
	{ "export", cmd_export, "the cases of a period as CSV for a "
	    "spreadsheet" },
	{ "cpar", cmd_cpar, "corrective and preventive actions (Laporan "
	    "Ketidaksesuaian)" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: complaintctl [-dhV] [-c FILE] COMMAND [ARGS]\n\n"
	    "  -c FILE   configuration (default %s,\n"
	    "            or $COMPLAINTD_CONF)\n"
	    "  -d        debug output\n"
	    "  -h        this help (also --help)\n"
	    "  -V        the version (also --version)\n\ncommands:\n",
	    CONF_DEFAULT_PATH);
	for (i = 0; i < NCOMMANDS; i++) {
		fprintf(f, "  %-13s %s\n", commands[i].name,
		    commands[i].summary);
	}
	fprintf(f, "\n'complaintctl COMMAND --help' describes a command.\n");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "config", required_argument, NULL, 'c' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static char outbuf[CTL_OUTBUF];
	struct ctl ctl;
	size_t i;
	int ch, rc;

	memset(&ctl, 0, sizeof ctl);
	/* a page of a listing fits in the buffer: output blocks only
	 * between pages (see store_set_pause) */
	if (!isatty(STDOUT_FILENO)) {
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	}
	ctl.conf_path = getenv("COMPLAINTD_CONF");
	if (ctl.conf_path == NULL || *ctl.conf_path == '\0') {
		ctl.conf_path = CONF_DEFAULT_PATH;
	}
	while ((ch = getopt_long(argc, argv, "+c:dhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			ctl.conf_path = optarg;
			break;
		case 'd':
			ctl.debug = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("complaintctl %s\n", VERSION);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	log_init(ctl.debug, "complaintctl");
	log_set_plain(1);
	if (argc == 0) {
		usage(stderr);
		return EX_USAGE;
	}
	if (strcmp(argv[0], "help") == 0 && argc == 1) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[0], commands[i].name) == 0) {
			optind = 0;	/* glibc: re-initialise (permute again) */
			rc = commands[i].fn(&ctl, argc, argv);
			ctl_close(&ctl);
			return rc;
		}
	}
	ctl_err("unknown command '%s' (see complaintctl --help)", argv[0]);
	return EX_USAGE;
}
