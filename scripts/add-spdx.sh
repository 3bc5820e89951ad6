#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Adds the line "SPDX-License-Identifier: GPL-2.0-or-later" (the licence of
# COPYING and debian/copyright) to every source file that lacks one: the
# C files and headers, the shell scripts, the OCF agents and R1 wrappers
# and wsctl.  A C file gets it as a comment on its first line; a script
# after its shebang line, if it has one.  Files that already carry the
# line there are left as they are, so running it twice changes nothing.
#   scripts/add-spdx.sh           add the line where it is missing
#   scripts/add-spdx.sh --list    print the files that must carry it
#   scripts/add-spdx.sh --check   print those that lack it; exit 1 if any
# The files are those git tracks (the work tree without git: found by name,
# skipping build directories and generated files).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
SPDX_ID=GPL-2.0-or-later

list_sources() {
	cd "$top"
	if git rev-parse --git-dir >/dev/null 2>&1; then
		git ls-files -- '*.c' '*.h' '*.sh' 'ocf/*' 'crm-config/wsctl'
	else
		# config.h is configure's output: an in-place build (the Debian
		# package's) writes it next to the sources.
		find . \( -name .git -o -name 'build*' -o -name autom4te.cache -o -name m4 \
			-o -name 'warmstandby-*' -o -name corpus -o -path ./debian \
			-o -path ./config.h \) -prune \
			-o -type f \( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -path './ocf/*' \
			-o -path ./crm-config/wsctl \) -print | sed 's|^\./||'
	fi | while read -r f; do
		# ocf/ also holds files that are not programs (none today): only
		# executables and *.sh there.
		case $f in
		ocf/*.sh) ;;
		ocf/*) [ -x "$f" ] || continue ;;
		esac
		[ -f "$f" ] && printf '%s\n' "$f"
	done | sort -u
}

# The line counts where this script puts it: among the first two lines, as
# a C or shell comment (a file that only talks about it does not count).
has_spdx() {
	head -n 2 "$1" | grep -qE '^(/\* |# )SPDX-License-Identifier: '
}

add_spdx() {                     # FILE
	local_tmp=$1.spdx.$$
	case $1 in
	*.c|*.h)
		{ printf '/* SPDX-License-Identifier: %s */\n' "$SPDX_ID"; cat "$1"; } >"$local_tmp" ;;
	*)
		if head -n 1 "$1" | grep -q '^#!'; then
			{ head -n 1 "$1"; printf '# SPDX-License-Identifier: %s\n' "$SPDX_ID"; tail -n +2 "$1"; } >"$local_tmp"
		else
			{ printf '# SPDX-License-Identifier: %s\n' "$SPDX_ID"; cat "$1"; } >"$local_tmp"
		fi ;;
	esac
	# Keep the mode (executable scripts stay executable).
	chmod "$(stat -c %a "$1")" "$local_tmp" && mv "$local_tmp" "$1"
}

mode=${1:-add}
case $mode in
--list) list_sources ;;
--check)
	missing=0
	for f in $(list_sources); do
		has_spdx "$top/$f" || { printf '%s\n' "$f"; missing=1; }
	done
	exit "$missing" ;;
add)
	added=0
	for f in $(list_sources); do
		has_spdx "$top/$f" && continue
		add_spdx "$top/$f"
		added=$((added + 1))
	done
	echo "add-spdx.sh: added the line to $added files" ;;
*) echo "usage: scripts/add-spdx.sh [--list|--check]" >&2; exit 2 ;;
esac
