/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: GBL4 datagrams from the network, through the decoder and the
 * payload unpackers both the client and the emulator use. */
#include "config.h"

#include "berofos/fos_gbl4.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *payload;
	size_t payload_len;
	struct fos_netconf nc;
	uint8_t frame[FOS_GBL4_MAX_FRAME];
	uint8_t cmd;

	if (fos_gbl4_decode(data, size, &cmd, &payload, &payload_len) != 0)
		return 0;
	if (fos_gbl4_netconf_unpack(payload, payload_len, &nc) == 0) {
		uint8_t packed[FOS_GBL4_NETCONF_LEN];

		fos_gbl4_netconf_pack(&nc, packed);
		if (memcmp(packed, payload, sizeof(packed)) != 0)
			abort();
	}
	(void)fos_gbl4_set_netconf_unpack(payload, payload_len, &nc);
	/* re-encoding what was decoded gives the same datagram */
	if (fos_gbl4_encode(cmd, payload, payload_len, frame, sizeof(frame)) == size &&
	    memcmp(frame, data, size) != 0)
		abort();
	return 0;
}
