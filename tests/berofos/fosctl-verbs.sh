#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every fosctl verb against fosemu on 127.0.0.1, each checked on the
# emulator's state or log, and the state surviving an emulator restart.
set -eu
. "$(dirname "$0")/lib.sh"

cat >"$work/hook.sh" <<HOOK
#!/bin/sh
echo "\$1 \$2" >>"$work/hook.out"
HOOK
chmod 755 "$work/hook.sh"
emu_start -H "$work/hook.sh"

expect_rc 0 fos scan
grep -q "^$MAC ip=192.168.0.2 http_port=$HTTP_PORT" "$work/out" || fail "scan did not list the switch"
expect_rc 0 fos --json scan
grep -q "\"mac\":\"$MAC\"" "$work/out" || fail "scan --json"
ok scan

expect_rc 0 fos show
head -n 1 "$work/out" | grep -qx '1_sz=0' || fail "show: first key"
grep -qx '4_mode=0' "$work/out" || fail "show: factory mode 0"
expect_rc 0 fos --json show
grep -q '"4_mode":false' "$work/out" || fail "show --json"
ok show

expect_rc 0 fos get 4_mode
[ "$(cat "$work/out")" = 0 ] || fail "get 4_mode"
expect_rc 0 fos get wdogitime
[ "$(cat "$work/out")" = 60 ] || fail "get wdogitime by its vendor name"
ok get

expect_rc 0 fos set wdogitime=30
expect_rc 0 fos get 2_wintv
[ "$(cat "$work/out")" = 30 ] || fail "set wdogitime"
expect_rc 0 fos set hostname=gw-fos1
expect_rc 0 fos get 3_dn
[ "$(cat "$work/out")" = gw-fos1 ] || fail "set hostname"
expect_rc 2 fos set mode=7
grep -q 'takes 0 or 1' "$work/err" || fail "set: bad value message"
expect_rc 2 fos set 0_wretv=1
ok set

expect_rc 0 fos mode master
expect_rc 0 fos mode
grep -q '^master (mode 1, A-B)' "$work/out" || fail "mode master"
grep -q 'relay mode 0 -> 1 (A-B) cause=http' "$work/emu.log" || fail "mode change not logged"
expect_rc 0 fos --json mode status
grep -q '"side":"master"' "$work/out" || fail "mode --json"
expect_rc 0 fos mode slave
expect_rc 0 fos get mode
[ "$(cat "$work/out")" = 0 ] || fail "mode slave"
expect_rc 2 fos mode sideways
ok mode

expect_rc 0 fos power 0 on
expect_rc 0 fos power 0 status
[ "$(cat "$work/out")" = "power 0 on" ] || fail "power 0 on"
expect_rc 0 fos power 1 on
expect_rc 0 fos power 1 off
expect_rc 0 fos --json power 1 status
grep -q '"on":false' "$work/out" || fail "power 1 off"
expect_rc 2 fos power 2 on
tries=0
while [ "$(wc -l <"$work/hook.out" 2>/dev/null || echo 0)" -lt 3 ] && [ "$tries" -lt 20 ]; do
	tries=$((tries + 1))
	sleep 0.1
done
[ "$(tr '\n' ' ' <"$work/hook.out")" = "0 on 1 on 1 off " ] || fail "power hook calls: $(cat "$work/hook.out")"
ok power

expect_rc 0 fos watchdog on
expect_rc 0 fos watchdog status
grep -q '^watchdog on, interval 30s' "$work/out" || fail "watchdog on"
expect_rc 0 fos kick
sleep 0.2
grep -q 'kick accepted' "$work/emu.log" || fail "kick not accepted"
expect_rc 0 fos watchdog off
expect_rc 0 fos --json watchdog
grep -q '"state":"off"' "$work/out" || fail "watchdog off"
ok watchdog kick

expect_rc 0 fos ping
expect_rc 5 fos -m 00:19:32:00:00:99 -t 0.5 ping
ok ping

expect_rc 9 fos netconf 10.0.0.9 255.255.255.0 10.0.0.1
grep -q 'only in flash mode' "$work/err" || fail "netconf outside flash mode: message"
expect_rc 2 fos netconf 10.0.0.9 255.255.255.0 nogateway
ok "netconf refused outside flash mode"

expect_rc 0 fos -c "$work/cred" passwd
[ "$(stat -c '%a %u' "$work/cred")" = "600 0" ] || fail "passwd: credentials file mode"
expect_rc 6 fos show
expect_rc 0 fos -c "$work/cred" get pwd
[ "$(cat "$work/out")" = 1 ] || fail "passwd: protection on"
grep -q "$(cat "$work/cred")" "$work/emu.log" && fail "the password appears in the log"
expect_rc 0 fos -c "$work/cred" passwd
expect_rc 0 fos -c "$work/cred" mode master
ok passwd

# The configuration file: a section per switch, options override it, and a
# password inside it is refused.
cat >"$work/berofos.conf" <<CONF
[fos1]
url = http://127.0.0.1:$HTTP_PORT
password_file = $work/cred
mac = $MAC
udp_addr = 127.0.0.1
udp_port = $UDP_PORT
timeout_ms = 2000

[leaky]
url = http://127.0.0.1:$HTTP_PORT
password = secret
CONF
expect_rc 0 "$FOSCTL" -f "$work/berofos.conf" -s fos1 mode
grep -q '^master' "$work/out" || fail "--switch fos1 mode"
expect_rc 0 "$FOSCTL" -f "$work/berofos.conf" -s fos1 ping
expect_rc 3 "$FOSCTL" -f "$work/berofos.conf" -s leaky show
grep -q 'holds a password' "$work/err" || fail "password in config file not refused"
expect_rc 3 "$FOSCTL" -f "$work/berofos.conf" -s nosuch show
expect_rc 3 "$FOSCTL" -f "$work/berofos.conf" -s fos1 -c /dev/null show
grep -q "not a regular file" "$work/err" || fail "-c did not override the config file"
ok "config file sections"

# Persistent state: a restarted emulator keeps mode, hostname and password.
emu_stop
[ "$(stat -c '%a' "$work/state")" = 600 ] || fail "state file is not 0600"
emu_start
expect_rc 0 fos -c "$work/cred" get 3_dn
[ "$(cat "$work/out")" = gw-fos1 ] || fail "state lost on restart"
expect_rc 0 fos -c "$work/cred" mode
grep -q '^master' "$work/out" || fail "mode lost on restart"
ok persistence

# In flash mode SET_NETCONF is taken.
emu_stop
emu_start --flash-mode
expect_rc 0 fos netconf 10.0.0.9 255.255.255.0 10.0.0.1
expect_rc 0 fos scan
grep -q "^$MAC ip=10.0.0.9 " "$work/out" || fail "netconf not applied: $(cat "$work/out")"
ok "netconf in flash mode"
finish
