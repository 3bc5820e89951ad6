#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs, by Debian package name, everything warmstandby needs to build,
# test and run its demo on a Debian 12 machine.  Run as root.
set -eu

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps.sh: must run as root (apt-get install)" >&2
	exit 1
fi

BUILD="build-essential autoconf automake libtool pkgconf clang llvm libclang-rt-14-dev"
LIBS="libpcap-dev libcurl4-openssl-dev libglib2.0-dev libqb-dev libjson-c-dev
      libcmocka-dev heartbeat-dev libheartbeat2-dev cluster-glue-dev
      libstonith1-dev libpils2-dev libplumb2-dev libxml2-dev libsystemd-dev
      pacemaker-dev"
STACKS="heartbeat cluster-glue pacemaker pacemaker-cli-utils corosync crmsh
        resource-agents keepalived fence-agents"
TOOLS="shellcheck libxml2-utils iproute2 iputils-ping util-linux procps python3
       gnuplot-nox stress-ng man-db groff-base xsltproc debhelper devscripts lintian
       fakeroot dpkg-dev openssh-client openssh-server socat rsync"

# Installing heartbeat, corosync and pacemaker must not start them on the
# host: a test machine's own daemons would answer on the tests' ports.
policy=/usr/sbin/policy-rc.d
made_policy=no
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' >"$policy"
	chmod 755 "$policy"
	made_policy=yes
fi
cleanup() { if [ "$made_policy" = yes ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
missing=
for pkg in $BUILD $LIBS $STACKS $TOOLS; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = installed ] || missing="$missing $pkg"
done
if [ -z "$missing" ]; then
	echo "install-deps.sh: all packages present"
	exit 0
fi
echo "install-deps.sh: installing$missing"
apt-get update -q
# shellcheck disable=SC2086 # word splitting of the package list is intended
apt-get install -y -q --no-install-recommends $missing
