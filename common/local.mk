# common: the small helpers every part used to copy (byte order, the
# monotonic clock, ARP frames, a pause, integers, lines of text, URLs, MAC addresses), with their
# unit tests.  PIC: the Heartbeat plugin links it into a shared object.
noinst_LTLIBRARIES += common/libwscommon.la
common_libwscommon_la_SOURCES = common/byteorder.h common/hex.h \
	common/clock.c common/clock.h common/sleep.c common/sleep.h \
	common/number.c common/number.h common/lines.c common/lines.h \
	common/url.c common/url.h \
	common/mac.c common/mac.h common/arp_frame.c common/arp_frame.h
common_libwscommon_la_CFLAGS = $(AM_CFLAGS) -fPIC
common_libwscommon_la_LIBADD = -lm

UNIT_TESTS += tests/unit/test_common
tests_unit_test_common_LDADD = common/libwscommon.la $(CMOCKA_LIBS)
