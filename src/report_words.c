/*
 * report_words.c — the recap's words in Indonesian and English, shared by
 * the text, CSV and HTML renderers (the JSON has plain keys instead).
 * Pure.  Numbers for people use the language's decimal mark ("3,5 jam",
 * "3.5 h"); JSON and CSV values never do.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "report.h"

struct word {
	const char	*key, *id, *en;
};

static const struct word words[] = {
	{ "title", "Rekapitulasi Hasil Tindak Lanjut Keluhan Pelanggan",
	    "Complaints Recap for Management Review" },
	{ "period", "Periode", "Period" },
	{ "generated", "Dibuat", "Generated" },
	{ "as_of", "Keadaan per", "As of" },
	{ "filter", "Saringan", "Filter" },
	{ "counts", "Jumlah keluhan", "Complaints" },
	{ "received", "Diterima", "Received" },
	{ "answered", "Dijawab", "Answered" },
	{ "awaiting_feedback", "Menunggu umpan balik", "Awaiting feedback" },
	{ "closed", "Ditutup", "Closed" },
	{ "rejected", "Ditolak", "Rejected" },
	{ "open", "Masih terbuka", "Still open" },
	{ "overdue", "Melewati batas waktu", "Overdue" },
	{ "overdue_short", "Terlambat", "Overdue" },
	{ "escalated", "Dieskalasi", "Escalated" },
	{ "reopened", "Dibuka kembali (tidak puas)",
	    "Reopened (not satisfied)" },
	{ "merged", "Digabung (tidak dihitung)", "Merged (not counted)" },
	{ "by_channel", "Menurut saluran", "By channel" },
	{ "by_category", "Menurut kategori", "By category" },
	{ "times", "Waktu penanganan (jam kerja)",
	    "Handling times (working hours)" },
	{ "first_response", "Tanggapan pertama", "First response" },
	{ "resolution", "Penyelesaian", "Resolution" },
	{ "cases_n", "Kasus", "Cases" },
	{ "median", "Median", "Median" },
	{ "p90", "Persentil 90", "90th percentile" },
	{ "within", "Sesuai standar", "Within the standard" },
	{ "standard", "Standar", "Standard" },
	{ "satisfaction", "Kepuasan pelapor", "Complainant satisfaction" },
	{ "satisfied", "Puas", "Satisfied" },
	{ "dissatisfied", "Tidak puas", "Not satisfied" },
	{ "no_answer", "Tidak menjawab", "No answer" },
	{ "rate", "Tingkat kepuasan", "Satisfaction rate" },
	{ "scores", "Nilai", "Scores" },
	{ "mean_score", "Nilai rata-rata", "Mean score" },
	{ "cpar", "Tindakan korektif", "Corrective actions" },
	{ "cpar_none", "Belum ada tindakan korektif yang tercatat.",
	    "No corrective actions are recorded." },
	{ "cpar_opened", "Dibuka", "Opened" },
	{ "cpar_done", "Selesai dilaksanakan", "Done" },
	{ "cpar_verified", "Terverifikasi efektif", "Verified effective" },
	{ "cpar_not_effective", "Tidak efektif", "Not effective" },
	{ "cpar_overdue", "Melewati batas waktu", "Overdue" },
	{ "cpar_open", "Belum selesai", "Not done yet" },
	{ "trend", "Tren", "Trend" },
	{ "indicators", "Indikator", "Indicators" },
	{ "indicator", "Indikator", "Indicator" },
	{ "value", "Nilai", "Value" },
	{ "result", "Hasil", "Result" },
	{ "met", "Tercapai", "Met" },
	{ "not_met", "Tidak tercapai", "Not met" },
	{ "not_measured", "Belum dapat diukur", "Not measured" },
	{ "no_indicators", "Tidak ada indikator yang ditetapkan "
	    "(bagian indicators di konfigurasi).",
	    "No indicators are set (the indicators section of the "
	    "configuration)." },
	{ "cases", "Daftar keluhan", "Complaints" },
	{ "reference", "Nomor", "Reference" },
	{ "date", "Tanggal", "Date" },
	{ "complainant", "Pelapor", "Complainant" },
	{ "category", "Kategori", "Category" },
	{ "channel", "Saluran", "Channel" },
	{ "summary", "Ringkasan", "Summary" },
	{ "done", "Tindak lanjut", "What was done" },
	{ "status", "Status", "Status" },
	{ "confidential", "(dirahasiakan)", "(confidential)" },
	/* "N of M complaints listed; ..." */
	{ "of", "dari", "of" },
	{ "listed", "keluhan ditampilkan; complaintctl export memberikan "
	    "semuanya.", "complaints listed; complaintctl export gives them "
	    "all." },
	{ "none", "Tidak ada keluhan pada periode ini.",
	    "No complaints in this period." },
	{ "officer", "Petugas", "Officer" },
	{ "hours_short", "jam", "h" },
	{ "hours_col", "Jam kerja", "Working hours" },
	{ "week", "Minggu", "Week" },
	{ "response_vs_standard", "Tanggapan pertama (median) dan standar",
	    "First response (median) against the standard" },
};

static int
is_id(const char *lang)
{
	return lang != NULL && strcmp(lang, "id") == 0;
}

const char *
report_word(const char *key, const char *lang)
{
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(words[i].key, key) == 0) {
			return is_id(lang) ? words[i].id : words[i].en;
		}
	}
	return key;
}

const char *
report_channel_word(const char *ch, const char *lang)
{
	static const struct word chans[] = {
		{ "email", "Email", "Email" },
		{ "sms", "SMS", "SMS" },
		{ "phone", "Telepon", "Phone" },
		{ "walk-in", "Datang langsung", "Walk-in" },
		{ "letter", "Surat", "Letter" },
		{ "box", "Kotak saran", "Suggestion box" },
		{ "meeting", "Rapat", "Meeting" },
		{ "social", "Media sosial", "Social media" },
	};
	size_t i;

	for (i = 0; ch != NULL && i < sizeof chans / sizeof chans[0]; i++) {
		if (strcmp(chans[i].key, ch) == 0) {
			return is_id(lang) ? chans[i].id : chans[i].en;
		}
	}
	return ch ? ch : "";
}

const char *
report_category_word(const struct report *r, const char *category)
{
	const struct conf_category *c = category ?
	    conf_category_by_id(r->cf, category) : NULL;

	return c != NULL && c->name != NULL ? c->name : category ? category :
	    "";
}

void
report_number(double v, int decimals, const char *lang, char *buf,
    size_t len)
{
	char *p;

	snprintf(buf, len, "%.*f", decimals, v);
	if (is_id(lang) && (p = strchr(buf, '.')) != NULL) {
		*p = ',';
	}
}

/* v with one decimal, the language's decimal mark. */
static void
decimal(double v, const char *lang, char *buf, size_t len)
{
	char *p;

	snprintf(buf, len, "%.1f", v);
	if (is_id(lang) && (p = strchr(buf, '.')) != NULL) {
		*p = ',';
	}
}

void
report_hours(int64_t secs, const char *lang, char *buf, size_t len)
{
	char n[32];

	decimal((double)secs / 3600.0, lang, n, sizeof n);
	snprintf(buf, len, "%s %s", n, report_word("hours_short", lang));
}

void
report_percent(double v, const char *lang, char *buf, size_t len)
{
	char n[32];

	decimal(v, lang, n, sizeof n);
	snprintf(buf, len, "%s %%", n);
}

void
report_date(time_t t, char *buf, size_t len)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%d-%m-%Y", &tm);
}

/* [0] Indonesian, [1] English */
static const char *const mon[2][12] = {
	{ "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
	  "Nov", "Des" },
	{ "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	  "Nov", "Dec" },
};

static void
month_words(int32_t day, const char *lang, char *buf, size_t len)
{
	int y, m, d;

	calendar_civil(day, &y, &m, &d);
	snprintf(buf, len, "%s %d", mon[!is_id(lang)][m - 1], y);
}

void
report_bucket_words(const struct report *r, const struct report_bucket *b,
    char *buf, size_t len)
{
	int32_t thu, jan4, week1;
	int y, m, d;

	if (r->p.trend == 'm') {
		month_words(b->first, r->p.lang, buf, len);
		return;
	}
	/* the ISO week of the bucket's Thursday */
	thu = b->first - (calendar_weekday(b->first) + 6) % 7 + 3;
	calendar_civil(thu, &y, &m, &d);
	jan4 = calendar_civil_day(y, 1, 4);
	week1 = jan4 - (calendar_weekday(jan4) + 6) % 7;
	calendar_civil(b->first, &y, &m, &d);
	snprintf(buf, len, "%s %d (%02d-%02d)", report_word("week",
	    r->p.lang), (thu - week1) / 7 + 1, d, m);
}

void
report_bucket_short(const struct report *r, const struct report_bucket *b,
    char *buf, size_t len)
{
	int y, m, d;

	calendar_civil(b->first, &y, &m, &d);
	if (r->p.trend == 'm') {
		snprintf(buf, len, "%s %02d", mon[!is_id(r->p.lang)][m - 1],
		    y % 100);
	} else {
		snprintf(buf, len, "%02d-%02d", d, m);
	}
}

void
report_indicator_words(const struct report *r,
    const struct report_indicator *i, char *buf, size_t len)
{
	int id = is_id(r->p.lang);

	switch (i->kind) {
	case REPORT_IND_RESPONSE:
		snprintf(buf, len, id ? "Tanggapan pertama dalam %d jam kerja "
		    "(target %d %%)" : "First response within %d working "
		    "hours (target %d %%)", i->standard, i->target);
		break;
	case REPORT_IND_RESOLVE:
		snprintf(buf, len, id ? "Jawaban dalam %d hari kerja (target "
		    "%d %%)" : "Answer within %d working days (target %d %%)",
		    i->standard, i->target);
		break;
	case REPORT_IND_PER_MONTH:
		snprintf(buf, len, id ? "Paling banyak %d keluhan sebulan%s%s" :
		    "At most %d complaints a month%s%s", i->standard,
		    i->category ? (id ? ", kategori " : ", category ") : "",
		    i->category ? report_category_word(r, i->category) : "");
		break;
	case REPORT_IND_SATISFIED:
		snprintf(buf, len, id ? "Paling sedikit %d %% pelapor puas" :
		    "At least %d %% of complainants satisfied", i->standard);
		break;
	}
}

void
report_indicator_value(const struct report *r,
    const struct report_indicator *i, char *buf, size_t len)
{
	char m[32];

	if (!i->measured) {
		snprintf(buf, len, "-");
	} else if (i->kind == REPORT_IND_PER_MONTH) {
		month_words(i->month, r->p.lang, m, sizeof m);
		snprintf(buf, len, "%d (%s)", (int)i->value, m);
	} else {
		report_percent(i->value, r->p.lang, buf, len);
	}
}
