/*
 * rnd.c — random hex tokens (see rnd.h).  getrandom() blocks only until the
 * kernel pool is initialised at boot; a failure here is a broken system.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>

#include "log.h"
#include "rnd.h"

void
rnd_hex(char *out, size_t nbytes)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[64];
	size_t i, got = 0;
	ssize_t r;

	if (nbytes > sizeof b) {
		fatalx("rnd_hex: %zu bytes requested", nbytes);
	}
	while (got < nbytes) {
		r = getrandom(b + got, nbytes - got, 0);
		if (r < 0 && errno != EINTR) {
			fatal("getrandom");
		}
		got += r > 0 ? (size_t)r : 0;
	}
	for (i = 0; i < nbytes; i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[2 * nbytes] = '\0';
}

void
rnd_token(char out[RND_TOKEN_LEN])
{
	snprintf(out, 9, "%08llx", (unsigned long long)time(NULL) & 0xffffffffULL);
	rnd_hex(out + 8, 12);
}
