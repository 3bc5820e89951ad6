/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosconf-dump FILE SECTION: the keys of one berofos.conf section that
 * wsctl reads, as libberofos's loader (the one fosctl, fos-kickd and the
 * fence agents use) sees them: "url=...", "user=...", "password_file=..."
 * lines, or exit 1 when the loader refuses the file.  tests/crm-config/
 * fosconf-agree.sh holds wsctl's shell reader to this. */
#include "config.h"

#include "berofos/berofos.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	struct fos_switch_conf conf;
	char message[512];

	if (argc != 3) {
		fputs("usage: fosconf-dump FILE SECTION\n", stderr);
		return 2;
	}
	memset(&conf, 0, sizeof(conf));
	if (fos_switch_conf_load(argv[1], argv[2], &conf, message, sizeof(message)) != FOS_OK) {
		fprintf(stderr, "fosconf-dump: %s\n", message);
		return 1;
	}
	if (printf("url=%s\nuser=%s\npassword_file=%s\n", conf.url, conf.user,
		   conf.password_file) < 0)
		return 1;
	return fflush(stdout) == 0 ? 0 : 1;
}
