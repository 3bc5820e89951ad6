# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: commands on a node (here or over ssh, one connection per
# peer), the run's temporary directory, and the cleanup on every way out.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

ws_tmpdir=
# The node where disable set the R1 maintenance flag, until it is removed.
ws_maint_node=
# ws_cleanup: on every way out (exit, die, a signal): the maintenance flag
# goes (left behind, R1's stop would never again demote that master) and
# the temporary directory with it (it holds the cluster keys).
ws_cleanup() {
	if [ -n "$ws_maint_node" ]; then
		on "$ws_maint_node" "rm -f $WS_MAINT_FLAG" </dev/null >/dev/null 2>&1 ||
			err "warning: could not remove $WS_MAINT_FLAG on $ws_maint_node: remove it there by hand (while it exists, Heartbeat's stop leaves the master and the lines alone)"
		ws_maint_node=
	fi
	ssh_reuse_close
	[ -z "$ws_tmpdir" ] || rm -rf "$ws_tmpdir"
	ws_tmpdir=
}
# ws_traps: main's traps.  A signal ends wsctl with 128 + its number after
# the cleanup, which the EXIT trap also runs for every other exit.
ws_traps() {
	trap 'ws_cleanup' EXIT
	trap 'ws_interrupted 130 SIGINT' INT
	trap 'ws_interrupted 143 SIGTERM' TERM
}
ws_interrupted() {               # CODE NAME
	trap - EXIT INT TERM
	err "interrupted by $2: cleaning up; what was done so far stays (see 'wsctl status')"
	ws_cleanup
	exit "$1"
}
# ws_tmp_init in the main shell (not in a $(...) subshell), then ws_tmp.
ws_tmp_init() {
	[ -n "$ws_tmpdir" ] || ws_tmpdir=$(mktemp -d) || die "$EX_STACK" "cannot create a temporary directory"
}
ws_tmp() { printf '%s\n' "$ws_tmpdir"; }

local_node() { uname -n; }
is_local() { [ "$1" = "$(local_node)" ]; }

# on NODE SHELL-CMD: run a shell command on NODE (here, or over ssh).
on() {
	on_node=$1
	shift
	if is_local "$on_node"; then
		sh -c "$*"
	else
		# shellcheck disable=SC2086,SC2046,SC2029 # options are words; the command runs there
		ssh $SSH_OPTS $(ssh_reuse_opts) "$on_node" "$*"
	fi
}
# One ssh connection per peer for the whole command: activate asks the
# peer dozens of questions, and a new connection costs a key exchange each
# (seconds of activate).  The sockets live in the private temporary
# directory; ssh_reuse_close ends the masters before it is removed.
ssh_reuse_opts() {
	[ -n "$ws_tmpdir" ] || return 0
	printf '%s\n' "-o ControlMaster=auto -o ControlPath=$ws_tmpdir/ssh-%C -o ControlPersist=120"
}
ssh_reuse_close() {
	[ -n "$ws_tmpdir" ] || return 0
	for sr_sock in "$ws_tmpdir"/ssh-*; do
		[ -S "$sr_sock" ] || continue
		ssh -o ControlPath="$sr_sock" -O exit ws-peer </dev/null >/dev/null 2>&1 || true
	done
}

peer_reachable() { on "$1" true </dev/null >/dev/null 2>&1; }
