/*
 * xmalloc.h — allocation that cannot fail.  On exhaustion these log and exit
 * (EX_OSERR): a daemon without memory cannot keep its promises anyway, and
 * every caller is spared a branch.  free() what they return.
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);		/* xstrdup(NULL) returns NULL */
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 xfree_strv(char **, size_t);	/* frees each element, then the array */

#endif
