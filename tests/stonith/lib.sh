#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers of the stonith loopback tests: fosemu on 127.0.0.1 (from
# tests/berofos/lib.sh), and the stock cluster-glue `stonith` CLI and
# Pacemaker's tools seeing our build in a private mount namespace: a copy of
# the stonith2 plugin directory with berofos.so bound over the stock one,
# and /usr/sbin overlaid with fence_berofos.  Nothing is installed on the
# host.  Sourced by the test scripts; they set -eu themselves.

# shellcheck source=../berofos/lib.sh
. "$(dirname "$0")/../berofos/lib.sh"

STONITH2_DIR=/usr/lib/stonith/plugins/stonith2
PLUGIN_SO=$builddir/stonith/.libs/berofos.so
FENCE_AGENT=$builddir/stonith/fence_berofos
SECRET=fence-secret-7

if [ "$(id -u)" -ne 0 ]; then
	skip_all "needs root (mount namespace, root-owned credentials file)"
fi
[ -f "$PLUGIN_SO" ] || fail "$PLUGIN_SO not built"
[ -x "$FENCE_AGENT" ] || fail "$FENCE_AGENT not built"

mkdir -p "$work/stonith2" "$work/sbin"
cp -a "$STONITH2_DIR/." "$work/stonith2/"
cp "$PLUGIN_SO" "$work/stonith2/berofos.so"
cp "$FENCE_AGENT" "$work/sbin/fence_berofos"

# in_overlay CMD...: CMD in a private mount namespace that sees our plugin
# and agent where the stock tools look for them.
in_overlay() {
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m sh -c 'mount --make-rprivate / &&
		mount --bind "$1" "$3" &&
		mount -t overlay overlay -o "lowerdir=$2:/usr/sbin" /usr/sbin &&
		shift 3 && exec "$@"' in_overlay "$work/stonith2" "$work/sbin" "$STONITH2_DIR" "$@"
}

# The emulator with a password, both power ports on.
emu_start_powered() {
	make_credentials "$SECRET"
	rm -f "$work/state"
	emu_start -w "$work/cred"
	fos -c "$work/cred" power 0 on >/dev/null || true
	fos -c "$work/cred" power 1 on >/dev/null || true
}

# power_is PORT on|off: the emulator's live relay, read with fosctl.
power_is() {
	want=1
	[ "$2" = off ] && want=0
	got=$(fos -c "$work/cred" show | sed -n "s/^5_p$1=//p")
	[ "$got" = "$want" ]
}

# await_power PORT on|off WHAT: the relay reads so within 5 s, or fail.
await_power() {
	ap_i=0
	until power_is "$1" "$2"; do
		ap_i=$((ap_i + 1))
		[ "$ap_i" -le 50 ] || fail "$3: power port $1 not $2 after 5 s"
		sleep 0.1
	done
}

# timed CMD...: like expect_rc's run, and sets ELAPSED_MS; status in RC.
# shellcheck disable=SC2034 # read by the scripts that source this file
timed() {
	t0=$(now_ms)
	RC=0
	"$@" >"$work/out" 2>"$work/err" || RC=$?
	ELAPSED_MS=$(($(now_ms) - t0))
}

# no_secret_in FILE...: the password appears in none of them.
no_secret_in() {
	for f in "$@"; do
		if grep -q "$SECRET" "$f"; then
			fail "the password appears in $f"
		fi
	done
}

# The fence guard's loopback set-up: power port 0's node (gw1, the primary)
# holds the lines (mode 1) and a fos-kickd of ours feeds the watchdog every
# 200 ms.  guard_starve stops that feeder (by its PID) as a frozen master's
# would stop.
guard_feed() {
	fos -c "$work/cred" set wdogitime=10 >/dev/null || fail "guard: wdogitime"
	fos -c "$work/cred" mode master >/dev/null || fail "guard: mode master"
	fos -c "$work/cred" watchdog on >/dev/null || fail "guard: watchdog on"
	"$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i 200 -r 1 -p "$work/guard-kickd.pid" \
		-e 2>"$work/guard-kickd.err" &
	GUARD_KICKD_PID=$!
	sleep 0.5
	kill -0 "$GUARD_KICKD_PID" || fail "guard: fos-kickd did not start: $(cat "$work/guard-kickd.err")"
}

guard_starve() {
	kill "$GUARD_KICKD_PID" || true
	wait "$GUARD_KICKD_PID" || true
}
