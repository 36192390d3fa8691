/*
 * test_outbox.c — claiming and completing outbox rows against a real
 * database: no double claims, recovery after a crash, retry with backoff,
 * permanent failure, giving up, and the case acknowledged on delivery.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "outbox.h"
#include "store.h"
#include "t.h"
#include "testconf.h"

struct seen {
	int	n;
	int64_t	ids[16];
};

static int
collect(void *arg, const struct store_outbox_row *r)
{
	struct seen *s = arg;

	if (s->n < 16) {
		s->ids[s->n++] = r->id;
	}
	return 0;
}

static char row_status[32];
static int row_attempts;
static time_t row_next;

static int
grab(void *arg, const struct store_outbox_row *r)
{
	(void)arg;
	snprintf(row_status, sizeof row_status, "%s", r->status);
	row_attempts = r->attempts;
	row_next = r->next_attempt_at;
	return 0;
}

static int64_t
queue(struct store *st, int64_t case_id, const char *kind, const char *ch)
{
	struct store_outbox_new o;
	int64_t id;

	memset(&o, 0, sizeof o);
	o.case_id = case_id;
	o.channel = ch;
	o.kind = kind;
	o.recipient = "budi@example.org";
	o.body = "x";
	store_begin(st);
	store_outbox_add(st, &o, &id);
	store_commit(st);
	return id;
}

/* An outcome the database will not take waits, its row claimed, and is
 * recorded once the database is free again. */
static void
test_pending(struct store *st, struct store *other, const struct conf *cf,
    int64_t case_id)
{
	struct outbox_pending p;
	struct outbox_outcome o;
	struct seen a;
	int64_t one, two;

	memset(&p, 0, sizeof p);
	one = queue(st, case_id, "resolution", "sms");
	two = queue(st, case_id, "notify", "sms");
	memset(&a, 0, sizeof a);
	T_INT(outbox_claim(st, "sms", "modem:gsm1", 10, collect, &a), 2,
	    "two SMS claimed");
	store_begin(other);			/* another program holds it */
	memset(&o, 0, sizeof o);
	o.id = one;
	o.result = OUTBOX_SENT;
	snprintf(o.detail, sizeof o.detail, "1 part(s), GSM-7");
	T_INT(outbox_report(st, cf, &p, &o, NULL, NULL), 1,
	    "a sent SMS the locked database will not record is kept");
	T_INT(outbox_pending_has(&p, one), 1, "... waiting");
	T_INT(outbox_pending_flush(st, cf, &p, NULL, NULL, 1), 1,
	    "... still, while the database is held");
	store_rollback(other);
	T_INT(outbox_release(st, "sms", "modem:gsm1", &p), 1,
	    "the claims are given back, except the one whose outcome waits");
	store_outbox_get(st, one, grab, NULL);
	T_STR(row_status, "sending", "... it stays claimed: never sent twice");
	store_outbox_get(st, two, grab, NULL);
	T_OK(strcmp(row_status, "queued") == 0 && row_attempts == 0,
	    "... the other one is queued, its attempt given back");
	T_INT(outbox_pending_flush(st, cf, &p, NULL, NULL, 0), 1,
	    "the next try waits for its pause");
	T_INT(outbox_pending_flush(st, cf, &p, NULL, NULL, 1), 0,
	    "once the database is free the outcome is recorded");
	store_outbox_get(st, one, grab, NULL);
	T_STR(row_status, "sent", "... the row is sent");
	outbox_pending_free(&p);
}

int
main(void)
{
	struct conf *cf = testconf_new(0);
	struct store *st = NULL, *other = NULL;
	struct store_case_new cn;
	struct case_brief c;
	struct seen a, b;
	char dir[] = "/tmp/test_outbox.XXXXXX", path[128], ref[64];
	int64_t party, case_id, ack, note, sms;

	log_init(0, "test_outbox");
	if (!T_OK(cf != NULL && mkdtemp(dir) != NULL, "setup")) {
		return t_done();
	}
	snprintf(path, sizeof path, "%s/db", dir);
	store_open(path, 1000, &st);
	store_open(path, 1000, &other);
	memset(&cn, 0, sizeof cn);
	cn.ref_format = "KEL-{year}-{seq:6}";
	cn.received = time(NULL);
	cn.channel = cn.source = "email";
	cn.category = "umum";
	cn.language = "id";
	cn.token = "t";
	store_begin(st);
	store_party_get(st, "budi@example.org", NULL, NULL, &party);
	cn.party_id = party;
	store_case_add(st, &cn, &case_id, ref, sizeof ref);
	store_commit(st);
	ack = queue(st, case_id, "ack", "email");
	note = queue(st, case_id, "notify", "email");
	sms = queue(st, case_id, "ack", "sms");

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	T_INT(outbox_claim(st, "email", "dispatch", 10, collect, &a), 2,
	    "the email rows are claimed");
	T_INT(outbox_claim(other, "email", "dispatch2", 10, collect, &b), 0,
	    "a second sender finds nothing left to claim");
	T_INT(outbox_claim(other, "sms", "modem:gsm0", 10, collect, &b), 1,
	    "SMS rows are claimed separately");
	T_INT(b.ids[0], sms, "... the SMS row");

	/* a crash: the claims of "dispatch" come back when it restarts */
	T_INT(outbox_recover(st, "email", "dispatch"), 2,
	    "a restarted sender releases its own claims");
	T_INT(outbox_recover(st, "sms", "dispatch"), 0,
	    "... but not another worker's");
	memset(&a, 0, sizeof a);
	T_INT(outbox_claim(st, "email", "dispatch", 10, collect, &a), 2,
	    "released rows are claimed again");

	T_INT(outbox_sent(st, ack, "250 2.0.0 Ok: queued as ABC"), 0,
	    "delivery recorded");
	store_outbox_get(st, ack, grab, NULL);
	T_STR(row_status, "sent", "... the row is sent");
	store_case_by_id(st, case_id, &c);
	T_STR(c.status, CASE_ACKNOWLEDGED,
	    "a delivered acknowledgement acknowledges the case");

	T_INT(outbox_failed(st, cf, note, 1, "451 4.3.0 try later"), 0,
	    "temporary failure recorded");
	store_outbox_get(st, note, grab, NULL);
	T_STR(row_status, "queued", "... the row is queued again");
	T_OK(row_next >= time(NULL) + cf->limits.retry_delay - 1,
	    "... not before the retry delay");
	T_INT(outbox_backoff(cf, 1), 60, "first retry after retry_delay");
	T_INT(outbox_backoff(cf, 3), 240, "the delay doubles");
	T_INT(outbox_backoff(cf, 20), 4 * 3600, "... up to 4 hours");

	T_INT(outbox_failed(st, cf, note, 0, "550 5.1.1 unknown user"), 0,
	    "permanent failure recorded");
	store_outbox_get(st, note, grab, NULL);
	T_STR(row_status, "failed", "... the row has failed");
	T_INT(store_outbox_requeue(st, note), 0, "a failed row can be retried");
	store_outbox_get(st, note, grab, NULL);
	T_OK(strcmp(row_status, "queued") == 0 && row_attempts == 0,
	    "... queued with its attempts reset");
	T_INT(store_outbox_requeue(st, ack), 1, "a sent row is not requeued");

	/* attempts used up: dead */
	{
		int i;

		for (i = 0; i < cf->limits.send_attempts; i++) {
			memset(&a, 0, sizeof a);
			store_begin(st);
			store_outbox_claim(st, "email", "dispatch",
			    time(NULL) + 86400, 10, collect, &a, &a.n);
			store_commit(st);
			outbox_failed(st, cf, note, 1, "connection refused");
		}
	}
	store_outbox_get(st, note, grab, NULL);
	T_STR(row_status, "dead", "after send_attempts tries the row is dead");
	test_pending(st, other, cf, case_id);
	store_close(st);
	store_close(other);
	conf_free(cf);
	{
		char cmd[200];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0) {
			return 1;
		}
	}
	return t_done();
}
