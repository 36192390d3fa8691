/*
 * fuzz_mailout.c — libFuzzer target for writing an outgoing mail from
 * what complainants wrote: their name, their subject, the reference, the
 * text, threading ids (mailout.c: RFC 2047 encoding, folding, quoted-
 * printable).  The input holds the fields, NUL-separated.  Aborts when
 * the header could carry a field we did not write (a CR or LF let
 * through), a line is longer than RFC 5322 allows, or a line ends other
 * than with CRLF.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mailout.h"
#include "mime.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const fields[] = {
	"Date", "From", "To", "Reply-To", "Subject", "Message-ID",
	"In-Reply-To", "References", "Auto-Submitted",
	"X-Auto-Response-Suppress", MIME_LOOP_HEADER, "MIME-Version",
	"Content-Type", "Content-Transfer-Encoding",
};

/* A header line that starts a field: one of ours, once (but a multipart
 * body's own Content-Type lines come after the header). */
static void
check_field(const char *line, size_t n, unsigned *seen)
{
	size_t i, k;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		k = strlen(fields[i]);
		if (n > k && strncasecmp(line, fields[i], k) == 0 &&
		    line[k] == ':') {
			if (*seen & (1u << i)) {
				abort();	/* the same field twice */
			}
			*seen |= 1u << i;
			return;
		}
	}
	abort();			/* a field we never write */
}

static void
check(const char *m, size_t len)
{
	const char *p = m, *end = m + len, *nl;
	unsigned seen = 0;
	int header = 1;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL || nl == p || nl[-1] != '\r' ||
		    memchr(p, '\r', (size_t)(nl - 1 - p)) != NULL ||
		    nl - p - 1 > 998) {
			abort();	/* bare CR/LF, a line too long */
		}
		if (nl - 1 == p) {
			header = 0;	/* the empty line */
		} else if (header && *p != ' ' && *p != '\t') {
			check_field(p, (size_t)(nl - 1 - p), &seen);
		}
		p = nl + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *f[7] = { "", "", "", "", "", NULL, NULL };
	char *copy = malloc(n + 1), *p, *out = NULL, err[256];
	struct mailout m;
	size_t len, i;

	memcpy(copy, d, n);
	copy[n] = '\0';
	for (i = 0, p = copy; i < 7 && p < copy + n; i++) {
		f[i] = p;
		p += strlen(p) + 1;
	}
	memset(&m, 0, sizeof m);
	m.from = "pengaduan@smkn1.sch.id";
	m.from_name = f[0];
	m.to = "budi@example.org";
	m.to_name = f[1];
	m.reply_to = "pengaduan+3f9c@smkn1.sch.id";
	m.subject = f[2];
	m.reference = f[3];
	m.message_id = "KEL-2026-000042.ack.7f3a@smkn1.sch.id";
	m.in_reply_to = f[5];
	m.references = f[6];
	m.auto_submitted = "auto-replied";
	m.loop = "smkn1.sch.id";
	m.text = f[4];
	m.html = n > 0 && d[0] & 1 ? f[4] : NULL;
	m.date = 1795399200;
	m.gmtoff = 7 * 3600;
	if (mailout_build(&m, &out, &len, err, sizeof err) == 0) {
		check(out, len);
	}
	free(out);
	free(copy);
	return 0;
}
