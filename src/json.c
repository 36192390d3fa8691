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

/* Before any value: a comma unless first at this level or after a key. */
static void
json_sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->count[j->depth]++ > 0) {
		buf_addc(&j->b, ',');
	}
}

static void
json_open(struct json *j, int c)
{
	json_sep(j);
	buf_addc(&j->b, c);
	if (j->depth + 1 < JSON_MAXDEPTH) {
		j->depth++;
	}
	j->count[j->depth] = 0;
}

static void
json_close(struct json *j, int c)
{
	buf_addc(&j->b, c);
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

static void
json_quote(struct buf *b, const char *s)
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

void
json_key(struct json *j, const char *k)
{
	json_sep(j);
	json_quote(&j->b, k);
	buf_addc(&j->b, ':');
	j->after_key = 1;
}

void
json_string(struct json *j, const char *s)
{
	json_sep(j);
	if (s == NULL) {
		buf_adds(&j->b, "null");
	} else {
		json_quote(&j->b, s);
	}
}

void
json_int(struct json *j, int64_t v)
{
	json_sep(j);
	buf_printf(&j->b, "%lld", (long long)v);
}

void
json_bool(struct json *j, int v)
{
	json_sep(j);
	buf_adds(&j->b, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	json_sep(j);
	buf_adds(&j->b, "null");
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
json_iso_utc(int64_t t, char out[21])
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400, z, era, doe, yoe, y, doy, mp, d, m;
	int i, v[6], w[6] = { 4, 2, 2, 2, 2, 2 };
	const char *sep = "--T::Z";
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
	v[3] = (int)(secs / 3600);
	v[4] = (int)(secs / 60 % 60);
	v[5] = (int)(secs % 60);
	for (i = 0; i < 6; i++) {
		int k, x = v[i];

		for (k = w[i] - 1; k >= 0; k--) {
			o[k] = (char)('0' + x % 10);
			x /= 10;
		}
		o += w[i];
		*o++ = sep[i];
	}
	*o = '\0';
}

void
json_kv_time(struct json *j, const char *k, int64_t v)
{
	char s[21];

	json_key(j, k);
	if (v == 0) {
		json_null(j);
		return;
	}
	json_iso_utc(v, s);
	json_sep(j);
	buf_addc(&j->b, '"');
	buf_add(&j->b, s, 20);
	buf_addc(&j->b, '"');
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
