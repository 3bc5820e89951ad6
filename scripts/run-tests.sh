#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every test of warmstandby and ends with one line 'N passed, N failed':
#  1. build with -Werror, `make check`: unit (cmocka), fuzz corpus replay,
#     lint (shell and XML), and the virtual-cluster tests (root needed);
#  2. the same unit and fuzz tests built with ASan+UBSan;
#  3. `make distcheck` (the tarball builds and passes its own checks);
#  4. the Debian packages: built, lintian-clean, installed and removed in a
#     private overlay of / (`make installcheck-deb`).
#  5. the failover benchmark, short (tests/bench/failover.sh, 2 power cuts
#     per configuration, 60 s soaks; results in build-test/bench/).
# Build trees: build-test/, build-asan/ (kept, for reading the test logs).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
failures=

count_suite() {   # $1: build dir, $2: label
	log=$1/test-suite.log
	if [ ! -f "$log" ]; then
		failed=$((failed + 1)); failures="$failures $2(no test-suite.log)"
		return
	fi
	p=$(sed -n 's/^# PASS: *//p' "$log" | head -1)
	f=$(sed -n 's/^# FAIL: *//p' "$log" | head -1)
	e=$(sed -n 's/^# ERROR: *//p' "$log" | head -1)
	x=$(sed -n 's/^# XPASS: *//p' "$log" | head -1)
	passed=$((passed + ${p:-0}))
	bad=$((${f:-0} + ${e:-0} + ${x:-0}))
	failed=$((failed + bad))
	if [ "$bad" -gt 0 ]; then
		failures="$failures $2:"
		failures="$failures$(sed -n 's/^\(FAIL\|ERROR\|XPASS\): \(.*\)/ \2/p' "$log" | tr -d '\n')"
	fi
}

run_step() {      # $1: label, rest: command; counts the command as one test
	label=$1; shift
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)); failures="$failures $label"
	fi
}

section() { printf '\n===== %s =====\n' "$*"; }

section "build (-Werror) and make check"
if "$top/scripts/build.sh" "$top/build-test"; then
	make -C "$top/build-test" -j2 check
	count_suite "$top/build-test" check
else
	failed=$((failed + 1)); failures="$failures build"
fi

section "ASan + UBSan: unit tests and fuzz corpus replay"
if "$top/scripts/build.sh" "$top/build-asan" --enable-sanitizers --disable-netns-tests; then
	make -C "$top/build-asan" -j2 check
	count_suite "$top/build-asan" asan
else
	failed=$((failed + 1)); failures="$failures build-asan"
fi

section "make distcheck"
run_step distcheck make -C "$top/build-test" -j2 distcheck

section "Debian packages: build, lintian, install test"
run_step installcheck-deb make -C "$top/build-test" installcheck-deb

section "failover benchmark (short)"
# tests/bench/failover.sh with 2 power cuts per configuration and a 60 s
# soak: passes when it completes (bounded by timeout) and every
# configuration's VIP phase has a time in every run; no timing assertions.
# Measured on 2 cores: 327 s of running (716 s with 389 s spent waiting
# for other runs' testbed lock); the timeout only catches a hang.
bench_short() {
	out=$top/build-test/bench/failover-short
	rm -rf "$out"
	mkdir -p "$out" || return 1
	WS_SRCDIR=$top WS_BUILDDIR=$top/build-test timeout 1200 \
		"$top/tests/bench/failover.sh" -n 2 -s 60 -o "$out" >"$out/run.log" 2>&1 || return 1
	for c in hb-ucast hb-ws pcmk-stock pcmk-ws ka-1 ka-0.1 ka-0.01; do
		n=$(grep -c "^$c,[1-9][0-9]*,vip,[0-9]" "$out/results.csv")
		[ "$n" -eq 2 ] || { echo "failover benchmark: $c has $n of 2 VIP times" >&2; return 1; }
	done
	# wsctl's default profiles are measured and printed, not required: at
	# those timers a fenced R1 node can rejoin while the survivor is still
	# taking over, and R1 then leaves the resources on neither node (the
	# reliability issue); the table shows a missing VIP time when it does.
	for c in hb-ws-defaults pcmk-ws-defaults; do
		echo "failover benchmark: $c: $(grep -c "^$c,[1-9][0-9]*,vip,[0-9]" "$out/results.csv") of 2 VIP times"
	done
	cat "$out/failover.md"
}
run_step failover-bench bench_short

section "summary"
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
