/*
 * safetext.c — a stranger's words made safe to repeat (see safetext.h):
 * link-like words left out, the rest cut short.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "safetext.h"
#include "text.h"
#include "utf8.h"

/* A dot as a host name may be written: ".", U+3002, U+FF0E, U+FF61. */
static size_t
safetext_dot(const char *s, size_t n)
{
	if (n >= 1 && s[0] == '.') {
		return 1;
	}
	if (n >= 3 && (memcmp(s, "\xe3\x80\x82", 3) == 0 ||
	    memcmp(s, "\xef\xbc\x8e", 3) == 0 ||
	    memcmp(s, "\xef\xbd\xa1", 3) == 0)) {
		return 3;
	}
	return 0;
}

/* A letter or digit (any script: a byte >= 0x80 starts one). */
static int
safetext_alnum(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* A scheme mail programs make a link of without "//" ("mailto:x"). */
static int
safetext_scheme(const char *w, size_t n)
{
	static const char *const schemes[] = { "mailto:", "tel:", "sms:",
	    "javascript:", "data:", "file:", "whatsapp:", "intent:", "callto:",
	    "skype:", "tg:" };
	size_t i, k;

	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		k = strlen(schemes[i]);
		if (n > k && strncasecmp(w, schemes[i], k) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Does the word w[0..n) look like a link, an address or a host name? */
static int
safetext_linky(const char *w, size_t n)
{
	size_t i, d;

	if (safetext_scheme(w, n)) {
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (w[i] == '@' || (i + 3 <= n && memcmp(w + i, "://", 3) == 0)) {
			return 1;
		}
	}
	if (n >= 4 && strncasecmp(w, "www", 3) == 0 && safetext_dot(w + 3,
	    n - 3)) {
		return 1;
	}
	for (i = 1; i < n; i++) {
		d = safetext_dot(w + i, n - i);
		if (d > 0 && safetext_alnum((unsigned char)w[i - 1]) &&
		    i + d < n && (isalpha((unsigned char)w[i + d]) ||
		    (unsigned char)w[i + d] >= 0x80)) {
			return 1;
		}
	}
	return 0;
}

char *
safetext_echo(const char *text, size_t maxchars)
{
	struct buf b;
	const char *p = text != NULL ? text : "", *w;
	size_t n;
	char *r;

	buf_init(&b);
	while (*p != '\0') {
		while (*p != '\0' && isspace((unsigned char)*p)) {
			p++;
		}
		w = p;
		while (*p != '\0' && !isspace((unsigned char)*p)) {
			p++;
		}
		n = (size_t)(p - w);
		if (n == 0 || safetext_linky(w, n)) {
			continue;
		}
		if (b.len > 0) {
			buf_addc(&b, ' ');
		}
		buf_add(&b, w, n);
	}
	r = text_summary(b.data, maxchars);
	buf_free(&b);
	return r;
}
