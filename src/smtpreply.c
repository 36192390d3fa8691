/*
 * smtpreply.c — an SMTP conversation read line by line (see smtpreply.h).
 * Every buffer is fixed and every copy bounded: a server may say anything.
 */
#include <stdio.h>
#include <string.h>

#include "smtpreply.h"

void
smtpreply_start(struct smtpreply *r)
{
	r->cmd[0] = '\0';
	r->reply[0] = '\0';
	r->fail_code = 0;
	r->fail_cmd[0] = '\0';
	r->fail_reply[0] = '\0';
	r->cur[0] = '\0';
	r->cur_open = 0;
	r->in_data = 0;
}

void
smtpreply_line(struct smtpreply *r, const char *line, size_t n)
{
	int code, more, i;

	for (i = 0, code = 0; i < 3; i++) {
		if ((size_t)i >= n || line[i] < '0' || line[i] > '9') {
			return;
		}
		code = code * 10 + (line[i] - '0');
	}
	more = n > 3 && line[3] == '-';
	if (!r->cur_open) {
		snprintf(r->cur, sizeof r->cur, "%.*s", (int)n, line);
		r->cur_open = 1;
	} else if (strlen(r->cur) + 2 < sizeof r->cur) {
		/* a continuation: its text without the repeated code */
		snprintf(r->cur + strlen(r->cur), sizeof r->cur -
		    strlen(r->cur), " %.*s", n > 4 ? (int)(n - 4) : 0,
		    line + (n > 4 ? 4 : n));
	}
	if (more) {
		return;
	}
	r->cur_open = 0;
	memcpy(r->reply, r->cur, sizeof r->reply);
	if (code >= 400 && r->fail_code == 0) {
		r->fail_code = code;
		snprintf(r->fail_cmd, sizeof r->fail_cmd, "%s", r->in_data ?
		    "." : r->cmd);
		memcpy(r->fail_reply, r->cur, sizeof r->fail_reply);
	}
	if (code == 220) {
		r->authed = 0;		/* a greeting: a new connection */
	} else if (code == 235) {
		r->authed = 1;
	}
}

static int
smtpreply_public(const char *line, size_t n)
{
	static const char *const verbs[] = { "EHLO", "HELO", "STARTTLS",
	    "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP" };
	size_t i, v;

	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		v = strlen(verbs[i]);
		if (n >= v && strncmp(line, verbs[i], v) == 0 &&
		    (n == v || line[v] == ' ')) {
			return 1;
		}
	}
	return 0;
}

enum smtpreply_cmd
smtpreply_command(struct smtpreply *r, const char *line, size_t n,
    size_t *shown)
{
	size_t v, end;

	for (end = 0; end < n && line[end] != '\r'; end++) {
		;
	}
	for (v = 0; v < end && line[v] != ' '; v++) {
		;
	}
	*shown = 0;
	if (smtpreply_public(line, end)) {
		snprintf(r->cmd, sizeof r->cmd, "%.*s", (int)v, line);
		*shown = end;
		return SMTPREPLY_PUBLIC;
	}
	if (n >= 4 && strncmp(line, "AUTH", 4) == 0) {
		snprintf(r->cmd, sizeof r->cmd, "AUTH");
		return SMTPREPLY_AUTH;
	}
	return SMTPREPLY_OTHER;
}

const char *
smtpreply_refused_at(const struct smtpreply *r)
{
	static const char *const phases[][2] = { { "MAIL", "MAIL FROM" },
	    { "RCPT", "RCPT TO" }, { "DATA", "DATA" }, { ".", "end of data" } };
	size_t i;

	for (i = 0; r->fail_code != 0 && i < sizeof phases / sizeof phases[0];
	    i++) {
		if (strcmp(r->fail_cmd, phases[i][0]) == 0) {
			return phases[i][1];
		}
	}
	return NULL;
}
