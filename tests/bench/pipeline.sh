#!/bin/bash
# pipeline.sh — `make bench`: the intake pipeline alone, without IMAP:
# 10,000 generated complaint mails (the IMAP bench's kind) parsed,
# decided, recorded with their case, acknowledgement and notification,
# committed in transactions of 200.  Our own cost per message.
TEST_INDEX=${TEST_INDEX:-451}
. "$TOP/tests/integration/lib.sh"
N=${BENCH_N:-10000}
echo "== the pipeline alone ($N messages, transactions of 200) =="
$PY "$TOP/tests/bench/gen_mail.py" "$WORK/mail" "$N" --tag p >/dev/null
conf_write 'smtp = { url = "smtp://127.0.0.1:25"; tls = "none"; from = "pengaduan@smkn1.sch.id"; };
limits = { autoreply_total_per_hour = 100000; autoreply_total_per_day = 100000;
  notify_per_hour = 100000; };'
/usr/bin/time -f "cpu: user %U s, system %S s, peak RSS %M KB" \
	"$BUILD/pipeline_bench" "$WORK/complaintd.conf" "$WORK/mail/new" 200 2>&1 |
	grep -v 'schema migrated'
echo "database: $(( $(stat -c %s "$WORK/db.sqlite") / N / 1024 )) KB per message"
