# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ws-common.sh - shell shared by the warmstandby OCF agents and the
# Heartbeat R1 wrappers, in the manner of resource-agents' *-common.sh.
# Installed in ${OCF_ROOT}/lib/warmstandby; the agents source it after
# ocf-shellfuncs.  Defines constants and functions only.
#
# Copyright (C) 2026 warmstandby authors
# License: GNU General Public License (GPL) version 2 or later

# While this file exists (wsctl disable), the R1 wrappers' stop leaves the
# node as it is.  wsctl keeps the same path among its own constants.
# shellcheck disable=SC2034 # used by the scripts that source this file
WS_MAINTENANCE_FLAG=/run/warmstandby/maintenance

# ws_need_binary NAME [WHY]: have_binary, returning OCF_ERR_INSTALLED where
# check_binary exits, so that stop can go on without a tool it does not need.
ws_need_binary() {
	have_binary "$1" && return "$OCF_SUCCESS"
	ocf_exit_reason "install $1: not found${2:+ ($2)}"
	return "$OCF_ERR_INSTALLED"
}

# ws_param NAME: the value of OCF_RESKEY_NAME.
ws_param() {
	eval "printf '%s' \"\${OCF_RESKEY_$1-}\""
}

# ws_check_uint NAME [MIN]: OCF_RESKEY_NAME is a decimal integer >= MIN
# (default 0); otherwise OCF_ERR_CONFIGURED with the reason.
ws_check_uint() {
	ws_val=$(ws_param "$1")
	case $ws_val in
	''|*[!0-9]*) ;;
	*)
		# Leading zeros stripped: test(1) would not mind, $(( )) reads octal.
		ws_val=$(printf '%s' "$ws_val" | sed 's/^0*\(.\)/\1/')
		[ "${#ws_val}" -le 9 ] && [ "$ws_val" -ge "${2:-0}" ] && return "$OCF_SUCCESS" ;;
	esac
	ocf_exit_reason "set $1 to an integer >= ${2:-0}, not '$(printf '%.20s' "$(ws_param "$1")")'"
	return "$OCF_ERR_CONFIGURED"
}

# ws_check_int NAME: OCF_RESKEY_NAME is a decimal integer, maybe negative.
ws_check_int() {
	ws_val=$(ws_param "$1")
	case $ws_val in
	''|*[!0-9-]*|?*-*|-) ;;
	*) return "$OCF_SUCCESS" ;;
	esac
	ocf_exit_reason "set $1 to an integer, not '$(printf '%.20s' "$ws_val")'"
	return "$OCF_ERR_CONFIGURED"
}

# ws_check_bool NAME: OCF_RESKEY_NAME is a boolean that ocf_is_true reads
# (true/false, yes/no, on/off, 1/0), so that a typo is refused instead of
# read as false.
ws_check_bool() {
	ws_val=$(ws_param "$1")
	case $ws_val in
	[Tt]rue|[Ff]alse|[Yy]es|[Nn]o|1|0|[Oo]n|[Oo]ff) return "$OCF_SUCCESS" ;;
	esac
	ocf_exit_reason "set $1 to true or false, not '$(printf '%.20s' "$ws_val")'"
	return "$OCF_ERR_CONFIGURED"
}

# ws_pid_alive PID: the process exists and is not a zombie.  kill -0 alone
# finds zombies too: a daemon that died and that no init has reaped yet.
ws_pid_alive() {
	[ -r "/proc/$1/stat" ] || return 1
	# The state follows the command name in parentheses.
	case $(sed -n 's/^.*) \([A-Z]\).*$/\1/p' "/proc/$1/stat" 2>/dev/null) in
	''|Z|X) return 1 ;;
	esac
	return 0
}

# ws_pidfile_pid FILE: prints the PID that FILE names if that process lives.
ws_pidfile_pid() {
	[ -r "$1" ] || return 1
	ws_pid=$(sed -n '1{s/[^0-9]//g;p;}' "$1")
	[ -n "$ws_pid" ] && ws_pid_alive "$ws_pid" || return 1
	printf '%s\n' "$ws_pid"
}

# ws_fosctl_ocf RC WHAT [WHY]: fosctl's exit status (fosctl(8)) as an OCF
# code, with a short reason, the fix first.  The one table of it.
ws_fosctl_ocf() {
	case $1 in
	0) return "$OCF_SUCCESS" ;;
	2) ocf_exit_reason "fix the parameters: $2: $3"
	   return "$OCF_ERR_CONFIGURED" ;;
	3) ocf_exit_reason "fix config/credentials file: $2: $3"
	   return "$OCF_ERR_INSTALLED" ;;
	4) ocf_exit_reason "switch unreachable: $2: $3"
	   return "$OCF_ERR_GENERIC" ;;
	5|124|137) ocf_exit_reason "switch did not answer in time: $2"
	   return "$OCF_ERR_GENERIC" ;;
	6) ocf_exit_reason "fix the switch password: refused: $2"
	   return "$OCF_ERR_PERM" ;;
	*) ocf_exit_reason "fosctl failed ($1): $2: $3"
	   return "$OCF_ERR_GENERIC" ;;
	esac
}
