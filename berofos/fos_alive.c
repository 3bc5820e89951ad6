/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "berofos/fos_alive.h"

long long fos_alive_since_ms(bool file_seen, long long touched_ms, long long started_ms)
{
	if (!file_seen || touched_ms < started_ms)
		return started_ms;
	return touched_ms;
}

bool fos_alive_expired(long long now_ms, long long since_ms, long timeout_ms)
{
	return now_ms > since_ms && now_ms - since_ms > timeout_ms;
}
