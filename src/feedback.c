/*
 * feedback.c — reading a complainant's verdict (see feedback.h).
 *
 * The vocabulary is ONE table, fb_words[] below: every word, phrase,
 * misspelling and emoji the reader knows, with its class.  To teach it a
 * word, add a row (lower case, words separated by one space; the unit test
 * checks the table).  The rules that combine the classes are
 * fb_outcome() (one meaningful word under its markers) and fb_decide()
 * (the reply as a whole).
 *
 * How a reply is read:
 *  1. Tokens: words (ASCII lower-cased; apostrophes inside words dropped,
 *     so "isn't" is "isnt"; "-" between letters separates, so "AC-nya" is
 *     "ac nya"), numbers, emoji (one token each) and punctuation.
 *  2. Each word is looked up exactly, then with runs of a letter collapsed
 *     ("puasss", "nggaaak"), then without a "-nya" suffix ("perbaikannya");
 *     the longest phrase wins, an exact match over a loose one.
 *  3. Sentences end at ". ! ?" and blank lines.  Markers (negators, masih,
 *     sudah, lagi, mohon, akan) wait for the next word that carries
 *     meaning, across fillers and up to FB_REACH unknown words, and lapse
 *     at ", ; :" and "tapi".  In a question, good news does not count
 *     ("sudah diperbaiki?"); bad news does ("kenapa masih bocor?").
 *  4. A score ("4", "nilai 3", "skor: 2/5") counts as an explicit verdict.
 *     Explicit verdicts decide; a dissatisfied one wins over good news;
 *     without one, what was said about the fault and the service.
 *
 * Only the first FEEDBACK_TEXT_MAX bytes are read: time and memory are
 * bounded whatever the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedback.h"
#include "utf8.h"
#include "xmalloc.h"

#define FB_WORD_MAX	32	/* bytes of a token kept */
#define FB_TOKENS_MAX	1024
#define FB_PHRASE_MAX	4	/* words in the longest phrase */
#define FB_REACH	2	/* unknown words a marker waits across */
#define FB_SCALE_MAX	10	/* "8/10" is a score; "12/05" is not */

enum fb_class {
	FB_NONE,	/* not in the table */
	/* words that carry meaning */
	FB_GOOD,	/* a verdict: satisfied */
	FB_BAD,		/* a verdict: not satisfied */
	FB_FINE,	/* approval: oke, bagus, good */
	FB_POOR,	/* disapproval: jelek, parah, useless */
	FB_SOLVED,	/* the fault is gone, said by itself: beres, fixed */
	FB_DONE,	/* done only after "sudah": diperbaiki, dingin */
	FB_FAULT,	/* a fault: bad after "masih"/"sudah" or before "lagi",
			   good negated ("tidak bocor", "no problem") */
	/* markers: they change the next word that carries meaning */
	FB_NOT,		/* tidak, ga, belum, kurang, not */
	FB_STILL,	/* masih, tetap, still */
	FB_AGAIN,	/* lagi, kembali: right after a fault, it is back */
	FB_ALREADY,	/* sudah, udah, already, now */
	FB_PLEASE,	/* mohon, tolong, please: not done yet */
	FB_LATER,	/* akan, kalau, semoga, tidak tahu: not a fact */
	/* the rest */
	FB_FILLER,	/* intensifiers, particles, pronouns: markers wait */
	FB_WAIT,	/* tunggu, cek: the result is not seen yet */
	FB_BUT,		/* tapi, but: markers lapse */
	FB_ASK,		/* apakah, kapan: opening a question */
	FB_THANKS,	/* terima kasih: polite, no verdict */
	FB_SCORE,	/* nilai, skor: a score follows */
	FB_OUTOF,	/* dari, of: "3 dari 4" */
	FB_NUMBER,	/* a number word; value */
	FB_STARS,	/* bintang, stars: a score out of 5 */
	FB_NEUTRAL,	/* known, meaning nothing here (blocks loose matches) */
	FB_PART,	/* (tokens only) a later word of a phrase */
};

/* The vocabulary.  Misspellings are rows too; elongations ("puaaas") and
 * "-nya" forms are found without rows. */
static const struct fb_word {
	const char	*text;
	enum fb_class	 cls;
	int		 value;
} fb_words[] = {
	/* ---- negators ---- */
	{ "tidak", FB_NOT, 0 }, { "tdk", FB_NOT, 0 }, { "tida", FB_NOT, 0 },
	{ "tak", FB_NOT, 0 }, { "ga", FB_NOT, 0 }, { "gak", FB_NOT, 0 },
	{ "gk", FB_NOT, 0 }, { "g", FB_NOT, 0 }, { "gx", FB_NOT, 0 },
	{ "ngga", FB_NOT, 0 }, { "nggak", FB_NOT, 0 }, { "ngak", FB_NOT, 0 },
	{ "nggk", FB_NOT, 0 }, { "ngk", FB_NOT, 0 }, { "enggak", FB_NOT, 0 },
	{ "engga", FB_NOT, 0 }, { "ndak", FB_NOT, 0 }, { "nda", FB_NOT, 0 },
	{ "ndk", FB_NOT, 0 }, { "gag", FB_NOT, 0 }, { "kagak", FB_NOT, 0 },
	{ "kaga", FB_NOT, 0 }, { "ora", FB_NOT, 0 }, { "mboten", FB_NOT, 0 },
	{ "belum", FB_NOT, 0 }, { "blm", FB_NOT, 0 }, { "blom", FB_NOT, 0 },
	{ "belom", FB_NOT, 0 }, { "blum", FB_NOT, 0 }, { "kurang", FB_NOT, 0 },
	{ "krg", FB_NOT, 0 }, { "bukan", FB_NOT, 0 }, { "bkn", FB_NOT, 0 },
	{ "tanpa", FB_NOT, 0 }, { "gaada", FB_NOT, 0 }, { "gada", FB_NOT, 0 },
	{ "tdkada", FB_NOT, 0 }, { "jangan", FB_NOT, 0 },
	{ "not", FB_NOT, 0 }, { "no", FB_NOT, 0 }, { "never", FB_NOT, 0 },
	{ "nothing", FB_NOT, 0 }, { "none", FB_NOT, 0 }, { "nope", FB_NOT, 0 },
	{ "without", FB_NOT, 0 }, { "nobody", FB_NOT, 0 },
	{ "no one", FB_NOT, 0 }, { "dont", FB_NOT, 0 },
	{ "doesnt", FB_NOT, 0 }, { "didnt", FB_NOT, 0 }, { "isnt", FB_NOT, 0 },
	{ "wasnt", FB_NOT, 0 }, { "arent", FB_NOT, 0 }, { "werent", FB_NOT, 0 },
	{ "havent", FB_NOT, 0 }, { "hasnt", FB_NOT, 0 }, { "hadnt", FB_NOT, 0 },
	{ "cant", FB_NOT, 0 }, { "cannot", FB_NOT, 0 },
	{ "couldnt", FB_NOT, 0 }, { "wont", FB_NOT, 0 },
	{ "wouldnt", FB_NOT, 0 }, { "aint", FB_NOT, 0 },
	/* negator-looking phrases that negate nothing */
	{ "tidak hanya", FB_FILLER, 0 }, { "tak hanya", FB_FILLER, 0 },
	{ "bukan hanya", FB_FILLER, 0 }, { "tidak cuma", FB_FILLER, 0 },
	{ "bukan cuma", FB_FILLER, 0 }, { "not only", FB_FILLER, 0 },
	{ "bukan main", FB_FILLER, 0 }, { "kurang lebih", FB_FILLER, 0 },
	{ "sama sekali", FB_FILLER, 0 }, { "tidak lama", FB_FILLER, 0 },
	{ "tak lama", FB_FILLER, 0 }, { "ga lama", FB_FILLER, 0 },
	{ "gak lama", FB_FILLER, 0 }, { "no longer", FB_NOT, 0 },
	{ "no more", FB_NOT, 0 },

	/* ---- verdicts: satisfied ---- */
	{ "puas", FB_GOOD, 0 }, { "puass", FB_GOOD, 0 }, { "pwas", FB_GOOD, 0 },
	{ "puaz", FB_GOOD, 0 }, { "poas", FB_GOOD, 0 },
	{ "memuaskan", FB_GOOD, 0 }, { "memuaskn", FB_GOOD, 0 },
	{ "memuasakan", FB_GOOD, 0 }, { "muasin", FB_GOOD, 0 },
	{ "senang", FB_GOOD, 0 }, { "seneng", FB_GOOD, 0 },
	{ "snang", FB_GOOD, 0 }, { "bahagia", FB_GOOD, 0 },
	{ "gembira", FB_GOOD, 0 }, { "lega", FB_GOOD, 0 },
	{ "sesuai harapan", FB_GOOD, 0 }, { "sesuai ekspektasi", FB_GOOD, 0 },
	{ "satisfied", FB_GOOD, 0 }, { "satisfy", FB_GOOD, 0 },
	{ "satisfying", FB_GOOD, 0 }, { "satisfactory", FB_GOOD, 0 },
	{ "satisfed", FB_GOOD, 0 }, { "satisified", FB_GOOD, 0 },
	{ "happy", FB_GOOD, 0 }, { "pleased", FB_GOOD, 0 },
	{ "glad", FB_GOOD, 0 }, { "as expected", FB_GOOD, 0 },

	/* ---- verdicts: not satisfied ---- */
	{ "kecewa", FB_BAD, 0 }, { "kcewa", FB_BAD, 0 },
	{ "kecewah", FB_BAD, 0 }, { "mengecewakan", FB_BAD, 0 },
	{ "kesal", FB_BAD, 0 }, { "kesel", FB_BAD, 0 },
	{ "jengkel", FB_BAD, 0 }, { "dongkol", FB_BAD, 0 },
	{ "marah", FB_BAD, 0 }, { "sebel", FB_BAD, 0 }, { "sebal", FB_BAD, 0 },
	{ "ketidakpuasan", FB_BAD, 0 }, { "tidakpuas", FB_BAD, 0 },
	{ "tdkpuas", FB_BAD, 0 }, { "gapuas", FB_BAD, 0 },
	{ "gakpuas", FB_BAD, 0 }, { "gkpuas", FB_BAD, 0 },
	{ "gpuas", FB_BAD, 0 }, { "nggakpuas", FB_BAD, 0 },
	{ "ngakpuas", FB_BAD, 0 }, { "kurangpuas", FB_BAD, 0 },
	{ "krgpuas", FB_BAD, 0 }, { "belumpuas", FB_BAD, 0 },
	{ "blmpuas", FB_BAD, 0 }, { "unsatisfied", FB_BAD, 0 },
	{ "dissatisfied", FB_BAD, 0 }, { "unsatisfactory", FB_BAD, 0 },
	{ "unhappy", FB_BAD, 0 }, { "disappointed", FB_BAD, 0 },
	{ "dissapointed", FB_BAD, 0 }, { "disapointed", FB_BAD, 0 },
	{ "disappointing", FB_BAD, 0 }, { "upset", FB_BAD, 0 },
	{ "angry", FB_BAD, 0 }, { "annoyed", FB_BAD, 0 },
	{ "frustrated", FB_BAD, 0 }, { "fed up", FB_BAD, 0 },

	/* ---- approval ---- */
	{ "oke", FB_FINE, 0 }, { "ok", FB_FINE, 0 }, { "okay", FB_FINE, 0 },
	{ "okey", FB_FINE, 0 }, { "okeh", FB_FINE, 0 }, { "oce", FB_FINE, 0 },
	{ "okelah", FB_FINE, 0 }, { "sip", FB_FINE, 0 },
	{ "mantap", FB_FINE, 0 }, { "mantab", FB_FINE, 0 },
	{ "mantep", FB_FINE, 0 }, { "mantul", FB_FINE, 0 },
	{ "bagus", FB_FINE, 0 }, { "bgs", FB_FINE, 0 }, { "baik", FB_FINE, 0 },
	{ "keren", FB_FINE, 0 }, { "top", FB_FINE, 0 }, { "jos", FB_FINE, 0 },
	{ "hebat", FB_FINE, 0 }, { "luar biasa", FB_FINE, 0 },
	{ "sempurna", FB_FINE, 0 }, { "terbaik", FB_FINE, 0 },
	{ "tanggap", FB_FINE, 0 }, { "cepat tanggap", FB_FINE, 0 },
	{ "responsif", FB_FINE, 0 }, { "gercep", FB_FINE, 0 },
	{ "sigap", FB_FINE, 0 }, { "profesional", FB_FINE, 0 },
	{ "becus", FB_FINE, 0 }, { "sesuai", FB_FINE, 0 },
	{ "lumayan", FB_FINE, 0 }, { "terima", FB_FINE, 0 },
	{ "gpp", FB_FINE, 0 }, { "gapapa", FB_FINE, 0 },
	{ "gak pake lama", FB_FINE, 0 }, { "nggak pake lama", FB_FINE, 0 },
	{ "good", FB_FINE, 0 }, { "great", FB_FINE, 0 }, { "nice", FB_FINE, 0 },
	{ "excellent", FB_FINE, 0 }, { "perfect", FB_FINE, 0 },
	{ "awesome", FB_FINE, 0 }, { "amazing", FB_FINE, 0 },
	{ "fantastic", FB_FINE, 0 }, { "wonderful", FB_FINE, 0 },
	{ "membantu", FB_FINE, 0 }, { "ramah", FB_FINE, 0 },
	{ "cepat", FB_FINE, 0 }, { "jelas", FB_FINE, 0 },
	{ "lebih baik", FB_FINE, 0 }, { "membaik", FB_FINE, 0 },
	{ "fine", FB_FINE, 0 }, { "better", FB_FINE, 0 },
	{ "helpful", FB_FINE, 0 }, { "responsive", FB_FINE, 0 },
	{ "professional", FB_FINE, 0 },
	{ "acceptable", FB_FINE, 0 }, { "well done", FB_FINE, 0 },
	{ "no worries", FB_FINE, 0 },
	{ "\xf0\x9f\x91\x8d", FB_FINE, 0 },	/* thumbs up */
	{ "\xf0\x9f\x91\x8c", FB_FINE, 0 },	/* OK hand */

	/* ---- disapproval ---- */
	{ "jelek", FB_POOR, 0 }, { "jlek", FB_POOR, 0 }, { "buruk", FB_POOR, 0 },
	{ "parah", FB_POOR, 0 }, { "payah", FB_POOR, 0 },
	{ "percuma", FB_POOR, 0 }, { "sia sia", FB_POOR, 0 },
	{ "asal asalan", FB_POOR, 0 }, { "asal jadi", FB_POOR, 0 },
	{ "ngawur", FB_POOR, 0 }, { "lelet", FB_POOR, 0 },
	{ "lamban", FB_POOR, 0 }, { "zonk", FB_POOR, 0 },
	{ "sama saja", FB_POOR, 0 }, { "sama aja", FB_POOR, 0 },
	{ "masih sama", FB_POOR, 0 }, { "tetap sama", FB_POOR, 0 },
	{ "tetep sama", FB_POOR, 0 }, { "masalah yang sama", FB_POOR, 0 },
	{ "bad", FB_POOR, 0 }, { "poor", FB_POOR, 0 },
	{ "terrible", FB_POOR, 0 }, { "awful", FB_POOR, 0 },
	{ "horrible", FB_POOR, 0 }, { "useless", FB_POOR, 0 },
	{ "worse", FB_POOR, 0 }, { "worst", FB_POOR, 0 },
	{ "pathetic", FB_POOR, 0 }, { "unacceptable", FB_POOR, 0 },
	{ "unprofessional", FB_POOR, 0 }, { "waste of time", FB_POOR, 0 },
	{ "unresolved", FB_POOR, 0 }, { "unfixed", FB_POOR, 0 },
	{ "nihil", FB_POOR, 0 },
	{ "same problem", FB_POOR, 0 }, { "same issue", FB_POOR, 0 },
	{ "\xf0\x9f\x91\x8e", FB_POOR, 0 },	/* thumbs down */
	{ "\xf0\x9f\x98\xa1", FB_POOR, 0 },	/* pouting face */
	{ "\xf0\x9f\x98\xa0", FB_POOR, 0 },	/* angry face */
	{ "\xf0\x9f\x98\xa4", FB_POOR, 0 },	/* face with steam */
	{ "\xf0\x9f\x98\x9e", FB_POOR, 0 },	/* disappointed face */
	{ "\xf0\x9f\x99\x81", FB_POOR, 0 },	/* slightly frowning */
	{ "\xe2\x98\xb9", FB_POOR, 0 },		/* frowning face */

	/* ---- the fault is gone ---- */
	{ "beres", FB_SOLVED, 0 }, { "bres", FB_SOLVED, 0 },
	{ "kelar", FB_SOLVED, 0 }, { "normal", FB_SOLVED, 0 },
	{ "lancar", FB_SOLVED, 0 }, { "aman", FB_SOLVED, 0 },
	{ "berfungsi", FB_SOLVED, 0 }, { "teratasi", FB_SOLVED, 0 },
	{ "terselesaikan", FB_SOLVED, 0 }, { "tertangani", FB_SOLVED, 0 },
	{ "terpecahkan", FB_SOLVED, 0 }, { "tuntas", FB_SOLVED, 0 },
	{ "fixed", FB_SOLVED, 0 },
	{ "resolved", FB_SOLVED, 0 }, { "solved", FB_SOLVED, 0 },
	{ "sorted", FB_SOLVED, 0 }, { "repaired", FB_SOLVED, 0 },
	{ "replaced", FB_SOLVED, 0 }, { "cleaned", FB_SOLVED, 0 },
	{ "working", FB_SOLVED, 0 }, { "works", FB_SOLVED, 0 },
	{ "work", FB_SOLVED, 0 }, { "functioning", FB_SOLVED, 0 },
	{ "done", FB_SOLVED, 0 },

	/* ---- done only when "sudah" says so ---- */
	{ "diperbaiki", FB_DONE, 0 }, { "diperbaikin", FB_DONE, 0 },
	{ "dibenerin", FB_DONE, 0 }, { "dibetulkan", FB_DONE, 0 },
	{ "dibetulin", FB_DONE, 0 }, { "memperbaiki", FB_DONE, 0 },
	{ "membetulkan", FB_DONE, 0 }, { "ditangani", FB_DONE, 0 },
	{ "ditanggapi", FB_DONE, 0 }, { "ditindaklanjuti", FB_DONE, 0 },
	{ "diganti", FB_DONE, 0 }, { "dibersihkan", FB_DONE, 0 },
	{ "diatasi", FB_DONE, 0 }, { "diselesaikan", FB_DONE, 0 },
	{ "dikerjakan", FB_DONE, 0 }, { "direnovasi", FB_DONE, 0 },
	{ "dibereskan", FB_DONE, 0 }, { "menyelesaikan", FB_DONE, 0 },
	{ "mengatasi", FB_DONE, 0 }, { "selesai", FB_DONE, 0 },
	{ "slesai", FB_DONE, 0 }, { "berubah", FB_DONE, 0 },
	{ "perubahan", FB_DONE, 0 }, { "perbaikan", FB_DONE, 0 },
	{ "tindakan", FB_DONE, 0 }, { "tindak lanjut", FB_DONE, 0 },
	{ "tindaklanjut", FB_DONE, 0 }, { "tanggapan", FB_DONE, 0 },
	{ "respon", FB_DONE, 0 }, { "respons", FB_DONE, 0 },
	{ "penanganan", FB_DONE, 0 }, { "dingin", FB_DONE, 0 },
	{ "menyala", FB_DONE, 0 }, { "nyala", FB_DONE, 0 },
	{ "hidup", FB_DONE, 0 }, { "bersih", FB_DONE, 0 },
	{ "terang", FB_DONE, 0 }, { "mengalir", FB_DONE, 0 },
	{ "adem", FB_DONE, 0 }, { "sejuk", FB_DONE, 0 },
	{ "wangi", FB_DONE, 0 }, { "hasil", FB_DONE, 0 },
	{ "dipakai", FB_DONE, 0 }, { "dipake", FB_DONE, 0 },
	{ "digunakan", FB_DONE, 0 }, { "jalan", FB_DONE, 0 },
	{ "berjalan", FB_DONE, 0 }, { "change", FB_DONE, 0 },
	{ "changed", FB_DONE, 0 }, { "changes", FB_DONE, 0 },
	{ "improvement", FB_DONE, 0 }, { "improved", FB_DONE, 0 },
	{ "action", FB_DONE, 0 }, { "response", FB_DONE, 0 },
	{ "repair", FB_DONE, 0 }, { "fix", FB_DONE, 0 },

	/* ---- faults ---- */
	{ "bocor", FB_FAULT, 0 }, { "rusak", FB_FAULT, 0 },
	{ "rsk", FB_FAULT, 0 }, { "panas", FB_FAULT, 0 },
	{ "mati", FB_FAULT, 0 }, { "kotor", FB_FAULT, 0 },
	{ "bau", FB_FAULT, 0 }, { "mampet", FB_FAULT, 0 },
	{ "macet", FB_FAULT, 0 }, { "tersumbat", FB_FAULT, 0 },
	{ "buntu", FB_FAULT, 0 }, { "error", FB_FAULT, 0 },
	{ "eror", FB_FAULT, 0 }, { "salah", FB_FAULT, 0 },
	{ "berisik", FB_FAULT, 0 }, { "bising", FB_FAULT, 0 },
	{ "gelap", FB_FAULT, 0 }, { "banjir", FB_FAULT, 0 },
	{ "tergenang", FB_FAULT, 0 }, { "retak", FB_FAULT, 0 },
	{ "patah", FB_FAULT, 0 }, { "jebol", FB_FAULT, 0 },
	{ "pecah", FB_FAULT, 0 }, { "lemot", FB_FAULT, 0 },
	{ "mogok", FB_FAULT, 0 }, { "korslet", FB_FAULT, 0 },
	{ "konslet", FB_FAULT, 0 }, { "konsleting", FB_FAULT, 0 },
	{ "nyetrum", FB_FAULT, 0 }, { "kosong", FB_FAULT, 0 },
	{ "berantakan", FB_FAULT, 0 }, { "licin", FB_FAULT, 0 },
	{ "kepanasan", FB_FAULT, 0 }, { "pesing", FB_FAULT, 0 },
	{ "masalah", FB_FAULT, 0 }, { "keluhan", FB_FAULT, 0 },
	{ "kendala", FB_FAULT, 0 }, { "gangguan", FB_FAULT, 0 },
	{ "apa apa", FB_FAULT, 0 }, { "papa", FB_FAULT, 0 },
	{ "problem", FB_FAULT, 0 },
	{ "problems", FB_FAULT, 0 }, { "issue", FB_FAULT, 0 },
	{ "issues", FB_FAULT, 0 }, { "trouble", FB_FAULT, 0 },
	{ "broken", FB_FAULT, 0 }, { "broke", FB_FAULT, 0 },
	{ "leaking", FB_FAULT, 0 }, { "leaks", FB_FAULT, 0 },
	{ "leak", FB_FAULT, 0 }, { "leaky", FB_FAULT, 0 },
	{ "dirty", FB_FAULT, 0 }, { "hot", FB_FAULT, 0 },
	{ "dead", FB_FAULT, 0 }, { "faulty", FB_FAULT, 0 },
	{ "smells", FB_FAULT, 0 }, { "smelly", FB_FAULT, 0 },
	{ "noise", FB_FAULT, 0 }, { "noisy", FB_FAULT, 0 },
	{ "flooded", FB_FAULT, 0 }, { "blocked", FB_FAULT, 0 },
	{ "clogged", FB_FAULT, 0 }, { "cracked", FB_FAULT, 0 },
	{ "missing", FB_FAULT, 0 }, { "wrong", FB_FAULT, 0 },
	{ "complaint", FB_FAULT, 0 }, { "complaints", FB_FAULT, 0 },
	{ "the same", FB_FAULT, 0 },

	/* ---- markers ---- */
	{ "masih", FB_STILL, 0 }, { "msh", FB_STILL, 0 },
	{ "masi", FB_STILL, 0 }, { "tetap", FB_STILL, 0 },
	{ "tetep", FB_STILL, 0 }, { "ttp", FB_STILL, 0 },
	{ "still", FB_STILL, 0 }, { "keeps", FB_STILL, 0 },
	{ "keep", FB_STILL, 0 }, { "continues", FB_STILL, 0 },
	{ "lagi", FB_AGAIN, 0 }, { "lg", FB_AGAIN, 0 },
	{ "kembali", FB_AGAIN, 0 }, { "terus", FB_AGAIN, 0 },
	{ "trs", FB_AGAIN, 0 }, { "mulu", FB_AGAIN, 0 },
	{ "melulu", FB_AGAIN, 0 }, { "terus menerus", FB_AGAIN, 0 },
	{ "terus terusan", FB_AGAIN, 0 }, { "again", FB_AGAIN, 0 },
	{ "sudah", FB_ALREADY, 0 }, { "sdh", FB_ALREADY, 0 },
	{ "udah", FB_ALREADY, 0 }, { "udh", FB_ALREADY, 0 },
	{ "uda", FB_ALREADY, 0 }, { "dah", FB_ALREADY, 0 },
	{ "telah", FB_ALREADY, 0 }, { "tlh", FB_ALREADY, 0 },
	{ "sekarang", FB_ALREADY, 0 }, { "skrg", FB_ALREADY, 0 },
	{ "skrng", FB_ALREADY, 0 }, { "kini", FB_ALREADY, 0 },
	{ "already", FB_ALREADY, 0 }, { "now", FB_ALREADY, 0 },
	{ "mohon", FB_PLEASE, 0 }, { "tolong", FB_PLEASE, 0 },
	{ "harap", FB_PLEASE, 0 }, { "minta", FB_PLEASE, 0 },
	{ "please", FB_PLEASE, 0 }, { "pls", FB_PLEASE, 0 },
	{ "plz", FB_PLEASE, 0 }, { "asap", FB_PLEASE, 0 },
	{ "akan", FB_LATER, 0 }, { "bakal", FB_LATER, 0 },
	{ "nanti", FB_LATER, 0 }, { "kalau", FB_LATER, 0 },
	{ "kalo", FB_LATER, 0 }, { "klo", FB_LATER, 0 },
	{ "jika", FB_LATER, 0 }, { "apabila", FB_LATER, 0 },
	{ "semoga", FB_LATER, 0 }, { "moga", FB_LATER, 0 },
	{ "mudah mudahan", FB_LATER, 0 }, { "harus", FB_LATER, 0 },
	{ "hrs", FB_LATER, 0 }, { "tahu", FB_LATER, 0 },
	{ "tau", FB_LATER, 0 }, { "yakin", FB_LATER, 0 },
	{ "will", FB_LATER, 0 }, { "would", FB_LATER, 0 },
	{ "if", FB_LATER, 0 }, { "hope", FB_LATER, 0 },
	{ "hopefully", FB_LATER, 0 }, { "should", FB_LATER, 0 },
	{ "know", FB_LATER, 0 }, { "sure", FB_LATER, 0 },

	/* ---- fillers: intensifiers, particles, pronouns, verbs ---- */
	{ "sangat", FB_FILLER, 0 }, { "sgt", FB_FILLER, 0 },
	{ "sekali", FB_FILLER, 0 }, { "skali", FB_FILLER, 0 },
	{ "banget", FB_FILLER, 0 }, { "bgt", FB_FILLER, 0 },
	{ "bngt", FB_FILLER, 0 }, { "amat", FB_FILLER, 0 },
	{ "sungguh", FB_FILLER, 0 }, { "benar", FB_FILLER, 0 },
	{ "bener", FB_FILLER, 0 }, { "betul", FB_FILLER, 0 },
	{ "bnr", FB_FILLER, 0 }, { "terlalu", FB_FILLER, 0 },
	{ "begitu", FB_FILLER, 0 }, { "gitu", FB_FILLER, 0 },
	{ "paling", FB_FILLER, 0 }, { "cukup", FB_FILLER, 0 },
	{ "agak", FB_FILLER, 0 }, { "rada", FB_FILLER, 0 },
	{ "sedikit", FB_FILLER, 0 }, { "dikit", FB_FILLER, 0 },
	{ "sepenuhnya", FB_FILLER, 0 }, { "seratus", FB_FILLER, 0 },
	{ "persen", FB_FILLER, 0 }, { "segera", FB_FILLER, 0 },
	{ "banyak", FB_FILLER, 0 }, { "sih", FB_FILLER, 0 },
	{ "kok", FB_FILLER, 0 }, { "pak", FB_FILLER, 0 },
	{ "bu", FB_FILLER, 0 }, { "bapak", FB_FILLER, 0 },
	{ "ibu", FB_FILLER, 0 }, { "bpk", FB_FILLER, 0 },
	{ "mas", FB_FILLER, 0 }, { "mbak", FB_FILLER, 0 },
	{ "mba", FB_FILLER, 0 }, { "kak", FB_FILLER, 0 },
	{ "kakak", FB_FILLER, 0 }, { "dik", FB_FILLER, 0 },
	{ "om", FB_FILLER, 0 }, { "bang", FB_FILLER, 0 },
	{ "min", FB_FILLER, 0 }, { "admin", FB_FILLER, 0 },
	{ "deh", FB_FILLER, 0 }, { "lah", FB_FILLER, 0 },
	{ "dong", FB_FILLER, 0 }, { "donk", FB_FILLER, 0 },
	{ "ya", FB_FILLER, 0 }, { "iya", FB_FILLER, 0 },
	{ "yah", FB_FILLER, 0 }, { "yap", FB_FILLER, 0 },
	{ "nih", FB_FILLER, 0 }, { "tuh", FB_FILLER, 0 },
	{ "kan", FB_FILLER, 0 }, { "kah", FB_FILLER, 0 },
	{ "pun", FB_FILLER, 0 }, { "juga", FB_FILLER, 0 },
	{ "jg", FB_FILLER, 0 }, { "saja", FB_FILLER, 0 },
	{ "aja", FB_FILLER, 0 }, { "hanya", FB_FILLER, 0 },
	{ "saya", FB_FILLER, 0 }, { "sy", FB_FILLER, 0 },
	{ "aku", FB_FILLER, 0 }, { "gue", FB_FILLER, 0 },
	{ "gua", FB_FILLER, 0 }, { "gw", FB_FILLER, 0 },
	{ "kami", FB_FILLER, 0 }, { "kita", FB_FILLER, 0 },
	{ "anda", FB_FILLER, 0 }, { "merasa", FB_FILLER, 0 },
	{ "rasa", FB_FILLER, 0 }, { "ngerasa", FB_FILLER, 0 },
	{ "terasa", FB_FILLER, 0 }, { "dirasa", FB_FILLER, 0 },
	{ "dengan", FB_FILLER, 0 }, { "dgn", FB_FILLER, 0 },
	{ "dg", FB_FILLER, 0 }, { "happened", FB_FILLER, 0 },
	{ "sama", FB_FILLER, 0 }, { "atas", FB_FILLER, 0 },
	{ "terjadi", FB_FILLER, 0 }, { "pelayanan", FB_FILLER, 0 },
	{ "layanan", FB_FILLER, 0 }, { "ada", FB_FILLER, 0 },
	{ "yang", FB_FILLER, 0 }, { "yg", FB_FILLER, 0 },
	{ "bisa", FB_FILLER, 0 }, { "bs", FB_FILLER, 0 },
	{ "dapat", FB_FILLER, 0 }, { "nya", FB_FILLER, 0 },
	{ "itu", FB_FILLER, 0 }, { "ini", FB_FILLER, 0 },
	{ "tersebut", FB_FILLER, 0 },
	{ "i", FB_FILLER, 0 }, { "im", FB_FILLER, 0 }, { "ive", FB_FILLER, 0 },
	{ "ill", FB_FILLER, 0 }, { "am", FB_FILLER, 0 }, { "is", FB_FILLER, 0 },
	{ "are", FB_FILLER, 0 }, { "was", FB_FILLER, 0 },
	{ "were", FB_FILLER, 0 }, { "be", FB_FILLER, 0 },
	{ "been", FB_FILLER, 0 }, { "being", FB_FILLER, 0 },
	{ "feel", FB_FILLER, 0 }, { "felt", FB_FILLER, 0 },
	{ "feeling", FB_FILLER, 0 }, { "really", FB_FILLER, 0 },
	{ "very", FB_FILLER, 0 }, { "so", FB_FILLER, 0 },
	{ "too", FB_FILLER, 0 }, { "quite", FB_FILLER, 0 },
	{ "that", FB_FILLER, 0 }, { "this", FB_FILLER, 0 },
	{ "it", FB_FILLER, 0 }, { "its", FB_FILLER, 0 },
	{ "entirely", FB_FILLER, 0 }, { "completely", FB_FILLER, 0 },
	{ "fully", FB_FILLER, 0 }, { "totally", FB_FILLER, 0 },
	{ "at", FB_FILLER, 0 }, { "all", FB_FILLER, 0 },
	{ "the", FB_FILLER, 0 }, { "a", FB_FILLER, 0 },
	{ "an", FB_FILLER, 0 }, { "with", FB_FILLER, 0 },
	{ "yet", FB_FILLER, 0 }, { "anymore", FB_FILLER, 0 },
	{ "much", FB_FILLER, 0 }, { "just", FB_FILLER, 0 },
	{ "honestly", FB_FILLER, 0 }, { "actually", FB_FILLER, 0 },
	{ "truly", FB_FILLER, 0 }, { "extremely", FB_FILLER, 0 },
	{ "super", FB_FILLER, 0 }, { "pretty", FB_FILLER, 0 },
	{ "overall", FB_FILLER, 0 }, { "you", FB_FILLER, 0 },
	{ "your", FB_FILLER, 0 }, { "we", FB_FILLER, 0 },
	{ "my", FB_FILLER, 0 }, { "me", FB_FILLER, 0 },
	{ "has", FB_FILLER, 0 }, { "have", FB_FILLER, 0 },
	{ "had", FB_FILLER, 0 }, { "got", FB_FILLER, 0 },
	{ "get", FB_FILLER, 0 }, { "do", FB_FILLER, 0 },
	{ "does", FB_FILLER, 0 }, { "did", FB_FILLER, 0 },
	{ "any", FB_FILLER, 0 }, { "service", FB_FILLER, 0 },
	{ "result", FB_FILLER, 0 }, { "sir", FB_FILLER, 0 },
	{ "madam", FB_FILLER, 0 },

	/* ---- waiting, contrast, questions, thanks ---- */
	{ "tunggu", FB_WAIT, 0 }, { "menunggu", FB_WAIT, 0 },
	{ "ditunggu", FB_WAIT, 0 }, { "nunggu", FB_WAIT, 0 },
	{ "cek", FB_WAIT, 0 }, { "dicek", FB_WAIT, 0 },
	{ "mengecek", FB_WAIT, 0 }, { "coba", FB_WAIT, 0 },
	{ "dicoba", FB_WAIT, 0 }, { "wait", FB_WAIT, 0 },
	{ "waiting", FB_WAIT, 0 }, { "check", FB_WAIT, 0 },
	{ "checking", FB_WAIT, 0 },
	{ "tapi", FB_BUT, 0 }, { "tp", FB_BUT, 0 }, { "tetapi", FB_BUT, 0 },
	{ "namun", FB_BUT, 0 }, { "cuma", FB_BUT, 0 }, { "cuman", FB_BUT, 0 },
	{ "walaupun", FB_BUT, 0 }, { "meskipun", FB_BUT, 0 },
	{ "walau", FB_BUT, 0 }, { "meski", FB_BUT, 0 },
	{ "padahal", FB_BUT, 0 }, { "sayangnya", FB_BUT, 0 },
	{ "but", FB_BUT, 0 }, { "however", FB_BUT, 0 },
	{ "although", FB_BUT, 0 }, { "though", FB_BUT, 0 },
	{ "unfortunately", FB_BUT, 0 },
	{ "apakah", FB_ASK, 0 }, { "apa", FB_ASK, 0 }, { "apkh", FB_ASK, 0 },
	{ "kapan", FB_ASK, 0 }, { "kpn", FB_ASK, 0 },
	{ "bagaimana", FB_ASK, 0 }, { "gimana", FB_ASK, 0 },
	{ "gmn", FB_ASK, 0 }, { "bgmn", FB_ASK, 0 }, { "berapa", FB_ASK, 0 },
	{ "when", FB_ASK, 0 }, { "whether", FB_ASK, 0 },
	{ "terima kasih", FB_THANKS, 0 }, { "terimakasih", FB_THANKS, 0 },
	{ "trima kasih", FB_THANKS, 0 }, { "trimakasih", FB_THANKS, 0 },
	{ "terima kasi", FB_THANKS, 0 }, { "makasih", FB_THANKS, 0 },
	{ "makasi", FB_THANKS, 0 }, { "maksih", FB_THANKS, 0 },
	{ "mksh", FB_THANKS, 0 }, { "mks", FB_THANKS, 0 },
	{ "trims", FB_THANKS, 0 }, { "tks", FB_THANKS, 0 },
	{ "thx", FB_THANKS, 0 }, { "thanks", FB_THANKS, 0 },
	{ "thank", FB_THANKS, 0 }, { "thank you", FB_THANKS, 0 },
	{ "thankyou", FB_THANKS, 0 }, { "ty", FB_THANKS, 0 },
	{ "tq", FB_THANKS, 0 }, { "hatur nuhun", FB_THANKS, 0 },
	{ "nuhun", FB_THANKS, 0 }, { "matur nuwun", FB_THANKS, 0 },
	{ "suwun", FB_THANKS, 0 }, { "alhamdulillah", FB_THANKS, 0 },
	{ "alhamdulilah", FB_THANKS, 0 }, { "syukur", FB_THANKS, 0 },
	{ "sama sama", FB_THANKS, 0 },
	{ "\xf0\x9f\x99\x8f", FB_THANKS, 0 },	/* folded hands */

	/* ---- scores ---- */
	{ "nilai", FB_SCORE, 0 }, { "skor", FB_SCORE, 0 },
	{ "score", FB_SCORE, 0 }, { "rating", FB_SCORE, 0 },
	{ "rate", FB_SCORE, 0 }, { "rated", FB_SCORE, 0 },
	{ "poin", FB_SCORE, 0 }, { "point", FB_SCORE, 0 },
	{ "points", FB_SCORE, 0 }, { "angka", FB_SCORE, 0 },
	{ "dari", FB_OUTOF, 0 }, { "of", FB_OUTOF, 0 },
	{ "out of", FB_OUTOF, 0 },
	{ "bintang", FB_STARS, 0 }, { "star", FB_STARS, 0 },
	{ "stars", FB_STARS, 0 },
	{ "satu", FB_NUMBER, 1 }, { "dua", FB_NUMBER, 2 },
	{ "tiga", FB_NUMBER, 3 }, { "empat", FB_NUMBER, 4 },
	{ "lima", FB_NUMBER, 5 }, { "enam", FB_NUMBER, 6 },
	{ "tujuh", FB_NUMBER, 7 }, { "delapan", FB_NUMBER, 8 },
	{ "sembilan", FB_NUMBER, 9 }, { "sepuluh", FB_NUMBER, 10 },
	{ "one", FB_NUMBER, 1 }, { "two", FB_NUMBER, 2 },
	{ "three", FB_NUMBER, 3 }, { "four", FB_NUMBER, 4 },
	{ "five", FB_NUMBER, 5 }, { "ten", FB_NUMBER, 10 },

	/* ---- known words that mean nothing here ---- */
	{ "maaf", FB_NEUTRAL, 0 }, { "sorry", FB_NEUTRAL, 0 },
	{ "info", FB_NEUTRAL, 0 }, { "informasi", FB_NEUTRAL, 0 },
	{ "biasa saja", FB_NEUTRAL, 0 }, { "biasa aja", FB_NEUTRAL, 0 },
	{ "b aja", FB_NEUTRAL, 0 }, { "so so", FB_NEUTRAL, 0 },
	{ "never mind", FB_NEUTRAL, 0 }, { "god", FB_NEUTRAL, 0 },
	{ "gg", FB_NEUTRAL, 0 }, { "puasa", FB_NEUTRAL, 0 },
	{ "kepuasan", FB_NEUTRAL, 0 },
};

#define FB_NWORDS	(sizeof fb_words / sizeof fb_words[0])

struct fb_tok {
	char		 w[FB_WORD_MAX];	/* lower case; "" if punct */
	char		 c[FB_WORD_MAX];	/* w, runs of a letter as one */
	char		 punct;		/* . ! ? , ; : / - or 0 for a word */
	int		 num;		/* all digits: the value, else -1 */
	enum fb_class	 cls;
	int		 value;		/* FB_NUMBER */
	int		 span;		/* words of the phrase starting here */
};

struct fb_text {
	struct fb_tok	*t;
	size_t		 n;
	int		 blank;		/* newlines seen since the last word */
	/* the table's rows by first byte: rows[first[c]..first[c + 1]) */
	uint16_t	 first[257];
	uint16_t	 rows[FB_NWORDS];
};

/* Markers waiting for the next word that carries meaning. */
struct fb_marks {
	int	not;		/* negators seen; odd: negated */
	int	bare;		/* nothing but fillers after the negator */
	int	skipped;	/* unknown words crossed */
	int	still, already, please, later;
	int	reach;		/* unknown words still allowed */
	long	start;		/* first marker's token, -1: none */
	long	fault;		/* a plain fault just before, -1: none */
};

enum fb_out { O_NONE, O_GOOD, O_BAD, O_FINE, O_POOR };

struct fb_tally {
	int	n[5];		/* by enum fb_out */
	int	wait;		/* "saya tunggu", "akan saya cek" */
	int	dangling;	/* a negator with nothing after it: "belum." */
	char	cue[5][40];	/* the first of each */
};

/* ---- tokens ---- */

/* An emoji or symbol: a token of its own (skin tones are not). */
static int
fb_is_symbol(uint32_t cp)
{
	return (cp >= 0x2190 && cp <= 0x2bff) || (cp >= 0x1f000 &&
	    cp <= 0x1faff && !(cp >= 0x1f3fb && cp <= 0x1f3ff));
}

static int
fb_is_letter(uint32_t cp)
{
	if (cp < 0x80) {
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	}
	/* not punctuation, symbols, variation selectors, skin tones */
	return cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && cp != 0xfffd &&
	    !(cp >= 0x2000 && cp <= 0x206f) && !fb_is_symbol(cp) &&
	    !(cp >= 0xfe00 && cp <= 0xfe0f) && !(cp >= 0x3000 && cp <= 0x303f) &&
	    !(cp >= 0x1f3fb && cp <= 0x1f3ff);
}

static struct fb_tok *
fb_push(struct fb_text *x)
{
	struct fb_tok *t;

	if (x->n == FB_TOKENS_MAX) {
		return NULL;
	}
	t = &x->t[x->n++];
	memset(t, 0, sizeof *t);
	t->num = -1;
	return t;
}

/* The last token is a word being built: append one character. */
static void
fb_word_add(struct fb_text *x, const char *s, size_t k, uint32_t cp)
{
	struct fb_tok *t = &x->t[x->n - 1];
	size_t n = strlen(t->w);

	if (n + k >= FB_WORD_MAX) {
		return;
	}
	memcpy(t->w + n, s, k);
	if (cp >= 'A' && cp <= 'Z') {
		t->w[n] = (char)(cp - 'A' + 'a');
	}
}

/* Finish the word at the end: its number value and collapsed form. */
static void
fb_word_end(struct fb_tok *t)
{
	size_t i, o = 0, n = strlen(t->w);
	int digits = n > 0 && n <= 4;

	for (i = 0; i < n; i++) {
		digits &= t->w[i] >= '0' && t->w[i] <= '9';
		if (i > 0 && t->w[i] == t->w[i - 1] && t->w[i] >= 'a' &&
		    t->w[i] <= 'z') {
			continue;
		}
		t->c[o++] = t->w[i];
	}
	t->c[o] = '\0';
	if (digits) {
		t->num = atoi(t->w);
	}
}

/*
 * End the word being built.  "apa2", "bener2": Indonesian writes a
 * doubled word with a 2; it is read as the word twice ("apa apa").
 */
static void
fb_word_close(struct fb_text *x)
{
	struct fb_tok *t = &x->t[x->n - 1], *u;
	size_t n = strlen(t->w);

	if (n >= 3 && t->w[n - 1] == '2' && t->w[n - 2] >= 'a' &&
	    t->w[n - 2] <= 'z') {
		t->w[n - 1] = '\0';
		fb_word_end(t);
		if ((u = fb_push(x)) != NULL) {
			*u = x->t[x->n - 2];
		}
		return;
	}
	fb_word_end(t);
}

static void
fb_punct(struct fb_text *x, char p)
{
	struct fb_tok *t = fb_push(x);

	if (t != NULL) {
		t->punct = p;
	}
}

/* What a non-letter means: a punctuation token, or nothing. */
static char
fb_punct_of(uint32_t cp)
{
	if (cp < 0x80 && strchr(".!?,;:/-()", (int)cp) != NULL) {
		return cp == '(' || cp == ')' ? ',' : (char)cp;
	}
	if (cp == 0x2026) {
		return '.';			/* ellipsis */
	}
	if (cp == 0x2013 || cp == 0x2014) {
		return '-';			/* dashes */
	}
	return 0;
}

static int
fb_is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == '`';
}

/* The next character at s[i..len): its code point and length. */
static size_t
fb_next(const char *s, size_t len, size_t i, uint32_t *cp)
{
	size_t k = utf8_decode(s + i, len - i, cp);

	if (k == 0) {
		*cp = 0xfffd;
		k = 1;
	}
	return k;
}

static void
fb_tokenize(const char *s, size_t len, struct fb_text *x)
{
	size_t i, k;
	uint32_t cp, nx;
	int inword = 0;
	char p;

	for (i = 0; i < len; i += k) {
		k = fb_next(s, len, i, &cp);
		nx = 0;
		if (i + k < len) {
			fb_next(s, len, i + k, &nx);
		}
		if (fb_is_letter(cp)) {
			if (!inword && fb_push(x) == NULL) {
				return;
			}
			inword = 1;
			x->blank = 0;
			fb_word_add(x, s + i, k, cp);
			continue;
		}
		/* "isn't", "AC-nya": the word goes on, or a new one starts */
		if (inword && fb_is_letter(nx) && (fb_is_apostrophe(cp) ||
		    cp == '-')) {
			if (cp == '-') {
				fb_word_close(x);
				inword = 0;
			}
			continue;
		}
		if (inword) {
			fb_word_close(x);
			inword = 0;
		}
		if (cp == '\n' && x->blank++ == 1) {
			fb_punct(x, '.');	/* a blank line ends a sentence */
		} else if ((p = fb_punct_of(cp)) != 0) {
			fb_punct(x, p);
		} else if (fb_is_symbol(cp) && fb_push(x) != NULL) {
			memcpy(x->t[x->n - 1].w, s + i, k);
			fb_word_end(&x->t[x->n - 1]);
		}
	}
	if (inword) {
		fb_word_close(x);
	}
}

/* ---- the vocabulary ---- */

/* e[0..n) with runs of a letter collapsed equals c. */
static int
fb_loose_eq(const char *c, const char *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && e[i] == e[i - 1] && e[i] >= 'a' && e[i] <= 'z') {
			continue;
		}
		if (*c++ != e[i]) {
			return 0;
		}
	}
	return *c == '\0';
}

/* How token t matches the entry word e[0..n): 2 exactly, 1 loosely
 * (elongated, or with a "-nya" suffix), 0 not. */
static int
fb_word_match(const struct fb_tok *t, const char *e, size_t n)
{
	size_t tl = strlen(t->w);

	if (t->punct != 0 || tl == 0) {
		return 0;
	}
	if (tl == n && memcmp(t->w, e, n) == 0) {
		return 2;
	}
	if (fb_loose_eq(t->c, e, n)) {
		return 1;
	}
	return tl == n + 3 && n >= 2 && memcmp(t->w, e, n) == 0 &&
	    memcmp(t->w + n, "nya", 3) == 0;
}

/* Entry e against the tokens at i: its length in words (0: no match),
 * *exact set when every word matched exactly. */
static size_t
fb_entry_match(const struct fb_text *x, size_t i, const char *e, int *exact)
{
	size_t words = 0, n;
	int m;

	*exact = 1;
	if (i >= x->n || x->t[i].w[0] != e[0]) {
		return 0;	/* every kind of match keeps the first letter */
	}
	for (;;) {
		n = strcspn(e, " ");
		if (i + words >= x->n ||
		    (m = fb_word_match(&x->t[i + words], e, n)) == 0) {
			return 0;
		}
		*exact &= m == 2;
		words++;
		if (e[n] == '\0') {
			return words;
		}
		e += n + 1;
	}
}

/* Index the table by first byte (a counting sort, in table order), so a
 * word is compared with the rows that can match it only. */
static void
fb_index(struct fb_text *x)
{
	size_t j, c, pos[257];

	memset(x->first, 0, sizeof x->first);
	for (j = 0; j < FB_NWORDS; j++) {
		x->first[(unsigned char)fb_words[j].text[0] + 1]++;
	}
	for (c = 1; c < 257; c++) {
		x->first[c] = (uint16_t)(x->first[c] + x->first[c - 1]);
	}
	for (c = 0; c < 257; c++) {
		pos[c] = x->first[c];
	}
	for (j = 0; j < FB_NWORDS; j++) {
		x->rows[pos[(unsigned char)fb_words[j].text[0]]++] =
		    (uint16_t)j;
	}
}

/* The longest entry matching at i, an exact one before a loose one, the
 * first in the table among equals. */
static const struct fb_word *
fb_lookup_at(const struct fb_text *x, size_t i, size_t *span)
{
	const struct fb_word *best = NULL, *w;
	unsigned char c = (unsigned char)x->t[i].w[0];
	size_t j, len, blen = 0;
	int exact, bexact = 0;

	for (j = x->first[c]; j < x->first[c + 1]; j++) {
		w = &fb_words[x->rows[j]];
		len = fb_entry_match(x, i, w->text, &exact);
		if (len > blen || (len == blen && len > 0 && exact &&
		    !bexact)) {
			best = w;
			blen = len;
			bexact = exact;
		}
	}
	*span = blen ? blen : 1;
	return best;
}

static void
fb_lookup(struct fb_text *x)
{
	const struct fb_word *w;
	size_t i, k, span;

	for (i = 0; i < x->n; i += span) {
		span = 1;
		if (x->t[i].punct != 0) {
			continue;
		}
		w = fb_lookup_at(x, i, &span);
		x->t[i].cls = w != NULL ? w->cls : FB_NONE;
		x->t[i].value = w != NULL ? w->value : 0;
		x->t[i].span = (int)span;
		for (k = 1; k < span; k++) {
			x->t[i + k].cls = FB_PART;
		}
	}
}

/* ---- scores ---- */

/* A number at token i (digits or a number word): its value, else -1. */
static int
fb_num_at(const struct fb_text *x, size_t i)
{
	if (i >= x->n) {
		return -1;
	}
	if (x->t[i].num >= 0) {
		return x->t[i].num;
	}
	return x->t[i].cls == FB_NUMBER ? x->t[i].value : -1;
}

/* Past fillers (and ": = -" when punct is set) from i. */
static size_t
fb_skip(const struct fb_text *x, size_t i, int punct)
{
	while (i < x->n && (x->t[i].cls == FB_FILLER || (punct &&
	    x->t[i].punct != 0 && strchr(":-", x->t[i].punct) != NULL))) {
		i++;
	}
	return i;
}

/* "/ M", "dari M", "out of M" at *i: M (and *i past it), else 0. */
static int
fb_outof(const struct fb_text *x, size_t *i)
{
	size_t j = *i;
	int m;

	if (j >= x->n || !(x->t[j].punct == '/' || x->t[j].cls == FB_OUTOF)) {
		return 0;
	}
	j += x->t[j].punct == '/' ? 1 : (size_t)x->t[j].span;
	if ((m = fb_num_at(x, j)) < 3 || m > FB_SCALE_MAX) {
		return 0;
	}
	*i = j + 1;
	return m;
}

/* Nothing that carries meaning follows i before a punctuation mark or
 * "tapi"; not "/" or "dari" (a fraction that is no score). */
static int
fb_ends_here(const struct fb_text *x, size_t i)
{
	while (i < x->n && (x->t[i].cls == FB_FILLER ||
	    x->t[i].cls == FB_THANKS || x->t[i].cls == FB_PART)) {
		i++;
	}
	return i == x->n || x->t[i].cls == FB_BUT ||
	    (x->t[i].punct != 0 && x->t[i].punct != '/');
}

/*
 * A score at token i: "nilai [saya] [:] N [/ M]", "bintang 5", "N / M",
 * "N bintang", or — at the very start — a number alone ("4", "4, terima
 * kasih").
 * 1 with *score and *scale set.
 */
static int
fb_score_at(const struct fb_text *x, size_t i, int scale, int *score,
    int *of)
{
	size_t j = i;
	int n, m = 0, stars = x->t[i].cls == FB_STARS;
	int keyword = stars || x->t[i].cls == FB_SCORE;

	if (keyword) {
		j = fb_skip(x, i + (size_t)x->t[i].span, 1);
	}
	if ((n = fb_num_at(x, j)) < 0) {
		return 0;
	}
	j += x->t[j].num >= 0 ? 1 : (size_t)x->t[j].span;
	m = fb_outof(x, &j);
	if (j < x->n && x->t[j].cls == FB_STARS) {
		m = m ? m : 5;
		j += (size_t)x->t[j].span;
	} else if (!keyword && !(m > 0 && fb_ends_here(x, j)) &&
	    !(i == 0 && fb_ends_here(x, j))) {
		return 0;
	}
	m = m ? m : stars ? 5 : scale;
	if (n < 1 || n > m) {
		return 0;
	}
	*score = n;
	*of = m;
	return 1;
}

static void
fb_score(const struct fb_text *x, int scale, struct feedback *out)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		if (x->t[i].cls != FB_PART && x->t[i].punct == 0 &&
		    fb_score_at(x, i, scale, &out->score, &out->scale)) {
			return;
		}
	}
}

/* ---- meaning ---- */

static void
fb_marks_reset(struct fb_marks *mk)
{
	memset(mk, 0, sizeof *mk);
	mk->start = -1;
	mk->fault = -1;
}

static void
fb_mark(struct fb_marks *mk, size_t i)
{
	if (mk->start < 0) {
		mk->start = (long)i;
	}
	mk->reach = FB_REACH;
	mk->skipped = 0;
}

static int
fb_pending(const struct fb_marks *mk)
{
	return mk->start >= 0;
}

/* What a word that carries meaning says under the markers before it. */
static enum fb_out
fb_outcome(enum fb_class c, const struct fb_marks *mk)
{
	int neg = mk->not & 1;

	if (mk->later) {
		return O_NONE;
	}
	switch (c) {
	case FB_GOOD:
		return neg ? O_BAD : O_GOOD;
	case FB_BAD:
		return neg ? O_FINE : O_BAD;
	case FB_FINE:
		return neg ? O_POOR : mk->please ? O_NONE : O_FINE;
	case FB_POOR:
		return neg ? O_FINE : O_POOR;
	case FB_SOLVED:
		return neg || mk->please ? O_POOR : O_FINE;
	case FB_DONE:
		return neg || mk->please || mk->still ? O_POOR :
		    mk->already ? O_FINE : O_NONE;
	case FB_FAULT:
		/* "tidak ada masalah", not "tidak menyelesaikan masalah" */
		if (neg) {
			return mk->skipped ? O_NONE : O_FINE;
		}
		return mk->still || mk->already ? O_POOR : O_NONE;
	default:
		return O_NONE;
	}
}

/* The words of tokens [from, to] as one string, for the cue. */
static void
fb_words_of(const struct fb_text *x, size_t from, size_t to, char *out,
    size_t outlen)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = from; i <= to && i < x->n; i++) {
		if (x->t[i].punct != 0) {
			continue;
		}
		if (n + strlen(x->t[i].w) + 2 > outlen) {
			break;
		}
		n += (size_t)snprintf(out + n, outlen - n, "%s%s",
		    n ? " " : "", x->t[i].w);
	}
}

static void
fb_hit(struct fb_tally *ty, enum fb_out o, int question,
    const struct fb_text *x, size_t from, size_t to)
{
	if (o == O_NONE || (question && (o == O_GOOD || o == O_FINE))) {
		return;
	}
	if (ty->n[o]++ == 0) {
		fb_words_of(x, from, to, ty->cue[o], sizeof ty->cue[o]);
	}
}

/* A marker word: remembered for the next word that carries meaning. */
static int
fb_marker(enum fb_class c, struct fb_marks *mk, size_t i)
{
	switch (c) {
	case FB_NOT:
		mk->not++;
		mk->bare = 1;
		fb_mark(mk, i);
		return 1;
	case FB_STILL:
	case FB_AGAIN:
		mk->still = 1;
		break;
	case FB_ALREADY:
		mk->already = 1;
		break;
	case FB_PLEASE:
		mk->please = 1;
		break;
	case FB_LATER:
		mk->later = 1;
		break;
	default:
		return 0;
	}
	fb_mark(mk, i);
	return 1;
}

/* A clause ends: a negator still waiting is an answer of its own
 * ("sebagian sudah, sebagian belum"; "Tidak."). */
static void
fb_clause_end(struct fb_marks *mk, struct fb_tally *ty)
{
	if ((mk->not & 1) && mk->bare) {
		ty->dangling = 1;
	}
	fb_marks_reset(mk);
}

/* One token of a sentence. */
static void
fb_step(const struct fb_text *x, size_t i, int question,
    struct fb_marks *mk, struct fb_tally *ty)
{
	const struct fb_tok *t = &x->t[i];
	size_t from = mk->start >= 0 ? (size_t)mk->start : i;
	size_t to = i + (size_t)(t->span > 0 ? t->span - 1 : 0);
	enum fb_out o;
	long fault;

	if (t->punct != 0 || t->cls == FB_BUT) {
		fb_clause_end(mk, ty);
		return;
	}
	if (t->cls == FB_PART || t->cls == FB_FILLER || t->cls == FB_THANKS) {
		return;
	}
	mk->bare = 0;
	if (t->cls == FB_WAIT) {
		ty->wait = 1;
		return;
	}
	fault = mk->fault;
	mk->fault = -1;
	if (t->cls == FB_AGAIN && fault >= 0) {
		fb_hit(ty, O_POOR, question, x, (size_t)fault, to);
		return;					/* "rusak lagi" */
	}
	if (fb_marker(t->cls, mk, i)) {
		return;
	}
	if (t->cls < FB_GOOD || t->cls > FB_FAULT) {
		mk->skipped++;
		if (fb_pending(mk) && --mk->reach < 0) {
			fb_marks_reset(mk);		/* an unknown word */
		}
		return;
	}
	o = fb_outcome(t->cls, mk);
	if (t->cls == FB_FAULT && o == O_NONE && !fb_pending(mk)) {
		mk->fault = (long)i;	/* "lagi" may follow */
		return;
	}
	fb_hit(ty, o, question, x, from, to);
	fb_marks_reset(mk);
}

/* Whether sentence [s, e) asks: it ends with "?" (e is where its end
 * marks start) or opens with "apakah", "kapan"... */
static int
fb_question(const struct fb_text *x, size_t s, size_t e)
{
	size_t i;

	for (i = e; i < x->n && x->t[i].punct != 0 &&
	    strchr(".!?", x->t[i].punct) != NULL; i++) {
		if (x->t[i].punct == '?') {
			return 1;
		}
	}
	for (i = s; i < e && (x->t[i].cls == FB_FILLER ||
	    x->t[i].punct == ','); i++) {
		continue;
	}
	return i < e && x->t[i].cls == FB_ASK;
}

static void
fb_sentences(const struct fb_text *x, struct fb_tally *ty)
{
	struct fb_marks mk;
	size_t s = 0, e, i;
	int q;

	while (s < x->n) {
		for (e = s; e < x->n && !(x->t[e].punct != 0 &&
		    strchr(".!?", x->t[e].punct) != NULL); e++) {
			continue;
		}
		q = fb_question(x, s, e);
		fb_marks_reset(&mk);
		for (i = s; i < e; i++) {
			fb_step(x, i, q, &mk, ty);
		}
		fb_clause_end(&mk, ty);
		s = e + 1;
	}
}

/* ---- the verdict ---- */

static void
fb_set(struct feedback *out, enum feedback_verdict v, const char *cue)
{
	out->verdict = v;
	snprintf(out->cue, sizeof out->cue, "%s", cue);
}

static void
fb_mixed(struct feedback *out, const char *good, const char *bad)
{
	out->verdict = FEEDBACK_UNCLEAR;
	snprintf(out->cue, sizeof out->cue, "mixed: %s / %s", good, bad);
}

/*
 * Explicit verdicts (scores among them) decide, "not satisfied" before
 * "satisfied": a satisfied verdict with bad news about the fault is
 * mixed.  Without one, approval and disapproval; approval while the
 * complainant still waits or checks is not yet a verdict.  A bare
 * negator next to good news ("sudah diperbaiki? belum") is mixed too.
 */
static void
fb_decide(const struct fb_tally *ty, struct feedback *out)
{
	const int *n = ty->n;

	if (n[O_GOOD] && n[O_BAD]) {
		fb_mixed(out, ty->cue[O_GOOD], ty->cue[O_BAD]);
	} else if (n[O_BAD]) {
		fb_set(out, FEEDBACK_DISSATISFIED, ty->cue[O_BAD]);
	} else if (n[O_GOOD] && (n[O_POOR] || ty->dangling)) {
		fb_mixed(out, ty->cue[O_GOOD], n[O_POOR] ? ty->cue[O_POOR] :
		    "a lone negator");
	} else if (n[O_GOOD]) {
		fb_set(out, FEEDBACK_SATISFIED, ty->cue[O_GOOD]);
	} else if (n[O_FINE] && n[O_POOR]) {
		fb_mixed(out, ty->cue[O_FINE], ty->cue[O_POOR]);
	} else if (n[O_POOR]) {
		fb_set(out, FEEDBACK_DISSATISFIED, ty->cue[O_POOR]);
	} else if (n[O_FINE] && !ty->wait && !ty->dangling) {
		fb_set(out, FEEDBACK_SATISFIED, ty->cue[O_FINE]);
	} else {
		fb_set(out, FEEDBACK_UNCLEAR, n[O_FINE] ? ty->cue[O_FINE] : "");
	}
}

/* One row of the table: lower case, 1..FB_PHRASE_MAX words of at most
 * FB_WORD_MAX - 1 bytes, single spaces. */
static int
fb_row_ok(const char *t)
{
	size_t n, words = 0;

	for (;;) {
		n = strcspn(t, " ");
		if (n == 0 || n >= FB_WORD_MAX || ++words > FB_PHRASE_MAX) {
			return 0;
		}
		for (; n > 0; n--, t++) {
			if ((*t >= 'A' && *t <= 'Z') || (unsigned char)*t < ' ') {
				return 0;
			}
		}
		if (*t == '\0') {
			return 1;
		}
		t++;
	}
}

int
feedback_check_vocabulary(char *err, size_t errlen)
{
	size_t i, j;

	for (i = 0; i < FB_NWORDS; i++) {
		if (!fb_row_ok(fb_words[i].text) ||
		    !utf8_valid(fb_words[i].text, strlen(fb_words[i].text))) {
			snprintf(err, errlen, "row %zu \"%s\": not lower-case "
			    "words separated by single spaces", i + 1,
			    fb_words[i].text);
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(fb_words[i].text, fb_words[j].text) == 0) {
				snprintf(err, errlen, "\"%s\" is in the table "
				    "twice (rows %zu and %zu)", fb_words[i].text,
				    j + 1, i + 1);
				return -1;
			}
		}
	}
	return 0;
}

enum feedback_verdict
feedback_score_verdict(int score, int scale)
{
	if (score < 1 || scale < 2 || score > scale) {
		return FEEDBACK_UNCLEAR;
	}
	return 2 * score > scale + 1 ? FEEDBACK_SATISFIED :
	    FEEDBACK_DISSATISFIED;
}

const char *
feedback_verdict_name(enum feedback_verdict v)
{
	switch (v) {
	case FEEDBACK_SATISFIED:
		return "satisfied";
	case FEEDBACK_DISSATISFIED:
		return "not satisfied";
	default:
		return "unclear";
	}
}

void
feedback_read(const char *text, int scale, struct feedback *out)
{
	struct fb_text *x;
	struct fb_tally ty;
	size_t len;
	enum fb_out o;

	memset(out, 0, sizeof *out);
	memset(&ty, 0, sizeof ty);
	len = text != NULL ? strlen(text) : 0;
	len = utf8_prefix(text != NULL ? text : "", len, FEEDBACK_TEXT_MAX);
	x = xcalloc(1, sizeof *x);
	x->t = xcalloc(FB_TOKENS_MAX, sizeof *x->t);
	fb_index(x);
	fb_tokenize(text != NULL ? text : "", len, x);
	fb_lookup(x);
	fb_score(x, scale, out);
	if (out->score > 0) {
		o = feedback_score_verdict(out->score, out->scale) ==
		    FEEDBACK_SATISFIED ? O_GOOD : O_BAD;
		ty.n[o]++;
		snprintf(ty.cue[o], sizeof ty.cue[o], "score %d/%d",
		    out->score, out->scale);
	}
	fb_sentences(x, &ty);
	fb_decide(&ty, out);
	free(x->t);
	free(x);
}
