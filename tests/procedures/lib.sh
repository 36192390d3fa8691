# lib.sh — sourced by the procedure walks (tests/procedures/*.sh): the
# integration tests' library (TAP, the rig, the daemon), plus the example
# configuration of etc/examples/ made to run on the rig, time through the
# timer engine, and the steps that wait on features still being built.

. "$TOP/tests/integration/lib.sh"

# Steps of a procedure that need a feature being built elsewhere are the
# functions step_cpar_* (corrective action, issue 11).  They are real
# tests, failing today; each walk calls them in the procedure's order
# through `pending_step`, which runs them only for the features named
# here.  (Approval of answers and corrective action have landed: their
# steps are ordinary steps of the walks.)
WALK_ENABLE=${WALK_ENABLE:-}
# pending_step FEATURE FUNCTION — run FUNCTION when FEATURE is enabled
pending_step() {
	case " $WALK_ENABLE " in
	*" $1 "*) "$2" ;;
	*) diag "not run until $1 lands: $2" ;;
	esac
}

# walk_conf EXAMPLE [EXTRA] — $WORK/complaintd.conf from
# etc/examples/EXAMPLE.conf as shipped, with its database in $WORK, this
# tree's templates, and its imap, smtp and modems sections replaced by the
# rig's: the Dovecot user "test" (when rig_dovecot ran), the SMTP sink
# (when rig_smtp ran, sending from the example's own address) and gammu's
# dummy modem (when the example has a modem).  EXTRA is appended.
walk_conf() {
	local src=$TOP/etc/examples/$1.conf from addr rig=""
	from=$(sed -n '/^smtp = {/,/^};/s/^[[:space:]]*from = "\(.*\)";/\1/p' "$src")
	addr=$(sed -n '/^imap = (/,/^);/s/^[[:space:]]*user = "\(.*\)";/\1/p' "$src")
	if grep -q '^imap = (' "$src" && [ -n "${IMAP_PORT:-}" ]; then
		secret imap.secret test
		rig="imap = ( $(imap_account pengaduan test imap.secret starttls "address=\"$addr\"") );"
	fi
	[ -n "${SMTP_PORT:-}" ] && rig="$rig
smtp = { url = \"smtp://127.0.0.1:$SMTP_PORT\"; tls = \"none\"; from = \"$from\"; };"
	grep -q '^modems = (' "$src" && rig="$rig
$(modem_dummy)"
	cp "$TOP/etc/holidays-2026.conf" "$WORK/"
	awk '/^(imap|modems) = \(/ { skip = ")" } /^smtp = \{/ { skip = "}" }
	     skip == "" { print } skip != "" && $0 ~ "^\\" skip ";" { skip = "" }' "$src" |
	sed -e "s|^database = .*|database = \"$WORK/db.sqlite\";|" \
	    -e "s|^templates = .*|templates = \"$TOP/etc/templates\";|" >"$WORK/complaintd.conf"
	printf '%s\n%s\n' "$rig" "${2:-}" >>"$WORK/complaintd.conf"
	export COMPLAINTD_CONF=$WORK/complaintd.conf
	WALK_TZ=$(sed -n 's/^timezone = "\(.*\)";/\1/p' "$WORK/complaintd.conf")
}

# ---- the record ----
col() { sq "SELECT $1 FROM complaint WHERE reference = '$2'"; }
cid() { echo "(SELECT id FROM complaint WHERE reference = '$1')"; }
# sent REF KIND — "channel:recipient" of the case's outbox rows of KIND
sent() {
	sq "SELECT group_concat(x, ' ') FROM (SELECT DISTINCT channel || ':' || recipient AS x
	    FROM outbox WHERE kind = '$2' AND complaint_id = $(cid "$1") ORDER BY 1)"
}
# officers_of REF — the officers assigned, sorted
officers_of() {
	sq "SELECT group_concat(officer, ',') FROM (SELECT officer FROM assignment
	    WHERE complaint_id = $(cid "$1") ORDER BY officer)"
}
# events REF — the case's history, kinds in order (sending left out)
events() {
	sq "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM event
	    WHERE complaint_id = $(cid "$1") AND kind NOT IN ('sent') ORDER BY id)"
}
# ref_of_new OUTPUT — the reference complaintctl new printed
newest_ref() { sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1"; }

# ---- time: only through the timer engine ----
# at EPOCH — the --at of the first minute at or after it, in the
# organisation's zone
at() { TZ=$WALK_TZ date -d "@$(( ($1 + 59) / 60 * 60 ))" '+%Y-%m-%d %H:%M'; }
run_at() { complaintctl timers run --at "$(at "$1")"; }
# next_at REF — when the clock acts next on the case
next_at() { col next_action_at "$1"; }
# sched_at NAME — when a schedule fires next
sched_at() { sq "SELECT next_action_at FROM schedule WHERE name = '$1'"; }

# ---- the complainant's mail ----
# mail_from FROM SUBJECT MSGID [IN-REPLY-TO] — a message on stdin's body
mail_from() {
	printf 'From: %s\nTo: %s\nSubject: %s\nMessage-ID: <%s>\n' "$1" "${MAIL_TO:-pengaduan@example.org}" "$2" "$3"
	[ -n "${4:-}" ] && printf 'In-Reply-To: <%s>\n' "$4"
	printf 'Date: %s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n' "$(date -R)"
	cat
}
# reply_to_our REF KIND — the Message-ID of our mail of KIND on the case
our_msgid() {
	sq "SELECT rfc_message_id FROM outbox WHERE kind = '$2' AND channel = 'email'
	    AND complaint_id = $(cid "$1") ORDER BY id DESC LIMIT 1"
}
