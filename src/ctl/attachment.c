/*
 * attachment.c — `complaintctl attachment ID [-o FILE]`: an attachment's
 * bytes, exactly as received (the ids are in `complaintctl show REF`).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ctl.h"

struct att_out {
	FILE	*f;
	int	 failed;
};

static void
attachment_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl attachment ID [-o FILE]\n\n"
	    "Write the bytes of attachment ID (see 'complaintctl show REF')\n"
	    "to FILE, or to standard output.\n");
}

static void
attachment_write(void *arg, const char *filename, const char *type,
    const void *data, size_t len)
{
	struct att_out *o = arg;

	(void)filename;
	(void)type;
	if (fwrite(data, 1, len, o->f) != len || fflush(o->f) != 0) {
		o->failed = 1;
	}
}

int
cmd_attachment(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct att_out o = { stdout, 0 };
	const char *out = NULL;
	char *end;
	long long id;
	int ch, rc, r;

	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 'h':
			attachment_usage(stdout);
			return 0;
		default:
			attachment_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind + 1 != argc || (id = strtoll(argv[optind], &end, 10)) <= 0 ||
	    *end != '\0') {
		attachment_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	if (out != NULL && (o.f = fopen(out, "wb")) == NULL) {
		ctl_err("%s: %s", out, strerror(errno));
		return EX_CANTCREAT;
	}
	r = store_attachment_data(c->st, id, attachment_write, &o);
	if (out != NULL && fclose(o.f) != 0) {
		o.failed = 1;
	}
	if (r == 0) {
		ctl_err("no attachment #%lld", id);
		return EX_NOINPUT;
	}
	if (r == -1) {
		return ctl_store_exit(c->st);
	}
	if (o.failed) {
		ctl_err("writing the attachment failed");
		return EX_IOERR;
	}
	return 0;
}
