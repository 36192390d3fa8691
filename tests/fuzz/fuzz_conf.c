/*
 * fuzz_conf.c — libFuzzer target for the configuration reader: arbitrary
 * bytes written to a file and read with conf_load(), as `complaintd -t`
 * does.  Every problem must come back as "FILE:LINE: message" (or
 * "FILE: message"), and a configuration that loads must have what every
 * worker relies on.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_load.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char path[64];

static void
written(const uint8_t *d, size_t n)
{
	FILE *f;

	if (path[0] == '\0') {
		snprintf(path, sizeof path, "/tmp/fuzz_conf.%ld.conf",
		    (long)getpid());
	}
	if ((f = fopen(path, "w")) == NULL) {
		abort();
	}
	if (n > 0 && fwrite(d, 1, n, f) != n) {
		abort();
	}
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct conf_diag diag = { NULL, 0 };
	struct conf *cf = NULL;
	size_t i, plen;

	written(d, n);
	plen = strlen(path);
	if (conf_load(path, &cf, &diag) == 0) {
		if (cf == NULL || cf->database == NULL || cf->language == NULL ||
		    cf->default_category == NULL || cf->nofficers == 0 ||
		    cf->ncategories == 0) {
			abort();
		}
		conf_free(cf);
	} else {
		if (diag.n == 0) {
			abort();	/* refused without saying why */
		}
		for (i = 0; i < diag.n; i++) {
			if (strncmp(diag.msgs[i], path, plen) != 0 ||
			    diag.msgs[i][plen] != ':') {
				abort();
			}
		}
	}
	conf_diag_free(&diag);
	return 0;
}
