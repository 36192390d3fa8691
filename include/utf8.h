/*
 * utf8.h — UTF-8 checks and repairs.  Pure.
 *
 * Nothing but valid UTF-8 reaches the database: text that may be broken goes
 * through utf8_sanitize(), which replaces every invalid sequence (overlong,
 * surrogate, truncated, > U+10FFFF) and every C0 control other than TAB and
 * LF (NUL included) with U+FFFD; CR LF and lone CR become LF.  The
 * replacement is visible: nothing is dropped silently.
 *
 * The same goes for the code points utf8_unsafe() names: the C1 controls
 * and the bidirectional embeddings, overrides and isolates.  They are
 * replaced here, where every decoder's text passes (mail bodies, header
 * values through mime.c's one-line form, SMS through smstext.c), so no
 * consumer — complaintctl's output, an officer's subject, a template, a
 * JSON reader — has to remember to; the raw bytes stay in the record.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..len) is valid UTF-8 (NUL bytes count as invalid). */
int	 utf8_valid(const char *s, size_t len);

/*
 * 1 for code points text must not carry: C1 controls (U+0080-U+009F, a
 * terminal's escape sequences) and the bidirectional controls that reorder
 * what follows them (U+202A-U+202E embeddings and overrides, U+2066-U+2069
 * isolates: "Trojan Source" spoofing of subjects and file names).  The
 * marks U+200E/U+200F and U+061C stay: they cannot reverse strong text,
 * and right-to-left writing needs them.
 */
int	 utf8_unsafe(uint32_t cp);

/* Caller frees.  *replaced (may be NULL) counts replacement characters. */
char	*utf8_sanitize(const char *s, size_t len, size_t *replaced);

/* Decode one code point at s (len bytes left); returns its length or 0. */
size_t	 utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Append the UTF-8 encoding of cp to out (room for 4); returns its length. */
size_t	 utf8_encode(uint32_t cp, char *out);

/* Largest n <= max such that s[0..n) ends on a character boundary. */
size_t	 utf8_prefix(const char *s, size_t len, size_t max);

/* Number of code points (invalid bytes count one each). */
size_t	 utf8_length(const char *s, size_t len);

#endif
