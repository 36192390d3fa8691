/*
 * fuzz_tmpl.c — libFuzzer target for templates (tmpl.c): a template text
 * (an administrator's file) rendered with values complainants chose, as
 * text, as an email (Subject line split off) and as HTML.  The input is
 * the template, then the values, NUL-separated.  Aborts when HTML output
 * lets a value add markup, or output is not valid UTF-8 where template
 * and values were.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
valid(const char *s, int inputs_valid)
{
	if (s != NULL && inputs_valid && !utf8_valid(s, strlen(s))) {
		abort();
	}
}

/* A value in an HTML template that is nothing but the value: no markup
 * may come out of it. */
static void
html_value(const char *value)
{
	struct tmpl_var v = { "name", value };
	char err[256], *h;

	h = tmpl_render_html("<p>{{name}}</p>", &v, 1, err, sizeof err);
	if (h == NULL || strncmp(h, "<p>", 3) != 0 ||
	    strpbrk(h + 3, "<>\"") != h + strlen(h) - 4) {
		abort();
	}
	free(h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *names[] = { "reference", "name", "subject", "text" };
	char *copy = malloc(n + 1), *p, *s, *subj, *body, err[256];
	struct tmpl_var v[4];
	size_t i;
	int ok;

	memcpy(copy, d, n);
	copy[n] = '\0';
	p = copy + strlen(copy) + 1;
	for (i = 0; i < 4; i++) {
		v[i].name = names[i];
		v[i].value = p < copy + n ? p : NULL;
		p += p < copy + n ? strlen(p) + 1 : 0;
	}
	ok = utf8_valid(copy, n);
	s = tmpl_render(copy, v, 4, err, sizeof err);
	valid(s, ok);
	free(s);
	s = tmpl_render_html(copy, v, 4, err, sizeof err);
	valid(s, ok);
	free(s);
	if (tmpl_render_email(copy, v, 4, &subj, &body, err, sizeof err)
	    == 0) {
		if (strchr(subj, '\n') != NULL) {
			abort();	/* a subject is one line */
		}
		valid(subj, ok);
		valid(body, ok);
		free(subj);
		free(body);
	}
	tmpl_check(copy, names, 4, err, sizeof err);
	for (i = 0; i < 4; i++) {
		if (v[i].value != NULL) {
			html_value(v[i].value);
		}
	}
	free(copy);
	return 0;
}
