/*
 * conf_load.h — reading the configuration file into the model of conf.h
 * (conf_load.c, the only libconfig user), and the secret files it names.
 *
 * conf_load() reports every problem it finds, each as "FILE:LINE: message",
 * instead of stopping at the first: syntax errors, unknown keys, wrong types,
 * missing required keys, references to officers or categories that are not
 * defined, secret files that are unreadable or readable by group or others.
 * Defaults are applied here, so users of the struct never see a missing
 * value where a default exists.
 *
 * Only the programs and the modules that read files include this header;
 * pure modules and their tests use conf.h alone.
 */
#ifndef CONF_LOAD_H
#define CONF_LOAD_H

#include <stddef.h>

#include "conf.h"

#define CONF_DEFAULT_PATH	SYSCONFDIR "/complaintd/complaintd.conf"

/* Diagnostics: each message is "FILE:LINE: text" (caller frees with
 * conf_diag_free()). */
struct conf_diag {
	char		**msgs;
	size_t		 n;
};

/*
 * Parse and validate path.  0 with *out set (the caller frees it with
 * conf_free()), or -1 with every problem in diag (and *out NULL).  Reads
 * the secret files to check them but keeps no secret in the struct;
 * conf->digest is the SHA-256 of the bytes parsed.
 */
int	conf_load(const char *path, struct conf **out, struct conf_diag *diag);
/* conf_load() with flags: CONF_LOAD_NO_SECRETS opens no secret file
 * (complaintctl: officers may read the configuration, never the
 * secrets; complaintd -t and the workers check them). */
#define CONF_LOAD_NO_SECRETS	0x1
int	conf_load_flags(const char *path, int flags, struct conf **out,
	    struct conf_diag *diag);
void	conf_diag_free(struct conf_diag *);

/*
 * Read a secret (password, PIN) from a file: the first line, without the
 * line end.  Refuses files that are group- or world-readable.  0 and *out
 * (caller frees, and should explicit_bzero() it), or -1 with err filled.
 */
int	conf_read_secret(const char *path, char **out, char *err, size_t errlen);

#endif
