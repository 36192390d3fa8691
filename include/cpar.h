/*
 * cpar.h — what happens to a corrective action (CPAR, Laporan
 * Ketidaksesuaian), whatever channel carried it: complaintctl cpar, an
 * officer's "#lk" mail, the owner's "SELESAI" SMS.  Each request is
 * checked (cpardef.h: the state machine and who may act; the fields:
 * an officer as owner, a real date, the cases exist), then recorded: the
 * record, an event in its history with the actor, and an event "cpar" in
 * the history of each case it is linked to.  Nothing is deleted.
 *
 * Works inside the caller's store transaction.  0 done; 1 refused (err
 * says why in lang, for the person who asked; nothing changed); -1 store
 * failure (the caller rolls back).
 */
#ifndef CPAR_H
#define CPAR_H

#include <stddef.h>
#include <stdint.h>

#include "casework.h"
#include "cpardef.h"
#include "ref.h"
#include "store_cpar.h"

/* The fields a request gives; NULL: not given (unchanged on update). */
struct cpar_fields {
	const char	*nonconformity;
	const char	*root_cause;
	const char	*correction;
	const char	*corrective;
	const char	*preventive;
	const char	*owner;		/* officer id */
	const char	*due;		/* "YYYY-MM-DD" */
	const char	*note;		/* done / verify: the note or reason */
	const char	(*cases)[REF_MAX];	/* cases to link */
	size_t		 ncases;
};

struct cpar_req {
	const char			*actor;	/* "officer:<id>", "admin:..",
						   "system" */
	const struct conf_officer	*officer;	/* NULL: admin/system */
	const char			*lang;	/* of err: "id" | "en" */
	char				 ref[REF_MAX];	/* out: the record */
	char				 status[16];	/* out: its status */
};

/* A new record linked to f->cases (at least one), with nonconformity,
 * owner and due required. */
int	cpar_open(const struct casework *, struct cpar_req *,
	    const struct cpar_fields *, char *err, size_t errlen);
/* update (fields, more cases), done (note), effective / not effective
 * (note: required for not effective) on the record ref. */
int	cpar_act(const struct casework *, struct cpar_req *, const char *ref,
	    enum cpar_action, const struct cpar_fields *, char *err,
	    size_t errlen);

/* A request typed by an officer (cparform.h): a new record, an update,
 * done, effective or not.  kase: the case whose thread carried it (linked
 * to the record; NULL or id 0: none). */
int	cpar_from_form(const struct casework *, struct cpar_req *,
	    const char *text, const struct case_brief *kase, char *err,
	    size_t errlen);

/* Template tmpl ("cpar", "cpar-opened", ...) to officer o about record ref, in the thread of its
 * first case: what happened (in Indonesian and English: the officer's
 * language picks), its status and the next step; channel NULL: every
 * channel o is notified on. */
int	cpar_tell(const struct casework *, const char *tmpl, const char *ref,
	    const struct conf_officer *o, const char *what_id,
	    const char *what_en, const char *note, const char *channel);
/* After action a by q (done): the person it concerns is told (see
 * cpar.c). */
int	cpar_announce(const struct casework *, const struct cpar_req *,
	    enum cpar_action, const char *note);

/* An event of kind in c's history and in each linked case's ("cpar"). */
int	cpar_history(const struct casework *, const char *actor,
	    const struct store_cpar *c, const char *kind, const char *detail);

/* The clock's tick for corrective actions (cpar_clock.c; cpardef.h has
 * the rules): every record not yet effective, each its own transaction;
 * each action fired once (timer_fired, subject kind "cpar"), told to cb
 * after its commit.  *n: the actions carried out. */
struct calendar;
struct timers_done;
int	cpar_tick(const struct casework *, const struct calendar *,
	    time_t now, int (*cb)(void *, const struct timers_done *),
	    void *arg, int *n);
/* The record's clock as of its row (cpardef.h), on the calendar. */
void	cpar_clock_of(const struct conf *, const struct calendar *,
	    const struct store_cpar *, struct cpar_clock *);

/*
 * The policy of a category with cpar_required (conf.h): a case opened in
 * it gets a draft record (open, owned by the category's coordinator: its
 * first officer with coordinator = true, else the quality manager, else
 * its first officer), and is not closed until one of its records is at
 * least cpar_close_when ("planned" or "effective").  An officer's close
 * is refused saying so; the complainant's "satisfied" and the close for
 * no feedback are held: the case stays resolved with the satisfaction
 * recorded, an event close_held says why and the record's owner is told;
 * it closes by itself when the record gets there.  (A case closed
 * because the complainant never gave the information asked for is not
 * held: nothing was answered.)
 */
int	cpar_case_opened(const struct casework *, const struct case_brief *);
/* 1 when c may not close yet (why, in lang), 0 when it may, -1. */
int	cpar_close_held(const struct casework *, const struct case_brief *c,
	    const char *lang, char *why, size_t len);
/* Hold c's close (event close_held, the owner told). */
int	cpar_hold_close(const struct casework *, const struct case_brief *c,
	    const char *why);

/* The cases held for c that may close now, closed. */
int	cpar_release(const struct casework *, const struct store_cpar *c);

/* The record's reference in canonical form if text starts with one of
 * format fmt ("lk-2026-001 selesai"): 1, else 0. */
int	cpar_find_ref(const char *fmt, const char *text, char *out,
	    size_t n);

#endif
