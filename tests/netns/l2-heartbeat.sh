#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Heartbeat 3 R1, two nodes, the l2 medium as the only medium (installed by
# its package into the stock HBcomm plugin directory) on a heartbeat link
# "aux" (eth1) separate from the VIP's "lan" (eth0), as `wsctl activate`
# configures the pair (with the gateway, the lines and fencing).
# Membership forms; ws-l2ping is answered by the medium's reader; flushing and
# changing the IP addresses of both heartbeat NICs loses nobody; a message
# far larger than the MTU crosses the medium intact; a power cut still moves
# the VIP.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testbed.sh
. "$here/testbed.sh"

L2_SO=/usr/lib/heartbeat/plugins/HBcomm/l2.so   # installed, inside the nodes
L2PING=ws-l2ping   # the installed one, inside the nodes
L2DRIVE="$TB_BUILDDIR/hbcomm-l2/l2drive"
[ -x "$L2DRIVE" ] || tb_die "$L2DRIVE not built: run make first"

# reader_counted_traffic STATS: ws-l2ping --stats shows delivered messages
# and the three echo requests answered.
# shellcheck disable=SC2317 # called through check
reader_counted_traffic() {
	awk '$1 == "messages" && $2 > 0 { m = 1 } $1 == "echo_requests" && $2 >= 3 { e = 1 }
	     END { exit !(m && e) }' <<<"$1"
}

# dead_count NODE: how many times NODE's Heartbeat declared a peer dead.
dead_count() { grep -c 'is dead' "$(hb_log "$1")" 2>/dev/null; }

pair_run l2-heartbeat heartbeat
check "VIP answers from n1 after start-up over l2" tb_le "$SCN_STARTUP" 90
check "n1 finished its initial resource acquisition" hb_wait_ready n1 30
check "n2 sees n1 active" tb_wait_for 10 hb_sees n2 n1
check "n1 sees n2 active" tb_wait_for 10 hb_sees n1 n2
check "ws-l2ping from n2 is answered by n1's medium" \
	tb_in n2 "$L2PING" -c 3 -i 0.2 eth1 "$(tb_mac n1 aux)"
stats=$(tb_in n1 "$L2PING" --stats eth1)
check "n1's reader delivered messages and answered the pings" reader_counted_traffic "$stats"

# IP addresses of both heartbeat NICs flushed, then replaced, while running.
hb_wait_ready n2 30
dead_before=$(( $(dead_count n1) + $(dead_count n2) ))
scn_ip_flush_change aux || tb_die "cannot change the aux addresses"
check "IP flush and change on both nodes: no dead-node event" \
	test "$(( $(dead_count n1) + $(dead_count n2) ))" -eq "$dead_before"
check "IP flush and change: n2 still sees n1" hb_sees n2 n1
check "IP flush and change: n1 still holds the VIP alone" scn_only_holder n1 1

# A 200000-byte message (136 fragments at MTU 1500) through the medium's
# own read()/write(), on a second EtherType beside the running cluster.
recv_out="$(tb_state n2)/l2drive-recv.out"
tb_in n2 "$L2DRIVE" "$L2_SO" "eth1 $(tb_mac n1 aux) ethertype=0x88b6" recv 5 15 >"$recv_out" 2>&1 &
receiver=$!
sleep 0.5
tb_in n1 "$L2DRIVE" "$L2_SO" "eth1 $(tb_mac n2 aux) ethertype=0x88b6" send 5 200000 50 >/dev/null 2>&1
wait "$receiver"
check "5 messages of 200000 bytes cross the medium intact" \
	grep -q '^received 5 intact, 0 bad' "$recv_out"

mapfile -t watches < <(scn_hb_watches n1 n2)
out=$(pair_cut_rebooted n1 n2 30 "${watches[@]}")
check "n2 declares n1 dead after its power cut" tb_le "$(tb_event_time "$out" dead)" 20
check "VIP answers from n2 after n1's power cut (bound 20 s)" tb_le "$(tb_event_time "$out" vip)" 20
check "clean stop of n2" hb_stop n2

echo "start-up: wsctl activate -> VIP on n1: $SCN_STARTUP s"
scn_timeline "power cut of n1 over l2 (s after the kill):" "$out"
finish
