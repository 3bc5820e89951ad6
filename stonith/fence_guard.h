/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fence guard: settles the race of a split two-node pair without a
 * fixed delay.  Both nodes of a split try to fence the other at the same
 * moment; the one whose target holds the lines (the master, by the
 * switch's relay mode) fences only on evidence that the master is dead or
 * stuck: no ARP answer on the LAN (a path that is not the cluster's
 * links), or no watchdog kick for kick_stall (only the master's feeder
 * kicks).  A live master that still kicks is not fenced: this side yields
 * and the master, whose target does not hold the lines, fences it at once.
 * Pure code: the caller reads the switch and probes the LAN. */
#ifndef FENCE_GUARD_H
#define FENCE_GUARD_H

#include <stdbool.h>

#include "stonith/berofos_params.h"

enum bfg_peer {
	BFG_PEER_UNKNOWN,   /* not asked: no LAN address, or the probe could not run */
	BFG_PEER_SILENT,    /* asked by ARP, no answer within probe_timeout */
	BFG_PEER_ANSWERS,
};

/* What config.txt says of the relays and the watchdog. */
struct bfg_switch {
	int mode;           /* 4_mode: 1 lines A-B (primary), 0 A-D (the other node) */
	bool wdog_on;       /* 6_wen and 6_wstate 1: armed and not run out */
	bool wdog_failed;   /* 6_wstate 2: it ran out, the lines went to A-D */
	long wintv_s;       /* 2_wintv */
	long wretv_s;       /* 0_wretv: whole seconds left, a kick sets wintv */
};

enum bfg_verdict {
	BFG_FENCE,          /* go ahead now */
	BFG_WATCH,          /* read the switch again: kicks may be stopping */
	BFG_YIELD,          /* the target is the live master: do not fence it */
};

/* The power port whose node holds the lines, or -1 when the host map does
 * not tell (no primary_node, or no node on the other port). */
int bfg_holder_port(const struct bfp_params *p, int mode);

/* The decision for fencing target_port.  watch_over: the caller has
 * watched kick_stall and more already.  *why: a short reason for the log
 * (static text). */
enum bfg_verdict bfg_decide(const struct bfp_params *p, int target_port,
			    const struct bfg_switch *sw, enum bfg_peer peer, bool watch_over,
			    const char **why);

/* How long the caller watches at most before it yields: long enough for a
 * feeder that stopped at the moment of the request to show as stalled. */
long bfg_watch_ms(const struct bfp_params *p);

#endif
