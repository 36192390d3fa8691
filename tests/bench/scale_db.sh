# scale_db.sh — sourced by the benches that read a big database
# (timers.sh, report.sh): the configuration they share and the database
# of BENCH_CASES cases (default 1,000,000) over three years, made once
# through the store by scale_gen and kept in $BUILD/bench/scale/ under a
# name that changes with what scale_gen makes (SCALE_GEN).  Each bench
# works on a copy.
: "${TOP:?}" "${BUILD:?}"
N=${BENCH_CASES:-1000000}
D=$BUILD/bench/scale
NOW="2026-06-10 10:00"		# a Wednesday
SCALE_GEN=7			# 7: messages, events, outbox rows, quarantine, corrective actions; old mail packed
mkdir -p "$D"
cp "$TOP/etc/holidays-2026.conf" "$D/"
scale_conf() {	# scale_conf DATABASE: the school, with long service times
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
indicators = { first_response_hours = 24; resolve_days = 5; max_per_month = 20000;
  min_satisfied_percent = 80; categories = ( { category = "sarana"; max_per_month = 10000; } ); };
CONF
}
scale_db=$D/cases-v$SCALE_GEN-$N.sqlite
if [ ! -f "$scale_db" ]; then
	echo "scale: making a database of $N cases once ($scale_db)"
	rm -f "$scale_db.new" "$scale_db.new-wal" "$scale_db.new-shm"
	scale_conf "$scale_db.new" >"$D/gen.conf"
	"$BUILD/scale_gen" "$D/gen.conf" "$NOW"
	mv "$scale_db.new" "$scale_db"
fi
# scale_copy NAME: a copy of the database and its configuration in
# $D/NAME.sqlite and $D/NAME.conf
scale_copy() {
	cp "$scale_db" "$D/$1.sqlite"
	rm -f "$D/$1.sqlite-wal" "$D/$1.sqlite-shm"
	scale_conf "$D/$1.sqlite" >"$D/$1.conf"
}
