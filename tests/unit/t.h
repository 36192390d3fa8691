/*
 * t.h — the unit tests' tiny TAP harness.  Each check prints "ok N - what" or
 * "not ok N - what" with the file and line; t_done() prints the plan and
 * returns the exit status.  No framework, no globals beyond this file's.
 */
#ifndef T_H
#define T_H

#include <stdio.h>
#include <string.h>

static int t_n, t_failed;

static inline int
t_check(int cond, const char *file, int line, const char *what)
{
	t_n++;
	if (cond) {
		printf("ok %d - %s\n", t_n, what);
	} else {
		t_failed++;
		printf("not ok %d - %s (%s:%d)\n", t_n, what, file, line);
	}
	return cond;
}

#define T_OK(cond, what) t_check(!!(cond), __FILE__, __LINE__, (what))

#define T_STR(got, want, what) do {					\
	const char *t_g_ = (got), *t_w_ = (want);			\
	if (!t_check(t_g_ != NULL && t_w_ != NULL ? strcmp(t_g_, t_w_) == 0 \
	    : t_g_ == t_w_, __FILE__, __LINE__, (what)))		\
		printf("#   got:  [%s]\n#   want: [%s]\n",		\
		    t_g_ ? t_g_ : "(null)", t_w_ ? t_w_ : "(null)");	\
} while (0)

#define T_INT(got, want, what) do {					\
	long long t_g_ = (long long)(got), t_w_ = (long long)(want);	\
	if (!t_check(t_g_ == t_w_, __FILE__, __LINE__, (what)))	\
		printf("#   got:  %lld\n#   want: %lld\n", t_g_, t_w_);	\
} while (0)

#define T_CONTAINS(hay, needle, what) do {				\
	const char *t_h_ = (hay), *t_nd_ = (needle);			\
	if (!t_check(t_h_ != NULL && strstr(t_h_, t_nd_) != NULL,	\
	    __FILE__, __LINE__, (what)))				\
		printf("#   in:   [%s]\n#   want: [%s]\n",		\
		    t_h_ ? t_h_ : "(null)", t_nd_);			\
} while (0)

static inline int
t_done(void)
{
	printf("1..%d\n", t_n);
	return t_failed == 0 ? 0 : 1;
}

#endif
