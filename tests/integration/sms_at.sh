# sms_at.sh — the real AT path: gammu's AT driver talking PDU mode to a fake
# modem (tests/rig/fake_modem.py) through gammu's proxyat connection.  SMS
# are listed, read and deleted over AT; replies are sent with AT+CMGS, and
# the fake decodes each SMS-SUBMIT PDU it is given, so the test sees exactly
# what would have gone over the air: a two-part reply with its
# concatenation headers, GSM-7, a delivery report requested.  Delivery
# reports come back over AT.  A modem that stops answering is reconnected,
# then reset, and comes back.
. "$TOP/tests/integration/lib.sh"

conf_write_sms "$(modem_fake)"
A=+6281298765101 B=+6281298765102
long=$(printf 'Jadwal ujian praktik kelas XII berubah tanpa pemberitahuan. %.0s' 1 2 3)
sim_add --add-sms "$A:Atap ruang guru bocor kalau hujan" --add-sms "081298765102:$long"
daemon_start

check "SMS read over AT become cases (one of them in two parts)" \
	wait_sq 15 "SELECT count(*) FROM complaint" 2
is "$(sq "SELECT body FROM message WHERE sender = '$B'")" "$long" \
	"... the two GSM-7 parts joined"
check "... and are deleted from the SIM (AT+CMGD) after they are recorded" \
	wait_for 5 sh -c "[ \$(grep -c '^AT< AT+CMGD=' '$MODEM_LOG') -eq 3 ]"
is "$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["msgs"]))' "$SIM")" 0 \
	"... the SIM is empty"
refA=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '$A'")
check "the acknowledgement is sent with AT+CMGS" \
	wait_for 10 grep -q "^CMGS TO $A UDH  REPORT yes TEXT SMK Negeri 1 Contoh: pengaduan Anda kami terima, no\\. $refA\\." "$MODEM_LOG"
check "... with a delivery report requested, and recorded as sent" \
	wait_sq 10 "SELECT status FROM outbox WHERE kind = 'ack' AND recipient = '$A'" sent

# a resolution too long for one SMS goes out in two concatenated parts
answer="Atap ruang guru sudah diperbaiki hari Senin oleh petugas sarana: genteng yang pecah diganti dan talang dibersihkan. Mohon kabari kami bila masih bocor."
complaintctl resolve "$refA" --message "$answer" >/dev/null
check "a long reply is sent as two parts" \
	wait_for 15 sh -c "[ \$(grep -c '^CMGS TO $A UDH 050003..020[12] ' '$MODEM_LOG') -eq 2 ]"
parts=$(grep "^CMGS TO $A UDH 050003..020[12] " "$MODEM_LOG")
udh1=$(echo "$parts" | sed -n 1p | awk '{print $5}')
udh2=$(echo "$parts" | sed -n 2p | awk '{print $5}')
is "${udh1:0:8} ${udh1:8} ${udh2:0:8} ${udh2:8}" "${udh1:0:8} 0201 ${udh1:0:8} 0202" \
	"... part 1 of 2 and 2 of 2, with one concatenation reference"
is "$(echo "$parts" | sed 's/^.* TEXT //' | tr -d '\n')" \
	"$refA: $answer -- Balas PUAS atau TIDAK PUAS. SMK Negeri 1 Contoh" \
	"... in GSM-7, together the whole resolution text"
check "... recorded as sent" \
	wait_sq 10 "SELECT status FROM outbox WHERE kind = 'resolution'" sent

# delivery reports come back over AT
mrs=$(sq "SELECT group_concat(mr, ' ') FROM (SELECT mr FROM sms_sent s JOIN outbox o ON o.id = s.outbox_id WHERE o.kind = 'resolution' ORDER BY s.part)")
set -- $mrs
is "$#" 2 "the message reference of each part is kept"
sim_add --add-report "$A:$1:0"
wait_sq 10 "SELECT count(*) FROM sms_sent WHERE reported_at IS NOT NULL" 1
is "$(sq "SELECT coalesce(delivery, '-') FROM outbox WHERE kind = 'resolution'")" - \
	"one part delivered is not the message delivered"
sim_add --add-report "$A:$2:0"
check "both parts delivered: the outbox row says delivered" \
	wait_sq 10 "SELECT delivery FROM outbox WHERE kind = 'resolution' AND delivered_at IS NOT NULL" delivered
mrB=$(sq "SELECT mr FROM sms_sent s JOIN outbox o ON o.id = s.outbox_id WHERE o.kind = 'ack' AND o.recipient = '$B'")
sim_add --add-report "$B:$mrB:65"
check "a report of a permanent failure marks the row failed" \
	wait_sq 10 "SELECT status || ': ' || last_error FROM outbox WHERE kind = 'ack' AND recipient = '$B'" \
	"failed: delivery report: not delivered (status 0x41)"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'delivery_failed' AND detail LIKE '%delivery report status 0x41'")" 1 \
	"... with an event on the case"

# UCS-2 when a text needs it: the officer's notification quotes an emoji
sim_add --add-sms "+6281298765104:Toilet rusak lagi, tolong 🙏"
wait_sq 15 "SELECT status FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT c.id FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '+6281298765104')" sent
refC=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '+6281298765104'")
is "$(grep "^CMGS TO +6281234567003 UDH 050003..020[12] REPORT yes TEXT " "$MODEM_LOG" | sed 's/^.* TEXT //' | tr -d '\n')" \
	"Pengaduan baru $refC (Sarana dan Prasarana): Toilet rusak lagi, tolong 🙏. Tanggapi: $refC SELESAI <jawaban>" \
	"a text with an emoji goes out in UCS-2 (two parts of 67), the emoji intact"

# the network refuses: for good (unassigned number), or for now
sim_add --refuse "+6281298765105:1" --refuse "+6281298765106:38"
sim_add --add-sms "+6281298765105:Atap bocor" --add-sms "+6281298765106:Kipas rusak"
check "an SMS the network refuses for good is failed at once, and visible" \
	wait_sq 15 "SELECT status || ' ' || attempts || ' ' || last_error FROM outbox WHERE kind = 'ack' AND recipient = '+6281298765105'" \
	"failed 1 part 1 of 1 refused by the network (error 1)"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'delivery_failed' AND detail LIKE 'ack to the complainant%error 1%'")" 1 \
	"... with an event on its case"
check "one refused for now is queued again for later, like email" \
	wait_sq 15 "SELECT status || ' ' || attempts || ' ' || (next_attempt_at > strftime('%s', 'now') + 30) || ' ' || last_error FROM outbox WHERE kind = 'ack' AND recipient = '+6281298765106'" \
	"queued 1 1 part 1 of 1 refused by the network (error 38)"

# a modem that stops answering: reconnect, then reset, then back
touch "$MODEM_FAIL"
check "a failing modem is reconnected" \
	wait_for 20 grep -q "connection closed, connecting again in" "$WORK/daemon.log"
check "... then reset (AT+CFUN=1,1)" \
	wait_for 20 grep -q '^AT< AT+CFUN=1,1' "$MODEM_LOG"
like "$(complaintctl status)" "state: +error: .*retry in [0-9]+ s" \
	"complaintctl status shows the modem's trouble"
like "$(complaintctl status)" "last error: +reading " "... and its last error"
rm -f "$MODEM_FAIL"
sim_add --add-sms "+6281298765103:Kipas angin kelas XI rusak"
check "once the modem answers again, SMS flow again" \
	wait_sq 30 "SELECT count(*) FROM message WHERE sender = '+6281298765103'" 1
check "... and the status says connected" \
	wait_for 10 sh -c "complaintctl status | grep -q 'state: *connected'"
daemon_stop
is "$DAEMON_RC" 0 "SIGTERM: the daemon stops cleanly"
# (the pattern's brackets keep pgrep from matching the shell running it)
check "no fake modem is left running" \
	wait_for 5 sh -c "! pgrep -f '[f]ake_modem.py --state $SIM' >/dev/null"
done_testing
