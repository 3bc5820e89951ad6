#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fos-kickd under systemd (Type=notify): READY=1 reaches $NOTIFY_SOCKET only
# once the switch has acknowledged a kick, so `systemctl start` returning
# means the watchdog is fed.  The notify socket is a datagram socket of our
# own (socat), the switch fosemu on 127.0.0.1; a second fosemu that takes
# kicks without answering them gets kicked but no READY=1 is sent.
set -eu
. "$(dirname "$0")/lib.sh"

command -v socat >/dev/null 2>&1 || { echo "SKIP: socat not installed (Debian package socat)"; exit 77; }

# wait_for SECONDS COMMAND...: polls every 0.1 s (a hang bound, not a timing check).
wait_for() {
	tries=$(($1 * 10))
	shift
	until "$@" >/dev/null 2>&1; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep 0.1
	done
}

# notify_listen NAME: a datagram socket $work/NAME.sock whose messages
# are appended to $work/NAME.out.
notify_listen() {
	: >"$work/$1.out"
	socat -u "UNIX-RECV:$work/$1.sock" "OPEN:$work/$1.out,append" &
	started_pids="$started_pids $!"
	wait_for 10 test -S "$work/$1.sock" || fail "socat did not create $work/$1.sock"
}

kicks_logged() {                 # LOG: how many kicks fosemu took
	grep -c 'kick accepted' "$1" || true
}

# kickd_on_notify NAME ERRFILE: a switch in master mode with its watchdog on,
# fed by fos-kickd under systemd's notify protocol on NAME's socket.
kickd_on_notify() {
	expect_rc 0 fos set wdogitime=60
	expect_rc 0 fos mode master
	expect_rc 0 fos watchdog on
	notify_listen "$1"
	NOTIFY_SOCKET=$work/$1.sock "$KICKD" -h 127.0.0.1 -u "$UDP_PORT" -m "$MAC" -i 200 -r 0 \
		-e 2>"$2" &
	KICKD_PID=$!
	started_pids="$started_pids $KICKD_PID"
}

# --- a switch that answers ------------------------------------------------
emu_start
kickd_on_notify ready "$work/kickd.err"
wait_for 10 grep -q '^READY=1$' "$work/ready.out" ||
	fail "no READY=1 on the notify socket: $(cat "$work/ready.out" "$work/kickd.err")"
# fosemu logs a kick before it answers it, and READY=1 waits for an answer.
[ "$(kicks_logged "$work/emu.log")" -ge 1 ] || fail "READY=1 before fosemu took a kick"
grep -q "^STATUS=kicking $MAC every 200 ms\$" "$work/ready.out" || fail "no STATUS line: $(cat "$work/ready.out")"
ok "READY=1 after fosemu took the first kick ($(kicks_logged "$work/emu.log") taken)"
# The feeder goes on kicking after READY=1, and says it only once.
taken=$(kicks_logged "$work/emu.log")
wait_for 10 sh -c "[ \$(grep -c 'kick accepted' '$work/emu.log') -ge $((taken + 3)) ]" ||
	fail "fos-kickd stopped kicking after READY=1"
[ "$(grep -c '^READY=1$' "$work/ready.out")" -eq 1 ] || fail "READY=1 sent more than once: $(cat "$work/ready.out")"
ok "kicks go on after READY=1, which came once"
kill "$KICKD_PID"
wait "$KICKD_PID" || fail "fos-kickd did not stop cleanly"
emu_stop
mv "$work/emu.log" "$work/emu-answering.log"   # the next fosemu's log starts empty

# --- a switch that takes kicks but never answers -----------------------------
emu_start --no-kick-reply
kickd_on_notify silent "$work/kickd2.err"
wait_for 20 sh -c "[ \$(grep -c 'kick accepted' '$work/emu.log') -ge 4 ]" ||
	fail "fos-kickd did not kick the silent switch"
if grep -q 'READY=1' "$work/silent.out"; then
	fail "READY=1 although the switch acknowledged no kick"
fi
grep -q 'did not acknowledge the first kick' "$work/kickd2.err" ||
	fail "no warning about the unacknowledged first kick: $(cat "$work/kickd2.err")"
ok "no READY=1 while the switch acknowledges no kick ($(kicks_logged "$work/emu.log") taken)"
kill "$KICKD_PID"
wait "$KICKD_PID" || fail "fos-kickd did not stop cleanly"
