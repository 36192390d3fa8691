/*
 * smtpreply.h — an SMTP conversation read line by line, as libcurl's debug
 * callback shows it: the server's replies (multi-line ones joined), the
 * last command we sent, the first failing reply and the command it
 * answered, and whether this connection has logged in.  Pure: smtp.c
 * feeds it and decides; the fuzz target feeds it anything.
 */
#ifndef SMTPREPLY_H
#define SMTPREPLY_H

#include <stddef.h>

struct smtpreply {
	char	cmd[12];	/* the last SMTP verb sent */
	char	reply[400];	/* the last complete reply */
	/* the first reply of 400 or more, and the command it answered
	 * (libcurl says QUIT after it, which must not hide it) */
	int	fail_code;
	char	fail_cmd[12];
	char	fail_reply[400];
	char	cur[400];	/* the reply being read */
	int	cur_open;
	int	in_data;	/* the message's bytes were asked for */
	int	authed;		/* logged in on this connection */
};

/* Forget the last message's replies (not the connection's login). */
void	smtpreply_start(struct smtpreply *);
/* A line from the server (n bytes, without its line end). */
void	smtpreply_line(struct smtpreply *, const char *line, size_t n);

enum smtpreply_cmd {
	SMTPREPLY_OTHER,	/* not a command we name */
	SMTPREPLY_PUBLIC,	/* a plain verb: may be logged */
	SMTPREPLY_AUTH,		/* AUTH: what follows are credentials */
};
/* A line we sent; *shown: how many bytes of it may be logged. */
enum smtpreply_cmd smtpreply_command(struct smtpreply *, const char *line,
	    size_t n, size_t *shown);
/* The envelope or the data was refused: the phase ("MAIL FROM", "RCPT
 * TO", "DATA", "end of data"), else NULL. */
const char	*smtpreply_refused_at(const struct smtpreply *);

#endif
