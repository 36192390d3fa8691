/*
 * pipeline_sms.c — one received SMS into a case, inside the caller's
 * transaction (see the SMS section of pipeline.h).
 *
 * It walks the email path with SMS inputs: the same intake decision (an
 * officer's number sends commands, a complainant's SMS follows up the case
 * it names or the one awaiting their feedback), the same routing, the same
 * casework for everything after the decision (pipeline_case_act), so a
 * case opened by SMS can be resolved by email and the other way round,
 * each reply going out on the complainant's channel (casework.h).
 * Deduplication is by the external id the caller derives from the parts,
 * checked inside the recording transaction like a Message-ID.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework.h"
#include "phone.h"
#include "pipeline.h"
#include "pipeline_priv.h"
#include "rnd.h"
#include "route.h"
#include "sha256.h"
#include "smstext.h"
#include "text.h"

#define SMS_SUMMARY_CHARS	300
#define SMS_SUBJECT_CHARS	40	/* keeps the officers' SMS one part */

struct sms_in {
	struct pipeline			*p;
	const struct casework		*cw;
	const struct pipeline_sms	*m;
	char				 sender[64];	/* normalised */
	enum phone_kind			 kind;
	struct intake_decision		 d;
	int64_t				 message_id;
	struct pipeline_result		*res;
};

static int
psms_record(struct sms_in *in, int64_t case_id)
{
	const struct pipeline_sms *m = in->m;
	struct store_message_new sm;
	char hash[65];

	sha256_hex(m->raw, m->rawlen, hash);
	memset(&sm, 0, sizeof sm);
	sm.case_id = case_id;
	sm.channel = "sms";
	sm.source = m->source;
	sm.kind = intake_kind_name(in->d.kind);
	sm.external_id = m->external_id;
	sm.content_hash = hash;
	sm.sender = in->sender[0] ? in->sender : m->sender;
	sm.sender_raw = strcmp(sm.sender, m->sender) != 0 ? m->sender : NULL;
	sm.date = m->sent;
	sm.received = time(NULL);
	sm.flags = m->missing > 0 ? PIPE_F_SMS_INCOMPLETE : 0;
	sm.body = m->text;
	sm.full_body = m->text;
	sm.raw = m->raw;
	sm.rawlen = m->rawlen;
	if (store_message_add(in->cw->st, &sm, &in->message_id) == -1) {
		return -1;
	}
	in->res->message_id = in->message_id;
	if (m->missing == 0) {
		return 0;
	}
	snprintf(in->res->why + strlen(in->res->why), sizeof in->res->why -
	    strlen(in->res->why), "; incomplete: %d of %d parts missing",
	    m->missing, m->parts);
	return store_event_add(in->cw->st, case_id, "system", "incomplete",
	    in->res->why);
}

static int
psms_unfiled(struct sms_in *in)
{
	if (psms_record(in, 0) == -1) {
		return -1;
	}
	return store_event_add(in->cw->st, 0, "system",
	    intake_kind_name(in->d.kind), in->d.why);
}

static void
psms_created(struct sms_in *in, const struct conf_category *cat, int rule,
    char *detail, size_t len)
{
	const struct conf *cf = in->cw->cf;

	if (rule >= 0) {
		snprintf(detail, len, "received by SMS (%s); category %s by "
		    "routing rule %d (line %d)", in->m->source, cat->id,
		    rule + 1, cf->rules[rule].line);
	} else {
		snprintf(detail, len, "received by SMS (%s); category %s "
		    "(default)", in->m->source, cat->id);
	}
}

/* Acknowledge the complainant (on their channel: SMS) and tell the
 * officers of the category. */
static int
psms_announce(struct sms_in *in, const struct case_brief *c,
    const struct conf_category *cat)
{
	struct casework_thread th = { NULL, NULL, in->message_id };
	struct tmpl_var extra[] = { { "text", in->m->text } };
	const struct conf_officer *o;
	size_t i;

	if (in->d.autoreply && casework_to_complainant(in->cw, c, "ack", 1,
	    &th, NULL, 0) == -1) {
		return -1;
	}
	for (i = 0; i < cat->nofficers; i++) {
		o = conf_officer_by_id(in->cw->cf, cat->officers[i]);
		if (casework_to_officer(in->cw, c, o, "notify", 0, extra, 1)
		    == -1) {
			return -1;
		}
	}
	return 0;
}

static int
psms_new_case(struct sms_in *in)
{
	const struct conf *cf = in->cw->cf;
	struct store *st = in->cw->st;
	struct route_input ri = { "sms", in->m->source, in->sender, "",
	    in->m->text };
	const struct conf_category *cat;
	struct store_case_new cn;
	struct case_brief c;
	char token[RND_TOKEN_LEN], ref[REF_MAX], detail[512];
	char *summary, *subject;
	int64_t party, case_id;
	int rule, rc = -1;
	size_t i;

	cat = route_category(cf, &ri, &rule);
	rnd_token(token);
	summary = text_summary(in->m->text, SMS_SUMMARY_CHARS);
	subject = text_summary(in->m->text, SMS_SUBJECT_CHARS);
	memset(&cn, 0, sizeof cn);
	cn.ref_format = cf->reference_format;
	cn.received = time(NULL);
	cn.channel = "sms";
	cn.source = in->m->source;
	cn.category = cat->id;
	cn.language = cf->language;
	cn.subject = subject;
	cn.summary = summary;
	cn.token = token;
	if (store_party_get(st, NULL, in->sender, NULL, &party) == -1) {
		goto out;
	}
	cn.party_id = party;
	if (store_case_add(st, &cn, &case_id, ref, sizeof ref) == -1) {
		goto out;
	}
	for (i = 0; i < cat->nofficers; i++) {
		if (store_case_assign(st, case_id, cat->officers[i]) == -1) {
			goto out;
		}
	}
	psms_created(in, cat, rule, detail, sizeof detail);
	if (store_event_add(st, case_id, "complainant", "created", detail)
	    == -1 || psms_record(in, case_id) == -1 ||
	    store_case_by_id(st, case_id, &c) != 1 ||
	    casework_clock_start(in->cw, &c) == -1) {
		goto out;
	}
	snprintf(in->res->reference, sizeof in->res->reference, "%s", ref);
	in->res->case_id = case_id;
	rc = psms_announce(in, &c, cat);
out:
	free(summary);
	free(subject);
	return rc;
}

static int
psms_decide(struct sms_in *in)
{
	struct intake_lookup lk;
	struct intake_msg im;

	pipeline_lookup(in->p, &lk);
	memset(&im, 0, sizeof im);
	im.channel = "sms";
	im.source = in->m->source;
	im.sender = in->sender[0] ? in->sender : NULL;
	im.sender_is_person = in->kind == PHONE_E164;
	im.subject = "";
	im.text = in->m->text;
	return intake_decide(in->cw->cf, &im, &lk, &in->d);
}

static int
psms_act(struct sms_in *in)
{
	struct intake_decision *d = &in->d;

	in->res->kind = d->kind;
	snprintf(in->res->why, sizeof in->res->why, "%s", d->why);
	if (d->kind == INTAKE_NEW_CASE) {
		return psms_new_case(in);
	}
	if (d->kase.id == 0) {
		return psms_unfiled(in);
	}
	if (psms_record(in, d->kase.id) == -1) {
		return -1;
	}
	return pipeline_case_act(in->p, in->m->source, d, in->m->text,
	    in->message_id, in->res);
}

/* Binary data and empty texts are kept, not acted on. */
static int
psms_not_text(struct sms_in *in)
{
	const char *t = in->m->text;

	t += strspn(t, " \t\n");
	if (!in->m->binary && *t != '\0') {
		return 0;
	}
	in->d.kind = INTAKE_AUTOMATIC;
	snprintf(in->d.why, sizeof in->d.why, "%s SMS: recorded, no case",
	    in->m->binary ? "binary (8-bit)" : "empty");
	return 1;
}

int
pipeline_sms(struct pipeline *p, const struct pipeline_sms *m,
    struct pipeline_result *res)
{
	struct sms_in in;
	int r, rc = -1;

	memset(res, 0, sizeof *res);
	memset(&in, 0, sizeof in);
	in.p = p;
	in.cw = pipeline_casework(p);
	in.m = m;
	in.res = res;
	in.kind = phone_normalize(m->sender, in.cw->cf->phone_country,
	    in.sender, sizeof in.sender);
	r = store_message_seen(in.cw->st, m->external_id, NULL,
	    &res->message_id);
	if (r == 1) {
		res->status = PIPE_DUPLICATE;
		snprintf(res->why, sizeof res->why, "already recorded as "
		    "message #%lld", (long long)res->message_id);
		return 0;
	}
	res->status = PIPE_RECORDED;
	if (r == 0 && psms_not_text(&in)) {
		res->kind = in.d.kind;
		snprintf(res->why, sizeof res->why, "%s", in.d.why);
		rc = psms_unfiled(&in);
	} else if (r == 0 && psms_decide(&in) == 0) {
		rc = psms_act(&in);
	}
	intake_decision_free(&in.d);
	return rc == -1 ? pipeline_store_fail(p, res) : 0;
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
