#!/bin/bash
# PID 1 of a virtual node (see lib.sh).  Runs inside fresh pid, mount, uts,
# ipc and net namespaces made by unshare, so that killing it powers the node
# off: the kernel kills every process of the node, the netns dies with the
# last one and takes the node's links and addresses with it.
#   $1  node name (becomes the hostname, as Heartbeat and corosync need)
#   $2  the node's state directory on the host's file system (its "disk")
set -eu
node=$1
state=$2

hostname "$node"
# This netns's own view of /sys/class/net.
mount -t sysfs sysfs /sys
# Pid files, sockets and libqb ring buffers must be per node: the nodes'
# pid namespaces reuse the same small PIDs.
mount -t tmpfs -o mode=755 wsrun /run
mount -t tmpfs -o mode=1777 wsshm /dev/shm
for dir in etc root var/lib/heartbeat var/lib/corosync var/lib/pacemaker var/log; do
	mount --bind "$state/$dir" "/$dir"
done
# Overlays: "HOSTDIR TARGET" per line, e.g. a copy of the HBcomm plugin
# directory with our plugin in it, bound over the stock one.
if [ -f "$state/overlays" ]; then
	while read -r from to; do
		mount --bind "$from" "$to"
	done <"$state/overlays"
fi
mkdir -p /run/lock /run/resource-agents /run/crm /run/pacemaker /run/warmstandby
for dir in heartbeat heartbeat/ccm heartbeat/crm heartbeat/dopd crm; do
	mkdir -p "/run/$dir"
	chown hacluster:haclient "/run/$dir"
	chmod 750 "/run/$dir"
done
ip link set lo up
touch "$state/ready"

# Stay alive as PID 1 and reap the orphans of daemons that double-fork.
trap 'exit 0' TERM
while :; do
	sleep 3600 &
	wait $! || true
done
