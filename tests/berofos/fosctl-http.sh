#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What fosctl's HTTP requests must not do: go through a proxy named in the
# environment, or send the password to a switch that did not ask for one.
set -eu
. "$(dirname "$0")/lib.sh"

# The proxy stand-in: a second fosemu that logs every connection it gets.
"$FOSEMU" -a 127.0.0.1 -p 0 -u 0 -P "$work/proxy.ports" -l "$work/proxy.log" &
started_pids="$started_pids $!"
await_file "proxy stand-in" -s "$work/proxy.ports"
proxy=http://127.0.0.1:$(sed -n 's/^http_port=//p' "$work/proxy.ports")

emu_start
expect_rc 0 env http_proxy="$proxy" HTTP_PROXY="$proxy" ALL_PROXY="$proxy" all_proxy="$proxy" \
	"$FOSCTL" -h 127.0.0.1 -p "$HTTP_PORT" -t 2 mode master
expect_rc 0 env http_proxy="$proxy" ALL_PROXY="$proxy" "$FOSCTL" -h 127.0.0.1 -p "$HTTP_PORT" -t 2 show
grep -q 'relay mode 0 -> 1' "$work/emu.log" || fail "the switch did not get the request"
if grep -q ' http ' "$work/proxy.log"; then
	fail "the proxy stand-in got a request: $(grep ' http ' "$work/proxy.log")"
fi
ok "http_proxy and ALL_PROXY ignored"

# No password on the switch: a credentials file must not make fosctl send it.
make_credentials not-for-you
expect_rc 0 fos -c "$work/cred" show
expect_rc 0 fos -c "$work/cred" power 0 on
grep -q ' http GET /config.txt .* auth=none -> 200' "$work/emu.log" || fail "no request logged"
if grep -q 'auth=sent' "$work/emu.log"; then
	fail "credentials sent to a switch without a password: $(grep 'auth=sent' "$work/emu.log" | head -n 1)"
fi
ok "no Authorization header for a switch without a password"

# With a password, the credentials follow the 401.
emu_stop
emu_start -w "$work/cred"
expect_rc 0 fos -c "$work/cred" show
grep -q 'auth=none -> 401' "$work/emu.log" || fail "no 401 probe first"
grep -q 'user=admin auth=sent -> 200' "$work/emu.log" || fail "no authorised request after the 401"
ok "Basic credentials only after a 401"

# $FOS_PASSWORD is fosctl's alone: the fencing agent, linked to the same
# library, must not pick it up from its environment.
export FOS_PASSWORD=not-for-you
expect_rc 0 fos show
expect_rc 1 "$builddir/stonith/fence_berofos" -a "127.0.0.1:$HTTP_PORT" -n 0 -o status --shell-timeout=2
grep -qi 'password' "$work/err" "$work/out" || fail "fence_berofos: no auth message: $(cat "$work/err" "$work/out")"
unset FOS_PASSWORD
ok "\$FOS_PASSWORD honoured by fosctl, ignored by fence_berofos"
finish
