#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# warmstandby's gateway in the testbed, as the pair tests (pairs.sh) and
# the agents' tests (tests/ocf) observe it.  Source after lib.sh and fos.sh.
#
# The agents and the R1 wrappers are the installed ones (the product layer
# of lib.sh).  Each node gets a hooks directory /etc/ha.d/hooks.d whose
# hook records every role change in /var/log/ws-hooks.log and, on the
# master, runs a stand-in "service" whose pid file /run/ws-svc.pid the
# gateway watches.  /etc/ha.d/fail-promote makes the master hook fail.
#
# wso_sampler_start records, every WSO_SAMPLE_MS, each node's gateway role
# (from its state file) and the switch's relay mode; wso_sampler_check
# counts the samples with two masters and the longest time the lines pointed
# away from the only master.

WSO_SAMPLE_MS=${WSO_SAMPLE_MS:-200}
WSO_WINTV=${WSO_WINTV:-3}
WSO_KICK_MS=${WSO_KICK_MS:-500}

# wso_node_setup NODE: the test hooks on NODE's disk.
wso_node_setup() {
	local d
	d=$(tb_state "$1")
	mkdir -p "$d/etc/ha.d/hooks.d"
	cat >"$d/etc/ha.d/hooks.d/10-service" <<'EOF'
#!/bin/sh
# Test hook: log the role change; the master runs a stand-in service.
echo "$(date +%s.%3N) $1" >>/var/log/ws-hooks.log
case $1 in
master)
	[ ! -e /etc/ha.d/fail-promote ] || exit 1
	if [ -s /run/ws-svc.pid ] && kill -0 "$(cat /run/ws-svc.pid)" 2>/dev/null; then
		exit 0
	fi
	setsid sleep 86400 </dev/null >/dev/null 2>&1 &
	echo $! >/run/ws-svc.pid ;;
slave)
	if [ -s /run/ws-svc.pid ]; then
		kill "$(cat /run/ws-svc.pid)" 2>/dev/null
	fi
	rm -f /run/ws-svc.pid ;;
esac
exit 0
EOF
	chmod 755 "$d/etc/ha.d/hooks.d/10-service"
}

# The linesw parameters for the run's switch (the berofos.conf section
# that pairs.sh writes on every node), as name=value words.
wso_linesw_params() {
	echo "switch=fos1 config=/etc/warmstandby/berofos.conf primary_node=n1" \
		"wintv=$WSO_WINTV kick_interval=$WSO_KICK_MS"
}

# wso_role NODE: master, slave or "-" (stopped or powered off).
wso_role() {
	local pid f
	pid=$(cat "$TB_DIR/$1/init.pid" 2>/dev/null) || { echo -; return; }
	for f in "/proc/$pid/root/run/resource-agents/"warmstandby-gateway-*.state; do
		[ -r "$f" ] && { head -n 1 "$f" 2>/dev/null; return; }
	done
	echo -
}
wso_role_is() { [ "$(wso_role "$1")" = "$2" ]; }   # NODE ROLE
# wso_masters: the nodes whose gateway is master, one a line.
wso_masters() {
	local n
	for n in "${TB_NODES[@]}"; do
		[ "$(wso_role "$n")" = master ] && echo "$n"
	done
	return 0
}
# The relay mode that points at NODE (n1 is cabled to the primary side).
wso_mode_of() { if [ "$1" = n1 ]; then echo 1; else echo 0; fi; }
# The live relay mode, read from fosemu's state file (no request to the
# switch, so sampling does not disturb what it samples).
wso_mode() { sed -n 's/^4_mode=//p' "$(fos_dir)/state" 2>/dev/null | head -n 1; }
wso_lines_on() { [ "$(wso_mode)" = "$(wso_mode_of "$1")" ]; }
wso_master_is() { [ "$(wso_masters | tr '\n' ' ')" = "$1 " ]; }

# wso_sampler_start SECONDS: samples to $(fos_dir)/samples, saved with the logs ("time n1 n2 mode").
wso_sampler_start() {
	local max=$(( $1 * 1000 / WSO_SAMPLE_MS ))
	(
		i=0
		while [ "$i" -lt "$max" ]; do
			line="$(date +%s.%3N)"
			for n in "${TB_NODES[@]}"; do line="$line $(wso_role "$n")"; done
			echo "$line $(wso_mode)"
			sleep "$(awk -v m="$WSO_SAMPLE_MS" 'BEGIN {print m / 1000}')"
			i=$((i + 1))
		done
	) >"$(fos_dir)/samples" 2>/dev/null 9>&- &
	WSO_SAMPLER=$!
	tb_record_pid "$WSO_SAMPLER" sampler
}
wso_sampler_stop() {
	kill "$WSO_SAMPLER" 2>/dev/null
	wait "$WSO_SAMPLER" 2>/dev/null
}

# wso_sampler_report: prints "samples=N two_masters=N max_lag=S", where
# max_lag is the longest stretch with one master and the lines elsewhere.
# Column 2 is n1, column 3 is n2 (the nodes' definition order).
wso_sampler_report() {
	awk '
	{
		n++; masters = 0; m = ""
		if ($2 == "master") { masters++; m = 1 }
		if ($3 == "master") { masters++; m = 0 }
		if (masters > 1) two++
		if (masters == 1 && $4 != m) {
			if (since == "") since = $1
			lag = $1 - since; if (lag > maxlag) maxlag = lag
		} else since = ""
	}
	END { printf "samples=%d two_masters=%d max_lag=%.1f\n", n, two, maxlag }
	' "$(fos_dir)/samples"
}
# wso_sampler_verdict GRACE: stops the sampler and checks its samples:
# never two masters, the lines never more than GRACE s behind the master.
# The report in WSO_REPORT.
wso_sampler_verdict() {
	wso_sampler_stop
	WSO_REPORT=$(wso_sampler_report)
	check "never two masters at any sample ($WSO_REPORT)" \
		test "$(wso_report_field "$WSO_REPORT" two_masters)" = 0
	check "the lines never lagged behind the master by more than $1 s" \
		tb_le "$(wso_report_field "$WSO_REPORT" max_lag)" "$1"
}
wso_report_field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" <<<"$1"; }
