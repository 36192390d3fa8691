# demo_signals.sh — `make demo | tee log` on a terminal (a pseudo-terminal
# here), stopped with Ctrl-C once it shows "Press Ctrl-C": make ends
# without "*** Interrupt", make and tee exit 0, tee keeps the demo's last
# lines, and nothing the demo started is left running (Dovecot, the SMTP
# sink, complaintd).  The demo runs in $WORK on this test's ports.
. "$TOP/tests/integration/lib.sh"

chmod 711 "$WORK"
DD=$WORK/demo
cat > "$WORK/ctrlc.py" <<'PY'
import os, pty, select, sys, time
# ctrlc.py SECONDS COMMAND: run COMMAND (sh -c) on a terminal; once it has
# printed "Press Ctrl-C", type Ctrl-C; print everything it wrote.
limit, cmd = float(sys.argv[1]), sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execvp("bash", ["bash", "-c", cmd])
out, sent, end = b"", False, time.time() + limit
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            d = os.read(fd, 4096)
        except OSError:
            break
        if not d:
            break
        out += d
    if not sent and b"Press Ctrl-C" in out:
        time.sleep(0.5)
        os.write(fd, b"\x03")
        sent = True
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
print("\n[ctrl-c sent: %s, exit %d]" % (sent, os.waitstatus_to_exitcode(st)))
PY
cmd="cd '$TOP' && DEMO_DIR='$DD' DEMO_IMAP_PORT=$((PORT_BASE + 5)) DEMO_IMAPS_PORT=$((PORT_BASE + 6)) DEMO_SMTP_PORT=$((PORT_BASE + 7)) make -s -o all -o test-deps demo BUILD='$BUILD' | tee '$WORK/log'; echo \"statuses \${PIPESTATUS[*]}\""
out=$($PY "$WORK/ctrlc.py" 120 "$cmd" 2>&1)
contains "$out" "[ctrl-c sent: True, exit 0]" "the demo ran until 'Press Ctrl-C'; Ctrl-C was typed"
contains "$out" "statuses 0 0" "make and tee both exit 0"
unlike "$out" "Interrupt|make: \\*\\*\\*" "make says nothing about an interrupt"
contains "$(cat "$WORK/log")" "== stopped: complaintd, Dovecot, the SMTP sink ==" \
	"tee survived Ctrl-C and kept the demo's last lines"
pid=$(cat "$DD/dovecot/run/master.pid" 2>/dev/null)
check "the demo's Dovecot is stopped" test ! -e "$DD/dovecot/run/master.pid" -o -z "$pid" -o ! -d "/proc/${pid:-0}"
check "nothing listens on the demo's IMAP port any more" \
	sh -c "! ss -ltn | grep -q ':$((PORT_BASE + 5)) '"
check "nor on its SMTP port" sh -c "! ss -ltn | grep -q ':$((PORT_BASE + 7)) '"
check "no complaintd runs on the demo's database" \
	sh -c "! complaintctl -c '$DD/complaintd.conf' status | grep -q '^Daemon: running'"
done_testing
