#!/bin/bash
# e2e.sh — `make bench`: a complaint delivered into Dovecot until its
# acknowledgement is received by the SMTP server (STARTTLS on both sides,
# IDLE), p50/p99 over 200 complaints.  See e2e_bench.py.
TEST_INDEX=${TEST_INDEX:-452}
. "$TOP/tests/integration/lib.sh"
echo "== end to end: IMAP in, SMTP out =="
rig_dovecot || exit 1
rig_smtp --starttls "$PKI/server.pem" "$PKI/server.key" || exit 1
secret imap.secret test
conf_write "imap = ( { name = \"bench\"; host = \"localhost\"; port = $IMAP_PORT;
  tls = \"starttls\"; ca_file = \"$PKI/ca.pem\"; user = \"test\";
  password_file = \"imap.secret\"; processed_folder = \"processed\";
  quarantine_folder = \"quarantine\"; } );
smtp = { url = \"smtp://localhost:$SMTP_PORT\"; ca_file = \"$PKI/ca.pem\";
  from = \"pengaduan@smkn1.sch.id\"; };
limits = { autoreply_per_hour = 1000; autoreply_per_day = 1000;
  autoreply_total_per_hour = 100000; autoreply_total_per_day = 100000;
  notify_per_hour = 100000; };"
daemon_start
wait_for 10 grep -q 'imap:bench: connected' "$WORK/daemon.log" || exit 1
sleep 1
$PY "$TOP/tests/bench/e2e_bench.py" --maildir "$DOVECOT_DIR/mail/test/Maildir" \
	--sink "$SMTP_DIR" --uid "$(stat -c %u "$DOVECOT_DIR/mail/test")" \
	--gid "$(stat -c %g "$DOVECOT_DIR/mail/test")" --count "${BENCH_E2E:-200}" \
	--db "$WORK/db.sqlite" --cold "${BENCH_E2E_COLD:-5}"
rc=$?
daemon_stop
[ $rc -eq 0 ] || T_FAIL=1
exit $rc
