# trust.sh — issue 8's attacks, through `complaintctl ingest` as they were
# made, each refused, and the legitimate path beside it still working:
#  - threading: a forged officer note's Message-ID, the complainant's own
#    original Message-ID, a forged From: with the reference — one outsider
#    with 40 mails against 10 resolved cases closes none; the complainant's
#    reply to our resolution, or to her own secret address, still does;
#    Authentication-Results of the trusted server: a failing verdict is no
#    proof, a forged passing one below it changes nothing;
#  - reflection: the organisation-wide cap, victim+N@ and gmail's dots
#    counted as one recipient, the officers' hourly limit with one summary,
#    no link in what an acknowledgement repeats; complaintctl status's
#    Limits;
#  - sizes: a 200 MB mail keeps 64 KiB; a 20 MB complaint makes a short
#    notification;
#  - the smaller items: the database's mode, resolve --file, C1 and bidi
#    controls kept out of show and officers' subjects;
#  - status self-service by mail.
. "$TOP/tests/integration/lib.sh"

conf_write 'smtp = { url = "smtp://127.0.0.1:2525"; tls = "none"; from = "pengaduan@smkn1.sch.id"; };
intake = { trusted_authserv_id = "mx.smkn1.sch.id"; };
limits = { max_message_size = "30M"; };'

# mail FILE FROM SUBJECT BODY [HEADER...] — a message into FILE
mail() {
	local f=$1 from=$2 subj=$3 body=$4 h
	shift 4
	{
		for h in "$@"; do printf '%s\r\n' "$h"; done
		printf 'From: %s\r\nTo: pengaduan@smkn1.sch.id\r\n' "$from"
		printf 'Subject: %s\r\nDate: Mon, 23 Nov 2026 09:00:00 +0700\r\n' "$subj"
		printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n' "$body"
	} > "$f"
}
# feed FROM SUBJECT BODY [HEADER...] — ingest such a message, print the result
feed() {
	mail "$WORK/in.eml" "$1" "$2" "$3" "Message-ID: <in-${EPOCHREALTIME/./}-$RANDOM@mail.example>" "${@:4}"
	complaintctl ingest < "$WORK/in.eml"
}
caseq() { sq "SELECT $1 FROM complaint WHERE reference = '$2'"; }

# ---- the database is 0640 whatever the umask ----
(umask 000; feed "warga@example.org" "Halo" "Lampu jalan di depan sekolah mati." >/dev/null)
is "$(stat -c %a "$WORK/db.sqlite")" 640 "a database created under umask 000 is 0640"

# ---- ten resolved cases ----
refs=""
for i in 1 2 3 4 5 6 7 8 9 10; do
	feed "Orang Tua $i <ortu$i@gmail.com>" "Keluhan nomor $i" "AC kelas $i rusak." >/dev/null
	r=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
	complaintctl resolve "$r" --message "AC kelas $i sudah diperbaiki." >/dev/null
	refs="$refs $r"
done
is "$(sq "SELECT count(*) FROM complaint WHERE status = 'resolved'")" 10 "ten resolved cases"

# ---- one outsider, 40 mails (issue 8 attack 1, 2, 3) ----
for r in $refs; do
	who=$(sq "SELECT p.email FROM complaint c JOIN party p ON p.id = c.party_id WHERE c.reference = '$r'")
	orig=$(sq "SELECT external_id FROM message WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$r') ORDER BY id LIMIT 1")
	# 1: a note under a forged officer address, with a Message-ID of ours...
	mail "$WORK/a.eml" "wakasek.sarpras@smkn1.sch.id" "Re: [$r] Pengaduan baru" "Sedang dicek." "Message-ID: <atk-$r@evil.example>"
	complaintctl ingest --quiet < "$WORK/a.eml"
	# ...then "the complainant" replying to it
	feed "penyerang@evil.example" "Re: [$r]" "PUAS" "In-Reply-To: <atk-$r@evil.example>" >/dev/null
	# 2: a reply to the complainant's own original Message-ID
	feed "penyerang@evil.example" "Re: Keluhan" "TIDAK PUAS" "In-Reply-To: <$orig>" >/dev/null
	# 3: From: forged as the complainant, the reference in the subject
	feed "$who" "[$r] PUAS" "PUAS" >/dev/null
done
is "$(sq "SELECT count(*) FROM complaint WHERE reference IN ($(printf "'%s'," $refs | sed 's/,$//')) AND status <> 'resolved'")" 0 \
	"40 mails from one outsider: none of the 10 resolved cases is closed or reopened"
is "$(sq "SELECT count(*) FROM complaint WHERE satisfaction IS NOT NULL")" 0 "... no satisfaction recorded"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'reopened'")" 0 "... nobody escalated"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'feedback'")" 0 "... no message taken as feedback"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'followup' AND sender LIKE 'ortu%'")" 10 \
	"the forged complainant's mails are follow-ups the officers see"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'complaint' AND sender = 'penyerang@evil.example'")" 20 \
	"the outsider's replies to ids they chose or copied are new cases of their own"

# ---- the legitimate paths still change the case ----
set -- $refs
r1=$1 r2=$2 r3=$3 r4=$4
res1=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$r1')")
out=$(feed "ortu1@gmail.com" "Re: [$r1] Jawaban atas pengaduan Anda" "Puas, terima kasih." "In-Reply-To: <$res1>")
like "$out" "recorded feedback $r1" "the complainant's reply to our resolution is feedback"
is "$(caseq "status || ' ' || satisfaction" "$r1")" "closed satisfied" "... and closes her case"
sec2=$(caseq csecret "$r2")
mail "$WORK/s.eml" "ortu2@gmail.com" "Re: [$r2] Jawaban" "TIDAK PUAS, AC masih panas." "Message-ID: <sec-2@gmail.com>"
sed -i "s/^To: pengaduan@smkn1.sch.id/To: pengaduan+$sec2@smkn1.sch.id/" "$WORK/s.eml"
like "$(complaintctl ingest < "$WORK/s.eml")" "recorded feedback $r2" \
	"her answer to her own secret address (our Reply-To) is feedback"
is "$(caseq "status || ' ' || escalation_level" "$r2")" "reopened 1" "... reopened and escalated"
tok3=$(caseq token "$r3")
mail "$WORK/t.eml" "ortu3@gmail.com" "Re: [$r3]" "PUAS" "Message-ID: <tok-3@gmail.com>"
sed -i "s/^To: pengaduan@smkn1.sch.id/To: pengaduan+$tok3@smkn1.sch.id/" "$WORK/t.eml"
like "$(complaintctl ingest < "$WORK/t.eml")" "recorded (complaint|followup)" \
	"the officers' token from a complainant's address proves nothing"
is "$(caseq status "$r3")" resolved "... the case is unchanged"

# ---- a case waiting on the complainant moves on only with her answer ----
feed "Wali Murid <tanya@example.org>" "Izin sakit" "Anak saya sakit kemarin." >/dev/null
rw=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
complaintctl ask "$rw" "Mohon sebutkan kelas anak Bapak/Ibu." >/dev/null
is "$(caseq status "$rw")" waiting "a question to the complainant: the case waits on her"
feed "tanya@example.org" "Re: [$rw] Izin sakit" "Kelas XI TKJ 1" >/dev/null
is "$(caseq status "$rw")" waiting "a mail in her name naming the reference does not end the wait"
askid=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'ask' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$rw')")
feed "tanya@example.org" "Re: [$rw] Pertanyaan" "Kelas XI TKJ 1, Pak." "In-Reply-To: <$askid>" >/dev/null
is "$(caseq status "$rw")" in_progress "her answer to our question does"

# ---- the receiving server's word (intake.trusted_authserv_id) ----
res4=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$r4')")
out=$(feed "ortu4@gmail.com" "Re: [$r4]" "PUAS" "In-Reply-To: <$res4>" \
	"Authentication-Results: mx.smkn1.sch.id; spf=pass smtp.mailfrom=evil.example; dmarc=fail (p=none) header.from=gmail.com" \
	"Authentication-Results: mx.smkn1.sch.id; dmarc=pass header.from=gmail.com")
like "$out" "recorded followup $r4: .*forged.*dmarc=fail \\(mx.smkn1.sch.id\\)" \
	"dmarc=fail from the trusted server: no proof, whatever a field below it claims"
is "$(caseq status "$r4")" resolved "... the case is unchanged"
out=$(feed "ortu4@gmail.com" "Re: [$r4]" "PUAS" "In-Reply-To: <$res4>" \
	"Authentication-Results: mx.google.com; dmarc=fail header.from=gmail.com")
like "$out" "recorded feedback $r4" "another server's verdict is a claim: her reply still counts"
out=$(feed "korban@gmail.com" "Akun Anda" "Isi" \
	"Authentication-Results: mx.smkn1.sch.id; dmarc=fail header.from=gmail.com")
r=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
like "$out" "recorded complaint $r: .*not acknowledged" "a new complaint the server calls forged is recorded"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$r')")" 0 \
	"... and not acknowledged to the victim of the forgery"

# ---- status self-service ----
r5=$5
out=$(feed "ortu5@gmail.com" "Re: [$r5] Jawaban" "Bagaimana status pengaduan saya?")
like "$out" "recorded followup $r5: .*asking its status" "the complainant asks the status of her case"
st=$(sq "SELECT recipient || '|' || subject || '|' || body FROM outbox WHERE kind = 'status' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$r5')")
like "$st" "^ortu5@gmail.com\\|\\[$r5\\] Status pengaduan Anda\\|" "... and is answered, at her address"
like "$st" "Status +: sudah dijawab, menunggu tanggapan" "... with the status in words"
like "$st" "Ditangani oleh +: Wakil Kepala Sekolah Bidang Sarana dan Prasarana" "... the officer's role"
like "$st" "Perkiraan jawaban : [0-9]+ [A-Z][a-z]+ 20[0-9]{2} pukul" "... and the date the answer is due (the clock's)"
unlike "$st" "Agus Prasetyo|wakasek.sarpras@" "... never the officer's name or address"
before=$(sq "SELECT count(*) FROM outbox WHERE kind = 'status'")
out=$(feed "penyerang@evil.example" "[$r5] status?" "Bagaimana status pengaduan $r5?")
like "$out" "recorded complaint" "anyone else asking: a new case like any mail"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'status'")" "$before" "... told nothing about the case"

# ---- reflection: victim+N@, the organisation-wide cap, the summary ----
sed -i 's/^limits = { max_message_size = "30M"; };/limits = { max_message_size = "30M"; autoreply_per_hour = 3; autoreply_total_per_hour = 1000; notify_per_hour = 5; };/' "$WORK/complaintd.conf"
for i in $(seq 1 6); do
	feed "victim+$i@example.org" "Keluhan $i" "Toilet rusak $i" >/dev/null
	feed "V.I.C.T.I.M+$i@GMail.com" "Keluhan $i" "Toilet rusak $i" >/dev/null
done
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack' AND recipient LIKE 'victim+%@example.org' AND status = 'queued'")" 3 \
	"victim+1@ ... victim+6@ are one recipient: 3 acknowledgements (autoreply_per_hour), not 6"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack' AND limit_key = 'victim@gmail.com' AND status = 'queued'")" 3 \
	"V.I.C.T.I.M+N@GMail.com is victim@gmail.com: 3 too"
is "$(sq "SELECT count(*) FROM outbox WHERE limited_by = 'recipient_hour' AND limit_key IN ('victim@example.org', 'victim@gmail.com')")" 6 \
	"... the other 6 held back, recorded as such"
# the officers' hourly window must not turn over in the middle
while [ $(( $(date +%s) % 3600 )) -gt 3540 ]; do sleep 5; done
auto() { sq "SELECT count(*) FROM outbox WHERE automatic = 1 AND status <> 'suppressed' AND created_at >= strftime('%s','now') - 3600"; }
cap=$(( $(auto) + 10 ))
sed -i "s/autoreply_total_per_hour = 1000;/autoreply_total_per_hour = $cap;/" "$WORK/complaintd.conf"
for i in $(seq 1 30); do
	feed "Korban $i <korban$i@example.net>" "Keluhan $i" "Jadwal ujian bentrok $i" >/dev/null
done
is "$(auto)" "$cap" "30 forged senders: automatic replies stop at the organisation's cap (10 more)"
is "$(sq "SELECT count(*) FROM outbox WHERE limited_by = 'total_hour'")" 20 \
	"... the other 20 held back by the limit total_hour"
hour="strftime('%s','now') / 3600 * 3600"
is "$(sq "SELECT count(*) FROM outbox WHERE officer = 'wks-kurikulum' AND kind = 'notify' AND limited_by IS NULL AND created_at >= $hour")" 5 \
	"the officer gets notify_per_hour (5) notifications one by one this hour"
held=$(sq "SELECT count(*) FROM outbox WHERE officer = 'wks-kurikulum' AND limited_by = 'officer_hour'")
check "... the others held back ($held)" test "$held" -ge 25
summ=$(sq "SELECT count(*) || ' ' || max(digest_n) || ' ' || max(next_attempt_at % 3600) FROM outbox WHERE officer = 'wks-kurikulum' AND kind = 'notify-summary' AND status = 'queued'")
is "$summ" "1 $held 0" "... and are in ONE summary, due at the end of the hour"
sumbody=$(sq "SELECT body FROM outbox WHERE officer = 'wks-kurikulum' AND kind = 'notify-summary'")
like "$sumbody" "Ringkasan|pemberitahuan" "... which says what it is"
is "$(printf '%s\n' "$sumbody" | grep -c '^- KEL-')" "$held" "... one line per notification held back"
like "$(sq "SELECT detail FROM event WHERE kind = 'suppressed' ORDER BY id DESC LIMIT 1")" \
	"notify to wks-kurikulum held back by the limit officer_hour: in the summary, outbox #[0-9]+" \
	"... each recorded in its case's history"

# ---- what an acknowledgement repeats cannot carry a phishing message ----
sed -i "s/autoreply_total_per_hour = $cap;/autoreply_total_per_hour = 1000;/" "$WORK/complaintd.conf"
bait='URGENT your account is locked - login at http://evil.example/login'
feed "\"$bait\" <phish-victim@example.com>" "$bait" "x" >/dev/null
ack=$(sq "SELECT subject || ' ' || body FROM outbox WHERE kind = 'ack' AND recipient = 'phish-victim@example.com'")
like "$ack" "URGENT your account is locked" "the acknowledgement repeats the name and subject..."
unlike "$ack" "http|evil\\.example|login at [^ ]+\\." "... without the link"
note=$(sq "SELECT body FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT complaint_id FROM outbox WHERE recipient = 'phish-victim@example.com')")
like "$note" "http://evil.example/login" "the officers see the sender's words as written"

# ---- complaintctl status: the limits ----
out=$(complaintctl status)
like "$out" "Limits \\(messages held back, not sent\\):" "complaintctl status has a Limits part"
like "$out" "recipient_hour +3 per recipient +[1-9]" "... what the per-recipient limit held back"
like "$out" "total_hour +1000 +[1-9]" "... and the organisation-wide one"
like "$out" "officer_hour +5 per officer +[1-9]" "... and the officers' one"
nrh=$(sq "SELECT count(*) FROM outbox WHERE limited_by = 'recipient_hour'")
like "$(complaintctl status --json)" '"limits":\{"recipient_hour":\{"setting":"3 per recipient","last_hour":'"$nrh"',"last_day":'"$nrh"'\}' \
	"... also in JSON"

# ---- sizes: 200 MB piped in; a 20 MB complaint's notification ----
dbsize=$(stat -c %s "$WORK/db.sqlite")
{
	printf 'From: besar@example.org\r\nTo: pengaduan@smkn1.sch.id\r\nSubject: Besar\r\n'
	printf 'Message-ID: <huge@example.org>\r\n\r\n'
	head -c 209715200 /dev/zero | tr '\0' 'x'
} | complaintctl ingest 2>"$WORK/err"
is "$?" 69 "a 200 MB mail is refused to its sender"
like "$(sq "SELECT size || ' ' || original_size FROM quarantine WHERE source = 'ingest' ORDER BY id DESC LIMIT 1")" "^65536 2097153[0-9]{2}$" \
	"... 64 KiB of it kept, with its size"
check "... the database grew by less than 1 MB, not 200" \
	test $(( $(stat -c %s "$WORK/db.sqlite") - dbsize )) -lt 1048576
{
	printf 'From: Panjang <panjang@example.org>\r\nTo: pengaduan@smkn1.sch.id\r\nSubject: Panjang sekali\r\n'
	printf 'Message-ID: <long-20mb@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	$PY -c 'import sys
line = "Keluhan panjang tentang kebersihan kelas dan toilet sekolah kami.\r\n"
sys.stdout.write(line * (20 * 1024 * 1024 // len(line)))'
} > "$WORK/long.eml"
complaintctl ingest --quiet < "$WORK/long.eml"
rl=$(sq "SELECT reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = 'panjang@example.org'")
nb=$(sq "SELECT length(body) FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$rl')")
check "a 20 MB complaint: its notification is short ($nb characters)" test "$nb" -lt 6000
like "$(sq "SELECT body FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$rl')")" \
	"dipotong: pengaduan ini 20[0-9]{6} karakter\\. Selengkapnya: complaintctl show $rl" \
	"... saying it was cut and how to read it all"
check "... the whole text is kept with the case" \
	test "$(sq "SELECT length(coalesce(full_body, body)) FROM message WHERE external_id = 'long-20mb@example.org'")" -gt 20000000

# ---- C1 controls and bidi overrides reach neither show nor officers ----
printf 'From: Ali <ali@example.org>\r\nTo: pengaduan@smkn1.sch.id\r\nMessage-ID: <bidi@example.org>\r\nSubject: tagihan \xe2\x80\xaefdp.exe \xc2\x9b31m merah\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nlihat \xe2\x81\xa6lampiran\xe2\x81\xa9 \xc2\x85 ini\r\n' > "$WORK/bidi.eml"
complaintctl ingest --quiet < "$WORK/bidi.eml"
rb=$(sq "SELECT reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = 'ali@example.org'")
complaintctl show "$rb" --full > "$WORK/show.out"
complaintctl show "$rb" --json >> "$WORK/show.out"
check "complaintctl show prints no C1 control or bidi override" \
	sh -c "! LC_ALL=C grep -q \$(printf '\\xe2\\x80\\xae\\|\\xc2\\x9b\\|\\xc2\\x85\\|\\xe2\\x81\\xa6') '$WORK/show.out'"
like "$(cat "$WORK/show.out")" "tagihan �fdp.exe" "... they are shown as U+FFFD"
check "... nor does the officer's subject" \
	sh -c "! sqlite3 '$WORK/db.sqlite' \"SELECT subject FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$rb')\" | LC_ALL=C grep -q \$(printf '\\xe2\\x80\\xae\\|\\xc2\\x9b')"

# ---- resolve --file: standard input only ----
(umask 077; echo "SMTP-PASSWORD-LINE" > "$WORK/smtp.secret")
complaintctl resolve "$rb" --file "$WORK/smtp.secret" 2>"$WORK/err"
is "$?" 64 "resolve --file FILE is refused (through sudo it read the daemon's secrets)"
like "$(cat "$WORK/err")" "--file reads standard input only" "... saying what to do instead"
is "$(sq "SELECT count(*) FROM outbox WHERE body LIKE '%SMTP-PASSWORD-LINE%'")" 0 "... nothing of the file was queued"
echo "Tagihan sudah diperiksa; tidak ada biaya tambahan." > "$WORK/answer.txt"
complaintctl resolve "$rb" --file - < "$WORK/answer.txt" >/dev/null
is "$?" 0 "resolve --file - < FILE: the shell opens the file"
is "$(caseq status "$rb")" resolved "... and the case is resolved"

done_testing
