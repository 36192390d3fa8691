# sms_faults.sh — what real modems do, through gammu's AT driver and the
# fake modem: SMS gammu cannot decode next to good ones (two captures from
# gammu's own collection of failing PDUs: one it calls corrupted, one it
# will not even delete), a sender in national form without its leading 0,
# a modem process that dies while it is written to, and one that stops
# answering.  Intake and sending go on through all of it.
. "$TOP/tests/integration/lib.sh"

conf_write_sms "$(modem_fake | sed 's/poll_interval = 1;/poll_interval = 1; timeout = 3;/')
limits = { retry_delay = 1; };"
# "Corrupted data returned by phone." (gammu's tests/at-sms-failing/18)
BAD=0CD0ABD9CC86CBC16034180C1616000AD0D770BB5D0700F9FF080074006500730074
# "Unknown error." (tests/at-sms-failing/01): gammu reads a message again
# before it deletes it, so this one stays on the SIM
STUCK=0791246030500200110481643000007030427132500047D6B0BEECCE83F4E17558EF4EAFEB2CD09C5DD78BC3207519447E8FC3737719D44EB7DF20B8FC6D7FEB5D2062795D5797DB65903E0C82BFC7E837BCEC4EBB00
A=+6281298765201
sim_add --add-pdu "$BAD" --add-sms "$A:Atap ruang guru bocor kalau hujan" \
	--add-pdu "$STUCK" --add-sms "81234500004:Kipas angin kelas XI rusak"
on_sim() { $PY -c 'import json,sys; print(" ".join(p for _, p, _ in json.load(open(sys.argv[1]))["msgs"].values()))' "$SIM"; }
daemon_start

# ---- SMS gammu cannot decode ----
check "the SMS next to two that cannot be decoded become cases" \
	wait_sq 15 "SELECT count(*) FROM complaint" 2
is "$(sq "SELECT count(*) FROM quarantine WHERE source = 'modem:gsm0'")" 2 \
	"... the two are quarantined"
qbad=$(sq "SELECT id FROM quarantine WHERE reason LIKE '%Corrupted data%'")
is "$(complaintctl quarantine show "$qbad" --raw)" "$BAD" "... with the PDU as the modem gave it"
like "$(complaintctl quarantine show "$qbad")" "cannot be decoded \\(Corrupted data returned by phone\\.\\) at location 1" \
	"... and why"
check "the corrupt one is deleted from the SIM, with the good ones" \
	wait_for 10 sh -c "[ \"\$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))[\"msgs\"]))' '$SIM')\" = 1 ]"
is "$(on_sim)" "$STUCK" "... only the one gammu will not delete stays"
like "$(cat "$WORK/daemon.log")" "cannot be deleted through gammu either .*stays on the SIM until it is deleted in a phone" \
	"... and the log says so"
n=$(grep -c '^AT< AT+CMGL' "$MODEM_LOG")
check "the SIM is read again and again meanwhile" \
	wait_for 10 sh -c "[ \$(grep -c '^AT< AT+CMGL' '$MODEM_LOG') -ge $((n + 3)) ]"
is "$(sq "SELECT count(*) FROM quarantine")" 2 "... without quarantining it twice"
check "queued SMS are sent: the acknowledgement" \
	wait_for 10 grep -q "^CMGS TO $A UDH  REPORT yes TEXT .*pengaduan Anda kami terima" "$MODEM_LOG"

# ---- a national number without its leading 0 ----
N=+6281234500004
is "$(sq "SELECT m.sender || ' ' || m.sender_raw || ' ' || m.kind FROM message m WHERE m.body LIKE 'Kipas%'")" \
	"$N 81234500004 complaint" "81234500004 is taken as $N, the number as received kept"
refN=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '$N'")
st=$(complaintctl show "$refN" | tr '\n' '~')
like "$st" "from \\$N~ +as received: 81234500004~" "complaintctl show shows both numbers"
check "... and the acknowledgement goes to $N" \
	wait_for 10 grep -q "^CMGS TO $N UDH  REPORT yes TEXT .*$refN" "$MODEM_LOG"
sim_add --add-sms "81234567004:rapat guru jam berapa?"	# an officer, no case named
check "an officer's SMS in national form is recognised, filed unfiled" \
	wait_sq 10 "SELECT kind FROM message WHERE sender = '+6281234567004'" unfiled
like "$(complaintctl unfiled)" "\\+6281234567004 \\(81234567004\\)" \
	"complaintctl unfiled shows the number as received next to it"

# ---- a modem that dies while it is written to ----
sim_add --die-on "AT+CMGS"
sim_add --add-sms "+6281298765202:Kursi kelas X patah"
check "the modem process dies in the middle of sending: seen at once" \
	wait_for 15 grep -q "sending: the modem is gone (its process exited)" "$WORK/daemon.log"
like "$(complaintctl status)" "last error: +sending: the modem is gone \\(its process exited\\)" \
	"complaintctl status says so"
check "... the SMS goes out once the modem is back" \
	wait_sq 15 "SELECT status FROM outbox WHERE kind = 'ack' AND recipient = '+6281298765202'" sent
is "$(grep -c '^CMGS TO +6281298765202 ' "$MODEM_LOG")" 1 "... exactly once"

# ---- a modem that stops answering ----
sim_add --hang-on "AT+CMGL"
sim_add --add-sms "+6281298765203:Lampu kelas mati"
check "a modem that stops answering is given up after its timeout" \
	wait_for 20 grep -q "reading messages: the modem did not answer in 3 s" "$WORK/daemon.log"
check "... and intake goes on once it is connected again" \
	wait_sq 20 "SELECT count(*) FROM message WHERE sender = '+6281298765203'" 1
is "$(pgrep -fc '[f]ake_modem.py --state '"$SIM")" 1 "... the hung modem process is not left behind"
daemon_stop
is "$DAEMON_RC" 0 "SIGTERM: the daemon stops cleanly"
done_testing
