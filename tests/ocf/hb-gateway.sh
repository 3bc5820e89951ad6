#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Heartbeat R1 over the l2 medium, configured by `wsctl activate` (this
# test writes no Heartbeat file; it only reads the resource words wsctl
# wrote): n1's group is the gateway wrapper, the lines wrapper for switch
# fos1 with n1 as primary node, and the VIP.
#
# n1 starts as master with the lines (relay mode 1) and the VIP; a power cut
# of n1 makes n2 master, and the relays follow it (fosemu's log shows mode
# 1 -> 0); n2 resets n1 through the switch's power relay, n1 boots,
# starts heartbeat, and stays slave (auto_failback off).  A sampler checks at every
# sample that at most one node is master and that the lines follow it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../netns/testbed.sh
. "$here/../netns/testbed.sh"

GRACE=8
hooks_log() { echo "$(tb_state "$1")/var/log/ws-hooks.log"; }
# r1_resource NODE NAME: the word of resource NAME in NODE's haresources.
# shellcheck disable=SC2317 # called through check
r1_resource() { tb_in "$1" grep -o "$2::[^ ]*" /etc/ha.d/haresources | head -n 1; }
# shellcheck disable=SC2317 # called through check
# r1_owns NODE: ResourceManager's own status of the gateway resource on NODE.
r1_owns() { tb_in "$1" /usr/share/heartbeat/ResourceManager status \
	"$(r1_resource "$1" WarmstandbyGateway)" >/dev/null 2>&1; }
# shellcheck disable=SC2317 # called through check
r1_not_owns() { ! r1_owns "$1"; }
# shellcheck disable=SC2317 # called through tb_wait_for
linesw_r1_running() {
	local word
	word=$(r1_resource n2 WarmstandbyLinesw)
	word=${word#*::}
	# shellcheck disable=SC2086 # one word per parameter
	tb_in n2 /etc/ha.d/resource.d/WarmstandbyLinesw ${word//::/ } status 2>/dev/null |
		grep -q running
}

tb_init ocf-hb-gateway lan aux
pair_switch_and_nodes
wso_sampler_start 300
pair_up heartbeat
check "VIP answers from n1 after start-up (bound 90 s)" tb_le "$SCN_STARTUP" 90
check "n1 finished its initial resource acquisition" hb_wait_ready n1 30
check "n1 is the only master" tb_wait_for 10 wso_master_is n1
check "the lines point at n1 (mode 1)" tb_wait_for 10 wso_lines_on n1
check "ResourceManager: n1 owns WarmstandbyGateway" r1_owns n1
check "ResourceManager: n2 does not" r1_not_owns n2
# A kill right after start-up is detected late (initdead): let it settle.
hb_wait_ready n2 30
tb_wait_for 10 hb_sees n2 n1
sleep 2

mapfile -t watches < <(scn_hb_watches n1 n2)
watches+=("--watch=master:$(hooks_log n2):[0-9] master$")
watches+=("--watch=relays:$(fos_log):relay mode 1 -> 0")
mark=$(fos_log_lines)
acq_before=$(hb_acquisitions n1)
# The reset powers n1 on again (the switch's hook reaps and boots it).
out=$(pair_cut_rebooted n1 n2 60 "${watches[@]}")
check "n2 declares n1 dead (bound 10 s)" tb_le "$(tb_event_time "$out" dead)" 10
check "n2 becomes master: its master hook ran (bound 30 s)" tb_le "$(tb_event_time "$out" master)" 30
check "fosemu shows the relays switched to n2 (bound 30 s)" tb_le "$(tb_event_time "$out" relays)" 30
check "VIP answers from n2 (bound 30 s)" tb_le "$(tb_event_time "$out" vip)" 30
check "n2 is the only master" tb_wait_for 10 wso_master_is n2
check "the lines point at n2 (mode 0)" wso_lines_on n2
check "WarmstandbyLinesw status on n2 says running" tb_wait_for 30 linesw_r1_running
check "ResourceManager: n2 owns WarmstandbyGateway now" r1_owns n2
cause=$(grep 'relay mode 1 -> 0' "$(fos_log)" | tail -n 1 | sed -n 's/.*cause=//p')

# n2 fenced n1 through the switch's relay (reset: off, then on): n1 boots,
# starts heartbeat, stays slave.
check "the reset switched relay 0 off, then on" \
	tb_wait_for 30 fos_power_events_are "$mark" "power 0 off power 0 on "
check "n1 boots and finishes its resource acquisition" tb_wait_for 60 hb_acquired_more_than n1 "$acq_before"
check "n1 boots and heartbeat sees n2" tb_wait_for 60 hb_sees n1 n2
check "n2 stays master after n1 rejoins (auto_failback off)" tb_wait_for 10 wso_master_is n2
sleep 3
check "the lines stay on n2" wso_lines_on n2
check "ResourceManager: n1 does not own WarmstandbyGateway" r1_not_owns n1

wso_sampler_verdict "$GRACE"
report=$WSO_REPORT

echo "start-up: wsctl activate -> VIP on n1: $SCN_STARTUP s"
scn_timeline "power cut of master n1 (s after the kill):" "$out"
echo "relays moved by: $cause"
echo "sampler: $report"
finish
