/*
 * blob.h — attachment contents under the state directory, addressed by
 * their SHA-256: <state_dir>/attachments/<first 2 hex>/<sha256>.
 *
 * blob_save() writes through a temporary file, fsyncs it and its directory
 * and renames it into place, so a blob named in the database (which is
 * committed afterwards) is always whole.  The same content is stored once.
 * A blob written for a transaction that then rolls back is harmless.
 */
#ifndef BLOB_H
#define BLOB_H

#include <stddef.h>

/* 0, or -1 with errno set (ENOSPC, EACCES, ...) after logging. */
int	blob_save(const char *state_dir, const void *data, size_t len,
	    const char *sha256hex);
/* The path of a blob (caller frees). */
char	*blob_path(const char *state_dir, const char *sha256hex);

#endif
