# confidential.sh — confidential complainants through the real daemon,
# its SMTP sink and gammu's dummy modem: an SMS complaint asking for its
# sender's identity to be kept (the officers' SMS and email carry a
# placeholder, never the number; the acknowledgement still reaches the
# number); an English mail asking the same (the name, address and the
# signature taken out of the officer's copy; the officer's answer still
# reaches the complainant); a phrase negated; staff marking a case
# confidential (the next notification hides the complainant); list and
# show for everyone without the identity; show --reveal for the quality
# manager only, each look recorded; the report and the export.
. "$TOP/tests/integration/lib.sh"

rig_smtp
conf_write_sms "$(modem_dummy)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
confidential = { viewers = [ \"wmm\" ]; };"
# the general category's answers wait for the principal's approval
sed -i -e 's/{ id = "umum"; name = "Umum";/& approvers = [ "kepsek" ];/' "$WORK/complaintd.conf"
daemon_start
uid() { printf '%s.%s' "${EPOCHREALTIME/./}" "$RANDOM"; }
case_of() { sq "SELECT $2 FROM complaint WHERE reference = '$1'"; }
# to_officers REF — every officer's notification of the case, all of it
to_officers() {
	sq "SELECT channel || ':' || recipient || ':' || coalesce(recipient_name, '') || ':' || subject || char(10) || body
	    FROM outbox WHERE officer IS NOT NULL AND complaint_id = (SELECT id FROM complaint WHERE reference = '$1')"
}
SAR=wakasek.sarpras@smkn1.sch.id

# ---- by SMS: "mohon identitas saya dirahasiakan" ----
sms_in --from 081377770001 --text "AC di kelas XI IPA 2 rusak sejak seminggu. Mohon identitas saya dirahasiakan, saya wali murid."
check "an SMS complaint opens a case" wait_sq 10 "SELECT count(*) FROM complaint WHERE channel = 'sms'" 1
s=$(sq "SELECT reference FROM complaint WHERE channel = 'sms'")
is "$(case_of "$s" confidential)" 1 "the complainant asked: the case is confidential"
is "$(sq "SELECT actor || ' ' || detail FROM event WHERE kind = 'confidential' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$s')")" \
	'complainant on: the complainant asked ("identitas saya dirahasiakan")' "... an event says who asked and how"
out=$(to_officers "$s")
like "$out" "^sms:\\+6281234567003:" "the officer is notified by SMS..."
like "$out" "email:$SAR:" "... and by email"
unlike "$out" "8137777|0813 *7777|\\+62 *813" "... and neither carries the complainant's number"
contains "$out" "Pelapor   : (dirahasiakan)" "... the email says the complainant is confidential"
contains "$out" "AC di kelas XI IPA 2 rusak" "... and still carries the complaint"
check "the acknowledgement still reaches the complainant's number" \
	wait_sq 10 "SELECT recipient || ' ' || status FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$s')" \
	"+6281377770001 sent"
sms_in --from 081234567003 --text "$s SELESAI AC sudah diganti kompresornya."
check "the officer's SMS answer..." wait_sq 10 "SELECT status FROM complaint WHERE reference = '$s'" resolved
check "... reaches the complainant's number through us" \
	wait_sq 10 "SELECT recipient FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$s')" \
	"+6281377770001"

# ---- by email, in English, with a signature ----
printf 'From: Budi Hartono <budi.h@gmail.com>\nTo: pengaduan@smkn1.sch.id\nSubject: Broken fans in class X-2\nMessage-ID: <c%s@gmail.com>\nDate: Mon, 23 Nov 2026 08:00:00 +0700\n\nDear Sir or Madam,\n\nthe fans in class X-2 are broken again. Please keep my name confidential:\nmy son is in that class. You can reach me on 0812-5555-0101.\n\nRegards,\nBudi Hartono\n' "$(uid)" \
	| complaintctl ingest --quiet
e=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
is "$(case_of "$e" confidential)/$(case_of "$e" language)" "1/en" "an English request: confidential (and answered in English)"
out=$(to_officers "$e")
like "$out" "Pengaduan baru" "the officer is notified (in Indonesian)"
unlike "$out" "Hartono|budi\\.h@|0812-5555-0101" "... with no name, address or number anywhere, the signature's and the number he wrote included"
contains "$out" "Please keep my name confidential" "... the complaint's words otherwise as written"
is "$(sq "SELECT recipient FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$e')")" \
	budi.h@gmail.com "the acknowledgement goes to him"
tok=$(case_of "$e" token)
printf 'From: Agus Prasetyo <%s>\nTo: pengaduan+%s@smkn1.sch.id\nSubject: Re: [%s]\nMessage-ID: <o%s@smkn1.sch.id>\n\nThe fans were replaced this morning.\n' \
	"$SAR" "$tok" "$e" "$(uid)" | complaintctl ingest --quiet
is "$(sq "SELECT recipient FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$e')")" \
	budi.h@gmail.com "the officer's reply reaches him through us"
check "... by the SMTP server" wait_for 15 sh -c "[ \"\$($PY '$TOP/tests/rig/mail_inspect.py' '$SMTP_DIR' '$WORK/db.sqlite' 'len(to(\"budi.h@gmail.com\"))')\" = 2 ]"
is "$(mails "[m['rcpt'][0] for m in msgs if 'Hartono' in m['text'] or 'budi.h@' in m['text'] if m['rcpt'][0] != 'budi.h@gmail.com']")" "" \
	"no mail the server got for anyone else names him"

# ---- a phrase negated; staff marking a case ----
printf 'From: Sri <sri.ortu@gmail.com>\nTo: pengaduan@smkn1.sch.id\nSubject: Kursi rusak\nMessage-ID: <c%s@gmail.com>\n\nKursi di kelas 8B banyak yang rusak. Nama saya tidak perlu dirahasiakan.\n' "$(uid)" \
	| complaintctl ingest --quiet
n=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
is "$(case_of "$n" confidential)" 0 "\"tidak perlu dirahasiakan\": not confidential"
contains "$(to_officers "$n")" "sri.ortu@gmail.com" "... the officer sees who wrote"
complaintctl confidential "$n" on >/dev/null
is "$(case_of "$n" confidential)" 1 "complaintctl confidential REF on"
csecret=$(case_of "$n" csecret)
printf 'From: Sri <sri.ortu@gmail.com>\nTo: pengaduan+%s@smkn1.sch.id\nSubject: Re: [%s] Kursi rusak\nMessage-ID: <c%s@gmail.com>\n\nSri lagi: kursinya sekarang tambah banyak yang patah.\n' \
	"$csecret" "$n" "$(uid)" | complaintctl ingest --quiet
fu=$(sq "SELECT body FROM outbox WHERE kind = 'followup' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$n')")
like "$fu" "kursinya sekarang tambah banyak" "her next message reaches the officer..."
unlike "$fu" "Sri|sri\\.ortu" "... without her name or address"

# ---- list and show ----
lj=$(complaintctl list --json)
is "$(printf '%s' "$lj" | $PY -c 'import json, sys
for c in json.load(sys.stdin):
    if c["confidential"]:
        print(c["reference"], c["complainant"]["name"], c["complainant"]["email"], c["complainant"]["phone"])' | sort)" \
	"$(printf '%s (dirahasiakan) None None\n' "$s" "$e" "$n" | sort)" "list --json: every confidential complainant hidden"
lt=$(complaintctl list)
unlike "$lt" "budi\\.h@|sri\\.ortu|\\+62813777" "list: no address or number of theirs"
contains "$lt" "(dirahasiakan)" "... the placeholder instead"
st=$(complaintctl show "$e"; complaintctl show "$e" --json --full; complaintctl show "$s" --json)
unlike "$st" "Hartono|budi\\.h@|0812-5555-0101|8137777" "show (text and JSON): nobody's name, address or number"
contains "$st" "Complainant:    (dirahasiakan)" "... the placeholder instead"
contains "$st" "the fans in class X-2 are broken again" "... the messages otherwise as written"
ob=$(complaintctl outbox list --limit 0; complaintctl outbox list --json --limit 0; complaintctl outbox show "$e"; complaintctl outbox show "$s" --json)
unlike "$ob" "Hartono|budi\\.h@|0812-5555-0101|8137777" "outbox list and show: nobody's name, address or number either"
contains "$ob" "(dirahasiakan)" "... the placeholder instead"
contains "$(complaintctl outbox list)" "wakasek.sarpras@smkn1.sch.id" "... the officers' addresses as they are"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'identity_viewed'")" 0 "... and no look at an identity recorded"

# ---- show --reveal ----
out=$(complaintctl show "$e" --reveal 2>&1); rc=$?
is "$rc" 77 "show --reveal by someone who is not a viewer: exit 77"
contains "$out" "confidential.viewers" "... says who may"
unlike "$out" "Hartono" "... and shows nothing"
out=$(complaintctl show "$e" --reveal --as wks-sarpras 2>&1); rc=$?
is "$rc/$(printf '%s' "$out" | grep -c Hartono)" "77/0" "... the officer on the case may not either"
out=$(complaintctl show "$e" --reveal --as wmm); rc=$?
is "$rc" 0 "the quality manager (confidential.viewers): exit 0"
contains "$out" "Complainant:    Budi Hartono budi.h@gmail.com" "... sees who complained"
is "$(sq "SELECT actor || ' ' || kind FROM event WHERE kind = 'identity_viewed' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$e')")" \
	"officer:wmm identity_viewed" "... the look is an event of the case, with who looked"
contains "$(complaintctl show "$e")" "identity_viewed" "... which show lists"
out=$(complaintctl show "$e" --as wmm 2>&1); rc=$?
is "$rc" 64 "--as without --reveal: a usage error"
# ---- show --raw: the message as it arrived names the complainant ----
me=$(sq "SELECT min(id) FROM message WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$e')")
out=$(complaintctl show "$e" --raw "$me" 2>&1); rc=$?
is "$rc" 77 "show --raw of a confidential case without --reveal: exit 77"
unlike "$out" "Hartono|budi\\.h@" "... and nothing of the message shown"
complaintctl show "$e" --raw "$me" --reveal --as wmm > "$WORK/raw.eml"; rc=$?
is "$rc" 0 "show --raw --reveal by the quality manager: exit 0"
is "$(sha256sum < "$WORK/raw.eml")" "$(sq "SELECT raw FROM message WHERE id = $me" | head -c -1 | sha256sum)" \
	"... the message's bytes exactly as they arrived"
contains "$(head -1 "$WORK/raw.eml")" "From: Budi Hartono <budi.h@gmail.com>" "... its header first"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'identity_viewed' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$e')")" \
	2 "... the look recorded too"
printf 'From: Tono <tono.ortu@gmail.com>\nTo: pengaduan@smkn1.sch.id\nSubject: Lampu aula mati\nMessage-ID: <c%s@gmail.com>\n\nLampu aula mati sejak Senin.\n' "$(uid)" \
	| complaintctl ingest --quiet
p=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
mp=$(sq "SELECT min(id) FROM message WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$p')")
contains "$(complaintctl show "$p" --raw "$mp")" "From: Tono <tono.ortu@gmail.com>" \
	"show --raw of a case that is not confidential: no --reveal needed"
out=$(complaintctl show "$p" --raw "$me" 2>&1); rc=$?
is "$rc" 66 "... a message of another case: exit 66"
out=$(complaintctl show "$p" --raw "$mp" --json 2>&1); rc=$?
is "$rc" 64 "... --raw with --json: a usage error"
sed "s/id = \"wmm\";/& unix_user = \"$(id -un)\";/" "$WORK/complaintd.conf" > "$WORK/mapped.conf"
out=$(COMPLAINTD_CONF=$WORK/mapped.conf complaintctl show "$n" --reveal); rc=$?
is "$rc" 0 "a login mapped to the quality manager reveals without --as"
contains "$out" "sri.ortu@gmail.com" "... and sees the complainant"
is "$(sq "SELECT actor FROM event WHERE kind = 'identity_viewed' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$n')")" \
	officer:wmm "... recorded as that officer"
sed "s/id = \"wks-sarpras\";/& unix_user = \"$(id -un)\";/" "$WORK/complaintd.conf" > "$WORK/mapped2.conf"
out=$(COMPLAINTD_CONF=$WORK/mapped2.conf complaintctl show "$n" --reveal --as wmm 2>&1); rc=$?
is "$rc" 77 "a login mapped to another officer cannot reveal --as the quality manager"
# a user who may only read the database: the look cannot be recorded
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
chmod 755 "$WORK"; chmod 644 "$WORK/complaintd.conf" "$WORK/db.sqlite"
out=$(as_nobody complaintctl -c "$WORK/complaintd.conf" show "$s" --reveal --as wmm 2>&1); rc=$?
isnt_zero() { [ "$1" != 0 ]; }
check "a database the look cannot be written to: an error" isnt_zero "$rc"
unlike "$out" "6281377770001" "... and nothing shown"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'identity_viewed' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$s')")" 0 "... nor recorded"

# ---- staff entering a walk-in who asked ----
w=$(complaintctl new --channel walk-in --name "Pak Darto" --phone 0812-4444-0001 \
	--subject "Pungutan" --text "Ada pungutan di luar ketentuan." --confidential --as wks-sarpras); rc=$?
is "$rc/$(case_of "$w" confidential)" "0/1" "new --confidential: the case is confidential"
is "$(sq "SELECT actor || ' ' || detail FROM event WHERE kind = 'confidential' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$w')")" \
	"officer:wks-sarpras on (entered so)" "... recorded as the entering officer's"
out=$(to_officers "$w")
contains "$out" "(dirahasiakan)" "the officers' mail and SMS (the entering officer's too) carry the placeholder"
unlike "$out" "Darto|81244440001|0812-4444" "... never his name or number"
check "... while the acknowledgement reaches his phone" \
	wait_sq 10 "SELECT recipient || ' ' || status FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$w')" \
	"+6281244440001 sent"

# ---- asking later, in a follow-up ----
printf 'From: Rudi Santosa <rudi.s@example.com>\nTo: pengaduan@smkn1.sch.id\nSubject: Kantin\nMessage-ID: <c%s@example.com>\n\nHarga di kantin naik terus tanpa pemberitahuan.\n' "$(uid)" \
	| complaintctl ingest --quiet
k=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
is "$(case_of "$k" confidential)" 0 "a plain complaint is not confidential"
printf 'From: Rudi Santosa <rudi.s@example.com>\nTo: pengaduan+%s@smkn1.sch.id\nSubject: Re: [%s] Kantin\nMessage-ID: <c%s@example.com>\n\nOh ya pak, tolong rahasiakan nama saya ya. Pedagangnya tetangga saya.\n' \
	"$(case_of "$k" csecret)" "$k" "$(uid)" | complaintctl ingest --quiet
is "$(case_of "$k" confidential)" 1 "his follow-up asking for it makes the case confidential"
fu=$(sq "SELECT body FROM outbox WHERE kind = 'followup' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$k')")
like "$fu" "Pedagangnya tetangga saya" "... and the follow-up reaches the officer"
unlike "$fu" "Rudi|rudi\\.s@" "... already without his name or address"
complaintctl resolve "$k" --message "Pak Rudi Santosa, harga kantin sudah dikembalikan." --as wmm >/dev/null
ap=$(sq "SELECT subject || char(10) || body FROM outbox WHERE kind = 'approval' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$k')")
like "$ap" "harga kantin sudah dikembalikan" "an answer waiting for approval reaches the approver..."
unlike "$ap" "Rudi|rudi\\.s@" "... with his name taken out of it too"
dr=$(complaintctl drafts; complaintctl drafts --json; complaintctl show "$k")
contains "$dr" "harga kantin sudah dikembalikan" "complaintctl drafts and show list the draft..."
unlike "$dr" "Rudi|rudi\\.s@" "... without his name"

# ---- report and export ----
rep=$(complaintctl report --json --period this-year)
unlike "$rep" "Hartono|budi\\.h@|sri\\.ortu|6281377770001|Darto" "the report names none of them"
exp=$(complaintctl export --period this-year)
unlike "$exp" "Hartono|budi\\.h@|sri\\.ortu|6281377770001|Darto" "the export names none of them"
contains "$exp" "$e" "... and lists their cases"

# ---- what reaches officers beside a case's own mail: the hour's summary,
# the digest, the recap (a subject that names him) ----
cp "$WORK/complaintd.conf" "$WORK/limited.conf"
cat >> "$WORK/limited.conf" <<EOF
limits = { notify_per_hour = 1; };
schedules = (
  { name = "harian"; kind = "digest"; every = "day"; at = "07:00"; },
  { name = "rekap"; kind = "recap"; every = "day"; at = "07:00"; to = [ "wks-sarpras" ]; }
);
EOF
# the officer's one notification of the hour (just before: the same hour)
# (the limit counts per clock hour: not in its last 10 seconds)
while [ $(( $(date +%s) % 3600 )) -ge 3590 ]; do sleep 1; done
printf 'From: Sri <sri.ortu@gmail.com>\nTo: pengaduan@smkn1.sch.id\nSubject: Kipas\nMessage-ID: <c%s@gmail.com>\n\nKipas di kelas 8B mati.\n' "$(uid)" \
	| COMPLAINTD_CONF=$WORK/limited.conf complaintctl ingest --quiet
printf 'From: Budi Hartono <budi.h@gmail.com>\nTo: pengaduan@smkn1.sch.id\nSubject: Budi Hartono: toilet lantai 2 bocor\nMessage-ID: <c%s@gmail.com>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nToilet lantai 2 bocor lagi. Mohon identitas saya dirahasiakan.\n--b1\nContent-Type: image/jpeg; name="foto_Hartono.jpg"\nContent-Disposition: attachment; filename="foto_Hartono.jpg"\nContent-Transfer-Encoding: base64\n\n/9j/4AAQSkZJRgABAQ==\n--b1--\n' "$(uid)" \
	| COMPLAINTD_CONF=$WORK/limited.conf complaintctl ingest --quiet
h=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
is "$(case_of "$h" confidential)" 1 "a complaint whose subject names him, asking: confidential"
ntf=$(to_officers "$h")
contains "$ntf" "foto_(dirahasiakan).jpg" "the notification lists his attachment, its file name without his name"
st=$(complaintctl show "$h"; complaintctl show "$h" --json)
contains "$st" "foto_(dirahasiakan).jpg" "... and so does show"
unlike "$st" "Hartono" "... which names him nowhere"
sm=$(sq "SELECT subject || char(10) || body || char(10) || coalesce(digest, '') FROM outbox WHERE kind = 'notify-summary' AND channel = 'email'")
contains "$sm" "$h" "past the hourly limit the notification goes into the officer's summary..."
contains "$sm" "(dirahasiakan): toilet lantai 2 bocor" "... its subject there..."
unlike "$sm" "Hartono" "... without his name"
tomorrow=$(TZ=Asia/Jakarta date -d '+1 day' +%F)
COMPLAINTD_CONF=$WORK/limited.conf complaintctl timers run --at "$tomorrow 06:00" >/dev/null
out=$(COMPLAINTD_CONF=$WORK/limited.conf complaintctl timers run --at "$tomorrow 08:00")
like "$out" "schedule:harian +digest" "the daily digest goes out..."
like "$out" "schedule:rekap +recap" "... and the daily recap"
dg=$(sq "SELECT body FROM outbox WHERE kind = 'digest' AND channel = 'email' AND officer = 'wks-sarpras'")
contains "$dg" "$h" "the digest lists his case..."
contains "$dg" "(dirahasiakan): toilet lantai 2 bocor" "... with its subject..."
unlike "$dg" "Hartono" "... without his name"
rc=$(sq "SELECT body || coalesce(body_html, '') FROM outbox WHERE kind = 'recap' AND channel = 'email'"; \
	sq "SELECT CAST(data AS TEXT) FROM outbox_attachment WHERE outbox_id IN (SELECT id FROM outbox WHERE kind = 'recap')")
contains "$rc" "toilet lantai 2 bocor" "the recap's report and CSV list his case..."
unlike "$rc" "Hartono|budi\\.h@|0812-5555-0101|6281377770001|Darto" "... naming none of the confidential complainants"
all=$(sq "SELECT subject || char(10) || body || char(10) || coalesce(body_html, '') || coalesce(digest, '') FROM outbox WHERE officer IS NOT NULL")
unlike "$all" "Hartono|budi\\.h@|0812-5555-0101|8137777|Darto|4444-0001" \
	"nothing queued for any officer (notifications, reminders, summaries, digests, recaps) names them"

done_testing
