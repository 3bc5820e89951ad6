#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The failover benchmark's report (see failover.sh): from DIR/results.csv,
# DIR/soak.csv and DIR/params it writes DIR/failover.md (statistics,
# soak, targets) and DIR/failover.png (gnuplot: one timeline bar per
# configuration, the phases' medians stacked).  Source it; bench_report DIR.

# The phases in the order a takeover goes through them (the plot's colours).
BENCH_PHASES="token dead fenced takeover promoted lines vip"

bench_label() {                  # CONFIG: what the configuration is
	case $1 in
	hb-ucast) echo "1 Heartbeat R1 ucast, IPaddr2 (stock)" ;;
	hb-ws) echo "2 Heartbeat R1 l2, wsctl activate, -k/-r timers" ;;
	hb-ws-defaults) echo "2 Heartbeat R1 l2, wsctl activate, its defaults" ;;
	pcmk-stock) echo "3 Corosync+Pacemaker token 3000, IPaddr2 (stock)" ;;
	pcmk-ws) echo "4 Pacemaker token $BENCH_TOKEN, wsctl activate, -t/-r" ;;
	pcmk-ws-defaults) echo "4 Pacemaker, wsctl activate, its defaults" ;;
	ka-*) echo "5 keepalived VRRP advert ${1#ka-} s" ;;
	*) echo "$1" ;;
	esac
}

# bench_stats CSV: "config phase n missing min median p95 max" per config
# and phase, in the order they first appear (p95: nearest rank).
bench_stats() {
	awk -F, 'NR > 1 && $3 != "lock_wait" && $3 != "loadavg" {
			k = $1 " " $3
			if (!(k in seen)) { seen[k] = 1; order[++n] = k }
			if ($4 == "-" || $4 == "") miss[k]++; else v[k] = v[k] " " $4
		}
		END { for (i = 1; i <= n; i++) print order[i], (miss[order[i]] + 0), v[order[i]] }' "$1" |
	while read -r config phase missing values; do
		# shellcheck disable=SC2086 # one value a word
		printf '%s\n' $values | sort -g | awk -v c="$config" -v p="$phase" -v m="$missing" '
			$1 != "" { x[++n] = $1 }
			END {
				if (n == 0) { print c, p, 0, m, "-", "-", "-", "-"; exit }
				r = int(0.95 * n); if (r < 0.95 * n) r++
				med = (n % 2) ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
				printf "%s %s %d %d %.3f %.3f %.3f %.3f\n", c, p, n, m, x[1], med, x[r], x[n]
			}'
	done
}

bench_median() { awk -v c="$2" -v p="$3" '$1 == c && $2 == p {print $6}' "$1"; }  # STATS CONFIG PHASE
bench_soak() { awk -F, -v c="$2" -v m="$3" '$1 == c && $3 == m {s += $4; f = 1} END {print f ? s : "-"}' "$1"; }

# bench_steps STATS CONFIG: "phase median" of the timeline, sorted by time.
bench_steps() {
	local p m
	for p in $BENCH_PHASES; do
		m=$(bench_median "$1" "$2" "$p")
		[ -n "$m" ] && [ "$m" != - ] && echo "$p $m"
	done | sort -k2,2g
}
# bench_costliest STATS CONFIG: the step of the timeline that takes longest.
bench_costliest() {
	bench_steps "$1" "$2" | awk '{ d = $2 - prev; if (d > best) { best = d; what = (pp == "" ? "power cut" : pp) " -> " $1 }
		prev = $2; pp = $1 } END { printf "%s (%.3f s)", what, best }'
}

# bench_summary STATS SOAK_CSV CONFIGS: one row per configuration: the
# takeover done (complete where the configuration fences and moves lines,
# else the VIP), start-up, and the soak's false events.
bench_summary() {
	local c p
	echo "| configuration | takeover done | min | median | p95 | max | start-up | soak: false events / two VIP holders |"
	echo "|---|---|---|---|---|---|---|---|"
	for c in $3; do
		p=vip
		grep -q "^$c complete " "$1" && p=complete
		awk -v c="$c" -v p="$p" -v l="$(bench_label "$c")" -v su="$(bench_median "$1" "$c" startup)" \
			-v fe="$(bench_false_events "$2" "$c")" -v two="$(bench_soak "$2" "$c" two_holder_windows)" \
			'$1 == c && $2 == p { printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", l,
				(p == "vip" ? "VIP" : "VIP + lines + fenced"), $5, $6, $7, $8, su,
				(fe == "-" ? "no soak" : fe " / " two) }' "$1"
	done
}

bench_le() { [ -n "$1" ] && [ "$1" != - ] && awk -v a="$1" -v b="$2" 'BEGIN {exit !(a <= b)}'; }
bench_verdict() { if "$@"; then echo met; else echo missed; fi; }

bench_soak_table() {             # SOAK_CSV
	local c
	echo "| configuration | soak (s) | peer dead lines | takeovers / role changes | relay moves / fencing | VIP moved (0.5 s windows) | two VIP holders (windows) | two masters (samples) | late heartbeat / token late | aimed flood frames | ping -f packets |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	awk -F, 'NR > 1 && !s[$1]++ {print $1}' "$1" | while read -r c; do
		printf '| %s | %s | %s | %s / %s | %s / %s | %s of %s | %s | %s | %s / %s | %s | %s |\n' "$(bench_label "$c")" \
			"$(awk -F, -v c="$c" '$1 == c {print $2; exit}' "$1")" \
			"$(bench_soak "$1" "$c" dead_lines)" "$(bench_soak "$1" "$c" takeovers)" \
			"$(bench_soak "$1" "$c" role_changes)" "$(bench_soak "$1" "$c" relay_moves)" \
			"$(bench_soak "$1" "$c" fencing)" "$(bench_soak "$1" "$c" vip_moved_windows)" \
			"$(bench_soak "$1" "$c" holder_windows)" "$(bench_soak "$1" "$c" two_holder_windows)" \
			"$(bench_soak "$1" "$c" two_master_samples)" "$(bench_soak "$1" "$c" late_heartbeat)" \
			"$(bench_soak "$1" "$c" token_late)" "$(bench_soak "$1" "$c" flood_frames)" \
			"$(bench_soak "$1" "$c" ping_packets)"
	done
}
# bench_false_events SOAK_CSV CONFIG: every sign of a failover without a fault.
bench_false_events() {
	awk -F, -v c="$2" '$1 == c && ($3 == "dead_lines" || $3 == "takeovers" || $3 == "role_changes" ||
		$3 == "relay_moves" || $3 == "fencing" || $3 == "vip_moved_windows" || $3 == "token_lost") {s += $4; f = 1}
		END {print f ? s : "-"}' "$1"
}

bench_targets() {                # STATS SOAK_CSV
	local st=$1 soak=$2 ws ka uc pw fe_hb fe_pm su_hb su_uc su_pm
	ws=$(bench_median "$st" hb-ws complete)
	ka=$(bench_median "$st" ka-0.1 vip)
	uc=$(bench_median "$st" hb-ucast vip)
	pw=$(bench_median "$st" pcmk-ws complete)
	fe_hb=$(bench_false_events "$soak" hb-ws)
	fe_pm=$(bench_false_events "$soak" pcmk-ws)
	su_hb=$(bench_median "$st" hb-ws startup)
	su_uc=$(bench_median "$st" hb-ucast startup)
	su_pm=$(bench_median "$st" pcmk-ws startup)
	echo "| target | measured | verdict |"
	echo "|---|---|---|"
	echo "| 2: median power cut -> VIP and lines on the backup (and fenced) <= 0.25 s | ${ws:--} s | $(bench_verdict bench_le "$ws" 0.25) |"
	echo "| 2: faster than keepalived at advert 0.1 s (VIP) | ${ws:--} s vs ${ka:--} s | $(bench_verdict bench_le "$ws" "${ka:--}") |"
	echo "| 2: faster than stock ucast at the same timers (VIP) | ${ws:--} s vs ${uc:--} s | $(bench_verdict bench_le "$ws" "${uc:--}") |"
	echo "| 2: zero false failovers in the soak | ${fe_hb} | $(bench_verdict [ "$fe_hb" = 0 ]) |"
	echo "| 4: median power cut -> VIP, lines and fencing done <= 1.5 s | ${pw:--} s | $(bench_verdict bench_le "$pw" 1.5) |"
	echo "| 4: zero false failovers in the soak | ${fe_pm} | $(bench_verdict [ "$fe_pm" = 0 ]) |"
	echo "| 4: start-up to the first master's VIP <= 6 s | ${su_pm:--} s | $(bench_verdict bench_le "$su_pm" 6) |"
	echo "| 2: start-up no slower than stock Heartbeat (1) | ${su_hb:--} s vs ${su_uc:--} s | $(bench_verdict bench_le "$su_hb" "${su_uc:--}") |"
}

# bench_plot_bars DIR: the gnuplot command that draws the stacked bars.
bench_plot_bars() {
	cat <<EOGP
plot for [k=1:words(phases)] '$1/plot-segments.dat' using ((\$2+\$3)/2):(\$4==k?\$1:1/0):((\$3-\$2)/2):(0.3) \\
	with boxxyerror lc k title word(phases,k), \\
	'$1/plot-ends.dat' using 2:1:(sprintf(' %.2f s', \$3)) with labels left notitle
EOGP
}

# bench_plot DIR STATS CONFIGS: failover.png from the medians.
bench_plot() {
	local dir=$1 st=$2 c y=0 ytics='' prev p m k maxv
	: >"$dir/plot-segments.dat"
	: >"$dir/plot-ends.dat"
	for c in $3; do
		y=$((y + 1))
		ytics="$ytics${ytics:+, }\"$(bench_label "$c")\" $y"
		prev=0
		while read -r p m; do
			k=$(tr ' ' '\n' <<<"$BENCH_PHASES" | grep -nx "$p" | cut -d: -f1)
			echo "$y $prev $m $k" >>"$dir/plot-segments.dat"
			prev=$m
		done < <(bench_steps "$st" "$c")
		echo "$y $prev $prev" >>"$dir/plot-ends.dat"
	done
	maxv=$(awk 'BEGIN {m = 0} $3 > m {m = $3} END {print m}' "$dir/plot-segments.dat")
	# A second panel zooms into the first 2 s when slow configurations
	# would squeeze the fast ones into a few pixels.
	local panels=1
	awk -v m="$maxv" 'BEGIN {exit !(m > 2)}' && panels=2
	{
		cat <<EOGP
set terminal pngcairo size 1100,$(( (90 + 45 * y) * panels + 70 )) font ',10'
set output '$dir/failover.png'
set multiplot layout $panels,1 title 'Power cut of the master -> takeover by the backup (median of each phase)'
set ytics ($ytics) nomirror
set yrange [$y + 0.6:0.4]
set grid xtics
set key outside right top vertical
set style fill solid 0.85 border -1
set lmargin 60
phases = '$BENCH_PHASES'
set xrange [0:$maxv * 1.12]
set xlabel 'seconds after the power cut'
EOGP
		bench_plot_bars "$dir"
		if [ "$panels" = 2 ]; then
			echo "set xrange [0:2]"
			echo "set xlabel 'seconds after the power cut (lower panel: the first 2 s)'"
			echo "unset key"
			bench_plot_bars "$dir"
		fi
		echo "unset multiplot"
	} >"$dir/failover.gnuplot"
	gnuplot "$dir/failover.gnuplot" 2>"$dir/gnuplot.err" || cat "$dir/gnuplot.err" >&2
}

# shellcheck disable=SC2154 # the run's settings come from DIR/params
bench_report() {                 # DIR
	local dir=$1 st configs c p
	# shellcheck disable=SC1091 # written by failover.sh
	. "$dir/params"
	BENCH_TOKEN=$token
	st="$dir/stats.txt"
	bench_stats "$dir/results.csv" >"$st"
	configs=$(for c in $configs; do grep -q "^$c " "$st" && echo "$c"; done | tr '\n' ' ')
	bench_plot "$dir" "$st" "$configs"
	{
		echo "# Failover benchmark"
		echo
		echo "Run \`$command\` ($started, ${duration:-?} s; $host): $reps power cuts per"
		echo "configuration; Heartbeat keepalive/deadtime $hb_timers ms (configurations 1 and 2),"
		echo "Corosync token $token ms (4), keepalived adverts $adverts s, stonith reset_wait $reset_wait s,"
		echo "soak $soak_s s per tuned configuration. Every node boots systemd with the installed"
		echo "packages; configurations 2 and 4 are what \`wsctl activate\` writes, with those timers"
		echo "as wsctl.conf keys (hb-ws, pcmk-ws) or with none, wsctl's defaults (*-defaults);"
		echo "the stock peers (1, 3, 5) are configured by hand. Seconds after the power cut (kill -9"
		echo "of the node's systemd, PID 1), one monotonic clock (wsprobe); start-up: daemons"
		echo "started on both nodes (2 and 4: \`wsctl activate\` run, checks included) -> VIP answers"
		echo "from n1 (one per configuration)."
		echo
		echo "Phases: dead = the survivor declares the peer dead (Heartbeat \`is dead\`, Pacemaker"
		echo "\`state is now lost\`, keepalived \`Receive advertisement timeout\`); token = corosync"
		echo "\`A processor failed\`; fenced = fosemu \`power N off\`; takeover = Heartbeat \`Resources"
		echo "being acquired\`, Pacemaker \`Initiating promote\` (4) / \`Initiating start ... vip\` (3),"
		echo "keepalived \`Entering MASTER STATE\`; promoted = the gateway's master hook ran;"
		echo "lines = fosemu \`relay mode\` towards the backup; vip = first ARP answer for the VIP"
		echo "from the backup's MAC; complete = the latest of vip, lines and fenced."
		echo
		echo "![failover timeline](failover.png)"
		echo
		echo "Each bar segment ends at the median time of the event of its colour, so its"
		echo "length is the step into that event (medians, not per-cut differences)."
		echo
		bench_summary "$st" "$dir/soak.csv" "$configs"
		echo
		echo "| configuration | phase | n | min | median | p95 | max |"
		echo "|---|---|---|---|---|---|---|"
		for c in $configs; do
			for p in $BENCH_PHASES complete startup; do
				awk -v c="$c" -v p="$p" -v l="$(bench_label "$c")" '$1 == c && $2 == p {
					printf "| %s | %s | %d%s | %s | %s | %s | %s |\n", l, p, $3, ($4 > 0 ? " (" $4 " not seen)" : ""), $5, $6, $7, $8 }' "$st"
			done
		done
		echo
		echo "Lock wait / load average at each configuration's start (other testbed runs on the machine):"
		awk -F, '$3 == "lock_wait" {w[$1] = $4} $3 == "loadavg" {print "- " $1 ": waited " w[$1] " s for the lock, load average " $4}' \
			"$dir/results.csv"
		echo
		if [ "$(wc -l <"$dir/soak.csv")" -gt 1 ]; then
			echo "## Soak under load"
			echo
			echo "stress-ng --cpu 2, ping -f from the observer to both nodes on the heartbeat link, and a flood"
			echo "aimed at the medium (l2: frames of EtherType 0x88b5 spoofing the peer's MAC, on aux; knet:"
			echo "UDP junk to port 5405 on lan). Counts over both nodes; the VIP holders are sampled in"
			echo "0.5 s windows (ARP from the observer), the gateway roles every 0.2 s."
			echo
			bench_soak_table "$dir/soak.csv"
			echo
		fi
		echo "## Targets"
		echo
		bench_targets "$st" "$dir/soak.csv"
		echo
		echo "Costliest step of each timeline (medians):"
		echo
		for c in $configs; do
			echo "- $(bench_label "$c"): $(bench_costliest "$st" "$c")"
		done
	} >"$dir/failover.md"
	cat "$dir/failover.md"
}
