/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: fos-kickd's status file as fosctl reads it.  What parses
 * must format and parse back to the same values. */
#include "config.h"

#include "berofos/fos_kickstat.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fos_kick_status st, again;
	char error[128], text[1024];
	size_t len;

	if (fos_kick_status_parse((const char *)data, size, &st, error, sizeof(error)) != 0)
		return 0;
	len = fos_kick_status_format(&st, text, sizeof(text));
	if (len >= sizeof(text) || fos_kick_status_parse(text, len, &again, error, sizeof(error)) != 0)
		abort();
	if (again.pid != st.pid || again.kicks != st.kicks || again.acks != st.acks ||
	    again.unacked != st.unacked || again.updated_ms != st.updated_ms ||
	    again.last_ack_ms != st.last_ack_ms || strcmp(again.mac, st.mac) != 0)
		abort();
	return 0;
}
