/*
 * smstext.h — SMS text without a modem: decoding received parts to UTF-8,
 * joining concatenated parts, and measuring and preparing texts to send.
 * Pure: no I/O, no globals, no logging.
 *
 * Received text is UTF-16 big-endian, the form gammu hands it over in (its
 * "unicode" strings, also for GSM-7 messages).  The parts of a long message
 * are joined as UTF-16 *before* converting, because a phone cuts a long
 * text on code units: an emoji (a surrogate pair) can be split across two
 * parts.  Conversion never yields invalid UTF-8: a lone surrogate becomes
 * U+FFFD (gammu's EncodeUTF8 would write CESU-8 bytes there).
 *
 * Sending: GSM-7 (GSM 03.38 default alphabet and its extension table) when
 * every character allows it, UCS-2 otherwise.  Typographic punctuation
 * (curly quotes, dashes, ellipsis, no-break spaces), which officers' mail
 * is full of, is folded to ASCII first so such a text stays in GSM-7: 160
 * characters per SMS instead of 70.
 */
#ifndef SMSTEXT_H
#define SMSTEXT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define SMSTEXT_GSM7_SINGLE	160	/* septets in one SMS */
#define SMSTEXT_GSM7_PART	153	/* ... in a part of a long one */
#define SMSTEXT_UCS2_SINGLE	70	/* UTF-16 units */
#define SMSTEXT_UCS2_PART	67
#define SMSTEXT_MISSING		" [\xe2\x80\xa6] "	/* " […] " */

/*
 * UTF-16BE bytes (len even; an odd last byte is ignored) to UTF-8, caller
 * frees.  Surrogate pairs are joined, a lone surrogate becomes U+FFFD, NUL
 * is dropped, CR LF and lone CR become LF, other control characters and
 * utf8_unsafe()'s (C1, bidirectional overrides) U+FFFD.  *replaced (may
 * be NULL) counts the replacements.
 */
char	*smstext_from_utf16(const unsigned char *be, size_t len,
	    size_t *replaced);

/* Valid UTF-8 to UTF-16BE (surrogate pairs for characters beyond the BMP),
 * caller frees; *len gets the byte length. */
unsigned char	*smstext_to_utf16(const char *utf8, size_t *len);

/* One received part of a concatenated message (borrowed). */
struct smstext_part {
	int			 seq;	/* 1..total */
	const unsigned char	*utf16;	/* big-endian */
	size_t			 len;	/* bytes */
};

/*
 * The parts (any order; duplicates of a seq are taken once) joined in
 * order as UTF-16, then converted.  A missing part leaves SMSTEXT_MISSING
 * in its place.  *missing gets the number of missing parts; *replaced as
 * above.  Caller frees.
 */
char	*smstext_join(const struct smstext_part *, size_t n, int total,
	    int *missing, size_t *replaced);

/*
 * The concatenation element of a user data header (udh[0] is its length
 * byte, len the bytes given): the 8-bit (IEI 00) or 16-bit (IEI 08)
 * reference, the parts in all and this part's number, wherever the element
 * sits among the others (ports, language shift tables, ...).  1 and the
 * values set when there is a valid one (2..255 parts, 1 <= seq <= total;
 * the last one counts when there are several), 0 otherwise (nothing set).
 */
int	 smstext_udh_concat(const unsigned char *udh, size_t len, int *ref,
	    int *total, int *seq);

/* Septets the text needs in GSM-7 (extension characters count two), or
 * -1 when a character has no GSM-7 form. */
int	 smstext_gsm7_septets(const char *utf8);

/* Number of SMS the text needs; *gsm7 (may be NULL) says in which coding. */
int	 smstext_parts(const char *utf8, int *gsm7);

/*
 * A text ready to send, caller frees: typographic punctuation folded to
 * ASCII, trailing blanks dropped, and cut (with "..." at the end) to fit
 * in maxparts SMS; *cut (may be NULL) is set when it was cut.
 */
char	*smstext_prepare(const char *utf8, int maxparts, int *cut);

/*
 * The identity of one received part, for deduplication: the same part
 * read twice (a crash between the commit and the deletion from the modem)
 * gives the same key.  out: 64 hex digits and a NUL.
 */
void	 smstext_part_key(const char *sender, time_t sent, int ref,
	    int total, int seq, const unsigned char *utf16, size_t len,
	    char out[65]);

/*
 * The record of a received SMS as it came (message.raw, the quarantine):
 * per part one line
 *   "SMS part SEQ/TOTAL ref REF coding CODING sent TIME centre NUM from SENDER"
 * (TIME ISO 8601 UTC or "-", CODING "GSM-7", "UCS-2" or "8bit", the sender
 * last: an alphanumeric one may hold spaces), then a line with the part's
 * bytes in hex (UTF-16BE; 8bit: the data).
 */
struct smstext_rawpart {
	const char		*sender;
	const char		*smsc;		/* NULL: unknown */
	time_t			 sent;
	int			 ref;		/* -1: not concatenated */
	int			 total;
	int			 seq;
	const char		*coding;
	const unsigned char	*data;
	size_t			 len;
};
struct buf;
void	 smstext_raw_add(struct buf *, const struct smstext_rawpart *);

#define SMSTEXT_RAW_MAXPARTS	64

/* A record read back (smstext_raw_parse), with the message's text. */
struct smstext_raw {
	char			 sender[64];
	time_t			 sent;		/* of the first part */
	int			 total;
	int			 binary;
	int			 missing;
	char			*text;		/* UTF-8 */
	char			 id[80];	/* "sms:<hash>", as at intake */
	size_t			 n;
	unsigned char		*data[SMSTEXT_RAW_MAXPARTS];
};
/* 0, or -1 with err when raw is not such a record.  Free with
 * smstext_raw_free() in either case. */
int	 smstext_raw_parse(const char *raw, size_t len, struct smstext_raw *,
	    char *err, size_t errlen);
void	 smstext_raw_free(struct smstext_raw *);

/* The external id of a message: "sms:" and the single part's key, or the
 * sha256 of the part keys, in part order, for a long one.  out: 80 bytes. */
void	 smstext_message_id(const char (*keys)[65], size_t n, int total,
	    char *out);

#endif
