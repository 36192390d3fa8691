/*
 * ctl.h — what the complaintctl commands share: the loaded configuration,
 * the open database, option parsing conventions and output helpers.
 * One command per file (src/ctl/<command>.c), each an entry in the table
 * of main.c.
 *
 * Commands return a sysexits.h code.  Messages for the user go to stderr
 * prefixed "complaintctl: "; results go to stdout.
 */
#ifndef CTL_H
#define CTL_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <time.h>

#include "casedef.h"
#include "conf.h"
#include "pipeline.h"
#include "store.h"

struct ctl {
	const char	*conf_path;
	int		 debug;
	struct conf	*cf;
	struct store	*st;
	struct pipeline	*pl;
};

#define CTL_NEED_STORE		0x1
#define CTL_NEED_PIPELINE	0x2	/* implies the store */
#define CTL_READ_ONLY		0x4	/* with CTL_NEED_STORE: only reads; a
					   missing database is an error, never
					   created */
#define CTL_OUTBUF		(1 << 20)	/* stdout buffer, not a tty */

/* Load the configuration and open what flags ask for.  0, or the exit
 * code to return (after saying why).  tempfail: report every failure as
 * EX_TEMPFAIL (ingest: the MTA must keep the mail and retry). */
int	ctl_open(struct ctl *, int flags, int tempfail);
void	ctl_close(struct ctl *);

void	ctl_err(const char *, ...) __attribute__((format(printf, 1, 2)));
/* "YYYY-MM-DD HH:MM" local time, "-" for 0. */
void	ctl_time(time_t, char *, size_t);
/* "2026-11-21", "2026-11-21 08:00", "7d", "12h" -> Unix time; -1 if bad. */
time_t	ctl_parse_since(const char *);
/* EX_TEMPFAIL for a transient store failure, else EX_SOFTWARE. */
int	ctl_store_exit(struct store *);
/* The person running the command, for the record: "admin:<login>". */
void	ctl_actor(char *, size_t);
/* Print s on one line in a cell of width characters (cut to width - 1,
 * then padded with spaces). */
void	ctl_cell(const char *s, size_t width);
/* Between the pages of a long listing (store_set_pause): stdout out. */
void	ctl_flush(void *);
/* Write a JSON document and a newline to stdout. */
struct json;
void	ctl_json_print(struct json *);
/* A listing as one JSON array: begin (j NULL: text mode, nothing to do),
 * then finish: closes, prints it unless rc is -1, frees. */
void	ctl_json_list_begin(struct json *j);
void	ctl_json_list_end(struct json *j, int rc);
/* A listing long enough to page (store_set_pause(st, ctl_json_pause, j)):
 * what the array holds so far is written between pages, so memory stays
 * one page; a failure part-way then leaves the array unterminated (not
 * valid JSON) beside the non-zero exit. */
void	ctl_json_pause(void *j);
/* A long JSON listing of cases written on a second thread while the
 * next page is read (list_pipe.c): start it (NULL: no thread, write as
 * usual), add each case, store_set_pause(st, list_pipe_pause, pipe),
 * then finish (ok: the listing was read whole; it frees the pipe) before
 * ctl_json_list_end(). */
struct list_pipe;
struct list_pipe *list_pipe_start(struct ctl *, struct json *);
void	list_pipe_add(struct list_pipe *, const struct store_case_row *);
void	list_pipe_pause(void *pipe);
void	list_pipe_finish(struct list_pipe *, int ok);
/* A case as a JSON object (list, show). */
void	ctl_case_json(struct json *, const struct store_case_row *);
/* An outgoing message as a JSON object (outbox, show); full: with its
 * text, HTML and References. */
void	ctl_outbox_json(struct json *, const struct store_outbox_row *,
	    int full);

int	cmd_ingest(struct ctl *, int, char **);
int	cmd_list(struct ctl *, int, char **);
int	cmd_show(struct ctl *, int, char **);
int	cmd_resolve(struct ctl *, int, char **);
int	cmd_quarantine(struct ctl *, int, char **);
int	cmd_unfiled(struct ctl *, int, char **);
int	cmd_outbox(struct ctl *, int, char **);
int	cmd_status(struct ctl *, int, char **);
int	cmd_attachment(struct ctl *, int, char **);
int	cmd_ask(struct ctl *, int, char **);
int	cmd_timers(struct ctl *, int, char **);
int	cmd_archive(struct ctl *, int, char **);
/* complaintctl status's "Limits" part (status_limits.c); -1 on a store
 * failure. */
struct json;
int	status_limits(struct ctl *, struct json *);
int	cmd_report(struct ctl *, int, char **);
int	cmd_export(struct ctl *, int, char **);

/* report.c, shared with export.c: the period of --from/--to or --period
 * (default this-month), as of now, in the configured zone; 0 or
 * EX_USAGE (said why).  Writing b to path (NULL: standard output): 0 or
 * the exit code (said why). */
struct report_period;
struct buf;
int	ctl_period(const char *from, const char *to, const char *period,
	    time_t now, struct report_period *);
int	ctl_write_out(const char *path, const struct buf *);

/* ---- case actions (act.c) ---- */

/* Who runs the command: --as ID (as NULL: the officer whose unix_user is
 * the login, else "admin:<login>"; *officer NULL for an admin).  A login
 * mapped to an officer acts as that officer only.  0, or an exit status
 * after saying why. */
int	ctl_who(const struct ctl *, const char *as, char *actor, size_t n,
	    const struct conf_officer **officer);
/* Valid UTF-8, CR LF to LF, trimmed; NULL (after saying "the WHAT is
 * empty" or not UTF-8) otherwise.  Caller frees. */
char	*ctl_text(const char *what, const char *text);
/* Run act on the case ref (the store and pipeline open) as ctl_who()
 * says, in one transaction; prints what was done.  An exit status. */
struct casework_act;
int	ctl_act_run(struct ctl *, const char *ref, struct casework_act *,
	    const char *as);
/* A command "NAME REF [ARG] [TEXT...] [--reason R] [--add] [--as ID]". */
struct ctl_act_spec {
	enum case_action	 action;
	void			(*usage)(FILE *);
	const char		*arg;	/* the argument after REF; NULL */
	int			 arg_ref;	/* ... is a case reference */
	const char		*text;	/* the words after are this; NULL */
	int			 reason;	/* --reason R is required */
	int			 add;		/* --add is allowed */
};
int	ctl_act_cmd(struct ctl *, int, char **, const struct ctl_act_spec *);

int	cmd_new(struct ctl *, int, char **);
int	cmd_assign(struct ctl *, int, char **);
int	cmd_reject(struct ctl *, int, char **);
int	cmd_note(struct ctl *, int, char **);
int	cmd_reply(struct ctl *, int, char **);
int	cmd_recategorise(struct ctl *, int, char **);
int	cmd_reopen(struct ctl *, int, char **);
int	cmd_priority(struct ctl *, int, char **);
int	cmd_confidential(struct ctl *, int, char **);
int	cmd_language(struct ctl *, int, char **);
int	cmd_merge(struct ctl *, int, char **);
int	cmd_close(struct ctl *, int, char **);
int	cmd_officers(struct ctl *, int, char **);
int	cmd_cpar(struct ctl *, int, char **);
/* show REF: the case's corrective actions (text, or a "corrective_actions"
 * key of the open object j): 0 or -1. */
struct json;
int	ctl_cpar_of_case(struct ctl *, struct json *j, int64_t case_id);
/* cpar show --format html: the printable form (cpar_html.c). */
struct store_cpar;
int	ctl_cpar_html(struct ctl *, const struct store_cpar *);
int	cmd_drafts(struct ctl *, int, char **);
int	cmd_approve(struct ctl *, int, char **);
int	cmd_return(struct ctl *, int, char **);
/* A draft as a JSON object (drafts, show). */
struct store_draft;
void	ctl_draft_json(struct json *, const struct store_draft *);
/* A case's drafts, every version, and the decisions: "drafts" in show's
 * JSON (j), else its "Answers for approval" part.  0, or -1. */
struct ctl_hidden;
int	ctl_show_drafts(struct store *, int64_t case_id, struct json *j,
	    const struct ctl_hidden *);

/* ---- confidential complainants (identity.c) ---- */

/* A case row as complaintctl prints it: row is the case's, with a
 * confidential complainant's name, address and number replaced by the
 * placeholder (party_email and party_phone NULL) and taken out of the
 * subject, summary and resolution — unless reveal. */
struct ctl_hidden {
	struct store_case_row		 row;
	const struct store_case_row	*orig;
	int				 on;	/* something is hidden */
	const char			*ph;	/* the placeholder */
	char				*subject, *summary, *resolution;
};
void	ctl_hide_case(const struct ctl *, const struct store_case_row *,
	    int reveal, struct ctl_hidden *);
/* A text shown with the case, the identity taken out when h->on; NULL for
 * NULL.  Caller frees. */
char	*ctl_hide_text(const struct ctl_hidden *, const char *text);
void	ctl_hidden_free(struct ctl_hidden *);
/* An outgoing row as complaintctl outbox shows it: x a copy of o, for a
 * confidential case's row with the complainant's identity taken out of
 * its recipient and text (t: the strings made, the caller frees each).
 * 1 hidden, 0 as it is, -1 store failure. */
#define CTL_HIDE_OUTBOX	5
int	ctl_hide_outbox(struct ctl *, const struct store_outbox_row *o,
	    struct store_outbox_row *x, char *t[CTL_HIDE_OUTBOX]);
/* text of case case_id as complaintctl shows it: the identity taken out
 * when the case is confidential (the placeholder alone when the case
 * cannot be read).  NULL for NULL; caller frees. */
char	*ctl_hide_for_case(struct ctl *, int64_t case_id, const char *text);
/* show --reveal of case ref: the one running it (ctl_who) must be one of
 * confidential.viewers; a confidential case gets an "identity_viewed"
 * event, committed before anything is shown.  0, or the exit status
 * (said why). */
int	ctl_reveal(struct ctl *, const char *as, const char *ref);

/* A reference as typed ("kel-2026-000042") in canonical form; -1 (after
 * saying so) when it is not one.  Needs the configuration. */
int	ctl_reference(const struct ctl *, const char *arg, char *out,
	    size_t n);

/* The options of a command that takes only --json and --help, and no
 * argument: -1 to go on (*json set), else the exit status to return. */
int	ctl_json_opts(int argc, char **argv, void (*usage)(FILE *),
	    int *json);

#endif
