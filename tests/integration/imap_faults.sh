# imap_faults.sh — what real IMAP servers do, against a Dovecot whose
# folders live under "INBOX." with "." between levels (as Courier's and
# Debian's stock Cyrus do): the README's "Processed" goes where it
# belongs, a move the server refuses is shown in complaintctl status with
# the delay of the last message; the mailbox's UIDVALIDITY changed under a
# live session; a message the worker never gets through (a trigger makes
# recording it spin for ever) in a crash loop — the daemon killed each
# time: its batch is retried in halves until it is alone, everything else
# in batches; then Dovecot and the SMTP server restarted: intake and mail
# resume within seconds.
. "$TOP/tests/integration/lib.sh"

rig_dovecot 'namespace inbox {
  prefix = INBOX.
  separator = .
}' || exit 1
rig_smtp
secret imap.secret test
MAIL=$TOP/tests/data/mail
# conf [PROCESSED [IMAP SETTINGS...]] — the account with the README's
# folder names
conf() {
	conf_write "imap = ( $(imap_account faults test imap.secret none "processed_folder=\"${1:-Processed}\"" 'quarantine_folder="Quarantine"' "${@:2}") );
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
limits = { max_attempts = 1;${LIMITS:-} };"
}
inbox_empty() { [ "$(mailbox_count test)" = 0 ]; }
# no email row that is due waits (an officer's summary of notifications
# past their hourly limit is due at the hour's end)
mail_due_settled() {
	[ "$(sq "SELECT count(*) FROM outbox WHERE channel = 'email' AND status IN ('queued', 'sending') AND next_attempt_at <= strftime('%s', 'now')")" = 0 ]
}
cases() { sq 'SELECT count(*) FROM complaint'; }
# mail MSGID FILE — a copy of FILE with its own Message-ID, in $WORK
mail() { sed "s/^Message-ID: .*/Message-ID: <$1@example.org>/I" "$2" > "$WORK/$1.eml"; echo "$WORK/$1.eml"; }

# ---- folders under the "INBOX." namespace; status ----
conf
deliver test INBOX "$(mail ns-1 "$MAIL/01-plain-id.eml")" "$(mail ns-2 "$MAIL/02-plain-en.eml")"
daemon_start
check "mail is taken in and moved out of the INBOX" wait_for 15 inbox_empty
is "$(mailbox_count test INBOX.Processed)" 2 "... into INBOX.Processed: \"Processed\" under the server's namespace"
like "$(cat "$WORK/daemon.log")" "personal namespace \"INBOX\\.\", separator \"\\.\"" \
	"the namespace comes from the server (NAMESPACE)"
st=$(complaintctl status | tr '\n' '~')
like "$st" "faults [^~]*~ +state: +connected~.*~ +last intake: +[0-9-]+ [0-9:]+, [0-9]+\\.[0-9] s after delivery~" \
	"complaintctl status shows when the last message was taken in, and how long after its delivery"
is "$(complaintctl status --json | $PY -c 'import json,sys; i=json.load(sys.stdin)["imap"][0]; print(0 <= i["last_delay_ms"] < 60000, i["warning"])')" \
	"True None" "... in JSON too (milliseconds), and no warning"

# ---- UIDVALIDITY changed under a live session ----
oldv=$(uidvalidity test)
md=$DOVECOT_DIR/mail/test/Maildir
rm -f "$md"/dovecot-uidlist "$md"/dovecot.index*
deliver test INBOX "$(mail uv-1 "$MAIL/07-base64-id.eml")"
check "after the mailbox was renumbered under the session, new mail is taken in" \
	wait_sq 20 "SELECT count(*) FROM message WHERE external_id = 'uv-1@example.org'" 1
check "... and moved" wait_for 10 inbox_empty
newv=$(uidvalidity test)
like "$(cat "$WORK/daemon.log")" "UIDVALIDITY of INBOX changed \\($oldv -> $newv\\)" \
	"the log says the UIDVALIDITY changed"
is "$(cases)" 3 "nothing recorded twice"
daemon_stop

# ---- a move the server refuses ----
# mv-2 and mv-3 are 0.84 MB each: units of their own (768 KB a unit),
# so a unit's move is refused while the next one is being recorded
big() {	# big MSGID: a complaint of 0.9 MB
	{ sed -n '/^$/q;p' "$MAIL/01-plain-id.eml" | sed "s/^Message-ID: .*/Message-ID: <$1@example.org>/I"
	  echo; for i in $(seq 1 12000); do echo "baris $i: kipas angin di kelas mati, mohon diperbaiki segera ya pak"; done
	} > "$WORK/$1.eml"; echo "$WORK/$1.eml"; }
conf "Arsip..Lama"
deliver test INBOX "$(mail mv-1 "$MAIL/09-rfc2047-subject.eml")" "$(big mv-2)" "$(big mv-3)"
daemon_start
check "a message the server will not move is recorded all the same" \
	wait_sq 15 "SELECT count(*) FROM message WHERE external_id IN ('mv-1@example.org', 'mv-2@example.org', 'mv-3@example.org')" 3
check "complaintctl status shows the refused move as the account's warning" \
	wait_for 10 sh -c "complaintctl status | grep -q 'warning: *taken-in mail cannot be moved to INBOX.Arsip..Lama, it stays in INBOX'"
like "$(complaintctl status)" "state: +connected" "... while the account is connected"
is "$(mailbox_count test) $(unseen_count test INBOX)" "3 0" "... the messages stay in the INBOX, \\Seen"
like "$(grep -c 'cannot be moved' "$WORK/daemon.log")" "^1\$" "... said once in the log, for two units"
daemon_stop
conf
daemon_start
check "with a folder it accepts, the message is moved at the next session" wait_for 15 inbox_empty
check "... and the warning is gone" \
	wait_for 10 sh -c "! complaintctl status | grep -q 'warning:'"
daemon_stop

# ---- a message the worker never gets through, in a crash loop ----
deliver_generated test 600 before
deliver test INBOX "$(mail poison-1 "$MAIL/11-attachments.eml")"
poison=$(uid_list test | tail -n 1)
deliver_generated test 600 after
sq "CREATE TRIGGER test_poison BEFORE INSERT ON message
    WHEN NEW.external_id = 'poison-1@example.org' BEGIN
    SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL
    SELECT x + 1 FROM c) SELECT x FROM c); END;"
tries() { sq "SELECT coalesce(max(attempts), 0) FROM source_attempt WHERE item LIKE '%/$poison'"; }
before=$(grep -c 'committed up to UID' "$WORK/daemon.log")
msgs=$(sq 'SELECT count(*) FROM message')
rounds=0 seen=0
while [ $rounds -lt 20 ]; do
	daemon_start
	# the worker is stuck on it once its attempt is counted: kill
	if ! wait_for 30 sh -c "[ \$(sqlite3 -cmd '.timeout 5000' '$WORK/db.sqlite' \"SELECT coalesce(max(attempts), 0) FROM source_attempt WHERE item LIKE '%/$poison'\") -gt $seen ]"; then
		break
	fi
	seen=$(tries)
	sleep 1
	daemon_kill9
	rounds=$((rounds + 1))
done
diag "the daemon was killed $rounds times"
check "everything else is taken in around the message the worker dies on" wait_for 30 inbox_empty
is "$(( $(sq 'SELECT count(*) FROM message') - msgs ))" 1200 "... each of the 1200 others recorded once"
like "$(sq "SELECT reason FROM quarantine WHERE item LIKE '%/$poison'")" \
	"^processing did not finish in $rounds attempts, 1 of them alone" \
	"it is quarantined after one attempt alone (limits.max_attempts = 1)"
check "... cornered in at most log2(400) + 1 rounds" test "$rounds" -le 10
commits=$(( $(grep -c 'committed up to UID' "$WORK/daemon.log") - before ))
diag "1201 messages in $commits transactions"
check "the crash loop keeps intake in batches (1201 messages, $commits transactions)" \
	test "$commits" -lt 60
daemon_stop
sq "DROP TRIGGER test_poison"

# ---- the servers restarted: intake and mail resume within seconds ----
# the crash loop's 1200 messages used up the hour's automatic replies and
# notifications (the limits on what is sent by itself): this part needs
# mail that is sent
LIMITS=' autoreply_per_hour = 1000; autoreply_per_day = 1000;
  autoreply_total_per_hour = 100000; autoreply_total_per_day = 100000;
  notify_per_hour = 100000;' conf
daemon_start
deliver test INBOX "$(mail rs-0 "$MAIL/02-plain-en.eml")"
check "intake works" wait_for 15 inbox_empty
doveadm -c "$DOVECOT_DIR/dovecot.conf" kick test >/dev/null 2>&1
"$TOP/tests/rig/dovecot.sh" stop "$DOVECOT_DIR"
smtp_stop
complaintctl ingest --quiet < "$(mail rs-mail "$MAIL/01-plain-id.eml")"
deliver test INBOX "$(mail rs-1 "$MAIL/10-html-only.eml")"
sleep 14
"$TOP/tests/rig/dovecot.sh" start "$DOVECOT_DIR" "$IMAP_PORT" "$IMAPS_PORT" "$PKI" 'namespace inbox {
  prefix = INBOX.
  separator = .
}' || exit 1
smtp_start
t0=$(date +%s)
check "once Dovecot is back, the mail that arrived meanwhile is taken in within seconds" \
	wait_sq 15 "SELECT count(*) FROM message WHERE external_id = 'rs-1@example.org'" 1
diag "taken in $(( $(date +%s) - t0 )) s after Dovecot was back"
check "... and the waiting mail reaches the SMTP server" wait_for 15 mail_due_settled
diag "mail settled $(( $(date +%s) - t0 )) s after the SMTP server was back"
like "$(grep -o 'imap:faults: .*; retrying in [0-9]* s' "$WORK/daemon.log" | sed 's/.*retrying in \([0-9]*\) s/\1/' | sort -un | tr '\n' ' ')" \
	"^(2 )?(4 )?5 $" "while the account had just worked, it was looked at every 5 s at most"
like "$(grep -o 'trying the server again in [0-9]* s' "$WORK/daemon.log" | sed 's/.* in \([0-9]*\) s/\1/' | sort -un | tr '\n' ' ')" \
	"^5 $" "... and so was the SMTP server"
daemon_stop
done_testing
