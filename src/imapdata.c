/*
 * imapdata.c — what an IMAP server tells, in our terms (see imapdata.h).
 * Folder names: "INBOX" is case-insensitive (RFC 3501 5.1), any other
 * name is compared as it is.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "imapdata.h"

/* "INBOX", or "INBOX" followed by a separator ('/' or the server's). */
static int
imapdata_in_inbox(const char *name, char sep)
{
	return strncasecmp(name, "INBOX", 5) == 0 && (name[5] == '\0' ||
	    name[5] == '/' || (sep != 0 && name[5] == sep));
}

int
imapdata_folder(const char *name, const char *prefix, char sep,
    char *out, size_t outlen)
{
	size_t plen = prefix != NULL ? strlen(prefix) : 0, i, n;
	int keep;

	if (name == NULL || *name == '\0' || outlen == 0) {
		return -1;
	}
	keep = imapdata_in_inbox(name, sep) || plen == 0 ||
	    strncmp(name, prefix, plen) == 0 ||
	    (imapdata_in_inbox(prefix, sep) && plen > 5 &&
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

time_t
imapdata_time(int year, int month, int day, int hour, int min, int sec,
    int zone)
{
	struct tm tm;
	int off;

	if (year < 1970 || year > 9999 || month < 1 || month > 12 ||
	    day < 1 || day > 31 || hour < 0 || hour > 23 || min < 0 ||
	    min > 59 || sec < 0 || sec > 60 || zone < -2359 || zone > 2359 ||
	    zone % 100 > 59 || zone % 100 < -59) {
		return 0;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	off = zone / 100 * 60 + zone % 100;	/* minutes east */
	return timegm(&tm) - (time_t)off * 60;
}
