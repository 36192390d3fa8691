#!/usr/bin/python3
"""e2e_bench.py — end-to-end latency, driven by tests/bench/e2e.sh: a
complaint delivered into Dovecot's Maildir (the rename into new/, as an
MDA does) until its acknowledgement has been received by the SMTP server
(the sink's file for that complainant appears).  complaintd waits in IDLE;
COUNT complaints, one at a time, each from its own complainant.

  e2e_bench.py --maildir DIR --sink DIR --uid U --gid G --count N [--db DB]

With --db, also from the commit (the acknowledgement's outbox row is
visible in the database, polled every 2 ms) to its arrival at the SMTP
server: the dispatch worker's part.  With --cold N, N more complaints
each after a quiet spell longer than the dispatch worker keeps its SMTP
connection (--quiet seconds): each of their acknowledgements opens a new
connection (STARTTLS, the CA loaded, login), as when complaints come
minutes apart.
"""
import argparse
import os
import random
import sqlite3
import time


def complaint(i):
    return ("From: Pelapor %d <pelapor%d@example.com>\r\n"
            "To: pengaduan@smkn1.sch.id\r\n"
            "Subject: Kipas angin kelas %d mati\r\n"
            "Message-ID: <e2e-bench-%d-%d@example.com>\r\n"
            "Date: Mon, 23 Nov 2026 08:00:00 +0700\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Kipas angin di kelas %d mati sejak minggu lalu. Mohon diperbaiki.\r\n"
            % (i, i, i, os.getpid(), i, i)).encode()


def acked(sink, rcpt, seen):
    """The sink file addressed to rcpt, if it has arrived."""
    d = os.path.join(sink, "new")
    for name in os.listdir(d):
        if name in seen:
            continue
        with open(os.path.join(d, name), "rb") as f:
            head = f.read(400)
        seen.add(name)
        if ("X-Rig-Rcpt-To: <%s>" % rcpt).encode() in head:
            return True
    return False


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, len(v) * p // 100)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--sink", required=True)
    ap.add_argument("--uid", type=int, required=True)
    ap.add_argument("--gid", type=int, required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--db")
    ap.add_argument("--cold", type=int, default=0)
    ap.add_argument("--quiet", type=float, default=6.0)
    a = ap.parse_args()
    rng = random.Random(11)
    seen, lat, out, cold = set(), [], [], []
    db = None
    for i in range(a.count + a.cold):
        if i >= a.count:
            time.sleep(a.quiet)
        name = "%d.e2e%d.bench" % (time.time_ns(), i)
        tmp = os.path.join(a.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(complaint(i))
        os.chown(tmp, a.uid, a.gid)
        t0 = time.monotonic()
        os.rename(tmp, os.path.join(a.maildir, "new", name))
        rcpt = "pelapor%d@example.com" % i
        tc = None
        while True:
            if tc is None and a.db is not None:
                if db is None and os.path.exists(a.db):
                    db = sqlite3.connect("file:%s?mode=ro" % a.db, uri=True)
                if db is not None and db.execute(
                        "SELECT 1 FROM outbox WHERE kind = 'ack' AND "
                        "recipient = ?", (rcpt,)).fetchone():
                    tc = time.monotonic()
            if acked(a.sink, rcpt, seen):
                break
            if time.monotonic() - t0 > 30:
                raise SystemExit("no acknowledgement for %s in 30 s" % rcpt)
            time.sleep(0.002)
        t = time.monotonic() - t0
        if i >= a.count:
            if tc is not None:
                cold.append(t - (tc - t0))
            continue
        lat.append(t)
        if tc is not None:
            out.append(lat[-1] - (tc - t0))
        time.sleep(rng.uniform(0.05, 0.2))
    print("end to end:  p50 %.3f s, p99 %.3f s, max %.3f s (complaint into "
          "the mailbox to its acknowledgement at the SMTP server, IDLE, "
          "%d complaints)" % (pct(lat, 50), pct(lat, 99), max(lat), len(lat)))
    if out:
        print("commit to ack: p50 %.3f s, p99 %.3f s (the acknowledgement's "
              "row committed until the SMTP server has it, %d of them)"
              % (pct(out, 50), pct(out, 99), len(out)))
    if cold:
        print("cold ack:      p50 %.3f s, max %.3f s (the same, each after "
              "%.0f s of quiet: a new SMTP connection, %d of them)"
              % (pct(cold, 50), max(cold), a.quiet, len(cold)))


if __name__ == "__main__":
    main()
