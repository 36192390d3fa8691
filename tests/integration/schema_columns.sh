# schema_columns.sh — every column of the schema is used: the migrations
# of src/store_schema.c are run in a scratch database, and each column of
# the resulting tables must be written (INSERT column list, UPDATE ... SET)
# and read (anywhere else in a statement: select list, WHERE, ON, ORDER)
# by the statements of src/store_*.c (after the preprocessor, so macros
# of column lists count) that name its table.  The columns the schema's
# header comment lists as kept for the record need only be written;
# INTEGER PRIMARY KEY ids are written by SQLite.
. "$TOP/tests/integration/lib.sh"

for f in "$TOP"/src/store*.c; do
	gcc -E -P -D_GNU_SOURCE -I"$TOP/include" -I"$TOP/src" \
		$(pkg-config --cflags sqlite3) "$f" >"$WORK/$(basename "$f").i" ||
		nok "$f preprocesses"
done
cat >"$WORK/cols.py" <<'EOF'
import glob, re, sqlite3, sys
src = open(sys.argv[1]).read()
lit = lambda t: ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', t))
body = src[src.index('migrations[] = {'):src.index('#define NMIGRATIONS')]
db = sqlite3.connect(':memory:')
n = 0
for sql, step in re.findall(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*(\w+)\s*\}', body):
    db.executescript(lit(sql))
    n += 1
print('migrations', n)
head = src[:src.index('*/')]
record = set(re.findall(r'\b([a-z_]+\.[a-z_]+)\b', head[head.index('kept for the record'):]))
# "t.a and b": b is t's too
for t, b in re.findall(r'\b([a-z_]+)\.[a-z_]+\s+and\s+([a-z_]+)\b(?!\.)', head):
    record.add(t + '.' + b)
cols = set()
stmts = []
for f in glob.glob(sys.argv[2] + '/store*.c.i'):
    if 'store_schema' in f:
        continue
    for m in re.finditer(r'((?:"(?:[^"\\]|\\.)*"\s*)+)', open(f).read()):
        q = lit(m.group(1))
        if re.search(r'\b(SELECT|INSERT|UPDATE|DELETE)\b', q):
            stmts.append(q)
# triggers write too (counts kept in the same transaction as their rows)
stmts += [r[0] for r in db.execute(
    "SELECT sql FROM sqlite_master WHERE type = 'trigger'")]
tables = [r[0] for r in db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
for t in tables:
    rel = [q for q in stmts if re.search(r'\b' + t + r'\b', q)]
    for r in db.execute('PRAGMA table_info(%s)' % t):
        c, pk = r[1], r[5]
        w = rd = False
        for q in rel:
            if not re.search(r'\b' + c + r'\b', q):
                continue
            ins = re.search(r'INSERT\s+(OR\s+\w+\s+)?INTO\s+' + t + r'\s*\(([^)]*)\)', q)
            if ins and re.search(r'\b' + c + r'\b', ins.group(2)):
                w = True
                q = q.replace(ins.group(0), '')
            for up in re.finditer(r'(UPDATE\s+' + t + r'\s+SET|DO UPDATE SET)\s+(.*?)(\bWHERE\b|$)', q, re.S):
                sets = up.group(2)
                if re.search(r'(^|,)\s*' + c + r'\s*=', sets):
                    w = True
                    q = q.replace(sets, re.sub(r'(^|,)\s*' + c + r'\s*=', r'\1 =', sets))
            if re.search(r'\b' + c + r'\b', q):
                rd = True
        if c == 'id' and pk:
            w = True
        name = t + '.' + c
        cols.add(name)
        if name in record:
            print('record' if w else 'unwritten', name)
        else:
            print('ok' if w and rd else 'unwritten' if not w else 'unread', name)
for name in sorted(record - cols):
    print('missing', name)
EOF
out=$($PY "$WORK/cols.py" "$TOP/src/store_schema.c" "$WORK")
like "$out" "^migrations [0-9]+" "the migrations ran in a scratch database"
like "$(printf '%s\n' "$out" | grep -c '^ok ')" "^[0-9]{3,}$" "... and their columns were found"
printf '%s\n' "$out" | while read -r verdict col; do
	case $verdict in
	ok|record|migrations) ;;
	*) echo "$verdict $col" ;;
	esac
done >"$WORK/bad"
is "$(cat "$WORK/bad")" "" "every column is written and read by store_*.c, or kept for the record"
like "$(printf '%s\n' "$out" | grep -c '^record ')" "^[1-9]" "... the columns kept for the record were read from the schema's comment"

# the check itself: a column no statement uses is found
sed 's/"ALTER TABLE party ADD COLUMN language TEXT;",/"ALTER TABLE party ADD COLUMN language TEXT;"\
	"ALTER TABLE party ADD COLUMN audit_probe TEXT;",/' \
	"$TOP/src/store_schema.c" >"$WORK/schema_probe.c"
like "$($PY "$WORK/cols.py" "$WORK/schema_probe.c" "$WORK")" "unwritten party\\.audit_probe" \
	"a column no statement uses is reported"
done_testing
