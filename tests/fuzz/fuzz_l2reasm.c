/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: the l2 medium's reassembler fed a stream of frames.  The
 * input is a sequence of records: u16 big-endian length, one byte of clock
 * advance (in 16 ms steps), then the frame.  Small limits make eviction and
 * expiry reachable; every delivered message must have its announced length
 * and the accounting must stay within the limits. */
#include "config.h"

#include "hbcomm-l2/l2frame.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct l2f_counters counters = { 0 };
	struct l2f_reasm_limits limits = {
		.max_partial_per_peer = 2,
		.max_partial_total = 4,
		.max_bytes_per_peer = 8192,
		.max_bytes_total = 12288,
		.max_age_ms = 1000,
	};
	struct l2f_reasm *reasm = l2f_reasm_new(&limits, &counters);
	uint64_t now = 0;

	if (reasm == NULL)
		return 0;
	while (size >= 3) {
		size_t len = ((size_t)data[0] << 8) | data[1];
		struct l2f_frame frame;
		struct l2f_message msg;

		now += (uint64_t)data[2] * 16;
		data += 3;
		size -= 3;
		if (len > size)
			len = size;
		if (l2f_decode(data, len, L2F_DEFAULT_ETHERTYPE, &frame) == L2F_OK &&
		    frame.type == L2F_TYPE_DATA &&
		    l2f_reasm_add(reasm, &frame, now, &msg) == 1) {
			if (msg.len != frame.total_len)
				abort();
			free(msg.data);
		}
		if (l2f_reasm_bytes_in_use(reasm) > limits.max_bytes_total ||
		    l2f_reasm_partial_count(reasm) > limits.max_partial_total)
			abort();
		data += len;
		size -= len;
	}
	l2f_reasm_free(reasm);
	return 0;
}
