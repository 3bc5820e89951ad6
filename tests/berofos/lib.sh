#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers of the berofos loopback tests: start fosemu on free
# 127.0.0.1 ports, run fosctl against it, stop only the PIDs we started.
# Sourced by the test scripts; they set -eu themselves.

builddir=${WS_BUILDDIR:-$(cd "$(dirname "$0")/../.." && pwd)/build}
FOSEMU=$builddir/berofos/fosemu
FOSCTL=$builddir/berofos/fosctl
# shellcheck disable=SC2034 # used by the scripts that source this file
KICKD=$builddir/berofos/fos-kickd
MAC=00:19:32:00:12:1d

work=$(mktemp -d /tmp/wsfos-test.XXXXXX)
started_pids=
created_netns=

cleanup() {
	for pid in $started_pids; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in $started_pids; do
		wait "$pid" 2>/dev/null || true
	done
	for ns in $created_netns; do
		ip netns delete "$ns" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# shellcheck source=../lib/assert.sh
. "$(dirname "$0")/../lib/assert.sh"
# On a failed assertion, the emulator's last words.
assert_diag() {
	[ -f "$work/emu.log" ] || return 0
	echo "--- fosemu log:"
	tail -n 30 "$work/emu.log"
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# await_file WHAT -s|-e FILE [PID]: the program WHAT, started in the
# background, has written (-s) or made (-e) FILE within 5 s; with PID, it
# must not exit before.
await_file() {
	tries=0
	until test "$2" "$3"; do
		tries=$((tries + 1))
		[ "$tries" -le 50 ] || fail "$1 did not start"
		[ -z "${4:-}" ] || kill -0 "$4" 2>/dev/null || fail "$1 exited at start"
		sleep 0.1
	done
}

# emu_start [fosemu options]: sets EMU_PID, HTTP_PORT, UDP_PORT.
emu_start() {
	rm -f "$work/ports"
	"$FOSEMU" -a 127.0.0.1 -p 0 -u 0 -P "$work/ports" -m "$MAC" \
		-s "$work/state" -l "$work/emu.log" "$@" &
	EMU_PID=$!
	started_pids="$started_pids $EMU_PID"
	await_file fosemu -s "$work/ports" "$EMU_PID"
	HTTP_PORT=$(sed -n 's/^http_port=//p' "$work/ports")
	UDP_PORT=$(sed -n 's/^udp_port=//p' "$work/ports")
}

emu_stop() {
	kill "$EMU_PID"
	wait "$EMU_PID" || fail "fosemu did not stop cleanly"
}

# fosctl against the running emulator; extra options before the verb.
fos() {
	"$FOSCTL" -h 127.0.0.1 -p "$HTTP_PORT" --udp-addr 127.0.0.1 \
		--udp-port "$UDP_PORT" -m "$MAC" -t 2 "$@"
}

# expect_rc N command...: runs it, output to $work/out and $work/err.
expect_rc() {
	want=$1
	shift
	rc=0
	"$@" >"$work/out" 2>"$work/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		cat "$work/err" >&2
		fail "'$*' exited $rc, wanted $want"
	fi
}

# A root-owned 0600 credentials file holding $1.
make_credentials() {
	umask 077
	printf '%s\n' "$1" >"$work/cred"
	umask 022
}
