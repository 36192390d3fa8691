# alerts.sh — the administrators are told through the other channel when
# one stops working, through the real daemon, its SMTP sink and the fake
# AT modem, time driven by `complaintctl timers run --at`.  The SMTP
# server stops: once its outage is older than alerts.after_minutes the
# administrator gets an SMS (sent by the modem, the mail still waiting),
# once however often the clock ticks; complaintctl status shows the
# outage; the server back, one SMS says so.  The modem stops answering:
# a mail alert, then one when it works again.
. "$TOP/tests/integration/lib.sh"

rig_smtp
BASE="$(modem_fake)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\";
  from = \"pengaduan@smkn1.sch.id\"; reply_to = \"pengaduan@smkn1.sch.id\"; };
alerts = { to = [ \"kepsek\" ]; after_minutes = 10; };"
conf_write_sms "$BASE"
complaintd -t -c "$WORK/complaintd.conf" >/dev/null
is "$?" 0 "the configuration with alerts is valid"
daemon_start
KEPSEK=+6281234567001

# run_at SECONDS: one tick that many seconds after now
run_at() {
	complaintctl timers run --at "$(TZ=Asia/Jakarta date -d "@$(( $(date +%s) + $1 ))" '+%Y-%m-%d %H:%M')"
}
alerts() { sq "SELECT count(*) FROM outbox WHERE kind = '$1'"; }

# ---- the SMTP server stops ----
ingest_mail "$TOP/tests/data/mail/01-plain-id.eml"
check "mail goes out while the server works" \
	wait_sq 15 "SELECT status FROM source_state WHERE source = 'smtp'" connected
smtp_stop
complaintctl ingest --quiet < "$TOP/tests/data/mail/02-plain-en.eml"
check "the dispatch worker records the server's outage" \
	wait_sq 15 "SELECT down_since IS NOT NULL FROM source_state WHERE source = 'smtp'" 1
out=$(run_at 300)
unlike "$out" "channel-down" "an outage younger than after_minutes is not told"
is "$(alerts channel-down)" 0 "... and nothing is queued"
out=$(run_at 700)
like "$out" "alert:smtp +channel-down +told kepsek \\(sms\\)" \
	"after after_minutes the tick tells the administrator by SMS"
is "$(sq "SELECT channel || ' ' || recipient FROM outbox WHERE kind = 'channel-down'")" "sms $KEPSEK" \
	"... one SMS row to their number"
like "$(sq "SELECT body FROM outbox WHERE kind = 'channel-down'")" "^Pengaduan SMK Negeri 1 Contoh: email keluar \\(smtp\\) tidak bekerja sejak 20[0-9-]+ [0-9:]+ WIB\\. Mohon diperiksa\\.\$" \
	"... saying which channel and since when"
check "... which the modem sends while the mail still waits" \
	wait_for 15 grep -q "^CMGS TO $KEPSEK .*(smtp) tidak bekerja" "$MODEM_LOG"
is "$(sq "SELECT count(*) FROM outbox WHERE channel = 'email' AND status = 'sent' AND complaint_id = (SELECT max(id) FROM complaint)")" 0 \
	"... (the second complaint's mail is not sent)"
run_at 900 >/dev/null
run_at 3600 >/dev/null
is "$(alerts channel-down)" 1 "later ticks do not tell the same outage again"
st=$(complaintctl status | tr '\n' '~')
like "$st" "~SMTP server: +smtp://127\\.0\\.0\\.1:[0-9]+~ +state: +error~[^~]*~ +outage: +since 20[0-9-]+ [0-9:]+ \\(administrators told\\)~" \
	"complaintctl status shows the outage, since when, and that it was told"
is "$(complaintctl status --json | $PY -c 'import json,sys; s=json.load(sys.stdin)["smtp"]; print(s["down_since"] is not None, s["alerted"])')" \
	"True True" "... and so does --json"

smtp_start
check "the server back, the waiting mail goes out and the outage ends" \
	wait_sq 30 "SELECT down_since IS NULL FROM source_state WHERE source = 'smtp'" 1
run_at 60 >/dev/null
is "$(sq "SELECT channel || ' ' || recipient FROM outbox WHERE kind = 'channel-up'")" "sms $KEPSEK" \
	"its end is told once, by SMS"
run_at 120 >/dev/null
is "$(alerts channel-up)" 1 "... and only once"
unlike "$(complaintctl status | tr '\n' '~')" "~SMTP server:[^~]*~[^~]*~[^~]*outage" \
	"status shows no outage any more"

# ---- the modem stops answering ----
touch "$MODEM_FAIL"
check "the modem worker records the modem's outage" \
	wait_sq 20 "SELECT down_since IS NOT NULL FROM source_state WHERE source = 'modem:gsm0'" 1
out=$(run_at 700)
like "$out" "alert:modem:gsm0 +channel-down +told kepsek \\(email\\)" \
	"a modem down past after_minutes is told by mail"
check "... which the SMTP server receives" \
	wait_for 15 sh -c "$PY '$TOP/tests/rig/mail_inspect.py' '$SMTP_DIR' '$WORK/db.sqlite' 'len([m for m in kind(\"channel-down\") if \"gsm0\" in m[\"h\"](\"Subject\") and m[\"rcpt\"] == [\"kepsek@smkn1.sch.id\"]])' | grep -qx 1"
rm -f "$MODEM_FAIL"
check "the modem answers again: its outage ends" \
	wait_sq 30 "SELECT down_since IS NULL FROM source_state WHERE source = 'modem:gsm0'" 1
run_at 60 >/dev/null
is "$(sq "SELECT channel || ' ' || recipient FROM outbox WHERE kind = 'channel-up' ORDER BY id DESC LIMIT 1")" \
	"email kepsek@smkn1.sch.id" "its end is told by mail"
is "$(alerts channel-down) $(alerts channel-up)" "2 2" "one alert and one all-clear per outage"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"

# ---- an IMAP account that cannot connect (nothing listens there) ----
secret imap.secret rahasia
conf_write_sms "$BASE
imap = ( { name = \"pengaduan\"; host = \"127.0.0.1\"; port = $((PORT_BASE + 9));
  tls = \"implicit\"; user = \"pengaduan\"; password_file = \"$WORK/imap.secret\"; poll_interval = 1; } );"
daemon_start
check "the IMAP worker records the account's outage" \
	wait_sq 20 "SELECT down_since IS NOT NULL FROM source_state WHERE source = 'imap:pengaduan'" 1
out=$(run_at 700)
like "$out" "alert:imap:pengaduan +channel-down +told kepsek \\(sms\\)" \
	"mail that cannot be taken in is told by SMS"
like "$(complaintctl status | tr '\n' '~')" "~  pengaduan [^~]*~ +state: +error~[^~]*~ +outage: +since [^~]*\\(administrators told\\)~" \
	"... and status shows the account's outage"
daemon_stop
done_testing
