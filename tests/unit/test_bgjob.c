/*
 * test_bgjob.c — the second thread (bgjob.c): a job's result comes back
 * through bgjob_wait(); bgjob_wait_progress() returns once the job has
 * come far enough, while it still runs, and at once when it has finished
 * or nothing is pending.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#include "bgjob.h"
#include "t.h"

struct job {
	struct bgjob	*bg;
	sem_t		 go;		/* the test lets the job finish */
	int		 finished;
};

/* Reports progress 1..5, then waits for the test, then returns 42. */
static int
job_run(void *arg)
{
	struct job *j = arg;
	unsigned long i;

	for (i = 1; i <= 5; i++) {
		bgjob_progress(j->bg, i);
	}
	sem_wait(&j->go);
	__atomic_store_n(&j->finished, 1, __ATOMIC_SEQ_CST);
	return 42;
}

static int
job_quick(void *arg)
{
	(void)arg;
	return -1;
}

int
main(void)
{
	struct job j = { 0 };

	j.bg = bgjob_new();
	if (!T_OK(j.bg != NULL, "the thread starts")) {
		return t_done();
	}
	sem_init(&j.go, 0, 0);
	bgjob_wait_progress(j.bg, 3, NULL, NULL);
	T_OK(1, "nothing pending: wait_progress returns");
	bgjob_run(j.bg, job_run, &j);
	bgjob_wait_progress(j.bg, 5, NULL, NULL);
	T_INT(__atomic_load_n(&j.finished, __ATOMIC_SEQ_CST), 0,
	    "wait_progress(5) returns while the job still runs");
	T_INT(bgjob_pending(j.bg), 1, "... and the job is still pending");
	sem_post(&j.go);
	T_INT(bgjob_wait(j.bg, NULL, NULL), 42, "bgjob_wait: the job's result");
	T_INT(j.finished, 1, "... once it has finished");
	T_INT(bgjob_pending(j.bg), 0, "nothing pending after the wait");

	bgjob_run(j.bg, job_quick, NULL);
	bgjob_wait_progress(j.bg, 1000, NULL, NULL);
	T_OK(1, "wait_progress returns when the job ends short of n");
	T_INT(bgjob_wait(j.bg, NULL, NULL), -1, "its result");
	bgjob_free(j.bg);
	sem_destroy(&j.go);
	return t_done();
}
