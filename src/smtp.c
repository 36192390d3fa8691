/*
 * smtp.c — libcurl's SMTP, wrapped (see smtp.h).  The only libcurl user.
 *
 * libcurl reports a failed transfer as a CURLcode and the last reply code;
 * what the server actually said, and to which command, comes from the
 * debug callback, which sees every protocol line and hands it to
 * smtpreply.c: incoming lines make up the last reply (multi-line replies
 * joined), outgoing lines tell the last command.  It also tracks whether
 * this connection has logged in (235) since its greeting (220).
 *
 * With credentials configured nothing leaves before the login: libcurl
 * skips AUTH silently when the server offers none and goes on to MAIL
 * FROM and RCPT TO, handing the envelope (whom the organisation writes
 * to) to a server that never saw the password.  So a connection that has
 * not logged in is first opened with a NOOP (EHLO, STARTTLS, AUTH, NOOP:
 * no address in it); only when that logged in does the message follow,
 * on the same connection.  The read callback still refuses to hand over
 * the message on a connection that did not log in.  Outgoing lines are logged
 * at debug level only for plain SMTP verbs: AUTH and whatever follows it
 * (the base64 credentials) never reach the log.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "log.h"
#include "smtp.h"
#include "smtpreply.h"
#include "xmalloc.h"

struct smtp {
	const struct conf_smtp	*cf;
	char			*url;		/* with the EHLO name as path */
	char			*from;		/* "<addr>" */
	char			*password;
	int			(*tick)(void *);
	void			*arg;
	CURL			*c;		/* NULL: not set up */
	char			 errbuf[CURL_ERROR_SIZE];
	struct smtpreply	 r;		/* the conversation */

	/* the message in hand */
	const char		*msg;
	size_t			 len;
	size_t			 off;
	int			 no_auth;
	int			 aborted;
};

/*
 * Debian's libcurl is built with libssh2, and curl_global_init() starts it
 * whatever the flags: libssh2_init(0), which has OpenSSL load its engines
 * and algorithms — 1.4 MB of libcrypto's pages touched in a process that
 * speaks only SMTP over GnuTLS (CURLOPT_PROTOCOLS_STR).  libssh2 starts its
 * crypto only on its first initialisation, so one made first without it
 * (LIBSSH2_INIT_NO_CRYPTO, 1) makes curl's a count.  Looked up, not
 * linked: a libcurl without libssh2 simply has no such symbol.
 */
static void
smtp_quiet_ssh(void)
{
	int (*ssh_init)(int);

	*(void **)&ssh_init = dlsym(RTLD_DEFAULT, "libssh2_init");
	if (ssh_init != NULL) {
		ssh_init(1);
	}
}

int
smtp_init(void)
{
	CURLcode rc;

	smtp_quiet_ssh();
	rc = curl_global_init(CURL_GLOBAL_DEFAULT);

	if (rc != CURLE_OK) {
		log_warnx("smtp: libcurl cannot start: %s",
		    curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

/* ---- the protocol as libcurl sees it ---- */

static void
smtp_command_line(struct smtp *s, const char *line, size_t n)
{
	size_t shown;

	switch (smtpreply_command(&s->r, line, n, &shown)) {
	case SMTPREPLY_PUBLIC:
		log_debug("smtp> %.*s", (int)shown, line);
		break;
	case SMTPREPLY_AUTH:
		log_debug("smtp> AUTH (credentials not logged)");
		break;
	default:
		break;
	}
}

static int
smtp_debug_cb(CURL *c, curl_infotype type, char *data, size_t size,
    void *arg)
{
	struct smtp *s = arg;
	const char *p = data, *end = data + size, *nl;
	size_t n;

	(void)c;
	if (type != CURLINFO_HEADER_IN && type != CURLINFO_HEADER_OUT) {
		return 0;
	}
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl : end) - p);
		if (type == CURLINFO_HEADER_OUT) {
			smtp_command_line(s, p, n);
		} else {
			while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n')) {
				n--;
			}
			log_debug("smtp< %.*s", (int)n, p);
			smtpreply_line(&s->r, p, n);
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

static size_t
smtp_read_cb(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct smtp *s = arg;
	size_t n = size * nmemb;

	if (!s->r.in_data && s->password != NULL && !s->r.authed) {
		/* libcurl skips AUTH silently when the server offers none */
		s->no_auth = 1;
		return CURL_READFUNC_ABORT;
	}
	s->r.in_data = 1;
	if (n > s->len - s->off) {
		n = s->len - s->off;
	}
	memcpy(buf, s->msg + s->off, n);
	s->off += n;
	return n;
}

/* The answer to the NOOP is not ours to keep (libcurl would print it). */
static size_t
smtp_discard_cb(char *buf, size_t size, size_t nmemb, void *arg)
{
	(void)buf;
	(void)arg;
	return size * nmemb;
}

static int
smtp_progress_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut,
    curl_off_t un)
{
	struct smtp *s = arg;

	(void)dt;
	(void)dn;
	(void)ut;
	(void)un;
	if (s->tick != NULL && s->tick(s->arg) != 0) {
		s->aborted = 1;
		return 1;
	}
	return 0;
}

/* ---- the session ---- */

static int
smtp_setup(struct smtp *s)
{
	const struct conf_smtp *cf = s->cf;
	CURL *c;
	long t = cf->timeout > 0 ? cf->timeout : 60;

	if ((c = curl_easy_init()) == NULL) {
		log_warnx("smtp: cannot create a libcurl handle");
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(cf->tls == CONF_TLS_NONE ?
	    CURLUSESSL_NONE : CURLUSESSL_ALL));
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (cf->ca_file != NULL) {
		/* that file alone: curl also read its built-in directory
		 * (/etc/ssl/certs, 290 files, most of the first message's
		 * latency after a quiet spell) and trusted it too */
		curl_easy_setopt(c, CURLOPT_CAINFO, cf->ca_file);
		curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	}
	if (s->password != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cf->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->password);
		curl_easy_setopt(c, CURLOPT_SASL_IR, 1L);
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, s->from);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, smtp_read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, s);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, smtp_discard_cb);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, t);
	curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, t);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 3 * t);	/* the last resort */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, smtp_progress_cb);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);	/* for the callback */
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, smtp_debug_cb);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
	s->c = c;
	s->r.authed = 0;
	return 0;
}

struct smtp *
smtp_new(const struct conf_smtp *cf, const char *password,
    int (*tick)(void *), void *arg)
{
	struct smtp *s = xcalloc(1, sizeof *s);
	size_t n = strlen(cf->url);

	while (n > 0 && cf->url[n - 1] == '/') {
		n--;
	}
	s->cf = cf;
	s->url = xasprintf("%.*s/%s", (int)n, cf->url, cf->helo ? cf->helo :
	    "");
	s->from = xasprintf("<%s>", cf->from);
	s->password = password != NULL ? xstrdup(password) : NULL;
	s->tick = tick;
	s->arg = arg;
	if (smtp_setup(s) == -1) {
		smtp_free(s);
		return NULL;
	}
	return s;
}

void
smtp_close(struct smtp *s)
{
	if (s != NULL && s->c != NULL) {
		curl_easy_cleanup(s->c);	/* says QUIT */
		s->c = NULL;
	}
}

void
smtp_free(struct smtp *s)
{
	if (s == NULL) {
		return;
	}
	smtp_close(s);
	if (s->password != NULL) {
		explicit_bzero(s->password, strlen(s->password));
		free(s->password);
	}
	free(s->url);
	free(s->from);
	free(s);
}

/* ---- one message ---- */

/* What went wrong with the connection, in words a sysadmin can act on. */
static void
smtp_session_error(struct smtp *s, CURLcode rc, struct smtp_result *r)
{
	const char *e = s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc);
	const char *what;

	switch (rc) {
	case CURLE_USE_SSL_FAILED:
		what = "the server does not offer STARTTLS, which is required "
		    "(nothing is sent in plain text)";
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
		what = "the server's certificate is not trusted (check "
		    "ca_file and the host name in url)";
		break;
	case CURLE_LOGIN_DENIED:
		what = "login refused (check user and password_file)";
		break;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		what = "cannot connect";
		break;
	case CURLE_OPERATION_TIMEDOUT:
		what = "timed out";
		break;
	default:
		what = "SMTP session failed";
		break;
	}
	if (s->r.fail_code != 0) {
		snprintf(r->detail, sizeof r->detail, "%s: %.200s (server "
		    "said: %.200s)", what, e, s->r.fail_reply);
	} else {
		snprintf(r->detail, sizeof r->detail, "%s: %.400s", what, e);
	}
}

static void
smtp_classify(struct smtp *s, CURLcode rc, struct smtp_result *r)
{
	const char *phase = smtpreply_refused_at(&s->r);

	if (rc == CURLE_OK) {
		r->outcome = SMTP_SENT;
		snprintf(r->detail, sizeof r->detail, "%.500s", s->r.reply);
	} else if (s->aborted) {
		r->outcome = SMTP_ABORTED;
		r->session = 1;
		snprintf(r->detail, sizeof r->detail, "interrupted: stopping");
	} else if (s->no_auth) {
		r->outcome = SMTP_TEMPFAIL;
		r->session = 1;
		snprintf(r->detail, sizeof r->detail, "the server offered no "
		    "AUTH: credentials are configured, so nothing is sent "
		    "without logging in");
	} else if (phase != NULL && s->r.fail_code < 600 &&
	    s->r.fail_code != 530) {
		/* 530: TLS or a login wanted — the session, not the message */
		r->code = s->r.fail_code;
		r->outcome = r->code >= 500 ? SMTP_PERMFAIL : SMTP_TEMPFAIL;
		snprintf(r->detail, sizeof r->detail, "%s: %.480s", phase,
		    s->r.fail_reply);
	} else {
		r->outcome = SMTP_TEMPFAIL;
		r->session = 1;
		smtp_session_error(s, rc, r);
	}
}

static void
smtp_start(struct smtp *s, const char *msg, size_t len)
{
	s->msg = msg;
	s->len = len;
	s->off = 0;
	s->no_auth = 0;
	s->aborted = 0;
	smtpreply_start(&s->r);
	s->errbuf[0] = '\0';
}

/* Connect and log in with a NOOP, no address said yet (see the top). */
static CURLcode
smtp_login_first(struct smtp *s)
{
	CURLcode rc;

	curl_easy_setopt(s->c, CURLOPT_UPLOAD, 0L);
	curl_easy_setopt(s->c, CURLOPT_CUSTOMREQUEST, "NOOP");
	rc = curl_easy_perform(s->c);
	curl_easy_setopt(s->c, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(s->c, CURLOPT_UPLOAD, 1L);
	if (rc == CURLE_OK && !s->r.authed) {
		s->no_auth = 1;
		return CURLE_LOGIN_DENIED;
	}
	return rc;
}

void
smtp_send(struct smtp *s, const char *rcpt, const char *msg, size_t len,
    struct smtp_result *r)
{
	struct curl_slist *to = NULL;
	char *angle, red[128];
	long code = 0;
	CURLcode rc;

	memset(r, 0, sizeof *r);
	if (s->c == NULL && smtp_setup(s) == -1) {
		r->outcome = SMTP_TEMPFAIL;
		r->session = 1;
		snprintf(r->detail, sizeof r->detail, "libcurl unusable");
		return;
	}
	smtp_start(s, msg, len);
	if (s->password != NULL && !s->r.authed &&
	    (rc = smtp_login_first(s)) != CURLE_OK) {
		r->code = 0;
		smtp_classify(s, rc, r);
		log_warnx("smtp %s: %s", s->cf->url, r->detail);
		smtp_close(s);
		return;
	}
	angle = xasprintf("<%s>", rcpt);
	to = curl_slist_append(NULL, angle);
	free(angle);
	curl_easy_setopt(s->c, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(s->c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	rc = curl_easy_perform(s->c);
	curl_easy_getinfo(s->c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(s->c, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(to);
	r->code = (int)code;
	smtp_classify(s, rc, r);
	log_redact_addr(rcpt, red, sizeof red);
	if (r->outcome == SMTP_SENT || r->outcome == SMTP_ABORTED) {
		return;
	}
	if (r->session) {
		log_warnx("smtp %s: %s", s->cf->url, r->detail);
		smtp_close(s);		/* start afresh next time */
	} else {
		log_info("smtp: message to %s not accepted: %s", red,
		    r->detail);
	}
}
