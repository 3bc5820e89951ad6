#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The watchdog path: fos-kickd keeps the switch on the master; SIGTERM stops
# it without a final kick; after kill -9 the switch falls back to the backup
# within wintv + 1 s and stays there (latched) until re-enabled; with an
# alive file that stops being touched it stops kicking by itself (exit 3)
# within its timeout + 1 s, and the switch falls back.
set -eu
. "$(dirname "$0")/lib.sh"

WINTV=2
emu_start

expect_rc 0 fos set wdogitime=$WINTV
expect_rc 0 fos mode master
expect_rc 0 fos watchdog on

"$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i 200 -r 1 -p "$work/kickd.pid" \
	-J "$work/jitter" -e 2>"$work/kickd.err" &
KICKD_PID=$!
started_pids="$started_pids $KICKD_PID"

# Several intervals (3 x wintv) with the daemon kicking: no expiry.
sleep $((3 * WINTV))
expect_rc 0 fos --json watchdog
grep -q '"state":"on"' "$work/out" || fail "watchdog expired although fos-kickd ran"
expect_rc 0 fos get mode
[ "$(cat "$work/out")" = 1 ] || fail "lines left the master although fos-kickd ran"
[ "$(cat "$work/kickd.pid")" = "$KICKD_PID" ] || fail "fos-kickd pidfile"
ok "fos-kickd running: no expiry over $((3 * WINTV)) s"

# Its status file (next to the pidfile) shows the switch acknowledging kicks.
status_value() {
	sed -n "s/^$1=//p" "$2"
}
[ -f "$work/kickd.status" ] || fail "no status file next to the pidfile"
[ "$(status_value pid "$work/kickd.status")" = "$KICKD_PID" ] || fail "status file: pid"
[ "$(status_value acks "$work/kickd.status")" -ge 10 ] || fail "status: too few acks: $(cat "$work/kickd.status")"
[ "$(status_value unacked "$work/kickd.status")" -le 1 ] || fail "status: kicks unacknowledged: $(cat "$work/kickd.status")"
age=$(($(now_ms) - $(status_value last_ack_ms "$work/kickd.status")))
[ "$age" -le 1500 ] || fail "status: last ack $age ms ago"
expect_rc 0 fos --kick-status "$work/kickd.status" watchdog status
grep -q "^fos-kickd $KICKD_PID: [0-9]* kicks, last acknowledged [0-9.]* s ago, [01] unacknowledged" "$work/out" ||
	fail "watchdog status without fos-kickd's view: $(cat "$work/out")"
expect_rc 0 fos --json --kick-status "$work/kickd.status" watchdog status
grep -q '"kickd":{"pid":' "$work/out" || fail "watchdog status --json: no kickd"
ok "status file: acknowledged kicks, last ack $age ms ago; shown by watchdog status"

# A second feeder on the same pidfile refuses to start and leaves the file.
rc=0
timeout 5 "$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i 200 -r 0 -p "$work/kickd.pid" \
	-e 2>"$work/kickd2.err" || rc=$?
[ "$rc" -eq 1 ] || fail "a second fos-kickd on the same pidfile exited $rc, not 1"
grep -q "another fos-kickd (PID $KICKD_PID) holds" "$work/kickd2.err" || fail "second instance: no message"
[ "$(cat "$work/kickd.pid")" = "$KICKD_PID" ] || fail "the second instance changed the pidfile"
ok "a second fos-kickd on the same pidfile refuses to start"

# A stalled feeder (stopped for 0.5 s) logs its missed deadline.
kill -STOP "$KICKD_PID"
sleep 0.5
kill -CONT "$KICKD_PID"
sleep 0.3
grep -q 'missed deadline' "$work/kickd.err" || fail "missed deadline not logged"
ok "missed deadline logged"

# SIGTERM: clean stop, pidfile removed, no kick after the signal.
kill -TERM "$KICKD_PID"
stopped=$(now_ms)
wait "$KICKD_PID" || fail "fos-kickd did not exit 0 on SIGTERM"
sleep 0.3
[ ! -e "$work/kickd.pid" ] || fail "pidfile left behind"
[ ! -e "$work/kickd.status" ] || fail "status file left behind"
last_kick=$(grep 'kick accepted' "$work/emu.log" | tail -n 1 | cut -d' ' -f1 | tr -d .)
[ "$last_kick" -le "$stopped" ] || fail "a kick arrived after SIGTERM ($last_kick > $stopped)"
grep -q 'without a final kick' "$work/kickd.err" || fail "stop not logged"
ok "SIGTERM: clean stop without a final kick"

# A jitter log that blocks (a FIFO nobody reads) must not stop the kicks:
# the logging is done outside the kick loop.
expect_rc 0 fos watchdog on
mkfifo "$work/jitter.fifo"
"$builddir/tests/berofos/pipe_sink" "$work/jitter.fifo" "$work/sink.ready" 12 &
started_pids="$started_pids $!"
await_file pipe_sink -e "$work/sink.ready"
"$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i 10 -r 0 -J "$work/jitter.fifo" 2>/dev/null &
KICKD_PID=$!
started_pids="$started_pids $KICKD_PID"
# 4 KiB of jitter lines fill the FIFO after about 2 s; then 3 x wintv.
sleep $((2 + 3 * WINTV))
expect_rc 0 fos --json watchdog
grep -q '"state":"on"' "$work/out" || fail "the watchdog expired while the jitter log blocked"
expect_rc 0 fos get mode
[ "$(cat "$work/out")" = 1 ] || fail "lines left the master while the jitter log blocked"
kill -TERM "$KICKD_PID"
t0=$(now_ms)
wait "$KICKD_PID" || fail "fos-kickd with a blocked jitter log did not exit 0 on SIGTERM"
[ $(($(now_ms) - t0)) -le 3000 ] || fail "fos-kickd took $(($(now_ms) - t0)) ms to stop"
ok "a blocked jitter log does not stop the kicks"

# The stack's liveness file: touched every 0.3 s (a bounded loop), the
# kicks go on; left alone, fos-kickd stops kicking within its timeout and
# the check's period (1 s), exits 3, says why, and the switch falls back.
expect_rc 0 fos watchdog on
touch "$work/alive"
"$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i 200 -r 0 -A "$work/alive" -t 1000 -e 2>"$work/kickd-alive.err" &
KICKD_PID=$!
started_pids="$started_pids $KICKD_PID"
i=0
while [ "$i" -lt 10 ]; do
	touch "$work/alive"
	sleep 0.3
	i=$((i + 1))
done
kill -0 "$KICKD_PID" 2>/dev/null || fail "fos-kickd stopped although its alive file was touched"
expect_rc 0 fos --json watchdog
grep -q '"state":"on"' "$work/out" || fail "the watchdog expired while the alive file was touched"
untouched=$(now_ms)
rc=0
wait "$KICKD_PID" || rc=$?
stopped=$(now_ms)
[ "$rc" -eq 3 ] || fail "fos-kickd with a stale alive file exited $rc, not 3"
[ $((stopped - untouched)) -le 2500 ] || fail "fos-kickd took $((stopped - untouched)) ms to stop kicking (bound 2500)"
grep -q 'has not proved alive for 1000 ms' "$work/kickd-alive.err" || fail "no reason logged: $(cat "$work/kickd-alive.err")"
while :; do
	expect_rc 0 fos get 4_mode
	[ "$(cat "$work/out")" = 0 ] && break
	[ $(($(now_ms) - stopped)) -le $(((WINTV + 1) * 1000)) ] || fail "no fallback within wintv + 1 s of the last kick"
	sleep 0.1
done
ok "stale alive file: kicks stopped $((stopped - untouched)) ms after the last touch (exit 3), the switch fell back"
expect_rc 0 fos watchdog on
expect_rc 0 fos mode master

# Start again, then kill -9 the daemon we started.
expect_rc 0 fos watchdog on
"$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i 200 -r 1 2>/dev/null &
KICKD_PID=$!
started_pids="$started_pids $KICKD_PID"
sleep 1
kill -KILL "$KICKD_PID"
killed=$(now_ms)
wait "$KICKD_PID" 2>/dev/null || true
bound=$(((WINTV + 1) * 1000))
while :; do
	expect_rc 0 fos get 4_mode
	[ "$(cat "$work/out")" = 0 ] && break
	[ $(($(now_ms) - killed)) -le "$bound" ] || fail "no fallback within $bound ms of kill -9"
	sleep 0.1
done
elapsed=$(($(now_ms) - killed))
expect_rc 0 fos --json watchdog
grep -q '"state":"failed"' "$work/out" || fail "watchdog state is not failed"
ok "kill -9: fell back to the backup in $elapsed ms (bound $bound)"

# Latched: kicks alone do not bring the lines back.
expect_rc 0 fos kick
sleep 0.3
expect_rc 0 fos kick
expect_rc 0 fos --json watchdog
grep -q '"state":"failed"' "$work/out" || fail "kicks cleared a latched failure"
expect_rc 0 fos get mode
[ "$(cat "$work/out")" = 0 ] || fail "lines moved back without re-enabling"
grep -q 'kick ignored (watchdog failed, latched)' "$work/emu.log" || fail "latched kick not logged"
ok "failure latched"

# Recovery the integrators' way: wen=1 and mode=1 over HTTP.
expect_rc 0 fos watchdog on
expect_rc 0 fos mode master
expect_rc 0 fos --json watchdog
grep -q '"state":"on"' "$work/out" || fail "re-enable did not recover"
expect_rc 0 fos watchdog off
ok "re-enable recovers"

# The other side of the guess: with --no-latch a kick recovers.
emu_stop
emu_start --no-latch
expect_rc 0 fos set wdogitime=1
expect_rc 0 fos watchdog on
sleep 1.5
expect_rc 0 fos --json watchdog
grep -q '"state":"failed"' "$work/out" || fail "no expiry with --no-latch"
expect_rc 0 fos kick
sleep 0.2
expect_rc 0 fos --json watchdog
grep -q '"state":"on"' "$work/out" || fail "--no-latch: kick did not recover"
ok "--no-latch: a kick recovers"

# A switch that takes kicks without answering them: fos-kickd counts the
# unacknowledged kicks, and fosctl kick reports the missing answer.
emu_stop
emu_start --no-kick-reply
expect_rc 5 fos -t 0.5 kick
grep -q 'no answer from the switch' "$work/err" || fail "unanswered kick message"
"$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i 100 -r 0 -S "$work/noreply.status" 2>/dev/null &
KICKD_PID=$!
started_pids="$started_pids $KICKD_PID"
sleep 1.5
first=$(status_value unacked "$work/noreply.status")
sleep 1.1
second=$(status_value unacked "$work/noreply.status")
kill -TERM "$KICKD_PID"
wait "$KICKD_PID" || fail "fos-kickd did not exit 0"
[ "$first" -ge 5 ] || fail "unacked kicks not counted: $first"
[ "$second" -ge $((first + 5)) ] || fail "unacked kicks not rising: $first then $second"
[ ! -e "$work/noreply.status" ] || fail "status file left behind"
ok "unanswered kicks counted: $first, then $second"
finish
