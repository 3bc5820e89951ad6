/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu's persistent state: the config.txt page plus the admin password,
 * rewritten through a 0600 temporary file after every change. */
#include "config.h"

#include "berofos/emu_io.h"
#include "berofos/emu_log.h"
#include "common/clock.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int emu_save_state(struct emu *e)
{
	char page[4096], tmp[4096];
	size_t len;
	FILE *out;
	bool written;
	int fd;

	if (e->state_file == NULL)
		return 0;
	len = fos_devpage_format(&e->st.cfg, true, page, sizeof(page));
	if (len >= sizeof(page))
		return -1;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", e->state_file) >= sizeof(tmp))
		return -1;
	/* 0600: the file holds the admin password. */
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (out = fdopen(fd, "w")) == NULL) {
		emu_log(e, "error: cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	written = fprintf(out, "%semu_apwd=%s\n", page, e->st.apwd) >= 0 && fflush(out) == 0 &&
		  fsync(fd) == 0;
	if (fclose(out) != 0)              /* closes fd too, whatever happened before */
		written = false;
	if (!written || rename(tmp, e->state_file) != 0) {
		emu_log(e, "error: cannot write %s: %s", e->state_file, strerror(errno));
		(void)unlink(tmp);
		return -1;
	}
	return 0;
}

int emu_load_state(struct emu *e)
{
	static char page[65536];
	char error[128];
	struct fos_state cfg;
	const char *apwd;
	size_t len;
	FILE *in = fopen(e->state_file, "r");

	if (in == NULL)
		return errno == ENOENT ? 0 : -1;
	len = fread(page, 1, sizeof(page) - 1, in);
	if (ferror(in)) {
		fprintf(stderr, "fosemu: state file %s: %s\n", e->state_file, strerror(errno));
		fclose(in);
		return -1;
	}
	fclose(in);
	page[len] = '\0';
	if (fos_devpage_parse(page, len, &cfg, error, sizeof(error)) != 0) {
		fprintf(stderr, "fosemu: state file %s: %s\n", e->state_file, error);
		return -1;
	}
	for (int k = 0; k < FOS_K_COUNT; k++)
		if (cfg.seen[k])
			e->st.cfg.v[k] = cfg.v[k];
	apwd = strstr(page, "\nemu_apwd=");
	if (apwd != NULL)
		sscanf(apwd + 10, "%15[^\n]", e->st.apwd);
	if (e->st.cfg.v[FOS_K_WSTATE].num == FOS_WSTATE_ON)
		e->st.deadline_ms = ws_mono_ms() + e->st.cfg.v[FOS_K_WINTV].num * 1000LL;
	return 0;
}

