/*
 * test_privacy.c — privacy_asked() on a table of complaints that ask, and
 * do not ask, for the complainant's identity to be kept confidential, in
 * everyday Indonesian and English (negations, words between, line breaks,
 * capitals); privacy_scrub() on texts that carry the complainant's name,
 * address and number in their many written forms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "t.h"

struct row {
	const char	*text;
	int		 want;
};

static const struct row rows[] = {
	/* asking */
	{ "Mohon identitas saya dirahasiakan.", 1 },
	{ "mohon identitas saya di rahasiakan ya pak", 1 },
	{ "Tolong rahasiakan nama saya, saya takut anak saya diincar.", 1 },
	{ "RAHASIAKAN NAMA SAYA", 1 },
	{ "Saya minta agar identitas saya nanti dirahasiakan", 1 },
	{ "Nama saya jangan disebut ke guru yang bersangkutan", 1 },
	{ "tolong jangan sebutkan nama saya ke wali kelas", 1 },
	{ "Saya melapor tanpa menyebut nama saya", 1 },
	{ "AC rusak.\nMohon dirahasiakan.", 1 },
	{ "Please keep my name confidential.", 1 },
	{ "please keep my full name confidential", 1 },
	{ "Kindly do not disclose my name to the teacher.", 1 },
	{ "Please don't reveal my name", 1 },
	{ "I would like to remain anonymous.", 1 },
	{ "I wish to remain anonymous", 1 },
	/* not asking */
	{ "AC di kelas rusak sejak minggu lalu.", 0 },
	{ "Nama saya Budi, wali murid kelas 7.", 0 },
	{ "Tidak perlu dirahasiakan, silakan sebut nama saya.", 0 },
	{ "nama saya tidak usah dirahasiakan", 0 },
	{ "Identitas saya tidak perlu dirahasiakan", 0 },
	{ "There is no need to keep my name confidential.", 0 },
	{ "I don't want you to keep my name confidential", 0 },
	{ "The documents were kept confidential by the office.", 0 },
	{ "Surat kaleng dari pelapor anonim", 0 },
	{ "", 0 },
};

static void
test_asked(void)
{
	char cue[96], what[160];
	size_t i, n = 0;
	char *const *ph = (char *const *)privacy_default_phrases;

	while (privacy_default_phrases[n] != NULL) {
		n++;
	}
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(what, sizeof what, "%s: %.60s", rows[i].want ?
		    "asks" : "does not ask", rows[i].text);
		T_INT(privacy_asked(rows[i].text, ph, n, cue, sizeof cue),
		    rows[i].want, what);
	}
	privacy_asked("Tolong rahasiakan nama saya", ph, n, cue, sizeof cue);
	T_STR(cue, "rahasiakan nama saya", "the cue is the phrase");
	{
		char *mine[] = { "jangan kasih tahu kepala sekolah" };

		T_INT(privacy_asked("Tolong jangan kasih tahu kepala "
		    "sekolah ya", mine, 1, NULL, 0), 1,
		    "a configured phrase");
		T_INT(privacy_asked("Mohon identitas saya dirahasiakan",
		    mine, 1, NULL, 0), 0,
		    "... replaces the defaults");
	}
	T_INT(privacy_asked(NULL, ph, n, NULL, 0), 0, "NULL asks nothing");
	T_STR(privacy_placeholder("id"), "(dirahasiakan)", "placeholder id");
	T_STR(privacy_placeholder("en"), "(confidential)", "placeholder en");
}

static void
scrub(const char *text, const char *want, const char *what)
{
	char *s = privacy_scrub(text, "Bapak Joko Widodo",
	    "joko.w@gmail.com", "+6281299990002", "(X)");

	T_STR(s, want, what);
	free(s);
}

static void
test_scrub(void)
{
	scrub("Saya Joko Widodo, HP 0812-9999-0002, email joko.w@gmail.com",
	    "Saya (X), HP (X), email (X)", "name, national number, address");
	scrub("Hubungi +62 812 9999 0002 atau 081299990002.",
	    "Hubungi (X) atau (X).", "the number with spaces, and bare");
	scrub("Regards,\nJOKO", "Regards,\n(X)", "one word of the name, any case");
	scrub("Bapak guru mengajar", "Bapak guru mengajar",
	    "a title alone is not the name");
	scrub("Jokowi dan Widodoyo", "Jokowi dan Widodoyo",
	    "only whole words");
	scrub("nomor kelas 12 dan 12345678, invoice INV/2026/0042, "
	    "2026-11-23", "nomor kelas 12 dan 12345678, invoice "
	    "INV/2026/0042, 2026-11-23", "other numbers stay");
	scrub("atau hubungi istri saya di 0813-1111-2222 / (021) 555 1234",
	    "atau hubungi istri saya di (X) / (021) 555 1234",
	    "any mobile number written goes too");
	scrub("AC rusak", "AC rusak", "nothing to hide");
	{
		char *s = privacy_scrub("Sari", NULL, "", NULL, "(X)");

		T_STR(s, "Sari", "nothing known: the text as it is");
		free(s);
	}
}

int
main(void)
{
	test_asked();
	test_scrub();
	return t_done();
}
