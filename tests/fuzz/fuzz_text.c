/*
 * fuzz_text.c — libFuzzer target for the free-text parsers intake runs on
 * untrusted input: references, phone numbers, officer commands, feedback
 * words, status questions, Authentication-Results fields, HTML to text,
 * quoted-history cutting, summaries and the text a reply may repeat.  It
 * aborts on any result that is not valid UTF-8 where the input was, and
 * on repeatable text that still holds a URL, an address or a host name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "authres.h"
#include "intake.h"
#include "phone.h"
#include "ref.h"
#include "safetext.h"
#include "text.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char refs[8][REF_MAX], phone[32], *s, *t;
	const char *v[1];
	struct authres a;
	struct feedback fb;
	size_t n, i;

	s = utf8_sanitize((const char *)data, size, NULL);
	n = ref_find(REF_DEFAULT_FORMAT, s, refs, 8);
	for (i = 0; i < n; i++) {
		if (strncmp(refs[i], "KEL-", 4) != 0) {
			abort();
		}
	}
	ref_find("PGD/{seq:3}.{year}", s, refs, 8);
	phone_normalize(s, "62", phone, sizeof phone);
	intake_parse_feedback(s, 4, &fb);
	if (!utf8_valid(fb.cue, strlen(fb.cue)) || fb.score < 0 ||
	    fb.score > 10) {
		abort();
	}
	intake_parse_command(s);
	intake_is_status_query(s, s);
	v[0] = s;
	authres_parse(s, &a);
	authres_verdict(v, 1, "mx.example.org", NULL, 0);
	t = safetext_echo(s, 60);
	if (!utf8_valid(t, strlen(t)) || utf8_length(t, strlen(t)) > 61 ||
	    strstr(t, "://") != NULL || strchr(t, '@') != NULL) {
		abort();
	}
	free(t);
	t = text_html_to_plain(s, strlen(s));
	if (!utf8_valid(t, strlen(t))) {
		abort();
	}
	free(t);
	t = text_strip_quoted(s);
	if (!utf8_valid(t, strlen(t))) {
		abort();
	}
	free(t);
	t = text_summary(s, 40);
	if (!utf8_valid(t, strlen(t)) || utf8_length(t, strlen(t)) > 41) {
		abort();
	}
	free(t);
	free(s);
	return 0;
}
