/*
 * mime.c — raw RFC 5322 bytes to a normalized message (see mime.h).
 *
 * Owns splitting the header block and the MIME tree, RFC 2047 words,
 * RFC 2231 parameters, transfer encodings, charsets, and the indicators
 * intake uses against loops and bounces.
 *
 * Rules: pure (no I/O, no logging, no globals), and the input is hostile.
 * Every scanner is a forward pass; nesting stops at MIME_MAX_DEPTH and a
 * message has at most MIME_MAX_PARTS entities, so time and memory stay
 * linear in the input.  The header block and the multipart tree are split
 * here by lenient scanners rather than by libetpan's mailmime_parse(),
 * which ends the header at the first garbage line, recurses without bound
 * and rescans the body of every nested multipart.  libetpan's mailimf
 * parses what it is good at: address lists and dates.  Charsets go through
 * iconv in our own loop so that undecodable bytes become U+FFFD (libetpan's
 * charconv writes '?', its RFC 2047 decoder drops them); unknown charsets
 * fall back to windows-1252, decoded from a table here.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "buf.h"
#include "limit.h"
#include "mime.h"
#include "sha256.h"
#include "text.h"
#include "utf8.h"
#include "xmalloc.h"

#define MIME_MAX_DEPTH	20	/* nested multiparts */
#define MIME_MAX_PARTS	10000	/* entities in one message */
#define MIME_MAX_PARAMS	64	/* parameters of one header field */
#define MIME_MAX_ID	512	/* longest Message-ID kept */
#define MIME_MAX_NAME	200	/* longest attachment filename, bytes */
#define MIME_MAX_DELIVERED 32	/* Delivered-To & co. kept (deduped) */
#define MIME_MAX_FILETEXT (64 * 1024)	/* a .txt read as the text, at most */
#define ETPAN_MAX	65536	/* longest value handed to mailimf */
#define FFFD		"\xef\xbf\xbd"

/* How much of a text hdr_scan() takes for the header block. */
enum {
	HS_TOP,		/* a message: garbage before the first field fails */
	HS_PART,	/* a body part: no header at all is fine */
	HS_ALL		/* delivery-status: every field line, blank lines too */
};

struct field {
	const char	*name;
	size_t		 namelen;
	const char	*val;		/* raw and folded, into the input */
	size_t		 vallen;
};

/* A MIME entity; everything points into the input. */
struct entity {
	struct field	*f;
	size_t		 nf;
	const char	*body;
	size_t		 bodylen;
	int		 damaged;	/* garbage lines in the header block */
};

struct param {
	char	*name;		/* lower-cased, RFC 2231 "*n*" kept */
	char	*val;		/* unquoted raw bytes */
};

/* A parsed Content-Type or Content-Disposition value. */
struct hval {
	char		*first;		/* "text/plain", "attachment", lower */
	struct param	*p;
	size_t		 np;
};

struct addrv {
	struct mime_address	*v;
	size_t			 n;
	size_t			 cap;
};

struct walk {
	struct mime_msg	*m;
	struct buf	 text;
	struct buf	 fwd;		/* forwarded messages' text, whole */
	struct buf	 fwd_new;	/* ... without their quoted history */
	struct buf	 filetext;	/* text/plain attachments: the text
					   when the message has no other */
	size_t		 attcap;
	size_t		 nparts;
	size_t		 rep;		/* U+FFFD written */
	size_t		 budget;	/* bytes left to decode forwarded
					   messages with */
	int		 html;
	int		 malformed;
	int		 inner;		/* inside a forwarded message */
	int		 in_report;	/* inside a multipart/report */
	int		 report;	/* multipart/report delivery-status */
	int		 anyreport;	/* multipart/report of any type,
					   message/feedback-report */
	int		 dsn;		/* a message/delivery-status part */
	int		 mdn;		/* disposition-notification */
	char		*rfc822_id;	/* id of the first attached message */
};

static char	*hdr_decode(const char *, size_t, size_t *);

/* ---- small helpers ---- */

static int
is_wsp(int c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
str_lower(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s >= 'A' && *s <= 'Z') {
			*s = (char)(*s - 'A' + 'a');
		}
	}
}

/* s[0..n) trimmed of white space, as a new string. */
static char *
str_trim(const char *s, size_t n)
{
	while (n > 0 && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)s[n - 1])) {
		n--;
	}
	return xstrndup(s, n);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

static void
set_err(char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0) {
		snprintf(err, errlen, "%s", msg);
	}
}

/* ---- transfer encodings ---- */

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z') {
		return c - 'A';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 26;
	}
	if (c >= '0' && c <= '9') {
		return c - '0' + 52;
	}
	if (c == '+') {
		return 62;
	}
	if (c == '/') {
		return 63;
	}
	return -1;
}

/*
 * Lenient base64 into out (room for n * 3 / 4 + 3): anything outside the
 * alphabet is skipped, "=" ends a quantum (senders concatenate padded
 * chunks).  Returns the decoded length.
 */
static size_t
b64_decode(const char *s, size_t n, unsigned char *out)
{
	uint32_t acc = 0;
	size_t i, o = 0;
	int bits = 0, v;

	for (i = 0; i < n; i++) {
		v = b64val((unsigned char)s[i]);
		if (v < 0) {
			if (s[i] == '=') {
				acc = 0;
				bits = 0;
			}
			continue;
		}
		acc = ((acc << 6) | (uint32_t)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	return o;
}

/*
 * Quoted-printable into out (room for n).  "=XX" is a byte, "=" before a
 * line end a soft break, any other "=" stays literal (RFC 2045 6.7 (1)).
 * In headers (RFC 2047 Q) "_" is a space.
 */
static size_t
qp_decode(const char *s, size_t n, unsigned char *out, int header)
{
	size_t i, j, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (header && s[i] == '_') {
			out[o++] = ' ';
			continue;
		}
		if (s[i] != '=') {
			out[o++] = (unsigned char)s[i];
			continue;
		}
		hi = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
		lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
		if (hi >= 0 && lo >= 0) {
			out[o++] = (unsigned char)(hi << 4 | lo);
			i += 2;
			continue;
		}
		for (j = i + 1; j < n && is_wsp((unsigned char)s[j]); j++) {
			continue;
		}
		if (j < n && s[j] == '\r') {
			j++;
		}
		if (j == n || s[j] == '\n') {
			i = j;		/* soft line break */
			continue;
		}
		out[o++] = '=';
	}
	return o;
}

/*
 * Whether a body labelled base64 is base64: text written in words (spaces
 * inside lines, punctuation) is not — it is a text part wrongly labelled,
 * whose decoding would be garbage.  A few stray characters in real base64
 * are tolerated.
 */
static int
b64_plausible(const char *s, size_t n)
{
	size_t i, bad = 0, chars = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n') {
			continue;
		}
		chars++;
		if (is_wsp((unsigned char)s[i])) {
			/* white space inside a line, not at its end */
			bad += i + 1 < n && !is_space((unsigned char)s[i + 1]);
		} else if (b64val((unsigned char)s[i]) < 0 && s[i] != '=') {
			bad++;
		}
	}
	return bad * 20 <= chars;
}

/* Decode per Content-Transfer-Encoding; *outlen bytes, NUL-terminated. */
static unsigned char *
cte_decode(const char *s, size_t n, const char *cte, size_t *outlen)
{
	unsigned char *out;

	out = xmalloc(n + 4);
	if (cte != NULL && strcmp(cte, "base64") == 0) {
		*outlen = b64_decode(s, n, out);
	} else if (cte != NULL && strcmp(cte, "quoted-printable") == 0) {
		*outlen = qp_decode(s, n, out, 0);
	} else {
		memcpy(out, s, n);
		*outlen = n;
	}
	out[*outlen] = '\0';
	return out;
}

/* ---- charsets ---- */

/* windows-1252 0x80..0x9f; 0 where the code page leaves a hole. */
static const uint16_t cp1252_hi[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

static void
conv_cp1252(struct buf *out, const char *s, size_t n, size_t *rep)
{
	unsigned char c;
	uint32_t cp;
	char u[4];
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c < 0x80) {
			buf_addc(out, c);
			continue;
		}
		cp = c < 0xa0 ? cp1252_hi[c - 0x80] : c;
		if (cp == 0) {
			buf_adds(out, FFFD);
			(*rep)++;
			continue;
		}
		buf_add(out, u, utf8_encode(cp, u));
	}
}

static void
conv_utf8(struct buf *out, const char *s, size_t n, size_t *rep)
{
	size_t r = 0;
	char *t;

	t = utf8_sanitize(s, n, &r);
	buf_adds(out, t);
	*rep += r;
	free(t);
}

/* Valid UTF-8 but for NUL bytes (which utf8_sanitize() replaces). */
static int
utf8_valid_nul(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if (s[i] == '\0') {
			i++;
		} else if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			return 0;
		} else {
			i += k;
		}
	}
	return 1;
}

/* At least one valid multi-byte UTF-8 sequence. */
static int
utf8_has_multibyte(const char *s, size_t n)
{
	size_t i;
	uint32_t cp;

	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0xc2 &&
		    utf8_decode(s + i, n - i, &cp) > 1) {
			return 1;
		}
	}
	return 0;
}

/* s[0..n) is the start of a UTF-8 sequence cut off by the end. */
static int
utf8_cut_tail(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t need, i;

	need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
	if (need == 0 || n >= need || c > 0xf4) {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			return 0;
		}
	}
	return 1;
}

/*
 * Mostly UTF-8 with stray bytes: each valid sequence as UTF-8, each stray
 * byte as windows-1252, a sequence cut off at the end as U+FFFD — one bad
 * byte does not turn the rest into mojibake.
 */
static void
conv_mixed(struct buf *out, const char *s, size_t n, size_t *rep)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			buf_addc(out, s[i++]);
		} else if ((k = utf8_decode(s + i, n - i, &cp)) > 0) {
			buf_add(out, s + i, k);
			i += k;
		} else if (utf8_cut_tail(s + i, n - i)) {
			for (; i < n; i++) {
				buf_adds(out, FFFD);
				(*rep)++;
			}
		} else {
			conv_cp1252(out, s + i++, 1, rep);
		}
	}
}

/* Bytes of unknown charset: UTF-8 when they are; UTF-8 with stray bytes
 * when some of it is; else windows-1252. */
static void
conv_guess(struct buf *out, const char *s, size_t n, size_t *rep)
{
	if (utf8_valid_nul(s, n)) {
		conv_utf8(out, s, n, rep);
	} else if (utf8_has_multibyte(s, n)) {
		conv_mixed(out, s, n, rep);
	} else {
		conv_cp1252(out, s, n, rep);
	}
}

/* 0 and the converted bytes appended, or -1 if iconv knows no cs. */
static int
conv_iconv(struct buf *out, const char *cs, const char *s, size_t n,
    size_t *rep)
{
	char tmp[4096], *in, *o;
	size_t inleft, oleft, r;
	iconv_t cd;

	cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1) {
		return -1;
	}
	in = (char *)(uintptr_t)s;
	inleft = n;
	while (inleft > 0) {
		o = tmp;
		oleft = sizeof(tmp);
		r = iconv(cd, &in, &inleft, &o, &oleft);
		buf_add(out, tmp, (size_t)(o - tmp));
		if (r != (size_t)-1 || errno == E2BIG) {
			continue;
		}
		/* EILSEQ, EINVAL (truncated): one byte becomes U+FFFD */
		buf_adds(out, FFFD);
		(*rep)++;
		in++;
		inleft--;
	}
	o = tmp;
	oleft = sizeof(tmp);
	iconv(cd, NULL, NULL, &o, &oleft);
	buf_add(out, tmp, (size_t)(o - tmp));
	iconv_close(cd);
	return 0;
}

static const struct {
	const char	*label;
	const char	*name;
} cs_alias[] = {
	/* what libetpan's charconv maps, towards the iconv supersets */
	{ "gb2312", "GB18030" },
	{ "gbk", "GB18030" },
	{ "x-gbk", "GB18030" },
	{ "ks_c_5601-1987", "CP949" },
	{ "ks_c_5601", "CP949" },
	{ "iso-8859-8-i", "ISO-8859-8" },
	{ "iso-8859-6-i", "ISO-8859-6" },
	{ "x-sjis", "CP932" },
	{ "shift_jis", "CP932" },
	{ "unicode-1-1-utf-7", "UTF-7" },
	{ "x-mac-roman", "MACINTOSH" },
};

enum { CS_UTF8, CS_ASCII, CS_1252, CS_ICONV };

/*
 * Normalize a charset label into cs (lower-case, no quotes, no RFC 2231
 * language); returns its class.  Names with characters iconv could read as
 * options ("//IGNORE") are CS_1252: unknown.
 */
static int
cs_classify(const char *label, char *cs, size_t cslen)
{
	size_t i, n = 0;
	char c;

	for (i = 0; label != NULL && label[i] != '\0' && label[i] != '*'; i++) {
		c = label[i];
		if (c == '"' || c == '\'' || is_space((unsigned char)c)) {
			continue;
		}
		if (!isalnum((unsigned char)c) && strchr("-_.:", c) == NULL) {
			return CS_1252;
		}
		if (n + 1 >= cslen) {
			return CS_1252;
		}
		cs[n++] = (char)tolower((unsigned char)c);
	}
	cs[n] = '\0';
	if (n == 0 || strcmp(cs, "us-ascii") == 0 || strcmp(cs, "ascii") == 0 ||
	    strcmp(cs, "ansi_x3.4-1968") == 0 || strcmp(cs, "default") == 0) {
		return CS_ASCII;
	}
	if (strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0 ||
	    strcmp(cs, "unicode-1-1-utf-8") == 0) {
		return CS_UTF8;
	}
	/* as browsers do: latin-1 labels mean windows-1252 */
	if (strcmp(cs, "iso-8859-1") == 0 || strcmp(cs, "iso8859-1") == 0 ||
	    strcmp(cs, "iso_8859-1") == 0 || strcmp(cs, "latin1") == 0 ||
	    strcmp(cs, "l1") == 0 || strcmp(cs, "windows-1252") == 0 ||
	    strcmp(cs, "cp1252") == 0 || strcmp(cs, "x-cp1252") == 0) {
		return CS_1252;
	}
	for (i = 0; i < sizeof(cs_alias) / sizeof(cs_alias[0]); i++) {
		if (strcmp(cs, cs_alias[i].label) == 0) {
			snprintf(cs, cslen, "%s", cs_alias[i].name);
			break;
		}
	}
	return CS_ICONV;
}

/* Append s[0..n) in charset label as UTF-8 (CR and controls not yet
 * cleaned); undecodable bytes become U+FFFD, counted in *rep. */
static void
conv_append(struct buf *out, const char *label, const char *s, size_t n,
    size_t *rep)
{
	char cs[48];

	switch (cs_classify(label, cs, sizeof(cs))) {
	case CS_UTF8:
		conv_utf8(out, s, n, rep);
		break;
	case CS_ASCII:
		conv_guess(out, s, n, rep);
		break;
	case CS_ICONV:
		if (conv_iconv(out, cs, s, n, rep) == 0) {
			break;
		}
		conv_cp1252(out, s, n, rep);
		break;
	default:
		conv_cp1252(out, s, n, rep);
		break;
	}
}

/* ---- header block ---- */

/* Length of the field name if line is "name:" or obsolete "name :". */
static size_t
field_name_len(const char *p, size_t len)
{
	size_t i, j;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == ':' || is_wsp(c)) {
			break;
		}
		if (c < 33 || c > 126) {
			return 0;
		}
	}
	for (j = i; j < len && is_wsp((unsigned char)p[j]); j++) {
		continue;
	}
	if (i == 0 || j == len || p[j] != ':') {
		return 0;
	}
	return i;
}

/* The line at off: its length without CR LF, and where the next starts. */
static size_t
line_at(const char *p, size_t len, size_t off, size_t *next)
{
	const char *nl;
	size_t end;

	nl = memchr(p + off, '\n', len - off);
	end = nl != NULL ? (size_t)(nl - p) : len;
	*next = nl != NULL ? end + 1 : len;
	if (end > off && p[end - 1] == '\r') {
		end--;
	}
	return end - off;
}

static void
field_add(struct entity *e, size_t *cap, const char *line, size_t namelen,
    size_t linelen)
{
	struct field *f;
	size_t v = namelen;

	while (line[v] != ':') {
		v++;
	}
	if (e->nf == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		e->f = xreallocarray(e->f, *cap, sizeof(*e->f));
	}
	f = &e->f[e->nf++];
	f->name = line;
	f->namelen = namelen;
	f->val = line + v + 1;
	f->vallen = linelen - v - 1;
}

/*
 * Split p[0..len) into header fields and body.  A garbage line inside the
 * header block is skipped (damaged) when a field follows it, else the body
 * starts there.  -1 only for HS_TOP when no field comes first.
 */
static int
hdr_scan(const char *p, size_t len, int mode, struct entity *e)
{
	size_t off = 0, next, ll, nl, nn, nnext, cap = 0;

	memset(e, 0, sizeof(*e));
	if (mode == HS_TOP && len >= 5 && memcmp(p, "From ", 5) == 0) {
		line_at(p, len, 0, &off);	/* mbox separator */
	}
	while (off < len) {
		ll = line_at(p, len, off, &next);
		if (ll == 0 && mode != HS_ALL) {
			off = next;
			break;
		}
		if (ll > 0 && is_wsp((unsigned char)p[off]) && e->nf > 0) {
			e->f[e->nf - 1].vallen = off + ll -
			    (size_t)(e->f[e->nf - 1].val - p);
		} else if ((nl = field_name_len(p + off, ll)) > 0) {
			field_add(e, &cap, p + off, nl, ll);
		} else if (ll > 0 && mode != HS_ALL) {
			if (e->nf == 0 && mode == HS_TOP) {
				return -1;
			}
			e->damaged = e->nf > 0;
			nn = next < len ? line_at(p, len, next, &nnext) : 0;
			if (e->nf == 0 || nn == 0 ||
			    field_name_len(p + next, nn) == 0) {
				break;		/* the body starts here */
			}
		}
		off = next;
	}
	if (mode == HS_TOP && e->nf == 0) {
		return -1;
	}
	e->body = p + off;
	e->bodylen = len - off;
	return 0;
}

static void
entity_free(struct entity *e)
{
	free(e->f);
	e->f = NULL;
	e->nf = 0;
}

static const struct field *
field_get(const struct entity *e, const char *name, size_t from)
{
	size_t i, n = strlen(name);

	for (i = from; i < e->nf; i++) {
		if (e->f[i].namelen == n &&
		    strncasecmp(e->f[i].name, name, n) == 0) {
			return &e->f[i];
		}
	}
	return NULL;
}

/* The value with folding removed and white space trimmed; *n its length
 * (NUL bytes may be inside).  Caller frees. */
static char *
field_unfold(const struct field *f, size_t *n)
{
	char *s;
	size_t i, o = 0;

	s = xmalloc(f->vallen + 1);
	for (i = 0; i < f->vallen; i++) {
		if (f->val[i] != '\r' && f->val[i] != '\n') {
			s[o++] = f->val[i];
		}
	}
	while (o > 0 && is_wsp((unsigned char)s[o - 1])) {
		o--;
	}
	for (i = 0; i < o && is_wsp((unsigned char)s[i]); i++) {
		continue;
	}
	memmove(s, s + i, o - i);
	o -= i;
	s[o] = '\0';
	if (n != NULL) {
		*n = o;
	}
	return s;
}

/* Unfolded value of the first field called name, or NULL. */
static char *
hdr_value(const struct entity *e, const char *name, size_t *n)
{
	const struct field *f;

	f = field_get(e, name, 0);
	return f != NULL ? field_unfold(f, n) : NULL;
}

/* ---- RFC 2047 ---- */

struct ew {
	char		 cs[65];
	int		 enc;
	const char	*txt;
	size_t		 txtlen;
	size_t		 total;
};

/*
 * An encoded word "=?cs?E?text?=" at s.  *dead remembers where a failed
 * text scan stopped: words starting before it fail the same way, which
 * keeps "=?a?q?x=?a?q?x..." linear.
 */
static int
ew_parse(const char *s, size_t len, size_t pos, size_t *dead, struct ew *w)
{
	size_t i = 2, n = 0;
	unsigned char c;

	if (len - pos < 8 || s[pos] != '=' || s[pos + 1] != '?') {
		return 0;
	}
	s += pos;
	len -= pos;
	for (; i < len && s[i] != '?' && n < 64; i++) {
		c = (unsigned char)s[i];
		if (c <= ' ' || c >= 127) {
			return 0;
		}
		w->cs[n++] = (char)c;
	}
	w->cs[n] = '\0';
	if (n == 0 || i + 3 >= len || s[i] != '?' || s[i + 2] != '?') {
		return 0;
	}
	w->enc = tolower((unsigned char)s[i + 1]);
	if (w->enc != 'b' && w->enc != 'q') {
		return 0;
	}
	i += 3;
	if (pos + i < *dead) {
		return 0;
	}
	w->txt = s + i;
	for (; i + 1 < len && !(s[i] == '?' && s[i + 1] == '='); i++) {
		c = (unsigned char)s[i];
		/* raw 8-bit bytes are the charset's (Eudora writes them) */
		if (c <= ' ' || c == 127) {
			break;
		}
	}
	if (i + 1 >= len || s[i] != '?') {
		*dead = pos + i;
		return 0;
	}
	w->txtlen = (size_t)(s + i - w->txt);
	w->total = i + 2;
	return 1;
}

static void
ew_bytes(const struct ew *w, struct buf *b)
{
	unsigned char *t;
	size_t n;

	t = xmalloc(w->txtlen + 4);
	if (w->enc == 'b') {
		n = b64_decode(w->txt, w->txtlen, t);
	} else {
		n = qp_decode(w->txt, w->txtlen, t, 1);
	}
	buf_add(b, t, n);
	free(t);
}

/*
 * One line of clean UTF-8 from valid UTF-8: white space folded to single
 * spaces and trimmed, other controls (C0, DEL and utf8_unsafe()'s: C1,
 * bidirectional overrides) U+FFFD.
 */
static char *
oneline(const char *s, size_t n, size_t *rep)
{
	struct buf b;
	unsigned char c;
	uint32_t cp;
	size_t i, k;
	int sp = 0;

	buf_init(&b);
	for (i = 0; i < n; i += k) {
		c = (unsigned char)s[i];
		k = c >= 0x80 ? utf8_decode(s + i, n - i, &cp) : 1;
		k = k == 0 ? 1 : k;
		if (is_space(c)) {
			sp = 1;
			continue;
		}
		if (sp && b.len > 0) {
			buf_addc(&b, ' ');
		}
		sp = 0;
		if (c < 0x20 || c == 0x7f || (k > 1 && utf8_unsafe(cp))) {
			buf_adds(&b, FFFD);
			(*rep)++;
		} else {
			buf_add(&b, s + i, k);
		}
	}
	return buf_steal(&b);
}

static void
ew_flush(struct buf *out, struct buf *pend, const char *cs, size_t *rep)
{
	if (pend->len > 0) {
		conv_append(out, cs, pend->data, pend->len, rep);
		buf_reset(pend);
	}
}

static int
all_wsp(const struct buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++) {
		if (!is_space((unsigned char)b->data[i])) {
			return 0;
		}
	}
	return 1;
}

/*
 * RFC 2047 words (also inside quotes and words, as mailers write them)
 * and raw bytes (UTF-8 if valid, else windows-1252) to one line of UTF-8.
 * Adjacent words lose the white space between them, and adjacent words in
 * one charset are converted together: a character may be split across.
 */
static char *
hdr_decode(const char *s, size_t len, size_t *rep)
{
	struct buf out, raw, pend;
	char pcs[65] = "";
	struct ew w;
	size_t i = 0, dead = 0;
	int after_ew = 0;
	char *r;

	buf_init(&out);
	buf_init(&raw);
	buf_init(&pend);
	while (i < len) {
		if (s[i] != '=' || !ew_parse(s, len, i, &dead, &w)) {
			buf_addc(&raw, s[i++]);
			continue;
		}
		if (after_ew && all_wsp(&raw)) {
			buf_reset(&raw);
		}
		if (raw.len > 0 || strcasecmp(pcs, w.cs) != 0) {
			ew_flush(&out, &pend, pcs, rep);
			conv_guess(&out, raw.data, raw.len, rep);
			buf_reset(&raw);
		}
		snprintf(pcs, sizeof(pcs), "%s", w.cs);
		ew_bytes(&w, &pend);
		after_ew = 1;
		i += w.total;
	}
	ew_flush(&out, &pend, pcs, rep);
	conv_guess(&out, raw.data, raw.len, rep);
	r = oneline(out.data, out.len, rep);
	buf_free(&out);
	buf_free(&raw);
	buf_free(&pend);
	return r;
}

char *
mime_decode_header(const char *raw)
{
	struct field f;
	size_t n, rep = 0;
	char *u, *r;

	if (raw == NULL) {
		return NULL;
	}
	f.val = raw;
	f.vallen = strlen(raw);
	u = field_unfold(&f, &n);
	r = hdr_decode(u, n, &rep);
	free(u);
	return r;
}

/* Decoded one-line value of the first field name, or NULL. */
static char *
hdr_text(struct walk *w, const struct entity *e, const char *name)
{
	char *v, *r;
	size_t n;

	if ((v = hdr_value(e, name, &n)) == NULL) {
		return NULL;
	}
	r = hdr_decode(v, n, &w->rep);
	free(v);
	return r;
}

/* ---- parameters (RFC 2045, RFC 2231) ---- */

/*
 * A parameter value at v[*i]: quoted or up to ';'.  In quotes only \" and
 * \\ are escapes: Windows paths ("C:\dir\a.pdf") keep their separators.
 */
static char *
param_val(const char *v, size_t n, size_t *i)
{
	struct buf b;
	size_t j = *i, start = *i;

	if (j >= n || v[j] != '"') {
		for (; j < n && v[j] != ';'; j++) {
			continue;
		}
		*i = j;
		return str_trim(v + start, j - start);
	}
	buf_init(&b);
	for (j++; j < n && v[j] != '"'; j++) {
		if (v[j] == '\\' && j + 1 < n &&
		    (v[j + 1] == '"' || v[j + 1] == '\\')) {
			j++;
		}
		buf_addc(&b, v[j]);
	}
	*i = j < n ? j + 1 : n;
	return buf_steal(&b);
}

/*
 * "first; a=1; b="x y"" — lenient: unquoted values may hold spaces, a
 * missing closing quote ends at the end.  Returns 0; first is "" if none.
 */
static void
hval_parse(const char *v, size_t n, struct hval *h)
{
	size_t i = 0, j, cap = 0;
	struct param *p;

	memset(h, 0, sizeof(*h));
	for (j = 0; j < n && v[j] != ';'; j++) {
		continue;
	}
	h->first = str_trim(v, j);
	str_lower(h->first);
	i = j;
	while (i < n && h->np < MIME_MAX_PARAMS) {
		for (i++; i < n && is_space((unsigned char)v[i]); i++) {
			continue;
		}
		for (j = i; j < n && v[j] != '=' && v[j] != ';'; j++) {
			continue;
		}
		if (j == n || v[j] == ';' || j == i) {
			i = j;
			continue;
		}
		if (h->np == cap) {
			cap = cap ? cap * 2 : 4;
			h->p = xreallocarray(h->p, cap, sizeof(*h->p));
		}
		p = &h->p[h->np++];
		p->name = str_trim(v + i, j - i);
		str_lower(p->name);
		for (j++; j < n && is_space((unsigned char)v[j]); j++) {
			continue;
		}
		p->val = param_val(v, n, &j);
		for (i = j; i < n && v[i] != ';'; i++) {
			continue;
		}
	}
}

static void
hval_free(struct hval *h)
{
	size_t i;

	for (i = 0; i < h->np; i++) {
		free(h->p[i].name);
		free(h->p[i].val);
	}
	free(h->p);
	free(h->first);
	memset(h, 0, sizeof(*h));
}

static const char *
hval_get(const struct hval *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->np; i++) {
		if (strcmp(h->p[i].name, name) == 0) {
			return h->p[i].val;
		}
	}
	return NULL;
}

/* RFC 2231 %XX into b. */
static void
pct_decode(struct buf *b, const char *s)
{
	int hi, lo;

	for (; *s != '\0'; s++) {
		if (*s == '%' && (hi = hexval((unsigned char)s[1])) >= 0 &&
		    (lo = hexval((unsigned char)s[2])) >= 0) {
			buf_addc(b, hi << 4 | lo);
			s += 2;
		} else {
			buf_addc(b, *s);
		}
	}
}

/* charset'language'rest: copies the charset, returns rest. */
static const char *
ext_split(const char *v, char *cs, size_t cslen)
{
	const char *q1, *q2;

	cs[0] = '\0';
	if ((q1 = strchr(v, '\'')) == NULL ||
	    (q2 = strchr(q1 + 1, '\'')) == NULL) {
		return v;
	}
	snprintf(cs, cslen, "%.*s", (int)(q1 - v), v);
	return q2 + 1;
}

/* The RFC 2231 value of name (name*, or name*0, name*1*, ...). */
static char *
param_2231(const struct hval *h, const char *name, size_t *rep)
{
	char key[80], cs[65] = "";
	struct buf b, out;
	const char *v;
	int k, found = 0;

	buf_init(&b);
	snprintf(key, sizeof(key), "%s*", name);
	if ((v = hval_get(h, key)) != NULL) {
		pct_decode(&b, ext_split(v, cs, sizeof(cs)));
		found = 1;
	}
	for (k = 0; !found && k < MIME_MAX_PARAMS; k++) {
		snprintf(key, sizeof(key), "%s*%d*", name, k);
		if ((v = hval_get(h, key)) != NULL) {
			pct_decode(&b, k == 0 ? ext_split(v, cs, sizeof(cs)) :
			    v);
			continue;
		}
		snprintf(key, sizeof(key), "%s*%d", name, k);
		if ((v = hval_get(h, key)) == NULL) {
			found = k > 0;
			break;
		}
		buf_adds(&b, v);
	}
	if (k == MIME_MAX_PARAMS) {
		found = 1;
	}
	if (!found) {
		buf_free(&b);
		return NULL;
	}
	buf_init(&out);
	conv_append(&out, cs, b.data, b.len, rep);
	buf_free(&b);
	b.data = oneline(out.data, out.len, rep);
	buf_free(&out);
	return b.data;
}

/* Parameter name decoded (RFC 2231, else RFC 2047 or raw), or NULL. */
static char *
param_text(const struct hval *h, const char *name, size_t *rep)
{
	const char *v;
	char *r;

	if ((r = param_2231(h, name, rep)) != NULL) {
		return r;
	}
	if ((v = hval_get(h, name)) == NULL) {
		return NULL;
	}
	return hdr_decode(v, strlen(v), rep);
}

/* Parse field name of e into h; 0, or -1 if there is none. */
static int
hval_field(const struct entity *e, const char *name, struct hval *h)
{
	char *v;
	size_t n;

	memset(h, 0, sizeof(*h));
	if ((v = hdr_value(e, name, &n)) == NULL) {
		return -1;
	}
	hval_parse(v, n, h);
	free(v);
	return 0;
}

/* A usable "type/subtype": token characters, one slash. */
static int
ctype_ok(const char *t)
{
	const char *sl = strchr(t, '/');
	const char *p;

	if (sl == NULL || sl == t || sl[1] == '\0' || strchr(sl + 1, '/')) {
		return 0;
	}
	for (p = t; *p != '\0'; p++) {
		if (*p != '/' && (*p <= ' ' || *p >= 127 ||
		    strchr("()<>@,;:\\\"[]?=", *p) != NULL)) {
			return 0;
		}
	}
	return 1;
}

/* Content-Type of e, or deftype when missing or unusable. */
static void
ctype_get(struct walk *w, const struct entity *e, const char *deftype,
    struct hval *ct)
{
	int have;

	have = hval_field(e, "Content-Type", ct) == 0;
	if (have && ctype_ok(ct->first)) {
		return;
	}
	if (have && ct->first[0] != '\0') {
		w->malformed = 1;
	}
	free(ct->first);
	ct->first = xstrdup(deftype);
}

/* ---- addresses ---- */

/* An address we keep: local@domain, no white space, controls, brackets. */
static int
addr_ok(const char *a)
{
	const char *at = strrchr(a, '@');
	const unsigned char *p;

	if (at == NULL || at == a || at[1] == '\0' ||
	    !utf8_valid(a, strlen(a))) {
		return 0;
	}
	for (p = (const unsigned char *)a; *p != '\0'; p++) {
		if (*p <= ' ' || *p == 0x7f || strchr("<>()[],;:\\\"", *p)) {
			return 0;
		}
	}
	return 1;
}

static void
addrv_push(struct addrv *v, const char *addr, const char *name,
    size_t *rep)
{
	struct mime_address *a;
	char *q;
	size_t n;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->v = xreallocarray(v->v, v->cap, sizeof(*v->v));
	}
	a = &v->v[v->n++];
	a->addr = xstrdup(addr);
	str_lower(a->addr);
	a->name = NULL;
	if (name == NULL) {
		return;
	}
	/* libetpan keeps the quotes around words with encoded-words */
	n = strlen(name);
	q = n >= 2 && name[0] == '"' && name[n - 1] == '"' ?
	    xstrndup(name + 1, n - 2) : xstrdup(name);
	a->name = hdr_decode(q, strlen(q), rep);
	free(q);
	if (a->name[0] == '\0') {
		free(a->name);
		a->name = NULL;
	}
}

static void
addrv_free(struct addrv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->v[i].addr);
		free(v->v[i].name);
	}
	free(v->v);
	memset(v, 0, sizeof(*v));
}

/*
 * A mailbox from mailimf, if the header really holds its address: mailimf
 * joins words around white space, so "tim@a.com concierge@a.com" comes
 * back as one glued address and "Big Bug bb@bug.com" as "BigBugbb@bug.com".
 * An address that is not in the text as written is refused, and the
 * lenient reader looks at the words.  *from moves past each address found
 * (they come in order), which keeps long lists linear.
 */
static int
etpan_mailbox(struct addrv *v, struct mailimf_mailbox *mb, const char **from,
    size_t *rep)
{
	const char *at;

	if (mb->mb_addr_spec == NULL || !addr_ok(mb->mb_addr_spec) ||
	    (at = strcasestr(*from, mb->mb_addr_spec)) == NULL) {
		return -1;
	}
	*from = at + strlen(mb->mb_addr_spec);
	addrv_push(v, mb->mb_addr_spec, mb->mb_display_name, rep);
	return 0;
}

/*
 * Skip white space, list separators and (nested) comments from *i; the
 * text of the first comment goes to *comment.  0 if that reaches n.
 */
static int
addr_tail(const char *s, size_t n, size_t i, char **comment)
{
	size_t start = 0;
	int depth = 0;

	for (; i < n; i++) {
		if (depth == 0 && strchr(" \t,;", s[i]) != NULL) {
			continue;
		}
		if (s[i] == '(') {
			if (depth++ == 0) {
				start = i + 1;
			}
		} else if (s[i] == ')' && depth > 0) {
			if (--depth == 0 && *comment == NULL) {
				*comment = xstrndup(s + start, i - start);
			}
		} else if (depth == 0) {
			return -1;
		}
	}
	return 0;
}

/* The list by mailimf: 0, or -1 when it fails or yields junk. */
static int
addr_etpan(struct addrv *v, const char *s, size_t n, size_t *rep)
{
	struct mailimf_address_list *al = NULL;
	struct mailimf_address *ad;
	clistiter *it, *jt;
	char *comment = NULL;
	const char *from = s;
	size_t idx = 0;
	int rc = -1;

	if (n > ETPAN_MAX ||
	    mailimf_address_list_parse(s, n, &idx, &al) != MAILIMF_NO_ERROR ||
	    addr_tail(s, n, idx, &comment) == -1) {
		goto done;
	}
	for (it = clist_begin(al->ad_list); it != NULL; it = clist_next(it)) {
		ad = clist_content(it);
		if (ad->ad_type == MAILIMF_ADDRESS_MAILBOX) {
			if (etpan_mailbox(v, ad->ad_data.ad_mailbox, &from, rep)
			    == -1) {
				goto done;
			}
			continue;
		}
		if (ad->ad_data.ad_group->grp_mb_list == NULL) {
			continue;
		}
		for (jt = clist_begin(ad->ad_data.ad_group->grp_mb_list->mb_list);
		    jt != NULL; jt = clist_next(jt)) {
			if (etpan_mailbox(v, clist_content(jt), &from, rep)
			    == -1) {
				goto done;
			}
		}
	}
	/* "addr (Name)", the old form */
	if (v->n == 1 && v->v[0].name == NULL && comment != NULL) {
		v->v[0].name = hdr_decode(comment, strlen(comment), rep);
		if (v->v[0].name[0] == '\0') {
			free(v->v[0].name);
			v->v[0].name = NULL;
		}
	}
	rc = 0;
done:
	if (al != NULL) {
		mailimf_address_list_free(al);
	}
	free(comment);
	return rc;
}

/*
 * s[0..n) without RFC 5322 comments (nested, with \-escapes; not inside
 * quotes).  A comment inside a word ("budi(kantor)@example.org") is
 * dropped; one between words becomes a space, and the first of those is
 * *comment (the old "addr (Name)" form), when comment is not NULL.
 */
static char *
addr_uncomment(const char *s, size_t n, char **comment)
{
	struct buf b, c;
	size_t i;
	int depth = 0, quoted = 0, open_sp = 0;

	buf_init(&b);
	buf_init(&c);
	for (i = 0; i < n; i++) {
		if (depth == 0 && s[i] == '"') {
			quoted = !quoted;
		} else if (!quoted && s[i] == '(') {
			open_sp |= depth++ == 0 && (b.len == 0 ||
			    is_space((unsigned char)b.data[b.len - 1]));
			continue;
		} else if (depth > 0 && s[i] == ')') {
			if (--depth == 0 && open_sp && (i + 1 == n ||
			    is_space((unsigned char)s[i + 1]) || s[i + 1] == ',')) {
				buf_addc(&b, ' ');
				if (comment != NULL && *comment == NULL) {
					*comment = xstrndup(c.data, c.len);
				}
			}
			open_sp = depth > 0 && open_sp;
			buf_reset(&c);
			continue;
		}
		if (depth > 0) {
			if (s[i] == '\\' && i + 1 < n) {
				i++;
			}
			buf_addc(&c, s[i]);
			continue;
		}
		buf_addc(&b, s[i]);
	}
	buf_free(&c);
	return buf_steal(&b);
}

/* s without white space (CFWS around "@" and dots). */
static char *
addr_squeeze(const char *s)
{
	struct buf b;

	buf_init(&b);
	for (; *s != '\0'; s++) {
		if (!is_space((unsigned char)*s)) {
			buf_addc(&b, *s);
		}
	}
	return buf_steal(&b);
}

/*
 * "Name addr" without brackets: the word with an "@" is the address, the
 * other words (or a comment) the name — "Big Bug bb@bug.com".  With two
 * different addresses ("tim@a.com concierge@a.com") nobody can tell whose
 * mail it is: one: nothing (the sender stays unknown rather than a guess,
 * let alone the glued pair); else each address (a recipient list).
 */
static void
addr_words(struct addrv *v, const char *s, int one, size_t *rep)
{
	struct buf name;
	const char *w, *addr = NULL;
	size_t k, naddr = 0, alen = 0;
	char *comment = NULL, *t, *a;

	t = addr_uncomment(s, strlen(s), &comment);
	buf_init(&name);
	for (w = t; *w != '\0'; w += k) {
		w += strspn(w, " \t\r\n");
		if ((k = strcspn(w, " \t\r\n")) == 0) {
			break;
		}
		if (memchr(w, '@', k) == NULL) {
			buf_printf(&name, "%s%.*s", name.len ? " " : "", (int)k, w);
			continue;
		}
		if (addr == NULL || alen != k || strncasecmp(addr, w, k) != 0) {
			naddr++;
		}
		addr = w;
		alen = k;
		a = xstrndup(w, k);
		if (!one && addr_ok(a)) {
			addrv_push(v, a, NULL, rep);
		}
		free(a);
	}
	if (one && naddr == 1) {
		a = xstrndup(addr, alen);
		if (addr_ok(a)) {
			addrv_push(v, a, name.len ? name.data : comment, rep);
		}
		free(a);
	}
	buf_free(&name);
	free(comment);
	free(t);
}

/* One lenient list item: "Name <addr", "Name <a(comment)@b>", "addr
 * (Name)", "Name addr". */
static void
addr_item(struct addrv *v, const char *s, size_t n, int one, size_t *rep)
{
	const char *lt, *gt;
	char *addr, *name, *raw, *t;

	if ((lt = memchr(s, '<', n)) == NULL) {
		t = xstrndup(s, n);
		addr_words(v, t, one, rep);
		free(t);
		return;
	}
	gt = memchr(lt, '>', n - (size_t)(lt - s));
	raw = addr_uncomment(lt + 1, (size_t)((gt ? gt : s + n) - lt - 1),
	    NULL);
	addr = addr_squeeze(raw);
	name = str_trim(s, (size_t)(lt - s));
	if (addr_ok(addr)) {
		addrv_push(v, addr, *name ? name : NULL, rep);
	}
	free(raw);
	free(addr);
	free(name);
}

/* Split at commas outside quotes, comments and angle brackets; one: a
 * single mailbox is wanted (From, Sender). */
static void
addr_lenient(struct addrv *v, const char *s, size_t n, int one, size_t *rep)
{
	size_t i, start = 0;
	int quoted = 0, angle = 0, depth = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] == '"' && depth == 0) {
			quoted = !quoted;
		} else if (i < n && !quoted && s[i] == '(') {
			depth++;
		} else if (i < n && !quoted && s[i] == ')' && depth > 0) {
			depth--;
		} else if (i < n && !quoted && s[i] == '<') {
			angle = 1;
		} else if (i < n && !quoted && s[i] == '>') {
			angle = 0;
		}
		if (i == n || (s[i] == ',' && !quoted && !angle && depth == 0)) {
			addr_item(v, s + start, i - start, one, rep);
			start = i + 1;
		}
	}
}

/* Every field name of e into v; 1 when one of them was damaged.  one:
 * the field names one mailbox (From, Sender). */
static int
addr_fields(struct walk *w, const struct entity *e, const char *name,
    int one, struct addrv *v)
{
	const struct field *f;
	struct addrv t;
	size_t i, n;
	char *s;
	int bad = 0;

	for (i = 0; (f = field_get(e, name, i)) != NULL;
	    i = (size_t)(f - e->f) + 1) {
		s = field_unfold(f, &n);
		memset(&t, 0, sizeof(t));
		if (addr_etpan(&t, s, n, &w->rep) == -1) {
			addrv_free(&t);
			addr_lenient(&t, s, n, one, &w->rep);
			bad = 1;
		}
		for (n = 0; n < t.n; n++) {
			addrv_push(v, t.v[n].addr, NULL, &w->rep);
			v->v[v->n - 1].name = t.v[n].name;
			t.v[n].name = NULL;
		}
		addrv_free(&t);
		free(s);
	}
	return bad;
}

/* The address inside <...> or the first word, lower-cased; "" for <>. */
static char *
addr_bare(const char *s)
{
	const char *lt, *gt;
	size_t n;
	char *r;

	if ((lt = strchr(s, '<')) != NULL) {
		gt = strchr(lt, '>');
		r = str_trim(lt + 1, gt ? (size_t)(gt - lt - 1) : strlen(lt + 1));
	} else {
		for (n = 0; s[n] != '\0' && !is_space((unsigned char)s[n]); n++) {
			continue;
		}
		r = xstrndup(s, n);
	}
	str_lower(r);
	return r;
}

/*
 * "mailer-daemon@..." or "postmaster@..." (or bare): the names MTAs sign
 * their reports with (Exchange's NDRs, sendmail's "Postmaster"), so mail
 * from them is a null sender — recorded, never a case, never answered:
 * an automatic answer to another system's postmaster can start a loop.
 * RFC 5321 wants postmaster read by a person, and a person may write
 * from it; that mail is still kept (unfiled), it only gets no reply.
 */
static int
addr_is_daemon(const char *a)
{
	static const char *const who[] = { "mailer-daemon", "postmaster" };
	size_t i, n;

	for (i = 0; a != NULL && i < 2; i++) {
		n = strlen(who[i]);
		if (strncasecmp(a, who[i], n) == 0 &&
		    (a[n] == '@' || a[n] == '\0')) {
			return 1;
		}
	}
	return 0;
}

/* A no-reply address (limit.h): nobody reads what is sent there. */
static int
addr_is_noreply(const char *a)
{
	return limit_noreply(a);
}

/* ---- message ids, dates ---- */

static int
id_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > MIME_MAX_ID || !utf8_valid(s, n)) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == 0x7f || c == '<' || c == '>') {
			return 0;
		}
	}
	return 1;
}

/* Append to a vector whose capacity is the next power of two. */
static void
strv_push(char ***v, size_t *n, const char *s, size_t len)
{
	if ((*n & (*n - 1)) == 0) {
		*v = xreallocarray(*v, *n ? *n * 2 : 1, sizeof(**v));
	}
	(*v)[(*n)++] = xstrndup(s, len);
}

/* Ids in "<a@b> <c@d>", or bare "a@b" words when no bracket at all. */
static void
ids_parse(const char *s, size_t n, char ***v, size_t *nv)
{
	size_t i, open = (size_t)-1, start;

	if (memchr(s, '<', n) != NULL) {
		for (i = 0; i < n; i++) {
			if (s[i] == '<') {
				open = i;
			} else if (s[i] == '>' && open != (size_t)-1) {
				if (id_ok(s + open + 1, i - open - 1)) {
					strv_push(v, nv, s + open + 1,
					    i - open - 1);
				}
				open = (size_t)-1;
			}
		}
		return;
	}
	for (i = 0; i < n; i = start) {
		while (i < n && (is_space((unsigned char)s[i]) || s[i] == ',')) {
			i++;
		}
		for (start = i; start < n && !is_space((unsigned char)s[start]) &&
		    s[start] != ','; start++) {
			continue;
		}
		if (start > i && memchr(s + i, '@', start - i) != NULL &&
		    id_ok(s + i, start - i)) {
			strv_push(v, nv, s + i, start - i);
		}
	}
}

/* The first id of field name, or NULL. */
static char *
id_first(const struct entity *e, const char *name, int *present)
{
	char **v = NULL, *r = NULL, *s;
	size_t nv = 0, n;

	if ((s = hdr_value(e, name, &n)) == NULL) {
		*present = 0;
		return NULL;
	}
	*present = 1;
	ids_parse(s, n, &v, &nv);
	if (nv > 0) {
		r = v[0];
		v[0] = NULL;
	}
	xfree_strv(v, nv);
	free(s);
	return r;
}

static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* RFC 5322 date to UTC; 0 when it makes no sense. */
static time_t
date_parse(const char *s, size_t n)
{
	struct mailimf_date_time *dt = NULL;
	long long y, t, z;
	size_t idx = 0;

	if (mailimf_date_time_parse(s, n > 256 ? 256 : n, &idx, &dt) !=
	    MAILIMF_NO_ERROR) {
		return 0;
	}
	y = dt->dt_year;
	y += y < 50 ? 2000 : y < 1000 ? 1900 : 0;	/* obsolete years */
	z = dt->dt_zone < 0 ? -dt->dt_zone : dt->dt_zone;
	t = 0;
	if (y >= 1970 && y <= 9999 && dt->dt_month >= 1 && dt->dt_month <= 12 &&
	    dt->dt_day >= 1 && dt->dt_day <= 31 && dt->dt_hour >= 0 &&
	    dt->dt_hour <= 23 && dt->dt_min >= 0 && dt->dt_min <= 59 &&
	    dt->dt_sec >= 0 && dt->dt_sec <= 60 && z % 100 < 60 && z <= 1400) {
		z = (z / 100 * 60 + z % 100) * 60;
		t = days_from_civil(y, dt->dt_month, dt->dt_day) * 86400 +
		    dt->dt_hour * 3600 + dt->dt_min * 60 + dt->dt_sec -
		    (dt->dt_zone < 0 ? -z : z);
	}
	mailimf_date_time_free(dt);
	return t > 0 ? (time_t)t : 0;
}

/* ---- the header of the message ---- */

static void
msg_from(struct walk *w, const struct entity *e)
{
	static const char *const src[] = { "From", "Sender" };
	struct mime_msg *m = w->m;
	struct addrv v;
	size_t i;
	int bad;

	for (i = 0; i < 2 && m->from.addr == NULL; i++) {
		memset(&v, 0, sizeof(v));
		bad = addr_fields(w, e, src[i], 1, &v);
		if (i == 0 && (bad || v.n == 0)) {
			w->malformed = 1;
		}
		if (v.n > 0) {
			m->from = v.v[0];
			v.v[0].addr = NULL;
			v.v[0].name = NULL;
		}
		addrv_free(&v);
	}
	if (m->from.addr == NULL && m->return_path != NULL &&
	    addr_ok(m->return_path)) {
		m->from.addr = xstrdup(m->return_path);
	}
}

static void
msg_rcpts(struct walk *w, const struct entity *e)
{
	struct mime_msg *m = w->m;
	static const char *const dt[] = {
		"Delivered-To", "X-Original-To", "Envelope-To"
	};
	const struct field *f;
	struct addrv v;
	size_t i, j, n;
	char *s, *a;

	memset(&v, 0, sizeof(v));
	addr_fields(w, e, "To", 0, &v);
	addr_fields(w, e, "Cc", 0, &v);
	m->to = v.v;
	m->nto = v.n;
	for (i = 0; i < e->nf && m->ndelivered_to < MIME_MAX_DELIVERED; i++) {
		for (j = 0; j < 3; j++) {
			f = &e->f[i];
			if (f->namelen != strlen(dt[j]) ||
			    strncasecmp(f->name, dt[j], f->namelen) != 0) {
				continue;
			}
			s = field_unfold(f, &n);
			a = addr_bare(s);
			for (n = 0; n < m->ndelivered_to &&
			    strcmp(m->delivered_to[n], a) != 0; n++) {
				continue;
			}
			if (addr_ok(a) && n == m->ndelivered_to) {
				strv_push(&m->delivered_to, &m->ndelivered_to,
				    a, strlen(a));
			}
			free(a);
			free(s);
		}
	}
}

static void
msg_ids(struct walk *w, const struct entity *e)
{
	struct mime_msg *m = w->m;
	int present;
	size_t n;
	char *s;

	m->message_id = id_first(e, "Message-ID", &present);
	if (m->message_id == NULL) {
		m->flags |= MIME_F_NO_MESSAGE_ID;
		if (present) {
			w->malformed = 1;
		}
	}
	m->in_reply_to = id_first(e, "In-Reply-To", &present);
	if ((s = hdr_value(e, "References", &n)) != NULL) {
		ids_parse(s, n, &m->references, &m->nreferences);
		free(s);
	}
	if ((s = hdr_value(e, "Date", &n)) != NULL) {
		m->date = date_parse(s, n);
		free(s);
	}
	if (m->date == 0) {
		w->malformed = 1;
	}
}

/* 1 if the list "a, b c" holds token t (ASCII case-insensitive). */
static int
has_token(const char *s, const char *t)
{
	size_t n = strlen(t), k;

	while (*s != '\0') {
		s += strspn(s, " \t,;");
		k = strcspn(s, " \t,;");
		if (k == n && strncasecmp(s, t, n) == 0) {
			return 1;
		}
		s += k;
	}
	return 0;
}

/* Auto-Submitted and friends, Precedence, List-*, our loop header. */
static void
msg_indicators(const struct entity *e, struct mime_msg *m)
{
	char *v;

	if ((v = hdr_value(e, "Auto-Submitted", NULL)) != NULL) {
		if (strncasecmp(v, "no", 2) != 0 || isalnum((unsigned char)v[2])) {
			m->flags |= MIME_F_AUTO_SUBMITTED;
		}
		free(v);
	}
	if (field_get(e, "X-Autoreply", 0) || field_get(e, "X-Autorespond", 0)) {
		m->flags |= MIME_F_AUTO_SUBMITTED;
	}
	if ((v = hdr_value(e, "X-Auto-Response-Suppress", NULL)) != NULL) {
		if (has_token(v, "OOF") || has_token(v, "AutoReply") ||
		    has_token(v, "All")) {
			m->flags |= MIME_F_AUTO_SUBMITTED;
		}
		free(v);
	}
	if ((v = hdr_value(e, "Precedence", NULL)) != NULL) {
		str_lower(v);
		if (strstr(v, "bulk") || strstr(v, "junk") || strstr(v, "list")) {
			m->flags |= MIME_F_BULK;
		} else if (strstr(v, "auto_reply")) {
			m->flags |= MIME_F_AUTO_SUBMITTED;
		}
		free(v);
	}
	if (field_get(e, "List-Id", 0) || field_get(e, "List-Unsubscribe", 0) ||
	    field_get(e, "List-Post", 0)) {
		m->flags |= MIME_F_LIST;
	}
	if (field_get(e, MIME_LOOP_HEADER, 0) != NULL) {
		m->flags |= MIME_F_LOOP;
	}
}

/* Every Authentication-Results field, in header order (topmost first):
 * which one counts is authres.c's decision. */
static void
msg_authres(const struct entity *e, struct mime_msg *m)
{
	const struct field *f;
	size_t i = 0, n, rep = 0;
	char *v, *t;

	while (m->nauth_results < MIME_MAX_AUTHRES &&
	    (f = field_get(e, "Authentication-Results", i)) != NULL) {
		i = (size_t)(f - e->f) + 1;
		v = field_unfold(f, &n);
		t = utf8_sanitize(v, n, &rep);
		m->auth_results = xreallocarray(m->auth_results,
		    m->nauth_results + 1, sizeof *m->auth_results);
		m->auth_results[m->nauth_results++] = oneline(t, strlen(t),
		    &rep);
		free(t);
		free(v);
	}
}

static void
msg_headers(struct walk *w, const struct entity *e)
{
	struct mime_msg *m = w->m;
	char *s, *t;
	size_t rep = 0;

	m->subject = hdr_text(w, e, "Subject");
	if (m->subject == NULL) {
		m->subject = xstrdup("");
	}
	if ((s = hdr_value(e, "Return-Path", NULL)) != NULL) {
		t = addr_bare(s);
		m->return_path = oneline(t, strlen(t), &rep);
		if (strchr(m->return_path, ' ') != NULL ||
		    !utf8_valid(m->return_path, strlen(m->return_path)) || rep) {
			m->return_path[0] = '\0';
		}
		free(t);
		free(s);
	}
	msg_from(w, e);
	if (addr_is_noreply(m->from.addr)) {
		m->flags |= MIME_F_NOREPLY;
	}
	msg_rcpts(w, e);
	msg_ids(w, e);
	msg_indicators(e, m);
	msg_authres(e, m);
	/* "From: MAILER-DAEMON (Mail Delivery System)" has no usable address */
	s = hdr_value(e, "From", NULL);
	t = s != NULL ? addr_bare(s) : NULL;
	if ((m->return_path != NULL && (m->return_path[0] == '\0' ||
	    addr_is_daemon(m->return_path))) || addr_is_daemon(m->from.addr) ||
	    addr_is_daemon(t)) {
		m->flags |= MIME_F_NULL_SENDER;
	}
	free(t);
	free(s);
	if (e->damaged) {
		w->malformed = 1;
	}
}

/* ---- text ---- */

/* RFC 3676: join soft-broken lines, undo space-stuffing. */
static char *
unflow(const char *s, int delsp)
{
	struct buf b;
	const char *line, *nl, *p;
	size_t n, depth, pdepth = 0;
	int open = 0, flowed;

	buf_init(&b);
	for (line = s; line != NULL; line = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		n = nl != NULL ? (size_t)(nl - line) : strlen(line);
		if (nl == NULL && n == 0) {
			break;
		}
		for (depth = 0; depth < n && line[depth] == '>'; depth++) {
			continue;
		}
		if (open && depth != pdepth) {
			buf_addc(&b, '\n');
			open = 0;
		}
		p = line + depth;
		n -= depth;
		if (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		flowed = n > 0 && p[n - 1] == ' ' &&
		    !(n == 3 && memcmp(p, "-- ", 3) == 0);
		if (!open && depth > 0) {
			for (pdepth = 0; pdepth < depth; pdepth++) {
				buf_addc(&b, '>');
			}
			buf_addc(&b, ' ');
		}
		buf_add(&b, p, n - (flowed && delsp ? 1 : 0));
		pdepth = depth;
		open = flowed;
		if (!flowed) {
			buf_addc(&b, '\n');
		}
	}
	if (open) {
		buf_addc(&b, '\n');
	}
	return buf_steal(&b);
}

/* Trailing white space and leading blank lines off, in place. */
static void
trim_text(char *s)
{
	size_t n = strlen(s), i = 0, j;

	while (n > 0 && is_space((unsigned char)s[n - 1])) {
		n--;
	}
	s[n] = '\0';
	for (j = 0; j < n && is_space((unsigned char)s[j]); j++) {
		if (s[j] == '\n') {
			i = j + 1;
		}
	}
	memmove(s, s + i, n - i + 1);
}

static void
text_add(struct walk *w, char *s)
{
	trim_text(s);
	if (*s == '\0') {
		return;
	}
	if (w->text.len > 0) {
		buf_adds(&w->text, "\n\n");
	}
	buf_adds(&w->text, s);
}

/*
 * The charset an HTML document declares itself, in the first bytes:
 * <meta charset="..."> or <meta http-equiv="Content-Type"
 * content="text/html; charset=...">.  Copied to cs; 1 if found.
 */
static int
html_meta_charset(const char *s, size_t n, char *cs, size_t cslen)
{
	const char *p = s, *end, *gt, *c;
	size_t k;

	n = n > 4096 ? 4096 : n;
	end = s + n;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		p++;
		gt = memchr(p, '>', (size_t)(end - p));
		if (gt == NULL) {
			return 0;
		}
		if (gt - p < 5 || strncasecmp(p, "meta", 4) != 0 ||
		    !is_space((unsigned char)p[4])) {
			continue;
		}
		for (c = p; c + 7 < gt && strncasecmp(c, "charset", 7) != 0; c++) {
			continue;
		}
		if (c + 7 >= gt) {
			continue;
		}
		for (c += 7; c < gt && (is_space((unsigned char)*c) ||
		    *c == '=' || *c == '"' || *c == '\''); c++) {
			continue;
		}
		for (k = 0; c + k < gt && k + 1 < cslen && (isalnum((unsigned
		    char)c[k]) || strchr("-_.:", c[k]) != NULL); k++) {
			continue;
		}
		if (k > 0 && k + 1 < cslen) {
			snprintf(cs, cslen, "%.*s", (int)k, c);
			return 1;
		}
	}
	return 0;
}

/* The charset of a text entity: its Content-Type's, else what an HTML
 * document says in its <meta>; NULL: unknown. */
static const char *
part_charset(const struct hval *ct, const char *raw, size_t n, char *cs,
    size_t cslen)
{
	const char *v = hval_get(ct, "charset");

	if (v != NULL || strcmp(ct->first, "text/html") != 0) {
		return v;
	}
	return html_meta_charset(raw, n, cs, cslen) ? cs : NULL;
}

/* The text of a text/plain or text/html entity.  A body labelled base64
 * that is not (b64_plausible) is read as it is. */
static char *
part_text(struct walk *w, const struct entity *e, const struct hval *ct)
{
	unsigned char *raw;
	char *cte, *s, *t, cs[48];
	const char *fmt, *delsp;
	struct buf b;
	size_t n, r = 0;

	cte = hdr_value(e, "Content-Transfer-Encoding", NULL);
	if (cte != NULL) {
		str_lower(cte);
	}
	if (cte != NULL && strcmp(cte, "base64") == 0 &&
	    !b64_plausible(e->body, e->bodylen)) {
		free(cte);
		cte = NULL;
		w->malformed = 1;
	}
	raw = cte_decode(e->body, e->bodylen, cte, &n);
	buf_init(&b);
	conv_append(&b, part_charset(ct, (char *)raw, n, cs, sizeof cs),
	    (char *)raw, n, &w->rep);
	s = utf8_sanitize(b.data, b.len, &r);
	w->rep += r;
	fmt = hval_get(ct, "format");
	delsp = hval_get(ct, "delsp");
	if (fmt != NULL && strcasecmp(fmt, "flowed") == 0) {
		t = unflow(s, delsp != NULL && strcasecmp(delsp, "yes") == 0);
		free(s);
		s = t;
	}
	if (strcmp(ct->first, "text/html") == 0) {
		t = text_html_to_plain(s, strlen(s));
		free(s);
		s = t;
		w->html = 1;
	}
	trim_text(s);
	buf_free(&b);
	free(raw);
	free(cte);
	return s;
}

/* ---- attachments ---- */

static int
is_invisible(uint32_t cp)
{
	return cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff;
}

/* Keep at most MIME_MAX_NAME bytes, the extension if it is short. */
static void
fname_cut(struct buf *b)
{
	const char *dot;
	size_t ext = 0, keep;
	char *t;

	if (b->len <= MIME_MAX_NAME) {
		return;
	}
	dot = strrchr(b->data, '.');
	if (dot != NULL && b->len - (size_t)(dot - b->data) <= 16) {
		ext = b->len - (size_t)(dot - b->data);
	}
	keep = utf8_prefix(b->data, b->len, MIME_MAX_NAME - ext);
	t = xasprintf("%.*s%s", (int)keep, b->data, b->data + b->len - ext);
	buf_free(b);
	buf_init(b);
	buf_adds(b, t);
	free(t);
}

/*
 * A display-safe filename: no path, no controls or invisible/bidi
 * characters, no <>:"|?*, single spaces, no leading or trailing dots.
 */
static char *
fname_clean(const char *s)
{
	const char *base = s, *p;
	struct buf b;
	size_t i, n, len;
	uint32_t cp;
	int sp = 0;

	for (p = s; *p != '\0'; p++) {
		if (*p == '/' || *p == '\\') {
			base = p + 1;
		}
	}
	buf_init(&b);
	len = strlen(base);
	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(base + i, len - i, &cp)) == 0) {
			n = 1;
			continue;
		}
		if (cp <= ' ' || cp == 0x7f || (cp >= 0x80 && cp <= 0xa0) ||
		    is_invisible(cp) || (cp == '.' && b.len == 0)) {
			sp = cp <= ' ' || cp == 0xa0 || (cp >= 0x80 && cp < 0xa0);
			continue;
		}
		if (sp && b.len > 0) {
			buf_addc(&b, ' ');
		}
		sp = 0;
		if (cp < 0x80 && strchr("<>:\"|?*", (int)cp) != NULL) {
			buf_addc(&b, '_');
		} else {
			buf_add(&b, base + i, n);
		}
	}
	while (b.len > 0 && (b.data[b.len - 1] == '.' ||
	    b.data[b.len - 1] == ' ')) {
		b.data[--b.len] = '\0';
	}
	fname_cut(&b);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static struct mime_attachment *
att_new(struct walk *w)
{
	struct mime_msg *m = w->m;

	if (m->natt == w->attcap) {
		w->attcap = w->attcap ? w->attcap * 2 : 4;
		m->att = xreallocarray(m->att, w->attcap, sizeof(*m->att));
	}
	memset(&m->att[m->natt], 0, sizeof(*m->att));
	return &m->att[m->natt++];
}

/* The Message-ID and Subject of an attached message's header. */
static void
rfc822_peek(struct walk *w, const unsigned char *p, size_t n, char **subj)
{
	struct entity inner;
	int present;
	char *id;

	*subj = NULL;
	hdr_scan((const char *)p, n, HS_PART, &inner);
	id = id_first(&inner, "Message-ID", &present);
	if (w->rfc822_id == NULL) {
		w->rfc822_id = id;
	} else {
		free(id);
	}
	*subj = hdr_text(w, &inner, "Subject");
	entity_free(&inner);
}

static int
is_message(const char *t)
{
	return strcmp(t, "message/rfc822") == 0 ||
	    strcmp(t, "message/global") == 0;
}

static void
att_add(struct walk *w, const struct entity *e, const struct hval *ct,
    const struct hval *disp)
{
	struct mime_attachment *a;
	char *cte, *name, *subj = NULL;

	cte = hdr_value(e, "Content-Transfer-Encoding", NULL);
	if (cte != NULL) {
		str_lower(cte);
	}
	a = att_new(w);
	a->content_type = xstrdup(ct->first);
	a->data = cte_decode(e->body, e->bodylen, cte, &a->size);
	sha256_hex(a->data, a->size, a->sha256);
	name = param_text(disp, "filename", &w->rep);
	if (name == NULL) {
		name = param_text(ct, "name", &w->rep);
	}
	if (is_message(ct->first) || strcmp(ct->first, "text/rfc822-headers") == 0 ||
	    strcmp(ct->first, "message/global-headers") == 0) {
		rfc822_peek(w, a->data, a->size, &subj);
	}
	if (name == NULL && is_message(ct->first) && subj != NULL && *subj) {
		name = xasprintf("%s.eml", subj);
	}
	a->filename = name != NULL ? fname_clean(name) : NULL;
	if (a->filename == NULL) {
		a->filename = xasprintf("attachment-%zu%s", w->m->natt,
		    is_message(ct->first) ? ".eml" : "");
	}
	free(name);
	free(subj);
	free(cte);
}

/* ---- delivery status ---- */

/* "type; value" → value, cleaned; lower-cased if asked. */
static char *
dsn_value(struct walk *w, const struct entity *e, const char *name, int addr)
{
	char *v, *r;
	const char *p;
	size_t n;

	if ((v = hdr_value(e, name, &n)) == NULL) {
		return NULL;
	}
	p = memchr(v, ';', n);
	p = p != NULL ? p + 1 : v;
	r = hdr_decode(p, n - (size_t)(p - v), &w->rep);
	free(v);
	if (addr) {
		v = addr_bare(r);
		free(r);
		r = v;
	}
	if (*r == '\0') {
		free(r);
		return NULL;
	}
	return r;
}

static void
dsn_parse(struct walk *w, const struct entity *part)
{
	struct mime_msg *m = w->m;
	struct entity e;
	unsigned char *raw;
	char *cte, *s;
	size_t n;

	cte = hdr_value(part, "Content-Transfer-Encoding", NULL);
	if (cte != NULL) {
		str_lower(cte);
	}
	raw = cte_decode(part->body, part->bodylen, cte, &n);
	hdr_scan((char *)raw, n, HS_ALL, &e);
	if (m->dsn_recipient == NULL) {
		m->dsn_recipient = dsn_value(w, &e, "Final-Recipient", 1);
	}
	if (m->dsn_recipient == NULL) {
		m->dsn_recipient = dsn_value(w, &e, "Original-Recipient", 1);
	}
	if (m->dsn_action == NULL && (s = hdr_text(w, &e, "Action")) != NULL) {
		str_lower(s);
		s[strcspn(s, " ")] = '\0';
		m->dsn_action = s;
	}
	if (m->dsn_status == NULL && (s = hdr_text(w, &e, "Status")) != NULL) {
		s[strcspn(s, " ")] = '\0';
		m->dsn_status = s;
	}
	if (m->dsn_diagnostic == NULL) {
		m->dsn_diagnostic = dsn_value(w, &e, "Diagnostic-Code", 0);
	}
	entity_free(&e);
	free(raw);
	free(cte);
}

/* ---- the tree ---- */

static void	walk_entity(struct walk *, const struct entity *, int, int,
		    const char *);

/* The parts of a multipart body; none when no delimiter line is found. */
static size_t
mp_split(const char *p, size_t len, const char *bnd, const char ***start,
    size_t **plen)
{
	size_t bl = strlen(bnd), off = 0, next, ll, i, n = 0, cap = 0;
	size_t cur = (size_t)-1, prev_end = 0;

	*start = NULL;
	*plen = NULL;
	for (; off < len; off = next) {
		ll = line_at(p, len, off, &next);
		if (ll < bl + 2 || p[off] != '-' || p[off + 1] != '-' ||
		    memcmp(p + off + 2, bnd, bl) != 0) {
			prev_end = off + ll;
			continue;
		}
		i = off + 2 + bl;
		if (!(i + 1 < off + ll && p[i] == '-' && p[i + 1] == '-')) {
			for (; i < off + ll && is_wsp((unsigned char)p[i]); i++) {
				continue;
			}
			if (i != off + ll) {
				prev_end = off + ll;
				continue;	/* a longer boundary */
			}
		}
		if (cur != (size_t)-1) {
			(*plen)[n - 1] = prev_end > cur ? prev_end - cur : 0;
		}
		if (i != off + ll || n >= MIME_MAX_PARTS) {
			cur = (size_t)-1;	/* the close delimiter */
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			*start = xreallocarray(*start, cap, sizeof(**start));
			*plen = xreallocarray(*plen, cap, sizeof(**plen));
		}
		(*start)[n] = p + next;
		(*plen)[n++] = 0;
		cur = next;
		prev_end = next;
	}
	if (cur != (size_t)-1) {
		(*plen)[n - 1] = len - cur;	/* no close delimiter */
	}
	return n;
}

/* A part labelled base64 that is not base64. */
static int
part_bad_b64(const struct entity *e)
{
	char *cte = hdr_value(e, "Content-Transfer-Encoding", NULL);
	int bad;

	if (cte != NULL) {
		str_lower(cte);
	}
	bad = cte != NULL && strcmp(cte, "base64") == 0 &&
	    !b64_plausible(e->body, e->bodylen);
	free(cte);
	return bad;
}

/* How much an alternative is worth as the text. */
static int
alt_score(struct walk *w, const struct entity *e)
{
	struct hval ct;
	int s = 0;

	ctype_get(w, e, "text/plain", &ct);
	if (strcmp(ct.first, "text/plain") == 0) {
		/* plain text labelled base64 that is not: the HTML first */
		s = 3;
		if (part_bad_b64(e)) {
			s = 0;
			w->malformed = 1;
		}
	} else if (strncmp(ct.first, "multipart/", 10) == 0) {
		s = 2;
	} else if (strcmp(ct.first, "text/html") == 0) {
		s = 1;
	}
	hval_free(&ct);
	return s;
}

/*
 * multipart/alternative: the best part gives the text, and the next best
 * when it gives none; the others only their attachments (inline images
 * of the HTML alternative, a calendar).
 */
static void
walk_alternative(struct walk *w, struct entity *kids, size_t n, int depth)
{
	size_t i, best, before;
	int *score, s;

	score = xcalloc(n, sizeof(*score));
	for (i = 0; i < n; i++) {
		score[i] = alt_score(w, &kids[i]) + 1;
	}
	for (;;) {
		best = n;
		for (s = 0, i = 0; i < n; i++) {
			if (score[i] > s) {
				s = score[i];
				best = i;
			}
		}
		if (best == n) {
			break;
		}
		before = w->text.len;
		walk_entity(w, &kids[best], depth + 1, 1, "text/plain");
		score[best] = -1;
		if (w->text.len > before) {
			break;
		}
	}
	for (i = 0; i < n; i++) {
		if (score[i] >= 0) {
			walk_entity(w, &kids[i], depth + 1, 0, "text/plain");
		}
	}
	free(score);
}

static void	walk_single(struct walk *, const struct entity *,
		    const struct hval *, int, int);

static void
walk_text_fallback(struct walk *w, const struct entity *e,
    const struct hval *ct, int textmode, int depth)
{
	struct hval plain;
	const char *cs = hval_get(ct, "charset");

	memset(&plain, 0, sizeof(plain));
	plain.first = xstrdup("text/plain");
	if (cs != NULL) {
		plain.p = xcalloc(1, sizeof(*plain.p));
		plain.p[0].name = xstrdup("charset");
		plain.p[0].val = xstrdup(cs);
		plain.np = 1;
	}
	walk_single(w, e, &plain, textmode, depth);
	hval_free(&plain);
}

static void
walk_multipart(struct walk *w, const struct entity *e, const struct hval *ct,
    int depth, int textmode)
{
	const char **start, *rt, *sub = ct->first + 10;
	struct entity *kids;
	size_t *plen, n, i;

	n = mp_split(e->body, e->bodylen, hval_get(ct, "boundary"), &start,
	    &plen);
	if (n == 0) {
		/* no delimiter: the body is all we have, read it as text */
		w->malformed = 1;
		walk_text_fallback(w, e, ct, textmode, depth);
	}
	kids = xcalloc(n ? n : 1, sizeof(*kids));
	for (i = 0; i < n; i++) {
		hdr_scan(start[i], plen[i], HS_PART, &kids[i]);
		w->malformed |= kids[i].damaged;
	}
	/* any report is automatic; what a forwarded one says is not ours */
	if (strcmp(sub, "report") == 0 && !w->inner) {
		w->anyreport = 1;
		if ((rt = hval_get(ct, "report-type")) != NULL) {
			w->report |= strcasecmp(rt, "delivery-status") == 0;
			w->mdn |= strcasecmp(rt, "disposition-notification") == 0;
		}
	}
	w->in_report += strcmp(sub, "report") == 0;
	if (strcmp(sub, "alternative") == 0 && textmode && n > 0) {
		walk_alternative(w, kids, n, depth);
	} else {
		for (i = 0; i < n; i++) {
			walk_entity(w, &kids[i], depth + 1, textmode,
			    strcmp(sub, "digest") == 0 ? "message/rfc822" :
			    "text/plain");
		}
	}
	w->in_report -= strcmp(sub, "report") == 0;
	for (i = 0; i < n; i++) {
		entity_free(&kids[i]);
	}
	free(kids);
	free(start);
	free(plen);
}

/* A report part anywhere makes the message a report (not inside a
 * forwarded message: the caller checks). */
static void
walk_report_part(struct walk *w, const struct entity *e, const char *t)
{
	if (strcmp(t, "message/delivery-status") == 0 ||
	    strcmp(t, "message/global-delivery-status") == 0) {
		w->dsn = 1;
		dsn_parse(w, e);
	} else if (strcmp(t, "message/disposition-notification") == 0 ||
	    strcmp(t, "message/global-disposition-notification") == 0) {
		w->mdn = 1;
	} else if (strcmp(t, "message/feedback-report") == 0) {
		w->anyreport = 1;
	}
}

/* Append s to b as a paragraph of its own. */
static void
buf_para(struct buf *b, const char *s)
{
	if (*s == '\0') {
		return;
	}
	if (b->len > 0) {
		buf_adds(b, "\n\n");
	}
	buf_adds(b, s);
}

/* A text/plain attachment: the complaint's text if there is no other
 * (a complaint written in a .txt file, an empty body). */
static void
walk_text_file(struct walk *w, const struct entity *e, const struct hval *ct)
{
	char *s;

	if (e->bodylen > MIME_MAX_FILETEXT) {
		return;
	}
	s = part_text(w, e, ct);
	trim_text(s);
	buf_para(&w->filetext, s);
	free(s);
}

/* "-------- Forwarded message --------" and whose it was. */
static void
fwd_header(struct walk *w, const struct entity *inner, struct buf *b)
{
	static const char *const f[] = { "From", "Date", "Subject" };
	size_t i;
	char *v;

	buf_adds(b, "-------- Forwarded message --------");
	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		if ((v = hdr_text(w, inner, f[i])) != NULL && *v != '\0') {
			buf_printf(b, "\n%s: %s", f[i], v);
		}
		free(v);
	}
}

/* The forwarded message's block: into the enclosing forwarded message's
 * text, or, at the top, beside the message's own text. */
static void
fwd_add(struct walk *w, const struct entity *inner, const char *body)
{
	struct buf hdr;
	char *cut;

	buf_init(&hdr);
	fwd_header(w, inner, &hdr);
	if (w->inner > 0) {
		buf_printf(&hdr, "\n\n%s", body);
		text_add(w, hdr.data);
		buf_free(&hdr);
		return;
	}
	cut = text_strip_quoted(body);
	buf_para(&w->fwd, hdr.data);
	buf_para(&w->fwd_new, hdr.data);
	if (*body != '\0') {
		buf_printf(&w->fwd, "\n\n%s", body);
		buf_printf(&w->fwd_new, "\n\n%s", cut);
	}
	free(cut);
	buf_free(&hdr);
}

/*
 * A forwarded message (message/rfc822, each part of a digest): its text is
 * the complaint's too, under a header saying whose it was.  Its
 * attachments stay inside it (the .eml is the attachment) and reports in
 * it say nothing about this message.  Decoding spends w->budget, so
 * messages nested in messages cost memory linear in the input.
 */
static void
walk_forward(struct walk *w, const struct entity *e, int depth)
{
	struct entity inner;
	struct buf outer;
	unsigned char *raw;
	char *cte, *body;
	size_t n;
	int html = w->html;

	if (depth >= MIME_MAX_DEPTH || e->bodylen > w->budget) {
		w->malformed = 1;
		return;
	}
	w->budget -= e->bodylen;
	cte = hdr_value(e, "Content-Transfer-Encoding", NULL);
	if (cte != NULL) {
		str_lower(cte);
	}
	raw = cte_decode(e->body, e->bodylen, cte, &n);
	hdr_scan((const char *)raw, n, HS_PART, &inner);
	outer = w->text;
	buf_init(&w->text);
	w->inner++;
	walk_entity(w, &inner, depth + 1, 1, "text/plain");
	w->inner--;
	body = buf_steal(&w->text);
	w->text = outer;
	w->html = html;
	fwd_add(w, &inner, body);
	free(body);
	entity_free(&inner);
	free(raw);
	free(cte);
}

static int
is_text(const char *t)
{
	return strcmp(t, "text/plain") == 0 || strcmp(t, "text/html") == 0;
}

/*
 * A leaf: text (also with a file name, unless it is an attachment, and
 * then kept as a file as well), an attachment, a report part, a forwarded
 * message.  Inside a forwarded message only its text counts.
 */
static void
walk_single(struct walk *w, const struct entity *e, const struct hval *ct,
    int textmode, int depth)
{
	struct hval disp;
	int named, attach;
	char *s;

	hval_field(e, "Content-Disposition", &disp);
	attach = disp.first != NULL && strcmp(disp.first, "attachment") == 0;
	named = hval_get(ct, "name") || hval_get(ct, "name*") ||
	    hval_get(ct, "name*0") || hval_get(ct, "name*0*") ||
	    hval_get(&disp, "filename") || hval_get(&disp, "filename*") ||
	    hval_get(&disp, "filename*0") || hval_get(&disp, "filename*0*");
	if (is_text(ct->first) && !attach) {
		if (textmode) {
			s = part_text(w, e, ct);
			text_add(w, s);
			free(s);
		}
		if (named && !w->inner) {
			att_add(w, e, ct, &disp);
		}
	} else if (!w->inner) {
		walk_report_part(w, e, ct->first);
		att_add(w, e, ct, &disp);
		if (textmode && strcmp(ct->first, "text/plain") == 0) {
			walk_text_file(w, e, ct);
		}
	}
	if (textmode && is_message(ct->first) && w->in_report == 0) {
		walk_forward(w, e, depth);
	}
	hval_free(&disp);
}

static void
walk_entity(struct walk *w, const struct entity *e, int depth, int textmode,
    const char *deftype)
{
	struct hval ct;

	if (++w->nparts > MIME_MAX_PARTS) {
		w->malformed = 1;
		return;
	}
	ctype_get(w, e, deftype, &ct);
	if (strncmp(ct.first, "multipart/", 10) == 0 &&
	    hval_get(&ct, "boundary") != NULL &&
	    *hval_get(&ct, "boundary") != '\0') {
		if (depth < MIME_MAX_DEPTH) {
			walk_multipart(w, e, &ct, depth, textmode);
		} else {
			w->malformed = 1;
		}
	} else {
		if (strncmp(ct.first, "multipart/", 10) == 0) {
			free(ct.first);
			ct.first = xstrdup("text/plain");
			w->malformed = 1;
		}
		walk_single(w, e, &ct, textmode, depth);
	}
	hval_free(&ct);
}

/* ---- bounces ---- */

static int
bounce_subject(const char *s)
{
	static const char *const pat[] = {
		"undelivered mail", "undeliverable", "delivery status notif",
		"mail delivery failed", "delivery failure", "returned mail",
		"failure notice", "mail delivery failure", "delivery has failed",
		"could not be delivered", "non-delivery", "nondeliverable",
	};
	size_t i;

	for (i = 0; i < sizeof(pat) / sizeof(pat[0]); i++) {
		if (strcasestr(s, pat[i]) != NULL) {
			return 1;
		}
	}
	return 0;
}

/* A "Message-ID: <...>" line in the text of a non-standard bounce. */
static char *
bounce_text_id(const char *t)
{
	const char *p;
	char **v = NULL, *r = NULL;
	size_t nv = 0, n;

	for (p = t; (p = strcasestr(p, "message-id:")) != NULL; p += 11) {
		if (p != t && p[-1] != '\n' && p[-1] != ' ' && p[-1] != '>') {
			continue;
		}
		n = strcspn(p + 11, "\n");
		ids_parse(p + 11, n, &v, &nv);
		if (nv > 0) {
			r = v[0];
			v[0] = NULL;
			break;
		}
	}
	xfree_strv(v, nv);
	return r;
}

static void
msg_bounce(struct walk *w)
{
	struct mime_msg *m = w->m;
	const char *local = m->from.addr;

	if (w->report || w->dsn || (bounce_subject(m->subject) &&
	    ((m->flags & MIME_F_NULL_SENDER) || addr_is_daemon(local)))) {
		m->flags |= MIME_F_BOUNCE;
	}
	if (w->mdn) {
		m->flags |= MIME_F_AUTO_SUBMITTED;
	}
	if (w->anyreport || w->dsn || w->mdn) {
		m->flags |= MIME_F_REPORT;
	}
	if (!(m->flags & MIME_F_BOUNCE)) {
		return;
	}
	m->dsn_original_id = w->rfc822_id;
	w->rfc822_id = NULL;
	if (m->dsn_original_id == NULL) {
		m->dsn_original_id = bounce_text_id(m->text);
	}
}

/* a and b as paragraphs; caller frees. */
static char *
text_join(const char *a, const char *b)
{
	if (*a == '\0' || *b == '\0') {
		return xstrdup(*a != '\0' ? a : b);
	}
	return xasprintf("%s\n\n%s", a, b);
}

/* The message's text: its own (or, when it has none, its text files),
 * then the forwarded messages'; the new text cuts only the own text's
 * quoted history — what was forwarded is the complaint. */
static void
msg_text(struct walk *w)
{
	char *own, *own_new;

	own = buf_steal(&w->text);
	if (*own == '\0' && w->filetext.len > 0) {
		free(own);
		own = buf_steal(&w->filetext);
	}
	own_new = text_strip_quoted(own);
	w->m->text = text_join(own, w->fwd.len ? w->fwd.data : "");
	w->m->new_text = text_join(own_new, w->fwd_new.len ? w->fwd_new.data :
	    "");
	free(own);
	free(own_new);
}

/* ---- entry points ---- */

int
mime_parse(const char *raw, size_t len, struct mime_msg **out, char *err,
    size_t errlen)
{
	struct entity top;
	struct walk w;
	int rc = -1;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	memset(&top, 0, sizeof(top));
	buf_init(&w.text);
	buf_init(&w.fwd);
	buf_init(&w.fwd_new);
	buf_init(&w.filetext);
	/* a byte-order mark some editors and gateways put first */
	if (raw != NULL && len >= 3 && memcmp(raw, "\xef\xbb\xbf", 3) == 0) {
		raw += 3;
		len -= 3;
	}
	if (raw == NULL || len == 0) {
		set_err(err, errlen, "empty message");
		goto done;
	}
	if (hdr_scan(raw, len, HS_TOP, &top) == -1) {
		set_err(err, errlen, "not a message: no header fields");
		goto done;
	}
	w.m = xcalloc(1, sizeof(*w.m));
	w.budget = 2 * len;
	msg_headers(&w, &top);
	walk_entity(&w, &top, 0, 1, "text/plain");
	msg_text(&w);
	msg_bounce(&w);
	w.m->flags |= (w.html ? MIME_F_HTML_ONLY : 0) |
	    (w.rep ? MIME_F_REPLACED : 0) | (w.malformed ? MIME_F_MALFORMED : 0);
	*out = w.m;
	w.m = NULL;
	rc = 0;
done:
	entity_free(&top);
	buf_free(&w.text);
	buf_free(&w.fwd);
	buf_free(&w.fwd_new);
	buf_free(&w.filetext);
	free(w.rfc822_id);
	mime_free(w.m);
	return rc;
}

/* One field of the content hash: its length, then its bytes, so no two
 * different messages give the same stream. */
static void
hash_field(struct sha256 *h, const void *p, size_t n)
{
	char len[24];

	snprintf(len, sizeof len, "%zu:", n);
	sha256_update(h, len, strlen(len));
	sha256_update(h, p, n);
}

static void
hash_str(struct sha256 *h, const char *s)
{
	hash_field(h, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

void
mime_content_hash(const struct mime_msg *m, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[32];
	struct sha256 h;
	char date[24];
	size_t i;

	sha256_init(&h);
	hash_str(&h, "complaintd content 1");
	hash_str(&h, m->from.addr);
	hash_str(&h, m->subject);
	snprintf(date, sizeof date, "%lld", (long long)m->date);
	hash_str(&h, date);
	hash_str(&h, m->new_text);
	for (i = 0; i < m->natt; i++) {
		hash_str(&h, m->att[i].filename);
		hash_str(&h, m->att[i].content_type);
		hash_str(&h, m->att[i].sha256);
	}
	sha256_final(&h, d);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

void
mime_free(struct mime_msg *m)
{
	size_t i;

	if (m == NULL) {
		return;
	}
	free(m->from.addr);
	free(m->from.name);
	for (i = 0; i < m->nto; i++) {
		free(m->to[i].addr);
		free(m->to[i].name);
	}
	free(m->to);
	xfree_strv(m->delivered_to, m->ndelivered_to);
	free(m->subject);
	free(m->message_id);
	free(m->in_reply_to);
	xfree_strv(m->references, m->nreferences);
	free(m->return_path);
	xfree_strv(m->auth_results, m->nauth_results);
	free(m->text);
	free(m->new_text);
	for (i = 0; i < m->natt; i++) {
		free(m->att[i].filename);
		free(m->att[i].content_type);
		free(m->att[i].data);
	}
	free(m->att);
	free(m->dsn_original_id);
	free(m->dsn_recipient);
	free(m->dsn_action);
	free(m->dsn_status);
	free(m->dsn_diagnostic);
	free(m);
}
