#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ws-stack-alive, the stack checker of the watchdog feeder, against
# stand-ins for the stacks' clients on PATH (the real daemons are asked in
# the testbed: tests/stonith/pcmk-fencing.sh phase 4): a round's questions
# are asked together (a loaded node pays its slowest answer, not the sum),
# a slow answer within the check timeout counts, a failed round names the
# question that failed, and bad arguments are refused.
set -eu
srcdir=${WS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/assert.sh
. "$srcdir/tests/lib/assert.sh"
CHECKER=$srcdir/ocf/helpers/ws-stack-alive

work=$(mktemp -d "${TMPDIR:-/tmp}/ws-stack-alive-test.XXXXXX")
loop_pid=
cleanup() {
	[ -z "$loop_pid" ] || kill "$loop_pid" 2>/dev/null || :
	rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/bin"

# stand_in NAME: a client that sleeps the seconds in $work/delay.NAME (if
# the file exists) and fails while $work/fail.NAME exists; files, so that
# a running loop sees a change.
stand_in() {
	# shellcheck disable=SC2016 # the stand-in's own expansion
	printf '#!/bin/sh\n[ ! -e "%s" ] || sleep "$(cat "%s")"\n[ ! -e "%s" ]\n' \
		"$work/delay.$1" "$work/delay.$1" "$work/fail.$1" >"$work/bin/$1"
	chmod +x "$work/bin/$1"
}
delay() { echo "$2" >"$work/delay.$1"; }    # CLIENT SECONDS
no_delay() { rm -f "$work/delay.$1"; }
for c in corosync-cmapctl crmadmin cl_status; do stand_in "$c"; done
# logger writes where the test reads it, not to the machine's journal.
printf '#!/bin/sh\necho "$*" >>"%s/log"\n' "$work" >"$work/bin/logger"
chmod +x "$work/bin/logger"
PATH=$work/bin:$PATH
export PATH

now_ms() { date +%s%3N; }
# once ARGS...: the checker's --once; its status in $once_rc, the
# milliseconds it took in $ms, its stderr in $work/err.
once() {
	t0=$(now_ms)
	once_rc=0
	"$CHECKER" "$@" --once 2>"$work/err" || once_rc=$?
	ms=$(( $(now_ms) - t0 ))
}
status_is() { [ "$once_rc" -eq "$1" ]; }
err_has() { grep -q -- "$1" "$work/err"; }
le() { [ "$1" -le "$2" ]; }

# --- one round -------------------------------------------------------------
once --stack pacemaker
check "pacemaker: every client answers: --once exits 0" status_is 0
once --stack heartbeat
check "heartbeat: cl_status answers: --once exits 0" status_is 0

# Three answers of 2 s each: asked one after another they take 6 s.
delay corosync-cmapctl 2
delay crmadmin 2
once --stack pacemaker --check-timeout 4
check "three slow answers within the check timeout: the round passes" status_is 0
check "the questions are asked together: 3 x 2 s answers in under 5 s (took $ms ms)" le "$ms" 5000
no_delay corosync-cmapctl

delay crmadmin 30
once --stack pacemaker --check-timeout 1
check "a controller that does not answer: --once exits 1" status_is 1
check "a question is cut at the check timeout, 1 s (+1 s kill grace; took $ms ms)" le "$ms" 4000
check "the message names the question that did not answer" err_has "crmadmin"
no_delay crmadmin

touch "$work/fail.corosync-cmapctl"
once --stack pacemaker
check "corosync refuses: --once exits 1, naming corosync-cmapctl" eval 'status_is 1 && err_has corosync-cmapctl'
check "... and not the clients that answered" eval '! err_has crmadmin'
rm -f "$work/fail.corosync-cmapctl"

# --- the loop: the proof of life and the log ------------------------------
proof=$work/alive
"$CHECKER" --stack heartbeat --file "$proof" --interval 100 --check-timeout 1 &
loop_pid=$!
wait_for() {                     # SECONDS CMD...: CMD true within SECONDS
	deadline=$(( $(now_ms) + $1 * 1000 ))
	shift
	while ! "$@"; do
		[ "$(now_ms)" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}
log_has() { grep -q -- "$1" "$work/log" 2>/dev/null; }
proof_fresh() {                  # MS: the proof is younger than MS
	[ -e "$proof" ] || return 1
	[ $(( $(now_ms) - $(stat -c %.3Y "$proof" | tr -d .) )) -lt "$1" ]
}
check "the loop touches the proof while the stack answers" wait_for 5 proof_fresh 500
touch "$work/fail.cl_status"
check "a failed round is logged once, naming cl_status" wait_for 5 log_has "did not answer its API.*cl_status hbstatus failed"
sleep 1
check "... and the proof is left to age" eval '! proof_fresh 900'
# shellcheck disable=SC2016 # eval expands it
check "... logged once for the whole failing stretch" eval '[ "$(grep -c "did not answer" "$work/log")" -eq 1 ]'
rm -f "$work/fail.cl_status"
check "the stack answering again is logged, and the proof is touched again" \
	eval 'wait_for 5 log_has "answers again" && wait_for 5 proof_fresh 500'
kill "$loop_pid"
wait "$loop_pid" || :

# Answers of 1.2 s within a 3 s timeout, then at once: slow rounds are no
# failure, and their stretch is logged once, with its slowest, when it ends.
: >"$work/log"
delay cl_status 1.2
"$CHECKER" --stack heartbeat --file "$proof" --interval 100 --check-timeout 3 &
loop_pid=$!
sleep 3
check "slow rounds keep the proof fresh (younger than 1.2 s + 0.1 s + 0.5 s)" proof_fresh 1800
no_delay cl_status
check "a stretch of slow rounds is logged once it ends, with the slowest" wait_for 5 log_has "answered slowly: slowest 1[0-9][0-9][0-9] ms"
check "slow rounds are not failures" eval '! log_has "did not answer"'
kill "$loop_pid"
wait "$loop_pid" || :
loop_pid=

# --- arguments ---------------------------------------------------------------
once --stack pacemaker --check-timeout abc
check "--check-timeout abc is refused (exit 2)" eval 'status_is 2 && err_has "whole seconds"'
once --stack zookeeper
check "an unknown stack is refused (exit 2)" eval 'status_is 2 && err_has "pacemaker or heartbeat"'
finish
