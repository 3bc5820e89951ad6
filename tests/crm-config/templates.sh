#!/bin/sh
# The act_* and conf_* variables set here are read by wsctl's functions;
# the functions here run through ct_check.
# shellcheck disable=SC2034,SC2317
# The templates wsctl renders, without a cluster: the crmsh template loads
# into a file CIB, crm_verify finds nothing to report, and crm_simulate
# with both nodes online places the promoted gateway, the lines, the VIPs
# and the fence device as wsctl promises (master on the primary node); the
# Heartbeat files name the peer's MAC per link, both nodes, the stonith
# host line and the primary's resource group.
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

# What activate knows after its checks: two nodes, two links, one VIP.
conf_defaults
conf_berofos_conf="$dir/berofos.conf"
printf '[fos1]\nurl = http://192.0.2.40:80\nuser = admin\npassword_file = /etc/warmstandby/fos1.pw\n' >"$conf_berofos_conf"
act_me=gw1 act_peer=gw2 act_primary=gw2 act_switch=fos1 act_stonith=fos1
act_links="eth1 eth2" act_pmap="gw1:0,gw2:1"
act_vips_full="192.0.2.50/24@eth0 198.51.100.7/32@eth3"
act_mac_gw1_0=02:00:00:00:01:01 act_mac_gw1_1=02:00:00:00:02:01
act_mac_gw2_0=02:00:00:00:01:02 act_mac_gw2_1=02:00:00:00:02:02
conf_services="asterisk"

render() {                       # TEMPLATE NODE OUT
	act_vars "$2" >"$dir/$2.vars" && render_template "$WS_SRCDIR/crm-config/templates/$1" "$dir/$2.vars" >"$3"
}
ct_check "pacemaker.crm renders" render pacemaker.crm gw1 "$dir/cib.crm"
ct_check "no placeholder left" sh -c "! grep -n '@@' '$dir/cib.crm'"
ct_check "the fence device has the hostmap and the password file, not a password" \
	sh -c "grep -q 'hostmap=\"gw1:0 gw2:1\" login=admin' '$dir/cib.crm' && grep -q 'password_file=/etc/warmstandby/fos1.pw' '$dir/cib.crm' && ! grep -qi 'password=' '$dir/cib.crm'"

cib="$dir/cib.xml"
# Our agents are not installed on a build host: crmsh, told (in a crmsh
# configuration of this run only) not to check agents, loads the file;
# crm_verify and crm_simulate judge the result.
mkdir -p "$dir/home/.config/crm"
printf '[core]\ncheck_frequency = never\ncheck_mode = relaxed\n' >"$dir/home/.config/crm/crm.conf"
load_cib() {
	cibadmin --empty >"$cib" &&
		HOME="$dir/home" CIB_file=$cib crm configure load update "$dir/cib.crm" >"$dir/load.out" 2>&1 &&
		[ "$(grep -c '<primitive ' "$cib")" -eq 8 ]
}
ct_check "crmsh loads it into a file CIB" load_cib || cat "$dir/load.out"
# Two nodes, as corosync will name them.
add_nodes() {
	CIB_file=$cib cibadmin --create -o nodes -X '<node id="1" uname="gw1"/>' &&
		CIB_file=$cib cibadmin --create -o nodes -X '<node id="2" uname="gw2"/>'
}
ct_check "nodes added" add_nodes
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

# renders_with TEMPLATE TEXT: the template rendered for gw1 holds TEXT.
renders_with() { render "$1" gw1 "$dir/with.out" && grep -qF -- "$2" "$dir/with.out"; }
# The fence guard's LAN map (activate's act_lan_addrs) in both stacks' words.
act_lan_map='gw1=192.0.2.11 gw2=192.0.2.12'
ct_check "the guard's LAN map reaches stonith_host (commas)" \
	renders_with ha.cf ' gw2 gw1=192.0.2.11,gw2=192.0.2.12 1 0.1'
ct_check "the guard's parameters reach the Pacemaker fence device" \
	renders_with pacemaker.crm 'primary_node=gw2 lan_map="gw1=192.0.2.11 gw2=192.0.2.12" kick_stall=1'
act_lan_map=
for url in 'http://192.0.2.40:8080' 'http://[fe80::1]:80'; do
	printf '[fos1]\nurl = %s\nuser = admin\npassword_file = /etc/warmstandby/fos1.pw\n' "$url" >"$conf_berofos_conf"
	addr=$(url_address "$url")
	ct_check "$url: the fence device's ipaddr is $addr" renders_with pacemaker.crm "ipaddr=$addr "
	ct_check "$url: stonith_host names $addr" renders_with ha.cf "stonith_host * berofos $addr gw1:0"
done
ct_check "both nodes listed" sh -c "grep -qx 'node gw1' '$dir/ha.cf.gw1' && grep -qx 'node gw2' '$dir/ha.cf.gw1'"
ct_check "haresources renders" render haresources gw1 "$dir/haresources"
expected="gw2 WarmstandbyGateway::hooks=/etc/warmstandby/hooks.d::hook_timeout=30 WarmstandbyLinesw::fos1::config=$conf_berofos_conf::primary_node=gw2::wintv=10::fosctl=/usr/sbin/fosctl::fos_kickd=/usr/sbin/fos-kickd::kick_interval=200 IPaddr2::192.0.2.50/24/eth0 IPaddr2::198.51.100.7/32/eth3 asterisk"
ct_check "haresources: the primary's group, lines before VIPs and services" sh -c "grep -v '^#' '$dir/haresources' | grep -qxF '$expected'"
ct_check "a missing value is an error, not an empty field" sh -c \
	"printf 'A\tx\n' >'$dir/v'; printf '@@A@@ @@B@@\n' >'$dir/t'; ! render_template '$dir/t' '$dir/v' >/dev/null 2>&1"
ct_finish
