/*
 * log.h — the one way to say something.  Lines go to stderr as "tag:
 * message"; with a syslog "<N>" prefix (which journald turns into the
 * line's priority) when stderr is the journal (JOURNAL_STREAM names it) or
 * when LOG_PREFIX_ENV is "1" (complaintd -s sets it for its workers too).
 * With -d (log_init(1)) debug lines are printed too.  Each process sets
 * its own tag ("imap:pengaduan", "dispatch") so a line says who wrote it.
 *
 * Never log complaint bodies, passwords, or full addresses/phone numbers at
 * info level: use log_redact_*() for the latter.
 */
#ifndef LOG_H
#define LOG_H

#include <stddef.h>

#define LOG_PREFIX_ENV	"COMPLAINTD_LOG_PREFIX"

/* Decides about the prefixes from the environment (see above). */
void	log_init(int debug, const char *tag);
void	log_set_tag(const char *tag);
/* Interactive tools: "tag: message" without the syslog prefix, always. */
void	log_set_plain(int);

void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_notice(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
/* log_warn appends ": strerror(errno)". */
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_errx(const char *, ...) __attribute__((format(printf, 1, 2)));
/* fatal/fatalx: before the main loop or on a broken invariant only. */
void	fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

/*
 * "a***@example.org" / "+62812****789": enough to tell entries apart in a
 * log, not enough to identify a person.  Writes into out (always terminated).
 */
void	log_redact_addr(const char *addr, char *out, size_t outlen);
void	log_redact_phone(const char *phone, char *out, size_t outlen);

#endif
