/*
 * conf.h — the configuration: one read-only struct that every module looks
 * things up in (conf.c: pure, no libconfig).  conf_load.h fills it from
 * the file; pure modules and their tests depend on this header alone.
 *
 * The reader has checked it and applied the defaults, so users of the
 * struct never see a missing value where a default exists, and every
 * reference between entries (officers, categories, rules) resolves.
 *
 * Everything in struct conf is owned by it and freed by conf_free().
 */
#ifndef CONF_H
#define CONF_H

#include <stddef.h>

enum conf_tls {
	CONF_TLS_IMPLICIT,	/* "implicit": TLS from the first byte (993/465) */
	CONF_TLS_STARTTLS,	/* "starttls": upgrade required, never plaintext */
	CONF_TLS_NONE,		/* "none": plaintext, only when said explicitly */
};

/* Channels an officer is notified on (bit mask). */
#define CONF_NOTIFY_EMAIL	0x1
#define CONF_NOTIFY_SMS		0x2

struct conf_imap {
	char		*name;		/* unique; the source is "imap:<name>" */
	char		*host;
	int		 port;		/* default 993 (implicit) or 143 */
	enum conf_tls	 tls;		/* default implicit */
	char		*ca_file;	/* NULL: the system trust store */
	char		*user;
	char		*password_file;
	char		*mailbox;	/* default "INBOX" */
	char		*processed_folder;	/* default "Processed" */
	char		*quarantine_folder;	/* default "Quarantine" */
	int		 idle;		/* use IDLE when offered; default 1 */
	int		 poll_interval;	/* seconds without IDLE; default 60 */
	int		 timeout;	/* seconds per network call; default 30 */
	char		*address;	/* this mailbox's address, e.g.
					   "pengaduan@smkn1.sch.id"; NULL:
					   the user name when it has an "@" */
	int		 line;
};

struct conf_smtp {
	char		*url;		/* "smtps://host:465" or "smtp://host:587" */
	enum conf_tls	 tls;		/* derived from the URL scheme unless
					   tls = "none" is given; credentials
					   with "none" are refused */
	char		*ca_file;	/* NULL: the system trust store */
	char		*user;		/* NULL: no AUTH */
	char		*password_file;
	char		*from;		/* our address, envelope and From */
	char		*from_name;	/* display name; default org name */
	char		*reply_to;	/* where replies come back (an intake
					   mailbox); default from.  Officer
					   notifications use local+TOKEN@domain */
	char		*helo;		/* EHLO name; default org domain */
	int		 timeout;	/* seconds; default 60 */
	int		 line;
};

struct conf_modem {
	char		*name;		/* unique; the source is "modem:<name>" */
	char		*device;	/* /dev/serial/by-id/..., a directory for
					   the dummy driver, or a command for
					   proxyat */
	char		*connection;	/* gammu connection; default "at" */
	char		*model;		/* gammu model; default "" (auto) */
	char		*pin_file;	/* NULL: no PIN */
	char		*smsc;		/* NULL: the SIM's SMSC */
	int		 poll_interval;	/* seconds; default 10 */
	int		 multipart_timeout;	/* seconds to wait for missing
						   parts; default 600 */
	int		 timeout;	/* seconds the modem has to answer one
					   command; default 30 */
	int		 line;
};

struct conf_officer {
	char		*id;		/* unique, [a-z0-9_-]+ */
	char		*name;
	char		*role;		/* e.g. "Wakil Kepala Sekolah Bidang Kurikulum" */
	char		*email;		/* lower-cased; NULL if none */
	char		*phone;		/* E.164; NULL if none */
	unsigned	 notify;	/* CONF_NOTIFY_*; default: every channel
					   the officer has an address for */
	char		*escalate_to;	/* officer id (validated) or NULL */
	char		*language;	/* NULL: the global language */
	char		*unix_user;	/* the login complaintctl attributes
					   to this officer; NULL: none */
	int		 coordinator;	/* may act on every case and take the
					   staff-wide actions (assign others'
					   cases, merge, re-categorise);
					   default 0 */
	int		 line;
};

/* What an officer's reply without a command is (intake.plain_reply,
 * categories' plain_reply). */
#define CONF_PLAIN_ASSIGNED	"assigned"	/* the answer from an officer
						   assigned to the case who
						   wrote to nobody else; else
						   a note (default) */
#define CONF_PLAIN_ANSWER	"answer"	/* the answer, from any officer
						   who may act on the case */
#define CONF_PLAIN_NOTE		"note"		/* always an internal note */

struct conf_category {
	char		*id;		/* unique, [a-z0-9_-]+ */
	char		*name;		/* for people, e.g. "Akademik" */
	char		**officers;	/* officer ids, validated, >= 1 */
	size_t		 nofficers;
	int		 response_hours;	/* working hours to first
						   response; 0: sla default */
	int		 resolve_days;		/* working days to resolution;
						   0: sla default */
	char		*plain_reply;		/* CONF_PLAIN_*; NULL: the
						   global one */
	char		**approvers;		/* officer ids (validated) who
						   approve its answers; none:
						   approval.approvers */
	size_t		 napprovers;
	int		 cpar_required;		/* a corrective action for every
						   case, opened with it (cpar.h);
						   default 0 */
	int		 line;
};

/*
 * Approval of answers before they reach the complainant (approval.h has
 * the rule): the organisation's approvers, used by every category that
 * names none of its own.
 */
struct conf_approval {
	char		**approvers;	/* officer ids (validated); none: no
					   approval unless a category names
					   its own */
	size_t		 napprovers;
	int		 self_approve;	/* an approver's own answer goes out
					   without a second approver; default
					   0 */
	int		 remind_hours;	/* working hours a draft waits before
					   its approvers are reminded (again
					   every as many); default 4; 0: no
					   reminders */
	int		 line;
};

/*
 * A routing rule matches when every criterion it has holds: one of its
 * keywords appears (case-insensitive, as a whole word or phrase) in the
 * subject or text, the sender's domain is one of its domains, the message
 * came from its source ("imap:<name>", "modem:<name>", "email" or "sms").
 * Rules are tried in order, against the subject alone first and then
 * against subject and text; the first match decides.  No match: the
 * default category.
 */
struct conf_rule {
	char		*category;	/* validated */
	char		**keywords;	/* lower-cased */
	size_t		 nkeywords;
	char		**domains;	/* lower-cased */
	size_t		 ndomains;
	char		*source;	/* NULL: any */
	int		 line;
};

struct conf_sla {
	unsigned	 workdays;	/* bit 0 = Sunday ... bit 6 = Saturday;
					   default Monday-Friday */
	int		 day_start;	/* minutes after midnight; default 7:00 */
	int		 day_end;	/* default 15:00 */
	char		**holidays;	/* "YYYY-MM-DD", sorted */
	size_t		 nholidays;
	int		 response_hours;	/* default 24 */
	int		 resolve_days;		/* default 5 */
	int		 feedback_days;	/* resolved -> closed without answer;
					   default 7; 0: never */
	int		 feedback_reminder;	/* remind the complainant
						   halfway; default 1 */
	int		 remind_hours;	/* working hours before a due time the
					   officers are reminded; default 4;
					   0: no reminders */
	int		 escalate_hours;	/* unmet this long after the
						   last escalation: one more
						   level; default 8; 0: one
						   level per missed due time */
	int		 wait_days;	/* working days a question to the
					   complainant waits for the answer
					   before the case is closed; default
					   10; 0: for ever */
	int		 catch_up_days;	/* a clock action due longer ago is
					   carried out without its messages
					   (timers.h); default 7; 0: always
					   with them */
	int		 line;
};

struct conf_limits {
	int		 autoreply_per_hour;	/* per recipient; default 10 */
	int		 autoreply_per_day;	/* default 30 */
	size_t		 max_message_size;	/* bytes; default 25 MiB */
	int		 max_attempts;		/* before a message is
						   quarantined; default 3 */
	int		 send_attempts;		/* outbox retries before the row
						   is dead; default 10 */
	int		 retry_delay;	/* seconds before the first retry of a
					   failed send; doubles each time, at
					   most 4 h; default 60 */
	int		 worker_silence;	/* seconds without a heartbeat
						   before a worker is killed and
						   restarted; default 120 */
	/* amplification (README "What a forger can and cannot do") */
	int		 autoreply_total_per_hour;	/* automatic replies to
							   anyone; default 100 */
	int		 autoreply_total_per_day;	/* default 500 */
	int		 notify_per_hour;	/* notifications of new cases and
						   follow-ups per officer and
						   channel, then one summary;
						   default 20 */
	char		**sms_reply_prefixes;	/* automatic SMS only to
						   numbers starting so (E.164
						   "+62..."); default "+" and
						   phone_country */
	size_t		 nsms_reply_prefixes;
	int		 echo_chars;	/* how much of a sender's name and
					   subject replies to them repeat
					   (links taken out); default 60 */
	int		 notify_excerpt;	/* characters of the complaint
						   in a notification; default
						   2000 */
};

/*
 * The organisation's standards the recap measures itself against
 * (report.h has the definitions).  0: that indicator is not set.
 */
struct conf_indicator_cat {
	char		*category;	/* validated */
	int		 max_per_month;
	int		 line;
};

struct conf_indicators {
	int		 first_response_hours;	/* working hours */
	int		 resolve_days;		/* working days */
	int		 on_time_percent;	/* target share of the two
						   above; default 90 */
	int		 max_per_month;		/* complaints received */
	int		 min_satisfied_percent;
	struct conf_indicator_cat *categories;	/* max_per_month of one */
	size_t		 ncategories;
	int		 line;			/* 0: no section */
};

/*
 * Scheduled messages to officers on the timer engine (schedule.h has the
 * rules of occurrences): the recap of a period, each officer's digest of
 * their open and overdue cases, a plain reminder.
 */
enum conf_sched_kind {
	CONF_SCHED_RECAP,
	CONF_SCHED_DIGEST,
	CONF_SCHED_REMINDER,
};

enum conf_sched_unit {
	CONF_EVERY_DAY,		/* every day */
	CONF_EVERY_WORKDAY,	/* every working day of the calendar */
	CONF_EVERY_WEEK,	/* every n weeks on weekday */
	CONF_EVERY_MONTH,	/* every n months on monthday */
};

struct conf_schedule {
	char			*name;		/* unique, [a-z0-9_-]+ */
	enum conf_sched_kind	 kind;
	enum conf_sched_unit	 unit;
	int			 every;		/* n weeks or months; 1 */
	int			 weekday;	/* 0 Sunday ... 6; default
						   Monday */
	int			 monthday;	/* 1-28; default 1 */
	int			 at;		/* minutes after midnight;
						   default 08:00 */
	char			*start;		/* "YYYY-MM-DD": which weeks
						   or months count; NULL: from
						   1970-01-05 / January */
	char			**to;		/* officer ids (validated);
						   digest: none = everyone */
	size_t			 nto;
	char			*text;		/* reminder: what it says */
	char			*period;	/* recap: report.h's name;
						   default from every */
	char			*language;	/* NULL: each officer's */
	int			 line;
};

/* Telling administrators that a channel stopped working (alerts.h). */
struct conf_alerts {
	char		**to;		/* officer ids (validated); none: no
					   alerts */
	size_t		  nto;
	int		  after_minutes;	/* down this long before they
						   are told; default 15 */
	int		  line;
};

/* Retention (archive.h): the raw bytes of closed cases' messages and their
 * attachments' data moved out of the database into compressed archive
 * files once the case has been closed this long.  No retention group:
 * nothing is archived (and nothing is ever deleted). */
struct conf_retention {
	int		  archive_after_years;	/* 1..100; 0: no archival */
	char		 *archive_dir;		/* absolute; NULL: none */
	int		  line;
};

/*
 * Confidential complainants (privacy.h): a case is confidential when staff
 * mark it so or when the complainant's message asks in one of the
 * phrases.  Its complainant's name, address and number are then kept
 * from officers (notifications, complaintctl show and list) and from
 * reports; the viewers may see them (complaintctl show --reveal), each
 * look recorded.
 */
struct conf_confidential {
	char		**phrases;	/* lower case; default
					   privacy_default_phrases */
	size_t		  nphrases;
	char		**viewers;	/* officer ids (validated); none:
					   nobody */
	size_t		  nviewers;
	int		  line;		/* 0: no section */
};

#define CONF_CPAR_DEFAULT_FORMAT	"LK-{year}-{seq:3}"

struct conf {
	char		 digest[65];		/* SHA-256 of the file's bytes */
	char		*org_name;		/* required */
	char		*org_domain;		/* required; Message-IDs, EHLO */
	char		*reference_format;	/* default "KEL-{year}-{seq:6}" */
	char		*cpar_reference_format;	/* corrective actions'; default
						   CONF_CPAR_DEFAULT_FORMAT */
	char		*quality_manager;	/* officer id (validated) who
						   verifies corrective actions;
						   NULL: nobody can */
	char		*cpar_close_when;	/* a case of a category with
						   cpar_required closes once its
						   corrective action is at least
						   "planned" (default) or
						   "effective" */
	int		 cpar_check_days;	/* working days after "done"
						   the quality manager is asked
						   to check effectiveness;
						   default 30; 0: not asked
						   again */
	char		*database;		/* default
						   /var/lib/complaintd/complaintd.db */
	char		*templates_dir;		/* default DATADIR "/templates" */
	char		*language;		/* "id" (default) or "en" */
	char		*timezone;		/* default "Asia/Jakarta" */
	char		*phone_country;		/* calling code; default "62" */
	int		 accept_list_mail;	/* list mail opens cases (no
						   auto-reply); default 0 */
	char		*trusted_authserv_id;	/* whose Authentication-Results
						   count (authres.h); NULL:
						   nobody's */
	int		 feedback_scale;	/* scores complainants give:
						   1..4 (default) or 1..5 */
	char		*plain_reply;		/* CONF_PLAIN_*; default
						   "assigned" */
	char		**own_addresses;	/* never answered automatically
						   (lower-cased); the IMAP and
						   SMTP addresses are added */
	size_t		 nown_addresses;

	struct conf_imap	*imap;
	size_t			 nimap;
	struct conf_smtp	*smtp;		/* NULL: no email is sent */
	struct conf_modem	*modems;
	size_t			 nmodems;
	struct conf_officer	*officers;
	size_t			 nofficers;
	struct conf_category	*categories;
	size_t			 ncategories;
	struct conf_rule	*rules;
	size_t			 nrules;
	char			*default_category;	/* required, validated */
	struct conf_sla		 sla;
	struct conf_limits	 limits;
	struct conf_indicators	 indicators;
	struct conf_approval	 approval;
	struct conf_schedule	*schedules;
	size_t			 nschedules;
	struct conf_alerts	 alerts;
	struct conf_confidential confidential;
	struct conf_retention	 retention;
};

/* conf_free(NULL) is a no-op. */
void	conf_free(struct conf *);

/* Lookups; NULL when absent.  Addresses compare case-insensitively, phones
 * after normalisation. */
const struct conf_officer	*conf_officer_by_id(const struct conf *,
				    const char *);
const struct conf_officer	*conf_officer_by_email(const struct conf *,
				    const char *);
const struct conf_officer	*conf_officer_by_phone(const struct conf *,
				    const char *);
const struct conf_category	*conf_category_by_id(const struct conf *,
				    const char *);
const struct conf_officer	*conf_officer_by_unix_user(
				    const struct conf *, const char *);
/* 1 when the officer may see a confidential complainant's identity. */
int	conf_may_see_identity(const struct conf *, const struct conf_officer *);
/* What a plain officer reply is in category (CONF_PLAIN_*): the
 * category's own setting, else the global one. */
const char	*conf_plain_reply(const struct conf *, const char *category);
/* 1 if addr is one of ours (own_addresses, IMAP and SMTP addresses,
 * including their +token variants). */
int	conf_is_own_address(const struct conf *, const char *addr);

/* The template languages a configuration needs: the global one, the
 * other one complainants may write in (id, en), then the officers' own,
 * each once; at most max.  Borrowed strings. */
size_t	conf_languages(const struct conf *, const char **langs, size_t max);

#endif
