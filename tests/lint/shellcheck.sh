#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Lint: shellcheck every shell script in the source tree (by shebang or by
# the .sh suffix), OCF agents included.  Fails when one has a finding, or
# when shellcheck is missing: a lint test that cannot run must not pass.
set -u
srcdir=${WS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}

if ! command -v shellcheck >/dev/null 2>&1; then
	echo "shellcheck not found: install the Debian package shellcheck" >&2
	exit 1
fi

list=$(mktemp)
trap 'rm -f "$list"' EXIT
# Build trees and unpacked dist trees (directories only: scripts/build.sh
# is ours), the copies an in-place build edits for installing (edited/) and
# debian/ (makefiles) are not ours to lint here.
find "$srcdir" -mindepth 1 \( -name .git -o -type d \( -name 'build*' -o -name '_build' -o -name '_inst' -o -name autom4te.cache \
	-o -name debian -o -name 'warmstandby-*' -o -path "$srcdir/edited" \) \) -prune -o -type f -print |
while IFS= read -r f; do
	case $f in
	*.sh) echo "$f" ;;
	*.c|*.h|*.md|*.am|*.mk|*.in|*.xml|*.crm|*.txt|*.py) ;;
	*) head -c 64 "$f" 2>/dev/null | grep -qE '^#!(/usr)?/bin/(env )?(ba|da)?sh' && echo "$f" ;;
	esac
done | sort >"$list"

count=$(wc -l <"$list")
if [ "$count" -eq 0 ]; then
	echo "no shell scripts found under $srcdir" >&2
	exit 1
fi
# -x: follow the files that scripts source, with paths relative to them.
# shellcheck disable=SC2046 # one argument per file name, none has blanks
if shellcheck -x -P SCRIPTDIR $(cat "$list"); then
	echo "shellcheck: $count scripts clean"
	exit 0
fi
exit 1
