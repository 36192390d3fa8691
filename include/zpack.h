/*
 * zpack.h — compressing bytes kept for the record but rarely read (the
 * text of a sent mail).  zlib lives behind this module alone.
 *
 * The packed form: the original length (4 bytes, little-endian), then
 * zlib's stream.  Unpacking refuses anything longer than ZPACK_MAX.
 */
#ifndef ZPACK_H
#define ZPACK_H

#include <stddef.h>

#include "buf.h"

#define ZPACK_MAX	(64u * 1024 * 1024)

/* in (len bytes) packed, appended to out: 0, or -1 (too large, no
 * memory). */
int	zpack(const void *in, size_t len, struct buf *out);
/* A packed form unpacked, appended to out (NUL-terminated, as a buf
 * always is): 0, or -1 when it is not one. */
int	zunpack(const void *in, size_t len, struct buf *out);

#endif
