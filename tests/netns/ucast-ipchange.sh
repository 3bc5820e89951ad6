#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The documented contrast to l2-heartbeat.sh: the very same IP-change fault
# (scn_ip_flush_change: both nodes' heartbeat NICs flushed, 3 s without an
# address, new addresses) with the stock `ucast` medium instead of `l2`.
#
# Stock ucast sends to the peer's configured address, which is gone: the
# expected (and documented, see man ha.cf-l2) outcome is that each node
# declares its live peer dead.  This test asserts that stock behaviour
# rather than only printing it, for two reasons: the comparison in our
# documentation stays true only while it holds, and it proves that the
# fault l2-heartbeat.sh injects is a real fault for an IP medium (an l2
# test that passed because the fault did nothing would be worthless).
# It is not a failure of warmstandby; the outcome is printed as a table.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/hb.sh"
. "$here/scenario.sh"

dead_count() { grep -c 'is dead' "$(hb_log "$1")" 2>/dev/null; }

tb_init ucast-ipchange lan aux
tb_node_define n1 1
tb_node_define n2 2
for n in n1 n2; do
	tb_node_start "$n"
	hb_configure "$n" "ucast eth1 $(tb_ip "$(tb_peer "$n")" aux)" "n1 IPaddr2::$TB_VIP/24/eth0"
done
scn_startup_to_vip scn_each_node hb_start
check "VIP answers from n1 after start-up over ucast" tb_le "$SCN_STARTUP" 90
check "n2 finished its initial resource acquisition" hb_wait_ready n2 30
check "before the fault: n2 sees n1 active" tb_wait_for 10 hb_sees n2 n1

dead_before=$(( $(dead_count n1) + $(dead_count n2) ))
t0=$(tb_now)
scn_ip_flush_change aux || tb_die "cannot change the aux addresses"
dead_after=$(( $(dead_count n1) + $(dead_count n2) ))
n2_view=$(hb_node_status n2 n1)
n1_view=$(hb_node_status n1 n2)
holders=$(tb_vip_holders 1 | tr '\n' ' ')
check "stock ucast (documented contrast): the IP change makes a node declare its live peer dead" \
	test "$dead_after" -gt "$dead_before"
check "stock ucast (documented contrast): n2 sees n1 dead after the change" test "$n2_view" = dead

echo "documented comparison, the same fault (scn_ip_flush_change aux), $(tb_elapsed "$t0" "$(tb_now)") s:"
printf '  %-34s %s\n' "medium" "ucast (stock)" \
	"'is dead' lines (both nodes)" "$(( dead_after - dead_before ))" \
	"n2's view of n1 / n1's view of n2" "$n2_view / $n1_view" \
	"VIP answered from (MACs)" "${holders:-nobody}" \
	"n1 / n2 lan MAC" "$(tb_mac n1 lan) / $(tb_mac n2 lan)"
echo "  (l2 over the same fault: no dead-node event, see l2-heartbeat.sh)"
grep -h 'is dead\|Link .* dead\|takeover' "$(hb_log n1)" "$(hb_log n2)" | sed 's/^/log: /' | head -8
finish
