#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Corosync 3 (knet) + Pacemaker 2.1 on testbed nodes, configured with crmsh.
# Source after lib.sh.

# cs_configure NODE: corosync.conf with every defined node on lan (and aux
# as a second knet link when the run has it).  CS_TOKEN: token in ms.
cs_configure() {
	local node=$1 n links=(lan)
	[[ " ${TB_LINKS[*]} " == *" aux "* ]] && links+=(aux)
	{
		printf 'totem {\n    version: 2\n    cluster_name: %s\n    transport: knet\n' "$TB"
		printf '    token: %s\n    crypto_cipher: none\n    crypto_hash: none\n}\n' "${CS_TOKEN:-1000}"
		printf 'nodelist {\n'
		for n in "${TB_NODES[@]}"; do
			printf '    node {\n        name: %s\n        nodeid: %s\n' "$n" "$(tb_node_index "$n")"
			local i
			for i in "${!links[@]}"; do
				printf '        ring%s_addr: %s\n' "$i" "$(tb_ip "$n" "${links[$i]}")"
			done
			printf '    }\n'
		done
		printf '}\nquorum {\n    provider: corosync_votequorum\n    two_node: 1\n}\n'
		printf 'logging {\n    to_logfile: yes\n    logfile: /var/log/corosync/corosync.log\n'
		printf '    to_syslog: no\n    to_stderr: no\n    timestamp: hires\n}\n'
	} | tb_node_put "$node" /etc/corosync/corosync.conf
}

# pcmk_seed_cib NODE CRMFILE: write the node's CIB from a crmsh file before
# the cluster starts (crmsh on a file CIB), so resources start as soon as the
# cluster forms and dc-deadtime from the file applies to the first election.
pcmk_seed_cib() {
	local node=$1 crmfile=$2 cib="/var/lib/pacemaker/cib/cib.xml"
	tb_node_put "$node" /var/lib/pacemaker/seed.crm <"$crmfile" || return 1
	tb_in "$node" sh -c "cibadmin --empty >$cib && CIB_file=$cib crm configure load update /var/lib/pacemaker/seed.crm" \
		>"$TB_DIR/$node/seed.out" 2>&1 ||
		{ cat "$TB_DIR/$node/seed.out" >&2; return 1; }
	tb_in "$node" sh -c "chown hacluster:haclient $cib && chmod 600 $cib"
}

pcmk_log() { echo "$(tb_state "$1")/var/log/pacemaker/pacemaker.log"; }
cs_log() { echo "$(tb_state "$1")/var/log/corosync/corosync.log"; }
# Started and stopped by the node's systemd (the packages' units; pacemaker
# is ordered after corosync and stops first).
pcmk_start() { tb_in_bounded 60 "$1" systemctl start corosync.service pacemaker.service; }
pcmk_stop() { tb_in_bounded 90 "$1" systemctl stop pacemaker.service corosync.service; }
pcmk_formed() {
	tb_in "$1" crm_mon -1 --output-as=xml 2>/dev/null |
		grep -q 'current_dc present="true".*with_quorum="true"'
}
# pcmk_wait_ready NODE SECONDS: a DC exists and the partition has quorum.
pcmk_wait_ready() { tb_wait_for "$2" pcmk_formed "$1"; }
pcmk_online() {                  # NODE PEER: PEER is online in NODE's view
	tb_in "$1" crm_mon -1 --output-as=xml 2>/dev/null |
		grep -q "node name=\"$2\".* online=\"true\""
}
pcmk_locate() { tb_in "$1" crm_resource --locate -r "$2" -Q 2>/dev/null; }
