#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2086,SC2016 # word splitting as R1 does ($spath $arg action); hook bodies expand when run
# The Heartbeat R1 wrappers keep R1's contract: start = become master,
# stop = become slave, status says "running" (exit 0) iff master and
# something else (exit 3) otherwise, as ResourceManager's we_own_resource
# reads it; start and stop are idempotent; arguments come as haresources
# passes them ("Name::a::b" -> "a b ACTION").
set -eu
. "$(dirname "$0")/lib.sh"
WS_OCF_AGENTDIR=$OCFDIR
export WS_OCF_AGENTDIR

# ResourceManager's reading of status output (heartbeat 3.0.6).
r1_owns() {
	case $("$@" status 2>/dev/null) in
	*[Nn][Oo][Tt]\ *[Rr]unning*) return 1 ;;
	*[Rr]unning*|*OK*) return 0 ;;
	*) return 1 ;;
	esac
}
r1() {                           # WANT-RC SCRIPT ARGS... ACTION
	want=$1
	shift
	rc=0
	"$@" >"$work/out" 2>"$work/err" || rc=$?
	[ "$rc" -eq "$want" ] || { cat "$work/out" "$work/err" >&2; fail "$* exited $rc, wanted $want"; }
}

# --- WarmstandbyGateway ------------------------------------------------------
mkdir "$work/hooks"
printf '#!/bin/sh\necho "$1" >>"%s"\n' "$work/hook.log" >"$work/hooks/10-record"
chmod 755 "$work/hooks/10-record"
GW="$R1DIR/WarmstandbyGateway hooks=$work/hooks"

r1 3 $GW status
r1_owns $GW && fail "status says running before start"
r1 0 $GW start
r1_owns $GW || fail "status does not say running after start"
r1 0 $GW start
r1 0 $GW status
grep -q running "$work/out" || fail "status output: $(cat "$work/out")"
[ "$(tr '\n' , <"$work/hook.log")" = "slave,master," ] || fail "hooks: $(tr '\n' , <"$work/hook.log")"
r1 0 $GW stop
r1_owns $GW && fail "status says running after stop"
r1 3 $GW status
r1 0 $GW stop
[ "$(tail -n 1 "$work/hook.log")" = slave ] || fail "stop did not run the slave hooks"
ok "WarmstandbyGateway: start = master, stop = slave, status running iff master, idempotent"

# stop on a node that never started: the slave side runs, status stays off.
rm -f "$HA_RSCTMP"/*gateway*
: >"$work/hook.log"
r1 0 $GW stop
[ "$(cat "$work/hook.log")" = slave ] || fail "stop from nothing: $(cat "$work/hook.log")"
r1_owns $GW && fail "running after a stop from nothing"
# A failing master hook: start fails, the node is not master.
printf '#!/bin/sh\n[ "$1" != master ]\n' >"$work/hooks/20-fail"
chmod 755 "$work/hooks/20-fail"
r1 1 $GW start
r1_owns $GW && fail "running after a failed start"
rm "$work/hooks/20-fail"
r1 2>/dev/null 1 "$R1DIR/WarmstandbyGateway" bogus=1 start
r1 1 "$R1DIR/WarmstandbyGateway"
ok "WarmstandbyGateway: stop from nothing, failing hook fails start, bad arguments refused"

# --- WarmstandbyLinesw ---------------------------------------------------------
make_credentials 'r1-password'
emu_start -w "$work/cred"
me=$(uname -n)
LS="$R1DIR/WarmstandbyLinesw host=127.0.0.1 port=$HTTP_PORT udp_port=$UDP_PORT mac=$MAC"
LS="$LS credentials=$work/cred wintv=2 kick_interval=300 fosctl=$FOSCTL fos_kickd=$KICKD"
mode() { expect_rc 0 fos -c "$work/cred" get 4_mode; cat "$work/out"; }

r1 3 $LS "primary=$me" status
r1 0 $LS "primary=$me" start
[ "$(mode)" = 1 ] || fail "primary=$me (this node) did not get mode 1"
r1_owns $LS "primary=$me" || fail "status not running after start"
r1 0 $LS "primary=$me" stop
r1_owns $LS "primary=$me" && fail "status running after stop"
r1 0 $LS "primary=other-$me" start
[ "$(mode)" = 0 ] || fail "primary=other node: this node is the backup, mode 0 expected"
r1_owns $LS "primary=other-$me" || fail "backup: status not running after start"
r1 0 $LS "primary=other-$me" stop
r1 0 $LS "primary=other-$me" stop
r1 1 $LS "primary=$me" nonsense=1 start
ok "WarmstandbyLinesw: side from primary=NODE, start = lines here, status running iff held"
finish
