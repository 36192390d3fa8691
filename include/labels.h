/*
 * labels.h — labelled lines in free text ("Nama: Ibu Sari", "HP: 0812…"),
 * the way people type a form into an email or a note.  Pure: no I/O.
 *
 * The caller names the fields it wants, each with the labels that mean it
 * (in every language: "nama", "name").  A line is a field when it starts
 * (after blanks) with one of those labels, then optional blanks and a
 * colon; the rest of the line, trimmed, is the value.  Labels compare
 * case-insensitively; a label may contain spaces ("no hp").  Lines with a
 * label nobody asked for ("Catatan: ...") stay in the text.  Everything
 * that is not a field line is the text, in its order, with leading and
 * trailing blank lines removed — so free text may come before, between
 * and after the fields.
 *
 * A field given twice with different values is an error (which one did
 * the writer mean?); the same value twice is not.  Values are single
 * lines.  Whether a field is required is the caller's decision
 * (labels_get() returns NULL for a missing one).
 *
 * Used by staff entry ("#baru" mails) and meant for any other form typed
 * into mail (corrective actions' "Ketidaksesuaian:" lines).
 */
#ifndef LABELS_H
#define LABELS_H

#include <stddef.h>

struct label_def {
	const char		*key;		/* the caller's name for it */
	const char *const	*labels;	/* NULL-terminated, lower-case */
};

struct labels {
	const struct label_def	*defs;
	size_t			 ndefs;
	char			**values;	/* per def; NULL: not given */
	int			*lines;		/* per def: its line (1-based) */
	char			*text;		/* the rest; "" when none */
};

/* 0, or -1 with err (a field given twice with different values, naming
 * both lines).  Free with labels_free() either way. */
int	labels_parse(const char *text, const struct label_def *defs,
	    size_t ndefs, struct labels *out, char *err, size_t errlen);
/* The value of key, or NULL when it was not given.  Borrowed. */
const char	*labels_get(const struct labels *, const char *key);
void	labels_free(struct labels *);

#endif
