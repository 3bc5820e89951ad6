# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl switch copy: a switch's berofos.conf section and its
# password file, from this node to the peer.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# "check && check || die" is meant: die when either check fails (SC2015).
# shellcheck shell=sh disable=SC2015

# The password travels only on ssh's standard input (stage_file) and is
# compared by its SHA-256 on each node: it is never a word of a command
# line, never printed, and never read back from the peer.

cmd_switch_copy() {
	sc_names='' sc_peer='' sc_force=0 sc_dry=0
	while [ $# -gt 0 ]; do
		case $1 in
		--peer) [ $# -ge 2 ] && valid_name "$2" || usage_error "--peer needs a node name"
			sc_peer=$2; shift ;;
		--force) sc_force=1 ;;
		--dry-run) sc_dry=1 ;;
		-*) usage_error "switch copy: unknown option '$1'" ;;
		*) valid_name "$1" || usage_error "switch copy: '$1' is not a section name"
			sc_names="${sc_names:+$sc_names }$1" ;;
		esac
		shift
	done
	[ -n "$sc_names" ] || sc_names=$conf_switch
	[ -n "$sc_names" ] || usage_error "switch copy needs a section name (or wsctl.conf's switch)"
	if [ -z "$sc_peer" ] && cl_load; then
		sc_peer=$(other_node "$(local_node)")
	fi
	[ -n "$sc_peer" ] || usage_error "switch copy needs --peer NODE (no pair activated here names it)"
	! is_local "$sc_peer" || usage_error "switch copy: $sc_peer is this node; name the other one"
	need_root
	peer_reachable "$sc_peer" ||
		die "$EX_PEER" "peer $sc_peer is not reachable by ssh as root (BatchMode): set up root's key and check the name resolves"
	for sc_name in $sc_names; do
		sc_copy_one "$sc_name"
	done
}

# sc_copy_one SECTION: compare, refuse or stage, commit, check there.
sc_copy_one() {
	sc_dir=$(ws_tmp)/copy-$1
	mkdir -p "$sc_dir" || die "$EX_STACK" "cannot create $sc_dir"
	fos_has_section "$conf_berofos_conf" "$1" ||
		die "$EX_SWITCH" "$(fos_section_missing "$conf_berofos_conf" "$1" "copy from the node where it was set up (fosctl passwd)")"
	fos_section_text "$conf_berofos_conf" "$1" >"$sc_dir/section" || die "$EX_CONFIG" "cannot read $conf_berofos_conf"
	sc_pwf=$(fos_section_value "$conf_berofos_conf" "$1" password_file)
	[ -z "$sc_pwf" ] || sc_local_password_ok "$1" "$sc_pwf"

	on "$sc_peer" "if [ -e $(q "$conf_berofos_conf") ]; then cat $(q "$conf_berofos_conf"); fi" \
		</dev/null >"$sc_dir/peer.conf" ||
		die "$EX_PEER" "$sc_peer: cannot read $conf_berofos_conf"
	sc_conf_new=0 sc_pw_new=0 sc_refused=''
	fos_section_text "$sc_dir/peer.conf" "$1" >"$sc_dir/peer.section"
	if ! cmp -s "$sc_dir/section" "$sc_dir/peer.section"; then
		sc_conf_new=1
		[ ! -s "$sc_dir/peer.section" ] || sc_refused="its section [$1] of $conf_berofos_conf differs"
	fi
	if [ -n "$sc_pwf" ]; then
		sc_peer_pw=$(on "$sc_peer" "if [ -e $(q "$sc_pwf") ]; then stat -c '%u %a' $(q "$sc_pwf") && sha256sum <$(q "$sc_pwf"); fi" </dev/null) ||
			die "$EX_PEER" "$sc_peer: cannot inspect $sc_pwf"
		sc_sum=$(sha256sum <"$sc_pwf" | cut -d' ' -f1)
		sc_peer_sum=$(printf '%s\n' "$sc_peer_pw" | sed -n '2s/ .*//p')
		if [ "$sc_peer_sum" != "$sc_sum" ]; then
			sc_pw_new=1
			[ -z "$sc_peer_sum" ] || sc_refused="${sc_refused:+$sc_refused, and }its password file $sc_pwf differs"
		elif [ "$(printf '%s\n' "$sc_peer_pw" | sed -n 1p)" != "0 600" ]; then
			sc_pw_new=1 # same password, unsafe owner or mode: written again
		fi
	fi
	if [ -n "$sc_refused" ] && [ "$sc_force" -eq 0 ]; then
		die "$EX_CHECK" "$sc_peer: $sc_refused: nothing copied (it may hold the switch's current password: check with 'fosctl --switch $1 show' there); replace it with 'wsctl switch copy $1 --peer $sc_peer --force'"
	fi
	if [ "$sc_conf_new" -eq 0 ] && [ "$sc_pw_new" -eq 0 ]; then
		say "$sc_peer: switch $1 already has the same section${sc_pwf:+ and password file}: nothing to copy"
	elif [ "$sc_dry" -eq 1 ]; then
		[ "$sc_conf_new" -eq 0 ] || say "  $sc_peer: write section [$1] into $conf_berofos_conf (the other sections kept)"
		[ "$sc_pw_new" -eq 0 ] || say "  $sc_peer: write $sc_pwf (root, mode 0600, through ssh's standard input)"
		return 0
	else
		sc_commit "$1"
	fi
	sc_check_peer "$1"
}

# sc_local_password_ok SECTION FILE: the file fosctl would accept here.
sc_local_password_ok() {
	case $2 in /*) ;; *) die "$EX_CONFIG" "[$1] password_file '$2' is not an absolute path" ;; esac
	[ -f "$2" ] && [ -r "$2" ] ||
		die "$EX_CONFIG" "[$1] password_file $2 is not a readable file here: create it with 'fosctl --switch $1 --credentials $2 passwd'"
	[ "$(stat -c '%u %a' "$2")" = "0 600" ] ||
		die "$EX_CONFIG" "[$1] password_file $2 must be root's with mode 0600 here (chown root $2; chmod 600 $2)"
}

# sc_commit SECTION: stage both files on the peer, then rename them; when
# the second rename fails the first is undone, so the peer keeps either
# the old pair of files or the new one.
sc_commit() {
	sc_conf_q=$(q "$conf_berofos_conf")
	sc_pwf_q=$(q "$sc_pwf")
	if [ "$sc_conf_new" -eq 1 ]; then
		fos_section_merge "$sc_dir/peer.conf" "$1" "$sc_dir/section" >"$sc_dir/merged" &&
			stage_file "$sc_peer" "$sc_dir/merged" "$conf_berofos_conf" "$(stat -c %a "$conf_berofos_conf")" ||
			{ sc_unstage; die "$EX_PEER" "$sc_peer: cannot write $conf_berofos_conf.wsctl-new"; }
	fi
	if [ "$sc_pw_new" -eq 1 ]; then
		stage_file "$sc_peer" "$sc_pwf" "$sc_pwf" 600 ||
			{ sc_unstage; die "$EX_PEER" "$sc_peer: cannot write $sc_pwf.wsctl-new"; }
	fi
	sc_mv_pw=: sc_mv_conf=: sc_undo_pw=: sc_rm_prev=:
	if [ "$sc_pw_new" -eq 1 ]; then
		sc_rm_prev="rm -f $sc_pwf_q.wsctl-prev"
		sc_mv_pw="{ [ ! -e $sc_pwf_q ] || cp -p $sc_pwf_q $sc_pwf_q.wsctl-prev; } && mv -f $sc_pwf_q.wsctl-new $sc_pwf_q"
		sc_undo_pw="if [ -e $sc_pwf_q.wsctl-prev ]; then mv -f $sc_pwf_q.wsctl-prev $sc_pwf_q; else rm -f $sc_pwf_q; fi"
	fi
	[ "$sc_conf_new" -eq 0 ] || sc_mv_conf="mv -f $sc_conf_q.wsctl-new $sc_conf_q"
	on "$sc_peer" "$sc_mv_pw || exit 1
if $sc_mv_conf; then $sc_rm_prev; exit 0; fi
$sc_undo_pw; exit 1" </dev/null ||
		{ sc_unstage; die "$EX_PEER" "$sc_peer: renaming the copied files failed: its earlier files are in place"; }
	[ "$sc_conf_new" -eq 0 ] || say "$sc_peer: wrote section [$1] into $conf_berofos_conf"
	[ "$sc_pw_new" -eq 0 ] || say "$sc_peer: wrote $sc_pwf (root, mode 0600)"
}
sc_unstage() {
	on "$sc_peer" "rm -f $(q "$conf_berofos_conf.wsctl-new")${sc_pwf:+ $(q "$sc_pwf.wsctl-new")}" </dev/null >/dev/null 2>&1
}

# sc_check_peer SECTION: fosctl on the peer reads the copy and the switch
# takes the password from there.
sc_check_peer() {
	sp_rc=0
	on "$sc_peer" "$(q "$conf_fosctl") -f $(q "$conf_berofos_conf") --switch $1 show" </dev/null >/dev/null 2>&1 || sp_rc=$?
	[ "$sp_rc" -eq 0 ] ||
		die "$EX_SWITCH" "$sc_peer: switch $1, checked from there: $(fosctl_reason "$sp_rc")"
	say "$sc_peer: switch $1 answers, password accepted"
}
