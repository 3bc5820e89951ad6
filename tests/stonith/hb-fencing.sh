#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Heartbeat 3 R1 with the l2 medium and STONITH through the emulated
# berofos, as `wsctl activate` configures it: `stonith_host` in ha.cf names
# the cluster-glue plugin berofos (installed by warmstandby-stonith).
# fosemu's relay 0 feeds n1, relay 1 n2.  A power cut of the master n1: n2 declares
# it dead, resets it through the switch (relay 0 off, on), takes the VIP
# over; n1 boots again (its Heartbeat started by the power-on) and rejoins
# without a second VIP holder.  Then, with n2 master, the switch reads back
# garbage for n2's relay while n2's power is cut: no reset is reported done
# and n1 takes nothing over until the switch reads back right.
# shellcheck disable=SC2317 # the helpers below run through check and tb_wait_for
set -u
here=$(cd "$(dirname "$0")" && pwd)
# pair_run: the switch, n1 and n2, wsctl activate
# shellcheck source=../netns/testbed.sh
. "$here/../netns/testbed.sh"

# Seconds the power stays off in a reset (wsctl.conf reset_wait).
RESET_WAIT=0.3

pair_run stonith-hb-fencing heartbeat
check "ha.cf names the berofos plugin with wsctl's reset_wait" \
	tb_in n1 grep -Eq "^stonith_host \* berofos ([^ ]+ ){5}$RESET_WAIT( |\$)" /etc/ha.d/ha.cf
check "VIP answers from n1 after start-up" tb_le "$SCN_STARTUP" 90
check "n1 finished its initial resource acquisition" hb_wait_ready n1 30
check "n2 sees n1 active" tb_wait_for 10 hb_sees n2 n1
hb_wait_ready n2 30
sleep 2

mark=$(fos_log_lines)
acq_before=$(hb_acquisitions n1)
old_init=$(tb_init_pid n1)
tb_pid_is_ours "$old_init" || tb_die "n1: PID $old_init is not the init we started"
mapfile -t watches < <(scn_hb_watches n1 n2; echo "--watch=reset:$(hb_log n2):node n1 now reset"; pair_common_watches n1 n2)
# Not scn_power_cut_takeover: its reap would race with the reset that
# powers n1 on again (the switch's hook reaps and restarts the node).
out=$(tb_probe --kill "$old_init" --expect-mac "$(tb_mac n2 lan)" --timeout 60 "${watches[@]}")
check "n2 declares n1 dead" tb_le "$(tb_event_time "$out" dead)" 20
check "n2 resets n1 through the switch (bound 20 s)" tb_le "$(tb_event_time "$out" reset)" 20
check "VIP answers from n2 after n1's power cut (bound 20 s)" tb_le "$(tb_event_time "$out" vip)" 20
check "the reset switched relay 0 off, then on" \
	tb_wait_for 5 fos_power_events_are "$mark" "power 0 off power 0 on "
# shellcheck disable=SC2046 # pair_lines_pair: no word or one
check "wsctl history on n2: the failover's phases in order, agreeing with the probe within 0.1 s; --plot draws it" \
	pair_history_agrees n2 "$out" lost:dead fenced:reset promoted:promoted $(pair_lines_pair) vip:vip

holders_file="$TB_DIR/holders-during-rejoin"
tb_vip_holders 15 >"$holders_file" &
sampler=$!
check "n1 boots again and finishes its resource acquisition" tb_wait_for 60 hb_acquired_more_than n1 "$acq_before"
check "n2 sees n1 active again" tb_wait_for 30 hb_sees n2 n1
wait "$sampler"
check "n2 kept the VIP, nobody else answered while n1 rejoined" \
	test "$(sort -u "$holders_file")" = "$(tb_mac n2 lan)"

# --- 2. the switch reads back garbage for the relay of the node to fence ----------
# n2 is master now, n1 its backup.  The switch comes back from a restart
# with a firmware fault: relay 1 (n2's) reads "garbage" whatever its state
# (fosemu --bad-value).  n2's power is cut: n1's resets of n2 must fail, so
# it never takes n2 for fenced nor takes the resources over; once the
# switch reads back right again, the next try confirms the reset and n1
# takes over.
n1_fence_failed() { grep -q "of host n2 (power port 1) FAILED" "$(hb_log n1)"; }
n1_reset_n2() { grep -q "node n2 now reset" "$(hb_log n1)"; }
n1_master() { wso_role_is n1 master; }
vip_from_n1() { [ "$(tb_vip_holders 1)" = "$(tb_mac n1 lan)" ]; }
check "the switch restarts with relay 1 reading back garbage" fos_restart --bad-value 5_p1=garbage
acq_n2=$(hb_acquisitions n2)
old_init=$(tb_init_pid n2)
tb_pid_is_ours "$old_init" || tb_die "n2: PID $old_init is not the init we started"
tb_power_kill n2
tb_reap n2
check "n1 declares n2 dead" tb_wait_for 20 grep -q "node n2: is dead" "$(hb_log n1)"
check "n1's reset of n2 fails on the garbage read-back (plugin: FAILED)" tb_wait_for 30 n1_fence_failed
sleep 5
check "... and is never reported done while the relay reads garbage" eval '! n1_reset_n2'
check "... n1 took nothing over: not master" eval '! n1_master'
check "... and no VIP answers" test -z "$(tb_vip_holders 2)"
check "the switch restarts reading back right" fos_restart
check "n1's next try resets n2 (bound 60 s)" tb_wait_for 60 n1_reset_n2
check "n1 takes over: master" tb_wait_for 30 n1_master
check "... and the VIP answers from n1" tb_wait_for 30 vip_from_n1
check "n2 boots again and finishes its resource acquisition" tb_wait_for 60 hb_acquired_more_than n2 "$acq_n2"
check "n1 sees n2 active again" tb_wait_for 60 hb_sees n1 n2

check "clean stop of n1" hb_stop n1

scn_timeline "power cut of n1 with STONITH, reset_wait $RESET_WAIT s (s after the kill):" "$out"
finish
