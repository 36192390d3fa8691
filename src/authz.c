/*
 * authz.c — who may act on a case (see authz.h for the rule).  Pure: no
 * I/O, no logging; reasons go into the caller's buffer in the officer's
 * language.
 */
#include <stdio.h>
#include <string.h>

#include "authz.h"

int
authz_listed(const char *officers, const char *id)
{
	const char *p = officers;
	size_t n;

	if (p == NULL || id == NULL || *id == '\0') {
		return 0;
	}
	n = strlen(id);
	while (*p != '\0') {
		if (strncmp(p, id, n) == 0 && (p[n] == ',' || p[n] == '\0')) {
			return 1;
		}
		p += strcspn(p, ",");
		p += *p == ',';
	}
	return 0;
}

int
authz_in_category(const struct conf *cf, const struct conf_officer *o,
    const char *category)
{
	const struct conf_category *cat = conf_category_by_id(cf, category);
	size_t i;

	for (i = 0; cat != NULL && i < cat->nofficers; i++) {
		if (strcmp(cat->officers[i], o->id) == 0) {
			return 1;
		}
	}
	return 0;
}

int
authz_staff_wide(enum case_action a)
{
	return a == CASE_ACT_RECATEGORISE || a == CASE_ACT_MERGE;
}

static int
authz_on_case(const struct conf *cf, const struct conf_officer *o,
    const struct authz_case *c)
{
	return authz_listed(c->officers, o->id) ||
	    authz_in_category(cf, o, c->category);
}

int
authz_may_act(const struct conf *cf, const struct conf_officer *o,
    const struct authz_case *c, enum case_action a, const char *lang,
    char *err, size_t errlen)
{
	int id = lang != NULL && strcmp(lang, "id") == 0;

	if (o->coordinator) {
		return 1;
	}
	if (authz_staff_wide(a)) {
		snprintf(err, errlen, id ? "hanya koordinator yang dapat "
		    "%s pengaduan" : "only a coordinator may %s a case",
		    a == CASE_ACT_MERGE ? (id ? "menggabungkan" : "merge") :
		    (id ? "memindah kategori" : "re-categorise"));
		return 0;
	}
	if (authz_on_case(cf, o, c)) {
		return 1;
	}
	snprintf(err, errlen, id ? "pengaduan ini tidak ditugaskan kepada "
	    "Anda (%s) dan bukan kategori Anda" : "this case is not "
	    "assigned to you (%s) and not in your categories", o->id);
	return 0;
}

enum case_action
authz_plain_reply(const struct conf *cf, const struct conf_officer *o,
    const struct authz_case *c, int to_others)
{
	const char *mode = conf_plain_reply(cf, c->category);
	char err[8];

	if (!authz_may_act(cf, o, c, CASE_ACT_RESOLVE, "en", err,
	    sizeof err) || strcmp(mode, CONF_PLAIN_NOTE) == 0) {
		return CASE_ACT_NOTE;
	}
	if (strcmp(mode, CONF_PLAIN_ANSWER) == 0) {
		return CASE_ACT_RESOLVE;
	}
	return authz_listed(c->officers, o->id) && !to_others ?
	    CASE_ACT_RESOLVE : CASE_ACT_NOTE;
}

int
authz_may_cpar(const struct conf *cf, const struct conf_officer *o,
    const char *owner, enum cpar_action a, const char *lang, char *err,
    size_t errlen)
{
	struct cpar_who w;

	w.officer = o != NULL ? o->id : NULL;
	w.coordinator = o != NULL && o->coordinator;
	w.owner = owner;
	w.quality_manager = cf->quality_manager;
	return cpar_may(&w, a, lang, err, errlen);
}
