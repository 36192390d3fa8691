/*
 * pipeline_sms.c — one received SMS into a case, inside the caller's
 * transaction (see the SMS section of pipeline.h).
 *
 * The SMS front end: it turns the SMS into the channel-neutral message of
 * pipeline_priv.h and hands it to the core (pipeline_take), which walks
 * the same path as for email: the same intake decision (an officer's
 * number sends commands, a complainant's SMS follows up the case it names
 * or the one awaiting their feedback), casework_open() for a new case, the
 * same casework for everything after the decision, so a case opened by SMS
 * can be resolved by email and the other way round, each reply going out
 * on the complainant's channel (casework.h).
 * Deduplication is by the external id the caller derives from the parts,
 * checked inside the recording transaction like a Message-ID.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "phone.h"
#include "pipeline.h"
#include "pipeline_priv.h"
#include "sha256.h"
#include "smstext.h"
#include "text.h"

#define SMS_SUBJECT_CHARS	40	/* keeps the officers' SMS one part */

/* Binary data and empty texts are kept, not acted on: the reason. */
static const char *
psms_not_text(const struct pipeline_sms *m)
{
	const char *t = m->text;

	t += strspn(t, " \t\n");
	if (m->binary) {
		return "binary (8-bit) SMS: recorded, no case";
	}
	return *t == '\0' ? "empty SMS: recorded, no case" : NULL;
}

int
pipeline_sms(struct pipeline *p, const struct pipeline_sms *m,
    struct pipeline_result *res)
{
	struct pipeline_msg msg;
	struct store_message_new *sm = &msg.rec;
	char sender[64], hash[65], incomplete[64], *subject;
	enum phone_kind kind;
	int rc;

	kind = phone_normalize(m->sender, p->cf->phone_country, sender,
	    sizeof sender);
	sha256_hex(m->raw, m->rawlen, hash);
	subject = text_summary(m->text, SMS_SUBJECT_CHARS);
	memset(&msg, 0, sizeof msg);
	msg.in.channel = "sms";
	msg.in.source = m->source;
	msg.in.sender = sender[0] ? sender : NULL;
	msg.in.sender_is_person = kind == PHONE_E164;
	msg.in.subject = "";
	msg.in.text = m->text;
	sm->channel = "sms";
	sm->source = m->source;
	sm->external_id = m->external_id;
	sm->content_hash = hash;
	sm->sender = sender[0] ? sender : m->sender;
	sm->sender_raw = strcmp(sm->sender, m->sender) != 0 ? m->sender : NULL;
	sm->date = m->sent;
	sm->received = time(NULL);
	sm->flags = m->missing > 0 ? PIPE_F_SMS_INCOMPLETE : 0;
	sm->body = m->text;
	sm->full_body = m->text;
	sm->raw = m->raw;
	sm->rawlen = m->rawlen;
	msg.case_subject = subject;
	msg.channel_label = "SMS";
	msg.not_content = psms_not_text(m);
	if (m->missing > 0) {
		snprintf(incomplete, sizeof incomplete, "incomplete: %d of %d "
		    "parts missing", m->missing, m->parts);
		msg.incomplete = incomplete;
	}
	rc = pipeline_take(p, &msg, res);
	free(subject);
	return rc;
}

int
pipeline_sms_raw(struct pipeline *p, const char *source, const char *raw,
    size_t len, struct pipeline_result *res)
{
	struct smstext_raw r;
	struct pipeline_sms ps;
	char err[128];
	int rc;

	if (smstext_raw_parse(raw, len, &r, err, sizeof err) == -1) {
		smstext_raw_free(&r);
		memset(res, 0, sizeof *res);
		res->status = PIPE_QUARANTINED;
		snprintf(res->why, sizeof res->why, "%s", err);
		return 0;
	}
	memset(&ps, 0, sizeof ps);
	ps.source = source;
	ps.sender = r.sender;
	ps.text = r.text;
	ps.sent = r.sent;
	ps.external_id = r.id;
	ps.raw = raw;
	ps.rawlen = len;
	ps.parts = r.total;
	ps.missing = r.missing;
	ps.binary = r.binary;
	rc = pipeline_sms(p, &ps, res);
	smstext_raw_free(&r);
	return rc;
}
