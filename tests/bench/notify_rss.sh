#!/bin/bash
# notify_rss.sh — `make bench`: the dispatch worker's peak memory while it
# sends the officer's notification of a 20 MB complaint (issue 8: the
# notification once carried the whole text, a 21.8 MB mail from a 241 MB
# worker; it now carries limits.notify_excerpt characters).
TEST_INDEX=${TEST_INDEX:-453}
. "$TOP/tests/integration/lib.sh"
echo "== a 20 MB complaint: the dispatch worker sending its notification =="
rig_smtp || exit 1
conf_write "smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };
limits = { max_message_size = \"30M\"; };"
{
	printf 'From: Panjang <panjang@example.org>\r\nTo: pengaduan@smkn1.sch.id\r\n'
	printf 'Subject: Panjang sekali\r\nMessage-ID: <rss-20mb@example.org>\r\n'
	printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
	$PY -c 'import sys
line = "Keluhan panjang tentang kebersihan kelas dan toilet sekolah kami.\r\n"
sys.stdout.write(line * (20 * 1024 * 1024 // len(line)))'
} > "$WORK/long.eml"
complaintctl ingest --quiet < "$WORK/long.eml" 2>/dev/null || exit 1
daemon_start
wait_for 60 sh -c "[ \"\$(sqlite3 '$WORK/db.sqlite' \"SELECT status FROM outbox WHERE kind = 'notify'\")\" = sent ]" || {
	echo "the notification was not sent"; exit 1; }
pid=$(worker_pid dispatch)
hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
mail=$(grep -l '^Subject: .*Pengaduan baru' "$SMTP_DIR"/new/*.eml | head -n 1)
printf 'complaint:   %d bytes of mail\n' "$(stat -c %s "$WORK/long.eml")"
printf 'notification: %d bytes as the SMTP server received it\n' "$(stat -c %s "$mail")"
printf 'dispatch worker peak RSS: %.1f MB\n' "$(echo "$hwm" | awk '{print $1 / 1024}')"
daemon_stop
