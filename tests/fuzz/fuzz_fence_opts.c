/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: what fence_berofos reads from Pacemaker on stdin (key=value
 * lines, incl. a password_script split into words) and the plugin's
 * parameters (host map, address, durations), all parsed by the pure
 * stonith/fence_opts and stonith/berofos_params. */
#include "config.h"

#include "stonith/berofos_params.h"
#include "stonith/fence_opts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_stdin_lines(char *text)
{
	struct bfa_options options;
	char err[256];
	char *save = NULL;

	bfa_defaults(&options);
	for (char *line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		(void)bfa_set_line(&options, line, err, sizeof(err));
	(void)bfa_finish(&options, err, sizeof(err));
	/* A stored password never exceeds what the switch takes. */
	if (options.has_password && strlen(options.password) > BFA_PASSWORD_MAX)
		abort();
}

static void split_script(const char *text)
{
	char *argv[8];
	char store[64];
	int n = bfa_split_command(text, argv, 8, store, sizeof(store));

	if (n > 7)
		abort();
	for (int i = 0; i < n; i++)
		if (argv[i][0] == '\0' || strpbrk(argv[i], " \t") != NULL)
			abort();
}

static void parse_plugin_values(const char *text)
{
	struct bfp_params params;
	char url[BFP_URL_MAX];
	char err[256];
	long ms;

	bfp_defaults(&params);
	if (bfp_parse_hostmap(text, &params, err, sizeof(err)) == 0) {
		/* An accepted map never names more hosts than the switch has ports. */
		if (params.nhosts > BFP_PORTS)
			abort();
		for (size_t i = 0; i < params.nhosts; i++)
			if (bfp_port_of(&params, params.hosts[i].name) != params.hosts[i].port)
				abort();
	}
	(void)bfp_parse_address(text, url, sizeof(url), err, sizeof(err));
	(void)bfp_parse_seconds(text, 0, BFP_MAX_RESET_WAIT_MS, &ms, err, sizeof(err));
	(void)bfp_check_guard(&params, err, sizeof(err));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	parse_plugin_values(text);
	split_script(text);
	parse_stdin_lines(text);
	free(text);
	return 0;
}
