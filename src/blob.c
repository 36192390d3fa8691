/*
 * blob.c — content-addressed attachment files (see blob.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blob.h"
#include "log.h"
#include "rnd.h"
#include "xmalloc.h"

char *
blob_path(const char *state_dir, const char *sha)
{
	return xasprintf("%s/attachments/%.2s/%s", state_dir, sha, sha);
}

static int
blob_mkdir(const char *path)
{
	if (mkdir(path, 0750) == -1 && errno != EEXIST) {
		log_warn("attachments: mkdir %s", path);
		return -1;
	}
	return 0;
}

static int
blob_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd == -1) {
		return -1;
	}
	if (fsync(fd) == -1) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static int
blob_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t w;

	while (len > 0) {
		w = write(fd, p, len);
		if (w == -1 && errno == EINTR) {
			continue;
		}
		if (w == -1) {
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int
blob_save(const char *state_dir, const void *data, size_t len,
    const char *sha)
{
	char *top = NULL, *dir = NULL, *path = NULL, *tmp = NULL, rnd[17];
	struct stat sb;
	int fd = -1, rc = -1, saved;

	top = xasprintf("%s/attachments", state_dir);
	dir = xasprintf("%s/%.2s", top, sha);
	path = blob_path(state_dir, sha);
	if (stat(path, &sb) == 0 && (size_t)sb.st_size == len) {
		rc = 0;			/* the same content is stored once */
		goto out;
	}
	if (blob_mkdir(top) == -1 || blob_mkdir(dir) == -1) {
		goto out;
	}
	rnd_hex(rnd, 8);
	tmp = xasprintf("%s/.tmp-%s", dir, rnd);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd == -1 || blob_write_all(fd, data, len) == -1 ||
	    fsync(fd) == -1) {
		saved = errno;
		log_warn("attachments: writing %s", tmp);
		if (fd != -1) {
			close(fd);
		}
		unlink(tmp);
		errno = saved;
		goto out;
	}
	if (close(fd) == -1) {
		saved = errno;
		log_warn("attachments: writing %s", tmp);
		unlink(tmp);
		errno = saved;
		goto out;
	}
	if (rename(tmp, path) == -1 || blob_fsync_dir(dir) == -1) {
		saved = errno;
		log_warn("attachments: storing %s", path);
		unlink(tmp);
		errno = saved;
		goto out;
	}
	rc = 0;
out:
	saved = errno;
	free(top);
	free(dir);
	free(path);
	free(tmp);
	errno = saved;
	return rc;
}
