/*
 * authres.c — Authentication-Results (RFC 8601) read, and the verdict
 * intake takes from it (see authres.h for which field counts and why).
 *
 * Pure and bounded: one forward pass over a copy of the value without its
 * comments, split on ';'; each result is "method[/version] = result"
 * followed by properties, of which only method and result are kept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authres.h"
#include "xmalloc.h"

/* The value without (nested) comments; quoted strings kept whole. */
static char *
authres_uncomment(const char *v)
{
	char *out = xmalloc(strlen(v) + 1), *o = out;
	int depth = 0, quoted = 0;

	for (; *v != '\0'; v++) {
		if (quoted) {
			if (*v == '\\' && v[1] != '\0') {
				*o++ = *v++;
			} else if (*v == '"') {
				quoted = 0;
			}
			*o++ = *v;
		} else if (*v == '(') {
			depth++;
		} else if (*v == ')' && depth > 0) {
			depth--;
		} else if (depth > 0) {
			if (*v == '\\' && v[1] != '\0') {
				v++;
			}
		} else {
			quoted = *v == '"';
			*o++ = *v;
		}
	}
	*o = '\0';
	return out;
}

/* The next word of s (up to white space, '=' or ';'), lower-cased. */
static const char *
authres_word(const char *s, char *w, size_t wlen)
{
	size_t n = 0;

	while (isspace((unsigned char)*s)) {
		s++;
	}
	while (*s != '\0' && !isspace((unsigned char)*s) && *s != '=' &&
	    *s != ';') {
		if (n + 1 < wlen) {
			w[n++] = (char)tolower((unsigned char)*s);
		}
		s++;
	}
	w[n] = '\0';
	return s;
}

/* One "method[/version] = result ..." segment. */
static void
authres_result(const char *seg, struct authres *out)
{
	char method[32], result[32], *slash;
	const char *p;

	p = authres_word(seg, method, sizeof method);
	while (isspace((unsigned char)*p)) {
		p++;
	}
	if (method[0] == '\0' || *p != '=' || out->n >= AUTHRES_MAX) {
		return;
	}
	authres_word(p + 1, result, sizeof result);
	if ((slash = strchr(method, '/')) != NULL) {
		*slash = '\0';
	}
	if (result[0] == '\0') {
		return;
	}
	snprintf(out->r[out->n].method, sizeof out->r[0].method, "%s", method);
	snprintf(out->r[out->n].result, sizeof out->r[0].result, "%s", result);
	out->n++;
}

int
authres_parse(const char *value, struct authres *out)
{
	char *v, *seg, *save = NULL, *id;
	int first = 1;

	memset(out, 0, sizeof *out);
	v = authres_uncomment(value != NULL ? value : "");
	for (seg = strtok_r(v, ";", &save); seg != NULL;
	    seg = strtok_r(NULL, ";", &save)) {
		if (first) {
			id = seg;
			authres_word(id, out->authserv_id,
			    sizeof out->authserv_id);
			/* a quoted authserv-id */
			if (out->authserv_id[0] == '"') {
				memmove(out->authserv_id, out->authserv_id + 1,
				    strlen(out->authserv_id));
				out->authserv_id[strcspn(out->authserv_id,
				    "\"")] = '\0';
			}
			first = 0;
			continue;
		}
		authres_result(seg, out);
	}
	free(v);
	return out->authserv_id[0] != '\0' ? 0 : -1;
}

/* The first result of method, or NULL. */
static const char *
authres_get(const struct authres *a, const char *method)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		if (strcmp(a->r[i].method, method) == 0) {
			return a->r[i].result;
		}
	}
	return NULL;
}

/* 1 when some result of method is `result`. */
static int
authres_any(const struct authres *a, const char *method, const char *result)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		if (strcmp(a->r[i].method, method) == 0 &&
		    strcmp(a->r[i].result, result) == 0) {
			return 1;
		}
	}
	return 0;
}

static enum authres_verdict
authres_judge(const struct authres *a, char *why, size_t whylen)
{
	const char *dmarc = authres_get(a, "dmarc");

	if (dmarc != NULL && (strcmp(dmarc, "pass") == 0 ||
	    strcmp(dmarc, "fail") == 0)) {
		snprintf(why, whylen, "dmarc=%s (%s)", dmarc, a->authserv_id);
		return dmarc[0] == 'p' ? AUTHRES_PASS : AUTHRES_FAIL;
	}
	if (dmarc == NULL && authres_any(a, "spf", "fail") &&
	    !authres_any(a, "dkim", "pass")) {
		snprintf(why, whylen, "spf=fail and no dkim=pass (%s)",
		    a->authserv_id);
		return AUTHRES_FAIL;
	}
	snprintf(why, whylen, "no verdict on the sender (%s)", a->authserv_id);
	return AUTHRES_NONE;
}

enum authres_verdict
authres_verdict(const char *const *values, size_t n, const char *trusted,
    char *why, size_t whylen)
{
	struct authres a;
	char dummy[8];
	size_t i;

	if (why == NULL) {
		why = dummy;
		whylen = sizeof dummy;
	}
	snprintf(why, whylen, "no Authentication-Results from %s",
	    trusted != NULL ? trusted : "a trusted server");
	if (trusted == NULL || *trusted == '\0') {
		return AUTHRES_NONE;
	}
	for (i = 0; i < n; i++) {
		if (authres_parse(values[i], &a) == 0 &&
		    strcasecmp(a.authserv_id, trusted) == 0) {
			return authres_judge(&a, why, whylen);
		}
	}
	return AUTHRES_NONE;
}
