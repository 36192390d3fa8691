#!/usr/bin/python3
"""imap_bench.py — the IMAP intake figures, driven by tests/bench/imap.sh
(which starts the Dovecot rig and writes the configuration).

  1. Rounds, interleaved so that both see the same machine (it is
     shared, and its load changes within minutes): mbsync (isync) pulls N
     messages from Dovecot into an empty Maildir (the peer), then
     complaintd takes the same N messages into an empty database, from
     start until the last one is recorded, its acknowledgement queued,
     committed and moved to the processed folder; ROUNDS times each.
     Every round printed, then the medians and the median of the
     per-round ratios.
  2. While the last complaintd waits in IDLE, 200 messages are delivered
     one at a time: latency from delivery into the mailbox to the commit.
  3. Peak PSS of all complaintd processes, over every round.
  4. Another N messages into the database that already holds N cases.

Times come from the daemon's debug log lines ("committed up to UID n",
"moved k message(s) to processed"), stamped as they arrive on its stderr.
"""
import argparse
import os
import queue
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Daemon:
    """complaintd -d in the background; its log lines with arrival times."""

    def __init__(self, binary, conf, logpath):
        self.lines = queue.Queue()
        self.log = open(logpath, "a")
        self.t0 = time.monotonic()
        self.p = subprocess.Popen([binary, "-d", "-c", conf],
                                  stderr=subprocess.PIPE, text=True,
                                  bufsize=1)
        self.peak_pss = 0
        self.max_rss = {}	# pid: the highest RSS sampled
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self):
        """Sum of the processes' PSS (shared pages counted once), every
        0.1 s: the group's real footprint; keep the peak."""
        while self.p.poll() is None:
            total = 0
            for pid in self.pids():
                try:
                    for ln in open("/proc/%d/smaps_rollup" % pid):
                        if ln.startswith("Pss:"):
                            total += int(ln.split()[1])
                        elif ln.startswith("Rss:"):
                            kb = int(ln.split()[1])
                            if kb > self.max_rss.get(pid, 0):
                                self.max_rss[pid] = kb
                except OSError:
                    pass
            self.peak_pss = max(self.peak_pss, total)
            time.sleep(0.1)

    def _read(self):
        for line in self.p.stderr:
            t = time.monotonic()
            self.log.write("%.6f %s" % (t, line))
            self.lines.put((t, line))
        self.lines.put((time.monotonic(), None))

    def next(self, timeout):
        t, line = self.lines.get(timeout=timeout)
        if line is None:
            raise RuntimeError("complaintd exited")
        return t, line

    def wait_for(self, pred, timeout=600):
        end = time.monotonic() + timeout
        while True:
            t, line = self.next(max(0.1, end - time.monotonic()))
            if pred(line):
                return t, line

    def pids(self):
        out = [self.p.pid]
        try:
            kids = open("/proc/%d/task/%d/children" % (self.p.pid,
                                                       self.p.pid)).read()
            out += [int(x) for x in kids.split()]
        except OSError:
            pass
        return out

    def peak_bound_kb(self):
        """The sampled peak plus what each process held between samples:
        its VmHWM above the highest RSS sampled (a peak shorter than 0.1 s,
        e.g. a listing's answers, freed at once), as if all at one time."""
        missed = 0
        for pid, (_, hwm) in self.peak_rss_kb().items():
            missed += max(0, hwm - self.max_rss.get(pid, 0))
        return self.peak_pss + missed

    def peak_rss_kb(self):
        """VmHWM of every process: {pid: (name, kB)}."""
        res = {}
        for pid in self.pids():
            try:
                name, hwm = "?", 0
                for ln in open("/proc/%d/status" % pid):
                    if ln.startswith("Name:"):
                        name = ln.split()[1]
                    elif ln.startswith("VmHWM:"):
                        hwm = int(ln.split()[1])
                res[pid] = (name, hwm)
            except OSError:
                pass
        return res

    def stop(self):
        t = time.monotonic()
        self.p.send_signal(signal.SIGTERM)
        self.p.wait(timeout=20)
        self.log.close()
        return time.monotonic() - t


def copy_mail(src, maildir, uid, gid):
    new = os.path.join(maildir, "new")
    os.makedirs(new, exist_ok=True)
    for name in os.listdir(os.path.join(src, "new")):
        dst = os.path.join(new, name)
        shutil.copyfile(os.path.join(src, "new", name), dst)
        os.chown(dst, uid, gid)


def gen(dst, n, tag, seed):
    subprocess.run([sys.executable, os.path.join(HERE, "gen_mail.py"), dst,
                    str(n), "--tag", tag, "--seed", str(seed)], check=True)


def empty_maildir(maildir):
    """The messages of a Maildir removed (between rounds), folders kept."""
    for d in ("new", "cur"):
        path = os.path.join(maildir, d)
        if os.path.isdir(path):
            for name in os.listdir(path):
                os.unlink(os.path.join(path, name))


def run_mbsync(a, corpus):
    home = os.path.join(a.dovecot, "mail", "test2", "Maildir")
    empty_maildir(home)
    copy_mail(corpus, home, a.mail_uid, a.mail_gid)
    local = os.path.join(a.work, "mbsync")
    shutil.rmtree(local, ignore_errors=True)
    os.makedirs(local, exist_ok=True)
    rc = os.path.join(a.work, "mbsyncrc")
    with open(rc, "w") as f:
        f.write("IMAPAccount bench\nHost 127.0.0.1\nPort %d\nUser test2\n"
                "Pass test2\nSSLType None\nAuthMechs LOGIN\n\n"
                "IMAPStore remote\nAccount bench\n\n"
                "MaildirStore local\nPath %s/\nInbox %s/INBOX\n\n"
                "Channel bench\nFar :remote:\nNear :local:\n"
                "Patterns INBOX\nSync Pull\nCreate Near\n"
                "SyncState *\n" % (a.port, local, local))
    t = time.monotonic()
    # (its warning about the plaintext password goes to a file, not here)
    with open(os.path.join(a.work, "mbsync.log"), "w") as log:
        r = subprocess.run(["mbsync", "-q", "-c", rc, "-a"], stderr=log)
    dt = time.monotonic() - t
    if r.returncode != 0:
        raise SystemExit("mbsync failed: see %s/mbsync.log" % a.work)
    got = sum(len(os.listdir(os.path.join(local, "INBOX", d)))
              for d in ("new", "cur"))
    if got != a.n:
        raise SystemExit("mbsync pulled %d of %d messages" % (got, a.n))
    return a.n / dt, dt


def fresh_db(db):
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(db + suffix)
        except FileNotFoundError:
            pass


def intake(a, corpus, base):
    """Start complaintd on a full mailbox; time until all N are moved.
    base: the first UID the mailbox gives these messages."""
    inbox = os.path.join(a.dovecot, "mail", "test", "Maildir")
    copy_mail(corpus, inbox, a.mail_uid, a.mail_gid)
    d = Daemon(a.complaintd, a.conf, os.path.join(a.work, "daemon.log"))
    commits, moved = [], 0
    while moved < a.n:
        t, line = d.next(600)
        if "committed up to UID" in line:
            uid = int(line.rsplit(" ", 1)[1])
            if uid >= base:
                commits.append((t, uid))
        elif "moved " in line and "to processed" in line:
            moved += int(line.split("moved ")[1].split()[0])
    dt = t - d.t0
    per_k = rate_per_thousand(commits, base, d.t0)
    return d, a.n / dt, dt, per_k


def rate_per_thousand(commits, first_uid, t0):
    """msg/s of the first and the last 1000 messages (commit times)."""
    def when(k):
        for t, uid in commits:
            if uid - first_uid + 1 >= k:
                return t
        return commits[-1][0]
    n = commits[-1][1] - first_uid + 1
    first = 1000 / (when(1000) - t0) if n >= 1000 else 0
    last = 1000 / (when(n) - when(n - 1000)) if n >= 2000 else 0
    return first, last


def latency(a, d, corpus, count):
    inbox = os.path.join(a.dovecot, "mail", "test", "Maildir")
    names = sorted(os.listdir(os.path.join(corpus, "new")))[:count]
    rng = random.Random(7)
    lat, ours = [], []
    for i, name in enumerate(names):
        tmp = os.path.join(inbox, "tmp", name)
        shutil.copyfile(os.path.join(corpus, "new", name), tmp)
        os.chown(tmp, a.mail_uid, a.mail_gid)
        os.rename(tmp, os.path.join(inbox, "new", name))
        t0 = time.monotonic()
        tw, _ = d.wait_for(lambda ln: "IDLE: the server has news" in ln, 30)
        t, _ = d.wait_for(lambda ln: "committed up to UID" in ln, 30)
        lat.append(t - t0)
        ours.append(t - tw)
        d.wait_for(lambda ln: "to processed" in ln, 30)
        time.sleep(rng.uniform(0.02, 0.15))
    return pct(lat, 50), pct(lat, 99), pct(ours, 50), pct(ours, 99)


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, len(v) * p // 100)]


def count(db, sql):
    c = sqlite3.connect(db)
    try:
        return c.execute(sql).fetchone()[0]
    finally:
        c.close()


def main():
    ap = argparse.ArgumentParser()
    for opt in ("work", "dovecot", "complaintd", "conf", "db"):
        ap.add_argument("--" + opt, required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--mail-uid", type=int, default=os.getuid())
    ap.add_argument("--mail-gid", type=int, default=os.getgid())
    a = ap.parse_args()

    t = time.monotonic()
    for tag, seed in (("a", 1), ("b", 2), ("c", 3)):
        gen(os.path.join(a.work, "corpus-" + tag), a.n if tag != "c" else
            200, tag, seed)
    print("generated 2 x %d + 200 messages (2-20 KB) in %.1f s" %
          (a.n, time.monotonic() - t))

    corpus = os.path.join(a.work, "corpus-a")
    mb, cd, ratios, peak, bound, base = [], [], [], 0, 0, 1
    for r in range(1, a.rounds + 1):
        mb_rate, mb_dt = run_mbsync(a, corpus)
        print("round %d: mbsync      %6d msg/s  (%d messages in %.2f s)" %
              (r, mb_rate, a.n, mb_dt), flush=True)
        fresh_db(a.db)
        d, rate, dt, per_k = intake(a, corpus, base)
        base += a.n
        cases = count(a.db, "SELECT count(*) FROM complaint")
        acks = count(a.db, "SELECT count(*) FROM outbox WHERE kind = 'ack'")
        print("round %d: complaintd  %6d msg/s  (%d messages in %.2f s; "
              "%d cases, %d acknowledgements queued; first 1000 %d msg/s, "
              "last 1000 %d msg/s)  %.2f x" % (r, rate, a.n, dt, cases,
                                              acks, per_k[0], per_k[1],
                                              rate / mb_rate), flush=True)
        if cases != a.n:
            raise SystemExit("wrong case count: %d" % cases)
        mb.append(mb_rate)
        cd.append(rate)
        ratios.append(rate / mb_rate)
        if r < a.rounds:		# the last one stays for the latency
            peak = max(peak, d.peak_pss)
            bound = max(bound, d.peak_bound_kb())
            d.stop()
    print("mbsync:      %6d msg/s  (median of %d rounds)" %
          (statistics.median(mb), a.rounds))
    print("complaintd:  %6d msg/s  (median of %d rounds, from start to the "
          "last one moved)" % (statistics.median(cd), a.rounds))
    print("ratio:        %5.2f x mbsync (median of the rounds' ratios; "
          "lowest %.2f, highest %.2f)" % (statistics.median(ratios),
                                          min(ratios), max(ratios)))

    p50, p99, o50, o99 = latency(a, d, os.path.join(a.work, "corpus-c"),
                                 200)
    print("latency:     p50 %.3f s, p99 %.3f s (delivery into the mailbox "
          "to the commit, IDLE, 200 messages)" % (p50, p99))
    print("             of which complaintd (IDLE wake-up to commit): p50 "
          "%.3f s, p99 %.3f s; the rest is Dovecot's" % (o50, o99))
    peak = max(peak, d.peak_pss)
    bound = max(bound, d.peak_bound_kb())
    rss = d.peak_rss_kb()
    total = sum(kb for _, kb in rss.values())
    print("peak memory: %.1f MB PSS of all complaintd processes together "
          "(sampled every 0.1 s, the highest of the rounds)" % (peak / 1024))
    print("             at most %.1f MB with what each process held between "
          "samples (its peak RSS above the highest sampled)" % (bound / 1024))
    print("             %.1f MB peak RSS summed over the processes, shared "
          "libraries counted in each (%s)" % (total / 1024, ", ".join(
              "%s %.1f" % (name, kb / 1024) for name, kb in rss.values())))
    stop = d.stop()
    print("stop:        %.2f s after SIGTERM" % stop)

    d, rate2, dt2, per_k2 = intake(a, os.path.join(a.work, "corpus-b"),
                                   base + 200)
    cases2 = count(a.db, "SELECT count(*) FROM complaint")
    print("again:       %6d msg/s  (%d more messages into a database "
          "holding %d cases; first 1000 %d msg/s, last 1000 %d msg/s)" %
          (rate2, a.n, cases, per_k2[0], per_k2[1]))
    d.stop()
    if cases != a.n or cases2 != 2 * a.n + 200:
        raise SystemExit("wrong case counts: %d, %d" % (cases, cases2))


if __name__ == "__main__":
    main()
