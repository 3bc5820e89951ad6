#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# One licence everywhere: COPYING holds the GPL version 2, debian/copyright
# says GPL-2+ for all files, and both PILS plugins (the HBcomm medium and
# the stonith plugin) declare the GPL to the plugin loader, none the LGPL.
set -u
top=${WS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
failed=0
pass() { echo "ok   $*"; }
flunk() { echo "FAIL $*"; failed=1; }

if [ -f "$top/COPYING" ] && grep -q 'GNU GENERAL PUBLIC LICENSE' "$top/COPYING" &&
	grep -q 'Version 2, June 1991' "$top/COPYING"; then
	pass "COPYING is the GNU GPL version 2"
else
	flunk "COPYING is missing or not the GNU GPL version 2"
fi
# debian/ is not in the dist tarball (distcheck): checked in the git tree.
if [ -f "$top/debian/copyright" ]; then
	if awk '/^Files: \*$/ { f = 1; next } f && /^License:/ { print; exit }' "$top/debian/copyright" |
		grep -qx 'License: GPL-2+'; then
		pass "debian/copyright: Files: * are GPL-2+"
	else
		flunk "debian/copyright does not say GPL-2+ for Files: *"
	fi
fi
plugins=$(grep -l 'PIL_PLUGINLICENSE' "$top"/hbcomm-l2/*.c "$top"/stonith/*.c 2>/dev/null)
[ -n "$plugins" ] || flunk "no PILS plugin source found"
for f in $plugins; do
	name=${f#"$top"/}
	if grep -qE '^#define PIL_PLUGINLICENSE[[:space:]]+LICENSE_GPL$' "$f" &&
		grep -qE '^#define PIL_PLUGINLICENSEURL[[:space:]]+URL_GPL$' "$f"; then
		pass "$name declares LICENSE_GPL and URL_GPL"
	else
		flunk "$name: $(grep -E 'PIL_PLUGINLICENSE' "$f" | tr '\n' ' ')"
	fi
done
exit "$failed"
