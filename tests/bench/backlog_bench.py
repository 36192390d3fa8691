#!/usr/bin/python3
"""backlog_bench.py — memory with a backlog: a mailbox holding N waiting
messages (small ones: what matters is their number), complaintd started
on it; the IMAP worker's peak RSS (VmHWM) while it lists the mailbox and
takes the first TAKE messages in, and the write-ahead log's size while
`complaintctl list --limit 0` is read by someone who stops reading for
STALL seconds in the middle.  Prints the figures.
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from imap_bench import Daemon, count  # noqa: E402

BODY = ("Yth. Bapak/Ibu,\n\nKipas angin di kelas XI TKJ {n} mati sejak "
        "minggu lalu dan ruangan sangat panas.\nMohon segera diperbaiki.\n\n"
        "Terima kasih.\n")


def fill(maildir, n, uid, gid):
    """n small messages straight into new/ (the MDA's way)."""
    new = os.path.join(maildir, "new")
    os.makedirs(new, exist_ok=True)
    now = int(time.time())
    for i in range(n):
        body = BODY.format(n=i % 9)
        msg = ("From: Orang Tua {i} <ortu{i}@example.org>\n"
               "To: pengaduan@smkn1.sch.id\n"
               "Subject: Kipas angin rusak {i}\n"
               "Date: Mon, 23 Nov 2026 09:00:00 +0700\n"
               "Message-ID: <backlog.{i}@example.org>\n"
               "MIME-Version: 1.0\n"
               "Content-Type: text/plain; charset=utf-8\n\n{b}"
               ).format(i=i, b=body).encode()
        path = os.path.join(new, "%d.M%dP1.backlog,S=%d" % (now, i, len(msg)))
        with open(path, "wb") as f:
            f.write(msg)
        os.chown(path, uid, gid)


def worker_pid(d):
    for pid in d.pids()[1:]:
        try:
            if open("/proc/%d/comm" % pid).read().startswith("imap:"):
                return pid
        except OSError:
            pass
    return None


def hwm_kb(pid):
    for ln in open("/proc/%d/status" % pid):
        if ln.startswith("VmHWM:"):
            return int(ln.split()[1])
    return 0


def wal_mb(db):
    try:
        return os.path.getsize(db + "-wal") / 1048576
    except OSError:
        return 0.0


def measure(a, d):
    """(seconds to take TAKE in, peak MB, WAL MB before, WAL MB max)"""
    t0 = time.monotonic()
    pid = None
    while pid is None and time.monotonic() - t0 < 30:
        time.sleep(0.1)
        pid = worker_pid(d)
    if pid is None:
        raise RuntimeError("no IMAP worker")
    half = a.take // 2
    while count(a.db, "SELECT count(*) FROM message") < half:
        time.sleep(0.2)
    # a listing read by someone who stops in the middle, while intake
    # goes on: the log must not grow because of it
    wal0 = wal_mb(a.db)
    env = dict(os.environ, COMPLAINTD_CONF=a.conf)
    slow = subprocess.Popen(
        "%s list --limit 0 | (head -c 100000 >/dev/null; sleep %d; "
        "cat >/dev/null)" % (a.complaintctl, a.stall), shell=True, env=env)
    walmax = wal0
    while slow.poll() is None:
        walmax = max(walmax, wal_mb(a.db))
        time.sleep(0.2)
    while count(a.db, "SELECT count(*) FROM message") < a.take:
        time.sleep(0.2)
    return time.monotonic() - t0, hwm_kb(pid) / 1024, wal0, walmax


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--complaintd", required=True)
    ap.add_argument("--complaintctl", required=True)
    ap.add_argument("--conf", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--take", type=int, default=30000)
    ap.add_argument("--stall", type=int, default=20)
    ap.add_argument("--uid", type=int, required=True)
    ap.add_argument("--gid", type=int, required=True)
    a = ap.parse_args()

    t = time.monotonic()
    fill(a.maildir, a.n, a.uid, a.gid)
    print("backlog:     %d messages waiting (written in %.1f s)"
          % (a.n, time.monotonic() - t))
    d = Daemon(a.complaintd, a.conf, a.log)
    try:
        took, peak, wal0, walmax = measure(a, d)
    finally:
        d.stop()
    print("taken in:    %d of them in %.1f s (then stopped)" % (a.take, took))
    print("peak memory: %.1f MB RSS (VmHWM) of the IMAP worker, listing "
          "the mailbox 2000 UIDs at a time" % peak)
    print("WAL:         %.1f MB before, at most %.1f MB while a "
          "`complaintctl list --limit 0` reader stalled %d s mid-listing "
          "(journal_size_limit 32 MB)" % (wal0, walmax, a.stall))


if __name__ == "__main__":
    main()
