/*
 * intake.h — what an inbound message is, decided without I/O (DESIGN §4).
 *
 * intake_decide() looks at a channel-neutral view of the message and asks
 * the caller's lookup functions (the store, or a fake in tests) about cases
 * and Message-IDs.  It decides, it does not act: the pipeline records the
 * message and queues replies according to the decision.
 *
 * Email, in this order:
 *  1. A delivery status notification is a bounce: never a case.
 *  2. Mail from a configured officer is never a new case.  It concerns the
 *     case named by the per-case token in the address it was sent to
 *     (local+TOKEN@domain, from the notification's Reply-To), by a
 *     Message-ID of ours it answers (never one a sender chose), or by a
 *     reference in its subject.  It is
 *     authenticated when the token matches or it answers a notification we
 *     sent to that very officer.  Authenticated: a "#command" line is
 *     executed, otherwise the text is the resolution for the complainant.
 *     Not authenticated (or the trusted server calls the address forged,
 *     rule 5): recorded on the case as a note, nothing more.  Naming no
 *     case: recorded unfiled.
 *  3. Automatic mail (Auto-Submitted, Precedence bulk/junk/list, List-Id,
 *     null sender, reports of any kind, our loop header, our own
 *     addresses) is recorded on the case it threads to, or unfiled —
 *     never answered.  With accept_list_mail, list and bulk mail open
 *     cases, still unanswered.
 *  4. A follow-up, found by what only we could have given the sender:
 *     a. the case's complainant secret in the address the mail was sent to
 *        (local+CSECRET@domain, the Reply-To of every mail we send the
 *        complainant — never the officers' token);
 *     b. In-Reply-To/References naming a Message-ID we generated and sent
 *        to this very address (the outbox row's recipient is the sender);
 *     or by what the case's complainant could claim, from the case's
 *     address (From: is a claim, so these are follow-ups and nothing more):
 *     c. a Message-ID of a message that same address sent us on the case;
 *     d. the case's reference in the subject.
 *     A Message-ID anyone else chose, or the complainant's own original
 *     (everyone in its Cc knows it) from another address, threads
 *     nothing: anyone else quoting a reference opens a new case.
 *  5. On a resolved case the follow-up is feedback when it says (not)
 *     satisfied (feedback.h reads it, a score on the configured scale
 *     included); an answer that says neither stays a follow-up, marked
 *     INTAKE_FB_UNCLEAR: nothing changes and the officers see it.  Such a
 *     state change needs proof that the sender is the complainant who
 *     received our mail: the secret (a) or a reply to our mail (b), from
 *     the case's address, and no failing Authentication-Results of the
 *     trusted server (authres.h).  Without proof the words "puas"/"tidak
 *     puas" are a follow-up the officers see (feedback INTAKE_FB_NONE).
 *     SMS: the number the network delivers is the identity, so an SMS from
 *     the case's number is proof enough.
 *  6. A status question of the case's complainant ("status", "sudah sampai
 *     mana", "any update?"; SMS "STATUS <ref>", "CEK <ref>") is a follow-up
 *     that is also answered automatically, to the case's own address or
 *     number.  Anyone else's is a new case like any other mail.
 *  7. Otherwise: a new case, acknowledged — unless it is list mail, the
 *     sender is a no-reply address, or the trusted server says the
 *     sender's address is forged (no acknowledgement to the victim of the
 *     forgery); noack says which.
 * Staff entry: an officer records a complaint that came by phone, letter,
 * in person or through the suggestion box by mailing "#baru" (or "#new")
 * with labelled lines to their personal address (local+TOKEN@domain, a
 * token per officer that only they are sent), or by SMS "BARU <number>
 * <text>" from their number.  The From address alone is a claim: "#baru"
 * without the personal token is recorded unfiled, never a case.
 * SMS: an officer's number sends "REF COMMAND text" commands; a
 * complainant's SMS follows up the case it names (if theirs) or the case
 * awaiting their feedback or their answer to our question (or, when it
 * is feedback, the case closed for lack of it: late feedback, recorded);
 * alphanumeric senders and short codes (operators' promotions) are
 * recorded as automatic: no case, no reply.  A follow-up on a closed case
 * carries its feedback, if it is feedback, for the record.
 */
#ifndef INTAKE_H
#define INTAKE_H

#include <stddef.h>

#include "casedef.h"
#include "conf.h"
#include "feedback.h"

enum intake_kind {
	INTAKE_NEW_CASE,
	INTAKE_FOLLOWUP,
	INTAKE_FEEDBACK,
	INTAKE_OFFICER_REPLY,	/* authenticated: the text is the resolution */
	INTAKE_OFFICER_COMMAND,	/* authenticated "#command" */
	INTAKE_OFFICER_NOTE,	/* on a case, not authenticated */
	INTAKE_AUTOMATIC,
	INTAKE_BOUNCE,
	INTAKE_UNFILED,
	INTAKE_OFFICER_NEW,	/* authenticated "#baru": staff entry */
};

enum intake_cmd {
	INTAKE_CMD_NONE,
	INTAKE_CMD_RESOLVE,	/* #selesai / #resolve  text */
	INTAKE_CMD_REJECT,	/* #tolak / #reject  text */
	INTAKE_CMD_ASSIGN,	/* #alihkan / #assign  officer-id */
	INTAKE_CMD_NOTE,	/* #catatan / #note  text (internal) */
	INTAKE_CMD_PROGRESS,	/* #proses / #progress  [text] (internal) */
	INTAKE_CMD_ASK,		/* #tanya / #ask  question to the complainant */
	INTAKE_CMD_UNKNOWN,	/* "#something" we do not know */
	INTAKE_CMD_CORRECT,	/* #koreksi / #correct  text */
	INTAKE_CMD_REPLY,	/* #sementara / #interim  text: interim
				   update, the case stays open */
	INTAKE_CMD_ADD,		/* #tambah / #add  officer-id */
	INTAKE_CMD_RECATEGORISE,	/* #kategori / #category  category */
	INTAKE_CMD_REOPEN,	/* #buka / #reopen */
	INTAKE_CMD_PRIORITY,	/* #prioritas / #priority  high|normal|low */
	INTAKE_CMD_CONFIDENTIAL,	/* #rahasia / #confidential  on|off */
	INTAKE_CMD_MERGE,	/* #gabung / #merge  REF (into that case) */
	INTAKE_CMD_CLOSE,	/* #tutup / #close  reason */
	INTAKE_CMD_NEW,		/* #baru / #new: a complaint staff took in */
	INTAKE_CMD_APPROVE,	/* #setuju / #approve [new text]: an
				   approver approves the case's draft; SMS
				   also "SETUJU <draft> [text]" */
	INTAKE_CMD_RETURN,	/* #kembalikan / #return comment: back to
				   the draft's author; SMS also
				   "KEMBALIKAN <draft> comment" */
	INTAKE_CMD_CPAR,	/* #lk / #cpar: a corrective action
				   (cparform.h); by SMS "LK-2026-001
				   SELESAI ..." */
	INTAKE_CMD_LANGUAGE,	/* #bahasa / #language  id|en: the
				   complainant's language */
};

enum intake_feedback {
	INTAKE_FB_NONE,		/* not an answer to "are you satisfied?" */
	INTAKE_FB_SATISFIED,
	INTAKE_FB_DISSATISFIED,
	INTAKE_FB_UNCLEAR,	/* on a resolved case, but neither */
};

/* What the trusted mail server said about From: (authres.h). */
enum intake_auth {
	INTAKE_AUTH_NONE,	/* nothing (no trusted server configured, no
				   field, no verdict) */
	INTAKE_AUTH_PASS,
	INTAKE_AUTH_FAIL,	/* forged: no state change, no reply */
};

/* A channel-neutral view of the message; everything borrowed. */
struct intake_msg {
	const char		*channel;	/* "email" | "sms" */
	const char		*source;
	const char		*sender;	/* lower-cased address, or E.164 /
						   the raw SMS sender; NULL */
	int			 sender_is_person;	/* SMS: an E.164 number */
	const char		*subject;
	const char		*text;		/* new text */
	const char		*in_reply_to;
	const char *const	*references;
	size_t			 nreferences;
	const char *const	*recipients;	/* To, Cc, Delivered-To... */
	size_t			 nrecipients;
	unsigned		 flags;		/* MIME_F_* */
	enum intake_auth	 auth;
};

/* Our mail that a Message-ID names: who it went to. */
struct intake_sent {
	char	recipient[256];
	char	officer[64];		/* "" when not to an officer */
	char	kind[32];		/* "ack", "resolution", ... */
};

/*
 * Lookups: 1 found (*c filled), 0 not found, -1 error (intake_decide then
 * fails with -1 so the caller can retry later).
 */
struct intake_lookup {
	void	*ctx;
	int	(*by_reference)(void *, const char *ref, struct case_brief *c);
	int	(*by_token)(void *, const char *token, struct case_brief *c);
	/* officer (64 bytes): the officer id when msgid is a message we sent
	 * to an officer, else "" */
	int	(*by_msgid)(void *, const char *msgid, struct case_brief *c,
		    char *officer);
	/* the sender's case that awaits their feedback (SMS) */
	int	(*awaiting_feedback)(void *, const char *sender,
		    struct case_brief *c);
	/* our mail with Message-ID msgid, on a case (only our own
	 * Message-IDs are looked up here) */
	int	(*sent)(void *, const char *msgid, struct case_brief *c,
		    struct intake_sent *s);
	/* a message we received with Message-ID msgid, on a case: the
	 * address it came from (sender: 256 bytes) */
	int	(*received)(void *, const char *msgid, struct case_brief *c,
		    char *sender);
	/* the case whose complainant was given this secret */
	int	(*by_secret)(void *, const char *secret, struct case_brief *c);
	/* the officer whose personal token it is (officer: 64 bytes) */
	int	(*officer_by_token)(void *, const char *token, char *officer);
};

struct intake_decision {
	enum intake_kind		 kind;
	struct case_brief		 kase;		/* .id 0: no case */
	const struct conf_officer	*officer;	/* the sending officer */
	int				 authenticated;
	enum intake_cmd			 cmd;
	char				*cmd_text;	/* text or argument;
							   caller frees */
	enum intake_feedback		 feedback;
	int				 score;		/* the complainant's
							   score; 0: none */
	int				 score_scale;	/* of score (4, 5...) */
	int				 autoreply;	/* may be answered
							   automatically */
	int				 proven;	/* the complainant showed
							   they got our mail: may
							   change the case */
	int				 status_query;	/* answer with the
							   case's status */
	const char			*noack;		/* a new case not
							   acknowledged: why */
	char				 why[256];	/* for the event log */
};

int	intake_decide(const struct conf *, const struct intake_msg *,
	    const struct intake_lookup *, struct intake_decision *);
void	intake_decision_free(struct intake_decision *);

/* The store's message kind for a decision ("complaint", "followup", ...). */
const char	*intake_kind_name(enum intake_kind);

/* Pure helpers, exposed for the tests and for complaintctl. */
enum intake_cmd		intake_parse_command(const char *word);
/* The verdict of a reply on a resolved case (never INTAKE_FB_NONE), read
 * by feedback_read() with scores on 1..scale; *fb (may be NULL) gets the
 * whole reading. */
enum intake_feedback	intake_parse_feedback(const char *text, int scale,
			    struct feedback *fb);
/* 1 when text (or the subject) asks how the case stands. */
int			intake_is_status_query(const char *subject,
			    const char *text);

#endif
