/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: r1-peer-fence's reader of ha.cf's berofos stonith_host
 * line, which an administrator (or wsctl) writes. */
#include "config.h"

#include "stonith/r1_hacf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[64];
	char *line = malloc(size + 1);

	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (r1_hacf_stonith_words(line, out, sizeof(out)) == R1_HACF_FOUND) {
		/* Words, one space apart: never empty, no blank at either end. */
		size_t len = strlen(out);

		if (len == 0 || len >= sizeof(out) || out[0] == ' ' || out[len - 1] == ' ' ||
		    strstr(out, "  ") != NULL || strchr(out, '\t') != NULL || strchr(out, '#') != NULL)
			abort();
	}
	free(line);
	return 0;
}
