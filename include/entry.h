/*
 * entry.h — a complaint staff took in (by phone, in person, by letter,
 * from the suggestion box, in a meeting, on social media) and type in:
 * from complaintctl's options, from the labelled lines of an officer's
 * "#baru" mail, from an officer's SMS "BARU <number> <text>".  Pure: checks
 * and normalises what was typed into what casework_open() takes.
 *
 * The complainant is whoever is named: their name, phone and email are
 * all optional (an anonymous note from the suggestion box has none: a
 * case with no one to answer).  A phone number is normalised to E.164
 * with the configured country; an address must look like one.  Errors
 * are in the officer's language ("id" or "en").
 */
#ifndef ENTRY_H
#define ENTRY_H

#include <stddef.h>
#include <time.h>

#include "conf.h"

/* The channels, NULL-terminated: phone, walk-in, letter, box, meeting,
 * social. */
extern const char *const entry_channels[];

/* The channel a word names ("telepon", "Surat", "kotak saran", "walk-in"),
 * or NULL. */
const char	*entry_channel(const char *word);

/* What was typed; everything borrowed, NULL when not given. */
struct entry_in {
	const char	*name;
	const char	*phone;
	const char	*email;
	const char	*channel;
	const char	*category;
	const char	*subject;
	const char	*text;
	const char	*received;	/* "YYYY-MM-DD HH:MM" local time */
};

/* What casework_open() gets; owned (entry_free()). */
struct entry {
	char		*name;
	char		*phone;		/* E.164 */
	char		*email;		/* lower-cased */
	const char	*channel;	/* one of entry_channels[] */
	char		*category;	/* NULL: routing decides */
	char		*subject;
	char		*text;
	time_t		 received;	/* 0: not given (now) */
};

/* Check and normalise in.  0, or -1 with err (nothing to free then). */
int	entry_make(const struct conf *, const struct entry_in *, const char *lang,
	    struct entry *, char *err, size_t errlen);

/*
 * The labelled lines of a "#baru" mail (what follows the command word):
 * Nama/Name, HP/Telp/Telepon/Phone, Email, Kanal/Channel,
 * Diterima/Received, Kategori/Category, Perihal/Subject; the rest is the
 * complaint's text.  The channel is required; the subject defaults to
 * mail_subject, then to the text's beginning.
 */
int	entry_from_mail(const struct conf *, const char *body,
	    const char *mail_subject, const char *lang, struct entry *,
	    char *err, size_t errlen);

/* "<number> <text>" after an SMS's BARU: channel phone. */
int	entry_from_sms(const struct conf *, const char *rest, const char *lang,
	    struct entry *, char *err, size_t errlen);

void	entry_free(struct entry *);

#endif
