# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl disable: slave first, then master, then the watchdog off; the
# master keeps serving.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# "check && check || die" is meant: die when either check fails (SC2015).
# shellcheck shell=sh disable=SC2015

# Stop the fos-kickd that linesw started, through the agent itself (its
# stop kills the feeder and leaves the relays where they are).
linesw_stop_kickd() {            # NODE
	case $ws_stack in
	heartbeat)
		lk_args=$(sed -n 's/.* WarmstandbyLinesw::\([^ ]*\).*/\1/p' "$HA_RESOURCES" | sed 's/::/ /g')
		on "$1" "$WS_HBRESOURCEDIR/WarmstandbyLinesw $lk_args stop" </dev/null >/dev/null 2>&1 ;;
	pacemaker)
		on "$1" "OCF_ROOT=/usr/lib/ocf OCF_RESOURCE_INSTANCE=lines OCF_RESKEY_switch=$cl_switch \
			OCF_RESKEY_config=$(q "$conf_berofos_conf") OCF_RESKEY_fosctl=$(q "$conf_fosctl") \
			OCF_RESKEY_fos_kickd=$(q "$conf_fos_kickd") OCF_RESKEY_primary_node=$cl_primary \
			$WS_OCF_AGENTDIR/linesw stop" </dev/null >/dev/null 2>&1 ;;
	esac
}

cmd_disable() {
	dis_purge=0
	flag_opts disable "--purge:dis_purge" "$@"
	need_cluster
	ws_tmp_init
	for n in $cl_node1 $cl_node2; do
		peer_reachable "$n" || die "$EX_PEER" "$n is not reachable by ssh: disable needs both nodes; check ssh as root"
	done
	dis_master=$(master_nodes)
	case $dis_master in
	*' '*) die "$EX_CHECK" "two masters ($dis_master): resolve that first (see 'wsctl status')" ;;
	'') dis_master=$(lines_node); [ "$dis_master" != - ] || dis_master=$cl_primary ;;
	esac
	dis_slave=$(other_node "$dis_master")
	say "disabling: slave $dis_slave first, then master $dis_master (it keeps VIPs, lines and the master role)"
	case $ws_stack in
	pacemaker)
		if stack_running "$dis_master" pacemaker; then
			# Stopping a stack in maintenance mode leaves its resources running.
			on "$dis_master" "crm_attribute --type crm_config --name maintenance-mode --update true" </dev/null >/dev/null 2>&1 ||
				die "$EX_STACK" "could not set maintenance-mode: nothing was stopped; see 'crm status'"
			dis_wait_maintenance || die "$EX_STACK" "the cluster did not enter maintenance mode: nothing was stopped"
		fi
		stack_stop "$dis_slave" || die "$EX_STACK" "stopping the stack on $dis_slave failed"
		if stack_running "$dis_master" pacemaker; then
			dis_set_maint_flag
			stack_stop "$dis_master" || die "$EX_STACK" "stopping the stack on $dis_master failed"
		fi ;;
	heartbeat)
		stack_stop "$dis_slave" || die "$EX_STACK" "stopping Heartbeat on $dis_slave failed"
		# A second disable (after a failure below) finds it stopped.
		if stack_running "$dis_master" heartbeat; then
			dis_set_maint_flag
			# R1 stops IPaddr2 on shutdown: put the VIPs back at once.
			dis_vip_guard_start "$dis_master"
			stack_stop "$dis_master" || die "$EX_STACK" "stopping Heartbeat on $dis_master failed: see its log; the maintenance flag was removed"
			dis_vip_guard_report
			dis_readd_vips "$dis_master"
		fi ;;
	esac
	# The feeder stops only once the watchdog is off: a watchdog still on
	# without its feeder would switch the lines away from the master.  The
	# maintenance flag stays until then: while it exists the feeder takes
	# the stopped stack as alive (ws-stack-alive).
	if ! fosctl_sw "$cl_switch" watchdog off >/dev/null 2>&1; then
		ws_maint_node=
		die "$EX_SWITCH" "the stacks are stopped and $dis_master keeps serving, but the watchdog of $cl_switch could not be switched off, so fos-kickd keeps feeding it on $dis_master (the maintenance flag $WS_MAINT_FLAG stays there meanwhile): switch it off with 'fosctl --switch $cl_switch watchdog off' (see 'wsctl status'), then run 'wsctl disable$([ "$dis_purge" -eq 0 ] || echo ' --purge')' again to stop fos-kickd"
	fi
	# The watchdog is off: the flag can go, and must before the feeder's
	# stop (while it exists, R1's wrapper leaves linesw alone).
	on "$dis_master" "rm -f $WS_MAINT_FLAG" </dev/null && ws_maint_node= ||
		err "warning: could not remove $WS_MAINT_FLAG on $dis_master: remove it there by hand"
	linesw_stop_kickd "$dis_master" || err "warning: fos-kickd on $dis_master may still run"
	# The master keeps its role without a stack: its replication stops
	# with the pair (the gateway's demote never comes to stop it).
	if [ -n "${cl_replicate:-}" ]; then
		on "$dis_master" "systemctl stop $WS_REPLICATE_UNIT" </dev/null >/dev/null 2>&1 ||
			err "warning: could not stop $WS_REPLICATE_UNIT on $dis_master: stop it there (systemctl stop $WS_REPLICATE_UNIT)"
	fi
	say "disabled: $dis_master keeps serving; watchdog off"
	if [ "$dis_purge" -eq 1 ]; then
		dis_purge_files
	fi
}

# dis_set_maint_flag: the maintenance flag on the master before its stack
# stops: R1's wrappers then leave master and lines alone, and the feeder's
# liveness checker takes the stopped stack as alive.  ws_cleanup removes
# it on every way out but one (the watchdog left on).
dis_set_maint_flag() {
	ws_maint_node=$dis_master
	on "$dis_master" "mkdir -p $(dirname "$WS_MAINT_FLAG") && : >$WS_MAINT_FLAG" </dev/null ||
		die "$EX_STACK" "cannot write $WS_MAINT_FLAG on $dis_master: nothing was stopped there"
}

dis_wait_maintenance() {
	dm_i=0
	while [ "$dm_i" -lt 40 ]; do
		on "$dis_master" "crm_mon -1 --output-as=xml" </dev/null 2>/dev/null | grep -q 'maintenance-mode="true"' && return 0
		sleep 0.25
		dm_i=$((dm_i + 1))
	done
	return 1
}

# vip_readd_cmd ADDR/CIDR@IFACE: shell code that adds the VIP back (if
# missing) and announces it with gratuitous ARP, as IPaddr2 does.
vip_readd_cmd() {
	vr_a=${1%%/*} vr_c=${1#*/}
	vr_if=${vr_c#*@} vr_c=${vr_c%%@*}
	printf '%s' "ip -o -4 addr show dev $vr_if | grep -q ' inet $vr_a/' || ip addr add $vr_a/$vr_c dev $vr_if
		for s in /usr/libexec/heartbeat/send_arp /usr/lib/heartbeat/send_arp; do
			[ -x \$s ] && { \$s -i 100 -r 3 $vr_if $vr_a auto not_used not_used >/dev/null 2>&1 & break; }
		done"
}
dis_readd_vips() {               # NODE
	for v in $cl_vips; do
		on "$1" "$(vip_readd_cmd "$v")" </dev/null ||
			err "warning: could not put VIP ${v%%/*} back on $1: add it by hand (ip addr add ${v%@*} dev ${v#*@})"
	done
}
# dis_vip_guard_start NODE: on NODE, one watcher per VIP that adds it back
# as soon as R1's IPaddr2 stop removed it (polled every 50 ms, bounded)
# and prints "VIP ABSENT_AT BACK_AT".
dis_vip_guard_start() {
	dg_dir=$(ws_tmp)
	dg_pids=''
	dg_i=0
	for v in $cl_vips; do
		on "$1" "i=0; while [ \$i -lt $((conf_wait_timeout * 20)) ]; do
			if ! ip -o -4 addr show | grep -q ' inet ${v%%/*}/'; then
				t0=\$(date +%s.%N); $(vip_readd_cmd "$v")
				echo ${v%%/*} \$t0 \$(date +%s.%N); exit 0
			fi
			sleep 0.05; i=\$((i + 1)); done; exit 1" </dev/null >"$dg_dir/guard.$dg_i" 2>/dev/null &
		dg_pids="$dg_pids $!"
		dg_i=$((dg_i + 1))
	done
}
dis_vip_guard_report() {
	# shellcheck disable=SC2086 # the PIDs
	[ -z "$dg_pids" ] || wait $dg_pids 2>/dev/null
	cat "$(ws_tmp)"/guard.* 2>/dev/null | while read -r dr_a dr_t0 dr_t1; do
		say "VIP $dr_a gap: $(awk -v a="$dr_t0" -v b="$dr_t1" 'BEGIN {printf "%.3f", b - a}') s (removed by R1's stop, added back by wsctl; up to 0.05 s more before it was seen)"
	done
}

dis_purge_files() {
	for n in $cl_node1 $cl_node2; do
		case $ws_stack in
		heartbeat) on "$n" "rm -f $HA_CF $HA_RESOURCES $HA_AUTHKEYS" </dev/null ;;
		pacemaker) on "$n" "rm -f $CS_AUTHKEY $CIB_XML $CIB_XML.sig /var/lib/pacemaker/cib/cib-*
			if [ -f $CS_CONF.wsctl-orig ]; then mv -f $CS_CONF.wsctl-orig $CS_CONF; else rm -f $CS_CONF; fi" </dev/null ;;
		esac
		on "$n" "rm -f $WSCTL_CLUSTER" </dev/null
		say "  $n: removed the configuration wsctl wrote"
	done
}
