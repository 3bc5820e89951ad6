#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install test of the Debian packages (issue 9), run as root:
#   tests/deb/install-test.sh [DEBDIR]
#   tests/deb/install-test.sh --installed
# Without DEBDIR it builds the packages first (scripts/build-debs.sh, into
# a temporary directory).  The packages are then installed, exercised with
# the stock tools only, removed and purged inside fresh mount, network,
# PID, UTS and IPC namespaces whose root is an overlayfs over the host's /
# with its upper directory on a tmpfs: the host's /usr, /etc and dpkg
# database are never modified, and everything the test started dies with
# the namespaces' PID 1.
#
# With --installed (the autopkgtest, debian/tests/control) nothing is built
# or installed: the checks run on the warmstandby packages already
# installed on the machine, in the same namespaces and overlay, and the
# packages are then removed and purged there (the machine keeps them); the
# leftover check is skipped, the packages' files being in the lower layer.
#
# Each check prints "ok", "FAIL" or "SKIP" (a check whose package was not
# built, e.g. warmstandby-stonith before stonith/ lands); the last line is
# "install-test: N ok, N failed, N skipped".  Exit status 0 when nothing
# failed, 1 otherwise, 77 when not root.
#
# Phases (the same file, chosen by the first argument):
#   (none)           on the host: build, make the namespaces, clean up
#   --ns WORK        PID 1 of the namespaces: mount the overlay root, chroot
#   --chroot         inside the chroot: the checks
set -u

HB_DAEMON=/usr/libexec/heartbeat/heartbeat
HBCOMM_DIR=/usr/lib/heartbeat/plugins/HBcomm
OCF_AGENT_DIR=/usr/lib/ocf/resource.d/warmstandby
PAYLOAD=/tmp/wsdeb           # inside the chroot
# The veth pair of the heartbeat check (inside the test's own netns).
HB_IF=wsdeb0
PEER_IF=wsdeb1
HB_MAC=02:77:73:de:b0:01
PEER_MAC=02:77:73:de:b0:02
EMU_MAC=00:19:32:00:de:b0
EMU_HTTP='' EMU_UDP='' EMU_CONF=''

# ------------------------------------------------------------------ host
host_main() {
	local top debdir status=0
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-test: needs root (namespaces, chroot, dpkg)" >&2
		exit 77
	fi
	top=$(cd "$(dirname "$0")/../.." && pwd)
	# global: the EXIT trap runs after this function has returned
	work=$(mktemp -d /tmp/ws-debtest.XXXXXX)
	ns_pid=
	# shellcheck disable=SC2317 # called by the trap
	host_cleanup() {
		# unshare ignores SIGTERM while it waits; killing it kills the
		# namespaces' PID 1 (--kill-child), and with it every process
		# and mount of the test.
		if [ -n "$ns_pid" ] && kill -0 "$ns_pid" 2>/dev/null; then
			kill -KILL "$ns_pid" 2>/dev/null
			wait "$ns_pid" 2>/dev/null
		fi
		if findmnt -rn -o TARGET | grep -q "^$work"; then
			echo "install-test: mounts left under $work (not removing it)" >&2
			return
		fi
		rm -rf "$work"
	}
	trap host_cleanup EXIT
	trap 'exit 1' INT TERM HUP

	mkdir -p "$work/payload/debs"
	if [ "${1:-}" = --installed ]; then
		: >"$work/payload/installed"
	elif [ $# -gt 0 ]; then
		debdir=$1
	else
		debdir=$work/build
		echo "install-test: building the packages in $debdir"
		if ! "$top/scripts/build-debs.sh" "$debdir" >"$work/build.log" 2>&1; then
			tail -n 40 "$work/build.log"
			echo "install-test: the packages did not build"
			exit 1
		fi
		grep -E '^(build-debs|[EW]: )' "$work/build.log"
	fi
	# Debug symbols are left out: they add nothing to what is checked.
	if [ ! -e "$work/payload/installed" ]; then
		find "$debdir" -maxdepth 1 -name '*.deb' ! -name '*-dbgsym_*' -exec cp {} "$work/payload/debs/" \;
		if [ -z "$(ls "$work/payload/debs")" ]; then
			echo "install-test: no .deb in $debdir"
			exit 1
		fi
	fi
	cp "$0" "$work/payload/install-test.sh"
	[ -f "$top/tests/deb/ocf-tester.params" ] && cp "$top/tests/deb/ocf-tester.params" "$work/payload/"

	unshare --mount --net --pid --uts --ipc --fork --kill-child --propagation private \
		/bin/bash "$work/payload/install-test.sh" --ns "$work" &
	ns_pid=$!
	wait "$ns_pid" || status=$?
	ns_pid=
	return "$status"
}

# ------------------------------------------------------ namespaces' PID 1
ns_main() {
	local work=$1 root t
	set -e
	root=$work/root
	t=$work/tmpfs
	mkdir -p "$root" "$t"
	mount -t tmpfs -o mode=755 wsdebtest "$t"
	mkdir -p "$t/upper" "$t/work"
	mount -t overlay wsdebroot -o "lowerdir=/,upperdir=$t/upper,workdir=$t/work" "$root"
	mount -t proc proc "$root/proc"
	mount -t sysfs sysfs "$root/sys"
	mount --rbind /dev "$root/dev"
	mount -t tmpfs -o mode=1777 wsdebshm "$root/dev/shm"
	mount -t tmpfs -o mode=755 wsdebrun "$root/run"
	mount -t tmpfs -o mode=1777 wsdebtmp "$root/tmp"
	cp -a "$work/payload" "$root$PAYLOAD"
	# Read-only views for the leftover check: what the test wrote over
	# the host (the upper layer), and the host's own / (the lower one).
	mkdir -p "$root$PAYLOAD/upper" "$root$PAYLOAD/lower"
	mount --bind "$t/upper" "$root$PAYLOAD/upper"
	mount -o remount,bind,ro "$root$PAYLOAD/upper"
	mount --bind / "$root$PAYLOAD/lower"
	mount -o remount,bind,ro "$root$PAYLOAD/lower"
	hostname wsdeb1
	set +e
	chroot "$root" /bin/bash "$PAYLOAD/install-test.sh" --chroot
}

# ----------------------------------------------------------------- checks
n_ok=0
n_fail=0
n_skip=0
ok() { n_ok=$((n_ok + 1)); echo "ok   $*"; }
fail() { n_fail=$((n_fail + 1)); echo "FAIL $*"; }
skip() { n_skip=$((n_skip + 1)); echo "SKIP $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds; its output
# is shown on failure.
check() {
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$what"
	else
		fail "$what"
		printf '%s\n' "$out" | tail -n 15 | sed 's/^/     | /'
	fi
}
built() { case " $BUILT " in *" $1 "*) return 0 ;; esac; return 1; }
# wait_for SECONDS COMMAND...: polls every 0.2 s.
wait_for() {
	local tries=$(($1 * 5))
	shift
	while ! "$@" >/dev/null 2>&1; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep 0.2
	done
}
# man_renders NAME: man finds NAME and formats it without a warning.
man_renders() {
	local out err
	out=$(MANWIDTH=80 MAN_KEEP_FORMATTING=0 man --warnings -P cat "$1" 2>"$PAYLOAD/man.err") || return 1
	err=$(cat "$PAYLOAD/man.err")
	[ -z "$err" ] || { echo "$err"; return 1; }
	[ "$(printf '%s\n' "$out" | wc -l)" -gt 10 ]
}
# man_file_renders FILE: the same for an installed page given by path.
man_file_renders() {
	local err
	MANWIDTH=80 man --warnings -P cat -l "$1" >/dev/null 2>"$PAYLOAD/man.err" || return 1
	err=$(cat "$PAYLOAD/man.err")
	[ -z "$err" ] || { echo "$err"; return 1; }
}
# pkg_status PACKAGE: dpkg's status word; not-installed when it has no record.
pkg_status() {
	local st
	st=$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)
	echo "${st:-not-installed}"
}
# prints_version PACKAGE COMMAND: COMMAND --version exits 0 and prints
# "COMMAND (warmstandby) VERSION", VERSION the package's upstream version.
prints_version() {
	local version out
	version=$(dpkg-query -W -f='${Version}' "$1") || return 1
	version=${version%-*}
	out=$("$2" --version) || return 1
	[ "$out" = "$2 (warmstandby) $version" ] || { echo "printed '$out'"; return 1; }
}
upper_snapshot() { (cd "$PAYLOAD/upper" && find . -mindepth 1 | sort); }
started=
start_bg() { "$@" & started="$started $!"; }
stop_pid() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; }

# warmstandby-hbcomm-l2: Heartbeat loads l2 from the installed path and its
# reader answers ws-l2ping on a veth pair.
check_heartbeat_l2() {
	local log=/var/log/ha-log stats
	check "l2.so installed in Heartbeat's HBcomm directory" test -f "$HBCOMM_DIR/l2.so"
	# The package was called heartbeat-plugin-l2 before 0.1.0-2.
	check "warmstandby-hbcomm-l2 breaks and replaces heartbeat-plugin-l2" bash -c \
		"dpkg-query -W -f='\${Breaks}\n\${Replaces}\n' warmstandby-hbcomm-l2 |
			grep -c '^heartbeat-plugin-l2 (<< 0.1.0-2)\$' | grep -qx 2"
	ip link add "$HB_IF" address "$HB_MAC" type veth peer name "$PEER_IF" address "$PEER_MAC"
	ip link set "$HB_IF" up
	ip link set "$PEER_IF" up
	mkdir -p /run/lock /run/resource-agents
	for dir in heartbeat heartbeat/ccm heartbeat/crm heartbeat/dopd; do
		mkdir -p "/run/$dir"
		chown hacluster:haclient "/run/$dir"
		chmod 750 "/run/$dir"
	done
	(ulimit -l unlimited; exec "$HB_DAEMON") >"$PAYLOAD/heartbeat.out" 2>&1
	if wait_for 30 grep -q "l2 heartbeat started on $HB_IF" "$log"; then
		ok "heartbeat started the l2 medium from $HBCOMM_DIR (ha-log)"
	else
		fail "heartbeat did not start the l2 medium"
		tail -n 20 "$log" "$PAYLOAD/heartbeat.out" 2>&1 | sed 's/^/     | /'
	fi
	check "heartbeat is running (cl_status hbstatus)" wait_for 20 cl_status hbstatus
	# The peer (wsdeb2) never comes: after initdead this node takes over.
	check "heartbeat finished its R1 start-up (peer declared dead)" \
		wait_for 30 grep -q 'Initial resource acquisition complete' "$log"
	check "heartbeat lists the l2 link $HB_IF (cl_status listhblinks)" \
		bash -c "cl_status listhblinks wsdeb1 | grep -qw $HB_IF"
	check "ws-l2ping on the peer end is answered by the installed medium" \
		ws-l2ping -c 3 -i 0.2 "$PEER_IF" "$HB_MAC"
	stats=$(ws-l2ping --stats "$HB_IF" 2>&1)
	# shellcheck disable=SC2016 # awk's fields
	check "ws-l2ping --stats shows the medium's counters" \
		awk '$1 == "echo_requests" && $2 >= 3 { e = 1 } END { exit !e }' <<<"$stats"
	check "heartbeat stops (heartbeat -k)" timeout 60 "$HB_DAEMON" -k
	check "heartbeat has exited" wait_for 10 bash -c '! pgrep -x heartbeat'
	if [ "$n_fail" -gt 0 ]; then tail -n 30 "$log" | sed 's/^/     | ha-log: /'; fi
	check "no error from the l2 medium in ha-log" \
		bash -c "! grep -E '(ERROR|CRIT).* l2[ :]' $log"
	check "man ws-l2ping renders" man_renders ws-l2ping
	check "man ha.cf-l2 renders" man_renders ha.cf-l2
	check "ws-l2ping --help runs" ws-l2ping --help
	check "ws-l2ping --version prints the package version" prints_version warmstandby-hbcomm-l2 ws-l2ping
}

# warmstandby-berofos (+ warmstandby-fosemu): the programs, the conffile,
# the unit; against the emulator on 127.0.0.1 when it is installed too.
check_berofos() {
	check "fosctl --help runs" fosctl --help
	check "fos-kickd --help runs" fos-kickd --help
	check "fosctl --version prints the package version" prints_version warmstandby-berofos fosctl
	check "fos-kickd --version prints the package version" prints_version warmstandby-berofos fos-kickd
	check "man fosctl renders" man_renders fosctl
	check "man fos-kickd renders" man_renders fos-kickd
	check "man 5 berofos.conf renders" man_renders berofos.conf
	check "berofos.conf(5) has a whatis line (lexgrog)" \
		bash -c "lexgrog /usr/share/man/man5/berofos.conf.5.gz | grep -q 'berofos.conf - '"
	check "/etc/warmstandby/berofos.conf is a conffile" \
		bash -c "dpkg-query -W -f='\${Conffiles}' warmstandby-berofos | grep -q ' /etc/warmstandby/berofos.conf '"
	check "berofos.conf is root:root 0640" \
		test "$(stat -c '%U:%G %a' /etc/warmstandby/berofos.conf)" = "root:root 640"
	check "fos-kickd@.service is installed" test -f /lib/systemd/system/fos-kickd@.service
	if command -v systemd-analyze >/dev/null 2>&1; then
		check "systemd-analyze verify fos-kickd@fos1.service" \
			systemd-analyze verify --man=no /lib/systemd/system/fos-kickd@fos1.service
		check "fos-kickd@.service: exposure at most 3.5 (systemd-analyze security)" \
			systemd-analyze security --offline=true --threshold=35 /lib/systemd/system/fos-kickd@.service
	else
		skip "systemd-analyze verify (systemd-analyze not installed)"
	fi
}

check_fosemu() {
	local dir=$PAYLOAD/emu http udp kickd kicks
	check "man fosemu renders" man_renders fosemu
	check "fosemu's page is in section 1 (a user program)" \
		test "$(man -w fosemu)" = /usr/share/man/man1/fosemu.1.gz
	check "fosemu --version prints the package version" prints_version warmstandby-fosemu fosemu
	mkdir -p "$dir"
	start_bg fosemu -a 127.0.0.1 -p 0 -u 0 -P "$dir/ports" -m "$EMU_MAC" -s "$dir/state" -l "$dir/log"
	if ! wait_for 10 test -s "$dir/ports"; then
		fail "fosemu starts and listens on 127.0.0.1"
		return
	fi
	ok "fosemu starts and listens on 127.0.0.1"
	http=$(sed -n 's/^http_port=//p' "$dir/ports")
	udp=$(sed -n 's/^udp_port=//p' "$dir/ports")
	# fosemu stays up for the agents' checks (ended with the others).
	EMU_HTTP=$http EMU_UDP=$udp
	if ! built warmstandby-berofos; then
		skip "fosctl against fosemu (warmstandby-berofos not built)"
		return
	fi
	check "fosctl show answered by fosemu" fosctl -h 127.0.0.1 -p "$http" -t 2 show
	check "fosctl ping answered by fosemu (GBL4)" \
		fosctl -h 127.0.0.1 -p "$http" --udp-port "$udp" -m "$EMU_MAC" -t 2 ping
	check "fosctl passwd writes root-only credentials (0600)" \
		bash -c "fosctl -h 127.0.0.1 -p $http -t 2 -c $dir/fos.secret passwd &&
			test \"\$(stat -c '%U %a' $dir/fos.secret)\" = 'root 600'"
	cat >"$dir/berofos.conf" <<-EOF
	[emu]
	url = http://127.0.0.1:$http
	password_file = $dir/fos.secret
	mac = $EMU_MAC
	udp_addr = 127.0.0.1
	udp_port = $udp
	kick_interval_ms = 200
	EOF
	check "fosctl --switch: mode master through a berofos.conf section" \
		fosctl -f "$dir/berofos.conf" -s emu mode master
	check "fosctl --switch: watchdog on" fosctl -f "$dir/berofos.conf" -s emu -i 5 watchdog on
	start_bg fos-kickd -f "$dir/berofos.conf" -s emu -r 0 -e 2>"$dir/kickd.err"
	kickd=${started##* }
	sleep 1.5
	stop_pid "$kickd"
	kicks=$(grep -c 'kick accepted' "$dir/log")
	check "fos-kickd --switch kicks fosemu's watchdog ($kicks kicks in 1.5 s)" test "$kicks" -ge 4
	check "fosctl --switch: watchdog off" fosctl -f "$dir/berofos.conf" -s emu watchdog off
	EMU_CONF=$dir/berofos.conf
}

# Stubs for the parts that have not landed: each runs once its package is
# built.
check_stonith() {
	check "stonith -L lists berofos" bash -c 'stonith -L | grep -qx berofos'
	check "stonith -t berofos -n lists its parameters" stonith -t berofos -n
	check "fence_berofos is in Pacemaker's fence directory (stonith_admin --list-installed)" \
		bash -c 'test -x /usr/sbin/fence_berofos && stonith_admin --list-installed | grep -qw fence_berofos'
	check "stonith_admin --metadata -a fence_berofos" \
		bash -c 'stonith_admin --metadata -a fence_berofos | xmllint --noout -'
	check "man fence_berofos renders" man_renders fence_berofos
}

check_agents() {
	local agent name params
	# Peers for l2link: the medium's EtherType answered on the veth pair.
	if ip link show "$HB_IF" >/dev/null 2>&1; then
		start_bg ws-l2ping --responder -w 300 "$HB_IF" >"$PAYLOAD/responder.out" 2>&1
	fi
	check "crm ra info ocf:warmstandby:gateway" \
		bash -c 'crm ra info ocf:warmstandby:gateway | grep -qi gateway'
	for agent in "$OCF_AGENT_DIR"/*; do
		[ -x "$agent" ] || continue
		name=${agent##*/}
		check "$name meta-data validates against ra-api-1.dtd" \
			bash -c "OCF_ROOT=/usr/lib/ocf '$agent' meta-data |
				xmllint --noout --dtdvalid /usr/share/resource-agents/ra-api-1.dtd -"
		# Parameters per agent: lines "AGENT -o name=value ..." in
		# tests/deb/ocf-tester.params, with placeholders for what this
		# test set up (see that file).
		params=$(sed -n "s/^${name}[[:space:]]\{1,\}//p" "$PAYLOAD/ocf-tester.params" 2>/dev/null |
			sed -e "s|@EMU_CONF@|${EMU_CONF:-}|g" -e "s|@EMU_HTTP@|${EMU_HTTP:-}|g" \
			    -e "s|@EMU_UDP@|${EMU_UDP:-}|g" -e "s|@EMU_MAC@|$EMU_MAC|g" \
			    -e "s|@HB_IF@|$HB_IF|g" -e "s|@HB_MAC@|$HB_MAC|g" \
			    -e "s|@PEER_IF@|$PEER_IF|g" -e "s|@PEER_MAC@|$PEER_MAC|g")
		# shellcheck disable=SC2086 # params are split into options
		check "ocf-tester $name" ocf-tester -n "ws-$name" $params "$agent"
	done
}

check_tools() {
	check "wsctl is installed in /usr/sbin" test -x /usr/sbin/wsctl
	check "wsctl --help runs" wsctl --help
	check "wsctl --version prints the package version" prints_version warmstandby-tools wsctl
	check "man wsctl renders" man_renders wsctl
	# shellcheck disable=SC2016 # expanded by the inner bash
	check "the templates are installed" bash -c 'for t in pacemaker.crm ha.cf haresources; do
		[ -s /usr/share/warmstandby/templates/$t ] || exit 1; done'
	check "wsctl points at the installed templates and programs" bash -c \
		"grep -qx 'WS_TEMPLATEDIR=/usr/share/warmstandby/templates' /usr/sbin/wsctl &&
		grep -qx 'WS_LIBDIR=/usr/share/warmstandby/wsctl' /usr/sbin/wsctl &&
		[ -s /usr/share/warmstandby/wsctl/activate.sh ] &&
		wsctl --config /dev/null config show | grep -qx 'fosctl = /usr/sbin/fosctl'"
	check "wsctl usage error exits 2" bash -c 'wsctl activate 2>/dev/null; [ $? -eq 2 ]'
}

# remove_and_purge: dpkg -r leaves only conffiles (and the postrm a
# purge runs), dpkg -P nothing.
remove_and_purge() {
	local p f conffiles=() left=0
	declare -A want
	for p in $BUILT; do
		dpkg -L "$p" >"$PAYLOAD/files.$p"
		want[$p]=not-installed
		[ -n "$(dpkg-query -W -f='${Conffiles}' "$p")" ] && want[$p]=config-files
		# A package with a postrm (debhelper's for a systemd unit) stays
		# config-files too: dpkg keeps the script for the purge.
		[ -e "/var/lib/dpkg/info/$p.postrm" ] && want[$p]=config-files
		while read -r f _; do
			[ -n "$f" ] && conffiles+=("$f")
		done < <(dpkg-query -W -f='${Conffiles}\n' "$p")
	done
	# shellcheck disable=SC2086 # one argument per package
	check "dpkg -r $BUILT" dpkg -r $BUILT
	for p in $BUILT; do
		check "$p: status ${want[$p]} after remove" test "$(pkg_status "$p")" = "${want[$p]}"
		while read -r f; do
			[ "$f" != /. ] || continue
			[ -e "$f" ] || [ -L "$f" ] || continue
			if printf '%s\n' "${conffiles[@]}" | grep -qxF "$f"; then
				continue
			fi
			# A directory stays when another package owns it, or it
			# holds a conffile.
			if [ -d "$f" ] && { dpkg -S "$f" >/dev/null 2>&1 ||
				printf '%s\n' "${conffiles[@]}" | grep -q "^$f/"; }; then
				continue
			fi
			fail "$p: $f left behind by dpkg -r"
			left=1
		done <"$PAYLOAD/files.$p"
	done
	[ "$left" -eq 0 ] && ok "dpkg -r leaves no file but conffiles"
	for f in "${conffiles[@]}"; do
		check "conffile $f kept by dpkg -r" test -f "$f"
	done
	# shellcheck disable=SC2086 # one argument per package
	check "dpkg -P $BUILT" dpkg -P $BUILT
	for p in $BUILT; do
		check "$p: not installed after purge" test "$(pkg_status "$p")" = not-installed
	done
	for f in "${conffiles[@]}"; do
		check "conffile $f removed by dpkg -P" test ! -e "$f"
	done
	check "/etc/warmstandby removed by dpkg -P" test ! -e /etc/warmstandby
}

# leftovers: everything written over the host's / since BEFORE, except
# dpkg's own records, logs and caches and what Heartbeat keeps in
# /var/lib/heartbeat; directories the host has are only copied up.
leftovers() {
	comm -13 "$PAYLOAD/before" <(upper_snapshot) | while read -r f; do
		f=${f#.}
		case $f in
		/var/lib/dpkg|/var/lib/dpkg/*|/var/log|/var/log/*|/var/cache|/var/cache/*) continue ;;
		/var/lib/heartbeat|/var/lib/heartbeat/*|/root|/root/*) continue ;;
		esac
		if [ -d "$PAYLOAD/upper$f" ] && [ -d "$PAYLOAD/lower$f" ]; then
			continue
		fi
		echo "$f"
	done
}

chroot_main() {
	local deb p left
	export PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root
	ip link set lo up

	BUILT=
	if [ -e "$PAYLOAD/installed" ]; then
		chroot_installed
		return
	fi
	for deb in "$PAYLOAD"/debs/*.deb; do
		BUILT="$BUILT $(dpkg-deb -f "$deb" Package)"
	done
	BUILT=${BUILT# }
	echo "install-test: packages built: $BUILT"
	for p in $BUILT; do
		if [ "$(pkg_status "$p")" != not-installed ]; then
			fail "$p is already known to the host's dpkg: the test needs a host without it"
			summary
			return
		fi
	done
	check "the host has no l2.so of its own" test ! -e "$HBCOMM_DIR/l2.so"

	# Heartbeat's configuration is written before the snapshot: it is the
	# administrator's, not the packages'.
	write_heartbeat_config
	upper_snapshot >"$PAYLOAD/before"

	check "dpkg -i of the built packages" dpkg -i "$PAYLOAD"/debs/*.deb
	check_installed_packages
	remove_and_purge
	rm -f /etc/ha.d/ha.cf /etc/ha.d/haresources /etc/ha.d/authkeys
	left=$(leftovers)
	if [ -z "$left" ]; then
		ok "nothing left over the host's / after purge (overlay upper layer)"
	else
		fail "left over the host's / after purge:"
		printf '%s\n' "$left" | sed 's/^/     | /'
	fi
	summary
}

# Heartbeat's configuration for the l2 check: one node, the l2 medium on
# the veth pair.
write_heartbeat_config() {
	printf '%s\n' "logfile /var/log/ha-log" "keepalive 200ms" "deadtime 2" \
		"warntime 1" "initdead 4" "l2 $HB_IF $PEER_MAC" "auto_failback off" \
		"node wsdeb1" "node wsdeb2" "crm no" >/etc/ha.d/ha.cf
	: >/etc/ha.d/haresources
	(umask 077; printf 'auth 1\n1 sha1 %s\n' "$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" >/etc/ha.d/authkeys)
}

# The autopkgtest: the packages are installed already (by autopkgtest, from
# the test's Depends); the same checks, then remove and purge.
chroot_installed() {
	local p
	for p in warmstandby-hbcomm-l2 warmstandby-berofos warmstandby-fosemu \
		warmstandby-stonith warmstandby-agents warmstandby-tools; do
		[ "$(pkg_status "$p")" = installed ] && BUILT="$BUILT $p"
	done
	BUILT=${BUILT# }
	echo "install-test: packages installed: ${BUILT:-none}"
	[ -n "$BUILT" ] || { fail "no warmstandby package is installed"; summary; return; }
	write_heartbeat_config
	check_installed_packages
	remove_and_purge
	summary
}

# The checks of the installed packages $BUILT; fosemu, heartbeat and the
# responders they start are stopped at the end.
check_installed_packages() {
	local p f outside
	for p in $BUILT; do
		check "$p installed" test "$(pkg_status "$p")" = installed
	done
	for p in $BUILT; do
		outside=$(dpkg -L "$p" | grep -vE '^(/\.|/etc|/etc/.*|/usr|/usr/.*|/lib|/lib/systemd|/lib/systemd/system|/lib/systemd/system/.*)$')
		check "$p: every file under /usr, /etc or /lib/systemd/system" test -z "$outside"
		[ -z "$outside" ] || printf '%s\n' "$outside" | sed 's/^/     | /'
		# bluez owns /usr/bin/l2ping (Policy 10.1): ours is ws-l2ping.
		check "$p: ships no program named l2ping" \
			bash -c "! dpkg -L '$p' | grep -E '/s?bin/l2ping\$|/man8/l2ping\\.8'"
		# Every man page of every package formats cleanly.
		while read -r f; do
			check "$p: $f formats without warnings" man_file_renders "$f"
		done < <(dpkg -L "$p" | grep '^/usr/share/man/man[0-9]/.*\.gz$')
	done

	if built warmstandby-hbcomm-l2; then check_heartbeat_l2; else skip "heartbeat loads l2 (warmstandby-hbcomm-l2 not built)"; fi
	if built warmstandby-berofos; then check_berofos; else skip "fosctl, fos-kickd (warmstandby-berofos not built)"; fi
	if built warmstandby-fosemu; then check_fosemu; else skip "fosemu (warmstandby-fosemu not built)"; fi
	if built warmstandby-stonith; then check_stonith; else skip "stonith -L, stonith_admin --metadata -a fence_berofos, man fence_berofos (warmstandby-stonith not built)"; fi
	if built warmstandby-agents; then check_agents; else skip "crm ra info ocf:warmstandby:gateway, ocf-tester (warmstandby-agents not built)"; fi
	if built warmstandby-tools; then check_tools; else skip "wsctl, man wsctl (warmstandby-tools not built)"; fi
	for p in $started; do stop_pid "$p"; done
}

summary() {
	echo "install-test: $n_ok ok, $n_fail failed, $n_skip skipped"
	[ "$n_fail" -eq 0 ]
}

case ${1:-} in
--ns) ns_main "$2" ;;
--chroot) chroot_main ;;
*) host_main "$@" ;;
esac
