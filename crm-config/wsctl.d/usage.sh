# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: the usage texts (wsctl --help, wsctl COMMAND --help).
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

usage() {
	cat <<'EOF'
usage: wsctl [--config FILE] [--stack heartbeat|pacemaker] COMMAND [OPTIONS]
       wsctl COMMAND --help      that command's usage
       wsctl --version

commands:
  activate --peer NODE --link IFACE [--link IFACE...] [--switch NAME]
           [--stonith NAME] [--vip ADDR/CIDR[@IFACE]...] [--primary NODE]
           [--power-map NODE:PORT,NODE:PORT] [--dry-run] [--yes]
  disable [--purge]        stop the pair, slave first; the master keeps serving
  handover [--stop]        the backup becomes master; --stop stops the old one
  status [--json]          stack, roles, links, switch, fencing
  history [--last N] [--since TIME] [--json] [--plot FILE.png]
                           the last takeovers, from both nodes' journals
  replicate [--once|--loop]
                           the master copies the replicate paths to the
                           slave (rsync over ssh)
  switch discover          list the switches that answer (fosctl scan)
  switch use NAME          remember the switch (a section of berofos.conf)
  switch copy [NAME...] [--peer NODE] [--force] [--dry-run]
                           copy switches' sections and password files to the peer
  stonith use NAME         remember the fencing switch
  link use IFACE...        remember the heartbeat links
  config show              print the effective configuration
EOF
	usage_tail
}
usage_tail() {
	cat <<'EOF'

An option's value follows it as a word or after '=': --peer gw2, --peer=gw2.
exit status: 0 ok, 1 a check failed, 2 usage, 3 configuration,
4 peer unreachable, 5 switch, 6 stack operation failed or timed out,
130 or 143 interrupted (SIGINT, SIGTERM).
EOF
}

# usage_cmd COMMAND: the usage of one command (wsctl COMMAND --help).
usage_cmd() {
	printf 'usage: wsctl [--config FILE] [--stack heartbeat|pacemaker] '
	case $1 in
	activate) cat <<'EOF'
activate --peer NODE --link IFACE [OPTIONS]
Checks both nodes, writes the stack's configuration on both and starts
the pair with this node (or --primary) as master.

  --peer NODE              the other node, reachable by ssh as root
  --link IFACE             a heartbeat link, on both nodes (one --link each;
                           default: wsctl.conf's links)
  --switch NAME            the lines switch, a berofos.conf section
                           (default: wsctl.conf's switch)
  --stonith NAME           the switch whose power relays fence (default:
                           the lines switch)
  --vip ADDR/CIDR[@IFACE]  a virtual address on the master (several allowed;
                           without @IFACE the interface of the route to it)
  --primary NODE           the node that becomes master (default: this one)
  --power-map NODE:PORT,NODE:PORT
                           the relay (0 or 1) that powers each node (default:
                           the primary on 0)
  --dry-run                run the checks and print the plan; change nothing
  --yes                    do not ask (needed without a terminal)
EOF
	;;
	disable) cat <<'EOF'
disable [--purge]
Stops the pair, slave first, while the master keeps its VIPs, lines and
role; then switches the watchdog off and stops fos-kickd.

  --purge                  also remove the configuration wsctl wrote on
                           both nodes
EOF
	;;
	handover) cat <<'EOF'
handover [--stop]
The backup becomes master (lines and VIPs move to it) before the old
master steps down; prints the time it took and the VIP gap.

  --stop                   then stop the stack on the old master
EOF
	;;
	status) cat <<'EOF'
status [--json]
The stack, each node's role, where the lines are, the watchdog, the
fencing device, the links and the l2 counters.

  --json                   one JSON object instead of text
EOF
	;;
	history) cat <<'EOF'
history [--last N] [--since TIME] [--json] [--plot FILE.png]
The last takeover (or the last N) from both nodes' journals: peer lost,
fencing requested and confirmed, promoted, lines switched, VIP added,
each with its seconds from the first event, the node and the program
that logged it; then where the switch has the lines now.

  --last N                 the last N takeovers (default 1)
  --since TIME             how far back the journals are read, in a form
                           journalctl --since takes (default -7d)
  --json                   one JSON object instead of text
  --plot FILE.png          also draw the last takeover (needs gnuplot)
EOF
	;;
	replicate) cat <<'EOF'
replicate [--once|--loop]
On the master, copies the paths of the pair's replicate key (recorded
in wsctl.cluster by activate) to the slave with rsync over ssh; files gone
here go there too unless replicate_delete = no.  A path missing here is
left alone there.  Nothing is copied when this node is not master, when
the peer does not answer, or when the peer is master too (refused).

  --once                   one round, then exit (the default): 0 copied or
                           nothing to do, 1 the peer is master too, 4 the
                           peer is unreachable, 6 rsync failed
  --loop                   a round every replicate_interval seconds until
                           SIGTERM (ws-replicate.service runs this)
EOF
	;;
	switch) cat <<'EOF'
switch discover | switch use NAME | switch copy [NAME...] [OPTIONS]
  discover                 list the switches that answer (fosctl scan)
  use NAME                 remember the lines switch in wsctl.conf, after
                           checking that section NAME of berofos.conf answers
  copy [NAME...]           copy each section NAME of berofos.conf (default:
                           wsctl.conf's switch) and its password file to the
                           peer over ssh (the password on ssh's standard
                           input, root's, mode 0600), then check the switch
                           answers there with it
    --peer NODE            the node to copy to (default: the activated pair's
                           other node)
    --force                replace a different section or password file there
    --dry-run              print what would be written; change nothing
EOF
	;;
	stonith) cat <<'EOF'
stonith use NAME
Remembers the fencing switch in wsctl.conf, after checking that section
NAME of berofos.conf answers (on an active Pacemaker pair fencing with it:
updates the device's parameters).
EOF
	;;
	link) cat <<'EOF'
link use IFACE...
Remembers the heartbeat links in wsctl.conf (refused while the pair is
active).
EOF
	;;
	config) cat <<'EOF'
config show
Prints the effective configuration (wsctl.conf over the defaults).
EOF
	;;
	esac
	usage_tail
}
