#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenarios shared by the smoke tests, the benchmarks and the demo.  Source
# after lib.sh and hb.sh / pcmk.sh.

# scn_wait_vip_on NODE SECONDS: wsprobe output once the VIP answers from NODE.
scn_wait_vip_on() {
	tb_probe --expect-mac "$(tb_mac "$1" lan)" --timeout "$2"
}

# scn_cut_probe FROM TO SECONDS [--watch NAME:FILE:REGEX]...: cuts FROM's
# power from inside the prober (so t0 is the kill itself) and prints when
# each watched log line appeared and when the VIP answered from TO.
# Returns wsprobe's status (0: every event seen).  FROM is not reaped.
scn_cut_probe() {
	local from=$1 to=$2 timeout=$3 pid
	shift 3
	pid=$(tb_init_pid "$from")
	tb_pid_is_ours "$pid" || tb_die "node $from: PID $pid is not the init we started"
	tb_probe --kill "$pid" --expect-mac "$(tb_mac "$to" lan)" --timeout "$timeout" "$@"
}
# scn_power_cut_takeover FROM TO SECONDS [--watch ...]: scn_cut_probe, then
# FROM reaped (it stays off).
scn_power_cut_takeover() {
	local rc
	scn_cut_probe "$@"
	rc=$?
	tb_reap "$1"
	return "$rc"
}

# scn_only_holder NODE SECONDS: during SECONDS the VIP answers from NODE's
# lan MAC and from no other.
scn_only_holder() {
	local holders
	holders=$(tb_vip_holders "$2")
	[ "$holders" = "$(tb_mac "$1" lan)" ]
}

# scn_timeline TITLE OUTPUT: the wsprobe events as a table.
scn_timeline() {
	printf '%s\n' "$1"
	awk '{ printf "  %-10s %s\n", $1, ($2 == "-" ? "not seen" : sprintf("%7.3f s", $2)) }' <<<"$2"
}

# scn_startup_to_vip START_CMD...: runs START_CMD (which starts the cluster
# daemons on every node) and waits for the VIP to answer from n1.  Sets
# SCN_STARTUP to the seconds from the start to the first answer ("-" if it
# never came within 90 s).
scn_startup_to_vip() {
	local t_start t_probe up
	t_start=$(tb_now)
	"$@" || tb_die "could not start the cluster: $*"
	t_probe=$(tb_now)
	up=$(scn_wait_vip_on n1 90)
	# shellcheck disable=SC2034 # read by the scripts that source this file
	SCN_STARTUP=$(awk -v a="$(tb_elapsed "$t_start" "$t_probe")" -v b="$(tb_event_time "$up" vip)" \
		'BEGIN { if (b == "-") print "-"; else printf "%.3f", a + b }')
}

# scn_heartbeat_pair [MEDIUM [LINK...]]: nodes n1 and n2, Heartbeat R1 with
# MEDIUM (ucast, the default, or warmstandby's l2, installed by its package)
# on each LINK (default lan), an IPaddr2 VIP preferring n1, started
# together.  Links named in SCN_HB_NOIP lose their addresses at power-on.
scn_heartbeat_pair() {
	local medium=${1:-ucast} n peer link ifn media
	local links=("${@:2}")
	[ ${#links[@]} -gt 0 ] || links=(lan)
	tb_node_define n1 1
	tb_node_define n2 2
	for n in n1 n2; do
		peer=$(tb_peer "$n")
		tb_node_start "$n"
		media=
		for link in "${links[@]}"; do
			ifn=$(tb_ifname "$link")
			case $medium in
			ucast) media+="ucast $ifn $(tb_ip "$peer" "$link")"$'\n' ;;
			l2) media+="l2 $ifn $(tb_mac "$peer" "$link")"$'\n' ;;
			*) tb_die "scn_heartbeat_pair: unknown medium '$medium' (ucast or l2)" ;;
			esac
		done
		for link in ${SCN_HB_NOIP:-}; do
			tb_set_ip "$n" "$link" || tb_die "cannot flush $link on $n"
		done
		hb_configure "$n" "${media%$'\n'}" "n1 IPaddr2::$TB_VIP/24/eth0"
	done
	scn_startup_to_vip scn_each_node hb_start
}

# scn_ip_flush_change LINK: the IP-change fault of the l2 tests, on both
# nodes' NICs on LINK while the cluster runs: addresses flushed, 3 s with no
# address at all, then new addresses (.211 and .212), then 2 s.
scn_ip_flush_change() {
	local link=$1 idx
	idx=$(tb_link_index "$link")
	tb_set_ip n1 "$link" || return 1
	tb_set_ip n2 "$link" || return 1
	sleep 3
	tb_set_ip n1 "$link" "10.99.$idx.211/24" || return 1
	tb_set_ip n2 "$link" "10.99.$idx.212/24" || return 1
	sleep 2
}

# scn_pacemaker_pair: nodes n1 and n2 on lan, Corosync (token CS_TOKEN) +
# Pacemaker with an IPaddr2 VIP preferring n1, from a seeded CIB with
# dc-deadtime 2 s; stonith disabled (no fence device in this scenario).
scn_pacemaker_pair() {
	local n crm="$TB_DIR/cib.crm"
	cat >"$crm" <<EOCRM
property stonith-enabled=false dc-deadtime=2s
rsc_defaults resource-stickiness=100
primitive vip IPaddr2 params ip=$TB_VIP cidr_netmask=24 nic=eth0 op monitor interval=10s
location vip-prefers-n1 vip 50: n1
EOCRM
	tb_node_define n1 1
	tb_node_define n2 2
	for n in n1 n2; do
		tb_node_start "$n"
		cs_configure "$n"
		pcmk_seed_cib "$n" "$crm" || tb_die "crmsh could not load $crm"
	done
	scn_startup_to_vip scn_each_node pcmk_start
}

scn_each_node() {                # CMD: CMD NODE for every defined node
	local n
	for n in "${TB_NODES[@]}"; do "$1" "$n" || return 1; done
}

# The log lines that time a takeover on the survivor SURVIVOR of DEAD.
scn_hb_watches() {               # DEAD SURVIVOR
	echo "--watch=dead:$(hb_log "$2"):node $1: is dead"
	echo "--watch=takeover:$(hb_log "$2"):mach_down takeover complete"
}
scn_pcmk_watches() {             # DEAD SURVIVOR
	echo "--watch=token:$(cs_log "$2"):A processor failed"
	echo "--watch=lost:$(pcmk_log "$2"):$1.* state is now lost"
	echo "--watch=started:$(pcmk_log "$2"):Result of start operation for vip on $2: ok"
}

# scn_power_on_sampled NODE START_FN: powers NODE on and starts its cluster
# stack with START_FN while a sampler records, for 15 s, every MAC that
# answers for the VIP; scn_sampled_holders then prints them, one each.
scn_power_on_sampled() {
	SCN_HOLDERS_FILE="$TB_DIR/holders-$1-$(tb_now)"
	tb_vip_holders 15 >"$SCN_HOLDERS_FILE" &
	SCN_SAMPLER=$!
	tb_node_start "$1"
	"$2" "$1"
}
scn_sampled_holders() {
	wait "$SCN_SAMPLER"
	sort -u "$SCN_HOLDERS_FILE"
}

# scn_aimed_flood SECONDS NODE PEER LINK l2|udp:PORT: from the observer,
# junk aimed at NODE's heartbeat medium on LINK, bounded by count and time
# (l2flood): "l2" sends frames of our EtherType that spoof PEER's MAC, so
# they pass the medium's kernel filter; "udp:PORT" sends random datagrams
# to NODE's address on LINK.  Runs in the foreground; prints l2flood's
# "sent N frames" line.  l2 floods want learning off on the observer's port.
scn_aimed_flood() {
	local secs=$1 node=$2 peer=$3 link=$4 kind=$5 ifn
	ifn=$(tb_ifname "$link")
	case $kind in
	l2) set -- --mode spoof --src "$(tb_mac "$peer" "$link")" ;;
	udp:*) set -- --mode udp --dst-ip "$(tb_ip "$node" "$link")" --port "${kind#udp:}" ;;
	*) tb_die "scn_aimed_flood: unknown kind '$kind' (l2 or udp:PORT)" ;;
	esac
	tb_obs "$TB_BUILDDIR/tests/netns/l2flood" --netns "$TB_OBS" --iface "$ifn" \
		--dst "$(tb_mac "$node" "$link")" "$@" --count 100000000 --seconds "$secs" 2>&1
}

# scn_soak_load SECONDS KIND: the benchmarks' load: stress-ng on both
# cores, and from the observer per node a ping flood on the heartbeat link
# and a flood aimed at the medium (KIND hbws: l2 frames on aux; else UDP
# junk to knet's port on lan).  Their output is appended to
# $TB_DIR/flood.out and $TB_DIR/ping.out.
scn_soak_load() {
	local secs=$1 kind=$2 n link=lan flood=udp:5405 pids=() i
	# knet's port on lan (its first link); l2 on aux, the medium's link
	[ "$kind" = hbws ] && link=aux flood=l2
	for n in n1 n2; do
		scn_aimed_flood "$secs" "$n" "$(tb_peer "$n")" "$link" "$flood" >>"$TB_DIR/flood.out" &
		pids+=($!)
		tb_obs timeout $((secs + 10)) ping -f -q -l 8 -w "$secs" -c 50000000 "$(tb_ip "$n" "$link")" \
			>>"$TB_DIR/ping.out" 2>&1 &
		pids+=($!)
	done
	timeout $((secs + 20)) stress-ng --cpu 2 --timeout "${secs}s" >/dev/null 2>&1
	for i in "${pids[@]}"; do wait "$i"; done
}
