#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Corosync + Pacemaker fencing through fence_berofos (the fence-agents
# style program, installed by warmstandby-stonith in /usr/sbin, where
# pacemaker-fenced looks) and the emulated berofos.  The pair is the one
# `wsctl activate` sets up; its fence device (fence_berofos with the fence
# guard) is then replaced with the stock tools, as an administrator who
# writes their own does: crm configure adds a plain stonith:fence_berofos
# and deletes wsctl's device.  A power cut of the master n1: n2 fences n1
# (relay 0 off, on), takes the VIP over; n1 boots and rejoins.
# shellcheck disable=SC2317 # the helpers below run through check and tb_wait_for
set -u
here=$(cd "$(dirname "$0")" && pwd)
# pair_run: the switch, n1 and n2, wsctl activate
# shellcheck source=../netns/testbed.sh
. "$here/../netns/testbed.sh"

RESET_WAIT=0.3

fence_started() { tb_in "$1" crm_mon -1 2>/dev/null | grep -q 'fence-agent.*Started'; }
can_fence() { tb_in "$1" stonith_admin --list "$2" 2>/dev/null | grep -q fence-agent; }
crm_ok() { tb_in_bounded 60 n1 crm "$@" >>"$TB_DIR/crm.out" 2>&1; }
one_device() { [ "$(stonith_devices)" = 1 ] && ! tb_in n1 crm_resource --list-raw 2>/dev/null | grep -qx "fence-$PAIR_SWITCH"; }
stonith_devices() { tb_in n1 stonith_admin --list-registered 2>/dev/null | grep -c 'fence-'; }

pair_run stonith-pcmk-fence-agent pacemaker
check "crm configure adds the fence_berofos device" crm_ok configure primitive fence-agent \
	stonith:fence_berofos params ip="$FOS_IP" hostmap=n1:0,n2:1 \
	password_file="/etc/warmstandby/$PAIR_SWITCH.pw" shell_timeout=2 reset_wait="$RESET_WAIT" \
	op monitor interval=30s
check "crm stops and deletes wsctl's fence device" \
	eval "crm_ok resource stop fence-$PAIR_SWITCH && crm_ok -F configure delete fence-$PAIR_SWITCH"
check "fence-agent is the only fence device left (registered and configured)" tb_wait_for 30 one_device
check "VIP answers from n1 after start-up" tb_le "$SCN_STARTUP" 90
check "the cluster has a DC and quorum" pcmk_wait_ready n2 30
check "n2 sees n1 online" tb_wait_for 20 pcmk_online n2 n1
check "fence_berofos is in n2's /usr/sbin (installed), not in the host's" \
	test -x "/proc/$(tb_init_pid n2)/root/usr/sbin/fence_berofos" -a ! -e /usr/sbin/fence_berofos
check "the fence device fence-agent (fence_berofos) is started" tb_wait_for 30 fence_started n2
check "n2 can fence n1 through it (dynamic list from the agent)" tb_wait_for 20 can_fence n2 n1

pair_pcmk_fencing_cut "through fence_berofos"
check "clean stop of n1" pcmk_stop n1

scn_timeline "power cut of the master n1, fence_berofos, reset_wait $RESET_WAIT s (s after the kill):" "$PAIR_CUT_OUT"
finish
