/*
 * conf.c — the configuration as every module sees it: the read-only
 * struct conf of conf.h, the lookups in it, and freeing it.
 *
 * Pure: no I/O and no libconfig.  Reading the file, checking it and
 * applying defaults are conf_load.c's; what this file is given is already
 * complete and consistent, so nothing here reports an error.  Lookups
 * scan the arrays in file order (a configuration names tens of officers
 * and categories, not thousands).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "phone.h"
#include "xmalloc.h"

/* ---- freeing ---- */

static void
conf_imap_free(struct conf_imap *im)
{
	free(im->name);
	free(im->host);
	free(im->ca_file);
	free(im->user);
	free(im->password_file);
	free(im->mailbox);
	free(im->processed_folder);
	free(im->quarantine_folder);
	free(im->address);
}

static void
conf_smtp_free(struct conf_smtp *sm)
{
	if (sm == NULL) {
		return;
	}
	free(sm->url);
	free(sm->ca_file);
	free(sm->user);
	free(sm->password_file);
	free(sm->from);
	free(sm->from_name);
	free(sm->reply_to);
	free(sm->helo);
	free(sm);
}

static void
conf_modem_free(struct conf_modem *m)
{
	free(m->name);
	free(m->device);
	free(m->connection);
	free(m->model);
	free(m->pin_file);
	free(m->smsc);
}

static void
conf_officer_free(struct conf_officer *o)
{
	free(o->id);
	free(o->name);
	free(o->role);
	free(o->email);
	free(o->phone);
	free(o->escalate_to);
	free(o->language);
	free(o->unix_user);
}

static void
conf_category_free(struct conf_category *cat)
{
	free(cat->id);
	free(cat->name);
	xfree_strv(cat->officers, cat->nofficers);
	free(cat->plain_reply);
	xfree_strv(cat->approvers, cat->napprovers);
}

static void
conf_rule_free(struct conf_rule *r)
{
	free(r->category);
	xfree_strv(r->keywords, r->nkeywords);
	xfree_strv(r->domains, r->ndomains);
	free(r->source);
}

/* The indicators and the schedules. */
static void
conf_report_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->indicators.ncategories; i++) {
		free(c->indicators.categories[i].category);
	}
	free(c->indicators.categories);
	xfree_strv(c->alerts.to, c->alerts.nto);
	free(c->retention.archive_dir);
	for (i = 0; i < c->nschedules; i++) {
		free(c->schedules[i].name);
		free(c->schedules[i].start);
		xfree_strv(c->schedules[i].to, c->schedules[i].nto);
		free(c->schedules[i].text);
		free(c->schedules[i].period);
		free(c->schedules[i].language);
	}
	free(c->schedules);
}

void
conf_free(struct conf *c)
{
	size_t i;

	if (c == NULL) {
		return;
	}
	for (i = 0; i < c->nimap; i++) {
		conf_imap_free(&c->imap[i]);
	}
	for (i = 0; i < c->nmodems; i++) {
		conf_modem_free(&c->modems[i]);
	}
	for (i = 0; i < c->nofficers; i++) {
		conf_officer_free(&c->officers[i]);
	}
	for (i = 0; i < c->ncategories; i++) {
		conf_category_free(&c->categories[i]);
	}
	for (i = 0; i < c->nrules; i++) {
		conf_rule_free(&c->rules[i]);
	}
	free(c->imap);
	free(c->modems);
	free(c->officers);
	free(c->categories);
	free(c->rules);
	conf_smtp_free(c->smtp);
	conf_report_free(c);
	xfree_strv(c->own_addresses, c->nown_addresses);
	xfree_strv(c->confidential.phrases, c->confidential.nphrases);
	xfree_strv(c->confidential.viewers, c->confidential.nviewers);
	xfree_strv(c->limits.sms_reply_prefixes,
	    c->limits.nsms_reply_prefixes);
	free(c->trusted_authserv_id);
	xfree_strv(c->sla.holidays, c->sla.nholidays);
	free(c->org_name);
	free(c->org_domain);
	free(c->reference_format);
	free(c->cpar_reference_format);
	free(c->quality_manager);
	free(c->cpar_close_when);
	free(c->database);
	free(c->templates_dir);
	free(c->language);
	free(c->timezone);
	free(c->phone_country);
	free(c->default_category);
	free(c->plain_reply);
	xfree_strv(c->approval.approvers, c->approval.napprovers);
	free(c);
}

/* ---- lookups ---- */

const struct conf_officer *
conf_officer_by_id(const struct conf *c, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < c->nofficers; i++) {
		if (c->officers[i].id != NULL &&
		    strcmp(c->officers[i].id, id) == 0) {
			return &c->officers[i];
		}
	}
	return NULL;
}

const struct conf_officer *
conf_officer_by_email(const struct conf *c, const char *addr)
{
	size_t i;

	for (i = 0; addr != NULL && i < c->nofficers; i++) {
		if (c->officers[i].email != NULL &&
		    strcasecmp(c->officers[i].email, addr) == 0) {
			return &c->officers[i];
		}
	}
	return NULL;
}

const struct conf_officer *
conf_officer_by_phone(const struct conf *c, const char *phone)
{
	char e164[32];
	size_t i;

	if (phone == NULL || phone_normalize(phone, c->phone_country, e164,
	    sizeof e164) != PHONE_E164) {
		return NULL;
	}
	for (i = 0; i < c->nofficers; i++) {
		if (c->officers[i].phone != NULL &&
		    strcmp(c->officers[i].phone, e164) == 0) {
			return &c->officers[i];
		}
	}
	return NULL;
}

const struct conf_category *
conf_category_by_id(const struct conf *c, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < c->ncategories; i++) {
		if (c->categories[i].id != NULL &&
		    strcmp(c->categories[i].id, id) == 0) {
			return &c->categories[i];
		}
	}
	return NULL;
}

const struct conf_officer *
conf_officer_by_unix_user(const struct conf *c, const char *login)
{
	size_t i;

	for (i = 0; login != NULL && i < c->nofficers; i++) {
		if (c->officers[i].unix_user != NULL &&
		    strcmp(c->officers[i].unix_user, login) == 0) {
			return &c->officers[i];
		}
	}
	return NULL;
}

const char *
conf_plain_reply(const struct conf *c, const char *category)
{
	const struct conf_category *cat = conf_category_by_id(c, category);

	if (cat != NULL && cat->plain_reply != NULL) {
		return cat->plain_reply;
	}
	return c->plain_reply != NULL ? c->plain_reply : CONF_PLAIN_ASSIGNED;
}

/* Same domain; local part equal, or ours followed by "+token". */
static int
conf_addr_match(const char *own, const char *addr)
{
	const char *oat = strrchr(own, '@'), *aat = strrchr(addr, '@');
	size_t olen, alen;

	if (oat == NULL || aat == NULL || strcasecmp(oat, aat) != 0) {
		return 0;
	}
	olen = (size_t)(oat - own);
	alen = (size_t)(aat - addr);
	if (strncasecmp(own, addr, olen) != 0) {
		return 0;
	}
	return alen == olen || (alen > olen && addr[olen] == '+');
}

int
conf_is_own_address(const struct conf *c, const char *addr)
{
	size_t i;

	for (i = 0; addr != NULL && i < c->nown_addresses; i++) {
		if (conf_addr_match(c->own_addresses[i], addr)) {
			return 1;
		}
	}
	return 0;
}

int
conf_may_see_identity(const struct conf *cf, const struct conf_officer *o)
{
	size_t i;

	for (i = 0; o != NULL && i < cf->confidential.nviewers; i++) {
		if (strcmp(cf->confidential.viewers[i], o->id) == 0) {
			return 1;
		}
	}
	return 0;
}

/* ---- what the configuration needs ---- */

size_t
conf_languages(const struct conf *cf, const char **langs, size_t max)
{
	size_t n = 0, i, j;

	if (max == 0) {
		return 0;
	}
	langs[n++] = cf->language;
	/* complainants are answered in the language they write (lang.h) */
	if (n < max) {
		langs[n++] = strcmp(cf->language, "id") == 0 ? "en" : "id";
	}
	for (i = 0; i < cf->nofficers && n < max; i++) {
		if (cf->officers[i].language == NULL) {
			continue;
		}
		for (j = 0; j < n; j++) {
			if (strcmp(langs[j], cf->officers[i].language) == 0) {
				break;
			}
		}
		if (j == n) {
			langs[n++] = cf->officers[i].language;
		}
	}
	return n;
}
