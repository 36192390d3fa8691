/*
 * approval.c — which answers wait for an approver and who may approve
 * them (see approval.h for the rule).  Pure: no I/O, no logging; reasons
 * go into the caller's buffer in the officer's language.
 */
#include <stdio.h>
#include <string.h>

#include "approval.h"

char *const *
approval_approvers(const struct conf *cf, const char *category, size_t *n)
{
	const struct conf_category *cat = conf_category_by_id(cf, category);

	if (cat != NULL && cat->napprovers > 0) {
		*n = cat->napprovers;
		return cat->approvers;
	}
	*n = cf->approval.napprovers;
	return cf->approval.approvers;
}

int
approval_is_approver(const struct conf *cf, const char *category,
    const struct conf_officer *o)
{
	char *const *ids;
	size_t i, n;

	if (o == NULL) {
		return 0;
	}
	ids = approval_approvers(cf, category, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(ids[i], o->id) == 0) {
			return 1;
		}
	}
	return 0;
}

int
approval_action_waits(enum case_action a)
{
	return a == CASE_ACT_RESOLVE || a == CASE_ACT_CORRECT ||
	    a == CASE_ACT_REJECT;
}

int
approval_needed(const struct conf *cf, const char *category,
    enum case_action a, const struct conf_officer *author)
{
	size_t n;

	if (!approval_action_waits(a)) {
		return 0;
	}
	(void)approval_approvers(cf, category, &n);
	if (n == 0) {
		return 0;
	}
	return !(cf->approval.self_approve &&
	    approval_is_approver(cf, category, author));
}

/* 1 when author is "officer:<o's id>". */
static int
approval_own(const struct conf_officer *o, const char *author)
{
	return author != NULL && strncmp(author, "officer:", 8) == 0 &&
	    strcmp(author + 8, o->id) == 0;
}

int
approval_may_decide(const struct conf *cf, const char *category,
    const struct conf_officer *o, const char *author, const char *lang,
    char *err, size_t errlen)
{
	int id = lang != NULL && strcmp(lang, "id") == 0;

	if (!approval_is_approver(cf, category, o)) {
		snprintf(err, errlen, id ? "hanya penyetuju kategori ini "
		    "yang dapat menyetujui atau mengembalikan jawaban (%s "
		    "bukan penyetuju)" : "only this category's approvers may "
		    "approve or return an answer (%s is not one)",
		    o != NULL ? o->id : (id ? "admin" : "an admin"));
		return 0;
	}
	if (approval_own(o, author) && !cf->approval.self_approve) {
		snprintf(err, errlen, id ? "Anda tidak dapat menyetujui "
		    "jawaban Anda sendiri: penyetuju lain yang menyetujuinya" :
		    "you cannot approve your own answer: another approver "
		    "does");
		return 0;
	}
	return 1;
}
