/*
 * attlist.c — attachments listed for officers (see attlist.h).
 *
 * The line names the file as it was sent (mime.c cleaned it: no path, no
 * control or invisible characters), its type, a size people read, and
 * the complaintctl command that writes its bytes, so an officer who only
 * has the notification knows what came with the complaint and how to get
 * it.  Language-neutral: the templates say "Lampiran" or "Attachments".
 */
#include <inttypes.h>
#include <stdio.h>

#include "attlist.h"

void
attlist_size(size_t bytes, char *out, size_t outlen)
{
	static const char *const unit[] = { "KB", "MB", "GB", "TB" };
	double v = (double)bytes;
	int u = -1;

	if (bytes < 1024) {
		snprintf(out, outlen, "%zu B", bytes);
		return;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	/* one decimal below 10, where it still says something */
	if (v < 9.95) {
		snprintf(out, outlen, "%.1f %s", v, unit[u]);
	} else {
		snprintf(out, outlen, "%.0f %s", v, unit[u]);
	}
}

void
attlist_add(struct buf *b, int64_t id, const char *filename,
    const char *content_type, size_t size)
{
	char sz[32];

	attlist_size(size, sz, sizeof sz);
	buf_printf(b, "%s- %s (%s, %s): complaintctl attachment %" PRId64,
	    b->len > 0 ? "\n" : "", filename, content_type, sz, id);
}
