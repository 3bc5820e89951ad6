#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Corosync + Pacemaker with fencing through the emulated berofos, as
# `wsctl activate` configures it: fence_berofos with the fence guard
# (pacemaker-fenced runs the installed agent), knet on lan and aux.  fosemu's relay 0 feeds n1,
# relay 1 n2: off is a power cut, on powers the node up and boots its
# cluster stack.
#  1. power cut of the master n1: n2 fences n1 (reboot: relay off, on),
#     is promoted, takes lines and VIP; n1 boots and rejoins.  Timed
#     against the kill.
#  2. the master (now n2) loses both its links: n1 fences it (its processes
#     die), takes the VIP over; n2 comes back and rejoins.
#  3. split brain (both nodes still reach the switch) with
#     priority-fencing-delay (raised with crm configure): exactly one node
#     is fenced, the master survives, never two VIP holders; the fenced
#     node boots without quorum (two_node wait_for_all) and fences nobody
#     until the split heals.
#  4. a hung master whose fencing fails: the switch's web server hangs
#     (fosemu SIGUSR1: fencing through it fails, its UDP watchdog still
#     works) and every daemon of n1's stack is stopped (SIGSTOP to the
#     processes of its units' cgroups): n1's fos-kickd stops kicking once the
#     stack has not proved alive for linesw's alive_timeout (5 s), and the
#     switch's watchdog moves the lines to n2's side.
# shellcheck disable=SC2317 # the helpers below run through check and tb_wait_for
set -u
here=$(cd "$(dirname "$0")" && pwd)
# pair_run: the switch, n1 and n2, wsctl activate
# shellcheck source=../netns/testbed.sh
. "$here/../netns/testbed.sh"

# The power stays off this long in a reboot (wsctl.conf reset_wait).
RESET_WAIT=0.3
pair_run stonith-pcmk-fencing pacemaker

fence_fos_started() { tb_in "$1" crm_mon -1 2>/dev/null | grep -q 'fence-fos.*Started'; }
can_fence() { tb_in "$1" stonith_admin --list "$2" 2>/dev/null | grep -q fence-fos; }
init_gone() { [ ! -e "/proc/$1" ]; }
property_is() { [ "$(tb_in "$1" crm_attribute -t crm_config -n "$2" -G -q 2>/dev/null)" = "$3" ]; }

check "VIP answers from n1 after start-up" tb_le "$SCN_STARTUP" 90
check "the cluster has a DC and quorum" pcmk_wait_ready n2 30
check "n2 sees n1 online" tb_wait_for 20 pcmk_online n2 n1
check "the fence device fence-fos (fence_berofos) is started" tb_wait_for 30 fence_fos_started n2
check "n2 can fence n1 through it (stonith_admin --list n1)" tb_wait_for 20 can_fence n2 n1

# --- 1. power cut of the master ------------------------------------------------
pair_pcmk_fencing_cut "after the power cut"
out=$PAIR_CUT_OUT
scn_timeline "1. power cut of the master n1, fencing enabled, reset_wait $RESET_WAIT s (s after the kill):" "$out"
takeover1=$(tb_event_time "$out" vip)
# shellcheck disable=SC2046 # pair_lines_pair: no word or one
check "wsctl history on n2: the failover's phases in order, agreeing with the probe within 0.1 s; --plot draws it" \
	pair_history_agrees n2 "$out" token:token fenced:fenced promoted:promoted $(pair_lines_pair) vip:vip

# --- 2. the master loses its links: fenced by the survivor ----------------------------
tb_wait_for 30 fence_fos_started n1
sleep 3
mark=$(fos_log_lines)
old_init=$(tb_init_pid n2)
mapfile -t watches < <(echo "--watch=token:$(cs_log n1):A processor failed"; pair_fenced_watch n2 n1)
out=$(tb_probe --fault "ip -n $TB_BRNS link set $(tb_port n2 lan) down; ip -n $TB_BRNS link set $(tb_port n2 aux) down" \
	--expect-mac "$(tb_mac n1 lan)" --timeout 60 "${watches[@]}")
check "n1 fences the isolated master n2 (bound 30 s)" tb_le "$(tb_event_time "$out" fenced)" 30
check "VIP answers from n1 after n2 lost its links (bound 30 s)" tb_le "$(tb_event_time "$out" vip)" 30
check "n2's processes died with its power (old init $old_init gone)" tb_wait_for 10 init_gone "$old_init"
check "fencing n2 switched relay 1 off, then on" \
	tb_wait_for 5 fos_power_events_are "$mark" "power 1 off power 1 on "
check "n2 boots again (new link) and rejoins" tb_wait_for 90 pcmk_online n1 n2
scn_timeline "2. the master n2 isolated (s after its links went down):" "$out"

# --- 3. split brain: both still reach the switch -----------------------------------------
tb_in n1 crm configure property priority-fencing-delay=3s >/dev/null 2>&1
check "priority-fencing-delay set" property_is n1 priority-fencing-delay 3s
tb_wait_for 30 fence_fos_started n1
sleep 3
mark=$(fos_log_lines)
n1_init=$(tb_init_pid n1)
n2_init=$(tb_init_pid n2)
holders_file="$TB_DIR/holders-during-split"
tb_partition lan on
tb_partition aux on
tb_vip_holders 20 >"$holders_file" &
sampler=$!
check "the node without the VIP (n2) is fenced during the split" tb_wait_for 30 init_gone "$n2_init"
wait "$sampler"
check "the VIP holder n1 survives the split (same init)" test -e "/proc/$n1_init"
check "only n1 answered for the VIP during the split" \
	test "$(sort -u "$holders_file")" = "$(tb_mac n1 lan)"
sleep 5
check "exactly one node fenced: relay 1 off and on, relay 0 untouched" \
	fos_power_events_are "$mark" "power 1 off power 1 on "
tb_partition lan off
tb_partition aux off
check "after the split heals n2 rejoins" tb_wait_for 90 pcmk_online n1 n2
check "the VIP stays on n1 alone" scn_only_holder n1 3
check "n1 still has its first init (never fenced)" test -e "/proc/$n1_init"

# --- 4. a hung master whose fencing fails -------------------------------------------
# fos_moved_by_watchdog LINE: after line LINE the relays moved to n2's side by the watchdog.
fos_moved_by_watchdog() { tail -n +"$(($1 + 1))" "$(fos_log)" | grep -q "relay mode $(wso_mode_of n1) -> $(wso_mode_of n2).*cause=watchdog"; }
# stack_signal NODE SIGNAL: SIGNAL to NODE's corosync and pacemakerd (the
# main processes of their units, started by the node's systemd for this
# run) and to pacemakerd's children, the other Pacemaker daemons.
# shellcheck disable=SC2016 # expanded by the node's shell
stack_signal() {
	tb_in "$1" sh -c 'cs=$(systemctl show -p MainPID --value corosync.service)
		pm=$(systemctl show -p MainPID --value pacemaker.service)
		[ "${cs:-0}" -gt 0 ] && [ "${pm:-0}" -gt 0 ] || exit 1
		kill -s "$1" $(ps -o pid= --ppid "$pm") "$pm" "$cs"' _ "$2"
}
kickd_said_why() { tb_in n1 journalctl -q --no-pager -t fos-kickd 2>/dev/null | grep -q 'has not proved alive'; }
check "before the hang: n1 is master with the lines" eval 'wso_master_is n1 && wso_lines_on n1'
fos_pid=$(cat "$(fos_dir)/fosemu.pid")
tb_pid_is_ours "$fos_pid" || tb_die "fosemu: PID $fos_pid is not the one we started"
mark=$(fos_log_lines)
kill -USR1 "$fos_pid"
t_hang=$(tb_now)
stack_signal n1 STOP || tb_die "could not stop n1's stack"
bound=$((5 + 1 + WSO_WINTV + 2))
check "the switch's watchdog moves the lines to n2's side (bound alive_timeout 5 s + 1 s + wintv $WSO_WINTV s + 2 s)" \
	tb_wait_for "$bound" fos_moved_by_watchdog "$mark"
hang_s=$(tb_elapsed "$t_hang" "$(tb_now)")
check "n1's fos-kickd logged why it stopped kicking" kickd_said_why
check "the feeder stays stopped on n1 (exit 3: systemd does not restart it)" \
	eval "[ \"\$(tb_in n1 systemctl is-active fos-kickd@$PAIR_SWITCH.service)\" != active ]"
echo "measured: SIGSTOP of n1's stack with the switch's HTTP hung -> lines on n2's side: $hang_s s"
history_has_kicks_stopped() {
	tbw_run history-hang n2 history --json >/dev/null &&
		python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))["takeovers"][-1]
sys.exit(not any(e["phase"] == "kicks-stopped" and e["node"] == "n1" for e in t["events"]))' "$TB_DIR/wsctl-history-hang.out"
}
check "wsctl history on n2 shows n1's feeder stopping its kicks in the last episode" history_has_kicks_stopped
kill -USR2 "$fos_pid"
stack_signal n1 CONT || :

echo "start-up: wsctl activate -> VIP on n1: $SCN_STARTUP s"
echo "measured: takeover after a power cut of the master WITH fencing: $takeover1 s"
finish
