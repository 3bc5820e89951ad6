#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# One command from a fresh Debian 12 machine (as root): install the
# dependencies, build, and run the demo (a virtual two-node cluster that
# fails over and prints its timeline).  Arguments go to the demo
# (heartbeat or pacemaker).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
"$top/scripts/build.sh" "$top/build"
WS_SRCDIR=$top WS_BUILDDIR=$top/build exec "$top/tests/netns/demo.sh" "$@"
