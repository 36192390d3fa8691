/*
 * authres.h — what the receiving mail server said about a sender: the
 * Authentication-Results header field (RFC 8601).  Pure: no I/O.
 *
 * Anyone can write an Authentication-Results field into a message; only
 * the one our own server added means something.  A server adds its field
 * on top of the header, so the field that counts is the topmost one whose
 * authserv-id is the configured one (intake.trusted_authserv_id); fields
 * below it, from that id or any other, were already in the message when
 * it arrived (a well-run server removes forged copies of its own id, and
 * this reading does not depend on it).
 *
 * The verdict follows DMARC, the check that ties SPF and DKIM to the
 * address in From: — the one intake trusts or not:
 *   dmarc=pass                                 AUTHRES_PASS
 *   dmarc=fail                                 AUTHRES_FAIL
 *   no dmarc result, spf=fail and no dkim=pass AUTHRES_FAIL
 *   anything else, or no field from the id     AUTHRES_NONE
 * (spf=softfail, neutral, temperror, dkim=fail next to a dkim=pass... say
 * nothing either way.)
 */
#ifndef AUTHRES_H
#define AUTHRES_H

#include <stddef.h>

enum authres_verdict {
	AUTHRES_NONE,		/* no word from the trusted server */
	AUTHRES_PASS,
	AUTHRES_FAIL,		/* From: is forged, as far as it can tell */
};

#define AUTHRES_MAX	16	/* results kept from one field */

struct authres {
	char	authserv_id[128];	/* lower-cased */
	size_t	n;
	struct {
		char	method[32];	/* "dmarc", "dkim", "spf", ... */
		char	result[32];	/* "pass", "fail", ... */
	} r[AUTHRES_MAX];
};

/* Parse one field's (unfolded) value: 0, or -1 when it has no
 * authserv-id.  Comments are skipped; unknown results are kept as
 * written (lower-cased). */
int	authres_parse(const char *value, struct authres *out);

/*
 * The verdict of the topmost field (values[0] is the topmost) whose
 * authserv-id is trusted (compared without case).  why (may be NULL) says
 * what it rests on, e.g. "dmarc=fail (mx.example.org)".
 */
enum authres_verdict	authres_verdict(const char *const *values, size_t n,
			    const char *trusted, char *why, size_t whylen);

#endif
