/*
 * notify.c — the sd_notify(3) protocol for the supervisor (see notify.h).
 * Only the supervisor process talks to systemd (NotifyAccess=main in the
 * unit).
 *
 * The protocol is one datagram of "KEY=VALUE" lines to the AF_UNIX socket
 * named in $NOTIFY_SOCKET (a path, or "@name" for the abstract namespace);
 * systemd documents it as a stable interface meant to be spoken without
 * libsystemd.  Speaking it here keeps libsystemd, and the libgcrypt, lz4,
 * zstd and lzma it loads, out of the supervisor: about 0.7 MB of pages in a
 * process that otherwise needs 2 MB.
 *
 * The environment is never unset, so the watchdog settings can be read
 * again after a reload.  A failed send is not reported: as with
 * sd_notify(), a daemon that systemd cannot hear keeps working.
 */
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "notify.h"

/*
 * Fill sun with $NOTIFY_SOCKET's address; its length, or 0 when the
 * variable is unset or names no socket we can reach.
 */
static socklen_t
notify_addr(struct sockaddr_un *sun)
{
	const char *e = getenv("NOTIFY_SOCKET");
	size_t n;

	if (e == NULL || (e[0] != '/' && e[0] != '@')) {
		return 0;
	}
	n = strlen(e);
	if (n < 2 || n >= sizeof sun->sun_path) {
		return 0;
	}
	memset(sun, 0, sizeof *sun);
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, e, n);
	if (e[0] == '@') {
		sun->sun_path[0] = '\0';
		return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	}
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
}

static void
notify_send(const char *msg)
{
	struct sockaddr_un sun;
	socklen_t len = notify_addr(&sun);
	int fd;

	if (len == 0) {
		return;
	}
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return;
	}
	while (sendto(fd, msg, strlen(msg), MSG_NOSIGNAL,
	    (const struct sockaddr *)&sun, len) < 0 && errno == EINTR) {
	}
	close(fd);
}

void
notify_ready(void)
{
	notify_send("READY=1");
}

void
notify_reloading(void)
{
	notify_send("RELOADING=1");
}

void
notify_stopping(void)
{
	notify_send("STOPPING=1");
}

void
notify_watchdog(void)
{
	notify_send("WATCHDOG=1");
}

void
notify_status(const char *fmt, ...)
{
	char line[512 + sizeof "STATUS="];
	va_list ap;

	memcpy(line, "STATUS=", sizeof "STATUS=" - 1);
	va_start(ap, fmt);
	vsnprintf(line + sizeof "STATUS=" - 1, 512, fmt, ap);
	va_end(ap);
	notify_send(line);
}

/*
 * As sd_watchdog_enabled(0, ...): $WATCHDOG_USEC, a positive number of
 * microseconds, counts only when $WATCHDOG_PID is unset or is this
 * process (a watchdog meant for a parent is not ours).
 */
uint64_t
notify_watchdog_usec(void)
{
	const char *u = getenv("WATCHDOG_USEC"), *p = getenv("WATCHDOG_PID");
	unsigned long long usec;
	long pid;
	char *end;

	if (u == NULL || *u < '0' || *u > '9') {
		return 0;
	}
	errno = 0;
	usec = strtoull(u, &end, 10);
	if (errno != 0 || *end != '\0' || usec == 0) {
		return 0;
	}
	if (p != NULL) {
		errno = 0;
		pid = strtol(p, &end, 10);
		if (errno != 0 || *end != '\0' || pid != (long)getpid()) {
			return 0;
		}
	}
	return (uint64_t)usec;
}
