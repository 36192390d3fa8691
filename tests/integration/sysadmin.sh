# sysadmin.sh — what a system administrator meets first, each as it was
# found by following the README:
#  - read-only commands never create a database (a mistyped path), say
#    "no database at PATH" and exit 66; they work for a user who may only
#    read the database (mode 0640, group read), with the daemon stopped
#    (no -wal: opened immutable) and running (its -wal and -shm);
#  - a database that root creates goes to the owner of its directory;
#  - complaintd -t checks that the daemon's user can write the database,
#    its -wal/-shm and its directory (-u USER, access(2) as that user);
#  - complaintctl status says whether the daemon runs (pid, since), and a
#    source's recorded "connected" becomes "stopped" once it does not;
#    a second daemon on the same database is refused.
# Needs root (files of other users; setpriv to become "nobody").
. "$TOP/tests/integration/lib.sh"

# as NAME: run as nobody, group nogroup (and no other group)
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

# ---- read-only commands and a database that is not there ----
conf_write
sed -i "s|^database = .*|database = \"$WORK/typo/db.sqlite\";|" "$WORK/complaintd.conf"
mkdir -p "$WORK/typo"
for cmd in "list" "show KEL-2026-000001" "status" "status --json" \
	"outbox list" "outbox show 1" "quarantine list" "quarantine show 1" \
	"unfiled" "attachment 1 -o $WORK/att"; do
	# shellcheck disable=SC2086
	out=$(complaintctl $cmd 2>&1); rc=$?
	is "$rc" 66 "complaintctl $cmd without a database: exit 66"
	contains "$out" "no database at $WORK/typo/db.sqlite" "... says: no database at PATH"
done
check "... and none was created" test -z "$(ls -A "$WORK/typo")"

# ---- root creates the database: it goes to its directory's owner ----
conf_write
mkdir -p "$WORK/state"
chown nobody:nogroup "$WORK/state"
chmod 711 "$WORK"
sed -i "s|^database = .*|database = \"$WORK/state/db.sqlite\";|" "$WORK/complaintd.conf"
out=$(complaintctl ingest < "$TOP/tests/data/mail/01-plain-id.eml" 2>&1)
is "$?" 0 "complaintctl ingest as root creates the database"
is "$(stat -c %U:%G "$WORK/state/db.sqlite")" nobody:nogroup \
	"... owned by the directory's owner, not root"
contains "$out" "given to the owner of $WORK/state" "... and says so"
check "the daemon's user can use it: -t as that user passes" \
	as_nobody complaintd -t -c "$WORK/complaintd.conf"

# ---- complaintd -t: can the daemon's user write the database? ----
conf_write
D=$WORK/db
mkdir -p "$D"
sed -i "s|^database = .*|database = \"$D/db.sqlite\";|" "$WORK/complaintd.conf"
complaintctl ingest --quiet < "$TOP/tests/data/mail/02-plain-en.eml"
chmod 644 "$D/db.sqlite"
chmod 755 "$D"
out=$(complaintd -t -u nobody -c "$WORK/complaintd.conf" 2>&1); rc=$?
is "$rc" 78 "-t -u nobody, database and directory owned by root: exit 78"
contains "$out" "$D/db.sqlite (owned by root:root, mode 0644): user nobody cannot write it" \
	"... the database: owner, mode, who cannot write it"
contains "$out" "database directory $D (owned by root:root, mode 0755): user nobody cannot create files in it" \
	"... the directory too"
unlike "$out" "configuration OK" "... and no 'configuration OK'"
out=$(as_nobody complaintd -t -c "$WORK/complaintd.conf" 2>&1); rc=$?
is "$rc" 78 "-t run as that user: the same, found with access(2)"
contains "$out" "this user (nobody) cannot write it" "... naming the user"
chown -R nobody:nogroup "$D"
out=$(complaintd -t -u nobody -c "$WORK/complaintd.conf" 2>&1); rc=$?
is "$rc/$out" "0/configuration OK" "after chown to the daemon's user: -t passes"
chmod 700 "$WORK/db"; chown root "$WORK/db"
out=$(complaintd -t -u nobody -c "$WORK/complaintd.conf" 2>&1)
contains "$out" "$D (owned by root:nogroup, mode 0700): user nobody cannot enter it" \
	"a directory on the way the user cannot enter"
chown nobody "$WORK/db"
out=$(complaintd -t -u no-such-user -c "$WORK/complaintd.conf" 2>&1); rc=$?
is "$rc" 78 "-t -u with an unknown user: exit 78"
contains "$out" "there is no user 'no-such-user'" "... saying so"
out=$(complaintd -u nobody -c "$WORK/complaintd.conf" 2>&1); rc=$?
is "$rc" 64 "-u without -t is a usage error"

# ---- a reader who may only read (0640, group nogroup) ----
conf_write_sms "$(modem_dummy)"
R=$WORK/ro
mkdir -p "$R/bin"
cp "$BUILD/complaintctl" "$R/bin/"
cp -r "$TOP/etc/templates" "$R/templates"
sed -i -e "s|^database = .*|database = \"$R/db.sqlite\";|" \
	-e "s|^templates = .*|templates = \"$R/templates\";|" "$WORK/complaintd.conf"
ingest_mail "$TOP/tests/data/mail/01-plain-id.eml" "$TOP/tests/data/mail/02-plain-en.eml"
chgrp nogroup "$R/db.sqlite" "$WORK/complaintd.conf"
chmod 640 "$R/db.sqlite" "$WORK/complaintd.conf"
chmod 750 "$R"; chgrp nogroup "$R"
check "no -wal file while nothing has the database open" test ! -e "$R/db.sqlite-wal"
CTLRO="$R/bin/complaintctl -c $WORK/complaintd.conf"
out=$(as_nobody $CTLRO list 2>&1); rc=$?
is "$rc" 0 "a user with read access only: list works (daemon stopped)"
is "$(printf '%s\n' "$out" | grep -c 'KEL-')" 2 "... and shows both cases"
out=$(as_nobody $CTLRO status 2>&1)
contains "$out" "Daemon: not running" "status: Daemon: not running"
like "$out" "state: +stopped \(the daemon is not running; last recorded: never started\)" \
	"... a source that never ran: stopped"
check "... nothing was written" test ! -e "$R/db.sqlite-wal"
ref=$(sqlite3 "$R/db.sqlite" "SELECT reference FROM complaint LIMIT 1")
out=$(as_nobody $CTLRO resolve "$ref" --message x 2>&1); rc=$?
check "... while a command that writes fails (exit $rc)" test "$rc" -ne 0

# modem_up: the modem worker recorded "connected (signal ...)"
modem_up() {
	wait_for 10 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$R/db.sqlite' \"SELECT status LIKE 'connected%' FROM source_state WHERE source = 'modem:gsm0'\")\" = 1 ]"
}
daemon_start
check "the modem worker reports connected" modem_up
is "$(stat -c %a "$R/db.sqlite-wal")/$(stat -c %a "$R/db.sqlite-shm")" 640/640 \
	"with the daemon running, -wal and -shm take the database's mode"
out=$(as_nobody $CTLRO list 2>&1); rc=$?
is "$rc" 0 "the read-only user: list works while the daemon runs"
is "$(printf '%s\n' "$out" | grep -c 'KEL-')" 2 "... both cases"
out=$(as_nobody $CTLRO status 2>&1)
like "$out" "^Daemon: running since [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}, pid $DAEMON_PID" \
	"status, as that user: Daemon: running since ..., pid N"
like "$out" "state: +connected" "... the modem: connected"
json=$(complaintctl status --json)
like "$json" "\"daemon\":\{\"running\":true,\"pid\":$DAEMON_PID,\"since\":\"[0-9T:Z-]+\"" \
	"status --json: daemon running, its pid and start"
like "$json" "\"status\":\"connected[^\"]*\",\"recorded_status\":\"connected" "... the modem connected"

# ---- one daemon per database ----
out=$(complaintd -c "$WORK/complaintd.conf" 2>&1); rc=$?
is "$rc" 69 "a second daemon on the same database: exit 69"
contains "$out" "another complaintd (pid $DAEMON_PID) is running on $R/db.sqlite" \
	"... naming the one that runs"
check "... the first one runs on" kill -0 "$DAEMON_PID"

daemon_stop
out=$(complaintctl status)
contains "$out" "Daemon: not running" "after stop: Daemon: not running"
like "$out" "state: +stopped \(the daemon is not running" "... the modem: stopped"
json=$(complaintctl status --json)
like "$json" "\"daemon\":\{\"running\":false,\"pid\":null,\"since\":null" \
	"status --json: not running"
daemon_start
check "the daemon again" modem_up
daemon_kill9
out=$(complaintctl status)
contains "$out" "Daemon: not running" "after a kill -9 of the daemon: not running at once"
# (the modem worker, told its parent died, may record 'stopped' itself first)
like "$out" "state: +stopped \(the daemon is not running; last recorded: (connected|stopped)" \
	"... the modem shown as stopped, with what it last recorded"
like "$(complaintctl status --json)" "\"status\":\"stopped\",\"recorded_status\":\"(connected|stopped)" \
	"... in JSON: stopped, and what was recorded"
daemon_start
check "a new daemon starts on the database at once" wait_for 10 \
	sh -c "complaintctl status | grep -q '^Daemon: running'"
daemon_stop
is "$DAEMON_RC" 0 "... and stops cleanly"

# ---- root runs the daemon in the daemon user's directory ----
chown nobody:nogroup "$R"
rm -f "$R"/db.sqlite*
daemon_start
check "the daemon as root creates the database" wait_for 10 test -e "$R/db.sqlite-daemon"
modem_up
is "$(stat -c %U "$R/db.sqlite") $(stat -c %U "$R/db.sqlite-daemon")" "nobody nobody" \
	"... owned by the directory's owner, its lock too"
daemon_stop

done_testing
