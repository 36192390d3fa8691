# install_deps.sh — tests/install-deps (make deps / make test-deps) with
# apt-get, dpkg, systemctl and the init scripts replaced by fakes that
# record what they were asked: no service of a package it installed is
# left enabled or running, a policy-rc.d keeps them from starting during
# the installation, and what was installed before is left alone.  Also:
# `make deps` (a production host) asks for no test server.
. "$TOP/tests/integration/lib.sh"

F=$WORK/fake
mkdir -p "$F/bin" "$F/init.d" "$F/systemd-run"
printf 'old-svc\n' > "$F/status"
# dpkg-query -W -f=FORMAT [PKG]: the fake status database
cat > "$F/bin/dpkg-query" <<'SH'
#!/bin/sh
pkg=${3:-}
if [ -n "$pkg" ]; then
	grep -qx "$pkg" "$FAKE/status" && echo "install ok installed"
	exit 0
fi
sed 's/^/ii /' "$FAKE/status"
SH
# dpkg -L PKG: the files of the fake packages
cat > "$F/bin/dpkg" <<'SH'
#!/bin/sh
case $2 in
fake-core) printf '%s\n' /lib/systemd/system/fakesvc.service \
	/lib/systemd/system/fakesvc.socket /lib/systemd/system/fakesvc@.service \
	/usr/lib/systemd/system/fakeother.service /etc/init.d/fakesvc \
	/usr/share/doc/fake-core ;;
old-svc) printf '%s\n' /lib/systemd/system/oldsvc.service /etc/init.d/oldsvc ;;
esac
SH
# apt-get install PKGS: notes whether a policy-rc.d forbade starting
# services, "installs" the packages and a dependency (fake-core)
cat > "$F/bin/apt-get" <<'SH'
#!/bin/sh
echo "apt-get $*" >> "$FAKE/calls"
[ "$1" = update ] && exit 0
if [ -x "$DEPS_POLICY_RC_D" ]; then "$DEPS_POLICY_RC_D" dovecot start; echo "policy $?" >> "$FAKE/calls"; fi
for a; do case $a in -*|install) ;; *) echo "$a" >> "$FAKE/status" ;; esac; done
echo fake-core >> "$FAKE/status"
SH
cat > "$F/bin/systemctl" <<'SH'
#!/bin/sh
echo "systemctl $*" >> "$FAKE/calls"
SH
cat > "$F/bin/sudo" <<'SH'
#!/bin/sh
exec "$@"
SH
for s in fakesvc oldsvc; do
	printf '#!/bin/sh\necho "init %s $1" >> "$FAKE/calls"\n' "$s" > "$F/init.d/$s"
done
chmod +x "$F"/bin/* "$F"/init.d/*

# run [DEPS_SYSTEMD_RUN] PKGS...: install-deps with the fakes
run_deps() {
	local sd=$1; shift
	rm -f "$F/calls"
	FAKE=$F PATH="$F/bin:$PATH" DEPS_POLICY_RC_D=$WORK/policy-rc.d \
		DEPS_SYSTEMD_RUN=$sd DEPS_INITD=$F/init.d \
		"$TOP/tests/install-deps" "$@" > "$WORK/out" 2>&1
	RC=$?
	CALLS=$(cat "$F/calls" 2>/dev/null)
}

# --- a container or CI: systemd is not PID 1 ---
run_deps "$F/no-systemd" old-svc new-pkg
is "$RC" 0 "install-deps exits 0"
contains "$CALLS" "apt-get install -y -qq --no-install-recommends new-pkg" \
	"only the missing package is installed"
contains "$CALLS" "policy 101" "while apt-get runs, policy-rc.d forbids starting services"
check "our policy-rc.d is gone afterwards" test ! -e "$WORK/policy-rc.d"
contains "$CALLS" "systemctl disable --quiet fakesvc.service" \
	"the new package's service is disabled"
contains "$CALLS" "systemctl disable --quiet fakesvc.socket" "... its socket too"
contains "$CALLS" "systemctl disable --quiet fakeother.service" \
	"... and a unit under /usr/lib"
contains "$CALLS" "init fakesvc stop" "without systemd, its init script is told to stop"
unlike "$CALLS" "fakesvc@" "a template unit is not touched"
unlike "$CALLS" "oldsvc" "a service of a package installed before is left alone"
unlike "$CALLS" "disable --now" "no --now without systemd"
contains "$(cat "$WORK/out")" "fake-core: fakesvc.service disabled and stopped" \
	"it says what it disabled"

# --- a laptop: systemd runs ---
printf 'old-svc\n' > "$F/status"
run_deps "$F/systemd-run" new-pkg
contains "$CALLS" "systemctl disable --now --quiet fakesvc.service" \
	"with systemd: disable --now"
unlike "$CALLS" "init fakesvc" "with systemd: no init script run"

# --- a machine with a policy-rc.d of its own ---
printf 'old-svc\n' > "$F/status"
printf '#!/bin/sh\nexit 0\n' > "$WORK/policy-rc.d"
chmod +x "$WORK/policy-rc.d"
run_deps "$F/no-systemd" new-pkg
contains "$CALLS" "policy 0" "an existing policy-rc.d is used as it is"
is "$(cat "$WORK/policy-rc.d")" "$(printf '#!/bin/sh\nexit 0')" "... and kept"
rm -f "$WORK/policy-rc.d"

# --- nothing missing: nothing done ---
run_deps "$F/no-systemd" old-svc new-pkg
is "$RC/$CALLS" "0/" "nothing missing: apt-get is not called"

# --- the Makefile: a production host gets no test server ---
mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -n -s -C "$TOP" "$@" 2>&1; }
deps=$(mk deps)
tdeps=$(mk test-deps)
contains "$deps" "libetpan-dev" "make deps installs the build dependencies"
for p in dovecot-imapd gammu-smsd python3-aiosmtpd; do
	unlike "$deps" " $p( |\$)" "make deps does not install $p"
	like "$tdeps" " $p( |\$)" "make test-deps installs $p"
done
like "$(mk check | sed -n 1p)" "install-deps .*dovecot-imapd" \
	"make check installs the test servers first"

done_testing
