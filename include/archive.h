/*
 * archive.h — the archive files of retention (conf.h struct
 * conf_retention): bytes moved out of the database, compressed, in
 * append-only files under archive_dir, one per month of closing
 * ("YYYY-MM.cza").  This module owns the file format and the files'
 * I/O; what is archived and when is archive_run.c's.
 *
 * An entry: a 64-byte header, then the bytes packed by zpack.h.
 *   0  "CZA1"
 *   4  kind: 'M' a message's raw bytes, 'A' an attachment's data
 *   5  three zero bytes
 *   8  the message's id (0 for an attachment), 8 bytes little-endian
 *  16  SHA-256 of the original bytes (32 bytes)
 *  48  the original length, 8 bytes little-endian
 *  56  the packed length that follows, 8 bytes little-endian
 * The database keeps where each entry is (struct archive_ptr); reading
 * checks the header against it and the hash of what unpacks, so a
 * missing, truncated or altered file is an error naming it, never other
 * bytes.  An entry written twice (a crash after the write, before the
 * database recorded it) is harmless: the database points at one.
 */
#ifndef ARCHIVE_H
#define ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define ARCHIVE_HDR	64
#define ARCHIVE_FILE_MAX 32

/* Where an entry is: file (a name in archive_dir), its offset and total
 * length (header included), the original size and its SHA-256 (hex). */
struct archive_ptr {
	char		 file[ARCHIVE_FILE_MAX];
	int64_t		 offset;
	int64_t		 length;
	int64_t		 size;
	char		 sha256[65];
};

/* Pure.  One entry for data (len bytes) appended to out; p gets its
 * length, size and sha256 (offset 0: the caller adds where it lands).
 * 0, or -1 when too large. */
int	archive_encode(char kind, int64_t id, const void *data, size_t len,
	    struct buf *out, struct archive_ptr *p);
/* Pure.  The entry in (len bytes) checked against p, kind and id, its
 * bytes appended to out: 0, or -1 with why in err. */
int	archive_decode(const void *in, size_t len, char kind, int64_t id,
	    const struct archive_ptr *p, struct buf *out, char *err,
	    size_t errlen);
/* The file name of the month t falls in (UTC): "YYYY-MM.cza". */
void	archive_file_name(int64_t t, char out[ARCHIVE_FILE_MAX]);

/* I/O.  entries (len bytes) appended to dir/file under an exclusive lock,
 * written and fsynced (the directory too when the file is new) before it
 * returns; *offset: where they start.  dir is created if missing.  0, or
 * -1 with why in err (naming the file). */
int	archive_append(const char *dir, const char *file, const void *entries,
	    size_t len, int64_t *offset, char *err, size_t errlen);
/* I/O.  The entry p points at, read, checked and unpacked into out: 0,
 * or -1 with why in err (naming the file). */
int	archive_read(const char *dir, const struct archive_ptr *p, char kind,
	    int64_t id, struct buf *out, char *err, size_t errlen);

#endif
