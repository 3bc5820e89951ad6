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
ct_failed=0
ct_checks=0
# ct_check DESCRIPTION CMD...: an assertion; the run fails at the end.
ct_check() {
	ct_desc=$1
	shift
	ct_checks=$((ct_checks + 1))
	if "$@"; then
		echo "ok   $ct_desc"
	else
		echo "FAIL $ct_desc"
		ct_failed=1
		return 1
	fi
}
ct_finish() {
	echo "$ct_checks checks, $([ "$ct_failed" -eq 0 ] && echo passed || echo FAILED)"
	exit "$ct_failed"
}
