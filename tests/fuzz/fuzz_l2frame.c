/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: the l2 medium's frame decoder, fed raw frames as from the
 * wire, and the echo-reply encoder fed whatever the decoder accepted. */
#include "config.h"

#include "hbcomm-l2/l2frame.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t reply[L2F_MAX_FRAME];
	static const uint8_t own[L2F_MAC_LEN] = { 0x02, 0, 0, 0, 0, 1 };
	struct l2f_frame frame;

	if (l2f_decode(data, size, L2F_DEFAULT_ETHERTYPE, &frame) != L2F_OK)
		return 0;
	/* what the decoder accepts must be self-consistent */
	if (frame.frag_index >= frame.frag_count || frame.total_len > L2F_MAX_MSG ||
	    frame.payload + frame.payload_len > data + size)
		abort();
	if (frame.type == L2F_TYPE_ECHO_REQUEST)
		(void)l2f_encode_echo_reply(reply, sizeof(reply), &frame, own,
		                            L2F_DEFAULT_ETHERTYPE);
	return 0;
}
