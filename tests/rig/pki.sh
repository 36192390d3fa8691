#!/bin/sh
# Test certificates, made once per directory:
#   ca.pem/ca.key         the test CA that signs the servers' certificate
#   server.pem/server.key the servers' certificate: DNS:localhost, IP:127.0.0.1
#                         (not 127.0.0.2: connecting there is a wrong host name)
#   rogue-ca.pem          another CA: trusting only it makes the server's
#                         certificate untrusted
#   pki.sh DIR
set -eu
D=${1:?usage: pki.sh DIR}
mkdir -p "$D"
[ -s "$D/server.pem" ] && [ -s "$D/rogue-ca.pem" ] && exit 0
cd "$D"
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=complaintd test CA" \
	-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
	-keyout ca.key -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key \
	-out server.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
	-days 3650 -extfile server.ext -out server.pem 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=rogue CA" \
	-addext basicConstraints=critical,CA:TRUE \
	-keyout rogue-ca.key -out rogue-ca.pem 2>/dev/null
chmod 644 server.key ca.pem server.pem rogue-ca.pem
rm -f server.csr server.ext ca.srl
