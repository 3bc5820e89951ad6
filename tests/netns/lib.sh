#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# warmstandby testbed: virtual clusters in network namespaces.  Source it.
#
# A node is a process tree made by unshare with its own pid, mount, uts,
# ipc, net and cgroup namespaces whose PID 1 is the real systemd, booted
# from an overlay of / with the installed packages (node-boot.sh,
# product.sh), so that killing PID 1 is a power cut: every process dies and
# the kernel removes the node's links and addresses.  Links (lan, aux, dmz)
# are bridges in a bridge namespace; each node has eth0/eth1/eth2 with a
# fixed MAC, so a node that is powered on again keeps its MAC.  An observer
# namespace sits on every link and probes VIPs.
#
# Everything carries the run's prefix $TB ("ws" + 4 hex digits), is recorded
# in $TB_REGISTRY/$TB (PIDs with their start times, namespace names) and is
# removed by tb_teardown, which tb_init arms on EXIT, INT and TERM.  Processes
# are stopped only by the PIDs recorded here.  Traffic stays inside.

TB_SRCDIR=${WS_SRCDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TB_BUILDDIR=${WS_BUILDDIR:-$TB_SRCDIR/build}
TB_HERE="$TB_SRCDIR/tests/netns"
TB_PROBE="$TB_BUILDDIR/tests/netns/wsprobe"
TB_REGISTRY=${WS_TB_REGISTRY:-$TB_BUILDDIR/tests/netns/runs}
TB_LOCK=${WS_TB_LOCK:-/run/lock/warmstandby-testbed.lock}
TB_LOGROOT=${WS_TB_LOGDIR:-$TB_BUILDDIR/tests/netns/logs}
TB_LINK_NAMES=(lan aux dmz)
TB_VIP=10.99.0.50
TB_NODES=()
TB_LINKS=()
# shellcheck source=product.sh
. "$TB_HERE/product.sh"
# check, finish: the assertions and the exit status of a scenario.
# shellcheck source=../lib/assert.sh
. "$TB_SRCDIR/tests/lib/assert.sh"

tb_log() { printf '%s [%s] %s\n' "$(date +%H:%M:%S.%3N)" "${TB:-tb}" "$*" >&2; }
tb_die() { tb_log "FATAL: $*"; exit 1; }

# --- names and addresses ---------------------------------------------------
tb_link_index() {                # lan -> 0, aux -> 1, dmz -> 2
	local i
	for i in "${!TB_LINK_NAMES[@]}"; do
		[ "${TB_LINK_NAMES[$i]}" = "$1" ] && { echo "$i"; return 0; }
	done
	tb_die "unknown link '$1' (lan, aux or dmz)"
}
tb_node_index() { cat "$TB_DIR/$1/index"; }
tb_ifname() { echo "eth$(tb_link_index "$1")"; }                 # inside nodes
tb_port() { echo "$TB$1$(tb_link_index "$2")"; }                 # bridge side
tb_mac() { printf '02:77:73:%02x:00:%02x\n' "$(tb_link_index "$2")" "$(tb_node_index "$1")"; }
# tb_peer NODE: the other node of the pair n1, n2.
tb_peer() {
	case $1 in
	n1) echo n2 ;;
	n2) echo n1 ;;
	*) tb_die "tb_peer: '$1' is not a node of the pair (n1 or n2)" ;;
	esac
}
tb_ip() { echo "10.99.$(tb_link_index "$2").$((10 + $(tb_node_index "$1")))"; }
tb_obs_ip() { echo "10.99.$(tb_link_index "$1").100"; }
tb_state() { echo "$TB_DIR/$1/disk"; }      # the node's disk (overlay upper)
tb_init_pid() { cat "$TB_DIR/$1/init.pid"; }

# --- process bookkeeping ------------------------------------------------------
tb_starttime() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null; }
tb_record_pid() {                # PID WHAT: remember a process we started
	echo "pid $1 $(tb_starttime "$1") $2" >>"$TB_REGISTRY/$TB"
}
# True only if PID is still the very process we recorded (not a reused PID).
tb_pid_is_ours() {
	local pid=$1 start
	start=$(awk -v p="$pid" '$1 == "pid" && $2 == p {print $3}' "$TB_REGISTRY/$TB" | tail -1)
	[ -n "$start" ] && [ "$(tb_starttime "$pid")" = "$start" ]
}
tb_wait_gone() {                 # PID SECONDS
	local pid=$1 tries=$(( ${2:-5} * 50 ))
	while [ -e "/proc/$pid" ] && [ "$tries" -gt 0 ]; do
		sleep 0.02
		tries=$((tries - 1))
	done
	[ ! -e "/proc/$pid" ]
}

# --- the run --------------------------------------------------------------------
# tb_init NAME [LINK...]: prefix, bridge and observer namespaces, one bridge
# per link (default: lan), the cleanup trap.
tb_init() {
	local name=$1 link i
	shift
	[ "$(id -u)" -eq 0 ] || tb_die "the testbed needs root (network namespaces)"
	[ -x "$TB_PROBE" ] || tb_die "$TB_PROBE not built: run make first"
	mkdir -p "$TB_REGISTRY"
	for i in 1 2 3 4 5 6 7 8; do
		TB=ws$(od -An -N2 -tx2 /dev/urandom | tr -d ' ')
		[ ! -e "$TB_REGISTRY/$TB" ] && ! ip netns list | grep -q "^$TB" && break
	done
	# One cluster scenario at a time on this machine, whatever the build
	# tree (fd 9 is closed for everything started inside the testbed, so
	# only this shell holds the lock).
	exec 9>>"$TB_LOCK"
	flock -w "${WS_TB_LOCK_WAIT:-1800}" 9 || tb_die "another testbed run holds $TB_LOCK"
	tb_product_ensure
	TB_NAME=$name
	TB_DIR=${WS_TB_ROOT:-/tmp}/wstb-$TB
	TB_BRNS=${TB}br
	TB_OBS=${TB}obs
	TB_LINKS=("${@:-lan}")
	echo "run $TB $name $(date +%s)" >"$TB_REGISTRY/$TB"
	mkdir -p "$TB_DIR"
	# -g: tb_attach sources this inside a function
	declare -p TB TB_NAME TB_DIR TB_BRNS TB_OBS TB_LINKS TB_PRODUCT | sed 's/^declare /declare -g /' >"$TB_DIR/env"
	trap 'tb_teardown' EXIT
	trap 'exit 130' INT TERM

	echo "netns $TB_BRNS" >>"$TB_REGISTRY/$TB"
	ip netns add "$TB_BRNS" || tb_die "cannot create netns $TB_BRNS"
	echo "netns $TB_OBS" >>"$TB_REGISTRY/$TB"
	ip netns add "$TB_OBS" || tb_die "cannot create netns $TB_OBS"
	ip -n "$TB_BRNS" link set lo up
	ip -n "$TB_OBS" link set lo up
	for link in "${TB_LINKS[@]}"; do
		tb_link_create "$link"
	done
	tb_log "testbed $name up: links ${TB_LINKS[*]}, state in $TB_DIR"
}

tb_link_create() {               # LINK: bridge + the observer's leg
	local link=$1 idx br obsport
	idx=$(tb_link_index "$link")
	br="${TB}b$idx"
	obsport="${TB}o$idx"
	ip -n "$TB_BRNS" link add "$br" type bridge forward_delay 0 stp_state 0 || return 1
	ip -n "$TB_BRNS" link set "$br" up
	ip -n "$TB_BRNS" link add "$obsport" type veth peer name "eth$idx" netns "$TB_OBS" \
		address "$(printf '02:77:73:%02x:00:fe' "$idx")" || return 1
	ip -n "$TB_BRNS" link set "$obsport" master "$br" up
	ip -n "$TB_OBS" addr add "$(tb_obs_ip "$link")/24" dev "eth$idx"
	ip -n "$TB_OBS" link set "eth$idx" up
}

# --- nodes ------------------------------------------------------------------------
# A node boots the real systemd from an overlay of / (node-boot.sh): the
# lowest layer is the host's /, above it the product layer (the installed
# packages, product.sh), on top the node's own disk, tb_state NODE, kept
# across power cycles.  Files a test writes there before the node boots
# are what the node finds.  Only the units a gateway needs run: every unit
# the host image enables is disabled on the node's disk (a whiteout of its
# wants link) except ssh, and gettys and the like are masked; the cluster
# stacks are installed but not enabled, so only wsctl (or a stock peer's
# test) starts them, through systemctl.
TB_NODE_KEEP_UNITS="ssh.service"
TB_NODE_MASK_UNITS="getty@.service serial-getty@.service console-getty.service
	container-getty@.service systemd-timesyncd.service systemd-networkd-wait-online.service"

# tb_node_define NAME INDEX: the node's disk.  INDEX (1-99) gives its MACs
# and addresses.
tb_node_define() {
	local name=$1 index=$2 meta="$TB_DIR/$1" d
	d="$meta/disk"
	mkdir -p "$d" "$meta/work" "$meta/root" "$meta/prod"
	tb_image_prepare "$d" "$name"
	echo "$index" >"$meta/index"
	TB_NODES+=("$name")
	echo "$name" >>"$TB_DIR/nodes"
}

# tb_image_prepare DISK NAME: the node's identity and its unit set.
tb_image_prepare() {
	local d=$1 name=$2 link unit
	mkdir -p "$d/etc/systemd/system" "$d/root" "$d/var/log/journal"
	chmod 700 "$d/root"
	echo "$name" >"$d/etc/hostname"
	od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$d/etc/machine-id"
	echo >>"$d/etc/machine-id"
	for link in /etc/systemd/system/*.wants/*; do
		[ -e "$link" ] || [ -L "$link" ] || continue
		case " $TB_NODE_KEEP_UNITS " in *" ${link##*/} "*) continue ;; esac
		mkdir -p "$d${link%/*}"
		# An overlayfs whiteout: the link is absent in the node.
		mknod "$d$link" c 0 0 || return 1
	done
	for unit in $TB_NODE_MASK_UNITS; do
		ln -sfn /dev/null "$d/etc/systemd/system/$unit"
	done
}

# tb_node_copyup NODE FILE: NODE's disk holds its own copy of the stock
# FILE (from the layers below), to be changed by a test before boot.
tb_node_copyup() {
	local f
	f="$(tb_state "$1")$2"
	[ -e "$f" ] && return 0
	mkdir -p "${f%/*}"
	cp -a "$(tb_product_dir)$2" "$f" 2>/dev/null || cp -a "$2" "$f"
}

# tb_node_put NODE PATH [MODE]: stdin becomes the file PATH of NODE.  A
# running node's disk is written through the node (a change behind the
# back of its overlay would not be seen), a node that is off directly.
tb_node_put() {
	local node=$1 path=$2 mode=${3:-644} f
	if tb_node_running "$node"; then
		# shellcheck disable=SC2016 # expanded inside the node
		tb_in "$node" sh -c 'mkdir -p "${1%/*}" && cat >"$1.new" && chmod "$2" "$1.new" && mv -f "$1.new" "$1"' \
			_ "$path" "$mode"
	else
		f="$(tb_state "$node")$path"
		mkdir -p "${f%/*}" && cat >"$f.new" && chmod "$mode" "$f.new" && mv -f "$f.new" "$f"
	fi
}

# tb_attach DIR: use the run whose state is DIR from another process (e.g.
# the emulated switch's power hook), without taking its lock or its trap.
tb_attach() {
	# shellcheck disable=SC1091 # written by tb_init
	. "$1/env"
	mapfile -t TB_NODES <"$TB_DIR/nodes"
}

# tb_spawn WHAT CMD...: start a long-running helper (an emulator, not a
# node) in the background, recorded so tb_teardown stops it by its PID.
tb_spawn() {
	local what=$1
	shift
	setsid "$@" </dev/null 9>&- &
	TB_SPAWNED=$!
	tb_record_pid "$TB_SPAWNED" "daemon-$what"
}

# The cgroup a node's systemd manages: its own subtree of the host's
# systemd hierarchy (cgroup v1 with a named systemd hierarchy, as these
# machines have, or the unified hierarchy), so two nodes never share one.
tb_cgroup_base() {
	if [ -d /sys/fs/cgroup/systemd ]; then echo /sys/fs/cgroup/systemd; else echo /sys/fs/cgroup; fi
}
tb_cgroup() { echo "$(tb_cgroup_base)/$TB-$1"; }
tb_cgroup_remove() {             # NODE: the empty tree of a node that is gone
	local cg
	cg=$(tb_cgroup "$1")
	[ -d "$cg" ] || return 0
	find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null
	[ ! -d "$cg" ]
}

# tb_node_start NAME: power on; systemd boots; links get their fixed MACs
# and addresses once it runs.  TB_BOOT_S: the seconds the boot took.
tb_node_start() {
	local name=$1 meta="$TB_DIR/$1" unshare_pid init_pid i link cg v1='' t0
	t0=$(tb_now)
	cg=$(tb_cgroup "$name")
	tb_cgroup_remove "$name" || tb_die "node $name: cgroup $cg of the last boot stays"
	mkdir -p "$cg" || tb_die "cannot create cgroup $cg"
	grep -qx "cgroup $cg" "$TB_REGISTRY/$TB" || echo "cgroup $cg" >>"$TB_REGISTRY/$TB"
	[ "$(tb_cgroup_base)" = /sys/fs/cgroup/systemd ] && v1=$cg
	# The shell moves itself into the node's cgroup, then unshare makes the
	# namespaces (the cgroup namespace is rooted there) and node-boot.sh
	# becomes PID 1, later systemd.
	# shellcheck disable=SC2016 # expanded by that shell
	setsid sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$cg" \
		unshare --fork --pid --mount --uts --ipc --net --cgroup --propagation private \
		env WS_CG_V1="$v1" /bin/bash "$TB_HERE/node-boot.sh" "$name" "$(tb_state "$name")" \
		"$(tb_product_dir)" "$meta/root" "$meta/work" "$meta/prod" \
		</dev/null >"$meta/init.out" 2>&1 9>&- &
	unshare_pid=$!
	tb_record_pid "$unshare_pid" "unshare-$name"
	for i in $(seq 400); do
		init_pid=$(awk '{print $1}' "/proc/$unshare_pid/task/$unshare_pid/children" 2>/dev/null)
		[ -n "$init_pid" ] && [ "$(cat "/proc/$init_pid/comm" 2>/dev/null)" = systemd ] && break
		kill -0 "$unshare_pid" 2>/dev/null || break
		sleep 0.025
	done
	if [ -z "$init_pid" ] || [ "$(cat "/proc/$init_pid/comm" 2>/dev/null)" != systemd ]; then
		cat "$meta/init.out" >&2
		tb_die "node $name did not start systemd"
	fi
	echo "$init_pid" >"$meta/init.pid"
	echo "$unshare_pid" >"$meta/unshare.pid"
	tb_record_pid "$init_pid" "init-$name"
	tb_node_wait_booted "$name" 60 || tb_die "node $name did not finish booting"
	for link in "${TB_LINKS[@]}"; do
		tb_node_plug "$name" "$link" || tb_die "cannot plug $name into $link"
	done
	TB_BOOT_S=$(tb_elapsed "$t0" "$(tb_now)")
	echo "$TB_BOOT_S" >>"$meta/boot-times"
	tb_log "node $name booted in $TB_BOOT_S s (systemd PID $init_pid)"
}

# tb_node_wait_booted NODE SECONDS: systemd says running or degraded
# (then the failed units are listed); bounded.
tb_node_wait_booted() {
	local state tries=$(( $2 * 10 ))
	while [ "$tries" -gt 0 ]; do
		state=$(tb_in_bounded "$2" "$1" systemctl is-system-running --wait 2>/dev/null)
		case $state in
		running) return 0 ;;
		degraded)
			tb_log "node $1 booted degraded: $(tb_in "$1" systemctl --failed --plain --no-legend 2>/dev/null | tr '\n' ' ')"
			return 0 ;;
		esac
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}
# tb_pid1_is_systemd NODE: the node's PID 1 is the real systemd.
tb_pid1_is_systemd() {
	[ "$(tb_in "$1" cat /proc/1/comm 2>/dev/null)" = systemd ] &&
		[ "$(tb_in "$1" readlink /proc/1/exe 2>/dev/null)" = /usr/lib/systemd/systemd ]
}
# tb_journal NODE ARGS...: the node's journal (journalctl ARGS...).
tb_journal() {
	local node=$1
	shift
	tb_in_bounded 30 "$node" journalctl --no-pager -q "$@"
}

tb_node_plug() {                 # NODE LINK: veth with the fixed MAC, address
	local node=$1 link=$2 port ifn
	port=$(tb_port "$node" "$link")
	ifn=$(tb_ifname "$link")
	# After a power cut the kernel deletes the dead netns's veths a little
	# later (netns cleanup is asynchronous): wait for the name to be free.
	tb_wait_for 10 tb_port_gone "$node" "$link" || { tb_log "port $port of the last boot stays"; return 1; }
	ip -n "$TB_BRNS" link add "$port" type veth peer name "$ifn" \
		netns "$(tb_init_pid "$node")" address "$(tb_mac "$node" "$link")" || return 1
	ip -n "$TB_BRNS" link set "$port" master "${TB}b$(tb_link_index "$link")" up || return 1
	tb_in "$node" ip addr add "$(tb_ip "$node" "$link")/24" dev "$ifn" || return 1
	tb_in "$node" ip link set "$ifn" up
}

# tb_in NODE CMD...: run CMD inside every namespace of NODE.  nsenter -p
# forks, so CMD lives in the node's pid namespace and dies with the node.
tb_in() {
	local node=$1
	shift
	nsenter -t "$(tb_init_pid "$node")" -m -u -i -n -p -C -r -w "$@" 9>&-
}
# tb_in_bounded SECONDS NODE CMD...: tb_in, killed after SECONDS.
tb_in_bounded() {
	local seconds=$1 node=$2
	shift 2
	timeout "$seconds" nsenter -t "$(tb_init_pid "$node")" -m -u -i -n -p -C -r -w "$@" 9>&-
}
tb_obs() { ip netns exec "$TB_OBS" "$@" 9>&-; }

# tb_power_cut NODE: every process of the node dies at once, its links go.
# A prober that kills the PID itself (wsprobe --kill) calls tb_reap after.
tb_power_cut() {
	tb_power_kill "$1"
	tb_reap "$1"
}
tb_power_kill() {                # NODE: SIGKILL its init (the cut), no wait
	local pid
	pid=$(tb_init_pid "$1")
	tb_pid_is_ours "$pid" || tb_die "node $1: PID $pid is not the init we started"
	kill -9 "$pid"
}
tb_reap() {                      # NODE: wait until the powered-off node is gone
	local pid
	pid=$(tb_init_pid "$1")
	tb_wait_gone "$pid" 5 || tb_die "node $1: PID $pid survived SIGKILL"
	tb_wait_gone "$(cat "$TB_DIR/$1/unshare.pid")" 5
	# A reset's power-on may have booted the node again meanwhile: its
	# new init.pid stays.
	[ "$(cat "$TB_DIR/$1/init.pid" 2>/dev/null)" != "$pid" ] || rm -f "$TB_DIR/$1/init.pid"
	tb_cgroup_remove "$1" || tb_log "node $1: its cgroup is not empty yet"
}
tb_port_gone() { ! ip -n "$TB_BRNS" link show "$(tb_port "$1" "$2")" >/dev/null 2>&1; }
# tb_kill_daemon NODE PIDFILE: SIGKILL the daemon whose pid file (inside the
# node) names it; the PID is the node's own, so the kill runs in there too.
tb_kill_daemon() {
	# shellcheck disable=SC2016 # expanded inside the node
	tb_in "$1" sh -c 'p=$(cat "$1") && [ -n "$p" ] && kill -9 "$p"' _ "$2"
}
tb_node_running() { [ -f "$TB_DIR/$1/init.pid" ] && [ -e "/proc/$(tb_init_pid "$1")" ]; }

# --- faults on links and addresses ------------------------------------------------
tb_link_set() { ip -n "$TB_BRNS" link set "$(tb_port "$1" "$2")" "$3"; }  # NODE LINK up|down
tb_link_flap() {                 # NODE LINK COUNT PERIOD_S: bounded flapping
	local i
	for i in $(seq "$3"); do
		tb_link_set "$1" "$2" down; sleep "$4"
		tb_link_set "$1" "$2" up; sleep "$4"
	done
}
# tb_set_ip NODE LINK [CIDR]: replace the link's addresses (none if no CIDR).
tb_set_ip() {
	local ifn
	ifn=$(tb_ifname "$2")
	tb_in "$1" ip -4 addr flush dev "$ifn" || return 1
	[ -z "${3:-}" ] || tb_in "$1" ip addr add "$3" dev "$ifn"
}
# tb_partition LINK on|off: the nodes stop (or start again) seeing each
# other on LINK, while every node still reaches the observer's port.
tb_partition() {
	local node
	for node in "${TB_NODES[@]}"; do
		ip -n "$TB_BRNS" link set dev "$(tb_port "$node" "$1")" type bridge_slave isolated "$2" || return 1
	done
}

# --- observation ----------------------------------------------------------------------
# tb_vip_holders [SECONDS] [VIP]: MACs that answer ARP for the VIP on lan.
tb_vip_holders() {
	tb_obs "$TB_PROBE" --iface eth0 --vip "${2:-$TB_VIP}" --holders "${1:-1}"
}
# tb_probe ARGS...: wsprobe in the observer namespace on lan (see wsprobe.c).
tb_probe() { tb_obs "$TB_PROBE" --iface eth0 --vip "$TB_VIP" "$@"; }
# tb_event_time OUTPUT NAME: the seconds wsprobe printed for event NAME.
tb_event_time() { awk -v n="$2" '$1 == n {print $2}' <<<"$1"; }
tb_now() { date +%s.%N; }
tb_elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b - a}'; }
# tb_le A B: true when number A <= B (generous bounds that catch a hang).
tb_le() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a != "-" && a + 0 <= b + 0)}'; }
# tb_wait_for SECONDS CMD...: poll CMD every 0.1 s, bounded.
tb_wait_for() {
	local tries=$(( $1 * 10 ))
	shift
	while [ "$tries" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}

# --- test results ------------------------------------------------------------------------
# The names tests/crm-config's scenarios still use for check and finish
# (tests/lib/assert.sh).
tb_check() { check "$@"; }
tb_finish() { finish; exit; }

tb_save_logs() {
	local node dest="$TB_LOGROOT/$TB_NAME"
	rm -rf "$dest"
	mkdir -p "$dest"
	for node in "${TB_NODES[@]}"; do
		[ -d "$(tb_state "$node")/var/log" ] && cp -a "$(tb_state "$node")/var/log" "$dest/$node"
		[ -d "$(tb_state "$node")/var/log/journal" ] &&
			journalctl --no-pager -o short-monotonic -D "$(tb_state "$node")/var/log/journal" \
				>"$dest/$node.journal.txt" 2>/dev/null
		cp -a "$TB_DIR/$node/init.out" "$dest/$node.init.out" 2>/dev/null
	done
	[ -d "$TB_DIR/fos" ] && cp -a "$TB_DIR/fos" "$dest/fos"
	rm -f "$dest/fos/password"
	echo "$TB" >"$dest/prefix"
}

# tb_teardown: kill our nodes by recorded PID, delete our namespaces, remove
# the state.  Safe to call twice; runs from the EXIT trap.
tb_teardown() {
	local rc=$? node pid
	trap - EXIT INT TERM
	[ -n "${TB:-}" ] && [ -f "$TB_REGISTRY/$TB" ] || return "$rc"
	[ -n "${TB_DIR:-}" ] && [ -d "$TB_DIR" ] && tb_save_logs 2>/dev/null
	for node in "${TB_NODES[@]}"; do
		[ -f "$TB_DIR/$node/init.pid" ] || continue
		pid=$(tb_init_pid "$node")
		tb_pid_is_ours "$pid" && kill -9 "$pid" 2>/dev/null
	done
	while read -r kind pid _ what; do
		[ "$kind" = pid ] && [ "${what#daemon-}" != "$what" ] && tb_pid_is_ours "$pid" &&
			kill -TERM "$pid" 2>/dev/null
	done <"$TB_REGISTRY/$TB"
	while read -r kind pid _ what; do
		[ "$kind" = pid ] && tb_pid_is_ours "$pid" && ! tb_wait_gone "$pid" 5 &&
			kill -9 "$pid" 2>/dev/null && tb_wait_gone "$pid" 2
	done <"$TB_REGISTRY/$TB"
	while read -r kind name _; do
		[ "$kind" = netns ] && ip netns del "$name" 2>/dev/null
	done <"$TB_REGISTRY/$TB"
	for node in "${TB_NODES[@]}"; do
		tb_cgroup_remove "$node" || tb_log "node $node: cgroup $(tb_cgroup "$node") left"
	done
	rm -rf "$TB_DIR"
	echo "done $(date +%s)" >>"$TB_REGISTRY/$TB"
	tb_log "testbed removed (logs in $TB_LOGROOT/$TB_NAME)"
	return "$rc"
}
