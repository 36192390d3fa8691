/*
 * test_json.c — the JSON writer: nesting, escapes, and times written
 * without gmtime_r, checked against gmtime_r + strftime.
 */
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

int
main(void)
{
	test_shape();
	test_times();
	return t_done();
}
