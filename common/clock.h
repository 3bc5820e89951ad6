/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CLOCK_MONOTONIC for timeouts, deadlines and round-trip times: one reading
 * in three units.  Signed, so that the difference of two readings (or a
 * deadline minus now) can go below zero without wrapping. */
#ifndef WS_CLOCK_H
#define WS_CLOCK_H

#include <stdint.h>

/* 0 should the clock fail (Linux's monotonic clock does not). */
int64_t ws_mono_ns(void);
int64_t ws_mono_ms(void);
double ws_mono_s(void);

#endif
