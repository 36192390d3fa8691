# approval.sh — answers that wait for an approver, through the MTA pipe
# (complaintctl ingest), the daemon and gammu's dummy modem: the round trip
# by email (approve as written, approve with an edited text, return with a
# comment), by SMS (SETUJU / KEMBALIKAN <draft>) and by complaintctl
# (drafts, approve, return); the complainant receives only the approved
# text, once, and the clock counts the first response at the approval; a
# forged approval, the author's own approval and a non-approver's are
# refused; a second answer replaces the waiting draft; the approvers'
# reminder on the timer engine (timers run --at).
. "$TOP/tests/integration/lib.sh"

rig_smtp
conf_write_sms "$(modem_dummy)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
approval = { approvers = [ \"kepsek\" ]; remind_hours = 2; };"
sed -i -e 's/{ id = "umum"; name = "Umum";/& approvers = [ "wmm", "kepsek" ];/' "$WORK/complaintd.conf"
complaintd -t -c "$WORK/complaintd.conf" >/dev/null
is "$?" 0 "the configuration with approvers is valid"
daemon_start
uid() { printf '%s.%s' "${EPOCHREALTIME/./}" "$RANDOM"; }

# complaint FROM SUBJECT TEXT — a complainant's mail; prints the reference
complaint() {
	printf 'From: %s\nTo: pengaduan@smkn1.sch.id\nSubject: %s\nMessage-ID: <c%s@gmail.com>\nDate: Mon, 23 Nov 2026 08:00:00 +0700\n\n%s\n' \
		"$1" "$2" "$(uid)" "$3" | complaintctl ingest --quiet
	sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1"
}
# officer_mail FROM REF BODY — a reply to the case's token address, as
# the officer's mail program sends it to a notification's Reply-To
officer_mail() {
	local tok
	tok=$(sq "SELECT token FROM complaint WHERE reference = '$2'")
	printf 'From: %s\nTo: pengaduan+%s@smkn1.sch.id\nSubject: Re: [%s] Mohon persetujuan\nMessage-ID: <o%s@smkn1.sch.id>\nDate: Mon, 23 Nov 2026 09:00:00 +0700\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
		"$1" "$tok" "$2" "$(uid)" "$3" | complaintctl ingest
}
case_of() { sq "SELECT $2 FROM complaint WHERE reference = '$1'"; }
cid() { echo "(SELECT id FROM complaint WHERE reference = '$1')"; }
draft_of() { sq "SELECT max(id) FROM draft WHERE complaint_id = $(cid "$1")"; }
answers() {	# answers REF: the answers to the complainant (resolution rows)
	sq "SELECT count(*) FROM outbox WHERE kind IN ('resolution', 'rejection', 'correction') AND officer IS NULL AND complaint_id = $(cid "$1")"
}
last_error() {	# last_error OFFICER CHANNEL
	sq "SELECT body FROM outbox WHERE kind = 'officer-error' AND officer = '$1' AND channel = '$2' ORDER BY id DESC LIMIT 1"
}
KUR=wakasek.kurikulum@smkn1.sch.id SAR=wakasek.sarpras@smkn1.sch.id
KEP=kepsek@smkn1.sch.id

# ---- by email: approve as written ----
r1=$(complaint "Sri <sri@gmail.com>" "Nilai rapor" "Nilai rapor anak saya salah.")
like "$(officer_mail "$KUR" "$r1" "#jawab Nilai Matematika sudah diperbaiki menjadi 84.")" "recorded officer_command" \
	"the assigned officer answers by email"
d1=$(draft_of "$r1")
is "$(sq "SELECT status || ' ' || action || ' ' || author FROM draft WHERE id = $d1")" \
	"pending resolve officer:wks-kurikulum" "... the answer is a draft waiting for approval"
like "$(case_of "$r1" "status || ' ' || (first_response_at IS NULL)")" "^(new|acknowledged) 1$" \
	"... the case stays in its status; the clock has no first response yet"
is "$(answers "$r1")" 0 "... nothing goes to the complainant"
is "$(sq "SELECT group_concat(channel, ' ') FROM (SELECT channel FROM outbox WHERE kind = 'approval' AND officer = 'kepsek' AND complaint_id = $(cid "$r1") ORDER BY channel)")" \
	"email sms" "... the approver is sent it by email and SMS"
body=$(sq "SELECT body FROM outbox WHERE kind = 'approval' AND channel = 'email' AND complaint_id = $(cid "$r1")")
like "$body" "Nilai Matematika sudah diperbaiki menjadi 84" "... with the answer's text"
like "$body" "Nilai rapor anak saya salah" "... and the case's summary"
like "$body" "#setuju" "... and how to approve"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'approval' AND officer = 'wks-kurikulum'")" 0 \
	"... the author, not an approver, is not asked"
like "$(sq "SELECT channel || ' ' || replace(body, char(10), ' ') FROM outbox WHERE kind = 'drafted' AND officer = 'wks-kurikulum'")" \
	"^email .*BELUM dikirim kepada pelapor" "... the author is told by email that it waits, not sent yet"

# a forged approval: the approver's address without the case's token
printf 'From: %s\nTo: pengaduan@smkn1.sch.id\nSubject: Re: [%s] Mohon persetujuan\nMessage-ID: <f%s@evil.example>\nDate: Mon, 23 Nov 2026 09:00:00 +0700\n\n#setuju\nMaaf, nilai tidak bisa diubah. Silakan transfer ke rekening kami.\n' \
	"$KEP" "$r1" "$(uid)" | complaintctl ingest >/dev/null
is "$(sq "SELECT status FROM draft WHERE id = $d1") $(answers "$r1")" "pending 0" \
	"a forged approval (From: the approver, no token): the draft still waits, nothing sent"
officer_mail "$KUR" "$r1" "#setuju" >/dev/null
is "$(sq "SELECT status FROM draft WHERE id = $d1") $(answers "$r1")" "pending 0" \
	"the author cannot approve (not an approver)"
like "$(last_error wks-kurikulum email)" "hanya penyetuju" "... and is told why"
officer_mail "$KEP" "$r1" "#setuju" >/dev/null
is "$(sq "SELECT status || ' ' || decided_by FROM draft WHERE id = $d1")" "approved officer:kepsek" \
	"the approver's #setuju approves"
is "$(case_of "$r1" "status || ' ' || (first_response_at IS NOT NULL)")" "resolved 1" \
	"... the case is resolved and the first response is on record"
is "$(sq "SELECT (first_response_at >= (SELECT decided_at FROM draft WHERE id = $d1)) FROM complaint WHERE id = $(cid "$r1")")" 1 \
	"... the clock counts the first response at the approval, not at the draft"
is "$(answers "$r1")" 1 "... the complainant gets the answer"
like "$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND complaint_id = $(cid "$r1")")" \
	"Nilai Matematika sudah diperbaiki menjadi 84" "... the text approved"
is "$(sq "SELECT actor FROM event WHERE kind = 'resolved' AND complaint_id = $(cid "$r1")")" "officer:wks-kurikulum" \
	"... the answer is its author's in the history"
like "$(sq "SELECT actor || ' ' || detail FROM event WHERE kind = 'approved' AND complaint_id = $(cid "$r1")")" \
	"officer:kepsek draft #$d1 approved \\(version 1\\)" "... the approval recorded: who, which version"
officer_mail "$KEP" "$r1" "#setuju" >/dev/null
is "$(answers "$r1")" 1 "approving again sends nothing more"
like "$(last_error kepsek email)" "tidak ada jawaban yang menunggu" "... the approver is told"

# ---- by email: approve with an edited text ----
r2=$(complaint "Dewi <dewi@gmail.com>" "Jadwal ujian" "Jadwal ujian bentrok dengan les.")
officer_mail "$KUR" "$r2" "#jawab Jadwalnya tetap." >/dev/null
d2=$(draft_of "$r2")
officer_mail "$KEP" "$r2" "#setuju
Mohon maaf atas ketidaknyamanannya. Jadwal ujian Matematika dipindah ke hari Kamis.

--
Dra. Sri Wahyuni" >/dev/null
is "$(sq "SELECT status || ' ' || (SELECT max(version) FROM draft_version WHERE draft_id = $d2) FROM draft WHERE id = $d2")" \
	"approved 2" "#setuju with a text approves an edited version 2"
is "$(sq "SELECT written_by FROM draft_version WHERE draft_id = $d2 ORDER BY version")" \
	"officer:wks-kurikulum
officer:kepsek" "... both versions kept, each with who wrote it"
b2=$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND complaint_id = $(cid "$r2")")
like "$b2" "dipindah ke hari Kamis" "... the complainant gets the edited text"
unlike "$b2" "Jadwalnya tetap" "... not the author's"
unlike "$b2" "Sri Wahyuni" "... without the approver's signature"
is "$(answers "$r2")" 1 "... once"

# ---- by email: return with a comment; a second answer replaces ----
r3=$(complaint "Rudi <rudi@gmail.com>" "Rapor" "Buku rapor semester ganjil belum dibagikan.")
officer_mail "$KUR" "$r3" "#jawab Rapor sudah dibagikan." >/dev/null
d3=$(draft_of "$r3")
officer_mail "$KEP" "$r3" "#kembalikan Sebutkan tanggal pembagiannya." >/dev/null
is "$(sq "SELECT status || '|' || comment FROM draft WHERE id = $d3")" "returned|Sebutkan tanggal pembagiannya." \
	"#kembalikan returns the draft with the comment"
is "$(answers "$r3")" 0 "... nothing goes to the complainant"
like "$(sq "SELECT body FROM outbox WHERE kind = 'returned' AND officer = 'wks-kurikulum' AND channel = 'email'")" \
	"Sebutkan tanggal pembagiannya" "... its author gets the comment"
officer_mail "$KUR" "$r3" "#jawab Rapor dibagikan tanggal 5." >/dev/null
officer_mail "$KUR" "$r3" "#jawab Rapor dibagikan Senin, 5 Desember, di ruang OSIS." >/dev/null
is "$(sq "SELECT group_concat(status, ' ') FROM (SELECT status FROM draft WHERE complaint_id = $(cid "$r3") ORDER BY id)")" \
	"returned replaced pending" "a second answer while one waits replaces it"

# ---- by complaintctl ----
d3b=$(draft_of "$r3")
out=$(complaintctl drafts)
like "$out" "#$d3b" "complaintctl drafts lists the waiting draft"
unlike "$out" "#$d3 " "... not the returned one"
is "$(complaintctl drafts --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["reference"], d[0]["status"], d[0]["text"])')" \
	"1 $r3 pending Rapor dibagikan Senin, 5 Desember, di ruang OSIS." "... and --json"
complaintctl approve "$d3b" --as wks-kurikulum 2>/dev/null
is "$?" 77 "complaintctl approve by a non-approver: refused (77)"
complaintctl approve "$d3b" --as kepsek --text "Rapor dibagikan Senin, 5 Desember 2026, pukul 09.00 di ruang OSIS." >/dev/null
is "$?" 0 "complaintctl approve --text by the approver"
like "$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND complaint_id = $(cid "$r3")")" "pukul 09.00" \
	"... the complainant gets the edited text"
is "$(answers "$r3")" 1 "... once"
complaintctl return "$d3b" --comment "terlambat" --as kepsek 2>/dev/null
is "$?" 65 "returning an approved draft: refused (65)"
r4=$(complaint "Tono <tono@gmail.com>" "Parkir" "Parkiran motor penuh terus.")
is "$(case_of "$r4" category)" umum "a case whose category names its own approvers (wmm, kepsek)"
like "$(complaintctl resolve "$r4" --message "Lahan parkir ditambah." --as wmm)" "waits for approval as draft" \
	"complaintctl resolve by an approver: a draft too (self_approve is off)"
d4=$(draft_of "$r4")
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'approval' AND complaint_id = $(cid "$r4") AND officer = 'wmm'") $(sq "SELECT count(*) FROM outbox WHERE kind = 'approval' AND complaint_id = $(cid "$r4") AND officer = 'kepsek'")" \
	"0 2" "... sent to the other approver, not to its author"
complaintctl approve "$d4" --as wmm 2>/dev/null
is "$?" 77 "an approver cannot approve their own answer (77)"
complaintctl return "$d4" --as kepsek 2>/dev/null
is "$?" 64 "return without --comment: usage (64)"
complaintctl return "$d4" --as kepsek --comment "Sebutkan mulai kapan." >/dev/null
is "$?" 0 "complaintctl return --comment"
is "$(sq "SELECT status FROM draft WHERE id = $d4") $(answers "$r4")" "returned 0" "... returned; nothing sent"
like "$(sq "SELECT body FROM outbox WHERE kind = 'returned' AND officer = 'wmm' AND channel = 'email'")" "Sebutkan mulai kapan" \
	"... its author gets the comment"
complaintctl approve 99999 --as kepsek 2>/dev/null
is "$?" 66 "approving a draft that does not exist: 66"
complaintctl reply "$r4" "Sedang kami ukur lahannya." --as wmm >/dev/null
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'interim' AND complaint_id = $(cid "$r4")") $(sq "SELECT count(*) FROM draft WHERE complaint_id = $(cid "$r4") AND status = 'pending'")" \
	"1 0" "an interim update goes out at once (it does not wait)"
show=$(complaintctl show "$r3")
like "$show" "Answers for approval:" "complaintctl show lists the answers for approval"
like "$show" "#$d3 resolve by officer:wks-kurikulum .*: returned by officer:kepsek .*: Sebutkan tanggal" \
	"... the returned one, by whom, with the comment"
like "$show" "#$d3b resolve by officer:wks-kurikulum .*: approved by officer:kepsek" "... the approved one"
is "$(complaintctl show "$r2" --json | $PY -c 'import json,sys; d=json.load(sys.stdin)["drafts"][0]; print(d["status"], d["decided_by"], [v["written_by"] for v in d["versions"]])')" \
	"approved officer:kepsek ['officer:wks-kurikulum', 'officer:kepsek']" \
	"... and --json: the decision and every version"

# ---- by SMS ----
sms_in --from 081298760001 --text "Kipas angin kelas X rusak"
wait_sq 10 "SELECT count(*) FROM complaint WHERE channel = 'sms'" 1
s1=$(sq "SELECT reference FROM complaint WHERE channel = 'sms'")
sms_in --from 081234567003 --text "$s1 SELESAI Kipas sudah diganti"
check "SELESAI by SMS from the assigned officer: a draft" \
	wait_sq 10 "SELECT count(*) FROM draft WHERE complaint_id = $(cid "$s1")" 1
ds=$(draft_of "$s1")
check "... the author is told by SMS that it waits" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'drafted' AND officer = 'wks-sarpras' AND channel = 'sms'" 1
like "$(sq "SELECT body FROM outbox WHERE kind = 'approval' AND channel = 'sms' AND complaint_id = $(cid "$s1")")" \
	"SETUJU $ds" "... the approver's SMS says how to approve"
is "$(answers "$s1")" 0 "... nothing to the complainant yet"
sms_in --from 081234567003 --text "SETUJU $ds"
check "SETUJU from the author's number: refused" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-sarpras' AND channel = 'sms'" 1
sms_in --from 081234567001 --text "SETUJU $ds"
check "SETUJU <draft> from the approver's number approves" \
	wait_sq 10 "SELECT status FROM draft WHERE id = $ds" approved
is "$(case_of "$s1" status) $(answers "$s1")" "resolved 1" "... the complainant gets the answer once"
like "$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND complaint_id = $(cid "$s1")")" "Kipas sudah diganti" \
	"... the approved text"
sms_in --from 081298760002 --text "Lampu toilet mati"
wait_sq 10 "SELECT count(*) FROM complaint WHERE channel = 'sms'" 2
s2=$(sq "SELECT reference FROM complaint WHERE channel = 'sms' ORDER BY id DESC LIMIT 1")
sms_in --from 081234567003 --text "$s2 SELESAI Lampu sudah diganti"
wait_sq 10 "SELECT count(*) FROM draft WHERE complaint_id = $(cid "$s2")" 1
ds2=$(draft_of "$s2")
sms_in --from 081234567001 --text "KEMBALIKAN $ds2 Cek juga toilet lantai 2"
check "KEMBALIKAN <draft> <comment> by SMS returns it" \
	wait_sq 10 "SELECT status || '|' || comment FROM draft WHERE id = $ds2" "returned|Cek juga toilet lantai 2"
is "$(answers "$s2")" 0 "... nothing to the complainant"
sms_in --from 081234567003 --text "$s2 SELESAI Lampu toilet lantai 1 dan 2 sudah diganti"
wait_sq 10 "SELECT count(*) FROM draft WHERE complaint_id = $(cid "$s2")" 2
sms_in --from 081234567001 --text "$s2 SETUJU"
check "REF SETUJU by SMS approves the case's waiting draft" \
	wait_sq 10 "SELECT count(*) FROM draft WHERE complaint_id = $(cid "$s2") AND status = 'approved'" 1
like "$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND complaint_id = $(cid "$s2")")" "lantai 1 dan 2" \
	"... the complainant gets the corrected answer"
sms_in --from 081234567001 --text "SETUJU 99999"
check "SETUJU of a draft that does not exist: the approver is told" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'officer-error' AND officer = 'kepsek' AND channel = 'sms'" 1

# ---- a draft on a case closed meanwhile ----
r6=$(complaint "Eko <eko@gmail.com>" "Nilai PKL" "Nilai PKL belum keluar.")
officer_mail "$KUR" "$r6" "#jawab Nilai PKL keluar minggu depan." >/dev/null
d6=$(draft_of "$r6")
complaintctl close "$r6" --reason "Pelapor tidak dapat dihubungi" >/dev/null
complaintctl approve "$d6" --as kepsek 2>/dev/null
is "$?" 65 "approving a draft whose case was closed meanwhile: refused (65)"
is "$(answers "$r6") $(sq "SELECT status FROM draft WHERE id = $d6")" "0 pending" "... nothing sent; it waits to be returned"

# ---- the approvers' reminder on the timer engine ----
r5=$(complaint "Lia <lia@gmail.com>" "Guru" "Guru Fisika sering tidak masuk kelas.")
officer_mail "$KUR" "$r5" "#jawab Guru pengganti sudah ditugaskan mulai Senin." >/dev/null
d5=$(draft_of "$r5")
complaintctl assign "$r5" kepsek --add >/dev/null
like "$(officer_mail "$KEP" "$r5" "Setuju, silakan dikirim.")" "recorded officer_note" \
	"an approver's plain reply while a draft waits (even on the case) is a note"
is "$(sq "SELECT status FROM draft WHERE id = $d5") $(answers "$r5")" "pending 0" "... it neither approves nor answers"
like "$(last_error kepsek email)" "tulis #setuju di baris pertama" "... and the approver is told how to approve"
reminders() { sq "SELECT count(*) FROM outbox WHERE kind = 'approval-reminder' AND complaint_id = $(cid "$r5")"; }
at=$(TZ=Asia/Jakarta date -d "@$(( $(date +%s) + 10 * 86400 ))" '+%Y-%m-%d %H:%M')
complaintctl timers run >/dev/null
is "$(reminders)" 0 "no reminder before remind_hours of working time"
complaintctl timers run --at "$at" >/dev/null
is "$(reminders)" 2 "a draft waiting longer than remind_hours: its approver reminded (email and SMS)"
like "$(sq "SELECT body FROM outbox WHERE kind = 'approval-reminder' AND channel = 'email' AND complaint_id = $(cid "$r5")")" \
	"Guru pengganti sudah ditugaskan" "... with the answer waiting"
complaintctl timers run --at "$at" >/dev/null
is "$(reminders)" 2 "... once per period, whatever the ticks"
is "$(answers "$r5")" 0 "... and still nothing to the complainant"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'approval-reminder' AND complaint_id = $(cid "$r6")")" 0 \
	"no reminder for a draft its closed case no longer allows"
daemon_stop
done_testing
