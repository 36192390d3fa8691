/*
 * test_archive.c — the archive file format (archive.h): an entry encoded
 * and decoded back byte for byte, its header as documented, every kind
 * of damage refused (another entry, a flipped byte, a cut, a pointer
 * that says otherwise), and the files' append and read in a temporary
 * directory (offsets of successive appends, a missing file named).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive.h"
#include "buf.h"
#include "sha256.h"
#include "t.h"

static const char MSG[] =
    "From: Ibu Sari <sari@example.id>\r\nSubject: AC kelas rusak\r\n\r\n"
    "AC di kelas XI TKJ 2 ga dingin sejak minggu lalu.\r\n";

static void
test_roundtrip(void)
{
	struct archive_ptr p;
	struct buf e, out;
	char err[256], hex[65];
	unsigned char big[70000];
	size_t i;

	buf_init(&e);
	buf_init(&out);
	T_INT(archive_encode('M', 42, MSG, sizeof MSG - 1, &e, &p), 0,
	    "a message's bytes encode");
	T_OK(memcmp(e.data, "CZA1M\0\0\0", 8) == 0, "header: magic, kind, zeros");
	T_INT(e.data[8], 42, "header: the message's id, little-endian");
	sha256_hex(MSG, sizeof MSG - 1, hex);
	T_STR(p.sha256, hex, "the pointer carries the SHA-256 of the original");
	T_INT(p.size, (int64_t)(sizeof MSG - 1), "... and its size");
	T_INT(p.length, (int64_t)e.len, "... and the entry's whole length");
	T_INT(archive_decode(e.data, e.len, 'M', 42, &p, &out, err,
	    sizeof err), 0, "it decodes");
	T_OK(out.len == sizeof MSG - 1 && memcmp(out.data, MSG, out.len) == 0,
	    "... byte for byte");
	buf_reset(&out);
	T_INT(archive_decode(e.data, e.len, 'M', 43, &p, &out, err,
	    sizeof err), -1, "another message's id is refused");
	T_CONTAINS(err, "another entry", "... saying so");
	T_INT(archive_decode(e.data, e.len, 'A', 42, &p, &out, err,
	    sizeof err), -1, "another kind is refused");
	T_INT(archive_decode(e.data, e.len - 1, 'M', 42, &p, &out, err,
	    sizeof err), -1, "a cut entry is refused");
	e.data[e.len - 3] ^= 0x55;
	T_INT(archive_decode(e.data, e.len, 'M', 42, &p, &out, err,
	    sizeof err), -1, "a flipped byte is refused");
	T_INT((int)out.len, 0, "... and nothing is handed out");
	e.data[e.len - 3] ^= 0x55;
	p.sha256[0] = p.sha256[0] == 'a' ? 'b' : 'a';
	T_INT(archive_decode(e.data, e.len, 'M', 42, &p, &out, err,
	    sizeof err), -1, "a pointer with another hash is refused");
	/* an attachment, larger than a page, mostly repetitive */
	for (i = 0; i < sizeof big; i++) {
		big[i] = (unsigned char)(i % 7 == 0 ? i : 'x');
	}
	buf_reset(&e);
	buf_reset(&out);
	T_INT(archive_encode('A', 0, big, sizeof big, &e, &p), 0,
	    "an attachment's data encodes");
	T_OK(e.len < sizeof big, "... compressed");
	T_INT(archive_decode(e.data, e.len, 'A', 0, &p, &out, err, sizeof err),
	    0, "... and decodes");
	T_OK(out.len == sizeof big && memcmp(out.data, big, sizeof big) == 0,
	    "... byte for byte");
	buf_reset(&e);
	T_INT(archive_encode('A', 0, "", 0, &e, &p), 0, "empty data encodes");
	buf_reset(&out);
	T_INT(archive_decode(e.data, e.len, 'A', 0, &p, &out, err, sizeof err),
	    0, "... and decodes to nothing");
	buf_free(&e);
	buf_free(&out);
}

static void
test_names(void)
{
	char f[ARCHIVE_FILE_MAX];

	archive_file_name(1767225599, f);	/* 2025-12-31 23:59:59 UTC */
	T_STR(f, "2025-12.cza", "a month's file name, UTC");
	archive_file_name(1767225600, f);
	T_STR(f, "2026-01.cza", "... the next month's");
}

static void
test_files(void)
{
	char tmpl[] = "/tmp/test_archive.XXXXXX", dir[64], err[512];
	struct archive_ptr p1, p2;
	struct buf e1, e2, out;
	int64_t off1 = -1, off2 = -1;

	if (mkdtemp(tmpl) == NULL) {
		T_OK(0, "a temporary directory");
		return;
	}
	snprintf(dir, sizeof dir, "%s/arch", tmpl);
	buf_init(&e1);
	buf_init(&e2);
	buf_init(&out);
	archive_encode('M', 1, MSG, sizeof MSG - 1, &e1, &p1);
	archive_encode('M', 2, "second", 6, &e2, &p2);
	T_INT(archive_append(dir, "2026-01.cza", e1.data, e1.len, &off1, err,
	    sizeof err), 0, "an entry appended (the directory made)");
	T_INT(archive_append(dir, "2026-01.cza", e2.data, e2.len, &off2, err,
	    sizeof err), 0, "a second appended");
	T_INT(off1, 0, "the first at 0");
	T_INT(off2, (int64_t)e1.len, "the second after it");
	snprintf(p1.file, sizeof p1.file, "2026-01.cza");
	snprintf(p2.file, sizeof p2.file, "2026-01.cza");
	p1.offset = off1;
	p2.offset = off2;
	T_INT(archive_read(dir, &p2, 'M', 2, &out, err, sizeof err), 0,
	    "the second read back");
	T_STR(out.data, "second", "... its bytes");
	buf_reset(&out);
	T_INT(archive_read(dir, &p1, 'M', 1, &out, err, sizeof err), 0,
	    "the first read back");
	p1.offset = off2;
	T_INT(archive_read(dir, &p1, 'M', 1, &out, err, sizeof err), -1,
	    "a pointer at another entry is refused");
	T_CONTAINS(err, "2026-01.cza", "... naming the file");
	snprintf(p1.file, sizeof p1.file, "2020-01.cza");
	T_INT(archive_read(dir, &p1, 'M', 1, &out, err, sizeof err), -1,
	    "a missing file is an error");
	T_CONTAINS(err, "2020-01.cza", "... naming it");
	T_INT(archive_read(NULL, &p2, 'M', 2, &out, err, sizeof err), -1,
	    "no archive_dir is an error");
	T_CONTAINS(err, "archive_dir", "... saying so");
	snprintf(err, sizeof err, "%s/2026-01.cza", dir);
	unlink(err);
	rmdir(dir);
	rmdir(tmpl);
	buf_free(&e1);
	buf_free(&e2);
	buf_free(&out);
}

int
main(void)
{
	test_roundtrip();
	test_names();
	test_files();
	return t_done();
}
