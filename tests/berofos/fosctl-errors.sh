#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Failures an administrator must be able to tell apart: wrong password
# (and nothing changed), unreachable switch, a switch that does not answer,
# a relay that does not move, unsafe credentials files, bad usage.
set -eu
. "$(dirname "$0")/lib.sh"

make_credentials right-secret
emu_start -w "$work/cred"

expect_rc 0 fos -c "$work/cred" mode slave
export FOS_PASSWORD=wrong-secret
expect_rc 6 fos mode master
unset FOS_PASSWORD
grep -q 'refused the login (HTTP 401)' "$work/err" || fail "auth error message: $(cat "$work/err")"
expect_rc 0 fos -c "$work/cred" get mode
[ "$(cat "$work/out")" = 0 ] || fail "a refused write changed the mode"
expect_rc 6 fos -U root -c "$work/cred" get mode
ok "wrong password: auth error, nothing changed"

chmod 644 "$work/cred"
expect_rc 3 fos -c "$work/cred" show
grep -q 'must be owned by root with mode 0600' "$work/err" || fail "credentials mode message"
chmod 600 "$work/cred"
chown nobody "$work/cred"
expect_rc 3 fos -c "$work/cred" show
grep -q 'it is uid [1-9]' "$work/err" || fail "credentials owner message"
chown root "$work/cred"
ln -s "$work/cred" "$work/cred-link"
expect_rc 3 fos -c "$work/cred-link" show
expect_rc 3 fos -c "$work/missing" show
ok "unsafe or missing credentials file refused"

expect_rc 2 fos frobnicate
expect_rc 2 fos power 0
expect_rc 2 fos -t 0 show
ok "usage errors"

# A port nothing listens on: the emulator's, once stopped.
emu_stop
start=$(now_ms)
expect_rc 4 fos -t 2 show
elapsed=$(($(now_ms) - start))
[ "$elapsed" -le 2500 ] || fail "unreachable took $elapsed ms"
grep -q 'cannot connect' "$work/err" || fail "unreachable message"
ok "unreachable reported in $elapsed ms"

emu_start --stall-http
start=$(now_ms)
expect_rc 5 fos -t 1 show
elapsed=$(($(now_ms) - start))
if [ "$elapsed" -lt 900 ] || [ "$elapsed" -gt 2000 ]; then
	fail "timeout took $elapsed ms (bound 1000)"
fi
grep -q 'did not answer within 1000 ms' "$work/err" || fail "timeout message"
ok "silent switch: timeout after $elapsed ms"
emu_stop

rm -f "$work/state"
emu_start --stuck mode --stuck power2
expect_rc 8 fos mode master
grep -q 'did not take the change' "$work/err" || fail "not-confirmed message"
expect_rc 8 fos power 1 on
expect_rc 0 fos power 0 on
ok "stuck relay reported as failed"

# Firmware 1.3.3: setting one field changed others of its group.  The
# client must say so instead of reporting success.
emu_stop
rm -f "$work/state"
emu_start --fw133-group-bug
expect_rc 0 fos set power1def=1
expect_rc 8 fos set modedef=1
grep -q "also changed 1_p0 from '1' to '0'" "$work/err" || fail "side effect not reported: $(cat "$work/err")"
ok "side effect on another field of the group reported"
expect_rc 2 fos --udp-addr 300.1.2.3 kick
grep -q 'not an IPv4 address' "$work/err" || fail "bad GBL4 address message"
ok "bad GBL4 address is a usage error"

# passwd when the switch took the new password but its answer, or the next
# request, got lost: the new password must survive, named in the error.
kept_password() {
	kept=$(sed -n 's/.* it is kept in \([^ ]*\) (root, mode 0600).*/\1/p' "$work/err")
	[ -n "$kept" ] || fail "passwd: no kept file named: $(cat "$work/err")"
	[ -f "$kept" ] || fail "passwd: the new password $kept was deleted"
	[ "$(stat -c '%a %u' "$kept")" = "600 0" ] || fail "passwd: $kept is not root 0600"
	grep -q "mv $kept " "$work/err" || fail "passwd: no hint how to finish"
}
emu_stop
rm -f "$work/state" "$work/cred"
emu_start --drop-reply apwd
expect_rc 5 fos -t 1 -c "$work/cred" passwd
kept_password
grep -q 'admin password changed' "$work/emu.log" || fail "the emulator did not take apwd"
expect_rc 0 fos -c "$kept" set pwd=1
expect_rc 0 fos -c "$kept" show
expect_rc 6 fos show
rm -f "$kept"
ok "passwd: reply to apwd lost, the new password kept"

emu_stop
rm -f "$work/state"
make_credentials old-secret
emu_start -w "$work/cred" --drop-request pwd
expect_rc 5 fos -t 1 -c "$work/cred" passwd
kept_password
[ "$(cat "$work/cred")" = old-secret ] || fail "passwd: the old credentials file changed"
expect_rc 0 fos -c "$kept" show
expect_rc 6 fos -c "$work/cred" show
ok "passwd: second request lost, the new password kept, the old file untouched"

# A switch that ignored the command and reads back a value the device never
# writes: the power port is not off, and fosctl must not say so.
emu_stop
rm -f "$work/state"
emu_start --stuck power1 --bad-value 5_p0=garbage
expect_rc 7 fos power 0 off
grep -q "reads 5_p0='garbage', not a value the device uses" "$work/err" || fail "bad read-back message: $(cat "$work/err")"
expect_rc 7 fos power 0 on
ok "power read back as garbage: bad reply (7), not success"

# --json output keeps slashes as they are (no "\/").
expect_rc 3 fos --json -c "$work/missing" show
grep -qF "\"message\":\"credentials file $work/missing:" "$work/out" || fail "--json escaped the slashes: $(cat "$work/out")"
expect_rc 0 fos --json set hostname=fos-json
expect_rc 0 fos --json show
grep -qF '"3_dn":"fos-json"' "$work/out" || fail "--json show"
ok "--json without slash escapes"

# One bad integer in config.txt: the rest of the page is still read, and
# the bad key is an error only where it is needed.
emu_stop
emu_start --bad-value 2_wintv=sixty
expect_rc 0 fos get mode
expect_rc 0 fos show
grep -q '^2_wintv=' "$work/out" && fail "show printed the bad key"
expect_rc 7 fos watchdog status
grep -q "2_wintv is not a number ('sixty')" "$work/err" || fail "bad integer message: $(cat "$work/err")"
expect_rc 7 fos get wdogitime
ok "a bad integer key spoils only itself"

# A client trickling its request head (one byte every 100 ms) must not hold
# fosemu's single connection: the timeout is per request, not per read.
start=$(now_ms)
closed=$("$builddir/tests/berofos/slow_client" "$HTTP_PORT" 100 60)
[ "$closed" -ge 0 ] || fail "fosemu kept a slow-loris connection open for 6 s"
[ "$closed" -le 1200 ] || fail "fosemu closed a slow-loris connection after $closed ms (bound 1200)"
expect_rc 0 fos get mode
grep -q 'not complete within 500 ms' "$work/emu.log" || fail "slow request not logged"
ok "slow-loris client dropped after $closed ms"
finish
