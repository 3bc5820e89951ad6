# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl switch | stonith | link | config: the remembered choices in
# wsctl.conf.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# "check && check || die" is meant: die when either check fails (SC2015).
# shellcheck shell=sh disable=SC2015

# conf_set KEY VALUE: rewrite wsctl.conf with KEY = VALUE (temporary file
# and rename; the other lines stay as they are).
conf_set() {
	cs_new=$WSCTL_CONF.wsctl-new
	mkdir -p "$(dirname "$WSCTL_CONF")" || die "$EX_CONFIG" "cannot create $(dirname "$WSCTL_CONF")"
	{
		[ ! -f "$WSCTL_CONF" ] || grep -v "^[[:space:]]*$1[[:space:]]*=" "$WSCTL_CONF"
		printf '%s = %s\n' "$1" "$2"
	} >"$cs_new" && chmod 0644 "$cs_new" && mv -f "$cs_new" "$WSCTL_CONF" ||
		{ rm -f "$cs_new"; die "$EX_CONFIG" "cannot write $WSCTL_CONF"; }
	say "$WSCTL_CONF: $1 = $2"
}

cluster_active() { cl_load && stack_running "$(local_node)" "$cl_stack"; }

cmd_switch() {
	[ $# -ge 1 ] || usage_error "switch needs discover, use NAME or copy [NAME...]"
	case $1 in
	copy) shift; cmd_switch_copy "$@" ;;
	discover)
		[ $# -eq 1 ] || usage_error "switch discover takes no argument"
		"$conf_fosctl" -t 2 scan || die "$EX_SWITCH" "the scan failed (fosctl status $?): check the network to the switch" ;;
	use)
		[ $# -eq 2 ] && valid_name "$2" || usage_error "switch use needs one section name of berofos.conf"
		use_check_switch "$2"
		if cluster_active; then
			die "$EX_CHECK" "the pair is active: the lines switch cannot change under a running linesw; run 'wsctl disable --purge', 'wsctl switch use $2', then 'wsctl activate'"
		fi
		conf_set switch "$2" ;;
	*) usage_error "switch: unknown subcommand '$1'" ;;
	esac
}

use_check_switch() {
	fos_has_section "$conf_berofos_conf" "$1" ||
		die "$EX_SWITCH" "$(fos_section_missing "$conf_berofos_conf" "$1" "add it first (see fosctl(8))")"
	uc_rc=0
	fosctl_sw "$1" show >/dev/null 2>&1 || uc_rc=$?
	[ "$uc_rc" -eq 0 ] || die "$EX_SWITCH" "switch $1: $(fosctl_reason "$uc_rc")"
}

cmd_stonith() {
	[ $# -eq 2 ] && [ "$1" = use ] || usage_error "stonith needs: use NAME"
	valid_name "$2" || usage_error "stonith use: '$2' is not a section name"
	need_root
	use_check_switch "$2"
	if cluster_active; then
		case $cl_stack in
		pacemaker)
			if [ "$2" != "$cl_stonith" ]; then
				die "$EX_CHECK" "the pair fences with fence-$cl_stonith; another device needs a new CIB: 'wsctl disable --purge', 'wsctl stonith use $2', 'wsctl activate'"
			fi
			# Same device: refresh its parameters from berofos.conf
			# (fence_berofos's names, as in the template).
			su_url=$(fos_section_value "$conf_berofos_conf" "$2" url)
			su_pwf=$(fos_section_value "$conf_berofos_conf" "$2" password_file)
			su_pw_ok=0
			if [ -n "$su_pwf" ]; then
				crm_resource --resource "fence-$2" --set-parameter password_file --parameter-value "$su_pwf" >/dev/null && su_pw_ok=1
			else
				# A switch without a password: none to pass (absent already is fine).
				crm_resource --resource "fence-$2" --delete-parameter password_file >/dev/null 2>&1 || :
				su_pw_ok=1
			fi
			[ "$su_pw_ok" -eq 1 ] &&
				crm_resource --resource "fence-$2" --set-parameter ip --parameter-value "$(url_host "$su_url")" >/dev/null &&
				crm_resource --resource "fence-$2" --set-parameter ipport --parameter-value "$(url_port "$su_url")" >/dev/null ||
				die "$EX_STACK" "crm_resource could not update fence-$2"
			say "fence-$2: parameters updated from $conf_berofos_conf" ;;
		heartbeat)
			die "$EX_CHECK" "Heartbeat reads stonith_host only at start: 'wsctl disable --purge', 'wsctl stonith use $2', 'wsctl activate'" ;;
		esac
	fi
	conf_set stonith "$2"
}

cmd_link() {
	[ $# -ge 2 ] && [ "$1" = use ] || usage_error "link needs: use IFACE [IFACE...]"
	shift
	lu_list=
	for l in "$@"; do
		valid_iface "$l" || usage_error "link use: '$l' is not an interface name"
		[ -d "/sys/class/net/$l" ] || die "$EX_CHECK" "no interface $l on this node: name an existing one (ip link)"
		lu_list="${lu_list:+$lu_list }$l"
	done
	if cluster_active; then
		die "$EX_CHECK" "the pair is active: links change with the stack's membership configuration; run 'wsctl disable --purge', 'wsctl link use $lu_list', then 'wsctl activate'"
	fi
	conf_set links "$lu_list"
}

cmd_config() {
	[ $# -eq 1 ] && [ "$1" = show ] || usage_error "config needs: show"
	for e in $CONF_KEYS; do
		k=${e%%:*}
		eval "v=\$conf_$k"
		printf '%s = %s\n' "$k" "$v"
	done
}
