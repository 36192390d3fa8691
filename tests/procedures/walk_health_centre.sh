# walk_health_centre.sh — the Puskesmas's "SOP Pengelolaan Umpan Balik dari
# Pengguna Pelayanan" (SOP/ADM/I/09) played through
# etc/examples/health-centre.conf as shipped, on the real daemon, gammu's
# dummy modem and the SMTP sink; time only through `complaintctl timers
# run --at`.
#
# The SOP's steps, and the assertions that cover them:
#   6.a  in person: received, identity asked, the Kepala Tata Usaha told
#        -> "6.a:" (complaintctl new --channel walk-in, the Kasubbag TU
#           notified, the client acknowledged by SMS)
#   6.b  in a meeting, into the notulen -> "6.b:" (--channel meeting)
#   6.c  by telephone, the team told -> "6.c:" (the team leader's BARU SMS)
#   6.d  by SMS: answered politely at once, the Kasubbag TU told
#        -> "6.d:" (the modem, the SMS acknowledgement, notifications)
#   6.e  the suggestion box, opened weekly, into the buku pengaduan
#        -> "6.e:" (the weekly reminder, --channel box, no one to answer;
#           played after "overdue:", as the box is opened a week later)
#   6.f-g the team identifies and distributes -> "6.f-g:" (routing; the
#        team leader re-routes, the unit takes it over)
#   6.h  unit, team, Kasubbag TU, head decide -> "6.h:" (notes)
#   6.j  the unit answers in writing -> "6.j:" (the unit's SELESAI by SMS,
#        the answer to the client by SMS)
#   6.i  the head checks and approves it first -> "6.i:" (the answer waits
#        as a draft; her SETUJU by SMS, complaintctl approve --text)
#   6.k  the client's feedback: satisfied -> "6.k puas:"; not satisfied
#        -> "6.k tidak puas:" (reopened, up to the team leader)
#   (time) unanswered: the unit reminded, overdue, up the chain
#        -> "overdue:" (the team leader, then the Kepala Puskesmas)
#   corrective action (2. Tujuan) -> step_cpar_health (issue 11)
#   6.l  the satisfaction book -> "6.l:" (the case's satisfaction, the
#        monthly recap to the head, the team leader and the Kasubbag TU)
. "$TOP/tests/procedures/lib.sh"

rig_smtp
walk_conf health-centre
check "the shipped health-centre.conf runs on the rig (complaintd -t)" \
	complaintd -t -c "$WORK/complaintd.conf"
daemon_start
ORG=puskesmas-sungaibesar.go.id
KAPUS=+628115000101 TU=+628115000102 KETUA=+628115000103
UKP=+628115000104 FARMASI=+628115000105 UMUM=+628115000106
complaintctl timers run >/dev/null

# ---- 6.a: in person ----
A=$(complaintctl new --channel walk-in --name "Bapak Ahmad Fauzi" --phone 0813-4888-1001 \
	--subject "Antrian poli umum" \
	--text "Antrian poli umum lama sekali, dokter baru datang jam 10." --as ketua-tim); rc=$?
is "$rc/$(col channel "$A")" 0/walk-in "6.a: the petugas records the client's complaint (walk-in)"
is "$(sq "SELECT p.name || ' ' || p.phone FROM complaint c JOIN party p ON p.id = c.party_id WHERE c.reference = '$A'")" \
	"Bapak Ahmad Fauzi +6281348881001" "6.a: ... with the identity asked"
is "$(col category "$A")/$(officers_of "$A")" pelayanan/kasubbag-tu,unit-pelayanan "6.f-g: distributed to the clinical unit (the Kasubbag TU on every case)"
is "$(sent "$A" notify)" "email:tu@$ORG sms:$TU sms:$UKP" \
	"6.a: the Kasubbag Tata Usaha is told (mail and SMS), and the unit (SMS)"
is "$(sent "$A" ack)" "sms:+6281348881001" "6.a: the client is acknowledged by SMS"

# ---- 6.b: in a meeting ----
B=$(complaintctl new --channel meeting --name "Ibu Halimah (kader posyandu)" --phone 0813-4888-1002 \
	--subject "Notulen rapat lintas sektor" \
	--text "Obat untuk hipertensi sering habis, pasien disuruh beli di luar." --as ketua-tim)
is "$(col channel "$B")/$(col category "$B")/$(officers_of "$B")" meeting/obat/kasubbag-tu,unit-farmasi \
	"6.b: a complaint from the meeting's notulen, to the pharmacy"

# ---- 6.c: by telephone, the team leader enters it by SMS ----
sms_in --from 08115000103 --text "BARU 081348881003 Toilet di ruang tunggu kotor dan bau, kata penelepon"
check "6.c: the team leader's BARU SMS opens the case" wait_sq 20 "SELECT count(*) FROM complaint" 3
C=$(newest_ref)
is "$(col channel "$C")/$(col category "$C")/$(officers_of "$C")" phone/sarana/kasubbag-tu,unit-umum \
	"6.c: a telephone complaint, to the unit for facilities"
check "6.c: the team leader gets the reference back by SMS" \
	wait_sq 20 "SELECT count(*) FROM outbox WHERE kind = 'entered' AND recipient = '$KETUA' AND complaint_id = $(cid "$C")" 1

# ---- 6.d: by SMS, answered politely at once ----
sms_in --from 081348881004 --text "Saya mau komplain, kemarin anak saya tidak dilayani karena katanya kartu habis"
check "6.d: the client's SMS opens a case" wait_sq 20 "SELECT count(*) FROM complaint" 4
D=$(newest_ref)
is "$(col channel "$D")/$(col category "$D")/$(officers_of "$D")" sms/umum/kasubbag-tu,ketua-tim \
	"6.d/6.f: not recognised: to the team leader, who identifies it"
check "6.d: the client is answered by SMS at once (acknowledgement sent)" \
	wait_sq 20 "SELECT status FROM outbox WHERE kind = 'ack' AND complaint_id = $(cid "$D")" sent
ack=$(sq "SELECT body FROM outbox WHERE kind = 'ack' AND complaint_id = $(cid "$D")")
like "$ack" "pengaduan Anda kami terima, no\\. $D\\. Jawaban paling lambat" "6.d: ... that it is taken up, and by when"
is "$(sent "$D" notify)" "email:timkeluhan@$ORG email:tu@$ORG sms:$TU sms:$KETUA" \
	"6.d: the Kasubbag TU is told, and the team leader"

# ---- 6.f-g: the team leader identifies it: the pharmacy's ----
complaintctl recategorise "$D" obat --as ketua-tim >/dev/null; rc=$?
is "$rc/$(col category "$D")/$(officers_of "$D")" 0/obat/kasubbag-tu,unit-farmasi \
	"6.f-g: the team leader re-routes it to the pharmacy, which takes it over"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'notify' AND officer = 'unit-farmasi' AND complaint_id = $(cid "$D")")" 1 \
	"6.g: ... and is told by SMS"

# ---- 6.h: the unit, the team, the Kasubbag TU decide ----
complaintctl note "$D" "Kartu BPJS tidak aktif; dicek ke BPJS, anak tetap dilayani sebagai pasien umum" --as unit-farmasi >/dev/null
complaintctl note "$D" "Setuju, petugas pendaftaran diberi arahan" --as kasubbag-tu >/dev/null
is "$(sq "SELECT group_concat(actor, ' ') FROM (SELECT actor FROM event WHERE kind = 'note' AND complaint_id = $(cid "$D") ORDER BY id)")" \
	"officer:unit-farmasi officer:kasubbag-tu" "6.h: the decision on the case, each with its author"

# ---- 6.j / 6.i: the unit's written answer, approved by the head ----
sms_in --from 08115000105 --text "$D SELESAI Mohon maaf, anak Ibu tetap dapat dilayani. Kartu BPJS kami bantu aktifkan di loket."
check "6.j: the pharmacy's SELESAI by SMS is taken as its answer (a draft)" \
	wait_sq 20 "SELECT count(*) FROM draft WHERE status = 'pending' AND complaint_id = $(cid "$D")" 1
is "$(col status "$D")/$(sent "$D" resolution)" "acknowledged/" "6.i: nothing reaches the client before the head approves"
is "$(sent "$D" approval)" "email:kapus@$ORG sms:$KAPUS" "6.i: the Kepala Puskesmas is handed the answer to approve (mail and SMS)"
like "$(complaintctl drafts)" "$D" "6.i: complaintctl drafts lists it"
draft=$(sq "SELECT id FROM draft WHERE status = 'pending' AND complaint_id = $(cid "$D")")
sms_in --from 08115000101 --text "SETUJU $draft"
check "6.i: the head's SETUJU by SMS approves it" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$D'" resolved
like "$(sq "SELECT actor FROM event WHERE kind = 'approved' AND complaint_id = $(cid "$D")")" "officer:kapus" \
	"6.i: the approval is recorded as hers"
is "$(sent "$D" resolution)" "sms:+6281348881004" "6.j: the written answer reaches the client by SMS"
is "$(sq "SELECT actor FROM event WHERE kind = 'resolved' AND complaint_id = $(cid "$D")")" officer:unit-farmasi \
	"6.j: ... recorded as the pharmacy's"
sms_in --from 081348881004 --text "Puas, terima kasih bu"
check "6.k puas: the client's SMS closes the case" \
	wait_sq 20 "SELECT status || '/' || satisfaction FROM complaint WHERE reference = '$D'" closed/satisfied

# ---- 6.k: not satisfied: reopened, to the team leader ----
complaintctl resolve "$A" --message "Mulai Senin dokter jaga poli umum hadir jam 07.30." --as unit-pelayanan >/dev/null
draft=$(sq "SELECT id FROM draft WHERE status = 'pending' AND complaint_id = $(cid "$A")")
complaintctl approve "$draft" --as kapus --text "Mulai Senin, 7 Desember, dokter jaga poli umum hadir pukul 07.30." >/dev/null
is "$?/$(col status "$A")" 0/resolved "6.i: the head approves the clinic's answer with her correction (complaintctl approve --text)"
is "$(sent "$A" resolution)" "sms:+6281348881001" "6.j: the clinic's answer to the client by SMS"
contains "$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND complaint_id = $(cid "$A")")" \
	"Mulai Senin, 7 Desember" "6.i: ... in the words the head approved"
sms_in --from 081348881001 --text "tidak puas, tadi pagi masih antri 2 jam"
check "6.k tidak puas: the client's SMS reopens the case" \
	wait_sq 20 "SELECT status FROM complaint WHERE reference = '$A'" reopened
is "$(col satisfaction "$A")" dissatisfied "6.k tidak puas: recorded"
is "$(sent "$A" reopened)" "email:timkeluhan@$ORG sms:$KETUA" "6.k tidak puas: up to the team leader"

# ---- overdue: the pharmacy never answers the meeting's complaint ----
out=$(run_at "$(next_at "$B")")
like "$out" "$B +remind_response +reminder to kasubbag-tu, unit-farmasi" "overdue: the pharmacy (and the Kasubbag TU) reminded first"
is "$(sent "$B" reminder)" "email:tu@$ORG sms:$TU sms:$FARMASI" "overdue: ... by SMS (the TU also by mail)"
out=$(run_at "$(col response_due_at "$B")")
like "$out" "$B +escalate +level 1: escalated to ketua-tim$" "overdue: at the due time, up to the team leader"
is "$(sent "$B" overdue)" "email:tu@$ORG sms:$TU sms:$FARMASI" "overdue: the pharmacy and the TU are told it is overdue"
out=$(run_at "$(next_at "$B")")
like "$out" "$B +escalate +level 2: escalated to kapus" "overdue: still unmet a working day later, to the Kepala Puskesmas"
is "$(sent "$B" escalation)" "email:kapus@$ORG email:timkeluhan@$ORG sms:$KAPUS sms:$KETUA" \
	"overdue: each level told by mail and SMS"
is "$(officers_of "$B")" "kapus,kasubbag-tu,ketua-tim,unit-farmasi" "overdue: all of them on the case now"
sms_in --from 08115000101 --text "$B SEMENTARA Stok obat hipertensi sudah dipesan ke Dinas Kesehatan."
check "the head's interim answer by SMS reaches the client" \
	wait_sq 20 "SELECT count(*) FROM outbox WHERE kind = 'interim' AND recipient = '+6281348881002' AND complaint_id = $(cid "$B")" 1

# ---- 6.e: the weekly suggestion box ----
out=$(run_at "$(sched_at kotak-saran)")
like "$out" "schedule:kotak-saran +reminder +ketua-tim" "6.e: every week the team leader is reminded to open the box"
is "$(sq "SELECT group_concat(channel, ' ') FROM (SELECT channel FROM outbox WHERE kind = 'notice' AND officer = 'ketua-tim' ORDER BY channel)")" \
	"email sms" "6.e: ... by mail and SMS"
E=$(printf 'Ruang tunggu panas, kipas angin mati.\n' | complaintctl new --channel box --subject "Kotak saran minggu 1" --as ketua-tim)
is "$(col channel "$E")/$(col category "$E")" box/sarana "6.e: a note from the box is recorded (buku pengaduan)"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'undeliverable' AND complaint_id = $(cid "$E")")" 1 \
	"6.e: an anonymous note: no one to answer, and the history says so"
like "$(complaintctl list)" "^$E " "6.e: the buku pengaduan: complaintctl list"

# ---- corrective action (2. Tujuan; issue 11) ----
step_cpar_health() {
	out=$(complaintctl cpar --help); rc=$?
	is "$rc" 0 "cpar: complaintctl cpar exists"
	complaintctl cpar new "$A" --as ketua-tim --nonconformity "Dokter jaga tidak ada di tempat" \
		--root-cause "Jadwal dokter jaga tidak dipantau" \
		--corrective "Absensi dokter jaga dipantau Kasubbag TU tiap pagi" --owner ketua-tim --due 2027-06-30 >/dev/null
	like "$(complaintctl cpar list)" "$A" "cpar: the team leader's corrective action is on the case"
}
step_cpar_health

# ---- 6.l: the satisfaction book and the monthly recap ----
last=$(sq "SELECT max(id) FROM outbox")
out=$(run_at "$(sched_at rekap-bulanan)")
like "$out" "schedule:rekap-bulanan +recap +kapus, ketua-tim, kasubbag-tu" "6.l: the monthly recap"
is "$(sq "SELECT group_concat(x, ' ') FROM (SELECT channel || ':' || recipient AS x FROM outbox WHERE kind = 'recap' AND id > $last ORDER BY 1)")" \
	"email:kapus@$ORG email:timkeluhan@$ORG email:tu@$ORG sms:$KAPUS sms:$TU sms:$KETUA" \
	"6.l: ... to the head, the team leader and the Kasubbag TU, by mail and SMS"
rep=$(complaintctl report --period this-month 2>/dev/null; complaintctl report --period last-month 2>/dev/null)
like "$rep" "Diterima +5" "6.l: the recap counts the five complaints"
like "$rep" "Puas +1" "6.l: the satisfaction book: one satisfied"
like "$rep" "Tidak puas +1" "6.l: ... one not satisfied"
check "the modem sends the SMS queued" \
	wait_sq 60 "SELECT count(*) FROM outbox WHERE channel = 'sms' AND status IN ('queued', 'sending')" 0
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
