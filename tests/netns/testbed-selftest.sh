#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The testbed's own primitives do what the scenarios rely on: nodes whose
# PID 1 is systemd with only a gateway's units, the installed packages that
# the host does not see, private hostnames, /dev and mounts, fixed MACs
# across a power cycle, link down/up, address changes, a partition that still
# lets both nodes reach the observer, killing a daemon by its pid file, and
# a power cut that leaves nothing of the node.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/hb.sh"
. "$here/pcmk.sh"
. "$here/fos.sh"
. "$here/ssh.sh"

# shellcheck disable=SC2317 # called through check
reaches() { tb_in "$1" ping -c 1 -W 1 -q "$2" >/dev/null 2>&1; }   # NODE IP
# shellcheck disable=SC2317 # called through check
unreachable() { ! reaches "$@"; }

tb_init testbed-selftest lan aux
tb_node_define n1 1
tb_node_define n2 2
tb_ssh_setup || tb_die "ssh keys"
tb_node_start n1
echo "n1 boot: $TB_BOOT_S s"
tb_node_start n2
echo "n2 boot: $TB_BOOT_S s"

# shellcheck disable=SC2317 # called through check
unit_active() { [ "$(tb_in "$1" systemctl is-active "$2" 2>/dev/null)" = active ]; }
# shellcheck disable=SC2317 # called through check
unit_inactive() { ! unit_active "$@"; }
check "n1's PID 1 is systemd" tb_pid1_is_systemd n1
check "n2's PID 1 is systemd" tb_pid1_is_systemd n2
# shellcheck disable=SC2317 # called through check
booted() { case $(tb_in "$1" systemctl is-system-running) in running|degraded) return 0 ;; esac; return 1; }
# shellcheck disable=SC2317 # called through check
pkg_installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }
check "n1 booted: running or degraded" booted n1
check "ssh.service runs on n1" unit_active n1 ssh.service
check "no getty runs on n1" eval '! tb_in n1 systemctl list-units --plain --no-legend "*getty*" | grep -q running'
for unit in corosync.service pacemaker.service heartbeat.service; do
	check "$unit is installed but not started at boot" unit_inactive n1 "$unit"
done
check "n1 has a private /dev: no host tty" tb_in n1 test ! -e /dev/tty1 -a -c /dev/null -a -c /dev/urandom
check "the journal of n1 has this boot" eval 'tb_journal n1 -b -u ssh.service | grep -q "Server listening"'
check "the packages are installed inside n1 (dpkg)" \
	eval "[ \"\$(tb_in n1 dpkg-query -W -f='\${db:Status-Status}' warmstandby-agents)\" = installed ]"
check "our l2 medium is installed in the stock plugin directory inside n1" \
	tb_in n1 test -f /usr/lib/heartbeat/plugins/HBcomm/l2.so -a -f /usr/lib/heartbeat/plugins/HBcomm/ucast.so
check "the installed pages and the feeder's unit are there inside n1" \
	tb_in n1 sh -c 'man -w wsctl >/dev/null && man -w fos-kickd >/dev/null && systemctl cat fos-kickd@x.service >/dev/null'
check "the host has no warmstandby package" eval '! pkg_installed warmstandby-agents'
check "each node has a machine id of its own" \
	test "$(tb_in n1 cat /etc/machine-id)" != "$(tb_in n2 cat /etc/machine-id)"

check "each node has its own hostname" test "$(tb_in n1 uname -n)/$(tb_in n2 uname -n)" = n1/n2
check "n1's lan MAC is the fixed one" \
	test "$(tb_in n1 cat /sys/class/net/eth0/address)" = "$(tb_mac n1 lan)"
check "n1 reaches n2 on lan" reaches n1 "$(tb_ip n2 lan)"
check "n1 reaches n2 on aux" reaches n1 "$(tb_ip n2 aux)"
tb_in n1 touch /etc/ws-selftest /root/ws-selftest
check "/etc and /root are per node: n1's files are not on the host" \
	test ! -e /etc/ws-selftest -a ! -e /root/ws-selftest
check "... and not in n2" tb_in n2 test ! -e /etc/ws-selftest -a ! -e /root/ws-selftest
check "sshd starts in both nodes" eval 'tb_sshd_start n1 && tb_sshd_start n2'
check "root on n1 reaches n2 by name with ssh (key, known host)" \
	test "$(tb_ssh n1 n2 uname -n 2>&1)" = n2
tb_in n1 touch /run/ws-selftest
check "/run is private: n1's file is not on the host" test ! -e /run/ws-selftest
check "/run is private: n1's file is not in n2" tb_in n2 test ! -e /run/ws-selftest

tb_link_set n1 lan down
check "lan down: n1 loses n2 on lan" unreachable n1 "$(tb_ip n2 lan)"
check "lan down: aux still works" reaches n1 "$(tb_ip n2 aux)"
tb_link_set n1 lan up
check "lan up again: n1 reaches n2" tb_wait_for 5 reaches n1 "$(tb_ip n2 lan)"

tb_partition lan on
check "partition: n1 loses n2 on lan" unreachable n1 "$(tb_ip n2 lan)"
check "partition: n1 still reaches the observer" reaches n1 "$(tb_obs_ip lan)"
check "partition: n2 still reaches the observer" reaches n2 "$(tb_obs_ip lan)"
tb_partition lan off
check "partition healed" tb_wait_for 5 reaches n1 "$(tb_ip n2 lan)"

tb_set_ip n1 lan 10.99.0.77/24
check "new address: n2 reaches n1 at 10.99.0.77" reaches n2 10.99.0.77
check "new address: the old one is gone" unreachable n2 "$(tb_ip n1 lan)"
tb_set_ip n1 lan
check "no address at all on n1's lan" test -z "$(tb_in n1 ip -4 -o addr show dev eth0)"

tb_link_flap n2 aux 3 0.1
check "after 3 flaps, aux works again" tb_wait_for 5 reaches n2 "$(tb_ip n1 aux)"

tb_in n1 sh -c 'sleep 300 >/dev/null 2>&1 & echo $! >/run/dummy.pid'
dummy=$(tb_in n1 cat /run/dummy.pid)
tb_kill_daemon n1 /run/dummy.pid
check "a daemon killed by its pid file is gone" tb_wait_for 5 sh -c "! nsenter -t $(tb_init_pid n1) -p -m kill -0 $dummy 2>/dev/null"

n2_init=$(tb_init_pid n2)
tb_power_cut n2
check "power cut: n2's processes are gone" test ! -e "/proc/$n2_init"
# The kernel dismantles a dead netns asynchronously (longer when it had TCP
# sockets, like n2's sshd): the port goes soon after, not at once.
check "power cut: n2's bridge port is gone within 5 s" tb_wait_for 5 tb_port_gone n2 lan
check "power cut: n1 no longer reaches n2" unreachable n1 "$(tb_ip n2 aux)"
check "power cut: n2's cgroup is gone" test ! -d "$(tb_cgroup n2)"
tb_node_start n2
check "power on: n2 boots systemd again" tb_pid1_is_systemd n2
check "power on: n2 has its fixed MAC again" \
	test "$(tb_in n2 cat /sys/class/net/eth0/address)" = "$(tb_mac n2 lan)"
check "power on: n1 reaches n2 again" tb_wait_for 5 reaches n1 "$(tb_ip n2 aux)"

# The emulated switch: relay 1 is n2's power.
check "fosemu answers on lan" fos_start
fos_power_map 1 n2
echo 'tb_in n2 touch /run/booted' >"$TB_DIR/n2/boot"
n2_init=$(tb_init_pid n2)
check "fosctl sets the relays to the primary side" fos_ctl mode master
check "the relay mode reads back as 1" test "$(fos_mode)" = 1
check "relay 1 off: fosctl confirms" fos_ctl power 1 off
check "relay 1 off: n2 loses power" tb_wait_for 5 test ! -e "/proc/$n2_init"
check "relay 1 on: fosctl confirms" fos_ctl power 1 on
check "relay 1 on: n2 boots and runs its boot script" tb_wait_for 10 tb_in n2 test -e /run/booted
check "fosemu logged both relay changes" \
	test "$(grep -c 'power 1 o' "$(fos_log)")" -ge 2
finish
