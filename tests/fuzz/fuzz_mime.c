/*
 * fuzz_mime.c — libFuzzer target for mime_parse() and the text helpers.
 *
 * Build and run (seed with a copy of tests/data/mail, the fuzzer writes
 * into its corpus directory):
 *   clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
 *     -D_GNU_SOURCE tests/fuzz/fuzz_mime.c src/mime.c src/text.c \
 *     src/utf8.c src/buf.c src/xmalloc.c -letpan -o fuzz_mime
 *   ./fuzz_mime -max_total_time=60 corpus/
 *
 * Besides crashes it checks the contract: every string is valid UTF-8
 * without C0 controls but TAB and LF, header values are one line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mime.h"
#include "text.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Valid UTF-8, no C0 control but TAB and LF, none of those if oneline. */
static void
check(const char *s, int oneline)
{
	size_t n, i;

	if (s == NULL) {
		return;
	}
	n = strlen(s);
	if (!utf8_valid(s, n)) {
		abort();
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n') ||
		    (oneline && (c == '\t' || c == '\n'))) {
			abort();
		}
	}
}

static void
check_msg(const struct mime_msg *m)
{
	size_t i;

	check(m->from.addr, 1);
	check(m->from.name, 1);
	for (i = 0; i < m->nto; i++) {
		check(m->to[i].addr, 1);
		check(m->to[i].name, 1);
	}
	for (i = 0; i < m->ndelivered_to; i++) {
		check(m->delivered_to[i], 1);
	}
	for (i = 0; i < m->nreferences; i++) {
		check(m->references[i], 1);
	}
	check(m->subject, 1);
	check(m->message_id, 1);
	check(m->in_reply_to, 1);
	check(m->return_path, 1);
	check(m->text, 0);
	check(m->new_text, 0);
	for (i = 0; i < m->natt; i++) {
		check(m->att[i].filename, 1);
		check(m->att[i].content_type, 1);
	}
	check(m->dsn_original_id, 1);
	check(m->dsn_recipient, 1);
	check(m->dsn_action, 1);
	check(m->dsn_status, 1);
	check(m->dsn_diagnostic, 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mime_msg *m = NULL;
	char err[128], *s, hash[65];

	if (mime_parse((const char *)data, size, &m, err, sizeof(err)) == -1) {
		return 0;
	}
	check_msg(m);
	mime_content_hash(m, hash);
	if (strlen(hash) != 64) {
		abort();
	}
	s = text_strip_quoted(m->text);
	check(s, 0);
	free(s);
	s = text_summary(m->text, 80);
	check(s, 1);
	free(s);
	s = text_summary(m->new_text, 3);
	check(s, 1);
	free(s);
	s = text_html_to_plain(m->text, strlen(m->text));
	check(s, 0);
	free(s);
	mime_free(m);
	return 0;
}
