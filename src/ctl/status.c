/*
 * status.c — `complaintctl status`: whether the daemon runs (its lock
 * beside the database, dbfile.h), and how the sources and the outbox are
 * doing, from what the workers write to the database: each configured
 * modem (its worker's state, signal, network, counters, last error), each
 * configured IMAP account (source_state "imap:<name>": its state, last
 * error, the last message taken in and how long after its delivery, a
 * warning such as mail that cannot be moved) and the outbox counted by
 * channel and status.  Text or JSON.  A state recorded by a worker means
 * nothing once the daemon has stopped: it is then shown as "stopped",
 * with what was recorded last.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "ctl.h"
#include "dbfile.h"
#include "json.h"

static const char *const statuses[] = {
	"queued", "sending", "sent", "failed", "dead", "suppressed",
};
#define NSTATUSES (sizeof statuses / sizeof statuses[0])

struct counts {
	char	channel[2][8];		/* "email", "sms" */
	int	n[2][NSTATUSES];
};

/* One source_state row (copied; "" when the source never reported). */
struct src {
	char	status[200];
	char	last_error[256];
	char	warning[512];
	time_t	last_ok_at;
	time_t	updated_at;
	time_t	last_intake_at;
	int64_t	last_delay_ms;
	time_t	down_since;	/* 0: no outage */
	int	alerted;	/* the administrators were told of it */
	int	found;
	int	daemon;		/* dbfile_daemon(): 1 runs, 0 not, -1 ? */
};

struct daemon_state {
	int	running;	/* 1, 0, -1 unknown */
	pid_t	pid;
	time_t	since;
	char	err[512];
};

struct src_find {
	const char	*source;
	struct src	*out;
};

static void
status_usage(FILE *f)
{
	fprintf(f, "usage: complaintctl status [--json]\n\n"
	    "  Whether the daemon runs (since when, its pid); the open cases\n"
	    "  and how many of them are overdue; each modem\n"
	    "  (state, signal, network, messages in and out, the last error),\n"
	    "  each IMAP account, the SMTP server (an outage: since when,\n"
	    "  whether the administrators were told), the outbox by channel\n"
	    "  and status, as the daemon's workers last recorded them, and\n"
	    "  what the limits on\n"
	    "  automatic messages held back in the last hour and day.\n\n"
	    "  --json   one JSON object: daemon, cases, modems, imap, smtp, "
	    "outbox, limits\n");
}

static int
src_row(void *arg, const struct store_source_row *r)
{
	struct src_find *f = arg;

	if (strcmp(r->source, f->source) != 0) {
		return 0;
	}
	snprintf(f->out->status, sizeof f->out->status, "%s", r->status ?
	    r->status : "");
	snprintf(f->out->last_error, sizeof f->out->last_error, "%s",
	    r->last_error ? r->last_error : "");
	snprintf(f->out->warning, sizeof f->out->warning, "%s",
	    r->warning ? r->warning : "");
	f->out->last_ok_at = r->last_ok_at;
	f->out->updated_at = r->updated_at;
	f->out->last_intake_at = r->last_intake_at;
	f->out->last_delay_ms = r->last_delay_ms;
	f->out->down_since = r->down_since;
	f->out->alerted = r->down_since != 0 &&
	    r->alerted_down == r->down_since;
	f->out->found = 1;
	return 1;
}

static struct daemon_state status_daemon;

static int
status_source(struct ctl *c, const char *source, struct src *out)
{
	struct src_find f = { source, out };

	memset(out, 0, sizeof *out);
	out->daemon = status_daemon.running;
	return store_source_list(c->st, src_row, &f);
}

static void
status_daemon_get(struct ctl *c, struct daemon_state *d)
{
	memset(d, 0, sizeof *d);
	d->running = dbfile_daemon(c->cf->database, &d->pid, &d->since,
	    d->err, sizeof d->err);
}

static void
status_daemon_show(const struct daemon_state *d, struct json *j)
{
	char since[32];

	if (j != NULL) {
		json_key(j, "daemon");
		json_object_begin(j);
		json_key(j, "running");
		if (d->running == -1) {
			json_null(j);
		} else {
			json_bool(j, d->running);
		}
		json_key(j, "pid");
		if (d->running == 1 && d->pid > 0) {
			json_int(j, d->pid);
		} else {
			json_null(j);
		}
		json_kv_time(j, "since", d->running == 1 ? d->since : 0);
		json_kv_string(j, "error", d->running == -1 ? d->err : NULL);
		json_object_end(j);
		return;
	}
	if (d->running == 1) {
		ctl_time(d->since, since, sizeof since);
		printf("Daemon: running since %s, pid %ld\n\n", since,
		    (long)d->pid);
	} else if (d->running == 0) {
		printf("Daemon: not running\n\n");
	} else {
		printf("Daemon: unknown (%s)\n\n", d->err);
	}
}

static void
status_src_json(struct json *j, const struct src *s)
{
	const char *recorded = s->found ? s->status : "never started";

	json_kv_string(j, "status", s->daemon == 0 ? "stopped" : recorded);
	json_kv_string(j, "recorded_status", recorded);
	json_kv_string(j, "last_error", s->last_error[0] ? s->last_error :
	    NULL);
	json_kv_time(j, "last_ok_at", s->last_ok_at);
	json_kv_time(j, "updated_at", s->updated_at);
	json_kv_string(j, "warning", s->warning[0] ? s->warning : NULL);
	json_kv_time(j, "last_intake_at", s->last_intake_at);
	json_kv_time(j, "down_since", s->down_since);
	json_key(j, "alerted");
	json_bool(j, s->alerted);
	if (s->last_intake_at != 0 && s->last_delay_ms >= 0) {
		json_kv_int(j, "last_delay_ms", s->last_delay_ms);
	}
}

static void
status_src_text(const struct src *s)
{
	char ok[32], up[32];

	ctl_time(s->last_ok_at, ok, sizeof ok);
	ctl_time(s->updated_at, up, sizeof up);
	if (s->daemon == 0) {
		printf("    state:       stopped (the daemon is not running; "
		    "last recorded: %s)\n", s->found ? s->status :
		    "never started");
	} else {
		printf("    state:       %s\n", s->found ? s->status :
		    "never started (is complaintd running?)");
	}
	if (s->found) {
		printf("    last ok:     %s (updated %s)\n", ok, up);
	}
	if (s->down_since != 0) {
		ctl_time(s->down_since, ok, sizeof ok);
		printf("    outage:      since %s%s\n", ok, s->alerted ?
		    " (administrators told)" : "");
	}
	if (s->last_error[0] != '\0') {
		printf("    last error:  %s\n", s->last_error);
	}
	if (s->warning[0] != '\0') {
		printf("    warning:     %s\n", s->warning);
	}
	if (s->last_intake_at != 0) {
		ctl_time(s->last_intake_at, ok, sizeof ok);
		if (s->last_delay_ms >= 0) {
			printf("    last intake: %s, %.1f s after delivery\n", ok,
			    (double)s->last_delay_ms / 1000);
		} else {
			printf("    last intake: %s\n", ok);
		}
	}
}

/* Open and overdue cases: two indexed counts. */
static int
status_cases(struct ctl *c, struct json *j)
{
	int open, overdue;

	if (store_case_counts(c->st, time(NULL), &open, &overdue) == -1) {
		return -1;
	}
	if (j != NULL) {
		json_key(j, "cases");
		json_object_begin(j);
		json_kv_int(j, "open", open);
		json_kv_int(j, "overdue", overdue);
		json_object_end(j);
	} else {
		printf("Cases: %d open, %d overdue%s\n\n", open, overdue,
		    overdue > 0 ? " (complaintctl list --overdue)" : "");
	}
	return 0;
}

struct modem_out {
	struct json		*j;
	const struct conf_modem	*cm;
};

static int
modem_row(void *arg, const struct store_modem_state *m)
{
	struct modem_out *mo = arg;
	char when[32], sig[16] = "?";

	if (mo->j != NULL) {
		json_kv_string(mo->j, "manufacturer", m->manufacturer);
		json_kv_string(mo->j, "model", m->model);
		json_kv_string(mo->j, "imei", m->imei);
		json_kv_int(mo->j, "signal", m->signal);
		json_kv_string(mo->j, "registration", m->registration);
		json_kv_string(mo->j, "network", m->network);
		json_kv_int(mo->j, "received", m->received);
		json_kv_int(mo->j, "sent", m->sent);
		json_kv_int(mo->j, "waiting_parts", m->waiting_parts);
		json_kv_time(mo->j, "checked_at", m->checked_at);
		json_kv_time(mo->j, "last_error_at", m->last_error_at);
		return 0;
	}
	if (m->signal >= 0) {
		snprintf(sig, sizeof sig, "%d%%", m->signal);
	}
	ctl_time(m->checked_at, when, sizeof when);
	if (m->model != NULL) {
		printf("    modem:       %s %s, IMEI %s\n", m->manufacturer ?
		    m->manufacturer : "", m->model, m->imei ? m->imei : "?");
	}
	printf("    network:     %s%s%s, signal %s (checked %s)\n",
	    m->registration ? m->registration : "unknown", m->network &&
	    *m->network ? ", " : "", m->network ? m->network : "", sig, when);
	printf("    messages:    %d received, %d sent, %d part(s) waiting for "
	    "the rest of their message\n", m->received, m->sent,
	    m->waiting_parts);
	if (m->last_error_at != 0) {
		ctl_time(m->last_error_at, when, sizeof when);
		printf("    error at:    %s\n", when);
	}
	return 0;
}

static int
status_modems(struct ctl *c, struct json *j)
{
	struct modem_out mo = { j, NULL };
	char source[96];
	struct src s;
	size_t i;

	if (j != NULL) {
		json_key(j, "modems");
		json_array_begin(j);
	} else {
		printf("Modems:%s\n", c->cf->nmodems ? "" : " none configured");
	}
	for (i = 0; i < c->cf->nmodems; i++) {
		mo.cm = &c->cf->modems[i];
		snprintf(source, sizeof source, "modem:%s", mo.cm->name);
		if (status_source(c, source, &s) == -1) {
			return -1;
		}
		if (j != NULL) {
			json_object_begin(j);
			json_kv_string(j, "name", mo.cm->name);
			json_kv_string(j, "device", mo.cm->device);
			json_kv_string(j, "connection", mo.cm->connection);
			status_src_json(j, &s);
		} else {
			printf("  %s  (%s, %s)\n", mo.cm->name, mo.cm->device,
			    mo.cm->connection);
			status_src_text(&s);
		}
		if (store_modem_state_get(c->st, source, modem_row, &mo) == -1) {
			return -1;
		}
		if (j != NULL) {
			json_object_end(j);
		}
	}
	if (j != NULL) {
		json_array_end(j);
	}
	return 0;
}

static int
status_imap(struct ctl *c, struct json *j)
{
	const struct conf_imap *im;
	char source[96];
	struct src s;
	size_t i;

	if (j != NULL) {
		json_key(j, "imap");
		json_array_begin(j);
	} else {
		printf("\nIMAP accounts:%s\n", c->cf->nimap ? "" :
		    " none configured");
	}
	for (i = 0; i < c->cf->nimap; i++) {
		im = &c->cf->imap[i];
		snprintf(source, sizeof source, "imap:%s", im->name);
		if (status_source(c, source, &s) == -1) {
			return -1;
		}
		if (j != NULL) {
			json_object_begin(j);
			json_kv_string(j, "name", im->name);
			json_kv_string(j, "host", im->host);
			json_kv_string(j, "user", im->user);
			status_src_json(j, &s);
			json_object_end(j);
		} else {
			printf("  %s  (%s on %s:%d)\n", im->name, im->user,
			    im->host, im->port);
			status_src_text(&s);
		}
	}
	if (j != NULL) {
		json_array_end(j);
	}
	return 0;
}

/* The SMTP server as the dispatch worker last found it. */
static int
status_smtp(struct ctl *c, struct json *j)
{
	const struct conf_smtp *sm = c->cf->smtp;
	struct src s;

	if (status_source(c, "smtp", &s) == -1) {
		return -1;
	}
	if (j != NULL) {
		json_key(j, "smtp");
		if (sm == NULL) {
			json_null(j);
			return 0;
		}
		json_object_begin(j);
		json_kv_string(j, "url", sm->url);
		status_src_json(j, &s);
		json_object_end(j);
		return 0;
	}
	if (sm == NULL) {
		printf("\nSMTP server: none configured\n");
		return 0;
	}
	printf("\nSMTP server:  %s\n", sm->url);
	if (!s.found && s.daemon != 0) {
		printf("    state:       nothing sent yet\n");
	} else {
		status_src_text(&s);
	}
	return 0;
}

static int
count_row(void *arg, const char *channel, const char *status, int n)
{
	struct counts *ct = arg;
	size_t ch, st;

	ch = strcmp(channel, "email") == 0 ? 0 : 1;
	for (st = 0; st < NSTATUSES; st++) {
		if (strcmp(status, statuses[st]) == 0) {
			ct->n[ch][st] += n;
		}
	}
	return 0;
}

static int
status_outbox(struct ctl *c, struct json *j)
{
	struct counts ct;
	size_t ch, st;

	memset(&ct, 0, sizeof ct);
	snprintf(ct.channel[0], sizeof ct.channel[0], "email");
	snprintf(ct.channel[1], sizeof ct.channel[1], "sms");
	if (store_outbox_counts(c->st, count_row, &ct) == -1) {
		return -1;
	}
	if (j != NULL) {
		json_key(j, "outbox");
		json_object_begin(j);
	} else {
		printf("\nOutbox:\n  %-8s", "CHANNEL");
		for (st = 0; st < NSTATUSES; st++) {
			printf("%11s", statuses[st]);
		}
		putchar('\n');
	}
	for (ch = 0; ch < 2; ch++) {
		if (j != NULL) {
			json_key(j, ct.channel[ch]);
			json_object_begin(j);
		} else {
			printf("  %-8s", ct.channel[ch]);
		}
		for (st = 0; st < NSTATUSES; st++) {
			if (j != NULL) {
				json_kv_int(j, statuses[st], ct.n[ch][st]);
			} else {
				printf("%11d", ct.n[ch][st]);
			}
		}
		if (j != NULL) {
			json_object_end(j);
		} else {
			putchar('\n');
		}
	}
	if (j != NULL) {
		json_object_end(j);
	}
	return 0;
}

int
cmd_status(struct ctl *c, int argc, char **argv)
{
	struct json j, *jp = NULL;
	int rc, json;

	if ((rc = ctl_json_opts(argc, argv, status_usage, &json)) != -1) {
		return rc;
	}
	if ((rc = ctl_open(c, CTL_NEED_STORE | CTL_READ_ONLY, 0)) != 0) {
		return rc;
	}
	if (json) {
		json_init(&j);
		json_object_begin(&j);
		jp = &j;
	}
	status_daemon_get(c, &status_daemon);
	status_daemon_show(&status_daemon, jp);
	rc = status_cases(c, jp) == -1 || status_modems(c, jp) == -1 ||
	    status_imap(c, jp) == -1 || status_smtp(c, jp) == -1 ||
	    status_outbox(c, jp) == -1 ||
	    status_limits(c, jp) == -1 ? -1 : 0;
	if (json) {
		json_object_end(&j);
		if (rc == 0) {
			ctl_json_print(&j);
		}
		json_free(&j);
	}
	return rc == -1 ? ctl_store_exit(c->st) : 0;
}
