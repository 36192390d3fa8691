/*
 * supervisor.c — the daemon's main process (see supervisor.h).
 *
 * One poll() loop over a signalfd and each worker's heartbeat pipe, woken
 * at least once a second for timers.  Everything the supervisor knows
 * about a worker comes from three places: its pipe (beats and status
 * lines), waitpid() (how it ended) and the clock.  It never touches a
 * mailbox or a modem itself, so nothing a source does can block it.
 *
 * Timers (monotonic):
 *  - a worker not heard from for limits.worker_silence seconds is killed
 *    (SIGKILL: it is hung, asking nicely will not work) and restarted;
 *  - systemd's watchdog is pinged at half its interval, but only while no
 *    running worker has been silent for more than a third of that limit;
 *  - STATUS is refreshed every few seconds.
 */
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "conf_load.h"
#include "dbfile.h"
#include "log.h"
#include "notify.h"
#include "pipeline.h"
#include "store.h"
#include "supervisor.h"
#include "tmpl.h"
#include "worker.h"
#include "xmalloc.h"

#define STOP_DEADLINE_MS	9000	/* whole daemon gone within 10 s */
#define BACKOFF_FIRST		1
#define BACKOFF_MAX		60
#define HEALTHY_AFTER		60	/* seconds up before backoff resets */
#define STATUS_EVERY_MS		5000

struct sworker {
	char		 name[96];	/* "imap:pengaduan" */
	char		 kind[16];	/* "imap": program complaintd-imap */
	char		 entry[64];	/* the configuration entry's name */
	pid_t		 pid;		/* 0: not running */
	int		 fd;		/* heartbeat pipe, read end; -1 */
	char		 rbuf[512];
	size_t		 rlen;
	int64_t		 last_heard;	/* ms */
	int64_t		 started;	/* ms */
	int64_t		 next_start;	/* ms, while pid == 0 */
	int		 backoff;	/* s */
	char		 status[200];
};

struct sup {
	struct conf	*cf;
	const char	*conf_path;
	int		 debug;
	char		 progdir[PATH_MAX];	/* the worker programs */
	struct sworker	*w;
	size_t		 nw;
	int		 sfd;
	struct store	*st;
	int		 lockfd;	/* the database's -daemon lock */
	uint64_t	 wd_usec;
	int64_t		 last_wd;
	int64_t		 last_status;
	int		 stopping;
};

/* ---- the plan: which workers a configuration asks for ---- */

static void
sup_add(struct sup *s, const char *kind, const char *entry)
{
	struct sworker *w;

	s->w = xreallocarray(s->w, s->nw + 1, sizeof *s->w);
	w = &s->w[s->nw++];
	memset(w, 0, sizeof *w);
	snprintf(w->kind, sizeof w->kind, "%s", kind);
	snprintf(w->entry, sizeof w->entry, "%s", entry);
	if (strcmp(kind, entry) == 0) {
		snprintf(w->name, sizeof w->name, "%s", kind);
	} else {
		snprintf(w->name, sizeof w->name, "%s:%s", kind, entry);
	}
	w->fd = -1;
	snprintf(w->status, sizeof w->status, "starting");
}

static void
sup_plan(struct sup *s)
{
	size_t i;

	free(s->w);
	s->w = NULL;
	s->nw = 0;
	for (i = 0; i < s->cf->nimap; i++) {
		sup_add(s, "imap", s->cf->imap[i].name);
	}
	for (i = 0; i < s->cf->nmodems; i++) {
		sup_add(s, "modem", s->cf->modems[i].name);
	}
	sup_add(s, "dispatch", "dispatch");
}

/*
 * Where the worker programs are: next to this program when they are there
 * (a build tree, or everything in one directory), else LIBEXECDIR.
 */
static void
sup_progdir(struct sup *s)
{
	char self[PATH_MAX], probe[PATH_MAX + 32], *dir;
	ssize_t n;

	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		dir = dirname(self);
		snprintf(probe, sizeof probe, "%s/complaintd-dispatch", dir);
		if (access(probe, X_OK) == 0) {
			snprintf(s->progdir, sizeof s->progdir, "%s", dir);
			return;
		}
	}
	snprintf(s->progdir, sizeof s->progdir, "%s", LIBEXECDIR);
}

/* In the child: the beat pipe on WORKER_BEAT_FD, then the program. */
static void
sup_exec(const struct sup *s, const struct sworker *w, int beat)
{
	char prog[PATH_MAX + 32], ppid[24];
	char *argv[12];
	int i = 0;
	sigset_t none;

	if (beat != WORKER_BEAT_FD) {
		if (dup2(beat, WORKER_BEAT_FD) == -1) {
			_exit(EX_OSERR);
		}
	} else {
		fcntl(beat, F_SETFD, 0);	/* keep it across exec */
	}
	/* the signal mask survives exec; the parent-death signal too */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	snprintf(prog, sizeof prog, "%s/complaintd-%s", s->progdir, w->kind);
	snprintf(ppid, sizeof ppid, "%d", (int)getppid());
	argv[i++] = prog;
	argv[i++] = "-c";
	argv[i++] = (char *)s->conf_path;
	argv[i++] = "-n";
	argv[i++] = (char *)w->entry;
	argv[i++] = "-p";
	argv[i++] = ppid;
	argv[i++] = "-g";
	argv[i++] = (char *)s->cf->digest;
	if (s->debug) {
		argv[i++] = "-d";
	}
	argv[i] = NULL;
	execv(prog, argv);
	log_warn("%s: cannot run %s", w->name, prog);
	_exit(EX_OSERR);
}

/* ---- starting and reaping ---- */

static void
sup_start(struct sup *s, struct sworker *w)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) == -1) {
		log_warn("%s: pipe", w->name);
		w->next_start = worker_now_ms() + 1000;
		return;
	}
	if ((pid = fork()) == -1) {
		log_warn("%s: fork", w->name);
		close(p[0]);
		close(p[1]);
		w->next_start = worker_now_ms() + 1000;
		return;
	}
	if (pid == 0) {
		/* every other descriptor of ours is close-on-exec */
		sup_exec(s, w, p[1]);
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	w->pid = pid;
	w->fd = p[0];
	w->rlen = 0;
	w->started = w->last_heard = worker_now_ms();
	log_debug("%s: started as pid %d", w->name, (int)pid);
}

static struct sworker *
sup_by_pid(struct sup *s, pid_t pid)
{
	size_t i;

	for (i = 0; i < s->nw; i++) {
		if (s->w[i].pid == pid) {
			return &s->w[i];
		}
	}
	return NULL;
}

static void
sup_exited(struct sup *s, struct sworker *w, int status)
{
	int64_t now = worker_now_ms();
	char how[64];

	if (WIFSIGNALED(status)) {
		snprintf(how, sizeof how, "killed by signal %d",
		    WTERMSIG(status));
	} else {
		snprintf(how, sizeof how, "exited with status %d",
		    WEXITSTATUS(status));
	}
	if (w->fd != -1) {
		close(w->fd);
		w->fd = -1;
	}
	w->pid = 0;
	if (s->stopping) {
		log_debug("%s: %s", w->name, how);
		return;
	}
	if (now - w->started >= HEALTHY_AFTER * 1000) {
		w->backoff = 0;
	}
	w->backoff = worker_backoff(w->backoff, BACKOFF_FIRST, BACKOFF_MAX);
	w->next_start = now + (int64_t)w->backoff * 1000;
	snprintf(w->status, sizeof w->status, "restarting (%s)", how);
	log_warnx("%s: worker %s; restarting in %d s", w->name, how,
	    w->backoff);
}

static void
sup_reap(struct sup *s)
{
	struct sworker *w;
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if ((w = sup_by_pid(s, pid)) != NULL) {
			sup_exited(s, w, status);
		}
	}
}

/* ---- heartbeats ---- */

static void
sup_line(struct sworker *w, char *line)
{
	if (line[0] == 'S' && line[1] == ' ') {
		if (strcmp(w->status, line + 2) != 0) {
			log_debug("%s: %s", w->name, line + 2);
		}
		snprintf(w->status, sizeof w->status, "%s", line + 2);
	}
}

static void
sup_read(struct sworker *w)
{
	ssize_t n;
	char *nl;

	n = read(w->fd, w->rbuf + w->rlen, sizeof w->rbuf - w->rlen - 1);
	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			/* the worker is gone; waitpid() will say how */
			close(w->fd);
			w->fd = -1;
		}
		return;
	}
	w->last_heard = worker_now_ms();
	w->rlen += (size_t)n;
	w->rbuf[w->rlen] = '\0';
	while ((nl = strchr(w->rbuf, '\n')) != NULL) {
		*nl = '\0';
		sup_line(w, w->rbuf);
		w->rlen -= (size_t)(nl + 1 - w->rbuf);
		memmove(w->rbuf, nl + 1, w->rlen + 1);
	}
	if (w->rlen == sizeof w->rbuf - 1) {
		w->rlen = 0;		/* an overlong line: drop it */
	}
}

/* Kill workers that have gone silent; 1 if every running one is fresh. */
static int
sup_check_silence(struct sup *s)
{
	int64_t now = worker_now_ms(), limit;
	int fresh = 1;
	size_t i;

	limit = (int64_t)s->cf->limits.worker_silence * 1000;
	for (i = 0; i < s->nw; i++) {
		struct sworker *w = &s->w[i];

		if (w->pid == 0) {
			continue;
		}
		if (now - w->last_heard > limit / 3) {
			fresh = 0;
		}
		if (now - w->last_heard > limit) {
			log_warnx("%s: no heartbeat for %lld s; killing pid %d",
			    w->name, (long long)(now - w->last_heard) / 1000,
			    (int)w->pid);
			kill(w->pid, SIGKILL);
			w->last_heard = now;	/* once; SIGCHLD follows */
		}
	}
	return fresh;
}

/* ---- systemd ---- */

/* Workers of a kind ("imap:", "modem:") and how many are connected. */
static void
sup_count(const struct sup *s, const char *prefix, size_t *n, size_t *up)
{
	size_t i;

	*n = *up = 0;
	for (i = 0; i < s->nw; i++) {
		if (strncmp(s->w[i].name, prefix, strlen(prefix)) != 0) {
			continue;
		}
		(*n)++;
		*up += s->w[i].pid != 0 &&
		    strncmp(s->w[i].status, "connected", 9) == 0;
	}
}

static void
sup_status(struct sup *s)
{
	struct store_stats st;
	struct tm tm;
	time_t t = time(NULL);
	size_t imap, imap_up, modems, modems_up;
	char modem_part[64] = "";

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	sup_count(s, "imap:", &imap, &imap_up);
	sup_count(s, "modem:", &modems, &modems_up);
	if (modems > 0) {
		snprintf(modem_part, sizeof modem_part, "; %zu/%zu modems "
		    "connected", modems_up, modems);
	}
	memset(&st, 0, sizeof st);
	if (s->st == NULL || store_stats(s->st, mktime(&tm), &st) == -1) {
		notify_status("%zu/%zu IMAP accounts connected%s; database "
		    "unavailable", imap_up, imap, modem_part);
		return;
	}
	notify_status("%zu/%zu IMAP accounts connected%s; %d cases today, "
	    "%d open; outbox %d queued, %d failed; %d quarantined", imap_up,
	    imap, modem_part, st.cases_since, st.open_cases, st.outbox_queued,
	    st.outbox_failed, st.quarantine_held);
}

static void
sup_timers(struct sup *s)
{
	int64_t now = worker_now_ms();
	int fresh = sup_check_silence(s);

	if (s->wd_usec > 0 && fresh &&
	    now - s->last_wd >= (int64_t)(s->wd_usec / 2000)) {
		notify_watchdog();
		s->last_wd = now;
	}
	if (now - s->last_status >= STATUS_EVERY_MS) {
		sup_status(s);
		s->last_status = now;
	}
}

/* ---- stopping and reloading ---- */

static void
sup_stop_workers(struct sup *s)
{
	int64_t deadline = worker_now_ms() + STOP_DEADLINE_MS;
	size_t i, alive;
	int status;
	pid_t pid;

	s->stopping = 1;
	for (i = 0; i < s->nw; i++) {
		if (s->w[i].pid != 0) {
			kill(s->w[i].pid, SIGTERM);
		}
	}
	for (;;) {
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			struct sworker *w = sup_by_pid(s, pid);

			if (w != NULL) {
				sup_exited(s, w, status);
			}
		}
		for (i = 0, alive = 0; i < s->nw; i++) {
			alive += s->w[i].pid != 0;
		}
		if (alive == 0 || worker_now_ms() >= deadline) {
			break;
		}
		poll(NULL, 0, 20);
	}
	for (i = 0; i < s->nw; i++) {
		if (s->w[i].pid != 0) {
			log_warnx("%s: did not stop in time; killing it",
			    s->w[i].name);
			kill(s->w[i].pid, SIGKILL);
			waitpid(s->w[i].pid, &status, 0);
			sup_exited(s, &s->w[i], status);
		}
	}
	s->stopping = 0;
}

/* Templates are part of what a reload must not break. */
static int
sup_check_templates(const struct conf *cf)
{
	struct tmplset *ts = NULL;
	const char *langs[8];
	char err[4096];
	size_t n;

	n = conf_languages(cf, langs, 8);
	if (tmplset_load(cf->templates_dir, langs, n, &ts, err, sizeof err)
	    == -1) {
		log_errx("templates: %s", err);
		return -1;
	}
	tmplset_free(ts);
	return 0;
}

static int
sup_open_store(struct sup *s)
{
	int created = access(s->cf->database, F_OK) == -1;

	store_close(s->st);
	s->st = NULL;
	if (store_open(s->cf->database, 5000, &s->st) == -1) {
		return -1;
	}
	store_cache_limit(s->st, WORKER_CACHE_KIB);
	if (created) {
		dbfile_adopt(s->cf->database);
	}
	return 0;
}

/*
 * One daemon per database: two would read every mailbox twice.  The lock
 * also tells complaintctl status that a daemon runs (dbfile.h).  A reload
 * naming another database takes that one's lock, then lets the old go.
 */
static int
sup_lock(struct sup *s, const char *database)
{
	char err[512];
	pid_t other;
	int fd;

	if (dbfile_lock(database, &fd, &other, err, sizeof err) == -1) {
		log_errx("%s", err);
		return -1;
	}
	if (s->lockfd != -1) {
		close(s->lockfd);
	}
	s->lockfd = fd;
	return 0;
}

static void
sup_reload(struct sup *s)
{
	struct conf_diag diag = { NULL, 0 };
	struct conf *ncf = NULL;
	size_t i;

	log_info("SIGHUP: reading %s again", s->conf_path);
	if (conf_load(s->conf_path, &ncf, &diag) == -1 ||
	    sup_check_templates(ncf) == -1) {
		for (i = 0; i < diag.n; i++) {
			log_errx("%s", diag.msgs[i]);
		}
		conf_diag_free(&diag);
		conf_free(ncf);
		log_errx("the new configuration is not valid; keeping the "
		    "running one");
		return;
	}
	conf_diag_free(&diag);
	if (strcmp(ncf->database, s->cf->database) != 0 &&
	    sup_lock(s, ncf->database) == -1) {
		conf_free(ncf);
		log_errx("keeping the running configuration");
		return;
	}
	notify_reloading();
	sup_stop_workers(s);
	conf_free(s->cf);
	s->cf = ncf;
	setenv("TZ", s->cf->timezone, 1);
	tzset();
	if (sup_open_store(s) == -1) {
		log_errx("database %s unusable after reload; workers will "
		    "retry", s->cf->database);
	}
	sup_plan(s);
	log_info("configuration reloaded: %zu worker(s)", s->nw);
	notify_ready();
}

/* ---- the loop ---- */

static int
sup_signal(struct sup *s)
{
	struct signalfd_siginfo si;

	while (read(s->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		switch (si.ssi_signo) {
		case SIGCHLD:
			sup_reap(s);
			break;
		case SIGHUP:
			sup_reload(s);
			break;
		case SIGTERM:
		case SIGINT:
			log_info("signal %d: stopping", (int)si.ssi_signo);
			return 1;
		}
	}
	return 0;
}

static void
sup_start_due(struct sup *s)
{
	int64_t now = worker_now_ms();
	size_t i;

	for (i = 0; i < s->nw; i++) {
		if (s->w[i].pid == 0 && now >= s->w[i].next_start) {
			sup_start(s, &s->w[i]);
		}
	}
}

static int
sup_loop(struct sup *s)
{
	struct pollfd *pfd = NULL;
	size_t i, n;

	for (;;) {
		sup_start_due(s);
		pfd = xreallocarray(pfd, s->nw + 1, sizeof *pfd);
		pfd[0].fd = s->sfd;
		pfd[0].events = POLLIN;
		for (i = 0, n = 1; i < s->nw; i++) {
			pfd[n].fd = s->w[i].fd;
			pfd[n].events = POLLIN;
			pfd[n].revents = 0;
			n++;
		}
		if (poll(pfd, n, 1000) == -1 && errno != EINTR) {
			fatal("poll");
		}
		for (i = 0; i < s->nw; i++) {
			if (pfd[i + 1].fd != -1 && pfd[i + 1].revents != 0 &&
			    s->w[i].fd == pfd[i + 1].fd) {
				sup_read(&s->w[i]);
			}
		}
		if ((pfd[0].revents & POLLIN) && sup_signal(s)) {
			break;
		}
		sup_timers(s);
	}
	free(pfd);
	return 0;
}

int
supervisor_run(struct conf *cf, const char *conf_path, int debug)
{
	struct sup s;
	sigset_t mask;
	struct sigaction sa;

	memset(&s, 0, sizeof s);
	s.cf = cf;
	s.conf_path = conf_path;
	s.debug = debug;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if ((s.sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) == -1) {
		fatal("signalfd");
	}
	s.lockfd = -1;
	if (sup_lock(&s, cf->database) == -1 || sup_open_store(&s) == -1) {
		log_errx("database %s is not usable", cf->database);
		if (s.lockfd != -1) {
			close(s.lockfd);
		}
		close(s.sfd);
		conf_free(s.cf);
		return EX_UNAVAILABLE;
	}
	s.wd_usec = notify_watchdog_usec();
	sup_progdir(&s);
	sup_plan(&s);
	sup_start_due(&s);
	log_info("started: %zu worker(s)%s", s.nw, s.wd_usec ?
	    ", systemd watchdog on" : "");
	notify_ready();
	sup_status(&s);
	s.last_status = s.last_wd = worker_now_ms();
	sup_loop(&s);
	notify_stopping();
	sup_stop_workers(&s);
	store_close(s.st);
	free(s.w);
	close(s.sfd);
	conf_free(s.cf);
	log_info("stopped");
	close(s.lockfd);	/* last: no daemon runs from here on */
	return 0;
}
