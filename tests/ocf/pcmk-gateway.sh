#!/bin/bash
# Pacemaker: a promotable gateway clone, the switch (linesw) and a VIP that
# follow its master, on one cluster start-up shared by four scenarios:
#
#  A. start-up with n1's promote hook failing: exactly one master, and it
#     is n2; n1 rolled back to slave; lines and VIP on n2.
#  B. the watched service killed on the master n2: the master moves to n1
#     (service-level failover) and linesw points the relays at n1.
#  C. power cut of the master n1 while n2 cannot reach the switch: n2 is
#     promoted, its linesw fails, and the switch's watchdog moves the lines
#     to n2 anyway (n2 is on the fail-safe side).
#  D. power cut of the master n2: n1 is promoted and linesw moves the
#     relays to n1; takeover times measured (power cut -> promoted ->
#     relays switched -> VIP).
#  l2link runs as a clone all along: each node's attribute counts the peers
#  that answer l2ping (an l2ping --responder on each node) and drops to 0 on
#  n1 once n2 is gone.
#
# Throughout, a sampler checks every 200 ms that at most one node is master
# and that the lines point at the master (within a grace for the switch
# to follow).  STONITH is disabled (the fencing tests live elsewhere).
set -u
here=$(cd "$(dirname "$0")" && pwd)
netns=$(cd "$here/../netns" && pwd)
# shellcheck source=../netns/lib.sh
. "$netns/lib.sh"
# shellcheck source=../netns/pcmk.sh
. "$netns/pcmk.sh"
# shellcheck source=../netns/scenario.sh
. "$netns/scenario.sh"
# shellcheck source=../netns/fos.sh
. "$netns/fos.sh"
# shellcheck source=tb-ocf.sh
. "$here/tb-ocf.sh"

GRACE=8                          # s the lines may lag behind a new master
L2PING="$TB_BUILDDIR/hbcomm-l2/l2ping"
# l2ping --responder on NODE's eth0 for at most 10 minutes.
l2_responder() {
	tb_in "$1" sh -c "setsid $L2PING --responder -w 600 eth0 </dev/null >/dev/null 2>&1 &"
}
# l2_attr_is NODE VALUE: NODE's l2link attribute as attrd reports it.
# shellcheck disable=SC2317 # called through tb_wait_for
l2_attr_is() {
	tb_in n1 attrd_updater -Q -n l2link -N "$1" 2>/dev/null | grep -q "value=\"$2\""
}
gw_log() { echo "$(tb_state "$1")/var/log/ws-hooks.log"; }
crm_in() { tb_in_bounded 30 "$1" "${@:2}" >/dev/null 2>&1; }
# shellcheck disable=SC2317 # called through tb_wait_for
located() { [ "$(pcmk_locate "$2" "$1")" = "$2" ]; }   # RSC NODE
cleanup_rsc() { crm_in "$1" crm_resource --cleanup -r "$2" -N "$3"; }

tb_init ocf-pcmk-gateway lan
tb_check "fosemu runs on lan" fos_start
fos_power_map 0 n1
fos_power_map 1 n2

cat >"$TB_DIR/cib.crm" <<EOCRM
property stonith-enabled=false dc-deadtime=2s
rsc_defaults resource-stickiness=100
$(wso_crm_master_group services=/run/ws-svc.pid -- migration-threshold=1)
primitive l2 ocf:warmstandby:l2link params interface=eth0 \
	macs="02:77:73:00:00:01 02:77:73:00:00:02" \
	multiplier=100 dampen=1s count=2 interval=0.2 timeout=1 l2ping=$L2PING \
	op monitor interval=3s timeout=20s
clone l2-clone l2
EOCRM

tb_node_define n1 1
tb_node_define n2 2
for n in n1 n2; do
	wso_node_setup "$n"
	tb_node_start "$n"
	cs_configure "$n"
	pcmk_seed_cib "$n" "$TB_DIR/cib.crm" || tb_die "crmsh could not load the configuration"
done
tb_check "crm ra info ocf:warmstandby:gateway prints the meta-data" \
	eval 'tb_in n1 crm ra info ocf:warmstandby:gateway 2>/dev/null | grep -q "Hooks directory"'
l2_responder n1
l2_responder n2
# A: n1 is preferred for promotion, but its master hook fails.
touch "$(tb_state n1)/etc/ha.d/fail-promote"
wso_sampler_start 600
t_start=$(tb_now)
scn_each_node pcmk_start || tb_die "could not start the cluster"

# --- A: a hook failing on promote sends the master to the other node -------
tb_check "A: n2 becomes the only master (bound 90 s)" tb_wait_for 90 wso_master_is n2
t_master=$(tb_now)
tb_check "A: n1 tried to promote and rolled back to slave" \
	grep -q 'master' "$(gw_log n1)"
tb_check "A: n1 ran its slave hook after the failed promote" \
	test "$(tail -n 1 "$(gw_log n1)" | cut -d' ' -f2)" = slave
tb_check "A: linesw points the relays at n2 (mode 0)" tb_wait_for 30 wso_lines_on n2
tb_check "A: the VIP answers from n2 only" tb_wait_for 30 scn_only_holder n2 1
tb_check "A: crm_resource locates lines on n2" test "$(pcmk_locate n2 lines)" = n2
echo "A: start-up -> n2 master: $(tb_elapsed "$t_start" "$t_master") s"
tb_check "l2link: n1's attribute is 100 (n2 answers l2ping)" tb_wait_for 30 l2_attr_is n1 100
tb_check "l2link: n2's attribute is 100 (n1 answers l2ping)" tb_wait_for 30 l2_attr_is n2 100
# n1 healthy again: clear the hook fault and n1's failure; drop the start-up
# preference so the master stays where it is.
rm -f "$(tb_state n1)/etc/ha.d/fail-promote"
crm_in n2 crm configure delete gw-first-n1
cleanup_rsc n2 gw-clone n1
tb_check "A: n1 is slave again after cleanup" tb_wait_for 30 wso_role_is n1 slave
tb_check "A: n2 is still the only master" wso_master_is n2

# --- B: service-level failover ---------------------------------------------
t_kill=$(tb_now)
tb_kill_daemon n2 /run/ws-svc.pid
tb_check "B: killing the watched service on n2 moves the master to n1 (bound 60 s)" \
	tb_wait_for 60 wso_master_is n1
t_b=$(tb_now)
tb_check "B: linesw points the relays at n1 (mode 1)" tb_wait_for 30 wso_lines_on n1
t_bl=$(tb_now)
tb_check "B: the VIP answers from n1 only" tb_wait_for 30 scn_only_holder n1 1
tb_check "B: fosemu logged the relays moving to n1 over HTTP" \
	grep -q 'relay mode 0 -> 1 (A-B) cause=http' "$(fos_log)"
echo "B: service killed -> n1 master: $(tb_elapsed "$t_kill" "$t_b") s, lines on n1: $(tb_elapsed "$t_kill" "$t_bl") s"
cleanup_rsc n1 gw-clone n2
tb_check "B: n2 is slave again after cleanup" tb_wait_for 30 wso_role_is n2 slave

# --- C: the switch unreachable from n2 during the takeover -------------------
tb_in n2 ip route add unreachable "$FOS_IP/32"
fos_lines_before=$(wc -l <"$(fos_log)")
mapfile -t watches < <(scn_pcmk_watches n1 n2)
watches+=("--watch=promoted:$(pcmk_log n2):Result of promote operation for gw.* on n2: ok")
watches+=("--watch=watchdog:$(fos_log):relay mode 1 -> 0 .*cause=watchdog")
out_c=$(scn_power_cut_takeover n1 n2 60 "${watches[@]}")
tb_check "C: n2 is promoted after n1's power cut" tb_le "$(tb_event_time "$out_c" promoted)" 30
tb_check "C: the watchdog moved the lines to n2 (bound wintv + 2 s)" \
	tb_le "$(tb_event_time "$out_c" watchdog)" $((WSO_WINTV + 2))
tb_check "C: the lines are on n2" wso_lines_on n2
tb_check "C: linesw on n2 failed with 'switch unreachable'" \
	tb_wait_for 20 grep -q 'switch unreachable' "$(pcmk_log n2)"
tb_check "C: only the watchdog moved the relays meanwhile" \
	test "$(tail -n +$((fos_lines_before + 1)) "$(fos_log)" | grep -c 'relay mode.*cause=http')" = 0
tb_in n2 ip route del unreachable "$FOS_IP/32"
cleanup_rsc n2 lines n2
tb_check "C: with the switch reachable again, linesw runs on n2" \
	tb_wait_for 30 located lines n2
# n1 powers up again and rejoins as slave.
tb_node_start n1
pcmk_start n1
tb_check "C: n1 rejoins as slave" tb_wait_for 60 wso_role_is n1 slave
tb_check "C: n2 stays the only master" wso_master_is n2

# --- D: power cut of the master: relays follow through linesw ---------------
mapfile -t watches < <(scn_pcmk_watches n2 n1)
watches=("${watches[0]}" "${watches[1]}")
watches+=("--watch=promoted:$(pcmk_log n1):Result of promote operation for gw.* on n1: ok")
watches+=("--watch=relays:$(fos_log):relay mode 0 -> 1 .*cause=http")
watches+=("--watch=vipstart:$(pcmk_log n1):Result of start operation for vip on n1: ok")
out_d=$(scn_power_cut_takeover n2 n1 60 "${watches[@]}")
tb_check "D: n1 is promoted after n2's power cut (bound 30 s)" \
	tb_le "$(tb_event_time "$out_d" promoted)" 30
tb_check "D: fosemu shows the relays switched to n1 (bound 30 s)" \
	tb_le "$(tb_event_time "$out_d" relays)" 30
tb_check "D: the VIP answers from n1 (bound 30 s)" tb_le "$(tb_event_time "$out_d" vip)" 30
tb_check "D: n1 is the only master" wso_master_is n1
tb_check "D: the lines are on n1" wso_lines_on n1
tb_check "l2link: n1's attribute drops to 0 with n2 gone (bound 20 s)" tb_wait_for 20 l2_attr_is n1 0

wso_sampler_stop
report=$(wso_sampler_report)
tb_check "never two masters at any sample ($report)" \
	test "$(wso_report_field "$report" two_masters)" = 0
tb_check "the lines never lagged behind the master by more than $GRACE s" \
	tb_le "$(wso_report_field "$report" max_lag)" "$GRACE"

scn_timeline "C: power cut of master n1, switch unreachable from n2 (s after the kill):" "$out_c"
scn_timeline "D: power cut of master n2 (s after the kill):" "$out_d"
echo "sampler: $report"
tb_finish
