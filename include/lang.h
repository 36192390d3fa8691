/*
 * lang.h — which language a complainant wrote in: Indonesian ("id") or
 * English ("en").  Pure: no I/O, no logging, no globals but the word
 * table in lang.c.
 *
 * The text is read word by word (ASCII lower-cased, apostrophes dropped:
 * "don't" is "dont") and each word looked up in one table of words that
 * belong to one language only: function words, pronouns, greetings,
 * everyday complaint words, the informal and abbreviated forms people
 * type on a phone ("ga", "gak", "udah", "yg", "tdk", "sy"; "dont",
 * "pls").  Words both languages use ("ok", "email", "AC", "wifi",
 * "invoice", "online") count for neither.  An Indonesian word not in the
 * table still counts when it carries a suffix English does not have
 * ("-nya", "-kan", "-lah": "rusaknya", "ditindaklanjutkan") or the prefixes
 * "meng-", "peng-", "meny-", "peny-".
 *
 * The language with more words wins when it has at least LANG_MIN_WORDS
 * of them; a tie, or a text too short to say (a bare "AC rusak", "ok",
 * a number), gives the fallback: the party's remembered language, else
 * the organisation's.  So Indonesian sprinkled with English ("tolong
 * di-fix secepatnya, please") stays Indonesian, and an English complaint
 * that greets "Pak" stays English.
 *
 * Only the first LANG_TEXT_MAX bytes are read.
 */
#ifndef LANG_H
#define LANG_H

#include <stddef.h>

#define LANG_TEXT_MAX	8192
#define LANG_MIN_WORDS	2
#define LANG_SWITCH_WORDS	5	/* lang_switches(): words of the other
					   language at least, and ... */
#define LANG_SWITCH_RATIO	3	/* ... this many times the current's */

struct lang_guess {
	const char	*lang;	/* "id" | "en": the answer (maybe the
				   fallback) */
	int		 sure;	/* 1: decided by the words; 0: fallback */
	int		 id;	/* words counted for each */
	int		 en;
};

/* The language of text (NULL reads as ""); fallback when the words do not
 * decide ("id" when fallback is NULL).  out may be NULL.  Returns
 * out->lang (a static string). */
const char	*lang_detect(const char *text, const char *fallback,
		    struct lang_guess *out);

/*
 * Does a later message of the complainant (guessed g) say clearly that
 * they write in the other language than current?  1 when the words
 * decided it, for the other language, with at least LANG_SWITCH_WORDS of
 * them and LANG_SWITCH_RATIO times as many as of current's: "Thank you,
 * but the toilets in Workshop B are still broken" after an Indonesian
 * complaint, not "ok thanks", nor an Indonesian reply with an English
 * phrase in it.  0 otherwise.
 */
int	lang_switches(const struct lang_guess *g, const char *current);

/* "id" or "en" for a word as a person types it ("id", "indonesia",
 * "bahasa", "en", "english", "inggris", ...); NULL when neither. */
const char	*lang_name(const char *word);

/* For the tests: 0 when no word of the table is there twice; else -1,
 * err says which. */
int	lang_check_table(char *err, size_t errlen);

#endif
