# manuals.sh — the manual pages in man/ are clean under `mandoc -T lint`
# and stay true: every complaintctl command of src/ctl/main.c's table and
# every option its --help names is in complaintctl(1); every setting the
# configuration reader accepts (the conf_*_keys tables) is in
# complaintd.conf(5), in its section's subsection; every option of
# complaintd's usage is in complaintd(8).  Every program answers --help
# (usage on stdout, exit 0) and --version (the Makefile's VERSION).
. "$TOP/tests/integration/lib.sh"

M=$TOP/man
for p in complaintd.8 complaintctl.1 complaintd.conf.5; do
	check "man/$p exists" test -f "$M/$p"
	out=$(mandoc -T lint -W warning "$M/$p" 2>&1); rc=$?
	is "$rc/$out" "0/" "mandoc -T lint: no warning or error in $p"
	# style messages: only the pages that are not installed here
	out=$(mandoc -T lint -W style "$M/$p" 2>&1 |
		grep -v -e 'referenced manual not found' -e 'mandoc.db')
	is "$out" "" "... and no style message in $p"
	out=$(mandoc -T ascii "$M/$p" 2>&1 | col -b)
	like "$out" "^NAME" "$p renders"
done

# --- complaintctl(1): the commands of main.c and their options ---
P1=$M/complaintctl.1
cmds=$(sed -n 's/^[[:space:]]*{ "\([a-z][a-z-]*\)", cmd_.*/\1/p' "$TOP/src/ctl/main.c")
is "$(printf '%s\n' "$cmds" | grep -c .)" "$(grep -c '^[[:space:]]*{ "[a-z-]*", cmd_' "$TOP/src/ctl/main.c")" \
	"every command of main.c's table was read"
for c in $cmds; do
	check "complaintctl(1) describes '$c'" grep -q "^\.It Cm $c\\b" "$P1"
	out=$(complaintctl "$c" --help 2>/dev/null); rc=$?
	is "$rc" 0 "complaintctl $c --help exits 0"
	like "$out" "^usage: complaintctl $c" "... and prints its usage on stdout"
	for o in $(printf '%s\n' "$out" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		check "complaintctl(1) has $c's option $o" grep -q -- "Fl -${o#--}\\b" "$P1"
	done
done
for o in -c -d -h -V --config --help --version; do
	check "complaintctl(1) has the global option $o" grep -q -- "Fl ${o#-}\\b" "$P1"
done

# --- complaintd.conf(5): every key, in its section ---
P5=$M/complaintd.conf.5
# "TABLE KEY" for each entry of the conf_TABLE_keys tables
keys=$(awk '/^static const struct conf_key conf_[a-z]+_keys\[\] = \{/ {
		t = $0; sub(/.*conf_/, "", t); sub(/_keys.*/, "", t); next }
	t != "" && /^\};/ { t = ""; next }
	t != "" && match($0, /^[ \t]*\{ "[a-z_]+"/) {
		k = substr($0, RSTART, RLENGTH); sub(/.*"/, "", k)
		sub(/^[ \t]*\{ "/, "", k); sub(/"$/, "", k)
		s = substr($0, RSTART, RLENGTH); sub(/^[ \t]*\{ "/, "", s); sub(/"$/, "", s)
		print t, s }' "$TOP"/src/conf*.c)
like "$(printf '%s\n' "$keys" | grep -c .)" "^[0-9]{2,}$" "the reader's setting tables were found ($(printf '%s\n' "$keys" | grep -c .) settings)"
# the subsection of each table
section() {
	case $1 in
	root) echo "Top level" ;; org) echo organisation ;; modem) echo modems ;;
	officer) echo officers ;; category) echo categories ;; rule) echo routing ;;
	indcat) echo indicators ;;
	*) echo "$1" ;;
	esac
}
while read -r t k; do
	s=$(section "$t")
	block=$(awk -v s=".Ss $s" '$0 == s { on = 1; next } /^\.S[sh] / { on = 0 } on' "$P5")
	like "$block" "^\.It Ic ([a-z_]+ , )*$k( ,|\$)" "complaintd.conf(5) describes '$k' under '$s'"
done <<KEYS
$keys
KEYS

# --- complaintd(8): the options of its usage ---
P8=$M/complaintd.8
usage=$(complaintd --help)
for o in $(printf '%s\n' "$usage" | sed -n 's/^  \(-[a-zA-Z]\) .*/\1/p'); do
	check "complaintd(8) has option $o" grep -q -- "^\.It Fl ${o#-}\\b" "$P8"
done
for s in SIGHUP SIGTERM; do
	check "complaintd(8) describes $s" grep -q "Dv $s" "$P8"
done

# --- --help and --version on every program ---
version=$(sed -n 's/^VERSION *= *//p' "$TOP/Makefile")
like "$version" "^[0-9]+\.[0-9]+\.[0-9]+$" "the Makefile has a VERSION ($version)"
for prog in complaintd complaintctl complaintd-imap complaintd-dispatch complaintd-modem; do
	out=$("$BUILD/$prog" --help 2>/dev/null); rc=$?
	is "$rc" 0 "$prog --help exits 0"
	like "$out" "^usage: $prog" "... usage on stdout"
	out=$("$BUILD/$prog" --version 2>&1); rc=$?
	is "$rc/$out" "0/$prog $version" "$prog --version: '$prog $version'"
done
out=$(complaintctl -V)
is "$out" "complaintctl $version" "complaintctl -V"
out=$(complaintd-imap --bogus 2>&1 >/dev/null); rc=$?
is "$rc" 64 "a worker program with a bad option: exit 64"

# --- make install puts them where man finds them ---
make -s -C "$TOP" -o all install BUILD="$BUILD" DESTDIR="$WORK/root" PREFIX=/usr/local \
	>"$WORK/install.log" 2>&1
is "$?" 0 "make install DESTDIR=... succeeds"
for p in man8/complaintd.8 man1/complaintctl.1 man5/complaintd.conf.5; do
	check "installed: share/man/$p" test -f "$WORK/root/usr/local/share/man/$p"
done
check "installed: the bash completion" \
	test -f "$WORK/root/usr/local/share/bash-completion/completions/complaintctl"
out=$(MANPATH="$WORK/root/usr/local/share/man" man -w complaintd.conf 2>&1)
is "$out" "$WORK/root/usr/local/share/man/man5/complaintd.conf.5" "man -w complaintd.conf finds it"
make -s -C "$TOP" uninstall BUILD="$BUILD" DESTDIR="$WORK/root" PREFIX=/usr/local >/dev/null 2>&1
check "make uninstall removes the pages" test ! -e "$WORK/root/usr/local/share/man/man8/complaintd.8"
check "... and the completion" \
	test ! -e "$WORK/root/usr/local/share/bash-completion/completions/complaintctl"

done_testing
