# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: berofos.conf sections and the URL of a switch, as wsctl reads and
# copies them: pure functions that touch no system state.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

# berofos.conf is a GLib key file, read by libberofos (fos_switchconf.c)
# for fosctl, fos-kickd and the fence agents; wsctl reads it with the same
# grammar, so that both see the same switch: lines trimmed on the left,
# '#' comments, [SECTION] (the name exact, blanks after the bracket
# allowed), a repeated key's last value, the value's blanks kept on the
# right, the \s \n \t \r \\ escapes, any other line a refused file.
# tests/crm-config/fosconf-agree.sh holds the two readers to each other.
# fos_conf_read FILE SECTION [KEY]: prints KEY's value of SECTION (without
# KEY, only checks SECTION); fails 1 if either is absent, 2 if the file
# is refused (as libberofos refuses it, a section holding a password too).
fos_conf_read() {
	LC_ALL=C awk -v sec="$2" -v key="${3-}" '
	function unescape(s,    out, at, c) {
		out = ""
		while ((at = index(s, "\\")) > 0) {
			c = substr(s, at + 1, 1)
			if (c == "s") c = " "
			else if (c == "n") c = "\n"
			else if (c == "t") c = "\t"
			else if (c == "r") c = "\r"
			else if (c != "\\" && c != "") c = "\\" c
			out = out substr(s, 1, at - 1) c
			s = substr(s, at + 2)
		}
		return out s
	}
	{ line = $0; sub(/^[[:space:]]+/, "", line) }
	line == "" || substr(line, 1, 1) == "#" { next }
	substr(line, 1, 1) == "[" {
		if (line !~ /^\[[^][]+\][[:space:]]*$/) { refused = 1; exit }
		group = substr(line, 2)
		sub(/\][[:space:]]*$/, "", group)
		in_sec = (group == sec)
		if (in_sec) have_sec = 1
		groups++
		next
	}
	!groups || index(line, "=") < 2 { refused = 1; exit }
	in_sec {
		k = substr(line, 1, index(line, "=") - 1)
		sub(/[[:space:]]+$/, "", k)
		if (k == "password") has_password = 1
		if (k == key) {
			v = substr(line, index(line, "=") + 1)
			sub(/^[[:space:]]+/, "", v)
			raw = v
			found = 1
		}
	}
	END {
		if (refused || has_password) exit 2
		if (!have_sec) exit 1
		if (key == "") exit 0
		if (!found) exit 1
		printf "%s\n", unescape(raw)
	}' "$1" 2>/dev/null
}
# fos_section_value CONFFILE SECTION KEY: one key of a berofos.conf section.
fos_section_value() { fos_conf_read "$1" "$2" "$3"; }
fos_has_section() { fos_conf_read "$1" "$2"; }
# fos_section_missing FILE SECTION HINT: why fos_has_section failed, with
# HINT for a missing section; a refused file is named as fosctl would.
fos_section_missing() {
	if [ ! -r "$1" ]; then
		printf 'cannot read %s: create it (see berofos.conf(5)) or name another with berofos_conf\n' "$1"
	elif fos_conf_read "$1" "$2" || [ $? -ne 2 ]; then
		printf 'no section [%s] in %s: %s\n' "$2" "$1" "$3"
	else
		printf "%s is refused (a line that is no key, group or comment, or [%s] holds a password): 'fosctl -f %s -s %s show' names it\n" "$1" "$2" "$1" "$2"
	fi
}
# url_address URL: HOST[:PORT] of an http:// URL, IPv6 brackets kept: what
# the R1 plugin's ipaddr takes (the port must reach it: a switch on
# another port than 80 is fenced there too).
url_address() { printf '%s\n' "$1" | sed 's|^[a-z]*://||; s|/.*$||'; }
# The host of a URL without its port; empty for an IPv6 address in brackets.
url_host_v4() { url_address "$1" | sed -n '/^\[/d; s|:[0-9]*$||; p'; }

# The fence guard's kick_stall in whole seconds: twice the kick interval
# (ms), at least 1 (config.txt counts the watchdog in whole seconds).
kick_stall_s() { echo $(( ($1 * 2 + 999) / 1000 > 1 ? ($1 * 2 + 999) / 1000 : 1 )); }
# url_host URL / url_port URL: the same address split for fence_berofos's
# ip and ipport (fence-agents' names): HOST with IPv6 brackets kept, and
# the port, 80 when the URL names none.
url_host() {
	case $(url_address "$1") in
	\[*) url_address "$1" | sed 's|^\(\[[^]]*\]\).*|\1|' ;;
	*) url_address "$1" | sed 's|:.*$||' ;;
	esac
}
url_port() {
	uo_port=$(url_address "$1" | sed -n 's|^\(\[[^]]*\]\)\{0,1\}[^]:]*:\([0-9]*\)$|\2|p')
	printf '%s\n' "${uo_port:-80}"
}

# fosctl exit codes as a sentence (see fosctl(8)).
fosctl_reason() {
	case $1 in
	3) echo "its configuration or password file is unusable (root-owned, mode 0600?)" ;;
	4) echo "it is unreachable (connection refused, no route): check its address and cabling" ;;
	5) echo "it did not answer within the timeout: check its address and that it is powered" ;;
	6) echo "it refused the user name or password: check the password file (fosctl passwd)" ;;
	7) echo "it gave an unexpected answer: is it a berofos?" ;;
	*) echo "fosctl failed with status $1" ;;
	esac
}


# fos_section_text CONFFILE SECTION: the section's header and its lines,
# without the comments and blank lines that end it (those lead into the
# next section).  Prints nothing when the file lacks the section.
fos_section_text() {
	awk -v sec="[$2]" '
	/^[[:space:]]*\[/ { h = $0; gsub(/[[:space:]]/, "", h); in_sec = (h == sec); held = ""
		if (in_sec) print; next }
	!in_sec { next }
	/^[[:space:]]*(#|$)/ { held = held $0 "\n"; next }
	{ printf "%s", held; held = ""; print }' "$1"
}

# fos_section_merge CONFFILE SECTION NEWTEXT: CONFFILE with the section
# replaced by the file NEWTEXT where it stood (a second section of that
# name dropped), or NEWTEXT appended after a blank line; every other line
# as it was.
fos_section_merge() {
	awk -v sec="[$2]" -v newfile="$3" '
	function put_new(   l) { while ((getline l < newfile) > 0) print l; close(newfile); done = 1 }
	/^[[:space:]]*\[/ {
		h = $0; gsub(/[[:space:]]/, "", h)
		if (in_sec) printf "%s", held
		held = ""; in_sec = (h == sec)
		if (in_sec) { if (!done) put_new(); next }
		print; next
	}
	in_sec && /^[[:space:]]*(#|$)/ { held = held $0 "\n"; next }
	in_sec { held = ""; next }
	{ print; last = $0 }
	END {
		if (in_sec) printf "%s", held
		else if (!done) { if (NR > 0 && last != "") print ""; put_new() }
	}' "$1"
}
