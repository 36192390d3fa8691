/*
 * imap.c — one IMAP session over libetpan (see imap.h).  The only user of
 * libetpan's IMAP client and of GnuTLS's certificate verification.
 *
 * Rules kept here:
 *  - mailimap_set_timeout() before connecting: it bounds connect(), the
 *    TLS handshake and every later read and write;
 *  - the certificate is checked by us (GnuTLS trust list: chain + host
 *    name) before the password is sent, because Debian's libetpan (GnuTLS
 *    flavour) verifies nothing;
 *  - TLS 1.2 or later only (as smtp.c asks of libcurl): libetpan sets its
 *    own priority string ("NORMAL", which still allows TLS 1.0 and 1.1)
 *    after our callback runs, so the version is checked by a GnuTLS hook
 *    on the server's hello instead, which ends the handshake before a
 *    byte of IMAP is spoken;
 *  - a session whose stream failed is "broken": it is closed without
 *    LOGOUT (mailimap_free() would send one and wait for the full timeout
 *    on a dead peer);
 *  - libetpan's protocol trace (mailstream_debug) is never turned on: it
 *    writes the password to a file in the working directory;
 *  - fetch results are keyed on the UID, never on their position (a result
 *    list may hold unsolicited FETCH responses).
 */
#include <sys/socket.h>

#include <arpa/inet.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libetpan/libetpan.h>

#include "conf_load.h"
#include "imap.h"
#include "imapdata.h"
#include "log.h"
#include "xmalloc.h"

#define CHAIN_MAX	16
#define LOGOUT_SECS	3	/* a polite goodbye must not delay a stop */

struct imap {
	const struct conf_imap	*ci;
	mailimap		*m;
	int			 broken;
	int			 has_idle;
	int			 has_move;
	int			 has_uidplus;
	int			 unlisted;	/* see imap_unlisted() */
	char			 ns_prefix[64];	/* personal namespace */
	char			 ns_sep;	/* hierarchy separator; 0 flat */
	char			 folder[256];	/* imap_folder()'s answer */
	enum imap_errkind	 kind;
	char			 err[320];
	void			(*progress)(void *);
	void			*progress_arg;
};

/* ---- errors ---- */

static int
imap_fail(struct imap *im, enum imap_errkind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
imap_fail(struct imap *im, enum imap_errkind kind, const char *fmt, ...)
{
	int interrupted = errno == EINTR;
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(im->err, sizeof im->err, "%s:%d: %s", im->ci->host,
	    im->ci->port, what);
	im->kind = kind;
	if (kind == IMAP_E_NET || kind == IMAP_E_TLS || kind == IMAP_E_CERT ||
	    kind == IMAP_E_LOGIN) {
		im->broken = 1;
	}
	/* a signal (SIGTERM: stopping) cut a wait short: not a failure */
	if (interrupted && kind == IMAP_E_NET) {
		log_info("%s (interrupted by a signal)", im->err);
	} else {
		log_warnx("%s", im->err);
	}
	return -1;
}

static enum imap_errkind
imap_kind(int r)
{
	switch (r) {
	case MAILIMAP_ERROR_SSL:
	case MAILIMAP_ERROR_STARTTLS:
		return IMAP_E_TLS;
	case MAILIMAP_ERROR_LOGIN:
	case MAILIMAP_ERROR_SASL:
		return IMAP_E_LOGIN;
	case MAILIMAP_ERROR_BAD_STATE:
	case MAILIMAP_ERROR_STREAM:
	case MAILIMAP_ERROR_PARSE:
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
	case MAILIMAP_ERROR_MEMORY:
	case MAILIMAP_ERROR_FATAL:
	case MAILIMAP_ERROR_PROTOCOL:
	case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
	case MAILIMAP_ERROR_NEEDS_MORE_DATA:
		return IMAP_E_NET;
	default:
		return IMAP_E_NO;
	}
}

/* What a libetpan result means, for people. */
static const char *
imap_why(struct imap *im, int r)
{
	switch (r) {
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
		return "cannot connect (refused, unreachable or timed out)";
	case MAILIMAP_ERROR_STREAM:
		return "connection lost or timed out";
	case MAILIMAP_ERROR_PARSE:
		return "connection lost or unreadable answer";
	case MAILIMAP_ERROR_SSL:
		return "TLS handshake failed";
	case MAILIMAP_ERROR_FATAL:
		return "the server closed the session (BYE)";
	default:
		break;
	}
	if (im->m != NULL && im->m->imap_response != NULL &&
	    im->m->imap_response[0] != '\0') {
		return im->m->imap_response;
	}
	return "refused by the server";
}

/* One command's failure: its kind from the libetpan code. */
static int
imap_cmd_fail(struct imap *im, int r, const char *cmd)
{
	return imap_fail(im, imap_kind(r), "%s: %s", cmd, imap_why(im, r));
}

const char *
imap_error(const struct imap *im)
{
	return im->err;
}

enum imap_errkind
imap_errkind(const struct imap *im)
{
	return im->kind;
}

/* ---- session ---- */

struct imap *
imap_new(const struct conf_imap *ci)
{
	struct imap *im;

	im = xcalloc(1, sizeof *im);
	im->ci = ci;
	return im;
}

void
imap_free(struct imap *im)
{
	if (im == NULL) {
		return;
	}
	if (im->m != NULL) {
		if (!im->broken && im->m->imap_stream != NULL) {
			mailstream_low_set_timeout(mailstream_get_low(
			    im->m->imap_stream), LOGOUT_SECS);
			mailimap_logout(im->m);
		}
		if (im->m->imap_stream != NULL) {
			mailstream_close(im->m->imap_stream);
			im->m->imap_stream = NULL;
		}
		mailimap_free(im->m);
	}
	free(im);
}

void
imap_set_progress(struct imap *im, void (*fn)(void *), void *arg)
{
	im->progress = fn;
	im->progress_arg = arg;
}

static void
imap_progress(size_t current, size_t maximum, void *arg)
{
	struct imap *im = arg;

	(void)current;
	(void)maximum;
	if (im->progress != NULL) {
		im->progress(im->progress_arg);
	}
}

/*
 * The head of libetpan's struct mailstream_ssl_context in its GnuTLS build
 * (mailstream_ssl.c, 1.9): the socket, then the session.  The layout is
 * trusted only when libetpan's own accessors agree (the fd matches, there
 * is no OpenSSL context); otherwise no handshake is allowed.
 */
struct etpan_gnutls_head {
	int			fd;
	gnutls_session_t	session;
};

/* What the hook saw: the version a server chose below TLS 1.2, or a
 * context whose layout was not the expected one (-1).  One session at a
 * time per process (each IMAP worker has one account). */
static int imap_tls_refused;

static int
imap_tls_version_hook(gnutls_session_t s, unsigned int htype,
    unsigned int when, unsigned int incoming, const gnutls_datum_t *msg)
{
	gnutls_protocol_t v = gnutls_protocol_get_version(s);

	(void)htype;
	(void)when;
	(void)incoming;
	(void)msg;
	if (v == GNUTLS_SSL3 || v == GNUTLS_TLS1_0 || v == GNUTLS_TLS1_1) {
		imap_tls_refused = (int)v;
		return GNUTLS_E_UNSUPPORTED_VERSION_PACKET;
	}
	return 0;
}

/* SNI (not for an IP address, RFC 6066) and the version check. */
static void
imap_tls_setup(struct mailstream_ssl_context *ctx, void *host)
{
	const struct etpan_gnutls_head *h = (const void *)ctx;
	unsigned char a[16];

	imap_tls_refused = 0;
	if (mailstream_ssl_get_openssl_ssl_ctx(ctx) != NULL ||
	    mailstream_ssl_get_fd(ctx) != h->fd || h->session == NULL) {
		imap_tls_refused = -1;
		shutdown(mailstream_ssl_get_fd(ctx), SHUT_RDWR);
		return;
	}
	gnutls_handshake_set_hook_function(h->session,
	    GNUTLS_HANDSHAKE_SERVER_HELLO, GNUTLS_HOOK_POST,
	    imap_tls_version_hook);
	if (inet_pton(AF_INET, host, a) == 1 ||
	    inet_pton(AF_INET6, host, a) == 1) {
		return;
	}
	mailstream_ssl_set_server_name(ctx, host);
}

/* Why the TLS handshake failed, when the version check made it fail. */
static int
imap_tls_why(struct imap *im, const char *step)
{
	if (imap_tls_refused == -1) {
		return imap_fail(im, IMAP_E_TLS, "%s: cannot check the TLS "
		    "version with this libetpan (not its GnuTLS build); not "
		    "connecting", step);
	}
	return imap_fail(im, IMAP_E_TLS, "%s: the server offers %s; TLS 1.2 "
	    "or later is required", step,
	    gnutls_protocol_get_name((gnutls_protocol_t)imap_tls_refused));
}

static int
imap_trust(struct imap *im, gnutls_x509_trust_list_t *tl)
{
	int r;

	if (gnutls_x509_trust_list_init(tl, 0) < 0) {
		return imap_fail(im, IMAP_E_CERT, "cannot set up GnuTLS");
	}
	if (im->ci->ca_file != NULL) {
		r = gnutls_x509_trust_list_add_trust_file(*tl,
		    im->ci->ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
	} else {
		r = gnutls_x509_trust_list_add_system_trust(*tl, 0, 0);
	}
	if (r <= 0) {
		gnutls_x509_trust_list_deinit(*tl, 1);
		return imap_fail(im, IMAP_E_CERT, "no CA certificate loaded "
		    "from %s%s%s", im->ci->ca_file ? im->ci->ca_file :
		    "the system trust store", r < 0 ? ": " : "",
		    r < 0 ? gnutls_strerror(r) : "");
	}
	return 0;
}

/* The server's chain (leaf first) as GnuTLS certificates: the count. */
static unsigned
imap_chain(struct imap *im, gnutls_x509_crt_t *crt)
{
	carray *chain;
	MMAPString *der;
	gnutls_datum_t d;
	unsigned i, n = 0;

	chain = mailstream_get_certificate_chain(im->m->imap_stream);
	if (chain == NULL) {
		return 0;
	}
	for (i = 0; i < carray_count(chain) && n < CHAIN_MAX; i++) {
		der = carray_get(chain, i);
		d.data = (unsigned char *)der->str;
		d.size = (unsigned)der->len;
		if (gnutls_x509_crt_init(&crt[n]) < 0) {
			break;
		}
		if (gnutls_x509_crt_import(crt[n], &d, GNUTLS_X509_FMT_DER) < 0) {
			gnutls_x509_crt_deinit(crt[n]);
			continue;
		}
		n++;
	}
	mailstream_certificate_chain_free(chain);
	return n;
}

/* Chain and host name, against the configured trust; before LOGIN. */
static int
imap_verify(struct imap *im)
{
	gnutls_x509_crt_t crt[CHAIN_MAX];
	gnutls_x509_trust_list_t tl;
	gnutls_typed_vdata_st vd;
	gnutls_datum_t txt = { NULL, 0 };
	unsigned n, i, status = 0;
	int r, rc = -1;

	if (imap_trust(im, &tl) == -1) {
		return -1;
	}
	if ((n = imap_chain(im, crt)) == 0) {
		gnutls_x509_trust_list_deinit(tl, 1);
		return imap_fail(im, IMAP_E_CERT, "the server sent no "
		    "certificate; not logging in");
	}
	vd.type = GNUTLS_DT_DNS_HOSTNAME;
	vd.data = (unsigned char *)im->ci->host;
	vd.size = 0;
	r = gnutls_x509_trust_list_verify_crt2(tl, crt, n, &vd, 1, 0, &status,
	    NULL);
	if (r < 0) {
		imap_fail(im, IMAP_E_CERT, "certificate check failed: %s; "
		    "not logging in", gnutls_strerror(r));
	} else if (status != 0) {
		gnutls_certificate_verification_status_print(status,
		    GNUTLS_CRT_X509, &txt, 0);
		while (txt.data != NULL && txt.size > 0 &&
		    txt.data[txt.size - 1] == ' ') {
			txt.data[--txt.size] = '\0';
		}
		imap_fail(im, IMAP_E_CERT, "certificate rejected for \"%s\" "
		    "(trusting %s): %s; not logging in", im->ci->host,
		    im->ci->ca_file ? im->ci->ca_file : "the system CAs",
		    txt.data ? (char *)txt.data : "not trusted");
		gnutls_free(txt.data);
	} else {
		rc = 0;
	}
	for (i = 0; i < n; i++) {
		gnutls_x509_crt_deinit(crt[i]);
	}
	gnutls_x509_trust_list_deinit(tl, 1);
	return rc;
}

static int
imap_open_stream(struct imap *im)
{
	const struct conf_imap *ci = im->ci;
	int r;

	im->m = mailimap_new(0, NULL);
	if (im->m == NULL) {
		return imap_fail(im, IMAP_E_NET, "out of memory");
	}
	mailimap_set_timeout(im->m, ci->timeout);
	mailimap_set_progress_callback(im->m, imap_progress, imap_progress, im);
	imap_tls_refused = 0;
	if (ci->tls == CONF_TLS_IMPLICIT) {
		r = mailimap_ssl_connect_with_callback(im->m, ci->host,
		    (uint16_t)ci->port, imap_tls_setup, ci->host);
	} else {
		r = mailimap_socket_connect(im->m, ci->host,
		    (uint16_t)ci->port);
	}
	if (r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED &&
	    r != MAILIMAP_NO_ERROR_AUTHENTICATED && imap_tls_refused != 0 &&
	    ci->tls == CONF_TLS_IMPLICIT) {
		return imap_tls_why(im, "connect (implicit TLS)");
	}
	if (r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED &&
	    r != MAILIMAP_NO_ERROR_AUTHENTICATED) {
		return imap_fail(im, r == MAILIMAP_ERROR_SSL ? IMAP_E_TLS :
		    IMAP_E_NET, "connect (%s): %s", ci->tls ==
		    CONF_TLS_IMPLICIT ? "implicit TLS" : ci->tls ==
		    CONF_TLS_STARTTLS ? "STARTTLS" : "plain", imap_why(im, r));
	}
	if (ci->tls != CONF_TLS_STARTTLS) {
		return 0;
	}
	/* the greeting need not list the capabilities: ask */
	if (im->m->imap_connection_info == NULL ||
	    im->m->imap_connection_info->imap_capability == NULL) {
		struct mailimap_capability_data *cap = NULL;

		r = mailimap_capability(im->m, &cap);
		if (r != MAILIMAP_NO_ERROR) {
			return imap_cmd_fail(im, r, "CAPABILITY");
		}
		mailimap_capability_data_free(cap);
	}
	/* never fall back to plaintext */
	if (!mailimap_has_extension(im->m, "STARTTLS")) {
		return imap_fail(im, IMAP_E_TLS, "the server does not offer "
		    "STARTTLS; not logging in without TLS");
	}
	r = mailimap_socket_starttls_with_callback(im->m, imap_tls_setup,
	    ci->host);
	if (r != MAILIMAP_NO_ERROR && imap_tls_refused != 0) {
		return imap_tls_why(im, "STARTTLS");
	}
	if (r != MAILIMAP_NO_ERROR) {
		return imap_fail(im, IMAP_E_TLS, "STARTTLS: %s",
		    imap_why(im, r));
	}
	return 0;
}

static int
imap_login(struct imap *im)
{
	const struct conf_imap *ci = im->ci;
	char *pw = NULL, err[256];
	int r;

	if (conf_read_secret(ci->password_file, &pw, err, sizeof err) == -1) {
		return imap_fail(im, IMAP_E_LOGIN, "password: %s", err);
	}
	r = mailimap_login(im->m, ci->user, pw);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (r != MAILIMAP_NO_ERROR) {
		return imap_fail(im, imap_kind(r) == IMAP_E_NO ? IMAP_E_LOGIN :
		    imap_kind(r), "LOGIN as %s: %s", ci->user,
		    imap_why(im, r));
	}
	return 0;
}

/* After LOGIN: what the server offers (asked again: the greeting's list
 * may predate STARTTLS and LOGIN). */
static int
imap_capabilities(struct imap *im)
{
	struct mailimap_capability_data *cap = NULL;
	int r;

	r = mailimap_capability(im->m, &cap);
	if (r != MAILIMAP_NO_ERROR) {
		return imap_cmd_fail(im, r, "CAPABILITY");
	}
	mailimap_capability_data_free(cap);
	im->has_idle = mailimap_has_idle(im->m);
	im->has_move = mailimap_has_extension(im->m, "MOVE");
	im->has_uidplus = mailimap_has_uidplus(im->m);
	return 0;
}

/* The separator of the hierarchy INBOX is in (LIST "" "INBOX"). */
static void
imap_separator(struct imap *im)
{
	struct mailimap_mailbox_list *mb;
	clist *res = NULL;

	im->ns_sep = '/';
	if (mailimap_list(im->m, "", "INBOX", &res) != MAILIMAP_NO_ERROR ||
	    res == NULL) {
		return;
	}
	if (clist_begin(res) != NULL) {
		mb = clist_content(clist_begin(res));
		im->ns_sep = mb->mb_delimiter;
	}
	mailimap_list_result_free(res);
}

/* Where the user's folders live (RFC 2342): the first personal namespace;
 * without NAMESPACE the root, with LIST's separator. */
static void
imap_namespace(struct imap *im)
{
	struct mailimap_namespace_data *ns = NULL;
	struct mailimap_namespace_info *info;
	clistiter *it;

	im->ns_prefix[0] = '\0';
	if (!mailimap_has_namespace(im->m) ||
	    mailimap_namespace(im->m, &ns) != MAILIMAP_NO_ERROR ||
	    ns == NULL || ns->ns_personal == NULL ||
	    (it = clist_begin(ns->ns_personal->ns_data_list)) == NULL) {
		if (ns != NULL) {
			mailimap_namespace_data_free(ns);
		}
		imap_separator(im);
		return;
	}
	info = clist_content(it);
	snprintf(im->ns_prefix, sizeof im->ns_prefix, "%s", info->ns_prefix);
	im->ns_sep = info->ns_delimiter;
	mailimap_namespace_data_free(ns);
}

const char *
imap_folder(struct imap *im, const char *configured)
{
	if (imapdata_folder(configured, im->ns_prefix, im->ns_sep,
	    im->folder, sizeof im->folder) == -1) {
		snprintf(im->folder, sizeof im->folder, "%s", configured);
	}
	return im->folder;
}

int
imap_connect(struct imap *im)
{
	im->kind = IMAP_E_NONE;
	im->err[0] = '\0';
	if (im->m != NULL) {
		return imap_fail(im, IMAP_E_NET, "already connected");
	}
	if (imap_open_stream(im) == -1) {
		return -1;
	}
	if (im->ci->tls != CONF_TLS_NONE && imap_verify(im) == -1) {
		return -1;
	}
	if (imap_login(im) == -1 || imap_capabilities(im) == -1) {
		return -1;
	}
	imap_namespace(im);
	log_debug("%s:%d: logged in as %s (IDLE %s, MOVE %s, UIDPLUS %s), "
	    "personal namespace \"%s\", separator \"%c\"", im->ci->host,
	    im->ci->port, im->ci->user, im->has_idle ? "yes" : "no",
	    im->has_move ? "yes" : "no", im->has_uidplus ? "yes" : "no",
	    im->ns_prefix, im->ns_sep ? im->ns_sep : ' ');
	return 0;
}

int
imap_select(struct imap *im, const char *mailbox, uint32_t *uidvalidity)
{
	int r;

	r = mailimap_select(im->m, mailbox);
	if (r != MAILIMAP_NO_ERROR) {
		return imap_fail(im, imap_kind(r), "SELECT %s: %s", mailbox,
		    imap_why(im, r));
	}
	*uidvalidity = im->m->imap_selection_info->sel_uidvalidity;
	return 0;
}

uint32_t
imap_uidvalidity(struct imap *im)
{
	return im->m != NULL && im->m->imap_selection_info != NULL ?
	    im->m->imap_selection_info->sel_uidvalidity : 0;
}

int
imap_has_idle(struct imap *im)
{
	return im->has_idle;
}

int
imap_has_move(struct imap *im)
{
	return im->has_move;
}

/* ---- listing and fetching ---- */

static struct mailimap_set *
imap_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set;
	size_t i, j;

	set = mailimap_set_new_empty();
	if (set == NULL) {
		fatalx("out of memory");
	}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && uids[j] == uids[j - 1] + 1; j++) {
			;
		}
		if (mailimap_set_add_interval(set, uids[i], uids[j - 1])
		    != MAILIMAP_NO_ERROR) {
			fatalx("out of memory");
		}
	}
	return set;
}

static unsigned
imap_flags(struct mailimap_msg_att_dynamic *dyn)
{
	struct mailimap_flag_fetch *ff;
	clistiter *it;
	unsigned f = 0;

	if (dyn == NULL || dyn->att_list == NULL) {
		return 0;
	}
	for (it = clist_begin(dyn->att_list); it; it = clist_next(it)) {
		ff = clist_content(it);
		if (ff->fl_type != MAILIMAP_FLAG_FETCH_OTHER) {
			continue;
		}
		if (ff->fl_flag->fl_type == MAILIMAP_FLAG_SEEN) {
			f |= IMAP_F_SEEN;
		} else if (ff->fl_flag->fl_type == MAILIMAP_FLAG_DELETED) {
			f |= IMAP_F_DELETED;
		}
	}
	return f;
}

/* INTERNALDATE as Unix time (0: none). */
static time_t
imap_date(const struct mailimap_date_time *d)
{
	return d == NULL ? 0 : imapdata_time(d->dt_year, d->dt_month,
	    d->dt_day, d->dt_hour, d->dt_min, d->dt_sec, d->dt_zone);
}

/* UID, size, flags and body section of one FETCH response. */
static void
imap_att(struct mailimap_msg_att *ma, struct imap_info *info,
    struct imap_body *body)
{
	struct mailimap_msg_att_item *item;
	struct mailimap_msg_att_static *st;
	clistiter *it;

	memset(info, 0, sizeof *info);
	memset(body, 0, sizeof *body);
	for (it = clist_begin(ma->att_list); it; it = clist_next(it)) {
		item = clist_content(it);
		if (item->att_type == MAILIMAP_MSG_ATT_ITEM_DYNAMIC) {
			info->flags = imap_flags(item->att_data.att_dyn);
			continue;
		}
		st = item->att_data.att_static;
		if (st->att_type == MAILIMAP_MSG_ATT_UID) {
			info->uid = body->uid = st->att_data.att_uid;
		} else if (st->att_type == MAILIMAP_MSG_ATT_RFC822_SIZE) {
			info->size = st->att_data.att_rfc822_size;
		} else if (st->att_type == MAILIMAP_MSG_ATT_INTERNALDATE) {
			info->internal = imap_date(st->att_data.att_internal_date);
		} else if (st->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
		    st->att_data.att_body_section->sec_body_part != NULL) {
			body->data = st->att_data.att_body_section->sec_body_part;
			body->len = st->att_data.att_body_section->sec_length;
		}
	}
}

static int
imap_info_cmp(const void *a, const void *b)
{
	const struct imap_info *x = a, *y = b;

	return x->uid < y->uid ? -1 : x->uid > y->uid;
}

static int
imap_body_cmp(const void *a, const void *b)
{
	const struct imap_body *x = a, *y = b;

	return x->uid < y->uid ? -1 : x->uid > y->uid;
}

static struct mailimap_fetch_type *
imap_fetch_type(int what, size_t prefix)
{
	struct mailimap_fetch_type *ft;
	struct mailimap_section *sec;

	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	if (what == 0) {
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_flags());
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_rfc822_size());
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_internaldate());
		return ft;
	}
	sec = mailimap_section_new(NULL);
	mailimap_fetch_type_new_fetch_att_list_add(ft, prefix > 0 ?
	    mailimap_fetch_att_new_body_peek_section_partial(sec, 0,
	    (uint32_t)prefix) : mailimap_fetch_att_new_body_peek_section(sec));
	return ft;
}

/* A UID FETCH's responses handed to a collector one by one. */
struct imap_each {
	void	(*fn)(struct mailimap_msg_att *, void *);
	void	 *arg;
	size_t	  seen;		/* responses, kept or not */
};

static void
imap_each_att(struct mailimap_msg_att *ma, void *arg)
{
	struct imap_each *e = arg;

	e->seen++;
	e->fn(ma, e->arg);
}

/*
 * UID FETCH of set, each FETCH response handed to fn as libetpan parses
 * it, after which libetpan frees it (without a handler it keeps every
 * response parsed until the command ends).  libetpan hands responses over
 * only while a progress callback is set (imap_connect() sets one); any it
 * kept are handed over here.  It reports a NO only when no FETCH response
 * came (it counts the ones it kept, none here): a NO after some of them
 * is a partial answer, taken as one.  Frees set and ft; libetpan's code.
 */
static int
imap_uid_fetch_each(struct imap *im, struct mailimap_set *set,
    struct mailimap_fetch_type *ft,
    void (*fn)(struct mailimap_msg_att *, void *), void *arg)
{
	struct imap_each e = { fn, arg, 0 };
	clist *res = NULL;
	clistiter *it;
	int r;

	mailimap_set_msg_att_handler(im->m, imap_each_att, &e);
	r = mailimap_uid_fetch(im->m, set, ft, &res);
	mailimap_set_msg_att_handler(im->m, NULL, NULL);
	mailimap_fetch_type_free(ft);
	mailimap_set_free(set);
	for (it = res != NULL ? clist_begin(res) : NULL; it;
	    it = clist_next(it)) {
		imap_each_att(clist_content(it), &e);
	}
	if (res != NULL) {
		mailimap_fetch_list_free(res);
	}
	if (r == MAILIMAP_ERROR_UID_FETCH && e.seen > 0) {
		r = MAILIMAP_NO_ERROR;
	}
	return r;
}

/* A listing being collected: each FETCH response turned into its
 * imap_info as libetpan parses it (imap_uid_fetch_each()). */
struct imap_listing {
	struct imap_info	*v;
	size_t			 n, cap;
	uint32_t		 from, to;
	uint32_t		 last;	/* highest sequence number answered */
	uint32_t		 high;	/* highest UID answered */
};

/*
 * One FETCH response of imap_list(), kept as 24 bytes, after which
 * libetpan frees it.  Otherwise libetpan keeps every response parsed
 * (about half a kilobyte each) until the command ends: a listing of 4,000
 * messages held some 2 MB.
 */
static void
imap_list_att(struct mailimap_msg_att *ma, void *arg)
{
	struct imap_listing *l = arg;
	struct imap_info top;
	struct imap_body ignore;

	if (ma->att_number > l->last) {
		l->last = ma->att_number;
	}
	imap_att(ma, &top, &ignore);
	l->high = top.uid > l->high ? top.uid : l->high;
	if (top.uid < l->from || top.uid == 0 || (l->to != 0 &&
	    top.uid > l->to)) {
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap * 2 + 64;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = top;
}

int
imap_list(struct imap *im, uint32_t from, uint32_t to,
    struct imap_info **out, int *more)
{
	struct mailimap_set *set;
	struct mailimap_selection_info *sel;
	struct imap_listing l;
	int r;

	*out = NULL;
	*more = 0;
	from = from < 1 ? 1 : from;
	memset(&l, 0, sizeof l);
	l.from = from;
	l.to = to;
	/* the window, and "*": the last message says how far the mailbox
	 * goes ("n:*" alone also matches the highest UID below n) */
	set = mailimap_set_new_interval(from, to);
	if (set == NULL || (to != 0 && mailimap_set_add_single(set, 0) !=
	    MAILIMAP_NO_ERROR)) {
		fatalx("out of memory");
	}
	r = imap_uid_fetch_each(im, set, imap_fetch_type(0, 0), imap_list_att,
	    &l);
	if (r != MAILIMAP_NO_ERROR) {
		free(l.v);
		return imap_cmd_fail(im, r, "UID FETCH (listing)");
	}
	*more = to != 0 && l.high > to;
	/*
	 * "*" always answers for the last message, so `last` is the
	 * mailbox's size when the server ran the FETCH.  An EXISTS the server
	 * sent after it (in this response) told of mail this listing does not
	 * hold, and the server will not tell again: IDLE only reports what is
	 * new since.
	 */
	sel = im->m->imap_selection_info;
	im->unlisted = sel != NULL && sel->sel_exists > l.last;
	if (l.n > 1) {
		qsort(l.v, l.n, sizeof *l.v, imap_info_cmp);
	}
	*out = l.v != NULL ? l.v : xcalloc(1, sizeof *l.v);
	return (int)l.n;
}

int
imap_unlisted(struct imap *im)
{
	return im->unlisted;
}

/* A fetch being collected: each message's FETCH response handed over as
 * libetpan parses it (imap_uid_fetch_each()). */
struct imap_collect {
	struct imap_batch	*out;
	size_t			 cap;
};

/*
 * One FETCH response of imap_fetch(): its body copied at its exact length
 * (and a NUL), after which libetpan frees the response.  libetpan reads a
 * literal into a buffer rounded up to a power of two and keeps every
 * response of the command until it returns: a unit of 1.5 MB held about
 * 2.2 MB that way, twice while the next unit is fetched.  Responses
 * without a UID or a body (an unsolicited FLAGS update) are not kept.
 */
static void
imap_collect_att(struct mailimap_msg_att *ma, void *arg)
{
	struct imap_collect *c = arg;
	struct imap_info info;
	struct imap_body body;
	char *copy;

	imap_att(ma, &info, &body);
	if (body.uid == 0 || body.data == NULL) {
		return;
	}
	if (c->out->n == c->cap) {
		c->cap = c->cap * 2 + 16;
		c->out->v = xreallocarray(c->out->v, c->cap,
		    sizeof *c->out->v);
	}
	copy = xmalloc(body.len + 1);
	memcpy(copy, body.data, body.len);
	copy[body.len] = '\0';
	body.data = copy;
	c->out->v[c->out->n++] = body;
}

int
imap_fetch(struct imap *im, const uint32_t *uids, size_t n, size_t prefix,
    struct imap_batch *out)
{
	struct imap_collect c = { out, n };
	int r;

	memset(out, 0, sizeof *out);
	if (n == 0) {
		return 0;
	}
	out->v = xcalloc(n, sizeof *out->v);
	r = imap_uid_fetch_each(im, imap_set(uids, n), imap_fetch_type(1,
	    prefix), imap_collect_att, &c);
	if (r != MAILIMAP_NO_ERROR) {
		imap_batch_free(out);
		return imap_cmd_fail(im, r, "UID FETCH BODY.PEEK[]");
	}
	qsort(out->v, out->n, sizeof *out->v, imap_body_cmp);
	return 0;
}

void
imap_batch_free(struct imap_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free((char *)b->v[i].data);	/* the batch's own copy */
	}
	free(b->v);
	memset(b, 0, sizeof *b);
}

void
imap_batch_drop(struct imap_batch *b, size_t i)
{
	free((char *)b->v[i].data);
	b->v[i].data = NULL;
	b->v[i].len = 0;
}

/* ---- flags, moving ---- */

static int
imap_store(struct imap *im, struct mailimap_set *set, int deleted)
{
	struct mailimap_store_att_flags *sf;
	struct mailimap_flag_list *fl;
	int r;

	fl = mailimap_flag_list_new_empty();
	mailimap_flag_list_add(fl, deleted ? mailimap_flag_new_deleted() :
	    mailimap_flag_new_seen());
	sf = mailimap_store_att_flags_new_add_flags_silent(fl);
	r = mailimap_uid_store(im->m, set, sf);
	mailimap_store_att_flags_free(sf);
	if (r != MAILIMAP_NO_ERROR) {
		return imap_cmd_fail(im, r, deleted ? "UID STORE \\Deleted" :
		    "UID STORE \\Seen");
	}
	return 0;
}

/* MOVE or COPY; when the server answers TRYCREATE, create and retry. */
static int
imap_transfer(struct imap *im, struct mailimap_set *set, const char *folder)
{
	int r, tries;

	for (tries = 0; tries < 2; tries++) {
		r = im->has_move ? mailimap_uid_move(im->m, set, folder) :
		    mailimap_uid_copy(im->m, set, folder);
		if (r == MAILIMAP_NO_ERROR) {
			return 0;
		}
		if (imap_kind(r) != IMAP_E_NO || tries > 0 ||
		    im->m->imap_response_info == NULL ||
		    !im->m->imap_response_info->rsp_trycreate) {
			break;
		}
		r = mailimap_create(im->m, folder);
		if (r != MAILIMAP_NO_ERROR) {
			return imap_fail(im, imap_kind(r), "CREATE %s: %s",
			    folder, imap_why(im, r));
		}
		log_info("%s:%d: created folder %s", im->ci->host,
		    im->ci->port, folder);
		mailimap_subscribe(im->m, folder);
	}
	return imap_fail(im, imap_kind(r), "UID %s to %s: %s", im->has_move ?
	    "MOVE" : "COPY", folder, imap_why(im, r));
}

static int
imap_remove(struct imap *im, struct mailimap_set *set)
{
	int r;

	if (imap_store(im, set, 1) == -1) {
		return -1;
	}
	/* plain EXPUNGE also removes other clients' \Deleted mail */
	r = im->has_uidplus ? mailimap_uid_expunge(im->m, set) :
	    mailimap_expunge(im->m);
	if (r != MAILIMAP_NO_ERROR) {
		return imap_cmd_fail(im, r, "EXPUNGE");
	}
	return 0;
}

int
imap_move(struct imap *im, const uint32_t *uids, size_t n,
    const char *configured, int seen)
{
	struct mailimap_set *set;
	char folder[256];
	int rc = -1;

	if (n == 0) {
		return 0;
	}
	snprintf(folder, sizeof folder, "%s", imap_folder(im, configured));
	set = imap_set(uids, n);
	if (seen && imap_store(im, set, 0) == -1) {
		goto out;
	}
	if (imap_transfer(im, set, folder) == -1) {
		goto out;
	}
	if (!im->has_move && imap_remove(im, set) == -1) {
		goto out;
	}
	rc = 0;
out:
	mailimap_set_free(set);
	return rc;
}

int
imap_expunge(struct imap *im, const uint32_t *uids, size_t n)
{
	struct mailimap_set *set;
	int rc;

	if (n == 0) {
		return 0;
	}
	set = imap_set(uids, n);
	rc = imap_remove(im, set);
	mailimap_set_free(set);
	return rc;
}

/* ---- waiting ---- */

int
imap_idle_start(struct imap *im)
{
	int r;

	r = mailimap_idle(im->m);
	if (r != MAILIMAP_NO_ERROR) {
		return imap_cmd_fail(im, r, "IDLE");
	}
	return 0;
}

int
imap_idle_wait(struct imap *im, int ms)
{
	struct pollfd p;
	int r;

	/* the server's words may already sit in libetpan's buffer */
	if (im->m->imap_stream->read_buffer_len > 0) {
		return 1;
	}
	p.fd = mailimap_idle_get_fd(im->m);
	p.events = POLLIN;
	p.revents = 0;
	r = poll(&p, 1, ms);
	if (r == -1 && errno == EINTR) {
		return 0;
	}
	if (r == -1) {
		return imap_fail(im, IMAP_E_NET, "IDLE: poll: %s",
		    strerror(errno));
	}
	return r > 0;
}

int
imap_idle_done(struct imap *im)
{
	int r;

	r = mailimap_idle_done(im->m);
	if (r != MAILIMAP_NO_ERROR) {
		return imap_cmd_fail(im, r, "IDLE DONE");
	}
	return 0;
}
