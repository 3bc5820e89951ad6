/* SPDX-License-Identifier: GPL-2.0-or-later */
/* When fos-kickd stops feeding a master whose cluster stack no longer
 * proves alive.  A checker outside the daemon (ws-stack-alive, run by the
 * unit ws-stack-alive@SWITCH.service) touches a file each time the local
 * stack answers its own API; fos-kickd reads the file's age at low rate,
 * outside the kick loop.  Pure code: the decision, no I/O. */
#ifndef FOS_ALIVE_H
#define FOS_ALIVE_H

#include <stdbool.h>

/* The stack's last proof of life: the file's modification time, or the
 * feeder's start when the file is missing or older (a start gives the
 * checker one whole timeout to report), all in ms of the same clock. */
long long fos_alive_since_ms(bool file_seen, long long touched_ms, long long started_ms);

/* True when the last proof of life is more than timeout_ms old at now_ms.
 * A clock that went back (now before since) is no expiry. */
bool fos_alive_expired(long long now_ms, long long since_ms, long timeout_ms);

#endif
