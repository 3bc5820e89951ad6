# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl activate: the checks (the dry run), the plan, the files written
# on both nodes, the start in an order that never makes two masters.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# "check && check || die" is meant: die when either check fails (SC2015).
# shellcheck shell=sh disable=SC2015

act_fail=0
check_ok() { say "  ok    $*"; }
check_warn() { say "  WARN  $*"; }
check_fail() { act_code=$1; shift; say "  FAIL  $*"; err "$*"; act_fail=1; [ "$act_rc" -ne 0 ] || act_rc=$act_code; }

act_parse() {
	act_peer='' act_links='' act_switch=$conf_switch act_stonith='' act_vips='' act_primary='' act_pmap=''
	act_lan_map=''
	act_dry=0 act_yes=0
	while [ $# -gt 0 ]; do
		case $1 in
		--peer) [ $# -ge 2 ] || usage_error "--peer needs a node name"
			valid_name "$2" || usage_error "--peer '$2' is not a node name"
			act_peer=$2; shift ;;
		--link) [ $# -ge 2 ] || usage_error "--link needs an interface name"
			valid_iface "$2" || usage_error "--link '$2' is not an interface name"
			case " $act_links " in *" $2 "*) usage_error "--link $2 given twice" ;; esac
			act_links="${act_links:+$act_links }$2"; shift ;;
		--switch) [ $# -ge 2 ] && valid_name "$2" || usage_error "--switch needs a section name of berofos.conf"
			act_switch=$2; shift ;;
		--stonith) [ $# -ge 2 ] && valid_name "$2" || usage_error "--stonith needs a section name of berofos.conf"
			act_stonith=$2; shift ;;
		--vip) [ $# -ge 2 ] || usage_error "--vip needs ADDR/CIDR[@IFACE]"
			valid_vip "$2" || usage_error "--vip '$2' is not ADDR/CIDR[@IFACE] (e.g. 192.0.2.50/24@eth0)"
			act_vips="${act_vips:+$act_vips }$2"; shift ;;
		--primary) [ $# -ge 2 ] && valid_name "$2" || usage_error "--primary needs a node name"
			act_primary=$2; shift ;;
		--power-map) [ $# -ge 2 ] && valid_power_map "$2" ||
				usage_error "--power-map needs NODE:PORT,NODE:PORT with ports 0 and 1 (e.g. gw1:0,gw2:1)"
			act_pmap=$2; shift ;;
		--dry-run) act_dry=1 ;;
		--yes) act_yes=1 ;;
		*) usage_error "activate: unknown option '$1'" ;;
		esac
		shift
	done
	[ -n "$act_peer" ] || usage_error "activate needs --peer NODE (the other node, reachable by ssh as root)"
	[ -n "$act_links" ] || act_links=$conf_links
	[ -n "$act_links" ] || usage_error "activate needs at least one --link IFACE (or 'wsctl link use IFACE')"
	[ -n "$act_switch" ] || usage_error "activate needs --switch NAME (or 'wsctl switch use NAME')"
	[ -n "$act_stonith" ] || act_stonith=${conf_stonith:-$act_switch}
	[ -n "$act_vips" ] || act_vips=$conf_vips
	act_me=$(local_node)
	[ "$act_peer" != "$act_me" ] || usage_error "--peer $act_peer is this node; name the other one"
	[ -n "$act_primary" ] || act_primary=${conf_primary:-$act_me}
	[ "$act_primary" = "$act_me" ] || [ "$act_primary" = "$act_peer" ] ||
		usage_error "--primary $act_primary is neither this node ($act_me) nor the peer ($act_peer)"
	act_other=$act_peer
	[ "$act_primary" = "$act_me" ] || act_other=$act_me
	[ -n "$act_pmap" ] || act_pmap=${conf_power_map:-$act_primary:0,$act_other:1}
	power_port "$act_pmap" "$act_me" >/dev/null && power_port "$act_pmap" "$act_peer" >/dev/null ||
		usage_error "--power-map $act_pmap must name both $act_me and $act_peer"
	need_root
}

# iface_info NODE IFACE: "UP MAC IPV4" ("-" for a missing address).
iface_info() {
	on "$1" "[ -d /sys/class/net/$2 ] || exit 1
		s=down; ip -o link show dev $2 | grep -q '[<,]UP[,>]' && s=up
		m=\$(cat /sys/class/net/$2/address)
		a=\$(ip -o -4 addr show dev $2 scope global | awk '{sub(/\\/.*/, \"\", \$4); print \$4; exit}')
		echo \$s \$m \${a:--}" </dev/null 2>/dev/null
}

act_check_peer() {
	if ! peer_reachable "$act_peer"; then
		check_fail "$EX_PEER" "peer $act_peer is not reachable by ssh as root (BatchMode): set up root's key (ssh-copy-id root@$act_peer) and check the name resolves"
		return 1
	fi
	act_peer_name=$(on "$act_peer" "uname -n" </dev/null 2>/dev/null)
	if [ "$act_peer_name" != "$act_peer" ]; then
		check_fail "$EX_PEER" "peer $act_peer calls itself '$act_peer_name': use its node name (uname -n) as --peer"
		return 1
	fi
	check_ok "peer $act_peer reachable by ssh"
	for n in "$act_me" "$act_peer"; do
		if stack_installed "$n" "$ws_stack"; then check_ok "$n: $ws_stack installed"
		else check_fail "$EX_CHECK" "$n: $ws_stack is not installed: install it on both nodes"; fi
	done
	return 0
}

act_check_links() {
	act_ring=0
	for l in $act_links; do
		for n in "$act_me" "$act_peer"; do
			if ! info=$(iface_info "$n" "$l"); then
				check_fail "$EX_CHECK" "$n: no interface $l: name an existing interface with --link"
				continue
			fi
			# shellcheck disable=SC2086 # three words
			set -- $info
			[ "$1" = up ] || check_fail "$EX_CHECK" "$n: interface $l is down: bring it up (ip link set $l up)"
			eval "act_mac_$(echo "$n" | tr -c 'A-Za-z0-9_\n' _)_$act_ring=\$2"
			eval "act_ip_$(echo "$n" | tr -c 'A-Za-z0-9_\n' _)_$act_ring=\$3"
			if [ "$ws_stack" = pacemaker ] && [ "$3" = - ]; then
				check_fail "$EX_CHECK" "$n: interface $l has no IPv4 address: corosync (knet) needs one on every link; add one or leave out --link $l"
			fi
		done
		act_ring=$((act_ring + 1))
	done
	[ "$act_fail" -eq 0 ] || return 1
	act_ring=0
	for l in $act_links; do
		peer_mac=$(node_fact mac "$act_peer" "$act_ring")
		# The peer answers l2 echo requests while no Heartbeat runs there.
		on "$act_peer" "$(q "$conf_l2ping") --responder -w 3 $l" </dev/null >/dev/null 2>&1 &
		resp=$!
		if l2_answers "$l" "$peer_mac" "$resp"; then
			check_ok "link $l: up on both nodes, $act_peer ($peer_mac) answers ws-l2ping"
		else
			check_fail "$EX_CHECK" "link $l: $act_peer ($peer_mac) does not answer ws-l2ping: check the cabling of $l on both nodes"
		fi
		# Our ssh client; the responder there ends by its own -w.
		kill "$resp" 2>/dev/null
		wait "$resp" 2>/dev/null
		act_ring=$((act_ring + 1))
	done
}
# l2_answers IFACE MAC PID: the peer answers l2ping on IFACE while its
# responder (started through ssh, our client PID) runs: ssh may take
# seconds to start it on a loaded node, so we ask again until it answers
# or has ended (bounded).
l2_answers() {
	la_i=0
	while [ "$la_i" -lt 10 ]; do
		"$conf_l2ping" -c 2 -i 0.2 -W 1 "$1" "$2" >/dev/null 2>&1 && return 0
		kill -0 "$3" 2>/dev/null || return 1
		la_i=$((la_i + 1))
	done
	return 1
}
# node_fact mac|ip NODE RING
node_fact() { eval "printf '%s\n' \"\${act_$1_$(echo "$2" | tr -c 'A-Za-z0-9_\n' _)_$3}\""; }

act_check_switch() {           # ROLE SECTION
	acs_bad=0
	if ! fos_has_section "$conf_berofos_conf" "$2"; then
		check_fail "$EX_SWITCH" "$1 switch $2: $(fos_section_missing "$conf_berofos_conf" "$2" "add it (see fosctl(8)) or list switches with 'wsctl switch discover'")"
		return 1
	fi
	for n in "$act_me" "$act_peer"; do
		fc_rc=0
		on "$n" "$(q "$conf_fosctl") -f $(q "$conf_berofos_conf") --switch $2 show" </dev/null >/dev/null 2>&1 || fc_rc=$?
		if [ "$fc_rc" -ne 0 ]; then
			acs_hint=
			# The peer lacks what this node has (or holds an old copy).
			if [ "$n" = "$act_peer" ] && [ "$acs_bad" -eq 0 ]; then
				case $fc_rc in 3|6) acs_hint="; to copy this node's section and password file there: wsctl switch copy $2 --peer $act_peer" ;; esac
			fi
			check_fail "$EX_SWITCH" "$n: $1 switch $2: $(fosctl_reason "$fc_rc")$acs_hint"
			acs_bad=1
		else
			check_ok "$n: $1 switch $2 answers, password accepted"
		fi
	done
	return "$acs_bad"
}

# act_lan_addrs: each node's IPv4 address on its way to the fencing switch,
# where the fence guard asks the node by ARP whether it lives.  Only a path
# that is not a cluster link is evidence (a split cuts the cluster links):
# when the switch is reached through one of the --link interfaces, or a
# node has no IPv4 route to it, act_lan_map stays empty and the guard
# judges by the watchdog kicks alone.  act_lan_map: "NODE=IPV4 NODE=IPV4".
act_lan_addrs() {
	act_lan_map=
	al_host=$(url_host_v4 "$(fos_section_value "$conf_berofos_conf" "$act_stonith" url)")
	[ -n "$al_host" ] || return 0
	al_map=
	for n in "$act_me" "$act_peer"; do
		al_route=$(on "$n" "ip -4 -o route get \"\$(getent ahostsv4 $(q "$al_host") | awk 'NR == 1 { print \$1 }')\"" </dev/null 2>/dev/null)
		al_src=$(printf '%s\n' "$al_route" | sed -n 's/.* src \([0-9.]*\).*/\1/p')
		al_dev=$(printf '%s\n' "$al_route" | sed -n 's/.* dev \([^ ]*\).*/\1/p')
		if [ -z "$al_src" ] || [ -z "$al_dev" ]; then
			check_warn "fence guard: $n has no IPv4 route to the switch $al_host: the guard judges by the watchdog kicks alone"
			return 0
		fi
		for l in $act_links; do
			if [ "$l" = "$al_dev" ]; then
				check_ok "fence guard: $n reaches the switch over the cluster link $l: the guard judges by the watchdog kicks alone"
				return 0
			fi
		done
		al_map="${al_map:+$al_map }$n=$al_src"
	done
	act_lan_map=$al_map
	check_ok "fence guard: LAN addresses $act_lan_map (asked by ARP before a master is fenced)"
}

act_check_power() {
	for n in "$act_me" "$act_peer"; do
		pp=$(power_port "$act_pmap" "$n")
		st=$(fosctl_sw "$act_stonith" power "$pp" status 2>/dev/null) || st=unknown
		case $st in
		*" on") check_ok "power relay $pp ($n) is on" ;;
		*" off") check_fail "$EX_SWITCH" "power relay $pp of $act_stonith is off but $n runs: fix --power-map (NODE:PORT,NODE:PORT)" ;;
		*) check_fail "$EX_SWITCH" "power relay $pp of $act_stonith could not be read: check 'fosctl --switch $act_stonith power $pp status'" ;;
		esac
	done
}

act_check_clean() {
	for n in "$act_me" "$act_peer"; do
		case $ws_stack in
		heartbeat)
			if stack_running "$n" heartbeat; then
				check_fail "$EX_CHECK" "$n: heartbeat is running: stop it, or run 'wsctl disable --purge' for a pair wsctl set up"
			elif hb_configured "$n"; then
				check_fail "$EX_CHECK" "$n: $HA_CF exists: move it away, or run 'wsctl disable --purge' for a pair wsctl set up"
			else check_ok "$n: no Heartbeat configuration to overwrite"; fi ;;
		pacemaker)
			if stack_running "$n" pacemaker; then
				check_fail "$EX_CHECK" "$n: corosync is running: stop the cluster, or run 'wsctl disable --purge' for a pair wsctl set up"
			elif cs_conf_is_ours_or_custom "$n"; then
				check_fail "$EX_CHECK" "$n: $CS_CONF is not Debian's stock file: move it away, or run 'wsctl disable --purge' for a pair wsctl set up"
			elif cib_has_resources "$n"; then
				check_fail "$EX_CHECK" "$n: the CIB ($CIB_XML) has resources: remove it, or run 'wsctl disable --purge'"
			else check_ok "$n: no cluster configuration to overwrite"; fi ;;
		esac
	done
}

# VIP interfaces: given with @IFACE, else the interface of the route to it.
act_resolve_vips() {
	act_vips_full=
	for v in $act_vips; do
		vif=
		case $v in *@*) vif=${v#*@} ;; esac
		va=${v%%/*}
		vc=${v#*/}; vc=${vc%%@*}
		if [ -z "$vif" ]; then
			vif=$(ip -o route get "$va" 2>/dev/null | sed -n 's/.* dev \([^ ]*\).*/\1/p')
			[ -n "$vif" ] || { check_fail "$EX_CHECK" "VIP $va: no route to it here: give its interface (--vip $va/$vc@IFACE)"; continue; }
		fi
		for n in "$act_me" "$act_peer"; do
			on "$n" "[ -d /sys/class/net/$vif ]" </dev/null 2>/dev/null ||
				check_fail "$EX_CHECK" "$n: VIP $va: no interface $vif: give an existing one with @IFACE"
		done
		act_vips_full="${act_vips_full:+$act_vips_full }$va/$vc@$vif"
	done
	[ -z "$act_vips_full" ] || check_ok "VIPs: $act_vips_full"
}

act_checks() {
	act_rc=0
	say "checks ($ws_stack):"
	act_check_peer || return "$act_rc"
	act_check_clean
	act_check_links
	act_switch_ok=0
	act_check_switch lines "$act_switch" || act_switch_ok=1
	if [ "$act_stonith" != "$act_switch" ]; then
		act_check_switch fencing "$act_stonith" || act_switch_ok=1
	fi
	# The relays can only be read from a switch that answers.
	[ "$act_switch_ok" -ne 0 ] || act_check_power
	[ "$act_switch_ok" -ne 0 ] || act_lan_addrs
	act_resolve_vips
	for n in "$act_me" "$act_peer"; do
		on "$n" "[ -d $(q "$conf_hooks") ]" </dev/null 2>/dev/null ||
			check_fail "$EX_CHECK" "$n: hooks directory $conf_hooks is missing: create it (see ocf_warmstandby_gateway(7)) or set 'hooks' in $WSCTL_CONF"
	done
	[ -z "$conf_replicate" ] || act_check_replicate
	return "$act_rc"
}

# act_check_replicate: replicate runs rsync on the master and, through
# ssh, on the slave: either node may be master, so both need it.  A listed
# path missing on the primary is only a warning: it is left alone on the
# peer until it exists.
act_check_replicate() {
	for n in "$act_me" "$act_peer"; do
		if on "$n" "command -v rsync" </dev/null >/dev/null 2>&1; then
			check_ok "$n: rsync installed (replicate)"
		else
			check_fail "$EX_CHECK" "$n: rsync is not installed, and replicate needs it on both nodes: install it (Debian package rsync) or remove 'replicate' from $WSCTL_CONF"
		fi
	done
	for p in $conf_replicate; do
		on "$act_primary" "[ -e $(q "$p") ] || [ -L $(q "$p") ]" </dev/null 2>/dev/null ||
			check_warn "replicate: $p does not exist on $act_primary: it is not copied (nor removed on the peer) until it does"
	done
	check_ok "replicate: $conf_replicate to the slave every ${conf_replicate_interval}s (delete: $conf_replicate_delete), by $WS_REPLICATE_UNIT on the master"
}

# --- rendering ---------------------------------------------------------------------
template_dir() {
	if [ -n "$WS_TEMPLATEDIR" ]; then printf '%s\n' "$WS_TEMPLATEDIR"
	else printf '%s/templates\n' "$(cd "$(dirname "$0")" && pwd)"; fi
}

# act_vars NODE: the template values for NODE's files (NAME<TAB>value).
act_vars() {
	av_node=$1
	av_other=$act_peer
	[ "$av_node" = "$act_me" ] || av_other=$act_me
	av_url=$(fos_section_value "$conf_berofos_conf" "$act_stonith" url)
	av_user=$(fos_section_value "$conf_berofos_conf" "$act_stonith" user)
	av_pwf=$(fos_section_value "$conf_berofos_conf" "$act_stonith" password_file)
	av_kick=
	[ -z "$conf_kick_interval_ms" ] || av_kick=" kick_interval=$conf_kick_interval_ms"
	printf 'PRIMARY\t%s\nNODE1\t%s\nNODE2\t%s\n' "$act_primary" "$act_me" "$act_peer"
	printf 'STONITH\t%s\nSWITCH\t%s\nFOS_CONFIG\t%s\n' "$act_stonith" "$act_switch" "$conf_berofos_conf"
	printf 'FOS_HOST\t%s\nFOS_USER\t%s\nFOS_PASSWORD_FILE\t%s\n' "$(url_address "$av_url")" "${av_user:-admin}" "${av_pwf:-none}"
	printf 'FOS_IP\t%s\nFOS_IPPORT\t%s\n' "$(url_host "$av_url")" "$(url_port "$av_url")"
	printf 'FENCE_PASSWORD\t%s\n' "${av_pwf:+password_file=$av_pwf }"
	printf 'FOS_TIMEOUT\t2\nRESET_WAIT\t%s\n' "$conf_reset_wait"
	printf 'R1_PEER_FENCE\t%s\n' "$WS_OCFLIBDIR/r1-peer-fence"
	printf 'LAN_MAP\t%s\nHB_LAN_MAP\t%s\nKICK_STALL\t%s\n' "${act_lan_map:-}" \
		"$(printf '%s' "${act_lan_map:-none}" | tr ' ' ',')" "$(kick_stall_s "$conf_kick_interval_ms")"
	# An empty lan_map is left out (fence_berofos would refuse the empty value).
	printf 'FENCE_LAN_MAP\t%s\n' "${act_lan_map:+lan_map=\"$act_lan_map\" }"
	printf 'HOSTMAP\t%s\nPCMK_HOST_MAP\t%s\nHB_HOSTMAP\t%s\n' "$(printf '%s' "$act_pmap" | tr ',' ' ')" \
		"$(printf '%s' "$act_pmap" | tr ',' ';')" "$act_pmap"
	printf 'FENCE_DELAY\t%s\nFENCE_DELAY_MAX\t%s\n' "$conf_fence_delay" "$conf_fence_delay_max"
	printf 'STONITH_TIMEOUT\t%s\nDC_DEADTIME\t%s\n' "$conf_stonith_timeout" "$conf_dc_deadtime"
	printf 'HOOKS\t%s\nHOOK_TIMEOUT\t%s\nWINTV\t%s\n' "$conf_hooks" "$conf_hook_timeout" "$conf_watchdog_interval"
	# The replication unit runs where the gateway is master.
	av_gw=
	[ -z "$conf_replicate" ] || av_gw="promoted_units=$WS_REPLICATE_UNIT"
	printf 'GW_EXTRA\t%s\nHB_GW_EXTRA\t%s\n' "${av_gw:+$av_gw }" "${av_gw:+::$av_gw}"
	printf 'LINESW_EXTRA\tfosctl=%s fos_kickd=%s%s\n' "$conf_fosctl" "$conf_fos_kickd" "$av_kick"
	printf 'HB_LINESW_EXTRA\t::fosctl=%s::fos_kickd=%s%s\n' "$conf_fosctl" "$conf_fos_kickd" \
		"$(printf '%s' "$av_kick" | sed 's/ /::/g')"
	printf 'HB_LOGFILE\t/var/log/ha-log\nHB_KEEPALIVE\t%s\nHB_DEADTIME\t%s\n' "$conf_hb_keepalive" "$conf_hb_deadtime"
	printf 'HB_WARNTIME\t%s\nHB_INITDEAD\t%s\n' "$conf_hb_warntime" "$conf_hb_initdead"
	av_ring=0
	for av_l in $act_links; do
		printf 'HB_MEDIA\tl2 %s %s\n' "$av_l" "$(node_fact mac "$av_other" "$av_ring")"
		av_ring=$((av_ring + 1))
	done
	av_tdir=$(template_dir)
	av_hbv='' av_i=0
	printf 'VIP_RESOURCES\t\n'
	for av_v in $act_vips_full; do
		av_a=${av_v%%/*} av_c=${av_v#*/}
		av_if=${av_c#*@} av_c=${av_c%%@*}
		av_hbv="$av_hbv IPaddr2::$av_a/$av_c/$av_if"
		printf 'I\t%s\nADDR\t%s\nCIDR\t%s\nIFACE\t%s\n' "$av_i" "$av_a" "$av_c" "$av_if" |
			render_block VIP_RESOURCES "$av_tdir/pacemaker-vip.crm" || return 1
		av_i=$((av_i + 1))
	done
	printf 'HB_VIPS\t%s\n' "$av_hbv"
	av_hbs=
	printf 'SERVICE_RESOURCES\t\n'
	for av_s in $conf_services; do
		av_hbs="$av_hbs $av_s"
		printf 'SERVICE\t%s\n' "$av_s" | render_block SERVICE_RESOURCES "$av_tdir/pacemaker-service.crm" || return 1
	done
	printf 'HB_SERVICES\t%s\n' "$av_hbs"
	printf 'L2LINK_RESOURCES\t\n'
	av_ring=0
	for av_l in $act_links; do
		printf 'IFACE\t%s\nMACS\t%s %s\nL2PING\t%s\n' "$av_l" "$(node_fact mac "$act_me" "$av_ring")" \
			"$(node_fact mac "$act_peer" "$av_ring")" "$conf_l2ping" |
			render_block L2LINK_RESOURCES "$av_tdir/pacemaker-l2link.crm" || return 1
		av_ring=$((av_ring + 1))
	done
}

# corosync.conf for the pair from its templates: knet, one link (ring)
# per --link, the nodes numbered 1 (this one) and 2 (the peer).
render_corosync() {
	rc_tdir=$(template_dir)
	rc_vars=$(
		printf 'CS_TOKEN\t%s\n' "$conf_corosync_token"
		rc_id=1
		for rc_n in "$act_me" "$act_peer"; do
			rc_ring=0
			# shellcheck disable=SC2034 # one ring per link, by number
			rc_rings=$(for rc_l in $act_links; do
				printf 'RING\t%s\nADDR\t%s\n' "$rc_ring" "$(node_fact ip "$rc_n" "$rc_ring")" |
					render_block RINGS "$rc_tdir/corosync-ring.conf" || exit 1
				rc_ring=$((rc_ring + 1))
			done) || exit 1
			printf 'NODE\t%s\nNODEID\t%s\n%s\n' "$rc_n" "$rc_id" "$rc_rings" |
				render_block CS_NODES "$rc_tdir/corosync-node.conf" || exit 1
			rc_id=$((rc_id + 1))
		done) || return 1
	printf '%s\n' "$rc_vars" | render_template "$rc_tdir/corosync.conf" /dev/stdin
}

render_cluster_facts() {
	printf '# warmstandby: written by wsctl activate; read by wsctl.\n'
	printf 'stack = %s\nnode1 = %s\nnode2 = %s\nprimary = %s\n' "$ws_stack" "$act_me" "$act_peer" "$act_primary"
	printf 'switch = %s\nstonith = %s\nlinks = %s\n' "$act_switch" "$act_stonith" "$act_links"
	[ -z "$act_vips_full" ] || printf 'vips = %s\n' "$act_vips_full"
	[ -z "$conf_replicate" ] || printf 'replicate = %s\nreplicate_interval = %s\nreplicate_delete = %s\n' \
		"$conf_replicate" "$conf_replicate_interval" "$conf_replicate_delete"
}

# act_render: every file of both nodes into the temporary directory, as
# DIR/NODE/<path>; the list of "NODE PATH MODE" in DIR/files.
act_render() {
	ar_dir=$(ws_tmp)
	: >"$ar_dir/files"
	tdir=$(template_dir)
	for n in "$act_me" "$act_peer"; do
		mkdir -p "$ar_dir/$n" || return 1
		act_vars "$n" >"$ar_dir/$n.vars" || return 1
		case $ws_stack in
		heartbeat)
			render_template "$tdir/ha.cf" "$ar_dir/$n.vars" >"$ar_dir/$n/ha.cf" || return 1
			render_template "$tdir/haresources" "$ar_dir/$n.vars" >"$ar_dir/$n/haresources" || return 1
			printf '%s %s 0644 ha.cf\n%s %s 0644 haresources\n%s %s 0600 authkeys\n' \
				"$n" "$HA_CF" "$n" "$HA_RESOURCES" "$n" "$HA_AUTHKEYS" >>"$ar_dir/files" ;;
		pacemaker)
			# The CIB is no file of ours: it is loaded into the running
			# cluster (act_load_cib), which gives it to both nodes.
			render_template "$tdir/pacemaker.crm" "$ar_dir/$n.vars" >"$ar_dir/$n/cib.crm" || return 1
			render_corosync >"$ar_dir/$n/corosync.conf" || return 1
			printf '%s %s 0644 corosync.conf\n%s %s 0400 authkey\n' \
				"$n" "$CS_CONF" "$n" "$CS_AUTHKEY" >>"$ar_dir/files" ;;
		esac
		render_cluster_facts >"$ar_dir/$n/wsctl.cluster" || return 1
		printf '%s %s 0644 wsctl.cluster\n' "$n" "$WSCTL_CLUSTER" >>"$ar_dir/files"
	done
	# One secret for both nodes.
	case $ws_stack in
	heartbeat)
		(umask 077; printf 'auth 1\n1 sha1 %s\n' "$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')" >"$ar_dir/key") ;;
	pacemaker)
		(umask 077; head -c 256 /dev/urandom >"$ar_dir/key") ;;
	esac
	for n in "$act_me" "$act_peer"; do
		case $ws_stack in
		heartbeat) cp -p "$ar_dir/key" "$ar_dir/$n/authkeys" ;;
		pacemaker) cp -p "$ar_dir/key" "$ar_dir/$n/authkey" ;;
		esac
	done
}

act_plan() {
	say "plan:"
	while read -r n path mode _; do
		say "  $n: write $path (mode $mode)"
	done <"$(ws_tmp)/files"
	case $ws_stack in
	heartbeat) say "  start Heartbeat on $act_primary (the owner of the resources), then at once on $act_other (within initdead ${conf_hb_initdead}s)" ;;
	pacemaker) say "  start Corosync + Pacemaker on $act_me and $act_peer (two_node quorum waits for both)"
		say "  once both are members: load the configuration into the cluster on $act_me (crm configure load update)" ;;
	esac
	[ -z "$conf_replicate" ] || say "  on the master: $WS_REPLICATE_UNIT copies $conf_replicate to the slave every ${conf_replicate_interval}s"
	say "  wait up to ${conf_wait_timeout}s for one master ($act_primary) with the lines${act_vips_full:+ and $act_vips_full}"
}

# stage_file NODE SRC DEST MODE: DEST.wsctl-new on NODE (stdin over ssh
# for the peer: secrets never on a command line).
stage_file() {
	sf_dest=$3.wsctl-new
	on "$1" "umask 077; mkdir -p $(q "$(dirname "$3")") && cat >$(q "$sf_dest") && chmod $4 $(q "$sf_dest")" <"$2"
}
# cib_check CRMFILE: the configuration loads (crmsh, with its checks
# against the agents installed here) into an empty CIB in a file of our
# temporary directory: before anything is written, a configuration crmsh
# would refuse on the running cluster stops activate.
cib_check() {
	cc_cib=$(ws_tmp)/cib-check.xml
	cibadmin --empty >"$cc_cib" && CIB_file=$cc_cib crm configure load update "$1" </dev/null >/dev/null
}
unstage_all() {
	while read -r n path _ _; do
		on "$n" "rm -f $(q "$path.wsctl-new")" </dev/null >/dev/null 2>&1
	done <"$(ws_tmp)/files"
}
# commit_all: the staged files take their names, one by one; each one
# renamed goes to DIR/written ("NODE PATH"), what remove_written undoes.
commit_all() {
	: >"$(ws_tmp)/written" || return 1
	while read -r n path _ _; do
		# corosync.conf: keep the file it replaces for 'disable --purge'.
		if [ "$path" = "$CS_CONF" ]; then
			on "$n" "[ ! -f $CS_CONF ] || [ -f $CS_CONF.wsctl-orig ] || cp -p $CS_CONF $CS_CONF.wsctl-orig" </dev/null || return 1
		fi
		on "$n" "mv -f $(q "$path.wsctl-new") $(q "$path")" </dev/null || return 1
		printf '%s %s\n' "$n" "$path" >>"$(ws_tmp)/written"
		say "  $n: wrote $path"
	done <"$(ws_tmp)/files"
}
# remove_written: after a failed commit_all, the files it wrote go (and
# corosync.conf gets back the file it replaced); files of ours on a node
# or path it never reached are left as they were, staged ones removed.
remove_written() {
	while read -r n path; do
		on "$n" "rm -f $(q "$path")" </dev/null >/dev/null 2>&1
		[ "$path" != "$CS_CONF" ] ||
			on "$n" "[ ! -f $CS_CONF.wsctl-orig ] || mv -f $CS_CONF.wsctl-orig $CS_CONF" </dev/null >/dev/null 2>&1
	done <"$(ws_tmp)/written"
	unstage_all
}

act_write() {
	aw_dir=$(ws_tmp)
	aw_bad='' aw_cib=''
	if [ "$ws_stack" = pacemaker ]; then
		# crmsh takes seconds: it checks the configuration while the
		# files are staged.
		cib_check "$aw_dir/$act_me/cib.crm" >/dev/null 2>"$aw_dir/cib-check.err" &
		aw_cib=$!
	fi
	while read -r n path mode name; do
		stage_file "$n" "$aw_dir/$n/$name" "$path" "$mode" 2>"$aw_dir/stage.err" || { aw_bad="$n: cannot write $path: $(cat "$aw_dir/stage.err")"; break; }
	done <"$aw_dir/files"
	if [ -n "$aw_cib" ] && ! wait "$aw_cib"; then
		aw_bad="${aw_bad:+$aw_bad; }the configuration does not load into a CIB: $(cat "$aw_dir/cib-check.err")"
	fi
	if [ -n "$aw_bad" ]; then
		unstage_all
		die "$EX_STACK" "$aw_bad; nothing was changed"
	fi
	if ! commit_all; then
		remove_written
		die "$EX_STACK" "writing the configuration failed; the files written were removed on both nodes"
	fi
}

act_start() {
	case $ws_stack in
	heartbeat)
		# The primary first: when the peer joins, the primary is already
		# a member and R1 gives the resources to their owner in
		# haresources, the primary.  The peer must join within initdead:
		# a node that stays alone that long fences its peer.
		say "starting Heartbeat on $act_primary"
		stack_start "$act_primary" || return 1
		as_i=0
		until stack_running "$act_primary" heartbeat; do
			as_i=$((as_i + 1))
			[ "$as_i" -le 50 ] || return 1
			sleep 0.2
		done
		say "starting Heartbeat on $act_other"
		stack_start "$act_other" || return 1
		# Not a hang: R1 asks for its resources only after a fixed
		# delay once the nodes see each other (RQSTDELAY, 10 s in
		# Heartbeat's source; no setting changes it).
		say "waiting for Heartbeat R1 to take the resources (it waits a fixed 10 s after start before it asks for them)" ;;
	pacemaker)
		for n in "$act_me" "$act_peer"; do
			say "starting Corosync + Pacemaker on $n"
			stack_start "$n" || return 1
		done ;;
	esac
	return 0
}

# pcmk_members_online: the cluster, seen from here, has a DC and both
# nodes online.
pcmk_members_online() {
	pm_xml=$(crm_mon -1 --output-as=xml 2>/dev/null) || return 1
	printf '%s\n' "$pm_xml" | grep -q '<current_dc present="true"' || return 1
	for pm_n in "$act_me" "$act_peer"; do
		printf '%s\n' "$pm_xml" | grep '<node name="'"$pm_n"'" ' | grep -q 'online="true"' || return 1
	done
}
# act_load_cib: once both nodes are members, the configuration goes into
# the running cluster through the stock tool on this node; the cluster
# gives it to the peer (no CIB file written behind Pacemaker's back).
act_load_cib() {
	alc_end=$(( $(date +%s) + conf_wait_timeout ))
	until pcmk_members_online; do
		[ "$(date +%s)" -le "$alc_end" ] ||
			die "$EX_STACK" "the cluster did not form within ${conf_wait_timeout}s (no DC with $act_me and $act_peer online): see 'crm_mon -1' and the stack's log; stop it and run 'wsctl disable --purge' before trying again"
		sleep 0.5
	done
	say "loading the configuration into the cluster on $act_me (crm configure load update)"
	crm configure load update "$(ws_tmp)/$act_me/cib.crm" </dev/null >"$(ws_tmp)/cib-load.out" 2>&1 ||
		die "$EX_STACK" "crm configure load update failed: $(cat "$(ws_tmp)/cib-load.out"); the cluster runs without the configuration: run 'wsctl disable --purge' before trying again"
}

# Without --yes, ask on a terminal; refuse without one (scripts say --yes).
act_confirm() {
	[ "$act_yes" -eq 0 ] || return 0
	[ -t 0 ] || die "$EX_USAGE" "activate changes both nodes: give --yes to run without a terminal (or --dry-run to check only)"
	printf 'proceed? [y/N] '
	read -r ac_answer || ac_answer=n
	case $ac_answer in y|Y|yes) return 0 ;; esac
	die "$EX_CHECK" "not confirmed: nothing was changed"
}

cmd_activate() {
	act_parse "$@"
	detect_stack
	ws_tmp_init
	act_t0=$(date +%s.%N)
	act_checks
	act_rc=$?
	if [ "$act_rc" -ne 0 ]; then
		say "checks failed: nothing was changed"
		ws_cleanup
		exit "$act_rc"
	fi
	act_render || die "$EX_CONFIG" "rendering the templates from $(template_dir) failed"
	act_plan
	if [ "$act_dry" -eq 1 ]; then
		say "dry run: every check passed, nothing was changed"
		ws_cleanup
		exit "$EX_OK"
	fi
	act_confirm
	act_write
	cl_load
	if ! act_start; then
		die "$EX_STACK" "the stack did not start on both nodes: see the stack's log; stop it and run 'wsctl disable --purge' before trying again"
	fi
	[ "$ws_stack" != pacemaker ] || act_load_cib
	if ! wait_serving "$act_primary" "$conf_wait_timeout"; then
		die "$EX_STACK" "no single master with lines and VIPs on $act_primary after ${conf_wait_timeout}s: see 'wsctl status' and the stack's log"
	fi
	say "active: $act_primary is master with the lines${act_vips_full:+ and $act_vips_full} ($(awk -v a="$act_t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s)"
	ws_cleanup
}
