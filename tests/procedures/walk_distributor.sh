# walk_distributor.sh — the medical-devices distributor's "Prosedur Tetap
# (PROTAP) Penanganan Komplain" (PT. PANASEA) played through
# etc/examples/distributor.conf as shipped, on the real daemon, gammu's
# dummy modem and the SMTP sink; time only through `complaintctl timers
# run --at`.
#
# The PROTAP's steps, and the assertions that cover them:
#   E.1.1-3  in person: received, seated, the Form Keluhan Pelanggan
#            -> "E.1.3:" (complaintctl new --channel walk-in by the petugas)
#   E.1.4    the Tim Manajemen Komplain (Marketing / Manajer Marketing) told
#            -> "E.1.4:" (notifications; a device fault also the PJ Teknis)
#   E.1.5-6  the Manajer Marketing meets the customer, gives the solution
#            -> "E.1.6:" (the manager's interim answer)
#   E.1.7    the PJ Teknis documents the result (Form Laporan Hasil
#            Evaluasi) -> "E.1.7:" (the PJ Teknis's note)
#   E.1.8    the marketing team feeds the result back -> "E.1.8:" (the
#            answer to the customer) and the customer's PUAS -> "puas:"
#   E.2.1-3  suggestion box, telephone, SMS: recorded, the team told
#            -> "E.2.1:" (the modem, --channel phone, --channel box)
#   E.2.4-5  the Manajer Marketing analyses and plans -> "E.2.4:" (the
#            manager's CATATAN by SMS: the plan Marketing follows)
#   E.2.6    Marketing handles it -> "E.2.6:" (Marketing's SELESAI by SMS)
#   E.2.8    fed back; not satisfied -> "tidak puas:" (reopened, to the
#            Direktur)
#   (time)   a complaint left unanswered -> "overdue:" (Marketing reminded,
#            then the Manajer Marketing and the Direktur)
#   E.1.7    evaluation as corrective action -> step_cpar_distributor
#   E.1.9 / E.2.9  evaluated, reported to the Direktur, monitored
#            -> "E.2.9:" (the weekly monitoring digest, the monthly recap)
. "$TOP/tests/procedures/lib.sh"

rig_smtp
walk_conf distributor
check "the shipped distributor.conf runs on the rig (complaintd -t)" \
	complaintd -t -c "$WORK/complaintd.conf"
daemon_start
ORG=panasea.co.id
DIR=+628127000101 MGR=+628127000102 PJT=+628127000103 MKT=+628127000104
complaintctl timers run >/dev/null

# ---- E.1: in person ----
A=$(complaintctl new --channel walk-in --name "dr. Rina (Klinik Sehat Mandiri)" \
	--email klinik.sehatmandiri@gmail.com --subject "Tensimeter digital error" \
	--text "Tensimeter digital yang kami beli bulan lalu error terus, angka tidak akurat." --as petugas); rc=$?
is "$rc/$(col channel "$A")" 0/walk-in "E.1.3: the petugas fills the Form Keluhan Pelanggan (walk-in)"
is "$(sq "SELECT actor FROM event WHERE kind = 'created' AND complaint_id = $(cid "$A")")" officer:petugas \
	"E.1.3: ... recorded as the petugas's"
is "$(col category "$A")/$(officers_of "$A")" alat/manajer-marketing,marketing,pj-teknis \
	"E.1.4: a device fault: Marketing, the Manajer Marketing and the PJ Teknis"
is "$(sent "$A" notify)" "email:marketing.manager@$ORG email:marketing@$ORG email:pjt@$ORG sms:$MGR sms:$PJT sms:$MKT" \
	"E.1.4: the Tim Manajemen Komplain is told at once, by mail and SMS"
is "$(sent "$A" ack)" "email:klinik.sehatmandiri@gmail.com" "the customer is acknowledged by mail"
complaintctl reply "$A" "Kami jemput unitnya besok untuk dicek dan dikalibrasi." --as manajer-marketing >/dev/null
is "$(sent "$A" interim)" "email:klinik.sehatmandiri@gmail.com" "E.1.6: the Manajer Marketing's solution reaches the customer"
complaintctl note "$A" "Laporan Hasil Evaluasi: sensor tekanan rusak, unit diganti baru (garansi)." --as pj-teknis >/dev/null
is "$(sq "SELECT actor || '|' || detail FROM event WHERE kind = 'note' AND complaint_id = $(cid "$A")")" \
	"officer:pj-teknis|Laporan Hasil Evaluasi: sensor tekanan rusak, unit diganti baru (garansi)." \
	"E.1.7: the PJ Teknis documents the result on the case"
complaintctl resolve "$A" --message "Unit tensimeter sudah kami ganti baru (garansi)." --as marketing >/dev/null
is "$(col status "$A")/$(sent "$A" resolution)" "resolved/email:klinik.sehatmandiri@gmail.com" \
	"E.1.8: Marketing feeds the result back to the customer"
tokA=$(col csecret "$A")
MAIL_TO="komplain+$tokA@$ORG" mail_from "dr. Rina <klinik.sehatmandiri@gmail.com>" "Re: [$A] Jawaban" walk-dist-a2@gmail.com "$(our_msgid "$A" resolution)" \
	>"$WORK/a2.eml" <<'EOF2'
Sudah diterima, puas. Terima kasih.
EOF2
complaintctl ingest --quiet <"$WORK/a2.eml"
is "$(col status "$A")/$(col satisfaction "$A")" closed/satisfied "puas: the customer's answer closes the case"

# ---- E.2: by SMS ----
sms_in --from 081377700201 --text "Pengiriman kateter untuk RSUD kami terlambat 3 hari dari jadwal"
check "E.2.1: the customer's SMS opens a case" wait_sq 20 "SELECT count(*) FROM complaint" 2
B=$(newest_ref)
is "$(col channel "$B")/$(col category "$B")/$(officers_of "$B")" sms/penjualan/manajer-marketing,marketing \
	"E.2.3: sales and distribution: Marketing and the Manajer Marketing"
check "E.2.1: the customer is acknowledged by SMS" \
	wait_sq 20 "SELECT status FROM outbox WHERE kind = 'ack' AND complaint_id = $(cid "$B")" sent
sms_in --from 08127000102 --text "$B CATATAN Analisa: ekspedisi terlambat; rencana: kirim ulang via kurir kilat, Marketing hubungi RSUD"
check "E.2.4: the Manajer Marketing's analysis and plan by SMS" \
	wait_sq 20 "SELECT count(*) FROM event WHERE kind = 'note' AND actor = 'officer:manajer-marketing' AND complaint_id = $(cid "$B")" 1

sms_in --from 08127000104 --text "$B SELESAI Kateter sudah dikirim ulang via kurir kilat, tiba besok pagi."
check "E.2.6: Marketing's SELESAI by SMS answers the case (no approval in the PROTAP)" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$B'" resolved
is "$(sent "$B" resolution)" "sms:+6281377700201" "E.2.8: fed back to the customer by SMS"
sms_in --from 081377700201 --text "Tidak puas, barang belum sampai juga"
check "tidak puas: the customer's SMS reopens the case" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$B'" reopened
is "$(sent "$B" reopened)" "email:direktur@$ORG" "tidak puas: reported to the Direktur"

# ---- E.2: by telephone and from the box; one left unanswered ----
C=$(complaintctl new --channel phone --name "Apotek Sumber Waras" --phone 0813-7770-0301 \
	--subject "Harga berbeda dari penawaran" --text "Harga di faktur berbeda dari surat penawaran." --as petugas)
is "$(col channel "$C")/$(col category "$C")" phone/penjualan "E.2.1: a telephone complaint recorded"
is "$(sent "$C" ack)" "sms:+6281377700301" "E.2.1: ... acknowledged by SMS"
D=$(printf 'Sales jarang datang ke puskesmas kami.\n' | complaintctl new --channel box --subject "Kotak saran" --as petugas)
is "$(col channel "$D")" box "E.2.1: a note from the suggestion box recorded"
out=$(run_at "$(next_at "$C")")
like "$out" "$C +remind_response +reminder to manajer-marketing, marketing" "overdue: the team is reminded"
out=$(run_at "$(col response_due_at "$C")")
like "$out" "$C +escalate +level 1: escalated to direktur" "overdue: at the due time, the Direktur"
is "$(sent "$C" escalation)" "email:direktur@$ORG" "overdue: ... told by mail"
is "$(sent "$C" overdue)" "email:marketing.manager@$ORG email:marketing@$ORG sms:$MGR sms:$MKT" \
	"overdue: Marketing and the manager are told it is overdue"

step_cpar_distributor() {
	out=$(complaintctl cpar --help); rc=$?
	is "$rc" 0 "E.1.7: complaintctl cpar exists"
	complaintctl cpar new "$A" --as pj-teknis --nonconformity "Alat tidak berfungsi saat diterima" \
		--root-cause "Sensor tekanan cacat produksi" \
		--corrective "Uji fungsi setiap unit sebelum dikirim" --owner pj-teknis --due 2027-06-30 >/dev/null
	like "$(complaintctl cpar list)" "$A" "E.1.7: the PJ Teknis's evaluation as a corrective action"
}
step_cpar_distributor

# ---- E.1.9 / E.2.9: monitoring and the report to the Direktur ----
out=$(run_at "$(sched_at monitoring)")
like "$out" "schedule:monitoring +digest" "E.2.9: every week, the monitoring digest"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'digest' AND officer = 'marketing' AND channel = 'email'")" 1 \
	"E.2.9: ... Marketing gets its open complaints"
last=$(sq "SELECT max(id) FROM outbox")
out=$(run_at "$(sched_at rekap-bulanan)")
like "$out" "schedule:rekap-bulanan +recap +direktur, manajer-marketing" "E.1.9: the monthly evaluation to the Direktur"
is "$(sq "SELECT group_concat(x, ' ') FROM (SELECT DISTINCT channel || ':' || recipient AS x FROM outbox WHERE kind = 'recap' AND id > $last ORDER BY 1)")" \
	"email:direktur@$ORG email:marketing.manager@$ORG sms:$MGR" "E.1.9: ... by mail (the manager's counts by SMS too)"
rep=$(complaintctl report --period this-month 2>/dev/null; complaintctl report --period last-month 2>/dev/null)
like "$rep" "Diterima +4" "E.2.9: the Form Monitoring: four complaints"
check "the daemon sends what was queued" wait_for 30 outbox_settled
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
