#!/usr/bin/python3
"""What the SMTP sink received, read back for the tests' assertions.

usage: mail_inspect.py SINKDIR DB EXPR

Every SINKDIR/new/*.eml (in arrival order) is parsed with Python's email
package (policy.default: header values come out decoded) and EXPR, a
Python expression, is evaluated with `msgs`, a list of dicts:

  file       the file name
  mail_from  the envelope sender;  rcpt: the envelope recipients (list)
  msg        the email.message.EmailMessage
  h(name)    a header, decoded ("" when absent)
  raw(name)  the same header as it came in (encoded, unfolded)
  text       the decoded text/plain part, with \n line ends;  html: the
             text/html part likewise, or None
  row        the outbox row whose Message-ID it carries, from DB:
             {id, kind, reference, token, status} (None if not found)
  bare       line ends that are not CRLF (bare LF or CR) in what came in
  longest    the longest header line, in columns (X-Rig-* left out)

and helpers: to(addr) -> the messages to addr; kind(k) -> the messages of
outbox kind k; ids(value) -> the Message-IDs in a header value, no <>.
Lists are printed one item per line, anything else as str().
"""
import email
import email.policy
import os
import re
import sqlite3
import sys


def load(sinkdir, db):
    rows = {}
    if os.path.exists(db):
        con = sqlite3.connect(db)
        for r in con.execute(
                "SELECT o.rfc_message_id, o.id, o.kind, c.reference, c.token,"
                " o.status FROM outbox o"
                " LEFT JOIN complaint c ON c.id = o.complaint_id"):
            rows[r[0]] = dict(id=r[1], kind=r[2], reference=r[3],
                              token=r[4], status=r[5])
    out = []
    d = os.path.join(sinkdir, "new")
    names = sorted(os.listdir(d), key=lambda n: [int(x) for x in n.split(".")[:3]]) \
        if os.path.isdir(d) else []
    for name in names:
        raw = open(os.path.join(d, name), "rb").read()
        env, _, body = raw.partition(b"\r\nX-Rig-Rcpt-To: ")
        rcpt_line, _, mail = body.partition(b"\r\n")
        m = email.message_from_bytes(mail, policy=email.policy.default)
        head = mail.split(b"\r\n\r\n", 1)[0]
        plain = m.get_body(preferencelist=("plain",))
        html = m.get_body(preferencelist=("html",))
        mid = (m["Message-ID"] or "").strip().strip("<>")
        out.append(dict(
            file=name,
            mail_from=env.decode().split(": ", 1)[1].strip("<>"),
            rcpt=[a.strip().strip("<>") for a in rcpt_line.decode().split(",")],
            msg=m,
            h=(lambda m: lambda n: str(m[n]) if m[n] is not None else "")(m),
            raw=(lambda m: lambda n: re.sub(r"\r?\n", "", "".join(
                v for k, v in m.raw_items() if k.lower() == n.lower())))(m),
            text=plain.get_content().replace("\r\n", "\n")
            if plain is not None else "",
            html=html.get_content().replace("\r\n", "\n")
            if html is not None and html.get_content_type() == "text/html"
            else None,
            row=rows.get(mid),
            bare=len(re.findall(rb"(?<!\r)\n|\r(?!\n)", mail)),
            longest=max(len(l) for l in head.split(b"\r\n")),
        ))
    return out


def main():
    sinkdir, db, expr = sys.argv[1:4]
    msgs = load(sinkdir, db)
    env = dict(
        msgs=msgs,
        to=lambda a: [m for m in msgs if a in m["rcpt"]],
        kind=lambda k: [m for m in msgs if m["row"] and m["row"]["kind"] == k],
        ids=lambda v: re.findall(r"<([^<>]+)>", v or ""),
    )
    r = eval(expr, env)
    if isinstance(r, (list, tuple)):
        for x in r:
            print(x)
    else:
        print(r)


if __name__ == "__main__":
    main()
