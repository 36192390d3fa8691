/*
 * test_intake.c — the intake decision, rule by rule, against a fake set of
 * cases behind struct intake_lookup.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "intake.h"
#include "mime.h"
#include "t.h"
#include "testconf.h"

/* ---- a tiny fake store ---- */

struct fake_msgid {
	const char	*msgid;
	int		 kase;		/* index into cases */
	const char	*officer;	/* sent to this officer, or NULL */
	const char	*rcpt;		/* ours: sent to; NULL: received */
	const char	*from;		/* received: from */
};

static struct case_brief cases[2];
static const struct fake_msgid msgids[] = {
	/* the complainants' own mail */
	{ "m1@gmail.com", 0, NULL, NULL, "siti@gmail.com" },
	{ "andi-1@yahoo.co.id", 1, NULL, NULL, "andi@yahoo.co.id" },
	/* a note recorded from a forged officer address, its id chosen by
	 * the forger (issue 8, attack 1) */
	{ "forged-note@evil.example", 1, NULL, NULL,
	    "wakasek.sarpras@smkn1.sch.id" },
	/* ours */
	{ "KEL-2026-000001.ack.aa@smkn1.sch.id", 0, NULL, "siti@gmail.com",
	    NULL },
	{ "KEL-2026-000001.notify.bb@smkn1.sch.id", 0, "wks-kurikulum",
	    "wakasek.kurikulum@smkn1.sch.id", NULL },
	{ "KEL-2026-000002.notify.cc@smkn1.sch.id", 1, "wks-sarpras",
	    "wakasek.sarpras@smkn1.sch.id", NULL },
	{ "KEL-2026-000002.resolution.dd@smkn1.sch.id", 1, NULL,
	    "andi@yahoo.co.id", NULL },
};
static int fail_lookups;

static void
fake_init(void)
{
	memset(cases, 0, sizeof cases);
	cases[0].id = 1;
	strcpy(cases[0].reference, "KEL-2026-000001");
	strcpy(cases[0].status, CASE_ACKNOWLEDGED);
	strcpy(cases[0].token, "0123456789abcdef0123456789abcdef");
	strcpy(cases[0].email, "siti@gmail.com");
	strcpy(cases[0].phone, "+6281200000001");
	strcpy(cases[0].csecret, "5ec7e7000000000000000000000000aa");
	cases[1].id = 2;
	strcpy(cases[1].reference, "KEL-2026-000002");
	strcpy(cases[1].status, CASE_RESOLVED);
	strcpy(cases[1].token, "fedcba9876543210fedcba9876543210");
	strcpy(cases[1].email, "andi@yahoo.co.id");
	strcpy(cases[1].phone, "+6281200000002");
	strcpy(cases[1].csecret, "5ec7e7000000000000000000000000bb");
}

static int
lk_ref(void *ctx, const char *ref, struct case_brief *c)
{
	size_t i;

	(void)ctx;
	if (fail_lookups) {
		return -1;
	}
	for (i = 0; i < 2; i++) {
		if (strcmp(cases[i].reference, ref) == 0) {
			*c = cases[i];
			return 1;
		}
	}
	return 0;
}

static int
lk_token(void *ctx, const char *tok, struct case_brief *c)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < 2; i++) {
		if (strcmp(cases[i].token, tok) == 0) {
			*c = cases[i];
			return 1;
		}
	}
	return 0;
}

static int
lk_msgid(void *ctx, const char *id, struct case_brief *c, char *officer)
{
	size_t i;

	(void)ctx;
	officer[0] = '\0';
	if (fail_lookups) {
		return -1;
	}
	for (i = 0; i < sizeof msgids / sizeof msgids[0]; i++) {
		if (strcmp(msgids[i].msgid, id) == 0) {
			*c = cases[msgids[i].kase];
			if (msgids[i].officer) {
				strcpy(officer, msgids[i].officer);
			}
			return 1;
		}
	}
	return 0;
}

static int
lk_awaiting(void *ctx, const char *sender, struct case_brief *c)
{
	size_t i;

	(void)ctx;
	/* as the store: awaiting feedback or an answer, or closed */
	for (i = 0; i < 2; i++) {
		if ((strcmp(cases[i].status, CASE_RESOLVED) == 0 ||
		    strcmp(cases[i].status, CASE_WAITING) == 0 ||
		    strcmp(cases[i].status, CASE_CLOSED) == 0) &&
		    (strcmp(cases[i].phone, sender) == 0 ||
		    strcasecmp(cases[i].email, sender) == 0)) {
			*c = cases[i];
			return 1;
		}
	}
	return 0;
}

static const struct fake_msgid *
fake_find(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof msgids / sizeof msgids[0]; i++) {
		if (strcmp(msgids[i].msgid, id) == 0) {
			return &msgids[i];
		}
	}
	return NULL;
}

static int
lk_sent(void *ctx, const char *id, struct case_brief *c,
    struct intake_sent *s)
{
	const struct fake_msgid *f = fake_find(id);

	(void)ctx;
	if (fail_lookups) {
		return -1;
	}
	if (f == NULL || f->rcpt == NULL) {
		return 0;
	}
	*c = cases[f->kase];
	snprintf(s->recipient, sizeof s->recipient, "%s", f->rcpt);
	snprintf(s->officer, sizeof s->officer, "%s",
	    f->officer ? f->officer : "");
	snprintf(s->kind, sizeof s->kind, "%s", strstr(id, ".ack.") ? "ack" :
	    "other");
	return 1;
}

static int
lk_received(void *ctx, const char *id, struct case_brief *c, char *sender)
{
	const struct fake_msgid *f = fake_find(id);

	(void)ctx;
	if (f == NULL || f->from == NULL) {
		return 0;
	}
	*c = cases[f->kase];
	snprintf(sender, 256, "%s", f->from);
	return 1;
}

static int
lk_secret(void *ctx, const char *secret, struct case_brief *c)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < 2; i++) {
		if (strcmp(cases[i].csecret, secret) == 0) {
			*c = cases[i];
			return 1;
		}
	}
	return 0;
}

/* wks-kurikulum's personal token for entering complaints */
static int
lk_officer_token(void *ctx, const char *tok, char *officer)
{
	(void)ctx;
	if (strcmp(tok, "budipersonal0001") == 0) {
		strcpy(officer, "wks-kurikulum");
		return 1;
	}
	return 0;
}

static const struct intake_lookup lk = { NULL, lk_ref, lk_token, lk_msgid,
    lk_awaiting, lk_sent, lk_received, lk_secret, lk_officer_token };

/* ---- helpers ---- */

static struct intake_msg
email(const char *from, const char *subject, const char *text)
{
	struct intake_msg m;

	memset(&m, 0, sizeof m);
	m.channel = "email";
	m.source = "imap:pengaduan";
	m.sender = from;
	m.subject = subject;
	m.text = text;
	return m;
}

static struct intake_msg
sms(const char *from, int person, const char *text)
{
	struct intake_msg m;

	memset(&m, 0, sizeof m);
	m.channel = "sms";
	m.source = "modem:gsm0";
	m.sender = from;
	m.sender_is_person = person;
	m.subject = "";
	m.text = text;
	return m;
}

/* The decision's kind, or -1 when intake_decide fails. */
static int
decide(const struct conf *cf, const struct intake_msg *m,
    struct intake_decision *d)
{
	intake_decision_free(d);
	if (intake_decide(cf, m, &lk, d) == -1) {
		return -1;
	}
	return (int)d->kind;
}

/* ---- tests ---- */

static void
test_new_and_automatic(const struct conf *cf, const struct conf *cf_list)
{
	struct intake_decision d;
	struct intake_msg m;

	memset(&d, 0, sizeof d);
	m = email("siti@gmail.com", "Nilai rapor", "Nilai anak saya salah");
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE, "plain mail opens a case");
	T_OK(d.autoreply, "... and is acknowledged");
	m.flags = MIME_F_BOUNCE;
	T_INT(decide(cf, &m, &d), INTAKE_BOUNCE, "a DSN is a bounce");
	m = email(NULL, "x", "y");
	T_INT(decide(cf, &m, &d), INTAKE_UNFILED, "no sender: unfiled");
	m = email("siti@gmail.com", "Out of office", "I am away");
	m.flags = MIME_F_AUTO_SUBMITTED;
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC, "auto-reply is automatic");
	T_INT(d.kase.id, 0, "... on no case");
	T_OK(!d.autoreply, "... never answered");
	m.in_reply_to = "KEL-2026-000001.ack.aa@smkn1.sch.id";
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "auto-reply to our acknowledgement");
	T_INT(d.kase.id, 1, "... recorded on that case");
	T_OK(!d.proven && !d.status_query, "... changing nothing");
	m = email("news@list.org", "Newsletter", "...");
	m.flags = MIME_F_LIST | MIME_F_BULK;
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC, "list mail is automatic");
	T_INT(decide(cf_list, &m, &d), INTAKE_NEW_CASE,
	    "with accept_list_mail list mail opens a case");
	T_OK(!d.autoreply, "... without an acknowledgement");
	m = email("Noreply@smkn1.sch.id", "x", "y");
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "mail from our own address is automatic");
	m = email("pengaduan@smkn1.sch.id", "x", "y");
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "mail from the SMTP address is ours too");
	m = email("x@gmail.com", "x", "y");
	m.flags = MIME_F_LOOP;
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "mail with our loop header is automatic");
	m = email("abuse-reports@isp.example", "Abuse report", "y");
	m.flags = MIME_F_REPORT;
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "a report of any kind is automatic");
	T_OK(!d.autoreply, "... never answered");
	m = email("noreply@forms.example", "Pengaduan dari formulir", "AC");
	m.flags = MIME_F_NOREPLY;
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "mail from a no-reply address still opens a case");
	T_OK(!d.autoreply, "... but is not acknowledged");
	T_STR(d.noack, "the sender is a no-reply address", "... and says why");
	m = email("news@list.org", "x", "y");
	m.flags = MIME_F_LIST;
	decide(cf_list, &m, &d);
	T_STR(d.noack, "list or bulk mail", "list mail: the reason");
	m = email("siti@gmail.com", "x", "y");
	decide(cf, &m, &d);
	T_OK(d.autoreply && d.noack == NULL, "an acknowledged case: no reason");
	intake_decision_free(&d);
}

static void
test_followups(const struct conf *cf)
{
	struct intake_decision d;
	struct intake_msg m;
	const char *refs[] = { "unknown@x", "m1@gmail.com" };

	memset(&d, 0, sizeof d);
	m = email("siti@gmail.com", "Re: Nilai", "Ada tambahan");
	m.in_reply_to = "KEL-2026-000001.ack.aa@smkn1.sch.id";
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP, "reply to our ack");
	T_STR(d.kase.reference, "KEL-2026-000001", "... of that case");
	m.in_reply_to = "unknown@x";
	m.references = refs;
	m.nreferences = 2;
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "References naming a case's message");
	m = email("SITI@gmail.com", "Re: [kel-2026-000001] Nilai", "tambahan");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "reference in the subject from the complainant");
	m = email("other@gmail.com", "Re: [KEL-2026-000001] Nilai", "saya juga");
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "someone else quoting a reference opens a new case");
	T_CONTAINS(d.why, "another complainant", "... and says why");
	m = email("andi@yahoo.co.id", "Re: [KEL-2026-000002]",
	    "Saya TIDAK PUAS, AC masih rusak");
	m.in_reply_to = "KEL-2026-000002.resolution.dd@smkn1.sch.id";
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK, "feedback on a resolved case");
	T_INT(d.feedback, INTAKE_FB_DISSATISFIED, "... not satisfied");
	m.text = "Puas, terima kasih";
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK, "satisfied feedback");
	T_INT(d.feedback, INTAKE_FB_SATISFIED, "... satisfied");
	m.text = "Kapan teknisinya datang?";
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "no satisfaction words: a plain follow-up");
	T_INT(d.feedback, INTAKE_FB_UNCLEAR, "... marked unclear");
	T_CONTAINS(d.why, "no clear answer", "... and says so");
	m.text = "ga puas, AC masih panas";
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK, "'ga puas' is feedback");
	T_INT(d.feedback, INTAKE_FB_DISSATISFIED, "... not satisfied");
	m.text = "puas, tapi AC masih panas";
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP, "mixed signals change nothing");
	T_INT(d.feedback, INTAKE_FB_UNCLEAR, "... unclear");
	m.text = "nilai 2";
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK, "a score is feedback");
	T_OK(d.feedback == INTAKE_FB_DISSATISFIED && d.score == 2 &&
	    d.score_scale == 4, "... 2 of 4: not satisfied, score kept");
	T_CONTAINS(d.why, "(score 2 of 4)", "... the score is in the reason");
	m = email("siti@gmail.com", "Re: [KEL-2026-000001]", "puas");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "'puas' on a case not yet resolved is a follow-up");
	T_INT(d.feedback, INTAKE_FB_NONE, "... not feedback at all");
	m = email("siti@gmail.com", "Re: [KEL-2026-000001]", "x");
	m.flags = MIME_F_AUTO_SUBMITTED;
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "complainant's auto-reply is recorded, not a follow-up");
	fail_lookups = 1;
	m = email("siti@gmail.com", "Re: [KEL-2026-000001]", "x");
	T_INT(decide(cf, &m, &d), -1, "a failing lookup fails the decision");
	fail_lookups = 0;
	intake_decision_free(&d);
}

/* Issue 8: only our own unguessable identifiers thread a stranger's mail;
 * a state change needs proof. */
static void
test_trust(const struct conf *cf)
{
	struct intake_decision d;
	struct intake_msg m;
	const char *to_secret_b[] = {
	    "pengaduan+5ec7e7000000000000000000000000bb@smkn1.sch.id" };
	const char *to_token_b[] = {
	    "pengaduan+fedcba9876543210fedcba9876543210@smkn1.sch.id" };
	const char *refs[] = { "forged-note@evil.example" };

	memset(&d, 0, sizeof d);
	m = email("siti@gmail.com", "Re: Pengaduan", "Tambahan");
	m.in_reply_to = "KEL-2026-000001.ack.aa@smkn1.sch.id";
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "the complainant's reply to our mail to her: a follow-up");
	T_OK(d.proven, "... with proof she got our mail");
	m.sender = "stranger@evil.example";
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "someone else replying to that Message-ID: a new case");
	m.sender = "andi@yahoo.co.id";
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "... also another complainant: our mail went to her, not him");
	m = email("stranger@evil.example", "Re: Pengaduan", "PUAS");
	m.in_reply_to = "m1@gmail.com";
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "a stranger replying to the complainant's own original (known to "
	    "her Cc): a new case");
	m.sender = "siti@gmail.com";
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "her own Message-ID from her own address: a follow-up");
	T_OK(!d.proven, "... but no proof (From: is a claim)");
	m = email("stranger@evil.example", "Re: x", "PUAS");
	m.in_reply_to = "KEL-2026-000002.notify.cc@smkn1.sch.id";
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "a reply to a notification we sent an officer, from a stranger: "
	    "a new case");

	/* attack 1: the forged officer note's Message-ID */
	m = email("stranger@evil.example", "Re: x", "PUAS");
	m.in_reply_to = "forged-note@evil.example";
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "attack 1: the Message-ID a forger chose for an officer's note "
	    "threads nothing");
	m.sender = "andi@yahoo.co.id";
	m.references = refs;
	m.nreferences = 1;
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "... not even from the complainant's address");
	T_INT(d.feedback, INTAKE_FB_NONE, "... and is no feedback");

	/* attack 3: From: forged as the complainant, reference guessed */
	m = email("andi@yahoo.co.id", "[KEL-2026-000002] TIDAK PUAS",
	    "TIDAK PUAS");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "attack 3: the complainant's address and the reference: a "
	    "follow-up the officers see");
	T_INT(d.feedback, INTAKE_FB_NONE, "... no feedback: the case stays "
	    "resolved");
	T_OK(!d.proven, "... no proof");
	T_CONTAINS(d.why, "nothing shows the sender received our answer",
	    "... and the record says why");

	/* the legitimate paths */
	m = email("andi@yahoo.co.id", "Re: [KEL-2026-000002] Jawaban", "PUAS");
	m.in_reply_to = "KEL-2026-000002.resolution.dd@smkn1.sch.id";
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK,
	    "the complainant's reply to our resolution: feedback");
	T_INT(d.feedback, INTAKE_FB_SATISFIED, "... satisfied");
	m.in_reply_to = NULL;
	m.recipients = to_secret_b;
	m.nrecipients = 1;
	m.text = "TIDAK PUAS, masih rusak";
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK,
	    "to the case's complainant secret: feedback");
	T_INT(d.feedback, INTAKE_FB_DISSATISFIED, "... not satisfied");
	m.auth = INTAKE_AUTH_FAIL;
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "... unless the receiving server says From: is forged");
	T_CONTAINS(d.why, "forged", "... which the record says");
	m.auth = INTAKE_AUTH_NONE;
	m.sender = "tetangga@gmail.com";
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "someone the complainant shared the secret with: a follow-up");
	T_OK(!d.proven && d.feedback == INTAKE_FB_NONE, "... not feedback");
	m = email("stranger@evil.example", "x", "PUAS");
	m.recipients = to_token_b;
	m.nrecipients = 1;
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "the officers' token is no complainant secret");

	/* the trusted server's verdict on a new complaint */
	m = email("victim@example.org", "Akun", "isi");
	m.auth = INTAKE_AUTH_FAIL;
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE, "a forged sender's mail "
	    "is still a complaint");
	T_OK(!d.autoreply, "... but it is not acknowledged");
	m.auth = INTAKE_AUTH_PASS;
	decide(cf, &m, &d);
	T_OK(d.autoreply, "(a passing one is)");
	intake_decision_free(&d);
}

static void
test_status(const struct conf *cf)
{
	struct intake_decision d;
	struct intake_msg m;

	memset(&d, 0, sizeof d);
	m = email("siti@gmail.com", "Re: [KEL-2026-000001] Pengaduan Anda",
	    "Bagaimana status pengaduan saya?");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "the complainant asking the status: a follow-up");
	T_OK(d.status_query, "... answered with the status");
	m.sender = "stranger@evil.example";
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "anyone else asking: a new case");
	T_OK(!d.status_query, "... told nothing about the case");
	m = email("siti@gmail.com", "Re: [KEL-2026-000001]", "sudah sampai mana?");
	m.auth = INTAKE_AUTH_FAIL;
	decide(cf, &m, &d);
	T_OK(!d.status_query, "a forged complainant's question: no answer");
	m = sms("+6281200000001", 1, "CEK KEL-2026-000001");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP, "SMS CEK <ref> from the "
	    "case's number");
	T_OK(d.status_query, "... answered");
	m = sms("+6281200000009", 1, "STATUS KEL-2026-000001");
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE, "from another number: a new "
	    "case");
	T_OK(!d.status_query, "... no answer about the case");
	m = sms("+6281200000002", 1, "PUAS");
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK,
	    "SMS from the case's number awaiting feedback: feedback");
	T_OK(d.proven, "... the number is the identity");
	intake_decision_free(&d);
}

static void
test_status_words(void)
{
	static const char *const yes[] = {
		"Bagaimana status pengaduan saya?",
		"bagaimana statusnya pak?",
		"Pengaduan saya sudah sampai mana ya?",
		"sdh sampai mana pak",
		"Mohon info perkembangannya",
		"Sejauh mana tindak lanjutnya?",
		"Sudah ditindaklanjuti belum?",
		"Kok belum ada jawaban ya",
		"Any update on my complaint?",
		"any news?",
		"What is the status of my complaint?",
		"STATUS KEL-2026-000002",
		"cek KEL-2026-000002",
		"Status?",
	};
	static const char *const no[] = {
		"AC di kelas masih panas",
		"Tolong cek toilet lantai 2",
		"Status guru honorer kami belum jelas, mohon dibantu",
		"Terima kasih, sudah beres",
		"PUAS",
	};
	size_t i;
	char what[128];

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		snprintf(what, sizeof what, "a status question: \"%s\"",
		    yes[i]);
		T_OK(intake_is_status_query("Re: [KEL-2026-000002]", yes[i]),
		    what);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		snprintf(what, sizeof what, "not a status question: \"%s\"",
		    no[i]);
		T_OK(!intake_is_status_query("Re: [KEL-2026-000002] Status "
		    "pengaduan Anda", no[i]), what);
	}
	T_OK(intake_is_status_query("Status pengaduan KEL-2026-000002", ""),
	    "a subject starting with 'Status'");
}

static void
test_officers(const struct conf *cf)
{
	struct intake_decision d;
	struct intake_msg m;
	const char *to_token[] = {
	    "pengaduan+0123456789abcdef0123456789abcdef@smkn1.sch.id" };
	const char *to_evil[] = {
	    "pengaduan+0123456789abcdef0123456789abcdef@evil.example" };

	memset(&d, 0, sizeof d);
	m = email("Wakasek.Kurikulum@smkn1.sch.id", "Re: notification",
	    "Nilai sudah diperbaiki.");
	m.recipients = to_token;
	m.nrecipients = 1;
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_REPLY,
	    "officer reply with the case token");
	T_OK(d.authenticated, "... is authenticated");
	T_STR(d.officer->id, "wks-kurikulum", "... from that officer");
	T_INT(d.kase.id, 1, "... on the token's case");
	m.text = "#selesai Nilai sudah diperbaiki.\nTerima kasih.";
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_COMMAND, "#selesai is a command");
	T_INT(d.cmd, INTAKE_CMD_RESOLVE, "... to resolve");
	T_STR(d.cmd_text, "Nilai sudah diperbaiki.\nTerima kasih.",
	    "... with the text after it");
	m.text = "  #ALIHKAN wks-sarpras";
	decide(cf, &m, &d);
	T_INT(d.cmd, INTAKE_CMD_ASSIGN, "#alihkan (any case) assigns");
	T_STR(d.cmd_text, "wks-sarpras", "... to the named officer");
	m.text = "#frobnicate";
	decide(cf, &m, &d);
	T_INT(d.cmd, INTAKE_CMD_UNKNOWN, "unknown command recognised as such");
	m.text = "Sudah.";
	m.recipients = to_evil;
	m.subject = "Re: [KEL-2026-000001] Pengaduan baru";
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_NOTE,
	    "token at a foreign domain does not authenticate");
	T_INT(d.kase.id, 1, "... but the subject names the case");
	m.recipients = NULL;
	m.nrecipients = 0;
	m.in_reply_to = "KEL-2026-000001.notify.bb@smkn1.sch.id";
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_REPLY,
	    "reply to the notification sent to this officer authenticates");
	m = email("wakasek.kurikulum@smkn1.sch.id", "Re:", "#selesai done");
	m.in_reply_to = "KEL-2026-000002.notify.cc@smkn1.sch.id";
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_NOTE,
	    "reply to another officer's notification is only a note");
	T_INT(d.cmd, INTAKE_CMD_NONE, "... and its command is not run");
	m = email("wakasek.kurikulum@smkn1.sch.id", "Rapat besok", "Info rapat");
	T_INT(decide(cf, &m, &d), INTAKE_UNFILED,
	    "officer mail naming no case never opens one");
	m = email("wakasek.kurikulum@smkn1.sch.id", "Out of office", "Cuti");
	m.recipients = to_token;
	m.nrecipients = 1;
	m.flags = MIME_F_AUTO_SUBMITTED;
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "an officer's auto-reply never resolves a case");
	T_OK(!d.authenticated && d.cmd == INTAKE_CMD_NONE,
	    "... nor runs a command");
	intake_decision_free(&d);
}

static void
test_sms(const struct conf *cf)
{
	struct intake_decision d;
	struct intake_msg m;

	memset(&d, 0, sizeof d);
	m = sms("+6281234567002", 1, "KEL-2026-000001 SELESAI Sudah beres");
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_COMMAND,
	    "officer SMS with reference and command");
	T_INT(d.cmd, INTAKE_CMD_RESOLVE, "... resolve");
	T_STR(d.cmd_text, "Sudah beres", "... with its text");
	m.text = "selesai kel-2026-000001 ok";
	decide(cf, &m, &d);
	T_INT(d.cmd, INTAKE_CMD_RESOLVE, "command word first works too");
	T_STR(d.cmd_text, "ok", "... text without the reference");
	m.text = "KEL-2026-000001 BLAH x";
	decide(cf, &m, &d);
	T_INT(d.cmd, INTAKE_CMD_UNKNOWN, "unknown SMS command");
	m.text = "halo";
	T_INT(decide(cf, &m, &d), INTAKE_UNFILED,
	    "officer SMS naming no case never opens one");
	m = sms("+6281200000001", 1, "Tambahan untuk KEL-2026-000001");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "complainant SMS naming their case");
	m = sms("+6281200000009", 1, "Tentang KEL-2026-000001");
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "another number naming it opens a new case");
	m = sms("+6281200000002", 1, "PUAS");
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK,
	    "SMS while a case awaits feedback is feedback");
	T_INT(d.kase.id, 2, "... on that case");
	m = sms("+6281200000002", 1, "4");
	T_INT(decide(cf, &m, &d), INTAKE_FEEDBACK, "a bare score by SMS");
	T_OK(d.feedback == INTAKE_FB_SATISFIED && d.score == 4,
	    "... 4 of 4: satisfied");
	m = sms("+6281200000002", 1, "Terima kasih infonya");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "thanks without a verdict by SMS: a follow-up");
	m = sms("TELKOMSEL", 0, "Promo paket data");
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "alphanumeric sender is recorded as automatic");
	T_OK(!d.autoreply && d.kase.id == 0, "... on no case, never answered");
	m = sms("3636", 0, "KEL-2026-000001 selesai");
	T_INT(decide(cf, &m, &d), INTAKE_AUTOMATIC,
	    "a short code naming a case is automatic too");
	intake_decision_free(&d);
}

/* intake_parse_feedback() delegates to feedback_read() (its own test has
 * the large table); here only the mapping. */
static void
test_feedback_words(void)
{
	struct feedback fb;

	T_INT(intake_parse_feedback("Saya sangat puas", 4, NULL),
	    INTAKE_FB_SATISFIED, "sangat puas");
	T_INT(intake_parse_feedback("kurang puas dengan jawabannya", 4, NULL),
	    INTAKE_FB_DISSATISFIED, "kurang puas");
	T_INT(intake_parse_feedback("NOT SATISFIED at all", 4, NULL),
	    INTAKE_FB_DISSATISFIED, "not satisfied");
	T_INT(intake_parse_feedback("Satisfied, thanks", 4, NULL),
	    INTAKE_FB_SATISFIED, "satisfied");
	T_INT(intake_parse_feedback("kepuasan pelanggan", 4, NULL),
	    INTAKE_FB_UNCLEAR, "'puas' inside a word is not feedback");
	T_INT(intake_parse_feedback("4", 5, &fb), INTAKE_FB_SATISFIED,
	    "4 on a 1-5 scale");
	T_OK(fb.score == 4 && fb.scale == 5, "... the reading is returned");
	T_INT(intake_parse_command("Resolve"), INTAKE_CMD_RESOLVE,
	    "English command word");
	T_INT(intake_parse_command("tolak"), INTAKE_CMD_REJECT, "tolak");
	T_INT(intake_parse_command("TANYA"), INTAKE_CMD_ASK, "tanya: ask");
	T_INT(intake_parse_command("ask"), INTAKE_CMD_ASK, "ask");
}

/* Asking the complainant: the command by email and SMS; their answer by
 * SMS finds the waiting case; late feedback on a closed one. */
static void
test_waiting(const struct conf *cf)
{
	const char *to_token[] = {
	    "pengaduan+0123456789abcdef0123456789abcdef@smkn1.sch.id" };
	struct intake_decision d;
	struct intake_msg m;

	memset(&d, 0, sizeof d);
	m = email("wakasek.kurikulum@smkn1.sch.id", "Re:",
	    "#tanya Kelas berapa anak Ibu?\n\nSalam");
	m.recipients = to_token;
	m.nrecipients = 1;
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_COMMAND,
	    "#tanya is a command");
	T_INT(d.cmd, INTAKE_CMD_ASK, "... to ask the complainant");
	T_STR(d.cmd_text, "Kelas berapa anak Ibu?\n\nSalam",
	    "... the question");
	m.text = "#ask Which class?";
	decide(cf, &m, &d);
	T_INT(d.cmd, INTAKE_CMD_ASK, "#ask too");
	m = sms("+6281234567002", 1, "KEL-2026-000001 TANYA Kelas berapa?");
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_COMMAND, "SMS TANYA");
	T_INT(d.cmd, INTAKE_CMD_ASK, "... asks");
	T_STR(d.cmd_text, "Kelas berapa?", "... with the question");
	strcpy(cases[1].status, CASE_WAITING);
	m = sms("+6281200000002", 1, "Kelas XI TKJ 2, Bu");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "the complainant's SMS while a case waits on them: a follow-up");
	T_INT(d.kase.id, 2, "... of that case (it answers the question)");
	T_INT(d.feedback, INTAKE_FB_NONE, "... not feedback");
	strcpy(cases[1].status, CASE_CLOSED);
	m = sms("+6281200000002", 1, "Saya puas, terima kasih");
	T_INT(decide(cf, &m, &d), INTAKE_FOLLOWUP,
	    "feedback by SMS after the case closed without it");
	T_INT(d.feedback, INTAKE_FB_SATISFIED, "... carried as late feedback");
	T_INT(d.kase.id, 2, "... on that case");
	m = sms("+6281200000002", 1, "Mohon info jadwal ujian susulan");
	T_INT(decide(cf, &m, &d), INTAKE_NEW_CASE,
	    "anything else after the close is a new complaint");
	strcpy(cases[1].status, CASE_RESOLVED);
	intake_decision_free(&d);
}

/* Staff entry: "#baru" only at the officer's personal address (a forged
 * From: alone opens nothing), "BARU <number> <text>" from their number. */
static void
test_entry(const struct conf *cf)
{
	struct intake_decision d;
	struct intake_msg m;
	const char *personal[] = { "pengaduan+budipersonal0001@smkn1.sch.id" };
	const char *plain[] = { "pengaduan@smkn1.sch.id" };

	memset(&d, 0, sizeof d);
	m = email("wakasek.kurikulum@smkn1.sch.id", "Telepon orang tua",
	    "#baru\nNama: Ibu Sari\nHP: 0812 1111 2222\n\nNilai anak salah");
	m.recipients = personal;
	m.nrecipients = 1;
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_NEW,
	    "#baru at the officer's personal address is staff entry");
	T_INT(d.cmd, INTAKE_CMD_NEW, "... the command is new");
	T_OK(d.cmd_text != NULL && strstr(d.cmd_text, "Nama: Ibu Sari"),
	    "... with the labelled lines after it");
	m.auth = INTAKE_AUTH_FAIL;
	T_INT(decide(cf, &m, &d), INTAKE_UNFILED,
	    "#baru at the personal address, the server saying forged: unfiled");
	T_OK(strstr(d.why, "forged") != NULL, "... and says why");
	m.auth = INTAKE_AUTH_NONE;
	m.recipients = plain;
	T_INT(decide(cf, &m, &d), INTAKE_UNFILED,
	    "#baru to the plain intake address is unfiled (From: is a claim)");
	T_OK(strstr(d.why, "personal address") != NULL, "... and says why");
	m = email("wakasek.sarpras@smkn1.sch.id", "Telepon",
	    "#new\nName: Mr Smith\n\nBroken chair");
	m.recipients = personal;
	m.nrecipients = 1;
	T_INT(decide(cf, &m, &d), INTAKE_UNFILED,
	    "another officer's personal address does not do");
	m = email("wakasek.kurikulum@smkn1.sch.id", "Halo", "Apa kabar?");
	m.recipients = personal;
	T_INT(decide(cf, &m, &d), INTAKE_UNFILED,
	    "the personal address without #baru is unfiled");
	m = sms("+6281234567002", 1, "BARU 081299990000 Toilet lantai 2 "
	    "rusak, kata orang tua yang datang");
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_NEW,
	    "BARU by SMS from the officer's number is staff entry");
	T_STR(d.cmd_text, "081299990000 Toilet lantai 2 rusak, kata orang "
	    "tua yang datang", "... the number and the text follow");
	T_INT(intake_parse_command("alihkan"), INTAKE_CMD_ASSIGN,
	    "alihkan hands over");
	T_INT(intake_parse_command("TAMBAH"), INTAKE_CMD_ADD, "tambah adds");
	T_INT(intake_parse_command("sementara"), INTAKE_CMD_REPLY,
	    "sementara is the interim update");
	T_INT(intake_parse_command("koreksi"), INTAKE_CMD_CORRECT,
	    "koreksi corrects an answer");
	intake_decision_free(&d);
}

/* An approver's commands: #setuju / #kembalikan on a case; by SMS also
 * naming a draft, not a case: an officer command whose case the
 * pipeline finds; from anyone else's number nothing. */
static void
test_approval_words(const struct conf *cf)
{
	struct intake_decision d;
	struct intake_msg m;

	memset(&d, 0, sizeof d);
	T_INT(intake_parse_command("setuju"), INTAKE_CMD_APPROVE, "setuju");
	T_INT(intake_parse_command("SETUJUI"), INTAKE_CMD_APPROVE, "setujui");
	T_INT(intake_parse_command("approve"), INTAKE_CMD_APPROVE, "approve");
	T_INT(intake_parse_command("Kembalikan"), INTAKE_CMD_RETURN,
	    "kembalikan");
	T_INT(intake_parse_command("return"), INTAKE_CMD_RETURN, "return");
	m = sms("+6281234567002", 1, "SETUJU 12");
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_COMMAND,
	    "SETUJU <draft> from an officer's number: a command");
	T_INT(d.cmd, INTAKE_CMD_APPROVE, "... to approve");
	T_INT((long)d.kase.id, 0, "... on no case yet (the draft names it)");
	T_STR(d.cmd_text, "12", "... the draft's number follows");
	m = sms("+6281234567002", 1, "kembalikan 12 Sebutkan tanggalnya");
	T_INT(decide(cf, &m, &d), INTAKE_OFFICER_COMMAND,
	    "KEMBALIKAN <draft> <comment>");
	T_INT(d.cmd, INTAKE_CMD_RETURN, "... to return");
	T_STR(d.cmd_text, "12 Sebutkan tanggalnya", "... number and comment");
	m = sms("+6281299990000", 1, "SETUJU 12");
	T_OK(decide(cf, &m, &d) != INTAKE_OFFICER_COMMAND,
	    "SETUJU from a number that is no officer's: no command");
	m = sms("+6281234567002", 1, "PROSES 12");
	T_INT(decide(cf, &m, &d), INTAKE_UNFILED,
	    "another command naming no case is still unfiled");
	intake_decision_free(&d);
}

int
main(void)
{
	struct conf *cf = testconf_new(0), *cf_list = testconf_new(1);

	if (!T_OK(cf != NULL && cf_list != NULL, "the test configuration")) {
		return t_done();
	}
	fake_init();
	test_new_and_automatic(cf, cf_list);
	test_followups(cf);
	test_officers(cf);
	test_sms(cf);
	test_trust(cf);
	test_status(cf);
	test_status_words();
	test_waiting(cf);
	test_feedback_words();
	test_entry(cf);
	test_approval_words(cf);
	conf_free(cf);
	conf_free(cf_list);
	return t_done();
}
