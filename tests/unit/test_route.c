/*
 * test_route.c — routing rules: order, keywords (words, phrases, prefixes),
 * domains, sources, the default.
 */
#include "route.h"
#include "t.h"
#include "testconf.h"

static const char *
cat(const struct conf *cf, const char *channel, const char *sender,
    const char *subject, const char *text)
{
	struct route_input in = { channel, channel, sender, subject, text };
	const struct conf_category *c;
	int rule;

	c = route_category(cf, &in, &rule);
	return c ? c->id : "(none)";
}

int
main(void)
{
	struct conf *cf = testconf_new(0);

	if (!T_OK(cf != NULL, "the test configuration")) {
		return t_done();
	}
	T_STR(cat(cf, "email", "a@gmail.com", "Nilai rapor", ""), "akademik",
	    "keyword in the subject");
	T_STR(cat(cf, "email", "a@gmail.com", "Keluhan", "Toilet lantai 2 rusak"),
	    "sarana", "keyword in the text, other case");
	T_STR(cat(cf, "email", "a@gmail.com", "Pelayanan TU lambat", "antri lama"),
	    "umum", "no rule: the default category");
	T_STR(cat(cf, "email", "a@gmail.com", "Acara sekolah", "jadwal acara"),
	    "umum", "'ac' does not match inside 'acara'");
	T_STR(cat(cf, "email", "a@gmail.com", "", "AC di kelas mati"), "sarana",
	    "'AC' as a word matches");
	T_STR(cat(cf, "email", "a@gmail.com", "", "nilainya kurang"), "akademik",
	    "prefix keyword 'nilai*' matches 'nilainya'");
	T_STR(cat(cf, "email", "a@gmail.com", "", "kamar  mandi bau"), "umum",
	    "a phrase needs its exact spacing");
	T_STR(cat(cf, "email", "a@gmail.com", "", "Kamar mandi bau"), "sarana",
	    "phrase keyword matches");
	T_STR(cat(cf, "email", "hrd@INDUSTRI.co.id", "Nilai PKL", ""),
	    "kerjasama", "domain rule comes first and wins");
	T_STR(cat(cf, "email", "a@gmail.com", "", "guru sering absen"), "umum",
	    "a rule for another source does not match");
	T_STR(cat(cf, "sms", "+628123", "", "guru sering absen"), "akademik",
	    "source rule matches its channel");
	T_STR(cat(cf, "email", "a@gmail.com", "", "mata\tpelajaran tambahan"),
	    "umum", "tab is not the phrase's space");
	T_STR(cat(cf, "email", "a@gmail.com", "Toilet rusak",
	    "Guru sudah kami beri tahu tentang nilai kebersihan"), "sarana",
	    "the subject decides before the body");
	T_STR(cat(cf, "email", "a@gmail.com", "Keluhan",
	    "Toilet rusak; nilai kebersihan buruk"), "akademik",
	    "in the body, rule order decides");
	T_OK(route_keyword_match("über nilai", "nilai"),
	    "keyword after a non-ASCII word");
	T_OK(!route_keyword_match("xnilai", "nilai"), "no match inside a word");
	conf_free(cf);
	return t_done();
}
