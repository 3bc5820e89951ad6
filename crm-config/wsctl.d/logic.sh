# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: messages, argument and config validation, wsctl.conf parsing and
# template rendering: pure functions that touch no system state.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# "check && check || die" is meant: die when either check fails (SC2015).
# shellcheck shell=sh disable=SC2015

err() { printf '%s: %s\n' "$PROG" "$*" >&2; }
say() { printf '%s\n' "$*"; }
# die CODE MESSAGE: every error names what is wrong and what to do.
die() { ws_code=$1; shift; err "$*"; ws_cleanup; exit "$ws_code"; }
usage_error() { err "$*"; err "see 'wsctl ${ws_cmd:+$ws_cmd }--help'"; ws_cleanup; exit "$EX_USAGE"; }

# The options that take no value; every other --opt=value is split.
OPTS_WITHOUT_VALUE="--help --version --dry-run --yes --purge --stop --json --force"
# norm_args ARGS...: the arguments as one line of shell words (for eval
# "set -- ..."), each --opt=value split into --opt and value, so that the
# parsers see one form.  A value given to an option that takes none is a
# usage error.
norm_args() {
	na_out=
	for na_a in "$@"; do
		case $na_a in
		--*=*)
			na_opt=${na_a%%=*}
			case " $OPTS_WITHOUT_VALUE " in
			*" $na_opt "*) usage_error "$na_opt takes no value (give '$na_opt' alone)" ;;
			esac
			na_out="$na_out $(q "$na_opt") $(q "${na_a#*=}")" ;;
		*) na_out="$na_out $(q "$na_a")" ;;
		esac
	done
	printf '%s\n' "$na_out"
}

# ws_version: the release make install wrote, or in the source tree the
# one configure.ac names.
ws_version() {
	if [ -n "$WS_VERSION" ]; then
		printf '%s\n' "$WS_VERSION"
		return
	fi
	wv=$(sed -n 's/^AC_INIT(\[warmstandby\], *\[\([^]]*\)\].*/\1/p' "$(dirname "$0")/../configure.ac" 2>/dev/null)
	printf '%s (source tree)\n' "${wv:-unknown}"
}

# Shell-safe single quoting of one word, for commands run through ssh.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

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

# --- the configuration file -----------------------------------------------------
# Keys, each with the kind of value it takes.  Strict: unknown keys, bad
# values, control characters and long lines are errors; the file is read,
# never sourced.
CONF_KEYS="stack:stack switch:name stonith:name links:ifaces power_map:powermap
berofos_conf:path fosctl:path fos_kickd:path l2ping:path
heartbeat_start:command heartbeat_stop:command
pacemaker_start:command pacemaker_stop:command
hooks:path hook_timeout:uint watchdog_interval:uint kick_interval_ms:uint
reset_wait:seconds fence_delay:uint fence_delay_max:uint stonith_timeout:uint
dc_deadtime:uint corosync_token:uint hb_keepalive:duration hb_deadtime:duration
hb_warntime:duration hb_initdead:uint wait_timeout:uint
primary:name vips:vips services:names"

conf_defaults() {
	conf_stack='' conf_switch='' conf_stonith='' conf_links='' conf_power_map=''
	conf_berofos_conf=/etc/warmstandby/berofos.conf
	conf_fosctl=$WS_SBINDIR/fosctl
	conf_fos_kickd=$WS_SBINDIR/fos-kickd
	conf_l2ping=$WS_SBINDIR/ws-l2ping
	# shellcheck disable=SC2034 # read through eval in stack_start/stop
	{
		conf_heartbeat_start="systemctl start heartbeat"
		conf_heartbeat_stop="systemctl stop heartbeat"
		conf_pacemaker_start="systemctl start corosync pacemaker"
		conf_pacemaker_stop="systemctl stop pacemaker corosync"
	}
	conf_hooks=/etc/warmstandby/hooks.d
	conf_hook_timeout=30
	conf_watchdog_interval=10
	conf_kick_interval_ms=200
	conf_reset_wait=1
	conf_fence_delay=0
	conf_fence_delay_max=0
	conf_stonith_timeout=30
	conf_dc_deadtime=2
	conf_corosync_token=1000
	conf_hb_keepalive=200ms
	conf_hb_deadtime=1
	conf_hb_warntime=600ms
	conf_hb_initdead=10
	conf_wait_timeout=60
	conf_primary='' conf_vips='' conf_services=''
}

conf_kind() {                    # KEY KEYS: prints the kind, fails if unknown
	for ck_e in $2; do
		[ "${ck_e%%:*}" = "$1" ] && { printf '%s\n' "${ck_e#*:}"; return 0; }
	done
	return 1
}

# valid_value KIND VALUE
valid_value() {
	case $1 in
	stack) case $2 in heartbeat|pacemaker) return 0 ;; esac; return 1 ;;
	name) valid_name "$2" ;;
	names) for vv_w in $2; do valid_name "$vv_w" || return 1; done ;;
	ifaces) [ -n "$2" ] || return 1
		for vv_w in $2; do valid_iface "$vv_w" || return 1; done ;;
	vips) for vv_w in $2; do valid_vip "$vv_w" || return 1; done ;;
	powermap) valid_power_map "$2" ;;
	path) case $2 in /*) ;; *) return 1 ;; esac
		case $2 in *[!A-Za-z0-9_./+-]*) return 1 ;; esac ;;
	command) [ -n "$2" ] ;;
	uint) is_uint "$2" ;;
	seconds) is_seconds "$2" ;;
	duration) case $2 in *ms) is_uint "${2%ms}" ;; *) is_uint "$2" ;; esac ;;
	*) return 1 ;;
	esac
}

# conf_check_bytes FILE: printable ASCII, tabs and newlines only, short
# lines, a bounded size.  Prints the reason on failure.
conf_check_bytes() {
	cb_size=$(wc -c <"$1") || { echo "cannot read it"; return 1; }
	[ "$cb_size" -le 65536 ] || { echo "larger than 64 KiB"; return 1; }
	cb_bad=$(LC_ALL=C tr -d '\t\n\040-\176' <"$1" | wc -c)
	[ "$cb_bad" -eq 0 ] || { echo "it contains $cb_bad control or non-ASCII bytes"; return 1; }
	cb_long=$(LC_ALL=C awk 'length($0) > 1024 { print NR; exit }' "$1")
	[ -z "$cb_long" ] || { echo "line $cb_long is longer than 1024 characters"; return 1; }
	return 0
}

# conf_parse FILE [PREFIX KEYS]: sets PREFIXKEY (default conf_KEY) for
# each "key = value" line, KEY one of KEYS (default CONF_KEYS, "key:kind"
# words).  On error prints "FILE:LINE: what" to stderr and fails; sets
# nothing.
conf_parse() {
	cp_file=$1 cp_prefix=${2:-conf_} cp_keys=${3:-$CONF_KEYS}
	if ! cp_why=$(conf_check_bytes "$cp_file"); then
		err "$cp_file: $cp_why; fix or remove the file"
		return 1
	fi
	cp_n=0
	cp_vars=$(mktemp) || return 1
	# Parse in awk-free shell, one line at a time; results go to a list of
	# key<TAB>value lines applied at the end, so a bad file changes nothing.
	while IFS= read -r cp_line || [ -n "$cp_line" ]; do
		cp_n=$((cp_n + 1))
		case $cp_line in
		''|'#'*) continue ;;
		esac
		cp_trim=$(printf '%s' "$cp_line" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
		case $cp_trim in
		''|'#'*) continue ;;
		*=*) ;;
		*) err "$cp_file:$cp_n: expected 'key = value'"; rm -f "$cp_vars"; return 1 ;;
		esac
		cp_key=$(printf '%s' "${cp_trim%%=*}" | sed 's/[[:space:]]*$//')
		cp_val=$(printf '%s' "${cp_trim#*=}" | sed 's/^[[:space:]]*//')
		if ! cp_kind=$(conf_kind "$cp_key" "$cp_keys"); then
			err "$cp_file:$cp_n: unknown key '$cp_key' (see wsctl(8) for the keys)"
			rm -f "$cp_vars"; return 1
		fi
		if ! valid_value "$cp_kind" "$cp_val"; then
			err "$cp_file:$cp_n: bad value for $cp_key (a $cp_kind is expected)"
			rm -f "$cp_vars"; return 1
		fi
		printf '%s\t%s\n' "$cp_key" "$cp_val" >>"$cp_vars"
	done <"$cp_file"
	while IFS='	' read -r cp_key cp_val; do
		eval "$cp_prefix$cp_key=\$cp_val"
	done <"$cp_vars"
	rm -f "$cp_vars"
	return 0
}

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

# json_str TEXT: a JSON string (control characters dropped).
json_str() {
	printf '"%s"' "$(printf '%s' "$1" | tr '\t\n' '  ' | LC_ALL=C tr -d '\000-\037' |
		sed 's/\\/\\\\/g; s/"/\\"/g')"
}
