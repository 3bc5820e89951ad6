#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every source file (C, headers, shell scripts, the OCF agents and R1
# wrappers, wsctl) carries an "SPDX-License-Identifier:" line, which
# scripts/add-spdx.sh adds.  By hand:  WS_SRCDIR=. sh tests/lint/spdx.sh
set -u
top=${WS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
total=$("$top/scripts/add-spdx.sh" --list | wc -l)
if missing=$("$top/scripts/add-spdx.sh" --check); then
	echo "spdx: all $total source files carry an SPDX-License-Identifier line"
	exit 0
fi
printf '%s\n' "$missing" | sed 's/^/no SPDX-License-Identifier: /'
echo "spdx: $(printf '%s\n' "$missing" | wc -l) of $total source files lack the line (scripts/add-spdx.sh adds it)"
exit 1
