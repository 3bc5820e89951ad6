#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The fence guard on Corosync + Pacemaker: splits with both nodes alive and a
# frozen master (split.sh).  SPLIT_TRIALS=N for more trials.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=split.sh
. "$here/split.sh"

split_scenario pacemaker
tb_finish
