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
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sysexits.h>
#include <unistd.h>

#include "conf_load.h"
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

int64_t
worker_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
worker_beat(struct worker_ctx *w)
{
	static int64_t last;
	int64_t now = worker_now_ms() / 1000;

	if (now == last) {
		return;
	}
	last = now;
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
worker_wait(struct worker_ctx *w, int fd, int ms)
{
	struct pollfd p;
	int chunk;

	if (fd == -1) {
		return worker_sleep(w, ms);
	}
	p.fd = fd;
	p.events = POLLIN;
	while (ms > 0 && !worker_stop) {
		worker_beat(w);
		chunk = ms > 1000 ? 1000 : ms;	/* a beat a second */
		ms -= chunk;
		p.revents = 0;
		if (poll(&p, 1, chunk) > 0 && (p.revents & POLLIN)) {
			return worker_stop ? 1 : 2;
		}
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

/* Signals, the beat pipe, the tie to the supervisor; then run fn. */
static int
worker_run(struct worker_ctx *w, worker_main_fn fn)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = worker_on_term;	/* no SA_RESTART: interrupt waits */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	/* a file size limit (LimitFSIZE=) is a write error, like a full
	 * disk: the database reports it, nothing dies of it */
	sigaction(SIGXFSZ, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	fcntl(w->beat_fd, F_SETFL, fcntl(w->beat_fd, F_GETFL) | O_NONBLOCK);
	/*
	 * A worker must not outlive its supervisor (killed with SIGKILL): a
	 * restarted daemon would have two readers on one mailbox or modem.
	 * The supervisor set PR_SET_PDEATHSIG before the exec; if it died
	 * before that took effect, we have another parent now: stop at once.
	 */
	if (w->supervisor != 0 && getppid() != w->supervisor) {
		worker_stop = 1;
	}
	log_set_tag(w->name);
	/* "ps" and "top" show which worker is which (15 characters) */
	prctl(PR_SET_NAME, w->name, 0, 0, 0);
	worker_send(w, "B\n", 2);
	return fn(w);
}

static const void *
worker_arg(const struct conf *cf, const char *kind, const char *name)
{
	size_t i;

	if (strcmp(kind, "imap") == 0) {
		for (i = 0; i < cf->nimap; i++) {
			if (strcmp(cf->imap[i].name, name) == 0) {
				return &cf->imap[i];
			}
		}
		return NULL;
	}
	if (strcmp(kind, "modem") == 0) {
		for (i = 0; i < cf->nmodems; i++) {
			if (strcmp(cf->modems[i].name, name) == 0) {
				return &cf->modems[i];
			}
		}
		return NULL;
	}
	return cf;	/* dispatch: no entry of its own */
}

static void
worker_usage(const char *kind, FILE *f, int rc)
{
	fprintf(f, "usage: complaintd-%s -c FILE -n NAME -p PID -g DIGEST "
	    "[-d]\n       complaintd-%s --help | --version\n"
	    "(started by complaintd, not by hand; see complaintd(8))\n",
	    kind, kind);
	exit(rc);
}

/* --help and --version, alone on the command line. */
static void
worker_info(int argc, char **argv, const char *kind)
{
	if (argc != 2) {
		return;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		worker_usage(kind, stdout, EX_OK);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("complaintd-%s %s\n", kind, VERSION);
		exit(EX_OK);
	}
}

void
worker_program(int argc, char **argv, const char *kind, worker_main_fn fn)
{
	struct conf_diag diag = { NULL, 0 };
	struct worker_ctx w;
	struct conf *cf = NULL;
	const char *path = NULL, *name = NULL, *digest = NULL;
	char tag[96];
	size_t i;
	int ch, debug = 0, rc;

	memset(&w, 0, sizeof w);
	worker_info(argc, argv, kind);
	while ((ch = getopt(argc, argv, "c:n:p:g:d")) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'p':
			w.supervisor = (pid_t)atol(optarg);
			break;
		case 'g':
			digest = optarg;
			break;
		case 'd':
			debug = 1;
			break;
		default:
			worker_usage(kind, stderr, EX_USAGE);
		}
	}
	if (path == NULL || name == NULL || optind != argc) {
		worker_usage(kind, stderr, EX_USAGE);
	}
	snprintf(tag, sizeof tag, strcmp(kind, "dispatch") == 0 ? "%s" :
	    "%s:%s", strcmp(kind, "dispatch") == 0 ? name : kind, name);
	log_init(debug, tag);
	if (conf_load(path, &cf, &diag) == -1) {
		for (i = 0; i < diag.n; i++) {
			log_errx("%s", diag.msgs[i]);
		}
		conf_diag_free(&diag);
		exit(EX_CONFIG);
	}
	conf_diag_free(&diag);
	if (digest != NULL && strcmp(digest, cf->digest) != 0) {
		log_warnx("%s changed since complaintd last read it; this "
		    "worker uses the file as it is now (reload complaintd so "
		    "that every worker agrees)", path);
	}
	if ((w.arg = worker_arg(cf, kind, name)) == NULL) {
		log_errx("%s has no %s \"%s\" any more; reload complaintd",
		    path, kind, name);
		conf_free(cf);
		exit(EX_CONFIG);
	}
	setenv("TZ", cf->timezone, 1);
	tzset();
	w.cf = cf;
	w.name = tag;
	w.beat_fd = WORKER_BEAT_FD;
	rc = worker_run(&w, fn);
	conf_free(cf);
	exit(rc);
}
