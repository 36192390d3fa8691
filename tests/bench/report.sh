#!/bin/bash
# report.sh — the recap at scale: on the database of BENCH_CASES cases
# (default 1,000,000) over three years (scale_db.sh), how long
# `complaintctl report` takes for a year (JSON, and the HTML page),
# `complaintctl list --status open`, and `complaintctl export` of a
# month.  Each figure is the median of 5 runs with the database in the
# page cache (warm) and, when this runs as root, of 5 runs after
# dropping the caches (cold).  Goals: a year's report <= 1 s, list <= 50
# ms, a month's export <= 1 s.  Prints the figures, asserts nothing.
set -eu
. "$TOP/tests/bench/scale_db.sh"
scale_copy report
export COMPLAINTD_CONF=$D/report.conf
CTL=$BUILD/complaintctl
echo "report: $N cases over three years ($(du -m "$D/report.sqlite" | cut -f1) MB)"
# ms CMD...: milliseconds one run takes
ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | sed -n 3p; }
cold_ok=0
if [ "$(id -u)" = 0 ] && [ -w /proc/sys/vm/drop_caches ]; then cold_ok=1; fi
# figure NAME CMD...: warm and cold medians of 5
figure() {
	local name=$1 i; shift
	"$@" >/dev/null	# warm up
	for i in 1 2 3 4 5; do ms "$@"; done | median | sed "s/.*/$name: & ms (warm median)/"
	if [ "$cold_ok" = 1 ]; then
		for i in 1 2 3 4 5; do
			sync; echo 3 > /proc/sys/vm/drop_caches
			ms "$@"
		done | median | sed "s/.*/$name: & ms (cold median)/"
	fi
}
figure report_year "$CTL" report --from 2025-06-10 --to 2026-06-09 --format json -o /dev/null
figure report_year_html "$CTL" report --from 2025-06-10 --to 2026-06-09 --format html -o /dev/null
figure list_open "$CTL" list --status open
figure export_month "$CTL" export --period 2026-05 -o /dev/null
n=$("$CTL" export --period 2026-05 | wc -l)
echo "export_month: $((n - 1)) cases"
sqlite3 "$D/report.sqlite" "EXPLAIN QUERY PLAN SELECT c.id, c.status FROM complaint c INDEXED BY complaint_report WHERE c.received_at >= 1 AND c.received_at < 2" | sed 's/^/report plan: /'
rm -f "$D/report.sqlite" "$D/report.sqlite-wal" "$D/report.sqlite-shm"
