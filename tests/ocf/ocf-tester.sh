#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ocf-tester passes on every agent: gateway with a hooks directory in a
# temporary directory, linesw against fosemu on 127.0.0.1 (password on),
# l2link with a stand-in l2ping (attrd is absent: updates only warn).
set -eu
. "$(dirname "$0")/lib.sh"
require_ocf_tester

# --- gateway --------------------------------------------------------------
mkdir "$work/hooks"
cat >"$work/hooks/10-record" <<HOOK
#!/bin/sh
echo "\$1" >>"$work/hook.log"
HOOK
chmod 755 "$work/hooks/10-record"
ocf-tester -n gw -o hooks="$work/hooks" "$OCFDIR/gateway" >"$work/out" 2>&1 ||
	{ cat "$work/out" >&2; fail "ocf-tester gateway"; }
grep -q master "$work/hook.log" || fail "gateway: the master hook never ran"
[ "$(tail -n 1 "$work/hook.log")" = slave ] || fail "gateway: last hook run was not slave"
ok "ocf-tester gateway ($(wc -l <"$work/hook.log") hook runs)"

# --- linesw ---------------------------------------------------------------
make_credentials 'Tr1cky pa%%word'
emu_start -w "$work/cred"
ocf-tester -n lines -o host=127.0.0.1 -o port="$HTTP_PORT" -o udp_port="$UDP_PORT" \
	-o mac="$MAC" -o credentials="$work/cred" -o side=primary -o wintv=2 \
	-o kick_interval=300 -o fosctl="$FOSCTL" -o fos_kickd="$KICKD" \
	"$OCFDIR/linesw" >"$work/out" 2>&1 ||
	{ cat "$work/out" >&2; fail "ocf-tester linesw"; }
grep -q 'relay mode 0 -> 1' "$work/emu.log" || fail "linesw never set the relays toward the primary"
grep -q 'kick accepted' "$work/emu.log" || fail "linesw: no kick reached the switch"
if grep -F -q 'Tr1cky' "$work/emu.log" "$work/out"; then
	fail "the password appears in a log"
fi
for f in "$HA_RSCTMP"/*kickd*; do
	[ ! -e "$f" ] || fail "linesw left a fos-kickd pidfile: $f"
done
ok "ocf-tester linesw against fosemu"

# --- l2link ---------------------------------------------------------------
cat >"$work/l2ping" <<'STUB'
#!/bin/sh
# Stand-in for l2ping: the last argument is the MAC; 02:..:01 answers.
for a; do mac=$a; done
[ "$mac" = 02:00:00:00:00:01 ]
STUB
chmod 755 "$work/l2ping"
ocf-tester -n l2 -o interface=lo -o macs="02:00:00:00:00:01 02:00:00:00:00:02" \
	-o l2ping="$work/l2ping" -o dampen=1s "$OCFDIR/l2link" >"$work/out" 2>&1 ||
	{ cat "$work/out" >&2; fail "ocf-tester l2link"; }
ok "ocf-tester l2link"

# A missing tool (attrd_updater, timeout) does not fail stop.
OCF_RESKEY_interface=lo OCF_RESKEY_macs=02:00:00:00:00:01 OCF_RESKEY_l2ping=$work/l2ping
export OCF_RESKEY_interface OCF_RESKEY_macs OCF_RESKEY_l2ping
expect_agent 0 l2link start
OCF_TESTER_FAIL_HAVE_BINARY=1 expect_agent 0 l2link stop
expect_agent 7 l2link monitor
ok "l2link: stop with a tool missing (have_binary fails): 0"
finish
