#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Heartbeat 3 R1 over two l2 links (lan = eth0, aux = eth1), as wsctl
# activate configures the pair with both links.  Cutting one
# link loses nobody and Heartbeat's link status shows it; the link comes
# back by itself; a flap storm on one link settles with a single VIP holder
# and no dead-node event.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testbed.sh
. "$here/testbed.sh"


dead_count() { grep -c 'is dead' "$(hb_log "$1")" 2>/dev/null; }
# link_status NODE PEER IFNAME: Heartbeat's view of PEER over IFNAME (up | dead).
# shellcheck disable=SC2317 # these are called through check / tb_wait_for
link_status() { tb_in "$1" cl_status hblinkstatus "$2" "$3" 2>/dev/null; }
# shellcheck disable=SC2317
link_is() { [ "$(link_status "$1" "$2" "$3")" = "$4" ]; }

pair_run l2-links heartbeat --link eth0
check "VIP answers from n1 after start-up over two l2 links" tb_le "$SCN_STARTUP" 90
check "n1 finished its initial resource acquisition" hb_wait_ready n1 30
check "n2 finished its initial resource acquisition" hb_wait_ready n2 30
check "n2 sees n1's aux link up" tb_wait_for 10 link_is n2 n1 eth1 up

dead_before=$(( $(dead_count n1) + $(dead_count n2) ))
tb_link_set n1 aux down
check "aux cut: n2 reports n1's aux link dead" tb_wait_for 10 link_is n2 n1 eth1 dead
check "aux cut: n2 still sees n1 over lan" hb_sees n2 n1
tb_link_set n1 aux up
check "aux restored: the link comes back by itself" tb_wait_for 15 link_is n2 n1 eth1 up

# 10 flaps of 0.3 s down / 0.3 s up on aux.
tb_link_flap n1 aux 10 0.3
sleep 3
check "one-link cut and flap storm: no dead-node event" \
	test "$(( $(dead_count n1) + $(dead_count n2) ))" -eq "$dead_before"
check "after the storm the aux link is up" tb_wait_for 15 link_is n2 n1 eth1 up
check "after the storm n1 alone holds the VIP" scn_only_holder n1 2
check "clean stop of n2" hb_stop n2
check "clean stop of n1" hb_stop n1
finish
