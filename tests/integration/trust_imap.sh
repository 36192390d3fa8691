# trust_imap.sh — issue 8 through the daemon, a real Dovecot and the SMTP
# sink (the path the reflection was measured on): 30 complaints from 30
# forged senders make at most autoreply_total_per_hour acknowledgements
# and notify_per_hour notifications leave the school's mail server; a
# forged "PUAS" in the complainant's name leaves her case resolved, while
# her own mail program's answer to our resolution (Reply-To with her
# secret, In-Reply-To our Message-ID) closes it.
. "$TOP/tests/integration/lib.sh"

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
  from = \"pengaduan@smkn1.sch.id\"; };
limits = { autoreply_total_per_hour = 10; notify_per_hour = 5; };"

# the officers' hourly window must not turn over in the middle
while [ $(( $(date +%s) % 3600 )) -gt 3540 ]; do sleep 5; done
mkdir -p "$WORK/flood"
for i in $(seq 1 30); do
	printf 'From: "URGENT login at http://evil.example/%d" <target%d@example.org>\r\nTo: pengaduan@smkn1.sch.id\r\nSubject: Akun %d terkunci www.evil.example\r\nMessage-ID: <flood-%d@evil.example>\r\n\r\nisi %d\r\n' \
		"$i" "$i" "$i" "$i" "$i" > "$WORK/flood/$i.eml"
done
daemon_start
deliver test INBOX "$WORK"/flood/*.eml
check "30 forged complaints become 30 cases" wait_sq 30 "SELECT count(*) FROM complaint" 30
# settled: nothing queued but the summary, which waits for the hour's end
settled() { [ "$(sq "SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending') AND kind <> 'notify-summary'")" = 0 ]; }
check "... and the outbox settles" wait_for 30 settled
sent_acks=$(grep -l '^Subject: \[KEL-.*Pengaduan Anda telah kami terima' "$SMTP_DIR"/new/*.eml 2>/dev/null | wc -l)
is "$sent_acks" 10 "the SMTP server got 10 acknowledgements (autoreply_total_per_hour), not 30"
sent_notes=$(grep -l '^X-Rig-Rcpt-To: <wmm@smkn1.sch.id>' "$SMTP_DIR"/new/*.eml 2>/dev/null | wc -l)
is "$sent_notes" 5 "... and the officer 5 notifications (notify_per_hour), not 30"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'notify-summary' AND status = 'queued' AND digest_n = 25")" 1 \
	"... the other 25 wait in one summary for the end of the hour"
check "no acknowledgement carries a link (but in the Message-IDs it answers)" \
	sh -c "! grep -l 'Pengaduan Anda telah kami terima' '$SMTP_DIR'/new/*.eml | xargs grep -iv '^In-Reply-To:\\|^References:' | grep -i 'evil\\.example\\|http:'"
is "$(sent_count)" 15 "15 mails left in all"

# ---- a forged PUAS and the real one ----
complaintctl resolve KEL-2026-000001 --message "Akun sekolah tidak pernah terkunci." >/dev/null
check "the resolution is sent" wait_for 15 sh -c "grep -l 'Jawaban atas pengaduan' '$SMTP_DIR'/new/*.eml"
resmail=$(grep -l 'Jawaban atas pengaduan' "$SMTP_DIR"/new/*.eml | head -n 1)
res_id=$(sed -n 's/^Message-I[dD]: <\(.*\)>\r\?$/\1/p' "$resmail" | head -n 1)
res_to=$(sed -n 's/^Reply-To: \(.*\)\r\?$/\1/p' "$resmail" | head -n 1 | tr -d '\r')
printf 'From: target1@example.org\r\nTo: pengaduan@smkn1.sch.id\r\nSubject: [KEL-2026-000001] PUAS\r\nMessage-ID: <forged-puas@evil.example>\r\n\r\nPUAS\r\n' > "$WORK/forged.eml"
deliver test INBOX "$WORK/forged.eml"
check "a forged PUAS in her name is taken in" \
	wait_sq 15 "SELECT kind FROM message WHERE external_id = 'forged-puas@evil.example'" followup
is "$(sq "SELECT status FROM complaint WHERE reference = 'KEL-2026-000001'")" resolved \
	"... as a follow-up: the case stays resolved"
printf 'From: target1@example.org\r\nTo: %s\r\nSubject: Re: [KEL-2026-000001] Jawaban atas pengaduan Anda\r\nMessage-ID: <real-puas@example.org>\r\nIn-Reply-To: <%s>\r\nReferences: <%s>\r\n\r\nPuas, terima kasih.\r\n' \
	"$res_to" "$res_id" "$res_id" > "$WORK/real.eml"
deliver test INBOX "$WORK/real.eml"
check "her mail program's answer to our resolution closes it" \
	wait_sq 15 "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = 'KEL-2026-000001'" "closed satisfied"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
