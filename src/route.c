/*
 * route.c — category routing (see route.h).  Pure.
 *
 * Matching is on an ASCII-lower-cased copy of subject and text; bytes of
 * multi-byte UTF-8 characters count as word characters, so "kipas" does
 * not match inside "kipasé" and Indonesian/English keywords (ASCII) match
 * as expected.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "route.h"

static int
route_wordch(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

int
route_keyword_match(const char *text, const char *keyword)
{
	size_t n = strlen(keyword);
	int prefix = n > 0 && keyword[n - 1] == '*';
	const char *p = text;

	if (prefix) {
		n--;
	}
	if (n == 0 || text == NULL) {
		return 0;
	}
	/* compare n bytes: a prefix keyword's '*' is not part of the text */
	for (; (p = strchr(p, keyword[0])) != NULL; p++) {
		if (strncmp(p, keyword, n) != 0) {
			continue;
		}
		if (p > text && route_wordch((unsigned char)p[-1])) {
			continue;
		}
		if (!prefix && route_wordch((unsigned char)p[n])) {
			continue;
		}
		return 1;
	}
	return 0;
}

static int
route_keywords(const struct conf_rule *r, const char *hay)
{
	size_t i;

	if (r->nkeywords == 0) {
		return 1;
	}
	for (i = 0; i < r->nkeywords; i++) {
		if (route_keyword_match(hay, r->keywords[i])) {
			return 1;
		}
	}
	return 0;
}

static int
route_domain(const struct conf_rule *r, const char *sender)
{
	const char *at;
	size_t i;

	if (r->ndomains == 0) {
		return 1;
	}
	if (sender == NULL || (at = strrchr(sender, '@')) == NULL) {
		return 0;
	}
	for (i = 0; i < r->ndomains; i++) {
		if (strcasecmp(at + 1, r->domains[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
route_source(const struct conf_rule *r, const struct route_input *in)
{
	if (r->source == NULL) {
		return 1;
	}
	return (in->source != NULL && strcmp(r->source, in->source) == 0) ||
	    (in->channel != NULL && strcmp(r->source, in->channel) == 0);
}

/* The first rule that matches hay, or -1. */
static int
route_first(const struct conf *cf, const struct route_input *in,
    const char *hay)
{
	size_t i;

	for (i = 0; i < cf->nrules; i++) {
		if (route_source(&cf->rules[i], in) &&
		    route_domain(&cf->rules[i], in->sender) &&
		    route_keywords(&cf->rules[i], hay)) {
			return (int)i;
		}
	}
	return -1;
}

const struct conf_category *
route_category(const struct conf *cf, const struct route_input *in,
    int *rule)
{
	struct buf hay;
	size_t i, subject_len;

	buf_init(&hay);
	buf_adds(&hay, in->subject ? in->subject : "");
	subject_len = hay.len;
	buf_addc(&hay, '\n');
	buf_adds(&hay, in->text ? in->text : "");
	for (i = 0; i < hay.len; i++) {
		hay.data[i] = (char)tolower((unsigned char)hay.data[i]);
	}
	/* what the complainant put in the subject says it best */
	hay.data[subject_len] = '\0';
	*rule = route_first(cf, in, hay.data);
	if (*rule == -1) {
		hay.data[subject_len] = '\n';
		*rule = route_first(cf, in, hay.data);
	}
	buf_free(&hay);
	return conf_category_by_id(cf, *rule >= 0 ?
	    cf->rules[*rule].category : cf->default_category);
}
