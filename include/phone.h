/*
 * phone.h — phone numbers to E.164.  Pure.
 *
 * With country "62" (Indonesia): "0812-3456-789", "62812...", "+62 812 ...",
 * "0062812..." and "812-3456-789" (national without the trunk "0", as some
 * networks deliver senders) all become "+628123456789".  Senders that are not a
 * person's number are told apart so nobody auto-replies to them:
 * alphanumeric senders ("TELKOMSEL", "BANK-X") and short codes (up to 6
 * digits, e.g. "3636").
 */
#ifndef PHONE_H
#define PHONE_H

#include <stddef.h>

enum phone_kind {
	PHONE_INVALID = 0,
	PHONE_E164,		/* out holds "+<digits>" */
	PHONE_SHORTCODE,	/* out holds the digits */
	PHONE_ALPHA,		/* out holds the sender as given (trimmed) */
};

/* country: calling code digits without "+", e.g. "62".  out >= 17 bytes
 * for numbers; alphanumeric senders are cut to outlen-1. */
enum phone_kind	phone_normalize(const char *in, const char *country,
		    char *out, size_t outlen);

#endif
