# lib.sh — sourced by the integration tests (bash).  TAP output, a private
# work directory, the loopback rig (Dovecot, SMTP sink) and helpers to
# write a configuration and query the database.  tests/run exports TOP
# (the repository) and BUILD (the build directory, absolute).
#
# Ports: each script gets its own range from TEST_INDEX (set by tests/run)
# so a server still shutting down never collides with the next test;
# PORT_OFFSET moves the whole range (two suites running side by side),
# below the kernel's ephemeral ports (from 32768 by default).

set -u
: "${TOP:?run through tests/run}" "${BUILD:?run through tests/run}"
# dovecot and doveadm live in /usr/sbin, which a non-root PATH lacks
export PATH="$BUILD:$PATH:/usr/sbin:/sbin"
PY=/usr/bin/python3
T_N=0
T_FAIL=0
PORT_BASE=$((20000 + ${PORT_OFFSET:-0} + ${TEST_INDEX:-$((RANDOM % 400))} * 20))
# Not among the kernel's ephemeral ports: any outgoing connection (a test's
# own client, another program) may hold one of those, and a server of the
# rig then cannot listen on it.
read -r _eph_lo _eph_hi < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null ||
	_eph_lo=32768 _eph_hi=60999
if [ $((PORT_BASE + 19)) -ge "$_eph_lo" ] && [ "$PORT_BASE" -le "$_eph_hi" ]; then
	echo "Bail out! ports $PORT_BASE-$((PORT_BASE + 19)) are among the" \
		"kernel's ephemeral ports ($_eph_lo-$_eph_hi): use a smaller PORT_OFFSET"
	exit 1
fi
WORK=$(mktemp -d /tmp/complaintd-test.XXXXXX)
PKI=$BUILD/rig/pki
_cleanups=""

# ---- TAP ----
ok() { T_N=$((T_N + 1)); echo "ok $T_N - $*"; }
nok() { T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1)); echo "not ok $T_N - $*"; }
diag() { echo "# $*"; }
# check "description" command args...
check() {
	local d=$1; shift
	if "$@"; then ok "$d"; else nok "$d"; fi
}
# is GOT WANT "description"
is() {
	if [ "$1" = "$2" ]; then ok "$3"; else
		nok "$3"; diag "  got:  [$1]"; diag "  want: [$2]"; fi
}
# like TEXT REGEX "description"
like() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then ok "$3"; else
		nok "$3"; diag "  text: [$(printf '%s' "$1" | head -c 600)]"
		diag "  want: /$2/"; fi
}
# contains TEXT STRING "description" — a fixed string, no regex
contains() {
	if printf '%s' "$1" | grep -Fq -- "$2"; then ok "$3"; else
		nok "$3"; diag "  text: [$(printf '%s' "$1" | head -c 600)]"
		diag "  want: [$2]"; fi
}
unlike() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		nok "$3"; diag "  text: [$(printf '%s' "$1" | head -c 600)]"
		diag "  not:  /$2/"; else ok "$3"; fi
}
done_testing() { echo "1..$T_N"; [ "$T_FAIL" -eq 0 ]; }

# ---- cleanup ----
at_exit() { _cleanups="$1; $_cleanups"; }
_run_cleanups() {
	local rc=$?
	eval "$_cleanups" >/dev/null 2>&1
	if [ "$T_FAIL" -eq 0 ] && [ -z "${KEEP_WORK:-}" ]; then
		rm -rf "$WORK"
	else
		echo "# work directory kept: $WORK"
	fi
	return $rc
}
trap _run_cleanups EXIT

# wait_for SECONDS command args...: poll every 0.05 s until it succeeds
wait_for() {
	local limit=$1 i=0; shift
	while ! "$@" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -gt $((limit * 20)) ] && return 1
		sleep 0.05
	done
}

# ---- rig ----
rig_pki() {
	mkdir -p "$BUILD/rig"
	# one generator at a time: tests of two build trees may share it
	flock "$BUILD/rig/.pki.lock" "$TOP/tests/rig/pki.sh" "$PKI"
}

# rig_dovecot [EXTRA_CONF] — sets IMAP_PORT, IMAPS_PORT, DOVECOT_DIR
rig_dovecot() {
	rig_pki
	IMAP_PORT=$((PORT_BASE + 1))
	IMAPS_PORT=$((PORT_BASE + 2))
	DOVECOT_DIR=$WORK/dovecot
	# as root, Dovecot's unprivileged processes must reach the directory
	chmod 711 "$WORK"
	"$TOP/tests/rig/dovecot.sh" start "$DOVECOT_DIR" "$IMAP_PORT" \
		"$IMAPS_PORT" "$PKI" "${1:-}" || return 1
	at_exit "'$TOP/tests/rig/dovecot.sh' stop '$DOVECOT_DIR'"
}
dovecot_restart() {
	"$TOP/tests/rig/dovecot.sh" stop "$DOVECOT_DIR"
	"$TOP/tests/rig/dovecot.sh" start "$DOVECOT_DIR" "$IMAP_PORT" \
		"$IMAPS_PORT" "$PKI" "${1:-}"
}

# deliver USER [FOLDER] FILE... — straight into the Maildir (Dovecot sees
# it through inotify, also during IDLE)
deliver() {
	local u=$1 f=$2 md owner i=0 n; shift 2
	case "$f" in ""|INBOX) md=$DOVECOT_DIR/mail/$u/Maildir ;;
		*) md=$DOVECOT_DIR/mail/$u/Maildir/.$f ;; esac
	owner=$(stat -c %u:%g "$DOVECOT_DIR/mail/$u")
	mkdir -p "$md/tmp" "$md/new" "$md/cur"
	for m in "$@"; do
		i=$((i + 1))
		n="${EPOCHREALTIME%.*}.M${EPOCHREALTIME#*.}P$$Q$i.test"
		cp "$m" "$md/tmp/$n"
		[ "$(id -u)" = 0 ] && chown "$owner" "$md/tmp/$n" "$md" "$md/new" "$md/cur" "$md/tmp"
		mv "$md/tmp/$n" "$md/new/$n"
	done
}
# mailbox_count USER [FOLDER] — messages in a folder, from Dovecot itself
mailbox_count() {
	doveadm -c "$DOVECOT_DIR/dovecot.conf" -f flow mailbox status \
		-u "$1" messages "${2:-INBOX}" 2>/dev/null |
		sed -n 's/.*messages=\([0-9]*\).*/\1/p'
}

# rig_smtp [sink options] — sets SMTP_PORT, SMTP_DIR
rig_smtp() {
	rig_pki
	SMTP_PORT=$((PORT_BASE + 3))
	SMTP_DIR=$WORK/smtp
	mkdir -p "$SMTP_DIR"
	$PY "$TOP/tests/rig/smtp_sink.py" --port "$SMTP_PORT" \
		--outdir "$SMTP_DIR" "$@" >"$SMTP_DIR/sink.log" 2>&1 &
	SMTP_PID=$!
	at_exit "kill $SMTP_PID"
	wait_for 10 grep -q '^smtp sink on' "$SMTP_DIR/sink.log"
}
smtp_stop() { kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null; }
# sent_count — messages the sink has accepted
sent_count() { ls "$SMTP_DIR/new" 2>/dev/null | wc -l; }

# ---- complaintd ----
# secret NAME VALUE — a 0600 secret file in $WORK
secret() { (umask 077; printf '%s\n' "$2" > "$WORK/$1"); }

# conf_write [EXTRA] — a configuration in $WORK/complaintd.conf with the
# school's officers and categories; EXTRA (imap/smtp/modem sections...)
# is appended.  The database is $WORK/db.sqlite.
conf_write() {
	cat > "$WORK/complaintd.conf" <<EOF
organisation = { name = "SMK Negeri 1 Contoh"; domain = "smkn1.sch.id"; };
database = "$WORK/db.sqlite";
templates = "$TOP/etc/templates";
language = "id";
timezone = "Asia/Jakarta";
officers = (
  { id = "kepsek"; name = "Dra. Sri Wahyuni"; role = "Kepala Sekolah";
    email = "kepsek@smkn1.sch.id"; },
  { id = "wks-kurikulum"; name = "Budi Santoso"; role = "Wakil Kepala Sekolah Bidang Kurikulum";
    email = "wakasek.kurikulum@smkn1.sch.id"; escalate_to = "kepsek"; },
  { id = "wks-sarpras"; name = "Agus Prasetyo"; role = "Wakil Kepala Sekolah Bidang Sarana dan Prasarana";
    email = "wakasek.sarpras@smkn1.sch.id"; escalate_to = "kepsek"; },
  { id = "wmm"; name = "Rina Kusumawati"; role = "Wakil Manajemen Mutu";
    email = "wmm@smkn1.sch.id"; escalate_to = "kepsek"; }
);
categories = (
  { id = "akademik"; name = "Akademik"; officers = [ "wks-kurikulum" ]; },
  { id = "sarana"; name = "Sarana dan Prasarana"; officers = [ "wks-sarpras" ]; },
  { id = "umum"; name = "Umum"; officers = [ "wmm" ]; }
);
default_category = "umum";
routing = (
  { category = "akademik"; keywords = [ "nilai*", "rapor", "ujian", "guru", "grade", "exam", "teacher" ]; },
  { category = "sarana"; keywords = [ "toilet", "wc", "kipas", "ac", "atap", "bocor", "kursi", "broken" ]; }
);
${1:-}
EOF
	export COMPLAINTD_CONF=$WORK/complaintd.conf
}

# sq "SQL" — one query against the test database, plain output
sq() { sqlite3 -batch -noheader -cmd '.timeout 10000' "$WORK/db.sqlite" "$1"; }

# daemon_start [args] — complaintd in the background, log in $WORK/daemon.log
daemon_start() {
	complaintd -d -c "$WORK/complaintd.conf" "$@" >>"$WORK/daemon.log" 2>&1 &
	DAEMON_PID=$!
	at_exit "kill -9 $DAEMON_PID; pkill -9 -P $DAEMON_PID"
}
# daemon_stop — SIGTERM and wait; sets DAEMON_RC and STOP_SECS
daemon_stop() {
	local t0=$EPOCHREALTIME
	kill -TERM "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID" 2>/dev/null
	DAEMON_RC=$?
	STOP_SECS=$(echo "$EPOCHREALTIME $t0" | awk '{printf "%.1f", $1 - $2}')
}
# worker_pid NAME — the current pid of a worker ("imap:pengaduan"), from
# the supervisor's debug log
worker_pid() {
	local p
	p=$(sed -n "s/.*$1: started as pid \([0-9]*\).*/\1/p" "$WORK/daemon.log" | tail -n 1)
	[ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"
}

# ---- outgoing mail (the SMTP issue) ----
# smtp_start [sink options] — start the sink again on SMTP_PORT and
# SMTP_DIR (after rig_smtp and smtp_stop): a server that comes back
smtp_start() {
	local n
	n=$(grep -c '^smtp sink on' "$SMTP_DIR/sink.log" 2>/dev/null)
	$PY "$TOP/tests/rig/smtp_sink.py" --port "$SMTP_PORT" \
		--outdir "$SMTP_DIR" "$@" >>"$SMTP_DIR/sink.log" 2>&1 &
	SMTP_PID=$!
	at_exit "kill $SMTP_PID"
	wait_for 10 sh -c "[ \$(grep -c '^smtp sink on' '$SMTP_DIR/sink.log') -gt ${n:-0} ]"
}
# mails EXPR — a Python expression over the messages the sink received
# (see tests/rig/mail_inspect.py for what `msgs` holds); prints the result
mails() { $PY "$TOP/tests/rig/mail_inspect.py" "$SMTP_DIR" "$WORK/db.sqlite" "$1"; }
# ingest_mail FILE... — complaintctl ingest each file (quietly)
ingest_mail() {
	local f
	for f in "$@"; do complaintctl ingest --quiet < "$f" || return 1; done
}
# outbox_settled — no email row is queued or being sent any more
outbox_settled() {
	[ "$(sq "SELECT count(*) FROM outbox WHERE channel = 'email' AND status IN ('queued', 'sending')")" = 0 ]
}
# ---- SMS: gammu's dummy driver and the fake AT modem ----
# conf_write_sms [EXTRA] — conf_write, with phone numbers for the officers
# (0812-3456-7001 kepsek ... 7004 wmm; notified on every channel they have)
conf_write_sms() {
	conf_write "${1:-}"
	sed -i -e 's/id = "kepsek";/& phone = "0812-3456-7001";/' \
	    -e 's/id = "wks-kurikulum";/& phone = "0812-3456-7002";/' \
	    -e 's/id = "wks-sarpras";/& phone = "0812-3456-7003";/' \
	    -e 's/id = "wmm";/& phone = "0812-3456-7004";/' "$WORK/complaintd.conf"
}
GAMMU_DIR=$WORK/gammu
SIM=$WORK/sim.json MODEM_LOG=$WORK/modem.log MODEM_FAIL=$WORK/modem.fail
# modem_dummy [MULTIPART_TIMEOUT] — a modems section for the dummy driver,
# its directory is $GAMMU_DIR (what a SIM holds: $GAMMU_DIR/sms/1)
modem_dummy() {
	mkdir -p "$GAMMU_DIR"
	echo "modems = ( { name = \"gsm0\"; device = \"$GAMMU_DIR\"; connection = \"none\"; model = \"dummy\"; poll_interval = 1; multipart_timeout = ${1:-600}; } );"
}
# modem_fake — a modems section for the fake AT modem behind proxyat; the
# SIM is $SIM, what the modem was asked is in $MODEM_LOG, and it fails
# while $MODEM_FAIL exists
modem_fake() {
	echo "modems = ( { name = \"gsm0\"; connection = \"proxyat\"; poll_interval = 1; multipart_timeout = ${1:-600};
  device = \"$PY $TOP/tests/rig/fake_modem.py --state $SIM --log $MODEM_LOG --fail-file $MODEM_FAIL\"; } );"
}
# sms_in ARGS... — an SMS arriving on the dummy modem (tests/rig/sms_inject.py)
sms_in() { $PY "$TOP/tests/rig/sms_inject.py" "$GAMMU_DIR" "$@"; }
# sim_add ARGS... — messages arriving on the fake modem (--add-sms N:TEXT)
sim_add() { $PY "$TOP/tests/rig/fake_modem.py" --state "$SIM" "$@"; }
# on_modem — parts still on the dummy modem's SIM
on_modem() { ls "$GAMMU_DIR/sms/1" 2>/dev/null | grep -c '^[0-9]'; }
# wait_sq SECONDS "SQL" WANT — until the query answers WANT
wait_sq() {
	local i=0
	while [ "$(sq "$2" 2>/dev/null)" != "$3" ]; do
		i=$((i + 1))
		[ "$i" -gt $(($1 * 20)) ] && return 1
		sleep 0.05
	done
}
# sqw "SQL" — a write to the test database while the daemon may hold the
# lock: waits for it (up to 10 s) instead of failing
sqw() { sqlite3 -batch -noheader -cmd '.timeout 10000' "$WORK/db.sqlite" "$1" >/dev/null; }
# ---- IMAP intake (imap_*.sh) ----
# imap_account NAME USER SECRETFILE TLS [KEY=VALUE...] — one entry of the
# imap list: TLS is implicit|starttls|none (the port follows it), the test
# CA is trusted, folders "processed"/"quarantine", poll_interval 1; each
# KEY=VALUE (libconfig syntax, e.g. 'host="127.0.0.2"') adds or replaces
# a setting.
imap_account() {
	local port=$IMAP_PORT kv k out="" seen=" "
	[ "$4" = implicit ] && port=$IMAPS_PORT
	local -a set=("name=\"$1\"" "user=\"$2\"" "password_file=\"$3\""
		"tls=\"$4\"")
	shift 4
	for kv in "$@"; do set+=("$kv"); seen="$seen${kv%%=*} "; done
	for kv in "host=\"127.0.0.1\"" "port=$port" "ca_file=\"$PKI/ca.pem\"" \
		'processed_folder="processed"' 'quarantine_folder="quarantine"' \
		'poll_interval=1'; do
		k=${kv%%=*}
		case "$seen" in *" $k "*) ;; *) set+=("$kv") ;; esac
	done
	for kv in "${set[@]}"; do out="$out $kv;"; done
	printf '{%s }' "$out"
}
# uid_list USER [FOLDER] — the UIDs in a folder, one per line
uid_list() {
	doveadm -c "$DOVECOT_DIR/dovecot.conf" -f flow fetch -u "$1" uid \
		mailbox "${2:-INBOX}" 2>/dev/null | sed -n 's/^uid=//p'
}
# uidvalidity USER [FOLDER]
uidvalidity() {
	doveadm -c "$DOVECOT_DIR/dovecot.conf" -f flow mailbox status \
		-u "$1" uidvalidity "${2:-INBOX}" 2>/dev/null |
		sed -n 's/.*uidvalidity=\([0-9]*\).*/\1/p'
}
# unseen_count USER FOLDER — messages without \Seen in a folder
unseen_count() {
	doveadm -c "$DOVECOT_DIR/dovecot.conf" -f flow search -u "$1" \
		mailbox "$2" unseen 2>/dev/null | wc -l
}
# daemon_kill9 — SIGKILL the supervisor and every worker at once
daemon_kill9() {
	local kids
	kids=$(cat "/proc/$DAEMON_PID/task/$DAEMON_PID/children" 2>/dev/null)
	kill -9 "$DAEMON_PID" $kids 2>/dev/null
	wait "$DAEMON_PID" 2>/dev/null
}
# deliver_generated USER COUNT TAG — COUNT generated complaint mails (2-20
# KB, unique Message-IDs per TAG) delivered straight into USER's INBOX
deliver_generated() {
	local md=$DOVECOT_DIR/mail/$1/Maildir
	$PY "$TOP/tests/bench/gen_mail.py" "$md" "$2" --tag "$3" \
		--seed "${#3}$2" --uid "$(stat -c %u "$md")" --gid "$(stat -c %g "$md")"
}
