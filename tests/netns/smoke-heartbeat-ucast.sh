#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Smoke: Heartbeat 3 R1, two nodes, stock ucast medium, IPaddr2 VIP.
# The VIP comes up on the primary; a power cut of the primary moves it to
# the backup within a generous bound; the primary comes back without a
# second VIP holder.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/hb.sh"
. "$here/scenario.sh"

tb_init smoke-heartbeat-ucast lan
scn_heartbeat_pair ucast
check "VIP answers from n1 after start-up" tb_le "$SCN_STARTUP" 90
check "n1 finished its initial resource acquisition" hb_wait_ready n1 30
check "n2 sees n1 active" tb_wait_for 10 hb_sees n2 n1
check "only n1 holds the VIP" scn_only_holder n1 1
# A kill right after start-up is detected late (initdead): let it settle.
hb_wait_ready n2 30
sleep 2

mapfile -t watches < <(scn_hb_watches n1 n2)
out=$(scn_power_cut_takeover n1 n2 30 "${watches[@]}")
check "n2 declares n1 dead" tb_le "$(tb_event_time "$out" dead)" 20
check "VIP answers from n2 after n1's power cut (bound 20 s)" tb_le "$(tb_event_time "$out" vip)" 20

# Power n1 on again while sampling who answers for the VIP the whole time.
scn_power_on_sampled n1 hb_start
check "n1 rejoins and finishes its resource acquisition" hb_wait_ready n1 30
check "n2 kept the VIP, nobody else answered while n1 rejoined" \
	test "$(scn_sampled_holders)" = "$(tb_mac n2 lan)"
check "clean stop of n1" hb_stop n1

echo "start-up: heartbeat start -> VIP on n1: $SCN_STARTUP s"
scn_timeline "power cut of n1 (s after the kill):" "$out"
finish
