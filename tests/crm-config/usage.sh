#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl's usage errors, without a cluster: unknown commands and options,
# activate without --peer, bad interface names, bad VIPs, bad power maps
# exit 2 with a message that says what is wrong; --help exits 0, and
# COMMAND --help prints that command's usage; --version prints the
# release; --opt=value is read as --opt value; a configuration file that
# does not parse exits 3 before anything runs.
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
usage_case "switch without a subcommand" 2 "switch needs discover, use NAME or copy" switch
usage_case "history, unknown option" 2 "history: unknown option '--all'" history --all
usage_case "history --last 0" 2 "--last needs a number of takeovers" history --last 0
usage_case "history --since with shell syntax" 2 "--since needs a time journalctl takes" history --since '1;reboot'
usage_case "history --json=yes" 2 "--json takes no value" history --json=yes
usage_case "switch copy, unknown option" 2 "switch copy: unknown option '--all'" switch copy fos1 --all
usage_case "switch copy with a bad name" 2 "'a;b' is not a section name" switch copy 'a;b'
usage_case "switch copy --force=yes" 2 "--force takes no value" switch copy fos1 --force=yes
usage_case "switch copy to this node" 2 "is this node; name the other one" switch copy fos1 --peer "$(uname -n)"
usage_case "switch use with a bad name" 2 "switch use needs one section name" switch use 'a;b'
usage_case "link use with a bad name" 2 "'eth0;reboot' is not an interface name" link use 'eth0;reboot'
usage_case "missing --config file" 3 "is not a readable file" --config "$dir/none" status

# --version: the release configure.ac names, in the source tree.
release=$(sed -n 's/^AC_INIT(\[warmstandby\], *\[\([^]]*\)\].*/\1/p' "$WS_SRCDIR/configure.ac")
rc=0
"$WSCTL" --version >"$dir/out" 2>&1 || rc=$?
ct_check "--version exits 0" [ "$rc" -eq 0 ]
ct_check "--version prints wsctl's release ($release)" grep -q "^wsctl (warmstandby) $release" "$dir/out"

# help_case COMMAND FIRST_LINE_TEXT ARGS...: wsctl ARGS prints COMMAND's usage, exit 0.
help_case() {
	hc_cmd=$1 hc_text=$2
	shift 2
	hc_rc=0
	"$WSCTL" "$@" >"$dir/out" 2>&1 </dev/null || hc_rc=$?
	ct_check "$*: exit 0" [ "$hc_rc" -eq 0 ] || cat "$dir/out"
	ct_check "$*: the usage of $hc_cmd" sh -c "head -n 1 '$dir/out' | grep -qF -- '] $hc_cmd $hc_text'"
	ct_check "$*: not the list of every command" sh -c "! grep -q 'config show  ' '$dir/out'"
}
help_case activate "--peer NODE --link IFACE" activate --help
help_case activate "--peer NODE --link IFACE" --stack=pacemaker activate --peer gw2 -h
help_case disable "[--purge]" disable --help
help_case handover "[--stop]" handover -h
help_case status "[--json]" status --help
help_case switch "discover | switch use NAME" switch use --help
help_case stonith "use NAME" stonith --help
help_case link "use IFACE..." link use eth1 --help
help_case config "show" config --help
ct_check "activate --help lists its options" sh -c "'$WSCTL' activate --help | grep -q -- '--power-map NODE:PORT,NODE:PORT' && '$WSCTL' activate --help | grep -q -- '--dry-run'"
ct_check "--help names COMMAND --help and --version" sh -c "grep -q 'wsctl COMMAND --help' '$dir/help' && grep -q 'wsctl --version' '$dir/help'"
usage_case "a usage error of a command points at its help" 2 "see 'wsctl status --help'" status --xml

# --opt=value: the same as --opt value.
usage_case "--link=VALUE is read as --link VALUE" 2 "--link 'eth1/x' is not an interface name" activate --peer=gw2 --link=eth1/x
usage_case "--stack=VALUE is checked" 2 "--stack 'openais': heartbeat or pacemaker" --stack=openais status
usage_case "--vip=VALUE is checked" 2 "--vip '10.0.0.5' is not ADDR/CIDR" activate --peer gw2 --link eth1 --vip=10.0.0.5
usage_case "--peer=VALUE: the value is what follows the first '='" 2 "--peer 'gw=2' is not a node name" activate --peer=gw=2
usage_case "--peer=VALUE with blanks and quotes stays one word" 2 "--peer 'g w'2' is not a node name" activate "--peer=g w'2"
usage_case "--peer= gives an empty value" 2 "--peer '' is not a node name" activate --peer= --link eth1
usage_case "--power-map=VALUE is checked" 2 "--power-map needs NODE:PORT,NODE:PORT" activate --peer gw2 --link eth1 --power-map=gw1:0,gw2:0
usage_case "--dry-run=yes: an option without a value refuses one" 2 "--dry-run takes no value" activate --peer gw2 --dry-run=yes
usage_case "--json=1: refused" 2 "--json takes no value" status --json=1
usage_case "an unknown --opt=value names the option" 2 "unknown option '--bogus'" --bogus=1 status
usage_case "--config=FILE that is missing" 3 "is not a readable file" --config="$dir/none" status

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
rc=0
"$WSCTL" --config="$dir/good.conf" config show >"$dir/out" 2>"$dir/err" || rc=$?
ct_check "--config=FILE: the file is read" sh -c "[ $rc -eq 0 ] && grep -qx 'links = eth1 eth2' '$dir/out'"
ct_finish
