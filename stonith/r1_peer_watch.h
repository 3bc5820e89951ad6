/* SPDX-License-Identifier: GPL-2.0-or-later */
/* r1-peer-fence's decision: when Heartbeat R1 declares the peer dead,
 * does the node that holds the resources reset it?
 *
 * R1 fences a dead peer only when that peer may hold resources.  In a
 * split of the cluster links with both nodes alive, the backup's fencing
 * of the master is refused by the fence guard, and R1 on the master does
 * not fence a backup that has given its resources up; when the links come
 * back R1 resolves the partition by restarting Heartbeat, which stops the
 * master's resources.  So the master resets a peer that R1 declares dead,
 * unless that peer left cleanly: a peer whose Heartbeat stops sends its
 * shutdown notice (T_SHUTDONE) while its links are still up, and R1
 * declares it dead one deadtime later, exactly as it declares a death.
 * The notice is the only difference between the two.  Pure code: the
 * caller feeds Heartbeat's events in the order it delivers them. */
#ifndef R1_PEER_WATCH_H
#define R1_PEER_WATCH_H

#include <stdbool.h>

enum r1pw_action {
	R1PW_NOTHING,        /* no change of the peer's life */
	R1PW_RESET,          /* the peer died or was cut off while we held the resources */
	R1PW_LEFT_CLEANLY,   /* dead after its shutdown notice: not reset */
	R1PW_NOT_HOLDER,     /* dead, but this node did not hold the resources */
};

struct r1pw {
	bool peer_dead;      /* the last status Heartbeat reported was "dead" */
	bool notice_seen;    /* its shutdown notice came since it was last alive */
	bool held;           /* this node held the resources while the peer lived */
};

/* The watch at start-up, with the peer's status and our resources then. */
void r1pw_init(struct r1pw *watch, const char *peer_status, const char *rsc_status);

/* The peer's shutdown notice (a T_SHUTDONE message from it). */
void r1pw_shutdown_notice(struct r1pw *watch);

/* Our resource status (cl_status rscstatus's words), sampled while the
 * peer lives: only a node that held the resources before the peer died
 * resets it.  When the master dies, R1 on the backup fences it itself
 * before it takes over, and a second reset would cut a booting node. */
void r1pw_resources(struct r1pw *watch, const char *rsc_status);

/* A new status of the peer; RSC_STATUS is ours at that moment. */
enum r1pw_action r1pw_peer_status(struct r1pw *watch, const char *peer_status,
				  const char *rsc_status);

/* "all" or "local": this node runs R1's resource group. */
bool r1pw_holds(const char *rsc_status);

#endif
