#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Heartbeat 3 R1 over two l2 media (set up by wsctl activate): lan (eth0,
# which also carries the VIP)
# and aux (eth1), where aux has no IP address at all, from power-on on.
# One cluster start-up, then independent checks on aux:
#   - heartbeats cross the link that has no IP (link status, ws-l2ping);
#   - hostile frames from the observer at line rate, bounded (4 x 2.5 s):
#     a foreign EtherType, our EtherType with junk, our EtherType with junk
#     spoofing the peer's MAC (passes the kernel filter), and well-formed
#     fragment headers spoofing the peer (reach the reassembler) -> no
#     crash, no dead link or node, the reader's memory stays bounded;
#   - eth1 deleted and re-created in n1, then set down and up in n2 -> the
#     medium logs the loss once per process and recovers by itself.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testbed.sh
. "$here/testbed.sh"

L2PING=ws-l2ping   # the installed one, inside the nodes
L2FLOOD="$TB_BUILDDIR/tests/netns/l2flood"
[ -f "$L2FLOOD" ] || tb_die "$L2FLOOD not built: run make first"
FLOOD_SECONDS=2.5
FLOOD_COUNT=3000000
# Reader growth allowed under the flood: the reassembly limit (1 MiB in
# total) plus pcap's ring buffer (2 MiB, touched as it fills) plus slack.
RSS_GROWTH_MAX_KB=6144

count_lines() { grep -c -- "$2" "$(hb_log "$1")" 2>/dev/null; }   # NODE REGEX
dead_count() { count_lines "$1" 'is dead'; }
# shellcheck disable=SC2317 # called through check / tb_wait_for
link_is() { [ "$(tb_in "$1" cl_status hblinkstatus "$2" "$3" 2>/dev/null)" = "$4" ]; }
# reader_pid NODE IFNAME: PID (inside NODE) of Heartbeat's read child for it.
reader_pid() {
	# shellcheck disable=SC2016 # expanded inside the node
	tb_in "$1" sh -c 'for f in /proc/[0-9]*/cmdline; do
		tr "\0" " " <"$f" 2>/dev/null | grep -q "^heartbeat: read: l2 $1 *$" &&
			{ p=${f#/proc/}; echo "${p%/cmdline}"; }
	done' _ "$2" | head -1
}
# shellcheck disable=SC2016 # an awk program
rss_kb() { tb_in "$1" awk '$1 == "VmRSS:" {print $2}' "/proc/$2/status" 2>/dev/null; }
# stat_of NODE KEY: a counter of the node's aux reader (its status file).
stat_of() {
	tb_in "$1" "$L2PING" --stats eth1 2>/dev/null |
		awk -v k="$2" '$1 == "role" {rx = ($2 == "rx")} rx && $1 == k {print $2; exit}'
}
# shellcheck disable=SC2317 # called through check
no_ipv4() { [ -z "$(tb_in "$1" ip -4 -o addr show dev eth1)" ]; }
# shellcheck disable=SC2317
gt() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a + 0 > b + 0)}'; }
# shellcheck disable=SC2317
flood_sent() { gt "$(awk '$1 == "sent" {print $2}' <<<"$1")" "$2"; }   # OUTPUT MIN

tb_init l2-faults lan aux
pair_switch_and_nodes
pair_boot
# The heartbeat link has no IPv4 address at all: the l2 medium needs none.
for n in n1 n2; do tb_set_ip "$n" aux || tb_die "cannot flush aux on $n"; done
t0=$(tb_now)
pair_activate heartbeat --link eth0 || tb_die "wsctl activate failed"
scn_wait_vip_on n1 30 >/dev/null
SCN_STARTUP=$(tb_elapsed "$t0" "$(tb_now)")
for n in n1 n2; do pair_boot_script "$n" heartbeat; done
check "VIP answers from n1 after start-up" tb_le "$SCN_STARTUP" 90
check "n2 finished its initial resource acquisition" hb_wait_ready n2 30

# --- a link with no IP at all ------------------------------------------------
check "no IP: eth1 of both nodes has no IPv4 address" eval 'no_ipv4 n1 && no_ipv4 n2'
check "no IP: n2 sees n1's eth1 link up" tb_wait_for 10 link_is n2 n1 eth1 up
check "no IP: n1 sees n2's eth1 link up" tb_wait_for 10 link_is n1 n2 eth1 up
check "no IP: ws-l2ping over eth1 is answered" \
	tb_in n2 "$L2PING" -c 3 -i 0.2 eth1 "$(tb_mac n1 aux)"
sleep 1.5   # one status tick
check "no IP: n1's eth1 reader delivered messages" gt "$(stat_of n1 messages)" 0

# --- hostile frames at line rate ---------------------------------------------
# The spoofing modes send with n2's MAC as source: the observer's bridge port
# must not learn it, or the switch itself would steer n1's frames for n2 to
# the observer (a different attack, which no medium can survive).
ip -n "$TB_BRNS" link set dev "${TB}o$(tb_link_index aux)" type bridge_slave learning off ||
	tb_die "cannot turn learning off on the observer's aux port"
rpid=$(reader_pid n1 eth1)
[ -n "$rpid" ] || tb_die "no read child for eth1 in n1"
hb_before=$(hb_pid n1)
rss_before=$(rss_kb n1 "$rpid")
dead_before=$(( $(dead_count n1) + $(dead_count n2) ))
linkdead_before=$(( $(count_lines n1 ':eth1 dead') + $(count_lines n2 ':eth1 dead') ))
magic_before=$(stat_of n1 dropped_magic)
evicted_before=$(stat_of n1 dropped_evicted)
for mode in foreign junk spoof frag; do
	out=$(tb_obs "$L2FLOOD" --netns "$TB_OBS" --iface eth1 --mode "$mode" \
		--dst "$(tb_mac n1 aux)" --src "$(tb_mac n2 aux)" \
		--count "$FLOOD_COUNT" --seconds "$FLOOD_SECONDS")
	echo "flood $mode: $out"
	check "flood $mode: more than 1000 frames sent within the bound" flood_sent "$out" 1000
done
sleep 2.5   # past a deadtime, and one status tick
rss_after=$(rss_kb n1 "$rpid")
echo "n1 eth1 reader (pid $rpid in n1): VmRSS $rss_before kB before, $rss_after kB after the floods"
tb_in n1 "$L2PING" --stats eth1 | grep -E '^(role|frames|messages|kernel_drops|dropped_|reasm_)' |
	awk '$1 == "role" {rx = ($2 == "rx")} rx' | tr '\n' ' '
echo
check "flood: n1's eth1 reader is still the same process" \
	test "$(reader_pid n1 eth1)" = "$rpid"
check "flood: n1's heartbeat master is still the same process" test "$(hb_pid n1)" = "$hb_before"
check "flood: the spoofed junk reached the decoder (dropped_magic grew)" \
	gt "$(stat_of n1 dropped_magic)" "$magic_before"
check "flood: the fragment headers reached the reassembler (dropped_evicted grew)" \
	gt "$(stat_of n1 dropped_evicted)" "$evicted_before"
check "flood: reader memory bounded (VmRSS growth <= $RSS_GROWTH_MAX_KB kB)" \
	tb_le "$(( rss_after - rss_before ))" "$RSS_GROWTH_MAX_KB"
check "flood: reassembly within its limit (<= 1 MiB in use)" \
	tb_le "$(stat_of n1 reasm_bytes)" 1048576
check "flood: no dead-node event" \
	test "$(( $(dead_count n1) + $(dead_count n2) ))" -eq "$dead_before"
check "flood: no eth1 link declared dead" \
	test "$(( $(count_lines n1 ':eth1 dead') + $(count_lines n2 ':eth1 dead') ))" -eq "$linkdead_before"
check "flood: n2 sees n1's eth1 link up" link_is n2 n1 eth1 up
check "flood: n1 alone holds the VIP" scn_only_holder n1 1

# --- interface removed and re-created, down and up ------------------------------
lost_before=$(count_lines n1 'l2 eth1: link lost')
reopen_before=$(count_lines n1 'l2 eth1: link reopened')
ip -n "$TB_BRNS" link del "$(tb_port n1 aux)" || tb_die "cannot delete n1's aux link"
check "eth1 removed in n1: n2 reports n1's eth1 link dead" tb_wait_for 10 link_is n2 n1 eth1 dead
sleep 2   # several retries while it is missing
tb_node_plug n1 aux || tb_die "cannot re-create n1's aux link"
tb_set_ip n1 aux
check "eth1 re-created in n1: the link comes back by itself" tb_wait_for 15 link_is n2 n1 eth1 up
check "eth1 re-created: n1 sees n2's eth1 link up again" tb_wait_for 15 link_is n1 n2 eth1 up
lost=$(( $(count_lines n1 'l2 eth1: link lost') - lost_before ))
reopened=$(( $(count_lines n1 'l2 eth1: link reopened') - reopen_before ))
echo "n1 logged 'link lost' $lost times and 'link reopened' $reopened times for the removal"
check "eth1 removed: loss logged once per process (reader, writer)" \
	eval "[ $lost -ge 1 ] && [ $lost -le 2 ]"
check "eth1 re-created: reopen logged" test "$reopened" -ge 1

tb_in n2 ip link set eth1 down
check "eth1 down in n2: n1 reports n2's eth1 link dead" tb_wait_for 10 link_is n1 n2 eth1 dead
sleep 1
tb_in n2 ip link set eth1 up
check "eth1 up in n2: the link comes back by itself" tb_wait_for 15 link_is n1 n2 eth1 up
check "eth1 up in n2: n2 sees n1's eth1 link up" tb_wait_for 15 link_is n2 n1 eth1 up
check "interface faults: no dead-node event" \
	test "$(( $(dead_count n1) + $(dead_count n2) ))" -eq "$dead_before"
check "interface faults: n1 alone holds the VIP" scn_only_holder n1 1
grep -h 'l2 eth1' "$(hb_log n1)" "$(hb_log n2)" | sed 's/^/log: /' | tail -12
check "clean stop of n2" hb_stop n2
check "clean stop of n1" hb_stop n1
finish
