# stonith: the cluster-glue plugin `berofos` and fence_berofos, both on
# libberofos (one copy of the protocol), their shared parameter parsing
# (pure), unit tests, loopback tests against fosemu and testbed scenarios.

# --- pure parameter handling ------------------------------------------------
noinst_LTLIBRARIES += stonith/libbfparams.la
stonith_libbfparams_la_SOURCES = stonith/berofos_params.c stonith/berofos_params.h

UNIT_TESTS += tests/unit/test_stonith_params
tests_unit_test_stonith_params_SOURCES = tests/unit/test_stonith_params.c
tests_unit_test_stonith_params_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_stonith_params_LDADD = stonith/libbfparams.la $(CMOCKA_LIBS)
