/*
 * imap.h — one IMAP session (imap.c is the only libetpan IMAP user).
 *
 * A session is connected, secured and logged in by imap_connect(); after
 * that every call is one command (or a short fixed sequence), bounded by
 * the account's timeout per network step.  Security rules kept inside:
 *  - "implicit" speaks TLS from the first byte, "starttls" requires the
 *    upgrade and never falls back to plaintext; only tls = "none" sends
 *    anything in the clear;
 *  - the server's certificate chain and host name are verified with GnuTLS
 *    (the system trust store or the account's ca_file) before LOGIN — the
 *    Debian build of libetpan checks nothing itself;
 *  - the password is read from its file for each login and wiped after;
 *    it is never logged (libetpan's protocol trace is never enabled).
 *
 * Errors: functions return 0 (or a count) and -1 on failure, after logging
 * what failed with the account's host and port.  imap_error() then gives
 * the same text (for the database's source_state row) and imap_errkind()
 * its kind.  After an IMAP_E_NET, IMAP_E_TLS or IMAP_E_CERT failure the
 * session is unusable: the caller closes it and reconnects later.  After
 * IMAP_E_NO (the server refused one command) the session is still good.
 *
 * UIDs are unique only within one UIDVALIDITY of the selected mailbox; the
 * caller keeps both, and compares its own with imap_uidvalidity() after
 * each command: a server may announce a new one in the middle of a
 * session (an untagged OK [UIDVALIDITY n]).
 *
 * Folders are named as configured ("Processed", "/" between levels) and
 * put where they belong on the server: under its personal namespace and
 * with its hierarchy separator (RFC 2342 NAMESPACE, learned at login;
 * without NAMESPACE the separator from LIST), so "Processed" is
 * "INBOX.Processed" on Courier or Debian's Cyrus (imapdata.h).
 */
#ifndef IMAP_H
#define IMAP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "conf.h"

struct imap;

enum imap_errkind {
	IMAP_E_NONE = 0,
	IMAP_E_NET,		/* connect, read, write, timeout, parse */
	IMAP_E_TLS,		/* handshake, no STARTTLS offered */
	IMAP_E_CERT,		/* certificate not trusted / wrong name */
	IMAP_E_LOGIN,		/* credentials refused, secret unreadable */
	IMAP_E_NO,		/* a command answered NO or BAD */
};

/* A message as listed: its UID, size and the flags we care about. */
#define IMAP_F_SEEN	0x1
#define IMAP_F_DELETED	0x2

struct imap_info {
	uint32_t	uid;
	uint32_t	size;		/* RFC822.SIZE */
	unsigned	flags;		/* IMAP_F_* */
	time_t		internal;	/* INTERNALDATE (delivery); 0 unknown */
};

/* Fetched bytes: v[i].data (NUL-terminated after len) is owned by the
 * batch. */
struct imap_body {
	uint32_t	 uid;
	const char	*data;
	size_t		 len;
};

struct imap_batch {
	struct imap_body	*v;	/* in UID order */
	size_t			 n;
};

/* A session for this account (not connected yet).  The account must
 * outlive the session. */
struct imap	*imap_new(const struct conf_imap *);
/* Close (LOGOUT when the session is healthy, else drop the connection
 * without waiting for the server) and free.  NULL is a no-op. */
void		 imap_free(struct imap *);

/* Called while a long transfer makes progress (the worker beats in it);
 * set before imap_connect(). */
void		 imap_set_progress(struct imap *, void (*)(void *), void *);
/* Connect, secure, verify, log in, learn the capabilities. */
int		 imap_connect(struct imap *);
/* SELECT the mailbox; *uidvalidity is its UIDVALIDITY. */
int		 imap_select(struct imap *, const char *mailbox,
		    uint32_t *uidvalidity);
int		 imap_has_idle(struct imap *);
int		 imap_has_move(struct imap *);

/*
 * The messages with from <= UID <= to, sorted by UID (v is the caller's;
 * free()), in one command that also asks for the last message ("from:to,*"
 * — how a listing stays bounded in a mailbox of any size): *more is set
 * when the mailbox holds UIDs above `to`.  Returns the count or -1.
 */
int		 imap_list(struct imap *, uint32_t from, uint32_t to,
		    struct imap_info **v, int *more);
/* The selected mailbox's UIDVALIDITY as the server last announced it. */
uint32_t	 imap_uidvalidity(struct imap *);
/* The server's name for a configured folder (see above); borrowed, valid
 * until the next call. */
const char	*imap_folder(struct imap *, const char *configured);
/*
 * 1 when the server announced, while answering the last imap_list(), mail
 * the mailbox did not hold when it ran the listing: list again before
 * waiting with IDLE.
 */
int		 imap_unlisted(struct imap *);

/*
 * UID FETCH BODY.PEEK[] of these UIDs (sorted), or with prefix > 0 only
 * their first prefix bytes (BODY.PEEK[]<0.prefix>: the header and the
 * start of the text); messages that vanished meanwhile are simply missing
 * from the batch.  Free it with imap_batch_free().
 */
int		 imap_fetch(struct imap *, const uint32_t *uids, size_t n,
		    size_t prefix, struct imap_batch *out);
void		 imap_batch_free(struct imap_batch *);
/* Free message i's bytes before the batch's (its UID stays; data NULL). */
void		 imap_batch_drop(struct imap_batch *, size_t i);

/*
 * Move these UIDs (sorted) to folder, creating it when the server says
 * TRYCREATE; with seen, set \Seen first.  MOVE when offered, else COPY,
 * \Deleted and UID EXPUNGE (plain EXPUNGE without UIDPLUS).
 */
int		 imap_move(struct imap *, const uint32_t *uids, size_t n,
		    const char *folder, int seen);
/* Remove messages already copied and marked \Deleted (COPY path). */
int		 imap_expunge(struct imap *, const uint32_t *uids, size_t n);

/*
 * IDLE: start, wait up to ms for the server to say something (1), time
 * out (0) or fail (-1; a signal ends the wait early with 0), done.
 * imap_idle_wait() blocks at most ms, so callers wait in slices and beat.
 */
int		 imap_idle_start(struct imap *);
int		 imap_idle_wait(struct imap *, int ms);
int		 imap_idle_done(struct imap *);

const char	*imap_error(const struct imap *);
enum imap_errkind imap_errkind(const struct imap *);

#endif
