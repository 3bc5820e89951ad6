#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The warmstandby pair as a user has it: two nodes that boot systemd with
# the installed packages, the emulated switch, and the configuration that
# `wsctl activate` writes.  Source after lib.sh, hb.sh, pcmk.sh,
# scenario.sh, fos.sh, ssh.sh and gateway.sh (testbed.sh does); the run
# needs the links lan and aux.
#
#   pair_switch_and_nodes      fosemu (relay 0 powers n1, relay 1 powers n2),
#                              nodes n1 and n2 defined with what an
#                              administrator puts there before wsctl: the
#                              switch's berofos.conf section and password
#                              file, a wsctl.conf, the test hooks, ssh keys
#   pair_boot                  both nodes powered on (systemd, sshd)
#   pair_activate STACK [ARG...]  wsctl activate on n1 (--yes), the pair's
#                              usual arguments plus ARGs; output in
#                              $TB_DIR/wsctl-activate.*
#   heartbeat_pair / pacemaker_pair
#                              pair_boot + pair_activate; SCN_STARTUP is
#                              the seconds from the activate to the VIP on
#                              n1; each node's boot script starts its stack
#                              through systemctl when the switch powers it
#                              on again; WATCHES for a power cut of n1
#   pair_run NAME STACK [ARG...]  tb_init NAME (lan, aux), the switch and
#                              the nodes, pair_up STACK ARG...
#   pair_hb_watches DEAD SURV  wsprobe watches of a takeover by SURV:
#   pair_pcmk_watches DEAD SURV  dead or token, fenced, promoted, lines
#
# wsctl.conf: wsctl's defaults, except what the environment sets through
# the documented keys: PAIR_KEEPALIVE, PAIR_DEADTIME, PAIR_WARNTIME,
# PAIR_INITDEAD (Heartbeat), CS_TOKEN (corosync token, ms), RESET_WAIT
# (seconds a fenced node's power stays off), PAIR_FENCE_DELAY, and the
# watchdog timers of gateway.sh (WSO_WINTV, WSO_KICK_MS).

PAIR_SWITCH=fos1

# pair_conf: the wsctl.conf of a testbed node.
pair_conf() {
	echo "# wsctl.conf of a testbed node (tests/netns/pairs.sh)"
	echo "hooks = /etc/ha.d/hooks.d"
	echo "hook_timeout = 10"
	echo "watchdog_interval = $WSO_WINTV"
	echo "kick_interval_ms = $WSO_KICK_MS"
	echo "wait_timeout = 90"
	[ -z "${RESET_WAIT:-}" ] || echo "reset_wait = $RESET_WAIT"
	[ -z "${PAIR_FENCE_DELAY:-}" ] || echo "fence_delay = $PAIR_FENCE_DELAY"
	[ -z "${PAIR_KEEPALIVE:-}" ] || echo "hb_keepalive = $PAIR_KEEPALIVE"
	[ -z "${PAIR_DEADTIME:-}" ] || echo "hb_deadtime = $PAIR_DEADTIME"
	[ -z "${PAIR_WARNTIME:-}" ] || echo "hb_warntime = $PAIR_WARNTIME"
	[ -z "${PAIR_INITDEAD:-}" ] || echo "hb_initdead = $PAIR_INITDEAD"
	[ -z "${CS_TOKEN:-}" ] || echo "corosync_token = $CS_TOKEN"
	return 0
}

# pair_node_files NODE: berofos.conf with the switch, its password file
# (root, 0600), wsctl.conf; written on the node's disk before it boots.
pair_node_files() {
	local d
	d="$(tb_state "$1")/etc/warmstandby"
	mkdir -p "$d"
	install -m 600 "$(fos_password_file)" "$d/$PAIR_SWITCH.pw"
	cat >"$d/berofos.conf" <<EOCONF
[$PAIR_SWITCH]
url = http://$FOS_IP:80
user = admin
password_file = /etc/warmstandby/$PAIR_SWITCH.pw
mac = $FOS_MAC
udp_addr = $FOS_IP
timeout_ms = 2000
EOCONF
	chmod 640 "$d/berofos.conf"
	pair_conf >"$d/wsctl.conf"
}

pair_switch_and_nodes() {
	local n
	# shellcheck disable=SC2119 # fosemu with its default options
	fos_start || tb_die "fosemu did not start"
	tb_node_define n1 1
	tb_node_define n2 2
	fos_power_map 0 n1
	fos_power_map 1 n2
	for n in n1 n2; do
		wso_node_setup "$n"
		pair_node_files "$n"
	done
	tb_ssh_setup || tb_die "ssh keys"
}

# pair_boot: both nodes on; a node the switch powers on again comes back
# with sshd only until a test gives it a boot script.
pair_boot() {
	local n
	for n in n1 n2; do
		tb_node_start "$n"
		tb_sshd_start "$n" || tb_die "sshd did not start on $n"
		echo "tb_sshd_start $n" >"$TB_DIR/$n/boot"
	done
}

pair_relay() { tb_node_index "$1" | awk '{print $1 - 1}'; }   # NODE: its power relay

# pair_links STACK: the links wsctl gets: Heartbeat's l2 medium needs no
# IP (aux); knet has one ring per link and needs IPv4 on each.
pair_links() {
	case $1 in
	heartbeat) echo "--link eth1" ;;
	pacemaker) echo "--link eth0 --link eth1" ;;
	esac
}
# pair_activate_args STACK: wsctl's arguments for the run's pair.
pair_activate_args() {
	# shellcheck disable=SC2046 # the link options are words
	printf '%s\n' --stack "$1" activate --peer n2 $(pair_links "$1") --switch "$PAIR_SWITCH" \
		--vip "$TB_VIP/24@eth0" --primary n1 --power-map n1:0,n2:1
}

# tbw NODE ARGS...: wsctl on NODE, the installed one.
tbw() {
	local node=$1
	shift
	tb_in "$node" wsctl "$@"
}
# tbw_run NAME NODE ARGS...: wsctl on NODE; stdout, stderr and the exit
# status in $TB_DIR/wsctl-NAME.{out,err,rc}; the output is also shown.
tbw_run() {
	local name=$1 rc=0
	shift
	tbw "$@" >"$TB_DIR/wsctl-$name.out" 2>"$TB_DIR/wsctl-$name.err" || rc=$?
	echo "$rc" >"$TB_DIR/wsctl-$name.rc"
	sed "s/^/  [$name] /" "$TB_DIR/wsctl-$name.out" "$TB_DIR/wsctl-$name.err"
	return "$rc"
}

# pair_activate STACK [ARG...]: wsctl activate on n1.
pair_activate() {
	local stack=$1 args
	shift
	mapfile -t args < <(pair_activate_args "$stack")
	tbw_run activate n1 "${args[@]}" "$@" --yes
}

# pair_boot_script NODE STACK: powered on again, NODE starts its stack.
pair_boot_script() {
	local start=hb_start
	[ "$2" = pacemaker ] && start=pcmk_start
	printf 'tb_sshd_start %s\n%s %s\n' "$1" "$start" "$1" >"$TB_DIR/$1/boot"
}

# pair_up STACK [ARG...]: boot, activate, boot scripts; SCN_STARTUP.
pair_up() {
	local stack=$1 n t0 up
	shift
	pair_boot
	t0=$(tb_now)
	pair_activate "$stack" "$@" || tb_die "wsctl activate failed"
	up=$(scn_wait_vip_on n1 30)
	# shellcheck disable=SC2034 # read by the scripts that source this file
	SCN_STARTUP=$(awk -v a="$(tb_elapsed "$t0" "$(tb_now)")" -v b="$(tb_event_time "$up" vip)" \
		'BEGIN { if (b == "-") print "-"; else printf "%.3f", a }')
	for n in n1 n2; do pair_boot_script "$n" "$stack"; done
	pair_check_product "$stack"
}

# pair_run NAME STACK [ARG...]: the testbed run NAME on lan and aux with
# the pair up: switch and nodes, then pair_up STACK ARG...
pair_run() {
	tb_init "$1" lan aux
	pair_switch_and_nodes
	pair_up "${@:2}"
}

# The events common to both stacks: SURV fenced DEAD through DEAD's relay,
# SURV's hook became master, the lines switched from DEAD's side to SURV's.
pair_common_watches() {          # DEAD SURV
	echo "--watch=fenced:$(fos_log):power $(pair_relay "$1") off"
	echo "--watch=promoted:$(tb_state "$2")/var/log/ws-hooks.log:master"
	echo "--watch=lines:$(fos_log):relay mode $(wso_mode_of "$1") -> $(wso_mode_of "$2")"
}
pair_hb_watches() {              # DEAD SURV
	echo "--watch=dead:$(hb_log "$2"):node $1: is dead"
	pair_common_watches "$1" "$2"
}
pair_pcmk_watches() {            # DEAD SURV
	echo "--watch=token:$(cs_log "$2"):A processor failed"
	pair_common_watches "$1" "$2"
}

# pair_fenced_watch TARGET SURV: SURV's Pacemaker rebooted TARGET.
pair_fenced_watch() {
	echo "--watch=fenced:$(pcmk_log "$2"):Operation 'reboot' targeting $1 by .* OK"
}

heartbeat_pair() {
	pair_up heartbeat
	# shellcheck disable=SC2034 # read by the scripts that source this file
	mapfile -t WATCHES < <(pair_hb_watches n1 n2)
}
pacemaker_pair() {
	pair_up pacemaker
	# shellcheck disable=SC2034 # read by the scripts that source this file
	mapfile -t WATCHES < <(pair_pcmk_watches n1 n2)
}

# pair_cut_rebooted FROM TO TIMEOUT [--watch ...]: scn_cut_probe (a power
# cut of FROM, the takeover by TO timed); then, instead of reaping FROM,
# waits until the survivor's fencing reset has powered FROM on again (the
# switch's hook reaps and boots it).  Prints wsprobe's output; its status.
pair_cut_rebooted() {
	local pid rc
	pid=$(tb_init_pid "$1")
	scn_cut_probe "$@"
	rc=$?
	tb_wait_for 60 pair_rebooted "$1" "$pid" || tb_log "the switch did not power $1 on again"
	return "$rc"
}
# pair_pcmk_fencing_cut HOW: a power cut of the master n1 of the Pacemaker
# pair with fencing: n2 fences n1 (HOW: through what), takes the VIP over,
# the reboot switches relay 0 off, then on; n1 boots and rejoins while n2
# keeps the VIP.  wsprobe's output in PAIR_CUT_OUT.  Not
# scn_power_cut_takeover: its reap would race with the reboot that powers
# n1 on again (the switch's hook reaps and restarts the node).
pair_pcmk_fencing_cut() {
	local mark old_init watches
	mark=$(fos_log_lines)
	mapfile -t watches < <(pair_pcmk_watches n1 n2; pair_fenced_watch n1 n2)
	old_init=$(tb_init_pid n1)
	tb_pid_is_ours "$old_init" || tb_die "n1: PID $old_init is not the init we started"
	PAIR_CUT_OUT=$(tb_probe --kill "$old_init" --expect-mac "$(tb_mac n2 lan)" --timeout 60 "${watches[@]}")
	check "n2 fences n1 $1 (bound 30 s)" tb_le "$(tb_event_time "$PAIR_CUT_OUT" fenced)" 30
	check "VIP answers from n2 after n1's power cut (bound 30 s)" tb_le "$(tb_event_time "$PAIR_CUT_OUT" vip)" 30
	check "fencing n1 switched relay 0 off, then on (reboot)" \
		tb_wait_for 5 fos_power_events_are "$mark" "power 0 off power 0 on "
	check "n1 boots again and rejoins: n2 sees it online" tb_wait_for 90 pcmk_online n2 n1
	check "n2 kept the VIP while n1 rejoined" scn_only_holder n2 5
}
# pair_history_agrees NODE PROBE_OUT REF PHASE:EVENT...: 'wsctl history
# --json' on NODE (the survivor of a power cut) has the last takeover a
# failover with NODE master; its PHASEs are all there, in the order given
# (lines and vip after the phases before them, in either order: the stack
# starts both after the promotion);
# each one's seconds after the first pair's PHASE agree within 0.1 s with
# the probe's EVENT after the first pair's EVENT (PROBE_OUT: tb_probe's
# output).  Prints the table; also draws it with --plot on NODE.
pair_history_agrees() {
	local node=$1 out=$2 p probe=()
	shift 2
	tbw_run history "$node" history --json >/dev/null || return 1
	# An event watched twice (the fos log and the stack's log): the first.
	for p in "$@"; do probe+=("$p=$(tb_event_time "$out" "${p#*:}" | head -n 1)"); done
	python3 - "$TB_DIR/wsctl-history.out" "$node" "${probe[@]}" <<'PY' || return 1
import json, sys
d = json.load(open(sys.argv[1]))
node, pairs = sys.argv[2], sys.argv[3:]
if not d["takeovers"]:
    sys.exit("history: no takeover")
t = d["takeovers"][-1]
if (t["kind"], t["master"]) != ("failover", node):
    sys.exit("history: last takeover %s, master %s" % (t["kind"], t["master"]))
first = {}
for e in t["events"]:
    first.setdefault(e["phase"], e["t"])
bad, prev, ref = 0, -1.0, None
print("  %-9s %-9s %9s %9s %7s" % ("phase", "probe", "history", "probe", "diff"))
for p in pairs:
    phase, rest = p.split(":", 1)
    event, ptime = rest.split("=", 1)
    if phase not in first or ptime == "-":
        print("  %-9s missing (history %s, probe %s)" % (phase, first.get(phase, "-"), ptime)); bad = 1; continue
    h = first[phase]
    if h < prev:
        print("  %-9s out of order" % phase); bad = 1
    if phase not in ("lines", "vip"):
        prev = h
    if ref is None:
        ref = (h, float(ptime))
    hs, ps = h - ref[0], float(ptime) - ref[1]
    diff = hs - ps
    print("  %-9s %-9s %9.3f %9.3f %+7.3f" % (phase, event, hs, ps, diff))
    if abs(diff) > 0.1:
        bad = 1
sys.exit(bad)
PY
	tbw_run history-plot "$node" history --plot /run/history.png >/dev/null &&
		[ -s "/proc/$(tb_init_pid "$node")/root/run/history.png" ]
}
# pair_lines_pair: "lines:lines" for pair_history_agrees when the last
# relay move was linesw's (HTTP); nothing when the switch's watchdog got
# there first (a slow takeover): the journal then dates linesw's start,
# not the move, and there is nothing to compare.
pair_lines_pair() {
	if grep 'relay mode' "$(fos_log)" | tail -n 1 | grep -q 'cause=http'; then
		echo lines:lines
	else
		echo "the watchdog moved the lines before linesw did: lines not compared" >&2
	fi
}
pair_rebooted() { tb_node_running "$1" && [ "$(tb_init_pid "$1")" != "$2" ]; }   # NODE OLD_INIT

# pair_check_product STACK: what runs is the product as a user has it:
# systemd is PID 1 of both nodes, the stack was started by systemd (wsctl
# runs systemctl), and the configuration is the files wsctl wrote.
pair_check_product() {
	local n u units files
	case $1 in
	heartbeat) units=heartbeat.service; files="/etc/ha.d/ha.cf /etc/ha.d/haresources" ;;
	pacemaker) units="corosync.service pacemaker.service"; files=/etc/corosync/corosync.conf ;;
	esac
	for n in n1 n2; do
		check "$n: PID 1 is systemd" tb_pid1_is_systemd "$n"
		for u in $units; do
			check "$n: $u started by systemd (journal)" pair_started_by_wsctl "$n" "$u"
		done
		# shellcheck disable=SC2086 # the file list is words
		check "$n: $files written by wsctl" pair_files_by_wsctl "$n" $files /etc/warmstandby/wsctl.cluster
	done
}

# pair_started_by_wsctl NODE UNIT: the node's journal shows UNIT started by
# systemd after wsctl asked for it (wsctl's stack start is systemctl).
pair_started_by_wsctl() {
	tb_journal "$1" -b -u "$2" -o cat | grep -q '^Start\(ing\|ed\) '
}
# pair_files_by_wsctl NODE FILE...: each FILE on NODE carries wsctl's
# "written by wsctl" mark or is wsctl's own record.
pair_files_by_wsctl() {
	local node=$1 f
	shift
	for f in "$@"; do
		tb_in "$node" grep -q 'wsctl' "$f" || return 1
	done
}
