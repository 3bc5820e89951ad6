# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: the takeover timeline from journal lines: which lines are
# events of a takeover, how they group into takeovers, and the text, JSON
# and gnuplot forms of one.  Pure functions that touch no system state;
# history.sh collects the lines.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

# The phases in the order a takeover goes through them (the plot's colours).
HIST_PHASES="token lost fence fenced fence-failed takeover promoted lines vip demoted power-on stack-silent kicks-stopped"

# What the nodes' journals say, filtered on the node before it travels:
# one extended regular expression matching every line hist_classify knows.
HIST_ERE='A processor failed, forming new configuration|Node [^ ]+ state is now lost|node [^ ]+: is dead|Requesting peer fencing|Resetting node [^ ]+ with|is dead without a shutdown notice|Operation .[a-z]+. targeting [^ ]+ by |node [^ ]+ now reset|reset through its power relay|Resources being acquired from|promoted to master|demoted to slave|relays toward this node|Adding inet address|reads back on|did not answer its API|has not proved alive'

# hist_classify: journal lines in journalctl's short-unix form (EPOCH HOST
# IDENT[PID]: MESSAGE) on stdin, one event per line on stdout:
# EPOCH<TAB>NODE<TAB>PHASE<TAB>SOURCE<TAB>WHAT, in input order.  Lines of
# no phase are dropped; so is a line that is not of that form.  Whatever
# the fields copy from a line is printable ASCII ("?" for any other byte):
# a journal line may hold anything.
hist_classify() {
	LC_ALL=C awk -v OFS='\t' '
	function ascii(s) { gsub(/[^ -~]/, "?", s); return s }
	function word_after(s, key,   r) {          # the word that follows key in s
		if (!match(s, key "[^ ]+")) return "?"
		r = substr(s, RSTART + length(key), RLENGTH - length(key))
		gsub(/[:.\047]+$/, "", r)
		return r
	}
	$1 !~ /^[0-9]+(\.[0-9]+)?$/ || NF < 4 { next }
	{
		ident = $3; sub(/:$/, "", ident); while (sub(/\[[0-9]+\]$/, "", ident)) ;
		msg = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ */, "", msg)
		phase = ""; what = ""
		if (ident == "corosync" && msg ~ /A processor failed, forming new configuration/) {
			phase = "token"; what = "corosync lost the token"
		} else if (ident == "pacemaker-controld" && msg ~ /Node [^ ]+ state is now lost/) {
			phase = "lost"; what = "peer " word_after(msg, "Node ") " lost"
		} else if (ident == "heartbeat" && msg ~ /node [^ ]+: is dead/) {
			phase = "lost"; what = "peer " word_after(msg, "node ") " dead"
		} else if (ident == "pacemaker-fenced" && msg ~ /Requesting peer fencing/) {
			phase = "fence"; what = "fencing of " word_after(msg, "targeting ") " requested"
		} else if (ident == "heartbeat" && msg ~ /Resetting node [^ ]+ with/) {
			phase = "fence"; what = "reset of " word_after(msg, "Resetting node ") " requested"
		} else if (ident == "r1-peer-fence" && msg ~ /is dead without a shutdown notice/) {
			phase = "fence"; what = "reset of " word_after(msg, "peer ") " requested (r1-peer-fence)"
		} else if (ident == "pacemaker-fenced" && msg ~ /Operation .[a-z]+. targeting [^ ]+ by [^ ]+ .*: OK/) {
			phase = "fenced"; what = word_after(msg, "targeting ") " fenced by " word_after(msg, " by ")
		} else if (ident == "pacemaker-fenced" && msg ~ /Operation .[a-z]+. targeting [^ ]+ by [^ ]+ .*:/) {
			phase = "fence-failed"; what = "fencing of " word_after(msg, "targeting ") " failed"
		} else if (ident == "heartbeat" && msg ~ /node [^ ]+ now reset/) {
			phase = "fenced"; what = word_after(msg, "node ") " reset"
		} else if (ident == "r1-peer-fence" && msg ~ /reset through its power relay/) {
			phase = "fenced"; what = word_after(msg, "peer ") " reset (r1-peer-fence)"
		} else if (ident == "heartbeat" && msg ~ /Resources being acquired from/) {
			phase = "takeover"; what = "resources taken over from " word_after(msg, "acquired from ")
		} else if (ident ~ /^gateway\(/ && msg ~ /promoted to master/) {
			phase = "promoted"; what = "gateway promoted to master"
		} else if (ident ~ /^gateway\(/ && msg ~ /demoted to slave/) {
			phase = "demoted"; what = "gateway demoted to slave"
		} else if (ident ~ /^linesw\(/ && msg ~ /relays toward this node/) {
			phase = "lines"; what = "lines switched to this node"
		} else if (ident ~ /^IPaddr2?\(/ && msg ~ /Adding inet address/) {
			phase = "vip"; what = "VIP " word_after(msg, "inet address ") " added"
		} else if (ident ~ /berofos/ && msg ~ /reads back on/) {
			phase = "power-on"; what = "fenced node powered on again"
		} else if (ident == "ws-stack-alive" && msg ~ /did not answer its API/) {
			phase = "stack-silent"; what = "the local stack stopped answering its API"
		} else if (ident == "fos-kickd" && msg ~ /has not proved alive/) {
			phase = "kicks-stopped"; what = "watchdog kicks stopped: the stack is not alive"
		}
		if (phase != "") print $1, ascii($2), phase, ascii(ident), ascii(what)
	}'
}

# hist_group GAP: classified events on stdin (any order), the takeovers on
# stdout.  Events closer than GAP seconds to the one before form an
# episode, but a lost peer after a promotion starts the next one (a power
# cut soon after a start or a handover); an episode with a promotion or a
# lost peer is a takeover.  A
# line repeated by the same node within a second (a daemon that logs to
# syslog and to its standard error, both kept by the journal) counts once.
# One header per takeover, then its events in time order:
# T<TAB>INDEX<TAB>START<TAB>KIND<TAB>MASTER<TAB>PEER
# E<TAB>INDEX<TAB>SECONDS<TAB>EPOCH<TAB>NODE<TAB>PHASE<TAB>SOURCE<TAB>WHAT
# KIND: failover (a peer was lost and a node promoted), planned (promoted,
# no peer lost: a start or a handover), no-takeover (a peer lost, nobody
# promoted: the master kept its role).
hist_group() {
	sort -t "$(printf '\t')" -k1,1g | LC_ALL=C awk -F '\t' -v gap="$1" -v OFS='\t' '
	function flush(   kind, i) {
		if (n == 0 || (!promoted && !lost)) { n = 0; return }
		kind = promoted ? (lost ? "failover" : "planned") : "no-takeover"
		k++
		print "T", k, t[1], kind, (master == "" ? "-" : master), (peer == "" ? "-" : peer)
		for (i = 1; i <= n; i++) print "E", k, sprintf("%.3f", t[i] - t[1]), t[i], line[i]
		n = 0
	}
	{
		key = $2 SUBSEP $3 SUBSEP $5
		if ((key in seen) && $1 - seen[key] < 1) next
		seen[key] = $1
		if (n > 0 && ($1 - t[n] > gap || (promoted && ($3 == "lost" || $3 == "token")))) flush()
		if (n == 0) { promoted = 0; lost = 0; master = ""; peer = "" }
		t[++n] = $1
		line[n] = $2 OFS $3 OFS $4 OFS $5
		if ($3 == "promoted") { promoted = 1; master = $2 }
		if ($3 == "lost" || $3 == "token") lost = 1
		if ($3 == "lost" && peer == "" && match($5, /^peer [^ ]+/)) peer = substr($5, 6, RLENGTH - 5)
	}
	END { flush() }'
}

# hist_last N: the last N takeovers of hist_group's output (renumbered
# from 1, the oldest first).
hist_last() {
	awk -F '\t' -v want="$1" -v OFS='\t' '
	{ rec[NR] = $0; if ($1 == "T") last = $2 }
	END {
		first = last - want + 1; if (first < 1) first = 1
		for (i = 1; i <= NR; i++) {
			split(rec[i], f, "\t")
			if (f[2] + 0 < first) continue
			sub(/^[TE]\t[0-9]+/, f[1] "\t" (f[2] - first + 1), rec[i])
			print rec[i]
		}
	}'
}

# hist_text: hist_last's output as the administrator reads it.
hist_text() {
	awk -F '\t' '
	$1 == "T" {
		if (NR > 1) print ""
		if ($4 == "failover") title = $5 " became master after losing " $6
		else if ($4 == "planned") title = $5 " became master (no peer lost: a start or a handover)"
		else title = "peer " $6 " lost; no node was promoted"
		# date(1), not strftime: mawk, the default awk of Debian, may lack it.
		cmd = "date -u -d @" int($3) " \047+%Y-%m-%d %H:%M:%S\047"
		when = ""; cmd | getline when; close(cmd)
		ms = $3; sub(/^[0-9]*\.?/, "", ms); ms = substr(ms "000", 1, 3)
		printf "takeover %d: %s, at %s.%s UTC\n", $2, title, when, ms
		next
	}
	$1 == "E" { printf "  %8.3f s  %-8s %-12s %s  (%s)\n", $3, $5, $6, $8, $7 }'
}

# hist_json SWITCH-JSON: hist_last's output as one JSON object; the
# switch's state (a JSON value) goes under "switch".
hist_json() {
	awk -F '\t' -v sw="$1" '
	function js(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/[\001-\037]/, " ", s); return "\"" s "\"" }
	BEGIN { printf "{\"takeovers\": ["; nt = 0 }
	$1 == "T" {
		if (nt++) printf "]}, "
		printf "{\"start\": %s, \"kind\": %s, \"master\": %s, \"peer\": %s, \"events\": [", $3, js($4), ($5 == "-" ? "null" : js($5)), ($6 == "-" ? "null" : js($6))
		ne = 0; next
	}
	$1 == "E" {
		if (ne++) printf ", "
		printf "{\"t\": %s, \"time\": %s, \"node\": %s, \"phase\": %s, \"source\": %s, \"what\": %s}", $3, $4, js($5), js($6), js($7), js($8)
	}
	END { if (nt) printf "]}"; printf "], \"switch\": %s}\n", sw }'
}

# hist_plot_script DATAFILE PNG: the gnuplot commands that draw the last
# takeover of DATAFILE (hist_last's output): one row per event, a bar from
# the event before it, coloured by phase, labelled with its time.
hist_plot_script() {
	hp_rows=$(awk -F '\t' '$1 == "E" { n++ } END { print n + 0 }' "$1")
	hp_ytics=$(hist_plot_rows "$1" | awk -F '\t' '{ printf "%s\"%s\" %d", (NR > 1 ? ", " : ""), $5, $1 }')
	hp_title=$(awk -F '\t' '$1 == "T" { t = $0 } END { split(t, f, "\t"); print f[4] ": " f[5] " master, peer " f[6] }' "$1")
	cat <<EOGP
set terminal pngcairo size 1100,$((120 + 28 * hp_rows)) font ',10'
set output '$2'
set title 'wsctl history: $hp_title'
set datafile separator '\t'
set yrange [$hp_rows + 0.6:0.4]
set ytics ($hp_ytics) nomirror
set grid xtics
set key outside right top vertical
set style fill solid 0.85 border -1
set lmargin 40
set xlabel 'seconds from the first event'
phases = '$HIST_PHASES'
colours = '#9400d3 #009e73 #56b4e9 #e69f00 #f0e442 #0072b2 #e51e10 #404040 #cc79a7 #8fbc8f #a0522d #ff8c00 #000080'
phase_index(p) = sum [k=1:words(phases)] (word(phases,k) eq p ? k : 0)
plot for [k=1:words(phases)] '-' using ((\$2+\$3)/2):(phase_index(strcol(4))==k?\$1:1/0):((\$3-\$2)/2):(0.3) \\
	with boxxyerror lc rgb word(colours,k) title word(phases,k), \\
	'-' using 3:1:(sprintf(' +%.3f s', \$3)) with labels left notitle
EOGP
	# One data block per phase plotted, then the labels' block.
	for _ in $HIST_PHASES; do
		hist_plot_rows "$1"
		echo e
	done
	hist_plot_rows "$1"
	echo e
}
# hist_plot_rows DATAFILE: ROW<TAB>FROM<TAB>TO<TAB>PHASE<TAB>LABEL per event of the last takeover.
hist_plot_rows() {
	awk -F '\t' -v OFS='\t' '
	$1 == "T" { n = 0; prev = 0; delete row }
	$1 == "E" { n++; row[n] = n OFS prev OFS $3 OFS $6 OFS $5 " " $6; prev = $3 }
	END { for (i = 1; i <= n; i++) print row[i] }' "$1"
}
