/*
 * text.h — plain-text helpers for message bodies.  Pure; UTF-8 in, UTF-8
 * out; callers free the results.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

/*
 * HTML to readable text: tags dropped, <br>/<p>/<div>/<li>/<tr>/headings
 * become line breaks (list items get "- "), <a href> keeps its target when
 * it differs from the link text, <script>/<style>/<head> are dropped, named
 * and numeric entities are decoded, runs of blank lines and spaces are
 * collapsed.  Quoted parts (<blockquote>, Gmail/Outlook quote containers)
 * are rendered with "> " prefixes so text_strip_quoted() can cut them.
 */
char	*text_html_to_plain(const char *html, size_t len);

/*
 * The new part of a reply: cuts the quoted history ("> " blocks, "On ...
 * wrote:" / "Pada ... menulis:" attributions, Outlook "-----Original
 * Message-----" / "From: ... Sent: ..." blocks, "-------- Forwarded" is
 * kept) and the signature ("-- " line, "Sent from my ..." /
 * "Dikirim dari ..." lines).  Leading/trailing blank lines are trimmed.
 * When cutting would leave nothing (a bare forward, say), the whole text is
 * returned.
 */
char	*text_strip_quoted(const char *text);

/* First n characters (not bytes) of text on one line, whitespace folded,
 * "…" appended when cut.  For summaries in notifications and listings. */
char	*text_summary(const char *text, size_t n);

#endif
