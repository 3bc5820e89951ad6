#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# configure without cmocka (a nocheck package build has no libcmocka-dev):
# --disable-unit-tests needs it not at all, the default leaves the unit
# tests out with a warning, --enable-unit-tests stops and names the package.
# cmocka is hidden from pkg-config by a directory of every other .pc file.
set -u
: "${WS_SRCDIR:?}"
# configure refuses a second build of a source tree configured in place
# (a package build): this runs in out-of-tree builds and distcheck.
if [ -f "$WS_SRCDIR/config.status" ]; then
	echo "SKIP: $WS_SRCDIR is configured in place"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/pc"
for dir in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
	[ -d "$dir" ] || continue
	for pc in "$dir"/*.pc; do
		[ -e "$pc" ] || continue
		case ${pc##*/} in cmocka.pc) continue ;; esac
		[ -e "$work/pc/${pc##*/}" ] || ln -s "$pc" "$work/pc/"
	done
done
PKG_CONFIG_LIBDIR=$work/pc
export PKG_CONFIG_LIBDIR
pkg-config --exists cmocka && { echo "FAIL: cmocka still visible"; exit 1; }
failed=0
# try NAME CONFIGURE-ARGS...: runs configure in its own directory.
try() {
	name=$1
	shift
	mkdir "$work/$name"
	(cd "$work/$name" && "$WS_SRCDIR/configure" --disable-netns-tests "$@" >out 2>&1)
}
if try off --disable-unit-tests && grep -q '^unit tests (cmocka): no' "$work/off/out" &&
	grep -q '^S\["WS_UNIT_TESTS_TRUE"\]="#"' "$work/off/config.status"; then
	echo "ok   --disable-unit-tests configures without cmocka, no unit tests"
else
	tail -n 5 "$work/off/out"
	echo "FAIL --disable-unit-tests without cmocka"
	failed=1
fi
if try auto && grep -q 'cmocka not found (Debian package libcmocka-dev)' "$work/auto/out" &&
	grep -q '^S\["WS_UNIT_TESTS_TRUE"\]="#"' "$work/auto/config.status"; then
	echo "ok   the default configures without cmocka, warns, leaves the unit tests out"
else
	tail -n 5 "$work/auto/out"
	echo "FAIL default configure without cmocka"
	failed=1
fi
if ! try on --enable-unit-tests && grep -q 'install the Debian package libcmocka-dev' "$work/on/out"; then
	echo "ok   --enable-unit-tests without cmocka stops and names libcmocka-dev"
else
	tail -n 5 "$work/on/out"
	echo "FAIL --enable-unit-tests without cmocka did not stop with the package name"
	failed=1
fi
exit "$failed"
