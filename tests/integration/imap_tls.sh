# imap_tls.sh — seven accounts at once against one Dovecot: implicit TLS
# and plaintext take mail in side by side while the others fail without
# touching them: a certificate from an untrusted CA and a wrong host name
# are refused before LOGIN (the server never sees the user), a server
# without STARTTLS is refused instead of spoken to in plaintext, a server
# that speaks only TLS 1.0 is refused in the handshake, and a wrong
# password backs off with growing delays, logged with the account and the
# retry time but never the password.
. "$TOP/tests/integration/lib.sh"

MAIL=$TOP/tests/data/mail
rig_dovecot || exit 1
for u in test3 test4 test5; do
	"$TOP/tests/rig/dovecot.sh" adduser "$DOVECOT_DIR" "$u" "$u"
done
secret test.secret test
secret test2.secret test2
secret test3.secret test3
secret test4.secret test4
secret wrong.secret 'Wr0ng-pa55word'

# a server that offers no STARTTLS and would accept any LOGIN
FAKE_PORT=$((PORT_BASE + 5))
cat > "$WORK/fake_imap.py" <<'EOF'
import socket, sys
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen(5)
log = open(sys.argv[2], "a")
print("listening", flush=True)
while True:
    c, _ = srv.accept()
    f = c.makefile("rwb")
    f.write(b"* OK fake server ready\r\n")
    f.flush()
    for line in f:
        log.write(line.decode(errors="replace"))
        log.flush()
        parts = line.split()
        if len(parts) < 2:
            break
        tag, cmd = parts[0], parts[1].upper()
        if cmd == b"CAPABILITY":
            f.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
        else:
            f.write(tag + b" OK fine\r\n")
        f.flush()
    c.close()
EOF
$PY "$WORK/fake_imap.py" "$FAKE_PORT" "$WORK/fake.log" > "$WORK/fake.out" 2>&1 &
at_exit "kill $!"
wait_for 5 grep -q listening "$WORK/fake.out"

# a server that speaks TLS 1.0 only (implicit TLS), logging what it hears
OLD_PORT=$((PORT_BASE + 6))
cat > "$WORK/old_tls.py" <<'EOF'
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.minimum_version = ssl.TLSVersion.TLSv1
ctx.maximum_version = ssl.TLSVersion.TLSv1
ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
ctx.load_cert_chain(sys.argv[3] + "/server.pem", sys.argv[3] + "/server.key")
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen(5)
log = open(sys.argv[2], "a")
print("listening", flush=True)
while True:
    c, _ = srv.accept()
    try:
        t = ctx.wrap_socket(c, server_side=True)
    except (ssl.SSLError, OSError) as e:
        log.write("handshake failed: %s\n" % e)
        log.flush()
        c.close()
        continue
    log.write("handshake done: %s\n" % t.version())
    log.flush()
    f = t.makefile("rwb")
    f.write(b"* OK old server ready\r\n")
    f.flush()
    for line in f:
        log.write(line.decode(errors="replace"))
        log.flush()
        parts = line.split()
        if len(parts) < 2:
            break
        f.write(parts[0] + b" OK fine\r\n")
        f.flush()
    t.close()
EOF
$PY "$WORK/old_tls.py" "$OLD_PORT" "$WORK/old_tls.log" "$PKI" > "$WORK/old_tls.out" 2>&1 &
at_exit "kill $!"
wait_for 5 grep -q listening "$WORK/old_tls.out"

NOTIFY=$WORK/notify.sock
$PY "$TOP/tests/rig/notify_listen.py" "$NOTIFY" > "$WORK/notify.log" 2>&1 &
at_exit "kill $!"
wait_for 5 grep -q listening "$WORK/notify.log"

conf_write "imap = (
  $(imap_account tls test test.secret implicit),
  $(imap_account plain test2 test2.secret none),
  $(imap_account rogue test3 test3.secret implicit "ca_file=\"$PKI/rogue-ca.pem\""),
  $(imap_account wronghost test4 test4.secret starttls 'host="127.0.0.2"'),
  $(imap_account badpw test5 wrong.secret starttls),
  $(imap_account nostarttls test test.secret starttls "port=$FAKE_PORT"),
  $(imap_account oldtls test test.secret implicit "port=$OLD_PORT")
);
smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\"; from = \"pengaduan@smkn1.sch.id\"; };"

deliver test INBOX "$MAIL/01-plain-id.eml" "$MAIL/02-plain-en.eml"
deliver test2 INBOX "$MAIL/06-thunderbird-flowed-latin1.eml" "$MAIL/07-base64-id.eml"
deliver test3 INBOX "$MAIL/09-rfc2047-subject.eml"
deliver test4 INBOX "$MAIL/10-html-only.eml"
NOTIFY_SOCKET=$NOTIFY daemon_start

by() { sq "SELECT count(*) FROM complaint WHERE source = 'imap:$1'"; }
check "implicit TLS with the configured CA: mail is taken in" \
	wait_for 15 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM complaint WHERE source = 'imap:tls'\") = 2 ]"
check "plaintext (tls = \"none\"): mail is taken in at the same time" \
	wait_for 15 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM complaint WHERE source = 'imap:plain'\") = 2 ]"
check "the wrong password is retried after 2 s, then 4 s" \
	wait_for 15 grep -q "imap:badpw: .*LOGIN as test5: .*; retrying in 4 s (at [0-9:]*)" "$WORK/daemon.log"
log=$(cat "$WORK/daemon.log")
like "$log" "imap:badpw: .*LOGIN as test5: .*; retrying in 2 s \\(at [0-9:]{8}\\)" \
	"... the log says which account, what failed and when it retries"
unlike "$log" "Wr0ng-pa55word" "... and never the password"
like "$log" "imap:rogue: 127.0.0.1:$IMAPS_PORT: certificate rejected for \"127.0.0.1\" \\(trusting $PKI/rogue-ca.pem\\): The certificate is NOT trusted.*issuer is unknown.*; not logging in" \
	"a certificate from an untrusted CA is refused"
like "$log" "imap:wronghost: 127.0.0.2:$IMAP_PORT: certificate rejected for \"127.0.0.2\".*name in the certificate does not match" \
	"a certificate for another host name is refused"
like "$log" "imap:nostarttls: 127.0.0.1:$FAKE_PORT: the server does not offer STARTTLS; not logging in without TLS" \
	"a server without STARTTLS is refused"
dlog=$(cat "$DOVECOT_DIR/dovecot.log")
unlike "$dlog" "user=<test3>" "the server never saw the user behind the untrusted certificate"
unlike "$dlog" "user=<test4>" "... nor the one behind the wrong host name"
like "$dlog" "user=<test5>.*auth failed|auth failed.*user=<test5>" "... while the wrong password did reach it"
like "$log" "imap:oldtls: 127.0.0.1:$OLD_PORT: connect \\(implicit TLS\\): the server offers TLS1.0; TLS 1.2 or later is required" \
	"a server that speaks only TLS 1.0 is refused, saying so"
like "$(cat "$WORK/old_tls.log")" "handshake failed" "... in the handshake"
unlike "$(cat "$WORK/old_tls.log")" "LOGIN|handshake done" "... before a word of IMAP (no LOGIN)"
unlike "$(cat "$WORK/fake.log")" "LOGIN" "no LOGIN is sent to the server without STARTTLS"
like "$(cat "$WORK/fake.log")" "CAPABILITY" "... which was asked what it offers"
is "$(mailbox_count test3)" 1 "mail behind the refused certificate stays where it is"
is "$(by rogue)$(by wronghost)$(by badpw)" 000 "... and no case comes from the failing accounts"
is "$(sq "SELECT status FROM source_state WHERE source = 'imap:rogue'")" error \
	"source_state says the account is in error"
like "$(sq "SELECT last_error FROM source_state WHERE source = 'imap:rogue'")" "certificate rejected" \
	"... and why"
is "$(sq "SELECT status FROM source_state WHERE source = 'imap:tls'")" connected \
	"... while the good ones are connected"
check "the supervisor's STATUS counts 2 of 7 accounts connected" \
	wait_for 10 grep -q 'STATUS=2/7 IMAP accounts connected' "$WORK/notify.log"

# the good accounts keep working while the others keep failing
deliver test2 INBOX "$MAIL/23-empty-body.eml"
check "a failing account never stops the others" \
	wait_for 10 sh -c "[ \$(sqlite3 '$WORK/db.sqlite' \"SELECT count(*) FROM complaint WHERE source = 'imap:plain'\") = 3 ]"
daemon_stop
is "$DAEMON_RC" 0 "SIGTERM with accounts backing off: exit 0"
check "... within 10 s (${STOP_SECS} s)" awk "BEGIN { exit !($STOP_SECS < 10) }"

done_testing
