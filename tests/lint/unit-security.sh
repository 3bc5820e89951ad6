#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fos-kickd@.service as the build renders it: installed by `make install`
# into systemd's unit directory, Type=notify, never enabled (no [Install],
# no WantedBy=: the linesw agent starts it on the master only), and
# hardened: `systemd-analyze security --offline=true` rates its exposure
# at most 3.5 (--threshold=35 fails above that).
set -u
: "${WS_BUILDDIR:?}"
command -v systemd-analyze >/dev/null 2>&1 || { echo "SKIP: no systemd-analyze (Debian package systemd)"; exit 77; }
unit=$WS_BUILDDIR/berofos/fos-kickd@.service
make -C "$WS_BUILDDIR" -s berofos/fos-kickd@.service >/dev/null || { echo "FAIL: cannot render $unit"; exit 1; }
failed=0
pass() { echo "ok   $*"; }
flunk() { echo "FAIL $*"; failed=1; }

if grep -qx 'Type=notify' "$unit"; then pass "Type=notify"; else flunk "not Type=notify"; fi
if grep -qE '^\[Install\]|^(WantedBy|RequiredBy|Alias)=' "$unit"; then
	flunk "the unit can be enabled ([Install] section)"
else
	pass "no [Install] section: never enabled"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# --offline analyses a file under its own name: a template gets an instance.
cp "$unit" "$work/fos-kickd@.service"
if systemd-analyze security --offline=true --threshold=35 "$work/fos-kickd@.service" >"$work/out" 2>&1; then
	pass "systemd-analyze security --threshold=35 passes"
else
	flunk "systemd-analyze security --threshold=35 fails:"
	grep -E '✗|Overall' "$work/out"
fi
level=$(sed -n 's/^→ Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p' "$work/out")
if [ -n "$level" ] && awk -v l="$level" 'BEGIN { exit !(l <= 3.5) }'; then
	pass "exposure level $level <= 3.5"
else
	flunk "exposure level '${level}' (wanted <= 3.5)"
fi

# shellcheck disable=SC2016 # a make variable, expanded by make
unitdir=$(printf 'ws-print-var:\n\t@echo $(systemdsystemunitdir)\n' |
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$WS_BUILDDIR" \
		-f Makefile -f - ws-print-var)
if make -C "$WS_BUILDDIR" -s install-systemdsystemunitDATA DESTDIR="$work/dest" >"$work/install.log" 2>&1 &&
	cmp -s "$unit" "$work/dest$unitdir/fos-kickd@.service"; then
	pass "make install puts fos-kickd@.service in $unitdir"
else
	cat "$work/install.log"
	flunk "make install did not put fos-kickd@.service in $unitdir"
fi
exit "$failed"
