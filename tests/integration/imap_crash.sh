# imap_crash.sh — exactly once under crashes: the IMAP worker killed with
# SIGKILL in the middle of intake, then the whole daemon, then Dovecot
# restarted in the middle of a fetch (and workers never outlive a killed
# supervisor).  After each, every message is one
# case (no more, no less), the mailbox is empty and the processed folder
# holds each message once.
. "$TOP/tests/integration/lib.sh"

rig_dovecot || exit 1
secret imap.secret test
# kills land anywhere, also in the middle of a batch: never let them add
# up to a quarantine here (that path is imap_intake.sh's)
conf_write "imap = ( $(imap_account crash test imap.secret none) );
smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
limits = { max_attempts = 20; };"
CHUNK=800
sent=0
# send — deliver the next CHUNK generated messages
send() {
	deliver_generated test "$CHUNK" "c$sent"
	sent=$((sent + CHUNK))
}
recorded() { sqlite3 "$WORK/db.sqlite" 'SELECT count(*) FROM message' 2>/dev/null || echo 0; }
settled() { [ "$(mailbox_count test)" = 0 ] && [ "$(recorded)" = "$sent" ]; }
# midway — wait until part of the last chunk is committed, then a random
# moment more (the rest is still being fetched, recorded or moved)
midway() {
	local before=$1
	wait_for 20 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' 'SELECT count(*) FROM message' 2>/dev/null || echo 0) -gt $before ]"
	sleep "0.$(printf '%02d' $((RANDOM % 15)))"
}
# after PHASE — the invariants, once intake has settled
after() {
	check "$1: everything is taken in" wait_for 60 settled
	is "$(sq 'SELECT count(*) FROM complaint')" "$sent" "$1: exactly $sent cases"
	is "$(sq 'SELECT count(DISTINCT external_id) FROM message')" "$sent" \
		"$1: $sent distinct messages"
	is "$(mailbox_count test processed)" "$sent" \
		"$1: the processed folder holds each message once"
	is "$(sq 'SELECT count(*) FROM quarantine')" 0 "$1: nothing quarantined"
	is "$(sq 'SELECT count(*) FROM source_attempt')" 0 "$1: no attempt left counted"
}
worker_restarted() {
	local p
	p=$(sed -n 's/.*imap:crash: started as pid \([0-9]*\).*/\1/p' "$WORK/daemon.log" | tail -n 1)
	[ "$p" != "$1" ] && kill -0 "$p" 2>/dev/null
}

# the worker killed in the middle of intake (the supervisor restarts it)
daemon_start
for i in 1 2 3; do
	wait_for 10 worker_pid imap:crash >/dev/null
	before=$(recorded)
	send
	midway "$before"
	p=$(worker_pid imap:crash) && kill -9 "$p"
	diag "killed the worker at $(recorded) of $sent messages"
	wait_for 15 worker_restarted "$p"
done
after "worker killed 3 times"
like "$(cat "$WORK/daemon.log")" "imap:crash: worker killed by signal 9; restarting in" \
	"the supervisor saw the kills"

# the whole daemon killed in the middle of intake
for i in 1 2 3; do
	before=$(recorded)
	send
	daemon_kill9
	daemon_start
	midway "$before"
	daemon_kill9
	diag "killed the daemon at $(recorded) of $sent messages"
	daemon_start
done
after "daemon killed 3 times"

# the supervisor alone killed: its workers stop by themselves (a daemon
# started again must not find an old reader on the mailbox)
wait_for 10 worker_pid imap:crash >/dev/null
w1=$(worker_pid imap:crash)
w2=$(worker_pid dispatch)
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
check "with the supervisor killed, its workers stop by themselves" \
	wait_for 10 sh -c "! kill -0 $w1 2>/dev/null && ! kill -0 $w2 2>/dev/null"
daemon_start

# Dovecot restarted in the middle of intake (its sessions cut first: a
# stopping master leaves them running)
before=$(recorded)
send
midway "$before"
doveadm -c "$DOVECOT_DIR/dovecot.conf" kick test >/dev/null 2>&1
dovecot_restart >/dev/null 2>&1
diag "restarted Dovecot at $(recorded) of $sent messages"
after "Dovecot restarted"
like "$(cat "$WORK/daemon.log")" "imap:crash: .*(connection lost|unreadable answer|BYE|cannot connect).*; retrying in [0-9]+ s" \
	"the lost connection is logged with the retry"
daemon_stop
is "$DAEMON_RC" 0 "SIGTERM: exit 0"

done_testing
