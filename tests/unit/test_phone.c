/*
 * test_phone.c — phone numbers to E.164 (phone.c), one table: the forms
 * SMS senders and officers' numbers come in, with Indonesia's calling
 * code and others.
 */
#include <stdio.h>
#include <string.h>

#include "phone.h"
#include "t.h"

static const struct {
	const char	*in;
	const char	*country;
	enum phone_kind	 kind;
	const char	*out;		/* NULL: not looked at */
} cases[] = {
	/* national with the trunk 0 */
	{ "0812-3456-789", "62", PHONE_E164, "+628123456789" },
	{ "081234500004", "62", PHONE_E164, "+6281234500004" },
	{ "(021) 555-1234", "62", PHONE_E164, "+62215551234" },
	{ " 0812 3456 7002 ", "62", PHONE_E164, "+6281234567002" },
	/* national without it, as networks deliver some senders */
	{ "81234500004", "62", PHONE_E164, "+6281234500004" },
	{ "8123456789", "62", PHONE_E164, "+628123456789" },
	{ "812-3456-7002", "62", PHONE_E164, "+6281234567002" },
	{ "215551234", "62", PHONE_E164, "+62215551234" },
	{ "7700900123", "44", PHONE_E164, "+447700900123" },
	{ "7123456789", "7", PHONE_E164, "+7123456789" },	/* starts with it */
	/* international */
	{ "628123456789", "62", PHONE_E164, "+628123456789" },
	{ "+62 812 3456 789", "62", PHONE_E164, "+628123456789" },
	{ "+6281234500004", "62", PHONE_E164, "+6281234500004" },
	{ "0062812345678", "62", PHONE_E164, "+62812345678" },
	{ "+4917012345678", "62", PHONE_E164, "+4917012345678" },
	{ "004917012345678", "62", PHONE_E164, "+4917012345678" },
	{ "+1 (212) 555-0100", "62", PHONE_E164, "+12125550100" },
	/* not a person's number */
	{ "TELKOMSEL", "62", PHONE_ALPHA, "TELKOMSEL" },
	{ "BANK-X ", "62", PHONE_ALPHA, "BANK-X" },
	{ "Info 123", "62", PHONE_ALPHA, "Info 123" },
	{ "3636", "62", PHONE_SHORTCODE, "3636" },
	{ "123456", "62", PHONE_SHORTCODE, "123456" },
	{ "99", "62", PHONE_SHORTCODE, "99" },
	/* nothing usable */
	{ "", "62", PHONE_INVALID, NULL },
	{ "   ", "62", PHONE_INVALID, NULL },
	{ "+", "62", PHONE_INVALID, NULL },
	{ "+12", "62", PHONE_INVALID, NULL },
	{ "+1234567890123456", "62", PHONE_INVALID, NULL },
	{ "+62 812 ABC", "62", PHONE_INVALID, NULL },
	{ "0000000000", "62", PHONE_INVALID, NULL },
	{ "81234500004123", "62", PHONE_INVALID, NULL },	/* 16 digits */
	{ "81234500004", "", PHONE_INVALID, NULL },	/* no country */
	{ "081234500004", NULL, PHONE_INVALID, NULL },
};

static void
test_table(void)
{
	char out[32], what[160];
	enum phone_kind k;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(out, 0, sizeof out);
		k = phone_normalize(cases[i].in, cases[i].country, out,
		    sizeof out);
		snprintf(what, sizeof what, "\"%s\" (country %s): kind",
		    cases[i].in, cases[i].country ? cases[i].country : "-");
		T_INT(k, cases[i].kind, what);
		if (cases[i].out != NULL) {
			snprintf(what, sizeof what, "\"%s\" becomes \"%s\"",
			    cases[i].in, cases[i].out);
			T_STR(out, cases[i].out, what);
		}
	}
}

static void
test_small_buffer(void)
{
	char out[8];

	T_INT(phone_normalize("081234500004", "62", out, sizeof out),
	    PHONE_INVALID, "a buffer too small for any number: invalid");
	T_INT(phone_normalize(NULL, "62", out, sizeof out), PHONE_INVALID,
	    "no number: invalid");
}

int
main(void)
{
	test_table();
	test_small_buffer();
	return t_done();
}
