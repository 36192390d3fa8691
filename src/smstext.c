/*
 * smstext.c — SMS text: UTF-16 to UTF-8 and back, joining parts, GSM-7
 * measurement and preparation of texts to send (see smstext.h).
 *
 * The GSM 03.38 tables below are the default alphabet (0x1b is the escape
 * to the extension table, not a character) and the extension characters
 * that phones display; nothing else is GSM-7.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sha256.h"
#include "smstext.h"
#include "utf8.h"
#include "xmalloc.h"

static const uint16_t gsm7_basic[128] = {
	'@', 0xa3, '$', 0xa5, 0xe8, 0xe9, 0xf9, 0xec,
	0xf2, 0xc7, '\n', 0xd8, 0xf8, '\r', 0xc5, 0xe5,
	0x394, '_', 0x3a6, 0x393, 0x39b, 0x3a9, 0x3a0, 0x3a8,
	0x3a3, 0x398, 0x39e, 0xffff, 0xc6, 0xe6, 0xdf, 0xc9,
	' ', '!', '"', '#', 0xa4, '%', '&', '\'',
	'(', ')', '*', '+', ',', '-', '.', '/',
	'0', '1', '2', '3', '4', '5', '6', '7',
	'8', '9', ':', ';', '<', '=', '>', '?',
	0xa1, 'A', 'B', 'C', 'D', 'E', 'F', 'G',
	'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
	'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
	'X', 'Y', 'Z', 0xc4, 0xd6, 0xd1, 0xdc, 0xa7,
	0xbf, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
	'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
	'x', 'y', 'z', 0xe4, 0xf6, 0xf1, 0xfc, 0xe0,
};

static const uint16_t gsm7_ext[] = {
	'\f', '^', '{', '}', '\\', '[', '~', ']', '|', 0x20ac,
};

/* Punctuation folded to ASCII before sending ("" = dropped). */
static const struct {
	uint32_t	 cp;
	const char	*ascii;
} fold[] = {
	{ 0x00a0, " " }, { 0x2002, " " }, { 0x2003, " " }, { 0x2009, " " },
	{ 0x200a, " " }, { 0x202f, " " }, { 0x200b, "" }, { 0xfeff, "" },
	{ 0x2018, "'" }, { 0x2019, "'" }, { 0x201a, "'" }, { 0x2032, "'" },
	{ 0x201c, "\"" }, { 0x201d, "\"" }, { 0x201e, "\"" },
	{ 0x00ab, "\"" }, { 0x00bb, "\"" }, { 0x2033, "\"" },
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2013, "-" }, { 0x2014, "-" },
	{ 0x2212, "-" }, { 0x2022, "-" }, { 0x2026, "..." }, { '\t', " " },
};

/* Septets for one code point: 1, 2 (extension) or 0 (not GSM-7). */
static int
gsm7_cost(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof gsm7_basic / sizeof gsm7_basic[0]; i++) {
		if (gsm7_basic[i] == cp) {
			return 1;
		}
	}
	for (i = 0; i < sizeof gsm7_ext / sizeof gsm7_ext[0]; i++) {
		if (gsm7_ext[i] == cp) {
			return 2;
		}
	}
	return 0;
}

static uint32_t
u16_at(const unsigned char *be, size_t i)
{
	return (uint32_t)be[2 * i] << 8 | be[2 * i + 1];
}

char *
smstext_from_utf16(const unsigned char *be, size_t len, size_t *replaced)
{
	struct buf b;
	size_t i, n = len / 2, bad = 0;
	uint32_t u, lo;
	char enc[4];

	buf_init(&b);
	for (i = 0; i < n; i++) {
		u = u16_at(be, i);
		if (u >= 0xd800 && u <= 0xdbff && i + 1 < n &&
		    (lo = u16_at(be, i + 1)) >= 0xdc00 && lo <= 0xdfff) {
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			i++;
		} else if (u >= 0xd800 && u <= 0xdfff) {
			u = 0xfffd;
			bad++;
		}
		if (u == 0) {
			continue;
		}
		if (u < 0x20 && u != '\n' && u != '\r' && u != '\t') {
			u = 0xfffd;
			bad++;
		}
		if (u == '\r') {
			/* CR LF and a lone CR are both one line end */
			u = '\n';
			if (i + 1 < n && u16_at(be, i + 1) == '\n') {
				i++;
			}
		}
		buf_add(&b, enc, utf8_encode(u, enc));
	}
	if (replaced != NULL) {
		*replaced = bad;
	}
	return buf_steal(&b);
}

unsigned char *
smstext_to_utf16(const char *s, size_t *len)
{
	size_t n = strlen(s), i = 0, k, o = 0;
	unsigned char *out = xmalloc(2 * n + 2);
	uint32_t cp, hi;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			cp = 0xfffd;
			k = 1;
		}
		i += k;
		if (cp >= 0x10000) {
			hi = 0xd800 + ((cp - 0x10000) >> 10);
			out[o++] = (unsigned char)(hi >> 8);
			out[o++] = (unsigned char)hi;
			cp = 0xdc00 + ((cp - 0x10000) & 0x3ff);
		}
		out[o++] = (unsigned char)(cp >> 8);
		out[o++] = (unsigned char)cp;
	}
	out[o] = out[o + 1] = 0;
	*len = o;
	return out;
}

char *
smstext_join(const struct smstext_part *p, size_t n, int total,
    int *missing, size_t *replaced)
{
	struct buf b;
	unsigned char *marker;
	size_t i, mlen;
	int seq, found, gone = 0;
	char *text;

	buf_init(&b);
	marker = smstext_to_utf16(SMSTEXT_MISSING, &mlen);
	for (seq = 1; seq <= total; seq++) {
		for (i = 0, found = 0; i < n && !found; i++) {
			if (p[i].seq == seq) {
				buf_add(&b, p[i].utf16, p[i].len & ~(size_t)1);
				found = 1;
			}
		}
		if (!found) {
			buf_add(&b, marker, mlen);
			gone++;
		}
	}
	text = smstext_from_utf16((const unsigned char *)b.data, b.len,
	    replaced);
	buf_free(&b);
	free(marker);
	*missing = gone;
	return text;
}

int
smstext_gsm7_septets(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;
	int septets = 0, c;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0 || (c = gsm7_cost(cp)) == 0) {
			return -1;
		}
		septets += c;
		i += k;
	}
	return septets;
}

/* UTF-16 units of a text (characters beyond the BMP count two). */
static size_t
smstext_units(const char *s)
{
	size_t n = strlen(s), i = 0, k, units = 0;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		units += k != 0 && cp >= 0x10000 ? 2 : 1;
		i += k ? k : 1;
	}
	return units;
}

int
smstext_parts(const char *s, int *gsm7)
{
	int septets = smstext_gsm7_septets(s);
	size_t units;

	if (gsm7 != NULL) {
		*gsm7 = septets >= 0;
	}
	if (septets >= 0) {
		return septets <= SMSTEXT_GSM7_SINGLE ? 1 :
		    (septets + SMSTEXT_GSM7_PART - 1) / SMSTEXT_GSM7_PART;
	}
	units = smstext_units(s);
	return units <= SMSTEXT_UCS2_SINGLE ? 1 :
	    (int)((units + SMSTEXT_UCS2_PART - 1) / SMSTEXT_UCS2_PART);
}

static char *
smstext_fold(const char *s)
{
	struct buf b;
	size_t n = strlen(s), i = 0, k, j;
	uint32_t cp;

	buf_init(&b);
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		k = k ? k : 1;
		for (j = 0; j < sizeof fold / sizeof fold[0]; j++) {
			if (fold[j].cp == cp) {
				buf_adds(&b, fold[j].ascii);
				break;
			}
		}
		if (j == sizeof fold / sizeof fold[0]) {
			buf_add(&b, s + i, k);
		}
		i += k;
	}
	while (b.len > 0 && (b.data[b.len - 1] == ' ' ||
	    b.data[b.len - 1] == '\n')) {
		b.data[--b.len] = '\0';
	}
	return buf_steal(&b);
}

char *
smstext_prepare(const char *s, int maxparts, int *cut)
{
	char *t = smstext_fold(s), *r;
	size_t len = strlen(t);

	if (cut != NULL) {
		*cut = 0;
	}
	if (smstext_parts(t, NULL) <= maxparts) {
		return t;
	}
	/* drop whole characters until it fits with the mark */
	while (len > 0) {
		len--;
		while (len > 0 && ((unsigned char)t[len] & 0xc0) == 0x80) {
			len--;
		}
		r = xasprintf("%.*s...", (int)len, t);
		if (smstext_parts(r, NULL) <= maxparts) {
			free(t);
			if (cut != NULL) {
				*cut = 1;
			}
			return r;
		}
		free(r);
	}
	free(t);
	return xstrdup("...");
}

void
smstext_part_key(const char *sender, time_t sent, int ref, int total,
    int seq, const unsigned char *utf16, size_t len, char out[65])
{
	struct sha256 h;
	unsigned char d[32];
	char head[160];
	int i;

	snprintf(head, sizeof head, "%s|%lld|%d|%d|%d|", sender ? sender : "",
	    (long long)sent, ref, total, seq);
	sha256_init(&h);
	sha256_update(&h, head, strlen(head));
	sha256_update(&h, utf16, len);
	sha256_final(&h, d);
	for (i = 0; i < 32; i++) {
		snprintf(out + 2 * i, 3, "%02x", d[i]);
	}
}
