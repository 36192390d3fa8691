/*
 * text.c — plain-text helpers for message bodies (see text.h).
 *
 * Pure.  Every function is a forward pass with bounded look-ahead, so
 * hostile input costs linear time: an unclosed tag, comment or <script>
 * ends the document instead of being searched for again and again.
 * Input is run through utf8_sanitize() first, so the output is valid UTF-8
 * without controls other than TAB and LF whatever the caller passes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "utf8.h"
#include "xmalloc.h"

#define HTML_MAX_DIVS	256	/* nesting of <div> we track for quotes */
#define HTML_MAX_INDENT	8	/* quote marks / list indents rendered:
				   deeper nesting must not multiply the
				   output by the number of lines */
#define QUOTE_LOOKAHEAD	6	/* lines an Outlook header block spans */

/* ---- HTML ---- */

struct html {
	struct buf	 out;
	size_t		 col;		/* bytes on the current output line */
	int		 nl;		/* line breaks owed before more text */
	int		 space;		/* a space is owed */
	int		 quote;		/* quote depth */
	int		 pre;
	int		 list;
	int		 ndiv;
	unsigned char	 divq[HTML_MAX_DIVS];	/* this <div> quotes */
	char		*href;		/* of the open <a> */
	size_t		 astart;	/* where its text starts */
	size_t		 gt;		/* next '>' in the source, or its end */
};

static const struct {
	const char	*name;
	uint32_t	 cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xa0 }, { "ensp", ' ' }, { "emsp", ' ' },
	{ "thinsp", ' ' }, { "shy", 0xad }, { "zwnj", 0x200c },
	{ "zwj", 0x200d }, { "copy", 0xa9 }, { "reg", 0xae },
	{ "trade", 0x2122 }, { "hellip", 0x2026 }, { "mdash", 0x2014 },
	{ "ndash", 0x2013 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
	{ "sbquo", 0x201a }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
	{ "bdquo", 0x201e }, { "laquo", 0xab }, { "raquo", 0xbb },
	{ "lsaquo", 0x2039 }, { "rsaquo", 0x203a }, { "bull", 0x2022 },
	{ "middot", 0xb7 }, { "euro", 0x20ac }, { "pound", 0xa3 },
	{ "yen", 0xa5 }, { "cent", 0xa2 }, { "deg", 0xb0 },
	{ "plusmn", 0xb1 }, { "times", 0xd7 }, { "divide", 0xf7 },
	{ "frac12", 0xbd }, { "frac14", 0xbc }, { "frac34", 0xbe },
	{ "sup1", 0xb9 }, { "sup2", 0xb2 }, { "sup3", 0xb3 }, { "para", 0xb6 },
	{ "sect", 0xa7 }, { "iexcl", 0xa1 }, { "iquest", 0xbf },
	{ "micro", 0xb5 }, { "larr", 0x2190 }, { "rarr", 0x2192 },
	{ "uarr", 0x2191 }, { "darr", 0x2193 }, { "check", 0x2713 },
	{ "Agrave", 0xc0 }, { "Aacute", 0xc1 }, { "Acirc", 0xc2 },
	{ "Atilde", 0xc3 }, { "Auml", 0xc4 }, { "Aring", 0xc5 },
	{ "AElig", 0xc6 }, { "Ccedil", 0xc7 }, { "Egrave", 0xc8 },
	{ "Eacute", 0xc9 }, { "Ecirc", 0xca }, { "Euml", 0xcb },
	{ "Igrave", 0xcc }, { "Iacute", 0xcd }, { "Icirc", 0xce },
	{ "Iuml", 0xcf }, { "Ntilde", 0xd1 }, { "Ograve", 0xd2 },
	{ "Oacute", 0xd3 }, { "Ocirc", 0xd4 }, { "Otilde", 0xd5 },
	{ "Ouml", 0xd6 }, { "Oslash", 0xd8 }, { "Ugrave", 0xd9 },
	{ "Uacute", 0xda }, { "Ucirc", 0xdb }, { "Uuml", 0xdc },
	{ "Yacute", 0xdd }, { "szlig", 0xdf }, { "agrave", 0xe0 },
	{ "aacute", 0xe1 }, { "acirc", 0xe2 }, { "atilde", 0xe3 },
	{ "auml", 0xe4 }, { "aring", 0xe5 }, { "aelig", 0xe6 },
	{ "ccedil", 0xe7 }, { "egrave", 0xe8 }, { "eacute", 0xe9 },
	{ "ecirc", 0xea }, { "euml", 0xeb }, { "igrave", 0xec },
	{ "iacute", 0xed }, { "icirc", 0xee }, { "iuml", 0xef },
	{ "ntilde", 0xf1 }, { "ograve", 0xf2 }, { "oacute", 0xf3 },
	{ "ocirc", 0xf4 }, { "otilde", 0xf5 }, { "ouml", 0xf6 },
	{ "oslash", 0xf8 }, { "ugrave", 0xf9 }, { "uacute", 0xfa },
	{ "ucirc", 0xfb }, { "uuml", 0xfc }, { "yacute", 0xfd },
	{ "yuml", 0xff },
};

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Pay the line breaks and the space owed before text. */
static void
html_flush(struct html *h)
{
	int i;

	if (h->out.len == 0) {
		h->nl = 0;
		h->space = 0;
	}
	for (; h->nl > 0; h->nl--) {
		buf_addc(&h->out, '\n');
		h->col = 0;
		h->space = 0;
	}
	if (h->col == 0 && h->quote > 0) {
		for (i = 0; i < h->quote && i < HTML_MAX_INDENT; i++) {
			buf_addc(&h->out, '>');
		}
		buf_addc(&h->out, ' ');
		h->col = (size_t)i + 1;
		h->space = 0;
	}
	if (h->space && h->col > 0) {
		buf_addc(&h->out, ' ');
		h->col++;
	}
	h->space = 0;
}

static void
html_put(struct html *h, const char *s, size_t n)
{
	html_flush(h);
	buf_add(&h->out, s, n);
	h->col += n;
}

static void
html_cp(struct html *h, uint32_t cp)
{
	char u[4];

	if (cp == 0xa0 || cp == '\t' || cp == ' ' || cp == '\n' || cp == '\r') {
		if (h->pre && cp == '\n') {
			h->nl++;
		} else if (h->pre) {
			html_put(h, " ", 1);
		} else {
			h->space = 1;
		}
		return;
	}
	if (cp == 0xad || cp == 0x200b) {
		return;				/* soft hyphen, zero width */
	}
	if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp > 0x10ffff) {
		cp = 0xfffd;
	}
	html_put(h, u, utf8_encode(cp, u));
}

/* A line break (want 1) or a blank line (want 2) before more text. */
static void
html_block(struct html *h, int want)
{
	if (h->out.len > 0 && h->nl < want) {
		h->nl = want;
	}
	h->space = 0;
}

/* The character reference at s[0] == '&'; returns its length, 0 if none. */
static size_t
html_entity(const char *s, size_t n, uint32_t *cp)
{
	size_t i, k;
	uint32_t v = 0;
	int hex;

	if (n > 2 && s[1] == '#') {
		hex = s[2] == 'x' || s[2] == 'X';
		for (i = 2 + (size_t)hex; i < n && i < 12; i++) {
			int c = lower((unsigned char)s[i]);
			int d = c >= '0' && c <= '9' ? c - '0' :
			    hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

			if (d < 0) {
				break;
			}
			v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (i == 2 + (size_t)hex) {
			return 0;
		}
		*cp = v == 0 || v > 0x10ffff ? 0xfffd : v;
		return i < n && s[i] == ';' ? i + 1 : i;
	}
	for (i = 1; i < n && i < 10 && is_alnum((unsigned char)s[i]); i++) {
		continue;
	}
	if (i >= n || s[i] != ';') {
		return 0;
	}
	for (k = 0; k < sizeof(entities) / sizeof(entities[0]); k++) {
		if (strlen(entities[k].name) == i - 1 &&
		    strncmp(entities[k].name, s + 1, i - 1) == 0) {
			*cp = entities[k].cp;
			return i + 1;
		}
	}
	return 0;
}

/* Entities decoded, for attribute values; controls become spaces. */
static char *
html_unescape(const char *s, size_t n)
{
	struct buf b;
	uint32_t cp;
	size_t i, k;
	char u[4];

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (s[i] == '&' && (k = html_entity(s + i, n - i, &cp)) > 0) {
			i += k - 1;
			cp = cp < 0x20 || cp == 0x7f ? ' ' : cp;
			buf_add(&b, u, utf8_encode(cp, u));
		} else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
			buf_addc(&b, ' ');
		} else {
			buf_addc(&b, s[i]);
		}
	}
	return buf_steal(&b);
}

/* The value of attribute name in tag text t[0..n), or NULL. */
static char *
html_attr(const char *t, size_t n, const char *name)
{
	size_t nl = strlen(name), i, j;
	char q;

	for (i = 0; i + nl < n; i++) {
		if (!is_space((unsigned char)t[i]) ||
		    strncasecmp(t + i + 1, name, nl) != 0) {
			continue;
		}
		for (j = i + 1 + nl; j < n && is_space((unsigned char)t[j]); j++) {
			continue;
		}
		if (j >= n || t[j] != '=') {
			continue;
		}
		for (j++; j < n && is_space((unsigned char)t[j]); j++) {
			continue;
		}
		if (j < n && (t[j] == '"' || t[j] == '\'')) {
			q = t[j++];
			for (i = j; i < n && t[i] != q; i++) {
				continue;
			}
		} else {
			for (i = j; i < n && !is_space((unsigned char)t[i]); i++) {
				continue;
			}
		}
		return html_unescape(t + j, i - j);
	}
	return NULL;
}

static int
tag_is(const char *name, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(name, *list) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Where the element whose content we drop ends: after "</name>". */
static size_t
html_skip(const char *s, size_t n, size_t i, const char *name)
{
	size_t nl = strlen(name);
	const char *p;

	for (; (p = memchr(s + i, '<', n - i)) != NULL; i++) {
		i = (size_t)(p - s);
		if (i + 2 + nl <= n && s[i + 1] == '/' &&
		    strncasecmp(s + i + 2, name, nl) == 0) {
			p = memchr(s + i, '>', n - i);
			return p != NULL ? (size_t)(p - s) + 1 : n;
		}
		if (strcmp(name, "head") == 0 && i + 5 <= n &&
		    strncasecmp(s + i, "<body", 5) == 0) {
			return i;
		}
	}
	return n;
}

/* A <div> that holds quoted history (Gmail, Outlook). */
static int
html_div_quotes(const char *t, size_t n)
{
	char *c, *id, *st;
	int q;

	c = html_attr(t, n, "class");
	id = html_attr(t, n, "id");
	st = html_attr(t, n, "style");
	q = (c != NULL && (strstr(c, "gmail_quote") != NULL ||
	    strstr(c, "yahoo_quoted") != NULL ||
	    strstr(c, "moz-cite-prefix") != NULL)) ||
	    (id != NULL && (strcmp(id, "divRplyFwdMsg") == 0 ||
	    strcmp(id, "appendonsend") == 0)) ||
	    (st != NULL && strstr(st, "border-top:solid") != NULL &&
	    strstr(st, "border:none") != NULL);
	free(c);
	free(id);
	free(st);
	return q;
}

static void
html_div(struct html *h, int close, const char *t, size_t n)
{
	html_block(h, 1);
	if (!close) {
		if (h->ndiv < HTML_MAX_DIVS) {
			h->divq[h->ndiv] = (unsigned char)html_div_quotes(t, n);
			h->quote += h->divq[h->ndiv];
		}
		h->ndiv++;
		return;
	}
	if (h->ndiv > 0) {
		h->ndiv--;
		if (h->ndiv < HTML_MAX_DIVS) {
			h->quote -= h->divq[h->ndiv];
		}
	}
}

/* After the link text: its target, when the text does not say it. */
static void
html_link_end(struct html *h)
{
	const char *href = h->href, *text;
	size_t tl;
	int sp = h->space;

	if (href == NULL) {
		return;
	}
	text = h->out.data + h->astart;
	tl = h->out.len - h->astart;
	while (tl > 0 && is_space((unsigned char)*text)) {
		text++;
		tl--;
	}
	if (strncasecmp(href, "mailto:", 7) == 0) {
		href += 7;
	}
	if (tl > 0 && *href != '\0' && *href != '#' &&
	    strncasecmp(href, "javascript:", 11) != 0 &&
	    !(strlen(href) == tl && strncmp(href, text, tl) == 0) &&
	    !(strlen(href) == tl + 1 && href[tl] == '/' &&
	    strncmp(href, text, tl) == 0)) {
		h->space = 0;
		html_put(h, " <", 2);
		html_put(h, href, strlen(href));
		html_put(h, ">", 1);
		h->space = sp;
	}
	free(h->href);
	h->href = NULL;
}

static const char *const tag_para[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", NULL
};
static const char *const tag_line[] = {
	"tr", "ul", "ol", "dl", "dt", "dd", "hr", "address", "section",
	"article", "header", "footer", "nav", "aside", "center", "form",
	"fieldset", "figure", "figcaption", "main", "details", "summary",
	"caption", "body", NULL
};
static const char *const tag_drop[] = {
	"script", "style", "head", "title", "template", "noscript", "xml",
	"object", "svg", NULL
};

/* What tag name does; t[0..n) is the tag's text for its attributes. */
static void
html_tag_do(struct html *h, const char *name, int close, const char *t,
    size_t n)
{
	int i;

	if (strcmp(name, "br") == 0) {
		h->nl++;
		h->space = 0;
	} else if (tag_is(name, tag_para)) {
		html_block(h, 2);
	} else if (tag_is(name, tag_line)) {
		html_block(h, 1);
		if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
			h->list += close ? (h->list > 0 ? -1 : 0) : 1;
		}
	} else if (strcmp(name, "div") == 0) {
		html_div(h, close, t, n);
	} else if (strcmp(name, "blockquote") == 0) {
		html_block(h, 1);
		h->quote += close ? (h->quote > 0 ? -1 : 0) : 1;
	} else if (strcmp(name, "pre") == 0) {
		html_block(h, 1);
		h->pre += close ? (h->pre > 0 ? -1 : 0) : 1;
	} else if (strcmp(name, "li") == 0 && !close) {
		html_block(h, 1);
		for (i = 1; i < h->list && i < HTML_MAX_INDENT; i++) {
			html_put(h, "  ", 2);
		}
		html_put(h, "- ", 2);
	} else if ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0) &&
	    !close) {
		h->space = 1;
	} else if (strcmp(name, "a") == 0) {
		if (close) {
			html_link_end(h);
		} else {
			free(h->href);
			h->href = html_attr(t, n, "href");
			html_flush(h);
			h->astart = h->out.len;
		}
	}
}

/*
 * The markup at s[i] == '<'; returns where the text goes on.  The next
 * '>' is remembered: "<<<<...>" must not search for it from every '<'.
 */
static size_t
html_tag(struct html *h, const char *s, size_t n, size_t i)
{
	const char *gt, *t;
	char name[16];
	size_t k = 0, tn;
	int close;

	if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
		t = memmem(s + i + 4, n - i - 4, "-->", 3);
		return t != NULL ? (size_t)(t - s) + 3 : n;
	}
	if (h->gt <= i) {	/* s[i] is the '<', never the '>' */
		gt = memchr(s + i, '>', n - i);
		h->gt = gt != NULL ? (size_t)(gt - s) : n;
	}
	if (h->gt == n) {
		html_put(h, "<", 1);
		return i + 1;
	}
	gt = s + h->gt;
	t = s + i + 1;
	tn = (size_t)(gt - t);
	close = tn > 0 && *t == '/';
	if (tn > 0 && (*t == '!' || *t == '?')) {
		return (size_t)(gt - s) + 1;	/* <!DOCTYPE>, <![if]> */
	}
	for (k = (size_t)close; k < tn && k - (size_t)close < sizeof(name) - 1 &&
	    (is_alnum((unsigned char)t[k]) || t[k] == ':'); k++) {
		name[k - (size_t)close] = (char)lower((unsigned char)t[k]);
	}
	name[k - (size_t)close] = '\0';
	if (name[0] == '\0') {
		html_put(h, "<", 1);
		return i + 1;
	}
	if (!close && tag_is(name, tag_drop) && gt[-1] != '/') {
		return html_skip(s, n, (size_t)(gt - s) + 1, name);
	}
	html_tag_do(h, name, close, t, tn);
	return (size_t)(gt - s) + 1;
}

/* Trailing spaces off each line, blank runs to one, no blank ends. */
static char *
text_tidy(const char *s)
{
	struct buf b;
	const char *nl;
	size_t n;
	int blank = 0;

	buf_init(&b);
	for (; *s != '\0'; s = nl != NULL ? nl + 1 : s + n) {
		nl = strchr(s, '\n');
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		while (n > 0 && is_space((unsigned char)s[n - 1])) {
			n--;
		}
		if (n == 0) {
			blank = b.len > 0;
		} else {
			if (b.len > 0) {
				buf_adds(&b, blank ? "\n\n" : "\n");
			}
			buf_add(&b, s, n);
			blank = 0;
		}
		if (nl == NULL) {
			break;
		}
	}
	return buf_steal(&b);
}

char *
text_html_to_plain(const char *html, size_t len)
{
	struct html h;
	char *src, *r;
	size_t i = 0, n, k;
	uint32_t cp;

	memset(&h, 0, sizeof(h));
	buf_init(&h.out);
	src = utf8_sanitize(html != NULL ? html : "", html != NULL ? len : 0,
	    NULL);
	n = strlen(src);
	while (i < n) {
		if (src[i] == '<') {
			i = html_tag(&h, src, n, i);
		} else if (src[i] == '&' && (k = html_entity(src + i, n - i,
		    &cp)) > 0) {
			html_cp(&h, cp);
			i += k;
		} else if ((k = utf8_decode(src + i, n - i, &cp)) > 0) {
			html_cp(&h, cp);
			i += k;
		} else {
			html_cp(&h, 0xfffd);
			i++;
		}
	}
	r = text_tidy(h.out.data);
	free(h.href);
	buf_free(&h.out);
	free(src);
	return r;
}

/* ---- quoted history ---- */

struct line {
	const char	*s;
	size_t		 n;		/* without the newline */
	int		 quoted;	/* starts with '>' */
	int		 blank;
};

/* s without leading blanks, quote marks and '*' (bold from HTML). */
static const char *
line_core(const struct line *l, size_t *n)
{
	const char *s = l->s;
	size_t k = l->n;

	while (k > 0 && (is_space((unsigned char)*s) || *s == '>' ||
	    *s == '*')) {
		s++;
		k--;
	}
	while (k > 0 && is_space((unsigned char)s[k - 1])) {
		k--;
	}
	*n = k;
	return s;
}

static int
starts_ci(const char *s, size_t n, const char *p)
{
	size_t pl = strlen(p);

	return n >= pl && strncasecmp(s, p, pl) == 0;
}

static int
ends_ci(const char *s, size_t n, const char *p)
{
	size_t pl = strlen(p);

	return n >= pl && strncasecmp(s + n - pl, p, pl) == 0;
}

/* 1 if s[0..n) contains p, ASCII case-insensitively. */
static int
has_ci(const char *s, size_t n, const char *p)
{
	size_t pl = strlen(p), i;

	for (i = 0; i + pl <= n; i++) {
		if (strncasecmp(s + i, p, pl) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
any_prefix(const char *s, size_t n, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (starts_ci(s, n, *list)) {
			return 1;
		}
	}
	return 0;
}

static int
is_forward(const struct line *l)
{
	size_t n;
	const char *s = line_core(l, &n);

	return starts_ci(s, n, "Begin forwarded message") ||
	    (starts_ci(s, n, "--") && (has_ci(s, n, "forward") ||
	    has_ci(s, n, "diteruskan") || has_ci(s, n, "terusan")));
}

static int
is_original(const struct line *l)
{
	size_t n;
	const char *s = line_core(l, &n);

	return starts_ci(s, n, "--") && (has_ci(s, n, "original message") ||
	    has_ci(s, n, "pesan asli") || has_ci(s, n, "pesan asal"));
}

/* "From: ... Sent: ... To: ... Subject:" (Outlook, also in Indonesian). */
static int
is_outlook_block(const struct line *l, size_t left)
{
	static const char *const from[] = { "From:", "Dari:", NULL };
	static const char *const sent[] = {
		"Sent:", "Date:", "Dikirim:", "Terkirim:", "Tanggal:", NULL
	};
	static const char *const to[] = {
		"To:", "Kepada:", "Subject:", "Perihal:", "Subjek:", NULL
	};
	const char *s;
	size_t i, n;
	int have_sent = 0, have_to = 0;

	s = line_core(&l[0], &n);
	if (!any_prefix(s, n, from)) {
		return 0;
	}
	for (i = 1; i < left && i <= QUOTE_LOOKAHEAD; i++) {
		s = line_core(&l[i], &n);
		have_sent |= any_prefix(s, n, sent);
		have_to |= any_prefix(s, n, to);
	}
	return have_sent && have_to;
}

/* Attribution "On ... wrote:" / "Pada ... menulis:"; lines it spans. */
static size_t
is_attribution(const struct line *l, size_t left)
{
	static const char *const end[] = {
		"wrote:", "menulis:", "schrieb:", "a écrit :", "escribió:", NULL
	};
	const char *const *p;
	const char *s;
	size_t i, n;
	int start;

	if (l[0].quoted) {
		return 0;
	}
	s = line_core(&l[0], &n);
	start = starts_ci(s, n, "On ") || starts_ci(s, n, "Pada ") ||
	    starts_ci(s, n, "Am ") || starts_ci(s, n, "Le ") ||
	    starts_ci(s, n, "El ");
	for (i = 0; i < left && i < (start ? 3 : 1); i++) {
		if (i > 0 && (l[i].blank || l[i].quoted)) {
			break;
		}
		s = line_core(&l[i], &n);
		for (p = end; *p != NULL; p++) {
			if (ends_ci(s, n, *p)) {
				return i + 1;
			}
		}
	}
	return 0;
}

/* The "-- " signature separator (or "--", trailing space eaten). */
static int
is_sig_dash(const struct line *l)
{
	size_t n = l->n;

	while (n > 0 && l->s[n - 1] == ' ') {
		n--;
	}
	return !l->quoted && n == 2 && memcmp(l->s, "--", 2) == 0;
}

/* "Sent from my iPhone", "Dikirim dari ..." — a mobile client's line. */
static int
is_sig_mobile(const struct line *l)
{
	static const char *const sig[] = {
		"Sent from my ", "Sent from Outlook", "Sent from Mail for ",
		"Sent from Yahoo Mail", "Sent from Samsung", "Sent with ",
		"Get Outlook for ", "Dikirim dari ", "Kirim dari ", NULL
	};

	return !l->quoted && l->n < 80 && any_prefix(l->s, l->n, sig);
}

static struct line *
lines_split(const char *s, size_t *nl)
{
	struct line *v = NULL;
	size_t n = 0, cap = 0, k;
	const char *e, *p;

	for (;;) {
		e = strchr(s, '\n');
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].s = s;
		v[n].n = e != NULL ? (size_t)(e - s) : strlen(s);
		for (p = s, k = v[n].n; k > 0 && is_space((unsigned char)*p);
		    p++, k--) {
			continue;
		}
		v[n].quoted = k > 0 && *p == '>';
		v[n].blank = k == 0;
		n++;
		if (e == NULL) {
			break;
		}
		s = e + 1;
	}
	*nl = n;
	return v;
}

/* A separator left over above a cut history ("_____", "-----"). */
static int
is_rule(const struct line *l)
{
	size_t i;

	if (l->n < 3) {
		return 0;
	}
	for (i = 0; i < l->n; i++) {
		if (l->s[i] != '_' && l->s[i] != '-' && l->s[i] != ' ') {
			return 0;
		}
	}
	return 1;
}

/*
 * Whether only history comes from line j (the next unquoted text) on: a
 * "Dikirim dari ..." line is a signature there, but a sentence elsewhere.
 */
static int
history_follows(const struct line *l, size_t nl, size_t j)
{
	return j == nl || is_attribution(&l[j], nl - j) || is_original(&l[j]) ||
	    is_outlook_block(&l[j], nl - j) || is_sig_dash(&l[j]);
}

/*
 * Where the new text ends, and which lines before it to drop.  An
 * attribution followed only by quotes (or by unquoted history) ends it;
 * one followed by answers between quotes (an inline reply) is dropped
 * with the quotes alone.
 */
static size_t
quote_cut(struct line *l, size_t nl, size_t fwd, unsigned char *drop)
{
	size_t i, k, j, *next_text, *next_quote;

	next_text = xcalloc(nl + 1, sizeof(*next_text));
	next_quote = xcalloc(nl + 1, sizeof(*next_quote));
	next_text[nl] = next_quote[nl] = nl;
	for (i = nl; i-- > 0;) {
		next_text[i] = !l[i].quoted && !l[i].blank ? i : next_text[i + 1];
		next_quote[i] = l[i].quoted ? i : next_quote[i + 1];
	}
	for (i = 0; i < fwd; i++) {
		if (is_original(&l[i]) || is_outlook_block(&l[i], nl - i) ||
		    is_sig_dash(&l[i]) || (is_sig_mobile(&l[i]) &&
		    history_follows(l, nl, next_text[i + 1]))) {
			break;
		}
		if ((k = is_attribution(&l[i], nl - i)) == 0) {
			continue;
		}
		j = next_quote[i + k];
		if (j == nl || next_text[j] == nl ||
		    is_sig_dash(&l[next_text[j]]) ||
		    is_sig_mobile(&l[next_text[j]])) {
			break;
		}
		memset(drop + i, 1, k);
		i += k - 1;
	}
	free(next_text);
	free(next_quote);
	return i < fwd ? i : fwd;
}

char *
text_strip_quoted(const char *text)
{
	struct line *l;
	unsigned char *drop;
	struct buf b;
	size_t nl, i, end, fwd;
	char *src, *r;

	src = utf8_sanitize(text != NULL ? text : "", text ? strlen(text) : 0,
	    NULL);
	l = lines_split(src, &nl);
	drop = xcalloc(nl, 1);
	for (fwd = 0; fwd < nl && !is_forward(&l[fwd]); fwd++) {
		continue;
	}
	end = quote_cut(l, nl, fwd, drop);
	if (end == fwd) {
		end = nl;
	}
	while (end > 0 && (l[end - 1].blank || is_rule(&l[end - 1]))) {
		end--;
	}
	buf_init(&b);
	for (i = 0; i < end; i++) {
		if (!drop[i] && !(i < fwd && l[i].quoted)) {
			buf_add(&b, l[i].s, l[i].n);
			buf_addc(&b, '\n');
		}
	}
	r = text_tidy(b.data);
	if (*r == '\0') {
		free(r);
		r = text_tidy(src);
	}
	buf_free(&b);
	free(drop);
	free(l);
	free(src);
	return r;
}

/* ---- summary ---- */

char *
text_summary(const char *text, size_t n)
{
	struct buf b;
	size_t i = 0, len, k, count = 0;
	uint32_t cp;
	int sp = 0, cut = 0;
	char u[4];

	buf_init(&b);
	len = text != NULL ? strlen(text) : 0;
	while (i < len) {
		if ((k = utf8_decode(text + i, len - i, &cp)) == 0) {
			cp = 0xfffd;
			k = 1;
		}
		i += k;
		if (cp <= ' ' || cp == 0x7f || cp == 0xa0 || cp == 0x2028 ||
		    cp == 0x2029) {
			sp = count > 0;
			continue;
		}
		if (count + (size_t)sp >= n) {
			cut = 1;
			break;
		}
		if (sp) {
			buf_addc(&b, ' ');
			count++;
		}
		sp = 0;
		buf_add(&b, u, utf8_encode(cp, u));
		count++;
	}
	if (cut) {
		while (b.len > 0 && b.data[b.len - 1] == ' ') {
			b.data[--b.len] = '\0';
		}
		buf_adds(&b, "\xe2\x80\xa6");
	}
	return buf_steal(&b);
}
