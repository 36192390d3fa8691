/*
 * xmalloc.c — allocation wrappers that exit on exhaustion (see xmalloc.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "xmalloc.h"

static void
xmalloc_die(size_t n)
{
	fprintf(stderr, "<2>out of memory allocating %zu bytes\n", n);
	exit(EX_OSERR);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		xmalloc_die(n);
	}
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL) {
		xmalloc_die(nmemb * size);
	}
	return p;
}

void *
xreallocarray(void *old, size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size) {
		xmalloc_die(SIZE_MAX);
	}
	p = realloc(old, nmemb * size != 0 ? nmemb * size : 1);
	if (p == NULL) {
		xmalloc_die(nmemb * size);
	}
	return p;
}

char *
xstrdup(const char *s)
{
	if (s == NULL) {
		return NULL;
	}
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len = strnlen(s, n);

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0) {
		xmalloc_die(0);
	}
	return s;
}

void
xfree_strv(char **v, size_t n)
{
	size_t i;

	if (v == NULL) {
		return;
	}
	for (i = 0; i < n; i++) {
		free(v[i]);
	}
	free(v);
}
