# walk_university_unit.sh — the university unit's SOP "Penanganan
# Keluhan/Saran Pelanggan" (ITS BAPKM, PM-BAPKM.AP.1-24) played through
# etc/examples/university-unit.conf as shipped, on the real daemon,
# Dovecot (IMAP) and the SMTP sink; time only through `complaintctl
# timers run --at`.
#
# The SOP's steps, and the assertions that cover them:
#   5.a  complaints and suggestions by letter, email, telephone, social
#        media (and the box) -> "5.a:" (IMAP; complaintctl new --channel
#        letter with the scan, phone, social)
#   5.b  confirmed against the service procedure -> "5.b:" (the subbag's
#        #tanya by mail, the case waits, the complainant's answer)
#   5.c  a nonconformity into the Laporan Ketidaksesuaian (LK)
#        -> step_cpar_university
#   5.d-e the follow-up and "tanggapan jika diperlukan" -> "5.e:" (the
#        subbag's #selesai by mail; a suggestion closed without an answer)
#   feedback: satisfied -> "puas:"; not satisfied -> "tidak puas:"
#        (reopened, to the Kabag)
#   5.f  monitoring of the programme -> "5.f:" (overdue to the Kabag and
#        the Kepala BAPKM, the weekly digest, the monthly recap)
#   5.g  the complaint and its follow-up kept as mail/letter files
#        -> "5.g:" (the raw mail and the letter's scan on the case, the
#        export)
. "$TOP/tests/procedures/lib.sh"

rig_dovecot || exit 1
rig_smtp
walk_conf university-unit
check "the shipped university-unit.conf runs on the rig (complaintd -t)" \
	complaintd -t -c "$WORK/complaintd.conf"
daemon_start
ORG=its.ac.id
complaintctl timers run >/dev/null

# ---- 5.a: by email ----
MAIL_TO=layanan.bapkm@$ORG mail_from "Andi Wijaya <andi.5025211001@student.its.ac.id>" "KRS tidak bisa disimpan" walk-its-a1@student.its.ac.id \
	>"$WORK/a.eml" <<'EOF2'
Selamat pagi. KRS saya di myITS tidak bisa disimpan sejak kemarin,
padahal batas pengisian lusa. NRP 5025211001.
EOF2
deliver test INBOX "$WORK/a.eml"
check "5.a: a student's mail arrives by IMAP" wait_sq 20 "SELECT count(*) FROM complaint" 1
A=$(newest_ref)
is "$(col channel "$A")/$(col category "$A")/$(officers_of "$A")" email/registrasi/subbag-registrasi \
	"5.a: registration -> the Subbagian Registrasi dan Data"
is "$(sent "$A" notify)" "email:registrasi.bapkm@$ORG" "5.a: ... which is notified"

# ---- 5.a: a letter, a call, social media ----
printf '%%PDF-1.4 surat keluhan\n' >"$WORK/surat.pdf"
B=$(complaintctl new --channel letter --name "Dr. Sulastri (Departemen Fisika)" --email sulastri@its.ac.id \
	--subject "Surat: jadwal ujian bentrok" --text "Jadwal EAS dua mata kuliah wajib semester 3 bentrok." \
	--attach "$WORK/surat.pdf" --as loket); rc=$?
is "$rc/$(col channel "$B")/$(col category "$B")/$(officers_of "$B")" 0/letter/pembelajaran/subbag-monev \
	"5.a: a letter, entered at the front office, to the Subbagian Pemantauan dan Evaluasi"
C=$(complaintctl new --channel phone --name "Orang tua mahasiswa" --email ortu.mhs@gmail.com \
	--subject "Telepon: transkrip" --text "Transkrip anak saya belum bisa diunduh." --as loket)
is "$(col channel "$C")/$(col category "$C")" phone/registrasi "5.a: a telephone call"
D=$(complaintctl new --channel social --name "@mhs_its (Instagram)" \
	--subject "Saran di Instagram" --text "Saran: loket BAPKM buka saat jam istirahat." --as loket)
is "$(col channel "$D")/$(col category "$D")/$(officers_of "$D")" social/umum/kabag-ap \
	"5.a: a suggestion from social media, to the Kabag to route"

# ---- 5.b: confirmed with the complainant ----
tok=$(col token "$A") nid=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'notify' AND complaint_id = $(cid "$A")")
MAIL_TO=layanan.bapkm+$tok@$ORG mail_from "Nur Sukohadi <registrasi.bapkm@$ORG>" "Re: [$A] Pengaduan baru" walk-its-reg0@$ORG "$nid" \
	>"$WORK/ask.eml" <<'EOF2'
#tanya Mohon kirim tangkapan layar pesan galat saat menyimpan KRS.
EOF2
deliver test INBOX "$WORK/ask.eml"
check "5.b: the subbag's #tanya by mail: the case waits on the student" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$A'" waiting
is "$(sent "$A" ask)" "email:andi.5025211001@student.its.ac.id" "5.b: ... who is asked to confirm"
MAIL_TO=layanan.bapkm@$ORG mail_from "Andi Wijaya <andi.5025211001@student.its.ac.id>" "Re: [$A] Permintaan keterangan" walk-its-a2@student.its.ac.id "$(our_msgid "$A" ask)" \
	>"$WORK/a2.eml" <<'EOF2'
Pesannya: "Gagal menyimpan, kuota kelas penuh". Padahal kelas masih kosong.
EOF2
deliver test INBOX "$WORK/a2.eml"
check "5.b: the student's answer puts the case back in progress" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$A'" in_progress
is "$(sent "$A" followup)" "email:registrasi.bapkm@$ORG" "5.b: ... the subbag told"

step_cpar_university() {
	out=$(complaintctl cpar --help); rc=$?
	is "$rc" 0 "5.c: complaintctl cpar exists"
	complaintctl cpar new "$A" --as subbag-registrasi --nonconformity "Kelas penuh padahal kuota masih ada" \
		--root-cause "Kuota kelas di myITS tidak diperbarui" \
		--corrective "Sinkronisasi kuota kelas tiap malam" --owner subbag-registrasi --due 2027-06-30 >/dev/null
	like "$(complaintctl cpar list)" "$A" "5.c: the nonconformity is recorded (LK)"
	like "$(sq "SELECT group_concat(officer) FROM outbox WHERE kind LIKE 'cpar%'")" "kabag-ap" "5.d: the Kabag (quality_manager) follows the programme"
}
step_cpar_university

# ---- 5.e: the answer by mail; the student satisfied ----
MAIL_TO=layanan.bapkm+$tok@$ORG mail_from "Nur Sukohadi <registrasi.bapkm@$ORG>" "Re: [$A] Pengaduan baru" walk-its-reg1@$ORG "$nid" \
	>"$WORK/reg.eml" <<'EOF2'
#selesai Kuota kelas sudah diperbarui; KRS Saudara sudah dapat disimpan.
EOF2
deliver test INBOX "$WORK/reg.eml"
check "5.e: the subbag's #selesai by mail answers the case" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$A'" resolved
is "$(sent "$A" resolution)" "email:andi.5025211001@student.its.ac.id" "5.e: the answer reaches the student"
MAIL_TO=layanan.bapkm@$ORG mail_from "Andi Wijaya <andi.5025211001@student.its.ac.id>" "Re: [$A] Jawaban" walk-its-a3@student.its.ac.id "$(our_msgid "$A" resolution)" \
	>"$WORK/a3.eml" <<'EOF2'
Sudah bisa, puas. Terima kasih.
EOF2
deliver test INBOX "$WORK/a3.eml"
check "puas: closed as satisfied" \
	wait_sq 20 "SELECT status || '/' || satisfaction FROM complaint WHERE reference = '$A'" closed/satisfied

# ---- 5.e: a suggestion that needs no answer ----
complaintctl close "$D" --reason "Saran diteruskan ke rapat unit; tidak memerlukan tanggapan" --as kabag-ap >/dev/null; rc=$?
is "$rc/$(col status "$D")" 0/closed "5.e: 'tanggapan jika diperlukan': the Kabag closes the suggestion with a reason"
is "$(sent "$D" resolution)" "" "5.e: ... nothing is sent"

# ---- the letter answered; not satisfied ----
complaintctl resolve "$B" --message "Jadwal EAS mata kuliah Fisika Matematika dipindah ke Kamis." --as subbag-monev >/dev/null
MAIL_TO=layanan.bapkm@$ORG mail_from "Dr. Sulastri <sulastri@its.ac.id>" "Re: [$B] Jawaban" walk-its-b2@its.ac.id "$(our_msgid "$B" resolution)" \
	>"$WORK/b2.eml" <<'EOF2'
Kurang puas, Kamis juga bentrok dengan praktikum.
EOF2
deliver test INBOX "$WORK/b2.eml"
check "tidak puas: reopened" wait_sq 20 "SELECT status FROM complaint WHERE reference = '$B'" reopened
is "$(sent "$B" reopened)" "email:kabag.ap@$ORG" "tidak puas: up to the Kabag Administrasi Pembelajaran"

# ---- 5.f: monitoring: the telephone complaint left unanswered ----
out=$(run_at "$(col response_due_at "$C")")
like "$out" "$C +escalate +level 1: escalated to kabag-ap" "5.f: overdue: to the Kabag"
out=$(run_at "$(next_at "$C")")
like "$out" "$C +escalate +level 2: escalated to kepala-bapkm" "5.f: still unmet: to the Kepala BAPKM"
is "$(sent "$C" escalation)" "email:kabag.ap@$ORG email:kepala.bapkm@$ORG" "5.f: ... each told by mail"
out=$(run_at "$(sched_at monitoring)")
like "$out" "schedule:monitoring +digest" "5.f: the weekly monitoring digest"
like "$(sq "SELECT body FROM outbox WHERE kind = 'digest' AND officer = 'kabag-ap' ORDER BY id DESC LIMIT 1")" "$C" \
	"5.f: ... the Kabag's lists the overdue call"

# ---- 5.g: kept as mail and letter files ----
like "$(complaintctl show "$B" --full)" "surat\\.pdf" "5.g: the letter's scan is kept on the case"
is "$(sq "SELECT count(*) FROM message WHERE complaint_id = $(cid "$A") AND raw IS NOT NULL")" \
	"$(sq "SELECT count(*) FROM message WHERE complaint_id = $(cid "$A") AND kind <> 'staff_entry' AND raw IS NOT NULL")" \
	"5.g: every mail on the case is kept"
check "5.g: ... with its raw bytes" [ "$(sq "SELECT count(*) FROM message WHERE complaint_id = $(cid "$A") AND raw IS NOT NULL")" -ge 3 ]
complaintctl export --from 2026-01-01 --to 2027-12-31 -o "$WORK/arsip.csv"
for r in "$A" "$B" "$C" "$D"; do
	check "5.g: the export holds $r" grep -q "$r" "$WORK/arsip.csv"
done
last=$(sq "SELECT max(id) FROM outbox")
out=$(run_at "$(sched_at rekap-bulanan)")
like "$out" "schedule:rekap-bulanan +recap +kepala-bapkm, kabag-ap" "5.f: the monthly recap to the Kepala BAPKM and the Kabag"
check "the daemon sends what was queued" wait_for 30 outbox_settled
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
