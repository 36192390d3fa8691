/*
 * sms.h — one GSM modem through libgammu.  sms.c is the only gammu user;
 * nothing of gammu shows through this interface.
 *
 * The modem is configured from struct conf_modem alone (no gammurc):
 * device (a /dev/serial/by-id/ path, the dummy driver's directory, or the
 * command behind a proxyat connection), connection ("at", "at115200",
 * "none" for the dummy driver, "proxyat"), model ("" = ask the modem) and
 * the SIM PIN, read from pin_file and entered only when the SIM asks for
 * it.  A PIN the SIM rejects is never tried again by this process: three
 * wrong tries would lock the SIM (SMS_E_PIN).
 *
 * Reading returns every received part the modem holds — texts, binary
 * messages and delivery reports — without deleting anything: the caller
 * deletes each part with sms_delete() once it is safely recorded.  A
 * message gammu cannot decode does not end the listing: it is read again
 * by its location (which sometimes works), and otherwise returned as
 * SMS_UNREADABLE with the PDU as the modem gave it, so the caller can keep
 * it and delete it.  The concatenation header of a long message is found
 * among the other elements of its user data header (smstext_udh_concat),
 * not only when it is the header's single element.
 *
 * Every call into gammu is bounded: the modem has the configuration's
 * timeout to answer (sending: the network's answer on top), and a device
 * that goes away during a call (the proxy process exits, the device node
 * disappears, a write or read error) ends the call at once.  After that
 * sms_dead() is 1: the connection is unusable and must be closed.  A call
 * that cannot be interrupted even then (gammu retrying a write for ever)
 * ends the process a few seconds later with EX_TEMPFAIL, for the
 * supervisor to restart it.
 * Sending splits a long text into concatenated parts, in GSM-7 when every
 * character has a GSM-7 form and UCS-2 otherwise, and waits (with a
 * deadline) for the network's answer to each part.
 *
 * Errors: functions return 0 (or a count) and -1 after logging what
 * failed, with the modem's name; sms_error() keeps the last failure as one
 * line for the status display.  Blocking waits call the tick function set
 * with sms_set_tick() about once a second (the worker's heartbeat); when it
 * returns non-zero (the worker is asked to stop) a send still in progress
 * gets a few more seconds, not the full deadline.
 */
#ifndef SMS_H
#define SMS_H

#include <stddef.h>
#include <time.h>

#include "conf.h"

#define SMS_MAX_PARTS	6	/* longest text sent: 6 x 153 GSM-7 chars */
#define SMS_ADDR_MAX	48

struct sms_modem;

enum sms_kind {
	SMS_TEXT,		/* a text message (GSM-7 or UCS-2) */
	SMS_BINARY,		/* 8-bit data (WAP push, ...) */
	SMS_REPORT,		/* a delivery report for a message we sent */
	SMS_UNREADABLE,		/* a message gammu cannot decode: data holds
				   the PDU as the modem gave it (hex text,
				   len 0 when it could not be seen), error
				   gammu's complaint */
};

/* One received part (or delivery report) as the modem holds it. */
struct sms_part {
	enum sms_kind	 kind;
	char		 sender[SMS_ADDR_MAX];	/* UTF-8 as the network gave
						   it ("+62812...", "0812...",
						   "TELKOMSEL"); REPORT: the
						   recipient of our message */
	char		 smsc[SMS_ADDR_MAX];
	time_t		 sent;		/* SMSC time stamp (UTC); 0 unknown */
	int		 ref;		/* concatenation reference, -1 none */
	int		 total;		/* parts of the message (1: single) */
	int		 seq;		/* this part, 1..total */
	int		 ucs2;		/* TEXT: sent in UCS-2 (else GSM-7) */
	unsigned char	*data;		/* TEXT: UTF-16BE; BINARY: bytes */
	size_t		 len;
	int		 mr;		/* REPORT: reference of our message */
	int		 status;	/* REPORT: TP-Status (GSM 03.40) */
	int		 folder;	/* where the modem keeps it */
	int		 location;
	int		 memory;
	char		 error[96];	/* UNREADABLE: why */
};

struct sms_inbox {
	struct sms_part	*v;
	size_t		 n;
};

enum sms_net {
	SMS_NET_UNKNOWN,
	SMS_NET_HOME,
	SMS_NET_ROAMING,
	SMS_NET_SEARCHING,
	SMS_NET_NONE,
	SMS_NET_DENIED,
};

struct sms_health {
	int		 signal;	/* percent, -1 unknown */
	enum sms_net	 net;
	char		 network[64];	/* "51010 Telkomsel", "" unknown */
};

struct sms_info {
	char		 manufacturer[64];
	char		 model[64];
	char		 imei[32];
};

/* The outcome of sending one text. */
struct sms_sent {
	int		 parts;		/* parts the text took */
	int		 done;		/* parts the network accepted */
	int		 ucs2;
	int		 mr[SMS_MAX_PARTS];	/* message reference per part */
	int		 temporary;	/* on -1: worth trying again later */
	int		 modem_fault;	/* on -1: the modem itself failed
					   (no answer): count it as a modem
					   error, not the message's */
	char		 detail[160];	/* the network's answer or error */
};

enum sms_err {
	SMS_E_NONE,
	SMS_E_MODEM,		/* connection or command failed: retry */
	SMS_E_PIN,		/* SIM PIN rejected or PUK needed: a person
				   must act; do not retry */
};

/* Connect, enter the PIN if asked, identify the modem.  On -1, *out is
 * NULL, *why says whether to retry and err why it failed. */
int	sms_open(const struct conf_modem *, struct sms_modem **out,
	    enum sms_err *why, char *err, size_t errlen);
void	sms_close(struct sms_modem *);
void	sms_set_tick(struct sms_modem *, int (*)(void *), void *);
const char	*sms_error(const struct sms_modem *);
/* 1 when the modem is gone or stopped answering (see above). */
int		 sms_dead(const struct sms_modem *);
const struct sms_info	*sms_info(const struct sms_modem *);

/* Signal and registration; unknown values are not errors. */
int	sms_health(struct sms_modem *, struct sms_health *);
const char	*sms_net_name(enum sms_net);

/* Up to max received parts (the inbox is freed with sms_inbox_free). */
int	sms_read(struct sms_modem *, size_t max, struct sms_inbox *);
void	sms_inbox_free(struct sms_inbox *);
int	sms_delete(struct sms_modem *, const struct sms_part *);

/* Send text (UTF-8, at most SMS_MAX_PARTS parts: see smstext_prepare)
 * to number (E.164).  report: ask the network for delivery reports. */
int	sms_send(struct sms_modem *, const char *number, const char *text,
	    int report, struct sms_sent *);

/* Ask the modem to restart (soft reset), then drop the connection. */
int	sms_reset(struct sms_modem *);

#endif
