/*
 * fakecase.h — for the intake fuzz targets: the unit tests' configuration
 * and lookups that know two cases (KEL-2026-000001, token "tok1", by
 * budi@example.org; KEL-2026-000002, resolved, by +6281234567890; the
 * complainants' secrets "csec1" and "csec2"), the Message-IDs of a
 * notification to kepsek and of a mail to Budi (ours), and of Budi's
 * complaint (received).
 */
#ifndef FAKECASE_H
#define FAKECASE_H

#include <stdio.h>
#include <string.h>

#include "intake.h"
#include "testconf.h"
#include "utf8.h"

static void
fake_case(int which, struct case_brief *c)
{
	memset(c, 0, sizeof *c);
	c->id = which;
	snprintf(c->reference, sizeof c->reference, "KEL-2026-00000%d", which);
	snprintf(c->status, sizeof c->status, "%s", which == 1 ?
	    "acknowledged" : "resolved");
	snprintf(c->token, sizeof c->token, "tok%d", which);
	snprintf(c->csecret, sizeof c->csecret, "csec%d", which);
	snprintf(c->channel, sizeof c->channel, "%s", which == 1 ? "email" :
	    "sms");
	snprintf(c->category, sizeof c->category, "umum");
	snprintf(c->language, sizeof c->language, "id");
	c->party_id = which;
	if (which == 1) {
		snprintf(c->email, sizeof c->email, "budi@example.org");
	} else {
		snprintf(c->phone, sizeof c->phone, "+6281234567890");
	}
}

static int
fake_by_ref(void *ctx, const char *ref, struct case_brief *c)
{
	(void)ctx;
	if (strcmp(ref, "KEL-2026-000001") == 0 ||
	    strcmp(ref, "KEL-2026-000002") == 0) {
		fake_case(ref[14] - '0', c);
		return 1;
	}
	return 0;
}

static int
fake_by_token(void *ctx, const char *tok, struct case_brief *c)
{
	(void)ctx;
	if (strcmp(tok, "tok1") == 0 || strcmp(tok, "tok2") == 0) {
		fake_case(tok[3] - '0', c);
		return 1;
	}
	return 0;
}

static int
fake_by_msgid(void *ctx, const char *id, struct case_brief *c,
    char *officer)
{
	(void)ctx;
	officer[0] = '\0';
	if (strcmp(id, "KEL-2026-000001.notify.1@smkn1.sch.id") == 0) {
		snprintf(officer, 64, "kepsek");
	} else if (strcmp(id, "KEL-2026-000001.ack.1@smkn1.sch.id") != 0) {
		return 0;
	}
	fake_case(1, c);
	return 1;
}

static int
fake_awaiting(void *ctx, const char *sender, struct case_brief *c)
{
	(void)ctx;
	if (strcmp(sender, "+6281234567890") == 0) {
		fake_case(2, c);
		return 1;
	}
	return 0;
}

static int
fake_sent(void *ctx, const char *id, struct case_brief *c,
    struct intake_sent *s)
{
	char officer[64];

	if (fake_by_msgid(ctx, id, c, officer) != 1) {
		return 0;
	}
	memset(s, 0, sizeof *s);
	snprintf(s->officer, sizeof s->officer, "%s", officer);
	snprintf(s->recipient, sizeof s->recipient, "%s", officer[0] ?
	    "kepsek@smkn1.sch.id" : "budi@example.org");
	snprintf(s->kind, sizeof s->kind, "%s", officer[0] ? "notify" :
	    "ack");
	return 1;
}

static int
fake_received(void *ctx, const char *id, struct case_brief *c, char *sender)
{
	(void)ctx;
	if (strcmp(id, "budi-1@example.org") != 0) {
		return 0;
	}
	fake_case(1, c);
	snprintf(sender, 256, "budi@example.org");
	return 1;
}

static int
fake_by_secret(void *ctx, const char *secret, struct case_brief *c)
{
	(void)ctx;
	if (strcmp(secret, "csec1") == 0 || strcmp(secret, "csec2") == 0) {
		fake_case(secret[4] - '0', c);
		return 1;
	}
	return 0;
}

static const struct intake_lookup fake_lookup = { NULL, fake_by_ref,
    fake_by_token, fake_by_msgid, fake_awaiting, fake_sent, fake_received,
    fake_by_secret };

/* The decision's contract, whatever the input. */
static void
fake_check(const struct conf *cf, const struct intake_decision *d,
    int text_valid)
{
	if ((int)d->kind < INTAKE_NEW_CASE || d->kind > INTAKE_UNFILED ||
	    (int)d->cmd < INTAKE_CMD_NONE || d->cmd > INTAKE_CMD_UNKNOWN ||
	    memchr(d->why, '\0', sizeof d->why) == NULL ||
	    (d->kase.id != 0 && d->kase.id != 1 && d->kase.id != 2) ||
	    (d->kind == INTAKE_NEW_CASE && d->kase.id != 0) ||
	    (d->kind == INTAKE_OFFICER_COMMAND && (!d->authenticated ||
	    d->officer == NULL || d->kase.id == 0)) ||
	    (d->cmd_text != NULL && text_valid &&
	    !utf8_valid(d->cmd_text, strlen(d->cmd_text)))) {
		abort();
	}
	if (d->cmd == INTAKE_CMD_ASSIGN && d->cmd_text != NULL) {
		(void)conf_officer_by_id(cf, d->cmd_text);
	}
}

#endif
