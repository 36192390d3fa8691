# trust_sms.sh — issue 8's SMS attacks through gammu's dummy modem and the
# daemon: acknowledgements only to the configured country's numbers (+44,
# +882, +881, +239 are recorded, not answered); one number's flood of
# complaints gives each officer notify_per_hour SMS and then one summary,
# not one SMS each; a status question by SMS from the case's number is
# answered, from any other number it is a new case; and the complainant's
# PUAS from the case's number still closes it.
. "$TOP/tests/integration/lib.sh"

conf_write_sms "$(modem_dummy)
limits = { notify_per_hour = 3; };"
daemon_start

# ---- acknowledgement SMS only to the configured country ----
for n in +447700900123 +88213456789 +8816123456 +2399912345; do
	sms_in --from "$n" --text "Tolong hubungi saya, ada masalah di sekolah"
done
sms_in --from 081298760001 --text "Kipas angin kelas XI TKJ 2 mati"
check "five SMS, five cases" wait_sq 15 "SELECT count(*) FROM complaint" 5
check "... the Indonesian number is acknowledged by SMS" \
	wait_sq 10 "SELECT status FROM outbox WHERE kind = 'ack' AND recipient = '+6281298760001'" sent
is "$(sq "SELECT group_concat(DISTINCT status || ' ' || limited_by) FROM outbox WHERE kind = 'ack' AND recipient NOT LIKE '+62%'")" \
	"suppressed sms_prefix" "the +44, +882, +881 and +239 numbers are not (limits.sms_reply_prefixes)"
like "$(sq "SELECT last_error FROM outbox WHERE kind = 'ack' AND recipient = '+447700900123'")" \
	"automatic SMS go only to numbers of limits.sms_reply_prefixes" "... the row says why"

# the officers' hourly window must not turn over in the middle
while [ $(( $(date +%s) % 3600 )) -gt 3540 ]; do sleep 5; done
# ---- one number, eight complaints: the officer's SMS stop at 3, then one summary ----
for i in 1 2 3 4 5 6 7 8; do
	sms_in --from 081298760002 --text "Toilet lantai $i kotor sekali"
	wait_sq 10 "SELECT count(*) FROM message WHERE sender = '+6281298760002'" $i
done
hour="strftime('%s','now') / 3600 * 3600"
check "the facilities officer got 3 notification SMS this hour, one by one" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE officer = 'wks-sarpras' AND channel = 'sms' AND kind = 'notify' AND status = 'sent' AND created_at >= $hour" 3
held=$(sq "SELECT count(*) FROM outbox WHERE officer = 'wks-sarpras' AND channel = 'sms' AND limited_by = 'officer_hour'")
is "$held" "$(( $(sq "SELECT count(*) FROM complaint WHERE category = 'sarana'") - 3 ))" \
	"... the others held back"
sum=$(sq "SELECT status || ' ' || digest_n || ' ' || (next_attempt_at % 3600) FROM outbox WHERE officer = 'wks-sarpras' AND channel = 'sms' AND kind = 'notify-summary'")
is "$sum" "queued $held 0" "... into ONE summary SMS, due at the end of the hour"
like "$(sq "SELECT body FROM outbox WHERE officer = 'wks-sarpras' AND kind = 'notify-summary'")" \
	"^$held pemberitahuan pengaduan ditahan .*KEL-2026-[0-9]{6}, KEL-2026-" "... listing the references"

# ---- status by SMS ----
ref=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '+6281298760001'")
sms_in --from 081298760001 --text "CEK $ref"
check "CEK <ref> from the case's number is answered by SMS" \
	wait_sq 10 "SELECT status FROM outbox WHERE kind = 'status' AND recipient = '+6281298760001'" sent
like "$(sq "SELECT body FROM outbox WHERE kind = 'status' AND recipient = '+6281298760001'")" \
	"^$ref: diterima\\. Ditangani: Wakil Kepala Sekolah Bidang Sarana dan Prasarana\\. Perkiraan jawaban: [0-9]+ [A-Z][a-z]+ 20[0-9]{2} pukul [0-9.]+ WIB\\.$" \
	"... with the status, the officer's role (never a name) and the answer's due date"
check "... in one SMS" test "$(sq "SELECT length(body) FROM outbox WHERE kind = 'status' AND recipient = '+6281298760001'")" -le 160
n=$(sq "SELECT count(*) FROM complaint")
sms_in --from 081298760099 --text "STATUS $ref"
check "STATUS <ref> from another number: a new case" wait_sq 10 "SELECT count(*) FROM complaint" $((n + 1))
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'status' AND recipient = '+6281298760099'")" 0 \
	"... and nothing about the case goes to it"

# ---- the complainant's PUAS from the case's number still closes it ----
complaintctl resolve "$ref" --message "Kipas sudah diganti." >/dev/null
sms_in --from 081298760001 --text "PUAS"
check "PUAS from the case's number closes the resolved case" \
	wait_sq 10 "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$ref'" "closed satisfied"

daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
