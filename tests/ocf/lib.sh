#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers of the agents' loopback tests: the berofos helpers (fosemu
# on free 127.0.0.1 ports, cleanup of the PIDs we started) plus the agents'
# environment.  Sourced by the test scripts; they set -eu themselves.

# shellcheck source=../berofos/lib.sh
. "$(dirname "$0")/../berofos/lib.sh"

srcdir=${WS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
OCFDIR=$srcdir/ocf
# shellcheck disable=SC2034 # used by the scripts that source this file
R1DIR=$srcdir/ocf/resource.d
OCF_ROOT=/usr/lib/ocf
HA_RSCTMP=$work/rsctmp
mkdir -p "$HA_RSCTMP"
# ocf-tester runs meta-data as nobody: the agents must be reachable by
# nobody, which the source tree need not be (a 0700 build directory), so
# the tests run copies from the work directory.
chmod 755 "$work"
mkdir -p "$work/agents"
cp -p "$OCFDIR/gateway" "$OCFDIR/linesw" "$OCFDIR/l2link" "$OCFDIR/ws-common.sh" "$work/agents/"
OCFDIR=$work/agents
export OCF_ROOT HA_RSCTMP

# agent NAME ACTION: runs ocf/NAME ACTION with the OCF_RESKEY_ set by the
# caller; the exit status is left in $rc, output in $work/out and $work/err.
# Every exit reason must fit crm_resource's result line (128 characters).
agent() {
	rc=0
	"$OCFDIR/$1" "$2" >"$work/out" 2>"$work/err" || rc=$?
	if sed -n 's/^ocf-exit-reason://p' "$work/err" | awk 'length > 128 { bad = 1 } END { exit !bad }'; then
		cat "$work/err" >&2
		fail "$1 $2: an exit reason is longer than 128 characters"
	fi
}

expect_agent() {                 # WANT NAME ACTION
	agent "$2" "$3"
	if [ "$rc" -ne "$1" ]; then
		cat "$work/err" >&2
		fail "$2 $3 returned $rc, wanted $1"
	fi
}

require_ocf_tester() {
	command -v ocf-tester >/dev/null 2>&1 ||
		fail "ocf-tester not found: install the Debian package resource-agents"
}
