/*
 * test_mime.c — mime_parse() on the fixture corpus (tests/data/mail, see its
 * README) and on messages built here: a 10 MB attachment, deep nesting,
 * hostile headers, LF-only copies.  Also mime_decode_header().
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "mime.h"
#include "sha256.h"
#include "utf8.h"
#include "xmalloc.h"
#include "t.h"

#define FFFD	"\xef\xbf\xbd"

static char *
mail_path(const char *name)
{
	const char *top = getenv("TOP");

	return xasprintf("%s/tests/data/mail/%s", top ? top : ".", name);
}

static char *
slurp(const char *name, size_t *len)
{
	char *path, *data = NULL;
	FILE *fp;
	long n;

	path = mail_path(name);
	if ((fp = fopen(path, "rb")) == NULL) {
		printf("# cannot open %s\n", path);
		free(path);
		return NULL;
	}
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		data = xmalloc((size_t)n + 1);
		*len = fread(data, 1, (size_t)n, fp);
		data[*len] = '\0';
	}
	fclose(fp);
	free(path);
	return data;
}

static struct mime_msg *
parse_buf(const char *raw, size_t len)
{
	struct mime_msg *m = NULL;
	char err[128] = "";

	if (mime_parse(raw, len, &m, err, sizeof(err)) == -1) {
		printf("# mime_parse: %s\n", err);
		return NULL;
	}
	return m;
}

static struct mime_msg *
load(const char *name)
{
	struct mime_msg *m;
	size_t len = 0;
	char *raw;

	if ((raw = slurp(name, &len)) == NULL) {
		return NULL;
	}
	m = parse_buf(raw, len);
	free(raw);
	T_OK(m != NULL, name);
	return m;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void
att_sha(const struct mime_attachment *a, char out[65])
{
	sha256_hex(a->data, a->size, out);
}

/* ---- invariants for every message ---- */

/* Valid UTF-8, no CR, no C0 but TAB/LF; no LF/TAB at all if oneline. */
static int
clean(const char *s, int oneline)
{
	size_t i, n;

	if (s == NULL) {
		return 1;
	}
	n = strlen(s);
	if (!utf8_valid(s, n)) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r' || (c < 0x20 && c != '\t' && c != '\n') ||
		    (oneline && (c == '\n' || c == '\t'))) {
			return 0;
		}
	}
	return 1;
}

static int
msg_clean(const struct mime_msg *m)
{
	size_t i;
	int ok = 1;

	ok &= clean(m->from.addr, 1) && clean(m->from.name, 1);
	for (i = 0; i < m->nto; i++) {
		ok &= m->to[i].addr != NULL && clean(m->to[i].addr, 1) &&
		    clean(m->to[i].name, 1);
	}
	for (i = 0; i < m->ndelivered_to; i++) {
		ok &= clean(m->delivered_to[i], 1);
	}
	for (i = 0; i < m->nreferences; i++) {
		ok &= clean(m->references[i], 1);
	}
	ok &= m->subject != NULL && clean(m->subject, 1);
	ok &= clean(m->message_id, 1) && clean(m->in_reply_to, 1) &&
	    clean(m->return_path, 1);
	ok &= m->text != NULL && m->new_text != NULL && m->text != m->new_text;
	ok &= clean(m->text, 0) && clean(m->new_text, 0);
	for (i = 0; i < m->natt; i++) {
		ok &= m->att[i].filename != NULL && m->att[i].filename[0] &&
		    clean(m->att[i].filename, 1) &&
		    strchr(m->att[i].filename, '/') == NULL &&
		    strchr(m->att[i].filename, '\\') == NULL &&
		    clean(m->att[i].content_type, 1) &&
		    strchr(m->att[i].content_type, '/') != NULL &&
		    m->att[i].data != NULL;
	}
	ok &= clean(m->dsn_original_id, 1) && clean(m->dsn_recipient, 1) &&
	    clean(m->dsn_action, 1) && clean(m->dsn_status, 1) &&
	    clean(m->dsn_diagnostic, 1);
	ok &= ((m->flags & MIME_F_NO_MESSAGE_ID) != 0) == (m->message_id == NULL);
	return ok;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every corpus file: messages parse clean, the non-message is refused. */
static void
test_corpus_invariants(void)
{
	struct mime_msg *m;
	struct dirent *de;
	char **names = NULL, *dir, *raw, err[128], what[160];
	size_t n = 0, i, len;
	DIR *d;

	dir = mail_path("");
	if ((d = opendir(dir)) == NULL) {
		T_OK(0, "fixture directory opens");
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len > 4 && strcmp(de->d_name + len - 4, ".eml") == 0) {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	free(dir);
	qsort(names, n, sizeof(*names), cmp_str);
	T_OK(n >= 31, "corpus has at least 31 fixtures");
	for (i = 0; i < n; i++) {
		if ((raw = slurp(names[i], &len)) == NULL) {
			continue;
		}
		T_OK(len < 60 * 1024, names[i]);
		err[0] = '\0';
		m = NULL;
		if (strncmp(names[i], "99-", 3) == 0) {
			snprintf(what, sizeof(what), "%s is refused", names[i]);
			T_OK(mime_parse(raw, len, &m, err, sizeof(err)) == -1 &&
			    m == NULL && err[0] != '\0', what);
		} else {
			snprintf(what, sizeof(what), "%s parses", names[i]);
			T_OK(mime_parse(raw, len, &m, err, sizeof(err)) == 0, what);
			snprintf(what, sizeof(what),
			    "%s: every string valid UTF-8, no CR/controls", names[i]);
			T_OK(m != NULL && msg_clean(m), what);
		}
		mime_free(m);
		free(raw);
		free(names[i]);
	}
	free(names);
}

/* ---- the corpus, file by file ---- */

static void
test_01_plain_id(void)
{
	struct mime_msg *m = load("01-plain-id.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->from.addr, "sri.wahyuni78@gmail.com", "01 from address");
	T_STR(m->from.name, "Sri Wahyuni", "01 from name");
	T_STR(m->subject, "Keluhan nilai rapor anak saya", "01 subject");
	T_STR(m->message_id,
	    "CAJ7v+Vw3kQ9p2Lr1x0mNbT5_Yq8sZfHc=4uE6@mail.gmail.com",
	    "01 message-id without brackets");
	T_OK(m->in_reply_to == NULL && m->nreferences == 0, "01 not a reply");
	T_INT(m->date, 1768180461, "01 date +0700 to UTC");
	T_INT(m->nto, 1, "01 one recipient");
	T_STR(m->nto ? m->to[0].addr : NULL, "pengaduan@smkn1.sch.id", "01 to");
	T_INT(m->ndelivered_to, 1, "01 delivered-to");
	T_STR(m->return_path, "sri.wahyuni78@gmail.com", "01 return-path");
	T_INT(m->flags, 0, "01 no flags");
	T_OK(strncmp(m->text, "Selamat pagi Bapak/Ibu,\n\nSaya Sri Wahyuni", 40)
	    == 0, "01 text starts with the greeting, LF line ends");
	T_CONTAINS(m->text, "Nilai mata pelajaran Matematika di rapor tertulis 58",
	    "01 text body");
	T_OK(strlen(m->text) > 0 && m->text[strlen(m->text) - 1] == 'i',
	    "01 text trimmed at the end");
	T_STR(m->new_text, m->text, "01 nothing to strip");
	T_INT(m->natt, 0, "01 no attachment");
	mime_free(m);
}

static void
test_02_plain_en(void)
{
	struct mime_msg *m = load("02-plain-en.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->from.addr, "d.miller@northwind-logistics.com", "02 from");
	T_STR(m->from.name, "David Miller", "02 from name");
	T_STR(m->subject,
	    "Complaint: broken toilets and leaking roof in Workshop B",
	    "02 subject");
	T_INT(m->nto, 2, "02 To and Cc");
	T_STR(m->nto > 1 ? m->to[1].addr : NULL, "wakasek.sarpras@smkn1.sch.id",
	    "02 Cc lower-cased");
	T_STR(m->nto > 1 ? m->to[1].name : NULL, "Wakasek Sarpras",
	    "02 Cc quoted name unquoted");
	T_INT(m->ndelivered_to, 1, "02 Delivered-To and X-Original-To deduped");
	T_INT(m->date, 1768298565, "02 date");
	T_CONTAINS(m->text, "-- \nDavid Miller | Training Coordinator",
	    "02 text keeps the signature");
	T_OK(strstr(m->new_text, "Training Coordinator") == NULL,
	    "02 new_text drops the '-- ' signature");
	T_OK(ends_with(m->new_text, "Kind regards,\nDavid Miller"),
	    "02 new_text ends before the signature");
	mime_free(m);
}

static void
test_03_lf_only(void)
{
	struct mime_msg *m = load("03-lf-only-id.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->from.addr, "rizky_pratama07@yahoo.co.id", "03 LF-only from");
	T_STR(m->subject, "Kipas angin kelas XI TKJ 1 rusak", "03 subject");
	T_STR(m->message_id, "1480298471.2291715.1768285198123@mail.yahoo.com",
	    "03 message-id");
	T_INT(m->date, 1768285198, "03 date (UTC) ");
	T_CONTAINS(m->text, "Dikirim dari Yahoo Mail di Android", "03 text");
	T_STR(m->new_text, "Assalamualaikum,\nSaya Rizky dari kelas XI TKJ 1. "
	    "Kipas angin di kelas kami sudah rusak\nsejak dua minggu lalu, "
	    "dua-duanya tidak mau menyala. Siang hari kelas\nsangat panas "
	    "sehingga kami susah konsentrasi belajar.\nMohon segera diperbaiki. "
	    "Terima kasih.", "03 new_text without 'Dikirim dari' line");
	mime_free(m);
}

static void
test_04_outlook(void)
{
	struct mime_msg *m = load("04-outlook-1252.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->from.addr, "hendra.wijaya@outlook.com", "04 from");
	T_STR(m->message_id, "SG2PR06MB5311E2A4C1B7F0D9A3C6B8E1D5F2A3B4@"
	    "SG2PR06MB5311.apcprd06.prod.outlook.com",
	    "04 folded Message-ID");
	T_STR(m->in_reply_to, "pengumuman.ujian.2026.01@smkn1.sch.id",
	    "04 in-reply-to");
	T_INT(m->flags & MIME_F_HTML_ONLY, 0, "04 text/plain alternative chosen");
	T_CONTAINS(m->text, "jadwal \xe2\x80\x9cUji Kompetensi\xe2\x80\x9d dari",
	    "04 windows-1252 QP curly quotes");
	T_CONTAINS(m->text, "sebelumnya \xe2\x80\x93 tidak", "04 en dash");
	T_CONTAINS(m->text, "-----Original Message-----", "04 text keeps history");
	T_OK(strstr(m->new_text, "Original Message") == NULL &&
	    strstr(m->new_text, "Dengan hormat") == NULL,
	    "04 new_text cut at -----Original Message-----");
	T_OK(ends_with(m->new_text, "\nHendra Wijaya"),
	    "04 new_text ends with the signature name");
	T_INT(m->natt, 0, "04 html alternative is not an attachment");
	mime_free(m);
}

static void
test_05_gmail_followup(void)
{
	struct mime_msg *m = load("05-gmail-followup-of-01.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->from.addr, "sri.wahyuni78@gmail.com", "05 same sender as 01");
	T_STR(m->subject, "Re: Keluhan nilai rapor anak saya", "05 subject");
	T_STR(m->in_reply_to,
	    "CAJ7v+Vw3kQ9p2Lr1x0mNbT5_Yq8sZfHc=4uE6@mail.gmail.com",
	    "05 in-reply-to is 01's Message-ID");
	T_INT(m->nreferences, 1, "05 one reference");
	T_STR(m->nreferences ? m->references[0] : NULL,
	    "CAJ7v+Vw3kQ9p2Lr1x0mNbT5_Yq8sZfHc=4uE6@mail.gmail.com",
	    "05 references 01");
	T_CONTAINS(m->text, "Mohon ditindaklanjuti \xf0\x9f\x99\x8f",
	    "05 UTF-8 QP with a 4-byte emoji");
	T_CONTAINS(m->text, "> Saya Sri Wahyuni, orang tua dari Andi Pratama",
	    "05 text keeps the quote");
	T_CONTAINS(m->new_text, "Menambahkan keluhan saya kemarin",
	    "05 new_text has the new part");
	T_OK(strstr(m->new_text, "orang tua dari Andi Pratama") == NULL,
	    "05 new_text has no quoted text");
	T_OK(strstr(m->new_text, "wrote:") == NULL,
	    "05 new_text has no (wrapped) attribution");
	mime_free(m);
}

static void
test_06_flowed(void)
{
	struct mime_msg *m = load("06-thunderbird-flowed-latin1.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->from.name, "Zo\xc3\xab Clarke", "06 RFC 2047 Q name");
	T_CONTAINS(m->text, "on Wednesday, we found that at least nine",
	    "06 format=flowed soft breaks joined");
	T_CONTAINS(m->text, "Mr Agust\xc3\xadn Ram\xc3\xadrez",
	    "06 iso-8859-1 letters");
	T_CONTAINS(m->text, "\xc2\xa3" "20 deposit", "06 pound sign");
	T_CONTAINS(m->text, "-- \nZo\xc3\xab Clarke",
	    "06 '-- ' kept (not flowed)");
	T_OK(strstr(m->new_text, "Brightwave") == NULL &&
	    strstr(m->new_text, "Kind regards,\nZo\xc3\xab") != NULL,
	    "06 new_text without signature");
	mime_free(m);
}

static void
test_07_base64(void)
{
	struct mime_msg *m = load("07-base64-id.eml");

	if (m == NULL) {
		return;
	}
	T_CONTAINS(m->text, "sudah \xe2\x80\x9cpenilaian\nakhir\xe2\x80\x9d.",
	    "07 base64 UTF-8 body, CRLF to LF");
	T_CONTAINS(m->text, "Terima kasih \xf0\x9f\x98\x8a", "07 emoji");
	T_OK(strstr(m->new_text, "Samsung") == NULL &&
	    strstr(m->new_text, "Nabila Putri") != NULL,
	    "07 'Dikirim dari ponsel' signature cut");
	mime_free(m);
}

static void
test_08_cp1252(void)
{
	struct mime_msg *m = load("08-windows-1252-curly.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->from.name, "Sarah O\xe2\x80\x99" "Connor",
	    "08 windows-1252 encoded-word name");
	T_STR(m->subject, "Internship assessment results \xe2\x80\x93 still "
	    "missing", "08 windows-1252 subject");
	T_CONTAINS(m->text, "\xe2\x80\x9cindustrial practice\xe2\x80\x9d",
	    "08 curly double quotes");
	T_CONTAINS(m->text, "students\xe2\x80\x99 reports", "08 apostrophe");
	T_CONTAINS(m->text, "\xe2\x82\xac" "150", "08 euro sign");
	T_CONTAINS(m->text, "behalf\xe2\x80\xa6 could", "08 ellipsis");
	T_INT(m->date, 1768556395, "08 date -0000");
	T_INT(m->flags & MIME_F_REPLACED, 0, "08 nothing replaced");
	mime_free(m);
}

static void
test_09_rfc2047(void)
{
	struct mime_msg *m = load("09-rfc2047-subject.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->subject, "Atap bocor di kelas X AKL 2 \xe2\x80\x93 mohon segera "
	    "diperbaiki (caf\xc3\xa9 kantin juga)",
	    "09 folded UTF-8 B + ISO-8859-1 Q subject");
	T_STR(m->from.name, "Dewi Lestari", "09 Q-encoded name");
	T_CONTAINS(m->text, "(caf\xc3\xa9 \xe2\x80\x9cSerba Ada\xe2\x80\x9d)",
	    "09 UTF-8 QP body");
	mime_free(m);
}

static void
test_10_html_only(void)
{
	struct mime_msg *m = load("10-html-only.eml");

	if (m == NULL) {
		return;
	}
	T_OK(m->flags & MIME_F_HTML_ONLY, "10 MIME_F_HTML_ONLY");
	T_STR(m->text,
	    "Yth. Bapak/Ibu Wakil Kepala Sekolah bidang Sarana Prasarana,\n"
	    "\n"
	    "Saya ingin melaporkan kondisi sarana di kelas XII AKL 1:\n"
	    "\n"
	    "- Kursi yang patah: 7 buah\n"
	    "- Meja goyang & berlubang: 4 buah\n"
	    "- AC tidak dingin sejak \xc2\xb1" "2 minggu (suhu > 30\xc2\xb0" "C)\n"
	    "\n"
	    "Foto-foto bisa dilihat di folder ini <https://drive.google.com/"
	    "drive/folders/1AbCdEfGhIjK?usp=sharing&hl=id>.\n"
	    "\n"
	    "Terima kasih atas perhatiannya.\n"
	    "Bambang Sutrisno\n"
	    "Ketua Komite Kelas XII AKL 1", "10 HTML made readable");
	T_OK(strstr(m->text, "trackOpen") == NULL &&
	    strstr(m->text, "margin") == NULL &&
	    strstr(m->text, "Laporan sarana") == NULL,
	    "10 script, style, head dropped");
	mime_free(m);
}

static void
test_11_attachments(void)
{
	struct mime_msg *m = load("11-attachments.eml");
	char h[65];

	if (m == NULL) {
		return;
	}
	T_CONTAINS(m->text, "saya lampirkan foto toilet siswa", "11 text part");
	T_INT(m->natt, 3, "11 three attachments");
	if (m->natt != 3) {
		mime_free(m);
		return;
	}
	T_STR(m->att[0].filename, "Foto Toilet Lantai 2 \xe2\x80\x93 rusak.jpg",
	    "11 RFC 2231 filename* decoded, preferred to name=");
	T_STR(m->att[0].content_type, "image/jpeg", "11 jpeg type");
	T_INT(m->att[0].size, 444, "11 jpeg size");
	T_OK(m->att[0].data[0] == 0xff && m->att[0].data[1] == 0xd8,
	    "11 jpeg magic");
	att_sha(&m->att[0], h);
	T_STR(h, "19723510733a7e2d25ee1d1212438cdea8a09b659babe2412c6a683a00ac5bb3",
	    "11 jpeg bytes");
	T_STR(m->att[1].filename, "Surat Keluhan Toilet.pdf",
	    "11 Windows path stripped from filename");
	T_STR(m->att[1].content_type, "application/pdf", "11 pdf type");
	T_INT(m->att[1].size, 466, "11 pdf size");
	att_sha(&m->att[1], h);
	T_STR(h, "f18981a0c336576380e9a9534aec364595b3fec2d328d8607f402b753adbb9e2",
	    "11 pdf bytes");
	T_STR(m->att[2].filename, "attachment-3", "11 nameless inline image");
	T_STR(m->att[2].content_type, "image/png", "11 png type");
	T_INT(m->att[2].size, 70, "11 png size");
	mime_free(m);
}

static void
test_12_second_followup(void)
{
	struct mime_msg *m = load("12-gmail-followup-of-05.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->in_reply_to,
	    "CAJ7v+Vx8dR2mK5w0aQ7cLp3_eN1tYb6Gz=9fH2@mail.gmail.com",
	    "12 in-reply-to is 05");
	T_INT(m->nreferences, 2, "12 folded References, two ids");
	T_STR(m->nreferences == 2 ? m->references[0] : NULL,
	    "CAJ7v+Vw3kQ9p2Lr1x0mNbT5_Yq8sZfHc=4uE6@mail.gmail.com",
	    "12 first reference is 01");
	T_STR(m->nreferences == 2 ? m->references[1] : NULL,
	    "CAJ7v+Vx8dR2mK5w0aQ7cLp3_eN1tYb6Gz=9fH2@mail.gmail.com",
	    "12 second reference is 05");
	T_STR(m->new_text, "Selamat siang,\n\nSudah tiga hari belum ada kabar "
	    "dari sekolah. Anak saya juga bilang nilai\ntugas proyeknya masih "
	    "kosong di aplikasi rapor. Mohon segera ada kepastian\nsebelum rapor "
	    "dibagikan hari Sabtu.\n\nSri Wahyuni",
	    "12 new_text cut at wrapped 'Pada ... menulis:'");
	T_CONTAINS(m->text, "menulis:\n\n> Selamat malam,", "12 text kept whole");
	mime_free(m);
}

static void
test_13_auto_reply(void)
{
	struct mime_msg *m = load("13-auto-reply-ooo.eml");

	if (m == NULL) {
		return;
	}
	T_OK(m->flags & MIME_F_AUTO_SUBMITTED, "13 auto-replied");
	T_INT(m->flags & (MIME_F_BOUNCE | MIME_F_BULK), 0, "13 not bounce/bulk");
	T_STR(m->in_reply_to, "KEL.ack.x1@smkn1.sch.id",
	    "13 in-reply-to our acknowledgement");
	T_STR(m->nto ? m->to[0].name : NULL,
	    "SMK Negeri 1 Contoh - Layanan Pengaduan", "13 to name");
	mime_free(m);
}

static void
test_14_bounce(void)
{
	struct mime_msg *m = load("14-bounce-dsn.eml");

	if (m == NULL) {
		return;
	}
	T_OK(m->flags & MIME_F_BOUNCE, "14 bounce");
	T_OK(m->flags & MIME_F_NULL_SENDER, "14 null sender");
	T_INT(m->flags & MIME_F_LOOP, 0,
	    "14 loop header of the returned message is not ours");
	T_STR(m->return_path, "", "14 Return-Path <> is \"\"");
	T_STR(m->from.addr, "mailer-daemon@smkn1.sch.id", "14 from");
	T_STR(m->from.name, "Mail Delivery System", "14 name from comment");
	T_STR(m->dsn_original_id, "ack.1.test@smkn1.sch.id",
	    "14 dsn_original_id from the returned message");
	T_STR(m->dsn_recipient, "sri.wahyuni87@gmail.com", "14 Final-Recipient");
	T_STR(m->dsn_action, "failed", "14 Action");
	T_STR(m->dsn_status, "5.1.1", "14 Status");
	T_STR(m->dsn_diagnostic, "550-5.1.1 The email account that you tried to "
	    "reach does not exist. Please try double-checking the recipient's "
	    "email address for typos or unnecessary spaces.",
	    "14 Diagnostic-Code unfolded, without 'smtp;'");
	T_CONTAINS(m->text, "This is the mail system at host mx.smkn1.sch.id.",
	    "14 text is the human-readable part");
	T_OK(strstr(m->text, "Pengaduan Anda telah kami terima dengan") == NULL,
	    "14 returned message not merged into text");
	T_INT(m->natt, 2, "14 report parts are attachments");
	T_STR(m->natt == 2 ? m->att[1].filename : NULL,
	    "[KEL-2026-000001] Pengaduan Anda telah kami terima.eml",
	    "14 returned message named after its subject");
	T_STR(m->natt == 2 ? m->att[1].content_type : NULL, "message/rfc822",
	    "14 message/rfc822");
	mime_free(m);
}

static void
test_15_list(void)
{
	struct mime_msg *m = load("15-mailing-list.eml");

	if (m == NULL) {
		return;
	}
	T_OK((m->flags & (MIME_F_LIST | MIME_F_BULK)) ==
	    (MIME_F_LIST | MIME_F_BULK), "15 List-Id and Precedence: list");
	T_INT(m->flags & MIME_F_AUTO_SUBMITTED, 0, "15 not auto-submitted");
	T_STR(m->ndelivered_to ? m->delivered_to[0] : NULL,
	    "pengaduan@smkn1.sch.id", "15 delivered-to us");
	T_OK(strstr(m->new_text, "Google Groups") == NULL,
	    "15 list footer after '-- ' cut");
	mime_free(m);
}

static void
test_16_no_message_id(void)
{
	struct mime_msg *m = load("16-no-message-id.eml");

	if (m == NULL) {
		return;
	}
	T_OK(m->message_id == NULL && (m->flags & MIME_F_NO_MESSAGE_ID),
	    "16 no Message-ID flagged");
	T_INT(m->flags & MIME_F_MALFORMED, 0, "16 otherwise well-formed");
	T_STR(m->from.addr, "yusuf.hidayat@indosat.net.id", "16 from");
	T_STR(m->from.name, "Yusuf Hidayat", "16 name from 'addr (Name)'");
	T_CONTAINS(m->text, "Toilet siswa di lantai 2 gedung A", "16 LF text");
	mime_free(m);
}

static void
test_17_malformed(void)
{
	struct mime_msg *m = load("17-malformed-headers.eml");

	if (m == NULL) {
		return;
	}
	T_OK(m->flags & MIME_F_MALFORMED, "17 MIME_F_MALFORMED");
	T_STR(m->from.addr, "joko.susilo@yahoo.co.id", "17 From without '>'");
	T_STR(m->from.name, "Pak Joko", "17 name of the broken From");
	T_STR(m->subject, "Uang kas kelas dan nilai praktik", "17 subject");
	T_STR(m->message_id, "malformed.17.joko@yahoo.co.id",
	    "17 fields after the garbage line still read");
	T_INT(m->date, 0, "17 no Date");
	T_CONTAINS(m->text, "untuk \xe2\x80\x9cuang kas praktik\xe2\x80\x9d, dan",
	    "17 charset x-unknown falls back to windows-1252");
	T_OK(strstr(m->text, "this line is not a header") == NULL &&
	    strstr(m->text, "Content-Type") == NULL,
	    "17 header block did not leak into the body");
	mime_free(m);
}

static void
test_18_invalid_utf8(void)
{
	struct mime_msg *m = load("18-invalid-utf8.eml");

	if (m == NULL) {
		return;
	}
	T_OK(m->flags & MIME_F_REPLACED, "18 MIME_F_REPLACED");
	T_CONTAINS(m->text, "Ruang praktik " FFFD FFFD " kotor",
	    "18 each bad byte one U+FFFD");
	T_CONTAINS(m->text, "ke CPU " FFFD FFFD " komputer",
	    "18 truncated sequence replaced, not dropped");
	T_CONTAINS(m->text, "Kode " FFFD FFFD " ini", "18 overlong replaced");
	mime_free(m);
}

static void
test_19_to_21(void)
{
	struct mime_msg *m;

	if ((m = load("19-newsletter-bulk.eml")) != NULL) {
		T_OK(m->flags & MIME_F_BULK, "19 Precedence: bulk");
		T_OK(m->flags & MIME_F_LIST, "19 List-Unsubscribe");
		T_INT(m->flags & MIME_F_HTML_ONLY, 0, "19 plain alternative");
		mime_free(m);
	}
	if ((m = load("20-loop-header.eml")) != NULL) {
		T_OK(m->flags & MIME_F_LOOP, "20 X-Complaintd-Loop");
		T_OK(m->flags & MIME_F_AUTO_SUBMITTED, "20 auto-generated");
		T_STR(m->subject, "[KEL-2026-000002] Pengaduan baru: Complaint: "
		    "broken toilets and leaking roof in Workshop B",
		    "20 folded plain subject unfolded");
		mime_free(m);
	}
	if ((m = load("21-officer-plain.eml")) != NULL) {
		T_STR(m->from.addr, "wakasek.kurikulum@smkn1.sch.id", "21 officer");
		T_STR(m->from.name, "Drs. Suparman, M.Pd.",
		    "21 quoted name with comma");
		T_OK(m->in_reply_to == NULL && m->nreferences == 0,
		    "21 no reference");
		T_INT(m->flags, 0, "21 no flags");
		T_CONTAINS(m->text, "hari Kamis, 22 Januari 2026 pukul 13.00",
		    "21 flowed UTF-8 joined");
		mime_free(m);
	}
}

static void
test_22_forward(void)
{
	struct mime_msg *m = load("22-forward-rfc822.eml");

	if (m == NULL) {
		return;
	}
	T_STR(m->text, "Selamat pagi,\n\nSaya teruskan pesan dari anak saya, "
	    "Aditya (kelas X TKJ 1). Mohon\nditindaklanjuti.\n\nRatna Dewi\n\n"
	    "-------- Forwarded message --------\n"
	    "From: Aditya Nugraha <aditya.tkj1@gmail.com>\n"
	    "Date: Mon, 19 Jan 2026 21:10:44 +0700\n"
	    "Subject: Kipas angin kelas X TKJ 1 mati\n\n"
	    "Bu, kipas angin di kelas kami sudah mati seminggu. Tolong "
	    "sampaikan ke\nsekolah ya Bu \xe2\x80\x93 teman-teman banyak yang "
	    "pusing karena kepanasan.",
	    "22 text: the cover note, then the forwarded message with whose "
	    "it was");
	T_STR(m->new_text, m->text, "22 new text: the forwarded complaint too");
	T_INT(m->natt, 1, "22 forwarded message is one attachment");
	T_STR(m->natt ? m->att[0].content_type : NULL, "message/rfc822",
	    "22 type");
	T_STR(m->natt ? m->att[0].filename : NULL,
	    "Kipas angin kelas X TKJ 1 mati.eml", "22 .eml named by subject");
	T_OK(m->natt && m->att[0].size > 400 &&
	    memcmp(m->att[0].data, "Return-Path:", 12) == 0,
	    "22 attachment holds the whole message");
	T_INT(m->flags & MIME_F_BOUNCE, 0, "22 not a bounce");
	T_OK(m->dsn_original_id == NULL, "22 no dsn fields");
	mime_free(m);
}

static void
test_23_to_25(void)
{
	struct mime_msg *m, *d;

	if ((m = load("23-empty-body.eml")) != NULL) {
		T_STR(m->text, "", "23 empty body gives \"\"");
		T_STR(m->new_text, "", "23 empty new_text");
		T_STR(m->subject, "AC lab komputer 2 mati total", "23 subject");
		mime_free(m);
	}
	if ((m = load("24-long-subject.eml")) != NULL) {
		T_STR(m->subject, "Keluhan tentang banyaknya pungutan tambahan di "
		    "kelas XI AKL 3: uang kas, uang praktik, uang fotokopi modul, "
		    "uang kegiatan class meeting, iuran perpisahan kakak kelas, "
		    "sumbangan pembangunan mushola, biaya seragam olahraga baru, "
		    "biaya kunjungan industri ke Surabaya, dan iuran "
		    "\xe2\x80\x9ckomite\xe2\x80\x9d yang tidak pernah jelas "
		    "penggunaannya \xe2\x80\x93 mohon penjelasan tertulis dari pihak "
		    "sekolah sebelum akhir bulan Januari 2026 karena kami orang tua "
		    "merasa sangat keberatan dengan semua pungutan ini",
		    "24 long folded subject with encoded words");
		mime_free(m);
	}
	m = load("02-plain-en.eml");
	d = load("25-duplicate-of-02.eml");
	if (m != NULL && d != NULL) {
		T_STR(d->message_id, m->message_id, "25 same Message-ID as 02");
		T_STR(d->text, m->text, "25 same text as 02");
	}
	mime_free(m);
	mime_free(d);
}

static void
test_26_to_28(void)
{
	struct mime_msg *m;

	if ((m = load("26-officer-reply-command.eml")) != NULL) {
		T_STR(m->from.addr, "wakasek.sarpras@smkn1.sch.id", "26 officer");
		T_STR(m->in_reply_to, "KEL.notify.2.1@smkn1.sch.id",
		    "26 replies to our notification");
		T_CONTAINS(m->new_text, "\n#selesai\n", "26 command kept");
		T_OK(strstr(m->new_text, "Pesan Asli") == NULL &&
		    strstr(m->new_text, "Pelapor:") == NULL,
		    "26 new_text cut at -----Pesan Asli-----");
		mime_free(m);
	}
	if ((m = load("27-outlook-id-followup-of-04.eml")) != NULL) {
		T_STR(m->in_reply_to, "SG2PR06MB5311E2A4C1B7F0D9A3C6B8E1D5F2A3B4@"
		    "SG2PR06MB5311.apcprd06.prod.outlook.com",
		    "27 in-reply-to is 04 (folded header)");
		T_INT(m->nreferences, 2, "27 two references");
		T_STR(m->new_text, "Selamat pagi,\n\nMenindaklanjuti email saya "
		    "sebelumnya: sampai hari ini belum ada jawaban\napakah jadwal "
		    "ujian praktik anak saya bisa dipindahkan. Ujian dimulai\n"
		    "besok. Mohon kabar secepatnya.\n\nSalam,\nHendra Wijaya",
		    "27 new_text cut at 'Dari: Dikirim: Kepada:' and the rule");
		mime_free(m);
	}
	if ((m = load("28-reply-to-ack-iphone.eml")) != NULL) {
		T_STR(m->subject, "Re: [KEL-2026-000011] Pengaduan Anda telah kami "
		    "terima", "28 subject carries our reference");
		T_STR(m->in_reply_to, "KEL.ack.11@smkn1.sch.id", "28 in-reply-to");
		T_STR(m->new_text, "Terima kasih. Tambahan: keran di toilet lantai "
		    "1 juga bocor, airnya\nmenggenang sampai ke lorong.",
		    "28 new_text without 'Sent from my iPhone' and quote");
		mime_free(m);
	}
}

static void
test_29_to_31(void)
{
	struct mime_msg *m;

	if ((m = load("29-bounce-nonstandard.eml")) != NULL) {
		T_OK((m->flags & (MIME_F_BOUNCE | MIME_F_NULL_SENDER)) ==
		    (MIME_F_BOUNCE | MIME_F_NULL_SENDER),
		    "29 qmail 'failure notice' is a bounce");
		T_STR(m->dsn_original_id, "ack.2.test@smkn1.sch.id",
		    "29 id of the returned copy in the text");
		T_OK(m->dsn_recipient == NULL && m->dsn_status == NULL,
		    "29 no delivery-status fields");
		T_INT(m->date, 1768692658, "29 date without weekday, -0000");
		mime_free(m);
	}
	if ((m = load("30-apple-related-inline.eml")) != NULL) {
		char h[65];

		T_INT(m->flags & MIME_F_HTML_ONLY, 0, "30 text/plain chosen");
		T_OK(strstr(m->new_text, "iPhone") == NULL &&
		    strstr(m->new_text, "Lina Marlina") != NULL,
		    "30 'Sent from my iPhone' cut");
		T_INT(m->natt, 1, "30 inline image of the HTML alternative kept");
		T_STR(m->natt ? m->att[0].filename : NULL, "IMG_0421.jpeg",
		    "30 image name");
		T_INT(m->natt ? m->att[0].size : 0, 335, "30 image size");
		if (m->natt) {
			att_sha(&m->att[0], h);
			T_STR(h, "f039b47bd2f4007e2f749aaac8453404f1ba1d54df334fd7"
			    "53905217eb138db9", "30 image bytes");
		}
		mime_free(m);
	}
	if ((m = load("31-read-receipt-mdn.eml")) != NULL) {
		T_OK(m->flags & MIME_F_AUTO_SUBMITTED,
		    "31 read receipt is automatic");
		T_INT(m->flags & MIME_F_BOUNCE, 0, "31 MDN is not a bounce");
		T_OK(m->flags & MIME_F_REPORT, "31 MDN is a report");
		mime_free(m);
	}
}

/* ---- senders written badly ---- */

static void
test_32_to_36(void)
{
	struct mime_msg *m;

	if ((m = load("32-from-two-addresses.eml")) != NULL) {
		T_OK(m->from.addr == NULL,
		    "32 two bare addresses in From: no sender, not a glued one");
		T_OK(m->flags & MIME_F_MALFORMED, "32 flagged malformed");
		T_CONTAINS(m->text, "tempat parkir", "32 the text is kept");
		mime_free(m);
	}
	if ((m = load("33-from-name-unbracketed.eml")) != NULL) {
		T_STR(m->from.addr, "harun.wibowo@telkom.net",
		    "33 'Name addr' without brackets: the address");
		T_STR(m->from.name, "Harun Wibowo", "33 ... and the name");
		mime_free(m);
	}
	if ((m = load("34-from-comments.eml")) != NULL) {
		T_STR(m->from.addr, "ratna.sari@pemkot-contoh.go.id",
		    "34 comments inside the address dropped");
		T_STR(m->from.name, "Bu Ratna Sari", "34 name");
		T_STR(m->nto ? m->to[0].addr : NULL, "pengaduan@smkn1.sch.id",
		    "34 a comment inside a recipient's address too");
		mime_free(m);
	}
	if ((m = load("35-eudora-8bit-word.eml")) != NULL) {
		T_STR(m->subject, "Lantai kantin licin \xe2\x80\x93 caf\xc3\xa9 "
		    "tutup", "35 raw 8-bit bytes inside an RFC 2047 word decoded");
		T_STR(m->from.name, "Andr\xc3\xa9 Siregar",
		    "35 ... in the display name too");
		T_INT(m->flags & MIME_F_REPLACED, 0, "35 nothing replaced");
		mime_free(m);
	}
	if ((m = load("36-utf8-name-bad-tail.eml")) != NULL) {
		T_STR(m->from.name, "Siti Nur\xe2\x80\x99" "aini \xe2\x80\x93 "
		    "Orang Tua Siswa" FFFD, "36 one cut-off byte at the end: "
		    "the name stays UTF-8, that byte U+FFFD");
		T_OK(m->flags & MIME_F_REPLACED, "36 MIME_F_REPLACED");
		mime_free(m);
	}
}

/* ---- bodies written badly ---- */

static void
test_37_to_39(void)
{
	struct mime_msg *m;

	if ((m = load("37-bad-base64-alternative.eml")) != NULL) {
		T_STR(m->text, "Selamat siang,\n\nProyektor di lab multimedia "
		    "sudah tiga minggu mati, guru mengajar tanpa tayangan. Mohon "
		    "segera diganti atau diperbaiki.\n\nTerima kasih,\nYohanes "
		    "Simanjuntak", "37 text part wrongly labelled base64: the "
		    "HTML alternative is the text");
		T_OK((m->flags & (MIME_F_HTML_ONLY | MIME_F_MALFORMED)) ==
		    (MIME_F_HTML_ONLY | MIME_F_MALFORMED),
		    "37 made from HTML, flagged malformed");
		T_INT(m->flags & MIME_F_REPLACED, 0, "37 no garbage decoded");
		mime_free(m);
	}
	if ((m = load("38-bom-before-headers.eml")) != NULL) {
		T_STR(m->from.addr, "dimas.prasetyo@yahoo.co.id",
		    "38 a BOM before the header: the From is read");
		T_STR(m->subject, "Jadwal piket kebersihan tidak adil",
		    "38 ... and the subject");
		T_INT(m->flags & MIME_F_MALFORMED, 0, "38 not malformed");
		mime_free(m);
	}
	if ((m = load("39-html-meta-charset.eml")) != NULL) {
		T_CONTAINS(m->text, "Lim Siu Lan (\xe6\x9e\x97\xe7\xa7\x80"
		    "\xe5\x85\xb0)", "39 HTML without a MIME charset: its "
		    "<meta> charset (gb2312) is used");
		T_INT(m->flags & MIME_F_REPLACED, 0, "39 nothing replaced");
		mime_free(m);
	}
}

/* ---- what the officer must see ---- */

static void
test_42_to_45(void)
{
	struct mime_msg *m;

	if ((m = load("42-named-text-part.eml")) != NULL) {
		T_STR(m->text, "Atap ruang praktik otomotif bocor di atas mesin "
		    "bubut. Kalau hujan air\nmenetes ke panel listrik, berbahaya "
		    "untuk siswa.", "42 a named inline text part is the text");
		T_INT(m->natt, 2, "42 ... kept as a file too, with the photo");
		T_STR(m->natt ? m->att[0].filename : NULL, "pesan.txt",
		    "42 its name");
		mime_free(m);
	}
	if ((m = load("43-text-file-only.eml")) != NULL) {
		T_CONTAINS(m->text, "mengeluhkan biaya study tour",
		    "43 empty body: the attached .txt is the text");
		T_STR(m->new_text, m->text, "43 ... the new text too");
		T_INT(m->natt, 1, "43 the .txt stays an attachment");
		mime_free(m);
	}
	if ((m = load("44-photo-only.eml")) != NULL) {
		T_STR(m->text, "", "44 a photo alone: no text");
		T_INT(m->natt, 1, "44 ... one attachment");
		T_STR(m->natt ? m->att[0].content_type : NULL, "image/jpeg",
		    "44 the photo");
		mime_free(m);
	}
	if ((m = load("45-digest.eml")) != NULL) {
		T_CONTAINS(m->text, "Berikut dua keluhan orang tua",
		    "45 the cover note");
		T_CONTAINS(m->text, "-------- Forwarded message --------\n"
		    "From: Yuliana <yuliana.ortu@gmail.com>\nDate: Wed, 04 Feb "
		    "2026 15:02:00 +0700\nSubject: Jam pulang berubah tanpa "
		    "pemberitahuan\n\nJam pulang hari Rabu",
		    "45 the digest's first message, with whose it was");
		T_CONTAINS(m->new_text, "Buku paket akuntansi",
		    "45 the second one, in the new text too");
		T_INT(m->natt, 2, "45 each message also an attachment");
		mime_free(m);
	}
}

/* ---- reports, no-reply senders, reused Message-IDs ---- */

static void
test_40_41_46_to_48(void)
{
	struct mime_msg *m, *a;
	char h1[65], h2[65];
	char *raw, *again;
	size_t len;

	if ((m = load("40-noreply-webform.eml")) != NULL) {
		T_OK(m->flags & MIME_F_NOREPLY, "40 a no-reply sender");
		T_INT(m->flags & (MIME_F_AUTO_SUBMITTED | MIME_F_REPORT), 0,
		    "40 ... but not automatic: a web form's complaint");
		mime_free(m);
	}
	if ((m = load("41-abuse-feedback-report.eml")) != NULL) {
		T_OK(m->flags & MIME_F_REPORT,
		    "41 an ARF feedback report is a report");
		T_INT(m->flags & MIME_F_BOUNCE, 0, "41 ... not a bounce");
		T_OK(strstr(m->text, "Pengaduan Anda telah kami terima") == NULL,
		    "41 the reported message is not merged into the text");
		mime_free(m);
	}
	if ((m = load("46-dsn-in-mixed.eml")) != NULL) {
		T_OK((m->flags & (MIME_F_BOUNCE | MIME_F_REPORT)) ==
		    (MIME_F_BOUNCE | MIME_F_REPORT), "46 a delivery-status part "
		    "in multipart/mixed: a bounce");
		T_STR(m->dsn_status, "5.2.2", "46 its Status");
		T_STR(m->dsn_original_id, "ack.3.test@smkn1.sch.id",
		    "46 the message it returns");
		mime_free(m);
	}
	m = load("47-localhost-id-a.eml");
	a = load("48-localhost-id-b.eml");
	if (m != NULL && a != NULL) {
		T_STR(m->message_id, a->message_id, "47/48 the same Message-ID");
		mime_content_hash(m, h1);
		mime_content_hash(a, h2);
		T_OK(strcmp(h1, h2) != 0, "47/48 ... different content hashes");
		T_INT(strlen(h1), 64, "47 the hash is SHA-256 hex");
	}
	mime_free(a);
	a = NULL;
	if (m != NULL && (raw = slurp("47-localhost-id-a.eml", &len)) != NULL) {
		/* delivered again: new Received and Delivered-To headers */
		again = xasprintf("Received: from mx2.example (mx2 [192.0.2.7])\r\n"
		    "\tby mail.smkn1.sch.id with ESMTPS; Tue, 10 Feb 2026 "
		    "01:00:00 +0700\r\nDelivered-To: pengaduan@smkn1.sch.id\r\n"
		    "%s", raw);
		a = parse_buf(again, strlen(again));
		if (a != NULL) {
			mime_content_hash(a, h2);
			T_STR(h2, h1, "47 delivered again with other transport "
			    "headers: the same content hash");
		}
		free(again);
		free(raw);
	}
	mime_free(a);
	mime_free(m);
}

/* From and Sender forms, one at a time. */
static void
test_senders(void)
{
	static const struct {
		const char	*from;
		const char	*addr;
		const char	*name;
	} c[] = {
		{ "tim@a.com concierge@a.com", NULL, NULL },
		{ "john@x.com john@x.com", "john@x.com", NULL },
		{ "Big Bug bb@bug.com", "bb@bug.com", "Big Bug" },
		{ "\"Big Bug\" bb@bug.com", "bb@bug.com", "Big Bug" },
		{ "bb@bug.com (Big Bug)", "bb@bug.com", "Big Bug" },
		{ "Pak Budi <budi(kantor)@example.org>", "budi@example.org",
		    "Pak Budi" },
		{ "budi@(comment)example.org", "budi@example.org", NULL },
		{ "budi(at home)@example.org (Budi Santoso)", "budi@example.org",
		    "Budi Santoso" },
		{ "\"Budi\" <budi @ example.org>", "budi@example.org", "Budi" },
		{ "Budi <budi@example.org> (kantor)", "budi@example.org", "Budi" },
	};
	struct mime_msg *m;
	char raw[512], what[160];
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		snprintf(raw, sizeof raw, "From: %s\r\nSubject: x\r\n\r\n"
		    "Isi.\r\n", c[i].from);
		m = parse_buf(raw, strlen(raw));
		snprintf(what, sizeof what, "From: %s -> %s", c[i].from,
		    c[i].addr ? c[i].addr : "no sender");
		T_STR(m ? m->from.addr : "?", c[i].addr, what);
		snprintf(what, sizeof what, "From: %s -> name %s", c[i].from,
		    c[i].name ? c[i].name : "none");
		T_STR(m ? m->from.name : "?", c[i].name, what);
		mime_free(m);
	}
	/* an ambiguous From falls back to the envelope, as an unusable one */
	snprintf(raw, sizeof raw, "Return-Path: <tim@a.com>\r\nFrom: tim@a.com "
	    "concierge@a.com\r\n\r\nIsi.\r\n");
	m = parse_buf(raw, strlen(raw));
	T_STR(m ? m->from.addr : NULL, "tim@a.com",
	    "ambiguous From with a Return-Path: the envelope sender");
	mime_free(m);
	/* recipients written the same way keep every address */
	snprintf(raw, sizeof raw, "From: a@b.c\r\nTo: x@smkn1.sch.id "
	    "y@smkn1.sch.id\r\n\r\nIsi.\r\n");
	m = parse_buf(raw, strlen(raw));
	T_INT(m ? m->nto : 0, 2, "two bare recipients: both kept");
	mime_free(m);
}

static void
test_noreply(void)
{
	static const struct {
		const char	*addr;
		int		 noreply;
	} c[] = {
		{ "noreply@example.org", 1 }, { "no-reply@example.org", 1 },
		{ "no_reply@example.org", 1 }, { "NoReply@Example.org", 1 },
		{ "donotreply@example.org", 1 }, { "do-not-reply@example.org", 1 },
		{ "do_not_reply@example.org", 1 },
		{ "noreply-alerts@example.org", 1 },
		{ "no-reply+x@example.org", 1 }, { "noreply2@example.org", 1 },
		{ "forms-noreply@example.org", 1 },
		{ "jira.noreply@example.org", 1 },
		{ "noreplyservice@example.org", 0 }, { "info@example.org", 0 },
		{ "reply@example.org", 0 }, { "norelly@example.org", 0 },
		{ "postmaster@example.org", 0 }, { "bounces@example.org", 0 },
	};
	struct mime_msg *m;
	char raw[256];
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		snprintf(raw, sizeof raw, "From: %s\r\n\r\nIsi.\r\n",
		    c[i].addr);
		m = parse_buf(raw, strlen(raw));
		T_INT(m ? (m->flags & MIME_F_NOREPLY) != 0 : -1, c[i].noreply,
		    c[i].addr);
		mime_free(m);
	}
}

/* Reports of every kind, and what a forwarded one does not make us. */
static void
test_reports(void)
{
	static const struct {
		const char	*ct;
		const char	*part;
		unsigned	 flags;
		const char	*what;
	} c[] = {
		{ "multipart/report; report-type=feedback-report",
		    "message/feedback-report", MIME_F_REPORT,
		    "ARF feedback report" },
		{ "multipart/report; report-type=\"x-unknown\"", "text/plain",
		    MIME_F_REPORT, "a report of an unknown type" },
		{ "multipart/report", "text/plain", MIME_F_REPORT,
		    "a report without report-type" },
		{ "multipart/mixed", "message/delivery-status",
		    MIME_F_REPORT | MIME_F_BOUNCE,
		    "a delivery-status part in a mixed message" },
		{ "multipart/mixed", "message/global-delivery-status",
		    MIME_F_REPORT | MIME_F_BOUNCE, "global-delivery-status" },
		{ "multipart/mixed", "message/disposition-notification",
		    MIME_F_REPORT | MIME_F_AUTO_SUBMITTED,
		    "a disposition-notification part" },
		{ "multipart/mixed", "message/feedback-report", MIME_F_REPORT,
		    "a feedback-report part" },
		{ "multipart/mixed", "text/plain", 0, "an ordinary message" },
	};
	unsigned mask = MIME_F_REPORT | MIME_F_BOUNCE | MIME_F_AUTO_SUBMITTED;
	struct mime_msg *m;
	char raw[1024];
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		snprintf(raw, sizeof raw, "From: Budi <budi@example.org>\r\n"
		    "Content-Type: %s; boundary=r\r\n\r\n--r\r\n"
		    "Content-Type: text/plain\r\n\r\nIsi.\r\n--r\r\n"
		    "Content-Type: %s\r\n\r\nAction: failed\r\n--r--\r\n",
		    c[i].ct, c[i].part);
		m = parse_buf(raw, strlen(raw));
		T_INT(m ? m->flags & mask : 99, c[i].flags, c[i].what);
		mime_free(m);
	}
	/* a complainant forwards a bounce: it is their complaint, not ours */
	snprintf(raw, sizeof raw, "From: Budi <budi@example.org>\r\n"
	    "Subject: Fwd: surat saya ditolak\r\nContent-Type: multipart/mixed; "
	    "boundary=o\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\n"
	    "Email saya ke guru ditolak.\r\n--o\r\nContent-Type: "
	    "message/rfc822\r\n\r\nFrom: MAILER-DAEMON@x.org\r\nSubject: "
	    "Undelivered\r\nContent-Type: multipart/report; report-type="
	    "delivery-status; boundary=i\r\n\r\n--i\r\nContent-Type: "
	    "text/plain\r\n\r\nMailbox full.\r\n--i\r\nContent-Type: "
	    "message/delivery-status\r\n\r\nAction: failed\r\n--i--\r\n"
	    "--o--\r\n");
	m = parse_buf(raw, strlen(raw));
	T_INT(m ? m->flags & mask : 99, 0,
	    "a forwarded bounce makes the message no report");
	T_CONTAINS(m ? m->text : NULL, "Mailbox full.",
	    "... and its text is the complaint's");
	mime_free(m);
}

/* Forwarded messages nested in forwarded messages: bounded. */
static void
test_forward_nesting(void)
{
	struct mime_msg *m;
	struct buf b;
	double t0, dt;
	int i;

	buf_init(&b);
	buf_adds(&b, "From: a@example.org\r\nSubject: x\r\n");
	for (i = 0; i < 2000; i++) {
		buf_printf(&b, "Content-Type: message/rfc822\r\n\r\n"
		    "From: f%d@example.org\r\nSubject: level %d\r\n", i, i);
	}
	buf_adds(&b, "\r\ninnermost\r\n");
	t0 = now();
	m = parse_buf(b.data, b.len);
	dt = now() - t0;
	printf("# 2000 nested forwarded messages parsed in %.3f s\n", dt);
	T_OK(m != NULL && dt < 1.0, "nested forwards parse, fast");
	T_CONTAINS(m ? m->text : NULL, "Subject: level 0",
	    "the first forwarded level is read");
	T_OK(m != NULL && (m->flags & MIME_F_MALFORMED),
	    "beyond the depth limit: flagged");
	mime_free(m);
	buf_free(&b);
}

/* Raw 8-bit text that is mostly UTF-8: per byte, not per string. */
static void
test_mixed_bytes(void)
{
	static const struct {
		const char	*in;
		const char	*out;
		const char	*what;
	} c[] = {
		{ "Zo\xc3\xab caf\xe9 ok", "Zo\xc3\xab caf\xc3\xa9 ok",
		    "UTF-8 with a stray latin-1 byte: each read as it is" },
		{ "Dewi \xe2\x80\x93 Ibu\xe2\x80",
		    "Dewi \xe2\x80\x93 Ibu" FFFD FFFD,
		    "a character cut off at the end: U+FFFD, the rest kept" },
		{ "Clich\xe9", "Clich\xc3\xa9", "latin-1 alone: windows-1252" },
		{ "=?iso-8859-1?q?Andr\xe9?=", "Andr\xc3\xa9",
		    "a raw byte inside an encoded word" },
		{ "=?utf-8?q?Bu_\xc3\xa9?=", "Bu \xc3\xa9",
		    "raw UTF-8 inside a UTF-8 word" },
	};
	size_t i;
	char *s;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		s = mime_decode_header(c[i].in);
		T_STR(s, c[i].out, c[i].what);
		free(s);
	}
}

/* ---- messages built here ---- */

static char *
b64_encode(const unsigned char *p, size_t n, size_t *outlen)
{
	static const char al[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *o = xmalloc(n / 3 * 4 + n / 57 * 2 + 8), *q = o;
	size_t i;
	uint32_t v;

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)p[i] << 16 | (i + 1 < n ? p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);
		*q++ = al[v >> 18 & 63];
		*q++ = al[v >> 12 & 63];
		*q++ = i + 1 < n ? al[v >> 6 & 63] : '=';
		*q++ = i + 2 < n ? al[v & 63] : '=';
		if ((i / 3 + 1) % 19 == 0) {
			*q++ = '\r';
			*q++ = '\n';
		}
	}
	*outlen = (size_t)(q - o);
	return o;
}

/* A message with a 10 MB base64 attachment: size, hash and time. */
static void
test_big_attachment(void)
{
	const size_t n = 10 * 1024 * 1024;
	struct mime_msg *m;
	unsigned char *data;
	struct buf b;
	char *enc, h[65];
	uint32_t x = 0x12345678;
	size_t i, el;
	double t0, dt;

	data = xmalloc(n);
	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (unsigned char)(x >> 24);
	}
	enc = b64_encode(data, n, &el);
	buf_init(&b);
	buf_adds(&b, "From: Agus Salim <agus.salim.ortu@gmail.com>\r\n"
	    "To: pengaduan@smkn1.sch.id\r\nSubject: Video toilet\r\n"
	    "Message-ID: <big.10mb@mail.gmail.com>\r\n"
	    "Date: Sat, 17 Jan 2026 07:45:20 +0700\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b0undary\"\r\n\r\n"
	    "--b0undary\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
	    "Video kerusakan toilet terlampir.\r\n--b0undary\r\n"
	    "Content-Type: video/mp4; name=\"toilet.mp4\"\r\n"
	    "Content-Disposition: attachment; filename=\"toilet.mp4\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	buf_add(&b, enc, el);
	buf_adds(&b, "\r\n--b0undary--\r\n");
	t0 = now();
	m = parse_buf(b.data, b.len);
	dt = now() - t0;
	printf("# 10 MB attachment (%zu bytes of mail) parsed in %.3f s\n",
	    b.len, dt);
	T_OK(m != NULL, "10 MB message parses");
	T_OK(dt < 1.0, "10 MB message parses in well under a second");
	if (m != NULL) {
		T_INT(m->natt, 1, "10 MB: one attachment");
		T_INT(m->natt ? m->att[0].size : 0, n, "10 MB: decoded size");
		if (m->natt) {
			att_sha(&m->att[0], h);
			T_STR(h, "c2029e549ea52821de350155e0cddb6f8c8c6d005c228906"
			    "5ac98bbcba23f1c7", "10 MB: sha256 of decoded bytes");
		}
		T_STR(m->text, "Video kerusakan toilet terlampir.",
		    "10 MB: text part");
	}
	mime_free(m);
	buf_free(&b);
	free(enc);
	free(data);
}

/* 5000 nested multiparts: bounded depth, linear time, still parses. */
static void
test_deep_nesting(void)
{
	struct mime_msg *m;
	struct buf b;
	double t0, dt;
	int i;

	buf_init(&b);
	buf_adds(&b, "From: a@example.org\r\nSubject: deep\r\n");
	for (i = 0; i < 5000; i++) {
		buf_printf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\""
		    "\r\n\r\n--b%d\r\n", i, i);
	}
	buf_adds(&b, "Content-Type: text/plain\r\n\r\ninnermost\r\n");
	t0 = now();
	m = parse_buf(b.data, b.len);
	dt = now() - t0;
	printf("# 5000 nested multiparts parsed in %.3f s\n", dt);
	T_OK(m != NULL, "deep nesting parses");
	T_OK(dt < 1.0, "deep nesting is fast");
	T_OK(m != NULL && (m->flags & MIME_F_MALFORMED),
	    "deep nesting beyond the limit is flagged");
	T_OK(m != NULL && strstr(m->text, "innermost") == NULL,
	    "text below the depth limit is not read");
	mime_free(m);

	/* 20 levels are fine */
	buf_reset(&b);
	buf_adds(&b, "From: a@example.org\r\nSubject: ok\r\n"
	    "Date: Mon, 3 Mar 2025 10:00:00 +0000\r\nMessage-ID: <x@y>\r\n");
	for (i = 0; i < 19; i++) {
		buf_printf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\""
		    "\r\n\r\n--b%d\r\n", i, i);
	}
	buf_adds(&b, "Content-Type: text/plain\r\n\r\ninnermost\r\n");
	m = parse_buf(b.data, b.len);
	T_STR(m ? m->text : NULL, "innermost", "19 nested multiparts are read");
	T_INT(m ? (int)(m->flags & MIME_F_MALFORMED) : -1, 0,
	    "19 nested multiparts are not malformed");
	mime_free(m);
	buf_free(&b);
}

/* C1 controls and bidirectional overrides never reach a stored string:
 * subject, name and text alike (raw, as RFC 2047 words, in a charset). */
static void
test_unsafe_chars(void)
{
	static const char raw[] =
	    "From: =?UTF-8?B?QWxpIOKArmdwai5leGU=?= <ali@example.org>\r\n"
	    "Subject: tagihan \xe2\x80\xaegnp.exe \xc2\x9b" "31m merah\r\n"
	    "Message-ID: <bidi@example.org>\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
	    "a\xe2\x81\xa6" "b\xe2\x81\xa9" "c \xc2\x85 ok \xe2\x80\x8f.\r\n";
	static const char latin[] =
	    "From: a@example.org\r\nSubject: =?iso-8859-2?Q?x=9By?=\r\n"
	    "Content-Type: text/plain; charset=iso-8859-2\r\n\r\nz\x9b" "w\r\n";
	struct mime_msg *m;

	m = parse_buf(raw, sizeof raw - 1);
	T_STR(m ? m->subject : NULL, "tagihan \xef\xbf\xbdgnp.exe "
	    "\xef\xbf\xbd" "31m merah", "subject: RLO and CSI become U+FFFD");
	T_STR(m ? m->from.name : NULL, "Ali \xef\xbf\xbdgpj.exe",
	    "an encoded display name: the override is replaced");
	T_STR(m ? m->text : NULL, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c "
	    "\xef\xbf\xbd ok \xe2\x80\x8f.", "text: isolates and NEL "
	    "replaced, the RLM mark kept");
	T_OK(m != NULL && (m->flags & MIME_F_REPLACED), "... and flagged");
	mime_free(m);
	m = parse_buf(latin, sizeof latin - 1);
	T_STR(m ? m->subject : NULL, "x\xef\xbf\xbdy",
	    "a C1 byte of a legacy charset in a header is replaced");
	T_STR(m ? m->text : NULL, "z\xef\xbf\xbdw", "... and in a body");
	mime_free(m);
}

/* Authentication-Results fields are kept in header order, unfolded. */
static void
test_authres_fields(void)
{
	static const char raw[] =
	    "Authentication-Results: mx.smkn1.sch.id;\r\n"
	    "\tdmarc=fail (p=none) header.from=gmail.com\r\n"
	    "Received: from x by y\r\n"
	    "Authentication-Results: mx.smkn1.sch.id; dmarc=pass\r\n"
	    "From: sri@gmail.com\r\nSubject: x\r\n\r\nbody\r\n";
	struct mime_msg *m;

	m = parse_buf(raw, sizeof raw - 1);
	T_INT(m ? m->nauth_results : 0, 2, "both Authentication-Results kept");
	T_STR(m && m->nauth_results ? m->auth_results[0] : NULL,
	    "mx.smkn1.sch.id; dmarc=fail (p=none) header.from=gmail.com",
	    "... the topmost first, unfolded");
	T_STR(m && m->nauth_results > 1 ? m->auth_results[1] : NULL,
	    "mx.smkn1.sch.id; dmarc=pass", "... then the one below");
	mime_free(m);
}

/* Hostile headers stay linear: long runs of almost-encoded-words. */
static void
test_hostile(void)
{
	struct mime_msg *m;
	struct buf b;
	double t0, dt;
	int i;

	buf_init(&b);
	buf_adds(&b, "From: a@example.org\r\nSubject: ");
	for (i = 0; i < 100000; i++) {
		buf_adds(&b, "=?a?q?x");
	}
	buf_adds(&b, "\r\nTo: ");
	for (i = 0; i < 20000; i++) {
		buf_adds(&b, "\"x\" <a@b>, (c");
	}
	buf_adds(&b, "\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n");
	for (i = 0; i < 30000; i++) {
		buf_adds(&b, "--z\r\n\r\nx\r\n");
	}
	t0 = now();
	m = parse_buf(b.data, b.len);
	dt = now() - t0;
	printf("# hostile headers and 30000 parts parsed in %.3f s\n", dt);
	T_OK(m != NULL && dt < 2.0, "hostile input is linear");
	T_OK(m != NULL && strlen(m->subject) == 700000,
	    "failed encoded words stay literal");
	T_OK(m != NULL && (m->flags & MIME_F_MALFORMED),
	    "part limit reached is flagged");
	mime_free(m);

	/* long id lists and many envelope headers stay linear */
	buf_reset(&b);
	buf_adds(&b, "From: a@example.org\r\nReferences:");
	for (i = 0; i < 200000; i++) {
		buf_printf(&b, " <r%d@example.org>", i);
	}
	buf_adds(&b, "\r\n");
	for (i = 0; i < 100000; i++) {
		buf_printf(&b, "Delivered-To: u%d@example.org\r\n", i);
	}
	buf_adds(&b, "\r\nbody\r\n");
	t0 = now();
	m = parse_buf(b.data, b.len);
	dt = now() - t0;
	printf("# 200000 references, 100000 Delivered-To in %.3f s\n", dt);
	T_OK(m != NULL && dt < 1.0, "long id lists are linear");
	T_INT(m ? m->nreferences : 0, 200000, "all references kept");
	T_STR(m && m->nreferences ? m->references[199999] : NULL,
	    "r199999@example.org", "last reference");
	T_INT(m ? m->ndelivered_to : 0, 32, "Delivered-To list bounded");
	mime_free(m);
	buf_free(&b);
}

/* A multipart whose boundary never comes: its body is still read. */
static void
test_no_delimiter(void)
{
	const char *raw = "From: a@example.org\r\nSubject: x\r\n"
	    "Content-Type: multipart/mixed; boundary=\"nowhere\"\r\n\r\n"
	    "Atap bocor.\r\n";
	struct mime_msg *m = parse_buf(raw, strlen(raw));

	T_STR(m ? m->text : NULL, "Atap bocor.",
	    "multipart without delimiter read as text");
	T_OK(m != NULL && (m->flags & MIME_F_MALFORMED),
	    "multipart without delimiter flagged");
	mime_free(m);
}

/* LF-only and CRLF copies of a multipart message parse the same. */
static void
test_lf_crlf(void)
{
	const char *names[] = { "05-gmail-followup-of-01.eml",
	    "11-attachments.eml", "14-bounce-dsn.eml" };
	struct mime_msg *a, *b;
	char *raw, *lf, what[128];
	size_t len, i, j, k;

	for (k = 0; k < 3; k++) {
		if ((raw = slurp(names[k], &len)) == NULL) {
			continue;
		}
		lf = xmalloc(len + 1);
		for (i = j = 0; i < len; i++) {
			if (!(raw[i] == '\r' && i + 1 < len && raw[i + 1] == '\n')) {
				lf[j++] = raw[i];
			}
		}
		a = parse_buf(raw, len);
		b = parse_buf(lf, j);
		snprintf(what, sizeof(what), "%s: LF-only copy same text, "
		    "subject, attachments, dsn", names[k]);
		T_OK(a != NULL && b != NULL && strcmp(a->text, b->text) == 0 &&
		    strcmp(a->new_text, b->new_text) == 0 &&
		    strcmp(a->subject, b->subject) == 0 && a->natt == b->natt &&
		    a->flags == b->flags, what);
		/* base64 decodes to the same bytes; raw parts keep their ends */
		for (i = 0; k == 1 && a != NULL && b != NULL && i < a->natt; i++) {
			T_OK(a->att[i].size == b->att[i].size &&
			    memcmp(a->att[i].data, b->att[i].data,
			    a->att[i].size) == 0, "11 LF-only: same attachment");
		}
		T_OK(a != NULL && b != NULL && (a->dsn_status == NULL ||
		    strcmp(a->dsn_status, b->dsn_status ? b->dsn_status : "") ==
		    0), "LF-only: same dsn status");
		mime_free(a);
		mime_free(b);
		free(lf);
		free(raw);
	}
}

static void
test_charsets_and_dates(void)
{
	struct mime_msg *m;
	const char *koi =
	    "From: ivan@example.ru\r\nSubject: =?koi8-r?B?8NLJ18XU?=\r\n"
	    "Date: Mon, 3 Mar 25 10:00:00 -0500\r\n"
	    "Content-Type: text/plain; charset=koi8-r\r\n\r\n"
	    "\xf0\xd2\xc9\xd7\xc5\xd4\r\n";
	const char *gb =
	    "From: li@example.cn\r\nDate: 3 Mar 2025 10:00 +0530\r\n"
	    "Content-Type: text/plain; charset=gb2312\r\n\r\n\xc4\xe3\xba\xc3\r\n";
	const char *gbbad =
	    "From: li@example.cn\r\nDate: 3 Mar 2025 10:00 +0530\r\n"
	    "Content-Type: text/plain; charset=gb2312\r\n\r\n"
	    "\xc4\xe3\xff\xba\xc3\xc4";
	const char *bad = "From: x@example.org\r\n"
	    "Date: Mon, 3 Mar 2025 10:00:00 EST\r\n"
	    "Content-Type: text/plain; charset=\"utf-8//IGNORE\"\r\n\r\n"
	    "caf\xe9\r\n";

	m = parse_buf(koi, strlen(koi));
	T_STR(m ? m->subject : NULL, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5"
	    "\xd1\x82", "koi8-r encoded word through iconv");
	T_STR(m ? m->text : NULL, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5"
	    "\xd1\x82", "koi8-r body through iconv");
	T_INT(m ? m->date : 0, 1741014000, "two-digit year, -0500");
	mime_free(m);
	m = parse_buf(gb, strlen(gb));
	T_STR(m ? m->text : NULL, "\xe4\xbd\xa0\xe5\xa5\xbd",
	    "gb2312 body (GB18030 superset)");
	T_INT(m ? m->date : 0, 1740976200, "no weekday, no seconds, +0530");
	mime_free(m);
	m = parse_buf(bad, strlen(bad));
	T_STR(m ? m->text : NULL, "caf\xc3\xa9",
	    "charset with iconv options is unknown: windows-1252");
	T_INT(m ? m->date : 0, 1741014000, "obsolete zone EST");
	mime_free(m);
	m = parse_buf(gbbad, strlen(gbbad));
	T_STR(m ? m->text : NULL, "\xe4\xbd\xa0" FFFD "\xe5\xa5\xbd" FFFD,
	    "bytes iconv cannot convert (and a truncated tail) become U+FFFD");
	T_OK(m != NULL && (m->flags & MIME_F_REPLACED),
	    "iconv replacement sets MIME_F_REPLACED");
	mime_free(m);
}

/* Each indicator header on its own. */
static void
test_indicators(void)
{
	static const struct {
		const char	*hdr;
		unsigned	 flags;
	} c[] = {
		{ "Auto-Submitted: no", 0 },
		{ "Auto-Submitted: No (manual)", 0 },
		{ "Auto-Submitted: auto-generated", MIME_F_AUTO_SUBMITTED },
		{ "X-Autoreply: yes", MIME_F_AUTO_SUBMITTED },
		{ "X-Autorespond: Out of office", MIME_F_AUTO_SUBMITTED },
		{ "X-Auto-Response-Suppress: DR, OOF", MIME_F_AUTO_SUBMITTED },
		{ "X-Auto-Response-Suppress: DR, RN", 0 },
		{ "Precedence: junk", MIME_F_BULK },
		{ "Precedence: first-class", 0 },
		{ "List-Post: <mailto:l@example.org>", MIME_F_LIST },
		{ "Return-Path: <>", MIME_F_NULL_SENDER },
		{ "Return-Path: <MAILER-DAEMON>", MIME_F_NULL_SENDER },
		{ "Sender: postmaster@example.org", 0 },
		{ "X-Complaintd-Loop: KEL-2026-000001", MIME_F_LOOP },
	};
	const char *report = "From: Mail System <mailsys@example.org>\r\n"
	    "Subject: Notification\r\nContent-Type: multipart/report; "
	    "report-type=\"delivery-status\"; boundary=r\r\n\r\n"
	    "--r\r\nContent-Type: text/plain\r\n\r\nDelayed.\r\n"
	    "--r\r\nContent-Type: message/delivery-status\r\n\r\n"
	    "Reporting-MTA: dns; mx.example.org\r\n\r\n"
	    "Original-Recipient: rfc822;<Budi@Example.org>\r\n"
	    "Action: Delayed\r\nStatus: 4.4.7 (timeout)\r\n"
	    "--r\r\nContent-Type: text/rfc822-headers\r\n\r\n"
	    "From: pengaduan@smkn1.sch.id\r\nMessage-ID: <ack.9@smkn1.sch.id>"
	    "\r\n\r\n--r--\r\n";
	struct mime_msg *m;
	char raw[256];
	size_t i;
	unsigned mask = ~(unsigned)(MIME_F_MALFORMED | MIME_F_NO_MESSAGE_ID);

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(raw, sizeof(raw), "From: Budi <budi@example.org>\r\n"
		    "%s\r\n\r\nIsi.\r\n", c[i].hdr);
		m = parse_buf(raw, strlen(raw));
		T_INT(m ? m->flags & mask : 99, c[i].flags, c[i].hdr);
		mime_free(m);
	}
	snprintf(raw, sizeof(raw), "From: Postmaster <postmaster@example.org>"
	    "\r\nSubject: Undeliverable: x\r\n\r\nIsi.\r\n");
	m = parse_buf(raw, strlen(raw));
	T_INT(m ? m->flags & mask : 99, MIME_F_NULL_SENDER | MIME_F_BOUNCE,
	    "postmaster with a bounce subject");
	mime_free(m);
	m = parse_buf(report, strlen(report));
	T_INT(m ? m->flags & mask : 99, MIME_F_BOUNCE | MIME_F_REPORT,
	    "multipart/report delivery-status alone makes a bounce");
	T_STR(m ? m->dsn_status : NULL, "4.4.7", "delayed: Status");
	T_STR(m ? m->dsn_action : NULL, "delayed", "delayed: Action lower-cased");
	T_STR(m ? m->dsn_original_id : NULL, "ack.9@smkn1.sch.id",
	    "text/rfc822-headers gives the original id");
	T_STR(m ? m->dsn_recipient : NULL, "budi@example.org",
	    "Original-Recipient when no Final-Recipient");
	mime_free(m);
	snprintf(raw, sizeof(raw), "From: Budi <budi@example.org>\r\n"
	    "Subject: Undeliverable: x\r\n\r\nIsi.\r\n");
	m = parse_buf(raw, strlen(raw));
	T_INT(m ? m->flags & mask : 99, 0,
	    "a person writing 'Undeliverable' is no bounce");
	mime_free(m);
}

static void
test_refused(void)
{
	struct mime_msg *m = (struct mime_msg *)1;
	char err[64] = "";

	T_INT(mime_parse("", 0, &m, err, sizeof(err)), -1, "empty refused");
	T_OK(m == NULL && err[0] != '\0', "empty: NULL and err filled");
	err[0] = '\0';
	T_INT(mime_parse("\r\nHello\r\n", 9, &m, err, sizeof(err)), -1,
	    "no header fields refused");
	T_OK(err[0] != '\0', "no header: err filled");
	T_INT(mime_parse("Subject: x", 10, &m, NULL, 0), 0,
	    "a lone header field is a message");
	T_STR(m ? m->subject : NULL, "x", "lone field read without line end");
	mime_free(m);
}

static void
test_decode_header(void)
{
	struct {
		const char	*in;
		const char	*out;
		const char	*what;
	} c[] = {
		{ "=?UTF-8?B?R3LDvMOfZSBhdXMg?=\r\n =?ISO-8859-1?Q?K=F6ln?= tail",
		    "Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln tail",
		    "folded words in two charsets" },
		{ "=?utf-8?q?a?=   =?utf-8?q?b?=", "ab",
		    "white space between words dropped" },
		{ "=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c",
		    "white space next to text kept" },
		{ "=?UTF-8?B?4oA=?==?UTF-8?B?kyB4?=", "\xe2\x80\x93 x",
		    "character split across adjacent words" },
		{ "=?x-unknown?Q?caf=E9?=", "caf\xc3\xa9",
		    "unknown charset falls back to windows-1252" },
		{ "caf\xe9 au lait", "caf\xc3\xa9 au lait",
		    "raw 8-bit latin-1 as windows-1252" },
		{ "Gr\xc3\xbc\xc3\x9f" "e", "Gr\xc3\xbc\xc3\x9f" "e",
		    "raw UTF-8 kept" },
		{ "=?utf-8?q?caf=E9?=", "caf" FFFD,
		    "invalid UTF-8 in a word replaced" },
		{ "a\x01" "b\tc", "a" FFFD "b c", "controls replaced, tab a space" },
		{ "=?utf-8*id?Q?Pak_Budi?=", "Pak Budi",
		    "RFC 2231 language in a word" },
		{ "=?utf-8?q?broken", "=?utf-8?q?broken",
		    "unterminated word left alone" },
		{ "=?utf-8?Q?=3D=3F_x_?=", "=? x", "Q escapes and underscores" },
		{ "", "", "empty" },
	};
	size_t i;
	char *s;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		s = mime_decode_header(c[i].in);
		T_STR(s, c[i].out, c[i].what);
		free(s);
	}
	T_OK(mime_decode_header(NULL) == NULL, "NULL in, NULL out");
}

int
main(void)
{
	test_corpus_invariants();
	test_01_plain_id();
	test_02_plain_en();
	test_03_lf_only();
	test_04_outlook();
	test_05_gmail_followup();
	test_06_flowed();
	test_07_base64();
	test_08_cp1252();
	test_09_rfc2047();
	test_10_html_only();
	test_11_attachments();
	test_12_second_followup();
	test_13_auto_reply();
	test_14_bounce();
	test_15_list();
	test_16_no_message_id();
	test_17_malformed();
	test_18_invalid_utf8();
	test_19_to_21();
	test_22_forward();
	test_23_to_25();
	test_26_to_28();
	test_29_to_31();
	test_32_to_36();
	test_37_to_39();
	test_42_to_45();
	test_40_41_46_to_48();
	test_senders();
	test_noreply();
	test_reports();
	test_forward_nesting();
	test_mixed_bytes();
	test_big_attachment();
	test_deep_nesting();
	test_hostile();
	test_unsafe_chars();
	test_authres_fields();
	test_no_delimiter();
	test_lf_crlf();
	test_charsets_and_dates();
	test_indicators();
	test_refused();
	test_decode_header();
	return t_done();
}
