/*
 * tmpl.h — message templates.  Rendering is pure; loading reads files.
 *
 * Syntax: "{{name}}" is replaced by the variable's value, "{{name|text}}"
 * by text when the value is empty or missing, "{{name?text}}" by text only
 * when the value is not empty, with "#" in text standing for the value
 * ("{{attachment_count?, # lampiran}}").  A template for email starts
 * with a "Subject: ..." line and a blank line; SMS templates are the text.
 * An unknown variable is an error at load time (tmplset_check), so a typo
 * in a template is found by `complaintd -t`, not by a complainant.
 *
 * Files: <dir>/<lang>/<name>.<channel>, e.g. templates/id/ack.email,
 * templates/en/notify.sms; optional HTML alternative <name>.email.html.
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

struct tmpl_var {
	const char	*name;
	const char	*value;		/* NULL: empty */
};

/* Render; caller frees.  Never fails on values; NULL + err only on a
 * malformed template ("{{" without "}}"). */
char	*tmpl_render(const char *tmpl, const struct tmpl_var *vars,
	    size_t nvars, char *err, size_t errlen);

/* The same for an HTML template: every value (and default) is escaped as
 * HTML text, so a complainant's name or subject cannot inject markup. */
char	*tmpl_render_html(const char *tmpl, const struct tmpl_var *vars,
	    size_t nvars, char *err, size_t errlen);

/* Split an email template into its subject line and body (caller frees
 * both).  -1 with err if the "Subject:" line is missing. */
int	tmpl_split(const char *tmpl, char **subject, char **body,
	    char *err, size_t errlen);

/* Render an email template: the subject is rendered on its own and kept
 * on one line whatever the values hold.  Caller frees both. */
int	tmpl_render_email(const char *tmpl, const struct tmpl_var *vars,
	    size_t nvars, char **subject, char **body, char *err,
	    size_t errlen);

/* 0 if every variable used in tmpl is in names[]; else -1, err names it. */
int	tmpl_check(const char *tmpl, const char *const *names, size_t n,
	    char *err, size_t errlen);

/* ---- the set of templates, loaded once ---- */

struct tmplset;

/* The templates every installation needs (names without channel). */
extern const char *const tmpl_required[];
extern const size_t tmpl_nrequired;
/* The variables templates may use. */
extern const char *const tmpl_variables[];
extern const size_t tmpl_nvariables;

/* Load <dir>/<lang>/ for each language in langs.  Every required template
 * must exist for "email" and "sms" and pass tmpl_check.  -1: every problem
 * is in err (lines separated by "\n"). */
int	tmplset_load(const char *dir, const char *const *langs, size_t nlangs,
	    struct tmplset **out, char *err, size_t errlen);
void	tmplset_free(struct tmplset *);
/* Borrowed; NULL when absent.  channel "email", "email.html" or "sms". */
const char	*tmplset_get(const struct tmplset *, const char *lang,
		    const char *name, const char *channel);

#endif
