/*
 * labels.c — labelled lines in free text (see labels.h).  Pure.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "labels.h"
#include "xmalloc.h"

/* The length of label at p when p starts with it, followed by blanks and
 * a colon; *value gets what follows the colon.  0 when it does not. */
static size_t
labels_match(const char *p, const char *label, const char **value)
{
	size_t n = strlen(label);
	const char *q;

	if (strncasecmp(p, label, n) != 0) {
		return 0;
	}
	q = p + n;
	while (*q == ' ' || *q == '\t') {
		q++;
	}
	if (*q != ':') {
		return 0;
	}
	*value = q + 1;
	return n;
}

/* The field a line is (its index), or -1; *value: after the colon. */
static int
labels_field(const char *line, const struct label_def *defs, size_t ndefs,
    const char **value)
{
	const char *p = line;
	size_t i, j;

	while (*p == ' ' || *p == '\t') {
		p++;
	}
	for (i = 0; i < ndefs; i++) {
		for (j = 0; defs[i].labels[j] != NULL; j++) {
			if (labels_match(p, defs[i].labels[j], value) > 0) {
				return (int)i;
			}
		}
	}
	return -1;
}

/* s[0..n) without surrounding blanks, as a new string. */
static char *
labels_trim(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1])) {
		n--;
	}
	return xstrndup(s, n);
}

static int
labels_set(struct labels *out, int f, const char *value, size_t n, int line,
    char *err, size_t errlen)
{
	char *v = labels_trim(value, n);

	if (out->values[f] == NULL) {
		out->values[f] = v;
		out->lines[f] = line;
		return 0;
	}
	if (strcmp(out->values[f], v) != 0) {
		snprintf(err, errlen, "\"%s\" is given twice, on line %d "
		    "(\"%s\") and on line %d (\"%s\")", out->defs[f].key,
		    out->lines[f], out->values[f], line, v);
		free(v);
		return -1;
	}
	free(v);
	return 0;
}

int
labels_parse(const char *text, const struct label_def *defs, size_t ndefs,
    struct labels *out, char *err, size_t errlen)
{
	const char *p = text ? text : "", *nl, *value;
	struct buf rest;
	size_t len;
	int f, line = 0, rc = 0;
	char *lstr;

	memset(out, 0, sizeof *out);
	out->defs = defs;
	out->ndefs = ndefs;
	out->values = xcalloc(ndefs + 1, sizeof *out->values);
	out->lines = xcalloc(ndefs + 1, sizeof *out->lines);
	buf_init(&rest);
	for (;; p = nl + 1) {
		line++;
		nl = p + strcspn(p, "\n");
		len = (size_t)(nl - p);
		lstr = xstrndup(p, len);
		f = labels_field(lstr, defs, ndefs, &value);
		if (f >= 0 && rc == 0) {
			rc = labels_set(out, f, value, strlen(value), line, err,
			    errlen);
		} else if (f < 0) {
			buf_add(&rest, p, len);
			buf_adds(&rest, "\n");
		}
		free(lstr);
		if (*nl == '\0') {
			break;
		}
	}
	out->text = labels_trim(rest.data ? rest.data : "", rest.len);
	buf_free(&rest);
	return rc;
}

const char *
labels_get(const struct labels *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->ndefs; i++) {
		if (strcmp(l->defs[i].key, key) == 0) {
			return l->values[i];
		}
	}
	return NULL;
}

void
labels_free(struct labels *l)
{
	size_t i;

	for (i = 0; l->values != NULL && i < l->ndefs; i++) {
		free(l->values[i]);
	}
	free(l->values);
	free(l->lines);
	free(l->text);
	memset(l, 0, sizeof *l);
}
