#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# linesw against fosemu: the relays follow start and the watchdog takes
# over after stop; every failure of the switch maps to its OCF code within
# the operation's timeout (unreachable, stalled, wrong password, unusable
# credentials file) and leaves no fos-kickd behind; monitor notices relays
# moved away and a dead fos-kickd.
set -eu
. "$(dirname "$0")/lib.sh"

WINTV=2
make_credentials 'right-password'
emu_start -w "$work/cred"
OCF_RESKEY_host=127.0.0.1
OCF_RESKEY_port=$HTTP_PORT
OCF_RESKEY_udp_port=$UDP_PORT
OCF_RESKEY_mac=$MAC
OCF_RESKEY_credentials=$work/cred
OCF_RESKEY_wintv=$WINTV
OCF_RESKEY_kick_interval=300
OCF_RESKEY_fosctl=$FOSCTL
OCF_RESKEY_fos_kickd=$KICKD
OCF_RESKEY_CRM_meta_timeout=5000
export OCF_RESKEY_host OCF_RESKEY_port OCF_RESKEY_udp_port OCF_RESKEY_mac \
	OCF_RESKEY_credentials OCF_RESKEY_wintv OCF_RESKEY_kick_interval \
	OCF_RESKEY_fosctl OCF_RESKEY_fos_kickd OCF_RESKEY_CRM_meta_timeout
fosp() { fos -c "$work/cred" "$@"; }
mode_is() {                      # the relay mode as fosctl normalises it
	expect_rc 0 fosp mode
	case $(cat "$work/out") in
	*"(mode $1,"*) return 0 ;;
	esac
	return 1
}
no_kickd() {
	for f in "$HA_RSCTMP"/*kickd*; do
		[ ! -e "$f" ] || fail "fos-kickd pidfile left: $f"
	done
}

# --- primary side: start, monitor, the watchdog after stop -------------------
OCF_RESKEY_side=primary
export OCF_RESKEY_side
expect_agent 7 linesw monitor
expect_agent 0 linesw start
mode_is 1 || fail "start did not point the relays at the primary"
expect_agent 0 linesw monitor
sleep $((WINTV + 1))
mode_is 1 || fail "the watchdog ran out although fos-kickd was feeding it"
expect_agent 0 linesw monitor
ok "primary: start sets mode 1, fos-kickd keeps it over $((WINTV + 1)) s"

# Someone moves the relays: monitor fails.
expect_rc 0 fosp mode slave
expect_agent 1 linesw monitor
grep -q 'point away' "$work/err" || fail "no reason: $(cat "$work/err")"
expect_agent 0 linesw start
expect_agent 0 linesw monitor
ok "relays moved away: monitor 1; start again recovers"

# Someone turns the watchdog off: nothing would move the lines if this
# node died, so monitor fails; start turns it on again.
expect_rc 0 fosp watchdog off
expect_agent 1 linesw monitor
grep -q 'watchdog is off' "$work/err" || fail "no reason: $(cat "$work/err")"
expect_agent 0 linesw start
expect_agent 0 linesw monitor
ok "watchdog turned off: monitor 1; start again recovers"

# fos-kickd killed: monitor fails, and the switch falls back by itself.
kill -9 "$(cat "$HA_RSCTMP"/*kickd.pid)"
expect_agent 1 linesw monitor
t0=$(now_ms)
while ! mode_is 0; do
	[ $(($(now_ms) - t0)) -le $(((WINTV + 1) * 1000)) ] || fail "no fallback after fos-kickd died"
	sleep 0.1
done
ok "fos-kickd killed: monitor 1, switch fell back to the backup in $(($(now_ms) - t0)) ms"
expect_agent 0 linesw stop
no_kickd
expect_agent 7 linesw monitor

# Clean stop without release: the watchdog moves the lines within wintv.
expect_agent 0 linesw start
mode_is 1 || fail "restart after a latched watchdog failure did not take the lines"
expect_agent 0 linesw stop
t0=$(now_ms)
no_kickd
while ! mode_is 0; do
	[ $(($(now_ms) - t0)) -le $(((WINTV + 1) * 1000)) ] || fail "no fallback after stop"
	sleep 0.1
done
ok "stop: fos-kickd stopped, lines fell back in $(($(now_ms) - t0)) ms (wintv ${WINTV} s)"

# release_on_stop on the backup side: relays go to the primary at once.
OCF_RESKEY_side=backup
expect_agent 0 linesw start
mode_is 0 || fail "backup start did not point the relays at the backup"
OCF_RESKEY_release_on_stop=true expect_agent 0 linesw stop
mode_is 1 || fail "release_on_stop did not set the relays away"
ok "backup: start sets mode 0; release_on_stop sets mode 1 at once"

# A slow switch (each fosctl call 2.9 s) on stop with release: setting and
# reading back the relays would take 6 s; one deadline for the whole stop
# keeps it within the operation's 5 s timeout.
printf '#!/bin/sh\nsleep 2.9\nexec "%s" "$@"\n' "$FOSCTL" >"$work/slow-fosctl"
chmod 755 "$work/slow-fosctl"
expect_agent 0 linesw start
t0=$(now_ms)
OCF_RESKEY_fosctl=$work/slow-fosctl OCF_RESKEY_release_on_stop=true expect_agent 0 linesw stop
elapsed=$(($(now_ms) - t0))
[ "$elapsed" -lt 5000 ] || fail "stop with a slow switch took $elapsed ms, over the 5 s timeout"
no_kickd
ok "slow switch: stop with release_on_stop ends in $elapsed ms (timeout 5000 ms)"

# Firmware that writes booleans as "checked" or empty (protocol page 1.1):
# linesw reads the relay mode as libberofos normalises it.
emu_stop
emu_start -w "$work/cred" --checked-bools
OCF_RESKEY_port=$HTTP_PORT
OCF_RESKEY_udp_port=$UDP_PORT
OCF_RESKEY_side=primary
expect_agent 0 linesw start
mode_is 1 || fail "start did not point the relays at the primary (checked booleans)"
expect_agent 0 linesw monitor
OCF_RESKEY_release_on_stop=true expect_agent 0 linesw stop
mode_is 0 || fail "release_on_stop did not set the relays away (checked booleans)"
ok "booleans served as checked/empty: start, monitor, release_on_stop stop work"

# --- failures ------------------------------------------------------------------
OCF_RESKEY_side=primary
printf 'wrong-password\n' >"$work/badcred"
chmod 600 "$work/badcred"
OCF_RESKEY_credentials=$work/badcred expect_agent 4 linesw start
no_kickd
ok "wrong password: start returns 4 (OCF_ERR_PERM), no fos-kickd left"

chmod 644 "$work/badcred"
OCF_RESKEY_credentials=$work/badcred expect_agent 5 linesw start
no_kickd
ok "world-readable credentials file: 5 (OCF_ERR_INSTALLED)"

# validate-all (pcs --agent-validation) catches what start would fail on.
OCF_RESKEY_credentials=$work/badcred expect_agent 5 linesw validate-all
grep -q 'mode 0600' "$work/err" || fail "no reason: $(cat "$work/err")"
chmod 600 "$work/badcred"
chown 65534 "$work/badcred"
OCF_RESKEY_credentials=$work/badcred expect_agent 5 linesw validate-all
grep -q 'owned by root' "$work/err" || fail "no reason: $(cat "$work/err")"
printf '[fos1]\nurl = http://127.0.0.1:%s\nmac = %s\npassword_file = %s\n' \
	"$HTTP_PORT" "$MAC" "$work/badcred" >"$work/berofos.conf"
OCF_RESKEY_host='' OCF_RESKEY_config=$work/berofos.conf OCF_RESKEY_switch=nosuch \
	expect_agent 5 linesw validate-all
grep -q 'nosuch' "$work/err" || fail "no reason: $(cat "$work/err")"
OCF_RESKEY_host='' OCF_RESKEY_credentials='' OCF_RESKEY_config=$work/berofos.conf \
	OCF_RESKEY_switch=fos1 expect_agent 5 linesw validate-all
grep -q 'owned by root' "$work/err" || fail "section's password_file not checked: $(cat "$work/err")"
chown 0 "$work/badcred"
OCF_RESKEY_host='' OCF_RESKEY_credentials='' OCF_RESKEY_config=$work/berofos.conf \
	OCF_RESKEY_switch=fos1 expect_agent 0 linesw validate-all
ok "validate-all: 5 for credentials world-readable or not root's (parameter or section), missing section"

OCF_RESKEY_side=sideways expect_agent 6 linesw start
OCF_RESKEY_kick_interval=1000 expect_agent 6 linesw validate-all
OCF_RESKEY_host='' expect_agent 6 linesw validate-all
OCF_RESKEY_fosctl=/nonexistent/fosctl expect_agent 5 linesw start
ok "bad parameters: 6 (side, kick interval over wintv/3, no host), 5 (no fosctl)"

# A missing tool does not fail stop: stop needs only to end fos-kickd.
expect_agent 0 linesw start
OCF_TESTER_FAIL_HAVE_BINARY=1 expect_agent 0 linesw stop
no_kickd
expect_agent 7 linesw monitor
ok "stop with a tool missing (have_binary fails): 0, fos-kickd stopped"

# Unreachable: the emulator is gone, its port is closed.
emu_stop
t0=$(now_ms)
expect_agent 1 linesw start
elapsed=$(($(now_ms) - t0))
[ "$elapsed" -lt 5000 ] || fail "start took $elapsed ms, over the 5 s timeout"
grep -q 'unreachable' "$work/err" || fail "no reason: $(cat "$work/err")"
no_kickd
ok "switch unreachable: start 1 in $elapsed ms, no fos-kickd left"

# Stalled: connections accepted, never answered; bounded by the timeout.
emu_start -w "$work/cred" --stall-http
OCF_RESKEY_port=$HTTP_PORT
t0=$(now_ms)
expect_agent 1 linesw start
elapsed=$(($(now_ms) - t0))
[ "$elapsed" -lt 5000 ] || fail "start took $elapsed ms, over the 5 s timeout"
no_kickd
ok "switch stalled: start 1 in $elapsed ms (timeout 5000 ms), no fos-kickd left"
expect_agent 0 linesw stop
OCF_RESKEY_CRM_meta_interval=0 expect_agent 7 linesw monitor
ok "stop and probe answer without the switch"
finish
