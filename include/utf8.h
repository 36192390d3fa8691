/*
 * utf8.h — UTF-8 checks and repairs.  Pure.
 *
 * Nothing but valid UTF-8 reaches the database: text that may be broken goes
 * through utf8_sanitize(), which replaces every invalid sequence (overlong,
 * surrogate, truncated, > U+10FFFF) and every C0 control other than TAB and
 * LF (NUL included) with U+FFFD; CR LF and lone CR become LF.  The
 * replacement is visible: nothing is dropped silently.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..len) is valid UTF-8 (NUL bytes count as invalid). */
int	 utf8_valid(const char *s, size_t len);

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
