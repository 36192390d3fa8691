/*
 * mailout.h — an outgoing email as the bytes an SMTP server receives.
 * Pure (no I/O, no logging, no globals).
 *
 * The message is RFC 5322 with MIME, every line ending in CRLF (libcurl
 * sends what it is given; a bare LF would reach the server as is):
 *   Date, From, To, Reply-To, Subject, Message-ID, In-Reply-To,
 *   References, Auto-Submitted (+ X-Auto-Response-Suppress), our loop
 *   header, MIME-Version, and a UTF-8 text/plain part in quoted-printable
 *   (multipart/alternative with a text/html part when there is HTML;
 *   with files attached, that in a multipart/mixed before the files, each
 *   in base64).
 *
 * Everything that may come from a complainant (names, subjects) is made
 * safe here: invalid UTF-8 and control characters (CR and LF included)
 * become spaces or U+FFFD, so no header can be injected; non-ASCII words
 * become RFC 2047 encoded-words; display names are quoted or encoded;
 * headers are folded to 78 columns.  Addresses and Message-IDs are not
 * rewritten: one that could not be written safely is refused (-1), or,
 * for the ids we answer (In-Reply-To, References), left out.
 */
#ifndef MAILOUT_H
#define MAILOUT_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

/* A file attached to the mail (base64, Content-Disposition: attachment). */
struct mailout_file {
	const char	*name;		/* shown; unsafe characters become _ */
	const char	*type;		/* "text/csv; charset=utf-8"; NULL:
					   application/octet-stream */
	const void	*data;
	size_t		 len;
};

struct mailout {
	const char	*from;		/* addr-spec, required */
	const char	*from_name;	/* NULL: none */
	const char	*to;		/* addr-spec, required */
	const char	*to_name;	/* NULL: none */
	const char	*reply_to;	/* addr-spec; NULL: none */
	const char	*subject;
	const char	*reference;	/* the case's; "[REF] " is put in front
					   of a subject that lacks it; NULL */
	const char	*message_id;	/* without <>, required */
	const char	*in_reply_to;	/* without <>; NULL */
	const char	*references;	/* ids without <>, space-separated */
	const char	*auto_submitted;	/* RFC 3834 value; NULL: none */
	const char	*loop;		/* our loop header's value; NULL */
	const char	*text;		/* UTF-8; LF or CRLF line ends */
	const char	*html;		/* NULL: text only */
	const struct mailout_file *files;	/* attached; multipart/mixed */
	size_t		 nfiles;
	time_t		 date;
	long		 gmtoff;	/* seconds east of UTC, for Date */
};

/*
 * The whole message.  0 with *out (caller frees) and *outlen, or -1 with
 * err filled (an address or our Message-ID that cannot be written).
 */
int	mailout_build(const struct mailout *, char **out, size_t *outlen,
	    char *err, size_t errlen);

/* 1 if addr is a plain ASCII addr-spec (dot-atom local part, a host name
 * or address literal) that is safe in a header and an SMTP command. */
int	mailout_addr_valid(const char *addr);
/* 1 if id (without <>) is a printable ASCII msg-id with an "@". */
int	mailout_msgid_valid(const char *id);

/* The Auto-Submitted value for an outbox row of this kind: answers to a
 * message (acknowledgements, officer-error) "auto-replied"; resolutions
 * and rejections (written by a person) none (NULL); everything else —
 * notifications, escalations — "auto-generated". */
const char	*mailout_auto_submitted(const char *kind);

/* local+tag@domain from local@domain into out.  -1 if addr has no "@" or
 * out is too small. */
int	mailout_plus_address(const char *addr, const char *tag, char *out,
	    size_t outlen);

/* RFC 5322 date, e.g. "Mon, 23 Nov 2026 09:00:00 +0700" (out: 40 bytes). */
void	mailout_date(time_t t, long gmtoff, char *out, size_t outlen);

/* The building blocks, exposed for the tests.  Each appends to b. */
/* Text as quoted-printable lines (76 columns at most), CRLF-terminated. */
void	mailout_qp(struct buf *b, const char *text);
/* "Name: value" as unstructured text, encoded and folded, with CRLF. */
void	mailout_header_text(struct buf *b, const char *name,
	    const char *value);
/* "Name: display <addr>", display quoted or encoded, with CRLF. */
void	mailout_header_addr(struct buf *b, const char *name,
	    const char *display, const char *addr);

#endif
