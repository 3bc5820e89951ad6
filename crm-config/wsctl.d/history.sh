# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl history: the last takeovers, from both nodes'
# journals and the switch, as text, JSON or a picture (histlogic.sh reads
# the lines).
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# "check && check || die" is meant: die when either check fails (SC2015).
# shellcheck shell=sh disable=SC2015

# Events further apart than this (seconds) belong to different takeovers.
HIST_GAP=20

cmd_history() {
	hi_last=1 hi_since=-7d hi_json=0 hi_plot=''
	while [ $# -gt 0 ]; do
		case $1 in
		--last) [ $# -ge 2 ] && is_uint "$2" && [ "$2" -ge 1 ] || usage_error "--last needs a number of takeovers (1 or more)"
			hi_last=$2; shift ;;
		--since) [ $# -ge 2 ] && hist_valid_since "$2" || usage_error "--since needs a time journalctl takes (e.g. -2h, yesterday, '2026-12-01 03:00')"
			hi_since=$2; shift ;;
		--plot) [ $# -ge 2 ] && [ -n "$2" ] || usage_error "--plot needs a PNG file to write"
			hi_plot=$2; shift ;;
		--json) hi_json=1 ;;
		*) usage_error "history: unknown option '$1'" ;;
		esac
		shift
	done
	if [ -n "$hi_plot" ]; then
		command -v gnuplot >/dev/null 2>&1 || die "$EX_CHECK" "--plot needs gnuplot: apt install gnuplot-nox"
		[ -d "$(dirname "$hi_plot")" ] && [ -w "$(dirname "$hi_plot")" ] ||
			die "$EX_CHECK" "--plot $hi_plot: its directory does not exist or is not writable"
	fi
	need_cluster
	journalctl -q --no-pager -n 0 --since="$hi_since" >/dev/null 2>&1 ||
		usage_error "--since '$hi_since': journalctl does not take it as a time"
	hi_dir=$(ws_tmp)
	hist_collect "$hi_dir/journal"
	hist_classify <"$hi_dir/journal" | hist_group "$HIST_GAP" | hist_last "$hi_last" >"$hi_dir/takeovers"
	hist_switch_state
	if [ "$hi_json" -eq 1 ]; then
		hist_json "$hi_switch_json" <"$hi_dir/takeovers"
	elif [ -s "$hi_dir/takeovers" ]; then
		hist_text <"$hi_dir/takeovers"
		say "now: $hi_switch_text"
	else
		say "no takeover in the journals of $cl_node1 and $cl_node2 since $hi_since"
		say "now: $hi_switch_text"
	fi
	[ -z "$hi_plot" ] || hist_plot "$hi_dir/takeovers" "$hi_plot"
}

# hist_valid_since TIME: words journalctl's --since may take, nothing a
# shell on the peer would read as syntax (it travels quoted anyway).
hist_valid_since() {
	[ -n "$1" ] && [ "${#1}" -le 64 ] || return 1
	case $1 in *[!A-Za-z0-9\ :.@+-]*) return 1 ;; esac
}

# hist_collect FILE: each node's journal lines that may be events, filtered
# on the node; a node that ssh cannot reach is left out with a warning
# (a powered-off node holds none of the survivor's events).
hist_collect() {
	: >"$1" || die "$EX_STACK" "cannot write $1"
	for n in $cl_node1 $cl_node2; do
		if ! is_local "$n" && ! peer_reachable "$n"; then
			err "warning: $n is not reachable by ssh: its journal is left out"
			continue
		fi
		# grep's status 1 (no line matched) is an empty journal, not an error.
		hc_rc=0
		on "$n" "journalctl -q --no-pager -o short-unix --since=$(q "$hi_since") | grep -E $(q "$HIST_ERE")" \
			</dev/null >>"$1" 2>/dev/null || hc_rc=$?
		[ "$hc_rc" -le 1 ] || err "warning: reading $n's journal failed (status $hc_rc): its events may be missing"
	done
}

# hist_switch_state: where the lines are now, from the switch (text and JSON).
hist_switch_state() {
	hs_mode=$(fosctl_sw "$cl_switch" mode 2>/dev/null) || hs_mode=''
	if [ -n "$hs_mode" ]; then
		hs_lines=$(mode_node "$hs_mode")
		hi_switch_text="lines on $hs_lines (switch $cl_switch: $hs_mode)"
		hi_switch_json="{\"name\": $(json_str "$cl_switch"), \"mode\": $(json_str "$hs_mode"), \"lines\": $(json_str "$hs_lines")}"
	else
		hi_switch_text="switch $cl_switch does not answer: where the lines are is unknown"
		hi_switch_json="{\"name\": $(json_str "$cl_switch"), \"mode\": null, \"lines\": null}"
	fi
}

# hist_plot TAKEOVERS PNG: the last takeover drawn with gnuplot.
hist_plot() {
	if ! grep -q '^E' "$1"; then
		err "--plot: no takeover to draw; $2 not written"
		return 0
	fi
	hist_plot_script "$1" "$2" >"$(ws_tmp)/history.gnuplot" &&
		gnuplot "$(ws_tmp)/history.gnuplot" 2>"$(ws_tmp)/gnuplot.err" ||
		die "$EX_CHECK" "gnuplot could not draw $2: $(head -n 3 "$(ws_tmp)/gnuplot.err" | tr '\n' ' ')"
	# Beside --json, stdout holds the JSON object alone.
	if [ "$hi_json" -eq 1 ]; then err "wrote $2"; else say "wrote $2"; fi
}
