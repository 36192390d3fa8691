/*
 * feedback.h — what a complainant's answer to "are you satisfied?" says,
 * read the way people write it.  Pure: no I/O, no logging, no globals but
 * the vocabulary table in feedback.c.
 *
 * feedback_read() takes the new text of a reply (the caller strips quoted
 * history) and finds, word by word — "puas" inside "kepuasan" or "ga"
 * inside "juga" are not words — the complainant's verdict:
 *
 *  - explicit verdicts: puas, memuaskan, senang, satisfied, happy /
 *    kecewa, disappointed, unhappy; negated by tidak, tak, ga, gak, nggak,
 *    enggak, ndak, belum, kurang, bukan, tdk, gk, not, don't... with
 *    intensifiers, particles and filler words between them ("tidak merasa
 *    puas", "ga puas banget pak", "not really satisfied");
 *  - what they say about the fault: "masih bocor", "rusak lagi", "belum
 *    diperbaiki", "tidak ada perubahan", "still broken" (not satisfied) /
 *    "sudah beres", "sudah dingin", "tidak bocor lagi", "it's fixed"
 *    (satisfied); approval and disapproval (oke, mantap, bagus / jelek,
 *    parah); elongations and common misspellings (puasss, pwas, gaak);
 *  - a numeric score on the organisation's scale ("4", "nilai 3",
 *    "skor: 2/5", "3 dari 4"), as in the public service satisfaction
 *    survey (IKM/SKM: 1 tidak baik, 2 kurang baik, 3 baik, 4 sangat baik).
 *
 * The verdict is UNCLEAR when the reply is neither (thanks without a
 * verdict, "ok, saya tunggu"), only asks ("apakah sudah diperbaiki?" —
 * though "kenapa masih bocor?" still says it leaks), or mixes signals
 * ("puas, tapi AC masih panas").  An explicit "not satisfied" wins over
 * good news about the fault: a dissatisfied complainant must never be
 * recorded as satisfied.
 */
#ifndef FEEDBACK_H
#define FEEDBACK_H

#define FEEDBACK_TEXT_MAX	4096	/* bytes of the reply that are read */

enum feedback_verdict {
	FEEDBACK_UNCLEAR,
	FEEDBACK_SATISFIED,
	FEEDBACK_DISSATISFIED,
};

struct feedback {
	enum feedback_verdict	 verdict;
	int			 score;		/* 1..scale; 0: no score given */
	int			 scale;		/* of score: the configured one,
						   or as written ("8/10") */
	char			 cue[96];	/* the words that decided, lower
						   case ("tidak puas", "skor
						   2/5", "mixed: puas / masih
						   panas"); "" when none */
};

/*
 * Read text (NULL reads as "") with numeric scores on 1..scale (the
 * configured scale, 4 or 5).  Fills *out; never fails.
 */
void	feedback_read(const char *text, int scale, struct feedback *out);

/* A score's verdict: satisfied in the upper half of 1..scale (3 and 4 of
 * 4; 4 and 5 of 5 — the middle of an odd scale is not satisfied, as
 * satisfaction surveys count it). */
enum feedback_verdict	feedback_score_verdict(int score, int scale);

/* For the tests, after a maintainer added words: 0 when every row of the
 * vocabulary is well-formed and none is there twice; else -1, err says
 * which. */
int	feedback_check_vocabulary(char *err, size_t errlen);

/* "satisfied", "not satisfied", "unclear". */
const char	*feedback_verdict_name(enum feedback_verdict);

#endif
