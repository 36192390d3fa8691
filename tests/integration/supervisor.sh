# supervisor.sh — the daemon's supervisor: readiness and watchdog through a
# real notify socket, restart of a killed worker, kill and restart of a
# silent (stopped) one, SIGHUP with a bad and a good configuration, and
# SIGTERM: everything gone within 10 s, even with a hung worker.
. "$TOP/tests/integration/lib.sh"

conf_write 'limits = { worker_silence = 3; };'
NOTIFY=$WORK/notify.sock
$PY "$TOP/tests/rig/notify_listen.py" "$NOTIFY" > "$WORK/notify.log" 2>&1 &
at_exit "kill $!"
wait_for 5 grep -q listening "$WORK/notify.log"

NOTIFY_SOCKET=$NOTIFY WATCHDOG_USEC=1000000 daemon_start
check "READY=1 is sent once the workers run" \
	wait_for 10 grep -q 'READY=1' "$WORK/notify.log"
check "STATUS says what the daemon is doing" \
	wait_for 10 grep -q 'STATUS=.*cases today' "$WORK/notify.log"
check "the watchdog is pinged while the workers are healthy" \
	wait_for 5 sh -c "[ \$(grep -c 'WATCHDOG=1' '$WORK/notify.log') -ge 3 ]"

# a worker killed by a signal comes back
wait_for 5 worker_pid dispatch >/dev/null
old=$(worker_pid dispatch)
kill -9 "$old"
check "a killed worker is restarted" \
	wait_for 5 sh -c "p=\$(sed -n 's/.*dispatch: started as pid \([0-9]*\).*/\1/p' '$WORK/daemon.log' | tail -n 1); [ \"\$p\" != '$old' ] && kill -0 \$p"
like "$(cat "$WORK/daemon.log")" "dispatch: worker killed by signal 9; restarting in 1 s" \
	"the log says which worker died, how, and when it comes back"

# a silent worker (stopped: no heartbeats) is killed and restarted, and
# the watchdog is not pinged while it is silent
sleep 1
old=$(worker_pid dispatch)
kill -STOP "$old"
check "a silent worker is killed" \
	wait_for 10 grep -q "dispatch: no heartbeat for [0-9]* s; killing pid $old" "$WORK/daemon.log"
check "... and restarted" \
	wait_for 5 sh -c "p=\$(sed -n 's/.*dispatch: started as pid \([0-9]*\).*/\1/p' '$WORK/daemon.log' | tail -n 1); [ \"\$p\" != '$old' ] && kill -0 \$p"
gap=$(awk '/WATCHDOG=1/ { if (prev) { d = $1 - prev; if (d > max) max = d } prev = $1 }
	END { printf "%d", max * 10 }' "$WORK/notify.log")
check "no watchdog ping while a worker was silent (longest gap ${gap}00 ms)" \
	test "$gap" -ge 15

# SIGHUP with a broken file keeps the running configuration
cp "$WORK/complaintd.conf" "$WORK/good.conf"
# a worker (re)started by the test above reads the file itself: wait until
# the last one started has read it
wait_for 10 sh -c '[ "$(grep -c "dispatch: idle: no smtp" "$1")" -ge "$(grep -c "dispatch: started as pid" "$1")" ]' sh "$WORK/daemon.log"
echo 'officers = ( { id = "x" ' >> "$WORK/complaintd.conf"
before=$(worker_pid dispatch)
kill -HUP "$DAEMON_PID"
check "a bad configuration on SIGHUP is reported" \
	wait_for 5 grep -q "keeping the running one" "$WORK/daemon.log"
like "$(cat "$WORK/daemon.log")" "complaintd.conf:[0-9]+: " \
	"... with the file and line of the problem"
sleep 0.5
is "$(worker_pid dispatch)" "$before" "... and the workers keep running"

# SIGHUP with a good file restarts the workers on it
cp "$WORK/good.conf" "$WORK/complaintd.conf"
kill -HUP "$DAEMON_PID"
check "a good configuration on SIGHUP is taken" \
	wait_for 10 grep -q "configuration reloaded" "$WORK/daemon.log"
check "RELOADING=1 then READY=1 are sent" \
	wait_for 5 sh -c "grep -n 'RELOADING=1' '$WORK/notify.log' >/dev/null && \
	    [ \$(grep -c 'READY=1' '$WORK/notify.log') -ge 2 ]"
check "the workers run again after the reload" \
	wait_for 5 sh -c "p=\$(sed -n 's/.*dispatch: started as pid \([0-9]*\).*/\1/p' '$WORK/daemon.log' | tail -n 1); [ \"\$p\" != '$before' ] && kill -0 \$p"

# SIGTERM: a hung worker does not hold the daemon beyond 10 s
sleep 1
hung=$(worker_pid dispatch)
kill -STOP "$hung"
daemon_stop
is "$DAEMON_RC" 0 "SIGTERM: the daemon exits 0"
check "... within 10 s although a worker was hung (${STOP_SECS} s)" \
	awk "BEGIN { exit !($STOP_SECS < 10) }"
check "... and no worker is left behind" sh -c "! kill -0 $hung 2>/dev/null"
check "STOPPING=1 is sent" grep -q 'STOPPING=1' "$WORK/notify.log"

# an unusable database stops the daemon before it starts anything
conf_write 'database = "/nonexistent/dir/db.sqlite";' 2>/dev/null
sed -i '/^database = "\/tmp/d' "$WORK/complaintd.conf"
complaintd -c "$WORK/complaintd.conf" > "$WORK/nodb.log" 2>&1
is "$?" 69 "an unusable database: exit 69 (EX_UNAVAILABLE)"
like "$(cat "$WORK/nodb.log")" "database /nonexistent/dir/db.sqlite" \
	"... saying which database"

done_testing
