/*
 * test_mailout.c — the outgoing mail builder: CRLF-only lines within their
 * limits, quoted-printable, RFC 2047 words, folding, no header injection,
 * threading headers, Auto-Submitted, multipart/alternative — and every
 * message read back through our own MIME parser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mailout.h"
#include "mime.h"
#include "t.h"

/* Every line ends in CRLF (no bare CR or LF); header lines at most 78
 * columns, body lines at most 76. */
static int
lines_ok(const char *s, size_t len)
{
	size_t i, start = 0, max = 78;
	int in_body = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n')) {
			return 0;
		}
		if (s[i] != '\n') {
			continue;
		}
		if (i == 0 || s[i - 1] != '\r' || i - 1 - start > max) {
			return 0;
		}
		if (i - 1 == start && !in_body) {
			in_body = 1;
			max = 76;
		}
		start = i + 1;
	}
	return start == len;
}

/* The header block (up to the blank line), NUL-terminated copy. */
static char *
head_of(const char *msg)
{
	const char *e = strstr(msg, "\r\n\r\n");
	size_t n = e ? (size_t)(e - msg) + 2 : strlen(msg);
	char *h = malloc(n + 1);

	memcpy(h, msg, n);
	h[n] = '\0';
	return h;
}

static void
base_msg(struct mailout *m)
{
	memset(m, 0, sizeof *m);
	m->from = "pengaduan@smkn1.sch.id";
	m->from_name = "Layanan Pengaduan SMK Negeri 1 Contoh";
	m->to = "sri.wahyuni78@gmail.com";
	m->to_name = "Sri Wahyuni";
	m->reply_to = "pengaduan@smkn1.sch.id";
	m->subject = "[KEL-2026-000042] Pengaduan Anda telah kami terima";
	m->reference = "KEL-2026-000042";
	m->message_id = "KEL-2026-000042.ack.0a1b2c@smkn1.sch.id";
	m->in_reply_to = "CAJ7v+Vw3kQ9p2Lr1x0m@mail.gmail.com";
	m->references = "CAJ7v+Vw3kQ9p2Lr1x0m@mail.gmail.com";
	m->auto_submitted = "auto-replied";
	m->loop = "smkn1.sch.id";
	m->text = "Yth. Ibu Sri,\n\nTerima kasih.\n";
	m->date = 1795000000;
	m->gmtoff = 7 * 3600;
}

static struct mime_msg *
build_parse(const struct mailout *m, char **out, size_t *len)
{
	struct mime_msg *mm = NULL;
	char err[256];

	*out = NULL;
	if (mailout_build(m, out, len, err, sizeof err) == -1) {
		printf("# build: %s\n", err);
		return NULL;
	}
	if (mime_parse(*out, *len, &mm, err, sizeof err) == -1) {
		printf("# parse: %s\n", err);
		return NULL;
	}
	return mm;
}

static void
test_plain(void)
{
	struct mailout m;
	struct mime_msg *mm;
	char *out, *head;
	size_t len;

	base_msg(&m);
	mm = build_parse(&m, &out, &len);
	if (!T_OK(mm != NULL, "an acknowledgement builds and parses")) {
		free(out);
		return;
	}
	T_OK(lines_ok(out, len), "CRLF only; header lines <= 78, body <= 76");
	head = head_of(out);
	T_OK(strncmp(head, "Date: Wed, 18 Nov 2026 18:06:40 +0700\r\n", 39)
	    == 0, "Date in RFC 5322 form with the zone offset");
	T_CONTAINS(head, "\r\nMessage-ID: <KEL-2026-000042.ack.0a1b2c@smkn1."
	    "sch.id>\r\n", "our Message-ID in <>");
	T_CONTAINS(head, "\r\nAuto-Submitted: auto-replied\r\n",
	    "Auto-Submitted");
	T_CONTAINS(head, "\r\nX-Complaintd-Loop: smkn1.sch.id\r\n",
	    "our loop header");
	T_CONTAINS(head, "\r\nReply-To: <pengaduan@smkn1.sch.id>\r\n",
	    "Reply-To");
	T_CONTAINS(head, "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n",
	    "UTF-8 text in quoted-printable");
	T_STR(mm->subject, m.subject, "subject read back, reference not doubled");
	T_STR(mm->from.addr, "pengaduan@smkn1.sch.id", "From address");
	T_STR(mm->from.name, "Layanan Pengaduan SMK Negeri 1 Contoh",
	    "From display name");
	T_OK(mm->nto == 1 && strcmp(mm->to[0].addr, m.to) == 0 &&
	    strcmp(mm->to[0].name, "Sri Wahyuni") == 0, "To read back");
	T_STR(mm->message_id, m.message_id, "Message-ID read back");
	T_STR(mm->in_reply_to, m.in_reply_to, "In-Reply-To read back");
	T_OK(mm->nreferences == 1 && strcmp(mm->references[0],
	    m.in_reply_to) == 0, "References read back");
	T_OK((mm->flags & MIME_F_LOOP) && (mm->flags & MIME_F_AUTO_SUBMITTED),
	    "our own parser sees it as automatic and ours (no loop)");
	T_STR(mm->text, "Yth. Ibu Sri,\n\nTerima kasih.", "text read back");
	free(head);
	free(out);
	mime_free(mm);
}

static void
test_injection(void)
{
	struct mailout m;
	struct mime_msg *mm;
	char *out, *head;
	size_t len;

	base_msg(&m);
	m.to_name = "Budi\r\nBcc: victim@evil.example";
	m.subject = "[KEL-2026-000042] Keluhan\r\nBcc: victim@evil.example\n"
	    "\rX-Evil: 1";
	m.in_reply_to = "abc@x\r\nBcc: victim@evil.example";
	m.references = "ok1@a.example bad\"id@x <ok2@b.example>";
	mm = build_parse(&m, &out, &len);
	if (!T_OK(mm != NULL, "hostile names and subjects still build")) {
		free(out);
		return;
	}
	head = head_of(out);
	T_OK(lines_ok(out, len), "... CRLF-correct");
	T_OK(strstr(head, "\nBcc:") == NULL && strstr(head, "\nX-Evil:") ==
	    NULL, "no header injected through the name or the subject");
	T_STR(mm->subject, "[KEL-2026-000042] Keluhan Bcc: victim@evil.example "
	    "X-Evil: 1", "line breaks in the subject became spaces");
	T_STR(mm->to[0].name, "Budi Bcc: victim@evil.example",
	    "line breaks in the name became spaces");
	T_OK(mm->nto == 1, "still exactly one recipient");
	T_OK(strstr(head, "In-Reply-To") == NULL, "an unusable id is left out");
	T_CONTAINS(head, "References: <ok1@a.example> <ok2@b.example>\r\n",
	    "... and only the good references are kept");
	free(head);
	free(out);
	mime_free(mm);
}

static void
test_encoded(void)
{
	struct mailout m;
	struct mime_msg *mm;
	char *out, *head;
	size_t len;
	const char *subj = "[KEL-2026-000042] Kipas angin di ruang kelas XI "
	    "TKJ 2 rusak sejak Senin — mohon segera diperbaiki karena siswa "
	    "kepanasan (Ñandú, 東京, emoji 🙏)";

	base_msg(&m);
	m.to_name = "Sri Wahyuni Ñoño";
	m.subject = subj;
	m.text = "Grüße — «quoted» = sign\ntrailing space \n.leading dot\n"
	    "From the start\n" "a long line: "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\r\nend";
	mm = build_parse(&m, &out, &len);
	if (!T_OK(mm != NULL, "non-ASCII subject, name and text build")) {
		free(out);
		return;
	}
	head = head_of(out);
	T_OK(lines_ok(out, len), "long encoded subject folded within 78");
	T_CONTAINS(head, "Subject: [KEL-2026-000042] Kipas angin",
	    "ASCII words stay readable");
	T_CONTAINS(head, "=?UTF-8?B?", "non-ASCII as RFC 2047 words");
	T_STR(mm->subject, subj, "the subject decodes to what was given");
	T_STR(mm->to[0].name, "Sri Wahyuni Ñoño", "the name decodes too");
	T_CONTAINS(out, "Gr=C3=BC=C3=9Fe", "UTF-8 bytes quoted-printable");
	T_CONTAINS(out, "=3D sign", "= is encoded");
	T_CONTAINS(out, "trailing space=20\r\n", "trailing space is encoded");
	T_CONTAINS(out, "\r\n=2Eleading dot\r\n", "a leading dot is encoded");
	T_CONTAINS(out, "\r\n=46rom the start\r\n", "a leading From is encoded");
	T_STR(mm->text, "Grüße — «quoted» = sign\ntrailing space \n"
	    ".leading dot\nFrom the start\na long line: "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\nend", "the text decodes to what was given (soft breaks undone)");
	free(head);
	free(out);
	mime_free(mm);
}

static void
test_quoted_name(void)
{
	struct buf b;

	buf_init(&b);
	mailout_header_addr(&b, "To", "O'Neil, \"Bud\" \\ Co", "b@x.example");
	T_STR(b.data, "To: \"O'Neil, \\\"Bud\\\" \\\\ Co\" <b@x.example>\r\n",
	    "ASCII display names are quoted, \" and \\ escaped");
	buf_reset(&b);
	mailout_header_addr(&b, "To", "=?UTF-8?B?QUJD?=", "b@x.example");
	T_OK(strstr(b.data, "To: =?UTF-8?B?PT9VVEYtOD9CP1FVSkQ/PQ==?= <") ==
	    b.data, "a name that looks encoded is encoded, not trusted");
	buf_reset(&b);
	mailout_header_addr(&b, "To", NULL, "b@x.example");
	T_STR(b.data, "To: <b@x.example>\r\n", "no name: the address alone");
	buf_reset(&b);
	mailout_header_text(&b, "Subject", "  spaced\t\tout  ");
	T_STR(b.data, "Subject: spaced out\r\n", "white space folded");
	buf_free(&b);
}

static void
test_reference_and_kinds(void)
{
	struct mailout m;
	struct mime_msg *mm;
	char *out;
	size_t len;

	base_msg(&m);
	m.subject = "Jawaban atas pengaduan Anda";
	mm = build_parse(&m, &out, &len);
	T_STR(mm ? mm->subject : NULL, "[KEL-2026-000042] Jawaban atas "
	    "pengaduan Anda", "the reference is put in a subject lacking it");
	mime_free(mm);
	free(out);
	T_STR(mailout_auto_submitted("ack"), "auto-replied", "ack: auto-replied");
	T_STR(mailout_auto_submitted("officer-error"), "auto-replied",
	    "the answer to an officer's failed command: auto-replied");
	T_STR(mailout_auto_submitted("notify"), "auto-generated",
	    "notify: auto-generated");
	T_STR(mailout_auto_submitted("reopened"), "auto-generated",
	    "escalation: auto-generated");
	T_OK(mailout_auto_submitted("resolution") == NULL &&
	    mailout_auto_submitted("rejection") == NULL,
	    "a person's resolution or rejection: no Auto-Submitted");
	T_OK(mailout_auto_submitted("ask") == NULL,
	    "... nor a person's question to the complainant");
	T_STR(mailout_auto_submitted("escalation"), "auto-generated",
	    "the clock's notices: auto-generated");
	base_msg(&m);
	m.auto_submitted = NULL;
	m.in_reply_to = NULL;
	m.references = NULL;
	mailout_build(&m, &out, &len, NULL, 0);
	T_OK(out != NULL && strstr(out, "Auto-Submitted") == NULL &&
	    strstr(out, "In-Reply-To") == NULL && strstr(out, "References")
	    == NULL, "absent headers are not written");
	free(out);
}

static void
test_refs_and_html(void)
{
	struct mailout m;
	struct mime_msg *mm;
	struct buf refs;
	char *out, *head;
	size_t len;
	int i;

	buf_init(&refs);
	for (i = 1; i <= 14; i++) {
		buf_printf(&refs, "%smsg%02d.%s@mail.example.org", i > 1 ? " " :
		    "", i, "aaaaaaaaaaaaaaaaaaaa");
	}
	base_msg(&m);
	m.references = refs.data;
	m.html = "<p>Yth. Ibu Sri,</p><p>Terima kasih &amp; salam.</p>";
	mm = build_parse(&m, &out, &len);
	if (!T_OK(mm != NULL, "a multipart/alternative message builds")) {
		buf_free(&refs);
		free(out);
		return;
	}
	head = head_of(out);
	T_OK(lines_ok(out, len), "... CRLF-correct, long References folded");
	T_OK(mm->nreferences == 10 && strcmp(mm->references[0],
	    "msg01.aaaaaaaaaaaaaaaaaaaa@mail.example.org") == 0 &&
	    strcmp(mm->references[1],
	    "msg06.aaaaaaaaaaaaaaaaaaaa@mail.example.org") == 0,
	    "References: the first and the last nine");
	T_CONTAINS(head, "multipart/alternative;\r\n boundary=\"=_",
	    "multipart/alternative with a =_ boundary");
	T_CONTAINS(out, "Content-Type: text/html; charset=UTF-8",
	    "an HTML part");
	T_STR(mm->text, "Yth. Ibu Sri,\n\nTerima kasih.",
	    "the plain part is the text");
	free(head);
	free(out);
	mime_free(mm);
	buf_free(&refs);
}

/* A recap: text, HTML and a CSV file; our parser reads it back. */
static void
test_files(void)
{
	static const char csv[] = "\xEF\xBB\xBF\"Nomor\",\"Ringkasan\"\r\n"
	    "\"KEL-2026-000001\",\"'=HYPERLINK(\"\"x\"\")\"\r\n";
	struct mailout_file f = { "keluhan-2026-11.csv\"\r\nX: y",
	    "text/csv; charset=utf-8", csv, sizeof csv - 1 };
	struct mime_msg *mm;
	struct mailout m;
	char *out;
	size_t len;

	base_msg(&m);
	m.html = "<p>Rekapitulasi</p>";
	m.files = &f;
	m.nfiles = 1;
	mm = build_parse(&m, &out, &len);
	if (!T_OK(mm != NULL, "a mail with a file builds and parses")) {
		free(out);
		return;
	}
	T_OK(lines_ok(out, len), "... CRLF-correct, lines within 78");
	T_CONTAINS(out, "Content-Type: multipart/mixed;\r\n boundary=\"=_m",
	    "multipart/mixed around the text, its HTML and the file");
	T_CONTAINS(out, "multipart/alternative", "... the text and HTML as "
	    "alternatives inside it");
	T_CONTAINS(out, "Content-Disposition: attachment; filename=\""
	    "keluhan-2026-11.csv___X: y\"", "the file name made safe: no "
	    "quote or line break gets into the header");
	T_OK(mm->natt == 1 && mm->att[0].size == sizeof csv - 1 &&
	    memcmp(mm->att[0].data, csv, sizeof csv - 1) == 0,
	    "the file comes back byte for byte (base64)");
	T_STR(mm->text, "Yth. Ibu Sri,\n\nTerima kasih.", "the text is still "
	    "the text");
	free(out);
	mime_free(mm);
}

static void
test_refused(void)
{
	struct mailout m;
	char *out, err[256];
	size_t len;

	base_msg(&m);
	m.to = "victim@x.example>\r\nRCPT TO:<other@y.example";
	T_INT(mailout_build(&m, &out, &len, err, sizeof err), -1,
	    "a recipient with CR/LF is refused");
	T_CONTAINS(err, "recipient address", "... saying which");
	T_OK(out == NULL, "... and nothing is built");
	base_msg(&m);
	m.message_id = "no-at-sign";
	T_INT(mailout_build(&m, &out, &len, err, sizeof err), -1,
	    "our Message-ID must be usable");
	T_OK(mailout_addr_valid("a.b+c_d@sub.example.co.id"), "a normal address");
	T_OK(mailout_addr_valid("x@[127.0.0.1]"), "an address literal");
	T_OK(!mailout_addr_valid("a b@x.example"), "no spaces");
	T_OK(!mailout_addr_valid("a..b@x.example"), "no doubled dots");
	T_OK(!mailout_addr_valid("a@x..example"), "no empty labels");
	T_OK(!mailout_addr_valid("\"q\"@x.example"), "no quoted local parts");
	T_OK(!mailout_addr_valid("sri@gmäil.com"), "no raw UTF-8");
	T_OK(!mailout_addr_valid("@x.example") && !mailout_addr_valid("a@"),
	    "both halves are needed");
	T_OK(!mailout_msgid_valid("a b@c") && !mailout_msgid_valid("a>@c") &&
	    mailout_msgid_valid("CAJ7v+Vw=4uE6@mail.gmail.com"),
	    "Message-ID checks");
}

static void
test_helpers(void)
{
	char out[128], d[48];

	T_INT(mailout_plus_address("pengaduan@smkn1.sch.id", "0123abcd", out,
	    sizeof out), 0, "plus address");
	T_STR(out, "pengaduan+0123abcd@smkn1.sch.id", "... local+TOKEN@domain");
	T_INT(mailout_plus_address("nodomain", "x", out, sizeof out), -1,
	    "... refused without a domain");
	T_INT(mailout_plus_address("a@b.c", "x", out, 4), -1,
	    "... refused when it does not fit");
	mailout_date(0, 7 * 3600, d, sizeof d);
	T_STR(d, "Thu, 01 Jan 1970 07:00:00 +0700", "date east of UTC");
	mailout_date(0, -(3 * 3600 + 1800), d, sizeof d);
	T_STR(d, "Wed, 31 Dec 1969 20:30:00 -0330", "date west of UTC");
}

static void
test_qp_edges(void)
{
	struct buf b;
	char line[200];

	buf_init(&b);
	mailout_qp(&b, "");
	T_STR(b.data, "", "empty text, no lines");
	buf_reset(&b);
	mailout_qp(&b, "a\n\nb");
	T_STR(b.data, "a\r\n\r\nb\r\n", "blank lines kept, last line ended");
	buf_reset(&b);
	memset(line, 'x', 74);
	strcpy(line + 74, "==");
	mailout_qp(&b, line);
	T_OK(strstr(b.data, "=\r\n=3D=3D\r\n") != NULL,
	    "an escape is never split by a soft break");
	buf_reset(&b);
	mailout_qp(&b, " \t\n");
	T_STR(b.data, " =09\r\n", "only the last white space is encoded");
	buf_free(&b);
}

int
main(void)
{
	test_plain();
	test_injection();
	test_encoded();
	test_quoted_name();
	test_reference_and_kinds();
	test_refs_and_html();
	test_files();
	test_refused();
	test_helpers();
	test_qp_edges();
	return t_done();
}
