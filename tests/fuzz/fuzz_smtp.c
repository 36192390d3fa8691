/*
 * fuzz_smtp.c — libFuzzer target for the SMTP server's replies as smtp.c
 * reads them (smtpreply.c): the input is a conversation, one line each,
 * lines starting with '>' are ours, '.' starts the data; anything else is
 * the server's.  Aborts when a kept reply is not terminated within its
 * buffer, a code is out of range, or a command shown in the log is AUTH.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
terminated(const char *s, size_t size)
{
	if (memchr(s, '\0', size) == NULL) {
		abort();
	}
}

static void
line(struct smtpreply *r, const char *p, size_t n)
{
	size_t shown;

	if (n > 0 && p[0] == '>') {
		if (smtpreply_command(r, p + 1, n - 1, &shown) ==
		    SMTPREPLY_PUBLIC && (shown > n - 1 ||
		    strncmp(p + 1, "AUTH", 4) == 0)) {
			abort();
		}
	} else if (n > 0 && p[0] == '.') {
		r->in_data = 1;
	} else {
		smtpreply_line(r, p, n);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *p = (const char *)d, *end = p + n, *nl;
	struct smtpreply r;
	const char *phase;

	memset(&r, 0, sizeof r);
	smtpreply_start(&r);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		line(&r, p, (size_t)((nl ? nl : end) - p));
		p = nl ? nl + 1 : end;
	}
	terminated(r.cmd, sizeof r.cmd);
	terminated(r.reply, sizeof r.reply);
	terminated(r.fail_cmd, sizeof r.fail_cmd);
	terminated(r.fail_reply, sizeof r.fail_reply);
	terminated(r.cur, sizeof r.cur);
	if (r.fail_code != 0 && (r.fail_code < 400 || r.fail_code > 999)) {
		abort();
	}
	phase = smtpreply_refused_at(&r);
	if (phase != NULL && r.fail_code == 0) {
		abort();
	}
	return 0;
}
