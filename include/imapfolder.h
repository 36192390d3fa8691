/*
 * imapfolder.h — where a configured folder lives on an IMAP server.  Pure.
 *
 * Servers keep a user's folders under a personal namespace (RFC 2342):
 * Dovecot's default has none (prefix "", separator "/"), Courier and
 * Debian's stock Cyrus put them under "INBOX." (separator "."), where a
 * top-level "Processed" cannot be created.  The configuration names
 * folders as a user sees them ("Processed", "Complaints/Done": "/" is the
 * hierarchy separator there); this gives the server's name for them.
 */
#ifndef IMAPFOLDER_H
#define IMAPFOLDER_H

#include <stddef.h>

/*
 * The server's name for folder `name` under the personal namespace
 * `prefix` (may be "") with hierarchy separator `sep` (0 when the server
 * has none: flat).  INBOX itself, a name inside INBOX ("INBOX/x") and a
 * name that already starts with the prefix are not prefixed again.  "/"
 * becomes the server's separator.  0, or -1 when the result does not fit
 * in outlen or name is empty.
 */
int	imapfolder_resolve(const char *name, const char *prefix, char sep,
	    char *out, size_t outlen);

#endif
