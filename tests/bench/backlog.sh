#!/bin/bash
# backlog.sh — `make bench`: memory with 100,000 messages waiting in the
# mailbox (the IMAP worker's peak RSS), and the write-ahead log while a
# listing's reader stalls; see backlog_bench.py.
#   BENCH_BACKLOG=100000, BENCH_TAKE=30000; PORT_OFFSET moves the ports.
TEST_INDEX=${TEST_INDEX:-460}
. "$TOP/tests/integration/lib.sh"

echo "== backlog (${BENCH_BACKLOG:-100000} messages waiting) =="
rig_dovecot || exit 1
secret imap.secret test
conf_write "imap = ( { name = \"bench\"; host = \"127.0.0.1\"; port = $IMAP_PORT;
  tls = \"none\"; user = \"test\"; password_file = \"imap.secret\";
  processed_folder = \"processed\"; quarantine_folder = \"quarantine\"; } );
smtp = { url = \"smtp://127.0.0.1:25\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
# every acknowledgement and notification queued, as before the limits
limits = { autoreply_total_per_hour = 100000; autoreply_total_per_day = 100000;
  notify_per_hour = 100000; };"
md=$DOVECOT_DIR/mail/test/Maildir
$PY "$TOP/tests/bench/backlog_bench.py" --maildir "$md" \
	--complaintd "$BUILD/complaintd" --complaintctl "$BUILD/complaintctl" \
	--conf "$WORK/complaintd.conf" --db "$WORK/db.sqlite" \
	--log "$WORK/daemon.log" --n "${BENCH_BACKLOG:-100000}" \
	--take "${BENCH_TAKE:-30000}" --uid "$(stat -c %u "$md")" \
	--gid "$(stat -c %g "$md")"
rc=$?
[ $rc -eq 0 ] || T_FAIL=1
exit $rc
