/*
 * test_notify.c — the sd_notify(3) protocol as notify.c speaks it: each
 * call's datagram arrives whole at a socket named by NOTIFY_SOCKET (a path
 * and an abstract "@name"), nothing is sent without it, and the watchdog's
 * interval is read as sd_watchdog_enabled() reads it (a table).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "notify.h"
#include "t.h"

/* A datagram socket bound to name ("@x": abstract); -1 on failure. */
static int
listen_at(const char *name)
{
	struct sockaddr_un sun;
	size_t n = strlen(name);
	socklen_t len;
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, name, n);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	if (name[0] == '@') {
		sun.sun_path[0] = '\0';
	} else {
		len++;
	}
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, len) < 0) {
		return -1;
	}
	return fd;
}

/* The next datagram, or "" when none is waiting. */
static const char *
next(int fd, char *buf, size_t size)
{
	ssize_t n = recv(fd, buf, size - 1, MSG_DONTWAIT);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void
test_socket(const char *name, const char *what)
{
	char buf[1024], long_status[700];
	int fd = listen_at(name);

	if (!T_OK(fd >= 0, "the test's socket is bound")) {
		return;
	}
	setenv("NOTIFY_SOCKET", name, 1);
	notify_ready();
	T_STR(next(fd, buf, sizeof buf), "READY=1", what);
	notify_reloading();
	T_STR(next(fd, buf, sizeof buf), "RELOADING=1", "RELOADING=1");
	notify_watchdog();
	T_STR(next(fd, buf, sizeof buf), "WATCHDOG=1", "WATCHDOG=1");
	notify_status("%d cases today, %s", 12, "imap: idle");
	T_STR(next(fd, buf, sizeof buf), "STATUS=12 cases today, imap: idle",
	    "STATUS= with the formatted line");
	memset(long_status, 'x', sizeof long_status - 1);
	long_status[sizeof long_status - 1] = '\0';
	notify_status("%s", long_status);
	T_INT(strlen(next(fd, buf, sizeof buf)), strlen("STATUS=") + 511,
	    "a long STATUS is cut at 511 characters, still sent");
	notify_stopping();
	T_STR(next(fd, buf, sizeof buf), "STOPPING=1", "STOPPING=1");
	T_STR(next(fd, buf, sizeof buf), "", "one datagram per call");
	unsetenv("NOTIFY_SOCKET");
	notify_ready();
	T_STR(next(fd, buf, sizeof buf), "", "nothing without NOTIFY_SOCKET");
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	notify_ready();
	T_STR(next(fd, buf, sizeof buf), "", "nothing to a relative path");
	unsetenv("NOTIFY_SOCKET");
	close(fd);
}

static void
test_watchdog(void)
{
	static const struct {
		const char	*usec, *pid;	/* NULL: unset; "self": ours */
		unsigned long long want;
	} cases[] = {
		{ NULL, NULL, 0 },
		{ "1000000", NULL, 1000000 },
		{ "1000000", "self", 1000000 },
		{ "1000000", "1", 0 },		/* a watchdog for pid 1 */
		{ "1000000", "self+x", 0 },
		{ "0", NULL, 0 },
		{ "", NULL, 0 },
		{ "abc", NULL, 0 },
		{ "12x", NULL, 0 },
		{ "-5", NULL, 0 },
		{ " 5", NULL, 0 },
		{ "99999999999999999999999", NULL, 0 },
	};
	char pid[32], what[128];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (cases[i].usec != NULL) {
			setenv("WATCHDOG_USEC", cases[i].usec, 1);
		} else {
			unsetenv("WATCHDOG_USEC");
		}
		if (cases[i].pid == NULL) {
			unsetenv("WATCHDOG_PID");
		} else {
			snprintf(pid, sizeof pid, "%ld%s",
			    strncmp(cases[i].pid, "self", 4) == 0 ?
			    (long)getpid() : 1L,
			    strcmp(cases[i].pid, "self+x") == 0 ? "x" : "");
			setenv("WATCHDOG_PID", pid, 1);
		}
		snprintf(what, sizeof what, "WATCHDOG_USEC=%s WATCHDOG_PID=%s",
		    cases[i].usec ? cases[i].usec : "(unset)",
		    cases[i].pid ? cases[i].pid : "(unset)");
		T_INT(notify_watchdog_usec(), cases[i].want, what);
	}
	setenv("WATCHDOG_USEC", "250000", 1);
	unsetenv("WATCHDOG_PID");
	T_INT(notify_watchdog_usec(), 250000, "read once");
	T_INT(notify_watchdog_usec(), 250000, "and again: nothing was unset");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
}

int
main(void)
{
	char path[64], abstract[64];

	snprintf(path, sizeof path, "/tmp/test_notify.%ld", (long)getpid());
	snprintf(abstract, sizeof abstract, "@test_notify.%ld", (long)getpid());
	unlink(path);
	test_socket(path, "READY=1 to a path");
	unlink(path);
	test_socket(abstract, "READY=1 to an abstract socket");
	test_watchdog();
	return t_done();
}
