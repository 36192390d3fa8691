#!/usr/bin/python3
"""A fake GSM modem that speaks enough AT (PDU mode) for libgammu to
identify it, check signal and registration, list, read and delete SMS,
send SMS and reset it.

Run it (gammu: connection = proxyat, device = the command line; gammu
starts it for every connection and talks on stdin/stdout):

    fake_modem.py --state SIM.json --log modem.log [--fail-file F]

or on a pty (gammu: connection = at, device = LINK):

    fake_modem.py --state SIM.json --log modem.log --pty LINK

The SIM's messages live in the --state file, so they survive gammu
reconnecting (a new process each time).  Put messages on the SIM first:

    fake_modem.py --state SIM.json --add-sms "+6281234567890:Atap bocor"
    fake_modem.py --state SIM.json --add-report "+6281234567890:MR:STATUS"
    fake_modem.py --state SIM.json --refuse "+6281234567890:CODE"
                  (SMS to that number are refused with +CMS ERROR: CODE)
    fake_modem.py --state SIM.json --add-pdu HEX
                  (a PDU as a modem stores it, e.g. a corrupt one that no
                  decoder can read: it is listed and read like any other)
    fake_modem.py --state SIM.json --die-on "AT+CMGS"
                  (the modem process exits as soon as it gets a command
                  starting so, once: a modem that dies mid-write)
    fake_modem.py --state SIM.json --delay-cmgs SECONDS
                  (the network takes that long to accept each SMS sent)
    fake_modem.py --state SIM.json --hang-on "AT+CMGL"
                  (from that command on the modem reads nothing more and
                  answers nothing, its process still alive: a hung modem)

A sender without "+" ("81234500004", "081234500004") is sent with type of
number "unknown" (0x81), as networks deliver national numbers.

A text is sent in GSM-7 when it can be, UCS-2 otherwise, and as
concatenated parts (UDH 05 00 03 ref total seq) when it is long.

The log has one line per AT command ("AT< ...") and, for every SMS gammu
sends, the PDU and what it decodes to:
    CMGS TO <number> UDH <hex> REPORT <yes|no> TEXT <text>
With --pin the SIM asks for that PIN (AT+CPIN) until it is given; a
wrong one is refused (+CME ERROR: 16).  While the --fail-file exists, reading messages and the signal or the
registration (AT+CMGL, AT+CMGR, AT+CPMS, AT+CSQ, AT+CREG) answer ERROR: a
modem that has stopped working.
"""
import argparse, fcntl, json, os, pty, select, signal, sys, time, tty

GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXT = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\",
            0x3C: "[", 0x3D: "~", 0x3E: "]", 0x40: "|", 0x65: "€"}
EXT_OF = {v: k for k, v in GSM7_EXT.items()}
SMSC = "+628161234"


def septets(text):
    """GSM-7 septets of text, or None when a character has none."""
    out = []
    for ch in text:
        if ch in EXT_OF:
            out += [0x1B, EXT_OF[ch]]
        elif ch in GSM7 and ch != "\x1b":
            out.append(GSM7.index(ch))
        else:
            return None
    return out


def semi_octets(digits):
    if len(digits) % 2:
        digits += "F"
    return "".join(digits[i + 1] + digits[i] for i in range(0, len(digits), 2))


def address(num):
    """TP address: length in digits (semi-octets), type, value."""
    if num.lstrip("+").isdigit():
        d = num.lstrip("+")
        return "%02X%s%s" % (len(d), "91" if num.startswith("+") else "81",
                             semi_octets(d))
    packed = pack(septets(num) or [])
    return "%02XD0%s" % (len(packed) * 2, packed.hex().upper())


def pack(sept, udh=b""):
    """Septets after an optional UDH, packed LSB first (GSM 03.38)."""
    bits, n = 0, 0
    for b in udh:
        bits |= b << n
        n += 8
    n = (n + 6) // 7 * 7                          # fill to a septet boundary
    for s in sept:
        bits |= s << n
        n += 7
    return bits.to_bytes((n + 7) // 8, "little")


def timestamp():
    t = time.gmtime()
    ts = "%02d%02d%02d%02d%02d%02d" % (t.tm_year % 100, t.tm_mon, t.tm_mday,
                                       t.tm_hour, t.tm_min, t.tm_sec)
    return "".join(ts[i + 1] + ts[i] for i in range(0, 12, 2)) + "00"


def sca():
    s = "91" + semi_octets(SMSC.lstrip("+"))
    return "%02X%s" % (len(s) // 2, s)


def deliver_pdus(sender, text, ref):
    """SMS-DELIVER PDUs (with SMSC info) for text: [(pdu, tpdu_len)]."""
    sept = septets(text)
    units = text.encode("utf-16-be")
    if sept is not None:
        per, single, chunks = 153, 160, None
        if len(sept) > single:
            chunks = [sept[i:i + per] for i in range(0, len(sept), per)]
    else:
        per, single, chunks = 134, 140, None
        if len(units) > single:
            chunks = [units[i:i + per] for i in range(0, len(units), per)]
    chunks = chunks or [sept if sept is not None else units]
    out = []
    for n, chunk in enumerate(chunks, 1):
        udh = b""
        if len(chunks) > 1:
            udh = bytes([5, 0, 3, ref & 255, len(chunks), n])
        fo = 0x04 | (0x40 if udh else 0)
        tpdu = "%02X%s00%s%s" % (fo, address(sender),
                                 "00" if sept is not None else "08",
                                 timestamp())
        if sept is not None:
            ud = pack(chunk, udh)
            udl = (len(udh) * 8 + 6) // 7 + len(chunk) if udh else len(chunk)
        else:
            ud, udl = udh + chunk, len(udh) + len(chunk)
        tpdu += "%02X%s" % (udl, ud.hex().upper())
        out.append((sca() + tpdu, len(tpdu) // 2))
    return out


def report_pdu(recipient, mr, status):
    tpdu = "06%02X%s%s%s%02X" % (mr, address(recipient), timestamp(),
                                 timestamp(), status)
    return sca() + tpdu, len(tpdu) // 2


def submit_decode(pdu_hex):
    """SMS-SUBMIT PDU (as sent with AT+CMGS) -> (to, udh_hex, report, text)."""
    b = bytes.fromhex(pdu_hex)
    i = 1 + b[0]                                  # skip SMSC info
    fo = b[i]
    i += 2                                        # first octet, TP-MR
    ndig, ton = b[i], b[i + 1]
    i += 2
    digits = "".join("%X%X" % (x & 15, x >> 4)
                     for x in b[i:i + (ndig + 1) // 2])[:ndig]
    to = ("+" if ton == 0x91 else "") + digits
    i += (ndig + 1) // 2
    dcs = b[i + 1]
    i += 2                                        # PID, DCS
    i += {0: 0, 2: 1}.get((fo >> 3) & 3, 7)       # validity period
    udl, ud = b[i], b[i + 1:]
    udh = ud[:ud[0] + 1] if fo & 0x40 else b""
    report = "yes" if fo & 0x20 else "no"
    if dcs & 0x0C == 0x08:                        # UCS-2
        return to, udh.hex(), report, ud[len(udh):].decode("utf-16-be")
    bits = int.from_bytes(ud, "little")
    skip = (len(udh) * 8 + 6) // 7
    sept = [(bits >> (7 * k)) & 0x7F for k in range(udl)][skip:]
    out, esc = [], False
    for c in sept:
        if esc:
            out.append(GSM7_EXT.get(c, "?"))
            esc = False
        elif c == 0x1B:
            esc = True
        else:
            out.append(GSM7[c])
    return to, udh.hex(), report, "".join(out)


class Sim:
    """The SIM's messages in a JSON file, shared with --add-sms callers:
    every command reads it again, changes are written under a lock."""

    def __init__(self, path):
        self.path = path
        self.d = {}

    def __enter__(self):
        self.lock = open(self.path + ".lock", "w")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        try:
            with open(self.path) as f:
                self.d = json.load(f)
        except FileNotFoundError:
            self.d = {"next": 1, "mr": 0, "ref": 1, "msgs": {}}
        return self

    def __exit__(self, *exc):
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.d, f)
        os.rename(tmp, self.path)
        self.lock.close()

    def add(self, pdu, ln):
        self.d["msgs"][str(self.d["next"])] = [0, pdu, ln]
        self.d["next"] += 1


class Modem:
    SIMPLE = {"AT+CGMI": "Fake", "AT+CGMM": "FakeModem", "AT+CGMR": "1.0",
              "AT+CGSN": "123456789012345", "AT+CIMI": "510109999999999",
              "AT+CPIN?": "+CPIN: READY", "AT+CSCA?": '+CSCA: "%s",145' % SMSC,
              "AT+CMGF=?": "+CMGF: (0,1)",
              "AT+CSCS=?": '+CSCS: ("GSM","UCS2","IRA")',
              "AT+CPMS=?": '+CPMS: ("SM"),("SM"),("SM")',
              "AT+CSQ": "+CSQ: 20,99", "AT+CREG?": '+CREG: 2,1,"1A2B","0C3D"',
              "AT+CGREG?": "+CGREG: 2,1", "AT+CGATT?": "+CGATT: 1",
              "AT+COPS?": '+COPS: 0,2,"51010"'}

    def __init__(self, sim, log, fail_file, pin, wfd):
        self.sim, self.log, self.fail_file, self.wfd = sim, log, fail_file, wfd
        self.pin = pin
        self.pending_cmgs = False

    def send(self, s):
        os.write(self.wfd, s.encode())

    def ok(self, body=None):
        self.send("\r\n%s\r\n\r\nOK\r\n" % body if body else "\r\nOK\r\n")

    def failing(self):
        return self.fail_file and os.path.exists(self.fail_file)

    def listing(self):
        msgs = self.sim.d["msgs"]
        return "".join("\r\n+CMGL: %s,%d,,%d\r\n%s" % (i, st, ln, p)
                       for i, (st, p, ln) in sorted(msgs.items(),
                                                    key=lambda x: int(x[0])))

    def answer(self, cmd):
        with self.sim:
            trap = self.trap(cmd)
            if trap is None:
                self.command(cmd)
        if trap == "die":
            self.log.write("DIED at %s\n" % cmd)
            os._exit(1)
        if trap == "hang":
            self.log.write("HUNG at %s\n" % cmd)
            while True:                           # alive, deaf and dumb
                time.sleep(3600)

    def trap(self, cmd):
        """die/hang when cmd starts with a trap set in the state (once)."""
        for what in ("die", "hang"):
            pre = self.sim.d.get(what + "_on")
            if pre and cmd.upper().startswith(pre.upper()):
                del self.sim.d[what + "_on"]
                return what
        return None

    def command(self, cmd):
        u = cmd.upper()
        self.log.write("AT< %s\n" % cmd)
        self.send(cmd + "\r")                     # echo (gammu sends ATE1)
        msgs = self.sim.d["msgs"]
        n = len(msgs)
        locked = self.pin and not self.sim.d.get("unlocked")
        if u.startswith(("AT+CMGL", "AT+CMGR", "AT+CPMS", "AT+CSQ",
                         "AT+CREG")) and self.failing():
            self.send("\r\nERROR\r\n")
        elif u == "AT+CPIN?" and locked:
            self.ok("+CPIN: SIM PIN")
        elif u.startswith("AT+CPIN="):
            if cmd.split("=", 1)[1].strip('"') == self.pin:
                self.sim.d["unlocked"] = True
                self.ok()
            else:
                self.send("\r\n+CME ERROR: 16\r\n")     # incorrect password
        elif locked and u.startswith(("AT+CMGL", "AT+CMGR", "AT+CPMS",
                                      "AT+CMGS")):
            self.send("\r\n+CME ERROR: 11\r\n")         # SIM PIN required
        elif u in self.SIMPLE:
            self.ok(self.SIMPLE[u])
        elif u.startswith("AT+CPMS="):
            self.ok("+CPMS: %d,30,%d,30,%d,30" % (n, n, n))
        elif u == "AT+CPMS?":
            self.ok('+CPMS: "SM",%d,30,"SM",%d,30,"SM",%d,30' % (n, n, n))
        elif u.startswith("AT+CMGL"):
            self.send(self.listing() + "\r\n\r\nOK\r\n")
        elif u.startswith("AT+CMGR="):
            m = msgs.get(u.split("=")[1])
            if m:
                self.ok("+CMGR: %d,,%d\r\n%s" % (m[0], m[2], m[1]))
            else:
                self.send("\r\n+CMS ERROR: 321\r\n")
        elif u.startswith("AT+CMGD="):
            msgs.pop(u.split("=")[1].split(",")[0], None)
            self.ok()
        elif u.startswith(("AT+MODE", "AT+SYNCML", "AT$TSSPCSW", "AT^",
                           "AT*")):
            self.send("\r\nERROR\r\n")            # vendor probes: say no
        elif u.startswith("AT+CMGS="):
            self.pending_cmgs = True
            self.send("\r\n> ")
        else:
            self.ok()                             # accept everything else

    def submitted(self, pdu):
        p = pdu.decode().strip()
        self.log.write("CMGS PDU %s\n" % p)
        to = None
        try:
            decoded = submit_decode(p)
            to = decoded[0]
            self.log.write("CMGS TO %s UDH %s REPORT %s TEXT %s\n" % decoded)
        except Exception as e:                    # keep the modem alive
            self.log.write("CMGS undecodable: %r\n" % e)
        with self.sim:
            code = self.sim.d.get("refuse", {}).get(to)
            if code is None:
                self.sim.d["mr"] = (self.sim.d["mr"] + 1) % 256
            delay = self.sim.d.get("delay_cmgs", 0)
        time.sleep(delay)
        if code is not None:
            self.log.write("CMGS REFUSED %s %s\n" % (to, code))
            self.send(pdu.decode() + "\r\n+CMS ERROR: %s\r\n" % code)
            return
        self.send(pdu.decode() + "\r\n+CMGS: %d\r\n\r\nOK\r\n"
                  % self.sim.d["mr"])

    def run(self, rfd):
        buf = b""
        while True:
            select.select([rfd], [], [])
            data = os.read(rfd, 4096)
            if not data:
                return                            # proxy mode: gammu closed
            buf += data
            while True:
                if self.pending_cmgs:
                    if b"\x1a" not in buf:
                        break
                    pdu, buf = buf.split(b"\x1a", 1)
                    self.pending_cmgs = False
                    self.submitted(pdu)
                    continue
                if b"\r" not in buf:
                    break
                line, buf = buf.split(b"\r", 1)
                line = line.strip(b"\n").decode(errors="replace").strip()
                if line:
                    self.answer(line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--state", required=True)
    ap.add_argument("--log", default="/dev/stderr")
    ap.add_argument("--fail-file")
    ap.add_argument("--pin")
    ap.add_argument("--pty")
    ap.add_argument("--add-sms", action="append", default=[])
    ap.add_argument("--add-report", action="append", default=[])
    ap.add_argument("--refuse", action="append", default=[])
    ap.add_argument("--add-pdu", action="append", default=[])
    ap.add_argument("--die-on")
    ap.add_argument("--hang-on")
    ap.add_argument("--delay-cmgs", type=float)
    a = ap.parse_args()
    sim = Sim(a.state)
    if a.add_sms or a.add_report or a.refuse or a.add_pdu or a.die_on or \
            a.hang_on or a.delay_cmgs is not None:
        with sim:
            if a.delay_cmgs is not None:
                sim.d["delay_cmgs"] = a.delay_cmgs
            if a.die_on:
                sim.d["die_on"] = a.die_on
            if a.hang_on:
                sim.d["hang_on"] = a.hang_on
            for pdu in a.add_pdu:
                # TPDU length: what follows the SMSC part (when it parses)
                try:
                    ln = len(pdu) // 2 - 1 - int(pdu[:2], 16)
                except ValueError:
                    ln = len(pdu) // 2
                sim.add(pdu, ln)
            for s in a.refuse:
                num, code = s.rsplit(":", 1)
                sim.d.setdefault("refuse", {})[num] = int(code)
            for s in a.add_sms:
                num, text = s.split(":", 1)
                sim.d["ref"] = sim.d["ref"] % 255 + 1
                for pdu, ln in deliver_pdus(num, text, sim.d["ref"]):
                    sim.add(pdu, ln)
            for s in a.add_report:
                num, mr, st = s.rsplit(":", 2)
                sim.add(*report_pdu(num, int(mr), int(st)))
        return
    if a.pty:
        master, slave = pty.openpty()
        tty.setraw(slave)
        if os.path.lexists(a.pty):
            os.unlink(a.pty)
        os.symlink(os.ttyname(slave), a.pty)
        rfd = wfd = master
    else:
        rfd, wfd = 0, 1
    log = open(a.log, "a", buffering=1)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(0))
    Modem(sim, log, a.fail_file, a.pin, wfd).run(rfd)


if __name__ == "__main__":
    main()
