/*
 * mime.h — raw RFC 5322 bytes to a normalized message.  Pure (no I/O, no
 * logging, no globals).  libetpan's mailimf parses addresses and dates;
 * the header block and the MIME tree are split in mime.c itself, in one
 * forward pass with bounded depth, because mailmime_parse() ends the
 * header at the first malformed line (losing Message-ID, Content-Type...)
 * and recurses without a bound.
 *
 * Every string in struct mime_msg is valid UTF-8 with no NUL, no C0
 * control other than TAB and LF (header values have no LF either) and none
 * of utf8_unsafe()'s characters (C1, bidirectional overrides): RFC 2047
 * words (also folded across lines) are decoded, bodies are converted from
 * their charset (unknown or broken charsets fall back to windows-1252, which
 * maps every byte), quoted-printable and base64 are decoded, and whatever
 * still cannot be decoded is replaced with U+FFFD — never dropped silently
 * (MIME_F_REPLACED tells that it happened).
 *
 * Addresses are lower-cased and without angle brackets; a From that names
 * two different addresses without saying which is the sender gives none
 * (never a guess).  Message-IDs are without angle brackets, as written.
 */
#ifndef MIME_H
#define MIME_H

#include <stddef.h>
#include <time.h>

/* Authentication-Results fields kept (authres.h reads them). */
#define MIME_MAX_AUTHRES	16

/* Our loop header: mail carrying it is never answered automatically. */
#define MIME_LOOP_HEADER	"X-Complaintd-Loop"

/* Indicators (struct mime_msg.flags). */
#define MIME_F_AUTO_SUBMITTED	0x0001	/* Auto-Submitted other than "no", or
					   X-Autoreply / X-Autorespond /
					   X-Auto-Response-Suppress: OOF-ish */
#define MIME_F_BULK		0x0002	/* Precedence: bulk, junk or list */
#define MIME_F_LIST		0x0004	/* List-Id or List-Unsubscribe/-Post */
#define MIME_F_BOUNCE		0x0008	/* a delivery status notification */
#define MIME_F_NULL_SENDER	0x0010	/* Return-Path <> or MAILER-DAEMON /
					   postmaster sender */
#define MIME_F_LOOP		0x0020	/* carries MIME_LOOP_HEADER */
#define MIME_F_HTML_ONLY	0x0040	/* text was made from HTML */
#define MIME_F_REPLACED		0x0080	/* some bytes were undecodable (or
					   utf8_unsafe() characters: C1,
					   bidi overrides) and replaced
					   with U+FFFD */
#define MIME_F_NO_MESSAGE_ID	0x0100	/* no usable Message-ID header */
#define MIME_F_MALFORMED	0x0200	/* headers were damaged but usable */
#define MIME_F_REPORT		0x0400	/* an automatic report of any kind:
					   multipart/report (feedback/abuse
					   reports too), or a delivery-status
					   / disposition-notification /
					   feedback-report part anywhere */
#define MIME_F_NOREPLY		0x0800	/* the sender is a no-reply address
					   (noreply@, do-not-reply@...) */

struct mime_address {
	char	*addr;		/* "user@example.org", lower-cased */
	char	*name;		/* display name, decoded; NULL if none */
};

struct mime_attachment {
	char		*filename;	/* decoded, no path components; a
					   generated "attachment-N" if none */
	char		*content_type;	/* lower-cased "type/subtype" */
	unsigned char	*data;		/* decoded bytes */
	size_t		 size;
	char		 sha256[65];	/* of data, hex */
};

struct mime_msg {
	struct mime_address	 from;		/* addr NULL when none usable;
						   falls back to Sender, then
						   Return-Path */
	struct mime_address	*to;		/* To and Cc, in order */
	size_t			 nto;
	char			**delivered_to;	/* Delivered-To, X-Original-To,
						   Envelope-To (lower-cased) */
	size_t			 ndelivered_to;
	char			*subject;	/* "" when none */
	char			*message_id;	/* NULL when none */
	char			*in_reply_to;	/* first id, or NULL */
	char			**references;	/* in order */
	size_t			 nreferences;
	time_t			 date;		/* 0 when missing/unparseable */
	char			*return_path;	/* NULL: no header; "": <> */
	char			**auth_results;	/* Authentication-Results
						   values, topmost first (at
						   most MIME_MAX_AUTHRES) */
	size_t			 nauth_results;
	unsigned		 flags;		/* MIME_F_* */

	char			*text;		/* the whole text of the message:
						   its text parts (with a file
						   name too, unless attached),
						   else its text/plain
						   attachments; then each
						   forwarded message
						   (message/rfc822, digests)
						   under a "-------- Forwarded
						   message --------" header
						   with its From, Date and
						   Subject */
	char			*new_text;	/* text without quoted history
						   and signature (== text when
						   nothing was cut, but a
						   separate allocation); what
						   was forwarded is kept */
	struct mime_attachment	*att;
	size_t			 natt;

	/* Delivery status notifications (MIME_F_BOUNCE): what the report
	 * says about the message it returns; NULL where it says nothing. */
	char			*dsn_original_id;	/* Message-ID of the
							   returned message */
	char			*dsn_recipient;
	char			*dsn_action;	/* "failed", "delayed", ... */
	char			*dsn_status;	/* "5.1.1" */
	char			*dsn_diagnostic;
};

/*
 * Parse raw[0..len).  0 and *out (free with mime_free()), or -1 with err
 * filled when the bytes are not a message at all (empty, no header fields,
 * unparseable structure) — the caller quarantines those.  Damaged but
 * usable input parses, with MIME_F_MALFORMED or MIME_F_REPLACED set.
 */
int	mime_parse(const char *raw, size_t len, struct mime_msg **out,
	    char *err, size_t errlen);
void	mime_free(struct mime_msg *);

/*
 * Decode an RFC 2047 header value (encoded-words, folding, raw 8-bit bytes
 * in UTF-8 or windows-1252) to clean one-line UTF-8.  Caller frees.
 */
char	*mime_decode_header(const char *raw);

/*
 * What the message says, as SHA-256 hex: sender address, subject, date,
 * new text and attachments (names, types, SHA-256 of the bytes) — not the
 * quoted history a reply repeats, nor the transport headers
 * (Received, Delivered-To, Return-Path...), which differ when the same
 * message is delivered again.  Two deliveries of one message have the same
 * hash; two messages that only share a Message-ID do not.
 */
void	mime_content_hash(const struct mime_msg *, char out[65]);

#endif
