/*
 * route.h — which category a new case belongs to.  Pure.
 *
 * The configured rules are tried in order (see struct conf_rule); the first
 * whose every criterion holds decides.  They are tried against the subject
 * alone first, then against subject and text: what the complainant wrote
 * in the subject says what the complaint is about better than a word in
 * passing in the body.  Keywords match case-insensitively
 * as whole words or phrases ("atap bocor"); a keyword ending in "*" matches
 * word prefixes too ("nilai*" finds "nilainya").  No rule: the default
 * category.
 */
#ifndef ROUTE_H
#define ROUTE_H

#include "conf.h"

struct route_input {
	const char	*channel;	/* "email" | "sms" */
	const char	*source;	/* "imap:x", "modem:x", "ingest" */
	const char	*sender;	/* address or number */
	const char	*subject;
	const char	*text;
};

/* Never NULL for a valid configuration.  *rule gets the index of the rule
 * that matched, or -1 for the default. */
const struct conf_category *route_category(const struct conf *,
	    const struct route_input *, int *rule);

/* 1 if keyword (lower-case, optional trailing '*') occurs in text. */
int	route_keyword_match(const char *text, const char *keyword);

#endif
