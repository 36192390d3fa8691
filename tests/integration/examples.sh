# examples.sh — the five example configurations of etc/examples/, one per
# procedure, as `make install` ships them (share/doc/complaintd/examples,
# the holidays beside them): each passes `complaintd -t` with only its
# templates, database and secrets made local; each officer has the title
# the procedure gives; nothing left pending, each names who verifies
# corrective actions (the consultancy requires one per case); approval
# configured where the
# procedure asks for it (the consultancy, the health centre); the
# shipped etc/complaintd.conf gives a non-academic complaint that matches
# no keyword to the vice-principal for facilities, not the WMM.
. "$TOP/tests/integration/lib.sh"

EXAMPLES="school university-unit consultancy distributor health-centre"
make -s -C "$TOP" -o all install BUILD="$BUILD" DESTDIR="$WORK/root" PREFIX=/usr/local \
	>"$WORK/install.log" 2>&1
is "$?" 0 "make install DESTDIR=... succeeds"
EX=$WORK/root/usr/local/share/doc/complaintd/examples
check "the calendar is installed beside the examples" test -f "$EX/holidays-2026.conf"

# localise NAME DIR — a copy of DIR/NAME.conf in $WORK/NAME: templates of
# this tree, a database there, its secret files made (0600)
localise() {
	local d=$WORK/$1 s
	mkdir -p "$d"
	cp "$2/holidays-2026.conf" "$d/"
	sed -e "s|^templates = .*|templates = \"$TOP/etc/templates\";|" \
	    -e "s|^database = .*|database = \"$d/db.sqlite\";|" "$2/$1.conf" >"$d/$1.conf"
	for s in $(sed -n -E 's/^[[:space:]]*(password_file|pin_file)[[:space:]]*=[[:space:]]*"([^"]*)".*/\2/p' "$d/$1.conf"); do
		(umask 077; echo secret >"$d/$s")
	done
}

roles() {	# roles FILE — the officers' role lines, one a line
	sed -n -E 's/^[[:space:]]*role = "([^"]*)";.*/\1/p' "$1" | sort | tr '\n' '|'
}

for e in $EXAMPLES; do
	check "$e: installed" test -f "$EX/$e.conf"
	check "$e: the installed copy is the one in etc/examples" \
		cmp -s "$EX/$e.conf" "$TOP/etc/examples/$e.conf"
	localise "$e" "$EX"
	out=$(complaintd -t -c "$WORK/$e/$e.conf" 2>&1); rc=$?
	is "$rc/$out" "0/configuration OK" "$e: complaintd -t passes"
	check "$e: takes the shipped holidays (@include)" \
		grep -q '^[[:space:]]*@include "holidays-2026.conf"' "$EX/$e.conf"
	bad=$(grep -n -E '^[[:space:]]*#[[:space:]]*PENDING' "$EX/$e.conf")
	is "$bad" "" "$e: nothing left pending"
	check "$e: names who verifies corrective actions" \
		grep -q '^[[:space:]]*quality_manager = "' "$EX/$e.conf"
	check "$e: says where the procedure is silent" grep -q -i 'silent' "$EX/$e.conf"
	check "$e: schedules a recap" grep -q 'kind = "recap"' "$EX/$e.conf"
done

check "consultancy: a CPAR for every complaint (both categories)" \
	test "$(grep -c '^[[:space:]]*cpar_required = true;' "$EX/consultancy.conf")" -eq 2

# the procedures' own titles
like "$(roles "$EX/school.conf")" "Kepala Sekolah\\|.*Sekretariat ISO\\|Wakil Kepala Sekolah Bidang Kurikulum\\|Wakil Kepala Sekolah Bidang Sarana dan Prasarana\\|Wakil Manajemen Mutu" \
	"school: principal, ISO secretariat, both vice-principals, WMM"
like "$(roles "$EX/health-centre.conf")" "Kasubbag Tata Usaha\\|Kepala Puskesmas\\|Ketua Tim Penanganan Keluhan Pelanggan" \
	"health centre: Kasubbag TU, Kepala Puskesmas, Ketua Tim"
like "$(roles "$EX/distributor.conf")" "Direktur\\|Manajer Marketing\\|Marketing\\|Penanggung Jawab Teknis" \
	"distributor: Direktur, Manajer Marketing, Marketing, Penanggung Jawab Teknis"
like "$(roles "$EX/consultancy.conf")" "Direktur\\|Konsultan\\|Koordinator Konsultan\\|Koordinator Sales\\|Management Representative \\(MR\\)\\|Sales" \
	"consultancy: Direktur, Koordinator Konsultan, Koordinator Sales, MR, Sales"
like "$(roles "$EX/university-unit.conf")" "Kepala BAPKM\\|Kepala Bagian Administrasi Pembelajaran\\|Kepala Subbagian Pemantauan dan Evaluasi Pembelajaran\\|Kepala Subbagian Registrasi dan Data" \
	"university unit: Kepala BAPKM, Kabag, both subbagian"
# the channels each procedure names
check "health centre and distributor take SMS" \
	grep -q '^modems = (' "$EX/health-centre.conf" "$EX/distributor.conf"
for e in health-centre distributor; do
	check "$e: a modem" grep -q '^modems = (' "$EX/$e.conf"
done
for e in school university-unit consultancy; do
	check "$e: an IMAP mailbox" grep -q '^imap = (' "$EX/$e.conf"
done

# approval where the procedure asks for it (consultancy step 12, health
# centre 6.i), nowhere else
for e in consultancy health-centre; do
	check "$e: answers wait for approval" grep -q '^approval = {' "$EX/$e.conf"
done
for e in school university-unit distributor; do
	check "$e: no approval (its procedure approves no answer)" sh -c "! grep -q '^approval = {' '$EX/$e.conf'"
done
like "$(sed -n '/^approval = {/,/^};/p' "$EX/consultancy.conf")" 'approvers = \[ "direktur" \]' "consultancy: the Direktur approves the jawaban claim"
like "$(sed -n '/^approval = {/,/^};/p' "$EX/health-centre.conf")" 'approvers = \[ "kapus" \]' "health centre: the Kepala Puskesmas approves"

# who takes what: complaintctl officers reads the configuration
of() {
	complaintctl -c "$WORK/$1/$1.conf" officers --json | $PY -c 'import json, sys
for o in json.load(sys.stdin):
    if o["id"] == sys.argv[1]:
        print(o["categories"], "(coordinator)" if o["coordinator"] else "")' "$2"
}
like "$(of school wks-sarpras)" "non-akademik" "school: non-academic complaints are the vice-principal for facilities'"
is "$(sed -n 's/^default_category = "\(.*\)";/\1/p' "$EX/school.conf")" non-akademik \
	"school: what matches no keyword is non-academic"
like "$(of school wmm)" "\\(coordinator\\)" "school: the WMM watches every case (coordinator)"
like "$(of consultancy koord-sales)" "\\(coordinator\\)" "consultancy: every complaint reaches the Koordinator Sales"
like "$(of health-centre kasubbag-tu)" "^pelayanan,obat,sarana,umum " \
	"health centre: the Kasubbag TU is on every category"

# the shipped example (the school's): umum is non-academic, so facilities
localise complaintd "$TOP/etc"
of2() { WORK=$WORK of complaintd "$1"; }
like "$(of2 wks-sarpras)" "umum" \
	"etc/complaintd.conf: a complaint matching no keyword goes to the vice-principal for facilities"
unlike "$(of2 wmm)" "umum" \
	"... not to the WMM"

make -s -C "$TOP" uninstall BUILD="$BUILD" DESTDIR="$WORK/root" PREFIX=/usr/local >/dev/null 2>&1
check "make uninstall removes the examples" test ! -e "$EX"
done_testing
