/*
 * rnd.h — unpredictable tokens from the kernel (getrandom).  Used for the
 * per-case reply tokens and the random part of our Message-IDs.
 */
#ifndef RND_H
#define RND_H

#include <stddef.h>

/* nbytes random bytes as lower-case hex into out (2*nbytes+1 bytes). */
void	rnd_hex(char *out, size_t nbytes);

#endif
