# clock.sh — the procedure clock through the real daemon, its SMTP sink
# and gammu's dummy modem, time driven only by `complaintctl timers run
# --at`.  The calendar is all day, every day (working time = real time),
# so each step's time is read from the case's own due times.  A complaint
# by email: its due times in the acknowledgement and in show/list/--json;
# the reminder, the overdue notice and two escalation levels, each to the
# right officers by email and SMS (the heads join the case); runs at the
# same or an earlier time fire nothing; the head asks the complainant by
# email (#tanya): the clock stops, nothing is overdue while it waits, and
# runs again on their answer; the director answers by SMS; the feedback
# reminder, the close without feedback, late feedback recorded.  A
# complaint by SMS: complaintctl ask, the complainant's SMS answers it;
# asked again and never answered: closed, the complainant told by SMS.
# A case that fell due while the daemon was down: the dispatch worker's
# own tick fires it once, and nothing again across two kill -9 of the
# worker between ticks.
. "$TOP/tests/integration/lib.sh"

rig_smtp
conf_write_sms "$(modem_dummy)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\";
  from = \"pengaduan@smkn1.sch.id\"; reply_to = \"pengaduan@smkn1.sch.id\"; };
sla = { workdays = [ \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\" ];
  hours = \"00:00-24:00\"; response_hours = 2; resolve_days = 1;
  remind_hours = 1; escalate_hours = 2; feedback_days = 2; wait_days = 2; };"
# officer -> head -> director: the principal escalates to the foundation
sed -i -e 's/^officers = (/&\n  { id = "ketua"; name = "Ir. Hadi Susanto"; role = "Ketua Yayasan";\n    email = "ketua@yayasan-contoh.or.id"; phone = "0812-3456-7009"; },/' \
    -e 's/id = "kepsek";/& escalate_to = "ketua";/' "$WORK/complaintd.conf"
complaintd -t -c "$WORK/complaintd.conf" >/dev/null
is "$?" 0 "the configuration is valid"
daemon_start
KEPSEK=+6281234567001 KUR=+6281234567002 KETUA=+6281234567009

# fmt EPOCH: the --at of the first minute at or after it
fmt() { TZ=Asia/Jakarta date -d "@$(( ($1 + 59) / 60 * 60 ))" '+%Y-%m-%d %H:%M'; }
run_at() { complaintctl timers run --at "$(fmt "$1")"; }
col() { sq "SELECT $1 FROM complaint WHERE reference = '$2'"; }
# sent REF KIND: "channel:recipient" of its outbox rows of that kind
sent() {
	sq "SELECT group_concat(x, ' ') FROM (SELECT channel || ':' || recipient AS x
	    FROM outbox WHERE kind = '$2' AND complaint_id =
	    (SELECT id FROM complaint WHERE reference = '$1') ORDER BY channel, recipient)"
}
# id_when EPOCH: the Indonesian words for an instant, independent of C
id_when() {
	$PY -c 'import os, sys, time
os.environ["TZ"] = "Asia/Jakarta"; time.tzset()
t = time.localtime(int(sys.argv[1]))
m = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
print("%d %s %d pukul %02d.%02d WIB" % (t.tm_mday, m[t.tm_mon - 1], t.tm_year, t.tm_hour, t.tm_min))' "$1"
}

# ---- a complaint by email: its due times ----
cat > "$WORK/a.eml" <<'EOF'
From: Ibu Sari <sari.ortu@gmail.com>
To: pengaduan@smkn1.sch.id
Subject: Nilai ujian anak saya belum keluar
Message-ID: <clock-a1@gmail.com>
Date: Mon, 30 Nov 2026 08:00:00 +0700
Content-Type: text/plain; charset=utf-8

Nilai ujian Matematika anak saya, Dimas (XI TKJ 2), belum keluar.
EOF
A=$(complaintctl ingest < "$WORK/a.eml" | sed -n 's/^recorded complaint \([^:]*\):.*/\1/p')
like "$A" "^KEL-[0-9]{4}-[0-9]{6}$" "a complaint by email: case $A"
recv=$(col received_at "$A") rdue=$(col response_due_at "$A") due=$(col resolve_due_at "$A")
is "$((rdue - recv))" 7200 "first response due 2 working hours after it came (response_hours)"
is "$(TZ=Asia/Jakarta date -d "@$due" '+%H:%M')" "00:00" \
	"resolution due at the close of the next working day (24:00)"
contains "$(sq "SELECT body FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$A')")" \
	"paling lambat
$(id_when "$due")." "the acknowledgement tells the complainant when the answer is due"
contains "$(sq "SELECT body FROM outbox WHERE kind = 'notify' AND officer = 'wks-kurikulum' AND channel = 'email'")" \
	"Batas waktu tanggapan pertama : $(id_when "$rdue")" "... and the officer's notification both due times"
like "$(complaintctl show "$A")" "Response due: +$(TZ=Asia/Jakarta date -d "@$rdue" '+%Y-%m-%d %H:%M') WIB \\((2 h|1 h 5[89] min) of working time left\\)" \
	"show: the due time with its zone and the working time left"
is "$(complaintctl show "$A" --json | $PY -c 'import json,sys; c=json.load(sys.stdin)["case"]; print(c["overdue"], c["next_action"]["kind"], c["response_due_at"] is not None, c["resolve_due_at"] is not None)')" \
	"False remind_response True True" "show --json: both due times, not overdue, the next action"
like "$(complaintctl timers list)" "$A +remind_response" "timers list: the reminder is next"

# ---- reminder, overdue, two levels of escalation ----
out=$(run_at $((rdue - 3600)))
like "$out" "$A +remind_response +reminder to wks-kurikulum" "an hour before: the reminder (printed)"
is "$(sent "$A" reminder)" "email:wakasek.kurikulum@smkn1.sch.id sms:$KUR" \
	"... to the officer by email and SMS"
rem=$(sq "SELECT body FROM outbox WHERE kind = 'reminder' AND channel = 'email'" | tr '\n' ' ')
like "$rem" "batas waktu tanggapan pertama atas +pengaduan berikut jatuh pada $(id_when "$rdue")" \
	"... saying which due time and when"
like "$(run_at $((rdue - 3600)))" "^0 action" "the same --at again: nothing"
out=$(run_at "$rdue")
like "$out" "overdue_response +overdue to wks-kurikulum" "at the due time: overdue"
like "$out" "escalate +level 1: escalated to kepsek" "... and level 1: the principal"
is "$(sent "$A" overdue)" "email:wakasek.kurikulum@smkn1.sch.id sms:$KUR" \
	"the overdue notice goes to the officer by email and SMS"
is "$(sent "$A" escalation)" "email:kepsek@smkn1.sch.id sms:$KEPSEK" \
	"the escalation to the principal by email and SMS"
is "$(sq "SELECT group_concat(officer, ',') FROM (SELECT officer FROM assignment WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$A') ORDER BY officer)")" \
	"kepsek,wks-kurikulum" "... who joins the case"
esc=$(sq "SELECT body FROM outbox WHERE kind = 'escalation' AND channel = 'email' AND officer = 'kepsek'")
contains "$esc" "telah melewati batas" "the escalation says the complaint is overdue"
contains "$esc" "Mohon segera" "... asks to act (formally)"
contains "$esc" "Budi Santoso (Wakil Kepala Sekolah Bidang Kurikulum)" "... names who had it"
contains "$esc" "#tanya <pertanyaan>" "... and says how to act by email"
contains "$esc" "$A SELESAI <jawaban>" "... and by SMS"
like "$(complaintctl list --due-before "$(fmt $((rdue + 60)))")" "$A +[a-z_]+ + $(TZ=Asia/Jakarta date -d "@$rdue" '+%Y-%m-%d %H:%M')" \
	"list --due-before: the case, with the deadline it runs against"
unlike "$(complaintctl list --due-before "$(fmt $((rdue - 120)))")" "$A" "... not when that is later"
like "$(run_at $((rdue - 1800)))" "^0 action" "a clock set back: nothing fires again"
like "$(run_at "$rdue")" "^0 action" "the same time again: nothing"
out=$(run_at $((rdue + 7200)))
like "$out" "escalate +level 2: escalated to ketua" "escalate_hours later, still unmet: level 2"
is "$(sent "$A" escalation)" "email:kepsek@smkn1.sch.id email:ketua@yayasan-contoh.or.id sms:$KEPSEK sms:$KETUA" \
	"... the director told by email and SMS"
like "$(sq "SELECT subject FROM outbox WHERE kind = 'escalation' AND officer = 'ketua'")" "Eskalasi tingkat 2" \
	"... as level 2"
unlike "$(run_at $((rdue + 5 * 3600)))" "escalate" "the top of the chain: no level 3"
is "$(col escalation_level "$A")" 2 "the case is at level 2"
is "$(sq "SELECT count(*) FROM timer_fired WHERE subject_id = (SELECT id FROM complaint WHERE reference = '$A') AND kind = 'escalate'")" 2 \
	"two escalations recorded, each once"
check "the daemon sends the escalation mail" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'escalation' AND status = 'sent'" 4
is "$(mails "sorted(m['rcpt'][0] for m in msgs if m['row'] and m['row']['kind'] == 'escalation')" | tr '\n' ' ')" \
	"kepsek@smkn1.sch.id ketua@yayasan-contoh.or.id " "... the SMTP server got both"

# ---- the principal asks the complainant: the clock stops ----
tok=$(col token "$A")
esc_id=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'escalation' AND officer = 'kepsek' AND channel = 'email'")
cat > "$WORK/ask.eml" <<EOF
From: Dra. Sri Wahyuni <kepsek@smkn1.sch.id>
To: pengaduan+$tok@smkn1.sch.id
Subject: Re: [$A] Eskalasi tingkat 1
Message-ID: <kepsek-ask-1@smkn1.sch.id>
In-Reply-To: <$esc_id>
Date: Mon, 30 Nov 2026 10:00:00 +0700
Content-Type: text/plain; charset=utf-8

#tanya Mohon kirimkan foto kartu ujian Dimas.
EOF
like "$(complaintctl ingest < "$WORK/ask.eml")" "officer_command $A" "the principal's #tanya (a head who joined acts by email)"
is "$(col status "$A")" waiting "the case waits on the complainant"
is "$(sent "$A" ask)" "email:sari.ortu@gmail.com" "the question goes to her by email"
contains "$(sq "SELECT body FROM outbox WHERE kind = 'ask'")" "Mohon kirimkan foto kartu ujian Dimas." "... with the question"
like "$(run_at $((due + 3600)))" "^0 action" "past the resolution due time while waiting: nothing is overdue"
like "$(complaintctl timers list)" "$A +close_no_reply +waiting" "... the next action is closing if she never answers"
ask_id=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'ask'")
cat > "$WORK/answer.eml" <<EOF
From: Ibu Sari <sari.ortu@gmail.com>
To: pengaduan@smkn1.sch.id
Subject: Re: [$A] Permintaan keterangan atas pengaduan Anda
Message-ID: <clock-a2@gmail.com>
In-Reply-To: <$ask_id>
Date: Mon, 30 Nov 2026 11:00:00 +0700
Content-Type: text/plain; charset=utf-8

Foto kartu ujian terlampir, nomor ujian 12-034.
EOF
like "$(complaintctl ingest < "$WORK/answer.eml")" "followup $A" "her answer"
is "$(col status "$A")" in_progress "... the case is in progress again"
is "$(sq "SELECT kind FROM event WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$A') AND kind <> 'sent' ORDER BY id DESC LIMIT 1")" answered \
	"... recorded as the answer"
like "$(sent "$A" followup)" "email:kepsek@smkn1.sch.id.*email:wakasek.kurikulum" "... the officers told"
check "the deadline moved by the time waited" [ "$(col resolve_due_at "$A")" -ge "$due" ]
out=$(run_at $((due + 3600)))
like "$out" "overdue_resolve +overdue to" "the clock runs again: the resolution is overdue now"
unlike "$out" "remind_resolve" "... no reminder for a due time already passed"

# ---- the director answers by SMS; feedback reminder, close, late feedback ----
sms_in --from 081234567009 --text "$A SELESAI Nilai Dimas sudah diinput: 86."
check "the director's SMS command resolves the case" wait_sq 10 "SELECT status FROM complaint WHERE reference = '$A'" resolved
is "$(sent "$A" resolution)" "email:sari.ortu@gmail.com" "... the answer to her by email"
half=$(col next_action_at "$A")
is "$(col next_action "$A")" remind_feedback "next: the feedback reminder"
out=$(run_at "$half")
like "$out" "remind_feedback +feedback reminder to the complainant" "halfway: the complainant is reminded"
is "$(sent "$A" feedback-reminder)" "email:sari.ortu@gmail.com" "... by email"
close=$(col next_action_at "$A")
contains "$(sq "SELECT body FROM outbox WHERE kind = 'feedback-reminder'")" "Bila sampai $(id_when "$close") kami" \
	"... told when the case closes"
like "$(run_at "$close")" "close_no_feedback +closed: no feedback" "feedback_days without an answer: closed"
is "$(col status "$A")/$(col satisfaction "$A")" "closed/no_answer" "... with satisfaction \"no answer\""
is "$(sent "$A" autoclose)" "email:sari.ortu@gmail.com" "... and she is told"
res_id=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'resolution'")
cat > "$WORK/late.eml" <<EOF
From: Ibu Sari <sari.ortu@gmail.com>
To: pengaduan@smkn1.sch.id
Subject: Re: [$A] Jawaban atas pengaduan Anda
Message-ID: <clock-a3@gmail.com>
In-Reply-To: <$res_id>
Date: Mon, 30 Nov 2026 12:00:00 +0700
Content-Type: text/plain; charset=utf-8

PUAS, terima kasih Bu.
EOF
complaintctl ingest < "$WORK/late.eml" >/dev/null
is "$(col status "$A")/$(col satisfaction "$A")" "closed/no_answer" "late feedback changes nothing..."
like "$(complaintctl show "$A")" "late_feedback +satisfied, after the case was closed" "... but is recorded on the case"
like "$(run_at $((close + 30 * 86400)))" "^0 action" "a month later: nothing more for it"

# ---- a complaint by SMS: asked, answered by SMS; asked again, never answered ----
P=+6281298765301
sms_in --from 081298765301 --text "Kursi di kelas X TKJ 1 banyak yang patah"
wait_sq 10 "SELECT count(*) FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '$P'" 1
B=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.phone = '$P'")
like "$(sq "SELECT body FROM outbox WHERE kind = 'ack' AND recipient = '$P'")" \
	"no\\. $B\\. Jawaban paling lambat $(id_when "$(col resolve_due_at "$B")")" \
	"the SMS acknowledgement says when the answer is due"
like "$(complaintctl ask "$B" "Kelas X TKJ 1 ruang berapa, Pak/Bu?")" "$B asked the complainant for information by .*; the case is waiting" \
	"complaintctl ask"
is "$(sq "SELECT actor || ' ' || kind FROM event WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$B') AND kind = 'asked'")" \
	"admin:$(id -un) asked" "... attributed like resolve"
is "$(sent "$B" ask)" "sms:$P" "... the question by SMS, her channel"
check "the question is the first response" [ -n "$(col first_response_at "$B")" ]
sms_in --from 081298765301 --text "Ruang 12, lantai dua"
check "her SMS without a reference answers it" \
	wait_sq 10 "SELECT status FROM complaint WHERE reference = '$B'" in_progress
like "$(sent "$B" followup)" "email:wakasek.sarpras@smkn1.sch.id sms:\\+6281234567003" "... and the officer is told"
complaintctl ask "$B" --as ketua "Mohon kirim foto kursinya." >/dev/null 2>&1
is "$? $(col status "$B")" "77 in_progress" "complaintctl ask --as an officer not on the case: refused (77)"
complaintctl ask "$B" --as wks-sarpras "Mohon kirim foto kursinya." >/dev/null
is "$(col status "$B")" waiting "asked again, --as the officer of the case"
wx=$(col next_action_at "$B")
is "$(col next_action "$B")" close_no_reply "next: closing without an answer"
like "$(run_at "$wx")" "$B +close_no_reply +closed: the complainant did not answer" "wait_days without an answer: closed"
is "$(col status "$B")" closed "... the case is closed"
is "$(sent "$B" wait-expired)" "sms:$P" "... and she is told by SMS"
check "... which the modem sends" wait_sq 10 "SELECT status FROM outbox WHERE kind = 'wait-expired'" sent

# ---- fell due while the daemon was down; kill -9 of the dispatch worker ----
cat > "$WORK/c.eml" <<'EOF'
From: Pak Joko <joko@example.org>
To: pengaduan@smkn1.sch.id
Subject: Jadwal ujian susulan
Message-ID: <clock-c1@example.org>
Date: Mon, 30 Nov 2026 08:00:00 +0700
Content-Type: text/plain; charset=utf-8

Jadwal ujian susulan untuk anak saya belum diumumkan.
EOF
C=$(complaintctl ingest < "$WORK/c.eml" | sed -n 's/^recorded complaint \([^:]*\):.*/\1/p')
# as if it had come three hours ago, the daemon down since
sqw "UPDATE complaint SET received_at = received_at - 10800, clock_started_at = clock_started_at - 10800,
  response_due_at = response_due_at - 10800, resolve_due_at = resolve_due_at - 10800,
  due_at = due_at - 10800, next_action_at = next_action_at - 10800 WHERE reference = '$C'"
ticks() { grep -c 'clock: tick' "$WORK/daemon.log"; }
pid=$(worker_pid dispatch) t0=$(ticks)
kill -9 "$pid"
check "the dispatch worker is restarted" wait_for 20 sh -c "p=\$(sed -n 's/.*dispatch: started as pid \([0-9]*\).*/\1/p' '$WORK/daemon.log' | tail -n 1); [ -n \"\$p\" ] && [ \"\$p\" != $pid ]"
check "... and ticks at once" wait_for 20 sh -c "[ \$(grep -c 'clock: tick' '$WORK/daemon.log') -gt $t0 ]"
check "its tick fired what fell due: overdue and level 1" \
	wait_sq 10 "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM timer_fired WHERE subject_id = (SELECT id FROM complaint WHERE reference = '$C') ORDER BY kind)" \
	"escalate overdue_response"
is "$(sent "$C" escalation)" "email:kepsek@smkn1.sch.id sms:$KEPSEK" "... the principal told once, by email and SMS"
like "$(grep "clock: $C: escalate 1" "$WORK/daemon.log")" "level 1: escalated to kepsek" "... and the log says so"
like "$(complaintctl list --overdue)" "$C +[a-z_]+ +!20" "list --overdue: the case, marked overdue"
like "$(complaintctl status)" "Cases: [0-9]+ open, 1 overdue" "status counts it overdue"
is "$(complaintctl status --json | $PY -c 'import json,sys; print(json.load(sys.stdin)["cases"]["overdue"])')" 1 \
	"... also in JSON"
n_out=$(sq "SELECT count(*) FROM outbox") n_fired=$(sq "SELECT count(*) FROM timer_fired")
for i in 1 2; do
	pid=$(worker_pid dispatch) t0=$(ticks)
	kill -9 "$pid"
	wait_for 20 sh -c "p=\$(sed -n 's/.*dispatch: started as pid \([0-9]*\).*/\1/p' '$WORK/daemon.log' | tail -n 1); [ -n \"\$p\" ] && [ \"\$p\" != $pid ]"
	check "kill -9 #$i: the restarted worker ticks" wait_for 20 sh -c "[ \$(grep -c 'clock: tick' '$WORK/daemon.log') -gt $t0 ]"
done
is "$(sq "SELECT count(*) FROM outbox")/$(sq "SELECT count(*) FROM timer_fired")" "$n_out/$n_fired" \
	"after two kill -9 and their ticks: nothing fired twice, nothing queued twice"
like "$(complaintctl timers run)" "^0 action" "complaintctl timers run now: nothing either"
daemon_stop
is "$DAEMON_RC" 0 "the daemon stops cleanly"
done_testing
