# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl.conf (and wsctl.cluster) read by one strict parser:
# keys, kinds, defaults; the file is read, never sourced.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

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
primary:name vips:vips services:names
replicate:replpaths replicate_interval:interval replicate_delete:yesno"

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
	# 10 min of tests/bench/stack-alive.sh's soak load at 500 ms: 2 token
	# timeouts, both healed in the same membership, no member lost.
	conf_corosync_token=500
	conf_hb_keepalive=200ms
	conf_hb_deadtime=1
	conf_hb_warntime=600ms
	conf_hb_initdead=10
	conf_wait_timeout=60
	conf_primary='' conf_vips='' conf_services=''
	conf_replicate='' conf_replicate_interval=20 conf_replicate_delete=yes
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
	replpaths) valid_repl_paths "$2" ;;
	interval) valid_interval "$2" ;;
	yesno) case $2 in yes|no) return 0 ;; esac; return 1 ;;
	*) return 1 ;;
	esac
}

# kind_expect KIND: what a value of KIND looks like, for the error message
# (the kinds whose rules a name alone does not tell are spelt out).
kind_expect() {
	case $1 in
	replpaths) echo "absolute paths separated by blanks; never /, no empty, . or .. component, no trailing slash" ;;
	interval) echo "a whole number of seconds from 1 to 3600" ;;
	yesno) echo "yes or no" ;;
	*) echo "a $1 is expected" ;;
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
			err "$cp_file:$cp_n: bad value for $cp_key ($(kind_expect "$cp_kind"))"
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
