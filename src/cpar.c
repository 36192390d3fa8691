/*
 * cpar.c — corrective actions at work (cpar.h): check a request against
 * cpardef.h and the configuration, then record it in the store, in the
 * record's history and in each linked case's history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "authz.h"
#include "buf.h"
#include "calendar.h"
#include "cpar.h"
#include "cparform.h"
#include "xmalloc.h"

static int
is_id(const char *lang)
{
	return lang != NULL && strcmp(lang, "id") == 0;
}

static time_t
cpar_now(const struct casework *cw)
{
	return cw->now != 0 ? cw->now : time(NULL);
}

/* Replace *dst with a copy of v when given; a given empty value is an
 * error.  1 changed, 0 not given, -1 empty. */
static int
cpar_set(char **dst, const char *v)
{
	if (v == NULL) {
		return 0;
	}
	if (*v == '\0') {
		return -1;
	}
	if (*dst != NULL && strcmp(*dst, v) == 0) {
		return 0;
	}
	free(*dst);
	*dst = xstrdup(v);
	return 1;
}

static const struct {
	const char	*en, *id;
} names[] = {
	{ "nonconformity", "ketidaksesuaian" },
	{ "root cause", "akar masalah" },
	{ "correction", "koreksi" },
	{ "corrective action", "tindakan korektif" },
	{ "preventive action", "pencegahan" },
	{ "owner", "PIC" },
	{ "due date", "batas waktu" },
};

/* The texts of f into c; the names of what changed into b.  0, or -1
 * with err (an empty field). */
static int
cpar_texts(struct store_cpar *c, const struct cpar_fields *f,
    const char *lang, struct buf *b, char *err, size_t errlen)
{
	char **dst[5] = { &c->nonconformity, &c->root_cause, &c->correction,
	    &c->corrective, &c->preventive };
	const char *v[5] = { f->nonconformity, f->root_cause, f->correction,
	    f->corrective, f->preventive };
	size_t i;
	int r;

	for (i = 0; i < 5; i++) {
		if ((r = cpar_set(dst[i], v[i])) == -1) {
			snprintf(err, errlen, is_id(lang) ? "%s kosong" :
			    "the %s is empty", is_id(lang) ? names[i].id :
			    names[i].en);
			return -1;
		}
		if (r == 1) {
			buf_printf(b, "%s%s", b->len ? ", " : "",
			    names[i].en);
		}
	}
	return 0;
}

/* Owner and due date of f into c: 0, or -1 with err. */
static int
cpar_owner_due(const struct conf *cf, struct store_cpar *c,
    const struct cpar_fields *f, const char *lang, struct buf *b,
    char *err, size_t errlen)
{
	char why[160];
	int32_t day;

	if (f->owner != NULL && strcmp(f->owner, c->owner) != 0) {
		if (conf_officer_by_id(cf, f->owner) == NULL) {
			snprintf(err, errlen, is_id(lang) ? "PIC '%s' bukan "
			    "petugas yang terdaftar" : "owner '%s' is not a "
			    "configured officer", f->owner);
			return -1;
		}
		snprintf(c->owner, sizeof c->owner, "%s", f->owner);
		buf_printf(b, "%sowner %s", b->len ? ", " : "", c->owner);
	}
	if (f->due != NULL && strcmp(f->due, c->due_date) != 0) {
		if (calendar_parse_date(f->due, &day, why, sizeof why) == -1) {
			snprintf(err, errlen, is_id(lang) ? "batas waktu "
			    "harus berbentuk TTTT-BB-HH: %s" : "the due date "
			    "must be YYYY-MM-DD: %s", why);
			return -1;
		}
		calendar_format_date(day, c->due_date, sizeof c->due_date);
		c->due_at = calendar_day_start(day + 1) - 1;
		buf_printf(b, "%sdue %s", b->len ? ", " : "", c->due_date);
	}
	return 0;
}

static int
cpar_planned(const struct store_cpar *c)
{
	return c->root_cause != NULL && c->corrective != NULL &&
	    c->owner[0] != '\0' && c->due_date[0] != '\0';
}

/* An event in the history of each case linked to c. */
struct case_ev {
	struct store	*st;
	const char	*actor;
	const char	*detail;
	int		 failed;
};

static int
case_ev_one(void *arg, const struct case_brief *b)
{
	struct case_ev *e = arg;

	if (store_event_add(e->st, b->id, e->actor, "cpar", e->detail) == -1) {
		e->failed = 1;
		return 1;
	}
	return 0;
}

int
cpar_history(const struct casework *cw, const char *actor,
    const struct store_cpar *c, const char *kind, const char *detail)
{
	struct case_ev e = { cw->st, actor, NULL, 0 };
	char *d;
	int rc;

	if (store_cpar_event(cw->st, c->id, actor, kind, detail) == -1) {
		return -1;
	}
	d = xasprintf("%s %s (%s)%s%s", c->reference, kind, c->status,
	    *detail ? ": " : "", detail);
	e.detail = d;
	rc = store_cpar_cases(cw->st, c->id, case_ev_one, &e) == -1 ||
	    e.failed ? -1 : 0;
	free(d);
	return rc;
}

/* The event in the record's history and in its cases'. */
static int
cpar_record(const struct casework *cw, const struct cpar_req *q,
    const struct store_cpar *c, const char *kind, const char *detail)
{
	return cpar_history(cw, q->actor, c, kind, detail);
}

/* Link the cases of f to c (NULL: only check they exist); refuses an
 * unknown reference.  0, 1, -1. */
static int
cpar_link(const struct casework *cw, const struct store_cpar *c,
    const struct cpar_fields *f, const char *lang, char *err,
    size_t errlen)
{
	struct case_brief b;
	size_t i;
	int r;

	for (i = 0; i < f->ncases; i++) {
		if ((r = store_case_by_reference(cw->st, f->cases[i], &b))
		    == -1) {
			return -1;
		}
		if (r == 0) {
			snprintf(err, errlen, is_id(lang) ? "tidak ada kasus "
			    "%s" : "there is no case %s", f->cases[i]);
			return 1;
		}
		if (c != NULL && store_cpar_link(cw->st, c->id, b.id) == -1) {
			return -1;
		}
	}
	return 0;
}

static int
cpar_missing(const struct cpar_fields *f, const char *lang, char *err,
    size_t errlen)
{
	const char *miss[4];
	size_t n = 0, i;
	struct buf b;

	if (f->ncases == 0) {
		miss[n++] = is_id(lang) ? "nomor kasus" : "a case reference";
	}
	if (f->nonconformity == NULL || *f->nonconformity == '\0') {
		miss[n++] = is_id(lang) ? "Ketidaksesuaian:" :
		    "Nonconformity:";
	}
	if (f->owner == NULL || *f->owner == '\0') {
		miss[n++] = is_id(lang) ? "PIC:" : "Owner:";
	}
	if (f->due == NULL || *f->due == '\0') {
		miss[n++] = is_id(lang) ? "Batas waktu:" : "Due:";
	}
	if (n == 0) {
		return 0;
	}
	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s%s", i ? ", " : "", miss[i]);
	}
	snprintf(err, errlen, is_id(lang) ? "belum lengkap, yang kurang: %s" :
	    "incomplete, missing: %s", b.data);
	buf_free(&b);
	return 1;
}

int
cpar_open(const struct casework *cw, struct cpar_req *q,
    const struct cpar_fields *f, char *err, size_t errlen)
{
	struct store_cpar c;
	const char *next;
	struct buf b;
	int rc = 1;

	memset(&c, 0, sizeof c);
	buf_init(&b);
	if (cpar_missing(f, q->lang, err, errlen) != 0) {
		goto out;
	}
	if ((rc = cpar_link(cw, NULL, f, q->lang, err, errlen)) != 0) {
		goto out;
	}
	rc = 1;
	if (!authz_may_cpar(cw->cf, q->officer, NULL, CPAR_ACT_OPEN, q->lang,
	    err, errlen) ||
	    cpar_texts(&c, f, q->lang, &b, err, errlen) == -1 ||
	    cpar_owner_due(cw->cf, &c, f, q->lang, &b, err, errlen) == -1) {
		goto out;
	}
	cpar_next(NULL, CPAR_ACT_OPEN, cpar_planned(&c), &next, q->lang, err,
	    errlen);
	snprintf(c.status, sizeof c.status, "%s", next);
	snprintf(c.created_by, sizeof c.created_by, "%s", q->actor);
	c.created_at = c.updated_at = cpar_now(cw);
	if (store_cpar_add(cw->st, &c, cw->cf->cpar_reference_format) == -1) {
		rc = -1;
		goto out;
	}
	if ((rc = cpar_link(cw, &c, f, q->lang, err, errlen)) != 0) {
		goto out;
	}
	rc = cpar_record(cw, q, &c, "open", c.nonconformity);
	snprintf(q->ref, sizeof q->ref, "%s", c.reference);
	snprintf(q->status, sizeof q->status, "%s", c.status);
	if (rc == 0) {
		rc = cpar_announce(cw, q, CPAR_ACT_OPEN, NULL);
	}
out:
	buf_free(&b);
	store_cpar_clear(&c);
	return rc;
}

/* The changes of action a on c (fields already applied): 0 or 1. */
static int
cpar_apply(const struct casework *cw, struct cpar_req *q,
    struct store_cpar *c, enum cpar_action a, const struct cpar_fields *f,
    char *err, size_t errlen)
{
	time_t now = cpar_now(cw);

	if (a == CPAR_ACT_NOT_EFFECTIVE && (f->note == NULL ||
	    *f->note == '\0')) {
		snprintf(err, errlen, is_id(q->lang) ? "sebutkan alasan "
		    "tidak efektif" : "say why it was not effective (--note)");
		return 1;
	}
	if (a == CPAR_ACT_DONE) {
		c->done_at = now;
	} else if (a == CPAR_ACT_EFFECTIVE) {
		c->verified_at = now;
		snprintf(c->verified_by, sizeof c->verified_by, "%s",
		    q->actor);
	} else if (a == CPAR_ACT_NOT_EFFECTIVE) {
		c->done_at = 0;
		c->not_effective++;
	}
	c->updated_at = now;
	return 0;
}

int
cpar_act(const struct casework *cw, struct cpar_req *q, const char *ref,
    enum cpar_action a, const struct cpar_fields *f, char *err,
    size_t errlen)
{
	struct store_cpar c;
	const char *next;
	char was[16];
	struct buf b;
	int rc;

	buf_init(&b);
	if ((rc = store_cpar_get(cw->st, ref, &c)) != 1) {
		if (rc == 0) {
			snprintf(err, errlen, is_id(q->lang) ? "tidak ada "
			    "tindakan korektif %s" : "there is no corrective "
			    "action %s", ref);
		}
		rc = rc == 0 ? 1 : -1;
		goto out;
	}
	rc = 1;
	snprintf(was, sizeof was, "%s", c.status);
	if (!authz_may_cpar(cw->cf, q->officer, c.owner, a, q->lang, err,
	    errlen) ||
	    cpar_texts(&c, f, q->lang, &b, err, errlen) == -1 ||
	    cpar_owner_due(cw->cf, &c, f, q->lang, &b, err, errlen) == -1 ||
	    !cpar_next(c.status, a, cpar_planned(&c), &next, q->lang, err,
	    errlen) || cpar_apply(cw, q, &c, a, f, err, errlen) != 0) {
		goto out;
	}
	if (a == CPAR_ACT_UPDATE && b.len == 0 && f->ncases == 0) {
		snprintf(err, errlen, is_id(q->lang) ? "tidak ada yang "
		    "diubah" : "nothing to change");
		goto out;
	}
	if ((rc = cpar_link(cw, NULL, f, q->lang, err, errlen)) != 0) {
		goto out;
	}
	rc = 1;
	snprintf(c.status, sizeof c.status, "%s", next);
	if (store_cpar_save(cw->st, &c) == -1 ||
	    (rc = cpar_link(cw, &c, f, q->lang, err, errlen)) != 0) {
		rc = rc == 1 ? 1 : -1;
		goto out;
	}
	if (strcmp(was, c.status) != 0) {
		buf_printf(&b, "%s%s -> %s", b.len ? "; " : "", was, c.status);
	}
	if (f->note != NULL && *f->note != '\0') {
		buf_printf(&b, "%s%s", b.len ? "; " : "", f->note);
	}
	rc = cpar_record(cw, q, &c, cpar_action_name(a), b.len ? b.data : "");
	snprintf(q->ref, sizeof q->ref, "%s", c.reference);
	snprintf(q->status, sizeof q->status, "%s", c.status);
	if (rc == 0) {
		rc = cpar_announce(cw, q, a, f->note);
	}
	if (rc == 0 && strcmp(was, c.status) != 0) {
		rc = cpar_release(cw, &c);
	}
out:
	buf_free(&b);
	store_cpar_clear(&c);
	return rc;
}

int
cpar_find_ref(const char *fmt, const char *text, char *out, size_t n)
{
	char found[1][REF_MAX];
	size_t skip = strspn(text, " \t\r\n");

	if (ref_find(fmt, text + skip, found, 1) != 1 ||
	    strncasecmp(text + skip, found[0], strlen(found[0])) != 0) {
		return 0;
	}
	snprintf(out, n, "%s", found[0]);
	return 1;
}

/* ---- typed by an officer (cparform.h) ---- */

int
cpar_from_form(const struct casework *cw, struct cpar_req *q,
    const char *text, const struct case_brief *kase, char *err,
    size_t errlen)
{
	struct cparform form;
	struct cpar_fields f;
	char (*cases)[REF_MAX] = NULL;
	size_t n = 0, i;
	int rc = 1;

	if (cparform_parse(text, cw->cf->cpar_reference_format,
	    cw->cf->reference_format, q->lang, &form, err, errlen) == -1) {
		goto out;
	}
	memset(&f, 0, sizeof f);
	f.nonconformity = cparform_get(&form, "nonconformity");
	f.root_cause = cparform_get(&form, "root_cause");
	f.correction = cparform_get(&form, "correction");
	f.corrective = cparform_get(&form, "corrective");
	f.preventive = cparform_get(&form, "preventive");
	f.owner = cparform_get(&form, "owner");
	f.due = cparform_get(&form, "due");
	f.note = *form.note ? form.note : NULL;
	cases = xreallocarray(NULL, form.ncases + 1, sizeof *cases);
	if (kase != NULL && kase->id != 0) {
		snprintf(cases[n++], REF_MAX, "%s", kase->reference);
	}
	for (i = 0; i < form.ncases; i++) {
		if (kase == NULL || strcmp(form.cases[i], kase->reference)
		    != 0) {
			snprintf(cases[n++], REF_MAX, "%s", form.cases[i]);
		}
	}
	f.cases = (const char (*)[REF_MAX])cases;
	f.ncases = n;
	if (form.action == CPAR_ACT_OPEN) {
		rc = cpar_open(cw, q, &f, err, errlen);
	} else {
		if (form.action != CPAR_ACT_UPDATE) {
			f.ncases = 0;
		}
		rc = cpar_act(cw, q, form.ref, form.action, &f, err, errlen);
	}
out:
	free(cases);
	cparform_free(&form);
	return rc;
}

/* ---- telling people (template "cpar") ---- */

struct first_case {
	struct case_brief	 b;
	struct buf		 refs;
};

static int
first_case_one(void *arg, const struct case_brief *b)
{
	struct first_case *fc = arg;

	if (fc->b.id == 0) {
		fc->b = *b;
	}
	buf_printf(&fc->refs, "%s%s", fc->refs.len ? ", " : "", b->reference);
	return 0;
}

static const char *
cpar_next_words(const char *status, const char *lang)
{
	int id = is_id(lang);

	if (strcmp(status, CPAR_OPEN) == 0) {
		return id ? "PIC melengkapi akar masalah, tindakan korektif dan "
		    "batas waktu." : "the owner gives the root cause, the "
		    "corrective action and the due date.";
	}
	if (strcmp(status, CPAR_PLANNED) == 0) {
		return id ? "PIC melaksanakan tindakan korektif sebelum batas "
		    "waktu, lalu melaporkan selesai." : "the owner carries out "
		    "the corrective action by the due date, then reports it "
		    "done.";
	}
	if (strcmp(status, CPAR_DONE) == 0) {
		return id ? "manajer mutu memverifikasi efektivitasnya." :
		    "the quality manager verifies that it was effective.";
	}
	return id ? "tidak ada; tindakan korektif ditutup." : "nothing; the "
	    "corrective action is closed.";
}

int
cpar_tell(const struct casework *cw, const char *tmpl, const char *ref,
    const struct conf_officer *o, const char *what_id, const char *what_en,
    const char *note, const char *channel)
{
	struct store_cpar c;
	struct first_case fc;
	const char *lang;
	int rc = -1, r;

	if (o == NULL) {
		return 0;
	}
	lang = o->language ? o->language : cw->cf->language;
	memset(&fc, 0, sizeof fc);
	buf_init(&fc.refs);
	if ((r = store_cpar_get(cw->st, ref, &c)) != 1) {
		buf_free(&fc.refs);
		return r == 0 ? 0 : -1;
	}
	if (store_cpar_cases(cw->st, c.id, first_case_one, &fc) == 0 &&
	    fc.b.id != 0) {
		struct tmpl_var extra[] = {
			{ "cpar", c.reference },
			{ "cpar_what", is_id(lang) ? what_id : what_en },
			{ "cpar_status", cpar_status_label(c.status, lang) },
			{ "cpar_next", cpar_next_words(c.status, lang) },
			{ "cpar_owner", c.owner },
			{ "cpar_due", c.due_date[0] ? c.due_date : NULL },
			{ "cpar_cases", fc.refs.data },
			{ "cpar_note", note != NULL && *note ? note : NULL },
			{ "nonconformity", c.nonconformity },
		};
		rc = casework_to_officer_on(cw, &fc.b, o, tmpl, 1, channel,
		    extra, sizeof extra / sizeof extra[0]);
	} else if (fc.b.id == 0) {
		rc = 0;
	}
	buf_free(&fc.refs);
	store_cpar_clear(&c);
	return rc;
}

/* Who hears of a change: the owner of a new or changed record, the
 * quality manager of one done, the owner of its verification; never the
 * person who made it (they get cpar_tell's confirmation from the
 * channel that carried it). */
int
cpar_announce(const struct casework *cw, const struct cpar_req *q,
    enum cpar_action a, const char *note)
{
	const struct conf_officer *to, *qm;
	const char *me = q->officer != NULL ? q->officer->id : "";
	struct store_cpar c;
	int r;

	if ((r = store_cpar_get(cw->st, q->ref, &c)) != 1) {
		return r == 0 ? 0 : -1;
	}
	to = conf_officer_by_id(cw->cf, a == CPAR_ACT_DONE ?
	    (cw->cf->quality_manager ? cw->cf->quality_manager : "") :
	    c.owner);
	qm = conf_officer_by_id(cw->cf, cw->cf->quality_manager ?
	    cw->cf->quality_manager : "");
	store_cpar_clear(&c);
	/* the quality manager follows every record from its start */
	if (a == CPAR_ACT_OPEN && qm != NULL && qm != to &&
	    strcmp(qm->id, me) != 0 && cpar_tell(cw, "cpar", q->ref, qm,
	    "Tindakan korektif baru dicatat; Anda memantaunya sampai "
	    "terverifikasi.", "A new corrective action is recorded; you "
	    "follow it until it is verified.", note, NULL) == -1) {
		return -1;
	}
	if (to == NULL || strcmp(to->id, me) == 0 || a == CPAR_ACT_UPDATE) {
		return 0;
	}
	switch (a) {
	case CPAR_ACT_OPEN:
		return cpar_tell(cw, "cpar-opened", q->ref, to, "Anda ditunjuk sebagai PIC "
		    "tindakan korektif ini.", "You are the owner of this "
		    "corrective action.", note, NULL);
	case CPAR_ACT_DONE:
		return cpar_tell(cw, "cpar-verify", q->ref, to, "Tindakan korektif dilaporkan "
		    "selesai; mohon diverifikasi.", "The corrective action is "
		    "reported done; please verify it.", note, NULL);
	case CPAR_ACT_EFFECTIVE:
		return cpar_tell(cw, "cpar-verified", q->ref, to, "Tindakan korektif "
		    "diverifikasi efektif.", "The corrective action was "
		    "verified effective.", note, NULL);
	default:
		return cpar_tell(cw, "cpar-verified", q->ref, to, "Tindakan korektif dinilai "
		    "TIDAK efektif; mohon direncanakan ulang.", "The corrective "
		    "action was found NOT effective; please plan it again.",
		    note, NULL);
	}
}

/* ---- the policy of categories with cpar_required ---- */

static const struct conf_officer *
cpar_coordinator(const struct conf *cf, const struct conf_category *cat)
{
	const struct conf_officer *o;
	size_t i;

	for (i = 0; i < cat->nofficers; i++) {
		o = conf_officer_by_id(cf, cat->officers[i]);
		if (o != NULL && o->coordinator) {
			return o;
		}
	}
	if (cf->quality_manager != NULL &&
	    (o = conf_officer_by_id(cf, cf->quality_manager)) != NULL) {
		return o;
	}
	return cat->nofficers > 0 ? conf_officer_by_id(cf, cat->officers[0]) :
	    NULL;
}

int
cpar_case_opened(const struct casework *cw, const struct case_brief *b)
{
	const struct conf_category *cat = conf_category_by_id(cw->cf,
	    b->category);
	const struct conf_officer *owner;
	struct store_cpar c;
	struct cpar_req q;
	int rc;

	if (cat == NULL || !cat->cpar_required ||
	    (owner = cpar_coordinator(cw->cf, cat)) == NULL) {
		return 0;
	}
	memset(&c, 0, sizeof c);
	memset(&q, 0, sizeof q);
	q.actor = "system";
	snprintf(c.status, sizeof c.status, "%s", CPAR_OPEN);
	c.nonconformity = xstrdup(b->subject[0] ? b->subject : b->summary);
	snprintf(c.owner, sizeof c.owner, "%s", owner->id);
	snprintf(c.created_by, sizeof c.created_by, "system");
	c.created_at = c.updated_at = cpar_now(cw);
	rc = store_cpar_add(cw->st, &c, cw->cf->cpar_reference_format) ==
	    -1 || store_cpar_link(cw->st, c.id, b->id) == -1 ||
	    cpar_history(cw, "system", &c, "open", "a draft: the category "
	    "requires a corrective action for every case") == -1 ? -1 : 0;
	if (rc == 0) {
		snprintf(q.ref, sizeof q.ref, "%s", c.reference);
		rc = cpar_announce(cw, &q, CPAR_ACT_OPEN, NULL);
	}
	store_cpar_clear(&c);
	return rc;
}

struct held_ctx {
	const char	*want;
	char		 refs[256];
	int		 ok;
};

static int
held_one(void *arg, const struct store_cpar *c)
{
	struct held_ctx *h = arg;
	size_t n = strlen(h->refs);

	if (cpar_status_at_least(c->status, h->want)) {
		h->ok = 1;
	}
	snprintf(h->refs + n, sizeof h->refs - n, "%s%s (%s)", n ? ", " : "",
	    c->reference, c->status);
	return 0;
}

int
cpar_close_held(const struct casework *cw, const struct case_brief *b,
    const char *lang, char *why, size_t len)
{
	const struct conf_category *cat = conf_category_by_id(cw->cf,
	    b->category);
	struct held_ctx h;
	int id = is_id(lang);

	if (cat == NULL || !cat->cpar_required) {
		return 0;
	}
	memset(&h, 0, sizeof h);
	h.want = cw->cf->cpar_close_when ? cw->cf->cpar_close_when :
	    CPAR_PLANNED;
	if (store_cpar_of_case(cw->st, b->id, held_one, &h) == -1) {
		return -1;
	}
	if (h.ok) {
		return 0;
	}
	snprintf(why, len, id ? "kategori %s mewajibkan tindakan korektif: "
	    "pengaduan ini baru dapat ditutup setelah tindakan korektifnya "
	    "%s (sekarang: %s)" : "category %s requires a corrective action: "
	    "this case closes once its corrective action is %s (now: %s)",
	    b->category, cpar_status_label(h.want, lang), h.refs[0] ? h.refs :
	    id ? "belum ada" : "none");
	return 1;
}

static int
hold_tell(void *arg, const struct store_cpar *c)
{
	const struct casework *cw = arg;

	return cpar_tell(cw, "cpar", c->reference, conf_officer_by_id(cw->cf,
	    c->owner), "Sebuah pengaduan menunggu tindakan korektif ini "
	    "sebelum dapat ditutup.", "A complaint waits for this corrective "
	    "action before it can be closed.", NULL, NULL) == -1 ? 1 : 0;
}

int
cpar_hold_close(const struct casework *cw, const struct case_brief *b,
    const char *why)
{
	if (store_event_add(cw->st, b->id, "system", "close_held", why) ==
	    -1) {
		return -1;
	}
	return store_cpar_of_case(cw->st, b->id, hold_tell, (void *)cw);
}

/* After c reached a new status: the cases held for it close. */
struct release_ctx {
	const struct casework	*cw;
	const struct store_cpar	*c;
	int			 failed;
};

static int
release_one(void *arg, const struct case_brief *b)
{
	struct release_ctx *x = arg;
	char detail[200], why[400];
	int r;

	if ((r = cpar_close_held(x->cw, b, "en", why, sizeof why)) != 0) {
		x->failed |= r == -1;
		return 0;
	}
	snprintf(detail, sizeof detail, "closed: its corrective action %s is "
	    "%s, the close held for it is done", x->c->reference,
	    x->c->status);
	if (store_case_set_status(x->cw->st, b->id, CASE_CLOSED,
	    cpar_now(x->cw)) == -1 || store_event_add(x->cw->st, b->id,
	    "system", "close", detail) == -1 || casework_clock_on(x->cw, b,
	    CASE_ACT_SATISFIED, cpar_now(x->cw)) == -1) {
		x->failed = 1;
		return 1;
	}
	return 0;
}

int
cpar_release(const struct casework *cw, const struct store_cpar *c)
{
	struct release_ctx x = { cw, c, 0 };

	if (store_cpar_held(cw->st, c->id, release_one, &x) == -1) {
		return -1;
	}
	return x.failed ? -1 : 0;
}
