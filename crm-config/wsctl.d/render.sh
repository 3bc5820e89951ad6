# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: the templates rendered from NAME<TAB>value lists.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

# render_template TEMPLATE VARSFILE: replaces each @@NAME@@ with the value
# of NAME from VARSFILE (lines "NAME<TAB>value"; a NAME given on several
# lines becomes several lines, for the blocks).  A placeholder left without
# a value is an error: no half-rendered file is ever written.
render_template() {
	awk -F '\t' '
	FNR == NR { v = substr($0, length($1) + 2)
		if ($1 in val) val[$1] = val[$1] "\n" v; else val[$1] = v
		next }
	{
		line = $0; out = ""
		while (match(line, /@@[A-Z0-9_]+@@/)) {
			name = substr(line, RSTART + 2, RLENGTH - 4)
			if (!(name in val)) { print "no value for @@" name "@@" > "/dev/stderr"; bad = 1; exit 1 }
			out = out substr(line, 1, RSTART - 1) val[name]
			line = substr(line, RSTART + RLENGTH)
		}
		print out line
	}
	END { exit bad }' "$2" "$1"
}

# render_block NAME TEMPLATE: TEMPLATE rendered with the values on stdin
# (NAME<TAB>value lines), each of its lines a value of NAME: one item's
# lines of a block in the enclosing template.
render_block() {
	rb_out=$(render_template "$2" /dev/stdin) || return 1
	printf '%s\n' "$rb_out" | awk -v name="$1" '{ print name "\t" $0 }'
}
