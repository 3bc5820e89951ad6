# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: the pair: the stacks, what each node does right now, the
# cluster facts activate recorded.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

# --- stacks ---------------------------------------------------------------------
# shellcheck disable=SC2016 # expanded on the node
hb_daemon_cmd='for d in /usr/libexec/heartbeat/heartbeat /usr/lib/heartbeat/heartbeat; do [ -x $d ] && exit 0; done; exit 1'
pcmk_installed_cmd='command -v pacemakerd >/dev/null && command -v corosync >/dev/null && command -v crm >/dev/null'
stack_installed() {              # NODE STACK
	case $2 in
	heartbeat) on "$1" "$hb_daemon_cmd" </dev/null >/dev/null 2>&1 ;;
	pacemaker) on "$1" "$pcmk_installed_cmd" </dev/null >/dev/null 2>&1 ;;
	esac
}
stack_running() {                # NODE STACK
	# shellcheck disable=SC2016 # expanded on the node
	case $2 in
	# Heartbeat's pid file, not cl_status: cl_status waits while a
	# starting Heartbeat is in its initdead.
	heartbeat) on "$1" 'p=$(cat /run/heartbeat.pid 2>/dev/null) && [ -n "$p" ] && kill -0 "$p"' </dev/null >/dev/null 2>&1 ;;
	pacemaker) on "$1" "corosync-cfgtool -s" </dev/null >/dev/null 2>&1 ;;
	esac
}
# Debian's stock corosync.conf names one node "node1" at 127.0.0.1.
cs_conf_is_ours_or_custom() {    # NODE: true if corosync.conf is not the stock one
	on "$1" "[ -f $CS_CONF ] && ! { grep -q 'name: node1' $CS_CONF && grep -q '127.0.0.1' $CS_CONF; }" </dev/null >/dev/null 2>&1
}
hb_configured() { on "$1" "[ -f $HA_CF ]" </dev/null >/dev/null 2>&1; }
cib_has_resources() {
	on "$1" "[ -f $CIB_XML ] && grep -q '<primitive' $CIB_XML" </dev/null >/dev/null 2>&1
}

# detect_stack: sets ws_stack from --stack, the running stack, the
# configured one, the only installed one or wsctl.conf's stack key.
detect_stack() {
	[ -z "$opt_stack" ] || { ws_stack=$opt_stack; return 0; }
	me=$(local_node)
	if stack_running "$me" heartbeat; then ws_stack=heartbeat; return 0; fi
	if stack_running "$me" pacemaker; then ws_stack=pacemaker; return 0; fi
	if cl_load && [ -n "$cl_stack" ]; then ws_stack=$cl_stack; return 0; fi
	ds_hb=0 ds_pc=0
	hb_configured "$me" && ds_hb=1
	cs_conf_is_ours_or_custom "$me" && ds_pc=1
	if [ "$ds_hb$ds_pc" = 10 ]; then ws_stack=heartbeat; return 0; fi
	if [ "$ds_hb$ds_pc" = 01 ]; then ws_stack=pacemaker; return 0; fi
	[ -z "$conf_stack" ] || { ws_stack=$conf_stack; return 0; }
	ds_hb=0 ds_pc=0
	stack_installed "$me" heartbeat && ds_hb=1
	stack_installed "$me" pacemaker && ds_pc=1
	case $ds_hb$ds_pc in
	10) ws_stack=heartbeat ;;
	01) ws_stack=pacemaker ;;
	11) die "$EX_USAGE" "both Heartbeat and Pacemaker are installed and neither runs nor is configured: give --stack heartbeat or --stack pacemaker (or 'stack = ...' in $WSCTL_CONF)" ;;
	*) die "$EX_CHECK" "neither Heartbeat nor Corosync + Pacemaker is installed: install heartbeat, or corosync, pacemaker and crmsh" ;;
	esac
}

# stack_start NODE / stack_stop NODE: the commands of wsctl.conf.
stack_start() {
	ss_cmd=''
	eval "ss_cmd=\$conf_${ws_stack}_start"
	on "$1" "$ss_cmd" </dev/null >/dev/null 2>&1
}
stack_stop() {
	ss_cmd=''
	eval "ss_cmd=\$conf_${ws_stack}_stop"
	on "$1" "$ss_cmd" </dev/null >/dev/null 2>&1
}

# --- what a node does right now ------------------------------------------------------
# node_role NODE: master, slave or - (the gateway agent's state file).
node_role() {
	# shellcheck disable=SC2016 # expanded on the node
	nr_out=$(on "$1" 'for f in /run/resource-agents/warmstandby-gateway-*.state; do [ -r "$f" ] && { head -n 1 "$f"; exit 0; }; done; echo -' </dev/null 2>/dev/null)
	case $nr_out in
	master|slave) printf '%s\n' "$nr_out" ;;
	# R1 runs the gateway only where it holds the resources: a member
	# without them is the backup.
	*) if [ "$ws_stack" = heartbeat ] && stack_running "$1" heartbeat; then echo slave; else echo -; fi ;;
	esac
}
# node_has_vip NODE ADDR
node_has_vip() { on "$1" "ip -o -4 addr show | grep -q ' inet $2/'" </dev/null >/dev/null 2>&1; }

fosctl_sw() {                    # SECTION ARGS...: fosctl on a berofos.conf section
	fs_sec=$1
	shift
	"$conf_fosctl" -f "$conf_berofos_conf" --switch "$fs_sec" "$@"
}
# lines_node: the node the relays point at (mode master = primary side).
lines_node() {
	ln_mode=$(fosctl_sw "$cl_switch" mode 2>/dev/null) || { echo -; return; }
	mode_node "$ln_mode"
}
# mode_node MODE: the node that fosctl's mode output MODE points at, or -.
mode_node() {
	case $1 in
	*master*|*primary*) printf '%s\n' "$cl_primary" ;;
	*slave*|*backup*) other_node "$cl_primary" ;;
	*) echo - ;;
	esac
}
other_node() { if [ "$1" = "$cl_node1" ]; then printf '%s\n' "$cl_node2"; else printf '%s\n' "$cl_node1"; fi; }

vip_addrs() { for va in $cl_vips; do printf '%s ' "${va%%/*}"; done; }

# master_nodes: the nodes in the master role, space-separated, for waits and samples.
master_nodes() {
	mn=
	for mn_n in $cl_node1 $cl_node2; do
		[ "$(node_role "$mn_n")" = master ] && mn="$mn$mn_n "
	done
	printf '%s\n' "${mn% }"
}
vip_holders() {                  # ADDR
	vh=
	for vh_n in $cl_node1 $cl_node2; do
		node_has_vip "$vh_n" "$1" && vh="$vh$vh_n "
	done
	printf '%s\n' "${vh% }"
}
# serving NODE: NODE is the only master, the lines and every VIP are on it.
serving() {
	[ "$(master_nodes)" = "$1" ] || return 1
	[ "$(lines_node)" = "$1" ] || return 1
	for sv_a in $(vip_addrs); do
		[ "$(vip_holders "$sv_a")" = "$1" ] || return 1
	done
	return 0
}
# wait_serving NODE SECONDS
wait_serving() {
	ws_end=$(( $(date +%s) + $2 ))
	while [ "$(date +%s)" -le "$ws_end" ]; do
		serving "$1" && return 0
		sleep 0.5
	done
	return 1
}

# --- cluster facts written by activate --------------------------------------------
# The keys of wsctl.cluster, read by the same strict parser as wsctl.conf.
# The replicate keys are recorded there too: ws-replicate.service runs on
# whichever node is master, and both hold the same wsctl.cluster.
CLUSTER_KEYS="stack:stack node1:name node2:name primary:name switch:name stonith:name links:ifaces vips:vips
replicate:replpaths replicate_interval:interval replicate_delete:yesno"
cl_load() {
	cl_stack='' cl_node1='' cl_node2='' cl_primary='' cl_switch='' cl_stonith='' cl_links='' cl_vips=''
	cl_replicate='' cl_replicate_interval=20 cl_replicate_delete=yes
	[ -f "$WSCTL_CLUSTER" ] || return 1
	conf_parse "$WSCTL_CLUSTER" cl_ "$CLUSTER_KEYS" ||
		die "$EX_CONFIG" "$WSCTL_CLUSTER is damaged: repair it or run 'wsctl disable --purge'"
	return 0
}
# After the arguments are checked (usage errors first, for anyone).
need_root() {
	[ "$(id -u)" -eq 0 ] || die "$EX_USAGE" "wsctl $ws_cmd needs root (it runs the cluster tools and ssh as root)"
}
need_cluster() {
	need_root
	cl_load || die "$EX_CHECK" "no pair configured by wsctl here ($WSCTL_CLUSTER missing): run 'wsctl activate' first"
	ws_stack=$cl_stack
	[ -z "$opt_stack" ] || [ "$opt_stack" = "$cl_stack" ] ||
		die "$EX_USAGE" "this pair runs $cl_stack, not $opt_stack"
}
