/*
 * test_cparform.c — a corrective action typed into mail or SMS: both
 * languages' labels, the reference and its verb, missing and repeated
 * fields, free text around the fields, the cases line.
 */
#include <stdio.h>
#include <string.h>

#include "cparform.h"
#include "t.h"

#define CF	"LK-{year}-{seq:3}"
#define KF	"KEL-{year}-{seq:6}"

static void
test_new_id(void)
{
	struct cparform f;
	char err[256] = "";

	T_INT(cparform_parse("\nKetidaksesuaian: Toilet bocor berulang\n"
	    "Akar masalah: pipa tua\nKoreksi: kran diganti\n"
	    "Tindakan korektif: pipa lantai 2 diganti\n"
	    "Pencegahan: jadwal perawatan bulanan\nPIC: wks-sarpras\n"
	    "Batas waktu: 2026-12-15\n\nTerima kasih.\n", CF, KF, "id", &f,
	    err, sizeof err), 0, "Indonesian form");
	T_STR(f.ref, "", "no reference: a new record");
	T_INT(f.action, CPAR_ACT_OPEN, "... opened");
	T_STR(cparform_get(&f, "nonconformity"), "Toilet bocor berulang",
	    "Ketidaksesuaian:");
	T_STR(cparform_get(&f, "root_cause"), "pipa tua", "Akar masalah:");
	T_STR(cparform_get(&f, "correction"), "kran diganti", "Koreksi:");
	T_STR(cparform_get(&f, "corrective"), "pipa lantai 2 diganti",
	    "Tindakan korektif:");
	T_STR(cparform_get(&f, "preventive"), "jadwal perawatan bulanan",
	    "Pencegahan:");
	T_STR(cparform_get(&f, "owner"), "wks-sarpras", "PIC:");
	T_STR(cparform_get(&f, "due"), "2026-12-15", "Batas waktu:");
	T_STR(f.note, "Terima kasih.", "free text after the fields is the "
	    "note");
	cparform_free(&f);
}

static void
test_new_en(void)
{
	struct cparform f;
	char err[256] = "";

	T_INT(cparform_parse("Please record this.\nNONCONFORMITY: leaking "
	    "toilets\nroot cause : old pipes\nCorrective action: replace "
	    "pipes\nPreventive action: monthly checks\nOwner: wks-sarpras\n"
	    "Due: 2026-12-15\nCases: KEL-2026-000001, kel-2026-000002\n", CF,
	    KF, "en", &f, err, sizeof err), 0, "English form, any case");
	T_STR(cparform_get(&f, "nonconformity"), "leaking toilets",
	    "Nonconformity:");
	T_STR(cparform_get(&f, "root_cause"), "old pipes", "Root cause "
	    "with a blank before the colon");
	T_STR(cparform_get(&f, "preventive"), "monthly checks",
	    "Preventive action:");
	T_INT(f.ncases, 2, "Cases: two references");
	T_STR(f.cases[1], "KEL-2026-000002", "... in canonical form");
	T_STR(f.note, "Please record this.", "free text before the fields");
	T_OK(cparform_get(&f, "correction") == NULL, "a missing field is "
	    "NULL");
	cparform_free(&f);
}

static void
test_verbs(void)
{
	static const struct {
		const char		*text;
		enum cpar_action	 action;
		const char		*note;
	} rows[] = {
		{ "LK-2026-001 selesai pipa sudah diganti semua",
		    CPAR_ACT_DONE, "pipa sudah diganti semua" },
		{ "lk-2026-001 SELESAI", CPAR_ACT_DONE, "" },
		{ "LK-2026-001 done: all pipes replaced", CPAR_ACT_DONE,
		    "all pipes replaced" },
		{ "LK-2026-001 efektif tidak ada keluhan lagi",
		    CPAR_ACT_EFFECTIVE, "tidak ada keluhan lagi" },
		{ "LK-2026-001 tidak efektif masih bocor", 
		    CPAR_ACT_NOT_EFFECTIVE, "masih bocor" },
		{ "LK-2026-001 not effective, still leaking",
		    CPAR_ACT_NOT_EFFECTIVE, "still leaking" },
		{ "LK-2026-001\nAkar masalah: pipa tua", CPAR_ACT_UPDATE, "" },
		{ "LK-2026-001 selesaikan segera", CPAR_ACT_UPDATE,
		    "selesaikan segera" },
	};
	struct cparform f;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		T_INT(cparform_parse(rows[i].text, CF, KF, "id", &f, err,
		    sizeof err), 0, rows[i].text);
		T_STR(f.ref, "LK-2026-001", "the reference, canonical");
		T_INT(f.action, rows[i].action, rows[i].text);
		T_STR(f.note, rows[i].note, "the note");
		cparform_free(&f);
	}
}

static void
test_errors(void)
{
	struct cparform f;
	char err[256] = "";

	T_INT(cparform_parse("PIC: wks-sarpras\nPIC: wmm\n", CF, KF, "id",
	    &f, err, sizeof err), -1, "an owner given twice, differently");
	T_CONTAINS(err, "dua kali", "... said in Indonesian");
	cparform_free(&f);
	T_INT(cparform_parse("PIC: wmm\npic: wmm\n", CF, KF, "id", &f, err,
	    sizeof err), 0, "the same value twice is fine");
	cparform_free(&f);
	T_INT(cparform_parse("Kasus: yang kemarin\n", CF, KF, "en", &f, err,
	    sizeof err), -1, "a cases line with no reference");
	T_CONTAINS(err, "names no case reference", "... said in English");
	cparform_free(&f);
}

int
main(void)
{
	test_new_id();
	test_new_en();
	test_verbs();
	test_errors();
	return t_done();
}
