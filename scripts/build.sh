#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Configures and builds warmstandby out of tree in $1 (default build/) with
# warnings as errors; extra arguments go to configure.  Re-runs autoreconf
# only when configure is missing or older than its inputs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$top/build}
[ $# -gt 0 ] && shift

cd "$top"
if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ] \
   || [ -n "$(find . -name local.mk -newer Makefile.in 2>/dev/null | head -1)" ]; then
	autoreconf -fi
fi
mkdir -p "$builddir"
cd "$builddir"
if [ ! -f Makefile ] || [ "$top/configure" -nt config.status ]; then
	"$top/configure" --enable-werror "$@"
fi
make -j"$(nproc)"
