/*
 * privacy.h — confidential complainants: whether a complainant asks for
 * their identity to be kept from the officers, and the words that stand
 * in for it.  Pure: no I/O, no logging, no globals but the default
 * phrases in privacy.c.
 *
 * privacy_asked() reads the text word by word, as the feedback reader
 * does (ASCII lower-cased, apostrophes dropped: "don't" is "dont";
 * punctuation and line breaks only separate words), and looks for one of
 * the phrases, its words in order with at most PRIVACY_GAP other words
 * between two of them ("mohon agar identitas saya dirahasiakan" has
 * "identitas saya dirahasiakan"; "keep my full name confidential" has
 * "keep my name confidential").  A phrase does not count when a negation
 * stands among the PRIVACY_BEFORE words before it or in a gap ("tidak
 * perlu dirahasiakan", "no need to keep my name confidential", "nama
 * saya tidak usah dirahasiakan").
 */
#ifndef PRIVACY_H
#define PRIVACY_H

#include <stddef.h>

#define PRIVACY_TEXT_MAX	8192	/* bytes of the text that are read */
#define PRIVACY_GAP		2
#define PRIVACY_BEFORE		4

/* The phrases a configuration gets when it names none (lower case, one
 * space between words), NULL-terminated. */
extern const char *const privacy_default_phrases[];

/* 1 when text asks for confidentiality in one of the n phrases (lower
 * case, words separated by spaces); cue gets the phrase (may be NULL).
 * 0 otherwise. */
int	privacy_asked(const char *text, char *const *phrases, size_t n,
	    char *cue, size_t cuelen);

/* What stands for a hidden name, address or number in lang ("id":
 * "(dirahasiakan)", else "(confidential)"). */
const char	*privacy_placeholder(const char *lang);

/*
 * The complaint's text for an officer of a confidential case: every
 * occurrence of the complainant's name (and of each word of it of three
 * letters or more that is not a title: "Bapak", "Ibu", "Mr"), address,
 * and number (written +62..., 08..., with spaces, dots or dashes) — and
 * any other phone number written (a "+" or "0" and 9 to 15 digits: the
 * number they give may not be the one we know) — is replaced by
 * placeholder.  Whole words only, ignoring case.  NULL or ""
 * for what is not known.  Caller frees.
 */
char	*privacy_scrub(const char *text, const char *name, const char *email,
	    const char *phone, const char *placeholder);

#endif
