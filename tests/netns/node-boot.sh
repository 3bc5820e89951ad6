#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# PID 1 of a virtual node before it becomes systemd (see lib.sh).  Runs
# inside fresh pid, mount, uts, ipc, net and cgroup namespaces made by
# unshare, already inside the node's own cgroup.  It assembles the node's
# root file system and then execs the real systemd as the node's PID 1, so
# that killing that PID powers the node off: the kernel kills every process
# of the node, and the netns dies with the last one.
#   $1  node name (the hostname, as Heartbeat and corosync need)
#   $2  the node's upper directory: its "disk", kept across power cycles
#   $3  the product layer (the installed packages, an overlay upper
#       directory made by product.sh) or "" for the host's / alone
#   $4  the node's root mount point; $5 the overlay's work directory;
#   $6  an empty directory for this boot's copy of the product layer
set -eu
node=$1
upper=$2
product=$3
root=$4
work=$5
prodmnt=$6

hostname "$node"
mount --make-rprivate /
lower=/
if [ -n "$product" ]; then
	# A layer on the same file system as / cannot sit above it (overlayfs
	# refuses overlapping layers): each boot takes a tmpfs copy of it.
	mount -t tmpfs -o mode=755 "wsprod-$node" "$prodmnt"
	cp -a "$product/." "$prodmnt/"
	lower="$prodmnt:/"
fi
mount -t overlay "ws-$node" -o "lowerdir=$lower,upperdir=$upper,workdir=$work" "$root"

mount -t proc proc "$root/proc"
# A fresh sysfs shows this netns's interfaces only; the cgroup file system
# below it is the node's own subtree (bound by the caller's cgroup layout).
mount -t sysfs sysfs "$root/sys"
mount -t tmpfs -o mode=755 wscg "$root/sys/fs/cgroup"
if [ -n "${WS_CG_V1:-}" ]; then
	mkdir -p "$root/sys/fs/cgroup/systemd"
	mount --bind "$WS_CG_V1" "$root/sys/fs/cgroup/systemd"
else
	umount "$root/sys/fs/cgroup"
	mount -t cgroup2 cgroup2 "$root/sys/fs/cgroup"
fi
mount -t tmpfs -o mode=755 wsrun "$root/run"
mount -t tmpfs -o mode=1777 wstmp "$root/tmp"

# A private /dev: never the host's (its ttys would get the node's gettys).
dev="$root/dev"
mount -t tmpfs -o mode=755,nosuid wsdev "$dev"
while read -r name major minor; do
	mknod -m 666 "$dev/$name" c "$major" "$minor"
done <<'EODEV'
null 1 3
zero 1 5
full 1 7
random 1 8
urandom 1 9
tty 5 0
EODEV
mkdir -m 755 "$dev/pts" "$dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 wspts "$dev/pts"
ln -s pts/ptmx "$dev/ptmx"
mount -t tmpfs -o mode=1777 wsshm "$dev/shm"
ln -s /proc/self/fd "$dev/fd"
ln -s /proc/self/fd/0 "$dev/stdin"
ln -s /proc/self/fd/1 "$dev/stdout"
ln -s /proc/self/fd/2 "$dev/stderr"
# systemd writes to the console what it cannot write to the journal: the
# node's init.out.
touch "$dev/console"
mount --bind /proc/self/fd/1 "$dev/console"

export container=warmstandby-testbed
exec chroot "$root" /lib/systemd/systemd
