# imap_intake.sh — the fixture corpus through a real Dovecot over STARTTLS
# with IDLE and MOVE: the same cases as `complaintctl ingest`, each message
# moved once (\Seen in the processed folder, the unparseable one unflagged
# in the quarantine folder), the mailbox's position and status recorded;
# new mail pushed by IDLE, also mail that arrived while the worker was busy
# (announced once, before IDLE began); a message over the size limit quarantined with
# its header only; a message the worker died on three times quarantined
# unparsed, one it died on once retried alone; a failure of one message
# does not hold up the rest of its batch; a database failure logged once;
# SIGTERM while idle.
. "$TOP/tests/integration/lib.sh"

MAIL=$TOP/tests/data/mail
rig_dovecot || exit 1
secret imap.secret test
NOTIFY=$WORK/notify.sock
$PY "$TOP/tests/rig/notify_listen.py" "$NOTIFY" > "$WORK/notify.log" 2>&1 &
at_exit "kill $!"
wait_for 5 grep -q listening "$WORK/notify.log"
conf_write "imap = ( $(imap_account pengaduan test imap.secret starttls) );
smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
limits = { max_message_size = \"64K\"; };"
cases() { sq 'SELECT count(*) FROM complaint'; }

deliver test INBOX "$MAIL"/*.eml
NOTIFY_SOCKET=$NOTIFY daemon_start
check "the corpus is taken in: INBOX empties" \
	wait_for 20 sh -c "[ \"\$(doveadm -c '$DOVECOT_DIR/dovecot.conf' -f flow mailbox status -u test messages INBOX | sed 's/.*=//')\" = 0 ]"
is "$(cases)" 32 "32 new cases, as through ingest"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'followup'")" 3 "3 follow-ups"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'automatic'")" 6 "6 automatic messages"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'bounce'")" 3 "3 bounces"
is "$(sq "SELECT count(DISTINCT source) || ' ' || min(source) FROM message")" \
	"1 imap:pengaduan" "every message is recorded as coming from imap:pengaduan"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack'")" 31 \
	"one acknowledgement queued per case"
is "$(mailbox_count test processed)" 48 "48 messages moved to the processed folder, once each"
is "$(unseen_count test processed)" 0 "... all of them \\Seen"
is "$(mailbox_count test quarantine)" 1 "the non-message is in the quarantine folder"
is "$(unseen_count test quarantine)" 1 "... unflagged, for a person to look at"
is "$(sq "SELECT source || ' ' || item FROM quarantine")" \
	"imap:pengaduan $(uidvalidity test)/49" \
	"... and quarantined in the database with its UIDVALIDITY/UID"
is "$(sq "SELECT uidvalidity || ' ' || last_uid || ' ' || status FROM source_state WHERE source = 'imap:pengaduan'")" \
	"$(uidvalidity test) 49 connected" \
	"source_state: UIDVALIDITY, last UID and status"
check "... last_ok_at and updated_at are recent" test \
	"$(sq "SELECT last_ok_at >= strftime('%s','now') - 60 AND updated_at >= strftime('%s','now') - 60 FROM source_state")" = 1
is "$(sq 'SELECT count(*) FROM source_attempt')" 0 "no attempt is left counted"
check "the supervisor counts the account as connected" \
	wait_for 10 grep -q 'STATUS=1/1 IMAP accounts connected' "$WORK/notify.log"
like "$(cat "$WORK/daemon.log")" "imap:pengaduan: connected to 127.0.0.1:$IMAP_PORT \\(STARTTLS\\) as test" \
	"the log says where it is connected and how"
unlike "$(cat "$WORK/daemon.log")" "[^a-z]test\\b.*password|PASS" "no password in the log"

# IDLE: new mail is taken at once
sed 's/^Message-ID: .*/Message-ID: <idle-1@example.org>/' "$MAIL/02-plain-en.eml" > "$WORK/idle.eml"
deliver test INBOX "$WORK/idle.eml"
check "a message delivered while idling becomes a case" \
	wait_for 10 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' 'SELECT count(*) FROM complaint') = 33 ]"
check "... and is moved" wait_for 5 sh -c "[ \"\$(doveadm -c '$DOVECOT_DIR/dovecot.conf' -f flow mailbox status -u test messages processed | sed 's/.*=//')\" = 49 ]"

# Mail that arrives while the worker is busy with other mail: the server
# tells of it once, in the answer to some command, and IDLE begun after
# that does not tell again.  The database is held so that the worker,
# having listed the first message, waits to record it; the second is
# delivered meanwhile and announced by the next command it sends.
$PY - "$WORK/db.sqlite" "$WORK/release" > "$WORK/hold.log" 2>&1 <<'EOF' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("held", flush=True)
while not os.path.exists(sys.argv[2]):
    time.sleep(0.05)
db.execute("ROLLBACK")
EOF
holdpid=$!
wait_for 5 grep -q held "$WORK/hold.log"
woken() { [ "$(grep -c 'IDLE: the server has news' "$WORK/daemon.log")" -gt "$1" ]; }
n0=$(grep -c 'IDLE: the server has news' "$WORK/daemon.log")
sed 's/^Message-ID: .*/Message-ID: <busy-1@example.org>/' "$MAIL/02-plain-en.eml" > "$WORK/busy1.eml"
sed 's/^Message-ID: .*/Message-ID: <busy-2@example.org>/' "$MAIL/01-plain-id.eml" > "$WORK/busy2.eml"
deliver test INBOX "$WORK/busy1.eml"
check "the worker wakes for the first message" wait_for 5 woken "$n0"
sleep 0.5	# it lists the first message, then waits for the database
deliver test INBOX "$WORK/busy2.eml"
sleep 0.3
touch "$WORK/release"
wait $holdpid
check "mail that arrived while the worker was busy is taken in too, without waiting for more mail" \
	wait_for 5 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM message WHERE external_id LIKE 'busy-%'\") = 2 ]"
check "... and both are moved" wait_for 5 sh -c "[ \"\$(doveadm -c '$DOVECOT_DIR/dovecot.conf' -f flow mailbox status -u test messages processed | sed 's/.*=//')\" = 51 ]"

# over the size limit: quarantined with the header only, never fetched whole
{
	printf 'From: Big Sender <big@example.org>\r\nTo: pengaduan@smkn1.sch.id\r\n'
	printf 'Subject: Foto kerusakan atap\r\nMessage-ID: <big-1@example.org>\r\n'
	printf 'Content-Type: text/plain\r\n\r\n'
	head -c 100000 /dev/zero | tr '\0' 'x' | fold -w 76 | sed 's/$/\r/'
} > "$WORK/big.eml"
deliver test INBOX "$WORK/big.eml"
check "a message over max_message_size is quarantined" \
	wait_for 10 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' 'SELECT count(*) FROM quarantine') = 2 ]"
like "$(sq 'SELECT reason FROM quarantine WHERE id = 2')" \
	"message of 10[0-9]{4} bytes exceeds max_message_size \\(65536\\); only its first 65536 bytes are kept" \
	"... with a clear reason"
is "$(sq "SELECT size || ' ' || length(CAST(raw AS BLOB)) || ' ' || original_size FROM quarantine WHERE id = 2")" \
	"65536 65536 $(wc -c < "$WORK/big.eml" | tr -d ' ')" \
	"... keeping only its first 64 KiB (BODY.PEEK[]<0.65536>), with the size it had"
like "$(sq 'SELECT CAST(raw AS TEXT) FROM quarantine WHERE id = 2')" "Subject: Foto kerusakan atap" \
	"... which is the real header"
check "... and it is moved to the quarantine folder" \
	wait_for 5 sh -c "[ \"\$(doveadm -c '$DOVECOT_DIR/dovecot.conf' -f flow mailbox status -u test messages quarantine | sed 's/.*=//')\" = 2 ]"
like "$(sq "SELECT detail FROM event WHERE kind = 'quarantined' ORDER BY id DESC LIMIT 1")" \
	"quarantine #2 from imap:pengaduan" "... and an event says so"
is "$(cases)" 35 "no case for it"

# SIGTERM while idle
daemon_stop
is "$DAEMON_RC" 0 "SIGTERM while idling: exit 0"
check "... within 10 s (${STOP_SECS} s)" awk "BEGIN { exit !($STOP_SECS < 10) }"

# a message the worker died on: its attempts are what three crashes alone
# leave behind (after the halvings of its batch); one it died on once in
# a batch is retried and recorded
sed 's/^Message-ID: .*/Message-ID: <poison-1@example.org>/' "$MAIL/07-base64-id.eml" > "$WORK/poison.eml"
sed 's/^Message-ID: .*/Message-ID: <retry-1@example.org>/' "$MAIL/09-rfc2047-subject.eml" > "$WORK/retry.eml"
deliver test INBOX "$WORK/poison.eml"
deliver test INBOX "$WORK/retry.eml"
uv=$(uidvalidity test)
set -- $(uid_list test)
sq "INSERT INTO source_attempt (source, item, attempts, last_error, updated_at, alone)
    VALUES ('imap:pengaduan', '$uv/$1', 11, NULL, 0, 3), ('imap:pengaduan', '$uv/$2', 1, NULL, 0, 0)"
daemon_start
check "the message tried 3 times alone is quarantined" \
	wait_for 10 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' 'SELECT count(*) FROM quarantine') = 3 ]"
like "$(sq 'SELECT item || ": " || reason FROM quarantine WHERE id = 3')" \
	"^$uv/$1: processing did not finish in 11 attempts, 3 of them alone" "... saying why"
sqlite3 "$WORK/db.sqlite" "SELECT writefile('$WORK/q3.eml', raw) FROM quarantine WHERE id = 3" >/dev/null
check "... with its raw bytes (line ends aside)" cmp -s <(tr -d '\r' < "$WORK/poison.eml") <(tr -d '\r' < "$WORK/q3.eml")
check "the message tried once is recorded" \
	wait_for 10 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM message WHERE external_id = 'retry-1@example.org'\") = 1 ]"
like "$(cat "$WORK/daemon.log")" "UID $1: quarantined as #3: processing did not finish in 11 attempts" \
	"the log names the quarantined UID"
check "both leave the mailbox" wait_for 5 sh -c "[ -z \"\$(doveadm -c '$DOVECOT_DIR/dovecot.conf' -f flow fetch -u test uid mailbox INBOX)\" ]"
is "$(sq 'SELECT count(*) FROM source_attempt')" 0 "... and no attempt stays counted"
daemon_stop

# one message failing inside a batch does not hold up the others: the
# database refuses attachments (a trigger), so mails with attachments fail
# (not for lack of space: quarantined), the rest of the same batch is
# recorded
sq "CREATE TRIGGER test_refuse BEFORE INSERT ON attachment BEGIN
    SELECT RAISE(ABORT, 'test: attachments refused'); END;"
for f in 01-plain-id 11-attachments 10-html-only 22-forward-rfc822 23-empty-body; do
	sed 's/^\(Message-ID: <\)/\1batch-/I' "$MAIL/$f.eml" > "$WORK/b-$f.eml"
done
deliver test INBOX "$WORK"/b-*.eml
before=$(cases)
daemon_start
check "the batch is taken in" wait_for 10 sh -c "[ -z \"\$(doveadm -c '$DOVECOT_DIR/dovecot.conf' -f flow fetch -u test uid mailbox INBOX)\" ]"
is "$(( $(cases) - before ))" 3 "the three mails without attachments are new cases"
is "$(sq "SELECT count(*) FROM quarantine WHERE reason LIKE 'could not be recorded%'")" 2 \
	"the two with attachments are quarantined"
is "$(mailbox_count test quarantine)" 5 "... and moved to the quarantine folder"
daemon_stop
sq "DROP TRIGGER test_refuse"

# the database failing under the worker (a trigger refuses the attempt
# counts): logged once, where it happens (the store); the worker then says
# only when it tries again, its state keeps the reason, and the message is
# taken in once the database works
sq "CREATE TRIGGER test_refuse BEFORE INSERT ON source_attempt BEGIN
    SELECT RAISE(ABORT, 'test: attempts refused'); END;"
sed 's/^Message-ID: .*/Message-ID: <dbfail-1@example.org>/' "$MAIL/02-plain-en.eml" > "$WORK/dbfail.eml"
deliver test INBOX "$WORK/dbfail.eml"
from=$(( $(wc -l < "$WORK/daemon.log") + 1 ))
since() { tail -n "+$from" "$WORK/daemon.log"; }
daemon_start
check "a database failure: the worker says when it tries again" \
	wait_for 10 sh -c "tail -n +$from '$WORK/daemon.log' | grep -q 'imap:pengaduan: retrying in 2 s (at [0-9:]*)'"
like "$(complaintctl status)" "last error: +database: counting an attempt: test: attempts refused" \
	"... and its state says why"
sqw "DROP TRIGGER test_refuse"
check "... then takes the message in" \
	wait_for 15 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM message WHERE external_id = 'dbfail-1@example.org'\") = 1 ]"
# moved after its commit: stopped in between, it would stay in the INBOX
# (for the next session to move) and the next part counts the INBOX
inbox_empty() { [ "$(mailbox_count test)" = 0 ]; }
check "... and moves it" wait_for 10 inbox_empty
daemon_stop
is "$(since | grep -c 'imap:pengaduan: database: counting an attempt: test: attempts refused')" \
	"$(since | grep -c 'imap:pengaduan: retrying in')" \
	"each database failure is logged once, by the store"
unlike "$(since)" "attempts refused.*; retrying in" "... not again with the retry"

# a message the server cannot read (its file is unreadable; the size is
# in the file name, so listing works): fetching it breaks the session.
# The others are taken in, it is tried alone max_attempts times, then
# quarantined without bytes and moved away
conf_write "imap = ( $(imap_account pengaduan test imap.secret starttls) );
smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
limits = { max_message_size = \"64K\"; max_attempts = 2; };"
md=$DOVECOT_DIR/mail/test/Maildir
for i in 1 2 3; do
	sed "s/^Message-ID: <\(.*\)>/Message-ID: <nofetch-$i-\1>/I" "$MAIL/02-plain-en.eml" > "$WORK/nf$i.eml"
	sz=$(stat -c %s "$WORK/nf$i.eml")
	cp "$WORK/nf$i.eml" "$md/tmp/nf$i"
	chown "$(stat -c %u:%g "$md")" "$md/tmp/nf$i"
	[ $i = 2 ] && chmod 000 "$md/tmp/nf$i"
	mv "$md/tmp/nf$i" "$md/new/$(date +%s).M${i}P$$.nofetch,S=$sz,W=$sz"
done
set -- $(uid_list test)
daemon_start
check "around an unreadable message the others are taken in" \
	wait_for 20 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM message WHERE external_id LIKE 'nofetch-%'\") = 2 ]"
check "the unreadable one is quarantined after 2 attempts" \
	wait_for 20 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM quarantine WHERE item = '$(uidvalidity test)/$2'\") = 1 ]"
like "$(sq "SELECT reason || ' size ' || size FROM quarantine WHERE item = '$(uidvalidity test)/$2'")" \
	"did not finish in 2 attempts.*the server did not hand it out \\(.*UID FETCH.*\\).* size 0" \
	"... saying the server did not hand it out"
check "... and it is moved to the quarantine folder" wait_for 15 sh -c "[ -z \"\$(doveadm -c '$DOVECOT_DIR/dovecot.conf' -f flow fetch -u test uid mailbox INBOX)\" ]"
like "$(cat "$WORK/daemon.log")" "UID $2: .*UID FETCH BODY.PEEK\\[\\]: .*; retrying in 2 s" \
	"the failure is logged with the UID and the retry"
daemon_stop

done_testing
