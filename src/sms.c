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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gammu.h>

#include "conf_load.h"
#include "log.h"
#include "sms.h"
#include "smstext.h"
#include "utf8.h"
#include "xmalloc.h"

#define SMS_INIT_REPLIES	3	/* gammu's retries per command */
#define SMS_SEND_DEADLINE	60	/* seconds for the network's answer */
#define SMS_STOP_GRACE		5	/* ... once we are asked to stop */

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
};

/* GSM 03.40 TP-Status / 27.005 CMS errors that no retry can fix. */
static const int sms_permanent_errors[] = { 1, 28, 30, 96, 304 };

static int
sms_fail(struct sms_modem *m, const char *what, GSM_Error e)
{
	snprintf(m->err, sizeof m->err, "%s: %s", what, GSM_ErrorString(e));
	log_warnx("%s", m->err);
	return -1;
}

static int
sms_unsupported(GSM_Error e)
{
	return e == ERR_NOTSUPPORTED || e == ERR_NOTIMPLEMENTED;
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

	e = GSM_GetSecurityStatus(m->s, &st);
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
	e = GSM_EnterSecurityCode(m->s, &code);
	explicit_bzero(&code, sizeof code);
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

static void
sms_identify(struct sms_modem *m)
{
	char buf[GSM_MAX_INFO_LENGTH];

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
}

int
sms_open(const struct conf_modem *cf, struct sms_modem **out,
    enum sms_err *why, char *err, size_t errlen)
{
	struct sms_modem *m;
	GSM_Error e;

	*out = NULL;
	*why = SMS_E_MODEM;
	m = xcalloc(1, sizeof *m);
	m->cf = cf;
	m->s = GSM_AllocStateMachine();
	sms_debug(m);
	if (sms_configure(m) == -1) {
		goto fail;
	}
	e = GSM_InitConnection(m->s, SMS_INIT_REPLIES);
	if (e != ERR_NONE) {
		sms_fail(m, "connecting", e);
		goto fail;
	}
	/* before anything is sent: the dummy driver calls it blindly */
	GSM_SetSendSMSStatusCallback(m->s, sms_on_sent, m);
	if (sms_unlock(m, why) == -1) {
		goto fail;
	}
	sms_identify(m);
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
		GSM_TerminateConnection(m->s);
	}
	GSM_FreeStateMachine(m->s);
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
	e = GSM_GetSignalQuality(m->s, &sq);
	if (e == ERR_NONE && sq.SignalPercent >= 0 && sq.SignalPercent <= 100) {
		h->signal = sq.SignalPercent;
	} else if (e != ERR_NONE && !sms_unsupported(e)) {
		return sms_fail(m, "reading the signal quality", e);
	}
	memset(&ni, 0, sizeof ni);
	e = GSM_GetNetworkInfo(m->s, &ni);
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

static void
sms_concat(const GSM_SMSMessage *p, struct sms_part *o)
{
	o->ref = -1;
	o->total = o->seq = 1;
	if ((p->UDH.Type != UDH_ConcatenatedMessages &&
	    p->UDH.Type != UDH_ConcatenatedMessages16bit) ||
	    p->UDH.AllParts < 2 || p->UDH.PartNumber < 1 ||
	    p->UDH.PartNumber > p->UDH.AllParts) {
		return;
	}
	o->ref = p->UDH.ID16bit >= 0 ? p->UDH.ID16bit : p->UDH.ID8bit;
	o->total = p->UDH.AllParts;
	o->seq = p->UDH.PartNumber;
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

int
sms_read(struct sms_modem *m, size_t max, struct sms_inbox *in)
{
	GSM_MultiSMSMessage *b = m->buf;
	gboolean start = TRUE;
	GSM_Error e;
	int k;

	memset(in, 0, sizeof *in);
	memset(b, 0, sizeof *b);
	while (in->n < max) {
		sms_tick(m);
		/* continues from b->SMS[0].Folder/Location: keep b as is */
		e = GSM_GetNextSMS(m->s, b, start);
		start = FALSE;
		if (e == ERR_EMPTY) {
			break;
		}
		if (e != ERR_NONE) {
			sms_inbox_free(in);
			return sms_fail(m, "reading messages", e);
		}
		for (k = 0; k < b->Number && in->n < max; k++) {
			sms_take(&b->SMS[k], in);
		}
	}
	return (int)in->n;
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
	e = GSM_DeleteSMS(m->s, sm);
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
	if ((e = GSM_GetSMSC(m->s, &smsc)) != ERR_NONE) {
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

	while (m->send_status == -1 && (now = time(NULL)) < deadline) {
		if (sms_tick(m) && deadline > now + SMS_STOP_GRACE) {
			deadline = now + SMS_STOP_GRACE;
		}
		GSM_ReadDevice(m->s, TRUE);
	}
}

static int
sms_send_part(struct sms_modem *m, GSM_SMSMessage *p, int k,
    struct sms_sent *r)
{
	GSM_Error e;

	m->send_status = -1;
	m->send_ref = -1;
	e = GSM_SendSMS(m->s, p);
	if (e == ERR_NONE) {
		sms_wait(m);
	}
	if (e != ERR_NONE || m->send_status == -1) {
		r->temporary = r->modem_fault = 1;
		snprintf(r->detail, sizeof r->detail, "part %d of %d: %s", k + 1,
		    r->parts, e != ERR_NONE ? GSM_ErrorString(e) :
		    "no answer from the modem in time");
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
	GSM_Error e = GSM_Reset(m->s, FALSE);

	if (e != ERR_NONE) {
		return sms_fail(m, "resetting the modem", e);
	}
	log_notice("modem reset");
	return 0;
}
