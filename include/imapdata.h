/*
 * imapdata.h — what an IMAP server tells, in our terms: where a configured
 * folder lives on it, and its message times.  Pure: the parts of reading a
 * server's answers that are not libetpan's (imap.c feeds them).
 *
 * Servers keep a user's folders under a personal namespace (RFC 2342):
 * Dovecot's default has none (prefix "", separator "/"), Courier and
 * Debian's stock Cyrus put them under "INBOX." (separator "."), where a
 * top-level "Processed" cannot be created.  The configuration names
 * folders as a user sees them ("Processed", "Complaints/Done": "/" is the
 * hierarchy separator there); this gives the server's name for them.
 */
#ifndef IMAPDATA_H
#define IMAPDATA_H

#include <stddef.h>
#include <time.h>

/*
 * The server's name for folder `name` under the personal namespace
 * `prefix` (may be "") with hierarchy separator `sep` (0 when the server
 * has none: flat).  INBOX itself, a name inside INBOX ("INBOX/x") and a
 * name that already starts with the prefix are not prefixed again.  "/"
 * becomes the server's separator.  0, or -1 when the result does not fit
 * in outlen or name is empty.
 */
int	imapdata_folder(const char *name, const char *prefix, char sep,
	    char *out, size_t outlen);

/*
 * A date-time as IMAP gives it (INTERNALDATE "17-Jul-1996 02:44:25
 * -0700": year, month 1-12, day, hour, minute, second, zone as +-HHMM in
 * an int, -700 here) as Unix time; 0 when it is not a possible time.
 */
time_t	imapdata_time(int year, int month, int day, int hour, int min,
	    int sec, int zone);

#endif
