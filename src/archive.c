/*
 * archive.c — the archive files' format and I/O (see archive.h).
 * Encoding and decoding are pure; archive_append() and archive_read()
 * are the only functions here that touch files.  Compression is
 * zpack.h's, hashing sha256.h's.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "sha256.h"
#include "zpack.h"

static const char MAGIC[4] = { 'C', 'Z', 'A', '1' };

static void
put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		p[i] = (unsigned char)(v >> (8 * i));
	}
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		v = v << 8 | p[i];
	}
	return v;
}

static void
hex32(const unsigned char *d, char out[65])
{
	static const char x[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[64] = '\0';
}

int
archive_encode(char kind, int64_t id, const void *data, size_t len,
    struct buf *out, struct archive_ptr *p)
{
	unsigned char h[ARCHIVE_HDR];
	struct sha256 c;
	size_t at = out->len;

	memset(h, 0, sizeof h);
	memcpy(h, MAGIC, sizeof MAGIC);
	h[4] = (unsigned char)kind;
	put64(h + 8, (uint64_t)id);
	sha256_init(&c);
	sha256_update(&c, data, len);
	sha256_final(&c, h + 16);
	put64(h + 48, (uint64_t)len);
	buf_add(out, h, sizeof h);
	if (zpack(data, len, out) == -1) {
		out->len = at;
		out->data[at] = '\0';
		return -1;
	}
	put64((unsigned char *)out->data + at + 56, (uint64_t)(out->len -
	    at - ARCHIVE_HDR));
	p->offset = 0;
	p->length = (int64_t)(out->len - at);
	p->size = (int64_t)len;
	hex32(h + 16, p->sha256);
	return 0;
}

/* The header as the pointer says it is: NULL, or what differs. */
static const char *
archive_check_header(const unsigned char *h, size_t len, char kind,
    int64_t id, const struct archive_ptr *p)
{
	char hex[65];

	if (len < ARCHIVE_HDR || memcmp(h, MAGIC, sizeof MAGIC) != 0) {
		return "no archive entry there";
	}
	hex32(h + 16, hex);
	if (h[4] != (unsigned char)kind || (int64_t)get64(h + 8) != id ||
	    strcmp(hex, p->sha256) != 0) {
		return "another entry there";
	}
	if ((int64_t)get64(h + 48) != p->size ||
	    get64(h + 56) != (uint64_t)(p->length - ARCHIVE_HDR) ||
	    (uint64_t)len != (uint64_t)p->length) {
		return "the entry's length differs";
	}
	return NULL;
}

int
archive_decode(const void *in, size_t len, char kind, int64_t id,
    const struct archive_ptr *p, struct buf *out, char *err, size_t errlen)
{
	const char *why;
	char hex[65];
	size_t at = out->len;

	if ((why = archive_check_header(in, len, kind, id, p)) != NULL) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (zunpack((const char *)in + ARCHIVE_HDR, len - ARCHIVE_HDR,
	    out) == -1) {
		snprintf(err, errlen, "the entry does not unpack");
		return -1;
	}
	sha256_hex(out->data + at, out->len - at, hex);
	if (out->len - at != (size_t)p->size || strcmp(hex, p->sha256) != 0) {
		out->len = at;
		out->data[at] = '\0';
		snprintf(err, errlen, "the entry's SHA-256 does not match");
		return -1;
	}
	return 0;
}

void
archive_file_name(int64_t t, char out[ARCHIVE_FILE_MAX])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	snprintf(out, ARCHIVE_FILE_MAX, "%04d-%02d.cza", tm.tm_year + 1900,
	    tm.tm_mon + 1);
}

/* dir made if missing, and synced when it was (the new name lasts). */
static int
archive_dir_open(const char *dir, char *err, size_t errlen)
{
	int fd;

	if (mkdir(dir, 0750) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
	}
	return fd;
}

static int
archive_write_all(int fd, const void *p, size_t len)
{
	const char *c = p;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, c, len)) == -1) {
			if (errno == EINTR) {
				continue;
			}
			return -1;
		}
		c += n;
		len -= (size_t)n;
	}
	return 0;
}

int
archive_append(const char *dir, const char *file, const void *entries,
    size_t len, int64_t *offset, char *err, size_t errlen)
{
	char path[4096];
	off_t end;
	int dfd, fd = -1, rc = -1;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	if ((dfd = archive_dir_open(dir, err, errlen)) == -1) {
		return -1;
	}
	if ((fd = openat(dfd, file, O_WRONLY | O_CREAT | O_CLOEXEC, 0640)) ==
	    -1 || flock(fd, LOCK_EX) == -1 ||
	    (end = lseek(fd, 0, SEEK_END)) == -1 ||
	    archive_write_all(fd, entries, len) == -1 || fsync(fd) == -1 ||
	    fsync(dfd) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	*offset = (int64_t)end;
	rc = 0;
out:
	if (fd != -1) {
		close(fd);
	}
	close(dfd);
	return rc;
}

int
archive_read(const char *dir, const struct archive_ptr *p, char kind,
    int64_t id, struct buf *out, char *err, size_t errlen)
{
	char path[4096], why[256];
	struct buf in;
	ssize_t n = -1;
	int fd, rc = -1;

	snprintf(path, sizeof path, "%s/%s", dir ? dir : "(no archive_dir)",
	    p->file);
	buf_init(&in);
	if (p->length < ARCHIVE_HDR || p->length > ZPACK_MAX + 4096) {
		snprintf(err, errlen, "archive %s: a bad pointer", path);
		goto out;
	}
	if (dir == NULL || (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "archive %s: %s", path, dir == NULL ?
		    "retention.archive_dir is not set" : strerror(errno));
		goto out;
	}
	buf_reserve(&in, (size_t)p->length);
	n = pread(fd, in.data, (size_t)p->length, (off_t)p->offset);
	close(fd);
	if (n < 0) {
		snprintf(err, errlen, "archive %s: %s", path, strerror(errno));
		goto out;
	}
	if (archive_decode(in.data, (size_t)n, kind, id, p, out, why,
	    sizeof why) == -1) {
		snprintf(err, errlen, "archive %s at %" PRId64 ": %s", path,
		    p->offset, why);
		goto out;
	}
	rc = 0;
out:
	buf_free(&in);
	return rc;
}
