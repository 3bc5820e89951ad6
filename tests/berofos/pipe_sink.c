/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pipe_sink: the reader of a FIFO that never reads, for fos-kickd's tests.
 * Opens FIFO for reading, shrinks its buffer to one page so that a writer
 * blocks after a few kilobytes, creates READY, then sleeps SECONDS (at most
 * 60) without reading and exits.
 *
 *   pipe_sink FIFO READY SECONDS
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	long seconds;
	int fd, ready;

	if (argc != 4) {
		fprintf(stderr, "usage: pipe_sink FIFO READY SECONDS\n");
		return 2;
	}
	seconds = strtol(argv[3], &end, 10);
	if (*argv[3] == '\0' || *end != '\0' || seconds < 1 || seconds > 60) {
		fprintf(stderr, "pipe_sink: SECONDS must be 1..60\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fcntl(fd, F_SETPIPE_SZ, 4096) < 0) {
		perror("pipe_sink");
		return 1;
	}
	ready = open(argv[2], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (ready < 0 || close(ready) != 0) {
		perror("pipe_sink: READY");
		return 1;
	}
	sleep((unsigned)seconds);
	close(fd);
	return 0;
}
