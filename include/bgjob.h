/*
 * bgjob.h — one job at a time on a second thread, so that a worker can
 * do its own I/O while the job runs (the IMAP worker fetches the next
 * batch while the previous one is recorded and committed).
 *
 * Contract: bgjob_run() only when no job is pending (after bgjob_wait());
 * the job must not touch what the caller uses meanwhile — that is the
 * caller's division of labour, not a lock's.  The thread takes no
 * signals (they reach the caller's thread).  bgjob_wait() calls tick(arg)
 * about once a second while it waits (a heartbeat) and returns the job's
 * result; with no job pending it returns 0.
 */
#ifndef BGJOB_H
#define BGJOB_H

struct bgjob;

/* NULL when the thread cannot be started (then do the work inline). */
struct bgjob	*bgjob_new(void);
void		 bgjob_run(struct bgjob *, int (*fn)(void *), void *arg);
int		 bgjob_pending(const struct bgjob *);
int		 bgjob_wait(struct bgjob *, void (*tick)(void *), void *arg);
/* The job says how far it has come (a count it defines, from 0 at each
 * bgjob_run); the caller waits until it has come at least n far, or has
 * finished (ticking as bgjob_wait does).  Nothing pending: returns. */
void		 bgjob_progress(struct bgjob *, unsigned long n);
void		 bgjob_wait_progress(struct bgjob *, unsigned long n,
		    void (*tick)(void *), void *arg);
/* Waits for a pending job, ends the thread; NULL is fine. */
void		 bgjob_free(struct bgjob *);

#endif
