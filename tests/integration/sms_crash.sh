# sms_crash.sh — kill -9 during SMS intake loses nothing and doubles
# nothing: 800 SMS (a quarter of them in three parts) on the dummy modem,
# the modem worker killed twice while it takes them in, then the whole
# daemon, then a restart.  In the end: each message recorded once, one case
# and one acknowledgement each, long ones whole, nothing left on the SIM.
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
daemon_stop
is "$DAEMON_RC" 0 "the restarted daemon stops cleanly"
done_testing
