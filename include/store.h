/*
 * store.h — the database: everything the daemon's workers and complaintctl
 * keep, behind one contract with no SQLite type in it.
 *
 * Today's implementation is SQLite (src/store*.c are the only sqlite
 * users, one file per area: store_schema.c, store_case.c,
 * store_message.c, store_event.c, store_outbox.c, store_quarantine.c,
 * store_source.c, store_sms.c, and store.c for the handle).  One database
 * file in WAL mode is the only state shared by the worker processes and
 * complaintctl; each process opens its own handle.  The schema moves
 * forward by numbered migrations (PRAGMA user_version); foreign keys are
 * on; every statement is prepared once per handle with bound parameters.
 *
 * Writes happen between store_begin() and store_commit().  Intake records
 * a message with its case, party, attachments, events and outbox rows in
 * one such transaction.
 *
 * Errors: functions return 0 (or 1 = found for lookups) and -1 on failure,
 * after logging the error with context.  store_errkind() says what kind
 * the last failure was; store_temporary() whether it is worth retrying
 * later (locked, disk full: EX_TEMPFAIL, the message stays unread).
 *
 * Row callbacks receive pointers that are valid only during the call.  A
 * callback returning non-zero stops the iteration (the function returns 0).
 * Times are Unix seconds (UTC); text is UTF-8.
 *
 * A second backend (PostgreSQL, for an organisation that outgrows one
 * machine) is another implementation of this header, not a change to its
 * callers.  What they rely on, and so what it must guarantee:
 *  - Transactions take the write lock up front (SQLite's BEGIN IMMEDIATE):
 *    a busy database fails store_begin() with STORE_E_BUSY before anything
 *    is done, and once it succeeds no statement fails because another
 *    writer came in between.  Callers read and then write on what they
 *    read (a case's status, the reference counter, the outbox limits)
 *    inside one transaction: writers are serialised (in PostgreSQL, e.g.
 *    a transaction-scoped advisory lock taken in store_begin()).
 *  - Savepoints nest inside a transaction; rolling back to one undoes only
 *    what came after it and leaves the transaction usable.
 *  - Durability: when store_commit() returns, the commit survives a power
 *    loss (synchronous=FULL; synchronous_commit=on).  Intake only then
 *    acknowledges the source: \Seen/MOVE on the IMAP server, the SMS
 *    deleted from the modem, exit 0 to the MTA.  store_begin_light() is
 *    the one exception, for bookkeeping that only has to outlive a crash
 *    of the process.
 *  - The outbox claim: store_outbox_claim() marks due rows as the
 *    claimer's in one atomic step; a row is never claimed by two senders
 *    at once, whatever the number of processes (FOR UPDATE SKIP LOCKED).
 *  - References: a case's reference comes from a counter incremented in
 *    the case's own transaction, so a committed reference is never handed
 *    out again and a rolled-back one leaves no gap (not a sequence, which
 *    is not transactional).  Case tokens and our Message-IDs are unique.
 *  - Deduplication: at most one message per Message-ID, and per content
 *    hash among messages without one, enforced by the database across
 *    processes: a second insert fails with STORE_E_CONSTRAINT (unique
 *    indexes, partial for the hash).  This is what makes intake
 *    exactly-once when two workers or a restart read the same mail.
 *  - Party email addresses compare case-insensitively (ASCII).
 *
 * Long listings (cases, messages) are read in pages of STORE_PAGE rows,
 * each page its own read transaction, so that no listing holds the
 * write-ahead log for long (a reader pins it: it grows while writers go
 * on).  Between pages the pause function set with store_set_pause() is
 * called, with no transaction open: complaintctl writes its output there,
 * so a slow reader of it never keeps a read transaction open.
 */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "casedef.h"
#include "report.h"

struct store;

enum store_errkind {
	STORE_E_NONE = 0,
	STORE_E_BUSY,		/* locked by another process: retry later */
	STORE_E_FULL,		/* disk full or I/O error: retry later */
	STORE_E_CONSTRAINT,	/* a uniqueness or foreign key rule */
	STORE_E_OTHER,
	STORE_E_ARCHIVE,	/* an archive file missing, unreadable or
				   not what the database says (archive.h) */
};

#define STORE_SCHEMA_VERSION	15

/* Open (create, migrate) the database at path.  busy_ms: how long to wait
 * for another writer before STORE_E_BUSY. */
int	store_open(const char *path, int busy_ms, struct store **out);
/*
 * Open an existing database for reading only (store_ro.c): never creates
 * a file, never migrates, never writes; works for a user who may only
 * read the database's files.  -1 (logged) when it cannot: errno ENOENT
 * when there is no database at path.  Write functions on such a handle
 * fail.
 */
int	store_open_readonly(const char *path, int busy_ms,
	    struct store **out);
/* The schema version this program migrates to. */
int	store_schema_latest(void);
/* store_open() that migrates no further than schema version upto: for
 * the tests of the migrations, which need a database as an older
 * version left it. */
int	store_open_version(const char *path, int busy_ms, int upto,
	    struct store **out);
void	store_close(struct store *);
#define STORE_PAGE	256
void	store_set_pause(struct store *, void (*)(void *), void *);
/* Keep at most kib KiB of database pages in memory (SQLite's page cache;
 * 2 MB unless set).  A transaction larger than that spills its pages to
 * the write-ahead log before its commit, which stays atomic. */
void	store_cache_limit(struct store *, int kib);
/* Copy what the write-ahead log holds into the database now, as far as
 * readers allow (PASSIVE: never waits); for a worker going idle. */
void	store_checkpoint(struct store *);
enum store_errkind store_errkind(const struct store *);
/* 1 when the last failure is worth trying again later (the database was
 * locked, full or could not be written: STORE_E_BUSY, STORE_E_FULL); 0
 * when trying again would fail the same way. */
int	store_temporary(const struct store *);
const char	*store_errmsg(const struct store *);
int	store_schema_version(struct store *);

int	store_begin(struct store *);
/* The time the history (events, a case's assignments and updates) is
 * written at from now on: the timer engine's tick, so that `complaintctl
 * timers run --at T` writes T; 0: the system's again. */
void	store_set_now(struct store *, time_t);
/* A transaction whose commit survives a crash of this process but not
 * necessarily of the machine (WAL, synchronous=NORMAL: no fsync).  For
 * bookkeeping that only has to outlive a crash, such as attempt counts. */
int	store_begin_light(struct store *);
int	store_commit(struct store *);
void	store_rollback(struct store *);	/* no-op outside a transaction */

/* ---- intake lookups: 1 found (*out filled), 0 not found, -1 error ---- */

/* An inbound message already recorded: same Message-ID, or — when
 * external_id is NULL — the same content hash. */
int	store_message_seen(struct store *, const char *external_id,
	    const char *content_hash, int64_t *message_id);
/* The message recorded under Message-ID external_id, with its content
 * hash and sender ("" where none was kept). */
int	store_message_by_extid(struct store *, const char *external_id,
	    int64_t *message_id, char *hash, size_t hashlen, char *sender,
	    size_t senderlen);
int	store_case_by_id(struct store *, int64_t id, struct case_brief *out);
int	store_case_by_reference(struct store *, const char *ref,
	    struct case_brief *out);
int	store_case_by_token(struct store *, const char *token,
	    struct case_brief *out);
/* The case that a Message-ID we received or sent belongs to. */
int	store_case_by_msgid(struct store *, const char *msgid,
	    struct case_brief *out);
/* The case whose complainant was given this secret (their Reply-To). */
int	store_case_by_secret(struct store *, const char *secret,
	    struct case_brief *out);
/* Our mail with this Message-ID: who it went to.  Only the Message-IDs
 * we generate identify a message to the person it went to (intake.h). */
struct store_sent {
	int64_t	case_id;		/* 0: on no case */
	char	recipient[256];
	char	officer[64];		/* "" when not to an officer */
	char	kind[32];
};
int	store_outbox_sent(struct store *, const char *msgid,
	    struct store_sent *out);
/* A message we received with this Message-ID, filed on a case: the case
 * and the address it came from. */
int	store_message_sender(struct store *, const char *msgid,
	    int64_t *case_id, char *sender, size_t senderlen);
/* The newest case of the party with this address or number that awaits
 * them: resolved (their feedback) or waiting (their answer); else the
 * newest closed for lack of their feedback. */
int	store_case_awaiting_feedback(struct store *, const char *sender,
	    struct case_brief *out);
/* The outbox row that sent Message-ID msgid: its id, case (0 if none) and
 * officer (officer_len bytes, "" when it went to a complainant). */
int	store_outbox_by_msgid(struct store *, const char *msgid,
	    int64_t *outbox_id, int64_t *case_id, char *officer,
	    size_t officer_len);

/* ---- writes (inside a transaction) ---- */

/* Find the party by email or phone; create it when unknown; fill in a
 * missing name/email/phone on an existing one.  Neither email nor phone
 * (both NULL or ""): a new party no one can answer (an anonymous note),
 * never found again. */
int	store_party_get(struct store *, const char *email, const char *phone,
	    const char *name, int64_t *party_id);

struct store_case_new {
	const char	*ref_format;	/* ref.h */
	time_t		 received;	/* its local year numbers the case */
	const char	*channel;
	const char	*source;
	const char	*category;
	const char	*language;
	const char	*subject;
	const char	*summary;
	const char	*token;
	int64_t		 party_id;
	time_t		 due;		/* 0: none */
};
/* Create a case with the next reference (never reused).  ref gets the
 * reference (REF_MAX bytes). */
int	store_case_add(struct store *, const struct store_case_new *,
	    int64_t *case_id, char *ref, size_t reflen);
int	store_case_assign(struct store *, int64_t case_id, const char *officer);
/* The officers assigned to a case, ","-joined, in assignment order. */
int	store_case_officers(struct store *, int64_t case_id, char *out,
	    size_t outlen);
/* Set the status (one of case_statuses[]: anything else is refused,
 * STORE_E_CONSTRAINT); the matching timestamp (acknowledged_at,
 * resolved_at, closed_at) is set when still empty.  Whether the case is
 * open follows (case_status_open()).  The first response is the clock's
 * to record (store_case_clock_set). */
int	store_case_set_status(struct store *, int64_t case_id,
	    const char *status, time_t at);
int	store_case_set_resolution(struct store *, int64_t case_id,
	    const char *text);
/* "dissatisfied" also counts the case as reopened once more (the
 * recap's "reopened after dissatisfaction"). */
int	store_case_set_satisfaction(struct store *, int64_t case_id,
	    const char *satisfaction);
/* The complainant's score, score of 1..scale (the recap's scores). */
int	store_case_set_score(struct store *, int64_t case_id, int score,
	    int scale);
int	store_case_escalate(struct store *, int64_t case_id, int *level);

struct store_attachment_new {
	const char	*filename;
	const char	*content_type;
	size_t		 size;
	const char	*sha256;	/* hex, of data */
	const void	*data;		/* kept once per distinct sha256 */
};

struct store_message_new {
	int64_t		 case_id;	/* 0: not filed on a case */
	const char	*channel;	/* "email" | "sms" */
	const char	*source;	/* "imap:x", "ingest", "modem:x" */
	const char	*kind;		/* complaint, followup, feedback,
					   officer_reply, officer_note,
					   officer_command, automatic, bounce,
					   unfiled */
	const char	*external_id;	/* Message-ID; NULL if none */
	const char	*content_hash;	/* what the message says
					   (mime_content_hash(); SMS: sha256
					   of the raw bytes): the identity
					   of mail without a Message-ID,
					   and, with one, whether another
					   message reuses it */
	const char	*sender;
	const char	*sender_raw;	/* as received, when it differs
					   from sender (an SMS number
					   normalised); NULL otherwise */
	const char	*sender_name;
	const char	*recipients;	/* ", "-joined */
	const char	*subject;
	const char	*in_reply_to;
	const char	*references;	/* " "-joined */
	time_t		 date;
	time_t		 received;
	unsigned	 flags;		/* MIME_F_* */
	const char	*body;		/* new text */
	const char	*full_body;
	const void	*raw;
	size_t		 rawlen;
	const struct store_attachment_new *att;
	size_t		 natt;
};
int	store_message_add(struct store *, const struct store_message_new *,
	    int64_t *message_id);

/* case_id 0: an event not tied to a case (e.g. a quarantined message). */
int	store_event_add(struct store *, int64_t case_id, const char *actor,
	    const char *kind, const char *detail);

struct store_outbox_new {
	int64_t		 case_id;
	int64_t		 message_id;	/* the inbound message it answers; 0 */
	const char	*channel;	/* "email" | "sms" */
	const char	*kind;		/* ack, notify, resolution, ... */
	const char	*recipient;	/* address or E.164 */
	const char	*recipient_name;
	const char	*officer;	/* recipient officer id, or NULL */
	const char	*subject;
	const char	*body;
	const char	*body_html;	/* NULL: text only */
	/* email: everything sending needs is on the row when it is queued;
	 * the sender adds only From, Date and what the kind implies */
	const char	*rfc_message_id; /* our Message-ID: an email row
					   without one fails when sent */
	const char	*in_reply_to;
	const char	*references;
	const char	*reply_to;	/* email: where an answer goes (an
					   officer's: with the case's token) */
	int		 automatic;	/* counts against the per-recipient
					   auto-reply limits */
	const char	*status;	/* NULL: "queued"; "suppressed" */
	const char	*note;		/* last_error text, e.g. why suppressed */
	const char	*limit_key;	/* the recipient as the limits count it
					   (limit.h); NULL: lower-cased */
	const char	*limited_by;	/* the limit that suppressed it */
	const char	*digest;	/* a summary's lines; NULL */
	int		 digest_n;
	time_t		 not_before;	/* first attempt; 0: now */
};
int	store_outbox_add(struct store *, const struct store_outbox_new *,
	    int64_t *outbox_id);
/* Automatic rows to the recipient with limit key `key` (NULL: to anyone)
 * created since `since`, not suppressed; counted up to `upto` (the limit
 * it is compared with: the count costs no more). */
int	store_outbox_count_auto(struct store *, const char *key,
	    time_t since, int upto, int *count);
/* The officer's notifications (notify, followup) on channel sent one by
 * one (not held back) since `since`, counted up to `upto`. */
int	store_outbox_count_notify(struct store *, const char *officer,
	    const char *channel, time_t since, int upto, int *count);
/* The officer's summary on channel still queued and due at `due`: 1 with
 * its id, lines (*digest, caller frees) and their number; 0 none. */
int	store_outbox_summary_find(struct store *, const char *officer,
	    const char *channel, time_t due, int64_t *id, char **digest,
	    int *n);
/* A queued summary's new text and lines. */
int	store_outbox_summary_set(struct store *, int64_t id,
	    const char *subject, const char *body, const char *digest, int n);
/* What the limits held back since `since`, by limit (limited_by). */
typedef int (*store_limited_cb)(void *, const char *limit, int count);
int	store_outbox_limited(struct store *, time_t since, store_limited_cb,
	    void *);

int	store_quarantine_add(struct store *, const char *source,
	    const char *item, const char *reason, const void *raw, size_t len,
	    int64_t *quarantine_id);
/* Only the first len bytes of a message of original_size bytes (too
 * large to keep whole): it can be read, not reprocessed. */
int	store_quarantine_add_part(struct store *, const char *source,
	    const char *item, const char *reason, const void *raw, size_t len,
	    size_t original_size, int64_t *quarantine_id);
int	store_quarantine_set_status(struct store *, int64_t id,
	    const char *status, int64_t message_id);

/* ==== staff actions on a case (store_case_act.c) ==== */

/* Hand over: the case has no officer until the next store_case_assign(). */
int	store_case_unassign_all(struct store *, int64_t case_id);
int	store_case_set_category(struct store *, int64_t case_id,
	    const char *category);
/* priority: 1 high, 0 normal, -1 low */
int	store_case_set_priority(struct store *, int64_t case_id, int priority);
int	store_case_set_confidential(struct store *, int64_t case_id, int on);

/* ==== languages (store_lang.c) ==== */

/* The language remembered on a party into out: 1, or 0 when none is
 * (out ""), -1. */
int	store_party_language(struct store *, int64_t party_id, char *out,
	    size_t outlen);
int	store_party_set_language(struct store *, int64_t party_id,
	    const char *lang);
/* The language the case's complainant is written to from now on. */
int	store_case_set_language(struct store *, int64_t case_id,
	    const char *lang);
/* The first response reached the complainant at `at` (kept if earlier). */
int	store_case_first_response(struct store *, int64_t case_id, time_t at);
/* Case from was a duplicate of case into: its messages move there, its
 * complainant (and its contacts) become contacts of into, it points at
 * into.  The status is the caller's (casework). */
int	store_case_merge(struct store *, int64_t from, int64_t into);
/* The contacts of a case (other complainants, from merged duplicates),
 * each as a case_brief copy of c with the contact's party, address,
 * number, name and language (the one remembered for them; none: the
 * case's) (and no first_msgid: the case's first mail is not theirs); cb
 * returns non-zero to stop. */
typedef int (*store_contact_cb)(void *, const struct case_brief *);
int	store_case_contacts(struct store *, const struct case_brief *c,
	    store_contact_cb, void *);
/* An officer's personal token for entering complaints by email: the one
 * they have, or a new one (token: RND_TOKEN_LEN bytes). */
int	store_officer_token(struct store *, const char *officer, char *token,
	    size_t tokenlen);
/* The officer whose token it is: 1 (officer filled), 0 none, -1. */
int	store_officer_by_token(struct store *, const char *token,
	    char *officer, size_t officerlen);

/* ---- reading, for complaintctl (and later the recap) ---- */

struct store_stats {
	int	cases_since;		/* cases received since `since` */
	int	open_cases;
	int	outbox_queued;		/* queued or being sent */
	int	outbox_failed;		/* failed or dead */
	int	quarantine_held;
};
int	store_stats(struct store *, time_t since, struct store_stats *);

struct store_case_row {
	int64_t		 id;
	const char	*reference;
	const char	*status;
	const char	*channel;
	const char	*source;
	const char	*category;
	const char	*language;
	const char	*subject;
	const char	*summary;
	const char	*officers;	/* ","-joined ids */
	const char	*party_name;
	const char	*party_email;
	const char	*party_phone;
	const char	*resolution;
	const char	*satisfaction;
	int		 escalation_level;
	time_t		 received_at;
	time_t		 acknowledged_at;	/* 0: not yet */
	time_t		 first_response_at;
	time_t		 due_at;
	time_t		 resolved_at;
	time_t		 closed_at;
	time_t		 updated_at;
	/* the procedure clock (0 / NULL: not set) */
	time_t		 response_due_at;
	time_t		 resolve_due_at;
	time_t		 paused_at;	/* waiting on the complainant since */
	time_t		 next_action_at;
	const char	*next_action;	/* its kind (sla_kind_name) */
	int		 priority;	/* 1 high, 0 normal, -1 low */
	int		 confidential;
	const char	*merged_into;	/* the reference; NULL */
};

struct store_case_filter {
	const char	*status;	/* NULL: any; "open": every open status */
	const char	*category;
	const char	*officer;
	time_t		 since;		/* received at or after; 0: any */
	int		 limit;		/* 0: no limit */
	time_t		 due_before;	/* only cases whose running deadline
					   (due_at) is before this, soonest
					   first; 0: any */
};

typedef int (*store_case_cb)(void *, const struct store_case_row *);
/* Newest first. */
int	store_case_list(struct store *, const struct store_case_filter *,
	    store_case_cb, void *);
/* 1 found (cb called once), 0 not found, -1 error. */
int	store_case_get(struct store *, const char *ref, store_case_cb, void *);

struct store_message_row {
	int64_t		 id;
	int64_t		 case_id;
	const char	*channel;
	const char	*source;
	const char	*kind;
	const char	*external_id;
	const char	*sender;
	const char	*sender_name;
	const char	*recipients;
	const char	*subject;
	const char	*in_reply_to;
	const char	*references;
	time_t		 date;
	time_t		 received_at;
	unsigned	 flags;
	const char	*body;
	const char	*full_body;
	int		 nattachments;
	const char	*sender_raw;	/* NULL: as sender */
};
typedef int (*store_message_cb)(void *, const struct store_message_row *);
/* Oldest first.  case_id 0: the messages filed on no case. */
int	store_message_list(struct store *, int64_t case_id, int limit,
	    store_message_cb, void *);

struct store_attachment_row {
	int64_t		 id;
	int64_t		 message_id;
	const char	*filename;
	const char	*content_type;
	size_t		 size;
	const char	*sha256;
};
typedef int (*store_attachment_cb)(void *, const struct store_attachment_row *);
int	store_attachment_list(struct store *, int64_t message_id,
	    store_attachment_cb, void *);
/* An attachment's bytes: cb called once with them; 1, 0 none, -1. */
typedef void (*store_data_cb)(void *, const char *filename,
	    const char *content_type, const void *data, size_t len);
int	store_attachment_data(struct store *, int64_t attachment_id,
	    store_data_cb, void *);
/* A received message's bytes as they arrived, when it belongs to case_id:
 * cb called once (no filename, no type); 1, 0 none, -1. */
int	store_message_raw(struct store *, int64_t case_id, int64_t message_id,
	    store_data_cb, void *);

/* ==== retention (store_archive.c, archive.h) ==== */

/* Where archived bytes are read back from (retention.archive_dir); NULL
 * none.  Copied.  A read of an archived message or attachment (above)
 * with no directory, or a file missing or not matching, fails with
 * STORE_E_ARCHIVE and a message naming the file. */
void	store_set_archive_dir(struct store *, const char *dir);
/* Closed (or rejected) cases closed before cutoff not yet archived, the
 * oldest first, after (after_at, after_id) in that order, at most max;
 * the count, or -1. */
struct store_archive_case {
	int64_t	 id;
	int64_t	 closed_at;
	char	 reference[64];
};
int	store_archive_cases(struct store *, int64_t cutoff, int64_t after_at,
	    int64_t after_id, int max, struct store_archive_case *);
/* What a case has to archive: each message's raw bytes (kind 'M', id the
 * message), then each attachment's data (kind 'A', id 0, sha256 its key)
 * that no case still in the database's care (open, or closed at or after
 * cutoff) shares.  cb's bytes are borrowed; it returns non-zero to stop.
 * The number of items, or -1. */
typedef int (*store_archive_cb)(void *, char kind, int64_t id,
	    const char *sha256, const void *data, size_t len);
int	store_archive_items(struct store *, int64_t case_id, int64_t cutoff,
	    store_archive_cb, void *);
/* Inside a transaction: an item written to an archive file (at file,
 * offset, length; size and sha256 of the original) recorded and its
 * bytes emptied in the database; an item already recorded is left (1).
 * 0 recorded, 1 already, -1. */
int	store_archive_record(struct store *, char kind, int64_t id,
	    const char *file, int64_t offset, int64_t length, int64_t size,
	    const char *sha256);
/* Inside a transaction: the case's bytes are archived (at now). */
int	store_archive_case_done(struct store *, int64_t case_id, int64_t now);
/* Bytes archived so far: entries and their original and archived
 * sizes.  0 or -1. */
int	store_archive_totals(struct store *, int64_t *entries, int64_t *size,
	    int64_t *length);

struct store_event_row {
	int64_t		 id;
	int64_t		 case_id;
	time_t		 at;
	const char	*actor;
	const char	*kind;
	const char	*detail;
};
typedef int (*store_event_cb)(void *, const struct store_event_row *);
int	store_event_list(struct store *, int64_t case_id, store_event_cb,
	    void *);

struct store_outbox_row {
	int64_t		 id;
	int64_t		 case_id;
	const char	*reference;	/* of the case; NULL if none */
	int64_t		 message_id;
	const char	*channel;
	const char	*kind;
	const char	*recipient;
	const char	*recipient_name;
	const char	*officer;
	const char	*subject;
	const char	*body;
	const char	*body_html;
	const char	*rfc_message_id;
	const char	*in_reply_to;
	const char	*references;
	int		 automatic;
	const char	*status;
	int		 attempts;
	time_t		 next_attempt_at;
	const char	*last_error;
	time_t		 created_at;
	time_t		 sent_at;
	const char	*reply_to;	/* NULL: queued before rows had it */
	const char	*delivery;	/* an SMS's delivery report:
					   "delivered" or the network's
					   failure; NULL: none */
	time_t		 delivered_at;	/* 0: not reported delivered */
	const char	*claimed_by;	/* the sender sending it now */
	time_t		 claimed_at;
};
typedef int (*store_outbox_cb)(void *, const struct store_outbox_row *);
/* case_id 0 with status NULL: everything (newest first, limited). */
int	store_outbox_list(struct store *, int64_t case_id, const char *status,
	    int limit, store_outbox_cb, void *);
/* The outbox counted by channel and status. */
typedef int (*store_count_cb)(void *, const char *channel,
	    const char *status, int count);
int	store_outbox_counts(struct store *, store_count_cb, void *);

/* ---- delivery (store_outbox.c; see outbox.h for the rules) ---- */

/* keep: ",id,id," of claims not to release, or NULL; untried: the rows
 * were not tried, their claim's attempt is given back. */
int	store_outbox_release(struct store *, const char *channel,
	    const char *claimer, const char *keep, int untried, int *released);
/* Claim due rows (queued, next_attempt_at <= now) in one statement. */
int	store_outbox_claim(struct store *, const char *channel,
	    const char *claimer, time_t now, int max, store_outbox_cb,
	    void *arg, int *claimed);
/* One row by id (cb called once): 1 found, 0 not, -1 error. */
int	store_outbox_get(struct store *, int64_t id, store_outbox_cb, void *);
/* status: "sent", "queued" (retry at next), "failed", "dead". */
int	store_outbox_finish(struct store *, int64_t id, const char *status,
	    const char *detail, time_t next);
/* A claimed row that was not tried (the server could not be reached):
 * queued again, the claim's attempt given back; note (NULL: keep) is
 * what went wrong, for complaintctl. */
int	store_outbox_untried(struct store *, int64_t id, const char *note);
/* Compress the text of up to max mails sent before `before` (kept for
 * outbox show, read back unpacked by every statement): *packed of them,
 * 0 when none is left. */
int	store_outbox_pack_sent(struct store *, time_t before, int max,
	    int *packed);
/* Queue a row again by hand (complaintctl outbox retry), attempts reset:
 * 0, 1 if the row is not failed/dead/suppressed/queued, -1 error. */
int	store_outbox_requeue(struct store *, int64_t id);

/* The earliest next attempt of a queued row of channel: 1 (*when set), 0
 * when nothing is queued, -1 error.  One indexed lookup: cheap to poll. */
int	store_outbox_next_due(struct store *, const char *channel,
	    time_t *when);

struct store_quarantine_row {
	int64_t		 id;
	const char	*source;
	const char	*item;
	const char	*reason;
	const char	*status;	/* held, reprocessed, discarded */
	time_t		 created_at;
	const void	*raw;
	size_t		 size;
	int64_t		 message_id;
	size_t		 original_size;	/* > size: only a prefix is kept */
};
typedef int (*store_quarantine_cb)(void *, const struct store_quarantine_row *);
/* status NULL: all.  raw is NULL in listings (only store_quarantine_get
 * reads it). */
int	store_quarantine_list(struct store *, const char *status,
	    store_quarantine_cb, void *);
int	store_quarantine_get(struct store *, int64_t id, store_quarantine_cb,
	    void *);

/* ==== SMS (store_sms.c) and source status (store_source.c) ==== */

/* One part of a long SMS, waiting for its siblings (borrowed strings). */
struct store_sms_part {
	const char		*source;	/* "modem:<name>" */
	const char		*part_key;	/* smstext_part_key() */
	const char		*sender;	/* as the network gave it */
	int			 ref;		/* concatenation reference */
	int			 total;
	int			 seq;
	int			 ucs2;
	const char		*smsc;
	time_t			 sent;		/* SMSC time stamp; 0 */
	const unsigned char	*text;		/* UTF-16BE */
	size_t			 len;
	time_t			 received;	/* first seen */
};
/* Keep a part: 1 added, 0 already known (waiting, or taken in before). */
int	store_sms_part_add(struct store *, const struct store_sms_part *);

/* A set of parts (sender, ref, total) that is complete or has waited
 * since before `older`. */
struct store_sms_group {
	const char	*sender;
	int		 ref;
	int		 total;
	int		 nparts;	/* distinct parts held */
	time_t		 first;		/* when the first one arrived */
};
typedef int (*store_sms_group_cb)(void *, const struct store_sms_group *);
int	store_sms_groups(struct store *, const char *source, time_t older,
	    store_sms_group_cb, void *);
typedef int (*store_sms_part_cb)(void *, const struct store_sms_part *);
/* The waiting parts of one set, by seq. */
int	store_sms_group_parts(struct store *, const char *source,
	    const struct store_sms_group *, store_sms_part_cb, void *);
/* The set was taken in as message_id (0: quarantined). */
int	store_sms_group_done(struct store *, const char *source,
	    const struct store_sms_group *, int64_t message_id);
int	store_sms_waiting(struct store *, const char *source, int *parts);
/* Forget parts taken in before `before`. */
int	store_sms_purge(struct store *, time_t before);

/* The message reference of one sent part, for its delivery report. */
int	store_sms_sent_add(struct store *, int64_t outbox_id,
	    const char *source, const char *recipient, int part, int parts,
	    int mr);
/*
 * A delivery report (TP-Status, GSM 03.40: < 0x20 delivered, 0x20-0x3f
 * still trying, otherwise failed) for the newest part sent from source to
 * recipient with reference mr.  *outbox_id: the row (0 when no part
 * matches); *state: "delivered" once every part of the row is delivered,
 * "failed" when a part failed, "" otherwise.  The row's delivered_at,
 * delivery and (failed) status and last_error are updated here.
 */
int	store_sms_report(struct store *, const char *source,
	    const char *recipient, int mr, int status, int64_t *outbox_id,
	    int64_t *case_id, const char **state);

/* What a modem worker knows about its modem (complaintctl status). */
struct store_modem_state {
	const char	*source;
	const char	*device;
	const char	*manufacturer;
	const char	*model;
	const char	*imei;
	int		 signal;	/* percent; -1 unknown */
	const char	*registration;	/* "home network", "searching", ... */
	const char	*network;	/* "51010 Telkomsel" */
	int		 received;	/* messages taken in (counter) */
	int		 sent;		/* messages sent (counter) */
	int		 waiting_parts;
	time_t		 last_error_at;
	time_t		 checked_at;
	time_t		 updated_at;
};
/* Upsert the identity and health (counters untouched; NULL keeps). */
int	store_modem_state_set(struct store *, const struct store_modem_state *);
int	store_modem_count(struct store *, const char *source, int received,
	    int sent, int waiting_parts, int error);

/* source_state's status columns for a source ("modem:x", "imap:x",
 * "smtp"; store_source.c): error NULL keeps the last error; ok: the source
 * works (sets last_ok_at, ends an outage); an error begins an outage
 * (down_since, alerts.h) unless one goes on.  IMAP statuses are "connecting", "connected",
 * "error"; a modem's is a line beginning with "connected" or "error". */
int	store_source_status(struct store *, const char *source,
	    const char *status, const char *error, int ok);

struct store_source_row {
	const char	*source;
	const char	*status;
	const char	*last_error;
	time_t		 last_ok_at;
	time_t		 updated_at;
	time_t		 last_intake_at;	/* 0: nothing taken in yet */
	int64_t		 last_delay_ms;	/* delivery to commit; -1 unknown */
	const char	*warning;	/* NULL: none */
	time_t		 down_since;	/* 0: works; else since when it has
					   reported errors without working */
	time_t		 alerted_down;	/* the down_since of the outage the
					   administrators were told of; 0 */
};
typedef int (*store_source_cb)(void *, const struct store_source_row *);
int	store_source_list(struct store *, store_source_cb, void *);
/* Alerts (alerts.h), inside the transaction queueing the message.  told:
 * the outage that began at down_since was told (only if it is still the
 * source's outage and nobody told it yet); else its end was told (only
 * if it is over).  1 done, 0 someone else did it (or it changed), -1. */
int	store_source_alerted(struct store *, const char *source,
	    time_t down_since, int told);
typedef int (*store_modem_cb)(void *, const struct store_modem_state *);
/* 1 found (cb called), 0 not, -1 error. */
int	store_modem_state_get(struct store *, const char *source,
	    store_modem_cb, void *);
/* ==== IMAP intake (store_source.c, savepoints in store.c) ==== */

/*
 * Savepoints inside a transaction: one per message, so a message that
 * fails can be undone without losing the rest of the batch.  They nest
 * like a stack; rollback_to undoes the newest one and releases it.
 */
int	store_savepoint(struct store *);
int	store_savepoint_release(struct store *);
int	store_savepoint_rollback(struct store *);

/* Where intake of a source stands: 1 found, 0 none yet, -1 error. */
int	store_source_position(struct store *, const char *source,
	    int64_t *uidvalidity, int64_t *last_uid);
/* Inside the transaction that records the messages up to last_uid; also
 * sets last_ok_at. */
int	store_source_set_position(struct store *, const char *source,
	    int64_t uidvalidity, int64_t last_uid);
/* Inside the intake transaction: when the last message was taken in and
 * how long after its delivery (-1: unknown). */
int	store_source_intake(struct store *, const char *source, time_t at,
	    int64_t delay_ms);
/* A warning while intake works but something else does not (NULL: none
 * any more). */
int	store_source_warning(struct store *, const char *source,
	    const char *warning);
/* Attempts at processing one item of a source (a message that crashes
 * the worker is recognised by its count); alone: the item was tried by
 * itself.  Items are the source's own keys, e.g. "<uidvalidity>/<uid>". */
int	store_attempt_add(struct store *, const char *source, const char *item,
	    const char *note, int alone);
/* Take one attempt back (it failed for reasons not the item's). */
int	store_attempt_undo(struct store *, const char *source, const char *item,
	    int alone);
int	store_attempt_clear(struct store *, const char *source,
	    const char *item);
/* Drop the source's attempts whose item does not start with keep. */
int	store_attempt_forget(struct store *, const char *source,
	    const char *keep);
/* alone: of the attempts, those made alone; note: the last failure noted
 * for the item (NULL: none, e.g. a crash). */
typedef int (*store_attempt_cb)(void *, const char *item, int attempts,
	    int alone, const char *note);
int	store_attempt_list(struct store *, const char *source,
	    store_attempt_cb, void *);
/* 1 if a quarantine row holds this item of this source, 0 if not, -1. */
int	store_quarantine_find(struct store *, const char *source,
	    const char *item);

/* ==== end IMAP intake ==== */

/* ==== the procedure clock (sla.h; store_case.c, store_timer.c) ==== */

/*
 * A case's clock: what sla.h's struct sla_case is made of, and what it
 * derives.  Times are 0 when unset.  status, category, received_at and
 * resolved_at are the case's own (read here, written by the steps that
 * change them).
 */
struct store_clock {
	int64_t	 case_id;
	char	 status[16];
	char	 category[64];
	time_t	 received_at;
	time_t	 resolved_at;
	int	 round;
	time_t	 started_at;		/* 0: never started (a case older
					   than the clock) */
	time_t	 first_response_at;
	time_t	 response_due_at;
	time_t	 resolve_due_at;
	time_t	 paused_at;
	int64_t	 paused_secs;
	int	 level;			/* escalation_level */
	time_t	 level_at;
	/* derived by the clock, stored with the rest */
	time_t	 due_at;		/* the deadline running now */
	time_t	 next_action_at;	/* 0: nothing scheduled */
	char	 next_action[24];	/* its kind */
};
/* 1 found, 0 no such case, -1. */
int	store_case_clock_get(struct store *, int64_t case_id,
	    struct store_clock *);
/* Every clock column of c->case_id (not the case's own, above). */
int	store_case_clock_set(struct store *, const struct store_clock *);
/*
 * The cases whose next action is due at now, in the order of that time,
 * from after (at, id) on (keyset: a tick sees each case once): at most
 * max ids (and their next_action_at) in ids/ats, *n of them.  One range
 * of the index of scheduled actions.
 */
int	store_case_clock_due(struct store *, time_t now, time_t after_at,
	    int64_t after_id, int64_t *ids, time_t *ats, int max, int *n);
/* The cases a clock may run for (open, or resolved: awaiting feedback),
 * by id after `after`: at most max in ids, *n of them. */
int	store_case_clock_live(struct store *, int64_t after, int64_t *ids,
	    int max, int *n);
/* Open cases, and those of them overdue at now (due_at <= now): two
 * indexed counts. */
int	store_case_counts(struct store *, time_t now, int *open,
	    int *overdue);
/* The cases with a next action, soonest first (`complaintctl timers
 * list`); limit 0: all. */
int	store_case_scheduled(struct store *, int limit, store_case_cb,
	    void *);
/*
 * What the clock fired (timer_fired): one row per action, keyed
 * (subject kind, subject id, kind, seq), written in the transaction that
 * carries the action out.  1 when recorded now, 0 when that key had
 * fired already (the action must not happen again), -1.
 */
int	store_timer_fire(struct store *, const char *subject_kind,
	    int64_t subject_id, const char *kind, int64_t seq, time_t due_at,
	    time_t fired_at);
/* The keys fired for a subject whose seq is at least min_seq, or whose
 * kind is always_kind (NULL: none) whatever its seq. */
typedef int (*store_timer_key_cb)(void *, const char *kind, int64_t seq);
int	store_timer_fired(struct store *, const char *subject_kind,
	    int64_t subject_id, int64_t min_seq, const char *always_kind,
	    store_timer_key_cb, void *);
/* The digest of the configuration the clock last worked out its times
 * with: 1 (digest filled), 0 none yet, -1; and setting it. */
int	store_clock_config(struct store *, char *digest, size_t len);
int	store_clock_config_set(struct store *, const char *digest);

/* ==== the recap (store_report.c), schedules (store_schedule.c) and files
 * attached to outgoing mail (store_outbox_att.c) ==== */

/* The cases of a report: received in [from, to), and matching each filter
 * that is not NULL (category, channel, an officer assigned). */
struct store_report_filter {
	time_t		 from;
	time_t		 to;
	const char	*category;
	const char	*channel;
	const char	*officer;
};

/* Each case's times and outcome (report.h's row), in no order; read from
 * the index that covers them (complaint_report): no case row is read. */
typedef int (*store_report_row_cb)(void *, const struct report_row *);
int	store_report_cases(struct store *, const struct store_report_filter *,
	    store_report_row_cb, void *);
/* The list of the paper recap, oldest first, merged cases left out, at
 * most limit (0: none). */
typedef int (*store_report_item_cb)(void *, const struct report_item *);
int	store_report_list(struct store *, const struct store_report_filter *,
	    int limit, store_report_item_cb, void *);

/*
 * The corrective actions of a report's period, at as_of (store_cpar.h's
 * records): opened = created in [from, to); of those, done = marked done
 * by as_of (even if later found not effective), verified = verified
 * effective by as_of, not_effective = found not effective at least once
 * by as_of; overdue = created by as_of, neither done nor verified then,
 * due before it; open = created by as_of and not verified effective then.
 * The filters apply through the cases each is linked to (one of them).
 */
struct store_report_cpar {
	int	opened;
	int	done;
	int	verified;
	int	not_effective;
	int	overdue;
	int	open;
};
int	store_report_cpar(struct store *, const struct store_report_filter *,
	    time_t as_of, struct store_report_cpar *);

/* One case for `complaintctl export` (borrowed strings). */
struct store_export_row {
	const char	*reference;
	const char	*status;
	const char	*channel;
	const char	*source;
	const char	*category;
	int		 priority;
	int		 confidential;
	const char	*party_name;
	const char	*party_email;
	const char	*party_phone;
	const char	*subject;
	const char	*summary;
	const char	*resolution;
	const char	*officers;	/* ","-joined */
	const char	*satisfaction;
	int		 score, scale;
	int		 escalation_level;
	int		 reopened;
	time_t		 received_at;
	time_t		 first_response_at;
	time_t		 resolved_at;
	time_t		 closed_at;
	time_t		 response_due_at;
	time_t		 resolve_due_at;
};
typedef int (*store_export_cb)(void *, const struct store_export_row *);
/* Every case received in the filter's period, oldest first. */
int	store_export_cases(struct store *, const struct store_report_filter *,
	    store_export_cb, void *);

/* An open case of an officer, for their digest (borrowed strings). */
struct store_digest_row {
	const char	*officer;
	const char	*reference;
	const char	*status;
	const char	*subject;
	time_t		 received_at;
	time_t		 due_at;	/* the running deadline; 0: none */
	int		 confidential;
	const char	*party_name;	/* the complainant's; NULL: none */
	const char	*party_email;
	const char	*party_phone;
};
typedef int (*store_digest_cb)(void *, const struct store_digest_row *);
/* Every open case with each officer assigned to it, by officer, then the
 * soonest deadline first: one pass over the open cases. */
int	store_digest_cases(struct store *, store_digest_cb, void *);

/* A schedule's row (schedule.h): its id (the timer engine's subject id),
 * the digest of the settings its next occurrence was worked out with,
 * and that occurrence (0: none). */
struct store_schedule {
	int64_t	 id;
	char	 name[64];
	char	 spec[65];
	time_t	 next_action_at;
};
/* 1 found, 0 none, -1. */
int	store_schedule_get(struct store *, const char *name,
	    struct store_schedule *);
/* Add (id set) or update the row of s->name. */
int	store_schedule_put(struct store *, struct store_schedule *);
typedef int (*store_schedule_cb)(void *, const struct store_schedule *);
int	store_schedule_list(struct store *, store_schedule_cb, void *);

/* A file attached to an outgoing mail, kept with its row. */
int	store_outbox_attach(struct store *, int64_t outbox_id,
	    const char *filename, const char *content_type, const void *data,
	    size_t len);
/* The files of a row, in the order attached; cb as store_data_cb. */
int	store_outbox_attachments(struct store *, int64_t outbox_id,
	    store_data_cb, void *);

/* ==== approval (store_draft.c): answers waiting for an approver ==== */

/* A draft with its latest version.  text: from store_draft_get() and
 * store_draft_pending() the caller frees it; in a listing's callback it
 * is borrowed. */
struct store_draft {
	int64_t	 id;
	int64_t	 case_id;
	char	 reference[64];
	char	 action[16];		/* case_action_name(): "resolve", ... */
	char	 author[96];		/* "officer:<id>", "admin:<login>" */
	char	 status[12];		/* pending|approved|returned|replaced */
	int64_t	 message_id;		/* the inbound message; 0 */
	int64_t	 created_at;
	int64_t	 decided_at;		/* 0: pending */
	char	 decided_by[96];
	char	 comment[512];		/* returned: the approver's */
	int	 version;		/* the latest's number (1, 2, ...) */
	char	 version_by[96];	/* who wrote the latest */
	char	*text;			/* the latest */
};
struct store_draft_version {
	int		 version;
	const char	*text;
	const char	*written_by;
	int64_t		 written_at;
};
/* A new pending draft, its text version 1 by its author. */
int	store_draft_add(struct store *, int64_t case_id, const char *action,
	    const char *author, int64_t message_id, const char *text,
	    time_t now, int64_t *id);
/* A new version of the text (an approver's edit): *version its number. */
int	store_draft_version_add(struct store *, int64_t id, const char *text,
	    const char *by, time_t now, int *version);
/* 1 found, 0 none, -1. */
int	store_draft_get(struct store *, int64_t id, struct store_draft *);
int	store_draft_pending(struct store *, int64_t case_id,
	    struct store_draft *);
/* Decide a pending draft: status approved|returned|replaced. */
int	store_draft_decide(struct store *, int64_t id, const char *status,
	    const char *by, const char *comment, time_t now);
/* Drafts of a case (case_id 0: every case), oldest first; pending: only
 * those waiting. */
typedef int (*store_draft_cb)(void *, const struct store_draft *);
int	store_draft_list(struct store *, int64_t case_id, int pending,
	    store_draft_cb, void *);
typedef int (*store_draft_version_cb)(void *,
	    const struct store_draft_version *);
int	store_draft_versions(struct store *, int64_t id,
	    store_draft_version_cb, void *);

#endif
