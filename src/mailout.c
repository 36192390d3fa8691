/*
 * mailout.c — an outgoing email as RFC 5322 bytes (see mailout.h).
 *
 * Header values are written as a sequence of tokens through one small
 * folding writer (struct hdr): a token that would pass column 78 starts a
 * continuation line ("CRLF SP" put in place of the space before it), so
 * folding only ever happens where the value already had white space or
 * between encoded-words, where decoders drop it.
 *
 * Unstructured text (the subject) is split at white space; a word that is
 * not plain printable ASCII — or that contains "=?", or is too long to
 * fold — is encoded, and neighbouring encoded words are joined into one
 * run so the spaces between them survive decoding.  Runs become base64
 * encoded-words of at most 45 bytes (75 columns), cut on UTF-8 character
 * boundaries.
 *
 * The body is quoted-printable, so the multipart boundary can start with
 * "=_", which quoted-printable output never contains.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailout.h"
#include "mime.h"
#include "sha256.h"
#include "utf8.h"
#include "xmalloc.h"

#define LINE_MAX_COLS	78	/* RFC 5322's SHOULD */
#define QP_COLS		75	/* + "=" for a soft break = 76 */
#define EW_BYTES	45	/* raw bytes per encoded-word: 60 base64 */
#define EW_OVERHEAD	12	/* "=?UTF-8?B?" "?=" */
#define PLAIN_WORD_MAX	60	/* longer words are encoded (foldable) */
#define MAX_REFERENCES	10	/* the first and the last 9 */

/* ---- addresses and ids ---- */

static int
is_atext(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~",
	    c) != NULL);
}

static int
domain_valid(const char *d)
{
	size_t label = 0;

	if (*d == '[') {
		size_t n = strspn(d + 1, "0123456789abcdefABCDEF.:");

		return n > 0 && d[n + 1] == ']' && d[n + 2] == '\0';
	}
	for (; *d != '\0'; d++) {
		if (*d == '.') {
			if (label == 0) {
				return 0;
			}
			label = 0;
		} else if ((*d >= 'a' && *d <= 'z') || (*d >= 'A' && *d <= 'Z')
		    || (*d >= '0' && *d <= '9') || *d == '-' || *d == '_') {
			label++;
		} else {
			return 0;
		}
	}
	return label > 0;
}

int
mailout_addr_valid(const char *addr)
{
	const char *at, *p;

	if (addr == NULL || strlen(addr) > 254 ||
	    (at = strrchr(addr, '@')) == NULL || at == addr) {
		return 0;
	}
	/* dot-atom: no leading, trailing or doubled dot */
	if (addr[0] == '.' || at[-1] == '.') {
		return 0;
	}
	for (p = addr; p < at; p++) {
		if (*p == '.' ? p[1] == '.' : !is_atext((unsigned char)*p)) {
			return 0;
		}
	}
	return domain_valid(at + 1);
}

int
mailout_msgid_valid(const char *id)
{
	const unsigned char *p;

	if (id == NULL || *id == '\0' || strchr(id, '@') == NULL ||
	    strlen(id) > 900) {
		return 0;
	}
	/* atext, dots, "@" and a domain literal's brackets: nothing that
	 * could end the <...> or the header */
	for (p = (const unsigned char *)id; *p != '\0'; p++) {
		if (!is_atext(*p) && strchr(".@[]", *p) == NULL) {
			return 0;
		}
	}
	return 1;
}

const char *
mailout_auto_submitted(const char *kind)
{
	if (kind == NULL) {
		return "auto-generated";
	}
	/* answers to a message: the acknowledgement, the answer to a
	 * status question, and the explanation of an officer's command that
	 * could not be carried out */
	if (strcmp(kind, "ack") == 0 || strcmp(kind, "officer-error") == 0 ||
	    strcmp(kind, "status") == 0) {
		return "auto-replied";
	}
	/* written by a person: the answer, a rejection, a question */
	if (strcmp(kind, "resolution") == 0 || strcmp(kind, "rejection") == 0 ||
	    strcmp(kind, "ask") == 0) {
		return NULL;
	}
	return "auto-generated";
}

int
mailout_plus_address(const char *addr, const char *tag, char *out,
    size_t outlen)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;
	int n;

	if (at == NULL) {
		return -1;
	}
	n = snprintf(out, outlen, "%.*s+%s%s", (int)(at - addr), addr, tag, at);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

void
mailout_date(time_t t, long gmtoff, char *out, size_t outlen)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t local = t + gmtoff;
	long off = gmtoff < 0 ? -gmtoff : gmtoff;
	struct tm tm;

	gmtime_r(&local, &tm);
	snprintf(out, outlen, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    gmtoff < 0 ? '-' : '+', off / 3600, off % 3600 / 60);
}

/* ---- the folding header writer ---- */

struct hdr {
	struct buf	*b;
	size_t		 col;
	int		 first;		/* nothing written after "Name: " */
};

static void
hdr_begin(struct hdr *h, struct buf *b, const char *name)
{
	h->b = b;
	buf_printf(b, "%s:", name);
	h->col = strlen(name) + 1;
	h->first = 1;
}

/* One token, preceded by a space or a fold. */
static void
hdr_token(struct hdr *h, const char *s, size_t len)
{
	if (!h->first && h->col + 1 + len > LINE_MAX_COLS) {
		buf_adds(h->b, "\r\n ");
		h->col = 1;
	} else {
		buf_addc(h->b, ' ');
		h->col++;
	}
	buf_add(h->b, s, len);
	h->col += len;
	h->first = 0;
}

static void
hdr_end(struct hdr *h)
{
	buf_adds(h->b, "\r\n");
}

static void
base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t v;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		buf_addc(b, tab[v >> 18]);
		buf_addc(b, tab[(v >> 12) & 63]);
		buf_addc(b, tab[(v >> 6) & 63]);
		buf_addc(b, tab[v & 63]);
	}
	if (i < n) {
		v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 :
		    0);
		buf_addc(b, tab[v >> 18]);
		buf_addc(b, tab[(v >> 12) & 63]);
		buf_addc(b, i + 1 < n ? tab[(v >> 6) & 63] : '=');
		buf_addc(b, '=');
	}
}

/* s[0..len) as encoded-words, each a token, cut on character boundaries. */
static void
hdr_encoded(struct hdr *h, const char *s, size_t len)
{
	struct buf w;
	size_t max, n;
	long room;

	buf_init(&w);
	while (len > 0) {
		max = EW_BYTES;
		if (h->first) {
			/* fill the first line rather than fold after "Name:" */
			room = LINE_MAX_COLS - (long)h->col - 1 - EW_OVERHEAD;
			room = room / 4 * 3;
			max = room < 3 ? 3 : room > EW_BYTES ? EW_BYTES :
			    (size_t)room;
		}
		n = utf8_prefix(s, len, max);
		if (n == 0) {
			n = len < max ? len : max;
		}
		buf_reset(&w);
		buf_adds(&w, "=?UTF-8?B?");
		base64(&w, (const unsigned char *)s, n);
		buf_adds(&w, "?=");
		hdr_token(h, w.data, w.len);
		s += n;
		len -= n;
	}
	buf_free(&w);
}

/* Clean one-line UTF-8: invalid bytes and controls replaced, white space
 * (CR, LF and TAB included) folded to single spaces, ends trimmed. */
static char *
header_clean(const char *v)
{
	char *s, *r, *w;
	int space = 0;

	s = utf8_sanitize(v ? v : "", strlen(v ? v : ""), NULL);
	for (r = w = s; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = w != s;
			continue;
		}
		if (space) {
			*w++ = ' ';
			space = 0;
		}
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

static int
word_plain(const char *w, size_t n)
{
	size_t i;

	if (n > PLAIN_WORD_MAX) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		if ((unsigned char)w[i] <= 0x20 || (unsigned char)w[i] >= 0x7f ||
		    (w[i] == '=' && i + 1 < n && w[i + 1] == '?')) {
			return 0;
		}
	}
	return 1;
}

void
mailout_header_text(struct buf *b, const char *name, const char *value)
{
	struct hdr h;
	char *v = header_clean(value);
	const char *p = v, *run = NULL, *end;
	size_t n;

	hdr_begin(&h, b, name);
	for (;;) {
		n = strcspn(p, " ");
		end = p + n;
		if (n > 0 && !word_plain(p, n)) {
			run = run ? run : p;	/* joins the run */
		} else {
			if (run != NULL) {
				hdr_encoded(&h, run, (size_t)(p - 1 - run));
				run = NULL;
			}
			if (n > 0) {
				hdr_token(&h, p, n);
			}
		}
		if (*end == '\0') {
			break;
		}
		p = end + 1;
	}
	if (run != NULL) {
		hdr_encoded(&h, run, strlen(run));
	}
	hdr_end(&h);
	free(v);
}

/* A display name: a quoted-string when it is short printable ASCII,
 * otherwise encoded-words. */
static void
hdr_phrase(struct hdr *h, const char *display)
{
	char *v = header_clean(display);
	struct buf q;
	const char *p;
	int plain = strlen(v) <= PLAIN_WORD_MAX;

	for (p = v; *p != '\0' && plain; p++) {
		plain = (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f &&
		    !(p[0] == '=' && p[1] == '?');
	}
	if (*v == '\0') {
		;
	} else if (plain) {
		buf_init(&q);
		buf_addc(&q, '"');
		for (p = v; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\') {
				buf_addc(&q, '\\');
			}
			buf_addc(&q, *p);
		}
		buf_addc(&q, '"');
		hdr_token(h, q.data, q.len);
		buf_free(&q);
	} else {
		hdr_encoded(h, v, strlen(v));
	}
	free(v);
}

void
mailout_header_addr(struct buf *b, const char *name, const char *display,
    const char *addr)
{
	struct hdr h;
	char *a;

	hdr_begin(&h, b, name);
	if (display != NULL) {
		hdr_phrase(&h, display);
	}
	a = xasprintf("<%s>", addr);
	hdr_token(&h, a, strlen(a));
	free(a);
	hdr_end(&h);
}

/* In-Reply-To: exactly one id, written only when it is usable. */
static void
header_id(struct buf *b, const char *name, const char *id)
{
	char *v;
	size_t n;

	if (id == NULL) {
		return;
	}
	id += strspn(id, " \t<");
	n = strcspn(id, ">");
	v = xstrndup(id, n);
	if (id[n] == '>') {
		n += 1 + strspn(id + n + 1, " \t");
	}
	if (id[n] == '\0' && mailout_msgid_valid(v)) {
		buf_printf(b, "%s: <%s>\r\n", name, v);
	}
	free(v);
}

/* References: each id as "<id>"; invalid ones left out; at most the first
 * and the last MAX_REFERENCES - 1.  Nothing written when none is left. */
static void
header_ids(struct buf *b, const char *name, const char *ids)
{
	char *copy, *p, *id, *save = NULL, **v = NULL, *t;
	size_t n = 0, i;
	struct hdr h;

	if (ids == NULL) {
		return;
	}
	copy = xstrdup(ids);
	for (p = copy; (id = strtok_r(p, " \t\r\n,<>", &save)) != NULL;
	    p = NULL) {
		if (mailout_msgid_valid(id)) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = id;
		}
	}
	if (n > 0) {
		hdr_begin(&h, b, name);
		for (i = 0; i < n; i++) {
			if (n > MAX_REFERENCES && i > 0 &&
			    i < n - (MAX_REFERENCES - 1)) {
				continue;
			}
			t = xasprintf("<%s>", v[i]);
			hdr_token(&h, t, strlen(t));
			free(t);
		}
		hdr_end(&h);
	}
	free(v);
	free(copy);
}

/* ---- the body ---- */

static void
qp_char(struct buf *b, unsigned char c, int encode, size_t *col)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = encode ? 3 : 1;

	if (*col + n > QP_COLS) {
		buf_adds(b, "=\r\n");
		*col = 0;
	}
	if (encode) {
		buf_addc(b, '=');
		buf_addc(b, hex[c >> 4]);
		buf_addc(b, hex[c & 15]);
	} else {
		buf_addc(b, c);
	}
	*col += n;
}

static void
qp_line(struct buf *b, const unsigned char *s, size_t n)
{
	size_t i, col = 0;
	int enc;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			enc = i + 1 == n;	/* trailing white space */
		} else {
			enc = s[i] < 0x21 || s[i] > 0x7e || s[i] == '=';
		}
		/* a line starting "." or "From " survives any relay */
		if (i == 0 && (s[0] == '.' || (n >= 5 &&
		    memcmp(s, "From ", 5) == 0))) {
			enc = 1;
		}
		qp_char(b, s[i], enc, &col);
	}
	buf_adds(b, "\r\n");
}

void
mailout_qp(struct buf *b, const char *text)
{
	const char *p = text ? text : "", *nl;
	size_t n;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r') {
			n--;
		}
		qp_line(b, (const unsigned char *)p, n);
		if (nl == NULL) {
			break;
		}
		p = nl + 1;
	}
}

static void
body_part(struct buf *b, const char *type, const char *text)
{
	buf_printf(b, "Content-Type: %s; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n", type);
	mailout_qp(b, text);
}

/* The text, or the text and its HTML alternative. */
static void
body_alternative(struct buf *b, const struct mailout *m, const char *hash)
{
	if (m->html == NULL) {
		body_part(b, "text/plain", m->text);
		return;
	}
	buf_printf(b, "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"=_a%s\"\r\n\r\n--=_a%s\r\n", hash, hash);
	body_part(b, "text/plain", m->text);
	buf_printf(b, "\r\n--=_a%s\r\n", hash);
	body_part(b, "text/html", m->html);
	buf_printf(b, "\r\n--=_a%s--\r\n", hash);
}

/* A file name as a safe quoted-string: printable ASCII, no quote,
 * backslash or control character (others become "_"). */
static void
file_name(struct buf *b, const char *name)
{
	const unsigned char *p = (const unsigned char *)(name ? name : "file");

	for (; *p != '\0'; p++) {
		buf_addc(b, *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' ?
		    *p : '_');
	}
}

/* A file as a base64 part, lines of 76 characters. */
static void
body_file(struct buf *b, const struct mailout_file *f)
{
	const unsigned char *p = f->data;
	size_t i, n;

	buf_printf(b, "Content-Type: %s; name=\"", f->type ? f->type :
	    "application/octet-stream");
	file_name(b, f->name);
	buf_adds(b, "\"\r\nContent-Disposition: attachment; filename=\"");
	file_name(b, f->name);
	buf_adds(b, "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
	for (i = 0; i < f->len; i += 57) {
		n = f->len - i < 57 ? f->len - i : 57;
		base64(b, p + i, n);
		buf_adds(b, "\r\n");
	}
}

static void
body_write(struct buf *b, const struct mailout *m)
{
	char hash[65];
	size_t i;

	buf_adds(b, "MIME-Version: 1.0\r\n");
	/* "=_" never occurs in quoted-printable or base64, so never in the
	 * parts */
	sha256_hex(m->message_id, strlen(m->message_id), hash);
	hash[32] = '\0';
	if (m->nfiles == 0) {
		body_alternative(b, m, hash);
		return;
	}
	buf_printf(b, "Content-Type: multipart/mixed;\r\n"
	    " boundary=\"=_m%s\"\r\n\r\n"
	    "This is a message in MIME format.\r\n\r\n--=_m%s\r\n", hash,
	    hash);
	body_alternative(b, m, hash);
	for (i = 0; i < m->nfiles; i++) {
		buf_printf(b, "\r\n--=_m%s\r\n", hash);
		body_file(b, &m->files[i]);
	}
	buf_printf(b, "\r\n--=_m%s--\r\n", hash);
}

/* ---- the message ---- */

static int
mailout_check(const struct mailout *m, char *err, size_t errlen)
{
	static const char *const what[] = { "sender address",
	    "recipient address", "Reply-To address", "Message-ID" };
	const char *v[] = { m->from, m->to, m->reply_to, m->message_id };
	int ok[] = { mailout_addr_valid(m->from), mailout_addr_valid(m->to),
	    m->reply_to == NULL || mailout_addr_valid(m->reply_to),
	    mailout_msgid_valid(m->message_id) };
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (!ok[i]) {
			snprintf(err, errlen, "cannot write the %s \"%.80s\" "
			    "into a message", what[i], v[i] ? v[i] : "");
			return -1;
		}
	}
	return 0;
}

static void
subject_write(struct buf *b, const struct mailout *m)
{
	const char *s = m->subject ? m->subject : "";
	char *full;

	if (m->reference == NULL || *m->reference == '\0' ||
	    strstr(s, m->reference) != NULL) {
		mailout_header_text(b, "Subject", s);
		return;
	}
	full = xasprintf("[%s] %s", m->reference, s);
	mailout_header_text(b, "Subject", full);
	free(full);
}

int
mailout_build(const struct mailout *m, char **out, size_t *outlen,
    char *err, size_t errlen)
{
	struct buf b;
	char date[48];

	*out = NULL;
	*outlen = 0;
	if (mailout_check(m, err, errlen) == -1) {
		return -1;
	}
	buf_init(&b);
	mailout_date(m->date, m->gmtoff, date, sizeof date);
	buf_printf(&b, "Date: %s\r\n", date);
	mailout_header_addr(&b, "From", m->from_name, m->from);
	mailout_header_addr(&b, "To", m->to_name, m->to);
	if (m->reply_to != NULL) {
		mailout_header_addr(&b, "Reply-To", NULL, m->reply_to);
	}
	subject_write(&b, m);
	buf_printf(&b, "Message-ID: <%s>\r\n", m->message_id);
	header_id(&b, "In-Reply-To", m->in_reply_to);
	header_ids(&b, "References", m->references);
	if (m->auto_submitted != NULL) {
		mailout_header_text(&b, "Auto-Submitted", m->auto_submitted);
		/* asks Exchange and friends not to answer with out-of-office */
		buf_adds(&b, "X-Auto-Response-Suppress: All\r\n");
	}
	if (m->loop != NULL) {
		mailout_header_text(&b, MIME_LOOP_HEADER, m->loop);
	}
	body_write(&b, m);
	*outlen = b.len;
	*out = buf_steal(&b);
	return 0;
}
