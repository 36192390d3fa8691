/*
 * smtp.h — handing one message at a time to the SMTP server (smtp.c is
 * the only libcurl user).
 *
 * A session keeps its connection open after a message, so a batch goes
 * through one connection (libcurl reconnects by itself when the server has
 * closed it); smtp_close() ends it, e.g. when the queue is empty.
 *
 * Security, whatever the server offers:
 *  - smtps:// is TLS from the first byte; smtp:// must upgrade with
 *    STARTTLS before anything else is said (a server without STARTTLS gets
 *    nothing, least of all the password); only tls = "none" (never with
 *    credentials, conf_load.c refuses it) talks in plain text;
 *  - the certificate chain and the host name are verified against ca_file
 *    or the system's trust store;
 *  - with credentials, the message is only handed over after a successful
 *    AUTH on that connection (libcurl would otherwise skip the login
 *    silently when the server offers no AUTH).
 *
 * Outcomes: SMTP_SENT when the server answered 2xx to the end of the data;
 * SMTP_PERMFAIL for a 5xx answer to MAIL FROM, RCPT TO, DATA or the data
 * (except 530: the server wants TLS or a login — a configuration problem,
 * treated like a failed connection); SMTP_TEMPFAIL for 4xx and for
 * everything that went wrong with the connection (connect, TLS,
 * certificate, login, timeouts: `session` is set, and the next message
 * would fail the same way); SMTP_ABORTED when
 * the tick callback asked to stop.  `detail` holds the server's answer
 * ("RCPT TO: 550 5.1.1 <x@y>: Recipient address rejected") or the error.
 */
#ifndef SMTP_H
#define SMTP_H

#include <stddef.h>

#include "conf.h"

enum smtp_outcome {
	SMTP_SENT,
	SMTP_TEMPFAIL,
	SMTP_PERMFAIL,
	SMTP_ABORTED,
};

struct smtp_result {
	enum smtp_outcome	outcome;
	int			session;	/* the connection failed, not
						   this message */
	int			code;		/* last reply code; 0: none */
	char			detail[512];
};

struct smtp;

/* Once per process, before any session: 0, or -1 (logged). */
int	smtp_init(void);

/*
 * A session for this server.  password: NULL without AUTH; copied, and
 * wiped by smtp_free().  tick(arg) is called at least once a second while
 * a message is being sent (for heartbeats); a non-zero return aborts the
 * transfer.  NULL on failure (logged).
 */
struct smtp	*smtp_new(const struct conf_smtp *, const char *password,
		    int (*tick)(void *), void *arg);
void		 smtp_free(struct smtp *);
/* Close the connection kept open (if any). */
void		 smtp_close(struct smtp *);

/* Send msg[0..len) (CRLF lines) from conf from to rcpt (an addr-spec the
 * caller has checked).  Failures are logged here. */
void		 smtp_send(struct smtp *, const char *rcpt, const char *msg,
		    size_t len, struct smtp_result *);

#endif
