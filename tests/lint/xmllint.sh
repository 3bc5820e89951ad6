#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Lint: every XML file in the source tree must be well formed, and every
# OCF agent's meta-data must validate against the OCF ra-api-1.dtd that
# resource-agents installs.  Agents are found under ocf/ as executables.
set -u
srcdir=${WS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
dtd=${OCF_RA_DTD:-/usr/share/resource-agents/ra-api-1.dtd}
failed=0
checked=0

if ! command -v xmllint >/dev/null 2>&1; then
	echo "xmllint not found: install the Debian package libxml2-utils" >&2
	exit 1
fi

for f in $(find "$srcdir" -mindepth 1 \( -name .git -o -type d \( -name 'build*' -o -name '_build' -o -name 'warmstandby-*' \) \) -prune \
		-o -type f -name '*.xml' -print | sort); do
	checked=$((checked + 1))
	xmllint --noout "$f" || failed=1
done

for agent in $(find "$srcdir/ocf" -maxdepth 1 -type f -perm -u+x -print 2>/dev/null | sort); do
	if [ ! -r "$dtd" ]; then
		echo "$dtd not found: install the Debian package resource-agents" >&2
		exit 1
	fi
	checked=$((checked + 1))
	if ! OCF_ROOT=/usr/lib/ocf "$agent" meta-data | xmllint --noout --dtdvalid "$dtd" -; then
		echo "$agent: meta-data does not validate against $dtd" >&2
		failed=1
	fi
done

if [ "$checked" -eq 0 ]; then
	echo "xmllint: no XML documents or OCF agents yet"
	exit 77
fi
echo "xmllint: $checked documents checked"
exit $failed
