#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl in the testbed: two nodes n1, n2 that boot systemd with the
# installed packages and reach each other by ssh as root, the emulated
# switch as berofos.conf section fos1 in each node's /etc/warmstandby, and
# in each node a /etc/warmstandby/wsctl.conf with wsctl's defaults but the
# test hooks and short watchdog timers (pairs.sh).  Nothing is configured
# or started: that is wsctl's job, with its default stack commands
# (systemctl).  Sourcing it sources the testbed (lib.sh, hb.sh, pcmk.sh,
# scenario.sh, fos.sh, ssh.sh, tb-ocf.sh, pairs.sh).
tbw_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../netns/lib.sh
. "$tbw_here/../netns/lib.sh"
# shellcheck source=../netns/hb.sh
. "$tbw_here/../netns/hb.sh"
# shellcheck source=../netns/pcmk.sh
. "$tbw_here/../netns/pcmk.sh"
# shellcheck source=../netns/scenario.sh
. "$tbw_here/../netns/scenario.sh"
# shellcheck source=../netns/fos.sh
. "$tbw_here/../netns/fos.sh"
# shellcheck source=../netns/ssh.sh
. "$tbw_here/../netns/ssh.sh"
# shellcheck source=../ocf/tb-ocf.sh
. "$tbw_here/../ocf/tb-ocf.sh"
# shellcheck source=../netns/pairs.sh
. "$tbw_here/../netns/pairs.sh"

TBW_SWITCH=$PAIR_SWITCH

# tbw_setup NAME: the run, the switch, n1 and n2 powered on with sshd.
tbw_setup() {
	tb_init "$1" lan aux
	pair_switch_and_nodes
	pair_boot
}

tbw_rc_is() { [ "$(cat "$TB_DIR/wsctl-$1.rc")" = "$2" ]; }          # NAME CODE
tbw_err_has() { grep -q -- "$2" "$TB_DIR/wsctl-$1.err"; }            # NAME TEXT
tbw_out_has() { grep -q -- "$2" "$TB_DIR/wsctl-$1.out"; }            # NAME TEXT

# tbw_snapshot NODE: checksums of everything wsctl may write on NODE's disk.
tbw_snapshot() {
	local d
	d=$(tb_state "$1")
	(cd "$d" && find etc/ha.d etc/corosync etc/warmstandby var/lib/pacemaker/cib -type f -print0 2>/dev/null |
		sort -z | xargs -0 -r sha256sum)
}
tbw_snapshot_all() { tbw_snapshot n1; tbw_snapshot n2; }

# tbw_json_field NAME EXPR: a value from the JSON status NAME (python3).
tbw_json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2], {"d": d}))' "$TB_DIR/wsctl-$1.out" "$2" 2>/dev/null
}
tbw_json_is() { [ "$(tbw_json "$1" "$2")" = "$3" ]; }               # NAME EXPR VALUE

# tbw_watchdog_enabled: the switch says its watchdog is enabled.
tbw_watchdog_enabled() { fos_ctl --json watchdog status 2>/dev/null | grep -q '"enabled": *true'; }

# tbw_bg_cmd NAME NODE ARGS...: a shell command line that runs wsctl on
# NODE in the background (for wsprobe --fault, which waits for its fault
# command); results as with tbw_run, the status file written last.
tbw_bg_cmd() {
	local name=$1 node=$2 out="$TB_DIR/wsctl-$1"
	shift 2
	rm -f "$out.rc"
	printf '{ nsenter -t %s -m -u -i -n -p -C -r -w wsctl' "$(tb_init_pid "$node")"
	printf ' %q' "$@"
	printf ' >%q 2>%q; echo $? >%q.tmp; mv %q.tmp %q; } 9>&- &' "$out.out" "$out.err" "$out.rc" "$out.rc" "$out.rc"
}
tbw_done() { [ -s "$TB_DIR/wsctl-$1.rc" ]; }

# tbw_holders_start / tbw_holders_stop: every second, the MACs that answer
# for the VIP (one line per second, "-" when none), until stopped
# (bounded to 180 s).
tbw_holders_start() {
	TBW_HOLDERS="$TB_DIR/holders-$1"
	rm -f "$TBW_HOLDERS.stop"
	(
		i=0
		while [ ! -e "$TBW_HOLDERS.stop" ] && [ "$i" -lt 180 ]; do
			h=$(tb_vip_holders 1 | sort | tr '\n' ' ')
			echo "${h:--}"
			i=$((i + 1))
		done
	) >"$TBW_HOLDERS" 2>/dev/null 9>&- &
	TBW_HOLDERS_PID=$!
}
tbw_holders_stop() {
	: >"$TBW_HOLDERS.stop"
	wait "$TBW_HOLDERS_PID" 2>/dev/null
}
# tbw_holders_only NODE: every sample saw NODE's MAC or nobody, never another.
tbw_holders_only() { ! grep -v -x -e "$(tb_mac "$1" lan) " -e - "$TBW_HOLDERS" | grep -q .; }
tbw_holders_absent() { grep -c -x -- - "$TBW_HOLDERS"; }

# tbw_samples_master_stays NODE: in every role sample NODE is master, the
# other is not, and the relays point at NODE.
tbw_samples_master_stays() {
	local col=2 other=3 mode
	[ "$1" = n2 ] && { col=3; other=2; }
	mode=$(wso_mode_of "$1")
	[ -s "$(fos_dir)/samples" ] &&
		awk -v c="$col" -v o="$other" -v m="$mode" '$c != "master" || $o == "master" || $4 != m { bad++ } END { exit bad > 0 }' \
			"$(fos_dir)/samples"
}

# The running stacks, as the nodes see them.
tbw_stack_runs() {               # NODE STACK
	case $2 in
	heartbeat) tb_in "$1" cl_status hbstatus >/dev/null 2>&1 ;;
	pacemaker) tb_in "$1" corosync-cfgtool -s >/dev/null 2>&1 ;;
	esac
}
tbw_stack_stopped_everywhere() { ! tbw_stack_runs n1 "$1" && ! tbw_stack_runs n2 "$1"; }

# tbw_scenario STACK: the whole life of a pair on STACK, one cluster
# start-up: dry runs that fail (and one that passes) changing nothing,
# activate, status, handover, disable; status checked in each phase.
tbw_scenario() {
	local stack=$1 links before t0 act_s gap out act
	read -ra links <<<"$(pair_links "$stack")"
	mapfile -t act < <(pair_activate_args "$stack")

	tbw_setup "wsctl-$stack"
	tb_log "dry runs that must fail"
	before=$(tbw_snapshot_all)
	tbw_run dry-peer n1 --stack "$stack" activate --peer n3 "${links[@]}" --switch "$TBW_SWITCH" --dry-run
	tb_check "dry run, unknown peer: exit 4 (peer unreachable)" tbw_rc_is dry-peer 4
	tb_check "dry run, unknown peer: says ssh cannot reach it" tbw_err_has dry-peer "n3 is not reachable by ssh"
	local pw=/etc/warmstandby/$TBW_SWITCH.pw
	tb_in n1 sh -c "cp -p $pw $pw.good && echo wrongpassword >$pw"
	tbw_run dry-password n1 "${act[@]}" --dry-run
	tb_in n1 mv -f "$pw.good" "$pw"
	tb_check "dry run, wrong switch password: exit 5 (switch)" tbw_rc_is dry-password 5
	tb_check "dry run, wrong switch password: says the switch refused it" tbw_err_has dry-password "n1: lines switch fos1: it refused the user name or password"
	tbw_run dry-iface n1 "${act[@]}" --link eth7 --dry-run
	tb_check "dry run, missing interface: exit 1 (check failed)" tbw_rc_is dry-iface 1
	tb_check "dry run, missing interface: names it on both nodes" tbw_err_has dry-iface "n2: no interface eth7"
	tbw_run dry-ok n1 "${act[@]}" --dry-run
	tb_check "dry run with everything right: exit 0" tbw_rc_is dry-ok 0
	tb_check "dry run prints the plan" tbw_out_has dry-ok "n2: write /etc/warmstandby/wsctl.cluster"
	tb_check "the dry runs changed no file on either node" [ "$before" = "$(tbw_snapshot_all)" ]
	if [ "$stack" = pacemaker ]; then
		tb_check "dry run: the plan writes no CIB file, it loads the configuration into the cluster" \
			eval '! tbw_out_has dry-ok "write /var/lib/pacemaker/cib" && tbw_out_has dry-ok "load the configuration into the cluster on n1 (crm configure load update)"'
	fi

	[ "$stack" != heartbeat ] || tbw_copy_phase "${act[@]}"

	tb_log "remembered choices"
	tbw_run use-switch n1 switch use "$TBW_SWITCH"
	tb_check "switch use $TBW_SWITCH: exit 0, recorded" sh -c "[ $(cat "$TB_DIR/wsctl-use-switch.rc") = 0 ] &&
		grep -qx 'switch = $TBW_SWITCH' '/proc/$(tb_init_pid n1)/root/etc/warmstandby/wsctl.conf'"
	tbw_run use-noswitch n1 switch use fos9
	tb_check "switch use of a missing section: exit 5" tbw_rc_is use-noswitch 5
	tbw_run use-nolink n1 link use eth7
	tb_check "link use of a missing interface: exit 1" tbw_rc_is use-nolink 1

	tbw_replicate_setup

	tb_log "activate"
	t0=$(tb_now)
	tbw_run activate n1 "${act[@]}" --yes
	act_s=$(tb_elapsed "$t0" "$(tb_now)")
	tb_check "activate: exit 0" tbw_rc_is activate 0
	tbw_rc_is activate 0 || tb_die "activate failed: the later phases need a pair"
	[ "$stack" != pacemaker ] || tb_check "activate: the configuration went into the running cluster through crmsh on n1 (a CIB patch from n1's cibadmin)" \
		grep -q "Completed cib_apply_diff operation for section 'all': OK (rc=0, origin=n1/cibadmin/" "$(pcmk_log n1)"
	echo "activate to one master with lines and VIP: $act_s s ($stack)"
	tb_check "activate: exactly one master, n1" wso_master_is n1
	tb_check "activate: lines on n1" wso_lines_on n1
	tb_check "activate: the VIP answers from n1 only" scn_only_holder n1 2
	pair_check_product "$stack"
	tbw_check_feeder n1 n2
	tbw_check_status n1 status-active n1
	tbw_replicate_check n1 n2 "$stack"
	tbw_run use-link-active n1 link use eth1
	tb_check "link use while active: refused (exit 1) with the safe procedure" \
		sh -c "[ $(cat "$TB_DIR/wsctl-use-link-active.rc" 2>/dev/null || echo x) = 1 ] && grep -q 'disable --purge' '$TB_DIR/wsctl-use-link-active.err'"

	tb_log "handover"
	wso_sampler_start 60
	out=$(tb_probe --fault "$(tbw_bg_cmd handover n1 handover)" --expect-mac "$(tb_mac n2 lan)" \
		--timeout 60 "--watch=lines:$(fos_log):relay mode 1 -> 0")
	tb_wait_for 60 tbw_done handover
	wso_sampler_stop
	sed 's/^/  [handover] /' "$TB_DIR/wsctl-handover.out" "$TB_DIR/wsctl-handover.err"
	scn_timeline "handover, seconds after wsctl handover started (wsprobe):" "$out"
	tb_check "handover: exit 0" tbw_rc_is handover 0
	tb_check "handover: n2 is the only master" wso_master_is n2
	tb_check "handover: lines on n2" wso_lines_on n2
	tb_check "handover: the VIP answers from n2 only" scn_only_holder n2 2
	echo "handover role samples: $(wso_sampler_report)"
	tb_check "handover: never two masters" [ "$(wso_report_field "$(wso_sampler_report)" two_masters)" = 0 ]
	gap=$(sed -n 's/^VIP .* gap: \([0-9.]*\) s.*/\1/p' "$TB_DIR/wsctl-handover.out")
	echo "handover VIP gap measured by wsctl: ${gap:--} s ($stack)"
	tb_check "handover: wsctl printed a VIP gap under 10 s" tb_le "${gap:--}" 10
	tbw_check_status n2 status-handover n2
	tbw_check_feeder n2 n1
	tbw_replicate_handover_check n2 n1 "$stack"
	[ "$stack" != pacemaker ] || tbw_ip_change_phase

	tb_log "disable"
	wso_sampler_start 90
	tbw_holders_start disable
	if [ "$stack" = pacemaker ]; then
		tbw_run disable n1 disable --purge
	else
		tbw_run disable n1 disable
	fi
	tbw_holders_stop
	wso_sampler_stop
	tb_check "disable: exit 0" tbw_rc_is disable 0
	tb_check "disable: the stack stopped on both nodes" tbw_stack_stopped_everywhere "$stack"
	echo "disable role samples: $(wso_sampler_report)"
	tb_check "disable: n2 stayed master and kept the lines in every sample" tbw_samples_master_stays n2
	tb_check "disable: the VIP never answered from n1" tbw_holders_only n2
	echo "disable: seconds without any VIP holder: $(tbw_holders_absent) of $(wc -l <"$TBW_HOLDERS") ($stack)"
	gap=$(sed -n 's/^VIP .* gap: \([0-9.]*\) s.*/\1/p' "$TB_DIR/wsctl-disable.out")
	[ -z "$gap" ] || echo "disable VIP gap measured by wsctl: $gap s ($stack)"
	[ "$stack" != heartbeat ] || tb_check "disable on R1: wsctl measured a VIP gap under 10 s" tb_le "${gap:--}" 10
	tb_check "disable: n2 still serves the VIP afterwards" scn_only_holder n2 2
	tb_check "disable: n2 is still master, lines on n2" sh -c "[ $(wso_role n2) = master ] && [ $(wso_mode) = $(wso_mode_of n2) ]"
	tb_check "disable: the switch's watchdog is off" eval '! tbw_watchdog_enabled'
	tb_check "disable: fos-kickd on n2 was stopped by disable, not by its stack check" tbw_feeder_stopped_by_disable n2
	if [ "$stack" = pacemaker ]; then
		tb_check "disable --purge: wsctl's files are gone on both nodes" tbw_purged
	else
		tbw_run status-disabled n1 status --json
		tb_check "status after disable: valid JSON, stack not running" tbw_json_is status-disabled 'd["running"]' False
	fi
}

# --- replication (wsctl replicate, ws-replicate.service) ----------------------
# Before activate, n1's wsctl.conf asks for /etc/ws-rep-test every 2 s and
# n1 (the primary) holds a file there, n2 nothing.  After activate the unit
# runs on the master only and the file reaches the slave; after the
# handover the unit runs on the new master, and a file changed there
# reaches the old one, where a file the new master lacks is deleted
# (replicate_delete's default).  Files are read and written in each
# node's own view of its disk.
TBW_REP_DIR=/etc/ws-rep-test
TBW_REP_UNIT=ws-replicate.service
tbw_rep_path() { echo "/proc/$(tb_init_pid "$1")/root$TBW_REP_DIR${2:+/$2}"; }   # NODE [FILE]
tbw_rep_same() { cmp -s "$(tbw_rep_path "$1" "$3")" "$(tbw_rep_path "$2" "$3")"; }  # FROM TO FILE
tbw_rep_active() { [ "$(tb_in "$1" systemctl is-active "$TBW_REP_UNIT")" = active ]; }

tbw_replicate_setup() {
	local conf
	conf="/proc/$(tb_init_pid n1)/root/etc/warmstandby/wsctl.conf"
	tb_log "replication: $TBW_REP_DIR every 2 s"
	if ! { printf 'replicate = %s\nreplicate_interval = 2\n' "$TBW_REP_DIR" >>"$conf" &&
		mkdir -p "$(tbw_rep_path n1)" && echo "n1's configuration $(date +%s.%N)" >"$(tbw_rep_path n1 app.conf)" &&
		rm -rf "$(tbw_rep_path n2)"; }; then
		tb_die "cannot set up the replication's files"
	fi
}

# tbw_replicate_check MASTER SLAVE STACK: right after activate.
tbw_replicate_check() {
	local m=$1 s=$2 t0
	t0=$(tb_now)
	tb_check "replicate: activate checked rsync on both nodes" tbw_out_has activate "$s: rsync installed (replicate)"
	tb_check "replicate: the keys are in $s's wsctl.cluster" \
		grep -qx "replicate = $TBW_REP_DIR" "/proc/$(tb_init_pid "$s")/root/etc/warmstandby/wsctl.cluster"
	tb_check "replicate: $TBW_REP_UNIT runs on the master $m (the gateway's promoted_units)" tb_wait_for 10 tbw_rep_active "$m"
	tb_check "replicate: $TBW_REP_UNIT does not run on the slave $s" eval "! tbw_rep_active $s"
	tbw_rep_reached "$m" "$s" "$t0" "$m's file reached $s" \
		"$TBW_REP_DIR/app.conf on $s %s s after activate returned ($3)" "$3"
	tb_check "replicate: the unit logged the copy in $m's journal" eval \
		"tb_in $m journalctl -q --no-pager -u $TBW_REP_UNIT | grep -q 'replicate: copied $TBW_REP_DIR to $s:/'"
}

# tbw_rep_reached MASTER SLAVE T0 WHAT TIMING STACK: MASTER's app.conf
# reaches SLAVE within 30 s (the check WHAT); prints TIMING with the
# seconds since T0 for its %s, and the master's first copy after its unit
# started.
tbw_rep_reached() {
	local m=$1 s=$2
	if tb_wait_for 30 tbw_rep_same "$m" "$s" app.conf; then
		ok "replicate: $4"
		# shellcheck disable=SC2059 # the caller's format
		printf "replicate: $5\n" "$(tb_elapsed "$3" "$(tb_now)")"
		echo "replicate: $m's first copy $(tbw_rep_first_copy_s "$m") s after $TBW_REP_UNIT started there ($6)"
	else
		check "replicate: $4 within 30 s" false
	fi
}

# tbw_rep_first_copy_s NODE: seconds from the unit's last start on NODE
# to its first copy after it, from NODE's journal ("-" when not found).
tbw_rep_first_copy_s() {
	tb_in "$1" journalctl -q --no-pager -o short-unix -u "$TBW_REP_UNIT" 2>/dev/null | awk '
	/Started / { start = $1; copied = "" }
	/replicate: copied / && start != "" && copied == "" { copied = $1 }
	END { if (copied != "") printf "%.3f\n", copied - start; else print "-" }'
}

# tbw_replicate_handover_check MASTER SLAVE STACK: after the handover to MASTER.
tbw_replicate_handover_check() {
	local m=$1 s=$2 t0
	tb_check "replicate: after the handover $TBW_REP_UNIT runs on the new master $m" tb_wait_for 10 tbw_rep_active "$m"
	tb_check "replicate: and no longer on the old master $s" tb_wait_for 10 eval "! tbw_rep_active $s"
	if ! { echo "old master's leftover" >"$(tbw_rep_path "$s" leftover.conf)" &&
		echo "$m's configuration $(date +%s.%N)" >"$(tbw_rep_path "$m" app.conf)"; }; then
		tb_die "cannot change the replicated files"
	fi
	t0=$(tb_now)
	tbw_rep_reached "$m" "$s" "$t0" "a file changed on the new master $m reached $s" \
		"a change on $m reached $s in %s s (interval 2 s, $3)" "$3"
	tb_check "replicate: a file the master lacks is deleted on $s (replicate_delete = yes)" \
		tb_wait_for 10 eval "[ ! -e '$(tbw_rep_path "$s" leftover.conf)' ]"
}

# tbw_copy_phase ACTIVATE-ARGS...: the switch's credentials set up on n1
# only (n2's berofos.conf holds another switch, no password file): a dry
# run of activate names the copy command; switch copy --dry-run changes
# nothing; switch copy writes n2's section (the other kept) and a
# root-only password file equal to n1's, checks the switch from n2, never
# shows the password; a second copy has nothing to do; a different
# password file on n2 is refused without --force and replaced with it.
# n2's files are as before at the end.  (Stack-independent: run once.)
tbw_copy_phase() {
	local pw=/etc/warmstandby/$TBW_SWITCH.pw before
	# The nodes' own view: a change made in an overlay's upper directory
	# under a mounted overlay is not reliably seen through it.
	TBW_E1="/proc/$(tb_init_pid n1)/root/etc/warmstandby" TBW_E2="/proc/$(tb_init_pid n2)/root/etc/warmstandby"
	tb_log "switch credentials copied to the peer"
	if ! { cp -p "$TBW_E2/berofos.conf" "$TB_DIR/n2-berofos.conf" && cp -p "$TBW_E2/$TBW_SWITCH.pw" "$TB_DIR/n2-switch.pw" &&
		printf '%s\n' '# another switch of this node' '[fosx]' 'url = http://192.0.2.99' >"$TBW_E2/berofos.conf" &&
		rm -f "$TBW_E2/$TBW_SWITCH.pw"; }; then
		tb_die "cannot prepare n2's files"
	fi
	tbw_run dry-nocreds n1 "$@" --dry-run
	tb_check "dry run, no switch section on n2: exit 5, names the copy command" \
		eval "tbw_rc_is dry-nocreds 5 && tbw_err_has dry-nocreds 'wsctl switch copy $TBW_SWITCH --peer n2'"
	before=$(tbw_snapshot n2)
	tbw_run copy-dry n1 switch copy "$TBW_SWITCH" --peer n2 --dry-run
	tb_check "switch copy --dry-run: exit 0, prints the password file it would write" \
		eval "tbw_rc_is copy-dry 0 && tbw_out_has copy-dry 'n2: write $pw (root, mode 0600'"
	tb_check "switch copy --dry-run: nothing changed on n2" [ "$before" = "$(tbw_snapshot n2)" ]
	tbw_run copy n1 switch copy "$TBW_SWITCH" --peer n2
	tb_check "switch copy: exit 0, the switch answers n2 with the copied password" \
		eval "tbw_rc_is copy 0 && tbw_out_has copy 'n2: switch $TBW_SWITCH answers, password accepted'"
	tb_check "switch copy: n2's password file equals n1's, root's, mode 0600" tbw_copied_password
	tb_check "switch copy: n2 has n1's section, its other switch kept" tbw_copied_section
	tb_check "switch copy: no staged or saved file left on n2" eval "! ls '$TBW_E2'/*.wsctl-new '$TBW_E2'/*.wsctl-prev >/dev/null 2>&1"
	tb_check "switch copy: the password is in no output of wsctl nor in either node's journal" tbw_secret_unseen copy copy-dry
	tbw_run copy-again n1 switch copy "$TBW_SWITCH" --peer n2
	tb_check "switch copy again: exit 0, nothing to copy" eval "tbw_rc_is copy-again 0 && tbw_out_has copy-again 'nothing to copy'"
	echo "another password" >"$TBW_E2/$TBW_SWITCH.pw"
	before=$(tbw_snapshot n2)
	tbw_run copy-differs n1 switch copy "$TBW_SWITCH" --peer n2
	tb_check "switch copy over a different password file: exit 1, says so and names --force" \
		eval "tbw_rc_is copy-differs 1 && tbw_err_has copy-differs 'password file $pw differs' && tbw_err_has copy-differs --force"
	tb_check "switch copy over a different password file: n2 unchanged" [ "$before" = "$(tbw_snapshot n2)" ]
	tbw_run copy-force n1 switch copy "$TBW_SWITCH" --peer n2 --force
	tb_check "switch copy --force: exit 0, n2's password file replaced by n1's" eval "tbw_rc_is copy-force 0 && tbw_copied_password"
	if ! { cp -p "$TB_DIR/n2-berofos.conf" "$TBW_E2/berofos.conf" && cp -p "$TB_DIR/n2-switch.pw" "$TBW_E2/$TBW_SWITCH.pw"; }; then
		tb_die "cannot restore n2's files"
	fi
}
tbw_copied_password() {
	cmp -s "$TBW_E1/$TBW_SWITCH.pw" "$TBW_E2/$TBW_SWITCH.pw" && [ "$(stat -c '%u %a' "$TBW_E2/$TBW_SWITCH.pw")" = "0 600" ]
}
# n1's berofos.conf holds the one section: n2's file ends with it.
tbw_copied_section() {
	grep -qx '\[fosx\]' "$TBW_E2/berofos.conf" && grep -qx 'url = http://192.0.2.99' "$TBW_E2/berofos.conf" &&
		sed -n "/^\\[$TBW_SWITCH\\]/,\$p" "$TBW_E2/berofos.conf" | cmp -s - "$TBW_E1/berofos.conf"
}
# tbw_secret_unseen NAME...: the switch's password is in none of these
# wsctl outputs nor in the journal of either node.
tbw_secret_unseen() {
	local secret n f
	secret=$(head -n 1 "$(fos_password_file)")
	[ -n "$secret" ] || return 1
	for f in "$@"; do
		! grep -qF -- "$secret" "$TB_DIR/wsctl-$f.out" "$TB_DIR/wsctl-$f.err" || return 1
	done
	for n in n1 n2; do
		! tb_in "$n" journalctl -q --no-pager 2>/dev/null | grep -qF -- "$secret" || return 1
	done
}

# tbw_ip_change_phase: on Pacemaker's two knet links (eth0, eth1), the
# administrator replaces eth1's addresses on both nodes: corosync loses no
# token (eth0 carries the membership), n2 stays master with the lines in
# every sample; knet reports link 1 down; the old addresses back, link 1
# connects again.
tbw_ip_change_phase() {
	local n mark
	tb_log "IP change on one knet link"
	mark=$(wc -l <"$(cs_log n2)")
	wso_sampler_start 30
	for n in n1 n2; do
		tbw_set_eth1 "$n" "10.98.1.$((10 + $(tb_node_index "$n")))/24"
	done
	tb_check "new addresses on eth1: knet reports link 1 down on n2" tb_wait_for 15 eval '! tbw_knet_link_up n2 1'
	sleep 3
	for n in n1 n2; do
		tbw_set_eth1 "$n" "$(tb_ip "$n" aux)/24"
	done
	tb_check "old addresses back: link 1 connects again" tb_wait_for 30 tbw_knet_link_up n2 1
	wso_sampler_stop
	tb_check "IP change on eth1: corosync lost no token" eval "! tail -n +$((mark + 1)) '$(cs_log n2)' | grep -q 'A processor failed'"
	echo "IP change role samples: $(wso_sampler_report)"
	tb_check "IP change on eth1: n2 stayed master with the lines in every sample" tbw_samples_master_stays n2
}
tbw_set_eth1() {                 # NODE ADDR/CIDR: eth1's only global address
	if ! { tb_in "$1" ip addr flush dev eth1 scope global && tb_in "$1" ip addr add "$2" dev eth1; }; then
		tb_die "$1: cannot set eth1's address to $2"
	fi
}
# tbw_knet_link_up NODE LINK: corosync-cfgtool on NODE says LINK connects it
# to the other node.
tbw_knet_link_up() {
	tb_in "$1" corosync-cfgtool -s 2>/dev/null | awk -v l="$2" -v me="$(tb_node_index "$1")" '
	/^LINK ID/ { in_link = ($3 == l) }
	in_link && /nodeid:/ { id = $0; sub(/^[^0-9]*/, "", id); sub(/[^0-9].*/, "", id)
		if (id != me && /connected/ && !/disconnected/) ok = 1 }
	END { exit !ok }'
}

# tbw_feeder_stopped_by_disable NODE: the feeder is inactive on NODE, and
# its last stop was a stop request, not "the stack is not alive".
tbw_feeder_stopped_by_disable() {
	local log
	[ "$(tb_in "$1" systemctl is-active "fos-kickd@$TBW_SWITCH.service")" != active ] || return 1
	log=$(tb_in "$1" journalctl -q --no-pager -t fos-kickd 2>/dev/null | grep 'without a final kick' | tail -n 1)
	case $log in *"on request"*) return 0 ;; esac
	echo "  last feeder stop on $1: ${log:-none logged}"
	return 1
}

# tbw_check_feeder MASTER SLAVE: the watchdog feeder is the packaged unit
# fos-kickd@SWITCH.service, running on MASTER only (linesw started it
# through systemctl, and stopped it on demote); systemd restarts it after a
# crash (kill -9) before the switch's watchdog runs out; a second feeder
# of the same switch refuses to start.
tbw_check_feeder() {
	local m=$1 s=$2 unit="fos-kickd@$TBW_SWITCH.service" pid
	tb_check "$m: $unit is active on the master" eval "[ \"\$(tb_in $m systemctl is-active $unit)\" = active ]"
	tb_check "$s: $unit is not active on the slave" eval "[ \"\$(tb_in $s systemctl is-active $unit)\" != active ]"
	pid=$(tb_in "$m" systemctl show -p MainPID --value "$unit")
	tb_check "$m: a second feeder of $TBW_SWITCH refuses to start (pidfile lock)" eval \
		"! tb_in_bounded 10 $m fos-kickd --switch $TBW_SWITCH --pidfile /run/warmstandby/fos-kickd-$TBW_SWITCH.pid -e >/dev/null 2>&1"
	tb_in "$m" kill -9 "$pid"
	tb_check "$m: after kill -9 systemd restarts the feeder" tb_wait_for 10 eval \
		"newpid=\$(tb_in $m systemctl show -p MainPID --value $unit); [ -n \"\$newpid\" ] && [ \"\$newpid\" != 0 ] && [ \"\$newpid\" != $pid ]"
	sleep "$WSO_WINTV"
	tb_check "$m: the lines stayed on the master through the feeder's restart" wso_lines_on "$m"
	tb_check "the switch logged no watchdog expiry" eval "! grep -q 'cause=watchdog' '$(fos_log)'"
}

tbw_purged() {
	local n d
	for n in n1 n2; do
		d=$(tb_state "$n")
		[ ! -e "$d/etc/warmstandby/wsctl.cluster" ] && [ ! -e "$d/etc/corosync/authkey" ] &&
			[ ! -e "$d/var/lib/pacemaker/cib/cib.xml" ] && grep -q 'name: node1' "$d/etc/corosync/corosync.conf" || return 1
	done
}

# tbw_check_status NODE NAME MASTER: wsctl status and status --json on
# NODE agree with the real state (roles, lines, VIP holder).
tbw_check_status() {
	local node=$1 name=$2 master=$3 slave=n1
	[ "$master" = n1 ] && slave=n2
	tbw_run "$name" "$node" status
	tb_check "$name: text names $master master" tbw_out_has "$name" "node $master: role master"
	tb_check "$name: text names $slave slave" tbw_out_has "$name" "node $slave: role slave"
	tb_check "$name: text puts the lines on $master" tbw_out_has "$name" "lines: on $master"
	tbw_run "$name-json" "$node" status --json
	tb_check "$name: --json is one valid JSON object" python3 -m json.tool "$TB_DIR/wsctl-$name-json.out" /dev/null
	tb_check "$name: --json roles" tbw_json_is "$name-json" \
		'{n["name"]: n["role"] for n in d["nodes"]} == {"'"$master"'": "master", "'"$slave"'": "slave"}' True
	tb_check "$name: --json lines on $master" tbw_json_is "$name-json" 'd["lines"]' "$master"
	tb_check "$name: --json VIP on $master only" tbw_json_is "$name-json" \
		'[n["name"] for n in d["nodes"] if "'"$TB_VIP"'" in n["vips"]]' "['$master']"
	tb_check "$name: --json watchdog enabled" tbw_json_is "$name-json" '"on" in d["switch"]["watchdog"]' True
}
