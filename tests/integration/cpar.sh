# cpar.sh — corrective and preventive actions (Laporan Ketidaksesuaian)
# end to end: records opened by complaintctl and by an officer's "#lk"
# mail, linked to several cases, updated, reported done by the owner's
# SMS, verified effective and not effective by the quality manager only;
# every change in the record's history and in its cases'; `show REF`
# lists them; the report's corrective-action section counts them.
. "$TOP/tests/integration/lib.sh"

rig_smtp
conf_write_sms "$(modem_dummy)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\";
  from = \"pengaduan@smkn1.sch.id\"; reply_to = \"pengaduan@smkn1.sch.id\"; };"
sed -i -e 's/^organisation = { \(.*\) };/organisation = { \1 quality_manager = "wmm"; cpar_reference_format = "LK-{year}-{seq:3}"; };/' \
    "$WORK/complaintd.conf"
complaintd -t -c "$WORK/complaintd.conf" >/dev/null
is "$?" 0 "the configuration with a quality manager is valid"
YEAR=$(TZ=Asia/Jakarta date +%Y)

mail_in() {	# mail_in ID SUBJECT TEXT: a complaint by email; prints its case
	printf 'From: Ortu %s <ortu%s@gmail.com>\nTo: pengaduan@smkn1.sch.id\nSubject: %s\nMessage-ID: <cpar-%s@gmail.com>\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
		"$1" "$1" "$2" "$1" "$3" | complaintctl ingest |
		sed -n 's/^recorded complaint \([^:]*\):.*/\1/p'
}
A=$(mail_in a "Toilet lantai 2 rusak" "Toilet siswa di lantai 2 bocor lagi, kran patah.")
B=$(mail_in b "WC bocor" "WC dekat lab bocor sejak minggu lalu.")
C=$(mail_in c "Nilai rapor belum keluar" "Nilai ujian anak saya belum keluar.")
like "$A $B $C" "^KEL-.* KEL-.* KEL-" "three complaints: $A $B $C"

# ---- complaintctl: one record for two cases ----
K1=$(complaintctl cpar new "$A" "$B" --as wks-sarpras \
	--nonconformity "Toilet siswa bocor berulang (3 keluhan)" \
	--correction "Kran diganti" --owner wks-sarpras --due 2026-12-15)
is "$K1" "LK-$YEAR-001" "cpar new prints the record's reference from its own format"
is "$(sq "SELECT status FROM cpar WHERE reference = '$K1'")" "open" \
	"without root cause and corrective action it is open (a draft)"
is "$(complaintctl cpar show "$K1" --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["status"], [c["reference"] for c in d["cases"]] == sys.argv[1:], d["events"][0]["kind"], d["events"][0]["actor"])' "$A" "$B")" \
	"open True open officer:wks-sarpras" "cpar show --json: both cases, the history with its actor"
out=$(complaintctl cpar done "$K1" --as wks-sarpras 2>&1); rc=$?
is "$rc" 65 "done before the plan is refused"
contains "$out" "not planned yet" "... saying what is missing"
out=$(complaintctl cpar update "$K1" --as wks-kurikulum --root-cause x 2>&1); rc=$?
is "$rc" 77 "another officer may not update it"
complaintctl cpar update "$K1" --as wks-sarpras --root-cause "Pipa tua, tidak ada jadwal perawatan" \
	--corrective "Pipa lantai 2 diganti" --preventive "Jadwal perawatan sanitasi bulanan" >/dev/null
is "$(sq "SELECT status FROM cpar WHERE reference = '$K1'")" "planned" \
	"the update that completes the plan makes it planned"
like "$(complaintctl show "$A")" "Corrective actions:
  $K1 +planned +due 2026-12-15 owner wks-sarpras" "show REF lists the case's corrective action"
is "$(complaintctl show "$B" --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print([(k["id"], k["status"]) for k in d["corrective_actions"]])')" \
	"[('$K1', 'planned')]" "show --json of the other case carries it too"
contains "$(complaintctl show "$A")" "$K1 update (planned): root cause, corrective action, preventive action; open -> planned" \
	"the case's history shows the record's change"
like "$(complaintctl cpar list)" "^$K1 +planned +2026-12-15 +wks-sarpras" "cpar list"
is "$(complaintctl cpar list --status done --json)" "[]" "cpar list --status done: none yet"
