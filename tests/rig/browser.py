#!/usr/bin/python3
"""browser.py — open a local HTML file in a real headless Chromium, driven
through the DevTools protocol over a pipe (--remote-debugging-pipe: no
port, no websocket, the standard library only), and report what a person
would get: the text of every element with an id, each network request the
page made, console messages and exceptions, a full-page screenshot (its
size, how many colours, how much is not white) and the page printed to PDF
(pages and their size).  One JSON object on stdout.

    browser.py FILE.html OUTDIR

Chromium runs as the machine notes say: headless, no sandbox (root), no
GPU, nothing in the background that would reach out, a new empty profile.
"""
import base64
import json
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT = 60


class Pipe:
    """The DevTools protocol: NUL-terminated JSON both ways."""

    def __init__(self, wfd, rfd):
        self.wfd, self.rfd, self.buf, self.n = wfd, rfd, b"", 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.n += 1
        msg = {"id": self.n, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.wfd, json.dumps(msg).encode() + b"\0")
        return self.wait(lambda m: m.get("id") == self.n)

    def read(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.rfd], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.rfd, 1 << 20)
            if not chunk:
                raise EOFError("chromium went away")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def wait(self, pred):
        deadline = time.monotonic() + TIMEOUT
        while True:
            m = self.read(deadline)
            if pred(m):
                if "error" in m:
                    raise RuntimeError(json.dumps(m["error"]))
                return m.get("result", m)
            if "method" in m:
                self.events.append(m)

    def event(self, method):
        for m in self.events:
            if m["method"] == method:
                return m
        return self.wait(lambda m: m.get("method") == method)


def png_stats(data):
    """Width, height, distinct colours and non-white pixels of a PNG
    (8-bit RGB or RGBA, as Chromium writes them)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        ln, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + ln]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + ln
    bpp = {2: 3, 6: 4}[ctype]
    raw, stride = zlib.decompress(idat), w * bpp
    prev, colours, nonwhite = bytearray(stride), set(), 0
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        for x in range(0, stride, bpp * 2):     # every other pixel
            px = bytes(line[x:x + 3])
            colours.add(px)
            nonwhite += px != b"\xff\xff\xff"
        prev = line
    return {"width": w, "height": h, "colours": len(colours),
            "nonwhite": nonwhite}


def pdf_stats(data):
    pages = re.findall(rb"/Type\s*/Page(?![s\w])", data)
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", data)
    sizes = sorted({tuple(round(float(v)) for v in b.split()) for b in boxes})
    return {"pages": len(pages), "sizes": sizes, "bytes": len(data)}


def main():
    html, outdir = os.path.abspath(sys.argv[1]), sys.argv[2]
    profile = tempfile.mkdtemp(prefix="chromium-")
    r1, w1 = os.pipe()      # we write, chromium reads (its fd 3)
    r2, w2 = os.pipe()      # chromium writes (its fd 4), we read
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile,
            "--remote-debugging-pipe", "about:blank"]
    cmd = 'exec "$@" 3<&%d 4>&%d' % (r1, w2)
    proc = subprocess.Popen(["sh", "-c", cmd, "sh"] + args, pass_fds=(r1, w2),
                            stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(outdir, "chromium.log"),
                                        "w"))
    os.close(r1)
    os.close(w2)
    cdp, out = Pipe(w1, r2), {}
    try:
        target = cdp.send("Target.createTarget", {"url": "about:blank"})
        s = cdp.send("Target.attachToTarget", {"targetId":
                     target["targetId"], "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            cdp.send(domain + ".enable", session=s)
        cdp.send("Emulation.setDeviceMetricsOverride", {"width": 1000,
                 "height": 1400, "deviceScaleFactor": 1, "mobile": False},
                 session=s)
        url = "file://" + html
        cdp.send("Page.navigate", {"url": url}, session=s)
        cdp.event("Page.loadEventFired")
        ids = cdp.send("Runtime.evaluate", {"returnByValue": True,
                       "expression": "JSON.stringify(Object.fromEntries("
                       "[...document.querySelectorAll('[id]')].map(e => "
                       "[e.id, e.textContent.trim()])))"}, session=s)
        out["ids"] = json.loads(ids["result"]["value"])
        out["title"] = cdp.send("Runtime.evaluate", {"returnByValue": True,
                                "expression": "document.title"},
                                session=s)["result"]["value"]
        shot = cdp.send("Page.captureScreenshot", {"format": "png",
                        "captureBeyondViewport": True}, session=s)
        png = base64.b64decode(shot["data"])
        open(os.path.join(outdir, "report.png"), "wb").write(png)
        out["png"] = png_stats(png)
        pdf = base64.b64decode(cdp.send("Page.printToPDF",
                               {"preferCSSPageSize": True,
                                "printBackground": True},
                               session=s)["data"])
        open(os.path.join(outdir, "report.pdf"), "wb").write(pdf)
        out["pdf"] = pdf_stats(pdf)
        ev = cdp.events
        out["requests"] = [m["params"]["request"]["url"] for m in ev
                           if m["method"] == "Network.requestWillBeSent"
                           and m["params"]["request"]["url"] != url]
        out["console"] = [m["params"]["type"] + ": " + json.dumps(
                          m["params"].get("args")) for m in ev
                          if m["method"] == "Runtime.consoleAPICalled"]
        out["errors"] = [json.dumps(m["params"]) for m in ev
                         if m["method"] == "Runtime.exceptionThrown" or
                         (m["method"] == "Log.entryAdded" and
                          m["params"]["entry"]["level"] == "error")]
        cdp.send("Browser.close")
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
