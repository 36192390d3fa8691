# smtp_fail.sh — delivery when things go wrong, against a real SMTP server
# on 127.0.0.1: the server down for a while (everything goes out once it
# is back); 5xx (failed, visible, with the server's answer) and 4xx
# (retried, then dead) for single recipients inside one session;
# complaintctl outbox list/show/retry; STARTTLS required (a server without
# it gets nothing, least of all the password); AUTH required when
# configured; a wrong certificate refused; implicit TLS; kill -9 of the
# dispatch worker in the middle of a batch and SIGTERM during one: nothing
# lost, at most one message repeated.
. "$TOP/tests/integration/lib.sh"

TLS=(--starttls "$PKI/server.pem" "$PKI/server.key")
rig_smtp "${TLS[@]}" --require-starttls
smtp_stop
secret smtp.secret 'kata-sandi-rahasia'

# setup URL CA_FILE SEND_ATTEMPTS: the configuration for the next phase
# (many complaints for one officer here: no hourly summary in the way)
setup() {
	conf_write "smtp = { url = \"$1\"; ca_file = \"$2\";
  user = \"pengaduan@smkn1.sch.id\"; password_file = \"$WORK/smtp.secret\";
  from = \"pengaduan@smkn1.sch.id\"; };
limits = { retry_delay = 1; send_attempts = $3; notify_per_hour = 1000; };"
}
N=0
# complaint SENDER...: one new complaint from each sender, ingested
complaint() {
	local s
	for s in "$@"; do
		N=$((N + 1))
		cat > "$WORK/c$N.eml" <<EOF
From: $s
To: pengaduan@smkn1.sch.id
Subject: Keluhan nomor $N tentang kantin sekolah
Message-ID: <complaint-$N@example.com>
Date: Mon, 23 Nov 2026 10:00:00 +0700

Harga makanan di kantin naik terus tanpa pemberitahuan ($N).
EOF
		ingest_mail "$WORK/c$N.eml" || return 1
	done
}
# rows STATUS: email rows with this status
rows() { sq "SELECT count(*) FROM outbox WHERE channel = 'email' AND status = '$1'"; }
ack_of() { sq "SELECT id FROM outbox WHERE kind = 'ack' AND recipient = '$1' ORDER BY id DESC LIMIT 1"; }
URL=smtp://127.0.0.1:$SMTP_PORT

# ---- the server is down for a while ----
setup "$URL" "$PKI/ca.pem" 8
complaint warga.satu@example.com warga.dua@example.com
daemon_start
check "while the server is down, the worker tries it and notes why on the rows" \
	wait_for 15 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM outbox WHERE last_error LIKE '%cannot connect%'\") = 4 ]"
is "$(sq "SELECT max(attempts) FROM outbox")" 0 \
	"... an unreachable server spends no message's attempts"
like "$(cat "$WORK/daemon.log")" "dispatch: .*cannot connect.*trying again in 5 s" \
	"... and the worker leaves it alone for a while, saying so"
sleep 6
like "$(cat "$WORK/daemon.log")" "trying again in 10 s" "... longer each time"
list=$(complaintctl outbox list)
like "$list" "queued +email +ack .*warga.satu@example.com +[0-9]+  cannot connect" \
	"... complaintctl outbox list says why"
is "$(rows queued)" 4 "... and nothing is given up"
smtp_start "${TLS[@]}" --require-starttls
check "once the server is back, everything is delivered" wait_for 20 outbox_settled
is "$(rows sent)" 4 "... all 4 rows are sent"
is "$(sent_count)" 4 "... the server has 4 messages"
is "$(mails "sorted(m['row']['id'] for m in msgs)")" "$(sq 'SELECT id FROM outbox ORDER BY id')" \
	"... one of each"
is "$(sq "SELECT group_concat(DISTINCT status) FROM complaint")" acknowledged \
	"... and the cases are acknowledged"

# ---- 5xx and 4xx for single recipients inside one session ----
daemon_stop
smtp_stop
setup "$URL" "$PKI/ca.pem" 2
complaint baik.satu@example.com ditolak@example.com sibuk@example.com baik.dua@example.com
smtp_start "${TLS[@]}" --require-starttls --reject-rcpt ditolak@example.com \
	--tempfail-rcpt sibuk@example.com
before=$(sent_count)
daemon_start
check "the batch settles" wait_for 20 outbox_settled
failed_id=$(ack_of ditolak@example.com)
dead_id=$(ack_of sibuk@example.com)
is "$(sq "SELECT status || ' ' || attempts FROM outbox WHERE id = $failed_id")" "failed 1" \
	"550 to RCPT: the row is failed at once"
is "$(sq "SELECT last_error FROM outbox WHERE id = $failed_id")" \
	"RCPT TO: 550 5.1.1 <ditolak@example.com>: Recipient address rejected: User unknown" \
	"... with the server's answer"
like "$(sq "SELECT kind || ': ' || detail FROM event WHERE kind = 'delivery_failed'")" \
	"^delivery_failed: ack to the complainant \(outbox #$failed_id\): RCPT TO: 550" \
	"... and an event on the case"
is "$(sq "SELECT c.status FROM complaint c JOIN outbox o ON o.complaint_id = c.id WHERE o.id = $failed_id")" new \
	"... whose case is not acknowledged"
is "$(sq "SELECT status || ' ' || attempts FROM outbox WHERE id = $dead_id")" "dead 2" \
	"451 to RCPT: retried, then dead after send_attempts"
like "$(sq "SELECT last_error FROM outbox WHERE id = $dead_id")" "^RCPT TO: 451 4.3.0" \
	"... with the server's answer"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'delivery_gave_up'")" 1 "... and an event"
is "$(($(sent_count) - before))" 6 \
	"the other 6 messages of the session went through (2 acks, 4 notifications)"
is "$(mails "sorted(r for m in msgs[$before:] for r in m['rcpt'] if not r.endswith('smkn1.sch.id'))")" \
	"$(printf 'baik.dua@example.com\nbaik.satu@example.com')" "... to the right people"
list=$(complaintctl outbox list)
like "$list" "^$failed_id .* failed +email +ack .*ditolak@example.com +1  RCPT TO: 550" \
	"complaintctl outbox list shows the failed row"
like "$list" "^$dead_id .* dead +email +ack .*sibuk@example.com +2  RCPT TO: 451" \
	"... and the dead one"
is "$(complaintctl outbox list --status dead --json | $PY -c 'import json,sys; print([(r["id"], r["status"], r["attempts"]) for r in json.load(sys.stdin)])')" \
	"[($dead_id, 'dead', 2)]" "outbox list --status dead --json"
show=$(complaintctl outbox show "$failed_id")
like "$show" "^Outbox #$failed_id  \[failed\]" "outbox show: the row"
like "$show" "Last answer: +RCPT TO: 550 5.1.1" "... the server's answer"
like "$show" "Message-ID: +<KEL-[0-9-]+\.ack\.[0-9a-f]+@smkn1\.sch\.id>" "... its Message-ID"
is "$(complaintctl outbox show "$failed_id" --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["status"], d["recipient"], "Terima kasih" in d["text"])')" \
	"failed ditolak@example.com True" "outbox show --json"
ref=$(sq "SELECT c.reference FROM complaint c JOIN outbox o ON o.complaint_id = c.id WHERE o.id = $failed_id")
like "$(complaintctl outbox show "$ref")" "Outbox #$failed_id  \[failed\]" \
	"outbox show REF: the case's messages"

# retry once the cause is gone
smtp_stop
smtp_start "${TLS[@]}" --require-starttls
out=$(complaintctl outbox retry "$failed_id" "$dead_id")
is "$?" 0 "complaintctl outbox retry ID ID"
like "$out" "#$dead_id queued again \(was dead\)" "... says what it did"
check "... and both are delivered" wait_for 10 sh -c \
	"[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM outbox WHERE id IN ($failed_id, $dead_id) AND status = 'sent' AND attempts = 1\") = 2 ]"
is "$(mails "len(to('ditolak@example.com')) + len(to('sibuk@example.com'))")" 2 \
	"... the server has them"
like "$(sq "SELECT actor || ' ' || kind || ' ' || detail FROM event WHERE kind = 'retry' ORDER BY id LIMIT 1")" \
	"^admin:[a-z0-9_-]+ retry ack to the complainant \(outbox #$failed_id, was failed\) queued again" \
	"... the history says who asked"
complaintctl outbox retry "$failed_id" 2>"$WORK/err"
is "$?" 65 "retrying a sent message: EX_DATAERR"
like "$(cat "$WORK/err")" "is sent: only failed, dead, suppressed or queued" "... and why"
complaintctl outbox retry 999999 2>/dev/null
is "$?" 66 "an unknown id: EX_NOINPUT"
complaintctl outbox retry x1 2>/dev/null
is "$?" 64 "not an id: EX_USAGE"
complaintctl outbox list --status nonsense 2>/dev/null
is "$?" 64 "an unknown status: EX_USAGE"
like "$(complaintctl outbox --help)" "^usage: complaintctl outbox list" "outbox --help"

# ---- security: a server without STARTTLS never sees the password ----
daemon_stop
smtp_stop
smtp_start --auth-plaintext
setup "$URL" "$PKI/ca.pem" 8
auths=$(grep -c '^AUTH' "$SMTP_DIR/sessions.log")
before=$(sent_count)
complaint tls.satu@example.com
id=$(ack_of tls.satu@example.com)
daemon_start
check "no STARTTLS offered: the message is held" wait_for 10 sh -c \
	"[ -n \"\$(sqlite3 '$WORK/db.sqlite' \"SELECT last_error FROM outbox WHERE id = $id\")\" ]"
like "$(sq "SELECT status || ': ' || last_error FROM outbox WHERE id = $id")" \
	"^queued: the server does not offer STARTTLS" "... queued, saying why"
is "$(grep -c '^AUTH' "$SMTP_DIR/sessions.log")" "$auths" "... no AUTH was attempted in plain text"
is "$(sent_count)" "$before" "... and nothing was sent"

# ---- credentials configured, no AUTH offered: nothing is sent ----
daemon_stop
smtp_stop
envelopes=$(grep -c '^MAIL \|^RCPT ' "$SMTP_DIR/sessions.log")
smtp_start "${TLS[@]}" --require-starttls --no-auth
daemon_start
check "no AUTH offered: still held" wait_for 10 sh -c \
	"sqlite3 '$WORK/db.sqlite' \"SELECT last_error FROM outbox WHERE id = $id\" | grep -q 'offered no AUTH'"
is "$(sent_count)" "$before" "... nothing was sent unauthenticated"
is "$(grep -c '^MAIL \|^RCPT ' "$SMTP_DIR/sessions.log")" "$envelopes" \
	"... not even the envelope: no MAIL FROM, no RCPT TO without the login"

# ---- a certificate from the wrong CA is refused ----
daemon_stop
smtp_stop
smtp_start "${TLS[@]}" --require-starttls
setup "$URL" "$PKI/rogue-ca.pem" 8
daemon_start
check "an untrusted certificate: held" wait_for 10 sh -c \
	"sqlite3 '$WORK/db.sqlite' \"SELECT last_error FROM outbox WHERE id = $id\" | grep -q 'certificate is not trusted'"
is "$(sent_count)" "$before" "... nothing was sent"
is "$(grep -c '^AUTH' "$SMTP_DIR/sessions.log")" "$auths" "... and no password left"
like "$(cat "$WORK/daemon.log")" "dispatch: smtp smtp://127.0.0.1:$SMTP_PORT: the server's certificate is not trusted" \
	"the log says what is wrong and where"

# ---- implicit TLS (smtps://), trusted: the held rows go out ----
daemon_stop
smtp_stop
smtp_start "${TLS[@]}" --implicit-tls
setup "smtps://127.0.0.1:$SMTP_PORT" "$PKI/ca.pem" 8
like "$(complaintctl outbox retry "$id")" "queued again \(was queued\)" \
	"outbox retry on a queued row: due now, attempts reset"
daemon_start
check "smtps:// with the right CA: delivered" wait_for 15 outbox_settled
is "$(sq "SELECT status FROM outbox WHERE id = $id")" sent "... the held acknowledgement too"
like "$(tail -n 1 "$SMTP_DIR/sessions.log")" "tls=True auth=True" "... over TLS, logged in"

# ---- kill -9 of the dispatch worker in the middle of a batch ----
daemon_stop
smtp_stop
smtp_start "${TLS[@]}" --require-starttls --delay 0.1
setup "$URL" "$PKI/ca.pem" 8
for i in $(seq 1 15); do complaint "batch$i@example.com"; done
before=$(sent_count)
first=$(sq "SELECT min(id) FROM outbox WHERE recipient = 'batch1@example.com'")
daemon_start
wait_for 10 sh -c "[ \$(ls '$SMTP_DIR/new' | wc -l) -ge $((before + 4)) ]"
pid=$(worker_pid dispatch)
kill -9 "$pid"
claimed=$(sq "SELECT count(*) FROM outbox WHERE status = 'sending' AND claimed_by = 'dispatch'")
check "killed mid-batch: its rows are left claimed ($claimed)" test "$claimed" -gt 0
check "the worker comes back and the batch is finished" wait_for 30 outbox_settled
like "$(cat "$WORK/daemon.log")" "message\(s\) claimed before a restart are due again" \
	"... the restarted worker released the claimed rows"
is "$(sq "SELECT count(*) FROM outbox WHERE id >= $first AND status = 'sent'")" 30 \
	"all 30 rows are sent"
B="[m['row']['id'] for m in msgs[$before:] if m['row']['id'] >= $first]"
is "$(mails "len(set($B))")" 30 "the server has every one of the 30 messages (none lost)"
dups=$(mails "len($B) - len(set($B))")
check "at most one was sent twice ($dups)" test "$dups" -le 1

# ---- SIGTERM in the middle of a batch: claims are released ----
daemon_stop
for i in $(seq 16 20); do complaint "batch$i@example.com"; done
before=$(sent_count)
daemon_start
wait_for 10 sh -c "[ \$(ls '$SMTP_DIR/new' | wc -l) -ge $((before + 1)) ]"
daemon_stop
is "$DAEMON_RC" 0 "SIGTERM during a batch: a clean exit"
is "$(rows sending)" 0 "... no row is left claimed"
check "... and the rest were not sent" test "$(rows queued)" -gt 0
daemon_start
check "after a restart the rest goes out" wait_for 15 outbox_settled
is "$(mails "len(msgs[$before:]) - len(set(m['row']['id'] for m in msgs[$before:]))")" 0 \
	"... none twice"
is "$(mails "sum(m['bare'] for m in msgs)")" 0 "no bare LF or CR in any of it"
daemon_stop
is "$(grep -c 'dispatch: exited with status [1-9]\|Sanitizer\|runtime error' "$WORK/daemon.log")" 0 \
	"the dispatch worker never ended with an error"
done_testing
