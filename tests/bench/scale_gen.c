/*
 * scale_gen.c — a database at the scale of a big organisation, made
 * through the store's own functions (and casework's clock), never by SQL
 * that bypasses them: BENCH_CASES cases (default 1,000,000) over three
 * years before a fixed "now", in the order they came, a tenth of them
 * open (the last, received in the ten days before it), the rest
 * finished; BENCH_PARTIES complainants (default
 * a fifth of the cases).  Every case has its officers and its clock, as
 * the pipeline leaves them, and what the recap reads: channels in
 * realistic shares (email, SMS, phone, walk-in, letter, suggestion box,
 * meeting, social media), its category, a first response and an answer
 * some working hours later (most in time, some late), the complainant's
 * satisfaction (satisfied, some with a score; not satisfied and reopened
 * first; no answer), rejections, escalations, merged duplicates.  The
 * benches that read it copy it first: it
 * is made once and kept (tests/bench/timers.sh).
 *   scale_gen CONF NOW		(NOW: "YYYY-MM-DD HH:MM" in the zone)
 * The database is the configuration's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "casework.h"
#include "conf_load.h"
#include "log.h"
#include "rnd.h"
#include "cpardef.h"
#include "store_cpar.h"
#include "store.h"
#include "timers.h"

#define BATCH		10000
#define CPAR_EVERY	500	/* a corrective action for one case in */
#define YEAR		(365 * 86400)
#define H		3600

struct gen {
	const struct conf	*cf;
	struct store		*st;
	struct casework		 cw;
	time_t			 now;
	long			 cases, parties;
	unsigned long		 seed;
};

static unsigned long
gen_rand(struct gen *g)
{
	g->seed = g->seed * 6364136223846793005UL + 1442695040888963407UL;
	return g->seed >> 33;
}

static long
gen_env(const char *name, long dflt)
{
	const char *v = getenv(name);

	return v != NULL && atol(v) > 0 ? atol(v) : dflt;
}

/* A channel in realistic shares, with its source. */
static void
gen_channel(struct gen *g, struct store_case_new *cn)
{
	static const struct {
		const char	*channel, *source;
		unsigned	 share;		/* of 100 */
	} ch[] = {
		{ "email", "imap:pengaduan", 45 }, { "sms", "modem:gsm0", 25 },
		{ "phone", "staff", 10 }, { "walk-in", "staff", 8 },
		{ "letter", "staff", 4 }, { "box", "staff", 4 },
		{ "meeting", "staff", 2 }, { "social", "staff", 2 },
	};
	unsigned r = (unsigned)(gen_rand(g) % 100), acc = 0;
	size_t i;

	for (i = 0; i < sizeof ch / sizeof ch[0]; i++) {
		acc += ch[i].share;
		if (r < acc) {
			break;
		}
	}
	i = i < sizeof ch / sizeof ch[0] ? i : 0;
	cn->channel = ch[i].channel;
	cn->source = ch[i].source;
}

/* The first response, some working hours after it came (most in time). */
static time_t
gen_response(struct gen *g, time_t received)
{
	int64_t secs = (int64_t)(gen_rand(g) % 100 < 85 ? 1 + gen_rand(g) % 20 :
	    20 + gen_rand(g) % 60) * H;

	return calendar_add(g->cw.cal, received, secs);
}

/* The complainant's word on an answered case, then closed. */
static int
gen_feedback(struct gen *g, int64_t id, time_t answered)
{
	unsigned r = (unsigned)(gen_rand(g) % 100);

	if (r < 5 && store_case_set_satisfaction(g->st, id, "dissatisfied")
	    == -1) {
		return -1;
	}
	if (r < 80 && (store_case_set_satisfaction(g->st, id, "satisfied")
	    == -1 || (r % 2 == 0 && store_case_set_score(g->st, id, 3 +
	    (int)(r % 4 == 0), 4) == -1))) {
		return -1;
	}
	if (r >= 80 && r < 95 && store_case_set_satisfaction(g->st, id,
	    "no_answer") == -1) {
		return -1;
	}
	return store_case_set_status(g->st, id, CASE_CLOSED, answered + 86400);
}

/* What became of a finished case: answered (and the complainant's
 * word), or rejected; some escalated, some merged.  *resp: its first
 * response (0: none). */
static int
gen_outcome(struct gen *g, int64_t id, time_t received, time_t *resp)
{
	unsigned r = (unsigned)(gen_rand(g) % 100);
	time_t answered;
	int level;

	*resp = 0;
	if (r < 1) {
		return store_case_set_status(g->st, id, CASE_MERGED,
		    received + H);
	}
	*resp = gen_response(g, received);
	if (gen_rand(g) % 100 < 8 && store_case_escalate(g->st, id, &level)
	    == -1) {
		return -1;
	}
	if (r < 6) {
		return store_case_set_status(g->st, id, CASE_REJECTED, *resp);
	}
	answered = calendar_add(g->cw.cal, *resp, (int64_t)(gen_rand(g) %
	    (6 * 8)) * H);
	if (store_case_set_status(g->st, id, CASE_RESOLVED, answered) == -1) {
		return -1;
	}
	return gen_feedback(g, id, answered);
}

/* A text of about n bytes (the size of real ones, so pages fill alike). */
static void
gen_text(char *buf, size_t n, long i)
{
	static const char w[] = "Yth. Bapak/Ibu, kami ingin menyampaikan "
	    "bahwa fasilitas kelas kurang terawat, AC tidak dingin dan nilai "
	    "rapor belum keluar. Mohon segera ditindaklanjuti. ";
	size_t off = (size_t)snprintf(buf, n, "Keluhan %ld. ", i);

	while (off + sizeof w < n) {
		memcpy(buf + off, w, sizeof w - 1);
		off += sizeof w - 1;
	}
	buf[off] = '\0';
}

/* The message a case came in by (email and SMS cases). */
static int
gen_message(struct gen *g, int64_t id, const struct store_case_new *cn,
    const char *email, long i, int64_t *msg)
{
	struct store_message_new m;
	char raw[4096], text[1800], msgid[64], hash[65];
	int sms = strcmp(cn->channel, "sms") == 0;

	*msg = 0;
	if (!sms && strcmp(cn->channel, "email") != 0) {
		return 0;
	}
	gen_text(text, sms ? 150 : sizeof text, i);
	snprintf(msgid, sizeof msgid, "<%ld.scale@example.org>", i);
	snprintf(hash, sizeof hash, "%064lx", (unsigned long)i);
	snprintf(raw, sizeof raw, "From: %s\r\nTo: pengaduan@smkn1.sch.id\r\n"
	    "Subject: %s\r\nMessage-ID: %s\r\n\r\n%s\r\n%s\r\n", email,
	    cn->subject, msgid, text, sms ? "" : text);
	memset(&m, 0, sizeof m);
	m.case_id = id;
	m.channel = cn->channel;
	m.source = cn->source;
	m.kind = "complaint";
	m.external_id = sms ? NULL : msgid;
	m.content_hash = hash;
	m.sender = email;
	m.subject = cn->subject;
	m.date = m.received = cn->received;
	m.body = m.full_body = text;
	m.raw = raw;
	m.rawlen = sms ? strlen(text) : strlen(raw);
	return store_message_add(g->st, &m, msg);
}

/* One outbox row of the case, finished as `status` (NULL: queued). */
static int
gen_out(struct gen *g, int64_t id, int64_t msg, const char *kind,
    const char *to, const char *officer, const char *body,
    const char *status)
{
	struct store_outbox_new o;
	char mid[64];
	int64_t oid;

	memset(&o, 0, sizeof o);
	snprintf(mid, sizeof mid, "<%lld.%s.%s@smkn1.sch.id>", (long long)id,
	    kind, officer != NULL ? officer : "c");
	o.case_id = id;
	o.message_id = msg;
	o.channel = "email";
	o.kind = kind;
	o.recipient = to;
	o.officer = officer;
	o.subject = "Pengaduan diterima";
	o.body = body;
	o.rfc_message_id = mid;
	o.automatic = strcmp(kind, "ack") == 0;
	if (store_outbox_add(g->st, &o, &oid) == -1) {
		return -1;
	}
	return status == NULL ? 0 : store_outbox_finish(g->st, oid, status,
	    strcmp(status, "sent") == 0 ? NULL : "550 mailbox unavailable",
	    0);
}

/* A corrective action on case id (one case in CPAR_EVERY). */
static int
gen_cpar(struct gen *g, int64_t id, time_t received, int open)
{
	struct store_cpar c;
	int rc;

	memset(&c, 0, sizeof c);
	snprintf(c.status, sizeof c.status, "%s", open ? CPAR_OPEN :
	    CPAR_EFFECTIVE);
	c.nonconformity = "Fasilitas kelas tidak dirawat berkala.";
	c.root_cause = open ? NULL : "Jadwal perawatan tidak ada.";
	c.corrective = open ? NULL : "Jadwal perawatan bulanan dibuat.";
	snprintf(c.owner, sizeof c.owner, "wks-sarpras");
	snprintf(c.created_by, sizeof c.created_by, "kepsek");
	c.created_at = c.updated_at = received + 86400;
	c.done_at = open ? 0 : received + 20 * 86400;
	c.verified_at = open ? 0 : received + 60 * 86400;
	rc = store_cpar_add(g->st, &c, g->cf->cpar_reference_format) == -1 ||
	    store_cpar_link(g->st, c.id, id) == -1 ||
	    store_cpar_event(g->st, c.id, "kepsek", "open",
	    c.nonconformity) == -1 || (!open && store_cpar_event(g->st, c.id,
	    "kepsek", "effective", "verified") == -1) ? -1 : 0;
	return rc;
}

/* What the pipeline and casework leave beside case i: its message,
 * events, outbox rows; one in a thousand, a quarantined message. */
static int
gen_beside(struct gen *g, int64_t id, const struct store_case_new *cn,
    const char *email, long i, int open)
{
	const struct conf_category *cat = &g->cf->categories[i %
	    (long)g->cf->ncategories];
	const char *done = open && i % 10 == 0 ? NULL : gen_rand(g) % 200 ==
	    0 ? (gen_rand(g) % 2 ? "failed" : "dead") : "sent";
	char notify[3000], raw[2000];
	int64_t msg;
	size_t k;

	if (gen_message(g, id, cn, email, i, &msg) == -1 ||
	    store_event_add(g->st, id, "system", "routed", cat->id) == -1 ||
	    gen_out(g, id, msg, "ack", email, NULL, "Terima kasih, pengaduan "
	    "Anda sudah kami terima dan akan ditindaklanjuti.", done) == -1) {
		return -1;
	}
	gen_text(notify, sizeof notify, i);
	for (k = 0; k < cat->nofficers; k++) {
		if (gen_out(g, id, msg, "notify", "officer@smkn1.sch.id",
		    cat->officers[k], notify, done) == -1) {
			return -1;
		}
	}
	if (!open && (store_event_add(g->st, id, cat->officers[0], "reply",
	    "answered") == -1 || gen_out(g, id, msg, "resolution", email,
	    NULL, notify + 1000, "sent") == -1)) {
		return -1;
	}
	if (i % CPAR_EVERY == 0 && gen_cpar(g, id, cn->received, open) == -1) {
		return -1;
	}
	if (i % 1000 != 999) {
		return 0;
	}
	gen_text(raw, sizeof raw, i);
	return store_quarantine_add(g->st, "imap:pengaduan", "scale", "no "
	    "From: address", raw, strlen(raw), NULL);
}

/* Case i: open ones received in the ten days before now, the rest over
 * the three years before that. */
static int
gen_case(struct gen *g, long i)
{
	const struct conf_category *cat = &g->cf->categories[i %
	    (long)g->cf->ncategories];
	struct store_case_new cn;
	struct case_brief c;
	char email[64], subject[64], token[RND_TOKEN_LEN], ref[64];
	int open = i >= g->cases * 9 / 10;
	int64_t party, id;
	time_t resp;
	size_t k;

	memset(&cn, 0, sizeof cn);
	/* in the order they came, as intake records them: the rows of a
	 * month lie together, as they do in a real database */
	cn.received = open ? g->now - 10 * 86400 + (time_t)((double)(i -
	    g->cases * 9 / 10) / (double)(g->cases / 10 + 1) * 10 * 86400) :
	    g->now - 10 * 86400 - 3 * YEAR + (time_t)((double)i /
	    (double)(g->cases * 9 / 10 + 1) * 3 * YEAR);
	snprintf(email, sizeof email, "pelapor%ld@example.org",
	    (long)(gen_rand(g) % (unsigned long)g->parties));
	snprintf(subject, sizeof subject, "Keluhan nomor %ld", i);
	rnd_token(token);
	cn.ref_format = g->cf->reference_format;
	gen_channel(g, &cn);
	cn.category = cat->id;
	cn.language = "id";
	cn.subject = subject;
	cn.summary = "Mohon ditindaklanjuti: fasilitas di sekolah kurang "
	    "terawat dan nilai belum keluar.";
	cn.token = token;
	if (store_party_get(g->st, email, NULL, NULL, &party) == -1) {
		return -1;
	}
	cn.party_id = party;
	if (store_case_add(g->st, &cn, &id, ref, sizeof ref) == -1) {
		return -1;
	}
	for (k = 0; k < cat->nofficers; k++) {
		if (store_case_assign(g->st, id, cat->officers[k]) == -1) {
			return -1;
		}
	}
	if (gen_beside(g, id, &cn, email, i, open) == -1) {
		return -1;
	}
	resp = open && gen_rand(g) % 2 ? gen_response(g, cn.received) : 0;
	if (!open && gen_outcome(g, id, cn.received, &resp) == -1) {
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.id = id;
	g->cw.now = cn.received;
	if (casework_clock_start(&g->cw, &c) == -1) {
		return -1;
	}
	/* the first response, as casework records it */
	return resp != 0 && resp < g->now ? casework_clock_on(&g->cw, &c,
	    CASE_ACT_REPLY, resp) : 0;
}

static int
gen_all(struct gen *g)
{
	long i;

	for (i = 0; i < g->cases; i++) {
		if (i % BATCH == 0 && (i > 0 && store_commit(g->st) == -1)) {
			return -1;
		}
		if (i % BATCH == 0 && store_begin(g->st) == -1) {
			return -1;
		}
		if (gen_case(g, i) == -1) {
			store_rollback(g->st);
			return -1;
		}
		if ((i + 1) % 100000 == 0) {
			fprintf(stderr, "  %ld cases\n", i + 1);
		}
	}
	return store_commit(g->st);
}

static int
gen_pack(struct gen *g)
{
	int n;

	do {
		if (store_outbox_pack_sent(g->st, time(NULL) + 1, BATCH, &n)
		    == -1) {
			return -1;
		}
	} while (n > 0);
	return 0;
}

int
main(int argc, char **argv)
{
	struct conf_diag diag = { NULL, 0 };
	struct conf *cf = NULL;
	struct timers *tm = NULL;
	struct calendar *cal = NULL;
	struct timespec t0, t1;
	struct gen g;
	char err[4096] = "";
	int n;

	if (argc != 3) {
		fprintf(stderr, "usage: scale_gen CONF NOW\n");
		return 64;
	}
	log_init(0, "scale_gen");
	memset(&g, 0, sizeof g);
	if (conf_load(argv[1], &cf, &diag) == -1) {
		fprintf(stderr, "scale_gen: %s: %s\n", argv[1], diag.n ?
		    diag.msgs[0] : "?");
		return 78;
	}
	setenv("TZ", cf->timezone, 1);
	tzset();
	if (calendar_parse_local(argv[2], &g.now, err, sizeof err) == -1 ||
	    (cal = sla_calendar_new(cf, err, sizeof err)) == NULL ||
	    store_open(cf->database, 60000, &g.st) == -1) {
		fprintf(stderr, "scale_gen: %s\n", err);
		return 1;
	}
	g.cf = cf;
	g.cases = gen_env("BENCH_CASES", 1000000);
	g.parties = gen_env("BENCH_PARTIES", g.cases / 5 + 1);
	g.seed = 42;
	g.cw.cf = cf;
	g.cw.st = g.st;
	g.cw.cal = cal;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* the mail of the years before: its text compressed, as the
	 * dispatch worker leaves it a month after sending */
	if (gen_all(&g) == -1 || gen_pack(&g) == -1 ||
	    (tm = timers_new(cf, g.st, err, sizeof err)) == NULL ||
	    timers_refresh(tm, &n) == -1) {
		fprintf(stderr, "scale_gen: failed %s\n", err);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("generated %ld cases (%ld open), %ld complainants, in %.0f s\n",
	    g.cases, (g.cases + 9) / 10, g.parties,
	    (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	timers_free(tm);
	calendar_free(cal);
	store_close(g.st);
	conf_free(cf);
	return 0;
}
