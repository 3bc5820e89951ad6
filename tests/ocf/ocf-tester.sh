#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ocf-tester passes on every agent: gateway with a hooks directory in a
# temporary directory, linesw against fosemu on 127.0.0.1 (password on),
# l2link with a stand-in l2ping (attrd is absent: updates only warn), and
# the responder l2link starts and stops.
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
# --responder runs until killed, as ws-l2ping's does without -w.
if [ "$1" = --responder ]; then
	while :; do sleep 1; done
fi
for a; do mac=$a; done
[ "$mac" = 02:00:00:00:00:01 ]
STUB
chmod 755 "$work/l2ping"
ocf-tester -n l2 -o interface=lo -o macs="02:00:00:00:00:01 02:00:00:00:00:02" \
	-o l2ping="$work/l2ping" -o dampen=1s "$OCFDIR/l2link" >"$work/out" 2>&1 ||
	{ cat "$work/out" >&2; fail "ocf-tester l2link"; }
for f in "$HA_RSCTMP"/*l2link*; do
	[ ! -e "$f" ] || fail "l2link left a file after ocf-tester: $f"
done
ok "ocf-tester l2link"

# The responder: start leaves one running (detached, PID file), monitor
# starts it again when it is gone, stop ends exactly it.
OCF_RESKEY_interface=lo OCF_RESKEY_macs=02:00:00:00:00:01 OCF_RESKEY_l2ping=$work/l2ping
OCF_RESOURCE_INSTANCE=l2r
# A recurring monitor (without an interval, monitor is a probe).
OCF_RESKEY_CRM_meta_interval=10000
export OCF_RESKEY_interface OCF_RESKEY_macs OCF_RESKEY_l2ping OCF_RESOURCE_INSTANCE
export OCF_RESKEY_CRM_meta_interval
rpidf=$HA_RSCTMP/warmstandby-l2link-l2r.responder.pid
# runs_responder PID: PID is a live --responder.  By its command line, not
# kill -0: where nothing reaps the orphan, a dead one stays a zombie that
# kill -0 still finds (and whose command line is empty).
runs_responder() {
	tr '\000' '\n' <"/proc/$1/cmdline" 2>/dev/null | grep -qx -- --responder
}
# responder_pid: the live responder the PID file names, else fails.
responder_pid() {
	[ -r "$rpidf" ] || return 1
	rp=$(cat "$rpidf")
	runs_responder "$rp" || return 1
	echo "$rp"
}
expect_agent 0 l2link start
rp1=$(responder_pid) || fail "l2link start: no responder runs"
started_pids="$started_pids $rp1"
[ "$(ps -o sid= -p "$rp1" | tr -d ' ')" = "$rp1" ] ||
	fail "l2link: the responder is not in a session of its own"
expect_agent 0 l2link start
[ "$(responder_pid)" = "$rp1" ] || fail "l2link: a second start replaced the responder"
expect_agent 0 l2link monitor
[ "$(responder_pid)" = "$rp1" ] || fail "l2link: monitor replaced a live responder"
ok "l2link start: a detached ws-l2ping --responder runs ($rp1)"
kill "$rp1"
gone=0
for _ in 1 2 3 4 5 6 7 8 9 10; do runs_responder "$rp1" || { gone=1; break; }; sleep 0.2; done
[ "$gone" = 1 ] || fail "the stand-in responder did not die"
expect_agent 0 l2link monitor
rp2=$(responder_pid) || fail "l2link monitor: the responder was not started again"
started_pids="$started_pids $rp2"
grep -q 'starting it again' "$work/err" || fail "l2link monitor: no warning about the restart"
ok "l2link monitor: a responder that died is started again ($rp2)"
# A stale PID file naming another process: stop must not kill it.
sleep 300 >/dev/null 2>&1 &
other=$!
started_pids="$started_pids $other"
expect_agent 0 l2link stop
! runs_responder "$rp2" || fail "l2link stop: the responder $rp2 still runs"
[ ! -e "$rpidf" ] || fail "l2link stop: the PID file stays"
expect_agent 7 l2link monitor
echo "$other" >"$rpidf"
: >"$HA_RSCTMP/warmstandby-l2link-l2r.state"
expect_agent 0 l2link stop
kill -0 "$other" 2>/dev/null || fail "l2link stop killed a process that is not its responder"
[ ! -e "$rpidf" ] || fail "l2link stop: the stale PID file stays"
kill "$other"
ok "l2link stop: ends the responder, removes its PID file, spares a stranger's PID"
OCF_RESKEY_responder=false
export OCF_RESKEY_responder
expect_agent 0 l2link start
[ ! -e "$rpidf" ] || fail "l2link responder=false: start started a responder"
expect_agent 0 l2link monitor
[ ! -e "$rpidf" ] || fail "l2link responder=false: monitor started a responder"
expect_agent 0 l2link stop
# A probe only looks: it starts no responder.
OCF_RESKEY_responder=true
expect_agent 0 l2link start
rp3=$(responder_pid) || fail "l2link start: no responder runs"
started_pids="$started_pids $rp3"
kill "$rp3"
sleep 0.5
OCF_RESKEY_CRM_meta_interval=0 expect_agent 0 l2link monitor
[ ! -e "$rpidf" ] || ! responder_pid >/dev/null || fail "l2link: a probe started a responder"
expect_agent 0 l2link stop
OCF_RESKEY_responder=maybe
expect_agent 6 l2link validate-all
unset OCF_RESKEY_responder OCF_RESOURCE_INSTANCE OCF_RESKEY_CRM_meta_interval
ok "l2link: a probe starts no responder; responder=false starts none; responder=maybe does not validate"

# A missing tool (attrd_updater, timeout) does not fail stop.
OCF_RESKEY_interface=lo OCF_RESKEY_macs=02:00:00:00:00:01 OCF_RESKEY_l2ping=$work/l2ping
export OCF_RESKEY_interface OCF_RESKEY_macs OCF_RESKEY_l2ping
expect_agent 0 l2link start
OCF_TESTER_FAIL_HAVE_BINARY=1 expect_agent 0 l2link stop
expect_agent 7 l2link monitor
ok "l2link: stop with a tool missing (have_binary fails): 0"
finish
