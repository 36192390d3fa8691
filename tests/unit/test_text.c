/*
 * test_text.c — text_html_to_plain(), text_strip_quoted(), text_summary().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "text.h"
#include "utf8.h"
#include "t.h"

static void
html_is(const char *html, const char *want, const char *what)
{
	char *s = text_html_to_plain(html, strlen(html));

	T_STR(s, want, what);
	free(s);
}

static void
test_html(void)
{
	html_is("<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; caf&eacute; "
	    "&#x20AC;5 &hellip;&nbsp;x</p>",
	    "a & b <c> \"d\" 'e' caf\xc3\xa9 \xe2\x82\xac" "5 \xe2\x80\xa6 x",
	    "named and numeric entities");
	html_is("&bogus; &amp &#0; &#xD800; AT&T", "&bogus; &amp \xef\xbf\xbd "
	    "\xef\xbf\xbd AT&T", "unknown entities literal, bad numbers U+FFFD");
	html_is("See <a href=\"https://smkn1.sch.id/jadwal?a=1&amp;b=2\">the "
	    "schedule</a> or <a href=\"https://x.id/\">https://x.id</a> or "
	    "<a href=\"mailto:tu@smkn1.sch.id\">tu@smkn1.sch.id</a>.",
	    "See the schedule <https://smkn1.sch.id/jadwal?a=1&b=2> or "
	    "https://x.id or tu@smkn1.sch.id.",
	    "links keep a target that differs from the text");
	html_is("<ul><li>satu</li><li>dua<ul><li>dua.a</li></ul></li></ul>"
	    "<ol><li>tiga</li></ol>",
	    "- satu\n- dua\n  - dua.a\n- tiga", "lists");
	html_is("<html><head><title>T</title><style>p{x:y}</style></head>"
	    "<body><script>alert('x<p>y')</script>Halo<noscript>n</noscript>"
	    "</body></html>", "Halo", "script, style, head dropped");
	html_is("Baru<blockquote>lama<br>baris 2<blockquote>lebih lama"
	    "</blockquote></blockquote>lagi",
	    "Baru\n> lama\n> baris 2\n>> lebih lama\nlagi",
	    "blockquote rendered with > prefixes");
	html_is("<div dir=\"ltr\">Baru</div><div class=\"gmail_quote\"><div "
	    "class=\"gmail_attr\">On Mon, X wrote:<br></div><blockquote "
	    "class=\"gmail_quote\">lama</blockquote></div>",
	    "Baru\n> On Mon, X wrote:\n>> lama", "Gmail quote container");
	html_is("<div>a</div><div><br></div><div>b</div>", "a\n\nb",
	    "Gmail empty line");
	html_is("<p>one</p>\n\n<p>two</p><p>&nbsp;</p><p></p><p>three</p>",
	    "one\n\ntwo\n\nthree", "paragraphs, blank runs collapsed");
	html_is("a   b\n\t c<br>d", "a b c\nd", "white space collapsed");
	html_is("<pre>x  y\n  z</pre>", "x  y\n  z", "pre keeps spaces");
	html_is("<table><tr><td>Nama</td><td>Kelas</td></tr><tr><td>Andi</td>"
	    "<td>XI</td></tr></table>", "Nama Kelas\nAndi XI", "tables");
	html_is("<!-- hidden <p>x</p> -->shown<!-- unclosed", "shown",
	    "comments dropped");
	html_is("1 < 2 and 3 > 2", "1 < 2 and 3 > 2", "stray brackets kept");
	html_is("<a href=\"x&#10;y&#1;z\tw\">t</a>", "t <x y z w>",
	    "controls in a link target become spaces");
	html_is("<script>never closed", "", "unclosed script drops the rest");
	html_is("caf\xe9 <b>bold", "caf\xef\xbf\xbd bold",
	    "invalid UTF-8 in HTML replaced");
}

/* Nothing quadratic: many unclosed tags and scripts. */
static void
test_html_hostile(void)
{
	struct buf b;
	char *s;
	clock_t t0;
	int i;

	buf_init(&b);
	for (i = 0; i < 200000; i++) {
		buf_adds(&b, "<a <!x &#");
	}
	t0 = clock();
	s = text_html_to_plain(b.data, b.len);
	T_OK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0,
	    "hostile HTML is linear");
	T_OK(utf8_valid(s, strlen(s)), "hostile HTML output valid UTF-8");
	free(s);

	buf_reset(&b);
	for (i = 0; i < 1000000; i++) {
		buf_addc(&b, '<');
	}
	buf_addc(&b, '>');
	t0 = clock();
	s = text_html_to_plain(b.data, b.len);
	T_OK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0,
	    "a million '<' before one '>' is linear");
	free(s);

	/* deep nesting must not multiply the output by the line count */
	buf_reset(&b);
	for (i = 0; i < 10000; i++) {
		buf_adds(&b, "<blockquote><ul>");
	}
	for (i = 0; i < 100000; i++) {
		buf_adds(&b, "<li>x");
	}
	s = text_html_to_plain(b.data, b.len);
	T_OK(strlen(s) < 8 * b.len, "nested quotes and lists: output bounded");
	T_OK(strncmp(s, ">>>>>>>> ", 9) == 0, "quote marks capped at 8");
	free(s);
	buf_free(&b);
}

/* Many attributions above one quote: no rescans. */
static void
test_strip_hostile(void)
{
	struct buf b;
	char *s;
	clock_t t0;
	int i;

	buf_init(&b);
	for (i = 0; i < 100000; i++) {
		buf_adds(&b, "On x, y wrote:\n");
	}
	buf_adds(&b, "> q\nanswer\n");
	t0 = clock();
	s = text_strip_quoted(b.data);
	T_OK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0,
	    "many attributions are linear");
	T_STR(s, "answer", "only the answer remains");
	free(s);
	buf_free(&b);
}

static void
strip_is(const char *in, const char *want, const char *what)
{
	char *s = text_strip_quoted(in);

	T_STR(s, want, what);
	free(s);
}

static void
test_strip(void)
{
	strip_is("Setuju.\n\nOn Mon, 12 Jan 2026 at 08:14, Budi <budi@x.id> "
	    "wrote:\n> lama\n> lama 2\n", "Setuju.", "On ... wrote:");
	strip_is("Setuju.\n\nOn Mon, 12 Jan 2026 at 08:14, Budi Santoso <\n"
	    "budi@x.id> wrote:\n\n> lama\n", "Setuju.",
	    "On ... wrote: wrapped over two lines");
	strip_is("Baik.\n\nPada tanggal Sen, 12 Jan 2026 pukul 08.14 Budi "
	    "<budi@x.id> menulis:\n> lama\n", "Baik.", "Pada ... menulis:");
	strip_is("Baik.\n\nPada Sen, 12 Jan 2026 08.14, Budi menulis:\n\n"
	    "Selamat pagi (unquoted history)\n", "Baik.",
	    "attribution before unquoted history");
	strip_is("Oke.\n\n-----Original Message-----\nFrom: A\nSent: B\n"
	    "To: C\nSubject: D\n\nlama\n", "Oke.", "-----Original Message-----");
	strip_is("Oke.\n\n-----Pesan Asli-----\nDari: A\nlama\n", "Oke.",
	    "-----Pesan Asli-----");
	strip_is("Oke.\n\n________________________________\nFrom: Budi "
	    "<b@x.id>\nSent: Monday, 12 January 2026 09:00\nTo: pengaduan\n"
	    "Subject: RE: nilai\n\nlama\n", "Oke.",
	    "Outlook From/Sent/To/Subject block and its rule");
	strip_is("Oke.\n\n*From:* Budi\n*Date:* Mon\n*To:* Kami\n\nlama\n",
	    "Oke.", "Outlook block in bold (from HTML)");
	strip_is("Oke.\n\nDari: Budi\nDikirim: Senin, 12 Januari 2026 09.00\n"
	    "Kepada: Kami\nSubjek: RE: nilai\n\nlama\n", "Oke.",
	    "Indonesian Outlook block");
	strip_is("> pertanyaan 1\njawaban 1\n\n> pertanyaan 2\njawaban 2\n",
	    "jawaban 1\n\njawaban 2", "> lines of an inline reply");
	strip_is("On Mon, Budi wrote:\n> q1\na1\n> q2\na2\n", "a1\na2",
	    "inline reply after attribution keeps the answers");
	strip_is("Isi.\n\n-- \nBudi Santoso\nKomite\n", "Isi.", "'-- ' signature");
	strip_is("Isi.\n\nSent from my iPhone\n", "Isi.", "Sent from my iPhone");
	strip_is("Isi.\nSent from Outlook for Android\n", "Isi.",
	    "Sent from Outlook");
	strip_is("Isi.\n\nGet Outlook for Android\n", "Isi.",
	    "Get Outlook for Android");
	strip_is("Isi.\n\nDikirim dari iPhone saya\n", "Isi.", "Dikirim dari");
	strip_is("Isi.\n\nDikirim dari iPhone saya\n\nPada Sen, 12 Jan 2026, "
	    "Kami menulis:\n> lama\n", "Isi.", "Dikirim dari before history");
	strip_is("Surat kami dikirim ke TU.\nDikirim dari kantor kelurahan "
	    "kemarin.\nMohon dicek.\n", "Surat kami dikirim ke TU.\nDikirim "
	    "dari kantor kelurahan kemarin.\nMohon dicek.",
	    "'Dikirim dari' inside the text is no signature");
	strip_is("Mohon dicek.\n\n---------- Forwarded message ---------\n"
	    "From: Budi <b@x.id>\nDate: Mon, 12 Jan 2026\nSubject: AC\n"
	    "To: Ratna\n\n> kutipan di dalam\nAC mati\n",
	    "Mohon dicek.\n\n---------- Forwarded message ---------\n"
	    "From: Budi <b@x.id>\nDate: Mon, 12 Jan 2026\nSubject: AC\n"
	    "To: Ratna\n\n> kutipan di dalam\nAC mati", "forward kept whole");
	strip_is("\n\n> semua kutipan\n> saja\n\n",
	    "> semua kutipan\n> saja", "all quoted: whole text, trimmed");
	strip_is("-----Original Message-----\nFrom: A\n", "-----Original "
	    "Message-----\nFrom: A", "nothing before the cut: whole text");
	strip_is("\n\nBaris 1\n\n\n\nBaris 2  \n\n", "Baris 1\n\nBaris 2",
	    "blank lines trimmed and collapsed");
	strip_is("", "", "empty");
	strip_is("On the other hand, the roof still leaks.\nThanks\n",
	    "On the other hand, the roof still leaks.\nThanks",
	    "a sentence starting 'On' is not an attribution");
}

static void
summary_is(const char *in, size_t n, const char *want, const char *what)
{
	char *s = text_summary(in, n);

	T_STR(s, want, what);
	free(s);
}

static void
test_summary(void)
{
	summary_is("Kipas  angin\n\nkelas\tmati", 40, "Kipas angin kelas mati",
	    "white space folded, not cut");
	summary_is("Kipas angin kelas mati", 11, "Kipas angin\xe2\x80\xa6",
	    "cut with an ellipsis");
	summary_is("Kipas angin kelas mati", 12, "Kipas angin\xe2\x80\xa6",
	    "no space before the ellipsis");
	summary_is("Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln", 4,
	    "Gr\xc3\xbc\xc3\x9f\xe2\x80\xa6", "counts characters, cuts on a "
	    "character boundary");
	summary_is("\xf0\x9f\x99\x8f\xf0\x9f\x99\x8f\xf0\x9f\x99\x8f", 2,
	    "\xf0\x9f\x99\x8f\xf0\x9f\x99\x8f\xe2\x80\xa6", "4-byte characters");
	summary_is("abc", 3, "abc", "exactly n: no ellipsis");
	summary_is("  \n ", 10, "", "blank");
	summary_is("caf\xe9!", 10, "caf\xef\xbf\xbd!", "invalid byte U+FFFD");
}

int
main(void)
{
	test_html();
	test_html_hostile();
	test_strip();
	test_strip_hostile();
	test_summary();
	return t_done();
}
