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
# the front office's services need a corrective action for every case
sed -i -e 's/^organisation = { \(.*\) };/organisation = { \1 quality_manager = "wmm"; cpar_reference_format = "LK-{year}-{seq:3}"; };/' \
    -e 's/^categories = (/&\n  { id = "layanan"; name = "Layanan TU"; officers = [ "wks-sarpras" ]; cpar_required = true; },/' \
    -e 's/^routing = (/&\n  { category = "layanan"; keywords = [ "pelayanan", "antri" ]; },/' \
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

# ---- done, verified by the quality manager only ----
complaintctl cpar done "$K1" --as wks-sarpras --note "Pipa sudah diganti" >/dev/null
is "$(sq "SELECT status FROM cpar WHERE reference = '$K1'")" "done" "the owner reports it done"
is "$(sq "SELECT count(*) FROM outbox WHERE kind LIKE 'cpar%' AND officer = 'wmm' AND channel = 'email' AND body LIKE '%mohon diverifikasi%'")" 1 \
	"the quality manager is asked to verify it"
out=$(complaintctl cpar verify "$K1" --effective yes --as kepsek 2>&1); rc=$?
is "$rc" 77 "a coordinator who is not the quality manager may not verify"
contains "$out" "only the quality manager (wmm)" "... told who does"
out=$(complaintctl cpar verify "$K1" --effective no --as wmm 2>&1); rc=$?
is "$rc" 65 "not effective without a reason is refused"
complaintctl cpar verify "$K1" --effective no --as wmm --note "Masih bocor di lantai 3" >/dev/null
is "$(sq "SELECT status || ' ' || not_effective FROM cpar WHERE reference = '$K1'")" "planned 1" \
	"not effective: back to planned, counted"
is "$(sq "SELECT count(*) FROM outbox WHERE kind LIKE 'cpar%' AND officer = 'wks-sarpras' AND channel = 'email' AND body LIKE '%TIDAK efektif%Masih bocor di lantai 3%'")" 1 \
	"the owner hears it was not effective, with the reason"

# ---- by email: "#lk" on a case's thread ----
KUR=wakasek.kurikulum@smkn1.sch.id SAR=wakasek.sarpras@smkn1.sch.id
n=0
officer_mail() {	# officer_mail FROM TO BODY
	n=$((n + 1))
	printf 'From: %s\nTo: %s\nSubject: Re: laporan\nMessage-ID: <lk%s@smkn1.sch.id>\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
		"$1" "$2" "$n" "$3" | complaintctl ingest
}
tokC=$(sq "SELECT token FROM complaint WHERE reference = '$C'")
officer_mail "$KUR" "pengaduan+$tokC@smkn1.sch.id" "#lk
Ketidaksesuaian: Nilai ujian terlambat diinput
Akar masalah: Tidak ada batas waktu input nilai bagi guru
Koreksi: Nilai Dimas diinput hari ini
Tindakan korektif: Batas waktu input nilai 7 hari setelah ujian
Pencegahan: Pengingat otomatis dari wakasek kurikulum
PIC: wks-kurikulum
Batas waktu: 2026-12-20

Terima kasih." >/dev/null
K2=LK-$YEAR-002
is "$(sq "SELECT status || ' ' || owner || ' ' || due_date FROM cpar WHERE reference = '$K2'")" \
	"planned wks-kurikulum 2026-12-20" "#lk with labelled lines on a case's thread opens a planned record"
is "$(sq "SELECT c.reference FROM cpar_case l JOIN complaint c ON c.id = l.complaint_id JOIN cpar k ON k.id = l.cpar_id WHERE k.reference = '$K2'")" \
	"$C" "... linked to the case of the thread"
is "$(sq "SELECT count(*) FROM outbox WHERE kind LIKE 'cpar%' AND officer = 'wks-kurikulum' AND channel = 'email' AND body LIKE '%Tercatat.%$K2%'")" 1 \
	"... the officer gets the record back"
officer_mail "$KUR" "pengaduan+$tokC@smkn1.sch.id" "#lk
Ketidaksesuaian: Nilai terlambat lagi" >/dev/null
is "$(sq "SELECT count(*) FROM cpar")" 2 "an incomplete #lk opens nothing"
contains "$(sq "SELECT body FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-kurikulum' ORDER BY id DESC LIMIT 1")" \
	"belum lengkap, yang kurang: PIC:, Batas waktu:" "... the officer is told what is missing, in Indonesian"
officer_mail "$KUR" "pengaduan+$tokC@smkn1.sch.id" "#lk
PIC: wks-kurikulum
PIC: wmm
Ketidaksesuaian: x
Batas waktu: 2026-12-20" >/dev/null
contains "$(sq "SELECT body FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-kurikulum' ORDER BY id DESC LIMIT 1")" \
	"ditulis dua kali" "a field given twice differently: said"

# ---- by email to the intake address from the personal address: a third case linked ----
tokS=$(sq "SELECT token FROM officer_token WHERE officer = 'wks-sarpras'")
D=$(mail_in d "Toilet lantai 3 bocor" "Toilet lantai 3 juga bocor sekarang.")
out=$(officer_mail "$SAR" "pengaduan+$tokS@smkn1.sch.id" "#lk $K1
Kasus: $D
Tindakan korektif: Seluruh pipa gedung B diganti
Batas waktu: 2026-12-31")
contains "$out" "corrective action $K1 (planned) from officer wks-sarpras" "#lk REF at the personal address updates the record"
is "$(sq "SELECT count(*) FROM cpar_case WHERE cpar_id = (SELECT id FROM cpar WHERE reference = '$K1')")" 3 \
	"... and links a third case to it"
is "$(sq "SELECT due_date FROM cpar WHERE reference = '$K1'")" "2026-12-31" "... with the new due date"
out=$(officer_mail "$SAR" "pengaduan@smkn1.sch.id" "#lk $K1
Batas waktu: 2027-01-31")
is "$(sq "SELECT due_date FROM cpar WHERE reference = '$K1'")" "2026-12-31" \
	"#lk at the shared address (no token, no thread) changes nothing"

# ---- by SMS: the owner reports it done; the quality manager verifies by mail ----
daemon_start
sms_in --from 081234567003 --text "$K1 Batas waktu: 2027-01-15"
wait_sq 10 "SELECT due_date FROM cpar WHERE reference = '$K1'" 2027-01-15
is "$?" 0 "the owner's SMS '$K1 Batas waktu: 2027-01-15' moves the due date"
sms_in --from 081234567003 --text "$K1 SELESAI semua pipa gedung B sudah diganti"
wait_sq 10 "SELECT status FROM cpar WHERE reference = '$K1'" done
is "$?" 0 "the owner's SMS '$K1 SELESAI ...' marks it done"
like "$(complaintctl cpar show "$K1")" "done +officer:wks-sarpras +planned -> done; semua pipa gedung B sudah diganti" \
	"... in its history, with the note"
sms_in --from 081234567002 --text "$K1 SELESAI bukan saya"
wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-kurikulum' AND channel = 'sms'" 1
is "$?" 0 "another officer's SMS is refused, by SMS"
is "$(sq "SELECT count(*) FROM cpar_event WHERE kind = 'done' AND cpar_id = (SELECT id FROM cpar WHERE reference = '$K1')")" 2 \
	"... and changes nothing (done twice: by complaintctl, by the owner's SMS)"


tokA=$(sq "SELECT token FROM complaint WHERE reference = '$A'")
officer_mail "wmm@smkn1.sch.id" "pengaduan+$tokA@smkn1.sch.id" "#lk $K1 efektif tidak ada keluhan baru dalam 30 hari" >/dev/null
is "$(sq "SELECT status || ' ' || verified_by FROM cpar WHERE reference = '$K1'")" "effective officer:wmm" \
	"the quality manager verifies it effective by mail"
out=$(complaintctl cpar update "$K1" --as wmm --preventive x 2>&1); rc=$?
is "$rc" 65 "a record verified effective changes no more"
is "$(sq "SELECT count(*) FROM cpar_event WHERE cpar_id = (SELECT id FROM cpar WHERE reference = '$K1')")" \
	"$(complaintctl cpar show "$K1" --json | $PY -c 'import json,sys; print(len(json.load(sys.stdin)["events"]))')" \
	"cpar show --json carries its whole history"
contains "$(complaintctl show "$D")" "$K1 effective (effective): done -> effective; tidak ada keluhan baru dalam 30 hari" \
	"the verification is in the history of each linked case"

# ---- on the procedure clock: reminder, overdue, escalation, the check ----
# K2: owner wks-kurikulum (escalate_to kepsek), due 2026-12-20 (a Sunday):
# the reminder 4 working hours before its close (Friday 11:00)
like "$(complaintctl timers list)" "$K2 +cpar_remind +planned" "timers list shows the corrective action's next action"
is "$(complaintctl timers list --json | $PY -c 'import json,sys; print([r["next_action"] for r in json.load(sys.stdin) if r["reference"] == sys.argv[1]])' "$K2")" \
	"['cpar_remind']" "... in --json too"
# the lines of `timers run` about K2, without their time
cpar_lines() { grep " $K2 " | sed 's/  */ /g; s/^.* \('"$K2"' \)/\1/'; }
out=$(complaintctl timers run --at "2026-12-18 12:00" | cpar_lines)
like "$out" "^$K2 cpar_remind .*reminder to wks-kurikulum" "the reminder to the owner before the due date"
is "$(sq "SELECT count(*) FROM outbox WHERE kind LIKE 'cpar%' AND officer = 'wks-kurikulum' AND channel = 'email' AND body LIKE '%sudah dekat%'")" 1 "... by mail"
is "$(complaintctl timers run --at "2026-12-18 12:00" | cpar_lines)" "" "run again at the same time: nothing"
daemon_stop
daemon_start
out=$(complaintctl timers run --at "2026-12-21 08:00" | cpar_lines)
like "$out" "cpar_overdue .*overdue to wks-kurikulum and wmm" "past the due date: overdue to the owner and the quality manager"
like "$out" "cpar_escalate .*escalated to kepsek \\(level 1\\)" "... and up the owner's escalate_to chain"
is "$(sq "SELECT count(*) FROM outbox WHERE kind LIKE 'cpar%' AND officer = 'kepsek' AND channel = 'email' AND body LIKE '%atasan PIC%'")" 1 "the head is told"
is "$(complaintctl timers run --at "2026-12-21 08:00" | cpar_lines)" "" "after a restart, the same time again: nothing fires twice"
is "$(sq "SELECT count(*) FROM timer_fired WHERE subject_kind = 'cpar'")" 3 "three keyed actions for the record"
contains "$(complaintctl show "$C")" "$K2 overdue (planned): overdue to wks-kurikulum and wmm" "the case's history shows it"
complaintctl cpar done "$K2" --as wks-kurikulum >/dev/null
out=$(complaintctl timers run --at "2026-12-28 08:00" | cpar_lines)
is "$out" "" "done stops the ladder"
out=$(complaintctl timers run --at "2027-03-01 08:00" | cpar_lines)
like "$out" "cpar_check .*effectiveness check to wmm" "the effectiveness check, cpar_check_days after done: the quality manager asked"
complaintctl cpar verify "$K2" --effective no --note "Nilai semester ini terlambat lagi" --as wmm >/dev/null
out=$(complaintctl timers run --at "2027-03-01 09:00" | cpar_lines)
like "$out" "cpar_overdue" "not effective: a new round runs the ladder again (the due date passed)"

# ---- a category that requires a corrective action for every case ----
daemon_stop
E=$(mail_in e "Pelayanan TU lambat" "Pelayanan di TU lambat sekali, antri 2 jam untuk legalisir.")
is "$(sq "SELECT category FROM complaint WHERE reference = '$E'")" layanan "a complaint about the front office's services"
K3=$(sq "SELECT k.reference FROM cpar k JOIN cpar_case l ON l.cpar_id = k.id JOIN complaint c ON c.id = l.complaint_id WHERE c.reference = '$E'")
is "$(sq "SELECT status || ' ' || owner || ' ' || created_by FROM cpar WHERE reference = '$K3'")" "open wmm system" \
	"a draft corrective action opened with the case, owned by the coordinator (the quality manager)"
complaintctl resolve "$E" --message "Mohon maaf, loket legalisir kini dibuka dua." >/dev/null
out=$(complaintctl close "$E" --reason "selesai" 2>&1); rc=$?
is "$rc" 65 "the case is not closed while its corrective action is not planned"
contains "$out" "kategori layanan mewajibkan tindakan korektif: pengaduan ini baru dapat ditutup setelah tindakan korektifnya direncanakan (sekarang: $K3 (open))" \
	"... saying what is missing"
contains "$(complaintctl show "$E")" "Close held: category layanan requires a corrective action" "show says what is missing"
complaintctl timers run --at "2026-12-14 08:00" >/dev/null
is "$(sq "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$E'")" "resolved no_answer" \
	"no feedback in time: the close is held, the case stays resolved"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'close_held' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$E')")" 1 \
	"... an event says why"
is "$(sq "SELECT count(*) FROM outbox WHERE kind LIKE 'cpar%' AND officer = 'wmm' AND channel = 'email' AND body LIKE '%menunggu tindakan korektif ini%$K3%'")" 1 \
	"... and the owner of the corrective action is told"
complaintctl cpar update "$K3" --as wmm --root-cause "Satu loket untuk semua layanan" \
	--corrective "Loket legalisir terpisah" --due 2027-07-01 >/dev/null
is "$(sq "SELECT status FROM complaint WHERE reference = '$E'")" closed \
	"once the corrective action is planned, the held case closes"
contains "$(complaintctl show "$E")" "closed: its corrective action $K3 is planned, the close held for it is done" \
	"... saying so in its history"

# the complainant's "satisfied" is held too, until the action is planned
F=$(mail_in f "Antri pelayanan rapor lama" "Antri pelayanan pengambilan rapor lama sekali.")
KF=$(sq "SELECT k.reference FROM cpar k JOIN cpar_case l ON l.cpar_id = k.id JOIN complaint c ON c.id = l.complaint_id WHERE c.reference = '$F'")
complaintctl resolve "$F" --message "Mohon maaf, loket rapor kini dua." >/dev/null
res_id=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$F')")
printf 'From: Ortu f <ortuf@gmail.com>\nTo: pengaduan@smkn1.sch.id\nSubject: Re: [%s] Jawaban\nMessage-ID: <cpar-f2@gmail.com>\nIn-Reply-To: <%s>\nContent-Type: text/plain; charset=utf-8\n\nPuas, terima kasih.\n' \
	"$F" "$res_id" | complaintctl ingest >/dev/null
is "$(sq "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$F'")" "resolved satisfied" \
	"the complainant is satisfied: recorded, the close held while $KF is open"
complaintctl cpar update "$KF" --as wmm --root-cause "Satu loket" --corrective "Dua loket saat pembagian rapor" --due 2027-07-01 >/dev/null
is "$(sq "SELECT status FROM complaint WHERE reference = '$F'")" closed "... closed once it is planned"

# an English form, on a case's thread, naming one more case
officer_mail "$KUR" "pengaduan+$tokC@smkn1.sch.id" "#cpar
Please record this one.
Nonconformity: Exam results published late
Owner: wks-kurikulum
Due: 2027-02-01
Cases: $A" >/dev/null
KE=$(sq "SELECT reference FROM cpar ORDER BY id DESC LIMIT 1")
is "$(sq "SELECT status || ' ' || owner || ' ' || due_date || ' ' || nonconformity FROM cpar WHERE reference = '$KE'")" \
	"open wks-kurikulum 2027-02-01 Exam results published late" "#cpar with English labels opens a record (open: no root cause yet)"
is "$(sq "SELECT group_concat(c.reference, ' ') FROM cpar_case l JOIN complaint c ON c.id = l.complaint_id WHERE l.cpar_id = (SELECT id FROM cpar WHERE reference = '$KE') ORDER BY c.id")" \
	"$A $C" "... linked to the thread's case and the one on its Cases: line"

# ---- the report counts from the records ----
rep=$(complaintctl report --period this-year --format json)
is "$(echo "$rep" | $PY -c 'import json,sys; c=json.load(sys.stdin)["corrective_actions"]; print(c["recorded"], c["opened"], c["done"], c["verified_effective"], c["not_effective"], c["overdue"], c["open"])')" \
	"True 5 2 1 2 0 4" "the report: 5 opened, 2 done, 1 verified effective, 2 found not effective, 4 open"
rep=$(complaintctl report --period this-year --category akademik --format json)
is "$(echo "$rep" | $PY -c 'import json,sys; c=json.load(sys.stdin)["corrective_actions"]; print(c["opened"], c["done"], c["not_effective"], c["open"])')" \
	"2 1 1 2" "... filtered by category through the linked cases (akademik: $K2 and $KE)"

# ---- the printable form in a real browser ----
complaintctl cpar show "$K1" --format html > "$WORK/lk.html"
is "$?" 0 "cpar show --format html"
unlike "$(cat "$WORK/lk.html")" "<script|<link|src=|href=|url\\(|@import" "the page has no script and fetches nothing"
mkdir -p "$WORK/browser"
$PY "$TOP/tests/rig/browser.py" "$WORK/lk.html" "$WORK/browser" >"$WORK/browser.json" 2>"$WORK/browser.err"
is "$?" 0 "headless Chromium opened it"
br() { $PY -c 'import json, sys; b = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/browser.json" "$1"; }
is "$(br 'b["requests"], b["console"], b["errors"]')" "([], [], [])" "no network request, no console message, no error"
is "$(br 'b["ids"]["organisation"], b["ids"]["number"], b["ids"]["form-title"]')" \
	"('SMK Negeri 1 Contoh', '$K1', 'Laporan Ketidaksesuaian / Corrective and Preventive Action Request')" \
	"the header block: organisation, number, the form's title"
is "$(br 'b["ids"]["f-nonconformity"], b["ids"]["f-root-cause"], b["ids"]["f-corrective"], b["ids"]["f-due"]')" \
	"('Toilet siswa bocor berulang (3 keluhan)', 'Pipa tua, tidak ada jadwal perawatan', 'Seluruh pipa gedung B diganti', '2027-01-15')" \
	"a box for each field, with the record's text"
contains "$(br 'b["ids"]["cases"]')" "$A" "the linked complaints ..."
contains "$(br 'b["ids"]["cases"]')" "$D" "... all three"
is "$(br 'b["ids"]["sign-owner"], b["ids"]["sign-checked"], b["ids"]["sign-verified"]')" \
	"('Agus Prasetyo', 'Agus Prasetyo', 'Rina Kusumawati')" \
	"the approval lines: prepared by the owner, checked (reported done) by them, verified by the quality manager"
is "$(br 'b["ids"]["sign-verified-date"]')" "$(TZ=Asia/Jakarta date -d "@$(sq "SELECT verified_at FROM cpar WHERE reference = '$K1'")" +%d-%m-%Y)" \
	"... with the date of the verification from the history"
check "the screenshot is not blank" \
	$PY -c 'import json, sys; p = json.load(open(sys.argv[1]))["png"]; sys.exit(not (p["colours"] > 5 and p["nonwhite"] > 5000))' "$WORK/browser.json"
is "$(br 'b["pdf"]["sizes"], b["pdf"]["pages"]')" "([[0, 0, 595, 842]], 1)" "printed to PDF: one A4 page"

done_testing
