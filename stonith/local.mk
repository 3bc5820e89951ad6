# stonith: the cluster-glue plugin `berofos` and fence_berofos, both on
# libberofos (one copy of the protocol), their shared parameter parsing
# (pure), unit tests, loopback tests against fosemu and testbed scenarios.

# --- pure parameter handling ------------------------------------------------
noinst_LTLIBRARIES += stonith/libbfparams.la
stonith_libbfparams_la_SOURCES = stonith/berofos_params.c stonith/berofos_params.h

UNIT_TESTS += tests/unit/test_stonith_params
tests_unit_test_stonith_params_SOURCES = tests/unit/test_stonith_params.c tests/unit/refusals.h
tests_unit_test_stonith_params_LDADD = stonith/libbfparams.la $(CMOCKA_LIBS)

# --- the fence guard's decision (pure; its ARP frames are in common/) ---------
noinst_LTLIBRARIES += stonith/libbfguard.la
stonith_libbfguard_la_SOURCES = stonith/fence_guard.c stonith/fence_guard.h

UNIT_TESTS += tests/unit/test_stonith_guard
tests_unit_test_stonith_guard_SOURCES = tests/unit/test_stonith_guard.c tests/unit/refusals.h
tests_unit_test_stonith_guard_LDADD = stonith/libbfguard.la stonith/libbfparams.la $(CMOCKA_LIBS)

# --- fencing operations on the power ports (libberofos), the reset, the LAN probe
noinst_LTLIBRARIES += stonith/libbffence.la
stonith_libbffence_la_SOURCES = stonith/berofos_fence.c stonith/berofos_fence.h \
	stonith/lan_probe.c stonith/lan_probe.h stonith/reset.c stonith/reset.h
stonith_libbffence_la_LIBADD = stonith/libbfguard.la stonith/libbfparams.la \
	berofos/libberofos.la

# --- the cluster-glue stonith2 plugin ------------------------------------------
stonith2_LTLIBRARIES = stonith/berofos.la
stonith_berofos_la_SOURCES = stonith/berofos.c
stonith_berofos_la_CFLAGS = $(AM_CFLAGS) $(HA_CFLAGS)
stonith_berofos_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared \
	-export-symbols-regex "^stonith2_LTX_"
stonith_berofos_la_LIBADD = stonith/libbffence.la $(STONITH_LIBS) $(PILS_LIBS) $(GLIB_LIBS)

# --- fence_berofos ---------------------------------------------------------------
noinst_LTLIBRARIES += stonith/libfenceopts.la
stonith_libfenceopts_la_SOURCES = stonith/fence_opts.c stonith/fence_opts.h
stonith_libfenceopts_la_LIBADD = stonith/libbfparams.la

# In Pacemaker's fence directory (configure: --with-fence-dir), which the
# fencer lists: $(sbindir) under another prefix would hide the agent.
fence_PROGRAMS = stonith/fence_berofos
stonith_fence_berofos_SOURCES = stonith/fence_berofos.c stonith/fence_password.c \
	stonith/fence_password.h
stonith_fence_berofos_LDADD = stonith/libfenceopts.la stonith/libbffence.la

UNIT_TESTS += tests/unit/test_stonith_fence_opts
tests_unit_test_stonith_fence_opts_LDADD = stonith/libfenceopts.la $(CMOCKA_LIBS)

# --- r1-peer-fence: Heartbeat R1's respawned helper (a Heartbeat API client):
# the master resets a peer R1 declares dead without a shutdown notice ---------
noinst_LTLIBRARIES += stonith/libr1peer.la
stonith_libr1peer_la_SOURCES = stonith/r1_peer_watch.c stonith/r1_peer_watch.h \
	stonith/r1_hacf.c stonith/r1_hacf.h

ocfwslib_PROGRAMS = stonith/r1-peer-fence
stonith_r1_peer_fence_SOURCES = stonith/r1_peer_fence.c
stonith_r1_peer_fence_CFLAGS = $(AM_CFLAGS) $(HA_CFLAGS)
stonith_r1_peer_fence_LDADD = stonith/libr1peer.la $(HBCLIENT_LIBS) $(PLUMB_LIBS) $(GLIB_LIBS)

UNIT_TESTS += tests/unit/test_r1_peer_watch
tests_unit_test_r1_peer_watch_LDADD = stonith/libr1peer.la $(CMOCKA_LIBS)

FUZZ_TESTS += tests/fuzz/fuzz_r1_hacf
tests_fuzz_fuzz_r1_hacf_SOURCES = tests/fuzz/fuzz_r1_hacf.c tests/fuzz/driver.c
tests_fuzz_fuzz_r1_hacf_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_r1_hacf"'
tests_fuzz_fuzz_r1_hacf_LDADD = stonith/libr1peer.la

# --- loopback tests against fosemu on 127.0.0.1 (root: a private mount
# namespace shows the stock tools our plugin and agent) -----------------------
# The plugin is loaded into the stock stonith CLI, which has no ASan runtime.
STONITH_LOOPBACK_TESTS = tests/stonith/fence-agent-loopback.sh
if !WS_SANITIZE
STONITH_LOOPBACK_TESTS += tests/stonith/plugin-loopback.sh
endif
TESTS += $(STONITH_LOOPBACK_TESTS)
dist_check_SCRIPTS += tests/stonith/fence-agent-loopback.sh tests/stonith/plugin-loopback.sh

# --- the meta-data against fence-agents' RelaxNG schema (no root) -------------
TESTS += tests/stonith/fence-metadata-rng.sh
dist_check_SCRIPTS += tests/stonith/fence-metadata-rng.sh

# --- fence_berofos and fosctl hold passwords: not dumpable (root: setpriv) ------
TESTS += tests/stonith/no-core-dumps.sh
dist_check_SCRIPTS += tests/stonith/no-core-dumps.sh
EXTRA_DIST += tests/stonith/lib.sh

# --- man pages --------------------------------------------------------------------
dist_man_MANS += man/fence_berofos.8 man/stonith_berofos.8

# --- the testbed: fencing through the emulated switch (root, namespaces) ----------
STONITH_NETNS_TESTS = tests/stonith/pcmk-fencing.sh tests/stonith/hb-fencing.sh \
	tests/stonith/pcmk-fence-agent.sh tests/stonith/split-heartbeat.sh \
	tests/stonith/split-pacemaker.sh
NETNS_TESTS += $(STONITH_NETNS_TESTS)
dist_check_SCRIPTS += $(STONITH_NETNS_TESTS)
EXTRA_DIST += tests/stonith/split.sh

# --- fuzz target of the parameter and stdin parsers (config input) ----------
FUZZ_TESTS += tests/fuzz/fuzz_fence_opts
tests_fuzz_fuzz_fence_opts_SOURCES = tests/fuzz/fuzz_fence_opts.c tests/fuzz/driver.c
tests_fuzz_fuzz_fence_opts_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_fence_opts"'
tests_fuzz_fuzz_fence_opts_LDADD = stonith/libfenceopts.la
