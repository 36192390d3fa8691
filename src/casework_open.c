/*
 * casework_open.c — the one way a case is opened (see casework_open() in
 * casework.h).  Email, SMS and staff entry all come here, so a case is
 * born the same way whatever brought it: one party, one reference, the
 * category's officers, one "created" event saying how and by whom, the
 * acknowledgement, the officers' notification.
 *
 * Works inside the caller's transaction; -1 on a store failure (the
 * caller rolls back: no half-opened case is ever committed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attlist.h"
#include "buf.h"
#include "casework.h"
#include "cpar.h"
#include "lang.h"
#include "privacy.h"
#include "ref.h"
#include "rnd.h"
#include "route.h"
#include "text.h"
#include "xmalloc.h"

#define OPEN_SUMMARY_CHARS	300

/* The category given, or the one routing picks (*rule: its index, -1 for
 * the default or a category given). */
static const struct conf_category *
open_category(const struct casework *cw, const struct casework_opening *o,
    int *rule)
{
	struct route_input ri = { o->channel, o->source, o->sender,
	    o->subject, o->text };
	const struct conf_category *cat;

	*rule = -1;
	if (o->category != NULL &&
	    (cat = conf_category_by_id(cw->cf, o->category)) != NULL) {
		return cat;
	}
	return route_category(cw->cf, &ri, rule);
}

static void
open_detail(const struct casework *cw, const struct casework_opening *o,
    const struct conf_category *cat, int rule, char *out, size_t len)
{
	if (rule >= 0) {
		snprintf(out, len, "%s; category %s by routing rule %d "
		    "(line %d)", o->how, cat->id, rule + 1,
		    cw->cf->rules[rule].line);
	} else {
		snprintf(out, len, "%s; category %s (%s)", o->how, cat->id,
		    o->category != NULL ? "given" : "default");
	}
}

/*
 * The language the complainant is written to: as staff said; else the one
 * their words show (lang.h), remembered on their party for later short
 * messages; else the one remembered; else the organisation's.  Words staff
 * wrote down for them (an entry) do not outweigh the language remembered
 * from the complainant's own.  how gets the history's words for it.
 */
static int
open_language(const struct casework *cw, const struct casework_opening *o,
    int64_t party, char *lang, size_t langlen, char *how, size_t howlen)
{
	struct lang_guess g;
	char known[8], *words;

	if (o->language != NULL) {
		snprintf(lang, langlen, "%s", o->language);
		snprintf(how, howlen, "language %s (given)", lang);
		return store_party_set_language(cw->st, party, lang);
	}
	if (store_party_language(cw->st, party, known, sizeof known) == -1) {
		return -1;
	}
	if (known[0] != '\0' && o->actor != NULL &&
	    strcmp(o->actor, "complainant") != 0) {
		snprintf(lang, langlen, "%s", known);
		snprintf(how, howlen, "language %s (remembered)", lang);
		return 0;
	}
	words = xasprintf("%s\n%s", o->subject ? o->subject : "",
	    o->text ? o->text : "");
	lang_detect(words, known[0] ? known : cw->cf->language, &g);
	free(words);
	snprintf(lang, langlen, "%s", g.lang);
	snprintf(how, howlen, "language %s (%s)", g.lang, g.sure ?
	    "from the complainant's words" : known[0] ? "remembered" :
	    "the organisation's");
	if (!g.sure || strcmp(known, g.lang) == 0) {
		return 0;
	}
	return store_party_set_language(cw->st, party, g.lang);
}

/* The case itself, its officers and its message. */
static int
open_record(const struct casework *cw, const struct casework_opening *o,
    const struct conf_category *cat, int64_t *case_id, char *how,
    size_t howlen)
{
	struct store_case_new cn;
	char token[RND_TOKEN_LEN], ref[REF_MAX], *summary, lang[8];
	int64_t party;
	size_t i;
	int rc = -1;

	rnd_token(token);
	summary = text_summary(o->text, OPEN_SUMMARY_CHARS);
	memset(&cn, 0, sizeof cn);
	cn.ref_format = cw->cf->reference_format;
	cn.received = o->received;
	cn.channel = o->channel;
	cn.source = o->source;
	cn.category = cat->id;
	cn.subject = o->subject;
	cn.summary = summary;
	cn.token = token;
	if (store_party_get(cw->st, o->email, o->phone, o->name, &party) == -1 ||
	    open_language(cw, o, party, lang, sizeof lang, how, howlen) == -1) {
		goto out;
	}
	cn.language = lang;
	cn.party_id = party;
	if (store_case_add(cw->st, &cn, case_id, ref, sizeof ref) == -1) {
		goto out;
	}
	for (i = 0; i < cat->nofficers; i++) {
		if (store_case_assign(cw->st, *case_id, cat->officers[i]) == -1) {
			goto out;
		}
	}
	rc = 0;
out:
	free(summary);
	return rc;
}

static int
open_message(const struct casework *cw, const struct casework_opening *o,
    int64_t case_id, struct casework_opened *out)
{
	if (o->msg == NULL) {
		return 0;
	}
	o->msg->case_id = case_id;
	if (store_message_add(cw->st, o->msg, &out->message_id) == -1) {
		return -1;
	}
	if (o->incomplete == NULL) {
		return 0;
	}
	return store_event_add(cw->st, case_id, "system", "incomplete",
	    o->incomplete);
}

static int
open_att_line(void *arg, const struct store_attachment_row *r)
{
	attlist_add(arg, r->id, r->filename, r->content_type, r->size);
	return 0;
}

/* What the notification says about attachments: a line each (with the
 * ids complaintctl fetches them by), and how many. */
static int
open_att_list(const struct casework *cw, const struct casework_opening *o,
    const struct casework_opened *out, struct buf *b, char *count,
    size_t countlen)
{
	if (o->msg == NULL || o->msg->natt == 0) {
		return 0;
	}
	snprintf(count, countlen, "%zu", o->msg->natt);
	return store_attachment_list(cw->st, out->message_id, open_att_line,
	    b);
}

/* Acknowledge the complainant (on their channel) and tell the officers
 * of the category. */
static int
open_announce(const struct casework *cw, const struct casework_opening *o,
    const struct conf_category *cat, struct casework_opened *out)
{
	struct casework_thread th = { o->reply_id, o->reply_refs,
	    out->message_id };
	struct tmpl_var extra[] = { { "text", o->text },
	    { "attachments", NULL }, { "attachment_count", NULL } };
	const struct conf_officer *of;
	struct buf atts;
	char natt[24] = "";
	size_t i;
	int rc = -1;

	buf_init(&atts);
	if (o->acknowledge) {
		if (casework_to_complainant(cw, &out->c, "ack", 1, &th, NULL, 0)
		    == -1) {
			goto out;
		}
	} else if (store_event_add(cw->st, out->c.id, "system",
	    "not_acknowledged", o->no_ack_why ? o->no_ack_why : "") == -1) {
		goto out;
	}
	if (open_att_list(cw, o, out, &atts, natt, sizeof natt) == -1) {
		goto out;
	}
	extra[1].value = atts.data;
	extra[2].value = natt;
	for (i = 0; i < cat->nofficers; i++) {
		of = conf_officer_by_id(cw->cf, cat->officers[i]);
		if (casework_to_officer(cw, &out->c, of, "notify", 0, extra, 3)
		    == -1) {
			goto out;
		}
	}
	rc = 0;
out:
	buf_free(&atts);
	return rc;
}

int
casework_confidential_asked(const struct casework *cw, int64_t case_id,
    const char *subject, const char *text)
{
	const struct conf_confidential *cc = &cw->cf->confidential;
	char cue[128], detail[200], *words;
	int asked;

	words = xasprintf("%s\n%s", subject ? subject : "", text ? text : "");
	asked = privacy_asked(words, cc->phrases, cc->nphrases, cue,
	    sizeof cue);
	free(words);
	if (!asked) {
		return 0;
	}
	snprintf(detail, sizeof detail, "on: the complainant asked "
	    "(\"%s\")", cue);
	if (store_case_set_confidential(cw->st, case_id, 1) == -1 ||
	    store_event_add(cw->st, case_id, "complainant", "confidential",
	    detail) == -1) {
		return -1;
	}
	return 1;
}

/* Staff said so, or the complainant asked: the case is marked
 * confidential before anyone is told of it. */
static int
open_confidential(const struct casework *cw, const struct casework_opening *o,
    int64_t case_id)
{
	if (o->confidential) {
		return store_case_set_confidential(cw->st, case_id, 1) == -1 ?
		    -1 : store_event_add(cw->st, case_id, o->actor,
		    "confidential", "on (entered so)");
	}
	return casework_confidential_asked(cw, case_id, o->subject, o->text)
	    == -1 ? -1 : 0;
}

int
casework_open(const struct casework *cw, const struct casework_opening *o,
    struct casework_opened *out)
{
	const struct conf_category *cat;
	char detail[512], lang[80];
	int64_t case_id;
	int rule;

	memset(out, 0, sizeof *out);
	cat = open_category(cw, o, &rule);
	if (open_record(cw, o, cat, &case_id, lang, sizeof lang) == -1) {
		return -1;
	}
	open_detail(cw, o, cat, rule, detail, sizeof detail);
	snprintf(detail + strlen(detail), sizeof detail - strlen(detail),
	    "; %s", lang);
	/* the clock starts before the acknowledgement tells {{due}} */
	if (store_event_add(cw->st, case_id, o->actor, "created", detail)
	    == -1 || open_confidential(cw, o, case_id) == -1 ||
	    open_message(cw, o, case_id, out) == -1 ||
	    store_case_by_id(cw->st, case_id, &out->c) != 1 ||
	    casework_clock_start(cw, &out->c) == -1 ||
	    cpar_case_opened(cw, &out->c) == -1) {
		return -1;
	}
	return open_announce(cw, o, cat, out);
}

int
casework_language_followed(const struct casework *cw, struct case_brief *c,
    const char *text)
{
	const char *cur = c->language[0] ? c->language : cw->cf->language;
	struct lang_guess g;
	char detail[200];

	lang_detect(text, cur, &g);
	if (!lang_switches(&g, cur)) {
		return 0;
	}
	snprintf(detail, sizeof detail, "%s (the complainant wrote again in "
	    "%s: %d words of it, %d of %s)", g.lang, strcmp(g.lang, "en") ==
	    0 ? "English" : "Indonesian", strcmp(g.lang, "en") == 0 ? g.en :
	    g.id, strcmp(g.lang, "en") == 0 ? g.id : g.en, strcmp(g.lang,
	    "en") == 0 ? "Indonesian" : "English");
	if (store_case_set_language(cw->st, c->id, g.lang) == -1 ||
	    store_party_set_language(cw->st, c->party_id, g.lang) == -1 ||
	    store_event_add(cw->st, c->id, "complainant", "language", detail)
	    == -1) {
		return -1;
	}
	snprintf(c->language, sizeof c->language, "%s", g.lang);
	return 1;
}
