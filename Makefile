# complaintd — GNU make.  `make` builds build/complaintd and build/complaintctl;
# `make check` installs what the tests need, builds and runs every test (plain
# and under ASan/UBSan); `make bench` prints the performance figures.
# The build is quiet ("  CC src/foo.c"); `make V=1` prints every command.

VERSION     = 0.9.0

PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR    ?=
BINDIR      = $(PREFIX)/bin
SBINDIR     = $(PREFIX)/sbin
DATADIR     = $(PREFIX)/share/complaintd
DOCDIR      = $(PREFIX)/share/doc/complaintd
# One configuration per procedure (etc/examples/holidays-2026.conf is a
# link to the shared calendar, installed once beside them).
EXAMPLES    = $(filter-out etc/examples/holidays-2026.conf, \
                $(wildcard etc/examples/*.conf))
MANDIR      = $(PREFIX)/share/man
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions
LIBEXECDIR  = $(PREFIX)/libexec/complaintd
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d

BUILD  ?= build
CC     ?= cc
CFLAGS ?= -O2 -g
SAN    ?=
WARN    = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wformat=2 -Werror
PKGS    = gammu libcurl sqlite3 libconfig gnutls nettle zlib
# libetpan.pc drags in -specs=/usr/share/dpkg/no-pie-link.specs (needs
# dpkg-dev, forces non-PIE): link it by name instead of through pkg-config.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -letpan
ifneq ($(SAN),)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ALL_CPPFLAGS = -Iinclude -D_GNU_SOURCE -DDATADIR='"$(DATADIR)"' \
               -DVERSION='"$(VERSION)"' \
               -DLIBEXECDIR='"$(LIBEXECDIR)"' \
               -DSYSCONFDIR='"$(SYSCONFDIR)"' $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 -pthread $(WARN) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS)
ALL_LDFLAGS  = -pthread $(SANFLAGS) -Wl,--as-needed $(LDFLAGS)

MAIN_SRC = src/complaintd.c
LIB_SRC  = $(filter-out $(MAIN_SRC),$(wildcard src/*.c))
CTL_SRC  = $(wildcard src/ctl/*.c)
BIN_SRC  = $(wildcard src/bin/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CTL_OBJ  = $(CTL_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ = $(MAIN_SRC:%.c=$(BUILD)/obj/%.o)
# The worker programs: complaintd-imap, -dispatch, -modem.
WORKERS  = $(BIN_SRC:src/bin/%.c=$(BUILD)/%)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIBA     = $(BUILD)/libcomplaintd.a

# V=1: the whole command lines; otherwise one short line per step.
ifeq ($(V),1)
Q =
say =
else
Q = @
say = @printf '  %-3s %s\n' '$(1)' '$(2)'
endif

.PHONY: all clean check check-unit check-asan check-plain deps test-deps fuzz-deps \
        install uninstall demo bench fuzz
all: $(BUILD)/complaintd $(BUILD)/complaintctl $(WORKERS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	$(call say,AR,$@)
	$(Q)ar rcs $@ $^

$(BUILD)/complaintd: $(MAIN_OBJ) $(LIBA)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(PKG_LIBS) -o $@

$(BUILD)/complaintctl: $(CTL_OBJ) $(LIBA)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(PKG_LIBS) -o $@

# Each program links the same list; --as-needed keeps only the libraries
# its objects use (the supervisor needs no network, TLS or modem library).
$(WORKERS): $(BUILD)/%: $(BUILD)/obj/src/bin/%.o $(LIBA)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(PKG_LIBS) -o $@

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIBA)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(PKG_LIBS) -o $@

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# Objects of the test programs are intermediate files to make: keep them.
.SECONDARY:

# Debian packages.  DEB_PKGS: what building complaintd needs (a production
# host: `make deps && make && sudo make install`).  DEB_TEST_PKGS: what the
# tests, the demo and the benchmarks need on top — private servers (Dovecot,
# gammu-smsd) the tests start themselves: tests/install-deps leaves the
# system-wide services of packages it installed disabled and stopped.
DEB_PKGS = gcc make pkg-config libetpan-dev libgammu-dev libcurl4-gnutls-dev \
           libgnutls28-dev nettle-dev libsqlite3-dev libconfig-dev zlib1g-dev
DEB_TEST_PKGS = gammu gammu-smsd sqlite3 dovecot-imapd python3 \
           python3-aiosmtpd openssl systemd isync procps psmisc time mandoc \
           chromium
# FUZZ_PKGS: what `make fuzz` needs on top of DEB_PKGS (clang and its
# libFuzzer runtime); neither building nor `make check` needs them.
FUZZ_PKGS = clang libclang-rt-14-dev
deps:
	@tests/install-deps $(DEB_PKGS)

test-deps:
	@tests/install-deps $(DEB_PKGS) $(DEB_TEST_PKGS)

fuzz-deps:
	@tests/install-deps $(DEB_PKGS) $(FUZZ_PKGS)

unit: $(UNIT_BIN)

check-plain: all unit
	@tests/run $(BUILD)

check-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 CFLAGS='-O1 -g' all unit
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 tests/run build/asan

# The README's test command: everything, plain and under ASan/UBSan.
check: test-deps
	@$(MAKE) --no-print-directory check-plain
	@$(MAKE) --no-print-directory check-asan

# The unit names the installed paths: made from systemd/complaintd.service.in.
unit_from_template = sed -e 's|@SBINDIR@|$(SBINDIR)|g' \
	-e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
	systemd/complaintd.service.in > $(1)

# Performance figures (not part of check): every tests/bench/*.sh, each
# printing its own lines.
bench: test-deps all $(BUILD)/pipeline_bench $(BUILD)/scale_gen \
       $(BUILD)/timers_bench
	@for b in tests/bench/*.sh; do [ -f "$$b" ] || continue; \
	  TOP=$(CURDIR) BUILD=$(abspath $(BUILD)) bash "$$b" || exit 1; done

# Fuzz targets (clang's libFuzzer): build/fuzz/fuzz_<name>.  `make fuzz`
# builds them and runs each for FUZZ_SECONDS on its seeds (tests/fuzz/
# run.sh); run one longer with
#   build/fuzz/fuzz_mime -max_total_time=600 -max_len=65536 build/fuzz/corpus/fuzz_mime
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 10
FUZZ_FLAGS    = -std=c11 -g -O1 -fsanitize=address,undefined \
                -fno-sanitize-recover=undefined
FUZZ_LIB      = $(filter-out src/complaintd.c,$(wildcard src/*.c))
FUZZ_OBJ      = $(FUZZ_LIB:src/%.c=build/fuzz/obj/%.o)
FUZZ_BIN      = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
fuzz: fuzz-deps $(FUZZ_BIN)
	@tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)
build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(ALL_CPPFLAGS) \
	  $(PKG_CFLAGS) -MMD -MP -c $< -o $@
build/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(ALL_CPPFLAGS) -Itests/unit \
	  $(PKG_CFLAGS) $^ $(PKG_LIBS) -o $@
-include $(wildcard build/fuzz/obj/*.d)

$(BUILD)/pipeline_bench: $(BUILD)/obj/tests/bench/pipeline_bench.o $(LIBA)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(PKG_LIBS) -o $@

# The scale benches: a big database made once by scale_gen (kept under
# $(BUILD)/bench/), and what runs on copies of it.
$(BUILD)/scale_gen $(BUILD)/timers_bench: $(BUILD)/%: \
    $(BUILD)/obj/tests/bench/%.o $(LIBA)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(PKG_LIBS) -o $@

# The README's first command: a local demonstration.
demo: test-deps all
	@BUILD=$(abspath $(BUILD)) tests/demo.sh

install: all
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(BINDIR) \
	        $(DESTDIR)$(SYSCONFDIR)/complaintd $(DESTDIR)$(DATADIR)/templates \
	        $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR)
	install -m 0644 systemd/complaintd.sysusers \
	  $(DESTDIR)$(SYSUSERSDIR)/complaintd.conf
	install -m 0755 $(BUILD)/complaintd $(DESTDIR)$(SBINDIR)/complaintd
	install -m 0755 $(BUILD)/complaintctl $(DESTDIR)$(BINDIR)/complaintctl
	install -d $(DESTDIR)$(LIBEXECDIR)
	install -m 0755 $(WORKERS) $(DESTDIR)$(LIBEXECDIR)/
	for d in etc/templates/*/; do \
	  l=$$(basename $$d); install -d $(DESTDIR)$(DATADIR)/templates/$$l; \
	  install -m 0644 $$d* $(DESTDIR)$(DATADIR)/templates/$$l/; done
	install -m 0644 etc/complaintd.conf $(DESTDIR)$(DATADIR)/complaintd.conf.example
	test -e $(DESTDIR)$(SYSCONFDIR)/complaintd/complaintd.conf || \
	  install -m 0640 etc/complaintd.conf $(DESTDIR)$(SYSCONFDIR)/complaintd/complaintd.conf
	install -m 0644 etc/holidays-2026.conf $(DESTDIR)$(DATADIR)/holidays-2026.conf
	test -e $(DESTDIR)$(SYSCONFDIR)/complaintd/holidays-2026.conf || \
	  install -m 0640 etc/holidays-2026.conf $(DESTDIR)$(SYSCONFDIR)/complaintd/holidays-2026.conf
	install -m 0644 README.md $(DESTDIR)$(DATADIR)/README.md
	install -d $(DESTDIR)$(DOCDIR)/examples
	install -m 0644 $(EXAMPLES) etc/holidays-2026.conf \
	  $(DESTDIR)$(DOCDIR)/examples/
	install -m 0644 LICENSE $(DESTDIR)$(DATADIR)/LICENSE
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	        $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(COMPLETIONDIR)
	install -m 0644 man/complaintctl.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 man/complaintd.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 man/complaintd.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 etc/bash-completion/complaintctl \
	  $(DESTDIR)$(COMPLETIONDIR)/complaintctl
	$(call unit_from_template,$(DESTDIR)$(UNITDIR)/complaintd.service)
	chmod 0644 $(DESTDIR)$(UNITDIR)/complaintd.service

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/complaintd $(DESTDIR)$(BINDIR)/complaintctl \
	      $(DESTDIR)$(UNITDIR)/complaintd.service \
	      $(DESTDIR)$(SYSUSERSDIR)/complaintd.conf \
	      $(DESTDIR)$(MANDIR)/man1/complaintctl.1 \
	      $(DESTDIR)$(MANDIR)/man5/complaintd.conf.5 \
	      $(DESTDIR)$(MANDIR)/man8/complaintd.8 \
	      $(DESTDIR)$(COMPLETIONDIR)/complaintctl
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build
