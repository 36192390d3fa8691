#!/bin/bash
# A private Dovecot IMAP server on loopback for one test script.
#   dovecot.sh start DIR IMAP_PORT IMAPS_PORT PKI_DIR [EXTRA_CONF]
#   dovecot.sh stop DIR
#   dovecot.sh adduser DIR USER PASSWORD
# Listens on 127.0.0.1 and 127.0.0.2 (the certificate names only the
# first: tests of a wrong host name connect to the second).  Users "test"
# and "test2" (password = name).  EXTRA_CONF is appended to dovecot.conf,
# e.g. 'imap_capability = IMAP4rev1 LITERAL+ UIDPLUS' hides IDLE and MOVE.
# Runs as the invoking user; as root the mail and login processes run as
# unprivileged accounts (imap-login refuses root, passwd-file refuses uid 0).
set -eu
PATH=$PATH:/usr/sbin:/sbin
cmd=${1:?usage}; D=${2:?usage}
case $cmd in
stop)
	[ -f "$D/run/master.pid" ] || exit 0
	pid=$(cat "$D/run/master.pid")
	kill "$pid" 2>/dev/null || exit 0
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
	kill -9 "$pid" 2>/dev/null || true
	exit 0 ;;
adduser)
	u=${3:?user}; pw=${4:?password}
	muid=$(sed -n '1s/^[^:]*:[^:]*:\([0-9]*\):.*/\1/p' "$D/passwd")
	mgid=$(sed -n '1s/^[^:]*:[^:]*:[0-9]*:\([0-9]*\):.*/\1/p' "$D/passwd")
	mkdir -p "$D/mail/$u/Maildir/cur" "$D/mail/$u/Maildir/new" "$D/mail/$u/Maildir/tmp"
	[ "$(id -u)" = 0 ] && chown -R "$muid:$mgid" "$D/mail/$u"
	echo "$u:{PLAIN}$pw:$muid:$mgid::$D/mail/$u::" >> "$D/passwd"
	exit 0 ;;
start) ;;
*) echo "dovecot.sh: unknown command $cmd" >&2; exit 64 ;;
esac
IMAP_PORT=${3:?imap port}; IMAPS_PORT=${4:?imaps port}; PKI=${5:?pki dir}
EXTRA=${6:-}
U=$(id -un); G=$(id -gn)
LU=$U; IU=$U; IG=$G; MU=$(id -u); MG=$(id -g)
if [ "$(id -u)" = 0 ]; then
	LU=nobody; IU=nobody; IG=nogroup; MU=$(id -u nobody); MG=$(id -g nobody)
	getent passwd dovenull >/dev/null && LU=dovenull
	getent passwd dovecot >/dev/null && { IU=dovecot; IG=dovecot; }
fi
mkdir -p "$D/run" "$D/state" "$D/mail"
: > "$D/passwd"
for u in test test2; do
	echo "$u:{PLAIN}$u:$MU:$MG::$D/mail/$u::" >> "$D/passwd"
	mkdir -p "$D/mail/$u/Maildir/cur" "$D/mail/$u/Maildir/new" "$D/mail/$u/Maildir/tmp"
done
[ "$(id -u)" = 0 ] && chown -R "$MU:$MG" "$D/mail"
cat > "$D/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1, 127.0.0.2
base_dir = $D/run
state_dir = $D/state
instance_name = complaintd-test-$IMAP_PORT
log_path = $D/dovecot.log
default_login_user = $LU
default_internal_user = $IU
default_internal_group = $IG
first_valid_uid = 0
first_valid_gid = 0
ssl = yes
ssl_cert = <$PKI/server.pem
ssl_key = <$PKI/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login
login_greeting = Dovecot test ready.
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = $D/passwd
}
userdb {
  driver = passwd-file
  args = $D/passwd
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
protocol imap {
  mail_max_userip_connections = 200
}
service imap-login {
  chroot =
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = $IMAPS_PORT
    ssl = yes
  }
}
service anvil {
  chroot =
}
$EXTRA
CONF
dovecot -c "$D/dovecot.conf"
i=0
until (exec 3<>/dev/tcp/127.0.0.1/$IMAP_PORT && timeout 1 head -n 1 <&3 | grep -q 'ready\.') 2>/dev/null; do
	i=$((i+1))
	if [ $i -gt 100 ]; then
		echo "dovecot did not start" >&2; cat "$D/dovecot.log" >&2; exit 1
	fi
	sleep 0.05
done
