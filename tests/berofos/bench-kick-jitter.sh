#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark (not part of make check): fos-kickd's kick jitter while every
# core is busy.  Runs fosemu on 127.0.0.1, fos-kickd with --jitter-log, and
# a bounded CPU load (stress-ng when installed, else busy shell loops), all
# for SECONDS; prints percentiles of (a) the daemon's own lateness and
# (b) the deviation of kick inter-arrival times seen by the switch.
# usage: bench-kick-jitter.sh [SECONDS [INTERVAL_MS [PRIORITY]]]
# PRIORITY 0 runs fos-kickd without SCHED_FIFO, for comparison.
set -eu
. "$(dirname "$0")/lib.sh"

seconds=${1:-20}
interval=${2:-100}
priority=${3:-50}
cpus=$(nproc)

# shellcheck disable=SC2119 # no fosemu options here
emu_start
expect_rc 0 fos set wdogitime=60
expect_rc 0 fos watchdog on

if command -v stress-ng >/dev/null 2>&1; then
	stress-ng --cpu "$cpus" --timeout "${seconds}s" --quiet &
	started_pids="$started_pids $!"
	load="stress-ng --cpu $cpus"
else
	i=0
	while [ "$i" -lt "$cpus" ]; do
		timeout "$seconds" sh -c 'while :; do :; done' &
		started_pids="$started_pids $!"
		i=$((i + 1))
	done
	load="$cpus busy loops"
fi

"$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i "$interval" -r "$priority" -J "$work/jitter" 2>/dev/null &
KICKD_PID=$!
started_pids="$started_pids $KICKD_PID"
sleep "$seconds"
kill -TERM "$KICKD_PID"
wait "$KICKD_PID" || true

sched=$(grep -c . "$work/jitter")
echo "load: $load for ${seconds}s; interval ${interval} ms; SCHED_FIFO priority $priority; $sched kicks"
echo "(a) fos-kickd lateness after its deadline, microseconds:"
cut -d' ' -f2 "$work/jitter" | sort -n | awk '
	{ v[NR] = $1 }
	END { printf "    p50 %d  p99 %d  max %d\n", v[int(NR * 0.50) + 1], v[int(NR * 0.99) + 1], v[NR] }'
echo "(b) |inter-arrival - interval| at the switch (fosemu log), milliseconds:"
grep 'kick accepted' "$work/emu.log" | cut -d' ' -f1 | awk -v iv="$interval" '
	NR > 1 { d = ($1 - prev) * 1000 - iv; if (d < 0) d = -d; print d }
	{ prev = $1 }' | sort -n | awk '
	{ v[NR] = $1 }
	END { printf "    p50 %.0f  p99 %.0f  max %.0f\n", v[int(NR * 0.50) + 1], v[int(NR * 0.99) + 1], v[NR] }'
