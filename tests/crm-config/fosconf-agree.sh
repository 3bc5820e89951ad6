#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl's berofos.conf reader (fosconf.sh) against libberofos's loader,
# which fosctl, fos-kickd and the fence agents use (fosconf-dump): for
# each file, a section is found by both or refused by both, and url, user
# and password_file are the same.  Hand-written files for the corners of
# the grammar, then files drawn at random from its pieces (a fixed seed,
# a bounded count), each with Debian's mawk and with gawk.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
WSCTL_SOURCE_ONLY=1
# shellcheck source=../../crm-config/wsctl
. "$WSCTL"
dump="$WS_BUILDDIR/tests/crm-config/fosconf-dump"
[ -x "$dump" ] || { echo "$dump not built (make check builds it)" >&2; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
RANDOM_FILES=${RANDOM_FILES:-300}

# agree FILE SECTION: prints nothing when both readers agree, else what
# differs.
agree() {
	if "$dump" "$1" "$2" >"$dir/c.out" 2>/dev/null; then
		fos_has_section "$1" "$2" || { echo "[$2]: only the C loader finds it"; return; }
		for k in url user password_file; do
			c=$(sed -n "s/^$k=//p" "$dir/c.out")
			s=$(fos_section_value "$1" "$2" "$k")
			[ "$c" = "$s" ] || echo "[$2] $k: C '$c', shell '$s'"
		done
	else
		! fos_has_section "$1" "$2" || echo "[$2]: only the shell reader finds it"
	fi
}

# File N of the corner cases: the text, as printf's format.
corner() {
	case $1 in
	1) printf '[fos1]\nurl = http://192.0.2.10\nuser = admin\npassword_file = /etc/warmstandby/fos1.pw\n' ;;
	2) printf '# a comment\n\n  [fos1]  \n\turl\t=\thttp://a   \n  user=u1\nuser = u2\n' ;;
	3) printf '[fos1]\nurl=http://a\n[fos2]\nurl=http://b\n[fos1]\nuser=again\n' ;;
	4) printf '[ fos1 ]\nurl=http://spaced\n[fos2]\nurl=x\n' ;;
	5) printf '[fos1]x\nurl=1\n' ;;
	6) printf 'url=before-any-section\n[fos1]\nurl=1\n' ;;
	7) printf '[fos1]\n=no key\n' ;;
	8) printf '[fos1]\njust words\n' ;;
	9) printf '[fos1]\n; not a comment here\n' ;;
	10) printf '[fos1]\nuser=a\\sb\\\\c\\qd\\t\nurl=tail\\\n' ;;
	11) printf '[fos1]\nurl[de]=localised\nurl=plain\n' ;;
	12) printf '[fos1]\npassword = secret\nurl=x\n[fos2]\nurl=y\n' ;;
	13) printf '[fos1]\nurl=\nuser=\n' ;;
	14) printf '[]\nurl=x\n' ;;
	15) printf '' ;;
	16) printf '[fos2]\nurl=only two\n' ;;
	*) return 1 ;;
	esac
}

# random_file SEED: 2..9 lines from the grammar's pieces.
random_file() {
	awk -v seed="$1" 'BEGIN {
		srand(seed)
		split("[fos1]|[fos2]|  [fos1]|[fos1]  |[ fos1 ]|[fos1]x|[]", hdr, "|")
		split("url|user|password_file|password|url[de]| url|user |u rl|", key, "|")
		split("http://192.0.2.1|admin| spaced  |a\\sb|x\\|y\\\\z|q\\w||#not", val, "|")
		n = 2 + int(rand() * 8)
		for (i = 1; i <= n; i++) {
			r = rand()
			if (r < 0.25) print hdr[1 + int(rand() * 7)]
			else if (r < 0.32) print "# " val[1 + int(rand() * 9)]
			else if (r < 0.36) print ""
			else if (r < 0.38) print "no equals sign"
			else print key[1 + int(rand() * 9)] (rand() < 0.5 ? " = " : "=") val[1 + int(rand() * 9)]
		}
	}'
}

awks='awk'
for a in mawk gawk; do command -v "$a" >/dev/null 2>&1 && awks="$awks $a"; done
i=1
while corner "$i" >"$dir/corner$i.conf"; do i=$((i + 1)); done
rm -f "$dir/corner$i.conf"
n=1
while [ "$n" -le "$RANDOM_FILES" ]; do random_file "$n" >"$dir/random$n.conf"; n=$((n + 1)); done

# What wsctl says when a section is not found: absent, or the file refused.
ct_check "a missing section is named with the hint" \
	[ "$(fos_section_missing "$dir/corner16.conf" fos1 "add it")" = "no section [fos1] in $dir/corner16.conf: add it" ]
ct_check "a missing berofos.conf is named as unreadable, not as refused" \
	[ "$(fos_section_missing "$dir/absent.conf" fos1 "add it")" = "cannot read $dir/absent.conf: create it (see berofos.conf(5)) or name another with berofos_conf" ]
ct_check "a section holding a password: the file is refused, fosctl names why" \
	sh -c "printf '%s\n' \"\$1\" | grep -q '^$dir/corner12.conf is refused .*fosctl -f $dir/corner12.conf -s fos1 show'" \
	_ "$(fos_section_missing "$dir/corner12.conf" fos1 "add it")"

for a in $awks; do
	mkdir -p "$dir/bin-$a"
	ln -sf "$(command -v "$a")" "$dir/bin-$a/awk"
	(
		PATH="$dir/bin-$a:$PATH"
		for f in "$dir"/corner*.conf; do
			d=$(for s in fos1 fos2; do agree "$f" "$s"; done)
			ct_check "$a: ${f##*/}: wsctl reads what libberofos reads${d:+ ($d)}" [ -z "$d" ]
		done
		bad=0 found=0
		for f in "$dir"/random*.conf; do
			d=$(for s in fos1 fos2; do agree "$f" "$s"; done)
			"$dump" "$f" fos1 >/dev/null 2>&1 && found=$((found + 1))
			[ -z "$d" ] && continue
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && { echo "--- ${f##*/}: $d"; cat "$f"; }
		done
		ct_check "$a: $RANDOM_FILES random files: both readers agree on each (disagreeing: $bad)" [ "$bad" -eq 0 ]
		# The draw must reach both outcomes, or it tests nothing.
		ct_check "$a: the random files hold loadable ones ($found) and refused ones" \
			[ "$found" -gt 10 ] && [ "$found" -lt "$RANDOM_FILES" ]
		ct_finish
	) || exit 1
done
