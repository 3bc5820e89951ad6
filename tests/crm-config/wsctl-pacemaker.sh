#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl on Corosync + Pacemaker, one cluster start-up: failing dry runs
# (unknown peer, wrong switch password, missing interface) change nothing
# on either node; activate brings one master with the lines and the VIP;
# status (text and JSON) matches the real state; handover moves master,
# lines and VIP to n2 without two masters (gap printed); disable --purge
# stops both stacks with n2 serving throughout and the watchdog off.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tb-wsctl.sh
. "$here/tb-wsctl.sh"

tbw_scenario pacemaker
tb_finish
