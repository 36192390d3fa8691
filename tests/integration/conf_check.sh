#!/bin/sh
# conf_check.sh — "complaintd -t -c FILE" on the shipped example
# configuration and on broken copies of it: the exit status (0 or 78) and
# the exact "FILE:LINE: message" lines on stderr.  TAP output.
# Needs TOP (the repository) and BUILD (the build directory), as exported
# by tests/run.
set -u
: "${TOP:?}" "${BUILD:?}"
BIN=$BUILD/complaintd
T=$(mktemp -d "${TMPDIR:-/tmp}/conf_check.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
n=0

result() {	# result STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}

same() {	# same EXPECTED_FILE GOT_FILE DESCRIPTION
	if cmp -s "$1" "$2"; then
		result 0 "$3"
	else
		result 1 "$3"
		diff "$1" "$2" | sed 's/^/#   /'
	fi
}

run() {		# run ARGS...: status in $rc, output in $T/out and $T/err
	"$BIN" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# line number of the first line matching a pattern (grep -E)
lineof() {
	grep -n -E "$1" "$2" | head -n 1 | cut -d: -f1
}

# --- the example, as a site would install it ---
C=$T/complaintd.conf
sed "s|^templates = .*|templates = \"$TOP/etc/templates\";|" \
	"$TOP/etc/complaintd.conf" >"$C"
grep -q "^templates = \"$TOP/etc/templates\";" "$C"
result $? "templates line rewritten"
# the holidays it pulls in with @include, next to it
cp "$TOP/etc/holidays-2026.conf" "$T/"
grep -q '^[[:space:]]*@include "holidays-2026.conf"' "$C"
result $? "the example takes its holidays from holidays-2026.conf"
secrets=$(sed -n -E 's/^[[:space:]]*(password_file|pin_file)[[:space:]]*=[[:space:]]*"([^"]*)".*/\2/p' "$C")
[ -n "$secrets" ]
result $? "the example names secret files"
for s in $secrets; do
	(umask 077 && echo "secret-for-test" >"$T/$s")
done

run -t -c "$C"
result $((rc != 0)) "example config: exit 0 (got $rc)"
printf 'configuration OK\n' >"$T/want"
same "$T/want" "$T/out" "example config: 'configuration OK' on stdout"
: >"$T/want"
same "$T/want" "$T/err" "example config: nothing on stderr"

# --- a broken copy: several mistakes, all reported, in file order ---
B=$T/broken.conf
l_group=$(awk '/^imap = \(/ { f = 1 } f && /\{/ { print NR; exit }' "$C")
l_port=$(lineof '^[[:space:]]*port = 993;' "$C")
l_pass=$(lineof '^[[:space:]]*password_file = "imap-' "$C")
l_esc=$(lineof '^[[:space:]]*escalate_to = "kepsek";' "$C")
l_hours=$(lineof '^[[:space:]]*hours = ' "$C")
l_alert=$(lineof '^alerts = ' "$C")
sed -e "${l_alert}s/\"kepsek\"/\"kepsk\"/" -e "${l_port}s/port = 993;/port = \"993\";/" \
	-e "${l_pass}s/password_file/pasword_file/" \
	-e "${l_esc}s/\"kepsek\"/\"kepsk\"/" \
	-e "${l_hours}s/\"07:00-15:00\"/\"15:00-07:00\"/" "$C" >"$B"
run -t -c "$B"
result $((rc != 78)) "broken config: exit 78 (got $rc)"
cat >"$T/want" <<END
$B:$l_group: missing required setting 'password_file' in 'imap'
$B:$l_port: 'port' must be an integer
$B:$l_pass: unknown setting 'pasword_file' in 'imap' (did you mean 'password_file'?)
$B:$l_esc: 'escalate_to' names officer 'kepsk', which is not defined (did you mean 'kepsek'?)
$B:$l_hours: 'hours': the working day must start before it ends ("15:00-07:00")
$B:$l_alert: 'to' names officer 'kepsk', which is not defined (did you mean 'kepsek'?)
END
same "$T/want" "$T/err" "broken config: every problem as FILE:LINE: message"
[ ! -s "$T/out" ]
result $? "broken config: nothing on stdout"

# --- an impossible holiday in the included file: that file, that line ---
H=$T/holidays-2026.conf
cp "$H" "$T/holidays.orig"
l_nyepi=$(lineof '"2026-03-19"' "$H")
l_natal=$(lineof '"2026-12-24"' "$H")
sed -i -e "${l_nyepi}s/2026-03-19/2026-02-30/" \
	-e "${l_natal}s/2026-12-24/2026-12-32/" "$H"
run -t -c "$C"
result $((rc != 78)) "bad holidays: exit 78 (got $rc)"
cat >"$T/want" <<END
$H:$l_nyepi: 'holidays': "2026-02-30" is not a date: February 2026 has 28 days
$H:$l_natal: 'holidays': "2026-12-32" is not a date: December 2026 has 31 days
END
same "$T/want" "$T/err" "bad holidays: the included file and each date's line"
mv "$T/holidays.orig" "$H"

# --- a syntax error ---
l_name=$(lineof '^[[:space:]]*name = "SMK Negeri' "$C")
sed "${l_name}s/;\$//; ${l_name}s/\"SMK/SMK/" "$C" >"$B"
run -t -c "$B"
result $((rc != 78)) "syntax error: exit 78 (got $rc)"
printf '%s:%s: syntax error\n' "$B" "$l_name" >"$T/want"
same "$T/want" "$T/err" "syntax error: libconfig's line"

# --- a secret readable by others ---
chmod 644 "$T/smtp.secret"
l_smtp=$(lineof '^[[:space:]]*password_file = "smtp.secret"' "$C")
run -t -c "$C"
result $((rc != 78)) "secret 0644: exit 78 (got $rc)"
printf "%s:%s: 'password_file': %s is accessible by group or others (mode 0644): run chmod 600 %s\n" \
	"$C" "$l_smtp" "$T/smtp.secret" "$T/smtp.secret" >"$T/want"
same "$T/want" "$T/err" "secret 0644: refused with the chmod hint"
chmod 600 "$T/smtp.secret"

# --- a missing secret ---
rm -f "$T/sim-gsm0.pin"
l_pin=$(lineof '^[[:space:]]*pin_file = ' "$C")
run -t -c "$C"
result $((rc != 78)) "missing PIN file: exit 78 (got $rc)"
printf "%s:%s: 'pin_file': cannot open %s: No such file or directory\n" \
	"$C" "$l_pin" "$T/sim-gsm0.pin" >"$T/want"
same "$T/want" "$T/err" "missing PIN file: named with its line"
(umask 077 && echo 1234 >"$T/sim-gsm0.pin")

# --- tls = "none" to a remote IMAP server: the password in plain text ---
N=$T/tls.conf
l_tls=$(lineof '^[[:space:]]*tls = "implicit";' "$C")
sed "${l_tls}s/\"implicit\"/\"none\"/" "$C" >"$N"
run -t -c "$N"
result $((rc != 78)) "IMAP tls none to a remote host: exit 78 (got $rc)"
printf '%s:%s: '"'"'tls'"'"' = "none" with host "mail.smkn1.sch.id": the password would cross the network in plain text; "none" is only for a server on this machine (localhost, 127.0.0.1, ::1)\n' \
	"$N" "$l_tls" >"$T/want"
same "$T/want" "$T/err" "IMAP tls none to a remote host: refused with its line"
sed -e "${l_tls}s/\"implicit\"/\"none\"/" \
	-e 's/host = "mail.smkn1.sch.id";/host = "127.0.0.1";/' "$C" >"$N"
run -t -c "$N"
result $((rc != 0)) "IMAP tls none to 127.0.0.1: accepted (got $rc)"

# --- a FIFO named as the password file: refused at once, never waited on ---
mv "$T/smtp.secret" "$T/smtp.secret.real"
mkfifo "$T/smtp.secret"
timeout 10 "$BIN" -t -c "$C" >"$T/out" 2>"$T/err"
rc=$?
result $((rc != 78)) "a FIFO as password_file: exit 78, no hang (got $rc)"
printf "%s:%s: 'password_file': %s is not a regular file\n" \
	"$C" "$l_smtp" "$T/smtp.secret" >"$T/want"
same "$T/want" "$T/err" "a FIFO as password_file: not a regular file"
rm -f "$T/smtp.secret"
mv "$T/smtp.secret.real" "$T/smtp.secret"

# --- no such configuration file ---
run -t -c "$T/absent.conf"
result $((rc != 78)) "missing -c file: exit 78 (got $rc)"
printf '%s: cannot read the configuration file: No such file or directory\n' \
	"$T/absent.conf" >"$T/want"
same "$T/want" "$T/err" "missing -c file: a clear message"

# --- the command line ---
run -x
result $((rc != 64)) "unknown option: exit 64 (got $rc)"
grep -q '^usage: complaintd' "$T/err"
result $? "unknown option: usage on stderr"
run -h
result $((rc != 0)) "-h: exit 0 (got $rc)"
grep -q '^usage: complaintd' "$T/out"
result $? "-h: usage on stdout"
run -c "$B"
result $((rc != 78)) "without -t, bad config: exit 78 (got $rc)"
grep -q "^complaintd: $B:$l_name: syntax error\$" "$T/err"
result $? "without -t, not to the journal: problems logged plain"
run -s -c "$B"
grep -q "^<3>complaintd: $B:$l_name: syntax error\$" "$T/err"
result $? "-s: problems logged with a priority prefix"
COMPLAINTD_LOG_PREFIX=1 "$BIN" -c "$B" 2>"$T/err"
grep -q "^<3>complaintd: $B:$l_name: syntax error\$" "$T/err"
result $? "COMPLAINTD_LOG_PREFIX=1: the same"
# systemd names the journal's stream in JOURNAL_STREAM (device:inode)
: >"$T/journal"
JOURNAL_STREAM=$(stat -c %d:%i "$T/journal") "$BIN" -c "$B" 2>>"$T/journal"
grep -q "^<3>complaintd: $B:$l_name: syntax error\$" "$T/journal"
result $? "stderr is the journal (JOURNAL_STREAM): priority prefixes"
JOURNAL_STREAM=$(stat -c %d:%i "$T/journal") "$BIN" -c "$B" 2>"$T/err"
grep -q "^complaintd: $B:$l_name: syntax error\$" "$T/err"
result $? "JOURNAL_STREAM naming another file (inherited): plain"

echo "1..$n"
