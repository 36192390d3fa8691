/*
 * ingest.c — `complaintctl ingest`: one message on stdin, from an MTA pipe
 * ("|/usr/local/bin/complaintctl ingest" in /etc/aliases, or a Postfix
 * pipe transport).
 *
 * The MTA only forgets a message when we exit 0, so 0 means it is safe:
 * recorded, recognised as a duplicate, or quarantined with its raw bytes.
 * Anything that might succeed later — a locked or full database, a broken
 * configuration the administrator is fixing, a read error — exits 75
 * (EX_TEMPFAIL) and the MTA tries again.  Only a message larger than
 * limits.max_message_size is refused for good (EX_UNAVAILABLE: the sender
 * gets a bounce with the reason, so nothing vanishes silently): it is
 * read only up to that size, its first PIPELINE_PREFIX bytes (the header,
 * the start of the text) are quarantined so staff see who wrote and about
 * what, and the rest is read and counted, never kept — a 200 MB mail costs
 * max_message_size of memory and 64 KiB of database.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "buf.h"
#include "ctl.h"

static void
ingest_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl ingest [--source NAME] [--quiet]\n\n"
	    "Read one email message on standard input and record it: a new\n"
	    "case, a follow-up, an officer's reply, or an automatic message.\n"
	    "For MTA piping.  Exit status: 0 recorded, duplicate or\n"
	    "quarantined; 75 temporary failure (the MTA should retry).\n\n"
	    "  --source NAME   recorded as the message's source (default "
	    "\"ingest\")\n"
	    "  --quiet         print nothing on success\n");
}

/* Read stdin, keeping at most max bytes; *total counts all of them (more
 * than max: too large, and b holds only the first max).  -1 on a read
 * error. */
static int
ingest_read(struct buf *b, size_t max, size_t *total)
{
	char chunk[65536];
	ssize_t n;
	size_t keep;

	*total = 0;
	for (;;) {
		n = read(STDIN_FILENO, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR) {
			continue;
		}
		if (n == -1) {
			ctl_err("reading the message: %s", strerror(errno));
			return -1;
		}
		if (n == 0) {
			return 0;
		}
		*total += (size_t)n;
		keep = b->len < max ? max - b->len : 0;
		buf_add(b, chunk, (size_t)n < keep ? (size_t)n : keep);
	}
}

/* Too large: the prefix quarantined, the sender told (EX_UNAVAILABLE). */
static int
ingest_oversize(struct ctl *c, const char *source, const struct buf *b,
    size_t total)
{
	struct pipeline_result r;

	if (store_begin(c->st) == -1 || pipeline_quarantine_oversize(c->pl,
	    source, "", b->data, b->len, total, &r) == -1 ||
	    store_commit(c->st) == -1) {
		store_rollback(c->st);
		ctl_err("temporary failure; the message was not recorded and "
		    "should be delivered again");
		return EX_TEMPFAIL;
	}
	ctl_err("message of %zu bytes refused: this complaints service takes "
	    "messages up to %zu bytes (its header is kept as quarantine "
	    "#%lld)", total, c->cf->limits.max_message_size,
	    (long long)r.quarantine_id);
	return EX_UNAVAILABLE;
}

static void
ingest_report(const struct pipeline_result *r, int quiet)
{
	if (quiet) {
		return;
	}
	switch (r->status) {
	case PIPE_RECORDED:
		printf("recorded %s%s%s: %s\n", intake_kind_name(r->kind),
		    r->reference[0] ? " " : "", r->reference, r->why);
		break;
	case PIPE_DUPLICATE:
		printf("duplicate: %s\n", r->why);
		break;
	case PIPE_QUARANTINED:
		printf("quarantined #%lld: %s\n", (long long)r->quarantine_id,
		    r->why);
		break;
	}
}

/* The pipeline failed for a reason retrying cannot fix: keep the bytes. */
static int
ingest_fallback(struct ctl *c, const char *source, const struct buf *b,
    struct pipeline_result *r)
{
	char reason[320];

	snprintf(reason, sizeof reason, "could not be recorded: %s",
	    store_errmsg(c->st));
	if (store_begin(c->st) == -1 || pipeline_quarantine(c->pl, source, "",
	    reason, b->data, b->len, r) == -1 || store_commit(c->st) == -1) {
		store_rollback(c->st);
		return EX_TEMPFAIL;
	}
	return 0;
}

int
cmd_ingest(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pipeline_result r;
	const char *source = "ingest";
	struct buf b;
	size_t total;
	int ch, quiet = 0, rc;

	while ((ch = getopt_long(argc, argv, "s:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			source = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			ingest_usage(stdout);
			return 0;
		default:
			ingest_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		ingest_usage(stderr);
		return EX_USAGE;
	}
	/* the configuration first: it says how much of the message to keep */
	if ((rc = ctl_open(c, CTL_NEED_PIPELINE, 1)) != 0) {
		return rc;
	}
	buf_init(&b);
	if (ingest_read(&b, c->cf->limits.max_message_size, &total) == -1) {
		buf_free(&b);
		return EX_TEMPFAIL;
	}
	if (total > c->cf->limits.max_message_size) {
		rc = ingest_oversize(c, source, &b, total);
		buf_free(&b);
		return rc;
	}
	if (store_begin(c->st) == -1) {
		rc = EX_TEMPFAIL;
	} else if (pipeline_email(c->pl, source, "", b.data, b.len, &r) == -1) {
		store_rollback(c->st);
		rc = r.temporary ? EX_TEMPFAIL : ingest_fallback(c, source, &b,
		    &r);
	} else if (store_commit(c->st) == -1) {
		rc = EX_TEMPFAIL;
	} else {
		rc = 0;
	}
	if (rc == 0) {
		ingest_report(&r, quiet);
	} else if (rc == EX_TEMPFAIL) {
		ctl_err("temporary failure; the message was not recorded and "
		    "should be delivered again");
	}
	buf_free(&b);
	return rc;
}
