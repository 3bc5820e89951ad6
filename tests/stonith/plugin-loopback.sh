#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The cluster-glue plugin `berofos` driven by the stock `stonith` CLI (and
# its meta-data read by Pacemaker's stonith_admin) against fosemu on
# 127.0.0.1: status, host list, off, on, reset each confirmed by the relay's
# state; wrong password, unreachable switch, stuck relay, unknown host and a
# bad configuration fail with their S_* code and a log line, never success.
set -eu
. "$(dirname "$0")/lib.sh"

# S_* codes of <stonith/stonith.h>; the stonith CLI exits with them.
S_OK=0 S_BADCONFIG=1 S_ACCESS=2 S_BADHOST=4 S_RESETFAIL=5 S_TIMEOUT=6

# st ARGS...: the CLI on the emulator; PWFILE picks the credentials file
# (the first of two values of one parameter would win).
PWFILE=$work/cred
# The notes of a background on that failed (reset.h), here not in /run.
WS_RUNDIR=$work/run
export WS_RUNDIR
st() {
	in_overlay stonith -d -t berofos ipaddr="127.0.0.1:$HTTP_PORT" hostmap="gw1:0 gw2:1" \
		password_file="$PWFILE" timeout=1 "$@"
}

in_overlay stonith -L >"$work/out" || fail "stonith -L"
grep -qx berofos "$work/out" || fail "stonith -L does not list berofos"
in_overlay stonith -t berofos -n >"$work/out" || fail "stonith -n"
[ "$(tr -s ' \t' '  ' <"$work/out" | sed 's/ *$//')" = \
  "ipaddr hostmap login password_file timeout reset_wait primary_node lan_map kick_stall probe_timeout" ] ||
	fail "params: $(cat "$work/out")"
in_overlay stonith -t berofos -m >"$work/meta.xml" || fail "stonith -m"
xmllint --noout "$work/meta.xml" || fail "meta-data is not well-formed XML"
grep -q 'parameter name="password_file"' "$work/meta.xml" || fail "meta-data lacks password_file"
if grep -q 'parameter name="password"' "$work/meta.xml"; then
	fail "meta-data offers a password parameter"
fi
in_overlay stonith_admin --metadata -a berofos >"$work/out" 2>"$work/err" ||
	fail "stonith_admin --metadata -a berofos: $(cat "$work/err")"
grep -q 'parameter name="hostmap"' "$work/out" || fail "Pacemaker's meta-data lacks hostmap"
ok "stonith -L lists berofos, -n its parameters, -m meta-data Pacemaker reads"

emu_start_powered
expect_rc "$S_OK" st -S
expect_rc "$S_OK" st -l
[ "$(tr '\n' ' ' <"$work/out")" = "gw1 gw2 " ] || fail "host list: $(cat "$work/out")"
ok "status and host list"

timed st -T off gw2
[ "$RC" -eq "$S_OK" ] || fail "-T off gw2 exited $RC: $(cat "$work/err")"
power_is 1 off || fail "-T off reported success but power port 1 is on"
power_is 0 on || fail "-T off gw2 touched power port 0"
off_ms=$ELAPSED_MS
[ "$off_ms" -le 1000 ] || fail "-T off took $off_ms ms"
expect_rc "$S_OK" st -T on gw2
power_is 1 on || fail "-T on reported success but power port 1 is off"
ok "-T off gw2 ($off_ms ms: CLI start, plugin load, request, read-back off), -T on gw2"

lines_before=$(wc -l <"$work/emu.log")
timed st reset_wait=0.3 reset_mode=wait -T reset GW1
[ "$RC" -eq "$S_OK" ] || fail "-T reset gw1 exited $RC: $(cat "$work/err")"
power_is 0 on || fail "power port 0 did not come back after the reset"
tail -n +"$((lines_before + 1))" "$work/emu.log" | grep -o 'power 0 o[nf]*' >"$work/events"
[ "$(tr '\n' ' ' <"$work/events")" = "power 0 off power 0 on " ] ||
	fail "reset events: $(cat "$work/events")"
[ "$ELAPSED_MS" -ge 300 ] || fail "reset kept the power off for less than reset_wait"
ok "-T reset GW1 (any case), reset_mode=wait: off, 0.3 s, on, in $ELAPSED_MS ms"

# The default: the reset succeeds on the confirmed off, the on comes later
# from a process of its own (the CLI, like Heartbeat, does not wait for it).
lines_before=$(wc -l <"$work/emu.log")
timed st reset_wait=1 -T reset gw1
[ "$RC" -eq "$S_OK" ] || fail "background reset exited $RC: $(cat "$work/err")"
power_is 0 off || fail "background reset: power port 0 on when the CLI returned"
[ "$ELAPSED_MS" -lt 1000 ] || fail "background reset waited for the on ($ELAPSED_MS ms)"
reset_ms=$ELAPSED_MS
await_power 0 on "background reset"
tail -n +"$((lines_before + 1))" "$work/emu.log" | grep -o 'power 0 o[nf]*' >"$work/events"
[ "$(tr '\n' ' ' <"$work/events")" = "power 0 off power 0 on " ] ||
	fail "background reset events: $(cat "$work/events")"
expect_rc "$S_OK" st -S
expect_rc "$S_BADCONFIG" st reset_mode=later -S
grep -q "reset mode 'later': give background or wait" "$work/err" || fail "bad reset_mode log line"
ok "-T reset (default reset_mode=background): success on the off in $reset_ms ms, the on later; a bad reset_mode refused"

expect_rc "$S_BADHOST" st -T off gw3
grep -q "host 'gw3' is not in the host map" "$work/err" || fail "unknown host log line"
ok "unknown host: S_BADHOST and a log line"

expect_rc "$S_BADCONFIG" in_overlay stonith -d -t berofos ipaddr="127.0.0.1:$HTTP_PORT" \
	hostmap="gw1:2" -S
grep -q 'bad configuration: host map entry' "$work/err" || fail "bad config log line"
expect_rc "$S_BADCONFIG" in_overlay stonith -d -t berofos ipaddr="127.0.0.1:$HTTP_PORT" \
	hostmap="gw1:0" password_file=relative -S
ok "bad configuration: S_BADCONFIG and a log line"

# Wrong password: refused, nothing switched, and no password in any log.
umask 077
printf 'not-the-secret\n' >"$work/wrong"
umask 022
PWFILE=$work/wrong
expect_rc "$S_ACCESS" st -T off gw1
grep -q 'refused the login (HTTP 401)' "$work/err" || fail "auth failure log line"
power_is 0 on || fail "a refused fencing request switched power port 0"
expect_rc "$S_ACCESS" st -S
PWFILE=$work/cred
ok "wrong password: S_ACCESS, relay untouched"

# Credentials file others can read: refused before anything is sent.
chmod 644 "$work/cred"
expect_rc "$S_BADCONFIG" st -T off gw1
grep -q 'must be owned by root with mode 0600' "$work/err" || fail "unsafe credentials log line"
chmod 600 "$work/cred"
power_is 0 on || fail "unsafe credentials: power port 0 switched"
ok "credentials file readable by others: S_BADCONFIG"

emu_stop
timed st -T off gw1
[ "$RC" -eq "$S_ACCESS" ] || fail "unreachable switch: exited $RC, wanted $S_ACCESS"
grep -q 'cannot connect' "$work/err" || fail "unreachable log line"
[ "$ELAPSED_MS" -le 2500 ] || fail "unreachable took $ELAPSED_MS ms"
expect_rc "$S_ACCESS" st -S
ok "unreachable switch: S_ACCESS in $ELAPSED_MS ms"

emu_start --stall-http
timed st -T off gw1
[ "$RC" -eq "$S_TIMEOUT" ] || fail "silent switch: exited $RC, wanted $S_TIMEOUT"
emu_stop
ok "silent switch: S_TIMEOUT after $ELAPSED_MS ms (timeout=1)"

# A relay that does not move: the write is answered 200 but the read-back
# shows it still on.  Fencing must fail.  The relays are switched on
# first, then the emulator restarts on the same state with relay 0 stuck.
emu_start_powered
emu_stop
emu_start -w "$work/cred" --stuck power1
expect_rc "$S_RESETFAIL" st -T off gw1
grep -q 'did not take the change' "$work/err" || fail "stuck relay log line"
power_is 0 on || fail "stuck relay moved"
expect_rc "$S_RESETFAIL" st -T reset gw1
expect_rc "$S_OK" st -T off gw2
ok "stuck relay: off and reset fail with S_RESETFAIL; the other port still works"

# Heartbeat R1 passes stonith_host's words by position (-p), one per
# parameter in the order of -n; "none" leaves the guard off.
emu_stop
emu_start_powered
expect_rc "$S_OK" in_overlay stonith -d -t berofos \
	-p "127.0.0.1:$HTTP_PORT gw1:0,gw2:1 admin $PWFILE 1 0 none none 1 0.1" -S
expect_rc "$S_OK" in_overlay stonith -d -t berofos \
	-p "127.0.0.1:$HTTP_PORT gw1:0,gw2:1 admin $PWFILE 1 0 gw1 gw1=127.0.0.11,gw2=127.0.0.12 1 0.1" -S
# reset_mode is a named parameter only: an eleventh word is refused.
expect_rc 3 in_overlay stonith -d -t berofos \
	-p "127.0.0.1:$HTTP_PORT gw1:0,gw2:1 admin $PWFILE 1 0 none none 1 0.1 wait" -S
# (the CLI's own 3: "Invalid config info" when -p is refused)
expect_rc 3 in_overlay stonith -d -t berofos \
	-p "127.0.0.1:$HTTP_PORT gw1:0,gw2:1 admin $PWFILE 1 0 gw9 none 1 0.1" -S
grep -q "primary_node 'gw9' is not a node of the host map" "$work/err" || fail "guard config log line"
ok "positional parameters (R1): ten words, the guard off (none) or on; a bad primary_node or an eleventh word refused"

# The fence guard: gw1 holds the lines and kicks the watchdog, so the
# request to fence it (the backup's side of a split) is refused and
# nothing switches; gw2, which does not hold them, is fenced at once; once
# gw1's kicks stop for kick_stall (1 s), gw1 is fenced too.
guard_feed
timed st primary_node=gw1 -T off gw1
[ "$RC" -eq "$S_RESETFAIL" ] || fail "guard: fencing the live master exited $RC: $(cat "$work/err")"
grep -q 'REFUSED by the guard: the master holds the lines and still kicks' "$work/err" ||
	fail "guard: refusal log line: $(cat "$work/err")"
power_is 0 on || fail "guard: a refused fencing switched power port 0"
expect_rc "$S_OK" st primary_node=gw1 -T off gw2
grep -q 'guard: fencing host gw2: the target does not hold the lines' "$work/err" ||
	fail "guard: log line for the backup"
power_is 1 off || fail "guard: gw2 not fenced"
guard_starve
sleep 1.2
expect_rc "$S_OK" st primary_node=gw1 -T off gw1
grep -q 'watchdog kicks stopped' "$work/err" || fail "guard: stalled kicks log line: $(cat "$work/err")"
power_is 0 off || fail "guard: gw1 not fenced after its kicks stopped"
ok "fence guard: live master spared ($ELAPSED_MS ms watched), backup fenced at once, stalled master fenced"

no_secret_in "$work/err" "$work/out" "$work/emu.log"
ok "the password is in no output and no emulator log"
echo "measured: stonith -T off (whole CLI run) $off_ms ms"
finish
