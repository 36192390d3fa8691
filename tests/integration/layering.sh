#!/bin/sh
# layering.sh — each library stays behind its one module: which files
# include the library's headers, and that the decision modules and their
# unit tests depend on the configuration model alone (conf.h), not on its
# reader (conf_load.h, libconfig); the modem worker links no mail parser.  Reads the sources and the built test
# programs; starts nothing.  TAP output.
# Needs TOP (the repository) and BUILD (the build directory), as exported
# by tests/run.
set -u
: "${TOP:?}" "${BUILD:?}"
n=0 failed=0

result() {	# result STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# behind HEADER_REGEX FILES_REGEX LIBRARY FILES: only those files include it
behind() {
	bad=$(cd "$TOP" && grep -rlE "^#include[[:space:]]*<$1" src include |
		grep -vE "^($2)\$")
	[ -z "$bad" ]
	result $? "$3 only in $4"
	[ -z "$bad" ] || echo "$bad" | sed 's/^/#   also in: /'
}

behind 'libconfig\.h>' 'src/conf_load\.c' libconfig conf_load.c
behind 'sqlite3\.h>' 'src/store[a-z_]*\.[ch]' sqlite 'store*.c'
behind 'libetpan/' 'src/imap\.c|src/mime\.c' libetpan 'imap.c, mime.c'
behind 'gammu' 'src/sms\.c' gammu sms.c
behind 'curl/' 'src/smtp\.c' libcurl smtp.c
behind 'gnutls/' 'src/imap\.c' GnuTLS imap.c
behind 'nettle/' 'src/sha256\.c' nettle sha256.c
behind 'systemd/' 'NONE' libsystemd 'no file (notify.c speaks the protocol)'
behind 'zlib\.h>' 'src/zpack\.c' zlib zpack.c

# the decision modules, their headers and their tests: the model only...
pure="intake route outbox tmpl mailout smstext text mime ref phone authz labels entry approval cpardef cparform"
bad=
for m in $pure; do
	for f in "src/$m.c" "include/$m.h" "tests/unit/test_$m.c"; do
		[ -f "$TOP/$f" ] && grep -q '#include "conf_load.h"' "$TOP/$f" &&
			bad="$bad $f"
	done
done
grep -q '#include "conf_load.h"' "$TOP/tests/unit/testconf.h" &&
	bad="$bad tests/unit/testconf.h"
[ -z "$bad" ]
result $? "the decision modules and their tests do not include conf_load.h"
[ -z "$bad" ] || echo "#   included by:$bad"

# ... and so their test programs do not load libconfig (--as-needed)
bad= seen=0
for m in $pure; do
	t=$BUILD/tests/test_$m
	[ -x "$t" ] || continue
	seen=$((seen + 1))
	readelf -d "$t" | grep -q 'NEEDED.*libconfig' && bad="$bad test_$m"
done
[ -z "$bad" ] && [ "$seen" -ge 5 ]
result $? "the decision modules' $seen test programs do not load libconfig"
[ -z "$bad" ] || echo "#   loaded by:$bad"
readelf -d "$BUILD/tests/test_conf" | grep -q 'NEEDED.*libconfig'
result $? "test_conf does (so the check above can see it)"

# no program loads libsystemd (and the libraries it loads)
bad=
for p in complaintd complaintctl complaintd-imap complaintd-dispatch \
    complaintd-modem; do
	readelf -d "$BUILD/$p" | grep -q 'NEEDED.*libsystemd' && bad="$bad $p"
done
[ -z "$bad" ]
result $? "no program loads libsystemd"
[ -z "$bad" ] || echo "#   loaded by:$bad"

# the modem worker takes in SMS only: it links no mail parser (libetpan),
# the other programs that parse mail do (so the check can see it)
readelf -d "$BUILD/complaintd-modem" | grep -q 'NEEDED.*libetpan'
result $((! $?)) "complaintd-modem does not load libetpan"
readelf -d "$BUILD/complaintd-imap" | grep -q 'NEEDED.*libetpan'
result $? "complaintd-imap does (so the check above can see it)"
bad=$(cd "$TOP" && grep -l '#include "mime.h"' src/pipeline.c \
	src/pipeline_sms.c src/casework*.c 2>/dev/null)
[ -z "$bad" ]
result $? "the channel-neutral pipeline and casework do not include mime.h"
[ -z "$bad" ] || echo "#   included by: $bad"

echo "1..$n"
[ "$failed" -eq 0 ]
