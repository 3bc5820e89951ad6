#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The product layer of the testbed: warmstandby's Debian packages, built
# by scripts/build-debs.sh and installed with dpkg, as a user installs them,
# into an overlay upper directory above the host's /.  Every node boots
# with this layer between the host's / and its own disk, so what a node
# runs is the installed build: its paths, unit files, conffiles and pages.
# Sourced by lib.sh.
#
# The packages come from WS_DEB_DIR when it is set (scripts/run-tests.sh
# builds them once for the whole suite); otherwise they are built into
# $TB_BUILDDIR/debs from the work tree, again only when the tracked files
# changed.  The layer is made again only when the packages changed.
# Why packages rather than `make install`: the packages are what users get
# (debian/rules' paths, dh_installsystemd, the conffiles and maintainer
# scripts), and a package build runs make install itself.

TB_PRODUCT_ROOT="$TB_BUILDDIR/tests/netns/product"
TB_PRODUCT_SKIP='-dbgsym_|^warmstandby-fosemu_'   # not on a gateway

tb_product_dir() { echo "${TB_PRODUCT:-}"; }

# The content of every tracked file that goes into the packages (not the
# tests, not the documents), as one hash.
tb_tree_hash() {
	git -C "$TB_SRCDIR" rev-parse --git-dir >/dev/null 2>&1 || return 1
	(cd "$TB_SRCDIR" && git ls-files -z -- . ':!tests' ':!docs' ':!*.md' | xargs -0 sha256sum 2>/dev/null) | sha256sum | cut -d' ' -f1
}

tb_product_debs() {              # DEBDIR: the packages a node gets
	find "$1" -maxdepth 1 -name '*.deb' -printf '%f\n' | grep -Ev -e "$TB_PRODUCT_SKIP" | sort
}

# tb_product_ensure: sets TB_PRODUCT to an up-to-date layer.
tb_product_ensure() {
	local debdir=${WS_DEB_DIR:-$TB_BUILDDIR/debs} hash debs_hash
	if [ -z "${WS_DEB_DIR:-}" ]; then
		hash=$(tb_tree_hash) || tb_die "no git tree at $TB_SRCDIR: set WS_DEB_DIR to built packages"
		if [ "$(cat "$debdir/.tree-hash" 2>/dev/null)" != "$hash" ]; then
			tb_log "building the Debian packages into $debdir (the product under test)"
			mkdir -p "$debdir"
			WS_LINTIAN=no DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" \
				"$TB_SRCDIR/scripts/build-debs.sh" "$debdir" >"$debdir/build.log" 2>&1 ||
				{ tail -n 30 "$debdir/build.log" >&2; tb_die "the packages did not build ($debdir/build.log)"; }
			echo "$hash" >"$debdir/.tree-hash"
		fi
	fi
	[ -n "$(tb_product_debs "$debdir")" ] || tb_die "no warmstandby packages in $debdir"
	debs_hash=$( (cd "$debdir" && tb_product_debs . | xargs sha256sum) | sha256sum | cut -d' ' -f1)
	if [ "$(cat "$TB_PRODUCT_ROOT/debs-hash" 2>/dev/null)" != "$debs_hash" ]; then
		tb_product_install "$debdir" || tb_die "the packages did not install into the product layer"
		echo "$debs_hash" >"$TB_PRODUCT_ROOT/debs-hash"
	fi
	TB_PRODUCT="$TB_PRODUCT_ROOT/upper"
}

# tb_product_install DEBDIR: dpkg -i of the packages inside a private mount
# namespace whose root is an overlay of / with the layer as its upper
# directory: the host's own dpkg database and /usr stay untouched.
tb_product_install() {
	local debdir=$1 p=$TB_PRODUCT_ROOT
	rm -rf "$p"
	mkdir -p "$p/upper" "$p/work" "$p/root" "$p/debs"
	(cd "$debdir" && tb_product_debs . | xargs cp -t "$p/debs") || return 1
	tb_log "installing $(tb_product_debs "$p/debs" | tr '\n' ' ')into the product layer"
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --mount --propagation private /bin/sh -ec '
		p=$1
		mount -t overlay wsproduct -o "lowerdir=/,upperdir=$p/upper,workdir=$p/work" "$p/root"
		mount -t proc proc "$p/root/proc"
		mount --rbind /dev "$p/root/dev"
		mount -t tmpfs wsrun "$p/root/run"
		mount -t tmpfs wstmp "$p/root/tmp"
		mkdir "$p/root/tmp/debs"
		cp "$p"/debs/*.deb "$p/root/tmp/debs/"
		# Installing starts nothing (no systemd runs in here anyway).
		chroot "$p/root" /bin/sh -ec "
			printf \"#!/bin/sh\\nexit 101\\n\" >/usr/sbin/policy-rc.d
			chmod 755 /usr/sbin/policy-rc.d
			DEBIAN_FRONTEND=noninteractive dpkg -i /tmp/debs/*.deb
			rm -f /usr/sbin/policy-rc.d"
	' sh "$p" >"$p/dpkg.log" 2>&1 || { cat "$p/dpkg.log" >&2; return 1; }
	rm -rf "$p/work" "$p/root" "$p/debs"
	# What dpkg left that a node must not inherit.
	rm -rf "$p/upper/tmp" "$p/upper/run" "$p/upper/var/cache/debconf" 2>/dev/null
	return 0
}
