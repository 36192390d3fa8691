# report.sh — complaintctl report and export on a database whose truth
# the test knows: five complaints taken in by complaintctl ingest, then
# given known times in November 2026 (a holiday on the 17th), outcomes,
# a confidential complainant, a merged duplicate and hostile values.
# The JSON's figures are checked against what they must be; the text,
# CSV and HTML formats against the JSON; the HTML in a real headless
# Chromium (driven through the DevTools protocol: the numbers in the
# page are the JSON's, nothing fetched, no console error, a screenshot
# that is not blank, printed to PDF on A4); the export read back with
# Python's csv module (quoting, a BOM, formulas kept as text, the
# confidential complainant hidden, every stored value intact).
. "$TOP/tests/integration/lib.sh"

conf_write "sla = { holidays = [ \"2026-11-17\" ]; };
indicators = { first_response_hours = 4; resolve_days = 2; on_time_percent = 60;
  max_per_month = 10; min_satisfied_percent = 50;
  categories = ( { category = \"sarana\"; max_per_month = 1; } ); };"
complaintd -t -c "$WORK/complaintd.conf" >/dev/null
is "$?" 0 "a configuration with indicators is valid"
M=$TOP/tests/data/mail
ingest_mail "$M/01-plain-id.eml" "$M/02-plain-en.eml" "$M/04-outlook-1252.eml" \
	"$M/06-thunderbird-flowed-latin1.eml" "$M/07-base64-id.eml"
refs=$(sq "SELECT reference FROM complaint ORDER BY id" | tr '\n' ' ')
set -- $refs
A=$1 B=$2 C=$3 D=$4 E=$5
is "$#" 5 "five complaints taken in"

ep() { TZ=Asia/Jakarta date -d "$1" +%s; }
# case REF CATEGORY CHANNEL STATUS RECEIVED RESPONSE RESOLVED CLOSED RDUE SDUE
case_at() {
	local v=() t
	for t in "$5" "$6" "$7" "$8" "$9" "${10}"; do
		if [ -n "$t" ]; then v+=("$(ep "$t")"); else v+=(NULL); fi
	done
	sqw "UPDATE complaint SET category = '$2', channel = '$3', status = '$4',
	  is_open = ('$4' IN ('new', 'acknowledged', 'in_progress', 'waiting', 'reopened')),
	  received_at = ${v[0]}, clock_started_at = ${v[0]}, first_response_at = ${v[1]},
	  resolved_at = ${v[2]}, closed_at = ${v[3]}, response_due_at = ${v[4]},
	  resolve_due_at = ${v[5]}, due_at = NULL, next_action_at = NULL WHERE reference = '$1'"
}
# A: 3 h to the first response, 18 h to the answer (over two nights),
# closed satisfied with a score of 4 of 4
case_at "$A" akademik email closed "2026-11-02 08:00" "2026-11-02 11:00" \
	"2026-11-04 10:00" "2026-11-06 09:00" "2026-11-05 08:00" "2026-11-09 15:00"
sqw "UPDATE complaint SET satisfaction = 'satisfied', feedback_score = 4, feedback_scale = 4 WHERE reference = '$A'"
# B: by SMS, across the holiday: 2 h and 11 h; awaiting feedback
case_at "$B" sarana sms resolved "2026-11-16 14:00" "2026-11-18 08:00" \
	"2026-11-19 09:00" "" "2026-11-20 14:00" "2026-11-24 15:00"
# C: after hours on a Friday, never answered, escalated; hostile values
case_at "$C" umum email acknowledged "2026-11-20 16:00" "" "" "" \
	"2026-11-25 15:00" "2026-11-30 15:00"
HOSTILE_NAME='=HYPERLINK("http://evil.example/x","klik")'
HOSTILE_SUBJECT="=cmd|' /C calc'!A0"
sqw "UPDATE complaint SET escalation_level = 1,
  subject = '$(printf '%s' "$HOSTILE_SUBJECT" | sed "s/'/''/g")',
  summary = 'Toilet rusak, \"parah\"' || char(10) || 'baris kedua, dengan koma 😡 – ga ada air'
  WHERE reference = '$C'"
sqw "UPDATE party SET name = '$(printf '%s' "$HOSTILE_NAME" | sed "s/'/''/g")'
  WHERE id = (SELECT party_id FROM complaint WHERE reference = '$C')"
# D: a duplicate merged into C: not counted
case_at "$D" akademik email merged "2026-11-21 09:00" "" "" "" "" ""
# E: walk-in, confidential: 1 h and 8 h, closed without feedback
case_at "$E" sarana walk-in closed "2026-11-25 08:00" "2026-11-25 09:00" \
	"2026-11-26 08:00" "2026-11-27 09:00" "2026-11-26 08:00" "2026-12-02 15:00"
sqw "UPDATE complaint SET confidential = 1, satisfaction = 'no_answer' WHERE reference = '$E'"
E_WHO=$(sq "SELECT coalesce(p.email, p.phone) FROM complaint c JOIN party p ON p.id = c.party_id WHERE c.reference = '$E'")

# ---- the figures ----
complaintctl report --period 2026-11 --format json -o "$WORK/r.json"
is "$?" 0 "report --period 2026-11 --format json -o FILE"
# jq EXPR: a Python expression over the JSON report r
jr() { $PY -c 'import json, sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/r.json" "$1"; }
is "$(jr 'r["period"]["first_day"], r["period"]["last_day"], r["organisation"]')" \
	"('2026-11-01', '2026-11-30', 'SMK Negeri 1 Contoh')" "the period and the organisation"
is "$(jr 'r["counts"]')" "{'received': 4, 'answered': 3, 'awaiting_feedback': 1, 'closed': 2, 'rejected': 0, 'open': 1, 'overdue': 1, 'escalated': 1, 'reopened': 0, 'merged': 1}" \
	"the counts: 4 received (the merged one left out), 3 answered, 1 open and overdue, 1 escalated"
is "$(jr 'r["by_channel"]')" "{'email': 2, 'sms': 1, 'walk-in': 1}" "received by channel"
is "$(jr 'r["by_category"]')" "{'sarana': 2, 'akademik': 1, 'umum': 1}" "received by category, the most first"
is "$(jr '[r["times"]["first_response"][k] for k in ("cases", "median_seconds", "p90_seconds", "within_standard", "decided")]')" \
	"[3, 7200, 10800, 3, 4]" "first response in working hours: median 2 h (3, 2 across the holiday, 1), P90 3 h, 3 of 4 in time"
is "$(jr '[r["times"]["resolution"][k] for k in ("cases", "median_seconds", "p90_seconds", "within_standard", "decided")]')" \
	"[3, 39600, 64800, 3, 4]" "answer: median 11 h (18, 11, 8), P90 18 h, C late"
is "$(jr '[r["satisfaction"][k] for k in ("satisfied", "dissatisfied", "no_answer", "rate_percent")], r["satisfaction"]["scores"]["mean"]')" \
	"([1, 0, 1, 100.0], 4.0)" "satisfaction: 1 satisfied, 1 no answer, rate 100 %, score 4"
is "$(jr '[(i["name"], i["category"], i["value"], i["met"]) for i in r["indicators"]]')" \
	"[('first_response_hours', None, 75.0, True), ('resolve_days', None, 75.0, True), ('max_per_month', None, 4, True), ('max_per_month', 'sarana', 2, False), ('min_satisfied_percent', None, 100.0, True)]" \
	"the indicators: within 4 working hours 75 %, within 2 working days 75 %, 4 a month, sarana 2 of at most 1 (not met), 100 % satisfied"
is "$(jr 'r["corrective_actions"]["recorded"], r["corrective_actions"]["opened"]')" "(False, 0)" \
	"no corrective action recorded"
is "$(jr '[b["received"] for b in r["trend"]["buckets"]], r["trend"]["unit"]')" "([0, 1, 0, 2, 1, 0], 'week')" \
	"the trend by ISO week"
is "$(jr '[c["reference"] for c in r["cases"]["items"]]')" "['$A', '$B', '$C', '$E']" \
	"the list of cases, oldest first, the merged one left out"
is "$(jr '[(c["complainant"], c["confidential"]) for c in r["cases"]["items"] if c["reference"] == "'$E'"]')" \
	"[(None, True)]" "the confidential complainant is hidden"
unlike "$(cat "$WORK/r.json")" "$E_WHO" "... their address is nowhere in the report"
is "$(complaintctl report --period 2026-11 --format json --category sarana | $PY -c 'import json,sys; print(json.load(sys.stdin)["counts"]["received"])')" 2 \
	"--category: only that category's cases"
is "$(complaintctl report --period 2026-11 --format json --channel sms | $PY -c 'import json,sys; print(json.load(sys.stdin)["counts"]["received"])')" 1 \
	"--channel: only that channel's"
want=$(sq "SELECT count(*) FROM complaint c JOIN assignment a ON a.complaint_id = c.id WHERE a.officer = 'wks-sarpras' AND c.status <> 'merged'")
is "$(complaintctl report --period 2026-11 --format json --officer wks-sarpras | $PY -c 'import json,sys; print(json.load(sys.stdin)["counts"]["received"])')" "$want" \
	"--officer: the cases assigned to that officer ($want)"
is "$(complaintctl report --from 2026-11-16 --to 2026-11-20 --format json | $PY -c 'import json,sys; print(json.load(sys.stdin)["counts"]["received"])')" 2 \
	"--from/--to: the days in between, both included"

# ---- the other formats say the same ----
txt=$(complaintctl report --period 2026-11)
contains "$txt" "Rekapitulasi Hasil Tindak Lanjut Keluhan Pelanggan
SMK Negeri 1 Contoh
Periode: 1-30 November 2026 (2026-11)" "text: the title, the organisation and the period (Indonesian by default)"
like "$txt" "Diterima +4
  Dijawab +3" "text: the counts"
like "$txt" "Tanggapan pertama +3 +2,0 jam +3,0 jam +3/4 \\(75,0 %\\)" "text: the first response times"
like "$txt" "Paling banyak 1 keluhan sebulan, kategori Sarana dan Prasarana
 +2 \\(Nov 2026\\) +Tidak tercapai" "text: an indicator not met"
contains "$txt" "(dirahasiakan)" "text: the confidential complainant hidden"
like "$(complaintctl report --period 2026-11 --lang en)" "Answered +3" "--lang en"
csvr=$(complaintctl report --period 2026-11 --format csv)
contains "$csvr" '"counts","overdue","Melewati batas waktu",1' "csv: one figure a record"
contains "$csvr" '"times","resolution_median_hours","Penyelesaian: Median",11.0' "csv: hours with a decimal point"

# ---- the HTML in a real browser ----
complaintctl report --period 2026-11 --format html -o "$WORK/r.html"
is "$?" 0 "report --format html"
html=$(cat "$WORK/r.html")
unlike "$html" "<script|<link|src=|href=|url\\(|@import" "the page has no script and fetches nothing"
mkdir -p "$WORK/browser"
$PY "$TOP/tests/rig/browser.py" "$WORK/r.html" "$WORK/browser" >"$WORK/browser.json" 2>"$WORK/browser.err"
is "$?" 0 "headless Chromium opened it (DevTools protocol)"
br() { $PY -c 'import json, sys; b = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/browser.json" "$1"; }
is "$(br 'b["requests"], b["console"], b["errors"]')" "([], [], [])" \
	"no network request, no console message, no error"
like "$(br 'b["title"]')" "SMK Negeri 1 Contoh - 1-30 November 2026" "the title names the organisation and the period"
is "$(br 'b["ids"]["organisation"], b["ids"]["period"]')" "('SMK Negeri 1 Contoh', '1-30 November 2026')" \
	"the heading: the organisation and the period"
check "the screenshot is not blank (many colours, much not white)" \
	$PY -c 'import json, sys; p = json.load(open(sys.argv[1]))["png"]; sys.exit(not (p["colours"] > 20 and p["nonwhite"] > 20000 and p["height"] > 1000))' "$WORK/browser.json"
# every number of the page against the JSON
$PY - "$WORK/browser.json" "$WORK/r.json" >"$WORK/compare.out" 2>&1 <<'PY'
import json, sys
page = json.load(open(sys.argv[1]))["ids"]
r = json.load(open(sys.argv[2]))
def num(s):
    return float(s.split()[0].replace(",", "."))
bad = []
def same(key, want):
    got = page.get(key)
    if got is None or abs(num(got) - want) > 0.051:
        bad.append("%s: page %r, json %r" % (key, got, want))
for k, v in r["counts"].items():
    same("count-" + k.replace("_", "-"), v)
for k in ("received", "answered", "open", "overdue", "escalated", "reopened"):
    same("card-" + k, r["counts"][k])
for k, v in r["by_channel"].items():
    same("channel-" + k, v)
for k, v in r["by_category"].items():
    same("category-" + k, v)
for t in ("first_response", "resolution"):
    x = r["times"][t]
    same("time-%s-cases" % t, x["cases"])
    same("time-%s-median" % t, x["median_hours"])
    same("time-%s-p90" % t, x["p90_hours"])
    same("time-%s-within" % t, x["within_percent"])
s = r["satisfaction"]
for k in ("satisfied", "dissatisfied"):
    same("sat-" + k, s[k])
same("sat-no-answer", s["no_answer"])
same("sat-rate", s["rate_percent"])
for i, ind in enumerate(r["indicators"]):
    same("indicator-%d" % i, ind["value"])
print("\n".join(bad) if bad else "same")
PY
is "$(cat "$WORK/compare.out")" "same" "every figure on the page is the JSON's (counts, channels, categories, times, satisfaction, indicators)"
is "$(br 'b["pdf"]["sizes"]')" "[[0, 0, 595, 842]]" "printed to PDF: A4 pages"
check "... at least two of them (the list of cases starts a page)" \
	$PY -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["pdf"]["pages"] < 2)' "$WORK/browser.json"
unlike "$html" "$E_WHO" "the confidential complainant is not in the page"
contains "$html" "=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;klik&quot;)" \
	"a complainant's markup-like name is shown as text"

# ---- the export, read back with Python's csv module ----
complaintctl export --period 2026-11 --bom -o "$WORK/x.csv"
is "$?" 0 "export --period 2026-11 --bom -o FILE"
$PY - "$WORK/x.csv" "$WORK/db.sqlite" "$C" "$E" >"$WORK/csv.out" 2>&1 <<'PY'
import csv, sqlite3, sys
raw = open(sys.argv[1], "rb").read()
out = []
out.append("bom" if raw.startswith(b"\xef\xbb\xbf") else "no bom")
out.append("crlf" if b"\r\n" in raw and raw.count(b"\r\n") >= 6 else "no crlf")
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head, rows = rows[0], rows[1:]
out.append("%d cases, %d columns" % (len(rows), len(head)))
by = {r[0]: dict(zip(head, r)) for r in rows}
db = sqlite3.connect(sys.argv[2])
def safe(v):
    v = v or ""
    return "'" + v if v[:1] in ("\t", "\r") or v.lstrip(" ")[:1] in ("=", "+", "-", "@") else v
bad = []
for ref, subj, summ, name, conf in db.execute(
        "SELECT c.reference, c.subject, c.summary, p.name, c.confidential FROM complaint c"
        " JOIN party p ON p.id = c.party_id"):
    r = by.get(ref)
    if r is None:
        bad.append(ref + " missing"); continue
    if r["Perihal"] != safe(subj): bad.append(ref + " subject %r" % r["Perihal"])
    # a confidential complainant's name is taken out of the texts too
    if conf and any(w in r["Ringkasan"] for w in (name or "").split() if len(w) >= 3): bad.append(ref + " summary names them")
    if not conf and r["Ringkasan"] != safe(summ): bad.append(ref + " summary %r" % r["Ringkasan"])
    if r["Nama pelapor"] != ("" if conf else safe(name)): bad.append(ref + " name %r" % r["Nama pelapor"])
out.append("values intact" if not bad else "; ".join(bad))
c = by[sys.argv[3]]
out.append(c["Nama pelapor"])
out.append(c["Perihal"])
out.append(repr(c["Ringkasan"]))
e = by[sys.argv[4]]
out.append("hidden" if (e["Nama pelapor"], e["Email pelapor"], e["Telepon pelapor"], e["Rahasia"]) == ("", "", "", "1") else "shown")
out.append("%s %s %s" % (e["Jam kerja sampai tanggapan pertama"], e["Jam kerja sampai jawaban"], e["Saluran"]))
print("\n".join(out))
PY
is "$(cat "$WORK/csv.out")" "bom
crlf
5 cases, 27 columns
values intact
'=HYPERLINK(\"http://evil.example/x\",\"klik\")
'=cmd|' /C calc'!A0
'Toilet rusak, \"parah\"\\nbaris kedua, dengan koma 😡 – ga ada air'
hidden
1.00 8.00 Datang langsung" \
	"the CSV reads back: BOM, CRLF, every case (the merged one too), quotes, commas, line breaks, emoji and Indonesian intact, formulas kept as text, the confidential complainant hidden, working hours"
head -c 3 "$WORK/x.csv" | od -An -tx1 | grep -q "ef bb bf"
is "$?" 0 "--bom: the file starts with a byte-order mark"
complaintctl export --from 2026-11-01 --to 2026-11-30 --lang en > "$WORK/y.csv"
is "$(head -c 12 "$WORK/y.csv")" '"Reference",' "without --bom none; --lang en: English headings"

# ---- refused ----
complaintctl report --period next-month >/dev/null 2>&1
is "$?" 64 "an unknown period: exit 64"
out=$(complaintctl report --from 2026-11-01 2>&1)
is "$?/$(printf '%s' "$out" | head -n 1)" "64/complaintctl: give --from and --to together, or --period" \
	"--from without --to: exit 64, saying why"
complaintctl report --format pdf >/dev/null 2>&1
is "$?" 64 "an unknown format: exit 64"
complaintctl export --format xlsx >/dev/null 2>&1
is "$?" 64 "export: csv only"
complaintctl report --period 2026-11 -o /nonexistent/dir/r.txt >/dev/null 2>&1
is "$?" 73 "an output file that cannot be made: exit 73 (EX_CANTCREAT)"

# ---- the corrective-action section counts the records (cpar) ----
# records are made now, so the period is the current month; one for two
# of the period's cases, one for a sarana case, one done
K1=$(complaintctl cpar new "$A" "$B" --nonconformity "Nilai terlambat diinput" --owner wks-kurikulum --due 2026-12-31)
K2=$(complaintctl cpar new "$C" --nonconformity "Toilet bocor" --root-cause "Pipa tua" \
	--corrective "Pipa diganti" --owner wks-sarpras --due 2027-01-31)
complaintctl cpar done "$K2" >/dev/null
complaintctl report --period this-month --format json > "$WORK/k.json"
jk() { $PY -c 'import json, sys; c = json.load(open(sys.argv[1]))["corrective_actions"]; print(eval(sys.argv[2]))' "$WORK/k.json" "$1"; }
is "$(jk '[c[k] for k in ("recorded", "opened", "done", "verified_effective", "not_effective", "overdue", "open")]')" \
	"[True, 2, 1, 0, 0, 0, 2]" "the section counts the records: 2 opened, 1 done, 2 open (one record for two cases counts once)"
cat_of() { sq "SELECT category FROM complaint WHERE reference = '$1'"; }
complaintctl report --period this-month --category "$(cat_of "$C")" --format json > "$WORK/k.json"
is "$(jk 'c["opened"], c["done"]')" "(1, 1)" "... filtered through the category of the linked cases"
complaintctl report --period this-month --format text > "$WORK/k.txt"
check "the text report lists them (not 'none recorded')" grep -q "^ *Dibuka.* 2$" "$WORK/k.txt"

done_testing
