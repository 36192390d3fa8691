/*
 * testconf.h — a configuration for the unit tests of the decision modules:
 * written to a temporary directory and loaded with conf_load(), so the
 * tests exercise the real parser and defaults.
 */
#ifndef TESTCONF_H
#define TESTCONF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_load.h"

static const char testconf_base[] =
    "organisation = { name = \"SMK Negeri 1 Contoh\"; domain = \"smkn1.sch.id\"; };\n"
    "database = \"db.sqlite\";\n"
    "language = \"id\";\n"
    "timezone = \"UTC\";\n"
    "intake = { accept_list_mail = %s; own_addresses = [ \"noreply@smkn1.sch.id\" ]; };\n"
    "smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\";\n"
    "  from = \"pengaduan@smkn1.sch.id\"; };\n"
    "officers = (\n"
    "  { id = \"kepsek\"; name = \"Kepala Sekolah\"; email = \"kepsek@smkn1.sch.id\"; },\n"
    "  { id = \"wks-kurikulum\"; name = \"Budi\"; email = \"wakasek.kurikulum@smkn1.sch.id\";\n"
    "    phone = \"0812-3456-7002\"; escalate_to = \"kepsek\"; },\n"
    "  { id = \"wks-sarpras\"; name = \"Agus\"; email = \"wakasek.sarpras@smkn1.sch.id\";\n"
    "    escalate_to = \"kepsek\"; }\n"
    ");\n"
    "categories = (\n"
    "  { id = \"akademik\"; name = \"Akademik\"; officers = [ \"wks-kurikulum\" ]; },\n"
    "  { id = \"sarana\"; name = \"Sarana\"; officers = [ \"wks-sarpras\" ]; },\n"
    "  { id = \"kerjasama\"; name = \"Kerja sama\"; officers = [ \"kepsek\" ]; },\n"
    "  { id = \"umum\"; name = \"Umum\"; officers = [ \"kepsek\" ]; }\n"
    ");\n"
    "default_category = \"umum\";\n"
    "routing = (\n"
    "  { category = \"kerjasama\"; domains = [ \"industri.co.id\" ]; },\n"
    "  { category = \"akademik\"; keywords = [ \"nilai*\", \"rapor\", \"mata pelajaran\" ]; },\n"
    "  { category = \"sarana\"; keywords = [ \"toilet\", \"ac\", \"kamar mandi\" ]; },\n"
    "  { category = \"akademik\"; source = \"sms\"; keywords = [ \"guru\" ]; }\n"
    ");\n";

static char testconf_dir[64];

static struct conf *
testconf_load(int accept_list_mail)
{
	struct conf_diag diag = { NULL, 0 };
	struct conf *cf = NULL;
	char path[128];
	FILE *f;
	size_t i;

	snprintf(testconf_dir, sizeof testconf_dir, "/tmp/testconf.XXXXXX");
	if (mkdtemp(testconf_dir) == NULL) {
		return NULL;
	}
	snprintf(path, sizeof path, "%s/complaintd.conf", testconf_dir);
	f = fopen(path, "w");
	fprintf(f, testconf_base, accept_list_mail ? "true" : "false");
	fclose(f);
	if (conf_load(path, &cf, &diag) == -1) {
		for (i = 0; i < diag.n; i++) {
			printf("# %s\n", diag.msgs[i]);
		}
	}
	conf_diag_free(&diag);
	unlink(path);
	rmdir(testconf_dir);
	return cf;
}

#endif
