/*
 * pipeline_bench.c — the intake pipeline alone, without IMAP: reads every
 * file of a directory into memory, then records them through
 * pipeline_email() in transactions of BATCH messages, as the IMAP worker
 * does (with its page cache, WORKER_CACHE_KIB, or BENCH_CACHE_KIB from the
 * environment), and prints messages per second.  For profiling our own
 * CPU cost.
 *   pipeline_bench CONF DIR [BATCH]
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "conf_load.h"
#include "log.h"
#include "pipeline.h"
#include "store.h"
#include "worker.h"

int
main(int argc, char **argv)
{
	struct conf_diag diag = { NULL, 0 };
	struct conf *cf = NULL;
	struct store *st = NULL;
	struct pipeline *p = NULL;
	struct pipeline_result r;
	struct buf *msgs = NULL;
	struct dirent *de;
	struct timespec t0, t1;
	char err[4096] = "", path[4096];
	size_t n = 0, i, batch;
	DIR *d;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: pipeline_bench CONF DIR [BATCH]\n");
		return 64;
	}
	batch = argc > 3 ? (size_t)atoi(argv[3]) : 200;
	log_init(0, "bench");
	if (conf_load(argv[1], &cf, &diag) == -1) {
		fprintf(stderr, "setup failed\n");
		return 1;
	}
	/* the zone before the calendar, as every program of ours */
	setenv("TZ", cf->timezone, 1);
	tzset();
	if (store_open(cf->database, 5000, &st) == -1 ||
	    pipeline_new(cf, st, &p, err, sizeof err) == -1) {
		fprintf(stderr, "setup failed: %s\n", err);
		return 1;
	}
	store_cache_limit(st, getenv("BENCH_CACHE_KIB") != NULL ?
	    atoi(getenv("BENCH_CACHE_KIB")) : WORKER_CACHE_KIB);
	if ((d = opendir(argv[2])) == NULL) {
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		char chunk[65536];
		size_t k;

		if (de->d_name[0] == '.') {
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", argv[2], de->d_name);
		if ((f = fopen(path, "r")) == NULL) {
			continue;
		}
		msgs = realloc(msgs, (n + 1) * sizeof *msgs);
		buf_init(&msgs[n]);
		while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
			buf_add(&msgs[n], chunk, k);
		}
		fclose(f);
		n++;
	}
	closedir(d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		if (i % batch == 0 && store_begin(st) == -1) {
			return 1;
		}
		if (pipeline_email(p, "bench", "", msgs[i].data, msgs[i].len,
		    &r) == -1) {
			fprintf(stderr, "message %zu failed\n", i);
			return 1;
		}
		if ((i % batch == batch - 1 || i == n - 1) &&
		    store_commit(st) == -1) {
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%zu messages in %.2f s: %.0f msg/s\n", n,
	    (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	    n / ((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9));
	for (i = 0; i < n; i++) {
		buf_free(&msgs[i]);
	}
	free(msgs);
	pipeline_free(p);
	store_close(st);
	conf_free(cf);
	conf_diag_free(&diag);
	return 0;
}
