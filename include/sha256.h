/*
 * sha256.h — SHA-256 (FIPS 180-4), pure.  Used for attachment content
 * addresses and for the content hash that deduplicates mail without a
 * Message-ID.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t	h[8];
	uint64_t	len;
	unsigned char	buf[64];
	size_t		nbuf;
};

void	sha256_init(struct sha256 *);
void	sha256_update(struct sha256 *, const void *, size_t);
void	sha256_final(struct sha256 *, unsigned char out[32]);
/* One call: hex digest (64 chars + NUL) of data. */
void	sha256_hex(const void *data, size_t len, char out[65]);

#endif
