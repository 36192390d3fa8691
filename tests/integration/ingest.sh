# ingest.sh — the spine end to end through `complaintctl ingest`: the
# fixture corpus becomes cases, follow-ups, automatic and unfiled records,
# a duplicate and a quarantined item, with the right outbox rows; the
# officer's reply closes the loop; feedback reopens and escalates; nothing
# is lost on bad input, oversized input or a locked database.
. "$TOP/tests/integration/lib.sh"

MAIL=$TOP/tests/data/mail
conf_write 'smtp = { url = "smtp://127.0.0.1:2525"; tls = "none"; from = "pengaduan@smkn1.sch.id"; };
limits = { max_message_size = "12M"; };'

ingest_all() {
	local f rc bad=0
	for f in "$MAIL"/*.eml; do
		complaintctl ingest --quiet < "$f" 2>>"$WORK/ingest.err"
		rc=$?
		[ $rc -eq 0 ] || { bad=1; diag "$(basename "$f"): exit $rc"; }
	done
	return $bad
}

check "every corpus message is taken (exit 0)" ingest_all
is "$(sq 'SELECT count(*) FROM complaint')" 18 "18 new cases"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'followup'")" 3 \
	"3 follow-ups (two of 01's thread, one of 04)"
ref01=$(sq "SELECT c.reference FROM complaint c JOIN message m ON m.complaint_id = c.id WHERE m.external_id LIKE '%' AND m.sender = 'sri.wahyuni78@gmail.com' AND m.kind = 'complaint'")
is "$(sq "SELECT count(*) FROM message m JOIN complaint c ON c.id = m.complaint_id WHERE c.reference = '$ref01'")" 3 \
	"01, 05 and 12 are one case"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'automatic'")" 5 \
	"auto-reply, list, newsletter, loop and read receipt are automatic"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'bounce'")" 2 "2 bounces"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'unfiled' AND sender = 'wakasek.kurikulum@smkn1.sch.id'")" 1 \
	"an officer's mail naming no case is unfiled, not a case"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'officer_note'")" 1 \
	"an officer's reply without the token is only a note"
is "$(sq 'SELECT count(*) FROM quarantine')" 1 "the non-message is quarantined"
is "$(sq "SELECT count(*) FROM message WHERE external_id = (SELECT external_id FROM message WHERE id = 2)")" 1 \
	"the duplicate of 02 is not recorded twice"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack'")" 18 \
	"one acknowledgement per new case"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'notify'")" 18 \
	"one notification per new case (one officer each)"
is "$(sq "SELECT count(*) FROM outbox WHERE recipient LIKE '%ruangguru%' OR recipient LIKE 'mailer-daemon%' OR recipient LIKE '%groups%' OR recipient LIKE 'pengaduan@%'")" 0 \
	"nothing is queued to automatic senders or to ourselves"
is "$(sq "SELECT DISTINCT category FROM complaint c JOIN message m ON m.complaint_id = c.id WHERE m.subject LIKE 'Toilet siswa%'")" sarana \
	"routing: a toilet in the subject is a facilities case"

# nothing but valid UTF-8 in any text column
cat > "$WORK/utf8.py" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
bad = 0
for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
    t = table.decode()
    cols = [r[1].decode() for r in db.execute("PRAGMA table_info(%s)" % t)
            if r[2].decode().upper() == "TEXT"]
    for c in cols:
        for (v,) in db.execute("SELECT %s FROM %s WHERE %s IS NOT NULL" % (c, t, c)):
            try:
                v.decode("utf-8", "strict")
            except UnicodeDecodeError:
                bad += 1
                print("invalid UTF-8 in %s.%s" % (t, c))
print(bad)
EOF
is "$($PY "$WORK/utf8.py" "$WORK/db.sqlite" | tail -n 1)" 0 \
	"every text column holds valid UTF-8"
like "$(sq "SELECT body FROM message WHERE sender = 'fajar_n@plasa.com'")" $'\uFFFD' \
	"undecodable bytes are replaced, visibly"

# attachments: recorded and stored by content
is "$(sq "SELECT count(*) FROM attachment a JOIN message m ON m.id = a.message_id WHERE m.sender = 'agus.salim.ortu@gmail.com'")" 3 \
	"three attachments recorded"
allok=1
for row in $(sq "SELECT id || ':' || sha256 || ':' || size FROM attachment"); do
	id=${row%%:*}; rest=${row#*:}; h=${rest%%:*}; n=${rest##*:}
	complaintctl attachment "$id" -o "$WORK/att.out" || allok=0
	[ "$(sha256sum < "$WORK/att.out" | cut -d' ' -f1)" = "$h" ] &&
		[ "$(stat -c %s "$WORK/att.out")" = "$n" ] || allok=0
done
is "$allok" 1 "each attachment's bytes come back with their SHA-256 and size"
is "$(sq "SELECT count(*) FROM attachment_data")" "$(sq "SELECT count(DISTINCT sha256) FROM attachment")" \
	"each distinct attachment is stored once"
complaintctl attachment 99999 2>/dev/null
is "$?" 66 "an unknown attachment: EX_NOINPUT"

# the whole corpus again: idempotent
before=$(sq "SELECT (SELECT count(*) FROM message) || '/' || (SELECT count(*) FROM complaint) || '/' || (SELECT count(*) FROM outbox)")
ingest_all >/dev/null
after=$(sq "SELECT (SELECT count(*) FROM message) || '/' || (SELECT count(*) FROM complaint) || '/' || (SELECT count(*) FROM outbox)")
is "$after" "$before" "ingesting the corpus twice changes nothing (messages/cases/outbox)"
is "$(sq 'SELECT count(*) FROM quarantine')" 2 \
	"... except that garbage is kept again (quarantine has no identity)"

# reference in the subject: a follow-up from the complainant, a new case
# from anyone else (no hijacking)
ref10=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = 'agus.salim.ortu@gmail.com' ORDER BY c.id LIMIT 1")
sed -e "s/KEL-2026-000011/$ref10/g" -e 's/^message-id: <[^>]*>/Message-ID: <reply-to-ack-fixed@mail.gmail.com>/I' \
	"$MAIL/28-reply-to-ack-iphone.eml" > "$WORK/28-fixed.eml"
out=$(complaintctl ingest < "$WORK/28-fixed.eml")
like "$out" "recorded followup $ref10" "reference in the subject from its complainant: follow-up"

# the officer answers the notification: the loop is closed
notify_id=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref01')")
tok01=$(sq "SELECT token FROM complaint WHERE reference = '$ref01'")
csec01=$(sq "SELECT csecret FROM complaint WHERE reference = '$ref01'")
is "$(sq "SELECT kind || ' ' || reply_to FROM outbox WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref01') AND kind IN ('ack', 'notify') ORDER BY kind")" \
	"ack pengaduan+$csec01@smkn1.sch.id
notify pengaduan+$tok01@smkn1.sch.id" \
	"mail is queued with its Reply-To: the complainant's with her secret, an officer's with the case's token"
check "... two different secrets" test -n "$csec01" -a "$csec01" != "$tok01"
first_id=$(sq "SELECT external_id FROM message WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref01') ORDER BY id LIMIT 1")
cat > "$WORK/officer-reply.eml" <<EOF
From: Budi Santoso <wakasek.kurikulum@smkn1.sch.id>
To: pengaduan@smkn1.sch.id
Subject: Re: [$ref01] Pengaduan baru: Keluhan nilai rapor anak saya
Message-ID: <officer-reply-1@smkn1.sch.id>
In-Reply-To: <$notify_id>
References: <$notify_id>
Date: Mon, 23 Nov 2026 09:00:00 +0700
Content-Type: text/plain; charset=utf-8

Nilai tugas proyek Andi sudah dimasukkan; nilai Matematika di rapor
diperbaiki menjadi 84. Mohon maaf atas kekeliruannya.

Pada 21 Nov 2026, Layanan Pengaduan menulis:
> Ada pengaduan baru yang perlu ditangani
EOF
out=$(complaintctl ingest < "$WORK/officer-reply.eml")
like "$out" "recorded officer_reply $ref01" "the officer's reply to the notification is recognised"
is "$(sq "SELECT status FROM complaint WHERE reference = '$ref01'")" resolved \
	"... the case is resolved"
res=$(sq "SELECT body FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref01')")
like "$res" "diperbaiki menjadi 84" "... the resolution to the complainant carries the officer's words"
unlike "$res" "Ada pengaduan baru" "... without the quoted notification"
is "$(sq "SELECT recipient || ' ' || in_reply_to FROM outbox WHERE kind = 'resolution'")" \
	"sri.wahyuni78@gmail.com $first_id" "... threaded under the complainant's first mail"

# an officer who was not sent the notification cannot resolve by replying
sed -e 's/wakasek.kurikulum@/wakasek.sarpras@/' -e 's/officer-reply-1@/officer-reply-2@/' \
	"$WORK/officer-reply.eml" > "$WORK/other-officer.eml"
out=$(complaintctl ingest < "$WORK/other-officer.eml")
like "$out" "recorded officer_note" "another officer's reply is only a note"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'resolution'")" 1 "... and sends nothing"

# a #tolak command through the token address
ref16=$(sq "SELECT reference FROM complaint WHERE category = 'umum' ORDER BY id LIMIT 1")
tok=$(sq "SELECT token FROM complaint WHERE reference = '$ref16'")
cat > "$WORK/reject.eml" <<EOF
From: wmm@smkn1.sch.id
To: Layanan Pengaduan <pengaduan+$tok@smkn1.sch.id>
Subject: Re: [$ref16] Pengaduan baru
Message-ID: <officer-reject-1@smkn1.sch.id>
Date: Mon, 23 Nov 2026 10:00:00 +0700

#tolak Pungutan tersebut diputuskan oleh komite sekolah; silakan hubungi komite.
EOF
out=$(complaintctl ingest < "$WORK/reject.eml")
like "$out" "recorded officer_command $ref16" "a #tolak command with the token address"
is "$(sq "SELECT status FROM complaint WHERE reference = '$ref16'")" rejected "... rejects the case"
like "$(sq "SELECT body FROM outbox WHERE kind = 'rejection'")" "komite sekolah" \
	"... and the reason goes to the complainant"

# feedback: not satisfied reopens and escalates to the principal (her
# answer to our resolution mail)
resid01=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref01')")
cat > "$WORK/feedback.eml" <<EOF
From: Sri Wahyuni <sri.wahyuni78@gmail.com>
To: pengaduan@smkn1.sch.id
Subject: Re: [$ref01] Jawaban atas pengaduan Anda
Message-ID: <feedback-1@mail.gmail.com>
In-Reply-To: <$resid01>
Date: Tue, 24 Nov 2026 08:00:00 +0700

TIDAK PUAS. Nilai di aplikasi rapor masih 58.
EOF
out=$(complaintctl ingest < "$WORK/feedback.eml")
like "$out" "recorded feedback $ref01" "'TIDAK PUAS' on a resolved case is feedback"
is "$(sq "SELECT status || ' ' || escalation_level || ' ' || satisfaction FROM complaint WHERE reference = '$ref01'")" \
	"reopened 1 dissatisfied" "... the case is reopened and escalated"
is "$(sq "SELECT recipient FROM outbox WHERE kind = 'reopened'")" "kepsek@smkn1.sch.id" \
	"... the principal (escalate_to) is told"
like "$(sq "SELECT group_concat(officer) FROM assignment WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref01')")" \
	"kepsek" "... and joins the case"

# complaintctl resolve
ref02=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = 'd.miller@northwind-logistics.com'")
out=$(complaintctl resolve "$ref02" --message "The toilets in Workshop B were repaired on 25 November.")
is "$?" 0 "complaintctl resolve succeeds"
like "$out" "$ref02 resolved" "... and says so"
like "$(sq "SELECT actor || ' ' || kind FROM event WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref02') ORDER BY id DESC LIMIT 1")" \
	"^admin:[a-z0-9_-]+ resolved" "... recorded with who did it"
complaintctl resolve "$ref16" --message "x" 2>"$WORK/err"
is "$?" 65 "a rejected case cannot be resolved (EX_DATAERR)"
complaintctl resolve "KEL-1999-999999" --message "x" 2>/dev/null
is "$?" 66 "an unknown reference: EX_NOINPUT"
complaintctl resolve "$ref02" --message "   " 2>/dev/null
is "$?" 65 "an empty resolution is refused"
complaintctl resolve 2>/dev/null
is "$?" 64 "missing arguments: EX_USAGE"
check "--help works on every command" sh -c 'for c in ingest list show resolve quarantine unfiled outbox status attachment; do complaintctl $c --help | grep -q "^usage: complaintctl $c" || exit 1; done'

# list and show, text and JSON
json=$(complaintctl list --json --status resolved)
is "$(printf '%s' "$json" | $PY -c 'import json,sys; print(",".join(c["reference"] for c in json.load(sys.stdin)))')" \
	"$ref02" "list --status resolved --json"
is "$(complaintctl show "$ref01" --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(len(d["messages"]), d["case"]["status"], sorted({o["kind"] for o in d["outbox"]}))')" \
	"6 reopened ['ack', 'feedback', 'followup', 'notify', 'reopened', 'resolution', 'status']" \
	"show --json: messages (3 of hers, 2 officers', her feedback), status, outbox (her 'belum ada kabar' was answered with the status)"
like "$(complaintctl show "$ref01")" "History:" "show prints the history"
like "$(complaintctl list --officer wks-sarpras)" "$ref10" "list --officer"
complaintctl list --status nonsense 2>/dev/null
is "$?" 64 "list refuses an unknown status"

# quarantine: raw bytes kept; reprocessing garbage keeps it held
complaintctl quarantine show 1 --raw > "$WORK/raw.out"
check "quarantine keeps the exact bytes" cmp -s "$WORK/raw.out" "$MAIL/99-not-a-message.eml"
complaintctl quarantine reprocess 1 2>"$WORK/err"
is "$?" 65 "reprocessing garbage fails"
is "$(sq 'SELECT status FROM quarantine WHERE id = 1')" held "... and it stays held"
# a message over max_message_size: refused to its sender (the MTA bounces
# it with the reason), only its header and first 64 KiB kept in
# quarantine for the staff, never the whole; a row of which only a part is
# kept cannot be reprocessed
$PY - "$WORK/big.eml" <<'EOF'
import base64, os, sys
data = bytes(range(256)) * (14 * 1024 * 1024 // 256)
with open(sys.argv[1], "wb") as f:
    f.write(b"From: Budi <budi.ortu@gmail.com>\r\nTo: pengaduan@smkn1.sch.id\r\n"
            b"Subject: Video kebocoran atap\r\nMessage-ID: <big-1@gmail.com>\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            b"--b\r\nContent-Type: text/plain\r\n\r\nAtap bocor, lihat video.\r\n"
            b"--b\r\nContent-Type: video/mp4; name=atap.mp4\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n")
    enc = base64.b64encode(data)
    for i in range(0, len(enc), 76):
        f.write(enc[i:i + 76] + b"\r\n")
    f.write(b"--b--\r\n")
EOF
bigsize=$(wc -c < "$WORK/big.eml" | tr -d ' ')
dbsize=$(stat -c %s "$WORK/db.sqlite")
complaintctl ingest < "$WORK/big.eml" > "$WORK/out" 2> "$WORK/err"
is "$?" 69 "a message over max_message_size is refused for good (EX_UNAVAILABLE: the sender gets a bounce)"
like "$(cat "$WORK/err")" "message of $bigsize bytes refused: this complaints service takes messages up to 12582912 bytes \\(its header is kept as quarantine #[0-9]+\\)" \
	"... saying why, for the bounce"
qid=$(sq "SELECT max(id) FROM quarantine")
is "$(sq "SELECT size || ' ' || original_size FROM quarantine WHERE id = $qid")" "65536 $bigsize" \
	"... its first 64 KiB are kept, with the size it had"
like "$(sq "SELECT CAST(raw AS TEXT) FROM quarantine WHERE id = $qid")" "Subject: Video kebocoran atap" \
	"... the header among them"
check "... and the database grew by far less than the message (<2 MB)" \
	test $(( $(stat -c %s "$WORK/db.sqlite") - dbsize )) -lt 2000000
like "$(complaintctl quarantine show "$qid")" "Kept: +the first 65536 of $bigsize bytes" \
	"quarantine show says only a part is kept"
complaintctl quarantine reprocess "$qid" 2> "$WORK/err"
is "$?" 65 "a partly kept message cannot be reprocessed"
like "$(cat "$WORK/err")" "holds only the first 65536 of its $bigsize bytes" "... saying why"
is "$(sq "SELECT count(*) FROM message WHERE external_id = 'big-1@gmail.com'")" 0 \
	"... and nothing was recorded from it"

# temporary failures: the MTA keeps the mail and retries
$PY - "$WORK/db.sqlite" > "$WORK/lock.log" 2>&1 <<'EOF' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(13)
db.execute("ROLLBACK")
EOF
lockpid=$!
wait_for 5 grep -q locked "$WORK/lock.log"
sed -e 's/^message-id: <[^>]*>/Message-ID: <while-locked@x>/I' "$MAIL/01-plain-id.eml" > "$WORK/locked.eml"
complaintctl ingest < "$WORK/locked.eml" 2>"$WORK/err"
is "$?" 75 "a locked database: exit 75 (EX_TEMPFAIL)"
like "$(cat "$WORK/err")" "temporary failure" "... saying the MTA should deliver again"
wait $lockpid
complaintctl ingest < "$WORK/locked.eml" >/dev/null
is "$?" 0 "... and the retry records it"
echo 'broken {' > "$WORK/broken.conf"
COMPLAINTD_CONF=$WORK/broken.conf complaintctl ingest < "$MAIL/01-plain-id.eml" 2>/dev/null
is "$?" 75 "a broken configuration: exit 75, the mail waits at the MTA"

done_testing
