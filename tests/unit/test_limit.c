/*
 * test_limit.c — the pure parts of the limits: the key a recipient is
 * counted under (limit.h), the numbers automatic SMS may go to, and what
 * a reply may repeat of a sender's words (safetext.h).
 */
#include <stdlib.h>
#include <string.h>

#include "limit.h"
#include "safetext.h"
#include "t.h"
#include "testconf.h"

static void
test_key(void)
{
	static const struct {
		const char	*in;
		const char	*out;
		const char	*what;
	} c[] = {
		{ "victim@example.org", "victim@example.org", "plain" },
		{ "Victim@Example.ORG", "victim@example.org", "case variants" },
		{ "victim+1@example.org", "victim@example.org", "+tag cut" },
		{ "VICTIM+a+b@example.org", "victim@example.org",
		    "+tags and case together" },
		{ "v.i.c.t.i.m@gmail.com", "victim@gmail.com",
		    "gmail: dots do not count" },
		{ "Vic.Tim+x@GoogleMail.com", "victim@gmail.com",
		    "googlemail is gmail" },
		{ "first.last@example.org", "first.last@example.org",
		    "elsewhere dots are part of the name" },
		{ "first-last@example.org", "first-last@example.org",
		    "'-' is not a tag delimiter" },
		{ "+6281234567001", "+6281234567001", "a number as it is" },
		{ "", "", "empty" },
	};
	char k[320];
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		limit_key(c[i].in, k, sizeof k);
		T_STR(k, c[i].out, c[i].what);
	}
	limit_key("someone.with.a.long.name@example.org", k, 8);
	T_INT(strlen(k), 7, "a short buffer is filled and terminated");
}

static void
test_sms(void)
{
	struct conf *cf = testconf_new(0);

	T_OK(limit_sms_allowed(cf, "+6281234567001"),
	    "a number of the configured country");
	T_OK(!limit_sms_allowed(cf, "+447700900123"), "+44 refused");
	T_OK(!limit_sms_allowed(cf, "+88213456789"),
	    "+882 (international networks) refused");
	T_OK(!limit_sms_allowed(cf, "+8816123456"), "+881 (satellite) refused");
	T_OK(!limit_sms_allowed(cf, "+2399912345"), "+239 refused");
	T_OK(!limit_sms_allowed(cf, NULL), "no number");
	conf_free(cf);
}

static void
test_echo(void)
{
	static const struct {
		const char	*in;
		size_t		 max;
		const char	*out;
		const char	*what;
	} c[] = {
		{ "URGENT your account is locked - login at "
		    "http://evil.example/login", 60,
		    "URGENT your account is locked - login at",
		    "a URL is left out" },
		{ "URGENT your account is locked - login at evil.example now",
		    60, "URGENT your account is locked - login at now",
		    "a bare domain too" },
		{ "Verify at www.bank-secure.co.id today", 60,
		    "Verify at today", "www." },
		{ "write to helpdesk@evil.example", 60, "write to",
		    "an address" },
		{ "call tel:+441234 or mailto:x", 60, "call or",
		    "tel: and mailto:" },
		{ "bit.ly/abc and EVIL.COM and x\xe3\x80\x82" "co", 60, "and and",
		    "short links, upper case, an ideographic dot" },
		{ "Nilai 3.5 dan biaya Rp1.500.000 (catatan: mohon cek)", 60,
		    "Nilai 3.5 dan biaya Rp1.500.000 (catatan: mohon cek)",
		    "numbers and a word ending in ':' stay" },
		{ "Keluhan AC kelas XI TKJ 1 yang sudah rusak sejak bulan "
		    "Januari dan belum diperbaiki", 40,
		    "Keluhan AC kelas XI TKJ 1 yang sudah rus\xe2\x80\xa6",
		    "cut to the length, with an ellipsis" },
		{ "Sri Wahyuni", 60, "Sri Wahyuni", "a name stays" },
		{ NULL, 60, "", "NULL" },
	};
	char *s;
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		s = safetext_echo(c[i].in, c[i].max);
		T_STR(s, c[i].out, c[i].what);
		free(s);
	}
}

static void
test_noreply(void)
{
	static const struct {
		const char	*in;
		int		 want;
	} c[] = {
		{ "no-reply@webform.example.net", 1 },
		{ "NoReply@example.org", 1 },
		{ "forms-noreply@example.org", 1 },
		{ "noreply2@example.org", 1 },
		{ "do-not-reply+x@example.org", 1 },
		{ "noreplyservice@example.org", 0 },
		{ "info@example.org", 0 },
		{ "sri.wahyuni78@gmail.com", 0 },
		{ "+6281234567001", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		T_INT(limit_noreply(c[i].in), c[i].want, c[i].in);
	}
}

int
main(void)
{
	test_key();
	test_noreply();
	test_sms();
	test_echo();
	return t_done();
}
