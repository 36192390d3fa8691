/*
 * conf_load.c — the configuration file, read with libconfig (the only user
 * of that library) and checked in one go into the model of conf.h.
 *
 * Every setting is declared once, in the key tables below: its name, its
 * type, whether it is required, where its value goes in struct conf, and an
 * optional check of the value.  One generic pass walks each group of the
 * file against its table, so unknown keys (typos), wrong types and missing
 * required keys are found the same way everywhere.  Defaults are written
 * into the struct before that pass: a key that is absent keeps its default.
 * A second pass checks what involves more than one setting: references
 * between officers, categories, rules and sources, unique names, escalation
 * cycles, and the defaults derived from other settings.
 *
 * Nothing stops at the first problem.  Each one becomes "FILE:LINE: text";
 * the messages are sorted by file (the main one first) and line before
 * they are handed over.
 *
 * Relative file names (secrets, CA files, the database, the templates
 * directory) are taken relative to the directory of the configuration
 * file and stored absolute.  Secret files are opened to check them, but no
 * secret is kept; conf_read_secret() reads one when it is needed.
 *
 * Every file is opened with O_NONBLOCK and refused unless fstat() says it
 * is a regular file: a FIFO or a device named as a password file must not
 * hang `complaintd -t` (opening a FIFO waits for a writer) nor a worker.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "calendar.h"
#include "conf_load.h"
#include "phone.h"
#include "privacy.h"
#include "ref.h"
#include "report.h"
#include "sha256.h"
#include "xmalloc.h"

#define CONF_DEFAULT_DATABASE	"/var/lib/complaintd/complaintd.db"
#define CONF_DEFAULT_TEMPLATES	DATADIR "/templates"
#define CONF_ZONEINFO		"/usr/share/zoneinfo"
#define CONF_SECRET_MAX		4096
#define CONF_NOTIFY_UNSET	0x100u	/* no "notify" key: derived */
#define CONF_ID_MAX		64

/* What a key holds, and so which setter stores it. */
enum conf_ktype {
	K_STR,		/* char * */
	K_INT,		/* int, 1..INT_MAX (or a port) */
	K_BOOL,		/* int, 0 or 1 */
	K_SIZE,		/* size_t: bytes, or a string such as "25M" */
	K_STRV,		/* char ** at off, its size_t count at noff */
	K_PHONE,	/* char *, normalised to E.164 */
	K_TLS,		/* enum conf_tls */
	K_DAYS,		/* unsigned: bit 0 Sunday ... bit 6 Saturday */
	K_HOURS,	/* "HH:MM-HH:MM": int minutes at off and noff */
	K_NOTIFY,	/* unsigned: CONF_NOTIFY_* */
	K_GROUP,	/* { ... }: read by its section's code */
	K_LIST,		/* ( { ... }, ... ): read by its section's code */
	K_NTYPES
};

#define K_REQ	0x01	/* required */
#define K_PORT	0x02	/* an integer 1..65535 */
#define K_LOWER	0x04	/* lower-cased (strings and their lists) */
#define K_EMPTY	0x08	/* "" is a value */
#define K_PATH	0x10	/* relative to the configuration's directory */
#define K_ZERO	0x20	/* an integer that may be 0 (K_INT) */

struct conf_key {
	const char	*name;
	enum conf_ktype	 type;
	int		 flags;
	size_t		 off;
	size_t		 noff;
	/* 0, or -1 with err saying what is wrong with the value */
	int		(*check)(const char *, char *, size_t);
};

struct conf_msg {
	char		*text;
	const char	*file;
	int		 included;	/* from an @include'd file */
	int		 line;		/* 0: the file as a whole */
};

/* The lists of groups, remembered so cross checks can point at a line. */
enum conf_section {
	S_IMAP, S_MODEM, S_OFFICER, S_CATEGORY, S_RULE, S_INDCAT, S_SCHEDULE,
	S_NSECTIONS
};

struct conf_ctx {
	struct conf		 *c;
	int			  flags;	/* CONF_LOAD_* */
	const char		 *path;
	char			 *dir;		/* absolute */
	struct conf_msg		 *msgs;
	size_t			  nmsgs;
	const config_setting_t	**groups[S_NSECTIONS];
};

struct conf_strv {
	char		**v;
	size_t		  n;
};

static const char *const conf_days[] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat"
};

/* ---- diagnostics ---- */

static void conf_msg_vadd(struct conf_ctx *, const char *, int, const char *,
    va_list) __attribute__((format(printf, 4, 0)));
static void conf_msg_add(struct conf_ctx *, const char *, int, const char *,
    ...) __attribute__((format(printf, 4, 5)));
static void conf_verr(struct conf_ctx *, const config_setting_t *,
    const char *, va_list) __attribute__((format(printf, 3, 0)));
static void conf_err(struct conf_ctx *, const config_setting_t *,
    const char *, ...) __attribute__((format(printf, 3, 4)));
static void conf_err_at(struct conf_ctx *, const config_setting_t *,
    const char *, const char *, ...) __attribute__((format(printf, 4, 5)));

static void
conf_msg_vadd(struct conf_ctx *x, const char *file, int line, const char *fmt,
    va_list ap)
{
	char text[2048];
	const char *dir = "";
	struct conf_msg *m;

	vsnprintf(text, sizeof text, fmt, ap);
	x->msgs = xreallocarray(x->msgs, x->nmsgs + 1, sizeof *x->msgs);
	m = &x->msgs[x->nmsgs++];
	m->file = file;
	m->included = strcmp(file, x->path) != 0;
	m->line = line;
	/* libconfig names included files as written, relative to x->dir */
	if (m->included && file[0] != '/' && x->dir != NULL) {
		dir = x->dir;
	}
	if (line > 0) {
		m->text = xasprintf("%s%s%s:%d: %s", dir, *dir ? "/" : "",
		    file, line, text);
	} else {
		m->text = xasprintf("%s%s%s: %s", dir, *dir ? "/" : "", file,
		    text);
	}
}

static void
conf_msg_add(struct conf_ctx *x, const char *file, int line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_msg_vadd(x, file, line, fmt, ap);
	va_end(ap);
}

/*
 * The line of a string in a list.  libconfig numbers an element of a list
 * with the line of the token after it, so the last element of a list
 * closed on the next line is reported one line too far: take the last
 * line up to that one where the quoted string stands.
 */
static int
conf_elem_line(const struct conf_ctx *x, const char *file, int line,
    const char *v)
{
	char *path, *quoted, text[4096];
	FILE *f;
	int n = 0, found = line;

	path = file[0] == '/' || x->dir == NULL ? xstrdup(file) :
	    xasprintf("%s/%s", x->dir, file);
	quoted = xasprintf("\"%s\"", v);
	if ((f = fopen(path, "r")) != NULL) {
		while (n < line && fgets(text, sizeof text, f) != NULL) {
			if (strstr(text, quoted) != NULL) {
				found = n + 1;
			}
			n += strchr(text, '\n') != NULL;
		}
		fclose(f);
	}
	free(path);
	free(quoted);
	return found;
}

/* At setting s; the root group (line 0) counts as line 1. */
static void
conf_verr(struct conf_ctx *x, const config_setting_t *s, const char *fmt,
    va_list ap)
{
	const char *file = config_setting_source_file(s);
	int line = config_setting_source_line(s);

	if (line > 0 && config_setting_name(s) == NULL &&
	    config_setting_type(s) == CONFIG_TYPE_STRING) {
		line = conf_elem_line(x, file != NULL ? file : x->path, line,
		    config_setting_get_string(s));
	}

	conf_msg_vadd(x, file != NULL ? file : x->path, line > 0 ? line : 1,
	    fmt, ap);
}

static void
conf_err(struct conf_ctx *x, const config_setting_t *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_verr(x, s, fmt, ap);
	va_end(ap);
}

/* At the key's own line when the group has it, else at the group's. */
static void
conf_err_at(struct conf_ctx *x, const config_setting_t *g, const char *key,
    const char *fmt, ...)
{
	const config_setting_t *s = config_setting_get_member(g, key);
	va_list ap;

	va_start(ap, fmt);
	conf_verr(x, s != NULL ? s : g, fmt, ap);
	va_end(ap);
}

/* The main file first, then included files by name; then by line. */
static int
conf_msg_cmp(const struct conf_msg *a, const struct conf_msg *b)
{
	int r = a->included - b->included;

	if (r != 0 || (r = strcmp(a->file, b->file)) != 0) {
		return r;
	}
	return (a->line > b->line) - (a->line < b->line);
}

/* Sorted by file and line (stably: same line, order found). */
static void
conf_diag_take(struct conf_ctx *x, struct conf_diag *diag)
{
	struct conf_msg m;
	size_t i, j;

	for (i = 1; i < x->nmsgs; i++) {
		m = x->msgs[i];
		for (j = i; j > 0 && conf_msg_cmp(&x->msgs[j - 1], &m) > 0;
		    j--) {
			x->msgs[j] = x->msgs[j - 1];
		}
		x->msgs[j] = m;
	}
	diag->msgs = x->nmsgs > 0 ? xcalloc(x->nmsgs, sizeof *diag->msgs) :
	    NULL;
	for (i = 0; i < x->nmsgs; i++) {
		diag->msgs[i] = x->msgs[i].text;
	}
	diag->n = x->nmsgs;
	free(x->msgs);
	x->msgs = NULL;
	x->nmsgs = 0;
}

/* ---- "did you mean" ---- */

static size_t
conf_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d;
	size_t prev[CONF_ID_MAX + 1], cur[CONF_ID_MAX + 1];

	if (la > CONF_ID_MAX || lb > CONF_ID_MAX) {
		return SIZE_MAX;
	}
	for (j = 0; j <= lb; j++) {
		prev[j] = j;
	}
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			d = prev[j - 1] + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			d = prev[j] + 1 < d ? prev[j] + 1 : d;
			cur[j] = cur[j - 1] + 1 < d ? cur[j - 1] + 1 : d;
		}
		memcpy(prev, cur, (lb + 1) * sizeof *cur);
	}
	return prev[lb];
}

/*
 * The closest name in an array of structs that hold a char * at off, if it
 * is close enough to be a typo; NULL otherwise.
 */
static const char *
conf_suggest(const char *name, const void *arr, size_t n, size_t size,
    size_t off)
{
	const char *best = NULL, *cand;
	size_t i, d, bestd = 3;

	for (i = 0; i < n; i++) {
		cand = *(char *const *)((const char *)arr + i * size + off);
		if (cand == NULL) {
			continue;
		}
		d = conf_distance(name, cand);
		if (d < bestd && d < strlen(name)) {
			best = cand;
			bestd = d;
		}
	}
	return best;
}

/* "'escalate_to' names officer 'x', which is not defined (did you mean…)" */
static void
conf_undefined(struct conf_ctx *x, const config_setting_t *s, const char *key,
    const char *what, const char *name, const char *hint)
{
	if (hint != NULL) {
		conf_err(x, s, "'%s' names %s '%s', which is not defined "
		    "(did you mean '%s'?)", key, what, name, hint);
	} else {
		conf_err(x, s, "'%s' names %s '%s', which is not defined",
		    key, what, name);
	}
}

/* ---- value checks: 0, or -1 with err filled ---- */

static int
conf_domain_ok(const char *d)
{
	size_t n = strlen(d);

	return n > 0 && n <= 253 &&
	    d[strspn(d, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")] == '\0' &&
	    d[0] != '.' && d[0] != '-' && d[n - 1] != '.' && d[n - 1] != '-' &&
	    strstr(d, "..") == NULL;
}

static int
conf_check_domain(const char *v, char *err, size_t errlen)
{
	if (!conf_domain_ok(v)) {
		snprintf(err, errlen, "\"%s\" is not a domain name", v);
		return -1;
	}
	return 0;
}

static int
conf_check_addr(const char *v, char *err, size_t errlen)
{
	const char *at = strrchr(v, '@');
	const char *p;

	if (at == NULL || at == v || strchr(v, '@') != at ||
	    !conf_domain_ok(at + 1)) {
		goto bad;
	}
	for (p = v; p < at; p++) {
		if ((unsigned char)*p <= ' ' || strchr("<>()[],;:\\\"", *p)) {
			goto bad;
		}
	}
	return 0;
bad:
	snprintf(err, errlen, "\"%s\" is not an email address", v);
	return -1;
}

static int
conf_check_id(const char *v, char *err, size_t errlen)
{
	if (strlen(v) > CONF_ID_MAX ||
	    v[strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-")] != '\0') {
		snprintf(err, errlen, "\"%s\" is not a valid name: use only "
		    "a-z, 0-9, '_' and '-' (at most %d)", v, CONF_ID_MAX);
		return -1;
	}
	return 0;
}

static int
conf_check_lang(const char *v, char *err, size_t errlen)
{
	if (strcmp(v, "id") != 0 && strcmp(v, "en") != 0) {
		snprintf(err, errlen, "\"%s\" is not a supported language "
		    "(use \"id\" or \"en\")", v);
		return -1;
	}
	return 0;
}

static int
conf_check_cc(const char *v, char *err, size_t errlen)
{
	size_t n = strlen(v);

	if (n > 3 || v[0] == '0' || v[strspn(v, "0123456789")] != '\0') {
		snprintf(err, errlen, "\"%s\" is not a country calling code "
		    "(digits without '+', e.g. \"62\")", v);
		return -1;
	}
	return 0;
}

/* The C library reads zones from TZDIR when it is set: so do we. */
static int
conf_check_tz(const char *v, char *err, size_t errlen)
{
	const char *dir = getenv("TZDIR");
	struct stat st;
	char *file;
	int rc = 0;

	if (dir == NULL || *dir == '\0') {
		dir = CONF_ZONEINFO;
	}
	file = xasprintf("%s/%s", dir, v);
	if (v[0] == '/' || strstr(v, "..") != NULL || stat(file, &st) == -1 ||
	    !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "\"%s\" is not a time zone: there is "
		    "no file %s (e.g. \"Asia/Jakarta\")", v, file);
		rc = -1;
	}
	free(file);
	return rc;
}

/* The calendar's own reading of a date, so -t says what it will use. */
static int
conf_check_date(const char *v, char *err, size_t errlen)
{
	int32_t day;

	return calendar_parse_date(v, &day, err, errlen);
}

/* A period the recap knows (report.h). */
static int
conf_check_period(const char *v, char *err, size_t errlen)
{
	struct report_period p;

	return report_period_parse(v, 0, &p, err, errlen);
}

/* An E.164 prefix: "+" and 1 to 15 digits. */
static int
conf_check_prefix(const char *v, char *err, size_t errlen)
{
	size_t n = strlen(v);

	if (n < 2 || n > 16 || v[0] != '+' || strspn(v + 1, "0123456789") !=
	    n - 1) {
		snprintf(err, errlen, "\"%s\" is not a number prefix: write "
		    "\"+\" and the digits, e.g. \"+62\" or \"+62812\"", v);
		return -1;
	}
	return 0;
}

/* An authserv-id as a mail server writes it: a host name, usually. */
static int
conf_check_authserv(const char *v, char *err, size_t errlen)
{
	size_t n = strlen(v);

	if (n == 0 || n > 120 || strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") != n) {
		snprintf(err, errlen, "\"%s\" is not an authserv-id: the "
		    "name the mail server writes first in its "
		    "Authentication-Results, e.g. \"mx.smkn1.sch.id\"", v);
		return -1;
	}
	return 0;
}

static int
conf_check_ref(const char *v, char *err, size_t errlen)
{
	char why[256];

	if (ref_validate_format(v, why, sizeof why) == -1) {
		snprintf(err, errlen, "\"%s\" is not usable: %s", v, why);
		return -1;
	}
	return 0;
}

static int
conf_check_close_when(const char *v, char *err, size_t errlen)
{
	if (strcmp(v, "planned") != 0 && strcmp(v, "effective") != 0) {
		snprintf(err, errlen, "\"%s\" is not \"planned\" or "
		    "\"effective\"", v);
		return -1;
	}
	return 0;
}

static int
conf_check_readable(const char *v, char *err, size_t errlen)
{
	struct stat st;
	int fd, rc = -1;

	if ((fd = open(v, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1) {
		snprintf(err, errlen, "cannot open %s: %s", v,
		    strerror(errno));
	} else if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s is not a regular file", v);
	} else {
		rc = 0;
	}
	if (fd != -1) {
		close(fd);
	}
	return rc;
}

/* What an officer's reply without a command is (conf.h). */
static int
conf_check_plain(const char *v, char *err, size_t errlen)
{
	if (strcmp(v, CONF_PLAIN_ASSIGNED) == 0 ||
	    strcmp(v, CONF_PLAIN_ANSWER) == 0 ||
	    strcmp(v, CONF_PLAIN_NOTE) == 0) {
		return 0;
	}
	snprintf(err, errlen, "\"%s\" is not one of \"assigned\", "
	    "\"answer\" or \"note\"", v);
	return -1;
}

/* A login name as useradd(8) takes it. */
static int
conf_check_login(const char *v, char *err, size_t errlen)
{
	size_t n = strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

	if (v[n] == '\0' && n <= 32 && v[0] != '-') {
		return 0;
	}
	snprintf(err, errlen, "\"%s\" is not a login name", v);
	return -1;
}

static int
conf_check_secret(const char *v, char *err, size_t errlen)
{
	char *secret = NULL;

	if (conf_read_secret(v, &secret, err, errlen) == -1) {
		return -1;
	}
	explicit_bzero(secret, strlen(secret));
	free(secret);
	return 0;
}

/* ---- parsing helpers (pure) ---- */

static void
conf_lower(char *s)
{
	for (; *s != '\0'; s++) {
		*s = (char)tolower((unsigned char)*s);
	}
}

static char *
conf_abspath(const struct conf_ctx *x, const char *v)
{
	if (v[0] == '/') {
		return xstrdup(v);
	}
	return xasprintf("%s/%s", x->dir, v);
}

/* "25M", "512K", "1G", "1000"; binary multiples.  0 or -1. */
static int
conf_parse_size(const char *s, size_t *out)
{
	unsigned long long v, mul = 1;
	char *end;

	if (!isdigit((unsigned char)*s)) {
		return -1;
	}
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0) {
		return -1;
	}
	switch (toupper((unsigned char)*end)) {
	case 'K':
		mul = 1024;
		break;
	case 'M':
		mul = 1024 * 1024;
		break;
	case 'G':
		mul = 1024 * 1024 * 1024;
		break;
	case '\0':
		break;
	default:
		return -1;
	}
	if ((*end != '\0' && end[1] != '\0') || v == 0 ||
	    v > SIZE_MAX / mul) {
		return -1;
	}
	*out = (size_t)(v * mul);
	return 0;
}

/* "HH:MM" (00:00-24:00) to minutes; -1 if it is not that. */
static int
conf_parse_hhmm(const char *s)
{
	int h, m;

	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    s[2] != ':' || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4])) {
		return -1;
	}
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0)) {
		return -1;
	}
	return h * 60 + m;
}

static int
conf_tls_parse(const char *s, enum conf_tls *out)
{
	if (strcmp(s, "implicit") == 0) {
		*out = CONF_TLS_IMPLICIT;
	} else if (strcmp(s, "starttls") == 0) {
		*out = CONF_TLS_STARTTLS;
	} else if (strcmp(s, "none") == 0) {
		*out = CONF_TLS_NONE;
	} else {
		return -1;
	}
	return 0;
}

static int
conf_is_int(const config_setting_t *s)
{
	return config_setting_type(s) == CONFIG_TYPE_INT ||
	    config_setting_type(s) == CONFIG_TYPE_INT64;
}

static int
conf_is_str(const config_setting_t *s)
{
	return config_setting_type(s) == CONFIG_TYPE_STRING;
}

/* A list of groups: ( {...}, ... ), one bare { ... }, or an empty [ ]. */
static int
conf_is_list(const config_setting_t *s)
{
	return config_setting_is_list(s) || config_setting_is_group(s) ||
	    (config_setting_is_array(s) && config_setting_length(s) == 0);
}

static void *
conf_field(void *base, size_t off)
{
	return (char *)base + off;
}

/* ---- setters: one per key type; each reports what it refuses ---- */

/* A string after the key's rules; NULL (reported) if refused. */
static char *
conf_str_value(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, const char *raw)
{
	char err[1024];
	char *v;

	if (*raw == '\0' && !(k->flags & K_EMPTY)) {
		conf_err(x, s, "'%s' must not be empty", k->name);
		return NULL;
	}
	v = (k->flags & K_PATH) ? conf_abspath(x, raw) : xstrdup(raw);
	if (k->flags & K_LOWER) {
		conf_lower(v);
	}
	/* a reader that needs no secret never opens a secret file */
	if (k->check == conf_check_secret &&
	    (x->flags & CONF_LOAD_NO_SECRETS)) {
		return v;
	}
	if (k->check != NULL && k->check(v, err, sizeof err) == -1) {
		conf_err(x, s, "'%s': %s", k->name, err);
		free(v);
		return NULL;
	}
	return v;
}

static void
conf_set_str(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	char **p = conf_field(base, k->off);
	char *v;

	if (!conf_is_str(s)) {
		conf_err(x, s, "'%s' must be a string (in double quotes)",
		    k->name);
		return;
	}
	if ((v = conf_str_value(x, k, s, config_setting_get_string(s))) !=
	    NULL) {
		free(*p);
		*p = v;
	}
}

static void
conf_set_phone(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	char **p = conf_field(base, k->off);
	char e164[32];

	if (!conf_is_str(s)) {
		conf_err(x, s, "'%s' must be a string (in double quotes)",
		    k->name);
		return;
	}
	if (phone_normalize(config_setting_get_string(s),
	    x->c->phone_country, e164, sizeof e164) != PHONE_E164) {
		conf_err(x, s, "'%s': \"%s\" is not a phone number: write it "
		    "with the country code (\"+%s 812 3456 789\") or as a "
		    "national number (\"0812 3456 789\")", k->name,
		    config_setting_get_string(s), x->c->phone_country);
		return;
	}
	free(*p);
	*p = xstrdup(e164);
}

static void
conf_set_int(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	long long v;

	if (!conf_is_int(s)) {
		conf_err(x, s, "'%s' must be an integer", k->name);
		return;
	}
	v = config_setting_get_int64(s);
	if ((k->flags & K_PORT) && (v < 1 || v > 65535)) {
		conf_err(x, s, "'%s' must be between 1 and 65535", k->name);
	} else if (v < ((k->flags & K_ZERO) ? 0 : 1)) {
		conf_err(x, s, "'%s' must be at least %d", k->name,
		    (k->flags & K_ZERO) ? 0 : 1);
	} else if (v > INT_MAX) {
		conf_err(x, s, "'%s' is too large (at most %d)", k->name,
		    INT_MAX);
	} else {
		*(int *)conf_field(base, k->off) = (int)v;
	}
}

static void
conf_set_bool(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		conf_err(x, s, "'%s' must be true or false (without quotes)",
		    k->name);
		return;
	}
	*(int *)conf_field(base, k->off) = config_setting_get_bool(s) != 0;
}

static void
conf_set_size(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	size_t v = 0;
	int ok;

	if (conf_is_int(s)) {
		ok = config_setting_get_int64(s) > 0;
		v = ok ? (size_t)config_setting_get_int64(s) : 0;
	} else if (conf_is_str(s)) {
		ok = conf_parse_size(config_setting_get_string(s), &v) == 0;
	} else {
		ok = 0;
	}
	if (!ok) {
		conf_err(x, s, "'%s' must be a number of bytes or a string "
		    "such as \"25M\" or \"512K\"", k->name);
		return;
	}
	*(size_t *)conf_field(base, k->off) = v;
}

/* Calls fn for each string of a list of strings (or a single string). */
static void
conf_strings(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s,
    void (*fn)(struct conf_ctx *, const struct conf_key *,
    const config_setting_t *, const char *, void *), void *arg)
{
	const config_setting_t *e;
	int i, n, told = 0;

	if (conf_is_str(s)) {
		fn(x, k, s, config_setting_get_string(s), arg);
		return;
	}
	if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
		conf_err(x, s, "'%s' must be a list of strings, e.g. "
		    "[ \"a\", \"b\" ]", k->name);
		return;
	}
	n = config_setting_length(s);
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, i);
		if (!conf_is_str(e)) {
			if (!told++) {
				conf_err(x, e, "'%s' must be a list of "
				    "strings, e.g. [ \"a\", \"b\" ]", k->name);
			}
			continue;
		}
		fn(x, k, e, config_setting_get_string(e), arg);
	}
}

static void
conf_strv_add(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *e, const char *raw, void *arg)
{
	struct conf_strv *sv = arg;
	char *v;

	if ((v = conf_str_value(x, k, e, raw)) != NULL) {
		sv->v = xreallocarray(sv->v, sv->n + 1, sizeof *sv->v);
		sv->v[sv->n++] = v;
	}
}

static void
conf_set_strv(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	char ***p = conf_field(base, k->off);
	size_t *n = conf_field(base, k->noff);
	struct conf_strv sv = { NULL, 0 };

	conf_strings(x, k, s, conf_strv_add, &sv);
	xfree_strv(*p, *n);
	*p = sv.v;
	*n = sv.n;
}

static void
conf_day_add(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *e, const char *v, void *arg)
{
	unsigned *mask = arg;
	size_t i;

	for (i = 0; i < sizeof conf_days / sizeof conf_days[0]; i++) {
		if (strcasecmp(v, conf_days[i]) == 0) {
			*mask |= 1u << i;
			return;
		}
	}
	conf_err(x, e, "'%s': \"%s\" is not a day (use \"mon\", \"tue\", "
	    "\"wed\", \"thu\", \"fri\", \"sat\" or \"sun\")", k->name, v);
}

static void
conf_set_days(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	unsigned mask = 0;

	conf_strings(x, k, s, conf_day_add, &mask);
	if (config_setting_is_aggregate(s) && config_setting_length(s) == 0) {
		conf_err(x, s, "'%s' must name at least one day", k->name);
	}
	if (mask != 0) {
		*(unsigned *)conf_field(base, k->off) = mask;
	}
}

static void
conf_notify_add(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *e, const char *v, void *arg)
{
	unsigned *mask = arg;

	if (strcmp(v, "email") == 0) {
		*mask |= CONF_NOTIFY_EMAIL;
	} else if (strcmp(v, "sms") == 0) {
		*mask |= CONF_NOTIFY_SMS;
	} else {
		conf_err(x, e, "'%s': \"%s\" is not a channel (use \"email\" "
		    "or \"sms\")", k->name, v);
	}
}

static void
conf_set_notify(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	unsigned mask = 0;

	conf_strings(x, k, s, conf_notify_add, &mask);
	*(unsigned *)conf_field(base, k->off) = mask;
}

static void
conf_set_tls(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	enum conf_tls tls;

	if (!conf_is_str(s) ||
	    conf_tls_parse(config_setting_get_string(s), &tls) == -1) {
		conf_err(x, s, "'%s' must be \"implicit\", \"starttls\" or "
		    "\"none\"", k->name);
		return;
	}
	*(enum conf_tls *)conf_field(base, k->off) = tls;
}

static void
conf_set_hours(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	const char *v = conf_is_str(s) ? config_setting_get_string(s) : "";
	int start = -1, end = -1;

	if (strlen(v) == 11 && v[5] == '-') {
		start = conf_parse_hhmm(v);
		end = conf_parse_hhmm(v + 6);
	}
	if (start == -1 || end == -1) {
		conf_err(x, s, "'%s' must be a string \"HH:MM-HH:MM\", e.g. "
		    "\"07:00-15:00\"", k->name);
	} else if (start >= end) {
		conf_err(x, s, "'%s': the working day must start before it "
		    "ends (\"%s\")", k->name, v);
	} else {
		*(int *)conf_field(base, k->off) = start;
		*(int *)conf_field(base, k->noff) = end;
	}
}

/* Groups and lists are read by their sections: only the shape here. */
static void
conf_set_aggregate(struct conf_ctx *x, const struct conf_key *k,
    const config_setting_t *s, void *base)
{
	(void)base;
	if (k->type == K_GROUP && !config_setting_is_group(s)) {
		conf_err(x, s, "'%s' must be a group: %s = { ... };", k->name,
		    k->name);
	} else if (k->type == K_LIST && !conf_is_list(s)) {
		conf_err(x, s, "'%s' must be a list of groups: "
		    "%s = ( { ... }, { ... } );", k->name, k->name);
	}
}

static void (*const conf_setters[K_NTYPES])(struct conf_ctx *,
    const struct conf_key *, const config_setting_t *, void *) = {
	[K_STR] = conf_set_str,
	[K_INT] = conf_set_int,
	[K_BOOL] = conf_set_bool,
	[K_SIZE] = conf_set_size,
	[K_STRV] = conf_set_strv,
	[K_PHONE] = conf_set_phone,
	[K_TLS] = conf_set_tls,
	[K_DAYS] = conf_set_days,
	[K_HOURS] = conf_set_hours,
	[K_NOTIFY] = conf_set_notify,
	[K_GROUP] = conf_set_aggregate,
	[K_LIST] = conf_set_aggregate,
};

/* ---- the key tables: every setting of the file, declared once ---- */

#define OFF(t, f)	offsetof(struct t, f)

static const struct conf_key conf_root_keys[] = {
	{ "organisation", K_GROUP, K_REQ, 0, 0, NULL },
	{ "database", K_STR, K_PATH, OFF(conf, database), 0, NULL },
	{ "templates", K_STR, K_PATH, OFF(conf, templates_dir), 0, NULL },
	{ "language", K_STR, 0, OFF(conf, language), 0, conf_check_lang },
	{ "timezone", K_STR, 0, OFF(conf, timezone), 0, conf_check_tz },
	{ "phone_country", K_STR, 0, OFF(conf, phone_country), 0,
	    conf_check_cc },
	{ "intake", K_GROUP, 0, 0, 0, NULL },
	{ "limits", K_GROUP, 0, 0, 0, NULL },
	{ "imap", K_LIST, 0, 0, 0, NULL },
	{ "smtp", K_GROUP, 0, 0, 0, NULL },
	{ "modems", K_LIST, 0, 0, 0, NULL },
	{ "officers", K_LIST, K_REQ, 0, 0, NULL },
	{ "categories", K_LIST, K_REQ, 0, 0, NULL },
	{ "routing", K_LIST, 0, 0, 0, NULL },
	{ "default_category", K_STR, K_REQ, OFF(conf, default_category), 0,
	    conf_check_id },
	{ "sla", K_GROUP, 0, 0, 0, NULL },
	{ "indicators", K_GROUP, 0, 0, 0, NULL },
	{ "schedules", K_LIST, 0, 0, 0, NULL },
	{ "alerts", K_GROUP, 0, 0, 0, NULL },
	{ "approval", K_GROUP, 0, 0, 0, NULL },
	{ "confidential", K_GROUP, 0, 0, 0, NULL },
	{ "retention", K_GROUP, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_org_keys[] = {
	{ "name", K_STR, K_REQ, OFF(conf, org_name), 0, NULL },
	{ "domain", K_STR, K_REQ | K_LOWER, OFF(conf, org_domain), 0,
	    conf_check_domain },
	{ "reference_format", K_STR, 0, OFF(conf, reference_format), 0,
	    conf_check_ref },
	{ "cpar_reference_format", K_STR, 0, OFF(conf, cpar_reference_format),
	    0, conf_check_ref },
	{ "quality_manager", K_STR, 0, OFF(conf, quality_manager), 0,
	    conf_check_id },
	{ "cpar_check_days", K_INT, 0, OFF(conf, cpar_check_days), 0, NULL },
	{ "cpar_close_when", K_STR, 0, OFF(conf, cpar_close_when), 0,
	    conf_check_close_when },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_intake_keys[] = {
	{ "accept_list_mail", K_BOOL, 0, OFF(conf, accept_list_mail), 0,
	    NULL },
	{ "own_addresses", K_STRV, K_LOWER, OFF(conf, own_addresses),
	    OFF(conf, nown_addresses), conf_check_addr },
	{ "trusted_authserv_id", K_STR, K_LOWER,
	    OFF(conf, trusted_authserv_id), 0, conf_check_authserv },
	{ "feedback_scale", K_INT, 0, OFF(conf, feedback_scale), 0, NULL },
	{ "plain_reply", K_STR, 0, OFF(conf, plain_reply), 0,
	    conf_check_plain },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_confidential_keys[] = {
	{ "phrases", K_STRV, K_LOWER, OFF(conf_confidential, phrases),
	    OFF(conf_confidential, nphrases), NULL },
	{ "viewers", K_STRV, 0, OFF(conf_confidential, viewers),
	    OFF(conf_confidential, nviewers), conf_check_id },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_limits_keys[] = {
	{ "autoreply_per_hour", K_INT, 0,
	    OFF(conf_limits, autoreply_per_hour), 0, NULL },
	{ "autoreply_per_day", K_INT, 0,
	    OFF(conf_limits, autoreply_per_day), 0, NULL },
	{ "max_message_size", K_SIZE, 0,
	    OFF(conf_limits, max_message_size), 0, NULL },
	{ "max_attempts", K_INT, 0, OFF(conf_limits, max_attempts), 0, NULL },
	{ "send_attempts", K_INT, 0, OFF(conf_limits, send_attempts), 0,
	    NULL },
	{ "worker_silence", K_INT, 0, OFF(conf_limits, worker_silence), 0,
	    NULL },
	{ "retry_delay", K_INT, 0, OFF(conf_limits, retry_delay), 0, NULL },
	{ "autoreply_total_per_hour", K_INT, 0,
	    OFF(conf_limits, autoreply_total_per_hour), 0, NULL },
	{ "autoreply_total_per_day", K_INT, 0,
	    OFF(conf_limits, autoreply_total_per_day), 0, NULL },
	{ "notify_per_hour", K_INT, 0, OFF(conf_limits, notify_per_hour), 0,
	    NULL },
	{ "sms_reply_prefixes", K_STRV, 0,
	    OFF(conf_limits, sms_reply_prefixes),
	    OFF(conf_limits, nsms_reply_prefixes), conf_check_prefix },
	{ "echo_chars", K_INT, 0, OFF(conf_limits, echo_chars), 0, NULL },
	{ "notify_excerpt", K_INT, 0, OFF(conf_limits, notify_excerpt), 0,
	    NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_imap_keys[] = {
	{ "name", K_STR, K_REQ, OFF(conf_imap, name), 0, conf_check_id },
	{ "host", K_STR, K_REQ, OFF(conf_imap, host), 0, NULL },
	{ "port", K_INT, K_PORT, OFF(conf_imap, port), 0, NULL },
	{ "tls", K_TLS, 0, OFF(conf_imap, tls), 0, NULL },
	{ "ca_file", K_STR, K_PATH, OFF(conf_imap, ca_file), 0,
	    conf_check_readable },
	{ "user", K_STR, K_REQ, OFF(conf_imap, user), 0, NULL },
	{ "password_file", K_STR, K_REQ | K_PATH,
	    OFF(conf_imap, password_file), 0, conf_check_secret },
	{ "mailbox", K_STR, 0, OFF(conf_imap, mailbox), 0, NULL },
	{ "processed_folder", K_STR, 0, OFF(conf_imap, processed_folder), 0,
	    NULL },
	{ "quarantine_folder", K_STR, 0, OFF(conf_imap, quarantine_folder),
	    0, NULL },
	{ "idle", K_BOOL, 0, OFF(conf_imap, idle), 0, NULL },
	{ "poll_interval", K_INT, 0, OFF(conf_imap, poll_interval), 0, NULL },
	{ "timeout", K_INT, 0, OFF(conf_imap, timeout), 0, NULL },
	{ "address", K_STR, K_LOWER, OFF(conf_imap, address), 0,
	    conf_check_addr },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_smtp_keys[] = {
	{ "url", K_STR, K_REQ, OFF(conf_smtp, url), 0, NULL },
	{ "tls", K_TLS, 0, OFF(conf_smtp, tls), 0, NULL },
	{ "ca_file", K_STR, K_PATH, OFF(conf_smtp, ca_file), 0,
	    conf_check_readable },
	{ "user", K_STR, 0, OFF(conf_smtp, user), 0, NULL },
	{ "password_file", K_STR, K_PATH, OFF(conf_smtp, password_file), 0,
	    conf_check_secret },
	{ "from", K_STR, K_REQ | K_LOWER, OFF(conf_smtp, from), 0,
	    conf_check_addr },
	{ "from_name", K_STR, 0, OFF(conf_smtp, from_name), 0, NULL },
	{ "reply_to", K_STR, K_LOWER, OFF(conf_smtp, reply_to), 0,
	    conf_check_addr },
	{ "helo", K_STR, K_LOWER, OFF(conf_smtp, helo), 0,
	    conf_check_domain },
	{ "timeout", K_INT, 0, OFF(conf_smtp, timeout), 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_modem_keys[] = {
	{ "name", K_STR, K_REQ, OFF(conf_modem, name), 0, conf_check_id },
	{ "device", K_STR, K_REQ, OFF(conf_modem, device), 0, NULL },
	{ "connection", K_STR, 0, OFF(conf_modem, connection), 0, NULL },
	{ "model", K_STR, K_EMPTY, OFF(conf_modem, model), 0, NULL },
	{ "pin_file", K_STR, K_PATH, OFF(conf_modem, pin_file), 0,
	    conf_check_secret },
	{ "smsc", K_PHONE, 0, OFF(conf_modem, smsc), 0, NULL },
	{ "poll_interval", K_INT, 0, OFF(conf_modem, poll_interval), 0,
	    NULL },
	{ "multipart_timeout", K_INT, 0, OFF(conf_modem, multipart_timeout),
	    0, NULL },
	{ "timeout", K_INT, 0, OFF(conf_modem, timeout), 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_officer_keys[] = {
	{ "id", K_STR, K_REQ, OFF(conf_officer, id), 0, conf_check_id },
	{ "name", K_STR, K_REQ, OFF(conf_officer, name), 0, NULL },
	{ "role", K_STR, 0, OFF(conf_officer, role), 0, NULL },
	{ "email", K_STR, K_LOWER, OFF(conf_officer, email), 0,
	    conf_check_addr },
	{ "phone", K_PHONE, 0, OFF(conf_officer, phone), 0, NULL },
	{ "notify", K_NOTIFY, 0, OFF(conf_officer, notify), 0, NULL },
	{ "escalate_to", K_STR, 0, OFF(conf_officer, escalate_to), 0,
	    conf_check_id },
	{ "language", K_STR, 0, OFF(conf_officer, language), 0,
	    conf_check_lang },
	{ "unix_user", K_STR, 0, OFF(conf_officer, unix_user), 0,
	    conf_check_login },
	{ "coordinator", K_BOOL, 0, OFF(conf_officer, coordinator), 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_category_keys[] = {
	{ "id", K_STR, K_REQ, OFF(conf_category, id), 0, conf_check_id },
	{ "name", K_STR, K_REQ, OFF(conf_category, name), 0, NULL },
	{ "officers", K_STRV, K_REQ, OFF(conf_category, officers),
	    OFF(conf_category, nofficers), conf_check_id },
	{ "response_hours", K_INT, 0, OFF(conf_category, response_hours), 0,
	    NULL },
	{ "resolve_days", K_INT, 0, OFF(conf_category, resolve_days), 0,
	    NULL },
	{ "plain_reply", K_STR, 0, OFF(conf_category, plain_reply), 0,
	    conf_check_plain },
	{ "approvers", K_STRV, 0, OFF(conf_category, approvers),
	    OFF(conf_category, napprovers), conf_check_id },
	{ "cpar_required", K_BOOL, 0, OFF(conf_category, cpar_required), 0,
	    NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_approval_keys[] = {
	{ "approvers", K_STRV, 0, OFF(conf_approval, approvers),
	    OFF(conf_approval, napprovers), conf_check_id },
	{ "self_approve", K_BOOL, 0, OFF(conf_approval, self_approve), 0,
	    NULL },
	{ "remind_hours", K_INT, K_ZERO, OFF(conf_approval, remind_hours), 0,
	    NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_rule_keys[] = {
	{ "category", K_STR, K_REQ, OFF(conf_rule, category), 0,
	    conf_check_id },
	{ "keywords", K_STRV, K_LOWER, OFF(conf_rule, keywords),
	    OFF(conf_rule, nkeywords), NULL },
	{ "domains", K_STRV, K_LOWER, OFF(conf_rule, domains),
	    OFF(conf_rule, ndomains), conf_check_domain },
	{ "source", K_STR, 0, OFF(conf_rule, source), 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_sla_keys[] = {
	{ "workdays", K_DAYS, 0, OFF(conf_sla, workdays), 0, NULL },
	{ "hours", K_HOURS, 0, OFF(conf_sla, day_start),
	    OFF(conf_sla, day_end), NULL },
	{ "holidays", K_STRV, 0, OFF(conf_sla, holidays),
	    OFF(conf_sla, nholidays), conf_check_date },
	{ "response_hours", K_INT, 0, OFF(conf_sla, response_hours), 0,
	    NULL },
	{ "resolve_days", K_INT, 0, OFF(conf_sla, resolve_days), 0, NULL },
	{ "feedback_days", K_INT, K_ZERO, OFF(conf_sla, feedback_days), 0,
	    NULL },
	{ "feedback_reminder", K_BOOL, 0, OFF(conf_sla, feedback_reminder), 0,
	    NULL },
	{ "remind_hours", K_INT, K_ZERO, OFF(conf_sla, remind_hours), 0,
	    NULL },
	{ "escalate_hours", K_INT, K_ZERO, OFF(conf_sla, escalate_hours), 0,
	    NULL },
	{ "wait_days", K_INT, K_ZERO, OFF(conf_sla, wait_days), 0, NULL },
	{ "catch_up_days", K_INT, K_ZERO, OFF(conf_sla, catch_up_days), 0,
	    NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The recap's standards and the schedules (conf_report below). */
static const struct conf_key conf_indicators_keys[] = {
	{ "first_response_hours", K_INT, 0,
	    OFF(conf_indicators, first_response_hours), 0, NULL },
	{ "resolve_days", K_INT, 0, OFF(conf_indicators, resolve_days), 0,
	    NULL },
	{ "on_time_percent", K_INT, 0, OFF(conf_indicators, on_time_percent),
	    0, NULL },
	{ "max_per_month", K_INT, 0, OFF(conf_indicators, max_per_month), 0,
	    NULL },
	{ "min_satisfied_percent", K_INT, 0,
	    OFF(conf_indicators, min_satisfied_percent), 0, NULL },
	{ "categories", K_LIST, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_indcat_keys[] = {
	{ "category", K_STR, K_REQ, OFF(conf_indicator_cat, category), 0,
	    conf_check_id },
	{ "max_per_month", K_INT, K_REQ,
	    OFF(conf_indicator_cat, max_per_month), 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_alerts_keys[] = {
	{ "to", K_STRV, 0, OFF(conf_alerts, to), OFF(conf_alerts, nto),
	    conf_check_id },
	{ "after_minutes", K_INT, 0, OFF(conf_alerts, after_minutes), 0,
	    NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct conf_key conf_retention_keys[] = {
	{ "archive_after_years", K_INT, K_REQ,
	    OFF(conf_retention, archive_after_years), 0, NULL },
	{ "archive_dir", K_STR, K_REQ | K_PATH,
	    OFF(conf_retention, archive_dir), 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* A schedule as read: the words parsed afterwards (conf_schedule_one). */
struct conf_sched_in {
	struct conf_schedule	 s;
	char			*kind, *every, *weekday, *at;
};

static const struct conf_key conf_schedules_keys[] = {
	{ "name", K_STR, K_REQ, OFF(conf_sched_in, s.name), 0, conf_check_id },
	{ "kind", K_STR, K_REQ, OFF(conf_sched_in, kind), 0, NULL },
	{ "every", K_STR, K_REQ, OFF(conf_sched_in, every), 0, NULL },
	{ "weekday", K_STR, K_LOWER, OFF(conf_sched_in, weekday), 0, NULL },
	{ "monthday", K_INT, 0, OFF(conf_sched_in, s.monthday), 0, NULL },
	{ "at", K_STR, 0, OFF(conf_sched_in, at), 0, NULL },
	{ "start", K_STR, 0, OFF(conf_sched_in, s.start), 0, conf_check_date },
	{ "to", K_STRV, 0, OFF(conf_sched_in, s.to), OFF(conf_sched_in, s.nto),
	    conf_check_id },
	{ "text", K_STR, 0, OFF(conf_sched_in, s.text), 0, NULL },
	{ "period", K_STR, 0, OFF(conf_sched_in, s.period), 0,
	    conf_check_period },
	{ "language", K_STR, 0, OFF(conf_sched_in, s.language), 0,
	    conf_check_lang },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* ---- the generic pass ---- */

static const struct conf_key *
conf_key_find(const struct conf_key *keys, const char *name)
{
	for (; keys->name != NULL; keys++) {
		if (strcmp(keys->name, name) == 0) {
			return keys;
		}
	}
	return NULL;
}

static void
conf_unknown(struct conf_ctx *x, const config_setting_t *s,
    const struct conf_key *keys, const char *what)
{
	const char *name = config_setting_name(s), *hint;
	size_t n = 0;

	while (keys[n].name != NULL) {
		n++;
	}
	hint = conf_suggest(name, keys, n, sizeof *keys,
	    offsetof(struct conf_key, name));
	conf_err(x, s, "unknown setting '%s'%s%s%s%s%s%s", name,
	    what != NULL ? " in '" : "", what != NULL ? what : "",
	    what != NULL ? "'" : "", hint != NULL ? " (did you mean '" : "",
	    hint != NULL ? hint : "", hint != NULL ? "'?)" : "");
}

/*
 * Check every member of group g against keys and store the values into
 * base; report unknown keys and missing required ones.  what names the
 * group in messages (NULL for the top level).
 */
static void
conf_group(struct conf_ctx *x, const config_setting_t *g,
    const struct conf_key *keys, void *base, const char *what)
{
	const struct conf_key *k;
	const config_setting_t *s;
	int i, n = config_setting_length(g);

	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(g, i);
		if ((k = conf_key_find(keys, config_setting_name(s))) ==
		    NULL) {
			conf_unknown(x, s, keys, what);
		} else {
			conf_setters[k->type](x, k, s, base);
		}
	}
	for (k = keys; k->name != NULL; k++) {
		if ((k->flags & K_REQ) &&
		    config_setting_get_member(g, k->name) == NULL) {
			conf_err(x, g, "missing required setting '%s'%s%s%s",
			    k->name, what != NULL ? " in '" : "",
			    what != NULL ? what : "", what != NULL ? "'" : "");
		}
	}
}

/* Member name of root if it is a group. */
static const config_setting_t *
conf_section(const config_setting_t *root, const char *name)
{
	const config_setting_t *s = config_setting_get_member(root, name);

	return s != NULL && config_setting_is_group(s) ? s : NULL;
}

/* 1 if g has the key with a value that is not an empty list. */
static int
conf_has(const config_setting_t *g, const char *key)
{
	const config_setting_t *s = config_setting_get_member(g, key);

	return s != NULL && (!config_setting_is_aggregate(s) ||
	    config_setting_length(s) > 0);
}

/*
 * Read the list of groups root.name into a new array of n entries of size
 * bytes, calling one() on each; remembers each entry's group in
 * x->groups[sec] so later checks can point at its lines.
 */
static void *
conf_each(struct conf_ctx *x, const config_setting_t *root, const char *name,
    enum conf_section sec, size_t size, size_t *n,
    void (*one)(struct conf_ctx *, const config_setting_t *, void *))
{
	const config_setting_t *s = config_setting_get_member(root, name), *e;
	char *arr;
	int i, len;

	*n = 0;
	if (s == NULL || !conf_is_list(s)) {
		return NULL;
	}
	len = config_setting_is_group(s) ? 1 : config_setting_length(s);
	arr = xcalloc(len, size);
	x->groups[sec] = xcalloc(len, sizeof *x->groups[sec]);
	for (i = 0; i < len; i++) {
		e = config_setting_is_group(s) ? s : config_setting_get_elem(s,
		    i);
		if (!config_setting_is_group(e)) {
			conf_err(x, e, "each entry of '%s' must be a group "
			    "{ ... }", name);
			continue;
		}
		x->groups[sec][*n] = e;
		one(x, e, arr + *n * size);
		(*n)++;
	}
	return arr;
}

/* ---- sections ---- */

/* A host name that is this machine: the only place plain text may go. */
static int
conf_host_local(const char *h)
{
	return strcasecmp(h, "localhost") == 0 || strcmp(h, "::1") == 0 ||
	    strcmp(h, "[::1]") == 0 || (strncmp(h, "127.", 4) == 0 &&
	    strspn(h + 4, "0123456789.") == strlen(h + 4));
}

static void
conf_imap_one(struct conf_ctx *x, const config_setting_t *g, void *p)
{
	struct conf_imap *im = p;

	im->tls = CONF_TLS_IMPLICIT;
	im->mailbox = xstrdup("INBOX");
	im->processed_folder = xstrdup("Processed");
	im->quarantine_folder = xstrdup("Quarantine");
	im->idle = 1;
	im->poll_interval = 60;
	im->timeout = 30;
	im->line = config_setting_source_line(g);
	conf_group(x, g, conf_imap_keys, im, "imap");
	if (im->port == 0) {
		im->port = im->tls == CONF_TLS_IMPLICIT ? 993 : 143;
	}
	if (im->tls == CONF_TLS_NONE && im->host != NULL &&
	    !conf_host_local(im->host)) {
		conf_err_at(x, g, "tls", "'tls' = \"none\" with host \"%s\": "
		    "the password would cross the network in plain text; "
		    "\"none\" is only for a server on this machine "
		    "(localhost, 127.0.0.1, ::1)", im->host);
	}
	if (im->address == NULL && im->user != NULL &&
	    conf_check_addr(im->user, NULL, 0) == 0) {
		im->address = xstrdup(im->user);
		conf_lower(im->address);
	}
	if (strcmp(im->processed_folder, im->mailbox) == 0) {
		conf_err_at(x, g, "processed_folder", "'processed_folder' "
		    "must differ from 'mailbox' (\"%s\")", im->mailbox);
	}
	if (strcmp(im->quarantine_folder, im->mailbox) == 0) {
		conf_err_at(x, g, "quarantine_folder", "'quarantine_folder' "
		    "must differ from 'mailbox' (\"%s\")", im->mailbox);
	}
}

/* "smtp[s]://host[:port][/]"; 0 with *smtps set, or -1. */
static int
conf_smtp_url(const char *url, int *smtps)
{
	const char *p, *host;
	size_t n;

	if (strncasecmp(url, "smtps://", 8) == 0) {
		*smtps = 1;
		host = url + 8;
	} else if (strncasecmp(url, "smtp://", 7) == 0) {
		*smtps = 0;
		host = url + 7;
	} else {
		return -1;
	}
	if (*host == '[') {
		n = strcspn(host, "]");
		p = host[n] == ']' ? host + n + 1 : NULL;
	} else {
		n = strcspn(host, ":/");
		p = host + n;
	}
	if (p == NULL || n == 0) {
		return -1;
	}
	if (*p == ':') {
		n = strspn(++p, "0123456789");
		if (n == 0 || n > 5 || atoi(p) < 1 || atoi(p) > 65535) {
			return -1;
		}
		p += n;
	}
	return strcmp(p, "") == 0 || strcmp(p, "/") == 0 ? 0 : -1;
}

/* The TLS mode follows the scheme; only "none" is worth saying. */
static void
conf_smtp_tls(struct conf_ctx *x, const config_setting_t *g,
    struct conf_smtp *sm)
{
	const config_setting_t *t = config_setting_get_member(g, "tls");
	enum conf_tls want, given;
	int smtps;

	if (sm->url == NULL || conf_smtp_url(sm->url, &smtps) == -1) {
		if (sm->url != NULL) {
			conf_err_at(x, g, "url", "'url': \"%s\" must look like "
			    "\"smtps://host:465\" or \"smtp://host:587\"",
			    sm->url);
		}
		return;
	}
	want = smtps ? CONF_TLS_IMPLICIT : CONF_TLS_STARTTLS;
	sm->tls = want;
	if (t == NULL || !conf_is_str(t) ||
	    conf_tls_parse(config_setting_get_string(t), &given) == -1) {
		return;
	}
	if (given == CONF_TLS_NONE && !smtps) {
		sm->tls = CONF_TLS_NONE;
	} else if (given != want) {
		conf_err(x, t, "'tls' = \"%s\" does not go with \"%s\": "
		    "smtps:// is implicit TLS, smtp:// is STARTTLS (or "
		    "\"none\" for plain text)", config_setting_get_string(t),
		    sm->url);
	}
}

static void
conf_smtp_auth(struct conf_ctx *x, const config_setting_t *g,
    const struct conf_smtp *sm)
{
	int user = config_setting_get_member(g, "user") != NULL;
	int pass = config_setting_get_member(g, "password_file") != NULL;

	if (sm->tls == CONF_TLS_NONE && (user || pass)) {
		conf_err_at(x, g, user ? "user" : "password_file", "'user' "
		    "and 'password_file' cannot be used with tls = \"none\": "
		    "the password would cross the network in plain text");
	} else if (user && !pass) {
		conf_err_at(x, g, "user", "'user' is set but "
		    "'password_file' is missing");
	} else if (pass && !user) {
		conf_err_at(x, g, "password_file", "'password_file' is set "
		    "but 'user' is missing");
	}
}

static void
conf_smtp(struct conf_ctx *x, const config_setting_t *root)
{
	const config_setting_t *g = conf_section(root, "smtp");
	struct conf_smtp *sm;

	if (g == NULL) {
		return;
	}
	sm = x->c->smtp = xcalloc(1, sizeof *sm);
	sm->timeout = 60;
	sm->line = config_setting_source_line(g);
	conf_group(x, g, conf_smtp_keys, sm, "smtp");
	conf_smtp_tls(x, g, sm);
	conf_smtp_auth(x, g, sm);
	if (sm->from_name == NULL) {
		sm->from_name = xstrdup(x->c->org_name);
	}
	if (sm->reply_to == NULL) {
		sm->reply_to = xstrdup(sm->from);
	}
	if (sm->helo == NULL) {
		sm->helo = xstrdup(x->c->org_domain);
	}
}

static void
conf_modem_one(struct conf_ctx *x, const config_setting_t *g, void *p)
{
	struct conf_modem *m = p;

	m->connection = xstrdup("at");
	m->model = xstrdup("");
	m->poll_interval = 10;
	m->multipart_timeout = 600;
	m->timeout = 30;
	m->line = config_setting_source_line(g);
	conf_group(x, g, conf_modem_keys, m, "modems");
}

/* notify defaults to the channels the officer has an address for. */
static void
conf_officer_one(struct conf_ctx *x, const config_setting_t *g, void *p)
{
	struct conf_officer *o = p;
	int email = config_setting_get_member(g, "email") != NULL;
	int phone = config_setting_get_member(g, "phone") != NULL;
	unsigned has;

	o->notify = CONF_NOTIFY_UNSET;
	o->line = config_setting_source_line(g);
	conf_group(x, g, conf_officer_keys, o, "officers");
	has = (o->email ? CONF_NOTIFY_EMAIL : 0) |
	    (o->phone ? CONF_NOTIFY_SMS : 0);
	if (!email && !phone) {
		conf_err(x, g, "officer '%s' has neither 'email' nor "
		    "'phone': give at least one so they can be notified",
		    o->id != NULL ? o->id : "?");
	}
	if (o->notify == CONF_NOTIFY_UNSET) {
		o->notify = has;
		return;
	}
	if ((o->notify & CONF_NOTIFY_EMAIL) && !email) {
		conf_err_at(x, g, "notify", "'notify' asks for \"email\" but "
		    "the officer has no 'email'");
	}
	if ((o->notify & CONF_NOTIFY_SMS) && !phone) {
		conf_err_at(x, g, "notify", "'notify' asks for \"sms\" but "
		    "the officer has no 'phone'");
	}
}

static void
conf_category_one(struct conf_ctx *x, const config_setting_t *g, void *p)
{
	struct conf_category *cat = p;
	const config_setting_t *s = config_setting_get_member(g, "officers");

	cat->line = config_setting_source_line(g);
	conf_group(x, g, conf_category_keys, cat, "categories");
	if (s != NULL && config_setting_is_aggregate(s) &&
	    config_setting_length(s) == 0) {
		conf_err(x, s, "'officers' must name at least one officer");
	}
}

static void
conf_rule_one(struct conf_ctx *x, const config_setting_t *g, void *p)
{
	struct conf_rule *r = p;

	r->line = config_setting_source_line(g);
	conf_group(x, g, conf_rule_keys, r, "routing");
	if (!conf_has(g, "keywords") && !conf_has(g, "domains") &&
	    !conf_has(g, "source")) {
		conf_err(x, g, "this routing rule has no 'keywords', "
		    "'domains' or 'source', so it would match every message: "
		    "give one, or use 'default_category'");
	}
}

static int
conf_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
conf_sla(struct conf_ctx *x, const config_setting_t *root)
{
	const config_setting_t *g = conf_section(root, "sla");
	struct conf_sla *sla = &x->c->sla;
	size_t i, n = 0;

	if (g != NULL) {
		sla->line = config_setting_source_line(g);
		conf_group(x, g, conf_sla_keys, sla, "sla");
	}
	if (sla->nholidays == 0) {
		return;
	}
	qsort(sla->holidays, sla->nholidays, sizeof *sla->holidays,
	    conf_strcmp);
	for (i = 1; i < sla->nholidays; i++) {
		if (strcmp(sla->holidays[i], sla->holidays[n]) == 0) {
			free(sla->holidays[i]);
		} else {
			sla->holidays[++n] = sla->holidays[i];
		}
	}
	sla->nholidays = n + 1;
}

/* ---- indicators and schedules (the recap, report.h and schedule.h) ---- */

static void
conf_indcat_one(struct conf_ctx *x, const config_setting_t *g, void *p)
{
	struct conf_indicator_cat *ic = p;

	ic->line = config_setting_source_line(g);
	conf_group(x, g, conf_indcat_keys, ic, "indicators.categories");
}

static void
conf_indicators(struct conf_ctx *x, const config_setting_t *root)
{
	const config_setting_t *g = conf_section(root, "indicators");
	struct conf_indicators *in = &x->c->indicators;
	const char *pct[] = { "on_time_percent", "min_satisfied_percent" };
	int v[] = { in->on_time_percent, 0 };
	size_t i;

	if (g == NULL) {
		return;
	}
	in->line = config_setting_source_line(g);
	conf_group(x, g, conf_indicators_keys, in, "indicators");
	in->categories = conf_each(x, g, "categories", S_INDCAT,
	    sizeof *in->categories, &in->ncategories, conf_indcat_one);
	v[0] = in->on_time_percent;
	v[1] = in->min_satisfied_percent;
	for (i = 0; i < 2; i++) {
		if (v[i] > 100) {
			conf_err_at(x, g, pct[i], "'%s' is a percentage: at "
			    "most 100", pct[i]);
		}
	}
}

/* "day", "workday", "week", "2 weeks", "month", "3 months". */
static int
conf_every_parse(const char *v, struct conf_schedule *s)
{
	static const struct {
		const char		*word;
		enum conf_sched_unit	 unit;
		int			 max;
	} units[] = {
		{ "day", CONF_EVERY_DAY, 1 },
		{ "workday", CONF_EVERY_WORKDAY, 1 },
		{ "week", CONF_EVERY_WEEK, 52 },
		{ "month", CONF_EVERY_MONTH, 24 },
	};
	char *end;
	long n = 1;
	size_t i, len;

	if (isdigit((unsigned char)*v)) {
		n = strtol(v, &end, 10);
		if (*end != ' ') {
			return -1;
		}
		v = end + 1;
	}
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		len = strlen(units[i].word);
		if (strncmp(v, units[i].word, len) == 0 && (v[len] == '\0' ||
		    (v[len] == 's' && v[len + 1] == '\0')) && n >= 1 &&
		    n <= units[i].max) {
			s->unit = units[i].unit;
			s->every = (int)n;
			return 0;
		}
	}
	return -1;
}

/* The recap's period when none is given: the period just ended. */
static const char *
conf_sched_period(const struct conf_schedule *s)
{
	if (s->unit == CONF_EVERY_DAY || s->unit == CONF_EVERY_WORKDAY) {
		return "yesterday";
	}
	if (s->unit == CONF_EVERY_WEEK) {
		return s->every == 1 ? "last-week" : s->every == 2 ?
		    "last-2-weeks" : NULL;
	}
	return s->every == 1 ? "last-month" : s->every == 3 ?
	    "last-quarter" : s->every == 12 ? "last-year" : NULL;
}

/* kind and what each kind needs. */
static void
conf_sched_kind(struct conf_ctx *x, const config_setting_t *g,
    struct conf_sched_in *in)
{
	struct conf_schedule *s = &in->s;
	const char *p;

	if (in->kind == NULL) {
		return;
	}
	if (strcmp(in->kind, "recap") == 0) {
		s->kind = CONF_SCHED_RECAP;
	} else if (strcmp(in->kind, "digest") == 0) {
		s->kind = CONF_SCHED_DIGEST;
	} else if (strcmp(in->kind, "reminder") == 0) {
		s->kind = CONF_SCHED_REMINDER;
	} else {
		conf_err_at(x, g, "kind", "'kind' must be \"recap\", "
		    "\"digest\" or \"reminder\", not \"%s\"", in->kind);
		return;
	}
	if (s->kind != CONF_SCHED_DIGEST && s->nto == 0) {
		conf_err(x, g, "schedule '%s': 'to' must name the officers "
		    "it goes to", s->name ? s->name : "?");
	}
	if ((s->kind == CONF_SCHED_REMINDER) != (s->text != NULL)) {
		conf_err_at(x, g, "text", "schedule '%s': 'text' is what a "
		    "reminder says: %s", s->name ? s->name : "?",
		    s->kind == CONF_SCHED_REMINDER ? "give one" :
		    "only a reminder has one");
	}
	if (s->kind != CONF_SCHED_RECAP && s->period != NULL) {
		conf_err_at(x, g, "period", "schedule '%s': only a recap has "
		    "a 'period'", s->name ? s->name : "?");
	}
	if (s->kind == CONF_SCHED_RECAP && s->period == NULL &&
	    in->every != NULL) {
		if ((p = conf_sched_period(s)) == NULL) {
			conf_err(x, g, "schedule '%s': give the 'period' the "
			    "recap covers (e.g. \"last-month\")", s->name ?
			    s->name : "?");
		} else {
			s->period = xstrdup(p);
		}
	}
}

/* every, weekday, monthday, at. */
static void
conf_sched_when(struct conf_ctx *x, const config_setting_t *g,
    struct conf_sched_in *in)
{
	struct conf_schedule *s = &in->s;
	size_t i;

	if (in->every != NULL && conf_every_parse(in->every, s) == -1) {
		conf_err_at(x, g, "every", "'every' must be \"day\", "
		    "\"workday\", \"week\", \"N weeks\", \"month\" or \"N "
		    "months\", not \"%s\"", in->every);
	}
	if (in->weekday != NULL) {
		for (i = 0; i < 7 && strcmp(in->weekday, conf_days[i]); i++) {
		}
		if (i == 7 || s->unit != CONF_EVERY_WEEK) {
			conf_err_at(x, g, "weekday", "'weekday' (\"mon\" ... "
			    "\"sun\") is the day of a weekly schedule");
		}
		s->weekday = (int)(i % 7);
	}
	if (config_setting_get_member(g, "monthday") != NULL &&
	    (s->unit != CONF_EVERY_MONTH || s->monthday > 28)) {
		conf_err_at(x, g, "monthday", "'monthday' (1-28) is the day "
		    "of a monthly schedule");
	}
	if (in->at != NULL && ((s->at = conf_parse_hhmm(in->at)) == -1 ||
	    s->at >= CALENDAR_MINUTES_PER_DAY)) {
		conf_err_at(x, g, "at", "'at' must be a time \"HH:MM\" "
		    "(00:00-23:59), not \"%s\"", in->at);
		s->at = 8 * 60;
	}
}

static void
conf_schedule_one(struct conf_ctx *x, const config_setting_t *g, void *p)
{
	struct conf_sched_in *in = p;

	in->s.every = 1;
	in->s.weekday = 1;
	in->s.monthday = 1;
	in->s.at = 8 * 60;
	in->s.line = config_setting_source_line(g);
	conf_group(x, g, conf_schedules_keys, in, "schedules");
	conf_sched_when(x, g, in);
	conf_sched_kind(x, g, in);
	free(in->kind);
	free(in->every);
	free(in->weekday);
	free(in->at);
}

static void
conf_schedules(struct conf_ctx *x, const config_setting_t *root)
{
	struct conf_sched_in *in;
	struct conf *c = x->c;
	size_t i, n;

	in = conf_each(x, root, "schedules", S_SCHEDULE, sizeof *in, &n,
	    conf_schedule_one);
	if (n == 0) {
		free(in);
		return;
	}
	c->schedules = xcalloc(n, sizeof *c->schedules);
	for (i = 0; i < n; i++) {
		c->schedules[i] = in[i].s;
	}
	c->nschedules = n;
	free(in);
}

/* The top-level keys and the groups that fill struct conf directly. */
static void
conf_top(struct conf_ctx *x, const config_setting_t *root)
{
	const config_setting_t *g;

	conf_group(x, root, conf_root_keys, x->c, NULL);
	if ((g = conf_section(root, "organisation")) != NULL) {
		conf_group(x, g, conf_org_keys, x->c, "organisation");
	}
	if ((g = conf_section(root, "intake")) != NULL) {
		conf_group(x, g, conf_intake_keys, x->c, "intake");
		if (x->c->feedback_scale != 4 && x->c->feedback_scale != 5) {
			conf_err_at(x, g, "feedback_scale", "'feedback_scale' "
			    "must be 4 or 5 (scores 1-4 or 1-5)");
		}
	}
	if ((g = conf_section(root, "limits")) != NULL) {
		conf_group(x, g, conf_limits_keys, &x->c->limits, "limits");
	}
}

/* ---- cross checks ---- */

/* Names in the array (char * at off) must be unique. */
static void
conf_unique(struct conf_ctx *x, enum conf_section sec, const void *arr,
    size_t n, size_t size, size_t off, const char *key, const char *what)
{
	const char *a, *b;
	size_t i, j;

	for (i = 0; i < n; i++) {
		a = *(char *const *)((const char *)arr + i * size + off);
		for (j = 0; a != NULL && j < i; j++) {
			b = *(char *const *)((const char *)arr + j * size +
			    off);
			if (b != NULL && strcmp(a, b) == 0) {
				conf_err_at(x, x->groups[sec][i], key, "%s "
				    "'%s' is already defined at line %d",
				    what, a, config_setting_source_line(
				    x->groups[sec][j]));
				break;
			}
		}
	}
}

static long
conf_officer_index(const struct conf *c, const char *id)
{
	const struct conf_officer *o = conf_officer_by_id(c, id);

	return o == NULL ? -1 : (long)(o - c->officers);
}

static void
conf_officer_ref(struct conf_ctx *x, const config_setting_t *s,
    const char *key, const char *id)
{
	const struct conf *c = x->c;

	if (conf_officer_index(c, id) == -1) {
		conf_undefined(x, s, key, "officer", id, conf_suggest(id,
		    c->officers, c->nofficers, sizeof *c->officers,
		    offsetof(struct conf_officer, id)));
	}
}

/*
 * Officer i escalates in a circle: report it once, at the circle's first
 * officer in file order, spelled out so it is easy to break.
 */
static void
conf_escalation_cycle(struct conf_ctx *x, size_t i)
{
	const struct conf *c = x->c;
	long j = (long)i;
	size_t steps;
	struct buf b;

	for (steps = 0; steps < c->nofficers; steps++) {
		j = conf_officer_index(c, c->officers[j].escalate_to);
		if (j == -1 || (size_t)j < i) {
			return;
		}
		if ((size_t)j == i) {
			break;
		}
	}
	if ((size_t)j != i) {
		return;
	}
	buf_init(&b);
	buf_adds(&b, c->officers[i].id);
	do {
		j = conf_officer_index(c, c->officers[j].escalate_to);
		buf_printf(&b, " -> %s", c->officers[j].id);
	} while ((size_t)j != i);
	conf_err_at(x, x->groups[S_OFFICER][i], "escalate_to", "escalation "
	    "goes round in a circle (%s): let one of them escalate to "
	    "someone outside it, or to nobody", b.data);
	buf_free(&b);
}

static void
conf_escalation(struct conf_ctx *x)
{
	const struct conf *c = x->c;
	const config_setting_t *g, *s;
	size_t i;

	for (i = 0; i < c->nofficers; i++) {
		g = x->groups[S_OFFICER][i];
		s = config_setting_get_member(g, "escalate_to");
		if (c->officers[i].escalate_to == NULL) {
			continue;
		}
		if (c->officers[i].id != NULL && strcmp(c->officers[i].id,
		    c->officers[i].escalate_to) == 0) {
			conf_err(x, s, "'escalate_to' names the officer "
			    "itself: name the next person up, or leave it "
			    "out");
		} else {
			conf_officer_ref(x, s, "escalate_to",
			    c->officers[i].escalate_to);
		}
	}
	for (i = 0; i < c->nofficers; i++) {
		if (c->officers[i].escalate_to != NULL &&
		    c->officers[i].id != NULL &&
		    strcmp(c->officers[i].id, c->officers[i].escalate_to) !=
		    0) {
			conf_escalation_cycle(x, i);
		}
	}
}

static void
conf_category_ref(struct conf_ctx *x, const config_setting_t *s,
    const char *key, const char *id)
{
	const struct conf *c = x->c;

	if (c->ncategories > 0 && conf_category_by_id(c, id) == NULL) {
		conf_undefined(x, s, key, "category", id, conf_suggest(id,
		    c->categories, c->ncategories, sizeof *c->categories,
		    offsetof(struct conf_category, id)));
	}
}

static void
conf_category_officers(struct conf_ctx *x)
{
	const struct conf *c = x->c;
	const config_setting_t *s;
	size_t i, j;

	if (c->nofficers == 0) {
		return;
	}
	for (i = 0; i < c->ncategories; i++) {
		s = config_setting_get_member(x->groups[S_CATEGORY][i],
		    "officers");
		for (j = 0; j < c->categories[i].nofficers; j++) {
			conf_officer_ref(x, s, "officers",
			    c->categories[i].officers[j]);
		}
		s = config_setting_get_member(x->groups[S_CATEGORY][i],
		    "approvers");
		for (j = 0; j < c->categories[i].napprovers; j++) {
			conf_officer_ref(x, s, "approvers",
			    c->categories[i].approvers[j]);
		}
	}
}

/* approval { approvers, self_approve, remind_hours }: the approvers are
 * officers. */
static void
conf_approval(struct conf_ctx *x, const config_setting_t *root)
{
	const config_setting_t *g = conf_section(root, "approval");
	struct conf_approval *a = &x->c->approval;
	size_t i;

	if (g == NULL) {
		return;
	}
	a->line = config_setting_source_line(g);
	conf_group(x, g, conf_approval_keys, a, "approval");
	for (i = 0; x->c->nofficers > 0 && i < a->napprovers; i++) {
		conf_officer_ref(x, config_setting_get_member(g, "approvers"),
		    "approvers", a->approvers[i]);
	}
}

/* "email", "sms", "imap:<account>" or "modem:<modem>". */
static void
conf_rule_source(struct conf_ctx *x, const config_setting_t *s,
    const char *src)
{
	const struct conf *c = x->c;
	size_t i;

	if (strcmp(src, "email") == 0 || strcmp(src, "sms") == 0) {
		return;
	}
	if (strncmp(src, "imap:", 5) == 0) {
		for (i = 0; i < c->nimap; i++) {
			if (c->imap[i].name != NULL &&
			    strcmp(c->imap[i].name, src + 5) == 0) {
				return;
			}
		}
		conf_undefined(x, s, "source", "IMAP account", src + 5, NULL);
	} else if (strncmp(src, "modem:", 6) == 0) {
		for (i = 0; i < c->nmodems; i++) {
			if (c->modems[i].name != NULL &&
			    strcmp(c->modems[i].name, src + 6) == 0) {
				return;
			}
		}
		conf_undefined(x, s, "source", "modem", src + 6, NULL);
	} else {
		conf_err(x, s, "'source' must be \"email\", \"sms\", "
		    "\"imap:NAME\" or \"modem:NAME\", not \"%s\"", src);
	}
}

static void
conf_rules(struct conf_ctx *x, const config_setting_t *root)
{
	const struct conf *c = x->c;
	const config_setting_t *g;
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		g = x->groups[S_RULE][i];
		if (c->rules[i].category != NULL) {
			conf_category_ref(x, config_setting_get_member(g,
			    "category"), "category", c->rules[i].category);
		}
		if (c->rules[i].source != NULL) {
			conf_rule_source(x, config_setting_get_member(g,
			    "source"), c->rules[i].source);
		}
	}
	if (c->default_category != NULL) {
		conf_category_ref(x, config_setting_get_member(root,
		    "default_category"), "default_category",
		    c->default_category);
	}
	if (c->quality_manager != NULL) {
		conf_officer_ref(x, config_setting_get_member(
		    config_setting_get_member(root, "organisation"),
		    "quality_manager"), "quality_manager",
		    c->quality_manager);
	}
}

static void
conf_nonempty(struct conf_ctx *x, const config_setting_t *root,
    const char *key, size_t n, const char *what)
{
	const config_setting_t *s = config_setting_get_member(root, key);

	if (s != NULL && conf_is_list(s) && n == 0) {
		conf_err(x, s, "'%s' must define at least one %s", key, what);
	}
}

static void
conf_own_add(struct conf *c, const char *addr)
{
	size_t i;

	if (addr == NULL) {
		return;
	}
	for (i = 0; i < c->nown_addresses; i++) {
		if (strcasecmp(c->own_addresses[i], addr) == 0) {
			return;
		}
	}
	c->own_addresses = xreallocarray(c->own_addresses,
	    c->nown_addresses + 1, sizeof *c->own_addresses);
	c->own_addresses[c->nown_addresses++] = xstrdup(addr);
}

/* confidential = { phrases, viewers }: the viewers are officers; no
 * phrases means privacy.h's. */
static void
conf_confidential(struct conf_ctx *x, const config_setting_t *root)
{
	const config_setting_t *g = conf_section(root, "confidential");
	struct conf_confidential *cc = &x->c->confidential;
	size_t i;

	if (g != NULL) {
		cc->line = config_setting_source_line(g);
		conf_group(x, g, conf_confidential_keys, cc, "confidential");
	}
	for (i = 0; i < cc->nviewers; i++) {
		conf_officer_ref(x, config_setting_get_member(g, "viewers"),
		    "viewers", cc->viewers[i]);
	}
	if (cc->nphrases > 0) {
		return;
	}
	while (privacy_default_phrases[cc->nphrases] != NULL) {
		cc->nphrases++;
	}
	cc->phrases = xcalloc(cc->nphrases, sizeof *cc->phrases);
	for (i = 0; i < cc->nphrases; i++) {
		cc->phrases[i] = xstrdup(privacy_default_phrases[i]);
	}
}

/* Officers and categories they name exist; names are unique. */
static void
conf_report_refs(struct conf_ctx *x)
{
	const struct conf *c = x->c;
	const config_setting_t *s;
	size_t i, j;

	for (i = 0; i < c->indicators.ncategories; i++) {
		if (c->indicators.categories[i].category != NULL) {
			conf_category_ref(x, config_setting_get_member(
			    x->groups[S_INDCAT][i], "category"), "category",
			    c->indicators.categories[i].category);
		}
	}
	conf_unique(x, S_SCHEDULE, c->schedules, c->nschedules,
	    sizeof *c->schedules, offsetof(struct conf_schedule, name), "name",
	    "schedule");
	for (i = 0; c->nofficers > 0 && i < c->nschedules; i++) {
		s = config_setting_get_member(x->groups[S_SCHEDULE][i], "to");
		for (j = 0; j < c->schedules[i].nto; j++) {
			conf_officer_ref(x, s, "to", c->schedules[i].to[j]);
		}
	}
}

static void
conf_cross(struct conf_ctx *x, const config_setting_t *root)
{
	struct conf *c = x->c;
	size_t i;

	conf_unique(x, S_IMAP, c->imap, c->nimap, sizeof *c->imap,
	    offsetof(struct conf_imap, name), "name", "IMAP account");
	conf_unique(x, S_MODEM, c->modems, c->nmodems, sizeof *c->modems,
	    offsetof(struct conf_modem, name), "name", "modem");
	conf_unique(x, S_OFFICER, c->officers, c->nofficers,
	    sizeof *c->officers, offsetof(struct conf_officer, id), "id",
	    "officer");
	conf_unique(x, S_OFFICER, c->officers, c->nofficers,
	    sizeof *c->officers, offsetof(struct conf_officer, unix_user),
	    "unix_user", "unix_user");
	conf_unique(x, S_CATEGORY, c->categories, c->ncategories,
	    sizeof *c->categories, offsetof(struct conf_category, id), "id",
	    "category");
	conf_nonempty(x, root, "officers", c->nofficers, "officer");
	conf_nonempty(x, root, "categories", c->ncategories, "category");
	conf_escalation(x);
	conf_category_officers(x);
	conf_approval(x, root);
	conf_rules(x, root);
	conf_report_refs(x);
	conf_confidential(x, root);
	for (i = 0; i < c->nimap; i++) {
		conf_own_add(c, c->imap[i].address);
	}
	if (c->smtp != NULL) {
		conf_own_add(c, c->smtp->from);
		conf_own_add(c, c->smtp->reply_to);
	}
	if (c->limits.nsms_reply_prefixes == 0) {
		c->limits.sms_reply_prefixes = xcalloc(1,
		    sizeof *c->limits.sms_reply_prefixes);
		c->limits.sms_reply_prefixes[0] = xasprintf("+%s",
		    c->phone_country);
		c->limits.nsms_reply_prefixes = 1;
	}
}

static void
conf_alerts(struct conf_ctx *x, const config_setting_t *root)
{
	const config_setting_t *g = conf_section(root, "alerts");
	struct conf_alerts *a = &x->c->alerts;
	size_t i;

	if (g == NULL) {
		return;
	}
	a->line = config_setting_source_line(g);
	conf_group(x, g, conf_alerts_keys, a, "alerts");
	for (i = 0; x->c->nofficers > 0 && i < a->nto; i++) {
		conf_officer_ref(x, config_setting_get_member(g, "to"), "to",
		    a->to[i]);
	}
}

static void
conf_retention(struct conf_ctx *x, const config_setting_t *root)
{
	const config_setting_t *g = conf_section(root, "retention");
	struct conf_retention *r = &x->c->retention;

	if (g == NULL) {
		return;
	}
	r->line = config_setting_source_line(g);
	conf_group(x, g, conf_retention_keys, r, "retention");
	if (r->archive_after_years > 100) {
		conf_err(x, config_setting_get_member(g,
		    "archive_after_years"), "'archive_after_years' must be "
		    "1 to 100");
	}
}

/* ---- loading ---- */

static void
conf_defaults(struct conf *c)
{
	c->reference_format = xstrdup(REF_DEFAULT_FORMAT);
	c->cpar_reference_format = xstrdup(CONF_CPAR_DEFAULT_FORMAT);
	c->cpar_check_days = 30;
	c->cpar_close_when = xstrdup("planned");
	c->database = xstrdup(CONF_DEFAULT_DATABASE);
	c->templates_dir = xstrdup(CONF_DEFAULT_TEMPLATES);
	c->language = xstrdup("id");
	c->plain_reply = xstrdup(CONF_PLAIN_ASSIGNED);
	c->timezone = xstrdup("Asia/Jakarta");
	c->phone_country = xstrdup("62");
	c->feedback_scale = 4;
	c->sla.workdays = 0x3e;		/* Monday to Friday */
	c->sla.day_start = 7 * 60;
	c->sla.day_end = 15 * 60;
	c->sla.response_hours = 24;
	c->sla.resolve_days = 5;
	c->sla.feedback_days = 7;
	c->sla.feedback_reminder = 1;
	c->sla.remind_hours = 4;
	c->sla.escalate_hours = 8;
	c->sla.wait_days = 10;
	c->sla.catch_up_days = 7;
	c->approval.remind_hours = 4;
	c->limits.autoreply_per_hour = 10;
	c->limits.autoreply_per_day = 30;
	c->limits.max_message_size = 25 * 1024 * 1024;
	c->limits.max_attempts = 3;
	c->limits.send_attempts = 10;
	c->limits.worker_silence = 120;
	c->limits.retry_delay = 60;
	c->limits.autoreply_total_per_hour = 100;
	c->limits.autoreply_total_per_day = 500;
	c->limits.notify_per_hour = 20;
	c->limits.echo_chars = 60;
	c->limits.notify_excerpt = 2000;
	c->indicators.on_time_percent = 90;
	c->alerts.after_minutes = 15;
}

/* All of fd into b (NUL-terminated); -1 with errno on a read error. */
static int
conf_slurp(int fd, struct buf *b)
{
	char chunk[8192];
	ssize_t n;

	buf_init(b);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR) {
			continue;
		}
		if (n == -1) {
			buf_free(b);
			return -1;
		}
		if (n == 0) {
			return 0;
		}
		buf_add(b, chunk, (size_t)n);
	}
}

/* Open and parse; -1 (reported) if there is nothing to check. */
static int
conf_open(struct conf_ctx *x, config_t *cfg)
{
	struct stat st;
	struct buf text;
	char *copy;
	int fd, r;

	if ((fd = open(x->path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1) {
		conf_msg_add(x, x->path, 0, "cannot read the configuration "
		    "file: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		conf_msg_add(x, x->path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	/* parse exactly the bytes whose digest we keep */
	if (conf_slurp(fd, &text) == -1) {
		conf_msg_add(x, x->path, 0, "cannot read the configuration "
		    "file: %s", strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	sha256_hex(text.data, text.len, x->c->digest);
	copy = xstrdup(x->path);
	x->dir = realpath(dirname(copy), NULL);
	free(copy);
	if (x->dir == NULL) {
		conf_msg_add(x, x->path, 0, "cannot find the file's "
		    "directory: %s", strerror(errno));
		return -1;
	}
	config_set_include_dir(cfg, x->dir);
	r = config_read_string(cfg, text.data);
	buf_free(&text);
	if (r == CONFIG_FALSE) {
		conf_msg_add(x, config_error_file(cfg) != NULL ?
		    config_error_file(cfg) : x->path, config_error_line(cfg),
		    "%s", config_error_text(cfg));
		return -1;
	}
	return 0;
}

int
conf_load(const char *path, struct conf **out, struct conf_diag *diag)
{
	return conf_load_flags(path, 0, out, diag);
}

int
conf_load_flags(const char *path, int flags, struct conf **out,
    struct conf_diag *diag)
{
	struct conf_ctx x;
	config_t cfg;
	const config_setting_t *root;
	struct conf *c;
	size_t i;
	int rc = -1;

	*out = NULL;
	diag->msgs = NULL;
	diag->n = 0;
	memset(&x, 0, sizeof x);
	x.c = c = xcalloc(1, sizeof *c);
	x.flags = flags;
	x.path = path;
	conf_defaults(c);
	config_init(&cfg);
	if (conf_open(&x, &cfg) == 0) {
		root = config_root_setting(&cfg);
		conf_top(&x, root);
		c->imap = conf_each(&x, root, "imap", S_IMAP, sizeof *c->imap,
		    &c->nimap, conf_imap_one);
		conf_smtp(&x, root);
		c->modems = conf_each(&x, root, "modems", S_MODEM,
		    sizeof *c->modems, &c->nmodems, conf_modem_one);
		c->officers = conf_each(&x, root, "officers", S_OFFICER,
		    sizeof *c->officers, &c->nofficers, conf_officer_one);
		c->categories = conf_each(&x, root, "categories", S_CATEGORY,
		    sizeof *c->categories, &c->ncategories,
		    conf_category_one);
		c->rules = conf_each(&x, root, "routing", S_RULE,
		    sizeof *c->rules, &c->nrules, conf_rule_one);
		conf_sla(&x, root);
		conf_indicators(&x, root);
		conf_schedules(&x, root);
		conf_cross(&x, root);
		conf_alerts(&x, root);
		conf_retention(&x, root);
	}
	if (x.nmsgs == 0) {
		*out = c;
		c = NULL;
		rc = 0;
	}
	/* before config_destroy(): messages point at its file names */
	conf_diag_take(&x, diag);
	config_destroy(&cfg);
	for (i = 0; i < S_NSECTIONS; i++) {
		free(x.groups[i]);
	}
	free(x.dir);
	conf_free(c);
	return rc;
}

void
conf_diag_free(struct conf_diag *diag)
{
	if (diag == NULL) {
		return;
	}
	xfree_strv(diag->msgs, diag->n);
	diag->msgs = NULL;
	diag->n = 0;
}

/* ---- secrets ---- */

int
conf_read_secret(const char *path, char **out, char *err, size_t errlen)
{
	char data[CONF_SECRET_MAX];
	struct stat st;
	size_t n = 0, len;
	ssize_t r = 0;
	char *nl;
	int fd, rc = -1;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s is not a regular file", path);
		goto out;
	}
	if (st.st_mode & 077) {
		snprintf(err, errlen, "%s is accessible by group or others "
		    "(mode %04o): run chmod 600 %s", path,
		    (unsigned)(st.st_mode & 07777), path);
		goto out;
	}
	while (n < sizeof data - 1 && (r = read(fd, data + n,
	    sizeof data - 1 - n)) != 0) {
		if (r == -1 && errno != EINTR) {
			snprintf(err, errlen, "cannot read %s: %s", path,
			    strerror(errno));
			goto out;
		}
		n += r > 0 ? (size_t)r : 0;
	}
	nl = memchr(data, '\n', n);
	len = nl != NULL ? (size_t)(nl - data) : n;
	if (nl == NULL && n == sizeof data - 1) {
		snprintf(err, errlen, "the first line of %s is too long", path);
		goto out;
	}
	if (len > 0 && data[len - 1] == '\r') {
		len--;
	}
	if (len == 0) {
		snprintf(err, errlen, "%s is empty: the secret goes on its "
		    "first line", path);
		goto out;
	}
	*out = xstrndup(data, len);
	rc = 0;
out:
	explicit_bzero(data, sizeof data);
	if (fd != -1) {
		close(fd);
	}
	return rc;
}
