/*
 * worker.h — what a worker process is given and what it owes the
 * supervisor.
 *
 * The supervisor forks one worker per source (IMAP account, modem) plus the
 * dispatch worker.  A worker is a plain loop of blocking calls, each
 * bounded by a timeout, with its own database handle.  It must:
 *  - call worker_beat() at least every few seconds and before each
 *    blocking call (the supervisor kills and restarts a worker it has not
 *    heard from, see supervisor.h);
 *  - say what state it is in with worker_status() when it changes
 *    ("connected", "error: login failed, retry in 30 s");
 *  - check worker_stopping() between units of work and return once it is
 *    set (SIGTERM): finish the message in hand, never start another;
 *  - never log passwords or message bodies.
 * SIGTERM interrupts blocking system calls (EINTR) so a worker waiting in
 * IDLE or a sleep notices at once.  SIGPIPE and SIGXFSZ are ignored (a
 * file size limit is a write error, like a full disk).
 *
 * Each kind of worker is its own program (complaintd-imap,
 * complaintd-dispatch, complaintd-modem), linked only with the libraries
 * it needs; the supervisor forks and executes it:
 *   PROGRAM -c FILE -n NAME -p SUPERVISOR_PID -g DIGEST [-d]
 * with the heartbeat pipe on file descriptor WORKER_BEAT_FD.  The program
 * reads the configuration itself; DIGEST is the one the supervisor
 * validated, so a file edited since the last reload is noticed and said.
 */
#ifndef WORKER_H
#define WORKER_H

#include "conf.h"

#include <sys/types.h>

#include <stdint.h>

#define WORKER_BEAT_FD	3
/* SQLite's page cache of each daemon process, in KiB (store_cache_limit;
 * SQLite's default is 2 MB).  An IMAP unit writes more pages than either
 * holds, and with 1 MB pipeline_bench used no more CPU (6.35 against
 * 6.86-7.1 s task-clock for 10,000 messages, interleaved); without the
 * limit each long-running process's cache fills to 2 MB in time. */
#define WORKER_CACHE_KIB	1024

struct worker_ctx {
	const struct conf	*cf;
	const char		*name;		/* "imap:pengaduan", "dispatch" */
	const void		*arg;		/* the worker's conf_imap, ... */
	int			 beat_fd;	/* to the supervisor */
	pid_t			 supervisor;	/* 0: not known */
};

/* A worker's main function: returns its exit status (0 when stopped,
 * EX_CONFIG when it cannot run with this configuration, ...). */
typedef int (*worker_main_fn)(struct worker_ctx *);

void	worker_beat(struct worker_ctx *);
void	worker_status(struct worker_ctx *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	worker_stopping(void);

/*
 * Sleep up to ms milliseconds, beating every second; returns early (1)
 * when the worker is asked to stop, else 0.
 */
int	worker_sleep(struct worker_ctx *, int ms);
/* worker_sleep that also ends when fd (-1: none) becomes readable: 2. */
int	worker_wait(struct worker_ctx *, int fd, int ms);

/* The main() of a worker program (see above): kind is "imap", "modem"
 * or "dispatch"; the configuration entry named NAME is the ctx's arg. */
void	worker_program(int argc, char **argv, const char *kind,
	    worker_main_fn fn) __attribute__((noreturn));

/*
 * Milliseconds on the monotonic clock, for timeouts and intervals (not a
 * date: only differences mean something; a change of the system time does
 * not move it).  For the supervisor and every worker.
 */
int64_t	worker_now_ms(void);

/* Capped exponential backoff: 0 -> first, then doubling up to max. */
int	worker_backoff(int current, int first, int max);

#endif
