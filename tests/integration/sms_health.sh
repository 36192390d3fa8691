# sms_health.sh — a modem that cannot be used does not stop anything else:
# with one dead modem (no such device) next to a working one, the working
# one takes SMS in and email is taken in as usual, and complaintctl status
# says which modem is in trouble and why.  The SIM PIN comes from pin_file
# and is entered when the SIM asks; a wrong PIN is tried once only (three
# wrong tries would lock the SIM) and shown.
. "$TOP/tests/integration/lib.sh"

conf_write_sms "$(modem_dummy | sed 's/ } );/ },\
  { name = "gsm1"; device = "\/nonexistent\/serial\/by-id\/usb-modem-if00"; connection = "at"; poll_interval = 1; } );/')"
daemon_start
sms_in --from 081298765301 --text "Kipas angin kelas XII rusak"
check "the working modem takes SMS in while the other cannot be opened" \
	wait_sq 10 "SELECT count(*) FROM message WHERE channel = 'sms'" 1
out=$(complaintctl ingest < "$TOP/tests/data/mail/01-plain-id.eml")
like "$out" "recorded complaint" "email is taken in as usual"
check "the dead modem's trouble is recorded" \
	wait_for 10 sh -c "complaintctl status | grep -q 'state: *error: connecting'"
st=$(complaintctl status | tr '\n' '~')		# one line: ~ ends each
like "$st" "~  gsm1 +\\(/nonexistent/serial/by-id/usb-modem-if00, at\\)~" "status names the modem and its device"
like "$st" "~  gsm1 [^~]*~ +state: +error: connecting: [^~]*retry in [0-9]+ s~" "... what failed and when it tries again"
like "$st" "~  gsm0 [^~]*~ +state: +connected" "... and that the other one is fine"
like "$(grep 'modem:gsm1' "$WORK/daemon.log")" "cannot use the modem: connecting: .*trying again in" \
	"the log says which modem failed and when it retries"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly with a dead modem"

# ---- the SIM PIN ----
secret pin 1234
conf_write_sms "$(modem_fake | sed "s|--fail-file|--pin 1234 --fail-file|; s|poll_interval = 1;|& pin_file = \"$WORK/pin\";|")"
sim_add --add-sms "+6281298765302:Atap bocor"
daemon_start
check "the PIN from pin_file unlocks the SIM" \
	wait_sq 15 "SELECT count(*) FROM message WHERE sender = '+6281298765302'" 1
is "$(grep -c '^AT< AT+CPIN="1234"' "$MODEM_LOG")" 1 "... entered once"
unlike "$(grep -v fake_modem.py "$WORK/daemon.log")" "1234" \
	"... and never logged (the fake modem's command line aside)"
daemon_stop

secret pin 9999
rm -f "$SIM" "$MODEM_LOG"
daemon_start
check "a wrong PIN leaves the SIM locked, and status says so" \
	wait_for 15 sh -c "complaintctl status | grep -q 'state: *SIM locked: the SIM did not take the PIN'"
sleep 3
is "$(grep -c '^AT< AT+CPIN=' "$MODEM_LOG")" 1 "... and it is not tried again"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly with a locked SIM"

# ---- the IMAP accounts in complaintctl status (as their worker records them) ----
secret imap.pw test
conf_write_sms "imap = ( { name = \"pengaduan\"; host = \"127.0.0.1\"; port = 1993; user = \"pengaduan@smkn1.sch.id\"; password_file = \"$WORK/imap.pw\"; } );
$(modem_dummy)"
sqw "INSERT INTO source_state (source, status, last_error, last_ok_at, updated_at) VALUES ('imap:pengaduan', 'connected', 'LOGIN failed', strftime('%s', 'now'), strftime('%s', 'now'))"
st=$(complaintctl status | tr '\n' '~')
like "$st" "~IMAP accounts:~  pengaduan  \\(pengaduan@smkn1.sch.id on 127.0.0.1:1993\\)~ +state: +stopped \\(the daemon is not running; last recorded: connected\\)~ +last ok: +[0-9-]+ [0-9:]+ [^~]*~ +last error: +LOGIN failed~" \
	"status shows each IMAP account's state and last error"
is "$(complaintctl status --json | $PY -c 'import json,sys; i=json.load(sys.stdin)["imap"][0]; print(i["name"], i["status"], i["recorded_status"], i["last_error"])')" \
	"pengaduan stopped connected LOGIN failed" "... also in JSON (the daemon does not run: stopped)"
done_testing
