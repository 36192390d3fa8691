/*
 * store_cpar.h — corrective actions in the store (store_cpar.c owns the
 * cpar, cpar_case and cpar_event tables; cpardef.h the vocabulary).
 * Writes happen inside store_begin()/store_commit() like every other.
 * Nothing is ever deleted: a record changes, and each change is an event.
 */
#ifndef STORE_CPAR_H
#define STORE_CPAR_H

#include <stdint.h>
#include <time.h>

#include "store.h"

/* One record.  The texts are owned (store_cpar_clear frees them); NULL
 * when not given. */
struct store_cpar {
	int64_t		 id;
	char		 reference[64];
	char		 status[16];
	char		*nonconformity;
	char		*root_cause;
	char		*correction;
	char		*corrective;
	char		*preventive;
	char		 owner[64];
	char		 due_date[16];	/* "YYYY-MM-DD", "" none */
	time_t		 due_at;	/* the end of that day; 0 none */
	char		 created_by[96];
	time_t		 created_at;
	time_t		 done_at;	/* 0: not done (or not effective
					   since) */
	time_t		 verified_at;	/* verified effective; 0 not */
	char		 verified_by[96];
	int		 not_effective;	/* times found not effective */
	time_t		 updated_at;
};
void	store_cpar_clear(struct store_cpar *);

/* A new record numbered from the counter (ref_format as ref.h, its own
 * counter "cpar:YYYY" or "cpar"); c->reference and c->id are set. */
int	store_cpar_add(struct store *, struct store_cpar *c,
	    const char *ref_format);
/* Write every field of c (by c->id). */
int	store_cpar_save(struct store *, const struct store_cpar *c);
/* By reference (any letter case): 1, 0 none, -1. */
int	store_cpar_get(struct store *, const char *ref, struct store_cpar *);
int	store_cpar_by_id(struct store *, int64_t id, struct store_cpar *);
/* Link a case (again: nothing happens). */
int	store_cpar_link(struct store *, int64_t cpar_id, int64_t case_id);
int	store_cpar_event(struct store *, int64_t cpar_id, const char *actor,
	    const char *kind, const char *detail);

/* Every record (status NULL: all), oldest first; the row is borrowed for
 * the call. */
typedef int (*store_cpar_cb)(void *, const struct store_cpar *);
int	store_cpar_list(struct store *, const char *status, store_cpar_cb,
	    void *);
/* The records linked to a case. */
int	store_cpar_of_case(struct store *, int64_t case_id, store_cpar_cb,
	    void *);
/* The cases of a record (brief: id, reference, status, category). */
typedef int (*store_cpar_case_cb)(void *, const struct case_brief *);
int	store_cpar_cases(struct store *, int64_t cpar_id, store_cpar_case_cb,
	    void *);
/* Its cases whose close waits on it: resolved, with the complainant's
 * satisfaction (or no answer) recorded. */
int	store_cpar_held(struct store *, int64_t cpar_id, store_cpar_case_cb,
	    void *);
/* Its history, oldest first (case_id carries the record's id). */
int	store_cpar_events(struct store *, int64_t cpar_id, store_event_cb,
	    void *);

#endif
