#!/bin/bash
# The README demo: a warmstandby pair in network namespaces with the
# emulated berofos switch, one power cut of the master, and the timeline of
# the takeover: the peer declared dead, the dead node fenced through the
# switch's power relay, the backup promoted, the telephone lines (relays)
# moved to it, the VIP answering from it.
#   demo.sh [heartbeat|pacemaker]     (default: heartbeat)
# heartbeat: Heartbeat R1 over warmstandby's l2 medium, haresources with
#   WarmstandbyGateway, WarmstandbyLinesw and IPaddr2, stonith_host berofos.
# pacemaker: Corosync + Pacemaker, the promotable ocf:warmstandby:gateway,
#   ocf:warmstandby:linesw and IPaddr2 with the master, stonith:berofos.
# Our plugins and agents are overlaid inside the nodes; the host's stock
# Heartbeat, Pacemaker and cluster-glue are unchanged.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/hb.sh"
. "$here/pcmk.sh"
. "$here/scenario.sh"
. "$here/fos.sh"
# shellcheck source=../ocf/tb-ocf.sh
. "$here/../ocf/tb-ocf.sh"
# heartbeat_pair, pacemaker_pair (RESET_WAIT: how long a fenced node's
# power stays off before the switch turns it on, default 0.3 s)
. "$here/pairs.sh"

stack=${1:-heartbeat}
case $stack in
heartbeat|pacemaker) ;;
*) echo "usage: demo.sh [heartbeat|pacemaker]" >&2; exit 2 ;;
esac
pair_built || exit 1

step() { printf '\n== %s\n' "$*"; }
lines_side() {
	case $(wso_mode) in
	1) echo "mode 1: lines on n1's side" ;;
	0) echo "mode 0: lines on n2's side" ;;
	*) echo "mode unknown" ;;
	esac
}

tb_init "demo-$stack" lan aux
step "the emulated berofos switch at $FOS_IP: relay 0 powers n1, relay 1 powers n2"
pair_switch_and_nodes

if [ "$stack" = heartbeat ]; then
	step "starting n1 and n2: Heartbeat R1 over the l2 medium (keepalive 100 ms, deadtime 500 ms)"
	heartbeat_pair
else
	step "starting n1 and n2: Corosync (token 1000 ms) + Pacemaker, promotable gateway"
	pacemaker_pair
fi
[ "$SCN_STARTUP" != - ] || tb_die "the VIP never came up on n1"
echo "VIP $TB_VIP answered from n1 $SCN_STARTUP s after the cluster daemons started"
tb_wait_for 30 wso_lines_on n1 || tb_die "the lines never moved to n1"
echo "switch: $(lines_side); master: $(wso_masters | tr '\n' ' ')"
# Let the members settle before the fault (Heartbeat's initdead).
sleep 3

step "power cut of n1: every process killed, its links gone"
old_init=$(tb_init_pid n1)
tb_pid_is_ours "$old_init" || tb_die "n1: PID $old_init is not the init we started"
# The switch powers n1 on again after fencing it (its hook reaps the node).
out=$(tb_probe --kill "$old_init" --expect-mac "$(tb_mac n2 lan)" --timeout 60 "${WATCHES[@]}")
rc=$?
scn_timeline "timeline (s after the power cut):" "$out"
grep -m 1 'relay mode 1 -> 0' "$(fos_log)" | sed 's/.*cause=/lines moved by: /; s/: watchdog$/: the switch'"'"'s watchdog (n1 stopped kicking it)/; s/: http$/: the linesw agent on n2 (HTTP)/'
echo "switch: $(lines_side); master: $(wso_masters | tr '\n' ' ')"
tb_vip_holders 1 | sed "s/^/VIP holder now (n2's MAC is $(tb_mac n2 lan)): /"
[ "$rc" -eq 0 ] || tb_die "the takeover did not complete"
step "done; removing the testbed"
