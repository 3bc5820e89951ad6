#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl replicate without a cluster: rep_decide copies only from a master
# to a reachable peer that is not master; rep_rsync_args builds the rsync
# command (with and without delete); wsctl.conf's replicate keys refuse /,
# .. and relative paths, bad intervals and delete values (exit 3); activate
# puts ws-replicate.service in the gateway's promoted_units on both stacks
# and records the keys in wsctl.cluster; and replicate --once and --loop
# copy for real with a local rsync into a directory (WSCTL_REPLICATE_DEST)
# on faked roles: files copied, a deleted file removed with delete = yes
# and kept with no, a file outside the listed paths and a listed path
# missing here left alone, the directories above a path untouched,
# nothing copied to a master or an unreachable peer, a round cut mid-copy
# (SIGKILL) leaves the peer's files old and whole, a peer cut off and back
# gets the copy at the first round that reaches it, SIGTERM ends the loop
# with 143.
# The fakes replace wsctl's functions and are called by them.
# shellcheck disable=SC2034,SC2317,SC2154,SC2016
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
WSCTL_SOURCE_ONLY=1
# shellcheck source=../../crm-config/wsctl
. "$WSCTL"

command -v rsync >/dev/null || { echo "rsync missing: install the Debian package rsync" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# --- rep_decide: every combination of roles and reachability ---------------
decide_is() {                    # MY-ROLE REACHABLE PEER-ROLE EXPECTED
	[ "$(rep_decide "$1" "$2" "$3")" = "$4" ]
}
for c in "master yes slave copy" "master yes - copy" "master yes master split" \
	"master no - unreachable" "master no master unreachable" "master no slave unreachable" \
	"slave yes master idle" "slave yes slave idle" "slave no - idle" "- yes master idle" "- no - idle"; do
	# shellcheck disable=SC2086 # four words
	set -- $c
	ct_check "rep_decide: this node $1, peer reachable $2, peer $3: $4" decide_is "$@"
done

# --- rep_rsync_args ----------------------------------------------------------------
# args_are EXPECTED DELETE RSH DEST PATH...: the words, one a line, are EXPECTED.
args_are() {
	aa_want=$1
	shift
	aa_got=$(eval "set -- $(rep_rsync_args "$@")"; printf '%s\n' "$@")
	[ "$aa_got" = "$aa_want" ] || { printf 'got:\n%s\n' "$aa_got"; return 1; }
}
nl='
'
base="-a$nl--relative$nl--no-implied-dirs$nl--delay-updates$nl--modify-window=-1$nl--timeout=30"
ct_check "rep_rsync_args: delete = yes, over ssh: the options, -e as one word, the paths, then PEER:/" \
	args_are "$base$nl--delete-delay$nl-e${nl}ssh -o BatchMode=yes -o ConnectTimeout=5$nl/etc/a$nl/srv/b c${nl}gw2:/" \
	yes "ssh -o BatchMode=yes -o ConnectTimeout=5" gw2:/ /etc/a "/srv/b c"
ct_check "rep_rsync_args: delete = no: no delete option" \
	args_are "$base$nl-e${nl}ssh$nl/etc/a${nl}gw2:/" no ssh gw2:/ /etc/a
ct_check "rep_rsync_args: a local destination: no remote shell" \
	args_are "$base$nl--delete-delay$nl/etc/a$nl/etc/b$nl/tmp/dest" yes '' /tmp/dest /etc/a /etc/b
ct_check "rep_exit_code: copied and nothing to do 0, split 1, unreachable 4, failed 6" \
	[ "$(rep_exit_code copied)$(rep_exit_code idle)$(rep_exit_code nothing)$(rep_exit_code split)$(rep_exit_code unreachable)$(rep_exit_code failed)" = 000146 ]

# --- wsctl.conf: the keys and their refusals ------------------------------------
# conf_refused LINE TEXT: wsctl.conf with LINE exits 3 and says TEXT.
conf_refused() {
	printf '%s\n' "$1" >"$dir/bad.conf"
	cr_rc=0
	"$WSCTL" --config "$dir/bad.conf" config show >/dev/null 2>"$dir/err" </dev/null || cr_rc=$?
	if [ "$cr_rc" -eq 3 ] && grep -q -- "$2" "$dir/err"; then return 0; fi
	cat "$dir/err"
	return 1
}
paths_why="bad value for replicate (absolute paths separated by blanks; never /"
ct_check "replicate = / refused (exit 3)" conf_refused "replicate = /" "$paths_why"
ct_check "replicate with / among other paths refused" conf_refused "replicate = /etc/a / /etc/b" "$paths_why"
ct_check "replicate with a .. component refused" conf_refused "replicate = /etc/../root" "$paths_why"
ct_check "replicate ending in .. refused" conf_refused "replicate = /etc/app/.." "$paths_why"
ct_check "replicate with a relative path refused" conf_refused "replicate = etc/app" "$paths_why"
ct_check "replicate with a /./ (rsync's --relative cut) refused" conf_refused "replicate = /etc/./app" "$paths_why"
ct_check "replicate with a trailing slash refused" conf_refused "replicate = /etc/app/" "$paths_why"
ct_check "replicate with shell syntax in a path refused" conf_refused 'replicate = /etc/$(reboot)' "$paths_why"
ct_check "replicate_interval = 0 refused" conf_refused "replicate_interval = 0" "replicate_interval (a whole number of seconds from 1 to 3600)"
ct_check "replicate_interval = 3601 refused" conf_refused "replicate_interval = 3601" "replicate_interval (a whole number"
ct_check "replicate_interval = 2s refused" conf_refused "replicate_interval = 2s" "replicate_interval (a whole number"
ct_check "replicate_delete = maybe refused" conf_refused "replicate_delete = maybe" "replicate_delete (yes or no)"
printf 'replicate = /etc/app /srv/a..b\nreplicate_interval = 3600\nreplicate_delete = no\n' >"$dir/good.conf"
rc=0
"$WSCTL" --config "$dir/good.conf" config show >"$dir/out" 2>"$dir/err" </dev/null || rc=$?
ct_check "good replicate keys: exit 0, shown" sh -c "[ $rc -eq 0 ] && grep -qx 'replicate = /etc/app /srv/a..b' '$dir/out' &&
	grep -qx 'replicate_interval = 3600' '$dir/out' && grep -qx 'replicate_delete = no' '$dir/out'"
: >"$dir/empty.conf"
"$WSCTL" --config "$dir/empty.conf" config show >"$dir/out" 2>&1 </dev/null
ct_check "defaults: no paths, every 20 s, delete yes" sh -c "grep -qx 'replicate = ' '$dir/out' &&
	grep -qx 'replicate_interval = 20' '$dir/out' && grep -qx 'replicate_delete = yes' '$dir/out'"

# --- activate: the gateway's promoted_units and wsctl.cluster ----------------------
WS_TEMPLATEDIR="$WS_SRCDIR/crm-config/templates"
conf_defaults
conf_berofos_conf="$dir/berofos.conf"
printf '[fos1]\nurl = http://192.0.2.40:80\nuser = admin\npassword_file = /etc/warmstandby/fos1.pw\n' >"$conf_berofos_conf"
act_me=gw1 act_peer=gw2 act_primary=gw1 act_switch=fos1 act_stonith=fos1
act_links="eth1" act_pmap="gw1:0,gw2:1" act_vips_full=''
act_mac_gw1_0=02:00:00:00:01:01 act_mac_gw2_0=02:00:00:00:01:02
ws_stack=heartbeat
render() {                       # TEMPLATE OUT
	act_vars gw1 >"$dir/gw1.vars" && render_template "$WS_TEMPLATEDIR/$1" "$dir/gw1.vars" >"$2"
}
render haresources "$dir/hr.none" && render pacemaker.crm "$dir/crm.none"
ct_check "without replicate: no promoted_units on either stack" sh -c "! grep -v '^#' '$dir/hr.none' '$dir/crm.none' | grep -q promoted_units"
conf_replicate="/etc/app /srv/data" conf_replicate_interval=5 conf_replicate_delete=no
render haresources "$dir/hr.rep" && render pacemaker.crm "$dir/crm.rep"
ct_check "replicate on R1: the gateway's group item passes promoted_units=ws-replicate.service" \
	grep -q '^gw1 WarmstandbyGateway::hooks=[^ ]*::hook_timeout=30::promoted_units=ws-replicate.service WarmstandbyLinesw::' "$dir/hr.rep"
ct_check "replicate on Pacemaker: the gateway's params name promoted_units=ws-replicate.service" \
	grep -q '^	params hooks=[^ ]* hook_timeout=30 promoted_units=ws-replicate.service \\$' "$dir/crm.rep"
render_cluster_facts >"$dir/wsctl.cluster"
WSCTL_CLUSTER="$dir/wsctl.cluster"
ct_check "wsctl.cluster records the replicate keys, and the strict parser reads them back" \
	sh -c "grep -qx 'replicate = /etc/app /srv/data' '$dir/wsctl.cluster' && grep -qx 'replicate_interval = 5' '$dir/wsctl.cluster' &&
		grep -qx 'replicate_delete = no' '$dir/wsctl.cluster'" && cl_load &&
	ct_check "cl_load: the replicate keys of wsctl.cluster" [ "$cl_replicate|$cl_replicate_interval|$cl_replicate_delete" = "/etc/app /srv/data|5|no" ]

# --- replicate --once and --loop on faked roles, rsync for real ---------------------
# gw1 is this node; the roles come from fake_me and fake_peer, the peer
# answers when fake_reach is yes; syslog is a file.
src="$dir/src" dest="$dir/dest"
mkdir -p "$src/etc/app/sub" "$src/etc/other" "$dir/tmp"
chmod 0755 "$src/etc"
echo one >"$src/etc/app/a.conf"
echo bee >"$src/etc/app/sub/b.conf"
echo "master's own" >"$src/etc/other/c.conf"
# The peer's side: a stale file in a listed path, a file outside them, a
# listed path missing on the master, a parent directory of its own mode.
mkdir -p "$dest$src/etc/app" "$dest$src/etc/other" "$dest$src/etc/gone"
echo stale >"$dest$src/etc/app/stale"
echo "peer's own" >"$dest$src/etc/other/c.conf"
echo keep >"$dest$src/etc/gone/keep"
chmod 0700 "$dest$src/etc"
# rep_cluster DELETE INTERVAL [PATHS]: the pair's wsctl.cluster as activate
# writes it (render_cluster_facts, the pair of the section above), on
# Pacemaker, replicating PATHS (default: two listed paths, one missing here).
rep_cluster() {
	ws_stack=pacemaker conf_replicate_delete=$1 conf_replicate_interval=$2
	conf_replicate=${3-"$src/etc/app $src/etc/gone"}
	render_cluster_facts >"$dir/wsctl.cluster"
}
fakes() {
	TMPDIR="$dir/tmp"
	export TMPDIR
	WSCTL_REPLICATE_DEST=$dest
	need_root() { :; }
	opt_stack=''
	local_node() { echo gw1; }
	node_role() { if [ "$1" = gw1 ]; then echo "$fake_me"; else echo "$fake_peer"; fi; }
	peer_reachable() { [ "$fake_reach" = yes ]; }
	rep_syslog() { echo "$1 $2" >>"$dir/syslog"; }
}
# once ME REACHABLE PEER: replicate --once as wsctl's main runs it; its
# exit code in $once_rc, stderr in $dir/err.
once() {
	fake_me=$1 fake_reach=$2 fake_peer=$3
	once_rc=0
	(fakes; ws_traps; cmd_replicate --once) >"$dir/out" 2>"$dir/err" || once_rc=$?
}
dest_has() { [ "$(cat "$dest$src/$1" 2>/dev/null)" = "$2" ]; }   # PATH CONTENT
rep_cluster yes 1
: >"$dir/syslog"
once master yes slave
ct_check "--once, master to slave: exit 0" [ "$once_rc" -eq 0 ] || cat "$dir/err"
ct_check "--once: the listed files are copied, subdirectories too" sh -c \
	"[ \"\$(cat '$dest$src/etc/app/a.conf')\" = one ] && [ \"\$(cat '$dest$src/etc/app/sub/b.conf')\" = bee ]"
ct_check "--once, delete = yes: a file gone from the master is removed on the peer" [ ! -e "$dest$src/etc/app/stale" ]
ct_check "--once: a file outside the listed paths is untouched" dest_has etc/other/c.conf "peer's own"
ct_check "--once: a listed path missing on the master is left alone on the peer" dest_has etc/gone/keep keep
ct_check "--once: the directories above a listed path keep their mode on the peer" \
	[ "$(stat -c %a "$dest$src/etc")" = 700 ]
ct_check "--once: says what it copied and which path it left alone" sh -c \
	"grep -q 'replicate: copied $src/etc/app to $dest' '$dir/err' && grep -q 'left alone on gw2: $src/etc/gone' '$dir/err'"
ct_check "--once: the result also goes to syslog" grep -q "^info copied $src/etc/app" "$dir/syslog"
ct_check "--once: no staging directory (--delay-updates) left behind" sh -c "! find '$dest' -name '.~tmp~' | grep -q ."

rep_cluster no 1
echo stale2 >"$dest$src/etc/app/stale2"
echo two >"$src/etc/app/a.conf"
once master yes -
ct_check "--once, delete = no, peer's stack down: exit 0, the change copied" sh -c "[ $once_rc -eq 0 ]" &&
	ct_check "--once, delete = no: the change is there" dest_has etc/app/a.conf two
ct_check "--once, delete = no: a file only on the peer is kept" dest_has etc/app/stale2 stale2

echo three >"$src/etc/app/a.conf"
once master yes master
ct_check "--once, the peer is master too: exit 1, refused" sh -c "[ $once_rc -eq 1 ] && grep -q 'peer gw2 is master too: refusing' '$dir/err'"
ct_check "--once, the peer is master too: nothing copied" dest_has etc/app/a.conf two
once master no -
ct_check "--once, peer unreachable: exit 4, says so" sh -c "[ $once_rc -eq 4 ] && grep -q 'peer gw2 is not reachable' '$dir/err'"
once slave yes master
ct_check "--once on the slave: exit 0, nothing to do, nothing copied" sh -c \
	"[ $once_rc -eq 0 ] && grep -q 'not master (role slave): nothing to do' '$dir/err'" && dest_has etc/app/a.conf two
rc=0
(fakes; WSCTL_REPLICATE_DEST="$dir/none/x/y"; fake_me=master fake_reach=yes fake_peer=slave; cmd_replicate) >/dev/null 2>"$dir/err" || rc=$?
ct_check "replicate (--once the default) where rsync fails: exit 6 with rsync's reason" sh -c \
	"[ $rc -eq 6 ] && grep -q 'rsync to $dir/none/x/y failed (exit ' '$dir/err'"
rep_cluster yes 1 ''
rc=0
(fakes; cmd_replicate --once) >/dev/null 2>"$dir/err" || rc=$?
ct_check "no replicate paths in wsctl.cluster: exit 3, says what to set" sh -c "[ $rc -eq 3 ] && grep -q \"set 'replicate = PATH...'\" '$dir/err'"

# --loop: a change reaches the peer within a few rounds of 1 s; SIGTERM
# ends it at once with 143.
rep_cluster yes 1
: >"$dir/syslog"
(fakes; fake_me=master fake_reach=yes fake_peer=slave; ws_traps; cmd_replicate --loop) >/dev/null 2>"$dir/loop.err" &
loop_pid=$!
echo four >"$src/etc/app/a.conf"
i=0
until dest_has etc/app/a.conf four || [ "$i" -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
ct_check "--loop: a change on the master reaches the peer (within 10 s)" dest_has etc/app/a.conf four
echo five >"$src/etc/app/a.conf"
i=0
until dest_has etc/app/a.conf five || [ "$i" -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
ct_check "--loop: and the next change too, at a later round" dest_has etc/app/a.conf five
kill -TERM "$loop_pid"
i=0
while kill -0 "$loop_pid" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
loop_rc=0
wait "$loop_pid" || loop_rc=$?
ct_check "--loop: SIGTERM ends it within 5 s with 143 (the unit's SuccessExitStatus)" [ "$loop_rc" -eq 143 ] || cat "$dir/loop.err"
ct_check "--loop: logs the copy once, not every round, and its stop" sh -c \
	"[ \$(grep -c 'copied $src/etc/app' '$dir/syslog') -eq 1 ] && grep -q 'stopped by SIGTERM' '$dir/syslog'" || cat "$dir/syslog"

# A round cut mid-transfer (the master's power; here SIGKILL to the round
# and its rsync): --delay-updates renames the files into place only at the
# end, so the peer keeps every old file whole and gains no partial new one;
# the next round completes the copy.
descendants() {                  # PID: its children's PIDs, theirs, ...
	for dc_p in $(ps -o pid= --ppid "$1"); do
		descendants "$dc_p"
		echo "$dc_p"
	done
}
# big.img on its way: rsync's temporary .big.img.XXXXXX, or the finished
# copy waiting in the staging directory .~tmp~ for the round's end.
staging_file() { find "$dest$src/etc/app" -name '.big.img.*' -o -path '*/.~tmp~/big.img' 2>/dev/null | grep -q .; }
rep_cluster yes 1
echo six >"$src/etc/app/a.conf"
head -c 200000000 /dev/zero >"$src/etc/app/big.img"
(fake_me=master fake_reach=yes fake_peer=slave; fakes; ws_traps; cmd_replicate --once) >/dev/null 2>&1 &
cut_pid=$!
i=0
until staging_file || [ "$i" -ge 500 ]; do sleep 0.01; i=$((i + 1)); done
cut_caught=0
staging_file && cut_caught=1
for p in $(descendants "$cut_pid") "$cut_pid"; do kill -KILL "$p" 2>/dev/null; done
wait "$cut_pid" 2>/dev/null
ct_check "cut round: caught with big.img on its way (rsync's temporary or staging copy)" [ "$cut_caught" -eq 1 ]
ct_check "cut round: the peer's a.conf is still the old one, whole" dest_has etc/app/a.conf five
ct_check "cut round: no partial big.img at its path on the peer" [ ! -e "$dest$src/etc/app/big.img" ]
once master yes slave
ct_check "the next round completes the copy: a.conf and big.img whole" sh -c \
	"[ $once_rc -eq 0 ] && cmp -s '$src/etc/app/big.img' '$dest$src/etc/app/big.img' && [ \"\$(cat '$dest$src/etc/app/a.conf')\" = six ]"
ct_check "... and leaves no staging directory" sh -c "! find '$dest' -name '.~tmp~' | grep -q ."
rm -f "$src/etc/app/big.img" "$dest$src/etc/app/big.img"
# The old master cut off and back (its reboot and rejoin as slave): the new
# master's loop logs the peer unreachable, keeps going, and copies to it at
# the first round that reaches it.
rep_cluster yes 1
: >"$dir/syslog"
echo seven >"$src/etc/app/a.conf"
echo no >"$dir/reach"
(fakes; peer_reachable() { [ "$(cat "$dir/reach")" = yes ]; }
	fake_me=master fake_peer=slave; ws_traps; cmd_replicate --loop) >/dev/null 2>"$dir/loop.err" &
loop_pid=$!
i=0
until grep -q "is not reachable" "$dir/syslog" || [ "$i" -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
ct_check "loop, peer cut off: logged unreachable, nothing copied" sh -c \
	"grep -q 'peer gw2 is not reachable' '$dir/syslog' && [ \"\$(cat '$dest$src/etc/app/a.conf')\" = six ]"
echo yes >"$dir/reach"
i=0
until dest_has etc/app/a.conf seven || [ "$i" -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
ct_check "loop, peer back: the change reaches it (within 10 s)" dest_has etc/app/a.conf seven
kill -TERM "$loop_pid"
wait "$loop_pid" 2>/dev/null
ct_finish
