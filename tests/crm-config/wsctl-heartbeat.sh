#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl on Heartbeat R1 (l2 medium), one cluster start-up: failing dry
# runs (unknown peer, wrong switch password, missing interface) change
# nothing on either node; activate brings one master with the lines and
# the VIP; status (text and JSON) matches the real state; handover moves
# master, lines and VIP to n2 without two masters (gap printed); disable
# stops both stacks with n2 master with the lines throughout, the VIP
# never on n1 (its short gap printed), and the watchdog off.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tb-wsctl.sh
. "$here/tb-wsctl.sh"

tbw_scenario heartbeat
tb_finish
