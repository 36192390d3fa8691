/*
 * sms.c — a GSM modem through libgammu (see sms.h).  The only gammu user.
 *
 * Rules kept here (gammu 1.42 pitfalls):
 *  - No DecodeUnicodeString()/EncodeUnicode() on data: they depend on the
 *    locale (a systemd service runs in the C locale) and the former returns
 *    a static 500-byte buffer.  Received text leaves here as the UTF-16 it
 *    arrived in (smstext.c converts it, replacing lone surrogates);
 *    outgoing text and numbers go in through DecodeUTF8().
 *  - A GSM_MultiSMSMessage is 265 KB: always on the heap.
 *  - The send-status callback is set before anything is sent (the dummy
 *    driver calls it unconditionally) and waited for with a deadline.
 *  - Nothing is deleted here unless the caller asks, part by part.
 *  - Every gammu call runs under a guard (sms_guard_begin/_end): an
 *    interval timer whose SIGALRM handler beats for the worker, notices a
 *    device that went away (the proxy process reaped, the device node
 *    gone) or a deadline passed, and then aborts the call the way gammu
 *    offers (GSM_AbortOperation: its wait loops return ERR_ABORTED; the
 *    state machine is unusable afterwards, so the connection is dropped).
 *    gammu retries a write that fails with EAGAIN for ever without
 *    looking at the abort flag — and its proxy writer reports every
 *    failure (EPIPE: the proxy died) as EAGAIN — so the handler also puts
 *    /dev/null under the descriptors gammu opened for the device (dup2):
 *    the write "succeeds", reads see the end of the file, and the call
 *    returns.  A call still running SMS_HARD_GRACE seconds after its
 *    deadline ends the process (async-signal-safe: write and _exit).
 *  - A message gammu cannot decode is read once more by its location,
 *    with gammu's trace captured, so that its PDU can be kept.
 */
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <gammu.h>

#include "buf.h"
#include "conf_load.h"
#include "log.h"
#include "sms.h"
#include "smstext.h"
#include "utf8.h"
#include "xmalloc.h"

#define SMS_INIT_REPLIES	3	/* gammu's retries per command */
#define SMS_SEND_DEADLINE	60	/* seconds for the network's answer */
#define SMS_STOP_GRACE		5	/* ... once we are asked to stop */
#define SMS_GUARD_TICK_MS	250	/* how often a running call is looked at */
#define SMS_HARD_GRACE		10	/* s after a deadline: end the process */
#define SMS_CAPTURE_MAX		65536	/* bytes of gammu's trace kept */
#define SMS_PDU_MAX		1024	/* characters of an unreadable PDU */
#define SMS_FD_SCAN		256	/* descriptors looked at for gammu's */
#define SMS_FD_MAX		8

struct sms_modem {
	GSM_StateMachine	*s;
	const struct conf_modem	*cf;
	GSM_MultiSMSMessage	*buf;		/* reading, reused */
	struct sms_info		 info;
	unsigned char		 smsc[(GSM_MAX_NUMBER_LENGTH + 1) * 2];
	int			 have_smsc;
	int			 send_status;	/* -1 while waiting */
	int			 send_ref;
	int			(*tick)(void *);
	void			*tick_arg;
	char			 err[256];
	/* the guard (see above): written by the SIGALRM handler */
	pid_t			 proxy;		/* proxyat: its process */
	time_t			 deadline;	/* monotonic seconds */
	volatile sig_atomic_t	 gone;		/* the device went away */
	volatile sig_atomic_t	 proxy_exited;
	volatile sig_atomic_t	 unplugged;	/* /dev/null under gammu's fds */
	int			 null_fd;
	int			 gfd[SMS_FD_MAX];	/* what gammu opened */
	int			 ngfd;
	volatile sig_atomic_t	 hung;		/* the deadline passed */
	int			 dead;		/* unusable: close it */
	const char		*doing;		/* the guarded call, for errors */
	struct buf		*capture;	/* gammu's trace, when wanted */
};

/* The modem whose call is running (the handler's only way to it). */
static struct sms_modem *volatile sms_guarded;

/* GSM 03.40 TP-Status / 27.005 CMS errors that no retry can fix. */
static const int sms_permanent_errors[] = { 1, 28, 30, 96, 304 };

/* gammu's errors that mean the device itself is gone. */
static int
sms_device_error(GSM_Error e)
{
	return e == ERR_DEVICEWRITEERROR || e == ERR_DEVICEREADERROR ||
	    e == ERR_DEVICENOTEXIST || e == ERR_DEVICEOPENERROR ||
	    e == ERR_DEVICENODRIVER || e == ERR_DEVICENOPERMISSION ||
	    e == ERR_DEVICEBUSY;
}

static int
sms_fail(struct sms_modem *m, const char *what, GSM_Error e)
{
	if (m->gone) {
		snprintf(m->err, sizeof m->err, "%s: the modem is gone (%s)",
		    what, m->proxy_exited ? "its process exited" :
		    "the device disappeared or failed");
	} else if (m->hung) {
		snprintf(m->err, sizeof m->err, "%s: the modem did not answer "
		    "in %d s", what, m->cf->timeout);
	} else {
		snprintf(m->err, sizeof m->err, "%s: %s", what,
		    GSM_ErrorString(e));
	}
	if (m->gone || m->hung || sms_device_error(e)) {
		m->dead = 1;
	}
	log_warnx("%s", m->err);
	return -1;
}

static int
sms_unsupported(GSM_Error e)
{
	return e == ERR_NOTSUPPORTED || e == ERR_NOTIMPLEMENTED;
}

/* ---- the guard around every gammu call ---- */

static time_t
sms_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* The device node of a serial modem (not a proxy command, nor the dummy
 * driver's directory, which is no device). */
static int
sms_has_node(const struct sms_modem *m)
{
	return m->cf->device[0] == '/' &&
	    strcmp(m->cf->connection, "proxyat") != 0 &&
	    strcmp(m->cf->connection, "none") != 0;
}

/* In the handler: what gammu reads and writes becomes /dev/null. */
static void
sms_unplug(struct sms_modem *m)
{
	int i;

	if (m->unplugged || m->null_fd < 0) {
		return;
	}
	for (i = 0; i < m->ngfd; i++) {
		dup2(m->null_fd, m->gfd[i]);
	}
	m->unplugged = 1;
}

static void
sms_alarm(int sig)
{
	static const char msg[] = "complaintd-modem: a modem call did not "
	    "end after its deadline; exiting for a restart\n";
	struct sms_modem *m = sms_guarded;
	struct stat sb;
	int saved = errno, st;
	time_t now;

	(void)sig;
	if (m == NULL) {
		return;
	}
	if (m->tick != NULL) {
		m->tick(m->tick_arg);		/* the worker's heartbeat */
	}
	now = sms_mono();
	if (m->proxy > 0 && waitpid(m->proxy, &st, WNOHANG) == m->proxy) {
		m->proxy = 0;
		m->proxy_exited = m->gone = 1;
	}
	if (sms_has_node(m) && stat(m->cf->device, &sb) == -1 &&
	    errno == ENOENT) {
		m->gone = 1;
	}
	if (now >= m->deadline) {
		m->hung = 1;
	}
	if (m->gone || m->hung) {
		GSM_AbortOperation(m->s);
		sms_unplug(m);
	}
	if (m->hung && m->proxy > 0) {
		kill(m->proxy, SIGKILL);
	}
	if (now >= m->deadline + SMS_HARD_GRACE) {
		(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
		_exit(EX_TEMPFAIL);
	}
	errno = saved;
}

/* SIGALRM interrupts gammu's waits (no SA_RESTART): its loops go round
 * and look at the abort flag. */
static void
sms_guard_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sms_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
}

static void
sms_guard_begin(struct sms_modem *m, const char *doing, int secs)
{
	struct itimerval it;

	memset(&it, 0, sizeof it);
	it.it_interval.tv_usec = SMS_GUARD_TICK_MS * 1000;
	it.it_value = it.it_interval;
	m->doing = doing;
	m->deadline = sms_mono() + secs;
	sms_guarded = m;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void
sms_guard_stop(void)
{
	struct itimerval it;

	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
	sms_guarded = NULL;
}

/* 0, or -1 when the call was ended by the guard (m->err says why). */
static int
sms_guard_end(struct sms_modem *m)
{
	sms_guard_stop();
	if (!m->gone && !m->hung) {
		return 0;
	}
	return sms_fail(m, m->doing, ERR_ABORTED);
}

/* The proxy process gammu started for a proxyat connection: our only
 * child (the modem worker starts none itself). */
static pid_t
sms_find_proxy(void)
{
	char path[64];
	long pid = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/self/task/%ld/children",
	    (long)getpid());
	if ((f = fopen(path, "r")) == NULL) {
		return 0;
	}
	if (fscanf(f, "%ld", &pid) != 1) {
		pid = 0;
	}
	fclose(f);
	return (pid_t)pid;
}

/* Which descriptors are open (before and after gammu connects). */
static void
sms_fds(unsigned char open[SMS_FD_SCAN])
{
	int fd;

	for (fd = 0; fd < SMS_FD_SCAN; fd++) {
		open[fd] = fcntl(fd, F_GETFD) != -1;
	}
}

/* The descriptors gammu opened for the device while connecting. */
static void
sms_fds_new(struct sms_modem *m, const unsigned char before[SMS_FD_SCAN])
{
	unsigned char now[SMS_FD_SCAN];
	int fd;

	sms_fds(now);
	for (fd = 0; fd < SMS_FD_SCAN && m->ngfd < SMS_FD_MAX; fd++) {
		if (now[fd] && !before[fd] && fd != m->null_fd) {
			m->gfd[m->ngfd++] = fd;
		}
	}
}

/* Proxies of earlier connections, which gammu does not wait for. */
static void
sms_reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0) {
		;
	}
}

/* gammu's unicode (UTF-16BE, NUL-terminated) into a UTF-8 buffer. */
static void
sms_utf8(const unsigned char *u, char *out, size_t outlen)
{
	char *s = smstext_from_utf16(u, (size_t)UnicodeLength(u) * 2, NULL);
	size_t n = utf8_prefix(s, strlen(s), outlen - 1);

	memcpy(out, s, n);
	out[n] = '\0';
	free(s);
}

static void
sms_on_sent(GSM_StateMachine *s, int status, int ref, void *arg)
{
	struct sms_modem *m = arg;

	(void)s;
	m->send_status = status;
	m->send_ref = ref;
}

/* COMPLAINTD_GAMMU_DEBUG=textall: gammu's own trace on stderr (it shows
 * numbers and texts: for troubleshooting only). */
static void
sms_debug(struct sms_modem *m)
{
	const char *level = getenv("COMPLAINTD_GAMMU_DEBUG");
	GSM_Debug_Info *di;

	if (level == NULL || *level == '\0') {
		return;
	}
	di = GSM_GetGlobalDebug();
	GSM_SetDebugFileDescriptor(stderr, FALSE, di);
	GSM_SetDebugLevel(level, di);
	GSM_SetDebugGlobal(TRUE, GSM_GetDebug(m->s));
}

static int
sms_configure(struct sms_modem *m)
{
	GSM_Config *cfg = GSM_GetConfig(m->s, 0);
	GSM_Error e;

	/* defaults without a gammurc; then ours */
	e = GSM_ReadConfig(NULL, cfg, 0);
	if (e != ERR_NONE && e != ERR_USING_DEFAULTS) {
		return sms_fail(m, "gammu configuration", e);
	}
	free(cfg->Device);
	cfg->Device = xstrdup(m->cf->device);
	free(cfg->Connection);
	cfg->Connection = xstrdup(m->cf->connection);
	snprintf(cfg->Model, sizeof cfg->Model, "%s", m->cf->model);
	GSM_SetConfigNum(m->s, 1);
	return 0;
}

/* Enter the PIN when the SIM asks for it, once. */
static int
sms_unlock(struct sms_modem *m, enum sms_err *why)
{
	GSM_SecurityCodeType st = SEC_None;
	GSM_SecurityCode code;
	char err[200], *pin = NULL;
	GSM_Error e;

	sms_guard_begin(m, "asking whether the SIM needs a PIN",
	    m->cf->timeout);
	e = GSM_GetSecurityStatus(m->s, &st);
	if (sms_guard_end(m) == -1) {
		return -1;
	}
	if (e != ERR_NONE && !sms_unsupported(e)) {
		return sms_fail(m, "asking whether the SIM needs a PIN", e);
	}
	if (e != ERR_NONE || st == SEC_None) {
		return 0;
	}
	*why = SMS_E_PIN;
	if (st != SEC_Pin) {
		snprintf(m->err, sizeof m->err, "the SIM is locked and asks for "
		    "a code other than the PIN (PUK?): unlock it in a phone");
		log_errx("%s", m->err);
		return -1;
	}
	if (m->cf->pin_file == NULL || conf_read_secret(m->cf->pin_file,
	    &pin, err, sizeof err) == -1) {
		snprintf(m->err, sizeof m->err, "the SIM asks for its PIN: %s",
		    m->cf->pin_file ? err : "set pin_file");
		log_errx("%s", m->err);
		return -1;
	}
	memset(&code, 0, sizeof code);
	code.Type = SEC_Pin;
	snprintf(code.Code, sizeof code.Code, "%s", pin);
	explicit_bzero(pin, strlen(pin));
	free(pin);
	sms_guard_begin(m, "entering the PIN", m->cf->timeout);
	e = GSM_EnterSecurityCode(m->s, &code);
	explicit_bzero(&code, sizeof code);
	if (sms_guard_end(m) == -1) {
		*why = SMS_E_MODEM;	/* not refused: the modem failed */
		return -1;
	}
	if (e != ERR_NONE) {
		sms_fail(m, "the SIM did not take the PIN (not tried again: "
		    "fix pin_file, then reload)", e);
		return -1;
	}
	*why = SMS_E_NONE;
	log_info("PIN entered");
	return 0;
}

/* gammu's answer, cut to fit */
static void
sms_copy(char *dst, size_t n, const char *src)
{
	size_t len = utf8_prefix(src, strlen(src), n - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

static int
sms_identify(struct sms_modem *m)
{
	char buf[GSM_MAX_INFO_LENGTH];

	sms_guard_begin(m, "identifying the modem", m->cf->timeout);
	buf[0] = '\0';
	if (GSM_GetManufacturer(m->s, buf) == ERR_NONE) {
		sms_copy(m->info.manufacturer, sizeof m->info.manufacturer, buf);
	}
	buf[0] = '\0';
	if (GSM_GetModel(m->s, buf) == ERR_NONE) {
		sms_copy(m->info.model, sizeof m->info.model, buf);
	}
	buf[0] = '\0';
	if (GSM_GetIMEI(m->s, buf) == ERR_NONE) {
		sms_copy(m->info.imei, sizeof m->info.imei, buf);
	}
	return sms_guard_end(m);
}

int
sms_open(const struct conf_modem *cf, struct sms_modem **out,
    enum sms_err *why, char *err, size_t errlen)
{
	unsigned char fds[SMS_FD_SCAN];
	struct sms_modem *m;
	GSM_Error e;

	*out = NULL;
	*why = SMS_E_MODEM;
	m = xcalloc(1, sizeof *m);
	m->cf = cf;
	m->s = GSM_AllocStateMachine();
	m->null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	sms_guard_install();
	sms_reap();
	sms_fds(fds);
	sms_debug(m);
	if (sms_configure(m) == -1) {
		goto fail;
	}
	sms_guard_begin(m, "connecting", 2 * cf->timeout);
	e = GSM_InitConnection(m->s, SMS_INIT_REPLIES);
	if (strcmp(cf->connection, "proxyat") == 0) {
		m->proxy = sms_find_proxy();
	}
	sms_fds_new(m, fds);
	if (sms_guard_end(m) == -1) {
		goto fail;
	}
	if (e != ERR_NONE) {
		sms_fail(m, "connecting", e);
		goto fail;
	}
	/* before anything is sent: the dummy driver calls it blindly */
	GSM_SetSendSMSStatusCallback(m->s, sms_on_sent, m);
	if (sms_unlock(m, why) == -1) {
		goto fail;
	}
	if (sms_identify(m) == -1) {
		goto fail;
	}
	m->buf = xcalloc(1, sizeof *m->buf);
	*out = m;
	return 0;
fail:
	snprintf(err, errlen, "%s", m->err);
	sms_close(m);
	return -1;
}

void
sms_close(struct sms_modem *m)
{
	if (m == NULL) {
		return;
	}
	if (GSM_IsConnected(m->s)) {
		/* an aborted state machine says goodbye without waiting */
		sms_guard_begin(m, "closing the connection", SMS_STOP_GRACE);
		GSM_TerminateConnection(m->s);
		sms_guard_stop();
	}
	if (m->proxy > 0 && waitpid(m->proxy, NULL, WNOHANG) == 0) {
		kill(m->proxy, SIGKILL);	/* gammu only asks (SIGHUP) */
	}
	GSM_FreeStateMachine(m->s);
	if (m->null_fd >= 0) {
		close(m->null_fd);
	}
	free(m->buf);
	free(m);
}

void
sms_set_tick(struct sms_modem *m, int (*fn)(void *), void *arg)
{
	m->tick = fn;
	m->tick_arg = arg;
}

static int
sms_tick(struct sms_modem *m)
{
	return m->tick != NULL ? m->tick(m->tick_arg) : 0;
}

const char *
sms_error(const struct sms_modem *m)
{
	return m->err;
}

int
sms_dead(const struct sms_modem *m)
{
	return m->dead;
}

const struct sms_info *
sms_info(const struct sms_modem *m)
{
	return &m->info;
}

/* ---- health ---- */

const char *
sms_net_name(enum sms_net n)
{
	static const char *const names[] = {
		[SMS_NET_UNKNOWN] = "unknown",
		[SMS_NET_HOME] = "home network",
		[SMS_NET_ROAMING] = "roaming",
		[SMS_NET_SEARCHING] = "searching",
		[SMS_NET_NONE] = "no network",
		[SMS_NET_DENIED] = "registration denied",
	};

	return names[n];
}

static enum sms_net
sms_net_state(GSM_NetworkInfo_State st)
{
	switch (st) {
	case GSM_HomeNetwork:
		return SMS_NET_HOME;
	case GSM_RoamingNetwork:
		return SMS_NET_ROAMING;
	case GSM_RequestingNetwork:
		return SMS_NET_SEARCHING;
	case GSM_NoNetwork:
		return SMS_NET_NONE;
	case GSM_RegistrationDenied:
		return SMS_NET_DENIED;
	default:
		return SMS_NET_UNKNOWN;
	}
}

int
sms_health(struct sms_modem *m, struct sms_health *h)
{
	GSM_SignalQuality sq;
	GSM_NetworkInfo ni;
	const unsigned char *name;
	char oper[48] = "";
	GSM_Error e;

	memset(h, 0, sizeof *h);
	h->signal = -1;
	memset(&sq, 0, sizeof sq);
	sms_guard_begin(m, "reading the signal quality", m->cf->timeout);
	e = GSM_GetSignalQuality(m->s, &sq);
	if (sms_guard_end(m) == -1) {
		return -1;
	}
	if (e == ERR_NONE && sq.SignalPercent >= 0 && sq.SignalPercent <= 100) {
		h->signal = sq.SignalPercent;
	} else if (e != ERR_NONE && !sms_unsupported(e)) {
		return sms_fail(m, "reading the signal quality", e);
	}
	memset(&ni, 0, sizeof ni);
	sms_guard_begin(m, "reading the network registration",
	    m->cf->timeout);
	e = GSM_GetNetworkInfo(m->s, &ni);
	if (sms_guard_end(m) == -1) {
		return -1;
	}
	if (e != ERR_NONE && !sms_unsupported(e)) {
		return sms_fail(m, "reading the network registration", e);
	}
	if (e == ERR_NONE) {
		h->net = sms_net_state(ni.State);
		name = GSM_GetNetworkName(ni.NetworkCode);
		if (name != NULL) {
			sms_utf8(name, oper, sizeof oper);
		}
		snprintf(h->network, sizeof h->network, "%s%s%s",
		    ni.NetworkCode, *oper && strcmp(oper, "unknown") ? " " : "",
		    strcmp(oper, "unknown") ? oper : "");
	}
	return 0;
}

/* ---- reading ---- */

static time_t
sms_time(const GSM_DateTime *dt)
{
	struct tm tm;

	if (dt->Year == 0) {
		return 0;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = dt->Year - 1900;
	tm.tm_mon = dt->Month - 1;
	tm.tm_mday = dt->Day;
	tm.tm_hour = dt->Hour;
	tm.tm_min = dt->Minute;
	tm.tm_sec = dt->Second;
	return timegm(&tm) - dt->Timezone;
}

/* The concatenation element wherever it sits in the user data header:
 * gammu names only headers made of that one element (or a few fixed
 * combinations), and calls the rest "user UDH". */
static void
sms_concat(const GSM_SMSMessage *p, struct sms_part *o)
{
	o->ref = -1;
	o->total = o->seq = 1;
	if (p->UDH.Type == UDH_NoUDH || p->UDH.Length < 1) {
		return;
	}
	smstext_udh_concat(p->UDH.Text, (size_t)p->UDH.Length, &o->ref,
	    &o->total, &o->seq);
}

/* Keep p when it is something received (not our outbox, a template). */
static void
sms_take(const GSM_SMSMessage *p, struct sms_inbox *in)
{
	struct sms_part *o;
	size_t len;

	if (p->PDU != SMS_Status_Report &&
	    (p->PDU != SMS_Deliver || !p->InboxFolder)) {
		return;
	}
	in->v = xreallocarray(in->v, in->n + 1, sizeof *in->v);
	o = &in->v[in->n++];
	memset(o, 0, sizeof *o);
	sms_utf8(p->Number, o->sender, sizeof o->sender);
	sms_utf8(p->SMSC.Number, o->smsc, sizeof o->smsc);
	o->sent = sms_time(&p->DateTime);
	o->folder = p->Folder;
	o->location = p->Location;
	o->memory = (int)p->Memory;
	sms_concat(p, o);
	if (p->PDU == SMS_Status_Report) {
		o->kind = SMS_REPORT;
		o->mr = p->MessageReference;
		o->status = p->DeliveryStatus;
		return;
	}
	o->kind = p->Coding == SMS_Coding_8bit ? SMS_BINARY : SMS_TEXT;
	o->ucs2 = p->Coding == SMS_Coding_Unicode_No_Compression;
	len = o->kind == SMS_BINARY ? (size_t)(p->Length > 0 ? p->Length : 0) :
	    (size_t)UnicodeLength(p->Text) * 2;
	if (len > sizeof p->Text) {
		len = sizeof p->Text;
	}
	o->data = xmalloc(len + 2);
	memcpy(o->data, p->Text, len);
	o->len = len;
}

/* ---- messages gammu cannot decode ---- */

/* gammu's trace, while a capture is on. */
static void
sms_trace(const char *text, void *arg)
{
	struct sms_modem *m = arg;

	if (m->capture != NULL && m->capture->len < SMS_CAPTURE_MAX) {
		buf_adds(m->capture, text);
	}
}

static void
sms_capture(struct sms_modem *m, struct buf *b)
{
	GSM_Debug_Info *di = GSM_GetDebug(m->s);

	m->capture = b;
	GSM_SetDebugGlobal(b == NULL && getenv("COMPLAINTD_GAMMU_DEBUG") &&
	    *getenv("COMPLAINTD_GAMMU_DEBUG"), di);
	GSM_SetDebugFunction(sms_trace, m, di);
	GSM_SetDebugLevel(b != NULL ? "text" : "nothing", di);
}

/* The errors gammu gives for a message it cannot decode (as opposed to
 * a modem that does not answer). */
static int
sms_undecodable(GSM_Error e)
{
	return e == ERR_CORRUPTED || e == ERR_UNKNOWN ||
	    e == ERR_UNKNOWNRESPONSE || e == ERR_NOTSUPPORTED ||
	    e == ERR_NOTIMPLEMENTED || e == ERR_BUG;
}

/*
 * The PDU of the last message read, from gammu's trace of AT+CMGR: the
 * line after "+CMGR: ..." is logged as  3 "0791...".  Printable ASCII
 * only, at most SMS_PDU_MAX characters (it is corrupt by definition).
 */
static size_t
sms_trace_pdu(const struct buf *t, char *out, size_t outlen)
{
	const char *p, *q, *at = NULL;
	size_t n = 0;

	out[0] = '\0';
	for (p = t->data; p != NULL && (p = strstr(p, "\"+CMGR:")) != NULL;
	    p++) {
		at = p;
	}
	if (at == NULL || (p = strchr(at, '\n')) == NULL ||
	    (p = strchr(p, '"')) == NULL) {
		return 0;
	}
	for (q = p + 1; *q != '\0' && *q != '"' && *q != '\n' &&
	    n + 1 < outlen; q++) {
		if (*q > ' ' && *q < 0x7f) {
			out[n++] = *q;
		}
	}
	out[n] = '\0';
	return n;
}

/*
 * GetNextSMS stopped at a message it cannot decode (b->SMS[0] says
 * where).  Read it again by its location, this time with the trace on:
 * decoded after all, it is taken as usual; otherwise it is returned as
 * SMS_UNREADABLE with its PDU.  b is left where GetNextSMS continues.
 * -1: the modem itself failed meanwhile.
 */
static int
sms_unreadable(struct sms_modem *m, GSM_MultiSMSMessage *b, GSM_Error why,
    struct sms_inbox *in)
{
	GSM_SMSMessage keep = b->SMS[0];
	struct sms_part *o;
	struct buf trace;
	char pdu[SMS_PDU_MAX + 1];
	GSM_Error e;
	int k;

	buf_init(&trace);
	sms_capture(m, &trace);
	sms_guard_begin(m, "reading a message by its location",
	    m->cf->timeout);
	e = GSM_GetSMS(m->s, b);
	sms_capture(m, NULL);
	if (sms_guard_end(m) == -1 || (e != ERR_NONE && !sms_undecodable(e))) {
		buf_free(&trace);
		return e != ERR_NONE && !m->dead ? sms_fail(m,
		    "reading a message by its location", e) : -1;
	}
	if (e == ERR_NONE) {
		for (k = 0; k < b->Number; k++) {
			sms_take(&b->SMS[k], in);
		}
	} else {
		in->v = xreallocarray(in->v, in->n + 1, sizeof *in->v);
		o = &in->v[in->n++];
		memset(o, 0, sizeof *o);
		o->kind = SMS_UNREADABLE;
		o->ref = -1;
		o->total = o->seq = 1;
		o->folder = keep.Folder;
		o->location = keep.Location;
		o->memory = (int)keep.Memory;
		o->len = sms_trace_pdu(&trace, pdu, sizeof pdu);
		o->data = (unsigned char *)xstrdup(pdu);
		snprintf(o->error, sizeof o->error, "%s", GSM_ErrorString(why));
		log_debug("the message at location %d cannot be decoded: %s",
		    keep.Location, o->error);
	}
	buf_free(&trace);
	b->SMS[0].Folder = keep.Folder;
	b->SMS[0].Location = keep.Location;
	b->SMS[0].Memory = keep.Memory;
	return 0;
}

int
sms_read(struct sms_modem *m, size_t max, struct sms_inbox *in)
{
	GSM_MultiSMSMessage *b = m->buf;
	gboolean start = TRUE;
	GSM_Error e;
	int k, bad = -1;

	memset(in, 0, sizeof *in);
	memset(b, 0, sizeof *b);
	while (in->n < max) {
		sms_tick(m);
		/* continues from b->SMS[0].Folder/Location: keep b as is */
		sms_guard_begin(m, "reading messages", m->cf->timeout);
		e = GSM_GetNextSMS(m->s, b, start);
		if (sms_guard_end(m) == -1) {
			goto fail;
		}
		start = FALSE;
		if (e == ERR_EMPTY) {
			break;
		}
		/* one that cannot be decoded: once per location, then on */
		if (e != ERR_NONE && sms_undecodable(e) &&
		    b->SMS[0].Location > 0 && b->SMS[0].Location != bad) {
			bad = b->SMS[0].Location;
			if (sms_unreadable(m, b, e, in) == -1) {
				goto fail;
			}
			continue;
		}
		if (e != ERR_NONE) {
			sms_fail(m, "reading messages", e);
			goto fail;
		}
		for (k = 0; k < b->Number && in->n < max; k++) {
			sms_take(&b->SMS[k], in);
		}
	}
	return (int)in->n;
fail:
	sms_inbox_free(in);
	return -1;
}

void
sms_inbox_free(struct sms_inbox *in)
{
	size_t i;

	for (i = 0; i < in->n; i++) {
		free(in->v[i].data);
	}
	free(in->v);
	in->v = NULL;
	in->n = 0;
}

int
sms_delete(struct sms_modem *m, const struct sms_part *p)
{
	GSM_SMSMessage *sm = &m->buf->SMS[0];
	GSM_Error e;

	memset(sm, 0, sizeof *sm);
	sm->Folder = p->folder;
	sm->Location = p->location;
	sm->Memory = (GSM_MemoryType)p->memory;
	sms_guard_begin(m, "deleting a message", m->cf->timeout);
	e = GSM_DeleteSMS(m->s, sm);
	if (sms_guard_end(m) == -1) {
		return -1;
	}
	if (e != ERR_NONE && e != ERR_EMPTY) {
		return sms_fail(m, "deleting a message", e);
	}
	return 0;
}

/* ---- sending ---- */

static int
sms_permanent(int status)
{
	size_t i;

	for (i = 0; i < sizeof sms_permanent_errors /
	    sizeof sms_permanent_errors[0]; i++) {
		if (sms_permanent_errors[i] == status) {
			return 1;
		}
	}
	return 0;
}

/* The SMS centre: the configured one, else the SIM's (asked once). */
static int
sms_smsc(struct sms_modem *m, struct sms_sent *r)
{
	GSM_SMSC smsc;
	GSM_Error e;

	if (m->have_smsc) {
		return 0;
	}
	if (m->cf->smsc != NULL) {
		DecodeUTF8(m->smsc, m->cf->smsc, strlen(m->cf->smsc));
		m->have_smsc = 1;
		return 0;
	}
	memset(&smsc, 0, sizeof smsc);
	smsc.Location = 1;
	sms_guard_begin(m, "reading the SMS centre number", m->cf->timeout);
	e = GSM_GetSMSC(m->s, &smsc);
	if (sms_guard_end(m) == -1) {
		r->temporary = r->modem_fault = 1;
		snprintf(r->detail, sizeof r->detail, "%.150s", m->err);
		return -1;
	}
	if (e != ERR_NONE) {
		r->temporary = r->modem_fault = 1;
		snprintf(r->detail, sizeof r->detail, "cannot read the SMS "
		    "centre number from the SIM (set smsc): %s",
		    GSM_ErrorString(e));
		return sms_fail(m, "reading the SMS centre number", e);
	}
	CopyUnicodeString(m->smsc, smsc.Number);
	m->have_smsc = 1;
	return 0;
}

static void
sms_wait(struct sms_modem *m)
{
	time_t deadline = time(NULL) + SMS_SEND_DEADLINE, now;

	while (m->send_status == -1 && (now = time(NULL)) < deadline &&
	    !m->gone && !m->hung) {
		if (sms_tick(m) && deadline > now + SMS_STOP_GRACE) {
			deadline = now + SMS_STOP_GRACE;
		}
		GSM_ReadDevice(m->s, TRUE);
	}
}

/* gammu refused to send (the device may be gone). */
static int
sms_send_fail(struct sms_modem *m, struct sms_sent *r, int k, GSM_Error e)
{
	char what[64];

	snprintf(what, sizeof what, "sending part %d of %d", k + 1, r->parts);
	sms_fail(m, what, e);
	snprintf(r->detail, sizeof r->detail, "%.150s", m->err);
	return -1;
}

static int
sms_send_part(struct sms_modem *m, GSM_SMSMessage *p, int k,
    struct sms_sent *r)
{
	GSM_Error e;

	m->send_status = -1;
	m->send_ref = -1;
	sms_guard_begin(m, "sending", m->cf->timeout + SMS_SEND_DEADLINE);
	e = GSM_SendSMS(m->s, p);
	if (e == ERR_NONE) {
		sms_wait(m);
	}
	if (sms_guard_end(m) == -1) {
		r->temporary = r->modem_fault = 1;
		snprintf(r->detail, sizeof r->detail, "part %d of %d: %.120s", k + 1,
		    r->parts, m->err);
		return -1;
	}
	if (e != ERR_NONE || m->send_status == -1) {
		r->temporary = r->modem_fault = 1;
		if (e != ERR_NONE) {
			return sms_send_fail(m, r, k, e);
		}
		snprintf(r->detail, sizeof r->detail, "part %d of %d: no answer "
		    "from the modem in time", k + 1, r->parts);
		snprintf(m->err, sizeof m->err, "sending: %s", r->detail);
		log_warnx("%s", m->err);
		return -1;
	}
	if (m->send_status != 0) {
		r->temporary = !sms_permanent(m->send_status);
		snprintf(r->detail, sizeof r->detail, "part %d of %d refused by "
		    "the network (error %d)", k + 1, r->parts, m->send_status);
		return -1;
	}
	r->mr[k] = m->send_ref;
	r->done++;
	return 0;
}

static int
sms_encode(struct sms_modem *m, const char *text, GSM_MultiSMSMessage *msg,
    struct sms_sent *r)
{
	GSM_MultiPartSMSInfo info;
	size_t len = strlen(text);
	unsigned char *u = xmalloc(2 * len + 2);
	int ucs2 = smstext_gsm7_septets(text) < 0;
	GSM_Error e;

	DecodeUTF8(u, text, len);
	GSM_ClearMultiPartSMSInfo(&info);
	info.Class = -1;
	info.EntriesNum = 1;
	info.UnicodeCoding = ucs2;
	/* Auto checks again and falls back to UCS-2: never a '?' */
	info.Entries[0].ID = ucs2 ? SMS_ConcatenatedTextLong :
	    SMS_ConcatenatedAutoTextLong;
	info.Entries[0].Buffer = u;
	e = GSM_EncodeMultiPartSMS(GSM_GetDebug(m->s), &info, msg);
	free(u);		/* ours: GSM_FreeMultiPartSMSInfo not called */
	if (e != ERR_NONE || msg->Number < 1 || msg->Number > SMS_MAX_PARTS) {
		snprintf(r->detail, sizeof r->detail, "cannot encode the text "
		    "(%d parts, at most %d): %s", msg->Number, SMS_MAX_PARTS,
		    GSM_ErrorString(e));
		return -1;
	}
	r->parts = msg->Number;
	r->ucs2 = msg->SMS[0].Coding == SMS_Coding_Unicode_No_Compression;
	return 0;
}

int
sms_send(struct sms_modem *m, const char *number, const char *text,
    int report, struct sms_sent *r)
{
	GSM_MultiSMSMessage *msg;
	int k, rc = -1;

	memset(r, 0, sizeof *r);
	msg = xcalloc(1, sizeof *msg);
	if (sms_encode(m, text, msg, r) == -1 || sms_smsc(m, r) == -1) {
		goto out;
	}
	for (k = 0; k < msg->Number; k++) {
		CopyUnicodeString(msg->SMS[k].SMSC.Number, m->smsc);
		DecodeUTF8(msg->SMS[k].Number, number, strlen(number));
		/* a Status_Report PDU type asks for a delivery report */
		msg->SMS[k].PDU = report ? SMS_Status_Report : SMS_Submit;
		if (sms_send_part(m, &msg->SMS[k], k, r) == -1) {
			goto out;
		}
	}
	snprintf(r->detail, sizeof r->detail, "%d part(s), %s", r->parts,
	    r->ucs2 ? "UCS-2" : "GSM-7");
	rc = 0;
out:
	free(msg);
	return rc;
}

int
sms_reset(struct sms_modem *m)
{
	GSM_Error e;

	sms_guard_begin(m, "resetting the modem", m->cf->timeout);
	e = GSM_Reset(m->s, FALSE);
	if (sms_guard_end(m) == -1) {
		return -1;
	}
	if (e != ERR_NONE) {
		return sms_fail(m, "resetting the modem", e);
	}
	log_notice("modem reset");
	return 0;
}
