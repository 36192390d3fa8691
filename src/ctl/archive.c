/*
 * archive.c — `complaintctl archive [--dry-run] [--json] [--at TIME]`:
 * retention by hand (archive_run.h), the same work the procedure clock
 * does a batch a tick, for every case due at once.  One line per case
 * (what moved, bytes before and after, into which file), then the
 * totals.  Without a retention setting it archives nothing and says so.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "archive_run.h"
#include "calendar.h"
#include "ctl.h"
#include "json.h"

struct arch_out {
	struct json	*j;
	int		 dry;
};

static void
archive_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl archive [--dry-run] [--json] "
	    "[--at TIME]\n\n"
	    "Move the raw bytes of the messages and the attachments of "
	    "cases\nclosed more than retention.archive_after_years ago "
	    "into the\ncompressed archive files under retention.archive_dir "
	    "(the daemon\ndoes the same, a batch every half minute).  "
	    "Nothing is deleted;\ncomplaintctl reads archived bytes back.\n\n"
	    "  --dry-run  say what would move, move nothing\n"
	    "  --json     one JSON object\n"
	    "  --at       as of TIME, \"YYYY-MM-DD HH:MM\" in the configured\n"
	    "             zone (default: now)\n");
}

static int
archive_print(void *arg, const struct archive_done *d)
{
	struct arch_out *o = arg;
	char when[32];

	calendar_format_local((time_t)d->closed_at, when, sizeof when);
	if (o->j != NULL) {
		json_object_begin(o->j);
		json_kv_string(o->j, "reference", d->reference);
		json_kv_time(o->j, "closed_at", d->closed_at);
		json_kv_string(o->j, "file", d->file);
		json_kv_int(o->j, "messages", d->messages);
		json_kv_int(o->j, "attachments", d->attachments);
		json_kv_int(o->j, "bytes_before", d->before);
		json_kv_int(o->j, "bytes_after", d->after);
		json_object_end(o->j);
		return 0;
	}
	printf("%-17s closed %s  %d message(s), %d attachment(s): %lld "
	    "bytes -> %lld in %s\n", d->reference, when, d->messages,
	    d->attachments, (long long)d->before, (long long)d->after,
	    d->file);
	return 0;
}

static void
archive_summary(const struct arch_out *o, const struct archive_totals *t)
{
	if (o->j != NULL) {
		json_array_end(o->j);
		json_kv_int(o->j, "case_count", t->cases);
		json_kv_int(o->j, "messages", t->messages);
		json_kv_int(o->j, "attachments", t->attachments);
		json_kv_int(o->j, "bytes_before", t->before);
		json_kv_int(o->j, "bytes_after", t->after);
		json_object_end(o->j);
		ctl_json_print(o->j);
		return;
	}
	printf("%d case(s) %s: %d message(s), %d attachment(s), %lld bytes "
	    "-> %lld\n", t->cases, o->dry ? "would be archived" : "archived",
	    t->messages, t->attachments, (long long)t->before,
	    (long long)t->after);
}

/* Nothing to do without the setting: said, on stdout, exit 0. */
static int
archive_unset(struct ctl *c, int json)
{
	const char *why = "nothing archived: no retention setting "
	    "(retention = { archive_after_years = N; archive_dir = "
	    "\"...\"; })";
	struct json j;

	if (!json) {
		printf("%s in %s\n", why, c->conf_path);
		return 0;
	}
	json_init(&j);
	json_object_begin(&j);
	json_kv_string(&j, "not_configured", why);
	json_kv_int(&j, "case_count", 0);
	json_object_end(&j);
	ctl_json_print(&j);
	json_free(&j);
	return 0;
}

static int
archive_go(struct ctl *c, int dry, int json, time_t at)
{
	struct archive_totals t;
	struct arch_out o = { NULL, dry };
	struct json j;
	char err[1024];
	int rc;

	memset(&t, 0, sizeof t);
	if (json) {
		json_init(&j);
		json_object_begin(&j);
		json_key(&j, "dry_run");
		json_bool(&j, dry);
		json_key(&j, "cases");
		json_array_begin(&j);
		o.j = &j;
	}
	rc = archive_run(&c->cf->retention, c->st, at, 1 << 30, dry,
	    archive_print, &o, &t, err, sizeof err);
	if (rc == 0) {
		archive_summary(&o, &t);
	} else {
		ctl_err("archive: %s", err);
	}
	if (json) {
		json_free(&j);
	}
	if (rc == -1) {
		return store_temporary(c->st) ? EX_TEMPFAIL : EX_IOERR;
	}
	return 0;
}

int
cmd_archive(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "at", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *at_text = NULL;
	char err[256];
	int ch, rc, dry = 0, json = 0;
	time_t at = time(NULL);

	while ((ch = getopt_long(argc, argv, "nja:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			dry = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'a':
			at_text = optarg;
			break;
		case 'h':
			archive_usage(stdout);
			return 0;
		default:
			archive_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		archive_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | (dry ? CTL_READ_ONLY : 0),
	    0)) != 0) {
		return rc;
	}
	if (at_text != NULL && calendar_parse_local(at_text, &at, err,
	    sizeof err) == -1) {
		ctl_err("--at: %s", err);
		return EX_USAGE;
	}
	if (c->cf->retention.archive_dir == NULL) {
		return archive_unset(c, json);
	}
	return archive_go(c, dry, json, at);
}
