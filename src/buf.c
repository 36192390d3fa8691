/*
 * buf.c — growable buffer (see buf.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

static void
buf_grow(struct buf *b, size_t more)
{
	size_t need = b->len + more + 1;

	if (need <= b->cap) {
		return;
	}
	while (b->cap < need) {
		b->cap = b->cap ? b->cap * 2 : 64;
	}
	b->data = xreallocarray(b->data, b->cap, 1);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	buf_grow(b, 0);
	b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL) {
		b->data[0] = '\0';
	}
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->data == NULL) {
		buf_init(b);
	}
	buf_grow(b, n);
	if (n > 0) {
		memcpy(b->data + b->len, p, n);
	}
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, int c)
{
	char ch = (char)c;

	/* the common case without a call: decoders append byte by byte */
	if (b->data != NULL && b->len + 1 < b->cap) {
		b->data[b->len++] = ch;
		b->data[b->len] = '\0';
		return;
	}
	buf_add(b, &ch, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->data == NULL) {
		buf_init(b);
	}
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_steal(struct buf *b)
{
	char *p;

	if (b->data == NULL) {
		buf_init(b);
	}
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_reserve(struct buf *b, size_t more)
{
	buf_grow(b, more);
}
