/*
 * test_approval.c — which answers wait for an approver and who may
 * approve them: no approvers (nothing waits), the organisation's
 * approvers, a category's own (they win), which actions wait, an
 * approver's own answer with and without self_approve, a non-approver, an
 * admin, and the refusals in Indonesian and English.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approval.h"
#include "t.h"
#include "testconf.h"

static char **
ids1(const char *a)
{
	char **v = xcalloc(1, sizeof *v);

	v[0] = xstrdup(a);
	return v;
}

static const struct conf_officer *
officer(const struct conf *cf, const char *id)
{
	return conf_officer_by_id(cf, id);
}

static int
may(const struct conf *cf, const char *category, const char *id,
    const char *author)
{
	char err[256];

	return approval_may_decide(cf, category, id ? officer(cf, id) : NULL,
	    author, "en", err, sizeof err);
}

static void
test_none(const struct conf *cf)
{
	size_t n;

	(void)approval_approvers(cf, "akademik", &n);
	T_INT((long)n, 0, "no approvers configured");
	T_OK(!approval_needed(cf, "akademik", CASE_ACT_RESOLVE,
	    officer(cf, "wks-kurikulum")), "... so no answer waits");
	T_OK(!may(cf, "akademik", "kepsek", "officer:wks-kurikulum"),
	    "... and nobody approves");
}

static void
test_actions(void)
{
	T_OK(approval_action_waits(CASE_ACT_RESOLVE), "the answer waits");
	T_OK(approval_action_waits(CASE_ACT_CORRECT), "a correction waits");
	T_OK(approval_action_waits(CASE_ACT_REJECT), "a rejection waits");
	T_OK(!approval_action_waits(CASE_ACT_REPLY),
	    "an interim update goes out at once");
	T_OK(!approval_action_waits(CASE_ACT_ASK), "so does a question");
	T_OK(!approval_action_waits(CASE_ACT_NOTE), "a note is internal");
	T_OK(!approval_action_waits(CASE_ACT_CLOSE), "closing sends nothing "
	    "written");
}

static void
test_org(struct conf *cf)
{
	const struct conf_officer *kur = officer(cf, "wks-kurikulum");
	char err[256];

	cf->approval.approvers = ids1("kepsek");
	cf->approval.napprovers = 1;
	T_OK(approval_needed(cf, "akademik", CASE_ACT_RESOLVE, kur),
	    "the organisation's approver: an officer's answer waits");
	T_OK(approval_needed(cf, "akademik", CASE_ACT_RESOLVE, NULL),
	    "... so does an admin's");
	T_OK(!approval_needed(cf, "akademik", CASE_ACT_REPLY, kur),
	    "... an interim update does not");
	T_OK(approval_needed(cf, "umum", CASE_ACT_RESOLVE,
	    officer(cf, "kepsek")), "the approver's own answer waits too");
	T_OK(may(cf, "akademik", "kepsek", "officer:wks-kurikulum"),
	    "the approver approves an officer's answer");
	T_OK(may(cf, "akademik", "kepsek", "admin:root"),
	    "... and an admin's");
	T_OK(!may(cf, "akademik", "wks-kurikulum", "officer:wks-kurikulum"),
	    "the author, not an approver, does not");
	T_OK(!may(cf, "akademik", "wks-sarpras", "officer:wks-kurikulum"),
	    "another officer does not");
	T_OK(!may(cf, "akademik", NULL, "officer:wks-kurikulum"),
	    "an admin is nobody's approver");
	T_OK(!may(cf, "umum", "kepsek", "officer:kepsek"),
	    "an approver does not approve their own answer");
	T_OK(may(cf, "umum", "kepsek", "officer:kepsekx"),
	    "an author whose id only starts like the approver's is another");
	approval_may_decide(cf, "akademik", officer(cf, "wks-sarpras"),
	    "officer:wks-kurikulum", "id", err, sizeof err);
	T_STR(err, "hanya penyetuju kategori ini yang dapat menyetujui atau "
	    "mengembalikan jawaban (wks-sarpras bukan penyetuju)",
	    "the refusal in Indonesian");
	approval_may_decide(cf, "umum", officer(cf, "kepsek"),
	    "officer:kepsek", "en", err, sizeof err);
	T_STR(err, "you cannot approve your own answer: another approver "
	    "does", "... and the own-answer refusal in English");
	cf->approval.self_approve = 1;
	T_OK(!approval_needed(cf, "umum", CASE_ACT_RESOLVE,
	    officer(cf, "kepsek")), "self_approve: an approver's own answer "
	    "goes out at once");
	T_OK(approval_needed(cf, "umum", CASE_ACT_RESOLVE, kur),
	    "... another officer's still waits");
	T_OK(may(cf, "umum", "kepsek", "officer:kepsek"),
	    "... and an approver may approve their own draft");
	cf->approval.self_approve = 0;
}

static void
test_category(struct conf *cf)
{
	struct conf_category *sar = &cf->categories[1];
	char *const *v;
	size_t n;

	T_STR(sar->id, "sarana", "(testconf: sarana is second)");
	sar->approvers = ids1("wks-kurikulum");
	sar->napprovers = 1;
	v = approval_approvers(cf, "sarana", &n);
	T_INT((long)n, 1, "a category's own approvers...");
	T_STR(v[0], "wks-kurikulum", "... win over the organisation's");
	T_OK(may(cf, "sarana", "wks-kurikulum", "officer:wks-sarpras"),
	    "the category's approver approves");
	T_OK(!may(cf, "sarana", "kepsek", "officer:wks-sarpras"),
	    "the organisation's approver does not, there");
	T_OK(may(cf, "akademik", "kepsek", "officer:wks-kurikulum"),
	    "other categories keep the organisation's");
	T_OK(approval_needed(cf, "nosuch", CASE_ACT_RESOLVE, NULL),
	    "an unknown category: the organisation's approvers");
}

int
main(void)
{
	struct conf *cf = testconf_new(0);

	test_none(cf);
	test_actions();
	test_org(cf);
	test_category(cf);
	conf_free(cf);
	return t_done();
}
