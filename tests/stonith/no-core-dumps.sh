#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fence_berofos and fosctl hold the switch password: both make themselves
# non-dumpable (prctl PR_SET_DUMPABLE 0) before reading options.  Seen from
# outside: run as an ordinary user, a non-dumpable process's /proc/PID
# files belong to root instead of that user.  Loopback only: the agent
# waits out its delay before it would contact 127.0.0.1:1, fosctl scans
# 127.0.0.1 for its timeout.
set -eu
# shellcheck source=../lib/assert.sh
. "$(dirname "$0")/../lib/assert.sh"
builddir=${WS_BUILDDIR:-$(cd "$(dirname "$0")/../.." && pwd)/build}
FA=$builddir/stonith/fence_berofos
FOSCTL=$builddir/berofos/fosctl
NOBODY=65534

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	skip_all "needs root and setpriv (runs the programs as uid $NOBODY)"
fi
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
}
trap cleanup EXIT

# owner_while_running NAME CMD...: prints the owner uid of /proc/PID/status.
owner_while_running() {
	name=$1
	shift
	setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups "$@" >/dev/null 2>&1 &
	pid=$!
	# Until setpriv has exec'd the program (setpriv itself belongs to root).
	want=$(readlink -f "$(command -v "$1")")
	tries=0
	while [ "$(readlink "/proc/$pid/exe" 2>/dev/null || true)" != "$want" ]; do
		tries=$((tries + 1))
		# (stdout is the caller's value: the TAP line goes to stderr)
		[ "$tries" -le 50 ] || fail "$name did not start or exited early" >&2
		sleep 0.1
	done
	# main() runs after the dynamic loader: give it up to 2 s to get there.
	tries=0
	while owner=$(stat -c %u "/proc/$pid/status") && [ "$owner" != 0 ] && [ "$tries" -lt 20 ]; do
		tries=$((tries + 1))
		sleep 0.1
	done
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	pid=
	echo "$owner"
}

owner=$(owner_while_running fence_berofos "$FA" -a 127.0.0.1:1 -n 0 -o off --delay=3)
[ "$owner" = 0 ] || fail "fence_berofos is dumpable (/proc owner $owner)"
owner=$(owner_while_running fosctl "$FOSCTL" --udp-addr 127.0.0.1 -t 3 scan)
[ "$owner" = 0 ] || fail "fosctl is dumpable (/proc owner $owner)"
# The check itself can fail: a dumpable program shows the user.
owner=$(owner_while_running sleep sleep 3)
[ "$owner" = "$NOBODY" ] || fail "the check is blind (sleep shows owner $owner)"
ok "fence_berofos and fosctl are not dumpable"
finish
