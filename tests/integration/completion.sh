# completion.sh — bash completion for complaintctl
# (etc/bash-completion/complaintctl), sourced in bash and driven as bash
# drives it (COMP_WORDS, COMP_CWORD, then the completion function): every
# command of main.c's table, subcommands, each command's options as its
# --help names them, --status values, files, and case references from the
# database (open cases for resolve).
. "$TOP/tests/integration/lib.sh"

conf_write
ingest_mail "$TOP/tests/data/mail/01-plain-id.eml" "$TOP/tests/data/mail/02-plain-en.eml" \
	"$TOP/tests/data/mail/04-outlook-1252.eml"
refs=$(sq "SELECT reference FROM complaint ORDER BY reference" | tr '\n' ' ')
closed=$(sq "SELECT reference FROM complaint ORDER BY id LIMIT 1")
sqw "UPDATE complaint SET status = 'closed', is_open = 0 WHERE reference = '$closed'"
open_refs=$(sq "SELECT reference FROM complaint WHERE status <> 'closed' ORDER BY reference" | tr '\n' ' ')

# comp WORD...: the completions bash offers for the last word, sorted
comp() {
	bash -c '. "$1"; shift
		complete -p complaintctl >/dev/null || exit 9
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_complaintctl
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
		_ "$TOP/etc/bash-completion/complaintctl" complaintctl "$@"
}
out=$(comp "")
for c in $(sed -n 's/^[[:space:]]*{ "\([a-z][a-z-]*\)", cmd_.*/\1/p' "$TOP/src/ctl/main.c"); do
	contains " $out" " $c " "the command '$c' (main.c's table) is completed"
done
is "$(comp sta)" "status " "a prefix: 'sta' -> status"
is "$(comp --v)" "--version " "global options: --v -> --version"
is "$(comp quarantine "")" "discard list reprocess show " "quarantine's subcommands"
is "$(comp outbox "")" "list retry show " "outbox's subcommands"
is "$(comp list --)" "--category --due-before --help --json --limit --officer --overdue --since --status " \
	"list's options, from its --help"
is "$(comp timers "")" "list run " "timers' subcommands"
is "$(comp timers run --)" "--at --help " "timers run: its own option"
is "$(comp archive --)" "--at --dry-run --help --json " "archive's options"
is "$(comp timers run --at "")" " " "--at takes a time: nothing to offer"
is "$(comp quarantine list --)" "--all --help --json " "a subcommand's own options"
is "$(comp list --status "")" "acknowledged closed in_progress merged new open rejected reopened resolved waiting " \
	"list --status: the case statuses"
is "$(comp outbox list --status "")" "dead failed queued sending sent suppressed " \
	"outbox list --status: the outbox statuses"
is "$(comp show "")" "$refs" "show: the references of the cases"
is "$(comp resolve "")" "$open_refs" "resolve: only the open cases"
is "$(comp ask "")" "$open_refs" "ask: only the open cases"
first=$(printf '%s' "$refs" | cut -c1-5)
like "$(comp outbox show "$first")" "^KEL-" "outbox show: references too"
is "$(comp resolve "$closed" --file "")" "- " "--file: standard input only"
is "$(comp -c "$WORK/compl")" "$WORK/complaintd.conf " "-c: file names"
is "$(comp report --format "")" "csv html json text " "report --format: its formats"
is "$(comp export --format "")" "csv " "export --format: csv"
is "$(comp report --period last-)" "last-2-weeks last-month last-quarter last-week last-year " \
	"report --period: the period names"
is "$(comp export --lang "")" "en id " "--lang: id, en"
is "$(comp report --from "")" " " "--from takes a date: nothing to offer"
is "$(comp approve --)" "--as --help --text " "approve's options"
is "$(comp return --)" "--as --comment --help " "return's options"
is "$(comp drafts --)" "--all --help --json " "drafts' options"
is "$(comp approve "")" " " "approve: the waiting drafts (none here)"
# -c FILE is used for the references: another database
cp "$WORK/complaintd.conf" "$WORK/other.conf"
sed -i "s|^database = .*|database = \"$WORK/other.sqlite\";|" "$WORK/other.conf"
COMPLAINTD_CONF=$WORK/other.conf complaintctl ingest --quiet < "$TOP/tests/data/mail/07-base64-id.eml"
is "$(COMPLAINTD_CONF= comp -c "$WORK/other.conf" show "")" \
	"$(sqlite3 "$WORK/other.sqlite" "SELECT reference FROM complaint" | tr '\n' ' ')" \
	"with -c FILE, references come from that configuration's database"
done_testing
