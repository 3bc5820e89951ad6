#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# keepalived (VRRP) on testbed nodes, the stock baseline of the failover
# benchmark.  Source after lib.sh.
#
#   ka_configure NODE PRIORITY ADVERT   keepalived.conf for NODE
#   ka_start NODE                       start keepalived inside NODE
#   ka_log NODE                         the node's keepalived log (host path)
#   ka_watches DEAD SURVIVOR            wsprobe watches of a takeover
#
# Both nodes start as BACKUP and preempt (keepalived's default): the higher
# priority (n1) always ends as master, also when it comes back after a
# power cut.  (With nopreempt, at 0.01 s adverts n2 sometimes won the
# first election and kept the VIP for good.)

# ka_configure NODE PRIORITY ADVERT: the VIP on lan (eth0), VRRP on lan.
# Sub-second adverts need VRRPv3 (VRRPv2 rounds them to whole seconds).
ka_configure() {
	local node=$1 prio=$2 advert=$3 version=2
	case $advert in *.*) version=3 ;; esac
	tb_node_put "$node" /etc/keepalived/keepalived.conf <<EOKA
global_defs {
    router_id $node
    vrrp_version $version
    enable_script_security
}
vrrp_instance ${TB}vi {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $prio
    advert_int $advert
    virtual_ipaddress {
        $TB_VIP/24 dev eth0
    }
}
EOKA
}

ka_log() { echo "$(tb_state "$1")/var/log/keepalived.log"; }
# -n: foreground (backgrounded here, inside the node, so it dies with it);
# -P: VRRP only; -l -D: detailed log to the console, i.e. the log file
# (Debian's build has no --log-file).  The log survives power cycles.
ka_start() {
	tb_in "$1" sh -c 'setsid keepalived -n -l -P -D -f /etc/keepalived/keepalived.conf \
		</dev/null >>/var/log/keepalived.log 2>&1 &'
}

# ka_watches DEAD SURVIVOR: the survivor stops hearing adverts, then
# becomes master (DEAD is unused: VRRP does not name the lost peer).
ka_watches() {
	echo "--watch=dead:$(ka_log "$2"):Receive advertisement timeout"
	echo "--watch=takeover:$(ka_log "$2"):Entering MASTER STATE"
}
