/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fence guard's decision, without I/O (see fence_guard.h). */
#include "config.h"

#include "stonith/fence_guard.h"

#include <stddef.h>

int bfg_holder_port(const struct bfp_params *p, int mode)
{
	int primary = bfp_port_of(p, p->primary_node);

	if (p->primary_node[0] == '\0' || primary < 0)
		return -1;
	if (mode == 1)
		return primary;
	/* Mode 0 (A-D) is also where the relays fall without power or when the
	 * watchdog runs out: the node on the other port has the lines. */
	return bfp_node_of(p, 1 - primary) != NULL ? 1 - primary : -1;
}

/* Kicks stopped: the seconds left fell by kick_stall or more.  0_wretv
 * counts whole seconds up, so wintv - wretv is a lower bound of the time
 * since the last kick. */
static bool kicks_stalled(const struct bfp_params *p, const struct bfg_switch *sw)
{
	long since_ms = (sw->wintv_s - sw->wretv_s) * 1000;

	return since_ms >= p->kick_stall_ms;
}

enum bfg_verdict bfg_decide(const struct bfp_params *p, int target_port,
			    const struct bfg_switch *sw, enum bfg_peer peer, bool watch_over,
			    const char **why)
{
	int holder = bfg_holder_port(p, sw->mode);

	if (holder < 0) {
		*why = "guard off (no primary_node, or the host map lacks a node)";
		return BFG_FENCE;
	}
	if (holder != target_port) {
		*why = "the target does not hold the lines";
		return BFG_FENCE;
	}
	if (peer == BFG_PEER_SILENT) {
		*why = "the master holds the lines but does not answer ARP on the LAN";
		return BFG_FENCE;
	}
	if (sw->wdog_failed) {
		*why = "the master let the switch's watchdog run out";
		return BFG_FENCE;
	}
	if (sw->wdog_on && kicks_stalled(p, sw)) {
		*why = "the master holds the lines but its watchdog kicks stopped";
		return BFG_FENCE;
	}
	if (!sw->wdog_on) {
		if (peer == BFG_PEER_UNKNOWN) {
			/* No evidence either way: fence as without the guard. */
			*why = "no LAN address and no watchdog tell whether the master lives";
			return BFG_FENCE;
		}
		*why = "the master holds the lines and answers ARP on the LAN";
		return BFG_YIELD;
	}
	if (!watch_over) {
		*why = "the master holds the lines and lives: watching its kicks";
		return BFG_WATCH;
	}
	*why = "the master holds the lines and still kicks the watchdog";
	return BFG_YIELD;
}

long bfg_watch_ms(const struct bfp_params *p)
{
	/* One whole second more: 0_wretv moves in whole seconds. */
	return p->kick_stall_ms + 1000;
}
