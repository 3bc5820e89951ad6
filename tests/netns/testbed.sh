#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The whole testbed for a scenario, in the order its layers need each
# other: the run and its nodes (lib.sh), Heartbeat, Pacemaker, the shared
# scenarios, the emulated switch, ssh between the nodes, the gateway as
# the tests observe it, and the warmstandby pair as wsctl sets it up.
# Source it; the functions only run when called.
TB_LAYERS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../netns/lib.sh
. "$TB_LAYERS_DIR/lib.sh"
# shellcheck source=../netns/hb.sh
. "$TB_LAYERS_DIR/hb.sh"
# shellcheck source=../netns/pcmk.sh
. "$TB_LAYERS_DIR/pcmk.sh"
# shellcheck source=../netns/scenario.sh
. "$TB_LAYERS_DIR/scenario.sh"
# shellcheck source=../netns/fos.sh
. "$TB_LAYERS_DIR/fos.sh"
# shellcheck source=../netns/ssh.sh
. "$TB_LAYERS_DIR/ssh.sh"
# shellcheck source=../netns/gateway.sh
. "$TB_LAYERS_DIR/gateway.sh"
# shellcheck source=../netns/pairs.sh
. "$TB_LAYERS_DIR/pairs.sh"
