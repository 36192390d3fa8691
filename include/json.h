/*
 * json.h — a small streaming JSON writer into a buf.  Pure.  Commas and
 * nesting are tracked here so callers only say what comes next; strings
 * are escaped (control characters as \u00XX; the input is valid UTF-8).
 */
#ifndef JSON_H
#define JSON_H

#include <stdint.h>

#include "buf.h"

#define JSON_MAXDEPTH 16

struct json {
	struct buf	b;
	int		depth;
	int		count[JSON_MAXDEPTH];	/* items written per level */
	int		after_key;
	int		day_set;	/* day_text holds the date of day */
	int64_t		day;
	char		day_text[11];	/* "YYYY-MM-DDT" */
};

void	json_init(struct json *);
void	json_free(struct json *);
void	json_object_begin(struct json *);
void	json_object_end(struct json *);
void	json_array_begin(struct json *);
void	json_array_end(struct json *);
void	json_key(struct json *, const char *);
void	json_string(struct json *, const char *);	/* NULL: null */
void	json_int(struct json *, int64_t);
void	json_bool(struct json *, int);
void	json_null(struct json *);
/* Shorthands for "key": value. */
void	json_kv_string(struct json *, const char *, const char *);
void	json_kv_int(struct json *, const char *, int64_t);
/* A Unix time as ISO 8601 UTC ("2026-11-21T03:00:00Z"); 0 is null. */
void	json_kv_time(struct json *, const char *, int64_t);
/* A number with a fixed count of decimals (a rounded value for people;
 * exact values are integers). */
void	json_number(struct json *, double, int decimals);
void	json_kv_number(struct json *, const char *, double, int decimals);

#endif
