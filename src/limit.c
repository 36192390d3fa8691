/*
 * limit.c — the recipient key of the per-recipient limits and the numbers
 * automatic SMS may go to (see limit.h for the rules and why).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

int
limit_noreply(const char *a)
{
	static const char *const who[] = {
		"noreply", "no-reply", "no_reply", "no.reply", "donotreply",
		"do-not-reply", "do_not_reply", "do.not.reply", "dontreply",
		"dont-reply",
	};
	const char *at, *p;
	size_t i, n;

	if (a == NULL || (at = strchr(a, '@')) == NULL) {
		return 0;
	}
	for (i = 0; i < sizeof who / sizeof who[0]; i++) {
		n = strlen(who[i]);
		for (p = a; p + n <= at; p++) {
			if (strncasecmp(p, who[i], n) == 0 && (p == a ||
			    strchr("-_.+", p[-1]) != NULL) && (p + n == at ||
			    strchr("-_.+", p[n]) != NULL ||
			    isdigit((unsigned char)p[n]))) {
				return 1;
			}
		}
	}
	return 0;
}
