/*
 * worker.c — the worker side of the supervisor contract (see worker.h).
 *
 * Messages to the supervisor are lines on a pipe: "B" (alive) or
 * "S <status>".  Writes are non-blocking: a supervisor that is slow to
 * read must never stall intake, so a beat that does not fit is dropped
 * (the next one will do).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "worker.h"

static volatile sig_atomic_t worker_stop;

static void
worker_on_term(int sig)
{
	(void)sig;
	worker_stop = 1;
}

int
worker_stopping(void)
{
	return worker_stop;
}

static void
worker_send(struct worker_ctx *w, const char *line, size_t len)
{
	ssize_t r;

	if (w->beat_fd < 0) {
		return;
	}
	do {
		r = write(w->beat_fd, line, len);
	} while (r == -1 && errno == EINTR);
	if (r == -1 && errno == EPIPE) {
		worker_stop = 1;	/* the supervisor is gone: stop too */
	}
}

void
worker_beat(struct worker_ctx *w)
{
	static time_t last;
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (ts.tv_sec == last) {
		return;
	}
	last = ts.tv_sec;
	worker_send(w, "B\n", 2);
}

void
worker_status(struct worker_ctx *w, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	memcpy(line, "S ", 2);
	va_start(ap, fmt);
	n = vsnprintf(line + 2, sizeof line - 3, fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	n = n > (int)sizeof line - 4 ? (int)sizeof line - 4 : n;
	for (int i = 2; i < n + 2; i++) {
		if (line[i] == '\n') {
			line[i] = ' ';
		}
	}
	line[n + 2] = '\n';
	worker_send(w, line, (size_t)n + 3);
}

int
worker_sleep(struct worker_ctx *w, int ms)
{
	struct timespec ts;
	int chunk;

	while (ms > 0 && !worker_stop) {
		worker_beat(w);
		/* tv_nsec must stay below one second, or nanosleep() fails
		 * at once with EINVAL and this loop spins */
		chunk = ms > 1000 ? 1000 : ms;
		ts.tv_sec = chunk / 1000;
		ts.tv_nsec = (chunk % 1000) * 1000000L;
		ms -= chunk;
		nanosleep(&ts, NULL);
	}
	return worker_stop ? 1 : 0;
}

int
worker_backoff(int current, int first, int max)
{
	if (current <= 0) {
		return first;
	}
	return current * 2 > max ? max : current * 2;
}

void
worker_exec(struct worker_ctx *w, worker_main_fn fn)
{
	struct sigaction sa;
	sigset_t none;
	int rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = worker_on_term;	/* no SA_RESTART: interrupt waits */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	fcntl(w->beat_fd, F_SETFL, fcntl(w->beat_fd, F_GETFL) | O_NONBLOCK);
	/*
	 * A worker must not outlive its supervisor (killed with SIGKILL): a
	 * restarted daemon would have two readers on one mailbox or modem.
	 * The parent may have died before this line: then stop at once.
	 */
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	if (getppid() == 1) {
		worker_stop = 1;
	}
	log_set_tag(w->name);
	/* "ps" and "top" show which worker is which (15 characters) */
	prctl(PR_SET_NAME, w->name, 0, 0, 0);
	worker_send(w, "B\n", 2);
	rc = fn(w);
	/* exit(), not _exit(): the sanitizers' leak check runs at exit */
	exit(rc);
}
