# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl handover: the backup becomes master before the old master stops.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# "check && check || die" is meant: die when either check fails (SC2015).
# shellcheck shell=sh disable=SC2015

# watch_vip NODE ADDR present|absent: prints the time (s.ns) the VIP
# reached that state on NODE, polled there every 50 ms (bounded).
watch_vip() {
	on "$1" "i=0; while [ \$i -lt $((conf_wait_timeout * 20)) ]; do
		if ip -o -4 addr show | grep -q ' inet $2/'; then s=present; else s=absent; fi
		[ \$s = $3 ] && { date +%s.%N; exit 0; }
		sleep 0.05; i=\$((i + 1)); done; exit 1" </dev/null
}

cmd_handover() {
	ho_stop=0
	flag_opts handover "--stop:ho_stop" "$@"
	need_cluster
	ws_tmp_init
	ho_old=$(master_nodes)
	case $ho_old in
	''|*' '*) die "$EX_CHECK" "no single master (masters: '${ho_old:-none}'): see 'wsctl status'" ;;
	esac
	ho_new=$(other_node "$ho_old")
	stack_running "$ho_new" "$ws_stack" && stack_running "$ho_old" "$ws_stack" ||
		die "$EX_CHECK" "the stack does not run on both nodes: a handover needs the backup $ho_new running"
	[ "$(node_role "$ho_new")" = slave ] || die "$EX_CHECK" "$ho_new is not a ready slave: see 'wsctl status'"
	ho_dir=$(ws_tmp)
	ho_vip=$(vip_addrs | awk '{print $1}')
	if [ -n "$ho_vip" ]; then
		watch_vip "$ho_old" "$ho_vip" absent >"$ho_dir/gone" 2>/dev/null &
		ho_w1=$!
		watch_vip "$ho_new" "$ho_vip" present >"$ho_dir/back" 2>/dev/null &
		ho_w2=$!
	fi
	say "handover: $ho_old -> $ho_new"
	ho_t0=$(date +%s.%N)
	case $ws_stack in
	pacemaker)
		on "$ho_old" "crm_resource --move --resource gw-clone --promoted --node $ho_new" </dev/null >"$ho_dir/move.out" 2>&1 ||
			die "$EX_STACK" "crm_resource --move failed: $(cat "$ho_dir/move.out")" ;;
	heartbeat)
		on "$ho_old" "/usr/share/heartbeat/hb_standby all" </dev/null >"$ho_dir/move.out" 2>&1 ||
			die "$EX_STACK" "hb_standby failed on $ho_old: $(cat "$ho_dir/move.out")" ;;
	esac
	ho_ok=0
	wait_serving "$ho_new" "$conf_wait_timeout" && ho_ok=1
	ho_t1=$(date +%s.%N)
	if [ "$ws_stack" = pacemaker ]; then
		# The move constraint has done its work; stickiness keeps the master.
		on "$ho_old" "crm_resource --clear --resource gw-clone" </dev/null >/dev/null 2>&1 ||
			err "warning: could not clear the move constraint: run 'crm_resource --clear --resource gw-clone'"
	fi
	if [ -n "$ho_vip" ]; then
		wait "$ho_w1" "$ho_w2" 2>/dev/null
		ho_gone=$(cat "$ho_dir/gone") ho_back=$(cat "$ho_dir/back")
	fi
	[ "$ho_ok" -eq 1 ] || die "$EX_STACK" "$ho_new did not become the serving master within ${conf_wait_timeout}s: see 'wsctl status'"
	say "handover done in $(awk -v a="$ho_t0" -v b="$ho_t1" 'BEGIN {printf "%.2f", b - a}') s: $ho_new is master with the lines"
	if [ -n "$ho_vip" ] && [ -n "$ho_gone" ] && [ -n "$ho_back" ]; then
		say "VIP $ho_vip gap: $(awk -v a="$ho_gone" -v b="$ho_back" 'BEGIN {g = b - a; if (g < 0) g = 0; printf "%.3f", g}') s (gone from $ho_old to present on $ho_new)"
	fi
	if [ "$ho_stop" -eq 1 ]; then
		stack_stop "$ho_old" || die "$EX_STACK" "stopping the stack on $ho_old failed"
		say "stopped the stack on $ho_old"
	fi
	ws_cleanup
}
