/*
 * test_testconf.c — the configuration the decision modules' tests build in
 * C (testconf.h) is what the reader makes of the same file: every value,
 * defaults and derived ones included (line numbers and the
 * digest aside).  And the reader's digest is the SHA-256 of the file's
 * bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "conf_load.h"
#include "sha256.h"
#include "t.h"
#include "testconf.h"

#define S(v)	((v) != NULL ? (v) : "(none)")

static void
dump_strv(struct buf *b, const char *key, char *const *v, size_t n)
{
	size_t i;

	buf_printf(b, "%s = [", key);
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s\"%s\"", i > 0 ? ", " : "", v[i]);
	}
	buf_adds(b, "]\n");
}

static void
dump_top(struct buf *b, const struct conf *c)
{
	buf_printf(b, "org %s / %s\nreference_format %s\ndatabase %s\n"
	    "templates %s\nlanguage %s\ntimezone %s\nphone_country %s\n"
	    "accept_list_mail %d\ndefault_category %s\n", S(c->org_name),
	    S(c->org_domain), S(c->reference_format), S(c->database),
	    S(c->templates_dir), S(c->language), S(c->timezone),
	    S(c->phone_country), c->accept_list_mail,
	    S(c->default_category));
	dump_strv(b, "own_addresses", c->own_addresses, c->nown_addresses);
	buf_printf(b, "plain_reply %s\n", S(c->plain_reply));
}

static void
dump_sources(struct buf *b, const struct conf *c)
{
	const struct conf_imap *im;
	const struct conf_modem *m;
	const struct conf_smtp *sm = c->smtp;
	size_t i;

	for (i = 0; i < c->nimap; i++) {
		im = &c->imap[i];
		buf_printf(b, "imap %s %s:%d tls %d ca %s user %s pw %s "
		    "mailbox %s %s %s idle %d poll %d timeout %d address %s\n",
		    S(im->name), S(im->host), im->port, (int)im->tls,
		    S(im->ca_file), S(im->user), S(im->password_file),
		    S(im->mailbox), S(im->processed_folder),
		    S(im->quarantine_folder), im->idle, im->poll_interval,
		    im->timeout, S(im->address));
	}
	if (sm != NULL) {
		buf_printf(b, "smtp %s tls %d ca %s user %s pw %s from %s "
		    "\"%s\" reply_to %s helo %s timeout %d\n", S(sm->url),
		    (int)sm->tls, S(sm->ca_file), S(sm->user),
		    S(sm->password_file), S(sm->from), S(sm->from_name),
		    S(sm->reply_to), S(sm->helo), sm->timeout);
	}
	for (i = 0; i < c->nmodems; i++) {
		m = &c->modems[i];
		buf_printf(b, "modem %s %s %s \"%s\" pin %s smsc %s poll %d "
		    "multipart %d timeout %d\n", S(m->name), S(m->device),
		    S(m->connection), S(m->model), S(m->pin_file),
		    S(m->smsc), m->poll_interval, m->multipart_timeout,
		    m->timeout);
	}
}

static void
dump_people(struct buf *b, const struct conf *c)
{
	const struct conf_officer *o;
	const struct conf_category *cat;
	size_t i;

	for (i = 0; i < c->nofficers; i++) {
		o = &c->officers[i];
		buf_printf(b, "officer %s \"%s\" role %s email %s phone %s "
		    "notify %u escalate_to %s language %s\n", S(o->id),
		    S(o->name), S(o->role), S(o->email), S(o->phone),
		    o->notify, S(o->escalate_to), S(o->language));
		buf_printf(b, "  unix_user %s coordinator %d\n",
		    S(o->unix_user), o->coordinator);
	}
	for (i = 0; i < c->ncategories; i++) {
		cat = &c->categories[i];
		buf_printf(b, "category %s \"%s\" response %d resolve %d ",
		    S(cat->id), S(cat->name), cat->response_hours,
		    cat->resolve_days);
		buf_printf(b, "plain_reply %s ", S(cat->plain_reply));
		dump_strv(b, "officers", cat->officers, cat->nofficers);
	}
}

static void
dump_rules(struct buf *b, const struct conf *c)
{
	const struct conf_rule *r;
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		r = &c->rules[i];
		buf_printf(b, "rule %s source %s ", S(r->category),
		    S(r->source));
		dump_strv(b, "keywords", r->keywords, r->nkeywords);
		dump_strv(b, "    domains", r->domains, r->ndomains);
	}
}

static void
dump_rest(struct buf *b, const struct conf *c)
{
	const struct conf_sla *sla = &c->sla;
	const struct conf_limits *l = &c->limits;

	buf_printf(b, "sla days %#x %d-%d response %d resolve %d "
	    "feedback %d reminder %d remind %d escalate %d wait %d ",
	    sla->workdays, sla->day_start, sla->day_end, sla->response_hours,
	    sla->resolve_days, sla->feedback_days, sla->feedback_reminder,
	    sla->remind_hours, sla->escalate_hours, sla->wait_days);
	dump_strv(b, "holidays", sla->holidays, sla->nholidays);
	buf_printf(b, "limits autoreply %d/h %d/day size %zu attempts %d "
	    "send %d retry %d silence %d\n", l->autoreply_per_hour,
	    l->autoreply_per_day, l->max_message_size, l->max_attempts,
	    l->send_attempts, l->retry_delay, l->worker_silence);
	buf_printf(b, "limits total %d/h %d/day notify %d/h echo %d "
	    "excerpt %d ", l->autoreply_total_per_hour,
	    l->autoreply_total_per_day, l->notify_per_hour, l->echo_chars,
	    l->notify_excerpt);
	dump_strv(b, "sms_reply_prefixes", l->sms_reply_prefixes,
	    l->nsms_reply_prefixes);
	buf_printf(b, "trusted_authserv_id %s\n", S(c->trusted_authserv_id));
}

/* Every value of c, one line per entry (caller frees). */
static char *
dump(const struct conf *c)
{
	struct buf b;

	buf_init(&b);
	dump_top(&b, c);
	dump_sources(&b, c);
	dump_people(&b, c);
	dump_rules(&b, c);
	dump_rest(&b, c);
	return buf_steal(&b);
}

/* Equal, or not ok with the first line that differs. */
static void
same(const char *got, const char *want, const char *what)
{
	size_t i, start = 0;

	for (i = 0; got[i] != '\0' && got[i] == want[i]; i++) {
		if (got[i] == '\n') {
			start = i + 1;
		}
	}
	if (!T_OK(got[i] == want[i], what)) {
		printf("#   reader:     %.*s\n", (int)strcspn(got + start,
		    "\n"), got + start);
		printf("#   testconf.h: %.*s\n", (int)strcspn(want + start,
		    "\n"), want + start);
	}
}

/* Load TESTCONF_TEXT from a file; NULL (with the messages) if it fails. */
static struct conf *
load(const char *dir, int accept_list_mail, char *text, size_t textlen)
{
	struct conf_diag d = { NULL, 0 };
	struct conf *c = NULL;
	char path[256];
	FILE *f;
	size_t i;

	snprintf(path, sizeof path, "%s/complaintd.conf", dir);
	snprintf(text, textlen, TESTCONF_TEXT, accept_list_mail ? "true" :
	    "false");
	if ((f = fopen(path, "w")) == NULL) {
		return NULL;
	}
	fputs(text, f);
	fclose(f);
	if (conf_load(path, &c, &d) == -1) {
		for (i = 0; i < d.n; i++) {
			printf("# %s\n", d.msgs[i]);
		}
	}
	conf_diag_free(&d);
	unlink(path);
	return c;
}

int
main(void)
{
	char dir[] = "/tmp/test_testconf.XXXXXX", text[4096], hex[65];
	char *got, *want;
	struct conf *loaded, *built;
	int accept;

	if (!T_OK(mkdtemp(dir) != NULL, "a temporary directory")) {
		return t_done();
	}
	for (accept = 0; accept <= 1; accept++) {
		loaded = load(dir, accept, text, sizeof text);
		built = testconf_new(accept);
		if (T_OK(loaded != NULL, "the reader takes TESTCONF_TEXT")) {
			got = dump(loaded);
			want = dump(built);
			same(got, want, accept ? "accept_list_mail = true: "
			    "testconf_new() is what the reader makes" :
			    "testconf_new() is what the reader makes");
			sha256_hex(text, strlen(text), hex);
			T_STR(loaded->digest, hex,
			    "the digest is the SHA-256 of the file's bytes");
			free(got);
			free(want);
		}
		conf_free(loaded);
		conf_free(built);
	}
	rmdir(dir);
	return t_done();
}
