/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: the prober's parsers of untrusted input, ARP frames from the
 * wire and --watch specifications. */
#include "config.h"

#include "common/arp_frame.h"
#include "tests/netns/probe_watch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct probe_arp_reply reply;
	struct probe_watch watch;
	char error[256];
	char *spec;

	(void)probe_arp_parse_reply(data, size, &reply);

	spec = malloc(size + 1);
	if (spec == NULL)
		return 0;
	memcpy(spec, data, size);
	spec[size] = '\0';
	if (probe_watch_parse(spec, &watch, error, sizeof(error)) == 0) {
		(void)probe_watch_matches(&watch, "WARN: node n1: is dead");
		probe_watch_free(&watch);
	}
	free(spec);
	return 0;
}
