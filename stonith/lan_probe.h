/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Asks a node on the LAN whether it is alive: an ARP request from the
 * interface whose IPv4 subnet holds the node's address.  ARP is answered by
 * the kernel, so a node answers as long as it has power and its LAN link,
 * whatever its cluster links and its processes do.  Needs CAP_NET_RAW (the
 * fencer and Heartbeat run as root). */
#ifndef LAN_PROBE_H
#define LAN_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "stonith/fence_guard.h"

/* ipv4 in network byte order.  Sends up to three requests within
 * timeout_ms and returns as soon as the node answers; BFG_PEER_UNKNOWN
 * (with the reason in msg) when no local subnet holds the address or the
 * socket cannot be used. */
enum bfg_peer bff_lan_probe(uint32_t ipv4, long timeout_ms, char *msg, size_t msg_len);

#endif
