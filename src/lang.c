/*
 * lang.c — Indonesian or English (see lang.h).
 *
 * The vocabulary is ONE table, lang_words[] below: words that belong to
 * one of the two languages only, in lower case, apostrophes dropped.  To
 * teach it a word, add a row (the unit test checks that none is there
 * twice).  Words both languages use in everyday writing (loanwords,
 * brand names, "ok", "email", "ac", "wifi", "invoice", "problem",
 * "sorry", "hi", "no" — "no. 5" is Indonesian for "number") are left
 * out on purpose: they must not tip the balance.
 *
 * A chunk of text between spaces that holds an address or a link ("@",
 * "://", "www.") is skipped whole: its pieces are not words anyone wrote.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lang.h"

#define LANG_WORD_MAX	32

enum lang_of {
	L_ID,
	L_EN,
};

static const struct lang_word {
	const char	*w;
	enum lang_of	 l;
} lang_words[] = {
	/* Indonesian: function words, pronouns, particles */
	{ "yang", L_ID }, { "yg", L_ID }, { "dan", L_ID }, { "di", L_ID },
	{ "ke", L_ID }, { "dari", L_ID }, { "ini", L_ID }, { "itu", L_ID },
	{ "saya", L_ID }, { "sy", L_ID }, { "aku", L_ID }, { "kami", L_ID },
	{ "kita", L_ID }, { "anda", L_ID }, { "kamu", L_ID },
	{ "mereka", L_ID }, { "dia", L_ID }, { "beliau", L_ID },
	{ "bapak", L_ID }, { "ibu", L_ID }, { "pak", L_ID }, { "bu", L_ID },
	{ "kak", L_ID }, { "mas", L_ID }, { "mbak", L_ID }, { "bpk", L_ID },
	{ "tidak", L_ID }, { "tdk", L_ID }, { "gak", L_ID }, { "ga", L_ID },
	{ "gk", L_ID }, { "nggak", L_ID }, { "enggak", L_ID },
	{ "ngga", L_ID }, { "engga", L_ID }, { "nda", L_ID }, { "ndak", L_ID },
	{ "tak", L_ID }, { "bukan", L_ID }, { "belum", L_ID },
	{ "blm", L_ID }, { "sudah", L_ID }, { "sdh", L_ID }, { "udah", L_ID },
	{ "udh", L_ID }, { "telah", L_ID }, { "masih", L_ID }, { "juga", L_ID },
	{ "jg", L_ID }, { "ada", L_ID }, { "akan", L_ID }, { "untuk", L_ID },
	{ "utk", L_ID }, { "buat", L_ID }, { "dengan", L_ID }, { "dgn", L_ID },
	{ "karena", L_ID }, { "krn", L_ID }, { "karna", L_ID },
	{ "pada", L_ID }, { "sama", L_ID }, { "tapi", L_ID },
	{ "tetapi", L_ID }, { "atau", L_ID }, { "atas", L_ID },
	{ "sangat", L_ID }, { "sekali", L_ID }, { "banget", L_ID },
	{ "bgt", L_ID }, { "bisa", L_ID }, { "dapat", L_ID },
	{ "bagaimana", L_ID }, { "gimana", L_ID }, { "gmn", L_ID },
	{ "kenapa", L_ID }, { "knp", L_ID }, { "mengapa", L_ID },
	{ "kapan", L_ID }, { "apa", L_ID }, { "apakah", L_ID },
	{ "siapa", L_ID }, { "dimana", L_ID }, { "mana", L_ID },
	{ "sampai", L_ID }, { "sampe", L_ID }, { "sejak", L_ID },
	{ "kemarin", L_ID }, { "kemaren", L_ID }, { "besok", L_ID },
	{ "sekarang", L_ID }, { "skrg", L_ID }, { "tadi", L_ID },
	{ "baru", L_ID }, { "lagi", L_ID }, { "lg", L_ID }, { "terus", L_ID },
	{ "trs", L_ID }, { "aja", L_ID }, { "saja", L_ID }, { "kalau", L_ID },
	{ "kalo", L_ID }, { "klo", L_ID }, { "jika", L_ID }, { "bila", L_ID },
	{ "jadi", L_ID }, { "jd", L_ID }, { "adalah", L_ID },
	{ "oleh", L_ID }, { "bagi", L_ID }, { "tentang", L_ID },
	{ "mengenai", L_ID }, { "tersebut", L_ID }, { "kepada", L_ID },
	{ "kpd", L_ID }, { "seperti", L_ID }, { "hanya", L_ID },
	{ "cuma", L_ID }, { "semua", L_ID }, { "banyak", L_ID },
	{ "sedikit", L_ID }, { "setelah", L_ID }, { "sebelum", L_ID },
	{ "waktu", L_ID }, { "selama", L_ID }, { "agar", L_ID },
	{ "supaya", L_ID }, { "harus", L_ID }, { "perlu", L_ID },
	{ "mau", L_ID }, { "ingin", L_ID }, { "pengen", L_ID },
	{ "ya", L_ID }, { "yah", L_ID }, { "dong", L_ID }, { "kok", L_ID },
	{ "sih", L_ID }, { "deh", L_ID }, { "nih", L_ID }, { "tuh", L_ID },
	{ "lho", L_ID }, { "loh", L_ID }, { "nya", L_ID }, { "pun", L_ID },
	{ "kah", L_ID }, { "lah", L_ID }, { "para", L_ID },
	/* Indonesian: greetings, courtesy */
	{ "selamat", L_ID }, { "pagi", L_ID }, { "siang", L_ID },
	{ "malam", L_ID }, { "terima", L_ID }, { "kasih", L_ID },
	{ "terimakasih", L_ID }, { "makasih", L_ID }, { "trims", L_ID },
	{ "mohon", L_ID }, { "tolong", L_ID }, { "maaf", L_ID },
	{ "permisi", L_ID }, { "hormat", L_ID }, { "salam", L_ID },
	{ "assalamualaikum", L_ID }, { "yth", L_ID },
	/* Indonesian: what complaints are about */
	{ "pengaduan", L_ID }, { "keluhan", L_ID }, { "komplain", L_ID },
	{ "laporan", L_ID }, { "rusak", L_ID }, { "bocor", L_ID },
	{ "mati", L_ID }, { "panas", L_ID }, { "dingin", L_ID },
	{ "kotor", L_ID }, { "bau", L_ID }, { "jelek", L_ID },
	{ "buruk", L_ID }, { "lambat", L_ID }, { "lama", L_ID },
	{ "terlambat", L_ID }, { "telat", L_ID }, { "kurang", L_ID },
	{ "lebih", L_ID }, { "tetap", L_ID }, { "segera", L_ID },
	{ "sekolah", L_ID }, { "kelas", L_ID }, { "anak", L_ID },
	{ "siswa", L_ID }, { "murid", L_ID }, { "orang", L_ID },
	{ "tua", L_ID }, { "wali", L_ID }, { "lampu", L_ID },
	{ "listrik", L_ID }, { "jalan", L_ID }, { "kamar", L_ID },
	{ "mandi", L_ID }, { "ruang", L_ID }, { "pelayanan", L_ID },
	{ "layanan", L_ID }, { "petugas", L_ID }, { "pegawai", L_ID },
	{ "tagihan", L_ID }, { "bayar", L_ID }, { "uang", L_ID },
	{ "harga", L_ID }, { "biaya", L_ID }, { "hari", L_ID },
	{ "minggu", L_ID }, { "bulan", L_ID }, { "tahun", L_ID },
	{ "nomor", L_ID }, { "nama", L_ID }, { "alamat", L_ID },
	{ "rumah", L_ID }, { "sakit", L_ID }, { "dokter", L_ID },
	{ "obat", L_ID }, { "antri", L_ID }, { "antrian", L_ID },
	{ "antre", L_ID }, { "barang", L_ID }, { "pesanan", L_ID },
	{ "kiriman", L_ID },
	{ "diperbaiki", L_ID }, { "dibayar", L_ID }, { "ditanggapi", L_ID },
	{ "dirahasiakan", L_ID }, { "rahasiakan", L_ID }, { "masalah", L_ID },
	{ "tanggapan", L_ID }, { "jawaban", L_ID }, { "tolonglah", L_ID },
	/* English: function words, pronouns */
	{ "the", L_EN }, { "an", L_EN }, { "and", L_EN }, { "is", L_EN },
	{ "are", L_EN }, { "was", L_EN }, { "were", L_EN }, { "be", L_EN },
	{ "been", L_EN }, { "being", L_EN }, { "have", L_EN }, { "has", L_EN },
	{ "had", L_EN }, { "i", L_EN }, { "im", L_EN }, { "ive", L_EN },
	{ "my", L_EN }, { "me", L_EN }, { "mine", L_EN }, { "we", L_EN },
	{ "our", L_EN }, { "us", L_EN }, { "you", L_EN }, { "your", L_EN },
	{ "youre", L_EN }, { "it", L_EN }, { "its", L_EN }, { "this", L_EN },
	{ "that", L_EN }, { "thats", L_EN }, { "these", L_EN },
	{ "those", L_EN }, { "of", L_EN }, { "to", L_EN }, { "in", L_EN },
	{ "on", L_EN }, { "at", L_EN }, { "for", L_EN }, { "with", L_EN },
	{ "from", L_EN }, { "by", L_EN }, { "not", L_EN }, { "dont", L_EN },
	{ "didnt", L_EN }, { "doesnt", L_EN }, { "cant", L_EN },
	{ "cannot", L_EN }, { "wont", L_EN }, { "isnt", L_EN },
	{ "wasnt", L_EN }, { "havent", L_EN }, { "hasnt", L_EN },
	{ "arent", L_EN }, { "would", L_EN }, { "could", L_EN },
	{ "should", L_EN }, { "will", L_EN }, { "can", L_EN },
	{ "still", L_EN }, { "yet", L_EN }, { "already", L_EN },
	{ "about", L_EN }, { "since", L_EN }, { "because", L_EN },
	{ "but", L_EN }, { "or", L_EN }, { "if", L_EN }, { "when", L_EN },
	{ "what", L_EN }, { "why", L_EN }, { "how", L_EN }, { "who", L_EN },
	{ "where", L_EN }, { "there", L_EN }, { "theres", L_EN },
	{ "here", L_EN }, { "they", L_EN }, { "them", L_EN },
	{ "their", L_EN }, { "he", L_EN }, { "she", L_EN }, { "his", L_EN },
	{ "her", L_EN }, { "very", L_EN }, { "really", L_EN },
	{ "just", L_EN }, { "also", L_EN }, { "only", L_EN }, { "all", L_EN },
	{ "any", L_EN }, { "some", L_EN }, { "more", L_EN }, { "much", L_EN },
	{ "many", L_EN }, { "after", L_EN }, { "before", L_EN },
	{ "again", L_EN }, { "do", L_EN }, { "does", L_EN }, { "did", L_EN },
	{ "done", L_EN }, { "get", L_EN }, { "got", L_EN }, { "make", L_EN },
	{ "made", L_EN }, { "want", L_EN }, { "need", L_EN }, { "like", L_EN },
	{ "know", L_EN }, { "told", L_EN }, { "said", L_EN }, { "than", L_EN },
	{ "then", L_EN }, { "which", L_EN },
	{ "nothing", L_EN }, { "anyone", L_EN }, { "nobody", L_EN },
	{ "every", L_EN }, { "today", L_EN },
	{ "yesterday", L_EN }, { "tomorrow", L_EN }, { "now", L_EN },
	{ "ago", L_EN }, { "week", L_EN }, { "weeks", L_EN },
	{ "days", L_EN }, { "day", L_EN }, { "months", L_EN },
	{ "month", L_EN },
	/* English: greetings, courtesy */
	{ "dear", L_EN }, { "sir", L_EN }, { "madam", L_EN },
	{ "hello", L_EN }, { "please", L_EN }, { "pls", L_EN },
	{ "plz", L_EN }, { "kindly", L_EN }, { "thank", L_EN },
	{ "thanks", L_EN }, { "regards", L_EN }, { "sincerely", L_EN },
	{ "good", L_EN }, { "morning", L_EN }, { "afternoon", L_EN },
	{ "evening", L_EN }, { "best", L_EN },
	/* English: what complaints are about */
	{ "complaint", L_EN }, { "complain", L_EN }, { "broken", L_EN },
	{ "leaking", L_EN }, { "leak", L_EN }, { "leaks", L_EN },
	{ "working", L_EN }, { "work", L_EN }, { "works", L_EN },
	{ "fix", L_EN }, { "fixed", L_EN }, { "repair", L_EN },
	{ "repaired", L_EN }, { "water", L_EN }, { "room", L_EN },
	{ "school", L_EN }, { "child", L_EN }, { "son", L_EN },
	{ "daughter", L_EN }, { "teacher", L_EN }, { "bill", L_EN },
	{ "payment", L_EN }, { "paid", L_EN }, { "pay", L_EN },
	{ "charged", L_EN }, { "order", L_EN }, { "delivery", L_EN },
	{ "late", L_EN }, { "wait", L_EN }, { "waiting", L_EN },
	{ "waited", L_EN }, { "reply", L_EN }, { "answer", L_EN },
	{ "received", L_EN }, { "sent", L_EN }, { "help", L_EN },
	{ "regarding", L_EN }, { "dirty", L_EN }, { "smell", L_EN },
	{ "noise", L_EN }, { "rude", L_EN }, { "staff", L_EN },
	{ "service", L_EN }, { "office", L_EN }, { "hours", L_EN },
	{ "keep", L_EN }, { "name", L_EN },
	{ "confidential", L_EN }, { "issue", L_EN }, { "refund", L_EN },
	{ "unacceptable", L_EN }, { "disappointed", L_EN },
	{ "happened", L_EN }, { "light", L_EN },
	{ "lights", L_EN }, { "toilets", L_EN }, { "classroom", L_EN },
};

#define NWORDS	(sizeof lang_words / sizeof lang_words[0])

static int
lang_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The table's rows by word in an open-addressing hash table, made at the
 * first look-up (the table itself stays in the order a reader keeps it
 * in).  Intake runs in one thread; the table is made once, before any
 * second caller could race. */
#define LANG_SLOTS	2048	/* a power of two, well above NWORDS */

static const struct lang_word *lang_slot[LANG_SLOTS];
static int lang_hashed;

static unsigned
lang_hash(const char *w)
{
	unsigned h = 2166136261u;

	for (; *w != '\0'; w++) {
		h = (h ^ (unsigned char)*w) * 16777619u;
	}
	return h & (LANG_SLOTS - 1);
}

static int
lang_lookup(const char *w)
{
	const struct lang_word *r;
	unsigned h;
	size_t i;

	if (!lang_hashed) {
		for (i = 0; i < NWORDS; i++) {
			for (h = lang_hash(lang_words[i].w);
			    lang_slot[h] != NULL; h = (h + 1) & (LANG_SLOTS - 1))
				;
			lang_slot[h] = &lang_words[i];
		}
		lang_hashed = 1;
	}
	for (h = lang_hash(w); (r = lang_slot[h]) != NULL;
	    h = (h + 1) & (LANG_SLOTS - 1)) {
		if (strcmp(r->w, w) == 0) {
			return (int)r->l;
		}
	}
	return -1;
}

static int
lang_ends(const char *w, size_t n, const char *suf, size_t min)
{
	size_t k = strlen(suf);

	return n >= min && n > k && strcmp(w + n - k, suf) == 0;
}

/* An Indonesian word the table does not list, by its affixes. */
static int
lang_affixed(const char *w)
{
	size_t n = strlen(w);

	if (lang_ends(w, n, "nya", 5) || lang_ends(w, n, "kan", 6) ||
	    lang_ends(w, n, "lah", 6)) {
		return 1;
	}
	if (n >= 6 && (strncmp(w, "meng", 4) == 0 || strncmp(w, "peng", 4) ==
	    0 || strncmp(w, "meny", 4) == 0 || strncmp(w, "peny", 4) == 0)) {
		return 1;
	}
	/* pe-...-an, ke-...-an: pelayanan, keluhan, kerusakan */
	return n >= 7 && (strncmp(w, "pe", 2) == 0 || strncmp(w, "ke", 2) ==
	    0) && strcmp(w + n - 2, "an") == 0;
}

static void
lang_count(const char *w, struct lang_guess *g)
{
	int l = lang_lookup(w);

	if (l == L_ID || (l == -1 && lang_affixed(w))) {
		g->id++;
	} else if (l == L_EN) {
		g->en++;
	}
}

/* A chunk between spaces that is an address or a link. */
static int
lang_skip_chunk(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '@' || (i + 3 <= n && memcmp(p + i, "://", 3) ==
		    0) || (i + 4 <= n && (memcmp(p + i, "www.", 4) == 0 ||
		    memcmp(p + i, "WWW.", 4) == 0))) {
			return 1;
		}
	}
	return 0;
}

/* The words of one chunk: letters lower-cased, apostrophes dropped. */
static void
lang_chunk(const char *p, size_t n, struct lang_guess *g)
{
	char w[LANG_WORD_MAX];
	size_t i, k = 0;
	int c;

	for (i = 0; i <= n; i++) {
		c = i < n ? (unsigned char)p[i] : ' ';
		if (lang_letter(c)) {
			if (k < sizeof w - 1) {
				w[k++] = (char)(c | 0x20);
			}
			continue;
		}
		if ((c == '\'' || (c == 0xe2 && i + 2 < n &&
		    (unsigned char)p[i + 1] == 0x80 &&
		    (unsigned char)p[i + 2] == 0x99)) && k > 0 && i + 1 < n) {
			i += c == 0xe2 ? 2 : 0;	/* U+2019 */
			continue;
		}
		if (k > 0) {
			w[k] = '\0';
			lang_count(w, g);
			k = 0;
		}
	}
}

const char *
lang_detect(const char *text, const char *fallback, struct lang_guess *out)
{
	struct lang_guess g = { NULL, 0, 0, 0 };
	size_t len, i = 0, n;

	len = text != NULL ? strnlen(text, LANG_TEXT_MAX) : 0;
	while (i < len) {
		i += strspn(text + i, " \t\r\n");
		if (i >= len) {
			break;
		}
		n = strcspn(text + i, " \t\r\n");
		n = i + n > len ? len - i : n;
		if (!lang_skip_chunk(text + i, n)) {
			lang_chunk(text + i, n, &g);
		}
		i += n;
	}
	if (g.id > g.en && g.id >= LANG_MIN_WORDS) {
		g.lang = "id";
		g.sure = 1;
	} else if (g.en > g.id && g.en >= LANG_MIN_WORDS) {
		g.lang = "en";
		g.sure = 1;
	} else {
		g.lang = fallback != NULL && strcmp(fallback, "en") == 0 ?
		    "en" : "id";
	}
	if (out != NULL) {
		*out = g;
	}
	return g.lang;
}

int
lang_switches(const struct lang_guess *g, const char *current)
{
	int other, cur;

	if (!g->sure || current == NULL || strcmp(g->lang, current) == 0) {
		return 0;
	}
	other = strcmp(g->lang, "en") == 0 ? g->en : g->id;
	cur = strcmp(g->lang, "en") == 0 ? g->id : g->en;
	return other >= LANG_SWITCH_WORDS && other >= LANG_SWITCH_RATIO * cur;
}

const char *
lang_name(const char *word)
{
	static const struct { const char *w, *l; } names[] = {
		{ "id", "id" }, { "ind", "id" }, { "indonesia", "id" },
		{ "indonesian", "id" }, { "bahasa", "id" },
		{ "en", "en" }, { "eng", "en" }, { "english", "en" },
		{ "inggris", "en" },
	};
	size_t i;

	for (i = 0; word != NULL && i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(word, names[i].w) == 0) {
			return names[i].l;
		}
	}
	return NULL;
}

int
lang_check_table(char *err, size_t errlen)
{
	size_t i, j;
	const char *p;

	for (i = 0; i < NWORDS; i++) {
		for (p = lang_words[i].w; *p != '\0'; p++) {
			if (*p < 'a' || *p > 'z') {
				snprintf(err, errlen, "\"%s\": not a lower-case "
				    "word", lang_words[i].w);
				return -1;
			}
		}
		for (j = i + 1; j < NWORDS; j++) {
			if (strcmp(lang_words[i].w, lang_words[j].w) == 0) {
				snprintf(err, errlen, "\"%s\" is there twice",
				    lang_words[i].w);
				return -1;
			}
		}
	}
	return 0;
}
