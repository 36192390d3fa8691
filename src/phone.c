/*
 * phone.c — E.164 normalisation (see phone.h).  The rules are the national
 * dialling conventions that matter for SMS senders: "+" or "00" means
 * international, a leading "0" is the national trunk prefix, a number
 * that already starts with the country code is international without "+",
 * and any other number long enough to be one is national without its
 * trunk prefix (networks deliver "81234500004" for "081234500004").
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "phone.h"

#define PHONE_MAXDIGITS 15	/* E.164 */
#define PHONE_MINDIGITS 7	/* shorter is a short code */

static int
phone_is_separator(int c)
{
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
	    c == '/' || c == '\t';
}

static enum phone_kind
phone_alpha(const char *in, char *out, size_t outlen)
{
	size_t n = strlen(in);

	while (n > 0 && isspace((unsigned char)in[n - 1])) {
		n--;
	}
	if (n == 0) {
		return PHONE_INVALID;
	}
	snprintf(out, outlen, "%.*s", (int)n, in);
	return PHONE_ALPHA;
}

enum phone_kind
phone_normalize(const char *in, const char *country, char *out, size_t outlen)
{
	char digits[64];
	size_t nd = 0, clen = country ? strlen(country) : 0;
	const char *p;
	int plus = 0;

	if (in == NULL || outlen < 17) {
		return PHONE_INVALID;
	}
	while (isspace((unsigned char)*in)) {
		in++;
	}
	if (*in == '+') {
		plus = 1;
		in++;
	}
	for (p = in; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			if (nd + 1 >= sizeof digits) {
				return PHONE_INVALID;
			}
			digits[nd++] = *p;
		} else if (!phone_is_separator((unsigned char)*p)) {
			return plus ? PHONE_INVALID : phone_alpha(in, out, outlen);
		}
	}
	digits[nd] = '\0';
	if (nd == 0) {
		return PHONE_INVALID;
	}
	if (plus) {
		/* as given */
	} else if (strncmp(digits, "00", 2) == 0) {
		memmove(digits, digits + 2, nd - 1);
		nd -= 2;
	} else if (nd < PHONE_MINDIGITS) {
		snprintf(out, outlen, "%s", digits);
		return PHONE_SHORTCODE;
	} else if (digits[0] == '0') {
		if (clen == 0 || nd - 1 + clen >= sizeof digits) {
			return PHONE_INVALID;
		}
		memmove(digits + clen, digits + 1, nd);
		memcpy(digits, country, clen);
		nd = nd - 1 + clen;
	} else if (clen == 0) {
		return PHONE_INVALID;
	} else if (strncmp(digits, country, clen) != 0) {
		/* national, the trunk "0" left out */
		if (nd + clen >= sizeof digits) {
			return PHONE_INVALID;
		}
		memmove(digits + clen, digits, nd + 1);
		memcpy(digits, country, clen);
		nd += clen;
	}
	if (nd < PHONE_MINDIGITS || nd > PHONE_MAXDIGITS || digits[0] == '0') {
		return PHONE_INVALID;
	}
	snprintf(out, outlen, "+%s", digits);
	return PHONE_E164;
}
