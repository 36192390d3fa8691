/*
 * report.c — `complaintctl report`: the recap of a period for management
 * review, as text, JSON, CSV (the figures) or one HTML page (report.h has
 * what each figure means, recap.h how it is made).  Only reads.
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

#define REPORT_CASES	200	/* cases listed unless --cases says */

static void
report_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl report [--from YYYY-MM-DD --to "
	    "YYYY-MM-DD | --period P]\n"
	    "                          [--category ID] [--channel CH] "
	    "[--officer ID]\n"
	    "                          [--format text|json|csv|html] [-o "
	    "FILE] [--lang id|en]\n"
	    "                          [--trend week|month] [--cases N]\n\n"
	    "  --from, --to  the first and last day of the period\n"
	    "  --period      this-week, last-week, last-2-weeks, this-month "
	    "(default),\n"
	    "                last-month, this-quarter, last-quarter, "
	    "this-year,\n"
	    "                last-year, today, yesterday, 2026, 2026-Q3, "
	    "2026-11, 2026-W49\n"
	    "  --category, --channel, --officer  only those cases\n"
	    "  --format      text (default), json, csv (the figures) or "
	    "html (one page\n"
	    "                with charts, printable on A4)\n"
	    "  -o, --output  write to FILE instead of standard output\n"
	    "  --lang        the report's language (default: the "
	    "configuration's)\n"
	    "  --trend       the trend by week or by month (default: weeks "
	    "for up to\n"
	    "                92 days)\n"
	    "  --cases       list at most N cases (default %d; 0: none); "
	    "`complaintctl\n"
	    "                export` writes them all\n", REPORT_CASES);
}

struct report_opts {
	const char	*from, *to, *period, *format, *output, *lang;
	struct report_params p;
};

static int
report_opt(struct report_opts *o, int ch)
{
	char *end;

	switch (ch) {
	case 'F': o->from = optarg; break;
	case 'T': o->to = optarg; break;
	case 'P': o->period = optarg; break;
	case 'C': o->p.category = optarg; break;
	case 'N': o->p.channel = optarg; break;
	case 'O': o->p.officer = optarg; break;
	case 'f': o->format = optarg; break;
	case 'o': o->output = optarg; break;
	case 'L': o->lang = optarg; break;
	case 'W':
		if (strcmp(optarg, "week") != 0 && strcmp(optarg, "month")
		    != 0) {
			ctl_err("--trend: \"week\" or \"month\"");
			return EX_USAGE;
		}
		o->p.trend = optarg[0] == 'w' ? 'w' : 'm';
		break;
	case 'n':
		o->p.list_max = (int)strtol(optarg, &end, 10);
		if (*end != '\0' || o->p.list_max < 0) {
			ctl_err("--cases needs a number");
			return EX_USAGE;
		}
		break;
	default:
		report_usage(stderr);
		return EX_USAGE;
	}
	return -1;
}

/* The period and the choices that need no configuration. */
static int
report_check(struct report_opts *o)
{
	if ((o->from != NULL) != (o->to != NULL) || (o->from != NULL &&
	    o->period != NULL)) {
		ctl_err("give --from and --to together, or --period");
		return EX_USAGE;
	}
	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0 &&
	    strcmp(o->format, "csv") != 0 && strcmp(o->format, "html") != 0) {
		ctl_err("--format: text, json, csv or html");
		return EX_USAGE;
	}
	if (o->lang != NULL && strcmp(o->lang, "id") != 0 &&
	    strcmp(o->lang, "en") != 0) {
		ctl_err("--lang: id or en");
		return EX_USAGE;
	}
	return -1;
}

/* The period, in the configured zone (after ctl_open). */
int
ctl_period(const char *from, const char *to, const char *period,
    time_t now, struct report_period *p)
{
	char err[512];

	if (from != NULL && report_period_dates(from, to, p, err,
	    sizeof err) == -1) {
		ctl_err("--from/--to: %s", err);
		return EX_USAGE;
	}
	if (from == NULL && report_period_parse(period ? period :
	    "this-month", now, p, err, sizeof err) == -1) {
		ctl_err("--period: %s", err);
		return EX_USAGE;
	}
	return 0;
}

/* Write b to -o FILE or stdout. */
int
ctl_write_out(const char *path, const struct buf *b)
{
	FILE *f = path != NULL ? fopen(path, "w") : stdout;

	if (f == NULL) {
		ctl_err("%s: %s", path, strerror(errno));
		return EX_CANTCREAT;
	}
	if (fwrite(b->data, 1, b->len, f) != b->len || fflush(f) != 0 ||
	    (path != NULL && fclose(f) != 0)) {
		ctl_err("%s: %s", path ? path : "standard output",
		    strerror(errno));
		return EX_IOERR;
	}
	return 0;
}

static int
report_run(struct ctl *c, struct report_opts *o)
{
	struct calendar *cal;
	struct report *r = NULL;
	struct buf b;
	char err[4096];
	int rc;

	o->p.now = time(NULL);
	o->p.lang = o->lang ? o->lang : c->cf->language;
	if ((rc = ctl_period(o->from, o->to, o->period, o->p.now,
	    &o->p.period)) != 0) {
		return rc;
	}
	if ((cal = sla_calendar_new(c->cf, err, sizeof err)) == NULL) {
		ctl_err("the working calendar: %s", err);
		return EX_CONFIG;
	}
	if (recap_build(c->cf, c->st, cal, &o->p, &r) == -1) {
		calendar_free(cal);
		return ctl_store_exit(c->st);
	}
	buf_init(&b);
	recap_render(r, o->format, &b);
	rc = ctl_write_out(o->output, &b);
	buf_free(&b);
	report_free(r);
	calendar_free(cal);
	return rc;
}

int
cmd_report(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "period", required_argument, NULL, 'P' },
		{ "category", required_argument, NULL, 'C' },
		{ "channel", required_argument, NULL, 'N' },
		{ "officer", required_argument, NULL, 'O' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'L' },
		{ "trend", required_argument, NULL, 'W' },
		{ "cases", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts o;
	int ch, rc;

	memset(&o, 0, sizeof o);
	o.format = "text";
	o.p.list_max = REPORT_CASES;
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (ch == 'h') {
			report_usage(stdout);
			return 0;
		}
		if ((rc = report_opt(&o, ch)) != -1) {
			return rc;
		}
	}
	if (optind != argc) {
		report_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = report_check(&o)) != -1) {
		return rc;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	return report_run(c, &o);
}
