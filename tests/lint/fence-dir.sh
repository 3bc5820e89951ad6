#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `make install` puts fence_berofos where Pacemaker's fencer lists agents
# (its sbindir, from pacemaker.pc), not in our $(sbindir): a default
# /usr/local prefix must not hide the agent.  Installs into a DESTDIR.
set -u
: "${WS_BUILDDIR:?}"
# shellcheck disable=SC2016 # a make variable, expanded by make
fencedir=$(printf 'ws-print-var:\n\t@echo $(fencedir)\n' |
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$WS_BUILDDIR" \
		-f Makefile -f - ws-print-var)
[ -n "$fencedir" ] || { echo "FAIL: no fencedir in $WS_BUILDDIR/Makefile"; exit 1; }
failed=0
if exec_prefix=$(pkg-config --variable=exec_prefix pacemaker 2>/dev/null) && [ -n "$exec_prefix" ]; then
	want=$exec_prefix/sbin
	why="Pacemaker's sbindir (pacemaker.pc)"
else
	want=/usr/sbin
	why="no pacemaker.pc: the default"
fi
# distcheck configures --with-fence-dir under its own prefix: nothing to compare.
case $fencedir in
"$want") echo "ok   configured fence directory $fencedir = $why" ;;
*/_inst/*) echo "ok   configured fence directory $fencedir (distcheck's prefix)" ;;
*) echo "FAIL configured fence directory $fencedir, $why is $want"; failed=1 ;;
esac
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
if make -C "$WS_BUILDDIR" -s install-fencePROGRAMS DESTDIR="$dest" >"$dest.log" 2>&1; then
	if [ -x "$dest$fencedir/fence_berofos" ]; then
		echo "ok   make install put fence_berofos in $fencedir"
	else
		echo "FAIL make install did not put fence_berofos in $fencedir:"
		(cd "$dest" && find . -type f)
		failed=1
	fi
else
	cat "$dest.log"
	echo "FAIL make install-fencePROGRAMS DESTDIR=$dest"
	failed=1
fi
rm -f "$dest.log"
exit "$failed"
