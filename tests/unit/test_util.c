/*
 * test_util.c — buf, utf8, sha256, ref (phone: test_phone.c).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ref.h"
#include "sha256.h"
#include "utf8.h"
#include "t.h"

static void
test_buf(void)
{
	struct buf b;
	char *s;

	buf_init(&b);
	buf_adds(&b, "abc");
	buf_printf(&b, "-%d-", 42);
	buf_addc(&b, 'z');
	T_STR(b.data, "abc-42-z", "buf appends and formats");
	s = buf_steal(&b);
	T_STR(s, "abc-42-z", "buf_steal hands the bytes over");
	T_OK(b.data == NULL && b.len == 0, "buf_steal leaves the buffer empty");
	free(s);
	buf_free(&b);
}

static void
test_utf8(void)
{
	size_t rep = 0;
	char *s;

	T_OK(utf8_valid("Gr\xc3\xbc\xc3\x9f" "e", 6), "valid UTF-8 accepted");
	T_OK(!utf8_valid("caf\xe9", 4), "latin-1 byte rejected");
	T_OK(!utf8_valid("\xc0\xaf", 2), "overlong rejected");
	T_OK(!utf8_valid("\xed\xa0\x80", 3), "surrogate rejected");
	T_OK(!utf8_valid("\xf0\x9f\x98", 3), "truncated 4-byte rejected");
	T_OK(utf8_valid("\xf0\x9f\x98\x80", 4), "emoji accepted");
	s = utf8_sanitize("caf\xe9 ok\r\nx\0y", 12, &rep);
	T_STR(s, "caf\xef\xbf\xbd ok\nx\xef\xbf\xbdy",
	    "invalid bytes and NUL become U+FFFD, CRLF becomes LF");
	T_INT(rep, 2, "replacements counted");
	free(s);
	s = utf8_sanitize("\xe2\x80\xae" "exe.pdf \xc2\x9b" "2J \xe2\x81\xa7x"
	    "\xe2\x81\xa9 \xe2\x80\x8e\xd8\xa7", 29, &rep);
	T_STR(s, "\xef\xbf\xbd" "exe.pdf \xef\xbf\xbd" "2J \xef\xbf\xbdx"
	    "\xef\xbf\xbd \xe2\x80\x8e\xd8\xa7", "RLO, C1 CSI and bidi "
	    "isolates become one U+FFFD each; the LRM mark and Arabic stay");
	T_INT(rep, 4, "... four replacements");
	free(s);
	T_OK(utf8_unsafe(0x85) && utf8_unsafe(0x202e) && utf8_unsafe(0x2066) &&
	    !utf8_unsafe(0x200f) && !utf8_unsafe(0xa0) && !utf8_unsafe(0x61c),
	    "utf8_unsafe: C1 and overrides, not marks or NBSP");
	T_INT(utf8_prefix("a\xc3\xbc", 3, 2), 1, "prefix stops before a split character");
	T_INT(utf8_length("a\xc3\xbc\xf0\x9f\x98\x80", 7), 3, "code points counted");
}

static void
test_sha256(void)
{
	char hex[65];
	char *big;

	sha256_hex("", 0, hex);
	T_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "sha256 of empty string");
	sha256_hex("abc", 3, hex);
	T_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "sha256 of abc");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	T_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "sha256 of the 448-bit vector");
	big = malloc(1000000);
	memset(big, 'a', 1000000);
	sha256_hex(big, 1000000, hex);
	T_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    "sha256 of a million a");
	free(big);
}

/* The incremental calls (SMS part keys): pieces across block boundaries
 * give the one-call digest. */
static void
test_sha256_pieces(void)
{
	static const size_t cut[] = { 0, 1, 55, 56, 63, 64, 65, 1000, 4096 };
	const size_t mib = 1024 * 1024;
	unsigned char *zeros = calloc(1, mib), d[32];
	struct sha256 h;
	char hex[65], one[65];
	size_t i, off = 0;

	sha256_init(&h);
	for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		sha256_update(&h, zeros + off, cut[i]);
		off += cut[i];
	}
	sha256_update(&h, zeros + off, mib - off);
	sha256_final(&h, d);
	for (i = 0; i < 32; i++) {
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	}
	/* head -c 1048576 /dev/zero | sha256sum */
	T_STR(hex, "30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58",
	    "sha256 of 1 MiB of zeros, fed in uneven pieces");
	sha256_hex(zeros, mib, hex);
	T_STR(hex, "30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58",
	    "... and in one call");
	sha256_init(&h);
	sha256_update(&h, "a", 1);
	sha256_update(&h, NULL, 0);
	sha256_update(&h, "bc", 2);
	sha256_final(&h, d);
	for (i = 0; i < 32; i++) {
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	}
	sha256_hex("abc", 3, one);
	T_STR(hex, one, "sha256 of abc as a + nothing + bc");
	free(zeros);
}

static void
test_ref(void)
{
	char out[REF_MAX], err[128], found[4][REF_MAX];
	size_t n;

	T_INT(ref_validate_format(REF_DEFAULT_FORMAT, err, sizeof err), 0,
	    "default format valid");
	T_INT(ref_validate_format("KEL-{year}", err, sizeof err), -1,
	    "format without {seq} refused");
	T_INT(ref_validate_format("KEL {seq}", err, sizeof err), -1,
	    "space in format refused");
	T_INT(ref_validate_format("{seq}-X", err, sizeof err), -1,
	    "format starting with a field refused");
	T_INT(ref_validate_format("K{year}{seq}", err, sizeof err), -1,
	    "adjacent fields refused");
	T_INT(ref_format(REF_DEFAULT_FORMAT, 2026, 42, out, sizeof out), 0,
	    "format renders");
	T_STR(out, "KEL-2026-000042", "default reference shape");
	ref_format("PGD/{seq:4}", 2026, 1234567, out, sizeof out);
	T_STR(out, "PGD/1234567", "sequence wider than its width");
	n = ref_find(REF_DEFAULT_FORMAT,
	    "Re: [kel-2026-000042] and KEL-2026-000043, KEL-2026-000042 again, "
	    "XKEL-2026-000044 and KEL-2026-0000451x, KEL-26-000046", found, 4);
	T_INT(n, 2, "two distinct references found");
	T_STR(found[0], "KEL-2026-000042", "first reference, canonical case");
	T_STR(found[1], "KEL-2026-000043", "second reference");
	n = ref_find(REF_DEFAULT_FORMAT, "KEL-2026-0000421", found, 4);
	T_INT(n, 1, "longer sequence still a reference");
	n = ref_find(REF_DEFAULT_FORMAT, "KEL-2026-00004", found, 4);
	T_INT(n, 0, "shorter sequence is not");
}

int
main(void)
{
	test_buf();
	test_utf8();
	test_sha256();
	test_sha256_pieces();
	test_ref();
	return t_done();
}
