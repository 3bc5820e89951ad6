#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The act_* and conf_* variables set here are read by wsctl's functions;
# the functions here run through ct_check.
# shellcheck disable=SC2034,SC2317
# The templates wsctl renders, without a cluster: the crmsh template loads
# into a file CIB with crmsh's strict checks against our agents' meta-data
# (installed as the packages install them, in a private overlay of /) and
# prints no warning; crm_verify finds nothing to report, and crm_simulate
# with both nodes online places the promoted gateway, the lines, the VIPs
# and the fence device as wsctl promises (master on the primary node); the
# fence device is fence_berofos with the switch's address split into ip
# and ipport (IPv6 brackets kept) and pcmk_host_map; the Heartbeat files
# name the peer's MAC per link, both nodes, the stonith host line and the
# primary's resource group.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
WSCTL_SOURCE_ONLY=1
# shellcheck source=../../crm-config/wsctl
. "$WSCTL"

for t in crm_verify crm_simulate cibadmin crm; do
	command -v "$t" >/dev/null || { echo "$t missing: install pacemaker-cli-utils and crmsh" >&2; exit 1; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The templates of the source tree (an installed wsctl names its own).
WS_TEMPLATEDIR="$WS_SRCDIR/crm-config/templates"
# What activate knows after its checks: two nodes, two links, one VIP.
conf_defaults
conf_berofos_conf="$dir/berofos.conf"
printf '[fos1]\nurl = http://192.0.2.40:80\nuser = admin\npassword_file = /etc/warmstandby/fos1.pw\n' >"$conf_berofos_conf"
act_me=gw1 act_peer=gw2 act_primary=gw2 act_switch=fos1 act_stonith=fos1
act_links="eth1 eth2" act_pmap="gw1:0,gw2:1"
act_vips_full="192.0.2.50/24@eth0 198.51.100.7/32@eth3"
act_mac_gw1_0=02:00:00:00:01:01 act_mac_gw1_1=02:00:00:00:02:01
act_mac_gw2_0=02:00:00:00:01:02 act_mac_gw2_1=02:00:00:00:02:02
act_ip_gw1_0=10.0.1.1 act_ip_gw1_1=10.0.2.1 act_ip_gw2_0=10.0.1.2 act_ip_gw2_1=10.0.2.2
conf_services="asterisk"

render() {                       # TEMPLATE NODE OUT
	act_vars "$2" >"$dir/$2.vars" && render_template "$WS_SRCDIR/crm-config/templates/$1" "$dir/$2.vars" >"$3"
}
ct_check "pacemaker.crm renders" render pacemaker.crm gw1 "$dir/cib.crm"
ct_check "no placeholder left" sh -c "! grep -n '@@' '$dir/cib.crm'"
# fence_has TEXT: the fence device's definition, on one line, holds TEXT.
fence_has() {
	grep -A4 '^primitive fence-fos1 ' "$dir/cib.crm" | tr -d '\134' | tr -s ' \t\n' ' ' | grep -qF -- "$1"
}
ct_check "the fence device is fence_berofos, not the cluster-glue plugin" grep -q '^primitive fence-fos1 stonith:fence_berofos ' "$dir/cib.crm"
ct_check "the fence device maps each node to its relay (pcmk_host_map)" fence_has 'pcmk_host_map="gw1:0;gw2:1"'
ct_check "the fence device has the switch's address, login, timeout and reset wait" \
	fence_has 'ip="192.0.2.40" ipport=80 username=admin password_file=/etc/warmstandby/fos1.pw shell_timeout=2 reset_wait=1 '
ct_check "the fence device has the password file, not a password" \
	sh -c "grep -q 'password_file=/etc/warmstandby/fos1.pw' '$dir/cib.crm' && ! grep -qi ' password=' '$dir/cib.crm'"
ct_check "the gateway's operations wait at least the agent's advised 60 s" \
	grep -q 'op start timeout=60s op stop timeout=60s op promote timeout=60s op demote timeout=60s' "$dir/cib.crm"

cib="$dir/cib.xml"
# Our agents as warmstandby-stonith and warmstandby-ocf install them, in
# an overlay of / seen only by the commands of in_agents_root (a private
# mount namespace): crmsh then checks every parameter and operation
# against their meta-data, as on a node.
agents="$dir/agents"
mkdir -p "$agents/upper/usr/sbin" "$agents/upper/usr/lib/ocf/resource.d/warmstandby" \
	"$agents/upper/usr/lib/ocf/lib/warmstandby" "$agents/work" "$agents/root"
if ! { cp "$WS_BUILDDIR/stonith/fence_berofos" "$agents/upper/usr/sbin/" &&
	cp "$WS_SRCDIR/ocf/gateway" "$WS_SRCDIR/ocf/linesw" "$WS_SRCDIR/ocf/l2link" \
		"$agents/upper/usr/lib/ocf/resource.d/warmstandby/" &&
	cp "$WS_SRCDIR/ocf/ws-common.sh" "$agents/upper/usr/lib/ocf/lib/warmstandby/"; }; then
	echo "our agents are missing: build first ($WS_BUILDDIR/stonith/fence_berofos)" >&2
	exit 1
fi
in_agents_root() {               # SHELL-CMD, run as root of the overlay
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --mount --propagation private /bin/sh -ec '
		a=$1 d=$2; shift 2
		mount -t overlay wsagents -o "lowerdir=/,upperdir=$a/upper,workdir=$a/work" "$a/root"
		mount -t proc proc "$a/root/proc"
		mount --rbind /dev "$a/root/dev"
		mount -t tmpfs wsrun "$a/root/run"
		mount --bind "$d" "$a/root$d"
		exec chroot "$a/root" /bin/sh -c "$1"' _ "$agents" "$dir" "$1"
}
# crmsh's checks, spelled out: every time, problems are errors.
mkdir -p "$dir/home/.config/crm" "$dir/home-nocheck/.config/crm"
printf '[core]\ncheck_frequency = always\ncheck_mode = strict\n' >"$dir/home/.config/crm/crm.conf"
# The systemd class's meta-data comes from systemd over D-Bus, which a
# build host need not run: the service's lines alone load unchecked (and
# what crmsh says about them is not asserted).
printf '[core]\ncheck_frequency = never\n' >"$dir/home-nocheck/.config/crm/crm.conf"
grep -v 'svc-' "$dir/cib.crm" >"$dir/cib-agents.crm"
grep 'svc-' "$dir/cib.crm" >"$dir/cib-services.crm"
# The CIB as the running pair has it when wsctl loads the file: both
# nodes known (corosync names them), quorate.
load_cib() {
	in_agents_root "cibadmin --empty >'$cib' && export CIB_file='$cib' &&
		cibadmin --modify -X '<cib have-quorum=\"1\"/>' &&
		cibadmin --create -o nodes -X '<node id=\"1\" uname=\"gw1\"/>' &&
		cibadmin --create -o nodes -X '<node id=\"2\" uname=\"gw2\"/>' &&
		HOME='$dir/home' crm configure load update '$dir/cib-agents.crm'" >"$dir/load.out" 2>&1 &&
		HOME="$dir/home-nocheck" CIB_file=$cib crm configure load update "$dir/cib-services.crm" >"$dir/load-services.out" 2>&1 &&
		[ "$(grep -c '<primitive ' "$cib")" -eq 8 ]
}
if [ "$(id -u)" -eq 0 ]; then
	ct_check "crmsh loads it into a file CIB, checked against our agents" load_cib || cat "$dir/load.out" "$dir/load-services.out"
	ct_check "crmsh prints no warning (parameters and timeouts fit the agents' meta-data)" \
		[ ! -s "$dir/load.out" ] || cat "$dir/load.out"
else
	# Without root no private overlay: loaded unchecked, the warnings untested.
	echo "SKIP crmsh's checks against our agents' meta-data (they need root for the overlay)"
	load_cib() {
		cibadmin --empty >"$cib" && CIB_file=$cib cibadmin --modify -X '<cib have-quorum="1"/>' &&
			HOME="$dir/home-nocheck" CIB_file=$cib crm configure load update "$dir/cib.crm" >"$dir/load.out" 2>&1 &&
			CIB_file=$cib cibadmin --create -o nodes -X '<node id="1" uname="gw1"/>' &&
			CIB_file=$cib cibadmin --create -o nodes -X '<node id="2" uname="gw2"/>'
	}
	ct_check "crmsh loads it into a file CIB" load_cib || cat "$dir/load.out"
fi
# The cluster as corosync will form it: both nodes up, quorate, nothing
# run yet.  (Without a status section crm_verify only warns that the
# nodes are unclean.)
crm_simulate -x "$cib" --quorum true --node-up gw1 --node-up gw2 -O "$dir/state.xml" >"$dir/state.out" 2>&1
ct_check "both nodes online in the simulated status" [ -s "$dir/state.xml" ] || cat "$dir/state.out"
verify() { crm_verify -x "$dir/state.xml" -V >"$dir/verify.out" 2>&1 && [ ! -s "$dir/verify.out" ]; }
ct_check "crm_verify -V reports nothing" verify || cat "$dir/verify.out"

crm_simulate -x "$dir/state.xml" -S -O "$dir/after.xml" >"$dir/sim.out" 2>&1
ct_check "crm_simulate ran the transition" [ -s "$dir/after.xml" ] || cat "$dir/sim.out"
# The resulting state: where each resource runs and in what role.
placed() {                       # ID ROLE NODE
	CIB_file="$dir/after.xml" crm_mon -1 --output-as=xml 2>/dev/null | awk -v id="$1" -v role="$2" -v node="$3" '
	/<resource / { r = (index($0, "id=\"" id "\"") && index($0, "role=\"" role "\"")) }
	r && /<node / && index($0, "name=\"" node "\"") { found = 1 }
	END { exit !found }'
}
ct_check "gateway promoted on the primary gw2" placed gw Promoted gw2
ct_check "gateway unpromoted on gw1" placed gw Unpromoted gw1
ct_check "lines on gw2" placed lines Started gw2
ct_check "first VIP on gw2" placed vip0 Started gw2
ct_check "second VIP on gw2" placed vip1 Started gw2
ct_check "service on gw2, after the lines" placed svc-asterisk Started gw2
ct_check "fence device started" sh -c "CIB_file='$dir/after.xml' crm_mon -1 2>/dev/null | grep -q 'fence-fos1.*Started'"
ct_check "l2link clone on both nodes" sh -c "CIB_file='$dir/after.xml' crm_mon -1 2>/dev/null | grep -A3 'l2link-eth1-clone' | grep -q 'Started: \[ gw1 gw2 \]'"
ct_check "priority-fencing-delay and clone priority set" sh -c \
	"grep -q 'priority-fencing-delay' '$cib' && grep -q 'name=\"priority\" value=\"10\"' '$cib'"

# Heartbeat R1: gw1's ha.cf names gw2's MACs; haresources is the same on both.
ct_check "ha.cf renders for gw1" render ha.cf gw1 "$dir/ha.cf.gw1"
ct_check "ha.cf renders for gw2" render ha.cf gw2 "$dir/ha.cf.gw2"
ct_check "gw1 sends to gw2's MACs" sh -c "grep -qx 'l2 eth1 02:00:00:00:01:02' '$dir/ha.cf.gw1' && grep -qx 'l2 eth2 02:00:00:00:02:02' '$dir/ha.cf.gw1'"
ct_check "gw2 sends to gw1's MACs" grep -qx 'l2 eth1 02:00:00:00:01:01' "$dir/ha.cf.gw2"
ct_check "stonith_host line (with the guard: primary, no LAN map, kick stall 1 s, ARP wait 0.1 s)" \
	grep -qx 'stonith_host \* berofos 192.0.2.40:80 gw1:0,gw2:1 admin /etc/warmstandby/fos1.pw 2 1 gw2 none 1 0.1' "$dir/ha.cf.gw1"
ct_check "kick_stall: twice the kick interval, at least 1 s" \
	[ "$(kick_stall_s 200) $(kick_stall_s 500) $(kick_stall_s 501) $(kick_stall_s 2500)" = "1 1 2 5" ]

# The switch's port and IPv6 address reach the fence device unchanged.
ct_check "url_address keeps the port" [ "$(url_address http://192.0.2.40:8080)" = 192.0.2.40:8080 ]
ct_check "url_address keeps IPv6 brackets and port" [ "$(url_address 'http://[fe80::1]:80/')" = '[fe80::1]:80' ]
ct_check "url_address of a bare host" [ "$(url_address http://fos1.example)" = fos1.example ]
# A switch without a password: Heartbeat's stonith_host takes its
# parameters by position, so the place of the password file says "none".
printf '[fos1]\nurl = http://192.0.2.40\nuser = admin\n' >"$conf_berofos_conf"
ct_check "no password file: stonith_host says none in its place (10 parameters)" render ha.cf gw1 "$dir/ha.cf-nopw" &&
	grep -qx 'stonith_host \* berofos 192.0.2.40 gw1:0,gw2:1 admin none 2 1 gw2 none 1 0.1' "$dir/ha.cf-nopw"
ct_check "no password file: the fence device has no password_file parameter" render pacemaker.crm gw1 "$dir/nopw.crm" &&
	! grep -q 'password_file' "$dir/nopw.crm" && grep -q 'username=admin shell_timeout=2' "$dir/nopw.crm"

# renders_with TEMPLATE TEXT: the template rendered for gw1 holds TEXT.
renders_with() { render "$1" gw1 "$dir/with.out" && grep -qF -- "$2" "$dir/with.out"; }
# The fence guard's LAN map (activate's act_lan_addrs) in both stacks' words.
act_lan_map='gw1=192.0.2.11 gw2=192.0.2.12'
ct_check "the guard's LAN map reaches stonith_host (commas)" \
	renders_with ha.cf ' gw2 gw1=192.0.2.11,gw2=192.0.2.12 1 0.1'
ct_check "the guard's parameters reach the Pacemaker fence device" \
	renders_with pacemaker.crm 'hostmap="gw1:0 gw2:1" primary_node=gw2 lan_map="gw1=192.0.2.11 gw2=192.0.2.12" kick_stall=1'
act_lan_map=
for url in 'http://192.0.2.40:8080' 'http://[fe80::1]:80'; do
	printf '[fos1]\nurl = %s\nuser = admin\npassword_file = /etc/warmstandby/fos1.pw\n' "$url" >"$conf_berofos_conf"
	addr=$(url_address "$url")
	ct_check "$url: the fence device's ip and ipport are $(url_host "$url") and $(url_port "$url")" \
		renders_with pacemaker.crm "ip=\"$(url_host "$url")\" ipport=$(url_port "$url") "
	ct_check "$url: stonith_host names $addr" renders_with ha.cf "stonith_host * berofos $addr gw1:0"
done
# What fence_berofos makes of them: the address activate checked.
agent_takes() {                  # URL
	printf 'action=validate-all\nip=%s\nipport=%s\nplug=gw2\nhostmap=gw1:0 gw2:1\n' \
		"$(url_host "$1")" "$(url_port "$1")" | "$WS_BUILDDIR/stonith/fence_berofos" >/dev/null 2>&1
}
for url in 'http://192.0.2.40:8080' 'http://[fe80::1]:80' 'http://fos1.example' 'http://[2001:db8::7]'; do
	ct_check "$url: fence_berofos accepts the ip and ipport wsctl gives it" agent_takes "$url"
done
ct_check "url_host and url_port of IPv6 with a port" \
	[ "$(url_host 'http://[2001:db8::7]:8080/x') $(url_port 'http://[2001:db8::7]:8080/x')" = '[2001:db8::7] 8080' ]
ct_check "url_port of a URL without a port is 80" [ "$(url_port http://fos1.example/)" = 80 ]
ct_check "both nodes listed" sh -c "grep -qx 'node gw1' '$dir/ha.cf.gw1' && grep -qx 'node gw2' '$dir/ha.cf.gw1'"
ct_check "haresources renders" render haresources gw1 "$dir/haresources"
expected="gw2 WarmstandbyGateway::hooks=/etc/warmstandby/hooks.d::hook_timeout=30 WarmstandbyLinesw::fos1::config=$conf_berofos_conf::primary_node=gw2::wintv=10::fosctl=/usr/sbin/fosctl::fos_kickd=/usr/sbin/fos-kickd::kick_interval=200 IPaddr2::192.0.2.50/24/eth0 IPaddr2::198.51.100.7/32/eth3 asterisk"
ct_check "haresources: the primary's group, lines before VIPs and services" sh -c "grep -v '^#' '$dir/haresources' | grep -qxF '$expected'"
# corosync.conf: knet, both nodes numbered, one ring per link.
cs_node() {                      # NAME: that node's entry, on one line
	grep -A4 "        name: $1\$" "$dir/corosync.conf" | tr -d ' ' | tr '\n' ' '
}
render_corosync_to() { render_corosync >"$1"; }
ct_check "corosync.conf renders" render_corosync_to "$dir/corosync.conf"
ct_check "corosync.conf: no placeholder left" sh -c "! grep -n '@@' '$dir/corosync.conf'"
ct_check "corosync.conf: knet, token and two_node" sh -c "grep -qx '    transport: knet' '$dir/corosync.conf' &&
	grep -qx '    token: 500' '$dir/corosync.conf' && grep -qx '    two_node: 1' '$dir/corosync.conf'"
ct_check "corosync.conf: gw1 is node 1 with a ring address per link" \
	[ "$(cs_node gw1)" = 'name:gw1 nodeid:1 ring0_addr:10.0.1.1 ring1_addr:10.0.2.1 } ' ]
ct_check "corosync.conf: gw2 is node 2" [ "$(cs_node gw2)" = 'name:gw2 nodeid:2 ring0_addr:10.0.1.2 ring1_addr:10.0.2.2 } ' ]
ct_check "corosync.conf: knet's per-datagram errors are kept out of the logs (KNET at crit)" \
	sh -c "grep -A3 '    logger_subsys {' '$dir/corosync.conf' | tr -d ' ' | tr '\n' ' ' | grep -qx 'logger_subsys{ subsys:KNET syslog_priority:crit logfile_priority:crit '"
ct_check "corosync.conf: two nodes in one nodelist" \
	[ "$(grep -c '    node {' "$dir/corosync.conf") $(grep -c '^nodelist {' "$dir/corosync.conf")" = "2 1" ]
# Every line activate writes comes from a template: a marker added to
# each fragment of a copy of the templates shows up once per item.
cp -r "$WS_SRCDIR/crm-config/templates" "$dir/tpl"
for f in pacemaker-vip.crm pacemaker-service.crm pacemaker-l2link.crm corosync.conf corosync-node.conf corosync-ring.conf; do
	printf '# marker %s\n' "$f" >>"$dir/tpl/$f"
done
marked() { [ "$(grep -c "^ *# marker $2\$" "$1")" -eq "$3" ]; }   # FILE FRAGMENT COUNT
from_fragments() {
	WS_TEMPLATEDIR="$dir/tpl"
	act_vars gw1 >"$dir/tpl.vars" && render_template "$dir/tpl/pacemaker.crm" "$dir/tpl.vars" >"$dir/tpl.crm" &&
		render_corosync >"$dir/tpl.conf"
	ff_rc=$?
	WS_TEMPLATEDIR="$WS_SRCDIR/crm-config/templates"
	return "$ff_rc"
}
ct_check "the copied templates render" from_fragments
ct_check "pacemaker.crm: each VIP's lines come from pacemaker-vip.crm" marked "$dir/tpl.crm" pacemaker-vip.crm 2
ct_check "pacemaker.crm: each service's lines come from pacemaker-service.crm" marked "$dir/tpl.crm" pacemaker-service.crm 1
ct_check "pacemaker.crm: each link's lines come from pacemaker-l2link.crm" marked "$dir/tpl.crm" pacemaker-l2link.crm 2
ct_check "corosync.conf comes from its template" marked "$dir/tpl.conf" corosync.conf 1
ct_check "corosync.conf: each node from corosync-node.conf" marked "$dir/tpl.conf" corosync-node.conf 2
ct_check "corosync.conf: each ring from corosync-ring.conf" marked "$dir/tpl.conf" corosync-ring.conf 4
WS_TEMPLATEDIR="$WS_SRCDIR/crm-config/templates"
ct_check "a missing value is an error, not an empty field" sh -c \
	"printf 'A\tx\n' >'$dir/v'; printf '@@A@@ @@B@@\n' >'$dir/t'; ! render_template '$dir/t' '$dir/v' >/dev/null 2>&1"
ct_finish
