/*
 * utf8.c — UTF-8 validation and repair (see utf8.h).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

size_t
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n, i;

	if (len == 0) {
		return 0;
	}
	if (s[0] < 0x80) {
		*cp = s[0];
		return s[0] == 0 ? 0 : 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2; c = s[0] & 0x1f; min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3; c = s[0] & 0x0f; min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4; c = s[0] & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len < n) {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		return 0;
	}
	*cp = c;
	return n;
}

size_t
utf8_encode(uint32_t c, char *o)
{
	unsigned char *out = (unsigned char *)o;

	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		c = 0xfffd;
	}
	if (c < 0x80) {
		out[0] = (unsigned char)c;
		return 1;
	} else if (c < 0x800) {
		out[0] = 0xc0 | (c >> 6);
		out[1] = 0x80 | (c & 0x3f);
		return 2;
	} else if (c < 0x10000) {
		out[0] = 0xe0 | (c >> 12);
		out[1] = 0x80 | ((c >> 6) & 0x3f);
		out[2] = 0x80 | (c & 0x3f);
		return 3;
	}
	out[0] = 0xf0 | (c >> 18);
	out[1] = 0x80 | ((c >> 12) & 0x3f);
	out[2] = 0x80 | ((c >> 6) & 0x3f);
	out[3] = 0x80 | (c & 0x3f);
	return 4;
}

int
utf8_valid(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			return 0;
		}
		i += n;
	}
	return 1;
}

int
utf8_unsafe(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Valid runs are copied whole (this runs over every text part of every
 * message: one append per character was a measurable part of intake).
 */
char *
utf8_sanitize(const char *s, size_t len, size_t *replaced)
{
	struct buf b;
	size_t i = 0, run = 0, n, rep = 0;
	uint32_t cp;
	unsigned char c;

	buf_init(&b);
	while (i < len) {
		c = (unsigned char)s[i];
		n = 0;
		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		if (c == '\t' || c == '\n') {
			i++;
			continue;
		}
		if (c >= 0x80 && (n = utf8_decode(s + i, len - i, &cp)) != 0 &&
		    !utf8_unsafe(cp)) {
			i += n;
			continue;
		}
		buf_add(&b, s + run, i - run);
		if (c == '\r') {
			i++;
			if (i >= len || s[i] != '\n') {
				buf_addc(&b, '\n');
			}
		} else {
			rep++;
			buf_adds(&b, "\xef\xbf\xbd");
			/* an unsafe character is one replacement, not one per
			 * byte */
			i += n != 0 ? n : 1;
		}
		run = i;
	}
	buf_add(&b, s + run, i - run);
	if (replaced != NULL) {
		*replaced = rep;
	}
	return buf_steal(&b);
}

size_t
utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t n;

	if (len <= max) {
		return len;
	}
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) {
		n--;
	}
	return n;
}

size_t
utf8_length(const char *s, size_t len)
{
	size_t i = 0, count = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
		count++;
	}
	return count;
}
