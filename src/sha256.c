/*
 * sha256.c — SHA-256 by nettle, behind sha256.h.
 *
 * Why nettle and not GnuTLS's gnutls_hash_*(): GnuTLS's own hashing is
 * built on nettle, and nettle's context is a plain struct — no handle to
 * allocate, no initialisation, no call that can fail — so sha256.h keeps
 * its void functions and callers keep hashing on the stack.  The programs
 * that hash but speak no TLS (the supervisor and complaintctl digest the
 * configuration, complaintctl ingest hashes mail) load a small hash
 * library, not the TLS stack.
 *
 * nettle's header turns sha256_init and sha256_update into its own names
 * by macro; those macros are dropped here so that this file can define
 * sha256.h's functions, which call nettle's by their real names.  The
 * context is copied in and out of struct sha256's bytes (memcpy: no
 * aliasing or alignment assumption about them).
 */
#include <string.h>

#include <nettle/sha2.h>
#undef sha256_init
#undef sha256_update
#undef sha256_digest

#include "sha256.h"

_Static_assert(sizeof(struct sha256_ctx) <= SHA256_STATE,
    "struct sha256 has no room for nettle's struct sha256_ctx");

void
sha256_init(struct sha256 *h)
{
	struct sha256_ctx ctx;

	nettle_sha256_init(&ctx);
	memcpy(h->state, &ctx, sizeof ctx);
}

void
sha256_update(struct sha256 *h, const void *data, size_t len)
{
	struct sha256_ctx ctx;

	if (len == 0) {
		return;		/* data may be NULL then */
	}
	memcpy(&ctx, h->state, sizeof ctx);
	nettle_sha256_update(&ctx, len, data);
	memcpy(h->state, &ctx, sizeof ctx);
}

void
sha256_final(struct sha256 *h, unsigned char out[32])
{
	struct sha256_ctx ctx;

	memcpy(&ctx, h->state, sizeof ctx);
	nettle_sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void
sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256 h;
	unsigned char d[32];
	size_t i;

	sha256_init(&h);
	sha256_update(&h, data, len);
	sha256_final(&h, d);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 0xf];
	}
	out[64] = '\0';
}
