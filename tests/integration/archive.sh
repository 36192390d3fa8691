# archive.sh — retention (README "Growth and retention"): the raw bytes
# and attachment data of cases closed more than archive_after_years ago
# moved to compressed archive files by the procedure clock (`timers run
# --at`) and by `complaintctl archive`, read back byte for byte by `show
# --raw` and `attachment`; nothing archived without the setting; a re-run
# moves nothing twice; a damaged or missing archive file is an error
# naming it (EX_IOERR), never other bytes; a failure between the file and
# the database leaves the bytes in both.  No daemon: complaintctl only.
. "$TOP/tests/integration/lib.sh"

# at YEARS: "YYYY-MM-DD HH:MM" that many years (of 366 days) from now
at() { TZ=Asia/Jakarta date -d "@$(( $(date +%s) / 60 * 60 + $1 * 366 * 86400 ))" '+%Y-%m-%d %H:%M'; }
ref_of() { sq "SELECT c.reference FROM complaint c JOIN message m ON m.complaint_id = c.id WHERE m.subject LIKE '$1%' LIMIT 1"; }
msg_of() { sq "SELECT m.id FROM message m JOIN complaint c ON c.id = m.complaint_id WHERE c.reference = '$1' AND m.raw IS NOT NULL ORDER BY m.id LIMIT 1"; }
h() { sha256sum | cut -c1-64; }

conf_write
ingest_mail "$TOP/tests/data/mail/11-attachments.eml" \
	"$TOP/tests/data/mail/01-plain-id.eml" "$TOP/tests/data/mail/02-plain-en.eml"
att=$(sq "SELECT reference FROM complaint c WHERE EXISTS (SELECT 1 FROM message m JOIN attachment a ON a.message_id = m.id WHERE m.complaint_id = c.id)")
plain=$(sq "SELECT reference FROM complaint WHERE reference <> '$att' ORDER BY id LIMIT 1")
open=$(sq "SELECT reference FROM complaint WHERE reference NOT IN ('$att', '$plain')")
[ -n "$att" ] && [ -n "$plain" ] && [ -n "$open" ]
is "$?" 0 "three cases, one with attachments"
complaintctl close "$att" --reason "selesai" >/dev/null &&
	complaintctl close "$plain" --reason "selesai" >/dev/null
is "$?" 0 "two of them closed"
m_att=$(msg_of "$att"); m_plain=$(msg_of "$plain")
raw_att=$(complaintctl show "$att" --raw "$m_att" | h)
is "$raw_att" "$(h < "$TOP/tests/data/mail/11-attachments.eml")" "show --raw is the message as it arrived"
raw_plain=$(complaintctl show "$plain" --raw "$m_plain" | h)
aids=$(sq "SELECT a.id FROM attachment a WHERE a.message_id = $m_att ORDER BY a.id")
natt=$(echo "$aids" | wc -w)
like "$natt" "^[1-9]" "the message has attachments"
ahash=""
for a in $aids; do ahash="$ahash $(complaintctl attachment "$a" | h)"; done
full=$(complaintctl show "$att" --full)

# ---- no setting: nothing archived, and it says why ----
out=$(complaintctl archive --at "$(at 10)"); rc=$?
is "$rc" 0 "archive without a retention setting exits 0"
like "$out" "nothing archived: no retention setting" "... and says why"
complaintctl timers run --at "$(at 10)" >/dev/null
is "$(sq "SELECT count(*) FROM message WHERE raw IS NULL AND channel = 'email' AND kind = 'complaint'") $(sq "SELECT count(*) FROM archive_entry")" "0 0" \
	"... neither it nor the clock ten years on moves anything"

# ---- the setting, validated ----
ARCH=$WORK/archive
conf_write "retention = { archive_after_years = 0; archive_dir = \"$ARCH\"; };"
err=$(complaintd -t -c "$WORK/complaintd.conf" 2>&1)
like "$err" "complaintd.conf:[0-9]+:.*archive_after_years" "archive_after_years = 0 is refused with FILE:LINE"
conf_write "retention = { archive_after_years = 3; };"
err=$(complaintd -t -c "$WORK/complaintd.conf" 2>&1)
like "$err" "complaintd.conf:[0-9]+:.*archive_dir" "retention without archive_dir is refused with FILE:LINE"
conf_write "retention = { archive_after_years = 3; archive_dir = \"$ARCH\"; };"
complaintd -t -c "$WORK/complaintd.conf" >/dev/null
is "$?" 0 "retention = { archive_after_years = 3; archive_dir } is valid"

# ---- not yet due; a dry run moves nothing ----
out=$(complaintctl archive --at "$(at 2)")
like "$out" "^0 case\\(s\\) archived" "two years on nothing is due"
out=$(complaintctl archive --dry-run --at "$(at 4)")
like "$out" "$att .*1 message\\(s\\), $natt attachment\\(s\\): [0-9]+ bytes -> [0-9]+ in [0-9]{4}-[0-9]{2}\\.cza" \
	"a dry run four years on lists the case with attachments, what and where"
like "$out" "2 case\\(s\\) would be archived" "... both closed cases, not the open one"
unlike "$out" "$open" "... the open case is not listed"
is "$(sq "SELECT count(*) FROM message WHERE raw IS NULL AND kind = 'complaint'")" 0 "... and nothing moved"
[ ! -e "$ARCH" ]
is "$?" 0 "... no archive directory made"

# ---- the clock archives ----
out=$(complaintctl timers run --at "$(at 4)")
like "$out" "$att +archived +1 message\\(s\\), $natt attachment\\(s\\)" "the clock's tick four years on archives the case with attachments"
like "$out" "$plain +archived" "... and the other closed case"
is "$(sq "SELECT count(*) FROM message m JOIN complaint c ON c.id = m.complaint_id WHERE c.reference IN ('$att', '$plain') AND m.raw IS NOT NULL")" 0 \
	"their messages' raw bytes are gone from the database"
is "$(sq "SELECT count(*) FROM attachment_data WHERE length(data) > 0 AND sha256 IN (SELECT sha256 FROM attachment WHERE message_id = $m_att)")" 0 \
	"... and their attachments' data"
like "$(sq "SELECT count(*) FROM message m JOIN complaint c ON c.id = m.complaint_id WHERE c.reference = '$open' AND m.raw IS NOT NULL")" "^[1-9]" \
	"the open case keeps its bytes"
is "$(sq "SELECT count(*) FROM complaint WHERE archived_at IS NOT NULL")" 2 "the two cases are marked archived"
ls "$ARCH"/*.cza >/dev/null 2>&1
is "$?" 0 "the archive file is under archive_dir"
size=$(cat "$ARCH"/*.cza | wc -c)

# ---- read back byte for byte ----
is "$(complaintctl show "$att" --raw "$m_att" | h)" "$raw_att" "show --raw reads the archived message back byte-identical"
is "$(complaintctl show "$plain" --raw "$m_plain" | h)" "$raw_plain" "... the other case's too"
got=""
for a in $aids; do got="$got $(complaintctl attachment "$a" | h)"; done
is "$got" "$ahash" "complaintctl attachment reads each archived attachment back byte-identical"
is "$(complaintctl show "$att" --full)" "$full" "show --full is as before"

# ---- a re-run moves nothing twice ----
out=$(complaintctl archive --at "$(at 5)")
like "$out" "^0 case\\(s\\) archived" "archive run again moves nothing"
is "$(cat "$ARCH"/*.cza | wc -c)" "$size" "... and the archive files did not grow"
out=$(complaintctl archive --json --at "$(at 5)")
is "$(printf '%s' "$out" | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["case_count"], d["dry_run"])')" "0 False" \
	"archive --json is one JSON object"

# ---- a damaged or missing archive file ----
f=$(ls "$ARCH"/*.cza | head -n 1)
cp "$f" "$WORK/good.cza"
# a byte in the middle of the message's entry
mid=$(sq "SELECT offset + length / 2 FROM archive_entry WHERE message_id = $m_att")
$PY -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); b[int(sys.argv[2])] ^= 0xff; open(p,"wb").write(b)' "$f" "$mid"
out=$(complaintctl show "$att" --raw "$m_att" 2>"$WORK/err"); rc=$?
is "$rc" 74 "a damaged archive file: show --raw exits EX_IOERR"
is "$out" "" "... writing nothing"
like "$(cat "$WORK/err")" "$(basename "$f")" "... and says which file"
mv "$f" "$WORK/gone.cza"
complaintctl attachment "$(echo $aids | cut -d' ' -f1)" >/dev/null 2>"$WORK/err"; rc=$?
is "$rc" 74 "a missing archive file: attachment exits EX_IOERR"
like "$(cat "$WORK/err")" "$(basename "$f").*No such file" "... naming the file"
cp "$WORK/good.cza" "$f"
is "$(complaintctl show "$att" --raw "$m_att" | h)" "$raw_att" "the file restored from backup, the bytes read back again"

# ---- a failure between the file and the database: the bytes in both ----
complaintctl close "$open" --reason "selesai" >/dev/null
m_open=$(msg_of "$open")
raw_open=$(complaintctl show "$open" --raw "$m_open" | h)
# the database refuses to empty the row, as if the process died after
# the archive file was synced and before the transaction committed
sqw "CREATE TRIGGER no_empty BEFORE UPDATE OF raw ON message BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
before=$(cat "$ARCH"/*.cza | wc -c)
complaintctl archive --at "$(at 5)" >/dev/null 2>"$WORK/err"; rc=$?
check "the transaction failing after the write: archive fails" test "$rc" -ne 0
like "$(sq "SELECT count(*) FROM message WHERE id = $m_open AND raw IS NOT NULL") $(sq "SELECT count(*) FROM archive_entry WHERE message_id = $m_open")" "^1 0$" \
	"... the bytes stay in the database, no pointer recorded"
like "$(( $(cat "$ARCH"/*.cza | wc -c) - before ))" "^[1-9]" "... the entry is in the archive file too"
sqw "DROP TRIGGER no_empty"
out=$(complaintctl archive --at "$(at 5)")
like "$out" "$open .*1 message\\(s\\)" "run again, the case is archived"
is "$(sq "SELECT count(*) FROM archive_entry WHERE message_id = $m_open")" 1 "... one pointer"
is "$(complaintctl show "$open" --raw "$m_open" | h)" "$raw_open" "... and the bytes read back byte-identical"

# ---- a follow-up to an archived case keeps its bytes until it is due ----
ingest_mail "$TOP/tests/data/mail/05-gmail-followup-of-01.eml"
fu=$(sq "SELECT m.id FROM message m WHERE m.raw IS NOT NULL ORDER BY m.id DESC LIMIT 1")
fref=$(sq "SELECT c.reference FROM complaint c JOIN message m ON m.complaint_id = c.id WHERE m.id = $fu")
is "$fref" "$plain" "a follow-up is recorded on the archived case"
is "$(sq "SELECT archived_at IS NULL FROM complaint WHERE reference = '$plain'")" 1 \
	"... which is no longer marked archived"
complaintctl close "$plain" --reason "selesai lagi" >/dev/null 2>&1
out=$(complaintctl archive --at "$(at 8)")
like "$out" "$plain .*1 message\\(s\\)" "closed again and due, only the follow-up is archived"
is "$(complaintctl show "$plain" --raw "$fu" | h)" "$(h < "$TOP/tests/data/mail/05-gmail-followup-of-01.eml")" \
	"... and read back byte-identical"
is "$(complaintctl show "$plain" --raw "$m_plain" | h)" "$raw_plain" "... the first message still too"

done_testing
