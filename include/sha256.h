/*
 * sha256.h — SHA-256 (FIPS 180-4), pure; sha256.c is the one module that
 * hashes, and the only user of the library that does it (nettle).  Used
 * for attachment content addresses, the content hash that deduplicates
 * mail without a Message-ID, SMS part keys and the configuration file's
 * digest.
 *
 * struct sha256 holds the state by value: nothing to allocate or free, and
 * no call can fail.  Its bytes are the library's; do not look inside.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>

#define SHA256_STATE	160	/* room for the library's context */

struct sha256 {
	unsigned char	state[SHA256_STATE];
};

void	sha256_init(struct sha256 *);
void	sha256_update(struct sha256 *, const void *, size_t);
void	sha256_final(struct sha256 *, unsigned char out[32]);
/* One call: hex digest (64 chars + NUL) of data. */
void	sha256_hex(const void *data, size_t len, char out[65]);

#endif
