/*
 * identity.c — a confidential complainant in complaintctl's output (list,
 * show): their name, address and number are replaced by the placeholder
 * (privacy.h) and taken out of the texts shown with the case, for
 * whoever runs the command.  `show --reveal` shows them to the officers
 * the configuration names (confidential.viewers), and only after the
 * look is recorded in the case's history: when the event cannot be
 * written (a read-only database), nothing is shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "ctl.h"
#include "privacy.h"
#include "xmalloc.h"

void
ctl_hide_case(const struct ctl *c, const struct store_case_row *r,
    int reveal, struct ctl_hidden *h)
{
	memset(h, 0, sizeof *h);
	h->row = *r;
	h->orig = r;
	h->on = r->confidential && !reveal;
	if (!h->on) {
		return;
	}
	h->ph = privacy_placeholder(c->cf->language);
	h->row.party_name = h->ph;
	h->row.party_email = NULL;
	h->row.party_phone = NULL;
	h->row.subject = h->subject = ctl_hide_text(h, r->subject);
	h->row.summary = h->summary = ctl_hide_text(h, r->summary);
	h->row.resolution = h->resolution = ctl_hide_text(h, r->resolution);
}

char *
ctl_hide_text(const struct ctl_hidden *h, const char *text)
{
	if (text == NULL) {
		return NULL;
	}
	if (h == NULL || !h->on) {
		return xstrdup(text);
	}
	return privacy_scrub(text, h->orig->party_name, h->orig->party_email,
	    h->orig->party_phone, h->ph);
}

void
ctl_hidden_free(struct ctl_hidden *h)
{
	free(h->subject);
	free(h->summary);
	free(h->resolution);
	h->subject = h->summary = h->resolution = NULL;
}

int
ctl_hide_outbox(struct ctl *c, const struct store_outbox_row *o,
    struct store_outbox_row *x, char *t[CTL_HIDE_OUTBOX])
{
	const char *ph = privacy_placeholder(c->cf->language);
	const char **f[CTL_HIDE_OUTBOX];
	struct case_brief b;
	size_t i;
	int r;

	*x = *o;
	memset(t, 0, CTL_HIDE_OUTBOX * sizeof *t);
	if (o->case_id == 0) {
		return 0;
	}
	if ((r = store_case_by_id(c->st, o->case_id, &b)) != 1 ||
	    !b.confidential) {
		return r == -1 ? -1 : 0;
	}
	f[0] = &x->recipient;
	f[1] = &x->recipient_name;
	f[2] = &x->subject;
	f[3] = &x->body;
	f[4] = &x->body_html;
	for (i = 0; i < CTL_HIDE_OUTBOX; i++) {
		if (*f[i] != NULL) {
			*f[i] = t[i] = privacy_scrub(*f[i], b.name, b.email,
			    b.phone, ph);
		}
	}
	return 1;
}

char *
ctl_hide_for_case(struct ctl *c, int64_t case_id, const char *text)
{
	const char *ph = privacy_placeholder(c->cf->language);
	struct case_brief b;
	int r;

	if (text == NULL) {
		return NULL;
	}
	if ((r = store_case_by_id(c->st, case_id, &b)) == 1 &&
	    !b.confidential) {
		return xstrdup(text);
	}
	/* a case that cannot be read: nothing of it shown */
	return r == 1 ? privacy_scrub(text, b.name, b.email, b.phone, ph) :
	    xstrdup(ph);
}

/* The look at the identity, as an event of the case. */
static int
ctl_reveal_record(struct ctl *c, const struct case_brief *b,
    const char *actor)
{
	char detail[200];

	snprintf(detail, sizeof detail, "the complainant's identity shown "
	    "(complaintctl show --reveal, uid %ld)", (long)getuid());
	if (store_begin(c->st) == -1) {
		return -1;
	}
	if (store_event_add(c->st, b->id, actor, "identity_viewed", detail)
	    == -1) {
		store_rollback(c->st);
		return -1;
	}
	return store_commit(c->st);
}

int
ctl_reveal(struct ctl *c, const char *as, const char *ref)
{
	const struct conf_officer *o;
	struct case_brief b;
	char actor[96];
	int r;

	if ((r = ctl_who(c, as, actor, sizeof actor, &o)) != 0) {
		return r;
	}
	if (o == NULL || !conf_may_see_identity(c->cf, o)) {
		ctl_err("--reveal: only the officers named in "
		    "confidential.viewers may see a confidential "
		    "complainant's identity%s", o == NULL ? " (--as ID)" :
		    "");
		return EX_NOPERM;
	}
	r = store_case_by_reference(c->st, ref, &b);
	if (r == 0) {
		ctl_err("no case %s", ref);
		return EX_NOINPUT;
	}
	if (r == -1 || (b.confidential && ctl_reveal_record(c, &b, actor) ==
	    -1)) {
		ctl_err("--reveal: the look cannot be recorded (%s): nothing "
		    "is shown", store_errmsg(c->st));
		return ctl_store_exit(c->st);
	}
	return 0;
}
