#!/bin/sh
# fence_berofos against fosemu on 127.0.0.1, as Pacemaker runs it (options
# on stdin) and as an administrator does (command line): meta-data that
# stonith_admin shows, every action with fence-agents exit codes, and the
# failures (wrong password, unreachable switch, stuck relay, unknown plug,
# a password given as a value) that must never report success.
set -eu
. "$(dirname "$0")/lib.sh"

FA=$FENCE_AGENT
fa() {
	"$FA" -a "127.0.0.1:$HTTP_PORT" --password-file="$PWFILE" --hostmap="gw1:0 gw2:1" \
		--shell-timeout=1 "$@"
}
PWFILE=$work/cred

expect_rc 0 "$FA" -o metadata
cp "$work/out" "$work/meta.xml"
xmllint --noout "$work/meta.xml" || fail "meta-data is not well-formed XML"
for action in on off reboot status list monitor metadata validate-all; do
	grep -q "<action name=\"$action\"" "$work/meta.xml" || fail "meta-data lacks action $action"
done
in_overlay stonith_admin --metadata -a fence_berofos >"$work/out" 2>"$work/err" ||
	fail "stonith_admin --metadata -a fence_berofos: $(cat "$work/err")"
grep -q 'parameter name="password_file"' "$work/out" || fail "stonith_admin meta-data"
in_overlay stonith_admin --list-installed >"$work/out" 2>&1 || true
grep -qx ' *fence_berofos' "$work/out" || fail "stonith_admin -I does not list fence_berofos"
ok "meta-data: well-formed, every action, shown by stonith_admin"

emu_start_powered
# Pacemaker's way: key=value on stdin (port = the plug, nodename besides).
printf 'action=off\nip=127.0.0.1\nipport=%s\nusername=admin\npassword_file=%s\nport=gw2\nnodename=gw2\nhostmap=gw1:0 gw2:1\n' \
	"$HTTP_PORT" "$work/cred" >"$work/stdin"
t0=$(now_ms)
rc=0
"$FA" <"$work/stdin" >"$work/out" 2>"$work/err" || rc=$?
off_ms=$(($(now_ms) - t0))
[ "$rc" -eq 0 ] || fail "stdin off exited $rc: $(cat "$work/err")"
grep -q 'Success: Powered OFF' "$work/out" || fail "off output"
power_is 1 off || fail "off reported success but power port 1 is on"
power_is 0 on || fail "off of gw2 touched power port 0"
[ "$off_ms" -le 1000 ] || fail "off took $off_ms ms"
ok "stdin action=off port=gw2: relay 1 reads off ($off_ms ms, process start included)"

expect_rc 2 fa -o status -n gw2
grep -qx 'Status: OFF' "$work/out" || fail "status output"
expect_rc 0 fa -o on -n 1
expect_rc 0 fa -o status -n gw2
grep -qx 'Status: ON' "$work/out" || fail "status output after on"
expect_rc 0 fa -o list
[ "$(cat "$work/out")" = "gw1,power port 0
gw2,power port 1" ] || fail "list: $(cat "$work/out")"
expect_rc 0 fa -o monitor
expect_rc 0 fa -o validate-all -n gw1
ok "status (0 on, 2 off), on by port number, list, monitor, validate-all"

lines_before=$(wc -l <"$work/emu.log")
expect_rc 0 fa -o reboot -n gw1 --power-wait=0.2
grep -q 'Success: Rebooted' "$work/out" || fail "reboot output"
tail -n +"$((lines_before + 1))" "$work/emu.log" | grep -o 'power 0 o[nf]*' >"$work/events"
[ "$(tr '\n' ' ' <"$work/events")" = "power 0 off power 0 on " ] ||
	fail "reboot events: $(cat "$work/events")"
ok "reboot: off, wait, on"

expect_rc 1 fa -o off -n gw3
grep -q "plug 'gw3' is neither" "$work/err" || fail "unknown plug message"
expect_rc 1 fa -o off
grep -q 'needs a plug' "$work/err" || fail "missing plug message"
expect_rc 1 fa -o frobnicate -n 0
expect_rc 1 "$FA" -a "127.0.0.1:$HTTP_PORT" -p "$SECRET" -n 0 -o off
grep -q 'never given as a value' "$work/err" || fail "password option message"
printf 'action=off\nip=127.0.0.1:%s\npassword=%s\nport=0\n' "$HTTP_PORT" "$SECRET" >"$work/stdin"
expect_rc 1 "$FA" <"$work/stdin"
power_is 0 on || fail "a refused command switched power port 0"
ok "unknown plug, missing plug, bad action, password as a value: exit 1, nothing switched"

umask 077
printf 'not-the-secret\n' >"$work/wrong"
umask 022
PWFILE=$work/wrong
expect_rc 1 fa -o off -n gw1
grep -q 'refused the login (HTTP 401)' "$work/err" || fail "auth failure message"
expect_rc 1 fa -o monitor
expect_rc 1 fa -o status -n gw1
PWFILE=$work/cred
power_is 0 on || fail "wrong password switched power port 0"
ok "wrong password: off, monitor and status fail (1), relay untouched"

emu_stop
expect_rc 1 fa -o off -n gw1
grep -q 'cannot connect' "$work/err" || fail "unreachable message"
expect_rc 1 fa -o reboot -n gw1
expect_rc 1 fa -o monitor
ok "unreachable switch: off, reboot, monitor fail (1)"

emu_start_powered
emu_stop
emu_start -w "$work/cred" --stuck power2
expect_rc 1 fa -o off -n gw2
grep -q 'did not take the change' "$work/err" || fail "stuck relay message"
expect_rc 1 fa -o reboot -n gw2
expect_rc 0 fa -o status -n gw2
ok "stuck relay: off and reboot fail (1), the relay still reads on"

no_secret_in "$work/err" "$work/out" "$work/emu.log"
ok "the password is in no output and no emulator log"
echo "measured: fence_berofos off (whole process) $off_ms ms"
