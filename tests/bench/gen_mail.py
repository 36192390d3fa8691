#!/usr/bin/python3
"""gen_mail.py — complaint emails for the benchmark, written straight into a
Maildir (tmp/ then rename into new/, as an MDA does).

    gen_mail.py MAILDIR COUNT [--seed N] [--tag T] [--uid U --gid G]

Each message is 2-20 KB: plain UTF-8 (8bit), quoted-printable, multipart/
alternative with an HTML part, or multipart/mixed with a base64
attachment.  Message-IDs carry the tag, so two runs with different tags
never deduplicate against each other.  Deterministic for a seed.
"""
import argparse
import base64
import email.utils
import os
import quopri
import random
import time

SUBJECTS = [
    "Keluhan nilai rapor {n}", "Toilet siswa rusak di gedung {b}",
    "Kipas angin kelas {k} mati", "Atap bocor di ruang {k}",
    "Guru {m} sering tidak masuk", "Jadwal ujian bentrok ({k})",
    "Kursi dan meja rusak di lab {n}", "Pungutan biaya praktik {k}",
    "AC ruang komputer {n} tidak dingin", "Pelayanan tata usaha lambat",
    "Complaint about exam schedule {n}", "Broken chairs in workshop {b}",
]
SENTENCES = [
    "Saya ingin menyampaikan keluhan mengenai kondisi kelas {k}.",
    "Anak saya sudah beberapa kali mengeluh tentang hal ini.",
    "Nilai ulangan harian rata-rata di atas 80 tetapi rapor tertulis {n}.",
    "Kami sudah mencoba menghubungi wali kelas tetapi belum ada tanggapan.",
    "Toilet di lantai {n} tidak ada air sejak minggu lalu.",
    "Kipas angin di kelas {k} mati dan ruangan sangat panas.",
    "Atap di ruang praktik bocor setiap kali hujan deras.",
    "Mohon agar masalah ini segera ditindaklanjuti oleh pihak sekolah.",
    "Guru mata pelajaran {m} sering terlambat masuk kelas.",
    "Jadwal ujian praktik bertabrakan dengan kegiatan PKL.",
    "Kursi di laboratorium komputer banyak yang patah.",
    "Terima kasih atas perhatian Bapak/Ibu.",
    "The chairs in the workshop have been broken for two weeks.",
    "We would appreciate a written answer from the school.",
    "Biaya yang diminta tidak pernah dijelaskan dalam rapat komite.",
    "Pelayanan di bagian tata usaha sangat lambat dan kurang ramah.",
]
FIRST = ["Sri", "Budi", "Dewi", "Agus", "Rina", "Hendra", "Nabila", "Yusuf",
         "Ratna", "Fajar", "Siti", "Joko", "Lestari", "Bambang", "Wahyu",
         "Indah", "Rizky", "Putri", "Eko", "Ayu"]
LAST = ["Wahyuni", "Santoso", "Lestari", "Prasetyo", "Kusumawati",
        "Wijaya", "Hidayat", "Dewi", "Saputra", "Aminah", "Sutrisno",
        "Pratama", "Nugroho", "Rahmawati", "Setiawan"]
DOMAINS = ["gmail.com", "yahoo.co.id", "outlook.com", "mail.id", "ymail.com"]
CLASSES = ["X TKJ 1", "XI TKJ 2", "XII AKL 1", "X AKL 2", "XI RPL 1"]
SUBJ_M = ["Matematika", "Bahasa Inggris", "Fisika", "PKK", "Basis Data"]


def words(rng):
    return {"n": rng.randint(1, 99), "b": rng.choice("ABCDE"),
            "k": rng.choice(CLASSES), "m": rng.choice(SUBJ_M)}


def body_text(rng, size):
    paras, n = [], 0
    while n < size:
        p = " ".join(rng.choice(SENTENCES).format(**words(rng))
                     for _ in range(rng.randint(3, 7)))
        paras.append(p)
        n += len(p) + 2
    return "Selamat pagi Bapak/Ibu,\n\n" + "\n\n".join(paras) + "\n\nHormat saya\n"


def wrap(text, width=76):
    out = []
    for para in text.split("\n"):
        line = ""
        for w in para.split(" "):
            if line and len(line) + 1 + len(w) > width:
                out.append(line)
                line = w
            else:
                line = w if not line else line + " " + w
        out.append(line)
    return "\r\n".join(out)


def qp(text):
    return quopri.encodestring(text.replace("\n", "\r\n").encode()).decode()


def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def message(rng, i, tag, when):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    addr = "%s.%s%d@%s" % (first.lower(), last.lower(), rng.randint(1, 400),
                           rng.choice(DOMAINS))
    subject = rng.choice(SUBJECTS).format(**words(rng))
    target = rng.randint(1500, 16000)
    text = body_text(rng, target)
    kind = rng.random()
    head = [
        "Return-Path: <%s>" % addr,
        "Delivered-To: pengaduan@smkn1.sch.id",
        "Received: from mx.example.net (mx.example.net [192.0.2.%d])\r\n"
        "\tby mx.smkn1.sch.id (Postfix) with ESMTPS id B%08d\r\n"
        "\tfor <pengaduan@smkn1.sch.id>; %s" % (rng.randint(1, 250), i,
                                                email.utils.formatdate(when)),
        "MIME-Version: 1.0",
        "From: %s %s <%s>" % (first, last, addr),
        "To: pengaduan@smkn1.sch.id",
        "Date: %s" % email.utils.formatdate(when, localtime=False),
        "Message-ID: <bench.%s.%d.%d@%s>" % (tag, i, rng.randint(0, 10**9),
                                             addr.split("@")[1]),
        "Subject: %s" % subject,
    ]
    if kind < 0.40:
        head += ['Content-Type: text/plain; charset="UTF-8"',
                 "Content-Transfer-Encoding: 8bit"]
        body = wrap(text)
    elif kind < 0.65:
        head += ['Content-Type: text/plain; charset="UTF-8"',
                 "Content-Transfer-Encoding: quoted-printable"]
        body = qp(text)
    elif kind < 0.85:
        bnd = "alt_%d_%d" % (i, rng.randint(0, 10**6))
        html = "<html><body><p>" + text.replace("\n\n", "</p><p>") + \
            "</p></body></html>"
        head.append('Content-Type: multipart/alternative; boundary="%s"' % bnd)
        body = ("--%s\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
                "--%s\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
                "--%s--\r\n") % (bnd, qp(text[:len(text) // 2]), bnd,
                                 qp(html[:len(html) // 2]), bnd)
    else:
        bnd = "mix_%d_%d" % (i, rng.randint(0, 10**6))
        att = rng.randbytes(rng.randint(1000, 6000))
        name = "foto_%d.jpg" % i
        head.append('Content-Type: multipart/mixed; boundary="%s"' % bnd)
        body = ("--%s\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n"
                "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n"
                "--%s\r\nContent-Type: image/jpeg; name=\"%s\"\r\n"
                "Content-Disposition: attachment; filename=\"%s\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
                "--%s--\r\n") % (bnd, wrap(text[:len(text) * 2 // 3]), bnd,
                                 name, name, b64(att), bnd)
    return ("\r\n".join(head) + "\r\n\r\n" + body).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("maildir")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tag", default="a")
    ap.add_argument("--uid", type=int, default=-1)
    ap.add_argument("--gid", type=int, default=-1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    for d in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(a.maildir, d), exist_ok=True)
    now = int(time.time())
    for i in range(a.count):
        data = message(rng, i, a.tag, now - a.count + i)
        name = "%d.M%dP%d.bench,S=%d" % (now, i, os.getpid(), len(data))
        tmp = os.path.join(a.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(data)
        if a.uid >= 0:
            os.chown(tmp, a.uid, a.gid)
        os.rename(tmp, os.path.join(a.maildir, "new", name))


if __name__ == "__main__":
    main()
