/*
 * zpack.c — zlib behind one module (see zpack.h).  Pure: memory in,
 * memory out, no I/O.
 */
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "zpack.h"

int
zpack(const void *in, size_t len, struct buf *out)
{
	uLongf zlen;
	unsigned char hdr[4];
	size_t at;

	if (len > ZPACK_MAX) {
		return -1;
	}
	hdr[0] = (unsigned char)len;
	hdr[1] = (unsigned char)(len >> 8);
	hdr[2] = (unsigned char)(len >> 16);
	hdr[3] = (unsigned char)(len >> 24);
	buf_add(out, hdr, sizeof hdr);
	at = out->len;
	zlen = compressBound((uLong)len);
	buf_reserve(out, zlen);
	if (compress2((Bytef *)out->data + at, &zlen, in, (uLong)len,
	    Z_DEFAULT_COMPRESSION) != Z_OK) {
		out->len = at - sizeof hdr;
		out->data[out->len] = '\0';
		return -1;
	}
	out->len = at + zlen;
	out->data[out->len] = '\0';
	return 0;
}

int
zunpack(const void *in, size_t len, struct buf *out)
{
	const unsigned char *p = in;
	uLongf want, got;
	size_t at = out->len;

	if (len < 4) {
		return -1;
	}
	want = (uLongf)p[0] | (uLongf)p[1] << 8 | (uLongf)p[2] << 16 |
	    (uLongf)p[3] << 24;
	if (want > ZPACK_MAX) {
		return -1;
	}
	buf_reserve(out, want);
	got = want;
	if (uncompress((Bytef *)out->data + at, &got, p + 4, (uLong)(len -
	    4)) != Z_OK || got != want) {
		out->data[at] = '\0';
		return -1;
	}
	out->len = at + got;
	out->data[out->len] = '\0';
	return 0;
}
