#!/bin/sh
# fence_berofos's meta-data validates against fence-agents' RelaxNG schema
# (what fence-agents check their own agents with), for -o metadata and
# for action=meta-data on stdin.  Skips only when the schema is absent.
set -eu
builddir=${WS_BUILDDIR:-$(cd "$(dirname "$0")/../.." && pwd)/build}
FA=$builddir/stonith/fence_berofos
RNG=${FENCE_RNG:-/usr/share/cluster/relaxng/metadata.rng}

if [ ! -r "$RNG" ]; then
	echo "SKIP: $RNG not found (Debian package fence-agents)"
	exit 77
fi
[ -x "$FA" ] || { echo "FAIL: $FA not built" >&2; exit 1; }
work=$(mktemp -d /tmp/wsfence-rng.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$FA" -o metadata >"$work/meta.xml"
xmllint --noout --relaxng "$RNG" "$work/meta.xml" ||
	{ echo "FAIL: -o metadata does not validate against $RNG" >&2; exit 1; }
printf 'action=meta-data\n' | "$FA" >"$work/stdin.xml"
xmllint --noout --relaxng "$RNG" "$work/stdin.xml" ||
	{ echo "FAIL: action=meta-data does not validate against $RNG" >&2; exit 1; }
echo "ok: meta-data validates against $RNG"
