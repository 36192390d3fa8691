/*
 * test_lang.c — lang_detect() on a large table of complaints as people
 * write them: formal and informal Indonesian, SMS abbreviations, English
 * (native and Indonesian-English), mixed texts where one language
 * carries the sentence and the other lends words, greetings across
 * languages, and texts too short to say (the fallback decides); when a
 * later message switches the language a case is answered in.
 */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "t.h"

struct row {
	const char	*text;
	const char	*want;	/* with fallback "id" */
	int		 sure;
};

static const struct row rows[] = {
	/* Indonesian, formal */
	{ "Dengan hormat, saya ingin menyampaikan keluhan mengenai AC di "
	  "ruang kelas XI IPA 2 yang sudah rusak sejak dua minggu.", "id", 1 },
	{ "Yth. Bapak/Ibu, mohon tindak lanjut atas kebocoran atap di "
	  "perpustakaan.", "id", 1 },
	{ "Kami orang tua murid kelas 7 keberatan dengan pungutan biaya "
	  "study tour.", "id", 1 },
	{ "Pelayanan di loket pendaftaran sangat lambat, antrian sampai "
	  "3 jam.", "id", 1 },
	{ "Mohon identitas saya dirahasiakan.", "id", 1 },
	{ "Invoice nomor INV/2026/0042 belum kami terima sampai sekarang.",
	  "id", 1 },
	{ "Selamat siang, pesanan saya belum dikirim padahal sudah bayar.",
	  "id", 1 },
	{ "Assalamualaikum, saya mau komplain soal tagihan listrik bulan "
	  "ini.", "id", 1 },
	/* Indonesian, informal and SMS */
	{ "pak ac dikelas mati lg", "id", 1 },
	{ "AC di kelas ga dingin2 pak", "id", 1 },
	{ "gmn sih ini udah seminggu blm dibenerin", "id", 1 },
	{ "tolong dong wc nya bau bgt", "id", 1 },
	{ "sy mau lapor, lampu jalan depan rmh mati", "id", 1 },
	{ "knp tagihan sy naik trs", "id", 1 },
	{ "kok blm ada tanggapan ya", "id", 1 },
	{ "nggak ada yg ngangkat telp dr tadi", "id", 1 },
	{ "gurunya sering telat masuk kelas", "id", 1 },
	{ "kak paket sy blm sampe", "id", 1 },
	{ "toiletnya kotor", "id", 1 },
	{ "tdk puas dgn pelayanannya", "id", 1 },
	{ "Parkiran penuh terus, mohon ditambah", "id", 1 },
	/* Indonesian with English words */
	{ "Pak, wifi di lab komputer down terus, please dicek", "id", 1 },
	{ "Sorry pak, mau follow up complaint kemarin, belum ada update",
	  "id", 1 },
	{ "meeting room lantai 2 AC nya broken, tolong di-fix secepatnya",
	  "id", 1 },
	{ "Website sekolah error, ga bisa login ke e-learning", "id", 1 },
	{ "Hi kak, order saya sudah 5 hari belum dikirim", "id", 1 },
	{ "Thanks pak, tapi AC nya masih panas", "id", 1 },
	/* English */
	{ "The air conditioner in my son's classroom has been broken for "
	  "two weeks.", "en", 1 },
	{ "Dear Sir or Madam, I would like to complain about the invoice "
	  "I received.", "en", 1 },
	{ "Please keep my name confidential.", "en", 1 },
	{ "I have been waiting for a reply since Monday.", "en", 1 },
	{ "Nobody answers the phone at your office", "en", 1 },
	{ "The toilets on the second floor are dirty and smell bad",
	  "en", 1 },
	{ "We were charged twice for the same order", "en", 1 },
	{ "still broken, pls fix asap", "en", 1 },
	{ "why is there no water again??", "en", 1 },
	{ "i dont think this is acceptable", "en", 1 },
	{ "Can't log in to the e-learning site since yesterday", "en", 1 },
	{ "Your staff was very rude to my daughter", "en", 1 },
	{ "It's been 3 days and the lights are still off", "en", 1 },
	/* English with Indonesian words and greetings */
	{ "Selamat pagi, I would like to report that the AC in room 12 is "
	  "broken.", "en", 1 },
	{ "Dear Pak Budi, the projector in my class does not work.",
	  "en", 1 },
	{ "Hello Bu, my child was sent home without any reason.", "en", 1 },
	{ "Terima kasih, but the leak is back after the rain", "en", 1 },
	/* an address or a link is not words */
	{ "saya sudah kirim ke admin@the-office.example.com", "id", 1 },
	{ "lihat http://is.the.example/this-and-that tolong dicek dong",
	  "id", 1 },
	/* too short to say: the fallback */
	{ "", "id", 0 },
	{ "AC rusak", "id", 0 },
	{ "ok", "id", 0 },
	{ "1234", "id", 0 },
	{ "KEL-2026-000042", "id", 0 },
	{ "broken", "id", 0 },
	{ "wifi down", "id", 0 },
	{ "thanks pak", "id", 0 },
	{ "ok thanks", "id", 0 },
};

static void
test_rows(void)
{
	struct lang_guess g;
	char what[160];
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		lang_detect(rows[i].text, "id", &g);
		snprintf(what, sizeof what, "%.60s -> %s%s", rows[i].text,
		    rows[i].want, rows[i].sure ? "" : " (fallback)");
		T_STR(g.lang, rows[i].want, what);
		if (g.sure != rows[i].sure || strcmp(g.lang, rows[i].want)) {
			printf("#   id %d en %d\n", g.id, g.en);
		}
		T_INT(g.sure, rows[i].sure, "... decided by the words or not");
	}
}

static void
test_fallback(void)
{
	struct lang_guess g;

	T_STR(lang_detect("AC rusak", "en", &g), "en",
	    "a short text takes the fallback (en)");
	T_INT(g.sure, 0, "... and says so");
	T_STR(lang_detect("ok", NULL, NULL), "id", "no fallback: id");
	T_STR(lang_detect(NULL, "en", NULL), "en", "NULL text: the fallback");
	T_STR(lang_detect("the AC in my room is broken", "id", NULL), "en",
	    "English wins over the fallback id");
	T_STR(lang_detect("AC di kamar saya rusak", "en", NULL), "id",
	    "Indonesian wins over the fallback en");
	T_STR(lang_detect("ok thanks", "xx", NULL), "id",
	    "an unknown fallback reads as id");
}

static void
test_long(void)
{
	static char big[LANG_TEXT_MAX * 3];
	size_t i;

	/* English beyond the bytes read does not count */
	for (i = 0; i + 11 < LANG_TEXT_MAX; i += 11) {
		memcpy(big + i, "saya rusak ", 11);
	}
	for (; i + 9 < sizeof big - 1; i += 9) {
		memcpy(big + i, "the was  ", 9);
	}
	big[i] = '\0';
	T_STR(lang_detect(big, "en", NULL), "id",
	    "only the first LANG_TEXT_MAX bytes are read");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	T_STR(lang_detect(big, "en", NULL), "en",
	    "one endless word: the fallback");
}

/* A later message that switches the reply language, and ones that do
 * not: a text, the case's language, whether it switches. */
static const struct {
	const char	*text;
	const char	*current;
	int		 want;
} switches[] = {
	{ "Thank you for your reply, but the toilets in Workshop B are "
	  "still broken and the roof is leaking again.", "id", 1 },
	{ "I am sorry, I do not speak Indonesian. Could you please write "
	  "to me in English?", "id", 1 },
	{ "Terima kasih atas jawabannya, tapi toiletnya masih rusak dan "
	  "atapnya bocor lagi kalau hujan.", "en", 1 },
	{ "Maaf pak saya kurang paham bahasa Inggris, tolong dibalas pakai "
	  "bahasa Indonesia saja ya", "en", 1 },
	{ "ok thanks", "id", 0 },		/* too short */
	{ "Thank you very much", "id", 0 },	/* a courtesy */
	{ "Makasih", "en", 0 },
	{ "AC rusak", "en", 0 },
	/* the same language: nothing to switch */
	{ "The toilets in Workshop B are still broken, please check.", "en",
	  0 },
	/* one language carries it, the other lends a phrase: the one
	 * carrying it counts */
	{ "Pak, wifi di lab masih down terus, please dicek lagi ya, sudah "
	  "seminggu tidak bisa dipakai.", "en", 1 },
	{ "The AC is still rusak, pak, the students are hot in the "
	  "afternoon.", "en", 0 },
	/* mixed half and half: not clearly the other */
	{ "Sorry pak, the fan masih rusak, tolong please check again "
	  "besok ya, thank you", "id", 0 },
};

static void
test_switches(void)
{
	struct lang_guess g;
	char what[160];
	size_t i;

	for (i = 0; i < sizeof switches / sizeof switches[0]; i++) {
		lang_detect(switches[i].text, switches[i].current, &g);
		snprintf(what, sizeof what, "%s \"%.60s\" after %s",
		    switches[i].want ? "switches:" : "stays:",
		    switches[i].text, switches[i].current);
		T_INT(lang_switches(&g, switches[i].current), switches[i].want,
		    what);
	}
}

static void
test_names(void)
{
	char err[128];

	T_STR(lang_name("id"), "id", "id");
	T_STR(lang_name("Indonesia"), "id", "Indonesia");
	T_STR(lang_name("EN"), "en", "EN");
	T_STR(lang_name("english"), "en", "english");
	T_STR(lang_name("inggris"), "en", "inggris");
	T_OK(lang_name("fr") == NULL, "fr is neither");
	T_OK(lang_name(NULL) == NULL, "NULL is neither");
	T_INT(lang_check_table(err, sizeof err), 0, "the word table is sound");
	if (lang_check_table(err, sizeof err) != 0) {
		printf("#   %s\n", err);
	}
}

int
main(void)
{
	test_rows();
	test_fallback();
	test_long();
	test_switches();
	test_names();
	return t_done();
}
