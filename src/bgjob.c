/*
 * bgjob.c — one job at a time on a second thread (see bgjob.h).  A mutex
 * and a condition guard the hand-over: the caller sets the job and
 * signals; the thread runs it, sets the result and signals back.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "bgjob.h"
#include "xmalloc.h"

struct bgjob {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		(*fn)(void *);
	void		*arg;
	int		 pending;	/* handed over, not yet collected */
	int		 done;		/* ... and finished */
	int		 result;
	unsigned long	 progress;	/* set by the job: bgjob_progress */
	int		 quit;
};

static void *
bgjob_main(void *p)
{
	struct bgjob *j = p;
	int r;

	pthread_mutex_lock(&j->mu);
	for (;;) {
		while (!j->quit && (!j->pending || j->done)) {
			pthread_cond_wait(&j->cv, &j->mu);
		}
		if (j->quit) {
			break;
		}
		pthread_mutex_unlock(&j->mu);
		r = j->fn(j->arg);
		pthread_mutex_lock(&j->mu);
		j->result = r;
		j->done = 1;
		pthread_cond_broadcast(&j->cv);
	}
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

struct bgjob *
bgjob_new(void)
{
	struct bgjob *j = xcalloc(1, sizeof *j);
	sigset_t all, old;
	int rc;

	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&j->thread, NULL, bgjob_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&j->cv);
		pthread_mutex_destroy(&j->mu);
		free(j);
		return NULL;
	}
	return j;
}

void
bgjob_run(struct bgjob *j, int (*fn)(void *), void *arg)
{
	pthread_mutex_lock(&j->mu);
	j->fn = fn;
	j->arg = arg;
	j->done = 0;
	j->progress = 0;
	j->pending = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

int
bgjob_pending(const struct bgjob *j)
{
	return j != NULL && j->pending;
}

void
bgjob_progress(struct bgjob *j, unsigned long n)
{
	pthread_mutex_lock(&j->mu);
	j->progress = n;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

/* With j->mu held: wait until the job is done or has come n far (n 0:
 * done only), ticking about once a second. */
static void
bgjob_await(struct bgjob *j, unsigned long n, void (*tick)(void *),
    void *arg)
{
	struct timespec until;

	while (!j->done && (n == 0 || j->progress < n)) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		if (pthread_cond_timedwait(&j->cv, &j->mu, &until) ==
		    ETIMEDOUT && !j->done && tick != NULL) {
			pthread_mutex_unlock(&j->mu);
			tick(arg);
			pthread_mutex_lock(&j->mu);
		}
	}
}

void
bgjob_wait_progress(struct bgjob *j, unsigned long n, void (*tick)(void *),
    void *arg)
{
	if (!bgjob_pending(j) || n == 0) {
		return;
	}
	pthread_mutex_lock(&j->mu);
	bgjob_await(j, n, tick, arg);
	pthread_mutex_unlock(&j->mu);
}

int
bgjob_wait(struct bgjob *j, void (*tick)(void *), void *arg)
{
	int r;

	if (!bgjob_pending(j)) {
		return 0;
	}
	pthread_mutex_lock(&j->mu);
	bgjob_await(j, 0, tick, arg);
	j->pending = 0;
	r = j->result;
	pthread_mutex_unlock(&j->mu);
	return r;
}

void
bgjob_free(struct bgjob *j)
{
	if (j == NULL) {
		return;
	}
	bgjob_wait(j, NULL, NULL);
	pthread_mutex_lock(&j->mu);
	j->quit = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	pthread_join(j->thread, NULL);
	pthread_cond_destroy(&j->cv);
	pthread_mutex_destroy(&j->mu);
	free(j);
}
