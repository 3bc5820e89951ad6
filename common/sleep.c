/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "common/sleep.h"

#include <errno.h>
#include <time.h>

int ws_sleep_ms(long ms)
{
	struct timespec left = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&left, &left) != 0)
		if (errno != EINTR)
			return -1;
	return 0;
}
