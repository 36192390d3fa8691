#!/usr/bin/python3
"""SMTP sink for the tests (Debian's python3-aiosmtpd).

Every accepted message is written byte for byte to OUTDIR/new/<n>.eml
(through OUTDIR/tmp and a rename, so readers never see half a file), with
the envelope prepended as two header lines:
    X-Rig-Mail-From: <sender>
    X-Rig-Rcpt-To: <rcpt1>, <rcpt2>
Each session's AUTH and TLS state is logged to OUTDIR/sessions.log: one
line per message ("DATA <file> tls=.. auth=.. peer=<client port>"), one
per AUTH attempt ("AUTH <mechanism> tls=.. peer=.."), and the envelope as
it is given ("MAIL <addr> tls=.. auth=.. peer=..", "RCPT <addr> peer=..").

Options:
  --starttls CERT KEY   offer STARTTLS
  --require-starttls    refuse MAIL before STARTTLS (530)
  --implicit-tls        TLS from the first byte (smtps) with --starttls's
                        certificate
  --auth-plaintext      allow AUTH without TLS
  --reject-rcpt ADDR    answer 550 to RCPT TO:<ADDR> (repeatable)
  --tempfail-rcpt ADDR  answer 451 to RCPT TO:<ADDR> (repeatable)
  --no-auth             leave AUTH out of the EHLO answer
  --delay SECONDS       wait this long after the data before storing it
                        and answering (a slow server, for crash tests)
The sink stops on SIGTERM.  Run with /usr/bin/python3.
"""
import argparse
import asyncio
import itertools
import os
import signal
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, outdir, reject, tempfail, delay=0.0, no_auth=False):
        self.outdir = outdir
        self.delay = delay
        self.no_auth = no_auth
        self.implicit_tls = False   # every session is TLS (set by main)
        self.reject = {a.lower() for a in reject}
        self.tempfail = {a.lower() for a in tempfail}
        for d in ("tmp", "new"):
            os.makedirs(os.path.join(outdir, d), exist_ok=True)
        self.seq = itertools.count(1)
        self.log = open(os.path.join(outdir, "sessions.log"), "a", buffering=1)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.no_auth:
            responses = [r for r in responses if not r[4:].startswith("AUTH")]
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.log.write("MAIL %s tls=%s auth=%s peer=%s\n" % (
            address, session.ssl is not None or self.implicit_tls,
            getattr(session, "authenticated", None),
            session.peer[1] if session.peer else None))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.log.write("RCPT %s peer=%s\n" % (
            address, session.peer[1] if session.peer else None))
        a = address.lower()
        if a in self.reject:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if a in self.tempfail:
            return "451 4.3.0 <%s>: Temporary failure, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        name = "%d.%d.%d.eml" % (time.time_ns(), os.getpid(), next(self.seq))
        tmp = os.path.join(self.outdir, "tmp", name)
        hdr = "X-Rig-Mail-From: <%s>\r\nX-Rig-Rcpt-To: %s\r\n" % (
            envelope.mail_from, ", ".join("<%s>" % r for r in envelope.rcpt_tos))
        with open(tmp, "wb") as f:
            f.write(hdr.encode() + envelope.original_content)
        os.rename(tmp, os.path.join(self.outdir, "new", name))
        self.log.write("DATA %s tls=%s auth=%s peer=%s\n" % (
            name, session.ssl is not None or self.implicit_tls,
            session.authenticated if hasattr(session, "authenticated") else None,
            session.peer[1] if session.peer else None))
        return "250 OK queued as " + name

    def accept_any(self, server, session, envelope, mechanism, auth_data):
        self.log.write("AUTH %s tls=%s peer=%s\n" % (
            mechanism, session.ssl is not None or self.implicit_tls,
            session.peer[1] if session.peer else None))
        return AuthResult(success=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("--require-starttls", action="store_true")
    ap.add_argument("--implicit-tls", action="store_true")
    ap.add_argument("--auth-plaintext", action="store_true")
    ap.add_argument("--reject-rcpt", action="append", default=[])
    ap.add_argument("--tempfail-rcpt", action="append", default=[])
    ap.add_argument("--no-auth", action="store_true")
    ap.add_argument("--delay", type=float, default=0.0)
    a = ap.parse_args()
    sink = Sink(a.outdir, a.reject_rcpt, a.tempfail_rcpt, a.delay, a.no_auth)
    # aiosmtpd only counts STARTTLS as TLS for auth_require_tls: with
    # implicit TLS every session is encrypted anyway
    kw = dict(auth_require_tls=not (a.auth_plaintext or a.implicit_tls),
              authenticator=sink.accept_any)
    if a.starttls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*a.starttls)
        if a.implicit_tls:
            kw["ssl_context"] = ctx
            sink.implicit_tls = True
        else:
            kw.update(tls_context=ctx, require_starttls=a.require_starttls)
    c = Controller(sink, hostname=a.host, port=a.port, **kw)
    c.start()
    print("smtp sink on %s:%d -> %s" % (a.host, a.port, a.outdir), flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    c.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
