# wake.sh — the dispatch worker sleeps until there is work: a complaint
# committed by complaintctl ingest (another process, which does nothing
# to wake it but commit) is acknowledged at once, though the worker's
# only other reason to wake, the clock's tick, is half a minute away;
# a row queued for later (a retry) goes at its time; idle, the worker
# wakes about once a second at most (its heartbeat), not five times.
. "$TOP/tests/integration/lib.sh"

MAIL=$TOP/tests/data/mail
rig_smtp
conf_write "smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\";
  from = \"pengaduan@smkn1.sch.id\"; };"
daemon_start
check "the dispatch worker is idle" \
	wait_for 10 sh -c "grep -q 'dispatch: started as pid' '$WORK/daemon.log' && [ -f '$WORK/db.sqlite' ]"
sleep 1		# past the first tick: the next one is 30 s away
DPID=$(worker_pid dispatch)
check "the dispatch worker runs" test -n "$DPID"
w0=$(awk '/voluntary_ctxt_switches/ && !/non/ {print $2}' "/proc/$DPID/status")
sleep 3
w1=$(awk '/voluntary_ctxt_switches/ && !/non/ {print $2}' "/proc/$DPID/status")
diag "dispatch worker: $((w1 - w0)) wake-ups in 3 s idle"
check "idle, it sleeps (at most a few wake-ups a second, not a poll)" \
	test $((w1 - w0)) -le 10
ingest_mail "$MAIL/01-plain-id.eml"
check "an ingested complaint is acknowledged and notified at once (the next tick is ~25 s away)" \
	wait_for 8 sh -c "[ \$(ls '$SMTP_DIR/new' 2>/dev/null | wc -l) -ge 2 ]"
id=$(sq "SELECT id FROM outbox WHERE kind = 'ack'")
sqw "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = strftime('%s', 'now') + 3 WHERE id = $id"
check "a row due in 3 s is sent at its time, with no commit to wake the worker" \
	wait_for 8 sh -c "[ \$(ls '$SMTP_DIR/new' | wc -l) -ge 3 ]"
check "... and recorded as sent" wait_sq 5 "SELECT status FROM outbox WHERE id = $id" sent
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
