#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every command-line program of the build answers --version with one line
# "NAME (warmstandby) VERSION" and exit status 0: fosctl, fos-kickd, fosemu,
# ws-l2ping from the build tree with configure's version; wsctl from the
# source tree, where its version is only filled in on install.
set -u
: "${WS_SRCDIR:?}" "${WS_BUILDDIR:?}"
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$WS_BUILDDIR/config.h")
[ -n "$version" ] || { echo "FAIL: no PACKAGE_VERSION in $WS_BUILDDIR/config.h"; exit 1; }
failed=0
# expect NAME WANTED-LINE COMMAND...
expect() {
	name=$1 want=$2
	shift 2
	if out=$("$@" --version 2>&1); then
		status=0
	else
		status=$?
	fi
	if [ "$status" -eq 0 ] && [ "$out" = "$want" ]; then
		echo "ok   $name --version: $out"
	else
		echo "FAIL $name --version: exit $status, printed '$out', wanted '$want'"
		failed=1
	fi
}
expect fosctl "fosctl (warmstandby) $version" "$WS_BUILDDIR/berofos/fosctl"
expect fos-kickd "fos-kickd (warmstandby) $version" "$WS_BUILDDIR/berofos/fos-kickd"
expect fosemu "fosemu (warmstandby) $version" "$WS_BUILDDIR/berofos/fosemu"
expect ws-l2ping "ws-l2ping (warmstandby) $version" "$WS_BUILDDIR/hbcomm-l2/ws-l2ping"
expect wsctl "wsctl (warmstandby) $version (source tree)" sh "$WS_SRCDIR/crm-config/wsctl"
# The installed wsctl carries configure's version (the edit rule's sed;
# it runs only where its modules are installed: the install test runs it).
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
if make -C "$WS_BUILDDIR" -s install-sbinSCRIPTS DESTDIR="$dest" >/dev/null 2>&1; then
	installed=$(find "$dest" -type f -name wsctl | head -n 1)
	if grep -qx "WS_VERSION=$version" "$installed"; then
		echo "ok   installed wsctl says WS_VERSION=$version"
	else
		echo "FAIL installed wsctl ($installed) lacks WS_VERSION=$version"
		failed=1
	fi
else
	echo "FAIL make install-sbinSCRIPTS DESTDIR=$dest"
	failed=1
fi
exit "$failed"
