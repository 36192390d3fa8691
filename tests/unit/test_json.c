/*
 * test_json.c — the JSON writer: nesting, escapes, and times written
 * without gmtime_r, checked against gmtime_r + strftime.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "t.h"

static void
test_shape(void)
{
	struct json j;

	json_init(&j);
	json_array_begin(&j);
	json_object_begin(&j);
	json_kv_string(&j, "a", "x\"y\\z\n\t\r\001");
	json_kv_int(&j, "n", -42);
	json_kv_string(&j, "none", NULL);
	json_key(&j, "b");
	json_bool(&j, 1);
	json_kv_time(&j, "t0", 0);
	json_kv_time(&j, "t", 1764561600);
	json_object_end(&j);
	json_int(&j, 7);
	json_array_end(&j);
	T_STR(j.b.data, "[{\"a\":\"x\\\"y\\\\z\\n\\t\\r\\u0001\",\"n\":-42,"
	    "\"none\":null,\"b\":true,\"t0\":null,"
	    "\"t\":\"2025-12-01T04:00:00Z\"},7]",
	    "commas, nesting, escapes, null, a time and no time");
	json_free(&j);
}

/* Every day from 1970 to 2100 at a varying second, the ends of months
 * and leap days among them, and instants before 1970: the same text as
 * gmtime_r + strftime. */
static void
test_times(void)
{
	struct json j;
	struct tm tm;
	char want[64], got[64];
	int64_t t, bad = 0, n = 0;
	time_t tt;
	const char *q;

	for (t = -86400LL * 3650; t < 4102444800LL; t += 86400 + 3607) {
		tt = (time_t)t;
		if (t == 0) {
			continue;
		}
		gmtime_r(&tt, &tm);
		strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_init(&j);
		json_kv_time(&j, "t", t);
		q = strchr(j.b.data, ':');
		snprintf(got, sizeof got, "%.*s", (int)strlen(q + 2) - 1,
		    q + 2);
		if (strcmp(got, want) != 0 && bad++ == 0) {
			printf("#   at %lld: got [%s] want [%s]\n",
			    (long long)t, got, want);
		}
		n++;
		json_free(&j);
	}
	T_OK(n > 40000 && bad == 0,
	    "times 1960-2100 written as gmtime_r + strftime write them");
	json_init(&j);
	json_kv_time(&j, "t", 951782400);	/* 2000-02-29 00:00:00 */
	T_CONTAINS(j.b.data, "\"2000-02-29T00:00:00Z\"", "a leap day");
	json_free(&j);
	json_init(&j);
	json_kv_time(&j, "t", 4107542399LL);	/* 2100-02-28 23:59:59 */
	T_CONTAINS(j.b.data, "\"2100-02-28T23:59:59Z\"",
	    "2100 is no leap year");
	json_free(&j);
}

/* The escape written byte by byte, as the writer did before it copied
 * runs eight bytes at a time. */
static void
json_quote_ref(char *out, const char *s)
{
	unsigned char c;

	*out++ = '"';
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '"' || c == '\\') {
			*out++ = '\\';
			*out++ = (char)c;
		} else if (c == '\n') {
			out += sprintf(out, "\\n");
		} else if (c == '\t') {
			out += sprintf(out, "\\t");
		} else if (c == '\r') {
			out += sprintf(out, "\\r");
		} else if (c < 0x20) {
			out += sprintf(out, "\\u%04x", c);
		} else {
			*out++ = (char)c;
		}
	}
	*out++ = '"';
	*out = '\0';
}

/* Strings of 0 to 40 bytes (plain ASCII, UTF-8 and bytes near the ones
 * that need an escape) with each byte that needs one at each position:
 * the same text as the byte-by-byte escape; and the extreme integers. */
static void
test_escape_runs(void)
{
	static const char special[] = "\"\\\n\t\r\001\037";
	static const char fill[] = "aZ~ !#[]\xc3\xa9\x7f\x80\xff\x1f";
	char s[48], want[400];
	struct json j;
	size_t len, pos, k;
	int bad = 0, n = 0;

	for (len = 0; len <= 40; len++) {
		for (k = 0; k < sizeof fill - 1; k++) {
			for (pos = 0; pos <= len; pos++) {
				memset(s, fill[(k + pos) % (sizeof fill - 1)],
				    len);
				s[len] = '\0';
				if (pos < len) {
					s[pos] = special[(k + len) %
					    (sizeof special - 1)];
				}
				json_quote_ref(want, s);
				json_init(&j);
				json_string(&j, s);
				bad += strcmp(j.b.data, want) != 0;
				n++;
				json_free(&j);
			}
		}
	}
	T_OK(n > 10000 && bad == 0, "strings escaped as byte by byte");
	json_init(&j);
	json_int(&j, INT64_MIN);
	json_int(&j, INT64_MAX);
	json_int(&j, 0);
	T_STR(j.b.data, "-9223372036854775808,9223372036854775807,0",
	    "integers written without printf");
	json_free(&j);
}

int
main(void)
{
	test_shape();
	test_escape_runs();
	test_times();
	return t_done();
}
