# systemd_unit.sh — the unit made from systemd/complaintd.service.in (as
# `make install` makes it, ExecStart pointed at the built binary) passes
# `systemd-analyze verify` without a word: its warnings (a misspelt key,
# a bad value) exit 0, so any output at all is a failure.
. "$TOP/tests/integration/lib.sh"

make_unit() {
	sed -e "s|@SBINDIR@|$BUILD|g" -e "s|@SYSCONFDIR@|/etc|g" \
		-e "s|@DATADIR@|/usr/local/share/complaintd|g" \
		"$TOP/systemd/complaintd.service.in" > "$1"
}
mkdir -p "$WORK/unit" "$WORK/bad"
make_unit "$WORK/unit/complaintd.service"
out=$(systemd-analyze verify --man=no "$WORK/unit/complaintd.service" 2>&1)
is "$out" "" "systemd-analyze verify says nothing about the unit"
for key in Type=notify WatchdogSec= Restart=on-failure User=complaintd \
	SupplementaryGroups=dialout StateDirectory=complaintd \
	ConfigurationDirectory=complaintd NoNewPrivileges=yes \
	ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
	RestrictAddressFamilies= SystemCallFilter=@system-service \
	'ExecReload=/bin/kill -HUP $MAINPID'; do
	check "the unit has $key" grep -qF -- "$key" "$WORK/unit/complaintd.service"
done

# the check itself: a unit with a mistake does make it talk
make_unit "$WORK/bad/complaintd.service"
sed -i 's/^Type=notify$/Type=notifyy/' "$WORK/bad/complaintd.service"
out=$(systemd-analyze verify --man=no "$WORK/bad/complaintd.service" 2>&1)
like "$out" "notifyy" "... while a misspelt value is reported (so the check works)"

done_testing
