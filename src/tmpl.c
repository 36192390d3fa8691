/*
 * tmpl.c — template rendering (pure) and the template set (reads the
 * template directory once, at start-up).  See tmpl.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "tmpl.h"
#include "utf8.h"
#include "xmalloc.h"

const char *const tmpl_required[] = {
	"ack",		/* to the complainant: received, with the reference */
	"notify",	/* to each responsible officer: a new case */
	"followup",	/* to the officers: the complainant wrote again */
	"resolution",	/* to the complainant: the written resolution */
	"rejection",	/* to the complainant: out of scope, with the reason */
	"feedback",	/* to the officers: the complainant's satisfaction */
	"reopened",	/* to the escalation officer: not satisfied */
	"officer-error",	/* to an officer: a command we did not understand */
	"ask",		/* to the complainant: a request for information */
	"reminder",	/* to the officers: a due time is near */
	"overdue",	/* to the officers: a due time passed unmet */
	"escalation",	/* to the next officer up: overdue, now yours too */
	"feedback-reminder",	/* to the complainant: satisfied or not? */
	"autoclose",	/* to the complainant: closed without feedback */
	"wait-expired",	/* to the complainant: closed, no information */
	"notify-summary",	/* to an officer: notifications past their
				   hourly limit, in one message */
	"status",	/* to the complainant: how their case stands */
	"interim",	/* to the complainant: an interim update, still open */
	"correction",	/* to the complainant: a corrected answer */
	"merged",	/* to the complainant: their case joined another */
	"entered",	/* to an officer: the complaint they entered */
	"recap",	/* to officers: the recap of a period (schedules) */
	"digest",	/* to an officer: their open and overdue cases */
	"notice",	/* to officers: a scheduled reminder's text */
	"channel-down",	/* to the administrators: a channel stopped working */
	"channel-up",	/* to the administrators: it works again */
	"feedback-unclear",	/* to the complainant: satisfied or not? (an
				   unclear answer, once per round) */
	"approval",	/* to an approver: an answer waiting for approval */
	"approval-reminder",	/* to an approver: it is still waiting */
	"returned",	/* to an answer's author: returned with a comment */
	"drafted",	/* to an answer's author: it waits for approval */
	"cpar",		/* to an officer: a corrective action's news and
			   next step (cpar.c): recorded, a case waits */
	"cpar-opened",	/* to its owner: a corrective action for them */
	"cpar-reminder",	/* to its owner: the due date is near */
	"cpar-overdue",	/* to its owner and the quality manager */
	"cpar-escalation",	/* to the next officer up the owner's chain */
	"cpar-verify",	/* to the quality manager: done, please verify */
	"cpar-verified",	/* to its owner: effective or not */
	"cpar-check",	/* to the quality manager: effectiveness check */
};
const size_t tmpl_nrequired = sizeof tmpl_required / sizeof tmpl_required[0];

const char *const tmpl_variables[] = {
	"reference", "org_name", "name", "complainant", "channel", "category",
	"category_name", "subject", "summary", "text", "received",
	"officer_name", "officer_role", "resolution", "reason", "level",
	"commands", "attachments", "attachment_count", "due", "response_due",
	"due_left", "due_what", "close_on", "officers", "count", "lines",
	"status", "officer_ids", "entry_address", "merged_into",
	/* schedules (schedule_run.c) */
	"period", "report", "received_count", "answered_count", "open_count",
	"overdue_count", "cases", "references",
	/* alerts (alerts.c) */
	"since",
	/* approval (casework_approval.c) */
	"draft", "author", "answer_kind", "comment", "waiting", "approvers",
	/* corrective actions (cpar.c) */
	"cpar", "cpar_what", "cpar_status", "cpar_next", "cpar_owner",
	"cpar_due", "cpar_cases", "cpar_note", "nonconformity",
};
const size_t tmpl_nvariables = sizeof tmpl_variables /
    sizeof tmpl_variables[0];

static const char *const tmpl_channels[] = { "email", "sms", "email.html" };

struct tmpl_entry {
	char	*lang;
	char	*name;
	char	*channel;
	char	*text;
};

struct tmplset {
	struct tmpl_entry	*e;
	size_t			 n;
};

/* Find "{{name|default}}" or "{{name?text}}" at p (just after "{{"):
 * sets name/def spans and *op ('|', '?' or 0), returns the position
 * after "}}", or NULL if unterminated. */
static const char *
tmpl_field(const char *p, const char **name, size_t *nlen, const char **def,
    size_t *dlen, char *op)
{
	const char *end = strstr(p, "}}"), *bar;

	if (end == NULL) {
		return NULL;
	}
	bar = p + strcspn(p, "|?");
	if (bar > end) {
		bar = NULL;
	}
	*op = bar != NULL ? *bar : 0;
	*name = p;
	*nlen = (size_t)((bar ? bar : end) - p);
	while (*nlen > 0 && (*name)[0] == ' ') {
		(*name)++;
		(*nlen)--;
	}
	while (*nlen > 0 && (*name)[*nlen - 1] == ' ') {
		(*nlen)--;
	}
	*def = bar ? bar + 1 : end;
	*dlen = bar ? (size_t)(end - bar - 1) : 0;
	return end + 2;
}

static const char *
tmpl_lookup(const struct tmpl_var *vars, size_t nvars, const char *name,
    size_t nlen)
{
	size_t i;

	for (i = 0; i < nvars; i++) {
		if (strlen(vars[i].name) == nlen &&
		    strncmp(vars[i].name, name, nlen) == 0) {
			return vars[i].value;
		}
	}
	return NULL;
}

/* Append v, as HTML text when html is set. */
static void
tmpl_add_value(struct buf *b, const char *v, size_t len, int html)
{
	size_t i;

	if (!html) {
		buf_add(b, v, len);
		return;
	}
	for (i = 0; i < len; i++) {
		switch (v[i]) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, v[i]);
		}
	}
}

/* "{{name?text}}" with a value: the text, "#" in it standing for the
 * value (HTML: escaped like a default). */
static void
tmpl_add_cond(struct buf *b, const char *text, size_t len, const char *v,
    int html)
{
	const char *hash;

	while ((hash = memchr(text, '#', len)) != NULL) {
		tmpl_add_value(b, text, (size_t)(hash - text), html);
		tmpl_add_value(b, v, strlen(v), html);
		len -= (size_t)(hash - text) + 1;
		text = hash + 1;
	}
	tmpl_add_value(b, text, len, html);
}

static char *
tmpl_render_as(const char *t, const struct tmpl_var *vars, size_t nvars,
    int html, char *err, size_t errlen)
{
	struct buf b;
	const char *p, *name, *def, *v, *next;
	size_t nlen, dlen;
	char op;

	buf_init(&b);
	for (p = t; *p != '\0';) {
		if (p[0] != '{' || p[1] != '{') {
			buf_addc(&b, *p++);
			continue;
		}
		next = tmpl_field(p + 2, &name, &nlen, &def, &dlen, &op);
		if (next == NULL) {
			snprintf(err, errlen, "\"{{\" without \"}}\"");
			buf_free(&b);
			return NULL;
		}
		v = tmpl_lookup(vars, nvars, name, nlen);
		if (op == '?') {
			if (v != NULL && *v != '\0') {
				tmpl_add_cond(&b, def, dlen, v, html);
			}
		} else if (v != NULL && *v != '\0') {
			tmpl_add_value(&b, v, strlen(v), html);
		} else {
			tmpl_add_value(&b, def, dlen, html);
		}
		p = next;
	}
	return buf_steal(&b);
}

char *
tmpl_render(const char *t, const struct tmpl_var *vars, size_t nvars,
    char *err, size_t errlen)
{
	return tmpl_render_as(t, vars, nvars, 0, err, errlen);
}

char *
tmpl_render_html(const char *t, const struct tmpl_var *vars, size_t nvars,
    char *err, size_t errlen)
{
	return tmpl_render_as(t, vars, nvars, 1, err, errlen);
}

int
tmpl_split(const char *r, char **subject, char **body, char *err,
    size_t errlen)
{
	const char *eol, *p;

	*subject = *body = NULL;
	if (strncasecmp(r, "Subject:", 8) != 0) {
		snprintf(err, errlen, "an email template must start with a "
		    "\"Subject:\" line");
		return -1;
	}
	p = r + 8;
	while (*p == ' ' || *p == '\t') {
		p++;
	}
	eol = strchr(p, '\n');
	if (eol == NULL) {
		eol = p + strlen(p);
	}
	*subject = xstrndup(p, (size_t)(eol - p));
	p = *eol ? eol + 1 : eol;
	while (*p == '\n' || *p == '\r') {
		p++;
	}
	*body = xstrdup(p);
	return 0;
}

int
tmpl_render_email(const char *t, const struct tmpl_var *vars, size_t nvars,
    char **subject, char **body, char *err, size_t errlen)
{
	char *st = NULL, *bt = NULL, *s;

	*subject = *body = NULL;
	if (tmpl_split(t, &st, &bt, err, errlen) == -1) {
		return -1;
	}
	*subject = tmpl_render(st, vars, nvars, err, errlen);
	*body = tmpl_render(bt, vars, nvars, err, errlen);
	free(st);
	free(bt);
	if (*subject == NULL || *body == NULL) {
		free(*subject);
		free(*body);
		*subject = *body = NULL;
		return -1;
	}
	/* a subject is one line: values inserted into it must not break it */
	for (s = *subject; *s != '\0'; s++) {
		if (*s == '\r' || *s == '\n' || *s == '\t') {
			*s = ' ';
		}
	}
	return 0;
}

int
tmpl_check(const char *t, const char *const *names, size_t n, char *err,
    size_t errlen)
{
	const char *p, *name, *def;
	size_t nlen, dlen, i;
	char op;

	for (p = t; (p = strstr(p, "{{")) != NULL;) {
		p = tmpl_field(p + 2, &name, &nlen, &def, &dlen, &op);
		if (p == NULL) {
			snprintf(err, errlen, "\"{{\" without \"}}\"");
			return -1;
		}
		for (i = 0; i < n; i++) {
			if (strlen(names[i]) == nlen &&
			    strncmp(names[i], name, nlen) == 0) {
				break;
			}
		}
		if (i == n) {
			snprintf(err, errlen, "unknown variable {{%.*s}}",
			    (int)nlen, name);
			return -1;
		}
	}
	return 0;
}

/* ---- the set ---- */

static char *
tmpl_read(const char *path, char *err, size_t errlen)
{
	FILE *f;
	struct buf b;
	char chunk[4096];
	size_t n;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
	}
	fclose(f);
	if (!utf8_valid(b.data, b.len)) {
		snprintf(err, errlen, "%s: not valid UTF-8", path);
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static void
tmpl_adderr(struct buf *errs, const char *msg)
{
	if (errs->len > 0) {
		buf_addc(errs, '\n');
	}
	buf_adds(errs, msg);
}

static void
tmplset_one(struct tmplset *ts, const char *dir, const char *lang,
    const char *name, const char *ch, struct buf *errs)
{
	char path[4096], err[4400], *text, *subj = NULL, *body = NULL;
	struct tmpl_entry *e;
	int optional = strcmp(ch, "email.html") == 0;

	snprintf(path, sizeof path, "%s/%s/%s.%s", dir, lang, name, ch);
	if (optional && access(path, F_OK) != 0) {
		return;
	}
	if ((text = tmpl_read(path, err, sizeof err)) == NULL) {
		tmpl_adderr(errs, err);
		return;
	}
	if (tmpl_check(text, tmpl_variables, tmpl_nvariables, err,
	    sizeof err) == -1 || (strcmp(ch, "email") == 0 &&
	    tmpl_split(text, &subj, &body, err, sizeof err) == -1)) {
		tmpl_adderr(errs, path);
		buf_adds(errs, ": ");
		buf_adds(errs, err);
		free(text);
		return;
	}
	free(subj);
	free(body);
	ts->e = xreallocarray(ts->e, ts->n + 1, sizeof *ts->e);
	e = &ts->e[ts->n++];
	e->lang = xstrdup(lang);
	e->name = xstrdup(name);
	e->channel = xstrdup(ch);
	e->text = text;
}

int
tmplset_load(const char *dir, const char *const *langs, size_t nlangs,
    struct tmplset **out, char *err, size_t errlen)
{
	struct tmplset *ts = xcalloc(1, sizeof *ts);
	struct buf errs;
	size_t l, i, c;

	buf_init(&errs);
	for (l = 0; l < nlangs; l++) {
		for (i = 0; i < tmpl_nrequired; i++) {
			for (c = 0; c < sizeof tmpl_channels /
			    sizeof tmpl_channels[0]; c++) {
				tmplset_one(ts, dir, langs[l], tmpl_required[i],
				    tmpl_channels[c], &errs);
			}
		}
	}
	*out = NULL;
	if (errs.len > 0) {
		snprintf(err, errlen, "%s", errs.data);
		buf_free(&errs);
		tmplset_free(ts);
		return -1;
	}
	buf_free(&errs);
	*out = ts;
	return 0;
}

void
tmplset_free(struct tmplset *ts)
{
	size_t i;

	if (ts == NULL) {
		return;
	}
	for (i = 0; i < ts->n; i++) {
		free(ts->e[i].lang);
		free(ts->e[i].name);
		free(ts->e[i].channel);
		free(ts->e[i].text);
	}
	free(ts->e);
	free(ts);
}

const char *
tmplset_get(const struct tmplset *ts, const char *lang, const char *name,
    const char *channel)
{
	size_t i;

	for (i = 0; i < ts->n; i++) {
		if (strcmp(ts->e[i].lang, lang) == 0 &&
		    strcmp(ts->e[i].name, name) == 0 &&
		    strcmp(ts->e[i].channel, channel) == 0) {
			return ts->e[i].text;
		}
	}
	return NULL;
}
