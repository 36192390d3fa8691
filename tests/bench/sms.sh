#!/bin/bash
# sms.sh — `make bench`: SMS intake throughput through gammu's dummy
# driver, complaintd next to gammu-smsd (files backend) on the same
# messages: N SMS (default 1000), a quarter of them in three parts, put on
# the dummy modem; each program is timed from its start until the modem is
# empty.  Both delete a message from the modem only after storing it, so an
# empty modem means everything is stored:
#   complaintd  — parsed, decided, routed, recorded as a case with its
#                 acknowledgement queued, committed (synchronous=FULL);
#   gammu-smsd  — linked and written as one file per part (no fsync).
# Each is run ROUNDS times (default 3); the median is printed, then the
# ratio.  Environment: TOP, BUILD (from make), SMS_BENCH_N, SMS_BENCH_ROUNDS.
set -eu
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
N=${SMS_BENCH_N:-1000}
ROUNDS=${SMS_BENCH_ROUNDS:-3}
PY=/usr/bin/python3
W=$(mktemp -d /tmp/complaintd-bench-sms.XXXXXX)
trap 'rm -rf "$W"' EXIT

# fill DIR — the same N messages on a fresh dummy modem; prints the parts
fill() {
	rm -rf "$1"
	mkdir -p "$1"
	$PY "$TOP/tests/rig/sms_inject.py" "$1" --bench "$N"
}
on_modem() { ls "$1/sms/1" | grep -c '^[0-9]' || true; }
# wait_empty DIR PID — until the modem is empty (or the program died)
wait_empty() {
	while [ "$(on_modem "$1")" -gt 0 ]; do
		kill -0 "$2" 2>/dev/null || { echo "bench: $3 died" >&2; exit 1; }
		sleep 0.01
	done
}
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

run_complaintd() {
	local g=$W/cd/gammu pid t0
	rm -rf "$W/cd"
	mkdir -p "$W/cd"
	fill "$g" > "$W/parts"
	cat > "$W/cd/complaintd.conf" <<EOF
organisation = { name = "SMK Negeri 1 Contoh"; domain = "smkn1.sch.id"; };
database = "$W/cd/db.sqlite";
templates = "$TOP/etc/templates";
officers = ( { id = "wmm"; name = "Rina Kusumawati"; email = "wmm@smkn1.sch.id"; } );
categories = ( { id = "umum"; name = "Umum"; officers = [ "wmm" ]; } );
default_category = "umum";
modems = ( { name = "gsm0"; device = "$g"; connection = "none"; model = "dummy"; } );
EOF
	t0=$EPOCHREALTIME
	"$BUILD/complaintd" -c "$W/cd/complaintd.conf" 2>"$W/cd/log" &
	pid=$!
	wait_empty "$g" "$pid" complaintd
	echo "$EPOCHREALTIME $t0" | awk '{ printf "%.3f\n", $1 - $2 }'
	kill "$pid"
	wait "$pid" || true
	got=$(sqlite3 "$W/cd/db.sqlite" "SELECT count(*) FROM message m JOIN complaint c ON c.id = m.complaint_id JOIN outbox o ON o.complaint_id = c.id AND o.kind = 'ack'")
	[ "$got" = "$N" ] || { echo "bench: complaintd recorded $got of $N" >&2; exit 1; }
}

run_smsd() {
	local g=$W/sd/gammu o=$W/sd/out pid t0
	rm -rf "$W/sd"
	mkdir -p "$o/inbox" "$o/outbox" "$o/sent" "$o/error"
	fill "$g" > /dev/null
	cat > "$W/sd/smsdrc" <<EOF
[gammu]
device = $g
connection = none
model = dummy

[smsd]
service = files
inboxpath = $o/inbox/
outboxpath = $o/outbox/
sentsmspath = $o/sent/
errorsmspath = $o/error/
logfile = $o/smsd.log
debuglevel = 0
checksecurity = 0
checkbattery = 0
checksignal = 0
checknetwork = 0
statusfrequency = 0
receivefrequency = 0
loopsleep = 0
multiparttimeout = 600
EOF
	t0=$EPOCHREALTIME
	gammu-smsd -c "$W/sd/smsdrc" >/dev/null 2>&1 &
	pid=$!
	wait_empty "$g" "$pid" gammu-smsd
	echo "$EPOCHREALTIME $t0" | awk '{ printf "%.3f\n", $1 - $2 }'
	kill "$pid"
	wait "$pid" || true
	got=$(ls "$o/inbox" | wc -l)
	[ "$got" = "$(cat "$W/parts")" ] || { echo "bench: gammu-smsd stored $got of $(cat "$W/parts") parts" >&2; exit 1; }
}

cd_t="" sd_t=""
for r in $(seq "$ROUNDS"); do
	cd_t="$cd_t $(run_complaintd)"
	sd_t="$sd_t $(run_smsd)"
done
cd_m=$(echo $cd_t | median)
sd_m=$(echo $sd_t | median)
parts=$(cat "$W/parts")
echo "SMS intake: $N SMS ($((N / 4)) of them in 3 parts, $parts parts) through gammu's dummy driver, median of $ROUNDS"
awk -v n="$N" -v c="$cd_m" -v s="$sd_m" 'BEGIN {
	printf "  complaintd  %7.0f msg/s  (%.2f s: recorded as cases, acknowledgements queued, committed, deleted)\n", n / c, c
	printf "  gammu-smsd  %7.0f msg/s  (%.2f s: files backend, one file per part, deleted)\n", n / s, s
	printf "  ratio complaintd / gammu-smsd: %.1fx\n", s / c
}'
