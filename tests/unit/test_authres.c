/*
 * test_authres.c — Authentication-Results: parsing real servers' fields
 * (Gmail, Postfix with OpenDKIM/OpenDMARC, Microsoft, rspamd), the
 * verdict, and which field counts (the topmost of the trusted id; others
 * are claims).
 */
#include <string.h>

#include "authres.h"
#include "t.h"

static void
test_parse(void)
{
	struct authres a;

	T_INT(authres_parse("mx.google.com;\t dkim=pass "
	    "header.i=@gmail.com header.s=20230601 header.b=Yw2n8fKq;\t "
	    "spf=pass (google.com: domain of sri@gmail.com designates "
	    "209.85.220.41 as permitted sender) smtp.mailfrom=sri@gmail.com;"
	    "\t dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) "
	    "header.from=gmail.com", &a), 0, "Gmail's field parses");
	T_STR(a.authserv_id, "mx.google.com", "... its authserv-id");
	T_INT(a.n, 3, "... three results");
	T_STR(a.r[0].method, "dkim", "... dkim");
	T_STR(a.r[2].method, "dmarc", "... dmarc");
	T_STR(a.r[2].result, "pass", "... passed");
	T_INT(authres_parse("MX.SMKN1.SCH.ID 1; dmarc = FAIL "
	    "(p=reject dis=none) header.from=gmail.com; spf=softfail "
	    "smtp.mailfrom=evil.example", &a), 0, "a version, spaces around "
	    "'=' and upper case");
	T_STR(a.authserv_id, "mx.smkn1.sch.id", "... the id lower-cased");
	T_STR(a.r[0].result, "fail", "... dmarc=fail");
	T_STR(a.r[1].result, "softfail", "... spf=softfail");
	T_INT(authres_parse("spam.example; none", &a), 0, "'none'");
	T_INT(a.n, 0, "... no result");
	T_INT(authres_parse("\"quoted.id\"; dkim/1=pass (a (nested) "
	    "comment; with a semicolon) header.d=x.org", &a), 0,
	    "a quoted id, a versioned method, a nested comment with ';'");
	T_STR(a.authserv_id, "quoted.id", "... the id without quotes");
	T_INT(a.n, 1, "... the comment's ';' splits nothing");
	T_STR(a.r[0].method, "dkim", "... the method without its version");
	T_INT(authres_parse("", &a), -1, "empty: no authserv-id");
	T_INT(authres_parse("   ;dmarc=pass", &a), -1, "no id: refused");
}

static void
test_verdict(void)
{
	const char *gmail[] = {
		"mx.smkn1.sch.id; dkim=pass header.d=gmail.com; spf=pass "
		"smtp.mailfrom=gmail.com; dmarc=pass header.from=gmail.com",
	};
	const char *forged[] = {
		"mx.smkn1.sch.id; dkim=none; spf=pass smtp.mailfrom=evil.example;"
		" dmarc=fail (p=none) header.from=gmail.com",
		/* what the forger wrote into the message, below ours */
		"mx.smkn1.sch.id; dmarc=pass header.from=gmail.com",
	};
	const char *claimed[] = {
		/* above ours, from another id: a claim, skipped */
		"mx.google.com; dmarc=pass header.from=gmail.com",
		"mx.smkn1.sch.id; spf=fail smtp.mailfrom=gmail.com",
	};
	const char *other_only[] = {
		"mx.google.com; dmarc=fail header.from=gmail.com",
	};
	const char *spf_dkim[] = {
		"mx.smkn1.sch.id; spf=fail smtp.mailfrom=list.example; "
		"dkim=pass header.d=list.example",
	};
	const char *nothing[] = { "mx.smkn1.sch.id; none" };
	char why[128];

	T_INT(authres_verdict(gmail, 1, "mx.smkn1.sch.id", why, sizeof why),
	    AUTHRES_PASS, "dmarc=pass from the trusted id: pass");
	T_STR(why, "dmarc=pass (mx.smkn1.sch.id)", "... and says why");
	T_INT(authres_verdict(forged, 2, "MX.smkn1.sch.id", why, sizeof why),
	    AUTHRES_FAIL, "dmarc=fail in the topmost trusted field: fail, "
	    "whatever the forged field below says");
	T_INT(authres_verdict(forged + 1, 1, "mx.smkn1.sch.id", NULL, 0),
	    AUTHRES_PASS, "(the forged field alone would pass: the order "
	    "matters)");
	T_INT(authres_verdict(claimed, 2, "mx.smkn1.sch.id", why, sizeof why),
	    AUTHRES_FAIL, "another id's pass above ours is a claim: spf=fail "
	    "without dkim=pass fails");
	T_STR(why, "spf=fail and no dkim=pass (mx.smkn1.sch.id)",
	    "... and says so");
	T_INT(authres_verdict(other_only, 1, "mx.smkn1.sch.id", why,
	    sizeof why), AUTHRES_NONE, "only another id: no verdict");
	T_CONTAINS(why, "no Authentication-Results from mx.smkn1.sch.id",
	    "... saying none came from ours");
	T_INT(authres_verdict(spf_dkim, 1, "mx.smkn1.sch.id", NULL, 0),
	    AUTHRES_NONE, "spf=fail next to dkim=pass: no verdict");
	T_INT(authres_verdict(nothing, 1, "mx.smkn1.sch.id", NULL, 0),
	    AUTHRES_NONE, "'none': no verdict");
	T_INT(authres_verdict(forged, 2, NULL, NULL, 0), AUTHRES_NONE,
	    "no trusted id configured: no verdict");
	T_INT(authres_verdict(NULL, 0, "mx.smkn1.sch.id", NULL, 0),
	    AUTHRES_NONE, "no field: no verdict");
}

int
main(void)
{
	test_parse();
	test_verdict();
	return t_done();
}
