# sms_crash.sh — kill -9 during SMS intake loses nothing and doubles
# nothing: 800 SMS (a quarter of them in three parts) on the dummy modem,
# the modem worker killed twice while it takes them in, then the whole
# daemon, then a restart.  In the end: each message recorded once, one case
# and one acknowledgement each, long ones whole, nothing left on the SIM.
# Then SMS that the database refuses: quarantined with their parts while
# the others flow, and taken in by complaintctl quarantine reprocess.
. "$TOP/tests/integration/lib.sh"

N=800
conf_write_sms "$(modem_dummy 600)"
parts=$($PY "$TOP/tests/rig/sms_inject.py" "$GAMMU_DIR" --bench $N)
is "$(on_modem)" "$parts" "$N SMS in $parts parts wait on the modem"

daemon_start
# kill the worker as soon as intake has begun, twice
for k in 1 2; do
	before=$(sq "SELECT count(*) FROM message" 2>/dev/null || echo 0)
	wait_for 20 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' 'SELECT count(*) FROM message' 2>/dev/null || echo 0) -gt ${before:-0} ]"
	pid=$(worker_pid modem:gsm0)
	[ -n "$pid" ] && kill -9 "$pid"
	diag "modem worker $pid killed after $(sq 'SELECT count(*) FROM message') messages, $(on_modem) parts on the modem"
done
# then the whole daemon, while the restarted worker is at it
before=$(sq "SELECT count(*) FROM message")
wait_for 20 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' 'SELECT count(*) FROM message') -gt $before ]"
kill -9 "$DAEMON_PID" $(pgrep -P "$DAEMON_PID")
wait "$DAEMON_PID" 2>/dev/null
diag "daemon killed after $(sq 'SELECT count(*) FROM message') messages, $(on_modem) parts on the modem"
daemon_start
check "after the restart every SMS is taken in" \
	wait_sq 60 "SELECT count(*) FROM message" $N
check "... and the modem is emptied" wait_for 10 sh -c "[ \$(ls '$GAMMU_DIR/sms/1' | grep -c '^[0-9]') -eq 0 ]"
sleep 1.5			# one more round: anything read twice would show
is "$(sq "SELECT count(*) FROM message")" $N "no message recorded twice"
is "$(sq "SELECT count(*) FROM (SELECT sender FROM message GROUP BY sender HAVING count(*) = 1)")" $N \
	"... one message per sender, $N senders"
is "$(sq "SELECT count(*) FROM complaint")" $N "one case each"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack'")" $N "one acknowledgement each"
is "$(sq "SELECT count(*) FROM message WHERE body LIKE 'Keluhan nomor % kipas angin%' AND length(body) = 400 AND body NOT LIKE '%…%'")" $((N / 4)) \
	"the long ones whole (400 characters, no part missing)"
is "$(sq "SELECT count(*) FROM sms_part WHERE done_at IS NULL")" 0 "no part left waiting"
is "$(sq "SELECT count(*) FROM quarantine")" 0 "nothing quarantined"

# ---- an SMS that cannot be recorded is quarantined, the rest flows ----
# (a trigger makes the database refuse texts containing RACUN)
sqw "CREATE TRIGGER poison BEFORE INSERT ON message WHEN NEW.body LIKE '%RACUN%' BEGIN SELECT RAISE(ABORT, 'poison'); END"
sms_in --from +6281298760001 --text "Sebelum: atap bocor"
sms_in --from +6281298760002 --text "RACUN satu bagian"
sms_in --from +6281298760003 --ref 77 --text "RACUN $(printf 'dua bagian %.0s' $(seq 20))"
sms_in --from +6281298760004 --text "Sesudah: kipas rusak"
check "the SMS around the ones that cannot be recorded are taken in" \
	wait_sq 15 "SELECT count(*) FROM message WHERE sender IN ('+6281298760001', '+6281298760004')" 2
check "the ones that cannot be recorded are quarantined with their parts" \
	wait_sq 15 "SELECT count(*) FROM quarantine WHERE source = 'modem:gsm0' AND reason = 'the SMS could not be recorded'" 2
is "$(sq "SELECT raw FROM quarantine WHERE item LIKE 'sms:%'" | grep -c '^SMS part [12]/2 ref 77 coding GSM-7 sent [0-9TZ:-]* centre +628161234 from +6281298760003$')" 2 \
	"... a long one with both its parts"
check "... and leave the modem" wait_for 5 sh -c "[ \$(ls '$GAMMU_DIR/sms/1' | grep -c '^[0-9]') -eq 0 ]"
is "$(sq "SELECT count(*) FROM sms_part WHERE done_at IS NULL")" 0 "... with nothing left waiting"

# once the cause is gone, the quarantined SMS are taken in from their record
sqw "DROP TRIGGER poison"
for q in $(sq "SELECT id FROM quarantine WHERE source = 'modem:gsm0' ORDER BY id"); do
	like "$(complaintctl quarantine reprocess "$q")" "recorded as complaint KEL-" \
		"complaintctl quarantine reprocess takes quarantined SMS #$q in"
done
is "$(sq "SELECT body FROM message WHERE sender = '+6281298760003'")" "RACUN $(printf 'dua bagian %.0s' $(seq 20))" \
	"... a long one whole, from the sender in E.164"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack' AND recipient IN ('+6281298760002', '+6281298760003')")" 2 \
	"... acknowledged like any other"
# the record kept with a message reads back to the same message
mid=$(sq "SELECT id FROM message WHERE sender = '+6281298760004'")
sqw "INSERT INTO quarantine (source, item, reason, raw, size, created_at, updated_at) SELECT 'modem:gsm0', '', 'test', raw, length(raw), 0, 0 FROM message WHERE id = $mid"
like "$(complaintctl quarantine reprocess "$(sq 'SELECT max(id) FROM quarantine')")" "was already recorded \\(already recorded as message #$mid\\)" \
	"an SMS recorded before is recognised from its record (same id)"
daemon_stop
is "$DAEMON_RC" 0 "the restarted daemon stops cleanly"
done_testing
