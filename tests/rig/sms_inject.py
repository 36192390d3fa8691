#!/usr/bin/python3
"""Put received SMS into a gammu dummy-driver directory, as a modem holds
them: one Gammu "SMS backup" INI file per physical part, in DIR/sms/<folder>/
<location> (folder 1 = SIM inbox), written to a dot-file and renamed so the
driver never reads half a file.

    sms_inject.py DIR --from +6281234567890 --text "Atap bocor"
        [--unicode] [--ref N] [--skip-part K] [--split-units N]
        [--udh-before HEX] [--udh-after HEX]
    sms_inject.py DIR --report --from +6281234567890 --mr 255
    sms_inject.py DIR --bench N      N messages, a quarter of them long
                                     (3 parts), from N different numbers

Long texts are cut on UTF-16 code units like a phone does (153 per part in
GSM-7, 67 in UCS-2, or --split-units), so an emoji can fall across two
parts.  A part is "UDH = 050003<ref><total><seq>".  --skip-part leaves one
out (a part that never arrives).  --udh-before/--udh-after put other
information elements (whole: IEI, length, data) before or after the
concatenation element, as phones do with a national language shift table
(25 01 xx) or application ports (05 04 ...).  --report writes a delivery report
(PDU = Status_Report) for our message with reference --mr.
"""
import argparse, os, time

FIRST_FREE = {}


def free_location(d):
    loc = FIRST_FREE.get(d, 0)
    while True:
        loc += 1
        if not os.path.exists(os.path.join(d, str(loc))):
            FIRST_FREE[d] = loc
            return loc


def write_part(d, lines):
    loc = free_location(d)
    tmp = os.path.join(d, ".tmp-%d" % os.getpid())
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.rename(tmp, os.path.join(d, str(loc)))
    return loc


def head(sender, stamp, folder, pdu="Deliver"):
    return ["[SMSBackup000]",
            'SMSC = "+628161234"',
            "PDU = %s" % pdu,
            "DateTime = %s" % stamp,
            "State = UnRead",
            'Number = "%s"' % sender,       # a section without Number is
            "Folder = %d" % folder,         # ignored by the driver
            "Class = -1"]


def message(d, sender, text, unicode=False, ref=1, skip=0, units=0,
            folder=1, stamp=None, before="", after=""):
    stamp = stamp or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    u = text.encode("utf-16-be")
    per = 2 * (units or (67 if unicode else 153))
    if len(u) <= 2 * (70 if unicode else 160) and not units:
        chunks = [u]
    else:
        chunks = [u[i:i + per] for i in range(0, len(u), per)]
    for n, chunk in enumerate(chunks, 1):
        if n == skip:
            continue
        lines = head(sender, stamp, folder)
        lines += ["Coding = %s" % ("Unicode_No_Compression" if unicode
                                   else "Default_No_Compression"),
                  "Length = %d" % (len(chunk) // 2)]
        if len(chunks) > 1:
            ies = "%s0003%02X%02X%02X%s" % (before, ref, len(chunks), n,
                                           after)
            lines.append("UDH = %02X%s" % (len(ies) // 2, ies.upper()))
        h = chunk.hex().upper()            # Text00.. 200 hex digits each
        lines += ["Text%02d = %s" % (i // 200, h[i:i + 200])
                  for i in range(0, len(h), 200)]
        write_part(d, lines)
    return len(chunks)


def report(d, sender, mr, folder=1):
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    lines = head(sender, stamp, folder, "Status_Report")
    lines += ["Coding = Default_No_Compression", "Length = 0",
              "MessageReference = %d" % mr]
    write_part(d, lines)


def bench(d, n):
    """n messages, every fourth one long (3 parts, GSM-7)."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    parts = 0
    for i in range(n):
        sender = "+62812%07d" % (1000000 + i)
        if i % 4 == 3:
            text = ("Keluhan nomor %d: " % i) + ("kipas angin di kelas "
                    "XI TKJ 2 rusak sejak minggu lalu dan belum diperbaiki. "
                    * 6)
            parts += message(d, sender, text[:400], ref=i % 250 + 1,
                             stamp=stamp)
        else:
            parts += message(d, sender, "Keluhan nomor %d: toilet siswa "
                             "lantai 2 kotor dan airnya mati." % i,
                             stamp=stamp)
    return parts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--from", dest="sender")
    ap.add_argument("--text", default="")
    ap.add_argument("--unicode", action="store_true")
    ap.add_argument("--ref", type=int, default=int(time.time()) % 250 + 1)
    ap.add_argument("--skip-part", type=int, default=0)
    ap.add_argument("--split-units", type=int, default=0)
    ap.add_argument("--folder", type=int, default=1)
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--mr", type=int, default=255)
    ap.add_argument("--bench", type=int, default=0)
    ap.add_argument("--udh-before", default="")
    ap.add_argument("--udh-after", default="")
    a = ap.parse_args()
    d = os.path.join(a.dir, "sms", str(a.folder))
    os.makedirs(d, exist_ok=True)
    if a.bench:
        print(bench(d, a.bench))
    elif a.report:
        report(d, a.sender, a.mr, a.folder)
    else:
        message(d, a.sender, a.text, a.unicode, a.ref, a.skip_part,
                a.split_units, a.folder, before=a.udh_before,
                after=a.udh_after)


if __name__ == "__main__":
    main()
