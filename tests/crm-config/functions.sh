#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl's shell functions on faked nodes, without a cluster: disable
# leaves the watchdog's feeder running and exits 5 with the procedure when
# the watchdog does not switch off; the R1 maintenance flag is gone after
# a disable that failed; a signal removes the temporary directory (which
# holds the cluster keys) and ends wsctl with 130 or 143; after a failed
# commit, activate removes only the files it wrote, on the nodes it wrote
# them.
# The fakes replace wsctl's functions and are called by them; the parser
# sets the variables the checks read; sh -c scripts expand in their shell.
# shellcheck disable=SC2034,SC2317,SC2154,SC2016
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
WSCTL_SOURCE_ONLY=1
# shellcheck source=../../crm-config/wsctl
. "$WSCTL"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
log="$dir/log"

# --- disable on faked nodes ---------------------------------------------
# A pair gw1 (master) and gw2, both reachable; every command "on" a node
# is recorded, and only the maintenance flag's commands run (here, on a
# flag file of the test).
fake_pair() {
	WS_MAINT_FLAG="$dir/run/maintenance"
	TMPDIR="$dir/tmp"
	export TMPDIR
	mkdir -p "$TMPDIR"
	need_cluster() { ws_stack=$fake_stack cl_node1=gw1 cl_node2=gw2 cl_primary=gw1 cl_switch=fos1 cl_vips=''; }
	peer_reachable() { return 0; }
	master_nodes() { echo gw1; }
	stack_running() { [ "$1" = gw1 ]; }
	stack_stop() { echo "stop $1" >>"$log"; [ "$1" != "$fake_stop_fails" ]; }
	dis_wait_maintenance() { return 0; }
	on() {
		on_n=$1
		shift
		echo "on $on_n: $*" >>"$log"
		case $* in *"$WS_MAINT_FLAG"*) sh -c "$*" ;; esac
	}
	fosctl_sw() { echo "fosctl $*" >>"$log"; case $* in *"watchdog off"*) return "$fake_watchdog_rc" ;; esac; }
	linesw_stop_kickd() { echo "kickd stop $1" >>"$log"; }
}
# disable_case STACK WATCHDOG_RC STOP_FAILS ARGS...: cmd_disable in a
# subshell; its exit code in $dc_rc, stderr in $dir/err.
disable_case() {
	fake_stack=$1 fake_watchdog_rc=$2 fake_stop_fails=$3
	shift 3
	: >"$log"
	rm -rf "$dir/tmp"
	dc_rc=0
	(fake_pair; cmd_disable "$@") >"$dir/out" 2>"$dir/err" || dc_rc=$?
}
tmp_empty() { [ -z "$(ls -A "$dir/tmp")" ]; }

for stack in pacemaker heartbeat; do
	disable_case "$stack" 4 none
	ct_check "$stack: disable with the watchdog still on: exit 5 (switch)" [ "$dc_rc" -eq 5 ] || cat "$dir/err"
	ct_check "$stack: the feeder was left running" sh -c "! grep -q 'kickd stop' '$log'"
	ct_check "$stack: the message says how to switch the watchdog off and to run disable again" sh -c \
		"grep -q \"fosctl --switch fos1 watchdog off\" '$dir/err' && grep -q \"run 'wsctl disable' again\" '$dir/err'"
	ct_check "$stack: its temporary directory is gone" tmp_empty
	disable_case "$stack" 4 none --purge
	ct_check "$stack: disable --purge with the watchdog still on: says to run disable --purge again" \
		grep -q "run 'wsctl disable --purge' again" "$dir/err"
	disable_case "$stack" 0 none
	ct_check "$stack: disable with the watchdog off: exit 0, the feeder stopped on gw1" \
		sh -c "[ $dc_rc -eq 0 ] && grep -qx 'kickd stop gw1' '$log'" || cat "$dir/err"
done
ct_check "heartbeat: the maintenance flag was set on the master during its stop" grep -q "on gw1: mkdir -p .*: >$dir/run/maintenance" "$log"
ct_check "heartbeat: the maintenance flag is gone after a disable that worked" [ ! -e "$dir/run/maintenance" ]
disable_case heartbeat 0 gw1
ct_check "heartbeat: the master's stop fails: exit 6 (stack)" [ "$dc_rc" -eq 6 ] || cat "$dir/err"
ct_check "heartbeat: the master's stop fails: the maintenance flag is gone" [ ! -e "$dir/run/maintenance" ]
disable_case heartbeat 4 none
ct_check "heartbeat: the watchdog stays on: the maintenance flag stays (the feeder keeps feeding), the message says so" \
	sh -c "[ -e '$dir/run/maintenance' ] && grep -q 'maintenance flag .* stays there meanwhile' '$dir/err'"
rm -f "$dir/run/maintenance"

# --- signals -------------------------------------------------------------
# signal_case SIGNAL CODE: a shell with wsctl's traps and temporary
# directory gets SIGNAL while it works.
signal_case() {
	rm -rf "$dir/tmp" && mkdir -p "$dir/tmp"
	sc_rc=0
	TMPDIR="$dir/tmp" WSCTL_SOURCE_ONLY=1 WSCTL_SRC_LIBDIR="$WSCTL_SRC_LIBDIR" \
		sh -c '. "$1"; ws_traps; ws_tmp_init; : >"$ws_tmpdir/key"; kill -s "$2" $$; sleep 5; exit 0' \
		_ "$WSCTL" "$1" 2>"$dir/err" || sc_rc=$?
	ct_check "SIG$1: wsctl exits $2" [ "$sc_rc" -eq "$2" ] || cat "$dir/err"
	ct_check "SIG$1: the temporary directory with the key is gone" tmp_empty
	ct_check "SIG$1: says it was interrupted" grep -q "interrupted by SIG$1" "$dir/err"
}
signal_case INT 130
signal_case TERM 143

# wsctl itself, interrupted in activate's first check (root: activate's
# checks need it): ssh to the peer hangs, and Ctrl-C (SIGINT to the
# process group) ends wsctl with 130 and no temporary directory.
if [ "$(id -u)" -eq 0 ]; then
	mkdir -p "$dir/bin"
	printf '#!/bin/sh\n: >"%s/ssh-started"\nexec sleep 30\n' "$dir" >"$dir/bin/ssh"
	chmod 755 "$dir/bin/ssh"
	: >"$dir/wsctl.conf"
	rm -rf "$dir/tmp" && mkdir -p "$dir/tmp"
	# A job started with & ignores SIGINT, unless told otherwise.
	PATH="$dir/bin:$PATH" TMPDIR="$dir/tmp" env --default-signal=INT,TERM setsid \
		"$WSCTL" --config "$dir/wsctl.conf" --stack heartbeat activate --peer gw2 --link lo --switch fos1 \
		>"$dir/out" 2>"$dir/err" </dev/null &
	wpid=$!
	i=0
	while [ ! -e "$dir/ssh-started" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	ct_check "wsctl activate reached ssh with its temporary directory made" sh -c "[ -e '$dir/ssh-started' ] && [ -n \"\$(ls -A '$dir/tmp')\" ]"
	# The kill program: the shell's own takes no process group.
	env kill -s INT -- "-$wpid"
	wrc=0
	wait "$wpid" || wrc=$?
	ct_check "wsctl activate, Ctrl-C: exit 130" [ "$wrc" -eq 130 ] || cat "$dir/out" "$dir/err"
	ct_check "wsctl activate, Ctrl-C: no temporary directory left" tmp_empty
else
	echo "SKIP wsctl activate interrupted (its checks need root)"
fi

# --- activate's arguments: wsctl.conf's primary when --primary is absent ---
act_primary_from_conf() (
	local_node() { echo gw1; }
	need_root() { :; }
	conf_defaults
	conf_switch=fos1 conf_links=eth1 conf_primary=$1
	shift
	act_parse --peer gw2 "$@" && printf '%s %s\n' "$act_primary" "$act_pmap"
)
ct_check "activate: wsctl.conf's primary = gw2 makes gw2 the master, on relay 0" \
	[ "$(act_primary_from_conf gw2)" = "gw2 gw2:0,gw1:1" ]
ct_check "activate: --primary overrides wsctl.conf's primary" \
	[ "$(act_primary_from_conf gw2 --primary gw1)" = "gw1 gw1:0,gw2:1" ]
ct_check "activate: without primary in wsctl.conf, this node" \
	[ "$(act_primary_from_conf '')" = "gw1 gw1:0,gw2:1" ]

# --- the strict parser with a prefix and its own keys -----------------------
printf 'stack = pacemaker\nnode1 = gw1\nnode2 = gw2\nprimary = gw2\nlinks = eth1 eth2\n' >"$dir/cluster"
parse_with_prefix() {
	conf_defaults
	conf_stack=heartbeat conf_primary=gw9
	conf_parse "$dir/cluster" t_ "stack:stack node1:name node2:name primary:name links:ifaces" &&
		[ "$t_stack $t_node1 $t_node2 $t_primary $t_links" = "pacemaker gw1 gw2 gw2 eth1 eth2" ] &&
		[ "$conf_stack $conf_primary" = "heartbeat gw9" ]
}
ct_check "conf_parse FILE PREFIX KEYS sets PREFIXKEY and leaves conf_* alone" parse_with_prefix
printf 'stack = pacemaker\nhooks = /etc/x\n' >"$dir/cluster-bad"
ct_check "conf_parse with its own keys refuses a key of wsctl.conf" sh -c '
	WSCTL_SOURCE_ONLY=1 WSCTL_SRC_LIBDIR=$3; . "$1"; conf_defaults
	! conf_parse "$2" t_ "stack:stack node1:name" 2>/dev/null && [ "$conf_hooks" = /etc/warmstandby/hooks.d ]' \
	_ "$WSCTL" "$dir/cluster-bad" "$WSCTL_SRC_LIBDIR"
cl_reads() {
	WSCTL_CLUSTER="$dir/cluster"
	conf_defaults
	conf_stack=heartbeat
	cl_load && [ "$cl_stack $cl_node1 $cl_node2 $cl_primary $cl_links" = "pacemaker gw1 gw2 gw2 eth1 eth2" ] &&
		[ "$conf_stack" = heartbeat ]
}
ct_check "cl_load reads wsctl.cluster into cl_*; wsctl.conf's values stay" cl_reads

# --- berofos.conf sections, as switch copy reads and merges them ---------------
(
	b="$dir/sections"
	mkdir -p "$b"
	lines() { printf '%s\n' "$@"; }
	lines '# the pair' '[fos0]' 'url = http://192.0.2.9' '' '[fos1]' 'url = http://192.0.2.10' \
		'# kept inside' 'password_file = /etc/warmstandby/fos1.pw' '' '# lead of fos2' '[fos2]' 'url = http://192.0.2.11' >"$b/peer"
	lines '[fos1]' 'url = http://192.0.2.20' 'password_file = /etc/warmstandby/fos1.pw' >"$b/new"
	fos_section_text "$b/peer" fos1 >"$b/text"
	lines '[fos1]' 'url = http://192.0.2.10' '# kept inside' 'password_file = /etc/warmstandby/fos1.pw' >"$b/want"
	ct_check "section text: header to its last key, inner comment kept, the next section's lead not" cmp -s "$b/want" "$b/text"
	fos_section_text "$b/peer" fos7 >"$b/none"
	ct_check "section text of a missing section: empty" [ ! -s "$b/none" ]
	fos_section_merge "$b/peer" fos1 "$b/new" >"$b/merged"
	lines '# the pair' '[fos0]' 'url = http://192.0.2.9' '' '[fos1]' 'url = http://192.0.2.20' \
		'password_file = /etc/warmstandby/fos1.pw' '' '# lead of fos2' '[fos2]' 'url = http://192.0.2.11' >"$b/want"
	ct_check "merge: the section replaced where it stood, every other line kept" cmp -s "$b/want" "$b/merged"
	fos_section_merge "$b/peer" fos3 "$b/new" >"$b/appended"
	{ cat "$b/peer"; echo; cat "$b/new"; } >"$b/want"
	ct_check "merge of a new section: appended after a blank line" cmp -s "$b/want" "$b/appended"
	: >"$b/empty"
	fos_section_merge "$b/empty" fos1 "$b/new" >"$b/into-empty"
	ct_check "merge into an empty file: the section alone" cmp -s "$b/new" "$b/into-empty"
	lines '[fos1]' 'url = http://old' '[fos2]' 'mac = 00:11:22:33:44:55' '[ fos1 ]' 'url = http://older' >"$b/twice"
	fos_section_merge "$b/twice" fos1 "$b/new" >"$b/once"
	lines '[fos1]' 'url = http://192.0.2.20' 'password_file = /etc/warmstandby/fos1.pw' '[fos2]' 'mac = 00:11:22:33:44:55' >"$b/want"
	ct_check "merge: a second section of the name is dropped" cmp -s "$b/want" "$b/once"
	exit "$ASSERT_FAILED"
)
ct_check "berofos.conf section tests passed" [ $? -eq 0 ]

# --- switch copy's commit, the second rename failing -----------------------------
# The peer is a directory here: the password file renamed first comes
# back as it was, nothing staged or saved is left.
(
	p="$dir/copy"
	mkdir -p "$p/tmp"
	ws_tmpdir="$p/tmp" sc_dir="$p/tmp" sc_peer=gw2 sc_conf_new=1 sc_pw_new=1
	conf_berofos_conf="$p/berofos.conf" sc_pwf="$p/fos1.pw"
	printf '%s\n' '[fos1]' 'url = http://old' >"$conf_berofos_conf"
	echo oldsecret >"$sc_pwf"
	chmod 600 "$sc_pwf"
	cp "$conf_berofos_conf" "$p/tmp/peer.conf"
	printf '%s\n' '[fos1]' 'url = http://new' >"$p/tmp/section"
	on() {
		shift
		case $* in
		*"exit 1"*) sh -c "$(printf '%s' "$*" | sed 's/^if mv -f/if false \&\& mv -f/')" ;;
		*) sh -c "$*" ;;
		esac
	}
	# The source is the destination here: the staged password is a new one.
	stage_file() { case $3 in *.pw) echo newsecret >"$3.wsctl-new" ;; *) cp "$2" "$3.wsctl-new" ;; esac; }
	sc_rc=0
	(sc_commit fos1) >/dev/null 2>"$p/err" || sc_rc=$?
	ct_check "commit with the second rename failing: exit 4 (peer)" [ "$sc_rc" -eq 4 ]
	ct_check "commit with the second rename failing: the old password file is back" grep -qx oldsecret "$sc_pwf"
	ct_check "commit with the second rename failing: the old section is kept" grep -qx 'url = http://old' "$conf_berofos_conf"
	ct_check "commit with the second rename failing: nothing staged or saved is left" \
		sh -c "! ls '$p'/*.wsctl-new '$p'/*.wsctl-prev >/dev/null 2>&1"
	ct_check "commit with the second rename failing: the message says the earlier files are in place" grep -q 'earlier files are in place' "$p/err"
	exit "$ASSERT_FAILED"
)
ct_check "switch copy commit tests passed" [ $? -eq 0 ]

# --- a commit that fails half-way ----------------------------------------------
# Four files, two per node; renaming fails on gw2, where the admin has a
# file of their own at the second path.
(
	c="$dir/commit"
	mkdir -p "$c/gw1" "$c/gw2" "$c/tmp"
	ws_tmpdir="$c/tmp"
	for n in gw1 gw2; do
		for f in a b; do
			printf '%s %s 0644 %s\n' "$n" "$c/$n/$f" "$f" >>"$c/tmp/files"
			echo new >"$c/$n/$f.wsctl-new"
		done
	done
	echo "the admin's" >"$c/gw2/b"
	on() {
		on_n=$1
		shift
		case $on_n:$* in gw2:*"mv -f"*) return 1 ;; esac
		sh -c "$*"
	}
	cm_rc=0
	commit_all >/dev/null || cm_rc=$?
	ct_check "commit fails on gw2" [ "$cm_rc" -ne 0 ]
	remove_written
	ct_check "remove_written: gw1's files it wrote are gone" sh -c "[ ! -e '$c/gw1/a' ] && [ ! -e '$c/gw1/b' ]"
	ct_check "remove_written: the admin's file on gw2, which it never wrote, is kept" grep -qx "the admin's" "$c/gw2/b"
	ct_check "remove_written: nothing staged is left" sh -c "! ls '$c'/gw*/*.wsctl-new >/dev/null 2>&1"
	ct_finish
)
exit $?
