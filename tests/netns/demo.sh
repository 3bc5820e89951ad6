#!/bin/bash
# The README demo: a virtual two-node cluster in network namespaces, one
# power cut of the master, and the timeline of the takeover.
#   demo.sh [heartbeat|pacemaker]     (default: heartbeat)
# The Heartbeat variant carries its heartbeats over warmstandby's `l2`
# medium (raw Ethernet; our l2.so is overlaid on the stock HBcomm plugin
# directory inside the nodes, Heartbeat itself is unchanged) and moves an
# IPaddr2 VIP; the other parts of warmstandby join it as they land.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/hb.sh"
. "$here/pcmk.sh"
. "$here/scenario.sh"

stack=${1:-heartbeat}
case $stack in
heartbeat|pacemaker) ;;
*) echo "usage: demo.sh [heartbeat|pacemaker]" >&2; exit 2 ;;
esac

step() { printf '\n== %s\n' "$*"; }

tb_init "demo-$stack" lan
if [ "$stack" = heartbeat ]; then
	step "starting nodes n1 and n2 (heartbeat, medium l2) on a virtual LAN; VIP $TB_VIP"
	HB_KEEPALIVE=100ms HB_DEADTIME=500ms HB_WARNTIME=300ms scn_heartbeat_pair l2
	grep -h 'l2 heartbeat started' "$(hb_log n1)" | sed 's/^.*: l2/n1: l2/' | head -1
	mapfile -t watches < <(scn_hb_watches n1 n2)
else
	step "starting nodes n1 and n2 (pacemaker) on a virtual LAN; VIP $TB_VIP"
	CS_TOKEN=1000 scn_pacemaker_pair
	mapfile -t watches < <(scn_pcmk_watches n1 n2)
fi
[ "$SCN_STARTUP" != - ] || tb_die "the VIP never came up on n1"
echo "VIP answered from n1 $SCN_STARTUP s after the cluster daemons started"
tb_vip_holders 1 | sed 's/^/VIP holder (MAC): /'
# Let the members settle before the fault (Heartbeat's initdead).
sleep 3

step "power cut of n1: every process killed, its links gone"
out=$(scn_power_cut_takeover n1 n2 30 "${watches[@]}")
rc=$?
scn_timeline "timeline (s after the power cut):" "$out"
tb_vip_holders 1 | sed 's/^/VIP holder (MAC) now: /'
echo "n2's MAC on lan: $(tb_mac n2 lan)"
[ "$rc" -eq 0 ] || tb_die "the takeover did not complete"
step "done; removing the testbed"
