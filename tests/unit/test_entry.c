/*
 * test_entry.c — complaints typed in by staff: the channel words, a
 * "#baru" mail's labelled lines in both languages, an SMS's "BARU
 * <number> <text>", and what is refused (in the officer's language).
 */
#include <stdio.h>
#include <string.h>

#include "entry.h"
#include "t.h"
#include "testconf.h"

static void
test_channels(void)
{
	T_STR(entry_channel("Telepon"), "phone", "telepon: phone");
	T_STR(entry_channel("kotak saran"), "box", "kotak saran: box");
	T_STR(entry_channel("datang langsung"), "walk-in", "datang langsung");
	T_STR(entry_channel("surat"), "letter", "surat: letter");
	T_STR(entry_channel("rapat"), "meeting", "rapat: meeting");
	T_STR(entry_channel("medsos"), "social", "medsos: social");
	T_OK(entry_channel("merpati") == NULL, "an unknown word");
}

static void
test_mail(const struct conf *cf)
{
	struct entry e;
	char err[256] = "";

	T_INT(entry_from_mail(cf, "\nNama: Ibu Sari\nHP: 0812-1111-2222\n"
	    "Email: Sari@Gmail.com\nKanal: telepon\nKategori: akademik\n"
	    "Diterima: 2026-03-03 09:30\n\nNilai anak saya salah.\n",
	    "Telepon orang tua", "id", &e, err, sizeof err), 0,
	    "an Indonesian entry");
	T_STR(e.name, "Ibu Sari", "Nama:");
	T_STR(e.phone, "+6281211112222", "HP: in E.164");
	T_STR(e.email, "sari@gmail.com", "Email: lower-cased");
	T_STR(e.channel, "phone", "Kanal: telepon");
	T_STR(e.category, "akademik", "Kategori:");
	T_OK(e.received > 0, "Diterima:");
	T_STR(e.subject, "Telepon orang tua", "the mail's subject");
	T_STR(e.text, "Nilai anak saya salah.", "the text");
	entry_free(&e);
	T_INT(entry_from_mail(cf, "Channel: box\nSubject: Canteen\n\nThe "
	    "canteen is dirty.", NULL, "en", &e, err, sizeof err), 0,
	    "an anonymous English entry");
	T_OK(e.name == NULL && e.phone == NULL && e.email == NULL,
	    "... nobody to answer");
	T_STR(e.subject, "Canteen", "Subject: wins");
	entry_free(&e);
	T_INT(entry_from_mail(cf, "Nama: Sari\n\nx", "s", "id", &e, err,
	    sizeof err), -1, "no channel: refused");
	T_OK(strstr(err, "Kanal") != NULL, "... saying Kanal:, in Indonesian");
	T_INT(entry_from_mail(cf, "Kanal: surat\nHP: 12ab\n\nx", "s", "en", &e,
	    err, sizeof err), -1, "a bad number: refused");
	T_STR(err, "\"12ab\" is not a phone number", "... in English");
	T_INT(entry_from_mail(cf, "Kanal: surat\nKategori: dapur\n\nx", "s",
	    "id", &e, err, sizeof err), -1, "an unknown category: refused");
	T_INT(entry_from_mail(cf, "Kanal: surat\nNama: A\nNama: B\n\nx", "s",
	    "en", &e, err, sizeof err), -1, "a name twice: refused");
	T_INT(entry_from_mail(cf, "Kanal: surat\n\n  \n", "s", "en", &e, err,
	    sizeof err), -1, "no text: refused");
	T_INT(entry_from_mail(cf, "Kanal: surat\nDiterima: kemarin\n\nx", "s",
	    "en", &e, err, sizeof err), -1, "an unreadable time: refused");
}

static void
test_sms(const struct conf *cf)
{
	struct entry e;
	char err[256] = "";

	T_INT(entry_from_sms(cf, "0813 Kursi patah", "id", &e, err,
	    sizeof err), -1, "BARU with a number that is none: refused");
	T_INT(entry_from_sms(cf, "081399990000 Kursi kelas X patah", "id", &e,
	    err, sizeof err), 0, "BARU <number> <text>");
	T_STR(e.phone, "+6281399990000", "... the complainant's number");
	T_STR(e.channel, "phone", "... taken by phone");
	T_STR(e.text, "Kursi kelas X patah", "... the text");
	entry_free(&e);
	T_INT(entry_from_sms(cf, "", "en", &e, err, sizeof err), -1,
	    "BARU alone: refused");
	T_OK(strstr(err, "NEW <the complainant's number>") != NULL,
	    "... saying how");
}

int
main(void)
{
	struct conf *cf = testconf_new(0);

	test_channels();
	test_mail(cf);
	test_sms(cf);
	conf_free(cf);
	return t_done();
}
