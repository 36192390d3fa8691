/*
 * test_labels.c — labelled lines in free text: both languages' labels,
 * missing and repeated fields, free text before, between and after, and
 * lines whose label nobody asked for.
 */
#include <stdio.h>
#include <string.h>

#include "labels.h"
#include "t.h"

static const char *const l_name[] = { "nama", "name", NULL };
static const char *const l_phone[] = { "no hp", "hp", "telp", "phone",
    NULL };
static const char *const l_email[] = { "email", "e-mail", NULL };
static const char *const l_nc[] = { "ketidaksesuaian", "nonconformity",
    NULL };
static const struct label_def defs[] = {
	{ "name", l_name },
	{ "phone", l_phone },
	{ "email", l_email },
	{ "nonconformity", l_nc },
};
#define NDEFS (sizeof defs / sizeof defs[0])

static void
test_indonesian(void)
{
	struct labels l;
	char err[256] = "";

	T_INT(labels_parse("Nama: Ibu Sari Wulandari\nHP: 0812-1111-2222\n"
	    "\nAnak saya dimarahi guru di depan kelas.\nMohon ditindaklanjuti."
	    "\n", defs, NDEFS, &l, err, sizeof err), 0, "Indonesian labels");
	T_STR(labels_get(&l, "name"), "Ibu Sari Wulandari", "Nama:");
	T_STR(labels_get(&l, "phone"), "0812-1111-2222", "HP:");
	T_OK(labels_get(&l, "email") == NULL, "a missing field is NULL");
	T_STR(l.text, "Anak saya dimarahi guru di depan kelas.\nMohon "
	    "ditindaklanjuti.", "the rest is the text, blank lines trimmed");
	labels_free(&l);
}

static void
test_english_and_case(void)
{
	struct labels l;
	char err[256] = "";

	T_INT(labels_parse("  NAME :  John Smith  \nPhone: +62 812 3333 "
	    "4444\nE-mail: john@example.com\nThe projector is broken.",
	    defs, NDEFS, &l, err, sizeof err), 0, "English labels");
	T_STR(labels_get(&l, "name"), "John Smith",
	    "upper case, blanks before the colon, around the value");
	T_STR(labels_get(&l, "phone"), "+62 812 3333 4444", "Phone:");
	T_STR(labels_get(&l, "email"), "john@example.com", "E-mail:");
	T_STR(l.text, "The projector is broken.", "the text");
	labels_free(&l);
	T_INT(labels_parse("No HP: 0813 5555 6666\nTelp: 0813 5555 6666\n",
	    defs, NDEFS, &l, err, sizeof err), 0,
	    "a label of two words; the same value twice is fine");
	T_STR(labels_get(&l, "phone"), "0813 5555 6666", "No HP:");
	T_STR(l.text, "", "no text at all");
	labels_free(&l);
}

static void
test_text_around(void)
{
	struct labels l;
	char err[256] = "";

	T_INT(labels_parse("Mohon dicatat pengaduan lewat telepon:\n\nNama: "
	    "Pak Budi\nCatatan: penting\nKetidaksesuaian: nilai tidak "
	    "diinput\n\nBeliau menelepon pukul 10.\nHP: 0812 9999 0000\n"
	    "Terima kasih.", defs, NDEFS, &l, err, sizeof err), 0,
	    "text before, between and after the fields");
	T_STR(labels_get(&l, "name"), "Pak Budi", "the field in between");
	T_STR(labels_get(&l, "phone"), "0812 9999 0000", "a field after text");
	T_STR(labels_get(&l, "nonconformity"), "nilai tidak diinput",
	    "another form's label (corrective actions)");
	T_STR(l.text, "Mohon dicatat pengaduan lewat telepon:\n\nCatatan: "
	    "penting\n\nBeliau menelepon pukul 10.\nTerima kasih.",
	    "unknown labels and the free text stay, in order");
	labels_free(&l);
	T_INT(labels_parse("Namanya Sari: dia datang\nHPnya rusak: ya", defs,
	    NDEFS, &l, err, sizeof err), 0, "labels only as whole words");
	T_OK(labels_get(&l, "name") == NULL && labels_get(&l, "phone") ==
	    NULL, "... 'Namanya' and 'HPnya' are no labels");
	labels_free(&l);
	T_INT(labels_parse("Keluhan: HP saya: 0812 hilang", defs, NDEFS, &l,
	    err, sizeof err), 0, "a label in the middle of a line");
	T_OK(labels_get(&l, "phone") == NULL, "... is text");
	labels_free(&l);
}

static void
test_repeated(void)
{
	struct labels l;
	char err[256] = "";

	T_INT(labels_parse("Nama: Sari\nName: Budi\nHalo", defs, NDEFS, &l,
	    err, sizeof err), -1, "a field twice with two values is refused");
	T_OK(strstr(err, "line 1") && strstr(err, "line 2") &&
	    strstr(err, "Budi"), "... the error names both lines and values");
	labels_free(&l);
	T_INT(labels_parse("", defs, NDEFS, &l, err, sizeof err), 0,
	    "empty text");
	T_STR(l.text, "", "... no text");
	labels_free(&l);
	T_INT(labels_parse(NULL, defs, NDEFS, &l, err, sizeof err), 0,
	    "no text at all");
	labels_free(&l);
}

int
main(void)
{
	test_indonesian();
	test_english_and_case();
	test_text_around();
	test_repeated();
	return t_done();
}
