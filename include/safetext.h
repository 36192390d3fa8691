/*
 * safetext.h — what a reply may repeat of a stranger's words.  Pure.
 *
 * An acknowledgement goes to whatever address From: claims, so anyone can
 * make us write to anyone; what the mail repeats of the sender's text (the
 * name, the subject) must not be able to carry a message of theirs:
 * "URGENT your account is locked - login at http://..." in the name field
 * would otherwise reach the victim from the school's own mail server.
 * safetext_echo() keeps such text short and without anything a mail
 * program turns into a link:
 *  - words with "://" or starting "www." (URLs), with "@" (addresses),
 *    or starting with a scheme linked without "//" (mailto:, tel:,
 *    javascript:, whatsapp: ...);
 *  - words with a dot between a letter or digit and a letter — domain
 *    names ("evil.example", "bit.ly/x", also written with the ideographic
 *    and full-width dots), file names ("invoice.exe"); numbers ("3.5",
 *    "Rp1.500.000") stay.  A title such as "S.Pd." goes too: the price of
 *    not having to tell it from "s.pd" the domain;
 * are left out, then the rest is cut to at most maxchars characters on
 * one line (with "…" when cut).
 */
#ifndef SAFETEXT_H
#define SAFETEXT_H

#include <stddef.h>

/* Caller frees.  NULL in, "" out. */
char	*safetext_echo(const char *text, size_t maxchars);

#endif
