/*
 * ref.h — case references such as "KEL-2026-000042".  Pure.
 *
 * A format is literal text with two fields: "{year}" (four digits, the year
 * the case was received, local time) and "{seq:N}" (the sequence number,
 * zero-padded to at least N digits; "{seq}" means N = 1).  {seq} is required
 * and appears once; with {year} the sequence restarts every year, without it
 * it never does.  Literal text is letters, digits and "-_/.#".
 * Default: "KEL-{year}-{seq:6}".
 */
#ifndef REF_H
#define REF_H

#include <stddef.h>
#include <stdint.h>

#define REF_DEFAULT_FORMAT	"KEL-{year}-{seq:6}"
#define REF_MAX			64	/* longest reference, with the NUL */

/* 0 if fmt is usable, else -1 with err filled. */
int	ref_validate_format(const char *fmt, char *err, size_t errlen);

/* 1 if the format has {year} (the sequence is per year). */
int	ref_format_has_year(const char *fmt);

/* Render; 0, or -1 if it does not fit (or fmt is invalid). */
int	ref_format(const char *fmt, int year, int64_t seq, char *out,
	    size_t outlen);

/*
 * Find references of this format in text (case-insensitive, not inside a
 * longer word or number), in order of appearance, without repeats.  Each
 * is written in canonical form (the literal parts as in fmt).  Returns the
 * number found, at most max.
 */
size_t	ref_find(const char *fmt, const char *text, char (*out)[REF_MAX],
	    size_t max);

#endif
