/*
 * test_imapdata.c — configured folder names on servers with and without
 * an "INBOX." personal namespace, one table; IMAP date-times.
 */
#include <stdio.h>
#include <string.h>

#include "imapdata.h"
#include "t.h"

static const struct {
	const char	*name, *prefix;
	char		 sep;
	const char	*want;		/* NULL: -1 */
} cases[] = {
	/* Dovecot's default: no prefix, "/" */
	{ "Processed", "", '/', "Processed" },
	{ "Complaints/Done", "", '/', "Complaints/Done" },
	{ "INBOX", "", '/', "INBOX" },
	/* Courier, Cyrus, a Courier-compatible Dovecot: "INBOX." and "." */
	{ "Processed", "INBOX.", '.', "INBOX.Processed" },
	{ "Quarantine", "INBOX.", '.', "INBOX.Quarantine" },
	{ "Complaints/Done", "INBOX.", '.', "INBOX.Complaints.Done" },
	{ "INBOX.Processed", "INBOX.", '.', "INBOX.Processed" },
	{ "inbox.Processed", "INBOX.", '.', "inbox.Processed" },
	{ "INBOX/Processed", "INBOX.", '.', "INBOX.Processed" },
	{ "INBOX", "INBOX.", '.', "INBOX" },
	{ "inbox", "INBOX.", '.', "inbox" },
	{ "INBOXES", "INBOX.", '.', "INBOX.INBOXES" },
	/* a flat server, another prefix */
	{ "Processed", "", 0, "Processed" },
	{ "a/b", "", 0, "a/b" },
	{ "Processed", "Mail/", '/', "Mail/Processed" },
	{ "Mail/Processed", "Mail/", '/', "Mail/Processed" },
	{ "x/y", "#mh/", '/', "#mh/x/y" },
	/* nothing to give */
	{ "", "INBOX.", '.', NULL },
	{ NULL, "INBOX.", '.', NULL },
};

int
main(void)
{
	char out[64], small[8], what[160];
	size_t i;
	int r;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		r = imapdata_folder(cases[i].name, cases[i].prefix,
		    cases[i].sep, out, sizeof out);
		snprintf(what, sizeof what, "\"%s\" under \"%s\" (%c) is %s",
		    cases[i].name ? cases[i].name : "(null)", cases[i].prefix,
		    cases[i].sep ? cases[i].sep : '-',
		    cases[i].want ? cases[i].want : "refused");
		if (cases[i].want == NULL) {
			T_INT(r, -1, what);
		} else {
			T_STR(r == 0 ? out : "(refused)", cases[i].want, what);
		}
	}
	T_INT(imapdata_folder("Processed", "INBOX.", '.', small,
	    sizeof small), -1, "a name that does not fit is refused");
	T_INT(imapdata_time(1996, 7, 17, 2, 44, 25, -700), 837596665,
	    "17-Jul-1996 02:44:25 -0700");
	T_INT(imapdata_time(2026, 11, 23, 9, 0, 0, 700), 1795399200,
	    "23-Nov-2026 09:00:00 +0700 (Jakarta)");
	T_INT(imapdata_time(2026, 11, 23, 9, 0, 0, 530), 1795404600,
	    "... +0530: zones in hours and minutes");
	T_INT(imapdata_time(2026, 13, 1, 0, 0, 0, 0), 0, "month 13: none");
	T_INT(imapdata_time(2026, 1, 1, 0, 0, 0, 9999), 0, "zone 9999: none");
	T_INT(imapdata_time(1, 1, 1, 0, 0, 0, 0), 0, "year 1: none");
	return t_done();
}
