#!/bin/bash
# Corosync + Pacemaker fencing through fence_berofos (the fence-agents
# style program) and the emulated berofos.  pacemaker-fenced looks for such
# agents only in /usr/sbin, so each node mounts an overlay of a small
# directory holding our fence_berofos over its /usr/sbin (in the node's own
# mount namespace, at every power-on, before the cluster stack starts); the
# host's /usr/sbin is untouched.  A power cut of the master n1: n2 fences n1
# (relay 0 off, on), takes the VIP over; n1 boots and rejoins.
# shellcheck disable=SC2317 # the helpers below run through tb_check and tb_wait_for
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../netns/lib.sh
. "$here/../netns/lib.sh"
# shellcheck source=../netns/pcmk.sh
. "$here/../netns/pcmk.sh"
# shellcheck source=../netns/scenario.sh
. "$here/../netns/scenario.sh"
# shellcheck source=../netns/fos.sh
. "$here/../netns/fos.sh"
# shellcheck source=../ocf/tb-ocf.sh
. "$here/../ocf/tb-ocf.sh"
# pair_switch_and_nodes: the switch, n1 and n2 with our plugins overlaid
# shellcheck source=../netns/pairs.sh
. "$here/../netns/pairs.sh"

AGENT="$TB_BUILDDIR/stonith/fence_berofos"
[ -x "$AGENT" ] || tb_die "$AGENT not built"
RESET_WAIT=0.3

fence_started() { tb_in "$1" crm_mon -1 2>/dev/null | grep -q 'fence-agent.*Started'; }
can_fence() { tb_in "$1" stonith_admin --list "$2" 2>/dev/null | grep -q fence-agent; }
# sbin_overlay NODE: our agent appears in NODE's /usr/sbin.
sbin_overlay() {
	tb_in "$1" mount -t overlay overlay -o "lowerdir=$TB_DIR/sbin:/usr/sbin" /usr/sbin
}

tb_init stonith-pcmk-fence-agent lan
pair_switch_and_nodes
mkdir -p "$TB_DIR/sbin"
cp "$AGENT" "$TB_DIR/sbin/fence_berofos"

crm="$TB_DIR/cib.crm"
cat >"$crm" <<EOCRM
property stonith-enabled=true dc-deadtime=2s stonith-timeout=30s
rsc_defaults resource-stickiness=100
primitive fence-agent stonith:fence_berofos params ip=$FOS_IP hostmap="n1:0 n2:1" \
	password_file=$(fos_password_file) shell_timeout=2 reset_wait=$RESET_WAIT \
	op monitor interval=30s
primitive vip IPaddr2 params ip=$TB_VIP cidr_netmask=24 nic=eth0 op monitor interval=10s
location vip-prefers-n1 vip 50: n1
EOCRM
for n in n1 n2; do
	tb_node_start "$n"
	sbin_overlay "$n" || tb_die "cannot overlay /usr/sbin in $n"
	cs_configure "$n"
	pcmk_seed_cib "$n" "$crm" || tb_die "crmsh could not load $crm"
	# The switch's hook sources this with lib.sh and pcmk.sh only.
	printf 'tb_in %s mount -t overlay overlay -o lowerdir=%s:/usr/sbin /usr/sbin && pcmk_start %s\n' \
		"$n" "$TB_DIR/sbin" "$n" >"$TB_DIR/$n/boot"
done
scn_startup_to_vip scn_each_node pcmk_start
tb_check "VIP answers from n1 after start-up" tb_le "$SCN_STARTUP" 90
tb_check "the cluster has a DC and quorum" pcmk_wait_ready n2 30
tb_check "n2 sees n1 online" tb_wait_for 20 pcmk_online n2 n1
tb_check "fence_berofos is in n2's /usr/sbin, not in the host's" \
	test -x "/proc/$(tb_init_pid n2)/root/usr/sbin/fence_berofos" -a ! -e /usr/sbin/fence_berofos
tb_check "the fence device fence-agent (fence_berofos) is started" tb_wait_for 30 fence_started n2
tb_check "n2 can fence n1 through it (dynamic list from the agent)" tb_wait_for 20 can_fence n2 n1

mark=$(fos_log_lines)
mapfile -t watches < <(scn_pcmk_watches n1 n2
	echo "--watch=fenced:$(pcmk_log n2):Operation 'reboot' targeting n1 by .* OK")
old_init=$(tb_init_pid n1)
tb_pid_is_ours "$old_init" || tb_die "n1: PID $old_init is not the init we started"
out=$(tb_probe --kill "$old_init" --expect-mac "$(tb_mac n2 lan)" --timeout 60 "${watches[@]}")
tb_check "n2 fences n1 through fence_berofos (bound 30 s)" tb_le "$(tb_event_time "$out" fenced)" 30
tb_check "VIP answers from n2 after n1's power cut (bound 30 s)" tb_le "$(tb_event_time "$out" vip)" 30
tb_check "fencing n1 switched relay 0 off, then on (reboot)" \
	tb_wait_for 5 fos_power_events_are "$mark" "power 0 off power 0 on "
tb_check "n1 boots again (agent overlaid again) and rejoins" tb_wait_for 90 pcmk_online n2 n1
tb_check "n2 kept the VIP while n1 rejoined" scn_only_holder n2 5
tb_check "clean stop of n1" pcmk_stop n1

scn_timeline "power cut of the master n1, fence_berofos, reset_wait $RESET_WAIT s (s after the kill):" "$out"
tb_finish
