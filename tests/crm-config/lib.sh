#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers of the crm-config tests that need no cluster.  Source it.
# wsctl is sourced for its pure functions (WSCTL_SOURCE_ONLY=1) or run.
WS_SRCDIR=${WS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
WS_BUILDDIR=${WS_BUILDDIR:-$WS_SRCDIR/build}
# shellcheck disable=SC2034 # used by the tests that source this
WSCTL="$WS_SRCDIR/crm-config/wsctl"
# shellcheck disable=SC2034 # read by wsctl when a test sources it
WSCTL_SRC_LIBDIR="$WS_SRCDIR/crm-config/wsctl.d"
# shellcheck source=../lib/assert.sh
. "$WS_SRCDIR/tests/lib/assert.sh"
# ct_check WHAT CMD...: assert.sh's check that also fails when CMD does,
# so that a test can show what went wrong (ct_check ... || cat LOG).
ct_check() {
	ct_what=$1
	shift
	if "$@"; then ok "$ct_what"; else check "$ct_what" false; return 1; fi
}
ct_finish() { finish; exit $?; }
