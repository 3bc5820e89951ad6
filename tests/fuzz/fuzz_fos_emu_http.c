/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: what fosemu reads from a TCP peer, a request head, through
 * the parser and, for set requests, the device model. */
#include "config.h"

#include "berofos/emu_http.h"
#include "berofos/emu_state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct emu_options opt = { .latch = true };
	struct emu_request req;
	struct emu_state st;
	struct emu_events ev;
	char error[128];

	if (emu_http_parse((const char *)data, size, &req) != 0)
		return 0;
	emu_state_init(&st, &opt);
	if (emu_apply_set(&st, req.params, req.param_count, 1000, &ev, error, sizeof(error)) == 200) {
		emu_tick(&st, 1000000000, &ev);
		(void)emu_kick(&st, 1000000001, &ev);
		(void)emu_relay_paths(&st);
	}
	return 0;
}
