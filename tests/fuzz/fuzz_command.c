/*
 * fuzz_command.c — libFuzzer target for officers' command arguments: an
 * authenticated officer's mail (to the case's token address, "#alihkan
 * ...", "#selesai ...") and an officer's SMS ("KEL-2026-000001 SELESAI
 * ..."), the input being what follows; intake.c cuts out the command and
 * its argument.  The decision must keep its contract (fakecase.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fakecase.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct conf *cf;

static void
decide(const struct intake_msg *m, int valid)
{
	struct intake_decision dec;

	memset(&dec, 0, sizeof dec);
	if (intake_decide(cf, m, &fake_lookup, &dec) == 0) {
		fake_check(cf, &dec, valid);
		if (dec.kind != INTAKE_OFFICER_COMMAND &&
		    dec.kind != INTAKE_OFFICER_REPLY &&
		    dec.kind != INTAKE_OFFICER_NOTE &&
		    dec.kind != INTAKE_UNFILED) {
			abort();	/* an officer never opens a case */
		}
	}
	intake_decision_free(&dec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *rcpt[1] = { "pengaduan+tok1@smkn1.sch.id" };
	char *text = malloc(n + 1), *sms;
	struct intake_msg m;
	int valid;

	memcpy(text, d, n);
	text[n] = '\0';
	valid = utf8_valid(text, strlen(text));
	if (cf == NULL && (cf = testconf_new(0)) == NULL) {
		abort();
	}
	memset(&m, 0, sizeof m);
	m.channel = "email";
	m.source = "imap:pengaduan";
	m.sender = "kepsek@smkn1.sch.id";
	m.subject = "Re: [KEL-2026-000001] Atap bocor";
	m.text = text;
	m.recipients = rcpt;
	m.nrecipients = 1;
	decide(&m, valid);
	sms = malloc(n + 32);
	snprintf(sms, n + 32, "KEL-2026-000001 %s", text);
	memset(&m, 0, sizeof m);
	m.channel = "sms";
	m.source = "modem:gsm0";
	m.sender = "+6281234567002";
	m.sender_is_person = 1;
	m.subject = "";
	m.text = sms;
	decide(&m, valid);
	free(sms);
	free(text);
	return 0;
}
