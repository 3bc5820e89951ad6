#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every C file of the tree includes config.h first, so that
# AC_USE_SYSTEM_EXTENSIONS' feature macros are set before any system
# header reads them (a header included earlier fixes its declarations
# without them).
set -u
srcdir=${WS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bad=0 count=0
for f in $(cd "$srcdir" && find . \( -name .git -o -type d \( -name 'build*' -o -name '_build' \
	-o -name 'warmstandby-*' -o -name debian \) \) -prune -o -name '*.c' -print | sort); do
	count=$((count + 1))
	first=$(grep -m1 '^[[:space:]]*#[[:space:]]*include' "$srcdir/$f")
	[ "$first" = '#include "config.h"' ] && continue
	echo "FAIL ${f#./}: its first include is '$first', not config.h"
	bad=1
done
[ "$count" -gt 0 ] || { echo "FAIL no C files found under $srcdir"; exit 1; }
[ "$bad" -eq 0 ] && echo "ok: config.h first in all $count C files"
exit "$bad"
