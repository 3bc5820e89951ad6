#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The emulated berofos switch (fosemu) in a testbed run.  Source after
# lib.sh.  fosemu runs in a namespace of its own on lan, at FOS_IP, and its
# two power relays can be wired to nodes: relay off cuts the node's power,
# relay on powers it up again and runs the node's boot script.
FOS_IP=10.99.0.40
FOS_MAC=02:77:73:00:00:28
FOS_EMU="$TB_BUILDDIR/berofos/fosemu"
FOS_CTL="$TB_BUILDDIR/berofos/fosctl"

fos_dir() { echo "$TB_DIR/fos"; }
fos_ns() { echo "${TB}fos"; }                      # the switch's namespace
fos_url() { echo "http://$FOS_IP"; }
fos_log() { echo "$(fos_dir)/events.log"; }
fos_password_file() { echo "$(fos_dir)/password"; }

# fos_start [FOSEMU OPTION...]: the switch with a random admin password.
fos_start() {
	local dir ns port="${TB}f0"
	ns=$(fos_ns)
	dir=$(fos_dir)
	mkdir -p "$dir"
	( umask 077; od -An -N6 -tx1 /dev/urandom | tr -d ' \n' >"$dir/password" )
	: >"$dir/power-map"
	# fosemu passes "PORT on|off" to the hook; the hook finds the run here.
	printf '#!/bin/bash\n. %q\n. %q\n. %q\n. %q\n. %q\ntb_attach %q\nfos_power_event "$@" >>%q 2>&1\n' \
		"$TB_HERE/lib.sh" "$TB_HERE/hb.sh" "$TB_HERE/pcmk.sh" "$TB_HERE/fos.sh" "$TB_HERE/ssh.sh" \
		"$TB_DIR" "$dir/power.log" >"$dir/power-hook"
	chmod 700 "$dir/power-hook"

	echo "netns $ns" >>"$TB_REGISTRY/$TB"
	ip netns add "$ns" || return 1
	ip -n "$ns" link set lo up
	ip -n "$TB_BRNS" link add "$port" type veth peer name eth0 netns "$ns" address "$FOS_MAC" || return 1
	ip -n "$TB_BRNS" link set "$port" master "${TB}b0" up
	ip -n "$ns" addr add "$FOS_IP/24" dev eth0
	ip -n "$ns" link set eth0 up
	fos_spawn "$@" || return 1
	# The nodes are powered when the run starts (nothing is mapped yet).
	fos_ctl power 0 on >/dev/null && fos_ctl power 1 on >/dev/null
}

# fos_spawn [FOSEMU OPTION...]: fosemu in its namespace, answering.  Its
# state file keeps the relays, the watchdog's settings and the password
# across a restart.
fos_spawn() {
	local dir
	dir=$(fos_dir)
	# nsenter, not ip netns exec: the power hook boots nodes and needs the
	# host's /sys (cgroups), which ip netns exec would replace.
	tb_spawn fosemu nsenter --net="/run/netns/$(fos_ns)" "$FOS_EMU" -a "$FOS_IP" -p 80 -u 50123 \
		-s "$dir/state" -l "$(fos_log)" -m "$FOS_MAC" -w "$dir/password" \
		-H "$dir/power-hook" --pidfile "$dir/fosemu.pid" "$@" 2>>"$dir/fosemu.err"
	FOS_PID=$TB_SPAWNED
	if ! tb_wait_for 5 fos_answers; then
		cat "$dir/fosemu.err" >&2
		return 1
	fi
}

# fos_restart [FOSEMU OPTION...]: the switch stopped (the process this run
# started, by PID) and started again with these options: a fault of its
# firmware that begins or ends, relays and settings unchanged.
fos_restart() {
	tb_pid_is_ours "$FOS_PID" || { tb_log "fos_restart: PID $FOS_PID is not our fosemu"; return 1; }
	kill "$FOS_PID" && tb_wait_gone "$FOS_PID" 5 || return 1
	fos_spawn "$@"
}

# fos_ctl ARGS...: fosctl against the switch, from the observer namespace.
fos_ctl() {
	tb_obs "$FOS_CTL" -h "$FOS_IP" -c "$(fos_password_file)" -t 2 "$@"
}
fos_answers() { fos_ctl show >/dev/null 2>&1; }
fos_mode() { fos_ctl get mode; }                    # 1: lines on the primary side

# fos_log_lines: how long the event log is now (a mark for the helpers below).
fos_log_lines() { wc -l <"$(fos_log)"; }
# fos_power_events_since LINE: the relay power events after line LINE, as
# "power 0 off power 0 on ".
fos_power_events_since() { tail -n +"$(($1 + 1))" "$(fos_log)" | grep -o 'power [01] o[nf]*' | tr '\n' ' '; }
fos_power_events_are() { [ "$(fos_power_events_since "$1")" = "$2" ]; }   # LINE EVENTS

# fos_power_map PORT NODE: relay PORT (0 or 1) is NODE's power supply.
fos_power_map() { echo "$1 $2" >>"$(fos_dir)/power-map"; }

# Called by the power hook (in fosemu's namespace, attached to the run).
fos_power_event() {
	local port=$1 state=$2 node
	node=$(awk -v p="$port" '$1 == p {print $2}' "$(fos_dir)/power-map")
	tb_log "relay $port $state -> node ${node:-(none)}"
	[ -n "$node" ] || return 0
	if [ "$state" = off ]; then
		# The cut at once (fosemu waits for an "off" hook before its
		# next reply, as a real relay has cut the power when it reads
		# back off); the reap after fosemu went on.
		tb_node_running "$node" || return 0
		tb_power_kill "$node"
		tb_reap "$node" &
	elif ! tb_node_running "$node"; then
		tb_node_start "$node"
		# shellcheck disable=SC1090 # the test writes the boot script
		[ -f "$TB_DIR/$node/boot" ] && ( . "$TB_DIR/$node/boot" ) &
	fi
	return 0
}
