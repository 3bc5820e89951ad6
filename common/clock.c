/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "common/clock.h"

#include <time.h>

int64_t ws_mono_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t ws_mono_ms(void)
{
	return ws_mono_ns() / 1000000;
}

double ws_mono_s(void)
{
	return (double)ws_mono_ns() / 1e9;
}
