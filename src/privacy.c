/*
 * privacy.c — confidential complainants (see privacy.h).
 *
 * The default phrases are ONE table, privacy_default_phrases[] below: how
 * complainants ask, in Indonesian and English (a configuration's
 * confidential.phrases replaces them).  The negations that undo a phrase
 * are privacy_negators[].
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "privacy.h"
#include "xmalloc.h"

#define PV_WORD_MAX	32
#define PV_WORDS_MAX	2048
#define PV_PHRASE_MAX	8

const char *const privacy_default_phrases[] = {
	/* Indonesian */
	"identitas saya dirahasiakan",
	"identitas saya di rahasiakan",
	"rahasiakan identitas saya",
	"rahasiakan nama saya",
	"nama saya dirahasiakan",
	"nama saya di rahasiakan",
	"identitas pelapor dirahasiakan",
	"mohon dirahasiakan",
	"tolong dirahasiakan",
	"harap dirahasiakan",
	"minta dirahasiakan",
	"dirahasiakan identitas saya",
	"jangan sebut nama saya",
	"jangan sebutkan nama saya",
	"jangan cantumkan nama saya",
	"jangan disebut nama saya",
	"nama saya jangan disebut",
	"nama saya jangan disebutkan",
	"tanpa menyebut nama saya",
	"tanpa menyebutkan nama saya",
	"saya tidak mau disebut namanya",
	"saya ingin tetap anonim",
	"sebagai anonim",
	/* English */
	"keep my name confidential",
	"keep my identity confidential",
	"keep my name private",
	"keep my identity private",
	"keep my name secret",
	"keep this confidential",
	"do not disclose my name",
	"dont disclose my name",
	"do not disclose my identity",
	"dont disclose my identity",
	"do not reveal my name",
	"dont reveal my name",
	"do not mention my name",
	"dont mention my name",
	"do not share my name",
	"dont share my name",
	"wish to remain anonymous",
	"want to remain anonymous",
	"like to remain anonymous",
	"prefer to remain anonymous",
	"want to stay anonymous",
	NULL,
};

static const char *const privacy_negators[] = {
	"tidak", "tdk", "tak", "ga", "gak", "gk", "nggak", "enggak", "ngga",
	"engga", "ndak", "nda", "bukan", "jangan", "jgn", "no", "not",
	"dont", "never", "nor", "neednt", NULL,
};

static int
pv_letter(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Words of text: lower case, apostrophes inside words dropped.  Their
 * count. */
static size_t
pv_words(const char *text, size_t len, char (*w)[PV_WORD_MAX], size_t max)
{
	size_t i, n = 0, k = 0;
	unsigned char c;

	for (i = 0; i <= len && n < max; i++) {
		c = i < len ? (unsigned char)text[i] : ' ';
		if (pv_letter(c)) {
			if (k < PV_WORD_MAX - 1) {
				w[n][k++] = (char)tolower(c);
			}
			continue;
		}
		if (c == '\'' && k > 0 && i + 1 < len &&
		    pv_letter((unsigned char)text[i + 1])) {
			continue;
		}
		if (k > 0) {
			w[n++][k] = '\0';
			k = 0;
		}
	}
	return n;
}

static int
pv_negator(const char *w)
{
	size_t i;

	for (i = 0; privacy_negators[i] != NULL; i++) {
		if (strcmp(w, privacy_negators[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Does the phrase (np words in p) start at word i, with at most
 * PRIVACY_GAP words between two of its words, none a negation? */
static int
pv_match_at(char (*w)[PV_WORD_MAX], size_t n, size_t i,
    char (*p)[PV_WORD_MAX], size_t np)
{
	size_t j = 1, at = i, gap;

	if (w[i][0] != p[0][0] || strcmp(w[i], p[0]) != 0) {
		return 0;
	}
	for (; j < np; j++) {
		for (gap = 0; at + 1 + gap < n && gap <= PRIVACY_GAP; gap++) {
			if (strcmp(w[at + 1 + gap], p[j]) == 0) {
				break;
			}
			if (pv_negator(w[at + 1 + gap])) {
				return 0;
			}
		}
		if (at + 1 + gap >= n || gap > PRIVACY_GAP) {
			return 0;
		}
		at += 1 + gap;
	}
	for (j = i > PRIVACY_BEFORE ? i - PRIVACY_BEFORE : 0; j < i; j++) {
		if (pv_negator(w[j])) {
			return 0;
		}
	}
	return 1;
}

/* The phrases' words, each phrase once: np[k] words at p[k]. */
struct pv_phrases {
	char		(*p)[PV_PHRASE_MAX][PV_WORD_MAX];
	size_t		 *np;
	int		  head[256];	/* the first phrase starting with
					   this byte, -1: none */
	int		 *next;		/* the next one, in the list's order */
};

static void
pv_phrases_make(struct pv_phrases *ph, char *const *phrases, size_t n)
{
	int tail[256], c;
	size_t k;

	ph->p = xcalloc(n, sizeof *ph->p);
	ph->np = xcalloc(n, sizeof *ph->np);
	ph->next = xcalloc(n, sizeof *ph->next);
	for (c = 0; c < 256; c++) {
		ph->head[c] = tail[c] = -1;
	}
	for (k = 0; k < n; k++) {
		ph->next[k] = -1;
		if (phrases[k] == NULL || (ph->np[k] = pv_words(phrases[k],
		    strlen(phrases[k]), ph->p[k], PV_PHRASE_MAX)) == 0) {
			continue;
		}
		c = (unsigned char)ph->p[k][0][0];
		if (tail[c] == -1) {
			ph->head[c] = (int)k;
		} else {
			ph->next[tail[c]] = (int)k;
		}
		tail[c] = (int)k;
	}
}

/* The first phrase (in the list's order) found anywhere in the words,
 * or -1: the words are read once, each against the phrases that begin
 * with its letter. */
static int
pv_first_phrase(char (*w)[PV_WORD_MAX], size_t n, const struct pv_phrases
    *ph)
{
	size_t i;
	int best = -1, k;

	for (i = 0; i < n && best != 0; i++) {
		for (k = ph->head[(unsigned char)w[i][0]];
		    k != -1 && (best == -1 || k < best); k = ph->next[k]) {
			if (pv_match_at(w, n, i, ph->p[k], ph->np[k])) {
				best = k;
			}
		}
	}
	return best;
}

int
privacy_asked(const char *text, char *const *phrases, size_t nphrases,
    char *cue, size_t cuelen)
{
	struct pv_phrases ph;
	char (*w)[PV_WORD_MAX];
	size_t n;
	int k;

	if (text == NULL || nphrases == 0) {
		return 0;
	}
	w = xmalloc(PV_WORDS_MAX * sizeof *w);	/* each word ends in NUL */
	n = pv_words(text, strnlen(text, PRIVACY_TEXT_MAX), w, PV_WORDS_MAX);
	pv_phrases_make(&ph, phrases, nphrases);
	k = pv_first_phrase(w, n, &ph);
	if (k >= 0 && cue != NULL) {
		snprintf(cue, cuelen, "%s", phrases[k]);
	}
	free(ph.p);
	free(ph.np);
	free(ph.next);
	free(w);
	return k >= 0;
}

const char *
privacy_placeholder(const char *lang)
{
	return lang != NULL && strcmp(lang, "id") == 0 ? "(dirahasiakan)" :
	    "(confidential)";
}

/* ---- scrubbing ---- */

static int
pv_title(const char *w, size_t n)
{
	static const char *const titles[] = {
		"bapak", "ibu", "pak", "bu", "sdr", "sdri", "saudara",
		"saudari", "mas", "mbak", "kak", "mr", "mrs", "ms", "miss",
		"dr", "drs", "dra", "ir", "hj", "haji", "the", NULL,
	};
	size_t i;

	for (i = 0; titles[i] != NULL; i++) {
		if (strlen(titles[i]) == n && strncasecmp(w, titles[i], n) ==
		    0) {
			return 1;
		}
	}
	return 0;
}

/* Length of needle at text + i as a whole word (case ignored); 0. */
static size_t
pv_word_at(const char *text, size_t i, const char *needle, size_t nl)
{
	if (nl == 0 || strncasecmp(text + i, needle, nl) != 0) {
		return 0;
	}
	if ((i > 0 && pv_letter((unsigned char)text[i - 1])) ||
	    pv_letter((unsigned char)text[i + nl])) {
		return 0;
	}
	return nl;
}

/* Length of a written-out number at text + i that is phone; 0. */
static size_t
pv_number_at(const char *text, size_t i, const char *digits)
{
	char got[32];
	size_t j = i, k = 0, dl = strlen(digits), cut;

	if (i > 0 && (isalnum((unsigned char)text[i - 1]) ||
	    text[i - 1] == '+')) {
		return 0;
	}
	while (text[j] != '\0' && k < sizeof got - 1 &&
	    (isdigit((unsigned char)text[j]) || (j == i && text[j] == '+') ||
	    (k > 0 && strchr(" .-()", text[j]) != NULL &&
	    isdigit((unsigned char)text[j + 1])))) {
		if (isdigit((unsigned char)text[j])) {
			got[k++] = text[j];
		}
		j++;
	}
	got[k] = '\0';
	if (k < 8 || isdigit((unsigned char)text[j])) {
		return 0;
	}
	/* any phone number: the one they wrote may not be the one known */
	if (strcmp(got, digits) == 0 || ((text[i] == '+' || text[i] == '0') &&
	    k >= 9 && k <= 15)) {
		return j - i;
	}
	/* national form: 0 and the number without its country code */
	for (cut = 1; cut <= 3 && cut < dl; cut++) {
		if (got[0] == '0' && strcmp(got + 1, digits + cut) == 0) {
			return j - i;
		}
	}
	return 0;
}

/* What of the identity starts at text + i: its length, or 0. */
static size_t
pv_identity_at(const char *text, size_t i, const char *name,
    const char *email, const char *digits)
{
	const char *p, *e, *core = name;
	size_t n;

	if (email != NULL && (n = pv_word_at(text, i, email, strlen(email))))
	{
		return n;
	}
	/* the name, then the name without its titles ("Joko Widodo") */
	while (core != NULL && *core != '\0') {
		if ((n = pv_word_at(text, i, core, strlen(core)))) {
			return n;
		}
		e = core + strcspn(core, " .,");
		if (!pv_title(core, (size_t)(e - core)) || *e == '\0') {
			break;
		}
		core = e + strspn(e, " .,");
	}
	if ((n = pv_number_at(text, i, digits))) {
		return n;
	}
	for (p = name; p != NULL && *p != '\0'; p = e) {
		p += strspn(p, " .,");
		e = p + strcspn(p, " .,");
		if (e - p >= 3 && !pv_title(p, (size_t)(e - p)) &&
		    (n = pv_word_at(text, i, p, (size_t)(e - p)))) {
			return n;
		}
	}
	return 0;
}

char *
privacy_scrub(const char *text, const char *name, const char *email,
    const char *phone, const char *placeholder)
{
	struct buf b;
	char digits[32];
	size_t i, n, k = 0;

	for (i = 0; phone != NULL && phone[i] != '\0' && k < sizeof digits - 1;
	    i++) {
		if (isdigit((unsigned char)phone[i])) {
			digits[k++] = phone[i];
		}
	}
	digits[k] = '\0';
	name = name != NULL && *name != '\0' ? name : NULL;
	email = email != NULL && *email != '\0' ? email : NULL;
	buf_init(&b);
	for (i = 0; text != NULL && text[i] != '\0'; i++) {
		n = pv_identity_at(text, i, name, email, digits);
		if (n > 0) {
			buf_adds(&b, placeholder);
			i += n - 1;
		} else {
			buf_addc(&b, text[i]);
		}
	}
	return buf_steal(&b);
}
