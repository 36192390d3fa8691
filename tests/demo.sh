#!/bin/bash
# make demo — a local demonstration: a configuration for the example
# school in build/demo, the sample complaint mails piped through
# `complaintctl ingest` as an MTA would, then what an officer sees.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
D=$BUILD/demo
CTL="$BUILD/complaintctl -c $D/complaintd.conf"
rm -rf "$D"
mkdir -p "$D/state"
cat > "$D/complaintd.conf" <<CONF
organisation = { name = "SMK Negeri 1 Contoh"; domain = "smkn1.sch.id"; };
database = "$D/complaintd.db";
state_directory = "$D/state";
templates = "$TOP/etc/templates";
language = "id";
timezone = "Asia/Jakarta";
# mail is only queued in this demo: nothing is sent anywhere
smtp = { url = "smtp://127.0.0.1:25"; tls = "none"; from = "pengaduan@smkn1.sch.id"; };
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
$BUILD/complaintd -t -c "$D/complaintd.conf"
echo
echo "== piping the sample complaint mails through 'complaintctl ingest' =="
for f in "$TOP"/tests/data/mail/*.eml; do
	printf '%-34s ' "$(basename "$f")"
	$CTL ingest < "$f" 2>&1 | tail -n 1
done
echo
echo "== complaintctl list =="
$CTL list
first=$($CTL list --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["reference"])')
echo
echo "== complaintctl show $first =="
$CTL show "$first"
echo
echo "== complaintctl quarantine list =="
$CTL quarantine list
echo
echo "Try it yourself:  $CTL list --status open"
echo "                  $CTL resolve $first --message 'Nilai sudah diperbaiki.'"
