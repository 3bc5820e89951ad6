/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2stats: the per-link counters of the l2 medium and their status file.
 *
 * Heartbeat runs a medium's reader and writer in separate processes, so
 * each keeps its own counters and its own file: <dir>/<ifname>-<peer>.rx
 * and .tx.  The format is "key value" lines, stable for scripts. */
#ifndef WS_L2STATS_H
#define WS_L2STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hbcomm-l2/l2frame.h"

#define L2_STATUS_DIR "/run/warmstandby/l2"
/* Overrides the directory, for tests run without root. */
#define L2_STATUS_DIR_ENV "WS_L2_STATUS_DIR"

struct l2_link_counters {
	uint64_t frames;          /* sent or received */
	uint64_t messages;        /* whole messages sent or delivered */
	uint64_t errors;          /* send failures, or receive handle failures */
	uint64_t echo_requests;   /* answered (reader) */
	uint64_t echo_replies;    /* seen and ignored (reader) */
	uint64_t own_frames;      /* our own MAC as source, ignored */
	uint64_t misaddressed;    /* destination neither us nor broadcast */
	uint64_t reopens;         /* recoveries after the interface came back */
	uint64_t kernel_drops;    /* frames the kernel dropped, buffer full (reader) */
	struct l2f_counters dropped;
	unsigned reasm_partial;
	size_t reasm_bytes;
	bool link_open;           /* handle usable */
	bool carrier;             /* IFF_RUNNING at the last check */
};

/* Status directory: $WS_L2_STATUS_DIR or L2_STATUS_DIR. */
const char *l2_status_dir(void);

/* "<dir>/<ifname>-<peer>.<role>" where peer is the MAC without colons or
 * "broadcast" and role is "rx" or "tx".  Returns 0 or -1 (too long). */
int l2_status_path(char *path, size_t len, const char *dir, const char *ifname,
                   const uint8_t peer[L2F_MAC_LEN], bool broadcast, const char *role);

/* Writes the status text into buf.  Returns its length, or 0 if it did not
 * fit. */
size_t l2_status_format(char *buf, size_t len, const char *ifname,
                        const char *peer_text, const char *role,
                        const struct l2_link_counters *c, int64_t unix_time);

#endif
