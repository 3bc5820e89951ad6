#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Smoke: Corosync 3 (knet) + Pacemaker 2.1, two nodes, IPaddr2 VIP,
# configured with crmsh.  STONITH IS DISABLED here (no fence device in this
# scenario; the stonith tests fence through the emulated switch).  The VIP
# starts on n1; a power cut of n1 moves it to n2 within a generous bound;
# n1 comes back as a member and the VIP stays on n2 (stickiness), never on
# both.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/pcmk.sh"
. "$here/scenario.sh"

tb_init smoke-pacemaker-nostonith lan
CS_TOKEN=1000 scn_pacemaker_pair
check "VIP answers from n1 after start-up" tb_le "$SCN_STARTUP" 90
check "the cluster has a DC and quorum" pcmk_wait_ready n2 30
check "n2 sees n1 online" tb_wait_for 10 pcmk_online n2 n1
check "crm_resource locates vip on n1" test "$(pcmk_locate n2 vip)" = n1
check "only n1 holds the VIP" scn_only_holder n1 1

mapfile -t watches < <(scn_pcmk_watches n1 n2)
out=$(scn_power_cut_takeover n1 n2 60 "${watches[@]}")
check "corosync on n2 notices the lost token" tb_le "$(tb_event_time "$out" token)" 30
check "VIP answers from n2 after n1's power cut (bound 30 s)" tb_le "$(tb_event_time "$out" vip)" 30

scn_power_on_sampled n1 pcmk_start
check "n1 rejoins: n2 sees it online" tb_wait_for 60 pcmk_online n2 n1
check "n2 kept the VIP, nobody else answered while n1 rejoined" \
	test "$(scn_sampled_holders)" = "$(tb_mac n2 lan)"
# n1's join replaces the CIB on it and runs the scheduler again: ask until
# the answer settles rather than in the middle of the join.
# shellcheck disable=SC2317 # called through tb_wait_for
vip_located_on() { [ "$(pcmk_locate "$1" vip)" = "$2" ]; }   # ASKING_NODE NODE
check "crm_resource locates vip on n2" tb_wait_for 10 vip_located_on n2 n2
check "clean stop of n1 (pacemaker, then corosync)" pcmk_stop n1

echo "start-up: corosync+pacemaker start -> VIP on n1: $SCN_STARTUP s"
scn_timeline "power cut of n1 (s after the kill):" "$out"
finish
