/*
 * wake.c — inotify on the database's write-ahead log and on the dummy
 * modem's inbox (see wake.h).  Owns the inotify descriptors; knows
 * nothing of SQL (the name of the log is SQLite's documented "-wal"
 * suffix) nor of gammu (the inbox is the directory the caller names).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "log.h"
#include "wake.h"

/* The directory and the log's name in it, from the database's path. */
static void
wake_paths(const char *database, char *dir, size_t dirlen, char *name,
    size_t namelen)
{
	const char *slash = strrchr(database, '/');

	if (slash == NULL) {
		snprintf(dir, dirlen, ".");
		snprintf(name, namelen, "%s-wal", database);
	} else {
		snprintf(dir, dirlen, "%.*s", slash == database ? 1 :
		    (int)(slash - database), database);
		snprintf(name, namelen, "%s-wal", slash + 1);
	}
}

int
wake_open(const char *database)
{
	char dir[PATH_MAX], name[NAME_MAX + 1];
	int fd;

	wake_paths(database, dir, sizeof dir, name, sizeof name);
	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		log_warn("wake-up: inotify");
		return -1;
	}
	if (inotify_add_watch(fd, dir, IN_MODIFY | IN_CREATE | IN_MOVED_TO)
	    == -1) {
		log_warn("wake-up: watching %s", dir);
		close(fd);
		return -1;
	}
	return fd;
}

int
wake_drain(int fd, const char *database)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct
	    inotify_event))));
	char dir[PATH_MAX], name[NAME_MAX + 1];
	const struct inotify_event *ev;
	ssize_t n, off;
	int hit = 0;

	wake_paths(database, dir, sizeof dir, name, sizeof name);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (off = 0; off < n; off += (ssize_t)sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)(buf + off);
			hit |= ev->len > 0 && strcmp(ev->name, name) == 0;
		}
	}
	return hit;
}

int
wake_open_dir(const char *dir)
{
	int fd;

	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		log_warn("wake-up: inotify");
		return -1;
	}
	if (inotify_add_watch(fd, dir, IN_CREATE | IN_MOVED_TO |
	    IN_CLOSE_WRITE) == -1) {
		log_warn("wake-up: watching %s", dir);
		close(fd);
		return -1;
	}
	return fd;
}

int
wake_drain_any(int fd)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct
	    inotify_event))));
	int hit = 0;

	while (read(fd, buf, sizeof buf) > 0) {
		hit = 1;
	}
	return hit;
}

void
wake_close(int fd)
{
	if (fd != -1) {
		close(fd);
	}
}
