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
 * is dropped, CR LF and lone CR become LF, other control characters
 * U+FFFD.  *replaced (may be NULL) counts
 * the replacements.
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

#endif
