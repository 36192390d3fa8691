#!/bin/bash
# imap.sh — `make bench`: IMAP intake throughput against mbsync in one
# run, rounds interleaved (mbsync, complaintd, mbsync, complaintd, ...),
# latency with IDLE, peak memory, and intake into a database that already
# holds a round's cases.  Figures on stdout; see imap_bench.py.
#   BENCH_N=10000 (messages per round), BENCH_ROUNDS=3 (rounds of each),
#   PORT_OFFSET moves the ports.
TEST_INDEX=${TEST_INDEX:-450}
. "$TOP/tests/integration/lib.sh"
N=${BENCH_N:-10000}
ROUNDS=${BENCH_ROUNDS:-3}

echo "== IMAP intake ($N messages, $ROUNDS rounds of mbsync and complaintd" \
	"interleaved; Dovecot and both clients on this machine, $(nproc) CPUs) =="
rig_dovecot || exit 1
secret imap.secret test
conf_write "imap = ( { name = \"bench\"; host = \"127.0.0.1\"; port = $IMAP_PORT;
  tls = \"none\"; user = \"test\"; password_file = \"imap.secret\";
  processed_folder = \"processed\"; quarantine_folder = \"quarantine\"; } );
smtp = { url = \"smtp://127.0.0.1:25\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
# every acknowledgement and notification queued, as before the limits
limits = { autoreply_total_per_hour = 100000; autoreply_total_per_day = 100000;
  notify_per_hour = 100000; };"
owner=$(stat -c %u "$DOVECOT_DIR/mail/test")
group=$(stat -c %g "$DOVECOT_DIR/mail/test")
$PY "$TOP/tests/bench/imap_bench.py" --work "$WORK" --dovecot "$DOVECOT_DIR" \
	--complaintd "$BUILD/complaintd" --conf "$WORK/complaintd.conf" \
	--db "$WORK/db.sqlite" --port "$IMAP_PORT" --n "$N" --rounds "$ROUNDS" \
	--mail-uid "$owner" --mail-gid "$group"
rc=$?
[ $rc -eq 0 ] || T_FAIL=1
exit $rc
