/*
 * test_attlist.c — the attachment lines of notifications and human sizes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "attlist.h"
#include "buf.h"
#include "t.h"

static void
test_sizes(void)
{
	static const struct {
		size_t		 n;
		const char	*s;
	} c[] = {
		{ 0, "0 B" }, { 91, "91 B" }, { 1023, "1023 B" },
		{ 1024, "1.0 KB" }, { 3482, "3.4 KB" }, { 10188, "9.9 KB" },
		{ 10240, "10 KB" }, { 122880, "120 KB" },
		{ 1048575, "1024 KB" }, { 1048576, "1.0 MB" },
		{ 1258291, "1.2 MB" }, { 10485760, "10 MB" },
		{ 2684354560u, "2.5 GB" },
	};
	char out[32], what[64];
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		attlist_size(c[i].n, out, sizeof out);
		snprintf(what, sizeof what, "%zu bytes: %s", c[i].n, c[i].s);
		T_STR(out, c[i].s, what);
	}
}

static void
test_lines(void)
{
	struct buf b;

	buf_init(&b);
	attlist_add(&b, 7, "pagar-jebol.jpg", "image/jpeg", 91);
	T_STR(b.data, "- pagar-jebol.jpg (image/jpeg, 91 B): complaintctl "
	    "attachment 7", "one attachment: name, type, size, the command");
	attlist_add(&b, 8, "Surat Keluhan Toilet.pdf", "application/pdf",
	    1258291);
	T_STR(b.data, "- pagar-jebol.jpg (image/jpeg, 91 B): complaintctl "
	    "attachment 7\n- Surat Keluhan Toilet.pdf (application/pdf, "
	    "1.2 MB): complaintctl attachment 8", "two: one line each");
	buf_free(&b);
}

int
main(void)
{
	test_sizes();
	test_lines();
	return t_done();
}
