#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# OpenSSH between the testbed's nodes, as administration tools (wsctl, crmsh)
# expect on a real pair: root on each node reaches the other by name with a
# key, host keys known.  Source after lib.sh.
#
#   tb_ssh_setup           after every node is defined, before they start:
#                          host and root keys, authorized_keys, known_hosts,
#                          and the nodes' names in each node's /etc/hosts
#                          (addresses on lan)
#   tb_sshd_start NODE     the node's ssh.service (systemd starts it at boot)
#                          is up and listening
#   tb_ssh FROM TO CMD...  runs CMD on node TO through ssh from node FROM
#                          (the path a tool on FROM takes to its peer)

tb_ssh_setup() {
	local n d m
	for n in "${TB_NODES[@]}"; do
		d=$(tb_state "$n")
		mkdir -p "$d/etc/ssh"
		rm -f "$d"/etc/ssh/ssh_host_*
		tb_node_copyup "$n" /etc/hosts || return 1
		ssh-keygen -q -t ed25519 -N '' -C "$n" -f "$d/etc/ssh/ssh_host_ed25519_key" || return 1
		install -d -m 700 "$d/root/.ssh"
		ssh-keygen -q -t ed25519 -N '' -C "root@$n" -f "$d/root/.ssh/id_ed25519" || return 1
		tb_sshd_config >"$d/etc/ssh/sshd_config"
	done
	for n in "${TB_NODES[@]}"; do
		d=$(tb_state "$n")
		: >"$d/root/.ssh/authorized_keys"
		: >"$d/root/.ssh/known_hosts"
		for m in "${TB_NODES[@]}"; do
			cat "$(tb_state "$m")/root/.ssh/id_ed25519.pub" >>"$d/root/.ssh/authorized_keys"
			printf '%s,%s %s\n' "$m" "$(tb_ip "$m" lan)" \
				"$(cut -d' ' -f1,2 "$(tb_state "$m")/etc/ssh/ssh_host_ed25519_key.pub")" \
				>>"$d/root/.ssh/known_hosts"
			printf '%s\t%s\n' "$(tb_ip "$m" lan)" "$m" >>"$d/etc/hosts"
		done
		chmod 600 "$d/root/.ssh/authorized_keys"
	done
}

# Keys only, root by key, no PAM (the nodes have no login sessions).
tb_sshd_config() {
	cat <<'EOF'
Port 22
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AuthorizedKeysFile .ssh/authorized_keys
PidFile /run/sshd.pid
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
EOF
}

tb_sshd_listening() { tb_in "$1" ss -Hltn 'sport = :22' 2>/dev/null | grep -q LISTEN; }
tb_sshd_start() {
	tb_in_bounded 30 "$1" systemctl start ssh.service || return 1
	tb_wait_for 10 tb_sshd_listening "$1"
}
tb_ssh() {
	local from=$1 to=$2
	shift 2
	tb_in "$from" ssh -o BatchMode=yes "$to" "$@"
}
