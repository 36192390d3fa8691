/*
 * test_alerts.c — the pure parts of the alerts (alerts.h): when an outage
 * is told, when its end is, and through which channel.
 */
#include <stddef.h>
#include <string.h>

#include "alerts.h"
#include "t.h"

static void
test_decide(void)
{
	static const struct {
		time_t		 down, told, now;
		int		 after;
		enum alerts_act	 want;
		const char	*what;
	} c[] = {
		{ 0, 0, 5000, 15, ALERTS_NONE, "working: nothing" },
		{ 1000, 0, 1000 + 15 * 60 - 1, 15, ALERTS_NONE,
		    "down a second less than after_minutes: not yet" },
		{ 1000, 0, 1000 + 15 * 60, 15, ALERTS_DOWN,
		    "down after_minutes: told" },
		{ 1000, 0, 99999, 15, ALERTS_DOWN, "down long: told" },
		{ 1000, 1000, 99999, 15, ALERTS_NONE,
		    "the same outage, told: not again" },
		{ 0, 1000, 99999, 15, ALERTS_UP, "told and over: its end" },
		{ 5000, 1000, 5001, 15, ALERTS_UP,
		    "told, over and down again: the end of the one told" },
		{ 1000, 0, 900, 15, ALERTS_NONE,
		    "a tick before the outage began (--at in the past)" },
	};
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		T_INT(alerts_decide(c[i].down, c[i].told, c[i].now,
		    c[i].after), c[i].want, c[i].what);
	}
}

static void
test_channel(void)
{
	static const struct {
		const char	*source;
		int		 email, sms;
		const char	*want;
		const char	*what;
	} c[] = {
		{ "smtp", 0, 1, "sms", "mail out down: SMS" },
		{ "imap:pengaduan", 1, 1, "sms", "mail in down: SMS first" },
		{ "imap:pengaduan", 1, 0, "email",
		    "mail in down, no SMS: mail out still works" },
		{ "smtp", 0, 0, NULL, "nothing works: nothing" },
		{ "modem:gsm0", 1, 1, "email", "a modem down: mail" },
		{ "modem:gsm0", 0, 1, "sms",
		    "a modem down, no mail: another modem" },
		{ "modem:gsm0", 0, 0, NULL, "a modem down, nothing else" },
	};
	const char *got;
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		got = alerts_channel(c[i].source, c[i].email, c[i].sms);
		T_STR(got ? got : "(none)", c[i].want ? c[i].want : "(none)",
		    c[i].what);
	}
}

int
main(void)
{
	test_decide();
	test_channel();
	return t_done();
}
