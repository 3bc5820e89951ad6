#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Teardown: after the suite, nothing of any testbed run is left: no
# namespace, bridge, veth, process or state directory.  Also interrupts a
# run of its own mid-way (SIGTERM, then SIGINT) to show that the trap cleans
# up after a failure too.  Runs after the other netns tests (see local.mk).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# run_left_nothing PREFIX: the registry says it ended, and nothing remains.
run_left_nothing() {
	local prefix=$1 record="$TB_REGISTRY/$1" kind value start
	grep -q '^done ' "$record" || { echo "  $prefix: never reached teardown"; return 1; }
	while read -r kind value start _; do
		case $kind in
		netns)
			if ip netns list | grep -q "^$value\b"; then echo "  $prefix: netns $value left"; return 1; fi ;;
		pid)
			if [ "$(tb_starttime "$value")" = "$start" ]; then echo "  $prefix: PID $value alive"; return 1; fi ;;
		esac
	done <"$record"
	if ip -o link show | grep -q ": $prefix"; then echo "  $prefix: a host link is left"; return 1; fi
	if [ -e "${WS_TB_ROOT:-/tmp}/wstb-$prefix" ]; then echo "  $prefix: state dir left"; return 1; fi
	return 0
}

# interrupted_run SIGNAL: a run with two powered nodes is stopped by SIGNAL.
interrupted_run() {
	local signal=$1 out pid prefix i
	out=$(mktemp)
	# Job control, so that the run gets its own process group and does
	# not start with SIGINT ignored, as a run started from a terminal.
	set -m
	# shellcheck disable=SC2016 # expanded by the inner shell
	# No cluster runs in it, so it need not wait for the scenario lock.
	# env --default-signal: a caller started in the background (SIGINT
	# ignored, which a shell cannot undo) must not make the run ignore it.
	WS_TB_LOCK=$out.lock env --default-signal=INT,TERM bash -c '. "$1/lib.sh"; tb_init teardown-interrupted lan aux
		tb_node_define n1 1; tb_node_define n2 2; tb_node_start n1; tb_node_start n2
		tb_in n1 sh -c "sleep 300 >/dev/null 2>&1 &"
		echo "prefix $TB"; sleep 120' _ "$here" >"$out" 2>/dev/null &
	pid=$!
	set +m
	# Its lock is private, so it comes up within seconds.
	for i in $(seq 100); do
		prefix=$(awk '$1 == "prefix" {print $2}' "$out")
		[ -n "$prefix" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	rm -f "$out" "$out.lock"
	if [ -z "$prefix" ]; then
		echo "  the interrupted run never came up"
		kill -9 "$pid" 2>/dev/null
		return 1
	fi
	# bash runs the trap once its foreground sleep ends: signal that too,
	# by the PIDs of this process group we started.
	kill "-$signal" -- "-$pid"
	tb_wait_gone "$pid" 15 || { echo "  run $prefix did not exit on $signal"; return 1; }
	run_left_nothing "$prefix"
}

[ "$(id -u)" -eq 0 ] || skip_all "needs root"
check "a run interrupted by SIGTERM removes everything" interrupted_run TERM
check "a run interrupted by SIGINT removes everything" interrupted_run INT

runs=0
for record in "$TB_REGISTRY"/ws*; do
	[ -f "$record" ] || continue
	runs=$((runs + 1))
	check "run $(basename "$record") ($(awk '$1 == "run" {print $3}' "$record")) left nothing" \
		run_left_nothing "$(basename "$record")"
done
check "the suite's runs were found in $TB_REGISTRY" test "$runs" -ge 3
finish
