#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Discovery by broadcast, as on a real LAN: two emulated switches in their
# own network namespaces on a bridge, the client in a third; one scan to
# 255.255.255.255 must list both, and a broadcast kick must reach only the
# switch whose MAC it carries.  Needs root; namespaces are named wsfos-*
# and deleted on exit.
set -eu
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null 2>&1; then
	skip_all "needs root and iproute2"
fi

tag=$$
cl=wsfos-cl-$tag
sw1=wsfos-s1-$tag
sw2=wsfos-s2-$tag
for ns in "$cl" "$sw1" "$sw2"; do
	ip netns add "$ns" || fail "cannot create namespace $ns"
	created_netns="$created_netns $ns"
	ip -n "$ns" link set lo up
done
ip -n "$cl" link add br0 type bridge
ip -n "$cl" addr add 10.251.0.1/24 dev br0
ip -n "$cl" link set br0 up
ip -n "$cl" route add default dev br0
n=1
for ns in "$sw1" "$sw2"; do
	ip -n "$cl" link add "p$n" type veth peer name eth0 netns "$ns"
	ip -n "$cl" link set "p$n" master br0 up
	ip -n "$ns" addr add "10.251.0.$((n + 1))/24" dev eth0
	ip -n "$ns" link set eth0 up
	n=$((n + 1))
done

# Each switch listens on every address of its namespace, so it hears
# broadcasts like the device does.
start_switch() {
	ns=$1 mac=$2 dir=$work/$1
	mkdir -p "$dir"
	ip netns exec "$ns" "$FOSEMU" -a 0.0.0.0 -p 0 -u 50123 -m "$mac" \
		-P "$dir/ports" -s "$dir/state" -l "$dir/emu.log" &
	started_pids="$started_pids $!"
	await_file "fosemu in $ns" -s "$dir/ports"
}
start_switch "$sw1" 00:19:32:00:00:a1
start_switch "$sw2" 00:19:32:00:00:a2

expect_rc 0 ip netns exec "$cl" "$FOSCTL" -t 1 scan
grep -q '^00:19:32:00:00:a1 ' "$work/out" || fail "scan missed the first switch: $(cat "$work/out")"
grep -q '^00:19:32:00:00:a2 ' "$work/out" || fail "scan missed the second switch: $(cat "$work/out")"
[ "$(grep -c . "$work/out")" -eq 2 ] || fail "scan listed $(grep -c . "$work/out") switches, wanted 2"
ok "broadcast scan lists both switches"

expect_rc 0 ip netns exec "$cl" "$FOSCTL" --udp-addr 255.255.255.255 -m 00:19:32:00:00:a2 kick
sleep 0.3
grep -q 'kick ignored (watchdog off)' "$work/$sw2/emu.log" || fail "the addressed switch did not take the kick"
grep -q 'cmd 11 for another MAC, ignored' "$work/$sw1/emu.log" || fail "the other switch did not ignore the kick"
ok "broadcast kick reaches only the switch with that MAC"
finish
