# smtp.sh — replies and notifications go out by email: the dispatch
# worker sends the outbox through a real SMTP server on 127.0.0.1 (the
# aiosmtpd sink, STARTTLS required, AUTH) and every message is read back
# with Python's email package: headers, threading, text in Indonesian and
# English, an HTML alternative, CRLF-only lines; the loop closed by an
# officer's emailed reply and by complaintctl resolve; hostile names and
# subjects; the automatic-reply limit; bounces recorded on their rows.
. "$TOP/tests/integration/lib.sh"

MAIL=$TOP/tests/data/mail
rig_smtp --starttls "$PKI/server.pem" "$PKI/server.key" --require-starttls
secret smtp.secret 'kata-sandi-rahasia'
SMTP_CONF="smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; ca_file = \"$PKI/ca.pem\";
  user = \"pengaduan@smkn1.sch.id\"; password_file = \"$WORK/smtp.secret\";
  from = \"pengaduan@smkn1.sch.id\"; from_name = \"Layanan Pengaduan SMK Negeri 1 Contoh\"; };"
conf_write "$SMTP_CONF
limits = { autoreply_per_hour = 2; };"

ref_of() { sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = '$1' ORDER BY c.id LIMIT 1"; }

# ---- an acknowledgement and a notification, in Indonesian ----
ingest_mail "$MAIL/01-plain-id.eml"
daemon_start
check "the acknowledgement and the notification are sent" \
	wait_for 15 sh -c "[ \$(ls '$SMTP_DIR/new' | wc -l) -ge 2 ]"
ref1=$(ref_of sri.wahyuni78@gmail.com)
tok1=$(sq "SELECT token FROM complaint WHERE reference = '$ref1'")
orig1='CAJ7v+Vw3kQ9p2Lr1x0mNbT5_Yq8sZfHc=4uE6@mail.gmail.com'
A="kind('ack')[0]"
is "$(mails "len(to('sri.wahyuni78@gmail.com'))")" 1 "one mail to the complainant"
is "$(mails "$A['rcpt'] + [$A['mail_from']]")" \
	"$(printf 'sri.wahyuni78@gmail.com\npengaduan@smkn1.sch.id')" \
	"... envelope: to her, from our address"
is "$(mails "$A['h']('Subject')")" "[$ref1] Pengaduan Anda telah kami terima" \
	"... the subject carries the reference once"
is "$(mails "$A['h']('From')")" "Layanan Pengaduan SMK Negeri 1 Contoh <pengaduan@smkn1.sch.id>" \
	"... From: our name and address"
is "$(mails "$A['h']('To')")" "Sri Wahyuni <sri.wahyuni78@gmail.com>" "... To: her name"
is "$(mails "$A['h']('Reply-To')")" "pengaduan+$(sq "SELECT csecret FROM complaint WHERE reference = '$ref1'")@smkn1.sch.id" \
	"... Reply-To: the intake address with her own secret of the case"
is "$(mails "ids($A['h']('Message-ID'))[0]")" \
	"$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')")" \
	"... Message-ID: the one stored on the outbox row"
like "$(mails "$A['h']('Message-ID')")" '@smkn1\.sch\.id>$' "... in our own domain"
is "$(mails "ids($A['h']('In-Reply-To'))")" "$orig1" "... In-Reply-To: her message"
is "$(mails "ids($A['h']('References'))[-1]")" "$orig1" "... References ends with it"
is "$(mails "$A['h']('Auto-Submitted')")" auto-replied "... Auto-Submitted: auto-replied"
is "$(mails "$A['h']('X-Complaintd-Loop')")" smkn1.sch.id "... our loop header"
is "$(mails "$A['msg'].get_content_type() + ' ' + $A['msg']['Content-Transfer-Encoding']")" \
	"text/plain quoted-printable" "... text/plain, quoted-printable"
like "$(mails "$A['text']")" "Pengaduan Anda telah kami catat dengan nomor referensi:" \
	"... the Indonesian text"
like "$(mails "$A['text']")" "^    $ref1\$" "... with the reference"
N="kind('notify')[0]"
is "$(mails "$N['rcpt']")" "wakasek.kurikulum@smkn1.sch.id" \
	"the notification goes to the routed officer"
is "$(mails "$N['h']('Reply-To')")" "pengaduan+$tok1@smkn1.sch.id" \
	"... Reply-To: the intake address with the case's token"
is "$(mails "$N['h']('Auto-Submitted')")" auto-generated "... Auto-Submitted: auto-generated"
is "$(mails "$N['h']('Subject')")" "[$ref1] Pengaduan baru: Keluhan nilai rapor anak saya" \
	"... subject: reference and the complaint's subject"
like "$(mails "$N['text']")" "Nilai mata pelajaran Matematika di rapor tertulis 58" \
	"... the text carries the complaint"
check "the case is acknowledged once the acknowledgement is delivered" \
	wait_for 5 sh -c "[ \"\$(sqlite3 '$WORK/db.sqlite' \"SELECT status FROM complaint WHERE reference = '$ref1'\")\" = acknowledged ]"
like "$(sq "SELECT group_concat(status || ':' || last_error, '|') FROM outbox")" \
	"^sent:250 OK queued as [^|]+\|sent:250 OK queued as " \
	"both rows are sent, with the server's answer"
is "$(grep -c '^DATA .* tls=True auth=True' "$SMTP_DIR/sessions.log")" 2 \
	"both went over TLS after AUTH"
is "$(grep '^AUTH' "$SMTP_DIR/sessions.log" | grep -vc 'tls=True')" 0 \
	"the password only ever crossed TLS"
is "$(sed -n 's/^DATA .*peer=//p' "$SMTP_DIR/sessions.log" | sort -u | wc -l)" 1 \
	"one connection carried the whole batch"

# ---- the officer answers the notification: the reply is the resolution
# (sent to the Reply-To it was given, no In-Reply-To: the token alone
# recognises and authenticates it)
reply_to=$(mails "$N['h']('Reply-To')")
cat > "$WORK/officer-reply.eml" <<EOF
From: Budi Santoso <wakasek.kurikulum@smkn1.sch.id>
To: $reply_to
Subject: Re: [$ref1] Pengaduan baru: Keluhan nilai rapor anak saya
Message-ID: <officer-reply-smtp-1@smkn1.sch.id>
Date: Mon, 23 Nov 2026 09:00:00 +0700
Content-Type: text/plain; charset=utf-8

Nilai Matematika Andi sudah diperiksa dan diperbaiki menjadi 84.

Pada 21 Nov 2026, Layanan Pengaduan menulis:
> Ada pengaduan baru yang perlu ditangani
EOF
like "$(complaintctl ingest < "$WORK/officer-reply.eml")" "recorded officer_reply $ref1" \
	"the officer's reply to the token address is recognised"
check "the resolution reaches the complainant" \
	wait_for 10 sh -c "[ \"\$(sqlite3 '$WORK/db.sqlite' \"SELECT status FROM outbox WHERE kind = 'resolution'\")\" = sent ]"
R="kind('resolution')[0]"
is "$(mails "$R['rcpt']")" sri.wahyuni78@gmail.com "... to her"
is "$(mails "$R['h']('Subject')")" "[$ref1] Jawaban atas pengaduan Anda" "... with the reference"
is "$(mails "ids($R['h']('In-Reply-To'))")" "$orig1" "... threaded under her original mail"
is "$(mails "ids($R['h']('References'))[-1]")" "$orig1" "... References too"
is "$(mails "$R['h']('Auto-Submitted')")" "" "... a person's answer: no Auto-Submitted"
like "$(mails "$R['text']")" "diperbaiki menjadi 84" "... carries the officer's words"
unlike "$(mails "$R['text']")" "Ada pengaduan baru" "... without the quoted notification"

# ---- complaintctl resolve: the other way to close the loop ----
ingest_mail "$MAIL/02-plain-en.eml"
ref2=$(ref_of d.miller@northwind-logistics.com)
orig2=$(sq "SELECT external_id FROM message WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref2')")
complaintctl resolve "$ref2" --message "The toilets in Workshop B were repaired on 25 November." >/dev/null
check "complaintctl resolve: the answer is sent" \
	wait_for 10 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM outbox WHERE status = 'sent' AND kind = 'resolution'\") = 2 ]"
R2="[m for m in kind('resolution') if m['row']['reference'] == '$ref2'][0]"
is "$(mails "ids($R2['h']('In-Reply-To'))")" "$orig2" "... threaded under the complainant's mail"
like "$(mails "$R2['text']")" "repaired on 25 November" "... with the text given"

# ---- hostile input: CR/LF and non-ASCII in the name and the subject ----
name_b64=$(printf 'Budi\r\nBcc: korban@evil.example Ñoño' | base64 -w0)
subj_b64=$(printf 'Kipas angin rusak\r\nBcc: korban@evil.example\r\n\r\nruang 12 — ñ' | base64 -w0)
cat > "$WORK/inject.eml" <<EOF
From: =?UTF-8?B?$name_b64?= <budi.inject@example.com>
To: pengaduan@smkn1.sch.id
Subject: =?UTF-8?B?$subj_b64?=
Message-ID: <inject-1@example.com>
Date: Mon, 23 Nov 2026 10:00:00 +0700
Content-Type: text/plain; charset=utf-8

Kipas angin di ruang 12 rusak.
EOF
ingest_mail "$WORK/inject.eml"
refi=$(ref_of budi.inject@example.com)
check "mail for a complainant with a hostile name is sent" \
	wait_for 10 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM outbox o JOIN complaint c ON c.id = o.complaint_id WHERE c.reference = '$refi' AND o.status = 'sent'\") = 2 ]"
I="to('budi.inject@example.com')[0]"
is "$(mails "$I['rcpt']")" budi.inject@example.com "the acknowledgement goes to the sender only"
is "$(mails "len(to('korban@evil.example'))")" 0 "nothing reaches the injected Bcc"
is "$(mails "sum(1 for m in msgs if m['msg']['Bcc'] is not None)")" 0 \
	"no Bcc header in any mail"
is "$(mails "$I['msg']['To'].addresses[0].display_name")" "Budi Bcc: Ñoño" \
	"the name arrives on one line, non-ASCII intact (the address in it left out: safetext.h)"
like "$(mails "$I['raw']('To')")" '^=\?UTF-8\?B\?' "... as RFC 2047 encoded-words"
NI="[m for m in kind('notify') if m['row']['reference'] == '$refi'][0]"
is "$(mails "$NI['h']('Subject')")" "[$refi] Pengaduan baru: Kipas angin rusak Bcc: korban@evil.example ruang 12 — ñ" \
	"the subject with line breaks arrives on one line"
like "$(mails "$NI['raw']('Subject')")" "^\[$refi\] Pengaduan baru: Kipas angin rusak Bcc: korban@evil.example ruang 12 =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$" \
	"... ASCII words readable, non-ASCII encoded"

# ---- the automatic-reply limit (2 an hour here) ----
for i in 1 2 3; do
	cat > "$WORK/often-$i.eml" <<EOF
From: Pak Rahmat <rahmat.sering@example.com>
To: pengaduan@smkn1.sch.id
Subject: Keluhan nomor $i tentang parkir
Message-ID: <often-$i@example.com>
Date: Mon, 23 Nov 2026 11:0$i:00 +0700

Parkir motor siswa menghalangi jalan ($i).
EOF
done
ingest_mail "$WORK/often-1.eml" "$WORK/often-2.eml" "$WORK/often-3.eml"
check "the queue settles" wait_for 10 outbox_settled
is "$(mails "len(to('rahmat.sering@example.com'))")" 2 \
	"only 2 acknowledgements reach a sender of 3 complaints"
is "$(sq "SELECT count(*) FROM outbox WHERE recipient = 'rahmat.sering@example.com' AND status = 'suppressed'")" 1 \
	"the third is recorded as suppressed"
like "$(complaintctl outbox list --status suppressed)" "suppressed +email +ack .*rahmat.sering@example.com +0  not sent: 2 automatic" \
	"... and visible in complaintctl outbox list"
is "$(mails "len([m for m in kind('notify') if 'parkir' in m['h']('Subject')])")" 3 \
	"the officer is told about all three"

# ---- bounces of our own mail are recorded on their rows ----
ack2=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref2')")
ack2_id=$(sq "SELECT id FROM outbox WHERE rfc_message_id = '$ack2'")
dsn() { # dsn FILE ACTION STATUS MSGID
	cat > "$1" <<EOF
Return-Path: <>
From: MAILER-DAEMON@mx.smkn1.sch.id (Mail Delivery System)
To: pengaduan@smkn1.sch.id
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-$2-$(date +%s%N)@mx.smkn1.sch.id>
Date: Mon, 23 Nov 2026 12:00:00 +0700
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.smkn1.sch.id

Final-Recipient: rfc822; d.miller@northwind-logistics.com
Action: $2
Status: $3
Diagnostic-Code: smtp; 550 5.1.1 <d.miller@northwind-logistics.com>: User unknown

--b1
Content-Type: text/rfc822-headers

From: Layanan Pengaduan <pengaduan@smkn1.sch.id>
To: d.miller@northwind-logistics.com
Subject: [$ref2] Pengaduan Anda telah kami terima
Message-ID: <$4>

--b1--
EOF
}
cases=$(sq 'SELECT count(*) FROM complaint')
dsn "$WORK/delayed.eml" delayed 4.4.1 "$ack2"
like "$(complaintctl ingest < "$WORK/delayed.eml")" "recorded bounce" "a 'delayed' report is a bounce"
is "$(sq "SELECT status FROM outbox WHERE id = $ack2_id")" sent "... which leaves the row sent"
like "$(sq "SELECT detail FROM event WHERE kind = 'bounce' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref2')")" \
	"outbox #$ack2_id: delayed 4.4.1" "... and records an event on the case"
dsn "$WORK/failed.eml" failed 5.1.1 "$ack2"
like "$(complaintctl ingest < "$WORK/failed.eml")" "recorded bounce" "a 'failed' report is a bounce"
is "$(sq "SELECT status FROM outbox WHERE id = $ack2_id")" failed "... the row is failed"
like "$(sq "SELECT last_error FROM outbox WHERE id = $ack2_id")" "^bounced: 5.1.1 550 5.1.1 <d.miller@northwind-logistics.com>: User unknown" \
	"... with the report's status and diagnostic"
is "$(sq 'SELECT count(*) FROM complaint')" "$cases" "... and no case was opened"
like "$(complaintctl outbox list --status failed)" "^$ack2_id .*failed +email +ack +$ref2 .*bounced: 5.1.1" \
	"complaintctl outbox list shows the bounced row"
like "$(complaintctl outbox show "$ack2_id")" "Last answer: +bounced: 5.1.1" \
	"complaintctl outbox show gives the report"
show=$(complaintctl show "$ref2")
like "$show" "failed +email ack " "complaintctl show REF shows the failed row"
like "$show" "note: bounced: 5.1.1" "... and why"

# ---- every mail so far: CRLF only, headers folded ----
is "$(mails "sum(m['bare'] for m in msgs)")" 0 "no bare LF or CR in anything the server received"
is "$(mails "max(m['longest'] for m in msgs) <= 78")" True "no header line over 78 columns"
is "$(mails "len(msgs) == len(set(m['h']('Message-ID') for m in msgs))")" True \
	"no message was sent twice"

# ---- English, with an HTML alternative ----
daemon_stop
cp -r "$TOP/etc/templates" "$WORK/templates"
printf '<p>Dear {{name|Sir or Madam}},</p>\n<p>Your complaint is recorded as <b>{{reference}}</b>.</p>\n' \
	> "$WORK/templates/en/ack.email.html"
sed -i -e 's/^language = "id";/language = "en";/' \
	-e "s|^templates = .*|templates = \"$WORK/templates\";|" "$WORK/complaintd.conf"
cat > "$WORK/english.eml" <<EOF
From: Mark Davies <m.davies@example.co.uk>
To: pengaduan@smkn1.sch.id
Subject: Broken chairs in Lab 3
Message-ID: <english-1@example.co.uk>
Date: Mon, 23 Nov 2026 13:00:00 +0700

Several chairs in computer lab 3 are broken and students sit on the floor.
EOF
ingest_mail "$WORK/english.eml"
refe=$(ref_of m.davies@example.co.uk)
daemon_start
check "the English acknowledgement is sent" \
	wait_for 15 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM outbox o JOIN complaint c ON c.id = o.complaint_id WHERE c.reference = '$refe' AND o.status = 'sent'\") = 2 ]"
E="to('m.davies@example.co.uk')[0]"
is "$(mails "$E['h']('Subject')")" "[$refe] We have received your complaint" "... English subject"
like "$(mails "$E['text']")" "Thank you for contacting SMK Negeri 1 Contoh" "... English text"
is "$(mails "$E['msg'].get_content_type()")" multipart/alternative "... multipart/alternative"
like "$(mails "$E['html']")" "recorded as <b>$refe</b>" "... with the HTML part"
is "$(mails "ids($E['h']('In-Reply-To'))")" english-1@example.co.uk "... threaded"
NE="[m for m in kind('notify') if m['row']['reference'] == '$refe'][0]"
is "$(mails "$NE['rcpt']")" wakasek.sarpras@smkn1.sch.id "the English notification goes to facilities"
like "$(mails "$NE['h']('Subject') + ' / ' + $NE['text']")" \
	"^\[$refe\] New complaint: Broken chairs in Lab 3 / Dear Agus Prasetyo" "... in English"
is "$(mails "sum(m['bare'] for m in msgs)")" 0 "still no bare LF or CR"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
unlike "$(cat "$WORK/daemon.log")" "exited with status [1-9]|killed by signal|Sanitizer|runtime error" \
	"the dispatch worker always ended cleanly"
done_testing
