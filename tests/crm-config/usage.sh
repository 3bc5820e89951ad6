#!/bin/sh
# wsctl's usage errors, without a cluster: unknown commands and options,
# activate without --peer, bad interface names, bad VIPs, bad power maps
# exit 2 with a message that says what is wrong; --help exits 0; a
# configuration file that does not parse exits 3 before anything runs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# An empty wsctl.conf of our own: the host's /etc is not read.
: >"$dir/wsctl.conf"

# usage_case DESCRIPTION EXPECTED_CODE EXPECTED_TEXT ARGS...
usage_case() {
	uc_desc=$1 uc_code=$2 uc_text=$3
	shift 3
	uc_rc=0
	"$WSCTL" --config "$dir/wsctl.conf" "$@" >"$dir/out" 2>"$dir/err" </dev/null || uc_rc=$?
	ct_check "$uc_desc: exit $uc_code" [ "$uc_rc" -eq "$uc_code" ] || cat "$dir/out" "$dir/err"
	ct_check "$uc_desc: says '$uc_text'" grep -q -- "$uc_text" "$dir/err"
}

rc=0
"$WSCTL" --help >"$dir/help" 2>&1 || rc=$?
ct_check "--help exits 0" [ "$rc" -eq 0 ]
ct_check "--help lists the commands" sh -c "grep -q 'activate --peer' '$dir/help' && grep -q 'handover' '$dir/help' && grep -q 'status \[--json\]' '$dir/help'"
usage_case "no command" 2 "no command given"
usage_case "unknown command" 2 "unknown command 'frobnicate'" frobnicate
usage_case "unknown global option" 2 "unknown option '--bogus'" --bogus status
usage_case "bad --stack" 2 "heartbeat or pacemaker" --stack openais status
usage_case "activate without --peer" 2 "activate needs --peer NODE" activate --link eth1 --switch fos1
usage_case "activate, unknown option" 2 "unknown option '--force'" activate --force
usage_case "activate, interface name with a slash" 2 "--link 'eth1/x' is not an interface name" activate --peer gw2 --link eth1/x
usage_case "activate, interface name too long" 2 "is not an interface name" activate --peer gw2 --link abcdefghijklmnopq
usage_case "activate, same link twice" 2 "--link eth1 given twice" activate --peer gw2 --link eth1 --link eth1
usage_case "activate, VIP without prefix length" 2 "--vip '10.0.0.5' is not ADDR/CIDR" activate --peer gw2 --link eth1 --vip 10.0.0.5
usage_case "activate, VIP octet out of range" 2 "is not ADDR/CIDR" activate --peer gw2 --link eth1 --vip 10.0.0.256/24
usage_case "activate, VIP prefix out of range" 2 "is not ADDR/CIDR" activate --peer gw2 --link eth1 --vip 10.0.0.5/33
usage_case "activate, VIP with a bad interface" 2 "is not ADDR/CIDR" activate --peer gw2 --link eth1 --vip '10.0.0.5/24@e th0'
usage_case "activate, power map with one port twice" 2 "--power-map needs NODE:PORT,NODE:PORT" activate --peer gw2 --link eth1 --power-map gw1:0,gw2:0
usage_case "activate, power map port 2" 2 "--power-map needs" activate --peer gw2 --link eth1 --power-map gw1:0,gw2:2
usage_case "activate, peer name with a blank" 2 "is not a node name" activate --peer 'gw 2' --link eth1
usage_case "activate without --switch" 2 "activate needs --switch NAME" activate --peer gw2 --link eth1
usage_case "disable, unknown option" 2 "unknown option '--now'" disable --now
usage_case "handover, unknown option" 2 "unknown option '--fast'" handover --fast
usage_case "status, unknown option" 2 "unknown option '--xml'" status --xml
usage_case "switch without a subcommand" 2 "switch needs discover or use NAME" switch
usage_case "switch use with a bad name" 2 "switch use needs one section name" switch use 'a;b'
usage_case "link use with a bad name" 2 "'eth0;reboot' is not an interface name" link use 'eth0;reboot'
usage_case "missing --config file" 3 "is not a readable file" --config "$dir/none" status

printf 'stack = heartbeat\nfrobs = 1\n' >"$dir/bad.conf"
rc=0
"$WSCTL" --config "$dir/bad.conf" config show >"$dir/out" 2>"$dir/err" || rc=$?
ct_check "unknown key in wsctl.conf: exit 3" [ "$rc" -eq 3 ]
ct_check "unknown key in wsctl.conf: names file, line and key" grep -q "bad.conf:2: unknown key 'frobs'" "$dir/err"
printf 'stack = heartbeat\nlinks = eth1 eth2\nreset_wait = 0.5\n' >"$dir/good.conf"
rc=0
"$WSCTL" --config "$dir/good.conf" config show >"$dir/out" 2>"$dir/err" || rc=$?
ct_check "a good wsctl.conf: exit 0" [ "$rc" -eq 0 ]
ct_check "config show prints the values read" sh -c "grep -qx 'links = eth1 eth2' '$dir/out' && grep -qx 'reset_wait = 0.5' '$dir/out'"
ct_finish
