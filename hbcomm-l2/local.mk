# hbcomm-l2: the Layer-2 Heartbeat medium `l2`, its pure frame codec and
# the l2ping tool.

# --- the pure codec, linked by the plugin, l2ping, tests and fuzzers -------
noinst_LTLIBRARIES += hbcomm-l2/libl2frame.la
hbcomm_l2_libl2frame_la_SOURCES = hbcomm-l2/l2frame.c hbcomm-l2/l2frame.h
# The plugin is a shared object: its convenience library must be PIC.
hbcomm_l2_libl2frame_la_CFLAGS = $(AM_CFLAGS) -fPIC

# --- unit tests ------------------------------------------------------------
UNIT_TESTS += tests/unit/test_l2frame
tests_unit_test_l2frame_LDADD = hbcomm-l2/libl2frame.la $(CMOCKA_LIBS)

# --- fuzz targets (corpus replayed in make check) ---------------------------
FUZZ_TESTS += tests/fuzz/fuzz_l2frame tests/fuzz/fuzz_l2reasm
tests_fuzz_fuzz_l2frame_SOURCES = tests/fuzz/fuzz_l2frame.c tests/fuzz/driver.c
tests_fuzz_fuzz_l2frame_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_l2frame"'
tests_fuzz_fuzz_l2frame_LDADD = hbcomm-l2/libl2frame.la
tests_fuzz_fuzz_l2reasm_SOURCES = tests/fuzz/fuzz_l2reasm.c tests/fuzz/driver.c
tests_fuzz_fuzz_l2reasm_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_l2reasm"'
tests_fuzz_fuzz_l2reasm_LDADD = hbcomm-l2/libl2frame.la

# --- pcap link, directive parser, status text: shared by plugin and l2ping --
noinst_LTLIBRARIES += hbcomm-l2/libl2link.la
hbcomm_l2_libl2link_la_SOURCES = \
	hbcomm-l2/l2conf.c hbcomm-l2/l2conf.h \
	hbcomm-l2/l2link.c hbcomm-l2/l2link.h \
	hbcomm-l2/l2stats.c hbcomm-l2/l2stats.h
hbcomm_l2_libl2link_la_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
hbcomm_l2_libl2link_la_LIBADD = hbcomm-l2/libl2frame.la common/libwscommon.la $(PCAP_LIBS)

# --- the HBcomm plugin, loaded by Heartbeat from $(hbcommdir) ----------------
hbcomm_LTLIBRARIES = hbcomm-l2/l2.la
hbcomm_l2_l2_la_SOURCES = hbcomm-l2/l2.c
hbcomm_l2_l2_la_CFLAGS = $(AM_CFLAGS) $(HA_CFLAGS) $(PCAP_CFLAGS)
# Only the PILS entry point is exported: our helpers stay private to the module.
hbcomm_l2_l2_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared \
	-export-symbols-regex '^HBcomm_LTX_l2_'
hbcomm_l2_l2_la_LIBADD = hbcomm-l2/libl2link.la $(PILS_LIBS) $(PLUMB_LIBS) $(GLIB_LIBS)

# --- ws-l2ping (hbcomm-l2/l2ping.c): not l2ping, bluez's /usr/bin/l2ping ------
sbin_PROGRAMS += hbcomm-l2/ws-l2ping
hbcomm_l2_ws_l2ping_SOURCES = hbcomm-l2/l2ping.c
hbcomm_l2_ws_l2ping_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
hbcomm_l2_ws_l2ping_LDADD = hbcomm-l2/libl2link.la -lm

# --- unit tests of the directive parser and status text ----------------------
UNIT_TESTS += tests/unit/test_l2conf
tests_unit_test_l2conf_SOURCES = tests/unit/test_l2conf.c tests/unit/refusals.h
tests_unit_test_l2conf_LDADD = hbcomm-l2/libl2link.la $(CMOCKA_LIBS)

# --- test driver: loads l2.so like Heartbeat and drives read()/write() ------
noinst_PROGRAMS += hbcomm-l2/l2drive
hbcomm_l2_l2drive_SOURCES = hbcomm-l2/l2drive.c
hbcomm_l2_l2drive_CFLAGS = $(AM_CFLAGS) $(HA_CFLAGS)
hbcomm_l2_l2drive_LDADD = $(PILS_LIBS) $(GLIB_LIBS) -ldl

# --- manual pages -------------------------------------------------------------
dist_man_MANS += man/ha.cf-l2.5 man/ws-l2ping.8

# --- virtual-cluster scenario (root, network namespaces) --------------------
# l2-faults: a link without IP, hostile frames, interface removed / down;
# ucast-ipchange: the documented contrast (stock ucast loses the peer).
NETNS_TESTS += tests/netns/l2-heartbeat.sh tests/netns/l2-links.sh \
	tests/netns/l2-faults.sh tests/netns/ucast-ipchange.sh
dist_check_SCRIPTS += tests/netns/l2-heartbeat.sh tests/netns/l2-links.sh \
	tests/netns/l2-faults.sh tests/netns/ucast-ipchange.sh

# --- benchmark against ucast (prints numbers; not part of make check) --------
EXTRA_DIST += tests/bench/l2-vs-ucast.sh

# --- test tools: hostile frames from the observer, a UDP echo for the bench --
noinst_PROGRAMS += tests/netns/l2flood tests/bench/udpecho
tests_netns_l2flood_SOURCES = tests/netns/l2flood.c
tests_netns_l2flood_LDADD = hbcomm-l2/libl2frame.la tests/netns/libtoolerror.la \
	common/libwscommon.la
tests_bench_udpecho_SOURCES = tests/bench/udpecho.c
tests_bench_udpecho_LDADD = common/libwscommon.la

# --- fuzz target of the directive parser (configuration input) ---------------
FUZZ_TESTS += tests/fuzz/fuzz_l2conf
tests_fuzz_fuzz_l2conf_SOURCES = tests/fuzz/fuzz_l2conf.c tests/fuzz/driver.c
tests_fuzz_fuzz_l2conf_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_l2conf"'
tests_fuzz_fuzz_l2conf_LDADD = hbcomm-l2/libl2link.la
