/*
 * test_authz.c — who may act on a case, and what a plain officer reply
 * is: assigned, escalated and category officers, strangers, coordinators,
 * the staff-wide actions, plain_reply globally and per category.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authz.h"
#include "t.h"
#include "testconf.h"

static const struct conf_officer *
officer(const struct conf *cf, const char *id)
{
	return conf_officer_by_id(cf, id);
}

static int
may(const struct conf *cf, const char *id, const char *category,
    const char *officers, enum case_action a)
{
	struct authz_case c = { category, officers };
	char err[256];

	return authz_may_act(cf, officer(cf, id), &c, a, "en", err,
	    sizeof err);
}

static void
test_listed(void)
{
	T_OK(authz_listed("wks-kurikulum,kepsek", "kepsek"), "last of two");
	T_OK(authz_listed("wks-kurikulum,kepsek", "wks-kurikulum"),
	    "first of two");
	T_OK(!authz_listed("wks-kurikulum", "wks"), "a prefix is not the id");
	T_OK(!authz_listed("xkepsek", "kepsek"), "a suffix is not the id");
	T_OK(!authz_listed("", "kepsek"), "nobody");
	T_OK(!authz_listed(NULL, "kepsek"), "no list");
}

static void
test_rule(const struct conf *cf)
{
	struct authz_case c = { "sarana", "wks-sarpras" };
	char err[256];

	T_OK(may(cf, "wks-sarpras", "sarana", "wks-sarpras",
	    CASE_ACT_RESOLVE), "the assigned officer answers");
	T_OK(may(cf, "wks-sarpras", "sarana", "", CASE_ACT_NOTE),
	    "an officer of the category, not assigned, may act");
	T_OK(may(cf, "kepsek", "sarana", "wks-sarpras,kepsek",
	    CASE_ACT_RESOLVE), "escalated to (on the case): may act");
	T_OK(!may(cf, "wks-kurikulum", "sarana", "wks-sarpras",
	    CASE_ACT_RESOLVE), "another officer's case: refused");
	T_OK(!may(cf, "wks-kurikulum", "sarana", "wks-sarpras",
	    CASE_ACT_NOTE), "... not even a note");
	T_OK(may(cf, "wks-sarpras", "sarana", "wks-sarpras", CASE_ACT_ASSIGN),
	    "handing one's own case over is not staff-wide");
	T_OK(!may(cf, "wks-sarpras", "sarana", "wks-sarpras",
	    CASE_ACT_RECATEGORISE), "re-categorising is for coordinators");
	T_OK(!may(cf, "wks-sarpras", "sarana", "wks-sarpras", CASE_ACT_MERGE),
	    "so is merging");
	T_OK(may(cf, "wmm", "sarana", "wks-sarpras", CASE_ACT_MERGE),
	    "a coordinator merges");
	T_OK(may(cf, "wmm", "akademik", "wks-kurikulum", CASE_ACT_RESOLVE),
	    "a coordinator acts on every case");
	T_INT(authz_may_act(cf, officer(cf, "wks-kurikulum"), &c,
	    CASE_ACT_REJECT, "id", err, sizeof err), 0, "refused...");
	T_STR(err, "pengaduan ini tidak ditugaskan kepada Anda "
	    "(wks-kurikulum) dan bukan kategori Anda", "... in Indonesian");
	authz_may_act(cf, officer(cf, "wks-sarpras"), &c, CASE_ACT_MERGE,
	    "en", err, sizeof err);
	T_STR(err, "only a coordinator may merge a case", "... in English");
}

static void
test_plain(struct conf *cf)
{
	struct authz_case c = { "sarana", "wks-sarpras,kepsek" };
	const struct conf_officer *sar = officer(cf, "wks-sarpras");

	T_INT(authz_plain_reply(cf, sar, &c, 0), CASE_ACT_RESOLVE,
	    "assigned: the assigned officer's plain reply answers");
	T_INT(authz_plain_reply(cf, sar, &c, 1), CASE_ACT_NOTE,
	    "... unless it is also addressed to a colleague");
	T_INT(authz_plain_reply(cf, officer(cf, "wks-kurikulum"), &c, 0),
	    CASE_ACT_NOTE, "an officer who may not act leaves a note");
	c.officers = "kepsek";
	T_INT(authz_plain_reply(cf, sar, &c, 0), CASE_ACT_NOTE,
	    "assigned: a category officer not on the case leaves a note");
	T_INT(authz_plain_reply(cf, officer(cf, "wmm"), &c, 0), CASE_ACT_NOTE,
	    "... and so does a coordinator not on it");
	free(cf->plain_reply);
	cf->plain_reply = xstrdup(CONF_PLAIN_ANSWER);
	T_INT(authz_plain_reply(cf, sar, &c, 1), CASE_ACT_RESOLVE,
	    "answer: any officer who may act answers");
	T_INT(authz_plain_reply(cf, officer(cf, "wks-kurikulum"), &c, 0),
	    CASE_ACT_NOTE, "... never one who may not");
	T_STR(cf->categories[1].id, "sarana", "(testconf: sarana is second)");
	cf->categories[1].plain_reply = xstrdup(CONF_PLAIN_NOTE);
	T_INT(authz_plain_reply(cf, sar, &c, 0), CASE_ACT_NOTE,
	    "a category's plain_reply = note wins over the global one");
	T_STR(conf_plain_reply(cf, "akademik"), CONF_PLAIN_ANSWER,
	    "... other categories keep the global one");
}

int
main(void)
{
	struct conf *cf = testconf_new(0);
	struct conf_officer *o;

	/* the quality manager: a coordinator of the general category */
	cf->officers = xreallocarray(cf->officers, cf->nofficers + 1,
	    sizeof *cf->officers);
	o = &cf->officers[cf->nofficers++];
	memset(o, 0, sizeof *o);
	testconf_officer(o, "wmm", "Rina", "wmm@smkn1.sch.id", NULL, NULL);
	o->coordinator = 1;
	test_listed();
	test_rule(cf);
	test_plain(cf);
	conf_free(cf);
	return t_done();
}
