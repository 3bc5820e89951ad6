#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Heartbeat 3 (R1 mode, haresources) on testbed nodes.  Source after lib.sh.

# hb_configure NODE MEDIA HARESOURCES: ha.cf, haresources and authkeys.
#   MEDIA: the medium lines of ha.cf (one per line), e.g. "ucast eth0 10.99.0.12"
#   Timers from HB_KEEPALIVE, HB_DEADTIME, HB_WARNTIME, HB_INITDEAD.
hb_configure() {
	local node=$1 media=$2 haresources=$3 n
	{
		echo "logfile /var/log/ha-log"
		echo "debugfile /var/log/ha-debug"
		echo "keepalive ${HB_KEEPALIVE:-200ms}"
		echo "deadtime ${HB_DEADTIME:-1}"
		echo "warntime ${HB_WARNTIME:-600ms}"
		echo "initdead ${HB_INITDEAD:-2}"
		echo "udpport 694"
		echo "$media"
		echo "auto_failback off"
		for n in "${TB_NODES[@]}"; do echo "node $n"; done
		echo "crm no"
	} | tb_node_put "$node" /etc/ha.d/ha.cf
	echo "$haresources" | tb_node_put "$node" /etc/ha.d/haresources
	# heartbeat refuses an authkeys file that others can read; one key for all
	[ -s "$TB_DIR/authkeys" ] ||
		( umask 077; printf 'auth 1\n1 sha1 %s\n' "$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" >"$TB_DIR/authkeys" )
	tb_node_put "$node" /etc/ha.d/authkeys 600 <"$TB_DIR/authkeys"
}

hb_log() { echo "$(tb_state "$1")/var/log/ha-log"; }
# Started and stopped by the node's systemd (the package's heartbeat.service).
# The log survives power cycles (it is on the node's disk): remember where
# this start begins, so readiness is judged on this boot's lines only.
hb_mark_log() {
	stat -c %s "$(hb_log "$1")" >"$TB_DIR/$1/hb-log-offset" 2>/dev/null ||
		echo 0 >"$TB_DIR/$1/hb-log-offset"
}
hb_start() {
	hb_mark_log "$1"
	tb_in_bounded 60 "$1" systemctl start heartbeat.service
}
hb_log_since_start() { tail -c "+$(( $(cat "$TB_DIR/$1/hb-log-offset" 2>/dev/null || echo 0) + 1 ))" "$(hb_log "$1")" 2>/dev/null; }
hb_stop() { tb_in_bounded 60 "$1" systemctl stop heartbeat.service >/dev/null 2>&1; }
hb_pid() { tb_in "$1" cat /run/heartbeat.pid 2>/dev/null; }
hb_resources_acquired() { hb_log_since_start "$1" | grep -q 'Initial resource acquisition complete'; }
# hb_wait_ready NODE SECONDS: R1 has run its initial resource acquisition.
hb_wait_ready() { tb_wait_for "$2" hb_resources_acquired "$1"; }
# hb_acquisitions NODE: how often NODE's R1 finished its initial resource
# acquisition, over all its boots (the log survives power cycles).
hb_acquisitions() {
	local c
	c=$(grep -c 'Initial resource acquisition complete' "$(hb_log "$1")" 2>/dev/null)
	echo "${c:-0}"
}
hb_acquired_more_than() { [ "$(hb_acquisitions "$1")" -gt "$2" ]; }   # NODE COUNT_BEFORE
hb_node_status() { tb_in "$1" cl_status nodestatus "$2" 2>/dev/null; }  # active | dead
hb_sees() { [ "$(hb_node_status "$1" "$2")" = active ]; }             # NODE PEER
