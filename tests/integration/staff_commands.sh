# staff_commands.sh — case actions by email and SMS command, through the
# MTA pipe (complaintctl ingest), the daemon and gammu's dummy modem: each
# command word, the illegal transitions answered with an officer-error in
# the officer's language, an officer's number that cannot touch another
# officer's case, and what a plain reply is (plain_reply: the assigned
# officer's answer, a reply to a colleague as a note, another officer's
# as a note, a category where every plain reply is a note).
. "$TOP/tests/integration/lib.sh"

rig_smtp
conf_write_sms "$(modem_dummy)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };"
sed -i -e 's/id = "wmm";/& coordinator = true;/' \
	-e 's/id = "wks-sarpras";/& language = "en";/' \
	-e 's/{ id = "umum"; name = "Umum";/& plain_reply = "note";/' "$WORK/complaintd.conf"
daemon_start
# message ids: the functions run in subshells, so the time makes them
uid() { printf '%s.%s' "${EPOCHREALTIME/./}" "$RANDOM"; }

# complaint FROM SUBJECT TEXT — a complainant's mail; prints the reference
complaint() {
	printf 'From: %s\nTo: pengaduan@smkn1.sch.id\nSubject: %s\nMessage-ID: <c%s@gmail.com>\nDate: Mon, 23 Nov 2026 08:00:00 +0700\n\n%s\n' \
		"$1" "$2" "$(uid)" "$3" | complaintctl ingest --quiet
	sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1"
}
# officer_mail FROM REF BODY [CC] — an officer's reply to the case's token
# address (as their mail program sends it to the notification's Reply-To)
officer_mail() {
	local tok
	tok=$(sq "SELECT token FROM complaint WHERE reference = '$2'")
	printf 'From: %s\nTo: pengaduan+%s@smkn1.sch.id\n%sSubject: Re: [%s] Pengaduan baru\nMessage-ID: <o%s@smkn1.sch.id>\nDate: Mon, 23 Nov 2026 09:00:00 +0700\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
		"$1" "$tok" "${4:+Cc: $4
}" "$2" "$(uid)" "$3" | complaintctl ingest
}
case_of() { sq "SELECT $2 FROM complaint WHERE reference = '$1'"; }
last_error() {	# last_error OFFICER CHANNEL
	sq "SELECT body FROM outbox WHERE kind = 'officer-error' AND officer = '$1' AND channel = '$2' ORDER BY id DESC LIMIT 1"
}
KUR=wakasek.kurikulum@smkn1.sch.id SAR=wakasek.sarpras@smkn1.sch.id

# ---- plain replies ----
r1=$(complaint "Sri <sri@gmail.com>" "Nilai rapor" "Nilai rapor anak saya salah.")
is "$(case_of "$r1" category)" akademik "an academic case"
like "$(officer_mail "$KUR" "$r1" "Sales, tolong cek nilai ini dulu ya." "$SAR")" "recorded officer_note" \
	"the assigned officer's reply addressed to a colleague too is a note"
unlike "$(case_of "$r1" status)" "resolved" "... nothing is answered"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'resolution'")" 0 "... nothing goes to the complainant"
like "$(last_error wks-kurikulum email)" "TIDAK dikirim ke pelapor" "... the officer is told it was kept as a note"
like "$(officer_mail "$SAR" "$r1" "Sudah saya cek, nilainya benar 84.")" "recorded officer_note" \
	"another officer's plain reply is a note"
like "$(last_error wks-sarpras email)" "not assigned to you" "... told in their language (en) that it is not theirs"
like "$(officer_mail "$KUR" "$r1" "#sementara Akan saya cek ke wali kelas besok pagi.")" "recorded officer_command" \
	"#sementara: an interim update"
is "$(case_of "$r1" "status || ' ' || (first_response_at IS NOT NULL)")" "in_progress 1" \
	"... the case stays open; the first response is on record"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'interim' AND recipient = 'sri@gmail.com'")" 1 \
	"... the complainant gets the update"
officer_mail "$KUR" "$r1" "Nilai Matematika sudah diperbaiki menjadi 84." >/dev/null
is "$(case_of "$r1" status)" resolved "the assigned officer's plain reply is the answer"
officer_mail "$KUR" "$r1" "Satu lagi: nilai IPA juga." >/dev/null
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'resolution' AND recipient = 'sri@gmail.com'")" 1 \
	"a second plain reply on a resolved case sends no second answer"
like "$(last_error wks-kurikulum email)" 'berstatus "sudah dijawab, menunggu tanggapan" tidak dapat dijawab' \
	"... the officer is told why, in Indonesian"
officer_mail "$KUR" "$r1" "#koreksi Nilai Matematika 86, bukan 84." >/dev/null
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'correction' AND recipient = 'sri@gmail.com'")" 1 \
	"#koreksi sends the corrected answer"
r2=$(complaint "Budi <budi@gmail.com>" "Parkir" "Parkiran motor penuh terus.")
is "$(case_of "$r2" category)" umum "a case of the category whose plain replies are notes"
officer_mail "wmm@smkn1.sch.id" "$r2" "Kita tambah lahan parkir bulan depan." >/dev/null
unlike "$(case_of "$r2" status)" resolved "plain_reply = note: the assigned officer's reply is a note"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'resolution' AND recipient = 'budi@gmail.com'")" 0 \
	"... nothing is sent to the complainant"
officer_mail "wmm@smkn1.sch.id" "$r2" "#jawab Lahan parkir ditambah mulai bulan depan." >/dev/null
is "$(case_of "$r2" status)" resolved "... #jawab answers"

# ---- each command word by email ----
r3=$(complaint "Ani <ani@gmail.com>" "Atap bocor" "Atap kelas XI bocor.")
is "$(case_of "$r3" category)" sarana "a facilities case"
officer_mail "$SAR" "$r3" "#catatan Tukang datang Senin." >/dev/null
is "$(sq "SELECT actor || '|' || detail FROM event WHERE kind = 'note' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$r3')")" \
	"officer:wks-sarpras|Tukang datang Senin." "#catatan: a note with its actor"
officer_mail "$SAR" "$r3" "#prioritas tinggi" >/dev/null
officer_mail "$SAR" "$r3" "#rahasia ya" >/dev/null
is "$(case_of "$r3" "priority || confidential")" 11 "#prioritas tinggi, #rahasia ya"
officer_mail "$SAR" "$r3" "#tambah wks-kurikulum" >/dev/null
is "$(sq "SELECT count(*) FROM assignment WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$r3')")" 2 \
	"#tambah adds an officer"
officer_mail "$SAR" "$r3" "#alihkan kepsek" >/dev/null
is "$(sq "SELECT group_concat(officer) FROM assignment WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$r3')")" \
	kepsek "#alihkan hands over (the others leave the case)"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'notify' AND officer = 'kepsek' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$r3')")" \
	2 "... the new officer is notified (email and SMS)"
like "$(officer_mail "$SAR" "$r3" "Sudah beres, atap sudah ditambal.")" "recorded officer_note" \
	"... the officer who handed it over no longer answers it with a plain reply"
officer_mail "kepsek@smkn1.sch.id" "$r3" "#tolak Gedung milik dinas, sudah kami teruskan." >/dev/null
is "$(case_of "$r3" status)" rejected "#tolak rejects"
officer_mail "kepsek@smkn1.sch.id" "$r3" "#tolak sekali lagi" >/dev/null
like "$(last_error kepsek email)" 'berstatus "ditolak" tidak dapat ditolak' \
	"rejecting twice: the officer-error mail in Indonesian"
officer_mail "wmm@smkn1.sch.id" "$r3" "#buka" >/dev/null
is "$(case_of "$r3" status)" reopened "#buka reopens (a coordinator acts on every case)"
officer_mail "wmm@smkn1.sch.id" "$r3" "#kategori akademik" >/dev/null
is "$(case_of "$r3" category)" akademik "#kategori re-categorises"
officer_mail "wmm@smkn1.sch.id" "$r3" "#tutup Pelapor tidak dapat dihubungi" >/dev/null
is "$(case_of "$r3" status)" closed "#tutup closes"
officer_mail "wmm@smkn1.sch.id" "$r3" "#tolak terlambat" >/dev/null
like "$(last_error wmm email)" 'berstatus "selesai" tidak dapat ditolak' \
	"a closed case cannot be rejected, whoever has its token"
r4=$(complaint "Ani <ani@gmail.com>" "Atap bocor lagi" "Atap kelas XI masih bocor.")
officer_mail "wmm@smkn1.sch.id" "$r4" "#gabung $r2" >/dev/null
is "$(case_of "$r4" status)" merged "#gabung merges into the case named"
officer_mail "wmm@smkn1.sch.id" "$r2" "#frobnicate" >/dev/null
like "$(last_error wmm email)" "perintah tidak dikenal" "an unknown command is answered"

# ---- SMS commands: the number acts only on its officer's cases ----
sms_in --from 081298760001 --text "Kipas angin kelas X rusak"
wait_sq 10 "SELECT count(*) FROM complaint WHERE channel = 'sms'" 1
s1=$(sq "SELECT reference FROM complaint WHERE channel = 'sms'")
is "$(case_of "$s1" category)" sarana "an SMS case of facilities"
sms_in --from 081234567002 --text "$s1 SELESAI Kipas sudah diganti"
check "the curriculum officer's number on a facilities case: refused" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-kurikulum' AND channel = 'sms'" 1
is "$(sq "SELECT count(*) FROM event WHERE actor = 'officer:wks-kurikulum' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$s1')") $(case_of "$s1" resolution)" \
	"0 " "... the case is untouched"
like "$(last_error wks-kurikulum sms)" "bukan kategori Anda" "... the SMS says why"
sms_in --from 081234567003 --text "$s1 SEMENTARA Teknisi datang besok"
check "SEMENTARA from the assigned officer's number: an interim update" \
	wait_sq 10 "SELECT status FROM complaint WHERE reference = '$s1'" in_progress
sms_in --from 081234567003 --text "SELESAI $s1 Kipas sudah diganti"
check "SELESAI from the assigned officer's number answers" \
	wait_sq 10 "SELECT status FROM complaint WHERE reference = '$s1'" resolved
sms_in --from 081234567003 --text "$s1 TOLAK bukan urusan kami"
check "TOLAK on a resolved case: refused by SMS" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-sarpras' AND channel = 'sms'" 1
like "$(last_error wks-sarpras sms)" "cannot be rejected" "... in the officer's language (en)"
is "$(case_of "$s1" status)" resolved "... the case stays resolved"
daemon_stop
done_testing
