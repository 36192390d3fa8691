# sms.sh — SMS through gammu's dummy driver, end to end in the daemon: a
# single SMS, a long GSM-7 one, a long UCS-2 one with an emoji cut across
# two parts, long ones whose header carries another element besides the
# concatenation one, one whose middle part never comes (recorded incomplete after
# multipart_timeout), alphanumeric senders and short codes (recorded, never
# answered), acknowledgements and notifications sent by the modem worker,
# an officer's SMS command resolving a case, the complainant's feedback,
# a delivery report, the per-number limit on automatic replies, and
# complaintctl status.
. "$TOP/tests/integration/lib.sh"

conf_write_sms "$(modem_dummy 3)
limits = { autoreply_per_hour = 3; };"
daemon_start
WHO=+6281298765001

# ---- a single SMS, from a number written the national way ----
sms_in --from 081298765001 --text "Toilet siswa lantai 2 kotor dan airnya mati"
check "a single SMS becomes a case" \
	wait_sq 10 "SELECT count(*) FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '$WHO'" 1
ref1=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '$WHO'")
is "$(sq "SELECT channel || ' ' || source || ' ' || category FROM complaint WHERE reference = '$ref1'")" \
	"sms modem:gsm0 sarana" "... opened by SMS from modem:gsm0, routed by its words"
is "$(sq "SELECT sender || ' ' || body FROM message WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')")" \
	"$WHO Toilet siswa lantai 2 kotor dan airnya mati" \
	"... the sender in E.164 (08... -> +628...), the text as sent"
check "the acknowledgement goes out by SMS and is sent by the modem worker" \
	wait_sq 10 "SELECT status FROM outbox WHERE kind = 'ack' AND recipient = '$WHO'" sent
like "$(sq "SELECT body FROM outbox WHERE kind = 'ack' AND recipient = '$WHO'")" \
	"pengaduan Anda kami terima, no\\. $ref1\\." "... with the reference, in Indonesian"
check "the officer of the category is notified by SMS (and it is sent)" \
	wait_sq 10 "SELECT channel || ' ' || recipient || ' ' || status FROM outbox WHERE kind = 'notify' AND officer = 'wks-sarpras'" \
	"sms +6281234567003 sent"
is "$(sq "SELECT status FROM complaint WHERE reference = '$ref1'")" acknowledged \
	"the case is acknowledged once its acknowledgement is sent"
is "$(on_modem)" 0 "the SMS is deleted from the modem once recorded"

# ---- long messages ----
long=$(printf 'Nilai rapor anak saya belum keluar. %.0s' 1 2 3 4 5 6 7 8 9 10)
sms_in --from +6281298765002 --text "$long" --ref 17
check "a 3-part GSM-7 SMS is one message" \
	wait_sq 10 "SELECT count(*) FROM message WHERE sender = '+6281298765002'" 1
is "$(sq "SELECT body FROM message WHERE sender = '+6281298765002'")" "$long" \
	"... its parts joined in order, nothing lost"
emoji=$($PY -c 'print("Mohon ditindaklanjuti segera " + "a" * 37 + "\U0001F64F" + " terima kasih, Bu")')
sms_in --from +6281298765003 --unicode --text "$emoji" --ref 18
check "a 2-part UCS-2 SMS is one message" \
	wait_sq 10 "SELECT count(*) FROM message WHERE sender = '+6281298765003'" 1
is "$(sq "SELECT body FROM message WHERE sender = '+6281298765003'")" "$emoji" \
	"... the emoji cut across the two parts comes out whole"
is "$(sq "SELECT count(*) FROM sms_part WHERE sender = '+6281298765003' AND done_at IS NOT NULL")" 2 \
	"... (it was cut: both parts went through the waiting room)"

# the concatenation element next to others in the header: gammu calls
# that "user UDH" and would give the parts as two messages
two=$(printf 'Jadwal ujian praktik kelas XII berubah lagi tanpa pemberitahuan. %.0s' 1 2 3)
sms_in --from +6281298765006 --text "$two" --ref 21 --udh-before 250101
sms_in --from +6281298765007 --text "$two" --ref 22 --udh-after 05040B8423F0
check "a long SMS whose header has another element besides the concatenation one is one message" \
	wait_sq 10 "SELECT count(*) FROM message WHERE sender IN ('+6281298765006', '+6281298765007') AND body = '$two'" 2
is "$(sq "SELECT count(*) FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone IN ('+6281298765006', '+6281298765007')")" 2 \
	"... one case each (the element before or after it)"

# ---- a part that never arrives ----
gap=$(printf 'Kursi di kelas X TKJ 1 banyak yang patah. %.0s' 1 2 3 4 5 6 7 8 9 10)
sms_in --from +6281298765004 --text "$gap" --ref 19 --skip-part 2
check "parts of an incomplete SMS wait in the database, off the SIM" \
	wait_sq 10 "SELECT count(*) FROM sms_part WHERE sender = '+6281298765004' AND done_at IS NULL" 2
check "after multipart_timeout what arrived is recorded" \
	wait_sq 15 "SELECT count(*) FROM message WHERE sender = '+6281298765004'" 1
body=$(sq "SELECT body FROM message WHERE sender = '+6281298765004'")
like "$body" "^Kursi di kelas X TKJ 1 .*\\[…\\] .*patah\\. $" \
	"... with a mark where the missing part was"
is "$(sq "SELECT flags & 65536 FROM message WHERE sender = '+6281298765004'")" 65536 \
	"... flagged incomplete"
like "$(sq "SELECT detail FROM event WHERE kind = 'incomplete'")" "1 of 3 parts missing" \
	"... and the case's history says so"

# ---- senders that cannot be answered ----
sms_in --from TELKOMSEL --text "Nikmati kuota 10GB hanya Rp10.000"
sms_in --from 3636 --text "Sisa pulsa Anda Rp5.000"
check "an alphanumeric sender and a short code are recorded" \
	wait_sq 10 "SELECT count(*) FROM message WHERE sender IN ('TELKOMSEL', '3636') AND kind = 'automatic' AND complaint_id IS NULL" 2
is "$(sq "SELECT count(*) FROM outbox WHERE recipient IN ('TELKOMSEL', '3636')")" 0 \
	"... never answered, and they open no case"

# ---- an officer resolves by SMS; the complainant answers ----
sms_in --from 081234567003 --text "$ref1 SELESAI Toilet sudah dibersihkan dan air mengalir lagi."
check "an officer's SMS command resolves the case" \
	wait_sq 10 "SELECT status FROM complaint WHERE reference = '$ref1'" resolved
check "... and the resolution goes to the complainant by SMS" \
	wait_sq 10 "SELECT channel || ' ' || status FROM outbox WHERE kind = 'resolution' AND recipient = '$WHO'" "sms sent"
like "$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND recipient = '$WHO'")" \
	"^$ref1: Toilet sudah dibersihkan dan air mengalir lagi\\. -- Balas PUAS" "... with the officer's words"
sms_in --from 081234567003 --text "$ref1 BERES"
check "an unknown command gets the officer an explanation by SMS" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'officer-error' AND recipient = '+6281234567003'" 1
sms_in --from +6281298765001 --report --mr 255
check "a delivery report marks the last SMS to that number delivered" \
	wait_sq 10 "SELECT delivery FROM outbox WHERE kind = 'resolution' AND recipient = '$WHO'" delivered
is "$(sq "SELECT count(*) FROM event WHERE kind = 'delivered' AND detail LIKE '%delivery report%'")" 1 \
	"... and the case's history records it"
oid=$(sq "SELECT id FROM outbox WHERE kind = 'resolution' AND recipient = '$WHO'")
like "$(complaintctl outbox show "$oid")" "Delivery: +delivered [0-9-]+ [0-9:]+" \
	"... which complaintctl outbox show says, with when"
is "$(complaintctl outbox show "$oid" --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["delivery"], d["delivered_at"] is not None)')" \
	"delivered True" "... also in --json"
sms_in --from 081298765001 --text "PUAS, terima kasih"
check "the complainant's SMS while the case awaits feedback closes it" \
	wait_sq 10 "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$ref1'" "closed satisfied"

# ---- automatic replies are limited per number ----
for i in 1 2 3 4; do
	sms_in --from 081298765009 --text "Keluhan ke-$i: guru sering tidak masuk kelas"
	wait_sq 10 "SELECT count(*) FROM message WHERE sender = '+6281298765009'" $i
done
wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'ack' AND recipient = '+6281298765009' AND status = 'sent'" 3
is "$(sq "SELECT group_concat(status, ',') FROM (SELECT status FROM outbox WHERE kind = 'ack' AND recipient = '+6281298765009' ORDER BY id)")" \
	"sent,sent,sent,suppressed" \
	"the fourth acknowledgement to one number in an hour is suppressed (limit 3)"

# ---- what complaintctl status shows ----
st=$(complaintctl status)
like "$st" "state: +connected \\(signal 42%, home network" "status: the modem is connected, with signal and network"
like "$st" "messages: +[0-9]+ received, [0-9]+ sent, 0 part\\(s\\) waiting" "... its messages in and out"
like "$st" "sms +0 +0 +[1-9][0-9]* +0 +0 +1" "... the outbox by channel and status"
is "$(complaintctl status --json | $PY -c 'import json,sys; d=json.load(sys.stdin); m=d["modems"][0]; print(m["name"], m["model"], m["registration"], d["outbox"]["sms"]["suppressed"])')" \
	"gsm0 Dummy home network 1" "status --json"
like "$(complaintctl status --help)" "usage: complaintctl status" "status --help"

is "$(on_modem)" 0 "nothing is left on the modem"
is "$(sq "SELECT count(*) FROM outbox WHERE channel = 'sms' AND status IN ('queued', 'sending')")" 0 \
	"every SMS queued has been sent"
daemon_stop
is "$DAEMON_RC" 0 "SIGTERM: the daemon stops cleanly"
done_testing
