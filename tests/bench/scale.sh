#!/bin/bash
# scale.sh — complaintctl and the idle daemon on the database of
# BENCH_CASES cases (default 1,000,000) over three years (scale_db.sh:
# cases with their messages, events, outbox rows, timers and a few
# quarantined messages, made once through the store).  One line per
# figure, `NAME: VALUE ms (warm median)` and, as root, `NAME: VALUE ms
# (cold median)` after dropping the page cache, each the median of 5;
# then `idle: VALUE % of a CPU`: the daemon (supervisor and workers, SMTP
# and IMAP against the loopback rig, a modem on gammu's dummy driver)
# doing nothing for 60 s, from /proc/PID/stat of its process group.
# Goals (issue 16): show <= 20 ms, outbox list <= 50 ms, status <= 50 ms,
# list --json of two months <= 200 ms, idle <= 0.5 %.  Prints the
# figures, asserts nothing.
TEST_INDEX=${TEST_INDEX:-453}
. "$TOP/tests/integration/lib.sh"
. "$TOP/tests/bench/scale_db.sh"
scale_copy scale
export COMPLAINTD_CONF=$D/scale.conf
CTL=$BUILD/complaintctl
DB=$D/scale.sqlite
# a command that writes brings the copy's schema up to date (read-only
# ones refuse an older one)
"$CTL" timers run --at "$NOW" >/dev/null || exit 1
echo "== scale: $N cases over three years ($(du -m "$DB" | cut -f1) MB," \
    "$(( $(stat -c %s "$DB") / N )) bytes per case) =="
ms() {	# ms CMD...: milliseconds one run takes
	local t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1
	echo "$EPOCHREALTIME $t0" | awk '{printf "%.1f\n", ($1 - $2) * 1000}'
}
median() { sort -n | sed -n 3p; }
cold_ok=0
if [ "$(id -u)" = 0 ] && [ -w /proc/sys/vm/drop_caches ]; then cold_ok=1; fi
figure() {	# figure NAME CMD...: warm and cold medians of 5
	local name=$1 i; shift
	# warm up; a command that fails is a failure, not a figure
	"$@" >/dev/null 2>&1 || { echo "$name: failed"; return 0; }
	for i in 1 2 3 4 5; do ms "$@"; done | median |
	    sed "s/.*/$name: & ms (warm median)/"
	[ "$cold_ok" = 1 ] || return 0
	for i in 1 2 3 4 5; do
		sync; echo 3 > /proc/sys/vm/drop_caches
		ms "$@"
	done | median | sed "s/.*/$name: & ms (cold median)/"
}
# a case in the middle of the open ones, and an old closed one
REF_OPEN=$(sqlite3 "$DB" "SELECT reference FROM complaint WHERE is_open = 1 ORDER BY id LIMIT 1 OFFSET $((N / 20))")
REF_OLD=$(sqlite3 "$DB" "SELECT reference FROM complaint WHERE id = $((N / 3))")
figure list "$CTL" list
figure list_status "$CTL" list --status open
figure list_officer "$CTL" list --officer wks-sarpras
figure list_since "$CTL" list --since 2026-06-01
figure list_overdue "$CTL" list --overdue
figure show "$CTL" show "$REF_OPEN"
figure show_old "$CTL" show "$REF_OLD"
figure status "$CTL" status
figure list_json_month "$CTL" list --json --limit 0 --since 2026-05-10
figure list_json_two_months "$CTL" list --json --limit 0 --since 2026-04-10
figure report_year "$CTL" report --from 2025-06-10 --to 2026-06-09 --format json -o /dev/null
figure export_month "$CTL" export --period 2026-05 -o /dev/null
figure outbox_list "$CTL" outbox list
figure timer_tick "$CTL" timers run --at "$NOW"

# Retention: a copy's cases closed in its first month archived (a slice:
# the whole lot takes an fsync per case), then what a case took in the
# database and takes in the archive files, and the time per case.
scale_copy archive
{ cat "$D/archive.conf"
  echo "retention = { archive_after_years = 3; archive_dir = \"$D/archive\"; };"
} > "$D/archive-ret.conf"
rm -rf "$D/archive"
first=$(sqlite3 "$D/archive.sqlite" "SELECT min(closed_at) FROM complaint WHERE closed_at IS NOT NULL")
t0=$EPOCHREALTIME
out=$("$CTL" -c "$D/archive-ret.conf" archive --json --at "$(TZ=Asia/Jakarta date -d "@$(( first + (3 * 366 + 30) * 86400 ))" '+%Y-%m-%d %H:%M')")
printf '%s' "$out" | $PY -c 'import json, sys
d = json.load(sys.stdin); n = max(d["case_count"], 1); ms = float(sys.argv[1])
print("archive: %d cases, %d bytes per case out of the database, %d in the archive files, %.2f ms per case"
      % (d["case_count"], d["bytes_before"] / n, d["bytes_after"] / n, ms / n))' \
    "$(echo "$EPOCHREALTIME $t0" | awk '{printf "%.1f", ($1 - $2) * 1000}')"
rm -rf "$D/archive" "$D/archive.sqlite"*

# The idle daemon: its own copy, with the SMTP server and Dovecot of the
# rig and the dummy modem.  The database's clock is set in June 2026:
# what it holds due (reminders, queued mail) is moved a year on, so the
# daemon has nothing to do and what is measured is its idling.
rig_dovecot || exit 1
rig_smtp || exit 1
secret imap.secret test
sqlite3 "$DB" "UPDATE complaint SET next_action_at = next_action_at + 31536000 * 2 WHERE next_action_at IS NOT NULL; UPDATE outbox SET next_attempt_at = next_attempt_at + 31536000 * 2 WHERE status = 'queued'"
{ scale_conf "$DB" | grep -v '^smtp\|^modems'
  echo "smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };"
  echo "imap = ( $(imap_account pengaduan test "$WORK/imap.secret" none 'poll_interval=60') );"
  modem_dummy
} > "$D/idle.conf"
setsid complaintd -d -c "$D/idle.conf" >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
at_exit "kill -9 -- -$DAEMON_PID"
wait_for 20 grep -q 'imap:pengaduan: connected' "$WORK/daemon.log" || { cat "$WORK/daemon.log"; exit 1; }
sleep 5
ticks() {	# CPU ticks (utime + stime) of the daemon's process group
	ps -e -o pgid=,pid= | awk -v g="$DAEMON_PID" '$1 == g {print $2}' |
	    while read -r p; do cut -d' ' -f14,15 "/proc/$p/stat" 2>/dev/null; done |
	    awk '{s += $1 + $2} END {print s + 0}'
}
t0=$(ticks); s0=$EPOCHREALTIME
sleep "${BENCH_IDLE_SECONDS:-60}"
t1=$(ticks); s1=$EPOCHREALTIME
echo "$t0 $t1 $s0 $s1 $(getconf CLK_TCK)" |
    awk '{printf "idle: %.2f %% of a CPU\n", ($2 - $1) / $5 / ($4 - $3) * 100}'
daemon_stop
rm -f "$DB" "$DB-wal" "$DB-shm"
