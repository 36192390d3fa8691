/*
 * buf.h — a growable byte buffer, always NUL-terminated after buf_init().
 * Pure; allocation failures exit (xmalloc).  buf_steal() hands the bytes to
 * the caller (free()) and leaves the buffer empty and reusable.
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_steal(struct buf *);
/* Room for `more` bytes after len (and the NUL), for a writer that
 * fills data + len itself and then sets len. */
void	 buf_reserve(struct buf *, size_t more);

#endif
