/*
 * smstext.c — SMS text: UTF-16 to UTF-8 and back, joining parts, GSM-7
 * measurement and preparation of texts to send (see smstext.h).
 *
 * The GSM 03.38 tables below are the default alphabet (0x1b is the escape
 * to the extension table, not a character) and the extension characters
 * that phones display; nothing else is GSM-7.
 */
#include <ctype.h>
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
		if ((u < 0x20 && u != '\n' && u != '\r' && u != '\t') ||
		    utf8_unsafe(u)) {
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
smstext_udh_concat(const unsigned char *udh, size_t len, int *ref,
    int *total, int *seq)
{
	size_t i, end, iel;
	int found = 0, r = 0, t = 0, q = 0;

	if (udh == NULL || len < 1) {
		return 0;
	}
	end = (size_t)udh[0] + 1 < len ? (size_t)udh[0] + 1 : len;
	for (i = 1; i + 1 < end; i += 2 + iel) {
		iel = udh[i + 1];
		if (i + 2 + iel > end) {
			break;			/* an element cut short */
		}
		if (udh[i] == 0x00 && iel == 3) {
			r = udh[i + 2];
			t = udh[i + 3];
			q = udh[i + 4];
		} else if (udh[i] == 0x08 && iel == 4) {
			r = udh[i + 2] << 8 | udh[i + 3];
			t = udh[i + 4];
			q = udh[i + 5];
		} else {
			continue;
		}
		found = t >= 2 && q >= 1 && q <= t;
	}
	if (found) {
		*ref = r;
		*total = t;
		*seq = q;
	}
	return found;
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

/* The byte length of the first n characters of s. */
static size_t
smstext_cut(const char *s, size_t n)
{
	size_t len = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < len && n > 0) {
		k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		n--;
	}
	return i;
}

char *
smstext_prepare(const char *s, int maxparts, int *cut)
{
	char *t = smstext_fold(s), *r;
	size_t len;

	if (cut != NULL) {
		*cut = 0;
	}
	if (smstext_parts(t, NULL) <= maxparts) {
		return t;
	}
	/* no character takes less than a septet: start from what could fit */
	len = smstext_cut(t, (size_t)maxparts * SMSTEXT_GSM7_PART);
	/* then drop whole characters until it fits with the mark */
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

/* ---- the record of received parts ---- */

void
smstext_raw_add(struct buf *b, const struct smstext_rawpart *p)
{
	struct tm tm;
	char when[32] = "-";
	size_t i;

	if (p->sent != 0 && gmtime_r(&p->sent, &tm) != NULL) {
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	buf_printf(b, "SMS part %d/%d ref %d coding %s sent %s centre %s "
	    "from %s\n", p->seq, p->total, p->ref, p->coding, when,
	    p->smsc && *p->smsc ? p->smsc : "-", p->sender);
	for (i = 0; i < p->len; i++) {
		buf_printf(b, "%02X", p->data[i]);
	}
	buf_addc(b, '\n');
}

void
smstext_message_id(const char (*keys)[65], size_t n, int total, char *out)
{
	struct sha256 h;
	unsigned char d[32];
	size_t i;

	if (total <= 1 && n == 1) {
		snprintf(out, 80, "sms:%s", keys[0]);
		return;
	}
	sha256_init(&h);
	for (i = 0; i < n; i++) {
		sha256_update(&h, keys[i], strlen(keys[i]));
	}
	sha256_final(&h, d);
	memcpy(out, "sms:", 5);
	for (i = 0; i < 32; i++) {
		snprintf(out + 4 + 2 * i, 3, "%02x", d[i]);
	}
}

static time_t
smstext_time(const char *s)
{
	struct tm tm;
	char *end;

	if (strcmp(s, "-") == 0) {
		return 0;
	}
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return end != NULL && *end == '\0' ? timegm(&tm) : (time_t)-1;
}

/* The hex line of a part: bytes (caller frees) or NULL. */
static unsigned char *
smstext_unhex(const char *s, size_t n, size_t *len)
{
	unsigned char *d = xmalloc(n / 2 + 2);
	unsigned int v;
	size_t i;

	if (n % 2 != 0) {
		free(d);
		return NULL;
	}
	for (i = 0; i < n; i += 2) {
		if (!isxdigit((unsigned char)s[i]) ||
		    !isxdigit((unsigned char)s[i + 1]) ||
		    sscanf(s + i, "%2x", &v) != 1) {
			free(d);
			return NULL;
		}
		d[i / 2] = (unsigned char)v;
	}
	*len = n / 2;
	return d;
}

struct rawline {
	int	seq, total, ref;
	char	coding[8], when[32], smsc[48];
	const char *sender;
};

static int
smstext_raw_head(const char *line, struct rawline *h)
{
	const char *from = strstr(line, " from ");
	int n = 0;

	if (from == NULL || sscanf(line, "SMS part %d/%d ref %d coding %7s "
	    "sent %31s centre %47s%n", &h->seq, &h->total, &h->ref, h->coding,
	    h->when, h->smsc, &n) != 6 || line + n != from || h->seq < 1 ||
	    h->seq > h->total) {
		return -1;
	}
	h->sender = from + 6;
	return 0;
}

/* One part: its head line and hex line; *p moves past them. */
static int
smstext_raw_part(const char **p, const char *end, struct smstext_raw *r,
    struct smstext_part *part, char *key)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p)), *hex, *nl2;
	struct rawline h;
	char line[256];
	size_t len;

	if (nl == NULL || (size_t)(nl - *p) >= sizeof line) {
		return -1;
	}
	snprintf(line, sizeof line, "%.*s", (int)(nl - *p), *p);
	hex = nl + 1;
	nl2 = memchr(hex, '\n', (size_t)(end - hex));
	if (smstext_raw_head(line, &h) == -1 || nl2 == NULL ||
	    r->n == SMSTEXT_RAW_MAXPARTS ||
	    (r->data[r->n] = smstext_unhex(hex, (size_t)(nl2 - hex), &len))
	    == NULL) {
		return -1;
	}
	if (r->n == 0) {
		snprintf(r->sender, sizeof r->sender, "%s", h.sender);
		r->sent = smstext_time(h.when);
		r->total = h.total;
		r->binary = strcmp(h.coding, "8bit") == 0;
	}
	part->seq = h.seq;
	part->utf16 = r->data[r->n];
	part->len = len;
	smstext_part_key(h.sender, smstext_time(h.when), h.ref, h.total, h.seq,
	    r->data[r->n], len, key);
	r->n++;
	*p = nl2 + 1;
	return 0;
}

int
smstext_raw_parse(const char *raw, size_t len, struct smstext_raw *r,
    char *err, size_t errlen)
{
	struct smstext_part parts[SMSTEXT_RAW_MAXPARTS];
	char keys[SMSTEXT_RAW_MAXPARTS][65];
	const char *p = raw, *end = raw + len;

	memset(r, 0, sizeof *r);
	while (p < end) {
		if (smstext_raw_part(&p, end, r, &parts[r->n], keys[r->n])
		    == -1) {
			snprintf(err, errlen, "not a record of received SMS "
			    "parts (at byte %zu)", (size_t)(p - raw));
			return -1;
		}
	}
	if (r->n == 0 || r->sent == (time_t)-1) {
		snprintf(err, errlen, "not a record of received SMS parts");
		return -1;
	}
	r->text = r->binary ? xstrdup("") : r->total <= 1 ?
	    smstext_from_utf16(parts[0].utf16, parts[0].len, NULL) :
	    smstext_join(parts, r->n, r->total, &r->missing, NULL);
	smstext_message_id((const char (*)[65])keys, r->n, r->total, r->id);
	return 0;
}

void
smstext_raw_free(struct smstext_raw *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->data[i]);
	}
	free(r->text);
	r->text = NULL;
	r->n = 0;
}
