#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The gateway helpers moved to tests/netns/gateway.sh (the testbed's pair
# needs them, and the testbed depends on no part's tests).  This name stays
# for tests/crm-config/tb-wsctl.sh, which sources it.
# shellcheck source=../netns/gateway.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../netns" && pwd)/gateway.sh"
