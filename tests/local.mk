# Test harnesses shared by every part: the cmocka and libFuzzer plumbing,
# the lint tests, and the network-namespace testbed with its smoke scenarios.
# Parts add to UNIT_TESTS, FUZZ_TESTS and NETNS_TESTS.

# --- the testbed's prober (pure parsers in their own files) -------------
noinst_LTLIBRARIES += tests/netns/libprobe.la
tests_netns_libprobe_la_SOURCES = tests/netns/probe_watch.c tests/netns/probe_watch.h
tests_netns_libprobe_la_LIBADD = common/libwscommon.la

# "TOOL: message" errors of the testbed's C tools (wsprobe, l2flood).
noinst_LTLIBRARIES += tests/netns/libtoolerror.la
tests_netns_libtoolerror_la_SOURCES = tests/netns/tool_error.c tests/netns/tool_error.h

noinst_PROGRAMS += tests/netns/wsprobe
tests_netns_wsprobe_SOURCES = tests/netns/wsprobe.c
tests_netns_wsprobe_LDADD = tests/netns/libprobe.la tests/netns/libtoolerror.la \
	common/libwscommon.la

# --- unit tests (cmocka) ----------------------------------------------
# Each test NAME is tests/unit/NAME.c (automake's default source), compiled
# with cmocka's flags (here, for all of them); the part's local.mk adds it
# to UNIT_TESTS and links it: NAME_LDADD, the .la under test and $(CMOCKA_LIBS).
tests/unit/%.$(OBJEXT): AM_CFLAGS += $(CMOCKA_CFLAGS)
UNIT_TESTS += tests/unit/test_probe
tests_unit_test_probe_LDADD = tests/netns/libprobe.la $(CMOCKA_LIBS)

# --- fuzz targets --------------------------------------------------------
# Each target NAME is tests/fuzz/NAME.c defining LLVMFuzzerTestOneInput,
# with its corpus in tests/fuzz/corpus/NAME/, linked with the .la of the
# code under test and $(FUZZ_LDFLAGS).  `make check` replays the corpus
# through tests/fuzz/driver.c.  In a build configured with --enable-fuzzing
# CC=clang (every library instrumented, libFuzzer's main), `make fuzz
# FUZZ_SECONDS=N` runs each target for N seconds, new inputs going to
# fuzz-out/NAME/ (copy the interesting ones into the corpus).
# The part's local.mk adds tests/fuzz/NAME to FUZZ_TESTS and gives its
# SOURCES (NAME.c and the driver), CPPFLAGS (the corpus directory, compiled
# into its driver) and LDADD (the .la, the one the product links);
# $(FUZZ_LDFLAGS) is added here to every target's link (private: not to the
# libraries it may build on the way, which products link too).
FUZZ_NAMES = $(notdir $(FUZZ_TESTS))
tests/fuzz/%$(EXEEXT): private AM_LDFLAGS += $(FUZZ_LDFLAGS)
FUZZ_TESTS += tests/fuzz/fuzz_probe
tests_fuzz_fuzz_probe_SOURCES = tests/fuzz/fuzz_probe.c tests/fuzz/driver.c
tests_fuzz_fuzz_probe_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_probe"'
tests_fuzz_fuzz_probe_LDADD = tests/netns/libprobe.la

EXTRA_DIST += tests/fuzz/corpus tests/lib/assert.sh

FUZZ_SECONDS = 60
fuzz: $(FUZZ_NAMES:%=fuzz-run-%)
if WS_FUZZING
fuzz-run-%: tests/fuzz/%$(EXEEXT)
	@$(MKDIR_P) fuzz-out/$*
	tests/fuzz/$* -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 fuzz-out/$* $(top_srcdir)/tests/fuzz/corpus/$*
else
fuzz-run-%:
	@echo "make fuzz needs a build configured with --enable-fuzzing CC=clang"; exit 1
endif
.PHONY: fuzz

clean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz-out
.PHONY: clean-fuzz

# --- lint ---------------------------------------------------------------
LINT_TESTS += tests/lint/shellcheck.sh tests/lint/xmllint.sh
dist_check_SCRIPTS += tests/lint/shellcheck.sh tests/lint/xmllint.sh
# config.h before any other header in every C file.
LINT_TESTS += tests/lint/config-h-first.sh
dist_check_SCRIPTS += tests/lint/config-h-first.sh
# Every CLI answers --version (not a lint test: it runs with sanitizers too).
TESTS += tests/lint/cli-version.sh
dist_check_SCRIPTS += tests/lint/cli-version.sh
# fence_berofos is installed where Pacemaker's fencer looks.
TESTS += tests/lint/fence-dir.sh
dist_check_SCRIPTS += tests/lint/fence-dir.sh
# fos-kickd@.service: installed, never enabled, Type=notify, exposure <= 3.5.
TESTS += tests/lint/unit-security.sh
dist_check_SCRIPTS += tests/lint/unit-security.sh
# One licence: COPYING, debian/copyright and the PILS plugins agree.
TESTS += tests/lint/licence.sh
dist_check_SCRIPTS += tests/lint/licence.sh
# configure without cmocka (nocheck package builds).
TESTS += tests/lint/configure-nocmocka.sh
dist_check_SCRIPTS += tests/lint/configure-nocmocka.sh
# Every source file carries its SPDX line (scripts/add-spdx.sh adds it).
TESTS += tests/lint/spdx.sh
dist_check_SCRIPTS += tests/lint/spdx.sh
EXTRA_DIST += scripts/add-spdx.sh

# --- the testbed and its smoke scenarios (root, network namespaces) -----
TESTBED_FILES = tests/netns/lib.sh tests/netns/node-boot.sh tests/netns/product.sh \
	tests/netns/hb.sh tests/netns/pcmk.sh tests/netns/scenario.sh tests/netns/fos.sh \
	tests/netns/ssh.sh tests/netns/pairs.sh tests/netns/ka.sh tests/netns/gateway.sh \
	tests/netns/testbed.sh
EXTRA_DIST += $(TESTBED_FILES) tests/netns/demo.sh tests/bench/smoke-failover.sh \
	tests/bench/failover.sh tests/bench/report.sh tests/bench/stack-alive.sh
NETNS_TESTS += tests/netns/testbed-selftest.sh \
	tests/netns/smoke-heartbeat-ucast.sh \
	tests/netns/smoke-pacemaker-nostonith.sh \
	tests/netns/teardown.sh
dist_check_SCRIPTS += tests/netns/testbed-selftest.sh \
	tests/netns/smoke-heartbeat-ucast.sh \
	tests/netns/smoke-pacemaker-nostonith.sh \
	tests/netns/teardown.sh

# Cluster scenarios take a lock in tb_init, so they run one at a time
# whatever `make -j` says (their timers share 2 cores); the teardown check
# runs after all of them (rule in Makefile.am, once NETNS_TESTS is complete).

clean-local: clean-testbed
clean-testbed:
	rm -rf tests/netns/runs tests/netns/logs
.PHONY: clean-testbed

# The testbed finds the build (wsprobe, plugins) and the sources through
# these; every test runs with them set.
AM_TESTS_ENVIRONMENT = \
	WS_SRCDIR='$(abs_top_srcdir)'; export WS_SRCDIR; \
	WS_BUILDDIR='$(abs_top_builddir)'; export WS_BUILDDIR;
