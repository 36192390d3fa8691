/*
 * test_smstext.c — SMS text: UTF-16 decoding, joining parts (an emoji
 * split across two parts, a missing part), GSM-7 measurement, preparing
 * texts to send, part keys; and every shipped SMS template fitting one
 * GSM-7 SMS with realistic values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "smstext.h"
#include "tmpl.h"
#include "utf8.h"
#include "t.h"

/* "A😀B" as UTF-16BE */
static const unsigned char emoji_be[] = {
	0x00, 'A', 0xd8, 0x3d, 0xde, 0x00, 0x00, 'B',
};

static void
test_decode(void)
{
	static const unsigned char lone[] = { 0x00, 'x', 0xd8, 0x3d, 0x00, 'y' };
	static const unsigned char crlf[] = {
		0x00, 'a', 0x00, '\r', 0x00, '\n', 0x00, 'b', 0x00, '\r',
		0x00, 'c', 0x00, 0x00, 0x00, 0x07,
	};
	static const unsigned char bidi[] = {
		0x20, 0x2e, 0x00, 'a', 0x00, 'b', 0x00, 0x9b,
	};
	unsigned char *u;
	size_t rep, len;
	char *s;

	s = smstext_from_utf16(emoji_be, sizeof emoji_be, &rep);
	T_STR(s, "A\xf0\x9f\x98\x80" "B", "a surrogate pair becomes one "
	    "4-byte character");
	T_INT(rep, 0, "... nothing replaced");
	free(s);
	s = smstext_from_utf16(lone, sizeof lone, &rep);
	T_STR(s, "x\xef\xbf\xbdy", "a lone surrogate becomes U+FFFD");
	T_INT(rep, 1, "... and is counted");
	T_OK(utf8_valid(s, strlen(s)), "... the result is valid UTF-8");
	free(s);
	s = smstext_from_utf16(crlf, sizeof crlf, &rep);
	T_STR(s, "a\nb\nc\xef\xbf\xbd", "CR LF and CR become LF, NUL is "
	    "dropped, a control character replaced");
	free(s);
	s = smstext_from_utf16(bidi, sizeof bidi, &rep);
	T_STR(s, "\xef\xbf\xbd" "ab\xef\xbf\xbd", "an SMS's RLO and C1 control "
	    "become U+FFFD");
	free(s);
	u = smstext_to_utf16("A\xf0\x9f\x98\x80" "B", &len);
	T_INT(len, sizeof emoji_be, "UTF-8 to UTF-16: a pair for the emoji");
	T_OK(memcmp(u, emoji_be, len) == 0, "... the same units");
	free(u);
}

static void
test_join(void)
{
	/* "x😀" cut after the high surrogate, as a phone does */
	static const unsigned char p1[] = { 0x00, 'x', 0xd8, 0x3d };
	static const unsigned char p2[] = { 0xde, 0x00, 0x00, '!' };
	static const unsigned char p3[] = { 0x00, 'z' };
	struct smstext_part parts[] = {
		{ 2, p2, sizeof p2 }, { 1, p1, sizeof p1 }, { 3, p3, sizeof p3 },
		{ 1, p1, sizeof p1 },
	};
	size_t rep;
	int missing;
	char *s;

	s = smstext_join(parts, 4, 3, &missing, &rep);
	T_STR(s, "x\xf0\x9f\x98\x80!z", "parts joined in order as UTF-16: "
	    "the emoji split across two parts comes out whole");
	T_INT(missing, 0, "... none missing (a duplicate is taken once)");
	T_INT(rep, 0, "... nothing replaced");
	free(s);
	s = smstext_join(&parts[1], 2, 3, &missing, &rep);
	T_STR(s, "x\xef\xbf\xbd" SMSTEXT_MISSING "z", "a missing part "
	    "leaves a mark; the half emoji before it is replaced");
	T_INT(missing, 1, "... one missing");
	free(s);
}

static void
test_gsm7(void)
{
	char text[400];
	int gsm7;

	T_INT(smstext_gsm7_septets("Hello"), 5, "ASCII letters: one septet each");
	T_INT(smstext_gsm7_septets("{x} \xe2\x82\xac"), 8,
	    "extension characters ({ } euro) count two");
	T_INT(smstext_gsm7_septets("Gr\xc3\xbc\xc3\x9f" "e @"), 7,
	    "u-umlaut, sharp s and @ are GSM-7");
	T_INT(smstext_gsm7_septets("\xc3\xa7"), -1, "c-cedilla is not");
	T_INT(smstext_gsm7_septets("Hi \xf0\x9f\x98\x80"), -1,
	    "an emoji is not");
	memset(text, 'a', 160);
	text[160] = '\0';
	T_INT(smstext_parts(text, &gsm7), 1, "160 GSM-7 characters: one SMS");
	T_OK(gsm7, "... in GSM-7");
	text[160] = 'a';
	text[161] = '\0';
	T_INT(smstext_parts(text, NULL), 2, "161: two parts");
	memset(text, 'a', 307);
	text[307] = '\0';
	T_INT(smstext_parts(text, NULL), 3, "307: three parts of 153");
	snprintf(text, sizeof text, "%s", "\xd0\x9f\xd1\x80\xd0\xb8");
	T_INT(smstext_parts(text, &gsm7), 1, "Cyrillic: one UCS-2 SMS");
	T_OK(!gsm7, "... in UCS-2");
	memset(text, 0, sizeof text);
	for (int i = 0; i < 71; i++) {
		memcpy(text + 2 * i, "\xc3\xa7", 2);
	}
	T_INT(smstext_parts(text, NULL), 2, "71 UCS-2 characters: two parts");
}

static void
test_prepare(void)
{
	char text[1200], *s;
	int cut;

	s = smstext_prepare("\xe2\x80\x9cSudah\xe2\x80\x9d \xe2\x80\x93 "
	    "kami\xe2\x80\x99ll cek\xe2\x80\xa6\xc2\xa0 \n", 1, &cut);
	T_STR(s, "\"Sudah\" - kami'll cek...", "typographic punctuation "
	    "folded to ASCII, trailing blanks dropped");
	T_OK(smstext_gsm7_septets(s) > 0, "... so it stays GSM-7");
	T_OK(!cut, "... not cut");
	free(s);
	memset(text, 'b', 1000);
	text[1000] = '\0';
	s = smstext_prepare(text, 2, &cut);
	T_OK(cut, "a text longer than the parts allowed is cut");
	T_INT(smstext_parts(s, NULL), 2, "... to fit them");
	T_INT(strlen(s), 306, "... using them fully");
	T_STR(s + strlen(s) - 3, "...", "... with a visible mark");
	free(s);
	s = smstext_prepare("Terima kasih \xf0\x9f\x99\x8f", 1, &cut);
	T_STR(s, "Terima kasih \xf0\x9f\x99\x8f", "an emoji is kept (UCS-2)");
	free(s);
}

static void
test_key(void)
{
	static const unsigned char t[] = { 0x00, 'a' };
	char a[65], b[65], c[65];

	smstext_part_key("+6281234", 1700000000, 7, 2, 1, t, 2, a);
	smstext_part_key("+6281234", 1700000000, 7, 2, 1, t, 2, b);
	smstext_part_key("+6281234", 1700000000, 7, 2, 2, t, 2, c);
	T_INT(strlen(a), 64, "a part key is 64 hex digits");
	T_STR(a, b, "the same part gives the same key");
	T_OK(strcmp(a, c) != 0, "another part of the message another key");
}

static void
test_raw(void)
{
	static const unsigned char p1[] = { 0x00, 'x', 0xd8, 0x3d };
	static const unsigned char p2[] = { 0xde, 0x00, 0x00, '!' };
	struct smstext_rawpart rp[2] = {
		{ "BANK X", "+628161234", 1700000000, 9, 2, 1, "UCS-2", p1, 4 },
		{ "BANK X", NULL, 1700000000, 9, 2, 2, "UCS-2", p2, 4 },
	};
	char keys[2][65], id[80], err[128];
	struct smstext_raw r;
	struct buf b;

	buf_init(&b);
	smstext_raw_add(&b, &rp[0]);
	smstext_raw_add(&b, &rp[1]);
	T_CONTAINS(b.data, "SMS part 1/2 ref 9 coding UCS-2 sent "
	    "2023-11-14T22:13:20Z centre +628161234 from BANK X\n0078D83D\n",
	    "the record of a part: one line about it, one with its bytes");
	T_INT(smstext_raw_parse(b.data, b.len, &r, err, sizeof err), 0,
	    "the record reads back");
	T_STR(r.text, "x\xf0\x9f\x98\x80!", "... the text joined again");
	T_STR(r.sender, "BANK X", "... the sender, spaces and all");
	T_INT(r.sent, 1700000000, "... the time");
	smstext_part_key("BANK X", 1700000000, 9, 2, 1, p1, 4, keys[0]);
	smstext_part_key("BANK X", 1700000000, 9, 2, 2, p2, 4, keys[1]);
	smstext_message_id((const char (*)[65])keys, 2, 2, id);
	T_STR(r.id, id, "... and the same id as at intake");
	smstext_raw_free(&r);
	T_INT(smstext_raw_parse("From: a@b\n\nhello\n", 17, &r, err,
	    sizeof err), -1, "a mail is not such a record");
	smstext_raw_free(&r);
	buf_free(&b);
}

/* Every shipped SMS template, with realistic values, is one GSM-7 SMS. */
static void
test_templates(void)
{
	const char *top = getenv("TOP"), *langs[] = { "id", "en" };
	struct tmpl_var v[] = {
		{ "reference", "KEL-2026-000042" },
		{ "org_name", "Puskesmas Kecamatan Cempaka Putih Barat" },
		{ "category_name", "Sarana dan Prasarana" },
		{ "subject", "Atap ruang kelas XI TKJ 2 bocor lagi" },
		{ "level", "1" },
		{ "reason", "bukan wewenang sekolah, hubungi Dinas" },
		{ "text", "Atap ruang kelas XI TKJ 2 bocor lagi" },
		{ "resolution", "Atap sudah diperbaiki hari Senin." },
		{ "name", "" },
		{ "due", "30 September 2026 pukul 15.00 WITA" },
		{ "response_due", "30 September 2026 pukul 15.00 WITA" },
		{ "due_left", "sisa 12 jam 30 menit waktu kerja" },
		{ "due_what", "tanggapan pertama" },
		{ "close_on", "30 September 2026 pukul 15.00 WITA" },
	};
	struct tmplset *ts = NULL;
	char dir[4096], err[4096], label[160], *r;
	size_t i, l;
	int n;

	snprintf(dir, sizeof dir, "%s/etc/templates", top ? top : ".");
	if (!T_OK(tmplset_load(dir, langs, 2, &ts, err, sizeof err) == 0,
	    "shipped templates load")) {
		printf("# %s\n", err);
		return;
	}
	for (l = 0; l < 2; l++) {
		for (i = 0; i < tmpl_nrequired; i++) {
			r = tmpl_render(tmplset_get(ts, langs[l],
			    tmpl_required[i], "sms"), v, sizeof v / sizeof v[0],
			    err, sizeof err);
			r[strcspn(r, "\n")] = '\0';
			n = smstext_gsm7_septets(r);
			snprintf(label, sizeof label, "%s/%s.sms is one GSM-7 "
			    "SMS (%d septets)", langs[l], tmpl_required[i], n);
			T_OK(n > 0 && n <= SMSTEXT_GSM7_SINGLE, label);
			free(r);
		}
	}
	tmplset_free(ts);
}

/* User data headers as phones and networks send them: the concatenation
 * element alone, and next to others (gammu knows only a few fixed
 * combinations and calls the rest "user UDH"). */
static void
test_udh(void)
{
	static const struct {
		const char	*what;
		unsigned char	 udh[16];
		size_t		 len;
		int		 found, ref, total, seq;
	} c[] = {
		{ "8-bit reference alone", { 5, 0, 3, 0xd3, 2, 1 }, 6,
		    1, 0xd3, 2, 1 },
		{ "16-bit reference alone", { 6, 8, 4, 0x12, 0x34, 3, 3 }, 7,
		    1, 0x1234, 3, 3 },
		{ "after a language shift table", { 8, 0x25, 1, 1, 0, 3, 7,
		    2, 2 }, 9, 1, 7, 2, 2 },
		{ "before application ports (gammu's two-part MMS sample)",
		    { 0x0b, 0, 3, 0x83, 2, 1, 5, 4, 0x0b, 0x84, 0x23, 0xf0 },
		    12, 1, 0x83, 2, 1 },
		{ "after application ports", { 0x0b, 5, 4, 0x0b, 0x84, 0x23,
		    0xf0, 0, 3, 0xaa, 2, 2 }, 12, 1, 0xaa, 2, 2 },
		{ "between two others", { 0x0b, 0x24, 1, 1, 0, 3, 9, 4, 3,
		    0x25, 1, 1 }, 12, 1, 9, 4, 3 },
		{ "no concatenation element", { 6, 5, 4, 0x0b, 0x84, 0x23,
		    0xf0 }, 7, 0, -1, 1, 1 },
		{ "one part of one", { 5, 0, 3, 1, 1, 1 }, 6, 0, -1, 1, 1 },
		{ "part 0", { 5, 0, 3, 1, 2, 0 }, 6, 0, -1, 1, 1 },
		{ "part 3 of 2", { 5, 0, 3, 1, 2, 3 }, 6, 0, -1, 1, 1 },
		{ "wrong element length", { 5, 0, 2, 1, 2, 1 }, 6, 0, -1, 1,
		    1 },
		{ "cut short", { 5, 0, 3, 1, 2 }, 5, 0, -1, 1, 1 },
		{ "header longer than the data", { 0x20, 0, 3, 1, 2, 1 }, 6,
		    1, 1, 2, 1 },
		{ "an element running past the header", { 4, 0x25, 9, 0, 3,
		    1, 2, 1 }, 8, 0, -1, 1, 1 },
		{ "empty", { 0 }, 1, 0, -1, 1, 1 },
		{ "nothing", { 0 }, 0, 0, -1, 1, 1 },
	};
	char what[160];
	size_t i;
	int ref, total, seq, r;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		ref = -1;
		total = seq = 1;
		r = smstext_udh_concat(c[i].udh, c[i].len, &ref, &total, &seq);
		snprintf(what, sizeof what, "UDH %s: %s", c[i].what,
		    c[i].found ? "found" : "none");
		T_INT(r, c[i].found, what);
		snprintf(what, sizeof what, "UDH %s: ref %d, part %d of %d",
		    c[i].what, c[i].ref, c[i].seq, c[i].total);
		T_OK(ref == c[i].ref && total == c[i].total &&
		    seq == c[i].seq, what);
	}
}

int
main(void)
{
	test_udh();
	test_decode();
	test_join();
	test_gsm7();
	test_prepare();
	test_key();
	test_raw();
	test_templates();
	return t_done();
}
