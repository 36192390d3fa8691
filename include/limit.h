/*
 * limit.h — the pure parts of the limits on what the daemon sends by
 * itself (casework_limit.c applies them).  No I/O.
 *
 * Per-recipient limits count an address the way mail reaches it, so that
 * one mailbox written as many addresses is still one recipient:
 *  - the whole address is lower-cased (local parts are case-sensitive in
 *    theory; no provider a complainant uses treats them so);
 *  - a "+tag" in the local part is cut (local+1@, local+2@ ... all reach
 *    local@: Gmail, Outlook, Yahoo, Fastmail, Postfix's default);
 *  - at gmail.com and googlemail.com (one mailbox) the dots of the local
 *    part are dropped too: Gmail ignores them, so v.i.c.t.i.m@ is victim@.
 *    Elsewhere dots are part of the name and stay.
 * Other delimiters ("-" at some hosts) are not cut: they are also part of
 * ordinary names.  Phone numbers are already E.164 and counted as they are.
 */
#ifndef LIMIT_H
#define LIMIT_H

#include <stddef.h>

#include "conf.h"

/* The key the per-recipient limits count rcpt under (out: outlen bytes,
 * always terminated). */
void	limit_key(const char *rcpt, char *out, size_t outlen);

/* 1 when an automatic SMS may go to number (E.164): it starts with one
 * of limits.sms_reply_prefixes (the configured countries or networks);
 * 0 otherwise (international premium numbers, satellite services...). */
int	limit_sms_allowed(const struct conf *, const char *number);

/*
 * A no-reply address: noreply, no-reply, no_reply, no.reply, donotreply,
 * do-not-reply, do_not_reply, dontreply, as a word of the local part
 * ("noreply-alerts@", "no-reply+x@", "noreply2@", "forms-noreply@"; not
 * "noreplyservice@").  Nobody reads them, so
 * mail there is lost, or bounces; the mail itself may still be a
 * complaint (a web form sends as noreply@), so it opens a case — only
 * nothing is mailed to it (mime.c's MIME_F_NOREPLY: no acknowledgement;
 * casework: nor a resolution or anything else).  Not listed: "info@", "admin@",
 * "office@" (people read them); "bounce(s)@" (envelope senders of lists,
 * caught as list mail); mailer-daemon and postmaster (addr_is_daemon).
 */
int	limit_noreply(const char *addr);

#endif
