/*
 * fuzz_imap.c — libFuzzer target for what imap.c reads from a server
 * itself, beyond libetpan's parser: the personal namespace (any prefix,
 * any separator) that configured folder names are put under, and
 * INTERNALDATE's fields as a time.  Aborts on a result that overruns or
 * is not terminated, or a time outside the years it can stand for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imapdata.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The input: separator, output size, then prefix NUL name. */
static void
folder(const uint8_t *d, size_t n)
{
	char prefix[128], name[256], out[300];
	size_t outlen, plen, nlen;
	const uint8_t *z;
	char sep;

	if (n < 2) {
		return;
	}
	sep = (char)d[0];
	outlen = 1 + d[1] % sizeof out;
	d += 2;
	n -= 2;
	z = memchr(d, 0, n);
	plen = z ? (size_t)(z - d) : n;
	plen = plen < sizeof prefix - 1 ? plen : sizeof prefix - 1;
	memcpy(prefix, d, plen);
	prefix[plen] = '\0';
	nlen = z ? n - (size_t)(z - d) - 1 : 0;
	nlen = nlen < sizeof name - 1 ? nlen : sizeof name - 1;
	memcpy(name, z ? z + 1 : d, nlen);
	name[nlen] = '\0';
	memset(out, 'X', sizeof out);
	if (imapdata_folder(name, prefix, sep, out, outlen) == 0 &&
	    (memchr(out, '\0', outlen) == NULL || strlen(out) < strlen(name))) {
		abort();
	}
	if (out[sizeof out - 1] != 'X' && outlen < sizeof out) {
		abort();		/* written past outlen */
	}
}

static int
field(const uint8_t *d, size_t n, size_t i)
{
	int v = 0;

	if (2 * i + 1 < n) {
		v = (int)(int16_t)(d[2 * i] << 8 | d[2 * i + 1]);
	}
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	time_t t;

	folder(d, n);
	t = imapdata_time(field(d, n, 0), field(d, n, 1), field(d, n, 2),
	    field(d, n, 3), field(d, n, 4), field(d, n, 5), field(d, n, 6));
	if (t != 0 && (t < -86400 || t > (time_t)253402387200)) {
		abort();
	}
	return 0;
}
