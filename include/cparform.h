/*
 * cparform.h — a corrective action typed into mail or SMS by an officer.
 * Pure: no I/O.
 *
 * What follows the command word ("#lk", "#cpar"; in an SMS the record's
 * reference) is:
 *
 *   [LK-2026-001] [selesai | done | efektif | effective |
 *                  tidak efektif | not effective] [words]
 *   Ketidaksesuaian: ...      Nonconformity: ...
 *   Akar masalah: ...         Root cause: ...
 *   Koreksi: ...              Correction: ...
 *   Tindakan korektif: ...    Corrective action: ...
 *   Pencegahan: ...           Preventive action: ...
 *   PIC: officer-id           Owner: officer-id
 *   Batas waktu: YYYY-MM-DD   Due: YYYY-MM-DD
 *   Kasus: KEL-..., KEL-...   Cases: ...
 *   free text (the note: why done, why not effective)
 *
 * No reference: a new record (the fields say what it is).  A reference
 * and no word: an update.  The labels are labels.h's: either language,
 * any letter case, free text around them; a field given twice with
 * different values is an error.
 */
#ifndef CPARFORM_H
#define CPARFORM_H

#include <stddef.h>

#include "cpardef.h"
#include "labels.h"
#include "ref.h"

#define CPARFORM_MAX_CASES	16

struct cparform {
	char			 ref[REF_MAX];	/* "" : a new record */
	enum cpar_action	 action;
	struct labels		 l;		/* the fields (labels_get) */
	char			 cases[CPARFORM_MAX_CASES][REF_MAX];
	size_t			 ncases;
	const char		*note;		/* the free text; "" none */
	char			*words;		/* owned: after the verb */
};

/* Parse text; cpar_fmt, case_fmt: the reference formats.  0, or -1 with
 * err in lang.  cparform_free() either way. */
int	cparform_parse(const char *text, const char *cpar_fmt,
	    const char *case_fmt, const char *lang, struct cparform *,
	    char *err, size_t errlen);
/* The value of a field: "nonconformity", "root_cause", "correction",
 * "corrective", "preventive", "owner", "due", "cases"; NULL absent. */
const char	*cparform_get(const struct cparform *, const char *key);
void	cparform_free(struct cparform *);

#endif
