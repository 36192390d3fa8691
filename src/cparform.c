/*
 * cparform.c — the corrective action typed into mail or SMS (cparform.h):
 * the reference, the verb and the labelled lines.  Pure.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cparform.h"
#include "xmalloc.h"

static const char *const l_nc[] = { "ketidaksesuaian", "nonconformity",
    "temuan", NULL };
static const char *const l_root[] = { "akar masalah", "akar penyebab",
    "penyebab", "root cause", "cause", NULL };
static const char *const l_corr[] = { "koreksi", "perbaikan segera",
    "correction", NULL };
static const char *const l_ca[] = { "tindakan korektif", "tindakan "
    "perbaikan", "corrective action", "corrective", NULL };
static const char *const l_pa[] = { "pencegahan", "tindakan pencegahan",
    "preventive action", "preventive", NULL };
static const char *const l_owner[] = { "pic", "penanggung jawab",
    "owner", NULL };
static const char *const l_due[] = { "batas waktu", "tenggat", "due",
    "due date", NULL };
static const char *const l_cases[] = { "kasus", "pengaduan", "cases",
    "case", NULL };

static const struct label_def defs[] = {
	{ "nonconformity", l_nc },
	{ "root_cause", l_root },
	{ "correction", l_corr },
	{ "corrective", l_ca },
	{ "preventive", l_pa },
	{ "owner", l_owner },
	{ "due", l_due },
	{ "cases", l_cases },
};
#define NDEFS (sizeof defs / sizeof defs[0])

/* The verbs after a reference, longest first. */
static const struct {
	const char		*word;
	enum cpar_action	 action;
} verbs[] = {
	{ "tidak efektif", CPAR_ACT_NOT_EFFECTIVE },
	{ "not effective", CPAR_ACT_NOT_EFFECTIVE },
	{ "belum efektif", CPAR_ACT_NOT_EFFECTIVE },
	{ "efektif", CPAR_ACT_EFFECTIVE },
	{ "effective", CPAR_ACT_EFFECTIVE },
	{ "selesai", CPAR_ACT_DONE },
	{ "done", CPAR_ACT_DONE },
	{ "sudah", CPAR_ACT_DONE },
};

/* p past a verb (a whole word or phrase) into f->action; else p. */
static const char *
cparform_verb(const char *p, struct cparform *f)
{
	size_t i, n;

	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		n = strlen(verbs[i].word);
		if (strncasecmp(p, verbs[i].word, n) == 0 &&
		    !isalnum((unsigned char)p[n])) {
			f->action = verbs[i].action;
			p += n;
			while (*p == ' ' || *p == '\t' || *p == ':' ||
			    *p == ',' || *p == '.') {
				p++;
			}
			return p;
		}
	}
	return p;
}

int
cparform_parse(const char *text, const char *cpar_fmt, const char *case_fmt,
    const char *lang, struct cparform *f, char *err, size_t errlen)
{
	char found[1][REF_MAX];
	const char *p = text, *cases;
	size_t n;

	memset(f, 0, sizeof *f);
	f->action = CPAR_ACT_OPEN;
	f->note = "";
	p += strspn(p, " \t\r\n");
	if (ref_find(cpar_fmt, p, found, 1) == 1 &&
	    strncasecmp(p, found[0], strlen(found[0])) == 0) {
		snprintf(f->ref, sizeof f->ref, "%s", found[0]);
		f->action = CPAR_ACT_UPDATE;
		p += strlen(found[0]);
		p += strspn(p, " \t:,");
		p = cparform_verb(p, f);
	}
	f->words = xstrdup(p);
	if (labels_parse(f->words, defs, NDEFS, &f->l, err, errlen) == -1) {
		if (lang != NULL && strcmp(lang, "id") == 0) {
			snprintf(err, errlen, "ada isian yang ditulis dua "
			    "kali dengan isi berbeda; tulis sekali saja");
		}
		return -1;
	}
	f->note = f->l.text != NULL ? f->l.text : "";
	if ((cases = labels_get(&f->l, "cases")) != NULL) {
		n = ref_find(case_fmt, cases, f->cases, CPARFORM_MAX_CASES);
		if (n == 0) {
			snprintf(err, errlen, lang != NULL && strcmp(lang, "id")
			    == 0 ? "baris Kasus: tidak berisi nomor kasus" :
			    "the Cases: line names no case reference");
			return -1;
		}
		f->ncases = n;
	}
	return 0;
}

const char *
cparform_get(const struct cparform *f, const char *key)
{
	return labels_get(&f->l, key);
}

void
cparform_free(struct cparform *f)
{
	labels_free(&f->l);
	free(f->words);
	f->words = NULL;
}
