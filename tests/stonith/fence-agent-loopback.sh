#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fence_berofos against fosemu on 127.0.0.1, as Pacemaker runs it (options
# on stdin) and as an administrator does (command line): meta-data that
# stonith_admin shows, every action with fence-agents exit codes, the
# password channels (stdin, password_script, password_file; never argv or
# $FOS_PASSWORD), delay, and the failures (wrong password, unreachable
# switch, stuck relay, unknown plug) that must never report success.
set -eu
. "$(dirname "$0")/lib.sh"

FA=$FENCE_AGENT
fa() {
	"$FA" -a "127.0.0.1:$HTTP_PORT" --password-file="$PWFILE" --hostmap="gw1:0 gw2:1" \
		--shell-timeout=1 "$@"
}
PWFILE=$work/cred
# The notes of a background on that failed (reset.h), here not in /run.
WS_RUNDIR=$work/run
export WS_RUNDIR

# fails CMD...: exits 1 and every stderr line fits an exit reason (128).
fails() {
	expect_rc 1 "$@"
	if awk 'length($0) > 128 { bad = 1 } END { exit !bad }' "$work/err"; then
		fail "'$*': a message longer than 128 characters: $(cat "$work/err")"
	fi
}

expect_rc 0 "$FA" -o metadata
cp "$work/out" "$work/meta.xml"
xmllint --noout "$work/meta.xml" || fail "meta-data is not well-formed XML"
for action in on off reboot status list list-status monitor metadata manpage validate-all; do
	grep -q "<action name=\"$action\"" "$work/meta.xml" || fail "meta-data lacks action $action"
done
in_overlay stonith_admin --metadata -a fence_berofos >"$work/out" 2>"$work/err" ||
	fail "stonith_admin --metadata -a fence_berofos: $(cat "$work/err")"
grep -q 'parameter name="password_file"' "$work/out" || fail "stonith_admin meta-data"
grep -q '<parameter name="port" unique="0" required="0" deprecated="1">' "$work/meta.xml" ||
	fail "meta-data: port is not a deprecated alias"
grep -q '<parameter name="plug" unique="0" required="0" obsoletes="port">' "$work/meta.xml" ||
	fail "meta-data: plug does not obsolete port"
expect_rc 0 "$FA" -o META-DATA
cmp -s "$work/out" "$work/meta.xml" || fail "-o META-DATA differs from -o metadata"
expect_rc 0 "$FA" -o manpage
cmp -s "$work/out" "$work/meta.xml" || fail "-o manpage does not print the meta-data (fence-agents do)"
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
[ "$(cat "$work/out")" = "gw1,power-port-0
gw2,power-port-1" ] || fail "list: $(cat "$work/out")"
expect_rc 0 fa -o off -n gw1
expect_rc 0 fa -o List-Status -C ';'
[ "$(cat "$work/out")" = "gw1;power-port-0;OFF
gw2;power-port-1;ON" ] || fail "list-status: $(cat "$work/out")"
expect_rc 0 fa -o ON -n gw1
expect_rc 0 fa -o monitor
expect_rc 0 fa -o validate-all -n gw1
ok "status (0 on, 2 off), on by port number, list, list-status, case-insensitive actions, monitor, validate-all"

fails fa -o validate-all -n gw3
grep -q "gw3" "$work/err" || fail "validate-all: unknown plug message"
fails "$FA" -a 127.0.0.1 --password-file="$work/nonexistent" -o validate-all
grep -q 'nonexistent' "$work/err" || fail "validate-all: missing password file message"
cp "$work/cred" "$work/cred-readable"
chmod 640 "$work/cred-readable"
fails "$FA" -a 127.0.0.1 --password-file="$work/cred-readable" -o validate-all
grep -q 'mode 0600' "$work/err" || fail "validate-all: group-readable password file message"
ok "validate-all: unknown plug, missing or group-readable password file: exit 1"

# reboot_events FROM_LINE: the power port 0 events of the emulator since.
reboot_events() {
	tail -n +"$(($1 + 1))" "$work/emu.log" | grep -o 'power 0 o[nf]*' | tr '\n' ' '
}
lines_before=$(wc -l <"$work/emu.log")
expect_rc 0 fa -o reboot -n gw1 --reset-wait=0.2 --reset-mode=wait
grep -q 'Success: Rebooted' "$work/out" || fail "reboot output"
power_is 0 on || fail "reset_mode=wait: the reboot returned before the on"
[ "$(reboot_events "$lines_before")" = "power 0 off power 0 on " ] ||
	fail "reboot events: $(reboot_events "$lines_before")"
ok "reboot, reset_mode=wait: off, wait, on, then success"

# The default: success on the confirmed off; the on follows in a process of
# its own, which holds none of the agent's descriptors (the fencer reads
# them until they close: the command substitution would hang otherwise).
lines_before=$(wc -l <"$work/emu.log")
t0=$(now_ms)
out=$(fa -v -o reboot -n gw1 --reset-wait=1 2>"$work/err") || fail "background reboot: $(cat "$work/err")"
reboot_ms=$(($(now_ms) - t0))
[ "$out" = "Success: Rebooted" ] || fail "background reboot output: $out"
power_is 0 off || fail "background reboot: power port 0 on when the agent returned"
[ "$reboot_ms" -lt 1000 ] || fail "background reboot waited for the on ($reboot_ms ms)"
grep -q 'switches it on again in 1000 ms' "$work/err" || fail "background reboot message: $(cat "$work/err")"
await_power 0 on "background reboot"
[ "$(reboot_events "$lines_before")" = "power 0 off power 0 on " ] ||
	fail "background reboot events: $(reboot_events "$lines_before")"
expect_rc 0 fa -o monitor
ok "reboot (default reset_mode=background): success on the off after $reboot_ms ms, on later"

# An on that fails in the background (the password changed meanwhile) is
# reported by the monitor until an on succeeds.
cp "$work/cred" "$work/cred-saved"
expect_rc 0 fa -o reboot -n gw1 --reset-wait=0.5
printf 'not-the-secret\n' >"$work/cred"
i=0
until ls "$WS_RUNDIR"/berofos-left-off.* >/dev/null 2>&1; do
	i=$((i + 1))
	[ "$i" -le 50 ] || fail "failed background on: no note after 5 s"
	sleep 0.1
done
cp "$work/cred-saved" "$work/cred"
power_is 0 off || fail "failed background on: power port 0 reads on"
fails fa -o monitor
grep -q 'power port 0 of http://127.0.0.1:[0-9]* was left off by a reset' "$work/err" ||
	fail "monitor: no left-off message: $(cat "$work/err")"
expect_rc 0 fa -o on -n gw1
expect_rc 0 fa -o monitor
ls "$WS_RUNDIR"/berofos-left-off.* >/dev/null 2>&1 && fail "the note stays after a good on"
ok "a background on that fails: the monitor fails (1) and says so until an on succeeds"

fails fa -o off -n gw3
grep -q "plug 'gw3' is neither" "$work/err" || fail "unknown plug message"
fails fa -o off
grep -q 'needs a plug' "$work/err" || fail "missing plug message"
fails fa -o frobnicate -n 0
fails "$FA" -a "127.0.0.1:$HTTP_PORT" -p "$SECRET" -n 0 -o off
grep -q 'password on stdin or -S/--password-script' "$work/err" || fail "-p message"
fails "$FA" -a "127.0.0.1:$HTTP_PORT" --password="$SECRET" -n 0 -o off
fails "$FA" -a "127.0.0.1:$HTTP_PORT" --pasword="$SECRET" -n 0 -o off
power_is 0 on || fail "a refused command switched power port 0"
ok "unknown plug, missing plug, bad action, password on the command line: exit 1, nothing switched"

# The password through fence-agents' channels.
printf 'action=off\nip=127.0.0.1:%s\npassword="%s"\nport=0\n' "$HTTP_PORT" "$SECRET" >"$work/stdin"
expect_rc 0 "$FA" <"$work/stdin"
power_is 0 off || fail "stdin password: off reported success but power port 0 is on"
printf '#!/bin/sh\necho %s\necho second-line\n' "$SECRET" >"$work/pw.sh"
chmod 700 "$work/pw.sh"
expect_rc 0 "$FA" -a "127.0.0.1:$HTTP_PORT" -S "$work/pw.sh" -n 0 -o on
power_is 0 on || fail "-S: on reported success but power port 0 is off"
printf 'action=off\nip=127.0.0.1:%s\npassword_script=%s\nplug=1\n' "$HTTP_PORT" "$work/pw.sh" >"$work/stdin"
expect_rc 0 "$FA" <"$work/stdin"
power_is 1 off || fail "stdin password_script: power port 1 is on"
expect_rc 0 fa -o on -n 1
printf '#!/bin/sh\nexit 3\n' >"$work/pw-fails.sh"
printf '#!/bin/sh\nsleep 5\n' >"$work/pw-hangs.sh"
chmod 700 "$work/pw-fails.sh" "$work/pw-hangs.sh"
fails "$FA" -a "127.0.0.1:$HTTP_PORT" -S "$work/pw-fails.sh" -n 0 -o off
grep -q 'password_script exited with status 3' "$work/err" || fail "failing script message"
timed "$FA" -a "127.0.0.1:$HTTP_PORT" -S "$work/pw-hangs.sh" --login-timeout=0.5 -n 0 -o off
[ "$RC" -eq 1 ] || fail "hanging password script: exit $RC"
grep -q 'did not finish within 0.500 s' "$work/err" || fail "hanging script message: $(cat "$work/err")"
[ "$ELAPSED_MS" -lt 3000 ] || fail "hanging password script took $ELAPSED_MS ms"
fails "$FA" -a "127.0.0.1:$HTTP_PORT" -S "$work/no-such-script" -n 0 -o off
power_is 0 on || fail "a failed password script switched power port 0"
# $FOS_PASSWORD is fosctl's; the fence agent must not log in with it.
fails env FOS_PASSWORD="$SECRET" "$FA" -a "127.0.0.1:$HTTP_PORT" -n 0 -o off
grep -q 'refused the user name or password' "$work/err" || fail "FOS_PASSWORD was honoured: $(cat "$work/err")"
power_is 0 on || fail "FOS_PASSWORD switched power port 0"
ok "password on stdin (quoted), -S and password_script (first line, bounded, failures clear); \$FOS_PASSWORD ignored"

# delay: before off and reboot, not before on (fence-agents' run_delay).
timed fa -o off -n 1 --delay=1
[ "$RC" -eq 0 ] || fail "off with delay exited $RC: $(cat "$work/err")"
[ "$ELAPSED_MS" -ge 1000 ] || fail "delay=1 off took only $ELAPSED_MS ms"
delay_ms=$ELAPSED_MS
printf 'action=on\nip=127.0.0.1:%s\npassword_file=%s\nplug=1\ndelay=1\n' "$HTTP_PORT" "$PWFILE" >"$work/stdin"
t0=$(now_ms)
expect_rc 0 "$FA" <"$work/stdin"
on_ms=$(($(now_ms) - t0))
[ "$on_ms" -lt 1000 ] || fail "delay applied to on ($on_ms ms)"
ok "delay=1: off after $delay_ms ms, on not delayed ($on_ms ms)"

umask 077
printf 'not-the-secret\n' >"$work/wrong"
umask 022
PWFILE=$work/wrong
fails fa -o off -n gw1
grep -q 'refused the user name or password' "$work/err" || fail "auth failure message"
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

# The fence guard (as in the plugin's test): the live master that kicks is
# spared, the backup fenced at once, the master fenced once its kicks stop.
emu_stop
emu_start_powered
guard_feed
expect_rc 1 fa --primary-node=gw1 -o off -n gw1
grep -q 'refused by the guard: the master holds the lines and still kicks' "$work/err" ||
	fail "guard: refusal message: $(cat "$work/err")"
power_is 0 on || fail "guard: a refused fencing switched power port 0"
printf 'action=off\nip=127.0.0.1:%s\npassword_file=%s\nhostmap=gw1:0 gw2:1\nprimary_node=gw1\nlan_map=gw1=127.0.0.11 gw2=127.0.0.12\nplug=gw2\n' \
	"$HTTP_PORT" "$PWFILE" >"$work/stdin"
expect_rc 0 "$FA" <"$work/stdin"
power_is 1 off || fail "guard: gw2 not fenced (stdin options)"
expect_rc 1 fa --primary-node=gw9 -o off -n gw1
grep -q "primary_node 'gw9' is not a node of the host map" "$work/err" || fail "guard: bad primary_node"
guard_starve
sleep 1.2
expect_rc 0 fa --primary-node=gw1 -o off -n gw1
power_is 0 off || fail "guard: gw1 not fenced after its kicks stopped"
ok "fence guard: live master spared, backup fenced at once (stdin), stalled master fenced"

no_secret_in "$work/err" "$work/out" "$work/emu.log"
ok "the password is in no output and no emulator log"
echo "measured: fence_berofos off (whole process) $off_ms ms"
finish
