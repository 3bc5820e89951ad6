#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark (not a pass/fail test): how close the stack checker comes to
# stopping the watchdog feeder of a healthy master under load.  One
# wsctl-activated pair per stack, as tests/netns/pairs.sh builds it (nodes
# that boot systemd with the installed packages); then SECONDS of
# stress-ng on both cores.  Every 0.25 s the age of each node's proof of
# life (/run/warmstandby/stack-alive-SWITCH, which fos-kickd stops kicking
# on once it is older than linesw's alive_timeout) is sampled from the
# host, through the node's root.  The load is failover.sh's soak
# (scn_soak_load): stress-ng on both cores, a ping flood and a flood aimed
# at the medium from the observer.
#
#   stack-alive.sh [-s SECONDS] [-c "pacemaker heartbeat"] [-t TOKEN_MS]
#
# Prints per stack and node: the largest and the 99th percentile age (ms)
# with load and without, the checker's failed checks and their slowest
# question (from its journal), the stack's own token timeouts (corosync "A
# processor failed", which may end in the same membership) and members lost
# (Pacemaker "state is now lost", Heartbeat "is dead"), the feeder's stops
# and the relay moves.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../netns" && pwd)
# shellcheck source=../netns/testbed.sh
. "$here/testbed.sh"


# age_sampler SECONDS OUT: "NODE AGE_MS" lines, 4 per second per node,
# for SECONDS of wall time (a loaded host makes each sample slower).
age_sampler() {
	local n f now mt end
	end=$(( $(date +%s%3N) + $1 * 1000 ))
	for _ in $(seq $(( $1 * 4 ))); do
		now=$(date +%s%3N)
		[ "$now" -lt "$end" ] || break
		for n in n1 n2; do
			tb_node_running "$n" || continue
			f="/proc/$(tb_init_pid "$n")/root/run/warmstandby/stack-alive-$PAIR_SWITCH"
			mt=$(stat -c %.3Y "$f" 2>/dev/null) || continue
			awk -v n="$n" -v now="$now" -v mt="$mt" 'BEGIN { printf "%s %d\n", n, now - mt * 1000 }'
		done
		sleep 0.25
	done >"$2"
}

# age_summary FILE NODE: "max P99 samples" of NODE's ages.
age_summary() {
	awk -v n="$2" '$1 == n { print $2 }' "$1" | sort -n |
		awk '{ v[NR] = $1 } END { if (!NR) { print "- - 0"; exit }
			i = int(NR * 0.99); if (i < 1) i = 1; print v[NR], v[i], NR }'
}

one_stack() {                    # STACK: prints "STACK NODE PHASE KEY VALUE" lines
	local stack=$1
	bash -c '. "$1/testbed.sh"; . "$2"
		pair_run "bench-alive-$3" "$3" >&2
		sleep 5
		age_sampler 20 "$TB_DIR/idle.ages"
		marks=$(fos_log_lines)
		t_load=$(date +%s)
		age_sampler "$4" "$TB_DIR/load.ages" &
		sampler=$!
		tb_record_pid "$sampler" age-sampler
		kind=pcmk
		[ "$3" = heartbeat ] && kind=hbws
		scn_soak_load "$4" "$kind"
		wait "$sampler"
		for n in n1 n2; do
			for phase in idle load; do
				read -r max p99 count < <(age_summary "$TB_DIR/$phase.ages" "$n")
				echo "$3 $n $phase max_age_ms $max"
				echo "$3 $n $phase p99_age_ms $p99"
				echo "$3 $n $phase samples $count"
			done
			tb_in "$n" journalctl -q --no-pager -o cat --since "@$t_load" >"$TB_DIR/$n.since-load"
			tb_in "$n" journalctl -q --no-pager -o cat --since "@$t_load" -t ws-stack-alive >"$TB_DIR/$n.checker"
			echo "$3 $n load checker_failures $(grep -c "did not answer" "$TB_DIR/$n.checker")"
			echo "$3 $n load slowest_check $(sed -n "s/.*slowest \([^ ]*\).*/\1/p" "$TB_DIR/$n.checker" | sort -n | tail -n 1)"
			echo "$3 $n load token_timeouts $(grep -c "A processor failed" "$TB_DIR/$n.since-load")"
			echo "$3 $n load members_lost $(grep -c "state is now lost\|node [^ ]*: is dead" "$TB_DIR/$n.since-load")"
			echo "$3 $n load feeder_stops $(tb_in "$n" journalctl -q --no-pager -t fos-kickd | grep -c "has not proved alive")"
		done
		echo "$3 pair load relay_moves $(tail -n +"$(( marks + 1 ))" "$(fos_log)" | grep -c "relay mode")"
	' _ "$here" "$(dirname "$0")/stack-alive.sh" "$stack" "$load_s"
}

# Sourced by one_stack's inner shell for the helpers only.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

load_s=60
stacks="pacemaker heartbeat"
while getopts s:c:t:h opt; do
	case $opt in
	s) load_s=$OPTARG ;;
	c) stacks=$OPTARG ;;
	t) export CS_TOKEN=$OPTARG ;;
	*) sed -n '/^#   stack-alive.sh/p' "$0" >&2; exit 2 ;;
	esac
done
command -v stress-ng >/dev/null || { echo "stress-ng missing (Debian package stress-ng)" >&2; exit 1; }

for stack in $stacks; do
	echo "== $stack: ${load_s} s of the soak load (stress-ng --cpu 2, ping -f, aimed flood)${CS_TOKEN:+, token $CS_TOKEN ms}"
	one_stack "$stack"
done
