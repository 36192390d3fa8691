/*
 * fuzz_smstext.c — libFuzzer target for SMS text as a modem hands it over
 * and as it comes back from the database: UTF-16 decoded, parts joined, a
 * user data header searched for its concatenation element, the record of
 * received parts read back (what `complaintctl quarantine reprocess` does
 * with a quarantined SMS), and texts prepared for sending.  Aborts on
 * invalid UTF-8 and on values outside their range, not only on crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smstext.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
valid(const char *s)
{
	if (s == NULL || !utf8_valid(s, strlen(s))) {
		abort();
	}
}

/* The input cut into up to four parts, numbered by their first byte. */
static void
join(const uint8_t *d, size_t n)
{
	struct smstext_part p[4];
	size_t k = 0, at = 0, len;
	int missing, total = n > 0 ? d[0] % 8 : 1;
	char *s;

	while (k < 4 && at + 2 <= n) {
		len = d[at + 1] < n - at - 2 ? d[at + 1] : n - at - 2;
		p[k].seq = d[at] % 8;
		p[k].utf16 = d + at + 2;
		p[k].len = len;
		at += 2 + len;
		k++;
	}
	s = smstext_join(p, k, total, &missing, NULL);
	valid(s);
	if (missing < 0 || missing > total) {
		abort();
	}
	free(s);
}

static void
raw(const uint8_t *d, size_t n)
{
	struct smstext_raw r;
	char err[128];

	if (smstext_raw_parse((const char *)d, n, &r, err, sizeof err) == 0) {
		valid(r.text);
		if (r.n < 1 || r.n > SMSTEXT_RAW_MAXPARTS ||
		    strncmp(r.id, "sms:", 4) != 0 || r.missing < 0) {
			abort();
		}
	} else if (memchr(err, '\0', sizeof err) == NULL) {
		abort();
	}
	smstext_raw_free(&r);
}

static void
prepare(const uint8_t *d, size_t n)
{
	char *u = utf8_sanitize((const char *)d, n, NULL), *t;
	int maxparts = n > 0 ? 1 + d[n - 1] % 6 : 1, cut;

	t = smstext_prepare(u, maxparts, &cut);
	valid(t);
	if (smstext_parts(t, NULL) > maxparts) {
		abort();
	}
	free(t);
	free(u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	int ref = -1, total = 1, seq = 1;
	char *s;

	s = smstext_from_utf16(d, n, NULL);
	valid(s);
	free(s);
	if (smstext_udh_concat(d, n, &ref, &total, &seq) == 1 &&
	    (total < 2 || total > 255 || seq < 1 || seq > total || ref < 0 ||
	    ref > 0xffff)) {
		abort();
	}
	join(d, n);
	raw(d, n);
	prepare(d, n);
	return 0;
}
