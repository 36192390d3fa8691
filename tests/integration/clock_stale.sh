# clock_stale.sh — what the clock does with actions long past (a daemon
# stopped for weeks, an upgrade starting the clock of old cases), time
# driven by `complaintctl timers run --at`, cases taken in by complaintctl
# ingest.  An action due more than sla.catch_up_days ago is carried out
# without its messages: an old case is escalated and closed as the
# procedure says, but nobody gets weeks-old reminders, overdue notices or
# close notices; the history says so (clock_stale).  Actions due within
# the horizon send as usual.  What a tick at --at T writes carries T.
. "$TOP/tests/integration/lib.sh"

conf_write "smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\";
  from = \"pengaduan@smkn1.sch.id\"; reply_to = \"pengaduan@smkn1.sch.id\"; };
sla = { catch_up_days = 7; };"
complaintd -t -c "$WORK/complaintd.conf" >/dev/null
is "$?" 0 "sla.catch_up_days is a valid setting"

# at DAYS: "YYYY-MM-DD HH:MM" that many days from now; epoch EPOCH likewise
at() { TZ=Asia/Jakarta date -d "@$(( $(date +%s) / 60 * 60 + $1 * 86400 ))" '+%Y-%m-%d %H:%M'; }
epoch() { echo $(( $(date +%s) / 60 * 60 + $1 * 86400 )); }
rows() { sq "SELECT count(*) FROM outbox o JOIN complaint c ON c.id = o.complaint_id WHERE c.reference = '$1' AND o.kind IN ($2)"; }
events() { sq "SELECT count(*) FROM event e JOIN complaint c ON c.id = e.complaint_id WHERE c.reference = '$1' AND e.kind = '$2'"; }

# ---- within the horizon: as usual ----
ingest_mail "$TOP/tests/data/mail/07-base64-id.eml"
new=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
out=$(complaintctl timers run --at "$(at 6)")
like "$out" "$new " "a case's actions due within catch_up_days fire"
unlike "$out" "stale" "... and are not stale"
like "$(rows "$new" "'reminder', 'overdue'")" "^[1-9][0-9]*$" "... their messages are queued"
is "$(events "$new" clock_stale)" 0 "... and nothing is recorded stale"

# ---- an open case whose clock ran out long ago ----
ingest_mail "$TOP/tests/data/mail/01-plain-id.eml"
old=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
out=$(complaintctl timers run --at "$(at 60)")
like "$out" "$old +overdue_resolve +stale: [0-9]+ days late, no message sent" \
	"an action due weeks before the tick is reported stale"
is "$(rows "$old" "'reminder', 'overdue', 'escalation'")" 0 \
	"... no reminder, overdue notice or escalation is queued for it"
like "$(sq "SELECT group_concat(a.officer) FROM assignment a JOIN complaint c ON c.id = a.complaint_id WHERE c.reference = '$old'")" "kepsek" \
	"... but the case is escalated as the procedure says"
like "$(events "$old" clock_stale)" "^[1-9][0-9]*$" "... and the history says each was stale"
like "$(sq "SELECT detail FROM event e JOIN complaint c ON c.id = e.complaint_id WHERE c.reference = '$old' AND e.kind = 'clock_stale' ORDER BY e.id LIMIT 1")" \
	"^[a-z_]+ due 20[0-9-]+ [0-9:]+ [A-Z]+ came [0-9]+ days late \\(more than sla\\.catch_up_days, 7\\): carried out without sending its messages" \
	"... why, in words"
is "$(sq "SELECT min(e.at) = max(e.at) AND min(e.at) = $(epoch 60) FROM event e JOIN complaint c ON c.id = e.complaint_id WHERE c.reference = '$old' AND e.kind IN ('clock_stale', 'escalated')")" 1 \
	"what the tick wrote carries its --at time, not the wall clock"

# ---- a resolved case nobody answered, long ago ----
ingest_mail "$TOP/tests/data/mail/02-plain-en.eml"
res=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
complaintctl resolve "$res" --message "The fan was replaced." >/dev/null
complaintctl timers run --at "$(at 120)" >/dev/null
is "$(sq "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$res'")" "closed no_answer" \
	"a resolved case past its feedback time is closed"
is "$(rows "$res" "'autoclose', 'feedback-reminder'")" 0 \
	"... without a months-late close notice or feedback reminder to the complainant"
is "$(events "$res" clock_stale)" 1 "... the close recorded as stale"

done_testing
