# ingest.sh — the spine end to end through `complaintctl ingest`: the
# fixture corpus becomes cases, follow-ups, automatic and unfiled records,
# a duplicate and a quarantined item, with the right outbox rows; senders
# written badly are never acknowledged as a guess; reports of every kind
# and no-reply senders get no acknowledgement; the officer sees the whole
# complaint and its attachments; a reused Message-ID is not a duplicate;
# the officer's reply closes the loop; feedback as people write it reopens
# and escalates, or closes with its score; nothing is lost on bad input,
# oversized input or a locked database.
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
is "$(sq 'SELECT count(*) FROM complaint')" 32 "32 new cases"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'followup'")" 3 \
	"3 follow-ups (two of 01's thread, one of 04)"
ref01=$(sq "SELECT c.reference FROM complaint c JOIN message m ON m.complaint_id = c.id WHERE m.external_id LIKE '%' AND m.sender = 'sri.wahyuni78@gmail.com' AND m.kind = 'complaint'")
is "$(sq "SELECT count(*) FROM message m JOIN complaint c ON c.id = m.complaint_id WHERE c.reference = '$ref01'")" 3 \
	"01, 05 and 12 are one case"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'automatic'")" 6 \
	"auto-reply, list, newsletter, loop, read receipt and abuse report are automatic"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'bounce'")" 3 \
	"3 bounces (one a delivery-status part in a mixed message)"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'unfiled' AND sender = 'wakasek.kurikulum@smkn1.sch.id'")" 1 \
	"an officer's mail naming no case is unfiled, not a case"
is "$(sq "SELECT count(*) FROM message WHERE kind = 'officer_note'")" 1 \
	"an officer's reply without the token is only a note"
is "$(sq 'SELECT count(*) FROM quarantine')" 1 "the non-message is quarantined"
is "$(sq "SELECT count(*) FROM message WHERE external_id = (SELECT external_id FROM message WHERE id = 2)")" 1 \
	"the duplicate of 02 is not recorded twice"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack'")" 31 \
	"one acknowledgement per new case but the web form's (no-reply sender)"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'notify'")" 32 \
	"one notification per new case (one officer each)"
is "$(sq "SELECT count(*) FROM outbox WHERE recipient LIKE '%ruangguru%' OR recipient LIKE 'mailer-daemon%' OR recipient LIKE '%groups%' OR recipient LIKE 'pengaduan@%' OR recipient LIKE '%concierge%' OR recipient LIKE 'tim.sarpras%' OR recipient LIKE 'no-reply@%' OR recipient LIKE 'feedback@arf%' OR recipient LIKE 'mailsys@%'")" 0 \
	"nothing is queued to automatic senders, reports, no-reply or glued addresses, or to ourselves"
is "$(sq "SELECT DISTINCT category FROM complaint c JOIN message m ON m.complaint_id = c.id WHERE m.subject LIKE 'Toilet siswa%'")" sarana \
	"routing: a toilet in the subject is a facilities case"

# senders written badly (tests/data/mail 32-36)
is "$(sq "SELECT kind || ' ' || ifnull(sender, '-') FROM message WHERE subject = 'Parkir motor alumni saat reuni'")" "unfiled -" \
	"From with two bare addresses: no sender, recorded unfiled, nobody acknowledged"
is "$(sq "SELECT count(*) FROM party WHERE email LIKE '%concierge%'")" 0 "... and no glued address as a party"
is "$(sq "SELECT p.name || ' <' || o.recipient || '>' FROM outbox o JOIN complaint c ON c.id = o.complaint_id JOIN party p ON p.id = c.party_id WHERE o.kind = 'ack' AND o.recipient LIKE 'harun%'")" \
	"Harun Wibowo <harun.wibowo@telkom.net>" "'Name addr' without brackets: acknowledged to the address, the name kept"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'ack' AND recipient = 'ratna.sari@pemkot-contoh.go.id'")" 1 \
	"comments inside the address: acknowledged to the address"
is "$(sq "SELECT subject FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT complaint_id FROM message WHERE sender = 'andre.siregar@indo.net.id')")" \
	"[$(sq "SELECT reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = 'andre.siregar@indo.net.id'")] Pengaduan baru: Lantai kantin licin – café tutup" \
	"raw 8-bit bytes in an encoded word: the notification's subject is decoded"
is "$(sq "SELECT name FROM party WHERE email = 'siti.nuraini@gmail.com'")" "Siti Nur’aini – Orang Tua Siswa"$'\uFFFD' \
	"one bad byte at the end of a UTF-8 name: only that byte is replaced"

# bodies written badly (37-39)
is "$(sq "SELECT body FROM message WHERE sender = 'yohanes.smjtk@gmail.com'" | sed -n 3p | cut -c1-40)" "Proyektor di lab multimedia sudah tiga m" \
	"a text part wrongly labelled base64: the HTML alternative is the text"
is "$(sq "SELECT count(*) FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = 'dimas.prasetyo@yahoo.co.id'")" 1 \
	"a BOM before the header: a case, not a quarantined message"
like "$(sq "SELECT body FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT complaint_id FROM message WHERE sender = 'lim.siulan@qq.com')")" "Lim Siu Lan \(林秀兰\)" \
	"HTML without a MIME charset: its <meta> charset decodes it, in the notification too"

# no-reply senders and reports (40, 41, 46)
ref40=$(sq "SELECT c.reference FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = 'no-reply@webform.smkn1-contoh.net'")
like "$ref40" "^KEL-" "mail from a no-reply address is a case"
is "$(sq "SELECT count(*) FROM outbox WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref40') AND kind = 'ack'")" 0 \
	"... not acknowledged"
is "$(sq "SELECT detail FROM event WHERE kind = 'not_acknowledged' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref40')")" \
	"no automatic acknowledgement: the sender is a no-reply address" "... and its history says why"
is "$(sq "SELECT kind || ' ' || ifnull(complaint_id, 0) FROM message WHERE sender = 'feedback@arf.mail.example-isp.net'")" "automatic 0" \
	"an abuse (feedback) report: automatic, no case"
is "$(sq "SELECT kind FROM message WHERE sender = 'mailsys@mx.telkom-contoh.net'")" bounce \
	"a delivery-status part in a mixed message: a bounce"

# the whole complaint reaches the officer (22, 42-45)
notify_of() { sq "SELECT body FROM outbox WHERE kind = 'notify' AND complaint_id = (SELECT c.id FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email = '$1')"; }
n22=$(notify_of ratna.dewi@outlook.com)
contains "$n22" "Subject: Kipas angin kelas X TKJ 1 mati" "a forwarded message: its subject in the notification"
contains "$n22" "Bu, kipas angin di kelas kami sudah mati seminggu" "... and its text"
like "$n22" "- Kipas angin kelas X TKJ 1 mati\.eml \(message/rfc822, 513 B\): complaintctl attachment [0-9]+" \
	"... and the .eml is listed with how to fetch it"
n42=$(notify_of bagus.hermawan@ymail.com)
contains "$n42" "Atap ruang praktik otomotif bocor" "a named inline text part is the complaint's text"
contains "$n42" "- IMG_20260204_161802.jpg (image/jpeg, 91 B): complaintctl attachment" "... its photo listed"
contains "$(notify_of paguyuban.xtkj2@gmail.com)" "mengeluhkan biaya study tour" "an empty body with a .txt: the file's text"
n44=$(notify_of eko.saputra99@gmail.com)
contains "$n44" "(tanpa teks: lihat perihal dan lampiran)" "a photo alone: the notification says there is no text"
id44=$(sq "SELECT a.id FROM attachment a JOIN message m ON m.id = a.message_id WHERE m.sender = 'eko.saputra99@gmail.com'")
contains "$n44" "Lampiran (ambil dengan perintah di belakangnya, di server layanan):
- pagar-jebol.jpg (image/jpeg, 91 B): complaintctl attachment $id44" "... and lists the photo with the command"
complaintctl attachment "$id44" -o "$WORK/photo44"
check "... and that command gives the photo" test "$(stat -c %s "$WORK/photo44")" = 91
contains "$(notify_of komite.xiakl1@gmail.com)" "Buku paket akuntansi untuk semester ini" "a digest's messages are the complaint's text"
unlike "$(notify_of sri.wahyuni78@gmail.com)" "Lampiran" "a complaint without attachments lists none"

# a reused Message-ID is not a duplicate (47, 48)
is "$(sq "SELECT count(*) FROM complaint c JOIN party p ON p.id = c.party_id WHERE p.email IN ('wulan.ortu@gmail.com', 'hendro.kusuma@gmail.com')")" 2 \
	"two different complaints with Message-ID <1@localhost>: two cases"
is "$(sq "SELECT external_id FROM message WHERE sender = 'wulan.ortu@gmail.com'")" "1@localhost" "... the first under its Message-ID"
like "$(sq "SELECT external_id FROM message WHERE sender = 'hendro.kusuma@gmail.com'")" "^1@localhost#[0-9a-f]{16}$" \
	"... the second under a synthetic identity"
like "$(sq "SELECT e.detail FROM event e JOIN message m ON m.complaint_id = e.complaint_id WHERE m.sender = 'hendro.kusuma@gmail.com' AND e.kind = 'message_id_reused'")" \
	"^Message-ID <1@localhost> was already used by message #[0-9]+" "... and its history notes the reused id"
for i in 1 2; do
	{ printf 'Received: from mx%s.gmail.com (mx%s.gmail.com [192.0.2.%s])\r\n\tby mail.smkn1.sch.id with ESMTPS id X%s; Tue, 10 Feb 2026 0%s:00:00 +0700\r\n' $i $i $i $i $i
	  cat "$MAIL/48-localhost-id-b.eml"; } > "$WORK/again$i.eml"
	out=$(complaintctl ingest < "$WORK/again$i.eml")
	like "$out" "duplicate" "the second complaint delivered again ($i) with other Received headers: a duplicate"
done
is "$(sq "SELECT count(*) FROM message WHERE sender = 'hendro.kusuma@gmail.com'")" 1 "... recorded once"
# rows recorded before content hashes were kept: the sender decides
sq "UPDATE message SET content_hash = NULL WHERE sender = 'wulan.ortu@gmail.com'"
like "$(complaintctl ingest < "$MAIL/47-localhost-id-a.eml")" "duplicate" \
	"an old row without a content hash: the same sender again is a duplicate"
sed -e 's/^From: .*/From: Ani <ani.ortu@gmail.com>/' -e 's/^Subject: .*/Subject: Pengaduan: seragam/' \
	"$MAIL/47-localhost-id-a.eml" > "$WORK/ani.eml"
like "$(complaintctl ingest < "$WORK/ani.eml")" "recorded complaint KEL-" \
	"... another sender under its Message-ID is a new message"

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
# a listing longer than a page (256 cases) is written page by page: 600
# copies of a case, each a second older, make one array of them all, in
# the order of the text listing
sq "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
INSERT INTO complaint (reference, token, csecret, channel, source, status, is_open, category, party_id, language, subject, summary, received_at, updated_at)
SELECT 'KEL-PAGE-' || i, 'pagetoken' || i, 'pagesecret' || i, c.channel, c.source, 'new', 1, c.category, c.party_id, c.language, c.subject || ' ' || i, c.summary, c.received_at - i, c.updated_at
FROM n, complaint c WHERE c.reference = '$ref02'"
complaintctl list --json --limit 0 >"$WORK/long.json"
is "$($PY - "$WORK/long.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
refs = [c["reference"] for c in d]
pages = [r for r in refs if r.startswith("KEL-PAGE-")]
print(len(d), len(set(refs)), pages == ["KEL-PAGE-%d" % i for i in range(1, 601)],
    all(a["received_at"] >= b["received_at"] for a, b in zip(d, d[1:])))
EOF
)" "$(sq 'SELECT count(*) FROM complaint') $(sq 'SELECT count(*) FROM complaint') True True" \
	"list --json over three pages: every case once, newest first, one valid array"
is "$($PY -c 'import json,sys; print(" ".join(c["reference"] for c in json.load(open(sys.argv[1]))))' "$WORK/long.json")" \
	"$(complaintctl list --limit 0 | awk 'NR > 1 { printf "%s%s", (NR > 2 ? " " : ""), $1 }')" \
	"list --json and the text listing name the same cases in the same order"
sq "DELETE FROM complaint WHERE reference LIKE 'KEL-PAGE-%'"
like "$(complaintctl show "$ref01")" "History:" "show prints the history"
like "$(complaintctl list --officer wks-sarpras)" "$ref10" "list --officer"
complaintctl list --status nonsense 2>/dev/null
is "$?" 64 "list refuses an unknown status"

# feedback as complainants write it, by mail answering our resolution
reply_fb() {	# FROM REF ID TEXT
	local res
	res=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$2') ORDER BY id DESC LIMIT 1")
	printf 'From: %s\nTo: pengaduan@smkn1.sch.id\nSubject: Re: [%s] Jawaban\nMessage-ID: <%s>\nIn-Reply-To: <%s>\nDate: Wed, 25 Nov 2026 08:00:00 +0700\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
		"$1" "$2" "$3" "$res" "$4" | complaintctl ingest
}
out=$(reply_fb d.miller@northwind-logistics.com "$ref02" fb-1@x "Thank you for the information.")
like "$out" "recorded followup $ref02" "thanks without a verdict on a resolved case: a follow-up"
is "$(sq "SELECT status || ' ' || ifnull(satisfaction, '-') FROM complaint WHERE reference = '$ref02'")" "resolved -" \
	"... nothing changes"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'followup' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref02')")" 1 \
	"... and the officers are shown it"
out=$(reply_fb d.miller@northwind-logistics.com "$ref02" fb-2@x "I am not really satisfied, the toilets are still dirty.")
like "$out" "recorded feedback $ref02" "'I am not really satisfied' is feedback"
is "$(sq "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$ref02'")" "reopened dissatisfied" \
	"... not satisfied: reopened"
complaintctl resolve "$ref10" --message "Toilet lantai 2 sudah diperbaiki." >/dev/null
out=$(reply_fb agus.salim.ortu@gmail.com "$ref10" fb-3@x "ga puas, masih bau pesing")
like "$out" "recorded feedback $ref10" "'ga puas, masih bau pesing' is feedback"
is "$(sq "SELECT status FROM complaint WHERE reference = '$ref10'")" reopened "... not satisfied: reopened, never closed"
complaintctl resolve "$ref10" --message "Saluran toilet sudah dibersihkan." >/dev/null
out=$(reply_fb agus.salim.ortu@gmail.com "$ref10" fb-4@x "nilai 4")
like "$out" "recorded feedback $ref10" "a score on the 1-4 scale is feedback"
is "$(sq "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$ref10'")" "closed satisfied" \
	"... 4 of 4: satisfied, closed"
is "$(sq "SELECT detail FROM event WHERE kind = 'feedback' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref10') ORDER BY id DESC LIMIT 1")" \
	"satisfied (score 4 of 4)" "... the score is in the case's history"

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
