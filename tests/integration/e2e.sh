# e2e.sh — the whole loop through real servers on 127.0.0.1: complaints
# delivered into Dovecot are taken in over IMAP (STARTTLS, the test CA),
# acknowledged through the SMTP server (STARTTLS + AUTH), the officer is
# notified with the case's token address; the officer's reply, delivered
# back into the same mailbox, reaches the complainant as the resolution,
# threaded under their first mail; their "PUAS" closes the case.
. "$TOP/tests/integration/lib.sh"
MAIL=$TOP/tests/data/mail

rig_dovecot || exit 1
rig_smtp --starttls "$PKI/server.pem" "$PKI/server.key" --require-starttls
secret imap.secret test
secret smtp.secret any-password
conf_write "imap = ( { name = \"pengaduan\"; host = \"localhost\"; port = $IMAP_PORT;
  tls = \"starttls\"; ca_file = \"$PKI/ca.pem\"; user = \"test\";
  password_file = \"imap.secret\"; address = \"pengaduan@smkn1.sch.id\";
  processed_folder = \"processed\"; quarantine_folder = \"quarantine\"; } );
smtp = { url = \"smtp://localhost:$SMTP_PORT\"; ca_file = \"$PKI/ca.pem\";
  user = \"complaintd\"; password_file = \"smtp.secret\";
  from = \"pengaduan@smkn1.sch.id\"; from_name = \"Layanan Pengaduan\"; };"

# inspect SENT-FILE: header lines we check, decoded with Python's email
hdrs() {
	$PY - "$1" <<'EOF'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
for h in ("X-Rig-Rcpt-To", "Subject", "In-Reply-To", "References", "Reply-To", "Auto-Submitted"):
    print("%s: %s" % (h, m.get(h, "")))
body = m.get_body(preferencelist=("plain",))
print("BODY: " + (body.get_content() if body else "").replace("\n", " | "))
EOF
}
# sent_to ADDR [SUBJECT-PART] — the newest mail the server got for ADDR
sent_to() {
	local f
	for f in $(ls -t "$SMTP_DIR/new" 2>/dev/null); do
		if grep -qi "^X-Rig-Rcpt-To: <$1>" "$SMTP_DIR/new/$f" &&
		    { [ -z "${2:-}" ] || grep -q "$2" "$SMTP_DIR/new/$f"; }; then
			echo "$SMTP_DIR/new/$f"
			return 0
		fi
	done
	return 1
}

daemon_start
deliver test INBOX "$MAIL/01-plain-id.eml" "$MAIL/02-plain-en.eml" "$MAIL/11-attachments.eml"
check "three complaints in the mailbox become three cases" \
	wait_sq 15 "SELECT count(*) FROM complaint" 3
check "... and leave the inbox for the processed folder" \
	wait_for 10 sh -c "[ \"\$(doveadm -c '$DOVECOT_DIR/dovecot.conf' -f flow mailbox status -u test messages processed | sed 's/.*=//')\" = 3 ]"
check "the acknowledgement reaches the first complainant" \
	wait_for 15 sent_to sri.wahyuni78@gmail.com
ack=$(hdrs "$(sent_to sri.wahyuni78@gmail.com)")
ref=$(sq "SELECT reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = 'sri.wahyuni78@gmail.com'")
first=$(sq "SELECT external_id FROM message m JOIN complaint c ON c.id = m.complaint_id WHERE c.reference = '$ref' ORDER BY m.id LIMIT 1")
like "$ack" "Subject: \[$ref\] Pengaduan Anda telah kami terima" "... with the reference in the subject"
contains "$ack" "In-Reply-To: <$first>" "... threaded under her mail"
like "$ack" "Auto-Submitted: auto-replied" "... marked as an automatic reply"
csecret=$(sq "SELECT csecret FROM complaint WHERE reference = '$ref'")
contains "$ack" "Reply-To: pengaduan+$csecret@smkn1.sch.id" \
	"... answers come back to the intake mailbox, with her own secret of the case"
check "... which is not the officers' token" test "$csecret" != \
	"$(sq "SELECT token FROM complaint WHERE reference = '$ref'")"
check "the case is acknowledged once the acknowledgement is delivered" \
	wait_sq 10 "SELECT status FROM complaint WHERE reference = '$ref'" acknowledged
check "the officer is notified" wait_for 15 sent_to wakasek.kurikulum@smkn1.sch.id "$ref"
note=$(sent_to wakasek.kurikulum@smkn1.sch.id "$ref")
tok=$(sq "SELECT token FROM complaint WHERE reference = '$ref'")
contains "$(hdrs "$note")" "Reply-To: pengaduan+$tok@smkn1.sch.id" \
	"... with the case's token in the Reply-To"
like "$(hdrs "$note")" "BODY: .*Nilai mata pelajaran Matematika" \
	"... and the complaint's text in the notification"
check "every acknowledgement and notification goes out (6)" \
	wait_sq 15 "SELECT count(*) FROM outbox WHERE status = 'sent'" 6
like "$(cat "$SMTP_DIR/sessions.log")" "tls=True auth=True" \
	"... over STARTTLS, authenticated"

# the officer answers the notification: back through the same mailbox
notify_id=$(sed -n 's/^Message-I[dD]: <\(.*\)>\r\?$/\1/p' "$note" | head -n 1)
cat > "$WORK/officer.eml" <<EOF
From: Budi Santoso <wakasek.kurikulum@smkn1.sch.id>
To: Layanan Pengaduan <pengaduan+$tok@smkn1.sch.id>
Subject: Re: [$ref] Pengaduan baru: Keluhan nilai rapor anak saya
Message-ID: <e2e-officer-1@smkn1.sch.id>
In-Reply-To: <$notify_id>
References: <$notify_id>
Date: Mon, 23 Nov 2026 09:00:00 +0700
Content-Type: text/plain; charset=utf-8

Ibu Sri, nilai tugas proyek Andi sudah kami masukkan; nilai Matematika
di rapor menjadi 84. Mohon maaf atas kekeliruan ini.

Pada 23 Nov 2026, Layanan Pengaduan menulis:
> Ada pengaduan baru yang perlu ditangani
EOF
deliver test INBOX "$WORK/officer.eml"
check "the officer's emailed reply resolves the case" \
	wait_sq 15 "SELECT status FROM complaint WHERE reference = '$ref'" resolved
check "... and reaches the complainant as the resolution" \
	wait_for 15 sent_to sri.wahyuni78@gmail.com "Jawaban atas pengaduan"
res=$(hdrs "$(sent_to sri.wahyuni78@gmail.com "Jawaban atas pengaduan")")
like "$res" "BODY: .*menjadi 84" "... with the officer's words"
unlike "$res" "Ada pengaduan baru" "... without the quoted notification"
contains "$res" "In-Reply-To: <$first>" "... threaded under her first mail"
unlike "$res" "Auto-Submitted: auto" "... not marked automatic: a person wrote it"

# she is satisfied: her mail program answers the resolution as it came
resmail=$(sent_to sri.wahyuni78@gmail.com "Jawaban atas pengaduan")
res_id=$(sed -n 's/^Message-I[dD]: <\(.*\)>\r\?$/\1/p' "$resmail" | head -n 1)
res_to=$(sed -n 's/^Reply-To: \(.*\)\r\?$/\1/p' "$resmail" | head -n 1 | tr -d '\r')
cat > "$WORK/puas.eml" <<EOF
From: Sri Wahyuni <sri.wahyuni78@gmail.com>
To: $res_to
Subject: Re: [$ref] Jawaban atas pengaduan Anda
Message-ID: <e2e-puas-1@mail.gmail.com>
In-Reply-To: <$res_id>
References: <$first> <$res_id>
Date: Tue, 24 Nov 2026 08:00:00 +0700

Puas, terima kasih banyak.
EOF
deliver test INBOX "$WORK/puas.eml"
check "her 'Puas' closes the case" \
	wait_sq 15 "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$ref'" "closed satisfied"
check "... and the officer hears of it" \
	wait_for 15 sent_to wakasek.kurikulum@smkn1.sch.id "Umpan balik pelapor"
is "$(sq "SELECT count(*) FROM complaint")" 3 "no reply along the way opened a case"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"

done_testing
