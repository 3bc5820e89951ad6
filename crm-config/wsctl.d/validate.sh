# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: the validators of names, interfaces, addresses, numbers and
# the power map; pure, no system state.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

is_uint() { case $1 in ''|*[!0-9]*) return 1 ;; esac; [ "${#1}" -le 9 ]; }
# A decimal number of seconds such as 2 or 0.3.
is_seconds() {
	case $1 in ''|.*|*.|*[!0-9.]*|*.*.*) return 1 ;; esac
	[ "${#1}" -le 9 ]
}
# Interface names: what the kernel accepts (1-15 chars, no / or blanks),
# narrowed to the usual characters.
valid_iface() {
	case $1 in ''|.|..|-*|*[!A-Za-z0-9_.:-]*) return 1 ;; esac
	[ "${#1}" -le 15 ]
}
# A path that replicate copies: absolute, in the characters of a path
# value, and no component empty, . or ..: so never / itself (the peer's
# whole disk), never a path that climbs out of what it names (..), and no
# /./, where rsync's --relative would cut the path and write elsewhere on
# the peer.  A trailing slash is an empty component too (rsync reads it
# as "the contents of").
valid_repl_path() {
	case $1 in /*) ;; *) return 1 ;; esac
	case $1 in *[!A-Za-z0-9_./+-]*) return 1 ;; esac
	case $1/ in *//*|*/./*|*/../*) return 1 ;; esac
	return 0
}
valid_repl_paths() { for vr_p in $1; do valid_repl_path "$vr_p" || return 1; done; }
# The seconds between two replication rounds: at least 1, at most an hour.
valid_interval() { is_uint "$1" && [ "$1" -ge 1 ] && [ "$1" -le 3600 ]; }
# Node and switch section names: host-name characters.
valid_name() {
	case $1 in ''|-*|*[!A-Za-z0-9_.-]*) return 1 ;; esac
	[ "${#1}" -le 63 ]
}
valid_ipv4() {
	case $1 in *[!0-9.]*|.*|*.|*..*) return 1 ;; esac
	# shellcheck disable=SC2086 # split on the dots on purpose
	(IFS=.; set -- $1; [ $# -eq 4 ] || exit 1
	for o in "$@"; do is_uint "$o" && [ "$o" -le 255 ] || exit 1; done)
}
# ADDR/CIDR[@IFACE]
valid_vip() {
	vv_addr=${1%%/*}
	vv_rest=${1#*/}
	[ "$vv_rest" != "$1" ] || return 1
	vv_cidr=${vv_rest%%@*}
	vv_if=
	[ "$vv_cidr" = "$vv_rest" ] || vv_if=${vv_rest#*@}
	valid_ipv4 "$vv_addr" || return 1
	is_uint "$vv_cidr" && [ "$vv_cidr" -ge 1 ] && [ "$vv_cidr" -le 32 ] || return 1
	[ -z "$vv_if" ] && [ "${vv_rest#*@}" = "$vv_rest" ] && return 0
	valid_iface "$vv_if"
}
# NODE:PORT,NODE:PORT with ports 0 and 1, each once.
valid_power_map() {
	case $1 in *:[01],*:[01]) ;; *) return 1 ;; esac
	pm_a=${1%%,*}
	pm_b=${1#*,}
	valid_name "${pm_a%:*}" && valid_name "${pm_b%:*}" || return 1
	[ "${pm_a#*:}" != "${pm_b#*:}" ] && [ "${pm_a%:*}" != "${pm_b%:*}" ]
}
# power_port MAP NODE: the relay that powers NODE.
power_port() {
	for pp_e in $(printf '%s' "$1" | tr ',' ' '); do
		[ "${pp_e%:*}" = "$2" ] && { printf '%s\n' "${pp_e#*:}"; return 0; }
	done
	return 1
}
