#!/bin/bash
# demo_sms.sh CONF DIR — the SMS part of `make demo`: a GSM modem simulated
# by gammu's dummy driver (a directory, DIR/gammu), a parent's SMS complaint
# and an operator's promotion arriving on it, the daemon running until the
# complaint is a case and its acknowledgement has been sent by SMS, then
# what an officer sees.  CONF is the demo's configuration: a modems section
# for the dummy modem is added when it has none.  BUILD: the build directory.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
CONF=${1:?usage: demo_sms.sh CONF DIR}
D=${2:?usage: demo_sms.sh CONF DIR}
CTL="$BUILD/complaintctl -c $CONF"
G=$D/gammu
DB=$(sed -n 's/^database *= *"\(.*\)";.*/\1/p' "$CONF")

rm -rf "$G"
mkdir -p "$G"
if ! grep -q '^modems' "$CONF"; then
	cat >> "$CONF" <<EOF
# the demo's GSM modem: gammu's dummy driver (a directory instead of
# /dev/serial/by-id/...), looked at every second
modems = ( { name = "gsm0"; device = "$G"; connection = "none"; model = "dummy"; poll_interval = 1; } );
EOF
fi
"$BUILD/complaintd" -t -c "$CONF" >/dev/null

echo "== two SMS arrive on the modem (gammu dummy driver, $G) =="
text="Assalamualaikum. AC di ruang kelas XI TKJ 2 mati sejak Senin, siswa kepanasan. Mohon segera diperbaiki. Terima kasih 🙏"
/usr/bin/python3 "$TOP/tests/rig/sms_inject.py" "$G" --from 0812-3456-7890 --unicode --text "$text"
/usr/bin/python3 "$TOP/tests/rig/sms_inject.py" "$G" --from TELKOMSEL --text "Nikmati kuota 10GB hanya Rp10.000. Balas YA."
echo "  from 0812-3456-7890 (2 parts, UCS-2): $text"
echo "  from TELKOMSEL: Nikmati kuota 10GB hanya Rp10.000. Balas YA."
echo
echo "== complaintd runs until the complaint is acknowledged by SMS =="
"$BUILD/complaintd" -c "$CONF" 2>"$D/daemon-sms.log" &
pid=$!
acked() {
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE channel = 'sms' AND kind = 'ack' AND recipient = '+6281234567890' AND status = 'sent'" 2>/dev/null)" = 1 ]
}
for _ in $(seq 200); do
	acked && break
	sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true
grep 'modem:gsm0:' "$D/daemon-sms.log" | sed 's/^<[0-9]>/  /'
acked || { echo "the SMS complaint was not acknowledged (see $D/daemon-sms.log)"; exit 1; }
ref=$(sqlite3 "$DB" "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '+6281234567890'")
echo
echo "== complaintctl show $ref =="
$CTL show "$ref"
echo
echo "== the operator's promotion: recorded, no case, no reply (complaintctl unfiled) =="
$CTL unfiled | grep -i -e telkomsel -e '^ *ID' || true
echo
echo "== complaintctl status =="
$CTL status
echo
echo "An officer answers by SMS from their number:  $ref SELESAI <jawaban>"
echo "or from the shell:  $CTL resolve $ref --message 'AC sudah diperbaiki.'"
