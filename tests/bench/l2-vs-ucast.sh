#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark (prints numbers, does not pass or fail): Heartbeat's `l2` medium
# against stock `ucast`, side by side in one run with the same timers.
#
#   l2-vs-ucast.sh [RUNS] [STRESS_SECONDS] [SETTINGS]
#       RUNS            power-cut runs per medium and setting (default 5)
#       STRESS_SECONDS  length of each stress run (default 60)
#       SETTINGS        keepalive/deadtime pairs in ms (default "100/500 50/250 10/50")
#
# Topology of every cluster: lan (eth0) carries the VIP and nothing else;
# the medium runs on aux (eth1): `ucast eth1 <peer's aux IP>` or
# `l2 eth1 <peer's aux MAC>`; warntime = 60 % of deadtime, initdead 2 s.
#
# One cluster per medium (the testbed's lock is taken twice, not once per
# run); for each setting both nodes are power-cycled, reconfigured and
# started together, then:
#   - round-trip latency (100/500 only): ws-l2ping answered by the running
#     medium (l2), ws-l2ping against `ws-l2ping --responder` and udpecho against
#     `udpecho --server` (both clusters); 500 probes 10 ms apart over aux;
#   - RUNS power cuts: the VIP holder's power is cut -> the survivor
#     declares it dead -> the VIP answers from the survivor (wsprobe, one
#     monotonic clock from the kill); the cut node is powered on again and
#     rejoins before the next cut (so the cuts alternate between n1 and n2);
#   - the CPU time of Heartbeat's read and write children of the medium
#     during an idle window, per 1000 heartbeats (utime+stime from
#     /proc/PID/stat in ticks, and the scheduler's ns from /proc/PID/schedstat);
#   - a stress run: stress-ng --cpu 2 on the host, ping -f from the observer
#     to both nodes' aux addresses (ordinary traffic on the heartbeat link)
#     and a flood aimed at the medium (l2flood: UDP junk to port 694 for
#     ucast; junk frames of our EtherType spoofing the peer's MAC, which
#     pass the kernel filter, for l2), counting false events in both
#     Heartbeat logs.
set -u
here=$(cd "$(dirname "$0")/../netns" && pwd)
runs=${1:-5}
stress_s=${2:-60}
settings=${3:-100/500 50/250 10/50}
idle_s=${BENCH_IDLE_SECONDS:-20}
media="l2 ucast"
# Raw results ("KIND KEY... VALUES" lines) are kept; BENCH_REPORT_ONLY=FILE
# prints the tables of an earlier run's results without running anything.
results=${BENCH_REPORT_ONLY:-/tmp/l2-vs-ucast.$$.results}
errlog=${BENCH_LOG:-/tmp/l2-vs-ucast.$$.log}

# shellcheck source=../netns/lib.sh
. "$here/lib.sh"
# shellcheck source=../netns/hb.sh
. "$here/hb.sh"
# shellcheck source=../netns/scenario.sh
. "$here/scenario.sh"

L2_SO="$TB_BUILDDIR/hbcomm-l2/.libs/l2.so"
L2PING="$TB_BUILDDIR/hbcomm-l2/ws-l2ping"
L2FLOOD="$TB_BUILDDIR/tests/netns/l2flood"
UDPECHO="$TB_BUILDDIR/tests/bench/udpecho"
for f in "$L2_SO" "$L2PING" "$L2FLOOD" "$UDPECHO"; do
	[ -f "$f" ] || { echo "$f not built: run make first" >&2; exit 1; }
done
command -v stress-ng >/dev/null || { echo "stress-ng missing (Debian package stress-ng)" >&2; exit 1; }

res() { echo "$*" >>"$results"; }            # KEY... VALUE: one result line

# nodes MEDIUM: define n1 and n2 (the installed packages bring l2.so) and
# power them on.
nodes() {
	local n
	tb_node_define n1 1
	tb_node_define n2 2
	for n in n1 n2; do tb_node_start "$n"; done
}

# cluster MEDIUM KEEPALIVE_MS DEADTIME_MS: Heartbeat configured and started
# on both (running, freshly powered) nodes; VIP on n1, settled.
cluster() {
	local medium=$1 ka=$2 dt=$3 n peer line r1 r2
	for n in n1 n2; do
		peer=$(tb_peer "$n")
		if [ "$medium" = l2 ]; then
			line="l2 eth1 $(tb_mac "$peer" aux)"
		else
			line="ucast eth1 $(tb_ip "$peer" aux)"
		fi
		HB_KEEPALIVE=${ka}ms HB_DEADTIME=${dt}ms HB_WARNTIME=$((dt * 6 / 10))ms HB_INITDEAD=2 \
			hb_configure "$n" "$line" "n1 IPaddr2::$TB_VIP/24/eth0"
	done
	r1=$(hb_acquisitions n1); r2=$(hb_acquisitions n2)
	scn_startup_to_vip scn_each_node hb_start
	[ "$SCN_STARTUP" != - ] || tb_die "the VIP never came up on n1"
	tb_wait_for 30 hb_acquired_more_than n1 "$r1" || tb_die "n1 not ready"
	tb_wait_for 30 hb_acquired_more_than n2 "$r2" || tb_die "n2 not ready"
	sleep 3
}

# power_cycle_both: a clean slate between settings.
power_cycle_both() {
	local n
	for n in n1 n2; do tb_node_running "$n" && tb_power_cut "$n"; done
	for n in n1 n2; do tb_node_start "$n"; done
}

# child_pid NODE ROLE MEDIUM: PID (in NODE) of Heartbeat's ROLE child for eth1.
child_pid() {
	# shellcheck disable=SC2016 # expanded inside the node
	tb_in "$1" sh -c 'for f in /proc/[0-9]*/cmdline; do
		tr "\0" " " <"$f" 2>/dev/null | grep -q "^heartbeat: $1: $2 eth1 *$" &&
			{ p=${f#/proc/}; echo "${p%/cmdline}"; }
	done' _ "$2" "$3" | head -1
}
# cpu_of NODE PID: "TICKS NS" (utime+stime, schedstat run time).
cpu_of() {
	[ -n "$2" ] || { echo "- -"; return; }
	# shellcheck disable=SC2016 # expanded inside the node
	tb_in "$1" sh -c 'set -- "$1" $(cat /proc/$1/stat | sed "s/^.*) //"); t=$(( ${13} + ${14} ))
		read -r ns _ <"/proc/$1/schedstat"; echo "$t $ns"' _ "$2"
}
log_size() { stat -c %s "$(hb_log "$1")"; }
# count_since NODE OFFSET REGEX: matching ha-log lines written after OFFSET.
count_since() { tail -c +"$(( $2 + 1 ))" "$(hb_log "$1")" | grep -c -- "$3"; }

# rtt_stats FILE: "n min median p99 max" of the "time=X ms" lines.
rtt_stats() {
	sed -n 's/.*time=\([0-9.]*\) ms.*/\1/p' "$1" | sort -g | awk '
		{ v[++n] = $1 }
		END { if (n == 0) { print "0 - - - -"; exit }
		      p = int(n * 0.99 + 0.999); if (p > n) p = n
		      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		      printf "%d %.3f %.3f %.3f %.3f\n", n, v[1], med, v[p], v[n] }'
}

measure_rtt() {                  # MEDIUM
	local medium=$1 f="$TB_DIR/rtt" r responder
	if [ "$medium" = l2 ]; then
		tb_in n2 "$L2PING" -c 500 -i 0.01 -W 1 eth1 "$(tb_mac n1 aux)" >"$f" 2>&1
		r=$(rtt_stats "$f"); res rtt "ws-l2ping->running-l2-medium" "$r"
	fi
	# (wait for the responder only: the nodes are children of this shell too)
	tb_in_bounded 15 n1 "$L2PING" --responder -w 8 -e 0x88b6 eth1 >/dev/null 2>&1 &
	responder=$!
	sleep 0.5
	tb_in n2 "$L2PING" -c 500 -i 0.01 -W 1 -e 0x88b6 eth1 "$(tb_mac n1 aux)" >"$f" 2>&1
	r=$(rtt_stats "$f"); res rtt "ws-l2ping->ws-l2ping-responder($medium-cluster)" "$r"
	wait "$responder"
	tb_in_bounded 15 n1 "$UDPECHO" --server -w 8 -n 500 7007 >/dev/null 2>&1 &
	responder=$!
	sleep 0.5
	tb_in n2 "$UDPECHO" -c 500 -i 0.01 -W 1 "$(tb_ip n1 aux)" 7007 >"$f" 2>&1
	r=$(rtt_stats "$f"); res rtt "udpecho->udpecho-server($medium-cluster)" "$r"
	wait "$responder"
}

# measure_cpu MEDIUM SETTING KA_MS SECONDS TAG: CPU of the medium's children
# on both nodes over SECONDS; per 1000 heartbeats (SECONDS*1000/KA sent per
# node, as many received).
measure_cpu() {
	local medium=$1 setting=$2 ka=$3 secs=$4 tag=$5 n role pid before after hb
	declare -A b
	for n in n1 n2; do
		for role in read write; do
			pid=$(child_pid "$n" "$role" "$medium")
			b[$n.$role]="$pid $(cpu_of "$n" "$pid")"
		done
	done
	sleep "$secs"
	hb=$(awk -v s="$secs" -v k="$ka" 'BEGIN {printf "%d", s * 1000 / k}')
	for n in n1 n2; do
		for role in read write; do
			read -r pid bt bns <<<"${b[$n.$role]}"
			after=$(cpu_of "$n" "$pid")
			# a child that is gone (Heartbeat restarted itself) has no figure
			[ -n "$after" ] || after="- -"
			before="$bt $bns"
			# shellcheck disable=SC2086 # two numbers each
			res cpu "$tag" "$setting" "$medium" "$n" "$role" "$hb" $before $after
		done
	done
}

stress_run() {                   # MEDIUM SETTING SECONDS
	local medium=$1 setting=$2 secs=$3 n peer off1 off2 flood_out="$TB_DIR/flood" pids=() i
	off1=$(log_size n1); off2=$(log_size n2)
	: >"$flood_out"
	for n in n1 n2; do
		peer=$(tb_peer "$n")
		if [ "$medium" = l2 ]; then
			scn_aimed_flood "$secs" "$n" "$peer" aux l2 >>"$flood_out" &
		else
			scn_aimed_flood "$secs" "$n" "$peer" aux udp:694 >>"$flood_out" &
		fi
		pids+=($!)
		tb_obs timeout $((secs + 10)) ping -f -q -l 8 -w "$secs" -c 50000000 "$(tb_ip "$n" aux)" \
			>>"$TB_DIR/ping.out" 2>&1 &
		pids+=($!)
	done
	measure_cpu "$medium" "$setting" "${setting%/*}" "$secs" stress &
	pids+=($!)
	timeout $((secs + 20)) stress-ng --cpu 2 --timeout "${secs}s" >/dev/null 2>&1
	for i in "${pids[@]}"; do wait "$i"; done
	sleep 1
	res stress "$setting" "$medium" \
		"$(awk '$1 == "sent" {s += $2} END {print s + 0}' "$flood_out")" \
		"$(awk '/packets transmitted/ {s += $1} END {print s + 0}' "$TB_DIR/ping.out")" \
		"$(( $(count_since n1 "$off1" 'is dead') + $(count_since n2 "$off2" 'is dead') ))" \
		"$(( $(count_since n1 "$off1" 'Late heartbeat') + $(count_since n2 "$off2" 'Late heartbeat') ))" \
		"$(( $(count_since n1 "$off1" 'takeover complete\|Taking over resource\|Resources being acquired') + \
		     $(count_since n2 "$off2" 'takeover complete\|Taking over resource\|Resources being acquired') ))" \
		"$(( $(count_since n1 "$off1" ':eth1 dead') + $(count_since n2 "$off2" ':eth1 dead') ))" \
		"$(tb_vip_holders 1 | sed "s/$(tb_mac n1 lan)/n1/; s/$(tb_mac n2 lan)/n2/" | tr '\n' '+' | sed 's/+$//; s/^$/none/')" \
		"$(( $(count_since n1 "$off1" 'restart triggered') + $(count_since n2 "$off2" 'restart triggered') ))"
	if [ "$medium" = l2 ]; then
		tb_in n1 "$L2PING" --stats eth1 2>/dev/null | awk '$1 == "role" {rx = ($2 == "rx")}
			rx && ($1 == "frames" || $1 == "kernel_drops" || $1 ~ /^dropped_(magic|version|flags|fragment)/ || $1 ~ /^reasm/) {printf "%s=%s ", $1, $2}' |
			sed 's/^/  n1 l2 reader after the stress: /'
		echo
	fi
}

# cuts MEDIUM SETTING RUNS: power cuts of the VIP holder, each followed by
# the cut node's return.
cuts() {
	local medium=$1 setting=$2 runs=$3 from=n1 to=n2 i out r
	for i in $(seq "$runs"); do
		mapfile -t w < <(scn_hb_watches "$from" "$to")
		out=$(scn_power_cut_takeover "$from" "$to" 30 "${w[@]}")
		res cut "$setting" "$medium" dead "$(tb_event_time "$out" dead)"
		res cut "$setting" "$medium" vip "$(tb_event_time "$out" vip)"
		echo "  $medium $setting power cut $i of $from: declared dead $(tb_event_time "$out" dead) s, VIP on $to $(tb_event_time "$out" vip) s"
		# power the cut node on again; it rejoins without taking the VIP
		r=$(hb_acquisitions "$from")
		tb_node_start "$from"
		hb_start "$from"
		tb_wait_for 30 hb_acquired_more_than "$from" "$r" || tb_die "$from did not rejoin"
		tb_wait_for 10 hb_sees "$to" "$from" || tb_die "$to does not see $from"
		sleep 3
		local t=$from; from=$to; to=$t
	done
}

medium_run() {                   # MEDIUM: one cluster, every setting
	local medium=$1 setting ka dt first=1
	tb_init "bench-l2-vs-ucast-$medium" lan aux
	# the spoofed frames of the l2 stress must not teach the switch where
	# n1's and n2's MACs are: the observer's aux port never learns (both media)
	ip -n "$TB_BRNS" link set dev "${TB}o$(tb_link_index aux)" type bridge_slave learning off ||
		tb_die "cannot turn learning off on the observer's aux port"
	nodes "$medium"
	for setting in $settings; do
		ka=${setting%/*} dt=${setting#*/}
		[ "$first" = 1 ] || power_cycle_both
		first=0
		echo "== $medium $setting"
		cluster "$medium" "$ka" "$dt"
		res startup "$setting" "$medium" "$SCN_STARTUP"
		[ "$setting" = 100/500 ] && measure_rtt "$medium"
		cuts "$medium" "$setting" "$runs"
		measure_cpu "$medium" "$setting" "$ka" "$idle_s" idle
		stress_run "$medium" "$setting" "$stress_s"
	done
}

if [ -z "${BENCH_REPORT_ONLY:-}" ]; then
echo "l2 vs ucast: $runs power cuts per cell, stress ${stress_s} s, idle CPU window ${idle_s} s, settings $settings"
echo "started $(date -u +%FT%TZ) on $(nproc) CPUs, kernel $(uname -r); testbed messages in $errlog"
for medium in $media; do
	( medium_run "$medium" ) 2>>"$errlog"
done
echo "finished $(date -u +%FT%TZ); raw results in $results"
fi

med3() {                         # values on stdin -> "n min median max"
	sort -g | awk '$1 != "-" && $1 != "" { v[++n] = $1 }
		END { if (n == 0) { print "0 - - -"; exit }
		      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		      printf "%d %.3f %.3f %.3f\n", n, v[1], med, v[n] }'
}

echo
echo "## Round-trip latency over aux (ms; 500 probes 10 ms apart, from n2 to n1)"
printf '| %-42s | %5s | %7s | %7s | %7s | %7s |\n' "probe -> answered by" n min median p99 max
printf '|%s|\n' "--------------------------------------------|-------|---------|---------|---------|---------"
awk '$1 == "rtt" {printf "| %-42s | %5s | %7s | %7s | %7s | %7s |\n", $2, $3, $4, $5, $6, $7}' "$results"

echo
echo "## CPU of the medium's read/write children, ms per 1000 heartbeats (mean of n1 and n2)"
echo "(idle: ${idle_s} s with nothing else; stress: the ${stress_s} s stress run, flood included;"
echo " heartbeats = seconds / keepalive sent per node, as many received; sched = /proc/PID/schedstat,"
echo " ticks = utime+stime of /proc/PID/stat at $(getconf CLK_TCK) Hz)"
printf '| %-6s | %-8s | %-6s | %6s | %12s | %12s | %12s | %12s |\n' window setting medium hb "read sched" "write sched" "read ticks" "write ticks"
printf '|%s|\n' "--------|----------|--------|--------|--------------|--------------|--------------|--------------"
tick_ms=$(awk -v t="$(getconf CLK_TCK)" 'BEGIN {print 1000 / t}')
awk -v tick="$tick_ms" 'function f(v, fmt) { return v == "n/a" ? "n/a" : sprintf(fmt, v) }
	$1 == "cpu" {
		k = $2 " " $3 " " $4; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
		hb[k] = $7
		if (NF < 11 || $10 == "-" || $8 == "-") { gone[k] = 1; next }
		sched[k, $6] += ($11 - $9) / 1e6 * 1000 / $7 / 2
		ticks[k, $6] += ($10 - $8) * tick * 1000 / $7 / 2
	}
	END { for (i = 1; i <= n; i++) { k = order[i]; split(k, p, " ")
		if (gone[k]) sched[k, "read"] = sched[k, "write"] = ticks[k, "read"] = ticks[k, "write"] = "n/a"
		printf "| %-6s | %-8s | %-6s | %6d | %12s | %12s | %12s | %12s |\n", p[1], p[2], p[3], hb[k],
			f(sched[k, "read"], "%.2f"), f(sched[k, "write"], "%.2f"), f(ticks[k, "read"], "%.1f"), f(ticks[k, "write"], "%.1f") } }' "$results"
echo "(n/a: a child measured at the start was gone at the end: Heartbeat had restarted itself)"

echo
echo "## Power cut of the VIP holder -> the survivor declares it dead -> VIP answers from the survivor"
echo "(s after the kill; n: min / median / max; the cuts alternate between n1 and n2)"
printf '| %-8s | %-6s | %-26s | %-26s |\n' setting medium "declared dead" "VIP from the survivor"
printf '|%s|\n' "----------|--------|----------------------------|----------------------------"
for setting in $settings; do
	for medium in $media; do
		d=$(awk -v s="$setting" -v m="$medium" '$1 == "cut" && $2 == s && $3 == m && $4 == "dead" {print $5}' "$results" | med3)
		v=$(awk -v s="$setting" -v m="$medium" '$1 == "cut" && $2 == s && $3 == m && $4 == "vip" {print $5}' "$results" | med3)
		printf '| %-8s | %-6s | %-26s | %-26s |\n' "$setting" "$medium" \
			"$(awk '{printf "%d: %s / %s / %s", $1, $2, $3, $4}' <<<"$d")" \
			"$(awk '{printf "%d: %s / %s / %s", $1, $2, $3, $4}' <<<"$v")"
	done
done

echo
echo "## Stress runs (${stress_s} s each): stress-ng --cpu 2, ping -f to both nodes' aux, aimed flood"
echo "(aimed flood: ucast = UDP junk to port 694 of both nodes; l2 = junk frames of our EtherType"
echo " spoofing the peer's MAC to both nodes; false events counted in both nodes' ha-log)"
printf '| %-8s | %-6s | %12s | %10s | %9s | %14s | %9s | %9s | %9s | %-11s |\n' setting medium "aimed frames" "ping pkts" "is dead" "Late heartbeat" takeovers "link dead" restarts "VIP at end"
printf '|%s|\n' "----------|--------|--------------|------------|-----------|----------------|-----------|-----------|-----------|-------------"
awk '$1 == "stress" {printf "| %-8s | %-6s | %12s | %10s | %9s | %14s | %9s | %9s | %9s | %-11s |\n", $2, $3, $4, $5, $6, $7, $8, $9, (NF >= 11 ? $11 : "-"), $10}' "$results"

echo
echo "start-up (heartbeat start on both freshly powered nodes -> VIP on n1):"
awk '$1 == "startup" {printf "  %s %s: %s s\n", $2, $3, $4}' "$results"
