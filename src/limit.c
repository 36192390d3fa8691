/*
 * limit.c — the recipient key of the per-recipient limits and the numbers
 * automatic SMS may go to (see limit.h for the rules and why).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "limit.h"

/* One mailbox under two names. */
static int
limit_gmail(const char *domain)
{
	return strcmp(domain, "gmail.com") == 0 ||
	    strcmp(domain, "googlemail.com") == 0;
}

void
limit_key(const char *rcpt, char *out, size_t outlen)
{
	char low[320];
	const char *at, *domain;
	size_t i, n = 0;
	int gmail;

	if (outlen == 0) {
		return;
	}
	snprintf(low, sizeof low, "%s", rcpt != NULL ? rcpt : "");
	for (i = 0; low[i] != '\0'; i++) {
		low[i] = (char)tolower((unsigned char)low[i]);
	}
	if ((at = strrchr(low, '@')) == NULL) {
		snprintf(out, outlen, "%s", low);	/* a number */
		return;
	}
	domain = at + 1;
	gmail = limit_gmail(domain);
	for (i = 0; low + i < at && low[i] != '+' && n + 1 < outlen; i++) {
		if (gmail && low[i] == '.') {
			continue;
		}
		out[n++] = low[i];
	}
	out[n] = '\0';
	snprintf(out + n, outlen - n, "@%s", gmail ? "gmail.com" : domain);
}

int
limit_sms_allowed(const struct conf *cf, const char *number)
{
	size_t i, n;

	for (i = 0; number != NULL && i < cf->limits.nsms_reply_prefixes;
	    i++) {
		n = strlen(cf->limits.sms_reply_prefixes[i]);
		if (strncmp(number, cf->limits.sms_reply_prefixes[i], n) == 0) {
			return 1;
		}
	}
	return 0;
}
