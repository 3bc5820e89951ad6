#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the Debian packages of warmstandby from a clean copy of the source
# tree, so that the tree itself stays clean, and runs lintian on them: the
# source package first (dpkg-buildpackage -S: .dsc, .orig.tar.xz made from
# the copy without debian/, .debian.tar.xz), then the binary packages.
#   scripts/build-debs.sh [OUTDIR]     (default /tmp/warmstandby-debs)
# The copy holds the files git tracks, as they are in the work tree
# (uncommitted changes included; `git add` a new file to have it built, so
# that build directories and other untracked files stay out); it is made
# in OUTDIR/src and the .deb, .dsc, tarballs, .buildinfo and .changes files
# end up in OUTDIR.  Needs the build dependencies (scripts/install-deps.sh).
# Environment:
#   DEB_BUILD_OPTIONS   passed on (e.g. nocheck, parallel=N)
#   WS_LINTIAN=no       skip lintian
# Exit status: that of dpkg-buildpackage, else 1 when lintian reports an
# error; lintian's output is also kept in OUTDIR/lintian.txt.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/warmstandby-debs}

# Not warmstandby-VERSION: the lint test skips directories of that name
# (they are unpacked dist tarballs inside the tree).
src="$out/src/warmstandby"

rm -rf "$out/src"
mkdir -p "$src"
rm -f "$out"/*.deb "$out"/*.changes "$out"/*.buildinfo "$out"/*.dsc "$out"/*.tar.* "$out/lintian.txt"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	# ls-files lists deleted files too: keep those that exist.
	# shellcheck disable=SC2016 # $f is expanded by the inner sh
	git -C "$top" ls-files -z --cached |
		(cd "$top" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh) |
		tar -C "$top" -cf - --no-recursion -T - | tar -C "$src" -xf -
else
	tar -C "$top" --exclude='./build*' --exclude=./autom4te.cache -cf - . | tar -C "$src" -xf -
fi

export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=$(nproc)}"
# The source package: format 3.0 (quilt) wants the upstream tarball, the
# tree without debian/, named after the changelog's upstream version.
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
upstream=${version%-*}
tar -C "$out/src" --exclude=warmstandby/debian -cJf "$out/src/warmstandby_$upstream.orig.tar.xz" warmstandby
(cd "$src" && dpkg-buildpackage -us -uc -S)
dsc="$out/src/warmstandby_$version.dsc"
if [ ! -s "$dsc" ]; then
	echo "build-debs.sh: dpkg-buildpackage -S made no $dsc" >&2
	exit 1
fi
(cd "$src" && dpkg-buildpackage -us -uc -b)
# dpkg-buildpackage leaves its results beside the source directory.
mv "$out/src"/*.deb "$out/src"/*.changes "$out/src"/*.buildinfo "$out/src"/*.dsc \
	"$out/src"/*.tar.* "$out/"
echo "build-debs.sh: built in $out:"
ls -1 "$out"/*.dsc "$out"/*.deb

if [ "${WS_LINTIAN:-yes}" = no ]; then
	exit 0
fi
status=0
# Both .changes: the source package's and the binary packages'.
lintian --display-info --pedantic "$out"/*.changes >"$out/lintian.txt" 2>&1 || status=$?
cat "$out/lintian.txt"
echo "build-debs.sh: lintian: $(grep -c '^E: ' "$out/lintian.txt") errors, $(grep -c '^W: ' "$out/lintian.txt") warnings"
# lintian exits 1 for errors, 2 and more when it could not check at all
if [ "$status" -ne 0 ] || grep -q '^E: ' "$out/lintian.txt"; then
	echo "build-debs.sh: lintian failed (exit status $status)" >&2
	exit 1
fi
