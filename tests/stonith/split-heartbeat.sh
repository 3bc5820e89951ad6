#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The fence guard on Heartbeat R1 (l2 medium): splits with both nodes alive and a
# frozen master (split.sh).  SPLIT_TRIALS=N for more trials.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=split.sh
. "$here/split.sh"

split_scenario heartbeat
tb_finish
