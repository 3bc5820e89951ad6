#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Pacemaker: the pair `wsctl activate` sets up (the promotable gateway
# clone, the switch (linesw) and a VIP that follow its master, an l2link
# clone per link), on one cluster start-up shared by five scenarios.  Then,
# with the stock tools as an administrator would: fencing off (the fencing
# tests live elsewhere; scenario C needs a node that cannot reach the
# switch), the gateway watching a service's pid file, migration-threshold=1
# on the clone, l2link-eth0 counting in hundreds with a short dampen.
#
#  M. maintenance-mode on, Pacemaker restarted on the master n1, maintenance
#     off: n1 stays master (no demote, no slave hook), the VIP answers from
#     n1 at every ask, the lines stay.
#  A. a move of the master to n2 whose promote hook fails: n2 rolls back to
#     slave and n1 stays the only master; lines and VIP on n1.
#  B. the watched service killed on the master n1: the master moves to n2
#     (service-level failover) and linesw points the relays at n2.
#  C. (the master moved back to n1 with crm_resource) power cut of the
#     master n1 while n2 cannot reach the switch: n2 is promoted, its
#     linesw fails, and the switch's watchdog moves the lines to n2 anyway
#     (n2 is on the fail-safe side).
#  D. power cut of the master n2: n1 is promoted and linesw moves the
#     relays to n1; takeover times measured (power cut -> promoted ->
#     relays switched -> VIP).
#  l2link-eth0 runs all along: each node's attribute counts the peers that
#  answer ws-l2ping (the ws-l2ping --responder each l2link instance runs;
#  none is started by hand) and drops to 0 on n1 once n2 is gone.
#  Before M, the aux link cut: l2link-eth1 drops to 0 on both nodes, comes
#  back when aux does, and the master stays on n1.
#
# Throughout, a sampler checks every 200 ms that at most one node is master
# and that the lines point at the master (within a grace for the switch
# to follow).
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../netns/testbed.sh
. "$here/../netns/testbed.sh"

GRACE=8                          # s the lines may lag behind a new master
# l2_attr_is NODE VALUE [ASKER]: NODE's l2link-eth0 attribute as attrd reports it.
# shellcheck disable=SC2317 # called through tb_wait_for
l2_attr_is() { l2_attr_of eth0 "$@"; }
# l2_attr_of IFACE NODE VALUE [ASKER]: the same for l2link-IFACE.
# shellcheck disable=SC2317 # called through tb_wait_for
l2_attr_of() {
	tb_in "${4:-n1}" attrd_updater -Q -n "l2link-$1" -N "$2" 2>/dev/null | grep -q "value=\"$3\""
}
# l2_responder_runs NODE IFACE: the PID file of NODE's l2link-IFACE instance
# names a live ws-l2ping --responder IFACE (seen in the node's own /proc).
# shellcheck disable=SC2016 # expanded inside the node
l2_responder_runs() {
	tb_in "$1" sh -c 'for f in /run/resource-agents/warmstandby-l2link-l2link-"$1"*.responder.pid; do
		p=$(cat "$f") && tr "\000" " " <"/proc/$p/cmdline" | grep -q -- "--responder $1 \$" && exit 0
	done; exit 1' sh "$2"
}
# shellcheck disable=SC2317 # called through tb_wait_for
l2_attr_both() { l2_attr_of "$1" n1 "$2" && l2_attr_of "$1" n2 "$2"; }   # IFACE VALUE
gw_log() { echo "$(tb_state "$1")/var/log/ws-hooks.log"; }
crm_in() { tb_in_bounded 30 "$1" "${@:2}" >>"$TB_DIR/crm.out" 2>&1; }
# shellcheck disable=SC2317 # called through tb_wait_for
located() { [ "$(pcmk_locate "$2" "$1")" = "$2" ]; }   # RSC NODE
# shellcheck disable=SC2317 # called through tb_wait_for
last_hook_is() { [ "$(tail -n 1 "$(gw_log "$1")" | cut -d' ' -f2)" = "$2" ]; }   # NODE ROLE
cleanup_rsc() { crm_in "$1" crm_resource --cleanup -r "$2" -N "$3"; }

tb_init ocf-pcmk-gateway lan aux
pair_switch_and_nodes
wso_sampler_start 600
pair_up pacemaker
check "wsctl activate: n1 is the only master" tb_wait_for 30 wso_master_is n1
echo "start-up: wsctl activate -> n1 master with the VIP: $SCN_STARTUP s"
check "crm ra info ocf:warmstandby:gateway prints the meta-data" \
	eval 'tb_in n1 crm ra info ocf:warmstandby:gateway 2>/dev/null | grep -q "Hooks directory"'
check "crm: fencing off" crm_in n1 crm configure property stonith-enabled=false
check "crm: the gateway watches the stand-in service" \
	crm_in n1 crm_resource -r gw -p services -v /run/ws-svc.pid
check "crm: migration-threshold=1 on the clone" \
	crm_in n1 crm_resource -r gw-clone -m -p migration-threshold -v 1
for p in "multiplier 100" "dampen 1s" "count 2" "interval 0.2" "timeout 1"; do
	# shellcheck disable=SC2086 # name and value
	check "crm: l2link-eth0 $p" crm_in n1 crm_resource -r l2link-eth0 -p ${p% *} -v ${p#* }
done
# No responder started by hand: the l2link instances run their own.
check "l2link: n1's attribute is 100 (n2's l2link answers ws-l2ping)" tb_wait_for 30 l2_attr_is n1 100
check "l2link: n2's attribute is 100 (n1's l2link answers ws-l2ping)" tb_wait_for 30 l2_attr_is n2 100
for n in n1 n2; do
	check "l2link: $n runs the agent's ws-l2ping --responder on eth0 and eth1" \
		eval "l2_responder_runs $n eth0 && l2_responder_runs $n eth1"
done

# --- the aux link cut: l2link-eth1 drops on both nodes, the master stays ----
# l2link-eth1 (multiplier 1, dampen 5 s, monitor every 10 s) counts the
# peer across aux; with n1's aux port down neither node hears the other.
check "l2link: l2link-eth1 is 1 on both nodes" tb_wait_for 30 l2_attr_both eth1 1
tb_link_set n1 aux down
check "aux cut: l2link-eth1 drops to 0 on both nodes (bound 10+5 s + 30)" \
	tb_wait_for 45 l2_attr_both eth1 0
check "aux cut: n1 stays the only master" wso_master_is n1
tb_link_set n1 aux up
check "aux restored: l2link-eth1 is 1 again on both nodes (bound 10+5 s + 30)" \
	tb_wait_for 45 l2_attr_both eth1 1
check "aux restored: n1 stays the only master" wso_master_is n1
check "aux restored: l2link-eth0 still 100 on both nodes" \
	eval 'l2_attr_is n1 100 && l2_attr_is n2 100'

# --- M: Pacemaker restarted on the master in maintenance mode ---------------
# (wsctl disable and a rolling upgrade do this.)  The probes after the
# restart find the master running and must give it back its promotion
# score: without it the scheduler demotes n1 and promotes n2 once
# maintenance ends.
# The set-up's parameter changes restart gw and its followers: settle first.
check "M: the cluster settles after the set-up (crm_resource --wait)" \
	crm_in n1 crm_resource --wait --timeout=90
check "M: before: n1 is the only master with the VIP" tb_wait_for 30 scn_only_holder n1 1
maint_hooks=$(wc -l <"$(gw_log n1)")
check "M: maintenance-mode on" crm_in n1 crm configure property maintenance-mode=true
# The VIP asked every 0.5 s while Pacemaker restarts and maintenance ends:
# one line per ask, the MACs that answered within 0.3 s (empty: a gap).
(
	for _ in $(seq 80); do
		maint_ask=$(tb_vip_holders 0.3 | tr '\n' ' ')
		echo "$maint_ask"
		sleep 0.2
	done
) >"$TB_DIR/holders-maint" 2>/dev/null &
maint_asker=$!
check "M: systemctl restart pacemaker on the master n1" \
	tb_in_bounded 120 n1 systemctl restart pacemaker.service
check "M: n1 is back online in n2's view (bound 90 s)" tb_wait_for 90 pcmk_online n2 n1
check "M: n1 is back online in its own view" tb_wait_for 60 pcmk_online n1 n1
check "M: maintenance-mode off" crm_in n1 crm configure property maintenance-mode=false
check "M: the cluster settles (crm_resource --wait)" crm_in n1 crm_resource --wait --timeout=60
wait "$maint_asker"
check "M: no demote on n1 (no slave hook ran)" \
	test "$(tail -n +$((maint_hooks + 1)) "$(gw_log n1)" | grep -c ' slave')" = 0
check "M: n1 is the only master" wso_master_is n1
maint_asks=$(sort "$TB_DIR/holders-maint" | uniq -c | tr -s ' \n' ' ')
check "M: the VIP answered from n1 alone at every ask, no gap (count and answer:$maint_asks)" \
	test "$(sort -u "$TB_DIR/holders-maint")" = "$(tb_mac n1 lan) "
check "M: the lines stay on n1" wso_lines_on n1

# --- A: a hook failing on promote keeps the master where it is ---------------
tb_in n2 touch /etc/ha.d/fail-promote
check "A: crm_resource moves the master to n2" \
	crm_in n1 crm_resource --move --promoted -r gw-clone -N n2
check "A: n2 tried to promote (its master hook ran)" tb_wait_for 60 grep -q 'master' "$(gw_log n2)"
check "A: n2 ran its slave hook after the failed promote" \
	tb_wait_for 30 last_hook_is n2 slave
check "A: n1 is the only master again (bound 60 s)" tb_wait_for 60 wso_master_is n1
check "A: linesw points the relays at n1 (mode 1)" tb_wait_for 30 wso_lines_on n1
check "A: the VIP answers from n1 only" tb_wait_for 30 scn_only_holder n1 1
check "A: crm_resource locates lines on n1" test "$(pcmk_locate n1 lines)" = n1
# n2 healthy again: clear the move, the hook fault and n2's failure.
tb_in n2 rm -f /etc/ha.d/fail-promote
crm_in n1 crm_resource --clear -r gw-clone
cleanup_rsc n1 gw-clone n2
check "A: n2 is slave again after cleanup" tb_wait_for 30 wso_role_is n2 slave
check "A: n1 is still the only master" wso_master_is n1

# --- B: service-level failover ---------------------------------------------
t_kill=$(tb_now)
tb_kill_daemon n1 /run/ws-svc.pid
check "B: killing the watched service on n1 moves the master to n2 (bound 60 s)" \
	tb_wait_for 60 wso_master_is n2
t_b=$(tb_now)
check "B: linesw points the relays at n2 (mode 0)" tb_wait_for 30 wso_lines_on n2
t_bl=$(tb_now)
check "B: the VIP answers from n2 only" tb_wait_for 30 scn_only_holder n2 1
check "B: fosemu logged the relays moving to n2 over HTTP" \
	grep -q 'relay mode 1 -> 0 (A-D) cause=http' "$(fos_log)"
echo "B: service killed -> n2 master: $(tb_elapsed "$t_kill" "$t_b") s, lines on n2: $(tb_elapsed "$t_kill" "$t_bl") s"
cleanup_rsc n2 gw-clone n1
check "B: n1 is slave again after cleanup" tb_wait_for 30 wso_role_is n1 slave

# Back to n1, the primary: the switch's watchdog moves the lines to the
# backup's side (n2's), which scenario C relies on.
check "crm_resource moves the master back to n1" \
	crm_in n1 crm_resource --move --promoted -r gw-clone -N n1
check "n1 is the only master again" tb_wait_for 60 wso_master_is n1
check "linesw points the relays at n1 (mode 1)" tb_wait_for 30 wso_lines_on n1
crm_in n1 crm_resource --clear -r gw-clone
sleep 3

# --- C: the switch unreachable from n2 during the takeover -------------------
tb_in n2 ip route add unreachable "$FOS_IP/32"
fos_lines_before=$(wc -l <"$(fos_log)")
watches=("--watch=token:$(cs_log n2):A processor failed")
watches+=("--watch=lost:$(pcmk_log n2):n1.* state is now lost")
watches+=("--watch=promoted:$(pcmk_log n2):Result of promote operation for gw.* on n2: ok")
watches+=("--watch=watchdog:$(fos_log):relay mode 1 -> 0 .*cause=watchdog")
out_c=$(scn_power_cut_takeover n1 n2 60 "${watches[@]}")
check "C: n2 is promoted after n1's power cut" tb_le "$(tb_event_time "$out_c" promoted)" 30
check "C: the watchdog moved the lines to n2 (bound wintv + 2 s)" \
	tb_le "$(tb_event_time "$out_c" watchdog)" $((WSO_WINTV + 2))
check "C: the lines are on n2" wso_lines_on n2
check "C: linesw on n2 failed with 'switch unreachable'" \
	tb_wait_for 20 grep -q 'switch unreachable' "$(pcmk_log n2)"
check "C: only the watchdog moved the relays meanwhile" \
	test "$(tail -n +$((fos_lines_before + 1)) "$(fos_log)" | grep -c 'relay mode.*cause=http')" = 0
tb_in n2 ip route del unreachable "$FOS_IP/32"
cleanup_rsc n2 lines n2
check "C: with the switch reachable again, linesw runs on n2" \
	tb_wait_for 30 located lines n2
# n1 powers up again and rejoins as slave.
tb_node_start n1
pcmk_start n1
check "C: n1 rejoins as slave" tb_wait_for 60 wso_role_is n1 slave
check "C: n2 stays the only master" wso_master_is n2

# --- D: power cut of the master: relays follow through linesw ---------------
watches=("--watch=token:$(cs_log n1):A processor failed")
watches+=("--watch=lost:$(pcmk_log n1):n2.* state is now lost")
watches+=("--watch=promoted:$(pcmk_log n1):Result of promote operation for gw.* on n1: ok")
watches+=("--watch=relays:$(fos_log):relay mode 0 -> 1 .*cause=http")
watches+=("--watch=vipstart:$(pcmk_log n1):Result of start operation for vip0 on n1: ok")
out_d=$(scn_power_cut_takeover n2 n1 60 "${watches[@]}")
check "D: n1 is promoted after n2's power cut (bound 30 s)" \
	tb_le "$(tb_event_time "$out_d" promoted)" 30
check "D: fosemu shows the relays switched to n1 (bound 30 s)" \
	tb_le "$(tb_event_time "$out_d" relays)" 30
check "D: the VIP answers from n1 (bound 30 s)" tb_le "$(tb_event_time "$out_d" vip)" 30
check "D: n1 is the only master" wso_master_is n1
check "D: the lines are on n1" wso_lines_on n1
check "l2link: n1's attribute drops to 0 with n2 gone (bound 20 s)" tb_wait_for 20 l2_attr_is n1 0

wso_sampler_verdict "$GRACE"
report=$WSO_REPORT

scn_timeline "C: power cut of master n1, switch unreachable from n2 (s after the kill):" "$out_c"
scn_timeline "D: power cut of master n2 (s after the kill):" "$out_d"
echo "sampler: $report"
finish
