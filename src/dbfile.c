/*
 * dbfile.c — the database's files as files (see dbfile.h).
 *
 * Rules kept here:
 *  - SQLite is not used here: the database is never opened, only its
 *    files stat'ed, chown'ed and (PATH-daemon) locked.
 *  - A check for another user reads owner, group and mode bits: what
 *    complaintd -t can tell as root without becoming that user.
 *  - The daemon's lock is a POSIX lock: a reader tests it with F_GETLK,
 *    which takes nothing, so a `complaintctl status` never keeps a daemon
 *    from starting.  The supervisor opens the file once and never closes
 *    it (closing any descriptor of the file would drop the lock).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbfile.h"
#include "log.h"

static const char *const dbfile_suffixes[] = { "", "-wal", "-shm",
    "-daemon" };
#define NSUFFIXES (sizeof dbfile_suffixes / sizeof dbfile_suffixes[0])

#define DBFILE_MAXGROUPS	64

/* Who a check is for: ourselves (name NULL) or a named user. */
struct dbfile_who {
	const char	*name;
	uid_t		 uid;
	gid_t		 groups[DBFILE_MAXGROUPS];
	int		 ngroups;
};

static void
dbfile_say(char *err, size_t errlen, const char *fmt, ...)
{
	size_t len = strlen(err);
	va_list ap;

	if (len > 0 && len + 1 < errlen) {
		err[len++] = '\n';
		err[len] = '\0';
	}
	va_start(ap, fmt);
	vsnprintf(err + len, errlen - len, fmt, ap);
	va_end(ap);
}

static void
dbfile_dirname(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		snprintf(dir, n, ".");
	} else if (slash == path) {
		snprintf(dir, n, "/");
	} else {
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
	}
}

static int
dbfile_who_get(const char *user, struct dbfile_who *w, char *err,
    size_t errlen)
{
	struct passwd *pw;

	memset(w, 0, sizeof *w);
	if (user == NULL) {
		return 0;
	}
	if ((pw = getpwnam(user)) == NULL) {
		dbfile_say(err, errlen, "there is no user '%s'", user);
		return -1;
	}
	w->name = user;
	w->uid = pw->pw_uid;
	w->ngroups = DBFILE_MAXGROUPS;
	if (getgrouplist(user, pw->pw_gid, w->groups, &w->ngroups) == -1) {
		w->ngroups = DBFILE_MAXGROUPS;	/* the first ones will do */
	}
	return 0;
}

/* May w have want (R_OK | W_OK | X_OK) on the file at path (stat sb)? */
static int
dbfile_can(const struct dbfile_who *w, const char *path,
    const struct stat *sb, int want)
{
	int shift = 0, i;

	if (w->name == NULL) {
		return faccessat(AT_FDCWD, path, want, AT_EACCESS) == 0;
	}
	if (w->uid == 0) {
		return 1;
	}
	if (sb->st_uid == w->uid) {
		shift = 6;
	} else {
		for (i = 0; i < w->ngroups; i++) {
			if (sb->st_gid == w->groups[i]) {
				shift = 3;
			}
		}
	}
	return (int)((sb->st_mode >> shift) & (unsigned)want) == want;
}

/* "owned by complaintd:complaintd, mode 0640" */
static void
dbfile_describe(const struct stat *sb, char *out, size_t n)
{
	struct passwd *pw = getpwuid(sb->st_uid);
	struct group *gr = getgrgid(sb->st_gid);
	char u[32], g[32];

	snprintf(u, sizeof u, "%u", (unsigned)sb->st_uid);
	snprintf(g, sizeof g, "%u", (unsigned)sb->st_gid);
	snprintf(out, n, "owned by %s:%s, mode %04o", pw ? pw->pw_name : u,
	    gr ? gr->gr_name : g, (unsigned)(sb->st_mode & 07777));
}

static void
dbfile_who_name(const struct dbfile_who *w, char *out, size_t n)
{
	struct passwd *pw;

	if (w->name != NULL) {
		snprintf(out, n, "user %s", w->name);
		return;
	}
	pw = getpwuid(geteuid());
	snprintf(out, n, "this user (%s)", pw ? pw->pw_name : "?");
}

/* Search permission on every directory from the root down to dir. */
static int
dbfile_check_path(const struct dbfile_who *w, const char *dir, char *err,
    size_t errlen)
{
	char part[PATH_MAX], who[64], desc[96];
	struct stat sb;
	size_t i, len = strlen(dir);

	dbfile_who_name(w, who, sizeof who);
	for (i = 1; i <= len && i < sizeof part; i++) {
		if (dir[i] != '/' && dir[i] != '\0') {
			continue;
		}
		snprintf(part, sizeof part, "%.*s", (int)i, dir);
		if (stat(part, &sb) == 0 && !dbfile_can(w, part, &sb, X_OK)) {
			dbfile_describe(&sb, desc, sizeof desc);
			dbfile_say(err, errlen, "%s (%s): %s cannot enter it",
			    part, desc, who);
			return 0;
		}
	}
	return 1;
}

static int
dbfile_check_dir(const struct dbfile_who *w, const char *dir, char *err,
    size_t errlen)
{
	char who[64], desc[96];
	struct stat sb;

	if (stat(dir, &sb) == -1) {
		if (errno == ENOENT && strcmp(dir, DBFILE_STATEDIR) == 0) {
			return 1;	/* the unit's StateDirectory= makes it */
		}
		dbfile_say(err, errlen, "database directory %s: %s", dir,
		    strerror(errno));
		return 0;
	}
	if (!dbfile_check_path(w, dir, err, errlen)) {
		return 0;
	}
	if (!dbfile_can(w, dir, &sb, W_OK | X_OK)) {
		dbfile_who_name(w, who, sizeof who);
		dbfile_describe(&sb, desc, sizeof desc);
		dbfile_say(err, errlen, "database directory %s (%s): %s cannot "
		    "create files in it (SQLite keeps its -wal and -shm files "
		    "there)", dir, desc, who);
		return 0;
	}
	return 1;
}

int
dbfile_check_writable(const char *path, const char *user, char *err,
    size_t errlen)
{
	char dir[PATH_MAX], f[PATH_MAX + 16], who[64], desc[96];
	struct dbfile_who w;
	struct stat sb;
	size_t i;
	int ok;

	err[0] = '\0';
	if (dbfile_who_get(user, &w, err, errlen) == -1) {
		return -1;
	}
	dbfile_who_name(&w, who, sizeof who);
	dbfile_dirname(path, dir, sizeof dir);
	ok = dbfile_check_dir(&w, dir, err, errlen);
	for (i = 0; i < NSUFFIXES; i++) {
		snprintf(f, sizeof f, "%s%s", path, dbfile_suffixes[i]);
		if (lstat(f, &sb) == -1) {
			continue;
		}
		if (!S_ISREG(sb.st_mode) ||
		    !dbfile_can(&w, f, &sb, R_OK | W_OK)) {
			dbfile_describe(&sb, desc, sizeof desc);
			dbfile_say(err, errlen, "%s (%s): %s cannot write it",
			    f, desc, who);
			ok = 0;
		}
	}
	return ok;
}

int
dbfile_adopt(const char *path)
{
	char dir[PATH_MAX], f[PATH_MAX + 16];
	struct stat d;
	size_t i;
	int rc = 0;

	if (geteuid() != 0) {
		return 0;
	}
	dbfile_dirname(path, dir, sizeof dir);
	if (stat(dir, &d) == -1) {
		log_warn("%s", dir);
		return -1;
	}
	if (d.st_uid == 0) {
		return 0;
	}
	for (i = 0; i < NSUFFIXES; i++) {
		snprintf(f, sizeof f, "%s%s", path, dbfile_suffixes[i]);
		if (lchown(f, d.st_uid, d.st_gid) == -1 && errno != ENOENT) {
			log_warn("%s: cannot give it to uid %u", f,
			    (unsigned)d.st_uid);
			rc = -1;
		}
	}
	log_info("created %s as root: given to the owner of %s (uid %u)",
	    path, dir, (unsigned)d.st_uid);
	return rc;
}

/* "PID START\n" from the lock file; 0s when unreadable. */
static void
dbfile_read_lock(int fd, pid_t *pid, time_t *since)
{
	char buf[64];
	long long p = 0, s = 0;
	ssize_t n;

	*pid = 0;
	*since = 0;
	n = pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0) {
		return;
	}
	buf[n] = '\0';
	if (sscanf(buf, "%lld %lld", &p, &s) == 2 && p > 0 && s > 0) {
		*pid = (pid_t)p;
		*since = (time_t)s;
	}
}

/* As root, the lock file belongs to whoever owns the directory. */
static void
dbfile_lock_owner(int fd, const char *path)
{
	char dir[PATH_MAX];
	struct stat d;

	dbfile_dirname(path, dir, sizeof dir);
	if (geteuid() == 0 && stat(dir, &d) == 0 && d.st_uid != 0 &&
	    fchown(fd, d.st_uid, d.st_gid) == -1) {
		log_warn("%s-daemon: chown", path);
	}
}

int
dbfile_lock(const char *path, int *fd, pid_t *other, char *err,
    size_t errlen)
{
	char f[PATH_MAX + 16], line[64];
	struct flock fl;
	time_t since;
	int n;

	*other = 0;
	snprintf(f, sizeof f, "%s-daemon", path);
	*fd = open(f, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (*fd == -1) {
		snprintf(err, errlen, "%s: %s", f, strerror(errno));
		return -1;
	}
	dbfile_lock_owner(*fd, path);
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(*fd, F_SETLK, &fl) == -1) {
		dbfile_read_lock(*fd, other, &since);
		snprintf(err, errlen, "another complaintd (pid %ld) is running "
		    "on %s (it holds %s)", (long)*other, path, f);
		close(*fd);
		*fd = -1;
		return -1;
	}
	n = snprintf(line, sizeof line, "%ld %lld\n", (long)getpid(),
	    (long long)time(NULL));
	if (ftruncate(*fd, 0) == -1 || pwrite(*fd, line, (size_t)n, 0) != n) {
		log_warn("%s: cannot record the pid", f);
	}
	return 0;
}

int
dbfile_daemon(const char *path, pid_t *pid, time_t *since, char *err,
    size_t errlen)
{
	char f[PATH_MAX + 16];
	struct flock fl;
	int fd, rc;

	*pid = 0;
	*since = 0;
	snprintf(f, sizeof f, "%s-daemon", path);
	if ((fd = open(f, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		if (errno == ENOENT) {
			return 0;	/* never ran on this database */
		}
		snprintf(err, errlen, "%s: %s", f, strerror(errno));
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_GETLK, &fl) == -1) {
		snprintf(err, errlen, "%s: %s", f, strerror(errno));
		rc = -1;
	} else if (fl.l_type == F_UNLCK) {
		rc = 0;
	} else {
		dbfile_read_lock(fd, pid, since);
		rc = 1;
	}
	close(fd);
	return rc;
}
