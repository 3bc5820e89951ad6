#!/bin/bash
# The two warmstandby pairs with fencing, as the demo and the failover
# benchmark run them.  Source after lib.sh, hb.sh, pcmk.sh, scenario.sh,
# fos.sh and tests/ocf/tb-ocf.sh; the run needs the links lan and aux.
#
#   pair_switch_and_nodes      fosemu (relay 0 powers n1, relay 1 powers n2),
#                              nodes n1 and n2 defined with our l2 medium,
#                              stonith plugin and agents overlaid
#   heartbeat_pair             Heartbeat R1 over l2 on aux, WarmstandbyGateway,
#                              WarmstandbyLinesw, IPaddr2, stonith_host berofos
#   pacemaker_pair             Corosync (token CS_TOKEN, default 1000 ms) +
#                              Pacemaker, promotable gateway, linesw, VIP,
#                              stonith:berofos
#   pair_hb_watches DEAD SURV  wsprobe watches of a takeover by SURV:
#   pair_pcmk_watches DEAD SURV  dead or token, fenced, promoted, lines
#
# Both pair functions power the nodes on, start the stack on both, set
# SCN_STARTUP (seconds from the start to the VIP on n1, see scenario.sh),
# and write each node's boot script (the switch powers a fenced node on
# again and runs it).  They set WATCHES for a power cut of n1.
# Parameters (environment): PAIR_KEEPALIVE, PAIR_DEADTIME, PAIR_WARNTIME
# (Heartbeat timers, default 100ms, 500ms, 300ms), CS_TOKEN, RESET_WAIT
# (seconds a fenced node's power stays off, default 0.3).

PAIR_L2_SO="$TB_BUILDDIR/hbcomm-l2/.libs/l2.so"
PAIR_STONITH_SO="$TB_BUILDDIR/stonith/.libs/berofos.so"
RESET_WAIT=${RESET_WAIT:-0.3}

# pair_built: our plugins exist (the agents are shell, from the sources).
pair_built() {
	local f
	for f in "$PAIR_L2_SO" "$PAIR_STONITH_SO"; do
		[ -f "$f" ] || { echo "$f not built: run make first" >&2; return 1; }
	done
}

pair_switch_and_nodes() {
	local n
	# shellcheck disable=SC2119 # fosemu with its default options
	fos_start || tb_die "fosemu did not start"
	tb_node_define n1 1
	tb_node_define n2 2
	fos_power_map 0 n1
	fos_power_map 1 n2
	for n in n1 n2; do
		tb_overlay "$n" /usr/lib/heartbeat/plugins/HBcomm "$PAIR_L2_SO"
		tb_overlay "$n" /usr/lib/stonith/plugins/stonith2 "$PAIR_STONITH_SO"
		wso_node_setup "$n"
	done
}

pair_peer() { if [ "$1" = n1 ]; then echo n2; else echo n1; fi; }
pair_relay() { tb_node_index "$1" | awk '{print $1 - 1}'; }   # NODE: its power relay

# The events common to both stacks: SURV fenced DEAD through DEAD's relay,
# SURV's hook became master, the lines switched from DEAD's side to SURV's.
pair_common_watches() {          # DEAD SURV
	echo "--watch=fenced:$(fos_log):power $(pair_relay "$1") off"
	echo "--watch=promoted:$(tb_state "$2")/var/log/ws-hooks.log:master"
	echo "--watch=lines:$(fos_log):relay mode $(wso_mode_of "$1") -> $(wso_mode_of "$2")"
}
pair_hb_watches() {              # DEAD SURV
	echo "--watch=dead:$(hb_log "$2"):node $1: is dead"
	pair_common_watches "$1" "$2"
}
pair_pcmk_watches() {            # DEAD SURV
	echo "--watch=token:$(cs_log "$2"):A processor failed"
	pair_common_watches "$1" "$2"
}

heartbeat_pair() {
	local n linesw_args
	linesw_args=$(wso_linesw_params | sed 's/ /::/g')
	for n in n1 n2; do
		tb_node_start "$n"
		HB_KEEPALIVE=${PAIR_KEEPALIVE:-100ms} HB_DEADTIME=${PAIR_DEADTIME:-500ms} \
			HB_WARNTIME=${PAIR_WARNTIME:-300ms} hb_configure "$n" \
			"l2 eth1 $(tb_mac "$(pair_peer "$n")" aux)
stonith_host * berofos $FOS_IP n1:0,n2:1 admin $(fos_password_file) 2 $RESET_WAIT" \
			"n1 WarmstandbyGateway::hooks=/etc/ha.d/hooks.d WarmstandbyLinesw::$linesw_args IPaddr2::$TB_VIP/24/eth0"
		echo "hb_start $n" >"$TB_DIR/$n/boot"
	done
	scn_startup_to_vip scn_each_node hb_start
	# shellcheck disable=SC2034 # read by the scripts that source this file
	mapfile -t WATCHES < <(pair_hb_watches n1 n2)
}

# shellcheck disable=SC2119 # the clone with its default parameters
pacemaker_pair() {
	local n crm="$TB_DIR/cib.crm"
	cat >"$crm" <<EOCRM
property stonith-enabled=true dc-deadtime=2s stonith-timeout=30s
rsc_defaults resource-stickiness=100
primitive fence-fos stonith:berofos params ipaddr=$FOS_IP hostmap="n1:0 n2:1" \
	password_file=$(fos_password_file) timeout=2 reset_wait=$RESET_WAIT op monitor interval=30s
$(wso_crm_master_group)
EOCRM
	for n in n1 n2; do
		tb_node_start "$n"
		cs_configure "$n"
		pcmk_seed_cib "$n" "$crm" || tb_die "crmsh could not load $crm"
		echo "pcmk_start $n" >"$TB_DIR/$n/boot"
	done
	scn_startup_to_vip scn_each_node pcmk_start
	# shellcheck disable=SC2034 # read by the scripts that source this file
	mapfile -t WATCHES < <(pair_pcmk_watches n1 n2)
}
