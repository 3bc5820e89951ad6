#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark (not a pass/fail test): the smoke scenarios' start-up and
# power-cut takeover times, each run on a fresh testbed.
#   smoke-failover.sh [RUNS] [heartbeat|pacemaker|both]    (default: 5 both)
# Prints every run, then min / median / max per stack and event.
# Heartbeat: keepalive 200ms, deadtime 1s (the smoke test's timers);
# Pacemaker: token 1000 ms, dc-deadtime 2 s, stonith disabled.
set -u
here=$(cd "$(dirname "$0")/../netns" && pwd)
runs=${1:-5}
stacks=${2:-both}
[ "$stacks" = both ] && stacks="heartbeat pacemaker"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

one_run() {                      # STACK: prints "STACK EVENT SECONDS" lines
	# shellcheck disable=SC2016 # expanded by the inner shell
	bash -c '. "$1/lib.sh"; . "$1/hb.sh"; . "$1/pcmk.sh"; . "$1/scenario.sh"
		tb_init "bench-smoke-$2" lan
		if [ "$2" = heartbeat ]; then
			scn_heartbeat_pair; hb_wait_ready n2 30; sleep 2
			mapfile -t w < <(scn_hb_watches n1 n2)
		else
			CS_TOKEN=1000 scn_pacemaker_pair; pcmk_wait_ready n2 30; sleep 2
			mapfile -t w < <(scn_pcmk_watches n1 n2)
		fi
		echo "startup $SCN_STARTUP"
		scn_power_cut_takeover n1 n2 60 "${w[@]}" | grep -v "^fault "' _ "$here" "$1" 2>/dev/null |
		sed "s/^/$1 /"
}

for stack in $stacks; do
	for i in $(seq "$runs"); do
		one_run "$stack" | tee -a "$results" | sed "s/^/run $i: /"
	done
done

echo
printf '%-10s %-10s %5s %8s %8s %8s\n' stack event runs min median max
sort -k1,1 -k2,2 -k3,3g "$results" | awk '
	$3 == "-" { missing[$1 " " $2]++; next }
	{ key = $1 " " $2; v[key, ++n[key]] = $3; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
	END {
		for (i = 1; i <= k; i++) {
			key = order[i]; c = n[key]
			med = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2
			split(key, p, " ")
			printf "%-10s %-10s %5d %8.3f %8.3f %8.3f%s\n", p[1], p[2], c, v[key, 1], med, v[key, c],
				(missing[key] ? "  (" missing[key] " not seen)" : "")
		}
	}'
