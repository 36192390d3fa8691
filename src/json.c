/*
 * json.c — streaming JSON writer (see json.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "json.h"

void
json_init(struct json *j)
{
	memset(j, 0, sizeof *j);
	buf_init(&j->b);
}

void
json_free(struct json *j)
{
	buf_free(&j->b);
}

/* Room for n more bytes at the end of the buffer, written there by the
 * caller, who then calls json_done: a long listing is millions of small
 * pieces, each appended without a call nor a NUL of its own. */
static inline char *
json_room(struct json *j, size_t n)
{
	if (j->b.data == NULL || j->b.cap - j->b.len <= n) {
		buf_reserve(&j->b, n);
	}
	return j->b.data + j->b.len;
}

static inline void
json_done(struct json *j, const char *end)
{
	j->b.len = (size_t)(end - j->b.data);
	j->b.data[j->b.len] = '\0';
}

static inline void
json_put(struct json *j, const char *s, size_t n)
{
	char *o = json_room(j, n);

	memcpy(o, s, n);
	json_done(j, o + n);
}

/* Before any value: 1 if a comma goes first (unless first at this level
 * or after a key). */
static inline int
json_comma(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return 0;
	}
	return j->count[j->depth]++ > 0;
}

static void
json_sep(struct json *j)
{
	if (json_comma(j)) {
		json_put(j, ",", 1);
	}
}

static void
json_open(struct json *j, int c)
{
	char *o = json_room(j, 2);

	if (json_comma(j)) {
		*o++ = ',';
	}
	*o++ = (char)c;
	json_done(j, o);
	if (j->depth + 1 < JSON_MAXDEPTH) {
		j->depth++;
	}
	j->count[j->depth] = 0;
}

static void
json_close(struct json *j, int c)
{
	char ch = (char)c;

	json_put(j, &ch, 1);
	if (j->depth > 0) {
		j->depth--;
	}
}

void
json_object_begin(struct json *j)
{
	json_open(j, '{');
}

void
json_object_end(struct json *j)
{
	json_close(j, '}');
}

void
json_array_begin(struct json *j)
{
	json_open(j, '[');
}

void
json_array_end(struct json *j)
{
	json_close(j, ']');
}

/* Runs of bytes that need no escape are copied at once, not byte by
 * byte: a long list is mostly such runs.  1: the byte needs an escape. */
static int
json_needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* 1 if one of the eight bytes of w needs an escape: below 0x20, '"' or
 * '\\' (the zero-byte test of "Bit Twiddling Hacks": it flags a word only
 * when a byte of it is one; the caller then looks byte by byte). */
static inline int
json_word_escapes(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');

	return (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
	    ((bs - ones) & ~bs)) & high ? 1 : 0;
}

/* Bytes before the first that needs an escape (or the NUL): eight at a
 * time within the string's length. */
static inline size_t
json_plain(const char *s)
{
	size_t n = 0, len = strlen(s);
	uint64_t w;

	for (; n + 8 <= len; n += 8) {
		memcpy(&w, s + n, 8);
		if (json_word_escapes(w)) {
			break;
		}
	}
	for (; !json_needs_escape((unsigned char)s[n]); n++) {
		;	/* stops at the NUL too (< 0x20) */
	}
	return n;
}

/* A string with something to escape. */
static void
json_quote_escaped(struct buf *b, const char *s)
{
	unsigned char c;
	size_t n;

	buf_addc(b, '"');
	for (;;) {
		for (n = 0; !json_needs_escape((unsigned char)s[n]); n++) {
			;	/* stops at the NUL too (< 0x20) */
		}
		buf_add(b, s, n);
		s += n;
		if ((c = (unsigned char)*s++) == '\0') {
			break;
		}
		switch (c) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		default:
			buf_printf(b, "\\u%04x", c);
		}
	}
	buf_addc(b, '"');
}

/* A value's comma (comma: 1), the string quoted, then a colon if it is a
 * key (colon: 1); one copy when nothing in it needs an escape, the usual
 * case. */
static void
json_quote_sep(struct json *j, const char *s, int comma, int colon)
{
	size_t n = json_plain(s);
	char *o;

	if (s[n] != '\0') {
		if (comma) {
			json_put(j, ",", 1);
		}
		json_quote_escaped(&j->b, s);
		if (colon) {
			json_put(j, ":", 1);
		}
		return;
	}
	o = json_room(j, n + 4);
	if (comma) {
		*o++ = ',';
	}
	*o++ = '"';
	memcpy(o, s, n);
	o += n;
	*o++ = '"';
	if (colon) {
		*o++ = ':';
	}
	json_done(j, o);
}

void
json_key(struct json *j, const char *k)
{
	json_quote_sep(j, k, json_comma(j), 1);
	j->after_key = 1;
}

void
json_string(struct json *j, const char *s)
{
	if (s == NULL) {
		json_null(j);
	} else {
		json_quote_sep(j, s, json_comma(j), 0);
	}
}

/* Decimal digits of v, without printf. */
void
json_int(struct json *j, int64_t v)
{
	char d[24], *p = d + sizeof d;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0) {
		*--p = '-';
	}
	json_sep(j);
	json_put(j, p, (size_t)(d + sizeof d - p));
}

void
json_bool(struct json *j, int v)
{
	json_sep(j);
	json_put(j, v ? "true" : "false", v ? 4 : 5);
}

void
json_null(struct json *j)
{
	json_sep(j);
	json_put(j, "null", 4);
}

void
json_kv_string(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_string(j, v);
}

void
json_kv_int(struct json *j, const char *k, int64_t v)
{
	json_key(j, k);
	json_int(j, v);
}

/* "YYYY-MM-DDTHH:MM:SSZ" of a Unix time, without gmtime_r and strftime
 * (a long listing spent a fifth of its time in them): the civil date of
 * a day count (H. Hinnant's days_from_civil inverse), years 0-9999. */
static void
json_iso_date(int64_t days, char out[11])
{
	int64_t z, era, doe, yoe, y, doy, mp, d, m;
	int i, v[3], w[3] = { 4, 2, 2 };
	char *o = out;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	v[0] = (int)(y < 0 ? 0 : y > 9999 ? 9999 : y);
	v[1] = (int)m;
	v[2] = (int)d;
	for (i = 0; i < 3; i++) {
		int k, x = v[i];

		for (k = w[i] - 1; k >= 0; k--) {
			o[k] = (char)('0' + x % 10);
			x /= 10;
		}
		o += w[i];
		*o++ = i < 2 ? '-' : 'T';
	}
}

/* The date of the last day written is kept in the writer: a listing's
 * times fall on few days. */
static void
json_iso_utc(struct json *j, int64_t t, char out[21])
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int secs = (int)(t - days * 86400), hms[3], i;
	char *o = out + 11;

	if (!j->day_set || j->day != days) {
		json_iso_date(days, j->day_text);
		j->day = days;
		j->day_set = 1;
	}
	memcpy(out, j->day_text, 11);
	hms[0] = secs / 3600;
	hms[1] = secs / 60 % 60;
	hms[2] = secs % 60;
	for (i = 0; i < 3; i++) {
		*o++ = (char)('0' + hms[i] / 10);
		*o++ = (char)('0' + hms[i] % 10);
		*o++ = i < 2 ? ':' : 'Z';
	}
	*o = '\0';
}

void
json_kv_time(struct json *j, const char *k, int64_t v)
{
	char s[21], *o;

	json_key(j, k);
	if (v == 0) {
		json_null(j);
		return;
	}
	json_iso_utc(j, v, s);
	o = json_room(j, 23);
	if (json_comma(j)) {
		*o++ = ',';
	}
	*o++ = '"';
	memcpy(o, s, 20);
	o[20] = '"';
	json_done(j, o + 21);
}

void
json_number(struct json *j, double v, int decimals)
{
	json_sep(j);
	buf_printf(&j->b, "%.*f", decimals, v);
}

void
json_kv_number(struct json *j, const char *k, double v, int decimals)
{
	json_key(j, k);
	json_number(j, v, decimals);
}
