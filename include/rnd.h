/*
 * rnd.h — unpredictable tokens from the kernel (getrandom).  Used for the
 * per-case reply tokens and the random part of our Message-IDs.
 */
#ifndef RND_H
#define RND_H

#include <stddef.h>

/* nbytes random bytes as lower-case hex into out (2*nbytes+1 bytes). */
void	rnd_hex(char *out, size_t nbytes);

/* A per-case secret: 8 hex digits of the time, then 96 random bits (24
 * hex digits), 33 bytes with the NUL.  The time prefix makes new tokens
 * sort after old ones, so the database's index of them grows at its end
 * instead of at random pages; the random part is what keeps it secret. */
#define RND_TOKEN_LEN	33
void	rnd_token(char out[RND_TOKEN_LEN]);

#endif
