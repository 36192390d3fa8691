/*
 * log.c — stderr logging, with syslog priority prefixes for the journal
 * (see log.h).  One write(2) per line so lines from several worker
 * processes sharing stderr never interleave.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "log.h"

static int	 log_debugging;
static int	 log_plain;
static char	 log_tag[64] = "complaintd";

/*
 * systemd connects stderr to the journal and says so in JOURNAL_STREAM
 * ("DEVICE:INODE" of that stream); the variable alone is not enough, a
 * child whose stderr was redirected inherits it too.
 */
static int
log_to_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat sb;

	if (js == NULL || sscanf(js, "%llu:%llu", &dev, &ino) != 2 ||
	    fstat(STDERR_FILENO, &sb) == -1) {
		return 0;
	}
	return (unsigned long long)sb.st_dev == dev &&
	    (unsigned long long)sb.st_ino == ino;
}

void
log_init(int debug, const char *tag)
{
	const char *force = getenv(LOG_PREFIX_ENV);

	log_debugging = debug;
	log_plain = !(log_to_journal() || (force != NULL &&
	    strcmp(force, "1") == 0));
	log_set_tag(tag);
}

void
log_set_tag(const char *tag)
{
	if (tag != NULL) {
		snprintf(log_tag, sizeof log_tag, "%s", tag);
	}
}

void
log_set_plain(int plain)
{
	log_plain = plain;
}


static void
log_vwrite(int pri, const char *fmt, va_list ap, const char *suffix)
{
	char line[2048];
	int n, m;
	ssize_t w;

	if (log_plain) {
		n = snprintf(line, sizeof line, "%s: ", log_tag);
	} else {
		n = snprintf(line, sizeof line, "<%d>%s: ", pri, log_tag);
	}
	if (n < 0 || (size_t)n >= sizeof line) {
		return;
	}
	m = vsnprintf(line + n, sizeof line - n, fmt, ap);
	if (m < 0) {
		return;
	}
	n = (size_t)(n + m) >= sizeof line - 2 ? (int)sizeof line - 2 : n + m;
	if (suffix != NULL) {
		m = snprintf(line + n, sizeof line - n, ": %s", suffix);
		n = (size_t)(n + m) >= sizeof line - 2 ? (int)sizeof line - 2 : n + m;
	}
	/* a hostile value must not forge extra log lines */
	for (m = 0; m < n; m++) {
		if (line[m] == '\n' || line[m] == '\r') {
			line[m] = ' ';
		}
	}
	line[n++] = '\n';
	w = write(STDERR_FILENO, line, n);
	(void)w;
}

#define LOG_FN(name, pri)						\
void									\
name(const char *fmt, ...)						\
{									\
	va_list ap;							\
	va_start(ap, fmt);						\
	log_vwrite(pri, fmt, ap, NULL);					\
	va_end(ap);							\
}

LOG_FN(log_info, 6)
LOG_FN(log_notice, 5)
LOG_FN(log_warnx, 4)
LOG_FN(log_errx, 3)

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!log_debugging) {
		return;
	}
	va_start(ap, fmt);
	log_vwrite(7, fmt, ap, NULL);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	log_vwrite(4, fmt, ap, strerror(saved));
	va_end(ap);
	errno = saved;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	log_vwrite(2, fmt, ap, strerror(saved));
	va_end(ap);
	exit(EX_SOFTWARE);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(2, fmt, ap, NULL);
	va_end(ap);
	exit(EX_SOFTWARE);
}

void
log_redact_addr(const char *addr, char *out, size_t outlen)
{
	const char *at;

	if (addr == NULL || *addr == '\0') {
		snprintf(out, outlen, "-");
		return;
	}
	at = strrchr(addr, '@');
	if (at == NULL) {
		snprintf(out, outlen, "%c***", addr[0]);
		return;
	}
	snprintf(out, outlen, "%c***%s", addr[0], at);
}

void
log_redact_phone(const char *phone, char *out, size_t outlen)
{
	size_t n;

	if (phone == NULL || *phone == '\0') {
		snprintf(out, outlen, "-");
		return;
	}
	n = strlen(phone);
	if (n <= 7) {
		snprintf(out, outlen, "%.2s***", phone);
		return;
	}
	snprintf(out, outlen, "%.5s****%s", phone, phone + n - 3);
}
