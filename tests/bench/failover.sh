#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Failover benchmark (issue #10): every configuration on the same testbed,
# power cuts of the master timed on one clock, start-up, and a bounded soak
# under load for the tuned warmstandby configurations.  Prints numbers; it
# fails only when it cannot run (no timing assertions).
#
#   failover.sh [-n REPS] [-s SOAK_SECONDS] [-o DIR] [-k KEEPALIVE/DEADTIME]
#               [-t TOKEN_MS] [-a "ADVERTS"] [-r RESET_WAIT] [-b BOOT_SECONDS]
#               [-c "CONFIGS"]
#   failover.sh -R DIR      tables and plot again from DIR/results.csv
#
#   -n  power cuts per configuration (default 10)
#   -s  soak length in seconds per tuned configuration (default 600; 0: none)
#   -o  output directory (default build/bench/failover-YYYYmmdd-HHMMSS)
#   -k  Heartbeat keepalive/deadtime in ms for configurations 1 and 2 alike
#       (default 10/50; warntime 60 % of deadtime, initdead 2 s)
#   -t  Corosync token in ms of configuration 4 (default 500)
#   -a  keepalived advert intervals, one sub-configuration each (default
#       "1 0.1 0.01": 0.01 s is the smallest VRRPv3 takes; 0.1 s is the
#       stock baseline of notes/baseline.md; sub-second ones use VRRPv3)
#   -r  seconds a fenced node's power stays off (stonith reset_wait; default
#       0.05: the cut node is dead already, and the testbed powers a node on
#       only once its old links are gone; the tests and the demo use 0.3)
#   -b  seconds a node powered on by the switch boots before its cluster
#       stack starts (default 2; with less, a node fenced by a short reset
#       can come back while Heartbeat R1 is still taking over, and R1 then
#       leaves the resources on neither node)
#   -c  configurations to run (default: all, in this order):
#       hb-ucast    1. Heartbeat R1, ucast on aux, IPaddr2 (stock)
#       hb-ws       2. Heartbeat R1, l2 on aux, WarmstandbyGateway,
#                      WarmstandbyLinesw, IPaddr2, stonith_host berofos
#       pcmk-stock  3. Corosync (token 3000 ms, the default) + Pacemaker,
#                      IPaddr2, no fencing
#       hb-ws-defaults 2 at wsctl's default timers
#       pcmk-ws     4. Corosync (token -t) + Pacemaker, promotable
#                      ocf:warmstandby:gateway, linesw, VIP, stonith:berofos
#       pcmk-ws-defaults 4 at wsctl's default timers
#   Configurations 2 and 4 are set up by wsctl activate (tests/netns/pairs.sh)
#   on nodes that boot systemd with the installed packages; -k, -t and -r
#   reach them as wsctl.conf keys.
#       ka-ADVERT   5. keepalived VRRP with that advert interval
#
# Every configuration is one cluster (one testbed, holding the machine's
# testbed lock): start-up (daemons started on both nodes -> VIP answers
# from n1), then REPS power cuts of whichever node is master: wsprobe kills
# the node's init (every process dies, links go) and stamps, on one
# monotonic clock from the kill, the survivor's log lines, the switch's
# event log and the VIP's first ARP answer from the survivor.  The cut node
# is powered on again (by the switch itself where fencing resets it) and
# rejoins as backup before the next cut, so the cuts alternate between n1
# and n2 (keepalived preempts: n1 takes the VIP back, every cut is n1's).  Then, for hb-ws and pcmk-ws, the soak: stress-ng on both cores,
# ping -f from the observer on the heartbeat link and a flood aimed at the
# medium (l2 frames of our EtherType spoofing the peer; UDP junk to knet's
# port 5405), counting false failovers and moments with two VIP holders.
#
# Output in DIR: results.csv (config,rep,phase,seconds; rep 0 = start-up;
# "-" = not seen), soak.csv (config,seconds,metric,value), failover.md,
# failover.png, testbed.log (the testbed's messages).
set -u
here=$(cd "$(dirname "$0")/../netns" && pwd)
# shellcheck source=../netns/testbed.sh
. "$here/testbed.sh"
# shellcheck source=../netns/ka.sh
. "$here/ka.sh"
# shellcheck source=report.sh
. "$(dirname "$0")/report.sh"

reps=10
soak_s=600
outdir=
hb_timers=10/50
token=500
adverts="1 0.1 0.01"
RESET_WAIT=0.05
boot_s=2
configs=
report_only=
usage() { sed -n '/^#   failover.sh/,/^#       ka-ADVERT/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
while getopts n:s:o:k:t:a:r:b:c:R:h opt; do
	case $opt in
	n) reps=$OPTARG ;;
	s) soak_s=$OPTARG ;;
	o) outdir=$OPTARG ;;
	k) hb_timers=$OPTARG ;;
	t) token=$OPTARG ;;
	a) adverts=$OPTARG ;;
	r) RESET_WAIT=$OPTARG ;;
	b) boot_s=$OPTARG ;;
	c) configs=$OPTARG ;;
	R) report_only=$OPTARG ;;
	*) usage ;;
	esac
done
if [ -n "$report_only" ]; then
	bench_report "$report_only"
	exit
fi
[ -n "$configs" ] || configs="hb-ucast hb-ws hb-ws-defaults pcmk-stock pcmk-ws pcmk-ws-defaults$(for a in $adverts; do printf ' ka-%s' "$a"; done)"
[ -n "$outdir" ] || outdir="$TB_BUILDDIR/bench/failover-$(date -u +%Y%m%d-%H%M%S)"
hb_ka=${hb_timers%/*} hb_dt=${hb_timers#*/}
L2FLOOD="$TB_BUILDDIR/tests/netns/l2flood"
[ -x "$L2FLOOD" ] || { echo "$L2FLOOD not built: run make first" >&2; exit 1; }
command -v keepalived >/dev/null || { echo "keepalived missing (Debian package keepalived)" >&2; exit 1; }
command -v stress-ng >/dev/null || { echo "stress-ng missing (Debian package stress-ng)" >&2; exit 1; }
mkdir -p "$outdir" || exit 1
CSV="$outdir/results.csv"
SOAK_CSV="$outdir/soak.csv"
echo "config,rep,phase,seconds" >"$CSV"
echo "config,seconds,metric,value" >"$SOAK_CSV"
# What the report prints about this run.
cat >"$outdir/params" <<EOP
reps=$reps
soak_s=$soak_s
hb_timers=$hb_timers
token=$token
adverts="$adverts"
reset_wait=$RESET_WAIT
boot_s=$boot_s
configs="$configs"
command="tests/bench/failover.sh $*"
host="$(nproc) CPUs, kernel $(uname -r)"
started=$(date -u +%FT%TZ)
EOP

csv() { echo "$1,$2,$3,$4" >>"$CSV"; }            # CONFIG REP PHASE SECONDS
soak_csv() { echo "$1,$2,$3,$4" >>"$SOAK_CSV"; }  # CONFIG SECONDS METRIC VALUE
# The Heartbeat timers of configurations 1 and 2, the same for both.
export HB_KEEPALIVE=${hb_ka}ms HB_DEADTIME=${hb_dt}ms HB_WARNTIME=$((hb_dt * 6 / 10))ms HB_INITDEAD=2
export PAIR_KEEPALIVE=$HB_KEEPALIVE PAIR_DEADTIME=$HB_DEADTIME PAIR_WARNTIME=$HB_WARNTIME

# --- the clusters ---------------------------------------------------------------
# kind_of CONFIG: hb, hbws, pcmk, pcmkws or ka (how it starts, cuts, rejoins).
kind_of() {
	case $1 in
	hb-ucast) echo hb ;; hb-ws|hb-ws-defaults) echo hbws ;; pcmk-stock) echo pcmk ;;
	pcmk-ws|pcmk-ws-defaults) echo pcmkws ;;
	ka-*) echo ka ;; *) tb_die "unknown configuration '$1'" ;;
	esac
}
# The fenced configurations: the switch resets a cut node (powers it on).
fenced() { case $1 in hbws|pcmkws) return 0 ;; esac; return 1; }

# The warmstandby configurations are what wsctl activate writes: with the
# timers of -k, -t and -r put into wsctl.conf (hb-ws, pcmk-ws), or with
# wsctl's defaults (hb-ws-defaults, pcmk-ws-defaults: no timer key at all).
start_cluster() {                # CONFIG KIND: up, VIP on n1, SCN_STARTUP set
	local n CS_TOKEN=$token
	case $1 in
	*-defaults) local PAIR_KEEPALIVE='' PAIR_DEADTIME='' PAIR_WARNTIME='' CS_TOKEN='' RESET_WAIT='' ;;
	esac
	case $2 in
	hb) scn_heartbeat_pair ucast aux ;;
	hbws) pair_switch_and_nodes; heartbeat_pair ;;
	pcmk) CS_TOKEN=3000 scn_pacemaker_pair ;;
	pcmkws) pair_switch_and_nodes; pacemaker_pair ;;
	ka)
		tb_node_define n1 1
		tb_node_define n2 2
		ka_configure n1 150 "${1#ka-}"
		ka_configure n2 100 "${1#ka-}"
		for n in n1 n2; do tb_node_start "$n"; done
		scn_startup_to_vip scn_each_node ka_start ;;
	esac
	fenced "$2" || return 0
	# A node the switch powers on again boots for a while before its stack
	# starts (the pairs' boot scripts start it at once).
	for n in n1 n2; do
		printf 'sleep %s\n%s\n' "$boot_s" "$(cat "$TB_DIR/$n/boot")" >"$TB_DIR/$n/boot.new"
		mv "$TB_DIR/$n/boot.new" "$TB_DIR/$n/boot"
	done
}

# ready_mark KIND NODE: a count that grows when NODE has (re)joined.
ready_mark() {
	local f pattern
	case $1 in
	hb|hbws) f=$(hb_log "$2"); pattern='Initial resource acquisition complete' ;;
	ka) f=$(ka_log "$2"); pattern='Entering \(BACKUP\|MASTER\) STATE' ;;
	*) echo 0; return ;;
	esac
	f=$(grep -c "$pattern" "$f" 2>/dev/null)
	echo "${f:-0}"
}
ready_since() { [ "$(ready_mark "$1" "$2")" -gt "$3" ]; }   # KIND NODE MARK
# cluster_whole KIND NODE PEER: NODE is back as a member, PEER sees it.
cluster_whole() {
	case $1 in
	hb|hbws) ready_since "$1" "$2" "$MARK" && hb_sees "$3" "$2" ;;
	# keepalived preempts: n1, the higher priority, takes the VIP back
	ka) ready_since "$1" "$2" "$MARK" && [ "$(holder)" = n1 ] ;;
	pcmk) pcmk_online "$3" "$2" ;;
	pcmkws) pcmk_online "$3" "$2" && wso_role_is "$2" slave ;;
	esac
}
# rebooted NODE OLD_INIT: the switch has powered NODE on again.
rebooted() { tb_node_running "$1" && [ "$(tb_init_pid "$1")" != "$2" ]; }

# rejoin KIND NODE PEER OLD_INIT: power the cut node on and wait until the
# cluster is whole again.
rejoin() {
	local kind=$1 node=$2 peer=$3 old=$4
	if fenced "$kind"; then
		# the stonith reset powers it on and its boot script starts the stack
		tb_wait_for 30 rebooted "$node" "$old" || tb_die "the switch did not power $node on"
	else
		tb_reap "$node"
		tb_node_start "$node"
		case $kind in hb) hb_start "$node" ;; pcmk) pcmk_start "$node" ;; ka) ka_start "$node" ;; esac
	fi
	tb_wait_for 60 cluster_whole "$kind" "$node" "$peer" || tb_die "$node did not rejoin"
	# let the membership and the resources settle (Heartbeat's initdead)
	sleep 3
}

# watches KIND DEAD SURVIVOR: wsprobe --watch options; their names are the
# phases (dead, token, fenced, takeover, promoted, lines).
watches() {
	local kind=$1 dead=$2 surv=$3
	case $kind in
	hb) scn_hb_watches "$dead" "$surv" | grep -v =takeover: ;;
	hbws) pair_hb_watches "$dead" "$surv" ;;
	pcmk|pcmkws)
		echo "--watch=dead:$(pcmk_log "$surv"):$dead.* state is now lost" ;;
	ka) ka_watches "$dead" "$surv" ;;
	esac
	case $kind in
	hb|hbws) echo "--watch=takeover:$(hb_log "$surv"):Resources being acquired from $dead" ;;
	pcmk) echo "--watch=token:$(cs_log "$surv"):A processor failed"
		echo "--watch=takeover:$(pcmk_log "$surv"):Initiating start operation vip_start_0" ;;
	pcmkws) pair_pcmk_watches "$dead" "$surv"
		echo "--watch=takeover:$(pcmk_log "$surv"):Initiating promote operation gw_promote_0" ;;
	esac
}

# holder: the node whose lan MAC alone answers for the VIP.
holder() {
	local macs n
	macs=$(tb_vip_holders 0.3)
	for n in n1 n2; do
		[ "$macs" = "$(tb_mac "$n" lan)" ] && { echo "$n"; return 0; }
	done
	return 1
}

# cut_master CONFIG KIND REP: one power cut of the master, its phases recorded.
cut_master() {                   # CONFIG KIND REP
	local config=$1 kind=$2 rep=$3 master surv pid out w complete
	tb_wait_for 10 holder >/dev/null || tb_die "no single VIP holder before cut $rep"
	master=$(holder)
	surv=$(tb_peer "$master")
	mapfile -t w < <(watches "$kind" "$master" "$surv")
	MARK=$(ready_mark "$kind" "$master")
	pid=$(tb_init_pid "$master")
	tb_pid_is_ours "$pid" || tb_die "node $master: PID $pid is not the init we started"
	out=$(tb_probe --kill "$pid" --expect-mac "$(tb_mac "$surv" lan)" --timeout 40 "${w[@]}")
	awk -v c="$config" -v r="$rep" '$1 != "fault" {print c "," r "," $1 "," $2}' <<<"$out" >>"$CSV"
	# complete: the VIP, the lines and the fencing all done (the latest).
	if fenced "$kind"; then
		complete=$(awk '$1 == "vip" || $1 == "lines" || $1 == "fenced" {
			if ($2 == "-") miss = 1; else if ($2 > m) m = $2 }
			END { print miss ? "-" : m }' <<<"$out")
		csv "$config" "$rep" complete "$complete"
	fi
	tb_log "$config cut $rep of $master: $(tr '\n' ' ' <<<"$out")"
	echo "  $config cut $rep ($master): $(grep -v '^fault' <<<"$out" | tr '\n' ' ')"
	rejoin "$kind" "$master" "$surv" "$pid"
}

# --- the soak ---------------------------------------------------------------------
# soak_logs KIND: "NAME FILE" of every log that reveals a false failover.
soak_logs() {
	local n
	for n in n1 n2; do
		case $1 in
		hbws) echo "ha-log-$n $(hb_log "$n")" ;;
		pcmkws) echo "pcmk-$n $(pcmk_log "$n")"; echo "corosync-$n $(cs_log "$n")" ;;
		esac
		echo "hooks-$n $(tb_state "$n")/var/log/ws-hooks.log"
	done
	echo "fos $(fos_log)"
}
# count_new FILE OFFSET REGEX: lines matching REGEX written after OFFSET.
count_new() { tail -c +"$(( $2 + 1 ))" "$1" 2>/dev/null | grep -c -- "$3"; }

# holder_sampler SECONDS FILE: every 0.5 s, the MACs answering for the VIP
# in that window, one line per window (bounded by the window count).
holder_sampler() {
	local i windows=$(( $1 * 2 ))
	for i in $(seq "$windows"); do
		echo "$i $(tb_vip_holders 0.5 | sort | tr '\n' ' ')"
	done >"$2"
}

soak() {                         # CONFIG KIND SECONDS
	local config=$1 kind=$2 secs=$3 name f i off=() logs=() holders="$TB_DIR/holders" first two moves
	local sampler
	echo "  $config soak ${secs} s under load"
	mapfile -t logs < <(soak_logs "$kind")
	for f in "${logs[@]}"; do off+=("$(stat -c %s "${f#* }" 2>/dev/null || echo 0)"); done
	first=$(tb_vip_holders 0.5 | sort | tr '\n' ' ')
	: >"$TB_DIR/flood.out"; : >"$TB_DIR/ping.out"
	wso_sampler_start "$secs"
	holder_sampler "$secs" "$holders" &
	sampler=$!
	tb_record_pid "$sampler" holder-sampler
	scn_soak_load "$secs" "$kind"
	wait "$sampler"
	wso_sampler_stop
	soak_csv "$config" "$secs" flood_frames "$(awk '$1 == "sent" {s += $2} END {print s + 0}' "$TB_DIR/flood.out")"
	soak_csv "$config" "$secs" ping_packets "$(awk '/packets transmitted/ {s += $1} END {print s + 0}' "$TB_DIR/ping.out")"
	for i in "${!logs[@]}"; do
		name=${logs[$i]%% *} f=${logs[$i]#* }
		case $name in
		ha-log-*)
			soak_csv "$config" "$secs" "dead_lines" "$(count_new "$f" "${off[$i]}" 'is dead')"
			soak_csv "$config" "$secs" "takeovers" "$(count_new "$f" "${off[$i]}" 'Resources being acquired\|Taking over resource')"
			soak_csv "$config" "$secs" "late_heartbeat" "$(count_new "$f" "${off[$i]}" 'Late heartbeat')" ;;
		pcmk-*)
			soak_csv "$config" "$secs" "dead_lines" "$(count_new "$f" "${off[$i]}" 'state is now lost')"
			soak_csv "$config" "$secs" "takeovers" "$(count_new "$f" "${off[$i]}" 'Initiating promote\|Initiating demote')" ;;
		corosync-*)
			soak_csv "$config" "$secs" "token_lost" "$(count_new "$f" "${off[$i]}" 'A processor failed')"
			soak_csv "$config" "$secs" "token_late" "$(count_new "$f" "${off[$i]}" 'Token has not been received')" ;;
		hooks-*)
			soak_csv "$config" "$secs" "role_changes" "$(count_new "$f" "${off[$i]}" .)" ;;
		fos)
			soak_csv "$config" "$secs" "relay_moves" "$(count_new "$f" "${off[$i]}" 'relay mode')"
			soak_csv "$config" "$secs" "fencing" "$(count_new "$f" "${off[$i]}" 'power [01] off')" ;;
		esac
	done
	two=$(awk 'NF > 2' "$holders" | wc -l)
	moves=$(awk -v f="$first" '{ h = $0; sub(/^[0-9]+ /, "", h) } h != f' "$holders" | wc -l)
	soak_csv "$config" "$secs" holder_windows "$(wc -l <"$holders")"
	soak_csv "$config" "$secs" two_holder_windows "$two"
	soak_csv "$config" "$secs" vip_moved_windows "$moves"
	soak_csv "$config" "$secs" two_master_samples "$(wso_report_field "$(wso_sampler_report)" two_masters)"
}

# --- one configuration ---------------------------------------------------------------
config_run() {                   # CONFIG
	local config=$1 kind rep t0 t1
	kind=$(kind_of "$config")
	t0=$(tb_now)
	case $kind in
	hb|hbws|pcmkws) tb_init "bench-failover-$config" lan aux ;;
	*) tb_init "bench-failover-$config" lan ;;
	esac
	t1=$(tb_now)
	csv "$config" 0 lock_wait "$(tb_elapsed "$t0" "$t1")"
	csv "$config" 0 loadavg "$(cut -d' ' -f1 /proc/loadavg)"
	# The spoofed frames of the l2 soak must not teach the bridge where the
	# nodes' MACs are: the observer's aux port never learns.
	[ "$kind" = hbws ] && { ip -n "$TB_BRNS" link set dev "${TB}o1" type bridge_slave learning off ||
		tb_die "cannot turn learning off on the observer's aux port"; }
	start_cluster "$config" "$kind"
	csv "$config" 0 startup "$SCN_STARTUP"
	echo "== $config: start-up to VIP on n1 $SCN_STARTUP s"
	[ "$SCN_STARTUP" != - ] || tb_die "$config: the VIP never came up on n1"
	MARK=0
	tb_wait_for 30 cluster_whole "$kind" n2 n1 || tb_die "$config: n2 not ready"
	sleep 3
	for rep in $(seq "$reps"); do
		cut_master "$config" "$kind" "$rep"
	done
	# the soak: the tuned warmstandby configurations (the defaults are slower)
	if [ "$soak_s" -gt 0 ] && fenced "$kind" && [ "${config%-defaults}" = "$config" ]; then
		soak "$config" "$kind" "$soak_s"
	fi
}

echo "failover benchmark: $reps cuts per configuration, soak ${soak_s} s; Heartbeat $hb_timers ms," \
	"token $token ms, keepalived adverts $adverts s, reset_wait $RESET_WAIT s"
echo "configurations: $configs; output in $outdir"
t_all=$(tb_now)
failed=
for config in $configs; do
	( config_run "$config" ) 2>>"$outdir/testbed.log" || failed="$failed $config"
done
echo "duration=$(tb_elapsed "$t_all" "$(tb_now)")" >>"$outdir/params"
bench_report "$outdir"
[ -z "$failed" ] || { echo "configurations that did not complete:$failed (see $outdir/testbed.log)" >&2; exit 1; }
