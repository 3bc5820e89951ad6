#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# gateway: roles follow the hooks.  A hook that fails or hangs on promote
# shellcheck disable=SC2016 # hook bodies expand when the hooks run
# fails the promote and leaves a slave (rolled back, hooks re-run with
# "slave"); a watched service that dies on the master makes monitor report
# a failed master; the state file makes a probe tell the truth; bad
# parameters are refused before anything runs.
set -eu
. "$(dirname "$0")/lib.sh"

mkdir "$work/hooks"
hook() {                         # NAME BODY: an executable hook
	printf '#!/bin/sh\n%s\n' "$2" >"$work/hooks/$1"
	chmod 755 "$work/hooks/$1"
}
hook 10-record "echo \"10 \$1\" >>'$work/hook.log'"
hook 20-record "echo \"20 \$1\" >>'$work/hook.log'"
# Not run: names run-parts would skip, and non-executables.
hook 30-skip.dpkg-old "echo skipped >>'$work/hook.log'"
printf 'echo noexec >>%s\n' "$work/hook.log" >"$work/hooks/40-noexec"
OCF_RESKEY_hooks=$work/hooks
OCF_RESKEY_hook_timeout=2
export OCF_RESKEY_hooks OCF_RESKEY_hook_timeout

expect_agent 7 gateway monitor
# No notify action: the agent needs no notifications and does not offer them.
expect_agent 0 gateway meta-data
grep -q 'name="notify"' "$work/out" && fail "meta-data offers notify"
# OCF 1.1 role names; the old parameter names stay, marked deprecated.
grep -q 'role="Promoted"' "$work/out" || fail "meta-data: no role Promoted"
grep -q 'role="Unpromoted"' "$work/out" || fail "meta-data: no role Unpromoted"
grep -q 'role="\(Master\|Slave\)"' "$work/out" && fail "meta-data: old role names"
for p in promoted_units promoted_score unpromoted_score master_units master_score slave_score; do
	grep -q "<parameter name=\"$p\"" "$work/out" || fail "meta-data lacks parameter $p"
done
[ "$(grep -c 'Deprecated: use' "$work/out")" = 3 ] || fail "old names not marked deprecated"
expect_agent 3 gateway notify
expect_agent 0 gateway start
expect_agent 0 gateway monitor
expect_agent 0 gateway promote
expect_agent 8 gateway monitor
[ "$(tr '\n' , <"$work/hook.log")" = "10 slave,20 slave,10 master,20 master," ] ||
	fail "hooks ran as: $(tr '\n' , <"$work/hook.log")"
ok "hooks run in lexical order; skipped names and non-executables not run"

# A crash of the cluster stack leaves the state: a probe still says master.
OCF_RESKEY_CRM_meta_interval=0 expect_agent 8 gateway monitor
ok "probe after a crash reports master"
expect_agent 0 gateway demote
expect_agent 0 gateway monitor

# A probe of a running slave or master sets the promotion score (as
# ocf:pacemaker:Stateful does): stand-ins for crm_master and crm_attribute
# record how ocf_promotion_score called them.
mkdir "$work/sbin"
for tool in crm_master crm_attribute; do
	printf '#!/bin/sh\necho "${0##*/} $*" >>"%s"\n' "$work/score.log" >"$work/sbin/$tool"
	chmod 755 "$work/sbin/$tool"
done
oldpath=$PATH
PATH=$work/sbin:$PATH HA_SBIN_DIR=$work/sbin OCF_RESKEY_CRM_meta_promotable=true
export HA_SBIN_DIR OCF_RESKEY_CRM_meta_promotable
: >"$work/score.log"
OCF_RESKEY_CRM_meta_interval=0 expect_agent 0 gateway monitor
grep -q -- '-v 5' "$work/score.log" || fail "probe of a slave set no score: $(cat "$work/score.log")"
expect_agent 0 gateway promote
: >"$work/score.log"
OCF_RESKEY_CRM_meta_interval=0 expect_agent 8 gateway monitor
grep -q -- '-v 10' "$work/score.log" || fail "probe of a master set no score: $(cat "$work/score.log")"
expect_agent 0 gateway demote
# OCF 1.1 names, and the old names as aliases (the new one wins).
: >"$work/score.log"
OCF_RESKEY_unpromoted_score=6 OCF_RESKEY_CRM_meta_interval=0 expect_agent 0 gateway monitor
OCF_RESKEY_slave_score=7 OCF_RESKEY_CRM_meta_interval=0 expect_agent 0 gateway monitor
OCF_RESKEY_slave_score=7 OCF_RESKEY_unpromoted_score=4 OCF_RESKEY_CRM_meta_interval=0 \
	expect_agent 0 gateway monitor
[ "$(sed -n 's/.*-v \([0-9]*\).*/\1/p' "$work/score.log" | tr '\n' ,)" = "6,7,4," ] ||
	fail "scores by name: $(cat "$work/score.log")"
PATH=$oldpath
unset HA_SBIN_DIR OCF_RESKEY_CRM_meta_promotable
ok "probes set the promotion score: slave 5, master 10; unpromoted_score, slave_score alias"

# A hook failing on promote: the promote fails, the node is left a slave.
: >"$work/hook.log"
hook 15-fail 'if [ "$1" = master ]; then exit 3; fi'
expect_agent 1 gateway promote
grep -q '15-fail: master failed with status 3' "$work/err" || fail "no reason given: $(cat "$work/err")"
expect_agent 0 gateway monitor
[ "$(tail -n 2 "$work/hook.log" | tr '\n' ,)" = "10 slave,20 slave," ] ||
	fail "no rollback to slave: $(tr '\n' , <"$work/hook.log")"
grep -q '^20 master' "$work/hook.log" && fail "hooks after the failing one ran"
ok "failing hook: promote fails (1), rolled back to slave"

# A hook that hangs: killed after hook_timeout, promote fails in time.
rm "$work/hooks/15-fail"
hook 15-hang 'if [ "$1" = master ]; then sleep 30; fi'
t0=$(now_ms)
expect_agent 1 gateway promote
elapsed=$(($(now_ms) - t0))
[ "$elapsed" -lt 5000 ] || fail "hung hook held promote for $elapsed ms"
grep -q 'timed out' "$work/err" || fail "timeout not reported"
expect_agent 0 gateway monitor
rm "$work/hooks/15-hang"
ok "hanging hook: promote fails after ${elapsed} ms (hook_timeout 2 s)"

# Service-level failover: a watched pid file whose process dies.
sleep 300 &
svc=$!
started_pids="$started_pids $svc"
echo "$svc" >"$work/svc.pid"
OCF_RESKEY_services="$work/svc.pid"
export OCF_RESKEY_services
expect_agent 0 gateway promote
expect_agent 8 gateway monitor
kill "$svc"
wait "$svc" 2>/dev/null || true
expect_agent 9 gateway monitor
grep -q 'watched service' "$work/err" || fail "no reason for the failed master"
expect_agent 0 gateway demote
expect_agent 0 gateway monitor
unset OCF_RESKEY_services
ok "watched service killed on the master: monitor 9 (failed master); demote works"

expect_agent 0 gateway stop
expect_agent 7 gateway monitor
expect_agent 0 gateway stop
expect_agent 7 gateway promote
ok "stop, stop again, promote when stopped is refused (7)"

# stop_finishes_slave_side FAILED_ACTION: once the slave hook works again,
# a stop runs the slave hooks, only those, and the agent is stopped.
stop_finishes_slave_side() {
	rm "$work/slave-fails"
	: >"$work/hook.log"
	expect_agent 0 gateway stop
	[ "$(tr '\n' , <"$work/hook.log")" = "10 slave,20 slave," ] ||
		fail "stop after a failed $1 ran: $(tr '\n' , <"$work/hook.log")"
	expect_agent 7 gateway monitor
}

# A slave hook that fails on demote: the role is not a clean slave, so
# the stop that follows runs the slave side again and fails while it fails
# (a stop that returned 0 here would leave a second master behind).
hook 15-noslave "if [ \"\$1\" = slave ] && [ -e '$work/slave-fails' ]; then exit 4; fi"
expect_agent 0 gateway start
expect_agent 0 gateway promote
touch "$work/slave-fails"
expect_agent 1 gateway demote
expect_agent 1 gateway monitor
expect_agent 1 gateway stop
grep -q '15-noslave: slave failed' "$work/err" || fail "stop did not rerun the slave hooks: $(cat "$work/err")"
stop_finishes_slave_side demote
ok "failed demote: monitor 1, stop fails while the slave hook fails, then finishes the slave side"

# The same after a failed start (cleaning up a master left over from a crash).
touch "$work/slave-fails"
expect_agent 1 gateway start
expect_agent 1 gateway stop
stop_finishes_slave_side start
rm "$work/hooks/15-noslave"
ok "failed start: stop fails while the slave hook fails, then finishes the slave side"

# Bad parameters: refused, nothing runs.
: >"$work/hook.log"
OCF_RESKEY_hooks=$work/missing expect_agent 5 gateway start
OCF_RESKEY_hooks=relative/dir expect_agent 6 gateway start
OCF_RESKEY_hooks="relative/$(printf '%0200d' 0)" expect_agent 6 gateway start
OCF_RESKEY_hook_timeout=soon expect_agent 6 gateway start
OCF_RESKEY_master_score=1x expect_agent 6 gateway validate-all
OCF_RESKEY_promoted_score=1x expect_agent 6 gateway validate-all
OCF_RESKEY_unpromoted_score=x expect_agent 6 gateway validate-all
OCF_RESKEY_services='*' expect_agent 6 gateway validate-all
OCF_RESKEY_master_units='gw-*.service' expect_agent 6 gateway validate-all
OCF_RESKEY_hooks=$work/missing OCF_RESKEY_CRM_meta_interval=0 expect_agent 7 gateway monitor
OCF_RESKEY_hooks=$work/missing expect_agent 0 gateway stop
[ ! -s "$work/hook.log" ] || fail "a hook ran despite bad parameters"
expect_agent 7 gateway monitor
ok "bad parameters: 5 (missing hooks dir), 6 (bad values, wildcards in lists), stop and probe still answer"

# Stopping a slave needs no valid parameter nor tool: it succeeds.  A
# master's stop runs hooks and units, so there bad parameters still fail.
expect_agent 0 gateway start
OCF_RESKEY_hooks=$work/missing expect_agent 0 gateway stop
expect_agent 7 gateway monitor
expect_agent 0 gateway start
OCF_RESKEY_hook_timeout=abc expect_agent 0 gateway stop
expect_agent 7 gateway monitor
expect_agent 0 gateway start
OCF_TESTER_FAIL_HAVE_BINARY=1 expect_agent 0 gateway stop
expect_agent 7 gateway monitor
expect_agent 0 gateway start
expect_agent 0 gateway promote
OCF_RESKEY_hook_timeout=abc expect_agent 6 gateway stop
expect_agent 8 gateway monitor
expect_agent 0 gateway stop
expect_agent 7 gateway monitor
ok "slave stop with a missing hooks dir, hook_timeout=abc, no tools: 0; master stop with bad values: 6"
finish
