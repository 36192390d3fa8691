# walk_consultancy.sh — the consultancy's "Prosedur Penanganan Keluhan
# Pelanggan" (Sentral Tehnologi Managemen, STM/PP02/08) played through
# etc/examples/consultancy.conf as shipped, on the real daemon, Dovecot
# (IMAP) and the SMTP sink; time only through `complaintctl timers run
# --at`.
#
# The procedure's steps, and the assertions that cover them:
#   1-2   Sales records each complaint (email/website, telephone, survey)
#         in the Log keluhan pelanggan -> "1-2:" (IMAP, --channel phone,
#         --channel letter; complaintctl list)
#   3     every complaint to the Koordinator Sales -> "3:"
#   4     non-technical to Sales, technical to the Koordinator Konsultan
#         -> "4:"
#   5-6   passed to the PIC, who corrects -> "5-6:" (assign --add, the
#         consultant's note)
#   7     a CPAR for every complaint -> step_cpar_consultancy (cpar_required:
#         opened with every case, owned by the Koordinator Sales)
#   8-12  plan, jawaban claim checked by the Koordinator Sales, approved
#         by the Direktur -> "12:" (Sales's answer waits as a draft, the
#         coordinator's check as a note, the Direktur's approval)
#   13-14 Sales writes and sends the jawaban claim -> "13:", "14:" (Sales's
#         #selesai by mail, sent once approved)
#   16-17 the client not satisfied: to the Koordinator Sales and the
#         Direktur -> "16-17:" (reopened, the Direktur told); satisfied
#         -> "puas:"
#   (time) a claim unanswered -> "overdue:" (to the Direktur)
#   indicators: response time and number of claims below the company's
#         standard -> "indikator:" (complaintctl report, the monthly recap)
. "$TOP/tests/procedures/lib.sh"

rig_dovecot || exit 1
rig_smtp
walk_conf consultancy
check "the shipped consultancy.conf runs on the rig (complaintd -t)" \
	complaintd -t -c "$WORK/complaintd.conf"
daemon_start
ORG=stm.co.id
complaintctl timers run >/dev/null

# ---- 1-2: by email (and the website's form) ----
MAIL_TO=claim@$ORG mail_from "Hendra <hendra.qa@pt-makmur.co.id>" "Sertifikat pelatihan belum dikirim" walk-stm-a1@pt-makmur.co.id \
	>"$WORK/a.eml" <<'EOF2'
Selamat siang. Sertifikat peserta pelatihan internal bulan lalu belum
kami terima sampai hari ini. Mohon segera dikirim.
EOF2
MAIL_TO=claim@$ORG mail_from "Website STM <web@$ORG>" "Form keluhan website: konsultan" walk-stm-b1@$ORG \
	>"$WORK/b.eml" <<'EOF2'
Nama: Maya (PT Sinar Jaya)
Konsultan kami sering membatalkan jadwal pendampingan implementasi ISO 9001.
EOF2
deliver test INBOX "$WORK/a.eml" "$WORK/b.eml"
check "1-2: two mails arrive by IMAP and are recorded" wait_sq 20 "SELECT count(*) FROM complaint" 2
A=$(sq "SELECT c.reference FROM complaint c JOIN message m ON m.complaint_id = c.id WHERE m.external_id = 'walk-stm-a1@pt-makmur.co.id'")
B=$(sq "SELECT c.reference FROM complaint c JOIN message m ON m.complaint_id = c.id WHERE m.external_id = 'walk-stm-b1@$ORG'")
like "$A $B" "^CLM-20[0-9]{2}-[0-9]{4} CLM-20[0-9]{2}-[0-9]{4}$" "1-2: each has its claim number"
is "$(col category "$A")/$(officers_of "$A")" non-teknis/koord-sales,sales "4: non-technical (certificate) -> Sales"
is "$(col category "$B")/$(officers_of "$B")" teknis/koord-konsultan,koord-sales "4: technical (konsultan) -> the Koordinator Konsultan"
is "$(sent "$A" notify)" "email:koord.sales@$ORG email:sales@$ORG" \
	"3: the Koordinator Sales is told (and Sales)"
is "$(sent "$B" notify)" "email:koord.konsultan@$ORG email:koord.sales@$ORG" \
	"3: ... also of the technical one"
check "the client is acknowledged through the mail server" \
	wait_for 20 sh -c "grep -l '^X-Rig-Rcpt-To: <hendra.qa@pt-makmur.co.id>' '$SMTP_DIR'/new/* >/dev/null 2>&1"

# ---- 1-2: by telephone, and a survey form ----
C=$(complaintctl new --channel phone --name "Pak Joni (CV Abadi)" --email joni@cv-abadi.co.id \
	--subject "Invoice salah" --text "Nilai invoice tidak sesuai kontrak." --as sales); rc=$?
is "$rc/$(col channel "$C")/$(col category "$C")" 0/phone/non-teknis "1-2: Sales records a call"
D=$(complaintctl new --channel letter --name "Responden survey PT Baja" --email survey@ptbaja.co.id \
	--subject "Hasil survey kepuasan" --text "Materi pelatihan dikirim terlambat." --as sales)
is "$(col channel "$D")" letter "1-2: ... and a complaint from the survey"
complaintctl list >"$WORK/log.txt"
check "1-2: the Log keluhan pelanggan: complaintctl list" grep -q "^$C " "$WORK/log.txt"
check "1-2: ... both new ones" grep -q "^$D " "$WORK/log.txt"

# ---- 5-6: the Koordinator Konsultan passes it to the consultant ----
complaintctl assign "$B" konsultan-1 --add --as koord-konsultan >/dev/null; rc=$?
is "$rc/$(officers_of "$B")" "0/konsultan-1,koord-konsultan,koord-sales" "5: the consultant (PIC) is brought in"
is "$(sent "$B" notify | tr ' ' '\n' | grep -c fajar@)" 1 "5: ... and told"
complaintctl note "$B" "Jadwal pendampingan disusun ulang dengan klien, dua sesi pengganti." --as konsultan-1 >/dev/null
is "$(sq "SELECT actor FROM event WHERE kind = 'note' AND complaint_id = $(cid "$B")")" officer:konsultan-1 \
	"6: the PIC's correction is recorded"

step_cpar_consultancy() {
	out=$(complaintctl cpar --help); rc=$?
	is "$rc" 0 "7: complaintctl cpar exists"
	for r in "$A" "$B"; do
		like "$(complaintctl cpar list)" "$r" "7: a CPAR for every complaint ($r)"
	done
	like "$(sq "SELECT group_concat(officer) FROM outbox WHERE kind LIKE 'cpar%'")" "mr" "7: the MR (quality_manager) is told"
}
step_cpar_consultancy

# ---- 13-14 / 12: Sales writes the jawaban claim; checked, approved ----
tok=$(col token "$A") nid=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'notify' AND officer = 'sales' AND channel = 'email' AND complaint_id = $(cid "$A")")
MAIL_TO=claim+$tok@$ORG mail_from "Yuni Kartika <sales@$ORG>" "Re: [$A] Pengaduan baru" walk-stm-sales1@$ORG "$nid" \
	>"$WORK/sales.eml" <<'EOF2'
#selesai Sertifikat peserta sudah kami kirim hari ini lewat JNE, resi 0123456789.
EOF2
deliver test INBOX "$WORK/sales.eml"
check "13: Sales's jawaban claim by mail waits as a draft" \
	wait_sq 20 "SELECT count(*) FROM draft WHERE status = 'pending' AND complaint_id = $(cid "$A")" 1
is "$(sent "$A" resolution)" "" "12: nothing goes to the client before the Direktur approves"
is "$(sent "$A" approval)" "email:direktur@$ORG" "12: the Direktur gets it to approve"
complaintctl note "$A" "Dicek: nomor resi benar, daftar peserta lengkap." --as koord-sales >/dev/null
is "$(sq "SELECT actor FROM event WHERE kind = 'note' AND complaint_id = $(cid "$A") ORDER BY id DESC LIMIT 1")" officer:koord-sales \
	"12: the Koordinator Sales's check is on the case"
draft=$(sq "SELECT id FROM draft WHERE status = 'pending' AND complaint_id = $(cid "$A")")
complaintctl approve "$draft" --as koord-sales 2>/dev/null
is "$?" 77 "12: the Koordinator Sales cannot send it alone (not the approver)"
complaintctl approve "$draft" --as direktur >/dev/null
is "$?/$(col status "$A")" 0/resolved "12: approved by the Direktur"
is "$(sent "$A" resolution)" "email:hendra.qa@pt-makmur.co.id" "14: the jawaban claim goes to the client"
is "$(sq "SELECT actor FROM event WHERE kind = 'resolved' AND complaint_id = $(cid "$A")")" officer:sales "14: ... as Sales's answer"

# ---- 16-17: the client is not satisfied ----
MAIL_TO=claim@$ORG mail_from "Hendra <hendra.qa@pt-makmur.co.id>" "Re: [$A] Jawaban" walk-stm-a2@pt-makmur.co.id "$(our_msgid "$A" resolution)" \
	>"$WORK/a2.eml" <<'EOF2'
Tidak puas. Sertifikat yang datang namanya salah semua.
EOF2
deliver test INBOX "$WORK/a2.eml"
check "16-17: the client's 'tidak puas' reopens the claim" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$A'" reopened
is "$(sent "$A" feedback)" "email:koord.sales@$ORG email:sales@$ORG" \
	"16: Sales and the Koordinator Sales are told"
is "$(sent "$A" reopened)" "email:direktur@$ORG" "17: ... and the Direktur, for special action"

# ---- 15: the technical claim's CPAR planned by the Koordinator Sales (a
# claim closes once its CPAR is planned: cpar_close_when) ----
KB=$(sq "SELECT k.reference FROM cpar k JOIN cpar_case l ON l.cpar_id = k.id WHERE l.complaint_id = $(cid "$B")")
complaintctl cpar update "$KB" --as koord-sales --root-cause "Jadwal konsultan bentrok, tidak ada cadangan" \
	--corrective "Setiap jadwal pendampingan punya konsultan cadangan" --due 2027-06-30 >/dev/null
is "$?/$(sq "SELECT status FROM cpar WHERE reference = '$KB'")" 0/planned "15: the CPAR of the technical claim is planned"

# ---- the technical claim answered; the client satisfied ----
complaintctl resolve "$B" --message "Dua sesi pendampingan pengganti sudah dijadwalkan." --as koord-konsultan >/dev/null
complaintctl approve "$(sq "SELECT id FROM draft WHERE status = 'pending' AND complaint_id = $(cid "$B")")" --as direktur >/dev/null
is "$?/$(col status "$B")" 0/resolved "12: the technical answer approved by the Direktur too"
MAIL_TO=claim@$ORG mail_from "Website STM <web@$ORG>" "Re: [$B] Jawaban" walk-stm-b2@$ORG "$(our_msgid "$B" resolution)" \
	>"$WORK/b2.eml" <<'EOF2'
Puas, terima kasih.
EOF2
deliver test INBOX "$WORK/b2.eml"
check "puas: closed as satisfied" \
	wait_sq 20 "SELECT status || '/' || satisfaction FROM complaint WHERE reference = '$B'" closed/satisfied

# ---- overdue: the survey's complaint never answered ----
out=$(run_at "$(col response_due_at "$D")")
like "$out" "$D +escalate +level 1: escalated to direktur" "overdue: the claim goes to the Direktur"
is "$(sent "$D" escalation)" "email:direktur@$ORG" "overdue: ... by mail"

# ---- indicators: response time and number of claims ----
rep=$(complaintctl report --period this-month 2>/dev/null; complaintctl report --period last-month 2>/dev/null)
like "$rep" "Tanggapan pertama dalam 8 jam kerja \\(target 95 %\\)" "indikator: response time against the company standard"
like "$rep" "Paling banyak 5 keluhan sebulan" "indikator: the number of claims against the standard"
last=$(sq "SELECT max(id) FROM outbox")
out=$(run_at "$(sched_at rekap-bulanan)")
like "$out" "schedule:rekap-bulanan +recap +direktur, mr, koord-sales" "indikator: the monthly recap to the Direktur, the MR, the Koordinator Sales"
check "the daemon sends what was queued" wait_for 30 outbox_settled
is "$(mails "sorted(set(r for m in msgs if m['row'] and m['row']['kind'] == 'recap' and m['row']['id'] > $last for r in m['rcpt']))" | tr '\n' ' ')" \
	"direktur@$ORG koord.sales@$ORG mr@$ORG " "indikator: the mail server got the recap for the three"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
