# walk_school.sh — the vocational school's "Prosedur Penanganan Keluhan
# Pelanggan" (ISO 9001:2015) played through etc/examples/school.conf as
# shipped, on the real daemon, Dovecot (IMAP) and the SMTP sink; time
# only through `complaintctl timers run --at`.
#
# The procedure's steps, and the assertions that cover them:
#   5.3 / 6.1  Formulir saran dan keluhan, from the box
#              -> "5.3:" (complaintctl new --channel box, the scan
#                 attached, entered by the ISO secretariat)
#   (written)  the same form by email -> "email:" (IMAP)
#   5.4.2      recorded on the Rekaman Keluhan Pelanggan and distributed
#              -> "5.4.2:" (reference, category, officer, notification;
#                 complaintctl show)
#   5.1.2      academic -> Wakil Kepala Sekolah Bidang Kurikulum
#              -> "5.1.2:"
#   5.1.3      non-academic, also when no keyword matches -> Wakil Kepala
#              Sekolah Bidang Sarana dan Prasarana -> "5.1.3:"
#   5.4.3      the WMM coordinates the cases that need the customer
#              -> "5.4.3:" (a coordinator's note and question on a
#                 colleague's case)
#   5.4.5      the correction recorded, signed by the vice-principal
#              -> "5.4.5:" (the answer by the officer's mail, recorded
#                 with their name)
#   feedback   satisfied -> "puas:"; not satisfied -> "tidak puas:"
#   5.1.1/5.4.4 the WMM makes sure every complaint is handled: overdue
#              -> "overdue:" (reminder, overdue notice, escalation to the
#                 WMM, then the principal)
#   (no answer) -> "no feedback:" (reminder, closed)
#   5.4.6      corrective action per the corrective-action procedure
#              -> step_cpar_school
#   5.4.1/5.4.7 the ISO secretariat checks every two weeks and recaps
#              -> "5.4.1:" (the fortnightly recap, complaintctl report)
. "$TOP/tests/procedures/lib.sh"

rig_dovecot || exit 1
rig_smtp
walk_conf school
check "the shipped school.conf runs on the rig (complaintd -t)" \
	complaintd -t -c "$WORK/complaintd.conf"
daemon_start
ORG=smkn1.sch.id
KUR=wakasek.kurikulum@$ORG SARPRAS=wakasek.sarpras@$ORG WMM=wmm@$ORG
KEPSEK=kepsek@$ORG ISO=iso@$ORG
# the schedules take their first occurrence from now
complaintctl timers run >/dev/null

# ---- 5.3: a form from the suggestion box, entered by the ISO secretariat ----
printf '%%PDF-1.4 formulir keluhan\n' >"$WORK/formulir.pdf"
A=$(complaintctl new --channel box --name "Rudi Hartono (XI TKJ 2)" \
	--email rudi.xitkj2@gmail.com --subject "Formulir keluhan: nilai ulangan" \
	--text "Nilai ulangan harian Basis Data saya belum dimasukkan guru, padahal sudah remedial." \
	--attach "$WORK/formulir.pdf" --as sekretariat-iso); rc=$?
is "$rc" 0 "5.3: the form from the box is entered (complaintctl new --channel box)"
like "$A" "^KEL-20[0-9]{2}-[0-9]{6}$" "5.4.2: it has its Rekaman number: $A"
is "$(col channel "$A")" box "5.3: recorded as from the suggestion box"
is "$(sq "SELECT actor FROM event WHERE kind = 'created' AND complaint_id = $(cid "$A")")" \
	officer:sekretariat-iso "5.4.2: the ISO secretariat recorded it"
is "$(sq "SELECT a.filename FROM attachment a JOIN message m ON m.id = a.message_id WHERE m.complaint_id = $(cid "$A")")" \
	formulir.pdf "5.3: the scan of the paper form is on the case"
is "$(col category "$A")/$(officers_of "$A")" akademik/wks-kurikulum \
	"5.1.2: academic (nilai) -> the vice-principal for curriculum"
is "$(sent "$A" notify)" "email:$KUR" "5.4.2: distributed: the vice-principal is notified"
is "$(sent "$A" ack)" "email:rudi.xitkj2@gmail.com" "the pupil is acknowledged"

# ---- email: a parent's complaint, non-academic, no keyword ----
MAIL_TO=pengaduan@$ORG mail_from "Ibu Sari <sari.ortu@gmail.com>" "Seragam belum dibagikan" walk-school-b1@gmail.com \
	>"$WORK/b.eml" <<'EOF2'
Assalamualaikum. Anak saya Dimas (X TKJ 1) sudah membayar seragam bulan
Juli, sampai sekarang seragamnya belum dibagikan. Mohon penjelasan.
EOF2
deliver test INBOX "$WORK/b.eml"
check "email: the parent's mail arrives by IMAP and opens a case" \
	wait_sq 20 "SELECT count(*) FROM complaint" 2
B=$(newest_ref)
is "$(col channel "$B")" email "email: channel email"
is "$(col category "$B")/$(officers_of "$B")" non-akademik/wks-sarpras \
	"5.1.3: no keyword matches: non-academic -> the vice-principal for facilities"
is "$(sent "$B" notify)" "email:$SARPRAS" "5.1.3: ... who is notified, not the WMM"
check "the parent's acknowledgement reaches the mail server" \
	wait_for 20 sh -c "grep -l '^X-Rig-Rcpt-To: <sari.ortu@gmail.com>' '$SMTP_DIR'/new/* >/dev/null 2>&1"
show=$(complaintctl show "$B")
like "$show" "$B +\\[[a-z_]+\\] +non-akademik" "5.4.2: complaintctl show is the Rekaman: number, status, category"
contains "$show" "seragamnya belum dibagikan" "5.4.2: ... and the complaint itself"

# ---- 5.4.3: the WMM coordinates a case that needs the customer ----
out=$(complaintctl note "$B" "Koordinasi dengan koperasi sekolah: stok seragam" --as wmm); rc=$?
is "$rc" 0 "5.4.3: the WMM acts on a vice-principal's case (coordinator)"
is "$(sq "SELECT actor || '|' || detail FROM event WHERE kind = 'note' AND complaint_id = $(cid "$B")")" \
	"officer:wmm|Koordinasi dengan koperasi sekolah: stok seragam" "5.4.3: ... recorded with her name"
out=$(complaintctl note "$A" "lihat" --as wks-sarpras 2>&1); rc=$?
is "$rc" 77 "5.1.4: a unit handles its own field: facilities may not act on an academic case"

# ---- 5.4.5: the vice-principal answers by mail; the pupil is satisfied ----
tok=$(col token "$A") nid=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'notify' AND complaint_id = $(cid "$A")")
MAIL_TO=pengaduan+$tok@$ORG mail_from "Budi Santoso <$KUR>" "Re: [$A] Pengaduan baru" walk-school-kur1@$ORG "$nid" \
	>"$WORK/kur.eml" <<'EOF2'
#selesai Nilai ulangan Basis Data Rudi sudah dimasukkan: 82 (setelah remedial).
EOF2
deliver test INBOX "$WORK/kur.eml"
check "5.4.5: the vice-principal's #selesai by mail answers the case" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$A'" resolved
is "$(sq "SELECT actor FROM event WHERE kind = 'resolved' AND complaint_id = $(cid "$A")")" officer:wks-kurikulum \
	"5.4.5: the answer is signed: recorded as the vice-principal's"
is "$(sent "$A" resolution)" "email:rudi.xitkj2@gmail.com" "5.4.5: the answer goes to the pupil"
contains "$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND complaint_id = $(cid "$A")")" \
	"sudah dimasukkan: 82" "... with the vice-principal's words"
MAIL_TO=pengaduan@$ORG mail_from "Rudi <rudi.xitkj2@gmail.com>" "Re: [$A] Jawaban" walk-school-a2@gmail.com "$(our_msgid "$A" resolution)" \
	>"$WORK/a2.eml" <<'EOF2'
Puas pak, terima kasih.
EOF2
deliver test INBOX "$WORK/a2.eml"
check "puas: the pupil's answer closes the case" \
	wait_sq 20 "SELECT status || '/' || satisfaction FROM complaint WHERE reference = '$A'" closed/satisfied

# ---- 5.1.1 / 5.4.4: overdue: the WMM, then the principal ----
due=$(col response_due_at "$B")
out=$(run_at "$(next_at "$B")")
like "$out" "$B +remind_response +reminder to wks-sarpras" "overdue: before the due time, the vice-principal is reminded"
is "$(sent "$B" reminder)" "email:$SARPRAS" "overdue: ... by email"
out=$(run_at "$due")
like "$out" "escalate +level 1: escalated to wmm" "overdue: at the due time the case goes up to the WMM (5.1.1)"
is "$(sent "$B" overdue)" "email:$SARPRAS" "overdue: the vice-principal is told it is overdue"
is "$(sent "$B" escalation)" "email:$WMM" "overdue: the WMM is told"
is "$(officers_of "$B")" "wks-sarpras,wmm" "overdue: ... and joins the case"
complaintctl reply "$B" "Seragam sedang dijahit ulang oleh penyedia, kami kabari minggu ini." --as wks-sarpras >/dev/null
is "$(sent "$B" interim)" "email:sari.ortu@gmail.com" "the vice-principal's interim answer reaches the parent"
complaintctl resolve "$B" --message "Seragam Dimas sudah dapat diambil di koperasi sekolah." --as wks-sarpras >/dev/null
is "$(col status "$B")" resolved "the vice-principal answers"

# ---- not satisfied: reopened, up to the principal ----
MAIL_TO=pengaduan@$ORG mail_from "Ibu Sari <sari.ortu@gmail.com>" "Re: [$B] Jawaban" walk-school-b2@gmail.com "$(our_msgid "$B" resolution)" \
	>"$WORK/b2.eml" <<'EOF2'
Tidak puas, ukurannya salah dan belum diganti.
EOF2
deliver test INBOX "$WORK/b2.eml"
check "tidak puas: the parent's answer reopens the case" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$B'" reopened
is "$(col satisfaction "$B")" dissatisfied "tidak puas: recorded as not satisfied"
is "$(sent "$B" feedback)" "email:$SARPRAS email:$WMM" "tidak puas: the vice-principal and the WMM are told"
is "$(sent "$B" reopened)" "email:$KEPSEK" "tidak puas: escalated to the principal"
like "$(sq "SELECT subject FROM outbox WHERE kind = 'reopened' AND complaint_id = $(cid "$B")")" "Pelapor tidak puas - eskalasi tingkat 2" \
	"tidak puas: ... saying the complainant is not satisfied"
is "$(col escalation_level "$B")" 2 "tidak puas: level 2"

# ---- the answer again; no feedback: reminded, then closed ----
complaintctl resolve "$B" --message "Seragam sudah ditukar dengan ukuran yang benar." --as wks-sarpras >/dev/null
is "$(col status "$B")/$(col next_action "$B")" resolved/remind_feedback "the second answer waits for feedback"
like "$(run_at "$(next_at "$B")")" "remind_feedback" "no feedback: halfway, the parent is reminded"
is "$(sent "$B" feedback-reminder)" "email:sari.ortu@gmail.com" "no feedback: ... by email"
like "$(run_at "$(next_at "$B")")" "close_no_feedback" "no feedback: closed at the end"
is "$(col status "$B")/$(col satisfaction "$B")" closed/no_answer "no feedback: closed, satisfaction \"no answer\""

# ---- 5.4.6: corrective action (issue 11) ----
step_cpar_school() {
	out=$(complaintctl cpar --help); rc=$?
	is "$rc" 0 "5.4.6: complaintctl cpar exists"
	complaintctl cpar new "$B" --as wks-sarpras \
		--nonconformity "Seragam yang dibagikan tidak sesuai ukuran" \
		--root-cause "Ukuran seragam tidak dicatat saat pemesanan" \
		--corrective "Formulir pemesanan seragam mencatat ukuran" \
		--owner wks-sarpras --due 2027-06-30 >/dev/null
	is "$?" 0 "5.4.6: the vice-principal opens a corrective action on the case"
	like "$(complaintctl cpar list)" "$B" "5.4.6: ... listed"
	like "$(sq "SELECT group_concat(officer) FROM outbox WHERE kind LIKE 'cpar%' AND complaint_id = $(cid "$B")")" "wmm" \
		"5.4.4: the WMM (quality_manager) is told, to follow it to the end"
}
step_cpar_school

# ---- 5.4.1 / 5.4.7: the ISO secretariat's fortnightly recap ----
last=$(sq "SELECT max(id) FROM outbox")
out=$(run_at "$(sched_at rekap-iso)")
like "$out" "schedule:rekap-iso +recap +sekretariat-iso, wmm" "5.4.1: every two weeks, the recap to the ISO secretariat and the WMM"
is "$(sq "SELECT group_concat(x, ' ') FROM (SELECT channel || ':' || recipient AS x FROM outbox WHERE kind = 'recap' AND id > $last ORDER BY 1)")" \
	"email:$ISO email:$WMM" "5.4.1: ... by email"
like "$(sq "SELECT filename FROM outbox_attachment WHERE outbox_id > $last LIMIT 1")" "^keluhan-.*\\.csv$" "6.3: the cases of the period attached (CSV)"
rep=$(complaintctl report --from "$(at "$(col received_at "$A")" | cut -c1-10)" --to "$(at "$(sq "SELECT max(closed_at) FROM complaint")" | cut -c1-10)")
like "$rep" "Diterima +2" "5.4.7: the recap counts the two complaints"
like "$rep" "Puas +1" "5.4.7: ... one satisfied"
check "the daemon sends what was queued" wait_for 30 outbox_settled
is "$(mails "sorted(set(r for m in msgs if m['row'] and m['row']['kind'] == 'recap' and m['row']['id'] > $last for r in m['rcpt']))" | tr '\n' ' ')" \
	"$ISO $WMM " "5.4.1: the mail server got the fortnightly recap for both"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
