#!/bin/bash
# timers.sh — one tick of the timer engine (the procedure clock) on a
# database of BENCH_CASES cases (default 1,000,000), a tenth of them
# open: how long a tick takes when nothing is due, and a tick a minute
# for an hour of working time, each action a transaction committed with
# fsync.  The database is made once through the store (scale_gen) and
# kept in $BUILD/bench/scale/; each run works on a copy.  Goal: one tick
# <= 20 ms.  Prints the figures, asserts nothing.
set -eu
: "${TOP:?}" "${BUILD:?}"
N=${BENCH_CASES:-1000000}
D=$BUILD/bench/scale
NOW="2026-06-10 10:00"		# a Wednesday
mkdir -p "$D"
cp "$TOP/etc/holidays-2026.conf" "$D/"
conf() {	# conf DATABASE: the school, with long service times
	cat <<CONF
organisation = { name = "SMK Negeri 1 Contoh"; domain = "smkn1.sch.id"; };
database = "$1";
templates = "$TOP/etc/templates";
timezone = "Asia/Jakarta";
smtp = { url = "smtp://127.0.0.1:25"; tls = "none"; from = "pengaduan@smkn1.sch.id"; };
modems = ( { name = "gsm0"; device = "/dev/null"; } );
officers = (
  { id = "kepsek"; name = "Kepala Sekolah"; email = "kepsek@smkn1.sch.id"; phone = "0812-3456-7001"; },
  { id = "wks-kurikulum"; name = "Wakasek Kurikulum"; email = "kur@smkn1.sch.id";
    phone = "0812-3456-7002"; escalate_to = "kepsek"; },
  { id = "wks-sarpras"; name = "Wakasek Sarpras"; email = "sarpras@smkn1.sch.id";
    phone = "0812-3456-7003"; escalate_to = "kepsek"; }
);
categories = (
  { id = "akademik"; name = "Akademik"; officers = [ "wks-kurikulum" ]; },
  { id = "sarana"; name = "Sarana"; officers = [ "wks-sarpras" ]; resolve_days = 30; }
);
default_category = "akademik";
sla = {
  @include "holidays-2026.conf"
  response_hours = 160; resolve_days = 25; remind_hours = 4; escalate_hours = 8; };
CONF
}
db=$D/cases-$N.sqlite
if [ ! -f "$db" ]; then
	echo "timers: making a database of $N cases once ($db)"
	rm -f "$db.new" "$db.new-wal" "$db.new-shm"
	conf "$db.new" >"$D/gen.conf"
	"$BUILD/scale_gen" "$D/gen.conf" "$NOW"
	mv "$db.new" "$db"
fi
cp "$db" "$D/copy.sqlite"
rm -f "$D/copy.sqlite-wal" "$D/copy.sqlite-shm"
conf "$D/copy.sqlite" >"$D/bench.conf"
echo "timers: one tick of the procedure clock, $N cases ($(du -m "$db" | cut -f1) MB)"
"$BUILD/timers_bench" "$D/bench.conf" "$NOW"
rm -f "$D/copy.sqlite" "$D/copy.sqlite-wal" "$D/copy.sqlite-shm"
