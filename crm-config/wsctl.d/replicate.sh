# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl replicate: the master copies the paths of the
# pair's 'replicate' key to the slave with rsync over ssh, one round
# (--once) or a round every replicate_interval seconds (--loop, what
# ws-replicate.service runs; the gateway agent starts it on promote and
# stops it on demote).
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

# rsync's --timeout ends a transfer that stalls (no data for that long);
# the outer bound ends a run that hangs anywhere else, so one bad round
# never stops the loop for good.
REP_IO_TIMEOUT=30
REP_RUN_TIMEOUT=300
# Each round asks the peer again over the connection wsctl shares: a peer
# that vanishes under it is noticed in about 10 s rather than when TCP
# gives up minutes later.
REP_SSH_ALIVE="-o ServerAliveInterval=5 -o ServerAliveCountMax=2"

# --- pure: the decision and the rsync command ---------------------------------

# rep_decide MY-ROLE PEER-REACHABLE PEER-ROLE: what a round does, from
# this node's role (master, slave, -), whether the peer answers ssh (yes,
# no) and the peer's role:
#   idle         this node is not master: the master copies, never us
#   unreachable  the peer does not answer: nothing now, the next round tries
#   split        the peer is master too: copying would overwrite the files
#                of a node that serves, so refuse
#   copy         master to a reachable peer that is not master
rep_decide() {
	[ "$1" = master ] || { echo idle; return 0; }
	[ "$2" = yes ] || { echo unreachable; return 0; }
	if [ "$3" = master ]; then echo split; else echo copy; fi
}

# rep_rsync_args DELETE RSH DEST PATH...: rsync's arguments as one line of
# shell words (for eval "set -- ..."), DELETE yes or no, RSH the remote
# shell (empty for a local DEST).
#   --relative          each PATH lands at the same path under DEST
#   --no-implied-dirs   the directories above a PATH are not sent: those
#                       that exist on the peer keep their owner, mode and
#                       times (nothing outside the listed paths changes)
#   --delay-updates     every changed file is renamed into place at the
#                       end: a cut never leaves a half-written file
#   --modify-window=-1  a file's times compare to the nanosecond: a file
#                       changed twice in a second, its size the same, is
#                       still seen as changed (the default quick check
#                       compares whole seconds)
#   --delete-delay      with DELETE=yes, files gone from a listed path go
#                       on the peer too, after the transfer (as rsync
#                       advises with --delay-updates); only inside the
#                       paths sent, so a path missing here is left alone
rep_rsync_args() {
	ra_delete=$1 ra_rsh=$2 ra_dest=$3
	shift 3
	ra_out="-a --relative --no-implied-dirs --delay-updates --modify-window=-1 --timeout=$REP_IO_TIMEOUT"
	[ "$ra_delete" != yes ] || ra_out="$ra_out --delete-delay"
	[ -z "$ra_rsh" ] || ra_out="$ra_out -e $(q "$ra_rsh")"
	for ra_p in "$@"; do ra_out="$ra_out $(q "$ra_p")"; done
	printf '%s %s\n' "$ra_out" "$(q "$ra_dest")"
}

# rep_exit_code OUTCOME: the exit status of 'replicate --once'.
rep_exit_code() {
	case $1 in
	copied|idle|nothing) echo "$EX_OK" ;;
	split) echo "$EX_CHECK" ;;
	unreachable) echo "$EX_PEER" ;;
	*) echo "$EX_STACK" ;;
	esac
}

# rep_set OUTCOME PRIORITY KEY MESSAGE: a round's result.  KEY tells
# rounds apart for the loop's log (the same KEY again is not logged).
rep_set() { rep_outcome=$1 rep_prio=$2 rep_key=$3; shift 3; rep_msg=$*; }

# --- I/O ----------------------------------------------------------------------------

# rep_syslog PRIORITY MESSAGE: to syslog (daemon facility), unless standard
# error is the journal already (a systemd unit: JOURNAL_STREAM names it),
# where a second copy would log each line twice.
rep_syslog() {
	if [ -n "${JOURNAL_STREAM:-}" ] &&
		[ "$(stat -L -c '%d:%i' /proc/$$/fd/2 2>/dev/null)" = "$JOURNAL_STREAM" ]; then
		return 0
	fi
	logger -t "$PROG-replicate" -p "daemon.$1" -- "$2" 2>/dev/null || true
}
rep_log() {                      # PRIORITY MESSAGE: stderr and syslog
	err "replicate: $2"
	rep_syslog "$1" "$2"
}

# rep_round: one round; its result in rep_outcome, rep_prio, rep_key,
# rep_msg.  The peer is asked only when this node is master.
rep_round() {
	rr_me=$(local_node)
	rr_peer=$(other_node "$rr_me")
	rr_role=$(node_role "$rr_me")
	rr_reach=no rr_prole=-
	if [ "$rr_role" = master ]; then
		peer_reachable "$rr_peer" && rr_reach=yes
		[ "$rr_reach" = no ] || rr_prole=$(node_role "$rr_peer")
	fi
	case $(rep_decide "$rr_role" "$rr_reach" "$rr_prole") in
	idle) rep_set idle info "idle $rr_role" "this node is not master (role $rr_role): nothing to do, the master copies" ;;
	unreachable) rep_set unreachable warning unreachable \
		"peer $rr_peer is not reachable by ssh: nothing copied this round (tried again at the next)" ;;
	split) rep_set split err split \
		"peer $rr_peer is master too: refusing to copy over a node that serves; resolve the two masters first (see 'wsctl status')" ;;
	copy) rep_copy "$rr_peer" ;;
	esac
}

# rep_copy PEER: the listed paths that exist here, to PEER (or to
# WSCTL_REPLICATE_DEST, a destination that replaces PEER:/ for tests).
rep_copy() {
	rc_peer=$1 rc_have='' rc_missing=''
	for rc_p in $cl_replicate; do
		if [ -e "$rc_p" ] || [ -L "$rc_p" ]; then rc_have="$rc_have $rc_p"; else rc_missing="$rc_missing $rc_p"; fi
	done
	rc_note=
	[ -z "$rc_missing" ] || rc_note="; not here, so left alone on $rc_peer:$rc_missing"
	if [ -z "$rc_have" ]; then
		rep_set nothing warning "nothing$rc_missing" "none of the listed paths exists here: nothing copied$rc_note"
		return 0
	fi
	rc_dest=${WSCTL_REPLICATE_DEST:-$rc_peer:/}
	rc_rsh=
	[ -n "${WSCTL_REPLICATE_DEST:-}" ] || rc_rsh="ssh $SSH_OPTS $(ssh_reuse_opts)"
	# shellcheck disable=SC2086 # one word per path
	rc_args=$(rep_rsync_args "$cl_replicate_delete" "$rc_rsh" "$rc_dest" $rc_have)
	eval "set -- $rc_args"
	rc_t0=$(date +%s.%N)
	rc_rc=0
	timeout "$REP_RUN_TIMEOUT" rsync "$@" </dev/null >"$(ws_tmp)/rsync.out" 2>&1 || rc_rc=$?
	rc_s=$(awk -v a="$rc_t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
	case $rc_rc in
	# 24: a source file vanished during the transfer: the rest is copied,
	# the next round sees the change.
	0|24) rep_set copied info "copied$rc_missing" "copied$rc_have to $rc_dest ($rc_s s)$rc_note" ;;
	124) rep_set failed err failed "rsync to $rc_dest did not finish within ${REP_RUN_TIMEOUT}s: nothing half-written there (--delay-updates); tried again at the next round" ;;
	*) rep_set failed err failed "rsync to $rc_dest failed (exit $rc_rc): $(tail -n 3 "$(ws_tmp)/rsync.out" | tr '\n' ' ')" ;;
	esac
}

# rep_loop: a round every replicate_interval seconds until SIGTERM or
# SIGINT; a result is logged when it differs from the previous round's.
rep_loop() {
	rep_sleep=
	trap 'rep_stop 143 SIGTERM' TERM
	trap 'rep_stop 130 SIGINT' INT
	rep_log info "copying $cl_replicate to the slave every ${cl_replicate_interval}s while this node is master (delete: $cl_replicate_delete)"
	rl_last=
	while :; do
		rep_round
		if [ "$rep_key" != "$rl_last" ]; then
			rep_log "$rep_prio" "$rep_msg"
			rl_last=$rep_key
		fi
		# In the background: a signal ends wait at once, not after the sleep.
		sleep "$cl_replicate_interval" &
		rep_sleep=$!
		wait "$rep_sleep"
		rep_sleep=
	done
}
rep_stop() {                     # CODE NAME: the loop's end on a signal
	trap - EXIT INT TERM
	[ -z "$rep_sleep" ] || kill "$rep_sleep" 2>/dev/null
	rep_log info "stopped by $2"
	ws_cleanup
	exit "$1"
}

cmd_replicate() {
	rep_once=0 rep_loop=0
	flag_opts replicate "--once:rep_once --loop:rep_loop" "$@"
	[ "$rep_once$rep_loop" != 11 ] || usage_error "replicate: give --once or --loop, not both"
	need_cluster
	[ -n "$cl_replicate" ] ||
		die "$EX_CONFIG" "nothing to replicate: $WSCTL_CLUSTER names no paths; set 'replicate = PATH...' in $WSCTL_CONF and activate the pair again"
	case " $cl_node1 $cl_node2 " in
	*" $(local_node) "*) ;;
	*) die "$EX_CONFIG" "this node ($(local_node)) is neither $cl_node1 nor $cl_node2 of $WSCTL_CLUSTER" ;;
	esac
	command -v rsync >/dev/null 2>&1 ||
		die "$EX_CHECK" "rsync is not installed: install it (Debian package rsync) on both nodes"
	SSH_OPTS="$SSH_OPTS $REP_SSH_ALIVE"
	ws_tmp_init
	if [ "$rep_loop" -eq 1 ]; then
		rep_loop
	fi
	rep_round
	rep_log "$rep_prio" "$rep_msg"
	exit "$(rep_exit_code "$rep_outcome")"
}
