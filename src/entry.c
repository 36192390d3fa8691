/*
 * entry.c — a complaint typed in by staff (see entry.h).  Pure: checks
 * and normalises, no I/O.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "entry.h"
#include "labels.h"
#include "phone.h"
#include "text.h"
#include "xmalloc.h"

#define ENTRY_SUBJECT_CHARS	60

const char *const entry_channels[] = {
	"phone", "walk-in", "letter", "box", "meeting", "social", NULL
};

static const struct {
	const char	*word;
	const char	*channel;
} entry_words[] = {
	{ "phone", "phone" }, { "telepon", "phone" }, { "telp", "phone" },
	{ "telpon", "phone" }, { "call", "phone" },
	{ "walk-in", "walk-in" }, { "walkin", "walk-in" },
	{ "datang", "walk-in" }, { "langsung", "walk-in" },
	{ "datang langsung", "walk-in" }, { "tatap muka", "walk-in" },
	{ "loket", "walk-in" },
	{ "letter", "letter" }, { "surat", "letter" },
	{ "box", "box" }, { "kotak", "box" }, { "kotak saran", "box" },
	{ "suggestion box", "box" },
	{ "meeting", "meeting" }, { "rapat", "meeting" },
	{ "pertemuan", "meeting" },
	{ "social", "social" }, { "medsos", "social" },
	{ "media sosial", "social" }, { "sosmed", "social" },
	{ "social media", "social" },
};

static const char *const l_name[] = { "nama", "name", NULL };
static const char *const l_phone[] = { "no hp", "no. hp", "hp", "telp",
    "telepon", "no telp", "phone", "mobile", NULL };
static const char *const l_email[] = { "email", "e-mail", NULL };
static const char *const l_channel[] = { "kanal", "channel", "via",
    NULL };
static const char *const l_received[] = { "diterima", "tanggal diterima",
    "received", NULL };
static const char *const l_category[] = { "kategori", "bidang",
    "category", NULL };
static const char *const l_subject[] = { "perihal", "hal", "subject",
    NULL };
static const struct label_def entry_labels[] = {
	{ "name", l_name },
	{ "phone", l_phone },
	{ "email", l_email },
	{ "channel", l_channel },
	{ "received", l_received },
	{ "category", l_category },
	{ "subject", l_subject },
};
#define ENTRY_NLABELS	(sizeof entry_labels / sizeof entry_labels[0])

const char *
entry_channel(const char *word)
{
	size_t i;

	for (i = 0; word != NULL && i < sizeof entry_words /
	    sizeof entry_words[0]; i++) {
		if (strcasecmp(word, entry_words[i].word) == 0) {
			return entry_words[i].channel;
		}
	}
	return NULL;
}

static int entry_err(char *, size_t, const char *, const char *,
    const char *, ...) __attribute__((format(printf, 4, 6),
    format(printf, 5, 6)));

/* err in lang: the Indonesian or the English format. */
static int
entry_err(char *err, size_t errlen, const char *lang, const char *id,
    const char *en, ...)
{
	va_list ap;

	va_start(ap, en);
	vsnprintf(err, errlen, lang != NULL && strcmp(lang, "id") == 0 ?
	    id : en, ap);
	va_end(ap);
	return -1;
}

static int
entry_addr_ok(const char *v)
{
	const char *at = strrchr(v, '@');
	const char *p;

	if (at == NULL || at == v || strchr(v, '@') != at ||
	    strchr(at, '.') == NULL || at[1] == '.' || at[1] == '\0') {
		return 0;
	}
	for (p = v; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || strchr("<>()[],;:\\\"", *p)) {
			return 0;
		}
	}
	return 1;
}

static char *
entry_dup(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/* The complainant's contacts: phone to E.164, email checked. */
static int
entry_contacts(const struct conf *cf, const struct entry_in *in,
    const char *lang, struct entry *e, char *err, size_t errlen)
{
	char e164[32];
	size_t i;

	if (in->phone != NULL && *in->phone != '\0') {
		if (phone_normalize(in->phone, cf->phone_country, e164,
		    sizeof e164) != PHONE_E164) {
			return entry_err(err, errlen, lang, "\"%s\" bukan nomor "
			    "telepon", "\"%s\" is not a phone number",
			    in->phone);
		}
		e->phone = xstrdup(e164);
	}
	if (in->email != NULL && *in->email != '\0') {
		if (!entry_addr_ok(in->email)) {
			return entry_err(err, errlen, lang, "\"%s\" bukan "
			    "alamat email", "\"%s\" is not an email address",
			    in->email);
		}
		e->email = xstrdup(in->email);
		for (i = 0; e->email[i] != '\0'; i++) {
			e->email[i] = (char)tolower((unsigned char)e->email[i]);
		}
	}
	e->name = entry_dup(in->name);
	return 0;
}

/* Channel, category and when it was received. */
static int
entry_how(const struct conf *cf, const struct entry_in *in, const char *lang,
    struct entry *e, char *err, size_t errlen)
{
	char why[160];

	if (in->channel == NULL || *in->channel == '\0') {
		return entry_err(err, errlen, lang, "kanal pengaduan belum "
		    "disebut (Kanal: telepon, datang, surat, kotak, rapat "
		    "atau medsos)", "say how the complaint came (Channel: "
		    "phone, walk-in, letter, box, meeting or social)");
	}
	if ((e->channel = entry_channel(in->channel)) == NULL) {
		return entry_err(err, errlen, lang, "kanal \"%s\" tidak "
		    "dikenal (telepon, datang, surat, kotak, rapat, medsos)",
		    "unknown channel \"%s\" (phone, walk-in, letter, box, "
		    "meeting, social)", in->channel);
	}
	if (in->category != NULL && *in->category != '\0') {
		if (conf_category_by_id(cf, in->category) == NULL) {
			return entry_err(err, errlen, lang, "tidak ada "
			    "kategori \"%s\"", "there is no category \"%s\"",
			    in->category);
		}
		e->category = xstrdup(in->category);
	}
	if (in->received != NULL && *in->received != '\0' &&
	    calendar_parse_local(in->received, &e->received, why,
	    sizeof why) == -1) {
		return entry_err(err, errlen, lang, "waktu diterima \"%s\" "
		    "tidak dapat dibaca (TTTT-BB-HH JJ:MM)", "the time "
		    "received \"%s\" cannot be read (YYYY-MM-DD HH:MM)",
		    in->received);
	}
	return 0;
}

int
entry_make(const struct conf *cf, const struct entry_in *in,
    const char *lang, struct entry *e, char *err, size_t errlen)
{
	memset(e, 0, sizeof *e);
	if (in->text == NULL || in->text[strspn(in->text, " \t\r\n")] ==
	    '\0') {
		return entry_err(err, errlen, lang, "isi pengaduan kosong",
		    "the complaint's text is empty");
	}
	if (entry_contacts(cf, in, lang, e, err, errlen) == -1 ||
	    entry_how(cf, in, lang, e, err, errlen) == -1) {
		entry_free(e);
		return -1;
	}
	e->text = xstrdup(in->text);
	e->subject = in->subject != NULL && *in->subject != '\0' ?
	    xstrdup(in->subject) : text_summary(in->text,
	    ENTRY_SUBJECT_CHARS);
	return 0;
}

int
entry_from_mail(const struct conf *cf, const char *body,
    const char *mail_subject, const char *lang, struct entry *e,
    char *err, size_t errlen)
{
	struct labels l;
	struct entry_in in;
	int rc = -1;

	memset(e, 0, sizeof *e);
	if (labels_parse(body, entry_labels, ENTRY_NLABELS, &l, err, errlen)
	    == 0) {
		memset(&in, 0, sizeof in);
		in.name = labels_get(&l, "name");
		in.phone = labels_get(&l, "phone");
		in.email = labels_get(&l, "email");
		in.channel = labels_get(&l, "channel");
		in.received = labels_get(&l, "received");
		in.category = labels_get(&l, "category");
		in.subject = labels_get(&l, "subject");
		if (in.subject == NULL) {
			in.subject = mail_subject;
		}
		in.text = l.text;
		rc = entry_make(cf, &in, lang, e, err, errlen);
	}
	labels_free(&l);
	return rc;
}

int
entry_from_sms(const struct conf *cf, const char *rest, const char *lang,
    struct entry *e, char *err, size_t errlen)
{
	struct entry_in in;
	char number[32];
	size_t n;

	memset(e, 0, sizeof *e);
	rest += strspn(rest, " \t");
	n = strcspn(rest, " \t\n");
	if (n == 0 || n >= sizeof number) {
		return entry_err(err, errlen, lang, "tulis: BARU <nomor HP "
		    "pelapor> <isi pengaduan>", "write: NEW <the "
		    "complainant's number> <the complaint>");
	}
	snprintf(number, sizeof number, "%.*s", (int)n, rest);
	memset(&in, 0, sizeof in);
	in.phone = number;
	in.channel = "phone";
	in.text = rest + n + strspn(rest + n, " \t\n");
	return entry_make(cf, &in, lang, e, err, errlen);
}

void
entry_free(struct entry *e)
{
	free(e->name);
	free(e->phone);
	free(e->email);
	free(e->category);
	free(e->subject);
	free(e->text);
	memset(e, 0, sizeof *e);
}
