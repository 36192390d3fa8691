#!/bin/sh
# run.sh DIR SECONDS — `make fuzz`: every DIR/fuzz_* target for SECONDS on
# its own corpus DIR/corpus/<name>, seeded from tests/fuzz/seeds/<name>
# and the repository's own samples (mail, the configuration, templates).
# A finding stops the run: the input is written as DIR/crash-* (the
# target's own message says what broke), exit 1.
set -u
DIR=${1:?usage: run.sh DIR SECONDS}
SECS=${2:-10}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
# a leak inside libconfig itself is known (tests/lsan.supp)
export LSAN_OPTIONS="suppressions=$TOP/tests/lsan.supp:print_suppressions=0"
# the MIME target gets whole mails; the others short inputs
maxlen() { case $1 in fuzz_mime) echo 65536 ;; fuzz_conf|fuzz_tmpl) echo 16384 ;; *) echo 4096 ;; esac; }
seed() {
	c=$DIR/corpus/$1
	mkdir -p "$c"
	[ -d "$TOP/tests/fuzz/seeds/$1" ] && cp "$TOP/tests/fuzz/seeds/$1"/* "$c"/ 2>/dev/null
	case $1 in
	fuzz_mime) cp "$TOP"/tests/data/mail/*.eml "$c"/ ;;
	fuzz_conf) cp "$TOP/etc/complaintd.conf" "$c"/complaintd.conf ;;
	fuzz_tmpl) for f in "$TOP"/etc/templates/*/*; do
		cp "$f" "$c/$(basename "$(dirname "$f")").$(basename "$f")"; done ;;
	esac
	true
}
rc=0
for t in "$DIR"/fuzz_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	seed "$n"
	out=$("$t" -max_total_time="$SECS" -max_len="$(maxlen "$n")" \
		-artifact_prefix="$DIR/crash-$n-" "$DIR/corpus/$n" 2>&1)
	r=$?
	runs=$(printf '%s\n' "$out" | sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' | tail -n 1)
	if [ $r -eq 0 ]; then
		printf '%-16s %s, no findings\n' "$n" "${runs:-?}"
	else
		printf '%-16s FINDING (exit %d):\n' "$n" "$r"
		printf '%s\n' "$out" | grep -E 'ERROR|SUMMARY|abort|artifact' | head -8 | sed 's/^/    /'
		rc=1
	fi
done
exit $rc
