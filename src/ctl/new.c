/*
 * new.c — `complaintctl new`: staff enter a complaint that did not come by
 * email or SMS (a call, a visitor, a letter, a note from the suggestion
 * box, a meeting, social media).  The case belongs to the complainant
 * named (name, phone and email all optional: an anonymous note has
 * none), is opened through casework_open() like every other case, and
 * the entering officer (or admin) is its history's actor.  Scanned
 * letters and photos of paper forms come with --attach.
 *
 * Attachments are read with the rights of the user running the command
 * (officers run complaintctl as themselves, see README): only regular
 * files, at most max_message_size together.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "casework.h"
#include "ctl.h"
#include "lang.h"
#include "entry.h"
#include "json.h"
#include "sha256.h"
#include "xmalloc.h"

#define NEW_MAX_ATTACH	16

static void
new_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl new --channel CHANNEL --subject TEXT "
	    "[--name NAME] [--phone NUMBER]\n"
	    "           [--email ADDRESS] [--text TEXT] [--received "
	    "\"YYYY-MM-DD HH:MM\"]\n"
	    "           [--category CATEGORY] [--attach FILE]... [--as "
	    "OFFICER] [--json]\n"
	    "           [--language id|en] [--confidential]\n\n"
	    "Record a complaint staff took in.  CHANNEL: phone, walk-in, "
	    "letter, box\n(suggestion box), meeting or social.  The text is "
	    "--text, or standard\ninput.  The complainant's name, phone and "
	    "email are each optional; the\nacknowledgement goes to whatever "
	    "contact there is (SMS for a phone\nnumber).  Without --category "
	    "the routing rules decide.  Prints the\ncase's reference.  "
	    "--language: the complainant is written to in\nIndonesian or "
	    "English (default: the language of the text).\n--confidential: "
	    "the complainant asked for their identity to be kept\nfrom the "
	    "officers.\n");
}

struct new_opts {
	struct entry_in		 in;
	const char		*attach[NEW_MAX_ATTACH];
	size_t			 nattach;
	const char		*as;
	int			 json;
	const char		*language;	/* NULL: from the words */
	int			 confidential;
};

struct new_files {
	struct store_attachment_new	 att[NEW_MAX_ATTACH];
	char				 hash[NEW_MAX_ATTACH][65];
	char				*data[NEW_MAX_ATTACH];
	char				*name[NEW_MAX_ATTACH];
	size_t				 n;
};

static const char *
new_content_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".png", "image/png" }, { ".pdf", "application/pdf" },
		{ ".txt", "text/plain" }, { ".heic", "image/heic" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot != NULL && i < sizeof types / sizeof types[0]; i++) {
		if (strcasecmp(dot, types[i].ext) == 0) {
			return types[i].type;
		}
	}
	return "application/octet-stream";
}

/* One file's bytes: a regular file, within what is left of max. */
static int
new_read(const char *path, size_t *left, char **data, size_t *len)
{
	struct stat st;
	struct buf b;
	char chunk[8192];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1) {
		ctl_err("--attach %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > *left) {
		ctl_err("--attach %s: not a regular file, or larger than "
		    "max_message_size allows", path);
		close(fd);
		return -1;
	}
	buf_init(&b);
	while ((n = read(fd, chunk, sizeof chunk)) > 0 && b.len <= *left) {
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	if (n < 0 || b.len > *left) {
		ctl_err("--attach %s: cannot read it whole", path);
		buf_free(&b);
		return -1;
	}
	*left -= b.len;
	*len = b.len;
	*data = buf_steal(&b);
	return 0;
}

static int
new_files_read(const struct ctl *c, const struct new_opts *o,
    struct new_files *f)
{
	size_t left = c->cf->limits.max_message_size, len, i;
	char *copy;

	for (i = 0; i < o->nattach; i++) {
		if (new_read(o->attach[i], &left, &f->data[i], &len) == -1) {
			return -1;
		}
		copy = xstrdup(o->attach[i]);
		f->name[i] = xstrdup(basename(copy));
		free(copy);
		sha256_hex(f->data[i], len, f->hash[i]);
		f->att[i].filename = f->name[i];
		f->att[i].content_type = new_content_type(f->name[i]);
		f->att[i].size = len;
		f->att[i].sha256 = f->hash[i];
		f->att[i].data = f->data[i];
		f->n++;
	}
	return 0;
}

static void
new_files_free(struct new_files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->data[i]);
		free(f->name[i]);
	}
}

static void
new_print(const struct new_opts *o, const struct case_brief *c)
{
	struct json j;

	if (!o->json) {
		printf("%s\n", c->reference);
		return;
	}
	json_init(&j);
	json_object_begin(&j);
	json_kv_string(&j, "reference", c->reference);
	json_kv_string(&j, "channel", c->channel);
	json_kv_string(&j, "category", c->category);
	json_kv_string(&j, "status", c->status);
	json_object_end(&j);
	ctl_json_print(&j);
	json_free(&j);
}

/* Open the case in one transaction. */
static int
new_open(struct ctl *c, const struct new_opts *o, const struct entry *e,
    const struct new_files *f)
{
	const struct conf_officer *off;
	struct store_message_new sm;
	struct casework_opening op;
	struct casework_opened out;
	char actor[96], how[200];
	int rc;

	if ((rc = ctl_who(c, o->as, actor, sizeof actor, &off)) != 0) {
		return rc;
	}
	snprintf(how, sizeof how, "received by %s, entered by %s with "
	    "complaintctl", e->channel, actor);
	memset(&sm, 0, sizeof sm);
	sm.channel = e->channel;
	sm.source = "complaintctl";
	sm.kind = "staff_entry";
	sm.sender = actor;
	sm.sender_name = off ? off->name : NULL;
	sm.subject = e->subject;
	sm.received = time(NULL);
	sm.date = e->received;
	sm.body = e->text;
	sm.full_body = e->text;
	sm.att = f->att;
	sm.natt = f->n;
	memset(&op, 0, sizeof op);
	op.channel = e->channel;
	op.source = "complaintctl";
	op.actor = actor;
	op.how = how;
	op.email = e->email;
	op.phone = e->phone;
	op.name = e->name;
	op.subject = e->subject;
	op.text = e->text;
	op.category = e->category;
	op.sender = e->email;
	op.received = e->received ? e->received : time(NULL);
	op.acknowledge = 1;
	op.msg = &sm;
	op.language = o->language;
	op.confidential = o->confidential;
	if (store_begin(c->st) == -1) {
		return ctl_store_exit(c->st);
	}
	if (casework_open(pipeline_casework(c->pl), &op, &out) == -1 ||
	    store_commit(c->st) == -1) {
		store_rollback(c->st);
		return ctl_store_exit(c->st);
	}
	new_print(o, &out.c);
	return 0;
}

static char *
new_stdin(void)
{
	struct buf b;
	char chunk[4096];
	size_t n;

	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		buf_add(&b, chunk, n);
	}
	return buf_steal(&b);
}

/* The options that fill in a field of the entry; -1 for any other. */
static int
new_field(struct new_opts *o, int ch, const char *v)
{
	static const struct {
		int	ch;
		size_t	off;
	} fields[] = {
		{ 'c', offsetof(struct entry_in, channel) },
		{ 'n', offsetof(struct entry_in, name) },
		{ 'p', offsetof(struct entry_in, phone) },
		{ 'e', offsetof(struct entry_in, email) },
		{ 's', offsetof(struct entry_in, subject) },
		{ 't', offsetof(struct entry_in, text) },
		{ 'r', offsetof(struct entry_in, received) },
		{ 'k', offsetof(struct entry_in, category) },
	};
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (fields[i].ch == ch) {
			*(const char **)((char *)&o->in + fields[i].off) = v;
			return 0;
		}
	}
	return -1;
}

static int
new_options(int argc, char **argv, struct new_opts *o)
{
	static const struct option longopts[] = {
		{ "channel", required_argument, NULL, 'c' },
		{ "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "email", required_argument, NULL, 'e' },
		{ "subject", required_argument, NULL, 's' },
		{ "text", required_argument, NULL, 't' },
		{ "received", required_argument, NULL, 'r' },
		{ "category", required_argument, NULL, 'k' },
		{ "attach", required_argument, NULL, 'f' },
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "language", required_argument, NULL, 'L' },
		{ "confidential", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			o->json = 1;
			break;
		case 'a':
			o->as = optarg;
			break;
		case 'L':
			if ((o->language = lang_name(optarg)) == NULL) {
				ctl_err("--language %s: say id (Indonesian) "
				    "or en (English)", optarg);
				return EX_USAGE;
			}
			break;
		case 'P':
			o->confidential = 1;
			break;
		case 'f':
			if (o->nattach == NEW_MAX_ATTACH) {
				ctl_err("at most %d --attach", NEW_MAX_ATTACH);
				return EX_USAGE;
			}
			o->attach[o->nattach++] = optarg;
			break;
		case 'h':
			new_usage(stdout);
			return 0;
		default:
			if (new_field(o, ch, optarg) == -1) {
				new_usage(stderr);
				return EX_USAGE;
			}
		}
	}
	if (optind != argc || o->in.channel == NULL || o->in.subject == NULL) {
		new_usage(stderr);
		return EX_USAGE;
	}
	return -1;
}

int
cmd_new(struct ctl *c, int argc, char **argv)
{
	struct new_opts o;
	struct new_files f;
	struct entry e;
	char err[320], *input = NULL, *text = NULL;
	int rc;

	memset(&o, 0, sizeof o);
	memset(&f, 0, sizeof f);
	memset(&e, 0, sizeof e);
	if ((rc = new_options(argc, argv, &o)) != -1) {
		return rc;
	}
	if ((rc = ctl_open(c, CTL_NEED_PIPELINE, 0)) != 0) {
		return rc;
	}
	if (o.in.text == NULL) {
		o.in.text = input = new_stdin();
	}
	if ((text = ctl_text("complaint's text", o.in.text)) == NULL) {
		rc = EX_DATAERR;
		goto out;
	}
	o.in.text = text;
	if (entry_make(c->cf, &o.in, "en", &e, err, sizeof err) == -1) {
		ctl_err("%s", err);
		rc = EX_DATAERR;
		goto out;
	}
	rc = new_files_read(c, &o, &f) == -1 ? EX_NOINPUT :
	    new_open(c, &o, &e, &f);
out:
	entry_free(&e);
	new_files_free(&f);
	free(input);
	free(text);
	return rc;
}
