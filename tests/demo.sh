#!/bin/bash
# make demo — complaintd end to end on this machine, nothing installed:
#  1. a private Dovecot (IMAP, STARTTLS with a test CA) and an SMTP sink on
#     127.0.0.1, ports 11143/11993 and 11025 (the tests use other ones);
#  2. a configuration for the example school in build/demo that reads the
#     mailbox pengaduan@ (user "test") and sends through the sink;
#  3. complaintd in the foreground, its log on this terminal;
#  4. a few sample complaints delivered into the mailbox, taken in over
#     IMAP IDLE, and two SMS arriving on a GSM modem simulated by gammu's
#     dummy driver (a parent's complaint, an operator's promotion);
#  5. the resulting cases shown with complaintctl, the acknowledgement the
#     email complainant received, the one sent by SMS, complaintctl status.
# Ctrl-C stops everything it started and exits 0; so do SIGTERM, SIGHUP
# (the terminal closed) and a reader that went away (`make demo | tee
# log`).  DEMO_EXIT=1: stop after showing.  DEMO_DIR, DEMO_IMAP_PORT,
# DEMO_IMAPS_PORT, DEMO_SMTP_PORT: another directory and ports (the test).
set -eu
# Ctrl-C must reach the demo alone: make would end with "*** Interrupt"
# and `make demo | tee log` would lose its tee (and with it the demo's
# output) before the demo has stopped its servers.  On a terminal, run
# again as a job of its own: bash -m gives it its own process group and
# makes that the terminal's foreground group.
if [ -z "${DEMO_OWN_GROUP:-}" ] && [ -t 0 ]; then
	export DEMO_OWN_GROUP=1
	exec bash -m -c '"$0" "$@"; exit $?' "$0" "$@"
fi
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
D=${DEMO_DIR:-$BUILD/demo}
PKI=$BUILD/rig/pki
IMAP_PORT=${DEMO_IMAP_PORT:-11143}
IMAPS_PORT=${DEMO_IMAPS_PORT:-11993}
SMTP_PORT=${DEMO_SMTP_PORT:-11025}
PY=/usr/bin/python3
CTL="$BUILD/complaintctl -c $D/complaintd.conf"
MAIL=$TOP/tests/data/mail
DAEMON_PID= SINK_PID=

# Everything stopped, whatever happens to our output meanwhile.
stop_all() {
	set +e
	trap '' INT TERM HUP PIPE
	trap - EXIT
	[ -n "$DAEMON_PID" ] && kill -TERM "$DAEMON_PID" 2>/dev/null &&
		wait "$DAEMON_PID" 2>/dev/null
	[ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null &&
		wait "$SINK_PID" 2>/dev/null
	"$TOP/tests/rig/dovecot.sh" stop "$D/dovecot" >/dev/null 2>&1
	{ echo; echo "== stopped: complaintd, Dovecot, the SMTP sink ==";
	  echo "the demo's files stay in $D"; } 2>/dev/null
}
on_signal() {
	stop_all
	exit 0
}
trap stop_all EXIT
trap on_signal INT TERM HUP
# a reader gone (tee ended): writing fails, set -e ends us, EXIT cleans up
trap '' PIPE

# stop what an earlier, interrupted demo may have left behind
[ -f "$D/dovecot/run/master.pid" ] && "$TOP/tests/rig/dovecot.sh" stop "$D/dovecot"
rm -rf "$D"
mkdir -p "$BUILD/rig" "$D/gammu"
flock "$BUILD/rig/.pki.lock" "$TOP/tests/rig/pki.sh" "$PKI"

echo "== a private Dovecot on 127.0.0.1:$IMAP_PORT (STARTTLS) and an SMTP sink on :$SMTP_PORT =="
"$TOP/tests/rig/dovecot.sh" start "$D/dovecot" "$IMAP_PORT" "$IMAPS_PORT" "$PKI"
$PY "$TOP/tests/rig/smtp_sink.py" --port "$SMTP_PORT" --outdir "$D/smtp" \
	--starttls "$PKI/server.pem" "$PKI/server.key" > "$D/smtp-sink.log" 2>&1 &
SINK_PID=$!
(umask 077; echo test > "$D/imap.secret")

cat > "$D/complaintd.conf" <<CONF
organisation = { name = "SMK Negeri 1 Contoh"; domain = "smkn1.sch.id"; };
database = "$D/complaintd.db";
templates = "$TOP/etc/templates";
language = "id";
timezone = "Asia/Jakarta";
imap = (
  { name = "pengaduan"; host = "127.0.0.1"; port = $IMAP_PORT; tls = "starttls";
    ca_file = "$PKI/ca.pem"; user = "test"; password_file = "imap.secret";
    address = "pengaduan@smkn1.sch.id";
    processed_folder = "Processed"; quarantine_folder = "Quarantine"; }
);
smtp = { url = "smtp://127.0.0.1:$SMTP_PORT"; ca_file = "$PKI/ca.pem";
         from = "pengaduan@smkn1.sch.id"; from_name = "Layanan Pengaduan SMK Negeri 1 Contoh"; };
# a GSM modem: gammu's dummy driver (a directory) instead of /dev/serial/by-id/...
modems = ( { name = "gsm0"; device = "$D/gammu"; connection = "none"; model = "dummy"; poll_interval = 1; } );
officers = (
  { id = "kepsek"; name = "Dra. Sri Wahyuni"; role = "Kepala Sekolah"; email = "kepsek@smkn1.sch.id"; },
  { id = "wks-kurikulum"; name = "Budi Santoso"; role = "Wakil Kepala Sekolah Bidang Kurikulum";
    email = "wakasek.kurikulum@smkn1.sch.id"; escalate_to = "kepsek"; },
  { id = "wks-sarpras"; name = "Agus Prasetyo"; role = "Wakil Kepala Sekolah Bidang Sarana dan Prasarana";
    email = "wakasek.sarpras@smkn1.sch.id"; escalate_to = "kepsek"; },
  { id = "wmm"; name = "Rina Kusumawati"; role = "Wakil Manajemen Mutu"; email = "wmm@smkn1.sch.id"; }
);
categories = (
  { id = "akademik"; name = "Akademik"; officers = [ "wks-kurikulum" ]; },
  { id = "sarana"; name = "Sarana dan Prasarana"; officers = [ "wks-sarpras" ]; },
  { id = "umum"; name = "Umum"; officers = [ "wmm" ]; }
);
default_category = "umum";
routing = (
  { category = "akademik"; keywords = [ "nilai*", "rapor", "ujian", "guru", "pkl", "grade", "exam", "internship" ]; },
  { category = "sarana"; keywords = [ "toilet", "wc", "kipas", "ac", "atap", "bocor", "kursi", "plafon", "roof", "chairs" ]; }
);
CONF
"$BUILD/complaintd" -t -c "$D/complaintd.conf"

echo
echo "== complaintd -c $D/complaintd.conf (its log follows) =="
"$BUILD/complaintd" -c "$D/complaintd.conf" &
DAEMON_PID=$!
for i in $(seq 100); do
	[ "$(sqlite3 "$D/complaintd.db" "SELECT status FROM source_state WHERE source = 'imap:pengaduan'" 2>/dev/null)" = connected ] && break
	sleep 0.1
done

# deliver: as an MDA does, into the mailbox's Maildir (tmp/, then new/)
md=$D/dovecot/mail/test/Maildir
owner=$(stat -c %u:%g "$md")
samples="01-plain-id 02-plain-en 06-thunderbird-flowed-latin1 09-rfc2047-subject 11-attachments"
echo
echo "== delivering $(echo $samples | wc -w) sample complaints to pengaduan@smkn1.sch.id =="
for s in $samples; do
	cp "$MAIL/$s.eml" "$md/tmp/demo.$s"
	chown "$owner" "$md/tmp/demo.$s"
	mv "$md/tmp/demo.$s" "$md/new/demo.$s"
	echo "  $s.eml"
done
echo
echo "== two SMS arrive on the modem =="
sms="Assalamualaikum. AC di ruang kelas XI TKJ 2 mati sejak Senin, siswa kepanasan. Mohon segera diperbaiki. Terima kasih 🙏"
$PY "$TOP/tests/rig/sms_inject.py" "$D/gammu" --from 0812-3456-7890 --unicode --text "$sms"
$PY "$TOP/tests/rig/sms_inject.py" "$D/gammu" --from TELKOMSEL --text "Nikmati kuota 10GB hanya Rp10.000. Balas YA."
echo "  from 0812-3456-7890 (two parts, UCS-2): $sms"
echo "  from TELKOMSEL: Nikmati kuota 10GB hanya Rp10.000. Balas YA."
n=$(( $(echo $samples | wc -w) + 1 ))
q() { sqlite3 "$D/complaintd.db" "$1" 2>/dev/null; }
for i in $(seq 200); do
	[ "$(q "SELECT count(*) FROM outbox WHERE kind = 'ack' AND status = 'sent'")" = "$n" ] && break
	sleep 0.1
done
sleep 0.5

echo
echo "== complaintctl list =="
$CTL list
first=$(q "SELECT reference FROM complaint ORDER BY id LIMIT 1")
smsref=$(q "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '+6281234567890'")
echo
echo "== complaintctl show $first =="
$CTL show "$first"

echo
echo "== the acknowledgement in the complainant's mailbox (received by the SMTP server) =="
ackfile=$(grep -l "^X-Rig-Rcpt-To: <$(q "SELECT p.email FROM complaint c JOIN party p ON p.id = c.party_id WHERE c.reference = '$first'")>" "$D/smtp/new/"*.eml 2>/dev/null | head -n 1)
if [ -n "$ackfile" ]; then
	$PY - "$ackfile" <<'PYEOF'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
for h in ("Date", "From", "To", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "Auto-Submitted"):
    print("%s: %s" % (h, m[h]))
print()
print(m.get_body(preferencelist=("plain",)).get_content())
PYEOF
else
	echo "(not delivered yet: see complaintctl outbox list)"
fi

echo
echo "== the SMS case $smsref and its acknowledgement, sent by SMS =="
$CTL show "$smsref" | sed -n '1,/^Messages to send/p' | grep -v '^$'
echo "  SMS to $(q "SELECT recipient || ' (' || status || '): ' || body FROM outbox WHERE kind = 'ack' AND channel = 'sms'")"
echo
echo "== the operator's promotion: recorded, no case, no reply (complaintctl unfiled) =="
$CTL unfiled
echo
echo "== complaintctl status =="
$CTL status

echo
echo "Try it yourself (in another terminal, while this runs):"
echo "  $CTL list --status open"
echo "  $CTL resolve $first --message 'Nilai sudah diperbaiki.'   # the answer goes out by email"
echo "  $CTL resolve $smsref --message 'AC sudah diperbaiki.'       # ... and this one by SMS"
echo "  cp tests/data/mail/07-base64-id.eml $md/new/x.eml   # another complaint"
[ -n "${DEMO_EXIT:-}" ] && exit 0
echo "Press Ctrl-C to stop the demo."
wait "$DAEMON_PID" || true
