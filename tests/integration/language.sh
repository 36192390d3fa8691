# language.sh — a complainant is written to in the language they write,
# through complaintctl ingest (the MTA pipe), the daemon and its SMTP
# sink, time driven by the timer engine: an English complaint answered in
# English end to end (acknowledgement, the Indonesian officer notified in
# Indonesian, the officer's answer with the feedback question, the
# feedback reminder, the close without feedback), nothing Indonesian in
# any of it; an Indonesian one in Indonesian; a short later message
# answered in the language remembered for its sender; complaintctl
# language switching a case, and officers' #bahasa by email and BAHASA
# by SMS (gammu's dummy modem); a follow-up clearly in the other language
# switching the case (a short one does not); a merged duplicate's
# complainant answered in their own language; an English-speaking
# officer's refusal.
. "$TOP/tests/integration/lib.sh"

rig_smtp
conf_write_sms "$(modem_dummy)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\";
  from = \"pengaduan@smkn1.sch.id\"; };
sla = { workdays = [ \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\" ];
  hours = \"00:00-24:00\"; feedback_days = 2; };"
sed -i 's/id = "wmm";/& language = "en";/' "$WORK/complaintd.conf"
daemon_start
uid() { printf '%s.%s' "${EPOCHREALTIME/./}" "$RANDOM"; }
# complaint FROM SUBJECT TEXT — a complainant's mail; prints the reference
complaint() {
	printf 'From: %s\nTo: pengaduan@smkn1.sch.id\nSubject: %s\nMessage-ID: <c%s@example.com>\nDate: Mon, 23 Nov 2026 08:00:00 +0700\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
		"$1" "$2" "$(uid)" "$3" | complaintctl ingest --quiet
	sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1"
}
officer_mail() {	# officer_mail FROM REF BODY
	local tok
	tok=$(sq "SELECT token FROM complaint WHERE reference = '$2'")
	printf 'From: %s\nTo: pengaduan+%s@smkn1.sch.id\nSubject: Re: [%s] Pengaduan baru\nMessage-ID: <o%s@smkn1.sch.id>\nDate: Mon, 23 Nov 2026 09:00:00 +0700\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
		"$1" "$tok" "$2" "$(uid)" "$3" | complaintctl ingest --quiet
}
case_of() { sq "SELECT $2 FROM complaint WHERE reference = '$1'"; }
# mail_of REF KIND [RECIPIENT] — subject and body of the newest such row
mail_of() {
	sq "SELECT subject || char(10) || body FROM outbox WHERE kind = '$2'
	    AND complaint_id = (SELECT id FROM complaint WHERE reference = '$1')
	    ${3:+AND recipient = '$3'} ORDER BY id DESC LIMIT 1"
}
# Words only Indonesian mail has, and only English mail has
ID_WORDS='Pengaduan|pengaduan|Bapak|Ibu|Terima kasih|Yth|pelapor|kami|Anda|Nomor|dengan|pukul|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Desember|jam kerja|dirahasiakan'
EN_WORDS='complaint|Dear|Thank|your|the |Yours|please|Please'
no_words() {	# no_words TEXT REGEX DESCRIPTION
	local hit
	hit=$(printf '%s' "$1" | grep -oE "$2" | sort -u | tr '\n' ' ')
	is "$hit" "" "$3"
}
fmt() { TZ=Asia/Jakarta date -d "@$(( ($1 + 59) / 60 * 60 ))" '+%Y-%m-%d %H:%M'; }
MILLER=d.miller@northwind-logistics.com SAR=wakasek.sarpras@smkn1.sch.id

# ---- an English complaint, answered in English end to end ----
en=$(complaint "David Miller <$MILLER>" "Broken toilets in Workshop B" \
"Dear Sir or Madam,

two of the three toilets next to Workshop B are broken and the roof
leaks whenever it rains. Could you please let us know when they will be
repaired?

Kind regards,
David Miller")
is "$(case_of "$en" language)" en "an English complaint: the case's language is en"
is "$(sq "SELECT language FROM party WHERE email = '$MILLER'")" en "... remembered on the complainant"
like "$(sq "SELECT detail FROM event WHERE kind = 'created' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$en')")" \
	"language en \\(from the complainant's words\\)" "... the history says why"
ack=$(mail_of "$en" ack)
like "$ack" "^\\[$en\\] .*[Cc]omplaint" "the acknowledgement is English"
no_words "$ack" "$ID_WORDS" "... with no Indonesian in it"
note=$(mail_of "$en" notify "$SAR")
like "$note" "Pengaduan baru" "the officer (Indonesian) is notified in Indonesian"
contains "$note" "two of the three toilets" "... with the complainant's words as written"
officer_mail "$SAR" "$en" "The toilets were repaired on 24 November and the roof sealed."
is "$(case_of "$en" status)" resolved "the officer's reply answers the case"
ans=$(mail_of "$en" resolution)
contains "$ans" "The toilets were repaired on 24 November" "the answer carries the officer's text"
like "$ans" "SATISFIED or NOT SATISFIED" "... and asks for feedback in English"
no_words "$ans" "$ID_WORDS" "... with no Indonesian in it"
is "$(case_of "$en" next_action)" remind_feedback "next: the feedback reminder"
complaintctl timers run --at "$(fmt "$(case_of "$en" next_action_at)")" >/dev/null
rem=$(mail_of "$en" feedback-reminder)
like "$rem" "[Ss]atisf" "halfway: the feedback reminder, in English"
no_words "$rem" "$ID_WORDS" "... with no Indonesian in it"
is "$(case_of "$en" next_action)" close_no_feedback "next: the close without feedback"
complaintctl timers run --at "$(fmt "$(case_of "$en" next_action_at)")" >/dev/null
is "$(case_of "$en" status)" closed "no feedback in time: closed"
closing=$(mail_of "$en" autoclose)
like "$closing" "has been closed" "... the complainant told in English"
no_words "$closing" "$ID_WORDS" "... with no Indonesian in it"
check "the mails reach the English complainant through the SMTP server" \
	wait_for 15 sh -c "[ \"\$($PY '$TOP/tests/rig/mail_inspect.py' '$SMTP_DIR' '$WORK/db.sqlite' 'len(to(\"$MILLER\"))')\" = 4 ]"
is "$(mails "[m['h']('Subject') for m in to('$MILLER') if 'Pengaduan' in m['h']('Subject') or 'Pengaduan' in m['text']]")" "" \
	"... none of the four as the server got them has Indonesian in it"

# ---- an Indonesian complaint, in Indonesian ----
id=$(complaint "Ibu Sari <sari.ortu@gmail.com>" "AC kelas rusak" \
"Selamat pagi Bapak/Ibu, AC di kelas XI IPA 2 sudah rusak sejak minggu lalu, mohon segera diperbaiki.")
is "$(case_of "$id" language)" id "an Indonesian complaint: the case's language is id"
ack=$(mail_of "$id" ack)
like "$ack" "Pengaduan Anda telah kami terima" "the acknowledgement is Indonesian"
no_words "$ack" "$EN_WORDS" "... with no English in it"
officer_mail "$SAR" "$id" "AC sudah diganti baru pada 24 November."
ans=$(mail_of "$id" resolution)
like "$ans" "PUAS" "the answer asks PUAS / TIDAK PUAS"
no_words "$ans" "$EN_WORDS" "... with no English in it"

# ---- a short message: the language remembered for its sender ----
short=$(complaint "David Miller <$MILLER>" "Workshop B" "Any news?")
is "$(case_of "$short" language)" en "a short message (\"Any news?\") from him: English, remembered"
like "$(sq "SELECT detail FROM event WHERE kind = 'created' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$short')")" \
	"language en \\(remembered\\)" "... the history says so"
newbie=$(complaint "Anon <anon@example.net>" "wifi" "wifi down")
is "$(case_of "$newbie" language)" id "a short message from someone new: the organisation's language"

# ---- staff entering it: the clerk's words do not outweigh his own ----
clerk=$(complaintctl new --channel walk-in --name "David Miller" --email "$MILLER" \
	--subject "Datang langsung" --text "Pak Miller datang ke kantor, katanya atap workshop bocor lagi kalau hujan.")
is "$(case_of "$clerk" language)" en "a clerk's Indonesian note for him: still English, remembered from his own words"
is "$(sq "SELECT language FROM party WHERE email = '$MILLER'")" en "... and still remembered so"

# ---- staff entering it: --language ----
wk=$(complaintctl new --channel walk-in --name "Mr Smith" --email smith@example.com \
	--subject "Parkir" --text "Parkir penuh terus, mohon ditambah." --language en); rc=$?
is "$rc/$(case_of "$wk" language)" "0/en" "new --language en: written in Indonesian by the clerk, answered in English"
like "$(mail_of "$wk" ack)" "[Cc]omplaint" "... the acknowledgement is English"
out=$(complaintctl new --channel walk-in --subject x --text y --language fr 2>&1); rc=$?
is "$rc" 64 "new --language fr: a usage error"

# ---- complaintctl language ----
out=$(complaintctl language "$short" id); rc=$?
is "$rc" 0 "complaintctl language REF id: exit 0"
is "$(case_of "$short" language)" id "... the case is written to in Indonesian"
is "$(sq "SELECT language FROM party WHERE email = '$MILLER'")" id "... and he is remembered so"
is "$(sq "SELECT actor || ' ' || detail FROM event WHERE kind = 'language' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$short')")" \
	"admin:$(id -un) id" "... an event with its actor"
complaintctl reply "$short" "Teknisi datang besok pagi." >/dev/null
like "$(mail_of "$short" interim)" "Teknisi datang besok pagi" "an interim update goes out..."
no_words "$(mail_of "$short" interim)" "$EN_WORDS" "... in Indonesian"
out=$(complaintctl language "$short" fr 2>&1); rc=$?
is "$rc" 65 "complaintctl language REF fr: exit 65"
contains "$out" "tulis id (Indonesia) atau en (Inggris)" "... says what it takes (in the organisation's language)"
out=$(complaintctl language --help); rc=$?
is "$rc" 0 "language --help: exit 0"
contains "$out" "usage: complaintctl language REFERENCE id|en" "... prints the usage"

# ---- officers setting it: #bahasa / #language by email, BAHASA by SMS ----
officer_mail "$SAR" "$id" "#language en"
is "$(case_of "$id" language)/$(sq "SELECT language FROM party WHERE email = 'sari.ortu@gmail.com'")" en/en \
	"#language en: the case and its complainant are written to in English"
is "$(sq "SELECT actor || ' ' || detail FROM event WHERE kind = 'language' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$id')")" \
	"officer:wks-sarpras en" "... an event with the officer as its actor"
officer_mail "$SAR" "$id" "#bahasa prancis"
like "$(sq "SELECT body FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-sarpras' AND channel = 'email' ORDER BY id DESC LIMIT 1")" \
	"tulis id \\(Indonesia\\) atau en \\(Inggris\\)" "#bahasa prancis: refused, the officer told what it takes"
is "$(case_of "$id" language)" en "... nothing changed"
sms_in --from 081234567003 --text "$id BAHASA ID"
check "an SMS \"REF BAHASA ID\" from the officer on the case switches it back" \
	wait_sq 10 "SELECT language FROM complaint WHERE reference = '$id'" id
is "$(sq "SELECT actor || ' ' || detail FROM event WHERE kind = 'language' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$id') ORDER BY id DESC LIMIT 1")" \
	"officer:wks-sarpras id" "... recorded as that officer's"
sms_in --from 081234567002 --text "$id BAHASA EN"
check "... an officer not on the case is refused by SMS" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-kurikulum' AND channel = 'sms'" 1
is "$(case_of "$id" language)" id "... and the case keeps its language"

# ---- a follow-up clearly in the other language ----
# reply FROM REF BODY — the complainant's answer to our mail (their secret)
reply() {
	printf 'From: %s\nTo: pengaduan+%s@smkn1.sch.id\nSubject: Re: [%s]\nMessage-ID: <c%s@example.com>\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
		"$1" "$(case_of "$2" csecret)" "$2" "$(uid)" "$3" | complaintctl ingest --quiet
}
RINA=rina.p@gmail.com
fu=$(complaint "Rina <$RINA>" "Kipas kelas" "Kipas angin di kelas X-3 sudah seminggu mati, mohon segera diperbaiki.")
is "$(case_of "$fu" language)" id "an Indonesian complaint: id"
reply "$RINA" "$fu" "ok thanks"
is "$(case_of "$fu" language)" id "a short follow-up in English (\"ok thanks\"): the language stays"
reply "$RINA" "$fu" "Sorry, I cannot read Indonesian very well. Could you please write to me in English? The fan is still not working."
is "$(case_of "$fu" language)/$(sq "SELECT language FROM party WHERE email = '$RINA'")" en/en \
	"a follow-up clearly in English: the case and she are written to in English from now on"
like "$(sq "SELECT actor || ' ' || detail FROM event WHERE kind = 'language' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$fu')")" \
	"^complainant en \\(the complainant wrote again in English: [0-9]+ words of it, 0 of Indonesian\\)$" "... an event says why"
complaintctl reply "$fu" "A technician will come tomorrow morning." >/dev/null
upd=$(mail_of "$fu" interim)
like "$upd" "A technician will come tomorrow" "the next update goes out..."
no_words "$upd" "$ID_WORDS" "... in English"
reply "$RINA" "$fu" "Terima kasih, kipasnya sudah diganti dan sekarang sudah dingin lagi."
is "$(case_of "$fu" language)" id "her next follow-up clearly in Indonesian: back to Indonesian"

# ---- a merged duplicate's complainant keeps their language ----
JOKO=joko.ortu@gmail.com CARTER=j.carter@example.com
m1=$(complaint "Pak Joko <$JOKO>" "Atap lab bocor" "Atap laboratorium komputer bocor setiap hujan, mohon segera diperbaiki.")
dup=$(complaint "John Carter <$CARTER>" "Leaking roof in the computer lab" "The roof of the computer lab leaks every time it rains. Could you please have it repaired?")
is "$(case_of "$m1" language)/$(case_of "$dup" language)" id/en "two complaints of one leak: one Indonesian, one English"
complaintctl merge "$dup" "$m1" >/dev/null
mg=$(mail_of "$dup" merged)
like "$mg" "$m1" "the duplicate's complainant is told it was merged..."
no_words "$mg" "$ID_WORDS" "... in English"
complaintctl resolve "$m1" --message "Atap lab sudah ditambal pada 25 November." >/dev/null
a1=$(mail_of "$m1" resolution "$JOKO") a2=$(mail_of "$m1" resolution "$CARTER")
like "$a1" "PUAS" "the answer reaches the case's complainant in Indonesian..."
like "$a2" "SATISFIED or NOT SATISFIED" "... and the merged duplicate's in English"
no_words "$a2" "$ID_WORDS|PUAS" "... with no Indonesian but the officer's words"

# ---- an English-speaking officer's refusal, in English only ----
officer_mail "wmm@smkn1.sch.id" "$id" "#prioritas sedang"
# (wmm is not on the case: refused for that first)
err=$(sq "SELECT body FROM outbox WHERE kind = 'officer-error' AND officer = 'wmm' ORDER BY id DESC LIMIT 1")
like "$err" "not assigned to you \\(wmm\\)" "an English officer's refusal is English"
no_words "$err" "prioritas harus|tulis|pengaduan ini" "... with no Indonesian reason in it"

done_testing
