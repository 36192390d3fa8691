/*
 * imapfolder.c — a configured folder name to the server's (see
 * imapfolder.h).  "INBOX" is case-insensitive (RFC 3501 5.1), any other
 * name is compared as it is.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "imapfolder.h"

/* "INBOX", or "INBOX" followed by a separator ('/' or the server's). */
static int
imapfolder_in_inbox(const char *name, char sep)
{
	return strncasecmp(name, "INBOX", 5) == 0 && (name[5] == '\0' ||
	    name[5] == '/' || (sep != 0 && name[5] == sep));
}

int
imapfolder_resolve(const char *name, const char *prefix, char sep,
    char *out, size_t outlen)
{
	size_t plen = prefix != NULL ? strlen(prefix) : 0, i, n;
	int keep;

	if (name == NULL || *name == '\0' || outlen == 0) {
		return -1;
	}
	keep = imapfolder_in_inbox(name, sep) || plen == 0 ||
	    strncmp(name, prefix, plen) == 0 ||
	    (imapfolder_in_inbox(prefix, sep) && plen > 5 &&
	    strncasecmp(name, prefix, plen) == 0);
	n = (size_t)snprintf(out, outlen, "%s%s", keep ? "" : prefix, name);
	if (n >= outlen) {
		return -1;
	}
	if (sep != 0 && sep != '/') {
		for (i = keep ? 0 : plen; i < n; i++) {
			if (out[i] == '/') {
				out[i] = sep;
			}
		}
	}
	return 0;
}
