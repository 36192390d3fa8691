/*
 * dbfile.h — the database's files as files (dbfile.c): who owns them, who
 * may write them, and the running daemon's lock beside them.  SQLite
 * itself stays in store*.c; this module only stats, chowns and locks.
 *
 * Files next to the database PATH: PATH-wal and PATH-shm (SQLite's, while
 * it is open) and PATH-daemon, the supervisor's lock: a POSIX write lock
 * held for as long as the daemon runs, on a file holding "PID START\n"
 * (START in Unix seconds).  Whoever can read the file can tell whether a
 * daemon runs (F_GETLK), without /proc and without taking the lock.
 */
#ifndef DBFILE_H
#define DBFILE_H

#include <sys/types.h>

#include <stddef.h>
#include <time.h>

/* Where the unit's StateDirectory= is: systemd creates it on start. */
#define DBFILE_STATEDIR	"/var/lib/complaintd"

/*
 * Root just created the database at path (and its -wal/-shm): give the
 * files to the owner of their directory, so that the daemon's user —
 * who owns the state directory — can write them.  Does nothing when not
 * root or when the directory belongs to root.  0, or -1 (logged).
 */
int	dbfile_adopt(const char *path);

/*
 * Can user write the database at path: the database, its -wal, -shm and
 * -daemon files (those that exist) and its directory (SQLite creates the
 * -wal and -shm there)?  user NULL: the user running this, tested with
 * access(2).  A named user: tested against owner, group (with the user's
 * supplementary groups) and mode bits of each file and of every directory
 * on the way (ACLs are not read).  A missing database is fine; a missing
 * directory too when it is DBFILE_STATEDIR.  1 yes; 0 with every problem
 * in err, one per line; -1 when user does not exist (err says so).
 */
int	dbfile_check_writable(const char *path, const char *user, char *err,
	    size_t errlen);

/*
 * The supervisor: take PATH-daemon's lock and write our pid and start
 * time.  The lock is held until the process exits (*fd is close-on-exec;
 * never close it).  0; -1 with err filled when another daemon holds it
 * (its pid in *other) or the file cannot be used (*other 0).
 */
int	dbfile_lock(const char *path, int *fd, pid_t *other, char *err,
	    size_t errlen);

/*
 * Does a daemon run on the database at path?  1 yes (*pid, *since from
 * the file, 0 when unreadable), 0 no (or never ran), -1 cannot tell (err
 * says why: the file is not readable by this user...).
 */
int	dbfile_daemon(const char *path, pid_t *pid, time_t *since, char *err,
	    size_t errlen);

#endif
