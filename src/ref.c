/*
 * ref.c — case reference formats (see ref.h).
 *
 * A format is parsed into at most a handful of pieces (literal, year, seq)
 * each time it is used; formats are short and this keeps the module free of
 * state.  Matching walks the pieces against the text; literals compare
 * case-insensitively so "kel-2026-000042" in a subject still finds the case.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ref.h"

enum piece_kind { P_LIT, P_YEAR, P_SEQ };

struct piece {
	enum piece_kind	 kind;
	const char	*lit;	/* P_LIT: points into the format */
	size_t		 len;	/* P_LIT: length; P_SEQ: minimum width */
};

#define MAX_PIECES 16

static int
ref_lit_char(int c)
{
	return isalnum(c) || c == '-' || c == '_' || c == '/' || c == '.' ||
	    c == '#';
}

static int
ref_parse(const char *fmt, struct piece *p, size_t *np, char *err,
    size_t errlen)
{
	size_t n = 0, width;
	int seen_seq = 0, seen_year = 0;
	const char *s = fmt, *end;

	while (*s != '\0') {
		if (n == MAX_PIECES) {
			snprintf(err, errlen, "reference format is too long");
			return -1;
		}
		if (*s != '{') {
			p[n].kind = P_LIT;
			p[n].lit = s;
			while (*s != '\0' && *s != '{') {
				if (!ref_lit_char((unsigned char)*s)) {
					snprintf(err, errlen, "reference format "
					    "may not contain '%c'", *s);
					return -1;
				}
				s++;
			}
			p[n].len = (size_t)(s - p[n].lit);
			n++;
			continue;
		}
		end = strchr(s, '}');
		if (end == NULL) {
			snprintf(err, errlen, "reference format: unclosed '{'");
			return -1;
		}
		if (end - s == 5 && strncmp(s, "{year", 5) == 0) {
			if (seen_year++) {
				snprintf(err, errlen,
				    "reference format has {year} twice");
				return -1;
			}
			p[n].kind = P_YEAR;
		} else if (strncmp(s, "{seq", 4) == 0 &&
		    (end - s == 4 || s[4] == ':')) {
			width = 1;
			if (s[4] == ':') {
				if (end - s < 6 || end - s > 7 ||
				    !isdigit((unsigned char)s[5]) ||
				    (end - s == 7 &&
				    !isdigit((unsigned char)s[6]))) {
					snprintf(err, errlen, "reference format:"
					    " {seq:N} needs N from 1 to 12");
					return -1;
				}
				width = (size_t)(s[5] - '0');
				if (end - s == 7) {
					width = width * 10 + (size_t)(s[6] - '0');
				}
				if (width < 1 || width > 12) {
					snprintf(err, errlen, "reference format:"
					    " {seq:N} needs N from 1 to 12");
					return -1;
				}
			}
			if (seen_seq++) {
				snprintf(err, errlen,
				    "reference format has {seq} twice");
				return -1;
			}
			p[n].kind = P_SEQ;
			p[n].len = width;
		} else {
			snprintf(err, errlen, "reference format: unknown field "
			    "'%.*s' (use {year} and {seq:N})", (int)(end - s + 1),
			    s);
			return -1;
		}
		if (n > 0 && p[n - 1].kind != P_LIT) {
			snprintf(err, errlen, "reference format: fields must "
			    "be separated by literal text");
			return -1;
		}
		n++;
		s = end + 1;
	}
	if (!seen_seq) {
		snprintf(err, errlen, "reference format needs {seq}");
		return -1;
	}
	if (p[0].kind != P_LIT) {
		snprintf(err, errlen,
		    "reference format must start with literal text");
		return -1;
	}
	*np = n;
	return 0;
}

int
ref_validate_format(const char *fmt, char *err, size_t errlen)
{
	struct piece p[MAX_PIECES];
	size_t n;
	char out[REF_MAX];

	if (fmt == NULL || ref_parse(fmt, p, &n, err, errlen) == -1) {
		if (fmt == NULL) {
			snprintf(err, errlen, "reference format is empty");
		}
		return -1;
	}
	/* the largest year and a 12-digit sequence must still fit */
	if (ref_format(fmt, 9999, 999999999999LL, out, sizeof out) == -1) {
		snprintf(err, errlen, "reference format is too long");
		return -1;
	}
	return 0;
}

int
ref_format_has_year(const char *fmt)
{
	return fmt != NULL && strstr(fmt, "{year}") != NULL;
}

int
ref_format(const char *fmt, int year, int64_t seq, char *out, size_t outlen)
{
	struct piece p[MAX_PIECES];
	size_t n, i, off = 0;
	char err[128];
	int w;

	if (ref_parse(fmt, p, &n, err, sizeof err) == -1 || seq < 0 ||
	    outlen == 0) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (p[i].kind == P_LIT) {
			w = snprintf(out + off, outlen - off, "%.*s",
			    (int)p[i].len, p[i].lit);
		} else if (p[i].kind == P_YEAR) {
			w = snprintf(out + off, outlen - off, "%04d", year);
		} else {
			w = snprintf(out + off, outlen - off, "%0*lld",
			    (int)p[i].len, (long long)seq);
		}
		if (w < 0 || (size_t)w >= outlen - off) {
			return -1;
		}
		off += (size_t)w;
	}
	return 0;
}

/* Match the pieces at text; returns the length matched or 0. */
static size_t
ref_match_at(const struct piece *p, size_t n, const char *text)
{
	size_t i, k, off = 0;

	for (i = 0; i < n; i++) {
		if (p[i].kind == P_LIT) {
			if (strncasecmp(text + off, p[i].lit, p[i].len) != 0) {
				return 0;
			}
			off += p[i].len;
			continue;
		}
		for (k = 0; isdigit((unsigned char)text[off + k]); k++) {
			;
		}
		if (p[i].kind == P_YEAR ? k != 4 : (k < p[i].len || k > 18)) {
			return 0;
		}
		off += k;
	}
	return off;
}

size_t
ref_find(const char *fmt, const char *text, char (*out)[REF_MAX], size_t max)
{
	struct piece p[MAX_PIECES];
	size_t n, found = 0, len, i, j;
	char err[128], canon[REF_MAX];
	const char *s;

	if (text == NULL || ref_parse(fmt, p, &n, err, sizeof err) == -1) {
		return 0;
	}
	for (s = text; *s != '\0' && found < max; s++) {
		if (s > text && isalnum((unsigned char)s[-1])) {
			continue;
		}
		len = ref_match_at(p, n, s);
		if (len == 0 || len >= REF_MAX ||
		    isalnum((unsigned char)s[len])) {
			continue;
		}
		/* canonical form: the format's literals, the text's digits */
		for (i = 0, j = 0; i < n && j < len; i++) {
			if (p[i].kind == P_LIT) {
				memcpy(canon + j, p[i].lit, p[i].len);
				j += p[i].len;
			} else {
				while (isdigit((unsigned char)s[j])) {
					canon[j] = s[j];
					j++;
				}
			}
		}
		canon[len] = '\0';
		for (i = 0; i < found && strcmp(out[i], canon) != 0; i++) {
			;
		}
		if (i == found) {
			memcpy(out[found++], canon, len + 1);
		}
		s += len - 1;
	}
	return found;
}
