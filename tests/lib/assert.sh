#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The assertions of the shell tests, one style for all, printed as TAP
# ("ok N - WHAT", "not ok N - WHAT", the plan "1..N" at the end), so a log
# reads the same whichever test wrote it.  Source it (POSIX sh and bash).
#
#   check WHAT CMD...   CMD's status is the assertion; the run goes on and
#                       fails at the end (for tests that report every check)
#   ok WHAT             an assertion the caller tested itself passed
#   fail WHAT           an assertion failed and the run cannot go on: runs
#                       assert_diag (a test may define it to show its logs
#                       on stderr) and exits 1
#   skip_all WHY        nothing here can run: the plan "1..0 # SKIP", exit 77
#   finish              the plan; returns 1 when a check failed or none ran.
#                       A test calls it last, so its status is the test's
#                       (a call that always exited would hide from shellcheck
#                       the functions that checks call by name).
ASSERT_COUNT=0
ASSERT_FAILED=0

assert_diag() { :; }

check() {
	assert_what=$1
	shift
	ASSERT_COUNT=$((ASSERT_COUNT + 1))
	if "$@"; then
		echo "ok $ASSERT_COUNT - $assert_what"
	else
		echo "not ok $ASSERT_COUNT - $assert_what"
		ASSERT_FAILED=1
	fi
	return 0
}

ok() {
	ASSERT_COUNT=$((ASSERT_COUNT + 1))
	echo "ok $ASSERT_COUNT - $*"
}

fail() {
	ASSERT_COUNT=$((ASSERT_COUNT + 1))
	echo "not ok $ASSERT_COUNT - $*"
	echo "FAIL: $*" >&2
	assert_diag >&2
	exit 1
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 77
}

finish() {
	if [ "$ASSERT_COUNT" -eq 0 ]; then
		echo "# no checks ran"
		return 1
	fi
	echo "1..$ASSERT_COUNT"
	return "$ASSERT_FAILED"
}
