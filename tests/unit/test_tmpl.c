/*
 * test_tmpl.c — template rendering and the shipped template set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"
#include "utf8.h"
#include "t.h"

static void
test_render(void)
{
	struct tmpl_var v[] = {
		{ "reference", "KEL-2026-000042" },
		{ "name", "" },
		{ "subject", "Atap\nbocor" },
	};
	char err[128], *r, *subj, *body;
	const char *names[] = { "reference", "name" };

	r = tmpl_render("Ref {{reference}}, Yth. {{name|Bapak/Ibu}} {{ reference }}"
	    " {{missing}}.", v, 3, err, sizeof err);
	T_STR(r, "Ref KEL-2026-000042, Yth. Bapak/Ibu KEL-2026-000042 .",
	    "variables, defaults for empty values, spaces inside braces");
	free(r);
	{
		struct tmpl_var h[] = { { "name", "<b>Budi</b> & \"Sri\"" } };

		r = tmpl_render_html("<p>Yth. {{name}} {{x|<i>}}</p>", h, 1, err,
		    sizeof err);
		T_STR(r, "<p>Yth. &lt;b&gt;Budi&lt;/b&gt; &amp; &quot;Sri&quot; "
		    "&lt;i&gt;</p>", "HTML templates escape values and defaults");
		free(r);
	}
	T_OK(tmpl_render("broken {{reference", v, 3, err, sizeof err) == NULL,
	    "unterminated field is an error");
	T_INT(tmpl_render_email("Subject: [{{reference}}] {{subject}}\n\n"
	    "Body {{name|-}}\n", v, 3, &subj, &body, err, sizeof err), 0,
	    "email template rendered");
	T_STR(subj, "[KEL-2026-000042] Atap bocor",
	    "a value cannot break the subject line");
	T_STR(body, "Body -\n", "body after the blank line");
	free(subj);
	free(body);
	T_INT(tmpl_split("no subject", &subj, &body, err, sizeof err), -1,
	    "email template without Subject refused");
	{
		struct tmpl_var a[] = { { "attachment_count", "3" },
		    { "attachments", "" }, { "reference", "<x>" } };

		r = tmpl_render("Atap{{attachment_count? (# lampiran)}}."
		    "{{attachments?\nLampiran:\n#}}", a, 3, err, sizeof err);
		T_STR(r, "Atap (3 lampiran).", "{{name?text}}: the text with "
		    "the value for #, only when there is a value");
		free(r);
		r = tmpl_render_html("{{reference?<#>|#}}", a, 3, err,
		    sizeof err);
		T_STR(r, "&lt;&lt;x&gt;&gt;|&lt;x&gt;",
		    "... in HTML the text and the value are escaped");
		free(r);
	}
	T_INT(tmpl_check("{{attachment_count? # lampiran}}", names, 2, err,
	    sizeof err), -1, "the check reads the name before '?'");
	T_CONTAINS(err, "{{attachment_count}}", "... and names it");
	T_INT(tmpl_check("{{reference}} {{name|x}}", names, 2, err, sizeof err),
	    0, "known variables pass the check");
	T_INT(tmpl_check("{{refrence}}", names, 2, err, sizeof err), -1,
	    "a misspelt variable is found");
	T_CONTAINS(err, "refrence", "... and named");
}

/* Septets in GSM 03.38 (basic table + extension), -1 if not encodable.
 * ASCII only: the shipped SMS texts must stay in it. */
static int
gsm7_septets(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++) {
		if (strchr("^{}\\[]~|", *s) != NULL) {
			n += 2;
		} else if (*s == '`' || (unsigned char)*s >= 0x80 ||
		    ((unsigned char)*s < 0x20 && *s != '\n')) {
			return -1;
		} else {
			n++;
		}
	}
	return n;
}

static void
test_shipped(void)
{
	const char *top = getenv("TOP"), *langs[] = { "id", "en" };
	struct tmplset *ts = NULL;
	char dir[4096], err[4096], label[128], *r;
	struct tmpl_var v[] = {
		{ "reference", "KEL-2026-000042" },
		{ "org_name", "SMK Negeri 1 Contoh" },
		{ "category_name", "Akademik" },
		{ "subject", "Nilai" },
		{ "level", "1" },
		{ "reason", "x" },
	};
	const char *const sms_one_part[] = { "ack", "reopened" };
	size_t i, l;
	int n;

	snprintf(dir, sizeof dir, "%s/etc/templates", top ? top : ".");
	T_INT(tmplset_load(dir, langs, 2, &ts, err, sizeof err), 0,
	    "shipped templates load and pass the check");
	if (ts == NULL) {
		printf("# %s\n", err);
		return;
	}
	for (l = 0; l < 2; l++) {
		for (i = 0; i < tmpl_nrequired; i++) {
			snprintf(label, sizeof label, "%s/%s has email and sms",
			    langs[l], tmpl_required[i]);
			T_OK(tmplset_get(ts, langs[l], tmpl_required[i],
			    "email") != NULL && tmplset_get(ts, langs[l],
			    tmpl_required[i], "sms") != NULL, label);
		}
		for (i = 0; i < 2; i++) {
			r = tmpl_render(tmplset_get(ts, langs[l],
			    sms_one_part[i], "sms"), v, 6, err, sizeof err);
			r[strcspn(r, "\n")] = '\0';
			n = gsm7_septets(r);
			snprintf(label, sizeof label, "%s/%s.sms fits one GSM-7 "
			    "part (%d septets)", langs[l], sms_one_part[i], n);
			T_OK(n > 0 && n <= 160, label);
			free(r);
		}
	}
	tmplset_free(ts);
	T_INT(tmplset_load("/nonexistent", langs, 1, &ts, err, sizeof err), -1,
	    "a missing template directory is an error");
	T_CONTAINS(err, "/nonexistent/id/ack.email", "... naming the file");
}

int
main(void)
{
	test_render();
	test_shipped();
	return t_done();
}
