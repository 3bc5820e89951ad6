#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fence_berofos's meta-data validates against fence-agents' RelaxNG schema
# (what fence-agents check their own agents with), for -o metadata and
# for action=meta-data on stdin.  Skips only when the schema is absent.
set -eu
# shellcheck source=../lib/assert.sh
. "$(dirname "$0")/../lib/assert.sh"
builddir=${WS_BUILDDIR:-$(cd "$(dirname "$0")/../.." && pwd)/build}
FA=$builddir/stonith/fence_berofos
RNG=${FENCE_RNG:-/usr/share/cluster/relaxng/metadata.rng}

if [ ! -r "$RNG" ]; then
	skip_all "$RNG not found (Debian package fence-agents)"
fi
[ -x "$FA" ] || fail "$FA not built"
work=$(mktemp -d /tmp/wsfence-rng.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$FA" -o metadata >"$work/meta.xml"
xmllint --noout --relaxng "$RNG" "$work/meta.xml" ||
	fail "-o metadata does not validate against $RNG"
printf 'action=meta-data\n' | "$FA" >"$work/stdin.xml"
xmllint --noout --relaxng "$RNG" "$work/stdin.xml" ||
	fail "action=meta-data does not validate against $RNG"
ok "meta-data validates against $RNG"
finish
