#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The fence guard on the product as users get it (wsctl activate, systemd
# nodes, installed packages, fence_delay 0): a split of every cluster link
# while both nodes stay alive and reach the switch, SPLIT_TRIALS times (the
# master of the moment survives, only the backup's relay is switched,
# never two masters, never two VIP holders), then a frozen master (SIGSTOP
# of every process of the node past the detection time): it is fenced and
# the backup takes over, never two masters.  Sourced by split-heartbeat.sh
# and split-pacemaker.sh, which name the stack.
# shellcheck disable=SC2317 # the helpers below run through tb_check and tb_wait_for
split_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../crm-config/tb-wsctl.sh
. "$split_here/../crm-config/tb-wsctl.sh"

SPLIT_TRIALS=${SPLIT_TRIALS:-1}
RESET_WAIT=0.3

init_gone() { [ ! -e "/proc/$1" ]; }
split_links() { if [ "$1" = heartbeat ]; then echo aux; else echo lan aux; fi; }
split_set() {                     # STACK on|off: the nodes' cluster links
	local l
	for l in $(split_links "$1"); do tb_partition "$l" "$2" || return 1; done
}
split_master() { wso_masters | head -n 1; }
split_one_master() { [ "$(wso_masters | wc -l)" -eq 1 ]; }
split_sees() {                    # STACK NODE PEER: NODE's stack sees PEER
	if [ "$1" = heartbeat ]; then hb_sees "$2" "$3"; else pcmk_online "$2" "$3"; fi
}
split_rejoined() {                # STACK NODE PEER: both see each other, one master
	split_sees "$1" "$2" "$3" && split_sees "$1" "$3" "$2" && split_one_master
}
# split_freeze NODE STOP|CONT: the signal to every process of the node: its
# cgroup tree, less the testbed's unshare that waits for the node's init
# (stopped, it could not reap the init a fencing kills).
split_freeze() {
	local pid keep
	keep=$(cat "$TB_DIR/$1/unshare.pid")
	find "$(tb_cgroup "$1")" -name cgroup.procs -exec cat {} + 2>/dev/null |
		while read -r pid; do
			[ "$pid" = "$keep" ] || kill -"$2" "$pid" 2>/dev/null || true
		done
}
# split_guard_logged NODE TEXT: the plugin's guard line, in Heartbeat's log
# or the node's journal (Pacemaker's fencer runs the plugin).
split_guard_logged() {
	grep -qF -- "$2" "$(hb_log "$1")" 2>/dev/null || tb_journal "$1" | grep -qF -- "$2"
}
# split_only_relay_cycled LINE RELAY: since LINE of fosemu's log, RELAY was
# switched off and on once or twice, and no other relay moved.
split_only_relay_cycled() {
	local once="power $2 off power $2 on "
	case $(fos_power_events_since "$1") in
	"$once"|"$once$once") return 0 ;;
	*) return 1 ;;
	esac
}
split_views() {                   # STACK: what each node sees, for the log
	local n
	for n in n1 n2; do
		tb_log "$n: role $(wso_role "$n"), sees $(tb_peer "$n"): $(split_sees "$1" "$n" "$(tb_peer "$n")" && echo yes || echo no)"
	done
}
split_pcmk_guarded() {            # NODE: the CIB's fence device has primary_node=n1
	tb_in "$1" crm_resource -r "fence-$PAIR_SWITCH" -g primary_node 2>/dev/null | grep -qx n1
}
split_samples_ok() {              # no sample with two masters
	[ "$(wso_report_field "$(wso_sampler_report)" two_masters)" = 0 ]
}

# split_trial STACK N: one split of the cluster links with both nodes alive.
split_trial() {
	local stack=$1 n=$2 master backup m_init b_init mark holders
	master=$(split_master)
	[ -n "$master" ] || { tb_check "trial $n: a master before the split" false; return; }
	backup=$(tb_peer "$master")
	m_init=$(tb_init_pid "$master")
	b_init=$(tb_init_pid "$backup")
	mark=$(fos_log_lines)
	holders="$TB_DIR/holders-split-$n"
	tb_vip_holders 12 >"$holders" &
	local sampler=$!
	wso_sampler_start 12
	split_set "$stack" on
	tb_check "trial $n: the backup $backup is fenced during the split" tb_wait_for 30 init_gone "$b_init"
	wait "$sampler"
	wso_sampler_stop
	tb_check "trial $n: the master $master survives (same init)" test -e "/proc/$m_init"
	tb_check "trial $n: only $master answered for the VIP" \
		test "$(sort -u "$holders")" = "$(tb_mac "$master" lan)"
	tb_check "trial $n: never two masters ($(wso_sampler_report))" split_samples_ok
	tb_check "trial $n: only the backup's relay switched, off then on (once, or twice when R1 and its peer-fence helper both reset it)" \
		tb_wait_for 10 split_only_relay_cycled "$mark" "$(pair_relay "$backup")"
	# The plugin logs the guard's verdict (R1); fence_berofos says it only
	# when verbose, so on Pacemaker the device's guard parameters are checked.
	if [ "$stack" = heartbeat ]; then
		tb_check "trial $n: $master's guard let it fence $backup (the target does not hold the lines)" \
			split_guard_logged "$master" "fencing host $backup: the target does not hold the lines"
	else
		tb_check "trial $n: the fence device carries the guard (primary_node n1)" \
			split_pcmk_guarded "$master"
	fi
	split_set "$stack" off
	tb_wait_for 120 split_rejoined "$stack" "$master" "$backup" || split_views "$stack"
	tb_check "trial $n: $backup boots again and rejoins, one master" \
		split_rejoined "$stack" "$master" "$backup"
	tb_check "trial $n: the VIP stays on $master" scn_only_holder "$master" 2
	tb_check "trial $n: $master never fenced" test -e "/proc/$m_init"
}

# split_clean_leave: on Heartbeat, the backup's Heartbeat stops cleanly
# (its shutdown notice, then "dead" a deadtime later, as for a death):
# r1-peer-fence on the master leaves it alone; it starts again and rejoins.
split_peer_fence_watching() {     # NODE: r1-peer-fence signed on and watches its peer
	split_peer_fence_logged "$1" "watching peer $(tb_peer "$1")"
}
split_clean_leave() {
	local master backup b_init mark n
	master=$(split_master)
	backup=$(tb_peer "$master")
	b_init=$(tb_init_pid "$backup")
	mark=$(fos_log_lines)
	for n in n1 n2; do
		tb_check "$n: r1-peer-fence signed on to Heartbeat and watches its peer" \
			tb_wait_for 20 split_peer_fence_watching "$n"
	done
	hb_stop "$backup"
	tb_check "clean leave: $master sees $backup dead" tb_wait_for 30 split_not_seen "$master" "$backup"
	tb_check "clean leave: $master's r1-peer-fence heard the notice and does not reset $backup" \
		tb_wait_for 10 split_peer_fence_logged "$master" "peer $backup left the cluster cleanly"
	# A reset would follow the dead status at once: give it time to show.
	sleep 3
	tb_check "clean leave: $backup was not reset (same init)" test -e "/proc/$b_init"
	tb_check "clean leave: no relay moved" test -z "$(fos_power_events_since "$mark")"
	hb_start "$backup"
	tb_check "clean leave: $backup rejoins, one master" \
		tb_wait_for 120 split_rejoined heartbeat "$master" "$backup"
	tb_check "clean leave: $master is still the master" wso_master_is "$master"
}
split_not_seen() { ! hb_sees "$1" "$2"; }       # NODE PEER
split_peer_fence_logged() {       # NODE TEXT
	tb_journal "$1" -t r1-peer-fence | grep -qF -- "$2"
}

# split_frozen STACK: the master frozen past the detection time.
split_frozen() {
	local stack=$1 master backup m_init mark holders
	master=$(split_master)
	backup=$(tb_peer "$master")
	m_init=$(tb_init_pid "$master")
	mark=$(fos_log_lines)
	holders="$TB_DIR/holders-frozen"
	wso_sampler_start 20
	split_freeze "$master" STOP
	tb_check "frozen master $master is fenced" tb_wait_for 30 init_gone "$m_init"
	split_freeze "$master" CONT
	tb_check "the VIP answers from $backup after the frozen master's fencing" \
		scn_wait_vip_on "$backup" 30
	tb_vip_holders 3 >"$holders"
	tb_check "only $backup answers for the VIP" test "$(sort -u "$holders")" = "$(tb_mac "$backup" lan)"
	tb_check "$backup is the master" tb_wait_for 20 wso_master_is "$backup"
	wso_sampler_stop
	tb_check "never two masters while $master was frozen ($(wso_sampler_report))" split_samples_ok
	tb_check "only the frozen master's relay switched, off then on" \
		tb_wait_for 10 split_only_relay_cycled "$mark" "$(pair_relay "$master")"
	tb_check "$master boots again and rejoins, one master" \
		tb_wait_for 120 split_rejoined "$stack" "$backup" "$master"
}

split_scenario() {
	local stack=$1 i
	tb_init "stonith-split-$stack" lan aux
	pair_switch_and_nodes
	pair_up "$stack"
	tb_check "activate: the fence guard is configured" tbw_out_has activate "fence guard"
	tb_check "both nodes see each other" tb_wait_for 60 split_rejoined "$stack" n1 n2
	for i in $(seq "$SPLIT_TRIALS"); do
		split_trial "$stack" "$i"
	done
	[ "$stack" != heartbeat ] || split_clean_leave
	split_frozen "$stack"
}
