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
	*/crm-config/wsctl.d/*.sh) ;;	# linted as parts of wsctl, below
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
# wsctl's modules share their variables (the parsed wsctl.conf, the
# cluster's facts), so each is checked as a part of the whole program
# (--check-sourced), where an assignment no module reads (SC2034) or a
# variable no module sets (SC2154) is a finding, as in any other script.
rc=0
# shellcheck disable=SC2046 # one argument per file name, none has blanks
shellcheck -x -P SCRIPTDIR $(cat "$list") || rc=1
modules=0
for m in "$srcdir"/crm-config/wsctl.d/*.sh; do
	modules=$((modules + 1))
	grep -q "^# shellcheck source=wsctl.d/${m##*/}\$" "$srcdir/crm-config/wsctl" && continue
	echo "${m#"$srcdir"/}: not sourced by wsctl with a source directive, so not linted" >&2
	rc=1
done
shellcheck -x -P SCRIPTDIR --check-sourced "$srcdir/crm-config/wsctl" || rc=1
[ "$rc" -eq 0 ] && echo "shellcheck: $count scripts and wsctl with its $modules modules clean"
exit "$rc"
