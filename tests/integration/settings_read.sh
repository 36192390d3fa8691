# settings_read.sh — every setting the configuration reader accepts is
# read by the program: for each field of include/conf.h that a conf_*_keys
# table of src/conf_load.c fills (every OFF(struct, field) of the entry),
# a copy of include/ is made with that one field renamed, and the sources
# outside the reader (src/conf.c, src/conf_load.c) that name it are
# compiled against the copy: one must fail, i.e. refer to that very field
# of that struct (the compiler decides, not a text match).  A field only
# src/conf.c reads counts when it is read in a function of conf.c that a
# source outside the reader calls (conf_free() does not count).  A setting the reader folds into
# another field is listed in FOLDED below and that field is checked.
. "$TOP/tests/integration/lib.sh"

SRCS=$(ls "$TOP"/src/*.c "$TOP"/src/ctl/*.c "$TOP"/src/bin/*.c |
	grep -v -e '/src/conf\.c$' -e '/src/conf_load\.c$')
PKGS=$(sed -n 's/^PKGS *= *//p' "$TOP/Makefile")
CFL="-std=c11 -D_GNU_SOURCE -DDATADIR=\"x\" -DVERSION=\"x\" -DLIBEXECDIR=\"x\"
	-DSYSCONFDIR=\"x\" $(pkg-config --cflags $PKGS)"

# "TABLE KEY STRUCT FIELD" for every OFF() of every entry of every table
entries=$(awk '/^static const struct conf_key conf_[a-z]+_keys\[\] = \{/ {
		t = $0; sub(/.*conf_/, "", t); sub(/_keys.*/, "", t); e = ""; next }
	t != "" && /^\};/ { t = ""; next }
	t == "" { next }
	/^[ \t]*\{ "/ { e = $0 } !/^[ \t]*\{ "/ && e != "" { e = e " " $0 }
	e != "" && /\},[ \t]*$/ {
		k = e; sub(/^[ \t]*\{ "/, "", k); sub(/".*/, "", k)
		r = e
		while (match(r, /OFF\([a-z_]+, [a-z_.]+\)/)) {
			o = substr(r, RSTART + 4, RLENGTH - 5); r = substr(r, RSTART + RLENGTH)
			split(o, p, ", "); print t, k, p[1], p[2]
		}
		e = "" }' "$TOP/src/conf_load.c")
n=$(printf '%s\n' "$entries" | grep -c .)
like "$n" "^[0-9]{3,}$" "the reader's tables name $n fields"
is "$(printf '%s\n' "$entries" | awk '{ print $1, $2 }' | sort -u | grep -c .)" \
	"$(grep -E '^[[:space:]]*\{ "[a-z_]+", K_[A-Z]+,' "$TOP/src/conf_load.c" |
		grep -cv -e K_GROUP -e K_LIST)" \
	"... every setting that is not a group or list"

# Settings the reader keeps in another field: "STRUCT FIELD -> STRUCT FIELD"
# and the line of conf_load.c that does it.
FOLDED='conf_imap address conf own_addresses conf_own_add(c, c->imap[i].address);'

# conf_sched_in is the reader's own: its words become conf_schedule's fields
target() {
	case "$1 $2" in
	"conf_sched_in s."*) echo "conf_schedule ${2#s.}" ;;
	"conf_sched_in kind") echo "conf_schedule kind" ;;
	"conf_sched_in every") echo "conf_schedule unit"; echo "conf_schedule every" ;;
	"conf_sched_in weekday") echo "conf_schedule weekday" ;;
	"conf_sched_in at") echo "conf_schedule at" ;;
	*) echo "$1 $2" ;;
	esac
}

# rename STRUCT FIELD: include/ copied to $WORK/inc with the field renamed
rename() {
	rm -rf "$WORK/inc"; cp -r "$TOP/include" "$WORK/inc"
	awk -v s="struct $1 {" -v f="$2" '
		$0 == s { on = 1 } on && /^};/ { on = 0 }
		on && match($0, "[ \t*]" f ";") {
			$0 = substr($0, 1, RSTART) f "__unread;" substr($0, RSTART + RLENGTH)
			hit = 1 }
		{ print } END { exit !hit }' "$TOP/include/conf.h" >"$WORK/inc/conf.h"
}
# the first source outside the reader that fails to compile without the
# field, or the function of conf.c (called from outside) that reads it
reader() {
	local f file fn
	for file in $(grep -lw -- "$2" $SRCS); do
		if ! gcc $CFL -I"$WORK/inc" -I"$(dirname "$file")" -fsyntax-only \
		    "$file" >/dev/null 2>&1; then
			echo "${file#$TOP/}"; return 0
		fi
	done
	for fn in $(gcc $CFL -I"$WORK/inc" -fsyntax-only "$TOP/src/conf.c" 2>&1 |
	    sed -n "s/.*In function .\([a-z_]*\).*/\1/p" | sort -u |
	    grep -vx -e conf_free); do
		f=$(grep -lw -- "$fn" $SRCS | head -1)
		[ -n "$f" ] && { echo "src/conf.c:$fn (called in ${f#$TOP/})"; return 0; }
	done
	return 1
}

base=$(for f in $SRCS; do gcc $CFL -I"$TOP/include" -I"$(dirname "$f")" \
	-fsyntax-only "$f" 2>&1 | grep -m1 error; done)
is "$base" "" "every source compiles against the unchanged headers"

printf '%s\n' "$entries" | while read -r t k st fl; do
	target "$st" "$fl"
done | sort -u >"$WORK/fields"
while read -r st fl; do
	fold=$(printf '%s\n' "$FOLDED" | awk -v s="$st" -v f="$fl" '$1 == s && $2 == f')
	if [ -n "$fold" ]; then
		set -- $fold
		line=${fold#* * * * }
		check "$st.$fl is folded into $3.$4 by conf_load.c" \
			grep -qF -- "$line" "$TOP/src/conf_load.c"
		st=$3 fl=$4
	fi
	if ! rename "$st" "$fl"; then
		nok "$st.$fl: no such field in include/conf.h"; continue
	fi
	where=$(reader "$st" "$fl")
	if [ -n "$where" ]; then
		ok "$st.$fl is read: $where"
	else
		nok "$st.$fl is read nowhere outside the configuration reader"
	fi
done <"$WORK/fields"

# the test itself: a field nothing reads is found
rename conf_sla catch_up_days
SRCS=$(printf '%s\n' $SRCS | grep -v -e '/src/timers\.c$')
check "a field whose only reader is left out is reported unread" \
	sh -c '! test -n "$1"' _ "$(reader conf_sla catch_up_days)"

done_testing
