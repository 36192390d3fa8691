# staff.sh — staff at work, through the real daemon, its SMTP sink and
# gammu's dummy modem: complaints entered by staff (complaintctl new for
# each channel, an officer's "#baru" mail at their personal address, an
# officer's "BARU <number> <text>" SMS), the case belonging to the
# complainant named; every case action from complaintctl; the illegal
# transitions (exit status and message); who may act (--as another
# officer's case); complaintctl reading no secret file, a read-only user
# listing, and a login mapped to an officer.
. "$TOP/tests/integration/lib.sh"

rig_smtp
conf_write_sms "$(modem_dummy)
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };"
sed -i 's/id = "wmm";/& coordinator = true;/' "$WORK/complaintd.conf"
daemon_start
OFFICE_SARPRAS=+6281234567003

case_of() { sq "SELECT $2 FROM complaint WHERE reference = '$1'"; }

# ---- complaintctl new: a phone call, for the complainant named ----
out=$(complaintctl new --channel phone --name "Ibu Sari" --phone 0812-9999-0001 \
	--subject "Toilet rusak" --text "Ibu Sari menelepon: toilet lantai 2 rusak." \
	--as wks-sarpras --json); rc=$?
is "$rc" 0 "new --channel phone: exit 0"
ref1=$(printf '%s' "$out" | sed -n 's/.*"reference": *"\([^"]*\)".*/\1/p')
like "$ref1" "^KEL-[0-9]{4}-[0-9]{6}$" "... prints the reference (--json)"
like "$(complaintctl show "$ref1" --json)" '"channel": *"phone"' "show --json: the channel given"
is "$(sq "SELECT p.name || ' ' || p.phone || ' ' || coalesce(p.email, '-') FROM complaint c JOIN party p ON p.id = c.party_id WHERE c.reference = '$ref1'")" \
	"Ibu Sari +6281299990001 -" "the case belongs to the complainant named, not to the officer"
is "$(case_of "$ref1" category)" sarana "... routed by its words"
is "$(sq "SELECT actor || ' ' || kind FROM event WHERE kind = 'created' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')")" \
	"officer:wks-sarpras created" "... the entering officer is the actor"
check "the acknowledgement goes to her phone by SMS (and is sent)" \
	wait_sq 10 "SELECT channel || ' ' || recipient || ' ' || status FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')" \
	"sms +6281299990001 sent"

# ---- a note from the suggestion box: nobody to answer ----
ref2=$(printf 'Guru olahraga sering tidak masuk.\n' | complaintctl new --channel box \
	--subject "Kotak saran minggu 12"); rc=$?
is "$rc" 0 "new --channel box with the text on standard input: exit 0"
is "$(sq "SELECT coalesce(p.email, '') || coalesce(p.phone, '') || c.channel FROM complaint c JOIN party p ON p.id = c.party_id WHERE c.reference = '$ref2'")" \
	box "an anonymous note: a party with neither address nor number"
is "$(case_of "$ref2" category)" akademik "... routed (guru: academic)"
is "$(sq "SELECT count(*) FROM event WHERE kind = 'undeliverable' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref2')")" \
	1 "... no acknowledgement: the history says there is no one to reach"

# ---- a letter from last Tuesday, with its scan, category given ----
printf '%%PDF-1.4 scanned letter\n' > "$WORK/surat.pdf"
ref3=$(complaintctl new --channel letter --name "Pak Hadi" --email Hadi.Ortu@Gmail.com \
	--subject "Surat keberatan" --text "Kami keberatan dengan pungutan." \
	--received "2026-03-03 09:30" --category umum --attach "$WORK/surat.pdf")
is "$(case_of "$ref3" "category || ' ' || datetime(received_at, 'unixepoch', '+7 hours')")" \
	"umum 2026-03-03 09:30:00" "new --received --category: when it came, the category given"
is "$(sq "SELECT a.filename || ' ' || a.content_type FROM attachment a JOIN message m ON m.id = a.message_id WHERE m.complaint_id = (SELECT id FROM complaint WHERE reference = '$ref3')")" \
	"surat.pdf application/pdf" "--attach: the scan is on the case"
is "$(sq "SELECT channel || ' ' || recipient FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref3')")" \
	"email hadi.ortu@gmail.com" "... acknowledged by email"
out=$(complaintctl new --channel fax --subject x --text y 2>&1); rc=$?
is "$rc" 65 "an unknown channel: exit 65"
contains "$out" 'unknown channel "fax"' "... says so"
out=$(complaintctl new --channel phone --phone 12ab --subject x --text y 2>&1); rc=$?
is "$rc/$(printf '%s' "$out" | grep -c 'not a phone number')" "65/1" "a bad number: exit 65, said"
is "$(sq "SELECT count(*) FROM complaint")" 3 "... and no case for either"

# ---- by email: "#baru" at the officer's personal address ----
tok=$(sq "SELECT token FROM officer_token WHERE officer = 'wks-sarpras'")
like "$tok" "^[0-9a-z]{16,}$" "an officer notified has a personal token"
# sent_has TEXT — a mail the sink received has TEXT in its decoded body
sent_has() {
	$PY - "$SMTP_DIR/new" "$1" <<'EOF'
import email, email.policy, os, sys
for f in os.listdir(sys.argv[1]):
    m = email.message_from_binary_file(open(os.path.join(sys.argv[1], f), "rb"),
        policy=email.policy.default)
    b = m.get_body(preferencelist=("plain",))
    if b is not None and sys.argv[2] in b.get_content():
        sys.exit(0)
sys.exit(1)
EOF
}
check "... their notification tells them their personal address" \
	wait_for 10 sent_has "pengaduan+$tok@smkn1.sch.id"
check "... and the officer ids to assign to" sent_has "wks-kurikulum    Budi Santoso"
entry_mail() {	# entry_mail TO MSGID
	cat <<EOF
From: Agus Prasetyo <wakasek.sarpras@smkn1.sch.id>
To: $1
Subject: Pengaduan lewat telepon
Message-ID: <$2@smkn1.sch.id>
Date: Mon, 23 Nov 2026 09:00:00 +0700
Content-Type: text/plain; charset=utf-8

#baru
Nama: Bapak Joko
HP: 0812 9999 0002
Kanal: telepon

Pak Joko menelepon: atap kelas XI bocor saat hujan.
EOF
}
entry_mail "pengaduan+$tok@smkn1.sch.id" entry-1 > "$WORK/entry.eml"
like "$(complaintctl ingest < "$WORK/entry.eml")" "recorded staff_entry KEL-" \
	"#baru at the personal address opens a case"
ref4=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
is "$(sq "SELECT c.channel || ' ' || p.name || ' ' || p.phone FROM complaint c JOIN party p ON p.id = c.party_id WHERE c.reference = '$ref4'")" \
	"phone Bapak Joko +6281299990002" "... the complainant named (Nama:, HP:, Kanal:)"
is "$(sq "SELECT body FROM message WHERE kind = 'staff_entry' AND external_id = 'entry-1@smkn1.sch.id'")" \
	"#baru
Nama: Bapak Joko
HP: 0812 9999 0002
Kanal: telepon

Pak Joko menelepon: atap kelas XI bocor saat hujan." "... the officer's mail is recorded on the case"
like "$(case_of "$ref4" summary)" "^Pak Joko menelepon: atap" "... the complaint's text is the text after the labels"
is "$(sq "SELECT count(*) || ' ' || group_concat(channel) FROM outbox WHERE kind = 'entered' AND officer = 'wks-sarpras' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref4')")" \
	"1 email" "... the officer is told the reference, by email"
is "$(sq "SELECT channel || ' ' || recipient FROM outbox WHERE kind = 'ack' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref4')")" \
	"sms +6281299990002" "... the complainant is acknowledged by SMS"
entry_mail "pengaduan@smkn1.sch.id" entry-2 > "$WORK/entry2.eml"
like "$(complaintctl ingest < "$WORK/entry2.eml")" "recorded unfiled" \
	"#baru to the plain address (a forged From: proves nothing): unfiled"
is "$(sq "SELECT count(*) FROM complaint")" 4 "... no case"
sed -e 's/^Kanal: telepon$/Kanal: merpati/' "$WORK/entry.eml" | sed 's/entry-1@/entry-3@/' > "$WORK/entry3.eml"
complaintctl ingest --quiet < "$WORK/entry3.eml"
is "$(sq "SELECT count(*) FROM complaint")" 4 "an entry with an unknown channel opens no case"
like "$(sq "SELECT body FROM outbox WHERE kind = 'officer-error' AND officer = 'wks-sarpras' AND channel = 'email' ORDER BY id DESC LIMIT 1")" \
	'kanal "merpati" tidak dikenal' "... the officer is told why, in Indonesian"

# ---- by SMS: BARU <number> <text> from the officer's number ----
sms_in --from 081234567003 --text "BARU 081299990003 Kursi kelas X TKJ 2 patah, kata ortu yang datang"
check "an officer's BARU SMS opens a case" \
	wait_sq 10 "SELECT count(*) FROM complaint" 5
ref5=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
is "$(sq "SELECT c.channel || ' ' || p.phone FROM complaint c JOIN party p ON p.id = c.party_id WHERE c.reference = '$ref5'")" \
	"phone +6281299990003" "... for the number given, never the office phone"
is "$(sq "SELECT actor FROM event WHERE kind = 'created' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref5')")" \
	"officer:wks-sarpras" "... entered by the officer"
check "... who gets the reference by SMS" \
	wait_sq 10 "SELECT count(*) FROM outbox WHERE kind = 'entered' AND channel = 'sms' AND recipient = '$OFFICE_SARPRAS' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref5')" 1

# ---- case actions from complaintctl ----
out=$(complaintctl reply "$ref1" Kami cek ke lokasi besok pagi.); rc=$?
is "$rc" 0 "reply: exit 0"
is "$(case_of "$ref1" "status || ' ' || (first_response_at IS NOT NULL)")" "in_progress 1" \
	"... the case stays open, in progress; it is the first response"
like "$(sq "SELECT channel || ' ' || body FROM outbox WHERE kind = 'interim' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')")" \
	"^sms $ref1: Kami cek ke lokasi besok pagi\\." "... the complainant gets the update by SMS"
complaintctl note "$ref1" "Tukang dipanggil Senin" >/dev/null
is "$(sq "SELECT actor || '|' || detail FROM event WHERE kind = 'note' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')")" \
	"admin:$(id -un)|Tukang dipanggil Senin" "note: an event with its actor"
complaintctl assign "$ref1" wks-kurikulum >/dev/null
is "$(sq "SELECT group_concat(officer) FROM assignment WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')")" \
	wks-kurikulum "assign hands over: the officer before leaves the case"
complaintctl assign "$ref1" wks-sarpras --add >/dev/null
is "$(sq "SELECT group_concat(officer) FROM (SELECT officer FROM assignment WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1') ORDER BY officer)")" \
	"wks-kurikulum,wks-sarpras" "assign --add adds"
complaintctl priority "$ref1" high >/dev/null && complaintctl confidential "$ref1" on >/dev/null
is "$(case_of "$ref1" "priority || confidential")" 11 "priority high, confidential on"
complaintctl resolve "$ref1" --message "Toilet sudah diperbaiki." >/dev/null
is "$(case_of "$ref1" status)" resolved "resolve"
out=$(complaintctl resolve "$ref1" --message "Jawaban kedua" 2>&1); rc=$?
is "$rc" 65 "a second answer on a resolved case: exit 65"
contains "$out" 'berstatus "sudah dijawab, menunggu tanggapan" tidak dapat dijawab' \
	"... with the table's reason, in the organisation's language"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')")" \
	1 "... and nothing more is sent"
complaintctl resolve "$ref1" --correction --message "Toilet lantai 2 sudah diperbaiki." >/dev/null
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'correction' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref1')")" \
	1 "resolve --correction sends the corrected answer"
complaintctl close "$ref1" --reason "Pelapor tidak dapat dihubungi" >/dev/null
is "$(case_of "$ref1" status)" closed "close --reason"
out=$(complaintctl resolve "$ref1" --correction --message "x" 2>&1); rc=$?
is "$rc" 65 "nothing re-answers a closed case, not even a correction"
out=$(complaintctl reject "$ref1" --reason "bukan wewenang" 2>&1); rc=$?
is "$rc/$out" "65/complaintctl: $ref1: pengaduan berstatus \"selesai\" tidak dapat ditolak" \
	"reject on a closed case: exit 65, the reason"
complaintctl reopen "$ref1" >/dev/null
is "$(case_of "$ref1" status)" reopened "reopen"
complaintctl reject "$ref4" --reason "Bukan kewenangan sekolah" >/dev/null
is "$(case_of "$ref4" "status || ' ' || resolution")" "rejected Bukan kewenangan sekolah" "reject --reason"

# ---- who may act: --as ----
out=$(complaintctl note "$ref3" "lihat" --as wks-sarpras 2>&1); rc=$?
is "$rc" 77 "--as an officer on another officer's case: exit 77"
contains "$out" "bukan kategori Anda" "... in the officer's language"
out=$(complaintctl recategorise "$ref5" akademik --as wks-sarpras 2>&1); rc=$?
is "$rc" 77 "re-categorising is for coordinators"
complaintctl recategorise "$ref5" akademik --as wmm >/dev/null; rc=$?
is "$rc/$(case_of "$ref5" category)" "0/akademik" "... the coordinator may"
is "$(sq "SELECT group_concat(officer) FROM assignment WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref5')")" \
	wks-kurikulum "... the new category's officers take it over"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'notify' AND officer = 'wks-kurikulum' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref5')")" \
	2 "... and are notified (email and SMS)"
out=$(complaintctl note "$ref5" hi --as nobody-here 2>&1); rc=$?
is "$rc" 64 "--as an unknown officer: exit 64"

# ---- merge: a duplicate ----
ref6=$(complaintctl new --channel walk-in --name "Bu Rina" --email rina@gmail.com \
	--subject "Kursi patah" --text "Kursi kelas X TKJ 2 patah juga.")
complaintctl merge "$ref6" "$(printf '%s' "$ref5" | tr A-Z a-z)" --as wmm >/dev/null; rc=$?
is "$rc/$(case_of "$ref6" status)" "0/merged" "merge: the duplicate is merged"
is "$(sq "SELECT count(*) FROM message WHERE complaint_id = (SELECT id FROM complaint WHERE reference = '$ref5')")" \
	2 "... its messages follow"
like "$(sq "SELECT channel || ' ' || recipient || ' ' || subject FROM outbox WHERE kind = 'merged'")" \
	"^email rina@gmail.com \\[$ref6\\] .*$ref5" "... its complainant is told the reference that goes on"
like "$(complaintctl show "$ref6")" "Merged into: +$ref5" "... show says where it went"
like "$(complaintctl show "$ref6" --json)" "\"merged_into\": *\"$ref5\"" "... and so does show --json"
like "$(complaintctl show "$ref1" --json)" '"priority": *"high", *"confidential": *true' \
	"show --json: the priority and the confidential flag"
complaintctl resolve "$ref5" --message "Kursi sudah diganti." --as wks-kurikulum >/dev/null
is "$(sq "SELECT group_concat(recipient, ' ') FROM (SELECT recipient FROM outbox WHERE kind = 'resolution' AND complaint_id = (SELECT id FROM complaint WHERE reference = '$ref5') ORDER BY recipient)")" \
	"+6281299990003 rina@gmail.com" "... and the answer reaches both complainants"
out=$(complaintctl merge "$ref3" "$ref6" 2>&1); rc=$?
is "$rc" 65 "merging into a merged case is refused"

# ---- every command answers --help ----
for c in new assign reject note reply recategorise reopen priority confidential merge close officers; do
	out=$(complaintctl "$c" --help); rc=$?
	is "$rc/$(printf '%s' "$out" | head -n 1 | cut -d' ' -f1-3)" "0/usage: complaintctl $c" "$c --help"
done
like "$(complaintctl officers)" "wmm +Rina Kusumawati +umum,\\(coordinator\\)" "officers: ids, categories, coordinators"

daemon_stop

# ---- access: no secret read, read-only lists, a login as an officer ----
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
secret smtp.secret pw
cp "$WORK/complaintd.conf" "$WORK/access.conf"
sed -i "s|tls = \"none\"; from|user = \"x\"; password_file = \"$WORK/smtp.secret\"; from|" "$WORK/access.conf"
chmod 755 "$WORK"; chmod 644 "$WORK/access.conf" "$WORK/db.sqlite"
out=$(as_nobody complaintctl -c "$WORK/access.conf" list 2>&1); rc=$?
is "$rc" 0 "a user who can read the database but no secret lists the cases"
contains "$out" "$ref3" "... all of them"
out=$(as_nobody complaintd -t -c "$WORK/access.conf" 2>&1); rc=$?
is "$rc" 78 "complaintd -t still checks the secrets"
out=$(as_nobody complaintctl -c "$WORK/access.conf" note "$ref3" hi 2>&1); rc=$?
isnt_zero() { [ "$1" -ne 0 ]; }
check "... a read-only user cannot act" isnt_zero "$rc"
sed "s/id = \"wmm\";/& unix_user = \"$(id -un)\";/" "$WORK/complaintd.conf" > "$WORK/mapped.conf"
COMPLAINTD_CONF=$WORK/mapped.conf complaintctl note "$ref3" "dicek WMM" >/dev/null
is "$(sq "SELECT actor FROM event WHERE kind = 'note' ORDER BY id DESC LIMIT 1")" officer:wmm \
	"a login mapped to an officer (unix_user) acts as that officer"
out=$(COMPLAINTD_CONF=$WORK/mapped.conf complaintctl note "$ref3" x --as kepsek 2>&1); rc=$?
is "$rc" 77 "... and not --as someone else"

done_testing
