#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl history's pure part, without a cluster, under every awk found
# here (Debian's default mawk and gawk): journal lines of a Pacemaker and
# a Heartbeat takeover and a hung Pacemaker master whose fencing failed
# (their wording as the daemons and agents log it) become the events of
# one takeover each, in time order, with the kind,
# the new master and the lost peer; --last picks the newest; the text,
# the JSON and the gnuplot picture come out of them.  Then a bounded
# mutation test: 120 journals of random and damaged lines never make the
# chain fail, and its JSON is always valid.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
# shellcheck source=../../crm-config/wsctl.d/histlogic.sh
. "$WSCTL_SRC_LIBDIR/histlogic.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not found: install the Debian package gnuplot-nox" >&2; exit 1; }

# A start of the pair on n1, then a Pacemaker power cut of n1 (n2 takes
# over), noise between them; a Heartbeat takeover in its own file.
cat >"$dir/pcmk" <<'EOF'
1764700000.100000 n1 gateway(gw)[311]: INFO: promoted to master
1764700000.300000 n1 IPaddr2(vip0)[320]: INFO: Adding inet address 10.99.0.50/24 to device eth0
1764700000.500000 n1 linesw(lines)[330]: INFO: relays toward this node (primary, mode 1), watchdog 3s fed every 500 ms
1764700100.000000 n2 pacemaker-controld[2227]:  notice: Requesting local execution of monitor operation for gw on n2
1764744529.259929 n2 corosync[2212]:   [TOTEM ] A processor failed, forming new configuration: token timed out (1000ms), waiting 1200ms for consensus.
1764744530.482705 n2 pacemaker-fenced[2223]:  notice: Node n1 state is now lost
1764744530.483320 n2 pacemaker-controld[2227]:  notice: Node n1 state is now lost
1764744530.614076 n2 pacemaker-fenced[2223]:  notice: Requesting peer fencing (reboot) targeting n1
1764744530.679229 n2 pacemaker-fenced[2223]:  notice: Operation 'reboot' targeting n1 by n2 for pacemaker-controld.2227@n2: OK (complete)
1764744530.785594 n2 gateway(gw)[3146]: INFO: promoted to master
1764744530.941787 n2 IPaddr2(vip0)[3264]: INFO: Adding inet address 10.99.0.50/24 to device eth0
1764744531.236767 n2 linesw(lines)[3377]: INFO: relays toward this node (backup, mode 0), watchdog 3s fed every 500 ms
1764744531.684532 n2 fence_berofos[3102]: power port 0 of http://10.99.0.40:80 reads back on, 1000 ms after the off of the reset
1764800000.000000 n1 ws-stack-alive[715]: the pacemaker stack did not answer its API within 2s: /run/warmstandby/stack-alive-fos1 not touched
1764800001.000000 n2 corosync[2212]:   [TOTEM ] A processor failed, forming new configuration: token timed out (1000ms), waiting 1200ms for consensus.
1764800002.200000 n2 pacemaker-controld[2227]:  notice: Node n1 state is now lost
1764800002.300000 n2 pacemaker-fenced[2223]:  notice: Requesting peer fencing (reboot) targeting n1
1764800005.100000 n1 fos-kickd[714]: [crit] the local cluster stack has not proved alive for 5000 ms (/run/warmstandby/stack-alive-fos1 not touched since): stopping the kicks
1764800022.400000 n2 pacemaker-fenced[2223]:  error: Operation 'reboot' targeting n1 by n2 for pacemaker-controld.2227@n2: Timer expired
EOF
cat >"$dir/hb" <<'EOF'
1764744996.000000 n1 gateway(WarmstandbyGateway)[845]: INFO: promoted to master
1764744996.400000 n1 IPaddr2(IPaddr2_10.99.0.50)[852]: INFO: Adding inet address 10.99.0.50/24 to device eth0
1764745001.120000 n2 heartbeat[2112]: [2112]: WARN: node n1: is dead
1764745001.120400 n2 heartbeat[2112]: [2112]: WARN: node n1: is dead
1764745001.150000 n2 heartbeat[4697]: [4697]: info: Resetting node n1 with [berofos power switch]
1764745001.200000 n2 heartbeat[4697]: [4697]: info: node n1 now reset.
1764745001.210000 n2 heartbeat[2112]: [2112]: info: Resources being acquired from n1.
1764745001.700000 n2 gateway(WarmstandbyGateway)[4845]: INFO: promoted to master
1764745001.950000 n2 linesw(WarmstandbyLinesw-fos1)[4944]: INFO: relays toward this node (backup, mode 0), watchdog 3s fed every 500 ms
1764745002.300000 n2 IPaddr2(IPaddr2_10.99.0.50)[5152]: INFO: Adding inet address 10.99.0.50/24 to device eth0
EOF

# chain FILE N: the takeovers of FILE, the last N.
chain() { hist_classify <"$1" | hist_group 20 | hist_last "$2"; }
# phases_of TAKEOVERS INDEX: the phases of one takeover, in order, one line.
phases_of() { awk -F '\t' -v k="$2" '$1 == "E" && $2 == k { printf "%s%s", sep, $6; sep = " " } END { print "" }' "$1"; }
header_of() { awk -F '\t' -v k="$2" '$1 == "T" && $2 == k { print $4, $5, $6 }' "$1"; }
seconds_of() { awk -F '\t' -v p="$2" '$1 == "E" && $6 == p { print $3; exit }' "$1"; }

awks='awk'
for a in mawk gawk; do command -v "$a" >/dev/null 2>&1 && awks="$awks $a"; done
for a in $awks; do
	mkdir -p "$dir/bin-$a"
	ln -sf "$(command -v "$a")" "$dir/bin-$a/awk"
	(
		PATH="$dir/bin-$a:$PATH"
		chain "$dir/pcmk" 5 >"$dir/p.tsv"
		ct_check "$a: Pacemaker: the start, the takeover and the hung master, three in all" [ "$(grep -c '^T' "$dir/p.tsv")" -eq 3 ]
		ct_check "$a: Pacemaker: the hung master whose fencing failed: no takeover, its kicks stopped" \
			sh -c "[ \"\$(awk -F '\t' '\$1 == \"T\" && \$2 == 3 { print \$4, \$6 }' '$dir/p.tsv')\" = 'no-takeover n1' ] &&
				[ \"\$(awk -F '\t' '\$1 == \"E\" && \$2 == 3 { printf \"%s \", \$6 }' '$dir/p.tsv')\" = 'stack-silent token lost fence kicks-stopped fence-failed ' ]"
		ct_check "$a: Pacemaker: the start is planned, n1 master" [ "$(header_of "$dir/p.tsv" 1)" = "planned n1 -" ]
		ct_check "$a: Pacemaker: the power cut is a failover, n2 master, n1 lost" [ "$(header_of "$dir/p.tsv" 2)" = "failover n2 n1" ]
		ct_check "$a: Pacemaker: the phases in time order" \
			[ "$(phases_of "$dir/p.tsv" 2)" = "token lost fence fenced promoted vip lines power-on" ]
		ct_check "$a: Pacemaker: seconds from the token loss (fenced +1.419, lines +1.977)" \
			[ "$(awk -F '\t' '$2 == 2 && $1 == "E" && ($6 == "fenced" || $6 == "lines") { printf "%s ", $3 }' "$dir/p.tsv")" = "1.419 1.977 " ]
		ct_check "$a: Pacemaker: the monitor request is no event" sh -c "! grep -q monitor '$dir/p.tsv'"
		ct_check "$a: Pacemaker: the fencer's lost line and the controller's count once" \
			[ "$(awk -F '\t' '$1 == "E" && $2 == 2 && $6 == "lost"' "$dir/p.tsv" | wc -l)" -eq 1 ]
		chain "$dir/pcmk" 2 | awk -F '\t' '$2 == 1' >"$dir/p1.tsv"
		sed -i 's/^\([TE]\)	1	/\1	1	/' "$dir/p1.tsv"
		ct_check "$a: --last 2: the two newest, the failover numbered 1" sh -c "[ \"\$(grep -c '^T' '$dir/p1.tsv')\" -eq 1 ] && grep -q '^T	1	1764744529.259929	failover' '$dir/p1.tsv'"
		chain "$dir/hb" 5 >"$dir/h2.tsv"
		ct_check "$a: Heartbeat: a start 5 s before the power cut is a takeover of its own" \
			sh -c "[ \"\$(grep -c '^T' '$dir/h2.tsv')\" -eq 2 ] && grep -q '^T	1	1764744996.000000	planned	n1' '$dir/h2.tsv'"
		chain "$dir/hb" 1 >"$dir/h.tsv"
		ct_check "$a: Heartbeat: a failover, n2 master, n1 lost" [ "$(header_of "$dir/h.tsv" 1)" = "failover n2 n1" ]
		ct_check "$a: Heartbeat: the phases in time order, the repeated dead line once" \
			[ "$(phases_of "$dir/h.tsv" 1)" = "lost fence fenced takeover promoted lines vip" ]
		ct_check "$a: Heartbeat: promoted at +0.580 s" [ "$(seconds_of "$dir/h.tsv" promoted)" = 0.580 ]
		hist_text <"$dir/p1.tsv" >"$dir/text"
		ct_check "$a: text: the title names master, peer and the UTC time" \
			grep -qx 'takeover 1: n2 became master after losing n1, at 2025-12-03 06:48:49.259 UTC' "$dir/text"
		ct_check "$a: text: a line per event with node, phase, what and source" \
			grep -q '^     1.419 s  n2       fenced       n1 fenced by n2  (pacemaker-fenced)$' "$dir/text"
		hist_json '{"name": "fos1", "mode": "slave", "lines": "n2"}' <"$dir/p.tsv" >"$dir/json"
		ct_check "$a: JSON: valid, three takeovers, the events and the switch" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = d["takeovers"]
assert [x["kind"] for x in t] == ["planned", "failover", "no-takeover"], t
assert t[0]["peer"] is None and t[1]["peer"] == "n1" and t[1]["master"] == "n2"
e = t[1]["events"]
assert [x["phase"] for x in e][:4] == ["token", "lost", "fence", "fenced"]
assert e[3]["t"] == 1.419 and e[3]["node"] == "n2" and e[3]["source"] == "pacemaker-fenced"
assert d["switch"]["lines"] == "n2"' "$dir/json"
		: | hist_classify | hist_group 20 | hist_last 1 | hist_json null >"$dir/empty.json"
		ct_check "$a: JSON of no journal line: no takeover" python3 -c '
import json, sys
assert json.load(open(sys.argv[1])) == {"takeovers": [], "switch": None}' "$dir/empty.json"
		hist_plot_script "$dir/p1.tsv" "$dir/p1.png" >"$dir/p1.gp"
		ct_check "$a: the plot: gnuplot draws it without a word on stderr" sh -c \
			"gnuplot '$dir/p1.gp' 2>'$dir/gp.err' && [ ! -s '$dir/gp.err' ] && [ -s '$dir/p1.png' ]"
		exit "$ASSERT_FAILED"
	)
	ct_check "$a: its checks passed" [ $? -eq 0 ]
done

# --- mutation test ------------------------------------------------------
COUNT=${FUZZ_COUNT:-120}
SEED=${FUZZ_SEED:-11}
mkdir "$dir/fuzz"
python3 - "$dir/pcmk" "$dir/hb" "$dir/fuzz" "$COUNT" "$SEED" <<'PY'
import random, sys
seeds = [open(p, "rb").read().splitlines(True) for p in sys.argv[1:3]]
out, count, rng = sys.argv[3], int(sys.argv[4]), random.Random(int(sys.argv[5]))
for i in range(count):
    lines = list(rng.choice(seeds))
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        j = rng.randrange(len(lines))
        line = bytearray(lines[j])
        if op == 0:        # a random byte, NULs and tabs among them
            line[rng.randrange(len(line))] = rng.choice([0, 9, 34, 92, 0x0b, 0xff, rng.randrange(256)])
        elif op == 1:      # cut the line short
            line = line[:rng.randrange(len(line))] + b"\n"
        elif op == 2:      # a very long line
            line = line[:-1] + b" x" * rng.randint(1000, 5000) + b"\n"
        elif op == 3:      # another time, not in order
            line = str(rng.uniform(0, 2e9)).encode() + line[line.find(b" "):]
        elif op == 4:      # a duplicate
            lines.insert(j, bytes(line))
        else:              # quotes and backslashes in the words that are copied out
            line = line.replace(b"n1", b"n\"1\\", 1)
        lines[j] = bytes(line)
    open("%s/%03d" % (out, i), "wb").write(b"".join(lines))
PY
bad=0
for f in "$dir"/fuzz/*; do
	if ! { hist_classify <"$f" | hist_group 20 | hist_last 3 >"$f.tsv" 2>"$f.err" &&
		hist_json null <"$f.tsv" >"$f.json" 2>>"$f.err" && hist_text <"$f.tsv" >/dev/null 2>>"$f.err"; }; then
		bad=$((bad + 1))
		echo "fuzz case $f:"
		cat "$f.err"
	fi
done
ct_check "mutation test: $COUNT damaged journals, the chain never failed" [ "$bad" -eq 0 ]
ct_check "mutation test: every JSON object is valid, every field printable ASCII" python3 -c '
import glob, json, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.json")):
    raw = open(f, "rb").read()
    assert all(32 <= b < 127 or b == 10 for b in raw), f
    json.loads(raw)' "$dir/fuzz"
ct_finish
