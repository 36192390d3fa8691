/*
 * fuzz_intake.c — libFuzzer target for intake_decide() (intake.c) with
 * fake lookups (fakecase.h): the input gives the channel, the sender, the
 * subject, the text, In-Reply-To, References and a recipient,
 * NUL-separated; the decision must keep its contract whatever they are.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fakecase.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct conf *cf;

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *f[6] = { "", "", "", NULL, NULL, NULL }, *refs[1], *rcpt[1];
	char *copy = malloc(n + 1), *p;
	struct intake_decision dec;
	struct intake_msg m;
	size_t i;

	if (cf == NULL && (cf = testconf_new(0)) == NULL) {
		abort();
	}
	memcpy(copy, d, n);
	copy[n] = '\0';
	p = n > 0 ? copy + 1 : copy;
	for (i = 0; i < 6 && p < copy + n; i++) {
		f[i] = p;
		p += strlen(p) + 1;
	}
	memset(&m, 0, sizeof m);
	m.channel = n > 0 && d[0] & 1 ? "sms" : "email";
	m.source = n > 0 && d[0] & 1 ? "modem:gsm0" : "imap:pengaduan";
	m.sender = *f[0] ? f[0] : NULL;
	m.sender_is_person = n > 0 && (d[0] & 2) != 0;
	m.subject = f[1];
	m.text = f[2];
	m.in_reply_to = f[3];
	refs[0] = f[4];
	m.references = refs;
	m.nreferences = f[4] != NULL;
	rcpt[0] = f[5];
	m.recipients = rcpt;
	m.nrecipients = f[5] != NULL;
	m.flags = n > 0 ? d[0] >> 2 : 0;
	memset(&dec, 0, sizeof dec);
	if (intake_decide(cf, &m, &fake_lookup, &dec) == 0) {
		fake_check(cf, &dec, utf8_valid(f[2], strlen(f[2])));
	}
	intake_decision_free(&dec);
	free(copy);
	return 0;
}
