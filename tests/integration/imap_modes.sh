# imap_modes.sh — servers without IDLE and MOVE (polling; COPY, \Deleted
# and UID EXPUNGE), without UIDPLUS (plain EXPUNGE), and a mailbox whose
# UIDVALIDITY changes under us: read again whole, without a single
# duplicate.
. "$TOP/tests/integration/lib.sh"

MAIL=$TOP/tests/data/mail
rig_dovecot 'imap_capability = IMAP4rev1 LITERAL+ UIDPLUS' || exit 1
secret imap.secret test
conf_write "imap = ( $(imap_account modes test imap.secret starttls) );
smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };"
cases() { sq 'SELECT count(*) FROM complaint'; }
inbox_empty() { [ "$(mailbox_count test)" = 0 ]; }

# without IDLE and MOVE
deliver test INBOX "$MAIL"/0[1-9]-*.eml
daemon_start
check "without IDLE and MOVE: the mailbox is taken in" wait_for 15 inbox_empty
like "$(cat "$WORK/daemon.log")" "logged in as test \\(IDLE no, MOVE no, UIDPLUS yes\\)" \
	"the server offers neither IDLE nor MOVE"
like "$(cat "$WORK/daemon.log")" "imap:modes: connected to .*; polling" "... so the worker polls"
is "$(cases)" 8 "8 cases from 9 messages (05 follows up 01)"
is "$(mailbox_count test processed)" 9 "COPY + UID EXPUNGE: each message in the processed folder once"
is "$(unseen_count test processed)" 0 "... \\Seen"
sed 's/^Message-ID: .*/Message-ID: <poll-1@example.org>/' "$MAIL/02-plain-en.eml" > "$WORK/poll.eml"
deliver test INBOX "$WORK/poll.eml"
check "mail arriving later is found by the next poll" \
	wait_for 10 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' 'SELECT count(*) FROM complaint') = 9 ]"
check "... and moved" wait_for 5 inbox_empty
daemon_stop

# without UIDPLUS either: COPY, \Deleted and EXPUNGE
dovecot_restart 'imap_capability = IMAP4rev1 LITERAL+' >/dev/null 2>&1
deliver test INBOX "$MAIL/10-html-only.eml" "$MAIL/11-attachments.eml"
daemon_start
check "without UIDPLUS: the mailbox is taken in" wait_for 15 inbox_empty
like "$(cat "$WORK/daemon.log")" "logged in as test \\(IDLE no, MOVE no, UIDPLUS no\\)" \
	"the server offers no UIDPLUS"
is "$(cases)" 11 "2 more cases"
is "$(mailbox_count test processed)" 12 "... and 2 more messages in the processed folder"
daemon_stop

# UIDVALIDITY changes (the mailbox was rebuilt): three recorded messages
# come back with new UIDs, next to two new ones
oldv=$(uidvalidity test)
"$TOP/tests/rig/dovecot.sh" stop "$DOVECOT_DIR"
md=$DOVECOT_DIR/mail/test/Maildir
n=0
for f in "$md"/.processed/cur/*; do
	[ $n -lt 3 ] || break
	cp -p "$f" "$md/new/back.$n" && n=$((n + 1))
done
rm -f "$md"/dovecot-uidlist "$md"/dovecot.index*
"$TOP/tests/rig/dovecot.sh" start "$DOVECOT_DIR" "$IMAP_PORT" "$IMAPS_PORT" "$PKI" || exit 1
deliver test INBOX "$MAIL/23-empty-body.eml" "$MAIL/24-long-subject.eml"
newv=$(uidvalidity test)
check "the mailbox has a new UIDVALIDITY ($oldv -> $newv)" test "$oldv" != "$newv"
sq "INSERT INTO source_attempt (source, item, attempts, last_error, updated_at) VALUES ('imap:modes', '$oldv/3', 1, NULL, 0)"
msgs=$(sq 'SELECT count(*) FROM message')
daemon_start
check "after the change the mailbox is read again" wait_for 15 inbox_empty
like "$(cat "$WORK/daemon.log")" "UIDVALIDITY of INBOX changed \\($oldv -> $newv\\): reading the whole mailbox again" \
	"the log says what happened"
is "$(cases)" 13 "only the 2 new messages are new cases"
is "$(( $(sq 'SELECT count(*) FROM message') - msgs ))" 2 "... no message is recorded twice"
like "$(cat "$WORK/daemon.log")" "UID [0-9]+: duplicate, already recorded" \
	"the returning ones are recognised as duplicates"
is "$(sq "SELECT uidvalidity || ' ' || last_uid FROM source_state")" "$newv 5" \
	"source_state has the new UIDVALIDITY and last UID"
is "$(sq 'SELECT count(*) FROM source_attempt')" 0 "attempts under the old UIDVALIDITY are forgotten"
daemon_stop

# Mail far above the last UID (a database started afresh beside a mailbox
# that has been in use, or a server that skipped UIDs): the worker crosses
# the empty UIDs in growing windows and takes every message in once.
# 2,300 messages from UID 40,001: more than a window of 2,000 UIDs could
# hold, past a gap wider than the largest window (16,384 UIDs).
doveadm -c "$DOVECOT_DIR/dovecot.conf" mailbox update -u test \
	--min-next-uid 40001 INBOX
deliver_generated test 2300 gap >/dev/null
set -- $(uid_list test)
is "$1 $#" "40001 2300" "2,300 messages in the mailbox from UID 40,001"
msgs=$(sq 'SELECT count(*) FROM message')
moved=$(mailbox_count test processed)
daemon_start
check "the mail above the gap is taken in" wait_for 180 inbox_empty
is "$(cases)" 2313 "2,300 more cases"
is "$(( $(sq 'SELECT count(*) FROM message') - msgs ))" 2300 \
	"... each message recorded once"
is "$(sq "SELECT last_uid FROM source_state")" 42300 \
	"the last UID is the gap's last message"
is "$(( $(mailbox_count test processed) - moved ))" 2300 "... each moved once"
daemon_stop

done_testing
