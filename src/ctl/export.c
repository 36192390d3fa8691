/*
 * export.c — `complaintctl export`: the cases of a period as CSV that
 * spreadsheet software opens as it should (export.h has the columns,
 * csv.h the rules: RFC 4180, UTF-8, an optional byte-order mark, values
 * that would be formulas kept as text).  Written as it is read, so a year
 * of cases does not sit in memory.  Only reads.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "ctl.h"
#include "recap.h"
#include "sla.h"

static void
export_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl export [--from YYYY-MM-DD --to "
	    "YYYY-MM-DD | --period P]\n"
	    "                          [--category ID] [--channel CH] "
	    "[--officer ID]\n"
	    "                          [--format csv] [--bom] [-o FILE] "
	    "[--lang id|en]\n\n"
	    "  --from, --to  the first and last day of the period (the days "
	    "the cases\n"
	    "                were received)\n"
	    "  --period      as for complaintctl report (default "
	    "this-month)\n"
	    "  --category, --channel, --officer  only those cases\n"
	    "  --format      csv (the only one)\n"
	    "  --bom         start with a UTF-8 byte-order mark (for "
	    "spreadsheet\n"
	    "                software that guesses the encoding otherwise)\n"
	    "  -o, --output  write to FILE instead of standard output\n"
	    "  --lang        headings and words in id or en (default: the "
	    "configuration's)\n");
}

struct export_opts {
	const char	*from, *to, *period, *output, *lang;
	struct recap_export e;
};

static int
export_opt(struct export_opts *o, int ch)
{
	switch (ch) {
	case 'F': o->from = optarg; break;
	case 'T': o->to = optarg; break;
	case 'P': o->period = optarg; break;
	case 'C': o->e.category = optarg; break;
	case 'N': o->e.channel = optarg; break;
	case 'O': o->e.officer = optarg; break;
	case 'o': o->output = optarg; break;
	case 'L': o->lang = optarg; break;
	case 'B': o->e.bom = 1; break;
	case 'f':
		if (strcmp(optarg, "csv") != 0) {
			ctl_err("--format: csv is the only export format");
			return EX_USAGE;
		}
		break;
	default:
		export_usage(stderr);
		return EX_USAGE;
	}
	return -1;
}

static int
export_run(struct ctl *c, struct export_opts *o)
{
	struct calendar *cal;
	struct buf b;
	char err[4096];
	FILE *f;
	int rc = 0;

	o->e.now = time(NULL);
	o->e.lang = o->lang ? o->lang : c->cf->language;
	if ((rc = ctl_period(o->from, o->to, o->period, o->e.now,
	    &o->e.period)) != 0) {
		return rc;
	}
	if ((cal = sla_calendar_new(c->cf, err, sizeof err)) == NULL) {
		ctl_err("the working calendar: %s", err);
		return EX_CONFIG;
	}
	if ((f = o->output ? fopen(o->output, "w") : stdout) == NULL) {
		ctl_err("%s: %s", o->output, strerror(errno));
		calendar_free(cal);
		return EX_CANTCREAT;
	}
	buf_init(&b);
	errno = 0;
	if (recap_export(c->cf, c->st, cal, &o->e, &b, f) == -1) {
		rc = errno ? EX_IOERR : ctl_store_exit(c->st);
		if (errno) {
			ctl_err("%s: %s", o->output ? o->output :
			    "standard output", strerror(errno));
		}
	}
	if ((fflush(f) != 0 || (o->output && fclose(f) != 0)) && rc == 0) {
		ctl_err("%s: %s", o->output ? o->output : "standard output",
		    strerror(errno));
		rc = EX_IOERR;
	}
	buf_free(&b);
	calendar_free(cal);
	return rc;
}

int
cmd_export(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "period", required_argument, NULL, 'P' },
		{ "category", required_argument, NULL, 'C' },
		{ "channel", required_argument, NULL, 'N' },
		{ "officer", required_argument, NULL, 'O' },
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'B' },
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct export_opts o;
	int ch, rc;

	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (ch == 'h') {
			export_usage(stdout);
			return 0;
		}
		if ((rc = export_opt(&o, ch)) != -1) {
			return rc;
		}
	}
	if (optind != argc || (o.from != NULL) != (o.to != NULL) ||
	    (o.from != NULL && o.period != NULL)) {
		export_usage(stderr);
		return EX_USAGE;
	}
	if (o.lang != NULL && strcmp(o.lang, "id") != 0 &&
	    strcmp(o.lang, "en") != 0) {
		ctl_err("--lang: id or en");
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	return export_run(c, &o);
}
