/*
 * list_pipe.c — `complaintctl list --json`: the cases written as JSON on
 * a second thread while the next page is read (see ctl.h).
 *
 * Reading a long listing (SQLite) and writing it (JSON) each take a
 * while; here they overlap.  The reading thread (the caller, which alone
 * touches the store) copies each case into the page it fills, texts into
 * the page's buffer; between the store's pages (its pause, no read
 * transaction open) it hands the page over and fills the other one.  The
 * writing thread hides confidential complainants, writes the page into
 * the JSON array and the array to stdout, then gives the page back.  One
 * page is written while one is filled: memory stays two pages, and a
 * reader of stdout who stops reading stops the listing between pages, as
 * before.  A listing that fails part-way hands its last page over to no
 * one, so the array stays unterminated.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "json.h"
#include "xmalloc.h"

/* The texts of a case row, copied into the page's buffer. */
static const size_t pipe_texts[] = {
	offsetof(struct store_case_row, reference),
	offsetof(struct store_case_row, status),
	offsetof(struct store_case_row, channel),
	offsetof(struct store_case_row, source),
	offsetof(struct store_case_row, category),
	offsetof(struct store_case_row, language),
	offsetof(struct store_case_row, subject),
	offsetof(struct store_case_row, summary),
	offsetof(struct store_case_row, officers),
	offsetof(struct store_case_row, party_name),
	offsetof(struct store_case_row, party_email),
	offsetof(struct store_case_row, party_phone),
	offsetof(struct store_case_row, resolution),
	offsetof(struct store_case_row, satisfaction),
	offsetof(struct store_case_row, next_action),
	offsetof(struct store_case_row, merged_into),
};
#define PIPE_NTEXT	(sizeof pipe_texts / sizeof pipe_texts[0])

struct pipe_page {
	struct store_case_row	 rows[STORE_PAGE];
	size_t			 at[STORE_PAGE][PIPE_NTEXT]; /* 0: NULL */
	struct buf		 text;
	int			 n;
};

struct list_pipe {
	struct ctl		*c;
	struct json		*j;
	struct pipe_page	 page[2];
	struct pipe_page	*fill;		/* the reading thread's */
	struct pipe_page	*full;		/* handed over; NULL: none */
	int			 stop;
	pthread_t		 writer;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

static void	pipe_free(struct list_pipe *);

static const char **
pipe_text(struct store_case_row *r, size_t i)
{
	return (const char **)(void *)((char *)r + pipe_texts[i]);
}

/* Write a page's cases into the array, then the array out. */
static void
pipe_write(struct list_pipe *p, struct pipe_page *pg)
{
	struct ctl_hidden h;
	size_t i;
	int k;

	for (k = 0; k < pg->n; k++) {
		for (i = 0; i < PIPE_NTEXT; i++) {
			*pipe_text(&pg->rows[k], i) = pg->at[k][i] == 0 ?
			    NULL : pg->text.data + pg->at[k][i] - 1;
		}
		ctl_hide_case(p->c, &pg->rows[k], 0, &h);
		ctl_case_json(p->j, &h.row);
		ctl_hidden_free(&h);
	}
	ctl_json_pause(p->j);
}

static void *
pipe_writer(void *arg)
{
	struct list_pipe *p = arg;
	struct pipe_page *pg;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->full == NULL && !p->stop) {
			pthread_cond_wait(&p->cv, &p->mu);
		}
		pg = p->full;
		pthread_mutex_unlock(&p->mu);
		if (pg == NULL) {
			return NULL;
		}
		pipe_write(p, pg);
		pthread_mutex_lock(&p->mu);
		p->full = NULL;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

struct list_pipe *
list_pipe_start(struct ctl *c, struct json *j)
{
	struct list_pipe *p = xmalloc(sizeof *p);

	memset(p, 0, sizeof *p);
	p->c = c;
	p->j = j;
	buf_init(&p->page[0].text);
	buf_init(&p->page[1].text);
	p->fill = &p->page[0];
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->writer, NULL, pipe_writer, p) != 0) {
		pipe_free(p);
		return NULL;
	}
	return p;
}

void
list_pipe_add(struct list_pipe *p, const struct store_case_row *r)
{
	struct pipe_page *pg;
	const char *s;
	size_t i;

	/* the store pauses every STORE_PAGE rows, when no read transaction
	 * is open, and the page goes then: a full page here is a listing
	 * that does not page, and it goes now */
	if (p->fill->n == STORE_PAGE) {
		list_pipe_pause(p);
	}
	pg = p->fill;
	pg->rows[pg->n] = *r;
	for (i = 0; i < PIPE_NTEXT; i++) {
		s = *pipe_text(&pg->rows[pg->n], i);
		pg->at[pg->n][i] = s == NULL ? 0 : pg->text.len + 1;
		if (s != NULL) {
			buf_add(&pg->text, s, strlen(s) + 1);
		}
	}
	pg->n++;
}

/* The page filled so far to the writer, once it is done with the one
 * before; then fill the other one. */
void
list_pipe_pause(void *arg)
{
	struct list_pipe *p = arg;
	struct pipe_page *pg = p->fill;

	if (pg->n == 0) {
		return;
	}
	pthread_mutex_lock(&p->mu);
	while (p->full != NULL) {
		pthread_cond_wait(&p->cv, &p->mu);
	}
	p->full = pg;
	p->fill = pg == &p->page[0] ? &p->page[1] : &p->page[0];
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	p->fill->n = 0;
	buf_reset(&p->fill->text);
}

void
list_pipe_finish(struct list_pipe *p, int ok)
{
	if (ok) {
		list_pipe_pause(p);
	}
	pthread_mutex_lock(&p->mu);
	while (p->full != NULL) {
		pthread_cond_wait(&p->cv, &p->mu);
	}
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->writer, NULL);
	pipe_free(p);
}

static void
pipe_free(struct list_pipe *p)
{
	buf_free(&p->page[0].text);
	buf_free(&p->page[1].text);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
