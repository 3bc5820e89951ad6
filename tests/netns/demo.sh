#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The README demo: two gateways in network namespaces with the emulated
# berofos switch, set up the way an administrator does it, with wsctl:
#   1. wsctl activate --dry-run, then wsctl activate on n1: the checks (ssh
#      to the peer, ws-l2ping on each link, the switch and its password, the
#      power relays), the configuration written on both nodes, the stack
#      started, one master with the lines and the VIP;
#   2. wsctl status;
#   3. wsctl handover: n2 becomes master before n1 steps down (the gap is
#      measured);
#   4. a power cut of the master (now n2) and the timeline of the takeover
#      by n1: the peer declared dead, fenced through the switch's power
#      relay, n1 promoted, the telephone lines (relays) moved to it, the VIP
#      answering from it; then the same takeover as wsctl history reads it
#      from the nodes' journals.
#   demo.sh [heartbeat|pacemaker]     (default: heartbeat)
# heartbeat: Heartbeat R1 over warmstandby's l2 medium (keepalive 100 ms,
#   deadtime 500 ms), WarmstandbyGateway, WarmstandbyLinesw, IPaddr2,
#   stonith_host berofos.
# pacemaker: Corosync (token 1000 ms, knet on two links) + Pacemaker, the
#   promotable ocf:warmstandby:gateway, ocf:warmstandby:linesw, IPaddr2 and
#   stonith:fence_berofos.
# The nodes boot systemd with warmstandby's packages installed (the host is
# unchanged); wsctl starts the stack with systemctl.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# The testbed with wsctl (and pairs.sh: pair_built, pair_*_watches)
# shellcheck source=../crm-config/tb-wsctl.sh
. "$here/../crm-config/tb-wsctl.sh"

stack=${1:-heartbeat}
case $stack in
heartbeat) links=(--link eth1) ;;               # the l2 medium needs no IP
pacemaker) links=(--link eth0 --link eth1) ;;   # one knet link per interface
*) echo "usage: demo.sh [heartbeat|pacemaker]" >&2; exit 2 ;;
esac

step() { printf '\n== %s\n' "$*"; }
lines_side() {
	case $(wso_mode) in
	1) echo "mode 1: lines on n1's side" ;;
	0) echo "mode 0: lines on n2's side" ;;
	*) echo "mode unknown" ;;
	esac
}
show_state() { echo "switch: $(lines_side); master: $(wso_masters | tr '\n' ' ')"; }
# The demo's Heartbeat timers, tighter than wsctl's defaults (written into
# each node's wsctl.conf by pairs.sh).
export PAIR_KEEPALIVE=100ms PAIR_DEADTIME=500ms PAIR_WARNTIME=300ms

# shellcheck disable=SC2054 # the power map's comma is meant
activate=(--stack "$stack" activate --peer n2 "${links[@]}" --switch "$TBW_SWITCH"
	--vip "$TB_VIP/24@eth0" --primary n1 --power-map n1:0,n2:1)

step "the emulated berofos switch at $FOS_IP (relay 0 powers n1, relay 1 powers n2); n1 and n2 with sshd, nothing configured"
tbw_setup "demo-$stack"

step "n1# wsctl ${activate[*]} --dry-run"
tbw n1 "${activate[@]}" --dry-run || tb_die "the dry run failed"

step "n1# wsctl ${activate[*]} --yes"
t0=$(tb_now)
tbw n1 "${activate[@]}" --yes || tb_die "wsctl activate failed"
echo "(activate took $(tb_elapsed "$t0" "$(tb_now)") s, checks included)"
# A node the switch powers on again starts its stack (wsctl configured it).
for n in n1 n2; do pair_boot_script "$n" "$stack"; done
show_state
tb_vip_holders 1 | sed "s/^/VIP holder (n1's MAC is $(tb_mac n1 lan)): /"

step "n1# wsctl status"
tbw n1 status || tb_die "wsctl status failed"

step "n1# wsctl handover   (maintenance of n1: n2 takes over first)"
tbw n1 handover || tb_die "wsctl handover failed"
tb_wait_for 30 wso_lines_on n2 || tb_die "the lines never moved to n2"
show_state
# Let the members settle before the fault.
sleep 3

if [ "$stack" = heartbeat ]; then
	mapfile -t watches < <(pair_hb_watches n2 n1)
else
	mapfile -t watches < <(pair_pcmk_watches n2 n1)
fi
step "power cut of the master n2: every process killed, its links gone"
old_init=$(tb_init_pid n2)
tb_pid_is_ours "$old_init" || tb_die "n2: PID $old_init is not the init we started"
# The switch powers n2 on again after fencing it (its hook reaps the node).
out=$(tb_probe --kill "$old_init" --expect-mac "$(tb_mac n1 lan)" --timeout 60 "${watches[@]}")
rc=$?
scn_timeline "timeline (s after the power cut):" "$out"
grep -m 1 'relay mode 0 -> 1' "$(fos_log)" | sed 's/.*cause=/lines moved by: /; s/: watchdog$/: the switch'"'"'s watchdog (n2 stopped kicking it)/; s/: http$/: the linesw agent on n1 (HTTP)/'
show_state
tb_vip_holders 1 | sed "s/^/VIP holder now (n1's MAC is $(tb_mac n1 lan)): /"
[ "$rc" -eq 0 ] || tb_die "the takeover did not complete"
step "n1# wsctl history   (the same takeover, from the nodes' journals)"
tbw n1 history || tb_die "wsctl history failed"
step "done; removing the testbed"
