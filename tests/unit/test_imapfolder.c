/*
 * test_imapfolder.c — configured folder names on servers with and without
 * an "INBOX." personal namespace, one table.
 */
#include <stdio.h>
#include <string.h>

#include "imapfolder.h"
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
		r = imapfolder_resolve(cases[i].name, cases[i].prefix,
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
	T_INT(imapfolder_resolve("Processed", "INBOX.", '.', small,
	    sizeof small), -1, "a name that does not fit is refused");
	return t_done();
}
