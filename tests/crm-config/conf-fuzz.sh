#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Bounded mutation test of wsctl's configuration parser: 300 files made
# from the seed corpus (tests/crm-config/corpus) by random byte flips,
# inserted bytes (NULs and control characters among them), truncation,
# duplicated and very long lines.  For each, `wsctl --config FILE config
# show` must exit 0 (and print nothing on stderr) or exit 3 with a message
# on stderr; never anything else, and it writes nothing (the directory
# holding the file is the same afterwards).  The mutations come from a
# fixed seed, so a failure replays; FUZZ_SEED changes it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
COUNT=${FUZZ_COUNT:-300}
SEED=${FUZZ_SEED:-8}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/in"

# The mutated files, named NNN.conf.
python3 - "$here/corpus" "$dir/in" "$COUNT" "$SEED" <<'PY'
import os, random, sys
corpus, out, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
seeds = [open(os.path.join(corpus, f), "rb").read() for f in sorted(os.listdir(corpus))]
def mutate(data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:                      # flip a byte
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == 1:                             # insert a control byte or NUL
            data[pos:pos] = bytes([rng.choice([0, 1, 7, 9, 10, 13, 27, 127, 0xc3, 0xff])])
        elif op == 2:                             # truncate
            del data[pos:]
        elif op == 3:                             # a very long line
            data[pos:pos] = b"links = " + b"eth1 " * rng.randint(100, 400) + b"\n"
        elif op == 4:                             # duplicate a slice
            end = rng.randint(pos, len(data))
            data[pos:pos] = data[pos:end]
        else:                                     # shell and ini syntax
            data[pos:pos] = rng.choice([b"$(reboot)", b"`id`", b";", b"=", b"[sec]", b"'", b'"', b"\\", b" = ", b"\n=\n"])
    return bytes(data)
for i in range(count):
    with open(os.path.join(out, "%03d.conf" % i), "wb") as f:
        f.write(mutate(rng.choice(seeds)))
PY
ct_check "python3 wrote $COUNT mutated files" [ "$(find "$dir/in" -name '*.conf' | wc -l)" -eq "$COUNT" ]

listing() { (cd "$dir/in" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(listing)
bad=0 ok=0 refused=0
for f in "$dir"/in/*.conf; do
	rc=0
	( cd "$dir" && "$WSCTL" --config "$f" config show ) >"$dir/out" 2>"$dir/err" </dev/null || rc=$?
	case $rc in
	0) if [ -s "$dir/err" ]; then echo "$f: exit 0 with stderr: $(head -c 200 "$dir/err")"; bad=$((bad + 1)); else ok=$((ok + 1)); fi ;;
	3) if [ -s "$dir/err" ]; then refused=$((refused + 1)); else echo "$f: exit 3 without a message"; bad=$((bad + 1)); fi ;;
	*) echo "$f: exit $rc: $(head -c 200 "$dir/err")"; bad=$((bad + 1)) ;;
	esac
done
echo "$ok accepted, $refused refused with exit 3, $bad wrong"
ct_check "every run exited 0 or 3 with a message" [ "$bad" -eq 0 ]
ct_check "some files were refused (the mutations bite)" [ "$refused" -gt 0 ]
ct_check "nothing was written next to the files" [ "$before" = "$(listing)" ]
ct_check "nothing was written in the working directory" [ "$(ls "$dir")" = "$(printf 'err\nin\nout')" ]
for s in "$here"/corpus/*.conf; do
	rc=0
	"$WSCTL" --config "$s" config show >/dev/null 2>&1 || rc=$?
	ct_check "seed $(basename "$s") parses" [ "$rc" -eq 0 ]
done
ct_finish
