# schedule.sh — scheduled recaps, digests and reminders on the timer
# engine, time driven by `complaintctl timers run --at`: a fortnightly
# recap to the quality manager and the principal (the HTML report in the
# mail, the CSV export attached, the counts by SMS), a digest every
# working day to each officer with open cases (none to an officer with
# nothing open), the suggestion box reminder every Monday 08:00 by email
# and SMS.  Each occurrence fires once: the same or an earlier --at fires
# nothing, a jump over several days fires only the latest, and a
# reminder that fell due while the daemon ran fires once across two
# kill -9 of the dispatch worker.  The real daemon sends what was queued
# to the SMTP sink and gammu's dummy modem.
. "$TOP/tests/integration/lib.sh"

rig_smtp
conf_write_sms "$(modem_dummy)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\";
  from = \"pengaduan@smkn1.sch.id\"; reply_to = \"pengaduan@smkn1.sch.id\"; };
sla = { response_hours = 2000; resolve_days = 300; };
indicators = { first_response_hours = 24; max_per_month = 10; };
schedules = (
  { name = \"rekap-iso\"; kind = \"recap\"; every = \"2 weeks\"; weekday = \"mon\"; at = \"08:00\";
    start = \"2026-11-30\"; to = [ \"wmm\", \"kepsek\" ]; },
  { name = \"harian\"; kind = \"digest\"; every = \"workday\"; at = \"07:00\"; },
  { name = \"kotak-saran\"; kind = \"reminder\"; every = \"week\"; weekday = \"mon\"; at = \"08:00\";
    to = [ \"wmm\" ]; text = \"Buka kotak saran\"; }
);"
# the quality manager reads mail only; the principal both
sed -i -e 's/id = "wmm";/& notify = [ "sms" ];/' "$WORK/complaintd.conf"
complaintd -t -c "$WORK/complaintd.conf" >/dev/null
is "$?" 0 "a configuration with schedules is valid"
M=$TOP/tests/data/mail
ingest_mail "$M/01-plain-id.eml" "$M/02-plain-en.eml" "$M/04-outlook-1252.eml"
set -- $(sq "SELECT reference FROM complaint ORDER BY id" | tr '\n' ' ')
A=$1 B=$2 C=$3
ep() { TZ=Asia/Jakarta date -d "$1" +%s; }
run_at() { complaintctl timers run --at "$1"; }
fired() { sq "SELECT count(*) FROM timer_fired WHERE subject_kind = 'schedule' AND kind = '$1'"; }

# ---- timers list: each schedule's next occurrence, even before a tick ----
like "$(complaintctl timers list)" "^20[0-9-]+ [0-9:]+ WIB +schedule:kotak-saran +reminder +scheduled " \
	"timers list shows a schedule the clock has not seen yet, with its next occurrence"
# ---- first seen: the schedules' rows; nothing is sent for the past ----
like "$(run_at "2027-01-04 06:00")" "^0 action" "first seen: nothing is sent for the past"
is "$(sq "SELECT name || ' ' || datetime(next_action_at, 'unixepoch', '+7 hours') FROM schedule ORDER BY id" | tr '\n' ';')" \
	"rekap-iso 2027-01-11 08:00:00;harian 2027-01-04 07:00:00;kotak-saran 2027-01-04 08:00:00;" \
	"each schedule's next occurrence (the recap every other week from 30 November)"
tl=$(complaintctl timers list)
like "$tl" "^2027-01-11 08:00 WIB +schedule:rekap-iso +recap +scheduled " "timers list shows the recap's next occurrence the clock holds"
like "$tl" "^2027-01-04 07:00 WIB +schedule:harian +digest +scheduled " "... the digest's"
like "$tl" "^2027-01-04 08:00 WIB +schedule:kotak-saran +reminder +scheduled " "... and the reminder's"
is "$(complaintctl timers list --json | $PY -c 'import json,sys; print(" ".join(x["reference"] + "=" + x["next_action"] for x in json.load(sys.stdin) if x["status"] == "scheduled"))')" \
	"schedule:rekap-iso=recap schedule:harian=digest schedule:kotak-saran=reminder" "... also in --json"

# received between Christmas and New Year (the procedure clock, with its
# long times, does nothing meanwhile: it has its own test); A answered,
# B overdue
sqw "UPDATE complaint SET received_at = $(ep '2026-12-29 09:00'), first_response_at = $(ep '2026-12-29 10:00'),
  resolved_at = $(ep '2026-12-30 09:00'), status = 'resolved', is_open = 0 WHERE reference = '$A'"
sqw "UPDATE complaint SET received_at = $(ep '2027-01-04 09:00'), due_at = $(ep '2027-01-05 15:00'),
  response_due_at = $(ep '2027-01-05 15:00') WHERE reference = '$B'"
sqw "UPDATE complaint SET received_at = $(ep '2027-01-06 09:00'), due_at = $(ep '2027-01-20 15:00') WHERE reference = '$C'"
officers_of() { sq "SELECT group_concat(officer, ',') FROM assignment WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$1')"; }
diag "officers: $B -> $(officers_of "$B"), $C -> $(officers_of "$C")"
# ---- each occurrence once ----
out=$(run_at "2027-01-04 08:00")
like "$out" "schedule:harian +digest +wks-kurikulum, wks-sarpras \\(4 message" "07:00: the digest to the two officers with open cases (email and SMS), none to the principal"
like "$out" "schedule:kotak-saran +reminder +wmm \\(1 message" "08:00: the suggestion box reminder"
like "$(run_at "2027-01-04 08:00")" "^0 action" "the same --at again: nothing"
like "$(run_at "2027-01-04 07:30")" "^0 action" "an earlier --at: nothing"
out=$(run_at "2027-01-11 09:00")
like "$out" "schedule:rekap-iso +recap +wmm, kepsek" "a week later: the fortnightly recap"
is "$(fired digest)" 2 "over the days in between, only the latest digest (2 in all)"
is "$(fired recap)/$(fired reminder)" "1/2" "one recap, two reminders"
like "$(run_at "2027-01-11 09:00")" "^0 action" "... and again: nothing"

# ---- what was queued ----
rows() { sq "SELECT group_concat(x, ' ') FROM (SELECT channel || ':' || coalesce(officer, '') AS x FROM outbox WHERE kind = '$1' ORDER BY id)"; }
is "$(rows notice)" "sms:wmm sms:wmm" "the reminder to the quality manager by SMS (her channel), each Monday"
is "$(sq "SELECT body FROM outbox WHERE kind = 'notice' LIMIT 1")" "Pengingat: Buka kotak saran" "... saying what to do"
kur=$(officers_of "$B")
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'digest' AND officer = 'kepsek'")" 0 \
	"no digest to the principal: nothing open is his"
dg=$(sq "SELECT body FROM outbox WHERE kind = 'digest' AND channel = 'email' AND officer = '$kur' ORDER BY id DESC LIMIT 1")
like "$dg" "! $B +2027-01-05 15:00 WIB" "the digest marks the overdue case"
is "$(sq "SELECT subject FROM outbox WHERE kind = 'digest' AND channel = 'email' AND officer = '$kur' ORDER BY id DESC LIMIT 1")" \
	"Keluhan yang masih Anda tangani: $(sq "SELECT count(*) FROM complaint c JOIN assignment a ON a.complaint_id = c.id WHERE a.officer = '$kur' AND c.is_open = 1") terbuka, 1 terlambat" \
	"... its subject counts the open and overdue cases"
is "$(rows recap)" "sms:wmm email:kepsek sms:kepsek" "the recap: email to the principal, SMS counts to both"
contains "$(sq "SELECT body FROM outbox WHERE kind = 'recap' AND channel = 'sms' LIMIT 1")" \
	"Rekap keluhan 28 Desember 2026 - 10 Januari 2027: 3 diterima, 1 dijawab, 2 terbuka, 1 terlambat." \
	"the recap SMS: the period (the two weeks before) and its counts"
is "$(sq "SELECT filename FROM outbox_attachment")" "keluhan-2026-12-28_2027-01-10.csv" "the export attached to the recap mail"

# ---- sent by the daemon: the recap mail ----
daemon_start
check "the daemon sends the mail" wait_for 30 outbox_settled
check "... and the modem the SMS" wait_sq 30 "SELECT count(*) FROM outbox WHERE channel = 'sms' AND status = 'sent'" \
	"$(sq "SELECT count(*) FROM outbox WHERE channel = 'sms'")"
$PY - "$SMTP_DIR" <<'PY' >"$WORK/recap.out" 2>&1
import csv, email, email.policy, glob, io, sys
for f in sorted(glob.glob(sys.argv[1] + "/new/*")):
    m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
    if "Rekapitulasi" not in m["Subject"]:
        continue
    print(m.get_content_type(), m["To"])
    print(m["Subject"])
    for p in m.walk():
        print(p.get_content_type(), p.get_filename() or "")
    text = m.get_body(("plain",)).get_content()
    html = m.get_body(("html",)).get_content()
    print("text has the report" if "Diterima" in text and "SMK Negeri 1 Contoh" in text else "text lacks the report")
    print("html has the report" if "<svg" in html and "28 Desember 2026 - 10 Januari 2027" in html else "html lacks it")
    att = [p for p in m.iter_attachments()][0]
    rows = list(csv.reader(io.StringIO(att.get_content() if isinstance(att.get_content(), str) else att.get_content().decode("utf-8-sig"))))
    print("csv: %d cases" % (len(rows) - 1))
PY
is "$(cat "$WORK/recap.out")" "multipart/mixed \"Dra. Sri Wahyuni\" <kepsek@smkn1.sch.id>
Rekapitulasi keluhan 28 Desember 2026 - 10 Januari 2027
multipart/mixed 
multipart/alternative 
text/plain 
text/html 
text/csv keluhan-2026-12-28_2027-01-10.csv
text has the report
html has the report
csv: 3 cases" "the principal's recap: the text report, the HTML report as its alternative, the CSV of the period attached"

# ---- fell due while the daemon ran; kill -9 of the dispatch worker ----
ticks() { grep -c 'clock: tick' "$WORK/daemon.log"; }
sqw "UPDATE schedule SET next_action_at = strftime('%s', 'now') - 60 WHERE name = 'kotak-saran'"
pid=$(worker_pid dispatch) t0=$(ticks)
kill -9 "$pid"
check "the dispatch worker is restarted" wait_for 20 sh -c "p=\$(sed -n 's/.*dispatch: started as pid \([0-9]*\).*/\1/p' '$WORK/daemon.log' | tail -n 1); [ -n \"\$p\" ] && [ \"\$p\" != $pid ]"
check "... and ticks at once" wait_for 20 sh -c "[ \$(grep -c 'clock: tick' '$WORK/daemon.log') -gt $t0 ]"
check "its tick fired the reminder that fell due" wait_sq 10 "SELECT count(*) FROM timer_fired WHERE subject_kind = 'schedule' AND kind = 'reminder'" 3
pid=$(worker_pid dispatch) t0=$(ticks)
kill -9 "$pid"
check "killed again, restarted" wait_for 20 sh -c "[ \$(grep -c 'clock: tick' '$WORK/daemon.log') -gt $t0 ]"
is "$(fired reminder)/$(sq "SELECT count(*) FROM outbox WHERE kind = 'notice'")" "3/3" \
	"... and nothing again: the reminder once, one SMS"
like "$(sq "SELECT datetime(next_action_at, 'unixepoch') FROM schedule WHERE name = 'kotak-saran'")" "^20" \
	"its next occurrence is set"
check "the SMS goes out" wait_sq 30 "SELECT count(*) FROM outbox WHERE kind = 'notice' AND status = 'sent'" 3

done_testing
