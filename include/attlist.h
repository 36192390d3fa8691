/*
 * attlist.h — a message's attachments as an officer reads them in a
 * notification: one line each, with the file's name, type and size and
 * the command that fetches it ("complaintctl attachment ID").  Pure.
 */
#ifndef ATTLIST_H
#define ATTLIST_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Append one attachment's line to b (lines separated by "\n"):
 * "- foto.jpg (image/jpeg, 1.2 MB): complaintctl attachment 42". */
void	attlist_add(struct buf *b, int64_t id, const char *filename,
	    const char *content_type, size_t size);

/* A size for people: "912 B", "3.4 KB", "120 KB", "1.2 MB", "2.5 GB"
 * (powers of 1024); out holds at least 16 bytes. */
void	attlist_size(size_t bytes, char *out, size_t outlen);

#endif
