# outbox_faults.sh — a message that went out is never sent again when the
# database cannot record it: another program holds the database longer
# than the workers' busy timeout, then the workers cannot write at all (a
# file size limit of one byte stands in for a full disk: SQLite's write
# fails the same way), both while an email and an SMS are on their way.
# Each worker keeps the outcome, records it once the database takes it,
# gives back what it claimed but did not send, and a restart afterwards
# sends nothing twice.  Counted at the SMTP server and the modem.
. "$TOP/tests/integration/lib.sh"

rig_smtp --delay 3
conf_write_sms "$(modem_fake)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
limits = { retry_delay = 1; };"
MAIL=$TOP/tests/data/mail
sim_add --delay-cmgs 3
daemon_start
# the daemon creates the database before complaintctl writes to it: two
# processes making a new database at once can find it locked (switching
# it to WAL does not wait)
wait_for 15 grep -q 'complaintd: started: ' "$WORK/daemon.log"
# rows of a channel that are not sent (yet)
sending() { [ "$(sq "SELECT count(*) FROM outbox WHERE channel = 'email' AND status = 'sending'")" -gt 0 ] &&
	[ "$(sq "SELECT count(*) FROM outbox WHERE channel = 'sms' AND status = 'sending'")" -gt 0 ]; }
# the outbox rows the mails at the SMTP server carry, by their Message-ID
mail_rows() { mails 'sorted(m["row"]["id"] for m in msgs if m["row"])'; }

# ---- another program holds the database for 12 s ----
complaintctl ingest --quiet < "$MAIL/01-plain-id.eml"
check "an email and an SMS are on their way" wait_for 15 sending
$PY - "$WORK/db.sqlite" > "$WORK/lock.log" 2>&1 <<'PYEOF' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(12)
db.execute("ROLLBACK")
PYEOF
lockpid=$!
wait_for 5 grep -q locked "$WORK/lock.log"
check "the mail is sent while the database is held, and not recorded" \
	wait_for 20 grep -q "dispatch: outbox #[0-9]*: sent, but the database cannot record it now" "$WORK/daemon.log"
check "... nor the SMS" \
	wait_for 20 grep -q "modem:gsm0: outbox #[0-9]*: sent, but the database cannot record it now" "$WORK/daemon.log"
wait "$lockpid"
check "once the database is free, every outcome is recorded and the rest sent" \
	wait_sq 40 "SELECT count(*) FROM outbox WHERE status <> 'sent'" 0
n_email=$(sq "SELECT count(*) FROM outbox WHERE channel = 'email'")
n_sms=$(sq "SELECT count(*) FROM outbox WHERE channel = 'sms'")
is "$(sent_count) $(grep -c '^CMGS TO ' "$MODEM_LOG")" "$n_email $n_sms" \
	"each message went out once ($n_email mails, $n_sms SMS)"
is "$(mail_rows)" "$(sq "SELECT id FROM outbox WHERE channel = 'email' ORDER BY id")" \
	"... every mail exactly once, by its Message-ID"
is "$(sq "SELECT max(attempts) FROM outbox")" 1 \
	"... none charged an attempt for what the database did"
like "$(grep -c 'recorded at last' "$WORK/daemon.log")" "^[2-9]" "the log says when they were recorded"

# ---- the workers cannot write at all (as on a full disk) ----
complaintctl ingest --quiet < "$MAIL/02-plain-en.eml"
check "another email and SMS are on their way" wait_for 15 sending
for w in dispatch modem:gsm0; do prlimit --pid "$(worker_pid "$w")" --fsize=1:unlimited; done
check "the workers say what waits (their own log cannot be written either)" \
	wait_for 20 sh -c "grep -q 'dispatch: error: [0-9]* outcome(s) not recorded yet' '$WORK/daemon.log' &&
		grep -q 'modem:gsm0: error: [0-9]* outcome(s) not recorded yet' '$WORK/daemon.log'"
sleep 2
for w in dispatch modem:gsm0; do prlimit --pid "$(worker_pid "$w")" --fsize=unlimited:unlimited; done
check "once they can write again, everything is recorded and sent" \
	wait_sq 40 "SELECT count(*) FROM outbox WHERE status <> 'sent'" 0
n_email=$(sq "SELECT count(*) FROM outbox WHERE channel = 'email'")
n_sms=$(sq "SELECT count(*) FROM outbox WHERE channel = 'sms'")
is "$(sent_count) $(grep -c '^CMGS TO ' "$MODEM_LOG")" "$n_email $n_sms" \
	"each message went out once ($n_email mails, $n_sms SMS)"
is "$(mail_rows)" "$(sq "SELECT id FROM outbox WHERE channel = 'email' ORDER BY id")" \
	"... every mail exactly once"

# ---- and a restart sends nothing again ----
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
daemon_start
check "the workers are back" wait_for 15 sh -c "complaintctl status | grep -q 'state: *connected'"
sleep 3
is "$(sent_count) $(grep -c '^CMGS TO ' "$MODEM_LOG")" "$n_email $n_sms" "after a restart nothing is sent twice"
daemon_stop
done_testing
