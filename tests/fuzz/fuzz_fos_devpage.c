/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: config.txt as a switch (or anything posing as one) sends it,
 * parsed and, when accepted, formatted and parsed again. */
#include "config.h"

#include "berofos/fos_devpage.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fos_state config, again;
	char error[256];
	char page[4096];
	size_t len;

	if (fos_devpage_parse((const char *)data, size, &config, error, sizeof(error)) != 0)
		return 0;
	len = fos_devpage_format(&config, true, page, sizeof(page));
	if (len < sizeof(page) &&
	    fos_devpage_parse(page, len, &again, error, sizeof(error)) != 0)
		abort();                   /* our own output must parse */
	return 0;
}
