# berofos: libberofos (pure codecs + HTTP/UDP client), fosctl, fos-kickd,
# fosemu, their unit/fuzz/loopback tests and man pages.

# --- pure codecs: no I/O, linked by the library, the emulator and fuzzers -
noinst_LTLIBRARIES += berofos/libfoscodec.la
berofos_libfoscodec_la_SOURCES = berofos/fos_devpage.c berofos/fos_gbl4.c berofos/fos_error.c \
	berofos/fos_kickstat.c berofos/fos_alive.c berofos/fos_devpage.h berofos/fos_gbl4.h \
	berofos/fos_error.h berofos/fos_kickstat.h berofos/fos_alive.h
berofos_libfoscodec_la_LIBADD = common/libwscommon.la

# --- libfosbase: libberofos without libcurl (credentials files,
# berofos.conf, GBL4 over UDP), for the programs that speak no HTTP ---------
noinst_LTLIBRARIES += berofos/libfosbase.la
berofos_libfosbase_la_SOURCES = berofos/berofos.h \
	berofos/fos_udp.c berofos/fos_cred.c berofos/fos_switchconf.c
berofos_libfosbase_la_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
berofos_libfosbase_la_LIBADD = berofos/libfoscodec.la $(GLIB_LIBS)

# --- libberofos: libfosbase and the HTTP client (libcurl) --------------------
noinst_LTLIBRARIES += berofos/libberofos.la
berofos_libberofos_la_SOURCES = berofos/berofos.h berofos/fos_http.c
berofos_libberofos_la_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
berofos_libberofos_la_LIBADD = berofos/libfosbase.la $(CURL_LIBS)

# --- unit tests --------------------------------------------------------------
UNIT_TESTS += tests/unit/test_fos_devpage tests/unit/test_fos_gbl4 tests/unit/test_fos_error \
	tests/unit/test_fos_alive
tests_unit_test_fos_alive_LDADD = berofos/libfoscodec.la $(CMOCKA_LIBS)
tests_unit_test_fos_devpage_LDADD = berofos/libfoscodec.la $(CMOCKA_LIBS)
tests_unit_test_fos_gbl4_LDADD = berofos/libfoscodec.la $(CMOCKA_LIBS)
tests_unit_test_fos_error_LDADD = berofos/libfoscodec.la $(CMOCKA_LIBS)

# --- fuzz targets ------------------------------------------------------------
FUZZ_TESTS += tests/fuzz/fuzz_fos_devpage tests/fuzz/fuzz_fos_gbl4 tests/fuzz/fuzz_fos_kickstat
tests_fuzz_fuzz_fos_devpage_SOURCES = tests/fuzz/fuzz_fos_devpage.c tests/fuzz/driver.c
tests_fuzz_fuzz_fos_devpage_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_fos_devpage"'
tests_fuzz_fuzz_fos_devpage_LDADD = berofos/libfoscodec.la
tests_fuzz_fuzz_fos_gbl4_SOURCES = tests/fuzz/fuzz_fos_gbl4.c tests/fuzz/driver.c
tests_fuzz_fuzz_fos_gbl4_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_fos_gbl4"'
tests_fuzz_fuzz_fos_gbl4_LDADD = berofos/libfoscodec.la
tests_fuzz_fuzz_fos_kickstat_SOURCES = tests/fuzz/fuzz_fos_kickstat.c tests/fuzz/driver.c
tests_fuzz_fuzz_fos_kickstat_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_fos_kickstat"'
tests_fuzz_fuzz_fos_kickstat_LDADD = berofos/libfoscodec.la

# --- fosemu: the emulated switch ------------------------------------------------
noinst_LTLIBRARIES += berofos/libfosemu.la
berofos_libfosemu_la_SOURCES = berofos/emu_state.c berofos/emu_state.h \
	berofos/emu_http.c berofos/emu_http.h
berofos_libfosemu_la_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
berofos_libfosemu_la_LIBADD = berofos/libfoscodec.la $(GLIB_LIBS)

UNIT_TESTS += tests/unit/test_fos_emu
tests_unit_test_fos_emu_LDADD = berofos/libfosemu.la $(CMOCKA_LIBS)

bin_PROGRAMS += berofos/fosemu
berofos_fosemu_SOURCES = berofos/fosemu.c berofos/emu_io.h berofos/emu_persist.c \
	berofos/emu_log.c berofos/emu_log.h berofos/emu_serve_http.c berofos/emu_serve_udp.c
berofos_fosemu_LDADD = berofos/libfosemu.la berofos/libfosbase.la

# --- fosctl ----------------------------------------------------------------------
sbin_PROGRAMS += berofos/fosctl
berofos_fosctl_SOURCES = berofos/fosctl.c
berofos_fosctl_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
berofos_fosctl_LDADD = berofos/libberofos.la $(JSONC_LIBS)

# --- fos-kickd -------------------------------------------------------------------
sbin_PROGRAMS += berofos/fos-kickd
berofos_fos_kickd_SOURCES = berofos/fos-kickd.c
berofos_fos_kickd_CFLAGS = $(AM_CFLAGS) $(QB_CFLAGS) $(SYSTEMD_CFLAGS) -pthread
berofos_fos_kickd_LDADD = berofos/libfosbase.la $(QB_LIBS) $(SYSTEMD_LIBS) -lpthread

# The feeder's unit, fos-kickd@SWITCH.service: started and stopped by the
# linesw agent on the master (systemctl), never enabled (no [Install]).
systemdsystemunit_DATA = berofos/fos-kickd@.service
CLEANFILES += berofos/fos-kickd@.service
EXTRA_DIST += berofos/fos-kickd@.service.in
berofos/fos-kickd@.service: berofos/fos-kickd@.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) berofos && \
		sed -e 's|@sbindir[@]|$(sbindir)|g' -e 's|@sysconfdir[@]|$(sysconfdir)|g' \
		'$(srcdir)/berofos/fos-kickd@.service.in' >$@.tmp && mv $@.tmp $@

# --- loopback tests: fosctl and fos-kickd against fosemu on 127.0.0.1 ----------
BEROFOS_LOOPBACK_TESTS = tests/berofos/fosctl-verbs.sh tests/berofos/fosctl-http.sh \
	tests/berofos/fosctl-errors.sh tests/berofos/watchdog.sh tests/berofos/notify.sh
TESTS += $(BEROFOS_LOOPBACK_TESTS)
dist_check_SCRIPTS += $(BEROFOS_LOOPBACK_TESTS)
EXTRA_DIST += tests/berofos/lib.sh
# A slow-loris client for fosemu's per-request timeout.
noinst_PROGRAMS += tests/berofos/slow_client
tests_berofos_slow_client_SOURCES = tests/berofos/slow_client.c
# A FIFO reader that never reads: a jitter log that blocks.
noinst_PROGRAMS += tests/berofos/pipe_sink
tests_berofos_pipe_sink_SOURCES = tests/berofos/pipe_sink.c

FUZZ_TESTS += tests/fuzz/fuzz_fos_emu_http
tests_fuzz_fuzz_fos_emu_http_SOURCES = tests/fuzz/fuzz_fos_emu_http.c tests/fuzz/driver.c
tests_fuzz_fuzz_fos_emu_http_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS_DIR='"$(srcdir)/tests/fuzz/corpus/fuzz_fos_emu_http"'
tests_fuzz_fuzz_fos_emu_http_LDADD = berofos/libfosemu.la

# --- man pages -----------------------------------------------------------------
dist_man_MANS += man/fosctl.8 man/fos-kickd.8 man/fosemu.1 man/berofos.conf.5

# Broadcast discovery between network namespaces (root; wsfos-* namespaces).
NETNS_TESTS += tests/berofos/scan-netns.sh
dist_check_SCRIPTS += tests/berofos/scan-netns.sh
# Kick jitter under CPU load: a benchmark, run by hand.
EXTRA_DIST += tests/berofos/bench-kick-jitter.sh
